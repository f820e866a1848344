/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-duty-order"

#include "config.h"

#include "sd-duty-order.h"

static gboolean
same_area (SdDuty     *duty,
           const char *area)
{
  const char *own = sd_duty_get_area (duty);

  if (own == NULL)
    own = "";
  return g_strcmp0 (own, area != NULL ? area : "") == 0;
}

static int
grid_order (gconstpointer a,
            gconstpointer b)
{
  SdDuty *x = *(SdDuty **) a;
  SdDuty *y = *(SdDuty **) b;
  int px = sd_duty_get_position (x);
  int py = sd_duty_get_position (y);
  gint64 ix = sd_item_get_id (SD_ITEM (x));
  gint64 iy = sd_item_get_id (SD_ITEM (y));

  if (px != py)
    return px < py ? -1 : 1;
  return ix < iy ? -1 : ix > iy;
}

GPtrArray *
sd_duties_in_area (SdStore    *store,
                   const char *area)
{
  GListModel *duties;
  GPtrArray *out;
  guint n;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  duties = sd_store_get_items (store, SD_TYPE_DUTY);
  n = g_list_model_get_n_items (duties);
  out = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdDuty) duty = g_list_model_get_item (duties, i);

      if (same_area (duty, area))
        g_ptr_array_add (out, g_steal_pointer (&duty));
    }
  g_ptr_array_sort (out, grid_order);
  return out;
}

static gboolean
set_position (SdStore  *store,
              SdDuty   *duty,
              int       position,
              GError  **error)
{
  if (sd_duty_get_position (duty) == position)
    return TRUE;
  return sd_store_update (store, duty, error, "position", position, NULL);
}

/* Gives the duties of an area distinct, increasing positions from the
 * first one's, keeping their order; needed when two share a position. */
static gboolean
renumber (SdStore    *store,
          GPtrArray  *duties,
          GError    **error)
{
  int next = duties->len > 0 ? sd_duty_get_position (duties->pdata[0]) : 0;

  for (guint i = 0; i < duties->len; i++)
    if (!set_position (store, duties->pdata[i], next++, error))
      return FALSE;
  return TRUE;
}

static gboolean
has_ties (GPtrArray *duties)
{
  for (guint i = 1; i < duties->len; i++)
    if (sd_duty_get_position (duties->pdata[i - 1]) == sd_duty_get_position (duties->pdata[i]))
      return TRUE;
  return FALSE;
}

gboolean
sd_duty_move (SdStore   *store,
              SdDuty    *duty,
              int        delta,
              gboolean  *moved,
              GError   **error)
{
  g_autoptr(GPtrArray) duties = NULL;
  guint index;
  guint other;
  int a, b;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (SD_IS_DUTY (duty), FALSE);
  g_return_val_if_fail (delta == -1 || delta == 1, FALSE);

  if (moved != NULL)
    *moved = FALSE;

  duties = sd_duties_in_area (store, sd_duty_get_area (duty));
  if (!g_ptr_array_find (duties, duty, &index))
    return TRUE;
  if ((delta < 0 && index == 0) || (delta > 0 && index + 1 >= duties->len))
    return TRUE;
  other = index + delta;

  if (!sd_store_begin (store, error))
    return FALSE;
  /* Positions of other areas may interleave with these; only the order
   * within the area matters, and renumbering keeps it. */
  if (has_ties (duties) && !renumber (store, duties, error))
    goto fail;
  a = sd_duty_get_position (duties->pdata[index]);
  b = sd_duty_get_position (duties->pdata[other]);
  if (!set_position (store, duties->pdata[index], b, error)
      || !set_position (store, duties->pdata[other], a, error))
    goto fail;
  if (!sd_store_commit (store, error))
    return FALSE;

  if (moved != NULL)
    *moved = TRUE;
  return TRUE;

fail:
  sd_store_rollback (store);
  return FALSE;
}

gboolean
sd_duties_make_room (SdStore     *store,
                     const char  *area,
                     SdDuty      *after,
                     guint        n,
                     int         *position,
                     GError     **error)
{
  g_autoptr(GPtrArray) duties = NULL;
  guint index;
  int first;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (after == NULL || SD_IS_DUTY (after), FALSE);
  g_return_val_if_fail (position != NULL, FALSE);

  duties = sd_duties_in_area (store, area);
  if (after == NULL || !g_ptr_array_find (duties, after, &index))
    {
      GListModel *all = sd_store_get_items (store, SD_TYPE_DUTY);
      guint n_all = g_list_model_get_n_items (all);
      int last = 0;

      /* After the last duty of the area, or after every duty for a new
       * area, so that it appears last. */
      if (duties->len > 0)
        last = sd_duty_get_position (duties->pdata[duties->len - 1]);
      else
        for (guint i = 0; i < n_all; i++)
          {
            g_autoptr(SdDuty) each = g_list_model_get_item (all, i);

            last = MAX (last, sd_duty_get_position (each));
          }
      *position = last + 1;
      return TRUE;
    }

  first = sd_duty_get_position (after) + 1;
  /* Walk backwards so that no two duties ever share a position, which
   * keeps the order right even if the caller gives up half-way. */
  for (guint i = duties->len; i > index + 1; i--)
    {
      SdDuty *later = duties->pdata[i - 1];
      int p = sd_duty_get_position (later);

      if (p < first + (int) n + (int) (i - 1 - (index + 1)))
        p = first + (int) n + (int) (i - 1 - (index + 1));
      if (!set_position (store, later, p, error))
        return FALSE;
    }
  *position = first;
  return TRUE;
}
