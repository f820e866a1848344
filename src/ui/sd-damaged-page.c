/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-damaged-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-backup-actions.h"
#include "sd-damaged-page.h"
#include "sd-messages.h"

struct _SdDamagedPage
{
  AdwBin         parent_instance;

  char          *path;
  gboolean       searched;
  GCancellable  *cancellable;

  AdwStatusPage *status;
  GtkWidget     *searching;
  GtkWidget     *restore_button;
  GtkLabel      *backup_label;
  GtkLabel      *no_backup_label;
};

G_DEFINE_FINAL_TYPE (SdDamagedPage, sd_damaged_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PATH,
  PROP_SEARCHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
backup_found_cb (GtkWidget          *button,
                 const SdBackupInfo *backup,
                 const char         *description,
                 gpointer            user_data)
{
  SdDamagedPage *self = user_data;

  gtk_widget_set_visible (self->searching, FALSE);
  if (backup != NULL)
    {
      g_autofree char *size = g_format_size (backup->size);
      /* Translators: when the backup was made, then its size */
      g_autofree char *text = g_strdup_printf (_("The newest good backup is from %s (%s)."),
                                               description, size);

      gtk_label_set_label (self->backup_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->backup_label), TRUE);
      gtk_widget_grab_focus (button);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->no_backup_label), TRUE);
    }

  self->searched = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHED]);
}

static GtkWidget *
pill_button (const char *label,
             const char *action_name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "pill");
  if (action_name != NULL)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  return button;
}

static GtkLabel *
note_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_visible (label, FALSE);
  return GTK_LABEL (label);
}

static void
sd_damaged_page_dispose (GObject *object)
{
  SdDamagedPage *self = SD_DAMAGED_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sd_damaged_page_parent_class)->dispose (object);
}

static void
sd_damaged_page_finalize (GObject *object)
{
  SdDamagedPage *self = SD_DAMAGED_PAGE (object);

  g_free (self->path);

  G_OBJECT_CLASS (sd_damaged_page_parent_class)->finalize (object);
}

static void
sd_damaged_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SdDamagedPage *self = SD_DAMAGED_PAGE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_SEARCHED:
      g_value_set_boolean (value, self->searched);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_damaged_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SdDamagedPage *self = SD_DAMAGED_PAGE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_damaged_page_class_init (SdDamagedPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sd_damaged_page_dispose;
  object_class->finalize = sd_damaged_page_finalize;
  object_class->get_property = sd_damaged_page_get_property;
  object_class->set_property = sd_damaged_page_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCHED] =
    g_param_spec_boolean ("searched", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_damaged_page_init (SdDamagedPage *self)
{
  GtkWidget *box, *spinner, *searching_label;

  self->cancellable = g_cancellable_new ();

  self->status = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->status, "dialog-warning-symbolic");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);

  /* Looking for a backup reads each in full: it can take a moment. */
  self->searching = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (self->searching, GTK_ALIGN_CENTER);
  spinner = gtk_spinner_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  searching_label = gtk_label_new (_("Looking for a good backup…"));
  gtk_widget_add_css_class (searching_label, "dim-label");
  gtk_box_append (GTK_BOX (self->searching), spinner);
  gtk_box_append (GTK_BOX (self->searching), searching_label);
  gtk_box_append (GTK_BOX (box), self->searching);

  self->restore_button = pill_button (_("_Restore Newest Good Backup"), NULL);
  gtk_widget_add_css_class (self->restore_button, "suggested-action");
  gtk_widget_set_visible (self->restore_button, FALSE);
  gtk_box_append (GTK_BOX (box), self->restore_button);

  self->backup_label = note_label ();
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->backup_label));
  self->no_backup_label = note_label ();
  gtk_label_set_label (self->no_backup_label,
                       _("No good backup was found in the folder “backups” next to the file."));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->no_backup_label));

  gtk_box_append (GTK_BOX (box), pill_button (_("_Open Another File…"), "app.open"));
  gtk_box_append (GTK_BOX (box), pill_button (_("_Quit"), "app.quit"));

  /* The restore button says what it restores. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->restore_button),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->backup_label, NULL, -1);

  adw_status_page_set_child (self->status, box);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->status));
}

GtkWidget *
sd_damaged_page_new (const char   *path,
                     const GError *error)
{
  SdDamagedPage *self;
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (SD_TYPE_DAMAGED_PAGE, "path", path, NULL);
  message = sd_describe_open_error (path, error);
  escaped = g_markup_escape_text (message, -1);
  adw_status_page_set_title (self->status, sd_describe_open_error_title (error));
  adw_status_page_set_description (self->status, escaped);

  sd_backup_offer_restore (self->restore_button, path, self->cancellable, backup_found_cb,
                           self);
  return GTK_WIDGET (self);
}

const char *
sd_damaged_page_get_path (SdDamagedPage *self)
{
  g_return_val_if_fail (SD_IS_DAMAGED_PAGE (self), NULL);

  return self->path;
}

gboolean
sd_damaged_page_get_searched (SdDamagedPage *self)
{
  g_return_val_if_fail (SD_IS_DAMAGED_PAGE (self), FALSE);

  return self->searched;
}
