/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-decision"

#include "config.h"

#include "sd-decision.h"
#include "sd-meeting.h"
#include "sd-plan-task.h"

struct _SdDecision
{
  SdItem parent_instance;
};

enum {
  COL_MEETING_ID,
  COL_TEXT,
  COL_TASK_ID,
};

static const SdColumn columns[] = {
  [COL_MEETING_ID] = { "meeting_id", "meeting-id", SD_COLUMN_REF,
                       sd_meeting_get_type, SD_ON_DELETE_CASCADE },
  [COL_TEXT] = { "text", "text", SD_COLUMN_STRING },
  [COL_TASK_ID] = { "task_id", "task-id", SD_COLUMN_REF,
                    sd_plan_task_get_type, SD_ON_DELETE_SET_NULL },
};

static const SdTable table = { "meeting_decisions", columns, G_N_ELEMENTS (columns), NULL };

G_DEFINE_FINAL_TYPE (SdDecision, sd_decision, SD_TYPE_ITEM)

static void
sd_decision_class_init (SdDecisionClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_decision_init (SdDecision *self)
{
}

gint64
sd_decision_get_meeting_id (SdDecision *self)
{
  g_return_val_if_fail (SD_IS_DECISION (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_MEETING_ID);
}

const char *
sd_decision_get_text (SdDecision *self)
{
  g_return_val_if_fail (SD_IS_DECISION (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_TEXT);
}

gint64
sd_decision_get_task_id (SdDecision *self)
{
  g_return_val_if_fail (SD_IS_DECISION (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_TASK_ID);
}
