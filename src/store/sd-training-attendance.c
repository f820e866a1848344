/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-training-attendance"

#include "config.h"

#include "sd-training-attendance.h"
#include "sd-person.h"
#include "sd-training.h"

struct _SdTrainingAttendance
{
  SdItem parent_instance;
};

enum {
  COL_TRAINING_ID,
  COL_PERSON_ID,
};

static const SdColumn columns[] = {
  [COL_TRAINING_ID] = { "training_id", "training-id", SD_COLUMN_REF,
                        sd_training_get_type, SD_ON_DELETE_CASCADE },
  [COL_PERSON_ID] = { "person_id", "person-id", SD_COLUMN_REF,
                      sd_person_get_type, SD_ON_DELETE_CASCADE },
};

static const SdTable table = { "training_attendance", columns, G_N_ELEMENTS (columns), NULL };

G_DEFINE_FINAL_TYPE (SdTrainingAttendance, sd_training_attendance, SD_TYPE_ITEM)

static void
sd_training_attendance_class_init (SdTrainingAttendanceClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_training_attendance_init (SdTrainingAttendance *self)
{
}

gint64
sd_training_attendance_get_training_id (SdTrainingAttendance *self)
{
  g_return_val_if_fail (SD_IS_TRAINING_ATTENDANCE (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_TRAINING_ID);
}

gint64
sd_training_attendance_get_person_id (SdTrainingAttendance *self)
{
  g_return_val_if_fail (SD_IS_TRAINING_ATTENDANCE (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_PERSON_ID);
}
