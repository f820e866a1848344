/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-store"

#include "config.h"

#include "sd-store-schema.h"
#include "sd-store-sql.h"

/* The identifiers the schema uses: lower-case letters, digits and
 * underscores, not starting with a digit. Nothing else can end the name
 * and start SQL of its own. */
static gboolean
is_identifier (const char *name)
{
  if (name == NULL || !(g_ascii_islower (name[0]) || name[0] == '_'))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
        return FALSE;
    }
  return TRUE;
}

/* A name that is not an identifier is a programming error in an item
 * class's SdTable, never the user's doing: stop before it reaches SQLite. */
static void
append_identifier (GString    *sql,
                   const char *name)
{
  if (!is_identifier (name))
    g_error ("Not an SQL identifier: “%s”", name != NULL ? name : "(null)");
  g_string_append (sql, name);
}

/* ORDER BY terms: identifiers separated by ", " (e.g. "position, id"). */
static void
append_order_by (GString    *sql,
                 const char *order_by)
{
  g_auto(GStrv) names = g_strsplit (order_by != NULL ? order_by : "id", ", ", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (sql, ", ");
      append_identifier (sql, names[i]);
    }
}

static void
append_columns (GString       *sql,
                const SdTable *table,
                const char    *separator,
                const char    *suffix)
{
  for (guint i = 0; i < table->n_columns; i++)
    {
      if (i > 0)
        g_string_append (sql, separator);
      append_identifier (sql, table->columns[i].name);
      g_string_append (sql, suffix);
    }
}

/* "SELECT id, <every column> FROM <table>", to go on. */
static GString *
select_rows (const SdTable *table)
{
  GString *sql = g_string_new ("SELECT id");

  if (table->n_columns > 0)
    g_string_append (sql, ", ");
  append_columns (sql, table, ", ", "");
  g_string_append (sql, " FROM ");
  append_identifier (sql, table->name);
  return sql;
}

static char *
select_all (const SdTable *table,
            const char    *order_by)
{
  GString *sql;

  g_return_val_if_fail (table != NULL, NULL);

  sql = select_rows (table);
  g_string_append (sql, " ORDER BY ");
  append_order_by (sql, order_by);
  return g_string_free (sql, FALSE);
}

char *
sd_sql_select_all (const SdTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  return select_all (table, table->order_by);
}

char *
sd_sql_select_all_by_id (const SdTable *table)
{
  return select_all (table, "id");
}

char *
sd_sql_select_page (const SdTable *table)
{
  GString *sql;

  g_return_val_if_fail (table != NULL, NULL);

  sql = select_rows (table);
  g_string_append (sql, " WHERE id > ? ORDER BY id LIMIT ?");
  return g_string_free (sql, FALSE);
}

char *
sd_sql_select_one (const SdTable *table)
{
  GString *sql = g_string_new ("SELECT ");

  g_return_val_if_fail (table != NULL && table->n_columns > 0, NULL);

  append_columns (sql, table, ", ", "");
  g_string_append (sql, " FROM ");
  append_identifier (sql, table->name);
  g_string_append (sql, " WHERE id = ?");
  return g_string_free (sql, FALSE);
}

char *
sd_sql_select_ids_where (const SdTable *table,
                         guint          column)
{
  GString *sql = g_string_new ("SELECT id FROM ");

  g_return_val_if_fail (table != NULL && column < table->n_columns, NULL);

  append_identifier (sql, table->name);
  g_string_append (sql, " WHERE ");
  append_identifier (sql, table->columns[column].name);
  g_string_append (sql, " = ?");
  return g_string_free (sql, FALSE);
}

char *
sd_sql_select_exists (const SdTable *table)
{
  GString *sql = g_string_new ("SELECT EXISTS (SELECT 1 FROM ");

  g_return_val_if_fail (table != NULL, NULL);

  append_identifier (sql, table->name);
  g_string_append (sql, ")");
  return g_string_free (sql, FALSE);
}

char *
sd_sql_insert (const SdTable  *table,
               const gboolean *mask)
{
  GString *sql = g_string_new ("INSERT INTO ");
  guint n = 0;

  g_return_val_if_fail (table != NULL && mask != NULL, NULL);

  append_identifier (sql, table->name);
  for (guint i = 0; i < table->n_columns; i++)
    {
      if (!mask[i])
        continue;
      g_string_append (sql, n++ > 0 ? ", " : " (");
      append_identifier (sql, table->columns[i].name);
    }
  if (n == 0)
    {
      g_string_append (sql, " DEFAULT VALUES");
    }
  else
    {
      g_string_append (sql, ") VALUES (");
      for (guint i = 0; i < n; i++)
        g_string_append (sql, i > 0 ? ", ?" : "?");
      g_string_append (sql, ")");
    }
  return g_string_free (sql, FALSE);
}

char *
sd_sql_insert_with_id (const SdTable *table)
{
  GString *sql = g_string_new ("INSERT INTO ");

  g_return_val_if_fail (table != NULL, NULL);

  append_identifier (sql, table->name);
  g_string_append (sql, " (id");
  for (guint i = 0; i < table->n_columns; i++)
    {
      g_string_append (sql, ", ");
      append_identifier (sql, table->columns[i].name);
    }
  g_string_append (sql, ") VALUES (?");
  for (guint i = 0; i < table->n_columns; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");
  return g_string_free (sql, FALSE);
}

char *
sd_sql_update (const SdTable  *table,
               const gboolean *mask)
{
  GString *sql = g_string_new ("UPDATE ");
  guint n = 0;

  g_return_val_if_fail (table != NULL && mask != NULL, NULL);

  append_identifier (sql, table->name);
  g_string_append (sql, " SET ");
  for (guint i = 0; i < table->n_columns; i++)
    {
      if (!mask[i])
        continue;
      if (n++ > 0)
        g_string_append (sql, ", ");
      append_identifier (sql, table->columns[i].name);
      g_string_append (sql, " = ?");
    }
  g_return_val_if_fail (n > 0, (g_string_free (sql, TRUE), NULL));
  g_string_append (sql, " WHERE id = ?");
  return g_string_free (sql, FALSE);
}

char *
sd_sql_delete (const SdTable *table)
{
  GString *sql = g_string_new ("DELETE FROM ");

  g_return_val_if_fail (table != NULL, NULL);

  append_identifier (sql, table->name);
  g_string_append (sql, " WHERE id = ?");
  return g_string_free (sql, FALSE);
}

/* PRAGMA takes no parameters: the two statements that set a number hold
 * the app's own constants, written out here and nowhere else. */

char *
sd_sql_set_application_id (void)
{
  return g_strdup_printf ("PRAGMA application_id = %" G_GINT32_FORMAT,
                          (gint32) SD_STORE_APPLICATION_ID);
}

char *
sd_sql_set_schema_version (void)
{
  return g_strdup_printf ("PRAGMA user_version = %u", sd_store_n_migrations);
}
