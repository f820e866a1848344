/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_SIGNOFF (sd_signoff_get_type ())

/* A head's signed acknowledgement (签字确认) of the duties of a unit, with the canonical text it
 * covered and its SHA-256. */
G_DECLARE_FINAL_TYPE (SdSignoff, sd_signoff, SD, SIGNOFF, SdItem)

gint64      sd_signoff_get_unit_id          (SdSignoff *self);
gint64      sd_signoff_get_signer_person_id (SdSignoff *self);
const char *sd_signoff_get_signer_name      (SdSignoff *self);
const char *sd_signoff_get_meaning          (SdSignoff *self);
const char *sd_signoff_get_signed_at        (SdSignoff *self);
const char *sd_signoff_get_canonical_text   (SdSignoff *self);
const char *sd_signoff_get_sha256           (SdSignoff *self);
GBytes *    sd_signoff_get_signature        (SdSignoff *self);

G_END_DECLS
