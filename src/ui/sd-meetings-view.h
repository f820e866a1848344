/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-plan.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_MEETINGS_VIEW (sd_meetings_view_get_type ())

/* The plan's review meetings: a list (date, kind, title, attendees, the
 * number of decisions) and, for the selected meeting, its details edited
 * in place: date, kind (quarterly review, coordination, year-end
 * summary), title, attendees (people of the organisation, searchable
 * picker, removable chips), minutes (multi-line), and decisions, each
 * with "Make Task" (sd_decision_make_task, choosing stream and months in
 * a popover) or a link to the task it became. Add meeting (button,
 * Ctrl+N when focused), delete with Undo. An empty state that says what
 * to do. */
G_DECLARE_FINAL_TYPE (SdMeetingsView, sd_meetings_view, SD, MEETINGS_VIEW, GtkWidget)

GtkWidget *sd_meetings_view_new      (SdStore        *store);
void       sd_meetings_view_set_plan (SdMeetingsView *self,
                                      SdPlan         *plan);
/* Adds a meeting of today, quarterly review, selected (for the page's
 * action and tests); returns it (transfer none). */
gpointer   sd_meetings_view_add      (SdMeetingsView *self);

G_END_DECLS
