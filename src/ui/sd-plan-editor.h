/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-editor-window.h"
#include "sd-plan.h"
#include "sd-plan-stream.h"

G_BEGIN_DECLS

#define SD_TYPE_PLAN_EDITOR (sd_plan_editor_get_type ())

/* Edits an annual plan: its goal and policy, and its work streams, which
 * can be renamed (applied like any field), added, removed (refused, with
 * the reason, while the stream has tasks; with Undo otherwise) and moved
 * up or down. Returns the window, not yet shown; set its transient parent
 * before presenting it. */
G_DECLARE_FINAL_TYPE (SdPlanEditor, sd_plan_editor, SD, PLAN_EDITOR, SdEditorWindow)

GtkWidget    *sd_plan_editor_new           (SdStore      *store,
                                            SdPlan       *plan);

/* What the rows' buttons do, also for tests. Each returns FALSE, with a
 * toast saying why, when nothing was changed. */
SdPlanStream *sd_plan_editor_add_stream    (SdPlanEditor *self,
                                            const char   *name);
gboolean      sd_plan_editor_remove_stream (SdPlanEditor *self,
                                            SdPlanStream *stream);
gboolean      sd_plan_editor_move_stream   (SdPlanEditor *self,
                                            SdPlanStream *stream,
                                            int           delta);

G_END_DECLS
