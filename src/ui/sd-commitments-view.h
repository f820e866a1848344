/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-plan.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_COMMITMENTS_VIEW (sd_commitments_view_get_type ())

/* The confidentiality commitment letters (保密承诺书) of the plan's year:
 * every active person with the date their letter was signed, or
 * "Not signed" (filter: only missing; search; by unit); marking signed
 * (today by default, date editable) and unmarking with Undo; several
 * selected at once; coverage "38/40 signed" against the KPI. */
G_DECLARE_FINAL_TYPE (SdCommitmentsView, sd_commitments_view, SD, COMMITMENTS_VIEW, GtkWidget)

GtkWidget *sd_commitments_view_new      (SdStore           *store);
void       sd_commitments_view_set_plan (SdCommitmentsView *self,
                                         SdPlan            *plan);

G_END_DECLS
