/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The duty matrix's rules (RACI completeness), over a small database built
 * here, and the violation list that runs them.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sd-assignment.h"
#include "sd-body.h"
#include "sd-duty-rules.h"
#include "sd-duty.h"
#include "sd-org-rules.h"
#include "sd-post.h"
#include "sd-store.h"
#include "sd-unit.h"

typedef struct
{
  char    *dir;
  SdStore *store;
  SdUnit  *it;
  SdPost  *admin, *director;
  SdBody  *group;
  SdDuty  *duty;
} Fixture;

static gint64
id (gpointer item)
{
  return sd_item_get_id (SD_ITEM (item));
}

static SdAssignment *
assign (Fixture    *f,
        SdDuty     *duty,
        const char *kind,
        gpointer    party,
        const char *role)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *property = g_strconcat (kind, "-id", NULL);
  SdAssignment *assignment;

  assignment = sd_store_insert (f->store, SD_TYPE_ASSIGNMENT, &error,
                                "duty-id", id (duty), property, id (party),
                                "role", role, NULL);
  g_assert_no_error (error);
  g_assert_nonnull (assignment);
  return assignment;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("sd-test-duty-rules-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "duties.db", NULL);
  f->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  f->it = sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "信息技术部",
                           "kind", "department", NULL);
  g_assert_no_error (error);
  f->admin = sd_store_insert (f->store, SD_TYPE_POST, &error, "name", "安全管理员",
                              "unit-id", id (f->it), NULL);
  g_assert_no_error (error);
  f->director = sd_store_insert (f->store, SD_TYPE_POST, &error, "name", "安全主管", NULL);
  g_assert_no_error (error);
  f->group = sd_store_insert (f->store, SD_TYPE_BODY, &error, "name", "网络安全领导小组",
                              "kind", "leadership", NULL);
  g_assert_no_error (error);
  f->duty = sd_store_insert (f->store, SD_TYPE_DUTY, &error, "code", "003-9.1",
                             "area", "网络安全领导小组职责",
                             "text", "贯彻执行国家关于网络安全工作的方针、政策。", NULL);
  g_assert_no_error (error);
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

/* The violation of @rule_id about @subject, or NULL. */
static SdViolation *
find (GPtrArray  *violations,
      const char *rule_id,
      const char *subject)
{
  for (guint i = 0; i < violations->len; i++)
    {
      SdViolation *v = violations->pdata[i];

      if (g_str_equal (sd_violation_get_rule_id (v), rule_id)
          && g_str_equal (sd_violation_get_subject (v), subject))
        return v;
    }
  return NULL;
}

static guint
count_rule (GPtrArray  *violations,
            const char *rule_id)
{
  guint n = 0;

  for (guint i = 0; i < violations->len; i++)
    n += g_str_equal (sd_violation_get_rule_id (violations->pdata[i]), rule_id);
  return n;
}

static void
assert_sorted (GPtrArray *violations)
{
  for (guint i = 1; i < violations->len; i++)
    g_assert_cmpint (sd_violation_compare (&violations->pdata[i - 1], &violations->pdata[i]), <, 0);
}

/* Each rule fires, then clears once the matrix is fixed. */
static void
test_rules_fire_and_clear (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) v = NULL;
  g_autoptr(GError) error = NULL;
  SdAssignment *second_a;
  SdViolation *found;

  /* A duty nobody holds: no A, no R; nobody holds a duty. */
  v = sd_duty_check (f->store);
  assert_sorted (v);
  found = find (v, "duty-without-accountable", "003-9.1");
  g_assert_nonnull (found);
  g_assert_cmpstr (sd_violation_get_message (found), ==,
                   "Duty 003-9.1 has no one accountable (A).");
  g_assert_true (sd_violation_get_target_type (found) == SD_TYPE_DUTY);
  g_assert_cmpint (sd_violation_get_target_id (found), ==, id (f->duty));
  found = find (v, "duty-without-responsible", "003-9.1");
  g_assert_nonnull (found);
  g_assert_cmpstr (sd_violation_get_message (found), ==,
                   "Duty 003-9.1 has no one responsible (R).");
  g_assert_cmpuint (count_rule (v, "duty-multiple-accountable"), ==, 0);
  g_assert_cmpuint (count_rule (v, "party-without-duty"), ==, 3);
  g_assert_cmpuint (v->len, ==, 5);
  g_clear_pointer (&v, g_ptr_array_unref);

  /* R given: that clears, and the post holds a duty now. */
  assign (f, f->duty, "post", f->admin, "R");
  v = sd_duty_check (f->store);
  g_assert_null (find (v, "duty-without-responsible", "003-9.1"));
  g_assert_nonnull (find (v, "duty-without-accountable", "003-9.1"));
  g_assert_null (find (v, "party-without-duty", "安全管理员 (信息技术部)"));
  g_assert_nonnull (find (v, "party-without-duty", "安全主管"));
  g_assert_nonnull (find (v, "party-without-duty", "网络安全领导小组"));
  g_clear_pointer (&v, g_ptr_array_unref);

  /* One A: all the duty's problems are gone. */
  assign (f, f->duty, "body", f->group, "A");
  v = sd_duty_check (f->store);
  g_assert_null (find (v, "duty-without-accountable", "003-9.1"));
  g_assert_null (find (v, "party-without-duty", "网络安全领导小组"));
  g_assert_cmpuint (v->len, ==, 1);
  g_clear_pointer (&v, g_ptr_array_unref);

  /* A second A: too many accountable, both named. */
  second_a = assign (f, f->duty, "post", f->director, "A");
  v = sd_duty_check (f->store);
  assert_sorted (v);
  found = find (v, "duty-multiple-accountable", "003-9.1");
  g_assert_nonnull (found);
  g_assert_cmpstr (sd_violation_get_message (found), ==,
                   "Duty 003-9.1 has 2 parties accountable (A): 安全主管, 网络安全领导小组; "
                   "only one may be.");
  g_assert_null (find (v, "duty-without-accountable", "003-9.1"));
  g_assert_cmpuint (v->len, ==, 1);
  g_clear_pointer (&v, g_ptr_array_unref);

  /* Made C: nothing left. */
  g_assert_true (sd_store_update (f->store, second_a, &error, "role", "C", NULL));
  g_assert_no_error (error);
  v = sd_duty_check (f->store);
  g_assert_cmpuint (v->len, ==, 0);
  g_clear_pointer (&v, g_ptr_array_unref);

  /* Taking the R away brings its violation back. */
  {
    GListModel *assignments = sd_store_get_items (f->store, SD_TYPE_ASSIGNMENT);

    for (guint i = 0; i < g_list_model_get_n_items (assignments); i++)
      {
        g_autoptr(SdAssignment) a = g_list_model_get_item (assignments, i);

        if (g_strcmp0 (sd_assignment_get_role (a), "R") == 0)
          {
            g_assert_true (sd_store_delete (f->store, a, &error));
            g_assert_no_error (error);
            break;
          }
      }
  }
  v = sd_duty_check (f->store);
  g_assert_nonnull (find (v, "duty-without-responsible", "003-9.1"));
  g_assert_nonnull (find (v, "party-without-duty", "安全管理员 (信息技术部)"));
  g_assert_cmpuint (v->len, ==, 2);
}

/* A post or a body without duties, with the item to open; units are not
 * parties that must hold duties, but their roles count for the duty. */
static void
test_party_without_duty (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) v = NULL;
  SdViolation *post, *body;

  assign (f, f->duty, "unit", f->it, "R");
  assign (f, f->duty, "post", f->director, "A");
  v = sd_duty_check (f->store);
  assert_sorted (v);

  g_assert_cmpuint (v->len, ==, 2);
  post = find (v, "party-without-duty", "安全管理员 (信息技术部)");
  g_assert_nonnull (post);
  g_assert_true (sd_violation_get_target_type (post) == SD_TYPE_POST);
  g_assert_cmpint (sd_violation_get_target_id (post), ==, id (f->admin));
  g_assert_nonnull (strstr (sd_violation_get_message (post), "安全管理员 (信息技术部)"));

  body = find (v, "party-without-duty", "网络安全领导小组");
  g_assert_nonnull (body);
  g_assert_true (sd_violation_get_target_type (body) == SD_TYPE_BODY);
  g_assert_cmpint (sd_violation_get_target_id (body), ==, id (f->group));
  g_assert_nonnull (strstr (sd_violation_get_message (body), "网络安全领导小组"));

  /* No line for the unit, none for the duty. */
  g_assert_null (find (v, "party-without-duty", "信息技术部"));
  g_assert_cmpuint (count_rule (v, "duty-without-responsible"), ==, 0);
}

/* Many duties: sorted by rule, then subject in byte order; a duty without
 * a code is named by its text. */
static void
test_sorted (Fixture       *f,
             gconstpointer  data)
{
  const char *codes[] = { "003-9.3", "003-10.1", "001-2", "003-9.2" };
  g_autoptr(GPtrArray) v = NULL;
  g_autoptr(GError) error = NULL;
  SdDuty *plain;
  const char *last_rule = "";

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      SdDuty *duty = sd_store_insert (f->store, SD_TYPE_DUTY, &error, "code", codes[i],
                                      "text", "一项职责", NULL);

      g_assert_no_error (error);
      /* Half of them with two A. */
      assign (f, duty, "post", f->admin, "A");
      if (i % 2 == 0)
        assign (f, duty, "post", f->director, "A");
    }
  plain = sd_store_insert (f->store, SD_TYPE_DUTY, &error, "code", " ",
                           "text", "  ", NULL);
  g_assert_no_error (error);
  g_assert_nonnull (plain);

  v = sd_duty_check (f->store);
  assert_sorted (v);
  for (guint i = 0; i < v->len; i++)
    {
      const char *rule = sd_violation_get_rule_id (v->pdata[i]);

      g_assert_cmpint (strcmp (last_rule, rule), <=, 0);
      last_rule = rule;
    }
  g_assert_cmpuint (count_rule (v, "duty-multiple-accountable"), ==, 2);
  /* 003-9.1 (fixture), the four, and the one without a code. */
  g_assert_cmpuint (count_rule (v, "duty-without-responsible"), ==, 6);
  g_assert_cmpstr (sd_violation_get_subject (v->pdata[0]), ==, "001-2");
  g_assert_cmpstr (sd_violation_get_subject (v->pdata[1]), ==, "003-9.3");
  g_assert_cmpstr (sd_violation_get_rule_id (v->pdata[v->len - 1]), ==, "party-without-duty");
}

/* A duty with a blank code is named by the start of its text, or by its
 * id when that is blank too. */
static void
test_duty_without_code (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) v = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *by_id = NULL;
  SdDuty *blank;

  g_assert_true (sd_store_update (f->store, f->duty, &error, "code", " ", "text",
                                  "负责网络安全日常工作的协调和处理，组织网络安全培训的相关工作。",
                                  NULL));
  g_assert_no_error (error);
  blank = sd_store_insert (f->store, SD_TYPE_DUTY, &error, "code", "\t", "text", "  ", NULL);
  g_assert_no_error (error);
  by_id = g_strdup_printf ("#%" G_GINT64_FORMAT, id (blank));

  v = sd_duty_check (f->store);
  g_assert_nonnull (find (v, "duty-without-accountable",
                          "负责网络安全日常工作的协调和处理，组织网…"));
  g_assert_nonnull (find (v, "duty-without-responsible", by_id));
}

static void
test_problems_for_cells (void)
{
  const SdMatrixCell none[] = { { 0, SD_ROLE_C }, { 3, SD_ROLE_I } };
  const SdMatrixCell fine[] = { { 0, SD_ROLE_R }, { 2, SD_ROLE_A }, { 5, SD_ROLE_C } };
  const SdMatrixCell both[] = { { 1, SD_ROLE_R | SD_ROLE_A } };
  const SdMatrixCell two_a[] = { { 0, SD_ROLE_A }, { 1, SD_ROLE_A | SD_ROLE_C } };
  g_autofree char *all = NULL;
  g_autofree char *one = NULL;

  g_assert_cmpuint (sd_duty_problems_for_cells (NULL, 0), ==,
                    SD_DUTY_PROBLEM_NO_ACCOUNTABLE | SD_DUTY_PROBLEM_NO_RESPONSIBLE);
  g_assert_cmpuint (sd_duty_problems_for_cells (none, G_N_ELEMENTS (none)), ==,
                    SD_DUTY_PROBLEM_NO_ACCOUNTABLE | SD_DUTY_PROBLEM_NO_RESPONSIBLE);
  g_assert_cmpuint (sd_duty_problems_for_cells (fine, G_N_ELEMENTS (fine)), ==, 0);
  g_assert_cmpuint (sd_duty_problems_for_cells (both, G_N_ELEMENTS (both)), ==, 0);
  g_assert_cmpuint (sd_duty_problems_for_cells (two_a, G_N_ELEMENTS (two_a)), ==,
                    SD_DUTY_PROBLEM_MULTIPLE_ACCOUNTABLE | SD_DUTY_PROBLEM_NO_RESPONSIBLE);

  g_assert_null (sd_duty_problems_describe (0));
  one = sd_duty_problems_describe (SD_DUTY_PROBLEM_MULTIPLE_ACCOUNTABLE);
  g_assert_cmpstr (one, ==, "More than one party is accountable");
  g_clear_pointer (&one, g_free);
  one = sd_duty_problems_describe (SD_DUTY_PROBLEM_MULTIPLE_ACCOUNTABLE
                                   | SD_DUTY_PROBLEM_NO_RESPONSIBLE);
  g_assert_cmpstr (one, ==, "More than one party is accountable; no one is responsible");
  g_clear_pointer (&one, g_free);
  one = sd_duty_problems_describe (SD_DUTY_PROBLEM_NO_RESPONSIBLE);
  g_assert_cmpstr (one, ==, "No one is responsible");
  all = sd_duty_problems_describe (SD_DUTY_PROBLEM_NO_ACCOUNTABLE
                                   | SD_DUTY_PROBLEM_NO_RESPONSIBLE);
  g_assert_cmpstr (all, ==, "No one is accountable; no one is responsible");
}

static void
test_labels (void)
{
  const char *rules[] = {
    "duty-without-accountable", "duty-multiple-accountable",
    "duty-without-responsible", "party-without-duty",
  };

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      const char *label = sd_duty_rule_get_label (rules[i]);

      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, rules[i]);
      /* The problems view asks the organisation's function for every rule. */
      g_assert_cmpstr (sd_org_rule_get_label (rules[i]), ==, label);
    }
  g_assert_null (sd_duty_rule_get_label ("incompatible-posts"));
  g_assert_null (sd_duty_rule_get_label ("no-such-rule"));
  g_assert_cmpstr (sd_org_rule_get_label ("no-such-rule"), ==, "no-such-rule");
  g_assert_cmpstr (sd_org_rule_get_label ("incompatible-posts"), ==, "Incompatible posts");
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_signals)
{
  (*n_signals)++;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The violation list runs any check and follows the lists it watches. */
static void
test_violation_list_for (Fixture       *f,
                         gconstpointer  data)
{
  const GType watched[] = { SD_TYPE_DUTY, SD_TYPE_ASSIGNMENT, SD_TYPE_POST, SD_TYPE_BODY };
  g_autoptr(SdViolationList) list = NULL;
  g_autoptr(SdViolation) first = NULL;
  g_autoptr(GError) error = NULL;
  guint n_signals = 0;
  SdDuty *other;

  list = sd_violation_list_new_for (f->store, sd_duty_check, watched, G_N_ELEMENTS (watched));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == SD_TYPE_VIOLATION);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &n_signals);

  /* Checked once the main loop is idle. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  iterate ();
  g_assert_cmpuint (n_signals, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (sd_violation_get_rule_id (first), ==, "duty-without-accountable");

  /* A change to an assignment checks again: the A clears one line. */
  n_signals = 0;
  assign (f, f->duty, "body", f->group, "A");
  sd_violation_list_flush (list);
  g_assert_cmpuint (n_signals, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  /* A new duty, one change after another: one check. */
  n_signals = 0;
  other = sd_store_insert (f->store, SD_TYPE_DUTY, &error, "code", "003-9.2",
                           "text", "审定网络安全相关策略。", NULL);
  g_assert_no_error (error);
  assign (f, other, "post", f->director, "R");
  iterate ();
  g_assert_cmpuint (n_signals, ==, 1);
  /* 9.1 no R; 9.2 no A; 安全管理员 has no duty (安全主管 has one now). */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  /* A change to a list it does not watch checks nothing. */
  n_signals = 0;
  g_assert_nonnull (sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "财务部",
                                     "kind", "department", NULL));
  g_assert_no_error (error);
  iterate ();
  g_assert_cmpuint (n_signals, ==, 0);

  /* The organisation's list is still what it was. */
  {
    g_autoptr(SdViolationList) org = sd_violation_list_new (f->store);

    sd_violation_list_flush (org);
    iterate ();
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (org)); i++)
      {
        g_autoptr(SdViolation) v = g_list_model_get_item (G_LIST_MODEL (org), i);

        g_assert_false (g_str_has_prefix (sd_violation_get_rule_id (v), "duty-"));
        g_assert_cmpstr (sd_violation_get_rule_id (v), !=, "party-without-duty");
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/duty-rules/fire-and-clear", test_rules_fire_and_clear);
  ADD ("/duty-rules/party-without-duty", test_party_without_duty);
  ADD ("/duty-rules/sorted", test_sorted);
  ADD ("/duty-rules/duty-without-code", test_duty_without_code);
  ADD ("/duty-rules/violation-list-for", test_violation_list_for);
#undef ADD
  g_test_add_func ("/duty-rules/problems-for-cells", test_problems_for_cells);
  g_test_add_func ("/duty-rules/labels", test_labels);

  return g_test_run ();
}
