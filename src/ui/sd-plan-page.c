/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-plan-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-finding.h"
#include "sd-inspection.h"
#include "sd-labels.h"
#include "sd-person.h"
#include "sd-plan-page.h"
#include "sd-plan-stats.h"
#include "sd-plan-stream.h"
#include "sd-plan-task.h"
#include "sd-ui.h"
#include "sd-unit.h"

/*
 * The plan page shows one annual plan: its header, a summary, and its
 * tasks month by month. Everything is a view of the store's models:
 *
 *   tasks ─▶ plan_tasks (plan and stream filter) ─▶ one filter per month
 *   months (12 SdPlanPageMonth) ─▶ GtkTreeListModel ─▶ GtkSingleSelection
 *
 * Each task is listed once, under the month it starts in, with its month
 * range. The cells are bound in C rather than with expressions, because
 * rows are either months or tasks, and a task's stream and owner are
 * looked up in the store by id.
 */

/* A month of the plan: a parent row of the tree, with the plan's tasks that
 * start in it. Private to the page. */
#define SD_TYPE_PLAN_PAGE_MONTH (sd_plan_page_month_get_type ())

G_DECLARE_FINAL_TYPE (SdPlanPageMonth, sd_plan_page_month, SD, PLAN_PAGE_MONTH, GObject)

struct _SdPlanPageMonth
{
  GObject             parent_instance;

  int                 month;
  GtkFilterListModel *tasks;
};

G_DEFINE_FINAL_TYPE (SdPlanPageMonth, sd_plan_page_month, G_TYPE_OBJECT)

static void
sd_plan_page_month_finalize (GObject *object)
{
  SdPlanPageMonth *self = SD_PLAN_PAGE_MONTH (object);

  g_clear_object (&self->tasks);

  G_OBJECT_CLASS (sd_plan_page_month_parent_class)->finalize (object);
}

static void
sd_plan_page_month_class_init (SdPlanPageMonthClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sd_plan_page_month_finalize;
}

static void
sd_plan_page_month_init (SdPlanPageMonth *self)
{
}

static gboolean
month_filter_func (gpointer item,
                   gpointer user_data)
{
  return sd_plan_task_get_start_month (item) == GPOINTER_TO_INT (user_data);
}

static SdPlanPageMonth *
sd_plan_page_month_new (int         month,
                        GListModel *plan_tasks)
{
  SdPlanPageMonth *self = g_object_new (SD_TYPE_PLAN_PAGE_MONTH, NULL);
  GtkCustomFilter *filter;

  filter = gtk_custom_filter_new (month_filter_func, GINT_TO_POINTER (month), NULL);
  self->month = month;
  self->tasks = gtk_filter_list_model_new (g_object_ref (plan_tasks), GTK_FILTER (filter));

  return self;
}

/* Updates a cell whose content depends on more than its own item: on other
 * items looked up by id (stream, owner) or on the plan's year and today's
 * date (overdue). */
typedef void (*CellUpdateFunc) (SdPlanPage  *self,
                                GtkListItem *list_item);

struct _SdPlanPage
{
  AdwBin              parent_instance;

  SdStore            *store;
  SdPlan             *plan;
  gint64              stream_id;     /* 0: all streams */
  GDateTime          *today;

  GtkSortListModel   *plans;         /* latest year first */
  gboolean            plans_changing;
  GtkCustomFilter    *stream_filter;
  GtkFilterListModel *plan_streams;
  GListStore         *stream_choices;
  GtkCustomFilter    *task_filter;
  GtkFilterListModel *plan_tasks;
  GListStore         *months;
  GtkTreeListModel   *tree;
  GtkSelectionModel  *selection;

  GHashTable         *live_cells;    /* GtkListItem → CellUpdateFunc */
  guint               summary_id;

  GtkStack           *stack;
  GtkLabel           *title_label;
  GtkDropDown        *plan_dropdown;
  GtkWidget          *goal_caption;
  GtkLabel           *goal_label;
  GtkWidget          *policy_caption;
  GtkLabel           *policy_label;
  GtkLabel           *done_label;
  GtkWidget          *done_tile;
  GtkLabel           *overdue_label;
  GtkLabel           *findings_label;
  GtkDropDown        *stream_dropdown;
  GtkColumnView      *task_view;
};

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

static gboolean
find_item (GListModel *model,
           gpointer    item,
           guint      *position)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }
  return FALSE;
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
task_filter_func (gpointer item,
                  gpointer user_data)
{
  SdPlanPage *self = user_data;
  SdPlanTask *task = item;

  if (self->plan == NULL || sd_plan_task_get_plan_id (task) != plan_id (self))
    return FALSE;

  return self->stream_id == 0 || sd_plan_task_get_stream_id (task) == self->stream_id;
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

  if (self->plan == NULL)
    return;

  /* Translators: the title of the plan page; %d is the plan's year */
  title = g_strdup_printf (_("Confidentiality Work Plan %d"), sd_plan_get_year (self->plan));
  gtk_label_set_text (self->title_label, title);
  set_text_row (self->goal_caption, self->goal_label, sd_plan_get_goal (self->plan));
  set_text_row (self->policy_caption, self->policy_label, sd_plan_get_policy (self->plan));
}

static void
set_number_style (GtkLabel   *label,
                  guint       n,
                  const char *style_class)
{
  g_autofree char *text = g_strdup_printf ("%u", n);

  gtk_label_set_text (label, text);
  if (n > 0)
    gtk_widget_add_css_class (GTK_WIDGET (label), style_class);
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), style_class);
}

static void refresh_live_cells (SdPlanPage *self);

static void
update_summary (SdPlanPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *done = NULL;
  g_autofree char *done_tooltip = NULL;
  SdPlanStats stats;

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
    return;

  sd_plan_stats_compute (self->store, self->plan, self->today, &stats);

  /* Translators: tasks done of all tasks, e.g. "7/12" */
  done = g_strdup_printf (C_("tasks done", "%u/%u"), stats.n_done, stats.n_tasks);
  gtk_label_set_text (self->done_label, done);
  done_tooltip = g_strdup_printf (ngettext ("%u of %u task done; cancelled tasks are not counted",
                                            "%u of %u tasks done; cancelled tasks are not counted",
                                            stats.n_tasks),
                                  stats.n_done, stats.n_tasks);
  gtk_widget_set_tooltip_text (self->done_tile, done_tooltip);

  set_number_style (self->overdue_label, stats.n_overdue, "error");
  set_number_style (self->findings_label, stats.n_open_findings, "warning");
}

static gboolean
summary_idle_cb (gpointer user_data)
{
  SdPlanPage *self = user_data;

  self->summary_id = 0;
  update_summary (self);

  return G_SOURCE_REMOVE;
}

/* An import or the demo data adds items one by one: count once afterwards. */
static void
queue_summary (SdPlanPage *self)
{
  if (self->summary_id == 0)
    self->summary_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, summary_idle_cb, self, NULL);
}

/* Selection of the plan and the stream */

static void
sync_plan_dropdown (SdPlanPage *self)
{
  guint position;

  if (self->plan != NULL &&
      find_item (G_LIST_MODEL (self->plans), self->plan, &position) &&
      gtk_drop_down_get_selected (self->plan_dropdown) != position)
    gtk_drop_down_set_selected (self->plan_dropdown, position);
}

static void
show_plan (SdPlanPage *self,
           SdPlan     *plan)
{
  if (!g_set_object (&self->plan, plan))
    return;

  /* Streams belong to a plan: start again from all of them. */
  self->stream_id = 0;
  gtk_drop_down_set_selected (self->stream_dropdown, 0);
  gtk_filter_changed (GTK_FILTER (self->stream_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->task_filter), GTK_FILTER_CHANGE_DIFFERENT);

  update_header (self);
  update_summary (self);
  sync_plan_dropdown (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

static void
plan_selected_cb (SdPlanPage *self)
{
  gpointer item;

  /* While the plans change, the drop-down picks a neighbour of a removed
   * plan on its own; plans_changed_after_cb() decides instead. */
  if (self->plans_changing)
    return;

  item = gtk_drop_down_get_selected_item (self->plan_dropdown);
  if (SD_IS_PLAN (item))
    show_plan (self, item);
}

static void
plans_changed_before_cb (SdPlanPage *self)
{
  self->plans_changing = TRUE;
}

static void
plans_changed_after_cb (SdPlanPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->plans));

  self->plans_changing = FALSE;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "plan" : "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->plan_dropdown), n > 1);

  if (self->plan != NULL && find_item (G_LIST_MODEL (self->plans), self->plan, NULL))
    {
      /* The plan itself may have changed: its year, goal or policy. */
      update_header (self);
      refresh_live_cells (self);
      queue_summary (self);
      sync_plan_dropdown (self);
    }
  else
    {
      GListModel *plans = sd_store_get_items (self->store, SD_TYPE_PLAN);

      show_plan (self, sd_plan_stats_default_plan (plans, self->today));
    }
}

static void
stream_selected_cb (SdPlanPage *self)
{
  gpointer item = gtk_drop_down_get_selected_item (self->stream_dropdown);
  gint64 stream_id = SD_IS_PLAN_STREAM (item) ? sd_item_get_id (item) : 0;

  if (stream_id == self->stream_id)
    return;

  self->stream_id = stream_id;
  gtk_filter_changed (GTK_FILTER (self->task_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
plan_streams_changed_cb (SdPlanPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->plan_streams));

  gtk_widget_set_visible (GTK_WIDGET (self->stream_dropdown), n > 0);
}

static char *
plan_year_string (SdPlan *plan)
{
  return plan != NULL ? g_strdup_printf ("%d", sd_plan_get_year (plan)) : g_strdup ("");
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

static void
update_month_count (GtkListItem *list_item,
                    GParamSpec  *pspec,
                    GListModel  *tasks)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkLabel *count = g_object_get_data (G_OBJECT (list_item), "count");
  guint n = g_list_model_get_n_items (tasks);
  g_autofree char *text = NULL;

  if (n == 0)
    text = g_strdup (_("No tasks"));
  else
    text = g_strdup_printf (ngettext ("%u task", "%u tasks", n), n);
  gtk_label_set_text (count, text);

  /* An empty month has nothing to expand: hide its arrow. */
  if (n == 0)
    gtk_widget_add_css_class (expander, "empty-month");
  else
    gtk_widget_remove_css_class (expander, "empty-month");
}

static void
title_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                SdPlanPage               *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *month = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);
  GtkWidget *title = new_inscription (40);

  gtk_label_set_xalign (GTK_LABEL (month), 0);
  gtk_widget_add_css_class (month, "heading");
  gtk_label_set_xalign (GTK_LABEL (count), 0);
  gtk_widget_add_css_class (count, "dim-label");

  gtk_box_append (GTK_BOX (box), month);
  gtk_box_append (GTK_BOX (box), count);
  gtk_box_append (GTK_BOX (box), title);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);

  g_object_set_data (G_OBJECT (list_item), "month", month);
  g_object_set_data (G_OBJECT (list_item), "count", count);
  g_object_set_data (G_OBJECT (list_item), "title", title);
}

static void
title_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               SdPlanPage               *self)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  GtkWidget *month_label = g_object_get_data (G_OBJECT (list_item), "month");
  GtkWidget *count = g_object_get_data (G_OBJECT (list_item), "count");
  GtkWidget *title = g_object_get_data (G_OBJECT (list_item), "title");
  g_autoptr(GObject) item = list_item_get_row_item (list_item);

  gtk_tree_expander_set_list_row (expander, gtk_list_item_get_item (list_item));

  gtk_widget_set_visible (month_label, SD_IS_PLAN_PAGE_MONTH (item));
  gtk_widget_set_visible (count, SD_IS_PLAN_PAGE_MONTH (item));
  gtk_widget_set_visible (title, SD_IS_PLAN_TASK (item));

  if (SD_IS_PLAN_PAGE_MONTH (item))
    {
      SdPlanPageMonth *month = SD_PLAN_PAGE_MONTH (item);
      gulong handler;

      gtk_label_set_text (GTK_LABEL (month_label), sd_month_label (month->month));
      update_month_count (list_item, NULL, G_LIST_MODEL (month->tasks));
      handler = g_signal_connect_object (month->tasks, "notify::n-items",
                                         G_CALLBACK (update_month_count), list_item,
                                         G_CONNECT_SWAPPED);
      g_object_set_data (G_OBJECT (list_item), "count-handler", GSIZE_TO_POINTER (handler));
      g_object_set_data_full (G_OBJECT (list_item), "count-model",
                              g_object_ref (month->tasks), g_object_unref);
    }
  else if (SD_IS_PLAN_TASK (item))
    {
      const char *text = sd_plan_task_get_title (SD_PLAN_TASK (item));

      gtk_widget_remove_css_class (GTK_WIDGET (expander), "empty-month");
      set_inscription (title, text);
    }
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
}

static void
inscription_setup (GtkListItem *list_item,
                   guint        nat_chars)
{
  gtk_list_item_set_child (list_item, new_inscription (nat_chars));
}

static void
stream_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 SdPlanPage               *self)
{
  inscription_setup (list_item, 16);
}

static void
stream_update (SdPlanPage  *self,
               GtkListItem *list_item)
{
  g_autoptr(GObject) item = list_item_get_row_item (list_item);
  const char *name = NULL;

  if (SD_IS_PLAN_TASK (item))
    {
      SdPlanStream *stream;

      stream = sd_store_lookup (self->store, SD_TYPE_PLAN_STREAM,
                                sd_plan_task_get_stream_id (SD_PLAN_TASK (item)));
      if (stream != NULL)
        name = sd_plan_stream_get_name (stream);
    }

  set_inscription (gtk_list_item_get_child (list_item), name);
}

static void
stream_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                SdPlanPage               *self)
{
  live_cell_bind (self, list_item, stream_update);
}

static void
owner_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                SdPlanPage               *self)
{
  inscription_setup (list_item, 24);
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
  int start, end;

  if (!SD_IS_PLAN_TASK (item))
    return FALSE;

  start = CLAMP (sd_plan_task_get_start_month (SD_PLAN_TASK (item)), 1, 12);
  end = CLAMP (sd_plan_task_get_end_month (SD_PLAN_TASK (item)), 1, 12);
  if (start == end)
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
  int end;

  if (self == NULL || !task_is_overdue (SD_PLAN_PAGE (self), item))
    return FALSE;

  end = CLAMP (sd_plan_task_get_end_month (SD_PLAN_TASK (item)), 1, 12);
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
create_month_model_cb (gpointer item,
                       gpointer user_data)
{
  if (SD_IS_PLAN_PAGE_MONTH (item))
    return g_object_ref (G_LIST_MODEL (SD_PLAN_PAGE_MONTH (item)->tasks));

  return NULL;
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
  GtkSingleSelection *selection;
  GtkNumericSorter *sorter;
  GtkExpression *expression;
  GListModel *plans;

  G_OBJECT_CLASS (sd_plan_page_parent_class)->constructed (object);

  g_assert (SD_IS_STORE (self->store));

  /* Plans, latest first, in the plan drop-down. */
  plans = sd_store_get_items (self->store, SD_TYPE_PLAN);
  expression = gtk_property_expression_new (SD_TYPE_PLAN, NULL, "year");
  sorter = gtk_numeric_sorter_new (expression);
  gtk_numeric_sorter_set_sort_order (sorter, GTK_SORT_DESCENDING);
  self->plans = gtk_sort_list_model_new (g_object_ref (plans), GTK_SORTER (sorter));

  /* Handlers run in the order they were connected: the first one before
   * the drop-down sees the change, the other one after everybody has. */
  g_signal_connect_object (self->plans, "items-changed",
                           G_CALLBACK (plans_changed_before_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->plans, "items-changed",
                           G_CALLBACK (plans_changed_after_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (plan_year_string), NULL, NULL);
  gtk_drop_down_set_expression (self->plan_dropdown, expression);
  gtk_expression_unref (expression);
  gtk_drop_down_set_model (self->plan_dropdown, G_LIST_MODEL (self->plans));

  /* Work streams of the plan, after "all of them", in the stream drop-down. */
  self->stream_filter = gtk_custom_filter_new (stream_filter_func, self, NULL);
  self->plan_streams =
    gtk_filter_list_model_new (g_object_ref (sd_store_get_items (self->store,
                                                                 SD_TYPE_PLAN_STREAM)),
                               g_object_ref (GTK_FILTER (self->stream_filter)));
  g_signal_connect_object (self->plan_streams, "items-changed",
                           G_CALLBACK (plan_streams_changed_cb), self, G_CONNECT_SWAPPED);

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

  /* Tasks of the plan, by the month they start in. */
  self->task_filter = gtk_custom_filter_new (task_filter_func, self, NULL);
  self->plan_tasks =
    gtk_filter_list_model_new (g_object_ref (sd_store_get_items (self->store,
                                                                 SD_TYPE_PLAN_TASK)),
                               g_object_ref (GTK_FILTER (self->task_filter)));

  self->months = g_list_store_new (SD_TYPE_PLAN_PAGE_MONTH);
  for (int month = 1; month <= 12; month++)
    {
      g_autoptr(SdPlanPageMonth) item = NULL;

      item = sd_plan_page_month_new (month, G_LIST_MODEL (self->plan_tasks));
      g_list_store_append (self->months, item);
    }

  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->months)),
                                        FALSE, TRUE, create_month_model_cb, NULL, NULL);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  /* Nothing is selected until the user picks a row. */
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);

  /* What the summary counts, and what the cells look up. */
  connect_store_model (self, SD_TYPE_PLAN_TASK, G_CALLBACK (queue_summary));
  connect_store_model (self, SD_TYPE_INSPECTION, G_CALLBACK (queue_summary));
  connect_store_model (self, SD_TYPE_FINDING, G_CALLBACK (queue_summary));
  connect_store_model (self, SD_TYPE_PLAN_STREAM, G_CALLBACK (refresh_live_cells));
  connect_store_model (self, SD_TYPE_UNIT, G_CALLBACK (refresh_live_cells));
  connect_store_model (self, SD_TYPE_PERSON, G_CALLBACK (refresh_live_cells));

  self->selection = GTK_SELECTION_MODEL (selection);

  plans_changed_after_cb (self);
  plan_streams_changed_cb (self);

  g_signal_connect_object (self->plan_dropdown, "notify::selected-item",
                           G_CALLBACK (plan_selected_cb), self, G_CONNECT_SWAPPED);
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

  /* The store outlives the page: stop listening to it first. */
  if (self->store != NULL)
    {
      disconnect_store_model (self, SD_TYPE_PLAN_TASK);
      disconnect_store_model (self, SD_TYPE_INSPECTION);
      disconnect_store_model (self, SD_TYPE_FINDING);
      disconnect_store_model (self, SD_TYPE_PLAN_STREAM);
      disconnect_store_model (self, SD_TYPE_UNIT);
      disconnect_store_model (self, SD_TYPE_PERSON);
    }
  if (self->plans != NULL)
    g_signal_handlers_disconnect_by_data (self->plans, self);
  if (self->plan_streams != NULL)
    g_signal_handlers_disconnect_by_data (self->plan_streams, self);

  /* AdwBin would unparent its child a second time after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_PLAN_PAGE);
  g_hash_table_remove_all (self->live_cells);

  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->months);
  g_clear_object (&self->plan_tasks);
  g_clear_object (&self->task_filter);
  g_clear_object (&self->stream_choices);
  g_clear_object (&self->plan_streams);
  g_clear_object (&self->stream_filter);
  g_clear_object (&self->plans);
  g_clear_object (&self->plan);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_plan_page_parent_class)->dispose (object);
}

static void
sd_plan_page_finalize (GObject *object)
{
  SdPlanPage *self = SD_PLAN_PAGE (object);

  g_clear_pointer (&self->live_cells, g_hash_table_unref);
  g_clear_pointer (&self->today, g_date_time_unref);

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

  /* The column view makes widgets for a couple of hundred rows as soon as
   * it has a model: wait until the page is shown for the first time, so
   * that the window shows its first page sooner. */
  if (gtk_column_view_get_model (self->task_view) == NULL)
    gtk_column_view_set_model (self->task_view, self->selection);

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

  /* The plan shown; setting %NULL shows the default plan again. */
  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, SD_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  sd_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/sd-plan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, plan_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, goal_caption);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, goal_label);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, policy_caption);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, policy_label);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, done_tile);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, done_label);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, findings_label);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, stream_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SdPlanPage, task_view);

  gtk_widget_class_bind_template_callback (widget_class, title_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, stream_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, stream_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, owner_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, owner_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, months_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, months_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, progress_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, progress_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, live_cell_unbind_cb);
}

static void
sd_plan_page_init (SdPlanPage *self)
{
  self->live_cells = g_hash_table_new (NULL, NULL);
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
 *   store has no plan
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
 * year, else the latest one.
 */
void
sd_plan_page_set_plan (SdPlanPage *self,
                       SdPlan     *plan)
{
  g_return_if_fail (SD_IS_PLAN_PAGE (self));
  g_return_if_fail (plan == NULL || SD_IS_PLAN (plan));

  /* Before constructed() the models do not exist yet. */
  g_return_if_fail (self->plans != NULL);

  if (plan == NULL)
    plan = sd_plan_stats_default_plan (sd_store_get_items (self->store, SD_TYPE_PLAN),
                                       self->today);
  else
    g_return_if_fail (find_item (G_LIST_MODEL (self->plans), plan, NULL));

  show_plan (self, plan);
}
