/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "test-plan-stats"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>

#include "sd-finding.h"
#include "sd-inspection.h"
#include "sd-plan-stats.h"
#include "sd-store.h"

typedef struct
{
  char    *dir;
  SdStore *store;
  SdPlan  *plan_2025;
  SdPlan  *plan_2026;
  SdPlan  *plan_2027;
  /* Tasks of the 2026 plan. */
  SdPlanTask *done;         /* Jan – Mar, done */
  SdPlanTask *late;         /* Feb – Apr, in progress */
  SdPlanTask *this_month;   /* Nov, in progress */
  SdPlanTask *cancelled;    /* Apr – May, cancelled */
  SdPlanTask *next_month;   /* Dec, planned */
  SdPlanTask *not_started;  /* Jun – Sep, planned */
} Fixture;

static GDateTime *
date (int year,
      int month,
      int day)
{
  return g_date_time_new_local (year, month, day, 12, 0, 0);
}

static SdPlan *
insert_plan (Fixture *fixture,
             int      year)
{
  g_autoptr(GError) error = NULL;
  SdPlan *plan;

  plan = sd_store_insert (fixture->store, SD_TYPE_PLAN, &error,
                          "year", year,
                          "goal", "实现核心商业秘密零泄露",
                          "policy", "预防为主，严格管理，全面监控，持续改进",
                          NULL);
  g_assert_no_error (error);
  g_assert_true (SD_IS_PLAN (plan));

  return plan;
}

static SdPlanTask *
insert_task (Fixture    *fixture,
             SdPlan     *plan,
             const char *title,
             int         start_month,
             int         end_month,
             const char *status,
             int         progress)
{
  g_autoptr(GError) error = NULL;
  SdPlanTask *task;

  task = sd_store_insert (fixture->store, SD_TYPE_PLAN_TASK, &error,
                          "plan-id", (gint64) sd_item_get_id (SD_ITEM (plan)),
                          "title", title,
                          "start-month", start_month,
                          "end-month", end_month,
                          "status", status,
                          "progress", progress,
                          NULL);
  g_assert_no_error (error);
  g_assert_true (SD_IS_PLAN_TASK (task));

  return task;
}

static SdInspection *
insert_inspection (Fixture *fixture,
                   SdPlan  *plan)
{
  g_autoptr(GError) error = NULL;
  SdInspection *inspection;

  inspection = sd_store_insert (fixture->store, SD_TYPE_INSPECTION, &error,
                                "plan-id", (gint64) sd_item_get_id (SD_ITEM (plan)),
                                "kind", "self-check",
                                "title", "上半年保密自查",
                                "date", "2026-06-15",
                                NULL);
  g_assert_no_error (error);
  g_assert_true (SD_IS_INSPECTION (inspection));

  return inspection;
}

static void
insert_finding (Fixture      *fixture,
                SdInspection *inspection,
                const char   *status)
{
  g_autoptr(GError) error = NULL;
  SdFinding *finding;

  finding = sd_store_insert (fixture->store, SD_TYPE_FINDING, &error,
                             "inspection-id", (gint64) sd_item_get_id (SD_ITEM (inspection)),
                             "description", "部分办公终端病毒库未及时更新。",
                             "severity", "medium",
                             "status", status,
                             NULL);
  g_assert_no_error (error);
  g_assert_true (SD_IS_FINDING (finding));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  SdInspection *inspection;

  fixture->dir = g_dir_make_tmp ("test-plan-stats-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (fixture->dir, "plan.db", NULL);
  fixture->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (SD_IS_STORE (fixture->store));

  fixture->plan_2026 = insert_plan (fixture, 2026);
  fixture->plan_2025 = insert_plan (fixture, 2025);
  fixture->plan_2027 = insert_plan (fixture, 2027);

  fixture->done = insert_task (fixture, fixture->plan_2026, "制作保密手册", 1, 3, "done", 100);
  fixture->late = insert_task (fixture, fixture->plan_2026, "建立保密风险数据库", 2, 4,
                               "in-progress", 60);
  fixture->this_month = insert_task (fixture, fixture->plan_2026, "下半年保密监督检查", 11, 11,
                                     "in-progress", 40);
  fixture->cancelled = insert_task (fixture, fixture->plan_2026, "设立保密建议奖", 4, 5,
                                    "cancelled", 0);
  fixture->next_month = insert_task (fixture, fixture->plan_2026, "召开年度保密工作总结会议",
                                     12, 12, "planned", 0);
  fixture->not_started = insert_task (fixture, fixture->plan_2026, "组织保密工作满意度调查",
                                      6, 9, "planned", 0);

  /* Tasks and findings of another plan must not count for the 2026 plan. */
  insert_task (fixture, fixture->plan_2025, "对新入职员工进行专门的保密培训", 1, 12,
               "in-progress", 50);
  insert_task (fixture, fixture->plan_2025, "离职员工签订保密协议", 3, 3, "done", 100);

  inspection = insert_inspection (fixture, fixture->plan_2026);
  insert_finding (fixture, inspection, "open");
  insert_finding (fixture, inspection, "rectifying");
  insert_finding (fixture, inspection, "closed");

  inspection = insert_inspection (fixture, fixture->plan_2025);
  insert_finding (fixture, inspection, "open");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);

  /* The database and whatever journal files SQLite left next to it. */
  dir = g_dir_open (fixture->dir, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_clear_pointer (&fixture->dir, g_free);
}

static void
test_overdue_rules (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GDateTime) november = date (2026, 11, 21);
  g_autoptr(GDateTime) january = date (2026, 1, 1);
  g_autoptr(GDateTime) next_year = date (2027, 1, 2);
  g_autoptr(GDateTime) last_year = date (2025, 12, 31);

  /* Done and cancelled tasks are never overdue. */
  g_assert_false (sd_plan_task_is_overdue (fixture->done, 2026, november));
  g_assert_false (sd_plan_task_is_overdue (fixture->done, 2026, next_year));
  g_assert_false (sd_plan_task_is_overdue (fixture->cancelled, 2026, november));
  g_assert_false (sd_plan_task_is_overdue (fixture->cancelled, 2026, next_year));

  /* Past its end month, in progress or not started. */
  g_assert_true (sd_plan_task_is_overdue (fixture->late, 2026, november));
  g_assert_true (sd_plan_task_is_overdue (fixture->not_started, 2026, november));

  /* A task is due until the end of its end month. */
  g_assert_false (sd_plan_task_is_overdue (fixture->this_month, 2026, november));
  g_assert_false (sd_plan_task_is_overdue (fixture->next_month, 2026, november));

  /* Early in the year nothing can be late yet. */
  g_assert_false (sd_plan_task_is_overdue (fixture->late, 2026, january));

  /* Once the plan's year is over, every open task is overdue... */
  g_assert_true (sd_plan_task_is_overdue (fixture->this_month, 2026, next_year));
  g_assert_true (sd_plan_task_is_overdue (fixture->next_month, 2026, next_year));

  /* ...and before it starts, none is. */
  g_assert_false (sd_plan_task_is_overdue (fixture->late, 2026, last_year));
}

static void
test_compute (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GDateTime) today = date (2026, 11, 21);
  SdPlanStats stats;

  sd_plan_stats_compute (fixture->store, fixture->plan_2026, today, &stats);
  g_assert_cmpuint (stats.n_tasks, ==, 5);
  g_assert_cmpuint (stats.n_done, ==, 1);
  g_assert_cmpuint (stats.n_in_progress, ==, 2);
  g_assert_cmpuint (stats.n_planned, ==, 2);
  g_assert_cmpuint (stats.n_cancelled, ==, 1);
  g_assert_cmpuint (stats.n_overdue, ==, 2);
  g_assert_cmpuint (stats.n_findings, ==, 3);
  g_assert_cmpuint (stats.n_open_findings, ==, 2);

  sd_plan_stats_compute (fixture->store, fixture->plan_2025, today, &stats);
  g_assert_cmpuint (stats.n_tasks, ==, 2);
  g_assert_cmpuint (stats.n_done, ==, 1);
  g_assert_cmpuint (stats.n_overdue, ==, 1);
  g_assert_cmpuint (stats.n_findings, ==, 1);
  g_assert_cmpuint (stats.n_open_findings, ==, 1);

  sd_plan_stats_compute (fixture->store, fixture->plan_2027, today, &stats);
  g_assert_cmpuint (stats.n_tasks, ==, 0);
  g_assert_cmpuint (stats.n_overdue, ==, 0);
  g_assert_cmpuint (stats.n_findings, ==, 0);
}

static void
test_compute_after_year_end (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GDateTime) today = date (2027, 2, 1);
  SdPlanStats stats;

  sd_plan_stats_compute (fixture->store, fixture->plan_2026, today, &stats);
  g_assert_cmpuint (stats.n_tasks, ==, 5);
  g_assert_cmpuint (stats.n_overdue, ==, 4);
}

static void
test_compute_follows_edits (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GDateTime) today = date (2026, 11, 21);
  g_autoptr(GError) error = NULL;
  SdPlanStats stats;

  g_assert_true (sd_store_update (fixture->store, fixture->late, &error,
                                  "status", "done",
                                  "progress", 100,
                                  NULL));
  g_assert_no_error (error);

  sd_plan_stats_compute (fixture->store, fixture->plan_2026, today, &stats);
  g_assert_cmpuint (stats.n_tasks, ==, 5);
  g_assert_cmpuint (stats.n_done, ==, 2);
  g_assert_cmpuint (stats.n_in_progress, ==, 1);
  g_assert_cmpuint (stats.n_overdue, ==, 1);

  /* Cancelling a task takes it out of the total. */
  g_assert_true (sd_store_update (fixture->store, fixture->not_started, &error,
                                  "status", "cancelled",
                                  NULL));
  g_assert_no_error (error);

  sd_plan_stats_compute (fixture->store, fixture->plan_2026, today, &stats);
  g_assert_cmpuint (stats.n_tasks, ==, 4);
  g_assert_cmpuint (stats.n_cancelled, ==, 2);
  g_assert_cmpuint (stats.n_overdue, ==, 0);

  g_assert_true (sd_store_delete (fixture->store, fixture->done, &error));
  g_assert_no_error (error);

  sd_plan_stats_compute (fixture->store, fixture->plan_2026, today, &stats);
  g_assert_cmpuint (stats.n_tasks, ==, 3);
  g_assert_cmpuint (stats.n_done, ==, 1);
}

static void
test_default_plan (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GListModel *plans = sd_store_get_items (fixture->store, SD_TYPE_PLAN);
  g_autoptr(GListStore) empty = g_list_store_new (SD_TYPE_PLAN);
  g_autoptr(GDateTime) this_year = date (2026, 11, 21);
  g_autoptr(GDateTime) later = date (2031, 3, 1);
  g_autoptr(GDateTime) earlier = date (2019, 3, 1);

  /* The plan of the current year... */
  g_assert_true (sd_plan_stats_default_plan (plans, this_year) == fixture->plan_2026);

  /* ...else the latest plan, whether today is before or after it. */
  g_assert_true (sd_plan_stats_default_plan (plans, later) == fixture->plan_2027);
  g_assert_true (sd_plan_stats_default_plan (plans, earlier) == fixture->plan_2027);

  g_assert_null (sd_plan_stats_default_plan (G_LIST_MODEL (empty), this_year));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/plan-stats/overdue-rules", test_overdue_rules);
  ADD ("/plan-stats/compute", test_compute);
  ADD ("/plan-stats/compute-after-year-end", test_compute_after_year_end);
  ADD ("/plan-stats/compute-follows-edits", test_compute_follows_edits);
  ADD ("/plan-stats/default-plan", test_default_plan);

#undef ADD

  return g_test_run ();
}
