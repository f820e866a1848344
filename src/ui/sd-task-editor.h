/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-editor-window.h"
#include "sd-plan.h"
#include "sd-plan-stream.h"
#include "sd-plan-task.h"

G_BEGIN_DECLS

#define SD_TYPE_TASK_EDITOR (sd_task_editor_get_type ())

/* Edits a task of the annual plan: title, work stream, owner unit and
 * person, the months it runs (start ≤ end, pointed out while chosen) or
 * its exact dates, status (with "Overdue" shown when the task is late),
 * progress, evidence, and whether it was carried over from last year.
 *
 * As in every editor, each field is stored on its own when changed; the
 * two months (or dates) are stored together, and only while the start is
 * not after the end. Changing the months clears exact dates.
 *
 * Returns the window, not yet shown; set its transient parent before
 * presenting it. */
G_DECLARE_FINAL_TYPE (SdTaskEditor, sd_task_editor, SD, TASK_EDITOR, SdEditorWindow)

GtkWidget *sd_task_editor_new          (SdStore      *store,
                                        SdPlanTask   *task);
/* A new task of @plan in @stream (nullable), last in its stream, over the
 * current month (the first, for a plan of another year); it is added when
 * its title is applied. */
GtkWidget *sd_task_editor_new_for_plan (SdStore      *store,
                                        SdPlan       *plan,
                                        SdPlanStream *stream);
/* Chooses the months as the user would (for tests): FALSE, with the
 * message shown, if @start is after @end. */
gboolean   sd_task_editor_set_months   (SdTaskEditor *self,
                                        int           start,
                                        int           end);

G_END_DECLS
