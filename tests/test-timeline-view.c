/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The plan's timeline widget under Xvfb, with a generated plan in a
 * scrolled window: a click on a bar selects its task, a drag of a bar's
 * end or middle changes its months in exactly one store edit (the start
 * never after the end), the toast's Undo puts back the months and the
 * exact dates, the keyboard walks the bars in the order they are drawn and
 * moves the selected one, and the accessible label counts the plan's tasks
 * and late tasks and follows the store.
 *
 * With SD_TIMELINE_SCREENSHOT=FILE.png, /timeline-view/screenshot writes
 * the widget showing the demo plan to FILE.png, to look at (see
 * test_screenshot() for the other variables).
 */

#define G_LOG_DOMAIN "test-timeline-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sd-demo.h"
#include "sd-person.h"
#include "sd-plan.h"
#include "sd-plan-stream.h"
#include "sd-plan-task.h"
#include "sd-store.h"
#include "sd-test-widgets.h"
#include "sd-timeline-view.h"
#include "sd-timeline-view-private.h"
#include "sd-unit.h"

#define N_STREAMS 3
#define N_TASKS   36

static const char *statuses[] = { "planned", "in-progress", "done", "cancelled" };

typedef struct
{
  char               *dir;
  SdStore            *store;
  SdPlan             *plan;
  int                 year;
  GPtrArray          *tasks;        /* of SdPlanTask, in creation order */
  GtkWidget          *window;
  GtkWidget          *scrolled;
  SdTimelineView     *view;
  GtkEventController *key;
  GtkGesture         *click;
  GtkGesture         *drag;

  SdPlanTask         *activated;
  guint               n_activated;
  guint               n_task_changes;
} Fixture;

static gint64
id (gpointer item)
{
  return sd_item_get_id (SD_ITEM (item));
}

static void
task_activated_cb (SdTimelineView *view,
                   SdPlanTask     *task,
                   Fixture        *f)
{
  f->activated = task;
  f->n_activated++;
}

static void
tasks_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  f->n_task_changes++;
}

static void
find_controllers (Fixture *f)
{
  f->key = sd_test_controller (f->view, GTK_TYPE_EVENT_CONTROLLER_KEY);
  f->drag = sd_test_controller (f->view, GTK_TYPE_GESTURE_DRAG);
  f->click = sd_test_controller (f->view, GTK_TYPE_GESTURE_CLICK);
}

/* The view in a scrolled window in a toast overlay, as on the Plan page. */
static void
show_view (Fixture *f,
           int      width,
           int      height)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  f->window = gtk_window_new ();
  f->view = SD_TIMELINE_VIEW (sd_timeline_view_new (f->store));
  sd_timeline_view_set_plan (f->view, f->plan);
  f->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (f->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (f->scrolled), GTK_WIDGET (f->view));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), f->scrolled);
  gtk_window_set_child (GTK_WINDOW (f->window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  gtk_window_present (GTK_WINDOW (f->window));
  for (int k = 0; k < 20 || gtk_widget_get_width (GTK_WIDGET (f->view)) == 0; k++)
    {
      g_assert_cmpint (k, <, 1000);
      sd_test_iterate ();
      g_usleep (1000);
    }

  g_signal_connect (f->view, "task-activated", G_CALLBACK (task_activated_cb), f);
  find_controllers (f);
}

static void
make_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("sd-test-timeline-view-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "plan.db", NULL);
  f->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->tasks = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Last year's plan: every task that is not done or cancelled is late,
 * whatever the date the test runs on. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gpointer unit, person, streams[N_STREAMS];

  make_store (f);
  f->year = g_date_time_get_year (now) - 1;

  unit = sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "信息部",
                          "kind", "department", NULL);
  g_assert_no_error (error);
  person = sd_store_insert (f->store, SD_TYPE_PERSON, &error, "name", "张伟",
                            "unit-id", id (unit), "active", TRUE, NULL);
  g_assert_no_error (error);
  f->plan = sd_store_insert (f->store, SD_TYPE_PLAN, &error, "year", f->year,
                             "goal", "实现核心商业秘密零泄露", NULL);
  g_assert_no_error (error);
  for (int s = 0; s < N_STREAMS; s++)
    {
      g_autofree char *name = g_strdup_printf ("工作方向 %d", s + 1);

      /* Inserted in the other order than their positions. */
      streams[s] = sd_store_insert (f->store, SD_TYPE_PLAN_STREAM, &error,
                                    "plan-id", id (f->plan), "name", name,
                                    "position", N_STREAMS - s, NULL);
      g_assert_no_error (error);
    }

  for (int i = 0; i < N_TASKS; i++)
    {
      g_autofree char *title = g_strdup_printf ("任务 %02d：保密检查与整改落实", i);
      int start = 1 + (i * 5) % 12;
      int end = MIN (12, start + i % 4);
      SdPlanTask *task;

      task = sd_store_insert (f->store, SD_TYPE_PLAN_TASK, &error,
                              "plan-id", id (f->plan),
                              "stream-id", id (streams[i % N_STREAMS]),
                              "title", title,
                              "owner-unit-id", id (unit),
                              "owner-person-id", i % 2 == 0 ? id (person) : (gint64) 0,
                              "start-month", start,
                              "end-month", end,
                              "status", statuses[i % G_N_ELEMENTS (statuses)],
                              "progress", (i * 7) % 100,
                              "position", N_TASKS - i,
                              NULL);
      g_assert_no_error (error);
      g_ptr_array_add (f->tasks, g_object_ref (task));
    }

  show_view (f, 1000, 600);
  g_signal_connect (sd_store_get_items (f->store, SD_TYPE_PLAN_TASK), "items-changed",
                    G_CALLBACK (tasks_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (sd_store_get_items (f->store, SD_TYPE_PLAN_TASK), f);
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  sd_test_iterate ();

  g_clear_pointer (&f->tasks, g_ptr_array_unref);
  sd_test_remove_store (&f->store, f->dir);
  g_free (f->dir);
}

/* Input, as the controllers report it. */

static void
click (Fixture *f,
       double   x,
       double   y)
{
  g_signal_emit_by_name (f->click, "pressed", 1, x, y);
  g_signal_emit_by_name (f->click, "released", 1, x, y);
}

static void
drag_begin (Fixture *f,
            double   x,
            double   y)
{
  /* A press starts both gestures. */
  g_signal_emit_by_name (f->click, "pressed", 1, x, y);
  g_signal_emit_by_name (f->drag, "drag-begin", x, y);
}

static void
drag (Fixture *f,
      double   x,
      double   y,
      double   dx,
      double   dy)
{
  drag_begin (f, x, y);
  g_signal_emit_by_name (f->drag, "drag-update", dx / 2, dy / 2);
  g_signal_emit_by_name (f->drag, "drag-update", dx, dy);
  g_signal_emit_by_name (f->drag, "drag-end", dx, dy);
  sd_test_iterate ();
}

static void
bar_rect (Fixture           *f,
          SdPlanTask        *task,
          cairo_rectangle_t *rect)
{
  g_assert_true (sd_timeline_view_get_bar_rect (f->view, task, rect));
  g_assert_cmpfloat (rect->width, >, 0);
}

static void
bar_center (Fixture    *f,
            SdPlanTask *task,
            double     *x,
            double     *y)
{
  cairo_rectangle_t rect;

  bar_rect (f, task, &rect);
  *x = rect.x + rect.width / 2;
  *y = rect.y + rect.height / 2;
}

static guint
n_audit (Fixture    *f,
         SdPlanTask *task)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sd_store_get_audit_entries (f->store, "plan_tasks",
                                                             id (task), &error);

  g_assert_no_error (error);
  return entries->len;
}

static void
assert_months (SdPlanTask *task,
               int         start,
               int         end)
{
  g_assert_cmpint (sd_plan_task_get_start_month (task), ==, start);
  g_assert_cmpint (sd_plan_task_get_end_month (task), ==, end);
}

static void
assert_label_has (Fixture    *f,
                  const char *text)
{
  const char *label = sd_timeline_view_get_accessible_label (f->view);

  g_assert_nonnull (label);
  if (strstr (label, text) == NULL)
    g_error ("“%s” is not in the accessible label “%s”", text, label);
}

/* The tasks in the order their bars are drawn, top to bottom, found from
 * where the widget draws them. */
static int
compare_by_y (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  Fixture *f = user_data;
  cairo_rectangle_t ra, rb;

  bar_rect (f, *(SdPlanTask **) a, &ra);
  bar_rect (f, *(SdPlanTask **) b, &rb);
  return ra.y < rb.y ? -1 : ra.y > rb.y;
}

static GPtrArray *
tasks_in_drawn_order (Fixture *f)
{
  /* The copy unrefs its elements as the original does. */
  GPtrArray *sorted = g_ptr_array_copy (f->tasks, (GCopyFunc) (void (*) (void)) g_object_ref,
                                        NULL);

  g_ptr_array_sort_with_data (sorted, compare_by_y, f);
  return sorted;
}

/* A task whose months leave room to change both ways. */
static SdPlanTask *
find_task (Fixture *f,
           int      min_length,
           gboolean room_left,
           gboolean room_right)
{
  for (guint k = 0; k < f->tasks->len; k++)
    {
      SdPlanTask *task = g_ptr_array_index (f->tasks, k);
      int start = sd_plan_task_get_start_month (task);
      int end = sd_plan_task_get_end_month (task);

      if (end - start + 1 >= min_length && (!room_left || start > 2) &&
          (!room_right || end < 11))
        return task;
    }
  g_assert_not_reached ();
}

/* Finding widgets, as a user sees them. */

static void
click_undo (Fixture *f)
{
  sd_test_iterate ();
  sd_test_click_button (f->window, "_Undo");
}

/* Tests */

/* A click on the middle of each bar selects its task, scrolled into view
 * or not; a click on a stream's heading or the month names selects
 * nothing. */
static void
test_click (Fixture       *f,
            gconstpointer  data)
{
  cairo_rectangle_t first;
  double x, y;

  g_assert_null (sd_timeline_view_get_selected_task (f->view));
  for (guint k = 0; k < f->tasks->len; k++)
    {
      SdPlanTask *task = g_ptr_array_index (f->tasks, k);

      bar_center (f, task, &x, &y);
      click (f, x, y);
      g_assert_true (sd_timeline_view_get_selected_task (f->view) == task);
    }

  /* The month names above the first bar and the heading of its stream. */
  {
    g_autoptr(GPtrArray) sorted = tasks_in_drawn_order (f);

    bar_rect (f, g_ptr_array_index (sorted, 0), &first);
    click (f, first.x + 1, 2);
    g_assert_null (sd_timeline_view_get_selected_task (f->view));
    bar_center (f, g_ptr_array_index (sorted, 0), &x, &y);
    click (f, x, y);
    g_assert_true (sd_timeline_view_get_selected_task (f->view) ==
                   g_ptr_array_index (sorted, 0));
    click (f, x, first.y - first.height / 2 - 4);
    g_assert_null (sd_timeline_view_get_selected_task (f->view));
  }

  /* Scrolled down, the month names stay at the top, over the rows: a
   * click there selects nothing; below them, bars are clicked as before. */
  {
    g_autoptr(GPtrArray) sorted = tasks_in_drawn_order (f);
    GtkAdjustment *adjustment =
      gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (f->scrolled));
    SdPlanTask *top = g_ptr_array_index (sorted, 10);
    SdPlanTask *below = g_ptr_array_index (sorted, 14);
    cairo_rectangle_t rect;

    sd_timeline_view_set_selected_task (f->view, NULL);
    bar_rect (f, top, &rect);
    gtk_adjustment_set_value (adjustment, rect.y);
    sd_test_settle_frames ();
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, rect.y);
    click (f, rect.x + rect.width / 2, rect.y + 1);
    g_assert_null (sd_timeline_view_get_selected_task (f->view));
    bar_center (f, below, &x, &y);
    click (f, x, y);
    g_assert_true (sd_timeline_view_get_selected_task (f->view) == below);
    gtk_adjustment_set_value (adjustment, 0);
    sd_test_settle_frames ();
  }

  /* A double click opens the task. */
  {
    SdPlanTask *task = g_ptr_array_index (f->tasks, 5);

    bar_center (f, task, &x, &y);
    g_signal_emit_by_name (f->click, "pressed", 1, x, y);
    g_signal_emit_by_name (f->click, "pressed", 2, x, y);
    g_assert_cmpuint (f->n_activated, ==, 1);
    g_assert_true (f->activated == task);
  }

  /* A tooltip over a bar says its title; none over the month names. */
  {
    g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
    gboolean shown_tip = FALSE;

    bar_center (f, g_ptr_array_index (f->tasks, 1), &x, &y);
    g_signal_emit_by_name (f->view, "query-tooltip", (int) x, (int) y, FALSE, tooltip,
                           &shown_tip);
    g_assert_true (shown_tip);
    shown_tip = FALSE;
    g_signal_emit_by_name (f->view, "query-tooltip", (int) x, 2, FALSE, tooltip, &shown_tip);
    g_assert_false (shown_tip);
  }
}

/* Dragging the right end by one month's width adds a month: one edit of
 * the store, one audit entry. While the drag goes on, the bar is drawn at
 * its prospective months and the store is untouched. */
static void
test_drag (Fixture       *f,
           gconstpointer  data)
{
  SdPlanTask *task = find_task (f, 2, TRUE, TRUE);
  int start = sd_plan_task_get_start_month (task);
  int end = sd_plan_task_get_end_month (task);
  double month = sd_timeline_view_get_month_width (f->view);
  guint audit = n_audit (f, task);
  cairo_rectangle_t rect, during;
  double y;

  g_assert_cmpfloat (month, >, 10);
  bar_rect (f, task, &rect);
  y = rect.y + rect.height / 2;

  /* The right end, half-way and held. */
  drag_begin (f, rect.x + rect.width - 1, y);
  g_signal_emit_by_name (f->drag, "drag-update", month, 0.0);
  sd_test_iterate ();
  bar_rect (f, task, &during);
  g_assert_cmpfloat_with_epsilon (during.width, rect.width + month, 0.01);
  g_assert_cmpuint (f->n_task_changes, ==, 0);
  assert_months (task, start, end);
  g_signal_emit_by_name (f->drag, "drag-end", month, 0.0);
  sd_test_iterate ();
  assert_months (task, start, end + 1);
  g_assert_cmpuint (f->n_task_changes, ==, 1);
  g_assert_cmpuint (n_audit (f, task), ==, audit + 1);
  g_assert_true (sd_timeline_view_get_selected_task (f->view) == task);

  /* The bar is drawn at its new months. */
  bar_rect (f, task, &during);
  g_assert_cmpfloat_with_epsilon (during.width, rect.width + month, 0.01);

  /* The left end dragged far beyond the right end stops at it. */
  bar_rect (f, task, &rect);
  drag (f, rect.x + 1, y, 8 * month, 0);
  assert_months (task, end + 1, end + 1);
  g_assert_cmpuint (f->n_task_changes, ==, 2);
  g_assert_cmpuint (n_audit (f, task), ==, audit + 2);

  /* The middle, two months back: both ends move. */
  bar_rect (f, task, &rect);
  drag (f, rect.x + rect.width / 2, y, -2 * month - 3, 5);
  assert_months (task, end - 1, end - 1);
  g_assert_cmpuint (f->n_task_changes, ==, 3);

  /* Not past January. */
  bar_rect (f, task, &rect);
  drag (f, rect.x + rect.width / 2, y, -14 * month, 0);
  assert_months (task, 1, 1);
  g_assert_cmpuint (f->n_task_changes, ==, 4);

  /* A move below the drag threshold, one that comes back to where it
   * started, and one on the title column change nothing. */
  bar_rect (f, task, &rect);
  drag (f, rect.x + rect.width / 2, y, 2, 0);
  drag (f, rect.x + rect.width - 1, y, month * 0.3, 0);
  g_signal_emit_by_name (f->drag, "drag-begin", rect.x + rect.width - 1, y);
  g_signal_emit_by_name (f->drag, "drag-update", 3 * month, 0.0);
  g_signal_emit_by_name (f->drag, "drag-update", 0.0, 0.0);
  g_signal_emit_by_name (f->drag, "drag-end", 0.0, 0.0);
  drag (f, 4, y, 5 * month, 0);
  sd_test_iterate ();
  assert_months (task, 1, 1);
  g_assert_cmpuint (f->n_task_changes, ==, 4);
  g_assert_cmpuint (n_audit (f, task), ==, audit + 4);

  /* Escape cancels a drag in progress. */
  drag_begin (f, rect.x + rect.width - 1, y);
  g_signal_emit_by_name (f->drag, "drag-update", 3 * month, 0.0);
  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Escape, 0));
  g_signal_emit_by_name (f->drag, "drag-end", 3 * month, 0.0);
  sd_test_iterate ();
  assert_months (task, 1, 1);
  g_assert_false (sd_test_press_key (f->key, GDK_KEY_Escape, 0));
}

/* The test hook moves as a release would; the toast's Undo puts back the
 * months and the exact dates the move cleared. A move the store refuses
 * says so. */
static void
test_move_undo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *start_date = g_strdup_printf ("%d-03-05", f->year);
  g_autofree char *end_date = g_strdup_printf ("%d-04-20", f->year);
  SdPlanTask *task = g_ptr_array_index (f->tasks, 3);
  guint audit;

  g_assert_true (sd_store_update (f->store, task, &error, "start-month", 3, "end-month", 4,
                                  "start-date", start_date, "end-date", end_date, NULL));
  g_assert_no_error (error);
  sd_test_iterate ();
  f->n_task_changes = 0;
  audit = n_audit (f, task);

  g_assert_true (sd_timeline_view_move_task (f->view, task, 6, 9));
  assert_months (task, 6, 9);
  g_assert_null (sd_plan_task_get_start_date (task));
  g_assert_null (sd_plan_task_get_end_date (task));
  g_assert_cmpuint (f->n_task_changes, ==, 1);
  g_assert_cmpuint (n_audit (f, task), ==, audit + 1);
  sd_test_iterate ();
  g_assert_nonnull (sd_test_find (f->window, sd_test_label_showing, "now runs"));

  click_undo (f);
  assert_months (task, 3, 4);
  g_assert_cmpstr (sd_plan_task_get_start_date (task), ==, start_date);
  g_assert_cmpstr (sd_plan_task_get_end_date (task), ==, end_date);
  g_assert_cmpuint (n_audit (f, task), ==, audit + 2);

  /* The same months and no dates: nothing to do. */
  g_assert_true (sd_timeline_view_move_task (f->view, task, 3, 4));
  g_assert_cmpuint (n_audit (f, task), ==, audit + 3);
  g_assert_true (sd_timeline_view_move_task (f->view, task, 3, 4));
  g_assert_cmpuint (n_audit (f, task), ==, audit + 3);

  /* The start after the end: refused, and a toast says so. */
  g_assert_false (sd_timeline_view_move_task (f->view, task, 8, 2));
  assert_months (task, 3, 4);
  g_assert_cmpuint (n_audit (f, task), ==, audit + 3);
  sd_test_iterate ();
  g_assert_nonnull (sd_test_find (f->window, sd_test_label_showing, "Could not change the months"));
}

/* Up and Down walk the bars in the order they are drawn; Shift, Alt and
 * Ctrl with Left and Right move the end, the start and the whole bar, one
 * edit each, never beyond the year or past each other; steps of one task
 * share one toast, whose Undo goes back to before the first; Enter opens
 * the selected task. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) sorted = tasks_in_drawn_order (f);
  SdPlanTask *task;
  guint audit;
  int start, end;

  g_assert_null (sd_timeline_view_get_selected_task (f->view));
  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Down, 0));
  g_assert_true (sd_timeline_view_get_selected_task (f->view) == g_ptr_array_index (sorted, 0));
  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Up, 0));
  g_assert_true (sd_timeline_view_get_selected_task (f->view) == g_ptr_array_index (sorted, 0));
  for (guint k = 1; k < sorted->len; k++)
    {
      g_assert_true (sd_test_press_key (f->key, GDK_KEY_Down, 0));
      g_assert_true (sd_timeline_view_get_selected_task (f->view) ==
                     g_ptr_array_index (sorted, k));
    }
  /* At the bottom it stays; Up goes back. */
  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Down, 0));
  g_assert_true (sd_timeline_view_get_selected_task (f->view) ==
                 g_ptr_array_index (sorted, sorted->len - 1));
  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Up, 0));
  g_assert_true (sd_timeline_view_get_selected_task (f->view) ==
                 g_ptr_array_index (sorted, sorted->len - 2));
  /* The last bar was scrolled into view: the view is taller than its window. */
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (
                       GTK_SCROLLED_WINDOW (f->scrolled))), >, 0);

  task = find_task (f, 2, TRUE, TRUE);
  sd_timeline_view_set_selected_task (f->view, task);
  g_assert_true (sd_timeline_view_get_selected_task (f->view) == task);
  start = sd_plan_task_get_start_month (task);
  end = sd_plan_task_get_end_month (task);
  audit = n_audit (f, task);
  f->n_task_changes = 0;

  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Right, GDK_SHIFT_MASK));
  assert_months (task, start, end + 1);
  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Left, GDK_ALT_MASK));
  assert_months (task, start - 1, end + 1);
  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Right, GDK_CONTROL_MASK));
  assert_months (task, start, end + 2);
  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Left, GDK_CONTROL_MASK));
  assert_months (task, start - 1, end + 1);
  g_assert_cmpuint (f->n_task_changes, ==, 4);
  g_assert_cmpuint (n_audit (f, task), ==, audit + 4);
  g_assert_true (sd_timeline_view_get_selected_task (f->view) == task);

  /* One toast for the four steps; its Undo goes back to the start. */
  click_undo (f);
  assert_months (task, start, end);
  g_assert_null (sd_test_find (f->window, sd_test_button_labelled, "_Undo"));

  /* The start never passes the end, nor the end the start. */
  for (int k = 0; k < 12; k++)
    sd_test_press_key (f->key, GDK_KEY_Right, GDK_ALT_MASK);
  assert_months (task, end, end);
  for (int k = 0; k < 12; k++)
    sd_test_press_key (f->key, GDK_KEY_Left, GDK_SHIFT_MASK);
  assert_months (task, end, end);
  /* Nor the year's ends. */
  for (int k = 0; k < 14; k++)
    sd_test_press_key (f->key, GDK_KEY_Right, GDK_CONTROL_MASK);
  assert_months (task, 12, 12);
  for (int k = 0; k < 14; k++)
    sd_test_press_key (f->key, GDK_KEY_Left, GDK_ALT_MASK);
  assert_months (task, 1, 12);

  /* Enter opens it; plain Left and Right are not the timeline's. */
  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Return, 0));
  g_assert_cmpuint (f->n_activated, ==, 1);
  g_assert_true (f->activated == task);
  g_assert_false (sd_test_press_key (f->key, GDK_KEY_Left, 0));
  g_assert_false (sd_test_press_key (f->key, GDK_KEY_Right, 0));
  g_assert_false (sd_test_press_key (f->key, GDK_KEY_Escape, 0));

  /* Nothing selected: no move, and Enter is not taken. */
  sd_timeline_view_set_selected_task (f->view, NULL);
  g_assert_null (sd_timeline_view_get_selected_task (f->view));
  g_assert_false (sd_test_press_key (f->key, GDK_KEY_Return, 0));
  sd_test_press_key (f->key, GDK_KEY_Right, GDK_SHIFT_MASK);
  assert_months (task, 1, 12);
}

/* "Timeline 2025: 36 tasks, 18 late", then the selection, kept current as
 * the store changes. */
static void
test_label (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  SdPlanTask *task = NULL;
  guint n_late = 0;

  /* Last year's plan: every task not done or cancelled is late. */
  for (guint k = 0; k < f->tasks->len; k++)
    {
      const char *status = sd_plan_task_get_status (g_ptr_array_index (f->tasks, k));

      if (g_str_equal (status, "planned") || g_str_equal (status, "in-progress"))
        n_late++;
      if (task == NULL && g_str_equal (status, "done"))
        task = g_ptr_array_index (f->tasks, k);
    }
  g_assert_cmpuint (n_late, >, 0);
  summary = g_strdup_printf ("Timeline %d: %u tasks, %u late", f->year, f->tasks->len, n_late);
  assert_label_has (f, summary);
  g_assert_null (strstr (sd_timeline_view_get_accessible_label (f->view), "Selected"));

  g_assert_true (sd_store_update (f->store, task, &error, "title", "保密自查",
                                  "start-month", 3, "end-month", 6, NULL));
  g_assert_no_error (error);
  sd_test_iterate ();
  sd_timeline_view_set_selected_task (f->view, task);
  assert_label_has (f, summary);
  assert_label_has (f, "Selected: 保密自查, March – June, Done");

  /* Moved and reopened in the store: the label follows. */
  g_assert_true (sd_store_update (f->store, task, &error, "status", "in-progress",
                                  "end-month", 7, NULL));
  g_assert_no_error (error);
  sd_test_iterate ();
  g_free (summary);
  summary = g_strdup_printf ("Timeline %d: %u tasks, %u late", f->year, f->tasks->len,
                             n_late + 1);
  assert_label_has (f, summary);
  assert_label_has (f, "Selected: 保密自查, March – July, In progress, late");

  /* Deleted: no longer selected, one task fewer. */
  g_assert_true (sd_store_delete (f->store, task, &error));
  g_assert_no_error (error);
  sd_test_iterate ();
  g_assert_null (sd_timeline_view_get_selected_task (f->view));
  g_free (summary);
  summary = g_strdup_printf ("Timeline %d: %u tasks, %u late", f->year, f->tasks->len - 1,
                             n_late);
  assert_label_has (f, summary);
  g_assert_null (strstr (sd_timeline_view_get_accessible_label (f->view), "Selected"));

  /* No plan. */
  sd_timeline_view_set_plan (f->view, NULL);
  assert_label_has (f, "no plan");
  g_assert_false (sd_test_press_key (f->key, GDK_KEY_Down, 0));
}

/* Another plan, a task added through the store, and a task of another
 * plan: only this plan's tasks are bars. */
static void
test_plans (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SdPlanTask *task = g_ptr_array_index (f->tasks, 0);
  cairo_rectangle_t rect;
  SdPlan *other;
  SdPlanTask *added, *elsewhere;

  sd_timeline_view_set_selected_task (f->view, task);
  /* This year's plan, with a task that ends in December: not late. */
  other = sd_store_insert (f->store, SD_TYPE_PLAN, &error, "year", f->year + 1, NULL);
  g_assert_no_error (error);
  elsewhere = sd_store_insert (f->store, SD_TYPE_PLAN_TASK, &error, "plan-id", id (other),
                               "title", "今年的任务", "start-month", 2, "end-month", 12,
                               "status", "planned", NULL);
  g_assert_no_error (error);
  added = sd_store_insert (f->store, SD_TYPE_PLAN_TASK, &error, "plan-id", id (f->plan),
                           "title", "新增任务", "start-month", 5, "end-month", 5,
                           "status", "planned", NULL);
  g_assert_no_error (error);
  sd_test_iterate ();
  g_assert_true (sd_timeline_view_get_bar_rect (f->view, added, &rect));
  g_assert_false (sd_timeline_view_get_bar_rect (f->view, elsewhere, &rect));
  g_assert_true (sd_timeline_view_get_selected_task (f->view) == task);

  /* Selecting a task of another plan selects nothing. */
  sd_timeline_view_set_selected_task (f->view, elsewhere);
  g_assert_null (sd_timeline_view_get_selected_task (f->view));

  sd_timeline_view_set_selected_task (f->view, task);
  sd_timeline_view_set_plan (f->view, other);
  g_assert_null (sd_timeline_view_get_selected_task (f->view));
  g_assert_true (sd_timeline_view_get_bar_rect (f->view, elsewhere, &rect));
  g_assert_false (sd_timeline_view_get_bar_rect (f->view, task, &rect));
  assert_label_has (f, "1 task, 0 late");
  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Down, 0));
  g_assert_true (sd_timeline_view_get_selected_task (f->view) == elsewhere);
}

/* A frame is drawn, scrolled to the middle (the month names pinned) and
 * in dark mode, under fatal warnings. */
static void
test_draw (Fixture       *f,
           gconstpointer  data)
{
  GtkAdjustment *adjustment =
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (f->scrolled));
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (f->view));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  sd_test_iterate ();
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  sd_test_iterate ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (f->view)),
                          gtk_widget_get_height (GTK_WIDGET (f->view)));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  sd_test_iterate ();
}

/* The plan with the most tasks of @plans. */
static SdPlan *
largest_plan (Fixture *f)
{
  GListModel *plans = sd_store_get_items (f->store, SD_TYPE_PLAN);
  GListModel *tasks = sd_store_get_items (f->store, SD_TYPE_PLAN_TASK);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *ids = g_new0 (gint64, g_list_model_get_n_items (plans) + 1);
  SdPlan *best = NULL;
  guint best_n = 0;

  for (guint k = 0; k < g_list_model_get_n_items (plans); k++)
    {
      g_autoptr(SdPlan) plan = g_list_model_get_item (plans, k);

      ids[k] = id (plan);
      g_hash_table_insert (counts, &ids[k], GUINT_TO_POINTER (0));
    }
  for (guint k = 0; k < g_list_model_get_n_items (tasks); k++)
    {
      g_autoptr(SdPlanTask) task = g_list_model_get_item (tasks, k);
      gint64 plan_id = sd_plan_task_get_plan_id (task);
      gpointer key;
      gpointer n;

      if (g_hash_table_lookup_extended (counts, &plan_id, &key, &n))
        g_hash_table_insert (counts, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
    }
  for (guint k = 0; k < g_list_model_get_n_items (plans); k++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &ids[k]));

      if (best == NULL || n > best_n)
        {
          best = sd_store_lookup (f->store, SD_TYPE_PLAN, ids[k]);
          best_n = n;
        }
    }
  g_test_message ("plan %d: %u tasks", sd_plan_get_year (best), best_n);
  return best;
}

static GdkTexture *
render_window (Fixture *f)
{
  int width = gtk_widget_get_width (f->window);
  int height = gtk_widget_get_height (f->window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (f->window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f->window)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* The demo plan (or, with SD_TIMELINE_DB=FILE, the largest plan of that
 * database, opened read-only), written to a PNG to look at. Optionally
 * scrolled to SD_TIMELINE_SCROLL (0..1 of the way down), with a drag in
 * progress (SD_TIMELINE_SCREENSHOT_DRAG), in dark mode
 * (SD_TIMELINE_SCREENSHOT_DARK). Reports how long building the bars and
 * drawing frames while scrolling take. */
static void
test_screenshot (void)
{
  const char *out = g_getenv ("SD_TIMELINE_SCREENSHOT");
  const char *db = g_getenv ("SD_TIMELINE_DB");
  const char *scroll = g_getenv ("SD_TIMELINE_SCROLL");
  Fixture fixture = { 0 }, *f = &fixture;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkAdjustment *adjustment;
  gint64 start;

  if (out == NULL)
    {
      g_test_skip ("SD_TIMELINE_SCREENSHOT is not set");
      return;
    }
  if (g_getenv ("SD_TIMELINE_SCREENSHOT_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);

  if (db != NULL)
    {
      f->dir = NULL;
      f->store = sd_store_open (db, SD_STORE_OPEN_NONE, &error);
      g_assert_no_error (error);
      f->tasks = g_ptr_array_new_with_free_func (g_object_unref);
    }
  else
    {
      make_store (f);
      g_assert_true (sd_demo_populate (f->store, &error));
      g_assert_no_error (error);
    }
  f->plan = largest_plan (f);

  start = g_get_monotonic_time ();
  show_view (f, 1200, 900);
  g_test_message ("first frame: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);

  /* The bars again, as after a change in the store. */
  sd_timeline_view_set_plan (f->view, NULL);
  start = g_get_monotonic_time ();
  sd_timeline_view_set_plan (f->view, f->plan);
  g_assert_nonnull (sd_timeline_view_get_accessible_label (f->view));
  g_test_message ("building the bars: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);

  /* A task selected, and one dragged half-way, as the user sees them. */
  {
    g_autoptr(GPtrArray) sorted = NULL;
    GListModel *tasks = sd_store_get_items (f->store, SD_TYPE_PLAN_TASK);

    for (guint k = 0; k < g_list_model_get_n_items (tasks); k++)
      {
        g_autoptr(SdPlanTask) task = g_list_model_get_item (tasks, k);

        if (sd_plan_task_get_plan_id (task) == id (f->plan))
          g_ptr_array_add (f->tasks, g_object_ref (task));
      }
    sorted = tasks_in_drawn_order (f);
    sd_timeline_view_set_selected_task (f->view, g_ptr_array_index (sorted, 1));
    if (g_getenv ("SD_TIMELINE_SCREENSHOT_DRAG") != NULL)
      {
        cairo_rectangle_t rect;

        bar_rect (f, g_ptr_array_index (sorted, 4), &rect);
        drag_begin (f, rect.x + rect.width - 1, rect.y + rect.height / 2);
        g_signal_emit_by_name (f->drag, "drag-update",
                               2 * sd_timeline_view_get_month_width (f->view), 0.0);
      }
  }
  sd_test_iterate ();

  /* Frames while scrolling down, a tenth of the way at a time: the
   * timeline's snapshot, and the whole window's rendering. */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (f->scrolled));
  {
    gint64 snapshots = 0, renders = 0;

    for (int k = 0; k < 10; k++)
      {
        g_autoptr(GdkTexture) frame = NULL;
        g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
        g_autoptr(GskRenderNode) node = NULL;

        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * k / 10);
        sd_test_settle_frames ();
        /* The widget's own drawing, not the frame GTK keeps. */
        start = g_get_monotonic_time ();
        GTK_WIDGET_GET_CLASS (f->view)->snapshot (GTK_WIDGET (f->view), snapshot);
        node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
        snapshots += g_get_monotonic_time () - start;
        sd_test_settle_frames ();
        start = g_get_monotonic_time ();
        frame = render_window (f);
        renders += g_get_monotonic_time () - start;
      }
    g_test_message ("while scrolling: the timeline's snapshot %.2f ms, the window's rendering "
                    "%.1f ms", snapshots / 10000.0, renders / 10000.0);
  }

  gtk_adjustment_set_value (adjustment, scroll != NULL
                            ? (gtk_adjustment_get_upper (adjustment)
                               - gtk_adjustment_get_page_size (adjustment))
                              * g_ascii_strtod (scroll, NULL)
                            : 0);
  sd_test_settle_frames ();
  texture = render_window (f);
  g_assert_true (gdk_texture_save_to_png (texture, out));
  g_test_message ("wrote %s", out);

  if (db != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (f->window));
      sd_test_iterate ();
      g_clear_pointer (&f->tasks, g_ptr_array_unref);
      g_clear_object (&f->store);
    }
  else
    fixture_tear_down (f, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Toasts go at once when dismissed. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) \
  g_test_add ("/timeline-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("click", test_click);
  ADD ("drag", test_drag);
  ADD ("move-undo", test_move_undo);
  ADD ("keyboard", test_keyboard);
  ADD ("label", test_label);
  ADD ("plans", test_plans);
  ADD ("draw", test_draw);
#undef ADD
  g_test_add_func ("/timeline-view/screenshot", test_screenshot);

  return g_test_run ();
}
