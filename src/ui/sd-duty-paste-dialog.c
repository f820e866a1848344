/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-duty-paste-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sd-duty-editor.h"
#include "sd-duty-order.h"
#include "sd-duty-paste.h"
#include "sd-duty-paste-dialog.h"
#include "sd-labels.h"

/* How many taken codes the message names before "…". */
#define MAX_NAMED_CONFLICTS 3

typedef enum
{
  ITEM_OK,
  ITEM_TAKEN,     /* a duty in the store has the code */
  ITEM_REPEATED,  /* an earlier item of the text has it */
} ItemState;

struct _SdDutyPasteDialog
{
  AdwWindow      parent_instance;

  SdStore       *store;
  gint64         after_id;

  GtkTextView   *text_view;
  GtkWidget     *prefix_row;
  GtkWidget     *area_row;
  GtkWidget     *source_row;
  GtkWidget     *add_button;
  GtkWidget     *message_label;
  GtkWidget     *skip_check;
  GtkStack      *preview_stack;
  GtkWidget     *empty_page;
  GtkWidget     *list_page;
  GtkListBox    *preview;

  GPtrArray     *items;       /* SdPastedDuty */
  GArray        *states;      /* ItemState, one per item */
  guint          n_conflicts;
  GHashTable    *codes;       /* the codes duties have; NULL until needed */
  guint          update_id;
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (SdDutyPasteDialog, sd_duty_paste_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_AFTER_DUTY,
  N_PROPS
};

enum {
  ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
entry_get_text (GtkWidget *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static char *
get_text (SdDutyPasteDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static GHashTable *
get_codes (SdDutyPasteDialog *self)
{
  if (self->codes == NULL)
    {
      GListModel *duties = sd_store_get_items (self->store, SD_TYPE_DUTY);
      guint n = g_list_model_get_n_items (duties);

      self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SdDuty) duty = g_list_model_get_item (duties, i);

          if (sd_duty_get_code (duty) != NULL)
            g_hash_table_add (self->codes, g_strdup (sd_duty_get_code (duty)));
        }
    }
  return self->codes;
}

static guint
count_to_add (SdDutyPasteDialog *self)
{
  gboolean skip = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->skip_check));

  if (self->n_conflicts > 0 && !skip)
    return 0;
  return self->items->len - self->n_conflicts;
}

/* The preview */

static GtkWidget *
preview_row_new (SdPastedDuty *item,
                 ItemState     state)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *code = gtk_label_new (item->code);
  GtkWidget *text = gtk_label_new (item->text);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  gtk_label_set_xalign (GTK_LABEL (code), 0);
  gtk_label_set_yalign (GTK_LABEL (code), 0);
  gtk_label_set_width_chars (GTK_LABEL (code), 8);
  gtk_label_set_selectable (GTK_LABEL (code), FALSE);
  gtk_widget_set_valign (code, GTK_ALIGN_START);
  gtk_widget_add_css_class (code, "numeric");
  gtk_widget_add_css_class (code, state == ITEM_OK ? "dim-label" : "error");
  gtk_box_append (GTK_BOX (box), code);

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);

  if (state != ITEM_OK)
    {
      GtkWidget *mark = gtk_label_new (state == ITEM_TAKEN
                                       /* Translators: beside a pasted item whose code a
                                        * duty already has */
                                       ? _("Code taken")
                                       /* Translators: beside a pasted item whose code an
                                        * earlier item of the text has */
                                       : _("Repeated code"));

      gtk_widget_set_valign (mark, GTK_ALIGN_START);
      gtk_widget_add_css_class (mark, "error");
      gtk_widget_add_css_class (mark, "caption-heading");
      gtk_box_append (GTK_BOX (box), mark);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
update_message (SdDutyPasteDialog *self)
{
  gboolean skip = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->skip_check));
  guint n_to_add = count_to_add (self);
  g_autoptr(GString) named = g_string_new (NULL);
  guint n_named = 0;

  if (n_to_add > 0)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("_Add %u Duty", "_Add %u Duties",
                                                          n_to_add),
                                                n_to_add);

      gtk_button_set_label (GTK_BUTTON (self->add_button), label);
    }
  else
    gtk_button_set_label (GTK_BUTTON (self->add_button), _("_Add Duties"));
  gtk_widget_set_sensitive (self->add_button, n_to_add > 0);

  gtk_widget_set_visible (self->skip_check, self->n_conflicts > 0);
  gtk_widget_set_visible (self->message_label, self->n_conflicts > 0);
  if (self->n_conflicts == 0)
    return;

  for (guint i = 0; i < self->items->len && n_named <= MAX_NAMED_CONFLICTS; i++)
    {
      SdPastedDuty *item = g_ptr_array_index (self->items, i);

      if (g_array_index (self->states, ItemState, i) == ITEM_OK)
        continue;
      if (n_named++ == MAX_NAMED_CONFLICTS)
        {
          g_string_append (named, "…");
          break;
        }
      if (named->len > 0)
        g_string_append (named, sd_list_separator ());
      g_string_append (named, item->code);
    }

  if (skip)
    {
      g_autofree char *message =
        /* Translators: %u is a number of pasted items, %s lists their codes */
        g_strdup_printf (ngettext ("%u item is left out: its code is taken (%s).",
                                   "%u items are left out: their codes are taken (%s).",
                                   self->n_conflicts),
                         self->n_conflicts, named->str);

      gtk_label_set_text (GTK_LABEL (self->message_label), message);
      gtk_widget_remove_css_class (self->message_label, "error");
    }
  else
    {
      g_autofree char *message =
        /* Translators: %u is a number of pasted items, %s lists their codes */
        g_strdup_printf (ngettext ("%u code is taken already (%s). Codes must be unique: "
                                   "change the code prefix, or leave that item out.",
                                   "%u codes are taken already (%s). Codes must be unique: "
                                   "change the code prefix, or leave those items out.",
                                   self->n_conflicts),
                         self->n_conflicts, named->str);

      gtk_label_set_text (GTK_LABEL (self->message_label), message);
      gtk_widget_add_css_class (self->message_label, "error");
    }
}

static void
update_preview (SdDutyPasteDialog *self)
{
  g_autofree char *text = get_text (self);
  g_autofree char *prefix = entry_get_text (self->prefix_row);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *codes = get_codes (self);
  GtkWidget *child;

  g_clear_handle_id (&self->update_id, g_source_remove);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = sd_duty_paste_parse (text, *prefix != '\0' ? prefix : NULL);
  g_array_set_size (self->states, self->items->len);
  self->n_conflicts = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview))) != NULL)
    gtk_list_box_remove (self->preview, child);

  for (guint i = 0; i < self->items->len; i++)
    {
      SdPastedDuty *item = g_ptr_array_index (self->items, i);
      ItemState state = ITEM_OK;

      if (g_hash_table_contains (codes, item->code))
        state = ITEM_TAKEN;
      else if (!g_hash_table_add (seen, item->code))
        state = ITEM_REPEATED;
      g_array_index (self->states, ItemState, i) = state;
      if (state != ITEM_OK)
        self->n_conflicts++;
      gtk_list_box_append (self->preview, preview_row_new (item, state));
    }

  gtk_stack_set_visible_child (self->preview_stack,
                               self->items->len > 0 ? self->list_page : self->empty_page);
  update_message (self);
}

static gboolean
update_preview_cb (gpointer user_data)
{
  SdDutyPasteDialog *self = user_data;

  self->update_id = 0;
  update_preview (self);
  return G_SOURCE_REMOVE;
}

/* Typing changes the text many times a second; the preview follows once
 * the main loop is idle, so that the text typed is drawn first. */
static void
changed_cb (SdDutyPasteDialog *self)
{
  if (self->update_id == 0)
    self->update_id = g_idle_add (update_preview_cb, self);
}

static void
flush (SdDutyPasteDialog *self)
{
  if (self->update_id != 0)
    update_preview (self);
}

static void
duties_changed_cb (SdDutyPasteDialog *self)
{
  g_clear_pointer (&self->codes, g_hash_table_unref);
  changed_cb (self);
}

static void
skip_toggled_cb (SdDutyPasteDialog *self)
{
  flush (self);
  update_message (self);
}

/* Adding */

static gboolean
insert_items (SdDutyPasteDialog *self,
              GArray            *ids,
              GError           **error)
{
  g_autofree char *area = entry_get_text (self->area_row);
  g_autofree char *source = entry_get_text (self->source_row);
  guint n_to_add = count_to_add (self);
  SdDuty *after = NULL;
  int position;

  if (self->after_id != 0)
    after = sd_store_lookup (self->store, SD_TYPE_DUTY, self->after_id);
  /* Put in another area, the items go to the end of that one. */
  if (after != NULL &&
      g_strcmp0 (sd_duty_get_area (after) != NULL ? sd_duty_get_area (after) : "", area) != 0)
    after = NULL;
  if (!sd_duties_make_room (self->store, area, after, n_to_add, &position, error))
    return FALSE;

  for (guint i = 0; i < self->items->len; i++)
    {
      SdPastedDuty *item = g_ptr_array_index (self->items, i);
      SdDuty *duty;
      gint64 id;

      if (g_array_index (self->states, ItemState, i) != ITEM_OK)
        continue;
      duty = sd_store_insert (self->store, SD_TYPE_DUTY, error,
                              "code", item->code,
                              "area", *area != '\0' ? area : NULL,
                              "text", item->text,
                              "source", *source != '\0' ? source : NULL,
                              "position", position++,
                              NULL);
      if (duty == NULL)
        return FALSE;
      id = sd_item_get_id (SD_ITEM (duty));
      g_array_append_val (ids, id);
    }
  return TRUE;
}

GArray *
sd_duty_paste_dialog_add (SdDutyPasteDialog *self,
                          GError           **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (SD_IS_DUTY_PASTE_DIALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  flush (self);
  if (count_to_add (self) == 0)
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_FAILED,
                           self->n_conflicts > 0
                           ? _("Some codes are taken already.")
                           : _("The text has no numbered items."));
      return NULL;
    }

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!sd_store_begin (self->store, error))
    return NULL;
  if (!insert_items (self, ids, error) || !sd_store_commit (self->store, error))
    {
      sd_store_rollback (self->store);
      return NULL;
    }

  g_signal_emit (self, signals[ADDED], 0, ids->len, ids);
  gtk_window_close (GTK_WINDOW (self));
  return g_steal_pointer (&ids);
}

static void
add_clicked_cb (SdDutyPasteDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = sd_duty_paste_dialog_add (self, &error);

  if (ids == NULL)
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_("The duties were not added: %s"),
                                                  error->message);

      g_debug ("Paste refused: %s", error->message);
      gtk_label_set_text (GTK_LABEL (self->message_label), message);
      gtk_widget_add_css_class (self->message_label, "error");
      gtk_widget_set_visible (self->message_label, TRUE);
    }
}

gboolean
sd_duty_paste_undo (SdStore  *store,
                    GArray   *ids,
                    GError  **error)
{
  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  if (!sd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      SdDuty *duty = sd_store_lookup (store, SD_TYPE_DUTY, g_array_index (ids, gint64, i));

      if (duty != NULL && !sd_store_delete (store, duty, error))
        {
          sd_store_rollback (store);
          return FALSE;
        }
    }
  if (!sd_store_commit (store, error))
    {
      sd_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* The clipboard */

static void
clipboard_text_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  SdDutyPasteDialog *self;
  g_autofree char *current = NULL;

  /* Cancelled when the window went away: @user_data is gone. */
  if (text == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No text on the clipboard: %s", error != NULL ? error->message : "empty");
      return;
    }

  self = SD_DUTY_PASTE_DIALOG (user_data);
  current = get_text (self);
  /* What the user typed meanwhile wins. */
  if (*current == '\0')
    sd_duty_paste_dialog_set_text (self, text);
}

/* Defaults */

/* The code prefix the duty @duty suggests: its code without the trailing
 * number ("003-9" → "003-"). */
static char *
prefix_of (SdDuty *duty)
{
  const char *code = duty != NULL ? sd_duty_get_code (duty) : NULL;
  size_t len;

  if (code == NULL)
    return NULL;
  len = strlen (code);
  while (len > 0 && (g_ascii_isdigit (code[len - 1]) || code[len - 1] == '.'))
    len--;
  return len > 0 ? g_strndup (code, len) : NULL;
}

/* GObject */

static GtkWidget *
entry_row_new (AdwPreferencesGroup *group,
               const char          *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (group, row);
  return row;
}

static void
sd_duty_paste_dialog_constructed (GObject *object)
{
  SdDutyPasteDialog *self = SD_DUTY_PASTE_DIALOG (object);
  SdDuty *after;
  const char *area;
  g_autofree char *prefix = NULL;

  G_OBJECT_CLASS (sd_duty_paste_dialog_parent_class)->constructed (object);

  g_return_if_fail (SD_IS_STORE (self->store));

  after = self->after_id != 0 ? sd_store_lookup (self->store, SD_TYPE_DUTY, self->after_id)
                              : NULL;
  area = after != NULL ? sd_duty_get_area (after) : NULL;
  prefix = prefix_of (after);

  gtk_editable_set_text (GTK_EDITABLE (self->area_row), area != NULL ? area : "");
  gtk_editable_set_text (GTK_EDITABLE (self->prefix_row), prefix != NULL ? prefix : "");
  sd_duty_area_button_new (self->store, ADW_ENTRY_ROW (self->area_row));

  g_signal_connect_object (sd_store_get_items (self->store, SD_TYPE_DUTY), "items-changed",
                           G_CALLBACK (duties_changed_cb), self, G_CONNECT_SWAPPED);

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                                 self->cancellable, clipboard_text_cb, self);
  update_preview (self);
}

static void
sd_duty_paste_dialog_dispose (GObject *object)
{
  SdDutyPasteDialog *self = SD_DUTY_PASTE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->update_id, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_duty_paste_dialog_parent_class)->dispose (object);
}

static void
sd_duty_paste_dialog_finalize (GObject *object)
{
  SdDutyPasteDialog *self = SD_DUTY_PASTE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->states, g_array_unref);
  g_clear_pointer (&self->codes, g_hash_table_unref);
  G_OBJECT_CLASS (sd_duty_paste_dialog_parent_class)->finalize (object);
}

static void
sd_duty_paste_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SdDutyPasteDialog *self = SD_DUTY_PASTE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_assert (self->store == NULL);
      self->store = g_value_dup_object (value);
      break;
    case PROP_AFTER_DUTY:
      {
        SdItem *duty = g_value_get_object (value);

        self->after_id = duty != NULL ? sd_item_get_id (duty) : 0;
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_duty_paste_dialog_class_init (SdDutyPasteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sd_duty_paste_dialog_constructed;
  object_class->dispose = sd_duty_paste_dialog_dispose;
  object_class->finalize = sd_duty_paste_dialog_finalize;
  object_class->set_property = sd_duty_paste_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AFTER_DUTY] =
    g_param_spec_object ("after-duty", NULL, NULL, SD_TYPE_DUTY,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SdDutyPasteDialog::added:
   * @n_added: how many duties were added
   * @ids: (element-type gint64): their ids, in order
   *
   * The duties were added, in one transaction; sd_duty_paste_undo()
   * removes them again.
   */
  signals[ADDED] =
    g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_ARRAY);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sd_duty_paste_dialog_init (SdDutyPasteDialog *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *fields = adw_preferences_group_new ();
  GtkWidget *text_label;
  GtkWidget *preview_label;
  GtkWidget *scrolled;
  GtkWidget *status;

  self->cancellable = g_cancellable_new ();
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_pasted_duty_free);
  self->states = g_array_new (FALSE, TRUE, sizeof (ItemState));

  gtk_window_set_title (GTK_WINDOW (self), _("Paste Duties from a Regulation"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 960, 640);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->add_button = gtk_button_new_with_mnemonic (_("_Add Duties"));
  gtk_widget_add_css_class (self->add_button, "suggested-action");
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->add_button);
  gtk_box_append (GTK_BOX (content), header);

  /* The left half: what to add. */
  gtk_widget_set_margin_start (left, 18);
  gtk_widget_set_margin_end (left, 12);
  gtk_widget_set_margin_top (left, 18);
  gtk_widget_set_margin_bottom (left, 18);

  self->prefix_row = entry_row_new (ADW_PREFERENCES_GROUP (fields), _("Code Prefix"));
  self->area_row = entry_row_new (ADW_PREFERENCES_GROUP (fields), _("Area"));
  self->source_row = entry_row_new (ADW_PREFERENCES_GROUP (fields),
                                    _("Source (document and article)"));
  g_signal_connect_object (self->prefix_row, "changed", G_CALLBACK (changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (left), fields);

  text_label = gtk_label_new_with_mnemonic (_("_Regulation Text"));
  gtk_label_set_xalign (GTK_LABEL (text_label), 0);
  gtk_widget_add_css_class (text_label, "heading");
  gtk_box_append (GTK_BOX (left), text_label);

  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->text_view, 8);
  gtk_text_view_set_bottom_margin (self->text_view, 8);
  gtk_text_view_set_left_margin (self->text_view, 10);
  gtk_text_view_set_right_margin (self->text_view, 10);
  gtk_label_set_mnemonic_widget (GTK_LABEL (text_label), GTK_WIDGET (self->text_view));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, text_label, NULL,
                                  -1);
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->text_view));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);
  gtk_box_append (GTK_BOX (left), scrolled);

  /* The right half: what would be added. */
  gtk_widget_set_margin_start (right, 12);
  gtk_widget_set_margin_end (right, 18);
  gtk_widget_set_margin_top (right, 18);
  gtk_widget_set_margin_bottom (right, 18);

  preview_label = gtk_label_new (_("Duties to Add"));
  gtk_label_set_xalign (GTK_LABEL (preview_label), 0);
  gtk_widget_add_css_class (preview_label, "heading");
  gtk_box_append (GTK_BOX (right), preview_label);

  self->message_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_widget_set_visible (self->message_label, FALSE);
  gtk_box_append (GTK_BOX (right), self->message_label);

  self->skip_check = gtk_check_button_new_with_mnemonic (_("_Leave out items whose code is "
                                                            "taken"));
  gtk_widget_set_visible (self->skip_check, FALSE);
  g_signal_connect_object (self->skip_check, "toggled", G_CALLBACK (skip_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (right), self->skip_check);

  self->preview_stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->preview_stack), TRUE);

  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "edit-paste-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No numbered items found"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Paste the text of a regulation. Each numbered item, "
                                     "such as “1.”, “（一）” or “第九条”, becomes a duty."));
  gtk_widget_add_css_class (status, "compact");
  self->empty_page = status;
  gtk_stack_add_child (self->preview_stack, status);

  self->preview = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->preview, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->preview), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->preview), GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preview),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Duties to add"),
                                  -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->preview));
  self->list_page = scrolled;
  gtk_stack_add_child (self->preview_stack, scrolled);
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->preview_stack));

  gtk_paned_set_start_child (GTK_PANED (paned), left);
  gtk_paned_set_end_child (GTK_PANED (paned), right);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_position (GTK_PANED (paned), 460);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_append (GTK_BOX (content), paned);

  adw_window_set_content (ADW_WINDOW (self), content);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* Public API */

/**
 * sd_duty_paste_dialog_new:
 * @store: the store
 * @after_duty: (nullable): the duty the new ones follow
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
GtkWidget *
sd_duty_paste_dialog_new (SdStore *store,
                          SdDuty  *after_duty)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (after_duty == NULL || SD_IS_DUTY (after_duty), NULL);

  return g_object_new (SD_TYPE_DUTY_PASTE_DIALOG,
                       "store", store,
                       "after-duty", after_duty,
                       NULL);
}

void
sd_duty_paste_dialog_set_text (SdDutyPasteDialog *self,
                               const char        *text)
{
  g_return_if_fail (SD_IS_DUTY_PASTE_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                            text != NULL ? text : "", -1);
}

void
sd_duty_paste_dialog_set_prefix (SdDutyPasteDialog *self,
                                 const char        *prefix)
{
  g_return_if_fail (SD_IS_DUTY_PASTE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->prefix_row), prefix != NULL ? prefix : "");
}

void
sd_duty_paste_dialog_set_area (SdDutyPasteDialog *self,
                               const char        *area)
{
  g_return_if_fail (SD_IS_DUTY_PASTE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->area_row), area != NULL ? area : "");
}

void
sd_duty_paste_dialog_set_source (SdDutyPasteDialog *self,
                                 const char        *source)
{
  g_return_if_fail (SD_IS_DUTY_PASTE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->source_row), source != NULL ? source : "");
}

void
sd_duty_paste_dialog_set_skip_existing (SdDutyPasteDialog *self,
                                        gboolean           skip)
{
  g_return_if_fail (SD_IS_DUTY_PASTE_DIALOG (self));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->skip_check), skip);
}

guint
sd_duty_paste_dialog_get_n_items (SdDutyPasteDialog *self)
{
  g_return_val_if_fail (SD_IS_DUTY_PASTE_DIALOG (self), 0);

  flush (self);
  return self->items->len;
}

guint
sd_duty_paste_dialog_get_n_conflicts (SdDutyPasteDialog *self)
{
  g_return_val_if_fail (SD_IS_DUTY_PASTE_DIALOG (self), 0);

  flush (self);
  return self->n_conflicts;
}

guint
sd_duty_paste_dialog_get_n_to_add (SdDutyPasteDialog *self)
{
  g_return_val_if_fail (SD_IS_DUTY_PASTE_DIALOG (self), 0);

  flush (self);
  return count_to_add (self);
}
