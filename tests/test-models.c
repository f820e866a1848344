/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sd-store.h"
#include "sd-person.h"
#include "sd-unit.h"

typedef struct
{
  guint position, removed, added;
  guint calls;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *record)
{
  record->position = position;
  record->removed = removed;
  record->added = added;
  record->calls++;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GPtrArray  *names)
{
  g_ptr_array_add (names, (gpointer) g_param_spec_get_name (pspec));
}

static SdStore *
new_store (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  SdStore *store;

  *dir = g_dir_make_tmp ("sd-test-models-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "test.db", NULL);
  store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  return store;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

static void
test_items_changed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(SdStore) store = new_store (&dir);
  GListModel *units = sd_store_get_items (store, SD_TYPE_UNIT);
  ItemsChanged record = { 0 };
  SdUnit *a, *b;
  g_autoptr(GPtrArray) notified = g_ptr_array_new ();

  g_signal_connect (units, "items-changed", G_CALLBACK (items_changed_cb), &record);

  a = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "A", NULL);
  g_assert_cmpuint (record.calls, ==, 1);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.removed, ==, 0);
  g_assert_cmpuint (record.added, ==, 1);

  b = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "B", NULL);
  g_assert_cmpuint (record.calls, ==, 2);
  g_assert_cmpuint (record.position, ==, 1);
  g_assert_true (g_list_model_get_item (units, 1) == (gpointer) b);
  g_object_unref (b);

  /* An update notifies the changed properties only, and the row changes. */
  g_signal_connect (a, "notify", G_CALLBACK (notify_cb), notified);
  g_assert_true (sd_store_update (store, a, &error, "name", "A2", "kind", "department",
                                  "staff-count", 0, NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (notified->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (notified, 0), ==, "name");
  g_assert_cmpstr (sd_unit_get_name (a), ==, "A2");
  g_assert_cmpuint (record.calls, ==, 3);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.removed, ==, 1);
  g_assert_cmpuint (record.added, ==, 1);

  /* A refused update changes nothing and notifies nothing. */
  g_ptr_array_set_size (notified, 0);
  g_assert_false (sd_store_update (store, a, &error, "name", "", NULL));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpuint (notified->len, ==, 0);
  g_assert_cmpstr (sd_unit_get_name (a), ==, "A2");
  g_assert_cmpuint (record.calls, ==, 3);

  g_signal_handlers_disconnect_by_data (a, notified);
  g_assert_true (sd_store_delete (store, a, &error));
  g_assert_cmpuint (record.calls, ==, 4);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.removed, ==, 1);
  g_assert_cmpuint (record.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, 1);

  /* After a delete moved it, an updated row is still reported where it is. */
  g_assert_true (sd_store_update (store, b, &error, "name", "B2", NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (record.calls, ==, 5);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.removed, ==, 1);
  g_assert_cmpuint (record.added, ==, 1);

  g_signal_handlers_disconnect_by_data (units, &record);
  g_clear_object (&store);
  remove_dir (dir);
}

/* A cascade updates the other models too: the person loses the unit. */
static void
test_cascade_notifies (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(SdStore) store = new_store (&dir);
  GListModel *people = sd_store_get_items (store, SD_TYPE_PERSON);
  ItemsChanged record = { 0 };
  g_autoptr(GPtrArray) notified = g_ptr_array_new ();
  SdUnit *unit;
  SdPerson *person;

  unit = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "U", NULL);
  person = sd_store_insert (store, SD_TYPE_PERSON, &error, "name", "P",
                            "unit-id", sd_item_get_id (SD_ITEM (unit)), NULL);
  g_signal_connect (people, "items-changed", G_CALLBACK (items_changed_cb), &record);
  g_signal_connect (person, "notify::unit-id", G_CALLBACK (notify_cb), notified);

  g_assert_true (sd_store_delete (store, unit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified->len, ==, 1);
  g_assert_cmpint (sd_person_get_unit_id (person), ==, 0);
  g_assert_cmpuint (record.calls, ==, 1);
  g_assert_cmpuint (record.removed, ==, 1);
  g_assert_cmpuint (record.added, ==, 1);

  g_signal_handlers_disconnect_by_data (people, &record);
  g_signal_handlers_disconnect_by_data (person, notified);
  g_clear_object (&store);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/models/items-changed", test_items_changed);
  g_test_add_func ("/models/cascade-notifies", test_cascade_notifies);

  return g_test_run ();
}
