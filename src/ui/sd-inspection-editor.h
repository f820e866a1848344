/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-editor-window.h"
#include "sd-inspection.h"
#include "sd-plan.h"

G_BEGIN_DECLS

#define SD_TYPE_INSPECTION_EDITOR (sd_inspection_editor_get_type ())

/* Edits an inspection of the annual plan: title, kind (self-check,
 * spot-check, audit), date (YYYY-MM-DD, required) and the unit inspected
 * (none for the whole organisation).
 *
 * With @inspection NULL it makes a new inspection of @plan, dated today
 * unless another date is entered, once the title is applied. Returns the
 * window, not yet shown; set its transient parent before presenting it. */
G_DECLARE_FINAL_TYPE (SdInspectionEditor, sd_inspection_editor, SD, INSPECTION_EDITOR,
                      SdEditorWindow)

GtkWidget *sd_inspection_editor_new (SdStore      *store,
                                     SdInspection *inspection,
                                     SdPlan       *plan);

G_END_DECLS
