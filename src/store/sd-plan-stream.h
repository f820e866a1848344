/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_PLAN_STREAM (sd_plan_stream_get_type ())

/* A work stream of a plan (宣传培训, 制度建设, ...). */
G_DECLARE_FINAL_TYPE (SdPlanStream, sd_plan_stream, SD, PLAN_STREAM, SdItem)

gint64      sd_plan_stream_get_plan_id  (SdPlanStream *self);
const char *sd_plan_stream_get_name     (SdPlanStream *self);
int         sd_plan_stream_get_position (SdPlanStream *self);

G_END_DECLS
