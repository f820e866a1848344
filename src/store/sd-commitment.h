/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_COMMITMENT (sd_commitment_get_type ())

/* A confidentiality commitment letter (保密承诺书) signed by a person for a year. */
G_DECLARE_FINAL_TYPE (SdCommitment, sd_commitment, SD, COMMITMENT, SdItem)

gint64      sd_commitment_get_person_id (SdCommitment *self);
int         sd_commitment_get_year      (SdCommitment *self);
const char *sd_commitment_get_signed_on (SdCommitment *self);

G_END_DECLS
