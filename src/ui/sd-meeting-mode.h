/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-plan.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_MEETING_MODE (sd_meeting_mode_get_type ())

/* Meeting mode: the plan walked through stream by stream on the meeting
 * room's projector (the page shows it instead of itself and calls
 * sd_window_set_presenting()). Slides: first the summary (the year's
 * figures against their KPIs), then one per work stream (its tasks with
 * owner, months, status and progress; late tasks marked), then the
 * overdue list, then the open findings (overdue marked). Large type (the
 * smallest text ≥ 1/40 of the screen height), high contrast. Keyboard:
 * Right/Page Down/Space next, Left/Page Up previous, Home/End first/last,
 * a number key jumps to a stream, F5/Escape emit ::leave; a status
 * change of the selected task (Up/Down select, D done, P in progress) is
 * recorded at once. A footer shows "3 / 10" and the slide's title. */
G_DECLARE_FINAL_TYPE (SdMeetingMode, sd_meeting_mode, SD, MEETING_MODE, GtkWidget)

GtkWidget *sd_meeting_mode_new         (SdStore       *store);
/* Starts at the summary slide. */
void       sd_meeting_mode_start       (SdMeetingMode *self,
                                        SdPlan        *plan);
guint      sd_meeting_mode_get_slide   (SdMeetingMode *self);
guint      sd_meeting_mode_get_n_slides (SdMeetingMode *self);

/* Signals:
 *   ::leave ()
 */

G_END_DECLS
