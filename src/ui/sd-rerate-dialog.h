/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-assessment.h"
#include "sd-risk.h"
#include "sd-risk-rating.h"
#include "sd-store.h"

G_BEGIN_DECLS

/* Called when the re-rating was recorded (@assessment, transfer none) or
 * cancelled/failed (@assessment NULL; a failure was already shown). */
typedef void (*SdRerateDone) (SdAssessment *assessment,
                              gpointer      user_data);

/* Asks for the reason of re-rating @risk's @level to (@likelihood, @impact):
 * an AdwMessageDialog over @parent that shows "R-001: 3×5 = 15 (Major) →
 * 2×5 = 10 (High)" and a reason entry prefilled with @workshop (may be
 * NULL); "Re-rate" (the default, Enter) records it with sd_risk_rerate(),
 * Cancel/Escape records nothing. Errors go to the window's toast overlay
 * (sd_ui_toast_error). Returns the dialog (transfer none), for tests. */
GtkWidget *sd_rerate_dialog_present (GtkWidget    *parent,
                                     SdStore      *store,
                                     SdRisk       *risk,
                                     SdRiskLevel   level,
                                     int           likelihood,
                                     int           impact,
                                     const char   *workshop,
                                     SdRerateDone  done,
                                     gpointer      user_data);

G_END_DECLS
