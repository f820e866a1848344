/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-item.h"

G_BEGIN_DECLS

#define SD_TYPE_FINDING (sd_finding_get_type ())

/* A finding of an inspection, with its rectification deadline and status. */
G_DECLARE_FINAL_TYPE (SdFinding, sd_finding, SD, FINDING, SdItem)

gint64      sd_finding_get_inspection_id         (SdFinding *self);
gint64      sd_finding_get_unit_id               (SdFinding *self);
const char *sd_finding_get_description           (SdFinding *self);
const char *sd_finding_get_severity              (SdFinding *self);
gint64      sd_finding_get_responsible_person_id (SdFinding *self);
const char *sd_finding_get_deadline              (SdFinding *self);
const char *sd_finding_get_status                (SdFinding *self);
const char *sd_finding_get_evidence              (SdFinding *self);
const char *sd_finding_get_closed_on             (SdFinding *self);

G_END_DECLS
