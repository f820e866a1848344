/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_PLAN_TASK (sd_plan_task_get_type ())

/* A task of a plan, in a stream, over a range of months. */
G_DECLARE_FINAL_TYPE (SdPlanTask, sd_plan_task, SD, PLAN_TASK, SdItem)

gint64      sd_plan_task_get_plan_id         (SdPlanTask *self);
gint64      sd_plan_task_get_stream_id       (SdPlanTask *self);
const char *sd_plan_task_get_title           (SdPlanTask *self);
gint64      sd_plan_task_get_owner_unit_id   (SdPlanTask *self);
gint64      sd_plan_task_get_owner_person_id (SdPlanTask *self);
int         sd_plan_task_get_start_month     (SdPlanTask *self);
int         sd_plan_task_get_end_month       (SdPlanTask *self);
const char *sd_plan_task_get_start_date      (SdPlanTask *self);
const char *sd_plan_task_get_end_date        (SdPlanTask *self);
const char *sd_plan_task_get_status          (SdPlanTask *self);
int         sd_plan_task_get_progress        (SdPlanTask *self);
const char *sd_plan_task_get_evidence        (SdPlanTask *self);
gboolean    sd_plan_task_get_carried_over    (SdPlanTask *self);
int         sd_plan_task_get_position        (SdPlanTask *self);

G_END_DECLS
