/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-risks-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-file-actions.h"
#include "sd-heatmap-export.h"
#include "sd-matrix-settings-dialog.h"
#include "sd-rerate-dialog.h"
#include "sd-risk-editor.h"
#include "sd-risks-page-private.h"
#include "sd-window.h"
#include "sd-workshop-view.h"

/*
 * What the risks page does, as widget actions ("risks.*"): adding, editing
 * and deleting risks (with Undo), re-rating from the map, CSV, exporting
 * and printing the heat map, the matrix settings, and workshop mode.
 */

void
sd_risks_page_update_actions (SdRisksPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean selected = sd_risks_page_get_selected_risk (self) != NULL;
  gboolean any = g_list_model_get_n_items (sd_store_get_items (self->store, SD_TYPE_RISK)) > 0;

  gtk_widget_action_set_enabled (widget, "risks.add", !self->in_workshop);
  gtk_widget_action_set_enabled (widget, "risks.edit", selected && !self->in_workshop);
  gtk_widget_action_set_enabled (widget, "risks.delete", selected && !self->in_workshop);
  gtk_widget_action_set_enabled (widget, "risks.show-all", self->cell_likelihood != 0);
  gtk_widget_action_set_enabled (widget, "risks.workshop", any || self->in_workshop);
  gtk_widget_action_set_enabled (widget, "risks.export-heatmap", any);
  gtk_widget_action_set_enabled (widget, "risks.print-heatmap", any);
}

/* Editing */

/* A new risk is selected once the editor has created it. */
static void
editor_item_cb (SdRisksPage    *self,
                GParamSpec     *pspec,
                SdEditorWindow *editor)
{
  SdRisk *risk = sd_editor_window_get_item (editor);

  if (risk != NULL)
    sd_risks_page_select_risk (self, risk);
}

void
sd_risks_page_edit_risk (SdRisksPage *self,
                         SdRisk      *risk)
{
  GtkWidget *editor;

  g_return_if_fail (SD_IS_RISKS_PAGE (self));

  editor = sd_risk_editor_new (self->store, risk);
  if (risk == NULL)
    g_signal_connect_object (editor, "notify::item", G_CALLBACK (editor_item_cb), self,
                             G_CONNECT_SWAPPED);
  sd_ui_present_modal (GTK_WIDGET (self), editor);
}

static void
add_cb (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  sd_risks_page_edit_risk (SD_RISKS_PAGE (widget), NULL);
}

static void
edit_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  SdRisksPage *self = SD_RISKS_PAGE (widget);
  SdRisk *risk = sd_risks_page_get_selected_risk (self);

  if (risk != NULL)
    sd_risks_page_edit_risk (self, risk);
}

static void
delete_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  SdRisksPage *self = SD_RISKS_PAGE (widget);
  SdRisk *risk = sd_risks_page_get_selected_risk (self);
  g_autofree char *title = NULL;

  if (risk == NULL)
    return;
  /* Translators: a toast; %s is the risk's code */
  title = g_strdup_printf (_("Risk %s deleted"), sd_risk_get_code (risk));
  sd_ui_delete_with_undo (widget, self->store, risk, title, _("Could not delete the risk"), NULL);
}

/* Re-rating from the map */

static void
rerate_done_cb (SdAssessment *assessment,
                gpointer      user_data)
{
  GWeakRef *page_ref = user_data;
  g_autoptr(SdRisksPage) self = g_weak_ref_get (page_ref);

  g_weak_ref_clear (page_ref);
  g_free (page_ref);

  /* The map keeps following the risk to its new cell. */
  if (self != NULL && assessment != NULL && self->store != NULL)
    {
      SdRisk *risk = sd_store_lookup (self->store, SD_TYPE_RISK,
                                      sd_assessment_get_risk_id (assessment));

      if (risk != NULL)
        sd_risks_page_select_risk (self, risk);
    }
}

void
sd_risks_page_rerate (SdRisksPage *self,
                      SdRisk      *risk,
                      SdRiskLevel  level,
                      int          likelihood,
                      int          impact)
{
  GWeakRef *page_ref;

  g_return_if_fail (SD_IS_RISKS_PAGE (self));
  g_return_if_fail (SD_IS_RISK (risk));

  page_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (page_ref, self);
  sd_rerate_dialog_present (GTK_WIDGET (self), self->store, risk, level, likelihood, impact,
                            NULL, rerate_done_cb, page_ref);
}

/* The cell filter and the search */

static void
show_all_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sd_risks_page_set_cell_filter (SD_RISKS_PAGE (widget), 0, 0);
}

static void
find_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  SdRisksPage *self = SD_RISKS_PAGE (widget);

  if (!self->in_workshop)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Files */

static void
import_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  sd_ui_import_csv (widget, SD_RISKS_PAGE (widget)->store, "risks", _("Import Risks"));
}

static void
export_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  sd_ui_export_csv (widget, SD_RISKS_PAGE (widget)->store, "risks", _("Export Risks"));
}

static gboolean
save_heatmap (SdStore     *store,
              const char  *path,
              gpointer     user_data,
              GError     **error)
{
  SdHeatmapFormat format;

  /* An unknown extension is refused before anything is written. */
  if (!sd_heatmap_format_from_path (path, &format, error))
    return FALSE;
  return sd_heatmap_export (store, GPOINTER_TO_INT (user_data), path, 0, 0, error);
}

static void
export_heatmap_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SdRisksPage *self = SD_RISKS_PAGE (widget);

  /* Translators: the suggested file name of the exported heat map; the
   * extension (.pdf, .svg or .png) chooses the format */
  sd_ui_save_as (widget, self->store, _("Export Heat Map"), _("heat-map.pdf"), NULL, NULL,
                 save_heatmap, GINT_TO_POINTER (sd_risks_page_get_level (self)), NULL);
}

typedef struct
{
  SdStore        *store;
  SdRiskLevel     level;
  SdHeatmapPrint *print;
} PrintJob;

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  PangoContext *pango = gtk_print_context_create_pango_context (context);

  /* Laid out for the paper chosen in the dialog: the same pages as the PDF
   * export. */
  g_clear_pointer (&job->print, sd_heatmap_print_free);
  job->print = sd_heatmap_print_new (job->store, job->level, pango,
                                     gtk_print_context_get_width (context),
                                     gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, sd_heatmap_print_get_n_pages (job->print));
  g_object_unref (pango);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintJob          *job)
{
  if (job->print != NULL)
    sd_heatmap_print_draw_page (job->print, gtk_print_context_get_cairo_context (context),
                                page_nr);
}

static void
print_heatmap_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SdRisksPage *self = SD_RISKS_PAGE (widget);
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;
  PrintJob job = { self->store, sd_risks_page_get_level (self), NULL };

  /* The map is wider than high. */
  gtk_page_setup_set_paper_size_and_default_margins (page_setup, paper);
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, _("Risk heat map"));
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), &job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), &job);

  /* The dialog runs a main loop of its own; the page must outlive it. */
  g_object_ref (self);
  g_object_ref (job.store);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    sd_ui_parent_window (widget), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("unknown error"));
      sd_ui_toast_error (widget, _("Could not print the heat map"), error);
    }
  g_signal_handlers_disconnect_by_data (operation, &job);
  g_clear_pointer (&job.print, sd_heatmap_print_free);
  g_object_unref (job.store);
  g_object_unref (self);
}

/* The matrix settings */

static void
matrix_applied_cb (SdRisksPage *self,
                   guint        n_moved)
{
  g_autofree char *title = NULL;

  /* Translators: a toast after the matrix settings were applied */
  title = g_strdup_printf (ngettext ("Matrix saved; %u risk moved",
                                     "Matrix saved; %u risks moved", n_moved), n_moved);
  sd_ui_toast_text (GTK_WIDGET (self), title);
}

static void
matrix_settings_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SdRisksPage *self = SD_RISKS_PAGE (widget);
  GtkWidget *dialog = sd_matrix_settings_dialog_new (self->store);

  g_signal_connect_object (dialog, "applied", G_CALLBACK (matrix_applied_cb), self,
                           G_CONNECT_SWAPPED);
  sd_ui_present_modal (GTK_WIDGET (self), dialog);
}

/* Workshop mode */

static void
workshop_leave_cb (SdRisksPage *self)
{
  sd_risks_page_leave_workshop (self);
}

void
sd_risks_page_enter_workshop (SdRisksPage *self)
{
  GtkWidget *view;
  GtkWindow *window;

  g_return_if_fail (SD_IS_RISKS_PAGE (self));

  if (self->in_workshop)
    return;

  view = adw_bin_get_child (self->workshop_bin);
  if (view == NULL)
    {
      view = sd_workshop_view_new (self->store, self->history);
      g_signal_connect_object (view, "leave", G_CALLBACK (workshop_leave_cb), self,
                               G_CONNECT_SWAPPED);
      adw_bin_set_child (self->workshop_bin, view);
    }
  sd_workshop_view_start (SD_WORKSHOP_VIEW (view), sd_risks_page_get_level (self),
                          sd_risks_page_get_selected_risk (self));

  self->in_workshop = TRUE;
  gtk_stack_set_visible_child_name (self->mode_stack, "workshop");
  window = sd_ui_parent_window (GTK_WIDGET (self));
  if (SD_IS_WINDOW (window))
    sd_window_set_presenting (SD_WINDOW (window), TRUE);
  gtk_widget_grab_focus (view);
  sd_risks_page_update_actions (self);
}

void
sd_risks_page_leave_workshop (SdRisksPage *self)
{
  SdWorkshopView *view;
  GtkWindow *window;
  guint n_changes;

  g_return_if_fail (SD_IS_RISKS_PAGE (self));

  if (!self->in_workshop)
    return;

  view = SD_WORKSHOP_VIEW (adw_bin_get_child (self->workshop_bin));
  n_changes = sd_workshop_view_get_n_changes (view);
  self->in_workshop = FALSE;
  gtk_stack_set_visible_child_name (self->mode_stack, "register");
  window = sd_ui_parent_window (GTK_WIDGET (self));
  if (SD_IS_WINDOW (window))
    sd_window_set_presenting (SD_WINDOW (window), FALSE);

  if (n_changes > 0)
    {
      /* Translators: a toast when leaving workshop mode; %s is the
       * workshop's name */
      g_autofree char *title = g_strdup_printf (ngettext ("%u change recorded in workshop “%s”",
                                                          "%u changes recorded in workshop “%s”",
                                                          n_changes),
                                                n_changes, sd_workshop_view_get_name (view));

      sd_ui_toast_text (GTK_WIDGET (self), title);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->heatmap));
  sd_risks_page_update_actions (self);
}

static void
workshop_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SdRisksPage *self = SD_RISKS_PAGE (widget);

  /* F11 leaves as it entered. */
  if (self->in_workshop)
    sd_risks_page_leave_workshop (self);
  else
    sd_risks_page_enter_workshop (self);
}

void
sd_risks_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "risks.add", NULL, add_cb);
  gtk_widget_class_install_action (widget_class, "risks.edit", NULL, edit_cb);
  gtk_widget_class_install_action (widget_class, "risks.delete", NULL, delete_cb);
  gtk_widget_class_install_action (widget_class, "risks.show-all", NULL, show_all_cb);
  gtk_widget_class_install_action (widget_class, "risks.find", NULL, find_cb);
  gtk_widget_class_install_action (widget_class, "risks.import", NULL, import_cb);
  gtk_widget_class_install_action (widget_class, "risks.export", NULL, export_cb);
  gtk_widget_class_install_action (widget_class, "risks.export-heatmap", NULL,
                                   export_heatmap_cb);
  gtk_widget_class_install_action (widget_class, "risks.print-heatmap", NULL,
                                   print_heatmap_cb);
  gtk_widget_class_install_action (widget_class, "risks.matrix-settings", NULL,
                                   matrix_settings_cb);
  gtk_widget_class_install_action (widget_class, "risks.workshop", NULL, workshop_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "risks.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "risks.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "risks.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "risks.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "risks.workshop", NULL);
}
