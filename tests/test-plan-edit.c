/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "test-plan-edit"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>

#include "sd-decision.h"
#include "sd-meeting.h"
#include "sd-person.h"
#include "sd-plan-edit.h"
#include "sd-store.h"
#include "sd-unit.h"

typedef struct
{
  char    *dir;
  SdStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("test-plan-edit-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "plan.db", NULL);
  fixture->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (SD_IS_STORE (fixture->store));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
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

static gint64
id_of (gpointer item)
{
  return item != NULL ? sd_item_get_id (SD_ITEM (item)) : 0;
}

static guint
count (Fixture *fixture,
       GType    type)
{
  return g_list_model_get_n_items (sd_store_get_items (fixture->store, type));
}

static guint
count_audit (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sd_store_get_audit_entries (fixture->store, NULL, 0, &error);

  g_assert_no_error (error);
  return entries->len;
}

static int
by_position (gconstpointer a,
             gconstpointer b)
{
  GObject *x = *(GObject **) a;
  GObject *y = *(GObject **) b;
  int px, py;

  g_object_get (x, "position", &px, NULL);
  g_object_get (y, "position", &py, NULL);
  if (px != py)
    return px < py ? -1 : 1;
  return id_of (x) < id_of (y) ? -1 : id_of (x) > id_of (y);
}

/* The items of @type whose @property (an id) is @id, in (position, id)
 * order when @sorted (transfer container). */
static GPtrArray *
items_where (Fixture    *fixture,
             GType       type,
             const char *property,
             gint64      id,
             gboolean    sorted)
{
  GListModel *model = sd_store_get_items (fixture->store, type);
  GPtrArray *items = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      gint64 value;

      g_object_get (item, property, &value, NULL);
      if (value == id)
        g_ptr_array_add (items, item);
    }
  if (sorted)
    g_ptr_array_sort (items, by_position);
  return items;
}

static SdPlan *
plan_of_year (Fixture *fixture,
              int      year)
{
  GListModel *plans = sd_store_get_items (fixture->store, SD_TYPE_PLAN);

  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(SdPlan) plan = g_list_model_get_item (plans, i);

      if (sd_plan_get_year (plan) == year)
        return plan;
    }
  return NULL;
}

static void
test_stream_kinds (void)
{
  static const char * const codes[] = {
    "publicity-training", "rules", "responsibility", "risk-assessment", "inspection",
    "technical", "emergency",
  };
  SdPlanStreamKind kind;

  g_assert_cmpuint (G_N_ELEMENTS (codes), ==, SD_N_PLAN_STREAMS);
  for (guint i = 0; i < SD_N_PLAN_STREAMS; i++)
    {
      g_assert_cmpstr (sd_plan_stream_kind_to_code (i), ==, codes[i]);
      g_assert_true (sd_plan_stream_kind_from_code (codes[i], &kind));
      g_assert_cmpint (kind, ==, i);
    }
  g_assert_true (sd_plan_stream_kind_from_code ("Risk_Assessment", &kind));
  g_assert_cmpint (kind, ==, SD_PLAN_STREAM_RISK_ASSESSMENT);
  g_assert_false (sd_plan_stream_kind_from_code ("bananas", &kind));
  g_assert_false (sd_plan_stream_kind_from_code ("", &kind));

  /* The tests run untranslated. */
  g_assert_cmpstr (sd_plan_stream_kind_label (SD_PLAN_STREAM_PUBLICITY_TRAINING), ==,
                   "Publicity and Training");
  g_assert_cmpstr (sd_plan_stream_kind_label (SD_PLAN_STREAM_EMERGENCY), ==, "Emergency Plans");
}

static void
test_create (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) streams = NULL;
  SdPlan *plan;
  guint audit;

  plan = sd_plan_create (fixture->store, 2027, &error);
  g_assert_no_error (error);
  g_assert_true (SD_IS_PLAN (plan));
  g_assert_cmpint (sd_plan_get_year (plan), ==, 2027);
  g_assert_null (sd_plan_get_goal (plan));
  g_assert_null (sd_plan_get_policy (plan));

  /* The seven streams, in order, under their (here untranslated) names. */
  streams = items_where (fixture, SD_TYPE_PLAN_STREAM, "plan-id", id_of (plan), TRUE);
  g_assert_cmpuint (streams->len, ==, SD_N_PLAN_STREAMS);
  for (guint i = 0; i < streams->len; i++)
    {
      g_assert_cmpstr (sd_plan_stream_get_name (streams->pdata[i]), ==,
                       sd_plan_stream_kind_label (i));
      g_assert_cmpint (sd_plan_stream_get_position (streams->pdata[i]), ==, i);
      g_assert_true (sd_plan_find_stream (fixture->store, plan, sd_plan_stream_kind_to_code (i))
                     == streams->pdata[i]);
    }
  g_assert_true (sd_plan_find_stream (fixture->store, plan, "Technical Means") ==
                 streams->pdata[SD_PLAN_STREAM_TECHNICAL]);
  /* The seed's Chinese name finds the English stream too. */
  g_assert_true (sd_plan_find_stream (fixture->store, plan, "监督检查") ==
                 streams->pdata[SD_PLAN_STREAM_INSPECTION]);
  g_assert_null (sd_plan_find_stream (fixture->store, plan, "bananas"));
  g_assert_null (sd_plan_find_stream (fixture->store, plan, ""));

  /* One plan per year: a second one is refused, and nothing is written. */
  audit = count_audit (fixture);
  g_assert_null (sd_plan_create (fixture->store, 2027, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_assert_cmpuint (count_audit (fixture), ==, audit);
  g_assert_cmpuint (count (fixture, SD_TYPE_PLAN), ==, 1);
  g_assert_cmpuint (count (fixture, SD_TYPE_PLAN_STREAM), ==, SD_N_PLAN_STREAMS);
}

/* A plan made like the demo's: Chinese stream names, one renamed, one
 * moved. */
static void
test_find_stream (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  static const char * const names[] = {
    "宣传培训", "制度建设与修订", "责任落实", "风险评估", "监督检查", "技术手段", "应急预案",
  };
  SdPlanStream *streams[G_N_ELEMENTS (names)];
  SdPlan *plan;

  plan = sd_store_insert (fixture->store, SD_TYPE_PLAN, &error, "year", 2026, NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      /* The emergency plans come first in this plan. */
      streams[i] = sd_store_insert (fixture->store, SD_TYPE_PLAN_STREAM, &error,
                                    "plan-id", id_of (plan),
                                    "name", names[i],
                                    "position", i == SD_PLAN_STREAM_EMERGENCY ? -1 : (int) i,
                                    NULL);
      g_assert_no_error (error);
    }

  /* By its default name, wherever it stands. */
  g_assert_true (sd_plan_find_stream (fixture->store, plan, "emergency") ==
                 streams[SD_PLAN_STREAM_EMERGENCY]);
  g_assert_true (sd_plan_find_stream (fixture->store, plan, "Emergency Plans") ==
                 streams[SD_PLAN_STREAM_EMERGENCY]);
  g_assert_true (sd_plan_find_stream (fixture->store, plan, "publicity-training") ==
                 streams[SD_PLAN_STREAM_PUBLICITY_TRAINING]);
  /* A renamed stream by its own name; by its code only while it stands
   * in its kind's place, which here the moved stream has shifted. */
  g_assert_true (sd_plan_find_stream (fixture->store, plan, "制度建设与修订") ==
                 streams[SD_PLAN_STREAM_RULES]);
  g_assert_null (sd_plan_find_stream (fixture->store, plan, "制度建设"));
  g_assert_null (sd_plan_find_stream (fixture->store, plan, "rules"));

  /* Renamed in place, with nothing moved: the code finds it by place. */
  g_assert_true (sd_store_update (fixture->store, streams[SD_PLAN_STREAM_EMERGENCY], &error,
                                  "position", (int) SD_PLAN_STREAM_EMERGENCY, NULL));
  g_assert_no_error (error);
  g_assert_true (sd_plan_find_stream (fixture->store, plan, "rules") ==
                 streams[SD_PLAN_STREAM_RULES]);
  g_assert_true (sd_plan_find_stream (fixture->store, plan, "制度建设") ==
                 streams[SD_PLAN_STREAM_RULES]);
}

typedef struct
{
  const char *title;
  int         stream;       /* index into the streams, -1 for none */
  int         start_month;
  int         end_month;
  const char *start_date;
  const char *end_date;
  const char *status;
  int         progress;
  const char *evidence;
  gboolean    carried_over;  /* expected in the copy */
} TaskSpec;

/* The tasks of copy_tasks that a copy keeps: all but the cancelled one. */
#define N_COPIED (G_N_ELEMENTS (copy_tasks) - 1)

static const TaskSpec copy_tasks[] = {
  { "制作保密手册和保密海报", 0, 2, 3, NULL, NULL, "done", 100, "《员工保密手册》", FALSE },
  { "对新入职员工进行专门的保密培训", 0, 1, 12, NULL, NULL, "in-progress", 85, NULL, TRUE },
  { "设立保密建议奖", 1, 4, 5, NULL, NULL, "cancelled", 0, "并入“安全金点子”", FALSE },
  { "闰日开始的检查", 1, 2, 3, "2024-02-29", "2024-03-01", "planned", 0, NULL, TRUE },
  { "年底总结", 2, 12, 12, "2024-12-02", "2024-12-31", "in-progress", 40, "初稿", TRUE },
  { "没有类别的任务", -1, 6, 6, NULL, NULL, "planned", 0, NULL, TRUE },
};

static void
test_copy_to_next_year (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) new_streams = NULL;
  g_autoptr(GPtrArray) new_tasks = NULL;
  static const char * const names[] = { "宣传培训", "制度建设", "自定义工作" };
  SdPlanStream *streams[G_N_ELEMENTS (names)];
  SdPlan *plan, *next;
  SdUnit *unit;
  SdPerson *person;
  guint audit, n_tasks;

  unit = sd_store_insert (fixture->store, SD_TYPE_UNIT, &error,
                          "name", "网络安全管理部", "kind", "department", NULL);
  g_assert_no_error (error);
  person = sd_store_insert (fixture->store, SD_TYPE_PERSON, &error,
                            "name", "赵敏", "unit-id", id_of (unit), "active", TRUE, NULL);
  g_assert_no_error (error);
  plan = sd_store_insert (fixture->store, SD_TYPE_PLAN, &error,
                          "year", 2024,
                          "goal", "实现核心商业秘密零泄露",
                          "policy", "预防为主，严格管理，全面监控，持续改进",
                          NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      streams[i] = sd_store_insert (fixture->store, SD_TYPE_PLAN_STREAM, &error,
                                    "plan-id", id_of (plan), "name", names[i],
                                    "position", (int) (10 * i), NULL);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (copy_tasks); i++)
    {
      const TaskSpec *spec = &copy_tasks[i];

      sd_store_insert (fixture->store, SD_TYPE_PLAN_TASK, &error,
                       "plan-id", id_of (plan),
                       "stream-id", spec->stream >= 0 ? id_of (streams[spec->stream]) : 0,
                       "title", spec->title,
                       "owner-unit-id", id_of (unit),
                       "owner-person-id", i % 2 == 0 ? id_of (person) : (gint64) 0,
                       "start-month", spec->start_month,
                       "end-month", spec->end_month,
                       "start-date", spec->start_date,
                       "end-date", spec->end_date,
                       "status", spec->status,
                       "progress", spec->progress,
                       "evidence", spec->evidence,
                       "position", (int) (G_N_ELEMENTS (copy_tasks) - i),
                       NULL);
      g_assert_no_error (error);
    }
  n_tasks = count (fixture, SD_TYPE_PLAN_TASK);

  next = sd_plan_copy_to_next_year (fixture->store, plan, &error);
  g_assert_no_error (error);
  g_assert_true (SD_IS_PLAN (next));
  g_assert_true (plan_of_year (fixture, 2025) == next);
  g_assert_cmpstr (sd_plan_get_goal (next), ==, "实现核心商业秘密零泄露");
  g_assert_cmpstr (sd_plan_get_policy (next), ==, "预防为主，严格管理，全面监控，持续改进");

  new_streams = items_where (fixture, SD_TYPE_PLAN_STREAM, "plan-id", id_of (next), TRUE);
  g_assert_cmpuint (new_streams->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < new_streams->len; i++)
    {
      g_assert_cmpstr (sd_plan_stream_get_name (new_streams->pdata[i]), ==, names[i]);
      g_assert_cmpint (sd_plan_stream_get_position (new_streams->pdata[i]), ==, 10 * i);
    }

  /* The old plan keeps its tasks; the new one has a copy of each, but
   * of the cancelled one. */
  g_assert_cmpuint (count (fixture, SD_TYPE_PLAN_TASK), ==, n_tasks + N_COPIED);
  new_tasks = items_where (fixture, SD_TYPE_PLAN_TASK, "plan-id", id_of (next), FALSE);
  g_assert_cmpuint (new_tasks->len, ==, N_COPIED);
  for (guint i = 0; i < G_N_ELEMENTS (copy_tasks); i++)
    {
      const TaskSpec *spec = &copy_tasks[i];
      SdPlanTask *task = NULL;
      gint64 stream_id = spec->stream >= 0 ? id_of (new_streams->pdata[spec->stream]) : 0;

      for (guint j = 0; j < new_tasks->len; j++)
        if (g_str_equal (sd_plan_task_get_title (new_tasks->pdata[j]), spec->title))
          task = new_tasks->pdata[j];
      if (g_str_equal (spec->status, "cancelled"))
        {
          g_assert_null (task);
          continue;
        }
      g_assert_nonnull (task);
      g_test_message ("task %s", spec->title);

      g_assert_cmpint (sd_plan_task_get_stream_id (task), ==, stream_id);
      g_assert_cmpint (sd_plan_task_get_owner_unit_id (task), ==, id_of (unit));
      g_assert_cmpint (sd_plan_task_get_owner_person_id (task), ==,
                       i % 2 == 0 ? id_of (person) : 0);
      g_assert_cmpint (sd_plan_task_get_start_month (task), ==, spec->start_month);
      g_assert_cmpint (sd_plan_task_get_end_month (task), ==, spec->end_month);
      g_assert_cmpstr (sd_plan_task_get_status (task), ==, "planned");
      g_assert_cmpint (sd_plan_task_get_progress (task), ==, 0);
      g_assert_null (sd_plan_task_get_evidence (task));
      g_assert_cmpint (sd_plan_task_get_carried_over (task), ==, spec->carried_over);
      g_assert_cmpint (sd_plan_task_get_position (task), ==, G_N_ELEMENTS (copy_tasks) - i);
    }

  /* Exact dates move one year on; 2025 has no 29 February. */
  for (guint j = 0; j < new_tasks->len; j++)
    {
      SdPlanTask *task = new_tasks->pdata[j];
      const char *title = sd_plan_task_get_title (task);

      if (g_str_equal (title, "闰日开始的检查"))
        {
          g_assert_cmpstr (sd_plan_task_get_start_date (task), ==, "2025-02-28");
          g_assert_cmpstr (sd_plan_task_get_end_date (task), ==, "2025-03-01");
        }
      else if (g_str_equal (title, "年底总结"))
        {
          g_assert_cmpstr (sd_plan_task_get_start_date (task), ==, "2025-12-02");
          g_assert_cmpstr (sd_plan_task_get_end_date (task), ==, "2025-12-31");
        }
      else
        {
          g_assert_null (sd_plan_task_get_start_date (task));
          g_assert_null (sd_plan_task_get_end_date (task));
        }
    }

  /* 2025 has a plan now: copying 2024 again is refused, and writes
   * nothing. */
  audit = count_audit (fixture);
  g_assert_null (sd_plan_copy_to_next_year (fixture->store, plan, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpuint (count_audit (fixture), ==, audit);
  g_assert_cmpuint (count (fixture, SD_TYPE_PLAN), ==, 2);
  g_assert_cmpuint (count (fixture, SD_TYPE_PLAN_TASK), ==, n_tasks + N_COPIED);

  /* The copy itself goes on to 2026: its unfinished tasks are the ones
   * carried over again, all of them, since none is done. */
  next = sd_plan_copy_to_next_year (fixture->store, next, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sd_plan_get_year (next), ==, 2026);
  {
    g_autoptr(GPtrArray) tasks = items_where (fixture, SD_TYPE_PLAN_TASK, "plan-id",
                                              id_of (next), FALSE);

    g_assert_cmpuint (tasks->len, ==, N_COPIED);
    for (guint j = 0; j < tasks->len; j++)
      {
        g_assert_true (sd_plan_task_get_carried_over (tasks->pdata[j]));
        if (g_str_equal (sd_plan_task_get_title (tasks->pdata[j]), "闰日开始的检查"))
          g_assert_cmpstr (sd_plan_task_get_start_date (tasks->pdata[j]), ==, "2026-02-28");
      }
  }
}

static SdDecision *
insert_decision (Fixture    *fixture,
                 SdMeeting  *meeting,
                 const char *text)
{
  g_autoptr(GError) error = NULL;
  SdDecision *decision = sd_store_insert (fixture->store, SD_TYPE_DECISION, &error,
                                          "meeting-id", id_of (meeting),
                                          "text", text,
                                          NULL);

  g_assert_no_error (error);
  return decision;
}

static void
test_decision_task (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  SdPlan *plan, *other;
  SdPlanStream *stream, *foreign;
  SdMeeting *meeting;
  SdDecision *decision, *loose, *misplaced;
  SdPlanTask *task, *first;
  guint audit, n_tasks;

  plan = sd_plan_create (fixture->store, 2026, &error);
  g_assert_no_error (error);
  other = sd_plan_create (fixture->store, 2027, &error);
  g_assert_no_error (error);
  stream = sd_plan_find_stream (fixture->store, plan, "inspection");
  foreign = sd_plan_find_stream (fixture->store, other, "inspection");
  g_assert_nonnull (stream);

  first = sd_store_insert (fixture->store, SD_TYPE_PLAN_TASK, &error,
                           "plan-id", id_of (plan), "stream-id", id_of (stream),
                           "title", "下半年保密监督检查", "start-month", 11, "end-month", 11,
                           "position", 4, NULL);
  g_assert_no_error (error);

  meeting = sd_store_insert (fixture->store, SD_TYPE_MEETING, &error,
                             "plan-id", id_of (plan),
                             "date", "2026-06-26",
                             "kind", "quarterly-review",
                             NULL);
  g_assert_no_error (error);
  decision = insert_decision (fixture, meeting, "保密知识纳入晋升考核，由人力资源部加快推进");
  loose = insert_decision (fixture, meeting, "建立保密工作群");
  misplaced = insert_decision (fixture, meeting, "评估跨部门协作的保密工作效果");

  task = sd_decision_make_task (fixture->store, decision, stream, 7, 9, &error);
  g_assert_no_error (error);
  g_assert_true (SD_IS_PLAN_TASK (task));
  g_assert_cmpstr (sd_plan_task_get_title (task), ==, sd_decision_get_text (decision));
  g_assert_cmpint (sd_plan_task_get_plan_id (task), ==, id_of (plan));
  g_assert_cmpint (sd_plan_task_get_stream_id (task), ==, id_of (stream));
  g_assert_cmpint (sd_plan_task_get_start_month (task), ==, 7);
  g_assert_cmpint (sd_plan_task_get_end_month (task), ==, 9);
  g_assert_cmpstr (sd_plan_task_get_status (task), ==, "planned");
  g_assert_cmpint (sd_plan_task_get_progress (task), ==, 0);
  g_assert_false (sd_plan_task_get_carried_over (task));
  /* Last in its stream. */
  g_assert_cmpint (sd_plan_task_get_position (task), >, sd_plan_task_get_position (first));
  g_assert_cmpint (sd_decision_get_task_id (decision), ==, id_of (task));

  /* Twice is refused, as are a stream of another plan and impossible
   * months; none of them writes anything. */
  audit = count_audit (fixture);
  n_tasks = count (fixture, SD_TYPE_PLAN_TASK);
  g_assert_null (sd_decision_make_task (fixture->store, decision, stream, 7, 9, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_null (sd_decision_make_task (fixture->store, misplaced, foreign, 1, 2, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_null (sd_decision_make_task (fixture->store, misplaced, stream, 9, 7, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_null (sd_decision_make_task (fixture->store, misplaced, stream, 0, 13, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpuint (count_audit (fixture), ==, audit);
  g_assert_cmpuint (count (fixture, SD_TYPE_PLAN_TASK), ==, n_tasks);
  g_assert_cmpint (sd_decision_get_task_id (decision), ==, id_of (task));
  g_assert_cmpint (sd_decision_get_task_id (misplaced), ==, 0);

  /* Without a stream. */
  task = sd_decision_make_task (fixture->store, loose, NULL, 5, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sd_plan_task_get_stream_id (task), ==, 0);
  g_assert_cmpint (sd_plan_task_get_plan_id (task), ==, id_of (plan));
  g_assert_cmpint (sd_decision_get_task_id (loose), ==, id_of (task));

  /* Once its task is deleted, a decision may become a task again. */
  g_assert_true (sd_store_delete (fixture->store, task, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sd_decision_get_task_id (loose), ==, 0);
  task = sd_decision_make_task (fixture->store, loose, NULL, 6, 6, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sd_decision_get_task_id (loose), ==, id_of (task));
}

static SdPlanTask *
insert_task_at (Fixture      *fixture,
                SdPlan       *plan,
                SdPlanStream *stream,
                const char   *title,
                int           position)
{
  g_autoptr(GError) error = NULL;
  SdPlanTask *task = sd_store_insert (fixture->store, SD_TYPE_PLAN_TASK, &error,
                                      "plan-id", id_of (plan),
                                      "stream-id", id_of (stream),
                                      "title", title,
                                      "start-month", 1,
                                      "end-month", 2,
                                      "position", position,
                                      NULL);

  g_assert_no_error (error);
  return task;
}

/* The titles of the tasks of @stream in their order, "/"-separated. */
static char *
order_of (Fixture      *fixture,
          SdPlan       *plan,
          SdPlanStream *stream)
{
  g_autoptr(GPtrArray) tasks = items_where (fixture, SD_TYPE_PLAN_TASK, "stream-id",
                                            id_of (stream), TRUE);
  g_autoptr(GString) order = g_string_new (NULL);

  for (guint i = 0; i < tasks->len; i++)
    {
      if (sd_plan_task_get_plan_id (tasks->pdata[i]) != id_of (plan))
        continue;
      if (order->len > 0)
        g_string_append_c (order, '/');
      g_string_append (order, sd_plan_task_get_title (tasks->pdata[i]));
    }
  return g_string_free (g_steal_pointer (&order), FALSE);
}

static void
test_task_move (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  SdPlan *plan;
  SdPlanStream *rules, *training;
  SdPlanTask *a, *b, *c, *other;
  char *order;
  guint audit;

  plan = sd_plan_create (fixture->store, 2026, &error);
  g_assert_no_error (error);
  rules = sd_plan_find_stream (fixture->store, plan, "rules");
  training = sd_plan_find_stream (fixture->store, plan, "publicity-training");

  /* Tied positions, as an import or a copy may leave them: (position, id)
   * gives A, B, C. */
  a = insert_task_at (fixture, plan, rules, "A", 0);
  b = insert_task_at (fixture, plan, rules, "B", 0);
  c = insert_task_at (fixture, plan, rules, "C", 0);
  other = insert_task_at (fixture, plan, training, "X", 1);

#define ASSERT_ORDER(stream, expected) \
  order = order_of (fixture, plan, stream); \
  g_assert_cmpstr (order, ==, expected); \
  g_free (order)

  ASSERT_ORDER (rules, "A/B/C");

  g_assert_true (sd_plan_task_move (fixture->store, c, -1, &error));
  g_assert_no_error (error);
  ASSERT_ORDER (rules, "A/C/B");
  g_assert_true (sd_plan_task_move (fixture->store, c, -1, &error));
  g_assert_no_error (error);
  ASSERT_ORDER (rules, "C/A/B");
  g_assert_true (sd_plan_task_move (fixture->store, a, 1, &error));
  g_assert_no_error (error);
  ASSERT_ORDER (rules, "C/B/A");

  /* At either end nothing moves and nothing is written. */
  audit = count_audit (fixture);
  g_assert_true (sd_plan_task_move (fixture->store, c, -1, &error));
  g_assert_true (sd_plan_task_move (fixture->store, a, 1, &error));
  g_assert_true (sd_plan_task_move (fixture->store, other, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_audit (fixture), ==, audit);
  ASSERT_ORDER (rules, "C/B/A");

  /* The other stream was never touched. */
  ASSERT_ORDER (training, "X");
  g_assert_cmpint (sd_plan_task_get_position (other), ==, 1);
  g_assert_cmpint (sd_plan_task_get_position (b), ==, 1);

#undef ASSERT_ORDER
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/plan-edit/stream-kinds", test_stream_kinds);
  ADD ("/plan-edit/create", test_create);
  ADD ("/plan-edit/find-stream", test_find_stream);
  ADD ("/plan-edit/copy-to-next-year", test_copy_to_next_year);
  ADD ("/plan-edit/decision-task", test_decision_task);
  ADD ("/plan-edit/task-move", test_task_move);

#undef ADD

  return g_test_run ();
}
