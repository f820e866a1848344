/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The database holds signatures and personal data: a file the app creates
 * is readable by its owner only (mode 0600), whatever the umask, and so are
 * the write-ahead log and shared-memory files SQLite puts beside it, which
 * hold the same data. A file that already exists keeps the mode its owner
 * gave it: the app does not change a user's file behind their back (a file
 * may be shared with a group on purpose), and the log files follow that
 * file's mode rather than the umask, so they are never wider than it.
 *
 * Backups are tested in test-backup.
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "sd-store.h"
#include "sd-duty.h"
#include "sd-unit.h"

typedef struct
{
  char   *dir;
  char   *path;
  mode_t  saved_umask;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sd-test-file-mode-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "duties.db", NULL);
  /* The umask is the process's: set per test, put back afterwards. */
  fixture->saved_umask = umask (GPOINTER_TO_UINT (data));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  umask (fixture->saved_umask);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* The permission bits of @path, with its suffix ("", "-wal", "-shm"). */
static guint
mode_of (const char *path,
         const char *suffix)
{
  g_autofree char *name = g_strconcat (path, suffix, NULL);
  GStatBuf st;

  if (g_stat (name, &st) != 0)
    g_error ("%s does not exist", name);
  return st.st_mode & 07777;
}

/* Edits that write to the log, so that -wal and -shm exist and hold data. */
static void
make_edits (SdStore *store)
{
  static guint n_calls;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = g_strdup_printf ("D%u", ++n_calls);
  SdUnit *unit;
  SdDuty *duty;

  /* Both borrowed: the store's models hold them. */
  unit = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "Office", NULL);
  g_assert_no_error (error);
  duty = sd_store_insert (store, SD_TYPE_DUTY, &error,
                          "code", code, "text", "Keep the keys", NULL);
  g_assert_no_error (error);
  g_assert_nonnull (duty);
  g_assert_true (sd_store_update (store, unit, &error, "staff-count", 12, NULL));
  g_assert_no_error (error);
}

static void
assert_files_mode (const char *path,
                   guint       mode)
{
  g_assert_cmpuint (mode_of (path, ""), ==, mode);
  g_assert_cmpuint (mode_of (path, "-wal"), ==, mode);
  g_assert_cmpuint (mode_of (path, "-shm"), ==, mode);
}

static void
test_created_private (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;

  store = sd_store_open (fixture->path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (sd_store_get_created (store));
  g_assert_cmpuint (mode_of (fixture->path, ""), ==, 0600);

  make_edits (store);
  assert_files_mode (fixture->path, 0600);
  g_clear_object (&store);

  /* Opened again, SQLite makes new log files: still private. */
  store = sd_store_open (fixture->path, SD_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (sd_store_wait_verified (store, &error));
  g_assert_no_error (error);
  make_edits (store);
  assert_files_mode (fixture->path, 0600);
}

/* A file made by something else first: its mode is its owner's choice. */
static void
test_existing_mode_kept (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;
  mode_t saved = umask (0);

  /* A database with something in it, then opened up to 0644 by its owner. */
  store = sd_store_open (fixture->path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  umask (saved);
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);

  store = sd_store_open (fixture->path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_false (sd_store_get_created (store));
  g_assert_true (sd_store_wait_verified (store, &error));
  g_assert_no_error (error);
  make_edits (store);
  /* Not tightened, and the logs are not wider than the file either (with
   * umask 000 a new file would otherwise be 0666). */
  assert_files_mode (fixture->path, 0644);
  g_clear_object (&store);
  g_assert_cmpuint (mode_of (fixture->path, ""), ==, 0644);
}

/* An empty file someone made for the app (touch) becomes a new database,
 * but it is still their file: its mode stays. */
static void
test_existing_empty_mode_kept (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;
  int fd;

  fd = g_open (fixture->path, O_CREAT | O_EXCL | O_WRONLY, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (fchmod (fd, 0644), ==, 0);
  g_close (fd, NULL);

  store = sd_store_open (fixture->path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (sd_store_get_created (store));
  make_edits (store);
  assert_files_mode (fixture->path, 0644);
}

int
main (int   argc,
      char *argv[])
{
  static const struct { const char *name; guint umask; } masks[] = {
    { "022", 022 },
    { "000", 000 },
    { "077", 077 },
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (masks); i++)
    {
      gconstpointer mask = GUINT_TO_POINTER (masks[i].umask);
      g_autofree char *created = g_strdup_printf ("/file-mode/umask-%s/created-0600",
                                                  masks[i].name);
      g_autofree char *kept = g_strdup_printf ("/file-mode/umask-%s/existing-mode-kept",
                                               masks[i].name);
      g_autofree char *empty = g_strdup_printf ("/file-mode/umask-%s/existing-empty-mode-kept",
                                                masks[i].name);

      g_test_add (created, Fixture, mask, fixture_setup, test_created_private, fixture_teardown);
      g_test_add (kept, Fixture, mask, fixture_setup, test_existing_mode_kept, fixture_teardown);
      g_test_add (empty, Fixture, mask, fixture_setup, test_existing_empty_mode_kept,
                  fixture_teardown);
    }

  return g_test_run ();
}
