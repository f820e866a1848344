/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-risk"

#include "config.h"

#include "sd-risk.h"
#include "sd-person.h"
#include "sd-risk-category.h"
#include "sd-unit.h"

struct _SdRisk
{
  SdItem parent_instance;
};

enum {
  COL_CODE,
  COL_TITLE,
  COL_CATEGORY_ID,
  COL_DESCRIPTION,
  COL_CAUSE,
  COL_CONSEQUENCE,
  COL_OWNER_UNIT_ID,
  COL_OWNER_PERSON_ID,
  COL_INHERENT_LIKELIHOOD,
  COL_INHERENT_IMPACT,
  COL_RESIDUAL_LIKELIHOOD,
  COL_RESIDUAL_IMPACT,
  COL_TARGET_LIKELIHOOD,
  COL_TARGET_IMPACT,
  COL_TREATMENT,
  COL_MEASURES,
  COL_STATUS,
  COL_NEXT_REVIEW,
};

static const SdColumn columns[] = {
  [COL_CODE] = { "code", "code", SD_COLUMN_STRING },
  [COL_TITLE] = { "title", "title", SD_COLUMN_STRING },
  [COL_CATEGORY_ID] = { "category_id", "category-id", SD_COLUMN_REF,
                        sd_risk_category_get_type, SD_ON_DELETE_RESTRICT },
  [COL_DESCRIPTION] = { "description", "description", SD_COLUMN_STRING },
  [COL_CAUSE] = { "cause", "cause", SD_COLUMN_STRING },
  [COL_CONSEQUENCE] = { "consequence", "consequence", SD_COLUMN_STRING },
  [COL_OWNER_UNIT_ID] = { "owner_unit_id", "owner-unit-id", SD_COLUMN_REF,
                          sd_unit_get_type, SD_ON_DELETE_SET_NULL },
  [COL_OWNER_PERSON_ID] = { "owner_person_id", "owner-person-id", SD_COLUMN_REF,
                            sd_person_get_type, SD_ON_DELETE_SET_NULL },
  [COL_INHERENT_LIKELIHOOD] = { "inherent_likelihood", "inherent-likelihood", SD_COLUMN_INT },
  [COL_INHERENT_IMPACT] = { "inherent_impact", "inherent-impact", SD_COLUMN_INT },
  [COL_RESIDUAL_LIKELIHOOD] = { "residual_likelihood", "residual-likelihood", SD_COLUMN_INT },
  [COL_RESIDUAL_IMPACT] = { "residual_impact", "residual-impact", SD_COLUMN_INT },
  [COL_TARGET_LIKELIHOOD] = { "target_likelihood", "target-likelihood", SD_COLUMN_INT },
  [COL_TARGET_IMPACT] = { "target_impact", "target-impact", SD_COLUMN_INT },
  [COL_TREATMENT] = { "treatment", "treatment", SD_COLUMN_STRING },
  [COL_MEASURES] = { "measures", "measures", SD_COLUMN_STRING },
  [COL_STATUS] = { "status", "status", SD_COLUMN_STRING },
  [COL_NEXT_REVIEW] = { "next_review", "next-review", SD_COLUMN_STRING },
};

static const SdTable table = { "risks", columns, G_N_ELEMENTS (columns), NULL };

G_DEFINE_FINAL_TYPE (SdRisk, sd_risk, SD_TYPE_ITEM)

static void
sd_risk_class_init (SdRiskClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_risk_init (SdRisk *self)
{
}

const char *
sd_risk_get_code (SdRisk *self)
{
  g_return_val_if_fail (SD_IS_RISK (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_CODE);
}

const char *
sd_risk_get_title (SdRisk *self)
{
  g_return_val_if_fail (SD_IS_RISK (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_TITLE);
}

gint64
sd_risk_get_category_id (SdRisk *self)
{
  g_return_val_if_fail (SD_IS_RISK (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_CATEGORY_ID);
}

const char *
sd_risk_get_description (SdRisk *self)
{
  g_return_val_if_fail (SD_IS_RISK (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_DESCRIPTION);
}

const char *
sd_risk_get_cause (SdRisk *self)
{
  g_return_val_if_fail (SD_IS_RISK (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_CAUSE);
}

const char *
sd_risk_get_consequence (SdRisk *self)
{
  g_return_val_if_fail (SD_IS_RISK (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_CONSEQUENCE);
}

gint64
sd_risk_get_owner_unit_id (SdRisk *self)
{
  g_return_val_if_fail (SD_IS_RISK (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_OWNER_UNIT_ID);
}

gint64
sd_risk_get_owner_person_id (SdRisk *self)
{
  g_return_val_if_fail (SD_IS_RISK (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_OWNER_PERSON_ID);
}

int
sd_risk_get_inherent_likelihood (SdRisk *self)
{
  g_return_val_if_fail (SD_IS_RISK (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_INHERENT_LIKELIHOOD);
}

int
sd_risk_get_inherent_impact (SdRisk *self)
{
  g_return_val_if_fail (SD_IS_RISK (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_INHERENT_IMPACT);
}

int
sd_risk_get_residual_likelihood (SdRisk *self)
{
  g_return_val_if_fail (SD_IS_RISK (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_RESIDUAL_LIKELIHOOD);
}

int
sd_risk_get_residual_impact (SdRisk *self)
{
  g_return_val_if_fail (SD_IS_RISK (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_RESIDUAL_IMPACT);
}

int
sd_risk_get_target_likelihood (SdRisk *self)
{
  g_return_val_if_fail (SD_IS_RISK (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_TARGET_LIKELIHOOD);
}

int
sd_risk_get_target_impact (SdRisk *self)
{
  g_return_val_if_fail (SD_IS_RISK (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_TARGET_IMPACT);
}

const char *
sd_risk_get_treatment (SdRisk *self)
{
  g_return_val_if_fail (SD_IS_RISK (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_TREATMENT);
}

const char *
sd_risk_get_measures (SdRisk *self)
{
  g_return_val_if_fail (SD_IS_RISK (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_MEASURES);
}

const char *
sd_risk_get_status (SdRisk *self)
{
  g_return_val_if_fail (SD_IS_RISK (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_STATUS);
}

const char *
sd_risk_get_next_review (SdRisk *self)
{
  g_return_val_if_fail (SD_IS_RISK (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_NEXT_REVIEW);
}
