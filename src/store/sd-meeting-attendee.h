/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_MEETING_ATTENDEE (sd_meeting_attendee_get_type ())

/* A person who attended a meeting. */
G_DECLARE_FINAL_TYPE (SdMeetingAttendee, sd_meeting_attendee, SD, MEETING_ATTENDEE, SdItem)

gint64 sd_meeting_attendee_get_meeting_id (SdMeetingAttendee *self);
gint64 sd_meeting_attendee_get_person_id  (SdMeetingAttendee *self);

G_END_DECLS
