/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "test-import-plan"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sd-csv.h"
#include "sd-demo.h"
#include "sd-finding.h"
#include "sd-import.h"
#include "sd-inspection.h"
#include "sd-plan.h"
#include "sd-plan-edit.h"
#include "sd-plan-stream.h"
#include "sd-plan-task.h"
#include "sd-store.h"
#include "sd-unit.h"

/* Helpers */

typedef struct
{
  char    *dir;
  SdStore *store;
} Db;

static const char * const unit_names[] = { "网络安全管理部", "信息部", "营销部" };

/* An empty database, the demo's, or one with a few units and no plan. */
typedef enum
{
  DB_EMPTY,
  DB_DEMO,
  DB_UNITS,
} DbKind;

static void
db_open (Db     *db,
         DbKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  db->dir = g_dir_make_tmp ("sd-test-import-plan-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (db->dir, "test.db", NULL);
  db->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db->store);

  if (kind == DB_DEMO)
    {
      g_assert_true (sd_demo_populate (db->store, &error));
      g_assert_no_error (error);
    }
  else if (kind == DB_UNITS)
    {
      for (guint i = 0; i < G_N_ELEMENTS (unit_names); i++)
        {
          sd_store_insert (db->store, SD_TYPE_UNIT, &error,
                           "name", unit_names[i],
                           "kind", "department",
                           "position", (int) i,
                           NULL);
          g_assert_no_error (error);
        }
    }
}

static void
db_close (Db *db)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&db->store);
  dir = g_dir_open (db->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (db->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (db->dir);
  g_clear_pointer (&db->dir, g_free);
}

static guint
count (SdStore *store,
       GType    type)
{
  return g_list_model_get_n_items (sd_store_get_items (store, type));
}

static guint
count_audit (SdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sd_store_get_audit_entries (store, NULL, 0, &error);

  g_assert_no_error (error);
  return entries->len;
}

/* What a failed import must leave as it was. */
typedef struct
{
  guint audit, plans, streams, tasks, inspections, findings;
} Counts;

static Counts
counts_of (SdStore *store)
{
  Counts counts = {
    count_audit (store),
    count (store, SD_TYPE_PLAN),
    count (store, SD_TYPE_PLAN_STREAM),
    count (store, SD_TYPE_PLAN_TASK),
    count (store, SD_TYPE_INSPECTION),
    count (store, SD_TYPE_FINDING),
  };
  return counts;
}

static void
assert_counts_equal (const Counts *a,
                     const Counts *b)
{
  g_assert_cmpuint (a->audit, ==, b->audit);
  g_assert_cmpuint (a->plans, ==, b->plans);
  g_assert_cmpuint (a->streams, ==, b->streams);
  g_assert_cmpuint (a->tasks, ==, b->tasks);
  g_assert_cmpuint (a->inspections, ==, b->inspections);
  g_assert_cmpuint (a->findings, ==, b->findings);
}

static gboolean
import_text (SdStore     *store,
             const char  *kind,
             const char  *text,
             guint       *n_imported,
             GPtrArray  **row_errors,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));

  return sd_import_bytes (store, kind, bytes, n_imported, row_errors, error);
}

static void
import_ok (SdStore    *store,
           const char *kind,
           const char *text,
           guint       expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) row_errors = NULL;
  guint n = 0;

  if (!import_text (store, kind, text, &n, &row_errors, &error))
    {
      for (guint i = 0; row_errors != NULL && i < row_errors->len; i++)
        {
          g_autofree char *line = sd_import_row_error_format (row_errors->pdata[i]);
          g_test_message ("%s", line);
        }
    }
  g_assert_no_error (error);
  g_assert_cmpuint (row_errors->len, ==, 0);
  g_assert_cmpuint (n, ==, expected);
}

static SdPlan *
plan_of_year (SdStore *store,
              int      year)
{
  GListModel *plans = sd_store_get_items (store, SD_TYPE_PLAN);

  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(SdPlan) plan = g_list_model_get_item (plans, i);

      if (sd_plan_get_year (plan) == year)
        return plan;
    }
  return NULL;
}

static SdPlanTask *
task_titled (SdStore    *store,
             const char *title)
{
  GListModel *tasks = sd_store_get_items (store, SD_TYPE_PLAN_TASK);
  SdPlanTask *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(SdPlanTask) task = g_list_model_get_item (tasks, i);

      if (g_str_equal (sd_plan_task_get_title (task), title))
        {
          g_assert_null (found);
          found = task;
        }
    }
  g_assert_nonnull (found);
  return found;
}

static SdFinding *
finding_described (SdStore    *store,
                   const char *description)
{
  GListModel *findings = sd_store_get_items (store, SD_TYPE_FINDING);
  SdFinding *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(SdFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (sd_finding_get_description (finding), description))
        {
          g_assert_null (found);
          found = finding;
        }
    }
  g_assert_nonnull (found);
  return found;
}

static gint64
unit_id (SdStore    *store,
         const char *name)
{
  GListModel *units = sd_store_get_items (store, SD_TYPE_UNIT);

  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(SdUnit) unit = g_list_model_get_item (units, i);

      if (g_str_equal (sd_unit_get_name (unit), name))
        return sd_item_get_id (SD_ITEM (unit));
    }
  g_assert_not_reached ();
}

static gint64
stream_id (SdStore    *store,
           int         year,
           const char *code)
{
  SdPlanStream *stream = sd_plan_find_stream (store, plan_of_year (store, year), code);

  g_assert_nonnull (stream);
  return sd_item_get_id (SD_ITEM (stream));
}

/* Tasks */

static void
test_tasks (void)
{
  g_autoptr(GError) error = NULL;
  SdPlanTask *task;
  Counts before;
  Db db = { 0 };

  db_open (&db, DB_UNITS);

  /* 2027 has no plan yet: the import makes it, with the default streams,
   * and files the tasks under a code, a stream's Chinese or English
   * default name, or no stream. */
  import_ok (db.store, "tasks",
             "year,stream,title,owner_unit,start_month,end_month,status,progress\n"
             "2027,publicity-training,制作保密手册,网络安全管理部,2,3,done,100\n"
             "2027,制度建设,明确商业秘密范围,,1,2,in-progress,50\n"
             "2027,Risk Assessment,建立保密风险数据库,信息部,3月,4月,进行中,80%\n"
             "2027,,无类别任务,,5,5,,\n"
             "2027,publicity-training,组织保密知识考核,营销部,6,7,cancelled,0\n",
             5);
  g_assert_nonnull (plan_of_year (db.store, 2027));
  g_assert_cmpuint (count (db.store, SD_TYPE_PLAN), ==, 1);
  g_assert_cmpuint (count (db.store, SD_TYPE_PLAN_STREAM), ==, SD_N_PLAN_STREAMS);
  g_assert_cmpuint (count (db.store, SD_TYPE_PLAN_TASK), ==, 5);

  task = task_titled (db.store, "制作保密手册");
  g_assert_cmpint (sd_plan_task_get_stream_id (task), ==,
                   stream_id (db.store, 2027, "publicity-training"));
  g_assert_cmpint (sd_plan_task_get_owner_unit_id (task), ==,
                   unit_id (db.store, "网络安全管理部"));
  g_assert_cmpint (sd_plan_task_get_start_month (task), ==, 2);
  g_assert_cmpint (sd_plan_task_get_end_month (task), ==, 3);
  g_assert_cmpstr (sd_plan_task_get_status (task), ==, "done");
  g_assert_cmpint (sd_plan_task_get_progress (task), ==, 100);
  g_assert_cmpint (sd_plan_task_get_position (task), <,
                   sd_plan_task_get_position (task_titled (db.store, "组织保密知识考核")));

  task = task_titled (db.store, "明确商业秘密范围");
  g_assert_cmpint (sd_plan_task_get_stream_id (task), ==, stream_id (db.store, 2027, "rules"));
  g_assert_cmpint (sd_plan_task_get_owner_unit_id (task), ==, 0);

  task = task_titled (db.store, "建立保密风险数据库");
  g_assert_cmpint (sd_plan_task_get_stream_id (task), ==,
                   stream_id (db.store, 2027, "risk-assessment"));
  g_assert_cmpint (sd_plan_task_get_start_month (task), ==, 3);
  g_assert_cmpint (sd_plan_task_get_end_month (task), ==, 4);
  g_assert_cmpstr (sd_plan_task_get_status (task), ==, "in-progress");
  g_assert_cmpint (sd_plan_task_get_progress (task), ==, 80);

  /* Empty status and progress: a task not started. */
  task = task_titled (db.store, "无类别任务");
  g_assert_cmpint (sd_plan_task_get_stream_id (task), ==, 0);
  g_assert_cmpstr (sd_plan_task_get_status (task), ==, "planned");
  g_assert_cmpint (sd_plan_task_get_progress (task), ==, 0);
  g_assert_false (sd_plan_task_get_carried_over (task));

  /* Again, with one status changed and one task added: the known tasks
   * are updated in place, and only what changed is written. */
  before = counts_of (db.store);
  import_ok (db.store, "tasks",
             "year,stream,title,owner_unit,start_month,end_month,status,progress\n"
             "2027,publicity-training,制作保密手册,网络安全管理部,2,3,done,100\n"
             "2027,rules,明确商业秘密范围,,1,3,done,100\n"
             "2027,inspection,下半年保密监督检查,网络安全管理部,11,11,planned,0\n",
             3);
  g_assert_cmpuint (count (db.store, SD_TYPE_PLAN), ==, before.plans);
  g_assert_cmpuint (count (db.store, SD_TYPE_PLAN_TASK), ==, before.tasks + 1);
  /* One update (status, end month and progress at once), one insert. */
  g_assert_cmpuint (count_audit (db.store), ==, before.audit + 2);
  task = task_titled (db.store, "明确商业秘密范围");
  g_assert_cmpstr (sd_plan_task_get_status (task), ==, "done");
  g_assert_cmpint (sd_plan_task_get_end_month (task), ==, 3);
  g_assert_cmpint (sd_plan_task_get_progress (task), ==, 100);

  db_close (&db);
}

static void
test_tasks_chinese (void)
{
  Db db = { 0 };
  SdPlanTask *task;

  db_open (&db, DB_UNITS);

  /* Chinese column names, in another order, and Chinese values. */
  import_ok (db.store, "tasks",
             "任务,年度,工作类别,责任单位,开始月份,结束月份,进度,状态\n"
             "制作保密手册,2027年,宣传培训,网络安全管理部,2,3,100,已完成\n"
             "修订保密应急预案,2027,应急预案,信息部,3,4,0,未开始\n"
             "设立保密建议奖,2027,监督检查,营销部,4,5,0,已取消\n"
             "季度风险评估,2027,风险评估,网络安全管理部,1,12,75％,进行中\n",
             4);
  task = task_titled (db.store, "制作保密手册");
  g_assert_cmpstr (sd_plan_task_get_status (task), ==, "done");
  g_assert_cmpint (sd_plan_task_get_stream_id (task), ==,
                   stream_id (db.store, 2027, "publicity-training"));
  task = task_titled (db.store, "修订保密应急预案");
  g_assert_cmpstr (sd_plan_task_get_status (task), ==, "planned");
  g_assert_cmpint (sd_plan_task_get_stream_id (task), ==,
                   stream_id (db.store, 2027, "emergency"));
  task = task_titled (db.store, "设立保密建议奖");
  g_assert_cmpstr (sd_plan_task_get_status (task), ==, "cancelled");
  task = task_titled (db.store, "季度风险评估");
  g_assert_cmpstr (sd_plan_task_get_status (task), ==, "in-progress");
  g_assert_cmpint (sd_plan_task_get_progress (task), ==, 75);

  db_close (&db);
}

/* Bad rows */

typedef struct
{
  const char *name;
  const char *kind;
  const char *text;
  /* The expected problems, in order: line and a part of the message. */
  struct { guint line; const char *part; } expected[3];
} BadCase;

#define TASK_HEADER "year,stream,title,owner_unit,start_month,end_month,status,progress\n"
#define GOOD_TASK "2027,rules,明确商业秘密范围,信息部,1,2,planned,0\n"
#define FINDING_HEADER "inspection_date,kind,unit,description,severity,deadline,status\n"
#define GOOD_FINDING "2027-06-19,self-check,信息部,病毒库未及时更新,low,2027-07-15,open\n"

static const BadCase bad_cases[] = {
  { "year", "tasks", TASK_HEADER GOOD_TASK "二〇二七,rules,任务,,1,2,planned,0\n",
    { { 3, "bad year “二〇二七”" } } },
  { "no-year", "tasks", TASK_HEADER GOOD_TASK ",rules,任务,,1,2,planned,0\n",
    { { 3, "no value in column “year”" } } },
  { "stream-new-plan", "tasks", TASK_HEADER GOOD_TASK "2027,bananas,任务,,1,2,planned,0\n",
    { { 3, "unknown work stream “bananas” in the plan for 2027" } } },
  { "stream-existing-plan", "tasks", TASK_HEADER GOOD_TASK "2026,制度建设与修订,任务,,1,2,,\n",
    { { 3, "unknown work stream “制度建设与修订” in the plan for 2026" } } },
  { "title", "tasks", TASK_HEADER GOOD_TASK "2027,rules,,,1,2,planned,0\n",
    { { 3, "no value in column “title”" } } },
  { "unit", "tasks", TASK_HEADER GOOD_TASK "2027,rules,任务,财务处,1,2,planned,0\n",
    { { 3, "unknown unit “财务处”" } } },
  { "months", "tasks", TASK_HEADER GOOD_TASK "2027,rules,任务,,0,13,planned,0\n",
    { { 3, "bad month “0” in column “start_month”" },
      { 3, "bad month “13” in column “end_month”" } } },
  { "month-order", "tasks", TASK_HEADER GOOD_TASK "2027,rules,任务,,5,3,planned,0\n",
    { { 3, "starts in month 5, after it ends (month 3)" } } },
  { "status", "tasks", TASK_HEADER GOOD_TASK "2027,rules,任务,,1,2,overdue,0\n",
    { { 3, "bad value “overdue” in column “status”" } } },
  { "status-zh", "tasks", TASK_HEADER GOOD_TASK "2027,rules,任务,,1,2,逾期,0\n",
    { { 3, "bad value “逾期” in column “status”" } } },
  { "progress", "tasks", TASK_HEADER GOOD_TASK "2027,rules,任务,,1,2,done,101\n",
    { { 3, "bad progress “101”" } } },
  { "progress-negative", "tasks", TASK_HEADER GOOD_TASK "2027,rules,任务,,1,2,done,-5\n",
    { { 3, "bad progress “-5”" } } },
  { "duplicate-task", "tasks", TASK_HEADER GOOD_TASK "2027,制度建设,明确商业秘密范围,,3,4,,\n",
    { { 3, "duplicate task “明确商业秘密范围”: already on line 2" } } },
  { "stray-value", "tasks", TASK_HEADER GOOD_TASK "2027,rules,任务,,1,2,planned,0,多余\n",
    { { 3, "more values than columns" } } },
  { "several", "tasks", TASK_HEADER "2027,rules,,,1,2,planned,0\n" GOOD_TASK
    "2027,rules,任务,,1,2,planned,200\n",
    { { 2, "no value in column “title”" }, { 4, "bad progress “200”" } } },

  { "date", "findings", FINDING_HEADER GOOD_FINDING
    "2027-02-30,self-check,信息部,问题,low,,open\n",
    { { 3, "bad date “2027-02-30” in column “inspection_date”" } } },
  { "date-form", "findings", FINDING_HEADER GOOD_FINDING
    "2027/06/19,self-check,信息部,问题,low,,open\n",
    { { 3, "bad date “2027/06/19”" } } },
  { "no-date", "findings", FINDING_HEADER GOOD_FINDING ",self-check,信息部,问题,low,,open\n",
    { { 3, "no value in column “inspection_date”" } } },
  { "kind", "findings", FINDING_HEADER GOOD_FINDING
    "2027-06-19,inspection,信息部,问题,low,,open\n",
    { { 3, "bad value “inspection” in column “kind”" } } },
  { "finding-unit", "findings", FINDING_HEADER GOOD_FINDING
    "2027-06-19,audit,财务处,问题,low,,open\n",
    { { 3, "unknown unit “财务处”" } } },
  { "description", "findings", FINDING_HEADER GOOD_FINDING
    "2027-06-19,audit,信息部,,low,,open\n",
    { { 3, "no value in column “description”" } } },
  { "severity", "findings", FINDING_HEADER GOOD_FINDING
    "2027-06-19,audit,信息部,问题,critical,,open\n",
    { { 3, "bad value “critical” in column “severity”" } } },
  { "deadline", "findings", FINDING_HEADER GOOD_FINDING
    "2027-06-19,audit,信息部,问题,high,2027-13-01,open\n",
    { { 3, "bad date “2027-13-01” in column “deadline”" } } },
  { "finding-status", "findings", FINDING_HEADER GOOD_FINDING
    "2027-06-19,audit,信息部,问题,high,,done\n",
    { { 3, "bad value “done” in column “status”" } } },
  { "duplicate-finding", "findings", FINDING_HEADER GOOD_FINDING
    "2027-06-19,自查,信息部,病毒库未及时更新,high,,closed\n",
    { { 3, "duplicate finding “病毒库未及时更新”: already on line 2" } } },
  { "finding-header", "findings",
    "inspection_date,kind,unit,description,severity,deadline\n" GOOD_FINDING,
    { { 1, "missing column “status”" } } },
};

static void
test_bad_rows (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) row_errors = NULL;
  g_autoptr(GBytes) tasks_before = NULL;
  g_autoptr(GBytes) findings_before = NULL;
  g_autoptr(GBytes) tasks_after = NULL;
  g_autoptr(GBytes) findings_after = NULL;
  Counts before, after;
  guint n_expected = 0;
  guint n = 99;
  Db db = { 0 };

  /* A plan for 2026 exists, one for 2027 does not. */
  db_open (&db, DB_UNITS);
  g_assert_nonnull (sd_plan_create (db.store, 2026, &error));
  g_assert_no_error (error);
  import_ok (db.store, "findings",
             FINDING_HEADER "2026-06-19,self-check,信息部,病毒库未及时更新,low,2026-07-15,open\n",
             1);

  before = counts_of (db.store);
  tasks_before = sd_export_bytes (db.store, "tasks", &error);
  g_assert_no_error (error);
  findings_before = sd_export_bytes (db.store, "findings", &error);
  g_assert_no_error (error);

  g_assert_false (import_text (db.store, bad->kind, bad->text, &n, &row_errors, &error));
  g_assert_error (error, SD_IMPORT_ERROR, SD_IMPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (n, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad->expected) && bad->expected[i].part != NULL; i++)
    n_expected++;
  for (guint i = 0; i < row_errors->len; i++)
    {
      g_autofree char *line = sd_import_row_error_format (row_errors->pdata[i]);
      g_test_message ("%s", line);
    }
  g_assert_cmpuint (row_errors->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      SdImportRowError *row_error = row_errors->pdata[i];

      g_assert_cmpuint (row_error->line, ==, bad->expected[i].line);
      g_assert_nonnull (strstr (row_error->message, bad->expected[i].part));
    }

  /* Nothing written: no plan made for the good rows' year, no task. */
  after = counts_of (db.store);
  assert_counts_equal (&before, &after);
  g_assert_null (plan_of_year (db.store, 2027));
  tasks_after = sd_export_bytes (db.store, "tasks", &error);
  g_assert_no_error (error);
  findings_after = sd_export_bytes (db.store, "findings", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (tasks_before, tasks_after));
  g_assert_true (g_bytes_equal (findings_before, findings_after));

  db_close (&db);
}

/* Findings */

static void
test_findings (void)
{
  SdFinding *finding;
  SdInspection *inspection;
  Counts before;
  Db db = { 0 };

  db_open (&db, DB_UNITS);

  /* The plan of 2026 and two inspections are made on the way. */
  import_ok (db.store, "findings",
             FINDING_HEADER
             "2026-06-19,self-check,信息部,部分办公终端病毒库未及时更新,low,2026-07-15,closed\n"
             "2026-09-08,audit,,3名离职员工的系统账户未及时注销,high,2026-09-30,rectifying\n"
             "2026-09-08,审计,网络安全管理部,安全审计日志保存期限不足6个月,中,,待处理\n",
             3);
  g_assert_nonnull (plan_of_year (db.store, 2026));
  g_assert_cmpuint (count (db.store, SD_TYPE_INSPECTION), ==, 2);
  g_assert_cmpuint (count (db.store, SD_TYPE_FINDING), ==, 3);

  finding = finding_described (db.store, "部分办公终端病毒库未及时更新");
  g_assert_cmpint (sd_finding_get_unit_id (finding), ==, unit_id (db.store, "信息部"));
  g_assert_cmpstr (sd_finding_get_severity (finding), ==, "low");
  g_assert_cmpstr (sd_finding_get_deadline (finding), ==, "2026-07-15");
  g_assert_cmpstr (sd_finding_get_status (finding), ==, "closed");
  inspection = sd_store_lookup (db.store, SD_TYPE_INSPECTION,
                                sd_finding_get_inspection_id (finding));
  g_assert_cmpstr (sd_inspection_get_kind (inspection), ==, "self-check");
  g_assert_cmpstr (sd_inspection_get_date (inspection), ==, "2026-06-19");
  g_assert_cmpint (sd_inspection_get_plan_id (inspection), ==,
                   sd_item_get_id (SD_ITEM (plan_of_year (db.store, 2026))));

  /* Both audit findings belong to one inspection. */
  finding = finding_described (db.store, "安全审计日志保存期限不足6个月");
  g_assert_cmpint (sd_finding_get_inspection_id (finding), ==,
                   sd_finding_get_inspection_id (
                     finding_described (db.store, "3名离职员工的系统账户未及时注销")));
  g_assert_cmpint (sd_finding_get_unit_id (finding), ==, unit_id (db.store, "网络安全管理部"));
  g_assert_cmpstr (sd_finding_get_severity (finding), ==, "medium");
  g_assert_null (sd_finding_get_deadline (finding));
  g_assert_cmpstr (sd_finding_get_status (finding), ==, "open");

  /* Again, in Chinese: a known finding is updated, a new one joins the
   * existing inspection, a new date makes a new inspection. */
  before = counts_of (db.store);
  import_ok (db.store, "findings",
             "检查日期,检查类型,单位,问题描述,严重程度,整改期限,状态\n"
             "2026-09-08,审计,网络安全管理部,安全审计日志保存期限不足6个月,高,2026-11-30,整改中\n"
             "2026-09-08,审计,信息部,备份介质未登记,低,,\n"
             "2026-10-20,抽查,营销部,客户信息台账未加密存储,高,2026-11-05,待处理\n"
             "2026-06-19,自查,信息部,部分办公终端病毒库未及时更新,低,2026-07-15,已关闭\n",
             4);
  g_assert_cmpuint (count (db.store, SD_TYPE_PLAN), ==, before.plans);
  g_assert_cmpuint (count (db.store, SD_TYPE_INSPECTION), ==, before.inspections + 1);
  g_assert_cmpuint (count (db.store, SD_TYPE_FINDING), ==, before.findings + 2);
  /* One update, two findings and an inspection; the unchanged row adds
   * nothing. */
  g_assert_cmpuint (count_audit (db.store), ==, before.audit + 4);
  finding = finding_described (db.store, "安全审计日志保存期限不足6个月");
  g_assert_cmpstr (sd_finding_get_severity (finding), ==, "high");
  g_assert_cmpstr (sd_finding_get_deadline (finding), ==, "2026-11-30");
  g_assert_cmpstr (sd_finding_get_status (finding), ==, "rectifying");
  finding = finding_described (db.store, "备份介质未登记");
  g_assert_cmpstr (sd_finding_get_status (finding), ==, "open");
  g_assert_cmpint (sd_finding_get_inspection_id (finding), ==,
                   sd_finding_get_inspection_id (
                     finding_described (db.store, "3名离职员工的系统账户未及时注销")));
  finding = finding_described (db.store, "客户信息台账未加密存储");
  inspection = sd_store_lookup (db.store, SD_TYPE_INSPECTION,
                                sd_finding_get_inspection_id (finding));
  g_assert_cmpstr (sd_inspection_get_kind (inspection), ==, "spot-check");

  db_close (&db);
}

/* Round trip */

static GBytes *
export (SdStore    *store,
        const char *kind)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = sd_export_bytes (store, kind, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static void
import_bytes_ok (SdStore    *store,
                 const char *kind,
                 GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) row_errors = NULL;

  g_assert_true (sd_import_bytes (store, kind, bytes, NULL, &row_errors, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (row_errors->len, ==, 0);
}

static guint
count_lines (GBytes *bytes)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  guint n = 0;

  for (gsize i = 0; i < length; i++)
    n += data[i] == '\n';
  return n;
}

static void
test_round_trip (void)
{
  g_autoptr(GBytes) units = NULL;
  g_autoptr(GBytes) tasks = NULL;
  g_autoptr(GBytes) findings = NULL;
  g_autoptr(GBytes) tasks_again = NULL;
  g_autoptr(GBytes) findings_again = NULL;
  g_autoptr(GBytes) tasks_third = NULL;
  g_autofree char *tasks_text = NULL;
  Db demo = { 0 };
  Db fresh = { 0 };

  db_open (&demo, DB_DEMO);
  units = export (demo.store, "units");
  tasks = export (demo.store, "tasks");
  findings = export (demo.store, "findings");
  g_assert_cmpuint (count_lines (tasks), ==, 1 + count (demo.store, SD_TYPE_PLAN_TASK));
  g_assert_cmpuint (count_lines (findings), ==, 1 + count (demo.store, SD_TYPE_FINDING));

  /* The demo's streams have their Chinese default names: the export
   * writes the codes, which read the same in any language. */
  tasks_text = g_strndup (g_bytes_get_data (tasks, NULL), g_bytes_get_size (tasks));
  g_assert_true (g_str_has_prefix (tasks_text, SD_CSV_BOM
                                   "year,stream,title,owner_unit,start_month,end_month,"
                                   "status,progress\r\n"
                                   "2026,publicity-training,"));
  g_assert_null (strstr (tasks_text, "宣传培训"));

  /* Into an empty database: the units first, then the plan's records. */
  db_open (&fresh, DB_EMPTY);
  import_bytes_ok (fresh.store, "units", units);
  import_bytes_ok (fresh.store, "tasks", tasks);
  import_bytes_ok (fresh.store, "findings", findings);
  g_assert_cmpuint (count (fresh.store, SD_TYPE_PLAN_TASK), ==,
                    count (demo.store, SD_TYPE_PLAN_TASK));
  g_assert_cmpuint (count (fresh.store, SD_TYPE_FINDING), ==,
                    count (demo.store, SD_TYPE_FINDING));
  g_assert_cmpuint (count (fresh.store, SD_TYPE_INSPECTION), ==,
                    count (demo.store, SD_TYPE_INSPECTION));

  tasks_again = export (fresh.store, "tasks");
  findings_again = export (fresh.store, "findings");
  g_assert_cmpmem (g_bytes_get_data (tasks, NULL), g_bytes_get_size (tasks),
                   g_bytes_get_data (tasks_again, NULL), g_bytes_get_size (tasks_again));
  g_assert_cmpmem (g_bytes_get_data (findings, NULL), g_bytes_get_size (findings),
                   g_bytes_get_data (findings_again, NULL), g_bytes_get_size (findings_again));

  /* Importing the export into the database it came from changes nothing. */
  {
    guint audit = count_audit (demo.store);

    import_bytes_ok (demo.store, "tasks", tasks);
    import_bytes_ok (demo.store, "findings", findings);
    g_assert_cmpuint (count_audit (demo.store), ==, audit);
    tasks_third = export (demo.store, "tasks");
    g_assert_true (g_bytes_equal (tasks, tasks_third));
  }

  db_close (&fresh);
  db_close (&demo);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-plan/tasks", test_tasks);
  g_test_add_func ("/import-plan/tasks-chinese", test_tasks_chinese);
  g_test_add_func ("/import-plan/findings", test_findings);
  g_test_add_func ("/import-plan/round-trip", test_round_trip);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import-plan/bad-rows/%s", bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_bad_rows);
    }

  return g_test_run ();
}
