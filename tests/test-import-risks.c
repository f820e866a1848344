/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sd-csv.h"
#include "sd-import.h"
#include "sd-risk.h"
#include "sd-risk-category.h"
#include "sd-store.h"
#include "sd-unit.h"

/* Helpers */

typedef struct
{
  char    *dir;
  char    *path;
  SdStore *store;
} Db;

static void
db_reopen (Db *db)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&db->store);
  db->store = sd_store_open (db->path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db->store);
}

static gboolean
import_text (SdStore     *store,
             const char  *kind,
             const char  *text,
             guint       *n_imported,
             GPtrArray  **row_errors,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return sd_import_bytes (store, kind, bytes, n_imported, row_errors, error);
}

static void
import_ok (SdStore    *store,
           const char *kind,
           const char *text,
           guint       expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) row_errors = NULL;
  guint n = 0;

  if (!import_text (store, kind, text, &n, &row_errors, &error))
    {
      for (guint i = 0; row_errors != NULL && i < row_errors->len; i++)
        {
          g_autofree char *line = sd_import_row_error_format (row_errors->pdata[i]);

          g_test_message ("%s", line);
        }
    }
  g_assert_no_error (error);
  g_assert_cmpuint (row_errors->len, ==, 0);
  g_assert_cmpuint (n, ==, expected);
}

/* A database with three units (two of them share no name), a category of
 * the user's, and the matrix @size × @size. */
static void
db_open (Db  *db,
         int  size)
{
  g_autoptr(GError) error = NULL;

  db->dir = g_dir_make_tmp ("sd-test-import-risks-XXXXXX", &error);
  g_assert_no_error (error);
  db->path = g_build_filename (db->dir, "test.db", NULL);
  db_reopen (db);

  import_ok (db->store, "units",
             "name,parent,kind,head,staff_count\n"
             "示例公司,,company,,0\n"
             "信息部,示例公司,department,,40\n"
             "财务部,示例公司,department,,12\n", 3);
  g_assert_nonnull (sd_store_insert (db->store, SD_TYPE_RISK_CATEGORY, &error,
                                     "code", "physical",
                                     "name", "物理安全",
                                     "position", 4,
                                     NULL));
  g_assert_no_error (error);

  if (size != 5)
    {
      sqlite3 *sql = NULL;
      g_autofree char *statement = g_strdup_printf ("UPDATE risk_matrix SET size = %d", size);

      /* The store reads the size when it opens the file. */
      g_clear_object (&db->store);
      g_assert_cmpint (sqlite3_open (db->path, &sql), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (sql, statement, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (sql);
      db_reopen (db);
      g_assert_cmpint (sd_store_get_matrix_size (db->store), ==, size);
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
  g_clear_pointer (&db->path, g_free);
}

static guint
count (SdStore *store,
       GType    type)
{
  return g_list_model_get_n_items (sd_store_get_items (store, type));
}

static guint
count_audit (SdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sd_store_get_audit_entries (store, NULL, 0, &error);

  g_assert_no_error (error);
  return entries->len;
}

static SdRisk *
find_risk (SdStore    *store,
           const char *code)
{
  GListModel *model = sd_store_get_items (store, SD_TYPE_RISK);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdRisk) risk = g_list_model_get_item (model, i);

      if (g_strcmp0 (sd_risk_get_code (risk), code) == 0)
        return risk;   /* the store keeps it alive */
    }
  return NULL;
}

static gint64
unit_id (SdStore    *store,
         const char *name)
{
  GListModel *model = sd_store_get_items (store, SD_TYPE_UNIT);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdUnit) unit = g_list_model_get_item (model, i);

      if (g_strcmp0 (sd_unit_get_name (unit), name) == 0)
        return sd_item_get_id (SD_ITEM (unit));
    }
  g_assert_not_reached ();
}

static const char *
category_code (SdStore *store,
               SdRisk  *risk)
{
  SdRiskCategory *category = sd_store_lookup (store, SD_TYPE_RISK_CATEGORY,
                                              sd_risk_get_category_id (risk));

  return category != NULL ? sd_risk_category_get_code (category) : NULL;
}

static void
assert_ratings (SdRisk *risk,
                int     il,
                int     ii,
                int     rl,
                int     ri,
                int     tl,
                int     ti)
{
  g_assert_cmpint (sd_risk_get_inherent_likelihood (risk), ==, il);
  g_assert_cmpint (sd_risk_get_inherent_impact (risk), ==, ii);
  g_assert_cmpint (sd_risk_get_residual_likelihood (risk), ==, rl);
  g_assert_cmpint (sd_risk_get_residual_impact (risk), ==, ri);
  g_assert_cmpint (sd_risk_get_target_likelihood (risk), ==, tl);
  g_assert_cmpint (sd_risk_get_target_impact (risk), ==, ti);
}

#define HEADER \
  "code,title,category,owner_unit,likelihood,impact,residual_likelihood,residual_impact," \
  "target_likelihood,target_impact,treatment,status,description\n"

/* Every field of a good file */

static const char *good_file =
  HEADER
  "R-1,门禁失效,personal,信息部,4,5,3,4,2,2,reduce,treating,\"门禁系统故障, 人员\n随意进出\"\n"
  "R-2,数据泄露,物理安全,财务部,5,5,,,,,转移,处理中,\n"
  "R-3,系统宕机,数据安全,,3,4,2,3,,,,已关闭,停电导致\n"
  "R-4,人员伤害,Personal safety,信息部,2,2,1,1,1,1,规避,未处理,\n"
  "R-5,外包风险,OPERATIONAL,示例公司,1,3,1,2,1,1,接受,accepted,\n"
  "R-6,默认状态,data,,2,3,,,,,avoid,,\n";

static void
test_good_file (void)
{
  Db db = { 0 };
  guint audit_before;
  SdRisk *risk;

  db_open (&db, 5);
  audit_before = count_audit (db.store);
  import_ok (db.store, "risks", good_file, 6);
  g_assert_cmpuint (count (db.store, SD_TYPE_RISK), ==, 6);
  /* One audit entry for each risk, nothing else (no assessments made up). */
  g_assert_cmpuint (count_audit (db.store), ==, audit_before + 6);

  risk = find_risk (db.store, "R-1");
  g_assert_nonnull (risk);
  g_assert_cmpstr (sd_risk_get_title (risk), ==, "门禁失效");
  g_assert_cmpstr (category_code (db.store, risk), ==, "personal");
  g_assert_cmpint (sd_risk_get_owner_unit_id (risk), ==, unit_id (db.store, "信息部"));
  assert_ratings (risk, 4, 5, 3, 4, 2, 2);
  g_assert_cmpstr (sd_risk_get_treatment (risk), ==, "reduce");
  g_assert_cmpstr (sd_risk_get_status (risk), ==, "treating");
  g_assert_cmpstr (sd_risk_get_description (risk), ==, "门禁系统故障, 人员\n随意进出");

  /* A category by its name; Chinese treatment and status; no residual or
   * target: both are the inherent rating. */
  risk = find_risk (db.store, "R-2");
  g_assert_cmpstr (category_code (db.store, risk), ==, "physical");
  g_assert_cmpint (sd_risk_get_owner_unit_id (risk), ==, unit_id (db.store, "财务部"));
  assert_ratings (risk, 5, 5, 5, 5, 5, 5);
  g_assert_cmpstr (sd_risk_get_treatment (risk), ==, "transfer");
  g_assert_cmpstr (sd_risk_get_status (risk), ==, "treating");
  g_assert_null (sd_risk_get_description (risk));

  /* A built-in by its Chinese label; no target: the residual one; no
   * owner, no treatment. */
  risk = find_risk (db.store, "R-3");
  g_assert_cmpstr (category_code (db.store, risk), ==, "data");
  g_assert_cmpint (sd_risk_get_owner_unit_id (risk), ==, 0);
  assert_ratings (risk, 3, 4, 2, 3, 2, 3);
  g_assert_null (sd_risk_get_treatment (risk));
  g_assert_cmpstr (sd_risk_get_status (risk), ==, "closed");
  g_assert_cmpstr (sd_risk_get_description (risk), ==, "停电导致");

  risk = find_risk (db.store, "R-4");
  g_assert_cmpstr (category_code (db.store, risk), ==, "personal");
  assert_ratings (risk, 2, 2, 1, 1, 1, 1);
  g_assert_cmpstr (sd_risk_get_treatment (risk), ==, "avoid");
  g_assert_cmpstr (sd_risk_get_status (risk), ==, "open");

  risk = find_risk (db.store, "R-5");
  g_assert_cmpstr (category_code (db.store, risk), ==, "operational");
  g_assert_cmpint (sd_risk_get_owner_unit_id (risk), ==, unit_id (db.store, "示例公司"));
  g_assert_cmpstr (sd_risk_get_treatment (risk), ==, "accept");
  g_assert_cmpstr (sd_risk_get_status (risk), ==, "accepted");

  /* An empty status is open. */
  risk = find_risk (db.store, "R-6");
  assert_ratings (risk, 2, 3, 2, 3, 2, 3);
  g_assert_cmpstr (sd_risk_get_status (risk), ==, "open");

  db_close (&db);
}

/* Chinese column names, in another order. */
static void
test_chinese_header (void)
{
  Db db = { 0 };
  SdRisk *risk;

  db_open (&db, 5);
  import_ok (db.store, "risks",
             "风险名称,编号,类别,责任单位,可能性,影响,剩余可能性,剩余影响,目标可能性,目标影响,"
             "应对,状态,描述\n"
             "网络攻击,C-1,数据安全,信息部,4,4,2,3,1,2,降低,已接受,外部攻击\n", 1);
  risk = find_risk (db.store, "C-1");
  g_assert_nonnull (risk);
  g_assert_cmpstr (sd_risk_get_title (risk), ==, "网络攻击");
  assert_ratings (risk, 4, 4, 2, 3, 1, 2);
  g_assert_cmpstr (sd_risk_get_treatment (risk), ==, "reduce");
  g_assert_cmpstr (sd_risk_get_status (risk), ==, "accepted");
  db_close (&db);
}

/* Bad rows: each is reported with its line, and nothing is written. */

typedef struct
{
  const char *name;
  const char *row;        /* line 3, after a good line 2 */
  const char *expected;   /* in the message */
} BadRow;

static const BadRow bad_rows[] = {
  { "unknown-category", "B-2,标题,financial,信息部,3,3,,,,,,,", "financial" },
  { "unknown-unit", "B-2,标题,data,人事部,3,3,,,,,,,", "人事部" },
  { "rating-0", "B-2,标题,data,信息部,0,3,,,,,,,", "“0”" },
  { "rating-6", "B-2,标题,data,信息部,3,6,,,,,,,", "“6”" },
  { "residual-6", "B-2,标题,data,信息部,3,3,6,3,,,,,", "residual_likelihood" },
  { "target-0", "B-2,标题,data,信息部,3,3,,,1,0,,,", "target_impact" },
  { "not-a-number", "B-2,标题,data,信息部,high,3,,,,,,,", "high" },
  { "negative", "B-2,标题,data,信息部,-1,3,,,,,,,", "-1" },
  { "fraction", "B-2,标题,data,信息部,2.5,3,,,,,,,", "2.5" },
  { "no-likelihood", "B-2,标题,data,信息部,,3,,,,,,,", "likelihood" },
  { "half-residual", "B-2,标题,data,信息部,3,3,2,,,,,,", "residual_impact" },
  { "bad-treatment", "B-2,标题,data,信息部,3,3,,,,,ignore,,", "ignore" },
  { "bad-status", "B-2,标题,data,信息部,3,3,,,,,,pending,", "pending" },
  { "duplicate-in-file", "B-1,标题,data,信息部,3,3,,,,,,,", "line 2" },
  { "in-store", "E-1,标题,data,信息部,3,3,,,,,,,", "E-1" },
  { "empty-title", "B-2,,data,信息部,3,3,,,,,,,", "title" },
  { "empty-code", ",标题,data,信息部,3,3,,,,,,,", "code" },
};

static void
assert_only_line (GPtrArray  *row_errors,
                  guint       line,
                  const char *expected)
{
  gboolean found = FALSE;

  g_assert_cmpuint (row_errors->len, >, 0);
  for (guint i = 0; i < row_errors->len; i++)
    {
      SdImportRowError *row_error = row_errors->pdata[i];

      g_assert_cmpuint (row_error->line, ==, line);
      if (strstr (row_error->message, expected) != NULL)
        found = TRUE;
    }
  if (!found)
    g_test_message ("no error names “%s”: %s", expected,
                    ((SdImportRowError *) row_errors->pdata[0])->message);
  g_assert_true (found);
}

static void
test_bad_row (gconstpointer data)
{
  const BadRow *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) row_errors = NULL;
  g_autofree char *text = NULL;
  Db db = { 0 };
  guint risks, audit;

  db_open (&db, 5);
  import_ok (db.store, "risks", HEADER "E-1,已有风险,data,信息部,2,2,,,,,,,\n", 1);
  risks = count (db.store, SD_TYPE_RISK);
  audit = count_audit (db.store);

  text = g_strconcat (HEADER, "B-1,好的一行,personal,信息部,2,3,,,,,reduce,open,\n",
                      bad->row, "\n", NULL);
  g_assert_false (import_text (db.store, "risks", text, NULL, &row_errors, &error));
  g_assert_error (error, SD_IMPORT_ERROR, SD_IMPORT_ERROR_INVALID);
  assert_only_line (row_errors, 3, bad->expected);

  g_assert_cmpuint (count (db.store, SD_TYPE_RISK), ==, risks);
  g_assert_cmpuint (count_audit (db.store), ==, audit);
  g_assert_null (find_risk (db.store, "B-1"));
  db_close (&db);
}

/* Every bad row of one file is reported, each on its line, and a row with
 * several problems has them all. */
static void
test_every_bad_row (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) row_errors = NULL;
  g_autoptr(GString) text = g_string_new (HEADER);
  Db db = { 0 };
  guint audit;

  db_open (&db, 5);
  audit = count_audit (db.store);
  g_string_append (text, "B-1,好的,data,信息部,1,1,,,,,,,\n");
  for (guint i = 0; i < G_N_ELEMENTS (bad_rows); i++)
    {
      /* The "already in the store" row is not, here. */
      if (g_str_equal (bad_rows[i].name, "in-store"))
        continue;
      g_string_append_printf (text, "%s\n", bad_rows[i].row);
    }
  g_string_append (text, "X-1,,nothing,无此部门,9,0,,,,,x,y,\n");

  g_assert_false (import_text (db.store, "risks", text->str, NULL, &row_errors, &error));
  g_assert_error (error, SD_IMPORT_ERROR, SD_IMPORT_ERROR_INVALID);
  {
    g_autoptr(GHashTable) lines = g_hash_table_new (NULL, NULL);
    guint last_line = G_N_ELEMENTS (bad_rows) + 2;
    guint n_last = 0;

    for (guint i = 0; i < row_errors->len; i++)
      {
        SdImportRowError *row_error = row_errors->pdata[i];

        g_hash_table_add (lines, GUINT_TO_POINTER (row_error->line));
        if (row_error->line == last_line)
          n_last++;
      }
    /* Every line from 3 on is bad; line 2 is good, and the row that
     * repeats its code is the duplicate. */
    g_assert_false (g_hash_table_contains (lines, GUINT_TO_POINTER (2)));
    for (guint line = 3; line <= last_line; line++)
      g_assert_true (g_hash_table_contains (lines, GUINT_TO_POINTER (line)));
    /* Title, category, unit, two ratings, treatment, status. */
    g_assert_cmpuint (n_last, ==, 7);
  }
  g_assert_cmpuint (count (db.store, SD_TYPE_RISK), ==, 0);
  g_assert_cmpuint (count_audit (db.store), ==, audit);
  db_close (&db);
}

/* Ratings above a smaller matrix's size are refused. */
static void
test_matrix_size (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) row_errors = NULL;
  Db db = { 0 };
  guint audit;

  db_open (&db, 3);
  audit = count_audit (db.store);
  g_assert_false (import_text (db.store, "risks",
                               HEADER
                               "S-1,三级,data,信息部,3,3,2,2,1,1,,,\n"
                               "S-2,四级,data,信息部,3,3,4,2,,,,,\n", NULL, &row_errors, &error));
  g_assert_error (error, SD_IMPORT_ERROR, SD_IMPORT_ERROR_INVALID);
  assert_only_line (row_errors, 3, "from 1 to 3");
  g_assert_cmpuint (count (db.store, SD_TYPE_RISK), ==, 0);
  g_assert_cmpuint (count_audit (db.store), ==, audit);

  import_ok (db.store, "risks", HEADER "S-1,三级,data,信息部,3,3,2,2,1,1,,,\n", 1);
  db_close (&db);
}

/* Export, import into a database with the same units and categories, and
 * export again: the same bytes. */
static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) units = NULL;
  g_autoptr(GPtrArray) row_errors = NULL;
  g_autofree char *text = NULL;
  Db a = { 0 }, b = { 0 };
  guint n = 0;

  db_open (&a, 5);
  import_ok (a.store, "risks", good_file, 6);
  first = sd_export_bytes (a.store, "risks", &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (first, NULL), g_bytes_get_size (first));
  /* The export writes every rating, and a user category by its name. */
  g_assert_true (g_str_has_prefix (text, SD_CSV_BOM "code,title,category,owner_unit,"));
  g_assert_nonnull (strstr (text, "\r\nR-2,数据泄露,物理安全,财务部,5,5,5,5,5,5,transfer,treating,\r\n"));
  g_assert_nonnull (strstr (text, "\r\nR-3,系统宕机,data,,3,4,2,3,2,3,,closed,停电导致\r\n"));

  /* Into the database it came from: every code is there already. */
  g_assert_false (sd_import_bytes (a.store, "risks", first, NULL, &row_errors, &error));
  g_assert_error (error, SD_IMPORT_ERROR, SD_IMPORT_ERROR_INVALID);
  g_assert_cmpuint (row_errors->len, ==, 6);
  g_clear_error (&error);

  db_open (&b, 5);
  g_assert_true (sd_import_bytes (b.store, "risks", first, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 6);
  second = sd_export_bytes (b.store, "risks", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (first, second));

  db_close (&a);
  db_close (&b);
}

/* The kind is known, next to the others. */
static void
test_kind (void)
{
  g_assert_true (sd_import_kind_is_known ("risks"));
  g_assert_true (g_strv_contains (sd_import_get_kinds (), "risks"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-risks/kind", test_kind);
  g_test_add_func ("/import-risks/good-file", test_good_file);
  g_test_add_func ("/import-risks/chinese-header", test_chinese_header);
  for (guint i = 0; i < G_N_ELEMENTS (bad_rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import-risks/bad-row/%s", bad_rows[i].name);

      g_test_add_data_func (path, &bad_rows[i], test_bad_row);
    }
  g_test_add_func ("/import-risks/every-bad-row", test_every_bad_row);
  g_test_add_func ("/import-risks/matrix-size", test_matrix_size);
  g_test_add_func ("/import-risks/round-trip", test_round_trip);

  return g_test_run ();
}
