/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-training-view"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sd-date-button.h"
#include "sd-file-actions.h"
#include "sd-person.h"
#include "sd-plan-stats.h"
#include "sd-training.h"
#include "sd-training-attendance.h"
#include "sd-training-view.h"
#include "sd-unit.h"
#include "sd-unit-chooser.h"

/*
 * The plan's training sessions on the left, the chosen session on the
 * right: its date, topic and audience, edited in place, and the attendance
 * as a checklist of the organisation's people. The checklist is a
 * GtkColumnView over the store's list of people through a filter (unit,
 * search) and a sorter (unit in tree order, then as entered), so that only
 * the rows on screen exist and 5,000 people cost what 50 do.
 *
 * Who attended what is read from the attendance table into hash tables,
 * again after every change to it; the rebuild waits for an idle, so that a
 * batch of 5,000 inserts ("All of <unit>") costs one rebuild, not 5,000.
 * Above both, the coverage of the plan: how many of the active staff
 * attended at least one of its sessions, and who did not.
 */

#define ID_KEY(id) GSIZE_TO_POINTER ((gsize) (id))
#define KEY_ID(key) ((gint64) GPOINTER_TO_SIZE (key))

struct _SdTrainingView
{
  GtkWidget           parent_instance;

  SdStore            *store;
  SdPlan             *plan;
  SdTraining         *current;        /* the chosen session, or NULL */
  char               *shown_topic;    /* the stored values the fields show */
  char               *shown_audience;

  /* The plan's sessions, by date. */
  GtkCustomFilter    *session_filter;
  GtkSingleSelection *session_selection;

  /* From the attendance table, rebuilt by refresh(). */
  GHashTable         *attended;       /* person id → attendance id, of the current session */
  GHashTable         *trained;        /* person ids: active people at a session of the plan */
  GHashTable         *counts;         /* training id → number of attendances */
  guint               n_active;
  guint               refresh_id;

  /* Units, for the filter and the order of the checklist. */
  SdUnitChooser      *units;
  char               *query;          /* casefolded, or NULL */

  GtkCustomFilter    *people_filter;
  GtkFilterListModel *people;
  GtkCustomSorter    *people_sorter;
  GtkCustomFilter    *missing_filter;
  GtkFilterListModel *missing;

  GHashTable         *bound_sessions; /* GtkListItem → NULL: rows on screen */
  GHashTable         *bound_people;   /* GtkListItem → NULL: check cells on screen */
  GHashTable         *bound_units;    /* GtkListItem → NULL: unit cells on screen */
  guint               binding;

  GtkWidget          *main_stack;     /* "no-plan", "plan" */
  GtkLabel           *coverage_label;
  GtkLevelBar        *coverage_bar;
  GtkExpander        *missing_expander;
  GtkStack           *sessions_stack; /* "empty", "sessions" */
  GtkListView        *session_list;
  GtkStack           *detail_stack;   /* "none", "detail" */
  AdwEntryRow        *topic_row;
  AdwEntryRow        *audience_row;
  GtkWidget          *date_button;
  GtkLabel           *attendance_label;
  GtkSearchEntry     *search_entry;
  GtkButton          *all_button;
  GtkColumnView      *people_view;
  GtkGridView        *missing_grid;
  GtkStack           *people_stack;   /* "list", "no-results" */
  AdwStatusPage      *no_results;
};

G_DEFINE_FINAL_TYPE (SdTrainingView, sd_training_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh       (SdTrainingView *self);
static void queue_refresh (SdTrainingView *self);

/* Units */

static void
update_all_button (SdTrainingView *self)
{
  gint64 unit_id = sd_unit_chooser_get_unit_id (self->units);
  SdUnit *unit = unit_id != 0 ? sd_store_lookup (self->store, SD_TYPE_UNIT, unit_id) : NULL;
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;

  if (unit != NULL)
    {
      /* Translators: a button that marks everyone of a unit as present; %s is the unit */
      label = g_strdup_printf (_("All of %s"), sd_unit_get_name (unit));
      /* Translators: %s is a unit */
      tooltip = g_strdup_printf (_("Mark every active person of %s and its sections as attended"),
                                 sd_unit_get_name (unit));
    }
  else
    {
      label = g_strdup (_("Everyone"));
      tooltip = g_strdup (_("Mark every active person as attended"));
    }
  gtk_button_set_label (self->all_button, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->all_button), tooltip);
}

/* After the chosen unit or its sections changed. */
static void
unit_changed (SdTrainingView *self)
{
  update_all_button (self);
  gtk_filter_changed (GTK_FILTER (self->people_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
unit_chosen_cb (gpointer user_data)
{
  unit_changed (user_data);
}

static void
rebind_cells (SdTrainingView *self,
              GHashTable     *bound,
              void          (*bind) (SdTrainingView *, GtkListItem *));

static void bind_unit_cell (SdTrainingView *self,
                            GtkListItem    *list_item);

static void
units_changed_cb (SdTrainingView *self)
{
  sd_unit_chooser_reload (self->units, self->store);
  unit_changed (self);
  gtk_sorter_changed (GTK_SORTER (self->people_sorter), GTK_SORTER_CHANGE_DIFFERENT);
  rebind_cells (self, self->bound_units, bind_unit_cell);
}

/* Filters and order of people */

static gboolean
contains_folded (const char *text,
                 const char *query)
{
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, query) != NULL;
}

static gboolean
person_listed_cb (gpointer item,
                  gpointer user_data)
{
  SdTrainingView *self = user_data;
  SdPerson *person = item;
  gint64 id = sd_item_get_id (SD_ITEM (person));

  /* Someone who has left stays listed where they attended, so that the
   * record can still be corrected. */
  if (!sd_person_get_active (person) && !g_hash_table_contains (self->attended, ID_KEY (id)))
    return FALSE;
  if (!sd_unit_chooser_covers (self->units, sd_person_get_unit_id (person)))
    return FALSE;
  if (self->query != NULL &&
      !contains_folded (sd_person_get_name (person), self->query) &&
      !contains_folded (sd_person_get_job_title (person), self->query))
    return FALSE;
  return TRUE;
}

static gboolean
person_missing_cb (gpointer item,
                   gpointer user_data)
{
  SdTrainingView *self = user_data;
  SdPerson *person = item;

  return sd_person_get_active (person) &&
         !g_hash_table_contains (self->trained, ID_KEY (sd_item_get_id (SD_ITEM (person))));
}

static guint
unit_rank (SdTrainingView *self,
           SdPerson       *person)
{
  return sd_unit_chooser_get_rank (self->units, sd_person_get_unit_id (person));
}

static int
person_order_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  SdTrainingView *self = user_data;
  guint ra = unit_rank (self, (SdPerson *) a);
  guint rb = unit_rank (self, (SdPerson *) b);
  gint64 ia = sd_item_get_id ((SdItem *) a);
  gint64 ib = sd_item_get_id ((SdItem *) b);

  /* People without a unit come last. */
  if (ra != rb)
    return ra == 0 ? 1 : rb == 0 ? -1 : ra < rb ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

static void
update_people_stack (SdTrainingView *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->people)) == 0;

  if (empty)
    {
      if (self->query != NULL)
        adw_status_page_set_description (self->no_results,
                                         _("No one’s name or job title matches the search."));
      else if (sd_unit_chooser_get_unit_id (self->units) != 0)
        adw_status_page_set_description (self->no_results,
                                         _("The unit has no active people. Choose “All Units” "
                                           "or add people on the Organisation page."));
      else
        adw_status_page_set_description (self->no_results,
                                         _("Add the people of the organisation on the "
                                           "Organisation page; they can then be ticked here."));
    }
  gtk_stack_set_visible_child_name (self->people_stack, empty ? "no-results" : "list");
}

static void
search_changed_cb (SdTrainingView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *query = *stripped != '\0' ? g_utf8_casefold (stripped, -1) : NULL;

  if (g_strcmp0 (query, self->query) == 0)
    return;
  g_free (self->query);
  self->query = g_steal_pointer (&query);
  gtk_filter_changed (GTK_FILTER (self->people_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_people_stack (self);
}

/* Sessions */

static gboolean
session_of_plan_cb (gpointer item,
                    gpointer user_data)
{
  SdTrainingView *self = user_data;

  return self->plan != NULL &&
         sd_training_get_plan_id (item) == sd_item_get_id (SD_ITEM (self->plan));
}

static int
session_order_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  int cmp = g_strcmp0 (sd_training_get_date ((SdTraining *) a),
                       sd_training_get_date ((SdTraining *) b));
  gint64 ia = sd_item_get_id ((SdItem *) a);
  gint64 ib = sd_item_get_id ((SdItem *) b);

  if (cmp != 0)
    return cmp;
  return ia < ib ? -1 : ia > ib;
}

static guint
attendance_count (SdTrainingView *self,
                  SdTraining     *training)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts,
                                                ID_KEY (sd_item_get_id (SD_ITEM (training)))));
}

typedef struct
{
  GtkLabel *topic;
  GtkLabel *detail;
  GtkLabel *count;
} SessionRow;

static void
session_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  SdTrainingView           *self)
{
  SessionRow *row = g_new0 (SessionRow, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  row->topic = GTK_LABEL (gtk_label_new (NULL));
  row->detail = GTK_LABEL (gtk_label_new (NULL));
  row->count = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->topic, 0);
  gtk_label_set_wrap (row->topic, TRUE);
  gtk_label_set_wrap_mode (row->topic, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (row->topic, 2);
  gtk_label_set_ellipsize (row->topic, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (row->topic), "heading");
  gtk_label_set_xalign (row->detail, 0);
  gtk_label_set_ellipsize (row->detail, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (row->detail), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (row->detail), "caption");
  gtk_widget_set_valign (GTK_WIDGET (row->count), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (row->count), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (row->count), "numeric");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (row->topic));
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (row->detail));
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->count));
  g_object_set_data_full (G_OBJECT (box), "sd-session-row", row, g_free);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_session (SdTrainingView *self,
              GtkListItem    *list_item)
{
  SdTraining *training = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  SessionRow *row = g_object_get_data (G_OBJECT (box), "sd-session-row");
  const char *audience = sd_training_get_audience (training);
  guint n = attendance_count (self, training);
  g_autofree char *detail = NULL;
  g_autofree char *count = g_strdup_printf ("%u", n);
  /* Translators: how many people attended a training session */
  g_autofree char *attended = g_strdup_printf (ngettext ("%u attended", "%u attended", n), n);
  g_autofree char *description = NULL;

  if (audience != NULL && *audience != '\0')
    detail = g_strconcat (sd_training_get_date (training), " · ", audience, NULL);
  else
    detail = g_strdup (sd_training_get_date (training));
  gtk_label_set_text (row->topic, sd_training_get_topic (training));
  gtk_label_set_text (row->detail, detail);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->detail), detail);
  gtk_label_set_text (row->count, count);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->count), attended);
  description = g_strconcat (detail, "\n", attended, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sd_training_get_topic (training),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
session_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 SdTrainingView           *self)
{
  g_hash_table_add (self->bound_sessions, list_item);
  bind_session (self, list_item);
}

static void
session_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   SdTrainingView           *self)
{
  g_hash_table_remove (self->bound_sessions, list_item);
}

/* The fields of the chosen session */

/* Shows the stored @value in @row, without the apply button, which is for
 * what the user typed. Unless @force, only when the stored value changed
 * since it was last shown: a change elsewhere in the store must not wipe
 * out what the user is typing. */
static void
entry_row_sync (AdwEntryRow  *row,
                char        **shown,
                const char   *value,
                gboolean      force)
{
  if (!force && g_strcmp0 (*shown, value) == 0)
    return;
  g_free (*shown);
  *shown = g_strdup (value);
  adw_entry_row_set_show_apply_button (row, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  adw_entry_row_set_show_apply_button (row, TRUE);
}

static void
sync_fields (SdTrainingView *self,
             gboolean        force)
{
  if (self->current == NULL)
    return;
  entry_row_sync (self->topic_row, &self->shown_topic,
                  sd_training_get_topic (self->current), force);
  entry_row_sync (self->audience_row, &self->shown_audience,
                  sd_training_get_audience (self->current), force);
  sd_date_button_set_date (self->date_button, sd_training_get_date (self->current));
}

static void
update_training (SdTrainingView *self,
                 const char     *property,
                 const char     *value)
{
  g_autoptr(GError) error = NULL;

  if (self->current == NULL)
    return;
  if (!sd_store_update (self->store, self->current, &error, property, value, NULL))
    {
      sd_ui_toast_error (GTK_WIDGET (self), _("Could not change the training"), error);
      sync_fields (self, TRUE);
    }
}

static void
topic_apply_cb (SdTrainingView *self)
{
  g_autofree char *topic =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->topic_row))));

  if (*topic == '\0')
    {
      sd_ui_toast_text (GTK_WIDGET (self), _("A training needs a topic."));
      entry_row_sync (self->topic_row, &self->shown_topic,
                      sd_training_get_topic (self->current), TRUE);
      return;
    }
  if (g_strcmp0 (topic, sd_training_get_topic (self->current)) != 0)
    update_training (self, "topic", topic);
}

static void
audience_apply_cb (SdTrainingView *self)
{
  g_autofree char *audience =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->audience_row))));

  if (g_strcmp0 (*audience != '\0' ? audience : NULL,
                 sd_training_get_audience (self->current)) != 0)
    update_training (self, "audience", *audience != '\0' ? audience : NULL);
}

static void
date_chosen_cb (gpointer    user_data,
                const char *date)
{
  SdTrainingView *self = user_data;

  if (self->current != NULL && g_strcmp0 (date, sd_training_get_date (self->current)) != 0)
    update_training (self, "date", date);
}

static void
update_attendance_label (SdTrainingView *self)
{
  guint n = g_hash_table_size (self->attended);
  g_autofree char *text = NULL;

  /* Translators: the number of people ticked for the chosen session */
  text = g_strdup_printf (ngettext ("%u person attended", "%u people attended", n), n);
  gtk_label_set_text (self->attendance_label, text);
}

static void
current_changed (SdTrainingView *self)
{
  SdTraining *training = gtk_single_selection_get_selected_item (self->session_selection);

  if (training == self->current)
    return;
  g_set_object (&self->current, training);
  gtk_stack_set_visible_child_name (self->detail_stack, training != NULL ? "detail" : "none");
  /* Another session's text must not look like an unsaved edit. */
  sync_fields (self, TRUE);
  refresh (self);
}

static void
selected_changed_cb (SdTrainingView *self)
{
  current_changed (self);
}

/* The checklist */

typedef struct
{
  GtkCheckButton *check;
  GtkLabel       *inactive;
} CheckCell;

static void
attended_toggled_cb (GtkCheckButton *check,
                     SdTrainingView *self);

static void
check_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                SdTrainingView           *self)
{
  CheckCell *cell = g_new0 (CheckCell, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  cell->check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  cell->inactive = GTK_LABEL (gtk_label_new (_("Inactive")));
  gtk_widget_add_css_class (GTK_WIDGET (cell->inactive), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (cell->inactive), "caption");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (cell->check));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (cell->inactive));
  g_object_set_data (G_OBJECT (cell->check), "sd-list-item", list_item);
  g_signal_connect_object (cell->check, "toggled", G_CALLBACK (attended_toggled_cb), self, 0);
  g_object_set_data_full (G_OBJECT (box), "sd-check-cell", cell, g_free);
  /* The check itself takes the clicks; the row is not to be activated. */
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_check (SdTrainingView *self,
            GtkListItem    *list_item)
{
  SdPerson *person = gtk_list_item_get_item (list_item);
  CheckCell *cell = g_object_get_data (G_OBJECT (gtk_list_item_get_child (list_item)),
                                       "sd-check-cell");
  gint64 id = sd_item_get_id (SD_ITEM (person));

  self->binding++;
  gtk_check_button_set_label (cell->check, sd_person_get_name (person));
  gtk_check_button_set_active (cell->check, g_hash_table_contains (self->attended, ID_KEY (id)));
  self->binding--;
  gtk_widget_set_visible (GTK_WIDGET (cell->inactive), !sd_person_get_active (person));
}

static void
check_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               SdTrainingView           *self)
{
  g_hash_table_add (self->bound_people, list_item);
  bind_check (self, list_item);
}

static void
check_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 SdTrainingView           *self)
{
  g_hash_table_remove (self->bound_people, list_item);
}

static void
label_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                SdTrainingView           *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_unit_cell (SdTrainingView *self,
                GtkListItem    *list_item)
{
  SdPerson *person = gtk_list_item_get_item (list_item);
  SdUnit *unit = sd_store_lookup (self->store, SD_TYPE_UNIT, sd_person_get_unit_id (person));
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (label), unit != NULL ? sd_unit_get_name (unit) : "");
}

static void
unit_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              SdTrainingView           *self)
{
  g_hash_table_add (self->bound_units, list_item);
  bind_unit_cell (self, list_item);
}

static void
unit_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                SdTrainingView           *self)
{
  g_hash_table_remove (self->bound_units, list_item);
}

static void
job_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             SdTrainingView           *self)
{
  SdPerson *person = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (label), sd_person_get_job_title (person));
}

static void
rebind_cells (SdTrainingView *self,
              GHashTable     *bound,
              void          (*bind) (SdTrainingView *, GtkListItem *))
{
  GHashTableIter iter;
  gpointer list_item;

  g_hash_table_iter_init (&iter, bound);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    if (gtk_list_item_get_item (list_item) != NULL)
      bind (self, list_item);
}

static void
set_attended (SdTrainingView *self,
              SdPerson       *person,
              gboolean        attended)
{
  gint64 person_id = sd_item_get_id (SD_ITEM (person));
  gpointer attendance_id = g_hash_table_lookup (self->attended, ID_KEY (person_id));
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (attended && attendance_id == NULL)
    {
      SdItem *item = sd_store_insert (self->store, SD_TYPE_TRAINING_ATTENDANCE, &error,
                                      "training-id", sd_item_get_id (SD_ITEM (self->current)),
                                      "person-id", person_id,
                                      NULL);

      ok = item != NULL;
      /* Known at once, not only after the rebuild: a second click before
       * then must see it. */
      if (ok)
        g_hash_table_insert (self->attended, ID_KEY (person_id),
                             ID_KEY (sd_item_get_id (item)));
    }
  else if (!attended && attendance_id != NULL)
    {
      gpointer item = sd_store_lookup (self->store, SD_TYPE_TRAINING_ATTENDANCE,
                                       KEY_ID (attendance_id));

      ok = item == NULL || sd_store_delete (self->store, item, &error);
      if (ok)
        g_hash_table_remove (self->attended, ID_KEY (person_id));
    }

  if (!ok)
    sd_ui_toast_error (GTK_WIDGET (self), _("Could not change the attendance"), error);
  /* On failure the check goes back; on success the count follows. */
  refresh (self);
}

static void
attended_toggled_cb (GtkCheckButton *check,
                     SdTrainingView *self)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (check), "sd-list-item");
  SdPerson *person = gtk_list_item_get_item (list_item);

  if (self->binding > 0 || person == NULL || self->current == NULL)
    return;
  set_attended (self, person, gtk_check_button_get_active (check));
}

/* "All of <unit>" and its undo */

static gboolean
undo_attendance (GtkWidget  *widget,
                 gpointer    data,
                 GError    **error)
{
  SdStore *store = SD_TRAINING_VIEW (widget)->store;
  GArray *ids = data;

  if (!sd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      gpointer item = sd_store_lookup (store, SD_TYPE_TRAINING_ATTENDANCE,
                                       g_array_index (ids, gint64, i));

      /* One unticked since is gone already. */
      if (item != NULL && !sd_store_delete (store, item, error))
        {
          sd_store_rollback (store);
          return FALSE;
        }
    }
  if (!sd_store_commit (store, error))
    return FALSE;
  return TRUE;
}

static void
all_clicked_cb (SdTrainingView *self)
{
  GListModel *people = sd_store_get_items (self->store, SD_TYPE_PERSON);
  guint n = g_list_model_get_n_items (people);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 training_id;

  if (self->current == NULL)
    return;
  training_id = sd_item_get_id (SD_ITEM (self->current));

  /* All or nothing, in one transaction: one Undo takes it back. */
  if (!sd_store_begin (self->store, &error))
    {
      sd_ui_toast_error (GTK_WIDGET (self), _("Could not change the attendance"), error);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPerson) person = g_list_model_get_item (people, i);
      gint64 person_id = sd_item_get_id (SD_ITEM (person));
      SdItem *item;
      gint64 id;

      if (!sd_person_get_active (person) ||
          g_hash_table_contains (self->attended, ID_KEY (person_id)) ||
          !sd_unit_chooser_covers (self->units, sd_person_get_unit_id (person)))
        continue;
      item = sd_store_insert (self->store, SD_TYPE_TRAINING_ATTENDANCE, &error,
                              "training-id", training_id,
                              "person-id", person_id,
                              NULL);
      if (item == NULL)
        {
          sd_store_rollback (self->store);
          sd_ui_toast_error (GTK_WIDGET (self), _("Could not change the attendance"), error);
          refresh (self);
          return;
        }
      id = sd_item_get_id (item);
      g_array_append_val (ids, id);
    }
  if (!sd_store_commit (self->store, &error))
    {
      sd_ui_toast_error (GTK_WIDGET (self), _("Could not change the attendance"), error);
      refresh (self);
      return;
    }
  refresh (self);

  if (ids->len == 0)
    {
      sd_ui_toast_text (GTK_WIDGET (self), _("Everyone there is marked as attended already."));
      return;
    }
  title = g_strdup_printf (ngettext ("%u person marked as attended",
                                     "%u people marked as attended", ids->len),
                           ids->len);
  sd_ui_toast_undo (GTK_WIDGET (self), title, undo_attendance, g_array_ref (ids),
                    (GDestroyNotify) g_array_unref);
}

/* Adding and deleting sessions */

static void
select_training (SdTrainingView *self,
                 gint64          id)
{
  GListModel *model = gtk_single_selection_get_model (self->session_selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdTraining) training = g_list_model_get_item (model, i);

      if (sd_item_get_id (SD_ITEM (training)) == id)
        {
          gtk_single_selection_set_selected (self->session_selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->session_list), "list.scroll-to-item",
                                      "u", i);
          return;
        }
    }
}

typedef struct
{
  SdTrainingView *self;
  AdwEntryRow    *topic;
  AdwEntryRow    *audience;
  GtkWidget      *date;
} NewTraining;

static void
new_training_free (gpointer  data,
                   GClosure *closure)
{
  NewTraining *dialog = data;

  g_object_unref (dialog->self);
  g_free (dialog);
}

static void
new_topic_changed_cb (AdwMessageDialog *dialog,
                      GParamSpec       *pspec,
                      AdwEntryRow      *topic)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (topic))));

  adw_message_dialog_set_response_enabled (dialog, "add", *text != '\0');
}

static void
new_activated_cb (AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "add"))
    adw_message_dialog_response (dialog, "add");
}

static void
new_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 NewTraining      *data)
{
  SdTrainingView *self = data->self;
  g_autofree char *topic = NULL;
  g_autofree char *audience = NULL;
  g_autoptr(GError) error = NULL;
  SdItem *item;

  if (g_strcmp0 (response, "add") != 0 || self->plan == NULL)
    return;

  topic = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->topic))));
  audience = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->audience))));
  item = sd_store_insert (self->store, SD_TYPE_TRAINING, &error,
                          "plan-id", sd_item_get_id (SD_ITEM (self->plan)),
                          "date", sd_date_button_get_date (data->date),
                          "topic", topic,
                          "audience", *audience != '\0' ? audience : NULL,
                          NULL);
  if (item == NULL)
    {
      sd_ui_toast_error (GTK_WIDGET (self), _("Could not add the training"), error);
      return;
    }
  select_training (self, sd_item_get_id (item));
}

/* The default date of a new session: today in the plan's year, else the
 * first day of that year. */
static char *
default_date (SdTrainingView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (self->plan == NULL || g_date_time_get_year (now) == sd_plan_get_year (self->plan))
    return sd_date_today ();
  return g_strdup_printf ("%04d-01-01", sd_plan_get_year (self->plan));
}

static void
add_clicked_cb (SdTrainingView *self)
{
  NewTraining *data;
  GtkWidget *dialog;
  GtkWidget *group;
  GtkWidget *date_row;
  g_autofree char *date = NULL;

  if (self->plan == NULL)
    return;

  data = g_new0 (NewTraining, 1);
  group = adw_preferences_group_new ();
  date_row = adw_action_row_new ();
  date = default_date (self);

  dialog = adw_message_dialog_new (sd_ui_parent_window (GTK_WIDGET (self)),
                                   _("New Training"),
                                   _("Tick who attended once the session is added."));
  data->self = g_object_ref (self);
  data->topic = ADW_ENTRY_ROW (adw_entry_row_new ());
  data->audience = ADW_ENTRY_ROW (adw_entry_row_new ());
  data->date = sd_date_button_new (_("Date"), FALSE, NULL, NULL);
  sd_date_button_set_date (data->date, date);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->topic), _("Topic"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->audience), _("Audience"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (date_row), _("Date"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (date_row), data->date);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (date_row), data->date);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (data->topic));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), date_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (data->audience));
  gtk_widget_set_size_request (group, 360, -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect_object (data->topic, "notify::text", G_CALLBACK (new_topic_changed_cb),
                           dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (data->topic, "entry-activated", G_CALLBACK (new_activated_cb),
                           dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (data->audience, "entry-activated", G_CALLBACK (new_activated_cb),
                           dialog, G_CONNECT_SWAPPED);
  g_signal_connect_data (dialog, "response", G_CALLBACK (new_response_cb), data,
                         new_training_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (data->topic));
}

static void
delete_clicked_cb (SdTrainingView *self)
{
  g_autofree char *title = NULL;

  if (self->current == NULL)
    return;
  /* Translators: a toast; %s is the topic of a training session */
  title = g_strdup_printf (_("Training “%s” deleted"), sd_training_get_topic (self->current));
  sd_ui_delete_with_undo (GTK_WIDGET (self), self->store, self->current, title,
                          _("Could not delete the training"), NULL);
}

/* Coverage and the rebuild after changes */

static void
update_coverage (SdTrainingView *self)
{
  guint trained = g_hash_table_size (self->trained);
  guint percent = sd_plan_stats_percent (trained, self->n_active);
  guint missing = self->n_active - MIN (trained, self->n_active);
  g_autofree char *ratio = sd_plan_stats_format_ratio (trained, self->n_active);
  g_autofree char *text = NULL;
  g_autofree char *expander = NULL;

  /* Translators: training coverage, e.g. "36/40 trained · 90 % · target 100 %" */
  text = g_strdup_printf (_("%s trained · %u %% · target %u %%"),
                          ratio, percent, SD_PLAN_KPI_TRAINING);
  gtk_label_set_text (self->coverage_label, text);
  gtk_level_bar_set_value (self->coverage_bar, self->n_active > 0
                                                 ? (double) MIN (trained, self->n_active)
                                                   / self->n_active
                                                 : 1.0);
  if (percent >= SD_PLAN_KPI_TRAINING)
    gtk_widget_remove_css_class (GTK_WIDGET (self->coverage_label), "warning");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->coverage_label), "warning");

  /* Translators: an expander that lists the active people who attended no session */
  expander = g_strdup_printf (ngettext ("%u person not trained yet",
                                        "%u people not trained yet", missing), missing);
  gtk_expander_set_label (self->missing_expander, expander);
  gtk_widget_set_visible (GTK_WIDGET (self->missing_expander), missing > 0);
}

static void
rebuild (SdTrainingView *self)
{
  GListModel *model;
  guint n;
  gint64 plan_id = self->plan != NULL ? sd_item_get_id (SD_ITEM (self->plan)) : 0;
  gint64 current_id = self->current != NULL ? sd_item_get_id (SD_ITEM (self->current)) : 0;

  g_hash_table_remove_all (self->attended);
  g_hash_table_remove_all (self->trained);
  g_hash_table_remove_all (self->counts);
  self->n_active = 0;

  model = sd_store_get_items (self->store, SD_TYPE_PERSON);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPerson) person = g_list_model_get_item (model, i);

      if (sd_person_get_active (person))
        self->n_active++;
    }

  if (plan_id == 0)
    return;

  model = sd_store_get_items (self->store, SD_TYPE_TRAINING_ATTENDANCE);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdTrainingAttendance) attendance = g_list_model_get_item (model, i);
      gint64 training_id = sd_training_attendance_get_training_id (attendance);
      gint64 person_id = sd_training_attendance_get_person_id (attendance);
      SdTraining *training = sd_store_lookup (self->store, SD_TYPE_TRAINING, training_id);
      SdPerson *person;
      guint count;

      if (training == NULL || sd_training_get_plan_id (training) != plan_id)
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, ID_KEY (training_id)));
      g_hash_table_insert (self->counts, ID_KEY (training_id), GUINT_TO_POINTER (count + 1));
      if (training_id == current_id)
        g_hash_table_insert (self->attended, ID_KEY (person_id),
                             ID_KEY (sd_item_get_id (SD_ITEM (attendance))));
      person = sd_store_lookup (self->store, SD_TYPE_PERSON, person_id);
      if (person != NULL && sd_person_get_active (person))
        g_hash_table_add (self->trained, ID_KEY (person_id));
    }
}

static void
refresh (SdTrainingView *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  rebuild (self);
  update_coverage (self);
  update_attendance_label (self);
  gtk_filter_changed (GTK_FILTER (self->people_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->missing_filter), GTK_FILTER_CHANGE_DIFFERENT);
  rebind_cells (self, self->bound_sessions, bind_session);
  rebind_cells (self, self->bound_people, bind_check);
  update_people_stack (self);
  gtk_stack_set_visible_child_name (
    self->sessions_stack,
    g_list_model_get_n_items (gtk_single_selection_get_model (self->session_selection)) > 0
    ? "sessions" : "empty");
}

static gboolean
refresh_cb (gpointer user_data)
{
  SdTrainingView *self = user_data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* Before the next frame draws, after the whole batch of changes. */
static void
queue_refresh (SdTrainingView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_cb, self, NULL);
}

static void
store_changed_cb (SdTrainingView *self)
{
  queue_refresh (self);
}

static void
sessions_changed_cb (SdTrainingView *self)
{
  /* The chosen session may have been edited elsewhere (an undo). */
  sync_fields (self, FALSE);
  queue_refresh (self);
}

/* Building */

static GtkWidget *
add_button_new (SdTrainingView *self,
                gboolean        pill)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Add Training"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  if (pill)
    {
      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "suggested-action");
    }
  g_signal_connect_object (button, "clicked", G_CALLBACK (add_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  return button;
}

static GtkWidget *
status_page_new (const char *icon,
                 const char *title,
                 const char *description)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (page), description);
  return page;
}

static void
missing_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  SdTrainingView           *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *unit = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (unit), 0);
  gtk_label_set_ellipsize (GTK_LABEL (unit), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (unit, "dim-label");
  gtk_widget_add_css_class (unit, "caption");
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), unit);
  gtk_list_item_set_child (list_item, box);
}

static void
missing_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 SdTrainingView           *self)
{
  SdPerson *person = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *unit_label = gtk_widget_get_next_sibling (name);
  SdUnit *unit = sd_store_lookup (self->store, SD_TYPE_UNIT, sd_person_get_unit_id (person));

  gtk_label_set_text (GTK_LABEL (name), sd_person_get_name (person));
  gtk_label_set_text (GTK_LABEL (unit_label), unit != NULL ? sd_unit_get_name (unit) : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sd_person_get_name (person),
                                  -1);
}

static GtkWidget *
build_coverage (SdTrainingView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *heading = gtk_label_new (_("Training Coverage"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *grid;

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_widget_add_css_class (heading, "heading");
  self->coverage_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->coverage_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->coverage_label), "title-4");
  gtk_label_set_selectable (self->coverage_label, FALSE);
  self->coverage_bar = GTK_LEVEL_BAR (gtk_level_bar_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->coverage_bar), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->coverage_bar), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (self->coverage_bar), 120, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->coverage_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Training Coverage"),
                                  -1);
  gtk_box_append (GTK_BOX (line), heading);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->coverage_label));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->coverage_bar));
  gtk_box_append (GTK_BOX (box), line);

  g_signal_connect_object (factory, "setup", G_CALLBACK (missing_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (missing_bind_cb), self, 0);
  grid = gtk_grid_view_new (NULL, factory);
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (grid), 8);
  gtk_grid_view_set_min_columns (GTK_GRID_VIEW (grid), 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Not Trained"),
                                  -1);
  gtk_widget_add_css_class (grid, "card");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 160);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_set_margin_top (scrolled, 6);
  self->missing_grid = GTK_GRID_VIEW (grid);

  self->missing_expander = GTK_EXPANDER (gtk_expander_new (NULL));
  gtk_expander_set_child (self->missing_expander, scrolled);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->missing_expander));
  return box;
}

static GtkColumnViewColumn *
column_new (SdTrainingView *self,
            const char     *title,
            GCallback       setup,
            GCallback       bind,
            GCallback       unbind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect_object (factory, "setup", setup, self, 0);
  g_signal_connect_object (factory, "bind", bind, self, 0);
  if (unbind != NULL)
    g_signal_connect_object (factory, "unbind", unbind, self, 0);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  return column;
}

static GtkWidget *
build_detail (SdTrainingView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *date_row = adw_action_row_new ();
  GtkWidget *delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *no_results;
  GtkColumnViewColumn *column;

  gtk_widget_set_margin_top (group, 12);
  gtk_widget_set_margin_start (group, 12);
  gtk_widget_set_margin_end (group, 12);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Session"));
  gtk_widget_set_tooltip_text (delete_button, _("Delete Training"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Training"),
                                  -1);
  gtk_widget_add_css_class (delete_button, "flat");
  g_signal_connect_object (delete_button, "clicked", G_CALLBACK (delete_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), delete_button);

  self->topic_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->topic_row), _("Topic"));
  adw_entry_row_set_show_apply_button (self->topic_row, TRUE);
  g_signal_connect_object (self->topic_row, "apply", G_CALLBACK (topic_apply_cb), self,
                           G_CONNECT_SWAPPED);
  self->date_button = sd_date_button_new (_("Date"), FALSE, date_chosen_cb, self);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (date_row), _("Date"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (date_row), self->date_button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (date_row), self->date_button);
  self->audience_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->audience_row), _("Audience"));
  adw_entry_row_set_show_apply_button (self->audience_row, TRUE);
  g_signal_connect_object (self->audience_row, "apply", G_CALLBACK (audience_apply_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->topic_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), date_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->audience_row));
  gtk_box_append (GTK_BOX (box), group);

  /* Attendance: how many, search, unit, everyone of the unit. */
  gtk_widget_set_margin_top (bar, 18);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  self->attendance_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->attendance_label), "heading");
  gtk_label_set_xalign (self->attendance_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->attendance_label), TRUE);
  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry, "placeholder-text", _("Search people"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search People"),
                                  -1);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  self->units = sd_unit_chooser_new (unit_chosen_cb, self);
  self->all_button = GTK_BUTTON (gtk_button_new ());
  g_signal_connect_object (self->all_button, "clicked", G_CALLBACK (all_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->attendance_label));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->search_entry));
  gtk_box_append (GTK_BOX (bar), sd_unit_chooser_get_widget (self->units));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->all_button));
  gtk_box_append (GTK_BOX (box), bar);

  self->people_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_row_separators (self->people_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->people_view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->people_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Attendance"),
                                  -1);
  column = column_new (self, _("Name"), G_CALLBACK (check_setup_cb),
                       G_CALLBACK (check_bind_cb), G_CALLBACK (check_unbind_cb));
  gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_append_column (self->people_view, column);
  g_object_unref (column);
  column = column_new (self, _("Unit"), G_CALLBACK (label_setup_cb),
                       G_CALLBACK (unit_bind_cb), G_CALLBACK (unit_unbind_cb));
  gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_append_column (self->people_view, column);
  g_object_unref (column);
  column = column_new (self, _("Job Title"), G_CALLBACK (label_setup_cb),
                       G_CALLBACK (job_bind_cb), NULL);
  gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_append_column (self->people_view, column);
  g_object_unref (column);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->people_view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_margin_start (scrolled, 12);
  gtk_widget_set_margin_end (scrolled, 12);
  gtk_widget_set_margin_bottom (scrolled, 12);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);

  no_results = status_page_new ("system-users-symbolic", _("No People"), NULL);
  self->no_results = ADW_STATUS_PAGE (no_results);
  gtk_widget_add_css_class (no_results, "compact");
  self->people_stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->people_stack), TRUE);
  gtk_stack_add_named (self->people_stack, scrolled, "list");
  gtk_stack_add_named (self->people_stack, no_results, "no-results");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->people_stack));
  return box;
}

static void
build (SdTrainingView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *sidebar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *sidebar_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *sidebar_title = gtk_label_new (_("Sessions"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *empty;
  GtkWidget *no_plan;
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->main_stack = gtk_stack_new ();
  gtk_widget_set_parent (self->main_stack, GTK_WIDGET (self));

  no_plan = status_page_new ("x-office-calendar-symbolic", _("No Plan"),
                             _("Create the plan of the year first; its training sessions "
                               "and who attended them are kept here."));
  gtk_stack_add_named (GTK_STACK (self->main_stack), no_plan, "no-plan");

  gtk_box_append (GTK_BOX (box), build_coverage (self));
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  self->sessions_stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->sessions_stack), TRUE);
  empty = status_page_new ("x-office-presentation-symbolic", _("No Training Sessions"),
                           _("Add each training session of the year with its date, topic "
                             "and audience, then tick who attended."));
  adw_status_page_set_child (ADW_STATUS_PAGE (empty), add_button_new (self, TRUE));
  gtk_stack_add_named (self->sessions_stack, empty, "empty");

  /* The sessions */
  gtk_widget_set_margin_top (sidebar_bar, 6);
  gtk_widget_set_margin_bottom (sidebar_bar, 6);
  gtk_widget_set_margin_start (sidebar_bar, 12);
  gtk_widget_set_margin_end (sidebar_bar, 6);
  gtk_widget_add_css_class (sidebar_title, "heading");
  gtk_label_set_xalign (GTK_LABEL (sidebar_title), 0);
  gtk_widget_set_hexpand (sidebar_title, TRUE);
  gtk_box_append (GTK_BOX (sidebar_bar), sidebar_title);
  gtk_box_append (GTK_BOX (sidebar_bar), add_button_new (self, FALSE));
  gtk_box_append (GTK_BOX (sidebar), sidebar_bar);

  g_signal_connect_object (factory, "setup", G_CALLBACK (session_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (session_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (session_unbind_cb), self, 0);
  self->session_list = GTK_LIST_VIEW (gtk_list_view_new (NULL, factory));
  gtk_list_view_set_show_separators (self->session_list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->session_list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->session_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Training Sessions"),
                                  -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled),
                                 GTK_WIDGET (self->session_list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (sidebar), scrolled);
  gtk_widget_set_size_request (sidebar, 280, -1);

  self->detail_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->detail_stack, build_detail (self), "detail");
  gtk_stack_add_named (self->detail_stack,
                       status_page_new ("x-office-presentation-symbolic",
                                        _("No Session Chosen"),
                                        _("Choose a session on the left to see and tick "
                                          "who attended.")),
                       "none");

  gtk_paned_set_start_child (GTK_PANED (paned), sidebar);
  gtk_paned_set_resize_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (self->detail_stack));
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_position (GTK_PANED (paned), 340);
  gtk_stack_add_named (self->sessions_stack, paned, "sessions");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->sessions_stack));
  gtk_stack_add_named (GTK_STACK (self->main_stack), box, "plan");
  gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack), "no-plan");
}

/* GObject */

static void
sd_training_view_constructed (GObject *object)
{
  SdTrainingView *self = SD_TRAINING_VIEW (object);
  GListModel *people;
  GtkFilterListModel *sessions;
  GtkSortListModel *sorted;
  GtkSortListModel *sorted_people;
  GtkNoSelection *no_selection;

  G_OBJECT_CLASS (sd_training_view_parent_class)->constructed (object);

  g_return_if_fail (SD_IS_STORE (self->store));

  /* Sessions of the plan, by date. */
  self->session_filter = gtk_custom_filter_new (session_of_plan_cb, self, NULL);
  sessions = gtk_filter_list_model_new (g_object_ref (sd_store_get_items (self->store,
                                                                          SD_TYPE_TRAINING)),
                                        g_object_ref (GTK_FILTER (self->session_filter)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (sessions),
                                    GTK_SORTER (gtk_custom_sorter_new (session_order_cb,
                                                                       NULL, NULL)));
  self->session_selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_list_view_set_model (self->session_list, GTK_SELECTION_MODEL (self->session_selection));
  g_signal_connect_object (self->session_selection, "notify::selected-item",
                           G_CALLBACK (selected_changed_cb), self, G_CONNECT_SWAPPED);

  /* The checklist and the missing: people by unit, then as entered. The
   * filters sit above the order, so that a search or a tick filters again
   * without sorting again. */
  people = sd_store_get_items (self->store, SD_TYPE_PERSON);
  self->people_sorter = gtk_custom_sorter_new (person_order_cb, self, NULL);
  sorted_people = gtk_sort_list_model_new (g_object_ref (people),
                                           g_object_ref (GTK_SORTER (self->people_sorter)));
  self->people_filter = gtk_custom_filter_new (person_listed_cb, self, NULL);
  self->people = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (sorted_people)),
                                            g_object_ref (GTK_FILTER (self->people_filter)));
  no_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->people)));
  gtk_column_view_set_model (self->people_view, GTK_SELECTION_MODEL (no_selection));
  g_object_unref (no_selection);

  self->missing_filter = gtk_custom_filter_new (person_missing_cb, self, NULL);
  self->missing = gtk_filter_list_model_new (G_LIST_MODEL (sorted_people),
                                             g_object_ref (GTK_FILTER (self->missing_filter)));
  no_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->missing)));
  gtk_grid_view_set_model (self->missing_grid, GTK_SELECTION_MODEL (no_selection));
  g_object_unref (no_selection);

  g_signal_connect_object (sd_store_get_items (self->store, SD_TYPE_TRAINING_ATTENDANCE),
                           "items-changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (sd_store_get_items (self->store, SD_TYPE_TRAINING),
                           "items-changed", G_CALLBACK (sessions_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (people, "items-changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (sd_store_get_items (self->store, SD_TYPE_UNIT), "items-changed",
                           G_CALLBACK (units_changed_cb), self, G_CONNECT_SWAPPED);
  units_changed_cb (self);
  current_changed (self);
  refresh (self);
}

static void
sd_training_view_dispose (GObject *object)
{
  SdTrainingView *self = SD_TRAINING_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->people_view != NULL)
    gtk_column_view_set_model (self->people_view, NULL);
  if (self->session_list != NULL)
    gtk_list_view_set_model (self->session_list, NULL);
  if (self->missing_grid != NULL)
    gtk_grid_view_set_model (self->missing_grid, NULL);
  g_clear_pointer (&self->main_stack, gtk_widget_unparent);
  self->people_view = NULL;
  self->session_list = NULL;
  self->missing_grid = NULL;

  g_clear_object (&self->session_selection);
  g_clear_object (&self->session_filter);
  g_clear_object (&self->people);
  g_clear_object (&self->people_filter);
  g_clear_object (&self->people_sorter);
  g_clear_object (&self->missing);
  g_clear_object (&self->missing_filter);
  g_clear_object (&self->current);
  g_clear_object (&self->plan);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_training_view_parent_class)->dispose (object);
}

static void
sd_training_view_finalize (GObject *object)
{
  SdTrainingView *self = SD_TRAINING_VIEW (object);

  g_clear_pointer (&self->attended, g_hash_table_unref);
  g_clear_pointer (&self->trained, g_hash_table_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->units, sd_unit_chooser_free);
  g_clear_pointer (&self->bound_sessions, g_hash_table_unref);
  g_clear_pointer (&self->bound_people, g_hash_table_unref);
  g_clear_pointer (&self->bound_units, g_hash_table_unref);
  g_free (self->query);
  g_free (self->shown_topic);
  g_free (self->shown_audience);

  G_OBJECT_CLASS (sd_training_view_parent_class)->finalize (object);
}

static void
sd_training_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SdTrainingView *self = SD_TRAINING_VIEW (object);

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
sd_training_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SdTrainingView *self = SD_TRAINING_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_assert (self->store == NULL);
      self->store = g_value_dup_object (value);
      break;

    case PROP_PLAN:
      sd_training_view_set_plan (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_training_view_class_init (SdTrainingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sd_training_view_constructed;
  object_class->dispose = sd_training_view_dispose;
  object_class->finalize = sd_training_view_finalize;
  object_class->get_property = sd_training_view_get_property;
  object_class->set_property = sd_training_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         SD_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL,
                         SD_TYPE_PLAN,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sd-training-view");
}

static void
sd_training_view_init (SdTrainingView *self)
{
  self->attended = g_hash_table_new (NULL, NULL);
  self->trained = g_hash_table_new (NULL, NULL);
  self->counts = g_hash_table_new (NULL, NULL);
  self->bound_sessions = g_hash_table_new (NULL, NULL);
  self->bound_people = g_hash_table_new (NULL, NULL);
  self->bound_units = g_hash_table_new (NULL, NULL);
  build (self);
}

GtkWidget *
sd_training_view_new (SdStore *store)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  return g_object_new (SD_TYPE_TRAINING_VIEW,
                       "store", store,
                       NULL);
}

void
sd_training_view_set_plan (SdTrainingView *self,
                           SdPlan         *plan)
{
  g_return_if_fail (SD_IS_TRAINING_VIEW (self));
  g_return_if_fail (plan == NULL || SD_IS_PLAN (plan));

  if (!g_set_object (&self->plan, plan))
    return;

  gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack),
                                    plan != NULL ? "plan" : "no-plan");
  /* Before construction there is nothing to filter yet. */
  if (self->session_selection != NULL)
    {
      gtk_filter_changed (GTK_FILTER (self->session_filter), GTK_FILTER_CHANGE_DIFFERENT);
      current_changed (self);
      refresh (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}
