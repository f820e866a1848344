/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-matrix-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "sd-matrix-render.h"

/* Past this many layouts the cache starts over; a screenful needs about a
 * hundred, so this only bounds memory after long scrolling. */
#define MAX_CACHED_LAYOUTS 600

struct _SdMatrixTextCache
{
  PangoContext         *context;
  PangoFontDescription *font;
  PangoFontDescription *bold;
  double                line_height;

  /* Each keyed by the item or string the text comes from, which the matrix
   * keeps alive; cleared when the matrix changes. */
  GHashTable           *codes;
  GHashTable           *texts;
  GHashTable           *parties;
  GHashTable           *groups;
  GHashTable           *areas;
  guint                 n_layouts;
  double                text_width;     /* the widths the layouts were made for */
  double                column_width;
  double                header_lines;

  PangoLayout          *roles[16];
};

SdMatrixTextCache *
sd_matrix_text_cache_new (PangoContext *context)
{
  SdMatrixTextCache *cache;
  PangoFontMetrics *font_metrics;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  cache = g_new0 (SdMatrixTextCache, 1);
  cache->context = g_object_ref (context);
  cache->font = pango_font_description_copy (pango_context_get_font_description (context));
  cache->bold = pango_font_description_copy (cache->font);
  pango_font_description_set_weight (cache->bold, PANGO_WEIGHT_BOLD);

  font_metrics = pango_context_get_metrics (context, cache->font, NULL);
  cache->line_height = pango_font_metrics_get_height (font_metrics) / (double) PANGO_SCALE;
  if (cache->line_height <= 0)
    cache->line_height = (pango_font_metrics_get_ascent (font_metrics)
                          + pango_font_metrics_get_descent (font_metrics)) / (double) PANGO_SCALE;
  pango_font_metrics_unref (font_metrics);

  cache->codes = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  cache->texts = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  cache->parties = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  cache->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  cache->areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  return cache;
}

void
sd_matrix_text_cache_clear (SdMatrixTextCache *cache)
{
  g_return_if_fail (cache != NULL);

  g_hash_table_remove_all (cache->codes);
  g_hash_table_remove_all (cache->texts);
  g_hash_table_remove_all (cache->parties);
  g_hash_table_remove_all (cache->groups);
  g_hash_table_remove_all (cache->areas);
  cache->n_layouts = 0;
}

void
sd_matrix_text_cache_free (SdMatrixTextCache *cache)
{
  if (cache == NULL)
    return;

  sd_matrix_text_cache_clear (cache);
  g_hash_table_unref (cache->codes);
  g_hash_table_unref (cache->texts);
  g_hash_table_unref (cache->parties);
  g_hash_table_unref (cache->groups);
  g_hash_table_unref (cache->areas);
  for (guint i = 0; i < G_N_ELEMENTS (cache->roles); i++)
    g_clear_object (&cache->roles[i]);
  pango_font_description_free (cache->font);
  pango_font_description_free (cache->bold);
  g_object_unref (cache->context);
  g_free (cache);
}

static PangoLayout *
new_layout (SdMatrixTextCache          *cache,
            const char                 *text,
            const PangoFontDescription *font,
            double                      width,
            int                         max_lines)
{
  PangoLayout *layout = pango_layout_new (cache->context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      if (max_lines > 1)
        {
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_height (layout, -max_lines);
        }
      else
        pango_layout_set_single_paragraph_mode (layout, TRUE);
    }
  return layout;
}

/* The layout of @text under @key in @table, made on first use. */
static PangoLayout *
cached_layout (SdMatrixTextCache          *cache,
               GHashTable                 *table,
               gpointer                    key,
               gboolean                    string_key,
               const char                 *text,
               const PangoFontDescription *font,
               double                      width,
               int                         max_lines)
{
  PangoLayout *layout = g_hash_table_lookup (table, key);

  if (layout != NULL)
    return layout;

  if (cache->n_layouts >= MAX_CACHED_LAYOUTS)
    sd_matrix_text_cache_clear (cache);
  layout = new_layout (cache, text, font, width, max_lines);
  g_hash_table_insert (table, string_key ? g_strdup (key) : key, layout);
  cache->n_layouts++;
  return layout;
}

/* Metrics and style */

#define PAD 8.0
/* The side of the warning marker at the end of a duty's row header. */
#define MARKER 16.0

void
sd_matrix_metrics_init (SdMatrixMetrics   *metrics,
                        SdMatrixTextCache *cache,
                        double             zoom)
{
  double line;

  g_return_if_fail (metrics != NULL);
  g_return_if_fail (cache != NULL);

  zoom = CLAMP (zoom, 0.5, 3.0);
  line = ceil (cache->line_height);
  metrics->row_height = ceil (line + 12) * zoom;
  metrics->group_height = ceil (line + 10);
  metrics->header_height = ceil (line * 3 + 12);
  metrics->row_header_width = 460;
  metrics->code_width = 96;
  metrics->column_width = ceil (MAX (line * 4, 60) * zoom);
}

void
sd_matrix_style_init_default (SdMatrixStyle *style,
                              gboolean       dark)
{
  /* GNOME palette: R blue, A red, C yellow, I grey, as in most RACI charts. */
  static const guint32 light_roles[4] = { 0x1c71d8, 0xc01c28, 0xf6d32d, 0xdeddda };
  static const guint32 dark_roles[4] = { 0x3584e4, 0xe01b24, 0xe5a50a, 0x5e5c64 };
  const guint32 *roles = dark ? dark_roles : light_roles;

  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  for (guint i = 0; i < 4; i++)
    {
      style->role_fill[i] = sd_color_from_hex (roles[i]);
      style->role_text[i] = sd_color_pick_text_for (&style->role_fill[i]);
    }

  if (dark)
    {
      style->foreground = (SdColor) { 1.0, 1.0, 1.0, 1.0 };
      style->dim = (SdColor) { 1.0, 1.0, 1.0, 0.55 };
      style->background = sd_color_from_hex (0x1e1e1e);
      style->header_background = sd_color_from_hex (0x303030);
      style->area_background = sd_color_from_hex (0x2a2a2a);
      style->grid = (SdColor) { 1.0, 1.0, 1.0, 0.12 };
      style->cursor = sd_color_from_hex (0x78aeed);
      style->selection = sd_color_from_hex (0x3584e4);
      style->warning = sd_color_from_hex (0xf8e45c);
    }
  else
    {
      style->foreground = (SdColor) { 0.0, 0.0, 0.0, 0.8 };
      style->dim = (SdColor) { 0.0, 0.0, 0.0, 0.55 };
      style->background = sd_color_from_hex (0xffffff);
      style->header_background = sd_color_from_hex (0xf6f5f4);
      style->area_background = sd_color_from_hex (0xebebed);
      style->grid = (SdColor) { 0.0, 0.0, 0.0, 0.12 };
      style->cursor = sd_color_from_hex (0x1c71d8);
      style->selection = sd_color_from_hex (0x3584e4);
      style->warning = sd_color_from_hex (0x9c6e03);
    }
}

void
sd_matrix_get_content_size (SdDutyMatrix          *matrix,
                            const SdMatrixMetrics *metrics,
                            double                *width,
                            double                *height)
{
  g_return_if_fail (SD_IS_DUTY_MATRIX (matrix));
  g_return_if_fail (metrics != NULL);

  if (width != NULL)
    *width = metrics->row_header_width
             + sd_duty_matrix_get_n_columns (matrix) * metrics->column_width;
  if (height != NULL)
    *height = metrics->group_height + metrics->header_height
              + sd_duty_matrix_get_n_rows (matrix) * metrics->row_height;
}

void
sd_matrix_get_marker_area (const SdMatrixMetrics *metrics,
                           double                 scroll_y,
                           guint                  row,
                           cairo_rectangle_t     *area)
{
  double side;

  g_return_if_fail (metrics != NULL);
  g_return_if_fail (area != NULL);

  /* Smaller than the row when zoomed out, never larger than MARKER. */
  side = floor (MIN (MARKER, metrics->row_height - 6));
  area->x = metrics->row_header_width - PAD - MARKER + floor ((MARKER - side) / 2);
  area->y = metrics->group_height + metrics->header_height + row * metrics->row_height
            - MAX (scroll_y, 0) + floor ((metrics->row_height - side) / 2);
  area->width = side;
  area->height = side;
}

void
sd_matrix_get_cell_area (const SdMatrixMetrics *metrics,
                         guint                  row,
                         guint                  column,
                         cairo_rectangle_t     *area)
{
  g_return_if_fail (metrics != NULL);
  g_return_if_fail (area != NULL);

  area->x = column * metrics->column_width;
  area->y = row * metrics->row_height;
  area->width = metrics->column_width;
  area->height = metrics->row_height;
}

/* Drawing */

static void
set_color (cairo_t       *cr,
           const SdColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
fill_rect (cairo_t       *cr,
           const SdColor *color,
           double         x,
           double         y,
           double         width,
           double         height)
{
  set_color (cr, color);
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);
}

/* @layout at (@x, @y), centred vertically in a band of @height. */
static void
show_layout (cairo_t       *cr,
             PangoLayout   *layout,
             const SdColor *color,
             double         x,
             double         y,
             double         height)
{
  int text_height;

  pango_layout_get_pixel_size (layout, NULL, &text_height);
  set_color (cr, color);
  cairo_move_to (cr, x, y + floor ((height - text_height) / 2));
  pango_cairo_show_layout (cr, layout);
}

static int
role_index (guint roles)
{
  /* The strongest role colours the cell. */
  if (roles & SD_ROLE_A)
    return 1;
  if (roles & SD_ROLE_R)
    return 0;
  if (roles & SD_ROLE_C)
    return 2;
  return 3;
}

typedef struct
{
  cairo_t               *cr;
  SdDutyMatrix          *matrix;
  const SdMatrixMetrics *m;
  const SdMatrixStyle   *style;
  SdMatrixTextCache     *cache;
  double                 scroll_x, scroll_y;
  double                 width, height;
  double                 top;            /* where the rows begin */
  guint                  first_row, last_row;        /* inclusive */
  guint                  first_column, last_column;  /* inclusive; first > last: none */
  guint                  cursor_row, cursor_column;
  SdMatrixSelection      selection;
  SdColor                on_warning;     /* the mark inside the warning marker */
} Frame;

static double
row_y (const Frame *f,
       guint        row)
{
  return f->top + row * f->m->row_height - f->scroll_y;
}

static double
column_x (const Frame *f,
          guint        column)
{
  return f->m->row_header_width + column * f->m->column_width - f->scroll_x;
}

static void
draw_cells (Frame *f)
{
  cairo_t *cr = f->cr;
  const SdMatrixMetrics *m = f->m;
  double inset = 3;

  cairo_save (cr);
  cairo_rectangle (cr, m->row_header_width, f->top,
                   f->width - m->row_header_width, f->height - f->top);
  cairo_clip (cr);

  /* Area bands first, then the grid, then the filled cells over it. */
  for (guint row = f->first_row; row <= f->last_row; row++)
    {
      if (sd_duty_matrix_get_row_duty (f->matrix, row) == NULL)
        fill_rect (cr, &f->style->area_background, m->row_header_width, row_y (f, row),
                   f->width - m->row_header_width, m->row_height);
    }

  set_color (cr, &f->style->grid);
  for (guint row = f->first_row; row <= f->last_row + 1; row++)
    cairo_rectangle (cr, m->row_header_width, row_y (f, row) - 0.5,
                     f->width - m->row_header_width, 1);
  for (guint column = f->first_column; column <= f->last_column + 1; column++)
    cairo_rectangle (cr, column_x (f, column) - 0.5, f->top, 1, f->height - f->top);
  cairo_fill (cr);

  for (guint row = f->first_row; row <= f->last_row; row++)
    {
      guint n_cells;
      const SdMatrixCell *cells = sd_duty_matrix_get_cells (f->matrix, row, &n_cells);
      double y = row_y (f, row);

      for (guint i = 0; i < n_cells; i++)
        {
          const SdMatrixCell *cell = &cells[i];
          PangoLayout **layout;
          double x;
          int role, text_width;

          if (cell->column < f->first_column)
            continue;
          if (cell->column > f->last_column)
            break;

          x = column_x (f, cell->column);
          role = role_index (cell->roles);
          fill_rect (cr, &f->style->role_fill[role], x + inset, y + inset,
                     m->column_width - 2 * inset, m->row_height - 2 * inset);

          layout = &f->cache->roles[cell->roles & 0xf];
          if (*layout == NULL)
            *layout = new_layout (f->cache, sd_role_mask_to_string (cell->roles),
                                  f->cache->bold, -1, 1);
          pango_layout_get_pixel_size (*layout, &text_width, NULL);
          show_layout (cr, *layout, &f->style->role_text[role],
                       x + floor ((m->column_width - text_width) / 2), y, m->row_height);
        }
    }

  /* The selection over the cells, clipped to what is seen so that a
   * selection of thousands of rows stays a small rectangle. */
  if (f->selection.first_row <= f->selection.last_row &&
      f->selection.first_column <= f->selection.last_column &&
      f->selection.first_row <= f->last_row && f->selection.last_row >= f->first_row &&
      f->selection.first_column <= f->last_column &&
      f->selection.last_column >= f->first_column)
    {
      const SdColor *accent = &f->style->selection;
      double x0 = column_x (f, MAX (f->selection.first_column, f->first_column));
      double x1 = column_x (f, MIN (f->selection.last_column, f->last_column) + 1);
      double y0 = row_y (f, MAX (f->selection.first_row, f->first_row));
      double y1 = row_y (f, MIN (f->selection.last_row, f->last_row) + 1);

      /* Edges that continue out of sight are not drawn. */
      if (f->selection.first_column < f->first_column)
        x0 -= 2;
      if (f->selection.last_column > f->last_column)
        x1 += 2;
      if (f->selection.first_row < f->first_row)
        y0 -= 2;
      if (f->selection.last_row > f->last_row)
        y1 += 2;

      cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, accent->alpha * 0.22);
      cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, accent->alpha * 0.9);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, x0 + 0.5, y0 + 0.5, x1 - x0 - 1, y1 - y0 - 1);
      cairo_stroke (cr);
    }

  if (f->cursor_row >= f->first_row && f->cursor_row <= f->last_row &&
      f->cursor_column >= f->first_column && f->cursor_column <= f->last_column)
    {
      set_color (cr, &f->style->cursor);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, column_x (f, f->cursor_column) + 1, row_y (f, f->cursor_row) + 1,
                       m->column_width - 2, m->row_height - 2);
      cairo_stroke (cr);
    }

  cairo_restore (cr);
}

/* A warning triangle with an exclamation mark, drawn rather than taken from
 * an icon so that it needs no GTK and prints as well. */
static void
draw_marker (Frame *f,
             guint  row)
{
  cairo_t *cr = f->cr;
  cairo_rectangle_t area;
  double cx, bar;

  sd_matrix_get_marker_area (f->m, f->scroll_y, row, &area);
  cx = area.x + area.width / 2;
  bar = MAX (1.5, round (area.width / 8));

  set_color (cr, &f->style->warning);
  cairo_move_to (cr, cx, area.y);
  cairo_line_to (cr, area.x + area.width, area.y + area.height);
  cairo_line_to (cr, area.x, area.y + area.height);
  cairo_close_path (cr);
  cairo_fill (cr);

  set_color (cr, &f->on_warning);
  cairo_rectangle (cr, cx - bar / 2, area.y + area.height * 0.36, bar, area.height * 0.34);
  cairo_rectangle (cr, cx - bar / 2, area.y + area.height * 0.78, bar, bar);
  cairo_fill (cr);
}

static void
draw_row_headers (Frame *f)
{
  cairo_t *cr = f->cr;
  const SdMatrixMetrics *m = f->m;
  SdMatrixTextCache *cache = f->cache;
  /* The text leaves room for the warning marker on every row, so that
   * its layouts do not depend on the problems. */
  double text_width = m->row_header_width - m->code_width - 3 * PAD - MARKER;

  if (cache->text_width != text_width)
    {
      sd_matrix_text_cache_clear (cache);
      cache->text_width = text_width;
    }

  cairo_save (cr);
  cairo_rectangle (cr, 0, f->top, f->width, f->height - f->top);
  cairo_clip (cr);

  fill_rect (cr, &f->style->background, 0, f->top, m->row_header_width, f->height - f->top);

  for (guint row = f->first_row; row <= f->last_row; row++)
    {
      SdDuty *duty = sd_duty_matrix_get_row_duty (f->matrix, row);
      double y = row_y (f, row);
      PangoLayout *layout;

      if (duty == NULL)
        {
          const char *area = sd_duty_matrix_get_row_area (f->matrix, row);
          g_autofree char *count = g_strdup_printf ("%u",
                                                    sd_duty_matrix_get_area_size (f->matrix, row));
          g_autoptr(PangoLayout) count_layout = NULL;
          int area_width;

          fill_rect (cr, &f->style->area_background, 0, y, m->row_header_width, m->row_height);
          /* The area's name may run on over the empty cells of its band. */
          layout = cached_layout (cache, cache->areas, (gpointer) area, TRUE, area, cache->bold,
                                  MAX (f->width - 2 * PAD - 60, 100), 1);
          show_layout (cr, layout, &f->style->foreground, PAD, y, m->row_height);
          pango_layout_get_pixel_size (layout, &area_width, NULL);
          count_layout = new_layout (cache, count, cache->font, -1, 1);
          show_layout (cr, count_layout, &f->style->dim, PAD + area_width + PAD, y,
                       m->row_height);
          continue;
        }

      if (row == f->cursor_row)
        fill_rect (cr, &f->style->area_background, 0, y, m->row_header_width, m->row_height);

      layout = cached_layout (cache, cache->codes, duty, FALSE, sd_duty_get_code (duty),
                              cache->font, m->code_width - PAD, 1);
      show_layout (cr, layout, &f->style->dim, PAD, y, m->row_height);
      layout = cached_layout (cache, cache->texts, duty, FALSE, sd_duty_get_text (duty),
                              cache->font, text_width, 1);
      show_layout (cr, layout, &f->style->foreground, PAD + m->code_width, y, m->row_height);

      if (sd_duty_matrix_get_row_problems (f->matrix, row) != 0)
        draw_marker (f, row);

      fill_rect (cr, &f->style->grid, 0, y + m->row_height - 0.5, m->row_header_width, 1);
    }

  fill_rect (cr, &f->style->grid, m->row_header_width - 1, f->top, 1, f->height - f->top);
  cairo_restore (cr);
}

static void
draw_column_headers (Frame *f)
{
  cairo_t *cr = f->cr;
  const SdMatrixMetrics *m = f->m;
  SdMatrixTextCache *cache = f->cache;
  int max_lines = MAX (1, (int) floor ((m->header_height - PAD) / cache->line_height));
  guint first_group, last_group;

  if (cache->column_width != m->column_width || cache->header_lines != max_lines)
    {
      sd_matrix_text_cache_clear (cache);
      cache->column_width = m->column_width;
      cache->header_lines = max_lines;
    }

  cairo_save (cr);
  cairo_rectangle (cr, m->row_header_width, 0, f->width - m->row_header_width, f->top);
  cairo_clip (cr);
  fill_rect (cr, &f->style->header_background, m->row_header_width, 0,
             f->width - m->row_header_width, f->top);

  if (f->first_column <= f->last_column)
    {
      first_group = sd_duty_matrix_get_column (f->matrix, f->first_column)->group;
      last_group = sd_duty_matrix_get_column (f->matrix, f->last_column)->group;

      for (guint g = first_group; g <= last_group; g++)
        {
          const SdMatrixGroup *group = sd_duty_matrix_get_group (f->matrix, g);
          double x = column_x (f, group->first);
          double group_width = group->n_columns * m->column_width;
          /* The title stays in sight while its group scrolls past. */
          double title_x = MAX (x, m->row_header_width);
          PangoLayout *layout;

          layout = cached_layout (cache, cache->groups, group->title, TRUE, group->title,
                                  cache->bold, group_width - 2 * PAD, 1);
          cairo_save (cr);
          cairo_rectangle (cr, x, 0, group_width, m->group_height);
          cairo_clip (cr);
          show_layout (cr, layout, &f->style->foreground, title_x + PAD, 0, m->group_height);
          cairo_restore (cr);
          fill_rect (cr, &f->style->grid, x - 0.5, 0, 1, f->top);
        }
    }

  for (guint column = f->first_column; column <= f->last_column; column++)
    {
      const SdMatrixColumn *party = sd_duty_matrix_get_column (f->matrix, column);
      double x = column_x (f, column);
      PangoLayout *layout;
      int text_width, text_height;

      if (column == f->cursor_column)
        fill_rect (cr, &f->style->area_background, x, m->group_height,
                   m->column_width, m->header_height);

      layout = cached_layout (cache, cache->parties, party->item, FALSE,
                              sd_duty_matrix_get_column_name (f->matrix, column),
                              party->kind == SD_PARTY_POST ? cache->font : cache->bold,
                              m->column_width - 6, max_lines);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      set_color (cr, &f->style->foreground);
      cairo_move_to (cr, x + 3, m->group_height + m->header_height - text_height - PAD / 2);
      pango_cairo_show_layout (cr, layout);
      fill_rect (cr, &f->style->grid, x - 0.5, m->group_height, 1, m->header_height);
    }

  fill_rect (cr, &f->style->grid, m->row_header_width, m->group_height - 0.5,
             f->width - m->row_header_width, 1);
  fill_rect (cr, &f->style->grid, m->row_header_width, f->top - 1,
             f->width - m->row_header_width, 1);
  cairo_restore (cr);
}

static void
draw_corner (Frame *f)
{
  const SdMatrixMetrics *m = f->m;
  g_autoptr(PangoLayout) layout = NULL;

  fill_rect (f->cr, &f->style->header_background, 0, 0, m->row_header_width, f->top);
  /* Translators: the title of the duty column of the duty matrix */
  layout = new_layout (f->cache, _("Duty"), f->cache->bold, m->row_header_width - 2 * PAD, 1);
  show_layout (f->cr, layout, &f->style->dim, PAD, f->top - f->m->row_height, m->row_height);
  fill_rect (f->cr, &f->style->grid, 0, f->top - 1, m->row_header_width, 1);
  fill_rect (f->cr, &f->style->grid, m->row_header_width - 1, 0, 1, f->top);
}

void
sd_matrix_draw (cairo_t                 *cr,
                SdDutyMatrix            *matrix,
                const SdMatrixMetrics   *metrics,
                const SdMatrixStyle     *style,
                SdMatrixTextCache       *cache,
                double                   scroll_x,
                double                   scroll_y,
                double                   width,
                double                   height,
                guint                    cursor_row,
                guint                    cursor_column,
                const SdMatrixSelection *selection)
{
  Frame f = { 0 };
  guint n_rows, n_columns;
  double body_width, body_height;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (SD_IS_DUTY_MATRIX (matrix));
  g_return_if_fail (metrics != NULL && style != NULL && cache != NULL);

  n_rows = sd_duty_matrix_get_n_rows (matrix);
  n_columns = sd_duty_matrix_get_n_columns (matrix);

  f.cr = cr;
  f.matrix = matrix;
  f.m = metrics;
  f.style = style;
  f.cache = cache;
  f.scroll_x = MAX (scroll_x, 0);
  f.scroll_y = MAX (scroll_y, 0);
  f.width = width;
  f.height = height;
  f.top = metrics->group_height + metrics->header_height;
  f.cursor_row = cursor_row;
  f.cursor_column = cursor_column;
  if (selection != NULL)
    f.selection = *selection;
  else
    f.selection = (SdMatrixSelection) { 1, 0, 1, 0 };
  f.on_warning = sd_color_pick_text_for (&style->warning);

  fill_rect (cr, &style->background, 0, 0, width, height);

  /* Only what is in the viewport is looked at: a window of rows and one of
   * columns, whatever the size of the whole. */
  body_width = MAX (width - metrics->row_header_width, 0);
  body_height = MAX (height - f.top, 0);
  f.first_column = (guint) floor (f.scroll_x / metrics->column_width);
  f.last_column = (guint) floor ((f.scroll_x + body_width) / metrics->column_width);
  if (n_columns == 0 || f.first_column >= n_columns)
    {
      f.first_column = 1;
      f.last_column = 0;
    }
  else
    f.last_column = MIN (f.last_column, n_columns - 1);

  f.first_row = (guint) floor (f.scroll_y / metrics->row_height);
  f.last_row = (guint) floor ((f.scroll_y + body_height) / metrics->row_height);
  if (n_rows == 0 || f.first_row >= n_rows)
    {
      f.first_row = 1;
      f.last_row = 0;
    }
  else
    f.last_row = MIN (f.last_row, n_rows - 1);

  if (f.first_row <= f.last_row)
    {
      if (f.first_column <= f.last_column)
        draw_cells (&f);
      draw_row_headers (&f);
    }
  draw_column_headers (&f);
  draw_corner (&f);
}

SdMatrixHit
sd_matrix_lookup (SdDutyMatrix          *matrix,
                  const SdMatrixMetrics *metrics,
                  double                 scroll_x,
                  double                 scroll_y,
                  double                 x,
                  double                 y,
                  guint                 *row,
                  guint                 *column)
{
  double top;
  gboolean in_rows, in_columns;
  guint r = G_MAXUINT, c = G_MAXUINT;

  g_return_val_if_fail (SD_IS_DUTY_MATRIX (matrix), SD_MATRIX_HIT_NONE);
  g_return_val_if_fail (metrics != NULL, SD_MATRIX_HIT_NONE);

  top = metrics->group_height + metrics->header_height;
  in_rows = y >= top;
  in_columns = x >= metrics->row_header_width;

  if (in_rows)
    {
      double index = floor ((y - top + MAX (scroll_y, 0)) / metrics->row_height);

      if (index >= 0 && index < sd_duty_matrix_get_n_rows (matrix))
        r = (guint) index;
    }
  if (in_columns)
    {
      double index = floor ((x - metrics->row_header_width + MAX (scroll_x, 0))
                            / metrics->column_width);

      if (index >= 0 && index < sd_duty_matrix_get_n_columns (matrix))
        c = (guint) index;
    }

  if (row != NULL)
    *row = r;
  if (column != NULL)
    *column = c;

  if (!in_rows && !in_columns)
    return SD_MATRIX_HIT_CORNER;
  if (!in_rows)
    return c != G_MAXUINT ? SD_MATRIX_HIT_COLUMN_HEADER : SD_MATRIX_HIT_NONE;
  if (!in_columns)
    return r != G_MAXUINT ? SD_MATRIX_HIT_ROW_HEADER : SD_MATRIX_HIT_NONE;
  return r != G_MAXUINT && c != G_MAXUINT ? SD_MATRIX_HIT_CELL : SD_MATRIX_HIT_NONE;
}
