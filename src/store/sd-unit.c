/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-unit"

#include "config.h"

#include "sd-unit.h"
#include "sd-person.h"

struct _SdUnit
{
  SdItem parent_instance;
};

enum {
  COL_NAME,
  COL_KIND,
  COL_PARENT_ID,
  COL_HEAD_ID,
  COL_STAFF_COUNT,
  COL_POSITION,
};

static const SdColumn columns[] = {
  [COL_NAME] = { "name", "name", SD_COLUMN_STRING },
  [COL_KIND] = { "kind", "kind", SD_COLUMN_STRING },
  [COL_PARENT_ID] = { "parent_id", "parent-id", SD_COLUMN_REF,
                      sd_unit_get_type, SD_ON_DELETE_CASCADE },
  [COL_HEAD_ID] = { "head_id", "head-id", SD_COLUMN_REF,
                    sd_person_get_type, SD_ON_DELETE_SET_NULL },
  [COL_STAFF_COUNT] = { "staff_count", "staff-count", SD_COLUMN_INT },
  [COL_POSITION] = { "position", "position", SD_COLUMN_INT },
};

static const SdTable table = { "units", columns, G_N_ELEMENTS (columns), "position, id" };

G_DEFINE_FINAL_TYPE (SdUnit, sd_unit, SD_TYPE_ITEM)

static void
sd_unit_class_init (SdUnitClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_unit_init (SdUnit *self)
{
}

const char *
sd_unit_get_name (SdUnit *self)
{
  g_return_val_if_fail (SD_IS_UNIT (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_NAME);
}

const char *
sd_unit_get_kind (SdUnit *self)
{
  g_return_val_if_fail (SD_IS_UNIT (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_KIND);
}

gint64
sd_unit_get_parent_id (SdUnit *self)
{
  g_return_val_if_fail (SD_IS_UNIT (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_PARENT_ID);
}

gint64
sd_unit_get_head_id (SdUnit *self)
{
  g_return_val_if_fail (SD_IS_UNIT (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_HEAD_ID);
}

int
sd_unit_get_staff_count (SdUnit *self)
{
  g_return_val_if_fail (SD_IS_UNIT (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_STAFF_COUNT);
}

int
sd_unit_get_position (SdUnit *self)
{
  g_return_val_if_fail (SD_IS_UNIT (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_POSITION);
}
