/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

/* Backups in the window, under Xvfb: a damaged file opens a page that
 * says what is wrong and offers its newest good backup with the date;
 * restoring it shows the data in a new window, with the damaged file kept
 * aside byte for byte; a file that is not ours, or too new, has its own
 * sentence; the damage banner offers the same; "Restore from Backup…"
 * lists the backups with the damaged ones marked and asks before it
 * restores. With SD_TEST_SCREENSHOT=DIR it saves screenshots there. */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "sd-backup-actions.h"
#include "sd-damaged-page.h"
#include "sd-demo.h"
#include "sd-messages.h"
#include "sd-store-backup.h"
#include "sd-test-widgets.h"
#include "sd-unit.h"
#include "sd-window.h"

static GtkApplication *app;
static guint n_quit;
static guint n_open;

/* Helpers */

/* The screenshot's name says the language too: the test runs in English
 * and in Chinese. */
static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *language = g_getenv ("SD_TEST_LANGUAGE");
  g_autofree char *file = g_strdup_printf ("%s-%s.png", name,
                                           language != NULL ? language : "en");

  sd_test_save_screenshot (widget, file);
}

/* All the text the user can see in @widget. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!sd_test_shown (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (ADW_IS_STATUS_PAGE (widget))
    g_string_append_printf (out, "[status] %s\n",
                            adw_status_page_get_title (ADW_STATUS_PAGE (widget)));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (out, "%s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static char *
shown_text (gpointer widget)
{
  GString *out = g_string_new (NULL);

  collect_text (GTK_WIDGET (widget), out);
  return g_string_free (out, FALSE);
}

static void
assert_shows (gpointer    widget,
              const char *text)
{
  g_autofree char *all = shown_text (widget);

  if (strstr (all, text) == NULL)
    g_error ("“%s” is not shown; the window shows:\n%s", text, all);
}

/* The bytes and modification time of a file, to show it was not written. */
typedef struct
{
  char    *bytes;
  gsize    length;
  gint64   mtime_ns;
  guint64  inode;
} FileState;

static void
file_state_get (const char *path,
                FileState  *state)
{
  struct stat st;

  g_assert_true (g_file_get_contents (path, &state->bytes, &state->length, NULL));
  g_assert_cmpint (stat (path, &st), ==, 0);
  state->mtime_ns = (gint64) st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
  state->inode = st.st_ino;
}

static void
assert_file_unchanged (const char      *path,
                       const FileState *before)
{
  FileState after = { 0 };

  file_state_get (path, &after);
  g_assert_cmpmem (before->bytes, before->length, after.bytes, after.length);
  g_assert_cmpint (before->mtime_ns, ==, after.mtime_ns);
  g_free (after.bytes);
}

/* The one file in @dir whose name starts with @prefix. */
static char *
find_file (const char *dir,
           const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  char *found = NULL;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (g_str_has_prefix (name, prefix) && !g_str_has_suffix (name, "-wal") &&
          !g_str_has_suffix (name, "-shm"))
        {
          g_assert_null (found);
          found = g_build_filename (dir, name, NULL);
        }
    }
  return found;
}

/* The demo database at @path, with its backup of @day; returns the
 * backup's path and the number of units in it. */
static char *
make_database (const char *path,
               GDateTime  *day,
               guint      *n_units)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  char *backup;

  g_assert_no_error (error);
  g_assert_true (sd_demo_populate (store, &error));
  g_assert_no_error (error);
  backup = sd_store_backup_rotate (store, day, NULL, &error);
  g_assert_no_error (error);
  if (n_units != NULL)
    *n_units = g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_UNIT));
  return backup;
}

static void
truncate_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length / 2, NULL));
}

/* A window on @path as the application opens it. */
static SdWindow *
open_window (const char *path,
             GError    **open_error)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = sd_store_open (path, SD_STORE_OPEN_NONE, &error);
  SdWindow *window = sd_window_new (app, store);

  if (store == NULL)
    {
      sd_window_show_open_failure (window, path, error);
      if (open_error != NULL)
        *open_error = g_steal_pointer (&error);
    }
  gtk_window_present (GTK_WINDOW (window));
  sd_test_settle_for (300);
  return window;
}

static SdDamagedPage *
wait_for_search (SdWindow *window)
{
  SdDamagedPage *page = SD_DAMAGED_PAGE (sd_test_find_shown (window, sd_test_is_type,
                                                             "SdDamagedPage"));
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!sd_damaged_page_get_searched (page) && g_get_monotonic_time () < end)
    sd_test_settle_for (10);
  g_assert_true (sd_damaged_page_get_searched (page));
  sd_test_settle_for (100);
  return page;
}

/* After a restore: the new window of the application, with a store. */
static SdWindow *
wait_for_new_window (SdWindow *old)
{
  gint64 end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
        {
          if (SD_IS_WINDOW (l->data) && l->data != old &&
              sd_window_get_store (l->data) != NULL)
            {
              sd_test_settle_for (300);
              return l->data;
            }
        }
      sd_test_settle_for (10);
    }
  g_error ("No window opened after the restore");
  return NULL;
}

static void
close_all_windows (void)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (app)) != NULL)
    gtk_window_destroy (windows->data);
  sd_test_settle_for (100);
}

static guint
n_units (SdWindow *window)
{
  return g_list_model_get_n_items (sd_store_get_items (sd_window_get_store (window),
                                                       SD_TYPE_UNIT));
}

/* A truncated file with a good backup */

static void
test_truncated_restore (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sd-test-backup-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GDateTime) day = g_date_time_new_local (2024, 5, 6, 10, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdBackupInfo) info = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *date = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *kept = NULL;
  FileState damaged = { 0 };
  SdWindow *window, *restored;
  GtkWidget *button;
  guint units;

  backup = make_database (path, day, &units);
  g_assert_cmpuint (units, >, 0);
  truncate_file (path);
  file_state_get (path, &damaged);

  window = open_window (path, &error);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT);

  /* What is wrong, in plain words, and the way out with its date. */
  wait_for_search (window);
  expected = sd_describe_open_error (path, error);
  assert_shows (window, expected);
  assert_shows (window, sd_describe_open_error_title (error));
  info = sd_backup_find_newest_good (path, NULL, NULL);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->path, ==, backup);
  date = sd_backup_describe_date (info);
  assert_shows (window, date);
  if (g_strcmp0 (g_getenv ("SD_TEST_LANGUAGE"), "zh_CN") != 0)
    {
      assert_shows (window, "is damaged or incomplete");
      assert_shows (window, "6 May 2024");
    }
  button = sd_test_find (window, sd_test_button_labelled, _("_Restore Newest Good Backup"));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_nonnull (sd_test_find (window, sd_test_button_labelled, _("_Open Another File…")));
  g_assert_nonnull (sd_test_find (window, sd_test_button_labelled, _("_Quit")));
  screenshot (GTK_WIDGET (window), "damaged-page");

  /* The way out the other way: open and quit are the application's. */
  g_signal_emit_by_name (sd_test_find (window, sd_test_button_labelled, _("_Open Another File…")),
                         "clicked");
  g_assert_cmpuint (n_open, ==, 1);
  g_signal_emit_by_name (sd_test_find (window, sd_test_button_labelled, _("_Quit")), "clicked");
  g_assert_cmpuint (n_quit, ==, 1);

  /* Showing the page wrote nothing to the file. */
  assert_file_unchanged (path, &damaged);

  g_signal_emit_by_name (button, "clicked");
  restored = wait_for_new_window (window);
  g_assert_null (g_list_find (gtk_application_get_windows (app), window));
  g_assert_cmpuint (n_units (restored), ==, units);

  /* The toast says which backup and where the damaged file went. */
  kept = find_file (dir, "demo.db.damaged-");
  g_assert_nonnull (kept);
  {
    g_autofree char *kept_name = g_path_get_basename (kept);

    assert_shows (restored, date);
    assert_shows (restored, kept_name);
  }
  screenshot (GTK_WIDGET (restored), "restored");

  /* The damaged file is aside exactly as it was. */
  assert_file_unchanged (kept, &damaged);

  close_all_windows ();
  g_free (damaged.bytes);
  sd_test_remove_tree (dir);
}

/* Not ours, and too new: each its own sentence, and nothing written. */
static void
test_not_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sd-test-backup-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "letter.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  FileState before = { 0 };
  SdWindow *window;

  g_assert_true (g_file_set_contents (path, "Dear colleagues, this is a letter, not a database "
                                      "of security duties; it is long enough to have a header "
                                      "of a hundred bytes.", -1, NULL));
  file_state_get (path, &before);

  window = open_window (path, &error);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_DATABASE);
  wait_for_search (window);
  expected = sd_describe_open_error (path, error);
  assert_shows (window, expected);
  assert_shows (window, sd_describe_open_error_title (error));
  if (g_strcmp0 (g_getenv ("SD_TEST_LANGUAGE"), "zh_CN") != 0)
    assert_shows (window, "is not a Security Duties database");

  /* No backup: none offered, and it says so. */
  g_assert_null (sd_test_find (window, sd_test_button_labelled, _("_Restore Newest Good Backup")));
  assert_shows (window,
                _("No good backup was found in the folder “backups” next to the file."));
  screenshot (GTK_WIDGET (window), "not-a-database");

  assert_file_unchanged (path, &before);
  close_all_windows ();
  g_free (before.bytes);
  sd_test_remove_tree (dir);
}

static void
test_too_new (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sd-test-backup-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "newer.db", NULL);
  g_autoptr(GDateTime) day = g_date_time_new_local (2024, 7, 8, 9, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *expected = NULL;
  FileState before = { 0 };
  SdWindow *window;
  sqlite3 *db = NULL;

  backup = make_database (path, day, NULL);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 9999", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  file_state_get (path, &before);

  window = open_window (path, &error);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_TOO_NEW);
  wait_for_search (window);
  expected = sd_describe_open_error (path, error);
  assert_shows (window, expected);
  if (g_strcmp0 (g_getenv ("SD_TEST_LANGUAGE"), "zh_CN") != 0)
    assert_shows (window, "was saved by a newer version of Security Duties");
  /* The backup is offered here too. */
  g_assert_nonnull (sd_test_find (window, sd_test_button_labelled,
                                  _("_Restore Newest Good Backup")));
  screenshot (GTK_WIDGET (window), "too-new");

  assert_file_unchanged (path, &before);
  close_all_windows ();
  g_free (before.bytes);
  sd_test_remove_tree (dir);
}

/* Found damaged after opening: the banner offers the backup. */
static void
test_banner_restore (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sd-test-backup-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GDateTime) day = g_date_time_new_local (2024, 9, 10, 11, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdBackupInfo) info = NULL;
  g_autoptr(SdStore) store = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *date = NULL;
  g_autofree char *kept = NULL;
  FileState damaged = { 0 };
  SdWindow *window, *restored;
  GtkWidget *button;
  gsize length;
  guint units;

  backup = make_database (path, day, &units);

  /* Garbage over pages near the end: only SQLite's own check sees it. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  memset (contents + length - 3 * 4096, 0xA5, 2 * 4096);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  store = sd_store_open (path, SD_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  window = sd_window_new (app, store);
  g_clear_object (&store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (sd_store_wait_verified (sd_window_get_store (window), NULL));

  button = sd_test_find_shown (window, sd_test_button_labelled, _("_Restore Newest Good Backup"));
  info = sd_backup_find_newest_good (path, NULL, NULL);
  date = sd_backup_describe_date (info);
  sd_test_settle_for (100);
  assert_shows (window, date);
  screenshot (GTK_WIDGET (window), "damage-banner");

  /* What the store left of the file (it wrote nothing: damaged files are
   * read only) goes aside as it is. */
  file_state_get (path, &damaged);
  g_signal_emit_by_name (button, "clicked");
  restored = wait_for_new_window (window);
  g_assert_cmpuint (n_units (restored), ==, units);
  g_assert_true (sd_store_wait_verified (sd_window_get_store (restored), NULL));
  kept = find_file (dir, "demo.db.damaged-");
  g_assert_nonnull (kept);
  assert_file_unchanged (kept, &damaged);

  close_all_windows ();
  g_free (damaged.bytes);
  sd_test_remove_tree (dir);
}

/* Restore from Backup… */

static GtkWindow *
find_toplevel (GType type,
               GtkWindow *not)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

          if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && window != not &&
              gtk_widget_get_visible (GTK_WIDGET (window)))
            return window;
        }
      sd_test_settle_for (10);
    }
  g_error ("No %s shown", g_type_name (type));
  return NULL;
}

static void
test_restore_window (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sd-test-backup-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GDateTime) day1 = g_date_time_new_local (2024, 3, 4, 9, 0, 0);
  g_autoptr(GDateTime) day2 = g_date_time_new_local (2024, 3, 5, 9, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *backup1 = NULL;
  g_autofree char *backup2 = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *date1 = NULL;
  g_autofree char *kept = NULL;
  SdWindow *window, *restored;
  GtkWindow *restore_window, *dialog;
  GtkWidget *list, *row, *button;
  gsize length;
  guint units;

  backup1 = make_database (path, day1, &units);
  store = sd_store_open (path, SD_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "新部门", NULL));
  backup2 = sd_store_backup_rotate (store, day2, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (backup2, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (backup2, contents, length - 4096, NULL));

  window = sd_window_new (app, store);
  g_clear_object (&store);
  gtk_window_present (GTK_WINDOW (window));
  sd_test_settle_for (300);
  g_assert_cmpuint (n_units (window), ==, units + 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL));
  restore_window = find_toplevel (ADW_TYPE_WINDOW, GTK_WINDOW (window));
  g_assert_true (gtk_window_get_transient_for (restore_window) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (restore_window));

  /* Both backups, newest first; the damaged one marked, without a way to
   * restore it. */
  list = sd_test_find_shown (restore_window, sd_test_is_type, "GtkListBox");
  backups = sd_backup_list (path, SD_BACKUP_LIST_CHECK, NULL, NULL);
  g_assert_cmpuint (backups->len, ==, 2);
  {
    g_autofree char *date2 = sd_backup_describe_date (g_ptr_array_index (backups, 0));
    GtkWidget *damaged_row;

    date1 = sd_backup_describe_date (g_ptr_array_index (backups, 1));
    damaged_row = sd_test_find_shown (list, sd_test_row_titled, date2);
    g_assert_true (gtk_widget_get_first_child (list) == damaged_row);
    assert_shows (damaged_row, _("Damaged"));
    g_assert_null (sd_test_find (damaged_row, sd_test_button_labelled, _("_Restore…")));
  }
  row = sd_test_find_shown (list, sd_test_row_titled, date1);
  button = sd_test_find (row, sd_test_button_labelled, _("_Restore…"));
  g_assert_nonnull (button);
  {
    const char *size_text = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
    g_autofree char *size = g_format_size (((SdBackupInfo *) g_ptr_array_index (backups,
                                                                                1))->size);

    g_assert_cmpstr (size_text, ==, size);
  }
  screenshot (GTK_WIDGET (restore_window), "restore-window");

  /* Asking first: it says where the current file is kept. */
  g_signal_emit_by_name (button, "clicked");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "demo.db.before-restore-"));
  screenshot (GTK_WIDGET (dialog), "restore-confirm");
  g_signal_emit_by_name (sd_test_find (dialog, sd_test_button_labelled, _("_Restore")), "clicked");

  restored = wait_for_new_window (window);
  g_assert_cmpuint (n_units (restored), ==, units);
  kept = find_file (dir, "demo.db.before-restore-");
  g_assert_nonnull (kept);
  {
    g_autofree char *kept_name = g_path_get_basename (kept);

    assert_shows (restored, kept_name);
  }

  close_all_windows ();
  sd_test_remove_tree (dir);
}

/* Save a Copy…: the file chooser, then the copy and a toast; a copy over
 * the database itself is refused with a toast that says why. */
static void
test_save_copy (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sd-test-backup-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(GDateTime) day = g_date_time_new_local (2024, 1, 2, 9, 0, 0);
  g_autofree char *backup = make_database (path, day, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  SdWindow *window = open_window (path, &error);
  gint64 end;
  GStatBuf st;

  g_assert_no_error (error);

  /* The menu item asks where, in save mode, with a name to start from. */
  {
    g_autofree char *suggested = NULL;
    GtkWindow *chooser;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-copy", NULL));
    /* Without a portal, the native chooser is GTK's own dialog. */
    chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
    g_assert_true (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) ==
                   GTK_FILE_CHOOSER_ACTION_SAVE);
    g_assert_cmpstr (gtk_window_get_title (chooser), ==, _("Save a Copy"));
    suggested = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
    g_assert_true (g_str_has_prefix (suggested, "demo-copy-"));
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
    sd_test_settle_for (100);
  }

  sd_backup_save_copy_to (GTK_WIDGET (window), sd_window_get_store (window), copy);
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!g_file_test (copy, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < end)
    sd_test_settle_for (20);
  sd_test_settle_for (200);
  g_assert_true (sd_backup_check (copy, NULL, NULL));
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  text = shown_text (window);
  g_assert_nonnull (strstr (text, "copy.db"));
  if (g_strcmp0 (g_getenv ("SD_TEST_LANGUAGE"), "zh_CN") != 0)
    assert_shows (window, "Saved a copy to");

  /* Over the database itself: refused, in the window. */
  sd_backup_save_copy_to (GTK_WIDGET (window), sd_window_get_store (window), path);
  sd_test_settle_for (500);
  assert_shows (window, _("Could not save a copy"));
  g_assert_true (sd_store_wait_verified (sd_window_get_store (window), NULL));

  close_all_windows ();
  sd_test_remove_tree (dir);
}

/* The rotation runs by itself after the window opened. */
static void
test_rotation (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sd-test-backup-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *folder = sd_backup_get_folder (path);
  g_autofree char *name = sd_backup_get_name (path, now);
  g_autofree char *expected = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  SdWindow *window;
  gint64 end;

  g_assert_no_error (error);
  g_assert_true (sd_demo_populate (store, &error));
  window = sd_window_new (app, store);
  gtk_window_present (GTK_WINDOW (window));
  sd_backup_start_rotation (GTK_WIDGET (window), store);

  end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while (!g_file_test (expected, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < end)
    sd_test_settle_for (20);
  g_assert_true (g_file_test (expected, G_FILE_TEST_EXISTS));
  g_assert_true (sd_backup_check (expected, NULL, NULL));

  close_all_windows ();
  g_clear_object (&store);
  sd_test_remove_tree (dir);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  n_quit++;
}

static void
open_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  n_open++;
}

int
main (int   argc,
      char *argv[])
{
  static const GActionEntry actions[] = {
    { "quit", quit_activated },
    { "open", open_activated },
  };
  int status;

  sd_test_bind_locale ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  /* Stand-ins for the application's own, to see the buttons use them. */
  g_action_map_add_action_entries (G_ACTION_MAP (app), actions, G_N_ELEMENTS (actions), app);

  g_test_add_func ("/backup-ui/truncated-restore", test_truncated_restore);
  g_test_add_func ("/backup-ui/not-a-database", test_not_database);
  g_test_add_func ("/backup-ui/too-new", test_too_new);
  g_test_add_func ("/backup-ui/banner-restore", test_banner_restore);
  g_test_add_func ("/backup-ui/restore-window", test_restore_window);
  g_test_add_func ("/backup-ui/save-copy", test_save_copy);
  g_test_add_func ("/backup-ui/rotation", test_rotation);

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
