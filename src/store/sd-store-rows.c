/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-store"

#include "config.h"

#include "sd-store-private.h"
#include "sd-store-rows.h"

gboolean
sd_store_read_assignments (SdStore              *store,
                           SdAssignmentRowFunc   func,
                           gpointer              user_data,
                           GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The store reads the table in this order too (by id). */
  stmt = sd_store_get_statement (store,
                                 "SELECT id, duty_id, post_id, unit_id, body_id, role"
                                 " FROM assignments ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SdAssignmentRow row = {
        sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int64 (stmt, 2),
        sqlite3_column_int64 (stmt, 3),
        sqlite3_column_int64 (stmt, 4),
        (const char *) sqlite3_column_text (stmt, 5),
      };

      /* A row the store would not read either: it counts the table as
       * damaged (the id 0 stands for "none"). */
      if (sqlite3_column_int64 (stmt, 0) == 0)
        {
          g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT,
                       "An assignment has the id 0");
          sqlite3_reset (stmt);
          return FALSE;
        }
      func (&row, user_data);
    }
  if (rc != SQLITE_DONE)
    {
      sd_store_set_sqlite_error (store, rc, "Could not read the assignments", error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}
