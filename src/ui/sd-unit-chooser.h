/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <gtk/gtk.h>

#include "sd-store.h"

G_BEGIN_DECLS

/* A drop-down of "All Units" and the store's units in tree order (see
 * sd-unit-tree.h), for the views that filter people by unit and order them
 * by it: it keeps the chosen unit, the ids of it and its sections, and each
 * unit's place in the tree. The view owns it and frees it when finalized. */

typedef struct _SdUnitChooser SdUnitChooser;

/* Called when the user chooses another unit. */
typedef void (*SdUnitChosenFunc) (gpointer user_data);

SdUnitChooser *sd_unit_chooser_new         (SdUnitChosenFunc  chosen,
                                            gpointer          user_data);
void           sd_unit_chooser_free        (SdUnitChooser    *self);

GtkWidget     *sd_unit_chooser_get_widget  (SdUnitChooser    *self);

/* Reads the units of @store again, after a change to them: the chosen
 * unit stays chosen if it is still there, else "All Units" is; its
 * sections are read again. Does not call the chosen function. */
void           sd_unit_chooser_reload      (SdUnitChooser    *self,
                                            SdStore          *store);

/* The chosen unit, or 0 for all units. */
gint64         sd_unit_chooser_get_unit_id (SdUnitChooser    *self);

/* Whether @unit_id is the chosen unit or one of its sections; always
 * TRUE for all units. */
gboolean       sd_unit_chooser_covers      (SdUnitChooser    *self,
                                            gint64            unit_id);

/* 1 + the place of @unit_id in the tree, or 0 when it is no unit. */
guint          sd_unit_chooser_get_rank    (SdUnitChooser    *self,
                                            gint64            unit_id);

G_END_DECLS
