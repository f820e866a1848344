/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * Crash safety, proven. A child process (this program with --child) opens
 * a database through the store, as the app does, and runs a seeded script
 * of edits of every kind: inserts, updates, deletions with their
 * cascades, deletions undone, batches committed and rolled back, edits
 * the data model refuses, the risk matrix. The parent kills it with
 * SIGKILL at a random moment, at least 200 times a run, and then checks
 * the file the child left behind:
 *
 *  - PRAGMA integrity_check says "ok";
 *  - the store opens it and its own integrity check passes;
 *  - the audit chain verifies (sd_store_verify_audit());
 *  - every row of every table is exactly what the edits the child
 *    reported as committed made of it, or that plus the one edit that was
 *    in flight, and only if its commit had begun.
 *
 * The child tells what each edit will do before it makes it: for every
 * row it will write, the row as it will be, or that it will be gone. It
 * predicts the cascades of a deletion, what an Undo puts back and the id
 * SQLite gives a new row (the largest plus one, for a table without
 * AUTOINCREMENT) from the store's models, and after the commit checks its
 * prediction against them, so that the parent's model is exact. The
 * reports go through a pipe with write(2), unbuffered, one line at a time:
 *
 *   S                     the child starts to open the store
 *   O                     the store is open
 *   B seq what            an edit (a transaction) begins
 *   R table id row        after it, this row will read so
 *   X table id            after it, this row will be gone
 *   E seq                 the commit begins (a single edit: the call that commits)
 *   K / k                 a checkpoint of the write-ahead log begins / ends
 *   C seq / A seq         the edit is committed / rolled back or refused
 *   Y / Z                 the store is being closed / is closed
 *
 * The checkpoints are the ones SQLite's auto-checkpoint makes (a PASSIVE
 * checkpoint after a commit that leaves the log over a number of pages),
 * made by a WAL hook of the same effect so that they can be announced; in
 * some runs far more often than the app's 1000 pages, so that kills land
 * inside them. The child's database is on the disk, with its syncs.
 *
 * SD_CRASH_SEED chooses the same scripts and kill targets again (where
 * exactly each kill lands depends on timing, so a replay comes close but
 * is not exact); SD_CRASH_KILLS sets the number of kills (default 240).
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sd-store.h"
#include "sd-store-private.h"
#include "sd-store-schema.h"
#include "sd-matrix-settings.h"
#include "sd-assessment.h"
#include "sd-assignment.h"
#include "sd-duty.h"
#include "sd-person.h"
#include "sd-plan.h"
#include "sd-plan-stream.h"
#include "sd-plan-task.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-risk.h"
#include "sd-risk-category.h"
#include "sd-signoff.h"
#include "sd-unit.h"

#include "sd-audit-verify.h"

#define MATRIX_KEY "risk_matrix\t1"

/* Rows as text, the same for the child's items and the parent's SQL. */

static const SdTable *
table_of (GType type)
{
  /* Item classes are static: the reference is never dropped. */
  return sd_item_class_get_table (g_type_class_ref (type));
}

static GType
gtype_of_column (SdColumnType type)
{
  switch (type)
    {
    case SD_COLUMN_INT:
      return G_TYPE_INT;
    case SD_COLUMN_BOOLEAN:
      return G_TYPE_BOOLEAN;
    case SD_COLUMN_STRING:
      return G_TYPE_STRING;
    case SD_COLUMN_REF:
      return G_TYPE_INT64;
    case SD_COLUMN_BYTES:
      return G_TYPE_BYTES;
    default:
      g_assert_not_reached ();
    }
}

static void
append_value (GString      *out,
              SdColumnType  type,
              const GValue *value)
{
  switch (type)
    {
    case SD_COLUMN_INT:
      g_string_append_printf (out, "i%d", g_value_get_int (value));
      break;
    case SD_COLUMN_BOOLEAN:
      g_string_append_printf (out, "b%d", g_value_get_boolean (value) ? 1 : 0);
      break;
    case SD_COLUMN_REF:
      g_string_append_printf (out, "r%" G_GINT64_FORMAT, g_value_get_int64 (value));
      break;
    case SD_COLUMN_STRING:
      if (g_value_get_string (value) == NULL)
        g_string_append_c (out, 'n');
      else
        {
          /* Escaped: no tab or newline can reach the report. */
          g_autofree char *escaped = g_strescape (g_value_get_string (value), NULL);

          g_string_append_c (out, 's');
          g_string_append (out, escaped);
        }
      break;
    case SD_COLUMN_BYTES:
      {
        GBytes *bytes = g_value_get_boxed (value);
        const guint8 *data;
        gsize size;

        if (bytes == NULL)
          {
            g_string_append_c (out, 'n');
            break;
          }
        data = g_bytes_get_data (bytes, &size);
        g_string_append_c (out, 'x');
        for (gsize i = 0; i < size; i++)
          g_string_append_printf (out, "%02x", data[i]);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static char *
values_to_string (const SdTable       *table,
                  const GValue * const *values)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < table->n_columns; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\t');
      append_value (out, table->columns[i].type, values[i]);
    }
  return g_string_free (out, FALSE);
}

static char *
item_to_string (gpointer item)
{
  const SdTable *table = table_of (G_OBJECT_TYPE (item));
  const GValue **values = g_newa (const GValue *, table->n_columns);

  for (guint i = 0; i < table->n_columns; i++)
    values[i] = sd_item_get_value (item, i);
  return values_to_string (table, values);
}

static char *
string_value_to_string (const char *s)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GString *out = g_string_new (NULL);

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, s);
  append_value (out, SD_COLUMN_STRING, &value);
  return g_string_free (out, FALSE);
}

static char *
row_key (const char *table,
         gint64      id)
{
  return g_strdup_printf ("%s\t%" G_GINT64_FORMAT, table, id);
}

/* ------------------------------------------------------------------ */
/* The child */

typedef struct
{
  GType  type;
  gint64 id;
  char  *row;      /* NULL: gone */
} Expectation;

static void
expectation_free (gpointer data)
{
  Expectation *expectation = data;

  g_free (expectation->row);
  g_free (expectation);
}

/* What sd_store_delete_with_undo() removed, as the child predicted it. */
typedef struct
{
  SdDeletion *deletion;
  GPtrArray  *deleted;     /* SdItem, owned: the rows, in deletion order */
  GPtrArray  *rows;        /* their rows before, as text */
  GPtrArray  *cleared;     /* Cleared */
  guint       countdown;   /* edits until the Undo */
} PendingUndo;

typedef struct
{
  SdItem *item;            /* owned */
  guint   column;
  gint64  value;           /* the reference before */
} Cleared;

static void
cleared_free (gpointer data)
{
  Cleared *cleared = data;

  g_object_unref (cleared->item);
  g_free (cleared);
}

static void
pending_undo_free (PendingUndo *undo)
{
  sd_deletion_free (undo->deletion);
  g_ptr_array_unref (undo->deleted);
  g_ptr_array_unref (undo->rows);
  g_ptr_array_unref (undo->cleared);
  g_free (undo);
}

typedef struct
{
  SdStore     *store;
  GRand       *rand;
  gint64       seq;          /* the edit (transaction) under way */
  gint64       tag;          /* makes names and codes unique in the file */
  int          wal_pages;    /* checkpoint when the log has this many pages */
  GHashTable  *expected;     /* row key → Expectation, for the edit under way */
  gboolean     in_batch;     /* between sd_store_begin() and its commit or rollback */
  PendingUndo *undo;
} Child;

G_GNUC_NORETURN static void
child_die (const char *format,
           ...) G_GNUC_PRINTF (1, 2);

static void
child_die (const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("test-crash child: %s\n", message);
  _exit (3);
}

/* One write(2) per line, no buffer: what the parent reads is what the
 * child had done when it died. */
static void
emit (const char *format,
      ...) G_GNUC_PRINTF (1, 2);

static void
emit (const char *format,
      ...)
{
  g_autofree char *line = NULL;
  va_list args;
  gsize len, done = 0;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  len = strlen (line);

  while (done < len)
    {
      gssize n = write (STDOUT_FILENO, line + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        _exit (4);   /* the parent is gone */
      done += n;
    }
}

static void
expect (Child      *c,
        GType       type,
        const char *table,
        gint64      id,
        const char *row)
{
  Expectation *expectation = g_new0 (Expectation, 1);

  expectation->type = type;
  expectation->id = id;
  expectation->row = g_strdup (row);
  g_hash_table_replace (c->expected, row_key (table, id), expectation);

  if (row != NULL)
    emit ("R\t%s\t%" G_GINT64_FORMAT "\t%s\n", table, id, row);
  else
    emit ("X\t%s\t%" G_GINT64_FORMAT "\n", table, id);
}

static void
expect_item_row (Child      *c,
                 GType       type,
                 gint64      id,
                 const char *row)
{
  expect (c, type, table_of (type)->name, id, row);
}

/* After the commit: the store's models hold what was predicted. */
static void
check_expectations (Child *c)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, c->expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Expectation *expectation = value;
      g_autofree char *actual = NULL;

      if (expectation->type == G_TYPE_NONE)
        {
          SdMatrixSettings matrix = { 0 };

          sd_store_get_matrix (c->store, &matrix);
          actual = string_value_to_string (matrix.likelihood_title);
          sd_matrix_settings_clear (&matrix);
        }
      else
        {
          gpointer item = sd_store_lookup (c->store, expectation->type, expectation->id);

          if (item != NULL)
            actual = item_to_string (item);
        }

      if (g_strcmp0 (actual, expectation->row) != 0)
        child_die ("edit %" G_GINT64_FORMAT ": %s is “%s”, predicted “%s”", c->seq,
                   (const char *) key, actual ? actual : "(gone)",
                   expectation->row ? expectation->row : "(gone)");
    }
}

static void
txn_begin (Child      *c,
           const char *what)
{
  c->seq++;
  g_hash_table_remove_all (c->expected);
  emit ("B\t%" G_GINT64_FORMAT "\t%s\n", c->seq, what);
}

static void
txn_commit_begins (Child *c)
{
  emit ("E\t%" G_GINT64_FORMAT "\n", c->seq);
}

static void
txn_committed (Child *c)
{
  emit ("C\t%" G_GINT64_FORMAT "\n", c->seq);
  check_expectations (c);
}

static void
txn_aborted (Child *c)
{
  emit ("A\t%" G_GINT64_FORMAT "\n", c->seq);
}

/* A store call that writes. On its own it is a transaction of its own,
 * begun, committed (or refused) inside the call: the prediction comes
 * first, then E, then the call. Inside a batch the batch is the
 * transaction, and the call is one more part of it. */
static void
op_start (Child      *c,
          const char *what)
{
  if (!c->in_batch)
    txn_begin (c, what);
}

static void
op_call (Child *c)
{
  if (!c->in_batch)
    txn_commit_begins (c);
}

static void
op_done (Child    *c,
         gboolean  committed)
{
  if (c->in_batch)
    return;
  if (committed)
    txn_committed (c);
  else
    txn_aborted (c);
}

/* Rows the child writes: every column given, so that no default of the
 * schema has to be predicted. */
typedef struct
{
  GType          type;
  const SdTable *table;
  GValue        *values;
} Row;

static Row *
row_new (GType type)
{
  Row *row = g_new0 (Row, 1);

  row->type = type;
  row->table = table_of (type);
  row->values = g_new0 (GValue, row->table->n_columns);
  for (guint i = 0; i < row->table->n_columns; i++)
    g_value_init (&row->values[i], gtype_of_column (row->table->columns[i].type));
  return row;
}

static Row *
row_new_from_item (gpointer item)
{
  Row *row = row_new (G_OBJECT_TYPE (item));

  for (guint i = 0; i < row->table->n_columns; i++)
    g_value_copy (sd_item_get_value (item, i), &row->values[i]);
  return row;
}

static void
row_free (Row *row)
{
  for (guint i = 0; i < row->table->n_columns; i++)
    g_value_unset (&row->values[i]);
  g_free (row->values);
  g_free (row);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Row, row_free)

static GValue *
row_column (Row        *row,
            const char *property)
{
  int column = sd_table_find_column (row->table, property);

  if (column < 0)
    child_die ("%s has no column %s", row->table->name, property);
  return &row->values[column];
}

static void
row_set_int (Row        *row,
             const char *property,
             int         value)
{
  g_value_set_int (row_column (row, property), value);
}

static void
row_set_bool (Row        *row,
              const char *property,
              gboolean    value)
{
  g_value_set_boolean (row_column (row, property), value);
}

static void
row_set_ref (Row        *row,
             const char *property,
             gint64      value)
{
  g_value_set_int64 (row_column (row, property), value);
}

static void
row_set_string (Row        *row,
                const char *property,
                const char *value)
{
  g_value_set_string (row_column (row, property), value);
}

static char *
row_to_string (Row *row)
{
  const GValue **values = g_newa (const GValue *, row->table->n_columns);

  for (guint i = 0; i < row->table->n_columns; i++)
    values[i] = &row->values[i];
  return values_to_string (row->table, values);
}

/* Random choices */

static gboolean
chance (Child *c,
        int    percent)
{
  return g_rand_int_range (c->rand, 0, 100) < percent;
}

static int
between (Child *c,
         int    low,
         int    high)
{
  return g_rand_int_range (c->rand, low, high + 1);
}

static const char *
one_of (Child              *c,
        const char * const *strings,
        guint               n)
{
  return strings[g_rand_int_range (c->rand, 0, n)];
}

#define ONE_OF(c, ...) \
  one_of (c, (const char * const[]) { __VA_ARGS__ }, \
          G_N_ELEMENTS (((const char * const[]) { __VA_ARGS__ })))

static guint
n_items (Child *c,
         GType  type)
{
  return g_list_model_get_n_items (sd_store_get_items (c->store, type));
}

/* A random item of @type, or NULL; borrowed (the model holds it). */
static gpointer
pick (Child *c,
      GType  type)
{
  GListModel *items = sd_store_get_items (c->store, type);
  guint n = g_list_model_get_n_items (items);
  g_autoptr(GObject) item = NULL;

  if (n == 0)
    return NULL;
  item = g_list_model_get_item (items, g_rand_int_range (c->rand, 0, n));
  return item;
}

static gint64
pick_id (Child *c,
         GType  type,
         int    percent_none)
{
  gpointer item;

  if (chance (c, percent_none) || (item = pick (c, type)) == NULL)
    return 0;
  return sd_item_get_id (item);
}

static char *
new_tag (Child      *c,
         const char *prefix)
{
  return g_strdup_printf ("%s%" G_GINT64_FORMAT, prefix, ++c->tag);
}

/* The id SQLite gives a new row of a table without AUTOINCREMENT: one more
 * than the largest (1 in an empty table). */
static gint64
next_id (Child *c,
         GType  type)
{
  GListModel *items = sd_store_get_items (c->store, type);
  gint64 max = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(SdItem) item = g_list_model_get_item (items, i);

      max = MAX (max, sd_item_get_id (item));
    }
  return max + 1;
}

static void
expect_error (Child        *c,
              const char   *what,
              gboolean      ok,
              GError       *error,
              SdStoreError  code)
{
  if (ok)
    child_die ("edit %" G_GINT64_FORMAT ": %s succeeded, predicted to fail", c->seq, what);
  if (!g_error_matches (error, SD_STORE_ERROR, code))
    child_die ("edit %" G_GINT64_FORMAT ": %s failed with “%s” (%d), predicted error %d",
               c->seq, what, error ? error->message : "no error", error ? error->code : -1,
               code);
}

static void
expect_success (Child      *c,
                const char *what,
                gboolean    ok,
                GError     *error)
{
  if (!ok)
    child_die ("edit %" G_GINT64_FORMAT ": %s failed: %s", c->seq, what,
               error ? error->message : "no error");
}

/* Edits. Each predicts, then calls the store. */

static gpointer
do_insert (Child *c,
           Row   *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = row_to_string (row);
  const char **names = g_newa (const char *, row->table->n_columns);
  gint64 id = next_id (c, row->type);
  gpointer item;

  for (guint i = 0; i < row->table->n_columns; i++)
    names[i] = row->table->columns[i].property;

  op_start (c, row->table->name);
  expect_item_row (c, row->type, id, text);
  op_call (c);
  item = sd_store_insertv (c->store, row->type, row->table->n_columns, names, row->values,
                           &error);
  expect_success (c, "insert", item != NULL, error);
  if (sd_item_get_id (item) != id)
    child_die ("%s: new id %" G_GINT64_FORMAT ", predicted %" G_GINT64_FORMAT,
               row->table->name, sd_item_get_id (item), id);
  op_done (c, TRUE);
  return item;
}

static void
do_update (Child    *c,
           gpointer  item,
           Row      *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = row_to_string (row);
  const char **names = g_newa (const char *, row->table->n_columns);
  gboolean ok;

  for (guint i = 0; i < row->table->n_columns; i++)
    names[i] = row->table->columns[i].property;

  op_start (c, row->table->name);
  expect_item_row (c, row->type, sd_item_get_id (item), text);
  op_call (c);
  ok = sd_store_updatev (c->store, item, row->table->n_columns, names, row->values, &error);
  expect_success (c, "update", ok, error);
  op_done (c, TRUE);
}

/* A unit whose id is smaller than @limit (0: any), or none: parents are
 * older than their children, so the tree has no cycle. */
static gint64
pick_parent_unit (Child  *c,
                  gint64  limit)
{
  SdUnit *unit = pick (c, SD_TYPE_UNIT);

  if (unit == NULL || chance (c, 30) ||
      (limit > 0 && sd_item_get_id (SD_ITEM (unit)) >= limit))
    return 0;
  return sd_item_get_id (SD_ITEM (unit));
}

static void
fill_unit (Child  *c,
           Row    *row,
           gint64  id)
{
  g_autofree char *name = new_tag (c, "Unit ");

  row_set_string (row, "name", name);
  row_set_string (row, "kind", ONE_OF (c, "company", "department", "section", "other"));
  row_set_ref (row, "parent-id", pick_parent_unit (c, id));
  row_set_ref (row, "head-id", pick_id (c, SD_TYPE_PERSON, 40));
  row_set_int (row, "staff-count", between (c, 0, 500));
  row_set_int (row, "position", between (c, 0, 20));
}

static void
add_unit (Child *c)
{
  g_autoptr(Row) row = row_new (SD_TYPE_UNIT);

  fill_unit (c, row, 0);
  do_insert (c, row);
}

static void
fill_person (Child *c,
             Row   *row)
{
  g_autofree char *name = new_tag (c, "张");
  g_autofree char *title = new_tag (c, "Officer ");

  row_set_string (row, "name", name);
  row_set_ref (row, "unit-id", pick_id (c, SD_TYPE_UNIT, 20));
  row_set_string (row, "job-title", chance (c, 70) ? title : NULL);
  row_set_bool (row, "full-time", chance (c, 60));
  row_set_bool (row, "active", chance (c, 90));
}

static void
add_person (Child *c)
{
  g_autoptr(Row) row = row_new (SD_TYPE_PERSON);

  fill_person (c, row);
  do_insert (c, row);
}

static void
fill_post (Child *c,
           Row   *row)
{
  g_autofree char *name = new_tag (c, "Post ");
  g_autofree char *description = new_tag (c, "Looks after\tthings \"quoted\" ");

  row_set_string (row, "name", name);
  row_set_ref (row, "unit-id", pick_id (c, SD_TYPE_UNIT, 20));
  row_set_string (row, "post-type", ONE_OF (c, "security-director", "security-admin",
                                            "security-auditor", "network-admin",
                                            "system-admin", "other"));
  row_set_string (row, "description", chance (c, 50) ? description : NULL);
  row_set_bool (row, "key-post", chance (c, 30));
  row_set_bool (row, "full-time-required", chance (c, 30));
  row_set_int (row, "position", between (c, 0, 20));
}

static void
add_post (Child *c)
{
  g_autoptr(Row) row = row_new (SD_TYPE_POST);

  fill_post (c, row);
  do_insert (c, row);
}

static gboolean
holder_exists (Child  *c,
               gint64  post_id,
               gint64  person_id)
{
  GListModel *holders = sd_store_get_items (c->store, SD_TYPE_POST_HOLDER);

  for (guint i = 0; i < g_list_model_get_n_items (holders); i++)
    {
      g_autoptr(SdPostHolder) holder = g_list_model_get_item (holders, i);

      if (sd_post_holder_get_post_id (holder) == post_id &&
          sd_post_holder_get_person_id (holder) == person_id)
        return TRUE;
    }
  return FALSE;
}

static void
add_post_holder (Child *c)
{
  g_autoptr(Row) row = row_new (SD_TYPE_POST_HOLDER);
  gint64 post_id = pick_id (c, SD_TYPE_POST, 0);
  gint64 person_id = pick_id (c, SD_TYPE_PERSON, 0);
  g_autofree char *since = g_strdup_printf ("20%02d-%02d-01", between (c, 10, 26),
                                            between (c, 1, 12));

  if (post_id == 0 || person_id == 0 || holder_exists (c, post_id, person_id))
    {
      add_person (c);
      return;
    }
  row_set_ref (row, "post-id", post_id);
  row_set_ref (row, "person-id", person_id);
  row_set_bool (row, "is-primary", chance (c, 70));
  row_set_string (row, "since", chance (c, 80) ? since : NULL);
  do_insert (c, row);
}

static void
fill_duty (Child *c,
           Row   *row)
{
  g_autofree char *text = new_tag (c, "负责保密工作 ");

  row_set_string (row, "area", ONE_OF (c, "leadership", "administration", "audit"));
  row_set_string (row, "text", text);
  row_set_string (row, "source", chance (c, 50) ? "Art. 7" : NULL);
  row_set_int (row, "position", between (c, 0, 100));
}

static void
add_duty (Child *c)
{
  g_autoptr(Row) row = row_new (SD_TYPE_DUTY);
  g_autofree char *code = new_tag (c, "D-");

  row_set_string (row, "code", code);
  fill_duty (c, row);
  do_insert (c, row);
}

/* Refused by the data model: the code of a duty is unique. */
static void
add_duplicate_duty (Child *c)
{
  g_autoptr(Row) row = row_new (SD_TYPE_DUTY);
  g_autoptr(GError) error = NULL;
  SdDuty *other = pick (c, SD_TYPE_DUTY);
  const char **names = g_newa (const char *, row->table->n_columns);
  gpointer item;

  if (other == NULL)
    {
      add_duty (c);
      return;
    }
  row_set_string (row, "code", sd_duty_get_code (other));
  fill_duty (c, row);
  for (guint i = 0; i < row->table->n_columns; i++)
    names[i] = row->table->columns[i].property;
  op_start (c, "duplicate duty");
  op_call (c);
  item = sd_store_insertv (c->store, SD_TYPE_DUTY, row->table->n_columns, names, row->values,
                           &error);
  expect_error (c, "a duplicate duty code", item != NULL, error, SD_STORE_ERROR_CONSTRAINT);
  op_done (c, FALSE);
}

static gboolean
assignment_exists (Child  *c,
                   gint64  duty_id,
                   gint64  post_id,
                   gint64  unit_id)
{
  GListModel *assignments = sd_store_get_items (c->store, SD_TYPE_ASSIGNMENT);

  for (guint i = 0; i < g_list_model_get_n_items (assignments); i++)
    {
      g_autoptr(SdAssignment) a = g_list_model_get_item (assignments, i);

      if (sd_assignment_get_duty_id (a) == duty_id &&
          sd_assignment_get_post_id (a) == post_id &&
          sd_assignment_get_unit_id (a) == unit_id &&
          sd_assignment_get_body_id (a) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
add_assignment (Child *c)
{
  g_autoptr(Row) row = row_new (SD_TYPE_ASSIGNMENT);
  gint64 duty_id = pick_id (c, SD_TYPE_DUTY, 0);
  gboolean to_post = chance (c, 60);
  gint64 party = pick_id (c, to_post ? SD_TYPE_POST : SD_TYPE_UNIT, 0);

  if (duty_id == 0 || party == 0 ||
      assignment_exists (c, duty_id, to_post ? party : 0, to_post ? 0 : party))
    {
      add_duty (c);
      return;
    }
  row_set_ref (row, "duty-id", duty_id);
  row_set_ref (row, to_post ? "post-id" : "unit-id", party);
  row_set_string (row, "role", ONE_OF (c, "R", "A", "C", "I"));
  do_insert (c, row);
}

static void
fill_risk (Child *c,
           Row   *row)
{
  g_autofree char *title = new_tag (c, "泄密风险 ");
  static const char * const levels[] = {
    "inherent-likelihood", "inherent-impact", "residual-likelihood", "residual-impact",
    "target-likelihood", "target-impact",
  };

  row_set_string (row, "title", title);
  row_set_string (row, "description", chance (c, 50) ? "What could happen\nand how" : NULL);
  row_set_string (row, "cause", chance (c, 50) ? "Carelessness" : NULL);
  row_set_string (row, "consequence", chance (c, 50) ? "A leak" : NULL);
  row_set_ref (row, "owner-unit-id", pick_id (c, SD_TYPE_UNIT, 30));
  row_set_ref (row, "owner-person-id", pick_id (c, SD_TYPE_PERSON, 30));
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    row_set_int (row, levels[i], between (c, 1, 5));
  row_set_string (row, "treatment",
                  chance (c, 20) ? NULL : ONE_OF (c, "avoid", "reduce", "transfer", "accept"));
  row_set_string (row, "measures", chance (c, 50) ? "Lock the cabinet" : NULL);
  row_set_string (row, "status", ONE_OF (c, "open", "treating", "accepted", "closed"));
  row_set_string (row, "next-review", chance (c, 50) ? "2026-09-30" : NULL);
}

static void
add_risk (Child *c)
{
  g_autoptr(Row) row = row_new (SD_TYPE_RISK);
  g_autofree char *code = new_tag (c, "R-");
  gint64 category = pick_id (c, SD_TYPE_RISK_CATEGORY, 10);

  row_set_string (row, "code", code);
  row_set_ref (row, "category-id", category);
  fill_risk (c, row);
  do_insert (c, row);
}

static void
add_risk_category (Child *c)
{
  g_autoptr(Row) row = row_new (SD_TYPE_RISK_CATEGORY);
  g_autofree char *code = new_tag (c, "cat-");

  row_set_string (row, "code", code);
  row_set_string (row, "name", "Physical");
  row_set_int (row, "position", between (c, 4, 9));
  do_insert (c, row);
}

static gboolean
year_taken (Child *c,
            int    year)
{
  GListModel *plans = sd_store_get_items (c->store, SD_TYPE_PLAN);

  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(SdPlan) plan = g_list_model_get_item (plans, i);

      if (sd_plan_get_year (plan) == year)
        return TRUE;
    }
  return FALSE;
}

static void
add_plan (Child *c)
{
  g_autoptr(Row) row = row_new (SD_TYPE_PLAN);
  int year = between (c, 1900, 9999);

  if (year_taken (c, year))
    year = between (c, 1900, 9999);
  if (year_taken (c, year))
    {
      add_person (c);
      return;
    }
  row_set_int (row, "year", year);
  row_set_string (row, "goal", chance (c, 70) ? "Nothing leaks" : NULL);
  row_set_string (row, "policy", chance (c, 50) ? "Need to know" : NULL);
  do_insert (c, row);
}

static void
add_plan_stream (Child *c)
{
  g_autoptr(Row) row = row_new (SD_TYPE_PLAN_STREAM);
  g_autofree char *name = new_tag (c, "宣传培训 ");
  gint64 plan_id = pick_id (c, SD_TYPE_PLAN, 0);

  if (plan_id == 0)
    {
      add_plan (c);
      return;
    }
  row_set_ref (row, "plan-id", plan_id);
  row_set_string (row, "name", name);
  row_set_int (row, "position", between (c, 0, 9));
  do_insert (c, row);
}

/* A stream of @plan_id, or 0. */
static gint64
pick_stream (Child  *c,
             gint64  plan_id)
{
  GListModel *streams = sd_store_get_items (c->store, SD_TYPE_PLAN_STREAM);

  for (guint i = 0; i < g_list_model_get_n_items (streams); i++)
    {
      g_autoptr(SdPlanStream) stream = g_list_model_get_item (streams, i);

      if (sd_plan_stream_get_plan_id (stream) == plan_id && chance (c, 50))
        return sd_item_get_id (SD_ITEM (stream));
    }
  return 0;
}

static void
fill_task_progress (Child *c,
                    Row   *row)
{
  int start = between (c, 1, 12);
  g_autofree char *evidence = new_tag (c, "Minutes no. ");

  row_set_int (row, "start-month", start);
  row_set_int (row, "end-month", between (c, start, 12));
  row_set_string (row, "status", ONE_OF (c, "planned", "in-progress", "done", "cancelled"));
  row_set_int (row, "progress", between (c, 0, 100));
  row_set_string (row, "evidence", chance (c, 50) ? evidence : NULL);
}

static void
add_plan_task (Child *c)
{
  g_autoptr(Row) row = row_new (SD_TYPE_PLAN_TASK);
  g_autofree char *title = new_tag (c, "Task ");
  gint64 plan_id = pick_id (c, SD_TYPE_PLAN, 0);

  if (plan_id == 0)
    {
      add_plan (c);
      return;
    }
  row_set_ref (row, "plan-id", plan_id);
  row_set_ref (row, "stream-id", pick_stream (c, plan_id));
  row_set_string (row, "title", title);
  row_set_ref (row, "owner-unit-id", pick_id (c, SD_TYPE_UNIT, 30));
  row_set_ref (row, "owner-person-id", pick_id (c, SD_TYPE_PERSON, 30));
  row_set_string (row, "start-date", chance (c, 30) ? "2026-02-01" : NULL);
  row_set_string (row, "end-date", chance (c, 30) ? "2026-11-30" : NULL);
  fill_task_progress (c, row);
  row_set_bool (row, "carried-over", chance (c, 10));
  row_set_int (row, "position", between (c, 0, 50));
  do_insert (c, row);
}

/* A sign-off makes its unit undeletable (the data model refuses). */
static void
add_signoff (Child *c)
{
  g_autoptr(Row) row = row_new (SD_TYPE_SIGNOFF);
  g_autofree char *text = new_tag (c, "I acknowledge and accept these duties. ");
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autoptr(GBytes) signature = NULL;
  guint8 strokes[16];
  gint64 unit_id = pick_id (c, SD_TYPE_UNIT, 0);

  if (unit_id == 0)
    {
      add_unit (c);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (strokes); i++)
    strokes[i] = g_rand_int_range (c->rand, 0, 256);
  signature = g_bytes_new (strokes, sizeof strokes);

  row_set_ref (row, "unit-id", unit_id);
  row_set_ref (row, "signer-person-id", pick_id (c, SD_TYPE_PERSON, 30));
  row_set_string (row, "signer-name", "王芳");
  row_set_string (row, "meaning", "I acknowledge and accept these duties");
  row_set_string (row, "signed-at", "2026-03-01T09:30:00Z");
  row_set_string (row, "canonical-text", text);
  row_set_string (row, "sha256", sha256);
  if (chance (c, 50))
    g_value_set_boxed (row_column (row, "signature"), signature);
  do_insert (c, row);
}

/* Changes one to three columns of a random item. */
static void
update_random (Child *c)
{
  const GType types[] = {
    SD_TYPE_UNIT, SD_TYPE_PERSON, SD_TYPE_POST, SD_TYPE_DUTY, SD_TYPE_RISK, SD_TYPE_PLAN_TASK,
    SD_TYPE_PLAN,
  };
  g_autoptr(Row) row = NULL;
  gpointer item = NULL;
  int n_changes = between (c, 1, 3);

  for (guint tries = 0; item == NULL && tries < 4; tries++)
    item = pick (c, types[g_rand_int_range (c->rand, 0, G_N_ELEMENTS (types))]);
  if (item == NULL)
    {
      add_unit (c);
      return;
    }

  row = row_new_from_item (item);
  for (int i = 0; i < n_changes; i++)
    {
      g_autofree char *tag = new_tag (c, "v");
      int what = between (c, 0, 3);

      if (SD_IS_UNIT (item))
        {
          if (what == 0)
            row_set_string (row, "name", tag);
          else if (what == 1)
            row_set_int (row, "staff-count", between (c, 0, 900));
          else if (what == 2)
            row_set_ref (row, "head-id", pick_id (c, SD_TYPE_PERSON, 30));
          else
            row_set_ref (row, "parent-id", pick_parent_unit (c, sd_item_get_id (item)));
        }
      else if (SD_IS_PERSON (item))
        {
          if (what == 0)
            row_set_string (row, "job-title", chance (c, 20) ? NULL : tag);
          else if (what == 1)
            row_set_ref (row, "unit-id", pick_id (c, SD_TYPE_UNIT, 20));
          else if (what == 2)
            row_set_bool (row, "active", chance (c, 50));
          else
            row_set_bool (row, "full-time", chance (c, 50));
        }
      else if (SD_IS_POST (item))
        {
          if (what == 0)
            row_set_string (row, "description", chance (c, 20) ? NULL : tag);
          else if (what == 1)
            row_set_bool (row, "key-post", chance (c, 50));
          else if (what == 2)
            row_set_ref (row, "unit-id", pick_id (c, SD_TYPE_UNIT, 20));
          else
            row_set_int (row, "position", between (c, 0, 20));
        }
      else if (SD_IS_DUTY (item))
        {
          if (what <= 1)
            row_set_string (row, "text", tag);
          else if (what == 2)
            row_set_string (row, "source", chance (c, 30) ? NULL : tag);
          else
            row_set_int (row, "position", between (c, 0, 100));
        }
      else if (SD_IS_RISK (item))
        {
          if (what == 0)
            row_set_string (row, "measures", tag);
          else if (what == 1)
            row_set_string (row, "status", ONE_OF (c, "open", "treating", "accepted", "closed"));
          else if (what == 2)
            row_set_ref (row, "owner-person-id", pick_id (c, SD_TYPE_PERSON, 30));
          else
            row_set_int (row, "target-impact", between (c, 1, 5));
        }
      else if (SD_IS_PLAN_TASK (item))
        {
          if (what <= 1)
            fill_task_progress (c, row);
          else if (what == 2)
            row_set_ref (row, "owner-unit-id", pick_id (c, SD_TYPE_UNIT, 30));
          else
            row_set_string (row, "title", tag);
        }
      else
        {
          row_set_string (row, what < 2 ? "goal" : "policy", chance (c, 20) ? NULL : tag);
        }
    }
  do_update (c, item, row);
}

/* A re-rating as the workshop makes it: the risk and its assessment in
 * one batch (sd_risk_rate() in core does the same). */
static void
rate_risk (Child *c)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Row) row = NULL;
  g_autoptr(Row) assessment = row_new (SD_TYPE_ASSESSMENT);
  g_autofree char *reason = new_tag (c, "Moved in the workshop ");
  const char *level = ONE_OF (c, "inherent", "residual", "target");
  g_autofree char *likelihood = g_strconcat (level, "-likelihood", NULL);
  g_autofree char *impact = g_strconcat (level, "-impact", NULL);
  SdRisk *risk = pick (c, SD_TYPE_RISK);
  int old_l, old_i, new_l, new_i;
  gboolean ok;

  if (risk == NULL)
    {
      add_risk (c);
      return;
    }
  row = row_new_from_item (risk);
  old_l = g_value_get_int (row_column (row, likelihood));
  old_i = g_value_get_int (row_column (row, impact));
  new_l = between (c, 1, 5);
  new_i = between (c, 1, 5);
  row_set_int (row, likelihood, new_l);
  row_set_int (row, impact, new_i);

  row_set_ref (assessment, "risk-id", sd_item_get_id (SD_ITEM (risk)));
  row_set_string (assessment, "at", "2026-05-12T10:00:00.000000Z");
  row_set_string (assessment, "level", level);
  row_set_int (assessment, "old-likelihood", old_l);
  row_set_int (assessment, "old-impact", old_i);
  row_set_int (assessment, "new-likelihood", new_l);
  row_set_int (assessment, "new-impact", new_i);
  row_set_string (assessment, "reason", reason);
  row_set_string (assessment, "workshop", chance (c, 50) ? "Q2 workshop" : NULL);
  row_set_int (assessment, "matrix-size", 5);
  row_set_int (assessment, "old-matrix-size", 5);

  txn_begin (c, "rate a risk");
  ok = sd_store_begin (c->store, &error);
  expect_success (c, "begin", ok, error);
  c->in_batch = TRUE;
  do_update (c, risk, row);
  do_insert (c, assessment);
  c->in_batch = FALSE;
  txn_commit_begins (c);
  ok = sd_store_commit (c->store, &error);
  expect_success (c, "commit", ok, error);
  txn_committed (c);
}

static void
set_matrix_title (Child *c)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = new_tag (c, "可能性 ");
  g_autofree char *text = NULL;
  SdMatrixSettings matrix = { 0 };
  gboolean ok;

  sd_store_get_matrix (c->store, &matrix);
  g_free (matrix.likelihood_title);
  matrix.likelihood_title = chance (c, 20) ? NULL : g_strdup (title);
  text = string_value_to_string (matrix.likelihood_title);
  op_start (c, "risk matrix");
  expect (c, G_TYPE_NONE, "risk_matrix", 1, text);
  op_call (c);
  ok = sd_store_set_matrix (c->store, &matrix, &error);
  sd_matrix_settings_clear (&matrix);
  expect_success (c, "set the matrix", ok, error);
  op_done (c, TRUE);
}

/* Deletions: the cascade, predicted from the columns' on-delete rules. */

typedef struct
{
  GHashTable *deleting;   /* SdItem set */
  GPtrArray  *deleted;    /* SdItem, borrowed, in the order found */
  GPtrArray  *cleared;    /* Cleared (items owned) */
  gboolean    refused;    /* a RESTRICT reference */
} Cascade;

static void
cascade_visit (Child   *c,
               Cascade *cascade,
               SdItem  *item)
{
  guint n_types;
  const GType *types = sd_store_get_item_types (&n_types);
  GType target = G_OBJECT_TYPE (item);
  gint64 id = sd_item_get_id (item);

  g_hash_table_add (cascade->deleting, item);

  for (guint t = 0; t < n_types && !cascade->refused; t++)
    {
      const SdTable *table = table_of (types[t]);
      GListModel *items = NULL;

      for (guint col = 0; col < table->n_columns && !cascade->refused; col++)
        {
          const SdColumn *column = &table->columns[col];

          if (column->type != SD_COLUMN_REF || column->ref_type () != target)
            continue;
          if (items == NULL)
            items = sd_store_get_items (c->store, types[t]);

          for (guint i = 0; i < g_list_model_get_n_items (items) && !cascade->refused; i++)
            {
              g_autoptr(SdItem) referrer = g_list_model_get_item (items, i);

              if (sd_item_get_ref (referrer, col) != id ||
                  g_hash_table_contains (cascade->deleting, referrer))
                continue;

              switch (column->on_delete)
                {
                case SD_ON_DELETE_RESTRICT:
                  cascade->refused = TRUE;
                  break;
                case SD_ON_DELETE_CASCADE:
                  cascade_visit (c, cascade, referrer);
                  break;
                case SD_ON_DELETE_SET_NULL:
                  {
                    Cleared *cleared = g_new0 (Cleared, 1);

                    cleared->item = g_object_ref (referrer);
                    cleared->column = col;
                    cleared->value = id;
                    g_ptr_array_add (cascade->cleared, cleared);
                  }
                  break;
                default:
                  g_assert_not_reached ();
                }
            }
        }
    }
  g_ptr_array_add (cascade->deleted, item);
}

static void
delete_random (Child    *c,
               gboolean  with_undo)
{
  static const struct { int weight; GType (*get_type) (void); } kinds[] = {
    { 20, sd_unit_get_type },
    { 15, sd_person_get_type },
    { 10, sd_post_get_type },
    { 10, sd_duty_get_type },
    { 10, sd_risk_get_type },
    { 3, sd_plan_get_type },
    { 10, sd_plan_task_get_type },
    { 6, sd_post_holder_get_type },
    { 6, sd_assignment_get_type },
    { 4, sd_risk_category_get_type },
    { 4, sd_assessment_get_type },
    { 2, sd_plan_stream_get_type },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) deleting = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) deleted = g_ptr_array_new ();
  g_autoptr(GPtrArray) cleared = g_ptr_array_new_with_free_func (cleared_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);
  Cascade cascade = { deleting, deleted, cleared, FALSE };
  SdDeletion *deletion = NULL;
  SdItem *item = NULL;
  int total = 0, r;
  gboolean ok;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    total += kinds[i].weight;
  for (guint tries = 0; item == NULL && tries < 4; tries++)
    {
      r = g_rand_int_range (c->rand, 0, total);
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        {
          if ((r -= kinds[i].weight) < 0)
            {
              item = pick (c, kinds[i].get_type ());
              break;
            }
        }
    }
  if (item == NULL)
    {
      add_unit (c);
      return;
    }

  op_start (c, with_undo ? "delete with undo" : "delete");
  cascade_visit (c, &cascade, item);

  /* The rows and references as they are now, and the items alive until
   * the Undo (the models drop them). */
  for (guint i = 0; i < deleted->len; i++)
    {
      g_ptr_array_add (rows, item_to_string (g_ptr_array_index (deleted, i)));
      g_ptr_array_add (keep, g_object_ref (g_ptr_array_index (deleted, i)));
    }

  if (!cascade.refused)
    {
      for (guint i = 0; i < cleared->len; i++)
        {
          Cleared *each = g_ptr_array_index (cleared, i);
          g_autoptr(Row) row = row_new_from_item (each->item);
          g_autofree char *text = NULL;

          if (g_hash_table_contains (deleting, each->item))
            continue;
          g_value_set_int64 (&row->values[each->column], 0);
          text = row_to_string (row);
          expect_item_row (c, G_OBJECT_TYPE (each->item), sd_item_get_id (each->item), text);
        }
      for (guint i = 0; i < deleted->len; i++)
        {
          SdItem *gone = g_ptr_array_index (deleted, i);

          expect_item_row (c, G_OBJECT_TYPE (gone), sd_item_get_id (gone), NULL);
        }
    }

  op_call (c);
  if (with_undo)
    {
      deletion = sd_store_delete_with_undo (c->store, item, &error);
      ok = deletion != NULL;
    }
  else
    ok = sd_store_delete (c->store, item, &error);

  if (cascade.refused)
    {
      expect_error (c, "a delete", ok, error, SD_STORE_ERROR_CONSTRAINT);
      op_done (c, FALSE);
      return;
    }
  expect_success (c, "a delete", ok, error);
  op_done (c, TRUE);

  if (deletion != NULL)
    {
      PendingUndo *undo = g_new0 (PendingUndo, 1);

      undo->deletion = deletion;
      undo->deleted = g_steal_pointer (&keep);
      undo->rows = g_steal_pointer (&rows);
      undo->cleared = g_steal_pointer (&cleared);
      undo->countdown = between (c, 0, 3);
      g_assert (c->undo == NULL);
      c->undo = undo;
    }
}

/* Predicts what sd_store_undo_deletion() does: every row back with its
 * id, owners first, unless an id has been taken since or a row it refers
 * to is gone; then every cleared reference of an item still there. */
static void
undo_deletion (Child *c)
{
  g_autoptr(GError) error = NULL;
  PendingUndo *undo = g_steal_pointer (&c->undo);
  g_autoptr(GHashTable) coming_back = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                             g_free, NULL);
  gboolean possible = TRUE;
  gboolean ok;

  for (guint i = 0; i < undo->deleted->len; i++)
    {
      SdItem *item = g_ptr_array_index (undo->deleted, i);

      g_hash_table_add (coming_back, row_key (table_of (G_OBJECT_TYPE (item))->name,
                                              sd_item_get_id (item)));
      if (sd_store_lookup (c->store, G_OBJECT_TYPE (item), sd_item_get_id (item)) != NULL)
        possible = FALSE;
    }
  for (guint i = 0; i < undo->deleted->len && possible; i++)
    {
      SdItem *item = g_ptr_array_index (undo->deleted, i);
      const SdTable *table = table_of (G_OBJECT_TYPE (item));

      for (guint col = 0; col < table->n_columns; col++)
        {
          const SdColumn *column = &table->columns[col];
          gint64 ref;
          g_autofree char *key = NULL;

          if (column->type != SD_COLUMN_REF || (ref = sd_item_get_ref (item, col)) == 0)
            continue;
          key = row_key (table_of (column->ref_type ())->name, ref);
          if (sd_store_lookup (c->store, column->ref_type (), ref) == NULL &&
              !g_hash_table_contains (coming_back, key))
            possible = FALSE;
        }
    }

  op_start (c, "undo a deletion");
  if (possible)
    {
      for (guint i = 0; i < undo->deleted->len; i++)
        {
          SdItem *item = g_ptr_array_index (undo->deleted, i);

          expect_item_row (c, G_OBJECT_TYPE (item), sd_item_get_id (item),
                           g_ptr_array_index (undo->rows, i));
        }
      for (guint i = 0; i < undo->cleared->len; i++)
        {
          Cleared *each = g_ptr_array_index (undo->cleared, i);
          g_autoptr(Row) row = NULL;
          g_autofree char *text = NULL;

          if (sd_store_lookup (c->store, G_OBJECT_TYPE (each->item),
                               sd_item_get_id (each->item)) != each->item)
            continue;
          row = row_new_from_item (each->item);
          g_value_set_int64 (&row->values[each->column], each->value);
          text = row_to_string (row);
          expect_item_row (c, G_OBJECT_TYPE (each->item), sd_item_get_id (each->item), text);
        }
    }
  op_call (c);
  ok = sd_store_undo_deletion (c->store, undo->deletion, &error);
  pending_undo_free (undo);
  if (possible)
    expect_success (c, "an undo", ok, error);
  else
    expect_error (c, "an undo", ok, error, SD_STORE_ERROR_CONSTRAINT);
  op_done (c, possible);
}

/* One edit inside a batch, or on its own. */
static void
random_small_edit (Child *c)
{
  int r = between (c, 0, 99);

  if (r < 8)
    add_unit (c);
  else if (r < 18)
    add_person (c);
  else if (r < 24)
    add_post (c);
  else if (r < 30)
    add_post_holder (c);
  else if (r < 38)
    add_duty (c);
  else if (r < 46)
    add_assignment (c);
  else if (r < 52)
    add_risk (c);
  else if (r < 53)
    add_plan (c);
  else if (r < 55)
    add_plan_stream (c);
  else if (r < 62)
    add_plan_task (c);
  else if (r < 63)
    add_signoff (c);
  else if (r < 64)
    add_risk_category (c);
  else if (r < 90)
    update_random (c);
  else if (r < 97)
    delete_random (c, FALSE);
  else
    add_duplicate_duty (c);
}

/* As the app's imports: many edits in one transaction; now and then the
 * import fails and everything is rolled back. */
static void
batch (Child *c)
{
  g_autoptr(GError) error = NULL;
  gboolean roll_back = chance (c, 15);
  int n = between (c, 2, 12);
  gboolean ok;

  txn_begin (c, roll_back ? "batch, rolled back" : "batch");
  ok = sd_store_begin (c->store, &error);
  expect_success (c, "begin", ok, error);
  c->in_batch = TRUE;
  for (int i = 0; i < n; i++)
    random_small_edit (c);
  c->in_batch = FALSE;

  if (roll_back)
    {
      sd_store_rollback (c->store);
      txn_aborted (c);
      return;
    }
  txn_commit_begins (c);
  ok = sd_store_commit (c->store, &error);
  expect_success (c, "commit", ok, error);
  txn_committed (c);
}

static guint
n_rows (Child *c)
{
  guint n_types, n = 0;
  const GType *types = sd_store_get_item_types (&n_types);

  for (guint t = 0; t < n_types; t++)
    n += n_items (c, types[t]);
  return n;
}

static void
one_edit (Child *c)
{
  int r;

  /* The Undo of a toast: a few edits after the deletion, or never. */
  if (c->undo != NULL)
    {
      if (c->undo->countdown > 0)
        {
          /* Edits that take no unique value a deleted row had. They may
           * take its id, and then the Undo is refused. */
          c->undo->countdown--;
          r = between (c, 0, 3);
          if (r == 0)
            add_unit (c);
          else if (r == 1)
            add_person (c);
          else
            update_random (c);
          return;
        }
      if (chance (c, 15))
        g_clear_pointer (&c->undo, pending_undo_free);
      else
        {
          undo_deletion (c);
          return;
        }
    }

  r = between (c, 0, 99);
  /* Keep the file small enough for every check to be quick. */
  if (r < 60 && n_rows (c) > 400)
    r = 65;

  if (r < 60)
    random_small_edit (c);
  else if (r < 70)
    delete_random (c, FALSE);
  else if (r < 78)
    delete_random (c, TRUE);
  else if (r < 85)
    rate_risk (c);
  else if (r < 96)
    batch (c);
  else if (r < 98)
    add_duplicate_duty (c);
  else
    set_matrix_title (c);
}

/* The auto-checkpoint SQLite makes after a commit (a PASSIVE checkpoint
 * once the log has @wal_pages pages), announced to the parent. */
static int
wal_hook_cb (void       *data,
             sqlite3    *db,
             const char *name,
             int         n_pages)
{
  Child *c = data;

  if (n_pages >= c->wal_pages)
    {
      emit ("K\n");
      sqlite3_wal_checkpoint_v2 (db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      emit ("k\n");
    }
  return SQLITE_OK;
}

G_GNUC_NORETURN static void
run_child (const char *path,
           guint32     seed,
           gint64      tag_base,
           int         max_edits,
           int         wal_pages)
{
  g_autoptr(GError) error = NULL;
  Child c = { 0 };
  sqlite3_stmt *stmt;
  guint n_types;
  const GType *types = sd_store_get_item_types (&n_types);

  c.rand = g_rand_new_with_seed (seed);
  c.tag = tag_base;
  c.wal_pages = wal_pages;
  c.expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, expectation_free);

  emit ("S\n");
  c.store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  if (c.store == NULL)
    child_die ("could not open %s: %s", path, error->message);
  if (!sd_store_wait_verified (c.store, &error))
    child_die ("%s did not pass the store's check: %s", path, error->message);
  /* Every table read now: the predictions look at all of them. */
  for (guint t = 0; t < n_types; t++)
    sd_store_get_items (c.store, types[t]);
  stmt = sd_store_get_statement (c.store, "SELECT 1", &error);
  if (stmt == NULL)
    child_die ("%s", error->message);
  sqlite3_wal_hook (sqlite3_db_handle (stmt), wal_hook_cb, &c);
  emit ("O\n");

  for (int i = 0; i < max_edits; i++)
    one_edit (&c);

  emit ("Y\n");
  g_clear_pointer (&c.undo, pending_undo_free);
  g_clear_object (&c.store);
  emit ("Z\n");

  /* The parent kills every child. */
  for (;;)
    pause ();
}

/* ------------------------------------------------------------------ */
/* The parent */

typedef enum
{
  KILL_OPEN,         /* at a random moment of starting up and opening */
  KILL_EDITS,        /* a little after a random number of commits */
  KILL_CHECKPOINT,   /* a little after a checkpoint began */
  KILL_CLOSE,        /* while the store closes, or after */
} KillMode;

/* How an epoch's database begins. */
typedef enum
{
  START_MADE_BY_STORE,   /* made by sd_store_open() */
  START_MADE_BY_CHILD,   /* none: the first child makes it, and can be killed at it */
  START_SCHEMA_1_WAL,    /* of schema 1, which the first child upgrades */
  START_SCHEMA_1_DELETE, /* the same, with a rollback journal: opening switches it to WAL */
  N_STARTS
} Start;

typedef enum
{
  PHASE_START,
  PHASE_OPEN,
  PHASE_BETWEEN,
  PHASE_TRANSACTION,
  PHASE_COMMIT,
  PHASE_CHECKPOINT,
  PHASE_CLOSE,
  PHASE_CLOSED,
  N_PHASES
} Phase;

static const char * const phase_names[N_PHASES] = {
  "while starting", "while opening", "between edits", "inside a transaction", "during a commit",
  "during a checkpoint", "while closing", "after closing",
};

typedef struct
{
  char       *dir;
  char       *path;         /* the child's database */
  char       *copy;         /* where the checks look, so the next child finds the crash */
  char       *copy_dir;     /* of the copy, if not dir */
  char       *exe;
  GRand      *rand;
  guint32     seed;
  gboolean    failed;
  GPtrArray  *failures;     /* if not NULL, failures are collected here, not reported */
  GHashTable *baseline;     /* row key → row: a new database */
  GHashTable *model;        /* row key → row: what the committed edits made */
  gint64      tag_base;
  double      open_us;      /* how long a child takes to open, on average */
  guint       n_opened;

  guint       kills;
  guint       phases[N_PHASES];
  guint64     committed;
  guint64     aborted;
  guint64     in_flight_landed;
  guint64     in_flight_lost;
  guint64     rows_checked;
  guint64     audit_entries;
  guint       starts[N_STARTS];
  gboolean    first_open;   /* the next child makes or upgrades the database */
  gint64      child_us;     /* time spent running children, and checking */
  gint64      check_us;
} Run;

typedef struct
{
  GPid        pid;
  int         fd;
  gboolean    eof;
  GString    *buffer;
  GHashTable *pending;      /* row key → row, or NULL for gone: the edit under way */
  gint64      spawned_at;
  gboolean    opening;
  gboolean    opened;
  gboolean    in_txn;
  gboolean    committing;
  gboolean    checkpointing;
  gboolean    closing;
  gboolean    closed;
  guint       n_commits;
  guint       n_checkpoints;
  gint64      last_seq;
  GQueue      last_lines;   /* the child's last reports, for a failure's message */
} Round;

static void
run_fail (Run        *run,
          const char *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
run_fail (Run        *run,
          const char *format,
          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (run->failures != NULL)
    {
      run->failed = TRUE;
      g_ptr_array_add (run->failures, g_steal_pointer (&message));
      return;
    }
  if (!run->failed)
    g_test_message ("after kill %u: %s (seed %u: SD_CRASH_SEED=%u replays the script; "
                    "files kept in %s)", run->kills, message, run->seed, run->seed, run->dir);
  run->failed = TRUE;
  g_test_fail_printf ("%s", message);
}

static void
apply_pending (GHashTable *model,
               GHashTable *pending)
{
  GHashTableIter iter;
  gpointer key, row;

  g_hash_table_iter_init (&iter, pending);
  while (g_hash_table_iter_next (&iter, &key, &row))
    {
      if (row == NULL)
        g_hash_table_remove (model, key);
      else
        g_hash_table_replace (model, g_strdup (key), g_strdup (row));
    }
}

static void
round_line (Run   *run,
            Round *round,
            char  *line)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", 4);
  guint n = g_strv_length (fields);

  g_queue_push_tail (&round->last_lines, g_strdup (line));
  if (round->last_lines.length > 40)
    g_free (g_queue_pop_head (&round->last_lines));

  switch (line[0])
    {
    case 'S':
      round->opening = TRUE;
      break;
    case 'O':
      round->opened = TRUE;
      run->open_us += (g_get_monotonic_time () - round->spawned_at - run->open_us) /
                      ++run->n_opened;
      break;
    case 'B':
      g_hash_table_remove_all (round->pending);
      round->in_txn = TRUE;
      round->committing = FALSE;
      round->last_seq = n > 1 ? g_ascii_strtoll (fields[1], NULL, 10) : -1;
      break;
    case 'R':
      if (n != 4 || !round->in_txn || round->committing)
        {
          run_fail (run, "bad report from the child: “%s”", line);
          return;
        }
      g_hash_table_replace (round->pending, g_strconcat (fields[1], "\t", fields[2], NULL),
                            g_strdup (fields[3]));
      break;
    case 'X':
      if (n != 3 || !round->in_txn || round->committing)
        {
          run_fail (run, "bad report from the child: “%s”", line);
          return;
        }
      g_hash_table_replace (round->pending, g_strconcat (fields[1], "\t", fields[2], NULL),
                            NULL);
      break;
    case 'E':
      round->committing = TRUE;
      break;
    case 'C':
      apply_pending (run->model, round->pending);
      g_hash_table_remove_all (round->pending);
      round->in_txn = round->committing = FALSE;
      round->n_commits++;
      run->committed++;
      break;
    case 'A':
      g_hash_table_remove_all (round->pending);
      round->in_txn = round->committing = FALSE;
      run->aborted++;
      break;
    case 'K':
      round->checkpointing = TRUE;
      round->n_checkpoints++;
      break;
    case 'k':
      round->checkpointing = FALSE;
      break;
    case 'Y':
      round->closing = TRUE;
      break;
    case 'Z':
      round->closed = TRUE;
      break;
    default:
      run_fail (run, "bad report from the child: “%s”", line);
    }
}

/* Reads what the child has written until @until (monotonic time), or
 * until @done says so. FALSE at the end of the pipe. */
static gboolean
pump (Run      *run,
      Round    *round,
      gint64    until,
      gboolean (*done) (Round *round, gpointer data),
      gpointer  data)
{
  for (;;)
    {
      struct pollfd pfd = { round->fd, POLLIN, 0 };
      gint64 now = g_get_monotonic_time ();
      char chunk[65536];
      gssize n;
      char *end;

      if (done != NULL && done (round, data))
        return TRUE;
      if (now >= until)
        return TRUE;

      /* Below a millisecond, poll without waiting: a kill lands to the
       * tens of microseconds. */
      if (poll (&pfd, 1, (int) MIN ((until - now) / 1000, 100)) <= 0)
        continue;
      n = read (round->fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          round->eof = TRUE;
          return FALSE;
        }
      g_string_append_len (round->buffer, chunk, n);
      while ((end = memchr (round->buffer->str, '\n', round->buffer->len)) != NULL)
        {
          *end = '\0';
          round_line (run, round, round->buffer->str);
          g_string_erase (round->buffer, 0, end - round->buffer->str + 1);
        }
    }
}

static gboolean
commits_reached_cb (Round    *round,
                    gpointer  data)
{
  return round->closed || round->n_commits >= GPOINTER_TO_UINT (data);
}

static gboolean
checkpoints_reached_cb (Round    *round,
                        gpointer  data)
{
  return round->closed || round->n_checkpoints >= GPOINTER_TO_UINT (data);
}

static gboolean
closing_cb (Round    *round,
            gpointer  data)
{
  return round->closing;
}

/* Rows as SQLite reads them, as the store would read them into items. */
static void
read_table (sqlite3       *db,
            const char    *name,
            const SdTable *table,
            GHashTable    *rows)
{
  g_autoptr(GString) sql = g_string_new ("SELECT id");
  const GValue **pointers = g_newa (const GValue *, table->n_columns);
  GValue *values = g_newa (GValue, table->n_columns);
  sqlite3_stmt *stmt = NULL;
  int rc;

  for (guint i = 0; i < table->n_columns; i++)
    g_string_append_printf (sql, ", %s", table->columns[i].name);
  g_string_append_printf (sql, " FROM %s", name);
  rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  g_assert_cmpstr (sqlite3_errstr (rc), ==, sqlite3_errstr (SQLITE_OK));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint i = 0; i < table->n_columns; i++)
        {
          int index = i + 1;

          memset (&values[i], 0, sizeof (GValue));
          g_value_init (&values[i], gtype_of_column (table->columns[i].type));
          switch (table->columns[i].type)
            {
            case SD_COLUMN_INT:
              g_value_set_int (&values[i], sqlite3_column_int (stmt, index));
              break;
            case SD_COLUMN_BOOLEAN:
              g_value_set_boolean (&values[i], sqlite3_column_int (stmt, index) != 0);
              break;
            case SD_COLUMN_REF:
              g_value_set_int64 (&values[i], sqlite3_column_int64 (stmt, index));
              break;
            case SD_COLUMN_STRING:
              g_value_set_string (&values[i], (const char *) sqlite3_column_text (stmt, index));
              break;
            case SD_COLUMN_BYTES:
              if (sqlite3_column_type (stmt, index) != SQLITE_NULL)
                g_value_take_boxed (&values[i],
                                    g_bytes_new (sqlite3_column_blob (stmt, index),
                                                 sqlite3_column_bytes (stmt, index)));
              break;
            default:
              g_assert_not_reached ();
            }
          pointers[i] = &values[i];
        }
      g_hash_table_replace (rows, row_key (name, sqlite3_column_int64 (stmt, 0)),
                            values_to_string (table, pointers));
      for (guint i = 0; i < table->n_columns; i++)
        g_value_unset (&values[i]);
    }
  g_assert_cmpstr (sqlite3_errstr (rc), ==, sqlite3_errstr (SQLITE_DONE));
  sqlite3_finalize (stmt);
}

static GHashTable *
read_rows (sqlite3 *db)
{
  static const SdColumn title_column = { "likelihood_title", "likelihood-title",
                                         SD_COLUMN_STRING };
  static const SdTable matrix = { "risk_matrix", &title_column, 1, NULL };
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint n_types;
  const GType *types = sd_store_get_item_types (&n_types);

  for (guint t = 0; t < n_types; t++)
    read_table (db, table_of (types[t])->name, table_of (types[t]), rows);
  /* Of the matrix, the column the script changes. */
  read_table (db, "risk_matrix", &matrix, rows);
  g_assert_true (g_hash_table_contains (rows, MATRIX_KEY));
  return rows;
}

static GHashTable *
read_file_rows (const char *path)
{
  sqlite3 *db = NULL;
  GHashTable *rows;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  rows = read_rows (db);
  sqlite3_close (db);
  return rows;
}

/* What the model says of @key, with @pending (if not NULL) over it. */
static gboolean
expected_row (Run         *run,
              GHashTable  *pending,
              const char  *key,
              const char **row)
{
  gpointer value;

  if (pending != NULL && g_hash_table_lookup_extended (pending, key, NULL, &value))
    {
      *row = value;
      return value != NULL;
    }
  *row = g_hash_table_lookup (run->model, key);
  return *row != NULL;
}

/* NULL if @rows are what the model (with @pending over it) says, else the
 * first differences. */
static char *
compare_rows (Run        *run,
              GHashTable *pending,
              GHashTable *rows)
{
  g_autoptr(GString) out = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, &key, &value) && n < 8)
    {
      const char *row;

      if (!expected_row (run, pending, key, &row))
        g_string_append_printf (out, "\n  %s: should not be there: %s", (char *) key,
                                (char *) value), n++;
      else if (!g_str_equal (row, value))
        g_string_append_printf (out, "\n  %s: is %s\n      should be %s", (char *) key,
                                (char *) value, row), n++;
    }

  g_hash_table_iter_init (&iter, run->model);
  while (g_hash_table_iter_next (&iter, &key, &value) && n < 8)
    {
      const char *row;

      if (expected_row (run, pending, key, &row) && !g_hash_table_contains (rows, key))
        g_string_append_printf (out, "\n  %s: missing: %s", (char *) key, row), n++;
    }
  if (pending != NULL)
    {
      g_hash_table_iter_init (&iter, pending);
      while (g_hash_table_iter_next (&iter, &key, &value) && n < 8)
        {
          if (value != NULL && !g_hash_table_contains (rows, key) &&
              !g_hash_table_contains (run->model, key))
            g_string_append_printf (out, "\n  %s: missing: %s", (char *) key, (char *) value),
              n++;
        }
    }

  return n == 0 ? NULL : g_string_free (g_steal_pointer (&out), FALSE);
}

static void
remove_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      if (g_remove (name) != 0 && errno != ENOENT)
        g_error ("Could not remove %s: %s", name, g_strerror (errno));
    }
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (from, &contents, &length, NULL))
    return;
  g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
}

static guint64
verify_audit (Run     *run,
              SdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdAuditReport) report = sd_store_verify_audit (store, NULL, NULL, &error);

  g_assert_no_error (error);
  if (!sd_audit_report_get_ok (report))
    run_fail (run, "the audit log does not verify: entry %" G_GINT64_FORMAT " (%s %"
              G_GINT64_FORMAT "): %s", sd_audit_report_get_first_bad_id (report),
              sd_audit_report_get_entity (report), sd_audit_report_get_entity_id (report),
              sd_audit_report_get_message (report));
  return sd_audit_report_get_n_entries (report);
}

/* The checks of the file a killed child left. */
static void
verify (Run   *run,
        Round *round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GHashTable) rows = NULL;
  g_autofree char *wal = g_strconcat (run->path, "-wal", NULL);
  g_autofree char *copy_wal = g_strconcat (run->copy, "-wal", NULL);
  g_autofree char *journal = g_strconcat (run->path, "-journal", NULL);
  g_autofree char *copy_journal = g_strconcat (run->copy, "-journal", NULL);
  g_autofree char *as_committed = NULL;
  g_autofree char *with_in_flight = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = -1;
  int rc;

  /* A copy, for the file (with the log SQLite replays) must stay as the
   * crash left it for the next child: opening it here would recover it. */
  remove_files (run->copy);
  if (!g_file_test (run->path, G_FILE_TEST_EXISTS))
    {
      /* Killed before the store made the file. */
      if (g_hash_table_size (run->model) != g_hash_table_size (run->baseline))
        run_fail (run, "%s has gone", run->path);
      return;
    }
  copy_file (run->path, run->copy);
  copy_file (wal, copy_wal);
  copy_file (journal, copy_journal);

  /* 1. SQLite's own check of every page, row and index. */
  rc = sqlite3_open_v2 (run->copy, &db, SQLITE_OPEN_READWRITE, NULL);
  g_assert_cmpstr (sqlite3_errstr (rc), ==, sqlite3_errstr (SQLITE_OK));
  /* The store, next, finds the log as the crash left it. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  g_assert_cmpstr (sqlite3_errstr (rc), ==, sqlite3_errstr (SQLITE_OK));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *result = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (result, "ok") != 0)
        run_fail (run, "integrity_check: %s", result);
    }
  if (rc != SQLITE_DONE)
    run_fail (run, "integrity_check could not run: %s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  /* A child killed while it made or upgraded the file leaves it as it
   * was: the store upgrades the copy before its rows are read. */
  if (version == (int) sd_store_n_migrations)
    rows = read_rows (db);
  else if (version < 0 || version > (int) sd_store_n_migrations)
    run_fail (run, "schema version %d", version);
  sqlite3_close (db);
  if (run->failed)
    return;

  /* 2. The store opens it, and its own check passes. */
  store = sd_store_open (run->copy, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  if (!sd_store_wait_verified (store, &error))
    {
      run_fail (run, "the store's check fails: %s", error->message);
      return;
    }

  /* 3. The audit chain. */
  run->audit_entries += verify_audit (run, store);
  g_clear_object (&store);

  if (rows == NULL)
    rows = read_file_rows (run->copy);

  /* 4. Every committed edit, and nothing else but the one in flight. */
  run->rows_checked += g_hash_table_size (rows);
  as_committed = compare_rows (run, NULL, rows);
  if (as_committed == NULL && !round->checkpointing)
    {
      if (round->committing && g_hash_table_size (round->pending) > 0)
        run->in_flight_lost++;
      return;
    }
  /* The edit in flight counts once its commit has begun; past the
   * checkpoint's start it is in the log for sure. */
  if (round->committing)
    with_in_flight = compare_rows (run, round->pending, rows);
  if (round->committing && with_in_flight == NULL)
    {
      apply_pending (run->model, round->pending);
      run->in_flight_landed++;
      return;
    }
  if (round->checkpointing)
    run_fail (run, "the edit committed before the checkpoint is not there:%s",
              with_in_flight);
  else if (round->committing)
    run_fail (run, "after edit %" G_GINT64_FORMAT ", the file is neither as committed:%s\n"
              "nor with the edit in flight:%s", round->last_seq, as_committed, with_in_flight);
  else
    run_fail (run, "after edit %" G_GINT64_FORMAT ", the file is not as committed:%s",
              round->last_seq, as_committed);
}

static void
kill_one (Run      *run,
          gboolean  first_open)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) pending = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                         g_free, g_free);
  g_autoptr(GString) buffer = g_string_new (NULL);
  Round round = { 0 };
  KillMode mode;
  int r = g_rand_int_range (run->rand, 0, 100);
  guint32 seed = g_rand_int (run->rand);
  int max_edits = 1000000;
  int wal_pages;
  gint64 deadline;
  gulong delay = 0;
  gboolean alive = TRUE;
  int status = 0;
  Phase phase;
  char *argv[8];
  g_autofree char *seed_arg = NULL;
  g_autofree char *tag_arg = NULL;
  g_autofree char *edits_arg = NULL;
  g_autofree char *pages_arg = NULL;

  /* The first child of a database it must make or upgrade is killed
   * while it does so more often. */
  if (r < (first_open ? 50 : 12))
    mode = KILL_OPEN;
  else if (r < 72)
    mode = KILL_EDITS;
  else if (r < 92)
    mode = KILL_CHECKPOINT;
  else
    mode = KILL_CLOSE;

  /* Mostly far more often than the app's 1000 pages, so that there are
   * checkpoints to kill. */
  if (mode == KILL_CHECKPOINT)
    wal_pages = (int[]) { 2, 4, 16 }[g_rand_int_range (run->rand, 0, 3)];
  else
    wal_pages = (int[]) { 1000, 1000, 1000, 100 }[g_rand_int_range (run->rand, 0, 4)];
  if (mode == KILL_CLOSE)
    max_edits = g_rand_int_range (run->rand, 0, 40);

  seed_arg = g_strdup_printf ("%u", seed);
  tag_arg = g_strdup_printf ("%" G_GINT64_FORMAT, run->tag_base);
  edits_arg = g_strdup_printf ("%d", max_edits);
  pages_arg = g_strdup_printf ("%d", wal_pages);
  /* Far more tags than a child can use before it is killed. */
  run->tag_base += 100000000;
  argv[0] = run->exe;
  argv[1] = (char *) "--child";
  argv[2] = run->path;
  argv[3] = seed_arg;
  argv[4] = tag_arg;
  argv[5] = edits_arg;
  argv[6] = pages_arg;
  argv[7] = NULL;

  round.buffer = buffer;
  round.pending = pending;
  round.last_seq = -1;
  round.spawned_at = g_get_monotonic_time ();
  /* A new process, not a fork: the parent has threads (the store's check). */
  g_spawn_async_with_pipes (NULL, argv, NULL,
                            G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL,
                            NULL, NULL, &round.pid, NULL, &round.fd, NULL, &error);
  g_assert_no_error (error);

  deadline = round.spawned_at + 30 * G_USEC_PER_SEC;
  switch (mode)
    {
    case KILL_OPEN:
      alive = pump (run, &round,
                    round.spawned_at + g_rand_double_range (run->rand, 0, 1.3 * run->open_us),
                    NULL, NULL);
      break;
    case KILL_EDITS:
      alive = pump (run, &round, deadline, commits_reached_cb,
                    GUINT_TO_POINTER (g_rand_int_range (run->rand, 0, 120)));
      delay = g_rand_int_range (run->rand, 0, 800);
      break;
    case KILL_CHECKPOINT:
      alive = pump (run, &round, deadline, checkpoints_reached_cb,
                    GUINT_TO_POINTER (g_rand_int_range (run->rand, 1, 5)));
      delay = g_rand_int_range (run->rand, 0, 2) * g_rand_int_range (run->rand, 0, 300);
      break;
    case KILL_CLOSE:
      alive = pump (run, &round, deadline, closing_cb, NULL);
      delay = g_rand_int_range (run->rand, 0, 5000);
      break;
    default:
      g_assert_not_reached ();
    }
  if (g_get_monotonic_time () >= deadline)
    run_fail (run, "the child made no progress in 30 s");

  /* Asleep, not polling: on two cores a busy parent would hold the child
   * back, and most kills would find it just after its last report. (In
   * that time it writes far less than a pipe holds.) */
  if (alive && delay > 0)
    g_usleep (delay);
  kill (round.pid, SIGKILL);
  /* What it wrote before it died. */
  while (!round.eof)
    pump (run, &round, G_MAXINT64, NULL, NULL);
  g_assert_cmpint (waitpid (round.pid, &status, 0), ==, round.pid);
  g_spawn_close_pid (round.pid);
  close (round.fd);
  run->kills++;

  if (!WIFSIGNALED (status) || WTERMSIG (status) != SIGKILL)
    run_fail (run, "the child ended by itself (%s %d), see its message above",
              WIFEXITED (status) ? "exit status" : "signal",
              WIFEXITED (status) ? WEXITSTATUS (status) : WTERMSIG (status));
  else if (!alive)
    run_fail (run, "the child closed its pipe before it was killed");

  if (!round.opening)
    phase = PHASE_START;
  else if (!round.opened)
    phase = PHASE_OPEN;
  else if (round.closed)
    phase = PHASE_CLOSED;
  else if (round.closing)
    phase = PHASE_CLOSE;
  else if (round.checkpointing)
    phase = PHASE_CHECKPOINT;
  else if (round.committing)
    phase = PHASE_COMMIT;
  else if (round.in_txn)
    phase = PHASE_TRANSACTION;
  else
    phase = PHASE_BETWEEN;
  run->phases[phase]++;

  run->child_us += g_get_monotonic_time () - round.spawned_at;
  if (round.opened)
    run->first_open = FALSE;
  if (!run->failed)
    {
      gint64 checking = g_get_monotonic_time ();

      verify (run, &round);
      run->check_us += g_get_monotonic_time () - checking;
    }
  if (run->failed)
    {
      g_autoptr(GString) lines = g_string_new ("the child's last reports:");

      for (GList *l = round.last_lines.head; l != NULL; l = l->next)
        g_string_append_printf (lines, "\n  %s", (char *) l->data);
      g_test_message ("%s", lines->str);
    }
  g_queue_clear_full (&round.last_lines, g_free);
}

/* A database as the first version of the app left it: the first migration
 * only, and the rows it writes. */
static void
make_schema_1 (const char *path,
               gboolean    wal)
{
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("PRAGMA journal_mode = %s; BEGIN; %s; PRAGMA application_id = %d;"
                         " PRAGMA user_version = 1; COMMIT",
                         wal ? "WAL" : "DELETE", sd_store_migrations[0],
                         SD_STORE_APPLICATION_ID);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
}

static void
new_epoch (Run *run)
{
  Start start = g_rand_int_range (run->rand, 0, N_STARTS);

  remove_files (run->path);
  g_hash_table_remove_all (run->model);
  /* The upgrade adds columns to an empty table: the rows are the same. */
  apply_pending (run->model, run->baseline);
  if (start == START_MADE_BY_STORE)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SdStore) store = sd_store_open (run->path, SD_STORE_OPEN_CREATE, &error);

      g_assert_no_error (error);
    }
  else if (start == START_SCHEMA_1_WAL || start == START_SCHEMA_1_DELETE)
    make_schema_1 (run->path, start == START_SCHEMA_1_WAL);
  run->starts[start]++;
  run->first_open = start != START_MADE_BY_STORE;
}

static char *
thousands (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

static void
run_init (Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = NULL;
  const char *seed_env = g_getenv ("SD_CRASH_SEED");

  run->seed = seed_env != NULL ? (guint32) g_ascii_strtoull (seed_env, NULL, 10)
                               : g_random_int ();
  g_test_message ("seed %u (SD_CRASH_SEED=%u replays it)", run->seed, run->seed);
  run->rand = g_rand_new_with_seed (run->seed);
  run->dir = g_dir_make_tmp ("sd-test-crash-XXXXXX", &error);
  g_assert_no_error (error);
  run->path = g_build_filename (run->dir, "duties.db", NULL);
  /* The checks' copy needs no disk: on a RAM file system if there is one,
   * the checks do not wait for the disk's syncs. */
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_access ("/dev/shm", W_OK) == 0)
    {
      run->copy_dir = g_build_filename ("/dev/shm", "sd-test-crash-XXXXXX", NULL);
      if (g_mkdtemp (run->copy_dir) == NULL)
        g_clear_pointer (&run->copy_dir, g_free);
    }
  run->copy = g_build_filename (run->copy_dir != NULL ? run->copy_dir : run->dir,
                                "after-kill.db", NULL);
  run->exe = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);
  run->model = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run->open_us = 20000;
  run->tag_base = 1;

  /* What a new database holds: the rows every migration writes. */
  template = g_build_filename (run->dir, "new.db", NULL);
  {
    g_autoptr(SdStore) store = sd_store_open (template, SD_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
  }
  run->baseline = read_file_rows (template);
  remove_files (template);
}

/* Keeps the files of a run that failed. */
static void
run_clear (Run *run)
{
  if (!run->failed)
    {
      remove_files (run->path);
      remove_files (run->copy);
      g_rmdir (run->dir);
    }
  if (run->copy_dir != NULL)
    {
      remove_files (run->copy);
      g_rmdir (run->copy_dir);
    }

  g_clear_pointer (&run->failures, g_ptr_array_unref);
  g_hash_table_unref (run->model);
  g_hash_table_unref (run->baseline);
  g_rand_free (run->rand);
  g_free (run->exe);
  g_free (run->copy);
  g_free (run->copy_dir);
  g_free (run->path);
  g_free (run->dir);
}

static void
test_crash_kill (void)
{
  g_autofree char *kills_text = NULL;
  g_autofree char *edits_text = NULL;
  g_autofree char *rows_text = NULL;
  g_autofree char *entries_text = NULL;
  g_autoptr(GString) phases = g_string_new (NULL);
  const char *kills_env = g_getenv ("SD_CRASH_KILLS");
  guint n_kills = kills_env != NULL ? (guint) g_ascii_strtoull (kills_env, NULL, 10) : 240;
  Run run = { 0 };
  gint64 started = g_get_monotonic_time ();

  run_init (&run);

  /* Epochs of 30 kills: the audit log, which each check walks, stays short. */
  for (guint k = 0; k < n_kills && !run.failed; k++)
    {
      if (k % 30 == 0)
        new_epoch (&run);
      kill_one (&run, run.first_open);
    }

  for (guint p = 0; p < N_PHASES; p++)
    g_string_append_printf (phases, "%s%u %s", p > 0 ? ", " : "", run.phases[p],
                            phase_names[p]);
  kills_text = thousands (run.kills);
  edits_text = thousands (run.committed + run.in_flight_landed);
  rows_text = thousands (run.rows_checked);
  entries_text = thousands (run.audit_entries);
  g_test_message ("%s kills, %s committed edits checked (%" G_GUINT64_FORMAT
                  " of them in flight at the kill; %" G_GUINT64_FORMAT
                  " in flight and not committed; %" G_GUINT64_FORMAT " refused or rolled back)",
                  kills_text, edits_text, run.in_flight_landed, run.in_flight_lost,
                  run.aborted);
  g_test_message ("kills: %s", phases->str);
  g_test_message ("%s rows and %s audit entries checked; databases: %u made by the store, "
                  "%u by the first child, %u of schema 1 (%u in WAL mode) upgraded by it",
                  rows_text, entries_text, run.starts[START_MADE_BY_STORE],
                  run.starts[START_MADE_BY_CHILD],
                  run.starts[START_SCHEMA_1_WAL] + run.starts[START_SCHEMA_1_DELETE],
                  run.starts[START_SCHEMA_1_WAL]);
  g_test_message ("%.1f s (%.1f s running children, %.1f s checking)",
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC,
                  run.child_us / (double) G_USEC_PER_SEC,
                  run.check_us / (double) G_USEC_PER_SEC);

  if (!run.failed)
    g_assert_cmpuint (run.kills, >=, MIN (n_kills, 200));
  run_clear (&run);
}

static gboolean
failures_mention (Run        *run,
                  const char *text)
{
  for (guint i = 0; i < run->failures->len; i++)
    {
      if (strstr (g_ptr_array_index (run->failures, i), text) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The checks have teeth: a committed row that goes missing behind the
 * store's back (as a lost edit would) fails the comparison and the audit
 * log's; a changed one fails them too. */
static void
test_crash_checks_fail (void)
{
  g_autofree char *deleted_key = NULL;
  g_autofree char *changed_key = NULL;
  g_autofree char *sql = NULL;
  g_auto(GStrv) deleted = NULL;
  g_auto(GStrv) changed = NULL;
  GHashTableIter iter;
  gpointer key;
  Round round = { 0 };
  Run run = { 0 };
  sqlite3 *db = NULL;

  run_init (&run);
  new_epoch (&run);
  for (guint k = 0; k < 20 && !run.failed; k++)
    {
      g_hash_table_iter_init (&iter, run.model);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          if (g_hash_table_contains (run.baseline, key) || g_str_has_prefix (key, "risk_"))
            continue;
          if (deleted_key == NULL)
            deleted_key = g_strdup (key);
          else if (changed_key == NULL && g_str_has_prefix (key, "units\t"))
            changed_key = g_strdup (key);
        }
      if (changed_key != NULL)
        break;
      g_clear_pointer (&deleted_key, g_free);
      kill_one (&run, FALSE);
    }
  g_assert_false (run.failed);
  g_assert_nonnull (changed_key);

  deleted = g_strsplit (deleted_key, "\t", 2);
  changed = g_strsplit (changed_key, "\t", 2);
  g_assert_cmpint (sqlite3_open_v2 (run.path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sql = g_strdup_printf ("DELETE FROM %s WHERE id = %s; UPDATE units SET name = 'Renamed'"
                         " WHERE id = %s", deleted[0], deleted[1], changed[1]);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  run.failures = g_ptr_array_new_with_free_func (g_free);
  round.pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  verify (&run, &round);
  g_hash_table_unref (round.pending);

  for (guint i = 0; i < run.failures->len; i++)
    g_test_message ("found: %s", (char *) g_ptr_array_index (run.failures, i));
  g_assert_true (failures_mention (&run, "the audit log does not verify"));
  g_assert_true (failures_mention (&run, deleted_key));
  g_assert_true (failures_mention (&run, changed_key));
  g_assert_true (failures_mention (&run, "sRenamed"));

  run.failed = FALSE;
  run_clear (&run);
}

/* Found by the harness: deleting a plan first clears its tasks' stream
 * (the stream goes before the tasks), then deletes the tasks too; Undo put
 * the tasks back without their stream. */
static void
test_undo_cleared_then_deleted (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;
  g_autoptr(SdDeletion) deletion = NULL;
  g_autoptr(SdAuditReport) report = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sd-test-crash-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "undo.db", NULL);
  SdPlan *plan;
  SdPlanStream *stream;
  SdPlanTask *task;
  gint64 stream_id, task_id;

  g_assert_no_error (error);
  store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  plan = sd_store_insert (store, SD_TYPE_PLAN, &error, "year", 2026, NULL);
  g_assert_no_error (error);
  stream = sd_store_insert (store, SD_TYPE_PLAN_STREAM, &error,
                            "plan-id", sd_item_get_id (SD_ITEM (plan)), "name", "宣传培训", NULL);
  g_assert_no_error (error);
  stream_id = sd_item_get_id (SD_ITEM (stream));
  task = sd_store_insert (store, SD_TYPE_PLAN_TASK, &error,
                          "plan-id", sd_item_get_id (SD_ITEM (plan)), "stream-id", stream_id,
                          "title", "Training for new staff", "start-month", 3, "end-month", 4,
                          NULL);
  g_assert_no_error (error);
  task_id = sd_item_get_id (SD_ITEM (task));

  deletion = sd_store_delete_with_undo (store, plan, &error);
  g_assert_no_error (error);
  g_assert_null (sd_store_lookup (store, SD_TYPE_PLAN_TASK, task_id));
  g_assert_true (sd_store_undo_deletion (store, deletion, &error));
  g_assert_no_error (error);

  task = sd_store_lookup (store, SD_TYPE_PLAN_TASK, task_id);
  g_assert_nonnull (task);
  g_assert_cmpint (sd_plan_task_get_stream_id (task), ==, stream_id);
  report = sd_store_verify_audit (store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sd_audit_report_get_message (report), ==, NULL);
  g_clear_object (&store);

  /* And so in the file. */
  {
    g_autoptr(GHashTable) rows = read_file_rows (path);
    g_autofree char *key = row_key ("plan_tasks", task_id);
    g_autofree char *expected = g_strdup_printf ("r%" G_GINT64_FORMAT, stream_id);
    g_auto(GStrv) columns = g_strsplit (g_hash_table_lookup (rows, key), "\t", -1);

    g_assert_cmpstr (columns[1], ==, expected);
  }
  remove_files (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 7 && g_str_equal (argv[1], "--child"))
    run_child (argv[2], (guint32) g_ascii_strtoull (argv[3], NULL, 10),
               g_ascii_strtoll (argv[4], NULL, 10), atoi (argv[5]), atoi (argv[6]));

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/crash/kill", test_crash_kill);
  g_test_add_func ("/store/crash/checks-fail", test_crash_checks_fail);
  g_test_add_func ("/store/crash/undo-cleared-then-deleted", test_undo_cleared_then_deleted);
  return g_test_run ();
}
