/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-duties-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-assignment-edit.h"
#include "sd-duties-page-private.h"
#include "sd-duty-editor.h"
#include "sd-duty-order.h"
#include "sd-duty-paste-dialog.h"
#include "sd-file-actions.h"
#include "sd-xlsx.h"

/*
 * What the duties page does, as widget actions ("duties.*"): adding,
 * pasting, editing, moving and deleting duties, with Undo where something
 * is removed or many cells change at once; zoom; CSV and XLSX.
 */

#define ZOOM_STEP 1.2
#define ZOOM_MIN  0.5
#define ZOOM_MAX  3.0

void
sd_duties_page_update_actions (SdDutiesPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  SdDuty *duty = sd_duties_page_get_current_duty (self);
  gboolean on_matrix = g_strcmp0 (adw_view_stack_get_visible_child_name (self->views),
                                  "duties") == 0
                       && !gtk_toggle_button_get_active (self->list_button);

  gtk_widget_action_set_enabled (widget, "duties.edit", duty != NULL);
  gtk_widget_action_set_enabled (widget, "duties.move", duty != NULL);
  gtk_widget_action_set_enabled (widget, "duties.delete", duty != NULL);
  gtk_widget_action_set_enabled (widget, "duties.zoom", on_matrix);
}

static void
add_cb (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  SdDutiesPage *self = SD_DUTIES_PAGE (widget);
  SdDuty *current = sd_duties_page_get_current_duty (self);

  /* A new duty goes into the area the user is looking at. */
  sd_ui_present_modal (GTK_WIDGET (self),
                       sd_duty_editor_new (self->store, NULL,
                                           current != NULL ? sd_duty_get_area (current) : NULL));
}

static void
edit_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  SdDutiesPage *self = SD_DUTIES_PAGE (widget);
  SdDuty *duty = sd_duties_page_get_current_duty (self);

  if (duty != NULL)
    sd_ui_present_modal (GTK_WIDGET (self), sd_duty_editor_new (self->store, duty, NULL));
}

static void
move_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  SdDutiesPage *self = SD_DUTIES_PAGE (widget);
  SdDuty *duty = sd_duties_page_get_current_duty (self);
  g_autoptr(GError) error = NULL;

  if (duty == NULL)
    return;
  if (!sd_duty_move (self->store, duty, g_variant_get_int32 (parameter), NULL, &error))
    sd_ui_toast_error (widget, _("Could not move the duty"), error);
}

/* Undo of a deletion */

static void
delete_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  SdDutiesPage *self = SD_DUTIES_PAGE (widget);
  SdDuty *duty = sd_duties_page_get_current_duty (self);
  g_autofree char *title = NULL;

  if (duty == NULL)
    return;
  /* Translators: a toast; %s is the duty's code */
  title = g_strdup_printf (_("Duty %s deleted"), sd_duty_get_code (duty));
  sd_ui_delete_with_undo (widget, self->store, duty, title, _("Could not delete the duty"), NULL);
}

/* Pasting */

static gboolean
undo_paste (GtkWidget  *widget,
            gpointer    ids,
            GError    **error)
{
  return sd_duty_paste_undo (SD_DUTIES_PAGE (widget)->store, ids, error);
}

static void
pasted_cb (SdDutiesPage *self,
           guint         n,
           GArray       *ids)
{
  g_autofree char *title = g_strdup_printf (ngettext ("%u duty added", "%u duties added", n),
                                            n);

  sd_ui_toast_undo (GTK_WIDGET (self), title, undo_paste, g_array_ref (ids),
                    (GDestroyNotify) g_array_unref);
  if (ids->len > 0)
    sd_duties_page_show_duty (self, g_array_index (ids, gint64, 0));
}

static void
paste_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  SdDutiesPage *self = SD_DUTIES_PAGE (widget);
  GtkWidget *dialog = sd_duty_paste_dialog_new (self->store,
                                                sd_duties_page_get_current_duty (self));

  g_signal_connect_object (dialog, "added", G_CALLBACK (pasted_cb), self, G_CONNECT_SWAPPED);
  sd_ui_present_modal (GTK_WIDGET (self), dialog);
}

/* Cells of the matrix */

static gboolean
undo_cells (GtkWidget  *widget,
            gpointer    data,
            GError    **error)
{
  GArray *changes = data;   /* SdCellChange */

  return sd_matrix_view_apply (SD_DUTIES_PAGE (widget)->matrix_view,
                               (const SdCellChange *) (gpointer) changes->data, changes->len,
                               error);
}

/* One cell changes in plain sight; a fill of many gets a toast to undo it,
 * since it can change cells scrolled out of view. */
static void
cells_edited_cb (SdDutiesPage *self,
                 guint         n_cells,
                 GArray       *undo_changes)
{
  g_autofree char *title = NULL;

  if (n_cells < 2 || undo_changes == NULL)
    return;
  title = g_strdup_printf (ngettext ("%u cell changed", "%u cells changed", n_cells), n_cells);
  sd_ui_toast_undo (GTK_WIDGET (self), title, undo_cells, g_array_ref (undo_changes),
                    (GDestroyNotify) g_array_unref);
}

static void
cells_error_cb (SdDutiesPage *self,
                GError       *error)
{
  sd_ui_toast_error (GTK_WIDGET (self), _("Could not change the role"), error);
}

static void
cursor_moved_cb (SdDutiesPage *self)
{
  sd_duties_page_update_actions (self);
}

void
sd_duties_page_connect_edits (SdDutiesPage *self)
{
  g_signal_connect_object (self->matrix_view, "edited", G_CALLBACK (cells_edited_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->matrix_view, "error", G_CALLBACK (cells_error_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->matrix_view, "notify::cursor-row",
                           G_CALLBACK (cursor_moved_cb), self, G_CONNECT_SWAPPED);
}

/* Zoom, search */

static void
zoom_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  SdDutiesPage *self = SD_DUTIES_PAGE (widget);
  int step = g_variant_get_int32 (parameter);
  double zoom = sd_matrix_view_get_zoom (self->matrix_view);

  if (step > 0)
    zoom = MIN (zoom * ZOOM_STEP, ZOOM_MAX);
  else if (step < 0)
    zoom = MAX (zoom / ZOOM_STEP, ZOOM_MIN);
  else
    zoom = 1.0;
  sd_matrix_view_set_zoom (self->matrix_view, zoom);
}

static void
find_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  SdDutiesPage *self = SD_DUTIES_PAGE (widget);

  adw_view_stack_set_visible_child_name (self->views, "duties");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Files */

static const char *
kind_title (const char *kind)
{
  return g_str_equal (kind, "duties") ? _("Duties") : _("Assignments");
}

static void
import_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  SdDutiesPage *self = SD_DUTIES_PAGE (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  /* Translators: %s is what is imported: Duties or Assignments */
  g_autofree char *title = g_strdup_printf (_("Import %s"), kind_title (kind));

  sd_ui_import_csv (widget, self->store, kind, title);
}

static void
export_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  SdDutiesPage *self = SD_DUTIES_PAGE (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  /* Translators: %s is what is exported: Duties or Assignments */
  g_autofree char *title = g_strdup_printf (_("Export %s"), kind_title (kind));

  sd_ui_export_csv (widget, self->store, kind, title);
}

static gboolean
save_xlsx (SdStore     *store,
           const char  *path,
           gpointer     user_data,
           GError     **error)
{
  return sd_xlsx_export_matrix (store, path, error);
}

static void
export_xlsx_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SdDutiesPage *self = SD_DUTIES_PAGE (widget);

  /* Translators: the suggested file name of the exported matrix */
  sd_ui_save_as (widget, self->store, _("Export Matrix as Spreadsheet"), _("duty-matrix.xlsx"),
                 _("Excel workbooks"), "*.xlsx", save_xlsx, NULL, NULL);
}

void
sd_duties_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "duties.add", NULL, add_cb);
  gtk_widget_class_install_action (widget_class, "duties.paste", NULL, paste_cb);
  gtk_widget_class_install_action (widget_class, "duties.edit", NULL, edit_cb);
  gtk_widget_class_install_action (widget_class, "duties.move", "i", move_cb);
  gtk_widget_class_install_action (widget_class, "duties.delete", NULL, delete_cb);
  gtk_widget_class_install_action (widget_class, "duties.zoom", "i", zoom_cb);
  gtk_widget_class_install_action (widget_class, "duties.find", NULL, find_cb);
  gtk_widget_class_install_action (widget_class, "duties.import", "s", import_cb);
  gtk_widget_class_install_action (widget_class, "duties.export", "s", export_cb);
  gtk_widget_class_install_action (widget_class, "duties.export-xlsx", NULL, export_xlsx_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "duties.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "duties.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "duties.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "duties.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "duties.move", "i", 1);
  /* Delete alone clears a cell of the matrix; the duty needs Shift. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_SHIFT_MASK,
                                       "duties.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "duties.find", NULL);
}
