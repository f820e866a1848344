/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-post-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-labels.h"
#include "sd-org-rules.h"
#include "sd-person.h"
#include "sd-post-editor.h"
#include "sd-post-holder.h"
#include "sd-unit.h"

struct _SdPostEditor
{
  SdEditorWindow       parent_instance;

  gint64               unit_id;
  AdwPreferencesGroup *details;
  AdwPreferencesGroup *holders;
  GPtrArray           *holder_rows;
  GtkWidget           *picker;
  guint                update_id;
};

G_DEFINE_FINAL_TYPE (SdPostEditor, sd_post_editor, SD_TYPE_EDITOR_WINDOW)

enum {
  PROP_0,
  PROP_UNIT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const post_types[] = {
  "security-director", "security-admin", "security-auditor", "network-admin",
  "system-admin", "machine-room-admin", "security-liaison", "other", NULL
};

/* The choices of a holder's role, in the order of the drop-down. */
enum {
  HOLDER_PRIMARY,
  HOLDER_DEPUTY,
};

static void
holder_role_changed_cb (GtkDropDown  *drop_down,
                        GParamSpec   *pspec,
                        SdPostEditor *self)
{
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  SdStore *store = sd_editor_window_get_store (editor);
  gint64 holder_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (drop_down), "sd-holder-id"));
  SdPostHolder *holder = sd_store_lookup (store, SD_TYPE_POST_HOLDER, holder_id);
  gboolean primary = gtk_drop_down_get_selected (drop_down) == HOLDER_PRIMARY;
  g_autoptr(GError) error = NULL;

  if (holder == NULL || sd_post_holder_get_is_primary (holder) == primary)
    return;
  if (!sd_store_update (store, holder, &error, "is-primary", primary, NULL))
    {
      sd_editor_window_show_error (editor, error);
      gtk_drop_down_set_selected (drop_down, sd_post_holder_get_is_primary (holder)
                                             ? HOLDER_PRIMARY : HOLDER_DEPUTY);
    }
}

static void
holder_remove_clicked_cb (GtkButton    *button,
                          SdPostEditor *self)
{
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  SdStore *store = sd_editor_window_get_store (editor);
  gint64 holder_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "sd-holder-id"));
  SdPostHolder *holder = sd_store_lookup (store, SD_TYPE_POST_HOLDER, holder_id);
  g_autoptr(GError) error = NULL;

  if (holder != NULL && !sd_store_delete (store, holder, &error))
    sd_editor_window_show_error (editor, error);
}

static GtkWidget *
holder_row_new (SdPostEditor *self,
                SdPostHolder *holder)
{
  SdStore *store = sd_editor_window_get_store (SD_EDITOR_WINDOW (self));
  SdPerson *person = sd_store_lookup (store, SD_TYPE_PERSON, sd_post_holder_get_person_id (holder));
  const char *name = person != NULL ? sd_person_get_name (person) : _("Unknown person");
  gpointer id = GSIZE_TO_POINTER (sd_item_get_id (SD_ITEM (holder)));
  const char * const roles[] = { _("Primary"), _("Deputy"), NULL };
  g_autofree char *role_name = NULL;
  g_autofree char *remove_name = NULL;
  g_autofree char *subtitle = person != NULL ? sd_editor_person_detail (store, person) : NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *role;
  GtkWidget *remove;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");

  role = gtk_drop_down_new_from_strings (roles);
  gtk_widget_set_valign (role, GTK_ALIGN_CENTER);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (role), sd_post_holder_get_is_primary (holder)
                                                    ? HOLDER_PRIMARY : HOLDER_DEPUTY);
  /* Translators: the accessible name of the primary/deputy choice of a
   * holder; %s is a person */
  role_name = g_strdup_printf (_("Role of %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (role),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, role_name,
                                  -1);
  g_object_set_data (G_OBJECT (role), "sd-holder-id", id);
  g_signal_connect_object (role, "notify::selected",
                           G_CALLBACK (holder_role_changed_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), role);

  /* Translators: the accessible name of the button that takes a post from
   * someone; %s is a person */
  remove_name = g_strdup_printf (_("Remove %s"), name);
  remove = sd_editor_icon_button_new ("list-remove-symbolic", _("Remove Holder"), remove_name);
  g_object_set_data (G_OBJECT (remove), "sd-holder-id", id);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (holder_remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static void
update_holders (SdPostEditor *self)
{
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  SdStore *store = sd_editor_window_get_store (editor);
  SdPost *post = sd_editor_window_get_item (editor);
  GListModel *holders = sd_store_get_items (store, SD_TYPE_POST_HOLDER);
  guint n_holders = g_list_model_get_n_items (holders);
  gint64 post_id = post != NULL ? sd_item_get_id (SD_ITEM (post)) : 0;
  guint n_rows;

  for (guint i = 0; i < self->holder_rows->len; i++)
    adw_preferences_group_remove (self->holders, g_ptr_array_index (self->holder_rows, i));
  g_ptr_array_set_size (self->holder_rows, 0);

  /* The rows are made again on every change: a post has a few holders,
   * and the picker has to stay last. The primary holders come first. */
  for (int pass = 0; pass < 2 && post_id != 0; pass++)
    {
      for (guint i = 0; i < n_holders; i++)
        {
          g_autoptr(SdPostHolder) holder = g_list_model_get_item (holders, i);
          GtkWidget *row;

          if (sd_post_holder_get_post_id (holder) != post_id ||
              sd_post_holder_get_is_primary (holder) != (pass == 0))
            continue;
          row = holder_row_new (self, holder);
          g_ptr_array_add (self->holder_rows, row);
          adw_preferences_group_add (self->holders, row);
        }
    }
  sd_editor_window_refresh_person_picker (editor, self->picker);

  n_rows = self->holder_rows->len;
  if (post_id == 0)
    adw_preferences_group_set_description (self->holders,
                                           _("Holders can be added once the post is added."));
  else if (sd_post_get_key_post (post) && n_rows < 2)
    adw_preferences_group_set_description (self->holders,
                                           _("A key post needs at least two holders."));
  else if (n_rows == 0)
    adw_preferences_group_set_description (self->holders, _("No one holds this post yet."));
  else
    adw_preferences_group_set_description (self->holders, NULL);
}

static gboolean
update_holders_idle_cb (gpointer user_data)
{
  SdPostEditor *self = user_data;

  self->update_id = 0;
  update_holders (self);
  return G_SOURCE_REMOVE;
}

/* The rows are made again once the main loop is idle: the change may come
 * from a control of one of them (its role, its remove button), which must
 * not be destroyed while it is still emitting. */
static void
queue_update_holders (SdPostEditor *self)
{
  if (self->update_id == 0)
    self->update_id = g_idle_add (update_holders_idle_cb, self);
}

typedef struct
{
  gint64 post_id;
  gint64 person_id;
} NewHolder;

static void
add_holder_confirmed_cb (SdEditorWindow *editor,
                         gboolean        keep,
                         gpointer        user_data)
{
  SdPostEditor *self = SD_POST_EDITOR (editor);
  SdStore *store = sd_editor_window_get_store (editor);
  NewHolder *new_holder = user_data;
  GListModel *holders = sd_store_get_items (store, SD_TYPE_POST_HOLDER);
  guint n_holders = g_list_model_get_n_items (holders);
  gboolean has_primary = FALSE;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;

  if (!keep)
    return;

  for (guint i = 0; i < n_holders && !has_primary; i++)
    {
      g_autoptr(SdPostHolder) holder = g_list_model_get_item (holders, i);

      has_primary = sd_post_holder_get_post_id (holder) == new_holder->post_id &&
                    sd_post_holder_get_is_primary (holder);
    }

  /* The first holder is the primary one; more are deputies until the user
   * says otherwise. */
  if (sd_store_insert (store, SD_TYPE_POST_HOLDER, &error,
                       "post-id", new_holder->post_id,
                       "person-id", new_holder->person_id,
                       "is-primary", !has_primary,
                       "since", today,
                       NULL) == NULL)
    {
      sd_editor_window_show_error (editor, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->picker), "");
}

/* The people who hold the post already are not offered again. */
static GHashTable *
holders_of_post_cb (SdEditorWindow *editor,
                    gpointer        user_data)
{
  GListModel *holders = sd_store_get_items (sd_editor_window_get_store (editor),
                                            SD_TYPE_POST_HOLDER);
  guint n_holders = g_list_model_get_n_items (holders);
  gint64 post_id = sd_editor_window_get_item_id (editor);
  GHashTable *people = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n_holders; i++)
    {
      g_autoptr(SdPostHolder) holder = g_list_model_get_item (holders, i);

      if (sd_post_holder_get_post_id (holder) == post_id)
        g_hash_table_add (people, GSIZE_TO_POINTER (sd_post_holder_get_person_id (holder)));
    }
  return people;
}

static void
add_holder_picked_cb (SdEditorWindow *editor,
                      SdPerson       *person,
                      gpointer        user_data)
{
  SdStore *store = sd_editor_window_get_store (editor);
  SdPost *post = sd_editor_window_get_item (editor);
  GListModel *holders = sd_store_get_items (store, SD_TYPE_POST_HOLDER);
  guint n_holders = g_list_model_get_n_items (holders);
  g_autoptr(GPtrArray) violations = NULL;
  NewHolder *new_holder;

  if (post == NULL || person == NULL)
    return;

  for (guint i = 0; i < n_holders; i++)
    {
      g_autoptr(SdPostHolder) holder = g_list_model_get_item (holders, i);

      if (sd_post_holder_get_post_id (holder) == sd_item_get_id (SD_ITEM (post)) &&
          sd_post_holder_get_person_id (holder) == sd_item_get_id (SD_ITEM (person)))
        {
          /* Translators: %s is a person */
          g_autofree char *message = g_strdup_printf (_("%s already holds this post."),
                                                      sd_person_get_name (person));

          sd_editor_window_toast (editor, message);
          return;
        }
    }

  new_holder = g_new0 (NewHolder, 1);
  new_holder->post_id = sd_item_get_id (SD_ITEM (post));
  new_holder->person_id = sd_item_get_id (SD_ITEM (person));

  /* Checked before anything is stored: the user decides whether a
   * conflicting assignment goes on record. */
  violations = sd_org_check_new_holder (store, post, person);
  sd_editor_window_confirm (editor, violations, add_holder_confirmed_cb, new_holder, g_free);
}

static void
sd_post_editor_constructed (GObject *object)
{
  SdPostEditor *self = SD_POST_EDITOR (object);
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  AdwPreferencesPage *page;
  SdStore *store;

  G_OBJECT_CLASS (sd_post_editor_parent_class)->constructed (object);

  store = sd_editor_window_get_store (editor);
  page = sd_editor_window_get_page (editor);
  sd_editor_window_set_titles (editor, _("New Post"), _("Post"));
  sd_editor_window_set_default_ref (editor, "unit-id", self->unit_id);
  sd_editor_window_set_default_string (editor, "post-type", "other");

  self->details = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  if (sd_editor_window_get_item (editor) == NULL)
    adw_preferences_group_set_description (self->details,
                                           _("The post is added when you apply its name."));
  adw_preferences_page_add (page, self->details);

  sd_editor_window_add_entry (editor, self->details, "name", _("Name"), TRUE);
  sd_editor_window_add_ref (editor, self->details, "unit-id", _("Unit"), SD_TYPE_UNIT,
                            _("Organisation-wide"), NULL);
  sd_editor_window_add_choice (editor, self->details, "post-type", _("Post Type"), post_types,
                               sd_post_type_label);
  sd_editor_window_add_entry (editor, self->details, "description", _("Description"), FALSE);
  sd_editor_window_add_switch (editor, self->details, "key-post", _("Key Post"),
                               _("Needs at least two holders"));
  sd_editor_window_add_switch (editor, self->details, "full-time-required",
                               _("Full-Time Required"),
                               _("Part-time staff may not hold it"));

  self->holders = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->holders, _("Holders"));
  adw_preferences_page_add (page, self->holders);
  sd_editor_window_add_dependent (editor, GTK_WIDGET (self->holders));

  self->picker = sd_editor_window_add_person_picker (editor, self->holders,
                                                     _("Find Person to Add"),
                                                     holders_of_post_cb,
                                                     add_holder_picked_cb, NULL);

  g_signal_connect_object (sd_store_get_items (store, SD_TYPE_POST_HOLDER), "items-changed",
                           G_CALLBACK (queue_update_holders), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (sd_store_get_items (store, SD_TYPE_PERSON), "items-changed",
                           G_CALLBACK (queue_update_holders), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  /* The post itself: whether it is a key post changes the hint. */
  g_signal_connect_object (sd_store_get_items (store, SD_TYPE_POST), "items-changed",
                           G_CALLBACK (queue_update_holders), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  update_holders (self);
}

static void
sd_post_editor_item_created (SdEditorWindow *editor)
{
  SdPostEditor *self = SD_POST_EDITOR (editor);

  adw_preferences_group_set_description (self->details, NULL);
  update_holders (self);
}

static void
sd_post_editor_dispose (GObject *object)
{
  SdPostEditor *self = SD_POST_EDITOR (object);

  g_clear_handle_id (&self->update_id, g_source_remove);
  g_ptr_array_set_size (self->holder_rows, 0);

  G_OBJECT_CLASS (sd_post_editor_parent_class)->dispose (object);
}

static void
sd_post_editor_finalize (GObject *object)
{
  SdPostEditor *self = SD_POST_EDITOR (object);

  g_clear_pointer (&self->holder_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sd_post_editor_parent_class)->finalize (object);
}

static void
sd_post_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SdPostEditor *self = SD_POST_EDITOR (object);

  switch (prop_id)
    {
    case PROP_UNIT_ID:
      g_value_set_int64 (value, self->unit_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_post_editor_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SdPostEditor *self = SD_POST_EDITOR (object);

  switch (prop_id)
    {
    case PROP_UNIT_ID:
      self->unit_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_post_editor_class_init (SdPostEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SdEditorWindowClass *editor_class = SD_EDITOR_WINDOW_CLASS (klass);

  object_class->constructed = sd_post_editor_constructed;
  object_class->dispose = sd_post_editor_dispose;
  object_class->finalize = sd_post_editor_finalize;
  object_class->get_property = sd_post_editor_get_property;
  object_class->set_property = sd_post_editor_set_property;

  editor_class->item_created = sd_post_editor_item_created;

  /* The unit of a new post, at first; 0 for an organisation-wide post. */
  properties[PROP_UNIT_ID] =
    g_param_spec_int64 ("unit-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_post_editor_init (SdPostEditor *self)
{
  self->holder_rows = g_ptr_array_new ();
}

/**
 * sd_post_editor_new:
 * @parent: (nullable): the window the editor is modal to
 * @store: the store
 * @post: (nullable): the post to edit, or %NULL for a new one
 * @unit_id: for a new post, its unit (0: organisation-wide)
 *
 * Returns: (transfer none): the editor, not yet shown
 */
GtkWindow *
sd_post_editor_new (GtkWindow *parent,
                    SdStore   *store,
                    SdPost    *post,
                    gint64     unit_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (post == NULL || SD_IS_POST (post), NULL);

  return g_object_new (SD_TYPE_POST_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "item-type", SD_TYPE_POST,
                       "item", post,
                       "unit-id", unit_id,
                       NULL);
}
