/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-unit-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-labels.h"
#include "sd-person.h"
#include "sd-unit-editor.h"

struct _SdUnitEditor
{
  SdEditorWindow       parent_instance;

  gint64               parent_id;
  AdwPreferencesGroup *group;
};

G_DEFINE_FINAL_TYPE (SdUnitEditor, sd_unit_editor, SD_TYPE_EDITOR_WINDOW)

enum {
  PROP_0,
  PROP_PARENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const unit_kinds[] = { "company", "department", "section", "other", NULL };

static const char *
default_kind (SdUnitEditor *self)
{
  SdStore *store = sd_editor_window_get_store (SD_EDITOR_WINDOW (self));
  SdUnit *parent = sd_store_lookup (store, SD_TYPE_UNIT, self->parent_id);
  const char *parent_kind;

  if (self->parent_id == 0)
    return "company";
  parent_kind = parent != NULL ? sd_unit_get_kind (parent) : "company";
  if (g_str_equal (parent_kind, "department") || g_str_equal (parent_kind, "section"))
    return "section";
  return "department";
}

static void
sd_unit_editor_constructed (GObject *object)
{
  SdUnitEditor *self = SD_UNIT_EDITOR (object);
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);

  G_OBJECT_CLASS (sd_unit_editor_parent_class)->constructed (object);

  sd_editor_window_set_titles (editor, _("New Unit"), _("Unit"));

  /* A unit at the root is the company; below the company, a department;
   * below a department, a section. */
  sd_editor_window_set_default_ref (editor, "parent-id", self->parent_id);
  sd_editor_window_set_default_string (editor, "kind", default_kind (self));

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  if (sd_editor_window_get_item (editor) == NULL)
    adw_preferences_group_set_description (self->group,
                                           _("The unit is added when you apply its name."));
  adw_preferences_page_add (sd_editor_window_get_page (editor), self->group);

  sd_editor_window_add_entry (editor, self->group, "name", _("Name"), TRUE);
  sd_editor_window_add_choice (editor, self->group, "kind", _("Kind"), unit_kinds,
                               sd_unit_kind_label);
  sd_editor_window_add_ref (editor, self->group, "head-id", _("Head"), SD_TYPE_PERSON,
                            _("No head named"), NULL);
  sd_editor_window_add_spin (editor, self->group, "staff-count", _("Staff"), 0, 1000000);
}

static void
sd_unit_editor_item_created (SdEditorWindow *editor)
{
  SdUnitEditor *self = SD_UNIT_EDITOR (editor);

  adw_preferences_group_set_description (self->group, NULL);
}

static void
sd_unit_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SdUnitEditor *self = SD_UNIT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PARENT_ID:
      g_value_set_int64 (value, self->parent_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_unit_editor_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SdUnitEditor *self = SD_UNIT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PARENT_ID:
      self->parent_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_unit_editor_class_init (SdUnitEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SdEditorWindowClass *editor_class = SD_EDITOR_WINDOW_CLASS (klass);

  object_class->constructed = sd_unit_editor_constructed;
  object_class->get_property = sd_unit_editor_get_property;
  object_class->set_property = sd_unit_editor_set_property;

  editor_class->item_created = sd_unit_editor_item_created;

  /* The unit a new unit is made under; 0 for a root unit. */
  properties[PROP_PARENT_ID] =
    g_param_spec_int64 ("parent-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_unit_editor_init (SdUnitEditor *self)
{
}

/**
 * sd_unit_editor_new:
 * @parent: (nullable): the window the editor is modal to
 * @store: the store
 * @unit: (nullable): the unit to edit, or %NULL for a new one
 * @parent_id: for a new unit, the unit above it (0: none)
 *
 * Returns: (transfer none): the editor, not yet shown
 */
GtkWindow *
sd_unit_editor_new (GtkWindow *parent,
                    SdStore   *store,
                    SdUnit    *unit,
                    gint64     parent_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (unit == NULL || SD_IS_UNIT (unit), NULL);

  return g_object_new (SD_TYPE_UNIT_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "item-type", SD_TYPE_UNIT,
                       "item", unit,
                       "parent-id", parent_id,
                       NULL);
}
