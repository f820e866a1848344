/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-heatmap"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "sd-risk-matrix.h"
#include "sd-heatmap.h"

/*
 * All geometry is derived from one number, the cell pitch (cell plus gap),
 * so that the map looks the same from a thumbnail to a projector. The
 * proportions below are in units of the pitch. The layout depends only on
 * the model's size and the area, never on the style, so that hit-testing
 * needs no style.
 */
#define PAD_RATIO            0.06   /* outer padding on every side */
#define TITLE_BAND_RATIO     0.34   /* band holding an axis title */
#define LEFT_LABELS_RATIO    0.92   /* band left of the grid for likelihood labels */
#define BOTTOM_LABELS_RATIO  0.40   /* band under the grid for impact labels */
#define LABEL_SPACING_RATIO  0.08   /* between the grid and its labels */

#define COUNT_FONT_RATIO     0.36
#define ZONE_FONT_RATIO      0.115
#define AXIS_FONT_RATIO      0.125
#define TITLE_FONT_RATIO     0.145

/* Text smaller than this many pixels is noise; a thumbnail leaves it out. */
#define MIN_TEXT_PX          4.0

#define SELECTION_WIDTH      2.0

typedef struct
{
  int    size;
  double pitch;        /* cell + gap */
  double gap;
  double radius;
  double grid_x;       /* top-left corner of the grid, gaps included */
  double grid_y;
  double grid_extent;  /* size * pitch */
  double left_labels_x;
  double left_labels_width;
  double left_title_x;
  double bottom_labels_y;
  double bottom_labels_height;
  double bottom_title_y;
  double title_band;
} Layout;

typedef struct
{
  cairo_t              *cr;
  PangoLayout          *layout;
  PangoFontDescription *font;
  const SdHeatmapStyle *style;
  double                font_scale;
} TextContext;

static gboolean
layout_compute (const SdHeatmapModel *model,
                double                width,
                double                height,
                Layout               *out)
{
  double units_x, units_y, pitch, total_w, total_h, x0, y0;
  int n;

  g_assert (model != NULL);
  g_assert (out != NULL);

  n = model->size;
  if (n < 3 || n > SD_MATRIX_MAX_SIZE || !(width > 0) || !(height > 0))
    return FALSE;

  units_x = PAD_RATIO + TITLE_BAND_RATIO + LEFT_LABELS_RATIO + n + PAD_RATIO;
  units_y = PAD_RATIO + n + BOTTOM_LABELS_RATIO + TITLE_BAND_RATIO + PAD_RATIO;
  pitch = MIN (width / units_x, height / units_y);
  if (pitch <= 0)
    return FALSE;

  total_w = pitch * units_x;
  total_h = pitch * units_y;
  x0 = (width - total_w) / 2;
  y0 = (height - total_h) / 2;

  out->size = n;
  out->pitch = pitch;
  out->gap = CLAMP (pitch * 0.035, 1.0, 4.0);
  out->radius = CLAMP (pitch * 0.07, 0.0, 10.0);
  out->title_band = pitch * TITLE_BAND_RATIO;

  out->left_title_x = x0 + pitch * PAD_RATIO;
  out->left_labels_x = out->left_title_x + out->title_band;
  out->left_labels_width = pitch * (LEFT_LABELS_RATIO - LABEL_SPACING_RATIO);

  out->grid_x = out->left_labels_x + pitch * LEFT_LABELS_RATIO;
  out->grid_y = y0 + pitch * PAD_RATIO;
  out->grid_extent = pitch * n;

  out->bottom_labels_y = out->grid_y + out->grid_extent + pitch * LABEL_SPACING_RATIO;
  out->bottom_labels_height = pitch * (BOTTOM_LABELS_RATIO - LABEL_SPACING_RATIO);
  out->bottom_title_y = out->grid_y + out->grid_extent + pitch * BOTTOM_LABELS_RATIO;

  return TRUE;
}

static void
layout_cell_rect (const Layout      *layout,
                  int                likelihood,
                  int                impact,
                  cairo_rectangle_t *rect)
{
  double x0, y0, x1, y1;

  g_assert (likelihood >= 1 && likelihood <= layout->size);
  g_assert (impact >= 1 && impact <= layout->size);

  x0 = layout->grid_x + (impact - 1) * layout->pitch + layout->gap / 2;
  y0 = layout->grid_y + (layout->size - likelihood) * layout->pitch + layout->gap / 2;
  x1 = x0 + layout->pitch - layout->gap;
  y1 = y0 + layout->pitch - layout->gap;

  /* Whole units keep the edges crisp on screen; gaps may then differ by a
   * pixel, which nobody sees. */
  rect->x = round (x0);
  rect->y = round (y0);
  rect->width = round (x1) - rect->x;
  rect->height = round (y1) - rect->y;
}

static gboolean
model_is_valid (const SdHeatmapModel *model)
{
  return model->size >= 3 && model->size <= SD_MATRIX_MAX_SIZE;
}

static void
set_source_color (cairo_t       *cr,
                  const SdColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
rounded_rect_path (cairo_t                 *cr,
                   const cairo_rectangle_t *rect,
                   double                   radius)
{
  double x = rect->x, y = rect->y, w = rect->width, h = rect->height;

  radius = MIN (radius, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  if (radius <= 0)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Text. */

static void
text_context_init (TextContext          *tc,
                   cairo_t              *cr,
                   const SdHeatmapStyle *style)
{
  tc->cr = cr;
  tc->style = style;
  tc->layout = pango_cairo_create_layout (cr);
  tc->font = pango_font_description_new ();
  pango_font_description_set_family (tc->font, style->font_family ? style->font_family : "Sans");
  tc->font_scale = style->font_scale > 0 ? style->font_scale : 1.0;
}

static void
text_context_clear (TextContext *tc)
{
  g_clear_object (&tc->layout);
  g_clear_pointer (&tc->font, pango_font_description_free);
}

/* Sets up the shared layout for one piece of text. @size_px is before the
 * style's font scale; @max_width and @max_lines bound it (0: no bound).
 * Returns FALSE when there is nothing worth drawing. */
static gboolean
text_prepare (TextContext    *tc,
              const char     *text,
              double          size_px,
              PangoWeight     weight,
              double          max_width,
              int             max_lines,
              PangoAlignment  alignment)
{
  size_px *= tc->font_scale;
  if (text == NULL || *text == '\0' || size_px < MIN_TEXT_PX)
    return FALSE;

  pango_font_description_set_absolute_size (tc->font, size_px * PANGO_SCALE);
  pango_font_description_set_weight (tc->font, weight);
  pango_layout_set_font_description (tc->layout, tc->font);
  pango_layout_set_alignment (tc->layout, alignment);
  pango_layout_set_width (tc->layout, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (tc->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (tc->layout, max_lines > 0 ? -max_lines : -1);
  pango_layout_set_ellipsize (tc->layout,
                              max_width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (tc->layout, text, -1);
  pango_cairo_update_layout (tc->cr, tc->layout);

  return TRUE;
}

/* Draws the prepared layout with its top-left corner at (@x, @y); with a
 * bounded width, the alignment places the lines inside that width. */
static void
text_show_at (TextContext   *tc,
              const SdColor *color,
              double         x,
              double         y)
{
  set_source_color (tc->cr, color);
  cairo_move_to (tc->cr, x, y);
  pango_cairo_show_layout (tc->cr, tc->layout);
}

static void
text_get_size (TextContext *tc,
               double      *width,
               double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (tc->layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

/* Drawing. */

/* The count of risks in a cell, as large as the style asks but never
 * larger than the space between the top of the cell and @bottom. It is
 * centred on its ink, so that digits sit in the optical middle. */
static void
draw_count (TextContext             *tc,
            const Layout            *layout,
            const cairo_rectangle_t *cell,
            double                   bottom,
            guint                    count,
            const SdColor           *color)
{
  PangoRectangle ink;
  double size, avail_w, avail_h, ink_w, ink_h, fit;
  char text[16];

  g_snprintf (text, sizeof text, "%u", count);

  size = layout->pitch * COUNT_FONT_RATIO;
  if (!text_prepare (tc, text, size, PANGO_WEIGHT_BOLD, 0, 0, PANGO_ALIGN_LEFT))
    return;

  avail_w = cell->width * 0.84;
  avail_h = (bottom - cell->y) * 0.76;
  pango_layout_get_extents (tc->layout, &ink, NULL);
  ink_w = (double) ink.width / PANGO_SCALE;
  ink_h = (double) ink.height / PANGO_SCALE;

  fit = 1.0;
  if (ink_w > avail_w)
    fit = MIN (fit, avail_w / ink_w);
  if (ink_h > avail_h)
    fit = MIN (fit, avail_h / ink_h);
  if (fit < 1.0)
    {
      if (!text_prepare (tc, text, size * fit, PANGO_WEIGHT_BOLD, 0, 0, PANGO_ALIGN_LEFT))
        return;
      pango_layout_get_extents (tc->layout, &ink, NULL);
    }

  text_show_at (tc, color,
                cell->x + (cell->width - (double) ink.width / PANGO_SCALE) / 2
                - (double) ink.x / PANGO_SCALE,
                cell->y + (bottom - cell->y - (double) ink.height / PANGO_SCALE) / 2
                - (double) ink.y / PANGO_SCALE);
}


static void
draw_cell (TextContext          *tc,
           const Layout         *layout,
           const SdHeatmapModel *model,
           int                   likelihood,
           int                   impact)
{
  const SdHeatmapStyle *style = tc->style;
  cairo_t *cr = tc->cr;
  cairo_rectangle_t rect, fill_rect;
  SdZone zone = model->zones[likelihood - 1][impact - 1];
  guint count = model->counts[likelihood - 1][impact - 1];
  gboolean selected;
  double w, h, label_top;

  if (zone >= SD_N_ZONES)
    zone = SD_ZONE_LOW;

  layout_cell_rect (layout, likelihood, impact, &rect);
  fill_rect = rect;

  selected = (likelihood == model->selected_likelihood && impact == model->selected_impact);
  if (selected)
    {
      cairo_rectangle_t ring = rect;
      double inset = SELECTION_WIDTH + MAX (layout->gap / 2, 1.0);

      /* The ring sits on the cell's edge with a strip of background inside
       * it, so that it shows on every zone colour, like a focus ring. */
      ring.x += SELECTION_WIDTH / 2;
      ring.y += SELECTION_WIDTH / 2;
      ring.width -= SELECTION_WIDTH;
      ring.height -= SELECTION_WIDTH;
      rounded_rect_path (cr, &ring, layout->radius);
      set_source_color (cr, &style->selection);
      cairo_set_line_width (cr, SELECTION_WIDTH);
      cairo_stroke (cr);

      fill_rect.x += inset;
      fill_rect.y += inset;
      fill_rect.width -= 2 * inset;
      fill_rect.height -= 2 * inset;
    }

  rounded_rect_path (cr, &fill_rect, MAX (layout->radius - (fill_rect.x - rect.x), 1.0));
  set_source_color (cr, &style->zone[zone]);
  cairo_fill (cr);

  /* The zone label, small, along the bottom of the cell. */
  label_top = fill_rect.y + fill_rect.height;
  if (text_prepare (tc, sd_zone_get_label (zone), layout->pitch * ZONE_FONT_RATIO,
                    PANGO_WEIGHT_NORMAL, fill_rect.width * 0.9, 1, PANGO_ALIGN_CENTER))
    {
      text_get_size (tc, &w, &h);
      label_top = fill_rect.y + fill_rect.height - h - layout->pitch * 0.05;
      text_show_at (tc, &style->zone_text[zone], fill_rect.x + fill_rect.width * 0.05, label_top);
    }

  /* The count, large, centred in the space above the label; nothing for an
   * empty cell. */
  if (count > 0)
    draw_count (tc, layout, &fill_rect, label_top, count, &style->zone_text[zone]);
}

static const char *
axis_label (const char * const *labels,
            int                 size,
            int                 level,
            gboolean            likelihood,
            char               *buffer,
            gsize               buffer_size)
{
  if (labels[level - 1] != NULL)
    return labels[level - 1];

  /* The default labels describe five levels; a smaller matrix without its
   * own labels shows the level numbers instead. */
  if (size == SD_MATRIX_MAX_SIZE)
    return likelihood ? sd_risk_likelihood_label (level) : sd_risk_impact_label (level);

  g_snprintf (buffer, buffer_size, "%d", level);
  return buffer;
}

/* Draws the level labels of both axes, and tells where they reach: the
 * left edge of the likelihood labels and the bottom of the impact labels,
 * so that the titles can sit close to them. */
static void
draw_axis_labels (TextContext          *tc,
                  const Layout         *layout,
                  const SdHeatmapModel *model,
                  double               *labels_left,
                  double               *labels_bottom)
{
  const SdColor *fg = &tc->style->foreground;
  PangoRectangle logical;
  char buffer[16];
  double w, h;

  *labels_left = layout->grid_x;
  *labels_bottom = layout->grid_y + layout->grid_extent;

  for (int level = 1; level <= layout->size; level++)
    {
      const char *text;
      cairo_rectangle_t rect;

      /* Likelihood: right-aligned left of each row, up to two lines. */
      text = axis_label (model->likelihood_labels, layout->size, level, TRUE,
                         buffer, sizeof buffer);
      layout_cell_rect (layout, level, 1, &rect);
      if (text_prepare (tc, text, layout->pitch * AXIS_FONT_RATIO, PANGO_WEIGHT_NORMAL,
                        layout->left_labels_width, 2, PANGO_ALIGN_RIGHT))
        {
          pango_layout_get_extents (tc->layout, NULL, &logical);
          text_get_size (tc, &w, &h);
          text_show_at (tc, fg, layout->left_labels_x, rect.y + (rect.height - h) / 2);
          *labels_left = MIN (*labels_left,
                              layout->left_labels_x + (double) logical.x / PANGO_SCALE);
        }

      /* Impact: centred under each column, up to two lines. */
      text = axis_label (model->impact_labels, layout->size, level, FALSE,
                         buffer, sizeof buffer);
      layout_cell_rect (layout, 1, level, &rect);
      if (text_prepare (tc, text, layout->pitch * AXIS_FONT_RATIO, PANGO_WEIGHT_NORMAL,
                        rect.width, 2, PANGO_ALIGN_CENTER))
        {
          text_get_size (tc, &w, &h);
          text_show_at (tc, fg, rect.x, layout->bottom_labels_y);
          *labels_bottom = MAX (*labels_bottom, layout->bottom_labels_y + h);
        }
    }
}

/* The titles sit a little way beyond the labels they head, but never
 * outside their own bands, wherever the labels end. */
static void
draw_titles (TextContext          *tc,
             const Layout         *layout,
             const SdHeatmapModel *model,
             double                labels_left,
             double                labels_bottom)
{
  const SdColor *fg = &tc->style->foreground;
  const char *impact_title, *likelihood_title;
  double spacing = layout->pitch * 0.12;
  double w, h, x, y;

  /* Translators: the horizontal axis of the risk heat map; 影响程度 */
  impact_title = model->impact_title ? model->impact_title : _("Impact");
  /* Translators: the vertical axis of the risk heat map; 可能性 */
  likelihood_title = model->likelihood_title ? model->likelihood_title : _("Likelihood");

  if (text_prepare (tc, impact_title, layout->pitch * TITLE_FONT_RATIO, PANGO_WEIGHT_BOLD,
                    layout->grid_extent, 1, PANGO_ALIGN_CENTER))
    {
      text_get_size (tc, &w, &h);
      y = MIN (labels_bottom + spacing,
               layout->bottom_title_y + (layout->title_band - h) / 2);
      text_show_at (tc, fg, layout->grid_x, y);
    }

  /* The likelihood title reads upwards, centred on the grid. */
  if (text_prepare (tc, likelihood_title, layout->pitch * TITLE_FONT_RATIO, PANGO_WEIGHT_BOLD,
                    layout->grid_extent, 1, PANGO_ALIGN_CENTER))
    {
      text_get_size (tc, &w, &h);
      x = MAX (labels_left - spacing - h / 2, layout->left_title_x + layout->title_band / 2);

      cairo_save (tc->cr);
      cairo_translate (tc->cr, x, layout->grid_y + layout->grid_extent / 2);
      cairo_rotate (tc->cr, -G_PI / 2);
      /* Hinting depends on the transformation, so measure again. */
      pango_cairo_update_layout (tc->cr, tc->layout);
      text_get_size (tc, &w, &h);
      text_show_at (tc, fg, -layout->grid_extent / 2, -h / 2);
      cairo_restore (tc->cr);
    }
}

/**
 * sd_heatmap_model_init_default:
 * @model: the model to fill
 *
 * A 5×5 matrix with the default zones, no risks, the default labels and no
 * selection.
 */
void
sd_heatmap_model_init_default (SdHeatmapModel *model)
{
  g_return_if_fail (model != NULL);

  memset (model, 0, sizeof *model);
  model->size = SD_MATRIX_MAX_SIZE;
  for (int l = 1; l <= SD_MATRIX_MAX_SIZE; l++)
    for (int i = 1; i <= SD_MATRIX_MAX_SIZE; i++)
      model->zones[l - 1][i - 1] = sd_risk_default_zone (l, i);
}

/**
 * sd_heatmap_style_init_default:
 * @style: the style to fill
 * @dark: whether for a dark background
 *
 * The GNOME palette tones of the seeds' colours (blue, yellow, orange, red),
 * on the libadwaita view background, with the text on each zone picked
 * for a WCAG contrast of at least 4.5:1.
 */
void
sd_heatmap_style_init_default (SdHeatmapStyle *style,
                               gboolean        dark)
{
  static const guint32 light_fills[SD_N_ZONES] = { 0x62a0ea, 0xf6d32d, 0xffa348, 0xe01b24 };
  static const guint32 dark_fills[SD_N_ZONES]  = { 0x1c71d8, 0xe5a50a, 0xff7800, 0xc01c28 };
  const guint32 *fills = dark ? dark_fills : light_fills;

  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  for (guint z = 0; z < SD_N_ZONES; z++)
    {
      style->zone[z] = sd_color_from_hex (fills[z]);
      style->zone_text[z] = sd_color_pick_text_for (&style->zone[z]);
    }

  if (dark)
    {
      style->foreground = (SdColor) { 1.0, 1.0, 1.0, 1.0 };
      style->background = sd_color_from_hex (0x1e1e1e);
      style->grid = (SdColor) { 1.0, 1.0, 1.0, 0.15 };
      style->selection = sd_color_from_hex (0x78aeed);
    }
  else
    {
      style->foreground = (SdColor) { 0.0, 0.0, 0.0, 0.8 };
      style->background = sd_color_from_hex (0xffffff);
      style->grid = (SdColor) { 0.0, 0.0, 0.0, 0.15 };
      style->selection = sd_color_from_hex (0x1c71d8);
    }
  style->font_family = NULL;
  style->font_scale = 1.0;
}

/**
 * sd_heatmap_draw:
 * @cr: where to draw, with (0, 0) the top-left corner of the area
 * @width: width of the area
 * @height: height of the area
 * @model: what to draw
 * @style: how to draw it
 *
 * Draws the heat map: impact along the x axis (1 at the left), likelihood
 * along the y axis (1 at the bottom), square cells centred in the area.
 */
void
sd_heatmap_draw (cairo_t              *cr,
                 double                width,
                 double                height,
                 const SdHeatmapModel *model,
                 const SdHeatmapStyle *style)
{
  TextContext tc;
  Layout layout;
  double labels_left, labels_bottom;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (model != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (model_is_valid (model));

  cairo_save (cr);

  if (style->background.alpha > 0 && width > 0 && height > 0)
    {
      set_source_color (cr, &style->background);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
    }

  if (!layout_compute (model, width, height, &layout))
    {
      cairo_restore (cr);
      return;
    }

  text_context_init (&tc, cr, style);

  for (int l = 1; l <= layout.size; l++)
    for (int i = 1; i <= layout.size; i++)
      draw_cell (&tc, &layout, model, l, i);

  draw_axis_labels (&tc, &layout, model, &labels_left, &labels_bottom);
  draw_titles (&tc, &layout, model, labels_left, labels_bottom);

  text_context_clear (&tc);
  cairo_restore (cr);
}

/**
 * sd_heatmap_lookup:
 * @model: the model as drawn
 * @width: width of the area it was drawn in
 * @height: height of the area
 * @x: a point in the area
 * @y: a point in the area
 * @likelihood: (out) (optional): the cell's likelihood, 1..size
 * @impact: (out) (optional): the cell's impact, 1..size
 *
 * Which cell is at (@x, @y). The gaps between cells belong to the nearest
 * cell, so that hovering and dragging across the grid never flickers.
 *
 * Returns: %TRUE if the point is on the grid.
 */
gboolean
sd_heatmap_lookup (const SdHeatmapModel *model,
                   double                width,
                   double                height,
                   double                x,
                   double                y,
                   int                  *likelihood,
                   int                  *impact)
{
  Layout layout;
  int column, row;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (model_is_valid (model), FALSE);

  if (!layout_compute (model, width, height, &layout))
    return FALSE;

  if (x < layout.grid_x || y < layout.grid_y
      || x >= layout.grid_x + layout.grid_extent
      || y >= layout.grid_y + layout.grid_extent)
    return FALSE;

  column = CLAMP ((int) floor ((x - layout.grid_x) / layout.pitch), 0, layout.size - 1);
  row = CLAMP ((int) floor ((y - layout.grid_y) / layout.pitch), 0, layout.size - 1);

  if (impact != NULL)
    *impact = column + 1;
  if (likelihood != NULL)
    *likelihood = layout.size - row;

  return TRUE;
}

/**
 * sd_heatmap_get_cell_rect:
 * @model: the model as drawn
 * @width: width of the area it was drawn in
 * @height: height of the area
 * @likelihood: 1..size
 * @impact: 1..size
 * @rect: (out): the cell's filled rectangle, gaps excluded
 *
 * Where a cell is drawn: for tooltips, keyboard focus, accessible bounds
 * and drag feedback.
 *
 * Returns: %FALSE if the area is empty.
 */
gboolean
sd_heatmap_get_cell_rect (const SdHeatmapModel *model,
                          double                width,
                          double                height,
                          int                   likelihood,
                          int                   impact,
                          cairo_rectangle_t    *rect)
{
  Layout layout;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (model_is_valid (model), FALSE);
  g_return_val_if_fail (likelihood >= 1 && likelihood <= model->size, FALSE);
  g_return_val_if_fail (impact >= 1 && impact <= model->size, FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  if (!layout_compute (model, width, height, &layout))
    return FALSE;

  layout_cell_rect (&layout, likelihood, impact, rect);
  return TRUE;
}

/**
 * sd_heatmap_count_unknown_glyphs:
 * @text: UTF-8 text
 * @style: (nullable): the style whose font to use
 *
 * How many characters of @text no installed font can draw, with the same
 * font set-up as the heat map. Non-zero for Chinese means the CJK fonts
 * are missing and the labels would come out as boxes.
 */
int
sd_heatmap_count_unknown_glyphs (const char           *text,
                                 const SdHeatmapStyle *style)
{
  SdHeatmapStyle default_style;
  cairo_surface_t *surface;
  TextContext tc;
  cairo_t *cr;
  int count = 0;

  g_return_val_if_fail (text != NULL, -1);

  if (style == NULL)
    {
      sd_heatmap_style_init_default (&default_style, FALSE);
      style = &default_style;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  text_context_init (&tc, cr, style);
  if (text_prepare (&tc, text, 16.0 / tc.font_scale, PANGO_WEIGHT_NORMAL, 0, 0, PANGO_ALIGN_LEFT))
    count = pango_layout_get_unknown_glyphs_count (tc.layout);
  text_context_clear (&tc);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return count;
}
