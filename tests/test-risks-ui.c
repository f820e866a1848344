/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The Risks page, the risk editor and the matrix settings under Xvfb: the
 * filters narrow the register and the map alike, a click on a cell lists
 * its risks, the editor creates a risk and records a changed rating as one
 * assessment, a deleted risk comes back with Undo, the matrix settings
 * change the size and map the ratings, and a drop on the map asks for the
 * reason and records exactly one assessment.
 */

#define G_LOG_DOMAIN "test-risks-ui"

#include "config.h"

#include "sd-risks-page-private.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sd-assessment.h"
#include "sd-matrix-settings.h"
#include "sd-matrix-settings-dialog.h"
#include "sd-person.h"
#include "sd-risk-category.h"
#include "sd-risk-editor.h"
#include "sd-risk-settings.h"
#include "sd-store.h"
#include "sd-unit.h"
#include "sd-test-widgets.h"

typedef struct
{
  char        *dir;
  SdStore     *store;
  SdUnit      *it, *sales;
  SdPerson    *owner;
  SdRisk      *r1, *r2, *r3, *r4, *r5;
  GtkWindow   *window;
  SdRisksPage *page;
} Fixture;

static gint64
id (gpointer item)
{
  return sd_item_get_id (SD_ITEM (item));
}

static gint64
category_id (Fixture    *f,
             const char *code)
{
  GListModel *categories = sd_store_get_items (f->store, SD_TYPE_RISK_CATEGORY);

  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(SdRiskCategory) category = g_list_model_get_item (categories, i);

      if (g_strcmp0 (sd_risk_category_get_code (category), code) == 0)
        return id (category);
    }
  g_assert_not_reached ();
}

static SdRisk *
add_risk (Fixture    *f,
          const char *code,
          const char *category,
          SdUnit     *unit,
          int         l,
          int         i,
          const char *status,
          const char *next_review)
{
  g_autoptr(GError) error = NULL;
  SdRisk *risk = sd_store_insert (f->store, SD_TYPE_RISK, &error,
                                  "code", code,
                                  "title", code,
                                  "category-id", category_id (f, category),
                                  "owner-unit-id", id (unit),
                                  "inherent-likelihood", l, "inherent-impact", i,
                                  "residual-likelihood", MAX (l - 1, 1),
                                  "residual-impact", i,
                                  "target-likelihood", 1, "target-impact", MAX (i - 1, 1),
                                  "treatment", "reduce",
                                  "status", status,
                                  "next-review", next_review,
                                  NULL);

  g_assert_no_error (error);
  return risk;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWidget *overlay;

  f->dir = g_dir_make_tmp ("sd-test-risks-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "risks.db", NULL);
  f->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  f->it = sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "信息部",
                           "kind", "department", NULL);
  g_assert_no_error (error);
  f->sales = sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "营销部",
                              "kind", "department", NULL);
  g_assert_no_error (error);
  f->owner = sd_store_insert (f->store, SD_TYPE_PERSON, &error, "name", "罗毅",
                              "unit-id", id (f->it), NULL);
  g_assert_no_error (error);

  /* On the default 5×5 matrix: 25 and 16 Major, 4 Low, 9 Medium, 10 High.
   * are overdue; R-003's date is past too, but it is
   * closed. */
  f->r1 = add_risk (f, "R-001", "data", f->it, 5, 5, "open", "2020-01-01");
  f->r2 = add_risk (f, "R-002", "data", f->it, 4, 4, "treating", "2099-01-01");
  f->r3 = add_risk (f, "R-003", "personal", f->sales, 2, 2, "closed", "2020-01-01");
  f->r4 = add_risk (f, "R-004", "operational", f->sales, 3, 3, "accepted", NULL);
  f->r5 = add_risk (f, "R-005", "personal", f->it, 2, 5, "open", "2020-06-01");

  /* The page finds the window's toast overlay among its ancestors. */
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1400, 900);
  overlay = adw_toast_overlay_new ();
  f->page = SD_RISKS_PAGE (sd_risks_page_new (f->store));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->page));
  gtk_window_set_child (f->window, overlay);
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
}

/* Finding widgets: see sd-test-widgets.h. */

static gboolean
named (GtkWidget  *widget,
       const char *name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static void
choose (gpointer    window,
        const char *name,
        guint       position)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sd_test_find_shown (window, named, name)), position);
  sd_test_iterate ();
}

static guint
n_rows (Fixture *f)
{
  return g_list_model_get_n_items (sd_risks_page_get_register (f->page));
}

static gboolean
register_has (Fixture *f,
              SdRisk  *risk)
{
  GListModel *model = sd_risks_page_get_register (f->page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdRisk) item = g_list_model_get_item (model, i);

      if (item == risk)
        return TRUE;
    }
  return FALSE;
}

/* Whether the map draws @risk (only risks it shows have a marker). */
static gboolean
on_map (Fixture *f,
        SdRisk  *risk)
{
  double x, y;

  return sd_heatmap_view_get_risk_center (f->page->heatmap, risk, &x, &y);
}

static GPtrArray *
assessments_of (Fixture *f,
                SdRisk  *risk)
{
  GListModel *all = sd_store_get_items (f->store, SD_TYPE_ASSESSMENT);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      SdAssessment *assessment = g_list_model_get_item (all, i);

      if (sd_assessment_get_risk_id (assessment) == id (risk))
        g_ptr_array_add (found, assessment);
      else
        g_object_unref (assessment);
    }
  return found;
}

static guint
n_assessments (Fixture *f)
{
  return g_list_model_get_n_items (sd_store_get_items (f->store, SD_TYPE_ASSESSMENT));
}

/* The register and its filters */

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  SdRisk *all[] = { f->r1, f->r2, f->r3, f->r4, f->r5 };

  g_assert_cmpuint (n_rows (f), ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    g_assert_true (on_map (f, all[i]));
  g_assert_cmpstr (gtk_label_get_label (f->page->count_label), ==, "5 risks");

  /* The Major zone of the inherent ratings, in the
   * register and on the map. */
  gtk_check_button_set_active (f->page->zone_checks[SD_ZONE_MAJOR], TRUE);
  sd_test_iterate ();
  g_assert_cmpuint (n_rows (f), ==, 2);
  g_assert_true (register_has (f, f->r1) && register_has (f, f->r2));
  g_assert_true (on_map (f, f->r1));
  g_assert_true (on_map (f, f->r2));
  g_assert_false (on_map (f, f->r3));
  g_assert_false (on_map (f, f->r4));
  g_assert_false (on_map (f, f->r5));
  g_assert_cmpstr (gtk_label_get_label (f->page->count_label), ==, "2 of 5 risks");
  g_assert_cmpstr (gtk_menu_button_get_label (f->page->filter_button), ==, "_Filter (1)");

  /* And overdue: R-001 only (R-002 is reviewed in 2099). */
  gtk_check_button_set_active (f->page->overdue_check, TRUE);
  sd_test_iterate ();
  g_assert_cmpuint (n_rows (f), ==, 1);
  g_assert_true (register_has (f, f->r1));
  g_assert_false (on_map (f, f->r2));
  g_assert_cmpstr (gtk_menu_button_get_label (f->page->filter_button), ==, "_Filter (2)");

  /* Overdue alone; R-003 is past its date but closed. */
  gtk_check_button_set_active (f->page->zone_checks[SD_ZONE_MAJOR], FALSE);
  sd_test_iterate ();
  g_assert_cmpuint (n_rows (f), ==, 2);
  g_assert_true (register_has (f, f->r1) && register_has (f, f->r5));
  g_assert_true (on_map (f, f->r5));
  g_assert_false (on_map (f, f->r3));

  /* Status: closed and accepted. */
  gtk_check_button_set_active (f->page->overdue_check, FALSE);
  gtk_check_button_set_active (f->page->status_checks[SD_RISK_STATUS_CLOSED], TRUE);
  gtk_check_button_set_active (f->page->status_checks[SD_RISK_STATUS_ACCEPTED], TRUE);
  sd_test_iterate ();
  g_assert_cmpuint (n_rows (f), ==, 2);
  g_assert_true (register_has (f, f->r3) && register_has (f, f->r4));
  g_assert_false (on_map (f, f->r1));
  g_assert_true (on_map (f, f->r3));

  /* The zone follows the rating shown: on the residual ratings R-002 (3×4)
   * is High and R-001 (4×5) Major. */
  gtk_check_button_set_active (f->page->status_checks[SD_RISK_STATUS_CLOSED], FALSE);
  gtk_check_button_set_active (f->page->status_checks[SD_RISK_STATUS_ACCEPTED], FALSE);
  sd_test_iterate ();
  g_assert_cmpuint (n_rows (f), ==, 5);
  gtk_toggle_button_set_active (f->page->residual_button, TRUE);
  gtk_check_button_set_active (f->page->zone_checks[SD_ZONE_HIGH], TRUE);
  sd_test_iterate ();
  g_assert_cmpint (sd_heatmap_view_get_level (f->page->heatmap), ==, SD_RISK_LEVEL_RESIDUAL);
  g_assert_cmpuint (n_rows (f), ==, 1);
  g_assert_true (register_has (f, f->r2));
  gtk_check_button_set_active (f->page->zone_checks[SD_ZONE_HIGH], FALSE);
  gtk_toggle_button_set_active (f->page->inherent_button, TRUE);

  /* The search: code, title or description, once typing pauses. */
  gtk_editable_set_text (GTK_EDITABLE (f->page->search_entry), "r-004");
  for (gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
       n_rows (f) != 1 && g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_rows (f), ==, 1);
  g_assert_true (register_has (f, f->r4));
  g_assert_false (on_map (f, f->r1));
  gtk_editable_set_text (GTK_EDITABLE (f->page->search_entry), "");
  sd_test_iterate ();
  g_assert_cmpuint (n_rows (f), ==, 5);
}

static void
test_cell_filter_and_selection (Fixture       *f,
                                gconstpointer  data)
{
  SdHeatmapView *map = f->page->heatmap;
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (sd_risks_page_get_register (f->page));

  /* A click on a cell lists its risks, with a chip to remove. */
  g_signal_emit_by_name (map, "cell-activated", 4, 4);
  sd_test_iterate ();
  g_assert_cmpuint (n_rows (f), ==, 1);
  g_assert_true (register_has (f, f->r2));
  g_assert_true (gtk_widget_get_visible (f->page->cell_bar));
  g_assert_nonnull (strstr (gtk_label_get_label (f->page->cell_label), "Likelihood 4"));
  /* The map still shows every risk. */
  g_assert_true (on_map (f, f->r1));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "risks.show-all", NULL);
  sd_test_iterate ();
  g_assert_cmpuint (n_rows (f), ==, 5);
  g_assert_false (gtk_widget_get_visible (f->page->cell_bar));

  /* The map's selection shows in the register ... */
  sd_heatmap_view_set_selected_risk (map, f->r4);
  sd_test_iterate ();
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) f->r4);
  g_assert_true (sd_risks_page_get_selected_risk (f->page) == f->r4);

  /* ... and the register's on the map. */
  for (guint i = 0; i < n_rows (f); i++)
    {
      g_autoptr(SdRisk) risk = g_list_model_get_item (G_LIST_MODEL (selection), i);

      if (risk == f->r5)
        gtk_single_selection_set_selected (selection, i);
    }
  sd_test_iterate ();
  g_assert_true (sd_heatmap_view_get_selected_risk (map) == f->r5);
}

/* The editor */

static void
test_editor_add (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *risks = sd_store_get_items (f->store, SD_TYPE_RISK);
  GtkWidget *editor;
  GtkWidget *code;
  GtkWidget *duplicate;
  SdRisk *risk;
  int l, i;

  /* Ctrl+N's action opens a "new" editor, with the next code. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "risks.add", NULL);
  sd_test_iterate ();
  editor = sd_test_find_toplevel (SD_TYPE_RISK_EDITOR);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Risk");
  code = sd_test_find_shown (editor, named, "code");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (code)), ==, "R-006");

  /* Fields set before the risk exists go into the insert. */
  gtk_editable_set_text (GTK_EDITABLE (code), "R-010");
  choose (editor, "inherent-likelihood", 3);
  choose (editor, "inherent-impact", 4);
  choose (editor, "residual-likelihood", 1);
  choose (editor, "residual-impact", 2);
  choose (editor, "target-likelihood", 0);
  choose (editor, "target-impact", 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (sd_test_find_shown (editor, sd_test_row_titled,
                                                                 "Category")), 2);
  sd_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (risks), ==, 5);

  sd_test_type_and_apply (editor, "Title", "直播活动被植入恶意链接");
  g_assert_cmpuint (g_list_model_get_n_items (risks), ==, 6);
  risk = sd_editor_window_get_item (SD_EDITOR_WINDOW (editor));
  g_assert_nonnull (risk);
  g_assert_cmpstr (sd_risk_get_code (risk), ==, "R-010");
  g_assert_cmpstr (sd_risk_get_title (risk), ==, "直播活动被植入恶意链接");
  g_assert_cmpint (sd_risk_get_category_id (risk), ==, category_id (f, "data"));
  g_assert_cmpstr (sd_risk_get_status (risk), ==, "open");
  sd_risk_get_rating (risk, SD_RISK_LEVEL_INHERENT, &l, &i);
  g_assert_cmpint (l, ==, 4);
  g_assert_cmpint (i, ==, 5);
  sd_risk_get_rating (risk, SD_RISK_LEVEL_RESIDUAL, &l, &i);
  g_assert_cmpint (l, ==, 2);
  g_assert_cmpint (i, ==, 3);
  sd_risk_get_rating (risk, SD_RISK_LEVEL_TARGET, &l, &i);
  g_assert_cmpint (l, ==, 1);
  g_assert_cmpint (i, ==, 2);
  /* A new risk has no history yet. */
  g_assert_cmpuint (n_assessments (f), ==, 0);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Risk");
  /* The page selects it. */
  g_assert_true (sd_risks_page_get_selected_risk (f->page) == risk);
  g_assert_cmpuint (n_rows (f), ==, 6);

  /* A code another risk has is pointed out while typed, and refused. */
  duplicate = sd_test_find (editor, sd_test_label_showing, "Another risk has this code");
  g_assert_null (duplicate);
  gtk_editable_set_text (GTK_EDITABLE (code), "R-001");
  sd_test_iterate ();
  g_assert_true (gtk_widget_has_css_class (code, "error"));
  g_assert_nonnull (sd_test_find (editor, sd_test_label_showing,
                                  "Another risk has this code: “R-001”"));
  g_signal_emit_by_name (code, "apply");
  sd_test_iterate ();
  g_assert_cmpstr (sd_risk_get_code (risk), ==, "R-010");

  /* The date is stored as YYYY-MM-DD, and only a date is. */
  sd_test_type_and_apply (editor, "Next Review (YYYY-MM-DD)", "2026-7-1");
  g_assert_cmpstr (sd_risk_get_next_review (risk), ==, "2026-07-01");
  sd_test_type_and_apply (editor, "Next Review (YYYY-MM-DD)", "next week");
  g_assert_cmpstr (sd_risk_get_next_review (risk), ==, "2026-07-01");
}

static void
test_editor_rerate (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *editor = sd_risk_editor_new (f->store, f->r4);
  GtkWidget *record;
  g_autoptr(GPtrArray) history = NULL;
  SdAssessment *assessment;
  int l, i;

  gtk_window_present (GTK_WINDOW (editor));
  sd_test_iterate ();

  /* Other fields record no assessment. */
  sd_test_type_and_apply (editor, "Title", "机房断电");
  g_assert_cmpstr (sd_risk_get_title (f->r4), ==, "机房断电");
  g_assert_cmpuint (n_assessments (f), ==, 0);

  /* A category of one's own, made from the editor. */
  {
    AdwComboRow *row = ADW_COMBO_ROW (sd_test_find_shown (editor, sd_test_row_titled, "Category"));
    guint n = g_list_model_get_n_items (adw_combo_row_get_model (row));
    GListModel *categories = sd_store_get_items (f->store, SD_TYPE_RISK_CATEGORY);
    g_autoptr(SdRiskCategory) added = NULL;
    GtkWidget *dialog;

    adw_combo_row_set_selected (row, n - 1);
    sd_test_iterate ();
    dialog = sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_nonnull (dialog);
    gtk_editable_set_text (GTK_EDITABLE (sd_test_find_shown (dialog, sd_test_is_type, "GtkEntry")),
                           "供应链");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
    gtk_window_destroy (GTK_WINDOW (dialog));
    sd_test_iterate ();
    g_assert_cmpuint (g_list_model_get_n_items (categories), ==, 4);
    added = g_list_model_get_item (categories, 3);
    g_assert_cmpstr (sd_risk_category_get_name (added), ==, "供应链");
    g_assert_cmpint (sd_risk_get_category_id (f->r4), ==, id (added));
    g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 4);
    g_assert_cmpuint (n_assessments (f), ==, 0);
  }

  /* A rating waits until it is recorded, both of its values together. */
  record = sd_test_find (editor, sd_test_button_labelled, "_Record Ratings");
  g_assert_null (record);
  choose (editor, "inherent-likelihood", 3);
  choose (editor, "inherent-impact", 1);
  sd_risk_get_rating (f->r4, SD_RISK_LEVEL_INHERENT, &l, &i);
  g_assert_cmpint (l, ==, 3);
  g_assert_cmpint (i, ==, 3);
  record = sd_test_find_shown (editor, sd_test_button_labelled, "_Record Ratings");
  g_signal_emit_by_name (record, "clicked");
  sd_test_iterate ();

  sd_risk_get_rating (f->r4, SD_RISK_LEVEL_INHERENT, &l, &i);
  g_assert_cmpint (l, ==, 4);
  g_assert_cmpint (i, ==, 2);
  history = assessments_of (f, f->r4);
  g_assert_cmpuint (history->len, ==, 1);
  assessment = g_ptr_array_index (history, 0);
  g_assert_cmpstr (sd_assessment_get_level (assessment), ==, "inherent");
  g_assert_cmpint (sd_assessment_get_old_likelihood (assessment), ==, 3);
  g_assert_cmpint (sd_assessment_get_old_impact (assessment), ==, 3);
  g_assert_cmpint (sd_assessment_get_new_likelihood (assessment), ==, 4);
  g_assert_cmpint (sd_assessment_get_new_impact (assessment), ==, 2);
  g_assert_cmpstr (sd_assessment_get_reason (assessment), ==, "Edited");
  g_assert_false (gtk_widget_get_visible (record));

  /* A change back and forth is no change. */
  choose (editor, "target-impact", 0);
  choose (editor, "target-impact", 1);
  g_assert_false (gtk_widget_get_visible (record));

  /* Closing the window records what was changed and not recorded. */
  choose (editor, "residual-likelihood", 0);
  gtk_window_close (GTK_WINDOW (editor));
  sd_test_iterate ();
  sd_risk_get_rating (f->r4, SD_RISK_LEVEL_RESIDUAL, &l, &i);
  g_assert_cmpint (l, ==, 1);
  g_assert_cmpint (i, ==, 3);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = assessments_of (f, f->r4);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (sd_assessment_get_level (g_ptr_array_index (history, 1)), ==, "residual");
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *risks = sd_store_get_items (f->store, SD_TYPE_RISK);
  gint64 r2_id = id (f->r2);
  GtkWidget *undo;
  SdRisk *back;

  g_assert_nonnull (sd_risk_rerate (f->store, f->r2, SD_RISK_LEVEL_RESIDUAL, 2, 4, "复评",
                                    NULL, NULL));
  g_assert_cmpuint (n_assessments (f), ==, 1);

  /* Nothing selected: nothing to delete. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "risks.delete", NULL);
  sd_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (risks), ==, 5);

  sd_risks_page_select_risk (f->page, f->r2);
  sd_test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "risks.delete", NULL));
  sd_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (risks), ==, 4);
  g_assert_null (sd_store_lookup (f->store, SD_TYPE_RISK, r2_id));
  g_assert_cmpuint (n_assessments (f), ==, 0);
  g_assert_cmpuint (n_rows (f), ==, 4);
  g_assert_nonnull (sd_test_find (f->window, sd_test_label_showing, "Risk R-002 deleted"));

  /* The toast's Undo puts it back, with its history. */
  undo = sd_test_find_shown (f->window, sd_test_button_labelled, "_Undo");
  g_signal_emit_by_name (undo, "clicked");
  sd_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (risks), ==, 5);
  back = sd_store_lookup (f->store, SD_TYPE_RISK, r2_id);
  g_assert_nonnull (back);
  g_assert_cmpstr (sd_risk_get_code (back), ==, "R-002");
  g_assert_cmpuint (n_assessments (f), ==, 1);
  g_assert_cmpuint (n_rows (f), ==, 5);
}

/* The matrix settings */

static void
applied_cb (SdMatrixSettingsDialog *dialog,
            guint                   n_moved,
            guint                  *out)
{
  *out = n_moved;
}

static void
test_matrix_settings (Fixture       *f,
                      gconstpointer  data)
{
  SdRisk *all[] = { f->r1, f->r2, f->r3, f->r4, f->r5 };
  int before[G_N_ELEMENTS (all)][3][2];
  GtkWidget *dialog = sd_matrix_settings_dialog_new (f->store);
  SdMatrixSettingsDialog *settings_dialog = SD_MATRIX_SETTINGS_DIALOG (dialog);
  guint expected_moved = sd_risk_matrix_count_moved (f->store, 3);
  guint n_moved = G_MAXUINT;
  g_autofree char *message = NULL;
  GtkWidget *button;
  SdMatrixSettings settings = { 0 };

  for (guint k = 0; k < G_N_ELEMENTS (all); k++)
    for (int level = 0; level < 3; level++)
      sd_risk_get_rating (all[k], level, &before[k][level][0], &before[k][level][1]);

  g_signal_connect (dialog, "applied", G_CALLBACK (applied_cb), &n_moved);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), f->window);
  gtk_window_present (GTK_WINDOW (dialog));
  sd_test_iterate ();
  g_assert_cmpint (sd_matrix_settings_dialog_get_size (settings_dialog), ==, 5);
  g_assert_null (sd_matrix_settings_dialog_get_message (settings_dialog));

  /* The size's toggle, as a user clicks it, says how many risks move. */
  button = sd_test_find_shown (dialog, sd_test_button_labelled, "3 × 3");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  sd_test_iterate ();
  g_assert_cmpint (sd_matrix_settings_dialog_get_size (settings_dialog), ==, 3);
  g_assert_cmpuint (expected_moved, >, 0);
  message = g_strdup_printf ("Changing the size moves %u risk", expected_moved);
  g_assert_nonnull (strstr (sd_matrix_settings_dialog_get_message (settings_dialog), message));
  g_assert_nonnull (sd_test_find (dialog, sd_test_label_showing, message));
  /* The 3×3 grid, by score: the top right cell is Major. */
  g_assert_cmpint (sd_matrix_settings_dialog_get_zone (settings_dialog, 3, 3), ==, SD_ZONE_MAJOR);
  g_assert_cmpint (sd_matrix_settings_dialog_get_zone (settings_dialog, 1, 1), ==, SD_ZONE_LOW);

  /* A cell painted with a brush, by a click on it. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (sd_test_find_shown (dialog,
                                                                       sd_test_button_labelled,
                                                                       "Medium")), TRUE);
  sd_matrix_settings_dialog_paint (settings_dialog, 1, 3, SD_ZONE_HIGH);
  g_assert_cmpint (sd_matrix_settings_dialog_get_zone (settings_dialog, 1, 3), ==, SD_ZONE_HIGH);
  sd_test_type_and_apply (dialog, "Likelihood axis", "可能性");

  gtk_widget_activate_action (dialog, "matrix.apply", NULL);
  sd_test_iterate ();
  g_assert_cmpuint (n_moved, ==, expected_moved);

  sd_store_get_matrix (f->store, &settings);
  g_assert_cmpint (settings.size, ==, 3);
  g_assert_cmpint (settings.zones[0][2], ==, SD_ZONE_HIGH);
  g_assert_cmpint (settings.zones[2][2], ==, SD_ZONE_MAJOR);
  g_assert_cmpstr (settings.likelihood_title, ==, "可能性");
  g_assert_null (settings.impact_title);
  sd_matrix_settings_clear (&settings);

  /* Every rating was mapped proportionally: nothing cleared. */
  for (guint k = 0; k < G_N_ELEMENTS (all); k++)
    for (int level = 0; level < 3; level++)
      {
        int l, i;

        sd_risk_get_rating (all[k], level, &l, &i);
        g_assert_cmpint (l, ==, sd_risk_map_level (before[k][level][0], 5, 3));
        g_assert_cmpint (i, ==, sd_risk_map_level (before[k][level][1], 5, 3));
      }
  sd_risk_get_rating (f->r1, SD_RISK_LEVEL_INHERENT, &before[0][0][0], &before[0][0][1]);
  g_assert_cmpint (before[0][0][0], ==, 3);
  g_assert_cmpint (before[0][0][1], ==, 3);

  /* Through the page's action, and back to 5×5: the page's toast says
   * how many risks moved. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "risks.matrix-settings", NULL);
  sd_test_iterate ();
  dialog = sd_test_find_toplevel (SD_TYPE_MATRIX_SETTINGS_DIALOG);
  g_assert_nonnull (dialog);
  sd_matrix_settings_dialog_set_size (SD_MATRIX_SETTINGS_DIALOG (dialog), 5);
  g_assert_true (sd_matrix_settings_dialog_apply (SD_MATRIX_SETTINGS_DIALOG (dialog), NULL));
  sd_test_iterate ();
  g_assert_cmpint (sd_store_get_matrix_size (f->store), ==, 5);
  g_assert_null (sd_test_find_toplevel (SD_TYPE_MATRIX_SETTINGS_DIALOG));
  g_assert_nonnull (sd_test_find (GTK_WIDGET (f->window), sd_test_label_showing, "Matrix saved; "));
}

static void
test_matrix_settings_keyboard (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *dialog = sd_matrix_settings_dialog_new (f->store);
  SdMatrixSettingsDialog *settings_dialog = SD_MATRIX_SETTINGS_DIALOG (dialog);
  GtkWidget *preset_target;

  gtk_window_set_transient_for (GTK_WINDOW (dialog), f->window);
  gtk_window_present (GTK_WINDOW (dialog));
  sd_test_iterate ();

  /* The quadrants preset: upper likelihood and upper impact Major, lower
   * impact Low. */
  gtk_widget_activate_action (dialog, "matrix.preset", "i", SD_MATRIX_PRESET_QUADRANTS);
  g_assert_cmpint (sd_matrix_settings_dialog_get_zone (settings_dialog, 5, 5), ==, SD_ZONE_MAJOR);
  g_assert_cmpint (sd_matrix_settings_dialog_get_zone (settings_dialog, 1, 1), ==, SD_ZONE_LOW);

  /* Space on a focused cell paints it with the brush. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (sd_test_find_shown (dialog,
                                                                       sd_test_button_labelled,
                                                                       "Medium")), TRUE);
  preset_target = sd_test_find_shown (dialog, named, "cell-1-1");
  gtk_widget_grab_focus (preset_target);
  gtk_widget_activate (preset_target);
  /* A button's activation shows it pressed for a moment before "clicked". */
  for (gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC;
       g_get_monotonic_time () < end &&
       sd_matrix_settings_dialog_get_zone (settings_dialog, 1, 1) != SD_ZONE_MEDIUM;)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (sd_matrix_settings_dialog_get_zone (settings_dialog, 1, 1), ==, SD_ZONE_MEDIUM);

  /* Escape, or Cancel, leaves the stored matrix alone. */
  gtk_widget_activate_action (dialog, "window.close", NULL);
  sd_test_iterate ();
  g_assert_cmpint (sd_store_get_zone (f->store, 1, 1), ==, SD_ZONE_LOW);
  g_assert_cmpint (sd_store_get_zone (f->store, 5, 5), ==, SD_ZONE_MAJOR);
}

/* Re-rating from the map */

static void
test_rerate_flow (Fixture       *f,
                  gconstpointer  data)
{
  SdHeatmapView *map = f->page->heatmap;
  GtkWidget *dialog;
  GtkWidget *entry;
  g_autoptr(GPtrArray) history = NULL;
  SdAssessment *assessment;
  int l, i;

  /* Dropping R-004 (3×3) one cell up asks for the reason ... */
  g_assert_null (sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (sd_heatmap_view_drop_risk (map, f->r4, 4, 3));
  sd_test_iterate ();
  dialog = sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (n_assessments (f), ==, 0);
  sd_risk_get_rating (f->r4, SD_RISK_LEVEL_INHERENT, &l, &i);
  g_assert_cmpint (l, ==, 3);

  /* ... and the answer records exactly one assessment with it. */
  entry = sd_test_find_shown (dialog, sd_test_is_type, "GtkEntry");
  gtk_editable_set_text (GTK_EDITABLE (entry), "演练后重新评估");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "rerate");
  sd_test_iterate ();

  sd_risk_get_rating (f->r4, SD_RISK_LEVEL_INHERENT, &l, &i);
  g_assert_cmpint (l, ==, 4);
  g_assert_cmpint (i, ==, 3);
  g_assert_cmpuint (n_assessments (f), ==, 1);
  history = assessments_of (f, f->r4);
  g_assert_cmpuint (history->len, ==, 1);
  assessment = g_ptr_array_index (history, 0);
  g_assert_cmpstr (sd_assessment_get_reason (assessment), ==, "演练后重新评估");
  g_assert_cmpstr (sd_assessment_get_level (assessment), ==, "inherent");
  g_assert_cmpint (sd_assessment_get_old_likelihood (assessment), ==, 3);
  g_assert_cmpint (sd_assessment_get_new_likelihood (assessment), ==, 4);
  /* The map and the register keep the risk selected. */
  g_assert_true (sd_risks_page_get_selected_risk (f->page) == f->r4);

  /* A cancelled drop records nothing. */
  g_assert_true (sd_heatmap_view_drop_risk (map, f->r1, 1, 1));
  sd_test_iterate ();
  dialog = sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  sd_test_iterate ();
  g_assert_cmpuint (n_assessments (f), ==, 1);
  sd_risk_get_rating (f->r1, SD_RISK_LEVEL_INHERENT, &l, &i);
  g_assert_cmpint (l, ==, 5);
}

/* Workshop mode */

static void
test_workshop (Fixture       *f,
               gconstpointer  data)
{
  sd_risks_page_select_risk (f->page, f->r1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "risks.workshop", NULL));
  sd_test_iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->mode_stack), ==, "workshop");
  g_assert_nonnull (adw_bin_get_child (f->page->workshop_bin));
  /* The register's edits wait: the workshop re-rates on the map. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "risks.delete", NULL);
  sd_test_iterate ();
  g_assert_nonnull (sd_store_lookup (f->store, SD_TYPE_RISK, id (f->r1)));

  g_signal_emit_by_name (adw_bin_get_child (f->page->workshop_bin), "leave");
  sd_test_iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->mode_stack), ==, "register");
  g_assert_nonnull (sd_store_lookup (f->store, SD_TYPE_RISK, id (f->r1)));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/risks-ui/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("filters", test_filters);
  ADD ("cell-filter-and-selection", test_cell_filter_and_selection);
  ADD ("editor-add", test_editor_add);
  ADD ("editor-rerate", test_editor_rerate);
  ADD ("delete-undo", test_delete_undo);
  ADD ("matrix-settings", test_matrix_settings);
  ADD ("matrix-settings-keyboard", test_matrix_settings_keyboard);
  ADD ("rerate-flow", test_rerate_flow);
  ADD ("workshop", test_workshop);
#undef ADD

  return g_test_run ();
}
