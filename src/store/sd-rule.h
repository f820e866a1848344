/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_RULE (sd_rule_get_type ())

/* An incompatibility rule (不相容岗位): two post types, or two posts, that one person may not hold
 * together. */
G_DECLARE_FINAL_TYPE (SdRule, sd_rule, SD, RULE, SdItem)

const char *sd_rule_get_post_type_a (SdRule *self);
const char *sd_rule_get_post_type_b (SdRule *self);
gint64      sd_rule_get_post_a_id   (SdRule *self);
gint64      sd_rule_get_post_b_id   (SdRule *self);
const char *sd_rule_get_reason      (SdRule *self);
const char *sd_rule_get_source      (SdRule *self);

G_END_DECLS
