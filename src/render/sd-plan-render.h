/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "sd-plan.h"
#include "sd-store.h"
#include "sd-timeline.h"

G_BEGIN_DECLS

/* The timeline model of @plan, owning its strings and bars: the plan's
 * streams in position order (tasks without a stream last, under "Other"),
 * tasks by (position, id) within a stream. @today decides late tasks and
 * today's line. */
typedef struct _SdTimelineData SdTimelineData;

SdTimelineData        *sd_timeline_data_new       (SdStore        *store,
                                                   SdPlan         *plan,
                                                   GDateTime      *today);
void                   sd_timeline_data_free      (SdTimelineData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdTimelineData, sd_timeline_data_free)
const SdTimelineModel *sd_timeline_data_get_model (SdTimelineData *data);
/* The task (SdPlanTask, transfer none) of bar @index. */
gpointer               sd_timeline_data_get_task  (SdTimelineData *data,
                                                   guint           index);
int                    sd_timeline_data_find_task (SdTimelineData *data,
                                                   gint64          task_id);

/* The plan (年度计划表) laid out for the review meeting, A4 landscape:
 * title "<year> Confidentiality Work Plan", goal and policy, the summary
 * (tasks done/total as "7/12", overdue, findings closed/total and overdue,
 * training and commitment coverage, each against its KPI), the timeline
 * on one page, the task table by stream (title, owner unit · person,
 * months, status, progress), the findings table (date, kind, unit,
 * description, severity, deadline, status; overdue marked), "Page N of M". */
typedef struct _SdPlanLayout SdPlanLayout;

SdPlanLayout *sd_plan_layout_new         (PangoContext  *context,
                                          SdStore       *store,
                                          SdPlan        *plan,
                                          GDateTime     *today,
                                          double         page_width,
                                          double         page_height);
void          sd_plan_layout_free        (SdPlanLayout  *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdPlanLayout, sd_plan_layout_free)
guint         sd_plan_layout_get_n_pages (SdPlanLayout  *layout);
void          sd_plan_layout_draw_page   (SdPlanLayout  *layout,
                                          cairo_t       *cr,
                                          guint          page);
/* Writes the plan of @year as a PDF (A4 landscape). Fails with
 * SD_STORE_ERROR_NOT_FOUND if there is no plan for @year. */
gboolean      sd_plan_export_pdf         (SdStore       *store,
                                          int            year,
                                          GDateTime     *today,
                                          const char    *path,
                                          GError       **error);

G_END_DECLS
