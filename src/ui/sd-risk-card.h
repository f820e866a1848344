/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-risk.h"
#include "sd-risk-history.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_RISK_CARD (sd_risk_card_get_type ())

/* A risk's details beside the map and in workshop mode: code and title,
 * category, owner, the three ratings as zone-coloured chips with their
 * zone names, treatment, measures, status, next review (overdue marked),
 * and its history: every assessment, oldest first (date, which rating,
 * old → new, reason, workshop). An empty state when no risk is selected.
 * Follows the risk and the history as they change. */
G_DECLARE_FINAL_TYPE (SdRiskCard, sd_risk_card, SD, RISK_CARD, GtkWidget)

GtkWidget *sd_risk_card_new       (SdStore       *store,
                                   SdRiskHistory *history);
void       sd_risk_card_set_risk  (SdRiskCard    *self,
                                   SdRisk        *risk);
SdRisk    *sd_risk_card_get_risk  (SdRiskCard    *self);
/* Large type for workshop mode (history limited to the last few). */
void       sd_risk_card_set_large (SdRiskCard    *self,
                                   gboolean       large);

G_END_DECLS
