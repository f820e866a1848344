/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-store.h"
#include "sd-risk.h"

G_BEGIN_DECLS

/* Which of a risk's three ratings to look at. */
typedef enum
{
  SD_RISK_LEVEL_INHERENT,
  SD_RISK_LEVEL_RESIDUAL,
  SD_RISK_LEVEL_TARGET,
} SdRiskLevel;

const char *sd_risk_level_to_code  (SdRiskLevel  level);
gboolean    sd_risk_level_from_code (const char  *code,
                                     SdRiskLevel *level);
const char *sd_risk_level_label    (SdRiskLevel  level);

void        sd_risk_get_rating     (SdRisk      *risk,
                                    SdRiskLevel  level,
                                    int         *likelihood,
                                    int         *impact);
/* The rating's cell on a matrix of @size. Ratings are kept on the scale
 * of the current matrix (1..size; sd_risk_matrix_apply() maps them when
 * the size changes), so this only clamps them to 1..@size. */
void        sd_risk_get_cell       (SdRisk      *risk,
                                    SdRiskLevel  level,
                                    int          size,
                                    int         *likelihood,
                                    int         *impact);
SdZone      sd_risk_get_zone       (SdStore     *store,
                                    SdRisk      *risk,
                                    SdRiskLevel  level);

/* Counts the store's risks per cell; returns the total. */
guint       sd_risk_count_cells    (SdStore     *store,
                                    SdRiskLevel  level,
                                    guint        counts[SD_MATRIX_MAX_SIZE][SD_MATRIX_MAX_SIZE]);

G_END_DECLS
