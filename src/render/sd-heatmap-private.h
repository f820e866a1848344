/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Risk codes in the order a person expects ("R-2" before "R-10"): runs of
 * digits compare by value, everything else byte by byte. */
int sd_heatmap_compare_codes (const char *a,
                              const char *b);

G_END_DECLS
