/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_RISK (sd_risk_get_type ())

/* A risk of the register, rated inherent, residual and target. */
G_DECLARE_FINAL_TYPE (SdRisk, sd_risk, SD, RISK, SdItem)

const char *sd_risk_get_code                (SdRisk *self);
const char *sd_risk_get_title               (SdRisk *self);
gint64      sd_risk_get_category_id         (SdRisk *self);
const char *sd_risk_get_description         (SdRisk *self);
const char *sd_risk_get_cause               (SdRisk *self);
const char *sd_risk_get_consequence         (SdRisk *self);
gint64      sd_risk_get_owner_unit_id       (SdRisk *self);
gint64      sd_risk_get_owner_person_id     (SdRisk *self);
int         sd_risk_get_inherent_likelihood (SdRisk *self);
int         sd_risk_get_inherent_impact     (SdRisk *self);
int         sd_risk_get_residual_likelihood (SdRisk *self);
int         sd_risk_get_residual_impact     (SdRisk *self);
int         sd_risk_get_target_likelihood   (SdRisk *self);
int         sd_risk_get_target_impact       (SdRisk *self);
const char *sd_risk_get_treatment           (SdRisk *self);
const char *sd_risk_get_measures            (SdRisk *self);
const char *sd_risk_get_status              (SdRisk *self);
const char *sd_risk_get_next_review         (SdRisk *self);

G_END_DECLS
