/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_ASSESSMENT (sd_assessment_get_type ())

/* One re-rating of a risk: which rating, old and new values, why and in which workshop.
 *
 * Every rating is on the scale of a matrix of some size (3..5), and an
 * assessment says which: the new values are on "matrix-size", the old ones
 * on "old-matrix-size". The two are the same for a re-rating (both the
 * size of the matrix at the time); they differ only for the assessment
 * that a change of the matrix's size records, whose old values are the
 * rating as it was on the old matrix and whose new values are that rating
 * mapped onto the new one. So any rating an assessment holds can be
 * brought onto another scale with sd_risk_map_level(), however many times
 * the matrix was resized since. Whoever inserts an assessment gives both
 * sizes; the default, 5, is for the rows of databases from before the
 * matrix could be resized, which was 5×5. The old values are 0 for a
 * first rating, which had none. */
G_DECLARE_FINAL_TYPE (SdAssessment, sd_assessment, SD, ASSESSMENT, SdItem)

gint64      sd_assessment_get_risk_id         (SdAssessment *self);
const char *sd_assessment_get_at              (SdAssessment *self);
const char *sd_assessment_get_level           (SdAssessment *self);
int         sd_assessment_get_old_likelihood  (SdAssessment *self);
int         sd_assessment_get_old_impact      (SdAssessment *self);
int         sd_assessment_get_new_likelihood  (SdAssessment *self);
int         sd_assessment_get_new_impact      (SdAssessment *self);
const char *sd_assessment_get_reason          (SdAssessment *self);
const char *sd_assessment_get_workshop        (SdAssessment *self);
/* The size of the matrix the new values are on, 3..5. */
int         sd_assessment_get_matrix_size     (SdAssessment *self);
/* The size of the matrix the old values are on, 3..5. */
int         sd_assessment_get_old_matrix_size (SdAssessment *self);

G_END_DECLS
