/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"
#include "sd-store.h"

G_BEGIN_DECLS

/* Which units' responsibility statements (sd-statement.h) an edit may
 * have changed, so that a summary works out again only those.
 *
 * Note each item the store reports changed ("item-changed") as it comes,
 * while it holds its old values, and once more after the edit, with its
 * new ones: a post moved to another unit touches both units. What was
 * noted is resolved against the data as it is then, through the file's
 * indexes, so the cost follows the edit, not the size of the
 * organisation. A unit named here whose statement turns out unchanged
 * only costs a statement; no touched unit is ever missed. */
typedef struct _SdStatementChanges SdStatementChanges;

SdStatementChanges *sd_statement_changes_new      (void);
void                sd_statement_changes_free     (SdStatementChanges *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdStatementChanges, sd_statement_changes_free)

/* Notes what @item, with the values it holds now, is part of. FALSE for
 * an item that no statement covers (a risk, a plan task): nothing noted. */
gboolean            sd_statement_changes_note     (SdStatementChanges *self,
                                                   SdItem             *item);
/* How many different things were noted (to tell a bulk change, for which
 * working out everything again is cheaper). */
guint               sd_statement_changes_get_size (SdStatementChanges *self);
void                sd_statement_changes_clear    (SdStatementChanges *self);
/* The ids of the units whose statement may have changed (transfer full;
 * a set of gint64, as g_int64_hash() keys). */
GHashTable         *sd_statement_changes_resolve  (SdStatementChanges *self,
                                                   SdStore            *store);

G_END_DECLS
