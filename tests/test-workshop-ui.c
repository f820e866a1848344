/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The widgets of a risk workshop under Xvfb: the re-rating dialog records
 * exactly one assessment with its reason and workshop (or none when
 * cancelled, and a toast when the store refuses); the workshop view turns
 * a drop on its map into a change in its list that Undo takes back, keeps
 * its smallest text at 1/40 of its height and lets Tab go from the name
 * to the map to the list; the risk card shows a risk and its history.
 *
 * With SD_TEST_SCREENSHOT=DIR set, the workshop view is also saved as
 * DIR/workshop.png (and DIR/workshop-dialog.png with the dialog open), and
 * the card as DIR/card.png.
 */

#define G_LOG_DOMAIN "test-workshop-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sd-assessment.h"
#include "sd-heatmap-view.h"
#include "sd-rerate-dialog.h"
#include "sd-risk-card.h"
#include "sd-risk-history.h"
#include "sd-risk.h"
#include "sd-store.h"
#include "sd-ui.h"
#include "sd-workshop-view.h"
#include "sd-test-widgets.h"

#define WIDTH 1920
#define HEIGHT 1080

typedef struct
{
  char          *dir;
  SdStore       *store;
  SdRiskHistory *history;
  SdRisk        *r1, *r2, *r3;
  GtkWindow     *window;
  GtkWidget     *overlay;
} Fixture;

typedef struct
{
  guint         calls;
  SdAssessment *assessment;
} Done;

static SdRisk *
add_risk (Fixture    *f,
          const char *code,
          const char *title,
          int         l,
          int         i)
{
  g_autoptr(GError) error = NULL;
  SdRisk *risk = sd_store_insert (f->store, SD_TYPE_RISK, &error,
                                  "code", code, "title", title,
                                  "inherent-likelihood", l, "inherent-impact", i,
                                  "residual-likelihood", MAX (l - 1, 1),
                                  "residual-impact", i,
                                  "target-likelihood", 1, "target-impact", MAX (i - 1, 1),
                                  "treatment", "reduce", "measures", "门禁与巡查",
                                  "next-review", "2020-01-01",
                                  NULL);

  g_assert_no_error (error);
  g_assert_nonnull (risk);
  return risk;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("sd-test-workshop-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "risks.db", NULL);
  f->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  f->r1 = add_risk (f, "R-001", "大型线下活动人员聚集", 3, 5);
  f->r2 = add_risk (f, "R-002", "涉密文件外发", 4, 4);
  f->r3 = add_risk (f, "R-003", "机房断电", 2, 3);
  f->history = sd_risk_history_new (f->store);

  /* Errors find the window's toast overlay among the ancestors. */
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

  g_clear_object (&f->history);
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

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *style_class)
{
  if (!sd_test_shown (root))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (style_class == NULL || gtk_widget_has_css_class (root, style_class)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, style_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && sd_test_shown (child))
      n++;
  return n;
}

static GtkEditable *
dialog_reason (AdwMessageDialog *dialog)
{
  GtkWidget *entry = find_widget (adw_message_dialog_get_extra_child (dialog),
                                  GTK_TYPE_ENTRY, NULL);

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

static guint
n_assessments (Fixture *f)
{
  return g_list_model_get_n_items (sd_store_get_items (f->store, SD_TYPE_ASSESSMENT));
}

static void
assert_rating (SdRisk *risk,
               int     likelihood,
               int     impact)
{
  g_assert_cmpint (sd_risk_get_inherent_likelihood (risk), ==, likelihood);
  g_assert_cmpint (sd_risk_get_inherent_impact (risk), ==, impact);
}

static void
done_cb (SdAssessment *assessment,
         gpointer      user_data)
{
  Done *done = user_data;

  done->calls++;
  g_set_object (&done->assessment, assessment);
}

/* The re-rating dialog */

static void
test_dialog_rerate (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *anchor = gtk_label_new ("anchor");
  GtkWidget *dialog;
  Done done = { 0 };
  GPtrArray *history;
  SdAssessment *assessment;

  show (f, anchor);
  dialog = sd_rerate_dialog_present (anchor, f->store, f->r1, SD_RISK_LEVEL_INHERENT, 2, 5,
                                     "Q3 workshop", done_cb, &done);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  sd_test_iterate ();
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == f->window);
  /* It says what changes, and the reason starts as the workshop's name. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "R-001: 3×5 = 15"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "→ 2×5 = 10"));
  g_assert_cmpstr (gtk_editable_get_text (dialog_reason (ADW_MESSAGE_DIALOG (dialog))), ==,
                   "Q3 workshop");
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "rerate");
  g_assert_cmpstr (adw_message_dialog_get_close_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "cancel");
  g_assert_cmpuint (done.calls, ==, 0);
  g_assert_cmpuint (n_assessments (f), ==, 0);

  gtk_editable_set_text (dialog_reason (ADW_MESSAGE_DIALOG (dialog)), "  门禁已改造  ");
  sd_test_click_button (dialog, "_Re-rate");

  g_assert_cmpuint (done.calls, ==, 1);
  g_assert_nonnull (done.assessment);
  g_assert_cmpuint (n_assessments (f), ==, 1);
  history = sd_risk_history_get (f->history, sd_item_get_id (SD_ITEM (f->r1)));
  g_assert_cmpuint (history->len, ==, 1);
  assessment = g_ptr_array_index (history, 0);
  g_assert_true (assessment == done.assessment);
  g_assert_cmpstr (sd_assessment_get_level (assessment), ==, "inherent");
  g_assert_cmpint (sd_assessment_get_old_likelihood (assessment), ==, 3);
  g_assert_cmpint (sd_assessment_get_old_impact (assessment), ==, 5);
  g_assert_cmpint (sd_assessment_get_new_likelihood (assessment), ==, 2);
  g_assert_cmpint (sd_assessment_get_new_impact (assessment), ==, 5);
  g_assert_cmpstr (sd_assessment_get_reason (assessment), ==, "门禁已改造");
  g_assert_cmpstr (sd_assessment_get_workshop (assessment), ==, "Q3 workshop");
  assert_rating (f->r1, 2, 5);
  g_assert_null (sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_clear_object (&done.assessment);
}

static void
test_dialog_cancel (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *anchor = gtk_label_new ("anchor");
  GtkWidget *dialog;
  Done done = { 0 };

  show (f, anchor);

  /* Cancel, and Escape (closing the dialog), record nothing. */
  dialog = sd_rerate_dialog_present (anchor, f->store, f->r1, SD_RISK_LEVEL_INHERENT, 1, 1,
                                     NULL, done_cb, &done);
  sd_test_iterate ();
  g_assert_cmpstr (gtk_editable_get_text (dialog_reason (ADW_MESSAGE_DIALOG (dialog))), ==, "");
  gtk_editable_set_text (dialog_reason (ADW_MESSAGE_DIALOG (dialog)), "not agreed");
  sd_test_click_button (dialog, "_Cancel");
  g_assert_cmpuint (done.calls, ==, 1);
  g_assert_null (done.assessment);

  dialog = sd_rerate_dialog_present (anchor, f->store, f->r1, SD_RISK_LEVEL_INHERENT, 1, 1,
                                     "Q3", done_cb, &done);
  sd_test_iterate ();
  gtk_window_close (GTK_WINDOW (dialog));
  sd_test_iterate ();
  g_assert_cmpuint (done.calls, ==, 2);
  g_assert_null (done.assessment);

  g_assert_cmpuint (n_assessments (f), ==, 0);
  assert_rating (f->r1, 3, 5);
  g_assert_null (sd_test_find (f->overlay, sd_test_label_showing, "Could not"));
}

static void
test_dialog_error (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *anchor = gtk_label_new ("anchor");
  GtkWidget *dialog;
  Done done = { 0 };

  show (f, anchor);

  /* The same cell again is refused by the store: a toast says so. */
  dialog = sd_rerate_dialog_present (anchor, f->store, f->r1, SD_RISK_LEVEL_INHERENT, 3, 5,
                                     "Q3", done_cb, &done);
  sd_test_iterate ();
  sd_test_click_button (dialog, "_Re-rate");
  g_assert_cmpuint (done.calls, ==, 1);
  g_assert_null (done.assessment);
  g_assert_cmpuint (n_assessments (f), ==, 0);
  g_assert_nonnull (sd_test_find (f->overlay, sd_test_label_showing, "Could not re-rate R-001"));
}

/* The workshop view */

static SdWorkshopView *
start_workshop (Fixture *f)
{
  SdWorkshopView *view = SD_WORKSHOP_VIEW (sd_workshop_view_new (f->store, f->history));

  show (f, GTK_WIDGET (view));
  sd_workshop_view_start (view, SD_RISK_LEVEL_INHERENT, f->r1);
  sd_test_settle ();
  return view;
}

/* Drops @risk on a cell of the view's map and answers the dialog. */
static void
drop_and_answer (SdWorkshopView *view,
                 SdRisk         *risk,
                 int             likelihood,
                 int             impact,
                 const char     *reason)
{
  SdHeatmapView *map = SD_HEATMAP_VIEW (find_widget (GTK_WIDGET (view),
                                                     SD_TYPE_HEATMAP_VIEW, NULL));
  AdwMessageDialog *dialog;

  g_assert_nonnull (map);
  g_assert_true (sd_heatmap_view_drop_risk (map, risk, likelihood, impact));
  sd_test_iterate ();
  dialog = sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  /* The reason starts as the workshop's name. */
  g_assert_cmpstr (gtk_editable_get_text (dialog_reason (dialog)), ==,
                   sd_workshop_view_get_name (view));
  gtk_editable_set_text (dialog_reason (dialog), reason);
  sd_test_click_button (dialog, "_Re-rate");
}

static GtkWidget *
changes_list (SdWorkshopView *view)
{
  GtkWidget *list = find_widget (GTK_WIDGET (view), GTK_TYPE_LIST_BOX, "sd-workshop-changes");

  g_assert_nonnull (list);
  return list;
}

static GtkWidget *
undo_button (GtkListBoxRow *row)
{
  GtkWidget *button = find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON, "sd-workshop-undo");

  g_assert_nonnull (button);
  return button;
}

static void
test_workshop_rerate_undo (Fixture       *f,
                           gconstpointer  data)
{
  SdWorkshopView *view = start_workshop (f);
  SdRiskCard *card = SD_RISK_CARD (find_widget (GTK_WIDGET (view), SD_TYPE_RISK_CARD, NULL));
  GtkWidget *list = changes_list (view);
  GtkWidget *history_list;
  GtkListBoxRow *row;
  SdAssessment *assessment;

  g_assert_true (g_str_has_prefix (sd_workshop_view_get_name (view), "Risk workshop "));
  g_assert_cmpuint (sd_workshop_view_get_n_changes (view), ==, 0);
  g_assert_nonnull (card);
  g_assert_true (sd_risk_card_get_risk (card) == f->r1);

  drop_and_answer (view, f->r1, 2, 4, "新增门禁");
  g_assert_cmpuint (sd_workshop_view_get_n_changes (view), ==, 1);
  g_assert_cmpuint (count_rows (list), ==, 1);
  g_assert_cmpuint (n_assessments (f), ==, 1);
  assert_rating (f->r1, 2, 4);
  assessment = g_list_model_get_item (sd_store_get_items (f->store, SD_TYPE_ASSESSMENT), 0);
  g_assert_cmpstr (sd_assessment_get_workshop (assessment), ==,
                   sd_workshop_view_get_name (view));
  g_assert_cmpstr (sd_assessment_get_reason (assessment), ==, "新增门禁");
  g_object_unref (assessment);
  g_assert_nonnull (sd_test_find (list, sd_test_label_showing, "R-001 Inherent 3×5 → 2×4: 新增门禁"));
  g_assert_nonnull (sd_test_find (view, sd_test_label_showing, "1 change"));

  /* The card follows: the new rating and one history row. */
  history_list = find_widget (GTK_WIDGET (card), GTK_TYPE_LIST_BOX, "sd-risk-card-history");
  g_assert_nonnull (history_list);
  g_assert_cmpuint (count_rows (history_list), ==, 1);
  g_assert_nonnull (sd_test_find (card, sd_test_label_showing, "2×4 = 8"));

  /* A second change goes on top. */
  drop_and_answer (view, f->r2, 4, 2, "培训");
  g_assert_cmpuint (sd_workshop_view_get_n_changes (view), ==, 2);
  g_assert_cmpuint (count_rows (list), ==, 2);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  g_assert_nonnull (sd_test_find (row, sd_test_label_showing, "R-002 Inherent 4×4 → 4×2: 培训"));

  sd_test_save_screenshot (GTK_WIDGET (f->window), "workshop.png");

  /* Undo takes back the newest, then the other, one by one. */
  g_signal_emit_by_name (undo_button (row), "clicked");
  sd_test_iterate ();
  g_assert_cmpuint (sd_workshop_view_get_n_changes (view), ==, 1);
  g_assert_cmpuint (count_rows (list), ==, 1);
  g_assert_cmpint (sd_risk_get_inherent_likelihood (f->r2), ==, 4);
  g_assert_cmpint (sd_risk_get_inherent_impact (f->r2), ==, 4);

  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  g_signal_emit_by_name (undo_button (row), "clicked");
  sd_test_iterate ();
  g_assert_cmpuint (sd_workshop_view_get_n_changes (view), ==, 0);
  g_assert_cmpuint (count_rows (list), ==, 0);
  g_assert_cmpuint (n_assessments (f), ==, 0);
  assert_rating (f->r1, 3, 5);
  g_assert_cmpuint (count_rows (history_list), ==, 0);
  g_assert_nonnull (sd_test_find (view, sd_test_label_showing, "No changes yet"));
}

static void
test_workshop_undo_fails (Fixture       *f,
                          gconstpointer  data)
{
  SdWorkshopView *view = start_workshop (f);
  GtkWidget *list = changes_list (view);
  g_autoptr(GError) error = NULL;

  drop_and_answer (view, f->r1, 2, 5, "why");
  g_assert_cmpuint (sd_workshop_view_get_n_changes (view), ==, 1);

  /* Re-rated again elsewhere since: the change can no longer be undone. */
  g_assert_nonnull (sd_risk_rerate (f->store, f->r1, SD_RISK_LEVEL_INHERENT, 1, 5, "later",
                                    NULL, &error));
  g_assert_no_error (error);
  g_signal_emit_by_name (undo_button (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0)),
                         "clicked");
  sd_test_iterate ();
  g_assert_cmpuint (sd_workshop_view_get_n_changes (view), ==, 1);
  g_assert_cmpuint (count_rows (list), ==, 1);
  assert_rating (f->r1, 1, 5);
  g_assert_cmpuint (n_assessments (f), ==, 2);
  g_assert_nonnull (sd_test_find (f->overlay, sd_test_label_showing, "Could not undo the change"));

  /* Starting again clears the list. */
  sd_workshop_view_start (view, SD_RISK_LEVEL_RESIDUAL, NULL);
  sd_test_iterate ();
  g_assert_cmpuint (sd_workshop_view_get_n_changes (view), ==, 0);
  g_assert_cmpuint (count_rows (list), ==, 0);
}

static void
leave_cb (SdWorkshopView *view,
          guint          *count)
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

  if (!sd_test_shown (widget) || SD_IS_HEATMAP_VIEW (widget))
    return;
  if (GTK_IS_LABEL (widget) || GTK_IS_TEXT (widget))
    {
      font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
      px = (double) pango_font_description_get_size (font) / PANGO_SCALE;
      if (!pango_font_description_get_size_is_absolute (font))
        px = px * 96.0 / 72.0;
      if (px + 0.01 < min_px)
        g_error ("%s “%s” has %.1f px text, less than %d px", G_OBJECT_TYPE_NAME (widget),
                 GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : "",
                 px, min_px);
      (*n_checked)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_text_size (child, min_px, n_checked);
}

static gboolean
is_within (GtkWidget *widget,
           GtkWidget *ancestor)
{
  return widget != NULL && (widget == ancestor || gtk_widget_is_ancestor (widget, ancestor));
}

static void
test_workshop_look_and_keys (Fixture       *f,
                             gconstpointer  data)
{
  SdWorkshopView *view;
  GtkWidget *map, *card, *list, *entry, *focus;
  gboolean seen_map = FALSE, seen_list = FALSE;
  guint n_checked = 0, left = 0;
  int min_px;

  view = start_workshop (f);
  drop_and_answer (view, f->r1, 2, 5, "一致同意");
  sd_test_settle ();

  /* The smallest text is at least 1/40 of the height. */
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), ==, HEIGHT);
  min_px = (HEIGHT + 39) / 40;
  check_text_size (GTK_WIDGET (view), min_px, &n_checked);
  g_assert_cmpuint (n_checked, >, 10);

  /* Tab goes from the name to the map to the list of changes, and never
   * stops in the card. */
  map = find_widget (GTK_WIDGET (view), SD_TYPE_HEATMAP_VIEW, NULL);
  card = find_widget (GTK_WIDGET (view), SD_TYPE_RISK_CARD, NULL);
  list = changes_list (view);
  entry = find_widget (GTK_WIDGET (view), GTK_TYPE_ENTRY, NULL);
  gtk_widget_grab_focus (entry);
  for (guint i = 0; i < 12 && !seen_list; i++)
    {
      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      g_assert_nonnull (focus);
      g_test_message ("Tab %u: %s", i, G_OBJECT_TYPE_NAME (focus));
      g_assert_false (is_within (focus, card));
      if (focus == map)
        seen_map = TRUE;
      if (is_within (focus, list))
        {
          g_assert_true (seen_map);
          seen_list = TRUE;
        }
    }
  g_assert_true (seen_map);
  g_assert_true (seen_list);

  /* The Leave button's action, which F11 and Escape are bound to. */
  g_signal_connect (view, "leave", G_CALLBACK (leave_cb), &left);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "workshop.leave", NULL));
  g_assert_cmpuint (left, ==, 1);

  /* The dialog in workshop type, for the screenshot. */
  if (g_getenv ("SD_TEST_SCREENSHOT") != NULL)
    {
      g_assert_true (sd_heatmap_view_drop_risk (SD_HEATMAP_VIEW (map), f->r2, 5, 5));
      sd_test_settle ();
      sd_test_save_screenshot (sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG),
                               "workshop-dialog.png");
      sd_test_save_screenshot (GTK_WIDGET (f->window), "workshop-2.png");
    }
}

/* The risk card */

static void
test_card (Fixture       *f,
           gconstpointer  data)
{
  SdRiskCard *card = SD_RISK_CARD (sd_risk_card_new (f->store, f->history));
  GtkWidget *history_list;
  g_autoptr(GError) error = NULL;
  const int path[][2] = { { 4, 5 }, { 3, 5 }, { 3, 4 }, { 2, 4 }, { 2, 3 } };

  show (f, GTK_WIDGET (card));
  g_assert_nonnull (sd_test_find (card, sd_test_label_showing, "No Risk Selected"));

  sd_risk_card_set_risk (card, f->r2);
  sd_test_iterate ();
  g_assert_true (sd_risk_card_get_risk (card) == f->r2);
  g_assert_nonnull (sd_test_find (card, sd_test_label_showing, "R-002"));
  g_assert_nonnull (sd_test_find (card, sd_test_label_showing, "涉密文件外发"));
  g_assert_nonnull (sd_test_find (card, sd_test_label_showing, "4×4 = 16 (Major)"));
  g_assert_nonnull (sd_test_find (card, sd_test_label_showing, "3×4 = 12 (High)"));
  g_assert_nonnull (sd_test_find (card, sd_test_label_showing, "1×3 = 3 (Low)"));
  g_assert_nonnull (sd_test_find (card, sd_test_label_showing, "门禁与巡查"));
  g_assert_nonnull (sd_test_find (card, sd_test_label_showing, "2020-01-01 (overdue)"));
  history_list = find_widget (GTK_WIDGET (card), GTK_TYPE_LIST_BOX, "sd-risk-card-history");
  g_assert_nonnull (history_list);
  g_assert_cmpuint (count_rows (history_list), ==, 0);

  /* Every re-rating is a row, oldest first, as it happens. */
  for (guint i = 0; i < G_N_ELEMENTS (path); i++)
    {
      g_autofree char *reason = g_strdup_printf ("step %u", i);

      g_assert_nonnull (sd_risk_rerate (f->store, f->r2, SD_RISK_LEVEL_RESIDUAL,
                                        path[i][0], path[i][1], reason, "Q4", &error));
      g_assert_no_error (error);
    }
  sd_test_iterate ();
  g_assert_cmpuint (count_rows (history_list), ==, G_N_ELEMENTS (path));
  g_assert_nonnull (sd_test_find (gtk_widget_get_first_child (history_list),
                                  sd_test_label_showing, "step 0 · Q4"));
  g_assert_nonnull (sd_test_find (card, sd_test_label_showing, "2×3 = 6 (Medium)"));
  gtk_window_set_default_size (f->window, 480, 900);
  sd_test_save_screenshot (GTK_WIDGET (f->window), "card.png");

  /* Large: the last few only, and it says so. */
  sd_risk_card_set_large (card, TRUE);
  sd_test_iterate ();
  g_assert_cmpuint (count_rows (history_list), ==, 3);
  g_assert_nonnull (sd_test_find (card, sd_test_label_showing, "2 earlier re-ratings not shown"));
  g_assert_nonnull (sd_test_find (history_list, sd_test_label_showing, "step 4"));
  g_assert_null (sd_test_find (history_list, sd_test_label_showing, "step 1"));

  /* Another risk, then none; a deleted risk leaves the card. */
  sd_risk_card_set_risk (card, f->r3);
  sd_test_iterate ();
  g_assert_nonnull (sd_test_find (card, sd_test_label_showing, "机房断电"));
  g_assert_cmpuint (count_rows (history_list), ==, 0);
  g_assert_true (sd_store_delete (f->store, f->r3, &error));
  g_assert_no_error (error);
  sd_test_iterate ();
  g_assert_null (sd_risk_card_get_risk (card));
  g_assert_nonnull (sd_test_find (card, sd_test_label_showing, "No Risk Selected"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The workshop's type sizes are checked with the app's stylesheet. */
  sd_test_load_style ();

#define ADD(path, func) \
  g_test_add ("/workshop-ui/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("dialog/rerate", test_dialog_rerate);
  ADD ("dialog/cancel", test_dialog_cancel);
  ADD ("dialog/error", test_dialog_error);
  ADD ("view/rerate-undo", test_workshop_rerate_undo);
  ADD ("view/undo-fails", test_workshop_undo_fails);
  ADD ("view/look-and-keys", test_workshop_look_and_keys);
  ADD ("card", test_card);

#undef ADD

  return g_test_run ();
}
