/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The plan's training and commitment-letter views under Xvfb, driven as a
 * user drives them: a training session is added through its dialog, people
 * are ticked one by one and a whole unit at once ("All of <unit>"), which
 * lands in training_attendance and in the coverage "n/8" (inactive people
 * never count); three letters are marked signed in one step with today's
 * date and one Undo takes all three back; "Only Missing" leaves the others.
 * The demo data's coverage is below the KPI, with names missing.
 *
 * With SD_TEST_SCREENSHOT=DIR set, both views are also saved on the demo
 * data as DIR/training.png and DIR/commitments.png.
 */

#define G_LOG_DOMAIN "test-training-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sd-commitment.h"
#include "sd-commitments-view.h"
#include "sd-demo.h"
#include "sd-person.h"
#include "sd-plan.h"
#include "sd-plan-stats.h"
#include "sd-store.h"
#include "sd-training.h"
#include "sd-training-attendance.h"
#include "sd-training-view.h"
#include "sd-unit.h"
#include "sd-test-widgets.h"

#define WIDTH 1600
#define HEIGHT 1000

typedef struct
{
  char      *dir;
  SdStore   *store;
  SdPlan    *plan;
  SdUnit    *company, *dept_a, *section_a1, *dept_b;
  SdPerson  *people[10];
  GtkWindow *window;
  GtkWidget *overlay;
} Fixture;

static gpointer
insert_unit (SdStore    *store,
             const char *name,
             SdUnit     *parent,
             int         position)
{
  g_autoptr(GError) error = NULL;
  gpointer unit = sd_store_insert (store, SD_TYPE_UNIT, &error,
                                   "name", name,
                                   "kind", parent == NULL ? "company" : "department",
                                   "parent-id", parent != NULL ? sd_item_get_id (SD_ITEM (parent))
                                                               : (gint64) 0,
                                   "position", position,
                                   NULL);

  g_assert_no_error (error);
  g_assert_nonnull (unit);
  return unit;
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  /* Units of the people below, and whether they are active. */
  static const struct { const char *name; int unit; gboolean active; } people[10] = {
    { "张一", 1, TRUE }, { "张二", 1, TRUE }, { "张三", 2, TRUE }, { "张四", 1, FALSE },
    { "李一", 3, TRUE }, { "李二", 3, TRUE }, { "李三", 3, TRUE }, { "李四", 3, FALSE },
    { "王一", 0, TRUE }, { "王二", 0, TRUE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *path = NULL;
  SdUnit *units[4];

  f->dir = g_dir_make_tmp ("sd-test-training-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "plan.db", NULL);
  f->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  f->company = insert_unit (f->store, "示例公司", NULL, 0);
  f->dept_a = insert_unit (f->store, "信息部", f->company, 0);
  f->section_a1 = insert_unit (f->store, "运维组", f->dept_a, 0);
  f->dept_b = insert_unit (f->store, "营销部", f->company, 1);
  units[0] = f->company;
  units[1] = f->dept_a;
  units[2] = f->section_a1;
  units[3] = f->dept_b;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      f->people[i] = sd_store_insert (f->store, SD_TYPE_PERSON, &error,
                                      "name", people[i].name,
                                      "unit-id", sd_item_get_id (SD_ITEM (units[people[i].unit])),
                                      "job-title", "职员",
                                      "active", people[i].active,
                                      NULL);
      g_assert_no_error (error);
    }

  /* This year's plan, so that today is a date of it. */
  f->plan = sd_store_insert (f->store, SD_TYPE_PLAN, &error,
                             "year", g_date_time_get_year (now),
                             NULL);
  g_assert_no_error (error);
  g_assert_nonnull (f->plan);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, WIDTH, HEIGHT);
  f->overlay = adw_toast_overlay_new ();
  gtk_window_set_child (f->window, f->overlay);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sd_test_destroy_windows ();
  sd_test_remove_store (&f->store, f->dir);
  g_free (f->dir);
}

static void
show (Fixture   *f,
      GtkWidget *child)
{
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (f->overlay), child);
  gtk_window_present (f->window);
  sd_test_iterate ();
}

/* Finding widgets: see sd-test-widgets.h. */

static gboolean
check_labelled (GtkWidget  *widget,
                const char *label)
{
  return GTK_IS_CHECK_BUTTON (widget) &&
         g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0;
}

static gboolean
tooltip_is (GtkWidget  *widget,
            const char *text)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

static void
click (GtkWidget *button)
{
  g_signal_emit_by_name (button, "clicked");
  sd_test_iterate ();
}

static guint
count (SdStore *store,
       GType    type)
{
  return g_list_model_get_n_items (sd_store_get_items (store, type));
}

static gboolean
attended (Fixture    *f,
          SdTraining *training,
          SdPerson   *person)
{
  GListModel *model = sd_store_get_items (f->store, SD_TYPE_TRAINING_ATTENDANCE);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdTrainingAttendance) attendance = g_list_model_get_item (model, i);

      if (sd_training_attendance_get_training_id (attendance) ==
            sd_item_get_id (SD_ITEM (training)) &&
          sd_training_attendance_get_person_id (attendance) == sd_item_get_id (SD_ITEM (person)))
        return TRUE;
    }
  return FALSE;
}

/* Chooses @name in the view's unit drop-down, as picking it from the list does. */
static void
choose_unit (GtkWidget  *view,
             const char *name)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (sd_test_find_shown (view, sd_test_is_type, "GtkDropDown"));
  GListModel *names = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      const char *label = gtk_string_list_get_string (GTK_STRING_LIST (names), i);

      if (g_str_has_suffix (label, name))
        {
          gtk_drop_down_set_selected (dropdown, i);
          sd_test_iterate ();
          return;
        }
    }
  g_error ("No unit “%s” in the drop-down", name);
}

static GListModel *
column_view_model (GtkWidget *view)
{
  GtkWidget *column_view = sd_test_find_shown (view, sd_test_is_type, "GtkColumnView");

  return G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));
}

/* Training */

static SdTraining *
add_training_through_dialog (Fixture    *f,
                             GtkWidget  *view,
                             const char *topic)
{
  GListModel *trainings = sd_store_get_items (f->store, SD_TYPE_TRAINING);
  guint before = g_list_model_get_n_items (trainings);
  GtkWidget *dialog;
  GtkWidget *topic_row;
  g_autoptr(SdTraining) training = NULL;
  g_autofree char *date = today ();

  click (sd_test_find_shown (view, sd_test_button_labelled, "_Add Training"));
  dialog = sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  /* Nothing to add without a topic. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  topic_row = sd_test_find_shown (dialog, sd_test_is_type, "AdwEntryRow");
  gtk_editable_set_text (GTK_EDITABLE (topic_row), topic);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  click (sd_test_find_shown (dialog, sd_test_button_labelled, "_Add"));

  g_assert_cmpuint (g_list_model_get_n_items (trainings), ==, before + 1);
  training = g_list_model_get_item (trainings, before);
  g_assert_cmpstr (sd_training_get_topic (training), ==, topic);
  g_assert_cmpstr (sd_training_get_date (training), ==, date);
  g_assert_cmpint (sd_training_get_plan_id (training), ==, sd_item_get_id (SD_ITEM (f->plan)));
  return training;
}

static void
test_training_attendance (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *view = sd_training_view_new (f->store);
  g_autoptr(GError) error = NULL;
  SdTraining *training;
  GtkWidget *check;
  GListModel *rows;

  sd_training_view_set_plan (SD_TRAINING_VIEW (view), f->plan);
  show (f, view);

  /* Nothing yet: the view says what to do, and nobody is trained. */
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "No Training Sessions"));
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing,
                                        "0/8 trained · 0 % · target 100 %"));

  training = add_training_through_dialog (f, view, "保密法律法规培训");
  g_assert_null (sd_test_find (view, sd_test_label_showing, "No Training Sessions"));
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "0 people attended"));

  /* The checklist lists the 8 active people, not those who left. */
  rows = column_view_model (view);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 8);
  g_assert_null (sd_test_find (view, check_labelled, "张四"));

  /* One person ticked. */
  check = sd_test_find_shown (view, check_labelled, "王一");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  sd_test_iterate ();
  g_assert_cmpuint (count (f->store, SD_TYPE_TRAINING_ATTENDANCE), ==, 1);
  g_assert_true (attended (f, training, f->people[8]));
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "1/8 trained · 12 %"));

  /* And unticked, and ticked again. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  sd_test_iterate ();
  g_assert_cmpuint (count (f->store, SD_TYPE_TRAINING_ATTENDANCE), ==, 0);
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "0/8 trained"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  sd_test_iterate ();

  /* A unit: its people and its section's, only the active ones. */
  choose_unit (view, "信息部");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  check = sd_test_find_shown (view, check_labelled, "张一");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  sd_test_iterate ();
  g_assert_cmpuint (count (f->store, SD_TYPE_TRAINING_ATTENDANCE), ==, 2);

  click (sd_test_find_shown (view, sd_test_button_labelled, "All of 信息部"));
  g_assert_cmpuint (count (f->store, SD_TYPE_TRAINING_ATTENDANCE), ==, 4);
  g_assert_true (attended (f, training, f->people[0]));
  g_assert_true (attended (f, training, f->people[1]));
  g_assert_true (attended (f, training, f->people[2]));
  g_assert_false (attended (f, training, f->people[3]));
  g_assert_false (attended (f, training, f->people[4]));
  g_assert_nonnull (sd_test_find_shown (f->overlay, sd_test_label_showing,
                                        "2 people marked as attended"));
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing,
                                        "4/8 trained · 50 % · target 100 %"));
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "4 people attended"));
  /* Who is missing: the four active people nobody ticked. */
  g_assert_nonnull (sd_test_find_shown (view, sd_test_is_type, "GtkExpander"));
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "4 people not trained yet"));

  /* Someone who has left counts neither as staff nor as trained, even
   * when recorded as present; the list shows them, to be corrected. */
  g_assert_nonnull (sd_store_insert (f->store, SD_TYPE_TRAINING_ATTENDANCE, &error,
                                     "training-id", sd_item_get_id (SD_ITEM (training)),
                                     "person-id", sd_item_get_id (SD_ITEM (f->people[3])),
                                     NULL));
  g_assert_no_error (error);
  sd_test_iterate ();
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "4/8 trained"));
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "5 people attended"));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 4);
  g_assert_nonnull (sd_test_find_shown (view, check_labelled, "张四"));

  /* An active person leaving lowers the staff and the trained alike. */
  g_assert_true (sd_store_update (f->store, f->people[8], &error, "active", FALSE, NULL));
  sd_test_iterate ();
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "3/7 trained"));
  g_assert_true (sd_store_update (f->store, f->people[8], &error, "active", TRUE, NULL));
  sd_test_iterate ();

  /* One Undo takes back the whole unit, and only that. */
  click (sd_test_find_shown (f->overlay, sd_test_button_labelled, "_Undo"));
  g_assert_cmpuint (count (f->store, SD_TYPE_TRAINING_ATTENDANCE), ==, 3);
  g_assert_true (attended (f, training, f->people[0]));
  g_assert_false (attended (f, training, f->people[1]));
  g_assert_false (attended (f, training, f->people[2]));
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "2/8 trained"));

  /* The search narrows the list. */
  choose_unit (view, "All Units");
  gtk_editable_set_text (GTK_EDITABLE (sd_test_find_shown (view, sd_test_is_type,
                                                           "GtkSearchEntry")), "李");
  g_signal_emit_by_name (sd_test_find_shown (view, sd_test_is_type, "GtkSearchEntry"),
                         "search-changed");
  sd_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
}

/* Editing and deleting a session, with Undo. */
static void
test_training_edit_delete (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *view = sd_training_view_new (f->store);
  g_autoptr(GError) error = NULL;
  GtkWidget *topic_row;
  SdTraining *training;
  gint64 id;

  sd_training_view_set_plan (SD_TRAINING_VIEW (view), f->plan);
  show (f, view);
  training = add_training_through_dialog (f, view, "新员工培训");
  id = sd_item_get_id (SD_ITEM (training));
  g_assert_nonnull (sd_store_insert (f->store, SD_TYPE_TRAINING_ATTENDANCE, &error,
                                     "training-id", id,
                                     "person-id", sd_item_get_id (SD_ITEM (f->people[0])),
                                     NULL));
  sd_test_iterate ();

  /* The topic is applied as the apply button (or Enter) does. */
  topic_row = sd_test_find_shown (view, sd_test_is_type, "AdwEntryRow");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (topic_row)), ==, "新员工培训");
  gtk_editable_set_text (GTK_EDITABLE (topic_row), "新员工保密培训");
  g_signal_emit_by_name (topic_row, "apply");
  sd_test_iterate ();
  g_assert_cmpstr (sd_training_get_topic (training), ==, "新员工保密培训");

  /* What the user is typing in one field survives a change of another
   * made elsewhere. */
  {
    GtkWidget *audience_row = NULL;

    for (GtkWidget *row = gtk_widget_get_next_sibling (topic_row); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      if (ADW_IS_ENTRY_ROW (row))
        audience_row = row;
    g_assert_nonnull (audience_row);
    gtk_editable_set_text (GTK_EDITABLE (audience_row), "全体新员工");
    g_assert_true (sd_store_update (f->store, training, &error, "date", "2020-02-02", NULL));
    sd_test_iterate ();
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (audience_row)), ==, "全体新员工");
    g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "2020-02-02"));
    g_assert_null (sd_training_get_audience (training));
  }

  /* Deleted with what was recorded of it; Undo brings both back. */
  click (sd_test_find_shown (view, tooltip_is, "Delete Training"));
  g_assert_cmpuint (count (f->store, SD_TYPE_TRAINING), ==, 0);
  g_assert_cmpuint (count (f->store, SD_TYPE_TRAINING_ATTENDANCE), ==, 0);
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "No Training Sessions"));
  g_assert_nonnull (sd_test_find_shown (f->overlay, sd_test_label_showing,
                                        "Training “新员工保密培训” deleted"));
  click (sd_test_find_shown (f->overlay, sd_test_button_labelled, "_Undo"));
  g_assert_cmpuint (count (f->store, SD_TYPE_TRAINING), ==, 1);
  g_assert_cmpuint (count (f->store, SD_TYPE_TRAINING_ATTENDANCE), ==, 1);
  g_assert_nonnull (sd_store_lookup (f->store, SD_TYPE_TRAINING, id));
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "1/8 trained"));
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "1 person attended"));

  /* An empty topic is refused, and the field shows the stored one again. */
  training = sd_store_lookup (f->store, SD_TYPE_TRAINING, id);
  topic_row = sd_test_find_shown (view, sd_test_is_type, "AdwEntryRow");
  gtk_editable_set_text (GTK_EDITABLE (topic_row), "  ");
  g_signal_emit_by_name (topic_row, "apply");
  sd_test_iterate ();
  g_assert_cmpstr (sd_training_get_topic (training), ==, "新员工保密培训");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (topic_row)), ==, "新员工保密培训");
  g_assert_nonnull (sd_test_find_shown (f->overlay, sd_test_label_showing,
                                        "A training needs a topic."));
}

/* Commitment letters */

static void
test_commitments_mark_undo (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *view = sd_commitments_view_new (f->store);
  g_autofree char *date = today ();
  GListModel *commitments = sd_store_get_items (f->store, SD_TYPE_COMMITMENT);
  GListModel *rows;
  GtkSelectionModel *selection;

  sd_commitments_view_set_plan (SD_COMMITMENTS_VIEW (view), f->plan);
  show (f, view);

  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing,
                                        "0/8 signed · 0 % · target 100 %"));
  rows = column_view_model (view);
  selection = GTK_SELECTION_MODEL (rows);
  /* The year's active people, not those who left. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 8);
  g_assert_false (gtk_widget_get_sensitive (sd_test_find_shown (view, sd_test_button_labelled,
                                                                "_Mark Signed")));

  /* Three selected, marked in one step, dated today. */
  gtk_selection_model_select_range (selection, 0, 3, TRUE);
  sd_test_iterate ();
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "3 selected"));
  g_assert_true (gtk_widget_get_sensitive (sd_test_find_shown (view, sd_test_button_labelled,
                                                               "_Mark Signed")));
  g_assert_false (gtk_widget_get_sensitive (sd_test_find_shown (view, sd_test_button_labelled,
                                                                "_Unmark")));
  click (sd_test_find_shown (view, sd_test_button_labelled, "_Mark Signed"));
  g_assert_cmpuint (g_list_model_get_n_items (commitments), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SdCommitment) commitment = g_list_model_get_item (commitments, i);
      SdPerson *person = sd_store_lookup (f->store, SD_TYPE_PERSON,
                                          sd_commitment_get_person_id (commitment));

      g_assert_cmpstr (sd_commitment_get_signed_on (commitment), ==, date);
      g_assert_cmpint (sd_commitment_get_year (commitment), ==, sd_plan_get_year (f->plan));
      g_assert_true (sd_person_get_active (person));
    }
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "3/8 signed · 37 %"));
  g_assert_nonnull (sd_test_find_shown (f->overlay, sd_test_label_showing,
                                        "3 letters marked signed"));

  /* Only the five missing are left with the filter. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (sd_test_find_shown (view,
                                                                       sd_test_button_labelled,
                                                                       "Only _Missing")), TRUE);
  sd_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 5);

  /* One Undo takes all three away. */
  click (sd_test_find_shown (f->overlay, sd_test_button_labelled, "_Undo"));
  g_assert_cmpuint (g_list_model_get_n_items (commitments), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 8);
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "0/8 signed"));

  /* A letter of another year is not this year's. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (sd_store_insert (f->store, SD_TYPE_COMMITMENT, &error,
                                       "person-id", sd_item_get_id (SD_ITEM (f->people[0])),
                                       "year", sd_plan_get_year (f->plan) - 1,
                                       "signed-on", "2000-01-01",
                                       NULL));
    g_assert_no_error (error);
    sd_test_iterate ();
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 8);
    g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "0/8 signed"));
  }
}

static void
test_commitments_unmark_undo (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *view = sd_commitments_view_new (f->store);
  GListModel *commitments = sd_store_get_items (f->store, SD_TYPE_COMMITMENT);
  GtkSelectionModel *selection;
  g_autoptr(GError) error = NULL;
  gint64 first_id;

  /* Two letters, signed earlier. */
  for (guint i = 0; i < 2; i++)
    {
      g_assert_nonnull (sd_store_insert (f->store, SD_TYPE_COMMITMENT, &error,
                                         "person-id", sd_item_get_id (SD_ITEM (f->people[i])),
                                         "year", sd_plan_get_year (f->plan),
                                         "signed-on", "2026-03-25",
                                         NULL));
      g_assert_no_error (error);
    }
  {
    g_autoptr(SdItem) first = g_list_model_get_item (commitments, 0);

    first_id = sd_item_get_id (first);
  }

  sd_commitments_view_set_plan (SD_COMMITMENTS_VIEW (view), f->plan);
  show (f, view);
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "2/8 signed · 25 %"));
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "2026-03-25"));
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "Not signed"));

  /* Select everyone: marking adds the six missing, unmarking removes the two. */
  selection = GTK_SELECTION_MODEL (column_view_model (view));
  click (sd_test_find_shown (view, sd_test_button_labelled, "Select _All"));
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "8 selected"));
  g_assert_true (gtk_widget_get_sensitive (sd_test_find_shown (view, sd_test_button_labelled,
                                                               "_Unmark")));
  click (sd_test_find_shown (view, sd_test_button_labelled, "_Unmark"));
  g_assert_cmpuint (g_list_model_get_n_items (commitments), ==, 0);
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "0/8 signed"));
  {
    g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

    g_assert_true (gtk_bitset_is_empty (selected));
  }

  /* Undo puts them back, with their dates and ids. */
  click (sd_test_find_shown (f->overlay, sd_test_button_labelled, "_Undo"));
  g_assert_cmpuint (g_list_model_get_n_items (commitments), ==, 2);
  g_assert_nonnull (sd_store_lookup (f->store, SD_TYPE_COMMITMENT, first_id));
  g_assert_cmpstr (sd_commitment_get_signed_on (sd_store_lookup (f->store, SD_TYPE_COMMITMENT,
                                                                 first_id)), ==, "2026-03-25");
  g_assert_nonnull (sd_test_find_shown (view, sd_test_label_showing, "2/8 signed"));
}

/* The demo shows coverage below the KPI, with names missing. */
static void
test_demo_coverage (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sd-test-training-demo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  SdStore *store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 11, 1, 0, 0, 0);
  SdPlanStats stats;
  SdPlan *plan;

  g_assert_no_error (error);
  g_assert_true (sd_demo_populate (store, &error));
  g_assert_no_error (error);
  plan = sd_plan_stats_default_plan (sd_store_get_items (store, SD_TYPE_PLAN), day);
  g_assert_nonnull (plan);
  sd_plan_stats_compute (store, plan, day, &stats);
  g_assert_cmpuint (stats.n_active_people, >, 0);
  g_assert_cmpuint (stats.n_trained, <, stats.n_active_people);
  g_assert_cmpuint (stats.n_committed, <, stats.n_active_people);
  g_assert_cmpuint (stats.n_trained * 10, >=, stats.n_active_people * 8);
  g_assert_cmpuint (stats.n_committed * 10, >=, stats.n_active_people * 8);

  sd_test_remove_store (&store, dir);
}

/* Both views on the demo data, for a look (SD_TEST_SCREENSHOT). */
static void
test_screenshots (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkWindow *window;
  GtkWidget *overlay;
  GtkWidget *view;
  SdStore *store;
  SdPlan *plan;

  if (g_getenv ("SD_TEST_SCREENSHOT") == NULL)
    {
      g_test_skip ("SD_TEST_SCREENSHOT is not set");
      return;
    }

  dir = g_dir_make_tmp ("sd-test-training-shot-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "demo.db", NULL);
  store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (sd_demo_populate (store, &error));
  g_assert_no_error (error);
  plan = sd_plan_stats_default_plan (sd_store_get_items (store, SD_TYPE_PLAN), now);
  g_assert_nonnull (plan);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1400, 900);
  overlay = adw_toast_overlay_new ();
  gtk_window_set_child (window, overlay);

  view = sd_training_view_new (store);
  sd_training_view_set_plan (SD_TRAINING_VIEW (view), plan);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), view);
  gtk_window_present (window);
  sd_test_iterate ();
  gtk_expander_set_expanded (GTK_EXPANDER (sd_test_find_shown (view, sd_test_is_type,
                                                               "GtkExpander")), TRUE);
  sd_test_save_screenshot (GTK_WIDGET (window), "training.png");

  view = sd_commitments_view_new (store);
  sd_commitments_view_set_plan (SD_COMMITMENTS_VIEW (view), plan);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), view);
  sd_test_iterate ();
  gtk_selection_model_select_range (GTK_SELECTION_MODEL (column_view_model (view)), 2, 3,
                                    TRUE);
  sd_test_save_screenshot (GTK_WIDGET (window), "commitments.png");

  gtk_window_destroy (window);
  sd_test_iterate ();
  sd_test_remove_store (&store, dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/training-ui/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("training/attendance", test_training_attendance);
  ADD ("training/edit-delete", test_training_edit_delete);
  ADD ("commitments/mark-undo", test_commitments_mark_undo);
  ADD ("commitments/unmark-undo", test_commitments_unmark_undo);
  g_test_add_func ("/training-ui/demo-coverage", test_demo_coverage);
  g_test_add_func ("/training-ui/screenshots", test_screenshots);

  return g_test_run ();
}
