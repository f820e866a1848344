/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "test-heatmap-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "sd-heatmap-data.h"
#include "sd-heatmap-export.h"
#include "sd-person.h"
#include "sd-risk-category.h"
#include "sd-risk-matrix.h"
#include "sd-unit.h"

#define N_RISKS 60

typedef struct
{
  char    *dir;
  SdStore *store;
} Fixture;

/* Every cell of the inherent matrix gets a risk, and some get many more,
 * so that crowded cells show a "+N"; residual and target lie below. */
static void
rating_of (int  k,
           int *likelihood,
           int *impact)
{
  if (k < 25)
    {
      *likelihood = k / 5 + 1;
      *impact = k % 5 + 1;
    }
  else
    {
      static const int crowded[][2] = { { 5, 5 }, { 4, 5 }, { 3, 3 }, { 1, 1 }, { 5, 5 } };
      int c = (k * 7) % G_N_ELEMENTS (crowded);

      *likelihood = crowded[c][0];
      *impact = crowded[c][1];
    }
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SdRiskCategory) category = NULL;
  SdUnit *units[2];
  SdPerson *person;

  fixture->dir = g_dir_make_tmp ("sd-test-heatmap-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  category = g_list_model_get_item (sd_store_get_items (fixture->store,
                                                        SD_TYPE_RISK_CATEGORY), 0);
  g_assert_nonnull (category);

  units[0] = sd_store_insert (fixture->store, SD_TYPE_UNIT, &error,
                              "name", "网络安全管理部", "kind", "department", NULL);
  g_assert_no_error (error);
  units[1] = sd_store_insert (fixture->store, SD_TYPE_UNIT, &error,
                              "name", "Operations", "kind", "department", NULL);
  g_assert_no_error (error);
  person = sd_store_insert (fixture->store, SD_TYPE_PERSON, &error,
                            "name", "张伟", "unit-id", sd_item_get_id (SD_ITEM (units[0])),
                            NULL);
  g_assert_no_error (error);

  g_assert_true (sd_store_begin (fixture->store, &error));
  for (int k = 0; k < N_RISKS; k++)
    {
      g_autofree char *code = g_strdup_printf ("R-%03d", k + 1);
      g_autofree char *title = g_strdup_printf ("风险 %d: data leak through channel %d", k, k);
      int l, i;

      rating_of (k, &l, &i);
      sd_store_insert (fixture->store, SD_TYPE_RISK, &error,
                       "code", code,
                       "title", title,
                       "category-id", sd_item_get_id (SD_ITEM (category)),
                       "owner-unit-id", sd_item_get_id (SD_ITEM (units[k % 2])),
                       "owner-person-id", k % 3 == 0 ? sd_item_get_id (SD_ITEM (person))
                                                     : (gint64) 0,
                       "inherent-likelihood", l,
                       "inherent-impact", i,
                       "residual-likelihood", MAX (l - 1, 1),
                       "residual-impact", i,
                       "target-likelihood", MAX (l - 2, 1),
                       "target-impact", MAX (i - 1, 1),
                       "status", "open",
                       NULL);
      g_assert_no_error (error);
    }
  g_assert_true (sd_store_commit (fixture->store, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
color_near (cairo_surface_t *surface,
            int              x,
            int              y,
            const SdColor   *color,
            int              tolerance)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 argb;
  int r, g, b;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  argb = *(const guint32 *) (data + y * stride + x * 4);
  r = (argb >> 16) & 0xff;
  g = (argb >> 8) & 0xff;
  b = argb & 0xff;
  return ABS (r - (int) round (color->red * 255)) <= tolerance
         && ABS (g - (int) round (color->green * 255)) <= tolerance
         && ABS (b - (int) round (color->blue * 255)) <= tolerance;
}

static void
assert_color (cairo_surface_t *surface,
              int              x,
              int              y,
              const SdColor   *color)
{
  if (!color_near (surface, x, y, color, 2))
    {
      const guint8 *data = cairo_image_surface_get_data (surface);
      guint32 argb = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface)
                                         + x * 4);

      g_error ("pixel (%d, %d) is #%06x, expected #%02x%02x%02x", x, y, argb & 0xffffff,
               (int) round (color->red * 255), (int) round (color->green * 255),
               (int) round (color->blue * 255));
    }
}

/* The data behind every export. */
static void
test_data (Fixture       *fixture,
           gconstpointer  unused)
{
  g_autoptr(SdHeatmapData) data = sd_heatmap_data_new (fixture->store,
                                                       SD_RISK_LEVEL_INHERENT, NULL);
  const SdHeatmapModel *model = sd_heatmap_data_get_model (data);
  guint total = 0, in_zones = 0;

  g_assert_cmpint (model->size, ==, sd_store_get_matrix_size (fixture->store));
  g_assert_cmpuint (sd_heatmap_data_get_n_risks (data), ==, N_RISKS);
  g_assert_cmpuint (model->n_markers, ==, N_RISKS);
  g_assert_cmpint (model->selected_marker, ==, -1);
  g_assert_cmpint (model->hover_marker, ==, -1);
  g_assert_cmpint (model->drag_marker, ==, -1);

  for (int l = 1; l <= model->size; l++)
    for (int i = 1; i <= model->size; i++)
      {
        guint n;
        const guint *cell = sd_heatmap_data_get_cell (data, l, i, &n);

        g_assert_cmpint (model->zones[l - 1][i - 1], ==, sd_store_get_zone (fixture->store, l, i));
        g_assert_cmpuint (model->counts[l - 1][i - 1], ==, n);
        g_assert_true (model->cell_markers[l - 1][i - 1] == cell);
        g_assert_cmpuint (n, >=, 1);
        for (guint k = 0; k < n; k++)
          {
            const SdHeatmapMarker *marker = &model->markers[cell[k]];
            SdRisk *risk = sd_heatmap_data_get_risk (data, cell[k]);
            int rl, ri;

            g_assert_cmpint (marker->likelihood, ==, l);
            g_assert_cmpint (marker->impact, ==, i);
            g_assert_cmpint (marker->zone, ==, model->zones[l - 1][i - 1]);
            g_assert_cmpstr (marker->code, ==, sd_risk_get_code (risk));
            g_assert_cmpint (sd_heatmap_data_find_risk (data, risk), ==, (int) cell[k]);
            sd_risk_get_cell (risk, SD_RISK_LEVEL_TARGET, model->size, &rl, &ri);
            g_assert_cmpint (marker->path_likelihood[SD_RISK_LEVEL_TARGET], ==, rl);
            g_assert_cmpint (marker->path_impact[SD_RISK_LEVEL_TARGET], ==, ri);
            /* Sorted by code ("R-002" before "R-010"). */
            if (k > 0)
              g_assert_cmpint (strcmp (model->markers[cell[k - 1]].code, marker->code), <, 0);
          }
        total += n;
      }
  g_assert_cmpuint (total, ==, N_RISKS);

  for (int z = 0; z < SD_N_ZONES; z++)
    in_zones += sd_heatmap_data_count_zone (data, z);
  g_assert_cmpuint (in_zones, ==, N_RISKS);
  g_assert_cmpuint (sd_heatmap_data_count_zone (data, SD_ZONE_MAJOR), >, 0);
}

static void
test_format (void)
{
  g_autoptr(GError) error = NULL;
  SdHeatmapFormat format;

  g_assert_true (sd_heatmap_format_from_path ("a/map.PNG", &format, NULL));
  g_assert_cmpint (format, ==, SD_HEATMAP_FORMAT_PNG);
  g_assert_true (sd_heatmap_format_from_path ("map.svg", &format, NULL));
  g_assert_cmpint (format, ==, SD_HEATMAP_FORMAT_SVG);
  g_assert_true (sd_heatmap_format_from_path ("map.Pdf", &format, NULL));
  g_assert_cmpint (format, ==, SD_HEATMAP_FORMAT_PDF);
  g_assert_false (sd_heatmap_format_from_path ("map.jpg", &format, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* The PNG: the zone colour of the style in every cell, in corners that
 * the markers and the zone label leave free. */
static void
test_png (Fixture       *fixture,
          gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "map.png", NULL);
  g_autoptr(SdHeatmapData) data = NULL;
  const SdHeatmapModel *model;
  SdHeatmapStyle style;
  cairo_surface_t *surface;

  g_assert_true (sd_heatmap_export (fixture->store, SD_RISK_LEVEL_INHERENT, path, 0, 0, &error));
  g_assert_no_error (error);

  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 1200);

  data = sd_heatmap_data_new (fixture->store, SD_RISK_LEVEL_INHERENT, NULL);
  model = sd_heatmap_data_get_model (data);
  sd_heatmap_style_init_default (&style, FALSE);

  for (int l = 1; l <= model->size; l++)
    for (int i = 1; i <= model->size; i++)
      {
        SdZone zone = sd_store_get_zone (fixture->store, l, i);
        cairo_rectangle_t rect;

        g_assert_true (sd_heatmap_get_cell_rect (model, 1600, 1200, l, i, &rect));
        assert_color (surface, (int) (rect.x + 12), (int) (rect.y + 4), &style.zone[zone]);
        assert_color (surface, (int) (rect.x + rect.width - 12),
                      (int) (rect.y + rect.height - 4), &style.zone[zone]);
      }

  /* The margin is the white ground. */
  assert_color (surface, 2, 2, &style.background);
  cairo_surface_destroy (surface);

  /* Any size, drawn at that size. */
  g_assert_true (sd_heatmap_export (fixture->store, SD_RISK_LEVEL_TARGET, path, 3840, 2160,
                                    &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 3840);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 2160);
  cairo_surface_destroy (surface);
}

static void
svg_start_element_cb (GMarkupParseContext  *context,
                      const char           *element,
                      const char          **names,
                      const char          **values,
                      gpointer              user_data,
                      GError              **error)
{
  char **root = user_data;

  if (*root == NULL)
    *root = g_strdup (element);
}

static void
test_svg (Fixture       *fixture,
          gconstpointer  unused)
{
  static const GMarkupParser parser = { svg_start_element_cb, NULL, NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "map.svg", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *root = NULL;
  GMarkupParseContext *context;
  const char *start;
  gsize length;

  g_assert_true (sd_heatmap_export (fixture->store, SD_RISK_LEVEL_RESIDUAL, path, 0, 0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);

  /* After the XML declaration, the document is an <svg>. */
  start = contents;
  if (g_str_has_prefix (start, "<?xml"))
    start = strstr (start, "?>") + 2;
  while (g_ascii_isspace (*start))
    start++;
  g_assert_true (g_str_has_prefix (start, "<svg"));

  context = g_markup_parse_context_new (&parser, 0, &root, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, length, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  g_assert_cmpstr (root, ==, "svg");
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);
  return out;
}

/* The PDF: the map, then the register with every code beside its zone. */
static void
test_pdf (Fixture       *fixture,
          gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "map.pdf", NULL);
  g_autofree char *prefix = g_build_filename (fixture->dir, "page", NULL);
  g_autofree char *text = NULL;
  g_autofree char *program = NULL;
  g_autofree char *first_page = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(SdHeatmapData) data = NULL;
  GListModel *risks;
  SdHeatmapStyle style;
  cairo_surface_t *surface;
  gboolean red = FALSE;

  g_assert_true (sd_heatmap_export (fixture->store, SD_RISK_LEVEL_INHERENT, path, 0, 0, &error));
  g_assert_no_error (error);

  program = g_find_program_in_path ("pdftotext");
  if (program == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  {
    const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };

    text = run (argv);
  }
  lines = g_strsplit (text, "\n", -1);

  data = sd_heatmap_data_new (fixture->store, SD_RISK_LEVEL_INHERENT, NULL);
  risks = sd_store_get_items (fixture->store, SD_TYPE_RISK);
  g_assert_cmpuint (g_list_model_get_n_items (risks), ==, N_RISKS);
  for (guint r = 0; r < N_RISKS; r++)
    {
      g_autoptr(SdRisk) risk = g_list_model_get_item (risks, r);
      const char *code = sd_risk_get_code (risk);
      const char *zone = sd_zone_get_label (sd_risk_get_zone (fixture->store, risk,
                                                              SD_RISK_LEVEL_INHERENT));
      int l, i;
      g_autofree char *rating = NULL;
      gboolean found = FALSE;

      sd_risk_get_cell (risk, SD_RISK_LEVEL_INHERENT, 5, &l, &i);
      rating = g_strdup_printf ("%d×%d = %d", l, i, l * i);
      for (guint k = 0; lines[k] != NULL && !found; k++)
        found = strstr (lines[k], code) != NULL && strstr (lines[k], zone) != NULL
                && strstr (lines[k], rating) != NULL;
      if (!found)
        g_error ("no line of the PDF has %s with %s and %s:\n%s", code, rating, zone, text);
    }
  g_assert_nonnull (strstr (text, "Page 1 of "));
  g_assert_nonnull (strstr (text, "网络安全管理部 · 张伟"));

  /* It renders, and its first page shows the map's Major zone. */
  {
    const char *argv[] = { "pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "2",
                           "-singlefile", path, prefix, NULL };

    g_free (run (argv));
  }
  first_page = g_strconcat (prefix, ".png", NULL);
  surface = cairo_image_surface_create_from_png (first_page);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  sd_heatmap_style_init_default (&style, FALSE);
  for (int y = 0; y < cairo_image_surface_get_height (surface) && !red; y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface) && !red; x++)
      red = color_near (surface, x, y, &style.zone[SD_ZONE_MAJOR], 6);
  g_assert_true (red);
  cairo_surface_destroy (surface);
}

/* The print pages: the map, and the register on pages of its own. */
static void
test_print_pages (Fixture       *fixture,
                  gconstpointer  unused)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  g_autoptr(SdHeatmapPrint) print = NULL;
  g_autoptr(SdHeatmapPrint) small = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  print = sd_heatmap_print_new (fixture->store, SD_RISK_LEVEL_INHERENT, context, 842, 595);
  g_assert_cmpuint (sd_heatmap_print_get_n_pages (print), >=, 2);
  /* Smaller paper takes more pages. */
  small = sd_heatmap_print_new (fixture->store, SD_RISK_LEVEL_INHERENT, context, 420, 297);
  g_assert_cmpuint (sd_heatmap_print_get_n_pages (small), >,
                    sd_heatmap_print_get_n_pages (print));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 842, 595);
  cr = cairo_create (surface);
  for (guint page = 0; page < sd_heatmap_print_get_n_pages (print); page++)
    sd_heatmap_print_draw_page (print, cr, page);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_object_unref (context);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/heatmap-export/data", Fixture, NULL, fixture_setup, test_data, fixture_teardown);
  g_test_add_func ("/heatmap-export/format", test_format);
  g_test_add ("/heatmap-export/png", Fixture, NULL, fixture_setup, test_png, fixture_teardown);
  g_test_add ("/heatmap-export/svg", Fixture, NULL, fixture_setup, test_svg, fixture_teardown);
  g_test_add ("/heatmap-export/pdf", Fixture, NULL, fixture_setup, test_pdf, fixture_teardown);
  g_test_add ("/heatmap-export/print", Fixture, NULL, fixture_setup, test_print_pages,
              fixture_teardown);

  return g_test_run ();
}
