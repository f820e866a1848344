/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-org-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-body.h"
#include "sd-body-editor.h"
#include "sd-file-actions.h"
#include "sd-import.h"
#include "sd-org-chart.h"
#include "sd-org-chart-view.h"
#include "sd-org-page-private.h"
#include "sd-person.h"
#include "sd-person-editor.h"
#include "sd-post.h"
#include "sd-post-editor.h"
#include "sd-rule.h"
#include "sd-rule-editor.h"
#include "sd-rules-view.h"
#include "sd-unit.h"
#include "sd-unit-editor.h"

/*
 * What the organisation page does, as widget actions ("org.*"): adding,
 * editing, moving and deleting, with an Undo toast for what changes the
 * tree; importing and exporting CSV; exporting and printing the chart.
 * Dragging a unit onto another in the sidebar is a move too.
 */

void
sd_org_page_toast (SdOrgPage *self,
                   AdwToast  *toast)
{
  sd_ui_toast (GTK_WIDGET (self), toast);
}

static void
toast_error (SdOrgPage    *self,
             const char   *what,
             const GError *error)
{
  sd_ui_toast_error (GTK_WIDGET (self), what, error);
}

static GtkWindow *
parent_window (SdOrgPage *self)
{
  return sd_ui_parent_window (GTK_WIDGET (self));
}

static void
present (GtkWindow *window)
{
  if (window != NULL)
    gtk_window_present (window);
}

/* What the details show, if it is a unit or a body. */
static gint64
shown (SdOrgPage *self,
       GType      type)
{
  return self->nav == NULL && self->shown_type == type ? self->shown_id : 0;
}

void
sd_org_page_update_actions (SdOrgPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean writable = self->store != NULL && !sd_store_get_read_only (self->store);
  gboolean item = shown (self, SD_TYPE_UNIT) != 0 || shown (self, SD_TYPE_BODY) != 0;

  gtk_widget_action_set_enabled (widget, "org.add-unit", writable);
  gtk_widget_action_set_enabled (widget, "org.add-person", writable);
  gtk_widget_action_set_enabled (widget, "org.add-post", writable);
  gtk_widget_action_set_enabled (widget, "org.add-body", writable);
  gtk_widget_action_set_enabled (widget, "org.add-rule", writable);
  gtk_widget_action_set_enabled (widget, "org.import", writable);
  gtk_widget_action_set_enabled (widget, "org.edit", item);
  gtk_widget_action_set_enabled (widget, "org.delete", writable && item);
  gtk_widget_action_set_enabled (widget, "org.move", writable && shown (self, SD_TYPE_UNIT) != 0);
}

void
sd_org_page_edit_item (SdOrgPage *self,
                       GType      type,
                       gint64     id)
{
  GtkWindow *parent = parent_window (self);
  gpointer item = sd_store_lookup (self->store, type, id);

  if (item == NULL)
    return;
  if (type == SD_TYPE_UNIT)
    present (sd_unit_editor_new (parent, self->store, item, 0));
  else if (type == SD_TYPE_BODY)
    present (sd_body_editor_new (parent, self->store, item, 0));
  else if (type == SD_TYPE_POST)
    present (sd_post_editor_new (parent, self->store, item, 0));
  else if (type == SD_TYPE_PERSON)
    present (sd_person_editor_new (parent, self->store, item, 0));
  else if (type == SD_TYPE_RULE)
    present (sd_rule_editor_new (parent, self->store, item));
}

/* Adding: a "new" editor, in the context of what is shown (the unit or
 * the body that the new item goes in or under). */
static void
add_cb (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  SdOrgPage *self = SD_ORG_PAGE (widget);
  GtkWindow *parent = parent_window (self);
  gint64 unit_id = shown (self, SD_TYPE_UNIT);

  if (g_str_equal (action_name, "org.add-unit"))
    present (sd_unit_editor_new (parent, self->store, NULL, unit_id));
  else if (g_str_equal (action_name, "org.add-person"))
    present (sd_person_editor_new (parent, self->store, NULL, unit_id));
  else if (g_str_equal (action_name, "org.add-post"))
    present (sd_post_editor_new (parent, self->store, NULL, unit_id));
  else if (g_str_equal (action_name, "org.add-body"))
    present (sd_body_editor_new (parent, self->store, NULL, shown (self, SD_TYPE_BODY)));
  else if (g_str_equal (action_name, "org.add-rule"))
    present (sd_rule_editor_new (parent, self->store, NULL));
}

static void
edit_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  SdOrgPage *self = SD_ORG_PAGE (widget);

  if (self->nav == NULL && self->shown_type != G_TYPE_INVALID)
    sd_org_page_edit_item (self, self->shown_type, self->shown_id);
}

/* Deleting, with Undo */

static const char *
item_name (gpointer item)
{
  if (SD_IS_UNIT (item))
    return sd_unit_get_name (item);
  if (SD_IS_BODY (item))
    return sd_body_get_name (item);
  return "";
}

static void
delete_undone_cb (GtkWidget *widget,
                  GType      type,
                  gint64     id)
{
  if (type == SD_TYPE_UNIT || type == SD_TYPE_BODY)
    sd_org_page_select (SD_ORG_PAGE (widget), type, id);
}

void
sd_org_page_delete_item (SdOrgPage *self,
                         gpointer   item)
{
  g_autofree char *title = NULL;

  if (SD_IS_RULE (item))
    {
      g_autofree char *rule = sd_rule_title (self->store, item);

      /* Translators: %s names the two posts of an incompatibility rule */
      title = g_strdup_printf (_("Rule “%s” deleted"), rule);
    }
  else
    /* Translators: %s is the name of a unit or a security body */
    title = g_strdup_printf (_("“%s” deleted"), item_name (item));

  sd_ui_delete_with_undo (GTK_WIDGET (self), self->store, item, title, _("Could not delete"),
                          delete_undone_cb);
}

static void
delete_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  SdOrgPage *self = SD_ORG_PAGE (widget);
  gpointer item;

  if (self->nav != NULL || self->shown_type == G_TYPE_INVALID)
    return;
  item = sd_store_lookup (self->store, self->shown_type, self->shown_id);
  if (item != NULL)
    sd_org_page_delete_item (self, item);
}

/* Moving a unit */

/* TRUE if @unit_id is @ancestor_id or lies below it. */
static gboolean
unit_is_within (SdStore *store,
                gint64   unit_id,
                gint64   ancestor_id)
{
  /* The depth bounds the walk, should the file hold a cycle. */
  for (guint depth = 0; unit_id != 0 && depth < 10000; depth++)
    {
      SdUnit *unit;

      if (unit_id == ancestor_id)
        return TRUE;
      unit = sd_store_lookup (store, SD_TYPE_UNIT, unit_id);
      unit_id = unit != NULL ? sd_unit_get_parent_id (unit) : 0;
    }
  return FALSE;
}

typedef struct
{
  SdOrgPage *page;   /* weak */
  SdStore   *store;
  gint64     unit_id;
  gint64     parent_id;
} UndoMove;

static void
undo_move_free (gpointer data)
{
  UndoMove *undo = data;

  g_clear_weak_pointer (&undo->page);
  g_clear_object (&undo->store);
  g_free (undo);
}

static void
undo_move_cb (AdwToast *toast,
              UndoMove *undo)
{
  g_autoptr(GError) error = NULL;
  SdUnit *unit = sd_store_lookup (undo->store, SD_TYPE_UNIT, undo->unit_id);

  if (unit == NULL)
    return;
  if (!sd_store_update (undo->store, unit, &error, "parent-id", undo->parent_id, NULL) &&
      undo->page != NULL)
    toast_error (undo->page, _("Could not undo"), error);
}

/* Moves @unit under @parent_id (0: to the top), with an Undo toast. */
static void
move_unit (SdOrgPage *self,
           SdUnit    *unit,
           gint64     parent_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_markup_escape_text (sd_unit_get_name (unit), -1);
  g_autofree char *title = NULL;
  gint64 unit_id = sd_item_get_id (SD_ITEM (unit));
  gint64 old_parent_id = sd_unit_get_parent_id (unit);
  SdUnit *parent = sd_store_lookup (self->store, SD_TYPE_UNIT, parent_id);
  UndoMove *undo;
  AdwToast *toast;

  if (parent_id == old_parent_id)
    return;
  if (parent_id != 0 && unit_is_within (self->store, parent_id, unit_id))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” cannot be moved into itself or a unit "
                                                    "below it"), name);

      sd_org_page_toast (self, adw_toast_new (message));
      return;
    }

  if (!sd_store_update (self->store, unit, &error, "parent-id", parent_id, NULL))
    {
      toast_error (self, _("Could not move the unit"), error);
      return;
    }

  if (parent != NULL)
    {
      g_autofree char *parent_name = g_markup_escape_text (sd_unit_get_name (parent), -1);

      /* Translators: a unit was moved under another */
      title = g_strdup_printf (_("“%s” moved under “%s”"), name, parent_name);
    }
  else
    {
      title = g_strdup_printf (_("“%s” moved to the top level"), name);
    }

  undo = g_new0 (UndoMove, 1);
  g_set_weak_pointer (&undo->page, self);
  undo->store = g_object_ref (self->store);
  undo->unit_id = unit_id;
  undo->parent_id = old_parent_id;

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_move_cb), undo,
                         (GClosureNotify) (void (*) (void)) undo_move_free, 0);
  sd_org_page_toast (self, toast);
  sd_org_page_select (self, SD_TYPE_UNIT, unit_id);
}

typedef struct
{
  SdOrgPage   *page;       /* weak */
  gint64       unit_id;
  GListStore  *targets;    /* the units it may go under, or NULL for the top */
  GtkDropDown *drop_down;
} MoveDialog;

static void
move_dialog_free (gpointer data)
{
  MoveDialog *dialog = data;

  g_clear_weak_pointer (&dialog->page);
  g_clear_object (&dialog->targets);
  g_free (dialog);
}

static void
move_response_cb (AdwMessageDialog *message_dialog,
                  const char       *response,
                  MoveDialog       *dialog)
{
  g_autoptr(GObject) target = NULL;
  SdUnit *unit;
  guint selected;

  if (!g_str_equal (response, "move") || dialog->page == NULL)
    return;
  unit = sd_store_lookup (dialog->page->store, SD_TYPE_UNIT, dialog->unit_id);
  selected = gtk_drop_down_get_selected (dialog->drop_down);
  if (unit == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  target = g_list_model_get_item (G_LIST_MODEL (dialog->targets), selected);
  move_unit (dialog->page, unit,
             SD_IS_UNIT (target) ? sd_item_get_id (SD_ITEM (target)) : 0);
}

static char *
move_target_label (GObject *item)
{
  return g_strdup (SD_IS_UNIT (item) ? sd_unit_get_name (SD_UNIT (item)) : _("Top Level"));
}

static void
move_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  SdOrgPage *self = SD_ORG_PAGE (widget);
  SdUnit *unit = sd_store_lookup (self->store, SD_TYPE_UNIT, shown (self, SD_TYPE_UNIT));
  GListModel *units;
  g_autoptr(GtkExpression) expression = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *message_dialog;
  MoveDialog *dialog;
  guint n;

  if (unit == NULL)
    return;

  /* Every unit not within the one moved, in the order of the tree. */
  dialog = g_new0 (MoveDialog, 1);
  g_set_weak_pointer (&dialog->page, self);
  dialog->unit_id = sd_item_get_id (SD_ITEM (unit));
  dialog->targets = g_list_store_new (G_TYPE_OBJECT);
  {
    g_autoptr(GtkStringObject) top = gtk_string_object_new ("");

    g_list_store_append (dialog->targets, top);
  }
  units = self->units;
  n = g_list_model_get_n_items (units);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdUnit) each = g_list_model_get_item (units, i);

      if (!unit_is_within (self->store, sd_item_get_id (SD_ITEM (each)), dialog->unit_id))
        g_list_store_append (dialog->targets, each);
    }

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (move_target_label), NULL, NULL);
  dialog->drop_down = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (dialog->targets)),
                                                        g_steal_pointer (&expression)));
  gtk_drop_down_set_enable_search (dialog->drop_down, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog->drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New place of the unit"),
                                  -1);

  /* Start from where the unit is now. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (dialog->targets)); i++)
    {
      g_autoptr(GObject) each = g_list_model_get_item (G_LIST_MODEL (dialog->targets), i);

      if (SD_IS_UNIT (each) && sd_item_get_id (SD_ITEM (each)) == sd_unit_get_parent_id (unit))
        gtk_drop_down_set_selected (dialog->drop_down, i);
    }

  /* Translators: %s is the name of a unit */
  heading = g_strdup_printf (_("Move “%s”"), sd_unit_get_name (unit));
  message_dialog = adw_message_dialog_new (parent_window (self), heading,
                                           _("Choose the unit it belongs to. Its sections, "
                                             "people and posts move with it."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (message_dialog),
                                      GTK_WIDGET (dialog->drop_down));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (message_dialog),
                                    "cancel", _("_Cancel"),
                                    "move", _("_Move"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (message_dialog), "move",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (message_dialog), "move");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (message_dialog), "cancel");
  g_signal_connect_data (message_dialog, "response", G_CALLBACK (move_response_cb), dialog,
                         (GClosureNotify) (void (*) (void)) move_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (message_dialog));
}

/* Dragging a unit onto another in the sidebar */

static SdItem *
row_item (GtkWidget *expander)
{
  GObject *item = gtk_tree_expander_get_item (GTK_TREE_EXPANDER (expander));

  return SD_IS_ITEM (item) ? SD_ITEM (item) : NULL;
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 SdOrgPage     *self)
{
  GtkWidget *expander = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  SdItem *item = row_item (expander);

  if (!SD_IS_UNIT (item) || sd_store_get_read_only (self->store))
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_INT64, sd_item_get_id (item));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SdOrgPage     *self)
{
  GtkWidget *expander = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  SdItem *onto = row_item (expander);
  SdUnit *unit;

  if (!SD_IS_UNIT (onto) || !G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  unit = sd_store_lookup (self->store, SD_TYPE_UNIT, g_value_get_int64 (value));
  if (unit == NULL || SD_ITEM (unit) == onto)
    return FALSE;
  move_unit (self, unit, sd_item_get_id (onto));
  return TRUE;
}

static GdkDragAction
drop_motion_cb (GtkDropTarget *target,
                double         x,
                double         y,
                SdOrgPage     *self)
{
  GtkWidget *expander = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));

  return SD_IS_UNIT (row_item (expander)) ? GDK_ACTION_MOVE : 0;
}

void
sd_org_page_setup_row_dnd (SdOrgPage *self,
                           GtkWidget *expander)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_object (source, "prepare", G_CALLBACK (drag_prepare_cb), self, 0);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (source));

  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  g_signal_connect_object (target, "enter", G_CALLBACK (drop_motion_cb), self, 0);
  g_signal_connect_object (target, "motion", G_CALLBACK (drop_motion_cb), self, 0);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (target));
}

/* CSV */

static const char *
kind_title (const char *kind)
{
  if (g_str_equal (kind, "units"))
    return _("Units");
  if (g_str_equal (kind, "people"))
    return _("People");
  return _("Posts");
}

static void
import_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  SdOrgPage *self = SD_ORG_PAGE (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  /* Translators: %s is what is imported: Units, People or Posts */
  g_autofree char *title = g_strdup_printf (_("Import %s"), kind_title (kind));

  sd_ui_import_csv (widget, self->store, kind, title);
}

static void
export_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  SdOrgPage *self = SD_ORG_PAGE (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  /* Translators: %s is what is exported: Units, People or Posts */
  g_autofree char *title = g_strdup_printf (_("Export %s"), kind_title (kind));

  sd_ui_export_csv (widget, self->store, kind, title);
}

static gboolean
save_chart (SdStore     *store,
            const char  *path,
            gpointer     user_data,
            GError     **error)
{
  return sd_org_chart_export (store, path, error);
}

static void
export_chart_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SdOrgPage *self = SD_ORG_PAGE (widget);

  /* Translators: the suggested file name of the exported chart; the
   * extension (.pdf, .svg or .png) chooses the format */
  sd_ui_save_as (widget, self->store, _("Export Chart"), _("organisation-chart.pdf"),
                 NULL, NULL, save_chart, NULL, NULL);
}

static void
print_chart_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SdOrgPage *self = SD_ORG_PAGE (widget);

  sd_org_chart_view_print (SD_ORG_CHART_VIEW (sd_org_page_get_chart_view (self)),
                           parent_window (self));
}

void
sd_org_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "org.add-unit", NULL, add_cb);
  gtk_widget_class_install_action (widget_class, "org.add-person", NULL, add_cb);
  gtk_widget_class_install_action (widget_class, "org.add-post", NULL, add_cb);
  gtk_widget_class_install_action (widget_class, "org.add-body", NULL, add_cb);
  gtk_widget_class_install_action (widget_class, "org.add-rule", NULL, add_cb);
  gtk_widget_class_install_action (widget_class, "org.edit", NULL, edit_cb);
  gtk_widget_class_install_action (widget_class, "org.delete", NULL, delete_cb);
  gtk_widget_class_install_action (widget_class, "org.move", NULL, move_cb);
  gtk_widget_class_install_action (widget_class, "org.import", "s", import_cb);
  gtk_widget_class_install_action (widget_class, "org.export", "s", export_cb);
  gtk_widget_class_install_action (widget_class, "org.export-chart", NULL, export_chart_cb);
  gtk_widget_class_install_action (widget_class, "org.print-chart", NULL, print_chart_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "org.add-unit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "org.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "org.edit", NULL);
}
