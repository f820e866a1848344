/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

/* Only the store writes item values: after the row is committed. */
void   sd_item_set_id    (SdItem       *self,
                          gint64        id);
/* Returns TRUE if the value changed (and notifies the property). */
gboolean sd_item_set_value (SdItem       *self,
                            guint         column,
                            const GValue *value);
/* For an item being read from the file, before anyone can see it: set
 * the empty column @column without comparing or notifying, which loading
 * tens of thousands of rows would pay for. A number is for an int, boolean
 * or ref column; the string is @length bytes without a NUL and is copied;
 * the bytes are taken. */
void     sd_item_load_number (SdItem         *self,
                              guint           column,
                              gint64          value);
void     sd_item_load_string (SdItem         *self,
                              guint           column,
                              const char     *text,
                              gsize           length);
void     sd_item_load_bytes  (SdItem         *self,
                              guint           column,
                              GBytes         *bytes);
/* Sets @value, initialised to the column's type, to a copy of the value;
 * unlike sd_item_get_value(), keeps nothing for it in the item. */
void     sd_item_copy_value  (SdItem         *self,
                              guint           column,
                              GValue         *value);
/* Where the item last was in the store's list, so that an update finds it
 * without a search; the store checks it before use. */
guint    sd_item_get_position_hint (SdItem       *self);
void     sd_item_set_position_hint (SdItem       *self,
                                    guint         position);
/* Where the item keeps its id, to key a hash table by it without a copy;
 * valid as long as the item lives. */
const gint64 *sd_item_get_id_location (SdItem *self);
GType    sd_column_get_gtype (const SdColumn *column);
gboolean sd_value_equal      (const GValue   *a,
                              const GValue   *b);

G_END_DECLS
