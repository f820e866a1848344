/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-body-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-body-editor.h"
#include "sd-body-member.h"
#include "sd-labels.h"
#include "sd-person.h"

struct _SdBodyEditor
{
  SdEditorWindow       parent_instance;

  gint64               led_by_id;
  AdwPreferencesGroup *details;
  GtkFilter           *leader_filter;
  AdwPreferencesGroup *members;
  GPtrArray           *member_rows;
  GtkWidget           *picker;
  guint                update_id;
};

G_DEFINE_FINAL_TYPE (SdBodyEditor, sd_body_editor, SD_TYPE_EDITOR_WINDOW)

enum {
  PROP_0,
  PROP_LED_BY_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const body_kinds[] = {
  "leadership", "working", "emergency", "inspection", "execution", "other", NULL
};

/* In the order of the role drop-down of a member. */
static const char * const roles[] = { "leader", "deputy", "member", NULL };

static guint
role_index (const char *role)
{
  for (guint i = 0; roles[i] != NULL; i++)
    {
      if (g_strcmp0 (roles[i], role) == 0)
        return i;
    }
  return G_N_ELEMENTS (roles) - 1;
}

/* A body cannot be led by itself, nor by a body it leads (directly or
 * further down): that would make a loop with no body at the top. */
static gboolean
leader_filter_cb (gpointer item,
                  gpointer user_data)
{
  SdBodyEditor *self = user_data;
  SdStore *store = sd_editor_window_get_store (SD_EDITOR_WINDOW (self));
  gint64 self_id = sd_editor_window_get_item_id (SD_EDITOR_WINDOW (self));
  SdBody *body = item;
  guint steps = 0;

  if (self_id == 0)
    return TRUE;

  /* The steps are bounded in case the data already holds a loop. */
  while (body != NULL && steps++ < 1000)
    {
      if (sd_item_get_id (SD_ITEM (body)) == self_id)
        return FALSE;
      body = sd_store_lookup (store, SD_TYPE_BODY, sd_body_get_led_by_id (body));
    }
  return TRUE;
}

static void
member_role_changed_cb (GtkDropDown  *drop_down,
                        GParamSpec   *pspec,
                        SdBodyEditor *self)
{
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  SdStore *store = sd_editor_window_get_store (editor);
  gint64 member_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (drop_down), "sd-member-id"));
  SdBodyMember *member = sd_store_lookup (store, SD_TYPE_BODY_MEMBER, member_id);
  guint selected = gtk_drop_down_get_selected (drop_down);
  g_autoptr(GError) error = NULL;

  if (member == NULL || selected >= G_N_ELEMENTS (roles) - 1 ||
      g_strcmp0 (sd_body_member_get_role (member), roles[selected]) == 0)
    return;
  if (!sd_store_update (store, member, &error, "role", roles[selected], NULL))
    {
      sd_editor_window_show_error (editor, error);
      gtk_drop_down_set_selected (drop_down, role_index (sd_body_member_get_role (member)));
    }
}

static void
member_remove_clicked_cb (GtkButton    *button,
                          SdBodyEditor *self)
{
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  SdStore *store = sd_editor_window_get_store (editor);
  gint64 member_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "sd-member-id"));
  SdBodyMember *member = sd_store_lookup (store, SD_TYPE_BODY_MEMBER, member_id);
  g_autoptr(GError) error = NULL;

  if (member != NULL && !sd_store_delete (store, member, &error))
    sd_editor_window_show_error (editor, error);
}

static GtkWidget *
member_row_new (SdBodyEditor *self,
                SdBodyMember *member)
{
  SdStore *store = sd_editor_window_get_store (SD_EDITOR_WINDOW (self));
  SdPerson *person = sd_store_lookup (store, SD_TYPE_PERSON, sd_body_member_get_person_id (member));
  const char *name = person != NULL ? sd_person_get_name (person) : _("Unknown person");
  gpointer id = GSIZE_TO_POINTER (sd_item_get_id (SD_ITEM (member)));
  const char * const labels[] = {
    sd_member_role_label (roles[0]), sd_member_role_label (roles[1]),
    sd_member_role_label (roles[2]), NULL
  };
  g_autofree char *role_name = NULL;
  g_autofree char *remove_name = NULL;
  g_autofree char *subtitle = person != NULL ? sd_editor_person_detail (store, person) : NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *role;
  GtkWidget *remove;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");

  role = gtk_drop_down_new_from_strings (labels);
  gtk_widget_set_valign (role, GTK_ALIGN_CENTER);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (role),
                              role_index (sd_body_member_get_role (member)));
  /* Translators: the accessible name of the role choice of a member of a
   * security body; %s is a person */
  role_name = g_strdup_printf (_("Role of %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (role),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, role_name,
                                  -1);
  g_object_set_data (G_OBJECT (role), "sd-member-id", id);
  g_signal_connect_object (role, "notify::selected",
                           G_CALLBACK (member_role_changed_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), role);

  /* Translators: the accessible name of the button that takes someone out
   * of a security body; %s is a person */
  remove_name = g_strdup_printf (_("Remove %s"), name);
  remove = sd_editor_icon_button_new ("list-remove-symbolic", _("Remove Member"), remove_name);
  g_object_set_data (G_OBJECT (remove), "sd-member-id", id);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (member_remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static void
update_members (SdBodyEditor *self)
{
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  SdStore *store = sd_editor_window_get_store (editor);
  gint64 body_id = sd_editor_window_get_item_id (editor);
  GListModel *members = sd_store_get_items (store, SD_TYPE_BODY_MEMBER);
  guint n_members = g_list_model_get_n_items (members);

  for (guint i = 0; i < self->member_rows->len; i++)
    adw_preferences_group_remove (self->members, g_ptr_array_index (self->member_rows, i));
  g_ptr_array_set_size (self->member_rows, 0);

  /* Made again on every change, leaders first, with the picker last. */
  for (guint rank = 0; rank < G_N_ELEMENTS (roles) - 1 && body_id != 0; rank++)
    {
      for (guint i = 0; i < n_members; i++)
        {
          g_autoptr(SdBodyMember) member = g_list_model_get_item (members, i);
          GtkWidget *row;

          if (sd_body_member_get_body_id (member) != body_id ||
              role_index (sd_body_member_get_role (member)) != rank)
            continue;
          row = member_row_new (self, member);
          g_ptr_array_add (self->member_rows, row);
          adw_preferences_group_add (self->members, row);
        }
    }
  sd_editor_window_refresh_person_picker (editor, self->picker);

  if (body_id == 0)
    adw_preferences_group_set_description (self->members,
                                           _("Members can be added once the body is added."));
  else if (self->member_rows->len == 0)
    adw_preferences_group_set_description (self->members, _("This body has no members yet."));
  else
    adw_preferences_group_set_description (self->members, NULL);
}

static gboolean
update_members_idle_cb (gpointer user_data)
{
  SdBodyEditor *self = user_data;

  self->update_id = 0;
  update_members (self);
  return G_SOURCE_REMOVE;
}

/* The rows are made again once the main loop is idle: the change may come
 * from a control of one of them (its role, its remove button), which must
 * not be destroyed while it is still emitting. */
static void
queue_update_members (SdBodyEditor *self)
{
  if (self->update_id == 0)
    self->update_id = g_idle_add (update_members_idle_cb, self);
}

/* The members already in are not offered again. */
static GHashTable *
members_of_body_cb (SdEditorWindow *editor,
                    gpointer        user_data)
{
  GListModel *members = sd_store_get_items (sd_editor_window_get_store (editor),
                                            SD_TYPE_BODY_MEMBER);
  guint n_members = g_list_model_get_n_items (members);
  gint64 body_id = sd_editor_window_get_item_id (editor);
  GHashTable *people = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n_members; i++)
    {
      g_autoptr(SdBodyMember) member = g_list_model_get_item (members, i);

      if (sd_body_member_get_body_id (member) == body_id)
        g_hash_table_add (people, GSIZE_TO_POINTER (sd_body_member_get_person_id (member)));
    }
  return people;
}

static void
add_member_picked_cb (SdEditorWindow *editor,
                      SdPerson       *person,
                      gpointer        user_data)
{
  SdBodyEditor *self = SD_BODY_EDITOR (editor);
  SdStore *store = sd_editor_window_get_store (editor);
  gint64 body_id = sd_editor_window_get_item_id (editor);
  GListModel *members = sd_store_get_items (store, SD_TYPE_BODY_MEMBER);
  guint n_members = g_list_model_get_n_items (members);
  g_autoptr(GError) error = NULL;

  if (body_id == 0 || person == NULL)
    return;

  for (guint i = 0; i < n_members; i++)
    {
      g_autoptr(SdBodyMember) member = g_list_model_get_item (members, i);

      if (sd_body_member_get_body_id (member) == body_id &&
          sd_body_member_get_person_id (member) == sd_item_get_id (SD_ITEM (person)))
        {
          /* Translators: %s is a person */
          g_autofree char *message = g_strdup_printf (_("%s is already a member."),
                                                      sd_person_get_name (person));

          sd_editor_window_toast (editor, message);
          return;
        }
    }

  if (sd_store_insert (store, SD_TYPE_BODY_MEMBER, &error,
                       "body-id", body_id,
                       "person-id", sd_item_get_id (SD_ITEM (person)),
                       "role", "member",
                       NULL) == NULL)
    {
      sd_editor_window_show_error (editor, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->picker), "");
}

static void
sd_body_editor_constructed (GObject *object)
{
  SdBodyEditor *self = SD_BODY_EDITOR (object);
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  AdwPreferencesPage *page;
  SdStore *store;

  G_OBJECT_CLASS (sd_body_editor_parent_class)->constructed (object);

  store = sd_editor_window_get_store (editor);
  page = sd_editor_window_get_page (editor);
  sd_editor_window_set_titles (editor, _("New Security Body"), _("Security Body"));
  sd_editor_window_set_default_ref (editor, "led-by-id", self->led_by_id);
  sd_editor_window_set_default_string (editor, "kind", "working");

  self->details = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  if (sd_editor_window_get_item (editor) == NULL)
    adw_preferences_group_set_description (self->details,
                                           _("The body is added when you apply its name."));
  adw_preferences_page_add (page, self->details);

  sd_editor_window_add_entry (editor, self->details, "name", _("Name"), TRUE);
  sd_editor_window_add_choice (editor, self->details, "kind", _("Kind"), body_kinds,
                               sd_body_kind_label);
  self->leader_filter = GTK_FILTER (gtk_custom_filter_new (leader_filter_cb, self, NULL));
  sd_editor_window_add_ref (editor, self->details, "led-by-id", _("Led By"), SD_TYPE_BODY,
                            _("No leading body"), g_object_ref (self->leader_filter));
  sd_editor_window_add_entry (editor, self->details, "description", _("Description"), FALSE);

  self->members = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->members, _("Members"));
  adw_preferences_page_add (page, self->members);
  sd_editor_window_add_dependent (editor, GTK_WIDGET (self->members));

  self->picker = sd_editor_window_add_person_picker (editor, self->members,
                                                     _("Find Member to Add"),
                                                     members_of_body_cb,
                                                     add_member_picked_cb, NULL);

  g_signal_connect_object (sd_store_get_items (store, SD_TYPE_BODY_MEMBER), "items-changed",
                           G_CALLBACK (queue_update_members), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (sd_store_get_items (store, SD_TYPE_PERSON), "items-changed",
                           G_CALLBACK (queue_update_members), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  update_members (self);
}

static void
sd_body_editor_item_created (SdEditorWindow *editor)
{
  SdBodyEditor *self = SD_BODY_EDITOR (editor);

  adw_preferences_group_set_description (self->details, NULL);
  /* Now that the body exists, the bodies it leads may not lead it. */
  gtk_filter_changed (self->leader_filter, GTK_FILTER_CHANGE_MORE_STRICT);
  update_members (self);
}

static void
sd_body_editor_dispose (GObject *object)
{
  SdBodyEditor *self = SD_BODY_EDITOR (object);

  g_clear_handle_id (&self->update_id, g_source_remove);
  g_ptr_array_set_size (self->member_rows, 0);

  G_OBJECT_CLASS (sd_body_editor_parent_class)->dispose (object);

  g_clear_object (&self->leader_filter);
}

static void
sd_body_editor_finalize (GObject *object)
{
  SdBodyEditor *self = SD_BODY_EDITOR (object);

  g_clear_pointer (&self->member_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sd_body_editor_parent_class)->finalize (object);
}

static void
sd_body_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SdBodyEditor *self = SD_BODY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_LED_BY_ID:
      g_value_set_int64 (value, self->led_by_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_body_editor_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SdBodyEditor *self = SD_BODY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_LED_BY_ID:
      self->led_by_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_body_editor_class_init (SdBodyEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SdEditorWindowClass *editor_class = SD_EDITOR_WINDOW_CLASS (klass);

  object_class->constructed = sd_body_editor_constructed;
  object_class->dispose = sd_body_editor_dispose;
  object_class->finalize = sd_body_editor_finalize;
  object_class->get_property = sd_body_editor_get_property;
  object_class->set_property = sd_body_editor_set_property;

  editor_class->item_created = sd_body_editor_item_created;

  /* The body that leads a new body, at first; 0 for none. */
  properties[PROP_LED_BY_ID] =
    g_param_spec_int64 ("led-by-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_body_editor_init (SdBodyEditor *self)
{
  self->member_rows = g_ptr_array_new ();
}

/**
 * sd_body_editor_new:
 * @parent: (nullable): the window the editor is modal to
 * @store: the store
 * @body: (nullable): the body to edit, or %NULL for a new one
 * @led_by_id: for a new body, the body that leads it (0: none)
 *
 * Returns: (transfer none): the editor, not yet shown
 */
GtkWindow *
sd_body_editor_new (GtkWindow *parent,
                    SdStore   *store,
                    SdBody    *body,
                    gint64     led_by_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (body == NULL || SD_IS_BODY (body), NULL);

  return g_object_new (SD_TYPE_BODY_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "item-type", SD_TYPE_BODY,
                       "item", body,
                       "led-by-id", led_by_id,
                       NULL);
}
