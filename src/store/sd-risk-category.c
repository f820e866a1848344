/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-risk-category"

#include "config.h"

#include "sd-risk-category.h"

struct _SdRiskCategory
{
  SdItem parent_instance;
};

enum {
  COL_CODE,
  COL_NAME,
  COL_POSITION,
};

static const SdColumn columns[] = {
  [COL_CODE] = { "code", "code", SD_COLUMN_STRING },
  [COL_NAME] = { "name", "name", SD_COLUMN_STRING },
  [COL_POSITION] = { "position", "position", SD_COLUMN_INT },
};

static const SdTable table = { "risk_categories", columns, G_N_ELEMENTS (columns), "position, id" };

G_DEFINE_FINAL_TYPE (SdRiskCategory, sd_risk_category, SD_TYPE_ITEM)

static void
sd_risk_category_class_init (SdRiskCategoryClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_risk_category_init (SdRiskCategory *self)
{
}

const char *
sd_risk_category_get_code (SdRiskCategory *self)
{
  g_return_val_if_fail (SD_IS_RISK_CATEGORY (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_CODE);
}

const char *
sd_risk_category_get_name (SdRiskCategory *self)
{
  g_return_val_if_fail (SD_IS_RISK_CATEGORY (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_NAME);
}

int
sd_risk_category_get_position (SdRiskCategory *self)
{
  g_return_val_if_fail (SD_IS_RISK_CATEGORY (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_POSITION);
}
