/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <glib-object.h>

#include "sd-statement.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_SIGN_SUMMARY (sd_sign_summary_get_type ())

/* Where every unit stands with its sign-off (sd_sign_status_list()), kept
 * current: the first result, after the window's first frame, works out
 * every statement, a slice of at most 8 ms at a time (SdSignStatusBuild)
 * so that the window goes on drawing; after that the store's
 * "item-changed" tells which units
 * an edit touched (sd-statement-changes.h), and only their statements are
 * worked out again, once the main loop is idle (G_PRIORITY_LOW) and edits
 * pause. A rollback or a bulk change works out everything again.
 *
 * "n-current", "n-outdated", "n-never" and "n-pending" (outdated + never,
 * for a badge) are notified only when they change; "changed" is emitted
 * after every new result. Get one shared per store with
 * sd_ui_get_sign_summary(). */
G_DECLARE_FINAL_TYPE (SdSignSummary, sd_sign_summary, SD, SIGN_SUMMARY, GObject)

SdSignSummary      *sd_sign_summary_new            (SdStore       *store);
SdStore            *sd_sign_summary_get_store      (SdSignSummary *self);
guint               sd_sign_summary_get_n_current  (SdSignSummary *self);
guint               sd_sign_summary_get_n_outdated (SdSignSummary *self);
guint               sd_sign_summary_get_n_never    (SdSignSummary *self);
guint               sd_sign_summary_get_n_pending  (SdSignSummary *self);
/* The SdSignStatus of every unit (those that hold nothing too), in tree
 * order (transfer none). The array is replaced, never changed, by the next
 * result: take a reference to keep it past "changed". Their text is NULL:
 * sd_sign_status_new() gives the text of the unit shown. */
GPtrArray          *sd_sign_summary_get_statuses   (SdSignSummary *self);
/* The status of one unit, or NULL (transfer none; as above). */
const SdSignStatus *sd_sign_summary_lookup         (SdSignSummary *self,
                                                    gint64         unit_id);
/* TRUE once a result exists and no change waits to be worked in. */
gboolean            sd_sign_summary_is_current     (SdSignSummary *self);
/* Works the result out now if a change is pending (tests, a view that is
 * being shown). */
void                sd_sign_summary_flush          (SdSignSummary *self);

G_END_DECLS
