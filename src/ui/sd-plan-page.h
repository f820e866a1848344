/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-plan.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_PLAN_PAGE (sd_plan_page_get_type ())

/* The annual confidentiality plan of one year: its header (the year, new
 * plan, copy to next year, the plan editor), the year summary against the
 * KPIs, and its views: tasks by work stream (added, edited, deleted with
 * Undo, moved within their stream), the timeline, meetings, inspections,
 * training and commitment letters; PDF, printing, CSV and meeting mode
 * ("plan.*" actions). A year without a plan shows how to make one. */
G_DECLARE_FINAL_TYPE (SdPlanPage, sd_plan_page, SD, PLAN_PAGE, AdwBin)

GtkWidget *sd_plan_page_new       (SdStore    *store);
SdStore   *sd_plan_page_get_store (SdPlanPage *self);
SdPlan    *sd_plan_page_get_plan  (SdPlanPage *self);
void       sd_plan_page_set_plan  (SdPlanPage *self,
                                   SdPlan     *plan);

G_END_DECLS
