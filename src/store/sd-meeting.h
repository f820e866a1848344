/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_MEETING (sd_meeting_get_type ())

/* A review, coordination or year-end meeting of a plan. */
G_DECLARE_FINAL_TYPE (SdMeeting, sd_meeting, SD, MEETING, SdItem)

gint64      sd_meeting_get_plan_id (SdMeeting *self);
const char *sd_meeting_get_date    (SdMeeting *self);
const char *sd_meeting_get_kind    (SdMeeting *self);
const char *sd_meeting_get_title   (SdMeeting *self);
const char *sd_meeting_get_minutes (SdMeeting *self);

G_END_DECLS
