/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <gio/gio.h>

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
} SdPlanStats;

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
