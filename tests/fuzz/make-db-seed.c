/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * Writes valid databases, made by the store itself, into the folder given
 * as its argument: the seeds from which fuzz-open-db reaches past the
 * header and the schema checks (run-fuzz.sh calls it before the run).
 *
 *   valid-wal.db       in write-ahead log mode, as the store leaves a file:
 *                      opening it runs the integrity check in a thread
 *   valid-rollback.db  the same records in rollback-journal mode: the
 *                      check runs before the open returns
 *
 * and, as regression seeds, files that the app once failed on, made by
 * editing valid-rollback.db behind the store's back (see variants[]).
 *
 * All have 512-byte pages, the smallest, so that they stay within the
 * target's -max_len (some 60 KB: a page per table and index). That is
 * still too large for the committed corpus, and this way the seeds
 * follow the schema as it changes.
 */

#define G_LOG_DOMAIN "make-db-seed"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sd-import.h"
#include "sd-statement.h"
#include "sd-store.h"
#include "sd-unit.h"

#include "fuzz-base-data.h"

static gboolean
make_store (const char  *path,
            GError     **error)
{
  g_autoptr(SdStore) store = NULL;
  g_autoptr(SdStatement) statement = NULL;
  g_autoptr(GBytes) signature = NULL;
  GListModel *units;
  guint8 strokes[64];

  store = sd_store_open (path, SD_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (base_data); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (base_data[i].text,
                                                    strlen (base_data[i].text));

      if (!sd_import_bytes (store, base_data[i].kind, bytes, NULL, NULL, error))
        return FALSE;
    }

  /* A sign-off, for a row with a blob and a hashed text. */
  units = sd_store_get_items (store, SD_TYPE_UNIT);
  if (g_list_model_get_n_items (units) > 1)
    {
      g_autoptr(SdUnit) unit = g_list_model_get_item (units, 1);

      for (guint i = 0; i < sizeof strokes; i++)
        strokes[i] = i * 7;
      signature = g_bytes_new (strokes, sizeof strokes);
      statement = sd_statement_new (store, unit);
      if (sd_statement_sign (store, statement, "李娜", 0, sd_statement_default_meaning (),
                             signature, error) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Files that passed the integrity check and still crashed the app, each
 * the valid database with one edit. */
static const struct
{
  const char *name;
  gboolean    wal;    /* from valid-wal.db, else from valid-rollback.db */
  const char *sql;
  const char *then;   /* on a new connection, after @sql; or NULL */
} variants[] = {
  /* A unit with the id 0 (SQLite allows it) looked like the parent of the
   * top units to the unit tree, which recursed until the stack ran out. */
  { "unit-id-zero.db", FALSE,
    "INSERT INTO units (id, name, kind) VALUES (0, '零', 'department')", NULL },
  /* A cycle of parents: the top unit under the lowest one. */
  { "unit-cycle.db", FALSE,
    "UPDATE units SET parent_id = (SELECT max(id) FROM units)"
    " WHERE id = (SELECT min(id) FROM units)", NULL },
  /* The last audit entry without its hash, in a file still being checked
   * (the schema edited to let it in, and back): opening failed without
   * saying why. */
  { "audit-no-hash.db", TRUE,
    "PRAGMA writable_schema = ON;"
    "UPDATE sqlite_schema SET sql = replace (sql, 'hash TEXT NOT NULL)', 'hash TEXT)')"
    " WHERE name = 'audit_log'",
    "UPDATE audit_log SET hash = NULL WHERE id = (SELECT max(id) FROM audit_log);"
    "PRAGMA writable_schema = ON;"
    "UPDATE sqlite_schema SET sql = replace (sql, 'hash TEXT)', 'hash TEXT NOT NULL)')"
    " WHERE name = 'audit_log'" },
  /* A post without a name in a file that says it must have one: damage
   * that the integrity check finds, but only after the org chart, drawn
   * meanwhile, stumbled on it. (A file whose schema lets it in is refused
   * at once.) */
  { "post-no-name.db", TRUE,
    "PRAGMA writable_schema = ON;"
    "UPDATE sqlite_schema SET sql = replace (sql, 'name TEXT NOT NULL CHECK', 'name TEXT CHECK')"
    " WHERE name = 'posts'",
    "UPDATE posts SET name = NULL WHERE id = (SELECT min(id) FROM posts);"
    "PRAGMA writable_schema = ON;"
    "UPDATE sqlite_schema SET sql = replace (sql, 'name TEXT CHECK', 'name TEXT NOT NULL CHECK')"
    " WHERE name = 'posts'" },
};

/* The same records with small pages, in @journal_mode. */
static gboolean
make_compact_copy (const char  *from,
                   const char  *to,
                   const char  *journal_mode,
                   GError     **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  sqlite3 *db = NULL;
  int rc;

  if (!g_file_get_contents (from, &contents, &length, error) ||
      !g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, error))
    return FALSE;

  /* The page size changes in rollback-journal mode only. */
  sql = g_strconcat ("PRAGMA journal_mode = DELETE; PRAGMA page_size = 512; VACUUM; "
                     "PRAGMA journal_mode = ", journal_mode, NULL);
  rc = sqlite3_open_v2 (to, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "Could not compact “%s”: %s", to,
                 db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

static gboolean
run_sql (const char  *path,
         const char  *sql,
         GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "Could not make “%s”: %s", path,
                 db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

static gboolean
make_variant (const char  *from,
              const char  *to,
              const char  *sql,
              const char  *then,
              GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  return g_file_get_contents (from, &contents, &length, error) &&
         g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_NONE, 0600,
                                   error) &&
         run_sql (to, sql, error) &&
         (then == NULL || run_sql (to, then, error));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *store_made = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *rollback = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s FOLDER\n", argv[0]);
      return 2;
    }

  store_made = g_build_filename (argv[1], "store.tmp", NULL);
  wal = g_build_filename (argv[1], "valid-wal.db", NULL);
  rollback = g_build_filename (argv[1], "valid-rollback.db", NULL);
  if (g_mkdir_with_parents (argv[1], 0700) != 0 ||
      !make_store (store_made, &error) ||
      !make_compact_copy (store_made, wal, "WAL", &error) ||
      !make_compact_copy (store_made, rollback, "DELETE", &error))
    {
      g_printerr ("%s: %s\n", argv[0], error != NULL ? error->message : g_strerror (errno));
      return 1;
    }
  g_remove (store_made);

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *path = g_build_filename (argv[1], variants[i].name, NULL);

      if (!make_variant (variants[i].wal ? wal : rollback, path, variants[i].sql,
                         variants[i].then, &error))
        {
          g_printerr ("%s: %s\n", argv[0], error->message);
          return 1;
        }
    }
  return 0;
}
