/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "test-plan-stats"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>

#include "sd-commitment.h"
#include "sd-finding.h"
#include "sd-inspection.h"
#include "sd-person.h"
#include "sd-plan-stats.h"
#include "sd-store.h"
#include "sd-training.h"
#include "sd-training-attendance.h"

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

static GDateTime *
date_time (int year,
           int month,
           int day,
           int hour,
           int minute)
{
  return g_date_time_new_local (year, month, day, hour, minute, 0);
}

static SdPlanTask *
insert_dated_task (Fixture    *fixture,
                   SdPlan     *plan,
                   int         start_month,
                   int         end_month,
                   const char *end_date)
{
  g_autoptr(GError) error = NULL;
  SdPlanTask *task;

  task = sd_store_insert (fixture->store, SD_TYPE_PLAN_TASK, &error,
                          "plan-id", (gint64) sd_item_get_id (SD_ITEM (plan)),
                          "title", "数据备份与恢复演练",
                          "start-month", start_month,
                          "end-month", end_month,
                          "end-date", end_date,
                          "status", "in-progress",
                          NULL);
  g_assert_no_error (error);
  g_assert_true (SD_IS_PLAN_TASK (task));

  return task;
}

typedef struct
{
  SdPlanTask *task;
  int         plan_year;
  int         year, month, day, hour, minute;
  gboolean    overdue;
} OverdueCase;

static void
test_overdue_edges (Fixture       *fixture,
                    gconstpointer  user_data)
{
  SdPlanTask *december = fixture->next_month;
  SdPlanTask *january_2027;
  SdPlanTask *exact;
  OverdueCase cases[8];
  guint n = 0;

  january_2027 = insert_task (fixture, fixture->plan_2027, "制作保密检查清单", 1, 1, "planned", 0);
  exact = insert_dated_task (fixture, fixture->plan_2026, 11, 11, "2026-11-15");

#define CASE(t, py, y, m, d, h, min, o) \
  cases[n++] = (OverdueCase) { t, py, y, m, d, h, min, o }

  /* The end month is due to its last minute; the next day it is late. */
  CASE (fixture->this_month, 2026, 2026, 11, 30, 23, 59, FALSE);
  CASE (fixture->this_month, 2026, 2026, 12, 1, 0, 0, TRUE);
  /* December runs to the year's end; the 1st of January is the next year. */
  CASE (december, 2026, 2026, 12, 31, 23, 59, FALSE);
  CASE (december, 2026, 2027, 1, 1, 0, 0, TRUE);
  /* A plan of a future year is not late, even for its January. */
  CASE (january_2027, 2027, 2026, 12, 31, 23, 59, FALSE);
  CASE (january_2027, 2027, 2027, 2, 1, 0, 0, TRUE);
  /* An exact end date is due to the end of its day, within its month. */
  CASE (exact, 2026, 2026, 11, 15, 23, 59, FALSE);
  CASE (exact, 2026, 2026, 11, 16, 0, 0, TRUE);
#undef CASE

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) today = date_time (cases[i].year, cases[i].month, cases[i].day,
                                              cases[i].hour, cases[i].minute);

      g_test_message ("case %u", i);
      g_assert_cmpint (sd_plan_task_is_overdue (cases[i].task, cases[i].plan_year, today),
                       ==, cases[i].overdue);
    }

  /* A past year's open tasks stay late; done and cancelled ones never are. */
  {
    g_autoptr(GDateTime) years_later = date (2030, 6, 1);
    g_autoptr(GDateTime) november = date (2026, 11, 21);
    g_autoptr(GDateTime) day_before = date (2026, 11, 14);

    g_assert_true (sd_plan_task_is_overdue (fixture->not_started, 2026, years_later));
    g_assert_true (sd_plan_task_is_overdue (exact, 2026, years_later));
    g_assert_false (sd_plan_task_is_overdue (fixture->done, 2026, years_later));
    g_assert_false (sd_plan_task_is_overdue (fixture->cancelled, 2026, years_later));
    /* Before its date an exact task is due, whatever the month says. */
    g_assert_false (sd_plan_task_is_overdue (exact, 2026, day_before));
    g_assert_true (sd_plan_task_is_overdue (exact, 2026, november));
  }
}

static SdFinding *
insert_finding_due (Fixture      *fixture,
                    SdInspection *inspection,
                    const char   *status,
                    const char   *deadline)
{
  g_autoptr(GError) error = NULL;
  SdFinding *finding;

  finding = sd_store_insert (fixture->store, SD_TYPE_FINDING, &error,
                             "inspection-id", (gint64) sd_item_get_id (SD_ITEM (inspection)),
                             "description", "安全审计日志保存期限不足6个月。",
                             "status", status,
                             "deadline", deadline,
                             NULL);
  g_assert_no_error (error);
  g_assert_true (SD_IS_FINDING (finding));
  return finding;
}

static void
test_finding_overdue (Fixture       *fixture,
                      gconstpointer  user_data)
{
  SdInspection *inspection = insert_inspection (fixture, fixture->plan_2026);
  g_autoptr(GDateTime) today = date_time (2026, 11, 21, 0, 0);
  g_autoptr(GDateTime) late_today = date_time (2026, 11, 21, 23, 59);
  g_autoptr(GDateTime) new_year = date (2026, 1, 1);
  g_autoptr(GDateTime) far = date (2040, 1, 1);

  /* Deadline yesterday: overdue until closed, whether rectifying or not. */
  g_assert_true (sd_finding_is_overdue (insert_finding_due (fixture, inspection, "open",
                                                            "2026-11-20"), today));
  g_assert_true (sd_finding_is_overdue (insert_finding_due (fixture, inspection, "rectifying",
                                                            "2026-11-20"), today));
  g_assert_false (sd_finding_is_overdue (insert_finding_due (fixture, inspection, "closed",
                                                             "2026-11-20"), today));
  /* Deadline today: still in time, to the end of the day. */
  g_assert_false (sd_finding_is_overdue (insert_finding_due (fixture, inspection, "open",
                                                             "2026-11-21"), late_today));
  /* Last year's deadline, across the year's end. */
  g_assert_true (sd_finding_is_overdue (insert_finding_due (fixture, inspection, "open",
                                                            "2025-12-31"),
                                        new_year));
  /* No deadline, or one that is not a date: never overdue. */
  g_assert_false (sd_finding_is_overdue (insert_finding_due (fixture, inspection, "open", NULL),
                                         far));
  g_assert_false (sd_finding_is_overdue (insert_finding_due (fixture, inspection, "open",
                                                             "2026-02-30"),
                                         far));
}

static void
test_ratio_and_percent (void)
{
  g_autofree char *ratio = sd_plan_stats_format_ratio (7, 12);
  g_autofree char *none = sd_plan_stats_format_ratio (0, 0);

  g_assert_cmpstr (ratio, ==, "7/12");
  g_assert_cmpstr (none, ==, "0/0");
  g_assert_cmpuint (sd_plan_stats_percent (0, 0), ==, 100);
  g_assert_cmpuint (sd_plan_stats_percent (5, 8), ==, 62);
  /* Rounded down: 99.9 % has not reached a KPI of 100 %. */
  g_assert_cmpuint (sd_plan_stats_percent (999, 1000), ==, 99);
  g_assert_cmpuint (sd_plan_stats_percent (8, 8), ==, SD_PLAN_KPI_TRAINING);
}

static gint64
id_of (gpointer item)
{
  return sd_item_get_id (SD_ITEM (item));
}

/* A plan built with known counts: the summary must give exactly them. */
static void
test_summary (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = date (2030, 6, 15);
  g_autofree char *tasks_ratio = NULL;
  g_autofree char *findings_ratio = NULL;
  SdPlan *plan = insert_plan (fixture, 2030);
  SdPlan *other = insert_plan (fixture, 2029);
  SdPerson *people[10];
  SdTraining *trainings[3];
  SdInspection *inspection;
  SdPlanStats stats;
  /* Twelve tasks that count, seven of them done; and one cancelled. */
  static const struct { int start, end; const char *status; } tasks[] = {
    { 1, 2, "done" }, { 1, 3, "done" }, { 2, 2, "done" }, { 3, 5, "done" },
    { 4, 4, "done" }, { 6, 6, "done" }, { 9, 12, "done" },
    { 1, 5, "in-progress" },   /* overdue in June */
    { 3, 4, "planned" },       /* overdue */
    { 6, 6, "in-progress" },   /* due this month */
    { 7, 9, "planned" },
    { 10, 12, "in-progress" },
    { 2, 3, "cancelled" },     /* neither counted nor overdue */
  };
  /* Who attended which training (-1 ends a list): 0–3 attended a training
   * of the plan (1 twice), 8 is inactive, 4 attended only the other
   * plan's. */
  static const int attendance[3][5] = {
    { 0, 1, 2, 8, -1 },
    { 1, 3, -1 },
    { 4, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autofree char *name = g_strdup_printf ("员工%u", i + 1);

      /* People 9 and 10 (indices 8, 9) have left. */
      people[i] = sd_store_insert (fixture->store, SD_TYPE_PERSON, &error,
                                   "name", name,
                                   "full-time", TRUE,
                                   "active", i < 8,
                                   NULL);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (tasks); i++)
    insert_task (fixture, plan, "保密工作任务", tasks[i].start, tasks[i].end, tasks[i].status,
                 g_str_equal (tasks[i].status, "done") ? 100 : 0);
  insert_task (fixture, other, "上一年度的任务", 1, 1, "planned", 0);

  for (guint i = 0; i < G_N_ELEMENTS (trainings); i++)
    {
      trainings[i] = sd_store_insert (fixture->store, SD_TYPE_TRAINING, &error,
                                      "plan-id", id_of (i < 2 ? plan : other),
                                      "date", i < 2 ? "2030-03-20" : "2029-03-20",
                                      "topic", "保密法律法规及公司保密政策解读",
                                      NULL);
      g_assert_no_error (error);
      for (guint j = 0; attendance[i][j] >= 0; j++)
        {
          sd_store_insert (fixture->store, SD_TYPE_TRAINING_ATTENDANCE, &error,
                           "training-id", id_of (trainings[i]),
                           "person-id", id_of (people[attendance[i][j]]),
                           NULL);
          g_assert_no_error (error);
        }
    }

  /* Commitment letters for 2030: 0, 1, 2, 4, 5 and the inactive 9; for
   * 2029: 6, which does not count for 2030. */
  {
    static const struct { int person, year; } letters[] = {
      { 0, 2030 }, { 1, 2030 }, { 2, 2030 }, { 4, 2030 }, { 5, 2030 }, { 9, 2030 }, { 6, 2029 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (letters); i++)
      {
        sd_store_insert (fixture->store, SD_TYPE_COMMITMENT, &error,
                         "person-id", id_of (people[letters[i].person]),
                         "year", letters[i].year,
                         "signed-on", "2030-02-01",
                         NULL);
        g_assert_no_error (error);
      }
  }

  /* Five findings: two closed (one of them past its deadline), one open
   * past its deadline, one being rectified in time, one without one. */
  inspection = sd_store_insert (fixture->store, SD_TYPE_INSPECTION, &error,
                                "plan-id", id_of (plan),
                                "kind", "spot-check",
                                "date", "2030-04-10",
                                NULL);
  g_assert_no_error (error);
  insert_finding_due (fixture, inspection, "closed", "2030-05-01");
  insert_finding_due (fixture, inspection, "closed", "2030-07-01");
  insert_finding_due (fixture, inspection, "open", "2030-06-14");
  insert_finding_due (fixture, inspection, "rectifying", "2030-06-15");
  insert_finding_due (fixture, inspection, "open", NULL);

  sd_plan_stats_compute (fixture->store, plan, today, &stats);
  g_assert_cmpuint (stats.n_tasks, ==, 12);
  g_assert_cmpuint (stats.n_done, ==, 7);
  g_assert_cmpuint (stats.n_in_progress, ==, 3);
  g_assert_cmpuint (stats.n_planned, ==, 2);
  g_assert_cmpuint (stats.n_cancelled, ==, 1);
  g_assert_cmpuint (stats.n_overdue, ==, 2);
  g_assert_cmpuint (stats.n_findings, ==, 5);
  g_assert_cmpuint (stats.n_open_findings, ==, 3);
  g_assert_cmpuint (stats.n_closed_findings, ==, 2);
  g_assert_cmpuint (stats.n_overdue_findings, ==, 1);
  g_assert_cmpuint (stats.n_active_people, ==, 8);
  g_assert_cmpuint (stats.n_trained, ==, 4);
  g_assert_cmpuint (stats.n_committed, ==, 5);

  tasks_ratio = sd_plan_stats_format_ratio (stats.n_done, stats.n_tasks);
  findings_ratio = sd_plan_stats_format_ratio (stats.n_closed_findings, stats.n_findings);
  g_assert_cmpstr (tasks_ratio, ==, "7/12");
  g_assert_cmpstr (findings_ratio, ==, "2/5");
  g_assert_cmpuint (sd_plan_stats_percent (stats.n_trained, stats.n_active_people), ==, 50);
  g_assert_cmpuint (sd_plan_stats_percent (stats.n_committed, stats.n_active_people), ==, 62);

  /* A person who leaves drops out of the staff and of the coverage. */
  g_assert_true (sd_store_update (fixture->store, people[0], &error, "active", FALSE, NULL));
  g_assert_no_error (error);
  sd_plan_stats_compute (fixture->store, plan, today, &stats);
  g_assert_cmpuint (stats.n_active_people, ==, 7);
  g_assert_cmpuint (stats.n_trained, ==, 3);
  g_assert_cmpuint (stats.n_committed, ==, 4);

  /* The other plan: its own training, its year's letter. */
  sd_plan_stats_compute (fixture->store, other, today, &stats);
  g_assert_cmpuint (stats.n_tasks, ==, 1);
  g_assert_cmpuint (stats.n_overdue, ==, 1);
  g_assert_cmpuint (stats.n_findings, ==, 0);
  g_assert_cmpuint (stats.n_trained, ==, 1);
  g_assert_cmpuint (stats.n_committed, ==, 1);
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
  ADD ("/plan-stats/overdue-edges", test_overdue_edges);
  ADD ("/plan-stats/finding-overdue", test_finding_overdue);
  ADD ("/plan-stats/summary", test_summary);
  g_test_add_func ("/plan-stats/ratio-and-percent", test_ratio_and_percent);

#undef ADD

  return g_test_run ();
}
