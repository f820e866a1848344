/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sd-duty-matrix.h"
#include "sd-duty-order.h"
#include "sd-store.h"

typedef struct
{
  char    *dir;
  char    *path;
  SdStore *store;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sd-test-duty-order-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = sd_store_open (fixture->path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  d = g_dir_open (fixture->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static SdDuty *
add_duty (SdStore    *store,
          const char *code,
          const char *area,
          int         position)
{
  g_autoptr(GError) error = NULL;
  SdDuty *duty = sd_store_insert (store, SD_TYPE_DUTY, &error,
                                  "code", code, "area", area, "text", code,
                                  "position", position, NULL);

  g_assert_no_error (error);
  return duty;
}

/* The codes of an area in grid order, joined by spaces. */
static char *
area_codes (SdStore    *store,
            const char *area)
{
  g_autoptr(GPtrArray) duties = sd_duties_in_area (store, area);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < duties->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "",
                            sd_duty_get_code (duties->pdata[i]));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_in_area (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *a = NULL;
  g_autofree char *none = NULL;

  /* Inserted out of order, and with another area in between. */
  add_duty (fixture->store, "a3", "A", 30);
  add_duty (fixture->store, "b1", "B", 15);
  add_duty (fixture->store, "a1", "A", 10);
  add_duty (fixture->store, "a2", "A", 20);
  add_duty (fixture->store, "x", NULL, 1);

  a = area_codes (fixture->store, "A");
  g_assert_cmpstr (a, ==, "a1 a2 a3");
  none = area_codes (fixture->store, NULL);
  g_assert_cmpstr (none, ==, "x");
}

static void
test_move (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SdDuty *a1 = add_duty (fixture->store, "a1", "A", 10);
  SdDuty *a3;
  SdDuty *b1 = add_duty (fixture->store, "b1", "B", 15);
  gboolean moved = FALSE;
  char *codes;

  add_duty (fixture->store, "a2", "A", 20);
  a3 = add_duty (fixture->store, "a3", "A", 30);

  g_assert_true (sd_duty_move (fixture->store, a1, 1, &moved, &error));
  g_assert_no_error (error);
  g_assert_true (moved);
  codes = area_codes (fixture->store, "A");
  g_assert_cmpstr (codes, ==, "a2 a1 a3");
  g_free (codes);

  /* The last stays last, without an error. */
  g_assert_true (sd_duty_move (fixture->store, a3, 1, &moved, &error));
  g_assert_false (moved);
  g_assert_true (sd_duty_move (fixture->store, a3, -1, &moved, &error));
  g_assert_true (moved);
  codes = area_codes (fixture->store, "A");
  g_assert_cmpstr (codes, ==, "a2 a3 a1");
  g_free (codes);

  /* Another area is left alone. */
  g_assert_cmpint (sd_duty_get_position (b1), ==, 15);
}

static void
test_move_ties (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SdDuty *second;
  gboolean moved = FALSE;
  g_autofree char *codes = NULL;

  /* Imported duties can all share one position: the order is by id. */
  add_duty (fixture->store, "t1", "T", 0);
  second = add_duty (fixture->store, "t2", "T", 0);
  add_duty (fixture->store, "t3", "T", 0);

  g_assert_true (sd_duty_move (fixture->store, second, -1, &moved, &error));
  g_assert_no_error (error);
  g_assert_true (moved);
  codes = area_codes (fixture->store, "T");
  g_assert_cmpstr (codes, ==, "t2 t1 t3");
}

static void
test_make_room (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SdDuty *a1 = add_duty (fixture->store, "a1", "A", 10);
  int position = -1;
  g_autofree char *codes = NULL;

  add_duty (fixture->store, "a2", "A", 11);
  add_duty (fixture->store, "a3", "A", 12);

  g_assert_true (sd_store_begin (fixture->store, &error));
  g_assert_true (sd_duties_make_room (fixture->store, "A", a1, 2, &position, &error));
  g_assert_no_error (error);
  g_assert_cmpint (position, ==, 11);
  add_duty (fixture->store, "n1", "A", position);
  add_duty (fixture->store, "n2", "A", position + 1);
  g_assert_true (sd_store_commit (fixture->store, &error));

  codes = area_codes (fixture->store, "A");
  g_assert_cmpstr (codes, ==, "a1 n1 n2 a2 a3");

  /* At the end of the area, and for a new area after everything. */
  g_assert_true (sd_duties_make_room (fixture->store, "A", NULL, 1, &position, &error));
  g_assert_cmpint (position, ==, 15);
  g_assert_true (sd_duties_make_room (fixture->store, "New", NULL, 1, &position, &error));
  g_assert_cmpint (position, ==, 15);
}

/* The codes of the matrix's rows, areas as "[name]". */
static char *
matrix_rows (SdDutyMatrix *matrix)
{
  g_autoptr(GString) out = g_string_new (NULL);

  sd_duty_matrix_flush (matrix);
  for (guint row = 0; row < sd_duty_matrix_get_n_rows (matrix); row++)
    {
      SdDuty *duty = sd_duty_matrix_get_row_duty (matrix, row);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (duty != NULL)
        g_string_append (out, sd_duty_get_code (duty));
      else
        g_string_append_printf (out, "[%s]", sd_duty_matrix_get_row_area (matrix, row));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_matrix_follows (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdDutyMatrix) matrix = NULL;
  SdDuty *a1, *a2;
  char *rows;

  a1 = add_duty (fixture->store, "a1", "A", 10);
  add_duty (fixture->store, "b1", "B", 5);
  a2 = add_duty (fixture->store, "a2", "A", 20);
  matrix = sd_duty_matrix_new (fixture->store);

  /* Areas in the order of their first duty by position. */
  rows = matrix_rows (matrix);
  g_assert_cmpstr (rows, ==, "[B] b1 [A] a1 a2");
  g_free (rows);

  /* A move reorders the grid at once. */
  g_assert_true (sd_duty_move (fixture->store, a2, -1, NULL, &error));
  g_assert_no_error (error);
  rows = matrix_rows (matrix);
  g_assert_cmpstr (rows, ==, "[B] b1 [A] a2 a1");
  g_free (rows);

  /* A duty put in the middle appears there, not at the end. */
  g_assert_true (sd_store_begin (fixture->store, &error));
  {
    int position = 0;

    g_assert_true (sd_duties_make_room (fixture->store, "A", a2, 1, &position, &error));
    add_duty (fixture->store, "new", "A", position);
  }
  g_assert_true (sd_store_commit (fixture->store, &error));
  rows = matrix_rows (matrix);
  g_assert_cmpstr (rows, ==, "[B] b1 [A] a2 new a1");
  g_free (rows);
  (void) a1;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/duty-order/in-area", Fixture, NULL, fixture_setup, test_in_area,
              fixture_teardown);
  g_test_add ("/duty-order/move", Fixture, NULL, fixture_setup, test_move, fixture_teardown);
  g_test_add ("/duty-order/move-ties", Fixture, NULL, fixture_setup, test_move_ties,
              fixture_teardown);
  g_test_add ("/duty-order/make-room", Fixture, NULL, fixture_setup, test_make_room,
              fixture_teardown);

  g_test_add ("/duty-order/matrix-follows", Fixture, NULL, fixture_setup, test_matrix_follows,
              fixture_teardown);

  return g_test_run ();
}
