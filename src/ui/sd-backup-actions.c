/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-backup-actions"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sd-backup-actions.h"
#include "sd-file-actions.h"
#include "sd-window.h"

/* The rotation waits this long after the window opened: the first pages
 * read the file then, and a copy of it would compete for the disk. */
#define ROTATION_DELAY_MS 2000

/* How long a restore waits for the closed windows to let go of the file. */
#define CLOSE_TIMEOUT_US (10 * G_USEC_PER_SEC)

/* Shared helpers */

/* The widget to give sd_ui_toast() for @window: its toast overlay. */
static GtkWidget *
toast_widget (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (ADW_IS_APPLICATION_WINDOW (root))
    {
      GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (root));

      if (content != NULL)
        return content;
    }
  return widget;
}

/* Cancelled when @window is destroyed, so that nothing runs for a window
 * that is gone (transfer none). */
static GCancellable *
window_cancellable (GtkWidget *window)
{
  GCancellable *cancellable = g_object_get_data (G_OBJECT (window), "sd-backup-cancellable");

  if (cancellable == NULL)
    {
      cancellable = g_cancellable_new ();
      g_object_set_data_full (G_OBJECT (window), "sd-backup-cancellable", cancellable,
                              g_object_unref);
      g_signal_connect_object (window, "destroy", G_CALLBACK (g_cancellable_cancel),
                               cancellable, G_CONNECT_SWAPPED);
    }
  return cancellable;
}

char *
sd_backup_describe_date (const SdBackupInfo *backup)
{
  int y1, m1, d1, y2, m2, d2;

  g_return_val_if_fail (backup != NULL, NULL);

  g_date_time_get_ymd (backup->day, &y1, &m1, &d1);
  if (backup->modified != NULL)
    {
      g_date_time_get_ymd (backup->modified, &y2, &m2, &d2);
      if (y1 == y2 && m1 == m2 && d1 == d2)
        /* Translators: when a backup was made, in g_date_time_format()
         * notation; for Chinese "%Y年%-m月%-d日 %H:%M" */
        return g_date_time_format (backup->modified, _("%-d %B %Y, %H:%M"));
    }
  /* Translators: the day of a backup, in g_date_time_format() notation;
   * for Chinese "%Y年%-m月%-d日" */
  return g_date_time_format (backup->day, _("%-d %B %Y"));
}

/* The file name of @path as the user knows it: in the home folder as
 * "~/…". */
static char *
display_path (const char *path)
{
  const char *home = g_get_home_dir ();
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *home_name = g_filename_display_name (home);
  size_t len = strlen (home_name);

  if (len > 1 && g_str_has_prefix (name, home_name) && name[len] == G_DIR_SEPARATOR)
    return g_strconcat ("~", name + len, NULL);
  return g_steal_pointer (&name);
}

/* Backups under way, by database path: a restore waits for them, since
 * each still reads the file that is about to move. Main thread only. */
static GHashTable *running_backups;

static void
running_add (const char *db_path)
{
  guint n;

  if (running_backups == NULL)
    running_backups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (running_backups, db_path));
  g_hash_table_insert (running_backups, g_strdup (db_path), GUINT_TO_POINTER (n + 1));
}

static void
running_remove (const char *db_path)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (running_backups, db_path));

  g_assert (n > 0);
  if (n > 1)
    g_hash_table_insert (running_backups, g_strdup (db_path), GUINT_TO_POINTER (n - 1));
  else
    g_hash_table_remove (running_backups, db_path);
}

static gboolean
running_any (const char *db_path)
{
  return running_backups != NULL && g_hash_table_contains (running_backups, db_path);
}

/* The rotation */

typedef struct
{
  GtkWidget *window;   /* weak */
  SdStore   *store;    /* weak: the window owns it */
  char      *db_path;
  guint      delay_id;
  gulong     destroy_id;
} Rotation;

static void
rotation_free (Rotation *rotation)
{
  if (rotation->window != NULL)
    g_clear_signal_handler (&rotation->destroy_id, rotation->window);
  g_clear_weak_pointer (&rotation->window);
  g_clear_weak_pointer (&rotation->store);
  g_free (rotation->db_path);
  g_free (rotation);
}

static void
rotation_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Rotation *rotation = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sd_store_backup_rotate_finish (result, &error);

  running_remove (rotation->db_path);
  if (path != NULL)
    {
      g_debug ("Today’s backup of %s is %s", rotation->db_path, path);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           !g_error_matches (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT))
    {
      /* A damaged file is already the banner's news; anything else is
       * worth a toast, since the user counts on the backups. */
      g_debug ("No backup of %s: %s", rotation->db_path, error->message);
      if (rotation->window != NULL)
        sd_ui_toast_error (toast_widget (rotation->window), _("Could not make today’s backup"),
                           error);
    }
  rotation_free (rotation);
}

static gboolean
rotation_start_cb (gpointer user_data)
{
  Rotation *rotation = user_data;

  rotation->delay_id = 0;
  if (rotation->window == NULL || rotation->store == NULL)
    {
      rotation_free (rotation);
      return G_SOURCE_REMOVE;
    }
  running_add (rotation->db_path);
  sd_store_backup_rotate_async (rotation->store, NULL, window_cancellable (rotation->window),
                                rotation_done_cb, rotation);
  return G_SOURCE_REMOVE;
}

static void
rotation_window_destroyed_cb (Rotation *rotation)
{
  /* Still waiting for the delay: nothing started, nothing to wait for. */
  if (rotation->delay_id != 0)
    {
      g_clear_handle_id (&rotation->delay_id, g_source_remove);
      rotation_free (rotation);
    }
}

void
sd_backup_start_rotation (GtkWidget *window,
                          SdStore   *store)
{
  Rotation *rotation;

  g_return_if_fail (GTK_IS_WIDGET (window));
  g_return_if_fail (SD_IS_STORE (store));

  rotation = g_new0 (Rotation, 1);
  g_set_weak_pointer (&rotation->window, window);
  g_set_weak_pointer (&rotation->store, store);
  rotation->db_path = g_strdup (sd_store_get_path (store));
  rotation->delay_id = g_timeout_add_full (G_PRIORITY_LOW, ROTATION_DELAY_MS,
                                           rotation_start_cb, rotation, NULL);
  rotation->destroy_id = g_signal_connect_swapped (window, "destroy",
                                                  G_CALLBACK (rotation_window_destroyed_cb),
                                                  rotation);
}

/* Save a copy */

typedef struct
{
  GtkWidget    *widget;   /* weak */
  SdStore      *store;
  char         *path;
  char         *db_path;  /* while the copy runs */
  GApplication *app;      /* held while the copy runs */
} CopyRequest;

static void
copy_request_free (CopyRequest *request)
{
  if (request->app != NULL)
    {
      g_application_release (request->app);
      g_clear_object (&request->app);
    }
  g_clear_weak_pointer (&request->widget);
  g_clear_object (&request->store);
  g_free (request->path);
  if (request->db_path != NULL)
    running_remove (request->db_path);
  g_free (request->db_path);
  g_free (request);
}

static void
copy_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CopyRequest *request = user_data;
  g_autoptr(GError) error = NULL;

  if (sd_store_backup_to_finish (result, &error))
    {
      g_autofree char *where = display_path (request->path);
      /* Translators: %s is the path of the copy */
      g_autofree char *text = g_strdup_printf (_("Saved a copy to “%s”"), where);

      if (request->widget != NULL)
        sd_ui_toast_text (toast_widget (request->widget), text);
    }
  else if (request->widget != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      sd_ui_toast_error (toast_widget (request->widget), _("Could not save a copy"), error);
    }
  copy_request_free (request);
}

void
sd_backup_save_copy_to (GtkWidget  *widget,
                        SdStore    *store,
                        const char *path)
{
  GtkWindow *window;
  CopyRequest *request;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (SD_IS_STORE (store));
  g_return_if_fail (path != NULL);

  request = g_new0 (CopyRequest, 1);
  g_set_weak_pointer (&request->widget, widget);
  request->path = g_strdup (path);
  request->db_path = g_strdup (sd_store_get_path (store));
  running_add (request->db_path);

  /* The user asked for this copy: it goes on if the window closes, and
   * the application waits for it. */
  window = sd_ui_parent_window (widget);
  if (window != NULL && gtk_window_get_application (window) != NULL)
    {
      request->app = G_APPLICATION (g_object_ref (gtk_window_get_application (window)));
      g_application_hold (request->app);
    }
  sd_store_backup_to_async (store, path, NULL, copy_done_cb, request);
}

static void
save_copy_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       CopyRequest     *request)
{
  if (response == GTK_RESPONSE_ACCEPT && request->widget != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        sd_backup_save_copy_to (request->widget, request->store, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  copy_request_free (request);
}

void
sd_backup_save_copy (GtkWidget *widget,
                     SdStore   *store)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GFile) folder = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *date = NULL;
  g_autofree char *suggested = NULL;
  GtkFileChooserNative *chooser;
  CopyRequest *request;
  char *dot;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (SD_IS_STORE (store));

  chooser = gtk_file_chooser_native_new (_("Save a Copy"), sd_ui_parent_window (widget),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Security Duties databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  /* "duties-copy-2026-03-05.db", beside the database. */
  dir = g_path_get_dirname (sd_store_get_path (store));
  base = g_filename_display_basename (sd_store_get_path (store));
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  date = g_date_time_format (now, "%Y-%m-%d");
  suggested = g_strdup_printf ("%s-copy-%s.db", base, date);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  folder = g_file_new_for_path (dir);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);

  request = g_new0 (CopyRequest, 1);
  g_set_weak_pointer (&request->widget, widget);
  request->store = g_object_ref (store);
  g_signal_connect (chooser, "response", G_CALLBACK (save_copy_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Restore and reopen */

typedef struct
{
  GtkApplication *app;
  char           *db_path;
  SdBackupInfo   *backup;
  gboolean        damaged;
  GDateTime      *now;
  GPtrArray      *stores;      /* GWeakRef *: the stores that must close first */
  gint64          deadline;
  guint           poll_id;
} Restore;

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
restore_free (Restore *restore)
{
  g_clear_handle_id (&restore->poll_id, g_source_remove);
  g_application_release (G_APPLICATION (restore->app));
  g_object_unref (restore->app);
  g_free (restore->db_path);
  sd_backup_info_free (restore->backup);
  g_date_time_unref (restore->now);
  g_ptr_array_unref (restore->stores);
  g_free (restore);
}

/* Opens @path in a new window, as the application does. */
static SdWindow *
open_window (GtkApplication *app,
             const char     *path)
{
  SdWindow *window = sd_window_new_for_file (app, path);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
restore_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Restore *restore = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *date = sd_backup_describe_date (restore->backup);
  SdWindow *window;

  /* The restored file is opened as it is; its backup is already in the
   * rotation, and a new one today would replace today's, which may hold
   * what the user wants to come back to. */
  if (sd_backup_restore_finish (result, &kept, &error))
    {
      g_autofree char *text = NULL;
      AdwToast *toast;

      window = open_window (restore->app, restore->db_path);
      if (kept != NULL)
        {
          g_autofree char *kept_name = g_filename_display_basename (kept);

          text = g_strdup_printf (restore->damaged
                                  /* Translators: the backup's date, then a file name */
                                  ? _("Restored the backup of %s. The damaged file was kept "
                                      "as “%s”.")
                                  : _("Restored the backup of %s. The previous file was kept "
                                      "as “%s”."),
                                  date, kept_name);
        }
      else
        {
          text = g_strdup_printf (_("Restored the backup of %s."), date);
        }
      {
        g_autofree char *escaped = g_markup_escape_text (text, -1);

        toast = adw_toast_new (escaped);
      }
      /* It says where the old file went: it stays until it is read. */
      adw_toast_set_timeout (toast, 0);
      sd_ui_toast (toast_widget (GTK_WIDGET (window)), toast);
    }
  else
    {
      g_debug ("Could not restore %s: %s", restore->backup->path, error->message);
      window = open_window (restore->app, restore->db_path);
      sd_ui_toast_error (toast_widget (GTK_WIDGET (window)), _("Could not restore the backup"),
                         error);
    }
  restore_free (restore);
}

static gboolean
restore_poll_cb (gpointer user_data)
{
  Restore *restore = user_data;
  gboolean open = running_any (restore->db_path);

  for (guint i = 0; i < restore->stores->len && !open; i++)
    {
      g_autoptr(SdStore) store = g_weak_ref_get (g_ptr_array_index (restore->stores, i));

      open = store != NULL;
    }

  if (open && g_get_monotonic_time () < restore->deadline)
    return G_SOURCE_CONTINUE;

  restore->poll_id = 0;
  if (open)
    {
      g_autoptr(GError) error = g_error_new (SD_STORE_ERROR, SD_STORE_ERROR_BUSY,
                                             "The database is still in use");
      SdWindow *window = open_window (restore->app, restore->db_path);

      sd_ui_toast_error (toast_widget (GTK_WIDGET (window)), _("Could not restore the backup"),
                         error);
      restore_free (restore);
      return G_SOURCE_REMOVE;
    }

  sd_backup_restore_async (restore->db_path, restore->backup->path, restore->damaged,
                           restore->now, NULL, restore_done_cb, restore);
  return G_SOURCE_REMOVE;
}

static gboolean
same_database (SdStore    *store,
               const char *db_path)
{
  g_autoptr(GFile) a = NULL;
  g_autoptr(GFile) b = NULL;

  if (store == NULL)
    return FALSE;
  a = g_file_new_for_path (sd_store_get_path (store));
  b = g_file_new_for_path (db_path);
  return g_file_equal (a, b);
}

void
sd_backup_restore_and_reopen (GtkWindow          *window,
                              const char         *db_path,
                              const SdBackupInfo *backup,
                              gboolean            damaged,
                              GDateTime          *now)
{
  g_autoptr(GList) windows = NULL;
  GtkApplication *app;
  Restore *restore;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (db_path != NULL);
  g_return_if_fail (backup != NULL);

  app = gtk_window_get_application (window);
  g_return_if_fail (app != NULL);

  restore = g_new0 (Restore, 1);
  restore->app = g_object_ref (app);
  restore->db_path = g_strdup (db_path);
  restore->backup = sd_backup_info_copy (backup);
  restore->damaged = damaged;
  restore->now = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_local ();
  restore->stores = g_ptr_array_new_with_free_func (weak_ref_free);
  restore->deadline = g_get_monotonic_time () + CLOSE_TIMEOUT_US;

  /* The application lives on while it has no window. */
  g_application_hold (G_APPLICATION (app));

  /* Every window on the file closes: a store left open would go on using
   * the old file, and when it closed it would remove the log of the new
   * one, which has the same name. */
  windows = g_list_copy (gtk_application_get_windows (app));
  for (GList *l = windows; l != NULL; l = l->next)
    {
      GtkWindow *other = l->data;
      SdStore *store = SD_IS_WINDOW (other) ? sd_window_get_store (SD_WINDOW (other)) : NULL;

      if (other != window && !same_database (store, db_path))
        continue;
      if (store != NULL)
        {
          GWeakRef *weak = g_new0 (GWeakRef, 1);

          g_weak_ref_init (weak, store);
          g_ptr_array_add (restore->stores, weak);
        }
      gtk_window_destroy (other);
    }

  restore->poll_id = g_timeout_add (20, restore_poll_cb, restore);
}

/* Offering the newest good backup */

typedef struct
{
  GtkWidget         *button;   /* weak */
  char              *db_path;
  SdBackupFoundFunc  found;
  gpointer           user_data;
} Offer;

static void
offer_free (Offer *offer)
{
  g_clear_weak_pointer (&offer->button);
  g_free (offer->db_path);
  g_free (offer);
}

static void
offer_clicked_cb (GtkButton *button)
{
  SdBackupInfo *backup = g_object_get_data (G_OBJECT (button), "sd-backup");
  const char *db_path = g_object_get_data (G_OBJECT (button), "sd-backup-db-path");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  if (backup == NULL || !GTK_IS_WINDOW (root))
    return;
  /* Once: the window closes as the restore begins. */
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  sd_backup_restore_and_reopen (GTK_WINDOW (root), db_path, backup, TRUE, NULL);
}

static void
offer_found_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Offer *offer = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SdBackupInfo) backup = sd_backup_find_newest_good_finish (result, &error);
  g_autofree char *description = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || offer->button == NULL)
    {
      offer_free (offer);
      return;
    }
  if (error != NULL)
    g_debug ("Could not look for backups of %s: %s", offer->db_path, error->message);

  if (backup != NULL)
    {
      GtkWidget *button = offer->button;
      /* Translators: %s is when the backup was made */
      g_autofree char *tip = NULL;

      description = sd_backup_describe_date (backup);
      tip = g_strdup_printf (_("Restore the backup of %s; the damaged file is kept aside"),
                             description);
      gtk_widget_set_tooltip_text (button, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tip, -1);
      g_object_set_data_full (G_OBJECT (button), "sd-backup-db-path",
                              g_strdup (offer->db_path), g_free);
      if (g_object_get_data (G_OBJECT (button), "sd-backup") == NULL)
        g_signal_connect (button, "clicked", G_CALLBACK (offer_clicked_cb), NULL);
      g_object_set_data_full (G_OBJECT (button), "sd-backup", sd_backup_info_copy (backup),
                              (GDestroyNotify) sd_backup_info_free);
      gtk_widget_set_visible (button, TRUE);
    }

  if (offer->found != NULL)
    offer->found (offer->button, backup, description, offer->user_data);
  offer_free (offer);
}

void
sd_backup_offer_restore (GtkWidget         *button,
                         const char        *db_path,
                         GCancellable      *cancellable,
                         SdBackupFoundFunc  found,
                         gpointer           user_data)
{
  Offer *offer;

  g_return_if_fail (GTK_IS_BUTTON (button));
  g_return_if_fail (db_path != NULL);

  gtk_widget_set_visible (button, FALSE);
  offer = g_new0 (Offer, 1);
  g_set_weak_pointer (&offer->button, button);
  offer->db_path = g_strdup (db_path);
  offer->found = found;
  offer->user_data = user_data;
  sd_backup_find_newest_good_async (db_path, cancellable, offer_found_cb, offer);
}

/* The restore window */

typedef struct
{
  GtkWindow    *parent;    /* weak: the window whose file is restored */
  char         *db_path;
  gboolean      damaged;
  GtkStack     *stack;
  GtkListBox   *list;
} RestoreWindow;

static void
restore_window_free (RestoreWindow *rw)
{
  g_clear_weak_pointer (&rw->parent);
  g_free (rw->db_path);
  g_free (rw);
}

static char *
describe_size (guint64 size)
{
  return g_format_size (size);
}

/* What is wrong with a backup, in plain words (the details go in a
 * tooltip). */
static const char *
describe_problem (const GError *problem)
{
  if (problem != NULL && problem->domain == SD_STORE_ERROR)
    {
      switch (problem->code)
        {
        case SD_STORE_ERROR_CORRUPT:
          return _("Damaged or incomplete");
        case SD_STORE_ERROR_NOT_DATABASE:
          return _("Not a Security Duties database");
        case SD_STORE_ERROR_TOO_NEW:
          return _("Made by a newer version");
        default:
          break;
        }
    }
  return _("Cannot be read");
}

/* What the confirmation agreed to restore. */
typedef struct
{
  GtkWidget    *restore_window;  /* weak */
  GtkWindow    *parent;          /* weak */
  char         *db_path;
  SdBackupInfo *backup;
  gboolean      damaged;
  GDateTime    *now;
} Confirmed;

static gboolean
confirmed_cb (gpointer user_data)
{
  Confirmed *confirmed = user_data;

  if (confirmed->restore_window != NULL)
    gtk_window_destroy (GTK_WINDOW (confirmed->restore_window));
  if (confirmed->parent != NULL)
    sd_backup_restore_and_reopen (confirmed->parent, confirmed->db_path, confirmed->backup,
                                  confirmed->damaged, confirmed->now);

  g_clear_weak_pointer (&confirmed->restore_window);
  g_clear_weak_pointer (&confirmed->parent);
  g_free (confirmed->db_path);
  sd_backup_info_free (confirmed->backup);
  g_date_time_unref (confirmed->now);
  g_free (confirmed);
  return G_SOURCE_REMOVE;
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GtkWidget        *row)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (row));
  RestoreWindow *rw = g_object_get_data (G_OBJECT (window), "sd-restore-window");
  SdBackupInfo *backup = g_object_get_data (G_OBJECT (row), "sd-backup");
  GDateTime *now = g_object_get_data (G_OBJECT (dialog), "sd-now");
  Confirmed *confirmed;

  if (g_strcmp0 (response, "restore") != 0 || rw == NULL || backup == NULL ||
      rw->parent == NULL)
    return;

  /* Once the dialog has closed: the windows it belongs to go with the
   * restore. */
  confirmed = g_new0 (Confirmed, 1);
  g_set_weak_pointer (&confirmed->restore_window, window);
  g_set_weak_pointer (&confirmed->parent, rw->parent);
  confirmed->db_path = g_strdup (rw->db_path);
  confirmed->backup = sd_backup_info_copy (backup);
  confirmed->damaged = rw->damaged;
  confirmed->now = g_date_time_ref (now);
  gtk_widget_set_sensitive (window, FALSE);
  g_idle_add (confirmed_cb, confirmed);
}

static void
row_restore_clicked_cb (GtkButton *button,
                        GtkWidget *row)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (row));
  RestoreWindow *rw = g_object_get_data (G_OBJECT (window), "sd-restore-window");
  SdBackupInfo *backup = g_object_get_data (G_OBJECT (row), "sd-backup");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *kept = NULL;
  g_autofree char *kept_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *date = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (rw == NULL || backup == NULL)
    return;

  kept = sd_backup_get_kept_path (rw->db_path, rw->damaged, now);
  kept_name = g_filename_display_basename (kept);
  name = g_filename_display_basename (rw->db_path);
  date = sd_backup_describe_date (backup);
  /* Translators: %s is when the backup was made */
  heading = g_strdup_printf (_("Restore the Backup of %s?"), date);
  body = g_strdup_printf (rw->damaged
                          /* Translators: the database's file name, then the name it is kept
                           * under */
                          ? _("“%s” will be replaced by the backup. The damaged file is kept "
                              "unchanged as “%s” in the same folder.")
                          : _("“%s” will be replaced by the backup: changes made since then "
                              "are no longer shown. The current file is kept unchanged as "
                              "“%s” in the same folder."),
                          name, kept_name);

  dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "sd-now", g_date_time_ref (now),
                          (GDestroyNotify) g_date_time_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), row, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
backup_row_new (const SdBackupInfo *backup)
{
  g_autofree char *date = sd_backup_describe_date (backup);
  g_autofree char *size = describe_size (backup->size);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
  g_object_set_data_full (G_OBJECT (row), "sd-backup", sd_backup_info_copy (backup),
                          (GDestroyNotify) sd_backup_info_free);

  if (backup->status == SD_BACKUP_GOOD)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));
      /* Translators: %s is when the backup was made */
      g_autofree char *label = g_strdup_printf (_("Restore the backup of %s"), date);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_signal_connect (button, "clicked", G_CALLBACK (row_restore_clicked_cb), row);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
    }
  else
    {
      GtkWidget *tag = gtk_label_new (_("Damaged"));
      /* Translators: the size of a backup, then what is wrong with it */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), size,
                                                   describe_problem (backup->problem));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (tag, "error");
      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
      gtk_widget_set_tooltip_text (row, backup->problem != NULL ? backup->problem->message
                                                                : NULL);
    }
  return row;
}

static void
backups_listed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = sd_backup_list_finish (result, &error);
  GtkWidget *window = user_data;
  RestoreWindow *rw;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (window);
      return;
    }
  rw = g_object_get_data (G_OBJECT (window), "sd-restore-window");
  if (backups == NULL)
    {
      sd_ui_toast_error (GTK_WIDGET (rw->list), _("Could not list the backups"), error);
      gtk_stack_set_visible_child_name (rw->stack, "empty");
    }
  else if (backups->len == 0)
    {
      gtk_stack_set_visible_child_name (rw->stack, "empty");
    }
  else
    {
      for (guint i = 0; i < backups->len; i++)
        gtk_list_box_append (rw->list, backup_row_new (g_ptr_array_index (backups, i)));
      gtk_stack_set_visible_child_name (rw->stack, "list");
      gtk_widget_child_focus (GTK_WIDGET (rw->list), GTK_DIR_TAB_FORWARD);
    }
  g_object_unref (window);
}

GtkWidget *
sd_backup_show_restore_window (GtkWidget  *widget,
                               const char *db_path,
                               gboolean    damaged)
{
  g_autofree char *name = NULL;
  g_autofree char *intro_text = NULL;
  g_autofree char *empty_text = NULL;
  GtkWidget *window, *box, *header, *stack, *spinner_box, *spinner, *loading_label;
  GtkWidget *empty, *scroll, *clamp, *list_box, *intro, *list, *overlay;
  GtkEventController *shortcuts;
  RestoreWindow *rw;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (db_path != NULL, NULL);

  name = g_filename_display_basename (db_path);
  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Restore from Backup"));
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 420);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);

  stack = gtk_stack_new ();
  gtk_widget_set_vexpand (stack, TRUE);

  /* While the backups are checked: each is read in full. */
  spinner_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_valign (spinner_box, GTK_ALIGN_CENTER);
  spinner = gtk_spinner_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  loading_label = gtk_label_new (_("Checking the backups…"));
  gtk_widget_add_css_class (loading_label, "dim-label");
  gtk_box_append (GTK_BOX (spinner_box), spinner);
  gtk_box_append (GTK_BOX (spinner_box), loading_label);
  gtk_stack_add_named (GTK_STACK (stack), spinner_box, "loading");

  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "document-open-recent-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Backups Yet"));
  /* Translators: %s is the database's file name */
  empty_text = g_strdup_printf (_("A backup of “%s” is made each day it is opened, in the "
                                  "folder “backups” next to it."), name);
  {
    g_autofree char *escaped = g_markup_escape_text (empty_text, -1);

    adw_status_page_set_description (ADW_STATUS_PAGE (empty), escaped);
  }
  gtk_stack_add_named (GTK_STACK (stack), empty, "empty");

  scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  clamp = adw_clamp_new ();
  list_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (list_box, 18);
  gtk_widget_set_margin_bottom (list_box, 18);
  gtk_widget_set_margin_start (list_box, 12);
  gtk_widget_set_margin_end (list_box, 12);
  /* Translators: %s is the database's file name */
  intro_text = g_strdup_printf (_("Backups of “%s”, newest first. Restoring one replaces the "
                                  "data shown now; the current file is kept beside it, "
                                  "unchanged."), name);
  intro = gtk_label_new (intro_text);
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Backups"), -1);
  gtk_box_append (GTK_BOX (list_box), intro);
  gtk_box_append (GTK_BOX (list_box), list);
  adw_clamp_set_child (ADW_CLAMP (clamp), list_box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), clamp);
  gtk_stack_add_named (GTK_STACK (stack), scroll, "list");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "loading");

  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), stack);
  gtk_widget_set_vexpand (overlay, TRUE);
  gtk_box_append (GTK_BOX (box), overlay);
  adw_window_set_content (ADW_WINDOW (window), box);

  /* Escape closes it, as any dialog. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape,
                                                                                  0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);

  rw = g_new0 (RestoreWindow, 1);
  g_set_weak_pointer (&rw->parent, sd_ui_parent_window (widget));
  rw->db_path = g_strdup (db_path);
  rw->damaged = damaged;
  rw->stack = GTK_STACK (stack);
  rw->list = GTK_LIST_BOX (list);
  g_object_set_data_full (G_OBJECT (window), "sd-restore-window", rw,
                          (GDestroyNotify) restore_window_free);

  /* Checking every backup reads them all: it stops when the window goes. */
  sd_backup_list_async (db_path, SD_BACKUP_LIST_CHECK, window_cancellable (window),
                        backups_listed_cb,
                        g_object_ref (window));
  sd_ui_present_modal (widget, window);
  return window;
}
