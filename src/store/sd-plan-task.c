/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-plan-task"

#include "config.h"

#include "sd-plan-task.h"
#include "sd-person.h"
#include "sd-plan.h"
#include "sd-plan-stream.h"
#include "sd-unit.h"

struct _SdPlanTask
{
  SdItem parent_instance;
};

enum {
  COL_PLAN_ID,
  COL_STREAM_ID,
  COL_TITLE,
  COL_OWNER_UNIT_ID,
  COL_OWNER_PERSON_ID,
  COL_START_MONTH,
  COL_END_MONTH,
  COL_START_DATE,
  COL_END_DATE,
  COL_STATUS,
  COL_PROGRESS,
  COL_EVIDENCE,
  COL_CARRIED_OVER,
  COL_POSITION,
};

static const SdColumn columns[] = {
  [COL_PLAN_ID] = { "plan_id", "plan-id", SD_COLUMN_REF, sd_plan_get_type, SD_ON_DELETE_CASCADE },
  [COL_STREAM_ID] = { "stream_id", "stream-id", SD_COLUMN_REF,
                      sd_plan_stream_get_type, SD_ON_DELETE_SET_NULL },
  [COL_TITLE] = { "title", "title", SD_COLUMN_STRING },
  [COL_OWNER_UNIT_ID] = { "owner_unit_id", "owner-unit-id", SD_COLUMN_REF,
                          sd_unit_get_type, SD_ON_DELETE_SET_NULL },
  [COL_OWNER_PERSON_ID] = { "owner_person_id", "owner-person-id", SD_COLUMN_REF,
                            sd_person_get_type, SD_ON_DELETE_SET_NULL },
  [COL_START_MONTH] = { "start_month", "start-month", SD_COLUMN_INT },
  [COL_END_MONTH] = { "end_month", "end-month", SD_COLUMN_INT },
  [COL_START_DATE] = { "start_date", "start-date", SD_COLUMN_STRING },
  [COL_END_DATE] = { "end_date", "end-date", SD_COLUMN_STRING },
  [COL_STATUS] = { "status", "status", SD_COLUMN_STRING },
  [COL_PROGRESS] = { "progress", "progress", SD_COLUMN_INT },
  [COL_EVIDENCE] = { "evidence", "evidence", SD_COLUMN_STRING },
  [COL_CARRIED_OVER] = { "carried_over", "carried-over", SD_COLUMN_BOOLEAN },
  [COL_POSITION] = { "position", "position", SD_COLUMN_INT },
};

static const SdTable table = { "plan_tasks", columns, G_N_ELEMENTS (columns), "position, id" };

G_DEFINE_FINAL_TYPE (SdPlanTask, sd_plan_task, SD_TYPE_ITEM)

static void
sd_plan_task_class_init (SdPlanTaskClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_plan_task_init (SdPlanTask *self)
{
}

gint64
sd_plan_task_get_plan_id (SdPlanTask *self)
{
  g_return_val_if_fail (SD_IS_PLAN_TASK (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_PLAN_ID);
}

gint64
sd_plan_task_get_stream_id (SdPlanTask *self)
{
  g_return_val_if_fail (SD_IS_PLAN_TASK (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_STREAM_ID);
}

const char *
sd_plan_task_get_title (SdPlanTask *self)
{
  g_return_val_if_fail (SD_IS_PLAN_TASK (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_TITLE);
}

gint64
sd_plan_task_get_owner_unit_id (SdPlanTask *self)
{
  g_return_val_if_fail (SD_IS_PLAN_TASK (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_OWNER_UNIT_ID);
}

gint64
sd_plan_task_get_owner_person_id (SdPlanTask *self)
{
  g_return_val_if_fail (SD_IS_PLAN_TASK (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_OWNER_PERSON_ID);
}

int
sd_plan_task_get_start_month (SdPlanTask *self)
{
  g_return_val_if_fail (SD_IS_PLAN_TASK (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_START_MONTH);
}

int
sd_plan_task_get_end_month (SdPlanTask *self)
{
  g_return_val_if_fail (SD_IS_PLAN_TASK (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_END_MONTH);
}

const char *
sd_plan_task_get_start_date (SdPlanTask *self)
{
  g_return_val_if_fail (SD_IS_PLAN_TASK (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_START_DATE);
}

const char *
sd_plan_task_get_end_date (SdPlanTask *self)
{
  g_return_val_if_fail (SD_IS_PLAN_TASK (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_END_DATE);
}

const char *
sd_plan_task_get_status (SdPlanTask *self)
{
  g_return_val_if_fail (SD_IS_PLAN_TASK (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_STATUS);
}

int
sd_plan_task_get_progress (SdPlanTask *self)
{
  g_return_val_if_fail (SD_IS_PLAN_TASK (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_PROGRESS);
}

const char *
sd_plan_task_get_evidence (SdPlanTask *self)
{
  g_return_val_if_fail (SD_IS_PLAN_TASK (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_EVIDENCE);
}

gboolean
sd_plan_task_get_carried_over (SdPlanTask *self)
{
  g_return_val_if_fail (SD_IS_PLAN_TASK (self), FALSE);

  return sd_item_get_boolean (SD_ITEM (self), COL_CARRIED_OVER);
}

int
sd_plan_task_get_position (SdPlanTask *self)
{
  g_return_val_if_fail (SD_IS_PLAN_TASK (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_POSITION);
}
