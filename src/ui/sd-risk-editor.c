/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-risk-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sd-labels.h"
#include "sd-matrix-settings.h"
#include "sd-person.h"
#include "sd-risk-category.h"
#include "sd-risk-editor.h"
#include "sd-risk-history.h"
#include "sd-risk-matrix.h"
#include "sd-risk-rating.h"
#include "sd-risk-settings.h"
#include "sd-unit.h"

/*
 * Most fields are the editor base's own. Three kinds are not:
 *
 * - The code, the next review date and the long texts (description,
 *   measures) need something before they are stored: a check against the
 *   other risks' codes, a date that parses, a text view of several lines.
 *   Each has a hidden base field; the visible widget hands its value to it
 *   and applies it, and what the store holds comes back the same way.
 * - The category offers "New Category…" besides the categories.
 * - A rating is a pair of drop-downs, and changing the rating of an
 *   existing risk is a re-rating (sd_risk_rerate()), recorded in its
 *   history: the changed ratings wait for the Record button or the
 *   window's closing, and are recorded together in one transaction.
 *   For a new risk they are values of the insert.
 */

#define N_LEVELS 3

typedef struct
{
  SdRiskEditor *self;
  GtkWidget    *field;    /* the hidden base field */
  GtkTextView  *view;
} TextArea;

typedef struct
{
  GtkWidget   *row;
  GtkLabel    *chip;
  GtkDropDown *likelihood;
  GtkDropDown *impact;
  int          new_likelihood;  /* a new risk's values */
  int          new_impact;
  gboolean     pending;         /* changed and not recorded */
} RatingRow;

struct _SdRiskEditor
{
  SdEditorWindow       parent_instance;

  AdwPreferencesGroup *details;
  GtkWidget           *code_row;
  GtkWidget           *code_field;
  GtkWidget           *duplicate_label;
  GtkWidget           *title_row;
  AdwComboRow         *category_row;
  GArray              *category_ids;    /* gint64, index for index after "None" */
  gint64               new_category_id;
  AdwPreferencesGroup *ratings_group;
  GtkWidget           *record_button;
  RatingRow            ratings[N_LEVELS];
  int                  size;
  GtkWidget           *review_row;
  GtkWidget           *review_field;
  GtkCalendar         *calendar;
  GPtrArray           *text_areas;      /* TextArea */
  char                *suggested_code;
  guint                syncing;
};

G_DEFINE_FINAL_TYPE (SdRiskEditor, sd_risk_editor, SD_TYPE_EDITOR_WINDOW)

/* The first, empty, code: no treatment decided yet. */
static const char * const treatment_codes[] = { "", "avoid", "reduce", "transfer", "accept", NULL };

static const char *
treatment_label (const char *code)
{
  if (code == NULL || *code == '\0')
    /* Translators: a risk's treatment when none has been chosen yet */
    return _("Not Decided");
  return sd_risk_treatment_label (code);
}
static const char * const status_codes[] = { "open", "treating", "accepted", "closed", NULL };

static SdStore *
get_store (SdRiskEditor *self)
{
  return sd_editor_window_get_store (SD_EDITOR_WINDOW (self));
}

static SdRisk *
get_risk (SdRiskEditor *self)
{
  return sd_editor_window_get_item (SD_EDITOR_WINDOW (self));
}

/* Codes */

static SdRisk *
find_code (SdStore    *store,
           const char *code,
           gint64      except)
{
  GListModel *risks = sd_store_get_items (store, SD_TYPE_RISK);
  guint n = g_list_model_get_n_items (risks);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdRisk) risk = g_list_model_get_item (risks, i);

      if (g_strcmp0 (sd_risk_get_code (risk), code) == 0 &&
          sd_item_get_id (SD_ITEM (risk)) != except)
        return risk;
    }
  return NULL;
}

char *
sd_risk_suggest_code (SdStore *store)
{
  GListModel *risks;
  guint n;
  g_autofree char *prefix = NULL;
  guint64 highest = 0;
  int digits = 3;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  risks = sd_store_get_items (store, SD_TYPE_RISK);
  n = g_list_model_get_n_items (risks);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdRisk) risk = g_list_model_get_item (risks, i);
      const char *code = sd_risk_get_code (risk);
      size_t len = code != NULL ? strlen (code) : 0;
      size_t count = 0;
      guint64 number;

      while (count < len && count < 9 && g_ascii_isdigit (code[len - count - 1]))
        count++;
      if (count == 0)
        continue;
      number = g_ascii_strtoull (code + len - count, NULL, 10);
      if (prefix == NULL || number > highest)
        {
          g_free (prefix);
          prefix = g_strndup (code, len - count);
          highest = number;
          digits = (int) count;
        }
    }
  if (prefix == NULL)
    prefix = g_strdup ("R-");

  /* Taken codes are skipped; a hundred tries cost nothing. */
  for (guint tries = 0; tries < 100; tries++)
    {
      g_autofree char *code = g_strdup_printf ("%s%0*" G_GUINT64_FORMAT, prefix, digits,
                                               highest + 1 + tries);

      if (find_code (store, code, 0) == NULL)
        return g_steal_pointer (&code);
    }
  return NULL;
}

/* Hidden fields */

/* Hands @value to the hidden field @field, without applying it. */
static void
set_hidden (SdRiskEditor *self,
            GtkWidget    *field,
            const char   *value)
{
  self->syncing++;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (field)), value != NULL ? value : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (field), value != NULL ? value : "");
  self->syncing--;
}

static void
apply_hidden (SdRiskEditor *self,
              GtkWidget    *field,
              const char   *value)
{
  set_hidden (self, field, value);
  g_signal_emit_by_name (field, "apply");
}

/* Shows the hidden field's value in @visible (the store's value came
 * back). */
static void
show_hidden (SdRiskEditor *self,
             GtkWidget    *field,
             GtkWidget    *visible)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (field));

  if (self->syncing > 0)
    return;
  self->syncing++;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (visible)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (visible), text);
  self->syncing--;
}

/* The code */

static char *
code_row_get_text (SdRiskEditor *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_row))));
}

static SdRisk *
duplicate_of (SdRiskEditor *self,
              const char   *code)
{
  if (code == NULL || *code == '\0')
    return NULL;
  return find_code (get_store (self), code,
                    sd_editor_window_get_item_id (SD_EDITOR_WINDOW (self)));
}

static void
code_field_changed_cb (SdRiskEditor *self)
{
  show_hidden (self, self->code_field, self->code_row);
}

/* While the code is typed, a code another risk has is pointed out. */
static void
code_row_changed_cb (SdRiskEditor *self)
{
  g_autofree char *code = NULL;
  SdRisk *other;

  if (self->syncing > 0)
    return;

  code = code_row_get_text (self);
  other = duplicate_of (self, code);
  if (other != NULL)
    {
      /* Translators: shown below the code of a risk when another risk
       * already has it; %s is the other risk's title */
      g_autofree char *message = g_strdup_printf (_("Another risk has this code: “%s”"),
                                                  sd_risk_get_title (other));

      gtk_label_set_text (GTK_LABEL (self->duplicate_label), message);
      gtk_widget_add_css_class (self->code_row, "error");
    }
  else
    gtk_widget_remove_css_class (self->code_row, "error");
  gtk_widget_set_visible (self->duplicate_label, other != NULL);

  /* A new risk is created by the title's Enter too: it takes the code
   * typed so far. */
  if (get_risk (self) == NULL)
    set_hidden (self, self->code_field, code);
}

static void
code_row_apply_cb (SdRiskEditor *self)
{
  g_autofree char *code = code_row_get_text (self);

  if (duplicate_of (self, code) != NULL)
    {
      /* Translators: %s is a risk's code, such as R-001 */
      g_autofree char *message = g_strdup_printf (_("The code “%s” is taken by another risk. "
                                                    "Codes must be unique."), code);

      sd_editor_window_toast (SD_EDITOR_WINDOW (self), message);
      return;
    }

  /* A new risk is created once it has a title too; until then Enter goes
   * on to the title. */
  if (get_risk (self) == NULL &&
      *gtk_editable_get_text (GTK_EDITABLE (self->title_row)) == '\0')
    {
      set_hidden (self, self->code_field, code);
      gtk_widget_grab_focus (self->title_row);
      return;
    }
  apply_hidden (self, self->code_field, code);
}

/* Long texts */

static char *
text_area_get_text (TextArea *area)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (area->view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
text_area_apply (TextArea *area)
{
  g_autofree char *text = text_area_get_text (area);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (area->field))) == 0 &&
      get_risk (area->self) != NULL)
    return;
  apply_hidden (area->self, area->field, text);
}

static void
text_area_field_changed_cb (TextArea *area)
{
  const char *text;
  g_autofree char *shown = NULL;

  if (area->self->syncing > 0)
    return;
  text = gtk_editable_get_text (GTK_EDITABLE (area->field));
  shown = text_area_get_text (area);
  if (g_strcmp0 (shown, text) != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (area->view), text, -1);
}

static void
text_area_focus_leave_cb (TextArea *area)
{
  text_area_apply (area);
}

static void
apply_texts_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SdRiskEditor *self = SD_RISK_EDITOR (widget);

  for (guint i = 0; i < self->text_areas->len; i++)
    text_area_apply (g_ptr_array_index (self->text_areas, i));
}

static void
add_text_area (SdRiskEditor        *self,
               AdwPreferencesGroup *hidden,
               AdwPreferencesGroup *group,
               const char          *property,
               const char          *accessible_name)
{
  TextArea *area = g_new0 (TextArea, 1);
  GtkEventController *focus;
  GtkEventController *shortcuts;
  GtkShortcutTrigger *trigger;
  GtkShortcutAction *action;
  GtkWidget *frame;

  area->self = self;
  area->field = sd_editor_window_add_entry (SD_EDITOR_WINDOW (self), hidden, property,
                                            accessible_name, FALSE);
  area->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  g_ptr_array_add (self->text_areas, area);
  g_signal_connect_swapped (area->field, "changed", G_CALLBACK (text_area_field_changed_cb),
                            area);

  gtk_text_view_set_wrap_mode (area->view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (area->view, FALSE);
  gtk_text_view_set_top_margin (area->view, 8);
  gtk_text_view_set_bottom_margin (area->view, 8);
  gtk_text_view_set_left_margin (area->view, 10);
  gtk_text_view_set_right_margin (area->view, 10);
  gtk_widget_set_size_request (GTK_WIDGET (area->view), -1, 80);
  gtk_widget_set_name (GTK_WIDGET (area->view), property);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (area->view),
                            gtk_editable_get_text (GTK_EDITABLE (area->field)), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name,
                                  -1);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (text_area_focus_leave_cb), area);
  gtk_widget_add_controller (GTK_WIDGET (area->view), focus);
  /* In the text, Enter starts a new line; Ctrl+Enter stores the text. */
  shortcuts = gtk_shortcut_controller_new ();
  trigger = gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter");
  action = gtk_named_action_new ("risk.apply-texts");
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (trigger, action));
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (area->view), shortcuts);

  frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (frame, "view");
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (area->view));
  adw_preferences_group_add (group, frame);
}

/* The next review date */

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
review_field_changed_cb (SdRiskEditor *self)
{
  show_hidden (self, self->review_field, self->review_row);
}

static gboolean
review_row_commit (SdRiskEditor *self,
                   gboolean      apply)
{
  const char *entered = gtk_editable_get_text (GTK_EDITABLE (self->review_row));
  g_autofree char *text = g_strstrip (g_strdup (entered));
  g_autofree char *date = NULL;

  if (*text != '\0' && !parse_date (text, &date))
    return FALSE;
  if (apply)
    apply_hidden (self, self->review_field, date);
  else
    set_hidden (self, self->review_field, date);
  return TRUE;
}

static void
review_row_apply_cb (SdRiskEditor *self)
{
  if (!review_row_commit (self, TRUE))
    sd_editor_window_toast (SD_EDITOR_WINDOW (self),
                            /* Translators: YYYY-MM-DD is the date format; keep it */
                            _("Enter the date as YYYY-MM-DD, such as 2026-07-01."));
}

static void
calendar_day_selected_cb (SdRiskEditor *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (self->calendar), GTK_TYPE_POPOVER);

  gtk_editable_set_text (GTK_EDITABLE (self->review_row), text);
  review_row_apply_cb (self);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
calendar_shown_cb (SdRiskEditor *self)
{
  g_autofree char *date = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->review_row));

  /* The calendar opens on the date in the row, or today. */
  if (parse_date (text, &date))
    {
      int year, month, day;
      g_autoptr(GDateTime) when = NULL;

      sscanf (date, "%d-%d-%d", &year, &month, &day);
      when = g_date_time_new_local (year, month, day, 0, 0, 0);
      g_signal_handlers_block_by_func (self->calendar, calendar_day_selected_cb, self);
      gtk_calendar_select_day (self->calendar, when);
      g_signal_handlers_unblock_by_func (self->calendar, calendar_day_selected_cb, self);
    }
}

/* The category */

static void category_changed_cb (SdRiskEditor *self);

static gint64
stored_category (SdRiskEditor *self)
{
  SdRisk *risk = get_risk (self);

  return risk != NULL ? sd_risk_get_category_id (risk) : self->new_category_id;
}

static void
sync_category (SdRiskEditor *self)
{
  gint64 id = stored_category (self);
  guint position = 0;

  for (guint i = 0; i < self->category_ids->len; i++)
    if (g_array_index (self->category_ids, gint64, i) == id)
      position = i + 1;
  self->syncing++;
  adw_combo_row_set_selected (self->category_row, position);
  self->syncing--;
}

static void
rebuild_categories (SdRiskEditor *self)
{
  GListModel *categories = sd_store_get_items (get_store (self), SD_TYPE_RISK_CATEGORY);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_array_set_size (self->category_ids, 0);
  gtk_string_list_append (names, _("None"));
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(SdRiskCategory) category = g_list_model_get_item (categories, i);
      gint64 id = sd_item_get_id (SD_ITEM (category));

      gtk_string_list_append (names,
                              sd_risk_category_label (sd_risk_category_get_code (category),
                                                      sd_risk_category_get_name (category)));
      g_array_append_val (self->category_ids, id);
    }
  gtk_string_list_append (names, _("New Category…"));

  self->syncing++;
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (names));
  self->syncing--;
  sync_category (self);
}

static void
store_category (SdRiskEditor *self,
                gint64        id)
{
  SdRisk *risk = get_risk (self);

  if (risk == NULL)
    {
      self->new_category_id = id;
      sd_editor_window_set_default_ref (SD_EDITOR_WINDOW (self), "category-id", id);
      sync_category (self);
    }
  else if (sd_risk_get_category_id (risk) != id)
    {
      const char *names[] = { "category-id" };
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_TYPE_INT64);
      g_value_set_int64 (&value, id);
      if (!sd_editor_window_update (SD_EDITOR_WINDOW (self), 1, names, &value))
        sync_category (self);
    }
}

static void
new_category_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          SdRiskEditor     *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(GError) error = NULL;
  gpointer category;

  if (!g_str_equal (response, "add") || *name == '\0')
    {
      g_object_unref (self);
      return;
    }

  category = sd_risk_category_add (get_store (self), name, &error);
  if (category == NULL)
    sd_editor_window_show_error (SD_EDITOR_WINDOW (self), error);
  else
    {
      rebuild_categories (self);
      store_category (self, sd_item_get_id (SD_ITEM (category)));
    }
  g_object_unref (self);
}

static void
new_category_entry_activate_cb (GtkWidget        *entry,
                                AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
ask_new_category (SdRiskEditor *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("New Category"),
                                              _("Risks of this category can be filtered "
                                                "and sorted together."));
  GtkWidget *entry = gtk_entry_new ();

  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name of the category"),
                                  -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "activate", G_CALLBACK (new_category_entry_activate_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (new_category_response_cb),
                    g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
category_changed_cb (SdRiskEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->category_row);

  if (self->syncing > 0 || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (selected > self->category_ids->len)
    {
      /* "New Category…": the row shows the stored category until the new
       * one exists. */
      sync_category (self);
      ask_new_category (self);
      return;
    }
  store_category (self, selected == 0 ? 0 : g_array_index (self->category_ids, gint64,
                                                          selected - 1));
}

/* Ratings */

static char *
level_label (SdStore  *store,
             gboolean  likelihood,
             int       level)
{
  SdMatrixSettings settings = { 0 };
  char *label = NULL;

  sd_store_get_matrix (store, &settings);
  if (level >= 1 && level <= settings.size)
    label = g_strdup (likelihood ? settings.likelihood_labels[level - 1]
                                 : settings.impact_labels[level - 1]);
  if (label == NULL || *label == '\0')
    {
      g_free (label);
      label = g_strdup (likelihood ? sd_risk_likelihood_label_for_size (level, settings.size)
                                   : sd_risk_impact_label_for_size (level, settings.size));
    }
  sd_matrix_settings_clear (&settings);
  return label;
}

static GListModel *
levels_model (SdStore  *store,
              int       size,
              gboolean  likelihood)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (int level = 1; level <= size; level++)
    {
      g_autofree char *name = level_label (store, likelihood, level);
      /* Translators: a level of an axis of the risk matrix: "3 · Possible" */
      g_autofree char *label = g_strdup_printf (_("%d · %s"), level, name);

      gtk_string_list_append (list, label);
    }
  return G_LIST_MODEL (list);
}

static void
rating_get (RatingRow *rating,
            int       *likelihood,
            int       *impact)
{
  guint l = gtk_drop_down_get_selected (rating->likelihood);
  guint i = gtk_drop_down_get_selected (rating->impact);

  *likelihood = l == GTK_INVALID_LIST_POSITION ? 1 : (int) l + 1;
  *impact = i == GTK_INVALID_LIST_POSITION ? 1 : (int) i + 1;
}

static void
rating_update_chip (SdRiskEditor *self,
                    RatingRow    *rating)
{
  static const char * const classes[SD_N_ZONES] = { "low", "medium", "high", "major" };
  int l, i;
  SdZone zone;
  g_autofree char *text = NULL;

  rating_get (rating, &l, &i);
  zone = sd_store_get_zone (get_store (self), l, i);
  /* Translators: a rating's score and zone in the editor: "15 · Major" */
  text = g_strdup_printf (_("%d · %s"), sd_risk_score (l, i), sd_zone_get_label (zone));
  gtk_label_set_label (rating->chip, text);
  for (guint z = 0; z < SD_N_ZONES; z++)
    if (z != zone)
      gtk_widget_remove_css_class (GTK_WIDGET (rating->chip), classes[z]);
  gtk_widget_add_css_class (GTK_WIDGET (rating->chip), classes[zone]);
}

static void
update_record_button (SdRiskEditor *self)
{
  gboolean pending = FALSE;

  for (guint level = 0; level < N_LEVELS; level++)
    pending |= self->ratings[level].pending;
  gtk_widget_set_visible (self->record_button, pending);
}

static void
rating_set (SdRiskEditor *self,
            RatingRow    *rating,
            int           likelihood,
            int           impact)
{
  self->syncing++;
  gtk_drop_down_set_selected (rating->likelihood, CLAMP (likelihood, 1, self->size) - 1);
  gtk_drop_down_set_selected (rating->impact, CLAMP (impact, 1, self->size) - 1);
  self->syncing--;
  rating_update_chip (self, rating);
}

/* Shows the stored ratings, except those the user changed and has not
 * recorded yet (unless @force). */
static void
sync_ratings (SdRiskEditor *self,
              gboolean      force)
{
  SdRisk *risk = get_risk (self);

  for (guint level = 0; level < N_LEVELS; level++)
    {
      RatingRow *rating = &self->ratings[level];
      int l, i;

      if (rating->pending && !force)
        continue;
      rating->pending = FALSE;
      if (risk != NULL)
        sd_risk_get_rating (risk, level, &l, &i);
      else
        {
          l = rating->new_likelihood;
          i = rating->new_impact;
        }
      rating_set (self, rating, l, i);
    }
  update_record_button (self);
}

static void
set_new_default (SdRiskEditor *self,
                 SdRiskLevel   level,
                 const char   *axis,
                 int           value)
{
  g_autofree char *property = g_strdup_printf ("%s-%s", sd_risk_level_to_code (level), axis);
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_value_init (&gvalue, G_TYPE_INT);
  g_value_set_int (&gvalue, value);
  sd_editor_window_set_default (SD_EDITOR_WINDOW (self), property, &gvalue);
}

static void
rating_changed_cb (GtkDropDown  *drop_down,
                   GParamSpec   *pspec,
                   SdRiskEditor *self)
{
  SdRisk *risk = get_risk (self);

  if (self->syncing > 0)
    return;

  for (guint level = 0; level < N_LEVELS; level++)
    {
      RatingRow *rating = &self->ratings[level];
      int l, i;

      if (rating->likelihood != drop_down && rating->impact != drop_down)
        continue;

      rating_get (rating, &l, &i);
      rating_update_chip (self, rating);
      if (risk == NULL)
        {
          rating->new_likelihood = l;
          rating->new_impact = i;
          set_new_default (self, level, "likelihood", l);
          set_new_default (self, level, "impact", i);
        }
      else
        {
          int stored_l, stored_i;

          sd_risk_get_rating (risk, level, &stored_l, &stored_i);
          rating->pending = l != stored_l || i != stored_i;
        }
    }
  update_record_button (self);
}

gboolean
sd_risk_editor_apply_ratings (SdRiskEditor *self)
{
  SdStore *store;
  SdRisk *risk;
  g_autoptr(GError) error = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (SD_IS_RISK_EDITOR (self), FALSE);

  store = get_store (self);
  risk = get_risk (self);
  if (risk == NULL)
    return TRUE;

  for (guint level = 0; level < N_LEVELS; level++)
    any |= self->ratings[level].pending;
  if (!any)
    return TRUE;

  /* The ratings changed together are recorded together. */
  if (!sd_store_begin (store, &error))
    goto failed;
  for (guint level = 0; level < N_LEVELS; level++)
    {
      RatingRow *rating = &self->ratings[level];
      int l, i, stored_l, stored_i;

      if (!rating->pending)
        continue;
      rating_get (rating, &l, &i);
      sd_risk_get_rating (risk, level, &stored_l, &stored_i);
      if (l == stored_l && i == stored_i)
        continue;
      /* Translators: the reason recorded in a risk's history when a rating
       * is changed in the risk's editor */
      if (sd_risk_rerate (store, risk, level, l, i, _("Edited"), NULL, &error) == NULL)
        {
          sd_store_rollback (store);
          goto failed;
        }
    }
  if (!sd_store_commit (store, &error))
    goto failed;

  sync_ratings (self, TRUE);
  return TRUE;

failed:
  sd_editor_window_show_error (SD_EDITOR_WINDOW (self), error);
  sync_ratings (self, TRUE);
  return FALSE;
}

static void
record_clicked_cb (SdRiskEditor *self)
{
  sd_risk_editor_apply_ratings (self);
}

static void
build_rating_models (SdRiskEditor *self)
{
  SdStore *store = get_store (self);

  self->size = sd_store_get_matrix_size (store);
  self->syncing++;
  for (guint level = 0; level < N_LEVELS; level++)
    {
      g_autoptr(GListModel) likelihoods = levels_model (store, self->size, TRUE);
      g_autoptr(GListModel) impacts = levels_model (store, self->size, FALSE);

      gtk_drop_down_set_model (self->ratings[level].likelihood, likelihoods);
      gtk_drop_down_set_model (self->ratings[level].impact, impacts);
    }
  self->syncing--;
}

static GtkWidget *
rating_drop_down_new (SdRiskEditor *self,
                      SdRiskLevel   level,
                      gboolean      likelihood)
{
  GtkWidget *drop_down = gtk_drop_down_new (NULL, NULL);
  g_autofree char *name = g_strdup_printf ("%s-%s", sd_risk_level_to_code (level),
                                           likelihood ? "likelihood" : "impact");
  g_autofree char *accessible = NULL;

  if (likelihood)
    /* Translators: accessible name of a drop-down: "Inherent likelihood" */
    accessible = g_strdup_printf (_("%s likelihood"), sd_risk_level_label (level));
  else
    /* Translators: accessible name of a drop-down: "Inherent impact" */
    accessible = g_strdup_printf (_("%s impact"), sd_risk_level_label (level));
  gtk_widget_set_name (drop_down, name);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (drop_down, likelihood ? _("Likelihood") : _("Impact"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (rating_changed_cb), self);
  return drop_down;
}

static void
add_ratings (SdRiskEditor *self)
{
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  SdRisk *risk = get_risk (self);
  int middle = (sd_store_get_matrix_size (get_store (self)) + 1) / 2;

  self->ratings_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->ratings_group, _("Ratings"));
  adw_preferences_group_set_description (self->ratings_group,
                                         risk != NULL
                                         ? _("Likelihood × impact. A changed rating is "
                                             "recorded in the risk’s history.")
                                         : _("Likelihood × impact."));
  adw_preferences_page_add (sd_editor_window_get_page (editor), self->ratings_group);

  self->record_button = gtk_button_new_with_mnemonic (_("_Record Ratings"));
  gtk_widget_add_css_class (self->record_button, "suggested-action");
  gtk_widget_set_valign (self->record_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->record_button,
                               _("Record the changed ratings in the risk’s history"));
  gtk_widget_set_visible (self->record_button, FALSE);
  g_signal_connect_swapped (self->record_button, "clicked", G_CALLBACK (record_clicked_cb),
                            self);
  adw_preferences_group_set_header_suffix (self->ratings_group, self->record_button);

  for (guint level = 0; level < N_LEVELS; level++)
    {
      RatingRow *rating = &self->ratings[level];
      GtkWidget *times = gtk_label_new ("×");

      rating->new_likelihood = middle;
      rating->new_impact = middle;
      if (risk == NULL)
        {
          set_new_default (self, level, "likelihood", middle);
          set_new_default (self, level, "impact", middle);
        }

      rating->row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rating->row),
                                     sd_risk_level_label (level));
      rating->chip = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (rating->chip), "zone-badge");
      gtk_widget_set_valign (GTK_WIDGET (rating->chip), GTK_ALIGN_CENTER);
      rating->likelihood = GTK_DROP_DOWN (rating_drop_down_new (self, level, TRUE));
      rating->impact = GTK_DROP_DOWN (rating_drop_down_new (self, level, FALSE));
      gtk_accessible_update_property (GTK_ACCESSIBLE (times),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("times"),
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (rating->row), GTK_WIDGET (rating->chip));
      adw_action_row_add_suffix (ADW_ACTION_ROW (rating->row), GTK_WIDGET (rating->likelihood));
      adw_action_row_add_suffix (ADW_ACTION_ROW (rating->row), times);
      adw_action_row_add_suffix (ADW_ACTION_ROW (rating->row), GTK_WIDGET (rating->impact));
      adw_preferences_group_add (self->ratings_group, rating->row);
    }
  build_rating_models (self);
  sync_ratings (self, TRUE);
}

/* Following the store */

static void
risks_changed_cb (SdRiskEditor *self)
{
  if (sd_editor_window_get_item_id (SD_EDITOR_WINDOW (self)) != 0 && get_risk (self) == NULL)
    return;
  sync_category (self);
  sync_ratings (self, FALSE);
}

static void
matrix_changed_cb (SdRiskEditor *self)
{
  build_rating_models (self);
  sync_ratings (self, TRUE);
}

/* GObject */

static GtkWidget *
add_group (SdRiskEditor *self,
           const char   *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_page_add (sd_editor_window_get_page (SD_EDITOR_WINDOW (self)),
                            ADW_PREFERENCES_GROUP (group));
  return group;
}

static void
sd_risk_editor_constructed (GObject *object)
{
  SdRiskEditor *self = SD_RISK_EDITOR (object);
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  SdStore *store;
  SdRisk *risk;
  AdwPreferencesGroup *hidden;
  AdwPreferencesGroup *text_group;
  AdwPreferencesGroup *owner_group;
  AdwPreferencesGroup *treatment_group;
  GtkWidget *calendar_button;
  GtkWidget *popover;

  G_OBJECT_CLASS (sd_risk_editor_parent_class)->constructed (object);

  store = get_store (self);
  risk = get_risk (self);

  sd_editor_window_set_titles (editor, _("New Risk"), _("Risk"));
  if (risk == NULL)
    {
      self->suggested_code = sd_risk_suggest_code (store);
      sd_editor_window_set_default_string (editor, "code", self->suggested_code);
      sd_editor_window_set_default_string (editor, "status", "open");
      sd_editor_window_set_default_string (editor, "treatment", "reduce");
    }

  /* The base's fields for what is edited elsewhere; never shown. */
  hidden = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  gtk_widget_set_visible (GTK_WIDGET (hidden), FALSE);
  adw_preferences_page_add (sd_editor_window_get_page (editor), hidden);
  self->code_field = sd_editor_window_add_entry (editor, hidden, "code", _("Code"), TRUE);
  g_signal_connect_object (self->code_field, "changed", G_CALLBACK (code_field_changed_cb),
                           self, G_CONNECT_SWAPPED);

  /* The risk */
  self->details = ADW_PREFERENCES_GROUP (add_group (self, NULL));
  if (risk == NULL)
    adw_preferences_group_set_description (self->details,
                                           _("The risk is added when it has a code and a "
                                             "title."));

  self->code_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->code_row), _("Code"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->code_row), TRUE);
  gtk_widget_set_name (self->code_row, "code");
  gtk_editable_set_text (GTK_EDITABLE (self->code_row),
                         gtk_editable_get_text (GTK_EDITABLE (self->code_field)));
  g_signal_connect_object (self->code_row, "changed", G_CALLBACK (code_row_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->code_row, "apply", G_CALLBACK (code_row_apply_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->details, self->code_row);

  self->duplicate_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->duplicate_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->duplicate_label), TRUE);
  gtk_widget_add_css_class (self->duplicate_label, "error");
  gtk_widget_add_css_class (self->duplicate_label, "caption");
  gtk_widget_set_margin_start (self->duplicate_label, 12);
  gtk_widget_set_margin_top (self->duplicate_label, 6);
  gtk_widget_set_margin_bottom (self->duplicate_label, 6);
  gtk_widget_set_visible (self->duplicate_label, FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->code_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->duplicate_label,
                                  NULL,
                                  -1);
  adw_preferences_group_add (self->details, self->duplicate_label);

  self->title_row = sd_editor_window_add_entry (editor, self->details, "title", _("Title"),
                                                TRUE);

  self->category_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->category_row), _("Category"));
  adw_preferences_group_add (self->details, GTK_WIDGET (self->category_row));
  rebuild_categories (self);
  g_signal_connect_object (self->category_row, "notify::selected",
                           G_CALLBACK (category_changed_cb), self, G_CONNECT_SWAPPED);

  sd_editor_window_add_choice (editor, self->details, "status", _("Status"), status_codes,
                               sd_risk_status_label);

  /* What it is. A group shows its rows above anything else it holds, so
   * each text view has a group of its own. */
  text_group = ADW_PREFERENCES_GROUP (add_group (self, _("Description")));
  adw_preferences_group_set_description (text_group,
                                         _("Stored when you leave the text, or with "
                                           "Ctrl+Enter."));
  add_text_area (self, hidden, text_group, "description", _("Description of the risk"));
  text_group = ADW_PREFERENCES_GROUP (add_group (self, NULL));
  sd_editor_window_add_entry (editor, text_group, "cause", _("Cause"), FALSE);
  sd_editor_window_add_entry (editor, text_group, "consequence", _("Consequence"), FALSE);

  /* Who owns it */
  owner_group = ADW_PREFERENCES_GROUP (add_group (self, _("Owner")));
  sd_editor_window_add_ref (editor, owner_group, "owner-unit-id", _("Unit"), SD_TYPE_UNIT,
                            _("None"), NULL);
  sd_editor_window_add_ref (editor, owner_group, "owner-person-id", _("Person"),
                            SD_TYPE_PERSON, _("None"), NULL);

  add_ratings (self);

  /* What is done about it */
  treatment_group = ADW_PREFERENCES_GROUP (add_group (self, _("Treatment")));
  sd_editor_window_add_choice (editor, treatment_group, "treatment", _("Treatment"),
                               treatment_codes, treatment_label);

  self->review_field = sd_editor_window_add_entry (editor, hidden, "next-review",
                                                   _("Next Review"), FALSE);
  g_signal_connect_object (self->review_field, "changed", G_CALLBACK (review_field_changed_cb),
                           self, G_CONNECT_SWAPPED);
  self->review_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->review_row),
                                 _("Next Review (YYYY-MM-DD)"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->review_row), TRUE);
  gtk_widget_set_name (self->review_row, "next-review");
  gtk_editable_set_text (GTK_EDITABLE (self->review_row),
                         gtk_editable_get_text (GTK_EDITABLE (self->review_field)));
  g_signal_connect_object (self->review_row, "apply", G_CALLBACK (review_row_apply_cb), self,
                           G_CONNECT_SWAPPED);
  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_object (self->calendar, "day-selected",
                           G_CALLBACK (calendar_day_selected_cb), self, G_CONNECT_SWAPPED);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));
  g_signal_connect_object (popover, "show", G_CALLBACK (calendar_shown_cb), self,
                           G_CONNECT_SWAPPED);
  calendar_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (calendar_button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (calendar_button), popover);
  gtk_widget_set_valign (calendar_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (calendar_button, "flat");
  gtk_widget_set_tooltip_text (calendar_button, _("Choose a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (calendar_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose the date of the next review"),
                                  -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->review_row), calendar_button);
  adw_preferences_group_add (treatment_group, self->review_row);

  text_group = ADW_PREFERENCES_GROUP (add_group (self, _("Measures")));
  adw_preferences_group_set_description (text_group,
                                         _("Stored when you leave the text, or with "
                                           "Ctrl+Enter."));
  add_text_area (self, hidden, text_group, "measures", _("Measures against the risk"));

  g_signal_connect_object (sd_store_get_items (store, SD_TYPE_RISK), "items-changed",
                           G_CALLBACK (risks_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (sd_store_get_items (store, SD_TYPE_RISK_CATEGORY), "items-changed",
                           G_CALLBACK (rebuild_categories), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "matrix-changed", G_CALLBACK (matrix_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
sd_risk_editor_item_created (SdEditorWindow *editor)
{
  SdRiskEditor *self = SD_RISK_EDITOR (editor);

  adw_preferences_group_set_description (self->details, NULL);
  adw_preferences_group_set_description (self->ratings_group,
                                         _("Likelihood × impact. A changed rating is "
                                           "recorded in the risk’s history."));
  g_clear_pointer (&self->suggested_code, g_free);
  sync_category (self);
  sync_ratings (self, TRUE);
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

/* The base gives the focus to its first key field, which is hidden here. */
static void
sd_risk_editor_map (GtkWidget *widget)
{
  SdRiskEditor *self = SD_RISK_EDITOR (widget);
  GtkWidget *target;
  GtkWidget *text;

  GTK_WIDGET_CLASS (sd_risk_editor_parent_class)->map (widget);

  /* A new risk with its code suggested starts with the title. */
  target = get_risk (self) == NULL && self->suggested_code != NULL ? self->title_row
                                                                   : self->code_row;
  text = find_text (target);
  if (text != NULL)
    gtk_text_grab_focus_without_selecting (GTK_TEXT (text));
  else
    gtk_widget_grab_focus (target);
}

static gboolean
sd_risk_editor_close_request (GtkWindow *window)
{
  SdRiskEditor *self = SD_RISK_EDITOR (window);
  g_autofree char *code = code_row_get_text (self);

  /* What was typed and not applied is kept, as the base does with its own
   * fields: the code (unless another risk has it), the date (if it is
   * one), the long texts and the changed ratings. */
  if (duplicate_of (self, code) == NULL)
    set_hidden (self, self->code_field, code);
  review_row_commit (self, FALSE);
  for (guint i = 0; i < self->text_areas->len; i++)
    {
      TextArea *area = g_ptr_array_index (self->text_areas, i);
      g_autofree char *text = text_area_get_text (area);

      set_hidden (self, area->field, text);
    }
  sd_risk_editor_apply_ratings (self);

  return GTK_WINDOW_CLASS (sd_risk_editor_parent_class)->close_request (window);
}

static void
sd_risk_editor_finalize (GObject *object)
{
  SdRiskEditor *self = SD_RISK_EDITOR (object);

  g_clear_pointer (&self->text_areas, g_ptr_array_unref);
  g_array_unref (self->category_ids);
  g_free (self->suggested_code);

  G_OBJECT_CLASS (sd_risk_editor_parent_class)->finalize (object);
}

static void
sd_risk_editor_class_init (SdRiskEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  SdEditorWindowClass *editor_class = SD_EDITOR_WINDOW_CLASS (klass);

  object_class->constructed = sd_risk_editor_constructed;
  object_class->finalize = sd_risk_editor_finalize;
  widget_class->map = sd_risk_editor_map;
  window_class->close_request = sd_risk_editor_close_request;
  editor_class->item_created = sd_risk_editor_item_created;

  gtk_widget_class_install_action (widget_class, "risk.apply-texts", NULL, apply_texts_action);
}

static void
sd_risk_editor_init (SdRiskEditor *self)
{
  self->text_areas = g_ptr_array_new_with_free_func (g_free);
  self->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * sd_risk_editor_new:
 * @store: the store
 * @risk: (nullable): the risk to edit, or %NULL for a new one
 *
 * Returns: (transfer none): the editor, not yet shown
 */
GtkWidget *
sd_risk_editor_new (SdStore *store,
                    SdRisk  *risk)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (risk == NULL || SD_IS_RISK (risk), NULL);

  return g_object_new (SD_TYPE_RISK_EDITOR,
                       "store", store,
                       "item-type", SD_TYPE_RISK,
                       "item", risk,
                       NULL);
}
