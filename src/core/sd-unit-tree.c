/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-unit-tree"

#include "config.h"

#include "sd-unit.h"
#include "sd-unit-tree.h"

#define ID_KEY(id) GSIZE_TO_POINTER ((gsize) (id))

static int
compare_units (gconstpointer a,
               gconstpointer b)
{
  SdUnit *ua = *(SdUnit **) a;
  SdUnit *ub = *(SdUnit **) b;
  int pa = sd_unit_get_position (ua);
  int pb = sd_unit_get_position (ub);
  gint64 ia = sd_item_get_id (SD_ITEM (ua));
  gint64 ib = sd_item_get_id (SD_ITEM (ub));

  if (pa != pb)
    return pa < pb ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

static void walk_units (GHashTable *children,
                        GHashTable *listed,
                        gint64      parent_id,
                        const char *parent_label,
                        GArray     *ids,
                        GPtrArray  *labels);

/* Lists @unit, then the units below it. */
static void
list_unit (GHashTable *children,
           GHashTable *listed,
           SdUnit     *unit,
           gboolean    top,
           const char *parent_label,
           GArray     *ids,
           GPtrArray  *labels)
{
  gint64 id = sd_item_get_id (SD_ITEM (unit));
  g_autofree char *label = NULL;

  /* A damaged or hand-edited file can hold a cycle of parents, or one id
   * twice: each unit is listed once, so that the walk ends (found by
   * tests/fuzz/fuzz-open-db). */
  if (!g_hash_table_add (listed, unit))
    return;

  if (parent_label != NULL && *parent_label != '\0')
    label = g_strconcat (parent_label, " / ", sd_unit_get_name (unit), NULL);
  else
    label = g_strdup (sd_unit_get_name (unit));

  g_array_append_val (ids, id);
  if (labels != NULL)
    g_ptr_array_add (labels, g_strdup (label));
  walk_units (children, listed, id, top ? "" : label, ids, labels);
}

static void
walk_units (GHashTable *children,
            GHashTable *listed,
            gint64      parent_id,
            const char *parent_label,
            GArray     *ids,
            GPtrArray  *labels)
{
  GPtrArray *list = g_hash_table_lookup (children, ID_KEY (parent_id));

  if (list == NULL)
    return;
  g_ptr_array_sort (list, compare_units);
  for (guint i = 0; i < list->len; i++)
    list_unit (children, listed, g_ptr_array_index (list, i), parent_id == 0, parent_label,
               ids, labels);
}

void
sd_unit_tree_list (SdStore   *store,
                   GArray    *ids,
                   GPtrArray *labels)
{
  GListModel *units;
  guint n;
  g_autoptr(GHashTable) children = NULL;
  g_autoptr(GHashTable) listed = NULL;

  g_return_if_fail (SD_IS_STORE (store));
  g_return_if_fail (ids != NULL);

  units = sd_store_get_items (store, SD_TYPE_UNIT);
  n = g_list_model_get_n_items (units);
  children = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  /* A unit whose parent is gone hangs from the top. */
  for (guint i = 0; i < n; i++)
    {
      SdUnit *unit = g_list_model_get_item (units, i);
      gint64 parent = sd_unit_get_parent_id (unit);
      GPtrArray *list;

      if (parent != 0 && sd_store_lookup (store, SD_TYPE_UNIT, parent) == NULL)
        parent = 0;
      list = g_hash_table_lookup (children, ID_KEY (parent));
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (children, ID_KEY (parent), list);
        }
      g_ptr_array_add (list, unit);
    }
  listed = g_hash_table_new (NULL, NULL);
  walk_units (children, listed, 0, NULL, ids, labels);

  /* Units in a cycle of parents hang from nothing the walk reaches: they
   * count as top units, as those whose parent is gone do. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdUnit) unit = g_list_model_get_item (units, i);

      if (!g_hash_table_contains (listed, unit))
        list_unit (children, listed, unit, TRUE, NULL, ids, labels);
    }
}

GHashTable *
sd_unit_tree_subtree (SdStore *store,
                      gint64   unit_id)
{
  GHashTable *scope;
  GListModel *units;
  guint n;
  gboolean grown = TRUE;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  scope = g_hash_table_new (NULL, NULL);
  units = sd_store_get_items (store, SD_TYPE_UNIT);
  n = g_list_model_get_n_items (units);
  g_hash_table_add (scope, ID_KEY (unit_id));
  /* A handful of passes over a few hundred units: as deep as the tree. */
  while (grown)
    {
      grown = FALSE;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SdUnit) unit = g_list_model_get_item (units, i);
          gint64 id = sd_item_get_id (SD_ITEM (unit));

          if (!g_hash_table_contains (scope, ID_KEY (id)) &&
              g_hash_table_contains (scope, ID_KEY (sd_unit_get_parent_id (unit))))
            {
              g_hash_table_add (scope, ID_KEY (id));
              grown = TRUE;
            }
        }
    }
  return scope;
}
