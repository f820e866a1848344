/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-audit-verify"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sd-audit-verify.h"
#include "sd-item-private.h"
#include "sd-matrix-settings.h"
#include "sd-store-private.h"
#include "sd-store-schema.h"
#include "sd-store-sql.h"

/*
 * Verifying the audit log has two parts.
 *
 * The chain: every entry's hash is the SHA-256 of the hash before it and of
 * its own fields (sd_audit_compute_hash()), and the first entry follows
 * "". An entry whose fields no longer give its hash was edited; an entry
 * whose prev_hash is not its predecessor's hash shows that entries were
 * removed, inserted or reordered there.
 *
 * The data: the chain alone cannot show that its last entries were
 * removed, nor a row changed without an entry. So the log is replayed,
 * table by table and row by row, and every row of the file must be what
 * the log says it is: an insertion's "after" holds the whole row, an
 * update's "after" the columns it changed, a deletion says the row is
 * gone. Both sides are written by the store's own serialisation
 * (sd_store_row_to_json()), so an untouched row gives the very text its
 * insertion logged.
 *
 * Some rows are written without an entry, and are checked by rules of
 * their own:
 *
 * - The rows the schema itself creates (the regulation's incompatibility
 *   rules, the built-in risk categories, the default risk matrix). They
 *   are known exactly: the migrations are run here on an empty database in
 *   memory, and a row of the file that the log has never mentioned must be
 *   one of those, unchanged.
 * - The columns a later migration added to existing rows (matrix_size and
 *   old_matrix_size of risk_assessments in schema 2). An entry written
 *   before the column existed does not mention it; such a column must hold
 *   the default the schema gives it, which the migration wrote.
 * - The risk matrix is logged whole by sd_store_set_matrix() (entity
 *   "risk_matrix", id 1): its size, titles, labels and the zones of the
 *   cells of that size. The cells outside the matrix's size are not part
 *   of the settings (the presets overwrite them unlogged), so they are not
 *   compared.
 *
 * A row is compared as the store reads it (an integer column's 0 and NULL
 * are both "no reference"); a change the store could not see is no change.
 */

struct _SdAuditReport
{
  guint64         n_entries;
  SdAuditProblem  problem;
  gint64          first_bad_id;
  char           *entity;
  gint64          entity_id;
  char           *message;
};

/* What the log says of one row. */
typedef struct
{
  gint64     last_entry;  /* the id of the last entry about the row */
  char      *base;        /* the whole row as last inserted, or NULL */
  GPtrArray *changes;     /* the "after" of each update since, or NULL */
  gboolean   deleted;
} RowLog;

typedef struct
{
  const SdTable *table;
  GHashTable    *rows;      /* id → RowLog * */
  GHashTable    *known;     /* id → the JSON of a row the schema creates */
  char         **defaults;  /* per column: the JSON of its schema default, or NULL */
} TableLog;

typedef struct
{
  sqlite3       *db;
  TableLog      *tables;
  guint          n_tables;
  GHashTable    *by_name;        /* table name → TableLog * (borrowed) */
  gint64         matrix_entry;   /* the last "risk_matrix" entry, or 0 */
  char          *matrix_after;
  char          *matrix_default; /* the matrix as the schema creates it */
  SdAuditReport *report;
  SdAuditRowFormatFunc format_row;   /* names a row in the messages */
} Verify;

/* Report */

void
sd_audit_report_free (SdAuditReport *report)
{
  if (report == NULL)
    return;
  g_free (report->entity);
  g_free (report->message);
  g_free (report);
}

gboolean
sd_audit_report_get_ok (const SdAuditReport *report)
{
  g_return_val_if_fail (report != NULL, FALSE);

  return report->problem == SD_AUDIT_PROBLEM_NONE;
}

guint64
sd_audit_report_get_n_entries (const SdAuditReport *report)
{
  g_return_val_if_fail (report != NULL, 0);

  return report->n_entries;
}

SdAuditProblem
sd_audit_report_get_problem (const SdAuditReport *report)
{
  g_return_val_if_fail (report != NULL, SD_AUDIT_PROBLEM_NONE);

  return report->problem;
}

gint64
sd_audit_report_get_first_bad_id (const SdAuditReport *report)
{
  g_return_val_if_fail (report != NULL, 0);

  return report->first_bad_id;
}

const char *
sd_audit_report_get_entity (const SdAuditReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  return report->entity;
}

gint64
sd_audit_report_get_entity_id (const SdAuditReport *report)
{
  g_return_val_if_fail (report != NULL, 0);

  return report->entity_id;
}

const char *
sd_audit_report_get_message (const SdAuditReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  return report->message;
}

/* Keeps the first problem found: that is the one the user is told about. */
static gboolean
report_problem (SdAuditReport  *report,
                SdAuditProblem  problem,
                gint64          entry_id,
                const char     *entity,
                gint64          entity_id,
                char           *message)
{
  if (report->problem != SD_AUDIT_PROBLEM_NONE)
    {
      g_free (message);
      return FALSE;
    }
  report->problem = problem;
  report->first_bad_id = entry_id;
  report->entity = g_strdup (entity);
  report->entity_id = entity_id;
  report->message = message;
  return TRUE;
}

/* Errors */

static void
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  int          rc,
                  const char  *path)
{
  SdStoreError code;

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
      code = SD_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_NOTADB:
      code = SD_STORE_ERROR_NOT_DATABASE;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = SD_STORE_ERROR_BUSY;
      break;
    default:
      code = SD_STORE_ERROR_IO;
    }
  g_set_error (error, SD_STORE_ERROR, code, "Could not verify the audit log of “%s”: %s",
               path, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

/* Sentences */

/* An entry's time as the user reads it: local, to the minute. */
static char *
format_time (const char *at)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (at == NULL)
    return g_strdup ("?");
  utc = g_date_time_new_from_iso8601 (at, NULL);
  if (utc == NULL)
    return g_strdup (at);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static char *
format_id (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* "units #5", unless the caller names rows better ("Unit #5"). */
static char *
format_row (Verify     *verify,
            const char *entity,
            gint64      entity_id)
{
  g_autofree char *id = NULL;

  if (verify->format_row != NULL)
    return verify->format_row (entity != NULL ? entity : "?", entity_id);
  id = format_id (entity_id);
  /* Translators: a row of the database: the table's name, then its id,
   * e.g. "units #5" */
  return g_strdup_printf (_("%s #%s"), entity != NULL ? entity : "?", id);
}

static char *
lookup_time (sqlite3 *db,
             gint64   entry_id)
{
  sqlite3_stmt *stmt = NULL;
  char *at = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT at FROM audit_log WHERE id = ?", -1, &stmt,
                          NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, entry_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        at = format_time ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  return at != NULL ? at : g_strdup ("?");
}

/* What is wrong with a row, compared with the log. */
typedef enum
{
  ROW_CHANGED,          /* it differs from what the log says */
  ROW_DEFAULT_CHANGED,  /* a row of the schema the log never mentions differs */
  ROW_UNLOGGED,         /* the log never mentions it, and the schema did not make it */
  ROW_NOT_INSERTED,     /* the log changes it, but never inserted it */
  ROW_RESTORED,         /* the log deleted it, yet it is there */
  ROW_MISSING,          /* the log says it is there, yet it is not */
  ROW_DEFAULT_MISSING,  /* a row of the schema is gone without an entry */
} RowProblem;

static void
report_row (Verify     *verify,
            RowProblem  what,
            const char *entity,
            gint64      entity_id,
            gint64      entry_id)
{
  g_autofree char *row = format_row (verify, entity, entity_id);
  g_autofree char *entry = format_id (entry_id);
  g_autofree char *at = entry_id != 0 ? lookup_time (verify->db, entry_id) : NULL;
  char *message = NULL;

  if (verify->report->problem != SD_AUDIT_PROBLEM_NONE)
    return;

  switch (what)
    {
    case ROW_CHANGED:
      /* Translators: the first %s is a row ("units #5"), the second an audit
       * entry's number, the third its time ("2026-05-02 10:14") */
      message = g_strdup_printf (_("%s does not match its last audit entry, #%s (%s): "
                                   "the row was changed outside Security Duties, or later "
                                   "entries were removed."), row, entry, at);
      break;
    case ROW_DEFAULT_CHANGED:
      /* Translators: %s is a row ("incompatibility_rules #2") */
      message = g_strdup_printf (_("%s is no longer as the database was created, and the "
                                   "audit log records no change to it: it was changed "
                                   "outside Security Duties."), row);
      break;
    case ROW_UNLOGGED:
      /* Translators: %s is a row ("units #5") */
      message = g_strdup_printf (_("%s is not in the audit log: it was added outside "
                                   "Security Duties, or the entries about it were "
                                   "removed."), row);
      break;
    case ROW_NOT_INSERTED:
      /* Translators: the first %s is a row ("units #5"), the second an audit
       * entry's number, the third its time */
      message = g_strdup_printf (_("%s was never added according to the audit log, which "
                                   "last changes it in entry #%s (%s): it was added outside "
                                   "Security Duties."), row, entry, at);
      break;
    case ROW_RESTORED:
      /* Translators: the first %s is a row ("units #5"), the second an audit
       * entry's number, the third its time */
      message = g_strdup_printf (_("%s is there, but audit entry #%s (%s) deleted it: it was "
                                   "put back outside Security Duties, or later entries were "
                                   "removed."), row, entry, at);
      break;
    case ROW_MISSING:
      /* Translators: the first %s is a row ("units #5"), the second an audit
       * entry's number, the third its time */
      message = g_strdup_printf (_("%s is missing, but its last audit entry, #%s (%s), does "
                                   "not delete it: it was deleted outside Security Duties, or "
                                   "later entries were removed."), row, entry, at);
      break;
    case ROW_DEFAULT_MISSING:
      /* Translators: %s is a row ("risk_categories #2") */
      message = g_strdup_printf (_("%s is missing: the database was created with it, and the "
                                   "audit log does not record its deletion."), row);
      break;
    default:
      g_assert_not_reached ();
    }

  report_problem (verify->report, SD_AUDIT_PROBLEM_DATA, entry_id, entity, entity_id, message);
}

/* The store's JSON */

/* The pairs of a JSON object as the store writes it (sd_store_row_to_json(),
 * an update's "after"): no white space, string keys, scalar values. Each
 * value is kept as its text, which is what is compared. */
typedef struct
{
  const char *key;
  gsize       key_len;
  const char *value;
  gsize       value_len;
} Pair;

static const char *
skip_string (const char *p)
{
  g_assert (*p == '"');
  for (p++; *p != '\0'; p++)
    {
      if (*p == '\\')
        {
          if (p[1] == '\0')
            return NULL;
          p++;
        }
      else if (*p == '"')
        return p + 1;
    }
  return NULL;
}

/* Calls @func for every pair of @json; FALSE if @json is not such an object. */
static gboolean
parse_object (const char  *json,
              gboolean   (*func) (const Pair *pair,
                                  gpointer    user_data),
              gpointer     user_data)
{
  const char *p = json;

  if (p == NULL || *p != '{')
    return FALSE;
  p++;
  if (*p == '}')
    return p[1] == '\0';

  for (;;)
    {
      Pair pair;
      const char *end;

      if (*p != '"' || (end = skip_string (p)) == NULL || *end != ':')
        return FALSE;
      pair.key = p + 1;
      pair.key_len = end - p - 2;
      p = end + 1;

      if (*p == '"')
        {
          if ((end = skip_string (p)) == NULL)
            return FALSE;
        }
      else
        {
          end = p + strcspn (p, ",}");
          if (end == p)
            return FALSE;
        }
      pair.value = p;
      pair.value_len = end - p;
      if (!func (&pair, user_data))
        return FALSE;

      p = end;
      if (*p == '}')
        return p[1] == '\0';
      if (*p != ',')
        return FALSE;
      p++;
    }
}

static int
find_column (const SdTable *table,
             const char    *name,
             gsize          len)
{
  for (guint i = 0; i < table->n_columns; i++)
    {
      const char *column = table->columns[i].name;

      if (strncmp (column, name, len) == 0 && column[len] == '\0')
        return i;
    }
  return -1;
}

/* A row's values by column, each pointing into the JSON text it came from. */
typedef struct
{
  const SdTable *table;
  const char    *values[64];
  gsize          lengths[64];
} Row;

static gboolean
collect_pair_cb (const Pair *pair,
                 gpointer    user_data)
{
  Row *row = user_data;
  int column = find_column (row->table, pair->key, pair->key_len);

  /* A column the table no longer has cannot be compared with anything. */
  if (column >= 0)
    {
      row->values[column] = pair->value;
      row->lengths[column] = pair->value_len;
    }
  return TRUE;
}

/* Whether @current (the row as the file holds it) is @base with @changes
 * applied, column by column. */
static gboolean
row_matches (TableLog   *table_log,
             const char *base,
             GPtrArray  *changes,
             const char *current)
{
  const SdTable *table = table_log->table;
  Row expected = { table, { NULL }, { 0 } };
  Row actual = { table, { NULL }, { 0 } };

  /* Most rows were inserted and never changed: the same text. */
  if ((changes == NULL || changes->len == 0) && strcmp (base, current) == 0)
    return TRUE;

  g_assert (table->n_columns <= G_N_ELEMENTS (expected.values));
  if (!parse_object (base, collect_pair_cb, &expected) ||
      !parse_object (current, collect_pair_cb, &actual))
    return FALSE;
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      if (!parse_object (g_ptr_array_index (changes, i), collect_pair_cb, &expected))
        return FALSE;
    }

  for (guint c = 0; c < table->n_columns; c++)
    {
      const char *value = expected.values[c];
      gsize len = expected.lengths[c];

      /* Not mentioned: the column came with a later migration, which gave
       * the row the column's default. */
      if (value == NULL && table_log->defaults[c] != NULL)
        {
          value = table_log->defaults[c];
          len = strlen (value);
        }
      if (value == NULL || actual.values[c] == NULL || len != actual.lengths[c] ||
          memcmp (value, actual.values[c], len) != 0)
        return FALSE;
    }
  return TRUE;
}

/* The schema as a new database has it */

static void
row_log_free (gpointer data)
{
  RowLog *log = data;

  g_free (log->base);
  g_clear_pointer (&log->changes, g_ptr_array_unref);
  g_free (log);
}

/* The JSON of a column's default: its value in a row that did not have the
 * column before the migration that added it. The value is made as the store
 * would read it (a NULL integer reads as 0). NULL for a default that is
 * not a plain literal: then no rule is known, and a row without the
 * column in its entries does not match. */
static char *
default_to_json (const SdColumn *column,
                 const char     *dflt)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GString) out = g_string_new (NULL);

  g_value_init (&value, sd_column_get_gtype (column));
  if (dflt != NULL && g_ascii_strcasecmp (dflt, "NULL") != 0)
    {
      gint64 number;

      if (dflt[0] == '\'' && column->type == SD_COLUMN_STRING)
        {
          gsize len = strlen (dflt);
          g_autofree char *text = NULL;
          g_auto(GStrv) parts = NULL;

          if (len < 2 || dflt[len - 1] != '\'')
            return NULL;
          text = g_strndup (dflt + 1, len - 2);
          parts = g_strsplit (text, "''", -1);
          g_value_take_string (&value, g_strjoinv ("'", parts));
        }
      else if (g_ascii_string_to_signed (dflt, 10, G_MININT64, G_MAXINT64, &number, NULL))
        {
          switch (column->type)
            {
            case SD_COLUMN_INT:
              g_value_set_int (&value, (int) number);
              break;
            case SD_COLUMN_BOOLEAN:
              g_value_set_boolean (&value, number != 0);
              break;
            case SD_COLUMN_REF:
              g_value_set_int64 (&value, number);
              break;
            case SD_COLUMN_STRING:
            case SD_COLUMN_BYTES:
            default:
              return NULL;
            }
        }
      else
        {
          return NULL;
        }
    }
  sd_store_json_append_value (out, &value);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean read_matrix_json (sqlite3  *db,
                                  char    **json,
                                  int      *rc);

/* Runs the migrations on an empty database in memory and keeps what they
 * create: the rows, the defaults of the columns, the risk matrix. */
static gboolean
load_schema (Verify  *verify,
             GError **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  for (guint v = 0; rc == SQLITE_OK && v < sd_store_n_migrations; v++)
    rc = sqlite3_exec (db, sd_store_migrations[v], NULL, NULL, NULL);

  for (guint t = 0; rc == SQLITE_OK && t < verify->n_tables; t++)
    {
      TableLog *table_log = &verify->tables[t];
      const SdTable *table = table_log->table;
      g_autofree char *sql = sd_sql_select_all_by_id (table);
      sqlite3_stmt *stmt = NULL;

      rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
      while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_hash_table_insert (table_log->known, g_memdup2 (&id, sizeof id),
                               sd_store_row_to_json (table, stmt, 1));
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        break;

      rc = sqlite3_prepare_v2 (db, "SELECT name, dflt_value FROM pragma_table_info (?)", -1,
                               &stmt, NULL);
      if (rc == SQLITE_OK)
        sqlite3_bind_text (stmt, 1, table->name, -1, SQLITE_STATIC);
      while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 0);
          int column = name != NULL ? find_column (table, name, strlen (name)) : -1;

          if (column >= 0)
            table_log->defaults[column] =
              default_to_json (&table->columns[column],
                               (const char *) sqlite3_column_text (stmt, 1));
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }

  if (rc == SQLITE_OK)
    read_matrix_json (db, &verify->matrix_default, &rc);

  if (rc != SQLITE_OK)
    {
      /* The app's own schema: failing here is a bug, not a bad file. */
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_FAILED,
                   "Could not build the schema to verify against: %s",
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
    }
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

/* The risk matrix */

/* The matrix of @db as sd_store_set_matrix() logs it. Read as it is, not
 * as the store tidies it when it reads (sd_store_load_matrix()): what was
 * written from the settings the log holds reads back the same, anything
 * else does not. A file the store cannot have written gives "". */
static gboolean
read_matrix_json (sqlite3  *db,
                  char    **json,
                  int      *rc)
{
  SdMatrixSettings settings = { 0 };
  gboolean seen[SD_MATRIX_MAX_SIZE][SD_MATRIX_MAX_SIZE] = { { FALSE } };
  const char *labels[2] = { NULL, NULL };
  gboolean valid = FALSE;
  sqlite3_stmt *stmt = NULL;

  *json = NULL;
  *rc = sqlite3_prepare_v2 (db,
                            "SELECT size, likelihood_title, impact_title, likelihood_labels,"
                            " impact_labels FROM risk_matrix WHERE id = 1", -1, &stmt, NULL);
  if (*rc == SQLITE_OK && (*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      settings.size = sqlite3_column_int (stmt, 0);
      valid = sqlite3_column_type (stmt, 0) == SQLITE_INTEGER &&
              settings.size >= 3 && settings.size <= SD_MATRIX_MAX_SIZE;
      settings.likelihood_title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      settings.impact_title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      labels[0] = (const char *) sqlite3_column_text (stmt, 3);
      labels[1] = (const char *) sqlite3_column_text (stmt, 4);

      /* One line per level, an empty line for the default. */
      for (guint a = 0; valid && a < 2; a++)
        {
          char **out = a == 0 ? settings.likelihood_labels : settings.impact_labels;
          g_auto(GStrv) lines = NULL;

          if (labels[a] == NULL)
            continue;
          lines = g_strsplit (labels[a], "\n", -1);
          if (g_strv_length (lines) != (guint) settings.size)
            {
              valid = FALSE;
              break;
            }
          for (int l = 0; l < settings.size; l++)
            out[l] = lines[l][0] != '\0' ? g_strdup (lines[l]) : NULL;
        }
      *rc = SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  if (*rc != SQLITE_DONE)
    goto out;

  *rc = sqlite3_prepare_v2 (db, "SELECT likelihood, impact, zone FROM risk_matrix_cells", -1,
                            &stmt, NULL);
  while (*rc == SQLITE_OK && (*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int l = sqlite3_column_int (stmt, 0);
      int i = sqlite3_column_int (stmt, 1);
      SdZone zone;

      *rc = SQLITE_OK;
      if (l < 1 || l > MIN (settings.size, SD_MATRIX_MAX_SIZE) ||
          i < 1 || i > MIN (settings.size, SD_MATRIX_MAX_SIZE))
        continue;
      if (!sd_zone_from_code ((const char *) sqlite3_column_text (stmt, 2), &zone))
        valid = FALSE;
      else
        settings.zones[l - 1][i - 1] = zone;
      seen[l - 1][i - 1] = TRUE;
    }
  sqlite3_finalize (stmt);
  if (*rc != SQLITE_DONE)
    goto out;
  *rc = SQLITE_OK;

  for (int l = 0; valid && l < settings.size; l++)
    for (int i = 0; i < settings.size; i++)
      valid = valid && seen[l][i];

  *json = valid ? sd_store_matrix_to_json (&settings) : g_strdup ("");

out:
  sd_matrix_settings_clear (&settings);
  return *rc == SQLITE_OK;
}

/* The chain */

static RowLog *
row_log_get (TableLog *table_log,
             gint64    id)
{
  RowLog *log = g_hash_table_lookup (table_log->rows, &id);

  if (log == NULL)
    {
      log = g_new0 (RowLog, 1);
      g_hash_table_insert (table_log->rows, g_memdup2 (&id, sizeof id), log);
    }
  return log;
}

/* Replays one entry onto what the log says of its row. */
static void
replay (Verify     *verify,
        gint64      entry_id,
        const char *entity,
        gint64      entity_id,
        const char *action,
        const char *after)
{
  TableLog *table_log;
  RowLog *log;

  if (g_strcmp0 (entity, "risk_matrix") == 0)
    {
      verify->matrix_entry = entry_id;
      g_free (verify->matrix_after);
      verify->matrix_after = g_strdup (after != NULL ? after : "");
      return;
    }

  /* An entity of no table of this build's cannot be compared. */
  table_log = entity != NULL ? g_hash_table_lookup (verify->by_name, entity) : NULL;
  if (table_log == NULL || action == NULL)
    return;

  log = row_log_get (table_log, entity_id);
  log->last_entry = entry_id;
  if (strcmp (action, "insert") == 0)
    {
      g_free (log->base);
      log->base = g_strdup (after != NULL ? after : "");
      g_clear_pointer (&log->changes, g_ptr_array_unref);
      log->deleted = FALSE;
    }
  else if (strcmp (action, "update") == 0)
    {
      if (log->changes == NULL)
        log->changes = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (log->changes, g_strdup (after != NULL ? after : ""));
    }
  else if (strcmp (action, "delete") == 0)
    {
      g_clear_pointer (&log->base, g_free);
      g_clear_pointer (&log->changes, g_ptr_array_unref);
      log->deleted = TRUE;
    }
}

static gboolean
walk_chain (Verify  *verify,
            int     *rc)
{
  SdAuditReport *report = verify->report;
  g_autofree char *prev = g_strdup ("");
  gint64 prev_id = 0;
  sqlite3_stmt *stmt = NULL;

  *rc = sqlite3_prepare_v2 (verify->db,
                            "SELECT id, at, os_user, operator, entity, entity_id, action,"
                            " before, after, prev_hash, hash FROM audit_log ORDER BY id",
                            -1, &stmt, NULL);
  while (*rc == SQLITE_OK && (*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *at = (const char *) sqlite3_column_text (stmt, 1);
      const char *os_user = (const char *) sqlite3_column_text (stmt, 2);
      const char *operator_ = (const char *) sqlite3_column_text (stmt, 3);
      const char *entity = (const char *) sqlite3_column_text (stmt, 4);
      gint64 entity_id = sqlite3_column_int64 (stmt, 5);
      const char *action = (const char *) sqlite3_column_text (stmt, 6);
      const char *before = (const char *) sqlite3_column_text (stmt, 7);
      const char *after = (const char *) sqlite3_column_text (stmt, 8);
      const char *prev_hash = (const char *) sqlite3_column_text (stmt, 9);
      const char *hash = (const char *) sqlite3_column_text (stmt, 10);

      *rc = SQLITE_OK;
      report->n_entries++;
      /* After the first broken entry the rest is only counted. */
      if (report->problem != SD_AUDIT_PROBLEM_NONE)
        continue;

      {
        g_autofree char *computed = sd_audit_compute_hash (prev_hash != NULL ? prev_hash : "",
                                                           at != NULL ? at : "",
                                                           os_user != NULL ? os_user : "",
                                                           operator_ != NULL ? operator_ : "",
                                                           entity != NULL ? entity : "",
                                                           entity_id,
                                                           action != NULL ? action : "",
                                                           before, after);
        g_autofree char *row = NULL;
        g_autofree char *when = NULL;
        g_autofree char *number = NULL;

        if (g_strcmp0 (computed, hash) == 0 && g_strcmp0 (prev_hash, prev) == 0)
          {
            replay (verify, id, entity, entity_id, action, after);
            g_free (prev);
            prev = g_strdup (hash);
            prev_id = id;
            continue;
          }

        row = format_row (verify, entity, entity_id);
        when = format_time (at);
        number = format_id (id);
        if (g_strcmp0 (computed, hash) != 0)
          {
            report_problem (report, SD_AUDIT_PROBLEM_EDITED, id, entity, entity_id,
                            /* Translators: an audit entry: its number, its time
                             * ("2026-05-02 10:14") and its row ("units #5") */
                            g_strdup_printf (_("Entry #%s (%s, %s) was changed after it was "
                                               "written."), number, when, row));
          }
        else if (prev_id == 0)
          {
            report_problem (report, SD_AUDIT_PROBLEM_UNLINKED, id, entity, entity_id,
                            /* Translators: an audit entry: its number, its time
                             * and its row ("units #5") */
                            g_strdup_printf (_("Entry #%s (%s, %s) does not start the audit "
                                               "log: the entries before it were removed."),
                                             number, when, row));
          }
        else
          {
            g_autofree char *prev_number = format_id (prev_id);

            report_problem (report, SD_AUDIT_PROBLEM_UNLINKED, id, entity, entity_id,
                            /* Translators: an audit entry: its number, its time and
                             * its row ("units #5"), then the number of the entry
                             * before it */
                            g_strdup_printf (_("Entry #%s (%s, %s) does not follow entry #%s: "
                                               "entries were removed, inserted or reordered "
                                               "between them."),
                                             number, when, row, prev_number));
          }
      }
    }
  sqlite3_finalize (stmt);
  if (*rc != SQLITE_DONE)
    return FALSE;
  *rc = SQLITE_OK;
  return TRUE;
}

/* The data */

static gint64
min_id (GHashTable *ids)
{
  GHashTableIter iter;
  gpointer key;
  gint64 best = 0;

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 id = *(gint64 *) key;

      if (best == 0 || id < best)
        best = id;
    }
  return best;
}

static gboolean
compare_table (Verify   *verify,
               TableLog *table_log,
               int      *rc)
{
  const SdTable *table = table_log->table;
  g_autofree char *sql = sd_sql_select_all_by_id (table);
  g_autoptr(GHashTable) missing = NULL;
  g_autoptr(GHashTable) missing_known = NULL;
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt = NULL;

  *rc = sqlite3_prepare_v2 (verify->db, sql, -1, &stmt, NULL);
  while (*rc == SQLITE_OK && (*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      RowLog *log = g_hash_table_lookup (table_log->rows, &id);
      const char *known = g_hash_table_lookup (table_log->known, &id);
      g_autofree char *current = NULL;

      *rc = SQLITE_OK;
      if (log != NULL && log->deleted)
        {
          report_row (verify, ROW_RESTORED, table->name, id, log->last_entry);
          break;
        }

      current = sd_store_row_to_json (table, stmt, 1);
      if (log == NULL)
        {
          if (known == NULL)
            report_row (verify, ROW_UNLOGGED, table->name, id, 0);
          else if (!row_matches (table_log, known, NULL, current))
            report_row (verify, ROW_DEFAULT_CHANGED, table->name, id, 0);
        }
      else if (log->base == NULL && known == NULL)
        {
          report_row (verify, ROW_NOT_INSERTED, table->name, id, log->last_entry);
        }
      else if (!row_matches (table_log, log->base != NULL ? log->base : known, log->changes,
                             current))
        {
          report_row (verify, ROW_CHANGED, table->name, id, log->last_entry);
        }
      if (verify->report->problem != SD_AUDIT_PROBLEM_NONE)
        break;

      /* Seen: what is left afterwards is missing from the file. */
      g_hash_table_remove (table_log->rows, &id);
      g_hash_table_remove (table_log->known, &id);
    }
  sqlite3_finalize (stmt);
  if (*rc != SQLITE_DONE && *rc != SQLITE_OK)
    return FALSE;
  *rc = SQLITE_OK;
  if (verify->report->problem != SD_AUDIT_PROBLEM_NONE)
    return TRUE;

  /* The rows the log (or the schema) has and the file has not; the one of
   * the smallest id is named, so that the report does not depend on the
   * order of a hash table. */
  missing = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_hash_table_iter_init (&iter, table_log->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      RowLog *log = value;

      if (!log->deleted)
        g_hash_table_add (missing, key);
    }
  if (g_hash_table_size (missing) > 0)
    {
      gint64 id = min_id (missing);
      RowLog *log = g_hash_table_lookup (table_log->rows, &id);

      report_row (verify, ROW_MISSING, table->name, id, log->last_entry);
      return TRUE;
    }

  missing_known = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_hash_table_iter_init (&iter, table_log->known);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      /* Deleted through the store: the log says so. */
      if (!g_hash_table_contains (table_log->rows, key))
        g_hash_table_add (missing_known, key);
    }
  if (g_hash_table_size (missing_known) > 0)
    report_row (verify, ROW_DEFAULT_MISSING, table->name, min_id (missing_known), 0);
  return TRUE;
}

static gboolean
compare_matrix (Verify *verify,
                int    *rc)
{
  g_autofree char *current = NULL;
  const char *expected = verify->matrix_entry != 0 ? verify->matrix_after
                                                   : verify->matrix_default;
  g_autofree char *row = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *at = NULL;

  if (!read_matrix_json (verify->db, &current, rc))
    return FALSE;
  if (g_strcmp0 (current, expected) == 0)
    return TRUE;

  row = format_row (verify, "risk_matrix", 1);
  if (verify->matrix_entry == 0)
    {
      report_problem (verify->report, SD_AUDIT_PROBLEM_DATA, 0, "risk_matrix", 1,
                      /* Translators: %s is "risk_matrix #1", the risk matrix settings */
                      g_strdup_printf (_("%s is no longer as the database was created, and the "
                                         "audit log records no change to it: it was changed "
                                         "outside Security Duties."), row));
      return TRUE;
    }

  entry = format_id (verify->matrix_entry);
  at = lookup_time (verify->db, verify->matrix_entry);
  report_problem (verify->report, SD_AUDIT_PROBLEM_DATA, verify->matrix_entry, "risk_matrix", 1,
                  g_strdup_printf (_("%s does not match its last audit entry, #%s (%s): "
                                     "the row was changed outside Security Duties, or later "
                                     "entries were removed."), row, entry, at));
  return TRUE;
}

/* Cancelling */

static int
progress_cb (void *data)
{
  /* Non-zero interrupts the statement that is running. */
  return g_cancellable_is_cancelled (data) ? 1 : 0;
}

/* Entry point */

static void
verify_clear (Verify *verify)
{
  for (guint t = 0; t < verify->n_tables; t++)
    {
      TableLog *table_log = &verify->tables[t];

      g_clear_pointer (&table_log->rows, g_hash_table_unref);
      g_clear_pointer (&table_log->known, g_hash_table_unref);
      if (table_log->defaults != NULL)
        {
          for (guint c = 0; c < table_log->table->n_columns; c++)
            g_free (table_log->defaults[c]);
          g_free (table_log->defaults);
        }
    }
  g_free (verify->tables);
  g_clear_pointer (&verify->by_name, g_hash_table_unref);
  g_free (verify->matrix_after);
  g_free (verify->matrix_default);
  sd_audit_report_free (verify->report);
  sqlite3_close (verify->db);
}

SdAuditReport *
sd_store_verify_audit (SdStore               *self,
                       SdAuditRowFormatFunc   row_format,
                       GCancellable          *cancellable,
                       GError               **error)
{
  Verify verify = { 0 };
  const char *path;
  const GType *types;
  guint n_types;
  gboolean ok;
  int rc;

  g_return_val_if_fail (SD_IS_STORE (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = sd_store_get_path (self);
  verify.report = g_new0 (SdAuditReport, 1);
  verify.format_row = row_format;

  types = sd_store_get_item_types (&n_types);
  verify.tables = g_new0 (TableLog, n_types);
  verify.n_tables = n_types;
  verify.by_name = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint t = 0; t < n_types; t++)
    {
      SdItemClass *klass = g_type_class_ref (types[t]);
      TableLog *table_log = &verify.tables[t];

      /* Classes are never freed: the table outlives the reference. */
      table_log->table = sd_item_class_get_table (klass);
      g_type_class_unref (klass);
      table_log->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               row_log_free);
      table_log->known = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      table_log->defaults = g_new0 (char *, table_log->table->n_columns);
      g_hash_table_insert (verify.by_name, (gpointer) table_log->table->name, table_log);
    }

  if (!load_schema (&verify, error))
    {
      verify_clear (&verify);
      return NULL;
    }

  /* A connection of its own, read-only: this runs in a thread, and must not
   * be able to change the file it judges. */
  rc = sqlite3_open_v2 (path, &verify.db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (verify.db, 2000);
      if (cancellable != NULL)
        sqlite3_progress_handler (verify.db, 1000, progress_cb, cancellable);
      /* One read transaction: the log and the data are seen as of one
       * moment, even while the window goes on writing. */
      rc = sqlite3_exec (verify.db, "BEGIN", NULL, NULL, NULL);
    }

  ok = rc == SQLITE_OK && walk_chain (&verify, &rc);
  /* The data is compared with a chain that holds; a broken chain is
   * already the first problem. */
  for (guint t = 0; ok && t < verify.n_tables &&
       verify.report->problem == SD_AUDIT_PROBLEM_NONE; t++)
    ok = compare_table (&verify, &verify.tables[t], &rc);
  if (ok && verify.report->problem == SD_AUDIT_PROBLEM_NONE)
    ok = compare_matrix (&verify, &rc);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      verify_clear (&verify);
      return NULL;
    }
  if (!ok)
    {
      set_sqlite_error (error, verify.db, rc, path);
      verify_clear (&verify);
      return NULL;
    }

  sqlite3_exec (verify.db, "COMMIT", NULL, NULL, NULL);
  {
    SdAuditReport *report = g_steal_pointer (&verify.report);

    verify_clear (&verify);
    return report;
  }
}
