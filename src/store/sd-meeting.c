/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-meeting"

#include "config.h"

#include "sd-meeting.h"
#include "sd-plan.h"

struct _SdMeeting
{
  SdItem parent_instance;
};

enum {
  COL_PLAN_ID,
  COL_DATE,
  COL_KIND,
  COL_TITLE,
  COL_MINUTES,
};

static const SdColumn columns[] = {
  [COL_PLAN_ID] = { "plan_id", "plan-id", SD_COLUMN_REF, sd_plan_get_type, SD_ON_DELETE_CASCADE },
  [COL_DATE] = { "date", "date", SD_COLUMN_STRING },
  [COL_KIND] = { "kind", "kind", SD_COLUMN_STRING },
  [COL_TITLE] = { "title", "title", SD_COLUMN_STRING },
  [COL_MINUTES] = { "minutes", "minutes", SD_COLUMN_STRING },
};

static const SdTable table = { "meetings", columns, G_N_ELEMENTS (columns), "date, id" };

G_DEFINE_FINAL_TYPE (SdMeeting, sd_meeting, SD_TYPE_ITEM)

static void
sd_meeting_class_init (SdMeetingClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_meeting_init (SdMeeting *self)
{
}

gint64
sd_meeting_get_plan_id (SdMeeting *self)
{
  g_return_val_if_fail (SD_IS_MEETING (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_PLAN_ID);
}

const char *
sd_meeting_get_date (SdMeeting *self)
{
  g_return_val_if_fail (SD_IS_MEETING (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_DATE);
}

const char *
sd_meeting_get_kind (SdMeeting *self)
{
  g_return_val_if_fail (SD_IS_MEETING (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_KIND);
}

const char *
sd_meeting_get_title (SdMeeting *self)
{
  g_return_val_if_fail (SD_IS_MEETING (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_TITLE);
}

const char *
sd_meeting_get_minutes (SdMeeting *self)
{
  g_return_val_if_fail (SD_IS_MEETING (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_MINUTES);
}
