/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * libFuzzer target: the CSV reader and every import kind.
 *
 * The first byte of an input picks the kind of record ('u' units,
 * 'p' people, 'o' posts, 'd' duties, 'a' assignments, 'r' risks, 't' tasks,
 * 'f' findings; any other byte modulo the number of kinds), the rest is the
 * file. Each input is imported into a store that already holds a little of
 * every kind, and must leave it as sd-import.h promises:
 *
 * - a failed import changed nothing: every row of every table of the file
 *   (the audit log among them) and every model of the store are exactly
 *   what they were;
 * - a successful one kept the store consistent: each model holds as many
 *   items as its table has rows, and the audit chain still links, every
 *   entry's hash being that of its content and of the entry before.
 *
 * The raw reader (sd-csv.h) reads the same bytes; whatever it returns must
 * be well-formed UTF-8 records that come back unchanged through the writer.
 */

#define G_LOG_DOMAIN "fuzz-csv"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sd-csv.h"
#include "sd-import.h"
#include "sd-item.h"
#include "sd-store.h"
#include "sd-store-private.h"

#include "fuzz-base-data.h"
#include "fuzz-common.h"

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* The kind that each readable first byte picks, in sd_import_get_kinds()'s
 * terms. */
static const struct
{
  char        letter;
  const char *kind;
} letters[] = {
  { 'u', "units" }, { 'p', "people" }, { 'o', "posts" }, { 'd', "duties" },
  { 'a', "assignments" }, { 'r', "risks" }, { 't', "tasks" }, { 'f', "findings" },
};

static struct
{
  char       *dir;
  char       *template_path;
  char       *path;
  SdStore    *store;
  /* What a failed import must leave: the file's rows and the models. */
  char       *digest;
  GHashTable *n_items;   /* GType → number of items in the model */
} fuzz;

/* The store's files, and the copy of the base data */

static void
cleanup (void)
{
  g_clear_object (&fuzz.store);
  if (fuzz.dir == NULL)
    return;
  fuzz_remove_database (fuzz.path);
  fuzz_remove_database (fuzz.template_path);
  g_rmdir (fuzz.dir);
}

/* A digest of every row of every table, read on a connection of its own:
 * what is in the file, whatever the store's models say. Also counts the
 * rows of each table into @n_rows (table name → count), if not NULL. */
static char *
file_digest (const char *path,
             GHashTable *n_rows)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  rc = sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                               "ORDER BY name", -1, &stmt, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      const char *table = tables->pdata[t];
      /* A test's own query over the file's own table names. */
      char *sql = sqlite3_mprintf ("SELECT * FROM \"%w\" ORDER BY rowid", table);
      guint rows = 0;

      rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
      sqlite3_free (sql);
      g_assert_cmpint (rc, ==, SQLITE_OK);
      g_checksum_update (checksum, (const guchar *) table, strlen (table) + 1);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          int n = sqlite3_column_count (stmt);

          for (int c = 0; c < n; c++)
            {
              guchar type = sqlite3_column_type (stmt, c);
              const void *blob = sqlite3_column_blob (stmt, c);
              int length = sqlite3_column_bytes (stmt, c);
              gint32 length_be = GINT32_TO_BE (length);

              g_checksum_update (checksum, &type, 1);
              g_checksum_update (checksum, (const guchar *) &length_be, sizeof length_be);
              if (length > 0)
                g_checksum_update (checksum, blob, length);
            }
          rows++;
        }
      g_assert_cmpint (rc, ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
      if (n_rows != NULL)
        g_hash_table_insert (n_rows, g_strdup (table), GUINT_TO_POINTER (rows));
    }

  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (checksum));
}

static const char *
table_of (GType type)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);

  return sd_item_class_get_table (SD_ITEM_CLASS (klass))->name;
}

/* Each model as large as its table, the audit chain linked. */
static void
assert_consistent (void)
{
  g_autoptr(GHashTable) n_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *digest = NULL;
  const GType *types;
  const char *prev_hash = "";
  guint n_types;

  digest = file_digest (fuzz.path, n_rows);
  types = sd_store_get_item_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    {
      GListModel *model = sd_store_get_items (fuzz.store, types[i]);
      const char *table = table_of (types[i]);

      g_assert_true (g_hash_table_contains (n_rows, table));
      g_assert_cmpuint (g_list_model_get_n_items (model), ==,
                        GPOINTER_TO_UINT (g_hash_table_lookup (n_rows, table)));
    }

  entries = sd_store_get_audit_entries (fuzz.store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==,
                    GPOINTER_TO_UINT (g_hash_table_lookup (n_rows, "audit_log")));
  for (guint i = 0; i < entries->len; i++)
    {
      SdAuditEntry *entry = entries->pdata[i];
      g_autofree char *hash = sd_audit_compute_hash (entry->prev_hash, entry->at,
                                                     entry->os_user, entry->operator_,
                                                     entry->entity, entry->entity_id,
                                                     entry->action, entry->before,
                                                     entry->after);

      g_assert_cmpstr (entry->prev_hash, ==, prev_hash);
      g_assert_cmpstr (entry->hash, ==, hash);
      prev_hash = entry->hash;
    }
}

/* Reads every table into the models, and remembers what they and the
 * file hold. */
static void
remember_state (void)
{
  const GType *types;
  guint n_types;

  types = sd_store_get_item_types (&n_types);
  g_hash_table_remove_all (fuzz.n_items);
  for (guint i = 0; i < n_types; i++)
    {
      GListModel *model = sd_store_get_items (fuzz.store, types[i]);

      g_hash_table_insert (fuzz.n_items, GSIZE_TO_POINTER (types[i]),
                           GUINT_TO_POINTER (g_list_model_get_n_items (model)));
    }
  g_free (fuzz.digest);
  fuzz.digest = file_digest (fuzz.path, NULL);
}

static void
assert_unchanged (void)
{
  g_autofree char *digest = file_digest (fuzz.path, NULL);
  const GType *types;
  guint n_types;

  g_assert_cmpstr (digest, ==, fuzz.digest);
  types = sd_store_get_item_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    {
      GListModel *model = sd_store_get_items (fuzz.store, types[i]);

      g_assert_cmpuint (g_list_model_get_n_items (model), ==,
                        GPOINTER_TO_UINT (g_hash_table_lookup (fuzz.n_items,
                                                               GSIZE_TO_POINTER (types[i]))));
    }
}

/* Puts the base data back: a copy of the template, opened afresh. */
static void
reset_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_clear_object (&fuzz.store);
  fuzz_remove_database (fuzz.path);
  g_file_get_contents (fuzz.template_path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents_full (fuzz.path, contents, length, G_FILE_SET_CONTENTS_NONE, 0600,
                            &error);
  g_assert_no_error (error);

  fuzz.store = sd_store_open (fuzz.path, SD_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  sd_store_wait_verified (fuzz.store, &error);
  g_assert_no_error (error);
  remember_state ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;

  fuzz_init_logging ();
  fuzz.dir = g_dir_make_tmp ("sd-fuzz-csv-XXXXXX", &error);
  g_assert_no_error (error);
  atexit (cleanup);
  fuzz.template_path = g_build_filename (fuzz.dir, "template.db", NULL);
  fuzz.path = g_build_filename (fuzz.dir, "fuzz.db", NULL);
  fuzz.n_items = g_hash_table_new (NULL, NULL);

  store = sd_store_open (fuzz.template_path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (base_data); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (base_data[i].text,
                                                    strlen (base_data[i].text));
      g_autoptr(GPtrArray) row_errors = NULL;
      guint n_imported = 0;

      if (!sd_import_bytes (store, base_data[i].kind, bytes, &n_imported, &row_errors, &error))
        {
          for (guint j = 0; row_errors != NULL && j < row_errors->len; j++)
            {
              g_autofree char *line = sd_import_row_error_format (row_errors->pdata[j]);
              g_printerr ("%s: %s\n", base_data[i].kind, line);
            }
        }
      g_assert_no_error (error);
      g_assert_cmpuint (n_imported, >, 0);
    }
  g_clear_object (&store);

  reset_store ();
  return 0;
}

/* The raw reader */

static void
fuzz_reader (const char *data,
             gsize       size)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = NULL;
  SdCsvEncoding encoding;
  guint error_line = 0;
  guint last_line = 0;

  records = sd_csv_parse (data, size, &encoding, &error_line, &error);
  if (records == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == SD_CSV_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpuint (error_line, >=, 1);
      return;
    }
  g_assert_no_error (error);

  out = g_string_new (SD_CSV_BOM);
  for (guint i = 0; i < records->len; i++)
    {
      SdCsvRecord *record = records->pdata[i];

      g_assert_cmpuint (record->line, >, last_line);
      last_line = record->line;
      g_assert_cmpuint (record->n_fields, >=, 1);
      g_assert_cmpuint (g_strv_length (record->fields), ==, record->n_fields);
      for (guint j = 0; j < record->n_fields; j++)
        g_assert_true (g_utf8_validate (record->fields[j], -1, NULL));
      sd_csv_append_row (out, (const char * const *) record->fields, record->n_fields);
    }

  /* What the writer makes of it reads back the same. */
  again = sd_csv_parse (out->str, out->len, &encoding, &error_line, &error);
  g_assert_no_error (error);
  g_assert_cmpint (encoding, ==, SD_CSV_ENCODING_UTF8_BOM);
  g_assert_cmpuint (again->len, ==, records->len);
  for (guint i = 0; i < records->len; i++)
    {
      SdCsvRecord *a = records->pdata[i];
      SdCsvRecord *b = again->pdata[i];

      g_assert_cmpuint (a->n_fields, ==, b->n_fields);
      for (guint j = 0; j < a->n_fields; j++)
        g_assert_cmpstr (a->fields[j], ==, b->fields[j]);
    }
}

/* An import */

static const char *
kind_for (guint8 selector)
{
  const char * const *kinds = sd_import_get_kinds ();

  for (guint i = 0; i < G_N_ELEMENTS (letters); i++)
    {
      if (letters[i].letter == selector)
        return letters[i].kind;
    }
  return kinds[selector % g_strv_length ((char **) kinds)];
}

static void
fuzz_import (const char *kind,
             const char *data,
             gsize       size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) row_errors = NULL;
  g_autoptr(GError) error = NULL;
  guint n_imported = 12345;
  gboolean ok;

  ok = sd_import_bytes (fuzz.store, kind, bytes, &n_imported, &row_errors, &error);
  /* G_MESSAGES_DEBUG=fuzz-csv tells what became of each input. */
  g_debug ("%s: %s", kind, ok ? "imported" : error->message);
  g_assert_nonnull (row_errors);
  for (guint i = 0; i < row_errors->len; i++)
    {
      g_autofree char *line = sd_import_row_error_format (row_errors->pdata[i]);

      g_assert_true (g_utf8_validate (line, -1, NULL));
      g_debug ("  %s", line);
    }

  if (!ok)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == SD_IMPORT_ERROR || error->domain == SD_STORE_ERROR);
      g_assert_cmpuint (n_imported, ==, 0);
      /* All or nothing: nothing. */
      assert_unchanged ();
      return;
    }

  g_assert_no_error (error);
  g_assert_cmpuint (row_errors->len, ==, 0);
  assert_consistent ();
  /* The next input starts from the base data again, so that what an
   * input does never depends on the inputs before it. */
  reset_store ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  if (size == 0)
    return 0;

  fuzz_reader ((const char *) data + 1, size - 1);
  fuzz_import (kind_for (data[0]), (const char *) data + 1, size - 1);

  /* Whatever the store left for the main loop (integrity notifications). */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return 0;
}
