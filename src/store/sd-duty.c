/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-duty"

#include "config.h"

#include "sd-duty.h"

struct _SdDuty
{
  SdItem parent_instance;
};

enum {
  COL_CODE,
  COL_AREA,
  COL_TEXT,
  COL_SOURCE,
  COL_POSITION,
};

static const SdColumn columns[] = {
  [COL_CODE] = { "code", "code", SD_COLUMN_STRING },
  [COL_AREA] = { "area", "area", SD_COLUMN_STRING },
  [COL_TEXT] = { "text", "text", SD_COLUMN_STRING },
  [COL_SOURCE] = { "source", "source", SD_COLUMN_STRING },
  [COL_POSITION] = { "position", "position", SD_COLUMN_INT },
};

static const SdTable table = { "duties", columns, G_N_ELEMENTS (columns), "position, id" };

G_DEFINE_FINAL_TYPE (SdDuty, sd_duty, SD_TYPE_ITEM)

static void
sd_duty_class_init (SdDutyClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_duty_init (SdDuty *self)
{
}

const char *
sd_duty_get_code (SdDuty *self)
{
  g_return_val_if_fail (SD_IS_DUTY (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_CODE);
}

const char *
sd_duty_get_area (SdDuty *self)
{
  g_return_val_if_fail (SD_IS_DUTY (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_AREA);
}

const char *
sd_duty_get_text (SdDuty *self)
{
  g_return_val_if_fail (SD_IS_DUTY (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_TEXT);
}

const char *
sd_duty_get_source (SdDuty *self)
{
  g_return_val_if_fail (SD_IS_DUTY (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_SOURCE);
}

int
sd_duty_get_position (SdDuty *self)
{
  g_return_val_if_fail (SD_IS_DUTY (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_POSITION);
}
