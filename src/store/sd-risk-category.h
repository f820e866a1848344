/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_RISK_CATEGORY (sd_risk_category_get_type ())

/* A risk category: personal, data, operational, or one the user added. */
G_DECLARE_FINAL_TYPE (SdRiskCategory, sd_risk_category, SD, RISK_CATEGORY, SdItem)

const char *sd_risk_category_get_code     (SdRiskCategory *self);
const char *sd_risk_category_get_name     (SdRiskCategory *self);
int         sd_risk_category_get_position (SdRiskCategory *self);

G_END_DECLS
