/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-plan-page.h"
#include "sd-plan-stats.h"
#include "sd-plan-task.h"

G_BEGIN_DECLS

/* The figures of the year summary, one tile each. */
typedef enum
{
  SD_PLAN_TILE_DONE,
  SD_PLAN_TILE_OVERDUE,
  SD_PLAN_TILE_FINDINGS,
  SD_PLAN_TILE_OVERDUE_FINDINGS,
  SD_PLAN_TILE_TRAINING,
  SD_PLAN_TILE_COMMITMENT,
  SD_PLAN_N_TILES
} SdPlanTile;

typedef struct
{
  GtkWidget *box;
  GtkLabel  *value;     /* "7/12", "90 %" */
  GtkLabel  *caption;   /* "Tasks done" */
  GtkLabel  *detail;    /* "58 % · target 100 %" */
} SdPlanSummaryTile;

struct _SdPlanPage
{
  AdwBin              parent_instance;

  SdStore            *store;
  SdPlan             *plan;          /* the plan of @year, or NULL */
  int                 year;          /* the year shown */
  gint64              stream_id;     /* the stream filter; 0: all streams */
  GDateTime          *today;
  SdPlanStats         stats;

  /* The years in the drop-down: every plan's and the current one, latest
   * first. */
  GtkStringList      *years;
  guint               updating_years;

  /* The plan's streams, by position: the stream filter's choices and the
   * groups of the task list. */
  GtkCustomFilter    *stream_filter;
  GtkSortListModel   *plan_streams;
  GListStore         *stream_choices;

  /* The task list: one SdPlanPageGroup per stream, each with a list of
   * the plan's tasks in it (searched, by position), kept up to date from
   * the store's tasks → the groups shown → a tree of groups and their
   * tasks → the selection. */
  GListStore         *groups;
  GHashTable         *dirty;         /* SdPlanTask changed since the last sync */
  GtkCustomFilter    *group_filter;
  GtkFilterListModel *shown_groups;
  GtkTreeListModel   *tree;
  GtkSingleSelection *selection;
  char               *search;        /* casefolded, or NULL */
  gint64              selected_id;   /* the task the user selected last */
  guint               restore_id;
  guint               focus_id;
  guint               focus_tries;
  guint               selecting;

  GHashTable         *live_cells;    /* GtkListItem → CellUpdateFunc */
  guint               summary_id;
  guint               tasks_id;
  gboolean            in_meeting;

  SdPlanSummaryTile   tiles[SD_PLAN_N_TILES];

  GtkStack           *mode_stack;
  GtkLabel           *title_label;
  GtkDropDown        *year_dropdown;
  GtkWidget          *edit_plan_button;
  GtkStack           *content_stack;
  AdwStatusPage      *empty_page;
  GtkButton          *create_button;
  GtkButton          *copy_previous_button;
  GtkWidget          *goal_grid;
  GtkWidget          *goal_caption;
  GtkLabel           *goal_label;
  GtkWidget          *policy_caption;
  GtkLabel           *policy_label;
  GtkFlowBox         *summary_box;
  AdwViewStack       *view_stack;
  AdwViewStackPage   *inspections_page;
  GtkDropDown        *stream_dropdown;
  GtkSearchEntry     *search_entry;
  GtkLabel           *count_label;
  GtkStack           *tasks_stack;
  AdwStatusPage      *no_tasks_page;
  GtkButton          *no_tasks_button;
  GtkColumnView      *task_view;
  GtkScrolledWindow  *timeline_scroll;
  AdwBin             *meetings_bin;
  AdwBin             *findings_bin;
  AdwBin             *training_bin;
  AdwBin             *letters_bin;
  AdwBin             *meeting_bin;

  /* The embedded views, made with the page. */
  GtkWidget          *timeline;
  GtkWidget          *meetings;
  GtkWidget          *findings;
  GtkWidget          *training;
  GtkWidget          *letters;
};

/* The plan of @year in the store, or NULL (transfer none). */
SdPlan     *sd_plan_page_find_plan          (SdPlanPage  *self,
                                             int          year);
int         sd_plan_page_get_year           (SdPlanPage  *self);
/* Shows @year: its plan, or the empty state that offers to make one. */
void        sd_plan_page_set_year           (SdPlanPage  *self,
                                             int          year);
/* The task the user points at: the one selected in the task list, or on
 * the timeline while it is shown (transfer none). */
SdPlanTask *sd_plan_page_get_selected_task  (SdPlanPage  *self);
/* Selects @task in the task list (showing its group) and scrolls to it. */
void        sd_plan_page_select_task        (SdPlanPage  *self,
                                             SdPlanTask  *task);
/* Moves the keyboard focus to the selected row, once it is shown. */
void        sd_plan_page_focus_selected_row (SdPlanPage  *self);
/* Brings the task list up to date with the store now, not at the next
 * idle. */
void        sd_plan_page_sync_tasks         (SdPlanPage  *self);
/* The rows of the task list: GtkTreeListRow of groups and tasks
 * (transfer none). */
GListModel *sd_plan_page_get_rows           (SdPlanPage  *self);
/* Recounts the summary now instead of at the next idle. */
void        sd_plan_page_update_summary     (SdPlanPage  *self);
/* The name of the visible view: "tasks", "timeline", "meetings", ... */
const char *sd_plan_page_get_view           (SdPlanPage  *self);
void        sd_plan_page_set_view           (SdPlanPage  *self,
                                             const char  *view);

/* sd-plan-page-actions.c */
void        sd_plan_page_class_init_actions (GtkWidgetClass *widget_class);
void        sd_plan_page_update_actions     (SdPlanPage     *self);
/* Opens the task editor for @task (NULL: a new task of the plan). */
void        sd_plan_page_edit_task          (SdPlanPage     *self,
                                             SdPlanTask     *task);
void        sd_plan_page_enter_meeting      (SdPlanPage     *self);
void        sd_plan_page_leave_meeting      (SdPlanPage     *self);

G_END_DECLS
