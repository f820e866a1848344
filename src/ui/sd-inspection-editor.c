/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-inspection-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-finding-editor.h"
#include "sd-inspection-editor.h"
#include "sd-labels.h"
#include "sd-unit.h"

struct _SdInspectionEditor
{
  SdEditorWindow       parent_instance;

  SdPlan              *plan;        /* of a new inspection */
  AdwPreferencesGroup *details;
  GtkWidget           *title_row;
};

G_DEFINE_FINAL_TYPE (SdInspectionEditor, sd_inspection_editor, SD_TYPE_EDITOR_WINDOW)

enum {
  PROP_0,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_codes[] = { "self-check", "spot-check", "audit", NULL };

static void
sd_inspection_editor_constructed (GObject *object)
{
  SdInspectionEditor *self = SD_INSPECTION_EDITOR (object);
  SdEditorWindow *editor = SD_EDITOR_WINDOW (object);
  SdInspection *inspection;

  G_OBJECT_CLASS (sd_inspection_editor_parent_class)->constructed (object);

  inspection = sd_editor_window_get_item (editor);
  sd_editor_window_set_titles (editor, _("New Inspection"), _("Inspection"));
  if (inspection == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      g_return_if_fail (SD_IS_PLAN (self->plan));
      sd_editor_window_set_default_ref (editor, "plan-id", sd_item_get_id (SD_ITEM (self->plan)));
      sd_editor_window_set_default_string (editor, "kind", "self-check");
      sd_editor_window_set_default_string (editor, "date", today);
    }

  self->details = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  if (inspection == NULL)
    adw_preferences_group_set_description (self->details,
                                           _("The inspection is added when it has a title. "
                                             "Its findings are added in the list."));
  adw_preferences_page_add (sd_editor_window_get_page (editor), self->details);

  self->title_row = sd_editor_window_add_entry (editor, self->details, "title", _("Title"),
                                                TRUE);
  sd_editor_window_add_choice (editor, self->details, "kind", _("Kind"), kind_codes,
                               sd_inspection_kind_label);
  sd_editor_add_date_row (editor, self->details, "date", _("Date (YYYY-MM-DD)"), TRUE);
  sd_editor_window_add_ref (editor, self->details, "unit-id", _("Unit Inspected"),
                            SD_TYPE_UNIT, _("Organisation-wide"), NULL);
}

static void
sd_inspection_editor_item_created (SdEditorWindow *editor)
{
  SdInspectionEditor *self = SD_INSPECTION_EDITOR (editor);

  adw_preferences_group_set_description (self->details, NULL);
}

static GtkWidget *
find_text (GtkWidget *widget)
{
  if (GTK_IS_TEXT (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *text = find_text (child);

      if (text != NULL)
        return text;
    }
  return NULL;
}

static void
sd_inspection_editor_map (GtkWidget *widget)
{
  SdInspectionEditor *self = SD_INSPECTION_EDITOR (widget);
  GtkWidget *text;

  GTK_WIDGET_CLASS (sd_inspection_editor_parent_class)->map (widget);

  text = find_text (self->title_row);
  if (text != NULL)
    gtk_text_grab_focus_without_selecting (GTK_TEXT (text));
}

static void
sd_inspection_editor_dispose (GObject *object)
{
  SdInspectionEditor *self = SD_INSPECTION_EDITOR (object);

  g_clear_object (&self->plan);

  G_OBJECT_CLASS (sd_inspection_editor_parent_class)->dispose (object);
}

static void
sd_inspection_editor_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SdInspectionEditor *self = SD_INSPECTION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_set_object (&self->plan, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_inspection_editor_class_init (SdInspectionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SdEditorWindowClass *editor_class = SD_EDITOR_WINDOW_CLASS (klass);

  object_class->constructed = sd_inspection_editor_constructed;
  object_class->dispose = sd_inspection_editor_dispose;
  object_class->set_property = sd_inspection_editor_set_property;
  widget_class->map = sd_inspection_editor_map;
  editor_class->item_created = sd_inspection_editor_item_created;

  /* The plan of a new inspection. */
  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, SD_TYPE_PLAN,
                         (G_PARAM_WRITABLE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_inspection_editor_init (SdInspectionEditor *self)
{
}

/**
 * sd_inspection_editor_new:
 * @store: the store
 * @inspection: (nullable): the inspection to edit, or %NULL for a new one
 * @plan: (nullable): the plan of a new inspection
 *
 * Returns: (transfer none): the editor, not yet shown
 */
GtkWidget *
sd_inspection_editor_new (SdStore      *store,
                          SdInspection *inspection,
                          SdPlan       *plan)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (inspection == NULL || SD_IS_INSPECTION (inspection), NULL);
  g_return_val_if_fail (inspection != NULL || SD_IS_PLAN (plan), NULL);

  return g_object_new (SD_TYPE_INSPECTION_EDITOR,
                       "store", store,
                       "item-type", SD_TYPE_INSPECTION,
                       "item", inspection,
                       "plan", inspection == NULL ? plan : NULL,
                       NULL);
}
