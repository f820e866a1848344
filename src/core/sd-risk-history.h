/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-assessment.h"
#include "sd-risk.h"
#include "sd-risk-rating.h"
#include "sd-store.h"

G_BEGIN_DECLS

/* Re-rating risks, and what the assessments tell about their past.
 *
 * A rating is on the scale of the matrix's size at the time, and each
 * assessment records the size of its old and of its new values (see
 * sd-assessment.h): a re-rating has the same size for both; a change of
 * the matrix's size (sd_risk_matrix_apply()) records the old values on the
 * old size and the new ones on the new. So a past rating can always be
 * told on today's matrix, and a trend compares like with like.
 *
 * Sets @risk's @level rating to (@likelihood, @impact), 1..matrix size, and
 * records the assessment (now, old → new, both on the current matrix size,
 * @reason, @workshop; either may be NULL or empty), in one transaction. Re-rating to the same cell
 * fails with SD_STORE_ERROR_CONSTRAINT and changes nothing.
 * Returns: (transfer none): the new assessment, or NULL on error */
SdAssessment *sd_risk_rerate       (SdStore      *store,
                                    SdRisk       *risk,
                                    SdRiskLevel   level,
                                    int           likelihood,
                                    int           impact,
                                    const char   *reason,
                                    const char   *workshop,
                                    GError      **error);
/* Undoes a re-rating: sets the rating back to the assessment's old values
 * and deletes the assessment, in one transaction (the audit log keeps
 * both). Fails, changing nothing, if the risk's rating is no longer the
 * assessment's new one (re-rated again since, or the matrix resized since),
 * if the assessment is a first rating or a change of the matrix's size,
 * or if the risk is gone. */
gboolean      sd_risk_undo_rerate  (SdStore      *store,
                                    SdAssessment *assessment,
                                    GError      **error);

#define SD_TYPE_RISK_HISTORY (sd_risk_history_get_type ())

/* An index of the assessments by risk, oldest first, kept up to date
 * with the store (it listens to the assessments' model and rebuilds
 * lazily): the register asks it for 5,000 trends without a quadratic scan.
 * Emits "changed" after the assessments or the matrix's size changed. */
G_DECLARE_FINAL_TYPE (SdRiskHistory, sd_risk_history, SD, RISK_HISTORY, GObject)

SdRiskHistory *sd_risk_history_new       (SdStore       *store);
/* (transfer none) (element-type SdAssessment): oldest first; never NULL. */
GPtrArray     *sd_risk_history_get       (SdRiskHistory *self,
                                          gint64         risk_id);
/* The rating @level of @risk had at @when, told on the matrix's current
 * size: the old value of the first re-rating of that level after @when,
 * taken through the changes of the matrix's size since as they mapped the
 * ratings (sd_risk_map_level()), or the current rating if there was no
 * re-rating since @when, only changes of size or nothing. A risk that
 * nobody re-rated thus has the same rating then as now, however often the
 * matrix was resized. */
void           sd_risk_history_rating_at (SdRiskHistory *self,
                                          SdRisk        *risk,
                                          SdRiskLevel    level,
                                          GDateTime     *when,
                                          int           *likelihood,
                                          int           *impact);

typedef enum
{
  SD_RISK_TREND_SAME,
  SD_RISK_TREND_UP,     /* the score rose */
  SD_RISK_TREND_DOWN,
} SdRiskTrend;

/* The change of @level's score since the start of the previous calendar
 * quarter of @today (e.g. since 1 July for any day of Q4), both on the
 * current matrix (sd_risk_history_rating_at()). @old_score: the score then,
 * on the current matrix (may be NULL). */
SdRiskTrend    sd_risk_history_trend     (SdRiskHistory *self,
                                          SdRisk        *risk,
                                          SdRiskLevel    level,
                                          GDateTime     *today,
                                          int           *old_score);

G_END_DECLS
