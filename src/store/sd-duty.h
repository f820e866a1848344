/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_DUTY (sd_duty_get_type ())

/* A duty (职责), with its code, area and source. */
G_DECLARE_FINAL_TYPE (SdDuty, sd_duty, SD, DUTY, SdItem)

const char *sd_duty_get_code     (SdDuty *self);
const char *sd_duty_get_area     (SdDuty *self);
const char *sd_duty_get_text     (SdDuty *self);
const char *sd_duty_get_source   (SdDuty *self);
int         sd_duty_get_position (SdDuty *self);

G_END_DECLS
