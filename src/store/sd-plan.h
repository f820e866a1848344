/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_PLAN (sd_plan_get_type ())

/* The annual confidentiality plan of one year. */
G_DECLARE_FINAL_TYPE (SdPlan, sd_plan, SD, PLAN, SdItem)

int         sd_plan_get_year   (SdPlan *self);
const char *sd_plan_get_goal   (SdPlan *self);
const char *sd_plan_get_policy (SdPlan *self);

G_END_DECLS
