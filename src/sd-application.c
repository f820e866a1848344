/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-application"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sd-application.h"
#include "sd-backup-actions.h"
#include "sd-cli.h"
#include "sd-demo.h"
#include "sd-messages.h"
#include "sd-store.h"
#include "sd-ui.h"
#include "sd-window.h"

struct _SdApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (SdApplication, sd_application, ADW_TYPE_APPLICATION)

/* The default database: in the user data dir, with the demo data on first run. */
static char *
default_database_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "security-duties",
                           "security-duties.db", NULL);
}

/* Opens @path (creating it when missing) and shows it in a new window. A
 * file that cannot be opened gets a window that says why, and the same
 * message goes to the command line's stderr. The default database lives in
 * a folder of its own and starts with the demo data. */
static void
open_database (SdApplication           *self,
               const char              *path,
               gboolean                 is_default,
               GApplicationCommandLine *command_line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;
  SdWindow *window;

  if (is_default)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (errno),
                     "Could not create the folder “%s”: %s", dir, g_strerror (errno));
    }

  if (error == NULL)
    store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);

  if (store != NULL && is_default && SD_WITH_DEMO_DATA && sd_store_get_created (store) &&
      !sd_demo_populate (store, &error))
    {
      /* The store rolled back: the user gets an empty database and a message. */
      g_warning ("%s", error->message);
      g_clear_error (&error);
    }

  window = sd_window_new (GTK_APPLICATION (self), store);
  if (store == NULL)
    {
      g_autofree char *message = sd_describe_open_error (path, error);

      /* A damaged file gets a page that offers its newest good backup. */
      sd_window_show_open_failure (window, path, error);
      if (command_line != NULL)
        g_application_command_line_printerr (command_line, "%s\n", message);
      else
        g_printerr ("%s\n", message);
    }
  else
    {
      /* Today's backup, in the background once the file has passed its check. */
      sd_backup_start_rotation (GTK_WIDGET (window), store);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static int
sd_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  SdApplication *self = SD_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *database = NULL;
  g_autofree char *path = NULL;

  if (g_variant_dict_lookup (options, "database", "^ay", &database))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line,
                                                                               database);
      path = g_file_get_path (file);
      open_database (self, path, FALSE, command_line);
    }
  else
    {
      path = default_database_path ();
      open_database (self, path, TRUE, command_line);
    }

  return EXIT_SUCCESS;
}

static int
sd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  g_autofree char *database = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *year = NULL;
  g_autofree char *heatmap = NULL;
  g_autofree char *level = NULL;
  g_autofree char **rest = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "security-duties", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  /* The headless commands run here, in the process that was started,
   * without a display or a running instance. */
  if (!g_variant_dict_contains (options, "check") && !g_variant_dict_contains (options, "import")
      && !g_variant_dict_contains (options, "verify")
      && !g_variant_dict_contains (options, "export-statement")
      && !g_variant_dict_contains (options, "export-plan")
      && !g_variant_dict_contains (options, "export-heatmap")
      && !g_variant_dict_contains (options, "risk-level"))
    {
      if (g_variant_dict_contains (options, G_OPTION_REMAINING))
        {
          g_printerr (_("Unexpected arguments: see --help.\n"));
          return 2;
        }
      return -1;
    }

  if (!g_variant_dict_lookup (options, "database", "^ay", &database))
    database = default_database_path ();
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &rest);

  if (g_variant_dict_lookup (options, "import", "s", &kind))
    {
      if (rest == NULL || rest[0] == NULL || rest[1] != NULL)
        {
          g_printerr (_("Usage: security-duties --database FILE --import KIND FILE.csv\n"));
          return 2;
        }
      return sd_cli_import (database, kind, rest[0]);
    }

  if (g_variant_dict_lookup (options, "export-statement", "s", &unit))
    {
      if (rest == NULL || rest[0] == NULL || rest[1] != NULL)
        {
          g_printerr (_("Usage: security-duties --database FILE "
                        "--export-statement UNIT OUT.pdf\n"));
          return 2;
        }
      return sd_cli_export_statement (database, unit, rest[0]);
    }

  if (g_variant_dict_lookup (options, "export-plan", "s", &year))
    {
      if (rest == NULL || rest[0] == NULL || rest[1] != NULL)
        {
          g_printerr (_("Usage: security-duties --database FILE --export-plan YEAR OUT.pdf\n"));
          return 2;
        }
      return sd_cli_export_plan (database, year, rest[0]);
    }

  if (rest != NULL && rest[0] != NULL)
    {
      g_printerr (_("Unexpected arguments: see --help.\n"));
      return 2;
    }
  if (g_variant_dict_lookup (options, "export-heatmap", "^ay", &heatmap))
    {
      g_variant_dict_lookup (options, "risk-level", "s", &level);
      return sd_cli_export_heatmap (database, level, heatmap);
    }
  if (g_variant_dict_contains (options, "risk-level"))
    {
      g_printerr (_("--risk-level goes with --export-heatmap: see --help.\n"));
      return 2;
    }
  if (g_variant_dict_contains (options, "verify"))
    return sd_cli_verify (database);
  return sd_cli_check (database);
}

static void
open_action_cb (GtkNativeDialog *dialog,
                int              response,
                SdApplication   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        open_database (self, path, FALSE, NULL);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  SdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Open Database"), parent,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Security Duties databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_pattern (filter, "*.sqlite");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (open_action_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { "The Security Duties authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-icon", APP_ID,
                        "application-name", _("Security Duties"),
                        "developer-name", "The Security Duties authors",
                        "version", PACKAGE_VERSION,
                        "comments", _("Run your organisation’s security-responsibility system: "
                                      "security bodies and posts, duties and their sign-off, "
                                      "risks and the annual confidentiality plan."),
                        "website", "https://github.com/securityduties/security-duties",
                        "developers", developers,
                        "copyright", "© 2026 The Security Duties authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows;

  /* Closing every window releases its store, which checkpoints and closes
   * the database cleanly; the application ends with its last window. */
  while ((windows = gtk_application_get_windows (app)) != NULL)
    gtk_window_destroy (windows->data);
}

static const GActionEntry app_actions[] = {
  { "open", open_activated },
  { "about", about_activated },
  { "quit", quit_activated },
};

static void
sd_application_startup (GApplication *app)
{
  static const char *page_accels[][2] = {
    { "win.show-page('organisation')", "<Alt>1" },
    { "win.show-page('duties')", "<Alt>2" },
    { "win.show-page('risks')", "<Alt>3" },
    { "win.show-page('plan')", "<Alt>4" },
  };
  GtkApplication *gtk_app = GTK_APPLICATION (app);

  /* AdwApplication loads style.css from the resources as it starts up. */
  sd_ui_ensure_resources ();
  G_APPLICATION_CLASS (sd_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (gtk_app, "app.open",
                                         (const char *[]) { "<Control>o", NULL });
  gtk_application_set_accels_for_action (gtk_app, "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (gtk_app, "window.close",
                                         (const char *[]) { "<Control>w", NULL });
  for (guint i = 0; i < G_N_ELEMENTS (page_accels); i++)
    gtk_application_set_accels_for_action (gtk_app, page_accels[i][0],
                                           (const char *[]) { page_accels[i][1], NULL });
}

static void
sd_application_class_init (SdApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = sd_application_startup;
  app_class->command_line = sd_application_command_line;
  app_class->handle_local_options = sd_application_handle_local_options;
}

static void
sd_application_init (SdApplication *self)
{
  static const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the database FILE (a new file is created empty)"), N_("FILE") },
    { "import", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Import FILE.csv into the database, all or nothing "
         "(KIND: units, people, posts, duties, assignments, risks, tasks, findings)"),
      N_("KIND FILE.csv") },
    { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print every rule violation, one per line; exit 1 if there is any"), NULL },
    { "verify", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Verify the signed records, one line per failure; exit 1 if any fails"), NULL },
    { "export-statement", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Write the responsibility statement of UNIT (its name or number) as a PDF"),
      N_("UNIT OUT.pdf") },
    { "export-plan", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Write the annual confidentiality plan of YEAR as a PDF (A4 landscape)"),
      N_("YEAR OUT.pdf") },
    { "export-heatmap", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Write the risk heat map as a PNG, SVG or PDF image (the PDF with the register)"),
      N_("OUT.png|OUT.svg|OUT.pdf") },
    { "risk-level", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("The ratings the heat map shows (default: inherent)"),
      N_("inherent|residual|target") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Security bodies, posts, duties, risks and "
                                              "the annual confidentiality plan."));
}

SdApplication *
sd_application_new (void)
{
  return g_object_new (SD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
