/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-org-rules.h"

G_BEGIN_DECLS

#define SD_TYPE_VIOLATIONS_VIEW (sd_violations_view_get_type ())

/* The list of rule violations (an SdViolationList), each with its rule, its
 * message and a button that asks, through "show-item" (GType type, gint64
 * id), to show the item that fixes it; an empty state when there are none.
 * Constructed with "violations", or with "store" to make its own list. */
G_DECLARE_FINAL_TYPE (SdViolationsView, sd_violations_view, SD, VIOLATIONS_VIEW, AdwBin)

GtkWidget       *sd_violations_view_new            (SdViolationList  *violations);
SdViolationList *sd_violations_view_get_violations (SdViolationsView *self);

G_END_DECLS
