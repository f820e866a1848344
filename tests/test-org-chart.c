/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "test-org-chart"

#include "config.h"

#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "sd-body.h"
#include "sd-demo.h"
#include "sd-org-chart.h"
#include "sd-post.h"

/* Geometry is compared with this much slack, for rounding. */
#define EPSILON 0.01

typedef struct
{
  char    *dir;
  char    *path;
  SdStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean demo = GPOINTER_TO_INT (data);

  fixture->dir = g_dir_make_tmp ("sd-test-org-chart-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = sd_store_open (fixture->path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  if (demo)
    {
      g_assert_true (sd_demo_populate (fixture->store, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_remove (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static SdOrgChart *
layout_chart (SdStore *store)
{
  PangoContext *context = sd_org_chart_create_pango_context ();
  SdOrgChart *chart = sd_org_chart_new (store, context);

  g_object_unref (context);
  return chart;
}

static gboolean
rects_overlap (double x0, double y0, double w0, double h0,
               double x1, double y1, double w1, double h1)
{
  return x0 + EPSILON < x1 + w1 && x1 + EPSILON < x0 + w0
         && y0 + EPSILON < y1 + h1 && y1 + EPSILON < y0 + h0;
}

static gboolean
rect_inside (double x0, double y0, double w0, double h0,
             double x1, double y1, double w1, double h1)
{
  return x0 >= x1 - EPSILON && y0 >= y1 - EPSILON
         && x0 + w0 <= x1 + w1 + EPSILON && y0 + h0 <= y1 + h1 + EPSILON;
}

/* The segment from (x0, y0) to (x1, y1), horizontal or vertical, passes
 * through the inside of the box. */
static gboolean
segment_crosses (double               x0,
                 double               y0,
                 double               x1,
                 double               y1,
                 const SdOrgChartBox *box)
{
  double left = MIN (x0, x1), right = MAX (x0, x1);
  double top = MIN (y0, y1), bottom = MAX (y0, y1);

  return left < box->x + box->width - 1 && right > box->x + 1
         && top < box->y + box->height - 1 && bottom > box->y + 1;
}

static guint
count_security_posts (SdStore *store)
{
  GListModel *posts = sd_store_get_items (store, SD_TYPE_POST);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr(SdPost) post = g_list_model_get_item (posts, i);

      if (g_strcmp0 (sd_post_get_post_type (post), "other") != 0)
        n++;
    }
  return n;
}

static gboolean
has_connector (SdOrgChart *chart,
               int         from,
               int         to)
{
  for (guint i = 0; i < sd_org_chart_get_n_connectors (chart); i++)
    {
      SdOrgChartConnector connector;

      g_assert_true (sd_org_chart_get_connector (chart, i, &connector));
      if (connector.from == from && connector.to == to)
        return TRUE;
    }
  return FALSE;
}

/* No two boxes overlap unless one holds the other; no two texts overlap;
 * everything lies inside the chart; the lines pass through no box. */
static void
assert_geometry (SdOrgChart *chart)
{
  guint n_boxes = sd_org_chart_get_n_boxes (chart);
  g_autofree SdOrgChartBox *boxes = g_new0 (SdOrgChartBox, n_boxes);
  double width, height;

  sd_org_chart_get_size (chart, &width, &height);
  for (guint i = 0; i < n_boxes; i++)
    {
      g_assert_true (sd_org_chart_get_box (chart, i, &boxes[i]));
      g_assert_true (rect_inside (boxes[i].x, boxes[i].y, boxes[i].width, boxes[i].height,
                                  0, 0, width, height));
    }

  /* Boxes: apart, or one inside the other. */
  for (guint i = 0; i < n_boxes; i++)
    for (guint j = i + 1; j < n_boxes; j++)
      {
        const SdOrgChartBox *a = &boxes[i], *b = &boxes[j];

        if (b->container == (int) i)
          g_assert_true (rect_inside (b->x, b->y, b->width, b->height,
                                      a->x, a->y, a->width, a->height));
        else if (a->container == (int) j)
          g_assert_true (rect_inside (a->x, a->y, a->width, a->height,
                                      b->x, b->y, b->width, b->height));
        else if (rects_overlap (a->x, a->y, a->width, a->height,
                                b->x, b->y, b->width, b->height))
          g_error ("boxes %u and %u overlap", i, j);
      }

  /* Texts: each inside its box, clear of the boxes it holds, and no two
   * anywhere on top of each other. */
  for (guint i = 0; i < n_boxes; i++)
    for (guint k = 0; k < boxes[i].n_labels; k++)
      {
        const cairo_rectangle_t *r = &boxes[i].labels[k];

        g_assert_cmpfloat (r->width, >, 0);
        g_assert_cmpfloat (r->height, >, 0);
        g_assert_true (rect_inside (r->x, r->y, r->width, r->height,
                                    boxes[i].x, boxes[i].y, boxes[i].width, boxes[i].height));

        for (guint j = 0; j < n_boxes; j++)
          {
            if (boxes[j].container == (int) i)
              g_assert_false (rects_overlap (r->x, r->y, r->width, r->height,
                                             boxes[j].x, boxes[j].y,
                                             boxes[j].width, boxes[j].height));
            for (guint l = 0; l < boxes[j].n_labels; l++)
              {
                const cairo_rectangle_t *s = &boxes[j].labels[l];

                if (i == j && k == l)
                  continue;
                if (rects_overlap (r->x, r->y, r->width, r->height,
                                   s->x, s->y, s->width, s->height))
                  g_error ("label %u of box %u overlaps label %u of box %u", k, i, l, j);
              }
          }
      }

  for (guint i = 0; i < sd_org_chart_get_n_connectors (chart); i++)
    {
      SdOrgChartConnector c;

      g_assert_true (sd_org_chart_get_connector (chart, i, &c));
      g_assert_cmpfloat (c.y0, <, c.bus_y);
      g_assert_cmpfloat (c.bus_y, <, c.y1);
      for (guint j = 0; j < n_boxes; j++)
        {
          if ((int) j == c.from || (int) j == c.to)
            continue;
          g_assert_false (segment_crosses (c.x0, c.y0, c.x0, c.bus_y, &boxes[j]));
          g_assert_false (segment_crosses (c.x0, c.bus_y, c.x1, c.bus_y, &boxes[j]));
          g_assert_false (segment_crosses (c.x1, c.bus_y, c.x1, c.y1, &boxes[j]));
        }
    }
  g_assert_false (sd_org_chart_get_connector (chart, sd_org_chart_get_n_connectors (chart),
                                              &(SdOrgChartConnector) { 0 }));

}

/* Every body has a box; no two boxes overlap unless one holds the other;
 * no two texts overlap; everything lies inside the chart; every "led-by"
 * has its line, and the lines pass through no box. */
static void
test_layout_demo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(SdOrgChart) chart = layout_chart (fixture->store);
  GListModel *bodies = sd_store_get_items (fixture->store, SD_TYPE_BODY);
  guint n_bodies = g_list_model_get_n_items (bodies);
  guint n_boxes = sd_org_chart_get_n_boxes (chart);
  g_autofree SdOrgChartBox *boxes = g_new0 (SdOrgChartBox, n_boxes);
  int execution = -1, panel = -1;
  guint n_led = 0;
  double width, height;

  g_assert_cmpuint (n_bodies, >=, 5);
  g_assert_false (sd_org_chart_is_empty (chart));
  g_assert_cmpuint (sd_org_chart_get_n_bodies (chart), ==, n_bodies);
  g_assert_cmpuint (sd_org_chart_get_n_posts (chart), ==, count_security_posts (fixture->store));
  g_assert_cmpuint (sd_org_chart_get_n_posts (chart), >=, 7);

  sd_org_chart_get_size (chart, &width, &height);
  g_assert_cmpfloat (width, >, 0);
  g_assert_cmpfloat (height, >, 0);
  g_test_message ("chart %.0f x %.0f, %u boxes", width, height, n_boxes);

  for (guint i = 0; i < n_boxes; i++)
    {
      g_assert_true (sd_org_chart_get_box (chart, i, &boxes[i]));
      g_assert_cmpfloat (boxes[i].width, >, 0);
      g_assert_cmpfloat (boxes[i].height, >, 0);
      g_assert_true (rect_inside (boxes[i].x, boxes[i].y, boxes[i].width, boxes[i].height,
                                  0, 0, width, height));
      g_assert_cmpuint (boxes[i].n_labels, >, 0);
      if (boxes[i].kind == SD_ORG_CHART_BOX_POSTS)
        panel = (int) i;
    }
  g_assert_false (sd_org_chart_get_box (chart, n_boxes, &boxes[0]));
  g_assert_true (sd_org_chart_get_box (chart, 0, &boxes[0]));

  /* A box for every body. */
  for (guint i = 0; i < n_bodies; i++)
    {
      g_autoptr(SdBody) body = g_list_model_get_item (bodies, i);
      int index = sd_org_chart_find_box (chart, SD_TYPE_BODY, sd_item_get_id (SD_ITEM (body)));

      g_assert_cmpint (index, >=, 0);
      g_assert_cmpint (boxes[index].kind, ==, SD_ORG_CHART_BOX_BODY);
      g_assert_cmpint (boxes[index].container, ==, -1);
      if (g_strcmp0 (sd_body_get_kind (body), "execution") == 0)
        execution = index;
    }
  g_assert_cmpint (execution, >=, 0);
  g_assert_cmpint (panel, >=, 0);

  assert_geometry (chart);

  /* A line for every "led-by", and one from the execution unit to the
   * posts, and no other. */
  for (guint i = 0; i < n_bodies; i++)
    {
      g_autoptr(SdBody) body = g_list_model_get_item (bodies, i);
      int index = sd_org_chart_find_box (chart, SD_TYPE_BODY, sd_item_get_id (SD_ITEM (body)));

      if (sd_body_get_led_by_id (body) != 0)
        {
          g_assert_true (has_connector (chart,
                                        sd_org_chart_find_box (chart, SD_TYPE_BODY,
                                                               sd_body_get_led_by_id (body)),
                                        index));
          n_led++;
        }
    }
  g_assert_true (has_connector (chart, execution, panel));
  g_assert_cmpuint (sd_org_chart_get_n_connectors (chart), ==, n_led + 1);

  /* Every box has a tooltip, and the outline names every body. */
  {
    g_autofree char *outline = sd_org_chart_dup_outline (chart);

    for (guint i = 0; i < n_boxes; i++)
      g_assert_nonnull (sd_org_chart_get_box_tooltip (chart, i));
    for (guint i = 0; i < n_bodies; i++)
      {
        g_autoptr(SdBody) body = g_list_model_get_item (bodies, i);

        g_assert_nonnull (strstr (outline, sd_body_get_name (body)));
      }
  }
}

static void
test_lookup (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(SdOrgChart) chart = layout_chart (fixture->store);
  double width, height;

  sd_org_chart_get_size (chart, &width, &height);

  for (guint i = 0; i < sd_org_chart_get_n_boxes (chart); i++)
    {
      SdOrgChartBox box;

      g_assert_true (sd_org_chart_get_box (chart, i, &box));
      if (box.kind == SD_ORG_CHART_BOX_POSTS)
        /* Its middle is a post; its corner is the panel itself. */
        g_assert_cmpint (sd_org_chart_lookup (chart, box.x + 3, box.y + 3), ==, (int) i);
      else
        g_assert_cmpint (sd_org_chart_lookup (chart, box.x + box.width / 2,
                                              box.y + box.height / 2), ==, (int) i);
    }

  g_assert_cmpint (sd_org_chart_lookup (chart, -10, -10), ==, -1);
  g_assert_cmpint (sd_org_chart_lookup (chart, width + 10, height / 2), ==, -1);
  g_assert_cmpint (sd_org_chart_lookup (chart, 1, 1), ==, -1);
}

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

/* Text of a PDF, without any white space, or NULL without pdftotext. */
static char *
pdf_text (const char *path)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { NULL, "-enc", "UTF-8", path, "-", NULL };
  GString *text;
  int status;

  if (program == NULL)
    return NULL;

  argv[0] = program;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  text = g_string_new (NULL);
  for (const char *p = out; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (text, g_utf8_get_char (p));
  return g_string_free (text, FALSE);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *png = g_build_filename (fixture->dir, "chart.png", NULL);
  g_autofree char *svg = g_build_filename (fixture->dir, "chart.svg", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "chart.PDF", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(SdOrgChart) chart = layout_chart (fixture->store);
  cairo_surface_t *surface;
  double width, height;
  gsize length;

  sd_org_chart_get_size (chart, &width, &height);

  /* PNG: a picture, larger than the chart for crisp text. */
  g_assert_true (sd_org_chart_export (fixture->store, png, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), >, width);
  g_assert_cmpint (cairo_image_surface_get_height (surface), >, height);
  cairo_surface_destroy (surface);

  /* SVG. */
  g_assert_true (sd_org_chart_export (fixture->store, svg, &error));
  g_assert_no_error (error);
  contents = read_file (svg, &length);
  g_assert_nonnull (strstr (contents, "<svg"));
  g_clear_pointer (&contents, g_free);

  /* PDF, with an upper-case extension. */
  g_assert_true (sd_org_chart_export (fixture->store, pdf, &error));
  g_assert_no_error (error);
  contents = read_file (pdf, &length);
  g_assert_cmpuint (length, >, 4);
  g_assert_true (memcmp (contents, "%PDF", 4) == 0);

  /* The text is real text, in a font that has the glyphs. */
  text = pdf_text (pdf);
  if (text == NULL)
    {
      g_test_message ("pdftotext is not installed; the PDF's text is not checked");
    }
  else
    {
      GListModel *bodies = sd_store_get_items (fixture->store, SD_TYPE_BODY);

      for (guint i = 0; i < g_list_model_get_n_items (bodies); i++)
        {
          g_autoptr(SdBody) body = g_list_model_get_item (bodies, i);

          if (strstr (text, sd_body_get_name (body)) == NULL)
            g_error ("the PDF lacks “%s”: %s", sd_body_get_name (body), text);
        }
      g_assert_nonnull (strstr (text, "王建国"));
      g_assert_nonnull (strstr (text, "示例集团有限公司"));
    }
}

static void
test_export_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *bad[] = { "chart.jpg", "chart", "chart.png.txt", "chart.d/x" };
  g_autofree char *missing = g_build_filename (fixture->dir, "no", "such", "dir", "chart.pdf",
                                               NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (fixture->dir, bad[i], NULL);

      g_assert_false (sd_org_chart_export (fixture->store, path, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (sd_org_chart_export (fixture->store, missing, &error));
    g_assert_nonnull (error);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
}

static void
draw_to_image (SdOrgChart *chart,
               gboolean    dark)
{
  SdOrgChartStyle style;
  cairo_surface_t *surface;
  double width, height;
  cairo_t *cr;

  sd_org_chart_get_size (chart, &width, &height);
  sd_org_chart_style_default (&style, dark);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
  cr = cairo_create (surface);
  sd_org_chart_draw (chart, cr, &style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* An empty database: a short note, no boxes, and every export works. */
static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(SdOrgChart) chart = layout_chart (fixture->store);
  g_autofree char *outline = NULL;
  double width, height;

  g_assert_true (sd_org_chart_is_empty (chart));
  g_assert_cmpuint (sd_org_chart_get_n_boxes (chart), ==, 0);
  g_assert_cmpuint (sd_org_chart_get_n_connectors (chart), ==, 0);
  g_assert_cmpuint (sd_org_chart_get_n_bodies (chart), ==, 0);
  g_assert_cmpuint (sd_org_chart_get_n_posts (chart), ==, 0);
  sd_org_chart_get_size (chart, &width, &height);
  g_assert_cmpfloat (width, >, 0);
  g_assert_cmpfloat (height, >, 0);
  g_assert_cmpint (sd_org_chart_lookup (chart, width / 2, height / 2), ==, -1);
  outline = sd_org_chart_dup_outline (chart);
  g_assert_cmpstr (outline, !=, "");
  draw_to_image (chart, FALSE);
  draw_to_image (chart, TRUE);

  for (guint i = 0; i < 3; i++)
    {
      const char *names[] = { "empty.png", "empty.svg", "empty.pdf" };
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (fixture->dir, names[i], NULL);

      g_assert_true (sd_org_chart_export (fixture->store, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
}

/* Posts without any body hang alone; a loop of "led-by" still shows each
 * body once. */
static void
test_odd_data (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdOrgChart) posts_only = NULL;
  g_autoptr(SdOrgChart) looped = NULL;
  SdPost *post;
  SdBody *a, *b;
  int index_a, index_b;

  post = sd_store_insert (fixture->store, SD_TYPE_POST, &error,
                          "name", "安全管理员", "post-type", "security-admin", NULL);
  g_assert_no_error (error);
  g_assert_nonnull (post);
  sd_store_insert (fixture->store, SD_TYPE_POST, &error,
                   "name", "信息管理员", "post-type", "other", NULL);
  g_assert_no_error (error);

  posts_only = layout_chart (fixture->store);
  g_assert_false (sd_org_chart_is_empty (posts_only));
  g_assert_cmpuint (sd_org_chart_get_n_posts (posts_only), ==, 1);
  g_assert_cmpuint (sd_org_chart_get_n_boxes (posts_only), ==, 2);
  g_assert_cmpint (sd_org_chart_find_box (posts_only, SD_TYPE_POST,
                                          sd_item_get_id (SD_ITEM (post))), >=, 0);
  draw_to_image (posts_only, FALSE);

  a = sd_store_insert (fixture->store, SD_TYPE_BODY, &error,
                       "name", "甲组", "kind", "working", NULL);
  g_assert_no_error (error);
  b = sd_store_insert (fixture->store, SD_TYPE_BODY, &error,
                       "name", "乙组", "kind", "other",
                       "led-by-id", sd_item_get_id (SD_ITEM (a)), NULL);
  g_assert_no_error (error);
  if (!sd_store_update (fixture->store, a, &error,
                        "led-by-id", sd_item_get_id (SD_ITEM (b)), NULL))
    {
      g_test_message ("the store refuses a loop of led-by: %s", error->message);
      g_clear_error (&error);
    }

  looped = layout_chart (fixture->store);
  index_a = sd_org_chart_find_box (looped, SD_TYPE_BODY, sd_item_get_id (SD_ITEM (a)));
  index_b = sd_org_chart_find_box (looped, SD_TYPE_BODY, sd_item_get_id (SD_ITEM (b)));
  g_assert_cmpint (index_a, >=, 0);
  g_assert_cmpint (index_b, >=, 0);
  g_assert_cmpuint (sd_org_chart_get_n_bodies (looped), ==, 2);
  /* One of the two leads the other; the first by position is the root. */
  g_assert_true (has_connector (looped, index_a, index_b));
  g_assert_false (has_connector (looped, index_b, index_a));
  assert_geometry (looped);
  draw_to_image (looped, TRUE);
}

/* An execution unit that leads a body of its own: the posts hang beside
 * that body, clear of it and of its line. */
static void
test_execution_leads (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdOrgChart) chart = NULL;
  SdBody *top, *execution, *sub;
  int panel = -1;

  top = sd_store_insert (fixture->store, SD_TYPE_BODY, &error,
                         "name", "领导小组", "kind", "leadership", NULL);
  g_assert_no_error (error);
  execution = sd_store_insert (fixture->store, SD_TYPE_BODY, &error,
                               "name", "执行机构", "kind", "execution",
                               "led-by-id", sd_item_get_id (SD_ITEM (top)), NULL);
  g_assert_no_error (error);
  sub = sd_store_insert (fixture->store, SD_TYPE_BODY, &error,
                         "name", "值班小组", "kind", "other",
                         "led-by-id", sd_item_get_id (SD_ITEM (execution)), NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      const char *types[] = { "security-admin", "network-admin", "security-liaison" };

      sd_store_insert (fixture->store, SD_TYPE_POST, &error,
                       "name", types[i], "post-type", types[i], NULL);
      g_assert_no_error (error);
    }

  chart = layout_chart (fixture->store);
  assert_geometry (chart);
  for (guint i = 0; i < sd_org_chart_get_n_boxes (chart); i++)
    {
      SdOrgChartBox box;

      g_assert_true (sd_org_chart_get_box (chart, i, &box));
      if (box.kind == SD_ORG_CHART_BOX_POSTS)
        panel = (int) i;
    }
  g_assert_cmpint (panel, >=, 0);
  g_assert_true (has_connector (chart,
                                sd_org_chart_find_box (chart, SD_TYPE_BODY,
                                                       sd_item_get_id (SD_ITEM (execution))),
                                panel));
  g_assert_true (has_connector (chart,
                                sd_org_chart_find_box (chart, SD_TYPE_BODY,
                                                       sd_item_get_id (SD_ITEM (execution))),
                                sd_org_chart_find_box (chart, SD_TYPE_BODY,
                                                       sd_item_get_id (SD_ITEM (sub)))));
  g_assert_cmpuint (sd_org_chart_get_n_posts (chart), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/org-chart/layout", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_layout_demo, fixture_tear_down);
  g_test_add ("/org-chart/lookup", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_lookup, fixture_tear_down);
  g_test_add ("/org-chart/export", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/org-chart/export-errors", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_export_errors, fixture_tear_down);
  g_test_add ("/org-chart/empty", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/org-chart/odd-data", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_odd_data, fixture_tear_down);
  g_test_add ("/org-chart/execution-leads", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_execution_leads, fixture_tear_down);

  return g_test_run ();
}
