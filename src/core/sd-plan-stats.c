/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-plan-stats"

#include "config.h"

#include <string.h>

#include "sd-finding.h"
#include "sd-inspection.h"
#include "sd-plan-stats.h"

static gboolean
status_is_final (const char *status)
{
  return g_strcmp0 (status, "done") == 0 || g_strcmp0 (status, "cancelled") == 0;
}

/**
 * sd_plan_task_is_overdue:
 * @task: a task
 * @plan_year: the year of the task's plan
 * @today: the current date
 *
 * A task is overdue when it is neither done nor cancelled and its last
 * month is over: its end month lies before the current month of the
 * plan's year, or the plan's year is past altogether. A task is due until
 * the end of its end month, so a task ending this month is not overdue.
 *
 * Returns: whether @task is overdue
 */
gboolean
sd_plan_task_is_overdue (SdPlanTask *task,
                         int         plan_year,
                         GDateTime  *today)
{
  int year;

  g_return_val_if_fail (SD_IS_PLAN_TASK (task), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  if (status_is_final (sd_plan_task_get_status (task)))
    return FALSE;

  year = g_date_time_get_year (today);
  if (year != plan_year)
    return year > plan_year;

  return sd_plan_task_get_end_month (task) < g_date_time_get_month (today);
}

/**
 * sd_plan_stats_compute:
 * @store: the store
 * @plan: a plan of @store
 * @today: the current date
 * @out: (out caller-allocates): the statistics
 *
 * Counts the tasks of @plan by status, its overdue tasks and the findings
 * of its inspections. Cancelled tasks are left out of the total, so that
 * "done of total" can reach the total.
 */
void
sd_plan_stats_compute (SdStore     *store,
                       SdPlan      *plan,
                       GDateTime   *today,
                       SdPlanStats *out)
{
  GListModel *tasks;
  GListModel *findings;
  gint64 plan_id;
  int plan_year;
  guint n;

  g_return_if_fail (out != NULL);
  memset (out, 0, sizeof *out);
  g_return_if_fail (SD_IS_STORE (store));
  g_return_if_fail (SD_IS_PLAN (plan));
  g_return_if_fail (today != NULL);

  plan_id = sd_item_get_id (SD_ITEM (plan));
  plan_year = sd_plan_get_year (plan);

  tasks = sd_store_get_items (store, SD_TYPE_PLAN_TASK);
  n = g_list_model_get_n_items (tasks);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPlanTask) task = g_list_model_get_item (tasks, i);
      const char *status;

      if (sd_plan_task_get_plan_id (task) != plan_id)
        continue;

      status = sd_plan_task_get_status (task);
      if (g_strcmp0 (status, "cancelled") == 0)
        {
          out->n_cancelled++;
          continue;
        }

      out->n_tasks++;
      if (g_strcmp0 (status, "done") == 0)
        out->n_done++;
      else if (g_strcmp0 (status, "in-progress") == 0)
        out->n_in_progress++;
      else
        out->n_planned++;

      if (sd_plan_task_is_overdue (task, plan_year, today))
        out->n_overdue++;
    }

  findings = sd_store_get_items (store, SD_TYPE_FINDING);
  n = g_list_model_get_n_items (findings);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdFinding) finding = g_list_model_get_item (findings, i);
      SdInspection *inspection;

      inspection = sd_store_lookup (store, SD_TYPE_INSPECTION,
                                    sd_finding_get_inspection_id (finding));
      if (inspection == NULL || sd_inspection_get_plan_id (inspection) != plan_id)
        continue;

      out->n_findings++;
      if (g_strcmp0 (sd_finding_get_status (finding), "closed") != 0)
        out->n_open_findings++;
    }
}

/**
 * sd_plan_stats_default_plan:
 * @plans: a list of #SdPlan that holds its items, such as the store's
 * @today: the current date
 *
 * Picks the plan to show first: the plan of the current year, else the
 * plan of the latest year.
 *
 * Returns: (transfer none) (nullable): the plan, or %NULL if @plans is empty
 */
SdPlan *
sd_plan_stats_default_plan (GListModel *plans,
                            GDateTime  *today)
{
  SdPlan *latest = NULL;
  int year;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (plans), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  /* The model keeps a reference to each of its items, so the plans can be
   * handed back without one. */
  year = g_date_time_get_year (today);
  n = g_list_model_get_n_items (plans);
  for (guint i = 0; i < n; i++)
    {
      SdPlan *plan = g_list_model_get_item (plans, i);

      g_object_unref (plan);
      if (sd_plan_get_year (plan) == year)
        return plan;
      if (latest == NULL || sd_plan_get_year (plan) > sd_plan_get_year (latest))
        latest = plan;
    }

  return latest;
}
