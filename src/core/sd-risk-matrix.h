/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <glib.h>

#include "sd-zone.h"

G_BEGIN_DECLS

/* The levels of either axis of the default 5×5 matrix run from 1 to this. */
#define SD_RISK_LEVEL_MIN 1
#define SD_RISK_LEVEL_MAX SD_MATRIX_MAX_SIZE

int         sd_risk_score              (int    likelihood,
                                        int    impact);
SdZone      sd_risk_default_zone       (int    likelihood,
                                        int    impact);

const char *sd_zone_get_label          (SdZone zone);
const char *sd_risk_likelihood_label   (int    level);
const char *sd_risk_impact_label       (int    level);

G_END_DECLS
