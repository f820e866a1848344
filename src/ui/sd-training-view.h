/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-plan.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_TRAINING_VIEW (sd_training_view_get_type ())

/* The plan's training sessions (date, topic, audience) with their
 * attendance (people of the organisation, ticked in a searchable list
 * grouped by unit, "All of <unit>" in one step), and the coverage against
 * the active staff ("36/40 trained, 90 %, target 100 %") with the list of
 * who is missing. Add, edit, delete with Undo. */
G_DECLARE_FINAL_TYPE (SdTrainingView, sd_training_view, SD, TRAINING_VIEW, GtkWidget)

GtkWidget *sd_training_view_new      (SdStore        *store);
void       sd_training_view_set_plan (SdTrainingView *self,
                                      SdPlan         *plan);

G_END_DECLS
