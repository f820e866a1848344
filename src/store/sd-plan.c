/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-plan"

#include "config.h"

#include "sd-plan.h"

struct _SdPlan
{
  SdItem parent_instance;
};

enum {
  COL_YEAR,
  COL_GOAL,
  COL_POLICY,
};

static const SdColumn columns[] = {
  [COL_YEAR] = { "year", "year", SD_COLUMN_INT },
  [COL_GOAL] = { "goal", "goal", SD_COLUMN_STRING },
  [COL_POLICY] = { "policy", "policy", SD_COLUMN_STRING },
};

static const SdTable table = { "plans", columns, G_N_ELEMENTS (columns), "year" };

G_DEFINE_FINAL_TYPE (SdPlan, sd_plan, SD_TYPE_ITEM)

static void
sd_plan_class_init (SdPlanClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_plan_init (SdPlan *self)
{
}

int
sd_plan_get_year (SdPlan *self)
{
  g_return_val_if_fail (SD_IS_PLAN (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_YEAR);
}

const char *
sd_plan_get_goal (SdPlan *self)
{
  g_return_val_if_fail (SD_IS_PLAN (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_GOAL);
}

const char *
sd_plan_get_policy (SdPlan *self)
{
  g_return_val_if_fail (SD_IS_PLAN (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_POLICY);
}
