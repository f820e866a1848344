/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-person"

#include "config.h"

#include "sd-person.h"
#include "sd-unit.h"

struct _SdPerson
{
  SdItem parent_instance;
};

enum {
  COL_NAME,
  COL_UNIT_ID,
  COL_JOB_TITLE,
  COL_FULL_TIME,
  COL_ACTIVE,
};

static const SdColumn columns[] = {
  [COL_NAME] = { "name", "name", SD_COLUMN_STRING },
  [COL_UNIT_ID] = { "unit_id", "unit-id", SD_COLUMN_REF, sd_unit_get_type, SD_ON_DELETE_SET_NULL },
  [COL_JOB_TITLE] = { "job_title", "job-title", SD_COLUMN_STRING },
  [COL_FULL_TIME] = { "full_time", "full-time", SD_COLUMN_BOOLEAN },
  [COL_ACTIVE] = { "active", "active", SD_COLUMN_BOOLEAN },
};

static const SdTable table = { "people", columns, G_N_ELEMENTS (columns), NULL };

G_DEFINE_FINAL_TYPE (SdPerson, sd_person, SD_TYPE_ITEM)

static void
sd_person_class_init (SdPersonClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_person_init (SdPerson *self)
{
}

const char *
sd_person_get_name (SdPerson *self)
{
  g_return_val_if_fail (SD_IS_PERSON (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_NAME);
}

gint64
sd_person_get_unit_id (SdPerson *self)
{
  g_return_val_if_fail (SD_IS_PERSON (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_UNIT_ID);
}

const char *
sd_person_get_job_title (SdPerson *self)
{
  g_return_val_if_fail (SD_IS_PERSON (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_JOB_TITLE);
}

gboolean
sd_person_get_full_time (SdPerson *self)
{
  g_return_val_if_fail (SD_IS_PERSON (self), FALSE);

  return sd_item_get_boolean (SD_ITEM (self), COL_FULL_TIME);
}

gboolean
sd_person_get_active (SdPerson *self)
{
  g_return_val_if_fail (SD_IS_PERSON (self), FALSE);

  return sd_item_get_boolean (SD_ITEM (self), COL_ACTIVE);
}
