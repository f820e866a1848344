/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <gio/gio.h>

#include "sd-store.h"

G_BEGIN_DECLS

/*
 * Import and export of the organisation as CSV files (see sd-csv.h for the
 * file format), one file per kind of record:
 *
 *   units        name,parent,kind,head,staff_count
 *   people       name,unit,title,employment
 *   posts        name,unit,type,key_post,full_time_required,holders
 *   duties       code,area,text,source
 *   assignments  duty_code,party_kind,party,role
 *
 * The first record is the header. Column names are matched without regard
 * to case and in any order; the Chinese names (名称, 上级单位, 类型, 负责人,
 * 人数, 姓名, 单位, 职务, 用工性质, 关键岗位, 专职要求, 在岗人员; 编号,
 * 类别, 职责, 来源; 职责编号, 主体类型, 责任主体, 角色) are accepted too.
 * Every column of the kind must be there, and no other.
 *
 * Values name other records by their names: a unit by its name (if two
 * units share it, the row is an error), a person by their name (if two
 * people share it, the one in the unit concerned; if that does not settle
 * it, the row is an error). Codes may be written as the English ids the
 * export writes (department, security-admin, yes, full-time), in Chinese
 * (部门, 安全管理员, 是, 全职), or as the labels the app shows in the
 * current language.
 *
 * - units: `parent` empty for a top unit; it may name a unit defined in an
 *   earlier or a later row (a cycle is an error). `kind` is company,
 *   department or section (公司, 部门, 科室/处室/组; also other, which the
 *   store knows, so that every export imports). `head` may be empty;
 *   if it names nobody in the database yet, the person is created in that
 *   unit with no job title, so that units can be imported before people
 *   (people need units to exist). `staff_count` is a whole number ≥ 0,
 *   empty for 0.
 * - people: `unit` may be empty. `employment` is full-time or part-time
 *   (全职/专职, 兼职). A row naming a unit's head that a units import
 *   created (same name, same unit, no job title yet) fills that person in
 *   instead of being a duplicate.
 * - posts: `unit` empty for an organisation-wide post. `key_post` and
 *   `full_time_required` are yes/no (是/否, y/n, true/false, 1/0; empty is
 *   no). `holders` lists people separated by ";" (or "；" or "、"); each is
 *   a primary holder unless followed by "(deputy)" or "(副)" (full-width
 *   parentheses too), because a post may have several primary holders and
 *   several deputies. The date since when they hold it is left unknown.
 * - duties: `code` identifies a duty. A code the database has already
 *   updates that duty's area, text and source (and keeps its place); a new
 *   code adds a duty after all others, in the order of the file. `text` may
 *   not be empty; `area` and `source` may.
 * - assignments: `duty_code` names an existing duty. `party_kind` is post,
 *   unit or body (岗位, 单位/部门, 机构/小组). `party` names it: a post or
 *   a unit by its name, or, when several have that name, with its unit
 *   ("信息部/安全员"; "/安全员" for an organisation-wide post) or its parent
 *   ("信息部/综合组"), and as many parents before that as it takes to name
 *   one ("集团/信息部/综合组/安全员"; the export writes the shortest such
 *   form, a full-width "／" is read as "/"); a body by its name. Two posts
 *   of one name in one unit cannot be told apart (the posts import refuses
 *   them). `role` is R, A, C or I (负责, 牵头/批准, 协助, 知悉; also
 *   responsible, accountable, consulted, informed). A row sets the role of
 *   that duty and party, replacing the role it had; the other assignments
 *   stay as they are. A duty and party twice in one file is an error.
 *
 * An import is all or nothing. Every row is checked first, and every
 * problem collected: an unknown unit or person, a duplicate (of another row
 * of the file, or of a record already in the database: units with the same
 * name under the same parent, people or posts with the same name in the
 * same unit), a bad value, a bad file (wrong encoding, broken quoting, a
 * bad header). Only a file without any problem is written, in one
 * transaction; a failure while writing rolls it all back.
 *
 * An export writes the same columns, so that importing the exports of a
 * database (units, then people, then posts, duties, assignments) into an
 * empty one gives the same records back, and exports the same bytes: units
 * parents first (in the order of the tree), people grouped by unit in that
 * order with each unit's head first, posts and duties in their order,
 * assignments duty by duty. What the format does not carry (a post's
 * description, whether a person is still active, since when a holder holds
 * a post, the security bodies themselves) is not carried.
 *
 * These functions are synchronous and use @store from the calling thread;
 * run them in a thread with a store of its own for a large file.
 */

#define SD_IMPORT_ERROR (sd_import_error_quark ())

typedef enum
{
  SD_IMPORT_ERROR_UNKNOWN_KIND,   /* not a kind of record this app imports */
  SD_IMPORT_ERROR_NOT_SUPPORTED,  /* a kind not yet supported (risks, tasks, findings) */
  SD_IMPORT_ERROR_INVALID,        /* bad rows or a bad file: see the row errors */
} SdImportErrorCode;

/* One problem of the file: the line it is on and what is wrong. */
typedef struct
{
  guint  line;      /* physical line of the file, from 1 */
  char  *message;   /* translated, without the line number */
} SdImportRowError;

#define SD_TYPE_IMPORT_ROW_ERROR (sd_import_row_error_get_type ())

GType             sd_import_row_error_get_type (void);
SdImportRowError *sd_import_row_error_new      (guint                   line,
                                                const char             *message);
SdImportRowError *sd_import_row_error_copy     (const SdImportRowError *row_error);
void              sd_import_row_error_free     (SdImportRowError       *row_error);
/* "Line 4: unknown unit “财务处”" (translated; transfer full). */
char             *sd_import_row_error_format   (const SdImportRowError *row_error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdImportRowError, sd_import_row_error_free)

GQuark            sd_import_error_quark        (void);

/* The kinds that can be imported and exported now ("units", "people",
 * "posts", "duties", "assignments"), NULL-terminated. */
const char * const *sd_import_get_kinds        (void);
gboolean          sd_import_kind_is_known      (const char  *kind);

/* Imports the CSV file at @path (or @bytes) as records of @kind.
 *
 * On success returns TRUE with the number of rows imported in @n_imported.
 * Otherwise returns FALSE with @error set, nothing written, and, when the
 * file is at fault (SD_IMPORT_ERROR_INVALID), every problem in @row_errors
 * in the order of the file. @row_errors (if not NULL) always receives an
 * array of SdImportRowError (transfer full), empty when there is no row to
 * blame. */
gboolean          sd_import_file               (SdStore     *store,
                                                const char  *kind,
                                                const char  *path,
                                                guint       *n_imported,
                                                GPtrArray  **row_errors,
                                                GError     **error);
gboolean          sd_import_bytes              (SdStore     *store,
                                                const char  *kind,
                                                GBytes      *bytes,
                                                guint       *n_imported,
                                                GPtrArray  **row_errors,
                                                GError     **error);

/* Writes every record of @kind as CSV (UTF-8 with a byte-order mark, CRLF
 * line ends; see sd-csv.h). */
GBytes           *sd_export_bytes              (SdStore     *store,
                                                const char  *kind,
                                                GError     **error);
gboolean          sd_export_file               (SdStore     *store,
                                                const char  *kind,
                                                const char  *path,
                                                GError     **error);

G_END_DECLS
