/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_UNIT (sd_unit_get_type ())

/* A unit of the organisation (组织单元): company, department or section. */
G_DECLARE_FINAL_TYPE (SdUnit, sd_unit, SD, UNIT, SdItem)

const char *sd_unit_get_name        (SdUnit *self);
const char *sd_unit_get_kind        (SdUnit *self);
gint64      sd_unit_get_parent_id   (SdUnit *self);
gint64      sd_unit_get_head_id     (SdUnit *self);
int         sd_unit_get_staff_count (SdUnit *self);
int         sd_unit_get_position    (SdUnit *self);

G_END_DECLS
