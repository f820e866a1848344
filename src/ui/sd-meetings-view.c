/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-meetings-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "sd-decision.h"
#include "sd-editor-window.h"
#include "sd-file-actions.h"
#include "sd-labels.h"
#include "sd-meeting-attendee.h"
#include "sd-meeting.h"
#include "sd-meetings-view.h"
#include "sd-person.h"
#include "sd-plan-edit.h"
#include "sd-plan-stream.h"
#include "sd-plan-task.h"
#include "sd-unit.h"

/*
 * The meetings of a plan on the left, the selected one on the right. A
 * plan has a handful of meetings, each a handful of attendees and
 * decisions, so those are plain rows kept in step with the store; only
 * the attendee picker offers the whole organisation (thousands of
 * people), through a GtkListView over a filter of the store's people.
 *
 * Every change of the store comes back as items-changed; the view looks
 * at the store again in one idle, so that a deletion that takes a
 * meeting's attendees and decisions with it is shown once. A field being
 * edited keeps what the user typed until it is written: when it loses
 * the focus, on Enter, or (the minutes) a moment after typing stops.
 */

/* The minutes are written this long after the last keystroke, so that a
 * crash loses at most a sentence. */
#define MINUTES_DELAY_MS 1000

static const char * const kinds[] = { "quarterly-review", "coordination", "year-end" };

struct _SdMeetingsView
{
  GtkWidget           parent_instance;

  SdStore            *store;
  SdPlan             *plan;
  SdMeeting          *meeting;         /* the meeting shown, or NULL */
  gint64              shown_id;        /* the meeting the fields hold */
  GHashTable         *rows;            /* meeting id → its row in the list */
  GHashTable         *decision_rows;   /* decision id → its row */
  GHashTable         *attendee_ids;    /* person ids of the meeting's attendees */
  GHashTable         *search_keys;     /* person id → casefolded "name unit" */
  char               *query;           /* casefolded, or NULL */
  guint               syncing;
  /* Fields changed by the user and not written yet: only those are
   * written, so that a field never puts back a value changed elsewhere. */
  gboolean            date_dirty;
  gboolean            title_dirty;
  gboolean            minutes_dirty;
  guint               selecting;
  guint               refresh_id;
  guint               minutes_id;

  GtkStack           *stack;
  GtkListBox         *list;
  GtkLabel           *heading;
  AdwEntryRow        *date_row;
  GtkMenuButton      *calendar_button;
  GtkCalendar        *calendar;
  AdwComboRow        *kind_row;
  AdwEntryRow        *title_row;
  GtkFlowBox         *attendees;
  GtkWidget          *no_attendees;
  GtkMenuButton      *attendee_button;
  GtkSearchEntry     *person_search;
  GtkListView        *person_list;
  GtkWidget          *person_none;
  GtkCustomFilter    *person_filter;
  GtkFilterListModel *people;
  GtkSingleSelection *person_selection;
  GtkTextView        *minutes;
  GtkListBox         *decisions;
  AdwEntryRow        *decision_entry;
};

G_DEFINE_FINAL_TYPE (SdMeetingsView, sd_meetings_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh_now (SdMeetingsView *self);

/* Helpers */

static gint64
item_id (gpointer item)
{
  return sd_item_get_id (SD_ITEM (item));
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || *text == '\0';
}

/* TRUE for a real date written YYYY-MM-DD. */
static gboolean
date_is_valid (const char *text)
{
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  return g_date_valid_dmy (atoi (text + 8), atoi (text + 5), atoi (text));
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static gboolean
focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The meeting shown, if the store still has it. */
static SdMeeting *
current_meeting (SdMeetingsView *self)
{
  if (self->meeting == NULL ||
      sd_store_lookup (self->store, SD_TYPE_MEETING, item_id (self->meeting)) != self->meeting)
    return NULL;
  return self->meeting;
}

static const char *
meeting_name (SdMeeting *meeting)
{
  const char *title = sd_meeting_get_title (meeting);

  return !is_blank (title) ? title : sd_meeting_kind_label (sd_meeting_get_kind (meeting));
}

static gboolean
update_meeting (SdMeetingsView *self,
                const char     *property,
                const char     *value)
{
  SdMeeting *meeting = current_meeting (self);
  g_autoptr(GError) error = NULL;

  if (meeting == NULL)
    return FALSE;
  if (!sd_store_update (self->store, meeting, &error, property, value, NULL))
    {
      sd_ui_toast_error (GTK_WIDGET (self), _("Could not change the meeting"), error);
      return FALSE;
    }
  return TRUE;
}

/* Writing the fields */

static void
set_entry_text (AdwEntryRow *row,
                const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
commit_date (SdMeetingsView *self)
{
  SdMeeting *meeting = current_meeting (self);
  g_autofree char *text = NULL;

  if (self->syncing > 0 || !self->date_dirty || meeting == NULL ||
      item_id (meeting) != self->shown_id)
    return;
  self->date_dirty = FALSE;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  if (g_strcmp0 (text, sd_meeting_get_date (meeting)) == 0)
    return;
  if (!date_is_valid (text))
    {
      g_autofree char *message =
        /* Translators: %s is what the user typed as a date */
        g_strdup_printf (_("“%s” is not a date: write it as YYYY-MM-DD, e.g. 2026-03-31"),
                         text);

      sd_ui_toast_text (GTK_WIDGET (self), message);
      self->syncing++;
      set_entry_text (self->date_row, sd_meeting_get_date (meeting));
      self->syncing--;
      return;
    }
  if (!update_meeting (self, "date", text))
    {
      self->syncing++;
      set_entry_text (self->date_row, sd_meeting_get_date (meeting));
      self->syncing--;
    }
}

static void
commit_title (SdMeetingsView *self)
{
  SdMeeting *meeting = current_meeting (self);
  g_autofree char *text = NULL;

  if (self->syncing > 0 || !self->title_dirty || meeting == NULL ||
      item_id (meeting) != self->shown_id)
    return;
  self->title_dirty = FALSE;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  if (g_strcmp0 (text, sd_meeting_get_title (meeting) != NULL ?
                       sd_meeting_get_title (meeting) : "") == 0)
    return;
  update_meeting (self, "title", *text != '\0' ? text : NULL);
}

static void
commit_kind (SdMeetingsView *self)
{
  SdMeeting *meeting = current_meeting (self);
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (self->syncing > 0 || meeting == NULL || item_id (meeting) != self->shown_id ||
      selected >= G_N_ELEMENTS (kinds))
    return;
  if (g_strcmp0 (kinds[selected], sd_meeting_get_kind (meeting)) != 0)
    update_meeting (self, "kind", kinds[selected]);
}

static void
commit_minutes (SdMeetingsView *self)
{
  SdMeeting *meeting = current_meeting (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->minutes);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  const char *stored;

  g_clear_handle_id (&self->minutes_id, g_source_remove);
  if (self->syncing > 0 || !self->minutes_dirty || meeting == NULL ||
      item_id (meeting) != self->shown_id)
    return;
  self->minutes_dirty = FALSE;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  stored = sd_meeting_get_minutes (meeting);
  if (g_strcmp0 (text, stored != NULL ? stored : "") == 0)
    return;
  update_meeting (self, "minutes", *text != '\0' ? text : NULL);
}

/* Writes whatever is typed and not written yet, before the fields show
 * another meeting or go away. */
static void
flush_edits (SdMeetingsView *self)
{
  commit_date (self);
  commit_title (self);
  commit_minutes (self);
}

static gboolean
minutes_timeout_cb (gpointer user_data)
{
  SdMeetingsView *self = user_data;

  self->minutes_id = 0;
  commit_minutes (self);
  return G_SOURCE_REMOVE;
}

static void
date_changed_cb (SdMeetingsView *self)
{
  if (self->syncing == 0)
    self->date_dirty = TRUE;
}

static void
title_changed_cb (SdMeetingsView *self)
{
  if (self->syncing == 0)
    self->title_dirty = TRUE;
}

static void
minutes_changed_cb (SdMeetingsView *self)
{
  if (self->syncing > 0)
    return;
  self->minutes_dirty = TRUE;
  g_clear_handle_id (&self->minutes_id, g_source_remove);
  self->minutes_id = g_timeout_add (MINUTES_DELAY_MS, minutes_timeout_cb, self);
}

/* Attendees */

static const char *
search_key (SdMeetingsView *self,
            SdPerson       *person)
{
  gint64 id = item_id (person);
  char *key;

  if (self->search_keys == NULL)
    self->search_keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  key = g_hash_table_lookup (self->search_keys, &id);
  if (key == NULL)
    {
      SdUnit *unit = sd_store_lookup (self->store, SD_TYPE_UNIT, sd_person_get_unit_id (person));
      g_autofree char *text = g_strdup_printf ("%s\n%s", sd_person_get_name (person),
                                               unit != NULL ? sd_unit_get_name (unit) : "");

      key = g_utf8_casefold (text, -1);
      g_hash_table_insert (self->search_keys, g_memdup2 (&id, sizeof id), key);
    }
  return key;
}

static gboolean
person_offered_cb (gpointer item,
                   gpointer user_data)
{
  SdMeetingsView *self = user_data;
  SdPerson *person = item;
  gint64 id = item_id (person);

  if (!sd_person_get_active (person) || g_hash_table_contains (self->attendee_ids, &id))
    return FALSE;
  return self->query == NULL || strstr (search_key (self, person), self->query) != NULL;
}

static void
update_person_none (SdMeetingsView *self)
{
  gtk_widget_set_visible (self->person_none,
                          g_list_model_get_n_items (G_LIST_MODEL (self->people)) == 0);
}

static void
person_search_changed_cb (SdMeetingsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->person_search));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *query = *stripped != '\0' ? g_utf8_casefold (stripped, -1) : NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (g_strcmp0 (query, self->query) == 0)
    return;
  /* Telling the filter how the query changed lets it look only at the
   * people who can change sides. */
  if (self->query == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (query == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (query, self->query) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->query, query) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  g_free (self->query);
  self->query = g_steal_pointer (&query);
  gtk_filter_changed (GTK_FILTER (self->person_filter), change);
}

static void
people_changed_cb (SdMeetingsView *self)
{
  /* A name or a unit may have changed: the keys are made again. */
  g_clear_pointer (&self->search_keys, g_hash_table_unref);
}

static void
add_attendee (SdMeetingsView *self,
              SdPerson       *person)
{
  SdMeeting *meeting = current_meeting (self);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (meeting == NULL || person == NULL)
    return;
  if (sd_store_insert (self->store, SD_TYPE_MEETING_ATTENDEE, &error,
                       "meeting-id", item_id (meeting),
                       "person-id", item_id (person),
                       NULL) == NULL)
    {
      sd_ui_toast_error (GTK_WIDGET (self), _("Could not add the attendee"), error);
      return;
    }
  /* Out of the offer at once, before the view looks at the store again. */
  id = item_id (person);
  g_hash_table_add (self->attendee_ids, g_memdup2 (&id, sizeof id));
  gtk_filter_changed (GTK_FILTER (self->person_filter), GTK_FILTER_CHANGE_MORE_STRICT);
  /* The picker stays open for the next one. */
  gtk_editable_set_text (GTK_EDITABLE (self->person_search), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->person_search));
}

static void
person_activate_cb (SdMeetingsView *self,
                    guint           position)
{
  g_autoptr(SdPerson) person = g_list_model_get_item (G_LIST_MODEL (self->people), position);

  add_attendee (self, person);
}

static void
person_search_activate_cb (SdMeetingsView *self)
{
  add_attendee (self, gtk_single_selection_get_selected_item (self->person_selection));
}

static void
person_search_stop_cb (SdMeetingsView *self)
{
  gtk_menu_button_popdown (self->attendee_button);
}

static void
person_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 SdMeetingsView           *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *unit = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (unit), 0);
  gtk_label_set_ellipsize (GTK_LABEL (unit), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (unit, TRUE);
  gtk_widget_add_css_class (unit, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), unit);
  gtk_list_item_set_child (list_item, box);
}

static void
person_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                SdMeetingsView           *self)
{
  SdPerson *person = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *unit_label = gtk_widget_get_next_sibling (name);
  SdUnit *unit = sd_store_lookup (self->store, SD_TYPE_UNIT, sd_person_get_unit_id (person));
  g_autofree char *detail = unit != NULL ? g_strdup_printf ("· %s", sd_unit_get_name (unit))
                                         : NULL;
  g_autofree char *label = unit != NULL ? g_strdup_printf ("%s · %s", sd_person_get_name (person),
                                                           sd_unit_get_name (unit))
                                        : g_strdup (sd_person_get_name (person));

  gtk_label_set_text (GTK_LABEL (name), sd_person_get_name (person));
  gtk_label_set_text (GTK_LABEL (unit_label), detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
attendee_popover_show_cb (SdMeetingsView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->person_search), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->person_search));
}

static void
remove_attendee_cb (GtkButton      *button,
                    SdMeetingsView *self)
{
  SdMeetingAttendee *attendee = g_object_get_data (G_OBJECT (button), "sd-attendee");
  g_autoptr(GError) error = NULL;

  /* The chip goes with the row; the keyboard goes on to the picker. */
  gtk_widget_grab_focus (GTK_WIDGET (self->attendee_button));
  if (!sd_store_delete (self->store, attendee, &error))
    sd_ui_toast_error (GTK_WIDGET (self), _("Could not remove the attendee"), error);
}

static int
compare_attendees (gconstpointer a,
                   gconstpointer b)
{
  SdPerson *pa = g_object_get_data (*(GObject **) a, "sd-person");
  SdPerson *pb = g_object_get_data (*(GObject **) b, "sd-person");

  return g_utf8_collate (sd_person_get_name (pa), sd_person_get_name (pb));
}

static GtkWidget *
chip_new (SdMeetingsView    *self,
          SdMeetingAttendee *attendee,
          SdPerson          *person)
{
  g_autofree char *tooltip = g_strdup_printf (_("Remove %s"), sd_person_get_name (person));
  g_autofree char *detail = sd_editor_person_detail (self->store, person);
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (sd_person_get_name (person));
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");

  gtk_widget_add_css_class (chip, "card");
  gtk_widget_add_css_class (chip, "sd-attendee-chip");
  gtk_widget_set_margin_start (label, 10);
  gtk_widget_set_margin_end (label, 2);
  gtk_widget_set_tooltip_text (label, detail);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_tooltip_text (remove, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  g_object_set_data_full (G_OBJECT (remove), "sd-attendee", g_object_ref (attendee),
                          g_object_unref);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_attendee_cb), self, 0);
  gtk_box_append (GTK_BOX (chip), label);
  gtk_box_append (GTK_BOX (chip), remove);
  g_object_set_data (G_OBJECT (chip), "sd-person", person);
  return chip;
}

static void
sync_attendees (SdMeetingsView *self,
                SdMeeting      *meeting)
{
  GListModel *model = sd_store_get_items (self->store, SD_TYPE_MEETING_ATTENDEE);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) chips = g_ptr_array_new ();
  gboolean focused = focus_within (GTK_WIDGET (self->attendees));
  gboolean same = TRUE;
  GtkWidget *child;
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; meeting != NULL && i < n; i++)
    {
      g_autoptr(SdMeetingAttendee) attendee = g_list_model_get_item (model, i);
      gint64 person_id = sd_meeting_attendee_get_person_id (attendee);
      SdPerson *person;

      if (sd_meeting_attendee_get_meeting_id (attendee) != item_id (meeting))
        continue;
      person = sd_store_lookup (self->store, SD_TYPE_PERSON, person_id);
      if (person == NULL)
        continue;
      g_hash_table_add (ids, g_memdup2 (&person_id, sizeof person_id));
      g_ptr_array_add (chips, chip_new (self, attendee, person));
    }
  g_ptr_array_sort (chips, compare_attendees);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attendees))) != NULL)
    gtk_flow_box_remove (self->attendees, child);
  for (guint i = 0; i < chips->len; i++)
    gtk_flow_box_append (self->attendees, g_ptr_array_index (chips, i));
  gtk_widget_set_visible (GTK_WIDGET (self->attendees), chips->len > 0);
  gtk_widget_set_visible (self->no_attendees, chips->len == 0);
  if (focused)
    gtk_widget_grab_focus (GTK_WIDGET (self->attendee_button));

  /* Who can still be picked changes only when who attends does. */
  if (g_hash_table_size (ids) != g_hash_table_size (self->attendee_ids))
    same = FALSE;
  else
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, ids);
      while (same && g_hash_table_iter_next (&iter, &key, NULL))
        same = g_hash_table_contains (self->attendee_ids, key);
    }
  if (!same)
    {
      g_clear_pointer (&self->attendee_ids, g_hash_table_unref);
      self->attendee_ids = g_steal_pointer (&ids);
      gtk_filter_changed (GTK_FILTER (self->person_filter), GTK_FILTER_CHANGE_DIFFERENT);
    }
}

/* Decisions */

typedef struct
{
  SdMeetingsView *self;       /* weak: the popover lives in the view */
  SdDecision     *decision;
  GPtrArray      *streams;    /* SdPlanStream, in the order of the drop-down */
  GtkDropDown    *stream;
  GtkDropDown    *start;
  GtkDropDown    *end;
  GtkPopover     *popover;
} MakeTask;

static void
make_task_free (gpointer data)
{
  MakeTask *make = data;

  g_clear_object (&make->decision);
  g_clear_pointer (&make->streams, g_ptr_array_unref);
  g_free (make);
}

static void
make_task_clicked_cb (GtkButton *button,
                      MakeTask  *make)
{
  SdMeetingsView *self = make->self;
  guint stream = gtk_drop_down_get_selected (make->stream);
  g_autoptr(GError) error = NULL;
  SdPlanTask *task;

  task = sd_decision_make_task (self->store, make->decision,
                                stream < make->streams->len ?
                                g_ptr_array_index (make->streams, stream) : NULL,
                                (int) gtk_drop_down_get_selected (make->start) + 1,
                                (int) gtk_drop_down_get_selected (make->end) + 1,
                                &error);
  if (task == NULL)
    {
      sd_ui_toast_error (GTK_WIDGET (self), _("Could not make a task of the decision"), error);
      return;
    }
  gtk_popover_popdown (make->popover);
  sd_ui_toast_text (GTK_WIDGET (self), _("The decision is now a task of the plan"));
  gtk_widget_grab_focus (GTK_WIDGET (self->decision_entry));
}

/* The months stay in order: moving one end past the other moves both. */
static void
make_task_start_cb (GtkDropDown *start,
                    GParamSpec  *pspec,
                    MakeTask    *make)
{
  if (gtk_drop_down_get_selected (make->end) < gtk_drop_down_get_selected (start))
    gtk_drop_down_set_selected (make->end, gtk_drop_down_get_selected (start));
}

static void
make_task_end_cb (GtkDropDown *end,
                  GParamSpec  *pspec,
                  MakeTask    *make)
{
  if (gtk_drop_down_get_selected (make->start) > gtk_drop_down_get_selected (end))
    gtk_drop_down_set_selected (make->start, gtk_drop_down_get_selected (end));
}

static GPtrArray *
plan_streams (SdMeetingsView *self)
{
  GListModel *model = sd_store_get_items (self->store, SD_TYPE_PLAN_STREAM);
  GPtrArray *streams = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; self->plan != NULL && i < n; i++)
    {
      g_autoptr(SdPlanStream) stream = g_list_model_get_item (model, i);

      if (sd_plan_stream_get_plan_id (stream) == item_id (self->plan))
        g_ptr_array_add (streams, g_steal_pointer (&stream));
    }
  return streams;
}

static int
compare_streams (gconstpointer a,
                 gconstpointer b)
{
  SdPlanStream *sa = *(SdPlanStream **) a;
  SdPlanStream *sb = *(SdPlanStream **) b;
  int pa = sd_plan_stream_get_position (sa), pb = sd_plan_stream_get_position (sb);

  if (pa != pb)
    return pa < pb ? -1 : 1;
  return item_id (sa) < item_id (sb) ? -1 : item_id (sa) > item_id (sb);
}

/* The month a decision's task starts in by default: the meeting's, when
 * the meeting lies in the plan's year. */
static guint
default_month (SdMeetingsView *self,
               SdMeeting      *meeting)
{
  const char *date = sd_meeting_get_date (meeting);

  if (self->plan != NULL && date_is_valid (date) && atoi (date) == sd_plan_get_year (self->plan))
    return (guint) atoi (date + 5);
  return 1;
}

static void
labelled (GtkWidget  *grid,
          int         row,
          const char *mnemonic,
          GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), widget, 1, row, 1, 1);
}

static GtkWidget *
make_task_button_new (SdMeetingsView *self,
                      SdMeeting      *meeting,
                      SdDecision     *decision)
{
  MakeTask *make = g_new0 (MakeTask, 1);
  g_autoptr(GtkStringList) stream_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) months = gtk_string_list_new (NULL);
  GtkWidget *button, *popover, *box, *heading, *grid, *make_button;
  guint month = default_month (self, meeting);

  make->self = self;
  make->decision = g_object_ref (decision);
  make->streams = plan_streams (self);
  g_ptr_array_sort (make->streams, compare_streams);
  for (guint i = 0; i < make->streams->len; i++)
    gtk_string_list_append (stream_names,
                            sd_plan_stream_get_name (g_ptr_array_index (make->streams, i)));
  gtk_string_list_append (stream_names, _("No work stream"));
  for (int m = 1; m <= 12; m++)
    gtk_string_list_append (months, sd_month_label (m));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  heading = gtk_label_new (_("Make a Task of the Decision"));
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (box), heading);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  make->stream = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (stream_names)),
                                                  NULL));
  make->start = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (months)), NULL));
  make->end = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (months)), NULL));
  labelled (grid, 0, _("Work _stream"), GTK_WIDGET (make->stream));
  labelled (grid, 1, _("_From"), GTK_WIDGET (make->start));
  labelled (grid, 2, _("_To"), GTK_WIDGET (make->end));
  gtk_drop_down_set_selected (make->start, month - 1);
  gtk_drop_down_set_selected (make->end, month - 1);
  g_signal_connect (make->start, "notify::selected", G_CALLBACK (make_task_start_cb), make);
  g_signal_connect (make->end, "notify::selected", G_CALLBACK (make_task_end_cb), make);
  gtk_box_append (GTK_BOX (box), grid);

  make_button = gtk_button_new_with_mnemonic (_("_Make Task"));
  gtk_widget_add_css_class (make_button, "suggested-action");
  gtk_widget_add_css_class (make_button, "sd-make-task");
  gtk_widget_set_halign (make_button, GTK_ALIGN_END);
  g_signal_connect (make_button, "clicked", G_CALLBACK (make_task_clicked_cb), make);
  gtk_box_append (GTK_BOX (box), make_button);

  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), make_button);
  make->popover = GTK_POPOVER (popover);
  g_object_set_data_full (G_OBJECT (popover), "sd-make-task", make, make_task_free);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Make Task…"));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Add this decision to the plan as a task"));
  gtk_widget_add_css_class (button, "sd-make-task-button");
  return button;
}

static void
delete_decision_cb (GtkButton      *button,
                    SdMeetingsView *self)
{
  SdDecision *decision = g_object_get_data (G_OBJECT (button), "sd-decision");

  gtk_widget_grab_focus (GTK_WIDGET (self->decision_entry));
  sd_ui_delete_with_undo (GTK_WIDGET (self), self->store, decision, _("Decision deleted"),
                          _("Could not delete the decision"), NULL);
}

/* What a decision's row shows; the row is made again when it changes. */
static char *
decision_state (SdMeetingsView *self,
                SdDecision     *decision)
{
  SdPlanTask *task = sd_store_lookup (self->store, SD_TYPE_PLAN_TASK,
                                      sd_decision_get_task_id (decision));

  if (task == NULL)
    return g_strdup_printf ("%s\n", sd_decision_get_text (decision));
  return g_strdup_printf ("%s\n%s\n%s", sd_decision_get_text (decision),
                          sd_plan_task_get_title (task), sd_plan_task_get_status (task));
}

static GtkWidget *
decision_row_new (SdMeetingsView *self,
                  SdMeeting      *meeting,
                  SdDecision     *decision)
{
  SdPlanTask *task = sd_store_lookup (self->store, SD_TYPE_PLAN_TASK,
                                      sd_decision_get_task_id (decision));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *delete;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sd_decision_get_text (decision));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (task != NULL)
    {
      g_autofree char *subtitle =
        /* Translators: a decision that became a task: the task's title and status */
        g_strdup_printf (_("Task: %s · %s"), sd_plan_task_get_title (task),
                         sd_task_status_label (sd_plan_task_get_status (task)));
      GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Made a task"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               make_task_button_new (self, meeting, decision));

  delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete, "flat");
  gtk_widget_add_css_class (delete, "sd-delete-decision");
  gtk_widget_set_tooltip_text (delete, _("Delete Decision"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Decision"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  sd_decision_get_text (decision),
                                  -1);
  g_object_set_data_full (G_OBJECT (delete), "sd-decision", g_object_ref (decision),
                          g_object_unref);
  g_signal_connect_object (delete, "clicked", G_CALLBACK (delete_decision_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);

  g_object_set_data_full (G_OBJECT (row), "sd-decision", g_object_ref (decision),
                          g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "sd-state", decision_state (self, decision), g_free);
  return row;
}

static int
decisions_sort_cb (GtkListBoxRow *a,
                   GtkListBoxRow *b,
                   gpointer       user_data)
{
  SdDecision *da = g_object_get_data (G_OBJECT (a), "sd-decision");
  SdDecision *db = g_object_get_data (G_OBJECT (b), "sd-decision");

  /* The entry for a new decision comes last. */
  if (da == NULL || db == NULL)
    return (da == NULL) - (db == NULL);
  return item_id (da) < item_id (db) ? -1 : item_id (da) > item_id (db);
}

static void
sync_decisions (SdMeetingsView *self,
                SdMeeting      *meeting)
{
  GListModel *model = sd_store_get_items (self->store, SD_TYPE_DECISION);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; meeting != NULL && i < n; i++)
    {
      g_autoptr(SdDecision) decision = g_list_model_get_item (model, i);
      gint64 id = item_id (decision);
      g_autofree char *state = NULL;
      GtkWidget *row;

      if (sd_decision_get_meeting_id (decision) != item_id (meeting))
        continue;
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      row = g_hash_table_lookup (self->decision_rows, &id);
      state = decision_state (self, decision);
      if (row != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (row), "sd-state"), state) != 0)
        {
          gboolean focused = focus_within (row);

          g_hash_table_remove (self->decision_rows, &id);
          gtk_list_box_remove (self->decisions, row);
          row = NULL;
          if (focused)
            gtk_widget_grab_focus (GTK_WIDGET (self->decision_entry));
        }
      if (row == NULL)
        {
          row = decision_row_new (self, meeting, decision);
          gtk_list_box_append (self->decisions, row);
          g_hash_table_insert (self->decision_rows, g_memdup2 (&id, sizeof id), row);
        }
    }

  g_hash_table_iter_init (&iter, self->decision_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (seen, key))
      {
        if (focus_within (value))
          gtk_widget_grab_focus (GTK_WIDGET (self->decision_entry));
        gtk_list_box_remove (self->decisions, value);
        g_hash_table_iter_remove (&iter);
      }
  gtk_list_box_invalidate_sort (self->decisions);
}

static void
add_decision (SdMeetingsView *self)
{
  SdMeeting *meeting = current_meeting (self);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->decision_entry))));
  /* Enter on the apply button's entry comes as "apply", then as
   * "entry-activated": the second finds the entry empty. */
  if (meeting == NULL || *text == '\0')
    return;
  if (sd_store_insert (self->store, SD_TYPE_DECISION, &error,
                       "meeting-id", item_id (meeting),
                       "text", text,
                       NULL) == NULL)
    {
      sd_ui_toast_error (GTK_WIDGET (self), _("Could not add the decision"), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->decision_entry), "");
}

/* The list of meetings */

static int
meetings_sort_cb (GtkListBoxRow *a,
                  GtkListBoxRow *b,
                  gpointer       user_data)
{
  SdMeeting *ma = g_object_get_data (G_OBJECT (a), "sd-meeting");
  SdMeeting *mb = g_object_get_data (G_OBJECT (b), "sd-meeting");
  int order = g_strcmp0 (sd_meeting_get_date (mb), sd_meeting_get_date (ma));

  /* Newest first: the meeting being prepared is at the top. */
  if (order != 0)
    return order;
  return item_id (mb) < item_id (ma) ? -1 : item_id (mb) > item_id (ma);
}

static GtkWidget *
label_new (const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static GtkWidget *
meeting_row_new (SdMeeting *meeting)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = label_new ("heading");
  GtkWidget *detail = label_new ("dim-label");
  GtkWidget *counts = label_new ("dim-label");

  gtk_widget_add_css_class (counts, "caption");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_box_append (GTK_BOX (box), counts);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "sd-meeting", g_object_ref (meeting), g_object_unref);
  return row;
}

static void
update_meeting_row (GtkWidget *row,
                    guint      n_attendees,
                    guint      n_decisions)
{
  SdMeeting *meeting = g_object_get_data (G_OBJECT (row), "sd-meeting");
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (title);
  GtkWidget *counts = gtk_widget_get_next_sibling (detail);
  g_autofree char *when = NULL;
  g_autofree char *attendees = NULL;
  g_autofree char *decisions = NULL;
  g_autofree char *count_text = NULL;
  g_autofree char *description = NULL;

  when = g_strdup_printf ("%s · %s", sd_meeting_get_date (meeting),
                          sd_meeting_kind_label (sd_meeting_get_kind (meeting)));
  attendees = g_strdup_printf (ngettext ("%u attendee", "%u attendees", n_attendees),
                               n_attendees);
  decisions = g_strdup_printf (ngettext ("%u decision", "%u decisions", n_decisions),
                               n_decisions);
  count_text = g_strdup_printf ("%s · %s", attendees, decisions);
  gtk_label_set_text (GTK_LABEL (title), meeting_name (meeting));
  gtk_label_set_text (GTK_LABEL (detail), when);
  gtk_label_set_text (GTK_LABEL (counts), count_text);
  description = g_strdup_printf ("%s\n%s", when, count_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, meeting_name (meeting),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
count_add (GHashTable *counts,
           gint64      id)
{
  gpointer n = g_hash_table_lookup (counts, &id);

  if (n == NULL)
    g_hash_table_insert (counts, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (1));
  else
    g_hash_table_replace (counts, g_memdup2 (&id, sizeof id),
                          GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
}

static void
show_meeting (SdMeetingsView *self)
{
  SdMeeting *meeting = current_meeting (self);
  gboolean other = meeting == NULL || item_id (meeting) != self->shown_id;
  const char *minutes;

  self->syncing++;
  if (meeting != NULL)
    {
      gtk_label_set_text (self->heading, meeting_name (meeting));
      if (other || !self->date_dirty)
        {
          set_entry_text (self->date_row, sd_meeting_get_date (meeting));
          self->date_dirty = FALSE;
        }
      if (other || !self->title_dirty)
        {
          set_entry_text (self->title_row, sd_meeting_get_title (meeting));
          self->title_dirty = FALSE;
        }
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        if (g_strcmp0 (kinds[i], sd_meeting_get_kind (meeting)) == 0)
          adw_combo_row_set_selected (self->kind_row, i);
      minutes = sd_meeting_get_minutes (meeting);
      if (other || !self->minutes_dirty)
        {
          GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->minutes);
          GtkTextIter start, end;
          g_autofree char *text = NULL;

          gtk_text_buffer_get_bounds (buffer, &start, &end);
          text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
          if (g_strcmp0 (text, minutes != NULL ? minutes : "") != 0)
            gtk_text_buffer_set_text (buffer, minutes != NULL ? minutes : "", -1);
          self->minutes_dirty = FALSE;
          g_clear_handle_id (&self->minutes_id, g_source_remove);
        }
      if (other)
        set_entry_text (self->decision_entry, NULL);
    }
  self->shown_id = meeting != NULL ? item_id (meeting) : 0;
  self->syncing--;

  sync_attendees (self, meeting);
  sync_decisions (self, meeting);
}

static void
select_meeting (SdMeetingsView *self,
                SdMeeting      *meeting)
{
  GtkWidget *row = NULL;

  if (meeting != NULL)
    {
      gint64 id = item_id (meeting);

      row = g_hash_table_lookup (self->rows, &id);
    }
  if (row == NULL)
    meeting = NULL;
  if (meeting != self->meeting)
    flush_edits (self);
  g_set_object (&self->meeting, meeting);
  self->selecting++;
  if (row != NULL)
    gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
  else
    gtk_list_box_unselect_all (self->list);
  self->selecting--;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.delete", row != NULL);
  show_meeting (self);
}

static void
refresh_list (SdMeetingsView *self)
{
  GListModel *model = sd_store_get_items (self->store, SD_TYPE_MEETING);
  g_autoptr(GHashTable) n_attendees = NULL;
  g_autoptr(GHashTable) n_decisions = NULL;
  g_autoptr(GHashTable) seen = NULL;
  SdMeeting *meeting;
  GHashTableIter iter;
  gpointer key, value;
  int index = -1;
  guint n;

  n_attendees = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  n_decisions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (self->plan != NULL)
    {
      GListModel *attendees = sd_store_get_items (self->store, SD_TYPE_MEETING_ATTENDEE);
      GListModel *decisions = sd_store_get_items (self->store, SD_TYPE_DECISION);

      n = g_list_model_get_n_items (attendees);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SdMeetingAttendee) attendee = g_list_model_get_item (attendees, i);

          count_add (n_attendees, sd_meeting_attendee_get_meeting_id (attendee));
        }
      n = g_list_model_get_n_items (decisions);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SdDecision) decision = g_list_model_get_item (decisions, i);

          count_add (n_decisions, sd_decision_get_meeting_id (decision));
        }
    }

  n = g_list_model_get_n_items (model);
  for (guint i = 0; self->plan != NULL && i < n; i++)
    {
      g_autoptr(SdMeeting) item = g_list_model_get_item (model, i);
      gint64 id = item_id (item);
      GtkWidget *row;

      if (sd_meeting_get_plan_id (item) != item_id (self->plan))
        continue;
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      row = g_hash_table_lookup (self->rows, &id);
      if (row == NULL)
        {
          row = meeting_row_new (item);
          gtk_list_box_append (self->list, row);
          g_hash_table_insert (self->rows, g_memdup2 (&id, sizeof id), row);
        }
      update_meeting_row (row,
                          GPOINTER_TO_UINT (g_hash_table_lookup (n_attendees, &id)),
                          GPOINTER_TO_UINT (g_hash_table_lookup (n_decisions, &id)));
    }

  /* A meeting that went leaves its place to its neighbour. */
  if (self->meeting != NULL)
    {
      gint64 id = item_id (self->meeting);
      GtkWidget *row = g_hash_table_lookup (self->rows, &id);

      if (row != NULL)
        index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
    }
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (seen, key))
      {
        gtk_list_box_remove (self->list, value);
        g_hash_table_iter_remove (&iter);
      }
  gtk_list_box_invalidate_sort (self->list);

  if (self->plan == NULL)
    gtk_stack_set_visible_child_name (self->stack, "no-plan");
  else if (g_hash_table_size (self->rows) == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "content");

  meeting = current_meeting (self);
  if (meeting != NULL && (self->plan == NULL ||
                          sd_meeting_get_plan_id (meeting) != item_id (self->plan)))
    meeting = NULL;
  if (meeting == NULL && g_hash_table_size (self->rows) > 0)
    {
      guint last = g_hash_table_size (self->rows) - 1;
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list,
                                                          CLAMP (index, 0, (int) last));

      meeting = g_object_get_data (G_OBJECT (row), "sd-meeting");
    }
  select_meeting (self, meeting);
}

static void
refresh_now (SdMeetingsView *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  refresh_list (self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  SdMeetingsView *self = user_data;

  self->refresh_id = 0;
  refresh_list (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (SdMeetingsView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_cb, self, NULL);
}

static void
row_selected_cb (SdMeetingsView *self,
                 GtkListBoxRow  *row)
{
  if (self->selecting > 0 || row == NULL)
    return;
  select_meeting (self, g_object_get_data (G_OBJECT (row), "sd-meeting"));
}

/* Actions */

static void
meeting_undone_cb (GtkWidget *widget,
                   GType      type,
                   gint64     id)
{
  SdMeetingsView *self = SD_MEETINGS_VIEW (widget);

  /* Back where it was, selected as it was. */
  refresh_now (self);
  select_meeting (self, sd_store_lookup (self->store, type, id));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SdMeetingsView *self = SD_MEETINGS_VIEW (widget);
  SdMeeting *meeting = current_meeting (self);
  g_autofree char *title = NULL;

  if (meeting == NULL)
    return;
  /* What was typed goes with the meeting, and comes back with Undo. */
  flush_edits (self);
  /* Translators: a toast; %s is the meeting's title, or its kind */
  title = g_strdup_printf (_("Meeting “%s” deleted"), meeting_name (meeting));
  if (sd_ui_delete_with_undo (widget, self->store, meeting, title,
                              _("Could not delete the meeting"), meeting_undone_cb))
    refresh_now (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SdMeetingsView *self = SD_MEETINGS_VIEW (widget);

  if (sd_meetings_view_add (self) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

/* Building */

static void
calendar_show_cb (SdMeetingsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  g_autoptr(GDateTime) date = NULL;

  if (date_is_valid (text))
    date = g_date_time_new_local (atoi (text), atoi (text + 5), atoi (text + 8), 0, 0, 0);
  else
    date = g_date_time_new_now_local ();
  self->syncing++;
  gtk_calendar_select_day (self->calendar, date);
  self->syncing--;
}

static void
calendar_day_selected_cb (SdMeetingsView *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (self->syncing > 0)
    return;
  date = gtk_calendar_get_date (self->calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
  commit_date (self);
  gtk_menu_button_popdown (self->calendar_button);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                SdMeetingsView          *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (widget == GTK_WIDGET (self->date_row))
    commit_date (self);
  else if (widget == GTK_WIDGET (self->title_row))
    commit_title (self);
  else
    commit_minutes (self);
}

static void
commit_on_focus_leave (SdMeetingsView *self,
                       GtkWidget      *widget)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_signal_connect_object (controller, "leave", G_CALLBACK (focus_leave_cb), self, 0);
  gtk_widget_add_controller (widget, controller);
}

static GtkWidget *
button_content_new (const char *icon_name,
                    const char *label)
{
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon_name);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  return content;
}

static GtkWidget *
action_button_new (const char *icon_name,
                   const char *label,
                   const char *action)
{
  GtkWidget *button = gtk_button_new ();

  gtk_button_set_child (GTK_BUTTON (button), button_content_new (icon_name, label));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static GtkWidget *
build_meeting_group (SdMeetingsView *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *popover;
  g_autoptr(GtkStringList) kind_labels = gtk_string_list_new (NULL);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Meeting"));

  self->date_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row), _("_Date (YYYY-MM-DD)"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->date_row), TRUE);
  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));
  self->calendar_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->calendar_button, "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (self->calendar_button, popover);
  gtk_widget_add_css_class (GTK_WIDGET (self->calendar_button), "flat");
  gtk_widget_set_valign (GTK_WIDGET (self->calendar_button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->calendar_button), _("Choose the Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose the Date"), -1);
  g_signal_connect_object (popover, "show", G_CALLBACK (calendar_show_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb),
                           self, G_CONNECT_SWAPPED);
  adw_entry_row_add_suffix (self->date_row, GTK_WIDGET (self->calendar_button));
  g_signal_connect_object (self->date_row, "changed", G_CALLBACK (date_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->date_row, "entry-activated", G_CALLBACK (commit_date), self,
                           G_CONNECT_SWAPPED);
  commit_on_focus_leave (self, GTK_WIDGET (self->date_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->date_row));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (kind_labels, sd_meeting_kind_label (kinds[i]));
  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("_Kind"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->kind_row), TRUE);
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_labels));
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (commit_kind), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->kind_row));

  self->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row), _("_Title"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->title_row), TRUE);
  g_signal_connect_object (self->title_row, "changed", G_CALLBACK (title_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->title_row, "entry-activated", G_CALLBACK (commit_title), self,
                           G_CONNECT_SWAPPED);
  commit_on_focus_leave (self, GTK_WIDGET (self->title_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->title_row));
  return group;
}

static GtkWidget *
build_attendee_picker (SdMeetingsView *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->person_search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->person_search, "placeholder-text", _("Search by name or unit"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->person_search),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search People"), -1);
  g_signal_connect_object (self->person_search, "search-changed",
                           G_CALLBACK (person_search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->person_search, "activate",
                           G_CALLBACK (person_search_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->person_search, "stop-search",
                           G_CALLBACK (person_search_stop_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->person_search));

  g_signal_connect_object (factory, "setup", G_CALLBACK (person_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (person_bind_cb), self, 0);
  self->person_list = GTK_LIST_VIEW (gtk_list_view_new (NULL, factory));
  gtk_list_view_set_single_click_activate (self->person_list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->person_list), "sd-attendee-picker");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->person_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("People to add"), -1);
  g_signal_connect_object (self->person_list, "activate", G_CALLBACK (person_activate_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->person_list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_box_append (GTK_BOX (box), scrolled);

  self->person_none = gtk_label_new (_("No one found among the active people"));
  gtk_widget_add_css_class (self->person_none, "dim-label");
  gtk_box_append (GTK_BOX (box), self->person_none);

  gtk_widget_set_size_request (box, 360, -1);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_object (popover, "show", G_CALLBACK (attendee_popover_show_cb), self,
                           G_CONNECT_SWAPPED);

  self->attendee_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_child (self->attendee_button,
                             button_content_new ("list-add-symbolic", _("_Add Attendee")));
  gtk_menu_button_set_popover (self->attendee_button, popover);
  gtk_widget_add_css_class (GTK_WIDGET (self->attendee_button), "flat");
  gtk_widget_set_valign (GTK_WIDGET (self->attendee_button), GTK_ALIGN_CENTER);
  return GTK_WIDGET (self->attendee_button);
}

static GtkWidget *
build_detail (SdMeetingsView *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *delete, *group, *attendees, *frame;

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->heading, 0);
  gtk_label_set_wrap (self->heading, TRUE);
  gtk_label_set_wrap_mode (self->heading, PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (GTK_WIDGET (self->heading), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->heading), "title-2");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heading),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  delete = action_button_new ("user-trash-symbolic", _("_Delete Meeting"), "meetings.delete");
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete, "destructive-action");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->heading));
  gtk_box_append (GTK_BOX (header), delete);
  gtk_box_append (GTK_BOX (box), header);

  gtk_box_append (GTK_BOX (box), build_meeting_group (self));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Attendees"));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group),
                                           build_attendee_picker (self));
  attendees = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  self->attendees = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->attendees, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (self->attendees, 30);
  gtk_flow_box_set_column_spacing (self->attendees, 6);
  gtk_flow_box_set_row_spacing (self->attendees, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->attendees),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Attendees"), -1);
  self->no_attendees = gtk_label_new (_("No attendees yet: add the people who took part."));
  gtk_label_set_xalign (GTK_LABEL (self->no_attendees), 0);
  gtk_label_set_wrap (GTK_LABEL (self->no_attendees), TRUE);
  gtk_widget_add_css_class (self->no_attendees, "dim-label");
  gtk_box_append (GTK_BOX (attendees), GTK_WIDGET (self->attendees));
  gtk_box_append (GTK_BOX (attendees), self->no_attendees);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), attendees);
  gtk_box_append (GTK_BOX (box), group);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Minutes"));
  self->minutes = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->minutes, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->minutes, 12);
  gtk_text_view_set_bottom_margin (self->minutes, 12);
  gtk_text_view_set_left_margin (self->minutes, 12);
  gtk_text_view_set_right_margin (self->minutes, 12);
  gtk_widget_set_size_request (GTK_WIDGET (self->minutes), -1, 160);
  gtk_widget_add_css_class (GTK_WIDGET (self->minutes), "sd-meeting-minutes");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->minutes),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Minutes"), -1);
  g_signal_connect_object (gtk_text_view_get_buffer (self->minutes), "changed",
                           G_CALLBACK (minutes_changed_cb), self, G_CONNECT_SWAPPED);
  commit_on_focus_leave (self, GTK_WIDGET (self->minutes));
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->minutes));
  gtk_widget_add_css_class (frame, "view");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
  gtk_box_append (GTK_BOX (box), group);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Decisions"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Each decision can become a task of the plan."));
  self->decisions = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->decisions, GTK_SELECTION_NONE);
  gtk_list_box_set_sort_func (self->decisions, decisions_sort_cb, NULL, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->decisions), "boxed-list");
  gtk_widget_add_css_class (GTK_WIDGET (self->decisions), "sd-decisions");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->decisions),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Decisions"), -1);
  self->decision_entry = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->decision_entry),
                                 _("_New decision"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->decision_entry), TRUE);
  adw_entry_row_set_show_apply_button (self->decision_entry, TRUE);
  g_signal_connect_object (self->decision_entry, "apply", G_CALLBACK (add_decision), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->decision_entry, "entry-activated", G_CALLBACK (add_decision),
                           self, G_CONNECT_SWAPPED);
  gtk_list_box_append (self->decisions, GTK_WIDGET (self->decision_entry));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->decisions));
  gtk_box_append (GTK_BOX (box), group);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_hexpand (scrolled, TRUE);
  return scrolled;
}

static GtkWidget *
build_list_pane (SdMeetingsView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *heading = gtk_label_new (_("Meetings"));
  GtkWidget *add = action_button_new ("list-add-symbolic", _("_Add Meeting"), "meetings.add");
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 6);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("Add a meeting of today (Ctrl+N)"));
  gtk_box_append (GTK_BOX (bar), heading);
  gtk_box_append (GTK_BOX (bar), add);
  gtk_box_append (GTK_BOX (box), bar);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_list_box_set_sort_func (self->list, meetings_sort_cb, NULL, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Meetings"), -1);
  g_signal_connect_object (self->list, "row-selected", G_CALLBACK (row_selected_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_widget_set_size_request (box, 240, -1);
  return box;
}

static void
build (SdMeetingsView *self)
{
  GtkWidget *status, *button, *paned;

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "x-office-calendar-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Plan"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Create the year’s plan first; its review meetings are "
                                     "kept with it."));
  gtk_stack_add_named (self->stack, status, "no-plan");

  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "x-office-calendar-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Meetings Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Add the plan’s review meetings: when, who attended, the "
                                     "minutes and the decisions. A decision becomes a task of "
                                     "the plan in one step."));
  button = action_button_new ("list-add-symbolic", _("_Add Meeting"), "meetings.add");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  adw_status_page_set_child (ADW_STATUS_PAGE (status), button);
  gtk_stack_add_named (self->stack, status, "empty");

  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_start_child (GTK_PANED (paned), build_list_pane (self));
  gtk_paned_set_resize_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_end_child (GTK_PANED (paned), build_detail (self));
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_position (GTK_PANED (paned), 300);
  gtk_stack_add_named (self->stack, paned, "content");
  gtk_stack_set_visible_child_name (self->stack, "no-plan");
}

/* GObject */

static void
sd_meetings_view_constructed (GObject *object)
{
  SdMeetingsView *self = SD_MEETINGS_VIEW (object);
  const GType watched[] = {
    SD_TYPE_MEETING, SD_TYPE_MEETING_ATTENDEE, SD_TYPE_DECISION, SD_TYPE_PLAN_TASK,
    SD_TYPE_PLAN_STREAM, SD_TYPE_PERSON, SD_TYPE_UNIT,
  };
  GListModel *people;

  G_OBJECT_CLASS (sd_meetings_view_parent_class)->constructed (object);

  g_assert (SD_IS_STORE (self->store));

  people = sd_store_get_items (self->store, SD_TYPE_PERSON);
  self->person_filter = gtk_custom_filter_new (person_offered_cb, self, NULL);
  self->people = gtk_filter_list_model_new (g_object_ref (people),
                                            g_object_ref (GTK_FILTER (self->person_filter)));
  self->person_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->people)));
  gtk_list_view_set_model (self->person_list, GTK_SELECTION_MODEL (self->person_selection));
  g_signal_connect_object (self->people, "items-changed", G_CALLBACK (update_person_none), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  update_person_none (self);

  g_signal_connect_object (people, "items-changed", G_CALLBACK (people_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (sd_store_get_items (self->store, SD_TYPE_UNIT), "items-changed",
                           G_CALLBACK (people_changed_cb), self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    g_signal_connect_object (sd_store_get_items (self->store, watched[i]), "items-changed",
                             G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  refresh_now (self);
}

static void
sd_meetings_view_unmap (GtkWidget *widget)
{
  flush_edits (SD_MEETINGS_VIEW (widget));

  GTK_WIDGET_CLASS (sd_meetings_view_parent_class)->unmap (widget);
}

static void
sd_meetings_view_dispose (GObject *object)
{
  SdMeetingsView *self = SD_MEETINGS_VIEW (object);

  if (self->stack != NULL)
    {
      flush_edits (self);
      gtk_list_view_set_model (self->person_list, NULL);
      gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->stack)));
    }
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->minutes_id, g_source_remove);
  g_clear_object (&self->person_selection);
  g_clear_object (&self->people);
  g_clear_object (&self->person_filter);
  g_clear_object (&self->meeting);
  g_clear_object (&self->plan);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_meetings_view_parent_class)->dispose (object);
}

static void
sd_meetings_view_finalize (GObject *object)
{
  SdMeetingsView *self = SD_MEETINGS_VIEW (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->decision_rows, g_hash_table_unref);
  g_clear_pointer (&self->attendee_ids, g_hash_table_unref);
  g_clear_pointer (&self->search_keys, g_hash_table_unref);
  g_free (self->query);

  G_OBJECT_CLASS (sd_meetings_view_parent_class)->finalize (object);
}

static void
sd_meetings_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SdMeetingsView *self = SD_MEETINGS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_meetings_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SdMeetingsView *self = SD_MEETINGS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_meetings_view_class_init (SdMeetingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sd_meetings_view_constructed;
  object_class->dispose = sd_meetings_view_dispose;
  object_class->finalize = sd_meetings_view_finalize;
  object_class->get_property = sd_meetings_view_get_property;
  object_class->set_property = sd_meetings_view_set_property;
  widget_class->unmap = sd_meetings_view_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "meetings.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "meetings.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "meetings.add", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "meetingsview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sd_meetings_view_init (SdMeetingsView *self)
{
  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->decision_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->attendee_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  build (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.add", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.delete", FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Meetings"), -1);
}

GtkWidget *
sd_meetings_view_new (SdStore *store)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  return g_object_new (SD_TYPE_MEETINGS_VIEW, "store", store, NULL);
}

void
sd_meetings_view_set_plan (SdMeetingsView *self,
                           SdPlan         *plan)
{
  g_return_if_fail (SD_IS_MEETINGS_VIEW (self));
  g_return_if_fail (plan == NULL || SD_IS_PLAN (plan));

  if (plan == self->plan)
    return;
  flush_edits (self);
  g_set_object (&self->plan, plan);
  g_clear_object (&self->meeting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.add", plan != NULL);
  refresh_now (self);
}

gpointer
sd_meetings_view_add (SdMeetingsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = today_text ();
  SdMeeting *meeting;

  g_return_val_if_fail (SD_IS_MEETINGS_VIEW (self), NULL);

  if (self->plan == NULL)
    return NULL;
  flush_edits (self);
  meeting = sd_store_insert (self->store, SD_TYPE_MEETING, &error,
                             "plan-id", item_id (self->plan),
                             "date", today,
                             "kind", "quarterly-review",
                             NULL);
  if (meeting == NULL)
    {
      sd_ui_toast_error (GTK_WIDGET (self), _("Could not add a meeting"), error);
      return NULL;
    }
  refresh_now (self);
  select_meeting (self, meeting);
  return meeting;
}
