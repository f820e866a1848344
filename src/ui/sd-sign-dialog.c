/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-sign-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-person.h"
#include "sd-sign-dialog.h"
#include "sd-signoff-view.h"
#include "sd-statement.h"

struct _SdSignDialog
{
  AdwWindow       parent_instance;

  SdStore        *store;
  SdUnit         *unit;
  /* What the user reviews is what is signed: the statement is taken once,
   * when the dialog opens. */
  SdStatement    *statement;
  char           *error;

  GtkWidget      *sign_button;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  GtkWidget      *other_row;
  GtkSwitch      *other_switch;
  AdwEntryRow    *signer_row;
  AdwEntryRow    *meaning_row;
  SdSignaturePad *pad;
  GtkWidget      *undo_button;
  GtkWidget      *clear_button;
};

G_DEFINE_FINAL_TYPE (SdSignDialog, sd_sign_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_UNIT,
  N_PROPS
};

enum {
  SIGNED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
has_head (SdSignDialog *self)
{
  return self->statement != NULL && self->statement->head_name != NULL;
}

static gboolean
other_signer (SdSignDialog *self)
{
  return !has_head (self) || gtk_switch_get_active (self->other_switch);
}

static void
update_sign_button (SdSignDialog *self)
{
  g_autofree char *signer = sd_sign_dialog_dup_signer (self);
  g_autofree char *meaning = g_strstrip (g_strdup (sd_sign_dialog_get_meaning (self)));

  /* A signature names who signed and what it means (21 CFR 11.50). */
  gtk_widget_set_sensitive (self->sign_button,
                            self->statement != NULL && signer[0] != '\0' && meaning[0] != '\0');
}

static void
set_error (SdSignDialog *self,
           const char   *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  if (message != NULL)
    gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
fields_changed_cb (SdSignDialog *self)
{
  update_sign_button (self);
}

/* The head signs unless the switch says otherwise; then the name is typed
 * and the entry takes the focus. */
static void
other_switch_cb (SdSignDialog *self)
{
  gboolean other = other_signer (self);

  gtk_editable_set_editable (GTK_EDITABLE (self->signer_row), other);
  if (other)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->signer_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->signer_row));
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->signer_row), self->statement->head_name);
    }
  update_sign_button (self);
}

static void
strokes_changed_cb (SdSignDialog *self)
{
  gboolean drawn = !sd_signature_pad_is_empty (self->pad);

  gtk_widget_set_sensitive (self->undo_button, drawn);
  gtk_widget_set_sensitive (self->clear_button, drawn);
}

static void
undo_clicked_cb (SdSignDialog *self)
{
  sd_signature_pad_undo (self->pad);
}

static void
clear_clicked_cb (SdSignDialog *self)
{
  sd_signature_pad_clear (self->pad);
}

/* A named signer who is one of the organisation's people, unambiguously,
 * is recorded as that person. */
static gint64
find_person (SdSignDialog *self,
             const char   *name)
{
  GListModel *people = sd_store_get_items (self->store, SD_TYPE_PERSON);
  gint64 found = 0;

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(SdPerson) person = g_list_model_get_item (people, i);

      if (!sd_person_get_active (person) || g_strcmp0 (sd_person_get_name (person), name) != 0)
        continue;
      if (found != 0)
        return 0;
      found = sd_item_get_id (SD_ITEM (person));
    }
  return found;
}

static void
sign_clicked_cb (SdSignDialog *self)
{
  g_autofree char *signer = sd_sign_dialog_dup_signer (self);
  g_autofree char *meaning = g_strstrip (g_strdup (sd_sign_dialog_get_meaning (self)));
  g_autoptr(GBytes) signature = sd_signature_pad_get_signature (self->pad);
  g_autoptr(GError) error = NULL;
  SdSignoff *signoff;
  gint64 person_id;

  if (self->statement == NULL || signer[0] == '\0' || meaning[0] == '\0')
    return;

  if (!other_signer (self))
    person_id = self->statement->head_id;
  else
    person_id = find_person (self, signer);

  signoff = sd_statement_sign (self->store, self->statement, signer, person_id, meaning,
                               signature, &error);
  if (signoff == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is why the sign-off could not be stored */
      message = g_strdup_printf (_("Could not sign: %s"),
                                 error != NULL ? error->message : _("unknown error"));
      set_error (self, message);
      return;
    }

  g_object_ref (signoff);
  g_object_ref (self);
  set_error (self, NULL);
  g_signal_emit (self, signals[SIGNED], 0, signoff);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
  g_object_unref (signoff);
}

static void
cancel_clicked_cb (SdSignDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static GtkWidget *
heading_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
build_content (SdSignDialog *self)
{
  g_autofree char *title = NULL;
  GtkWidget *box;
  GtkWidget *page;
  GtkWidget *reading;
  GtkWidget *form;
  GtkWidget *sides;
  GtkWidget *scrolled;
  GtkWidget *statement_view;
  GtkWidget *list;
  GtkWidget *label;
  GtkWidget *buttons;
  GtkWidget *header;
  GtkWidget *banner;
  GtkWidget *cancel;

  /* Header: Cancel on the left, Sign on the right, as in GNOME's dialogs. */
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (cancel),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cancel"),
                                  -1);
  g_signal_connect_object (cancel, "clicked", G_CALLBACK (cancel_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);

  /* Translators: the button that records the sign-off */
  self->sign_button = gtk_button_new_with_mnemonic (_("_Sign"));
  gtk_widget_add_css_class (self->sign_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->sign_button,
                               _("Record the signature with the date, the time and the "
                                 "exact text of the statement"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sign_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sign"),
                                  -1);
  g_signal_connect_object (self->sign_button, "clicked", G_CALLBACK (sign_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->sign_button);

  /* A failure is said above the form, which stays as it was. */
  banner = g_object_new (GTK_TYPE_BOX, "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT, NULL);
  gtk_widget_add_css_class (banner, "sd-banner");
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_selectable (self->error_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->error_label), TRUE);
  gtk_box_append (GTK_BOX (banner), GTK_WIDGET (self->error_label));
  self->error_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->error_revealer, banner);

  /* On the left the statement, to read before signing; it scrolls on its
   * own, so that only what is seen of a long one is drawn. */
  reading = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_hexpand (reading, TRUE);
  label = heading_label (_("Statement to Sign"));
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_start (label, 18);
  gtk_widget_set_margin_end (label, 18);
  gtk_box_append (GTK_BOX (reading), label);
  label = gtk_label_new (_("Read the duties below. The signature acknowledges this text as it "
                           "reads now; if it changes later, it has to be signed again."));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 18);
  gtk_widget_set_margin_end (label, 18);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (reading), label);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_widget_set_vexpand (scrolled, TRUE);
  if (self->statement != NULL)
    {
      statement_view = sd_signoff_view_new_statement_text (self->statement);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), statement_view);
    }
  gtk_box_append (GTK_BOX (reading), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (reading), scrolled);

  /* On the right who signs, what it means, and the handwriting. */
  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 24);
  gtk_widget_set_margin_start (page, 18);
  gtk_widget_set_margin_end (page, 18);

  /* Who signs and what the signature means. */
  gtk_box_append (GTK_BOX (page), heading_label (_("Signature")));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Signature"),
                                  -1);

  self->other_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->other_row),
                                 _("Someone Else Signs"));
  self->other_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->other_switch), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->other_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Someone Else Signs"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->other_row), GTK_WIDGET (self->other_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->other_row),
                                         GTK_WIDGET (self->other_switch));
  gtk_list_box_append (GTK_LIST_BOX (list), self->other_row);

  self->signer_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->signer_row), _("Signer"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->signer_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Signer"),
                                  -1);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->signer_row));

  self->meaning_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->meaning_row),
                                 _("Meaning of the Signature"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->meaning_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Meaning of the Signature"),
                                  -1);
  gtk_editable_set_text (GTK_EDITABLE (self->meaning_row), sd_statement_default_meaning ());
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->meaning_row));
  gtk_box_append (GTK_BOX (page), list);

  if (has_head (self))
    {
      g_autofree char *subtitle = NULL;

      /* Translators: %s is the name of the unit's head */
      subtitle = g_strdup_printf (_("Record a signer other than the head of the unit, %s"),
                                  self->statement->head_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->other_row), subtitle);
      gtk_editable_set_text (GTK_EDITABLE (self->signer_row), self->statement->head_name);
      gtk_editable_set_editable (GTK_EDITABLE (self->signer_row), FALSE);
    }
  else
    {
      gtk_widget_set_visible (self->other_row, FALSE);
      label = gtk_label_new (_("This unit has no head on record: type the name of the person "
                               "who signs."));
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (page), label);
    }

  /* The handwritten signature, optional. */
  gtk_box_append (GTK_BOX (page), heading_label (_("Handwritten Signature (Optional)")));
  self->pad = SD_SIGNATURE_PAD (sd_signature_pad_new ());
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->pad));
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  self->undo_button = gtk_button_new_with_mnemonic (_("_Undo Stroke"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->undo_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Undo Stroke"),
                                  -1);
  g_signal_connect_object (self->undo_button, "clicked", G_CALLBACK (undo_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), self->undo_button);
  self->clear_button = gtk_button_new_with_mnemonic (_("C_lear"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->clear_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Clear Signature"),
                                  -1);
  g_signal_connect_object (self->clear_button, "clicked", G_CALLBACK (clear_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), self->clear_button);
  gtk_box_append (GTK_BOX (page), buttons);
  g_signal_connect_object (self->pad, "notify::n-strokes", G_CALLBACK (strokes_changed_cb), self,
                           G_CONNECT_SWAPPED);
  strokes_changed_cb (self);

  form = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (form),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (form), page);
  gtk_widget_set_size_request (form, 420, -1);
  gtk_widget_add_css_class (form, "background");

  sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_vexpand (sides, TRUE);
  gtk_box_append (GTK_BOX (sides), reading);
  gtk_box_append (GTK_BOX (sides), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (sides), form);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_revealer));
  gtk_box_append (GTK_BOX (box), sides);
  adw_window_set_content (ADW_WINDOW (self), box);

  g_signal_connect_object (self->signer_row, "changed", G_CALLBACK (fields_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->meaning_row, "changed", G_CALLBACK (fields_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->other_switch, "notify::active", G_CALLBACK (other_switch_cb),
                           self, G_CONNECT_SWAPPED);
  update_sign_button (self);

  /* Translators: the title of the sign-off window; %s is a unit */
  title = g_strdup_printf (_("Sign Responsibility Statement: %s"), sd_unit_get_name (self->unit));
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
sd_sign_dialog_constructed (GObject *object)
{
  SdSignDialog *self = SD_SIGN_DIALOG (object);

  G_OBJECT_CLASS (sd_sign_dialog_parent_class)->constructed (object);

  g_assert (self->store != NULL && self->unit != NULL);
  self->statement = sd_statement_new (self->store, self->unit);
  build_content (self);
  /* The first thing to do is to read; Sign is one Tab away. */
  gtk_window_set_default_widget (GTK_WINDOW (self), NULL);
}

static void
sd_sign_dialog_dispose (GObject *object)
{
  SdSignDialog *self = SD_SIGN_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->unit);

  G_OBJECT_CLASS (sd_sign_dialog_parent_class)->dispose (object);
}

static void
sd_sign_dialog_finalize (GObject *object)
{
  SdSignDialog *self = SD_SIGN_DIALOG (object);

  g_clear_pointer (&self->statement, sd_statement_free);
  g_free (self->error);

  G_OBJECT_CLASS (sd_sign_dialog_parent_class)->finalize (object);
}

static void
sd_sign_dialog_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SdSignDialog *self = SD_SIGN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_UNIT:
      g_value_set_object (value, self->unit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_sign_dialog_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SdSignDialog *self = SD_SIGN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_UNIT:
      self->unit = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_sign_dialog_class_init (SdSignDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sd_sign_dialog_constructed;
  object_class->dispose = sd_sign_dialog_dispose;
  object_class->finalize = sd_sign_dialog_finalize;
  object_class->get_property = sd_sign_dialog_get_property;
  object_class->set_property = sd_sign_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNIT] =
    g_param_spec_object ("unit", NULL, NULL, SD_TYPE_UNIT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SdSignDialog::signed:
   * @self: the dialog
   * @signoff: the sign-off just recorded
   *
   * The statement was signed; the dialog closes right after.
   */
  signals[SIGNED] =
    g_signal_new ("signed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SD_TYPE_SIGNOFF);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sd_sign_dialog_init (SdSignDialog *self)
{
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 1100, 760);
}

GtkWidget *
sd_sign_dialog_new (SdStore   *store,
                    SdUnit    *unit,
                    GtkWindow *parent)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_UNIT (unit), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (SD_TYPE_SIGN_DIALOG,
                       "store", store,
                       "unit", unit,
                       "transient-for", parent,
                       NULL);
}

SdUnit *
sd_sign_dialog_get_unit (SdSignDialog *self)
{
  g_return_val_if_fail (SD_IS_SIGN_DIALOG (self), NULL);

  return self->unit;
}

char *
sd_sign_dialog_dup_signer (SdSignDialog *self)
{
  g_return_val_if_fail (SD_IS_SIGN_DIALOG (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->signer_row))));
}

void
sd_sign_dialog_set_signer (SdSignDialog *self,
                           const char   *name)
{
  gboolean head;

  g_return_if_fail (SD_IS_SIGN_DIALOG (self));
  g_return_if_fail (name != NULL);

  head = has_head (self) && g_str_equal (name, self->statement->head_name);
  if (has_head (self))
    gtk_switch_set_active (self->other_switch, !head);
  gtk_editable_set_text (GTK_EDITABLE (self->signer_row), name);
}

const char *
sd_sign_dialog_get_meaning (SdSignDialog *self)
{
  g_return_val_if_fail (SD_IS_SIGN_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->meaning_row));
}

void
sd_sign_dialog_set_meaning (SdSignDialog *self,
                            const char   *meaning)
{
  g_return_if_fail (SD_IS_SIGN_DIALOG (self));
  g_return_if_fail (meaning != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->meaning_row), meaning);
}

SdSignaturePad *
sd_sign_dialog_get_signature_pad (SdSignDialog *self)
{
  g_return_val_if_fail (SD_IS_SIGN_DIALOG (self), NULL);

  return self->pad;
}

const char *
sd_sign_dialog_get_error (SdSignDialog *self)
{
  g_return_val_if_fail (SD_IS_SIGN_DIALOG (self), NULL);

  return self->error;
}
