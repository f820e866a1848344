/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-store.h"

G_BEGIN_DECLS

/* The store's units as a tree, for the views that filter people by unit
 * and order them by it. Unit ids are keys as GSIZE_TO_POINTER ((gsize) id). */

/* Appends the units to @ids (of gint64) and, if not NULL, their labels to
 * @labels (newly allocated strings), depth-first: each after its parent,
 * siblings by position, then id. A unit whose parent is gone counts as a
 * top unit. Labels are "Department / Section": a top unit's name is left
 * out of the paths below it, which it would only lengthen. */
void        sd_unit_tree_list    (SdStore   *store,
                                  GArray    *ids,
                                  GPtrArray *labels);

/* The set of @unit_id and every unit below it. */
GHashTable *sd_unit_tree_subtree (SdStore   *store,
                                  gint64     unit_id);

G_END_DECLS
