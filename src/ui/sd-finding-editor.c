/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-finding-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sd-finding-editor.h"
#include "sd-labels.h"
#include "sd-person.h"
#include "sd-unit.h"

/*
 * Most fields are the editor base's own. Two kinds are not:
 *
 * - A date needs to parse before it is stored. It has a hidden base
 *   field; the visible row hands it the date once it is one, and what the
 *   store holds comes back the same way (see sd_editor_add_date_row()).
 * - The status is not a plain choice: closing a finding takes its
 *   evidence and sets the date it was closed, reopening clears that date,
 *   so the status row stores those values together.
 */

struct _SdFindingEditor
{
  SdEditorWindow       parent_instance;

  SdInspection        *inspection;      /* of a new finding */
  AdwPreferencesGroup *details;
  GtkWidget           *description_row;
  AdwComboRow         *status_row;
  GtkWidget           *evidence_row;
  GtkWidget           *closed_on_row;
  guint                syncing;
};

G_DEFINE_FINAL_TYPE (SdFindingEditor, sd_finding_editor, SD_TYPE_EDITOR_WINDOW)

enum {
  PROP_0,
  PROP_INSPECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const severity_codes[] = { "low", "medium", "high", NULL };
static const char * const status_codes[] = { "open", "rectifying", "closed", NULL };

/* Dates */

typedef struct
{
  SdEditorWindow *editor;
  GtkWidget      *row;       /* what the user edits */
  GtkWidget      *field;     /* the hidden base field */
  GtkWidget      *message;   /* the error, below the row */
  GtkCalendar    *calendar;
  gboolean        required;
  guint           syncing;
} DateRow;

/* "2026-7-1" and "2026-07-01" are the same date; FALSE if it is none. */
static gboolean
parse_date (const char  *text,
            char       **normalized)
{
  unsigned year, month, day;
  char rest;

  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &rest) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;
  *normalized = g_strdup_printf ("%04u-%02u-%02u", year, month, day);
  return TRUE;
}

static void
date_row_set_hidden (DateRow    *date_row,
                     const char *value)
{
  const char *text = value != NULL ? value : "";

  date_row->syncing++;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (date_row->field)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (date_row->field), text);
  date_row->syncing--;
}

static void
date_row_show_error (DateRow    *date_row,
                     const char *message)
{
  if (message != NULL)
    {
      gtk_label_set_text (GTK_LABEL (date_row->message), message);
      gtk_widget_add_css_class (date_row->row, "error");
    }
  else
    gtk_widget_remove_css_class (date_row->row, "error");
  gtk_widget_set_visible (date_row->message, message != NULL);
}

/* Whether the row holds a date to store (or no date, where that is
 * allowed): @date is set to it (transfer full, NULL for none). With @show,
 * what is wrong is shown below the row, and a correct text clears it. */
static gboolean
date_row_check (DateRow   *date_row,
                gboolean   show,
                char     **date)
{
  const char *entered = gtk_editable_get_text (GTK_EDITABLE (date_row->row));
  g_autofree char *text = g_strstrip (g_strdup (entered));
  const char *message = NULL;

  *date = NULL;
  if (*text == '\0')
    {
      if (date_row->required)
        /* Translators: YYYY-MM-DD is the date format; keep it */
        message = _("A date is needed here, as YYYY-MM-DD, such as 2026-07-01.");
    }
  else if (!parse_date (text, date))
    /* Translators: YYYY-MM-DD is the date format; keep it */
    message = _("Enter the date as YYYY-MM-DD, such as 2026-07-01.");

  if (show)
    date_row_show_error (date_row, message);
  return message == NULL;
}

/* The store's value came back. */
static void
date_field_changed_cb (DateRow *date_row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (date_row->field));

  if (date_row->syncing > 0)
    return;
  date_row->syncing++;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (date_row->row)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (date_row->row), text);
  date_row->syncing--;
  date_row_show_error (date_row, NULL);
}

/* While the user corrects a wrong date, the error goes as soon as it is
 * one; it is not shown while a date is still being typed. */
static void
date_row_changed_cb (DateRow *date_row)
{
  g_autofree char *date = NULL;

  if (date_row->syncing > 0 || !gtk_widget_get_visible (date_row->message))
    return;
  date_row_check (date_row, TRUE, &date);
}

static void
date_row_apply_cb (DateRow *date_row)
{
  g_autofree char *date = NULL;

  if (!date_row_check (date_row, TRUE, &date))
    return;
  date_row_set_hidden (date_row, date);
  g_signal_emit_by_name (date_row->field, "apply");
  /* "2026-7-1" is shown as it is stored. */
  date_field_changed_cb (date_row);
}

static void
date_row_focus_leave_cb (DateRow *date_row)
{
  g_autofree char *date = NULL;

  date_row_check (date_row, TRUE, &date);
}

static gboolean
date_row_close_request_cb (DateRow *date_row)
{
  g_autofree char *date = NULL;

  /* What was typed and is a date is kept, as the base keeps the text of
   * its own fields: it stores the hidden field after this. */
  if (date_row_check (date_row, FALSE, &date))
    date_row_set_hidden (date_row, date);
  return FALSE;
}

static void
calendar_day_selected_cb (DateRow *date_row)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (date_row->calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (date_row->calendar),
                                                GTK_TYPE_POPOVER);

  gtk_editable_set_text (GTK_EDITABLE (date_row->row), text);
  date_row_apply_cb (date_row);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

/* The calendar opens on the date in the row, or today. */
static void
calendar_shown_cb (DateRow *date_row)
{
  g_autofree char *date = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (date_row->row));
  g_autoptr(GDateTime) when = NULL;

  if (parse_date (text, &date))
    {
      int year, month, day;

      sscanf (date, "%d-%d-%d", &year, &month, &day);
      when = g_date_time_new_local (year, month, day, 0, 0, 0);
    }
  else
    when = g_date_time_new_now_local ();
  g_signal_handlers_block_by_func (date_row->calendar, calendar_day_selected_cb, date_row);
  gtk_calendar_select_day (date_row->calendar, when);
  g_signal_handlers_unblock_by_func (date_row->calendar, calendar_day_selected_cb, date_row);
}

GtkWidget *
sd_editor_add_date_row (SdEditorWindow      *editor,
                        AdwPreferencesGroup *group,
                        const char          *property,
                        const char          *title,
                        gboolean             required)
{
  DateRow *date_row;
  AdwPreferencesGroup *hidden;
  GtkEventController *focus;
  GtkWidget *button, *popover;
  g_autofree char *key = NULL;
  g_autofree char *button_name = NULL;

  g_return_val_if_fail (SD_IS_EDITOR_WINDOW (editor), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);

  date_row = g_new0 (DateRow, 1);
  date_row->editor = editor;
  date_row->required = required;
  /* The window outlives its rows, and the handlers below point at this. */
  key = g_strconcat ("sd-date-row-", property, NULL);
  g_object_set_data_full (G_OBJECT (editor), key, date_row, g_free);

  /* The base's field; never shown. */
  hidden = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  gtk_widget_set_visible (GTK_WIDGET (hidden), FALSE);
  adw_preferences_page_add (sd_editor_window_get_page (editor), hidden);
  date_row->field = sd_editor_window_add_entry (editor, hidden, property, title, FALSE);
  g_signal_connect_swapped (date_row->field, "changed", G_CALLBACK (date_field_changed_cb),
                            date_row);

  date_row->row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (date_row->row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (date_row->row), TRUE);
  gtk_widget_set_name (date_row->row, property);
  gtk_editable_set_text (GTK_EDITABLE (date_row->row),
                         gtk_editable_get_text (GTK_EDITABLE (date_row->field)));
  g_signal_connect_swapped (date_row->row, "changed", G_CALLBACK (date_row_changed_cb),
                            date_row);
  g_signal_connect_swapped (date_row->row, "apply", G_CALLBACK (date_row_apply_cb), date_row);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (date_row_focus_leave_cb), date_row);
  gtk_widget_add_controller (date_row->row, focus);

  date_row->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_swapped (date_row->calendar, "day-selected",
                            G_CALLBACK (calendar_day_selected_cb), date_row);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (date_row->calendar));
  g_signal_connect_swapped (popover, "show", G_CALLBACK (calendar_shown_cb), date_row);
  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose a Date"));
  /* Translators: accessible name of a calendar button; %s is the title of
   * a date field, such as “Deadline” */
  button_name = g_strdup_printf (_("Choose the date: %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, button_name,
                                  -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (date_row->row), button);
  adw_preferences_group_add (group, date_row->row);

  date_row->message = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (date_row->message), 0);
  gtk_label_set_wrap (GTK_LABEL (date_row->message), TRUE);
  gtk_widget_add_css_class (date_row->message, "error");
  gtk_widget_add_css_class (date_row->message, "caption");
  gtk_widget_set_margin_start (date_row->message, 12);
  gtk_widget_set_margin_top (date_row->message, 6);
  gtk_widget_set_margin_bottom (date_row->message, 6);
  gtk_widget_set_visible (date_row->message, FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (date_row->row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, date_row->message, NULL,
                                  -1);
  adw_preferences_group_add (group, date_row->message);
  g_object_set_data (G_OBJECT (date_row->row), "sd-date-message", date_row->message);

  /* Before the base's own close handler, which stores the hidden field. */
  g_signal_connect_swapped (editor, "close-request", G_CALLBACK (date_row_close_request_cb),
                            date_row);
  return date_row->row;
}

/* The status */

static SdFinding *
get_finding (SdFindingEditor *self)
{
  return sd_editor_window_get_item (SD_EDITOR_WINDOW (self));
}

static void
sync_status (SdFindingEditor *self)
{
  SdFinding *finding = get_finding (self);
  const char *status = finding != NULL ? sd_finding_get_status (finding) : "open";
  gboolean closed = g_strcmp0 (status, "closed") == 0;
  GtkWidget *message = g_object_get_data (G_OBJECT (self->closed_on_row), "sd-date-message");

  self->syncing++;
  for (guint i = 0; status_codes[i] != NULL; i++)
    if (g_strcmp0 (status_codes[i], status) == 0)
      adw_combo_row_set_selected (self->status_row, i);
  self->syncing--;

  /* The date it was closed means something only while it is. */
  gtk_widget_set_visible (self->closed_on_row, closed);
  if (!closed)
    gtk_widget_set_visible (message, FALSE);
}

static void
status_changed_cb (SdFindingEditor *self)
{
  SdFinding *finding = get_finding (self);
  guint selected = adw_combo_row_get_selected (self->status_row);
  const char *names[3] = { "status", "evidence", "closed-on" };
  GValue values[3] = { G_VALUE_INIT, G_VALUE_INIT, G_VALUE_INIT };
  const char *status;
  guint n = 0;

  if (self->syncing > 0 || finding == NULL || selected >= G_N_ELEMENTS (status_codes) - 1)
    return;
  status = status_codes[selected];
  if (g_strcmp0 (status, sd_finding_get_status (finding)) == 0)
    return;

  g_value_init (&values[n], G_TYPE_STRING);
  g_value_set_string (&values[n++], status);
  if (g_str_equal (status, "closed"))
    {
      const char *entered = gtk_editable_get_text (GTK_EDITABLE (self->evidence_row));
      g_autofree char *evidence = g_strstrip (g_strdup (entered));
      const char *closed_on = sd_finding_get_closed_on (finding);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      if (*evidence == '\0')
        {
          sd_editor_window_toast (SD_EDITOR_WINDOW (self),
                                  _("Enter the closing evidence first: a finding is closed "
                                    "with it."));
          g_value_unset (&values[0]);
          sync_status (self);
          gtk_widget_grab_focus (self->evidence_row);
          return;
        }
      g_value_init (&values[n], G_TYPE_STRING);
      g_value_set_string (&values[n++], evidence);
      g_value_init (&values[n], G_TYPE_STRING);
      if (closed_on != NULL && *closed_on != '\0')
        g_value_set_string (&values[n++], closed_on);
      else
        g_value_take_string (&values[n++], g_date_time_format (now, "%Y-%m-%d"));
    }
  else
    {
      /* Reopened: the evidence stays, as the record of what was found
       * wanting; the date it was closed goes. */
      names[1] = "closed-on";
      g_value_init (&values[n], G_TYPE_STRING);
      g_value_set_string (&values[n++], NULL);
    }

  sd_editor_window_update (SD_EDITOR_WINDOW (self), n, names, values);
  for (guint i = 0; i < n; i++)
    g_value_unset (&values[i]);
  sync_status (self);
}

/* GObject */

static char *
inspection_summary (SdStore      *store,
                    SdInspection *inspection)
{
  SdUnit *unit = sd_store_lookup (store, SD_TYPE_UNIT, sd_inspection_get_unit_id (inspection));
  const char *title = sd_inspection_get_title (inspection);
  GString *text = g_string_new (sd_inspection_get_date (inspection));

  g_string_append_printf (text, " · %s",
                          sd_inspection_kind_label (sd_inspection_get_kind (inspection)));
  if (unit != NULL)
    g_string_append_printf (text, " · %s", sd_unit_get_name (unit));
  if (title != NULL && *title != '\0')
    g_string_append_printf (text, " · %s", title);
  return g_string_free (text, FALSE);
}

static AdwPreferencesGroup *
add_group (SdFindingEditor *self,
           const char      *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_page_add (sd_editor_window_get_page (SD_EDITOR_WINDOW (self)),
                            ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

static void
sd_finding_editor_constructed (GObject *object)
{
  SdFindingEditor *self = SD_FINDING_EDITOR (object);
  SdEditorWindow *editor = SD_EDITOR_WINDOW (object);
  SdStore *store;
  SdFinding *finding;
  SdInspection *inspection;
  AdwPreferencesGroup *rectification;
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  GtkWidget *row;

  G_OBJECT_CLASS (sd_finding_editor_parent_class)->constructed (object);

  store = sd_editor_window_get_store (editor);
  finding = get_finding (self);
  inspection = finding != NULL ? sd_store_lookup (store, SD_TYPE_INSPECTION,
                                                  sd_finding_get_inspection_id (finding))
                               : self->inspection;

  sd_editor_window_set_titles (editor, _("New Finding"), _("Finding"));
  if (finding == NULL)
    {
      g_return_if_fail (SD_IS_INSPECTION (inspection));
      sd_editor_window_set_default_ref (editor, "inspection-id",
                                        sd_item_get_id (SD_ITEM (inspection)));
      sd_editor_window_set_default_ref (editor, "unit-id",
                                        sd_inspection_get_unit_id (inspection));
      sd_editor_window_set_default_string (editor, "severity", "medium");
      sd_editor_window_set_default_string (editor, "status", "open");
    }

  self->details = add_group (self, NULL);
  if (finding == NULL)
    adw_preferences_group_set_description (self->details,
                                           _("The finding is added when it has a "
                                             "description."));
  if (inspection != NULL)
    {
      g_autofree char *summary = inspection_summary (store, inspection);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Inspection"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
      adw_preferences_group_add (self->details, row);
    }
  self->description_row = sd_editor_window_add_entry (editor, self->details, "description",
                                                      _("Description"), TRUE);
  sd_editor_window_add_ref (editor, self->details, "unit-id", _("Unit"), SD_TYPE_UNIT,
                            _("None"), NULL);
  sd_editor_window_add_choice (editor, self->details, "severity", _("Severity"),
                               severity_codes, sd_severity_label);
  sd_editor_window_add_ref (editor, self->details, "responsible-person-id",
                            _("Responsible Person"), SD_TYPE_PERSON, _("None"), NULL);
  sd_editor_add_date_row (editor, self->details, "deadline",
                          _("Rectification Deadline (YYYY-MM-DD)"), FALSE);

  rectification = add_group (self, _("Rectification"));
  adw_preferences_group_set_description (rectification,
                                         _("A finding is closed with the evidence of its "
                                           "rectification."));
  for (guint i = 0; status_codes[i] != NULL; i++)
    gtk_string_list_append (statuses, sd_finding_status_label (status_codes[i]));
  self->status_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Status"));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  adw_preferences_group_add (rectification, GTK_WIDGET (self->status_row));
  g_signal_connect_object (self->status_row, "notify::selected",
                           G_CALLBACK (status_changed_cb), self, G_CONNECT_SWAPPED);
  self->evidence_row = sd_editor_window_add_entry (editor, rectification, "evidence",
                                                   _("Closing Evidence"), FALSE);
  self->closed_on_row = sd_editor_add_date_row (editor, rectification, "closed-on",
                                                _("Closed On (YYYY-MM-DD)"), FALSE);
  /* A new finding is open; it is closed once it exists. */
  sd_editor_window_add_dependent (editor, GTK_WIDGET (rectification));

  g_signal_connect_object (sd_store_get_items (store, SD_TYPE_FINDING), "items-changed",
                           G_CALLBACK (sync_status), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  sync_status (self);
}

static void
sd_finding_editor_item_created (SdEditorWindow *editor)
{
  SdFindingEditor *self = SD_FINDING_EDITOR (editor);

  adw_preferences_group_set_description (self->details, NULL);
  sync_status (self);
}

static GtkWidget *
find_text (GtkWidget *widget)
{
  if (GTK_IS_TEXT (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *text = find_text (child);

      if (text != NULL)
        return text;
    }
  return NULL;
}

static void
sd_finding_editor_map (GtkWidget *widget)
{
  SdFindingEditor *self = SD_FINDING_EDITOR (widget);
  GtkWidget *text;

  GTK_WIDGET_CLASS (sd_finding_editor_parent_class)->map (widget);

  text = find_text (self->description_row);
  if (text != NULL)
    gtk_text_grab_focus_without_selecting (GTK_TEXT (text));
}

static void
sd_finding_editor_dispose (GObject *object)
{
  SdFindingEditor *self = SD_FINDING_EDITOR (object);

  g_clear_object (&self->inspection);

  G_OBJECT_CLASS (sd_finding_editor_parent_class)->dispose (object);
}

static void
sd_finding_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SdFindingEditor *self = SD_FINDING_EDITOR (object);

  switch (prop_id)
    {
    case PROP_INSPECTION:
      g_set_object (&self->inspection, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_finding_editor_class_init (SdFindingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SdEditorWindowClass *editor_class = SD_EDITOR_WINDOW_CLASS (klass);

  object_class->constructed = sd_finding_editor_constructed;
  object_class->dispose = sd_finding_editor_dispose;
  object_class->set_property = sd_finding_editor_set_property;
  widget_class->map = sd_finding_editor_map;
  editor_class->item_created = sd_finding_editor_item_created;

  /* The inspection of a new finding. */
  properties[PROP_INSPECTION] =
    g_param_spec_object ("inspection", NULL, NULL, SD_TYPE_INSPECTION,
                         (G_PARAM_WRITABLE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_finding_editor_init (SdFindingEditor *self)
{
}

/**
 * sd_finding_editor_new:
 * @store: the store
 * @finding: (nullable): the finding to edit, or %NULL for a new one
 * @inspection: (nullable): the inspection of a new finding
 *
 * Returns: (transfer none): the editor, not yet shown
 */
GtkWidget *
sd_finding_editor_new (SdStore      *store,
                       SdFinding    *finding,
                       SdInspection *inspection)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (finding == NULL || SD_IS_FINDING (finding), NULL);
  g_return_val_if_fail (finding != NULL || SD_IS_INSPECTION (inspection), NULL);

  return g_object_new (SD_TYPE_FINDING_EDITOR,
                       "store", store,
                       "item-type", SD_TYPE_FINDING,
                       "item", finding,
                       "inspection", finding == NULL ? inspection : NULL,
                       NULL);
}
