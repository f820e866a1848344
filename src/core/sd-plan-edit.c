/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-plan-edit"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-meeting.h"
#include "sd-plan-edit-private.h"

typedef struct
{
  const char *code;
  const char *label;      /* English, marked with N_() */
  const char *seed_name;  /* the name in seed 002, which the demo data keeps */
} StreamKind;

static const StreamKind stream_kinds[SD_N_PLAN_STREAMS] = {
  /* Translators: a work stream of the confidentiality plan; 宣传培训 */
  [SD_PLAN_STREAM_PUBLICITY_TRAINING] = { "publicity-training", N_("Publicity and Training"),
                                          "宣传培训" },
  /* Translators: a work stream of the confidentiality plan; 制度建设 */
  [SD_PLAN_STREAM_RULES] = { "rules", N_("Rules"), "制度建设" },
  /* Translators: a work stream of the confidentiality plan; 责任落实 */
  [SD_PLAN_STREAM_RESPONSIBILITY] = { "responsibility", N_("Responsibility"), "责任落实" },
  /* Translators: a work stream of the confidentiality plan; 风险评估 */
  [SD_PLAN_STREAM_RISK_ASSESSMENT] = { "risk-assessment", N_("Risk Assessment"), "风险评估" },
  /* Translators: a work stream of the confidentiality plan; 监督检查 */
  [SD_PLAN_STREAM_INSPECTION] = { "inspection", N_("Supervision and Inspection"), "监督检查" },
  /* Translators: a work stream of the confidentiality plan; 技术手段 */
  [SD_PLAN_STREAM_TECHNICAL] = { "technical", N_("Technical Means"), "技术手段" },
  /* Translators: a work stream of the confidentiality plan; 应急预案 */
  [SD_PLAN_STREAM_EMERGENCY] = { "emergency", N_("Emergency Plans"), "应急预案" },
};

/* Stream kinds */

const char *
sd_plan_stream_kind_to_code (SdPlanStreamKind kind)
{
  g_return_val_if_fail (kind < SD_N_PLAN_STREAMS, NULL);

  return stream_kinds[kind].code;
}

/* Case folded, blanks around it dropped, "_" and " " read as "-", so that
 * "Risk_Assessment " is "risk-assessment" (transfer full). */
static char *
normalize_code (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  char *folded = g_utf8_casefold (stripped, -1);

  for (char *c = folded; *c != '\0'; c++)
    {
      if (*c == '_' || *c == ' ')
        *c = '-';
    }
  return folded;
}

gboolean
sd_plan_stream_kind_from_code (const char       *code,
                               SdPlanStreamKind *kind)
{
  g_autofree char *word = NULL;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (code == NULL)
    return FALSE;
  word = normalize_code (code);
  for (guint i = 0; i < SD_N_PLAN_STREAMS; i++)
    {
      if (g_str_equal (word, stream_kinds[i].code))
        {
          *kind = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
sd_plan_stream_kind_label (SdPlanStreamKind kind)
{
  g_return_val_if_fail (kind < SD_N_PLAN_STREAMS, "");

  return g_dgettext (GETTEXT_PACKAGE, stream_kinds[kind].label);
}

/* Whether @name is the default name of @kind in English, in the current
 * language or as the seed writes it (a plan made in one language and
 * read in another). */
static gboolean
is_default_name (SdPlanStreamKind  kind,
                 const char       *name)
{
  g_autofree char *word = NULL;
  g_autofree char *english = NULL;
  g_autofree char *translated = NULL;

  if (name == NULL)
    return FALSE;
  word = normalize_code (name);
  english = normalize_code (stream_kinds[kind].label);
  translated = normalize_code (sd_plan_stream_kind_label (kind));
  return g_str_equal (word, english) || g_str_equal (word, translated) ||
         g_str_equal (word, stream_kinds[kind].seed_name);
}

/* The kind whose code or default name @value is. */
gboolean
sd_plan_stream_kind_from_value (const char       *value,
                                SdPlanStreamKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (sd_plan_stream_kind_from_code (value, kind))
    return TRUE;
  for (guint i = 0; i < SD_N_PLAN_STREAMS; i++)
    {
      if (is_default_name (i, value))
        {
          *kind = i;
          return TRUE;
        }
    }
  return FALSE;
}

static int
compare_streams (gconstpointer a,
                 gconstpointer b)
{
  SdPlanStream *x = *(SdPlanStream **) a;
  SdPlanStream *y = *(SdPlanStream **) b;
  int px = sd_plan_stream_get_position (x), py = sd_plan_stream_get_position (y);
  gint64 ix = sd_item_get_id (SD_ITEM (x)), iy = sd_item_get_id (SD_ITEM (y));

  if (px != py)
    return px < py ? -1 : 1;
  return ix < iy ? -1 : ix > iy;
}

/* The streams of @plan by (position, id), borrowed from the store's list
 * (transfer container). */
static GPtrArray *
streams_of_plan (SdStore *store,
                 SdPlan  *plan)
{
  GListModel *model = sd_store_get_items (store, SD_TYPE_PLAN_STREAM);
  gint64 plan_id = sd_item_get_id (SD_ITEM (plan));
  guint n = g_list_model_get_n_items (model);
  GPtrArray *streams = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPlanStream) stream = g_list_model_get_item (model, i);

      if (sd_plan_stream_get_plan_id (stream) == plan_id)
        g_ptr_array_add (streams, stream);
    }
  g_ptr_array_sort (streams, compare_streams);
  return streams;
}

SdPlanStream *
sd_plan_find_stream (SdStore    *store,
                     SdPlan     *plan,
                     const char *code_or_name)
{
  g_autoptr(GPtrArray) streams = NULL;
  SdPlanStreamKind kind;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_PLAN (plan), NULL);

  if (code_or_name == NULL || *code_or_name == '\0')
    return NULL;

  /* A stream's own name first: a user who renamed a stream means it. */
  streams = streams_of_plan (store, plan);
  for (guint i = 0; i < streams->len; i++)
    {
      if (g_strcmp0 (sd_plan_stream_get_name (streams->pdata[i]), code_or_name) == 0)
        return streams->pdata[i];
    }

  if (!sd_plan_stream_kind_from_value (code_or_name, &kind))
    return NULL;

  /* Then the stream that still has the kind's default name, wherever it
   * has moved; then, for a stream that was renamed, the one in the kind's
   * place. */
  for (guint i = 0; i < streams->len; i++)
    {
      if (is_default_name (kind, sd_plan_stream_get_name (streams->pdata[i])))
        return streams->pdata[i];
    }
  if (kind < streams->len)
    {
      SdPlanStream *stream = streams->pdata[kind];
      SdPlanStreamKind other;

      /* Unless its name is the default of another kind, moved here. */
      if (!sd_plan_stream_kind_from_value (sd_plan_stream_get_name (stream), &other))
        return stream;
    }
  return NULL;
}

/* Plans */

static SdPlan *
plan_of_year (SdStore *store,
              int      year)
{
  GListModel *plans = sd_store_get_items (store, SD_TYPE_PLAN);
  guint n = g_list_model_get_n_items (plans);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPlan) plan = g_list_model_get_item (plans, i);

      if (sd_plan_get_year (plan) == year)
        return plan;
    }
  return NULL;
}

static gboolean
check_year_free (SdStore  *store,
                 int       year,
                 GError  **error)
{
  if (plan_of_year (store, year) == NULL)
    return TRUE;
  g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT,
               /* Translators: %d is a year. */
               _("There is a plan for %d already"), year);
  return FALSE;
}

SdPlan *
sd_plan_create (SdStore  *store,
                int       year,
                GError  **error)
{
  SdPlan *plan;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_year_free (store, year, error))
    return NULL;

  if (!sd_store_begin (store, error))
    return NULL;
  plan = sd_store_insert (store, SD_TYPE_PLAN, error, "year", year, NULL);
  if (plan == NULL)
    goto fail;

  /* The names are stored, in the language of the moment, like the demo
   * data's: a stream is the user's to rename, and a name must not change
   * with the language of whoever opens the file next. */
  for (guint i = 0; i < SD_N_PLAN_STREAMS; i++)
    {
      if (!sd_store_insert (store, SD_TYPE_PLAN_STREAM, error,
                            "plan-id", sd_item_get_id (SD_ITEM (plan)),
                            "name", sd_plan_stream_kind_label (i),
                            "position", (int) i,
                            NULL))
        goto fail;
    }

  if (!sd_store_commit (store, error))
    return NULL;
  return plan;

fail:
  sd_store_rollback (store);
  return NULL;
}

/* @date ("YYYY-MM-DD") one year on; 29 February becomes the 28th. NULL
 * stays NULL, and text that is not such a date is kept as it is rather
 * than lost (transfer full). */
static char *
next_year_date (const char *date)
{
  int year, month, day;

  if (date == NULL)
    return NULL;
  if (strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return g_strdup (date);
  for (guint i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
        return g_strdup (date);
    }
  year = atoi (date) + 1;
  month = atoi (date + 5);
  day = atoi (date + 8);
  if (month == 2 && day == 29 && !g_date_is_leap_year (year))
    day = 28;
  if (!g_date_valid_dmy (day, month, year))
    return g_strdup (date);
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

static gboolean
is_unfinished (SdPlanTask *task)
{
  const char *status = sd_plan_task_get_status (task);

  return g_strcmp0 (status, "done") != 0 && g_strcmp0 (status, "cancelled") != 0;
}

SdPlan *
sd_plan_copy_to_next_year (SdStore  *store,
                           SdPlan   *plan,
                           GError  **error)
{
  g_autoptr(GPtrArray) streams = NULL;
  g_autoptr(GHashTable) new_stream_ids = NULL;   /* old stream → new id */
  g_autoptr(GPtrArray) tasks = NULL;
  GListModel *model;
  gint64 plan_id;
  gint64 next_id;
  SdPlan *next;
  int year;
  guint n;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  year = sd_plan_get_year (plan) + 1;
  if (!check_year_free (store, year, error))
    return NULL;

  plan_id = sd_item_get_id (SD_ITEM (plan));
  streams = streams_of_plan (store, plan);
  /* The tasks are collected before the copies join the store's list. */
  tasks = g_ptr_array_new_with_free_func (g_object_unref);
  model = sd_store_get_items (store, SD_TYPE_PLAN_TASK);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPlanTask) task = g_list_model_get_item (model, i);

      if (sd_plan_task_get_plan_id (task) == plan_id)
        g_ptr_array_add (tasks, g_steal_pointer (&task));
    }

  if (!sd_store_begin (store, error))
    return NULL;

  next = sd_store_insert (store, SD_TYPE_PLAN, error,
                          "year", year,
                          "goal", sd_plan_get_goal (plan),
                          "policy", sd_plan_get_policy (plan),
                          NULL);
  if (next == NULL)
    goto fail;
  next_id = sd_item_get_id (SD_ITEM (next));

  new_stream_ids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  for (guint i = 0; i < streams->len; i++)
    {
      SdPlanStream *stream = streams->pdata[i];
      SdPlanStream *copy;
      gint64 copy_id;

      copy = sd_store_insert (store, SD_TYPE_PLAN_STREAM, error,
                              "plan-id", next_id,
                              "name", sd_plan_stream_get_name (stream),
                              "position", sd_plan_stream_get_position (stream),
                              NULL);
      if (copy == NULL)
        goto fail;
      copy_id = sd_item_get_id (SD_ITEM (copy));
      g_hash_table_insert (new_stream_ids, stream, g_memdup2 (&copy_id, sizeof copy_id));
    }

  for (guint i = 0; i < tasks->len; i++)
    {
      SdPlanTask *task = tasks->pdata[i];
      SdPlanStream *stream = NULL;
      gint64 *stream_id = NULL;
      g_autofree char *start_date = NULL;
      g_autofree char *end_date = NULL;

      /* A cancelled task was dropped on purpose: it does not come back. */
      if (g_strcmp0 (sd_plan_task_get_status (task), "cancelled") == 0)
        continue;
      start_date = next_year_date (sd_plan_task_get_start_date (task));
      end_date = next_year_date (sd_plan_task_get_end_date (task));

      if (sd_plan_task_get_stream_id (task) != 0)
        stream = sd_store_lookup (store, SD_TYPE_PLAN_STREAM, sd_plan_task_get_stream_id (task));
      if (stream != NULL)
        stream_id = g_hash_table_lookup (new_stream_ids, stream);

      if (!sd_store_insert (store, SD_TYPE_PLAN_TASK, error,
                            "plan-id", next_id,
                            "stream-id", stream_id != NULL ? *stream_id : (gint64) 0,
                            "title", sd_plan_task_get_title (task),
                            "owner-unit-id", sd_plan_task_get_owner_unit_id (task),
                            "owner-person-id", sd_plan_task_get_owner_person_id (task),
                            "start-month", sd_plan_task_get_start_month (task),
                            "end-month", sd_plan_task_get_end_month (task),
                            "start-date", start_date,
                            "end-date", end_date,
                            "status", "planned",
                            "progress", 0,
                            "carried-over", is_unfinished (task),
                            "position", sd_plan_task_get_position (task),
                            NULL))
        goto fail;
    }

  if (!sd_store_commit (store, error))
    return NULL;
  return next;

fail:
  sd_store_rollback (store);
  return NULL;
}

/* Tasks */

static int
compare_tasks (gconstpointer a,
               gconstpointer b)
{
  SdPlanTask *x = *(SdPlanTask **) a;
  SdPlanTask *y = *(SdPlanTask **) b;
  int px = sd_plan_task_get_position (x), py = sd_plan_task_get_position (y);
  gint64 ix = sd_item_get_id (SD_ITEM (x)), iy = sd_item_get_id (SD_ITEM (y));

  if (px != py)
    return px < py ? -1 : 1;
  return ix < iy ? -1 : ix > iy;
}

/* The tasks of one stream of a plan (stream 0: those without one), by
 * (position, id), borrowed from the store's list (transfer container). */
static GPtrArray *
tasks_of_stream (SdStore *store,
                 gint64   plan_id,
                 gint64   stream_id)
{
  GListModel *model = sd_store_get_items (store, SD_TYPE_PLAN_TASK);
  guint n = g_list_model_get_n_items (model);
  GPtrArray *tasks = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPlanTask) task = g_list_model_get_item (model, i);

      if (sd_plan_task_get_plan_id (task) == plan_id &&
          sd_plan_task_get_stream_id (task) == stream_id)
        g_ptr_array_add (tasks, task);
    }
  g_ptr_array_sort (tasks, compare_tasks);
  return tasks;
}

SdPlanTask *
sd_decision_make_task (SdStore       *store,
                       SdDecision    *decision,
                       SdPlanStream  *stream,
                       int            start_month,
                       int            end_month,
                       GError       **error)
{
  g_autoptr(GPtrArray) siblings = NULL;
  SdMeeting *meeting;
  SdPlanTask *task;
  gint64 plan_id;
  gint64 stream_id;
  int position = 0;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_DECISION (decision), NULL);
  g_return_val_if_fail (stream == NULL || SD_IS_PLAN_STREAM (stream), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (sd_decision_get_task_id (decision) != 0)
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT,
                           _("This decision has already become a task"));
      return NULL;
    }
  if (start_month < 1 || end_month > 12 || start_month > end_month)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT,
                   /* Translators: %d are months, 1 to 12. */
                   _("A task cannot run from month %d to month %d"), start_month, end_month);
      return NULL;
    }
  meeting = sd_store_lookup (store, SD_TYPE_MEETING, sd_decision_get_meeting_id (decision));
  if (meeting == NULL)
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                           _("The meeting of this decision no longer exists"));
      return NULL;
    }
  plan_id = sd_meeting_get_plan_id (meeting);
  if (stream != NULL && sd_plan_stream_get_plan_id (stream) != plan_id)
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT,
                           _("The work stream belongs to another year’s plan"));
      return NULL;
    }

  /* The new task goes last in its stream. */
  stream_id = stream != NULL ? sd_item_get_id (SD_ITEM (stream)) : 0;
  siblings = tasks_of_stream (store, plan_id, stream_id);
  if (siblings->len > 0)
    position = sd_plan_task_get_position (siblings->pdata[siblings->len - 1]) + 1;

  if (!sd_store_begin (store, error))
    return NULL;
  task = sd_store_insert (store, SD_TYPE_PLAN_TASK, error,
                          "plan-id", plan_id,
                          "stream-id", stream_id,
                          "title", sd_decision_get_text (decision),
                          "start-month", start_month,
                          "end-month", end_month,
                          "status", "planned",
                          "progress", 0,
                          "position", position,
                          NULL);
  if (task == NULL ||
      !sd_store_update (store, decision, error,
                        "task-id", sd_item_get_id (SD_ITEM (task)),
                        NULL))
    {
      sd_store_rollback (store);
      return NULL;
    }
  if (!sd_store_commit (store, error))
    return NULL;
  return task;
}

static gboolean
set_position (SdStore     *store,
              SdPlanTask  *task,
              int          position,
              GError     **error)
{
  if (sd_plan_task_get_position (task) == position)
    return TRUE;
  return sd_store_update (store, task, error, "position", position, NULL);
}

gboolean
sd_plan_task_move (SdStore     *store,
                   SdPlanTask  *task,
                   int          delta,
                   GError     **error)
{
  g_autoptr(GPtrArray) tasks = NULL;
  gboolean ties = FALSE;
  guint index;
  guint other;
  int a, b;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (SD_IS_PLAN_TASK (task), FALSE);
  g_return_val_if_fail (delta == -1 || delta == 1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tasks = tasks_of_stream (store, sd_plan_task_get_plan_id (task),
                           sd_plan_task_get_stream_id (task));
  if (!g_ptr_array_find (tasks, task, &index))
    return TRUE;
  /* Already first or last: nothing to do, which is not an error. */
  if ((delta < 0 && index == 0) || (delta > 0 && index + 1 >= tasks->len))
    return TRUE;
  other = index + delta;

  for (guint i = 1; i < tasks->len && !ties; i++)
    ties = sd_plan_task_get_position (tasks->pdata[i - 1]) ==
           sd_plan_task_get_position (tasks->pdata[i]);

  if (!sd_store_begin (store, error))
    return FALSE;
  /* Tasks imported or copied together may share a position; swapping two
   * equal positions would change nothing, so the stream is numbered 0, 1,
   * 2, … first, keeping its order. */
  if (ties)
    {
      for (guint i = 0; i < tasks->len; i++)
        {
          if (!set_position (store, tasks->pdata[i], (int) i, error))
            goto fail;
        }
    }
  a = sd_plan_task_get_position (tasks->pdata[index]);
  b = sd_plan_task_get_position (tasks->pdata[other]);
  if (!set_position (store, tasks->pdata[index], b, error) ||
      !set_position (store, tasks->pdata[other], a, error))
    goto fail;
  return sd_store_commit (store, error);

fail:
  sd_store_rollback (store);
  return FALSE;
}
