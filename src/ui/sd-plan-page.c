/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-plan-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sd-commitment.h"
#include "sd-commitments-view.h"
#include "sd-file-actions.h"
#include "sd-finding.h"
#include "sd-findings-view.h"
#include "sd-inspection.h"
#include "sd-labels.h"
#include "sd-mapped-model.h"
#include "sd-meetings-view.h"
#include "sd-person.h"
#include "sd-plan-page-private.h"
#include "sd-plan-stream.h"
#include "sd-timeline-view.h"
#include "sd-training-attendance.h"
#include "sd-training-view.h"
#include "sd-training.h"
#include "sd-ui.h"
#include "sd-unit.h"

/*
 * The plan page shows the annual plan of one year: its header, the year
 * summary, and the plan's views (tasks, timeline, meetings, inspections,
 * training, commitment letters). The task list is a tree of the plan's
 * streams (SdPlanPageGroup) and their tasks:
 *
 *   streams of the plan ─▶ groups (one per stream, and one for tasks
 *     without a stream) ─▶ shown_groups (the stream filter)
 *     ─▶ GtkTreeListModel ─▶ GtkSingleSelection
 *
 * Each group keeps its tasks in a list store of its own, which
 * sync_tasks() brings up to date after the store's tasks changed: a
 * filter model per group over one shared model would not do, because the
 * tree reads a sibling group while the shared model's change is still on
 * its way to it, and keeps the wrong task in that row.
 *
 * The cells are bound in C rather than with expressions, because rows are
 * either groups or tasks, and a task's owner is looked up in the store by
 * id. Actions (adding, editing, files, meeting mode) are in
 * sd-plan-page-actions.c.
 */

/* A work stream of the plan (or none, stream_id 0): a parent row of the
 * tree, with the plan's tasks in it. Private to the page. */
#define SD_TYPE_PLAN_PAGE_GROUP (sd_plan_page_group_get_type ())

G_DECLARE_FINAL_TYPE (SdPlanPageGroup, sd_plan_page_group, SD, PLAN_PAGE_GROUP, GObject)

struct _SdPlanPageGroup
{
  GObject     parent_instance;

  gint64      stream_id;
  GListStore *tasks;
};

G_DEFINE_FINAL_TYPE (SdPlanPageGroup, sd_plan_page_group, G_TYPE_OBJECT)

static void
sd_plan_page_group_finalize (GObject *object)
{
  SdPlanPageGroup *self = SD_PLAN_PAGE_GROUP (object);

  g_clear_object (&self->tasks);

  G_OBJECT_CLASS (sd_plan_page_group_parent_class)->finalize (object);
}

static void
sd_plan_page_group_class_init (SdPlanPageGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sd_plan_page_group_finalize;
}

static void
sd_plan_page_group_init (SdPlanPageGroup *self)
{
  self->tasks = g_list_store_new (SD_TYPE_PLAN_TASK);
}

static SdPlanPageGroup *
sd_plan_page_group_new (gint64 stream_id)
{
  SdPlanPageGroup *self = g_object_new (SD_TYPE_PLAN_PAGE_GROUP, NULL);

  self->stream_id = stream_id;
  return self;
}

/* Updates a cell whose content depends on more than its own item: on other
 * items looked up by id (stream, owner) or on the plan's year and today's
 * date (overdue). */
typedef void (*CellUpdateFunc) (SdPlanPage  *self,
                                GtkListItem *list_item);

G_DEFINE_FINAL_TYPE (SdPlanPage, sd_plan_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const month_abbreviations[] = {
  NC_("abbreviated month", "Jan"), NC_("abbreviated month", "Feb"),
  NC_("abbreviated month", "Mar"), NC_("abbreviated month", "Apr"),
  NC_("abbreviated month", "May"), NC_("abbreviated month", "Jun"),
  NC_("abbreviated month", "Jul"), NC_("abbreviated month", "Aug"),
  NC_("abbreviated month", "Sep"), NC_("abbreviated month", "Oct"),
  NC_("abbreviated month", "Nov"), NC_("abbreviated month", "Dec"),
};

static const char *
month_abbreviation (int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, "");

  return g_dpgettext2 (NULL, "abbreviated month", month_abbreviations[month - 1]);
}

static gint64
plan_id (SdPlanPage *self)
{
  return self->plan != NULL ? sd_item_get_id (SD_ITEM (self->plan)) : 0;
}

SdPlan *
sd_plan_page_find_plan (SdPlanPage *self,
                        int         year)
{
  GListModel *plans;
  guint n;

  g_return_val_if_fail (SD_IS_PLAN_PAGE (self), NULL);

  plans = sd_store_get_items (self->store, SD_TYPE_PLAN);
  n = g_list_model_get_n_items (plans);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPlan) plan = g_list_model_get_item (plans, i);

      if (sd_plan_get_year (plan) == year)
        return plan;
    }
  return NULL;
}

/* Filters */

static gboolean
stream_filter_func (gpointer item,
                    gpointer user_data)
{
  SdPlanPage *self = user_data;

  return self->plan != NULL && sd_plan_stream_get_plan_id (item) == plan_id (self);
}

static gboolean
contains (const char *text,
          const char *needle)
{
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
task_matches (SdPlanPage *self,
              SdPlanTask *task)
{
  SdUnit *unit;
  SdPerson *person;

  if (self->search == NULL)
    return TRUE;
  if (contains (sd_plan_task_get_title (task), self->search) ||
      contains (sd_plan_task_get_evidence (task), self->search))
    return TRUE;

  unit = sd_store_lookup (self->store, SD_TYPE_UNIT, sd_plan_task_get_owner_unit_id (task));
  person = sd_store_lookup (self->store, SD_TYPE_PERSON,
                            sd_plan_task_get_owner_person_id (task));
  return (unit != NULL && contains (sd_unit_get_name (unit), self->search)) ||
         (person != NULL && contains (sd_person_get_name (person), self->search));
}

/* A stream's group is shown when the stream filter lets it through; while
 * searching, only with tasks found. Tasks without a stream have a group
 * only when there are some. */
static gboolean
group_filter_func (gpointer item,
                   gpointer user_data)
{
  SdPlanPage *self = user_data;
  SdPlanPageGroup *group = item;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (group->tasks));

  if (self->stream_id != 0 && group->stream_id != self->stream_id)
    return FALSE;
  if (group->stream_id == 0 || self->search != NULL)
    return n > 0;
  return TRUE;
}

/* Header and summary */

static void
set_text_row (GtkWidget  *caption,
              GtkLabel   *label,
              const char *text)
{
  gboolean visible = text != NULL && *text != '\0';

  gtk_label_set_text (label, visible ? text : "");
  gtk_widget_set_visible (caption, visible);
  gtk_widget_set_visible (GTK_WIDGET (label), visible);
}

static void
update_header (SdPlanPage *self)
{
  g_autofree char *title = NULL;
  gboolean has_goal, has_policy;

  if (self->plan != NULL)
    /* Translators: the title of the plan page; %d is the plan's year */
    title = g_strdup_printf (_("Confidentiality Work Plan %d"), self->year);
  else
    /* The year is in the empty state's title, which says there is none. */
    title = g_strdup (_("Confidentiality Work Plan"));
  gtk_label_set_text (self->title_label, title);

  if (self->plan == NULL)
    {
      SdPlan *previous = sd_plan_page_find_plan (self, self->year - 1);
      g_autofree char *empty_title = NULL;
      g_autofree char *description = NULL;
      g_autofree char *create = NULL;
      g_autofree char *copy = NULL;

      /* Translators: the title of the plan page without a plan; %d is a year */
      empty_title = g_strdup_printf (_("No Plan for %d"), self->year);
      description = g_strdup_printf (_("The confidentiality work plan of %d appears here: its "
                                       "goal, work streams and tasks, its review meetings, "
                                       "inspections, training and commitment letters, and "
                                       "how far the year has got."),
                                     self->year);
      /* Translators: a button; %d is a year */
      create = g_strdup_printf (_("_Create Plan for %d"), self->year);
      /* Translators: a button that copies last year's plan; %d is that year */
      copy = g_strdup_printf (_("Copy _from %d"), self->year - 1);
      adw_status_page_set_title (self->empty_page, empty_title);
      adw_status_page_set_description (self->empty_page, description);
      gtk_button_set_label (self->create_button, create);
      gtk_button_set_label (self->copy_previous_button, copy);
      gtk_widget_set_visible (GTK_WIDGET (self->copy_previous_button), previous != NULL);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      return;
    }

  set_text_row (self->goal_caption, self->goal_label, sd_plan_get_goal (self->plan));
  set_text_row (self->policy_caption, self->policy_label, sd_plan_get_policy (self->plan));
  has_goal = gtk_widget_get_visible (self->goal_caption);
  has_policy = gtk_widget_get_visible (self->policy_caption);
  gtk_widget_set_visible (self->goal_grid, has_goal || has_policy);
  gtk_stack_set_visible_child_name (self->content_stack, "plan");
}

static void
set_tile (SdPlanPage *self,
          SdPlanTile  tile,
          const char *value,
          const char *detail,
          const char *tooltip,
          const char *style)
{
  SdPlanSummaryTile *t = &self->tiles[tile];
  g_autofree char *description = NULL;

  gtk_label_set_text (t->value, value);
  gtk_label_set_text (t->detail, detail);
  gtk_widget_set_tooltip_text (t->box, tooltip);
  gtk_widget_remove_css_class (GTK_WIDGET (t->value), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (t->value), "error");
  gtk_widget_remove_css_class (t->box, "shortfall");
  if (style != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (t->value), style);
      gtk_widget_add_css_class (t->box, "shortfall");
    }

  /* A screen reader reads the tile as one: "Tasks done: 7/12, 58 % ·
   * target 100 %". */
  description = g_strdup_printf ("%s, %s. %s", value, detail, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (t->box),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void refresh_live_cells (SdPlanPage *self);

void
sd_plan_page_update_summary (SdPlanPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const SdPlanStats *s = &self->stats;
  gboolean year_over;
  guint percent;

  g_return_if_fail (SD_IS_PLAN_PAGE (self));

  g_clear_handle_id (&self->summary_id, g_source_remove);

  /* Whether a task is overdue changes with the month: look again at the
   * status cells when a new one has begun. */
  if (g_date_time_get_year (now) != g_date_time_get_year (self->today) ||
      g_date_time_get_month (now) != g_date_time_get_month (self->today))
    {
      g_date_time_unref (self->today);
      self->today = g_date_time_ref (now);
      refresh_live_cells (self);
    }

  if (self->plan == NULL)
    {
      memset (&self->stats, 0, sizeof self->stats);
      adw_view_stack_page_set_badge_number (self->inspections_page, 0);
      adw_view_stack_page_set_needs_attention (self->inspections_page, FALSE);
      return;
    }

  sd_plan_stats_compute (self->store, self->plan, self->today, &self->stats);
  year_over = g_date_time_get_year (self->today) > sd_plan_get_year (self->plan);

  {
    g_autofree char *value = sd_plan_stats_format_ratio (s->n_done, s->n_tasks);
    g_autofree char *detail = NULL;
    g_autofree char *tooltip = NULL;

    percent = sd_plan_stats_percent (s->n_done, s->n_tasks);
    /* Translators: below the tasks done; both numbers are percentages */
    detail = g_strdup_printf (_("%u %% · target %u %%"), percent, SD_PLAN_KPI_TASKS_DONE);
    tooltip = g_strdup_printf (ngettext ("%u of %u task of the year is done; cancelled tasks "
                                         "are not counted. Target: all of them by the end of "
                                         "the year. Short of it while tasks are overdue.",
                                         "%u of %u tasks of the year are done; cancelled "
                                         "tasks are not counted. Target: all of them by the "
                                         "end of the year. Short of it while tasks are "
                                         "overdue.",
                                         s->n_tasks),
                               s->n_done, s->n_tasks);
    /* Unfinished tasks are no shortfall while there is time for them. */
    set_tile (self, SD_PLAN_TILE_DONE, value, detail, tooltip,
              percent < SD_PLAN_KPI_TASKS_DONE && (s->n_overdue > 0 || year_over)
                ? "warning" : NULL);
  }

  {
    g_autofree char *value = g_strdup_printf ("%u", s->n_overdue);
    g_autofree char *detail = NULL;

    /* Translators: below a count that should be zero */
    detail = g_strdup_printf (_("target %u"), 0);
    set_tile (self, SD_PLAN_TILE_OVERDUE, value, detail,
              _("Tasks neither done nor cancelled whose end month, or end date, has passed."),
              s->n_overdue > 0 ? "error" : NULL);
  }

  {
    g_autofree char *value = sd_plan_stats_format_ratio (s->n_closed_findings, s->n_findings);
    g_autofree char *detail = NULL;
    g_autofree char *tooltip = NULL;

    percent = sd_plan_stats_percent (s->n_closed_findings, s->n_findings);
    detail = g_strdup_printf (_("%u %% · target %u %%"), percent, SD_PLAN_KPI_RECTIFICATION);
    tooltip = g_strdup_printf (ngettext ("%u of %u inspection finding is rectified and closed. "
                                         "Target: a rectification rate of 100 %%.",
                                         "%u of %u inspection findings are rectified and "
                                         "closed. Target: a rectification rate of 100 %%.",
                                         s->n_findings),
                               s->n_closed_findings, s->n_findings);
    set_tile (self, SD_PLAN_TILE_FINDINGS, value, detail, tooltip,
              percent < SD_PLAN_KPI_RECTIFICATION ? "warning" : NULL);
  }

  {
    g_autofree char *value = g_strdup_printf ("%u", s->n_overdue_findings);
    g_autofree char *detail = g_strdup_printf (_("target %u"), 0);

    set_tile (self, SD_PLAN_TILE_OVERDUE_FINDINGS, value, detail,
              _("Findings not closed by their rectification deadline."),
              s->n_overdue_findings > 0 ? "error" : NULL);
  }

  {
    g_autofree char *ratio = sd_plan_stats_format_ratio (s->n_trained, s->n_active_people);
    g_autofree char *value = NULL;
    g_autofree char *detail = NULL;
    g_autofree char *tooltip = NULL;

    percent = sd_plan_stats_percent (s->n_trained, s->n_active_people);
    /* Translators: a percentage */
    value = g_strdup_printf (_("%u %%"), percent);
    /* Translators: below the training coverage; %s is like "36/40" (people
     * trained of the active staff) */
    detail = g_strdup_printf (_("%s · target %u %%"), ratio, SD_PLAN_KPI_TRAINING);
    tooltip = g_strdup_printf (ngettext ("%u of the %u active member of staff attended a "
                                         "training session of the plan. Target: everyone.",
                                         "%u of the %u active staff attended a training "
                                         "session of the plan. Target: everyone.",
                                         s->n_active_people),
                               s->n_trained, s->n_active_people);
    set_tile (self, SD_PLAN_TILE_TRAINING, value, detail, tooltip,
              percent < SD_PLAN_KPI_TRAINING ? "warning" : NULL);
  }

  {
    g_autofree char *ratio = sd_plan_stats_format_ratio (s->n_committed, s->n_active_people);
    g_autofree char *value = NULL;
    g_autofree char *detail = NULL;
    g_autofree char *tooltip = NULL;

    percent = sd_plan_stats_percent (s->n_committed, s->n_active_people);
    value = g_strdup_printf (_("%u %%"), percent);
    detail = g_strdup_printf (_("%s · target %u %%"), ratio, SD_PLAN_KPI_COMMITMENT);
    tooltip = g_strdup_printf (ngettext ("%u of the %u active member of staff signed a "
                                         "confidentiality commitment letter for the year. "
                                         "Target: everyone.",
                                         "%u of the %u active staff signed a confidentiality "
                                         "commitment letter for the year. Target: everyone.",
                                         s->n_active_people),
                               s->n_committed, s->n_active_people);
    set_tile (self, SD_PLAN_TILE_COMMITMENT, value, detail, tooltip,
              percent < SD_PLAN_KPI_COMMITMENT ? "warning" : NULL);
  }

  adw_view_stack_page_set_badge_number (self->inspections_page, s->n_overdue_findings);
  adw_view_stack_page_set_needs_attention (self->inspections_page, s->n_overdue_findings > 0);
}

static gboolean
summary_idle_cb (gpointer user_data)
{
  SdPlanPage *self = user_data;

  self->summary_id = 0;
  sd_plan_page_update_summary (self);

  return G_SOURCE_REMOVE;
}

/* An import or the demo data adds items one by one, a meeting's ticks come
 * in bursts: count once afterwards. */
static void
queue_summary (SdPlanPage *self)
{
  if (self->summary_id == 0)
    self->summary_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, 50, summary_idle_cb,
                                           self, NULL);
}

static void
add_tile (SdPlanPage *self,
          SdPlanTile  tile,
          const char *caption)
{
  SdPlanSummaryTile *t = &self->tiles[tile];

  t->box = g_object_new (GTK_TYPE_BOX,
                         "orientation", GTK_ORIENTATION_VERTICAL,
                         "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                         NULL);
  gtk_widget_add_css_class (t->box, "card");
  gtk_widget_add_css_class (t->box, "summary-tile");
  gtk_accessible_update_property (GTK_ACCESSIBLE (t->box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, caption,
                                  -1);

  t->value = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (t->value, 0);
  gtk_widget_add_css_class (GTK_WIDGET (t->value), "title-2");
  gtk_widget_add_css_class (GTK_WIDGET (t->value), "numeric");
  t->caption = GTK_LABEL (gtk_label_new (caption));
  gtk_label_set_xalign (t->caption, 0);
  gtk_label_set_ellipsize (t->caption, PANGO_ELLIPSIZE_END);
  /* Short natural widths, so that the six tiles fit on one line of a
   * window of 1,000 pixels; a wider one gives them more. */
  gtk_label_set_max_width_chars (t->caption, 14);
  t->detail = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (t->detail, 0);
  gtk_label_set_ellipsize (t->detail, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (t->detail, 16);
  gtk_widget_add_css_class (GTK_WIDGET (t->detail), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (t->detail), "dim-label");

  gtk_box_append (GTK_BOX (t->box), GTK_WIDGET (t->value));
  gtk_box_append (GTK_BOX (t->box), GTK_WIDGET (t->caption));
  gtk_box_append (GTK_BOX (t->box), GTK_WIDGET (t->detail));
  gtk_flow_box_append (self->summary_box, t->box);
  /* The flow box's own child would take the focus for nothing. */
  gtk_widget_set_focusable (gtk_widget_get_parent (t->box), FALSE);
}

/* The task count and the empty list */

static guint
count_plan_tasks (SdPlanPage *self)
{
  GListModel *tasks = sd_store_get_items (self->store, SD_TYPE_PLAN_TASK);
  guint n = g_list_model_get_n_items (tasks);
  guint count = 0;

  for (guint i = 0; self->plan != NULL && i < n; i++)
    {
      g_autoptr(SdPlanTask) task = g_list_model_get_item (tasks, i);

      count += sd_plan_task_get_plan_id (task) == plan_id (self);
    }
  return count;
}

static void
update_count (SdPlanPage *self)
{
  guint n_groups = g_list_model_get_n_items (G_LIST_MODEL (self->shown_groups));
  guint shown = 0;
  guint total;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(SdPlanPageGroup) group = g_list_model_get_item (G_LIST_MODEL (self->shown_groups),
                                                                i);

      shown += g_list_model_get_n_items (G_LIST_MODEL (group->tasks));
    }

  if (self->search == NULL && self->stream_id == 0)
    {
      total = shown;
      text = g_strdup_printf (ngettext ("%u task", "%u tasks", total), total);
    }
  else
    {
      total = count_plan_tasks (self);
      /* Translators: tasks shown of all tasks of the plan */
      text = g_strdup_printf (ngettext ("%u of %u task", "%u of %u tasks", total),
                              shown, total);
    }
  gtk_label_set_text (self->count_label, text);

  if (shown > 0)
    {
      gtk_stack_set_visible_child_name (self->tasks_stack, "list");
      return;
    }

  if (total == 0)
    {
      adw_status_page_set_title (self->no_tasks_page, _("No Tasks Yet"));
      adw_status_page_set_description (self->no_tasks_page,
                                       _("Add the year’s tasks work stream by work stream, "
                                         "with their owners and months, or import them from "
                                         "a CSV file."));
      gtk_button_set_label (self->no_tasks_button, _("_Add Task"));
    }
  else
    {
      adw_status_page_set_title (self->no_tasks_page, _("No Matching Tasks"));
      adw_status_page_set_description (self->no_tasks_page,
                                       _("No task of this work stream matches the search."));
      gtk_button_set_label (self->no_tasks_button, _("_Show All Tasks"));
    }
  gtk_stack_set_visible_child_name (self->tasks_stack, "none");
}

static void
no_tasks_clicked_cb (SdPlanPage *self)
{
  if (self->search == NULL && self->stream_id == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "plan.add-task", NULL);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->stream_dropdown, 0);
}

/* The groups */

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

/* Makes @store hold @tasks, changing only the range that differs, and
 * tells the list again about changed tasks outside it. */
static void
sync_group (SdPlanPage *self,
            GListStore *store,
            GPtrArray  *tasks)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n_old = g_list_model_get_n_items (model);
  guint n_new = tasks->len;
  guint prefix = 0, suffix = 0;

  while (prefix < n_old && prefix < n_new)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, prefix);

      if (item != tasks->pdata[prefix])
        break;
      prefix++;
    }
  while (suffix < n_old - prefix && suffix < n_new - prefix)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, n_old - suffix - 1);

      if (item != tasks->pdata[n_new - suffix - 1])
        break;
      suffix++;
    }
  if (prefix + suffix < MAX (n_old, n_new))
    /* An empty array's pdata is NULL, and NULL + 0 is undefined. */
    g_list_store_splice (store, prefix, n_old - prefix - suffix,
                         n_new > prefix + suffix ? tasks->pdata + prefix : NULL,
                         n_new - prefix - suffix);

  /* A task edited in place keeps its row: the row must show the edit. */
  for (guint i = 0; i < n_new; i++)
    {
      if ((i >= prefix && i < n_new - suffix) ||
          !g_hash_table_contains (self->dirty, tasks->pdata[i]))
        continue;
      g_list_store_splice (store, i, 1, tasks->pdata + i, 1);
    }
}

void
sd_plan_page_sync_tasks (SdPlanPage *self)
{
  GListModel *all = sd_store_get_items (self->store, SD_TYPE_PLAN_TASK);
  guint n = g_list_model_get_n_items (all);
  guint n_groups = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  g_autoptr(GHashTable) buckets = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  g_return_if_fail (SD_IS_PLAN_PAGE (self));

  g_clear_handle_id (&self->tasks_id, g_source_remove);

  /* The plan's tasks that match, by stream. */
  buckets = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                   (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < n_groups; i++)
    {
      SdPlanPageGroup *group = g_list_model_get_item (G_LIST_MODEL (self->groups), i);

      if (group->stream_id != 0)
        g_hash_table_insert (buckets, &group->stream_id, g_ptr_array_new ());
      /* The store of groups keeps it alive. */
      g_object_unref (group);
    }
  for (guint i = 0; self->plan != NULL && i < n; i++)
    {
      SdPlanTask *task = g_list_model_get_item (all, i);
      gint64 stream_id = sd_plan_task_get_stream_id (task);
      GPtrArray *bucket;

      /* The store keeps it alive. */
      g_object_unref (task);
      if (sd_plan_task_get_plan_id (task) != plan_id (self) || !task_matches (self, task))
        continue;
      bucket = g_hash_table_lookup (buckets, &stream_id);
      g_ptr_array_add (bucket != NULL ? bucket : none, task);
    }

  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(SdPlanPageGroup) group = g_list_model_get_item (G_LIST_MODEL (self->groups), i);
      GPtrArray *tasks = group->stream_id != 0 ? g_hash_table_lookup (buckets, &group->stream_id)
                                               : none;

      g_ptr_array_sort (tasks, compare_tasks);
      sync_group (self, group->tasks, tasks);
    }
  g_hash_table_remove_all (self->dirty);

  /* A group that became empty or got its first task may come or go. */
  gtk_filter_changed (GTK_FILTER (self->group_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static gboolean
sync_tasks_cb (gpointer user_data)
{
  SdPlanPage *self = user_data;

  self->tasks_id = 0;
  sd_plan_page_sync_tasks (self);
  return G_SOURCE_REMOVE;
}

/* An import adds tasks one by one: the list is brought up to date once. */
static void
tasks_changed_cb (SdPlanPage *self,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GListModel *tasks)
{
  for (guint i = position; i < position + added; i++)
    g_hash_table_add (self->dirty, g_list_model_get_item (tasks, i));
  if (self->tasks_id == 0)
    self->tasks_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, sync_tasks_cb, self, NULL);
}

/* The search looks at owners' names too. */
static void
owners_changed_cb (SdPlanPage *self)
{
  if (self->search != NULL && self->tasks_id == 0)
    self->tasks_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, sync_tasks_cb, self, NULL);
}

/* One group per stream of the plan, in the streams' order, and the group
 * of tasks without a stream last. Groups are kept across changes, so that
 * renaming a stream does not rebuild the tree. */
static void
sync_groups (SdPlanPage *self)
{
  GListModel *streams = G_LIST_MODEL (self->plan_streams);
  guint n_streams = g_list_model_get_n_items (streams);
  guint n_groups = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean same = n_groups == n_streams + 1;

  for (guint i = 0; i <= n_streams; i++)
    {
      gint64 stream_id = 0;
      SdPlanPageGroup *group = NULL;

      if (i < n_streams)
        {
          g_autoptr(SdPlanStream) stream = g_list_model_get_item (streams, i);

          stream_id = sd_item_get_id (SD_ITEM (stream));
        }
      for (guint j = 0; j < n_groups && group == NULL; j++)
        {
          g_autoptr(SdPlanPageGroup) old = g_list_model_get_item (G_LIST_MODEL (self->groups), j);

          if (old->stream_id == stream_id)
            {
              group = g_object_ref (old);
              same &= i == j;
            }
        }
      if (group == NULL)
        {
          group = sd_plan_page_group_new (stream_id);
          same = FALSE;
        }
      g_ptr_array_add (groups, group);
    }

  if (!same)
    g_list_store_splice (self->groups, 0, n_groups, groups->pdata, groups->len);
  sd_plan_page_sync_tasks (self);
}

/* Selection of the year and the stream */

static int
compare_years_desc (gconstpointer a,
                    gconstpointer b)
{
  return *(const int *) b - *(const int *) a;
}

/* The years offered: every plan's, and this year, which may have none yet
 * (its empty state offers to make one). */
static void
sync_years (SdPlanPage *self)
{
  GListModel *plans = sd_store_get_items (self->store, SD_TYPE_PLAN);
  guint n = g_list_model_get_n_items (plans);
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->years));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  gboolean same;
  int current = g_date_time_get_year (self->today);
  guint selected = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPlan) plan = g_list_model_get_item (plans, i);
      int year = sd_plan_get_year (plan);

      g_array_append_val (years, year);
    }
  g_array_append_val (years, current);
  if (self->year != 0)
    g_array_append_val (years, self->year);
  g_array_sort (years, compare_years_desc);

  for (guint i = 0; i < years->len; i++)
    {
      int year = g_array_index (years, int, i);

      if (i > 0 && year == g_array_index (years, int, i - 1))
        continue;
      if (year == self->year)
        selected = strings->len;
      g_ptr_array_add (strings, g_strdup_printf ("%d", year));
    }
  g_ptr_array_add (strings, NULL);

  same = n_old == strings->len - 1;
  for (guint i = 0; same && i < n_old; i++)
    same = g_str_equal (gtk_string_list_get_string (self->years, i), strings->pdata[i]);

  self->updating_years++;
  if (!same)
    gtk_string_list_splice (self->years, 0, n_old, (const char * const *) strings->pdata);
  if (gtk_drop_down_get_selected (self->year_dropdown) != selected)
    gtk_drop_down_set_selected (self->year_dropdown, selected);
  self->updating_years--;

  gtk_widget_set_visible (GTK_WIDGET (self->year_dropdown), strings->len - 1 > 1);
}

static void
timeline_task_activated_cb (SdPlanPage *self,
                            SdPlanTask *task)
{
  sd_plan_page_edit_task (self, task);
}

/* The views made so far show the plan. */
static void
set_views_plan (SdPlanPage *self)
{
  if (self->timeline != NULL)
    sd_timeline_view_set_plan (SD_TIMELINE_VIEW (self->timeline), self->plan);
  if (self->meetings != NULL)
    sd_meetings_view_set_plan (SD_MEETINGS_VIEW (self->meetings), self->plan);
  if (self->findings != NULL)
    sd_findings_view_set_plan (SD_FINDINGS_VIEW (self->findings), self->plan);
  if (self->training != NULL)
    sd_training_view_set_plan (SD_TRAINING_VIEW (self->training), self->plan);
  if (self->letters != NULL)
    sd_commitments_view_set_plan (SD_COMMITMENTS_VIEW (self->letters), self->plan);
}

/* Each view is made the first time it is shown: the training and letters
 * views list every person, which a meeting on the tasks may never need. */
static void
ensure_view (SdPlanPage *self)
{
  const char *name = sd_plan_page_get_view (self);
  GtkWidget *view = NULL;

  if (g_strcmp0 (name, "timeline") == 0 && self->timeline == NULL)
    {
      view = self->timeline = sd_timeline_view_new (self->store);
      g_signal_connect_object (view, "task-activated", G_CALLBACK (timeline_task_activated_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "notify::selected-task",
                               G_CALLBACK (sd_plan_page_update_actions), self,
                               G_CONNECT_SWAPPED);
      gtk_scrolled_window_set_child (self->timeline_scroll, view);
    }
  else if (g_strcmp0 (name, "meetings") == 0 && self->meetings == NULL)
    {
      view = self->meetings = sd_meetings_view_new (self->store);
      adw_bin_set_child (self->meetings_bin, view);
    }
  else if (g_strcmp0 (name, "inspections") == 0 && self->findings == NULL)
    {
      view = self->findings = sd_findings_view_new (self->store);
      adw_bin_set_child (self->findings_bin, view);
    }
  else if (g_strcmp0 (name, "training") == 0 && self->training == NULL)
    {
      view = self->training = sd_training_view_new (self->store);
      adw_bin_set_child (self->training_bin, view);
    }
  else if (g_strcmp0 (name, "letters") == 0 && self->letters == NULL)
    {
      view = self->letters = sd_commitments_view_new (self->store);
      adw_bin_set_child (self->letters_bin, view);
    }

  if (view != NULL && self->plan != NULL)
    set_views_plan (self);
}

static void
view_changed_cb (SdPlanPage *self)
{
  ensure_view (self);
  sd_plan_page_update_actions (self);
}

static void
show_plan (SdPlanPage *self,
           SdPlan     *plan,
           int         year)
{
  gboolean changed = g_set_object (&self->plan, plan);

  self->year = plan != NULL ? sd_plan_get_year (plan) : year;
  sync_years (self);
  update_header (self);

  if (changed)
    {
      /* Streams belong to a plan: start again from all of them. */
      self->stream_id = 0;
      gtk_drop_down_set_selected (self->stream_dropdown, 0);
      /* The streams' change brings the groups and their tasks. */
      gtk_filter_changed (GTK_FILTER (self->stream_filter), GTK_FILTER_CHANGE_DIFFERENT);
      sd_plan_page_sync_tasks (self);

      if (plan != NULL)
        set_views_plan (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
    }

  sd_plan_page_update_summary (self);
  update_count (self);
  sd_plan_page_update_actions (self);
}

static void
year_selected_cb (SdPlanPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->year_dropdown);
  const char *text;

  if (self->updating_years > 0 || selected == GTK_INVALID_LIST_POSITION)
    return;

  text = gtk_string_list_get_string (self->years, selected);
  if (text != NULL)
    sd_plan_page_set_year (self, atoi (text));
}

static void
plans_changed_cb (SdPlanPage *self)
{
  SdPlan *plan = sd_plan_page_find_plan (self, self->year);

  /* A plan made for the year shown (an import, another window) is shown;
   * so is the plan itself changed (its goal, policy). */
  show_plan (self, plan, self->year);
  refresh_live_cells (self);
}

static void
stream_selected_cb (SdPlanPage *self)
{
  gpointer item = gtk_drop_down_get_selected_item (self->stream_dropdown);
  gint64 stream_id = SD_IS_PLAN_STREAM (item) ? sd_item_get_id (item) : 0;

  if (stream_id == self->stream_id)
    return;

  self->stream_id = stream_id;
  gtk_filter_changed (GTK_FILTER (self->group_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
  sd_plan_page_update_actions (self);
}

static void
search_changed_cb (SdPlanPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *search = *stripped != '\0' ? g_utf8_casefold (stripped, -1) : NULL;

  if (g_strcmp0 (search, self->search) == 0)
    return;

  g_free (self->search);
  self->search = g_steal_pointer (&search);
  sd_plan_page_sync_tasks (self);
}

static void
plan_streams_changed_cb (SdPlanPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->plan_streams));

  gtk_widget_set_visible (GTK_WIDGET (self->stream_dropdown), n > 0);
  sync_groups (self);
}

static char *
stream_choice_string (GObject *item)
{
  if (SD_IS_PLAN_STREAM (item))
    return g_strdup (sd_plan_stream_get_name (SD_PLAN_STREAM (item)));
  if (GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  return g_strdup ("");
}

/* Cells */

static gpointer
list_item_get_row_item (GtkListItem *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

static void
live_cell_bind (SdPlanPage     *self,
                GtkListItem    *list_item,
                CellUpdateFunc  update)
{
  g_hash_table_insert (self->live_cells, list_item, update);
  update (self, list_item);
}

static void
live_cell_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     SdPlanPage               *self)
{
  g_hash_table_remove (self->live_cells, list_item);
}

static void
refresh_live_cells (SdPlanPage *self)
{
  GHashTableIter iter;
  gpointer list_item;
  gpointer update;

  g_hash_table_iter_init (&iter, self->live_cells);
  while (g_hash_table_iter_next (&iter, &list_item, &update))
    ((CellUpdateFunc) update) (self, list_item);
}

static void
set_inscription (GtkWidget  *inscription,
                 const char *text)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (inscription),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text != NULL ? text : "",
                                  -1);
}

/* Tooltips are computed when they are asked for: setting one on each cell
 * as it is bound costs more than everything else a row does. */
static gboolean
inscription_query_tooltip_cb (GtkWidget  *inscription,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip,
                              gpointer    user_data)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (inscription));

  /* The full text, which may be cut short in the cell. */
  if (text == NULL || *text == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static GtkWidget *
new_inscription (guint nat_chars)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), MIN (nat_chars, 6));
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), nat_chars);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_hexpand (inscription, TRUE);
  gtk_widget_set_has_tooltip (inscription, TRUE);
  g_signal_connect (inscription, "query-tooltip",
                    G_CALLBACK (inscription_query_tooltip_cb), NULL);

  return inscription;
}

static const char *
group_name (SdPlanPage      *self,
            SdPlanPageGroup *group)
{
  SdPlanStream *stream;

  if (group->stream_id == 0)
    return _("No Work Stream");
  stream = sd_store_lookup (self->store, SD_TYPE_PLAN_STREAM, group->stream_id);
  return stream != NULL ? sd_plan_stream_get_name (stream) : "";
}

static void
update_group_count (GtkListItem *list_item,
                    GParamSpec  *pspec,
                    GListModel  *tasks)
{
  GtkLabel *count = g_object_get_data (G_OBJECT (list_item), "count");
  guint n = g_list_model_get_n_items (tasks);
  g_autofree char *text = NULL;

  if (n == 0)
    text = g_strdup (_("No tasks"));
  else
    text = g_strdup_printf (ngettext ("%u task", "%u tasks", n), n);
  gtk_label_set_text (count, text);
}

static void
title_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                SdPlanPage               *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);
  GtkWidget *title = new_inscription (40);
  GtkWidget *carried = gtk_label_new (_("Carried over"));

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (count), 0);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (carried, "caption");
  gtk_widget_add_css_class (carried, "carried-over");
  gtk_widget_set_valign (carried, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), carried);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);

  g_object_set_data (G_OBJECT (list_item), "name", name);
  g_object_set_data (G_OBJECT (list_item), "count", count);
  g_object_set_data (G_OBJECT (list_item), "title", title);
  g_object_set_data (G_OBJECT (list_item), "carried", carried);
}

static void
title_update (SdPlanPage  *self,
              GtkListItem *list_item)
{
  GtkWidget *name = g_object_get_data (G_OBJECT (list_item), "name");
  GtkWidget *carried = g_object_get_data (G_OBJECT (list_item), "carried");
  GtkWidget *title = g_object_get_data (G_OBJECT (list_item), "title");
  g_autoptr(GObject) item = list_item_get_row_item (list_item);

  if (SD_IS_PLAN_PAGE_GROUP (item))
    gtk_label_set_text (GTK_LABEL (name), group_name (self, SD_PLAN_PAGE_GROUP (item)));
  else if (SD_IS_PLAN_TASK (item))
    {
      SdPlanTask *task = SD_PLAN_TASK (item);
      gboolean carried_over = sd_plan_task_get_carried_over (task);

      set_inscription (title, sd_plan_task_get_title (task));
      gtk_widget_set_visible (carried, carried_over);
      if (carried_over)
        {
          /* Translators: tooltip of the "Carried over" tag of a task; %d
           * is last year */
          g_autofree char *tooltip = g_strdup_printf (_("Not finished in %d: carried over "
                                                        "into this year’s plan"),
                                                      self->year - 1);

          gtk_widget_set_tooltip_text (carried, tooltip);
        }
    }
}

static void
title_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               SdPlanPage               *self)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  GtkWidget *name = g_object_get_data (G_OBJECT (list_item), "name");
  GtkWidget *count = g_object_get_data (G_OBJECT (list_item), "count");
  GtkWidget *title = g_object_get_data (G_OBJECT (list_item), "title");
  GtkWidget *carried = g_object_get_data (G_OBJECT (list_item), "carried");
  g_autoptr(GObject) item = list_item_get_row_item (list_item);

  gtk_tree_expander_set_list_row (expander, gtk_list_item_get_item (list_item));

  gtk_widget_set_visible (name, SD_IS_PLAN_PAGE_GROUP (item));
  gtk_widget_set_visible (count, SD_IS_PLAN_PAGE_GROUP (item));
  gtk_widget_set_visible (title, SD_IS_PLAN_TASK (item));
  gtk_widget_set_visible (carried, FALSE);

  if (SD_IS_PLAN_PAGE_GROUP (item))
    {
      SdPlanPageGroup *group = SD_PLAN_PAGE_GROUP (item);
      gulong handler;

      update_group_count (list_item, NULL, G_LIST_MODEL (group->tasks));
      handler = g_signal_connect_object (group->tasks, "notify::n-items",
                                         G_CALLBACK (update_group_count), list_item,
                                         G_CONNECT_SWAPPED);
      g_object_set_data (G_OBJECT (list_item), "count-handler", GSIZE_TO_POINTER (handler));
      g_object_set_data_full (G_OBJECT (list_item), "count-model",
                              g_object_ref (group->tasks), g_object_unref);
    }
  live_cell_bind (self, list_item, title_update);
}

static void
title_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 SdPlanPage               *self)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  GObject *model = g_object_get_data (G_OBJECT (list_item), "count-model");

  if (model != NULL)
    {
      gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item),
                                                            "count-handler"));

      g_signal_handler_disconnect (model, handler);
      g_object_set_data (G_OBJECT (list_item), "count-model", NULL);
    }

  gtk_tree_expander_set_list_row (expander, NULL);
  g_hash_table_remove (self->live_cells, list_item);
}

static void
owner_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                SdPlanPage               *self)
{
  gtk_list_item_set_child (list_item, new_inscription (24));
}

static void
owner_update (SdPlanPage  *self,
              GtkListItem *list_item)
{
  g_autoptr(GObject) item = list_item_get_row_item (list_item);
  g_autofree char *text = NULL;

  if (SD_IS_PLAN_TASK (item))
    {
      SdPlanTask *task = SD_PLAN_TASK (item);
      SdUnit *unit = sd_store_lookup (self->store, SD_TYPE_UNIT,
                                      sd_plan_task_get_owner_unit_id (task));
      SdPerson *person = sd_store_lookup (self->store, SD_TYPE_PERSON,
                                          sd_plan_task_get_owner_person_id (task));

      if (unit != NULL && person != NULL)
        /* Translators: the owner of a task: unit, then person */
        text = g_strdup_printf (C_("task owner", "%s · %s"),
                                sd_unit_get_name (unit), sd_person_get_name (person));
      else if (unit != NULL)
        text = g_strdup (sd_unit_get_name (unit));
      else if (person != NULL)
        text = g_strdup (sd_person_get_name (person));
    }

  set_inscription (gtk_list_item_get_child (list_item), text);
}

static void
owner_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               SdPlanPage               *self)
{
  live_cell_bind (self, list_item, owner_update);
}

static gboolean
months_query_tooltip_cb (GtkWidget   *inscription,
                         int          x,
                         int          y,
                         gboolean     keyboard,
                         GtkTooltip  *tooltip,
                         GtkListItem *list_item)
{
  g_autoptr(GObject) item = list_item_get_row_item (list_item);
  g_autofree char *text = NULL;
  const char *start_date, *end_date;
  int start, end;

  if (!SD_IS_PLAN_TASK (item))
    return FALSE;

  start_date = sd_plan_task_get_start_date (SD_PLAN_TASK (item));
  end_date = sd_plan_task_get_end_date (SD_PLAN_TASK (item));
  start = CLAMP (sd_plan_task_get_start_month (SD_PLAN_TASK (item)), 1, 12);
  end = CLAMP (sd_plan_task_get_end_month (SD_PLAN_TASK (item)), 1, 12);
  if (start_date != NULL || end_date != NULL)
    /* Translators: the exact dates of a task, e.g. "2026-03-15 to 2026-04-30" */
    text = g_strdup_printf (_("%s to %s"),
                            start_date != NULL ? start_date : sd_month_label (start),
                            end_date != NULL ? end_date : sd_month_label (end));
  else if (start == end)
    text = g_strdup (sd_month_label (start));
  else
    /* Translators: a range of months, e.g. "March to June" */
    text = g_strdup_printf (_("%s to %s"), sd_month_label (start), sd_month_label (end));

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
months_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 SdPlanPage               *self)
{
  GtkWidget *inscription = new_inscription (12);

  /* The full month names instead of the text of the cell. */
  g_signal_handlers_disconnect_by_func (inscription, inscription_query_tooltip_cb, NULL);
  g_signal_connect (inscription, "query-tooltip",
                    G_CALLBACK (months_query_tooltip_cb), list_item);
  gtk_list_item_set_child (list_item, inscription);
}

static void
months_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                SdPlanPage               *self)
{
  g_autoptr(GObject) item = list_item_get_row_item (list_item);
  g_autofree char *text = NULL;

  if (SD_IS_PLAN_TASK (item))
    {
      int start = CLAMP (sd_plan_task_get_start_month (SD_PLAN_TASK (item)), 1, 12);
      int end = CLAMP (sd_plan_task_get_end_month (SD_PLAN_TASK (item)), 1, 12);

      if (start == end)
        text = g_strdup (month_abbreviation (start));
      else
        /* Translators: a range of months, e.g. "Mar – Jun" */
        text = g_strdup_printf (C_("month range", "%s – %s"),
                                month_abbreviation (start), month_abbreviation (end));
    }

  set_inscription (gtk_list_item_get_child (list_item), text);
}

static gboolean
task_is_overdue (SdPlanPage *self,
                 gpointer    item)
{
  return SD_IS_PLAN_TASK (item) && self->plan != NULL &&
         sd_plan_task_is_overdue (item, sd_plan_get_year (self->plan), self->today);
}

static gboolean
status_query_tooltip_cb (GtkWidget   *label,
                         int          x,
                         int          y,
                         gboolean     keyboard,
                         GtkTooltip  *tooltip,
                         GtkListItem *list_item)
{
  GtkWidget *self = gtk_widget_get_ancestor (label, SD_TYPE_PLAN_PAGE);
  g_autoptr(GObject) item = list_item_get_row_item (list_item);
  g_autofree char *text = NULL;
  const char *end_date;
  int end;

  if (self == NULL || !task_is_overdue (SD_PLAN_PAGE (self), item))
    return FALSE;

  end_date = sd_plan_task_get_end_date (SD_PLAN_TASK (item));
  end = CLAMP (sd_plan_task_get_end_month (SD_PLAN_TASK (item)), 1, 12);
  if (end_date != NULL)
    /* Translators: tooltip of an overdue task; %s is a date */
    text = g_strdup_printf (_("Was due on %s"), end_date);
  else
    /* Translators: tooltip of an overdue task; %s is a month */
    text = g_strdup_printf (_("Was due by the end of %s"), sd_month_label (end));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
status_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 SdPlanPage               *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (status_query_tooltip_cb), list_item);
  gtk_list_item_set_child (list_item, label);
}

static void
status_update (SdPlanPage  *self,
               GtkListItem *list_item)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autoptr(GObject) item = list_item_get_row_item (list_item);
  const char *status = NULL;
  const char *style = NULL;

  if (SD_IS_PLAN_TASK (item))
    {
      status = sd_plan_task_get_status (SD_PLAN_TASK (item));
      if (task_is_overdue (self, item))
        {
          status = "overdue";
          style = "error";
        }
      else if (g_strcmp0 (status, "done") == 0)
        style = "success";
      else if (g_strcmp0 (status, "in-progress") == 0)
        style = "accent";
      else if (g_strcmp0 (status, "cancelled") == 0)
        style = "dim-label";
    }

  gtk_label_set_text (GTK_LABEL (label), status != NULL ? sd_task_status_label (status) : "");
  gtk_widget_set_css_classes (label, (const char *[]) { style, NULL });
}

static void
status_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                SdPlanPage               *self)
{
  live_cell_bind (self, list_item, status_update);
}

static void
progress_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   SdPlanPage               *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 100);
  GtkWidget *label = gtk_label_new (NULL);

  /* Little progress is not a warning: keep the accent colour below 25 %. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 60, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Progress"),
                                  -1);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_width_chars (GTK_LABEL (label), 4);
  gtk_widget_add_css_class (label, "numeric");

  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);

  g_object_set_data (G_OBJECT (list_item), "bar", bar);
  g_object_set_data (G_OBJECT (list_item), "label", label);
}

static void
progress_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  SdPlanPage               *self)
{
  GtkWidget *bar = g_object_get_data (G_OBJECT (list_item), "bar");
  GtkWidget *label = g_object_get_data (G_OBJECT (list_item), "label");
  g_autoptr(GObject) item = list_item_get_row_item (list_item);
  g_autofree char *text = NULL;
  int progress;

  gtk_widget_set_visible (gtk_list_item_get_child (list_item), SD_IS_PLAN_TASK (item));
  if (!SD_IS_PLAN_TASK (item))
    return;

  progress = CLAMP (sd_plan_task_get_progress (SD_PLAN_TASK (item)), 0, 100);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), progress);
  /* Translators: a task's progress in percent */
  text = g_strdup_printf (_("%d%%"), progress);
  gtk_label_set_text (GTK_LABEL (label), text);
}

static GListModel *
create_group_model_cb (gpointer item,
                       gpointer user_data)
{
  if (SD_IS_PLAN_PAGE_GROUP (item))
    return g_object_ref (G_LIST_MODEL (SD_PLAN_PAGE_GROUP (item)->tasks));

  return NULL;
}

/* Selection */

static GtkWidget *
task_list_view (SdPlanPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->task_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

static guint
row_of (SdPlanPage *self,
        gpointer    item)
{
  GListModel *rows = G_LIST_MODEL (self->tree);
  guint n = g_list_model_get_n_items (rows);

  /* A linear search, once per selection: 2,000 tasks take well under a
   * millisecond. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) row_item = gtk_tree_list_row_get_item (row);

      if (row_item == item)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

SdPlanTask *
sd_plan_page_get_selected_task (SdPlanPage *self)
{
  GtkTreeListRow *row;
  gpointer item;

  g_return_val_if_fail (SD_IS_PLAN_PAGE (self), NULL);

  if (g_strcmp0 (sd_plan_page_get_view (self), "timeline") == 0)
    return self->timeline != NULL
           ? sd_timeline_view_get_selected_task (SD_TIMELINE_VIEW (self->timeline)) : NULL;

  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    return NULL;
  item = gtk_tree_list_row_get_item (row);
  /* The tree holds a reference to the item as long as the row is there. */
  g_object_unref (item);
  return SD_IS_PLAN_TASK (item) ? item : NULL;
}

void
sd_plan_page_select_task (SdPlanPage *self,
                          SdPlanTask *task)
{
  guint position;

  g_return_if_fail (SD_IS_PLAN_PAGE (self));
  g_return_if_fail (task == NULL || SD_IS_PLAN_TASK (task));

  if (self->timeline != NULL)
    sd_timeline_view_set_selected_task (SD_TIMELINE_VIEW (self->timeline), task);

  self->selected_id = task != NULL ? sd_item_get_id (SD_ITEM (task)) : 0;
  if (task == NULL)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return;
    }

  position = row_of (self, task);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      /* Its group may be collapsed. */
      GListModel *rows = G_LIST_MODEL (self->tree);

      for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
        {
          g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
          g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

          if (SD_IS_PLAN_PAGE_GROUP (item) &&
              SD_PLAN_PAGE_GROUP (item)->stream_id == sd_plan_task_get_stream_id (task))
            gtk_tree_list_row_set_expanded (row, TRUE);
        }
      position = row_of (self, task);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->task_view)))
    {
      GtkWidget *list = task_list_view (self);

      if (list != NULL)
        gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
    }
}

static gboolean
focus_selected_cb (gpointer user_data)
{
  SdPlanPage *self = user_data;
  guint position = gtk_single_selection_get_selected (self->selection);
  GtkWidget *list = task_list_view (self);
  GHashTableIter iter;
  gpointer list_item, update;

  g_hash_table_iter_init (&iter, self->live_cells);
  while (list != NULL && position != GTK_INVALID_LIST_POSITION &&
         g_hash_table_iter_next (&iter, &list_item, &update))
    {
      GtkWidget *row;

      if (update != (gpointer) title_update ||
          gtk_list_item_get_position (list_item) != position)
        continue;

      /* The list follows the row that gets the focus. */
      row = gtk_list_item_get_child (list_item);
      while (row != NULL && gtk_widget_get_parent (row) != list)
        row = gtk_widget_get_parent (row);
      if (row != NULL)
        gtk_widget_grab_focus (row);
      self->focus_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* The row is made when the list is next laid out. */
  if (++self->focus_tries < 10)
    return G_SOURCE_CONTINUE;
  self->focus_id = 0;
  return G_SOURCE_REMOVE;
}

void
sd_plan_page_focus_selected_row (SdPlanPage *self)
{
  g_return_if_fail (SD_IS_PLAN_PAGE (self));

  self->focus_tries = 0;
  if (self->focus_id == 0)
    self->focus_id = g_timeout_add (20, focus_selected_cb, self);
}

GListModel *
sd_plan_page_get_rows (SdPlanPage *self)
{
  g_return_val_if_fail (SD_IS_PLAN_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

/* Remembers the task the user selected: an edit of it takes its row out of
 * the tree and puts it back, and the selection goes with the row. */
static void
selection_changed_cb (SdPlanPage *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GObject) item = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  if (self->selecting == 0 && item != NULL)
    self->selected_id = SD_IS_PLAN_TASK (item) ? sd_item_get_id (SD_ITEM (item)) : 0;
  sd_plan_page_update_actions (self);
}

static gboolean
restore_selection_cb (gpointer user_data)
{
  SdPlanPage *self = user_data;
  SdPlanTask *task;
  guint position;

  self->restore_id = 0;
  if (self->selected_id == 0 ||
      gtk_single_selection_get_selected (self->selection) != GTK_INVALID_LIST_POSITION)
    return G_SOURCE_REMOVE;

  task = sd_store_lookup (self->store, SD_TYPE_PLAN_TASK, self->selected_id);
  position = task != NULL ? row_of (self, task) : GTK_INVALID_LIST_POSITION;
  if (position != GTK_INVALID_LIST_POSITION)
    {
      self->selecting++;
      gtk_single_selection_set_selected (self->selection, position);
      self->selecting--;
    }
  return G_SOURCE_REMOVE;
}

static void
tree_changed_cb (SdPlanPage *self)
{
  if (self->restore_id == 0 && self->selected_id != 0 &&
      gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    self->restore_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, restore_selection_cb, self, NULL);
}

static void
row_activated_cb (SdPlanPage *self,
                  guint       position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                         position);
  g_autoptr(GObject) item = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  if (SD_IS_PLAN_TASK (item))
    sd_plan_page_edit_task (self, SD_PLAN_TASK (item));
  else if (row != NULL && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

const char *
sd_plan_page_get_view (SdPlanPage *self)
{
  g_return_val_if_fail (SD_IS_PLAN_PAGE (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
sd_plan_page_set_view (SdPlanPage *self,
                       const char *view)
{
  g_return_if_fail (SD_IS_PLAN_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, view);
}

/* GObject */

static void
connect_store_model (SdPlanPage *self,
                     GType       item_type,
                     GCallback   callback)
{
  g_signal_connect_object (sd_store_get_items (self->store, item_type), "items-changed",
                           callback, self, G_CONNECT_SWAPPED);
}

static void
sd_plan_page_constructed (GObject *object)
{
  SdPlanPage *self = SD_PLAN_PAGE (object);
  g_autoptr(GtkStringList) all_streams = NULL;
  g_autoptr(GtkFlattenListModel) stream_choices = NULL;
  GtkFilterListModel *streams;
  GtkMultiSorter *sorter;
  GtkExpression *expression;
  SdPlan *plan;

  G_OBJECT_CLASS (sd_plan_page_parent_class)->constructed (object);

  g_assert (SD_IS_STORE (self->store));

  /* The years, latest first, in the year drop-down. */
  self->years = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (self->years));

  /* The plan's work streams by position, after "all of them" in the
   * stream drop-down. */
  self->stream_filter = gtk_custom_filter_new (stream_filter_func, self, NULL);
  streams = gtk_filter_list_model_new (g_object_ref (sd_store_get_items (self->store,
                                                                         SD_TYPE_PLAN_STREAM)),
                                       g_object_ref (GTK_FILTER (self->stream_filter)));
  sorter = gtk_multi_sorter_new ();
  gtk_multi_sorter_append (sorter, GTK_SORTER (gtk_numeric_sorter_new (
    gtk_property_expression_new (SD_TYPE_PLAN_STREAM, NULL, "position"))));
  gtk_multi_sorter_append (sorter, GTK_SORTER (gtk_numeric_sorter_new (
    gtk_property_expression_new (SD_TYPE_ITEM, NULL, "id"))));
  self->plan_streams = gtk_sort_list_model_new (G_LIST_MODEL (streams), GTK_SORTER (sorter));

  all_streams = gtk_string_list_new ((const char *[]) { _("All Work Streams"), NULL });
  self->stream_choices = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (self->stream_choices, all_streams);
  g_list_store_append (self->stream_choices, self->plan_streams);
  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (stream_choice_string), NULL, NULL);
  gtk_drop_down_set_expression (self->stream_dropdown, expression);
  gtk_expression_unref (expression);
  stream_choices = gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->stream_choices)));
  gtk_drop_down_set_model (self->stream_dropdown, G_LIST_MODEL (stream_choices));

  /* The groups, one per stream. */
  self->groups = g_list_store_new (SD_TYPE_PLAN_PAGE_GROUP);
  self->group_filter = gtk_custom_filter_new (group_filter_func, self, NULL);
  self->shown_groups = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->groups)),
                                                  g_object_ref (GTK_FILTER (self->group_filter)));
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->shown_groups)),
                                        FALSE, TRUE, create_group_model_cb, NULL, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  /* Nothing is selected until the user picks a row. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (tree_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  /* The column view makes widgets for a couple of hundred rows as soon as
   * it has a model: only while it is shown, so that the window shows its
   * first page sooner and a page not shown holds no rows. */
  sd_ui_set_model_while_mapped (GTK_WIDGET (self->task_view),
                                GTK_SELECTION_MODEL (self->selection));

  /* What the summary counts, and what the cells look up. */
  connect_store_model (self, SD_TYPE_PLAN_TASK, G_CALLBACK (queue_summary));
  connect_store_model (self, SD_TYPE_INSPECTION, G_CALLBACK (queue_summary));
  connect_store_model (self, SD_TYPE_FINDING, G_CALLBACK (queue_summary));
  connect_store_model (self, SD_TYPE_TRAINING, G_CALLBACK (queue_summary));
  connect_store_model (self, SD_TYPE_TRAINING_ATTENDANCE, G_CALLBACK (queue_summary));
  connect_store_model (self, SD_TYPE_COMMITMENT, G_CALLBACK (queue_summary));
  connect_store_model (self, SD_TYPE_PERSON, G_CALLBACK (queue_summary));
  connect_store_model (self, SD_TYPE_PLAN_STREAM, G_CALLBACK (refresh_live_cells));
  connect_store_model (self, SD_TYPE_UNIT, G_CALLBACK (refresh_live_cells));
  connect_store_model (self, SD_TYPE_PERSON, G_CALLBACK (refresh_live_cells));
  connect_store_model (self, SD_TYPE_PLAN_TASK, G_CALLBACK (sd_plan_page_update_actions));
  connect_store_model (self, SD_TYPE_PLAN_TASK, G_CALLBACK (tasks_changed_cb));
  connect_store_model (self, SD_TYPE_UNIT, G_CALLBACK (owners_changed_cb));
  connect_store_model (self, SD_TYPE_PERSON, G_CALLBACK (owners_changed_cb));
  connect_store_model (self, SD_TYPE_PLAN, G_CALLBACK (plans_changed_cb));
  g_signal_connect_object (self->plan_streams, "items-changed",
                           G_CALLBACK (plan_streams_changed_cb), self, G_CONNECT_SWAPPED);

  /* The summary tiles. */
  add_tile (self, SD_PLAN_TILE_DONE, _("Tasks done"));
  add_tile (self, SD_PLAN_TILE_OVERDUE, _("Overdue tasks"));
  add_tile (self, SD_PLAN_TILE_FINDINGS, _("Findings closed"));
  add_tile (self, SD_PLAN_TILE_OVERDUE_FINDINGS, _("Overdue findings"));
  add_tile (self, SD_PLAN_TILE_TRAINING, _("Training coverage"));
  add_tile (self, SD_PLAN_TILE_COMMITMENT, _("Commitment letters"));

  /* The plan's other views are made when first shown. */
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (view_changed_cb), self, G_CONNECT_SWAPPED);

  plan_streams_changed_cb (self);
  plan = sd_plan_stats_default_plan (sd_store_get_items (self->store, SD_TYPE_PLAN),
                                     self->today);
  show_plan (self, plan, plan != NULL ? sd_plan_get_year (plan)
                                      : g_date_time_get_year (self->today));

  g_signal_connect_object (self->year_dropdown, "notify::selected",
                           G_CALLBACK (year_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stream_dropdown, "notify::selected-item",
                           G_CALLBACK (stream_selected_cb), self, G_CONNECT_SWAPPED);
}

static void
disconnect_store_model (SdPlanPage *self,
                        GType       item_type)
{
  g_signal_handlers_disconnect_by_data (sd_store_get_items (self->store, item_type), self);
}

static void
sd_plan_page_dispose (GObject *object)
{
  SdPlanPage *self = SD_PLAN_PAGE (object);

  g_clear_handle_id (&self->summary_id, g_source_remove);
  g_clear_handle_id (&self->tasks_id, g_source_remove);
  g_clear_handle_id (&self->restore_id, g_source_remove);
  g_clear_handle_id (&self->focus_id, g_source_remove);

  /* The store outlives the page: stop listening to it first. */
  if (self->store != NULL)
    {
      const GType types[] = {
        SD_TYPE_PLAN, SD_TYPE_PLAN_TASK, SD_TYPE_PLAN_STREAM, SD_TYPE_INSPECTION,
        SD_TYPE_FINDING, SD_TYPE_TRAINING, SD_TYPE_TRAINING_ATTENDANCE, SD_TYPE_COMMITMENT,
        SD_TYPE_UNIT, SD_TYPE_PERSON,
      };

      for (guint i = 0; i < G_N_ELEMENTS (types); i++)
        disconnect_store_model (self, types[i]);
    }
  if (self->plan_streams != NULL)
    g_signal_handlers_disconnect_by_data (self->plan_streams, self);

  /* AdwBin would unparent its child a second time after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_PLAN_PAGE);
  g_hash_table_remove_all (self->live_cells);

  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->shown_groups);
  g_clear_object (&self->group_filter);
  g_clear_object (&self->groups);
  g_clear_object (&self->stream_choices);
  g_clear_object (&self->plan_streams);
  g_clear_object (&self->stream_filter);
  g_clear_object (&self->years);
  g_clear_object (&self->plan);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_plan_page_parent_class)->dispose (object);
}

static void
sd_plan_page_finalize (GObject *object)
{
  SdPlanPage *self = SD_PLAN_PAGE (object);

  g_clear_pointer (&self->live_cells, g_hash_table_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->today, g_date_time_unref);
  g_free (self->search);

  G_OBJECT_CLASS (sd_plan_page_parent_class)->finalize (object);
}

static void
sd_plan_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SdPlanPage *self = SD_PLAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_plan_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SdPlanPage *self = SD_PLAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_assert (self->store == NULL);
      self->store = g_value_dup_object (value);
      break;

    case PROP_PLAN:
      sd_plan_page_set_plan (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_plan_page_map (GtkWidget *widget)
{
  SdPlanPage *self = SD_PLAN_PAGE (widget);

  /* A new month may have begun since the page was last shown. */
  queue_summary (self);

  GTK_WIDGET_CLASS (sd_plan_page_parent_class)->map (widget);
}

static void
sd_plan_page_class_init (SdPlanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sd_plan_page_constructed;
  object_class->dispose = sd_plan_page_dispose;
  object_class->finalize = sd_plan_page_finalize;
  object_class->get_property = sd_plan_page_get_property;
  object_class->set_property = sd_plan_page_set_property;

  widget_class->map = sd_plan_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The plan shown, or %NULL for a year without one; setting %NULL shows
   * the default plan again. */
  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, SD_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The views the page embeds are made in C; their types must exist for
   * nothing but that, but the template refers to none of them. */
  sd_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/sd-plan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, edit_plan_button);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, create_button);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, copy_previous_button);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, goal_grid);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, goal_caption);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, goal_label);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, policy_caption);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, policy_label);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, summary_box);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, inspections_page);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, stream_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, tasks_stack);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, no_tasks_page);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, no_tasks_button);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, task_view);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, timeline_scroll);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, meetings_bin);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, findings_bin);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, training_bin);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, letters_bin);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, meeting_bin);

  gtk_widget_class_bind_template_callback (widget_class, title_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, owner_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, owner_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, months_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, months_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, progress_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, progress_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, live_cell_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, no_tasks_clicked_cb);

  sd_plan_page_class_init_actions (widget_class);
}

static void
sd_plan_page_init (SdPlanPage *self)
{
  self->live_cells = g_hash_table_new (NULL, NULL);
  self->dirty = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->today = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sd_plan_page_new:
 * @store: the store
 *
 * Returns: (transfer floating): a new plan page showing the plans of @store
 */
GtkWidget *
sd_plan_page_new (SdStore *store)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  return g_object_new (SD_TYPE_PLAN_PAGE,
                       "store", store,
                       NULL);
}

SdStore *
sd_plan_page_get_store (SdPlanPage *self)
{
  g_return_val_if_fail (SD_IS_PLAN_PAGE (self), NULL);

  return self->store;
}

/**
 * sd_plan_page_get_plan:
 * @self: a plan page
 *
 * Returns: (transfer none) (nullable): the plan shown, or %NULL if the
 *   year shown has no plan
 */
SdPlan *
sd_plan_page_get_plan (SdPlanPage *self)
{
  g_return_val_if_fail (SD_IS_PLAN_PAGE (self), NULL);

  return self->plan;
}

/**
 * sd_plan_page_set_plan:
 * @self: a plan page
 * @plan: (nullable): a plan of the page's store, or %NULL
 *
 * Shows @plan, or with %NULL the default plan: the plan of the current
 * year, else the latest one; without any plan, the current year's empty
 * state.
 */
void
sd_plan_page_set_plan (SdPlanPage *self,
                       SdPlan     *plan)
{
  g_return_if_fail (SD_IS_PLAN_PAGE (self));
  g_return_if_fail (plan == NULL || SD_IS_PLAN (plan));

  /* Before constructed() the models do not exist yet. */
  g_return_if_fail (self->years != NULL);

  if (plan == NULL)
    plan = sd_plan_stats_default_plan (sd_store_get_items (self->store, SD_TYPE_PLAN),
                                       self->today);

  show_plan (self, plan, plan != NULL ? sd_plan_get_year (plan)
                                      : g_date_time_get_year (self->today));
}

int
sd_plan_page_get_year (SdPlanPage *self)
{
  g_return_val_if_fail (SD_IS_PLAN_PAGE (self), 0);

  return self->year;
}

void
sd_plan_page_set_year (SdPlanPage *self,
                       int         year)
{
  g_return_if_fail (SD_IS_PLAN_PAGE (self));
  g_return_if_fail (year >= 1900 && year <= 9999);

  show_plan (self, sd_plan_page_find_plan (self, year), year);
}
