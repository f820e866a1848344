/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-assessment"

#include "config.h"

#include "sd-assessment.h"
#include "sd-risk.h"
#include "sd-zone.h"

struct _SdAssessment
{
  SdItem parent_instance;
};

enum {
  COL_RISK_ID,
  COL_AT,
  COL_LEVEL,
  COL_OLD_LIKELIHOOD,
  COL_OLD_IMPACT,
  COL_NEW_LIKELIHOOD,
  COL_NEW_IMPACT,
  COL_REASON,
  COL_WORKSHOP,
  COL_MATRIX_SIZE,
  COL_OLD_MATRIX_SIZE,
};

static const SdColumn columns[] = {
  [COL_RISK_ID] = { "risk_id", "risk-id", SD_COLUMN_REF, sd_risk_get_type, SD_ON_DELETE_CASCADE },
  [COL_AT] = { "at", "at", SD_COLUMN_STRING },
  [COL_LEVEL] = { "level", "level", SD_COLUMN_STRING },
  [COL_OLD_LIKELIHOOD] = { "old_likelihood", "old-likelihood", SD_COLUMN_INT },
  [COL_OLD_IMPACT] = { "old_impact", "old-impact", SD_COLUMN_INT },
  [COL_NEW_LIKELIHOOD] = { "new_likelihood", "new-likelihood", SD_COLUMN_INT },
  [COL_NEW_IMPACT] = { "new_impact", "new-impact", SD_COLUMN_INT },
  [COL_REASON] = { "reason", "reason", SD_COLUMN_STRING },
  [COL_WORKSHOP] = { "workshop", "workshop", SD_COLUMN_STRING },
  [COL_MATRIX_SIZE] = { "matrix_size", "matrix-size", SD_COLUMN_INT },
  [COL_OLD_MATRIX_SIZE] = { "old_matrix_size", "old-matrix-size", SD_COLUMN_INT },
};

static const SdTable table = { "risk_assessments", columns, G_N_ELEMENTS (columns), NULL };

G_DEFINE_FINAL_TYPE (SdAssessment, sd_assessment, SD_TYPE_ITEM)

static void
sd_assessment_class_init (SdAssessmentClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_assessment_init (SdAssessment *self)
{
}

gint64
sd_assessment_get_risk_id (SdAssessment *self)
{
  g_return_val_if_fail (SD_IS_ASSESSMENT (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_RISK_ID);
}

const char *
sd_assessment_get_at (SdAssessment *self)
{
  g_return_val_if_fail (SD_IS_ASSESSMENT (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_AT);
}

const char *
sd_assessment_get_level (SdAssessment *self)
{
  g_return_val_if_fail (SD_IS_ASSESSMENT (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_LEVEL);
}

int
sd_assessment_get_old_likelihood (SdAssessment *self)
{
  g_return_val_if_fail (SD_IS_ASSESSMENT (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_OLD_LIKELIHOOD);
}

int
sd_assessment_get_old_impact (SdAssessment *self)
{
  g_return_val_if_fail (SD_IS_ASSESSMENT (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_OLD_IMPACT);
}

int
sd_assessment_get_new_likelihood (SdAssessment *self)
{
  g_return_val_if_fail (SD_IS_ASSESSMENT (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_NEW_LIKELIHOOD);
}

int
sd_assessment_get_new_impact (SdAssessment *self)
{
  g_return_val_if_fail (SD_IS_ASSESSMENT (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_NEW_IMPACT);
}

const char *
sd_assessment_get_reason (SdAssessment *self)
{
  g_return_val_if_fail (SD_IS_ASSESSMENT (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_REASON);
}

const char *
sd_assessment_get_workshop (SdAssessment *self)
{
  g_return_val_if_fail (SD_IS_ASSESSMENT (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_WORKSHOP);
}

/* The schema fills in 5×5, the one size there was before the matrix could
 * be resized; a size that is not one (0 for an item made without its row)
 * is taken the same way. */
static int
size_or_default (int size)
{
  return size >= 3 && size <= SD_MATRIX_MAX_SIZE ? size : SD_MATRIX_MAX_SIZE;
}

int
sd_assessment_get_matrix_size (SdAssessment *self)
{
  g_return_val_if_fail (SD_IS_ASSESSMENT (self), SD_MATRIX_MAX_SIZE);

  return size_or_default (sd_item_get_int (SD_ITEM (self), COL_MATRIX_SIZE));
}

int
sd_assessment_get_old_matrix_size (SdAssessment *self)
{
  g_return_val_if_fail (SD_IS_ASSESSMENT (self), SD_MATRIX_MAX_SIZE);

  return size_or_default (sd_item_get_int (SD_ITEM (self), COL_OLD_MATRIX_SIZE));
}
