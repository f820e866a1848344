/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-task-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sd-labels.h"
#include "sd-person.h"
#include "sd-plan-stats.h"
#include "sd-task-editor.h"
#include "sd-unit.h"

/*
 * Most fields are the editor base's own. The months and the exact dates
 * are not: the store refuses a start after the end, so the pair is stored
 * together, and only once it is in order; until then the row says what is
 * wrong. A new task keeps them as defaults of its insert.
 */

struct _SdTaskEditor
{
  SdEditorWindow       parent_instance;

  SdPlan              *plan;
  gint64               new_stream_id;
  int                  year;

  GtkWidget           *status_row;
  GtkWidget           *months_row;
  GtkDropDown         *start_month;
  GtkDropDown         *end_month;
  GtkWidget           *months_error;
  AdwExpanderRow      *dates_row;
  GtkWidget           *start_date_row;
  GtkWidget           *end_date_row;
  GtkWidget           *dates_error;

  /* What the store holds (or, for a new task, what its insert will get),
   * as last shown. */
  int                  start;
  int                  end;
  char                *start_date;
  char                *end_date;
  guint                syncing;
};

G_DEFINE_FINAL_TYPE (SdTaskEditor, sd_task_editor, SD_TYPE_EDITOR_WINDOW)

enum {
  PROP_0,
  PROP_PLAN,
  PROP_STREAM_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const status_codes[] = { "planned", "in-progress", "done", "cancelled",
                                             NULL };

static SdPlanTask *
get_task (SdTaskEditor *self)
{
  return sd_editor_window_get_item (SD_EDITOR_WINDOW (self));
}

static SdStore *
get_store (SdTaskEditor *self)
{
  return sd_editor_window_get_store (SD_EDITOR_WINDOW (self));
}

/* Dates */

/* "2026-3-1" and "2026-03-01" are the same date; FALSE if it is none. */
static gboolean
parse_date (const char *text,
            GDate      *date)
{
  unsigned year, month, day;
  char rest;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &rest) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* Errors shown under a row */

static GtkWidget *
error_label_new (AdwPreferencesGroup *group,
                 GtkWidget           *row)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_visible (label, FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL,
                                  -1);
  adw_preferences_group_add (group, label);
  return label;
}

static void
show_error (GtkWidget  *label,
            GtkWidget  *row,
            const char *message)
{
  gtk_label_set_text (GTK_LABEL (label), message != NULL ? message : "");
  gtk_widget_set_visible (label, message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

/* Showing what is stored */

static void
update_status_subtitle (SdTaskEditor *self)
{
  SdPlanTask *task = get_task (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *subtitle = NULL;

  if (task != NULL && sd_plan_task_is_overdue (task, self->year, now))
    {
      const char *end_date = sd_plan_task_get_end_date (task);

      if (end_date != NULL)
        /* Translators: below the status of a late task; %s is a date */
        subtitle = g_strdup_printf (_("Overdue: was due on %s"), end_date);
      else
        /* Translators: below the status of a late task; %s is a month */
        subtitle = g_strdup_printf (_("Overdue: was due by the end of %s"),
                                    sd_month_label (CLAMP (sd_plan_task_get_end_month (task),
                                                           1, 12)));
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->status_row), subtitle);
  if (subtitle != NULL)
    gtk_widget_add_css_class (self->status_row, "overdue");
  else
    gtk_widget_remove_css_class (self->status_row, "overdue");
}

static void
set_entry (GtkWidget  *row,
           const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* Shows the stored months and dates; unless @force, only where they
 * changed, so that a pair being chosen is not overwritten by another
 * field's edit. */
static void
sync_when (SdTaskEditor *self,
           gboolean      force)
{
  SdPlanTask *task = get_task (self);
  int start = self->start, end = self->end;
  const char *start_date = self->start_date, *end_date = self->end_date;

  if (task != NULL)
    {
      start = CLAMP (sd_plan_task_get_start_month (task), 1, 12);
      end = CLAMP (sd_plan_task_get_end_month (task), 1, 12);
      start_date = sd_plan_task_get_start_date (task);
      end_date = sd_plan_task_get_end_date (task);
    }

  self->syncing++;
  if (force || start != self->start || end != self->end)
    {
      self->start = start;
      self->end = end;
      gtk_drop_down_set_selected (self->start_month, start - 1);
      gtk_drop_down_set_selected (self->end_month, end - 1);
      show_error (self->months_error, self->months_row, NULL);
    }
  if (force || g_strcmp0 (start_date, self->start_date) != 0 ||
      g_strcmp0 (end_date, self->end_date) != 0)
    {
      /* The strings may be our own: copy before freeing. */
      char *new_start = g_strdup (start_date);
      char *new_end = g_strdup (end_date);

      g_free (self->start_date);
      g_free (self->end_date);
      self->start_date = new_start;
      self->end_date = new_end;
      adw_expander_row_set_enable_expansion (self->dates_row,
                                             new_start != NULL || new_end != NULL);
      set_entry (self->start_date_row, new_start);
      set_entry (self->end_date_row, new_end);
      show_error (self->dates_error, GTK_WIDGET (self->dates_row), NULL);
    }
  self->syncing--;

  update_status_subtitle (self);
}

/* Storing the months and dates */

static void
set_new_default_int (SdTaskEditor *self,
                     const char   *property,
                     int           value)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_value_init (&gvalue, G_TYPE_INT);
  g_value_set_int (&gvalue, value);
  sd_editor_window_set_default (SD_EDITOR_WINDOW (self), property, &gvalue);
}

/* Stores the four values in one edit; FALSE (with a toast) if the store
 * refused, and the rows show what it holds. */
static gboolean
store_when (SdTaskEditor *self,
            int           start,
            int           end,
            const char   *start_date,
            const char   *end_date)
{
  SdPlanTask *task = get_task (self);
  const char *names[] = { "start-month", "end-month", "start-date", "end-date" };
  GValue values[4] = { G_VALUE_INIT, G_VALUE_INIT, G_VALUE_INIT, G_VALUE_INIT };
  gboolean ok;

  g_assert (start <= end);

  if (task == NULL)
    {
      /* A new task: they go into its insert. */
      set_new_default_int (self, "start-month", start);
      set_new_default_int (self, "end-month", end);
      sd_editor_window_set_default_string (SD_EDITOR_WINDOW (self), "start-date", start_date);
      sd_editor_window_set_default_string (SD_EDITOR_WINDOW (self), "end-date", end_date);
      self->start = start;
      self->end = end;
      {
        char *new_start = g_strdup (start_date);
        char *new_end = g_strdup (end_date);

        g_free (self->start_date);
        g_free (self->end_date);
        self->start_date = new_start;
        self->end_date = new_end;
      }
      sync_when (self, TRUE);
      return TRUE;
    }

  g_value_init (&values[0], G_TYPE_INT);
  g_value_set_int (&values[0], start);
  g_value_init (&values[1], G_TYPE_INT);
  g_value_set_int (&values[1], end);
  g_value_init (&values[2], G_TYPE_STRING);
  g_value_set_string (&values[2], start_date);
  g_value_init (&values[3], G_TYPE_STRING);
  g_value_set_string (&values[3], end_date);
  ok = sd_editor_window_update (SD_EDITOR_WINDOW (self), G_N_ELEMENTS (names), names, values);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_value_unset (&values[i]);

  sync_when (self, TRUE);
  return ok;
}

static gboolean
apply_months (SdTaskEditor *self,
              int           start,
              int           end)
{
  if (start > end)
    {
      g_autofree char *message = NULL;

      /* Translators: shown below the months of a task; both %s are months */
      message = g_strdup_printf (_("The start month, %s, is after the end month, %s: "
                                   "choose a start no later than the end."),
                                 sd_month_label (start), sd_month_label (end));
      show_error (self->months_error, self->months_row, message);
      return FALSE;
    }
  show_error (self->months_error, self->months_row, NULL);

  if (start == self->start && end == self->end)
    return TRUE;
  /* Whole months replace exact dates, which would contradict them. */
  return store_when (self, start, end, NULL, NULL);
}

static void
months_changed_cb (SdTaskEditor *self)
{
  guint start = gtk_drop_down_get_selected (self->start_month);
  guint end = gtk_drop_down_get_selected (self->end_month);

  if (self->syncing > 0 || start == GTK_INVALID_LIST_POSITION ||
      end == GTK_INVALID_LIST_POSITION)
    return;
  apply_months (self, (int) start + 1, (int) end + 1);
}

/* Reads a date row: TRUE with @date set, or with @date NULL for an empty
 * row; FALSE with the message shown. */
static gboolean
read_date_row (SdTaskEditor  *self,
               GtkWidget     *row,
               char         **date)
{
  const char *entered = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *text = g_strstrip (g_strdup (entered));
  GDate parsed;

  *date = NULL;
  if (*text == '\0')
    return TRUE;
  if (!parse_date (text, &parsed))
    {
      show_error (self->dates_error, GTK_WIDGET (self->dates_row),
                  /* Translators: YYYY-MM-DD is the date format; keep it */
                  _("Enter the dates as YYYY-MM-DD, such as 2026-03-15."));
      return FALSE;
    }
  if (g_date_get_year (&parsed) != self->year)
    {
      g_autofree char *message = NULL;

      /* Translators: %d is the year of the plan */
      message = g_strdup_printf (_("The dates must lie in %d, the year of the plan."),
                                 self->year);
      show_error (self->dates_error, GTK_WIDGET (self->dates_row), message);
      return FALSE;
    }
  *date = format_date (&parsed);
  return TRUE;
}

static void
dates_apply_cb (SdTaskEditor *self)
{
  g_autofree char *start_date = NULL;
  g_autofree char *end_date = NULL;
  int start = self->start, end = self->end;
  GDate date;

  if (!read_date_row (self, self->start_date_row, &start_date) ||
      !read_date_row (self, self->end_date_row, &end_date))
    return;

  if (start_date != NULL && parse_date (start_date, &date))
    start = g_date_get_month (&date);
  if (end_date != NULL && parse_date (end_date, &date))
    end = g_date_get_month (&date);
  if ((start_date != NULL && end_date != NULL && g_strcmp0 (start_date, end_date) > 0) ||
      start > end)
    {
      show_error (self->dates_error, GTK_WIDGET (self->dates_row),
                  _("The start date is after the end date: choose a start no later than "
                    "the end."));
      return;
    }
  show_error (self->dates_error, GTK_WIDGET (self->dates_row), NULL);
  store_when (self, start, end, start_date, end_date);
}

/* Switching exact dates on fills them in from the months, which means the
 * same; switching them off goes back to whole months. */
static void
dates_enabled_cb (SdTaskEditor *self)
{
  gboolean enabled = adw_expander_row_get_enable_expansion (self->dates_row);
  g_autofree char *start_date = NULL;
  g_autofree char *end_date = NULL;
  GDate date;

  if (self->syncing > 0)
    return;

  if (enabled)
    {
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, self->start, self->year);
      start_date = format_date (&date);
      g_date_set_dmy (&date, g_date_get_days_in_month (self->end, self->year), self->end,
                      self->year);
      end_date = format_date (&date);
      adw_expander_row_set_expanded (self->dates_row, TRUE);
    }
  store_when (self, self->start, self->end, start_date, end_date);
}

/* Following the store */

static void
tasks_changed_cb (SdTaskEditor *self)
{
  /* Deleted: the base closes the window. */
  if (sd_editor_window_get_item_id (SD_EDITOR_WINDOW (self)) != 0 && get_task (self) == NULL)
    return;
  sync_when (self, FALSE);
}

/* GObject */

static AdwPreferencesGroup *
add_group (SdTaskEditor *self,
           const char   *title,
           const char   *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (sd_editor_window_get_page (SD_EDITOR_WINDOW (self)),
                            ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

static gboolean
stream_of_plan (gpointer item,
                gpointer user_data)
{
  return sd_plan_stream_get_plan_id (item) == *(gint64 *) user_data;
}

static GtkDropDown *
month_drop_down_new (const char *name,
                     const char *accessible_name)
{
  const char *months[13];
  GtkWidget *drop_down;

  for (int i = 0; i < 12; i++)
    months[i] = sd_month_label (i + 1);
  months[12] = NULL;
  drop_down = gtk_drop_down_new_from_strings (months);
  gtk_widget_set_name (drop_down, name);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name,
                                  -1);
  return GTK_DROP_DOWN (drop_down);
}

static int
last_position (SdTaskEditor *self)
{
  GListModel *tasks = sd_store_get_items (get_store (self), SD_TYPE_PLAN_TASK);
  gint64 id = sd_item_get_id (SD_ITEM (self->plan));
  int last = -1;

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(SdPlanTask) task = g_list_model_get_item (tasks, i);

      if (sd_plan_task_get_plan_id (task) == id)
        last = MAX (last, sd_plan_task_get_position (task));
    }
  return last;
}

static void
sd_task_editor_constructed (GObject *object)
{
  SdTaskEditor *self = SD_TASK_EDITOR (object);
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  SdStore *store;
  SdPlanTask *task;
  AdwPreferencesGroup *group;
  GtkCustomFilter *stream_filter;
  gint64 *plan_id;
  GtkWidget *to;

  G_OBJECT_CLASS (sd_task_editor_parent_class)->constructed (object);

  store = get_store (self);
  task = get_task (self);
  if (task != NULL)
    g_set_object (&self->plan, sd_store_lookup (store, SD_TYPE_PLAN,
                                                sd_plan_task_get_plan_id (task)));
  g_return_if_fail (SD_IS_PLAN (self->plan));
  self->year = sd_plan_get_year (self->plan);

  sd_editor_window_set_titles (editor, _("New Task"), _("Task"));
  if (task == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      int month = g_date_time_get_year (now) == self->year ? g_date_time_get_month (now) : 1;

      sd_editor_window_set_default_ref (editor, "plan-id", sd_item_get_id (SD_ITEM (self->plan)));
      sd_editor_window_set_default_ref (editor, "stream-id", self->new_stream_id);
      sd_editor_window_set_default_string (editor, "status", "planned");
      set_new_default_int (self, "progress", 0);
      /* Last of the plan is last of any stream. */
      set_new_default_int (self, "position", last_position (self) + 1);
      set_new_default_int (self, "start-month", month);
      set_new_default_int (self, "end-month", month);
      self->start = self->end = month;
    }

  /* The task */
  group = add_group (self, NULL,
                     task == NULL ? _("The task is added when its title is applied.") : NULL);
  sd_editor_window_add_entry (editor, group, "title", _("Title"), TRUE);
  plan_id = g_new (gint64, 1);
  *plan_id = sd_item_get_id (SD_ITEM (self->plan));
  stream_filter = gtk_custom_filter_new (stream_of_plan, plan_id, g_free);
  sd_editor_window_add_ref (editor, group, "stream-id", _("Work Stream"), SD_TYPE_PLAN_STREAM,
                            _("None"), GTK_FILTER (stream_filter));
  self->status_row = sd_editor_window_add_choice (editor, group, "status", _("Status"),
                                                  status_codes, sd_task_status_label);
  sd_editor_window_add_spin (editor, group, "progress", _("Progress (%)"), 0, 100);

  /* Who owns it */
  group = add_group (self, _("Owner"), NULL);
  sd_editor_window_add_ref (editor, group, "owner-unit-id", _("Unit"), SD_TYPE_UNIT,
                            _("None"), NULL);
  sd_editor_window_add_ref (editor, group, "owner-person-id", _("Person"), SD_TYPE_PERSON,
                            _("None"), NULL);

  /* When */
  group = add_group (self, _("When"), NULL);
  self->start_month = month_drop_down_new ("start-month", _("Start month"));
  self->end_month = month_drop_down_new ("end-month", _("End month"));
  self->months_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->months_row), _("Months"));
  to = gtk_label_new (C_("month range", "to"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->months_row), GTK_WIDGET (self->start_month));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->months_row), to);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->months_row), GTK_WIDGET (self->end_month));
  adw_preferences_group_add (group, self->months_row);
  self->months_error = error_label_new (group, self->months_row);

  self->dates_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->dates_row), _("Exact Dates"));
  adw_expander_row_set_subtitle (self->dates_row,
                                 _("A start and end day instead of whole months"));
  adw_expander_row_set_show_enable_switch (self->dates_row, TRUE);
  self->start_date_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->start_date_row),
                                 _("Start Date (YYYY-MM-DD)"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->start_date_row), TRUE);
  gtk_widget_set_name (self->start_date_row, "start-date");
  self->end_date_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->end_date_row),
                                 _("End Date (YYYY-MM-DD)"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->end_date_row), TRUE);
  gtk_widget_set_name (self->end_date_row, "end-date");
  adw_expander_row_add_row (self->dates_row, self->start_date_row);
  adw_expander_row_add_row (self->dates_row, self->end_date_row);
  adw_preferences_group_add (group, GTK_WIDGET (self->dates_row));
  self->dates_error = error_label_new (group, GTK_WIDGET (self->dates_row));

  sync_when (self, TRUE);
  g_signal_connect_object (self->start_month, "notify::selected",
                           G_CALLBACK (months_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->end_month, "notify::selected",
                           G_CALLBACK (months_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dates_row, "notify::enable-expansion",
                           G_CALLBACK (dates_enabled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->start_date_row, "apply", G_CALLBACK (dates_apply_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->end_date_row, "apply", G_CALLBACK (dates_apply_cb), self,
                           G_CONNECT_SWAPPED);

  /* What shows it is done */
  group = add_group (self, _("Evidence"),
                     _("What shows the work was done: minutes, a record, a document and "
                       "where it is kept."));
  sd_editor_window_add_entry (editor, group, "evidence", _("Evidence"), FALSE);
  if (task != NULL && sd_plan_task_get_carried_over (task))
    sd_editor_window_add_switch (editor, group, "carried-over", _("Carried Over"),
                                 _("Not finished last year and taken into this year’s plan"));

  g_signal_connect_object (sd_store_get_items (store, SD_TYPE_PLAN_TASK), "items-changed",
                           G_CALLBACK (tasks_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

static void
sd_task_editor_item_created (SdEditorWindow *editor)
{
  SdTaskEditor *self = SD_TASK_EDITOR (editor);
  AdwPreferencesPage *page = sd_editor_window_get_page (editor);
  GtkWidget *first;

  /* The group that said when the task would be added. */
  first = gtk_widget_get_first_child (GTK_WIDGET (page));
  while (first != NULL && !ADW_IS_PREFERENCES_GROUP (first))
    first = gtk_widget_get_first_child (first);
  if (first != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (first), NULL);
  sync_when (self, TRUE);
}

static gboolean
sd_task_editor_close_request (GtkWindow *window)
{
  SdTaskEditor *self = SD_TASK_EDITOR (window);
  const char *start = gtk_editable_get_text (GTK_EDITABLE (self->start_date_row));
  const char *end = gtk_editable_get_text (GTK_EDITABLE (self->end_date_row));

  /* Dates typed and not applied are kept, as the base keeps its fields,
   * if they are dates in order. */
  if (adw_expander_row_get_enable_expansion (self->dates_row) &&
      (g_strcmp0 (start, self->start_date != NULL ? self->start_date : "") != 0 ||
       g_strcmp0 (end, self->end_date != NULL ? self->end_date : "") != 0))
    dates_apply_cb (self);

  return GTK_WINDOW_CLASS (sd_task_editor_parent_class)->close_request (window);
}

static void
sd_task_editor_dispose (GObject *object)
{
  SdTaskEditor *self = SD_TASK_EDITOR (object);

  g_clear_object (&self->plan);

  G_OBJECT_CLASS (sd_task_editor_parent_class)->dispose (object);
}

static void
sd_task_editor_finalize (GObject *object)
{
  SdTaskEditor *self = SD_TASK_EDITOR (object);

  g_free (self->start_date);
  g_free (self->end_date);

  G_OBJECT_CLASS (sd_task_editor_parent_class)->finalize (object);
}

static void
sd_task_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SdTaskEditor *self = SD_TASK_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;

    case PROP_STREAM_ID:
      g_value_set_int64 (value, self->new_stream_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_task_editor_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SdTaskEditor *self = SD_TASK_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_set_object (&self->plan, g_value_get_object (value));
      break;

    case PROP_STREAM_ID:
      self->new_stream_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_task_editor_class_init (SdTaskEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  SdEditorWindowClass *editor_class = SD_EDITOR_WINDOW_CLASS (klass);

  object_class->constructed = sd_task_editor_constructed;
  object_class->dispose = sd_task_editor_dispose;
  object_class->finalize = sd_task_editor_finalize;
  object_class->get_property = sd_task_editor_get_property;
  object_class->set_property = sd_task_editor_set_property;
  window_class->close_request = sd_task_editor_close_request;
  editor_class->item_created = sd_task_editor_item_created;

  /* The plan of a new task (an existing one's is looked up). */
  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, SD_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The stream of a new task, or 0. */
  properties[PROP_STREAM_ID] =
    g_param_spec_int64 ("stream-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_task_editor_init (SdTaskEditor *self)
{
  self->start = self->end = 1;
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 760);
}

/**
 * sd_task_editor_new:
 * @store: the store
 * @task: the task to edit
 *
 * Returns: (transfer none): the editor, not yet shown
 */
GtkWidget *
sd_task_editor_new (SdStore    *store,
                    SdPlanTask *task)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_PLAN_TASK (task), NULL);

  return g_object_new (SD_TYPE_TASK_EDITOR,
                       "store", store,
                       "item-type", SD_TYPE_PLAN_TASK,
                       "item", task,
                       NULL);
}

/**
 * sd_task_editor_new_for_plan:
 * @store: the store
 * @plan: the plan the task is for
 * @stream: (nullable): its work stream
 *
 * Returns: (transfer none): the editor of a new task, not yet shown
 */
GtkWidget *
sd_task_editor_new_for_plan (SdStore      *store,
                             SdPlan       *plan,
                             SdPlanStream *stream)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (stream == NULL || SD_IS_PLAN_STREAM (stream), NULL);

  return g_object_new (SD_TYPE_TASK_EDITOR,
                       "store", store,
                       "item-type", SD_TYPE_PLAN_TASK,
                       "plan", plan,
                       "stream-id", stream != NULL ? sd_item_get_id (SD_ITEM (stream)) : 0,
                       NULL);
}

gboolean
sd_task_editor_set_months (SdTaskEditor *self,
                           int           start,
                           int           end)
{
  g_return_val_if_fail (SD_IS_TASK_EDITOR (self), FALSE);
  g_return_val_if_fail (start >= 1 && start <= 12 && end >= 1 && end <= 12, FALSE);

  /* As the user would: one drop-down, then the other. */
  self->syncing++;
  gtk_drop_down_set_selected (self->start_month, start - 1);
  gtk_drop_down_set_selected (self->end_month, end - 1);
  self->syncing--;
  return apply_months (self, start, end);
}
