/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "test-heatmap-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <glib.h>

#include "sd-risk-matrix.h"
#include "sd-heatmap.h"

#define SIZE 600

typedef struct
{
  guint8 red, green, blue, alpha;
} Pixel;

static cairo_surface_t *
render (const SdHeatmapModel *model,
        const SdHeatmapStyle *style,
        int                   width,
        int                   height)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  sd_heatmap_draw (cr, width, height, model, style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static Pixel
get_pixel (cairo_surface_t *surface,
           int              x,
           int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 argb;
  Pixel p;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  /* ARGB32 is premultiplied and native-endian; the tests draw on an opaque
   * background, so the channels are the colour itself. */
  argb = *(const guint32 *) (data + y * stride + x * 4);
  p.alpha = argb >> 24;
  p.red = (argb >> 16) & 0xff;
  p.green = (argb >> 8) & 0xff;
  p.blue = argb & 0xff;

  return p;
}

static void
assert_pixel_is (cairo_surface_t *surface,
                 int              x,
                 int              y,
                 const SdColor   *color)
{
  Pixel p = get_pixel (surface, x, y);
  int r = (int) round (color->red * 255);
  int g = (int) round (color->green * 255);
  int b = (int) round (color->blue * 255);

  if (ABS (p.red - r) > 2 || ABS (p.green - g) > 2 || ABS (p.blue - b) > 2 || p.alpha != 255)
    g_error ("pixel (%d, %d) is #%02x%02x%02x/%u, expected #%02x%02x%02x",
             x, y, p.red, p.green, p.blue, p.alpha, r, g, b);
}

/* A point in the cell well away from its text (the count is in the middle,
 * the zone label along the bottom) and from its rounded corners. */
static void
cell_sample_point (const SdHeatmapModel *model,
                   int                   width,
                   int                   height,
                   int                   likelihood,
                   int                   impact,
                   int                  *x,
                   int                  *y)
{
  cairo_rectangle_t rect;

  g_assert_true (sd_heatmap_get_cell_rect (model, width, height, likelihood, impact, &rect));
  *x = (int) ceil (rect.x + rect.width / 4);
  *y = (int) ceil (rect.y + 3);
}

static void
fill_counts (SdHeatmapModel *model)
{
  for (int l = 1; l <= model->size; l++)
    for (int i = 1; i <= model->size; i++)
      model->counts[l - 1][i - 1] = (l * 7 + i * 3) % 5 == 0 ? 0 : (guint) (l * i * 3 + i);
}

static void
test_default_zones (void)
{
  g_assert_cmpint (sd_risk_score (3, 4), ==, 12);
  g_assert_cmpint (sd_risk_default_zone (1, 1), ==, SD_ZONE_LOW);
  g_assert_cmpint (sd_risk_default_zone (1, 4), ==, SD_ZONE_LOW);
  g_assert_cmpint (sd_risk_default_zone (5, 1), ==, SD_ZONE_MEDIUM);
  g_assert_cmpint (sd_risk_default_zone (3, 3), ==, SD_ZONE_MEDIUM);
  g_assert_cmpint (sd_risk_default_zone (5, 2), ==, SD_ZONE_HIGH);
  g_assert_cmpint (sd_risk_default_zone (2, 5), ==, SD_ZONE_HIGH);
  g_assert_cmpint (sd_risk_default_zone (3, 5), ==, SD_ZONE_MAJOR);
  g_assert_cmpint (sd_risk_default_zone (5, 5), ==, SD_ZONE_MAJOR);

  for (int z = 0; z < SD_N_ZONES; z++)
    g_assert_nonnull (sd_zone_get_label (z));
  for (int level = 1; level <= 5; level++)
    {
      g_assert_nonnull (sd_risk_likelihood_label (level));
      g_assert_nonnull (sd_risk_impact_label (level));
    }
}

static void
test_cell_colors (void)
{
  static const struct { int l, i; SdZone zone; } cases[] = {
    { 1, 1, SD_ZONE_LOW },
    { 5, 5, SD_ZONE_MAJOR },
    { 2, 3, SD_ZONE_MEDIUM },
    { 3, 4, SD_ZONE_HIGH },
    { 4, 4, SD_ZONE_MAJOR },
    { 1, 4, SD_ZONE_LOW },
    { 5, 2, SD_ZONE_HIGH },
  };

  for (int dark = 0; dark <= 1; dark++)
    {
      SdHeatmapModel model;
      SdHeatmapStyle style;
      cairo_surface_t *surface;

      sd_heatmap_model_init_default (&model);
      fill_counts (&model);
      sd_heatmap_style_init_default (&style, dark);
      surface = render (&model, &style, SIZE, SIZE);

      for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
        {
          int x, y;

          g_assert_cmpint (model.zones[cases[k].l - 1][cases[k].i - 1], ==, cases[k].zone);
          cell_sample_point (&model, SIZE, SIZE, cases[k].l, cases[k].i, &x, &y);
          assert_pixel_is (surface, x, y, &style.zone[cases[k].zone]);
        }

      /* The top-left corner is margin: background. */
      assert_pixel_is (surface, 1, 1, &style.background);

      cairo_surface_destroy (surface);
    }
}

static double
linear (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const SdColor *c)
{
  return 0.2126 * linear (c->red) + 0.7152 * linear (c->green) + 0.0722 * linear (c->blue);
}

static void
test_text_contrast (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      SdHeatmapStyle style;

      sd_heatmap_style_init_default (&style, dark);
      for (int z = 0; z < SD_N_ZONES; z++)
        {
          double a = luminance (&style.zone[z]), b = luminance (&style.zone_text[z]);
          double ratio = (MAX (a, b) + 0.05) / (MIN (a, b) + 0.05);

          g_test_message ("%s zone %d: contrast %.2f", dark ? "dark" : "light", z, ratio);
          g_assert_cmpfloat (ratio, >=, 4.5);
        }
    }
}

static void
test_selection (void)
{
  SdHeatmapModel model;
  SdHeatmapStyle style;
  cairo_surface_t *surface;
  cairo_rectangle_t rect;

  sd_heatmap_model_init_default (&model);
  sd_heatmap_style_init_default (&style, FALSE);
  model.selected_likelihood = 3;
  model.selected_impact = 3;
  surface = render (&model, &style, SIZE, SIZE);

  g_assert_true (sd_heatmap_get_cell_rect (&model, SIZE, SIZE, 3, 3, &rect));
  /* The outline runs along the cell's edge; its neighbour stays unmarked. */
  assert_pixel_is (surface, (int) (rect.x + rect.width / 2), (int) rect.y + 1,
                   &style.selection);
  g_assert_true (sd_heatmap_get_cell_rect (&model, SIZE, SIZE, 3, 2, &rect));
  assert_pixel_is (surface, (int) (rect.x + rect.width / 2), (int) rect.y + 1,
                   &style.zone[model.zones[2][1]]);

  cairo_surface_destroy (surface);
}

static void
check_lookup (const SdHeatmapModel *model,
              int                   width,
              int                   height)
{
  int l, i;

  for (int likelihood = 1; likelihood <= model->size; likelihood++)
    for (int impact = 1; impact <= model->size; impact++)
      {
        cairo_rectangle_t rect;

        g_assert_true (sd_heatmap_get_cell_rect (model, width, height, likelihood, impact, &rect));
        l = i = -1;
        g_assert_true (sd_heatmap_lookup (model, width, height,
                                          rect.x + rect.width / 2, rect.y + rect.height / 2,
                                          &l, &i));
        g_assert_cmpint (l, ==, likelihood);
        g_assert_cmpint (i, ==, impact);

        /* Corners of the cell, just inside, too. */
        g_assert_true (sd_heatmap_lookup (model, width, height, rect.x + 0.5, rect.y + 0.5,
                                          &l, &i));
        g_assert_cmpint (l, ==, likelihood);
        g_assert_cmpint (i, ==, impact);
        g_assert_true (sd_heatmap_lookup (model, width, height, rect.x + rect.width - 0.5,
                                          rect.y + rect.height - 0.5, &l, &i));
        g_assert_cmpint (l, ==, likelihood);
        g_assert_cmpint (i, ==, impact);
      }

  /* Margins: the title corner, the far corner, left of and under the grid. */
  g_assert_false (sd_heatmap_lookup (model, width, height, 2, 2, &l, &i));
  g_assert_false (sd_heatmap_lookup (model, width, height, width - 1, height - 1, &l, &i));
  {
    cairo_rectangle_t first;

    g_assert_true (sd_heatmap_get_cell_rect (model, width, height, 1, 1, &first));
    g_assert_false (sd_heatmap_lookup (model, width, height, first.x - 10,
                                       first.y + first.height / 2, &l, &i));
    g_assert_false (sd_heatmap_lookup (model, width, height, first.x + first.width / 2,
                                       first.y + first.height + 10, &l, &i));
  }
  g_assert_false (sd_heatmap_lookup (model, 0, 0, 0, 0, &l, &i));
}

static void
test_lookup (void)
{
  SdHeatmapModel model;

  sd_heatmap_model_init_default (&model);
  check_lookup (&model, SIZE, SIZE);
  check_lookup (&model, 1280, 720);
  check_lookup (&model, 300, 900);
}

/* Counts the pixels that differ between two same-sized surfaces, and their
 * bounding box. */
static guint
count_differences (cairo_surface_t   *a,
                   cairo_surface_t   *b,
                   cairo_rectangle_t *bounds)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  int x0 = width, y0 = height, x1 = -1, y1 = -1;
  guint n = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        Pixel p = get_pixel (a, x, y), q = get_pixel (b, x, y);

        if (p.red != q.red || p.green != q.green || p.blue != q.blue || p.alpha != q.alpha)
          {
            n++;
            x0 = MIN (x0, x);
            y0 = MIN (y0, y);
            x1 = MAX (x1, x);
            y1 = MAX (y1, y);
          }
      }

  bounds->x = x0;
  bounds->y = y0;
  bounds->width = x1 - x0 + 1;
  bounds->height = y1 - y0 + 1;
  return n;
}

static const char * const chinese_likelihood[] = { "极不可能", "不太可能", "可能", "很可能", "几乎确定" };
static const char * const chinese_impact[] = { "可忽略", "轻微", "中等", "重大", "严重" };

static void
set_chinese (SdHeatmapModel *model,
             gboolean        titles,
             gboolean        labels)
{
  model->likelihood_title = titles ? "可能性" : "";
  model->impact_title = titles ? "影响程度" : "";
  for (int k = 0; k < SD_MATRIX_MAX_SIZE; k++)
    {
      model->likelihood_labels[k] = labels ? chinese_likelihood[k] : "";
      model->impact_labels[k] = labels ? chinese_impact[k] : "";
    }
}

static void
test_chinese (void)
{
  SdHeatmapModel model;
  SdHeatmapStyle style;
  cairo_surface_t *full, *no_titles, *nothing;
  cairo_rectangle_t first, bounds;
  guint n;

  sd_heatmap_style_init_default (&style, FALSE);

  /* No tofu: the font set-up of the heat map has glyphs for the Chinese
   * text, and the check does notice characters it has no glyph for. */
  g_assert_cmpint (sd_heatmap_count_unknown_glyphs ("可能性", &style), ==, 0);
  g_assert_cmpint (sd_heatmap_count_unknown_glyphs ("影响程度", &style), ==, 0);
  for (int k = 0; k < SD_MATRIX_MAX_SIZE; k++)
    {
      g_assert_cmpint (sd_heatmap_count_unknown_glyphs (chinese_likelihood[k], &style), ==, 0);
      g_assert_cmpint (sd_heatmap_count_unknown_glyphs (chinese_impact[k], &style), ==, 0);
    }
  g_assert_cmpint (sd_heatmap_count_unknown_glyphs ("\xf3\xbf\xbf\xbd\xf3\xbf\xbf\xbc", &style),
                   ==, 2);

  sd_heatmap_model_init_default (&model);
  fill_counts (&model);

  set_chinese (&model, TRUE, TRUE);
  full = render (&model, &style, SIZE, SIZE);
  if (g_getenv ("SD_HEATMAP_PNG") != NULL)
    g_assert_cmpint (cairo_surface_write_to_png (full, g_getenv ("SD_HEATMAP_PNG")), ==,
                     CAIRO_STATUS_SUCCESS);
  set_chinese (&model, FALSE, TRUE);
  no_titles = render (&model, &style, SIZE, SIZE);
  set_chinese (&model, FALSE, FALSE);
  nothing = render (&model, &style, SIZE, SIZE);

  g_assert_true (sd_heatmap_get_cell_rect (&model, SIZE, SIZE, 1, 1, &first));

  /* The titles leave marks, and only outside the grid: left of it or
   * under it. */
  n = count_differences (full, no_titles, &bounds);
  g_test_message ("titles: %u pixels differ", n);
  g_assert_cmpuint (n, >, 300);
  g_assert_true (bounds.x < first.x);
  g_assert_true (bounds.y + bounds.height > first.y + first.height);

  /* So do the axis labels. */
  n = count_differences (no_titles, nothing, &bounds);
  g_test_message ("labels: %u pixels differ", n);
  g_assert_cmpuint (n, >, 1000);

  cairo_surface_destroy (full);
  cairo_surface_destroy (no_titles);
  cairo_surface_destroy (nothing);
}

static void
test_small_matrix (void)
{
  SdHeatmapModel model;
  SdHeatmapStyle style;
  cairo_surface_t *surface;
  gboolean seen[3][3] = { { FALSE } };

  memset (&model, 0, sizeof model);
  model.size = 3;
  for (int l = 1; l <= 3; l++)
    for (int i = 1; i <= 3; i++)
      {
        int score = l * i;

        model.zones[l - 1][i - 1] = score >= 6 ? SD_ZONE_MAJOR
                                    : score >= 4 ? SD_ZONE_HIGH
                                    : score >= 2 ? SD_ZONE_MEDIUM
                                    : SD_ZONE_LOW;
        model.counts[l - 1][i - 1] = l + i;
      }

  sd_heatmap_style_init_default (&style, TRUE);
  surface = render (&model, &style, 400, 300);

  for (int y = 0; y < 300; y += 3)
    for (int x = 0; x < 400; x += 3)
      {
        int l, i;

        if (sd_heatmap_lookup (&model, 400, 300, x, y, &l, &i))
          {
            g_assert_cmpint (l, >=, 1);
            g_assert_cmpint (l, <=, 3);
            g_assert_cmpint (i, >=, 1);
            g_assert_cmpint (i, <=, 3);
            seen[l - 1][i - 1] = TRUE;
          }
      }
  for (int l = 0; l < 3; l++)
    for (int i = 0; i < 3; i++)
      g_assert_true (seen[l][i]);

  check_lookup (&model, 400, 300);
  cairo_surface_destroy (surface);
}

static void
test_extremes (void)
{
  SdHeatmapModel model;
  SdHeatmapStyle style;
  cairo_surface_t *surface;

  sd_heatmap_model_init_default (&model);
  fill_counts (&model);
  model.counts[4][4] = 123456;
  sd_heatmap_style_init_default (&style, FALSE);

  /* A thumbnail, a projector with big text, and nothing at all. */
  cairo_surface_destroy (render (&model, &style, 48, 48));
  style.font_scale = 1.5;
  cairo_surface_destroy (render (&model, &style, 1920, 1080));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  {
    cairo_t *cr = cairo_create (surface);

    sd_heatmap_draw (cr, 0, 0, &model, &style);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
  }
  cairo_surface_destroy (surface);
}

/* Markers. */

#define N_MARKERS 52

typedef struct
{
  SdHeatmapModel  model;
  SdHeatmapMarker markers[N_MARKERS];
  char            codes[N_MARKERS][16];
  guint           cells[SD_MATRIX_MAX_SIZE][SD_MATRIX_MAX_SIZE][N_MARKERS];
} Markers;

/* 3 markers in (1, 1), 1 in (3, 4), 4 in (2, 2) and 44 in (5, 5): a cell
 * too crowded for all of them. Every path ends in (1, 1). */
static void
markers_init (Markers *m)
{
  static const struct { int l, i, n; } groups[] = {
    { 1, 1, 3 }, { 3, 4, 1 }, { 2, 2, 4 }, { 5, 5, 44 },
  };
  guint k = 0;

  memset (m, 0, sizeof *m);
  sd_heatmap_model_init_default (&m->model);
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (int j = 0; j < groups[g].n; j++, k++)
      {
        SdHeatmapMarker *marker = &m->markers[k];
        int l = groups[g].l, i = groups[g].i;
        guint *n = &m->model.counts[l - 1][i - 1];

        g_snprintf (m->codes[k], sizeof m->codes[k], "R-%03u", k + 1);
        marker->code = m->codes[k];
        marker->likelihood = l;
        marker->impact = i;
        marker->zone = m->model.zones[l - 1][i - 1];
        marker->path_likelihood[0] = l;
        marker->path_impact[0] = i;
        marker->path_likelihood[1] = MAX (l - 1, 1);
        marker->path_impact[1] = i;
        marker->path_likelihood[2] = 1;
        marker->path_impact[2] = 1;
        m->cells[l - 1][i - 1][(*n)++] = k;
        m->model.cell_markers[l - 1][i - 1] = m->cells[l - 1][i - 1];
      }
  g_assert_cmpuint (k, ==, N_MARKERS);
  m->model.markers = m->markers;
  m->model.n_markers = N_MARKERS;
}

static void
test_model_defaults (void)
{
  SdHeatmapModel model;

  memset (&model, 0x55, sizeof model);
  sd_heatmap_model_init_default (&model);
  g_assert_cmpint (model.selected_marker, ==, -1);
  g_assert_cmpint (model.hover_marker, ==, -1);
  g_assert_cmpint (model.drag_marker, ==, -1);
  g_assert_null (model.markers);
  g_assert_cmpuint (model.n_markers, ==, 0);
  g_assert_false (model.show_arrows);
  g_assert_cmpint (model.expanded_likelihood, ==, 0);
}

static gboolean
rect_inside (const cairo_rectangle_t *inner,
             const cairo_rectangle_t *outer)
{
  return inner->x >= outer->x && inner->y >= outer->y
         && inner->x + inner->width <= outer->x + outer->width
         && inner->y + inner->height <= outer->y + outer->height;
}

static gboolean
rects_overlap (const cairo_rectangle_t *a,
               const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

static void
assert_hit (const SdHeatmapModel *model,
            const SdHeatmapStyle *style,
            int                   width,
            int                   height,
            double                x,
            double                y,
            SdHeatmapHitKind      kind,
            int                   likelihood,
            int                   impact,
            int                   marker)
{
  SdHeatmapHit hit;
  gboolean found = sd_heatmap_hit_test (model, style, width, height, x, y, &hit);

  if (hit.kind != kind || found != (kind != SD_HEATMAP_HIT_NONE)
      || (kind != SD_HEATMAP_HIT_NONE
          && (hit.likelihood != likelihood || hit.impact != impact))
      || hit.marker != marker)
    g_error ("(%g, %g) in %d×%d: hit %d (%d, %d) marker %d; expected %d (%d, %d) marker %d",
             x, y, width, height, hit.kind, hit.likelihood, hit.impact, hit.marker,
             kind, likelihood, impact, marker);
}

/* Every marker drawn is hit at its centre, markers do not overlap and
 * stay in their cell, the crowded cell has a "+N" for the rest, and
 * points off the map hit nothing. */
static void
check_marker_hits (Markers              *m,
                   const SdHeatmapStyle *style,
                   int                   width,
                   int                   height,
                   guint                 n_sure)
{
  const SdHeatmapModel *model = &m->model;
  cairo_rectangle_t rects[N_MARKERS];
  gboolean shown[N_MARKERS];
  guint n_shown_crowded = 0;
  gboolean more = FALSE;
  cairo_rectangle_t cell;
  double step;

  for (guint k = 0; k < N_MARKERS; k++)
    {
      const SdHeatmapMarker *marker = &m->markers[k];

      shown[k] = sd_heatmap_get_marker_rect (model, style, width, height, k, &rects[k]);
      if (!shown[k])
        continue;

      g_assert_true (sd_heatmap_get_cell_rect (model, width, height, marker->likelihood,
                                               marker->impact, &cell));
      g_assert_true (rect_inside (&rects[k], &cell));
      assert_hit (model, style, width, height, rects[k].x + rects[k].width / 2,
                  rects[k].y + rects[k].height / 2, SD_HEATMAP_HIT_MARKER,
                  marker->likelihood, marker->impact, k);
      for (guint j = 0; j < k; j++)
        if (shown[j])
          g_assert_false (rects_overlap (&rects[j], &rects[k]));
      if (marker->likelihood == 5)
        n_shown_crowded++;
    }

  /* The sparse cells show all their markers, the crowded one some. */
  for (guint k = 0; k < n_sure; k++)
    g_assert_true (shown[k]);
  g_test_message ("%d×%d: %u of 44 markers shown in the crowded cell",
                  width, height, n_shown_crowded);
  g_assert_cmpuint (n_shown_crowded, >=, 1);
  g_assert_cmpuint (n_shown_crowded, <, 43);

  /* The rest are behind a "+N" badge. */
  g_assert_true (sd_heatmap_get_cell_rect (model, width, height, 5, 5, &cell));
  /* The badge ends the last row: look from the bottom up. */
  step = MAX (1.0, cell.width / 80);
  for (double y = cell.y + cell.height - 1; y >= cell.y && !more; y -= step)
    for (double x = cell.x; x < cell.x + cell.width && !more; x += step)
      {
        SdHeatmapHit hit;

        g_assert_true (sd_heatmap_hit_test (model, style, width, height, x, y, &hit));
        g_assert_cmpint (hit.likelihood, ==, 5);
        g_assert_cmpint (hit.impact, ==, 5);
        if (hit.kind == SD_HEATMAP_HIT_MARKER)
          g_assert_cmpint (m->markers[hit.marker].likelihood, ==, 5);
        more = hit.kind == SD_HEATMAP_HIT_MORE;
        if (more)
          g_assert_cmpint (hit.marker, ==, -1);
      }
  g_assert_true (more);

  /* A cell's corner is the cell; so is an empty cell; off the map is
   * nothing. */
  assert_hit (model, style, width, height, cell.x + 1, cell.y + 1, SD_HEATMAP_HIT_CELL,
              5, 5, -1);
  g_assert_true (sd_heatmap_get_cell_rect (model, width, height, 4, 1, &cell));
  assert_hit (model, style, width, height, cell.x + cell.width / 2, cell.y + cell.height / 2,
              SD_HEATMAP_HIT_CELL, 4, 1, -1);
  assert_hit (model, style, width, height, 1, 1, SD_HEATMAP_HIT_NONE, 0, 0, -1);
  assert_hit (model, style, width, height, width - 1, height - 1, SD_HEATMAP_HIT_NONE,
              0, 0, -1);
  g_assert_true (sd_heatmap_get_cell_rect (model, width, height, 1, 1, &cell));
  assert_hit (model, style, width, height, cell.x - 10, cell.y + cell.height / 2,
              SD_HEATMAP_HIT_NONE, 0, 0, -1);
}

static void
test_marker_hits (void)
{
  Markers m;
  SdHeatmapStyle style;

  markers_init (&m);
  sd_heatmap_style_init_default (&style, FALSE);
  check_marker_hits (&m, &style, 800, 600, 8);
  check_marker_hits (&m, &style, 1280, 720, 8);
  check_marker_hits (&m, &style, 3840, 2160, 8);

  /* Workshop mode: text at least 1/40 of the height; the markers grow. */
  style.min_text_px = 720 / 40.0;
  style.high_contrast = TRUE;
  check_marker_hits (&m, &style, 1280, 720, 4);
  {
    cairo_rectangle_t rect;

    g_assert_true (sd_heatmap_get_marker_rect (&m.model, &style, 1280, 720, 0, &rect));
    g_assert_cmpfloat (rect.height, >=, style.min_text_px * 1.2);
  }

  /* The hit-test does not depend on what is selected or hovered. */
  m.model.selected_marker = 2;
  m.model.hover_marker = 1;
  m.model.selected_likelihood = m.model.selected_impact = 1;
  check_marker_hits (&m, &style, 1280, 720, 4);
}

/* The expanded cell's panel lists all of its markers, each hit at its
 * centre, and the panel's background belongs to the expanded cell. */
static void
test_expanded_panel (void)
{
  Markers m;
  SdHeatmapStyle style;
  cairo_rectangle_t cell, rect, first = { G_MAXDOUBLE, G_MAXDOUBLE, 0, 0 };
  guint outside = 0;
  cairo_surface_t *surface;

  markers_init (&m);
  sd_heatmap_style_init_default (&style, FALSE);
  m.model.expanded_likelihood = 5;
  m.model.expanded_impact = 5;
  g_assert_true (sd_heatmap_get_cell_rect (&m.model, 800, 600, 5, 5, &cell));

  for (guint k = 8; k < N_MARKERS; k++)
    {
      g_assert_true (sd_heatmap_get_marker_rect (&m.model, &style, 800, 600, k, &rect));
      assert_hit (&m.model, &style, 800, 600, rect.x + rect.width / 2,
                  rect.y + rect.height / 2, SD_HEATMAP_HIT_MARKER, 5, 5, k);
      if (!rect_inside (&rect, &cell))
        {
          outside++;
          if (rect.y < first.y || (rect.y == first.y && rect.x < first.x))
            first = rect;
        }
    }
  /* The cell is in the top-right corner: the panel opens to its left. */
  g_assert_cmpuint (outside, >, 0);
  g_assert_cmpfloat (first.x, <, cell.x);

  /* Just outside the panel's first marker, on the panel, over another
   * cell of the map: the expanded cell. */
  assert_hit (&m.model, &style, 800, 600, first.x - 2, first.y - 2, SD_HEATMAP_HIT_CELL,
              5, 5, -1);

  /* It draws, over the map. */
  surface = render (&m.model, &style, 800, 600);
  assert_pixel_is (surface, (int) (first.x - 2), (int) (first.y - 2), &style.background);
  cairo_surface_destroy (surface);

  /* Collapsed, the crowded cell hides some again. */
  m.model.expanded_likelihood = m.model.expanded_impact = 0;
  outside = 0;
  for (guint k = 8; k < N_MARKERS; k++)
    outside += !sd_heatmap_get_marker_rect (&m.model, &style, 800, 600, k, &rect);
  g_assert_cmpuint (outside, >, 0);

  /* A sparse cell expanded keeps its markers where they were. */
  m.model.expanded_likelihood = m.model.expanded_impact = 1;
  for (guint k = 0; k < 3; k++)
    {
      g_assert_true (sd_heatmap_get_marker_rect (&m.model, &style, 800, 600, k, &rect));
      assert_hit (&m.model, &style, 800, 600, rect.x + rect.width / 2,
                  rect.y + rect.height / 2, SD_HEATMAP_HIT_MARKER, 1, 1, k);
    }
}

static void
test_marker_drawing (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      Markers m;
      SdHeatmapStyle style;
      cairo_surface_t *surface;
      cairo_rectangle_t rect, cell;

      markers_init (&m);
      sd_heatmap_style_init_default (&style, dark);
      m.model.selected_marker = 3;      /* the one in (3, 4) */
      surface = render (&m.model, &style, 800, 600);

      /* The zone shows around the markers in every cell. */
      for (int l = 1; l <= 5; l++)
        for (int i = 1; i <= 5; i++)
          {
            int x, y;

            cell_sample_point (&m.model, 800, 600, l, i, &x, &y);
            assert_pixel_is (surface, x, y, &style.zone[m.model.zones[l - 1][i - 1]]);
          }

      /* A marker is a chip of the background colour; the selected one is
       * filled with the selection colour. Sample beside the text. */
      g_assert_true (sd_heatmap_get_marker_rect (&m.model, &style, 800, 600, 0, &rect));
      assert_pixel_is (surface, (int) rect.x + 3, (int) (rect.y + rect.height / 2),
                       &style.background);
      g_assert_true (sd_heatmap_get_marker_rect (&m.model, &style, 800, 600, 3, &rect));
      assert_pixel_is (surface, (int) rect.x + 4, (int) (rect.y + rect.height / 2),
                       &style.selection);

      /* The ghost of a dragged marker shows in the target cell, with a
       * dashed outline around it. */
      m.model.drag_marker = 0;
      m.model.drag_likelihood = 4;
      m.model.drag_impact = 1;
      g_assert_true (sd_heatmap_get_cell_rect (&m.model, 800, 600, 4, 1, &cell));
      {
        cairo_surface_t *dragging = render (&m.model, &style, 800, 600);
        guint changed = 0;

        for (int y = (int) cell.y; y < cell.y + cell.height; y++)
          for (int x = (int) cell.x; x < cell.x + cell.width; x++)
            {
              Pixel p = get_pixel (surface, x, y), q = get_pixel (dragging, x, y);

              changed += p.red != q.red || p.green != q.green || p.blue != q.blue;
            }
        g_test_message ("the ghost changes %u pixels of its cell", changed);
        g_assert_cmpuint (changed, >, cell.width * 4 + 300);
        cairo_surface_destroy (dragging);
      }
      cairo_surface_destroy (surface);
    }
}

static double
contrast (const SdColor *a,
          const SdColor *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* High contrast: every zone fill leaves a text colour with 7:1. */
static void
test_high_contrast (void)
{
  SdColor dark_text = { 0x24 / 255.0, 0x1f / 255.0, 0x31 / 255.0, 1 };
  SdColor white = { 1, 1, 1, 1 };

  for (int dark = 0; dark <= 1; dark++)
    {
      Markers m;
      SdHeatmapStyle style;
      cairo_surface_t *surface;

      markers_init (&m);
      sd_heatmap_style_init_default (&style, dark);
      style.high_contrast = TRUE;
      style.min_text_px = 600 / 40.0;
      surface = render (&m.model, &style, 800, 600);
      for (int l = 1; l <= 5; l++)
        for (int i = 1; i <= 5; i++)
          {
            int x, y;
            Pixel p;
            SdColor fill;

            cell_sample_point (&m.model, 800, 600, l, i, &x, &y);
            p = get_pixel (surface, x, y);
            fill = (SdColor) { p.red / 255.0, p.green / 255.0, p.blue / 255.0, 1 };
            g_assert_cmpfloat (MAX (contrast (&fill, &dark_text), contrast (&fill, &white)),
                               >=, 6.9);
          }
      cairo_surface_destroy (surface);
    }
}

/* Arrows instead of markers: no marker is hit, and the shaft of the
 * arrow from (5, 5) down to (4, 5) is drawn in the foreground colour. */
static void
test_arrows (void)
{
  Markers m;
  SdHeatmapStyle style;
  cairo_surface_t *surface;
  cairo_rectangle_t rect, from, to;
  double x, y;
  Pixel p;

  markers_init (&m);
  sd_heatmap_style_init_default (&style, FALSE);
  g_assert_true (sd_heatmap_get_marker_rect (&m.model, &style, 800, 600, 0, &rect));

  m.model.show_arrows = TRUE;
  assert_hit (&m.model, &style, 800, 600, rect.x + rect.width / 2, rect.y + rect.height / 2,
              SD_HEATMAP_HIT_CELL, 1, 1, -1);
  g_assert_false (sd_heatmap_get_marker_rect (&m.model, &style, 800, 600, 0, &rect));

  surface = render (&m.model, &style, 800, 600);
  g_assert_true (sd_heatmap_get_cell_rect (&m.model, 800, 600, 5, 5, &from));
  g_assert_true (sd_heatmap_get_cell_rect (&m.model, 800, 600, 4, 5, &to));
  /* A quarter of the way down, a little to the arrow's right (screen left). */
  x = from.x + from.width / 2 - (from.width + 1) * 0.07;
  y = from.y + from.height / 2 + (to.y - from.y) * 0.3;
  p = get_pixel (surface, (int) round (x), (int) round (y));
  g_test_message ("arrow pixel #%02x%02x%02x", p.red, p.green, p.blue);
  g_assert_cmpint (MAX (p.red, MAX (p.green, p.blue)), <, 90);
  cairo_surface_destroy (surface);

  /* Thousands of risks cost no more than the cells they move between. */
  {
    g_autofree SdHeatmapMarker *many = g_new0 (SdHeatmapMarker, 5000);

    for (guint k = 0; k < 5000; k++)
      {
        many[k] = m.markers[k % N_MARKERS];
        many[k].path_impact[1] = 1 + k % 5;
      }
    m.model.markers = many;
    m.model.n_markers = 5000;
    cairo_surface_destroy (render (&m.model, &style, 800, 600));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/heatmap/default-zones", test_default_zones);
  g_test_add_func ("/heatmap/cell-colors", test_cell_colors);
  g_test_add_func ("/heatmap/text-contrast", test_text_contrast);
  g_test_add_func ("/heatmap/selection", test_selection);
  g_test_add_func ("/heatmap/lookup", test_lookup);
  g_test_add_func ("/heatmap/chinese", test_chinese);
  g_test_add_func ("/heatmap/small-matrix", test_small_matrix);
  g_test_add_func ("/heatmap/extremes", test_extremes);
  g_test_add_func ("/heatmap/model-defaults", test_model_defaults);
  g_test_add_func ("/heatmap/marker-hits", test_marker_hits);
  g_test_add_func ("/heatmap/expanded-panel", test_expanded_panel);
  g_test_add_func ("/heatmap/marker-drawing", test_marker_drawing);
  g_test_add_func ("/heatmap/high-contrast", test_high_contrast);
  g_test_add_func ("/heatmap/arrows", test_arrows);

  return g_test_run ();
}
