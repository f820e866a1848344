/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sd-store.h"
#include "sd-unit.h"
#include "sd-unit-tree.h"

#define ID_KEY(id) GSIZE_TO_POINTER ((gsize) (id))

typedef struct
{
  char    *dir;
  SdStore *store;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("sd-test-unit-tree-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
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
  g_free (fixture->dir);
}

static gint64
add_unit (SdStore    *store,
          const char *name,
          gint64      parent_id,
          int         position)
{
  g_autoptr(GError) error = NULL;
  SdUnit *unit = sd_store_insert (store, SD_TYPE_UNIT, &error,
                                  "name", name, "kind", "department", "parent-id", parent_id,
                                  "position", position, NULL);

  g_assert_no_error (error);
  return sd_item_get_id (SD_ITEM (unit));
}

/* Depth-first, siblings by position whatever the order they were added
 * in, and paths without the company at the top. */
static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  gint64 company = add_unit (f->store, "Company", 0, 0);
  gint64 sales = add_unit (f->store, "Sales", company, 2);
  gint64 works = add_unit (f->store, "Works", company, 1);
  gint64 north = add_unit (f->store, "North", sales, 0);
  gint64 shop = add_unit (f->store, "Shop", north, 0);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  gint64 expected_ids[] = { company, works, sales, north, shop };
  const char *expected_labels[] = { "Company", "Works", "Sales", "Sales / North",
                                    "Sales / North / Shop" };

  sd_unit_tree_list (f->store, ids, labels);
  g_assert_cmpuint (ids->len, ==, G_N_ELEMENTS (expected_ids));
  g_assert_cmpuint (labels->len, ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected_ids[i]);
      g_assert_cmpstr (g_ptr_array_index (labels, i), ==, expected_labels[i]);
    }

  /* Without labels, the same order. */
  g_array_set_size (ids, 0);
  sd_unit_tree_list (f->store, ids, NULL);
  g_assert_cmpuint (ids->len, ==, G_N_ELEMENTS (expected_ids));
  g_assert_cmpint (g_array_index (ids, gint64, 3), ==, north);
}

static void
test_subtree (Fixture       *f,
              gconstpointer  data)
{
  gint64 company = add_unit (f->store, "Company", 0, 0);
  gint64 sales = add_unit (f->store, "Sales", company, 0);
  gint64 works = add_unit (f->store, "Works", company, 1);
  gint64 north = add_unit (f->store, "North", sales, 0);
  gint64 shop = add_unit (f->store, "Shop", north, 0);
  g_autoptr(GHashTable) scope = sd_unit_tree_subtree (f->store, sales);
  g_autoptr(GHashTable) all = sd_unit_tree_subtree (f->store, company);
  g_autoptr(GHashTable) leaf = sd_unit_tree_subtree (f->store, shop);

  g_assert_cmpuint (g_hash_table_size (scope), ==, 3);
  g_assert_true (g_hash_table_contains (scope, ID_KEY (sales)));
  g_assert_true (g_hash_table_contains (scope, ID_KEY (north)));
  g_assert_true (g_hash_table_contains (scope, ID_KEY (shop)));
  g_assert_false (g_hash_table_contains (scope, ID_KEY (works)));
  g_assert_false (g_hash_table_contains (scope, ID_KEY (company)));
  g_assert_cmpuint (g_hash_table_size (all), ==, 5);
  g_assert_cmpuint (g_hash_table_size (leaf), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/unit-tree/list", Fixture, NULL, fixture_setup, test_list, fixture_teardown);
  g_test_add ("/unit-tree/subtree", Fixture, NULL, fixture_setup, test_subtree,
              fixture_teardown);
  return g_test_run ();
}
