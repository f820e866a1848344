/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-assignment-index"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-assignment-index.h"
#include "sd-body.h"
#include "sd-labels.h"
#include "sd-post.h"
#include "sd-unit.h"

struct _SdAssignmentIndex
{
  GObject     parent_instance;

  SdStore    *store;
  GListModel *assignments;
  GHashTable *by_duty;     /* gint64 * → GPtrArray of SdAssignment (borrowed) */
  GPtrArray  *empty;
  gboolean    dirty;
};

G_DEFINE_FINAL_TYPE (SdAssignmentIndex, sd_assignment_index, G_TYPE_OBJECT)

static int
role_rank (const char *role)
{
  static const char order[] = "RACI";
  const char *p = role != NULL && role[0] != '\0' ? strchr (order, role[0]) : NULL;

  return p != NULL ? (int) (p - order) : 4;
}

static int
compare_assignments (gconstpointer a,
                     gconstpointer b)
{
  SdAssignment *x = *(SdAssignment **) a;
  SdAssignment *y = *(SdAssignment **) b;
  int by_role = role_rank (sd_assignment_get_role (x)) - role_rank (sd_assignment_get_role (y));

  if (by_role != 0)
    return by_role;
  return sd_item_get_id (SD_ITEM (x)) < sd_item_get_id (SD_ITEM (y)) ? -1 : 1;
}

static void
rebuild (SdAssignmentIndex *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n;

  /* The first question reads the assignments' items, if nothing has. */
  sd_store_get_items (self->store, SD_TYPE_ASSIGNMENT);
  n = g_list_model_get_n_items (self->assignments);

  g_hash_table_remove_all (self->by_duty);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdAssignment) assignment = g_list_model_get_item (self->assignments, i);
      gint64 duty_id = sd_assignment_get_duty_id (assignment);
      GPtrArray *list = g_hash_table_lookup (self->by_duty, &duty_id);

      if (list == NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = duty_id;
          list = g_ptr_array_new ();
          g_hash_table_insert (self->by_duty, key, list);
        }
      /* The store's model keeps the item alive. */
      g_ptr_array_add (list, assignment);
    }

  g_hash_table_iter_init (&iter, self->by_duty);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_sort (value, compare_assignments);

  self->dirty = FALSE;
}

static void
assignments_changed_cb (GListModel        *model,
                        guint              position,
                        guint              removed,
                        guint              added,
                        SdAssignmentIndex *self)
{
  self->dirty = TRUE;
}

static void
sd_assignment_index_dispose (GObject *object)
{
  SdAssignmentIndex *self = SD_ASSIGNMENT_INDEX (object);

  if (self->assignments != NULL)
    g_signal_handlers_disconnect_by_data (self->assignments, self);
  g_clear_object (&self->assignments);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_assignment_index_parent_class)->dispose (object);
}

static void
sd_assignment_index_finalize (GObject *object)
{
  SdAssignmentIndex *self = SD_ASSIGNMENT_INDEX (object);

  g_clear_pointer (&self->by_duty, g_hash_table_unref);
  g_clear_pointer (&self->empty, g_ptr_array_unref);

  G_OBJECT_CLASS (sd_assignment_index_parent_class)->finalize (object);
}

static void
sd_assignment_index_class_init (SdAssignmentIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sd_assignment_index_dispose;
  object_class->finalize = sd_assignment_index_finalize;
}

static void
sd_assignment_index_init (SdAssignmentIndex *self)
{
  self->by_duty = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  self->empty = g_ptr_array_new ();
  self->dirty = TRUE;
}

SdAssignmentIndex *
sd_assignment_index_new (SdStore *store)
{
  SdAssignmentIndex *self;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  self = g_object_new (SD_TYPE_ASSIGNMENT_INDEX, NULL);
  self->store = g_object_ref (store);
  /* Made with a page, asked when a duty is looked at: the items are read
   * then (rebuild()), not before the window's first frame. */
  self->assignments = g_object_ref (sd_store_peek_items (store, SD_TYPE_ASSIGNMENT));
  g_signal_connect (self->assignments, "items-changed",
                    G_CALLBACK (assignments_changed_cb), self);
  return self;
}

GPtrArray *
sd_assignment_index_get_for_duty (SdAssignmentIndex *self,
                                  gint64             duty_id)
{
  GPtrArray *list;

  g_return_val_if_fail (SD_IS_ASSIGNMENT_INDEX (self), NULL);

  if (self->dirty)
    rebuild (self);
  list = g_hash_table_lookup (self->by_duty, &duty_id);
  return list != NULL ? list : self->empty;
}

const char *
sd_assignment_get_party_name (SdStore      *store,
                              SdAssignment *assignment)
{
  gpointer party = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_ASSIGNMENT (assignment), NULL);

  if ((party = sd_store_lookup (store, SD_TYPE_POST, sd_assignment_get_post_id (assignment))))
    return sd_post_get_name (party);
  if ((party = sd_store_lookup (store, SD_TYPE_UNIT, sd_assignment_get_unit_id (assignment))))
    return sd_unit_get_name (party);
  if ((party = sd_store_lookup (store, SD_TYPE_BODY, sd_assignment_get_body_id (assignment))))
    return sd_body_get_name (party);
  return "";
}

char *
sd_duty_format_holders (SdAssignmentIndex *self,
                        SdStore           *store,
                        gint64             duty_id)
{
  GPtrArray *list = sd_assignment_index_get_for_duty (self, duty_id);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      SdAssignment *assignment = g_ptr_array_index (list, i);

      if (i > 0)
        /* Translators: separates the holders of a duty */
        g_string_append (out, _("; "));
      /* Translators: a RACI role and the party that holds it, e.g. "R: Security administrator" */
      g_string_append_printf (out, _("%s: %s"),
                              sd_raci_short_label (sd_assignment_get_role (assignment)),
                              sd_assignment_get_party_name (store, assignment));
    }
  return g_string_free (out, FALSE);
}
