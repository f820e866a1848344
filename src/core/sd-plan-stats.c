/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-plan-stats"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sd-commitment.h"
#include "sd-finding.h"
#include "sd-inspection.h"
#include "sd-person.h"
#include "sd-plan-stats.h"
#include "sd-training.h"
#include "sd-training-attendance.h"

static gboolean
status_is_final (const char *status)
{
  return g_strcmp0 (status, "done") == 0 || g_strcmp0 (status, "cancelled") == 0;
}

/* Parses "YYYY-MM-DD" (exactly that form) into @date; FALSE for anything
 * else, including dates that do not exist. */
static gboolean
parse_iso_date (const char *text,
                GDate      *date)
{
  int year, month, day;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
        return FALSE;
    }
  year = atoi (text);
  month = atoi (text + 5);
  day = atoi (text + 8);
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static void
date_of_day (GDateTime *today,
             GDate     *date)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (today), g_date_time_get_month (today),
                  g_date_time_get_year (today));
}

/**
 * sd_plan_task_is_overdue:
 * @task: a task
 * @plan_year: the year of the task's plan
 * @today: the current date
 *
 * A task is overdue when it is neither done nor cancelled and its time is
 * over. A task with an exact end date is due until the end of that day.
 * Otherwise it is due until the end of its end month: it is overdue when
 * its end month lies before the current month of the plan's year, or when
 * the plan's year is past altogether; so a task ending this month is not
 * overdue yet, and a December task is overdue from the 1st of January.
 *
 * Returns: whether @task is overdue
 */
gboolean
sd_plan_task_is_overdue (SdPlanTask *task,
                         int         plan_year,
                         GDateTime  *today)
{
  GDate end, day;
  int year;

  g_return_val_if_fail (SD_IS_PLAN_TASK (task), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  if (status_is_final (sd_plan_task_get_status (task)))
    return FALSE;

  /* An exact date, where the plan gives one, is more precise than the
   * month; a malformed one falls back to the month. */
  if (parse_iso_date (sd_plan_task_get_end_date (task), &end))
    {
      date_of_day (today, &day);
      return g_date_compare (&end, &day) < 0;
    }

  year = g_date_time_get_year (today);
  if (year != plan_year)
    return year > plan_year;

  return sd_plan_task_get_end_month (task) < g_date_time_get_month (today);
}

/**
 * sd_finding_is_overdue:
 * @finding: a finding
 * @today: the current date
 *
 * A finding is overdue when it is not closed and its rectification
 * deadline lies before @today: it may still be rectified on the day of
 * its deadline. A finding without a deadline (or with one that is not a
 * date) is never overdue.
 *
 * Returns: whether @finding is overdue
 */
gboolean
sd_finding_is_overdue (SdFinding *finding,
                       GDateTime *today)
{
  GDate deadline, day;

  g_return_val_if_fail (SD_IS_FINDING (finding), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  if (g_strcmp0 (sd_finding_get_status (finding), "closed") == 0)
    return FALSE;
  if (!parse_iso_date (sd_finding_get_deadline (finding), &deadline))
    return FALSE;

  date_of_day (today, &day);
  return g_date_compare (&deadline, &day) < 0;
}

/**
 * sd_plan_stats_format_ratio:
 * @done: what is done
 * @total: out of how many
 *
 * Writes a ratio the way the plan's summary shows it, "7/12", the same in
 * every language and in the PDF.
 *
 * Returns: (transfer full): the text
 */
char *
sd_plan_stats_format_ratio (guint done,
                            guint total)
{
  return g_strdup_printf ("%u/%u", done, total);
}

/**
 * sd_plan_stats_percent:
 * @part: a part of @total
 * @total: the whole
 *
 * The percentage, rounded down, so that 99.6 % of a KPI of 100 % does not
 * show as reached. When @total is 0 nothing is missing: 100.
 *
 * Returns: the percentage
 */
guint
sd_plan_stats_percent (guint part,
                       guint total)
{
  if (total == 0)
    return 100;
  return (guint) ((guint64) part * 100 / total);
}

/**
 * sd_plan_stats_compute:
 * @store: the store
 * @plan: a plan of @store
 * @today: the current date
 * @out: (out caller-allocates): the statistics
 *
 * Counts the tasks of @plan by status, its overdue tasks, the findings of
 * its inspections, and how many of the organisation's active people
 * attended one of its trainings and signed a commitment letter for its
 * year. Cancelled tasks are left out of the total, so that "done of total"
 * can reach the total. People who are no longer active count neither in
 * the staff nor as trained or committed: coverage is of today's staff.
 *
 * Each list is walked once and looked up by id, so the cost grows with the
 * size of the database, not with its square.
 */
void
sd_plan_stats_compute (SdStore     *store,
                       SdPlan      *plan,
                       GDateTime   *today,
                       SdPlanStats *out)
{
  GListModel *tasks;
  GListModel *findings;
  GListModel *model;
  g_autoptr(GHashTable) trained = NULL;
  g_autoptr(GHashTable) committed = NULL;
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
      else
        out->n_closed_findings++;
      if (sd_finding_is_overdue (finding, today))
        out->n_overdue_findings++;
    }

  model = sd_store_get_items (store, SD_TYPE_PERSON);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPerson) person = g_list_model_get_item (model, i);

      if (sd_person_get_active (person))
        out->n_active_people++;
    }

  /* A person who attended several trainings counts once; the sets hold
   * the store's own person objects, which it keeps alive. */
  trained = g_hash_table_new (NULL, NULL);
  model = sd_store_get_items (store, SD_TYPE_TRAINING_ATTENDANCE);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdTrainingAttendance) attendance = g_list_model_get_item (model, i);
      SdTraining *training;
      SdPerson *person;

      training = sd_store_lookup (store, SD_TYPE_TRAINING,
                                  sd_training_attendance_get_training_id (attendance));
      if (training == NULL || sd_training_get_plan_id (training) != plan_id)
        continue;
      person = sd_store_lookup (store, SD_TYPE_PERSON,
                                sd_training_attendance_get_person_id (attendance));
      if (person != NULL && sd_person_get_active (person))
        g_hash_table_add (trained, person);
    }
  out->n_trained = g_hash_table_size (trained);

  committed = g_hash_table_new (NULL, NULL);
  model = sd_store_get_items (store, SD_TYPE_COMMITMENT);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdCommitment) commitment = g_list_model_get_item (model, i);
      SdPerson *person;

      if (sd_commitment_get_year (commitment) != plan_year)
        continue;
      person = sd_store_lookup (store, SD_TYPE_PERSON, sd_commitment_get_person_id (commitment));
      if (person != NULL && sd_person_get_active (person))
        g_hash_table_add (committed, person);
    }
  out->n_committed = g_hash_table_size (committed);
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
