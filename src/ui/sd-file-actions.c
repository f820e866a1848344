/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-file-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-file-actions.h"
#include "sd-import.h"

GtkWindow *
sd_ui_parent_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
sd_ui_present_modal (GtkWidget *widget,
                     GtkWidget *window)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (GTK_IS_WINDOW (window));

  gtk_window_set_transient_for (GTK_WINDOW (window), sd_ui_parent_window (widget));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_present (GTK_WINDOW (window));
}

void
sd_ui_toast (GtkWidget *widget,
             AdwToast  *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

void
sd_ui_toast_error (GtkWidget    *widget,
                   const char   *what,
                   const GError *error)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", what, error->message);
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  /* An error stays until it is read: it says that something did not happen. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  sd_ui_toast (widget, toast);
}

void
sd_ui_toast_text (GtkWidget  *widget,
                  const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  sd_ui_toast (widget, adw_toast_new (escaped));
}

/* Undo */

typedef struct
{
  GtkWidget      *widget;   /* weak */
  SdUndoFunc      undo;
  gpointer        data;
  GDestroyNotify  destroy;
  gboolean        done;
} UndoRequest;

static void
undo_request_free (gpointer  data,
                   GClosure *closure)
{
  UndoRequest *request = data;

  g_clear_weak_pointer (&request->widget);
  if (request->destroy != NULL)
    request->destroy (request->data);
  g_free (request);
}

static void
undo_clicked_cb (AdwToast    *toast,
                 UndoRequest *request)
{
  g_autoptr(GError) error = NULL;

  if (request->widget == NULL || request->done)
    return;
  request->done = TRUE;
  if (!request->undo (request->widget, request->data, &error))
    sd_ui_toast_error (request->widget, _("Could not undo"), error);
}

void
sd_ui_toast_undo (GtkWidget      *widget,
                  const char     *title,
                  SdUndoFunc      undo,
                  gpointer        data,
                  GDestroyNotify  destroy)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);
  UndoRequest *request = g_new0 (UndoRequest, 1);

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (undo != NULL);

  g_set_weak_pointer (&request->widget, widget);
  request->undo = undo;
  request->data = data;
  request->destroy = destroy;
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), request,
                         undo_request_free, 0);
  sd_ui_toast (widget, toast);
}

typedef struct
{
  SdStore      *store;
  SdDeletion   *deletion;
  SdUndoneFunc  undone;
  GType         type;
  gint64        id;
} DeleteUndo;

static void
delete_undo_free (gpointer data)
{
  DeleteUndo *undo = data;

  g_object_unref (undo->store);
  sd_deletion_free (undo->deletion);
  g_free (undo);
}

static gboolean
undo_deletion (GtkWidget  *widget,
               gpointer    data,
               GError    **error)
{
  DeleteUndo *undo = data;

  if (!sd_store_undo_deletion (undo->store, undo->deletion, error))
    return FALSE;
  if (undo->undone != NULL)
    undo->undone (widget, undo->type, undo->id);
  return TRUE;
}

gboolean
sd_ui_delete_with_undo (GtkWidget    *widget,
                        SdStore      *store,
                        gpointer      item,
                        const char   *title,
                        const char   *error_what,
                        SdUndoneFunc  undone)
{
  g_autoptr(GError) error = NULL;
  DeleteUndo *undo;
  SdDeletion *deletion;
  GType type;
  gint64 id;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (SD_IS_ITEM (item), FALSE);

  /* Taken first: @item may go with the deletion. */
  type = G_OBJECT_TYPE (item);
  id = sd_item_get_id (SD_ITEM (item));
  deletion = sd_store_delete_with_undo (store, item, &error);
  if (deletion == NULL)
    {
      sd_ui_toast_error (widget, error_what, error);
      return FALSE;
    }

  undo = g_new0 (DeleteUndo, 1);
  undo->store = g_object_ref (store);
  undo->deletion = deletion;
  undo->undone = undone;
  undo->type = type;
  undo->id = id;
  sd_ui_toast_undo (widget, title, undo_deletion, undo, delete_undo_free);
  return TRUE;
}

/* Import */

static void
show_import_errors (GtkWidget  *widget,
                    const char *file_name,
                    GPtrArray  *row_errors)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *body = NULL;
  GtkWidget *dialog, *scroll, *label;

  for (guint i = 0; i < row_errors->len; i++)
    {
      g_autofree char *line = sd_import_row_error_format (g_ptr_array_index (row_errors, i));

      g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", line);
    }

  body = g_strdup_printf (ngettext ("%s has %u row that is wrong. Nothing was imported: "
                                    "correct it and import the file again.",
                                    "%s has %u rows that are wrong. Nothing was imported: "
                                    "correct them and import the file again.",
                                    row_errors->len),
                          file_name, row_errors->len);
  dialog = adw_message_dialog_new (sd_ui_parent_window (widget), _("Nothing Imported"), body);

  label = gtk_label_new (text->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroll), 300);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroll), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), label);
  gtk_widget_add_css_class (scroll, "card");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroll);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What a file chooser was opened for; the widget may go away meanwhile. */
typedef struct
{
  GtkWidget      *widget;     /* weak */
  SdStore        *store;
  char           *kind;
  SdSaveFunc      save;
  gpointer        user_data;
  GDestroyNotify  destroy;
} FileRequest;

static FileRequest *
file_request_new (GtkWidget  *widget,
                  SdStore    *store,
                  const char *kind)
{
  FileRequest *request = g_new0 (FileRequest, 1);

  g_set_weak_pointer (&request->widget, widget);
  request->store = g_object_ref (store);
  request->kind = g_strdup (kind);
  return request;
}

static void
file_request_free (FileRequest *request)
{
  g_clear_weak_pointer (&request->widget);
  g_clear_object (&request->store);
  g_free (request->kind);
  if (request->destroy != NULL)
    request->destroy (request->user_data);
  g_free (request);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *upper = g_ascii_strup (pattern, -1);

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_add_pattern (filter, upper);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    FileRequest     *request)
{
  GtkWidget *widget = request->widget;

  if (response == GTK_RESPONSE_ACCEPT && widget != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GPtrArray) row_errors = NULL;
      g_autoptr(GError) error = NULL;
      guint n = 0;

      if (sd_import_file (request->store, request->kind, path, &n, &row_errors, &error))
        {
          g_autofree char *title = g_strdup_printf (ngettext ("%u row imported from %s",
                                                              "%u rows imported from %s", n),
                                                    n, name);

          sd_ui_toast_text (widget, title);
        }
      else if (row_errors != NULL && row_errors->len > 0)
        {
          show_import_errors (widget, name, row_errors);
        }
      else
        {
          sd_ui_toast_error (widget, _("Could not import"), error);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  file_request_free (request);
}

void
sd_ui_import_csv (GtkWidget  *widget,
                  SdStore    *store,
                  const char *kind,
                  const char *title)
{
  GtkFileChooserNative *chooser;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (SD_IS_STORE (store));

  if (!sd_import_kind_is_known (kind))
    return;
  chooser = gtk_file_chooser_native_new (title, sd_ui_parent_window (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  add_filter (GTK_FILE_CHOOSER (chooser), _("CSV files"), "*.csv");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb),
                    file_request_new (widget, store, kind));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Export */

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  FileRequest     *request)
{
  GtkWidget *widget = request->widget;

  if (response == GTK_RESPONSE_ACCEPT && widget != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GError) error = NULL;

      if (request->save (request->store, path, request->user_data, &error))
        {
          /* Translators: %s is a file name */
          g_autofree char *title = g_strdup_printf (_("Exported to %s"), name);

          sd_ui_toast_text (widget, title);
        }
      else
        {
          sd_ui_toast_error (widget, _("Could not export"), error);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  file_request_free (request);
}

void
sd_ui_save_as (GtkWidget      *widget,
               SdStore        *store,
               const char     *title,
               const char     *suggested_name,
               const char     *filter_name,
               const char     *pattern,
               SdSaveFunc      save,
               gpointer        user_data,
               GDestroyNotify  destroy)
{
  GtkFileChooserNative *chooser;
  FileRequest *request;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (SD_IS_STORE (store));
  g_return_if_fail (save != NULL);

  chooser = gtk_file_chooser_native_new (title, sd_ui_parent_window (widget),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (pattern != NULL)
    add_filter (GTK_FILE_CHOOSER (chooser), filter_name, pattern);

  request = file_request_new (widget, store, NULL);
  request->save = save;
  request->user_data = user_data;
  request->destroy = destroy;
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
save_csv (SdStore     *store,
          const char  *path,
          gpointer     user_data,
          GError     **error)
{
  return sd_export_file (store, user_data, path, error);
}

void
sd_ui_export_csv (GtkWidget  *widget,
                  SdStore    *store,
                  const char *kind,
                  const char *title)
{
  g_autofree char *file_name = NULL;

  if (!sd_import_kind_is_known (kind))
    return;
  file_name = g_strdup_printf ("%s.csv", kind);
  sd_ui_save_as (widget, store, title, file_name, _("CSV files"), "*.csv",
                 save_csv, g_strdup (kind), g_free);
}
