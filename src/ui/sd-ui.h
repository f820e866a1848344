/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <gtk/gtk.h>

#include "sd-org-rules.h"
#include "sd-sign-summary.h"
#include "sd-store.h"

G_BEGIN_DECLS

/* Registers the UI's resources (templates, CSS) once. Every widget with a
 * template calls it from class_init, so that pages work on their own too
 * (tests), not only inside the window. */
void sd_ui_ensure_resources (void);

/* The rule violations of @store, kept current, shared by everything that
 * shows them (the page's badge and the organisation page) so that they are
 * checked once per change (transfer none: the store keeps it). */
SdViolationList *sd_ui_get_violations (SdStore *store);

/* Where the units stand with their sign-offs, kept current, shared in the
 * same way (the Duties page's badge and its sign-off view) (transfer none:
 * the store keeps it). */
SdSignSummary   *sd_ui_get_sign_summary (SdStore *store);
/* The same for the duty matrix's rules (sd-duty-rules.h), watching the
 * duties, assignments, posts, bodies and units (transfer none). */
SdViolationList *sd_ui_get_duty_problems (SdStore *store);

/* Lets go of what the three above keep for @store. Each holds a reference
 * on the store it watches, so the store, which holds them, would never be
 * finalized and its file never closed: the window that owns the store
 * calls this as it goes. */
void             sd_ui_release_store     (SdStore *store);

/* Adds a badge ("Key post", "Part-time") with the style class @style
 * (nullable) to the box @tags. */
void sd_ui_tags_add (GtkBox     *tags,
                     const char *text,
                     const char *style);

G_END_DECLS
