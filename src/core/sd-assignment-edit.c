/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-assignment-edit"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-assignment-edit.h"
#include "sd-assignment.h"
#include "sd-body.h"
#include "sd-post.h"
#include "sd-unit.h"

/* A cell of the matrix, as a hash key. */
typedef struct
{
  gint64      duty_id;
  SdPartyKind party_kind;
  gint64      party_id;
} CellKey;

static guint
cell_key_hash (gconstpointer data)
{
  const CellKey *key = data;

  return g_int64_hash (&key->duty_id) * 31u
         + g_int64_hash (&key->party_id) * 7u
         + (guint) key->party_kind;
}

static gboolean
cell_key_equal (gconstpointer a,
                gconstpointer b)
{
  const CellKey *x = a, *y = b;

  return x->duty_id == y->duty_id && x->party_kind == y->party_kind
         && x->party_id == y->party_id;
}

static CellKey *
cell_key_new (gint64      duty_id,
              SdPartyKind party_kind,
              gint64      party_id)
{
  CellKey *key = g_new (CellKey, 1);

  key->duty_id = duty_id;
  key->party_kind = party_kind;
  key->party_id = party_id;
  return key;
}

/* The cell an assignment fills; FALSE for one with no party. */
static gboolean
assignment_cell (SdAssignment *assignment,
                 CellKey      *key)
{
  key->duty_id = sd_assignment_get_duty_id (assignment);
  if ((key->party_id = sd_assignment_get_post_id (assignment)) != 0)
    key->party_kind = SD_PARTY_POST;
  else if ((key->party_id = sd_assignment_get_unit_id (assignment)) != 0)
    key->party_kind = SD_PARTY_UNIT;
  else if ((key->party_id = sd_assignment_get_body_id (assignment)) != 0)
    key->party_kind = SD_PARTY_BODY;
  else
    return FALSE;
  return TRUE;
}

static const char *
party_property (SdPartyKind kind)
{
  switch (kind)
    {
    case SD_PARTY_POST: return "post-id";
    case SD_PARTY_UNIT: return "unit-id";
    case SD_PARTY_BODY: return "body-id";
    default: g_assert_not_reached ();
    }
}

static GType
party_type (SdPartyKind kind)
{
  switch (kind)
    {
    case SD_PARTY_POST: return SD_TYPE_POST;
    case SD_PARTY_UNIT: return SD_TYPE_UNIT;
    case SD_PARTY_BODY: return SD_TYPE_BODY;
    default: return G_TYPE_INVALID;
    }
}

static gboolean
role_is_valid (char role)
{
  return role == 0 || role == 'R' || role == 'A' || role == 'C' || role == 'I';
}

static char
assignment_role (SdAssignment *assignment)
{
  const char *role = sd_assignment_get_role (assignment);

  return role != NULL ? role[0] : 0;
}

/* Fills @cells (CellKey → SdAssignment, referenced) with the assignments
 * of the duties in @duties. The index has them per duty; without it, one
 * pass over all assignments does, rather than one per change. */
static void
collect_assignments (SdStore           *store,
                     SdAssignmentIndex *index,
                     GHashTable        *duties,
                     GHashTable        *cells)
{
  GHashTableIter iter;
  gpointer duty_key;

  if (index != NULL)
    {
      g_hash_table_iter_init (&iter, duties);
      while (g_hash_table_iter_next (&iter, &duty_key, NULL))
        {
          GPtrArray *list = sd_assignment_index_get_for_duty (index, *(gint64 *) duty_key);

          for (guint i = 0; i < list->len; i++)
            {
              CellKey key;

              if (assignment_cell (list->pdata[i], &key))
                g_hash_table_replace (cells, g_memdup2 (&key, sizeof key),
                                      g_object_ref (list->pdata[i]));
            }
        }
    }
  else
    {
      GListModel *assignments = sd_store_get_items (store, SD_TYPE_ASSIGNMENT);
      guint n = g_list_model_get_n_items (assignments);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SdAssignment) assignment = g_list_model_get_item (assignments, i);
          CellKey key;

          if (!assignment_cell (assignment, &key) || !g_hash_table_contains (duties, &key.duty_id))
            continue;
          g_hash_table_replace (cells, g_memdup2 (&key, sizeof key),
                                g_steal_pointer (&assignment));
        }
    }
}

/* Makes the store hold @role in @cell; @current is the assignment there
 * now, or NULL. Updates @cells to match. */
static gboolean
apply_one (SdStore            *store,
           GHashTable         *cells,
           const SdCellChange *change,
           SdAssignment       *current,
           GError            **error)
{
  char role[2] = { change->role, '\0' };

  if (change->role == 0)
    {
      CellKey key = { change->duty_id, change->party_kind, change->party_id };

      if (!sd_store_delete (store, current, error))
        return FALSE;
      g_hash_table_remove (cells, &key);
      return TRUE;
    }

  if (current != NULL)
    return sd_store_update (store, current, error, "role", role, NULL);

  {
    SdAssignment *assignment;

    assignment = sd_store_insert (store, SD_TYPE_ASSIGNMENT, error,
                                  "duty-id", change->duty_id,
                                  party_property (change->party_kind), change->party_id,
                                  "role", role, NULL);
    if (assignment == NULL)
      return FALSE;
    g_hash_table_replace (cells,
                          cell_key_new (change->duty_id, change->party_kind, change->party_id),
                          g_object_ref (assignment));
  }
  return TRUE;
}

gboolean
sd_assignments_apply (SdStore            *store,
                      SdAssignmentIndex  *index,
                      const SdCellChange *changes,
                      guint               n_changes,
                      GArray            **undo,
                      GError            **error)
{
  g_autoptr(GHashTable) duties = NULL;    /* gint64 duty id set */
  g_autoptr(GHashTable) cells = NULL;     /* CellKey → SdAssignment */
  g_autoptr(GHashTable) touched = NULL;   /* CellKey set: the cells in @restore */
  g_autoptr(GArray) restore = NULL;       /* SdCellChange */
  gboolean begun = FALSE;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (index == NULL || SD_IS_ASSIGNMENT_INDEX (index), FALSE);
  g_return_val_if_fail (changes != NULL || n_changes == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (undo != NULL)
    *undo = NULL;

  duties = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < n_changes; i++)
    {
      const SdCellChange *change = &changes[i];

      if (!role_is_valid (change->role) || party_type (change->party_kind) == G_TYPE_INVALID)
        {
          g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT,
                               _("Not a cell of the duty matrix, or not a RACI role."));
          return FALSE;
        }
      /* Checked before anything is written: a rollback reloads every list
       * of the store, which costs far more than these lookups. */
      if (sd_store_lookup (store, SD_TYPE_DUTY, change->duty_id) == NULL
          || sd_store_lookup (store, party_type (change->party_kind), change->party_id) == NULL)
        {
          g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                               _("A duty, post, unit or body of the change has been deleted."));
          return FALSE;
        }
      /* The keys point into @changes, which outlives the table. */
      g_hash_table_add (duties, (gpointer) &change->duty_id);
    }

  /* Every existing assignment is looked up before the first write: after
   * it the index would be rebuilt for each change. */
  cells = g_hash_table_new_full (cell_key_hash, cell_key_equal, g_free, g_object_unref);
  collect_assignments (store, index, duties, cells);

  touched = g_hash_table_new_full (cell_key_hash, cell_key_equal, g_free, NULL);
  restore = g_array_new (FALSE, FALSE, sizeof (SdCellChange));

  for (guint i = 0; i < n_changes; i++)
    {
      const SdCellChange *change = &changes[i];
      CellKey key = { change->duty_id, change->party_kind, change->party_id };
      SdAssignment *current = g_hash_table_lookup (cells, &key);
      char old_role = current != NULL ? assignment_role (current) : 0;

      if (old_role == change->role)
        continue;

      if (!begun)
        {
          if (!sd_store_begin (store, error))
            return FALSE;
          begun = TRUE;
        }

      /* A cell changed twice is put back to what it was before the first. */
      if (g_hash_table_add (touched, g_memdup2 (&key, sizeof key)))
        {
          SdCellChange back = *change;

          back.role = old_role;
          g_array_append_val (restore, back);
        }

      if (!apply_one (store, cells, change, current, error))
        {
          sd_store_rollback (store);
          return FALSE;
        }
    }

  if (begun && !sd_store_commit (store, error))
    return FALSE;

  if (undo != NULL)
    *undo = g_steal_pointer (&restore);
  return TRUE;
}

char
sd_assignment_get_role_at (SdStore           *store,
                           SdAssignmentIndex *index,
                           gint64             duty_id,
                           SdPartyKind        party_kind,
                           gint64             party_id)
{
  CellKey want = { duty_id, party_kind, party_id };

  g_return_val_if_fail (SD_IS_STORE (store), 0);
  g_return_val_if_fail (index == NULL || SD_IS_ASSIGNMENT_INDEX (index), 0);

  if (index != NULL)
    {
      GPtrArray *list = sd_assignment_index_get_for_duty (index, duty_id);

      for (guint i = 0; i < list->len; i++)
        {
          CellKey key;

          if (assignment_cell (list->pdata[i], &key) && cell_key_equal (&key, &want))
            return assignment_role (list->pdata[i]);
        }
    }
  else
    {
      GListModel *assignments = sd_store_get_items (store, SD_TYPE_ASSIGNMENT);
      guint n = g_list_model_get_n_items (assignments);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SdAssignment) assignment = g_list_model_get_item (assignments, i);
          CellKey key;

          if (assignment_cell (assignment, &key) && cell_key_equal (&key, &want))
            return assignment_role (assignment);
        }
    }
  return 0;
}
