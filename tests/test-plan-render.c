/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "test-plan-render"

#include "config.h"

#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>
#include <gobject/gvaluecollector.h>

#include "sd-commitment.h"
#include "sd-finding.h"
#include "sd-inspection.h"
#include "sd-org-chart.h"
#include "sd-person.h"
#include "sd-plan.h"
#include "sd-plan-render.h"
#include "sd-plan-stream.h"
#include "sd-plan-task.h"
#include "sd-store.h"
#include "sd-training.h"
#include "sd-training-attendance.h"
#include "sd-unit.h"

#define A4_LONG  841.89
#define A4_SHORT 595.276

typedef struct
{
  const char *title;
  int         stream;       /* 0: 宣传教育培训, 1: 制度建设, -1: none */
  int         start, end;
  const char *status;
  int         progress;
  gboolean    carried_over;
  int         position;
} TaskSpec;

/* "Today" is 15 July 2026: the task that ended in June is late. */
static const TaskSpec task_specs[] = {
  { "制作保密手册和保密海报，在公司显眼位置张贴", 0, 2, 3, "done", 100, FALSE, 0 },
  { "将保密知识纳入员工晋升和评优的考核范围", 0, 4, 6, "in-progress", 60, FALSE, 1 },
  { "明确公司商业秘密范围（客户数据、产品配方、财务报表等）", 1, 1, 2, "done", 100, FALSE, 1 },
  { "Update the confidentiality policy to the new regulations", 1, 9, 10, "planned", 0, TRUE,
    0 },
  { "取消的保密宣传周活动", 1, 5, 5, "cancelled", 0, FALSE, 2 },
  { "组织保密应急演练并复盘", -1, 11, 11, "planned", 0, FALSE, 0 },
};

static const char *finding_descriptions[] = {
  "部分涉密文件未按规定登记",          /* open, deadline passed: overdue */
  "门禁记录保存不完整，缺少三月份记录",  /* rectifying, deadline ahead */
  "保密柜钥匙管理不规范",              /* closed */
};

typedef struct
{
  char      *dir;
  SdStore   *store;
  SdPlan    *plan;
  GDateTime *today;
  gint64     task_ids[G_N_ELEMENTS (task_specs)];
} Fixture;

static gpointer
insert (SdStore    *store,
        GType       type,
        const char *first,
        ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  gpointer item;
  va_list args;

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);
  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), name);
      GValue value = G_VALUE_INIT;
      g_autofree char *message = NULL;

      g_assert_nonnull (pspec);
      G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &message);
      g_assert_null (message);
      g_ptr_array_add (names, (gpointer) name);
      g_array_append_val (values, value);
    }
  va_end (args);

  item = sd_store_insertv (store, type, names->len, (const char **) names->pdata,
                           (const GValue *) (gpointer) values->data, &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);
  return item;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  SdStore *store;
  gpointer unit, zhang, li, inspection, training, streams[2];
  gint64 unit_id, plan_id;

  fixture->dir = g_dir_make_tmp ("sd-test-plan-render-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  store = fixture->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  fixture->today = g_date_time_new_local (2026, 7, 15, 12, 0, 0);

  unit = insert (store, SD_TYPE_UNIT, "name", "信息部", "kind", "department", NULL);
  unit_id = sd_item_get_id (unit);
  zhang = insert (store, SD_TYPE_PERSON, "name", "张伟", "unit-id", unit_id, "active", TRUE,
                  NULL);
  li = insert (store, SD_TYPE_PERSON, "name", "李娜", "unit-id", unit_id, "active", TRUE, NULL);
  insert (store, SD_TYPE_PERSON, "name", "王芳", "unit-id", unit_id, "active", FALSE, NULL);

  /* A plan of another year, which must not leak into this one. */
  insert (store, SD_TYPE_PLAN, "year", 2025, "goal", "去年的目标", NULL);
  fixture->plan = insert (store, SD_TYPE_PLAN, "year", 2026,
                          "goal", "实现核心商业秘密零泄露",
                          "policy", "预防为主，严格管理，全面监控，持续改进", NULL);
  plan_id = sd_item_get_id (SD_ITEM (fixture->plan));

  /* Inserted in the other order than their positions. */
  streams[0] = insert (store, SD_TYPE_PLAN_STREAM, "plan-id", plan_id, "name", "宣传教育培训",
                       "position", 1, NULL);
  streams[1] = insert (store, SD_TYPE_PLAN_STREAM, "plan-id", plan_id, "name", "制度建设",
                       "position", 0, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (task_specs); i++)
    {
      const TaskSpec *spec = &task_specs[i];
      gpointer task;

      task = insert (store, SD_TYPE_PLAN_TASK,
                     "plan-id", plan_id,
                     "stream-id", spec->stream >= 0 ? sd_item_get_id (streams[spec->stream])
                                                    : (gint64) 0,
                     "title", spec->title,
                     "owner-unit-id", unit_id,
                     "owner-person-id", i % 2 == 0 ? sd_item_get_id (zhang) : (gint64) 0,
                     "start-month", spec->start,
                     "end-month", spec->end,
                     "status", spec->status,
                     "progress", spec->progress,
                     "carried-over", spec->carried_over,
                     "position", spec->position,
                     NULL);
      fixture->task_ids[i] = sd_item_get_id (task);
    }

  inspection = insert (store, SD_TYPE_INSPECTION, "plan-id", plan_id, "kind", "self-check",
                       "title", "上半年保密自查", "date", "2026-03-10", "unit-id", unit_id, NULL);
  insert (store, SD_TYPE_FINDING, "inspection-id", sd_item_get_id (inspection),
          "unit-id", unit_id, "description", finding_descriptions[0], "severity", "high",
          "deadline", "2026-05-31", "status", "open", NULL);
  insert (store, SD_TYPE_FINDING, "inspection-id", sd_item_get_id (inspection),
          "unit-id", unit_id, "description", finding_descriptions[1], "severity", "medium",
          "deadline", "2026-09-30", "status", "rectifying", NULL);
  insert (store, SD_TYPE_FINDING, "inspection-id", sd_item_get_id (inspection),
          "unit-id", unit_id, "description", finding_descriptions[2], "severity", "low",
          "deadline", "2026-04-30", "status", "closed", NULL);

  training = insert (store, SD_TYPE_TRAINING, "plan-id", plan_id, "date", "2026-04-01",
                     "topic", "保密法规培训", NULL);
  insert (store, SD_TYPE_TRAINING_ATTENDANCE, "training-id", sd_item_get_id (training),
          "person-id", sd_item_get_id (li), NULL);
  insert (store, SD_TYPE_COMMITMENT, "person-id", sd_item_get_id (zhang), "year", 2026,
          "signed-on", "2026-01-05", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_pointer (&fixture->today, g_date_time_unref);
  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return out;
}

static char *
squeeze (const char *text)
{
  GString *joined = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (joined, *p);
  return g_string_free (joined, FALSE);
}

/* The text of the PDF (or of its page @page, from 1) with every space and
 * line break taken out, so that a title wrapped in its cell is found whole. */
static char *
pdf_page_text (const char *path,
               guint       page)
{
  g_autofree char *first = g_strdup_printf ("%u", page > 0 ? page : 1);
  g_autofree char *last = g_strdup_printf ("%u", page > 0 ? page : G_MAXINT);
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", "-f", first, "-l", last, path,
                         "-", NULL };
  g_autofree char *text = run (argv);

  return squeeze (text);
}

static char *
pdf_text (const char *path)
{
  return pdf_page_text (path, 0);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  g_autofree char *squeezed = squeeze (needle);

  if (strstr (haystack, squeezed) == NULL)
    g_error ("“%s” is not in the PDF:\n%s", needle, haystack);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_timeline_data (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SdTimelineData) timeline = sd_timeline_data_new (fixture->store, fixture->plan,
                                                             fixture->today);
  const SdTimelineModel *model = sd_timeline_data_get_model (timeline);
  /* By the streams' positions, then the tasks' within each; the task
   * without a stream last, under "Other". */
  const guint order[] = { 3, 2, 4, 0, 1, 5 };

  g_assert_cmpint (model->year, ==, 2026);
  g_assert_cmpuint (model->n_streams, ==, 3);
  g_assert_cmpstr (model->streams[0], ==, "制度建设");
  g_assert_cmpstr (model->streams[1], ==, "宣传教育培训");
  g_assert_cmpstr (model->streams[2], ==, "Other");
  g_assert_cmpuint (model->n_bars, ==, G_N_ELEMENTS (order));
  g_assert_cmpint (model->selected_bar, ==, -1);
  g_assert_cmpint (model->today_month, ==, 7);
  g_assert_cmpfloat_with_epsilon (model->today_fraction, 14.5 / 31, 1e-9);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const TaskSpec *spec = &task_specs[order[i]];
      const SdTimelineBar *bar = &model->bars[i];
      SdPlanTask *task = sd_timeline_data_get_task (timeline, i);
      int stream = spec->stream == 1 ? 0 : spec->stream == 0 ? 1 : 2;

      g_assert_cmpstr (bar->title, ==, spec->title);
      g_assert_cmpint (bar->stream, ==, stream);
      g_assert_cmpint (bar->start_month, ==, spec->start);
      g_assert_cmpint (bar->end_month, ==, spec->end);
      g_assert_cmpint (bar->progress, ==, spec->progress);
      g_assert_cmpint (bar->carried_over, ==, spec->carried_over);
      /* Only the in-progress task that ended in June is late. */
      g_assert_cmpint (bar->late, ==, order[i] == 1);
      g_assert_cmpint (sd_item_get_id (SD_ITEM (task)), ==, fixture->task_ids[order[i]]);
      g_assert_cmpint (sd_timeline_data_find_task (timeline, fixture->task_ids[order[i]]), ==,
                       (int) i);
    }
  g_assert_cmpint (model->bars[0].status, ==, SD_TIMELINE_PLANNED);
  g_assert_cmpint (model->bars[1].status, ==, SD_TIMELINE_DONE);
  g_assert_cmpint (model->bars[2].status, ==, SD_TIMELINE_CANCELLED);
  g_assert_cmpint (model->bars[4].status, ==, SD_TIMELINE_IN_PROGRESS);
  g_assert_cmpint (sd_timeline_data_find_task (timeline, 9999), ==, -1);

  /* In another year there is no line for today, and nothing is late before
   * the plan's year has begun. */
  {
    g_autoptr(GDateTime) before = g_date_time_new_local (2025, 12, 1, 9, 0, 0);
    g_autoptr(SdTimelineData) early = sd_timeline_data_new (fixture->store, fixture->plan,
                                                            before);
    const SdTimelineModel *early_model = sd_timeline_data_get_model (early);

    g_assert_cmpint (early_model->today_month, ==, 0);
    for (guint i = 0; i < early_model->n_bars; i++)
      g_assert_false (early_model->bars[i].late);
  }
}

static void
check_pdf_info (const char *path,
                guint       min_pages)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run (argv);
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  gboolean size_found = FALSE;
  guint pages = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      double width, height;

      if (sscanf (lines[i], "Pages: %u", &pages) == 1)
        continue;
      if (sscanf (lines[i], "Page size: %lf x %lf pts", &width, &height) == 2)
        {
          /* A4 landscape. */
          g_assert_cmpfloat_with_epsilon (width, A4_LONG, 0.5);
          g_assert_cmpfloat_with_epsilon (height, A4_SHORT, 0.5);
          size_found = TRUE;
        }
    }
  g_assert_true (size_found);
  g_assert_cmpuint (pages, >=, min_pages);
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "plan.pdf", NULL);
  g_autofree char *text = NULL;

  g_assert_true (sd_plan_export_pdf (fixture->store, 2026, fixture->today, path, &error));
  g_assert_no_error (error);
  check_pdf_info (path, 1);

  text = pdf_text (path);
  assert_contains (text, "Confidentiality Work Plan 2026");
  assert_contains (text, "实现核心商业秘密零泄露");
  assert_contains (text, "预防为主，严格管理，全面监控，持续改进");
  for (guint i = 0; i < G_N_ELEMENTS (task_specs); i++)
    assert_contains (text, task_specs[i].title);
  for (guint i = 0; i < G_N_ELEMENTS (finding_descriptions); i++)
    assert_contains (text, finding_descriptions[i]);
  /* Tasks done of all but the cancelled one; findings closed of all; each
   * written once, in the summary. */
  g_assert_cmpuint (count (text, "2/5"), ==, 1);
  g_assert_cmpuint (count (text, "1/3"), ==, 1);
  assert_contains (text, "宣传教育培训");
  assert_contains (text, "制度建设");
  assert_contains (text, "Page 1 of");
  g_assert_null (strstr (text, "去年的目标"));

  /* The title page lists what is overdue: the late task and the open
   * finding past its deadline, not the others. */
  {
    g_autofree char *first = pdf_page_text (path, 1);

    assert_contains (first, "Overdue");
    assert_contains (first, task_specs[1].title);
    assert_contains (first, finding_descriptions[0]);
    g_assert_null (strstr (first, finding_descriptions[1]));
    g_assert_null (strstr (first, task_specs[5].title));
  }
}

/* The layout a print operation uses: the title page, the timeline, the
 * tables; every page draws, inside the page, on landscape paper and on the
 * portrait paper a print dialog may choose. */
static void
check_layout (Fixture *fixture,
              double   page_width,
              double   page_height)
{
  PangoContext *context = sd_org_chart_create_pango_context ();
  g_autoptr(SdPlanLayout) layout = sd_plan_layout_new (context, fixture->store, fixture->plan,
                                                       fixture->today, page_width,
                                                       page_height);
  guint n_pages = sd_plan_layout_get_n_pages (layout);

  g_object_unref (context);
  g_assert_cmpuint (n_pages, >=, 3);
  for (guint i = 0; i < n_pages; i++)
    {
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                                                 NULL);
      cairo_t *cr = cairo_create (surface);
      double x, y, width, height;

      sd_plan_layout_draw_page (layout, cr, i);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);

      cairo_recording_surface_ink_extents (surface, &x, &y, &width, &height);
      g_assert_cmpfloat (width, >, 0);
      g_assert_cmpfloat (x, >=, 0);
      g_assert_cmpfloat (y, >=, 0);
      g_assert_cmpfloat (x + width, <=, page_width);
      g_assert_cmpfloat (y + height, <=, page_height);
      cairo_surface_destroy (surface);
    }
}

static void
test_layout (Fixture       *fixture,
             gconstpointer  data)
{
  check_layout (fixture, A4_LONG, A4_SHORT);
  check_layout (fixture, A4_SHORT, A4_LONG);
}

static void
test_unknown_year (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "none.pdf", NULL);

  g_assert_false (sd_plan_export_pdf (fixture->store, 2031, fixture->today, path, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "2031"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A plan too long for one page of timeline goes on over several, and the
 * tables still hold every task. */
static void
test_many_tasks (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "long.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(SdTimelineData) timeline = NULL;
  gint64 plan_id = sd_item_get_id (SD_ITEM (fixture->plan));
  const guint n_extra = 150;
  guint rows;

  g_assert_true (sd_store_begin (fixture->store, &error));
  for (guint i = 0; i < n_extra; i++)
    {
      g_autofree char *title = g_strdup_printf ("检查任务%03u", i);

      insert (fixture->store, SD_TYPE_PLAN_TASK, "plan-id", plan_id, "title", title,
              "start-month", 1 + (int) i % 12, "end-month", 1 + (int) i % 12,
              "status", i % 3 == 0 ? "done" : "planned", "progress", 0,
              "position", 10 + (int) i, NULL);
    }
  g_assert_true (sd_store_commit (fixture->store, &error));

  timeline = sd_timeline_data_new (fixture->store, fixture->plan, fixture->today);
  rows = sd_timeline_data_get_model (timeline)->n_streams
         + sd_timeline_data_get_model (timeline)->n_bars;
  g_assert_cmpuint (rows, >, 120);
  g_assert_cmpuint (rows, <=, 180);

  g_assert_true (sd_plan_export_pdf (fixture->store, 2026, fixture->today, path, &error));
  g_assert_no_error (error);
  check_pdf_info (path, 5);

  text = pdf_text (path);
  assert_contains (text, "Timeline (1 of 3)");
  assert_contains (text, "Timeline (3 of 3)");
  for (guint i = 0; i < n_extra; i++)
    {
      g_autofree char *title = g_strdup_printf ("检查任务%03u", i);

      assert_contains (text, title);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/plan-render/timeline-data", test_timeline_data);
  ADD ("/plan-render/pdf", test_pdf);
  ADD ("/plan-render/layout", test_layout);
  ADD ("/plan-render/unknown-year", test_unknown_year);
  ADD ("/plan-render/many-tasks", test_many_tasks);

#undef ADD

  return g_test_run ();
}
