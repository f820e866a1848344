/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-training"

#include "config.h"

#include "sd-training.h"
#include "sd-plan.h"

struct _SdTraining
{
  SdItem parent_instance;
};

enum {
  COL_PLAN_ID,
  COL_DATE,
  COL_TOPIC,
  COL_AUDIENCE,
};

static const SdColumn columns[] = {
  [COL_PLAN_ID] = { "plan_id", "plan-id", SD_COLUMN_REF, sd_plan_get_type, SD_ON_DELETE_CASCADE },
  [COL_DATE] = { "date", "date", SD_COLUMN_STRING },
  [COL_TOPIC] = { "topic", "topic", SD_COLUMN_STRING },
  [COL_AUDIENCE] = { "audience", "audience", SD_COLUMN_STRING },
};

static const SdTable table = { "trainings", columns, G_N_ELEMENTS (columns), "date, id" };

G_DEFINE_FINAL_TYPE (SdTraining, sd_training, SD_TYPE_ITEM)

static void
sd_training_class_init (SdTrainingClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_training_init (SdTraining *self)
{
}

gint64
sd_training_get_plan_id (SdTraining *self)
{
  g_return_val_if_fail (SD_IS_TRAINING (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_PLAN_ID);
}

const char *
sd_training_get_date (SdTraining *self)
{
  g_return_val_if_fail (SD_IS_TRAINING (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_DATE);
}

const char *
sd_training_get_topic (SdTraining *self)
{
  g_return_val_if_fail (SD_IS_TRAINING (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_TOPIC);
}

const char *
sd_training_get_audience (SdTraining *self)
{
  g_return_val_if_fail (SD_IS_TRAINING (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_AUDIENCE);
}
