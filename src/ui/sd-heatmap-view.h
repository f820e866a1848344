/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <gtk/gtk.h>

#include "sd-risk-rating.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_HEATMAP_VIEW (sd_heatmap_view_get_type ())

/* The risk heat map on screen: state and input here, drawing in
 * src/render/sd-heatmap.c. */
G_DECLARE_FINAL_TYPE (SdHeatmapView, sd_heatmap_view, SD, HEATMAP_VIEW, GtkWidget)

GtkWidget   *sd_heatmap_view_new           (SdStore       *store);
void         sd_heatmap_view_set_store     (SdHeatmapView *self,
                                            SdStore       *store);
SdRiskLevel  sd_heatmap_view_get_level     (SdHeatmapView *self);
void         sd_heatmap_view_set_level     (SdHeatmapView *self,
                                            SdRiskLevel    level);
/* The selected cell, or 0, 0 for none. */
void         sd_heatmap_view_get_selection (SdHeatmapView *self,
                                            int           *likelihood,
                                            int           *impact);
void         sd_heatmap_view_set_selection (SdHeatmapView *self,
                                            int            likelihood,
                                            int            impact);

G_END_DECLS
