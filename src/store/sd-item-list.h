/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * SdItemList is the list model the store keeps of each table: the items
 * in an array, so that a position is found at once and an item costs the
 * list one pointer. GListStore keeps a balanced tree of 48-byte nodes,
 * which on a large organisation's hundred thousand items takes megabytes
 * and a good part of the time it takes to read them. Only the store
 * changes it.
 */

#define SD_TYPE_ITEM_LIST (sd_item_list_get_type ())

G_DECLARE_FINAL_TYPE (SdItemList, sd_item_list, SD, ITEM_LIST, GObject)

SdItemList *sd_item_list_new        (GType        item_type);

/* As g_list_store_splice(): removes @n_removals items at @position, puts
 * @n_additions items (references are taken) there, and emits
 * "items-changed" once. */
void        sd_item_list_splice     (SdItemList  *self,
                                     guint        position,
                                     guint        n_removals,
                                     gpointer    *additions,
                                     guint        n_additions);
void        sd_item_list_append     (SdItemList  *self,
                                     gpointer     item);
void        sd_item_list_remove     (SdItemList  *self,
                                     guint        position);
void        sd_item_list_remove_all (SdItemList  *self);

/* The item at @position without a reference, or NULL past the end. */
gpointer    sd_item_list_peek       (SdItemList  *self,
                                     guint        position);

G_END_DECLS
