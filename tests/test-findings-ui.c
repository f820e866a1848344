/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The inspections and findings of the annual plan under Xvfb: the view
 * lists the plan's inspections, each followed by its findings, and no other
 * plan's; the "Overdue" filter leaves exactly the overdue findings, marked
 * with "Overdue since <deadline>"; "Close Finding…" asks for the evidence,
 * refuses to close without it and records status, evidence and today's
 * date; deleting an inspection takes its findings, and Undo brings them
 * back; the finding editor creates a finding of the selected inspection,
 * checks its dates inline, closes and reopens it; the inspection editor
 * creates an inspection of the plan, dated today.
 *
 * With SD_TEST_SCREENSHOT=DIR set, the view is also saved as
 * DIR/findings.png, with the dialog as DIR/findings-close.png and the
 * editor as DIR/finding-editor.png.
 */

#define G_LOG_DOMAIN "test-findings-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sd-finding-editor.h"
#include "sd-finding.h"
#include "sd-findings-view.h"
#include "sd-inspection-editor.h"
#include "sd-inspection.h"
#include "sd-person.h"
#include "sd-plan-stats.h"
#include "sd-plan.h"
#include "sd-store.h"
#include "sd-ui.h"
#include "sd-unit.h"
#include "sd-test-widgets.h"

#define WIDTH 1280
#define HEIGHT 800

typedef struct
{
  char         *dir;
  SdStore      *store;
  SdPlan       *plan, *other_plan, *empty_plan;
  SdUnit       *it, *office;
  SdPerson     *zhang, *li;
  SdInspection *march, *may, *last_year;
  /* Of the plan: */
  SdFinding    *late, *due_today, *later, *closed, *late_rectifying, *no_deadline, *audit;
  /* Of the other plan, overdue too: */
  SdFinding    *old;
  char         *today, *yesterday, *tomorrow, *last_month;
  GtkWindow    *window;
  GtkWidget    *overlay;
  GtkWidget    *view;
} Fixture;

static char *
day (GDateTime *now,
     int        days)
{
  g_autoptr(GDateTime) when = g_date_time_add_days (now, days);

  return g_date_time_format (when, "%Y-%m-%d");
}

static gpointer
insert (Fixture *f,
        GType    type,
        ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;
  gpointer item;
  va_list args;

  /* Pairs of property and string, or of an id property and gint64. */
  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);
  va_start (args, type);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      GValue value = G_VALUE_INIT;

      if (g_str_has_suffix (name, "-id"))
        {
          g_value_init (&value, G_TYPE_INT64);
          g_value_set_int64 (&value, va_arg (args, gint64));
        }
      else if (g_str_equal (name, "year"))
        {
          g_value_init (&value, G_TYPE_INT);
          g_value_set_int (&value, va_arg (args, int));
        }
      else
        {
          g_value_init (&value, G_TYPE_STRING);
          g_value_set_string (&value, va_arg (args, const char *));
        }
      g_ptr_array_add (names, (gpointer) name);
      g_array_append_val (values, value);
    }
  va_end (args);

  item = sd_store_insertv (f->store, type, names->len, (const char **) names->pdata,
                           (const GValue *) values->data, &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);
  return item;
}

static gint64
id_of (gpointer item)
{
  return sd_item_get_id (SD_ITEM (item));
}

static SdFinding *
add_finding (Fixture      *f,
             SdInspection *inspection,
             const char   *description,
             const char   *deadline,
             const char   *status)
{
  return insert (f, SD_TYPE_FINDING,
                 "inspection-id", id_of (inspection),
                 "unit-id", id_of (f->it),
                 "description", description,
                 "severity", "high",
                 "responsible-person-id", id_of (f->zhang),
                 "deadline", deadline,
                 "status", status,
                 NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *path = NULL;
  int year = g_date_time_get_year (now);

  f->dir = g_dir_make_tmp ("sd-test-findings-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "plan.db", NULL);
  f->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  f->today = day (now, 0);
  f->yesterday = day (now, -1);
  f->tomorrow = day (now, 1);
  f->last_month = day (now, -31);

  f->it = insert (f, SD_TYPE_UNIT, "name", "信息部", NULL);
  f->office = insert (f, SD_TYPE_UNIT, "name", "综合办公室", NULL);
  f->zhang = insert (f, SD_TYPE_PERSON, "name", "张伟", "unit-id", id_of (f->it), NULL);
  f->li = insert (f, SD_TYPE_PERSON, "name", "李娜", "unit-id", id_of (f->office), NULL);
  f->plan = insert (f, SD_TYPE_PLAN, "year", year, NULL);
  f->other_plan = insert (f, SD_TYPE_PLAN, "year", year - 1, NULL);
  f->empty_plan = insert (f, SD_TYPE_PLAN, "year", year + 1, NULL);

  /* Inserted out of date order: the list sorts them by date. */
  f->may = insert (f, SD_TYPE_INSPECTION, "plan-id", id_of (f->plan), "kind", "audit",
                   "title", "年中保密审计", "date", f->tomorrow, NULL);
  f->march = insert (f, SD_TYPE_INSPECTION, "plan-id", id_of (f->plan), "kind", "self-check",
                     "title", "一季度保密自查", "date", f->last_month,
                     "unit-id", id_of (f->it), NULL);
  f->last_year = insert (f, SD_TYPE_INSPECTION, "plan-id", id_of (f->other_plan),
                         "kind", "spot-check", "title", "去年抽查", "date", "2020-11-01", NULL);

  f->late = add_finding (f, f->march, "涉密计算机未及时更新补丁", f->yesterday, "open");
  f->due_today = add_finding (f, f->march, "机房出入登记不全", f->today, "open");
  f->later = add_finding (f, f->march, "保密柜密码未定期更换", f->tomorrow, "rectifying");
  f->closed = add_finding (f, f->march, "废旧硬盘未登记销毁", f->last_month, "closed");
  f->late_rectifying = add_finding (f, f->march, "移动存储介质混用", f->last_month,
                                    "rectifying");
  f->no_deadline = add_finding (f, f->march, "保密宣传栏内容陈旧", NULL, "open");
  f->audit = add_finding (f, f->may, "外包人员未签保密承诺书", f->last_month, "open");
  f->old = add_finding (f, f->last_year, "去年的遗留问题", "2020-12-01", "open");

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, WIDTH, HEIGHT);
  f->overlay = adw_toast_overlay_new ();
  gtk_window_set_child (f->window, f->overlay);
  f->view = sd_findings_view_new (f->store);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (f->overlay), f->view);
  sd_findings_view_set_plan (SD_FINDINGS_VIEW (f->view), f->plan);
  gtk_window_present (f->window);
  sd_test_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sd_test_destroy_windows ();
  sd_test_remove_store (&f->store, f->dir);
  g_free (f->dir);
  g_free (f->today);
  g_free (f->yesterday);
  g_free (f->tomorrow);
  g_free (f->last_month);
}

/* Finding widgets: see sd-test-widgets.h. */

static gboolean
tooltip_is (GtkWidget  *widget,
            const char *tooltip)
{
  return GTK_IS_IMAGE (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
button_tooltip_is (GtkWidget  *widget,
                   const char *tooltip)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

/* The view's toggle button labelled @label. */
static GtkToggleButton *
toggle (Fixture    *f,
        const char *label)
{
  GtkWidget *button = sd_test_find (f->view, sd_test_button_labelled, label);

  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  return GTK_TOGGLE_BUTTON (button);
}

/* The list, even while an empty state hides it. */
static GtkWidget *
find_list (GtkWidget *root)
{
  if (GTK_IS_COLUMN_VIEW (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkSingleSelection *
selection (Fixture *f)
{
  GtkWidget *list = find_list (f->view);

  g_assert_nonnull (list);
  return GTK_SINGLE_SELECTION (gtk_column_view_get_model (GTK_COLUMN_VIEW (list)));
}

/* The rows the list shows, in order. */
static GPtrArray *
rows (Fixture *f)
{
  GListModel *model = G_LIST_MODEL (selection (f));
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  sd_test_iterate ();
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  return items;
}

static void
assert_rows (Fixture *f,
             ...)
{
  g_autoptr(GPtrArray) shown_rows = rows (f);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  gpointer item;
  va_list args;

  va_start (args, f);
  while ((item = va_arg (args, gpointer)) != NULL)
    g_ptr_array_add (expected, item);
  va_end (args);

  for (guint i = 0; i < MAX (expected->len, shown_rows->len); i++)
    {
      gpointer want = i < expected->len ? g_ptr_array_index (expected, i) : NULL;
      gpointer have = i < shown_rows->len ? g_ptr_array_index (shown_rows, i) : NULL;

      if (want != have)
        g_error ("row %u: expected %s %" G_GINT64_FORMAT ", shown %s %" G_GINT64_FORMAT, i,
                 want != NULL ? G_OBJECT_TYPE_NAME (want) : "nothing",
                 want != NULL ? id_of (want) : 0,
                 have != NULL ? G_OBJECT_TYPE_NAME (have) : "nothing",
                 have != NULL ? id_of (have) : 0);
    }
}

static guint
n_rows (Fixture *f)
{
  g_autoptr(GPtrArray) shown_rows = rows (f);

  return shown_rows->len;
}

static gpointer
last_row (Fixture *f)
{
  g_autoptr(GPtrArray) shown_rows = rows (f);

  return shown_rows->len > 0 ? g_ptr_array_index (shown_rows, shown_rows->len - 1) : NULL;
}

static gpointer
first_row (Fixture *f)
{
  g_autoptr(GPtrArray) shown_rows = rows (f);

  return shown_rows->len > 0 ? g_ptr_array_index (shown_rows, 0) : NULL;
}

static void
select_row (Fixture  *f,
            gpointer  item)
{
  g_autoptr(GPtrArray) shown_rows = rows (f);
  guint position;

  g_assert_true (g_ptr_array_find (shown_rows, item, &position));
  gtk_single_selection_set_selected (selection (f), position);
  sd_test_iterate ();
}

static GtkEditable *
dialog_entry (AdwMessageDialog *dialog)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);

  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_ENTRY (child))
      return GTK_EDITABLE (child);
  g_assert_not_reached ();
}

/* The list */

static void
test_list_plan_only (Fixture       *f,
                     gconstpointer  data)
{
  /* Each inspection by date, then its findings as recorded; nothing of
   * the other plan. */
  assert_rows (f,
               f->march, f->late, f->due_today, f->later, f->closed, f->late_rectifying,
               f->no_deadline,
               f->may, f->audit,
               NULL);

  sd_findings_view_set_plan (SD_FINDINGS_VIEW (f->view), f->other_plan);
  assert_rows (f, f->last_year, f->old, NULL);

  /* A plan without inspections says what to do. */
  sd_findings_view_set_plan (SD_FINDINGS_VIEW (f->view), f->empty_plan);
  assert_rows (f, NULL);
  g_assert_nonnull (sd_test_find (f->view, sd_test_label_showing, "No Inspections Yet"));
  g_assert_nonnull (sd_test_find (f->view, sd_test_button_labelled, "_Add Inspection"));

  /* The list follows the store: a finding added elsewhere shows. */
  sd_findings_view_set_plan (SD_FINDINGS_VIEW (f->view), f->plan);
  {
    SdFinding *added = add_finding (f, f->may, "新发现的问题", NULL, "open");

    assert_rows (f,
                 f->march, f->late, f->due_today, f->later, f->closed, f->late_rectifying,
                 f->no_deadline,
                 f->may, f->audit, added,
                 NULL);
  }
  sd_test_save_screenshot (GTK_WIDGET (f->window), "findings.png");
}

static void
test_list_filters (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *tooltip = g_strdup_printf ("Overdue since %s", f->yesterday);
  g_autoptr(GPtrArray) shown_rows = NULL;
  GListModel *findings = sd_store_get_items (f->store, SD_TYPE_FINDING);
  guint n_overdue = 0, n_shown = 0;

  /* The overdue one stands out, with its deadline in the tooltip. */
  sd_test_settle ();
  g_assert_nonnull (sd_test_find (f->view, tooltip_is, tooltip));

  gtk_toggle_button_set_active (toggle (f, "Overdue"), TRUE);
  assert_rows (f,
               f->march, f->late, f->late_rectifying,
               f->may, f->audit,
               NULL);
  /* Exactly the overdue findings of the plan, as the plan's statistics
   * count them. */
  shown_rows = rows (f);
  for (guint i = 0; i < shown_rows->len; i++)
    if (SD_IS_FINDING (g_ptr_array_index (shown_rows, i)))
      {
        g_assert_true (sd_finding_is_overdue (g_ptr_array_index (shown_rows, i), now));
        n_shown++;
      }
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(SdFinding) finding = g_list_model_get_item (findings, i);

      if (finding != f->old && sd_finding_is_overdue (finding, now))
        n_overdue++;
    }
  g_assert_cmpuint (n_shown, ==, n_overdue);

  /* A finding closed leaves the overdue list. */
  g_assert_true (sd_store_update (f->store, f->audit, NULL, "status", "closed",
                                  "evidence", "已补签", NULL));
  sd_test_settle ();
  assert_rows (f, f->march, f->late, f->late_rectifying, NULL);

  gtk_toggle_button_set_active (toggle (f, "Overdue"), FALSE);
  gtk_toggle_button_set_active (toggle (f, "Open"), TRUE);
  assert_rows (f,
               f->march, f->late, f->due_today, f->later, f->late_rectifying, f->no_deadline,
               NULL);

  /* The search looks in the description, and in the inspection. */
  gtk_editable_set_text (GTK_EDITABLE (sd_test_find (f->view, sd_test_is_type, "GtkSearchEntry")),
                         "补丁");
  g_signal_emit_by_name (sd_test_find (f->view, sd_test_is_type, "GtkSearchEntry"),
                         "search-changed");
  assert_rows (f, f->march, f->late, NULL);
  gtk_toggle_button_set_active (toggle (f, "Open"), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (sd_test_find (f->view, sd_test_is_type, "GtkSearchEntry")),
                         "年中");
  g_signal_emit_by_name (sd_test_find (f->view, sd_test_is_type, "GtkSearchEntry"),
                         "search-changed");
  assert_rows (f, f->may, f->audit, NULL);

  /* Nothing matches: the view says so, and offers everything again. */
  gtk_editable_set_text (GTK_EDITABLE (sd_test_find (f->view, sd_test_is_type, "GtkSearchEntry")),
                         "没有这样的问题");
  g_signal_emit_by_name (sd_test_find (f->view, sd_test_is_type, "GtkSearchEntry"),
                         "search-changed");
  assert_rows (f, NULL);
  g_assert_nonnull (sd_test_find (f->view, sd_test_label_showing, "No Matching Findings"));
  g_signal_emit_by_name (sd_test_find (f->view, sd_test_button_labelled, "_Show All Findings"),
                         "clicked");
  g_assert_cmpuint (n_rows (f), ==, 9);
}

/* Closing a finding */

static void
test_close_finding (Fixture       *f,
                    gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *button;

  g_assert_null (sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  select_row (f, f->late);
  g_assert_true (gtk_widget_activate_action (f->view, "findings.close-finding", NULL));
  sd_test_iterate ();
  dialog = sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "涉密计算机未及时更新补丁"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "close");
  sd_test_save_screenshot (GTK_WIDGET (dialog), "findings-close.png");

  /* No evidence, no closing: the response is disabled, and a click that
   * got through anyway changes nothing. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "close"));
  gtk_editable_set_text (dialog_entry (dialog), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "close"));
  sd_test_click_button (dialog, "C_lose Finding");
  g_assert_cmpstr (sd_finding_get_status (f->late), ==, "open");
  g_assert_null (sd_finding_get_evidence (f->late));
  g_assert_null (sd_finding_get_closed_on (f->late));

  /* The button on the row asks again. */
  sd_test_settle ();
  button = sd_test_find (f->view, button_tooltip_is, "Close Finding…");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_ancestor (button, sd_test_find (f->view, sd_test_is_type,
                                                               "GtkColumnView")));
  g_signal_emit_by_name (button, "clicked");
  sd_test_iterate ();
  dialog = sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "涉密计算机未及时更新补丁"));
  gtk_editable_set_text (dialog_entry (dialog), "  已安装补丁，见运维记录 ");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "close"));
  sd_test_click_button (dialog, "C_lose Finding");
  g_assert_null (sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_cmpstr (sd_finding_get_status (f->late), ==, "closed");
  g_assert_cmpstr (sd_finding_get_evidence (f->late), ==, "已安装补丁，见运维记录");
  g_assert_cmpstr (sd_finding_get_closed_on (f->late), ==, f->today);
  /* Once closed, there is nothing more to close. */
  sd_test_iterate ();
  gtk_widget_activate_action (f->view, "findings.close-finding", NULL);
  sd_test_iterate ();
  g_assert_null (sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* Cancel changes nothing either. */
  select_row (f, f->audit);
  gtk_widget_activate_action (f->view, "findings.close-finding", NULL);
  sd_test_iterate ();
  dialog = sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (dialog_entry (dialog), "已补签");
  sd_test_click_button (dialog, "_Cancel");
  g_assert_cmpstr (sd_finding_get_status (f->audit), ==, "open");
}

/* Deleting */

static void
test_delete_inspection_undo (Fixture       *f,
                             gconstpointer  data)
{
  GListModel *findings = sd_store_get_items (f->store, SD_TYPE_FINDING);
  gint64 march_id = id_of (f->march);
  gint64 late_id = id_of (f->late);
  guint n_findings = g_list_model_get_n_items (findings);
  GtkWidget *undo;
  SdInspection *back;

  select_row (f, f->march);
  g_assert_true (gtk_widget_activate_action (f->view, "findings.delete", NULL));
  sd_test_iterate ();
  /* Its six findings went with it. */
  g_assert_null (sd_store_lookup (f->store, SD_TYPE_INSPECTION, march_id));
  g_assert_null (sd_store_lookup (f->store, SD_TYPE_FINDING, late_id));
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, n_findings - 6);
  assert_rows (f, f->may, f->audit, NULL);
  g_assert_nonnull (sd_test_find (f->overlay, sd_test_label_showing, "its 6 findings deleted"));

  undo = sd_test_find (f->overlay, sd_test_button_labelled, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  sd_test_settle ();

  back = sd_store_lookup (f->store, SD_TYPE_INSPECTION, march_id);
  g_assert_nonnull (back);
  g_assert_cmpstr (sd_inspection_get_title (back), ==, "一季度保密自查");
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, n_findings);
  g_assert_cmpstr (sd_finding_get_description (sd_store_lookup (f->store, SD_TYPE_FINDING,
                                                                late_id)),
                   ==, "涉密计算机未及时更新补丁");
  g_assert_cmpuint (n_rows (f), ==, 9);
  g_assert_true (first_row (f) == (gpointer) back);

  /* A single finding, too. */
  select_row (f, f->audit);
  g_assert_true (gtk_widget_activate_action (f->view, "findings.delete", NULL));
  sd_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, n_findings - 1);
  g_assert_cmpuint (n_rows (f), ==, 8);
}

/* The editors */

static void
test_editor_new_finding (Fixture       *f,
                         gconstpointer  data)
{
  GListModel *findings = sd_store_get_items (f->store, SD_TYPE_FINDING);
  guint n = g_list_model_get_n_items (findings);
  const char *deadline_title = "Rectification Deadline (YYYY-MM-DD)";
  GtkWidget *editor, *deadline, *status, *evidence;
  SdFinding *finding;

  /* Add Finding goes to the inspection of the selected row. */
  select_row (f, f->audit);
  g_assert_true (gtk_widget_activate_action (f->view, "findings.add-finding", NULL));
  sd_test_iterate ();
  editor = sd_test_find_toplevel (SD_TYPE_FINDING_EDITOR);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Finding");

  /* A deadline set before the finding exists goes into the insert. */
  deadline = sd_test_find (editor, sd_test_row_titled, deadline_title);
  gtk_editable_set_text (GTK_EDITABLE (deadline), "2030-6-1");
  g_signal_emit_by_name (deadline, "apply");
  sd_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, n);

  gtk_editable_set_text (GTK_EDITABLE (sd_test_find (editor, sd_test_row_titled, "Description")),
                         "涉密文件借阅无审批");
  g_signal_emit_by_name (sd_test_find (editor, sd_test_row_titled, "Description"), "apply");
  sd_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, n + 1);
  finding = sd_editor_window_get_item (SD_EDITOR_WINDOW (editor));
  g_assert_nonnull (finding);
  g_assert_cmpint (sd_finding_get_inspection_id (finding), ==, id_of (f->may));
  g_assert_cmpstr (sd_finding_get_description (finding), ==, "涉密文件借阅无审批");
  g_assert_cmpstr (sd_finding_get_severity (finding), ==, "medium");
  g_assert_cmpstr (sd_finding_get_status (finding), ==, "open");
  g_assert_cmpstr (sd_finding_get_deadline (finding), ==, "2030-06-01");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Finding");
  /* The view shows it, selected. */
  sd_test_settle ();
  g_assert_true (gtk_single_selection_get_selected_item (selection (f)) == (gpointer) finding);

  /* A date that is none is not stored, and the row says why. */
  deadline = sd_test_find (editor, sd_test_row_titled, deadline_title);
  gtk_editable_set_text (GTK_EDITABLE (deadline), "2030-02-30");
  g_signal_emit_by_name (deadline, "apply");
  sd_test_iterate ();
  g_assert_cmpstr (sd_finding_get_deadline (finding), ==, "2030-06-01");
  g_assert_true (gtk_widget_has_css_class (deadline, "error"));
  g_assert_nonnull (sd_test_find (editor, sd_test_label_showing, "Enter the date as YYYY-MM-DD"));
  gtk_editable_set_text (GTK_EDITABLE (deadline), "2030-03-01");
  g_assert_false (gtk_widget_has_css_class (deadline, "error"));
  g_assert_null (sd_test_find (editor, sd_test_label_showing, "Enter the date as YYYY-MM-DD"));
  g_signal_emit_by_name (deadline, "apply");
  sd_test_iterate ();
  g_assert_cmpstr (sd_finding_get_deadline (finding), ==, "2030-03-01");

  /* Closed only with evidence; then with today's date. */
  status = sd_test_find (editor, sd_test_row_titled, "Status");
  g_assert_nonnull (status);
  g_assert_null (sd_test_find (editor, sd_test_row_titled, "Closed On (YYYY-MM-DD)"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (status), 2);
  sd_test_iterate ();
  g_assert_cmpstr (sd_finding_get_status (finding), ==, "open");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (status)), ==, 0);

  evidence = sd_test_find (editor, sd_test_row_titled, "Closing Evidence");
  gtk_editable_set_text (GTK_EDITABLE (evidence), "补办审批手续");
  adw_combo_row_set_selected (ADW_COMBO_ROW (status), 2);
  sd_test_iterate ();
  g_assert_cmpstr (sd_finding_get_status (finding), ==, "closed");
  g_assert_cmpstr (sd_finding_get_evidence (finding), ==, "补办审批手续");
  g_assert_cmpstr (sd_finding_get_closed_on (finding), ==, f->today);
  g_assert_nonnull (sd_test_find (editor, sd_test_row_titled, "Closed On (YYYY-MM-DD)"));

  /* Reopened: the date it was closed goes. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (status), 1);
  sd_test_iterate ();
  g_assert_cmpstr (sd_finding_get_status (finding), ==, "rectifying");
  g_assert_null (sd_finding_get_closed_on (finding));
  g_assert_cmpstr (sd_finding_get_evidence (finding), ==, "补办审批手续");

  /* Closed in the view, the editor follows. */
  g_assert_true (sd_store_update (f->store, finding, NULL, "status", "closed",
                                  "closed-on", "2030-01-02", NULL));
  sd_test_iterate ();
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (status)), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sd_test_find (editor, sd_test_row_titled,
                                                                      "Closed On (YYYY-MM-DD)"))),
                   ==, "2030-01-02");
  sd_test_save_screenshot (editor, "finding-editor.png");

  /* A date typed and not applied is kept when the window closes. */
  gtk_editable_set_text (GTK_EDITABLE (sd_test_find (editor, sd_test_row_titled, deadline_title)),
                         "2030-4-5");
  gtk_window_close (GTK_WINDOW (editor));
  sd_test_iterate ();
  g_assert_cmpstr (sd_finding_get_deadline (finding), ==, "2030-04-05");
}

static void
test_editor_new_inspection (Fixture       *f,
                            gconstpointer  data)
{
  GListModel *inspections = sd_store_get_items (f->store, SD_TYPE_INSPECTION);
  guint n = g_list_model_get_n_items (inspections);
  GtkWidget *editor, *date;
  SdInspection *inspection;

  g_assert_true (gtk_widget_activate_action (f->view, "findings.add-inspection", NULL));
  sd_test_iterate ();
  editor = sd_test_find_toplevel (SD_TYPE_INSPECTION_EDITOR);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Inspection");
  date = sd_test_find (editor, sd_test_row_titled, "Date (YYYY-MM-DD)");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date)), ==, f->today);

  gtk_editable_set_text (GTK_EDITABLE (sd_test_find (editor, sd_test_row_titled, "Title")),
                         "二季度抽查");
  g_signal_emit_by_name (sd_test_find (editor, sd_test_row_titled, "Title"), "apply");
  sd_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (inspections), ==, n + 1);
  inspection = sd_editor_window_get_item (SD_EDITOR_WINDOW (editor));
  g_assert_nonnull (inspection);
  g_assert_cmpint (sd_inspection_get_plan_id (inspection), ==, id_of (f->plan));
  g_assert_cmpstr (sd_inspection_get_kind (inspection), ==, "self-check");
  g_assert_cmpstr (sd_inspection_get_date (inspection), ==, f->today);

  /* The date is required. */
  gtk_editable_set_text (GTK_EDITABLE (date), "");
  g_signal_emit_by_name (date, "apply");
  sd_test_iterate ();
  g_assert_cmpstr (sd_inspection_get_date (inspection), ==, f->today);
  g_assert_nonnull (sd_test_find (editor, sd_test_label_showing, "A date is needed here"));
  gtk_editable_set_text (GTK_EDITABLE (date), "2031-1-9");
  g_signal_emit_by_name (date, "apply");
  sd_test_iterate ();
  g_assert_cmpstr (sd_inspection_get_date (inspection), ==, "2031-01-09");

  /* The view shows it, in date order, selected. */
  sd_test_settle ();
  g_assert_true (gtk_single_selection_get_selected_item (selection (f)) == (gpointer) inspection);
  g_assert_true (last_row (f) == (gpointer) inspection);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  sd_test_load_style ();

#define ADD(path, func) \
  g_test_add ("/findings-ui/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("list/plan-only", test_list_plan_only);
  ADD ("list/filters", test_list_filters);
  ADD ("close-finding", test_close_finding);
  ADD ("delete-inspection-undo", test_delete_inspection_undo);
  ADD ("editor/new-finding", test_editor_new_finding);
  ADD ("editor/new-inspection", test_editor_new_inspection);

#undef ADD

  return g_test_run ();
}
