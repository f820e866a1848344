/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <gtk/gtk.h>

#include "sd-plan.h"
#include "sd-plan-task.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_TIMELINE_VIEW (sd_timeline_view_get_type ())

/* The plan's year timeline on screen (drawing: src/render/sd-timeline.c,
 * data: sd-plan-render.h's SdTimelineData, rebuilt when tasks, streams or
 * the plan change). Put it in a GtkScrolledWindow: it asks for the height
 * of all its rows.
 *
 * Mouse: hover shows a tooltip (title, stream, owner, months, status,
 * late); a click selects a bar, a double click activates it; dragging a
 * bar's left or right end changes its start or end month, dragging its
 * middle moves both, and on release the task is updated in the store
 * (one edit, start ≤ end kept, exact dates cleared) with a toast offering
 * Undo. Keyboard: Up/Down select the previous/next bar, Enter activates,
 * Shift+Left/Right move the end month, Alt+Left/Right the start month,
 * Ctrl+Left/Right the whole bar. Accessible: focusable, role
 * GTK_ACCESSIBLE_ROLE_GRID, a label summarising the year ("Timeline 2026:
 * 34 tasks, 3 late") and the selected task ("Selected: <title>, Jan – Mar,
 * Done"). */
G_DECLARE_FINAL_TYPE (SdTimelineView, sd_timeline_view, SD, TIMELINE_VIEW, GtkWidget)

GtkWidget  *sd_timeline_view_new               (SdStore        *store);
void        sd_timeline_view_set_plan          (SdTimelineView *self,
                                                SdPlan         *plan);
/* "selected-task" (transfer none), NULL for none. */
SdPlanTask *sd_timeline_view_get_selected_task (SdTimelineView *self);
void        sd_timeline_view_set_selected_task (SdTimelineView *self,
                                                SdPlanTask     *task);
/* What a drag of a bar does, for tests: sets the months of @task as a
 * release would, with the same toast. FALSE (and an error toast) if the
 * store refused. */
gboolean    sd_timeline_view_move_task         (SdTimelineView *self,
                                                SdPlanTask     *task,
                                                int             start_month,
                                                int             end_month);

/* Signals:
 *   ::task-activated (SdPlanTask *task): double click or Enter; the page opens the editor
 */

G_END_DECLS
