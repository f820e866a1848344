/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The heat-map widget under Xvfb, with a generated register: the centres
 * it reports for cells and markers are what its own hit-testing finds
 * under a click there, a drop or a drag asks for a re-rating exactly once
 * (and not for the cell the risk is in), the keyboard moves the selection
 * and Shift+arrows ask to move the selected risk, and the accessible label
 * counts what the map shows and follows the store.
 */

#define G_LOG_DOMAIN "test-heatmap-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sd-heatmap-view.h"
#include "sd-heatmap-view-private.h"
#include "sd-matrix-settings.h"
#include "sd-risk.h"
#include "sd-risk-matrix.h"
#include "sd-risk-rating.h"
#include "sd-store.h"
#include "sd-test-widgets.h"

#define N_RISKS 60
/* A cell that gets many more risks than fit in it. */
#define CROWDED_L 5
#define CROWDED_I 5
#define N_CROWDED 30

typedef struct
{
  SdRisk *risk;
  int     level, likelihood, impact;
} Request;

typedef struct
{
  char               *dir;
  SdStore            *store;
  GPtrArray          *risks;
  GtkWidget          *window;
  SdHeatmapView      *view;
  GtkEventController *key;
  GtkGesture         *click;
  GtkGesture         *drag;

  GArray             *requests;     /* of Request */
  SdRisk             *activated;
  guint               n_activated;
  guint               n_cells_activated;
} Fixture;

static SdRisk *
add_risk (Fixture *f,
          guint    n,
          int      l,
          int      i)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = g_strdup_printf ("R-%03u", n);
  g_autofree char *title = g_strdup_printf ("风险 %u：数据泄露与越权访问", n);
  SdRisk *risk;

  risk = sd_store_insert (f->store, SD_TYPE_RISK, &error, "code", code, "title", title,
                          "inherent-likelihood", l, "inherent-impact", i,
                          "residual-likelihood", MAX (l - 1, 1), "residual-impact", i,
                          "target-likelihood", 1, "target-impact", MAX (i - 1, 1),
                          NULL);
  g_assert_no_error (error);
  /* The store keeps the item: the list holds its own reference. */
  g_ptr_array_add (f->risks, g_object_ref (risk));
  return risk;
}

static void
rerate_requested_cb (SdHeatmapView *view,
                     SdRisk        *risk,
                     int            level,
                     int            likelihood,
                     int            impact,
                     Fixture       *f)
{
  Request request = { risk, level, likelihood, impact };

  g_array_append_val (f->requests, request);
}

static void
risk_activated_cb (SdHeatmapView *view,
                   SdRisk        *risk,
                   Fixture       *f)
{
  f->activated = risk;
  f->n_activated++;
}

static void
cell_activated_cb (SdHeatmapView *view,
                   int            likelihood,
                   int            impact,
                   Fixture       *f)
{
  f->n_cells_activated++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260601);
  guint n = 1;

  f->dir = g_dir_make_tmp ("sd-test-heatmap-view-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "risks.db", NULL);
  f->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->risks = g_ptr_array_new_with_free_func (g_object_unref);
  f->requests = g_array_new (FALSE, FALSE, sizeof (Request));

  /* Spread over the matrix, but never in the crowded cell, which gets its
   * own; the corner (1, 1) is left empty. */
  for (; n <= N_RISKS; n++)
    {
      int l, i;

      do
        {
          l = g_rand_int_range (rand, 1, 6);
          i = g_rand_int_range (rand, 1, 6);
        }
      while ((l == CROWDED_L && i == CROWDED_I) || (l == 1 && i == 1));
      add_risk (f, n, l, i);
    }
  for (; n <= N_RISKS + N_CROWDED; n++)
    add_risk (f, n, CROWDED_L, CROWDED_I);

  f->window = gtk_window_new ();
  f->view = SD_HEATMAP_VIEW (sd_heatmap_view_new (f->store));
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 960, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  for (int k = 0; k < 20 || gtk_widget_get_width (GTK_WIDGET (f->view)) == 0; k++)
    {
      g_assert_cmpint (k, <, 1000);
      sd_test_iterate ();
      g_usleep (1000);
    }

  g_signal_connect (f->view, "rerate-requested", G_CALLBACK (rerate_requested_cb), f);
  g_signal_connect (f->view, "risk-activated", G_CALLBACK (risk_activated_cb), f);
  g_signal_connect (f->view, "cell-activated", G_CALLBACK (cell_activated_cb), f);

  f->key = sd_test_controller (f->view, GTK_TYPE_EVENT_CONTROLLER_KEY);
  f->drag = sd_test_controller (f->view, GTK_TYPE_GESTURE_DRAG);
  f->click = sd_test_controller (f->view, GTK_TYPE_GESTURE_CLICK);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  sd_test_iterate ();

  g_clear_pointer (&f->risks, g_ptr_array_unref);
  g_clear_pointer (&f->requests, g_array_unref);
  sd_test_remove_store (&f->store, f->dir);
  g_free (f->dir);
}

/* A click as the click gesture reports it. */
static void
click (Fixture *f,
       double   x,
       double   y)
{
  g_signal_emit_by_name (f->click, "pressed", 1, x, y);
}

/* A press, a move and a release of the primary button, as the drag
 * gesture reports them. */
static void
drag (Fixture *f,
      double   x,
      double   y,
      double   to_x,
      double   to_y)
{
  g_signal_emit_by_name (f->drag, "drag-begin", x, y);
  g_signal_emit_by_name (f->drag, "drag-update", (to_x - x) / 2, (to_y - y) / 2);
  g_signal_emit_by_name (f->drag, "drag-update", to_x - x, to_y - y);
  g_signal_emit_by_name (f->drag, "drag-end", to_x - x, to_y - y);
}

static void
cell_of (SdRisk      *risk,
         SdRiskLevel  level,
         int         *l,
         int         *i)
{
  sd_risk_get_cell (risk, level, 5, l, i);
}

static void
assert_selected_cell (Fixture *f,
                      int      want_l,
                      int      want_i)
{
  int l, i;

  sd_heatmap_view_get_selection (f->view, &l, &i);
  g_assert_cmpint (l, ==, want_l);
  g_assert_cmpint (i, ==, want_i);
}

static void
assert_label_has (Fixture    *f,
                  const char *text)
{
  const char *label = sd_heatmap_view_get_accessible_label (f->view);

  g_assert_nonnull (label);
  if (strstr (label, text) == NULL)
    g_error ("“%s” is not in the accessible label “%s”", text, label);
}

/* A click on a cell's centre selects that cell, whatever lies there; a
 * click on a marker's centre selects its risk. Every risk of the crowded
 * cell is reached with Space, which expands the cell when the risk is
 * hidden, and then has a marker that a click finds. */
static void
test_hit_round_trip (Fixture       *f,
                     gconstpointer  data)
{
  guint n_shown = 0, n_hidden = 0;
  double x, y;

  for (int l = 1; l <= 5; l++)
    for (int i = 1; i <= 5; i++)
      {
        g_assert_true (sd_heatmap_view_get_cell_center (f->view, l, i, &x, &y));
        click (f, x, y);
        assert_selected_cell (f, l, i);
        sd_test_press_key (f->key, GDK_KEY_Escape, 0);
      }
  g_assert_false (sd_heatmap_view_get_cell_center (f->view, 6, 1, &x, &y));

  /* The empty corner: a cell, no risk, listed through ::cell-activated. */
  f->n_cells_activated = 0;
  g_assert_true (sd_heatmap_view_get_cell_center (f->view, 1, 1, &x, &y));
  click (f, x, y);
  g_assert_null (sd_heatmap_view_get_selected_risk (f->view));
  g_assert_cmpuint (f->n_cells_activated, ==, 1);

  for (guint k = 0; k < f->risks->len; k++)
    {
      SdRisk *risk = g_ptr_array_index (f->risks, k);
      int l, i;

      if (!sd_heatmap_view_get_risk_center (f->view, risk, &x, &y))
        {
          n_hidden++;
          continue;
        }
      n_shown++;
      click (f, x, y);
      g_assert_true (sd_heatmap_view_get_selected_risk (f->view) == risk);
      cell_of (risk, SD_RISK_LEVEL_INHERENT, &l, &i);
      assert_selected_cell (f, l, i);
    }
  g_assert_cmpuint (n_shown, >, N_RISKS / 2);
  g_test_message ("%u markers shown, %u hidden in crowded cells", n_shown, n_hidden);

  /* Space walks through every risk of the crowded cell, once each. */
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

    sd_heatmap_view_set_selection (f->view, CROWDED_L, CROWDED_I);
    g_assert_nonnull (sd_heatmap_view_get_selected_risk (f->view));
    for (guint k = 0; k < N_CROWDED; k++)
      {
        SdRisk *risk = sd_heatmap_view_get_selected_risk (f->view);

        g_assert_nonnull (risk);
        g_assert_false (g_hash_table_contains (seen, risk));
        g_hash_table_add (seen, risk);
        /* Shown, if need be in the expanded cell's panel, and found there. */
        g_assert_true (sd_heatmap_view_get_risk_center (f->view, risk, &x, &y));
        click (f, x, y);
        g_assert_true (sd_heatmap_view_get_selected_risk (f->view) == risk);
        assert_selected_cell (f, CROWDED_L, CROWDED_I);
        g_assert_true (sd_test_press_key (f->key, GDK_KEY_space, 0));
      }
    g_assert_true (g_hash_table_contains (seen, sd_heatmap_view_get_selected_risk (f->view)));
  }
}

/* The test hook and a real drag ask once, with the risk, the level shown
 * and the cell; nothing for the cell the risk is in, and the widget
 * itself changes nothing. */
static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  SdRisk *risk = g_ptr_array_index (f->risks, 0);
  Request *request;
  double x, y, to_x, to_y;
  int l, i, to_l, to_i;

  cell_of (risk, SD_RISK_LEVEL_INHERENT, &l, &i);
  to_l = l == 5 ? 1 : l + 1;
  to_i = i;

  g_assert_false (sd_heatmap_view_drop_risk (f->view, risk, l, i));
  g_assert_cmpuint (f->requests->len, ==, 0);
  g_assert_false (sd_heatmap_view_drop_risk (f->view, risk, 0, 3));
  g_assert_false (sd_heatmap_view_drop_risk (f->view, risk, 6, 3));
  g_assert_cmpuint (f->requests->len, ==, 0);

  g_assert_true (sd_heatmap_view_drop_risk (f->view, risk, to_l, to_i));
  g_assert_cmpuint (f->requests->len, ==, 1);
  request = &g_array_index (f->requests, Request, 0);
  g_assert_true (request->risk == risk);
  g_assert_cmpint (request->level, ==, SD_RISK_LEVEL_INHERENT);
  g_assert_cmpint (request->likelihood, ==, to_l);
  g_assert_cmpint (request->impact, ==, to_i);
  g_assert_cmpint (sd_risk_get_inherent_likelihood (risk), ==, l);
  g_array_set_size (f->requests, 0);

  /* A drag of the marker, as the pointer would do it. */
  g_assert_true (sd_heatmap_view_get_risk_center (f->view, risk, &x, &y));
  g_assert_true (sd_heatmap_view_get_cell_center (f->view, to_l, to_i, &to_x, &to_y));
  drag (f, x, y, to_x, to_y);
  g_assert_cmpuint (f->requests->len, ==, 1);
  request = &g_array_index (f->requests, Request, 0);
  g_assert_true (request->risk == risk);
  g_assert_cmpint (request->likelihood, ==, to_l);
  g_assert_cmpint (request->impact, ==, to_i);
  g_array_set_size (f->requests, 0);

  /* Let go in its own cell, or outside the grid: nothing. */
  g_assert_true (sd_heatmap_view_get_cell_center (f->view, l, i, &to_x, &to_y));
  drag (f, x, y, to_x + 1, to_y + 1);
  drag (f, x, y, 1, 1);
  g_assert_cmpuint (f->requests->len, ==, 0);

  /* A drag that starts on a cell, not a marker, moves nothing. */
  g_assert_true (sd_heatmap_view_get_cell_center (f->view, 1, 1, &x, &y));
  drag (f, x, y, to_x, to_y);
  g_assert_cmpuint (f->requests->len, ==, 0);

  /* On the residual map, the residual rating is the one asked for. */
  sd_heatmap_view_set_level (f->view, SD_RISK_LEVEL_RESIDUAL);
  cell_of (risk, SD_RISK_LEVEL_RESIDUAL, &l, &i);
  g_assert_false (sd_heatmap_view_drop_risk (f->view, risk, l, i));
  g_assert_true (sd_heatmap_view_drop_risk (f->view, risk, l, i == 5 ? 4 : i + 1));
  g_assert_cmpuint (f->requests->len, ==, 1);
  request = &g_array_index (f->requests, Request, 0);
  g_assert_cmpint (request->level, ==, SD_RISK_LEVEL_RESIDUAL);
  g_assert_cmpint (request->likelihood, ==, l);
  g_assert_cmpint (request->impact, ==, i == 5 ? 4 : i + 1);
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  SdRisk *risk;
  Request *request;
  int l, i;

  assert_selected_cell (f, 0, 0);
  /* From nowhere, the first arrow selects the first cell. */
  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Right, 0));
  assert_selected_cell (f, 1, 1);
  g_assert_null (sd_heatmap_view_get_selected_risk (f->view));
  /* At the edge it stays. */
  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Down, 0));
  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Left, 0));
  assert_selected_cell (f, 1, 1);

  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Up, 0));
  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Up, 0));
  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Right, 0));
  assert_selected_cell (f, 3, 2);
  for (int k = 0; k < 6; k++)
    g_assert_true (sd_test_press_key (f->key, GDK_KEY_Right, 0));
  assert_selected_cell (f, 3, 5);
  for (int k = 0; k < 6; k++)
    g_assert_true (sd_test_press_key (f->key, GDK_KEY_Up, 0));
  assert_selected_cell (f, 5, 5);

  /* The crowded cell: its first risk is selected with it. */
  risk = sd_heatmap_view_get_selected_risk (f->view);
  g_assert_nonnull (risk);
  cell_of (risk, SD_RISK_LEVEL_INHERENT, &l, &i);
  g_assert_cmpint (l, ==, 5);
  g_assert_cmpint (i, ==, 5);

  /* Shift+Right at the edge: nowhere to go. Shift+Left: one cell. */
  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Right, GDK_SHIFT_MASK));
  g_assert_cmpuint (f->requests->len, ==, 0);
  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Left, GDK_SHIFT_MASK));
  g_assert_cmpuint (f->requests->len, ==, 1);
  request = &g_array_index (f->requests, Request, 0);
  g_assert_true (request->risk == risk);
  g_assert_cmpint (request->level, ==, SD_RISK_LEVEL_INHERENT);
  g_assert_cmpint (request->likelihood, ==, 5);
  g_assert_cmpint (request->impact, ==, 4);
  g_array_set_size (f->requests, 0);

  /* Shift+Right on a risk with room to the right. */
  for (guint k = 0; k < f->risks->len; k++)
    {
      risk = g_ptr_array_index (f->risks, k);
      cell_of (risk, SD_RISK_LEVEL_INHERENT, &l, &i);
      if (i < 5)
        break;
    }
  g_assert_cmpint (i, <, 5);
  sd_heatmap_view_set_selected_risk (f->view, risk);
  g_assert_true (sd_heatmap_view_get_selected_risk (f->view) == risk);
  assert_selected_cell (f, l, i);
  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Right, GDK_SHIFT_MASK));
  g_assert_cmpuint (f->requests->len, ==, 1);
  request = &g_array_index (f->requests, Request, 0);
  g_assert_true (request->risk == risk);
  g_assert_cmpint (request->likelihood, ==, l);
  g_assert_cmpint (request->impact, ==, i + 1);
  /* Asking changes nothing: the selection stays where the risk is. */
  assert_selected_cell (f, l, i);

  /* Enter opens the selected risk. */
  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Return, 0));
  g_assert_cmpuint (f->n_activated, ==, 1);
  g_assert_true (f->activated == risk);

  /* Escape with nothing open belongs to the window; Ctrl+arrows too. */
  g_assert_false (sd_test_press_key (f->key, GDK_KEY_Escape, 0));
  g_assert_false (sd_test_press_key (f->key, GDK_KEY_Right, GDK_CONTROL_MASK));
  assert_selected_cell (f, l, i);
}

/* "Risk heat map, Inherent ratings: 25 cells, 90 risks, 12 in Major" and
 * the selection, kept current as the store, the level, the shown risks
 * and the matrix change. */
static void
test_label (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) some = g_list_store_new (SD_TYPE_RISK);
  g_autofree char *risks = NULL;
  g_autofree char *major = NULL;
  SdRisk *risk = g_ptr_array_index (f->risks, 0);
  guint n_major = 0;
  int l, i;

  for (guint k = 0; k < f->risks->len; k++)
    {
      cell_of (g_ptr_array_index (f->risks, k), SD_RISK_LEVEL_INHERENT, &l, &i);
      if (sd_store_get_zone (f->store, l, i) == SD_ZONE_MAJOR)
        n_major++;
    }
  risks = g_strdup_printf ("25 cells, %u risks, ", f->risks->len);
  major = g_strdup_printf ("%u in %s", n_major, sd_zone_get_label (SD_ZONE_MAJOR));
  assert_label_has (f, sd_risk_level_label (SD_RISK_LEVEL_INHERENT));
  assert_label_has (f, risks);
  assert_label_has (f, major);
  g_assert_null (strstr (sd_heatmap_view_get_accessible_label (f->view), "Selected"));

  /* The selection is announced with the risk. */
  sd_heatmap_view_set_selected_risk (f->view, risk);
  assert_label_has (f, "Selected: ");
  assert_label_has (f, sd_risk_get_code (risk));
  g_test_message ("%s", sd_heatmap_view_get_accessible_label (f->view));

  /* Re-rated in the store: the selection follows its risk. */
  cell_of (risk, SD_RISK_LEVEL_INHERENT, &l, &i);
  g_assert_true (sd_store_update (f->store, risk, &error,
                                  "inherent-likelihood", l == 1 ? 2 : 1, NULL));
  g_assert_no_error (error);
  sd_test_iterate ();
  assert_selected_cell (f, l == 1 ? 2 : 1, i);
  g_assert_true (sd_heatmap_view_get_selected_risk (f->view) == risk);

  /* Deleted: the count drops and the risk is no longer selected. */
  g_assert_true (sd_store_delete (f->store, risk, &error));
  g_assert_no_error (error);
  sd_test_iterate ();
  g_assert_null (sd_heatmap_view_get_selected_risk (f->view));
  g_free (risks);
  risks = g_strdup_printf ("25 cells, %u risks, ", f->risks->len - 1);
  assert_label_has (f, risks);

  /* Another level. */
  sd_heatmap_view_set_level (f->view, SD_RISK_LEVEL_TARGET);
  sd_test_iterate ();
  assert_label_has (f, sd_risk_level_label (SD_RISK_LEVEL_TARGET));

  /* Only some risks: the register's filter. */
  for (guint k = 1; k <= 3; k++)
    g_list_store_append (some, g_ptr_array_index (f->risks, k));
  sd_heatmap_view_set_risks (f->view, G_LIST_MODEL (some));
  sd_test_iterate ();
  assert_label_has (f, "25 cells, 3 risks, ");
  {
    double x, y;

    g_assert_true (sd_heatmap_view_get_risk_center (f->view, g_ptr_array_index (f->risks, 1),
                                                    &x, &y));
    g_assert_false (sd_heatmap_view_get_risk_center (f->view, g_ptr_array_index (f->risks, 10),
                                                     &x, &y));
  }
  g_list_store_append (some, g_ptr_array_index (f->risks, 4));
  sd_test_iterate ();
  assert_label_has (f, "25 cells, 4 risks, ");
  sd_heatmap_view_set_risks (f->view, NULL);
  sd_test_iterate ();
  assert_label_has (f, risks);

  /* A smaller matrix. */
  {
    SdMatrixSettings settings = { 0 };

    sd_store_get_matrix (f->store, &settings);
    settings.size = 4;
    sd_matrix_preset_fill (SD_MATRIX_PRESET_BY_SCORE, 4, settings.zones);
    g_assert_true (sd_store_set_matrix (f->store, &settings, &error));
    g_assert_no_error (error);
    sd_matrix_settings_clear (&settings);
  }
  sd_test_iterate ();
  assert_label_has (f, "16 cells, ");
}

/* The crowded cell hides some of its risks behind "+N". Hovering the
 * badge (wherever the renderer puts it in the cell) shows them, and moving
 * away hides them again; Space on a hidden risk shows it until Escape. */
static void
test_expand (Fixture       *f,
             gconstpointer  data)
{
  GtkEventController *motion = sd_test_controller (f->view, GTK_TYPE_EVENT_CONTROLLER_MOTION);
  SdRisk *hidden = NULL;
  double cx, cy, x, y, left, top;
  gboolean expanded = FALSE;

  for (guint k = N_RISKS; k < f->risks->len && hidden == NULL; k++)
    if (!sd_heatmap_view_get_risk_center (f->view, g_ptr_array_index (f->risks, k), &x, &y))
      hidden = g_ptr_array_index (f->risks, k);
  g_assert_nonnull (hidden);

  /* Over the whole cell, in small steps, until the badge is hovered. */
  g_assert_true (sd_heatmap_view_get_cell_center (f->view, CROWDED_L, CROWDED_I, &cx, &cy));
  g_assert_true (sd_heatmap_view_get_cell_center (f->view, CROWDED_L, CROWDED_I - 1, &left, &y));
  g_assert_true (sd_heatmap_view_get_cell_center (f->view, CROWDED_L - 1, CROWDED_I, &x, &top));
  {
    double half_w = (cx - left) / 2, half_h = (top - cy) / 2;

    for (double py = cy - half_h; py < cy + half_h && !expanded; py += 3)
      for (double px = cx - half_w; px < cx + half_w && !expanded; px += 3)
        {
          g_signal_emit_by_name (motion, "motion", px, py);
          expanded = sd_heatmap_view_get_risk_center (f->view, hidden, &x, &y);
        }
  }
  g_assert_true (expanded);
  g_signal_emit_by_name (motion, "leave");
  g_assert_false (sd_heatmap_view_get_risk_center (f->view, hidden, &x, &y));

  /* From the keyboard: Space until the hidden risk is selected. */
  sd_heatmap_view_set_selection (f->view, CROWDED_L, CROWDED_I);
  for (guint k = 0; k < N_CROWDED && sd_heatmap_view_get_selected_risk (f->view) != hidden; k++)
    g_assert_true (sd_test_press_key (f->key, GDK_KEY_space, 0));
  g_assert_true (sd_heatmap_view_get_selected_risk (f->view) == hidden);
  g_assert_true (sd_heatmap_view_get_risk_center (f->view, hidden, &x, &y));
  /* The pointer leaving does not close what the keyboard opened. */
  g_signal_emit_by_name (motion, "leave");
  g_assert_true (sd_heatmap_view_get_risk_center (f->view, hidden, &x, &y));
  g_assert_true (sd_test_press_key (f->key, GDK_KEY_Escape, 0));
  g_assert_false (sd_heatmap_view_get_risk_center (f->view, hidden, &x, &y));
  g_assert_false (sd_test_press_key (f->key, GDK_KEY_Escape, 0));
}

/* Workshop style, arrows and hover draw without complaint: a frame with
 * each is drawn under fatal warnings. */
static void
test_modes (Fixture       *f,
            gconstpointer  data)
{
  GtkEventController *motion = sd_test_controller (f->view, GTK_TYPE_EVENT_CONTROLLER_MOTION);
  SdRisk *risk = g_ptr_array_index (f->risks, 0);
  double x, y;

  g_assert_true (sd_heatmap_view_get_risk_center (f->view, risk, &x, &y));
  g_signal_emit_by_name (motion, "motion", x, y);
  sd_test_iterate ();
  g_signal_emit_by_name (motion, "leave");

  /* A tooltip for a marker and for a cell; none off the grid. */
  {
    g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
    gboolean shown = FALSE;
    double cx, cy;

    g_signal_emit_by_name (f->view, "query-tooltip", (int) x, (int) y, FALSE, tooltip, &shown);
    g_assert_true (shown);
    g_assert_true (sd_heatmap_view_get_cell_center (f->view, 1, 1, &cx, &cy));
    shown = FALSE;
    g_signal_emit_by_name (f->view, "query-tooltip", (int) cx, (int) cy, FALSE, tooltip, &shown);
    g_assert_true (shown);
    g_signal_emit_by_name (f->view, "query-tooltip", 0, 0, FALSE, tooltip, &shown);
    g_assert_false (shown);
  }

  /* A double click on a marker opens its risk. */
  g_signal_emit_by_name (f->click, "pressed", 1, x, y);
  g_signal_emit_by_name (f->click, "pressed", 2, x, y);
  g_assert_cmpuint (f->n_activated, ==, 1);
  g_assert_true (f->activated == risk);

  sd_heatmap_view_set_workshop (f->view, TRUE);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->view), "workshop"));
  sd_test_iterate ();
  /* Still found where it is drawn, with the larger type. */
  g_assert_true (sd_heatmap_view_get_risk_center (f->view, risk, &x, &y));
  click (f, x, y);
  g_assert_true (sd_heatmap_view_get_selected_risk (f->view) == risk);

  sd_heatmap_view_set_show_arrows (f->view, TRUE);
  g_assert_true (sd_heatmap_view_get_show_arrows (f->view));
  sd_test_iterate ();
  sd_heatmap_view_set_workshop (f->view, FALSE);
  sd_heatmap_view_set_show_arrows (f->view, FALSE);
  sd_test_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/heatmap-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("hit-round-trip", test_hit_round_trip);
  ADD ("drop", test_drop);
  ADD ("keyboard", test_keyboard);
  ADD ("label", test_label);
  ADD ("expand", test_expand);
  ADD ("modes", test_modes);
#undef ADD

  return g_test_run ();
}
