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

#include "sd-assignment.h"
#include "sd-body.h"
#include "sd-duty-matrix.h"
#include "sd-duty.h"
#include "sd-matrix-render.h"
#include "sd-matrix-view.h"
#include "sd-post.h"
#include "sd-store.h"
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
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
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
  iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup (sd_store_get_path (f->store));
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (f->dir);
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
  iterate ();
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
  iterate ();
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
  sd_matrix_draw (cr, matrix, &m, &style, cache, 0, 0, width, height, G_MAXUINT, G_MAXUINT);
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
                  G_MAXUINT, G_MAXUINT);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixel_at (surface, CELL_CORNER (1, 0), &got);
  assert_color (&got, &style.background);
  pixel_at (surface, CELL_CORNER (2, 0), &got);               /* C, now first */
  assert_color (&got, &style.role_fill[2]);
  cairo_surface_destroy (surface);
#undef CELL_CORNER
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
    iterate ();

  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

        /* The widget keeps its controllers: borrowing is safe. */
        if (GTK_IS_EVENT_CONTROLLER_KEY (c))
          key = c;
      }
    g_assert_nonnull (key);
  }

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
  iterate ();
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
  ADD ("view-keyboard", test_view_keyboard);
#undef ADD

  return g_test_run ();
}
