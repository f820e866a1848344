/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-duty-matrix.h"
#include "sd-org-rules.h"
#include "sd-store.h"

G_BEGIN_DECLS

/* The checks of the duty matrix (RACI completeness), reported as
 * SdViolation like the organisation's rules:
 *
 *   duty-without-accountable   a duty with no A          (target: SdDuty)
 *   duty-multiple-accountable  a duty with more than one A (target: SdDuty)
 *   duty-without-responsible   a duty with no R          (target: SdDuty)
 *   party-without-duty         a post or body holding no duty (target: SdPost / SdBody)
 *
 * Sorted by rule, then subject (byte order). Linear in the assignments. */
GPtrArray  *sd_duty_check                 (SdStore            *store);

/* A duty's own problems, as bits. */
typedef enum
{
  SD_DUTY_PROBLEM_NO_ACCOUNTABLE       = 1 << 0,
  SD_DUTY_PROBLEM_MULTIPLE_ACCOUNTABLE = 1 << 1,
  SD_DUTY_PROBLEM_NO_RESPONSIBLE       = 1 << 2,
} SdDutyProblem;

/* The problems of a duty from the cells of its row (all its cells, not
 * only those shown). */
guint       sd_duty_problems_for_cells    (const SdMatrixCell *cells,
                                           guint               n_cells);
/* "No one is accountable; no one is responsible" (transfer full), or NULL
 * for 0. */
char       *sd_duty_problems_describe     (guint               problems);

/* The label of a duty rule id, or NULL for an id that is not one. */
const char *sd_duty_rule_get_label        (const char         *rule_id);

G_END_DECLS
