/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * Verify Records as the user runs it: the window's action (primary menu →
 * Verify Records) opens a dialog that verifies in the background and then
 * names the first audit entry that was changed and every changed
 * sign-off, or says that everything verifies.
 */

#define G_LOG_DOMAIN "test-verify-ui"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#include <sqlite3.h>

#include "sd-person.h"
#include "sd-signoff.h"
#include "sd-statement.h"
#include "sd-store.h"
#include "sd-test-widgets.h"
#include "sd-unit.h"
#include "sd-window.h"

static GtkApplication *app;

typedef struct
{
  char    *dir;
  char    *path;
  SdStore *store;
  gint64   unit_id;
} Fixture;

static SdStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  SdStore *store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* A unit, its head and the head's sign-off, each written by the store with
 * its audit entry. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  const char *text = "安全责任书\n信息部\n";
  SdUnit *unit;
  SdPerson *head;

  f->dir = g_dir_make_tmp ("sd-test-verify-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = open_store (f->path);

  unit = sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "信息部", NULL);
  g_assert_no_error (error);
  f->unit_id = sd_item_get_id (SD_ITEM (unit));
  head = sd_store_insert (f->store, SD_TYPE_PERSON, &error, "name", "李娜",
                          "unit-id", f->unit_id, NULL);
  g_assert_no_error (error);
  g_assert_true (sd_store_update (f->store, unit, &error,
                                  "head-id", sd_item_get_id (SD_ITEM (head)), NULL));
  hash = sd_statement_hash (text);
  g_assert_nonnull (sd_store_insert (f->store, SD_TYPE_SIGNOFF, &error,
                                     "unit-id", f->unit_id,
                                     "signer-person-id", sd_item_get_id (SD_ITEM (head)),
                                     "signer-name", "李娜", "meaning", "已阅读并接受",
                                     "signed-at", "2026-11-21T10:00:00Z",
                                     "canonical-text", text, "sha256", hash, NULL));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  sd_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Changes the file behind the store's back, as the sqlite3 tool would. */
static void
tamper (Fixture    *f,
        const char *sql)
{
  sqlite3 *db;
  char *message = NULL;

  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
  f->store = open_store (f->path);
}

static SdWindow *
new_window (SdStore *store)
{
  SdWindow *window = sd_window_new (app, store);

  gtk_window_present (GTK_WINDOW (window));
  sd_test_settle_for (300);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return window;
}

/* Activates the window's action, as the primary menu does, and waits for
 * the dialog to give its report. */
static AdwMessageDialog *
run_verify (SdWindow *window)
{
  AdwMessageDialog *dialog;
  gint64 end;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.verify-records", NULL));
  sd_test_settle_for (50);
  dialog = sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));

  /* Escape gives the close response, which is the dialog's only button. */
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "close");
  g_assert_true (adw_message_dialog_has_response (dialog, "close"));

  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_strcmp0 (adw_message_dialog_get_heading (dialog), "Verifying Records…") == 0 &&
         g_get_monotonic_time () < end)
    sd_test_settle_for (20);
  g_test_message ("%s: %s", adw_message_dialog_get_heading (dialog),
                  adw_message_dialog_get_body (dialog));
  return dialog;
}

/* Every button says what it does: GTK names a button by its label. */
static void
assert_controls_named (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_BUTTON (widget))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));

      g_assert_true (label != NULL && label[0] != '\0');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_controls_named (child);
}

static void
close_dialog (AdwMessageDialog *dialog)
{
  /* What Escape does (the dialog's shortcut for it). */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  sd_test_settle_for (100);
  g_assert_null (dialog);
}

static void
test_intact (Fixture       *f,
             gconstpointer  data)
{
  SdWindow *window = new_window (f->store);
  AdwMessageDialog *dialog = run_verify (window);
  const char *body = adw_message_dialog_get_body (dialog);

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Records Verified");
  g_assert_nonnull (strstr (body, "All 4 entries of the audit log verify."));
  g_assert_nonnull (strstr (body, "1 sign-off verifies."));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "close"), ==, "_Close");
  assert_controls_named (GTK_WIDGET (dialog));

  close_dialog (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
  sd_test_settle_for (50);
}

static void
test_tampered (Fixture       *f,
               gconstpointer  data)
{
  SdWindow *window;
  AdwMessageDialog *dialog;
  const char *body;

  /* The head's entry (#2) edited, and the signed text changed. */
  tamper (f, "UPDATE audit_log SET operator = 'mallory' WHERE id = 2;"
             "UPDATE signoffs SET canonical_text = canonical_text || '!'");
  window = new_window (f->store);
  dialog = run_verify (window);
  body = adw_message_dialog_get_body (dialog);

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Records Were Changed");
  g_assert_true (g_str_has_prefix (body, "Entry #2 ("));
  g_assert_nonnull (strstr (body, "Person #"));
  g_assert_nonnull (strstr (body, "was changed after it was written."));
  g_assert_nonnull (strstr (body, "Sign-off #1 of 信息部 (signed by 李娜"));
  assert_controls_named (GTK_WIDGET (dialog));

  close_dialog (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
  sd_test_settle_for (50);
}

/* A change of the data alone: the chain holds, the report names the row. */
static void
test_data_changed (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE units SET name = '财务部' WHERE id = %"
                                          G_GINT64_FORMAT, f->unit_id);
  g_autofree char *row = g_strdup_printf ("Unit #%" G_GINT64_FORMAT " ", f->unit_id);
  SdWindow *window;
  AdwMessageDialog *dialog;
  const char *body;

  tamper (f, sql);
  window = new_window (f->store);
  dialog = run_verify (window);
  body = adw_message_dialog_get_body (dialog);

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Records Were Changed");
  g_assert_true (g_str_has_prefix (body, row));
  /* Its last entry is the head's update, #3. */
  g_assert_nonnull (strstr (body, "#3 ("));
  g_assert_null (strstr (body, "Sign-off #"));

  close_dialog (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
  sd_test_settle_for (50);
}

/* Closed before the report: the verification stops, nothing is shown. */
static void
test_closed_early (Fixture       *f,
                   gconstpointer  data)
{
  SdWindow *window = new_window (f->store);
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.verify-records", NULL));
  dialog = sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  close_dialog (dialog);
  sd_test_settle_for (500);
  g_assert_null (sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  gtk_window_destroy (GTK_WINDOW (window));
  sd_test_settle_for (50);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

#define ADD(name, func) \
  g_test_add ("/verify-ui/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("intact", test_intact);
  ADD ("tampered", test_tampered);
  ADD ("data-changed", test_data_changed);
  ADD ("closed-early", test_closed_early);

#undef ADD

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
