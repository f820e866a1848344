/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-timeline"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "sd-labels.h"
#include "sd-timeline.h"

/*
 * The layout is a stack of rows of one height under a header row with the
 * month names: for each stream a heading row, then one row per bar. On the
 * left a column holds the task titles (unless they are drawn in the bars);
 * the rest is twelve month columns of equal width. Everything follows from
 * the style's font size and row height and from the width, never from
 * measured text, so that hit-testing needs no cairo context and gives the
 * same geometry as drawing.
 */

#define DEFAULT_FONT_PX     11.0
#define ROW_HEIGHT_RATIO    2.0    /* row height in font sizes, unless the style says */
#define HEADER_RATIO        1.25   /* header row in row heights */
#define PAD_RATIO           0.6    /* outer padding in font sizes */
#define TITLE_WIDTH_RATIO   0.28   /* title column in widths ... */
#define TITLE_MIN_FONTS     6.0    /* ... but at least this many font sizes */
#define TITLE_MAX_FONTS     28.0   /* ... and at most this many */
#define BAR_INSET_RATIO     0.16   /* above and below a bar, in row heights */
#define HANDLE_PX           6.0    /* the draggable ends of a bar */

/* A row is a bar (its index, ≥ 0) or a stream's heading (-1 - stream). */
#define ROW_IS_HEADING(r)   ((r) < 0)
#define ROW_STREAM(r)       (-1 - (r))

typedef struct
{
  double  width;
  double  font_px;
  double  row_h;
  double  header_h;
  double  pad;
  double  title_x, title_w;   /* title_w 0: titles in the bars */
  double  grid_x, grid_w, col_w;
  guint   n_rows;
  int    *rows;               /* n_rows */
  int    *bar_rows;           /* the row of each bar */
} Layout;

static double
style_font_px (const SdTimelineStyle *style)
{
  return style->font_size > 0 ? style->font_size : DEFAULT_FONT_PX;
}

static double
style_row_height (const SdTimelineStyle *style)
{
  if (style->row_height > 0)
    return style->row_height;
  return round (style_font_px (style) * ROW_HEIGHT_RATIO);
}

static double
style_header_height (const SdTimelineStyle *style)
{
  return round (style_row_height (style) * HEADER_RATIO);
}

/* Rows: the streams in their order, each with its bars in theirs, then the
 * bars whose stream is not one of the model's, without a heading. A
 * counting sort keeps it linear however many bars there are. */
static guint
count_rows (const SdTimelineModel *model)
{
  return model->n_streams + model->n_bars;
}

static void
fill_rows (const SdTimelineModel *model,
           int                   *rows,
           int                   *bar_rows)
{
  g_autofree guint *next = g_new0 (guint, model->n_streams + 2);
  guint n_streams = model->n_streams;

  /* next[s + 1] counts the bars of stream s; next[n_streams + 1] the rest. */
  for (guint i = 0; i < model->n_bars; i++)
    {
      int s = model->bars[i].stream;

      next[(s >= 0 && (guint) s < n_streams ? (guint) s : n_streams) + 1]++;
    }
  /* Turn counts into the row of each group's first bar. */
  next[0] = 0;
  for (guint s = 0; s <= n_streams; s++)
    {
      guint heading = s < n_streams ? 1 : 0;
      guint count = next[s + 1];

      if (s < n_streams)
        rows[next[s]] = -1 - (int) s;
      next[s] += heading;
      next[s + 1] = next[s] + count;
    }
  for (guint i = 0; i < model->n_bars; i++)
    {
      int s = model->bars[i].stream;
      guint group = s >= 0 && (guint) s < n_streams ? (guint) s : n_streams;
      guint row = next[group]++;

      rows[row] = (int) i;
      bar_rows[i] = (int) row;
    }
}

static gboolean
layout_init (Layout                *layout,
             const SdTimelineModel *model,
             const SdTimelineStyle *style,
             double                 width,
             gboolean               with_rows)
{
  memset (layout, 0, sizeof *layout);

  layout->width = width;
  layout->font_px = style_font_px (style);
  layout->row_h = style_row_height (style);
  layout->header_h = style_header_height (style);
  layout->pad = round (layout->font_px * PAD_RATIO);
  layout->title_x = layout->pad;
  if (style->show_titles_in_bars)
    {
      layout->title_w = 0;
      layout->grid_x = layout->pad;
    }
  else
    {
      layout->title_w = CLAMP (width * TITLE_WIDTH_RATIO, layout->font_px * TITLE_MIN_FONTS,
                               layout->font_px * TITLE_MAX_FONTS);
      layout->grid_x = layout->title_x + layout->title_w + layout->pad;
    }
  layout->grid_w = width - layout->grid_x - layout->pad;
  layout->col_w = layout->grid_w / 12;
  layout->n_rows = count_rows (model);

  if (!(layout->col_w > 0) || !(layout->row_h > 0))
    return FALSE;

  if (with_rows)
    {
      layout->rows = g_new (int, MAX (layout->n_rows, 1));
      layout->bar_rows = g_new (int, MAX (model->n_bars, 1));
      fill_rows (model, layout->rows, layout->bar_rows);
    }
  return TRUE;
}

static void
layout_clear (Layout *layout)
{
  g_clear_pointer (&layout->rows, g_free);
  g_clear_pointer (&layout->bar_rows, g_free);
}

static double
layout_row_y (const Layout *layout,
              guint         row)
{
  return layout->header_h + row * layout->row_h;
}

static double
layout_month_x (const Layout *layout,
                double        month)    /* 1 = the left edge of January */
{
  return layout->grid_x + (month - 1) * layout->col_w;
}

static void
bar_months (const SdTimelineBar *bar,
            int                 *start,
            int                 *end)
{
  *start = CLAMP (bar->start_month, 1, 12);
  *end = CLAMP (bar->end_month, 1, 12);
  if (*end < *start)
    *end = *start;
}

static void
layout_bar_rect (const Layout        *layout,
                 const SdTimelineBar *bar,
                 guint                row,
                 cairo_rectangle_t   *rect)
{
  double inset_y = round (layout->row_h * BAR_INSET_RATIO);
  double inset_x = MIN (2.0, layout->col_w / 8);
  int start, end;

  bar_months (bar, &start, &end);
  rect->x = layout_month_x (layout, start) + inset_x;
  rect->width = (end - start + 1) * layout->col_w - 2 * inset_x;
  rect->y = layout_row_y (layout, row) + inset_y;
  rect->height = layout->row_h - 2 * inset_y;
}

/* The width of each draggable end, never so wide that the ends meet. */
static double
handle_width (const cairo_rectangle_t *rect)
{
  return MIN (HANDLE_PX, rect->width / 3);
}

/**
 * sd_timeline_style_init_default:
 * @style: the style to fill
 * @dark: whether for a dark background
 *
 * Fills from the GNOME palette that stay apart from each other and from
 * the background in light and in dark: blue for planned, yellow for in
 * progress, green for done, grey for cancelled; red marks late bars and
 * purple today's line, so that neither is taken for a status.
 */
void
sd_timeline_style_init_default (SdTimelineStyle *style,
                                gboolean         dark)
{
  static const guint32 light_fills[4] = { 0x62a0ea, 0xf5c211, 0x33d17a, 0xc0bfbc };
  static const guint32 dark_fills[4] = { 0x1c71d8, 0xe5a50a, 0x26a269, 0x77767b };
  const guint32 *fills = dark ? dark_fills : light_fills;

  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  for (guint i = 0; i < G_N_ELEMENTS (style->status); i++)
    style->status[i] = sd_color_from_hex (fills[i]);

  if (dark)
    {
      style->late = sd_color_from_hex (0xed333b);
      style->foreground = (SdColor) { 1.0, 1.0, 1.0, 1.0 };
      style->background = sd_color_from_hex (0x1e1e1e);
      style->grid = (SdColor) { 1.0, 1.0, 1.0, 0.15 };
      style->today = sd_color_from_hex (0xdc8add);
      style->selection = sd_color_from_hex (0x78aeed);
    }
  else
    {
      style->late = sd_color_from_hex (0xc01c28);
      style->foreground = (SdColor) { 0.0, 0.0, 0.0, 0.8 };
      style->background = sd_color_from_hex (0xffffff);
      style->grid = (SdColor) { 0.0, 0.0, 0.0, 0.15 };
      style->today = sd_color_from_hex (0x813d9c);
      style->selection = sd_color_from_hex (0x1c71d8);
    }
  style->font_family = NULL;
  style->font_size = 0;
  style->row_height = 0;
  style->show_titles_in_bars = FALSE;
}

/**
 * sd_timeline_get_height:
 * @model: what to draw
 * @style: how to draw it
 * @width: the width it is drawn at
 *
 * Returns: the height the whole timeline takes: the header, a heading row
 *   per stream and a row per bar
 */
double
sd_timeline_get_height (const SdTimelineModel *model,
                        const SdTimelineStyle *style,
                        double                 width)
{
  g_return_val_if_fail (model != NULL, 0);
  g_return_val_if_fail (style != NULL, 0);

  return style_header_height (style) + count_rows (model) * style_row_height (style)
         + round (style_font_px (style) * PAD_RATIO);
}

/* Drawing. */

typedef struct
{
  cairo_t               *cr;
  const SdTimelineModel *model;
  const SdTimelineStyle *style;
  const Layout          *layout;
  PangoLayout           *text;
  PangoFontDescription  *font;
} Painter;

static void
set_source (cairo_t       *cr,
            const SdColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
set_source_faded (cairo_t       *cr,
                  const SdColor *color,
                  double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static SdColor
color_darker (const SdColor *color,
              double         amount)
{
  return (SdColor) {
    color->red * (1 - amount),
    color->green * (1 - amount),
    color->blue * (1 - amount),
    color->alpha,
  };
}

static void
rounded_rect (cairo_t                 *cr,
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

/* Sets up the one PangoLayout for @text in one line, cut with an ellipsis
 * at @max_width (0: no limit). */
static void
text_prepare (Painter     *painter,
              const char  *text,
              double       size_px,
              PangoWeight  weight,
              double       max_width)
{
  pango_font_description_set_absolute_size (painter->font, MAX (size_px, 1.0) * PANGO_SCALE);
  pango_font_description_set_weight (painter->font, weight);
  pango_layout_set_font_description (painter->text, painter->font);
  pango_layout_set_width (painter->text, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (painter->text,
                              max_width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (painter->text, text != NULL ? text : "", -1);
}

static void
text_size (Painter *painter,
           double  *width,
           double  *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (painter->text, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

/* Shows the prepared text at @x, centred vertically on @centre_y. */
static void
text_show (Painter       *painter,
           const SdColor *color,
           double         x,
           double         centre_y)
{
  double height;

  text_size (painter, NULL, &height);
  set_source (painter->cr, color);
  cairo_move_to (painter->cr, x, centre_y - height / 2);
  pango_cairo_show_layout (painter->cr, painter->text);
}

/* Shows the prepared text centred on (@centre_x, @centre_y) by its ink,
 * so that a single glyph such as "!" sits in the middle of its mark. */
static void
text_show_centred (Painter       *painter,
                   const SdColor *color,
                   double         centre_x,
                   double         centre_y)
{
  PangoRectangle ink;

  pango_layout_get_extents (painter->text, &ink, NULL);
  set_source (painter->cr, color);
  cairo_move_to (painter->cr,
                 centre_x - (ink.x + ink.width / 2.0) / PANGO_SCALE,
                 centre_y - (ink.y + ink.height / 2.0) / PANGO_SCALE);
  pango_cairo_show_layout (painter->cr, painter->text);
}

/* How the month headings are written: all twelve alike, so a narrow
 * timeline does not mix "September" with "Nov". */
typedef enum
{
  MONTH_FULL,     /* the month's name */
  MONTH_SHORT,    /* its first three letters (an abbreviation in most languages) */
  MONTH_NUMBER,
} MonthForm;

static char *
month_text (int       month,
            MonthForm form)
{
  const char *name = sd_month_label (month);

  switch (form)
    {
    case MONTH_FULL:
      return g_strdup (name);
    case MONTH_SHORT:
      return g_utf8_strlen (name, -1) > 3 ? g_utf8_substring (name, 0, 3) : g_strdup (name);
    case MONTH_NUMBER:
    default:
      return g_strdup_printf ("%d", month);
    }
}

/* The longest form in which every month fits its column. */
static MonthForm
month_form (Painter *painter)
{
  double room = painter->layout->col_w - 4;

  for (MonthForm form = MONTH_FULL; form < MONTH_NUMBER; form++)
    {
      gboolean fits = TRUE;

      for (int month = 1; month <= 12 && fits; month++)
        {
          g_autofree char *text = month_text (month, form);
          double width;

          text_prepare (painter, text, painter->layout->font_px, PANGO_WEIGHT_NORMAL, 0);
          text_size (painter, &width, NULL);
          fits = width <= room;
        }
      if (fits)
        return form;
    }
  return MONTH_NUMBER;
}

static void
draw_month_label (Painter   *painter,
                  int        month,
                  MonthForm  form,
                  double     y)
{
  const Layout *layout = painter->layout;
  g_autofree char *text = month_text (month, form);
  double width;

  text_prepare (painter, text, layout->font_px, PANGO_WEIGHT_NORMAL, 0);
  text_size (painter, &width, NULL);
  text_show (painter, &painter->style->foreground,
             layout_month_x (layout, month) + (layout->col_w - width) / 2, y);
}

static void
draw_grid (Painter *painter,
           double   top,
           double   bottom)
{
  const Layout *layout = painter->layout;
  const SdTimelineStyle *style = painter->style;
  cairo_t *cr = painter->cr;

  /* Every other month is shaded, so that the eye can follow a column
   * down a long plan. */
  set_source_faded (cr, &style->grid, 0.35);
  for (int month = 2; month <= 12; month += 2)
    cairo_rectangle (cr, layout_month_x (layout, month), top, layout->col_w, bottom - top);
  cairo_fill (cr);

  /* Quarters are marked more strongly than months. */
  for (int month = 1; month <= 13; month++)
    {
      double x = round (layout_month_x (layout, month)) + 0.5;

      cairo_set_line_width (cr, (month - 1) % 3 == 0 ? 1.0 : 0.5);
      set_source (cr, &style->grid);
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, bottom);
      cairo_stroke (cr);
    }
}

static void
draw_header (Painter *painter)
{
  const Layout *layout = painter->layout;
  const SdTimelineStyle *style = painter->style;
  double centre = layout->header_h / 2;
  cairo_t *cr = painter->cr;
  MonthForm form;

  if (layout->title_w > 0 && painter->model->year > 0)
    {
      char year[16];

      g_snprintf (year, sizeof year, "%d", painter->model->year);
      text_prepare (painter, year, layout->font_px, PANGO_WEIGHT_BOLD, layout->title_w);
      text_show (painter, &style->foreground, layout->title_x, centre);
    }

  form = month_form (painter);
  for (int month = 1; month <= 12; month++)
    draw_month_label (painter, month, form, centre);

  set_source (cr, &style->grid);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, 0, round (layout->header_h) - 0.5);
  cairo_line_to (cr, layout->width, round (layout->header_h) - 0.5);
  cairo_stroke (cr);
}

static void
draw_heading_row (Painter *painter,
                  guint    row,
                  int      stream)
{
  const Layout *layout = painter->layout;
  const SdTimelineStyle *style = painter->style;
  const char *name = painter->model->streams != NULL ? painter->model->streams[stream] : NULL;
  double y = layout_row_y (layout, row);

  set_source_faded (painter->cr, &style->grid, 0.6);
  cairo_rectangle (painter->cr, 0, y, layout->width, layout->row_h);
  cairo_fill (painter->cr);

  text_prepare (painter, name, layout->font_px, PANGO_WEIGHT_BOLD,
                layout->width - 2 * layout->pad);
  text_show (painter, &style->foreground, layout->title_x, y + layout->row_h / 2);
}

static void
draw_bar (Painter *painter,
          guint    row,
          guint    index)
{
  const Layout *layout = painter->layout;
  const SdTimelineStyle *style = painter->style;
  const SdTimelineBar *bar = &painter->model->bars[index];
  cairo_t *cr = painter->cr;
  guint status = MIN ((guint) bar->status, G_N_ELEMENTS (style->status) - 1);
  const SdColor *fill = &style->status[status];
  SdColor ink = sd_color_pick_text_for (fill);
  cairo_rectangle_t rect;
  double radius, centre_y, text_x, text_end, glyph_px;

  layout_bar_rect (layout, bar, row, &rect);
  radius = MIN (4.0, rect.height / 4);
  centre_y = rect.y + rect.height / 2;
  glyph_px = MAX (rect.height * 0.72, 1.0);

  if (layout->title_w > 0)
    {
      SdColor color = style->foreground;

      if (bar->status == SD_TIMELINE_CANCELLED)
        color.alpha *= 0.55;
      text_prepare (painter, bar->title, layout->font_px, PANGO_WEIGHT_NORMAL,
                    layout->title_w);
      text_show (painter, &color, layout->title_x, layout_row_y (layout, row)
                 + layout->row_h / 2);
    }

  set_source (cr, fill);
  rounded_rect (cr, &rect, radius);
  cairo_fill (cr);

  /* Progress is the darker left part; done and cancelled tasks have none
   * to show. */
  if ((bar->status == SD_TIMELINE_PLANNED || bar->status == SD_TIMELINE_IN_PROGRESS)
      && bar->progress > 0)
    {
      SdColor darker = color_darker (fill, 0.3);

      cairo_save (cr);
      rounded_rect (cr, &rect, radius);
      cairo_clip (cr);
      set_source (cr, &darker);
      cairo_rectangle (cr, rect.x, rect.y, rect.width * MIN (bar->progress, 100) / 100.0,
                       rect.height);
      cairo_fill (cr);
      cairo_restore (cr);
    }

  if (bar->late)
    {
      double line = MAX (1.5, rect.height * 0.12);
      cairo_rectangle_t edge = { rect.x + line / 2, rect.y + line / 2,
                                 rect.width - line, rect.height - line };

      set_source (cr, &style->late);
      cairo_set_line_width (cr, line);
      rounded_rect (cr, &edge, radius);
      cairo_stroke (cr);
    }

  text_x = rect.x + MAX (3.0, rect.height * 0.2);
  text_end = rect.x + rect.width - MAX (3.0, rect.height * 0.2);

  /* The "!" of a late bar goes at its right end, a red disc with the sign
   * in it, a little taller than the bar, so that it reads on every fill
   * and at the small rows of a printed plan. */
  if (bar->late)
    {
      double r = layout->row_h * 0.38;
      double cx = MAX (rect.x + rect.width - r - 1, rect.x + rect.width / 2);
      SdColor sign = sd_color_pick_text_for (&style->late);

      set_source (cr, &style->late);
      cairo_arc (cr, cx, centre_y, r, 0, 2 * G_PI);
      cairo_fill (cr);
      text_prepare (painter, "!", r * 1.5, PANGO_WEIGHT_BOLD, 0);
      text_show_centred (painter, &sign, cx, centre_y);
      text_end = cx - r - 2;
    }

  if (bar->carried_over && text_end - text_x > glyph_px * 0.6)
    {
      double width;

      text_prepare (painter, "↻", glyph_px, PANGO_WEIGHT_BOLD, 0);
      text_size (painter, &width, NULL);
      text_show_centred (painter, &ink, text_x + width / 2, centre_y);
      text_x += width + 2;
    }

  if (layout->title_w == 0 && text_end - text_x > layout->font_px)
    {
      text_prepare (painter, bar->title, layout->font_px, PANGO_WEIGHT_NORMAL,
                    text_end - text_x);
      text_show (painter, &ink, text_x, centre_y);
    }

  if ((int) index == painter->model->selected_bar)
    {
      cairo_rectangle_t ring = { rect.x - 2.5, rect.y - 2.5, rect.width + 5, rect.height + 5 };

      set_source (cr, &style->selection);
      cairo_set_line_width (cr, 2.0);
      rounded_rect (cr, &ring, radius + 2.5);
      cairo_stroke (cr);
    }
}

static void
draw_today (Painter *painter,
            double   bottom)
{
  const Layout *layout = painter->layout;
  int month = painter->model->today_month;
  double fraction = CLAMP (painter->model->today_fraction, 0.0, 1.0);
  double line = MAX (1.0, layout->font_px / 6);
  double size = layout->font_px * 0.45;
  cairo_t *cr = painter->cr;
  double x;

  if (month < 1 || month > 12)
    return;

  x = layout_month_x (layout, month + fraction);
  set_source (cr, &painter->style->today);
  cairo_set_line_width (cr, line);
  cairo_move_to (cr, x, layout->header_h);
  cairo_line_to (cr, x, bottom);
  cairo_stroke (cr);

  /* A small triangle on the header's edge says where the line starts. */
  cairo_move_to (cr, x - size, layout->header_h - size);
  cairo_line_to (cr, x + size, layout->header_h - size);
  cairo_line_to (cr, x, layout->header_h + size * 0.2);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/**
 * sd_timeline_draw:
 * @cr: where to draw, with (0, 0) the top-left corner of the timeline
 * @width: width of the area
 * @height: height of the area
 * @model: what to draw
 * @style: how to draw it
 *
 * Draws the header and the rows that lie inside @cr's clip, so that a long
 * plan in a scrolled view costs what its visible rows cost. The background
 * is painted unless its alpha is 0.
 */
void
sd_timeline_draw (cairo_t               *cr,
                  double                 width,
                  double                 height,
                  const SdTimelineModel *model,
                  const SdTimelineStyle *style)
{
  Layout layout;
  Painter painter = { cr, model, style, &layout, NULL, NULL };
  PangoContext *context;
  const char *language;
  double x1, y1, x2, y2, bottom;
  guint first, last;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (model != NULL);
  g_return_if_fail (style != NULL);

  if (!layout_init (&layout, model, style, width, TRUE))
    {
      layout_clear (&layout);
      return;
    }

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_clip_extents (cr, &x1, &y1, &x2, &y2);

  if (style->background.alpha > 0)
    {
      set_source (cr, &style->background);
      cairo_paint (cr);
    }

  painter.text = pango_cairo_create_layout (cr);
  pango_layout_set_single_paragraph_mode (painter.text, TRUE);
  painter.font = pango_font_description_new ();
  pango_font_description_set_family (painter.font,
                                     style->font_family != NULL ? style->font_family : "Sans");
  /* The plan's data is Chinese: outside a CJK locale, fontconfig would
   * otherwise pick Japanese shapes for Han characters. */
  context = pango_layout_get_context (painter.text);
  language = pango_language_to_string (pango_language_get_default ());
  if (!g_str_has_prefix (language, "zh") && !g_str_has_prefix (language, "ja")
      && !g_str_has_prefix (language, "ko"))
    {
      pango_context_set_language (context, pango_language_from_string ("zh-cn"));
      pango_layout_context_changed (painter.text);
    }

  bottom = MIN (layout_row_y (&layout, layout.n_rows), height);
  draw_grid (&painter, 0, bottom);
  if (y1 < layout.header_h)
    draw_header (&painter);

  /* Only the rows the clip reaches are laid out. */
  first = (guint) CLAMP (floor ((y1 - layout.header_h) / layout.row_h), 0, layout.n_rows);
  last = (guint) CLAMP (ceil ((y2 - layout.header_h) / layout.row_h), 0, layout.n_rows);
  for (guint row = first; row < last; row++)
    {
      int r = layout.rows[row];

      if (ROW_IS_HEADING (r))
        draw_heading_row (&painter, row, ROW_STREAM (r));
      else
        draw_bar (&painter, row, (guint) r);
    }

  draw_today (&painter, bottom);

  g_object_unref (painter.text);
  pango_font_description_free (painter.font);
  cairo_restore (cr);
  layout_clear (&layout);
}

/* Hit-testing. */

/**
 * sd_timeline_get_bar_rect:
 * @model: what is drawn
 * @style: how it is drawn
 * @width: width of the area
 * @height: height of the area
 * @bar: index of a bar
 * @rect: (out): where the bar is drawn
 *
 * Returns: %TRUE if @bar exists and has a place
 */
gboolean
sd_timeline_get_bar_rect (const SdTimelineModel *model,
                          const SdTimelineStyle *style,
                          double                 width,
                          double                 height,
                          guint                  bar,
                          cairo_rectangle_t     *rect)
{
  Layout layout;
  gboolean ok;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  if (bar >= model->n_bars)
    return FALSE;
  ok = layout_init (&layout, model, style, width, TRUE);
  if (ok)
    layout_bar_rect (&layout, &model->bars[bar], (guint) layout.bar_rows[bar], rect);
  layout_clear (&layout);
  return ok;
}

/**
 * sd_timeline_hit_test:
 * @model: what is drawn
 * @style: how it is drawn
 * @width: width of the area
 * @height: height of the area
 * @x: the point
 * @y: the point
 * @hit: (out): what is at the point
 *
 * Finds what lies under a point: a bar (its middle, or one of its ends,
 * which reach a few pixels beyond it, to drag), or else the month column.
 * A bar's whole row counts, and its title in the left column, so that a
 * bar is easy to hit.
 *
 * Returns: %TRUE if the point is on the timeline (@hit->kind is not
 *   %SD_TIMELINE_HIT_NONE)
 */
gboolean
sd_timeline_hit_test (const SdTimelineModel *model,
                      const SdTimelineStyle *style,
                      double                 width,
                      double                 height,
                      double                 x,
                      double                 y,
                      SdTimelineHit         *hit)
{
  Layout layout;
  double bottom;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  hit->kind = SD_TIMELINE_HIT_NONE;
  hit->bar = -1;
  hit->month = 0;

  if (!layout_init (&layout, model, style, width, TRUE))
    {
      layout_clear (&layout);
      return FALSE;
    }

  bottom = MIN (layout_row_y (&layout, layout.n_rows), height);
  if (x < 0 || x >= width || y < 0 || y >= bottom)
    {
      layout_clear (&layout);
      return FALSE;
    }

  if (x >= layout.grid_x && x < layout.grid_x + layout.grid_w)
    hit->month = CLAMP ((int) floor ((x - layout.grid_x) / layout.col_w) + 1, 1, 12);

  if (y >= layout.header_h)
    {
      guint row = (guint) MIN (floor ((y - layout.header_h) / layout.row_h),
                               layout.n_rows - 1);
      int r = layout.rows[row];

      if (!ROW_IS_HEADING (r))
        {
          cairo_rectangle_t rect;
          double handle;

          layout_bar_rect (&layout, &model->bars[r], row, &rect);
          handle = handle_width (&rect);
          if (x >= rect.x - HANDLE_PX && x < rect.x + handle)
            hit->kind = SD_TIMELINE_HIT_BAR_START;
          else if (x > rect.x + rect.width - handle && x <= rect.x + rect.width + HANDLE_PX)
            hit->kind = SD_TIMELINE_HIT_BAR_END;
          else if ((x >= rect.x && x <= rect.x + rect.width) || x < layout.grid_x)
            hit->kind = SD_TIMELINE_HIT_BAR;

          if (hit->kind != SD_TIMELINE_HIT_NONE)
            hit->bar = r;
        }
    }

  if (hit->kind == SD_TIMELINE_HIT_NONE && hit->month > 0)
    hit->kind = SD_TIMELINE_HIT_MONTH;

  layout_clear (&layout);
  return hit->kind != SD_TIMELINE_HIT_NONE;
}
