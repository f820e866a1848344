/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <gio/gio.h>

#include "sd-store.h"

G_BEGIN_DECLS

/*
 * Import and export of the organisation, the duty matrix and the risk
 * register as CSV files (see sd-csv.h for the file format), one file per
 * kind of record:
 *
 *   units        name,parent,kind,head,staff_count
 *   people       name,unit,title,employment
 *   posts        name,unit,type,key_post,full_time_required,holders
 *   duties       code,area,text,source
 *   assignments  duty_code,party_kind,party,role
 *   risks        code,title,category,owner_unit,likelihood,impact,
 *                residual_likelihood,residual_impact,target_likelihood,
 *                target_impact,treatment,status,description
 *   tasks        year,stream,title,owner_unit,start_month,end_month,status,progress
 *   findings     inspection_date,kind,unit,description,severity,deadline,status
 *
 * The first record is the header. Column names are matched without regard
 * to case and in any order; the Chinese names (名称, 上级单位, 类型, 负责人,
 * 人数, 姓名, 单位, 职务, 用工性质, 关键岗位, 专职要求, 在岗人员; 编号,
 * 类别, 职责, 来源; 职责编号, 主体类型, 责任主体, 角色; 编号, 标题, 类别,
 * 责任单位, 可能性, 影响, 剩余可能性, 剩余影响, 目标可能性, 目标影响, 应对,
 * 状态, 描述) are accepted too.
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
 * - risks: `code` identifies a risk; a code the database has already, or
 *   one twice in the file, is an error (an import adds risks; re-rating
 *   goes through the register, which keeps the assessment history).
 *   `title` may not be empty. `category` is empty, a category's code
 *   (personal, data, operational, or a user category's), its name, or a
 *   built-in one's label in English or Chinese (人身安全, 数据安全,
 *   运营安全). `owner_unit` is empty or names an existing unit, as for
 *   people. The ratings are whole numbers from 1 to the size of the risk
 *   matrix. Likelihood and impact must be given; the residual pair may be
 *   left empty, and is then the inherent rating, and the target pair
 *   likewise the residual one (the store keeps all three; one of a pair
 *   without the other is an error). `treatment` is empty, avoid, reduce,
 *   transfer or accept (规避, 降低, 转移, 接受). `status` is open, treating,
 *   accepted or closed (未处理/待处理, 处理中/处置中, 已接受, 已关闭);
 *   empty is open. The owner person, cause, consequence, measures, next
 *   review and the assessment history are not carried.
 * - tasks (年度, 工作类别, 任务, 责任单位, 开始月份, 结束月份, 状态, 进度):
 *   `year` names the plan; a year without a plan gets one, with the seven
 *   default work streams (sd_plan_create()). `stream` is empty (no
 *   stream), a stream's name, or one of publicity-training, rules,
 *   responsibility, risk-assessment, inspection, technical, emergency (or
 *   their default names, 宣传培训 …). `owner_unit` is empty or an existing
 *   unit. Months are 1 to 12 ("3月" too), start ≤ end. `status` is planned,
 *   in-progress, done or cancelled (未开始, 进行中, 已完成, 已取消); empty is
 *   planned. `progress` is 0 to 100 ("80%" too); empty is 0. A task of
 *   that plan, stream and title already in the database is updated (its
 *   owner unit, months, status and progress); new tasks go last in their
 *   stream. The owner person, exact dates and evidence are not carried.
 * - findings (检查日期, 检查类型, 单位, 问题描述, 严重程度, 整改期限, 状态):
 *   the finding belongs to the inspection of the plan of the year of
 *   `inspection_date` with that date and `kind` (self-check, spot-check,
 *   audit; 自查, 抽查, 审计); the plan and the inspection are created if
 *   missing. Dates are YYYY-MM-DD and must exist; `deadline` may be empty.
 *   `unit` is empty or an existing unit. `severity` is low, medium or high
 *   (低, 中, 高; empty is medium); `status` open, rectifying or closed
 *   (待处理, 整改中, 已关闭; empty is open). A finding of that inspection,
 *   unit and description already in the database is updated (severity,
 *   deadline, status). The responsible person, the evidence and the
 *   inspection's title are not carried.
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
 * database (units, then people, then posts, duties, assignments, risks)
 * into an empty one gives the same records back, and exports the same
 * bytes: units parents first (in the order of the tree), people grouped by
 * unit in that order with each unit's head first, posts and duties in
 * their order, assignments duty by duty, risks in the register's order
 * (a risk's category by its name, or its code if it has none). What the
 * format does not carry (a post's description, whether a person is still
 * active, since when a holder holds a post, the security bodies
 * themselves, a risk's owner person and assessment history) is not
 * carried.
 *
 * These functions are synchronous and use @store from the calling thread;
 * run them in a thread with a store of its own for a large file.
 */

#define SD_IMPORT_ERROR (sd_import_error_quark ())

typedef enum
{
  SD_IMPORT_ERROR_UNKNOWN_KIND,   /* not a kind of record this app imports */
  SD_IMPORT_ERROR_NOT_SUPPORTED,  /* a kind not yet supported (none at present) */
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
 * "posts", "duties", "assignments", "risks", "tasks", "findings"),
 * NULL-terminated. */
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
