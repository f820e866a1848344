/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_HISTORY_WINDOW (sd_history_window_get_type ())

/* The audit log as a person reads it: who changed what and when, newest
 * first, filtered by kind of item, by day (local dates), and by a search
 * for a person or an item; for the selected change, each field's value
 * before and after. The list reads the log a page at a time, so it opens
 * at once on a log of any length, and it follows new changes while open.
 * Escape closes it, Ctrl+F goes to the search. */
G_DECLARE_FINAL_TYPE (SdHistoryWindow, sd_history_window, SD, HISTORY_WINDOW, AdwWindow)

GtkWidget  *sd_history_window_new       (SdStore         *store);

/* Shows the history window of @parent (one per window), with the changes
 * of the item @entity_id of the table @entity ("risks"), or of every item
 * of @entity if @entity_id is 0, or of everything if @entity is NULL. */
void        sd_history_window_present   (GtkWindow       *parent,
                                         SdStore         *store,
                                         const char      *entity,
                                         gint64           entity_id);

/* Filters, as the controls set them (for sd_history_window_present() and
 * tests). Days are "YYYY-MM-DD" in local time, NULL for no bound. */
void        sd_history_window_set_item  (SdHistoryWindow *self,
                                         const char      *entity,
                                         gint64           entity_id);
void        sd_history_window_set_days  (SdHistoryWindow *self,
                                         const char      *from,
                                         const char      *to);
/* The changes shown, newest first (transfer none). */
GListModel *sd_history_window_get_model (SdHistoryWindow *self);
/* Reads the changes made since the list was read (it also does so by
 * itself, while it is shown). */
void        sd_history_window_refresh   (SdHistoryWindow *self);

G_END_DECLS
