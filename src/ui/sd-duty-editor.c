/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-duty-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sd-assignment-index.h"
#include "sd-body.h"
#include "sd-duty-editor.h"
#include "sd-duty-order.h"
#include "sd-labels.h"
#include "sd-party-duties-view.h"
#include "sd-post.h"
#include "sd-unit.h"

/*
 * A duty needs both a code and a text (the table refuses either empty), so
 * both are key fields of the editor base: the duty is created once both
 * are there. The text is several lines long and the code is checked
 * against the other duties' codes before it is stored, so neither is
 * edited in the base's own entry: each has a hidden base field, and the
 * visible widget (a text view, an entry row) hands its value to it and
 * applies it. What the store holds comes back the same way.
 */

struct _SdDutyEditor
{
  SdEditorWindow       parent_instance;

  char                *initial_area;
  AdwPreferencesGroup *details;
  GtkWidget           *code_row;      /* what the user edits */
  GtkWidget           *code_field;    /* the hidden base field */
  GtkWidget           *duplicate_label;
  GtkWidget           *area_row;
  GtkWidget           *source_row;
  AdwPreferencesGroup *text_group;
  GtkTextView         *text_view;
  GtkWidget           *text_field;    /* the hidden base field */
  AdwPreferencesGroup *holders_group;
  GPtrArray           *holder_rows;
  SdAssignmentIndex   *index;
  char                *suggested_code;
  guint                holders_id;
  guint                syncing;
};

G_DEFINE_FINAL_TYPE (SdDutyEditor, sd_duty_editor, SD_TYPE_EDITOR_WINDOW)

enum {
  PROP_0,
  PROP_AREA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers shared with the paste dialog */

static int
grid_order (gconstpointer a,
            gconstpointer b)
{
  SdDuty *x = *(SdDuty **) a;
  SdDuty *y = *(SdDuty **) b;
  gint64 ix = sd_item_get_id (SD_ITEM (x));
  gint64 iy = sd_item_get_id (SD_ITEM (y));

  if (sd_duty_get_position (x) != sd_duty_get_position (y))
    return sd_duty_get_position (x) < sd_duty_get_position (y) ? -1 : 1;
  return ix < iy ? -1 : ix > iy;
}

GStrv
sd_duty_dup_areas (SdStore *store)
{
  GListModel *duties;
  guint n;
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  /* The store's list is in the order rows were read or added; the matrix
   * shows the areas in the order of (position, id). */
  duties = sd_store_get_items (store, SD_TYPE_DUTY);
  n = g_list_model_get_n_items (duties);
  ordered = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ordered, g_list_model_get_item (duties, i));
  g_ptr_array_sort (ordered, grid_order);

  for (guint i = 0; i < n; i++)
    {
      const char *area = sd_duty_get_area (g_ptr_array_index (ordered, i));

      if (area != NULL && *area != '\0' && g_hash_table_add (seen, (char *) area))
        g_strv_builder_add (builder, area);
    }
  return g_strv_builder_end (builder);
}

static gboolean
code_taken (SdStore    *store,
            const char *code)
{
  GListModel *duties = sd_store_get_items (store, SD_TYPE_DUTY);
  guint n = g_list_model_get_n_items (duties);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdDuty) duty = g_list_model_get_item (duties, i);

      if (g_strcmp0 (sd_duty_get_code (duty), code) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The duty other than @except that has @code, or NULL (transfer none). */
static SdDuty *
find_code (SdStore    *store,
           const char *code,
           gint64      except)
{
  GListModel *duties = sd_store_get_items (store, SD_TYPE_DUTY);
  guint n = g_list_model_get_n_items (duties);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdDuty) duty = g_list_model_get_item (duties, i);

      if (g_strcmp0 (sd_duty_get_code (duty), code) == 0 &&
          sd_item_get_id (SD_ITEM (duty)) != except)
        return duty;
    }
  return NULL;
}

char *
sd_duty_suggest_code (SdStore    *store,
                      const char *area)
{
  g_autoptr(GPtrArray) duties = NULL;
  const char *last = NULL;
  size_t len, digits;
  guint64 number;
  g_autofree char *prefix = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  if (area == NULL || *area == '\0')
    return NULL;

  duties = sd_duties_in_area (store, area);
  for (guint i = duties->len; i > 0 && last == NULL; i--)
    {
      const char *code = sd_duty_get_code (g_ptr_array_index (duties, i - 1));

      if (code != NULL && *code != '\0' && g_ascii_isdigit (code[strlen (code) - 1]))
        last = code;
    }
  if (last == NULL)
    return NULL;

  len = strlen (last);
  for (digits = 0; digits < len && digits < 9 && g_ascii_isdigit (last[len - digits - 1]); digits++)
    ;
  prefix = g_strndup (last, len - digits);
  number = g_ascii_strtoull (last + len - digits, NULL, 10);

  /* Taken codes are skipped; a hundred tries cost nothing, and more would
   * mean a numbering the user had better choose. */
  for (guint tries = 0; tries < 100; tries++)
    {
      g_autofree char *code = g_strdup_printf ("%s%0*" G_GUINT64_FORMAT, prefix, (int) digits,
                                               number + 1 + tries);

      if (!code_taken (store, code))
        return g_steal_pointer (&code);
    }
  return NULL;
}

/* The position of a new duty: after the last duty of @area, or after all
 * duties when the area has none yet. The matrix lists the areas in the
 * order they first appear and each area's duties by position. */
static int
next_position (SdStore    *store,
               const char *area)
{
  GListModel *duties = sd_store_get_items (store, SD_TYPE_DUTY);
  guint n = g_list_model_get_n_items (duties);
  int in_area = G_MININT, overall = -1;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdDuty) duty = g_list_model_get_item (duties, i);
      int position = sd_duty_get_position (duty);

      overall = MAX (overall, position);
      if (area != NULL && *area != '\0' && g_strcmp0 (sd_duty_get_area (duty), area) == 0)
        in_area = MAX (in_area, position);
    }
  return (in_area != G_MININT ? in_area : overall) + 1;
}

/* The area button */

static void
choose_area_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  AdwEntryRow *row = user_data;

  gtk_editable_set_text (GTK_EDITABLE (row), g_variant_get_string (parameter, NULL));
  if (adw_entry_row_get_show_apply_button (row))
    g_signal_emit_by_name (row, "apply");
}

/* The menu is made when it opens: the areas change as duties are edited. */
static void
create_area_popup_cb (GtkMenuButton *button,
                      gpointer       user_data)
{
  SdStore *store = g_object_get_data (G_OBJECT (button), "sd-store");
  g_auto(GStrv) areas = sd_duty_dup_areas (store);
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; areas[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_auto(GStrv) parts = g_strsplit (areas[i], "_", -1);
      /* A menu label takes "_" for a mnemonic. */
      g_autofree char *label = g_strjoinv ("__", parts);

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "area.choose",
                                               g_variant_new_string (areas[i]));
      g_menu_append_item (menu, item);
    }
  if (areas[0] == NULL)
    g_menu_append (menu, _("No areas yet"), "area.none");

  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

GtkWidget *
sd_duty_area_button_new (SdStore     *store,
                         AdwEntryRow *row)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) choose = g_simple_action_new ("choose", G_VARIANT_TYPE_STRING);
  g_autoptr(GSimpleAction) none = g_simple_action_new ("none", NULL);
  GtkWidget *button;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), NULL);

  g_signal_connect_object (choose, "activate", G_CALLBACK (choose_area_cb), row, 0);
  g_simple_action_set_enabled (none, FALSE);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (choose));
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (none));

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-list-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Existing Areas"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose an existing area"),
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "sd-store", g_object_ref (store), g_object_unref);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_area_popup_cb,
                                         NULL, NULL);
  gtk_widget_insert_action_group (button, "area", G_ACTION_GROUP (group));
  adw_entry_row_add_suffix (row, button);
  return button;
}

/* The proxied fields */

static char *
text_view_get_text (SdDutyEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static char *
code_row_get_text (SdDutyEditor *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_row))));
}

/* Hands @value to the hidden field @field, without applying it. */
static void
set_hidden (SdDutyEditor *self,
            GtkWidget    *field,
            const char   *value)
{
  self->syncing++;
  gtk_editable_set_text (GTK_EDITABLE (field), value != NULL ? value : "");
  self->syncing--;
}

static void
apply_hidden (SdDutyEditor *self,
              GtkWidget    *field,
              const char   *value)
{
  set_hidden (self, field, value);
  g_signal_emit_by_name (field, "apply");
}

/* The store's value, through the base, back to what the user sees. */
static void
code_field_changed_cb (SdDutyEditor *self)
{
  const char *code;

  if (self->syncing > 0)
    return;
  code = gtk_editable_get_text (GTK_EDITABLE (self->code_field));
  self->syncing++;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->code_row)), code) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->code_row), code);
  self->syncing--;
}

static void
text_field_changed_cb (SdDutyEditor *self)
{
  const char *text;
  g_autofree char *shown = NULL;

  if (self->syncing > 0)
    return;
  text = gtk_editable_get_text (GTK_EDITABLE (self->text_field));
  shown = text_view_get_text (self);
  if (g_strcmp0 (shown, text) != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
}

static void
show_duplicate (SdDutyEditor *self,
                SdDuty       *other)
{
  if (other != NULL)
    {
      /* Translators: shown below the code of a duty when another duty
       * already has it; %s is the other duty's text */
      g_autofree char *message = g_strdup_printf (_("Another duty has this code: “%s”"),
                                                  sd_duty_get_text (other));

      gtk_label_set_text (GTK_LABEL (self->duplicate_label), message);
      gtk_widget_add_css_class (self->code_row, "error");
    }
  else
    gtk_widget_remove_css_class (self->code_row, "error");
  gtk_widget_set_visible (self->duplicate_label, other != NULL);
}

/* While the code is typed, a code another duty has is pointed out. */
static void
code_row_changed_cb (SdDutyEditor *self)
{
  g_autofree char *code = code_row_get_text (self);
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);

  show_duplicate (self, *code != '\0' ? find_code (sd_editor_window_get_store (editor), code,
                                                   sd_editor_window_get_item_id (editor))
                                      : NULL);
}

static void
create_or_apply_text (SdDutyEditor *self);

static void
code_row_apply_cb (SdDutyEditor *self)
{
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  SdDuty *duty = sd_editor_window_get_item (editor);
  g_autofree char *code = code_row_get_text (self);
  SdDuty *other;

  other = *code != '\0' ? find_code (sd_editor_window_get_store (editor), code,
                                     sd_editor_window_get_item_id (editor))
                        : NULL;
  if (other != NULL)
    {
      /* Translators: %s is a duty's code, such as 003-9 */
      g_autofree char *message = g_strdup_printf (_("The code “%s” is taken by another duty. "
                                                    "Codes must be unique."), code);

      sd_editor_window_toast (editor, message);
      return;
    }

  if (duty == NULL)
    {
      g_autofree char *text = text_view_get_text (self);

      /* The duty is created when it has a text too; until then Enter goes
       * on to the text. */
      if (*code != '\0' && *text == '\0')
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
          return;
        }
      set_hidden (self, self->code_field, code);
      create_or_apply_text (self);
      return;
    }

  apply_hidden (self, self->code_field, code);
}

/* Applies the text; in a "new" editor this creates the duty, with the
 * code typed so far. */
static void
create_or_apply_text (SdDutyEditor *self)
{
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  SdDuty *duty = sd_editor_window_get_item (editor);
  g_autofree char *text = text_view_get_text (self);

  if (duty == NULL)
    {
      g_autofree char *code = code_row_get_text (self);

      if (*text == '\0')
        return;
      if (*code != '\0' && find_code (sd_editor_window_get_store (editor), code, 0) != NULL)
        {
          code_row_apply_cb (self);
          return;
        }
      set_hidden (self, self->code_field, code);
      apply_hidden (self, self->text_field, text);
      return;
    }

  if (g_strcmp0 (text, sd_duty_get_text (duty)) == 0)
    return;
  apply_hidden (self, self->text_field, text);
}

static void
text_focus_leave_cb (SdDutyEditor *self)
{
  create_or_apply_text (self);
}

static void
apply_text_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  create_or_apply_text (SD_DUTY_EDITOR (widget));
}

/* A new duty's code follows its area until the user types another. */
static void
area_row_changed_cb (SdDutyEditor *self)
{
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  SdStore *store = sd_editor_window_get_store (editor);
  g_autofree char *area = NULL;
  g_autofree char *code = NULL;
  g_auto(GValue) position = G_VALUE_INIT;

  if (sd_editor_window_get_item (editor) != NULL)
    return;

  area = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->area_row))));
  g_value_init (&position, G_TYPE_INT);
  g_value_set_int (&position, next_position (store, area));
  sd_editor_window_set_default (editor, "position", &position);

  code = code_row_get_text (self);
  if (*code == '\0' || g_strcmp0 (code, self->suggested_code) == 0)
    {
      g_free (self->suggested_code);
      self->suggested_code = sd_duty_suggest_code (store, area);
      gtk_editable_set_text (GTK_EDITABLE (self->code_row),
                             self->suggested_code != NULL ? self->suggested_code : "");
    }
}

/* Who holds the duty */

static void
update_holders (SdDutyEditor *self)
{
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  SdStore *store = sd_editor_window_get_store (editor);
  gint64 duty_id = sd_editor_window_get_item_id (editor);
  GPtrArray *held;

  g_clear_handle_id (&self->holders_id, g_source_remove);

  for (guint i = 0; i < self->holder_rows->len; i++)
    adw_preferences_group_remove (self->holders_group, g_ptr_array_index (self->holder_rows, i));
  g_ptr_array_set_size (self->holder_rows, 0);

  held = duty_id != 0 ? sd_assignment_index_get_for_duty (self->index, duty_id) : NULL;
  if (held == NULL || held->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No one holds this duty yet"));
      gtk_widget_add_css_class (row, "dim-label");
      g_ptr_array_add (self->holder_rows, row);
      adw_preferences_group_add (self->holders_group, row);
      return;
    }

  for (guint i = 0; i < held->len; i++)
    {
      SdAssignment *assignment = g_ptr_array_index (held, i);
      GtkWidget *row = adw_action_row_new ();
      gpointer party = NULL;
      g_autofree char *label = NULL;

      if (sd_assignment_get_post_id (assignment) != 0)
        party = sd_store_lookup (store, SD_TYPE_POST, sd_assignment_get_post_id (assignment));
      else if (sd_assignment_get_unit_id (assignment) != 0)
        party = sd_store_lookup (store, SD_TYPE_UNIT, sd_assignment_get_unit_id (assignment));
      else
        party = sd_store_lookup (store, SD_TYPE_BODY, sd_assignment_get_body_id (assignment));
      label = party != NULL ? sd_party_label (store, party) : g_strdup ("");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   sd_raci_label (sd_assignment_get_role (assignment)));
      g_ptr_array_add (self->holder_rows, row);
      adw_preferences_group_add (self->holders_group, row);
    }
}

static gboolean
update_holders_cb (gpointer user_data)
{
  SdDutyEditor *self = user_data;

  self->holders_id = 0;
  update_holders (self);
  return G_SOURCE_REMOVE;
}

static void
holders_changed_cb (SdDutyEditor *self)
{
  if (self->holders_id == 0)
    self->holders_id = g_idle_add (update_holders_cb, self);
}

/* GObject */

static void
sd_duty_editor_constructed (GObject *object)
{
  SdDutyEditor *self = SD_DUTY_EDITOR (object);
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  SdStore *store;
  SdDuty *duty;
  AdwPreferencesGroup *hidden;
  GtkEventController *focus;
  GtkEventController *shortcuts;
  GtkShortcutTrigger *trigger;
  GtkShortcutAction *action;
  GtkWidget *frame;
  GType watched[] = { SD_TYPE_ASSIGNMENT, SD_TYPE_POST, SD_TYPE_UNIT, SD_TYPE_BODY };

  G_OBJECT_CLASS (sd_duty_editor_parent_class)->constructed (object);

  store = sd_editor_window_get_store (editor);
  duty = sd_editor_window_get_item (editor);
  self->index = sd_assignment_index_new (store);

  sd_editor_window_set_titles (editor, _("New Duty"), _("Duty"));
  if (duty == NULL)
    {
      g_auto(GValue) position = G_VALUE_INIT;

      self->suggested_code = sd_duty_suggest_code (store, self->initial_area);
      sd_editor_window_set_default_string (editor, "code", self->suggested_code);
      sd_editor_window_set_default_string (editor, "area", self->initial_area);
      g_value_init (&position, G_TYPE_INT);
      g_value_set_int (&position, next_position (store, self->initial_area));
      sd_editor_window_set_default (editor, "position", &position);
    }

  /* The base's fields for the code and text; never shown. */
  hidden = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  gtk_widget_set_visible (GTK_WIDGET (hidden), FALSE);
  adw_preferences_page_add (sd_editor_window_get_page (editor), hidden);
  self->code_field = sd_editor_window_add_entry (editor, hidden, "code", _("Code"), TRUE);
  self->text_field = sd_editor_window_add_entry (editor, hidden, "text", _("Text"), TRUE);
  g_signal_connect_object (self->code_field, "changed",
                           G_CALLBACK (code_field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->text_field, "changed",
                           G_CALLBACK (text_field_changed_cb), self, G_CONNECT_SWAPPED);

  self->details = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  if (duty == NULL)
    adw_preferences_group_set_description (self->details,
                                           _("The duty is added when it has a code and a "
                                             "text."));
  adw_preferences_page_add (sd_editor_window_get_page (editor), self->details);

  self->code_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->code_row), _("Code"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->code_row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->code_row),
                         gtk_editable_get_text (GTK_EDITABLE (self->code_field)));
  g_signal_connect_object (self->code_row, "changed",
                           G_CALLBACK (code_row_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->code_row, "apply",
                           G_CALLBACK (code_row_apply_cb), self, G_CONNECT_SWAPPED);
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

  self->area_row = sd_editor_window_add_entry (editor, self->details, "area", _("Area"), FALSE);
  sd_duty_area_button_new (store, ADW_ENTRY_ROW (self->area_row));
  g_signal_connect_object (self->area_row, "changed",
                           G_CALLBACK (area_row_changed_cb), self, G_CONNECT_SWAPPED);
  self->source_row = sd_editor_window_add_entry (editor, self->details, "source",
                                                 _("Source (document and article)"), FALSE);

  self->text_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->text_group, _("Text"));
  adw_preferences_group_set_description (self->text_group,
                                         _("Stored when you leave the text, or with "
                                           "Ctrl+Enter."));
  adw_preferences_page_add (sd_editor_window_get_page (editor), self->text_group);

  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->text_view, FALSE);
  gtk_text_view_set_top_margin (self->text_view, 8);
  gtk_text_view_set_bottom_margin (self->text_view, 8);
  gtk_text_view_set_left_margin (self->text_view, 10);
  gtk_text_view_set_right_margin (self->text_view, 10);
  gtk_widget_set_size_request (GTK_WIDGET (self->text_view), -1, 120);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                            gtk_editable_get_text (GTK_EDITABLE (self->text_field)), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Text of the duty"),
                                  -1);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (text_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), focus);
  shortcuts = gtk_shortcut_controller_new ();
  /* In the text, Enter starts a new line; Ctrl+Enter stores the text. */
  trigger = gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter");
  action = gtk_named_action_new ("duty.apply-text");
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (trigger, action));
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), shortcuts);

  frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (frame, "view");
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->text_view));
  adw_preferences_group_add (self->text_group, frame);

  self->holders_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->holders_group, _("Held By"));
  adw_preferences_group_set_description (self->holders_group,
                                         _("Roles are set in the duty matrix."));
  adw_preferences_page_add (sd_editor_window_get_page (editor), self->holders_group);
  sd_editor_window_add_dependent (editor, GTK_WIDGET (self->holders_group));
  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    g_signal_connect_object (sd_store_get_items (store, watched[i]), "items-changed",
                             G_CALLBACK (holders_changed_cb), self, G_CONNECT_SWAPPED);
  update_holders (self);
}

static void
sd_duty_editor_item_created (SdEditorWindow *editor)
{
  SdDutyEditor *self = SD_DUTY_EDITOR (editor);

  adw_preferences_group_set_description (self->details, NULL);
  g_clear_pointer (&self->suggested_code, g_free);
  update_holders (self);
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
sd_duty_editor_map (GtkWidget *widget)
{
  SdDutyEditor *self = SD_DUTY_EDITOR (widget);
  GtkWidget *text;

  GTK_WIDGET_CLASS (sd_duty_editor_parent_class)->map (widget);

  /* A new duty with its code suggested starts with the text. */
  if (sd_editor_window_get_item (SD_EDITOR_WINDOW (self)) == NULL &&
      self->suggested_code != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
      return;
    }
  text = find_text (self->code_row);
  if (text != NULL)
    gtk_text_grab_focus_without_selecting (GTK_TEXT (text));
  else
    gtk_widget_grab_focus (self->code_row);
}

static gboolean
sd_duty_editor_close_request (GtkWindow *window)
{
  SdDutyEditor *self = SD_DUTY_EDITOR (window);
  g_autofree char *code = code_row_get_text (self);
  g_autofree char *text = text_view_get_text (self);

  /* What was typed and not applied is kept, as the base does with its own
   * fields; a new duty with no text yet is not created. */
  if (sd_editor_window_get_item (SD_EDITOR_WINDOW (self)) == NULL && *text == '\0')
    set_hidden (self, self->code_field, "");
  else
    {
      set_hidden (self, self->code_field, code);
      set_hidden (self, self->text_field, text);
    }

  return GTK_WINDOW_CLASS (sd_duty_editor_parent_class)->close_request (window);
}

static void
sd_duty_editor_dispose (GObject *object)
{
  SdDutyEditor *self = SD_DUTY_EDITOR (object);

  g_clear_handle_id (&self->holders_id, g_source_remove);
  g_clear_object (&self->index);

  G_OBJECT_CLASS (sd_duty_editor_parent_class)->dispose (object);
}

static void
sd_duty_editor_finalize (GObject *object)
{
  SdDutyEditor *self = SD_DUTY_EDITOR (object);

  g_clear_pointer (&self->holder_rows, g_ptr_array_unref);
  g_free (self->initial_area);
  g_free (self->suggested_code);

  G_OBJECT_CLASS (sd_duty_editor_parent_class)->finalize (object);
}

static void
sd_duty_editor_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SdDutyEditor *self = SD_DUTY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_AREA:
      g_free (self->initial_area);
      self->initial_area = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_duty_editor_class_init (SdDutyEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  SdEditorWindowClass *editor_class = SD_EDITOR_WINDOW_CLASS (klass);

  object_class->constructed = sd_duty_editor_constructed;
  object_class->dispose = sd_duty_editor_dispose;
  object_class->finalize = sd_duty_editor_finalize;
  object_class->set_property = sd_duty_editor_set_property;
  widget_class->map = sd_duty_editor_map;
  window_class->close_request = sd_duty_editor_close_request;
  editor_class->item_created = sd_duty_editor_item_created;

  gtk_widget_class_install_action (widget_class, "duty.apply-text", NULL, apply_text_action);

  /* The area of a new duty, for its code and position. */
  properties[PROP_AREA] =
    g_param_spec_string ("area", NULL, NULL, NULL,
                         (G_PARAM_WRITABLE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_duty_editor_init (SdDutyEditor *self)
{
  self->holder_rows = g_ptr_array_new ();
}

/**
 * sd_duty_editor_new:
 * @store: the store
 * @duty: (nullable): the duty to edit, or %NULL for a new one
 * @area: (nullable): the area of a new duty
 *
 * Returns: (transfer none): the editor, not yet shown
 */
GtkWidget *
sd_duty_editor_new (SdStore    *store,
                    SdDuty     *duty,
                    const char *area)
{
  SdDutyEditor *self;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (duty == NULL || SD_IS_DUTY (duty), NULL);

  self = g_object_new (SD_TYPE_DUTY_EDITOR,
                       "store", store,
                       "item-type", SD_TYPE_DUTY,
                       "item", duty,
                       "area", duty == NULL ? area : NULL,
                       NULL);
  return GTK_WIDGET (self);
}
