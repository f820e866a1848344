/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_PERSON (sd_person_get_type ())

/* A person of the organisation. */
G_DECLARE_FINAL_TYPE (SdPerson, sd_person, SD, PERSON, SdItem)

const char *sd_person_get_name      (SdPerson *self);
gint64      sd_person_get_unit_id   (SdPerson *self);
const char *sd_person_get_job_title (SdPerson *self);
gboolean    sd_person_get_full_time (SdPerson *self);
gboolean    sd_person_get_active    (SdPerson *self);

G_END_DECLS
