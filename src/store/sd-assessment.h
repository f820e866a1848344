/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_ASSESSMENT (sd_assessment_get_type ())

/* One re-rating of a risk: which rating, old and new values, why and in which workshop. */
G_DECLARE_FINAL_TYPE (SdAssessment, sd_assessment, SD, ASSESSMENT, SdItem)

gint64      sd_assessment_get_risk_id        (SdAssessment *self);
const char *sd_assessment_get_at             (SdAssessment *self);
const char *sd_assessment_get_level          (SdAssessment *self);
int         sd_assessment_get_old_likelihood (SdAssessment *self);
int         sd_assessment_get_old_impact     (SdAssessment *self);
int         sd_assessment_get_new_likelihood (SdAssessment *self);
int         sd_assessment_get_new_impact     (SdAssessment *self);
const char *sd_assessment_get_reason         (SdAssessment *self);
const char *sd_assessment_get_workshop       (SdAssessment *self);

G_END_DECLS
