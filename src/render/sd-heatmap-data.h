/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-heatmap.h"
#include "sd-risk.h"
#include "sd-risk-rating.h"
#include "sd-store.h"

G_BEGIN_DECLS

/* The heat map of a store's register: the matrix settings and one marker
 * per risk, with the per-cell lists, read once and owned here, so that
 * the widget, the exporter and the printer draw the same thing. Building
 * it for 5,000 risks takes a few milliseconds; rebuild it when the risks
 * or the matrix change. */
typedef struct _SdHeatmapData SdHeatmapData;

/* @risks: the risks to show (a filtered register), or NULL for all. */
SdHeatmapData        *sd_heatmap_data_new          (SdStore       *store,
                                                    SdRiskLevel    level,
                                                    GListModel    *risks);
void                  sd_heatmap_data_free         (SdHeatmapData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdHeatmapData, sd_heatmap_data_free)

/* The model with size, zones, labels, counts, markers and cell lists
 * filled in; the interaction fields (selection, hover, expanded, drag)
 * are cleared: the caller sets them on its copy. Valid while @data is. */
const SdHeatmapModel *sd_heatmap_data_get_model    (SdHeatmapData *data);
SdRiskLevel           sd_heatmap_data_get_level    (SdHeatmapData *data);
guint                 sd_heatmap_data_get_n_risks  (SdHeatmapData *data);
/* (transfer none) */
SdRisk               *sd_heatmap_data_get_risk     (SdHeatmapData *data,
                                                    guint          marker);
/* The marker index of @risk, or -1 if it is not shown. */
int                   sd_heatmap_data_find_risk    (SdHeatmapData *data,
                                                    SdRisk        *risk);
/* The markers of a cell, in drawing order (by zone of nothing else: by
 * code), and how many. */
const guint          *sd_heatmap_data_get_cell     (SdHeatmapData *data,
                                                    int            likelihood,
                                                    int            impact,
                                                    guint         *n_markers);
/* Risks per zone of the shown level (for "6 in Major"). */
guint                 sd_heatmap_data_count_zone   (SdHeatmapData *data,
                                                    SdZone         zone);

G_END_DECLS
