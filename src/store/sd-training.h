/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_TRAINING (sd_training_get_type ())

/* A training session of a plan. */
G_DECLARE_FINAL_TYPE (SdTraining, sd_training, SD, TRAINING, SdItem)

gint64      sd_training_get_plan_id  (SdTraining *self);
const char *sd_training_get_date     (SdTraining *self);
const char *sd_training_get_topic    (SdTraining *self);
const char *sd_training_get_audience (SdTraining *self);

G_END_DECLS
