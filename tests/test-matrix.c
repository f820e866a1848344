/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The duty matrix: the grid model (core), its drawing and hit-testing
 * (render) and the scrolling widget with its keyboard cursor (ui).
 */

#define G_LOG_DOMAIN "test-matrix"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <pango/pangocairo.h>

#include "sd-assignment-edit.h"
#include "sd-assignment.h"
#include "sd-body.h"
#include "sd-duty-matrix.h"
#include "sd-duty-rules.h"
#include "sd-duty.h"
#include "sd-matrix-render.h"
#include "sd-matrix-view.h"
#include "sd-post.h"
#include "sd-store.h"
#include "sd-test-widgets.h"
#include "sd-unit.h"

typedef struct
{
  char    *dir;
  SdStore *store;
  SdBody  *group;
  SdUnit  *company, *it;
  SdPost  *director, *admin, *loose;
  SdDuty  *d1, *d2, *d3;
} Fixture;

static gint64
id (gpointer item)
{
  return sd_item_get_id (SD_ITEM (item));
}

static void
assign (Fixture    *f,
        SdDuty     *duty,
        const char *kind,
        gpointer    party,
        const char *role)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *property = g_strconcat (kind, "-id", NULL);

  g_assert_nonnull (sd_store_insert (f->store, SD_TYPE_ASSIGNMENT, &error,
                                     "duty-id", id (duty), property, id (party),
                                     "role", role, NULL));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("sd-test-matrix-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "matrix.db", NULL);
  f->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  f->group = sd_store_insert (f->store, SD_TYPE_BODY, &error, "name", "网络安全领导小组",
                              "kind", "leadership", NULL);
  g_assert_no_error (error);
  f->company = sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "示例集团",
                                "kind", "company", NULL);
  g_assert_no_error (error);
  f->it = sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "信息技术部",
                           "kind", "department", "parent-id", id (f->company), NULL);
  g_assert_no_error (error);
  f->director = sd_store_insert (f->store, SD_TYPE_POST, &error, "name", "安全主管",
                                 "unit-id", id (f->company), NULL);
  g_assert_no_error (error);
  f->admin = sd_store_insert (f->store, SD_TYPE_POST, &error, "name", "安全管理员",
                              "unit-id", id (f->it), NULL);
  g_assert_no_error (error);
  f->loose = sd_store_insert (f->store, SD_TYPE_POST, &error, "name", "保密员", NULL);
  g_assert_no_error (error);

  f->d1 = sd_store_insert (f->store, SD_TYPE_DUTY, &error, "code", "003-9.1",
                           "area", "领导小组职责", "text", "贯彻执行国家网络安全方针",
                           "position", 1, NULL);
  g_assert_no_error (error);
  f->d2 = sd_store_insert (f->store, SD_TYPE_DUTY, &error, "code", "003-12.2",
                           "area", "安全管理员职责", "text", "落实本单位数据分类分级",
                           "position", 2, NULL);
  g_assert_no_error (error);
  f->d3 = sd_store_insert (f->store, SD_TYPE_DUTY, &error, "code", "003-9.2",
                           "area", "领导小组职责", "text", "审定网络安全管理规定",
                           "source", "《实施办法》第9条", "position", 3, NULL);
  g_assert_no_error (error);

  assign (f, f->d1, "body", f->group, "A");
  assign (f, f->d1, "post", f->director, "R");
  assign (f, f->d2, "post", f->admin, "R");
  assign (f, f->d2, "unit", f->it, "I");
  assign (f, f->d3, "post", f->loose, "C");
  sd_test_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sd_test_remove_store (&f->store, f->dir);
  g_free (f->dir);
}

static guint
column_of (SdDutyMatrix *matrix,
           gpointer      party)
{
  for (guint c = 0; c < sd_duty_matrix_get_n_columns (matrix); c++)
    {
      if (sd_duty_matrix_get_column (matrix, c)->item == party)
        return c;
    }
  g_assert_not_reached ();
}

/* Areas open with a header row; duties keep their order within an area;
 * columns are the bodies, the loose posts, then each unit and its posts. */
static void
test_layout (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SdDutyMatrix) matrix = sd_duty_matrix_new (f->store);
  const char *groups[] = { NULL, NULL, "示例集团", "信息技术部" };

  g_assert_cmpuint (sd_duty_matrix_get_n_duties (matrix), ==, 3);
  g_assert_cmpuint (sd_duty_matrix_get_n_rows (matrix), ==, 5);
  g_assert_null (sd_duty_matrix_get_row_duty (matrix, 0));
  g_assert_cmpstr (sd_duty_matrix_get_row_area (matrix, 0), ==, "领导小组职责");
  g_assert_cmpuint (sd_duty_matrix_get_area_size (matrix, 0), ==, 2);
  g_assert_true (sd_duty_matrix_get_row_duty (matrix, 1) == f->d1);
  g_assert_true (sd_duty_matrix_get_row_duty (matrix, 2) == f->d3);
  g_assert_null (sd_duty_matrix_get_row_duty (matrix, 3));
  g_assert_true (sd_duty_matrix_get_row_duty (matrix, 4) == f->d2);
  g_assert_cmpuint (sd_duty_matrix_find_duty (matrix, id (f->d2)), ==, 4);

  /* body | loose post | company, its post | department, its post */
  g_assert_cmpuint (sd_duty_matrix_get_n_columns (matrix), ==, 6);
  g_assert_cmpuint (sd_duty_matrix_get_n_groups (matrix), ==, 4);
  g_assert_true (sd_duty_matrix_get_column (matrix, 0)->item == f->group);
  g_assert_true (sd_duty_matrix_get_column (matrix, 1)->item == f->loose);
  g_assert_true (sd_duty_matrix_get_column (matrix, 2)->item == f->company);
  g_assert_true (sd_duty_matrix_get_column (matrix, 3)->item == f->director);
  g_assert_true (sd_duty_matrix_get_column (matrix, 4)->item == f->it);
  g_assert_true (sd_duty_matrix_get_column (matrix, 5)->item == f->admin);
  for (guint g = 2; g < G_N_ELEMENTS (groups); g++)
    {
      const SdMatrixGroup *group = sd_duty_matrix_get_group (matrix, g);

      g_assert_cmpstr (group->title, ==, groups[g]);
      g_assert_cmpuint (group->n_columns, ==, 2);
    }
  g_assert_cmpstr (sd_duty_matrix_get_column_name (matrix, 5), ==, "安全管理员");

  g_assert_cmpuint (sd_duty_matrix_get_roles (matrix, 1, column_of (matrix, f->group)), ==,
                    SD_ROLE_A);
  g_assert_cmpuint (sd_duty_matrix_get_roles (matrix, 1, column_of (matrix, f->director)), ==,
                    SD_ROLE_R);
  g_assert_cmpuint (sd_duty_matrix_get_roles (matrix, 4, column_of (matrix, f->admin)), ==,
                    SD_ROLE_R);
  g_assert_cmpstr (sd_role_mask_to_string (SD_ROLE_R | SD_ROLE_A | SD_ROLE_I), ==, "RAI");
  g_assert_cmpuint (sd_role_mask_from_code ("C"), ==, SD_ROLE_C);
  g_assert_cmpuint (sd_duty_matrix_get_roles (matrix, 4, column_of (matrix, f->it)), ==,
                    SD_ROLE_I);
  g_assert_cmpuint (sd_duty_matrix_get_roles (matrix, 4, column_of (matrix, f->group)), ==, 0);
  g_assert_cmpuint (sd_duty_matrix_get_roles (matrix, 0, 0), ==, 0);

  /* The list model holds the duties in grid order. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (matrix)), ==, 3);
  {
    g_autoptr(SdDuty) second = g_list_model_get_item (G_LIST_MODEL (matrix), 1);

    g_assert_true (second == f->d3);
  }
}

static void
count_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        guint      *count)
{
  (*count)++;
}

/* Each word must occur in the code, text, area, source or a holder's name. */
static void
test_query (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SdDutyMatrix) matrix = sd_duty_matrix_new (f->store);
  guint signals = 0;

  g_signal_connect (matrix, "items-changed", G_CALLBACK (count_items_changed_cb), &signals);

  sd_duty_matrix_set_query (matrix, "网络安全");
  g_assert_cmpuint (sd_duty_matrix_get_n_shown (matrix), ==, 2);
  g_assert_cmpuint (sd_duty_matrix_get_n_rows (matrix), ==, 3);
  g_assert_cmpuint (signals, ==, 1);

  /* Two words, one of them a holder; the ideographic space separates too. */
  sd_duty_matrix_set_query (matrix, "数据\u3000安全管理员");
  g_assert_cmpuint (sd_duty_matrix_get_n_shown (matrix), ==, 1);
  g_assert_true (sd_duty_matrix_get_row_duty (matrix, 1) == f->d2);
  g_assert_cmpuint (sd_duty_matrix_find_duty (matrix, id (f->d1)), ==, G_MAXUINT);

  sd_duty_matrix_set_query (matrix, "第9条");
  g_assert_cmpuint (sd_duty_matrix_get_n_shown (matrix), ==, 1);
  sd_duty_matrix_set_query (matrix, "003-9");
  g_assert_cmpuint (sd_duty_matrix_get_n_shown (matrix), ==, 2);
  sd_duty_matrix_set_query (matrix, "领导小组职责");   /* the area */
  g_assert_cmpuint (sd_duty_matrix_get_n_shown (matrix), ==, 2);
  sd_duty_matrix_set_query (matrix, "保密员");          /* a holder */
  g_assert_cmpuint (sd_duty_matrix_get_n_shown (matrix), ==, 1);
  sd_duty_matrix_set_query (matrix, "没有这个词");
  g_assert_cmpuint (sd_duty_matrix_get_n_shown (matrix), ==, 0);
  g_assert_cmpuint (sd_duty_matrix_get_n_rows (matrix), ==, 0);
  sd_duty_matrix_set_query (matrix, "  ");
  g_assert_cmpuint (sd_duty_matrix_get_n_shown (matrix), ==, 3);
  g_assert_cmpstr (sd_duty_matrix_get_query (matrix), ==, "  ");
}

static void
count_cb (SdDutyMatrix *matrix,
          guint        *count)
{
  (*count)++;
}

/* A change in the store rebuilds the matrix once, before the next frame. */
static void
test_follows_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SdDutyMatrix) matrix = sd_duty_matrix_new (f->store);
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  g_signal_connect (matrix, "changed", G_CALLBACK (count_cb), &changed);

  g_assert_true (sd_store_begin (f->store, &error));
  assign (f, f->d3, "body", f->group, "I");
  assign (f, f->d3, "unit", f->company, "C");
  g_assert_true (sd_store_update (f->store, f->d1, &error, "area", "安全管理员职责", NULL));
  g_assert_true (sd_store_commit (f->store, &error));
  g_assert_no_error (error);

  /* Not yet: the edits are batched. */
  g_assert_cmpuint (changed, ==, 0);
  sd_test_iterate ();
  g_assert_cmpuint (changed, ==, 1);

  g_assert_cmpuint (sd_duty_matrix_get_roles (matrix, sd_duty_matrix_find_duty (matrix, id (f->d3)),
                                              column_of (matrix, f->group)), ==, SD_ROLE_I);
  /* d1 moved into the other area: one header per area still. */
  g_assert_cmpuint (sd_duty_matrix_get_n_rows (matrix), ==, 5);
  g_assert_cmpuint (sd_duty_matrix_get_area_size (matrix, sd_duty_matrix_find_duty (matrix,
                                                                                   id (f->d1))),
                    ==, 2);

  /* Deleting a party drops its column and its cells. */
  g_assert_true (sd_store_delete (f->store, f->loose, &error));
  g_assert_no_error (error);
  sd_duty_matrix_flush (matrix);
  g_assert_cmpuint (sd_duty_matrix_get_n_columns (matrix), ==, 5);
}

/* Editing a duty's text is shown at once, without a rebuild. */
static void
test_edit_in_place (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SdDutyMatrix) matrix = sd_duty_matrix_new (f->store);
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  sd_duty_matrix_set_query (matrix, "应急演练");
  g_assert_cmpuint (sd_duty_matrix_get_n_shown (matrix), ==, 0);
  g_signal_connect (matrix, "changed", G_CALLBACK (count_cb), &changed);

  g_assert_true (sd_store_update (f->store, f->d3, &error, "text", "组织应急演练", NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (sd_duty_matrix_get_n_shown (matrix), ==, 1);
  g_assert_true (sd_duty_matrix_get_row_duty (matrix, 1) == f->d3);

  /* Nothing left for an idle rebuild to do. */
  sd_test_iterate ();
  g_assert_cmpuint (changed, ==, 1);
}

/* Drawing */

static SdMatrixTextCache *
new_cache (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 11");
  SdMatrixTextCache *cache;

  pango_context_set_font_description (context, font);
  pango_font_description_free (font);
  cache = sd_matrix_text_cache_new (context);
  g_object_unref (context);
  return cache;
}

static void
test_lookup (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SdDutyMatrix) matrix = sd_duty_matrix_new (f->store);
  g_autoptr(SdMatrixTextCache) cache = new_cache ();
  SdMatrixMetrics m;
  double top;
  guint row, column;

  sd_matrix_metrics_init (&m, cache, 1.0);
  top = m.group_height + m.header_height;

  g_assert_cmpint (sd_matrix_lookup (matrix, &m, 0, 0, 5, 5, &row, &column), ==,
                   SD_MATRIX_HIT_CORNER);
  g_assert_cmpint (sd_matrix_lookup (matrix, &m, 0, 0, 5, top + 1.5 * m.row_height,
                                     &row, &column), ==, SD_MATRIX_HIT_ROW_HEADER);
  g_assert_cmpuint (row, ==, 1);
  g_assert_cmpint (sd_matrix_lookup (matrix, &m, 0, 0, m.row_header_width + 2.5 * m.column_width,
                                     5, &row, &column), ==, SD_MATRIX_HIT_COLUMN_HEADER);
  g_assert_cmpuint (column, ==, 2);

  /* Scrolled by a row and a column, the same point is the next cell. */
  g_assert_cmpint (sd_matrix_lookup (matrix, &m, 0, 0, m.row_header_width + 0.5 * m.column_width,
                                     top + 3.5 * m.row_height, &row, &column), ==,
                   SD_MATRIX_HIT_CELL);
  g_assert_cmpuint (row, ==, 3);
  g_assert_cmpuint (column, ==, 0);
  g_assert_cmpint (sd_matrix_lookup (matrix, &m, m.column_width, m.row_height,
                                     m.row_header_width + 0.5 * m.column_width,
                                     top + 3.5 * m.row_height, &row, &column), ==,
                   SD_MATRIX_HIT_CELL);
  g_assert_cmpuint (row, ==, 4);
  g_assert_cmpuint (column, ==, 1);

  /* Past the last row or column there is nothing. */
  g_assert_cmpint (sd_matrix_lookup (matrix, &m, 0, 0, m.row_header_width + 50 * m.column_width,
                                     top + 1, &row, &column), ==, SD_MATRIX_HIT_NONE);
  g_assert_cmpuint (column, ==, G_MAXUINT);
  g_assert_cmpint (sd_matrix_lookup (matrix, &m, 0, 0, 5, top + 50 * m.row_height,
                                     &row, &column), ==, SD_MATRIX_HIT_NONE);
}

static void
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y,
          SdColor         *color)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 argb = *(const guint32 *) (data + (int) y * stride + (int) x * 4);

  color->red = ((argb >> 16) & 0xff) / 255.0;
  color->green = ((argb >> 8) & 0xff) / 255.0;
  color->blue = (argb & 0xff) / 255.0;
  color->alpha = 1;
}

static void
assert_color (const SdColor *got,
              const SdColor *want)
{
  g_assert_cmpfloat_with_epsilon (got->red, want->red, 0.02);
  g_assert_cmpfloat_with_epsilon (got->green, want->green, 0.02);
  g_assert_cmpfloat_with_epsilon (got->blue, want->blue, 0.02);
}

/* Each filled cell is painted in its strongest role's colour; empty cells
 * and scrolled-away cells keep the background. */
static void
test_draw (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(SdDutyMatrix) matrix = sd_duty_matrix_new (f->store);
  g_autoptr(SdMatrixTextCache) cache = new_cache ();
  SdMatrixMetrics m;
  SdMatrixStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height, top;
  SdColor got;

  sd_matrix_metrics_init (&m, cache, 1.0);
  sd_matrix_style_init_default (&style, FALSE);
  sd_matrix_get_content_size (matrix, &m, &width, &height);
  top = m.group_height + m.header_height;
  g_assert_cmpfloat (width, ==, m.row_header_width + 6 * m.column_width);
  g_assert_cmpfloat (height, ==, top + 5 * m.row_height);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
  cr = cairo_create (surface);
  sd_matrix_draw (cr, matrix, &m, &style, cache, 0, 0, width, height, G_MAXUINT, G_MAXUINT,
                  NULL);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

#define CELL_CORNER(r, c) \
  m.row_header_width + (c) * m.column_width + 5, top + (r) * m.row_height + 5

  pixel_at (surface, CELL_CORNER (1, 0), &got);               /* A of the body */
  assert_color (&got, &style.role_fill[1]);
  pixel_at (surface, CELL_CORNER (1, 3), &got);               /* R of the director */
  assert_color (&got, &style.role_fill[0]);
  pixel_at (surface, CELL_CORNER (4, 5), &got);               /* R of the administrator */
  assert_color (&got, &style.role_fill[0]);
  pixel_at (surface, CELL_CORNER (4, 4), &got);               /* I of the unit */
  assert_color (&got, &style.role_fill[3]);
  pixel_at (surface, CELL_CORNER (2, 1), &got);               /* C of the loose post */
  assert_color (&got, &style.role_fill[2]);
  pixel_at (surface, CELL_CORNER (2, 0), &got);               /* empty */
  assert_color (&got, &style.background);
  cairo_surface_destroy (surface);

  /* Scrolled right by one column: the body's A is gone from the first column. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
  cr = cairo_create (surface);
  sd_matrix_draw (cr, matrix, &m, &style, cache, m.column_width, 0, width, height,
                  G_MAXUINT, G_MAXUINT, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixel_at (surface, CELL_CORNER (1, 0), &got);
  assert_color (&got, &style.background);
  pixel_at (surface, CELL_CORNER (2, 0), &got);               /* C, now first */
  assert_color (&got, &style.role_fill[2]);
  cairo_surface_destroy (surface);
#undef CELL_CORNER
}

static SdColor
blend (const SdColor *under,
       const SdColor *over,
       double         alpha)
{
  return (SdColor) { under->red * (1 - alpha) + over->red * alpha,
                     under->green * (1 - alpha) + over->green * alpha,
                     under->blue * (1 - alpha) + over->blue * alpha, 1 };
}

/* Duties with a problem get the warning marker, the others none; the
 * selection tints its cells, and only them. */
static void
test_draw_marks (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SdDutyMatrix) matrix = sd_duty_matrix_new (f->store);
  g_autoptr(SdMatrixTextCache) cache = new_cache ();
  SdMatrixSelection selection = { 1, 2, 2, 3 };   /* d1 and d3 × company and director */
  SdMatrixMetrics m;
  SdMatrixStyle style;
  cairo_rectangle_t marker;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height, top;
  SdColor got, want;

  /* d1 has its A and R; d3 only a C; d2 an R and an I but no A. */
  g_assert_cmpuint (sd_duty_matrix_get_row_problems (matrix, 1), ==, 0);
  g_assert_cmpuint (sd_duty_matrix_get_row_problems (matrix, 2), ==,
                    SD_DUTY_PROBLEM_NO_ACCOUNTABLE | SD_DUTY_PROBLEM_NO_RESPONSIBLE);
  g_assert_cmpuint (sd_duty_matrix_get_row_problems (matrix, 4), ==,
                    SD_DUTY_PROBLEM_NO_ACCOUNTABLE);
  g_assert_cmpuint (sd_duty_matrix_get_row_problems (matrix, 0), ==, 0);

  sd_matrix_metrics_init (&m, cache, 1.0);
  sd_matrix_style_init_default (&style, FALSE);
  /* Colours far from every other of the style, to tell them apart. */
  style.warning = sd_color_from_hex (0xff8000);
  style.selection = sd_color_from_hex (0x00c000);
  sd_matrix_get_content_size (matrix, &m, &width, &height);
  top = m.group_height + m.header_height;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
  cr = cairo_create (surface);
  sd_matrix_draw (cr, matrix, &m, &style, cache, 0, 0, width, height, G_MAXUINT, G_MAXUINT,
                  &selection);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* The lower left of the triangle, away from its exclamation mark. */
  for (guint row = 1; row <= 4; row++)
    {
      sd_matrix_get_marker_area (&m, 0, row, &marker);
      g_assert_cmpfloat (marker.x, >, m.code_width);
      g_assert_cmpfloat (marker.x + marker.width, <=, m.row_header_width);
      g_assert_cmpfloat (marker.y, >=, top + row * m.row_height);
      g_assert_cmpfloat (marker.y + marker.height, <=, top + (row + 1) * m.row_height);
      pixel_at (surface, marker.x + marker.width * 0.25, marker.y + marker.height * 0.85, &got);
      if (row == 2 || row == 4)
        assert_color (&got, &style.warning);
      else if (row == 1)
        assert_color (&got, &style.background);
    }

#define CELL_CORNER(r, c) \
  m.row_header_width + (c) * m.column_width + 5, top + (r) * m.row_height + 5

  pixel_at (surface, CELL_CORNER (2, 2), &got);               /* empty, selected */
  want = blend (&style.background, &style.selection, 0.22);
  assert_color (&got, &want);
  pixel_at (surface, CELL_CORNER (1, 3), &got);               /* R of the director, selected */
  want = blend (&style.role_fill[0], &style.selection, 0.22);
  assert_color (&got, &want);
  pixel_at (surface, CELL_CORNER (2, 4), &got);               /* empty, not selected */
  assert_color (&got, &style.background);
  pixel_at (surface, CELL_CORNER (4, 2), &got);
  assert_color (&got, &style.background);
#undef CELL_CORNER
  cairo_surface_destroy (surface);
}

/* The widget: the keyboard moves a cursor over duties (never onto an area
 * header) and the accessible label names the cell. */
static void
test_view_keyboard (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SdDutyMatrix) matrix = sd_duty_matrix_new (f->store);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = sd_matrix_view_new ();
  GtkEventController *key = NULL;
  g_autofree char *label = NULL;
  guint row, column;

  sd_matrix_view_set_matrix (SD_MATRIX_VIEW (view), matrix);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 400);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 20; i++)
    sd_test_iterate ();

  key = sd_test_controller (view, GTK_TYPE_EVENT_CONTROLLER_KEY);

#define PRESS(keyval) \
  g_signal_emit_by_name (key, "key-pressed", keyval, 0, 0, &(gboolean) { FALSE })

  PRESS (GDK_KEY_Down);                       /* onto the first duty, past the header */
  sd_matrix_view_get_cursor (SD_MATRIX_VIEW (view), &row, &column);
  g_assert_cmpuint (row, ==, 1);
  g_assert_cmpuint (column, ==, G_MAXUINT);
  label = sd_matrix_view_describe_cursor (SD_MATRIX_VIEW (view));
  g_assert_nonnull (strstr (label, "003-9.1"));
  g_clear_pointer (&label, g_free);

  PRESS (GDK_KEY_Right);
  PRESS (GDK_KEY_Down);
  PRESS (GDK_KEY_Down);                       /* skips the second area's header */
  sd_matrix_view_get_cursor (SD_MATRIX_VIEW (view), &row, &column);
  g_assert_cmpuint (row, ==, 4);
  g_assert_cmpuint (column, ==, 0);
  PRESS (GDK_KEY_End);                        /* the last column: the administrator */
  sd_matrix_view_get_cursor (SD_MATRIX_VIEW (view), &row, &column);
  g_assert_cmpuint (column, ==, 5);
  label = sd_matrix_view_describe_cursor (SD_MATRIX_VIEW (view));
  g_assert_nonnull (strstr (label, "003-12.2"));
  g_assert_nonnull (strstr (label, "安全管理员"));
  g_assert_nonnull (strstr (label, "Responsible"));
  g_clear_pointer (&label, g_free);

  PRESS (GDK_KEY_Up);
  PRESS (GDK_KEY_Up);                         /* back over the header */
  sd_matrix_view_get_cursor (SD_MATRIX_VIEW (view), &row, NULL);
  g_assert_cmpuint (row, ==, 1);
  PRESS (GDK_KEY_Home);                       /* to the duty column */
  sd_matrix_view_get_cursor (SD_MATRIX_VIEW (view), NULL, &column);
  g_assert_cmpuint (column, ==, G_MAXUINT);

  /* A search that hides the cursor's duty drops the cursor; the duty
   * comes back with it. */
  sd_matrix_view_set_cursor (SD_MATRIX_VIEW (view), 4, 5);
  sd_duty_matrix_set_query (matrix, "领导");
  sd_matrix_view_get_cursor (SD_MATRIX_VIEW (view), &row, NULL);
  g_assert_cmpuint (row, ==, G_MAXUINT);
  sd_duty_matrix_set_query (matrix, "");
  sd_matrix_view_set_cursor (SD_MATRIX_VIEW (view), 4, 5);
  sd_duty_matrix_set_query (matrix, "数据");
  sd_matrix_view_get_cursor (SD_MATRIX_VIEW (view), &row, &column);
  g_assert_cmpuint (row, ==, 1);
  g_assert_cmpuint (column, ==, 5);
#undef PRESS

  gtk_window_destroy (GTK_WINDOW (window));
  sd_test_iterate ();
}

/* Editing in the widget */

typedef struct
{
  guint   n_edited;
  guint   n_cells;
  GArray *undo;
  guint   n_errors;
  GError *error;
} Edits;

typedef struct
{
  GtkWidget          *window;
  SdMatrixView       *view;
  SdDutyMatrix       *matrix;
  GtkEventController *key;
  GtkGesture         *drag;
  Edits               edits;
} Rig;

static void
edited_cb (SdMatrixView *view,
           guint         n_cells,
           GArray       *undo,
           Edits        *edits)
{
  edits->n_edited++;
  edits->n_cells = n_cells;
  g_clear_pointer (&edits->undo, g_array_unref);
  edits->undo = g_array_ref (undo);
}

static void
error_cb (SdMatrixView *view,
          GError       *error,
          Edits        *edits)
{
  edits->n_errors++;
  g_clear_error (&edits->error);
  edits->error = g_error_copy (error);
}

static void
rig_set_up (Rig     *rig,
            SdStore *store)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  memset (rig, 0, sizeof *rig);
  rig->matrix = sd_duty_matrix_new (store);
  rig->window = gtk_window_new ();
  rig->view = SD_MATRIX_VIEW (sd_matrix_view_new ());
  sd_matrix_view_set_matrix (rig->view, rig->matrix);
  sd_matrix_view_set_store (rig->view, store);
  g_assert_true (sd_matrix_view_get_store (rig->view) == store);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (rig->view));
  gtk_window_set_child (GTK_WINDOW (rig->window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (rig->window), 1000, 500);
  gtk_window_present (GTK_WINDOW (rig->window));
  for (int i = 0; i < 20; i++)
    sd_test_iterate ();

  g_signal_connect (rig->view, "edited", G_CALLBACK (edited_cb), &rig->edits);
  g_signal_connect (rig->view, "error", G_CALLBACK (error_cb), &rig->edits);

  rig->key = sd_test_controller (rig->view, GTK_TYPE_EVENT_CONTROLLER_KEY);
  rig->drag = sd_test_controller (rig->view, GTK_TYPE_GESTURE_DRAG);
}

static void
rig_tear_down (Rig *rig)
{
  gtk_window_destroy (GTK_WINDOW (rig->window));
  sd_test_iterate ();
  g_clear_object (&rig->matrix);
  g_clear_pointer (&rig->edits.undo, g_array_unref);
  g_clear_error (&rig->edits.error);
}

static void
press (Rig             *rig,
       guint            keyval,
       GdkModifierType  state)
{
  g_assert_true (sd_test_press_key (rig->key, keyval, state));
}

/* A press and a release of the primary button over a cell, as the drag
 * gesture reports them; @to_row, @to_column: where the pointer is let go. */
static void
drag (Rig   *rig,
      guint  row,
      guint  column,
      guint  to_row,
      guint  to_column)
{
  SdMatrixTextCache *cache =
    sd_matrix_text_cache_new (gtk_widget_get_pango_context (GTK_WIDGET (rig->view)));
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (rig->view));
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (rig->view));
  SdMatrixMetrics m;
  double x, y, dx, dy, top;

  sd_matrix_metrics_init (&m, cache, sd_matrix_view_get_zoom (rig->view));
  sd_matrix_text_cache_free (cache);
  top = m.group_height + m.header_height;
  x = m.row_header_width + (column + 0.5) * m.column_width - gtk_adjustment_get_value (h);
  y = top + (row + 0.5) * m.row_height - gtk_adjustment_get_value (v);
  dx = ((double) to_column - column) * m.column_width;
  dy = ((double) to_row - row) * m.row_height;

  g_signal_emit_by_name (rig->drag, "drag-begin", x, y);
  if (dx != 0 || dy != 0)
    g_signal_emit_by_name (rig->drag, "drag-update", dx, dy);
  g_signal_emit_by_name (rig->drag, "drag-end", dx, dy);
}

static void
click (Rig   *rig,
       guint  row,
       guint  column)
{
  drag (rig, row, column, row, column);
}

/* The roles the store holds for a cell, as "R", "AC", or "" for none. */
static char *
roles_in_store (SdStore    *store,
                gpointer    duty,
                const char *kind,
                gpointer    party)
{
  GListModel *assignments = sd_store_get_items (store, SD_TYPE_ASSIGNMENT);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (assignments); i++)
    {
      g_autoptr(SdAssignment) a = g_list_model_get_item (assignments, i);
      gint64 party_id;

      if (sd_assignment_get_duty_id (a) != id (duty))
        continue;
      if (g_str_equal (kind, "post"))
        party_id = sd_assignment_get_post_id (a);
      else if (g_str_equal (kind, "unit"))
        party_id = sd_assignment_get_unit_id (a);
      else
        party_id = sd_assignment_get_body_id (a);
      if (party_id == id (party))
        g_string_append (out, sd_assignment_get_role (a));
    }
  return g_string_free (out, FALSE);
}

#define assert_roles(f, duty, kind, party, want) \
  G_STMT_START { \
    g_autofree char *_got = roles_in_store ((f)->store, (duty), (kind), (party)); \
    g_assert_cmpstr (_got, ==, (want)); \
  } G_STMT_END

static void
assert_label_has (Rig        *rig,
                  const char *text,
                  gboolean    has)
{
  g_autofree char *label = sd_matrix_view_describe_cursor (rig->view);

  if (has && strstr (label, text) == NULL)
    g_error ("“%s” is not in “%s”", text, label);
  if (!has && strstr (label, text) != NULL)
    g_error ("“%s” should not be in “%s”", text, label);
}

/* R, A, C, I give the cursor's cell its role, Delete takes it away; each
 * edit is reported with what undoes it, and the label follows. */
static void
test_view_set_roles (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) undo = NULL;
  Rig rig;

  rig_set_up (&rig, f->store);
  sd_matrix_view_set_cursor (rig.view, 4, 3);          /* d2 × the director: empty */
  assert_roles (f, f->d2, "post", f->director, "");
  assert_label_has (&rig, "no role", TRUE);

  press (&rig, GDK_KEY_r, 0);
  assert_roles (f, f->d2, "post", f->director, "R");
  g_assert_cmpuint (rig.edits.n_edited, ==, 1);
  g_assert_cmpuint (rig.edits.n_cells, ==, 1);
  g_assert_cmpuint (rig.edits.undo->len, ==, 1);
  /* Shown at once, and the cursor stayed on its cell through the rebuild. */
  g_assert_cmpuint (sd_duty_matrix_get_roles (rig.matrix, 4, 3), ==, SD_ROLE_R);
  assert_label_has (&rig, "Responsible", TRUE);
  {
    guint row, column;

    sd_matrix_view_get_cursor (rig.view, &row, &column);
    g_assert_cmpuint (row, ==, 4);
    g_assert_cmpuint (column, ==, 3);
  }

  press (&rig, GDK_KEY_A, GDK_SHIFT_MASK);              /* the capital works too */
  assert_roles (f, f->d2, "post", f->director, "A");
  assert_label_has (&rig, "Accountable", TRUE);
  press (&rig, GDK_KEY_c, 0);
  assert_roles (f, f->d2, "post", f->director, "C");
  press (&rig, GDK_KEY_i, 0);
  assert_roles (f, f->d2, "post", f->director, "I");
  assert_label_has (&rig, "Informed", TRUE);
  g_assert_cmpuint (rig.edits.n_edited, ==, 4);
  undo = g_array_ref (rig.edits.undo);

  /* The same role again changes nothing and reports nothing. */
  press (&rig, GDK_KEY_i, 0);
  g_assert_cmpuint (rig.edits.n_edited, ==, 4);

  press (&rig, GDK_KEY_Delete, 0);
  assert_roles (f, f->d2, "post", f->director, "");
  assert_label_has (&rig, "no role", TRUE);
  g_assert_cmpuint (rig.edits.n_edited, ==, 5);
  g_assert_cmpuint (rig.edits.n_cells, ==, 1);

  /* Undoing the deletion, then the I. */
  g_assert_true (sd_matrix_view_apply (rig.view, (SdCellChange *) rig.edits.undo->data,
                                       rig.edits.undo->len, &error));
  g_assert_no_error (error);
  assert_roles (f, f->d2, "post", f->director, "I");
  assert_label_has (&rig, "Informed", TRUE);
  g_assert_true (sd_matrix_view_apply (rig.view, (SdCellChange *) undo->data, undo->len,
                                       &error));
  g_assert_no_error (error);
  assert_roles (f, f->d2, "post", f->director, "C");
  /* Undoing is not an edit by the user. */
  g_assert_cmpuint (rig.edits.n_edited, ==, 5);
  g_assert_cmpuint (rig.edits.n_errors, ==, 0);

  /* Other cells were left alone. */
  assert_roles (f, f->d2, "post", f->admin, "R");
  assert_roles (f, f->d2, "unit", f->it, "I");
  rig_tear_down (&rig);
}

/* Shift+arrows select a rectangle; one key sets all its cells in one edit,
 * which one undo puts back; Ctrl+D fills it downwards. */
static void
test_view_selection (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SdMatrixSelection selection;
  Rig rig;

  rig_set_up (&rig, f->store);
  sd_matrix_view_set_cursor (rig.view, 1, 0);          /* d1 × the body: A */
  g_assert_true (sd_matrix_view_get_selection (rig.view, &selection));
  g_assert_cmpuint (selection.first_row, ==, 1);
  g_assert_cmpuint (selection.last_row, ==, 1);
  g_assert_cmpuint (selection.first_column, ==, 0);
  g_assert_cmpuint (selection.last_column, ==, 0);
  assert_label_has (&rig, "selected", FALSE);

  press (&rig, GDK_KEY_Right, GDK_SHIFT_MASK);
  press (&rig, GDK_KEY_Right, GDK_SHIFT_MASK);
  g_assert_true (sd_matrix_view_get_selection (rig.view, &selection));
  g_assert_cmpuint (selection.first_column, ==, 0);
  g_assert_cmpuint (selection.last_column, ==, 2);
  assert_label_has (&rig, "3 cells selected", TRUE);

  press (&rig, GDK_KEY_c, 0);
  g_assert_cmpuint (rig.edits.n_edited, ==, 1);
  g_assert_cmpuint (rig.edits.n_cells, ==, 3);
  assert_roles (f, f->d1, "body", f->group, "C");
  assert_roles (f, f->d1, "post", f->loose, "C");
  assert_roles (f, f->d1, "unit", f->company, "C");
  assert_roles (f, f->d1, "post", f->director, "R");   /* outside */
  /* The selection survives the rebuild. */
  g_assert_true (sd_matrix_view_get_selection (rig.view, &selection));
  g_assert_cmpuint (selection.last_column - selection.first_column, ==, 2);

  g_assert_true (sd_matrix_view_apply (rig.view, (SdCellChange *) rig.edits.undo->data,
                                       rig.edits.undo->len, &error));
  g_assert_no_error (error);
  assert_roles (f, f->d1, "body", f->group, "A");
  assert_roles (f, f->d1, "post", f->loose, "");
  assert_roles (f, f->d1, "unit", f->company, "");

  /* Down over d3 (same area), then fill down from d1: its A, its R, and
   * nothing where d3 had its C. */
  press (&rig, GDK_KEY_End, GDK_SHIFT_MASK);            /* to the last column */
  press (&rig, GDK_KEY_Down, GDK_SHIFT_MASK);
  g_assert_true (sd_matrix_view_get_selection (rig.view, &selection));
  g_assert_cmpuint (selection.first_row, ==, 1);
  g_assert_cmpuint (selection.last_row, ==, 2);
  g_assert_cmpuint (selection.first_column, ==, 0);
  g_assert_cmpuint (selection.last_column, ==, 5);
  press (&rig, GDK_KEY_d, GDK_CONTROL_MASK);
  g_assert_cmpuint (rig.edits.n_edited, ==, 2);
  assert_roles (f, f->d3, "body", f->group, "A");
  assert_roles (f, f->d3, "post", f->director, "R");
  assert_roles (f, f->d3, "post", f->loose, "");
  g_assert_cmpuint (rig.edits.n_cells, ==, 3);
  assert_roles (f, f->d1, "body", f->group, "A");       /* the source row is unchanged */

  /* Escape leaves the cursor's cell alone selected. */
  press (&rig, GDK_KEY_Escape, 0);
  g_assert_true (sd_matrix_view_get_selection (rig.view, &selection));
  g_assert_cmpuint (selection.first_row, ==, selection.last_row);
  g_assert_cmpuint (selection.first_column, ==, selection.last_column);
  rig_tear_down (&rig);
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* A click moves the cursor; a click on the cursor's cell cycles its role
 * through R, A, C, I and back to none; a drag selects. */
static void
test_view_click (Fixture       *f,
                 gconstpointer  data)
{
  static const char *cycle[] = { "R", "A", "C", "I", "" };
  SdMatrixSelection selection;
  guint row, column;
  Rig rig;

  guint row_notified = 0;

  rig_set_up (&rig, f->store);
  g_signal_connect (rig.view, "notify::cursor-row", G_CALLBACK (notify_count_cb),
                    &row_notified);
  click (&rig, 2, 3);                                   /* d3 × the director */
  sd_matrix_view_get_cursor (rig.view, &row, &column);
  g_assert_cmpuint (row, ==, 2);
  g_assert_cmpuint (column, ==, 3);
  g_assert_cmpuint (row_notified, ==, 1);
  g_assert_cmpuint (rig.edits.n_edited, ==, 0);
  assert_roles (f, f->d3, "post", f->director, "");

  for (guint i = 0; i < G_N_ELEMENTS (cycle); i++)
    {
      click (&rig, 2, 3);
      assert_roles (f, f->d3, "post", f->director, cycle[i]);
    }
  g_assert_cmpuint (rig.edits.n_edited, ==, G_N_ELEMENTS (cycle));
  /* The rebuilds kept the cursor where it was: nothing to tell. */
  g_assert_cmpuint (row_notified, ==, 1);
  g_object_get (rig.view, "cursor-row", &row, "cursor-column", &column, NULL);
  g_assert_cmpuint (row, ==, 2);
  g_assert_cmpuint (column, ==, 3);

  /* Dragging from the cursor's cell selects instead of cycling. */
  drag (&rig, 2, 3, 4, 5);
  assert_roles (f, f->d3, "post", f->director, "");
  g_assert_cmpuint (rig.edits.n_edited, ==, G_N_ELEMENTS (cycle));
  g_assert_true (sd_matrix_view_get_selection (rig.view, &selection));
  g_assert_cmpuint (selection.first_row, ==, 2);
  g_assert_cmpuint (selection.last_row, ==, 4);
  g_assert_cmpuint (selection.first_column, ==, 3);
  g_assert_cmpuint (selection.last_column, ==, 5);
  /* Three columns of two duties; the area header between holds none. */
  assert_label_has (&rig, "6 cells selected", TRUE);

  /* A click elsewhere moves the cursor and ends the selection. */
  click (&rig, 1, 1);
  g_assert_true (sd_matrix_view_get_selection (rig.view, &selection));
  g_assert_cmpuint (selection.first_row, ==, 1);
  g_assert_cmpuint (selection.last_row, ==, 1);
  g_assert_cmpuint (rig.edits.n_edited, ==, G_N_ELEMENTS (cycle));
  rig_tear_down (&rig);
}

static GtkWidget *
find_role_button (GtkWidget  *widget,
                  const char *role)
{
  if (GTK_IS_BUTTON (widget))
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

      if (target != NULL && g_str_equal (g_variant_get_string (target, NULL), role))
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_role_button (child, role);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Menu key opens a popover on the cell; its buttons set the role of
 * the selection. */
static void
test_view_popover (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *popover = NULL, *button;
  Rig rig;

  rig_set_up (&rig, f->store);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (rig.view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_POPOVER (child))
        popover = child;
    }
  g_assert_nonnull (popover);
  g_assert_false (gtk_widget_get_visible (popover));

  sd_matrix_view_set_cursor (rig.view, 4, 2);          /* d2 × the company */
  press (&rig, GDK_KEY_Down, GDK_SHIFT_MASK);           /* stays: d2 is the last duty */
  press (&rig, GDK_KEY_Right, GDK_SHIFT_MASK);          /* and the director */
  press (&rig, GDK_KEY_Menu, 0);
  sd_test_iterate ();
  g_assert_true (gtk_widget_get_visible (popover));
  for (guint i = 0; i < 5; i++)
    g_assert_nonnull (find_role_button (popover, (const char *[]) { "R", "A", "C", "I", "" }[i]));

  button = find_role_button (popover, "A");
  g_signal_emit_by_name (button, "clicked");
  sd_test_iterate ();
  g_assert_false (gtk_widget_get_visible (popover));
  assert_roles (f, f->d2, "unit", f->company, "A");
  assert_roles (f, f->d2, "post", f->director, "A");
  g_assert_cmpuint (rig.edits.n_edited, ==, 1);
  g_assert_cmpuint (rig.edits.n_cells, ==, 2);

  /* Shift+F10 too; "None" clears. */
  press (&rig, GDK_KEY_F10, GDK_SHIFT_MASK);
  sd_test_iterate ();
  g_assert_true (gtk_widget_get_visible (popover));
  g_signal_emit_by_name (find_role_button (popover, ""), "clicked");
  sd_test_iterate ();
  assert_roles (f, f->d2, "unit", f->company, "");
  assert_roles (f, f->d2, "post", f->director, "");
  rig_tear_down (&rig);
}

/* A duty without an A shows the problem until it gets one. */
static void
test_view_problems (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *problem = sd_duty_problems_describe (SD_DUTY_PROBLEM_NO_ACCOUNTABLE);
  Rig rig;

  g_assert_nonnull (problem);
  g_assert_null (sd_duty_problems_describe (0));

  rig_set_up (&rig, f->store);
  sd_matrix_view_set_cursor (rig.view, 4, 3);          /* d2 × the director */
  g_assert_cmpuint (sd_duty_matrix_get_row_problems (rig.matrix, 4), ==,
                    SD_DUTY_PROBLEM_NO_ACCOUNTABLE);
  assert_label_has (&rig, problem, TRUE);

  press (&rig, GDK_KEY_a, 0);
  g_assert_cmpuint (sd_duty_matrix_get_row_problems (rig.matrix, 4), ==, 0);
  assert_label_has (&rig, problem, FALSE);

  /* A second A is a problem of its own. */
  press (&rig, GDK_KEY_Right, 0);
  press (&rig, GDK_KEY_Right, 0);
  press (&rig, GDK_KEY_a, 0);
  g_assert_cmpuint (sd_duty_matrix_get_row_problems (rig.matrix, 4), ==,
                    SD_DUTY_PROBLEM_MULTIPLE_ACCOUNTABLE | SD_DUTY_PROBLEM_NO_RESPONSIBLE);
  rig_tear_down (&rig);
}

/* A store that refuses the edit: "error", and nothing changed. The file is
 * made read-only; as root, for whom that does not count, another
 * connection holds the write lock instead. */
static void
test_view_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "refusing.db", NULL);
  g_autoptr(SdStore) locker = NULL;
  SdStore *store;
  SdPost *post;
  SdDuty *duty;
  gint64 post_id, duty_id;
  Rig rig;

  store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  post = sd_store_insert (store, SD_TYPE_POST, &error, "name", "保密员", NULL);
  g_assert_no_error (error);
  duty = sd_store_insert (store, SD_TYPE_DUTY, &error, "code", "1", "area", "职责",
                          "text", "保管涉密载体", NULL);
  g_assert_no_error (error);
  post_id = id (post);
  duty_id = id (duty);
  g_object_unref (store);
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);

  store = sd_store_open (path, SD_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  if (!sd_store_get_read_only (store))
    {
      g_test_message ("The file is writable all the same (root): locking it instead");
      locker = sd_store_open (path, SD_STORE_OPEN_NONE, &error);
      g_assert_no_error (error);
      g_assert_true (sd_store_begin (locker, &error));
      g_assert_no_error (error);
    }

  rig_set_up (&rig, store);
  sd_matrix_view_set_cursor (rig.view, 1, 0);
  g_assert_true (sd_duty_matrix_get_row_duty (rig.matrix, 1) ==
                 sd_store_lookup (store, SD_TYPE_DUTY, duty_id));
  g_assert_cmpint (sd_duty_matrix_get_column (rig.matrix, 0)->id, ==, post_id);

  press (&rig, GDK_KEY_r, 0);
  g_assert_cmpuint (rig.edits.n_errors, ==, 1);
  g_assert_cmpuint (rig.edits.n_edited, ==, 0);
  g_assert_nonnull (rig.edits.error);
  g_assert_true (rig.edits.error->domain == SD_STORE_ERROR);
  g_test_message ("Refused: %s", rig.edits.error->message);
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_ASSIGNMENT)),
                    ==, 0);
  g_assert_cmpuint (sd_duty_matrix_get_roles (rig.matrix, 1, 0), ==, 0);

  /* Undo through the view reports its error to the caller. */
  {
    SdCellChange change = { duty_id, SD_PARTY_POST, post_id, 'A' };

    g_assert_false (sd_matrix_view_apply (rig.view, &change, 1, &error));
    g_assert_error (error, SD_STORE_ERROR, rig.edits.error->code);
    g_clear_error (&error);
  }
  g_assert_cmpuint (rig.edits.n_errors, ==, 1);

  rig_tear_down (&rig);
  if (locker != NULL)
    sd_store_rollback (locker);
  g_clear_object (&locker);
  g_object_unref (store);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (path, (const char *[]) { "", "-wal", "-shm" }[i],
                                           NULL);

      g_remove (file);
    }
}

/* Ctrl+plus, Ctrl+minus and Ctrl+0 zoom. */
static void
test_view_zoom (Fixture       *f,
                gconstpointer  data)
{
  Rig rig;
  double zoom;

  rig_set_up (&rig, f->store);
  g_assert_cmpfloat (sd_matrix_view_get_zoom (rig.view), ==, 1.0);
  press (&rig, GDK_KEY_plus, GDK_CONTROL_MASK);
  zoom = sd_matrix_view_get_zoom (rig.view);
  g_assert_cmpfloat (zoom, >, 1.0);
  press (&rig, GDK_KEY_minus, GDK_CONTROL_MASK);
  press (&rig, GDK_KEY_minus, GDK_CONTROL_MASK);
  g_assert_cmpfloat (sd_matrix_view_get_zoom (rig.view), <, 1.0);
  press (&rig, GDK_KEY_0, GDK_CONTROL_MASK);
  g_assert_cmpfloat (sd_matrix_view_get_zoom (rig.view), ==, 1.0);

  /* Clicks still land on the right cell when zoomed. */
  press (&rig, GDK_KEY_plus, GDK_CONTROL_MASK);
  for (int i = 0; i < 5; i++)
    sd_test_iterate ();
  click (&rig, 4, 5);
  {
    guint row, column;

    sd_matrix_view_get_cursor (rig.view, &row, &column);
    g_assert_cmpuint (row, ==, 4);
    g_assert_cmpuint (column, ==, 5);
  }
  rig_tear_down (&rig);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/matrix/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("layout", test_layout);
  ADD ("query", test_query);
  ADD ("follows-store", test_follows_store);
  ADD ("edit-in-place", test_edit_in_place);
  ADD ("lookup", test_lookup);
  ADD ("draw", test_draw);
  ADD ("draw-marks", test_draw_marks);
  ADD ("view-keyboard", test_view_keyboard);
  ADD ("view-set-roles", test_view_set_roles);
  ADD ("view-selection", test_view_selection);
  ADD ("view-click", test_view_click);
  ADD ("view-popover", test_view_popover);
  ADD ("view-problems", test_view_problems);
  ADD ("view-refused", test_view_refused);
  ADD ("view-zoom", test_view_zoom);
#undef ADD

  return g_test_run ();
}
