/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sd-assignment.h"
#include "sd-body.h"
#include "sd-csv.h"
#include "sd-demo.h"
#include "sd-duty.h"
#include "sd-import.h"
#include "sd-person.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-store.h"
#include "sd-unit.h"

/* Helpers */

typedef struct
{
  char    *dir;
  SdStore *store;
} Db;

static void
db_open (Db         *db,
         gboolean    demo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  db->dir = g_dir_make_tmp ("sd-test-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (db->dir, "test.db", NULL);
  db->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db->store);
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

/* What a failed import must leave as it was. */
typedef struct
{
  guint audit, units, people, posts, holders, duties, assignments;
} Counts;

static Counts
counts_of (SdStore *store)
{
  Counts counts = {
    count_audit (store),
    count (store, SD_TYPE_UNIT),
    count (store, SD_TYPE_PERSON),
    count (store, SD_TYPE_POST),
    count (store, SD_TYPE_POST_HOLDER),
    count (store, SD_TYPE_DUTY),
    count (store, SD_TYPE_ASSIGNMENT),
  };
  return counts;
}

static void
assert_counts_equal (const Counts *a,
                     const Counts *b)
{
  g_assert_cmpuint (a->audit, ==, b->audit);
  g_assert_cmpuint (a->units, ==, b->units);
  g_assert_cmpuint (a->people, ==, b->people);
  g_assert_cmpuint (a->posts, ==, b->posts);
  g_assert_cmpuint (a->holders, ==, b->holders);
  g_assert_cmpuint (a->duties, ==, b->duties);
  g_assert_cmpuint (a->assignments, ==, b->assignments);
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

  g_assert_true (import_text (store, kind, text, &n, &row_errors, &error));
  g_assert_no_error (error);
  g_assert_nonnull (row_errors);
  g_assert_cmpuint (row_errors->len, ==, 0);
  g_assert_cmpuint (n, ==, expected);
}

static gpointer
find_by_name (SdStore    *store,
              GType       type,
              const char *name)
{
  GListModel *model = sd_store_get_items (store, type);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *item_name = NULL;

      g_object_get (item, "name", &item_name, NULL);
      if (g_strcmp0 (item_name, name) == 0)
        return item;   /* the store keeps it alive */
    }
  return NULL;
}

/* The CSV reader and writer */

static GPtrArray *
parse_ok (const char    *data,
          gssize         length,
          SdCsvEncoding  expected_encoding)
{
  g_autoptr(GError) error = NULL;
  SdCsvEncoding encoding;
  GPtrArray *records = sd_csv_parse (data, length, &encoding, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (records);
  g_assert_cmpint (encoding, ==, expected_encoding);
  return records;
}

static void
assert_record (GPtrArray          *records,
               guint               i,
               guint               line,
               const char * const *fields)
{
  SdCsvRecord *record;

  g_assert_cmpuint (i, <, records->len);
  record = records->pdata[i];
  g_assert_cmpuint (record->line, ==, line);
  g_assert_cmpuint (record->n_fields, ==, g_strv_length ((char **) fields));
  g_assert_cmpstrv (record->fields, fields);
}

static void
test_csv_quotes (void)
{
  const char *text =
    "name,note\n"
    "\"a, b\",\"say \"\"hi\"\"\"\n"
    "\"two\nlines\",x\n"
    "\n"
    "  trimmed  ,\"  kept  \"\n"
    "last,\n"
    "a\"b,end";
  g_autoptr(GPtrArray) records = parse_ok (text, -1, SD_CSV_ENCODING_UTF8);

  g_assert_cmpuint (records->len, ==, 6);
  assert_record (records, 0, 1, (const char *[]) { "name", "note", NULL });
  assert_record (records, 1, 2, (const char *[]) { "a, b", "say \"hi\"", NULL });
  /* The record starts on line 3; the next one, after the blank line 5, on 6. */
  assert_record (records, 2, 3, (const char *[]) { "two\nlines", "x", NULL });
  assert_record (records, 3, 6, (const char *[]) { "trimmed", "  kept  ", NULL });
  assert_record (records, 4, 7, (const char *[]) { "last", "", NULL });
  /* No final line break; a quote inside an unquoted field is literal. */
  assert_record (records, 5, 8, (const char *[]) { "a\"b", "end", NULL });
}

static void
test_csv_crlf_bom (void)
{
  const char *text = SD_CSV_BOM "名称,类型\r\n信息部,部门\r\n\r\n\"多\r\n行\",组\r\n";
  g_autoptr(GPtrArray) records = parse_ok (text, -1, SD_CSV_ENCODING_UTF8_BOM);

  g_assert_cmpuint (records->len, ==, 3);
  /* The byte-order mark is not part of the first field. */
  assert_record (records, 0, 1, (const char *[]) { "名称", "类型", NULL });
  assert_record (records, 1, 2, (const char *[]) { "信息部", "部门", NULL });
  assert_record (records, 2, 4, (const char *[]) { "多\r\n行", "组", NULL });
}

static void
test_csv_gb18030 (void)
{
  const char *utf8 = "名称,上级\r\n网络安全管理部,示例集团有限公司\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *gb = NULL;
  gsize length = 0;
  g_autoptr(GPtrArray) records = NULL;

  gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  g_assert_false (g_utf8_validate (gb, length, NULL));

  records = parse_ok (gb, length, SD_CSV_ENCODING_GB18030);
  g_assert_cmpuint (records->len, ==, 2);
  assert_record (records, 1, 2, (const char *[]) { "网络安全管理部", "示例集团有限公司", NULL });
}

static void
test_csv_bad_bytes (void)
{
  g_autoptr(GError) error = NULL;
  guint line = 0;
  GPtrArray *records;

  /* 0xFF starts no character in UTF-8 nor in GB18030. */
  records = sd_csv_parse ("a,b\nc,d\n\xff\xfe,x\n", -1, NULL, &line, &error);
  g_assert_null (records);
  g_assert_error (error, SD_CSV_ERROR, SD_CSV_ERROR_ENCODING);
  g_assert_cmpuint (line, ==, 3);
  g_clear_error (&error);

  /* A file that declares UTF-8 with a byte-order mark is not reread as GB18030. */
  records = sd_csv_parse (SD_CSV_BOM "a\n\xc4\xe3\n", -1, NULL, &line, &error);
  g_assert_null (records);
  g_assert_error (error, SD_CSV_ERROR, SD_CSV_ERROR_ENCODING);
  g_assert_cmpuint (line, ==, 2);
  g_clear_error (&error);

  /* GB18030 (and so not UTF-8 from line 2 on) with a bad byte on line 4:
   * the line named is where GB18030 fails. */
  {
    g_autofree char *gb = g_convert ("名称\n信息部\n财务部\n", -1, "GB18030", "UTF-8",
                                     NULL, NULL, NULL);
    g_autofree char *bad = g_strconcat (gb, "\xff\n", NULL);

    records = sd_csv_parse (bad, -1, NULL, &line, &error);
    g_assert_null (records);
    g_assert_error (error, SD_CSV_ERROR, SD_CSV_ERROR_ENCODING);
    g_assert_cmpuint (line, ==, 4);
    g_clear_error (&error);
  }

  records = sd_csv_parse ("a,b\n\"open,\nnever closed\n", -1, NULL, &line, &error);
  g_assert_null (records);
  g_assert_error (error, SD_CSV_ERROR, SD_CSV_ERROR_SYNTAX);
  g_assert_cmpuint (line, ==, 2);
  g_clear_error (&error);

  records = sd_csv_parse ("a,b\n\"x\"y,z\n", -1, NULL, &line, &error);
  g_assert_null (records);
  g_assert_error (error, SD_CSV_ERROR, SD_CSV_ERROR_SYNTAX);
  g_assert_cmpuint (line, ==, 2);
}

static void
test_csv_writer (void)
{
  const char *fields[] = { "plain", "a,b", "say \"hi\"", "two\nlines", " blank", "", "中文", NULL };
  g_autoptr(GString) out = g_string_new (SD_CSV_BOM);
  g_autoptr(GPtrArray) records = NULL;

  sd_csv_append_row (out, fields, -1);
  sd_csv_append_row (out, (const char *[]) { "", NULL }, -1);
  g_assert_cmpstr (out->str, ==,
                   SD_CSV_BOM "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" blank\",,中文\r\n"
                   "\"\"\r\n");

  records = parse_ok (out->str, out->len, SD_CSV_ENCODING_UTF8_BOM);
  g_assert_cmpuint (records->len, ==, 2);
  assert_record (records, 0, 1, fields);
  assert_record (records, 1, 3, (const char *[]) { "", NULL });
}

/* Round trip */

static GBytes *
export_ok (SdStore    *store,
           const char *kind)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = sd_export_bytes (store, kind, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static void
test_round_trip (void)
{
  const char *kinds[] = { "units", "people", "posts" };
  GBytes *exports[G_N_ELEMENTS (kinds)];
  Db demo = { 0 }, fresh = { 0 };

  db_open (&demo, TRUE);
  db_open (&fresh, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    exports[i] = export_ok (demo.store, kinds[i]);

  {
    gsize length;
    const char *data = g_bytes_get_data (exports[0], &length);

    g_assert_true (g_str_has_prefix (data, SD_CSV_BOM "name,parent,kind,head,staff_count\r\n"
                                     "示例集团有限公司,,company,王建国,600\r\n"));
  }

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) row_errors = NULL;
      guint n = 0;

      if (!sd_import_bytes (fresh.store, kinds[i], exports[i], &n, &row_errors, &error))
        {
          for (guint j = 0; row_errors != NULL && j < row_errors->len; j++)
            {
              g_autofree char *text = sd_import_row_error_format (row_errors->pdata[j]);
              g_printerr ("%s\n", text);
            }
        }
      g_assert_no_error (error);
      g_assert_cmpuint (n, >, 0);
    }

  g_assert_cmpuint (count (fresh.store, SD_TYPE_UNIT), ==, count (demo.store, SD_TYPE_UNIT));
  g_assert_cmpuint (count (fresh.store, SD_TYPE_PERSON), ==, count (demo.store, SD_TYPE_PERSON));
  g_assert_cmpuint (count (fresh.store, SD_TYPE_POST), ==, count (demo.store, SD_TYPE_POST));
  g_assert_cmpuint (count (fresh.store, SD_TYPE_POST_HOLDER), ==,
                    count (demo.store, SD_TYPE_POST_HOLDER));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GBytes) again = export_ok (fresh.store, kinds[i]);

      if (!g_bytes_equal (again, exports[i]))
        g_assert_cmpstr (g_bytes_get_data (again, NULL), ==,
                         g_bytes_get_data (exports[i], NULL));
      g_bytes_unref (exports[i]);
    }

  db_close (&fresh);
  db_close (&demo);
}

static void
test_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) row_errors = NULL;
  g_autofree char *path = NULL;
  g_autofree char *missing = NULL;
  Db demo = { 0 }, fresh = { 0 };
  guint n = 0;

  db_open (&demo, TRUE);
  db_open (&fresh, FALSE);
  path = g_build_filename (demo.dir, "units.csv", NULL);
  missing = g_build_filename (demo.dir, "missing.csv", NULL);

  g_assert_true (sd_export_file (demo.store, "units", path, &error));
  g_assert_no_error (error);
  g_assert_true (sd_import_file (fresh.store, "units", path, &n, &row_errors, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, count (demo.store, SD_TYPE_UNIT));
  g_clear_pointer (&row_errors, g_ptr_array_unref);

  g_assert_false (sd_import_file (fresh.store, "units", missing, &n, &row_errors, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_cmpuint (row_errors->len, ==, 0);
  g_clear_error (&error);
  g_clear_pointer (&row_errors, g_ptr_array_unref);

  g_remove (path);
  db_close (&fresh);
  db_close (&demo);
}

static void
test_kinds (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) row_errors = NULL;
  Db db = { 0 };

  g_assert_true (sd_import_kind_is_known ("units"));
  g_assert_true (sd_import_kind_is_known ("people"));
  g_assert_true (sd_import_kind_is_known ("posts"));
  g_assert_true (sd_import_kind_is_known ("duties"));
  g_assert_true (sd_import_kind_is_known ("assignments"));
  g_assert_true (sd_import_kind_is_known ("risks"));
  g_assert_true (sd_import_kind_is_known ("tasks"));
  g_assert_true (sd_import_kind_is_known ("findings"));
  g_assert_false (sd_import_kind_is_known ("bananas"));
  g_assert_cmpuint (g_strv_length ((char **) sd_import_get_kinds ()), ==, 8);

  /* Every kind of the command line is supported now: a known kind with a
   * wrong header is a bad file, not an unsupported kind. */
  db_open (&db, FALSE);
  g_assert_false (import_text (db.store, "tasks", "code\n", NULL, &row_errors, &error));
  g_assert_error (error, SD_IMPORT_ERROR, SD_IMPORT_ERROR_INVALID);
  g_assert_cmpuint (row_errors->len, >, 0);
  g_clear_error (&error);
  g_clear_pointer (&row_errors, g_ptr_array_unref);

  g_assert_false (import_text (db.store, "bananas", "name\n", NULL, NULL, &error));
  g_assert_error (error, SD_IMPORT_ERROR, SD_IMPORT_ERROR_UNKNOWN_KIND);
  g_clear_error (&error);

  {
    g_autoptr(GBytes) findings = sd_export_bytes (db.store, "findings", &error);

    g_assert_no_error (error);
    g_assert_nonnull (findings);
  }
  db_close (&db);
}

/* Bad rows */

typedef struct
{
  const char *name;
  const char *kind;
  const char *text;          /* NULL: use bytes */
  /* The expected problems, in order: line and a part of the message. */
  struct { guint line; const char *part; } expected[4];
} BadCase;

static const BadCase bad_cases[] = {
  { "unknown-unit", "people",
    "name,unit,title,employment\n"
    "张三,网络安全管理部,安全工程师,full-time\n"
    "李四,财务处,会计,full-time\n",
    { { 3, "unknown unit “财务处”" } } },
  { "duplicate-in-file", "units",
    "name,parent,kind,head,staff_count\n"
    "审计组,网络安全管理部,section,,3\n"
    "培训组,网络安全管理部,section,,2\n"
    "审计组,网络安全管理部,section,,4\n",
    { { 4, "duplicate unit “审计组”: already on line 2" } } },
  { "duplicate-of-existing", "posts",
    "name,unit,type,key_post,full_time_required,holders\n"
    "安全培训员,网络安全管理部,other,no,no,\n"
    "安全管理员,网络安全管理部,security-admin,yes,yes,孙磊\n",
    { { 3, "“安全管理员” already exists in “网络安全管理部”" } } },
  { "duplicate-person", "people",
    "name,unit,title,employment\n"
    "孙磊,网络安全管理部,安全管理员,full-time\n",
    { { 2, "“孙磊” already exists in “网络安全管理部”" } } },
  { "bad-kind", "units",
    "name,parent,kind,head,staff_count\n"
    "审计组,网络安全管理部,division,,3\n",
    { { 2, "bad value “division” in column “kind”" } } },
  { "bad-type", "posts",
    "name,unit,type,key_post,full_time_required,holders\n"
    "总管,,boss,no,no,\n",
    { { 2, "bad value “boss” in column “type”" } } },
  { "bad-yes-no", "posts",
    "name,unit,type,key_post,full_time_required,holders\n"
    "安全培训员,网络安全管理部,other,maybe,no,\n",
    { { 2, "bad value “maybe” in column “key_post”" } } },
  { "bad-employment", "people",
    "name,unit,title,employment\n"
    "张三,网络安全管理部,,sometimes\n",
    { { 2, "bad value “sometimes” in column “employment”" } } },
  { "bad-number", "units",
    "name,parent,kind,head,staff_count\n"
    "审计组,网络安全管理部,section,,-3\n"
    "培训组,网络安全管理部,section,,many\n",
    { { 2, "bad number “-3”" }, { 3, "bad number “many”" } } },
  { "unknown-holder", "posts",
    "name,unit,type,key_post,full_time_required,holders\n"
    "安全培训员,网络安全管理部,other,no,no,孙磊;查无此人\n",
    { { 2, "unknown person “查无此人”" } } },
  { "missing-column", "units",
    "name,parent,head,staff_count\n"
    "审计组,网络安全管理部,,3\n",
    { { 1, "missing column “kind”" } } },
  { "unknown-column", "people",
    "name,unit,title,employment,salary\n"
    "张三,网络安全管理部,,full-time,100\n",
    { { 1, "unknown column “salary”" } } },
  { "cycle", "units",
    "name,parent,kind,head,staff_count\n"
    "甲组,乙组,section,,1\n"
    "乙组,甲组,section,,1\n",
    { { 2, "among its own parents" }, { 3, "among its own parents" } } },
  { "ambiguous-parent", "units",
    "name,parent,kind,head,staff_count\n"
    "综合组,信息部,section,,1\n"
    "综合组,营销部,section,,1\n"
    "值班室,综合组,section,,1\n",
    { { 4, "ambiguous unit “综合组”: 2 units have this name" } } },
  { "duplicate-holder", "posts",
    "name,unit,type,key_post,full_time_required,holders\n"
    "安全培训员,网络安全管理部,other,no,no,孙磊；孙磊(副)\n",
    { { 2, "“孙磊” is listed twice in column “holders”" } } },
  { "no-name", "people",
    "name,unit,title,employment\n"
    ",网络安全管理部,,full-time\n",
    { { 2, "no value in column “name”" } } },
  { "stray-values", "people",
    "name,unit,title,employment\n"
    "张三,网络安全管理部,,full-time,extra\n",
    { { 2, "more values than columns" } } },
  { "broken-quote", "people",
    "name,unit,title,employment\n"
    "张三,网络安全管理部,\"open,full-time\n",
    { { 2, "never closed" } } },
  { "empty", "units", "", { { 1, "the file is empty" } } },
  { "every-row", "people",
    "name,unit,title,employment\n"
    "张三,财务处,,full-time\n"
    "李四,网络安全管理部,,full-time\n"
    "王五,网络安全管理部,,often\n"
    "李四,网络安全管理部,,full-time\n",
    { { 2, "unknown unit “财务处”" },
      { 4, "bad value “often”" },
      { 5, "duplicate person “李四”: already on line 3" } } },

  /* Duties */
  { "duty-no-code", "duties",
    "code,area,text,source\n"
    ",某类,某职责。,某文件\n",
    { { 2, "no value in column “code”" } } },
  { "duty-no-text", "duties",
    "code,area,text,source\n"
    "X-1,某类,,某文件\n",
    { { 2, "no value in column “text”" } } },
  { "duty-duplicate", "duties",
    "code,area,text,source\n"
    "X-1,某类,第一条。,\n"
    "X-2,某类,第二条。,\n"
    "X-1,某类,第三条。,\n",
    { { 4, "duplicate duty “X-1”: already on line 2" } } },
  { "duty-missing-column", "duties",
    "code,text,source\n"
    "X-1,第一条。,\n",
    { { 1, "missing column “area”" } } },
  { "duty-stray-values", "duties",
    "code,area,text,source\n"
    "X-1,某类,第一条。,某文件,多余\n",
    { { 2, "more values than columns" } } },

  /* Assignments */
  { "assignment-unknown-duty", "assignments",
    "duty_code,party_kind,party,role\n"
    "003-9.1,body,网络安全领导小组,A\n"
    "X-404,post,安全管理员,R\n",
    { { 3, "unknown duty “X-404”" } } },
  { "assignment-bad-kind", "assignments",
    "duty_code,party_kind,party,role\n"
    "003-9.1,person,孙磊,R\n",
    { { 2, "bad value “person” in column “party_kind”" } } },
  { "assignment-unknown-post", "assignments",
    "duty_code,party_kind,party,role\n"
    "003-9.1,post,首席执行官,R\n"
    "003-9.2,post,首席执行官,C\n"
    "003-9.3,post,财务部/安全管理员,C\n",
    { { 2, "unknown post “首席执行官”" },
      { 3, "unknown post “首席执行官”" },
      { 4, "unknown post “财务部/安全管理员”" } } },
  { "assignment-ambiguous-post", "assignments",
    "duty_code,party_kind,party,role\n"
    "003-9.1,post,部门网络安全员,C\n",
    { { 2, "ambiguous post “部门网络安全员”: 6 posts have this name; "
           "write it with its unit, as in “网络安全管理部/部门网络安全员”" } } },
  { "assignment-unknown-unit-body", "assignments",
    "duty_code,party_kind,party,role\n"
    "003-9.1,unit,总经办,I\n"
    "003-9.1,body,董事会,I\n",
    { { 2, "unknown unit “总经办”" }, { 3, "unknown body “董事会”" } } },
  { "assignment-bad-role", "assignments",
    "duty_code,party_kind,party,role\n"
    "003-9.1,unit,信息部,X\n"
    "003-9.2,unit,信息部,\n",
    { { 2, "bad value “X” in column “role”" }, { 3, "no value in column “role”" } } },
  { "assignment-duplicate", "assignments",
    "duty_code,party_kind,party,role\n"
    "003-9.1,post,网络安全管理部/部门网络安全员,C\n"
    "003-9.1,岗位,网络安全管理部／部门网络安全员,R\n",
    { { 3, "duplicate assignment of duty “003-9.1” to “网络安全管理部／部门网络安全员”: "
           "already on line 2" } } },
  { "assignment-every-row", "assignments",
    "duty_code,party_kind,party,role\n"
    "X-404,post,安全管理员,R\n"
    "003-9.1,post,部门网络安全员,R\n"
    "003-9.1,body,网络安全领导小组,Z\n"
    "003-9.2,unit,信息部,负责\n"
    "003-9.2,unit,信息部,知悉\n",
    { { 2, "unknown duty “X-404”" },
      { 3, "ambiguous post “部门网络安全员”" },
      { 4, "bad value “Z” in column “role”" },
      { 6, "duplicate assignment of duty “003-9.2” to “信息部”: already on line 5" } } },
};

static void
check_bad_import (SdStore       *store,
                  const char    *kind,
                  GBytes        *bytes,
                  const BadCase *bad)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) row_errors = NULL;
  Counts before = counts_of (store), after;
  guint n = 42;
  guint n_expected = 0;

  while (n_expected < G_N_ELEMENTS (bad->expected) && bad->expected[n_expected].part != NULL)
    n_expected++;

  g_assert_false (sd_import_bytes (store, kind, bytes, &n, &row_errors, &error));
  g_assert_error (error, SD_IMPORT_ERROR, SD_IMPORT_ERROR_INVALID);
  g_assert_cmpuint (n, ==, 0);
  g_assert_nonnull (row_errors);

  for (guint i = 0; i < row_errors->len; i++)
    {
      g_autofree char *text = sd_import_row_error_format (row_errors->pdata[i]);
      g_test_message ("%s: %s", bad->name, text);
    }
  g_assert_cmpuint (row_errors->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      SdImportRowError *row_error = row_errors->pdata[i];

      g_assert_cmpuint (row_error->line, ==, bad->expected[i].line);
      if (strstr (row_error->message, bad->expected[i].part) == NULL)
        g_assert_cmpstr (row_error->message, ==, bad->expected[i].part);
    }

  /* Nothing written: not a row, not an audit entry. */
  after = counts_of (store);
  assert_counts_equal (&before, &after);
}

static void
test_bad_rows (void)
{
  Db db = { 0 };

  db_open (&db, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *bad = &bad_cases[i];
      g_autoptr(GBytes) bytes = g_bytes_new (bad->text, strlen (bad->text));

      check_bad_import (db.store, bad->kind, bytes, bad);
    }
  db_close (&db);
}

static void
test_wrong_encoding (void)
{
  static const BadCase bad = { "wrong-encoding", "people", NULL,
                               { { 3, "wrong encoding" } } };
  const char text[] =
    "name,unit,title,employment\n"
    "张三,网络安全管理部,,full-time\n"
    "\xff\xff,网络安全管理部,,full-time\n";
  g_autoptr(GBytes) bytes = g_bytes_new (text, sizeof text - 1);
  Db db = { 0 };

  db_open (&db, TRUE);
  check_bad_import (db.store, "people", bytes, &bad);
  db_close (&db);
}

/* Columns in any order and any case; empty trailing header cells and
 * rows of empty cells, as spreadsheets save them, are ignored. */
static void
test_header (void)
{
  SdPerson *person;
  Db db = { 0 };

  db_open (&db, TRUE);
  import_ok (db.store, "people",
             "Employment,NAME,Title,Unit,,\r\n"
             "part-time,张三,顾问,法务部,,\r\n"
             ",,,,,\r\n",
             1);
  person = find_by_name (db.store, SD_TYPE_PERSON, "张三");
  g_assert_nonnull (person);
  g_assert_cmpstr (sd_person_get_job_title (person), ==, "顾问");
  g_assert_false (sd_person_get_full_time (person));
  db_close (&db);
}

/* A failure while writing, after some rows went in, takes them all back. */
static void
test_write_failure (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) row_errors = NULL;
  g_autofree char *path = NULL;
  sqlite3 *db = NULL;
  Counts before, after;
  guint n = 42;
  Db demo = { 0 };

  db_open (&demo, TRUE);
  before = counts_of (demo.store);

  /* The store cannot be made to fail on demand: a trigger, added behind
   * its back, refuses the third unit. */
  path = g_build_filename (demo.dir, "test.db", NULL);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TRIGGER refuse BEFORE INSERT ON units "
                                 "WHEN NEW.name = '第三组' "
                                 "BEGIN SELECT RAISE (ABORT, 'refused'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_false (import_text (demo.store, "units",
                               "name,parent,kind,head,staff_count\n"
                               "第一组,网络安全管理部,section,新组长,1\n"
                               "第二组,网络安全管理部,section,,2\n"
                               "第三组,网络安全管理部,section,,3\n",
                               &n, &row_errors, &error));
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, SD_IMPORT_ERROR, SD_IMPORT_ERROR_INVALID));
  g_test_message ("%s", error->message);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (row_errors->len, ==, 0);

  after = counts_of (demo.store);
  assert_counts_equal (&before, &after);
  g_assert_null (find_by_name (demo.store, SD_TYPE_UNIT, "第一组"));
  g_assert_null (find_by_name (demo.store, SD_TYPE_PERSON, "新组长"));

  db_close (&demo);
}

/* Chinese */

static void
test_chinese_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gb = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;
  guint n = 0;
  SdUnit *unit, *section;
  SdPerson *head, *part_timer;
  SdPost *post;
  GListModel *holders;
  guint n_primary = 0, n_deputy = 0;
  Db db = { 0 };

  db_open (&db, FALSE);

  /* Chinese headers and values; a child before its parent; heads that do
   * not exist yet. The units file comes as Chinese Excel saves it. */
  gb = g_convert ("名称,上级单位,类型,负责人,人数\r\n"
                  "运维组,技术部,科室,钱七,5\r\n"
                  "技术部,某公司,部门,赵六,20\r\n"
                  "某公司,,公司,,300\r\n",
                  -1, "GB18030", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new (gb, length);
  g_assert_true (sd_import_bytes (db.store, "units", bytes, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);

  unit = find_by_name (db.store, SD_TYPE_UNIT, "技术部");
  section = find_by_name (db.store, SD_TYPE_UNIT, "运维组");
  g_assert_nonnull (unit);
  g_assert_nonnull (section);
  g_assert_cmpstr (sd_unit_get_kind (unit), ==, "department");
  g_assert_cmpstr (sd_unit_get_kind (section), ==, "section");
  g_assert_cmpint (sd_unit_get_parent_id (section), ==, sd_item_get_id (SD_ITEM (unit)));
  g_assert_cmpint (sd_unit_get_staff_count (unit), ==, 20);
  /* The head was created with the unit, to be completed by the people. */
  head = find_by_name (db.store, SD_TYPE_PERSON, "赵六");
  g_assert_nonnull (head);
  g_assert_cmpint (sd_unit_get_head_id (unit), ==, sd_item_get_id (SD_ITEM (head)));
  g_assert_null (sd_person_get_job_title (head));

  import_ok (db.store, "people",
             "姓名,单位,职务,用工性质\n"
             "赵六,技术部,技术部部长,全职\n"
             "孙八,技术部,安全管理员,专职\n"
             "周九,运维组,系统管理员,兼职\n"
             "吴十,运维组,,Full Time\n",
             4);
  /* Completed, not duplicated. */
  g_assert_cmpuint (count (db.store, SD_TYPE_PERSON), ==, 5);
  g_assert_cmpstr (sd_person_get_job_title (head), ==, "技术部部长");
  part_timer = find_by_name (db.store, SD_TYPE_PERSON, "周九");
  g_assert_false (sd_person_get_full_time (part_timer));

  import_ok (db.store, "posts",
             "岗位名称,所属单位,岗位类型,关键岗位,专职要求,在岗人员\n"
             "安全管理员,技术部,安全管理员,是,是,孙八；周九（副）\n"
             "系统管理员,运维组,system_admin,Y,否,周九、吴十 (deputy)\n"
             "安全总监,,安全主管,否,,赵六\n",
             3);
  post = find_by_name (db.store, SD_TYPE_POST, "安全管理员");
  g_assert_cmpstr (sd_post_get_post_type (post), ==, "security-admin");
  g_assert_true (sd_post_get_key_post (post));
  g_assert_true (sd_post_get_full_time_required (post));
  post = find_by_name (db.store, SD_TYPE_POST, "安全总监");
  g_assert_cmpstr (sd_post_get_post_type (post), ==, "security-director");
  g_assert_cmpint (sd_post_get_unit_id (post), ==, 0);
  g_assert_false (sd_post_get_full_time_required (post));

  holders = sd_store_get_items (db.store, SD_TYPE_POST_HOLDER);
  g_assert_cmpuint (g_list_model_get_n_items (holders), ==, 5);
  for (guint i = 0; i < g_list_model_get_n_items (holders); i++)
    {
      g_autoptr(SdPostHolder) holder = g_list_model_get_item (holders, i);

      if (sd_post_holder_get_is_primary (holder))
        n_primary++;
      else
        n_deputy++;
    }
  g_assert_cmpuint (n_primary, ==, 3);
  g_assert_cmpuint (n_deputy, ==, 2);

  /* Exported with the English ids, and the deputies marked. */
  {
    g_autoptr(GBytes) posts = export_ok (db.store, "posts");
    const char *data = g_bytes_get_data (posts, NULL);

    g_assert_nonnull (strstr (data, "安全管理员,技术部,security-admin,yes,yes,孙八;周九 (deputy)\r\n"));
    g_assert_nonnull (strstr (data, "安全总监,,security-director,no,no,赵六\r\n"));
  }

  db_close (&db);
}

/* Duties and assignments */

static SdDuty *
find_duty (SdStore    *store,
           const char *code)
{
  GListModel *model = sd_store_get_items (store, SD_TYPE_DUTY);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdDuty) duty = g_list_model_get_item (model, i);

      if (g_strcmp0 (sd_duty_get_code (duty), code) == 0)
        return duty;   /* the store keeps it alive */
    }
  return NULL;
}

static int
max_duty_position (SdStore *store)
{
  GListModel *model = sd_store_get_items (store, SD_TYPE_DUTY);
  int max = -1;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdDuty) duty = g_list_model_get_item (model, i);

      max = MAX (max, sd_duty_get_position (duty));
    }
  return max;
}

/* The post called @name in the unit called @unit ("" for none). */
static SdPost *
find_post (SdStore    *store,
           const char *unit,
           const char *name)
{
  GListModel *model = sd_store_get_items (store, SD_TYPE_POST);
  SdPost *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdPost) post = g_list_model_get_item (model, i);
      SdUnit *post_unit = sd_store_lookup (store, SD_TYPE_UNIT, sd_post_get_unit_id (post));

      if (g_strcmp0 (sd_post_get_name (post), name) == 0 &&
          g_strcmp0 (post_unit != NULL ? sd_unit_get_name (post_unit) : "", unit) == 0)
        {
          g_assert_null (found);
          found = post;
        }
    }
  g_assert_nonnull (found);
  return found;
}

/* The role of @duty_code for the party, or NULL; asserts there is at most
 * one assignment for the cell. */
static const char *
role_of (SdStore    *store,
         const char *duty_code,
         gpointer    party)
{
  GListModel *model = sd_store_get_items (store, SD_TYPE_ASSIGNMENT);
  SdDuty *duty = find_duty (store, duty_code);
  gint64 party_id = sd_item_get_id (SD_ITEM (party));
  const char *role = NULL;

  g_assert_nonnull (duty);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdAssignment) assignment = g_list_model_get_item (model, i);
      gint64 id;

      if (sd_assignment_get_duty_id (assignment) != sd_item_get_id (SD_ITEM (duty)))
        continue;
      if (SD_IS_POST (party))
        id = sd_assignment_get_post_id (assignment);
      else if (SD_IS_UNIT (party))
        id = sd_assignment_get_unit_id (assignment);
      else
        id = sd_assignment_get_body_id (assignment);
      if (id != party_id)
        continue;
      g_assert_null (role);
      role = sd_assignment_get_role (assignment);
    }
  return role;
}

static void
test_duties (void)
{
  const char *file =
    "code,area,text,source\r\n"
    "X-1,新增职责,第一条新职责。,\r\n"
    "003-9.1,网络安全领导小组职责,贯彻执行国家网络安全方针（修订）。,第9条第1项\r\n"
    "X-2,,\"第二条新职责,含逗号。\",某文件\r\n";
  Counts before, after;
  SdDuty *updated, *first, *second;
  gint64 updated_id;
  int updated_position, max;
  guint audit;
  Db db = { 0 };

  db_open (&db, TRUE);
  before = counts_of (db.store);
  updated = find_duty (db.store, "003-9.1");
  updated_id = sd_item_get_id (SD_ITEM (updated));
  updated_position = sd_duty_get_position (updated);
  max = max_duty_position (db.store);

  import_ok (db.store, "duties", file, 3);
  after = counts_of (db.store);
  g_assert_cmpuint (after.duties, ==, before.duties + 2);

  /* An existing code updates that duty, in place. */
  updated = find_duty (db.store, "003-9.1");
  g_assert_cmpint (sd_item_get_id (SD_ITEM (updated)), ==, updated_id);
  g_assert_cmpint (sd_duty_get_position (updated), ==, updated_position);
  g_assert_cmpstr (sd_duty_get_text (updated), ==, "贯彻执行国家网络安全方针（修订）。");
  g_assert_cmpstr (sd_duty_get_source (updated), ==, "第9条第1项");

  /* New codes go at the end, in the order of the file. */
  first = find_duty (db.store, "X-1");
  second = find_duty (db.store, "X-2");
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_cmpint (sd_duty_get_position (first), ==, max + 1);
  g_assert_cmpint (sd_duty_get_position (second), ==, max + 2);
  g_assert_cmpstr (sd_duty_get_area (first), ==, "新增职责");
  g_assert_null (sd_duty_get_source (first));
  g_assert_null (sd_duty_get_area (second));
  g_assert_cmpstr (sd_duty_get_text (second), ==, "第二条新职责,含逗号。");
  g_assert_cmpstr (sd_duty_get_source (second), ==, "某文件");

  /* The same file again changes nothing, and logs nothing. */
  audit = count_audit (db.store);
  import_ok (db.store, "duties", file, 3);
  g_assert_cmpuint (count_audit (db.store), ==, audit);
  g_assert_cmpuint (count (db.store, SD_TYPE_DUTY), ==, after.duties);

  db_close (&db);
}

static void
test_assignments (void)
{
  Counts before, after;
  SdBody *leaders;
  SdPost *admin, *liaison, *sysadmin, *director;
  SdUnit *finance;
  Db db = { 0 };

  db_open (&db, TRUE);
  before = counts_of (db.store);
  leaders = find_by_name (db.store, SD_TYPE_BODY, "网络安全领导小组");
  finance = find_by_name (db.store, SD_TYPE_UNIT, "财务部");
  admin = find_post (db.store, "网络安全管理部", "安全管理员");
  liaison = find_post (db.store, "信息部", "部门网络安全员");
  sysadmin = find_post (db.store, "网络安全管理部", "系统管理员");
  director = find_post (db.store, "", "安全主管");
  g_assert_cmpstr (role_of (db.store, "003-9.1", leaders), ==, "A");
  g_assert_null (role_of (db.store, "003-9.1", admin));

  import_ok (db.store, "assignments",
             "duty_code,party_kind,party,role\n"
             "003-9.1,body,网络安全领导小组,R\n"
             "003-9.1,post,安全管理员,C\n"
             "003-9.1,post,信息部/部门网络安全员,I\n"
             "003-9.1,post, 网络安全管理部 / 系统管理员 ,C\n"
             "003-9.2,post,/安全主管,I\n"
             "003-9.2,unit,财务部,A\n",
             6);
  after = counts_of (db.store);
  /* One role replaced, five cells added; the rest as it was. */
  g_assert_cmpuint (after.assignments, ==, before.assignments + 5);
  g_assert_cmpstr (role_of (db.store, "003-9.1", leaders), ==, "R");
  g_assert_cmpstr (role_of (db.store, "003-9.1", admin), ==, "C");
  g_assert_cmpstr (role_of (db.store, "003-9.1", liaison), ==, "I");
  g_assert_cmpstr (role_of (db.store, "003-9.1", sysadmin), ==, "C");
  g_assert_cmpstr (role_of (db.store, "003-9.2", director), ==, "I");
  g_assert_cmpstr (role_of (db.store, "003-9.2", finance), ==, "A");
  g_assert_null (role_of (db.store, "003-9.1", find_post (db.store, "财务部", "部门网络安全员")));

  /* The export names shared post names with their unit. */
  {
    g_autoptr(GBytes) bytes = export_ok (db.store, "assignments");
    const char *data = g_bytes_get_data (bytes, NULL);

    g_assert_true (g_str_has_prefix (data, SD_CSV_BOM "duty_code,party_kind,party,role\r\n"));
    g_assert_nonnull (strstr (data, "\r\n003-9.1,body,网络安全领导小组,R\r\n"));
    g_assert_nonnull (strstr (data, "\r\n003-9.1,post,安全管理员,C\r\n"));
    g_assert_nonnull (strstr (data, "\r\n003-9.1,post,信息部/部门网络安全员,I\r\n"));
    g_assert_nonnull (strstr (data, "\r\n003-9.1,post,网络安全管理部/系统管理员,C\r\n"));
    g_assert_nonnull (strstr (data, "\r\n003-9.2,post,安全主管,I\r\n"));
    g_assert_nonnull (strstr (data, "\r\n003-9.2,unit,财务部,A\r\n"));
  }

  db_close (&db);
}

/* A failure while writing, after some rows went in, takes them all back:
 * the updates as much as the insertions. */
static void
test_matrix_write_failure (void)
{
  g_autofree char *path = NULL;
  sqlite3 *db = NULL;
  Counts before, after;
  Db demo = { 0 };
  const struct
  {
    const char *kind;
    const char *text;
  } cases[] = {
    { "duties",
      "code,area,text,source\n"
      "X-1,新增职责,第一条。,\n"
      "003-9.1,网络安全领导小组职责,已修改。,\n"
      "X-3,新增职责,第三条。,\n" },
    { "assignments",
      "duty_code,party_kind,party,role\n"
      "003-9.1,body,网络安全领导小组,R\n"
      "003-9.1,post,安全管理员,C\n"
      "003-9.1,unit,财务部,I\n" },
  };

  db_open (&demo, TRUE);
  path = g_build_filename (demo.dir, "test.db", NULL);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TRIGGER refuse_duty BEFORE INSERT ON duties "
                                 "WHEN NEW.code = 'X-3' "
                                 "BEGIN SELECT RAISE (ABORT, 'refused'); END;"
                                 "CREATE TRIGGER refuse_assignment BEFORE INSERT ON assignments "
                                 "WHEN NEW.role = 'I' "
                                 "BEGIN SELECT RAISE (ABORT, 'refused'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) row_errors = NULL;
      guint n = 42;

      before = counts_of (demo.store);
      g_assert_false (import_text (demo.store, cases[i].kind, cases[i].text,
                                   &n, &row_errors, &error));
      g_assert_nonnull (error);
      g_assert_false (g_error_matches (error, SD_IMPORT_ERROR, SD_IMPORT_ERROR_INVALID));
      g_assert_cmpuint (n, ==, 0);
      g_assert_cmpuint (row_errors->len, ==, 0);
      after = counts_of (demo.store);
      assert_counts_equal (&before, &after);
    }

  g_assert_null (find_duty (demo.store, "X-1"));
  g_assert_cmpstr (sd_duty_get_text (find_duty (demo.store, "003-9.1")), !=, "已修改。");
  g_assert_cmpstr (role_of (demo.store, "003-9.1",
                            find_by_name (demo.store, SD_TYPE_BODY, "网络安全领导小组")),
                   ==, "A");
  g_assert_null (role_of (demo.store, "003-9.1",
                          find_post (demo.store, "网络安全管理部", "安全管理员")));
  db_close (&demo);
}

static void
import_bytes_ok (SdStore    *store,
                 const char *kind,
                 GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) row_errors = NULL;
  guint n = 0;

  if (!sd_import_bytes (store, kind, bytes, &n, &row_errors, &error))
    {
      for (guint j = 0; row_errors != NULL && j < row_errors->len; j++)
        {
          g_autofree char *text = sd_import_row_error_format (row_errors->pdata[j]);
          g_printerr ("%s: %s\n", kind, text);
        }
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, >, 0);
}

static void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  if (!g_bytes_equal (a, b))
    {
      g_autofree char *x = g_strndup (g_bytes_get_data (a, NULL), g_bytes_get_size (a));
      g_autofree char *y = g_strndup (g_bytes_get_data (b, NULL), g_bytes_get_size (b));

      g_assert_cmpstr (x, ==, y);
    }
}

/* Export, import into an empty database, export again: the same bytes.
 * Bodies have no CSV of their own, so the test copies them. */
static void
test_matrix_round_trip (void)
{
  const char *kinds[] = { "units", "people", "posts", "duties", "assignments" };
  GBytes *exports[G_N_ELEMENTS (kinds)];
  GListModel *bodies;
  Db demo = { 0 }, fresh = { 0 };
  guint audit;

  db_open (&demo, TRUE);
  db_open (&fresh, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    exports[i] = export_ok (demo.store, kinds[i]);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (exports[3], NULL),
                                   SD_CSV_BOM "code,area,text,source\r\n"));

  for (guint i = 0; i < 3; i++)
    import_bytes_ok (fresh.store, kinds[i], exports[i]);
  bodies = sd_store_get_items (demo.store, SD_TYPE_BODY);
  for (guint i = 0; i < g_list_model_get_n_items (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SdBody) body = g_list_model_get_item (bodies, i);

      g_assert_nonnull (sd_store_insert (fresh.store, SD_TYPE_BODY, &error,
                                         "name", sd_body_get_name (body),
                                         "kind", sd_body_get_kind (body),
                                         "position", sd_body_get_position (body),
                                         NULL));
      g_assert_no_error (error);
    }
  for (guint i = 3; i < G_N_ELEMENTS (kinds); i++)
    import_bytes_ok (fresh.store, kinds[i], exports[i]);

  g_assert_cmpuint (count (fresh.store, SD_TYPE_DUTY), ==, count (demo.store, SD_TYPE_DUTY));
  g_assert_cmpuint (count (fresh.store, SD_TYPE_ASSIGNMENT), ==,
                    count (demo.store, SD_TYPE_ASSIGNMENT));
  for (guint i = 3; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GBytes) again = export_ok (fresh.store, kinds[i]);

      assert_bytes_equal (again, exports[i]);
    }

  /* Into the database it came from: nothing changes, nothing is logged. */
  audit = count_audit (demo.store);
  for (guint i = 3; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GBytes) again = NULL;

      import_bytes_ok (demo.store, kinds[i], exports[i]);
      again = export_ok (demo.store, kinds[i]);
      assert_bytes_equal (again, exports[i]);
    }
  g_assert_cmpuint (count_audit (demo.store), ==, audit);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_bytes_unref (exports[i]);
  db_close (&fresh);
  db_close (&demo);
}

static gpointer
insert_ok (SdStore    *store,
           GType       type,
           const char *name,
           const char *parent_property,
           gpointer    parent)
{
  g_autoptr(GError) error = NULL;
  gpointer item;

  item = sd_store_insert (store, type, &error,
                          "name", name,
                          parent_property, parent != NULL ? sd_item_get_id (parent) : 0,
                          NULL);
  g_assert_no_error (error);
  g_assert_nonnull (item);
  return item;
}

/* Units and posts of the same names in several places: the export names
 * each by as much of its path as it takes, and the import reads that back. */
static void
test_qualified_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autofree char *text = NULL;
  SdUnit *company_a, *company_b, *it_a, *it_b, *office_a, *office_b;
  SdPost *officer_a, *officer_b, *officer;
  guint audit;
  Db db = { 0 };

  db_open (&db, FALSE);
  company_a = insert_ok (db.store, SD_TYPE_UNIT, "甲公司", "parent-id", NULL);
  company_b = insert_ok (db.store, SD_TYPE_UNIT, "乙公司", "parent-id", NULL);
  it_a = insert_ok (db.store, SD_TYPE_UNIT, "信息部", "parent-id", company_a);
  it_b = insert_ok (db.store, SD_TYPE_UNIT, "信息部", "parent-id", company_b);
  office_a = insert_ok (db.store, SD_TYPE_UNIT, "综合组", "parent-id", it_a);
  office_b = insert_ok (db.store, SD_TYPE_UNIT, "综合组", "parent-id", it_b);
  officer_a = insert_ok (db.store, SD_TYPE_POST, "安全员", "unit-id", office_a);
  officer_b = insert_ok (db.store, SD_TYPE_POST, "安全员", "unit-id", office_b);
  officer = insert_ok (db.store, SD_TYPE_POST, "安全员", "unit-id", NULL);
  import_ok (db.store, "duties", "code,area,text,source\nD-1,,第一条。,\nD-2,,第二条。,\n", 2);

  import_ok (db.store, "assignments",
             "duty_code,party_kind,party,role\n"
             "D-1,post,甲公司/信息部/综合组/安全员,R\n"
             "D-1,post,乙公司 ／ 信息部／综合组／安全员,C\n"
             "D-1,post,/安全员,A\n"
             "D-1,unit,乙公司/信息部/综合组,I\n"
             "D-2,unit,甲公司/信息部,R\n"
             "D-2,unit,甲公司,C\n",
             6);
  g_assert_cmpstr (role_of (db.store, "D-1", officer_a), ==, "R");
  g_assert_cmpstr (role_of (db.store, "D-1", officer_b), ==, "C");
  g_assert_cmpstr (role_of (db.store, "D-1", officer), ==, "A");
  g_assert_cmpstr (role_of (db.store, "D-1", office_b), ==, "I");
  g_assert_null (role_of (db.store, "D-1", office_a));
  g_assert_cmpstr (role_of (db.store, "D-2", it_a), ==, "R");
  g_assert_cmpstr (role_of (db.store, "D-2", company_a), ==, "C");

  /* The shortest unambiguous names, which import as they are. */
  exported = export_ok (db.store, "assignments");
  text = g_strndup (g_bytes_get_data (exported, NULL), g_bytes_get_size (exported));
  g_assert_cmpstr (text, ==,
                   SD_CSV_BOM "duty_code,party_kind,party,role\r\n"
                   "D-1,post,甲公司/信息部/综合组/安全员,R\r\n"
                   "D-1,post,乙公司/信息部/综合组/安全员,C\r\n"
                   "D-1,post,/安全员,A\r\n"
                   "D-1,unit,乙公司/信息部/综合组,I\r\n"
                   "D-2,unit,甲公司/信息部,R\r\n"
                   "D-2,unit,甲公司,C\r\n");
  audit = count_audit (db.store);
  import_bytes_ok (db.store, "assignments", exported);
  g_assert_cmpuint (count_audit (db.store), ==, audit);

  {
    static const BadCase bad = { "qualified", "assignments", NULL,
      { { 2, "ambiguous post “安全员”: 3 posts have this name; "
             "write it with its unit, as in “甲公司/信息部/综合组/安全员”" },
        { 3, "ambiguous post “信息部/综合组/安全员”: 2 posts match" },
        { 4, "ambiguous unit “综合组”: 2 units have this name; "
             "write it with its parent, as in “甲公司/信息部/综合组”" },
        { 5, "unknown unit “丙公司/信息部”" } } };
    const char *file =
      "duty_code,party_kind,party,role\n"
      "D-2,post,安全员,R\n"
      "D-2,post,信息部/综合组/安全员,R\n"
      "D-2,unit,综合组,R\n"
      "D-2,unit,丙公司/信息部,R\n";
    g_autoptr(GBytes) bytes = g_bytes_new (file, strlen (file));

    check_bad_import (db.store, "assignments", bytes, &bad);
  }

  db_close (&db);
}

/* Chinese headers, party kinds and role words; a file saved as GB18030. */
static void
test_chinese_matrix (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gb = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;
  guint n = 0;
  SdDuty *duty;
  Db db = { 0 };

  db_open (&db, TRUE);

  gb = g_convert ("编号,类别,职责,来源\r\n"
                  "Z-1,保密管理职责,组织保密自查。,《保密管理规定》第3条\r\n"
                  "Z-2,保密管理职责,“涉密载体”登记。,\r\n",
                  -1, "GB18030", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  g_assert_false (g_utf8_validate (gb, length, NULL));
  bytes = g_bytes_new (gb, length);
  g_assert_true (sd_import_bytes (db.store, "duties", bytes, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  duty = find_duty (db.store, "Z-2");
  g_assert_nonnull (duty);
  g_assert_cmpstr (sd_duty_get_area (duty), ==, "保密管理职责");
  g_assert_cmpstr (sd_duty_get_text (duty), ==, "“涉密载体”登记。");

  import_ok (db.store, "assignments",
             "职责编号,主体类型,责任主体,角色\n"
             "Z-1,岗位,安全管理员,负责\n"
             "Z-1,机构,网络安全领导小组,牵头\n"
             "Z-1,单位,财务部,Informed\n"
             "Z-2,小组,网络安全工作组,批准\n"
             "Z-2,部门,信息部,协助\n"
             "Z-2,岗位,信息部／部门网络安全员,知悉\n"
             "Z-2,Post,安全审计员,r\n",
             7);
  g_assert_cmpstr (role_of (db.store, "Z-1", find_post (db.store, "网络安全管理部", "安全管理员")),
                   ==, "R");
  g_assert_cmpstr (role_of (db.store, "Z-1",
                            find_by_name (db.store, SD_TYPE_BODY, "网络安全领导小组")), ==, "A");
  g_assert_cmpstr (role_of (db.store, "Z-1", find_by_name (db.store, SD_TYPE_UNIT, "财务部")),
                   ==, "I");
  g_assert_cmpstr (role_of (db.store, "Z-2",
                            find_by_name (db.store, SD_TYPE_BODY, "网络安全工作组")), ==, "A");
  g_assert_cmpstr (role_of (db.store, "Z-2", find_by_name (db.store, SD_TYPE_UNIT, "信息部")),
                   ==, "C");
  g_assert_cmpstr (role_of (db.store, "Z-2", find_post (db.store, "信息部", "部门网络安全员")),
                   ==, "I");
  g_assert_cmpstr (role_of (db.store, "Z-2", find_post (db.store, "网络安全管理部", "安全审计员")),
                   ==, "R");

  db_close (&db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/quotes", test_csv_quotes);
  g_test_add_func ("/csv/crlf-bom", test_csv_crlf_bom);
  g_test_add_func ("/csv/gb18030", test_csv_gb18030);
  g_test_add_func ("/csv/bad-bytes", test_csv_bad_bytes);
  g_test_add_func ("/csv/writer", test_csv_writer);
  g_test_add_func ("/import/kinds", test_kinds);
  g_test_add_func ("/import/round-trip", test_round_trip);
  g_test_add_func ("/import/files", test_files);
  g_test_add_func ("/import/bad-rows", test_bad_rows);
  g_test_add_func ("/import/wrong-encoding", test_wrong_encoding);
  g_test_add_func ("/import/header", test_header);
  g_test_add_func ("/import/write-failure", test_write_failure);
  g_test_add_func ("/import/chinese", test_chinese_values);
  g_test_add_func ("/import/duties", test_duties);
  g_test_add_func ("/import/assignments", test_assignments);
  g_test_add_func ("/import/matrix-write-failure", test_matrix_write_failure);
  g_test_add_func ("/import/matrix-round-trip", test_matrix_round_trip);
  g_test_add_func ("/import/chinese-matrix", test_chinese_matrix);
  g_test_add_func ("/import/qualified-names", test_qualified_names);

  return g_test_run ();
}
