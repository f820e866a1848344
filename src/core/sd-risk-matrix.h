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

/* The default labels of the levels of a matrix of @size (3..5), e.g. on
 * 3×3 "Low", "Medium", "High"; for 5 the same as the two above. */
const char *sd_risk_likelihood_label_for_size (int level,
                                               int size);
const char *sd_risk_impact_label_for_size     (int level,
                                               int size);

/* The zone schemes a user can start from in the matrix settings. */
typedef enum
{
  SD_MATRIX_PRESET_BY_SCORE,   /* by score l×i, as sd_risk_default_zone() on 5×5,
                                * scaled (score / size² ≥ .6 Major, ≥ .4 High,
                                * ≥ .2 Medium, else Low) on 3×3 and 4×4 */
  SD_MATRIX_PRESET_QUADRANTS,  /* seed 004 4.1.2: likelihood and impact split at
                                * the middle; upper likelihood and upper impact
                                * Major (red), lower likelihood and upper impact
                                * Medium (yellow), lower impact Low (blue) */
  SD_N_MATRIX_PRESETS
} SdMatrixPreset;

const char *sd_matrix_preset_label     (SdMatrixPreset preset);
/* Fills zones[l-1][i-1] for 1 ≤ l, i ≤ @size; the rest is set to Low. */
void        sd_matrix_preset_fill      (SdMatrixPreset preset,
                                        int            size,
                                        SdZone         zones[SD_MATRIX_MAX_SIZE][SD_MATRIX_MAX_SIZE]);
/* A level on a matrix of @old_size mapped proportionally onto @new_size
 * (1 → 1, old_size → new_size, the rest rounded to the nearest level). */
int         sd_risk_map_level          (int            level,
                                        int            old_size,
                                        int            new_size);

G_END_DECLS
