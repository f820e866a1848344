/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-item-list"

#include "config.h"

#include <string.h>

#include "sd-item-list.h"

struct _SdItemList
{
  GObject    parent_instance;

  GType      item_type;
  GPtrArray *items;     /* owned references */
};

static void sd_item_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SdItemList, sd_item_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      sd_item_list_model_init))

static GType
sd_item_list_get_item_type (GListModel *model)
{
  return SD_ITEM_LIST (model)->item_type;
}

static guint
sd_item_list_get_n_items (GListModel *model)
{
  return SD_ITEM_LIST (model)->items->len;
}

static gpointer
sd_item_list_get_item (GListModel *model,
                       guint       position)
{
  SdItemList *self = SD_ITEM_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
sd_item_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sd_item_list_get_item_type;
  iface->get_n_items = sd_item_list_get_n_items;
  iface->get_item = sd_item_list_get_item;
}

static void
sd_item_list_finalize (GObject *object)
{
  SdItemList *self = SD_ITEM_LIST (object);

  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (sd_item_list_parent_class)->finalize (object);
}

static void
sd_item_list_class_init (SdItemListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sd_item_list_finalize;
}

static void
sd_item_list_init (SdItemList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

SdItemList *
sd_item_list_new (GType item_type)
{
  SdItemList *self;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);

  self = g_object_new (SD_TYPE_ITEM_LIST, NULL);
  self->item_type = item_type;
  return self;
}

void
sd_item_list_splice (SdItemList *self,
                     guint       position,
                     guint       n_removals,
                     gpointer   *additions,
                     guint       n_additions)
{
  GPtrArray *items;
  guint shared;

  g_return_if_fail (SD_IS_ITEM_LIST (self));
  g_return_if_fail (position <= self->items->len);
  g_return_if_fail (n_removals <= self->items->len - position);
  for (guint i = 0; i < n_additions; i++)
    g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (additions[i], self->item_type));

  items = self->items;
  shared = MIN (n_removals, n_additions);

  /* Positions both removed and added are overwritten in place, the new
   * item referenced before the old one is released (a splice may put an
   * item back where it was); the rest is removed or inserted at once. */
  for (guint i = 0; i < shared; i++)
    {
      gpointer old = items->pdata[position + i];

      items->pdata[position + i] = g_object_ref (additions[i]);
      g_object_unref (old);
    }
  if (n_removals > shared)
    {
      g_ptr_array_remove_range (items, position + shared, n_removals - shared);
    }
  else if (n_additions > shared)
    {
      guint extra = n_additions - shared;
      guint at = position + shared;
      guint old_len = items->len;

      g_ptr_array_set_size (items, old_len + extra);
      memmove (&items->pdata[at + extra], &items->pdata[at], (old_len - at) * sizeof (gpointer));
      for (guint i = 0; i < extra; i++)
        items->pdata[at + i] = g_object_ref (additions[shared + i]);
    }

  if (n_removals > 0 || n_additions > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, n_removals, n_additions);
}

void
sd_item_list_append (SdItemList *self,
                     gpointer    item)
{
  g_return_if_fail (SD_IS_ITEM_LIST (self));

  sd_item_list_splice (self, self->items->len, 0, &item, 1);
}

void
sd_item_list_remove (SdItemList *self,
                     guint       position)
{
  g_return_if_fail (SD_IS_ITEM_LIST (self));
  g_return_if_fail (position < self->items->len);

  sd_item_list_splice (self, position, 1, NULL, 0);
}

void
sd_item_list_remove_all (SdItemList *self)
{
  g_return_if_fail (SD_IS_ITEM_LIST (self));

  sd_item_list_splice (self, 0, self->items->len, NULL, 0);
}

gpointer
sd_item_list_peek (SdItemList *self,
                   guint       position)
{
  g_return_val_if_fail (SD_IS_ITEM_LIST (self), NULL);

  if (position >= self->items->len)
    return NULL;
  return g_ptr_array_index (self->items, position);
}
