/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_TRAINING_ATTENDANCE (sd_training_attendance_get_type ())

/* A person who attended a training session. */
G_DECLARE_FINAL_TYPE (SdTrainingAttendance, sd_training_attendance, SD, TRAINING_ATTENDANCE, SdItem)

gint64 sd_training_attendance_get_training_id (SdTrainingAttendance *self);
gint64 sd_training_attendance_get_person_id   (SdTrainingAttendance *self);

G_END_DECLS
