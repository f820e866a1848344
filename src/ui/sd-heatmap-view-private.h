/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-heatmap-view.h"

G_BEGIN_DECLS

/* The accessible label the widget last set (the summary followed by the
 * selection), for tests: GTK 4.8 has no getter for accessible properties. */
const char *sd_heatmap_view_get_accessible_label (SdHeatmapView *self);

G_END_DECLS
