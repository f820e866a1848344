/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <gio/gio.h>

#include "sd-finding.h"
#include "sd-plan.h"
#include "sd-plan-task.h"
#include "sd-store.h"

G_BEGIN_DECLS

/*
 * Statistics of an annual plan, as the plan page shows them. Pure
 * functions over the store's items: no I/O, and "today" is always passed
 * in, so that the results do not depend on the clock of the machine.
 */

typedef struct
{
  guint n_tasks;          /* tasks of the plan; cancelled ones are not counted */
  guint n_done;
  guint n_in_progress;
  guint n_planned;
  guint n_cancelled;
  guint n_overdue;        /* see sd_plan_task_is_overdue() */
  guint n_findings;       /* findings of the plan's inspections */
  guint n_open_findings;  /* of those, the ones not closed yet */
  guint n_closed_findings;
  guint n_overdue_findings;   /* see sd_finding_is_overdue() */
  /* Coverage against the organisation's active staff (people whose
   * "active" is set), KPI 100 % (004 4.4.2, 5.2.1). */
  guint n_active_people;
  guint n_trained;            /* active people who attended a training of the plan */
  guint n_committed;          /* active people with a commitment letter of the plan's year */
} SdPlanStats;

/* The KPI targets the summary shows each figure against, in percent. */
#define SD_PLAN_KPI_TASKS_DONE       100
#define SD_PLAN_KPI_RECTIFICATION    100
#define SD_PLAN_KPI_TRAINING         100
#define SD_PLAN_KPI_COMMITMENT       100

/* A finding is overdue when it is not closed and its deadline (YYYY-MM-DD)
 * lies before @today's date; one without a deadline never is. */
gboolean  sd_finding_is_overdue      (SdFinding   *finding,
                                      GDateTime   *today);
/* "7/12": the way the app writes done/total, on screen and in the PDF
 * (transfer full). */
char     *sd_plan_stats_format_ratio (guint        done,
                                      guint        total);
/* Percent of @total (100 when @total is 0: nothing is missing). */
guint     sd_plan_stats_percent      (guint        part,
                                      guint        total);

gboolean  sd_plan_task_is_overdue    (SdPlanTask  *task,
                                      int          plan_year,
                                      GDateTime   *today);
void      sd_plan_stats_compute      (SdStore     *store,
                                      SdPlan      *plan,
                                      GDateTime   *today,
                                      SdPlanStats *out);
SdPlan   *sd_plan_stats_default_plan (GListModel  *plans,
                                      GDateTime   *today);

G_END_DECLS
