/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <cairo.h>

#include "sd-timeline-view.h"

G_BEGIN_DECLS

/* For tests. */

/* The accessible label the widget last set (the summary followed by the
 * selection): GTK 4.8 has no getter for accessible properties. */
const char *sd_timeline_view_get_accessible_label (SdTimelineView    *self);
/* Where the bar of @task is drawn now, in widget coordinates; FALSE if it
 * is not on the timeline. */
gboolean    sd_timeline_view_get_bar_rect         (SdTimelineView    *self,
                                                   SdPlanTask        *task,
                                                   cairo_rectangle_t *rect);
/* The width of one month column, or 0 before the widget has a size. */
double      sd_timeline_view_get_month_width      (SdTimelineView    *self);

G_END_DECLS
