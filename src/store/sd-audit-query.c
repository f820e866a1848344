/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-audit-query"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sd-audit-query.h"
#include "sd-item.h"
#include "sd-store-private.h"
#include "sd-store-sql.h"

#define ENTRY_COLUMNS \
  "id, at, os_user, operator, entity, entity_id, action, before, after, prev_hash, hash"

/* The search matches the current name of the item an entry is about. The
 * tables and columns are written out here, as constants: the SQL text never
 * holds a value. Cheap tests first: the subqueries run once per statement,
 * the LIKEs over the recorded values once per row. A recorded value
 * matches only as a value, not as a column name ("_" would find every
 * entry): the quick LIKE over the JSON text picks the candidates, and
 * json_each() looks into them (or the text alone, for an entry that is
 * not valid JSON). */
#define SEARCH_TERMS \
  "(entity = 'units' AND entity_id IN (SELECT id FROM units WHERE name LIKE :p ESCAPE '\\'))" \
  " OR (entity = 'people' AND entity_id IN" \
  "     (SELECT id FROM people WHERE name LIKE :p ESCAPE '\\'))" \
  " OR (entity = 'posts' AND entity_id IN (SELECT id FROM posts WHERE name LIKE :p ESCAPE '\\'))" \
  " OR (entity = 'bodies' AND entity_id IN" \
  "     (SELECT id FROM bodies WHERE name LIKE :p ESCAPE '\\'))" \
  " OR (entity = 'duties' AND entity_id IN" \
  "     (SELECT id FROM duties WHERE code LIKE :p ESCAPE '\\' OR text LIKE :p ESCAPE '\\'))" \
  " OR (entity = 'assignments' AND entity_id IN" \
  "     (SELECT id FROM assignments WHERE" \
  "      duty_id IN (SELECT id FROM duties WHERE code LIKE :p ESCAPE '\\')" \
  "      OR post_id IN (SELECT id FROM posts WHERE name LIKE :p ESCAPE '\\')" \
  "      OR unit_id IN (SELECT id FROM units WHERE name LIKE :p ESCAPE '\\')" \
  "      OR body_id IN (SELECT id FROM bodies WHERE name LIKE :p ESCAPE '\\')))" \
  " OR (entity = 'risks' AND entity_id IN" \
  "     (SELECT id FROM risks WHERE code LIKE :p ESCAPE '\\' OR title LIKE :p ESCAPE '\\'))" \
  " OR (entity = 'risk_categories' AND entity_id IN" \
  "     (SELECT id FROM risk_categories WHERE code LIKE :p ESCAPE '\\'" \
  "      OR name LIKE :p ESCAPE '\\'))" \
  " OR (entity = 'incompatibility_rules' AND entity_id IN" \
  "     (SELECT id FROM incompatibility_rules WHERE reason LIKE :p ESCAPE '\\'))" \
  " OR (entity = 'signoffs' AND entity_id IN" \
  "     (SELECT id FROM signoffs WHERE signer_name LIKE :p ESCAPE '\\'" \
  "      OR unit_id IN (SELECT id FROM units WHERE name LIKE :p ESCAPE '\\')))" \
  " OR (entity = 'plan_streams' AND entity_id IN" \
  "     (SELECT id FROM plan_streams WHERE name LIKE :p ESCAPE '\\'))" \
  " OR (entity = 'plan_tasks' AND entity_id IN" \
  "     (SELECT id FROM plan_tasks WHERE title LIKE :p ESCAPE '\\'))" \
  " OR (entity = 'meetings' AND entity_id IN" \
  "     (SELECT id FROM meetings WHERE title LIKE :p ESCAPE '\\'))" \
  " OR (entity = 'meeting_decisions' AND entity_id IN" \
  "     (SELECT id FROM meeting_decisions WHERE text LIKE :p ESCAPE '\\'))" \
  " OR (entity = 'inspections' AND entity_id IN" \
  "     (SELECT id FROM inspections WHERE title LIKE :p ESCAPE '\\'))" \
  " OR (entity = 'findings' AND entity_id IN" \
  "     (SELECT id FROM findings WHERE description LIKE :p ESCAPE '\\'))" \
  " OR (entity = 'trainings' AND entity_id IN" \
  "     (SELECT id FROM trainings WHERE topic LIKE :p ESCAPE '\\'))" \
  " OR (entity = 'post_holders' AND entity_id IN" \
  "     (SELECT id FROM post_holders WHERE" \
  "      person_id IN (SELECT id FROM people WHERE name LIKE :p ESCAPE '\\')" \
  "      OR post_id IN (SELECT id FROM posts WHERE name LIKE :p ESCAPE '\\')))" \
  " OR (entity = 'body_members' AND entity_id IN" \
  "     (SELECT id FROM body_members WHERE" \
  "      person_id IN (SELECT id FROM people WHERE name LIKE :p ESCAPE '\\')" \
  "      OR body_id IN (SELECT id FROM bodies WHERE name LIKE :p ESCAPE '\\')))" \
  " OR (entity = 'meeting_attendees' AND entity_id IN" \
  "     (SELECT id FROM meeting_attendees WHERE" \
  "      person_id IN (SELECT id FROM people WHERE name LIKE :p ESCAPE '\\')" \
  "      OR meeting_id IN (SELECT id FROM meetings WHERE title LIKE :p ESCAPE '\\')))" \
  " OR (entity = 'training_attendance' AND entity_id IN" \
  "     (SELECT id FROM training_attendance WHERE" \
  "      person_id IN (SELECT id FROM people WHERE name LIKE :p ESCAPE '\\')" \
  "      OR training_id IN (SELECT id FROM trainings WHERE topic LIKE :p ESCAPE '\\')))" \
  " OR (entity = 'risk_assessments' AND entity_id IN" \
  "     (SELECT id FROM risk_assessments WHERE risk_id IN" \
  "      (SELECT id FROM risks WHERE code LIKE :p ESCAPE '\\' OR title LIKE :p ESCAPE '\\')))" \
  " OR (entity = 'commitments' AND entity_id IN" \
  "     (SELECT id FROM commitments WHERE" \
  "      person_id IN (SELECT id FROM people WHERE name LIKE :p ESCAPE '\\')))" \
  " OR operator LIKE :p ESCAPE '\\' OR os_user LIKE :p ESCAPE '\\'" \
  " OR (before LIKE :jp ESCAPE '\\' AND (json_valid (before) = 0 OR EXISTS" \
  "     (SELECT 1 FROM json_each (before) WHERE type IN ('text', 'array')" \
  "      AND value LIKE :p ESCAPE '\\')))" \
  " OR (after LIKE :jp ESCAPE '\\' AND (json_valid (after) = 0 OR EXISTS" \
  "     (SELECT 1 FROM json_each (after) WHERE type IN ('text', 'array')" \
  "      AND value LIKE :p ESCAPE '\\')))"

/* @text for LIKE ... ESCAPE '\': matching itself anywhere. */
static char *
like_pattern (const char *text)
{
  GString *out = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '%');
  return g_string_free (out, FALSE);
}

/* @text as it appears inside a string of the log's JSON. */
static char *
json_like_pattern (const char *text)
{
  g_autoptr(GString) quoted = g_string_new (NULL);

  sd_store_json_append_string (quoted, text);
  /* Without the quotes: the text may be any part of a value. */
  g_string_truncate (quoted, quoted->len - 1);
  return like_pattern (quoted->str + 1);
}

/* @day ("YYYY-MM-DD") into @date; FALSE if it is not a date. */
static gboolean
parse_day (const char *day,
           GDate      *date)
{
  int year, month, mday;
  char end;

  if (sscanf (day, "%4d-%2d-%2d%c", &year, &month, &mday, &end) != 3 ||
      !g_date_valid_dmy (mday, month, year))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, mday, month, year);
  return TRUE;
}

static char *
day_start_utc (const GDate *date,
               GTimeZone   *time_zone)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (time_zone == NULL)
    time_zone = local = g_time_zone_new_local ();
  /* Where midnight does not exist (a clock change at 00:00), GLib takes
   * the first moment of the day that does. */
  start = g_date_time_new (time_zone, g_date_get_year (date), g_date_get_month (date),
                           g_date_get_day (date), 0, 0, 0);
  if (start == NULL)
    return NULL;
  utc = g_date_time_to_utc (start);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.000000Z");
}

char *
sd_audit_day_start_utc (const char *day,
                        GTimeZone  *time_zone)
{
  GDate date;

  g_return_val_if_fail (day != NULL, NULL);

  if (!parse_day (day, &date))
    return NULL;
  return day_start_utc (&date, time_zone);
}

typedef struct
{
  char *entity;
  char *operator_;
  char *from_utc;   /* at >= */
  char *to_utc;     /* at < */
  char *pattern;
  char *json_pattern;
  gint64 entity_id;
  gint64 above_id;
  gint64 up_to_id;
  gboolean empty;   /* a bound that no entry can meet */
} Bounds;

static void
bounds_clear (Bounds *bounds)
{
  g_free (bounds->entity);
  g_free (bounds->operator_);
  g_free (bounds->from_utc);
  g_free (bounds->to_utc);
  g_free (bounds->pattern);
  g_free (bounds->json_pattern);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Bounds, bounds_clear)

static gboolean
bounds_init (Bounds              *bounds,
             const SdAuditFilter *filter,
             GError             **error)
{
  memset (bounds, 0, sizeof *bounds);
  if (filter == NULL)
    return TRUE;

  bounds->entity = g_strdup (filter->entity);
  bounds->entity_id = filter->entity != NULL ? filter->entity_id : 0;
  bounds->operator_ = g_strdup (filter->operator_);
  bounds->above_id = filter->above_id;
  bounds->up_to_id = filter->up_to_id;

  if (filter->from != NULL)
    {
      GDate date;

      if (!parse_day (filter->from, &date))
        {
          g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_FAILED,
                       "Not a date: “%s”", filter->from);
          return FALSE;
        }
      bounds->from_utc = day_start_utc (&date, filter->time_zone);
    }
  if (filter->to != NULL)
    {
      GDate date;

      if (!parse_day (filter->to, &date))
        {
          g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_FAILED,
                       "Not a date: “%s”", filter->to);
          return FALSE;
        }
      /* The entries before the start of the next day; the last day a
       * GDate knows has no end to bound. */
      if (g_date_get_julian (&date) < G_MAXUINT32 - 1 && g_date_get_year (&date) < 9999)
        {
          g_date_add_days (&date, 1);
          bounds->to_utc = day_start_utc (&date, filter->time_zone);
        }
    }
  if (bounds->from_utc != NULL && bounds->to_utc != NULL &&
      strcmp (bounds->from_utc, bounds->to_utc) >= 0)
    bounds->empty = TRUE;

  if (filter->search != NULL && filter->search[0] != '\0')
    {
      bounds->pattern = like_pattern (filter->search);
      bounds->json_pattern = json_like_pattern (filter->search);
    }
  return TRUE;
}

/* The WHERE clause: fixed pieces for the bounds that are set, so that
 * SQLite can use an index for the ones that have one. */
static void
append_where (GString      *sql,
              const Bounds *bounds)
{
  g_string_append (sql, " WHERE 1");
  if (bounds->entity != NULL)
    g_string_append (sql, " AND entity = :entity");
  if (bounds->entity_id != 0)
    g_string_append (sql, " AND entity_id = :entity_id");
  if (bounds->from_utc != NULL)
    g_string_append (sql, " AND at >= :from");
  if (bounds->to_utc != NULL)
    g_string_append (sql, " AND at < :to");
  if (bounds->operator_ != NULL)
    g_string_append (sql, " AND operator = :operator");
  if (bounds->above_id != 0)
    g_string_append (sql, " AND id > :above_id");
  if (bounds->up_to_id != 0)
    g_string_append (sql, " AND id <= :up_to_id");
  if (bounds->pattern != NULL)
    g_string_append (sql, " AND (" SEARCH_TERMS ")");
}

static void
bind_text (sqlite3_stmt *stmt,
           const char   *name,
           const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0 && value != NULL)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static void
bind_int64 (sqlite3_stmt *stmt,
            const char   *name,
            gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

static void
bind_bounds (sqlite3_stmt *stmt,
             const Bounds *bounds)
{
  bind_text (stmt, ":entity", bounds->entity);
  bind_int64 (stmt, ":entity_id", bounds->entity_id);
  bind_text (stmt, ":from", bounds->from_utc);
  bind_text (stmt, ":to", bounds->to_utc);
  bind_text (stmt, ":operator", bounds->operator_);
  bind_int64 (stmt, ":above_id", bounds->above_id);
  bind_int64 (stmt, ":up_to_id", bounds->up_to_id);
  bind_text (stmt, ":p", bounds->pattern);
  bind_text (stmt, ":jp", bounds->json_pattern);
}

gboolean
sd_audit_query_count (SdStore              *store,
                      const SdAuditFilter  *filter,
                      guint                *count,
                      GError              **error)
{
  g_auto(Bounds) bounds;
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM audit_log");
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);

  *count = 0;
  if (!bounds_init (&bounds, filter, error))
    return FALSE;
  if (bounds.empty)
    return TRUE;

  append_where (sql, &bounds);
  stmt = sd_store_get_statement (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_bounds (stmt, &bounds);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *count = (guint) MIN (sqlite3_column_int64 (stmt, 0), G_MAXUINT);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW)
    {
      sd_store_set_sqlite_error (store, rc, "Could not read the audit log", error);
      return FALSE;
    }
  return TRUE;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text);
}

static SdAuditEntry *
read_entry (sqlite3_stmt *stmt)
{
  SdAuditEntry *entry = g_new0 (SdAuditEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->at = column_dup (stmt, 1);
  entry->os_user = column_dup (stmt, 2);
  entry->operator_ = column_dup (stmt, 3);
  entry->entity = column_dup (stmt, 4);
  entry->entity_id = sqlite3_column_int64 (stmt, 5);
  entry->action = column_dup (stmt, 6);
  entry->before = column_dup (stmt, 7);
  entry->after = column_dup (stmt, 8);
  entry->prev_hash = column_dup (stmt, 9);
  entry->hash = column_dup (stmt, 10);
  return entry;
}

GPtrArray *
sd_audit_query_fetch (SdStore              *store,
                      const SdAuditFilter  *filter,
                      guint                 offset,
                      guint                 limit,
                      GError              **error)
{
  g_auto(Bounds) bounds;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT " ENTRY_COLUMNS " FROM audit_log");
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  if (!bounds_init (&bounds, filter, error))
    return NULL;
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_audit_entry_free);
  if (bounds.empty || limit == 0)
    return g_steal_pointer (&entries);

  /* The page's ids first, then their rows: sorting ids alone is what an
   * index gives, while sorting whole rows (the recorded values) costs
   * tens of milliseconds once a filter uses the index by item. */
  g_string_append (sql, " WHERE id IN (SELECT id FROM audit_log");
  append_where (sql, &bounds);
  g_string_append (sql, " ORDER BY id DESC LIMIT :limit OFFSET :offset) ORDER BY id DESC");
  stmt = sd_store_get_statement (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_bounds (stmt, &bounds);
  bind_int64 (stmt, ":limit", limit);
  bind_int64 (stmt, ":offset", offset);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, read_entry (stmt));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      sd_store_set_sqlite_error (store, rc, "Could not read the audit log", error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

GArray *
sd_audit_query_ids (SdStore              *store,
                    const SdAuditFilter  *filter,
                    GError              **error)
{
  g_auto(Bounds) bounds;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT id FROM audit_log");
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  if (!bounds_init (&bounds, filter, error))
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (bounds.empty)
    return g_steal_pointer (&ids);

  append_where (sql, &bounds);
  g_string_append (sql, " ORDER BY id DESC");
  stmt = sd_store_get_statement (store, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_bounds (stmt, &bounds);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      sd_store_set_sqlite_error (store, rc, "Could not read the audit log", error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

#define IDS_PER_STATEMENT 32
#define PLACEHOLDERS_8 "?, ?, ?, ?, ?, ?, ?, ?"

GPtrArray *
sd_audit_query_get_many (SdStore       *store,
                         const gint64  *ids,
                         guint          n_ids,
                         GError       **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                 (GDestroyNotify) sd_audit_entry_free);
  for (guint start = 0; start < n_ids; start += IDS_PER_STATEMENT)
    {
      int rc;

      /* A fixed number of placeholders; the ones not needed stay NULL,
       * which no id equals. */
      stmt = sd_store_get_statement (store,
                                     "SELECT " ENTRY_COLUMNS " FROM audit_log WHERE id IN ("
                                     PLACEHOLDERS_8 ", " PLACEHOLDERS_8 ", "
                                     PLACEHOLDERS_8 ", " PLACEHOLDERS_8 ")",
                                     error);
      if (stmt == NULL)
        return NULL;
      for (guint i = 0; i < IDS_PER_STATEMENT && start + i < n_ids; i++)
        sqlite3_bind_int64 (stmt, i + 1, ids[start + i]);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          SdAuditEntry *entry = read_entry (stmt);

          g_hash_table_replace (by_id, &entry->id, entry);
        }
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      if (rc != SQLITE_DONE)
        {
          sd_store_set_sqlite_error (store, rc, "Could not read the audit log", error);
          return NULL;
        }
    }

  entries = g_ptr_array_new_full (n_ids, (GDestroyNotify) sd_audit_entry_free);
  for (guint i = 0; i < n_ids; i++)
    {
      /* Not g_hash_table_steal_extended(): the key is the entry's first
       * member, so key and value are the same pointer, and GLib 2.74 then
       * gives back NULL for the value. */
      SdAuditEntry *entry = g_hash_table_lookup (by_id, &ids[i]);

      if (entry != NULL)
        {
          g_hash_table_steal (by_id, &ids[i]);
          g_ptr_array_add (entries, entry);
        }
    }
  return g_steal_pointer (&entries);
}

SdAuditEntry *
sd_audit_query_get (SdStore  *store,
                    gint64    id,
                    GError  **error)
{
  sqlite3_stmt *stmt;
  SdAuditEntry *entry = NULL;
  int rc;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  stmt = sd_store_get_statement (store,
                                 "SELECT " ENTRY_COLUMNS " FROM audit_log WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    entry = read_entry (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    sd_store_set_sqlite_error (store, rc, "Could not read the audit log", error);
  return entry;
}

gint64
sd_audit_query_last_id (SdStore  *store,
                        GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (SD_IS_STORE (store), 0);

  stmt = sd_store_get_statement (store, "SELECT max(id) FROM audit_log", error);
  if (stmt == NULL)
    return 0;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    sd_store_set_sqlite_error (store, rc, "Could not read the audit log", error);
  return id;
}

static const SdTable *
find_table (const char *entity)
{
  const GType *types;
  guint n_types;

  types = sd_store_get_item_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    {
      SdItemClass *klass = g_type_class_ref (types[i]);
      const SdTable *table = sd_item_class_get_table (klass);

      /* The class lives as long as the program: the store keeps it. */
      g_type_class_unref (klass);
      if (g_str_equal (table->name, entity))
        return table;
    }
  return NULL;
}

static char *
read_current_row (SdStore        *store,
                  const SdTable  *table,
                  gint64          id,
                  GError        **error)
{
  g_autofree char *sql = sd_sql_select_one (table);
  char *json = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = sd_store_get_statement (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  /* Written as the log writes a whole row: an untouched row reads as the
   * "after" of its addition. */
  if (rc == SQLITE_ROW)
    json = sd_store_row_to_json (table, stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sd_store_set_sqlite_error (store, rc, "Could not read a record", error);
      g_free (json);
      return NULL;
    }
  return json;
}

char *
sd_audit_query_row (SdStore     *store,
                    const char  *entity,
                    gint64       id,
                    gboolean    *exists,
                    GError     **error)
{
  const SdTable *table;
  GError *local_error = NULL;
  char *json;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (entity != NULL, NULL);

  if (exists != NULL)
    *exists = FALSE;
  table = find_table (entity);
  if (table == NULL || id == 0)
    return NULL;

  json = read_current_row (store, table, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (json != NULL)
    {
      if (exists != NULL)
        *exists = TRUE;
      return json;
    }

  /* Gone: its deletion recorded the whole row. */
  stmt = sd_store_get_statement (store,
                                 "SELECT before FROM audit_log WHERE entity = ? AND entity_id = ?"
                                 " AND action = 'delete' ORDER BY id DESC LIMIT 1",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    json = column_dup (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sd_store_set_sqlite_error (store, rc, "Could not read the audit log", error);
      g_clear_pointer (&json, g_free);
    }
  return json;
}
