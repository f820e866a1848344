/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <glib.h>

#include "sd-item.h"

G_BEGIN_DECLS

/*
 * The only SQL text of the app that is not a string literal: statements
 * made of a table's identifiers, which the item classes describe once, in
 * their static SdTable. Every value goes in as a bound parameter ("?").
 *
 * These functions take no text at all, only a table's description, a
 * column's index and constants, so that no value can reach an SQL text
 * through them; they also refuse (g_error()) a name that is not a plain
 * identifier. tests/test-sql-injection.sh holds the rest of the app to
 * that: elsewhere in src/, SQL is literal text, and this header may not
 * declare a parameter that could carry text.
 *
 * Each returns a newly allocated statement (transfer full).
 */

/* SELECT id, <columns> FROM <table> ORDER BY <order_by, or id>: every row,
 * the columns from index 1. */
char *sd_sql_select_all            (const SdTable  *table);
/* The same in the order of the ids (for a walk alongside the audit log). */
char *sd_sql_select_all_by_id      (const SdTable  *table);
/* As sd_sql_select_all_by_id(), a page at a time: the rows after id ?1,
 * at most ?2 of them. */
char *sd_sql_select_page           (const SdTable  *table);
/* SELECT <columns> FROM <table> WHERE id = ?: the columns from index 0. */
char *sd_sql_select_one            (const SdTable  *table);
/* SELECT id FROM <table> WHERE <column> = ? */
char *sd_sql_select_ids_where      (const SdTable  *table,
                                    guint           column);
/* SELECT EXISTS (SELECT 1 FROM <table>) */
char *sd_sql_select_exists         (const SdTable  *table);
/* INSERT INTO <table> (<the columns of @mask>) VALUES (?, …), or DEFAULT
 * VALUES when @mask has none; @mask has table->n_columns entries. */
char *sd_sql_insert                (const SdTable  *table,
                                    const gboolean *mask);
/* INSERT INTO <table> (id, <columns>) VALUES (?, ?, …) */
char *sd_sql_insert_with_id        (const SdTable  *table);
/* UPDATE <table> SET <column> = ?, … WHERE id = ?: the columns of @mask
 * (at least one), then the id. Only what changed is written, so a column
 * another process changed meanwhile is not put back. */
char *sd_sql_update                (const SdTable  *table,
                                    const gboolean *mask);
/* DELETE FROM <table> WHERE id = ? */
char *sd_sql_delete                (const SdTable  *table);

/* PRAGMA application_id = SD_STORE_APPLICATION_ID (PRAGMA takes no
 * parameter; the value is the app's constant). */
char *sd_sql_set_application_id    (void);
/* PRAGMA user_version = the schema version of this build. */
char *sd_sql_set_schema_version    (void);

G_END_DECLS
