/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-risk-history.h"
#include "sd-risk-rating.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_WORKSHOP_VIEW (sd_workshop_view_get_type ())

/* Workshop mode: what the risks page shows instead of itself, with the
 * window full screen, for a risk workshop in front of a projector.
 *
 * Only the map (an SdHeatmapView in workshop style: large type, high
 * contrast, dark background), the selected risk's card (SdRiskCard,
 * large), the workshop's name (an entry at the top, prefilled "Risk
 * workshop <date>", used as the reason's default and recorded with every
 * assessment) and the running list of the changes made in this workshop:
 * "R-001 Inherent 3×5 → 2×5: <reason>", each with an Undo button
 * (sd_risk_undo_rerate), newest first. Dragging or Shift+arrows re-rates
 * through sd_rerate_dialog_present(). F11, Escape or the Leave button
 * emit ::leave; before that, if changes were made, the view says how many
 * and keeps the list visible (the page then shows a toast). */
G_DECLARE_FINAL_TYPE (SdWorkshopView, sd_workshop_view, SD, WORKSHOP_VIEW, GtkWidget)

GtkWidget  *sd_workshop_view_new           (SdStore        *store,
                                            SdRiskHistory  *history);
/* Starts a workshop: clears the change list, sets the level and selects
 * @risk (may be NULL). */
void        sd_workshop_view_start         (SdWorkshopView *self,
                                            SdRiskLevel     level,
                                            SdRisk         *risk);
const char *sd_workshop_view_get_name      (SdWorkshopView *self);
/* The assessments recorded in this workshop and not undone. */
guint       sd_workshop_view_get_n_changes (SdWorkshopView *self);

/* Signals:
 *   ::leave (): the user wants to leave workshop mode
 */

G_END_DECLS
