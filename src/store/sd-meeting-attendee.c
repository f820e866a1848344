/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-meeting-attendee"

#include "config.h"

#include "sd-meeting-attendee.h"
#include "sd-meeting.h"
#include "sd-person.h"

struct _SdMeetingAttendee
{
  SdItem parent_instance;
};

enum {
  COL_MEETING_ID,
  COL_PERSON_ID,
};

static const SdColumn columns[] = {
  [COL_MEETING_ID] = { "meeting_id", "meeting-id", SD_COLUMN_REF,
                       sd_meeting_get_type, SD_ON_DELETE_CASCADE },
  [COL_PERSON_ID] = { "person_id", "person-id", SD_COLUMN_REF,
                      sd_person_get_type, SD_ON_DELETE_CASCADE },
};

static const SdTable table = { "meeting_attendees", columns, G_N_ELEMENTS (columns), NULL };

G_DEFINE_FINAL_TYPE (SdMeetingAttendee, sd_meeting_attendee, SD_TYPE_ITEM)

static void
sd_meeting_attendee_class_init (SdMeetingAttendeeClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_meeting_attendee_init (SdMeetingAttendee *self)
{
}

gint64
sd_meeting_attendee_get_meeting_id (SdMeetingAttendee *self)
{
  g_return_val_if_fail (SD_IS_MEETING_ATTENDEE (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_MEETING_ID);
}

gint64
sd_meeting_attendee_get_person_id (SdMeetingAttendee *self)
{
  g_return_val_if_fail (SD_IS_MEETING_ATTENDEE (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_PERSON_ID);
}
