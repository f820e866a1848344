/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

/* The annual plan's kinds of record: tasks and findings (see sd-import.h
 * for the columns, sd-import-private.h for how a kind works).
 *
 * Both name the plan by its year (a task's column, a finding's inspection
 * date). A year without a plan gets one, made as the plan page makes it
 * (sd_plan_create(): the seven default work streams, no goal or policy):
 * a user who imports next year's tasks expects them to land in next year's
 * plan, not an error asking to create it first.
 *
 * A row that matches a record already in the database updates it instead
 * of adding a second one, so that a file can be exported, edited in a
 * spreadsheet (statuses, months, deadlines) and imported again: a task is
 * matched by plan, stream and title, a finding by inspection, unit and
 * description. */

#define G_LOG_DOMAIN "sd-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-import-private.h"

#include "sd-finding.h"
#include "sd-inspection.h"
#include "sd-labels.h"
#include "sd-plan.h"
#include "sd-plan-edit-private.h"
#include "sd-plan-stream.h"
#include "sd-plan-task.h"
#include "sd-unit.h"

/* Codes */

static const SdImportCode task_statuses[] = {
  { "planned", "计划|计划中|未开始|待开始|未启动", sd_task_status_label },
  { "in-progress", "进行中|实施中|执行中|推进中|inprogress|ongoing", sd_task_status_label },
  { "done", "已完成|完成|completed|finished", sd_task_status_label },
  { "cancelled", "已取消|取消|canceled", sd_task_status_label },
  { NULL }
};

static const SdImportCode inspection_kinds[] = {
  { "self-check", "自查|自检|selfcheck", sd_inspection_kind_label },
  { "spot-check", "抽查|抽检|spotcheck", sd_inspection_kind_label },
  { "audit", "审计|稽核|第三方审计", sd_inspection_kind_label },
  { NULL }
};

static const SdImportCode severities[] = {
  { "low", "低|轻微", sd_severity_label },
  { "medium", "中|中等", sd_severity_label },
  { "high", "高|严重", sd_severity_label },
  { NULL }
};

static const SdImportCode finding_statuses[] = {
  { "open", "待处理|待整改|未整改|未处理", sd_finding_status_label },
  { "rectifying", "整改中|正在整改|being-rectified", sd_finding_status_label },
  { "closed", "已关闭|关闭|已整改|已销号", sd_finding_status_label },
  { NULL }
};

/* Values */

static const char *
empty_if_null (const char *text)
{
  return text != NULL ? text : "";
}

/* A whole number from @min to @max, written with ASCII digits and,
 * optionally, one of the units a spreadsheet user adds ("3月", "80%"). */
static gboolean
parse_number (const char *text,
              const char *units,
              int         min,
              int         max,
              int        *number)
{
  g_autofree char *digits = g_strdup (text);
  g_auto(GStrv) suffixes = g_strsplit (units, "|", -1);
  char *end = NULL;
  gint64 value;

  g_strstrip (digits);
  for (guint i = 0; suffixes[i] != NULL; i++)
    {
      if (*suffixes[i] != '\0' && g_str_has_suffix (digits, suffixes[i]))
        {
          digits[strlen (digits) - strlen (suffixes[i])] = '\0';
          break;
        }
    }
  if (!g_ascii_isdigit (*digits))
    return FALSE;
  value = g_ascii_strtoll (digits, &end, 10);
  if (*end != '\0' || value < min || value > max)
    return FALSE;
  *number = (int) value;
  return TRUE;
}

/* "YYYY-MM-DD", a date that exists. */
static gboolean
parse_date (const char *text,
            int        *year)
{
  int y, m, d;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
        return FALSE;
    }
  y = (int) g_ascii_strtoll (text, NULL, 10);
  m = (int) g_ascii_strtoll (text + 5, NULL, 10);
  d = (int) g_ascii_strtoll (text + 8, NULL, 10);
  if (y < 1900 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  if (year != NULL)
    *year = y;
  return TRUE;
}

/* An enumerated value, with @fallback for an empty cell. */
static const char *
check_code_or (SdImport           *import,
               SdCsvRecord        *record,
               guint               column,
               const SdImportCode *codes,
               const char         *fallback)
{
  if (*sd_import_field (import, record, column) == '\0')
    return fallback;
  return sd_import_check_code (import, record, column, codes, FALSE);
}

/* Plans by year: those of the database, and those the import creates. */

static GHashTable *
plans_by_year (GPtrArray *plans)
{
  GHashTable *table = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < plans->len; i++)
    g_hash_table_insert (table, GINT_TO_POINTER (sd_plan_get_year (plans->pdata[i])),
                         plans->pdata[i]);
  return table;
}

/* The plan of @year, created when the database has none yet. */
static SdPlan *
plan_for_year (SdImport    *import,
               GHashTable  *by_year,
               int          year,
               GError     **error)
{
  SdPlan *plan = g_hash_table_lookup (by_year, GINT_TO_POINTER (year));

  if (plan != NULL)
    return plan;
  plan = sd_plan_create (import->store, year, error);
  if (plan != NULL)
    g_hash_table_insert (by_year, GINT_TO_POINTER (year), plan);
  return plan;
}

static gint64
id_or_zero (gpointer item)
{
  return item != NULL ? sd_item_get_id (SD_ITEM (item)) : 0;
}

/* Tasks */

enum
{
  TASK_YEAR,
  TASK_STREAM,
  TASK_TITLE,
  TASK_OWNER_UNIT,
  TASK_START_MONTH,
  TASK_END_MONTH,
  TASK_STATUS,
  TASK_PROGRESS,
};

static const SdImportColumn task_columns[] = {
  [TASK_YEAR] = { "year", "年度|年份|计划年度" },
  [TASK_STREAM] = { "stream", "工作类别|类别|工作方向|专项工作|工作板块" },
  [TASK_TITLE] = { "title", "任务|任务名称|工作任务|工作内容|标题" },
  [TASK_OWNER_UNIT] = { "owner_unit", "责任单位|责任部门|牵头部门|负责部门|单位|部门" },
  [TASK_START_MONTH] = { "start_month", "开始月份|开始月|起始月份" },
  [TASK_END_MONTH] = { "end_month", "结束月份|结束月|完成月份|截止月份" },
  [TASK_STATUS] = { "status", "状态|任务状态" },
  [TASK_PROGRESS] = { "progress", "进度|完成进度|完成率" },
  { NULL }
};

typedef struct
{
  SdCsvRecord  *record;
  int           year;
  SdPlan       *plan;         /* an existing plan, or NULL: created */
  const char   *stream_name;  /* the cell, NULL if empty */
  SdPlanStream *stream;       /* the stream of an existing plan */
  const char   *title;
  SdUnit       *owner_unit;
  int           start_month;
  int           end_month;
  const char   *status;
  int           progress;
  SdPlanTask   *existing;     /* the task this row updates */
} TaskRow;

typedef struct
{
  GPtrArray  *plans;       /* SdPlan: keeps what the rows point to alive */
  GPtrArray  *streams;     /* SdPlanStream */
  GPtrArray  *tasks;       /* SdPlanTask */
  GHashTable *by_year;     /* year → SdPlan (borrowed) */
  GArray     *rows;        /* TaskRow, in the order of the file */
} TaskPlan;

static void
task_plan_free (gpointer data)
{
  TaskPlan *plan = data;

  g_array_unref (plan->rows);
  g_hash_table_unref (plan->by_year);
  g_ptr_array_unref (plan->tasks);
  g_ptr_array_unref (plan->streams);
  g_ptr_array_unref (plan->plans);
  g_free (plan);
}

static char *
task_key (gint64      plan_id,
          gint64      stream_id,
          const char *title)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%s",
                          plan_id, stream_id, title);
}

static char *
stream_codes (void)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < SD_N_PLAN_STREAMS; i++)
    g_string_append_printf (codes, "%s%s", i > 0 ? ", " : "", sd_plan_stream_kind_to_code (i));
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

/* Reads the stream cell of @row: a stream of its plan, or, for a plan the
 * import creates, a kind of default stream. */
static void
check_task_stream (SdImport   *import,
                   GHashTable *resolved,
                   TaskRow    *row)
{
  const char *value = sd_import_field (import, row->record, TASK_STREAM);
  g_autofree char *key = NULL;
  gpointer found;
  SdPlanStreamKind kind;
  gboolean known;

  if (*value == '\0')
    return;
  row->stream_name = value;

  if (row->plan != NULL)
    {
      /* The same few streams appear on every row: resolve each once. */
      key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", id_or_zero (row->plan), value);
      if (!g_hash_table_lookup_extended (resolved, key, NULL, &found))
        {
          found = sd_plan_find_stream (import->store, row->plan, value);
          g_hash_table_insert (resolved, g_steal_pointer (&key), found);
        }
      row->stream = found;
      known = found != NULL;
    }
  else
    {
      known = sd_plan_stream_kind_from_value (value, &kind);
    }

  if (!known)
    {
      g_autofree char *codes = stream_codes ();

      sd_import_add_error (import, row->record->line,
                           /* Translators: the first %s is a value, %d a year, the last %s
                            * the list of stream codes. */
                           _("unknown work stream “%s” in the plan for %d: write a stream’s "
                             "name or one of %s"),
                           value, row->year, codes);
    }
}

static void
check_tasks (SdImport *import)
{
  GPtrArray *records = import->records;
  TaskPlan *plan = g_new0 (TaskPlan, 1);
  g_autoptr(GHashTable) existing = NULL;   /* task_key → GPtrArray of SdPlanTask */
  g_autoptr(GHashTable) resolved = NULL;   /* "plan/value" → SdPlanStream or NULL */
  g_autoptr(GHashTable) lines = NULL;      /* "year/stream/title" → line */

  import->plan = plan;
  plan->plans = sd_import_snapshot (import->store, SD_TYPE_PLAN);
  plan->streams = sd_import_snapshot (import->store, SD_TYPE_PLAN_STREAM);
  plan->tasks = sd_import_snapshot (import->store, SD_TYPE_PLAN_TASK);
  plan->by_year = plans_by_year (plan->plans);
  plan->rows = g_array_sized_new (FALSE, TRUE, sizeof (TaskRow), records->len);

  existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < plan->tasks->len; i++)
    {
      SdPlanTask *task = plan->tasks->pdata[i];
      char *key = task_key (sd_plan_task_get_plan_id (task), sd_plan_task_get_stream_id (task),
                            sd_plan_task_get_title (task));
      GPtrArray *same = g_hash_table_lookup (existing, key);

      if (same == NULL)
        {
          same = g_ptr_array_new ();
          g_hash_table_insert (existing, key, same);
        }
      else
        {
          g_free (key);
        }
      g_ptr_array_add (same, task);
    }
  resolved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < records->len; i++)
    {
      SdCsvRecord *record = records->pdata[i];
      const char *year = sd_import_field (import, record, TASK_YEAR);
      const char *unit = sd_import_field (import, record, TASK_OWNER_UNIT);
      const char *start = sd_import_field (import, record, TASK_START_MONTH);
      const char *end = sd_import_field (import, record, TASK_END_MONTH);
      const char *progress = sd_import_field (import, record, TASK_PROGRESS);
      TaskRow row = { record, 0 };
      gboolean year_ok, months_ok = TRUE, stream_ok;
      guint n_errors;

      year_ok = parse_number (year, "年", 1900, 9999, &row.year);
      if (*year == '\0')
        sd_import_add_error (import, record->line, _("no value in column “%s”"),
                             sd_import_column_name (import, TASK_YEAR));
      else if (!year_ok)
        sd_import_add_error (import, record->line,
                             /* Translators: the first %s is the value, the second the column. */
                             _("bad year “%s” in column “%s”: expected a year such as 2027"),
                             year, sd_import_column_name (import, TASK_YEAR));
      n_errors = import->errors->len;
      if (year_ok)
        {
          row.plan = g_hash_table_lookup (plan->by_year, GINT_TO_POINTER (row.year));
          check_task_stream (import, resolved, &row);
        }
      stream_ok = year_ok && import->errors->len == n_errors;

      row.title = sd_import_check_name (import, record, TASK_TITLE);
      if (*unit != '\0')
        row.owner_unit = sd_import_resolve_unit (import, record->line, unit);

      if (!parse_number (start, "月", 1, 12, &row.start_month))
        {
          sd_import_add_error (import, record->line,
                               /* Translators: the first %s is the value, the second the column. */
                               _("bad month “%s” in column “%s”: expected 1 to 12"),
                               start, sd_import_column_name (import, TASK_START_MONTH));
          months_ok = FALSE;
        }
      if (!parse_number (end, "月", 1, 12, &row.end_month))
        {
          sd_import_add_error (import, record->line,
                               _("bad month “%s” in column “%s”: expected 1 to 12"),
                               end, sd_import_column_name (import, TASK_END_MONTH));
          months_ok = FALSE;
        }
      if (months_ok && row.start_month > row.end_month)
        sd_import_add_error (import, record->line,
                             /* Translators: %d are months, 1 to 12. */
                             _("the task starts in month %d, after it ends (month %d)"),
                             row.start_month, row.end_month);

      row.status = check_code_or (import, record, TASK_STATUS, task_statuses, "planned");
      if (*progress == '\0')
        row.progress = 0;
      else if (!parse_number (progress, "%|％", 0, 100, &row.progress))
        sd_import_add_error (import, record->line,
                             /* Translators: the first %s is the value, the second the column. */
                             _("bad progress “%s” in column “%s”: "
                               "expected a whole number from 0 to 100"),
                             progress, sd_import_column_name (import, TASK_PROGRESS));

      if (stream_ok && row.title != NULL)
        {
          g_autofree char *line_key = NULL;
          gpointer other;

          /* A task is its plan, stream and title: twice in one file would
           * be two versions of one task. */
          if (row.plan != NULL)
            line_key = g_strdup_printf ("%d/s%" G_GINT64_FORMAT "/%s", row.year,
                                        id_or_zero (row.stream), row.title);
          else
            {
              SdPlanStreamKind kind = SD_N_PLAN_STREAMS;

              if (row.stream_name != NULL)
                sd_plan_stream_kind_from_value (row.stream_name, &kind);
              line_key = g_strdup_printf ("%d/k%d/%s", row.year, (int) kind, row.title);
            }
          if (g_hash_table_lookup_extended (lines, line_key, NULL, &other))
            sd_import_add_error (import, record->line,
                                 /* Translators: %s is a task's title, %u a line. */
                                 _("duplicate task “%s”: already on line %u"), row.title,
                                 GPOINTER_TO_UINT (other));
          else
            g_hash_table_insert (lines, g_steal_pointer (&line_key),
                                 GUINT_TO_POINTER (record->line));

          if (row.plan != NULL)
            {
              g_autofree char *key = task_key (id_or_zero (row.plan), id_or_zero (row.stream),
                                               row.title);
              GPtrArray *same = g_hash_table_lookup (existing, key);

              if (same != NULL && same->len > 1)
                sd_import_add_error (import, record->line,
                                     /* Translators: %s is a task's title, %u a count. */
                                     _("ambiguous task “%s”: %u tasks of this work stream "
                                       "have this title"),
                                     row.title, same->len);
              else if (same != NULL)
                row.existing = same->pdata[0];
            }
        }
      g_array_append_val (plan->rows, row);
    }
}

/* Adds @name = @value to the changes. */
static void
add_int (GPtrArray  *names,
         GArray     *values,
         const char *name,
         GType       type,
         gint64      value)
{
  GValue *slot;

  g_ptr_array_add (names, (gpointer) name);
  g_array_set_size (values, values->len + 1);
  slot = &g_array_index (values, GValue, values->len - 1);
  g_value_init (slot, type);
  if (type == G_TYPE_INT64)
    g_value_set_int64 (slot, value);
  else
    g_value_set_int (slot, (int) value);
}

static void
add_string (GPtrArray  *names,
            GArray     *values,
            const char *name,
            const char *value)
{
  GValue *slot;

  g_ptr_array_add (names, (gpointer) name);
  g_array_set_size (values, values->len + 1);
  slot = &g_array_index (values, GValue, values->len - 1);
  g_value_init (slot, G_TYPE_STRING);
  g_value_set_string (slot, value);
}

static void
clear_value (gpointer data)
{
  g_value_unset (data);
}

/* Applies @names = @values to @item, if there is anything to change: an
 * unchanged record gets no audit entry. */
static gboolean
apply_changes (SdImport   *import,
               gpointer    item,
               GPtrArray  *names,
               GArray     *values,
               GError    **error)
{
  if (names->len == 0)
    return TRUE;
  return sd_store_updatev (import->store, item, names->len, (const char **) names->pdata,
                           (const GValue *) values->data, error);
}

static gboolean
update_task (SdImport  *import,
             TaskRow   *row,
             GError   **error)
{
  SdPlanTask *task = row->existing;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  gint64 unit_id = id_or_zero (row->owner_unit);

  g_array_set_clear_func (values, clear_value);
  if (sd_plan_task_get_owner_unit_id (task) != unit_id)
    add_int (names, values, "owner-unit-id", G_TYPE_INT64, unit_id);
  /* New months replace the exact dates within the old ones, which the
   * file does not carry and which would contradict them. */
  if (sd_plan_task_get_start_month (task) != row->start_month)
    {
      add_int (names, values, "start-month", G_TYPE_INT, row->start_month);
      if (sd_plan_task_get_start_date (task) != NULL)
        add_string (names, values, "start-date", NULL);
    }
  if (sd_plan_task_get_end_month (task) != row->end_month)
    {
      add_int (names, values, "end-month", G_TYPE_INT, row->end_month);
      if (sd_plan_task_get_end_date (task) != NULL)
        add_string (names, values, "end-date", NULL);
    }
  if (g_strcmp0 (sd_plan_task_get_status (task), row->status) != 0)
    add_string (names, values, "status", row->status);
  if (sd_plan_task_get_progress (task) != row->progress)
    add_int (names, values, "progress", G_TYPE_INT, row->progress);
  return apply_changes (import, task, names, values, error);
}

static char *
position_key (gint64 plan_id,
              gint64 stream_id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, plan_id, stream_id);
}

static gboolean
write_tasks (SdImport  *import,
             GError   **error)
{
  TaskPlan *plan = import->plan;
  /* "plan/stream" → the next free position, as a pointer-sized int. */
  g_autoptr(GHashTable) next_position = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                               g_free, NULL);

  for (guint i = 0; i < plan->tasks->len; i++)
    {
      SdPlanTask *task = plan->tasks->pdata[i];
      g_autofree char *key = position_key (sd_plan_task_get_plan_id (task),
                                           sd_plan_task_get_stream_id (task));
      int next = GPOINTER_TO_INT (g_hash_table_lookup (next_position, key));

      next = MAX (next, sd_plan_task_get_position (task) + 1);
      g_hash_table_insert (next_position, g_steal_pointer (&key), GINT_TO_POINTER (next));
    }

  for (guint i = 0; i < plan->rows->len; i++)
    {
      TaskRow *row = &g_array_index (plan->rows, TaskRow, i);
      g_autofree char *key = NULL;
      SdPlanStream *stream = row->stream;
      SdPlan *year_plan;
      int position;

      if (row->existing != NULL)
        {
          if (!update_task (import, row, error))
            return FALSE;
          continue;
        }

      year_plan = plan_for_year (import, plan->by_year, row->year, error);
      if (year_plan == NULL)
        return FALSE;
      if (stream == NULL && row->stream_name != NULL)
        {
          /* A plan created just now: check_tasks() made sure the name is
           * one of its default streams. */
          stream = sd_plan_find_stream (import->store, year_plan, row->stream_name);
          if (stream == NULL)
            {
              g_set_error (error, SD_IMPORT_ERROR, SD_IMPORT_ERROR_INVALID,
                           _("unknown work stream “%s” in the plan for %d"),
                           row->stream_name, row->year);
              return FALSE;
            }
        }

      /* New tasks go last in their stream, in the order of the file. */
      key = position_key (id_or_zero (year_plan), id_or_zero (stream));
      position = GPOINTER_TO_INT (g_hash_table_lookup (next_position, key));
      g_hash_table_insert (next_position, g_steal_pointer (&key), GINT_TO_POINTER (position + 1));

      if (!sd_store_insert (import->store, SD_TYPE_PLAN_TASK, error,
                            "plan-id", id_or_zero (year_plan),
                            "stream-id", id_or_zero (stream),
                            "title", row->title,
                            "owner-unit-id", id_or_zero (row->owner_unit),
                            "start-month", row->start_month,
                            "end-month", row->end_month,
                            "status", row->status,
                            "progress", row->progress,
                            "position", position,
                            NULL))
        return FALSE;
    }
  import->n_imported = plan->rows->len;
  return TRUE;
}

static int
compare_by_position (int    px,
                     int    py,
                     gint64 ix,
                     gint64 iy)
{
  if (px != py)
    return px < py ? -1 : 1;
  return ix < iy ? -1 : ix > iy;
}

static int
compare_plans (gconstpointer a,
               gconstpointer b)
{
  int x = sd_plan_get_year (*(SdPlan **) a);
  int y = sd_plan_get_year (*(SdPlan **) b);

  return x < y ? -1 : x > y;
}

static int
compare_streams (gconstpointer a,
                 gconstpointer b)
{
  SdPlanStream *x = *(SdPlanStream **) a;
  SdPlanStream *y = *(SdPlanStream **) b;

  return compare_by_position (sd_plan_stream_get_position (x), sd_plan_stream_get_position (y),
                              sd_item_get_id (SD_ITEM (x)), sd_item_get_id (SD_ITEM (y)));
}

static int
compare_tasks (gconstpointer a,
               gconstpointer b)
{
  SdPlanTask *x = *(SdPlanTask **) a;
  SdPlanTask *y = *(SdPlanTask **) b;

  return compare_by_position (sd_plan_task_get_position (x), sd_plan_task_get_position (y),
                              sd_item_get_id (SD_ITEM (x)), sd_item_get_id (SD_ITEM (y)));
}

static gint64
task_stream_id (gpointer task)
{
  return sd_plan_task_get_stream_id (task);
}

static gint64
task_plan_id (gpointer task)
{
  return sd_plan_task_get_plan_id (task);
}

static gint64
stream_plan_id (gpointer stream)
{
  return sd_plan_stream_get_plan_id (stream);
}

/* What the export writes for @stream: the code of its kind while it is
 * the stream that code finds (language-neutral, and a plan created by the
 * import has it too), else its name (transfer full). */
static char *
stream_value (SdStore      *store,
              SdPlan       *plan,
              SdPlanStream *stream)
{
  const char *name = sd_plan_stream_get_name (stream);
  SdPlanStreamKind kind;

  if (sd_plan_stream_kind_from_value (name, &kind) &&
      sd_plan_find_stream (store, plan, sd_plan_stream_kind_to_code (kind)) == stream)
    return g_strdup (sd_plan_stream_kind_to_code (kind));
  return g_strdup (name);
}

static void
export_task (SdStore    *store,
             SdPlan     *plan,
             SdPlanTask *task,
             const char *stream,
             GString    *out)
{
  char year[16], start[4], end[4], progress[8];

  g_snprintf (year, sizeof year, "%d", sd_plan_get_year (plan));
  g_snprintf (start, sizeof start, "%d", sd_plan_task_get_start_month (task));
  g_snprintf (end, sizeof end, "%d", sd_plan_task_get_end_month (task));
  g_snprintf (progress, sizeof progress, "%d", sd_plan_task_get_progress (task));
  sd_import_append_row (out,
                        year,
                        stream,
                        sd_plan_task_get_title (task),
                        sd_import_unit_name (store, sd_plan_task_get_owner_unit_id (task)),
                        start,
                        end,
                        sd_plan_task_get_status (task),
                        progress,
                        NULL);
}

/* Plan by plan in the order of the years, each plan's streams in their
 * order, each stream's tasks in theirs, and the tasks without a stream
 * last: the order the plan page shows, which an import into an empty
 * database makes again. */
static void
export_tasks (SdStore *store,
              GString *out)
{
  g_autoptr(GPtrArray) plans = sd_import_snapshot (store, SD_TYPE_PLAN);
  g_autoptr(GPtrArray) streams = sd_import_snapshot (store, SD_TYPE_PLAN_STREAM);
  g_autoptr(GPtrArray) tasks = sd_import_snapshot (store, SD_TYPE_PLAN_TASK);
  g_autoptr(GHashTable) streams_by_plan = NULL;
  g_autoptr(GHashTable) tasks_by_stream = NULL;
  g_autoptr(GHashTable) tasks_by_plan = NULL;

  g_ptr_array_sort (plans, compare_plans);
  g_ptr_array_sort (streams, compare_streams);
  g_ptr_array_sort (tasks, compare_tasks);
  streams_by_plan = sd_import_group_by (streams, stream_plan_id);
  tasks_by_stream = sd_import_group_by (tasks, task_stream_id);
  tasks_by_plan = sd_import_group_by (tasks, task_plan_id);

  for (guint i = 0; i < plans->len; i++)
    {
      SdPlan *plan = plans->pdata[i];
      gint64 plan_id = sd_item_get_id (SD_ITEM (plan));
      GPtrArray *own_streams = g_hash_table_lookup (streams_by_plan, &plan_id);
      GPtrArray *own_tasks = g_hash_table_lookup (tasks_by_plan, &plan_id);
      g_autoptr(GHashTable) written = g_hash_table_new (NULL, NULL);

      for (guint j = 0; own_streams != NULL && j < own_streams->len; j++)
        {
          SdPlanStream *stream = own_streams->pdata[j];
          gint64 stream_id = sd_item_get_id (SD_ITEM (stream));
          GPtrArray *list = g_hash_table_lookup (tasks_by_stream, &stream_id);
          g_autofree char *value = stream_value (store, plan, stream);

          for (guint k = 0; list != NULL && k < list->len; k++)
            {
              SdPlanTask *task = list->pdata[k];

              /* A task in another plan's stream is not this stream's. */
              if (sd_plan_task_get_plan_id (task) != plan_id)
                continue;
              export_task (store, plan, task, value, out);
              g_hash_table_add (written, task);
            }
        }

      for (guint k = 0; own_tasks != NULL && k < own_tasks->len; k++)
        {
          if (!g_hash_table_contains (written, own_tasks->pdata[k]))
            export_task (store, plan, own_tasks->pdata[k], "", out);
        }
    }
}

const SdImportKind sd_import_tasks_kind = {
  "tasks", task_columns, check_tasks, write_tasks, export_tasks, task_plan_free
};

/* Findings */

enum
{
  FINDING_INSPECTION_DATE,
  FINDING_KIND,
  FINDING_UNIT,
  FINDING_DESCRIPTION,
  FINDING_SEVERITY,
  FINDING_DEADLINE,
  FINDING_STATUS,
};

static const SdImportColumn finding_columns[] = {
  [FINDING_INSPECTION_DATE] = { "inspection_date", "检查日期|日期" },
  [FINDING_KIND] = { "kind", "检查类型|检查方式|类型" },
  [FINDING_UNIT] = { "unit", "被检查单位|责任单位|单位|部门" },
  [FINDING_DESCRIPTION] = { "description", "问题描述|发现问题|问题|描述" },
  [FINDING_SEVERITY] = { "severity", "严重程度|严重性|等级|级别" },
  [FINDING_DEADLINE] = { "deadline", "整改期限|整改时限|期限|截止日期" },
  [FINDING_STATUS] = { "status", "状态|整改状态" },
  { NULL }
};

typedef struct
{
  SdCsvRecord  *record;
  const char   *date;
  int           year;
  const char   *kind;
  SdUnit       *unit;
  const char   *description;
  const char   *severity;
  const char   *deadline;     /* NULL if empty */
  const char   *status;
  SdInspection *inspection;   /* an existing inspection, or NULL: created */
  SdFinding    *existing;     /* the finding this row updates */
} FindingRow;

typedef struct
{
  GPtrArray  *plans;         /* SdPlan: keeps what the rows point to alive */
  GPtrArray  *inspections;   /* SdInspection */
  GPtrArray  *findings;      /* SdFinding */
  GHashTable *by_year;       /* year → SdPlan (borrowed) */
  GArray     *rows;          /* FindingRow, in the order of the file */
} FindingPlan;

static void
finding_plan_free (gpointer data)
{
  FindingPlan *plan = data;

  g_array_unref (plan->rows);
  g_hash_table_unref (plan->by_year);
  g_ptr_array_unref (plan->findings);
  g_ptr_array_unref (plan->inspections);
  g_ptr_array_unref (plan->plans);
  g_free (plan);
}

static char *
inspection_key (gint64      plan_id,
                const char *date,
                const char *kind)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%s/%s", plan_id, date, kind);
}

static char *
finding_key (gint64      inspection_id,
             gint64      unit_id,
             const char *description)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%s",
                          inspection_id, unit_id, description);
}

static void
check_findings (SdImport *import)
{
  GPtrArray *records = import->records;
  FindingPlan *plan = g_new0 (FindingPlan, 1);
  g_autoptr(GHashTable) inspections = NULL;   /* inspection_key → SdInspection */
  g_autoptr(GHashTable) existing = NULL;      /* finding_key → GPtrArray of SdFinding */
  g_autoptr(GHashTable) lines = NULL;         /* "date/kind/unit/description" → line */

  import->plan = plan;
  plan->plans = sd_import_snapshot (import->store, SD_TYPE_PLAN);
  plan->inspections = sd_import_snapshot (import->store, SD_TYPE_INSPECTION);
  plan->findings = sd_import_snapshot (import->store, SD_TYPE_FINDING);
  plan->by_year = plans_by_year (plan->plans);
  plan->rows = g_array_sized_new (FALSE, TRUE, sizeof (FindingRow), records->len);

  /* A plan's inspection of a date and kind: the first, if there are
   * several, as the export writes them all under the same date and kind. */
  inspections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < plan->inspections->len; i++)
    {
      SdInspection *inspection = plan->inspections->pdata[i];
      char *key = inspection_key (sd_inspection_get_plan_id (inspection),
                                  sd_inspection_get_date (inspection),
                                  sd_inspection_get_kind (inspection));

      if (g_hash_table_contains (inspections, key))
        g_free (key);
      else
        g_hash_table_insert (inspections, key, inspection);
    }

  existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < plan->findings->len; i++)
    {
      SdFinding *finding = plan->findings->pdata[i];
      char *key = finding_key (sd_finding_get_inspection_id (finding),
                               sd_finding_get_unit_id (finding),
                               sd_finding_get_description (finding));
      GPtrArray *same = g_hash_table_lookup (existing, key);

      if (same == NULL)
        {
          same = g_ptr_array_new ();
          g_hash_table_insert (existing, key, same);
        }
      else
        {
          g_free (key);
        }
      g_ptr_array_add (same, finding);
    }
  lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < records->len; i++)
    {
      SdCsvRecord *record = records->pdata[i];
      const char *date = sd_import_field (import, record, FINDING_INSPECTION_DATE);
      const char *unit = sd_import_field (import, record, FINDING_UNIT);
      const char *deadline = sd_import_field (import, record, FINDING_DEADLINE);
      FindingRow row = { record, NULL };
      gboolean unit_ok = TRUE;

      if (*date == '\0')
        sd_import_add_error (import, record->line, _("no value in column “%s”"),
                             sd_import_column_name (import, FINDING_INSPECTION_DATE));
      else if (!parse_date (date, &row.year))
        sd_import_add_error (import, record->line,
                             /* Translators: the first %s is the value, the second the column;
                              * YYYY-MM-DD is the form of a date, as in 2026-11-30. */
                             _("bad date “%s” in column “%s”: expected a date such as "
                               "2026-11-30 (YYYY-MM-DD)"),
                             date, sd_import_column_name (import, FINDING_INSPECTION_DATE));
      else
        row.date = date;

      row.kind = sd_import_check_code (import, record, FINDING_KIND, inspection_kinds, FALSE);
      if (*unit != '\0')
        {
          row.unit = sd_import_resolve_unit (import, record->line, unit);
          unit_ok = row.unit != NULL;
        }
      row.description = sd_import_check_name (import, record, FINDING_DESCRIPTION);
      row.severity = check_code_or (import, record, FINDING_SEVERITY, severities, "medium");
      if (*deadline != '\0')
        {
          if (parse_date (deadline, NULL))
            row.deadline = deadline;
          else
            sd_import_add_error (import, record->line,
                                 _("bad date “%s” in column “%s”: expected a date such as "
                                   "2026-11-30 (YYYY-MM-DD)"),
                                 deadline, sd_import_column_name (import, FINDING_DEADLINE));
        }
      row.status = check_code_or (import, record, FINDING_STATUS, finding_statuses, "open");

      if (row.date != NULL && row.kind != NULL && unit_ok && row.description != NULL)
        {
          SdPlan *year_plan = g_hash_table_lookup (plan->by_year, GINT_TO_POINTER (row.year));
          g_autofree char *line_key = g_strdup_printf ("%s/%s/%" G_GINT64_FORMAT "/%s",
                                                       row.date, row.kind,
                                                       id_or_zero (row.unit),
                                                       row.description);
          gpointer other;

          if (g_hash_table_lookup_extended (lines, line_key, NULL, &other))
            sd_import_add_error (import, record->line,
                                 /* Translators: %s is a finding's description, %u a line. */
                                 _("duplicate finding “%s”: already on line %u"),
                                 row.description, GPOINTER_TO_UINT (other));
          else
            g_hash_table_insert (lines, g_steal_pointer (&line_key),
                                 GUINT_TO_POINTER (record->line));

          if (year_plan != NULL)
            {
              g_autofree char *key = inspection_key (id_or_zero (year_plan), row.date,
                                                     row.kind);

              row.inspection = g_hash_table_lookup (inspections, key);
            }
          if (row.inspection != NULL)
            {
              g_autofree char *key = finding_key (id_or_zero (row.inspection),
                                                  id_or_zero (row.unit), row.description);
              GPtrArray *same = g_hash_table_lookup (existing, key);

              if (same != NULL && same->len > 1)
                sd_import_add_error (import, record->line,
                                     /* Translators: %s is a finding's description, %u a
                                      * count. */
                                     _("ambiguous finding “%s”: %u findings of this "
                                       "inspection and unit have this description"),
                                     row.description, same->len);
              else if (same != NULL)
                row.existing = same->pdata[0];
            }
        }
      g_array_append_val (plan->rows, row);
    }
}

static gboolean
update_finding (SdImport    *import,
                FindingRow  *row,
                GError     **error)
{
  SdFinding *finding = row->existing;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));

  g_array_set_clear_func (values, clear_value);
  if (g_strcmp0 (sd_finding_get_severity (finding), row->severity) != 0)
    add_string (names, values, "severity", row->severity);
  if (g_strcmp0 (empty_if_null (sd_finding_get_deadline (finding)),
                 empty_if_null (row->deadline)) != 0)
    add_string (names, values, "deadline", row->deadline);
  if (g_strcmp0 (sd_finding_get_status (finding), row->status) != 0)
    add_string (names, values, "status", row->status);
  return apply_changes (import, finding, names, values, error);
}

static gboolean
write_findings (SdImport  *import,
                GError   **error)
{
  FindingPlan *plan = import->plan;
  /* The inspections created by this import, by plan, date and kind. */
  g_autoptr(GHashTable) created = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < plan->rows->len; i++)
    {
      FindingRow *row = &g_array_index (plan->rows, FindingRow, i);
      SdInspection *inspection = row->inspection;

      if (row->existing != NULL)
        {
          if (!update_finding (import, row, error))
            return FALSE;
          continue;
        }

      if (inspection == NULL)
        {
          SdPlan *year_plan = plan_for_year (import, plan->by_year, row->year, error);
          g_autofree char *key = NULL;

          if (year_plan == NULL)
            return FALSE;
          key = inspection_key (id_or_zero (year_plan), row->date, row->kind);
          inspection = g_hash_table_lookup (created, key);
          if (inspection == NULL)
            {
              /* The file says nothing of the inspection but its date and
               * kind; its title and unit are left for the user to fill in. */
              inspection = sd_store_insert (import->store, SD_TYPE_INSPECTION, error,
                                            "plan-id", id_or_zero (year_plan),
                                            "kind", row->kind,
                                            "date", row->date,
                                            NULL);
              if (inspection == NULL)
                return FALSE;
              g_hash_table_insert (created, g_steal_pointer (&key), inspection);
            }
        }

      if (!sd_store_insert (import->store, SD_TYPE_FINDING, error,
                            "inspection-id", id_or_zero (inspection),
                            "unit-id", id_or_zero (row->unit),
                            "description", row->description,
                            "severity", row->severity,
                            "deadline", row->deadline,
                            "status", row->status,
                            NULL))
        return FALSE;
    }
  import->n_imported = plan->rows->len;
  return TRUE;
}

typedef struct
{
  SdFinding    *finding;
  SdInspection *inspection;
} ExportedFinding;

static int
compare_exported_findings (gconstpointer a,
                           gconstpointer b)
{
  const ExportedFinding *x = a, *y = b;
  int by_date = g_strcmp0 (sd_inspection_get_date (x->inspection),
                           sd_inspection_get_date (y->inspection));
  gint64 ix, iy;

  if (by_date != 0)
    return by_date;
  ix = sd_item_get_id (SD_ITEM (x->inspection));
  iy = sd_item_get_id (SD_ITEM (y->inspection));
  if (ix != iy)
    return ix < iy ? -1 : 1;
  ix = sd_item_get_id (SD_ITEM (x->finding));
  iy = sd_item_get_id (SD_ITEM (y->finding));
  return ix < iy ? -1 : ix > iy;
}

/* Inspection by inspection in the order of their dates, each one's
 * findings in the order they were recorded. */
static void
export_findings (SdStore *store,
                 GString *out)
{
  g_autoptr(GPtrArray) findings = sd_import_snapshot (store, SD_TYPE_FINDING);
  g_autoptr(GArray) rows = g_array_sized_new (FALSE, FALSE, sizeof (ExportedFinding),
                                              findings->len);

  for (guint i = 0; i < findings->len; i++)
    {
      ExportedFinding row = { findings->pdata[i], NULL };

      row.inspection = sd_store_lookup (store, SD_TYPE_INSPECTION,
                                        sd_finding_get_inspection_id (row.finding));
      if (row.inspection != NULL)
        g_array_append_val (rows, row);
    }
  g_array_sort (rows, compare_exported_findings);

  for (guint i = 0; i < rows->len; i++)
    {
      ExportedFinding *row = &g_array_index (rows, ExportedFinding, i);

      sd_import_append_row (out,
                            sd_inspection_get_date (row->inspection),
                            sd_inspection_get_kind (row->inspection),
                            sd_import_unit_name (store, sd_finding_get_unit_id (row->finding)),
                            sd_finding_get_description (row->finding),
                            sd_finding_get_severity (row->finding),
                            empty_if_null (sd_finding_get_deadline (row->finding)),
                            sd_finding_get_status (row->finding),
                            NULL);
    }
}

const SdImportKind sd_import_findings_kind = {
  "findings", finding_columns, check_findings, write_findings, export_findings,
  finding_plan_free
};
