/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sd-assignment.h"
#include "sd-demo.h"
#include "sd-duty.h"
#include "sd-duty-matrix.h"
#include "sd-matrix-render.h"
#include "sd-xlsx.h"

/* An .xlsx file is a zip of XML files; Python's zipfile reads them
 * without adding a dependency to the build. */
#define PYTHON "/usr/bin/python3"

typedef struct
{
  char    *dir;
  SdStore *store;
} Db;

static void
db_open (Db       *db,
         gboolean  demo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  db->dir = g_dir_make_tmp ("sd-test-xlsx-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (db->dir, "test.db", NULL);
  db->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  if (demo)
    {
      g_assert_true (sd_demo_populate (db->store, &error));
      g_assert_no_error (error);
    }
}

static void
db_close (Db *db)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&db->store);
  dir = g_dir_open (db->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (db->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (db->dir);
  g_clear_pointer (&db->dir, g_free);
}

/* The text of @member of the zip file at @path. */
static char *
read_member (const char *path,
             const char *member)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  const char *argv[] = {
    PYTHON, "-c",
    "import sys, zipfile\n"
    "sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))\n",
    path, member, NULL,
  };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("reading %s of %s: %s", member, path, err);
  g_assert_true (g_utf8_validate (out, -1, NULL));
  return g_steal_pointer (&out);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Whether @text is a shared string (a cell's whole text). */
static gboolean
has_string (const char *shared_strings,
            const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autofree char *element = g_strdup_printf (">%s</t>", escaped);

  return strstr (shared_strings, element) != NULL;
}

/* "A", …, "Z", "AA", … for a column from 0. */
static char *
column_letters (guint column)
{
  char letters[8];
  guint i = G_N_ELEMENTS (letters) - 1;

  letters[i] = '\0';
  column++;
  while (column > 0)
    {
      letters[--i] = 'A' + (column - 1) % 26;
      column = (column - 1) / 26;
    }
  return g_strdup (letters + i);
}

static char *
export_ok (SdStore    *store,
           const char *dir)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "matrix.xlsx", NULL);

  g_assert_true (sd_xlsx_export_matrix (store, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

static gboolean
have_python (void)
{
  if (g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    return TRUE;
  g_test_skip ("needs " PYTHON " to read the workbook");
  return FALSE;
}

static void
test_demo (void)
{
  g_autoptr(SdDutyMatrix) matrix = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shared = NULL;
  g_autofree char *sheet1 = NULL;
  g_autofree char *sheet2 = NULL;
  g_autofree char *styles = NULL;
  g_autofree char *workbook = NULL;
  g_autofree char *last = NULL;
  g_autofree char *title_merge = NULL;
  g_autoptr(GDir) dir = NULL;
  SdMatrixStyle style;
  guint n_areas = 0, n_duties = 0;
  const char *name;
  Db db = { 0 };

  if (!have_python ())
    return;

  db_open (&db, TRUE);
  path = export_ok (db.store, db.dir);

  /* Written in place of a temporary file, which is gone. */
  dir = g_dir_open (db.dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (g_str_has_prefix (name, "test.db") || g_str_equal (name, "matrix.xlsx"));

  shared = read_member (path, "xl/sharedStrings.xml");
  sheet1 = read_member (path, "xl/worksheets/sheet1.xml");
  sheet2 = read_member (path, "xl/worksheets/sheet2.xml");
  styles = read_member (path, "xl/styles.xml");
  workbook = read_member (path, "xl/workbook.xml");
  g_assert_cmpuint (count_occurrences (workbook, "<sheet "), ==, 2);

  matrix = sd_duty_matrix_new (db.store);
  sd_duty_matrix_flush (matrix);
  g_assert_cmpuint (sd_duty_matrix_get_n_columns (matrix), >, 0);
  last = column_letters (3 + sd_duty_matrix_get_n_columns (matrix) - 1);

  /* Every duty code, every party, every group of parties. */
  for (guint c = 0; c < sd_duty_matrix_get_n_columns (matrix); c++)
    {
      const char *party = sd_duty_matrix_get_column_name (matrix, c);

      if (!has_string (shared, party))
        g_error ("party “%s” missing", party);
    }
  for (guint g = 0; g < sd_duty_matrix_get_n_groups (matrix); g++)
    g_assert_true (has_string (shared, sd_duty_matrix_get_group (matrix, g)->title));

  /* One row per duty and one merged row per area, the title merged over
   * the whole width: the grid starts below the three header rows. */
  title_merge = g_strdup_printf ("<mergeCell ref=\"A1:%s1\"/>", last);
  g_assert_nonnull (strstr (sheet1, title_merge));
  for (guint r = 0; r < sd_duty_matrix_get_n_rows (matrix); r++)
    {
      SdDuty *duty = sd_duty_matrix_get_row_duty (matrix, r);

      if (duty == NULL)
        {
          g_autofree char *merge = g_strdup_printf ("<mergeCell ref=\"A%u:%s%u\"/>",
                                                    4 + r, last, 4 + r);

          g_assert_true (has_string (shared, sd_duty_matrix_get_row_area (matrix, r)));
          if (strstr (sheet1, merge) == NULL)
            g_error ("no merged area row %s", merge);
          n_areas++;
        }
      else
        {
          if (!has_string (shared, sd_duty_get_code (duty)))
            g_error ("duty code “%s” missing", sd_duty_get_code (duty));
          n_duties++;
        }
    }
  g_assert_cmpuint (n_duties, ==,
                    g_list_model_get_n_items (sd_store_get_items (db.store, SD_TYPE_DUTY)));
  g_assert_cmpuint (n_areas, >, 1);

  /* Headers and duty columns stay in place. */
  g_assert_nonnull (strstr (sheet1, "<pane xSplit=\"3\" ySplit=\"3\""));
  g_assert_nonnull (strstr (sheet1, "state=\"frozen\""));

  /* The roles in the app's colours, and the legend. */
  sd_matrix_style_init_default (&style, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (style.role_fill); i++)
    {
      g_autofree char *rgb = g_strdup_printf ("rgb=\"FF%02X%02X%02X\"",
                                              (guint) (style.role_fill[i].red * 255 + 0.5),
                                              (guint) (style.role_fill[i].green * 255 + 0.5),
                                              (guint) (style.role_fill[i].blue * 255 + 0.5));

      if (strstr (styles, rgb) == NULL)
        g_error ("no fill %s", rgb);
    }
  g_assert_true (has_string (shared, "Legend"));
  g_assert_true (has_string (shared, "Responsible"));
  g_assert_true (has_string (shared, "Informed"));

  /* The second sheet: a header and one row per assignment, filterable. */
  g_assert_cmpuint (count_occurrences (sheet2, "<row "), ==,
                    g_list_model_get_n_items (sd_store_get_items (db.store,
                                                                  SD_TYPE_ASSIGNMENT)) + 1);
  g_assert_nonnull (strstr (sheet2, "<autoFilter"));

  g_remove (path);
  db_close (&db);
}

/* An empty database makes an empty grid, not an error. */
static void
test_empty (void)
{
  g_autofree char *path = NULL;
  g_autofree char *sheet2 = NULL;
  Db db = { 0 };

  if (!have_python ())
    return;

  db_open (&db, FALSE);
  path = export_ok (db.store, db.dir);
  sheet2 = read_member (path, "xl/worksheets/sheet2.xml");
  g_assert_cmpuint (count_occurrences (sheet2, "<row "), ==, 1);
  g_remove (path);
  db_close (&db);
}

static void
test_unwritable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Db db = { 0 };

  db_open (&db, FALSE);
  path = g_build_filename (db.dir, "no-such-folder", "matrix.xlsx", NULL);
  g_assert_false (sd_xlsx_export_matrix (db.store, path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_test_message ("%s", error->message);
  db_close (&db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xlsx/demo", test_demo);
  g_test_add_func ("/xlsx/empty", test_empty);
  g_test_add_func ("/xlsx/unwritable", test_unwritable);

  return g_test_run ();
}
