/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The Plan page, the task editor and the plan editor under Xvfb: a year
 * without a plan offers to make one (or to copy last year's); the editor
 * adds a task that then is in the store and in the list, and refuses a
 * start after the end; a deleted task comes back with Undo; a task moves
 * within its stream; copying to the next year shows the new year; the
 * summary counts a task marked done in the editor; the stream filter and
 * the search narrow the list; the plan editor adds, moves and removes
 * work streams, and refuses to remove one with tasks; meeting mode takes
 * the page's place and gives it back; the rows on screen keep showing
 * the right tasks after edits in other streams.
 */

#define G_LOG_DOMAIN "test-plan-ui"

#include "config.h"

#include "sd-plan-page-private.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sd-meeting-mode.h"
#include "sd-person.h"
#include "sd-plan-edit.h"
#include "sd-plan-editor.h"
#include "sd-plan-stream.h"
#include "sd-store.h"
#include "sd-task-editor.h"
#include "sd-unit.h"
#include "sd-test-widgets.h"

typedef struct
{
  char       *dir;
  SdStore    *store;
  int         year;
  SdUnit     *unit;
  SdPerson   *person;
  GtkWindow  *window;
  SdPlanPage *page;
} Fixture;

static gint64
id (gpointer item)
{
  return sd_item_get_id (SD_ITEM (item));
}

/* Until the page's debounced summary has run. */
static void
settle (void)
{
  sd_test_settle_for (200);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *path = NULL;

  f->year = g_date_time_get_year (now);
  f->dir = g_dir_make_tmp ("sd-test-plan-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "plan.db", NULL);
  f->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  f->unit = sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "保密办",
                             "kind", "department", NULL);
  g_assert_no_error (error);
  f->person = sd_store_insert (f->store, SD_TYPE_PERSON, &error, "name", "王敏",
                               "unit-id", id (f->unit), NULL);
  g_assert_no_error (error);
}

/* The page, in a window with a toast overlay as SdWindow has. */
static void
show_page (Fixture *f)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1400, 900);
  f->page = SD_PLAN_PAGE (sd_plan_page_new (f->store));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->page));
  gtk_window_set_child (f->window, overlay);
  gtk_window_present (f->window);
  settle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sd_test_destroy_windows ();
  sd_test_remove_store (&f->store, f->dir);
  g_free (f->dir);
}

/* Data */

static SdPlan *
make_plan (Fixture *f,
           int      year)
{
  g_autoptr(GError) error = NULL;
  SdPlan *plan = sd_plan_create (f->store, year, &error);

  g_assert_no_error (error);
  return plan;
}

static SdPlanStream *
stream_at (Fixture *f,
           SdPlan  *plan,
           int      kind)
{
  SdPlanStream *stream = sd_plan_find_stream (f->store, plan,
                                              sd_plan_stream_kind_to_code (kind));

  g_assert_nonnull (stream);
  return stream;
}

static SdPlanTask *
add_task (Fixture      *f,
          SdPlan       *plan,
          SdPlanStream *stream,
          const char   *title,
          int           start,
          int           end,
          const char   *status,
          int           position)
{
  g_autoptr(GError) error = NULL;
  SdPlanTask *task = sd_store_insert (f->store, SD_TYPE_PLAN_TASK, &error,
                                      "plan-id", id (plan),
                                      "stream-id", stream != NULL ? id (stream) : (gint64) 0,
                                      "title", title,
                                      "start-month", start, "end-month", end,
                                      "status", status,
                                      "position", position,
                                      NULL);

  g_assert_no_error (error);
  return task;
}

/* Finding widgets: see sd-test-widgets.h. */

/* The drop-down of the editor row titled @title. */
static GtkDropDown *
row_drop_down (gpointer    window,
               const char *title)
{
  GtkWidget *row = sd_test_find_shown (window, sd_test_row_titled, title);

  return GTK_DROP_DOWN (sd_test_find_shown (row, sd_test_is_type, "GtkDropDown"));
}

static void
choose_item (GtkDropDown *drop_down,
             gpointer     item)
{
  GListModel *model = gtk_drop_down_get_model (drop_down);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        {
          gtk_drop_down_set_selected (drop_down, i);
          sd_test_iterate ();
          return;
        }
    }
  g_assert_not_reached ();
}

static void
choose_code (gpointer    window,
             const char *title,
             guint       position)
{
  GtkWidget *row = sd_test_find_shown (window, sd_test_row_titled, title);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), position);
  sd_test_iterate ();
}

/* The list: the titles of the task rows, in order, with "#" before a
 * group's first task (transfer full). */
static char *
list_text (Fixture *f)
{
  GListModel *rows = sd_plan_page_get_rows (f->page);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (SD_IS_PLAN_TASK (item))
        g_string_append_printf (out, "%s%s", out->len > 0 && out->str[out->len - 1] != '#'
                                             ? "," : "",
                                sd_plan_task_get_title (SD_PLAN_TASK (item)));
      else
        g_string_append (out, out->len > 0 ? "|#" : "#");
    }
  return g_string_free (out, FALSE);
}

#define assert_list(f, expected) \
  G_STMT_START \
    { \
      g_autofree char *list_ = list_text (f); \
      g_assert_cmpstr (list_, ==, (expected)); \
    } \
  G_STMT_END

static gboolean
listed (Fixture    *f,
        SdPlanTask *task)
{
  GListModel *rows = sd_plan_page_get_rows (f->page);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (item == (gpointer) task)
        return TRUE;
    }
  return FALSE;
}

static const char *
tile_value (Fixture    *f,
            SdPlanTile  tile)
{
  return gtk_label_get_text (f->page->tiles[tile].value);
}

static gboolean
tile_styled (Fixture    *f,
             SdPlanTile  tile,
             const char *style)
{
  return gtk_widget_has_css_class (GTK_WIDGET (f->page->tiles[tile].value), style);
}

/* The empty state */

static void
test_no_plan (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *title = g_strdup_printf ("No Plan for %d", f->year);
  g_autofree char *create = g_strdup_printf ("_Create Plan for %d", f->year);
  GListModel *streams = sd_store_get_items (f->store, SD_TYPE_PLAN_STREAM);
  SdPlan *plan;

  show_page (f);
  g_assert_null (sd_plan_page_get_plan (f->page));
  g_assert_cmpint (sd_plan_page_get_year (f->page), ==, f->year);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->content_stack), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (f->page->empty_page), ==, title);
  /* Nothing to copy from: no plan the year before. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->page->copy_previous_button)));

  /* The status page's button makes the plan, with the default streams. */
  g_signal_emit_by_name (sd_test_find_shown (f->window, sd_test_button_labelled, create),
                         "clicked");
  settle ();
  plan = sd_plan_page_get_plan (f->page);
  g_assert_nonnull (plan);
  g_assert_cmpint (sd_plan_get_year (plan), ==, f->year);
  g_assert_cmpuint (g_list_model_get_n_items (streams), ==, SD_N_PLAN_STREAMS);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->content_stack), ==, "plan");
  g_assert_nonnull (sd_test_find (GTK_WIDGET (f->window), sd_test_label_showing, "created"));
  /* Without tasks the list says what to do. */
  g_assert_cmpstr (tile_value (f, SD_PLAN_TILE_DONE), ==, "0/0");
}

static void
test_copy_previous (Fixture       *f,
                    gconstpointer  data)
{
  SdPlan *last = make_plan (f, f->year - 1);
  g_autofree char *copy = g_strdup_printf ("Copy _from %d", f->year - 1);
  g_autofree char *last_year = g_strdup_printf ("%d", f->year - 1);
  g_autofree char *this_year = g_strdup_printf ("%d", f->year);
  GtkDropDown *years;
  SdPlan *plan;

  add_task (f, last, stream_at (f, last, SD_PLAN_STREAM_RULES), "修订保密制度", 2, 4, "done", 0);
  add_task (f, last, stream_at (f, last, SD_PLAN_STREAM_RULES), "制定检查清单", 5, 6,
            "in-progress", 1);
  show_page (f);

  /* Last year's plan is the latest; this year is offered too. */
  years = f->page->year_dropdown;
  g_assert_cmpint (sd_plan_page_get_year (f->page), ==, f->year - 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (years)));
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (years)), ==,
                   last_year);

  /* Choosing this year shows its empty state, which offers the copy. */
  gtk_drop_down_set_selected (years, 0);
  settle ();
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (years)), ==,
                   this_year);
  g_assert_null (sd_plan_page_get_plan (f->page));
  g_signal_emit_by_name (sd_test_find_shown (f->window, sd_test_button_labelled, copy), "clicked");
  settle ();

  plan = sd_plan_page_get_plan (f->page);
  g_assert_nonnull (plan);
  g_assert_cmpint (sd_plan_get_year (plan), ==, f->year);
  assert_list (f, "#|#修订保密制度,制定检查清单|#|#|#|#|#");
  g_assert_nonnull (sd_test_find (f->window, sd_test_label_showing, "1 of them carried over"));
}

/* The task editor */

static void
test_add_task (Fixture       *f,
               gconstpointer  data)
{
  SdPlan *plan = make_plan (f, f->year);
  SdPlanStream *risk = stream_at (f, plan, SD_PLAN_STREAM_RISK_ASSESSMENT);
  GListModel *tasks = sd_store_get_items (f->store, SD_TYPE_PLAN_TASK);
  GtkWidget *editor;
  GtkWidget *progress;
  SdPlanTask *task;

  show_page (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->tasks_stack), ==, "none");

  /* Ctrl+N belongs to the view shown: the meetings' is not a task's. */
  sd_plan_page_set_view (f->page, "meetings");
  sd_test_iterate ();
  gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.add-task", NULL);
  sd_test_iterate ();
  g_assert_null (sd_test_find_toplevel (SD_TYPE_TASK_EDITOR));
  sd_plan_page_set_view (f->page, "tasks");
  sd_test_iterate ();

  /* Ctrl+N's action opens a "new" editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.add-task", NULL));
  sd_test_iterate ();
  editor = sd_test_find_toplevel (SD_TYPE_TASK_EDITOR);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Task");

  /* Fields set before the task exists go into the insert. */
  choose_item (row_drop_down (editor, "Work Stream"), risk);
  choose_item (row_drop_down (editor, "Unit"), f->unit);
  choose_item (row_drop_down (editor, "Person"), f->person);
  choose_code (editor, "Status", 1);
  progress = sd_test_find_shown (editor, sd_test_row_titled, "Progress (%)");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (sd_test_find_shown (progress, sd_test_is_type,
                                                                  "GtkSpinButton")), 40);

  /* A start after the end is pointed out, and not taken. */
  g_assert_false (sd_task_editor_set_months (SD_TASK_EDITOR (editor), 9, 4));
  g_assert_nonnull (sd_test_find (editor, sd_test_label_showing, "after the end month"));
  g_assert_true (sd_task_editor_set_months (SD_TASK_EDITOR (editor), 3, 5));
  g_assert_null (sd_test_find (editor, sd_test_label_showing, "after the end month"));
  sd_test_type_and_apply (editor, "Evidence", "评估报告");
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 0);

  sd_test_type_and_apply (editor, "Title", "开展涉密岗位风险评估");
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 1);
  task = sd_editor_window_get_item (SD_EDITOR_WINDOW (editor));
  g_assert_nonnull (task);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Task");
  g_assert_cmpint (sd_plan_task_get_plan_id (task), ==, id (plan));
  g_assert_cmpint (sd_plan_task_get_stream_id (task), ==, id (risk));
  g_assert_cmpint (sd_plan_task_get_owner_unit_id (task), ==, id (f->unit));
  g_assert_cmpint (sd_plan_task_get_owner_person_id (task), ==, id (f->person));
  g_assert_cmpint (sd_plan_task_get_start_month (task), ==, 3);
  g_assert_cmpint (sd_plan_task_get_end_month (task), ==, 5);
  g_assert_cmpstr (sd_plan_task_get_status (task), ==, "in-progress");
  g_assert_cmpint (sd_plan_task_get_progress (task), ==, 40);
  g_assert_cmpstr (sd_plan_task_get_evidence (task), ==, "评估报告");

  /* In the list, under its stream, and selected. */
  settle ();
  g_assert_true (listed (f, task));
  assert_list (f, "#|#|#|#开展涉密岗位风险评估|#|#|#");
  g_assert_true (sd_plan_page_get_selected_task (f->page) == task);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->tasks_stack), ==, "list");
  g_assert_cmpstr (gtk_label_get_text (f->page->count_label), ==, "1 task");

  /* From now on each field is stored as it is changed: the months
   * together, and only in order. */
  g_assert_false (sd_task_editor_set_months (SD_TASK_EDITOR (editor), 6, 2));
  g_assert_cmpint (sd_plan_task_get_start_month (task), ==, 3);
  g_assert_true (sd_task_editor_set_months (SD_TASK_EDITOR (editor), 6, 8));
  g_assert_cmpint (sd_plan_task_get_start_month (task), ==, 6);
  g_assert_cmpint (sd_plan_task_get_end_month (task), ==, 8);

  /* Exact dates set the months too; they must lie in the plan's year. */
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (sd_test_find_shown (editor,
                                                                               sd_test_row_titled,
                                                                               "Exact Dates")),
                                         TRUE);
  sd_test_iterate ();
  g_assert_nonnull (sd_plan_task_get_start_date (task));
  {
    g_autofree char *start = g_strdup_printf ("%d-6-15", f->year);
    g_autofree char *stored = g_strdup_printf ("%d-06-15", f->year);
    g_autofree char *wrong = g_strdup_printf ("%d-07-01", f->year + 1);

    sd_test_type_and_apply (editor, "Start Date (YYYY-MM-DD)", start);
    g_assert_cmpstr (sd_plan_task_get_start_date (task), ==, stored);
    sd_test_type_and_apply (editor, "End Date (YYYY-MM-DD)", wrong);
    g_assert_nonnull (sd_test_find (editor, sd_test_label_showing, "must lie in"));
    g_assert_cmpint (sd_plan_task_get_end_month (task), ==, 8);
  }
  /* Whole months again clear the dates. */
  g_assert_true (sd_task_editor_set_months (SD_TASK_EDITOR (editor), 6, 7));
  g_assert_null (sd_plan_task_get_start_date (task));
  g_assert_null (sd_plan_task_get_end_date (task));
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  SdPlan *plan = make_plan (f, f->year);
  SdPlanStream *rules = stream_at (f, plan, SD_PLAN_STREAM_RULES);
  GListModel *tasks = sd_store_get_items (f->store, SD_TYPE_PLAN_TASK);
  SdPlanTask *a = add_task (f, plan, rules, "修订保密制度", 1, 2, "done", 0);
  SdPlanTask *b = add_task (f, plan, rules, "制定检查清单", 3, 3, "planned", 1);
  gint64 b_id = id (b);
  SdPlanTask *back;

  show_page (f);

  /* Nothing selected: nothing to delete. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.delete-task", NULL);
  sd_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 2);

  sd_plan_page_select_task (f->page, b);
  sd_test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.delete-task", NULL));
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 1);
  g_assert_null (sd_store_lookup (f->store, SD_TYPE_PLAN_TASK, b_id));
  assert_list (f, "#|#修订保密制度|#|#|#|#|#");
  g_assert_nonnull (sd_test_find (f->window, sd_test_label_showing, "Task “制定检查清单” deleted"));
  g_assert_cmpstr (tile_value (f, SD_PLAN_TILE_DONE), ==, "1/1");

  /* The toast's Undo puts it back, in its place. */
  g_signal_emit_by_name (sd_test_find_shown (f->window, sd_test_button_labelled, "_Undo"),
                         "clicked");
  settle ();
  back = sd_store_lookup (f->store, SD_TYPE_PLAN_TASK, b_id);
  g_assert_nonnull (back);
  assert_list (f, "#|#修订保密制度,制定检查清单|#|#|#|#|#");
  g_assert_cmpstr (tile_value (f, SD_PLAN_TILE_DONE), ==, "1/2");
  g_assert_true (listed (f, a));
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  SdPlan *plan = make_plan (f, f->year);
  SdPlanStream *rules = stream_at (f, plan, SD_PLAN_STREAM_RULES);
  SdPlanStream *tech = stream_at (f, plan, SD_PLAN_STREAM_TECHNICAL);
  SdPlanTask *c;

  add_task (f, plan, rules, "A", 1, 1, "planned", 0);
  add_task (f, plan, rules, "B", 1, 1, "planned", 1);
  c = add_task (f, plan, rules, "C", 1, 1, "planned", 2);
  add_task (f, plan, tech, "T", 1, 1, "planned", 3);
  show_page (f);
  assert_list (f, "#|#A,B,C|#|#|#|#T|#");

  /* Alt+Up's action: one place up within its stream, still selected. */
  sd_plan_page_select_task (f->page, c);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.move-task", "i", -1));
  settle ();
  assert_list (f, "#|#A,C,B|#|#|#|#T|#");
  g_assert_true (sd_plan_page_get_selected_task (f->page) == c);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.move-task", "i", -1));
  settle ();
  assert_list (f, "#|#C,A,B|#|#|#|#T|#");

  /* The first stays first; the other stream is untouched. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.move-task", "i", -1));
  settle ();
  assert_list (f, "#|#C,A,B|#|#|#|#T|#");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.move-task", "i", 1));
  settle ();
  assert_list (f, "#|#A,C,B|#|#|#|#T|#");
  g_assert_true (sd_plan_page_get_selected_task (f->page) == c);
}

static void
test_copy_to_next_year (Fixture       *f,
                        gconstpointer  data)
{
  SdPlan *plan = make_plan (f, f->year);
  SdPlanStream *rules = stream_at (f, plan, SD_PLAN_STREAM_RULES);
  g_autofree char *next = g_strdup_printf ("%d", f->year + 1);
  SdPlan *copy;

  add_task (f, plan, rules, "修订保密制度", 1, 2, "done", 0);
  add_task (f, plan, rules, "制定检查清单", 11, 12, "planned", 1);
  show_page (f);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->page->year_dropdown)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.copy-to-next-year",
                                             NULL));
  settle ();
  copy = sd_plan_page_get_plan (f->page);
  g_assert_true (copy != plan);
  g_assert_cmpint (sd_plan_get_year (copy), ==, f->year + 1);
  g_assert_cmpint (sd_plan_page_get_year (f->page), ==, f->year + 1);
  /* The drop-down shows the new year, and the year copied. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->page->year_dropdown)));
  g_assert_cmpstr (gtk_string_object_get_string (
                     gtk_drop_down_get_selected_item (f->page->year_dropdown)), ==, next);
  assert_list (f, "#|#修订保密制度,制定检查清单|#|#|#|#|#");
  g_assert_nonnull (sd_test_find (GTK_WIDGET (f->window), sd_test_label_showing, "copied to"));
  /* Statuses start again. */
  g_assert_cmpstr (tile_value (f, SD_PLAN_TILE_DONE), ==, "0/2");
  /* The year copied cannot be copied again: its next year has a plan. */
  sd_plan_page_set_year (f->page, f->year);
  sd_test_iterate ();
  gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.copy-to-next-year", NULL);
  sd_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (f->store, SD_TYPE_PLAN)), ==,
                    2);
  g_assert_true (sd_plan_page_get_plan (f->page) == plan);
}

/* The summary */

static void
test_summary (Fixture       *f,
              gconstpointer  data)
{
  /* Last year's: every unfinished task is late, whatever today is. */
  SdPlan *plan = make_plan (f, f->year - 1);
  SdPlanStream *rules = stream_at (f, plan, SD_PLAN_STREAM_RULES);
  SdPlanTask *late, *december;
  GtkWidget *editor;

  add_task (f, plan, rules, "A", 1, 1, "done", 0);
  december = add_task (f, plan, rules, "B", 12, 12, "planned", 1);
  add_task (f, plan, rules, "C", 12, 12, "cancelled", 2);
  late = add_task (f, plan, rules, "D", 1, 1, "in-progress", 3);
  show_page (f);

  /* Cancelled tasks are not counted, nor are they late; B and D are. */
  g_assert_cmpint (sd_plan_page_get_year (f->page), ==, f->year - 1);
  g_assert_cmpstr (tile_value (f, SD_PLAN_TILE_DONE), ==, "1/3");
  g_assert_cmpstr (tile_value (f, SD_PLAN_TILE_OVERDUE), ==, "2");
  g_assert_true (tile_styled (f, SD_PLAN_TILE_OVERDUE, "error"));
  g_assert_true (tile_styled (f, SD_PLAN_TILE_DONE, "warning"));
  /* Nobody trained yet: a shortfall against the KPI of 100 %. */
  g_assert_cmpstr (tile_value (f, SD_PLAN_TILE_TRAINING), ==, "0 %");
  g_assert_true (tile_styled (f, SD_PLAN_TILE_TRAINING, "warning"));
  g_assert_nonnull (strstr (gtk_label_get_text (f->page->tiles[SD_PLAN_TILE_TRAINING].detail),
                            "0/1"));

  /* Marked done in the editor: counted at once. */
  editor = sd_task_editor_new (f->store, late);
  gtk_window_present (GTK_WINDOW (editor));
  sd_test_iterate ();
  choose_code (editor, "Status", 2);
  g_assert_cmpstr (sd_plan_task_get_status (late), ==, "done");
  settle ();
  g_assert_cmpstr (tile_value (f, SD_PLAN_TILE_DONE), ==, "2/3");
  g_assert_cmpstr (tile_value (f, SD_PLAN_TILE_OVERDUE), ==, "1");

  /* And B: nothing is late any more; all done is the target met. */
  g_assert_true (sd_store_update (f->store, december, NULL, "status", "done", NULL));
  settle ();
  g_assert_cmpstr (tile_value (f, SD_PLAN_TILE_DONE), ==, "3/3");
  g_assert_cmpstr (tile_value (f, SD_PLAN_TILE_OVERDUE), ==, "0");
  g_assert_false (tile_styled (f, SD_PLAN_TILE_OVERDUE, "error"));
  g_assert_false (tile_styled (f, SD_PLAN_TILE_DONE, "warning"));
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  SdPlan *plan = make_plan (f, f->year);
  SdPlanStream *rules = stream_at (f, plan, SD_PLAN_STREAM_RULES);
  SdPlanStream *tech = stream_at (f, plan, SD_PLAN_STREAM_TECHNICAL);
  g_autoptr(GError) error = NULL;
  SdPlanTask *t;

  add_task (f, plan, rules, "修订保密制度", 1, 1, "planned", 0);
  add_task (f, plan, rules, "制定检查清单", 1, 1, "planned", 1);
  t = add_task (f, plan, tech, "部署终端审计", 1, 1, "planned", 2);
  g_assert_true (sd_store_update (f->store, t, &error, "owner-unit-id", id (f->unit), NULL));
  add_task (f, plan, NULL, "其他事项", 1, 1, "planned", 3);
  show_page (f);
  /* Tasks without a stream come last, under a group of their own. */
  assert_list (f, "#|#修订保密制度,制定检查清单|#|#|#|#部署终端审计|#|#其他事项");
  g_assert_cmpstr (gtk_label_get_text (f->page->count_label), ==, "4 tasks");

  /* One stream. */
  choose_item (f->page->stream_dropdown, rules);
  settle ();
  assert_list (f, "#修订保密制度,制定检查清单");
  g_assert_cmpstr (gtk_label_get_text (f->page->count_label), ==, "2 of 4 tasks");

  /* The search looks at the owner too; streams without a match go. */
  gtk_drop_down_set_selected (f->page->stream_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (f->page->search_entry), "保密办");
  for (gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
       g_strcmp0 (gtk_label_get_text (f->page->count_label), "1 of 4 tasks") != 0 &&
       g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, TRUE);
  settle ();
  assert_list (f, "#部署终端审计");

  /* Nothing found: the empty list says so and clears the search. */
  gtk_editable_set_text (GTK_EDITABLE (f->page->search_entry), "没有这个");
  for (gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
       g_strcmp0 (gtk_stack_get_visible_child_name (f->page->tasks_stack), "none") != 0 &&
       g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, TRUE);
  settle ();
  g_assert_cmpstr (adw_status_page_get_title (f->page->no_tasks_page), ==, "No Matching Tasks");
  g_signal_emit_by_name (f->page->no_tasks_button, "clicked");
  for (gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
       g_strcmp0 (gtk_label_get_text (f->page->count_label), "4 tasks") != 0 &&
       g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, TRUE);
  settle ();
  g_assert_cmpstr (gtk_label_get_text (f->page->count_label), ==, "4 tasks");
}

/* The plan editor */

static void
test_plan_editor (Fixture       *f,
                  gconstpointer  data)
{
  SdPlan *plan = make_plan (f, f->year);
  SdPlanStream *rules = stream_at (f, plan, SD_PLAN_STREAM_RULES);
  SdPlanStream *emergency = stream_at (f, plan, SD_PLAN_STREAM_EMERGENCY);
  GListModel *streams = sd_store_get_items (f->store, SD_TYPE_PLAN_STREAM);
  GtkWidget *editor;
  SdPlanStream *added;
  gint64 added_id;

  add_task (f, plan, rules, "修订保密制度", 1, 1, "planned", 0);
  show_page (f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.edit-plan", NULL));
  sd_test_iterate ();
  editor = sd_test_find_toplevel (SD_TYPE_PLAN_EDITOR);
  g_assert_nonnull (editor);

  sd_test_type_and_apply (editor, "Goal", "全年不发生核心涉密信息泄露事件");
  g_assert_cmpstr (sd_plan_get_goal (plan), ==, "全年不发生核心涉密信息泄露事件");
  settle ();
  g_assert_cmpstr (gtk_label_get_text (f->page->goal_label), ==, "全年不发生核心涉密信息泄露事件");

  /* Renamed when applied. */
  sd_test_type_and_apply (editor, "Work Stream 2", "制度建设与修订");
  g_assert_cmpstr (sd_plan_stream_get_name (rules), ==, "制度建设与修订");

  /* Added last. */
  sd_test_type_and_apply (editor, "New Work Stream", "保密宣传月");
  g_assert_cmpuint (g_list_model_get_n_items (streams), ==, SD_N_PLAN_STREAMS + 1);
  added = sd_plan_find_stream (f->store, plan, "保密宣传月");
  g_assert_nonnull (added);
  added_id = id (added);
  g_assert_cmpint (sd_plan_stream_get_position (added), >,
                   sd_plan_stream_get_position (emergency));
  settle ();
  assert_list (f, "#|#修订保密制度|#|#|#|#|#|#");

  /* Moved up, before the emergency plans. */
  g_assert_true (sd_plan_editor_move_stream (SD_PLAN_EDITOR (editor), added, -1));
  g_assert_cmpint (sd_plan_stream_get_position (added), <,
                   sd_plan_stream_get_position (emergency));
  g_assert_nonnull (sd_test_find_shown (editor, sd_test_row_titled, "Work Stream 7"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sd_test_find_shown (editor,
                                                                            sd_test_row_titled,
                                                                            "Work Stream 7"))),
                   ==,
                   "保密宣传月");

  /* A stream with tasks is not removed, and the user learns why. */
  g_assert_false (sd_plan_editor_remove_stream (SD_PLAN_EDITOR (editor), rules));
  g_assert_nonnull (sd_store_lookup (f->store, SD_TYPE_PLAN_STREAM, id (rules)));

  /* An empty one is, with Undo. */
  g_assert_true (sd_plan_editor_remove_stream (SD_PLAN_EDITOR (editor), added));
  g_assert_null (sd_store_lookup (f->store, SD_TYPE_PLAN_STREAM, added_id));
  g_assert_cmpuint (g_list_model_get_n_items (streams), ==, SD_N_PLAN_STREAMS);
}

/* The text a row shows first: a group's name ("#" before it) or a task's
 * title. */
static void
collect (GtkWidget *w,
         GString   *out)
{
  if (GTK_IS_INSCRIPTION (w) && gtk_widget_get_visible (w) &&
      gtk_inscription_get_text (GTK_INSCRIPTION (w)) != NULL && out->len == 0)
    g_string_append (out, gtk_inscription_get_text (GTK_INSCRIPTION (w)));
  if (GTK_IS_LABEL (w) && gtk_widget_get_visible (w) && gtk_widget_has_css_class (w, "heading") &&
      out->len == 0)
    g_string_append_printf (out, "#%s", gtk_label_get_text (GTK_LABEL (w)));
  for (GtkWidget *child = gtk_widget_get_first_child (w);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, out);
}

/* Whether the rows on screen show the model's rows, in order. */
static gboolean
display_ok (Fixture *f)
{
  GListModel *rows = sd_plan_page_get_rows (f->page);
  GPtrArray *expected = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *shown_rows = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *cv = GTK_WIDGET (f->page->task_view);
  gboolean ok = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (SD_IS_PLAN_TASK (item))
        g_ptr_array_add (expected, g_strdup (sd_plan_task_get_title (SD_PLAN_TASK (item))));
      else
        g_ptr_array_add (expected, NULL);
    }
  for (GtkWidget *list = gtk_widget_get_first_child (cv);
       list != NULL;
       list = gtk_widget_get_next_sibling (list))
    if (GTK_IS_LIST_VIEW (list))
      for (GtkWidget *r = gtk_widget_get_first_child (list);
           r != NULL;
           r = gtk_widget_get_next_sibling (r))
        {
          GString *out;

          if (!gtk_widget_get_child_visible (r))
            continue;
          out = g_string_new (NULL);
          collect (r, out);
          g_ptr_array_add (shown_rows, out->str[0] == '#' ? NULL : g_strdup (out->str));
          g_string_free (out, TRUE);
        }
  for (guint start = 0; !ok && start + shown_rows->len <= expected->len; start++)
    {
      ok = TRUE;
      for (guint k = 0; ok && k < shown_rows->len; k++)
        ok = g_strcmp0 (expected->pdata[start + k], shown_rows->pdata[k]) == 0;
    }
  if (!ok || shown_rows->len == 0)
    g_test_message ("%u rows shown of %u do not match the model", shown_rows->len,
                    expected->len);
  ok &= shown_rows->len > 0;
  g_ptr_array_unref (expected);
  g_ptr_array_unref (shown_rows);
  return ok;
}

/* Meeting mode takes the place of the page, and gives it back. */
static void
test_meeting_mode (Fixture       *f,
                   gconstpointer  data)
{
  SdPlan *plan = make_plan (f, f->year);
  GtkWidget *mode;

  add_task (f, plan, stream_at (f, plan, SD_PLAN_STREAM_RULES), "修订保密制度", 1, 2, "done", 0);
  show_page (f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.meeting-mode", NULL));
  sd_test_iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->mode_stack), ==, "meeting");
  mode = adw_bin_get_child (f->page->meeting_bin);
  g_assert_nonnull (mode);
  g_assert_cmpuint (sd_meeting_mode_get_slide (SD_MEETING_MODE (mode)), ==, 0);
  /* The page's editing waits while the meeting runs. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.add-task", NULL);
  sd_test_iterate ();
  g_assert_null (sd_test_find_toplevel (SD_TYPE_TASK_EDITOR));

  g_signal_emit_by_name (mode, "leave");
  sd_test_iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->mode_stack), ==, "page");

  /* F5's action enters again and leaves again. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.meeting-mode", NULL);
  sd_test_iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->mode_stack), ==, "meeting");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.meeting-mode", NULL);
  sd_test_iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->mode_stack), ==, "page");
}

/* What the rows show after edits far from them: a change in one stream
 * must not shift the tasks shown in the others. */
static void
test_rows_on_screen (Fixture       *f,
                     gconstpointer  data)
{
  SdPlan *plan = make_plan (f, f->year);
  SdPlanTask *first = NULL, *second = NULL;
  GtkWidget *undo;

  for (int kind = 0; kind < SD_N_PLAN_STREAMS; kind++)
    for (int k = 0; k < 5; k++)
      {
        g_autofree char *title = g_strdup_printf ("S%d-T%d", kind, k);
        SdPlanTask *task = add_task (f, plan, stream_at (f, plan, kind), title, 1 + k, 1 + k,
                                     "planned", 0);

        if (kind == 0 && k == 0)
          first = task;
        else if (kind == 0 && k == 1)
          second = task;
      }
  show_page (f);
  g_assert_true (display_ok (f));

  sd_plan_page_select_task (f->page, first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.move-task", "i", 1));
  settle ();
  g_assert_true (display_ok (f));

  sd_plan_page_select_task (f->page, second);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.delete-task", NULL));
  settle ();
  g_assert_true (display_ok (f));
  undo = sd_test_find_shown (f->window, sd_test_button_labelled, "_Undo");
  g_signal_emit_by_name (undo, "clicked");
  settle ();
  g_assert_true (display_ok (f));

  /* An edit in place shows in its row. */
  g_assert_true (sd_store_update (f->store, first, NULL, "title", "S0-edited", NULL));
  settle ();
  g_assert_true (display_ok (f));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/plan-ui/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("no-plan", test_no_plan);
  ADD ("copy-previous", test_copy_previous);
  ADD ("add-task", test_add_task);
  ADD ("delete-undo", test_delete_undo);
  ADD ("move", test_move);
  ADD ("copy-to-next-year", test_copy_to_next_year);
  ADD ("summary", test_summary);
  ADD ("filters", test_filters);
  ADD ("plan-editor", test_plan_editor);
  ADD ("rows-on-screen", test_rows_on_screen);
  ADD ("meeting-mode", test_meeting_mode);
#undef ADD

  return g_test_run ();
}
