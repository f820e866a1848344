/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The duty matrix's filters (unit, party, area, roles, problems), each
 * alone and together, the problems of each duty, and the columns and
 * groups left by a filter.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sd-assignment.h"
#include "sd-body.h"
#include "sd-duty-matrix.h"
#include "sd-duty-rules.h"
#include "sd-duty.h"
#include "sd-post.h"
#include "sd-store-private.h"
#include "sd-store.h"
#include "sd-unit.h"

typedef struct
{
  char    *dir;
  SdStore *store;
  SdBody  *group;
  SdUnit  *company, *it, *section;
  SdPost  *director, *admin, *netadmin, *loose;
  SdDuty  *d1, *d2, *d3, *d4, *d5;
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

static SdDuty *
add_duty (Fixture    *f,
          const char *code,
          const char *area,
          const char *text,
          int         position)
{
  g_autoptr(GError) error = NULL;
  SdDuty *duty = sd_store_insert (f->store, SD_TYPE_DUTY, &error, "code", code, "area", area,
                                  "text", text, "position", position, NULL);

  g_assert_no_error (error);
  return duty;
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

  f->dir = g_dir_make_tmp ("sd-test-matrix-filter-XXXXXX", &error);
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
  f->section = sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "网络运维组",
                                "kind", "section", "parent-id", id (f->it), NULL);
  g_assert_no_error (error);
  f->director = sd_store_insert (f->store, SD_TYPE_POST, &error, "name", "安全主管",
                                 "unit-id", id (f->company), NULL);
  g_assert_no_error (error);
  f->admin = sd_store_insert (f->store, SD_TYPE_POST, &error, "name", "安全管理员",
                              "unit-id", id (f->it), NULL);
  g_assert_no_error (error);
  f->netadmin = sd_store_insert (f->store, SD_TYPE_POST, &error, "name", "网络管理员",
                                 "unit-id", id (f->section), NULL);
  g_assert_no_error (error);
  f->loose = sd_store_insert (f->store, SD_TYPE_POST, &error, "name", "保密员", NULL);
  g_assert_no_error (error);

  f->d1 = add_duty (f, "003-9.1", "领导小组职责", "贯彻执行国家网络安全方针", 1);
  f->d2 = add_duty (f, "003-12.2", "安全管理员职责", "落实本单位网络安全的各项工作", 2);
  f->d3 = add_duty (f, "003-9.2", "领导小组职责", "审定网络安全管理规定", 3);
  f->d4 = add_duty (f, "003-12.3", "安全管理员职责", "承担年度应急演练、定期漏洞扫描", 4);
  f->d5 = add_duty (f, "001-1", "", "负责公司计算机及相关设备的采购", 5);

  assign (f, f->d1, "body", f->group, "A");          /* d1: fine */
  assign (f, f->d1, "post", f->director, "R");
  assign (f, f->d2, "post", f->admin, "R");          /* d2: no A */
  assign (f, f->d2, "unit", f->it, "I");
  assign (f, f->d3, "post", f->loose, "C");          /* d3: no A, no R */
  assign (f, f->d4, "post", f->admin, "A");          /* d4: two A */
  assign (f, f->d4, "post", f->director, "A");
  assign (f, f->d4, "post", f->netadmin, "R");
  /* d5: nothing at all */
  iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);

      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* The shown duties, in grid order, as their codes joined by spaces. */
static char *
shown_codes (SdDutyMatrix *matrix)
{
  GString *out = g_string_new (NULL);

  for (guint row = 0; row < sd_duty_matrix_get_n_rows (matrix); row++)
    {
      SdDuty *duty = sd_duty_matrix_get_row_duty (matrix, row);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, duty != NULL ? sd_duty_get_code (duty) : "|");
    }
  return g_string_free (out, FALSE);
}

/* The shown columns as their names, each group opened by "[title]". */
static char *
shown_columns (SdDutyMatrix *matrix)
{
  GString *out = g_string_new (NULL);

  for (guint g = 0; g < sd_duty_matrix_get_n_groups (matrix); g++)
    {
      const SdMatrixGroup *group = sd_duty_matrix_get_group (matrix, g);

      g_string_append_printf (out, "%s[%s]", g > 0 ? " " : "", group->title);
      for (guint c = group->first; c < group->first + group->n_columns; c++)
        {
          /* Each column points back at its group. */
          g_assert_cmpuint (sd_duty_matrix_get_column (matrix, c)->group, ==, g);
          g_string_append_printf (out, " %s", sd_duty_matrix_get_column_name (matrix, c));
        }
      /* Groups cover the columns side by side, without gaps. */
      if (g + 1 < sd_duty_matrix_get_n_groups (matrix))
        g_assert_cmpuint (sd_duty_matrix_get_group (matrix, g + 1)->first, ==,
                          group->first + group->n_columns);
    }
  if (sd_duty_matrix_get_n_groups (matrix) > 0)
    {
      guint n_groups = sd_duty_matrix_get_n_groups (matrix);
      const SdMatrixGroup *last = sd_duty_matrix_get_group (matrix, n_groups - 1);

      g_assert_cmpuint (last->first + last->n_columns, ==, sd_duty_matrix_get_n_columns (matrix));
    }
  else
    g_assert_cmpuint (sd_duty_matrix_get_n_columns (matrix), ==, 0);
  return g_string_free (out, FALSE);
}

static void
assert_shown (SdDutyMatrix *matrix,
              const char   *codes)
{
  g_autofree char *shown = shown_codes (matrix);

  g_assert_cmpstr (shown, ==, codes);
}

static void
assert_columns (SdDutyMatrix *matrix,
                const char   *columns)
{
  g_autofree char *shown = shown_columns (matrix);

  g_assert_cmpstr (shown, ==, columns);
}

static guint
roles_at (SdDutyMatrix *matrix,
          SdDuty       *duty,
          SdPartyKind   kind,
          gpointer      party)
{
  guint row = sd_duty_matrix_find_duty (matrix, id (duty));
  guint column = sd_duty_matrix_find_column (matrix, kind, id (party));

  g_assert_cmpuint (row, !=, G_MAXUINT);
  g_assert_cmpuint (column, !=, G_MAXUINT);
  return sd_duty_matrix_get_roles (matrix, row, column);
}

#define ALL_COLUMNS "[Security bodies] 网络安全领导小组 [Organisation-wide posts] 保密员 " \
                    "[示例集团] 示例集团 安全主管 [信息技术部] 信息技术部 安全管理员 " \
                    "[网络运维组] 网络运维组 网络管理员"
#define ALL_ROWS    "| 003-9.1 003-9.2 | 003-12.2 003-12.3 | 001-1"

/* Each duty's problems, from all its cells; the same as --check finds. */
static void
test_problems (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SdDutyMatrix) matrix = sd_duty_matrix_new (f->store);
  g_autoptr(GPtrArray) violations = sd_duty_check (f->store);
  g_autoptr(GError) error = NULL;
  SdDuty *duties[] = { f->d1, f->d2, f->d3, f->d4, f->d5 };
  const guint expected[] = {
    0,
    SD_DUTY_PROBLEM_NO_ACCOUNTABLE,
    SD_DUTY_PROBLEM_NO_ACCOUNTABLE | SD_DUTY_PROBLEM_NO_RESPONSIBLE,
    SD_DUTY_PROBLEM_MULTIPLE_ACCOUNTABLE,
    SD_DUTY_PROBLEM_NO_ACCOUNTABLE | SD_DUTY_PROBLEM_NO_RESPONSIBLE,
  };

  assert_shown (matrix, ALL_ROWS);
  assert_columns (matrix, ALL_COLUMNS);
  g_assert_false (sd_duty_matrix_is_filtered (matrix));
  g_assert_cmpuint (sd_duty_matrix_get_n_problems (matrix), ==, 4);
  g_assert_cmpuint (sd_duty_matrix_get_row_problems (matrix, 0), ==, 0);   /* a header */
  g_assert_cmpuint (sd_duty_matrix_get_row_problems (matrix, 1000), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (duties); i++)
    {
      guint row = sd_duty_matrix_find_duty (matrix, id (duties[i]));
      guint n_lines = 0;

      g_assert_cmpuint (sd_duty_matrix_get_row_problems (matrix, row), ==, expected[i]);
      /* One line of --check per problem bit. */
      for (guint v = 0; v < violations->len; v++)
        n_lines += sd_violation_get_target_type (violations->pdata[v]) == SD_TYPE_DUTY
                   && sd_violation_get_target_id (violations->pdata[v]) == id (duties[i]);
      g_assert_cmpuint (n_lines, ==, __builtin_popcount (expected[i]));
    }

  /* A fix is seen after the rebuild. */
  assign (f, f->d2, "body", f->group, "A");
  g_assert_true (sd_store_update (f->store, f->d4, &error, "code", "003-12.4", NULL));
  g_assert_no_error (error);
  sd_duty_matrix_flush (matrix);
  g_assert_cmpuint (sd_duty_matrix_get_n_problems (matrix), ==, 3);
  g_assert_cmpuint (sd_duty_matrix_get_row_problems (matrix,
                                                     sd_duty_matrix_find_duty (matrix, id (f->d2))),
                    ==, 0);
}

static void
test_dup_areas (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SdDutyMatrix) matrix = sd_duty_matrix_new (f->store);
  g_auto(GStrv) areas = sd_duty_matrix_dup_areas (matrix);
  g_auto(GStrv) filtered = NULL;
  SdMatrixFilter filter = { .area = "安全管理员职责" };

  g_assert_cmpuint (g_strv_length (areas), ==, 3);
  g_assert_cmpstr (areas[0], ==, "领导小组职责");
  g_assert_cmpstr (areas[1], ==, "安全管理员职责");
  g_assert_cmpstr (areas[2], ==, "Other duties");

  /* All areas, whatever is shown. */
  sd_duty_matrix_set_filter (matrix, &filter);
  filtered = sd_duty_matrix_dup_areas (matrix);
  g_assert_true (g_strv_equal ((const char * const *) areas, (const char * const *) filtered));
}

static void
count_cb (gpointer  object,
          guint    *count)
{
  (*count)++;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_area (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(SdDutyMatrix) matrix = sd_duty_matrix_new (f->store);
  g_autofree char *area = NULL;
  SdMatrixFilter filter = { 0 };
  guint changed = 0, items_changed = 0;

  g_signal_connect (matrix, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect (matrix, "items-changed", G_CALLBACK (items_changed_cb), &items_changed);

  /* The filter is copied: the caller's string may go. */
  area = g_strdup ("安全管理员职责");
  filter.area = area;
  sd_duty_matrix_set_filter (matrix, &filter);
  g_clear_pointer (&area, g_free);
  assert_shown (matrix, "| 003-12.2 003-12.3");
  assert_columns (matrix, ALL_COLUMNS);
  g_assert_cmpuint (sd_duty_matrix_get_n_shown (matrix), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (matrix)), ==, 2);
  g_assert_true (sd_duty_matrix_is_filtered (matrix));
  g_assert_cmpuint (sd_duty_matrix_find_duty (matrix, id (f->d1)), ==, G_MAXUINT);
  g_assert_cmpuint (sd_duty_matrix_get_area_size (matrix, 0), ==, 2);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (items_changed, ==, 1);

  /* The same filter again changes nothing. */
  area = g_strdup ("安全管理员职责");
  filter.area = area;
  sd_duty_matrix_set_filter (matrix, &filter);
  g_assert_cmpuint (changed, ==, 1);

  /* The duties without an area, by the name the matrix gives them. */
  filter.area = "Other duties";
  sd_duty_matrix_set_filter (matrix, &filter);
  assert_shown (matrix, "| 001-1");

  filter.area = "没有这个领域";
  sd_duty_matrix_set_filter (matrix, &filter);
  assert_shown (matrix, "");
  g_assert_cmpuint (sd_duty_matrix_get_n_shown (matrix), ==, 0);

  sd_duty_matrix_set_filter (matrix, NULL);
  assert_shown (matrix, ALL_ROWS);
  g_assert_false (sd_duty_matrix_is_filtered (matrix));
  g_assert_cmpuint (changed, ==, 4);
}

/* A unit: its own column and its posts' (not its sections'); the cells
 * are numbered by the shown columns; problems still count every cell. */
static void
test_unit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(SdDutyMatrix) matrix = sd_duty_matrix_new (f->store);
  SdMatrixFilter filter = { .unit_id = id (f->it) };
  const SdMatrixCell *cells;
  guint n_cells;
  guint row;

  sd_duty_matrix_set_filter (matrix, &filter);
  assert_columns (matrix, "[信息技术部] 信息技术部 安全管理员");
  /* Columns only: every duty stays. */
  assert_shown (matrix, ALL_ROWS);
  g_assert_true (sd_duty_matrix_is_filtered (matrix));
  g_assert_true (sd_duty_matrix_get_column (matrix, 0)->item == f->it);
  g_assert_true (sd_duty_matrix_get_column (matrix, 1)->item == f->admin);

  g_assert_cmpuint (sd_duty_matrix_find_column (matrix, SD_PARTY_UNIT, id (f->it)), ==, 0);
  g_assert_cmpuint (sd_duty_matrix_find_column (matrix, SD_PARTY_POST, id (f->admin)), ==, 1);
  g_assert_cmpuint (sd_duty_matrix_find_column (matrix, SD_PARTY_POST, id (f->director)), ==,
                    G_MAXUINT);
  g_assert_cmpuint (sd_duty_matrix_find_column (matrix, SD_PARTY_POST, id (f->netadmin)), ==,
                    G_MAXUINT);
  g_assert_cmpuint (sd_duty_matrix_find_column (matrix, SD_PARTY_BODY, id (f->group)), ==,
                    G_MAXUINT);
  /* Ids of another kind do not match: there is no body with the unit's id. */
  g_assert_cmpint (id (f->it), !=, id (f->group));
  g_assert_cmpuint (sd_duty_matrix_find_column (matrix, SD_PARTY_BODY, id (f->it)), ==,
                    G_MAXUINT);

  g_assert_cmpuint (roles_at (matrix, f->d2, SD_PARTY_UNIT, f->it), ==, SD_ROLE_I);
  g_assert_cmpuint (roles_at (matrix, f->d2, SD_PARTY_POST, f->admin), ==, SD_ROLE_R);
  g_assert_cmpuint (roles_at (matrix, f->d4, SD_PARTY_POST, f->admin), ==, SD_ROLE_A);

  /* d4's other cells are hidden, in order and in range. */
  row = sd_duty_matrix_find_duty (matrix, id (f->d4));
  cells = sd_duty_matrix_get_cells (matrix, row, &n_cells);
  g_assert_cmpuint (n_cells, ==, 1);
  g_assert_cmpuint (cells[0].column, ==, 1);
  row = sd_duty_matrix_find_duty (matrix, id (f->d2));
  cells = sd_duty_matrix_get_cells (matrix, row, &n_cells);
  g_assert_cmpuint (n_cells, ==, 2);
  g_assert_cmpuint (cells[0].column, ==, 0);
  g_assert_cmpuint (cells[1].column, ==, 1);
  row = sd_duty_matrix_find_duty (matrix, id (f->d1));
  cells = sd_duty_matrix_get_cells (matrix, row, &n_cells);
  g_assert_cmpuint (n_cells, ==, 0);

  /* Two A, one of them hidden: still a problem. */
  g_assert_cmpuint (sd_duty_matrix_get_row_problems (matrix,
                                                     sd_duty_matrix_find_duty (matrix, id (f->d4))),
                    ==, SD_DUTY_PROBLEM_MULTIPLE_ACCOUNTABLE);
  g_assert_cmpuint (sd_duty_matrix_get_n_problems (matrix), ==, 4);

  /* The company: its column and its post, in their group. */
  filter.unit_id = id (f->company);
  sd_duty_matrix_set_filter (matrix, &filter);
  assert_columns (matrix, "[示例集团] 示例集团 安全主管");
  g_assert_cmpuint (roles_at (matrix, f->d4, SD_PARTY_POST, f->director), ==, SD_ROLE_A);

  /* A unit that is gone: no columns, the duties stay. */
  filter.unit_id = 999999;
  sd_duty_matrix_set_filter (matrix, &filter);
  assert_columns (matrix, "");
  assert_shown (matrix, ALL_ROWS);
}

static void
test_party (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SdDutyMatrix) matrix = sd_duty_matrix_new (f->store);
  SdMatrixFilter filter = { .party_kind = SD_PARTY_POST, .party_id = id (f->admin) };

  sd_duty_matrix_set_filter (matrix, &filter);
  assert_columns (matrix, "[信息技术部] 安全管理员");
  g_assert_cmpuint (sd_duty_matrix_get_column (matrix, 0)->group, ==, 0);
  g_assert_cmpuint (roles_at (matrix, f->d4, SD_PARTY_POST, f->admin), ==, SD_ROLE_A);
  assert_shown (matrix, ALL_ROWS);

  /* The body, the first column of all. */
  filter.party_kind = SD_PARTY_BODY;
  filter.party_id = id (f->group);
  sd_duty_matrix_set_filter (matrix, &filter);
  assert_columns (matrix, "[Security bodies] 网络安全领导小组");

  /* Kind and id together: there is one body, and it has another id. */
  g_assert_cmpint (id (f->admin), !=, id (f->group));
  filter.party_kind = SD_PARTY_BODY;
  filter.party_id = id (f->admin);
  sd_duty_matrix_set_filter (matrix, &filter);
  assert_columns (matrix, "");
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SdDutyMatrix) matrix = sd_duty_matrix_new (f->store);
  SdMatrixFilter filter = { .roles = SD_ROLE_A };

  sd_duty_matrix_set_filter (matrix, &filter);
  assert_shown (matrix, "| 003-9.1 | 003-12.3");
  assert_columns (matrix, ALL_COLUMNS);

  filter.roles = SD_ROLE_I;
  sd_duty_matrix_set_filter (matrix, &filter);
  assert_shown (matrix, "| 003-12.2");

  filter.roles = SD_ROLE_C | SD_ROLE_I;
  sd_duty_matrix_set_filter (matrix, &filter);
  assert_shown (matrix, "| 003-9.2 | 003-12.2");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (matrix)), ==, 2);
  {
    g_autoptr(SdDuty) first = g_list_model_get_item (G_LIST_MODEL (matrix), 0);

    g_assert_true (first == f->d3);
  }
}

static void
test_only_problems (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SdDutyMatrix) matrix = sd_duty_matrix_new (f->store);
  SdMatrixFilter filter = { .only_problems = TRUE };

  sd_duty_matrix_set_filter (matrix, &filter);
  assert_shown (matrix, "| 003-9.2 | 003-12.2 003-12.3 | 001-1");
  g_assert_cmpuint (sd_duty_matrix_get_n_problems (matrix), ==, 4);
  for (guint row = 0; row < sd_duty_matrix_get_n_rows (matrix); row++)
    {
      if (sd_duty_matrix_get_row_duty (matrix, row) != NULL)
        g_assert_cmpuint (sd_duty_matrix_get_row_problems (matrix, row), !=, 0);
    }

  /* Fixing one takes it out after the rebuild; the filter stays. */
  assign (f, f->d3, "body", f->group, "A");
  assign (f, f->d3, "unit", f->it, "R");
  sd_duty_matrix_flush (matrix);
  assert_shown (matrix, "| 003-12.2 003-12.3 | 001-1");
  g_assert_cmpuint (sd_duty_matrix_get_n_problems (matrix), ==, 3);
}

/* Filters combine with each other and with the query (AND). */
static void
test_combined (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SdDutyMatrix) matrix = sd_duty_matrix_new (f->store);
  SdMatrixFilter filter = { .unit_id = id (f->it), .roles = SD_ROLE_A };

  /* A in the department's columns: d4 only (d1's A is the body's). */
  sd_duty_matrix_set_filter (matrix, &filter);
  assert_shown (matrix, "| 003-12.3");
  assert_columns (matrix, "[信息技术部] 信息技术部 安全管理员");

  /* R there: d2; d4's R is the section's, hidden. */
  filter.roles = SD_ROLE_R;
  sd_duty_matrix_set_filter (matrix, &filter);
  assert_shown (matrix, "| 003-12.2");

  /* Unit and party: the party must be in the unit. */
  filter.roles = 0;
  filter.party_kind = SD_PARTY_POST;
  filter.party_id = id (f->admin);
  sd_duty_matrix_set_filter (matrix, &filter);
  assert_columns (matrix, "[信息技术部] 安全管理员");
  filter.party_id = id (f->director);
  sd_duty_matrix_set_filter (matrix, &filter);
  assert_columns (matrix, "");

  /* Area, roles and problems. */
  filter = (SdMatrixFilter) { .area = "安全管理员职责", .roles = SD_ROLE_R,
                              .only_problems = TRUE };
  sd_duty_matrix_set_filter (matrix, &filter);
  assert_shown (matrix, "| 003-12.2 003-12.3");
  filter.area = "领导小组职责";
  sd_duty_matrix_set_filter (matrix, &filter);
  assert_shown (matrix, "");
  filter.roles = SD_ROLE_C;
  sd_duty_matrix_set_filter (matrix, &filter);
  assert_shown (matrix, "| 003-9.2");

  /* With the query. */
  filter = (SdMatrixFilter) { .roles = SD_ROLE_A };
  sd_duty_matrix_set_filter (matrix, &filter);
  sd_duty_matrix_set_query (matrix, "003-12");
  assert_shown (matrix, "| 003-12.3");
  /* The query finds holders hidden by the column filter too. */
  filter = (SdMatrixFilter) { .unit_id = id (f->it) };
  sd_duty_matrix_set_filter (matrix, &filter);
  sd_duty_matrix_set_query (matrix, "网络管理员");
  assert_shown (matrix, "| 003-12.3");
  sd_duty_matrix_set_query (matrix, "");
  assert_shown (matrix, ALL_ROWS);
  g_assert_true (sd_duty_matrix_is_filtered (matrix));

  sd_duty_matrix_set_filter (matrix, NULL);
  assert_shown (matrix, ALL_ROWS);
  assert_columns (matrix, ALL_COLUMNS);
  g_assert_false (sd_duty_matrix_is_filtered (matrix));
}

/* A store change rebuilds with the filter still on. */
static void
test_filter_survives_rebuild (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(SdDutyMatrix) matrix = sd_duty_matrix_new (f->store);
  g_autoptr(GError) error = NULL;
  SdMatrixFilter filter = { .unit_id = id (f->it), .roles = SD_ROLE_C };
  SdPost *analyst;
  guint changed = 0;

  sd_duty_matrix_set_filter (matrix, &filter);
  assert_shown (matrix, "");
  g_signal_connect (matrix, "changed", G_CALLBACK (count_cb), &changed);

  assign (f, f->d1, "post", f->admin, "C");
  analyst = sd_store_insert (f->store, SD_TYPE_POST, &error, "name", "数据分析员",
                             "unit-id", id (f->it), NULL);
  g_assert_no_error (error);
  iterate ();
  g_assert_cmpuint (changed, ==, 1);
  assert_shown (matrix, "| 003-9.1");
  assert_columns (matrix, "[信息技术部] 信息技术部 安全管理员 数据分析员");
  g_assert_cmpuint (roles_at (matrix, f->d1, SD_PARTY_POST, f->admin), ==, SD_ROLE_C);
  g_assert_cmpuint (sd_duty_matrix_find_column (matrix, SD_PARTY_POST, id (analyst)), ==, 2);
}

/* The search folds case in codes and texts alike, whether or not a duty's
 * text has letters of both cases, and finds party names as they are now. */
static void
test_query_case_and_names (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(SdDutyMatrix) matrix = sd_duty_matrix_new (f->store);
  g_autoptr(GError) error = NULL;
  SdDuty *latin;

  latin = add_duty (f, "IT-7", "安全管理员职责", "Review the USB 存储介质 Log", 6);
  g_assert_true (sd_store_update (f->store, f->d5, &error, "code", "ABC-1", NULL));
  g_assert_no_error (error);
  iterate ();

  sd_duty_matrix_set_query (matrix, "abc");
  assert_shown (matrix, "| ABC-1");
  sd_duty_matrix_set_query (matrix, "it-7");
  assert_shown (matrix, "| IT-7");
  sd_duty_matrix_set_query (matrix, "usb log");     /* both in a mixed-case text */
  assert_shown (matrix, "| IT-7");
  sd_duty_matrix_set_query (matrix, "USB 存储");
  assert_shown (matrix, "| IT-7");
  sd_duty_matrix_set_query (matrix, "存储 zzz");     /* every word must be found */
  assert_shown (matrix, "");

  /* A word may be in the code and another in a holder's name. */
  assign (f, latin, "post", f->netadmin, "R");
  iterate ();
  sd_duty_matrix_set_query (matrix, "it-7 网络管理员");
  assert_shown (matrix, "| IT-7");
  /* After a rename, the new name finds it and the old one no longer does. */
  g_assert_true (sd_store_update (f->store, f->netadmin, &error, "name", "Network Admin", NULL));
  g_assert_no_error (error);
  iterate ();
  sd_duty_matrix_set_query (matrix, "网络管理员 it-7");
  assert_shown (matrix, "");
  sd_duty_matrix_set_query (matrix, "NETWORK it-7");
  assert_shown (matrix, "| IT-7");
  /* An edit of the text is searched at once. */
  g_assert_true (sd_store_update (f->store, latin, &error, "text", "Audit 日志", NULL));
  g_assert_no_error (error);
  iterate ();
  sd_duty_matrix_set_query (matrix, "audit");
  assert_shown (matrix, "| IT-7");
  sd_duty_matrix_set_query (matrix, "usb");
  assert_shown (matrix, "");
}

/* Every cell's roles and every duty's problems, as text, in grid order. */
static char *
describe_grid (SdDutyMatrix *matrix)
{
  GString *out = g_string_new (NULL);

  for (guint row = 0; row < sd_duty_matrix_get_n_rows (matrix); row++)
    {
      SdDuty *duty = sd_duty_matrix_get_row_duty (matrix, row);

      if (duty == NULL)
        {
          g_string_append (out, "|\n");
          continue;
        }
      g_string_append_printf (out, "%s %u:", sd_duty_get_code (duty),
                              sd_duty_matrix_get_row_problems (matrix, row));
      for (guint column = 0; column < sd_duty_matrix_get_n_columns (matrix); column++)
        g_string_append_printf (out, " %s",
                                sd_role_mask_to_string (sd_duty_matrix_get_roles (matrix, row,
                                                                                  column)));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* The grid is built from the assignments' rows before their items are
 * read (for the window's first frame); reading the items brings the same
 * rows and builds nothing again; edits after that show, as does an edit
 * that is the first to read them. */
static void
test_cells_before_items (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "matrix.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdDutyMatrix) matrix = NULL;
  g_autoptr(SdDutyMatrix) reference = sd_duty_matrix_new (f->store);
  g_autofree char *expected = describe_grid (reference);
  g_autofree char *from_rows = NULL;
  g_autofree char *from_items = NULL;
  gint64 d3 = id (f->d3), director = id (f->director);
  SdStore *store;
  SdAssignment *assignment;
  guint row, column;
  int n_changed = 0;
  gint64 inserted;

  /* The fixture's items go with its store. */
  g_clear_object (&reference);
  g_clear_object (&f->store);

  f->store = store = sd_store_open (path, SD_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  matrix = sd_duty_matrix_new (store);
  g_assert_false (sd_store_is_loaded (store, SD_TYPE_ASSIGNMENT));
  from_rows = describe_grid (matrix);
  g_assert_cmpstr (from_rows, ==, expected);

  /* Reading the items changes the list, not the grid. */
  g_signal_connect_swapped (matrix, "changed", G_CALLBACK (g_atomic_int_inc), &n_changed);
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_ASSIGNMENT)),
                    ==, 8);
  g_assert_true (sd_store_is_loaded (store, SD_TYPE_ASSIGNMENT));
  sd_duty_matrix_flush (matrix);
  g_assert_cmpint (n_changed, ==, 0);
  from_items = describe_grid (matrix);
  g_assert_cmpstr (from_items, ==, expected);

  assignment = sd_store_insert (store, SD_TYPE_ASSIGNMENT, &error, "duty-id", d3,
                                "post-id", director, "role", "A", NULL);
  g_assert_no_error (error);
  g_assert_nonnull (assignment);
  sd_duty_matrix_flush (matrix);
  row = sd_duty_matrix_find_duty (matrix, d3);
  column = sd_duty_matrix_find_column (matrix, SD_PARTY_POST, director);
  g_assert_cmpuint (sd_duty_matrix_get_roles (matrix, row, column), ==, SD_ROLE_A);
  g_assert_cmpint (n_changed, ==, 1);

  /* An edit that is the first to read the items. */
  inserted = sd_item_get_id (SD_ITEM (assignment));
  g_clear_object (&matrix);
  g_clear_object (&f->store);
  f->store = store = sd_store_open (path, SD_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  matrix = sd_duty_matrix_new (store);
  g_assert_false (sd_store_is_loaded (store, SD_TYPE_ASSIGNMENT));
  assignment = sd_store_lookup (store, SD_TYPE_ASSIGNMENT, inserted);
  g_assert_nonnull (assignment);
  g_assert_true (sd_store_update (store, assignment, &error, "role", "C", NULL));
  g_assert_no_error (error);
  sd_duty_matrix_flush (matrix);
  g_assert_cmpuint (sd_duty_matrix_get_roles (matrix, row, column), ==, SD_ROLE_C);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/duty-matrix-filter/problems", test_problems);
  ADD ("/duty-matrix-filter/dup-areas", test_dup_areas);
  ADD ("/duty-matrix-filter/area", test_area);
  ADD ("/duty-matrix-filter/unit", test_unit);
  ADD ("/duty-matrix-filter/party", test_party);
  ADD ("/duty-matrix-filter/roles", test_roles);
  ADD ("/duty-matrix-filter/only-problems", test_only_problems);
  ADD ("/duty-matrix-filter/combined", test_combined);
  ADD ("/duty-matrix-filter/survives-rebuild", test_filter_survives_rebuild);
  ADD ("/duty-matrix-filter/query-case-and-names", test_query_case_and_names);
  ADD ("/duty-matrix-filter/cells-before-items", test_cells_before_items);
#undef ADD

  return g_test_run ();
}
