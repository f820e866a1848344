/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_DECISION (sd_decision_get_type ())

/* A decision taken in a meeting, possibly turned into a task. */
G_DECLARE_FINAL_TYPE (SdDecision, sd_decision, SD, DECISION, SdItem)

gint64      sd_decision_get_meeting_id (SdDecision *self);
const char *sd_decision_get_text       (SdDecision *self);
gint64      sd_decision_get_task_id    (SdDecision *self);

G_END_DECLS
