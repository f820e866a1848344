/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_BODY_MEMBER (sd_body_member_get_type ())

/* A seat in a body: leader, deputy leader or member. */
G_DECLARE_FINAL_TYPE (SdBodyMember, sd_body_member, SD, BODY_MEMBER, SdItem)

gint64      sd_body_member_get_body_id   (SdBodyMember *self);
gint64      sd_body_member_get_person_id (SdBodyMember *self);
const char *sd_body_member_get_role      (SdBodyMember *self);

G_END_DECLS
