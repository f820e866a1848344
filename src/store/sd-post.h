/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_POST (sd_post_get_type ())

/* A security post (岗位), of a unit or organisation-wide (unit-id 0). */
G_DECLARE_FINAL_TYPE (SdPost, sd_post, SD, POST, SdItem)

const char *sd_post_get_name               (SdPost *self);
gint64      sd_post_get_unit_id            (SdPost *self);
const char *sd_post_get_post_type          (SdPost *self);
const char *sd_post_get_description        (SdPost *self);
gboolean    sd_post_get_key_post           (SdPost *self);
gboolean    sd_post_get_full_time_required (SdPost *self);
int         sd_post_get_position           (SdPost *self);

G_END_DECLS
