/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_POST_HOLDER (sd_post_holder_get_type ())

/* A person holding a post, as its primary holder or a deputy. */
G_DECLARE_FINAL_TYPE (SdPostHolder, sd_post_holder, SD, POST_HOLDER, SdItem)

gint64      sd_post_holder_get_post_id    (SdPostHolder *self);
gint64      sd_post_holder_get_person_id  (SdPostHolder *self);
gboolean    sd_post_holder_get_is_primary (SdPostHolder *self);
const char *sd_post_holder_get_since      (SdPostHolder *self);

G_END_DECLS
