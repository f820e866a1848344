/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <gtk/gtk.h>

#include "sd-risk.h"
#include "sd-risk-rating.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_HEATMAP_VIEW (sd_heatmap_view_get_type ())

/* The risk heat map on screen: state and input here, drawing in
 * src/render/sd-heatmap.c, data from src/render/sd-heatmap-data.c.
 *
 * Mouse: hover shows a tooltip (a marker: code, title, rating, zone; a
 * cell: its position, zone and risks); a click on a marker selects the
 * risk, on a cell selects the cell (and its first risk, if any), on a
 * "+N" badge expands the cell (and hovering a crowded cell expands it
 * too); a double click activates. Dragging a marker to another cell
 * emits ::rerate-requested on drop; nothing is changed by the widget.
 *
 * Keyboard: arrows move the selected cell (selecting its first risk),
 * Space selects the next risk of the cell, Shift+arrows request moving
 * the selected risk one cell (::rerate-requested), Enter activates the
 * selected risk (::risk-activated), Escape collapses an expanded cell.
 *
 * Accessible: focusable, role GTK_ACCESSIBLE_ROLE_GRID (as the duty
 * matrix), with a label that summarises the map ("Risk heat map, Inherent
 * ratings: 25 cells, 37 risks, 6 in Major") followed by the selection, so
 * that a screen reader announces it as it moves ("Selected: Likely ×
 * Major, Major zone, 3 risks; R-001 大型线下…, 3×5 = 15"). The register
 * beside it is the equivalent table. */
G_DECLARE_FINAL_TYPE (SdHeatmapView, sd_heatmap_view, SD, HEATMAP_VIEW, GtkWidget)

GtkWidget   *sd_heatmap_view_new               (SdStore       *store);
void         sd_heatmap_view_set_store         (SdHeatmapView *self,
                                                SdStore       *store);
/* "level": which rating the markers show. */
SdRiskLevel  sd_heatmap_view_get_level         (SdHeatmapView *self);
void         sd_heatmap_view_set_level         (SdHeatmapView *self,
                                                SdRiskLevel    level);
/* "show-arrows": inherent → residual → target arrows instead of markers. */
gboolean     sd_heatmap_view_get_show_arrows   (SdHeatmapView *self);
void         sd_heatmap_view_set_show_arrows   (SdHeatmapView *self,
                                                gboolean       show_arrows);
/* "risks": the risks shown (the register's filtered list), NULL for all. */
void         sd_heatmap_view_set_risks         (SdHeatmapView *self,
                                                GListModel    *risks);
/* "workshop": large type (smallest text ≥ height / 40), high contrast. */
void         sd_heatmap_view_set_workshop      (SdHeatmapView *self,
                                                gboolean       workshop);
/* The selected cell ("selected-likelihood", "selected-impact"), or 0, 0. */
void         sd_heatmap_view_get_selection     (SdHeatmapView *self,
                                                int           *likelihood,
                                                int           *impact);
void         sd_heatmap_view_set_selection     (SdHeatmapView *self,
                                                int            likelihood,
                                                int            impact);
/* "selected-risk" (transfer none), NULL for none. Selecting a risk also
 * selects its cell. */
SdRisk      *sd_heatmap_view_get_selected_risk (SdHeatmapView *self);
void         sd_heatmap_view_set_selected_risk (SdHeatmapView *self,
                                                SdRisk        *risk);

/* What a drop does, for tests: emits ::rerate-requested for @risk to the
 * cell, exactly as a drag of its marker there would (nothing if it is
 * already in that cell). Returns whether it was emitted. */
gboolean     sd_heatmap_view_drop_risk         (SdHeatmapView *self,
                                                SdRisk        *risk,
                                                int            likelihood,
                                                int            impact);
/* The centre of a cell and of a risk's marker in widget coordinates (for
 * tests that click or drag); FALSE if not shown. */
gboolean     sd_heatmap_view_get_cell_center   (SdHeatmapView *self,
                                                int            likelihood,
                                                int            impact,
                                                double        *x,
                                                double        *y);
gboolean     sd_heatmap_view_get_risk_center   (SdHeatmapView *self,
                                                SdRisk        *risk,
                                                double        *x,
                                                double        *y);

/* Signals:
 *   ::risk-activated (SdRisk *risk)
 *   ::rerate-requested (SdRisk *risk, int level (SdRiskLevel), int likelihood, int impact)
 *   ::cell-activated (int likelihood, int impact): a click on a cell, to list its risks
 */

G_END_DECLS
