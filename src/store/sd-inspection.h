/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_INSPECTION (sd_inspection_get_type ())

/* An inspection: self-check, spot-check or audit. */
G_DECLARE_FINAL_TYPE (SdInspection, sd_inspection, SD, INSPECTION, SdItem)

gint64      sd_inspection_get_plan_id (SdInspection *self);
const char *sd_inspection_get_kind    (SdInspection *self);
const char *sd_inspection_get_title   (SdInspection *self);
const char *sd_inspection_get_date    (SdInspection *self);
gint64      sd_inspection_get_unit_id (SdInspection *self);

G_END_DECLS
