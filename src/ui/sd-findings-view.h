/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-plan.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_FINDINGS_VIEW (sd_findings_view_get_type ())

/* The plan's inspections (self-check, spot-check, audit; date, unit,
 * title) and their findings (unit, description, severity, responsible
 * person, rectification deadline, status open/rectifying/closed, closing
 * evidence, closed on). A list of findings grouped by inspection, with a
 * filter (open only, overdue only); overdue findings stand out (error
 * style and an icon with a tooltip "Overdue since <date>"). Add an
 * inspection, add a finding to it, edit in an editor window, delete with
 * Undo; "Close Finding…" asks for the evidence and records status closed
 * and today's date. */
G_DECLARE_FINAL_TYPE (SdFindingsView, sd_findings_view, SD, FINDINGS_VIEW, GtkWidget)

GtkWidget *sd_findings_view_new      (SdStore        *store);
void       sd_findings_view_set_plan (SdFindingsView *self,
                                      SdPlan         *plan);

G_END_DECLS
