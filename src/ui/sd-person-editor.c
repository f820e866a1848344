/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-person-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-body.h"
#include "sd-body-member.h"
#include "sd-labels.h"
#include "sd-org-rules.h"
#include "sd-person-editor.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-unit.h"

struct _SdPersonEditor
{
  SdEditorWindow       parent_instance;

  gint64               unit_id;
  AdwPreferencesGroup *details;
  AdwPreferencesGroup *held;
  GPtrArray           *held_rows;
};

G_DEFINE_FINAL_TYPE (SdPersonEditor, sd_person_editor, SD_TYPE_EDITOR_WINDOW)

enum {
  PROP_0,
  PROP_UNIT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GPtrArray *
check_full_time (SdEditorWindow *editor,
                 gpointer        item,
                 const GValue   *value)
{
  /* Only going part-time can break a rule (full-time-required). */
  if (g_value_get_boolean (value))
    return NULL;
  return sd_org_check_part_time (sd_editor_window_get_store (editor), item);
}

static GtkWidget *
held_row_new (const char *title,
              const char *subtitle,
              const char *tag)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (tag);

  /* Names come from the user; they are text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void
update_held (SdPersonEditor *self)
{
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  SdStore *store = sd_editor_window_get_store (editor);
  gint64 person_id = sd_editor_window_get_item_id (editor);
  GListModel *holders = sd_store_get_items (store, SD_TYPE_POST_HOLDER);
  GListModel *members = sd_store_get_items (store, SD_TYPE_BODY_MEMBER);
  guint n_holders = g_list_model_get_n_items (holders);
  guint n_members = g_list_model_get_n_items (members);

  for (guint i = 0; i < self->held_rows->len; i++)
    adw_preferences_group_remove (self->held, g_ptr_array_index (self->held_rows, i));
  g_ptr_array_set_size (self->held_rows, 0);

  if (person_id == 0)
    {
      adw_preferences_group_set_description (
        self->held, _("Posts and seats can be given once the person is added."));
      return;
    }

  /* A person holds a handful of posts and seats; a scan of the lists is
   * cheap next to keeping an index of them. */
  for (guint i = 0; i < n_holders; i++)
    {
      g_autoptr(SdPostHolder) holder = g_list_model_get_item (holders, i);
      SdPost *post;
      SdUnit *unit;
      GtkWidget *row;

      if (sd_post_holder_get_person_id (holder) != person_id)
        continue;
      post = sd_store_lookup (store, SD_TYPE_POST, sd_post_holder_get_post_id (holder));
      if (post == NULL)
        continue;
      unit = sd_store_lookup (store, SD_TYPE_UNIT, sd_post_get_unit_id (post));
      row = held_row_new (sd_post_get_name (post),
                          unit != NULL ? sd_unit_get_name (unit) : _("Organisation-wide"),
                          sd_post_holder_get_is_primary (holder) ? _("Primary") : _("Deputy"));
      g_ptr_array_add (self->held_rows, row);
      adw_preferences_group_add (self->held, row);
    }

  for (guint i = 0; i < n_members; i++)
    {
      g_autoptr(SdBodyMember) member = g_list_model_get_item (members, i);
      SdBody *body;
      GtkWidget *row;

      if (sd_body_member_get_person_id (member) != person_id)
        continue;
      body = sd_store_lookup (store, SD_TYPE_BODY, sd_body_member_get_body_id (member));
      if (body == NULL)
        continue;
      row = held_row_new (sd_body_get_name (body),
                          sd_body_kind_label (sd_body_get_kind (body)),
                          sd_member_role_label (sd_body_member_get_role (member)));
      g_ptr_array_add (self->held_rows, row);
      adw_preferences_group_add (self->held, row);
    }

  adw_preferences_group_set_description (self->held,
                                         self->held_rows->len == 0
                                         ? _("Holds no post and has no seat in a security body.")
                                         : NULL);
}

static void
sd_person_editor_constructed (GObject *object)
{
  SdPersonEditor *self = SD_PERSON_EDITOR (object);
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  AdwPreferencesPage *page;
  SdStore *store;
  GtkWidget *row;
  const GType watched[] = {
    SD_TYPE_POST_HOLDER, SD_TYPE_BODY_MEMBER, SD_TYPE_POST, SD_TYPE_BODY, SD_TYPE_UNIT,
  };

  G_OBJECT_CLASS (sd_person_editor_parent_class)->constructed (object);

  store = sd_editor_window_get_store (editor);
  page = sd_editor_window_get_page (editor);
  sd_editor_window_set_titles (editor, _("New Person"), _("Person"));
  sd_editor_window_set_default_ref (editor, "unit-id", self->unit_id);
  sd_editor_window_set_default_boolean (editor, "full-time", TRUE);
  sd_editor_window_set_default_boolean (editor, "active", TRUE);

  self->details = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  if (sd_editor_window_get_item (editor) == NULL)
    adw_preferences_group_set_description (self->details,
                                           _("The person is added when you apply the name."));
  adw_preferences_page_add (page, self->details);

  sd_editor_window_add_entry (editor, self->details, "name", _("Name"), TRUE);
  sd_editor_window_add_ref (editor, self->details, "unit-id", _("Unit"), SD_TYPE_UNIT,
                            _("No unit"), NULL);
  sd_editor_window_add_entry (editor, self->details, "job-title", _("Job Title"), FALSE);
  row = sd_editor_window_add_switch (editor, self->details, "full-time", _("Full-Time"),
                                     _("Off for part-time staff"));
  sd_editor_window_set_field_check (editor, row, check_full_time);
  sd_editor_window_add_switch (editor, self->details, "active", _("Active"),
                               _("Off for someone who has left or is away for long"));

  self->held = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->held, _("Posts and Seats"));
  adw_preferences_page_add (page, self->held);
  sd_editor_window_add_dependent (editor, GTK_WIDGET (self->held));

  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    g_signal_connect_object (sd_store_get_items (store, watched[i]), "items-changed",
                             G_CALLBACK (update_held), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  update_held (self);
}

static void
sd_person_editor_item_created (SdEditorWindow *editor)
{
  SdPersonEditor *self = SD_PERSON_EDITOR (editor);

  adw_preferences_group_set_description (self->details, NULL);
  update_held (self);
}

static void
sd_person_editor_finalize (GObject *object)
{
  SdPersonEditor *self = SD_PERSON_EDITOR (object);

  g_clear_pointer (&self->held_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sd_person_editor_parent_class)->finalize (object);
}

static void
sd_person_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SdPersonEditor *self = SD_PERSON_EDITOR (object);

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
sd_person_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SdPersonEditor *self = SD_PERSON_EDITOR (object);

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
sd_person_editor_class_init (SdPersonEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SdEditorWindowClass *editor_class = SD_EDITOR_WINDOW_CLASS (klass);

  object_class->constructed = sd_person_editor_constructed;
  object_class->finalize = sd_person_editor_finalize;
  object_class->get_property = sd_person_editor_get_property;
  object_class->set_property = sd_person_editor_set_property;

  editor_class->item_created = sd_person_editor_item_created;

  /* The unit of a new person, at first; 0 for none. */
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
sd_person_editor_init (SdPersonEditor *self)
{
  self->held_rows = g_ptr_array_new ();
}

/**
 * sd_person_editor_new:
 * @parent: (nullable): the window the editor is modal to
 * @store: the store
 * @person: (nullable): the person to edit, or %NULL for a new one
 * @unit_id: for a new person, the unit (0: none)
 *
 * Returns: (transfer none): the editor, not yet shown
 */
GtkWindow *
sd_person_editor_new (GtkWindow *parent,
                      SdStore   *store,
                      SdPerson  *person,
                      gint64     unit_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (person == NULL || SD_IS_PERSON (person), NULL);

  return g_object_new (SD_TYPE_PERSON_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "item-type", SD_TYPE_PERSON,
                       "item", person,
                       "unit-id", unit_id,
                       NULL);
}
