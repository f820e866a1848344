/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "sd-demo.h"
#include "sd-org-rules.h"
#include "sd-post.h"
#include "sd-unit.h"

/* How many violations of @rule_id there are for @subject. */
static guint
count (GPtrArray  *violations,
       const char *rule_id,
       const char *subject)
{
  guint n = 0;

  for (guint i = 0; i < violations->len; i++)
    {
      SdViolation *v = violations->pdata[i];

      if (g_str_equal (sd_violation_get_rule_id (v), rule_id)
          && (subject == NULL || g_str_equal (sd_violation_get_subject (v), subject)))
        n++;
    }
  return n;
}

/* The demo is built to be mostly compliant, with the four organisational
 * problems its data file lists (sd-demo-data.c); the check finds exactly
 * those, and nothing that would bury them. */
static void
test_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sd-test-org-rules-demo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GPtrArray) violations = NULL;
  g_autoptr(SdViolationList) list = NULL;

  store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (sd_demo_populate (store, &error));
  g_assert_no_error (error);

  violations = sd_org_check (store);
  for (guint i = 0; i < violations->len; i++)
    {
      g_autofree char *line = sd_violation_to_line (violations->pdata[i]);

      g_test_message ("%s", line);
    }

  /* 周静 is both security administrator and auditor (art. 7). */
  g_assert_cmpuint (count (violations, "incompatible-posts", "周静"), ==, 1);
  g_assert_cmpuint (count (violations, "incompatible-posts", NULL), ==, 1);
  /* Only the execution unit's 系统管理员 has a single holder; the other
   * key posts have two. */
  g_assert_cmpuint (count (violations, "key-post-understaffed",
                           "系统管理员 (网络安全管理部)"), ==, 1);
  g_assert_cmpuint (count (violations, "key-post-understaffed", NULL), ==, 1);
  /* The part-time people (宋佳, 金玉) hold no post that needs full-time
   * staff. */
  g_assert_cmpuint (count (violations, "full-time-required", NULL), ==, 0);
  /* 法务部 has no liaison; with 9 staff the ratio adds nothing to that. */
  g_assert_cmpuint (count (violations, "missing-liaison", "法务部"), ==, 1);
  g_assert_cmpuint (count (violations, "missing-liaison", NULL), ==, 1);
  /* 营销部: two for 120 staff. Its sections and the company are not
   * checked on their own. */
  g_assert_cmpuint (count (violations, "liaison-ratio", "营销部"), ==, 1);
  g_assert_cmpuint (count (violations, "liaison-ratio", NULL), ==, 1);
  /* Every body has its leader and members. */
  g_assert_cmpuint (count (violations, "vacant-body-seat", NULL), ==, 0);
  g_assert_cmpuint (violations->len, ==, 4);

  /* The live list agrees. */
  list = sd_violation_list_new (store);
  sd_violation_list_flush (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, violations->len);

  g_clear_object (&list);
  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_remove (file);
      }
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* So that the test log shows the Chinese names. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/org-rules/demo", test_demo);

  return g_test_run ();
}
