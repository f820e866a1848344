/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-plan-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-editor-window.h"
#include "sd-file-actions.h"
#include "sd-finding.h"
#include "sd-meeting-mode.h"
#include "sd-plan-edit.h"
#include "sd-plan-editor.h"
#include "sd-plan-page-private.h"
#include "sd-plan-render.h"
#include "sd-plan-stream.h"
#include "sd-task-editor.h"
#include "sd-window.h"

/*
 * What the plan page does, as widget actions ("plan.*"): making plans
 * (new, for the year shown, copied from the year before or to the year
 * after), editing the plan, adding, editing, deleting (with Undo) and
 * moving tasks, the CSV files, the PDF and printing, and meeting mode.
 */

static gboolean
in_task_views (SdPlanPage *self)
{
  const char *view = sd_plan_page_get_view (self);

  return self->plan != NULL && !self->in_meeting &&
         (g_strcmp0 (view, "tasks") == 0 || g_strcmp0 (view, "timeline") == 0);
}

static gboolean
any_items (SdPlanPage *self,
           GType       type)
{
  return g_list_model_get_n_items (sd_store_get_items (self->store, type)) > 0;
}

void
sd_plan_page_update_actions (SdPlanPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_plan = self->plan != NULL;
  gboolean tasks = in_task_views (self);
  gboolean selected = tasks && sd_plan_page_get_selected_task (self) != NULL;
  gboolean normal = !self->in_meeting;

  /* Called while the template is built, before the models exist. */
  if (self->selection == NULL || self->view_stack == NULL)
    return;

  gtk_widget_action_set_enabled (widget, "plan.add-task", tasks);
  gtk_widget_action_set_enabled (widget, "plan.edit-task", selected);
  gtk_widget_action_set_enabled (widget, "plan.delete-task", selected);
  gtk_widget_action_set_enabled (widget, "plan.move-task", selected);
  gtk_widget_action_set_enabled (widget, "plan.find",
                                 tasks && g_strcmp0 (sd_plan_page_get_view (self), "tasks") == 0);
  gtk_widget_action_set_enabled (widget, "plan.new-plan", normal);
  gtk_widget_action_set_enabled (widget, "plan.create-shown-year", normal && !has_plan);
  gtk_widget_action_set_enabled (widget, "plan.copy-previous",
                                 normal && !has_plan &&
                                 sd_plan_page_find_plan (self, self->year - 1) != NULL);
  gtk_widget_action_set_enabled (widget, "plan.copy-to-next-year",
                                 normal && has_plan && self->year < 9999 &&
                                 sd_plan_page_find_plan (self, self->year + 1) == NULL);
  gtk_widget_action_set_enabled (widget, "plan.edit-plan", normal && has_plan);
  gtk_widget_action_set_enabled (widget, "plan.export-pdf", has_plan);
  gtk_widget_action_set_enabled (widget, "plan.print", has_plan);
  gtk_widget_action_set_enabled (widget, "plan.import-tasks", normal);
  gtk_widget_action_set_enabled (widget, "plan.import-findings", normal);
  gtk_widget_action_set_enabled (widget, "plan.export-tasks", any_items (self, SD_TYPE_PLAN_TASK));
  gtk_widget_action_set_enabled (widget, "plan.export-findings", any_items (self, SD_TYPE_FINDING));
  gtk_widget_action_set_enabled (widget, "plan.meeting-mode", has_plan || self->in_meeting);
}

/* Tasks */

/* A new task is selected once the editor has created it. */
static void
editor_item_cb (SdPlanPage     *self,
                GParamSpec     *pspec,
                SdEditorWindow *editor)
{
  SdPlanTask *task = sd_editor_window_get_item (editor);

  if (task != NULL)
    {
      sd_plan_page_sync_tasks (self);
      sd_plan_page_select_task (self, task);
    }
}

/* The stream a new task goes into: the one the list shows, else that of
 * the selected task. */
static SdPlanStream *
new_task_stream (SdPlanPage *self)
{
  gint64 stream_id = self->stream_id;

  if (stream_id == 0)
    {
      SdPlanTask *task = sd_plan_page_get_selected_task (self);

      if (task != NULL)
        stream_id = sd_plan_task_get_stream_id (task);
    }
  return stream_id != 0 ? sd_store_lookup (self->store, SD_TYPE_PLAN_STREAM, stream_id) : NULL;
}

void
sd_plan_page_edit_task (SdPlanPage *self,
                        SdPlanTask *task)
{
  GtkWidget *editor;

  g_return_if_fail (SD_IS_PLAN_PAGE (self));
  g_return_if_fail (task == NULL || SD_IS_PLAN_TASK (task));

  if (task != NULL)
    editor = sd_task_editor_new (self->store, task);
  else if (self->plan != NULL)
    {
      editor = sd_task_editor_new_for_plan (self->store, self->plan, new_task_stream (self));
      g_signal_connect_object (editor, "notify::item", G_CALLBACK (editor_item_cb), self,
                               G_CONNECT_SWAPPED);
    }
  else
    return;
  sd_ui_present_modal (GTK_WIDGET (self), editor);
}

static void
add_task_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sd_plan_page_edit_task (SD_PLAN_PAGE (widget), NULL);
}

static void
edit_task_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SdPlanPage *self = SD_PLAN_PAGE (widget);
  SdPlanTask *task = sd_plan_page_get_selected_task (self);

  if (task != NULL)
    sd_plan_page_edit_task (self, task);
}

static void
delete_task_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SdPlanPage *self = SD_PLAN_PAGE (widget);
  SdPlanTask *task = sd_plan_page_get_selected_task (self);
  g_autofree char *title = NULL;

  if (task == NULL)
    return;
  /* Translators: a toast; %s is the task's title */
  title = g_strdup_printf (_("Task “%s” deleted"), sd_plan_task_get_title (task));
  sd_ui_delete_with_undo (widget, self->store, task, title, _("Could not delete the task"), NULL);
}

static void
move_task_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SdPlanPage *self = SD_PLAN_PAGE (widget);
  g_autoptr(SdPlanTask) task = NULL;
  g_autoptr(GError) error = NULL;
  int delta = g_variant_get_int32 (parameter) < 0 ? -1 : 1;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean in_list = focus != NULL && gtk_widget_is_ancestor (focus,
                                                             GTK_WIDGET (self->task_view));

  task = sd_plan_page_get_selected_task (self);
  if (task == NULL)
    return;
  g_object_ref (task);

  if (!sd_plan_task_move (self->store, task, delta, &error))
    {
      sd_ui_toast_error (widget, _("Could not move the task"), error);
      return;
    }
  /* The row went and came back at its new place: select it there. */
  if (g_strcmp0 (sd_plan_page_get_view (self), "tasks") == 0)
    {
      sd_plan_page_sync_tasks (self);
      sd_plan_page_select_task (self, task);
      /* Alt+Down again moves the same task on. */
      if (in_list)
        sd_plan_page_focus_selected_row (self);
    }
}

static void
find_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (SD_PLAN_PAGE (widget)->search_entry));
}

/* Plans */

/* The year a new plan is suggested for: the first from this year on that
 * has none. */
static int
suggested_year (SdPlanPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);

  while (year < 9999 && sd_plan_page_find_plan (self, year) != NULL)
    year++;
  return year;
}

static void
create_plan (SdPlanPage *self,
             int         year)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  SdPlan *plan;

  if (sd_plan_page_find_plan (self, year) != NULL)
    {
      /* Nothing to make: the plan is shown instead. */
      sd_plan_page_set_year (self, year);
      return;
    }

  plan = sd_plan_create (self->store, year, &error);
  if (plan == NULL)
    {
      sd_ui_toast_error (GTK_WIDGET (self), _("Could not create the plan"), error);
      return;
    }
  sd_plan_page_set_plan (self, plan);
  /* Translators: a toast; %d is a year */
  title = g_strdup_printf (_("Plan for %d created with the seven default work streams"), year);
  sd_ui_toast_text (GTK_WIDGET (self), title);
}

static void
new_plan_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      GWeakRef         *page_ref)
{
  g_autoptr(SdPlanPage) self = g_weak_ref_get (page_ref);
  GtkSpinButton *spin = GTK_SPIN_BUTTON (adw_message_dialog_get_extra_child (dialog));

  if (self != NULL && g_str_equal (response, "create"))
    create_plan (self, gtk_spin_button_get_value_as_int (spin));
}

static void
weak_ref_free (gpointer  data,
               GClosure *closure)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
new_plan_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SdPlanPage *self = SD_PLAN_PAGE (widget);
  GtkWidget *dialog;
  GtkWidget *spin;
  GWeakRef *page_ref;

  dialog = adw_message_dialog_new (sd_ui_parent_window (widget), _("New Plan"),
                                   _("The plan starts with the seven default work streams; "
                                     "its goal, policy and tasks are yours to fill in."));
  spin = gtk_spin_button_new_with_range (1900, 9999, 1);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), suggested_year (self));
  gtk_widget_set_halign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Year of the plan"),
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), spin);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* Enter in the year creates the plan: the spin button's text entry
   * activates the dialog's default response. */
  for (GtkWidget *child = gtk_widget_get_first_child (spin);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TEXT (child))
      gtk_text_set_activates_default (GTK_TEXT (child), TRUE);

  page_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (page_ref, self);
  g_signal_connect_data (dialog, "response", G_CALLBACK (new_plan_response_cb), page_ref,
                         weak_ref_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (spin);
}

static void
create_shown_year_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SdPlanPage *self = SD_PLAN_PAGE (widget);

  create_plan (self, self->year);
}

/* Copies @from to the year after and shows the copy. */
static void
copy_plan (SdPlanPage *self,
           SdPlan     *from)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GListModel *tasks = sd_store_get_items (self->store, SD_TYPE_PLAN_TASK);
  guint n_copied = 0, n_carried = 0;
  int year = sd_plan_get_year (from);
  SdPlan *plan;

  plan = sd_plan_copy_to_next_year (self->store, from, &error);
  if (plan == NULL)
    {
      sd_ui_toast_error (GTK_WIDGET (self), _("Could not copy the plan"), error);
      return;
    }
  sd_plan_page_set_plan (self, plan);

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(SdPlanTask) task = g_list_model_get_item (tasks, i);

      if (sd_plan_task_get_plan_id (task) != sd_item_get_id (SD_ITEM (plan)))
        continue;
      n_copied++;
      n_carried += sd_plan_task_get_carried_over (task);
    }
  /* Translators: a toast after a plan was copied to the next year; the
   * first %d is the year copied, the second the new plan's, %u the number
   * of tasks */
  if (n_carried == 0)
    title = g_strdup_printf (ngettext ("Plan %d copied to %d with %u task",
                                       "Plan %d copied to %d with %u tasks", n_copied),
                             year, year + 1, n_copied);
  else
    /* Translators: as above; the last %u is the number of unfinished tasks
     * carried over */
    title = g_strdup_printf (ngettext ("Plan %d copied to %d with %u task, %u of them "
                                       "carried over unfinished",
                                       "Plan %d copied to %d with %u tasks, %u of them "
                                       "carried over unfinished", n_copied),
                             year, year + 1, n_copied, n_carried);
  sd_ui_toast_text (GTK_WIDGET (self), title);
}

static void
copy_to_next_year_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SdPlanPage *self = SD_PLAN_PAGE (widget);

  if (self->plan != NULL)
    copy_plan (self, self->plan);
}

static void
copy_previous_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SdPlanPage *self = SD_PLAN_PAGE (widget);
  SdPlan *previous = sd_plan_page_find_plan (self, self->year - 1);

  if (previous != NULL)
    copy_plan (self, previous);
}

static void
edit_plan_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SdPlanPage *self = SD_PLAN_PAGE (widget);

  if (self->plan != NULL)
    sd_ui_present_modal (GTK_WIDGET (self), sd_plan_editor_new (self->store, self->plan));
}

/* Files */

static void
import_tasks_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  sd_ui_import_csv (widget, SD_PLAN_PAGE (widget)->store, "tasks", _("Import Tasks"));
}

static void
export_tasks_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  sd_ui_export_csv (widget, SD_PLAN_PAGE (widget)->store, "tasks", _("Export Tasks"));
}

static void
import_findings_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  sd_ui_import_csv (widget, SD_PLAN_PAGE (widget)->store, "findings", _("Import Findings"));
}

static void
export_findings_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  sd_ui_export_csv (widget, SD_PLAN_PAGE (widget)->store, "findings", _("Export Findings"));
}

static gboolean
save_pdf (SdStore     *store,
          const char  *path,
          gpointer     user_data,
          GError     **error)
{
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();

  return sd_plan_export_pdf (store, GPOINTER_TO_INT (user_data), today, path, error);
}

static void
export_pdf_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SdPlanPage *self = SD_PLAN_PAGE (widget);
  g_autofree char *name = NULL;

  if (self->plan == NULL)
    return;
  /* Translators: the suggested file name of the exported plan; %d is its
   * year */
  name = g_strdup_printf (_("confidentiality-plan-%d.pdf"), self->year);
  sd_ui_save_as (widget, self->store, _("Export Plan"), name, _("PDF documents"), "*.pdf",
                 save_pdf, GINT_TO_POINTER (self->year), NULL);
}

typedef struct
{
  SdStore      *store;
  SdPlan       *plan;
  GDateTime    *today;
  SdPlanLayout *layout;
} PrintJob;

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  PangoContext *pango = gtk_print_context_create_pango_context (context);

  /* Laid out for the paper chosen in the dialog: the same pages as the PDF
   * export. */
  g_clear_pointer (&job->layout, sd_plan_layout_free);
  job->layout = sd_plan_layout_new (pango, job->store, job->plan, job->today,
                                    gtk_print_context_get_width (context),
                                    gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, sd_plan_layout_get_n_pages (job->layout));
  g_object_unref (pango);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintJob          *job)
{
  if (job->layout != NULL)
    sd_plan_layout_draw_page (job->layout, gtk_print_context_get_cairo_context (context),
                              page_nr);
}

static void
print_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  SdPlanPage *self = SD_PLAN_PAGE (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) page_setup = NULL;
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *job_name = NULL;
  GtkPrintOperationResult result;
  PrintJob job = { 0 };

  if (self->plan == NULL)
    return;

  operation = gtk_print_operation_new ();
  page_setup = gtk_page_setup_new ();
  paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  job.store = g_object_ref (self->store);
  job.plan = g_object_ref (self->plan);
  job.today = g_date_time_new_now_local ();

  /* The timeline needs the width of the page. */
  gtk_page_setup_set_paper_size_and_default_margins (page_setup, paper);
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* Translators: the print job's name; %d is the plan's year */
  job_name = g_strdup_printf (_("Confidentiality work plan %d"), self->year);
  gtk_print_operation_set_job_name (operation, job_name);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), &job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), &job);

  /* The dialog runs a main loop of its own; the page must outlive it. */
  g_object_ref (self);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    sd_ui_parent_window (widget), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("unknown error"));
      sd_ui_toast_error (widget, _("Could not print the plan"), error);
    }
  g_signal_handlers_disconnect_by_data (operation, &job);
  g_clear_pointer (&job.layout, sd_plan_layout_free);
  g_clear_pointer (&job.today, g_date_time_unref);
  g_clear_object (&job.plan);
  g_clear_object (&job.store);
  g_object_unref (self);
}

/* Meeting mode */

static void
meeting_leave_cb (SdPlanPage *self)
{
  sd_plan_page_leave_meeting (self);
}

void
sd_plan_page_enter_meeting (SdPlanPage *self)
{
  GtkWidget *mode;
  GtkWindow *window;

  g_return_if_fail (SD_IS_PLAN_PAGE (self));

  if (self->in_meeting || self->plan == NULL)
    return;

  mode = adw_bin_get_child (self->meeting_bin);
  if (mode == NULL)
    {
      mode = sd_meeting_mode_new (self->store);
      g_signal_connect_object (mode, "leave", G_CALLBACK (meeting_leave_cb), self,
                               G_CONNECT_SWAPPED);
      adw_bin_set_child (self->meeting_bin, mode);
    }
  sd_meeting_mode_start (SD_MEETING_MODE (mode), self->plan);

  self->in_meeting = TRUE;
  gtk_stack_set_visible_child_name (self->mode_stack, "meeting");
  window = sd_ui_parent_window (GTK_WIDGET (self));
  if (SD_IS_WINDOW (window))
    sd_window_set_presenting (SD_WINDOW (window), TRUE);
  gtk_widget_grab_focus (mode);
  sd_plan_page_update_actions (self);
}

void
sd_plan_page_leave_meeting (SdPlanPage *self)
{
  GtkWindow *window;

  g_return_if_fail (SD_IS_PLAN_PAGE (self));

  if (!self->in_meeting)
    return;

  self->in_meeting = FALSE;
  gtk_stack_set_visible_child_name (self->mode_stack, "page");
  window = sd_ui_parent_window (GTK_WIDGET (self));
  if (SD_IS_WINDOW (window))
    sd_window_set_presenting (SD_WINDOW (window), FALSE);
  if (g_strcmp0 (sd_plan_page_get_view (self), "tasks") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->task_view));
  sd_plan_page_update_actions (self);
}

static void
meeting_mode_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SdPlanPage *self = SD_PLAN_PAGE (widget);

  /* F5 leaves as it entered. */
  if (self->in_meeting)
    sd_plan_page_leave_meeting (self);
  else
    sd_plan_page_enter_meeting (self);
}

void
sd_plan_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "plan.add-task", NULL, add_task_cb);
  gtk_widget_class_install_action (widget_class, "plan.edit-task", NULL, edit_task_cb);
  gtk_widget_class_install_action (widget_class, "plan.delete-task", NULL, delete_task_cb);
  gtk_widget_class_install_action (widget_class, "plan.move-task", "i", move_task_cb);
  gtk_widget_class_install_action (widget_class, "plan.find", NULL, find_cb);
  gtk_widget_class_install_action (widget_class, "plan.new-plan", NULL, new_plan_cb);
  gtk_widget_class_install_action (widget_class, "plan.create-shown-year", NULL,
                                   create_shown_year_cb);
  gtk_widget_class_install_action (widget_class, "plan.copy-previous", NULL, copy_previous_cb);
  gtk_widget_class_install_action (widget_class, "plan.copy-to-next-year", NULL,
                                   copy_to_next_year_cb);
  gtk_widget_class_install_action (widget_class, "plan.edit-plan", NULL, edit_plan_cb);
  gtk_widget_class_install_action (widget_class, "plan.export-pdf", NULL, export_pdf_cb);
  gtk_widget_class_install_action (widget_class, "plan.print", NULL, print_cb);
  gtk_widget_class_install_action (widget_class, "plan.import-tasks", NULL, import_tasks_cb);
  gtk_widget_class_install_action (widget_class, "plan.export-tasks", NULL, export_tasks_cb);
  gtk_widget_class_install_action (widget_class, "plan.import-findings", NULL,
                                   import_findings_cb);
  gtk_widget_class_install_action (widget_class, "plan.export-findings", NULL,
                                   export_findings_cb);
  gtk_widget_class_install_action (widget_class, "plan.meeting-mode", NULL, meeting_mode_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "plan.add-task", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "plan.edit-task", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "plan.delete-task",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "plan.move-task", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "plan.move-task", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "plan.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "plan.meeting-mode", NULL);
}
