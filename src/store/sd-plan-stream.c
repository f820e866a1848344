/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-plan-stream"

#include "config.h"

#include "sd-plan-stream.h"
#include "sd-plan.h"

struct _SdPlanStream
{
  SdItem parent_instance;
};

enum {
  COL_PLAN_ID,
  COL_NAME,
  COL_POSITION,
};

static const SdColumn columns[] = {
  [COL_PLAN_ID] = { "plan_id", "plan-id", SD_COLUMN_REF, sd_plan_get_type, SD_ON_DELETE_CASCADE },
  [COL_NAME] = { "name", "name", SD_COLUMN_STRING },
  [COL_POSITION] = { "position", "position", SD_COLUMN_INT },
};

static const SdTable table = { "plan_streams", columns, G_N_ELEMENTS (columns), "position, id" };

G_DEFINE_FINAL_TYPE (SdPlanStream, sd_plan_stream, SD_TYPE_ITEM)

static void
sd_plan_stream_class_init (SdPlanStreamClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_plan_stream_init (SdPlanStream *self)
{
}

gint64
sd_plan_stream_get_plan_id (SdPlanStream *self)
{
  g_return_val_if_fail (SD_IS_PLAN_STREAM (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_PLAN_ID);
}

const char *
sd_plan_stream_get_name (SdPlanStream *self)
{
  g_return_val_if_fail (SD_IS_PLAN_STREAM (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_NAME);
}

int
sd_plan_stream_get_position (SdPlanStream *self)
{
  g_return_val_if_fail (SD_IS_PLAN_STREAM (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_POSITION);
}
