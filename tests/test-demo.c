/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sd-demo.h"
#include "sd-assignment.h"
#include "sd-body.h"
#include "sd-duty.h"
#include "sd-person.h"
#include "sd-plan.h"
#include "sd-plan-stream.h"
#include "sd-plan-task.h"
#include "sd-post.h"
#include "sd-risk.h"
#include "sd-unit.h"

static guint
count (SdStore *store,
       GType    type)
{
  return g_list_model_get_n_items (sd_store_get_items (store, type));
}

/* The demo data goes in whole, through the store, and comes back on reopen. */
static void
test_populate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sd-test-demo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  SdStore *store;
  gboolean found_admin = FALSE;
  GListModel *posts;

  store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (sd_demo_populate (store, &error));
  g_assert_no_error (error);
  g_object_unref (store);

  store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_false (sd_store_get_created (store));

  /* The regulation's bodies and posts, two departments, risks, the plan. */
  g_assert_cmpuint (count (store, SD_TYPE_UNIT), >=, 3);
  g_assert_cmpuint (count (store, SD_TYPE_PERSON), >=, 10);
  g_assert_cmpuint (count (store, SD_TYPE_BODY), >=, 3);
  g_assert_cmpuint (count (store, SD_TYPE_DUTY), >=, 100);
  g_assert_cmpuint (count (store, SD_TYPE_ASSIGNMENT), >=, count (store, SD_TYPE_DUTY));
  g_assert_cmpuint (count (store, SD_TYPE_RISK), >=, 10);
  g_assert_cmpuint (count (store, SD_TYPE_PLAN), ==, 1);
  g_assert_cmpuint (count (store, SD_TYPE_PLAN_STREAM), ==, 7);
  g_assert_cmpuint (count (store, SD_TYPE_PLAN_TASK), >=, 20);

  posts = sd_store_get_items (store, SD_TYPE_POST);
  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr(SdPost) post = g_list_model_get_item (posts, i);

      if (g_strcmp0 (sd_post_get_post_type (post), "security-admin") == 0)
        {
          found_admin = TRUE;
          g_assert_true (sd_post_get_full_time_required (post));
        }
    }
  g_assert_true (found_admin);

  /* Art. 9.1 is there, with the leadership group's duty text. */
  {
    GListModel *duties = sd_store_get_items (store, SD_TYPE_DUTY);
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (duties); i++)
      {
        g_autoptr(SdDuty) duty = g_list_model_get_item (duties, i);

        if (g_strcmp0 (sd_duty_get_code (duty), "003-9.1") == 0)
          {
            found = TRUE;
            g_assert_nonnull (strstr (sd_duty_get_text (duty), "网络安全"));
          }
      }
    g_assert_true (found);
  }

  g_object_unref (store);
  g_remove (wal);
  g_remove (shm);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/populate", test_populate);

  return g_test_run ();
}
