/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <sqlite3.h>

#include "sd-matrix-settings.h"
#include "sd-store.h"

G_BEGIN_DECLS

/* The hash that chains an audit entry to the one before it. */
char *sd_audit_compute_hash (const char *prev_hash,
                             const char *at,
                             const char *os_user,
                             const char *operator_,
                             const char *entity,
                             gint64      entity_id,
                             const char *action,
                             const char *before,
                             const char *after);

/* Looks at a file's header without SQLite: a file that is not SQLite at
 * all is SD_STORE_ERROR_NOT_DATABASE, one shorter than its header says
 * (truncated) SD_STORE_ERROR_CORRUPT. An empty file passes. @wal
 * (nullable) tells whether the file is in write-ahead log mode. */
gboolean sd_store_check_header (const char  *path,
                                gboolean    *wal,
                                GError     **error);

/* Whether @db, whose application_id and user_version are @app_id and
 * @version, is a Security Duties database this build opens: ours, not
 * newer, and with the very tables, indexes and triggers that the
 * migrations make for @version, to the letter. @name names it in @error. */
gboolean sd_store_check_identity (sqlite3     *db,
                                  const char  *name,
                                  int          app_id,
                                  int          version,
                                  GError     **error);

/* Runs @sql and reads the first column of its first row into @value;
 * FALSE with the SQLite result code in @rc if it failed. */
gboolean sd_sqlite_query_int   (sqlite3     *db,
                                const char  *sql,
                                int         *value,
                                int         *rc);

/* For tests: whether the items of @item_type were read from the file. */
gboolean sd_store_is_loaded (SdStore *self,
                             GType    item_type);

/* For the store's own files (sd-store-*.c), which keep their SQL beside
 * sd-store.c's and go through the same connection, transactions and
 * audit log. */

/* A prepared statement of the store's cache, reset and unbound. */
sqlite3_stmt     *sd_store_get_statement       (SdStore     *self,
                                                const char  *sql,
                                                GError     **error);
void              sd_store_set_sqlite_error    (SdStore     *self,
                                                int          rc,
                                                const char  *what,
                                                GError     **error);
/* An edit: waits for the integrity check, then opens a transaction of its
 * own, or a savepoint inside a batch (sd_store_begin()). */
gboolean          sd_store_edit_begin          (SdStore     *self,
                                                GError     **error);
/* Commits the edit if @success, or rolls it back; FALSE if it was rolled
 * back (then @error is set only if the commit itself failed). */
gboolean          sd_store_edit_end            (SdStore     *self,
                                                gboolean     success,
                                                GError     **error);
/* One entry of the audit log, chained to the one before; inside an edit. */
gboolean          sd_store_write_audit         (SdStore     *self,
                                                const char  *entity,
                                                gint64       entity_id,
                                                const char  *action,
                                                const char  *before,
                                                const char  *after,
                                                GError     **error);
/* @s as a JSON string, quoted and escaped as the audit log writes it. */
void              sd_store_json_append_string  (GString     *out,
                                                const char  *s);
/* @value (of an SdColumn's GType) as a JSON value, as the audit log
 * writes it. */
void              sd_store_json_append_value   (GString      *out,
                                                const GValue *value);
/* The row at the cursor of @stmt, @table's columns at the indexes from
 * @first on, as the JSON object the audit log writes for a whole row (an
 * insertion's "after"). */
char             *sd_store_row_to_json         (const SdTable *table,
                                                sqlite3_stmt  *stmt,
                                                int            first);

/* The risk matrix settings as the store last read them from the file
 * (owned by the store). sd_store_load_matrix() reads them again and emits
 * SdStore::matrix-changed if they differ. */
SdMatrixSettings *sd_store_peek_matrix         (SdStore     *self);
gboolean          sd_store_load_matrix         (SdStore     *self,
                                                GError     **error);
void              sd_store_emit_matrix_changed (SdStore     *self);
/* The settings as the audit log writes them (entity "risk_matrix"). */
char             *sd_store_matrix_to_json      (const SdMatrixSettings *settings);

G_END_DECLS
