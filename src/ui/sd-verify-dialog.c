/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-verify-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-audit-diff.h"
#include "sd-audit-verify.h"
#include "sd-file-actions.h"
#include "sd-messages.h"
#include "sd-signoff.h"
#include "sd-statement.h"
#include "sd-unit.h"
#include "sd-verify-dialog.h"

/* One verification, from the dialog's opening to the thread's result. It
 * owns the store, so the store outlives the thread, and is freed in the
 * main thread when the result comes, whether or not the dialog is still
 * there to show it. */
typedef struct
{
  AdwMessageDialog *dialog;   /* weak */
  GtkWidget        *spinner;  /* weak */
  SdStore          *store;
} Verify;

static void
verify_free (Verify *verify)
{
  g_clear_weak_pointer (&verify->dialog);
  g_clear_weak_pointer (&verify->spinner);
  g_clear_object (&verify->store);
  g_free (verify);
}

/* Runs in a GTask thread: the audit log is read on a connection of its
 * own (sd_store_verify_audit()), so the window stays responsive. */
static void
verify_thread_cb (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  SdAuditReport *report = sd_store_verify_audit (task_data, sd_audit_row_label, cancellable,
                                                        &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) sd_audit_report_free);
}

/* An ISO 8601 time as the user reads it: local, to the minute. */
static char *
format_time (const char *iso)
{
  g_autoptr(GDateTime) time = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup (iso != NULL ? iso : "");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static char *
describe_signoff (SdStore   *store,
                  SdSignoff *signoff)
{
  SdUnit *unit = sd_store_lookup (store, SD_TYPE_UNIT, sd_signoff_get_unit_id (signoff));
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                         sd_item_get_id (SD_ITEM (signoff)));
  g_autofree char *when = format_time (sd_signoff_get_signed_at (signoff));

  /* Translators: a sign-off changed outside the app: its number, its unit,
   * who signed it and when ("2026-05-02 10:14") */
  return g_strdup_printf (_("Sign-off #%s of %s (signed by %s, %s) no longer matches its "
                            "SHA-256: its signed text was changed."),
                          id, unit != NULL ? sd_unit_get_name (unit) : "?",
                          sd_signoff_get_signer_name (signoff), when);
}

/* "All 120 entries of the audit log verify. All 3 sign-offs verify." */
static char *
describe_success (guint64 n_entries,
                  guint   n_signoffs)
{
  g_autofree char *entries = g_strdup_printf ("%" G_GUINT64_FORMAT, n_entries);
  g_autofree char *signoffs = g_strdup_printf ("%u", n_signoffs);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (n_entries == 0)
    first = g_strdup (_("The audit log is empty."));
  else
    /* Translators: %s is a number of audit entries */
    first = g_strdup_printf (ngettext ("%s entry of the audit log verifies.",
                                       "All %s entries of the audit log verify.",
                                       (gulong) MIN (n_entries, G_MAXULONG)),
                             entries);

  if (n_signoffs == 0)
    second = g_strdup (_("There are no sign-offs."));
  else
    /* Translators: %s is a number of sign-offs */
    second = g_strdup_printf (ngettext ("%s sign-off verifies.",
                                        "All %s sign-offs verify.", n_signoffs),
                              signoffs);

  /* Translators: two sentences, the audit log's and the sign-offs' */
  return g_strdup_printf (_("%s %s"), first, second);
}

static void
show_report (Verify        *verify,
             SdAuditReport *report,
             const GError  *error)
{
  g_autoptr(GPtrArray) tampered = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  GListModel *signoffs;
  guint n_signoffs;

  gtk_spinner_stop (GTK_SPINNER (verify->spinner));
  gtk_widget_set_visible (verify->spinner, FALSE);
  adw_message_dialog_set_response_label (verify->dialog, "close", _("_Close"));

  if (report == NULL)
    {
      g_autofree char *message = sd_describe_open_error (sd_store_get_path (verify->store),
                                                         error);

      adw_message_dialog_set_heading (verify->dialog, _("Could Not Verify Records"));
      adw_message_dialog_set_body (verify->dialog, message);
      return;
    }

  /* The sign-offs are items of the store, read on its own thread: this one. */
  signoffs = sd_store_get_items (verify->store, SD_TYPE_SIGNOFF);
  n_signoffs = g_list_model_get_n_items (signoffs);
  tampered = sd_signoffs_find_tampered (verify->store);

  if (sd_audit_report_get_ok (report) && tampered->len == 0)
    {
      g_autofree char *text = describe_success (sd_audit_report_get_n_entries (report),
                                                n_signoffs);

      adw_message_dialog_set_heading (verify->dialog, _("Records Verified"));
      adw_message_dialog_set_body (verify->dialog, text);
      return;
    }

  if (!sd_audit_report_get_ok (report))
    g_string_append (body, sd_audit_report_get_message (report));
  else
    g_string_append (body, _("The audit log verifies."));
  for (guint i = 0; i < tampered->len; i++)
    {
      g_autofree char *line = describe_signoff (verify->store, g_ptr_array_index (tampered, i));

      g_string_append_printf (body, "\n\n%s", line);
    }
  g_string_append_printf (body, "\n\n%s",
                          _("These changes were not made through Security Duties. Compare "
                            "the file with a backup to find out what was changed."));

  adw_message_dialog_set_heading (verify->dialog, _("Records Were Changed"));
  adw_message_dialog_set_body (verify->dialog, body->str);
}

static void
verify_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Verify *verify = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SdAuditReport) report = g_task_propagate_pointer (G_TASK (result), &error);

  /* Closed while it ran: nobody to tell. */
  if (verify->dialog != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_report (verify, report, error);
  verify_free (verify);
}

static void
dialog_destroy_cb (GtkWidget    *dialog,
                   GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
cancellable_unref (gpointer  data,
                   GClosure *closure)
{
  g_object_unref (data);
}

GtkWidget *
sd_verify_dialog_present (GtkWidget *parent,
                          SdStore   *store)
{
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GTask) task = NULL;
  GtkWidget *dialog, *spinner;
  Verify *verify;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  dialog = adw_message_dialog_new (sd_ui_parent_window (parent), _("Verifying Records…"),
                                   _("Every entry of the audit log is checked against the "
                                     "one before it and against the data, and every "
                                     "sign-off against its SHA-256."));
  gtk_window_set_title (GTK_WINDOW (dialog), _("Verify Records"));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);

  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Verifying"),
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), spinner);

  /* One button: it stops the verification while it runs, then closes the
   * report. Escape does the same. */
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Cancel"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");

  cancellable = g_cancellable_new ();
  g_signal_connect_data (dialog, "destroy", G_CALLBACK (dialog_destroy_cb),
                         g_object_ref (cancellable), cancellable_unref, 0);

  verify = g_new0 (Verify, 1);
  g_set_weak_pointer (&verify->dialog, ADW_MESSAGE_DIALOG (dialog));
  g_set_weak_pointer (&verify->spinner, spinner);
  verify->store = g_object_ref (store);

  task = g_task_new (NULL, cancellable, verify_done_cb, verify);
  g_task_set_source_tag (task, sd_verify_dialog_present);
  g_task_set_name (task, "[sd-verify-dialog] verify");
  /* Borrowed: @verify holds the store until the result is back. */
  g_task_set_task_data (task, store, NULL);
  g_task_run_in_thread (task, verify_thread_cb);

  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
