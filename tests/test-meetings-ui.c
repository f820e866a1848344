/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The plan's review meetings under Xvfb. The meetings view adds a
 * meeting, edits its kind, date, title and minutes in place, adds an
 * attendee through the picker, adds a decision and makes it a task (once
 * only), and deletes the meeting with an Undo that brings back its
 * attendees and decisions. Meeting mode has a summary slide, one per work
 * stream, the overdue tasks and the open findings; its keys move between
 * slides and record a task's status in the store, the slides follow the
 * store, and its smallest text is 1/40 of the screen height.
 *
 * With SD_TEST_SCREENSHOT=DIR set, the widgets are also saved as PNG
 * files in DIR (meetings*.png, meeting-mode-*.png).
 */

#define G_LOG_DOMAIN "test-meetings-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sd-decision.h"
#include "sd-finding.h"
#include "sd-inspection.h"
#include "sd-meeting-attendee.h"
#include "sd-meeting-mode.h"
#include "sd-meeting.h"
#include "sd-meetings-view.h"
#include "sd-person.h"
#include "sd-plan-edit.h"
#include "sd-plan-stream.h"
#include "sd-plan-task.h"
#include "sd-store.h"
#include "sd-ui.h"
#include "sd-unit.h"
#include "sd-test-widgets.h"

#define WIDTH 1920
#define HEIGHT 1080

typedef struct
{
  char         *dir;
  SdStore      *store;
  SdPlan       *plan;
  GPtrArray    *streams;    /* SdPlanStream, in order */
  SdPerson     *zhang, *li, *wang, *zhao;
  SdPlanTask   *t1, *t2, *t3;
  SdFinding    *open_finding, *closed_finding;
  GtkWindow    *window;
  GtkWidget    *overlay;
} Fixture;

static gint64
id (gpointer item)
{
  return sd_item_get_id (SD_ITEM (item));
}

static gpointer
inserted (gpointer  item,
          GError   *error)
{
  g_assert_no_error (error);
  g_assert_nonnull (item);
  return item;
}

/* sd_store_insert() that must succeed. */
#define insert_ok(store, type, ...) \
  G_GNUC_EXTENSION ({ \
    GError *insert_error_ = NULL; \
    gpointer item_ = sd_store_insert ((store), (type), &insert_error_, __VA_ARGS__); \
    inserted (item_, insert_error_); \
  })

static int
compare_streams (gconstpointer a,
                 gconstpointer b)
{
  return sd_plan_stream_get_position (*(SdPlanStream **) a) -
         sd_plan_stream_get_position (*(SdPlanStream **) b);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *path = NULL;
  GListModel *streams;
  SdUnit *office, *it;
  SdInspection *inspection;

  f->dir = g_dir_make_tmp ("sd-test-meetings-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "plan.db", NULL);
  f->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  office = insert_ok (f->store, SD_TYPE_UNIT, "name", "保密办", "kind", "department", NULL);
  it = insert_ok (f->store, SD_TYPE_UNIT, "name", "信息中心", "kind", "department", NULL);
  f->zhang = insert_ok (f->store, SD_TYPE_PERSON, "name", "张三", "unit-id", id (office),
                        "active", TRUE, NULL);
  f->li = insert_ok (f->store, SD_TYPE_PERSON, "name", "李四", "unit-id", id (it),
                     "active", TRUE, NULL);
  f->wang = insert_ok (f->store, SD_TYPE_PERSON, "name", "王五", "unit-id", id (it),
                       "active", TRUE, NULL);
  f->zhao = insert_ok (f->store, SD_TYPE_PERSON, "name", "赵六", "unit-id", id (it),
                       "active", FALSE, NULL);

  /* Last year's plan: every task not done by now is overdue, whatever
   * the day the test runs. */
  f->plan = sd_plan_create (f->store, g_date_time_get_year (now) - 1, &error);
  g_assert_no_error (error);
  g_assert_true (sd_store_update (f->store, f->plan, &error,
                                  "goal", "全年核心涉密信息零泄露",
                                  "policy", "预防为主、严格管理", NULL));
  g_assert_no_error (error);

  f->streams = g_ptr_array_new_with_free_func (g_object_unref);
  streams = sd_store_get_items (f->store, SD_TYPE_PLAN_STREAM);
  for (guint i = 0; i < g_list_model_get_n_items (streams); i++)
    {
      g_autoptr(SdPlanStream) stream = g_list_model_get_item (streams, i);

      if (sd_plan_stream_get_plan_id (stream) == id (f->plan))
        g_ptr_array_add (f->streams, g_steal_pointer (&stream));
    }
  g_ptr_array_sort (f->streams, compare_streams);
  g_assert_cmpuint (f->streams->len, ==, SD_N_PLAN_STREAMS);

  f->t1 = insert_ok (f->store, SD_TYPE_PLAN_TASK, "plan-id", id (f->plan),
                     "stream-id", id (f->streams->pdata[0]), "title", "全员保密培训",
                     "owner-unit-id", id (office), "owner-person-id", id (f->zhang),
                     "start-month", 3, "end-month", 4, "status", "planned", "position", 0,
                     NULL);
  f->t2 = insert_ok (f->store, SD_TYPE_PLAN_TASK, "plan-id", id (f->plan),
                     "stream-id", id (f->streams->pdata[0]), "title", "新员工保密教育",
                     "owner-unit-id", id (office), "start-month", 5, "end-month", 6,
                     "status", "in-progress", "progress", 40, "position", 1, NULL);
  f->t3 = insert_ok (f->store, SD_TYPE_PLAN_TASK, "plan-id", id (f->plan),
                     "stream-id", id (f->streams->pdata[1]), "title", "修订保密管理制度",
                     "start-month", 1, "end-month", 2, "status", "done", "progress", 100,
                     "position", 0, NULL);

  inspection = insert_ok (f->store, SD_TYPE_INSPECTION, "plan-id", id (f->plan),
                          "kind", "self-check", "date", "2020-05-01", NULL);
  f->open_finding = insert_ok (f->store, SD_TYPE_FINDING, "inspection-id", id (inspection),
                               "unit-id", id (it), "description", "涉密计算机违规连接互联网",
                               "severity", "high", "responsible-person-id", id (f->li),
                               "deadline", "2020-06-30", "status", "open", NULL);
  f->closed_finding = insert_ok (f->store, SD_TYPE_FINDING, "inspection-id", id (inspection),
                                 "description", "文件柜未上锁", "deadline", "2020-06-30",
                                 "status", "closed", NULL);

  /* Toasts find the window's overlay among the ancestors. */
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (f->window, FALSE);
  gtk_window_set_default_size (f->window, WIDTH, HEIGHT);
  f->overlay = adw_toast_overlay_new ();
  gtk_window_set_child (f->window, f->overlay);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sd_test_destroy_windows ();

  g_clear_pointer (&f->streams, g_ptr_array_unref);
  sd_test_remove_store (&f->store, f->dir);
  g_free (f->dir);
}

static void
show (Fixture   *f,
      GtkWidget *child)
{
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (f->overlay), child);
  gtk_window_present (f->window);
  sd_test_settle ();
}

/* Finding widgets: see sd-test-widgets.h. */

static gboolean
has_class (GtkWidget  *widget,
           const char *style_class)
{
  return gtk_widget_has_css_class (widget, style_class);
}

static guint
n_attendees (Fixture *f,
             gint64   meeting_id)
{
  GListModel *model = sd_store_get_items (f->store, SD_TYPE_MEETING_ATTENDEE);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdMeetingAttendee) attendee = g_list_model_get_item (model, i);

      n += sd_meeting_attendee_get_meeting_id (attendee) == meeting_id;
    }
  return n;
}

static SdDecision *
only_decision (Fixture *f,
               gint64   meeting_id)
{
  GListModel *model = sd_store_get_items (f->store, SD_TYPE_DECISION);
  SdDecision *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdDecision) decision = g_list_model_get_item (model, i);

      if (sd_decision_get_meeting_id (decision) != meeting_id)
        continue;
      g_assert_null (found);
      found = decision;
    }
  return found;
}

static void
activate_entry_row (GtkWidget  *root,
                    const char *title,
                    const char *text)
{
  GtkWidget *row = sd_test_find_shown (root, sd_test_row_titled, title);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "entry-activated");
  sd_test_iterate ();
}

/* The meetings view */

static void
test_view_edit (Fixture       *f,
                gconstpointer  data)
{
  SdMeetingsView *view = SD_MEETINGS_VIEW (sd_meetings_view_new (f->store));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;
  GtkWidget *widget = GTK_WIDGET (view);
  GtkWidget *kind, *picker, *search, *make, *popover, *list_view;
  GtkWidget *drop_downs[3] = { NULL };
  GtkTextBuffer *minutes;
  SdMeeting *meeting;
  SdDecision *decision;
  SdPlanTask *task;
  GListModel *offered;
  guint n_tasks, k = 0;

  show (f, widget);
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "No Plan"));
  g_assert_null (sd_meetings_view_add (view));

  sd_meetings_view_set_plan (view, f->plan);
  sd_test_iterate ();
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "No Meetings Yet"));

  /* Added: of today, a quarterly review, selected and shown. */
  meeting = sd_meetings_view_add (view);
  g_assert_nonnull (meeting);
  sd_test_iterate ();
  g_assert_cmpuint (sd_meeting_get_plan_id (meeting), ==, id (f->plan));
  g_assert_cmpstr (sd_meeting_get_date (meeting), ==, today);
  g_assert_cmpstr (sd_meeting_get_kind (meeting), ==, "quarterly-review");
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "Quarterly review"));
  g_assert_nonnull (sd_test_find (widget, sd_test_label_showing, "0 attendees · 0 decisions"));

  /* The kind, as it is chosen. */
  kind = sd_test_find_shown (widget, sd_test_row_titled, "_Kind");
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 2);
  sd_test_iterate ();
  g_assert_cmpstr (sd_meeting_get_kind (meeting), ==, "year-end");
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "Year-end summary"));

  /* The date on Enter; one that is no date is refused, with a word why. */
  activate_entry_row (widget, "_Date (YYYY-MM-DD)", "2026-02-30");
  g_assert_cmpstr (sd_meeting_get_date (meeting), ==, today);
  g_assert_nonnull (sd_test_find (GTK_WIDGET (f->window), sd_test_label_showing, "is not a date"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sd_test_find_shown (widget,
                                                                            sd_test_row_titled,
                                                                            "_Date (YYYY-MM-DD)"))),
                   ==, today);
  activate_entry_row (widget, "_Date (YYYY-MM-DD)", " 2025-12-20 ");
  g_assert_cmpstr (sd_meeting_get_date (meeting), ==, "2025-12-20");

  /* The title on Enter, the minutes a moment after typing stops. */
  activate_entry_row (widget, "_Title", "2025年度保密工作总结会");
  g_assert_cmpstr (sd_meeting_get_title (meeting), ==, "2025年度保密工作总结会");
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "2025年度保密工作总结会"));
  minutes = gtk_text_view_get_buffer (GTK_TEXT_VIEW (sd_test_find_shown (widget, has_class,
                                                                 "sd-meeting-minutes")));
  gtk_text_buffer_set_text (minutes, "会议通报了全年保密工作。", -1);
  g_assert_null (sd_meeting_get_minutes (meeting));
  sd_test_settle_for (1300);
  g_assert_cmpstr (sd_meeting_get_minutes (meeting), ==, "会议通报了全年保密工作。");

  /* An attendee through the picker: a list view over the active people
   * who do not attend yet, searched by name or unit. */
  picker = gtk_widget_get_ancestor (sd_test_find_shown (widget, sd_test_label_is, "Add Attendee"),
                                    GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (picker);
  gtk_menu_button_popup (GTK_MENU_BUTTON (picker));
  sd_test_settle ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (picker)));
  list_view = sd_test_find_shown (popover, sd_test_is_type, "GtkListView");
  offered = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
  g_assert_cmpuint (g_list_model_get_n_items (offered), ==, 3);  /* 赵六 is inactive */
  search = sd_test_find_shown (popover, sd_test_is_type, "GtkSearchEntry");
  gtk_editable_set_text (GTK_EDITABLE (search), "信息");
  sd_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (offered), ==, 2);  /* 李四, 王五 */
  gtk_editable_set_text (GTK_EDITABLE (search), "李");
  sd_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (offered), ==, 1);
  sd_test_save_screenshot (popover, "meetings-picker.png");
  g_signal_emit_by_name (search, "activate");
  sd_test_iterate ();
  g_assert_cmpuint (n_attendees (f, id (meeting)), ==, 1);
  sd_test_settle ();
  /* 李四 attends now, and is no longer offered. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (offered), ==, 2);
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "李四"));
  g_assert_nonnull (sd_test_find (widget, sd_test_label_showing, "1 attendee · 0 decisions"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (picker));
  sd_test_iterate ();

  /* A decision, with Enter. */
  activate_entry_row (widget, "_New decision", "  下季度开展涉密载体专项检查  ");
  decision = only_decision (f, id (meeting));
  g_assert_nonnull (decision);
  g_assert_cmpstr (sd_decision_get_text (decision), ==, "下季度开展涉密载体专项检查");
  g_assert_cmpint (sd_decision_get_task_id (decision), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sd_test_find_shown (widget,
                                                                            sd_test_row_titled,
                                                                            "_New decision"))),
                   ==, "");
  sd_test_iterate ();
  g_assert_nonnull (sd_test_find (widget, sd_test_row_titled, "下季度开展涉密载体专项检查"));
  g_assert_nonnull (sd_test_find (widget, sd_test_label_showing, "1 attendee · 1 decision"));

  /* Made a task: in the stream and months chosen, titled as the decision. */
  n_tasks = g_list_model_get_n_items (sd_store_get_items (f->store, SD_TYPE_PLAN_TASK));
  make = sd_test_find_shown (widget, has_class, "sd-make-task-button");
  gtk_menu_button_popup (GTK_MENU_BUTTON (make));
  sd_test_settle ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (make)));
  for (GtkWidget *child = sd_test_find_shown (popover, sd_test_is_type, "GtkDropDown");
       child != NULL && k < 3;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_DROP_DOWN (child))
      drop_downs[k++] = child;
  g_assert_cmpuint (k, ==, 3);
  /* The meeting is in the plan's year: its month comes first. */
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_downs[1])), ==, 11);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_downs[0]), SD_PLAN_STREAM_INSPECTION);
  /* The start cannot go after the end. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_downs[2]), 5);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_downs[1])), ==, 5);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_downs[1]), 3);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_downs[2])), ==, 5);
  g_signal_emit_by_name (sd_test_find_shown (popover, has_class, "sd-make-task"), "clicked");
  sd_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (f->store, SD_TYPE_PLAN_TASK)),
                    ==, n_tasks + 1);
  task = sd_store_lookup (f->store, SD_TYPE_PLAN_TASK, sd_decision_get_task_id (decision));
  g_assert_nonnull (task);
  g_assert_cmpstr (sd_plan_task_get_title (task), ==, "下季度开展涉密载体专项检查");
  g_assert_cmpint (sd_plan_task_get_plan_id (task), ==, id (f->plan));
  g_assert_cmpint (sd_plan_task_get_stream_id (task), ==,
                   id (f->streams->pdata[SD_PLAN_STREAM_INSPECTION]));
  g_assert_cmpint (sd_plan_task_get_start_month (task), ==, 4);
  g_assert_cmpint (sd_plan_task_get_end_month (task), ==, 6);
  g_assert_cmpstr (sd_plan_task_get_status (task), ==, "planned");

  /* The row shows the task and its status; it cannot be made again. */
  sd_test_settle ();
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "Task: 下季度开展涉密载体专项检查 · Planned"));
  g_assert_null (sd_test_find (widget, has_class, "sd-make-task-button"));
  g_assert_null (sd_decision_make_task (f->store, decision, NULL, 1, 2, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (f->store, SD_TYPE_PLAN_TASK)),
                    ==, n_tasks + 1);
  /* The task's status follows. */
  g_assert_true (sd_store_update (f->store, task, &error, "status", "in-progress", NULL));
  sd_test_settle ();
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "Task: 下季度开展涉密载体专项检查 · In progress"));

  sd_test_save_screenshot (GTK_WIDGET (f->window), "meetings.png");
}

static void
test_view_delete_undo (Fixture       *f,
                       gconstpointer  data)
{
  SdMeetingsView *view = SD_MEETINGS_VIEW (sd_meetings_view_new (f->store));
  GtkWidget *widget = GTK_WIDGET (view);
  g_autoptr(GError) error = NULL;
  SdMeeting *first, *second, *back;
  SdDecision *decision;
  SdPlanTask *task;
  gint64 second_id, task_id;

  show (f, widget);
  sd_meetings_view_set_plan (view, f->plan);
  first = sd_meetings_view_add (view);
  g_assert_true (sd_store_update (f->store, first, &error, "date", "2025-03-01",
                                  "title", "一季度例会", NULL));
  second = sd_meetings_view_add (view);
  second_id = id (second);
  g_assert_true (sd_store_update (f->store, second, &error, "date", "2025-06-30",
                                  "title", "二季度例会", NULL));
  insert_ok (f->store, SD_TYPE_MEETING_ATTENDEE, "meeting-id", second_id,
             "person-id", id (f->zhang), NULL);
  insert_ok (f->store, SD_TYPE_MEETING_ATTENDEE, "meeting-id", second_id,
             "person-id", id (f->wang), NULL);
  decision = insert_ok (f->store, SD_TYPE_DECISION, "meeting-id", second_id,
                        "text", "完善应急预案", NULL);
  task = sd_decision_make_task (f->store, decision, f->streams->pdata[6], 7, 9, &error);
  g_assert_no_error (error);
  task_id = id (task);
  sd_test_settle ();
  g_assert_nonnull (sd_test_find (widget, sd_test_label_showing, "2 attendees · 1 decision"));
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "张三"));

  /* Deleted with its attendees and decisions; its neighbour is shown. */
  g_assert_true (gtk_widget_activate_action (widget, "meetings.delete", NULL));
  sd_test_iterate ();
  g_assert_null (sd_store_lookup (f->store, SD_TYPE_MEETING, second_id));
  g_assert_cmpuint (n_attendees (f, second_id), ==, 0);
  g_assert_null (only_decision (f, second_id));
  g_assert_nonnull (sd_store_lookup (f->store, SD_TYPE_PLAN_TASK, task_id));
  g_assert_nonnull (sd_test_find (f->window, sd_test_label_showing, "Meeting “二季度例会” deleted"));
  sd_test_settle ();
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "一季度例会"));
  g_assert_null (sd_test_find (widget, sd_test_label_is, "二季度例会"));
  g_assert_null (sd_test_find (widget, sd_test_label_is, "张三"));

  /* Undo: all of it back, and shown again. */
  g_signal_emit_by_name (sd_test_find_shown (f->window, sd_test_button_labelled, "_Undo"),
                         "clicked");
  sd_test_iterate ();
  back = sd_store_lookup (f->store, SD_TYPE_MEETING, second_id);
  g_assert_nonnull (back);
  g_assert_cmpstr (sd_meeting_get_title (back), ==, "二季度例会");
  g_assert_cmpuint (n_attendees (f, second_id), ==, 2);
  decision = only_decision (f, second_id);
  g_assert_nonnull (decision);
  g_assert_cmpstr (sd_decision_get_text (decision), ==, "完善应急预案");
  g_assert_cmpint (sd_decision_get_task_id (decision), ==, task_id);
  sd_test_settle ();
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "张三"));
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "Task: 完善应急预案 · Planned"));

  /* The last one gone: the empty state says what to do. */
  g_assert_true (gtk_widget_activate_action (widget, "meetings.delete", NULL));
  g_assert_true (gtk_widget_activate_action (widget, "meetings.delete", NULL));
  sd_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (f->store, SD_TYPE_MEETING)),
                    ==, 0);
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "No Meetings Yet"));
}

/* Meeting mode */

static void
press (SdMeetingMode *mode,
       guint          keyval)
{
  GtkEventController *key = sd_test_controller (mode, GTK_TYPE_EVENT_CONTROLLER_KEY);

  g_assert_true (sd_test_press_key (key, keyval, 0));
  sd_test_iterate ();
}

static void
leave_cb (SdMeetingMode *mode,
          guint         *count)
{
  (*count)++;
}

static void
check_text_size (GtkWidget *widget,
                 int        min_px,
                 guint     *n_checked)
{
  PangoFontDescription *font;
  double px;

  if (!sd_test_shown (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
      px = (double) pango_font_description_get_size (font) / PANGO_SCALE;
      if (!pango_font_description_get_size_is_absolute (font))
        px = px * 96.0 / 72.0;
      if (px + 0.01 < min_px)
        g_error ("label “%s” has %.1f px text, less than %d px",
                 gtk_label_get_text (GTK_LABEL (widget)), px, min_px);
      (*n_checked)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_text_size (child, min_px, n_checked);
}

static void
test_mode_slides_and_keys (Fixture       *f,
                           gconstpointer  data)
{
  SdMeetingMode *mode = SD_MEETING_MODE (sd_meeting_mode_new (f->store));
  GtkWidget *widget = GTK_WIDGET (mode);
  g_autoptr(GError) error = NULL;
  guint n, left = 0;

  show (f, widget);
  sd_meeting_mode_start (mode, f->plan);
  sd_test_settle ();

  /* The summary, a slide per stream, the overdue tasks, the open findings. */
  n = sd_meeting_mode_get_n_slides (mode);
  g_assert_cmpuint (n, ==, 1 + f->streams->len + 2);
  g_assert_cmpuint (sd_meeting_mode_get_slide (mode), ==, 0);
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "1 / 10"));
  g_assert_nonnull (sd_test_find (widget, sd_test_label_showing, "全年核心涉密信息零泄露"));
  /* 1 of the 3 tasks done; 2 overdue; 1 of 2 findings closed, 1 overdue. */
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "1/3 (33 %)"));
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "1/2 (50 %)"));
  /* The window's focus widget, whether or not the window is the active
   * one: tests running side by side on one display take turns at that. */
  g_assert_true (gtk_root_get_focus (gtk_widget_get_root (widget)) == widget);
  sd_test_save_screenshot (GTK_WIDGET (f->window), "meeting-mode-summary.png");

  /* Moving about. */
  press (mode, GDK_KEY_Right);
  g_assert_cmpuint (sd_meeting_mode_get_slide (mode), ==, 1);
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "2 / 10"));
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is,
                                  sd_plan_stream_get_name (f->streams->pdata[0])));
  press (mode, GDK_KEY_End);
  g_assert_cmpuint (sd_meeting_mode_get_slide (mode), ==, n - 1);
  press (mode, GDK_KEY_Right);
  g_assert_cmpuint (sd_meeting_mode_get_slide (mode), ==, n - 1);
  press (mode, GDK_KEY_Page_Up);
  g_assert_cmpuint (sd_meeting_mode_get_slide (mode), ==, n - 2);
  press (mode, GDK_KEY_Home);
  g_assert_cmpuint (sd_meeting_mode_get_slide (mode), ==, 0);
  press (mode, GDK_KEY_Left);
  g_assert_cmpuint (sd_meeting_mode_get_slide (mode), ==, 0);
  press (mode, GDK_KEY_space);
  press (mode, GDK_KEY_Page_Down);
  g_assert_cmpuint (sd_meeting_mode_get_slide (mode), ==, 2);
  press (mode, GDK_KEY_7);
  g_assert_cmpuint (sd_meeting_mode_get_slide (mode), ==, 7);
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "8 / 10"));

  /* The first stream: its two tasks, both late; D on the first records
   * it done in the store, and the slide follows. */
  press (mode, GDK_KEY_1);
  g_assert_cmpuint (sd_meeting_mode_get_slide (mode), ==, 1);
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "全员保密培训"));
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "新员工保密教育"));
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "0/2 done · 2 late"));
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "Late"));
  press (mode, GDK_KEY_Down);
  g_assert_nonnull (sd_test_find (widget, has_class, "selected"));
  sd_test_save_screenshot (GTK_WIDGET (f->window), "meeting-mode-stream.png");
  press (mode, GDK_KEY_d);
  g_assert_cmpstr (sd_plan_task_get_status (f->t1), ==, "done");
  g_assert_cmpint (sd_plan_task_get_progress (f->t1), ==, 100);
  g_assert_cmpstr (sd_plan_task_get_status (f->t2), ==, "in-progress");
  sd_test_settle ();
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "1/2 done · 1 late"));
  /* The choice stays on the task; Down and P go on to the next. */
  press (mode, GDK_KEY_Down);
  press (mode, GDK_KEY_P);
  g_assert_cmpstr (sd_plan_task_get_status (f->t2), ==, "in-progress");
  press (mode, GDK_KEY_D);
  g_assert_cmpstr (sd_plan_task_get_status (f->t2), ==, "done");
  press (mode, GDK_KEY_p);
  g_assert_cmpstr (sd_plan_task_get_status (f->t2), ==, "in-progress");
  sd_test_settle ();

  /* The overdue list has what is late now, and follows the store. */
  press (mode, GDK_KEY_End);
  press (mode, GDK_KEY_Left);
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "Overdue Tasks"));
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "新员工保密教育"));
  g_assert_null (sd_test_find (widget, sd_test_label_is, "全员保密培训"));
  g_assert_true (sd_store_update (f->store, f->t1, &error, "status", "planned", NULL));
  sd_test_settle ();
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "全员保密培训"));
  g_assert_cmpuint (sd_meeting_mode_get_slide (mode), ==, n - 2);

  /* The open findings, the overdue one marked; not the closed one. */
  press (mode, GDK_KEY_Right);
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "Open Findings"));
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "涉密计算机违规连接互联网"));
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "Overdue"));
  g_assert_null (sd_test_find (widget, sd_test_label_is, "文件柜未上锁"));
  sd_test_save_screenshot (GTK_WIDGET (f->window), "meeting-mode-findings.png");
  g_assert_true (sd_store_update (f->store, f->open_finding, &error, "status", "closed", NULL));
  sd_test_settle ();
  g_assert_null (sd_test_find (widget, sd_test_label_is, "涉密计算机违规连接互联网"));
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "No open findings."));

  /* A stream more is a slide more; tasks of no stream get one of their
   * own, before the overdue list, only while there are any. */
  insert_ok (f->store, SD_TYPE_PLAN_STREAM, "plan-id", id (f->plan), "name", "专项整治",
             "position", 7, NULL);
  sd_test_settle ();
  g_assert_cmpuint (sd_meeting_mode_get_n_slides (mode), ==, n + 1);
  insert_ok (f->store, SD_TYPE_PLAN_TASK, "plan-id", id (f->plan), "title", "年终总结",
             "start-month", 12, "end-month", 12, NULL);
  sd_test_settle ();
  g_assert_cmpuint (sd_meeting_mode_get_n_slides (mode), ==, n + 2);
  press (mode, GDK_KEY_End);
  press (mode, GDK_KEY_Left);
  press (mode, GDK_KEY_Left);
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "Tasks Without a Work Stream"));
  g_assert_nonnull (sd_test_find (widget, sd_test_label_is, "年终总结"));

  /* Escape and F5 leave. */
  g_signal_connect (mode, "leave", G_CALLBACK (leave_cb), &left);
  press (mode, GDK_KEY_Escape);
  press (mode, GDK_KEY_F5);
  g_assert_cmpuint (left, ==, 2);
}

static void
test_mode_text_size (Fixture       *f,
                     gconstpointer  data)
{
  SdMeetingMode *mode = SD_MEETING_MODE (sd_meeting_mode_new (f->store));
  int min_px = (HEIGHT + 39) / 40;
  guint n_checked = 0;

  show (f, GTK_WIDGET (mode));
  sd_meeting_mode_start (mode, f->plan);
  sd_test_settle ();
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), ==, HEIGHT);

  /* Every slide, every label: at least 1/40 of the screen's height. */
  for (guint i = 0; i < sd_meeting_mode_get_n_slides (mode); i++)
    {
      g_assert_cmpuint (sd_meeting_mode_get_slide (mode), ==, i);
      sd_test_settle_for (50);
      check_text_size (GTK_WIDGET (mode), min_px, &n_checked);
      press (mode, GDK_KEY_Right);
    }
  g_assert_cmpuint (n_checked, >, 60);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  sd_test_load_style ();

#define ADD(path, func) \
  g_test_add ("/meetings-ui/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("view/edit", test_view_edit);
  ADD ("view/delete-undo", test_view_delete_undo);
  ADD ("mode/slides-and-keys", test_mode_slides_and_keys);
  ADD ("mode/text-size", test_mode_text_size);

#undef ADD

  return g_test_run ();
}
