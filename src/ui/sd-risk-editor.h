/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-editor-window.h"
#include "sd-risk.h"

G_BEGIN_DECLS

#define SD_TYPE_RISK_EDITOR (sd_risk_editor_get_type ())

/* Edits a risk of the register: code (unique, pointed out while typed),
 * title, category (or a new one), description, cause, consequence, owner
 * unit and person, the inherent, residual and target ratings, treatment,
 * measures, status and next review date.
 *
 * As in every editor, each field is stored on its own when applied. The
 * ratings of an existing risk are the exception: a change is a re-rating,
 * kept in the risk's history, so the changed ratings are recorded together
 * (one assessment each, reason "Edited", in one transaction) with the
 * group's Record button, or when the window closes.
 *
 * With @risk NULL it makes a new risk, with the next free code suggested,
 * once a code and a title are applied. Returns the window, not yet shown;
 * set its transient parent before presenting it. */
G_DECLARE_FINAL_TYPE (SdRiskEditor, sd_risk_editor, SD, RISK_EDITOR, SdEditorWindow)

GtkWidget *sd_risk_editor_new            (SdStore      *store,
                                          SdRisk       *risk);
/* Records the ratings changed and not yet recorded; FALSE (and a toast) if
 * the store refused. */
gboolean   sd_risk_editor_apply_ratings  (SdRiskEditor *self);

/* The code to suggest for a new risk: the highest numbered code raised by
 * one, keeping its prefix and width ("R-025" → "R-026"), not yet taken;
 * "R-001" when there is none (transfer full). */
char      *sd_risk_suggest_code          (SdStore      *store);

G_END_DECLS
