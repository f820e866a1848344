/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-heatmap-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sd-heatmap.h"
#include "sd-heatmap-data.h"
#include "sd-heatmap-view.h"
#include "sd-heatmap-view-private.h"
#include "sd-risk.h"
#include "sd-risk-matrix.h"

/* How many codes a cell's tooltip lists before "…". */
#define TOOLTIP_CODES 5
/* How much of a risk's title the accessible label reads. */
#define LABEL_TITLE_CHARS 12
/* A crowded cell's panel holds at most this many markers worth looking at
 * for the hover area; beyond that the panel cannot show more anyway. */
#define PANEL_MARKERS_MAX 512
/* Workshop mode: the type is this much larger than on the desktop. */
#define WORKSHOP_FONT_SCALE 1.6
#define NORMAL_MIN_TEXT_PX  11.0

struct _SdHeatmapView
{
  GtkWidget      parent_instance;

  SdStore       *store;
  GListModel    *risks;            /* the risks shown; NULL: all of the store's */
  SdRiskLevel    level;
  gboolean       show_arrows;
  gboolean       workshop;

  /* The matrix and the markers, built once per change of the risks, the
   * matrix or the level, never per frame: 5,000 risks take milliseconds.
   * NULL until needed; an idle rebuilds it after a change, and anything
   * that needs it earlier builds it then (ensure_data()). The marker
   * indices below are valid for the current data only and are mapped
   * again from their risks when it is rebuilt. */
  SdHeatmapData *data;
  guint          rebuild_id;

  int            selected_likelihood, selected_impact;
  SdRisk        *selected_risk;
  int            selected_marker;
  int            hover_marker;
  const char    *cursor_name;

  /* The crowded cell whose markers are listed in a panel. Expanded by
   * hovering its "+N" badge, it collapses when the pointer leaves the cell
   * and the panel; expanded by a click or the keyboard, it stays. */
  int                expanded_likelihood, expanded_impact;
  gboolean           expanded_by_hover;
  cairo_rectangle_t  expanded_area;

  /* A marker being dragged (drag_risk non-NULL from the press on it;
   * dragging once it moved past the threshold). */
  SdRisk        *drag_risk;
  int            drag_marker;
  double         drag_start_x, drag_start_y;
  gboolean       dragging;
  int            drag_likelihood, drag_impact;

  /* Which notifications are owed: the selection can change while the
   * data is rebuilt in the middle of a snapshot, and is announced after. */
  guint          pending_notify;
  gboolean       label_dirty;
  char          *accessible_label;
};

G_DEFINE_FINAL_TYPE (SdHeatmapView, sd_heatmap_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LEVEL,
  PROP_SHOW_ARROWS,
  PROP_RISKS,
  PROP_WORKSHOP,
  PROP_SELECTED_LIKELIHOOD,
  PROP_SELECTED_IMPACT,
  PROP_SELECTED_RISK,
  N_PROPS
};

enum {
  RISK_ACTIVATED,
  RERATE_REQUESTED,
  CELL_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

enum {
  PENDING_LIKELIHOOD = 1 << 0,
  PENDING_IMPACT = 1 << 1,
  PENDING_RISK = 1 << 2,
};

/* Texts */

static const char *
likelihood_label (const SdHeatmapModel *model,
                  int                   likelihood)
{
  const char *label = model->likelihood_labels[likelihood - 1];

  if (label != NULL && *label != '\0')
    return label;
  return sd_risk_likelihood_label_for_size (likelihood, model->size);
}

static const char *
impact_label (const SdHeatmapModel *model,
              int                   impact)
{
  const char *label = model->impact_labels[impact - 1];

  if (label != NULL && *label != '\0')
    return label;
  return sd_risk_impact_label_for_size (impact, model->size);
}

static char *
shorten (const char *text,
         glong       max_chars)
{
  g_autofree char *head = NULL;

  if (text == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);
  head = g_utf8_substring (text, 0, max_chars - 1);
  return g_strconcat (head, "…", NULL);
}

static char *
format_risk_count (guint n)
{
  /* Translators: part of "Risk heat map, Inherent ratings: 25 cells, 37
   * risks, 6 in Major" and of a cell's description */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u risk", "%u risks", n), n);
}

/* "Inherent 3×5 = 15, Major" */
static char *
format_rating (SdRiskLevel            level,
               const SdHeatmapMarker *marker)
{
  /* Translators: a risk's rating on the heat map: the level, likelihood ×
   * impact = score, and the zone, e.g. "Inherent 3×5 = 15, Major" */
  return g_strdup_printf (_("%s %d×%d = %d, %s"), sd_risk_level_label (level),
                          marker->likelihood, marker->impact,
                          sd_risk_score (marker->likelihood, marker->impact),
                          sd_zone_get_label (marker->zone));
}

/* "Likely × Major" */
static char *
format_cell (const SdHeatmapModel *model,
             int                   likelihood,
             int                   impact)
{
  /* Translators: a cell of the heat map: likelihood × impact, e.g. "Likely × Major" */
  return g_strdup_printf (_("%s × %s"), likelihood_label (model, likelihood),
                          impact_label (model, impact));
}

/* Data */

static void store_selection (SdHeatmapView *self,
                             int            likelihood,
                             int            impact,
                             SdRisk        *risk);

static void
reset_drag (SdHeatmapView *self)
{
  g_clear_object (&self->drag_risk);
  self->drag_marker = -1;
  self->dragging = FALSE;
  self->drag_likelihood = self->drag_impact = 0;
}

static void
collapse (SdHeatmapView *self)
{
  self->expanded_likelihood = self->expanded_impact = 0;
  self->expanded_by_hover = FALSE;
}

/* The marker of @risk if it is on the map, else -1. */
static int
marker_for_risk (SdHeatmapView *self,
                 SdRisk        *risk)
{
  const SdHeatmapModel *model;
  int marker;

  if (self->data == NULL || risk == NULL)
    return -1;
  marker = sd_heatmap_data_find_risk (self->data, risk);
  if (marker < 0)
    return -1;
  model = sd_heatmap_data_get_model (self->data);
  if (model->markers[marker].likelihood <= 0 || model->markers[marker].impact <= 0)
    return -1;
  return marker;
}

static SdHeatmapData *
ensure_data (SdHeatmapView *self)
{
  const SdHeatmapModel *model;

  if (self->data != NULL || self->store == NULL)
    return self->data;

  self->data = sd_heatmap_data_new (self->store, self->level, self->risks);
  model = sd_heatmap_data_get_model (self->data);
  self->hover_marker = -1;
  self->label_dirty = TRUE;

  if (self->expanded_likelihood > model->size || self->expanded_impact > model->size)
    collapse (self);
  if (self->drag_risk != NULL)
    {
      self->drag_marker = marker_for_risk (self, self->drag_risk);
      if (self->drag_marker < 0)
        reset_drag (self);
    }

  /* The selection follows its risk to the risk's new cell; a risk that is
   * no longer shown (deleted, filtered out) is no longer selected. */
  if (self->selected_likelihood > model->size || self->selected_impact > model->size)
    store_selection (self, 0, 0, NULL);
  if (self->selected_risk != NULL)
    {
      int marker = marker_for_risk (self, self->selected_risk);

      if (marker >= 0)
        store_selection (self, model->markers[marker].likelihood,
                         model->markers[marker].impact, self->selected_risk);
      else
        store_selection (self, self->selected_likelihood, self->selected_impact, NULL);
    }
  return self->data;
}

/* The accessible label: the summary, then the selection. */
static char *
describe (SdHeatmapView *self)
{
  const SdHeatmapModel *model;
  g_autofree char *risks = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *cell = NULL;
  g_autofree char *cell_risks = NULL;
  g_autofree char *selection = NULL;
  guint n_risks, n_in_cell;
  int l = self->selected_likelihood;
  int i = self->selected_impact;

  if (self->data == NULL)
    return NULL;

  model = sd_heatmap_data_get_model (self->data);
  n_risks = sd_heatmap_data_get_n_risks (self->data);
  risks = format_risk_count (n_risks);
  /* Translators: the accessible name of the heat map: the level shown,
   * the number of cells, risks and risks in the highest zone, e.g. "Risk
   * heat map, Inherent ratings: 25 cells, 37 risks, 6 in Major" */
  summary = g_strdup_printf (_("Risk heat map, %s ratings: %d cells, %s, %u in %s"),
                             sd_risk_level_label (self->level), model->size * model->size,
                             risks, sd_heatmap_data_count_zone (self->data, SD_ZONE_MAJOR),
                             sd_zone_get_label (SD_ZONE_MAJOR));
  if (l <= 0 || i <= 0)
    return g_steal_pointer (&summary);

  sd_heatmap_data_get_cell (self->data, l, i, &n_in_cell);
  cell = format_cell (model, l, i);
  cell_risks = format_risk_count (n_in_cell);
  /* Translators: the selected cell of the heat map: the cell, its zone
   * and how many risks it holds, e.g. "Selected: Likely × Major, Major
   * zone, 3 risks" */
  selection = g_strdup_printf (_("Selected: %s, %s zone, %s"), cell,
                               sd_zone_get_label (model->zones[l - 1][i - 1]), cell_risks);
  if (self->selected_marker >= 0)
    {
      const SdHeatmapMarker *marker = &model->markers[self->selected_marker];
      g_autofree char *title = shorten (sd_risk_get_title (self->selected_risk),
                                        LABEL_TITLE_CHARS);
      char *with_risk;

      /* Translators: the selected cell, then the selected risk: its code,
       * title and likelihood × impact = score, e.g. "…, 3 risks; R-001
       * Data leak, 3×5 = 15" */
      with_risk = g_strdup_printf (_("%s; %s %s, %d×%d = %d"), selection,
                                   marker->code, title, marker->likelihood, marker->impact,
                                   sd_risk_score (marker->likelihood, marker->impact));
      g_free (selection);
      selection = with_risk;
    }

  /* Translators: the heat map's summary, then its selection */
  return g_strdup_printf (_("%s. %s"), summary, selection);
}

static void
update_accessible (SdHeatmapView *self)
{
  g_autofree char *label = describe (self);

  self->label_dirty = FALSE;
  if (g_strcmp0 (label, self->accessible_label) == 0)
    return;
  g_free (self->accessible_label);
  self->accessible_label = g_steal_pointer (&label);
  if (self->accessible_label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, self->accessible_label,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* Tells what changed: the owed notifications and the accessible label. */
static void
flush_changes (SdHeatmapView *self)
{
  guint pending = self->pending_notify;

  self->pending_notify = 0;
  if (pending != 0)
    {
      g_object_freeze_notify (G_OBJECT (self));
      if (pending & PENDING_LIKELIHOOD)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_LIKELIHOOD]);
      if (pending & PENDING_IMPACT)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_IMPACT]);
      if (pending & PENDING_RISK)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_RISK]);
      g_object_thaw_notify (G_OBJECT (self));
    }
  if (self->label_dirty)
    update_accessible (self);
}

static gboolean
rebuild_cb (gpointer user_data)
{
  SdHeatmapView *self = user_data;

  self->rebuild_id = 0;
  ensure_data (self);
  flush_changes (self);
  return G_SOURCE_REMOVE;
}

/* The risks, the matrix or the level changed. */
static void
invalidate (SdHeatmapView *self)
{
  g_clear_pointer (&self->data, sd_heatmap_data_free);
  self->label_dirty = TRUE;
  /* Before the next frame is laid out, and once for a burst of changes
   * (an import emits many). */
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_cb, self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Selection */

/* Sets the selection without notifying (see flush_changes()). Needs the
 * data, if any, to be current. */
static void
store_selection (SdHeatmapView *self,
                 int            likelihood,
                 int            impact,
                 SdRisk        *risk)
{
  if (likelihood <= 0 || impact <= 0)
    likelihood = impact = 0;

  if (self->selected_likelihood != likelihood)
    {
      self->selected_likelihood = likelihood;
      self->pending_notify |= PENDING_LIKELIHOOD;
      self->label_dirty = TRUE;
    }
  if (self->selected_impact != impact)
    {
      self->selected_impact = impact;
      self->pending_notify |= PENDING_IMPACT;
      self->label_dirty = TRUE;
    }
  if (g_set_object (&self->selected_risk, risk))
    {
      self->pending_notify |= PENDING_RISK;
      self->label_dirty = TRUE;
    }
  self->selected_marker = marker_for_risk (self, risk);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Selects @risk and its cell, or, if it is not on the map, no risk. */
static void
select_risk (SdHeatmapView *self,
             SdRisk        *risk)
{
  int marker = marker_for_risk (self, risk);

  if (marker >= 0)
    {
      const SdHeatmapMarker *m = &sd_heatmap_data_get_model (self->data)->markers[marker];

      store_selection (self, m->likelihood, m->impact, risk);
    }
  else
    {
      store_selection (self, self->selected_likelihood, self->selected_impact, NULL);
    }
}

/* Selects a cell and, unless the selected risk is in it, its first risk. */
static void
select_cell (SdHeatmapView *self,
             int            likelihood,
             int            impact)
{
  const guint *cell;
  guint n = 0;
  SdRisk *risk = NULL;

  if (self->data == NULL || likelihood <= 0 || impact <= 0)
    {
      store_selection (self, 0, 0, NULL);
      return;
    }

  if (self->selected_marker >= 0)
    {
      const SdHeatmapMarker *m =
        &sd_heatmap_data_get_model (self->data)->markers[self->selected_marker];

      if (m->likelihood == likelihood && m->impact == impact)
        risk = self->selected_risk;
    }
  if (risk == NULL)
    {
      cell = sd_heatmap_data_get_cell (self->data, likelihood, impact, &n);
      if (n > 0)
        risk = sd_heatmap_data_get_risk (self->data, cell[0]);
    }
  store_selection (self, likelihood, impact, risk);
}

/* The frame */

/* The height of the monitor the map is on (the workshop's text is sized
 * for the room, whatever part of the screen the map takes), or @height. */
static double
screen_height (SdHeatmapView *self,
               double         height)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;
  GdkMonitor *monitor;
  GdkRectangle geometry;

  if (surface == NULL)
    return height;
  monitor = gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface);
  if (monitor == NULL)
    return height;
  gdk_monitor_get_geometry (monitor, &geometry);
  return MAX (height, geometry.height);
}

static void
fill_style (SdHeatmapView  *self,
            double          height,
            SdHeatmapStyle *style)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GdkRGBA fg;

  if (self->workshop)
    {
      /* For a projector: light type on a dark, opaque background whatever
       * the desktop's theme, and large enough to read from the back of
       * the room. */
      sd_heatmap_style_init_default (style, TRUE);
      style->font_scale = WORKSHOP_FONT_SCALE;
      style->min_text_px = screen_height (self, height) / 40.0;
      style->high_contrast = TRUE;
      return;
    }

  sd_heatmap_style_init_default (style, adw_style_manager_get_dark (manager));
  /* Text outside the cells follows the theme; the background stays the widget's. */
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  style->foreground = (SdColor) { fg.red, fg.green, fg.blue, fg.alpha };
  style->background.alpha = 0;
  style->high_contrast = adw_style_manager_get_high_contrast (manager);
  /* Codes as small as a fifth of a cell are unreadable on a laptop: never
   * below the size of small UI text; crowded cells then show "+N". */
  style->min_text_px = NORMAL_MIN_TEXT_PX;
}

/* The model and style of the frame as it is drawn now; FALSE if nothing
 * is drawn. The one source of the layout for drawing and hit-testing. */
static gboolean
fill_frame (SdHeatmapView  *self,
            SdHeatmapModel *model,
            SdHeatmapStyle *style,
            double         *width,
            double         *height)
{
  if (ensure_data (self) == NULL)
    return FALSE;

  *width = gtk_widget_get_width (GTK_WIDGET (self));
  *height = gtk_widget_get_height (GTK_WIDGET (self));
  if (*width <= 0 || *height <= 0)
    return FALSE;

  *model = *sd_heatmap_data_get_model (self->data);
  model->selected_likelihood = self->selected_likelihood;
  model->selected_impact = self->selected_impact;
  model->selected_marker = self->selected_marker;
  model->hover_marker = self->hover_marker;
  model->expanded_likelihood = self->expanded_likelihood;
  model->expanded_impact = self->expanded_impact;
  model->show_arrows = self->show_arrows;
  model->drag_marker = self->dragging ? self->drag_marker : -1;
  model->drag_likelihood = self->dragging ? self->drag_likelihood : 0;
  model->drag_impact = self->dragging ? self->drag_impact : 0;
  fill_style (self, *height, style);
  return TRUE;
}

static gboolean
hit_test (SdHeatmapView *self,
          double         x,
          double         y,
          SdHeatmapHit  *hit)
{
  SdHeatmapModel model;
  SdHeatmapStyle style;
  double width, height;

  *hit = (SdHeatmapHit) { SD_HEATMAP_HIT_NONE, 0, 0, -1 };
  if (!fill_frame (self, &model, &style, &width, &height))
    return FALSE;
  if (!sd_heatmap_hit_test (&model, &style, width, height, x, y, hit))
    {
      *hit = (SdHeatmapHit) { SD_HEATMAP_HIT_NONE, 0, 0, -1 };
      return FALSE;
    }
  return hit->kind != SD_HEATMAP_HIT_NONE;
}

/* Whether marker @index shows, in its cell or in the expanded panel, and where. */
static gboolean
get_marker_rect (SdHeatmapView     *self,
                 int                index,
                 cairo_rectangle_t *rect)
{
  SdHeatmapModel model;
  SdHeatmapStyle style;
  double width, height;

  if (index < 0 || !fill_frame (self, &model, &style, &width, &height))
    return FALSE;
  return sd_heatmap_get_marker_rect (&model, &style, width, height, index, rect);
}

static void
union_rect (cairo_rectangle_t       *a,
            const cairo_rectangle_t *b)
{
  double x1 = MAX (a->x + a->width, b->x + b->width);
  double y1 = MAX (a->y + a->height, b->y + b->height);

  a->x = MIN (a->x, b->x);
  a->y = MIN (a->y, b->y);
  a->width = x1 - a->x;
  a->height = y1 - a->y;
}

/* Expands a crowded cell. The area that keeps a hover expansion open is
 * the cell and its panel, worked out once here rather than on every
 * motion. */
static void
expand (SdHeatmapView *self,
        int            likelihood,
        int            impact,
        gboolean       by_hover)
{
  SdHeatmapModel model;
  SdHeatmapStyle style;
  double width, height;
  const guint *cell;
  guint n = 0;

  self->expanded_likelihood = likelihood;
  self->expanded_impact = impact;
  self->expanded_by_hover = by_hover;
  self->expanded_area = (cairo_rectangle_t) { 0, 0, 0, 0 };
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (!fill_frame (self, &model, &style, &width, &height) ||
      !sd_heatmap_get_cell_rect (&model, width, height, likelihood, impact,
                                 &self->expanded_area))
    return;

  cell = sd_heatmap_data_get_cell (self->data, likelihood, impact, &n);
  for (guint k = 0; k < MIN (n, PANEL_MARKERS_MAX); k++)
    {
      cairo_rectangle_t rect;

      if (sd_heatmap_get_marker_rect (&model, &style, width, height, cell[k], &rect))
        union_rect (&self->expanded_area, &rect);
    }
  /* A margin, so that the gaps between the panel's markers keep it open. */
  self->expanded_area.x -= 8;
  self->expanded_area.y -= 8;
  self->expanded_area.width += 16;
  self->expanded_area.height += 16;
}

/* Shows the selected risk: if it is hidden in a crowded cell, expands the cell. */
static void
reveal_selected (SdHeatmapView *self)
{
  cairo_rectangle_t rect;

  if (self->selected_marker < 0 || get_marker_rect (self, self->selected_marker, &rect))
    return;
  expand (self, self->selected_likelihood, self->selected_impact, FALSE);
}

static void
set_cursor (SdHeatmapView *self,
            const char    *name)
{
  if (g_strcmp0 (self->cursor_name, name) == 0)
    return;
  self->cursor_name = name;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

static void
sd_heatmap_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  SdHeatmapView *self = SD_HEATMAP_VIEW (widget);
  SdHeatmapModel model;
  SdHeatmapStyle style;
  double width, height;
  cairo_t *cr;

  if (!fill_frame (self, &model, &style, &width, &height))
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  sd_heatmap_draw (cr, width, height, &model, &style);
  cairo_destroy (cr);
}

/* Tooltips */

static char *
marker_tooltip (SdHeatmapView *self,
                int            index)
{
  const SdHeatmapMarker *marker = &sd_heatmap_data_get_model (self->data)->markers[index];
  SdRisk *risk = sd_heatmap_data_get_risk (self->data, index);
  g_autofree char *rating = format_rating (self->level, marker);

  return g_strdup_printf ("%s %s\n%s", marker->code, sd_risk_get_title (risk), rating);
}

static char *
cell_tooltip (SdHeatmapView *self,
              int            likelihood,
              int            impact)
{
  const SdHeatmapModel *model = sd_heatmap_data_get_model (self->data);
  g_autofree char *cell = format_cell (model, likelihood, impact);
  g_autofree char *risks = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  const guint *markers;
  guint n = 0;

  markers = sd_heatmap_data_get_cell (self->data, likelihood, impact, &n);
  risks = format_risk_count (n);
  /* Translators: the tooltip of a heat-map cell: the cell, its
   * likelihood and impact levels, e.g. "Likely × Major (likelihood 4, impact 5)" */
  g_string_append_printf (text, _("%s (likelihood %d, impact %d)"), cell, likelihood, impact);
  g_string_append_c (text, '\n');
  /* Translators: the tooltip of a heat-map cell: its zone and how many
   * risks it holds, e.g. "Major zone, 3 risks" */
  g_string_append_printf (text, _("%s zone, %s"),
                          sd_zone_get_label (model->zones[likelihood - 1][impact - 1]), risks);
  for (guint k = 0; k < MIN (n, TOOLTIP_CODES); k++)
    {
      g_string_append (text, k == 0 ? ": " : ", ");
      g_string_append (text, model->markers[markers[k]].code);
    }
  if (n > TOOLTIP_CODES)
    g_string_append (text, ", …");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  SdHeatmapView *self = SD_HEATMAP_VIEW (widget);
  SdHeatmapModel model;
  SdHeatmapStyle style;
  double width, height;
  g_autofree char *text = NULL;
  cairo_rectangle_t rect;
  SdHeatmapHit hit;

  if (!fill_frame (self, &model, &style, &width, &height))
    return FALSE;

  if (keyboard_mode)
    {
      if (self->selected_likelihood <= 0)
        return FALSE;
      hit.kind = self->selected_marker >= 0 ? SD_HEATMAP_HIT_MARKER : SD_HEATMAP_HIT_CELL;
      hit.likelihood = self->selected_likelihood;
      hit.impact = self->selected_impact;
      hit.marker = self->selected_marker;
    }
  else if (!sd_heatmap_hit_test (&model, &style, width, height, x, y, &hit) ||
           hit.kind == SD_HEATMAP_HIT_NONE)
    {
      return FALSE;
    }

  if (hit.kind == SD_HEATMAP_HIT_MARKER && hit.marker >= 0)
    {
      text = marker_tooltip (self, hit.marker);
      if (!sd_heatmap_get_marker_rect (&model, &style, width, height, hit.marker, &rect))
        sd_heatmap_get_cell_rect (&model, width, height, hit.likelihood, hit.impact, &rect);
    }
  else
    {
      text = cell_tooltip (self, hit.likelihood, hit.impact);
      sd_heatmap_get_cell_rect (&model, width, height, hit.likelihood, hit.impact, &rect);
    }

  /* The tooltip belongs to the marker or cell under the pointer: moving to
   * the next one asks again. */
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { floor (rect.x), floor (rect.y),
                                                      ceil (rect.width), ceil (rect.height) });
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Mouse */

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            SdHeatmapView   *self)
{
  SdHeatmapHit hit;

  if (self->store == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  hit_test (self, x, y, &hit);

  /* A click anywhere but on the expanded cell or its panel closes it. */
  if (self->expanded_likelihood > 0 &&
      (hit.likelihood != self->expanded_likelihood || hit.impact != self->expanded_impact))
    collapse (self);

  switch (hit.kind)
    {
    case SD_HEATMAP_HIT_MARKER:
      select_risk (self, sd_heatmap_data_get_risk (self->data, hit.marker));
      flush_changes (self);
      if (n_press == 2 && self->selected_risk != NULL)
        g_signal_emit (self, signals[RISK_ACTIVATED], 0, self->selected_risk);
      break;

    case SD_HEATMAP_HIT_MORE:
      expand (self, hit.likelihood, hit.impact, FALSE);
      select_cell (self, hit.likelihood, hit.impact);
      flush_changes (self);
      break;

    case SD_HEATMAP_HIT_CELL:
      select_cell (self, hit.likelihood, hit.impact);
      flush_changes (self);
      if (n_press == 2 && self->selected_risk != NULL)
        g_signal_emit (self, signals[RISK_ACTIVATED], 0, self->selected_risk);
      else if (n_press == 1)
        g_signal_emit (self, signals[CELL_ACTIVATED], 0, hit.likelihood, hit.impact);
      break;

    case SD_HEATMAP_HIT_NONE:
    default:
      store_selection (self, 0, 0, NULL);
      flush_changes (self);
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           SdHeatmapView            *self)
{
  SdHeatmapHit hit;
  int hover;

  /* While dragging, the ghost follows the drag gesture instead. */
  if (self->dragging || self->store == NULL)
    return;

  hit_test (self, x, y, &hit);
  hover = hit.kind == SD_HEATMAP_HIT_MARKER ? hit.marker : -1;

  if (hit.kind == SD_HEATMAP_HIT_MORE &&
      (hit.likelihood != self->expanded_likelihood || hit.impact != self->expanded_impact))
    {
      expand (self, hit.likelihood, hit.impact, TRUE);
    }
  else if (self->expanded_by_hover &&
           !(x >= self->expanded_area.x &&
             x < self->expanded_area.x + self->expanded_area.width &&
             y >= self->expanded_area.y &&
             y < self->expanded_area.y + self->expanded_area.height))
    {
      collapse (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }

  set_cursor (self, hit.kind == SD_HEATMAP_HIT_MARKER || hit.kind == SD_HEATMAP_HIT_MORE
                    ? "pointer" : NULL);
  if (hover != self->hover_marker)
    {
      self->hover_marker = hover;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *controller,
          SdHeatmapView            *self)
{
  if (self->dragging)
    return;
  if (self->expanded_by_hover)
    collapse (self);
  self->hover_marker = -1;
  set_cursor (self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Dragging a marker to another cell. The widget changes nothing: on the
 * drop it asks, through ::rerate-requested, and the map follows the store
 * once the page has recorded the assessment. */

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               SdHeatmapView  *self)
{
  SdHeatmapHit hit;

  reset_drag (self);
  if (!hit_test (self, x, y, &hit) || hit.kind != SD_HEATMAP_HIT_MARKER)
    return;

  self->drag_risk = g_object_ref (sd_heatmap_data_get_risk (self->data, hit.marker));
  self->drag_marker = hit.marker;
  self->drag_start_x = x;
  self->drag_start_y = y;
}

/* The cell under a point, or 0, 0. */
static void
lookup_cell (SdHeatmapView *self,
             double         x,
             double         y,
             int           *likelihood,
             int           *impact)
{
  SdHeatmapModel model;
  SdHeatmapStyle style;
  double width, height;

  if (!fill_frame (self, &model, &style, &width, &height) ||
      !sd_heatmap_lookup (&model, width, height, x, y, likelihood, impact))
    *likelihood = *impact = 0;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                SdHeatmapView  *self)
{
  int l, i;

  if (self->drag_risk == NULL)
    return;

  if (!self->dragging)
    {
      int threshold = 8;

      g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                    "gtk-dnd-drag-threshold", &threshold,
                    NULL);
      if (hypot (offset_x, offset_y) < threshold)
        return;
      /* From here on it is a drag, not a click. */
      self->dragging = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      set_cursor (self, "grabbing");
      self->hover_marker = -1;
    }

  ensure_data (self);
  if (self->drag_risk == NULL)
    return;
  lookup_cell (self, self->drag_start_x + offset_x, self->drag_start_y + offset_y, &l, &i);
  if (l != self->drag_likelihood || i != self->drag_impact)
    {
      self->drag_likelihood = l;
      self->drag_impact = i;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             SdHeatmapView  *self)
{
  g_autoptr(SdRisk) risk = NULL;
  int l = 0, i = 0;

  if (self->drag_risk == NULL || !self->dragging)
    {
      reset_drag (self);
      return;
    }

  ensure_data (self);
  if (self->drag_risk != NULL)
    lookup_cell (self, self->drag_start_x + offset_x, self->drag_start_y + offset_y, &l, &i);
  /* The state is cleared before asking: the handler may open a dialog. */
  risk = g_steal_pointer (&self->drag_risk);
  reset_drag (self);
  set_cursor (self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (risk != NULL && l > 0 && i > 0)
    sd_heatmap_view_drop_risk (self, risk, l, i);
}

static void
drag_cancel_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                SdHeatmapView    *self)
{
  if (self->dragging)
    {
      set_cursor (self, NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  reset_drag (self);
}

/* Keyboard */

/* Shift+arrows: asks to move the selected risk one cell. */
static void
move_selected_risk (SdHeatmapView *self,
                    int            dl,
                    int            di)
{
  const SdHeatmapModel *model = sd_heatmap_data_get_model (self->data);
  const SdHeatmapMarker *marker;
  int l, i;

  if (self->selected_marker < 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  marker = &model->markers[self->selected_marker];
  l = marker->likelihood + dl;
  i = marker->impact + di;
  if (l < 1 || l > model->size || i < 1 || i > model->size)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  sd_heatmap_view_drop_risk (self, self->selected_risk, l, i);
}

/* Arrows: moves the selected cell (selecting its first risk). */
static void
move_selection (SdHeatmapView *self,
                int            dl,
                int            di)
{
  int size = sd_heatmap_data_get_model (self->data)->size;
  int l = self->selected_likelihood;
  int i = self->selected_impact;

  /* From nowhere, the first arrow shows where the selection starts. */
  if (l <= 0 || i <= 0)
    l = i = 1;
  else
    {
      l = CLAMP (l + dl, 1, size);
      i = CLAMP (i + di, 1, size);
    }
  if (l != self->expanded_likelihood || i != self->expanded_impact)
    collapse (self);
  select_cell (self, l, i);
  flush_changes (self);
}

/* Space: the next risk of the selected cell. */
static void
select_next_in_cell (SdHeatmapView *self)
{
  const guint *cell;
  guint n = 0, next = 0;

  if (self->selected_likelihood <= 0)
    {
      move_selection (self, 0, 0);
      return;
    }

  cell = sd_heatmap_data_get_cell (self->data, self->selected_likelihood,
                                   self->selected_impact, &n);
  if (n == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  for (guint k = 0; k < n; k++)
    if ((int) cell[k] == self->selected_marker)
      {
        next = (k + 1) % n;
        break;
      }
  select_risk (self, sd_heatmap_data_get_risk (self->data, cell[next]));
  reveal_selected (self);
  flush_changes (self);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SdHeatmapView         *self)
{
  int dl = 0, di = 0;

  if (ensure_data (self) == NULL)
    return FALSE;
  /* Shortcuts with Ctrl or Alt belong to the window. */
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      dl = 1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      dl = -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      di = 1;
      break;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      di = -1;
      break;

    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      select_next_in_cell (self);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (self->selected_risk != NULL)
        g_signal_emit (self, signals[RISK_ACTIVATED], 0, self->selected_risk);
      else if (self->selected_likelihood > 0)
        g_signal_emit (self, signals[CELL_ACTIVATED], 0,
                       self->selected_likelihood, self->selected_impact);
      else
        return FALSE;
      return TRUE;

    case GDK_KEY_Escape:
      /* Only what the map itself has open; otherwise Escape is the
       * window's (leaving workshop mode). */
      if (self->dragging)
        {
          reset_drag (self);
          set_cursor (self, NULL);
        }
      else if (self->expanded_likelihood > 0)
        collapse (self);
      else
        return FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;

    default:
      return FALSE;
    }

  if (state & GDK_SHIFT_MASK)
    move_selected_risk (self, dl, di);
  else
    move_selection (self, dl, di);
  return TRUE;
}

/* Store */

static void
risks_changed_cb (SdHeatmapView *self)
{
  invalidate (self);
}

static void
disconnect_store (SdHeatmapView *self)
{
  if (self->store == NULL)
    return;
  g_signal_handlers_disconnect_by_func (sd_store_get_items (self->store, SD_TYPE_RISK),
                                        risks_changed_cb, self);
  g_signal_handlers_disconnect_by_func (self->store, risks_changed_cb, self);
}

/* GtkWidget and GObject */

static void
sd_heatmap_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = 240;
  *natural = 480;
}

static void
sd_heatmap_view_dispose (GObject *object)
{
  SdHeatmapView *self = SD_HEATMAP_VIEW (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  disconnect_store (self);
  if (self->risks != NULL)
    g_signal_handlers_disconnect_by_func (self->risks, risks_changed_cb, self);
  g_clear_object (&self->store);
  g_clear_object (&self->risks);
  g_clear_pointer (&self->data, sd_heatmap_data_free);
  g_clear_object (&self->selected_risk);
  reset_drag (self);

  G_OBJECT_CLASS (sd_heatmap_view_parent_class)->dispose (object);
}

static void
sd_heatmap_view_finalize (GObject *object)
{
  SdHeatmapView *self = SD_HEATMAP_VIEW (object);

  g_free (self->accessible_label);

  G_OBJECT_CLASS (sd_heatmap_view_parent_class)->finalize (object);
}

static void
sd_heatmap_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SdHeatmapView *self = SD_HEATMAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;
    case PROP_SHOW_ARROWS:
      g_value_set_boolean (value, self->show_arrows);
      break;
    case PROP_RISKS:
      g_value_set_object (value, self->risks);
      break;
    case PROP_WORKSHOP:
      g_value_set_boolean (value, self->workshop);
      break;
    case PROP_SELECTED_LIKELIHOOD:
      g_value_set_int (value, self->selected_likelihood);
      break;
    case PROP_SELECTED_IMPACT:
      g_value_set_int (value, self->selected_impact);
      break;
    case PROP_SELECTED_RISK:
      g_value_set_object (value, sd_heatmap_view_get_selected_risk (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_heatmap_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SdHeatmapView *self = SD_HEATMAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      sd_heatmap_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_LEVEL:
      sd_heatmap_view_set_level (self, g_value_get_int (value));
      break;
    case PROP_SHOW_ARROWS:
      sd_heatmap_view_set_show_arrows (self, g_value_get_boolean (value));
      break;
    case PROP_RISKS:
      sd_heatmap_view_set_risks (self, g_value_get_object (value));
      break;
    case PROP_WORKSHOP:
      sd_heatmap_view_set_workshop (self, g_value_get_boolean (value));
      break;
    case PROP_SELECTED_RISK:
      sd_heatmap_view_set_selected_risk (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_heatmap_view_class_init (SdHeatmapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_heatmap_view_dispose;
  object_class->finalize = sd_heatmap_view_finalize;
  object_class->get_property = sd_heatmap_view_get_property;
  object_class->set_property = sd_heatmap_view_set_property;
  widget_class->snapshot = sd_heatmap_view_snapshot;
  widget_class->measure = sd_heatmap_view_measure;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEVEL] =
    g_param_spec_int ("level", NULL, NULL,
                      SD_RISK_LEVEL_INHERENT, SD_RISK_LEVEL_TARGET, SD_RISK_LEVEL_INHERENT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_ARROWS] =
    g_param_spec_boolean ("show-arrows", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RISKS] =
    g_param_spec_object ("risks", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORKSHOP] =
    g_param_spec_boolean ("workshop", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_LIKELIHOOD] =
    g_param_spec_int ("selected-likelihood", NULL, NULL, 0, SD_MATRIX_MAX_SIZE, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_IMPACT] =
    g_param_spec_int ("selected-impact", NULL, NULL, 0, SD_MATRIX_MAX_SIZE, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_RISK] =
    g_param_spec_object ("selected-risk", NULL, NULL, SD_TYPE_RISK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SdHeatmapView::risk-activated:
   * @risk: the risk
   *
   * A double click on a marker, or Enter with a risk selected: open it.
   */
  signals[RISK_ACTIVATED] =
    g_signal_new ("risk-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, SD_TYPE_RISK);
  /**
   * SdHeatmapView::rerate-requested:
   * @risk: the risk
   * @level: the rating (an #SdRiskLevel)
   * @likelihood: the new likelihood
   * @impact: the new impact
   *
   * A marker was dropped on another cell, or Shift+arrow moved it.
   */
  signals[RERATE_REQUESTED] =
    g_signal_new ("rerate-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 4,
                  SD_TYPE_RISK, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);
  /**
   * SdHeatmapView::cell-activated:
   * @likelihood: the cell's likelihood
   * @impact: the cell's impact
   *
   * A click on a cell, or Enter on a cell without risks: list its risks.
   */
  signals[CELL_ACTIVATED] =
    g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "heatmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
sd_heatmap_view_init (SdHeatmapView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->selected_marker = -1;
  self->hover_marker = -1;
  self->drag_marker = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  /* Dark mode and high contrast change the palette. */
  g_signal_connect_object (manager, "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

/* Public API */

GtkWidget *
sd_heatmap_view_new (SdStore *store)
{
  return g_object_new (SD_TYPE_HEATMAP_VIEW, "store", store, NULL);
}

void
sd_heatmap_view_set_store (SdHeatmapView *self,
                           SdStore       *store)
{
  g_return_if_fail (SD_IS_HEATMAP_VIEW (self));
  g_return_if_fail (store == NULL || SD_IS_STORE (store));

  if (self->store == store)
    return;

  disconnect_store (self);
  g_set_object (&self->store, store);
  if (self->store != NULL)
    {
      g_signal_connect_object (sd_store_get_items (self->store, SD_TYPE_RISK), "items-changed",
                               G_CALLBACK (risks_changed_cb), self, G_CONNECT_SWAPPED);
      /* The matrix's size, zones and labels. */
      if (g_signal_lookup ("matrix-changed", SD_TYPE_STORE) != 0)
        g_signal_connect_object (self->store, "matrix-changed",
                                 G_CALLBACK (risks_changed_cb), self, G_CONNECT_SWAPPED);
    }

  /* Risks of another store are not selected here. */
  reset_drag (self);
  collapse (self);
  g_clear_pointer (&self->data, sd_heatmap_data_free);
  store_selection (self, 0, 0, NULL);
  invalidate (self);
  flush_changes (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

SdRiskLevel
sd_heatmap_view_get_level (SdHeatmapView *self)
{
  g_return_val_if_fail (SD_IS_HEATMAP_VIEW (self), SD_RISK_LEVEL_INHERENT);

  return self->level;
}

void
sd_heatmap_view_set_level (SdHeatmapView *self,
                           SdRiskLevel    level)
{
  g_return_if_fail (SD_IS_HEATMAP_VIEW (self));
  g_return_if_fail (level >= SD_RISK_LEVEL_INHERENT && level <= SD_RISK_LEVEL_TARGET);

  if (self->level == level)
    return;
  self->level = level;
  reset_drag (self);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
}

gboolean
sd_heatmap_view_get_show_arrows (SdHeatmapView *self)
{
  g_return_val_if_fail (SD_IS_HEATMAP_VIEW (self), FALSE);

  return self->show_arrows;
}

void
sd_heatmap_view_set_show_arrows (SdHeatmapView *self,
                                 gboolean       show_arrows)
{
  g_return_if_fail (SD_IS_HEATMAP_VIEW (self));

  show_arrows = !!show_arrows;
  if (self->show_arrows == show_arrows)
    return;
  self->show_arrows = show_arrows;
  self->hover_marker = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ARROWS]);
}

void
sd_heatmap_view_set_risks (SdHeatmapView *self,
                           GListModel    *risks)
{
  g_return_if_fail (SD_IS_HEATMAP_VIEW (self));
  g_return_if_fail (risks == NULL || G_IS_LIST_MODEL (risks));

  if (self->risks == risks)
    return;

  if (self->risks != NULL)
    g_signal_handlers_disconnect_by_func (self->risks, risks_changed_cb, self);
  g_set_object (&self->risks, risks);
  if (self->risks != NULL)
    g_signal_connect_object (self->risks, "items-changed",
                             G_CALLBACK (risks_changed_cb), self, G_CONNECT_SWAPPED);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RISKS]);
}

void
sd_heatmap_view_set_workshop (SdHeatmapView *self,
                              gboolean       workshop)
{
  g_return_if_fail (SD_IS_HEATMAP_VIEW (self));

  workshop = !!workshop;
  if (self->workshop == workshop)
    return;
  self->workshop = workshop;
  if (workshop)
    gtk_widget_add_css_class (GTK_WIDGET (self), "workshop");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "workshop");
  /* The markers' size follows the type: a hover expansion's area is stale. */
  collapse (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSHOP]);
}

void
sd_heatmap_view_get_selection (SdHeatmapView *self,
                               int           *likelihood,
                               int           *impact)
{
  g_return_if_fail (SD_IS_HEATMAP_VIEW (self));

  ensure_data (self);
  flush_changes (self);
  if (likelihood != NULL)
    *likelihood = self->selected_likelihood;
  if (impact != NULL)
    *impact = self->selected_impact;
}

void
sd_heatmap_view_set_selection (SdHeatmapView *self,
                               int            likelihood,
                               int            impact)
{
  g_return_if_fail (SD_IS_HEATMAP_VIEW (self));

  ensure_data (self);
  if (self->data == NULL ||
      likelihood > sd_heatmap_data_get_model (self->data)->size ||
      impact > sd_heatmap_data_get_model (self->data)->size)
    likelihood = impact = 0;
  if (likelihood != self->expanded_likelihood || impact != self->expanded_impact)
    collapse (self);
  select_cell (self, likelihood, impact);
  flush_changes (self);
}

SdRisk *
sd_heatmap_view_get_selected_risk (SdHeatmapView *self)
{
  g_return_val_if_fail (SD_IS_HEATMAP_VIEW (self), NULL);

  ensure_data (self);
  flush_changes (self);
  return self->selected_risk;
}

void
sd_heatmap_view_set_selected_risk (SdHeatmapView *self,
                                   SdRisk        *risk)
{
  g_return_if_fail (SD_IS_HEATMAP_VIEW (self));
  g_return_if_fail (risk == NULL || SD_IS_RISK (risk));

  ensure_data (self);
  select_risk (self, risk);
  if (self->selected_likelihood != self->expanded_likelihood ||
      self->selected_impact != self->expanded_impact)
    collapse (self);
  flush_changes (self);
}

gboolean
sd_heatmap_view_drop_risk (SdHeatmapView *self,
                           SdRisk        *risk,
                           int            likelihood,
                           int            impact)
{
  int size, marker, l, i;

  g_return_val_if_fail (SD_IS_HEATMAP_VIEW (self), FALSE);
  g_return_val_if_fail (SD_IS_RISK (risk), FALSE);

  if (ensure_data (self) == NULL)
    return FALSE;
  size = sd_heatmap_data_get_model (self->data)->size;
  if (likelihood < 1 || likelihood > size || impact < 1 || impact > size)
    return FALSE;

  marker = marker_for_risk (self, risk);
  if (marker >= 0)
    {
      l = sd_heatmap_data_get_model (self->data)->markers[marker].likelihood;
      i = sd_heatmap_data_get_model (self->data)->markers[marker].impact;
    }
  else
    {
      sd_risk_get_cell (risk, self->level, size, &l, &i);
    }
  if (l == likelihood && i == impact)
    return FALSE;

  g_signal_emit (self, signals[RERATE_REQUESTED], 0, risk, (int) self->level,
                 likelihood, impact);
  return TRUE;
}

gboolean
sd_heatmap_view_get_cell_center (SdHeatmapView *self,
                                 int            likelihood,
                                 int            impact,
                                 double        *x,
                                 double        *y)
{
  SdHeatmapModel model;
  SdHeatmapStyle style;
  double width, height;
  cairo_rectangle_t rect;

  g_return_val_if_fail (SD_IS_HEATMAP_VIEW (self), FALSE);

  if (!fill_frame (self, &model, &style, &width, &height) ||
      likelihood < 1 || likelihood > model.size || impact < 1 || impact > model.size ||
      !sd_heatmap_get_cell_rect (&model, width, height, likelihood, impact, &rect))
    return FALSE;
  *x = rect.x + rect.width / 2;
  *y = rect.y + rect.height / 2;
  return TRUE;
}

gboolean
sd_heatmap_view_get_risk_center (SdHeatmapView *self,
                                 SdRisk        *risk,
                                 double        *x,
                                 double        *y)
{
  cairo_rectangle_t rect;

  g_return_val_if_fail (SD_IS_HEATMAP_VIEW (self), FALSE);
  g_return_val_if_fail (SD_IS_RISK (risk), FALSE);

  if (ensure_data (self) == NULL ||
      !get_marker_rect (self, marker_for_risk (self, risk), &rect))
    return FALSE;
  *x = rect.x + rect.width / 2;
  *y = rect.y + rect.height / 2;
  return TRUE;
}

const char *
sd_heatmap_view_get_accessible_label (SdHeatmapView *self)
{
  g_return_val_if_fail (SD_IS_HEATMAP_VIEW (self), NULL);

  ensure_data (self);
  flush_changes (self);
  return self->accessible_label;
}
