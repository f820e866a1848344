/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_BODY (sd_body_get_type ())

/* A security body (机构/小组): leadership group, working group, ... */
G_DECLARE_FINAL_TYPE (SdBody, sd_body, SD, BODY, SdItem)

const char *sd_body_get_name        (SdBody *self);
const char *sd_body_get_kind        (SdBody *self);
gint64      sd_body_get_led_by_id   (SdBody *self);
const char *sd_body_get_description (SdBody *self);
int         sd_body_get_position    (SdBody *self);

G_END_DECLS
