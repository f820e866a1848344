/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-inspection"

#include "config.h"

#include "sd-inspection.h"
#include "sd-plan.h"
#include "sd-unit.h"

struct _SdInspection
{
  SdItem parent_instance;
};

enum {
  COL_PLAN_ID,
  COL_KIND,
  COL_TITLE,
  COL_DATE,
  COL_UNIT_ID,
};

static const SdColumn columns[] = {
  [COL_PLAN_ID] = { "plan_id", "plan-id", SD_COLUMN_REF, sd_plan_get_type, SD_ON_DELETE_CASCADE },
  [COL_KIND] = { "kind", "kind", SD_COLUMN_STRING },
  [COL_TITLE] = { "title", "title", SD_COLUMN_STRING },
  [COL_DATE] = { "date", "date", SD_COLUMN_STRING },
  [COL_UNIT_ID] = { "unit_id", "unit-id", SD_COLUMN_REF, sd_unit_get_type, SD_ON_DELETE_SET_NULL },
};

static const SdTable table = { "inspections", columns, G_N_ELEMENTS (columns), "date, id" };

G_DEFINE_FINAL_TYPE (SdInspection, sd_inspection, SD_TYPE_ITEM)

static void
sd_inspection_class_init (SdInspectionClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_inspection_init (SdInspection *self)
{
}

gint64
sd_inspection_get_plan_id (SdInspection *self)
{
  g_return_val_if_fail (SD_IS_INSPECTION (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_PLAN_ID);
}

const char *
sd_inspection_get_kind (SdInspection *self)
{
  g_return_val_if_fail (SD_IS_INSPECTION (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_KIND);
}

const char *
sd_inspection_get_title (SdInspection *self)
{
  g_return_val_if_fail (SD_IS_INSPECTION (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_TITLE);
}

const char *
sd_inspection_get_date (SdInspection *self)
{
  g_return_val_if_fail (SD_IS_INSPECTION (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_DATE);
}

gint64
sd_inspection_get_unit_id (SdInspection *self)
{
  g_return_val_if_fail (SD_IS_INSPECTION (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_UNIT_ID);
}
