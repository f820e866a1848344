/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_ASSIGNMENT (sd_assignment_get_type ())

/* A RACI role of one party (a post, a unit or a body) in one duty. Exactly one of post-id, unit-
 * id and body-id is set. */
G_DECLARE_FINAL_TYPE (SdAssignment, sd_assignment, SD, ASSIGNMENT, SdItem)

gint64      sd_assignment_get_duty_id (SdAssignment *self);
gint64      sd_assignment_get_post_id (SdAssignment *self);
gint64      sd_assignment_get_unit_id (SdAssignment *self);
gint64      sd_assignment_get_body_id (SdAssignment *self);
const char *sd_assignment_get_role    (SdAssignment *self);

G_END_DECLS
