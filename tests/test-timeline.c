/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "test-timeline"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <cairo.h>
#include <glib.h>

#include "sd-timeline.h"

#define WIDTH 900

static const char * const streams[] = {
  "宣传教育培训",
  "制度建设",
  "应急预案",   /* no bars */
  "监督检查",
};

/* Grouped by stream, as the model asks. */
static const SdTimelineBar bars[] = {
  { "制作保密手册和保密海报", 2, 3, SD_TIMELINE_DONE, 100, FALSE, FALSE, 0 },
  { "对新入职员工进行专门的保密培训", 1, 12, SD_TIMELINE_IN_PROGRESS, 50, FALSE, FALSE, 0 },
  { "Annual awareness campaign with a rather long title", 4, 6, SD_TIMELINE_IN_PROGRESS, 60,
    TRUE, FALSE, 0 },
  { "明确公司商业秘密范围", 1, 1, SD_TIMELINE_PLANNED, 0, FALSE, TRUE, 1 },
  { "Cancelled review", 12, 12, SD_TIMELINE_CANCELLED, 0, FALSE, FALSE, 1 },
  { "季度保密检查", 3, 5, SD_TIMELINE_PLANNED, 0, FALSE, FALSE, 3 },
};

static void
model_init (SdTimelineModel *model)
{
  *model = (SdTimelineModel) {
    .year = 2026,
    .streams = streams,
    .n_streams = G_N_ELEMENTS (streams),
    .bars = bars,
    .n_bars = G_N_ELEMENTS (bars),
    .today_month = 0,
    .today_fraction = 0,
    .selected_bar = -1,
  };
}

static void
assert_hit (const SdTimelineModel *model,
            const SdTimelineStyle *style,
            double                 height,
            double                 x,
            double                 y,
            SdTimelineHitKind      kind,
            int                    bar,
            int                    month)
{
  SdTimelineHit hit;
  gboolean found = sd_timeline_hit_test (model, style, WIDTH, height, x, y, &hit);

  g_assert_cmpint (found, ==, kind != SD_TIMELINE_HIT_NONE);
  g_assert_cmpint (hit.kind, ==, kind);
  g_assert_cmpint (hit.bar, ==, bar);
  if (month >= 0)
    g_assert_cmpint (hit.month, ==, month);
}

/* The column of @month, from the bars that cover it: the middle of a
 * one-month bar is the middle of its month. */
static double
month_centre (const SdTimelineModel *model,
              const SdTimelineStyle *style,
              double                 height,
              int                    month)
{
  cairo_rectangle_t year;

  /* Bar 1 spans the year: its ends are those of January and December. */
  g_assert_true (sd_timeline_get_bar_rect (model, style, WIDTH, height, 1, &year));
  return year.x + (year.width / 12) * (month - 0.5);
}

static void
check_hits (gboolean titles_in_bars)
{
  SdTimelineModel model;
  SdTimelineStyle style;
  double height;
  cairo_rectangle_t previous = { 0 };

  model_init (&model);
  sd_timeline_style_init_default (&style, FALSE);
  style.show_titles_in_bars = titles_in_bars;
  height = sd_timeline_get_height (&model, &style, WIDTH);

  for (guint i = 0; i < model.n_bars; i++)
    {
      cairo_rectangle_t rect;
      double mid_y;

      g_assert_true (sd_timeline_get_bar_rect (&model, &style, WIDTH, height, i, &rect));
      g_assert_cmpfloat (rect.width, >, 20);
      g_assert_cmpfloat (rect.height, >, 4);
      /* Bars go down the page in their order. */
      g_assert_cmpfloat (rect.y, >, previous.y);
      previous = rect;

      mid_y = rect.y + rect.height / 2;
      assert_hit (&model, &style, height, rect.x + rect.width / 2, mid_y,
                  SD_TIMELINE_HIT_BAR, (int) i, -1);
      assert_hit (&model, &style, height, rect.x + 1, mid_y, SD_TIMELINE_HIT_BAR_START,
                  (int) i, bars[i].start_month);
      assert_hit (&model, &style, height, rect.x + rect.width - 1, mid_y,
                  SD_TIMELINE_HIT_BAR_END, (int) i, bars[i].end_month);
      /* The ends reach a few pixels beyond the bar, to grab it easily. */
      assert_hit (&model, &style, height, rect.x - 4, mid_y, SD_TIMELINE_HIT_BAR_START,
                  (int) i, -1);
      assert_hit (&model, &style, height, rect.x + rect.width + 4, mid_y,
                  SD_TIMELINE_HIT_BAR_END, (int) i, -1);
    }

  /* Bar 3 is January only: the middle of March in its row is empty. */
  {
    cairo_rectangle_t rect;

    g_assert_true (sd_timeline_get_bar_rect (&model, &style, WIDTH, height, 3, &rect));
    assert_hit (&model, &style, height, month_centre (&model, &style, height, 3),
                rect.y + rect.height / 2, SD_TIMELINE_HIT_MONTH, -1, 3);
    /* Bar 5 runs from March to May: September in its row is empty. */
    g_assert_true (sd_timeline_get_bar_rect (&model, &style, WIDTH, height, 5, &rect));
    assert_hit (&model, &style, height, month_centre (&model, &style, height, 9),
                rect.y + rect.height / 2, SD_TIMELINE_HIT_MONTH, -1, 9);
    /* The header row: the month under the point. */
    assert_hit (&model, &style, height, month_centre (&model, &style, height, 11), 3,
                SD_TIMELINE_HIT_MONTH, -1, 11);
    /* Outside the timeline. */
    assert_hit (&model, &style, height, 10, height + 50, SD_TIMELINE_HIT_NONE, -1, 0);
    assert_hit (&model, &style, height, -5, 10, SD_TIMELINE_HIT_NONE, -1, 0);
  }

  /* Every month column, in the row of the stream without bars. */
  {
    cairo_rectangle_t last_of_rules, first_of_inspection;
    double y;

    g_assert_true (sd_timeline_get_bar_rect (&model, &style, WIDTH, height, 4,
                                             &last_of_rules));
    g_assert_true (sd_timeline_get_bar_rect (&model, &style, WIDTH, height, 5,
                                             &first_of_inspection));
    /* Between them: the headings of the empty stream and of the next one. */
    g_assert_cmpfloat (first_of_inspection.y - last_of_rules.y, >, 2.5 * last_of_rules.height);
    y = last_of_rules.y + last_of_rules.height * 1.8;
    for (int month = 1; month <= 12; month++)
      assert_hit (&model, &style, height, month_centre (&model, &style, height, month), y,
                  SD_TIMELINE_HIT_MONTH, -1, month);
  }

  /* With titles in a left column, a click on a title is a click on its bar. */
  if (!titles_in_bars)
    {
      cairo_rectangle_t rect;

      g_assert_true (sd_timeline_get_bar_rect (&model, &style, WIDTH, height, 2, &rect));
      assert_hit (&model, &style, height, 12, rect.y + rect.height / 2, SD_TIMELINE_HIT_BAR,
                  2, 0);
    }
}

static void
test_hit_titles_in_column (void)
{
  check_hits (FALSE);
}

static void
test_hit_titles_in_bars (void)
{
  check_hits (TRUE);
}

/* A narrow bar keeps a middle to click on. */
static void
test_hit_narrow (void)
{
  SdTimelineModel model;
  SdTimelineStyle style;
  SdTimelineHit hit;
  cairo_rectangle_t rect;
  double width = 260, height;

  model_init (&model);
  sd_timeline_style_init_default (&style, FALSE);
  height = sd_timeline_get_height (&model, &style, width);
  g_assert_true (sd_timeline_get_bar_rect (&model, &style, width, height, 3, &rect));
  g_assert_cmpfloat (rect.width, <, 15);
  g_assert_true (sd_timeline_hit_test (&model, &style, width, height, rect.x + rect.width / 2,
                                       rect.y + rect.height / 2, &hit));
  g_assert_cmpint (hit.kind, ==, SD_TIMELINE_HIT_BAR);
  g_assert_cmpint (hit.bar, ==, 3);
}

static void
test_height (void)
{
  SdTimelineModel model;
  SdTimelineStyle style;
  double previous = 0;

  model_init (&model);
  sd_timeline_style_init_default (&style, FALSE);

  for (guint n = 0; n <= G_N_ELEMENTS (bars); n++)
    {
      double height;

      model.n_bars = n;
      height = sd_timeline_get_height (&model, &style, WIDTH);
      g_assert_cmpfloat (height, >, previous);
      previous = height;
    }

  /* A larger row height makes it taller still, and so does every stream. */
  style.row_height = 40;
  g_assert_cmpfloat (sd_timeline_get_height (&model, &style, WIDTH), >, previous);
  previous = sd_timeline_get_height (&model, &style, WIDTH);
  model.n_streams--;
  g_assert_cmpfloat (sd_timeline_get_height (&model, &style, WIDTH), <, previous);
}

typedef struct
{
  guint8 red, green, blue;
} Pixel;

static Pixel
get_pixel (cairo_surface_t *surface,
           double           x,
           double           y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int px = (int) floor (x), py = (int) floor (y);
  guint32 argb;

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (surface));

  /* Premultiplied, but the background is opaque. */
  argb = *(const guint32 *) (data + py * stride + px * 4);
  return (Pixel) { (argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff };
}

static gboolean
pixel_near (Pixel          p,
            const SdColor *color,
            int            tolerance)
{
  return abs (p.red - (int) round (color->red * 255)) <= tolerance
         && abs (p.green - (int) round (color->green * 255)) <= tolerance
         && abs (p.blue - (int) round (color->blue * 255)) <= tolerance;
}

static void
assert_pixel (cairo_surface_t *surface,
              double           x,
              double           y,
              const SdColor   *color,
              int              tolerance)
{
  Pixel p = get_pixel (surface, x, y);

  if (!pixel_near (p, color, tolerance))
    g_error ("pixel at %.1f, %.1f is #%02x%02x%02x, expected #%02x%02x%02x", x, y,
             p.red, p.green, p.blue, (int) round (color->red * 255),
             (int) round (color->green * 255), (int) round (color->blue * 255));
}

/* A point of a bar's fill clear of its text, marks and rounded corners:
 * near its right end, half-way down. */
#define FILL_X(rect) ((rect).x + (rect).width - 2.5)
#define FILL_Y(rect) ((rect).y + (rect).height / 2)

static cairo_surface_t *
render (const SdTimelineModel *model,
        const SdTimelineStyle *style,
        double                 height)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, (int) ceil (height));
  cr = cairo_create (surface);
  sd_timeline_draw (cr, WIDTH, height, model, style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
check_draw (gboolean dark,
            gboolean titles_in_bars)
{
  SdTimelineModel model;
  SdTimelineStyle style;
  cairo_surface_t *surface;
  cairo_rectangle_t rect;
  double height;

  model_init (&model);
  model.today_month = 7;
  model.today_fraction = 0.5;
  model.selected_bar = 5;
  sd_timeline_style_init_default (&style, dark);
  style.show_titles_in_bars = titles_in_bars;
  height = sd_timeline_get_height (&model, &style, WIDTH);
  surface = render (&model, &style, height);

  /* The background around the bars. */
  assert_pixel (surface, WIDTH - 2, height - 2, &style.background, 0);

  /* Bar 1 (in progress, 50 %): its status colour on the right, a darker
   * part on the left. */
  g_assert_true (sd_timeline_get_bar_rect (&model, &style, WIDTH, height, 1, &rect));
  assert_pixel (surface, FILL_X (rect), FILL_Y (rect), &style.status[1], 1);
  {
    /* Left of where a title in the bar starts. */
    Pixel left = get_pixel (surface, rect.x + 1.2, FILL_Y (rect));

    g_assert_false (pixel_near (left, &style.status[1], 16));
    g_assert_cmpint (left.red + left.green + left.blue, <,
                     (int) ((style.status[1].red + style.status[1].green
                             + style.status[1].blue) * 255));
  }

  /* Bar 0 is done, bar 3 planned, bar 4 cancelled: each in its colour. */
  g_assert_true (sd_timeline_get_bar_rect (&model, &style, WIDTH, height, 0, &rect));
  assert_pixel (surface, FILL_X (rect), FILL_Y (rect), &style.status[2], 1);
  g_assert_true (sd_timeline_get_bar_rect (&model, &style, WIDTH, height, 3, &rect));
  assert_pixel (surface, FILL_X (rect), FILL_Y (rect), &style.status[0], 1);
  g_assert_true (sd_timeline_get_bar_rect (&model, &style, WIDTH, height, 4, &rect));
  assert_pixel (surface, FILL_X (rect), FILL_Y (rect), &style.status[3], 1);

  /* Bar 2 is late: a red outline. */
  g_assert_true (sd_timeline_get_bar_rect (&model, &style, WIDTH, height, 2, &rect));
  assert_pixel (surface, rect.x + rect.width * 0.4, rect.y + 0.5, &style.late, 1);

  /* Bar 5 is selected: a ring outside it. */
  g_assert_true (sd_timeline_get_bar_rect (&model, &style, WIDTH, height, 5, &rect));
  assert_pixel (surface, rect.x + rect.width * 0.5, rect.y - 2.5, &style.selection, 1);

  /* Today's line, halfway through July, in a row where no bar is: the
   * middle of the last bar's row. */
  {
    cairo_rectangle_t year;
    double x;

    g_assert_true (sd_timeline_get_bar_rect (&model, &style, WIDTH, height, 1, &year));
    x = year.x + year.width / 12 * 6.5;
    assert_pixel (surface, x, rect.y + rect.height / 2, &style.today, 24);
  }

  cairo_surface_destroy (surface);
}

static void
test_draw_light (void)
{
  check_draw (FALSE, FALSE);
}

static void
test_draw_dark (void)
{
  check_draw (TRUE, FALSE);
}

static void
test_draw_titles_in_bars (void)
{
  check_draw (FALSE, TRUE);
}

/* 2,000 bars in a view that shows a few of them: only the clip is drawn,
 * and it is drawn where hit-testing says. */
static void
test_draw_large_clipped (void)
{
  const guint n_bars = 2000;
  g_autofree SdTimelineBar *many = g_new0 (SdTimelineBar, n_bars);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  SdTimelineModel model;
  SdTimelineStyle style;
  cairo_surface_t *surface;
  cairo_rectangle_t rect;
  cairo_t *cr;
  double height, top = 20000, view = 400;
  guint probe = 0;
  gint64 start;

  for (guint i = 0; i < n_bars; i++)
    {
      char *title = g_strdup_printf ("任务 %u", i);

      g_ptr_array_add (titles, title);
      many[i] = (SdTimelineBar) { title, 1 + i % 12, 1 + i % 12 + (i / 12) % (12 - i % 12),
                                  (SdTimelineStatus) (i % 4), (int) (i % 101), i % 7 == 0,
                                  i % 5 == 0, (int) (i * G_N_ELEMENTS (streams) / n_bars) };
    }
  model_init (&model);
  model.bars = many;
  model.n_bars = n_bars;
  sd_timeline_style_init_default (&style, FALSE);
  height = sd_timeline_get_height (&model, &style, WIDTH);
  g_assert_cmpfloat (height, >, top + view);

  /* A bar of the planned colour inside the view. */
  for (guint i = 0; i < n_bars; i++)
    {
      g_assert_true (sd_timeline_get_bar_rect (&model, &style, WIDTH, height, i, &rect));
      /* The right end of a bar shows its status colour unless its
       * progress is nearly complete. */
      if (rect.y > top + 100 && rect.y < top + view - 50
          && many[i].status == SD_TIMELINE_PLANNED && many[i].progress < 90 && !many[i].late)
        {
          probe = i;
          break;
        }
    }
  g_assert_cmpuint (probe, >, 0);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, (int) view);
  cr = cairo_create (surface);
  cairo_translate (cr, 0, -top);
  start = g_get_monotonic_time ();
  sd_timeline_draw (cr, WIDTH, height, &model, &style);
  g_test_message ("drew %.0f px of 2,000 bars in %.2f ms", view,
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  assert_pixel (surface, FILL_X (rect), FILL_Y (rect) - top, &style.status[0], 1);
  cairo_surface_destroy (surface);
}

/* Bars whose stream is not one of the model's still get a row. */
static void
test_stray_stream (void)
{
  SdTimelineBar stray[] = {
    { "甲", 1, 2, SD_TIMELINE_PLANNED, 0, FALSE, FALSE, 7 },
    { "乙", 3, 4, SD_TIMELINE_PLANNED, 0, FALSE, FALSE, -1 },
    { "丙", 5, 6, SD_TIMELINE_DONE, 100, FALSE, FALSE, 0 },
  };
  SdTimelineModel model;
  SdTimelineStyle style;
  double height;

  model_init (&model);
  model.bars = stray;
  model.n_bars = G_N_ELEMENTS (stray);
  sd_timeline_style_init_default (&style, FALSE);
  height = sd_timeline_get_height (&model, &style, WIDTH);

  for (guint i = 0; i < model.n_bars; i++)
    {
      cairo_rectangle_t rect;

      g_assert_true (sd_timeline_get_bar_rect (&model, &style, WIDTH, height, i, &rect));
      g_assert_cmpfloat (rect.y + rect.height, <=, height);
      assert_hit (&model, &style, height, rect.x + rect.width / 2, rect.y + rect.height / 2,
                  SD_TIMELINE_HIT_BAR, (int) i, -1);
    }
  {
    cairo_rectangle_t none;

    g_assert_false (sd_timeline_get_bar_rect (&model, &style, WIDTH, height, 3, &none));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline/hit/titles-in-column", test_hit_titles_in_column);
  g_test_add_func ("/timeline/hit/titles-in-bars", test_hit_titles_in_bars);
  g_test_add_func ("/timeline/hit/narrow", test_hit_narrow);
  g_test_add_func ("/timeline/height", test_height);
  g_test_add_func ("/timeline/draw/light", test_draw_light);
  g_test_add_func ("/timeline/draw/dark", test_draw_dark);
  g_test_add_func ("/timeline/draw/titles-in-bars", test_draw_titles_in_bars);
  g_test_add_func ("/timeline/draw/large-clipped", test_draw_large_clipped);
  g_test_add_func ("/timeline/stray-stream", test_stray_stream);

  return g_test_run ();
}
