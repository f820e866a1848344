/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Translated, user-visible labels for the codes the store keeps
 * (posts.post_type, assignments.role, risks.status, ...). An unknown code
 * is returned as is, so that data from a newer version still shows.
 */

const char *sd_unit_kind_label       (const char *kind);
const char *sd_post_type_label       (const char *post_type);
const char *sd_body_kind_label       (const char *kind);
const char *sd_member_role_label     (const char *role);
const char *sd_raci_label            (const char *role);
const char *sd_raci_short_label      (const char *role);
const char *sd_risk_category_label   (const char *code,
                                      const char *name);
const char *sd_risk_status_label     (const char *status);
const char *sd_risk_treatment_label  (const char *treatment);
const char *sd_task_status_label     (const char *status);
const char *sd_month_label           (int         month);
/* Between the items of an inline list: ", ", or "、" in Chinese. */
const char *sd_list_separator        (void);
const char *sd_meeting_kind_label    (const char *kind);
const char *sd_inspection_kind_label (const char *kind);
const char *sd_finding_status_label  (const char *status);
const char *sd_severity_label        (const char *severity);

G_END_DECLS
