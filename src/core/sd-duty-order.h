/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-duty.h"
#include "sd-store.h"

G_BEGIN_DECLS

/* The order of the duties. The grid shows them by (position, id), grouped
 * by area in the order the areas first appear; so the order within an
 * area is all that a user changes, and only positions within the area are
 * touched. */

/* The duties of @area (NULL or "" for those without one) in grid order
 * (transfer container). */
GPtrArray *sd_duties_in_area   (SdStore     *store,
                                const char  *area);

/* Moves @duty one place up (@delta -1) or down (+1) within its area, in
 * one transaction. *@moved (nullable) is FALSE when it is already first or
 * last, which is not an error. */
gboolean   sd_duty_move        (SdStore     *store,
                                SdDuty      *duty,
                                int          delta,
                                gboolean    *moved,
                                GError     **error);

/* Makes room for @n new duties of @area right after @after (NULL: at the
 * end of the area) by moving the later duties of the area down, and gives
 * the first free position. Call it inside the transaction that inserts
 * the new duties, at positions *@position, *@position + 1, … */
gboolean   sd_duties_make_room (SdStore     *store,
                                const char  *area,
                                SdDuty      *after,
                                guint        n,
                                int         *position,
                                GError     **error);

G_END_DECLS
