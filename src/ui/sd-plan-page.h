/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-plan.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_PLAN_PAGE (sd_plan_page_get_type ())

/* The annual confidentiality plan, month by month (read-only for now). */
G_DECLARE_FINAL_TYPE (SdPlanPage, sd_plan_page, SD, PLAN_PAGE, AdwBin)

GtkWidget *sd_plan_page_new       (SdStore    *store);
SdStore   *sd_plan_page_get_store (SdPlanPage *self);
SdPlan    *sd_plan_page_get_plan  (SdPlanPage *self);
void       sd_plan_page_set_plan  (SdPlanPage *self,
                                   SdPlan     *plan);

G_END_DECLS
