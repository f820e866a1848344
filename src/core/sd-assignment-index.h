/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-store.h"
#include "sd-assignment.h"
#include "sd-duty.h"

G_BEGIN_DECLS

#define SD_TYPE_ASSIGNMENT_INDEX (sd_assignment_index_get_type ())

/* The assignments of each duty, kept current with the store's model (rebuilt
 * lazily after a change), so that a view can ask "who holds this duty"
 * without walking every assignment. */
G_DECLARE_FINAL_TYPE (SdAssignmentIndex, sd_assignment_index, SD, ASSIGNMENT_INDEX, GObject)

SdAssignmentIndex *sd_assignment_index_new          (SdStore           *store);
/* The assignments of @duty_id, R before A before C before I (transfer none;
 * valid until the next change). Never NULL. */
GPtrArray         *sd_assignment_index_get_for_duty (SdAssignmentIndex *self,
                                                     gint64             duty_id);

/* The name of the party an assignment gives its role to. */
const char        *sd_assignment_get_party_name     (SdStore           *store,
                                                     SdAssignment      *assignment);
/* "R: Security administrator; A: Security director" style summary. */
char              *sd_duty_format_holders           (SdAssignmentIndex *self,
                                                     SdStore           *store,
                                                     gint64             duty_id);

G_END_DECLS
