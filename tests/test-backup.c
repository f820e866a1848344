/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

/* Backups and their restore (sd-store-backup.h): a consistent copy while
 * the store writes, the daily rotation, file modes, no backup of a damaged
 * file, a restore that keeps the damaged file byte for byte, and a damaged
 * backup that is never taken for a good one. */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sd-store.h"
#include "sd-store-backup.h"
#include "sd-duty.h"
#include "sd-unit.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sd-test-backup-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "duties.db", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static SdStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  SdStore *store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
add_units (SdStore    *store,
           guint       n,
           const char *prefix)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sd_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %u", prefix, i);
      /* Transfer none: the store keeps its items. */
      g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error,
                                         "name", name, "kind", "department", NULL));
      g_assert_no_error (error);
    }
  g_assert_true (sd_store_commit (store, &error));
  g_assert_no_error (error);
}

/* One number from a database file, read with a connection of its own
 * that sees the file only: for copies, which have no log. */
static int
count_in (const char *path,
          const char *sql)
{
  g_autofree char *uri = g_strconcat ("file:", path, "?immutable=1", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static int
count_units (const char *path)
{
  return count_in (path, "SELECT count(*) FROM units");
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static GDateTime *
day (int year,
     int month,
     int mday,
     int hour)
{
  return g_date_time_new_local (year, month, mday, hour, 0, 0);
}

/* No temporary file is left behind by a copy, finished or failed. */
static void
assert_no_temp_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (g_str_has_suffix (name, ".tmp") || g_str_has_suffix (name, "-journal"))
        g_error ("A temporary file was left in %s: %s", dir, name);
    }
}

/* Backup while the store writes */

typedef struct
{
  SdStore    *store;
  const char *dest;
  gboolean    ok;
  GError     *error;
  gint        done;
} BackupThread;

static gpointer
backup_thread (gpointer data)
{
  BackupThread *bt = data;

  bt->ok = sd_store_backup_to (bt->store, bt->dest, NULL, &bt->error);
  g_atomic_int_set (&bt->done, 1);
  return NULL;
}

static void
test_backup_while_writing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(SdStore) store = open_store (fixture->path);
  g_autofree char *dest = g_build_filename (fixture->dir, "copy.db", NULL);
  BackupThread bt = { store, dest, FALSE, NULL, 0 };
  GThread *thread;
  int before, after, in_copy;
  guint written = 0;

  /* Large enough that the copy takes many steps. */
  add_units (store, 6000, "Unit");
  /* From the store: the file alone lacks what is still in its log. */
  before = g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_UNIT));

  thread = g_thread_new ("backup", backup_thread, &bt);
  while (!g_atomic_int_get (&bt.done))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("During %u", written);
      g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", name, NULL));
      g_assert_no_error (error);
      written++;
    }
  g_thread_join (thread);
  g_assert_no_error (bt.error);
  g_assert_true (bt.ok);
  g_test_message ("%u units written while the copy ran", written);

  after = before + written;
  in_copy = count_units (dest);
  g_assert_cmpint (in_copy, >=, before);
  g_assert_cmpint (in_copy, <=, after);
  /* One snapshot: every unit in the copy comes with its audit entry, and
   * nothing else does. */
  g_assert_cmpint (count_in (dest, "SELECT count(*) FROM audit_log "
                                   "WHERE entity = 'units' AND action = 'insert'"),
                   ==, in_copy);
  g_assert_true (sd_backup_check (dest, NULL, NULL));
  g_assert_cmpuint (file_mode (dest), ==, 0600);
  assert_no_temp_files (fixture->dir);
  {
    g_autofree char *wal = g_strconcat (dest, "-wal", NULL);

    /* The copy stands alone, without a log to go with it. */
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  /* The store goes on: the copy did not take its file. */
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, NULL, "name", "After", NULL));
  g_assert_cmpint (count_units (dest), ==, in_copy);
}

/* A copy never replaces the database it copies. */
static void
test_backup_refuses_itself (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(SdStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *link = g_build_filename (fixture->dir, "link.db", NULL);

  add_units (store, 10, "Unit");
  g_assert_false (sd_store_backup_to (store, fixture->path, NULL, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_cmpint (symlink (fixture->path, link), ==, 0);
  g_assert_false (sd_store_backup_to (store, link, NULL, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_FAILED);
  g_clear_object (&store);
  g_assert_cmpint (count_units (fixture->path), ==, 10);
  assert_no_temp_files (fixture->dir);
}

/* The rotation */

static void
test_rotation (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(SdStore) store = open_store (fixture->path);
  g_autofree char *folder = sd_backup_get_folder (fixture->path);
  g_autofree char *other = g_build_filename (folder, "other-2026-01-01.db", NULL);
  g_autofree char *notes = g_build_filename (folder, "notes.txt", NULL);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_folder = g_build_filename (fixture->dir, "backups", NULL);

  g_assert_cmpstr (folder, ==, expected_folder);

  /* Ten days, one backup a day, each day with one more unit. */
  for (int d = 1; d <= 10; d++)
    {
      g_autoptr(GDateTime) now = day (2026, 1, d, 9);
      g_autofree char *path = NULL;
      g_autofree char *name = sd_backup_get_name (fixture->path, now);
      g_autofree char *expected = g_strdup_printf ("duties-2026-01-%02d.db", d);

      add_units (store, 1, "Day");
      path = sd_store_backup_rotate (store, now, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (name, ==, expected);
      g_assert_true (g_str_has_suffix (path, expected));
      g_assert_cmpint (count_units (path), ==, d);

      /* Files that are not backups of this database are left alone. */
      if (d == 1)
        {
          g_assert_true (g_file_set_contents (other, "other", -1, NULL));
          g_assert_true (g_file_set_contents (notes, "notes", -1, NULL));
        }
    }

  /* A second backup the same day replaces that day's with the newest. */
  {
    g_autoptr(GDateTime) evening = day (2026, 1, 10, 21);
    g_autofree char *path = NULL;

    add_units (store, 5, "Evening");
    path = sd_store_backup_rotate (store, evening, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (count_units (path), ==, 15);
  }

  backups = sd_backup_list (fixture->path, SD_BACKUP_LIST_CHECK, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, SD_BACKUP_KEEP_DAYS);
  for (guint i = 0; i < backups->len; i++)
    {
      SdBackupInfo *info = g_ptr_array_index (backups, i);
      g_autoptr(GDateTime) expected = day (2026, 1, 10 - i, 0);

      /* Newest first, the seven newest days. */
      g_assert_true (g_date_time_equal (info->day, expected));
      g_assert_cmpint (info->status, ==, SD_BACKUP_GOOD);
      g_assert_null (info->problem);
      g_assert_cmpuint (info->size, >, 0);
      g_assert_nonnull (info->modified);
    }
  for (int d = 1; d <= 3; d++)
    {
      g_autofree char *gone = g_strdup_printf ("%s/duties-2026-01-%02d.db", folder, d);

      g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
    }
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (notes, G_FILE_TEST_EXISTS));
  assert_no_temp_files (folder);

  /* A backup of the same file under another name is someone else's. */
  g_clear_pointer (&backups, g_ptr_array_unref);
  {
    g_autofree char *elsewhere = g_build_filename (fixture->dir, "other.db", NULL);

    backups = sd_backup_list (elsewhere, SD_BACKUP_LIST_NONE, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (backups->len, ==, 1);
  }
}

/* Mode 0600 for every backup and copy, 0700 for the folder, whatever the
 * umask. */
static void
test_modes (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = day (2026, 2, 1, 12);
  g_autofree char *folder = sd_backup_get_folder (fixture->path);
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  mode_t old_umask = umask (022);

  store = open_store (fixture->path);
  add_units (store, 3, "Unit");
  g_assert_cmpuint (file_mode (fixture->path), ==, 0600);

  backup = sd_store_backup_rotate (store, now, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (folder), ==, 0700);
  g_assert_cmpuint (file_mode (backup), ==, 0600);

  g_assert_true (sd_store_backup_to (store, copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (copy), ==, 0600);

  /* Over an existing file that others could read: the copy is 0600. */
  g_assert_true (g_file_set_contents (copy, "old", -1, NULL));
  g_assert_cmpint (g_chmod (copy, 0644), ==, 0);
  g_assert_true (sd_store_backup_to (store, copy, NULL, &error));
  g_assert_cmpuint (file_mode (copy), ==, 0600);

  g_clear_object (&store);
  g_assert_true (sd_backup_restore (fixture->path, backup, FALSE, now, &kept, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (fixture->path), ==, 0600);
  g_assert_cmpuint (file_mode (kept), ==, 0600);

  umask (old_umask);
}

/* Damage */

/* Garbage over two pages near the end of @path: the header is intact, so
 * only SQLite's check of every page finds it. */
static void
damage_pages (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8 * 4096);
  memset (contents + length - 3 * 4096, 0xA5, 2 * 4096);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static void
rotate_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;
  g_autofree char *path = sd_store_backup_rotate_finish (result, error);

  g_assert_null (path);
  g_assert_nonnull (*error);
}

static void
test_damaged_not_backed_up (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(SdStore) store = open_store (fixture->path);
  g_autoptr(GDateTime) now = day (2026, 3, 1, 8);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *good = NULL;
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  gsize good_length, after_length;
  g_autofree char *after = NULL;

  add_units (store, 2000, "Unit");
  backup = sd_store_backup_rotate (store, now, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (backup, &good, &good_length, NULL));
  g_clear_object (&store);

  damage_pages (fixture->path);
  store = sd_store_open (fixture->path, SD_STORE_OPEN_NONE, &error);
  /* A file in write-ahead log mode is checked in the background. */
  g_assert_no_error (error);
  g_assert_nonnull (store);

  /* Later the same day: the good backup of the morning must stay. */
  g_clear_pointer (&now, g_date_time_unref);
  now = day (2026, 3, 1, 18);
  g_assert_null (sd_store_backup_rotate (store, now, NULL, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_false (sd_store_backup_to (store, copy, NULL, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));

  /* The same, asynchronously. */
  sd_store_backup_rotate_async (store, now, NULL, rotate_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT);

  g_assert_true (g_file_get_contents (backup, &after, &after_length, NULL));
  g_assert_cmpmem (good, good_length, after, after_length);
  g_assert_true (sd_backup_check (backup, NULL, NULL));
}

/* Restore */

static void
test_restore_keeps_damaged (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(SdStore) store = open_store (fixture->path);
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 3, 2, 10, 20, 30);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *kept_bytes = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *kept_wal = NULL;
  gsize damaged_length, kept_length;
  GStatBuf before_st, after_st;

  add_units (store, 500, "Unit");
  backup = sd_store_backup_rotate (store, now, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Truncated: half the file is gone, and a stray log lies beside it. */
  g_assert_true (g_file_get_contents (fixture->path, &damaged, &damaged_length, NULL));
  damaged_length /= 2;
  g_assert_true (g_file_set_contents (fixture->path, damaged, damaged_length, NULL));
  g_assert_true (g_file_set_contents (wal, "log", -1, NULL));
  g_assert_cmpint (g_stat (fixture->path, &before_st), ==, 0);

  g_assert_true (sd_backup_restore (fixture->path, backup, TRUE, now, &kept, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *expected = g_strconcat (fixture->path, ".damaged-20260302-102030", NULL);

    g_assert_cmpstr (kept, ==, expected);
  }

  /* The damaged file is aside, byte for byte, with the same time. */
  g_assert_true (g_file_get_contents (kept, &kept_bytes, &kept_length, NULL));
  g_assert_cmpmem (damaged, damaged_length, kept_bytes, kept_length);
  g_assert_cmpint (g_stat (kept, &after_st), ==, 0);
  g_assert_cmpint (after_st.st_ino, ==, before_st.st_ino);
  g_assert_cmpint (after_st.st_mtime, ==, before_st.st_mtime);
  kept_wal = g_strconcat (kept, "-wal", NULL);
  g_assert_true (g_file_test (kept_wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* The restored file opens with its data. */
  store = open_store (fixture->path);
  g_assert_true (sd_store_wait_verified (store, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_UNIT)), ==,
                    500);
  g_clear_object (&store);
  assert_no_temp_files (fixture->dir);

  /* A second restore in the same second keeps both old files. */
  {
    g_autofree char *kept2 = NULL;
    g_autofree char *kept3 = NULL;
    g_autofree char *expected2 = g_strconcat (fixture->path, ".before-restore-20260302-102030",
                                              NULL);
    g_autofree char *expected3 = g_strconcat (expected2, "-2", NULL);

    g_assert_true (sd_backup_restore (fixture->path, backup, FALSE, now, &kept2, NULL, &error));
    g_assert_cmpstr (kept2, ==, expected2);
    g_assert_true (sd_backup_restore (fixture->path, backup, FALSE, now, &kept3, NULL, &error));
    g_assert_cmpstr (kept3, ==, expected3);
  }
}

/* A restore of a bad backup changes nothing. */
static void
test_restore_refuses_bad_backup (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(SdStore) store = open_store (fixture->path);
  g_autoptr(GDateTime) now = day (2026, 3, 3, 9);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *db_before = NULL;
  g_autofree char *db_after = NULL;
  g_autofree char *kept = NULL;
  gsize length, before_length, after_length;

  add_units (store, 500, "Unit");
  backup = sd_store_backup_rotate (store, now, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_true (g_file_get_contents (backup, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (backup, contents, length / 2, NULL));
  g_assert_true (g_file_get_contents (fixture->path, &db_before, &before_length, NULL));

  g_assert_false (sd_backup_restore (fixture->path, backup, FALSE, now, &kept, NULL, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT);
  g_assert_null (kept);
  g_assert_true (g_file_get_contents (fixture->path, &db_after, &after_length, NULL));
  g_assert_cmpmem (db_before, before_length, db_after, after_length);
  assert_no_temp_files (fixture->dir);
}

/* Checking backups */

static void
test_check_backups (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SdStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(SdBackupInfo) newest = NULL;
  g_autofree char *folder = sd_backup_get_folder (fixture->path);
  g_autofree char *contents = NULL;
  gsize length;
  const char *names[] = { "duties-2026-04-01.db", "duties-2026-04-02.db",
                          "duties-2026-04-03.db", "duties-2026-04-04.db",
                          "duties-2026-04-05.db" };

  add_units (store, 500, "Unit");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GDateTime) now = day (2026, 4, i + 1, 9);
      g_autofree char *path = sd_store_backup_rotate (store, now, NULL, &error);

      g_assert_no_error (error);
      g_assert_true (g_str_has_suffix (path, names[i]));
    }
  g_clear_object (&store);

  /* 05: a table added behind the app's back (the store would refuse to
   * open it); 04: truncated; 03: not a database; 02: newer than this
   * build. */
  {
    g_autofree char *p5 = g_build_filename (folder, names[4], NULL);
    g_autofree char *p4 = g_build_filename (folder, names[3], NULL);
    g_autofree char *p3 = g_build_filename (folder, names[2], NULL);
    g_autofree char *p2 = g_build_filename (folder, names[1], NULL);
    sqlite3 *db = NULL;

    g_assert_true (g_file_get_contents (p4, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (p4, contents, length - 4096, NULL));
    g_assert_true (g_file_set_contents (p3, "Not a database at all, but a letter.", -1, NULL));
    g_assert_cmpint (sqlite3_open (p2, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 9999", NULL, NULL, NULL), ==,
                     SQLITE_OK);
    sqlite3_close (db);
    g_assert_cmpint (sqlite3_open (p5, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE mallory (x)", NULL, NULL, NULL), ==,
                     SQLITE_OK);
    sqlite3_close (db);

    g_assert_false (sd_backup_check (p5, NULL, &error));
    g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT);
    g_clear_error (&error);
    g_assert_false (sd_backup_check (p4, NULL, &error));
    g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT);
    g_clear_error (&error);
    g_assert_false (sd_backup_check (p3, NULL, &error));
    g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_DATABASE);
    g_clear_error (&error);
    g_assert_false (sd_backup_check (p2, NULL, &error));
    g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_TOO_NEW);
    g_clear_error (&error);
  }

  backups = sd_backup_list (fixture->path, SD_BACKUP_LIST_CHECK, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 5);
  for (guint i = 0; i < 4; i++)
    {
      SdBackupInfo *info = g_ptr_array_index (backups, i);

      g_assert_cmpint (info->status, ==, SD_BACKUP_DAMAGED);
      g_assert_nonnull (info->problem);
    }
  g_assert_cmpint (((SdBackupInfo *) g_ptr_array_index (backups, 4))->status, ==,
                   SD_BACKUP_GOOD);

  /* The newest good one is the oldest here. */
  newest = sd_backup_find_newest_good (fixture->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (newest);
  g_assert_true (g_str_has_suffix (newest->path, names[0]));
  g_assert_cmpint (newest->status, ==, SD_BACKUP_GOOD);

  /* Nothing in the folder is written by checking it. */
  assert_no_temp_files (folder);
  {
    g_autofree char *wal = g_build_filename (folder, "duties-2026-04-01.db-wal", NULL);
    g_autofree char *shm = g_build_filename (folder, "duties-2026-04-01.db-shm", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  }
}

/* No backups at all: an empty list and no good one, without an error. */
static void
test_no_backups (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = sd_backup_list (fixture->path, SD_BACKUP_LIST_CHECK, NULL,
                                                 &error);

  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 0);
  g_assert_null (sd_backup_find_newest_good (fixture->path, NULL, &error));
  g_assert_no_error (error);
}

/* The asynchronous variants, as the window uses them. */

typedef struct
{
  GMainLoop *loop;
  char      *path;
  gboolean   ok;
  GPtrArray *backups;
  SdBackupInfo *info;
  char      *kept;
  GError    *error;
} AsyncResult;

static void
async_rotate_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->path = sd_store_backup_rotate_finish (result, &r->error);
  g_main_loop_quit (r->loop);
}

static void
async_copy_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->ok = sd_store_backup_to_finish (result, &r->error);
  g_main_loop_quit (r->loop);
}

static void
async_list_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->backups = sd_backup_list_finish (result, &r->error);
  g_main_loop_quit (r->loop);
}

static void
async_find_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->info = sd_backup_find_newest_good_finish (result, &r->error);
  g_main_loop_quit (r->loop);
}

static void
async_restore_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->ok = sd_backup_restore_finish (result, &r->kept, &r->error);
  g_main_loop_quit (r->loop);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(SdStore) store = open_store (fixture->path);
  g_autoptr(GDateTime) now = day (2026, 5, 6, 7);
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncResult r = { g_main_loop_new (NULL, FALSE) };

  add_units (store, 50, "Unit");

  sd_store_backup_rotate_async (store, now, NULL, async_rotate_cb, &r);
  g_main_loop_run (r.loop);
  g_assert_no_error (r.error);
  g_assert_true (g_str_has_suffix (r.path, "duties-2026-05-06.db"));

  sd_store_backup_to_async (store, copy, NULL, async_copy_cb, &r);
  g_main_loop_run (r.loop);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpint (count_units (copy), ==, 50);

  sd_backup_list_async (fixture->path, SD_BACKUP_LIST_CHECK, NULL, async_list_cb, &r);
  g_main_loop_run (r.loop);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.backups->len, ==, 1);

  sd_backup_find_newest_good_async (fixture->path, NULL, async_find_cb, &r);
  g_main_loop_run (r.loop);
  g_assert_no_error (r.error);
  g_assert_cmpstr (r.info->path, ==, r.path);

  add_units (store, 5, "Later");
  g_clear_object (&store);
  sd_backup_restore_async (fixture->path, r.path, FALSE, now, NULL, async_restore_cb, &r);
  g_main_loop_run (r.loop);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_nonnull (r.kept);
  g_assert_cmpint (count_units (fixture->path), ==, 50);
  g_assert_cmpint (count_units (r.kept), ==, 55);

  /* A cancelled copy leaves nothing behind. */
  store = open_store (fixture->path);
  g_cancellable_cancel (cancellable);
  g_remove (copy);
  sd_store_backup_to_async (store, copy, cancellable, async_copy_cb, &r);
  g_main_loop_run (r.loop);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  assert_no_temp_files (fixture->dir);

  g_clear_error (&r.error);
  g_free (r.path);
  g_free (r.kept);
  g_ptr_array_unref (r.backups);
  sd_backup_info_free (r.info);
  g_main_loop_unref (r.loop);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/backup/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("while-writing", test_backup_while_writing);
  ADD ("refuses-itself", test_backup_refuses_itself);
  ADD ("rotation", test_rotation);
  ADD ("modes", test_modes);
  ADD ("damaged-not-backed-up", test_damaged_not_backed_up);
  ADD ("restore-keeps-damaged", test_restore_keeps_damaged);
  ADD ("restore-refuses-bad-backup", test_restore_refuses_bad_backup);
  ADD ("check-backups", test_check_backups);
  ADD ("no-backups", test_no_backups);
  ADD ("async", test_async);
#undef ADD

  return g_test_run ();
}
