/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-backup-actions.h"
#include "sd-damaged-page.h"
#include "sd-duties-page.h"
#include "sd-history-window.h"
#include "sd-messages.h"
#include "sd-org-page.h"
#include "sd-plan-page.h"
#include "sd-risks-page.h"
#include "sd-verify-dialog.h"
#include "sd-window.h"
#include "sd-ui.h"

struct _SdWindow
{
  AdwApplicationWindow  parent_instance;

  SdStore              *store;
  GSettings            *settings;

  AdwToastOverlay      *toast_overlay;
  GtkWidget            *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkStack             *main_stack;
  AdwViewStack         *stack;
  AdwStatusPage        *error_page;
  GtkRevealer          *damage_banner;
  GtkLabel             *damage_label;
  GtkRevealer          *read_only_banner;
  GtkLabel             *read_only_label;
  GtkWidget            *damage_restore_button;
  GCancellable         *damage_cancellable;
  GtkRevealer          *changed_banner;
  guint                 watch_file_id;

  /* The file that could not be opened (sd_window_show_open_failure()). */
  char                 *failed_path;

  /* A page's presentation mode, see sd_window_set_presenting(). */
  gboolean              presenting;
  gboolean              was_fullscreen;
  gboolean              switcher_bar_was_visible;

  SdViolationList      *violations;
  GObject              *sign_summary;
  guint                 violations_idle;
};

G_DEFINE_FINAL_TYPE (SdWindow, sd_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The settings are optional: an uninstalled build without the compiled
 * schema still runs, it just does not remember its size and page. */
static GSettings *
load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("GSettings schema %s not found; the window state is not kept", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

typedef GtkWidget *(*PageFactory) (SdStore *store);

/* Each page is built the first time it is shown: the window opens with only
 * the page the user left it on, whatever the size of the database. */
static void
add_page (SdWindow    *self,
          PageFactory  factory,
          const char  *name,
          const char  *title,
          const char  *icon_name)
{
  GtkWidget *holder = adw_bin_new ();

  g_object_set_data (G_OBJECT (holder), "sd-page-factory", factory);
  adw_view_stack_add_titled (self->stack, holder, name, title);
  adw_view_stack_page_set_icon_name (adw_view_stack_get_page (self->stack, holder), icon_name);
}

static void
build_visible_page (SdWindow *self)
{
  GtkWidget *holder = adw_view_stack_get_visible_child (self->stack);
  PageFactory factory;

  if (holder == NULL || adw_bin_get_child (ADW_BIN (holder)) != NULL)
    return;
  factory = g_object_get_data (G_OBJECT (holder), "sd-page-factory");
  if (factory != NULL)
    adw_bin_set_child (ADW_BIN (holder), factory (self->store));
}

static void
show_page_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SdWindow *self = SD_WINDOW (widget);
  GtkWidget *holder;
  GtkWidget *focus;

  sd_window_set_page (self, g_variant_get_string (parameter, NULL));

  /* From the keyboard (Alt+1…4) the focus goes into the page, so that its
   * own shortcuts (Ctrl+N, F11, …) work at once. */
  holder = adw_view_stack_get_visible_child (self->stack);
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (holder != NULL && (focus == NULL || !gtk_widget_is_ancestor (focus, holder)))
    gtk_widget_child_focus (holder, GTK_DIR_TAB_FORWARD);
}

static void
visible_page_changed_cb (SdWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->stack);

  build_visible_page (self);
  if (self->settings != NULL && page != NULL)
    g_settings_set_string (self->settings, "last-page", page);
}

static void
damage_backup_found_cb (GtkWidget          *button,
                        const SdBackupInfo *backup,
                        const char         *description,
                        gpointer            user_data)
{
  SdWindow *self = user_data;
  g_autofree char *text = NULL;

  if (backup == NULL)
    return;
  /* Translators: the banner's text, then when the backup was made */
  text = g_strdup_printf (_("%s The newest good backup is from %s."),
                          gtk_label_get_label (self->damage_label), description);
  gtk_label_set_label (self->damage_label, text);
}

/* The store checks the file in the background after opening it; if it is
 * damaged, the store stops writing and the user learns it here. */
static void
integrity_changed_cb (SdWindow *self)
{
  const GError *error = sd_store_get_integrity_error (self->store);
  gboolean damaged = sd_store_get_integrity (self->store) == SD_STORE_INTEGRITY_DAMAGED;

  if (damaged && error != NULL)
    {
      g_autofree char *message = sd_describe_open_error (sd_store_get_path (self->store), error);
      /* Translators: the first sentence says what is wrong with the file */
      g_autofree char *text = g_strdup_printf (_("%s Changes can no longer be saved to it."),
                                               message);

      gtk_label_set_label (self->damage_label, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->damage_label), error->message);
      g_printerr ("%s\n", error->message);

      /* The way out: the newest good backup, if there is one. */
      if (self->damage_cancellable == NULL)
        {
          self->damage_cancellable = g_cancellable_new ();
          sd_backup_offer_restore (self->damage_restore_button, sd_store_get_path (self->store),
                                   self->damage_cancellable, damage_backup_found_cb, self);
        }
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy", !damaged);
  gtk_revealer_set_reveal_child (self->damage_banner, damaged);
}

/* A file the app may not write (on a read-only disk, or without the
 * permission) opens for reading: the banner says that changes cannot be
 * saved, and offers the way out, a copy. (A damaged file is read-only too;
 * the damage banner tells about it.) */
static void
read_only_changed_cb (SdWindow *self)
{
  gboolean shown = sd_store_get_read_only (self->store) &&
                   sd_store_get_integrity (self->store) != SD_STORE_INTEGRITY_DAMAGED;

  if (shown)
    {
      g_autofree char *name = g_filename_display_basename (sd_store_get_path (self->store));
      /* Translators: %s is the name of the database file */
      g_autofree char *text = g_strdup_printf (_("“%s” is read-only: changes cannot be saved "
                                                 "to it. To make changes, save a copy in a "
                                                 "folder where you can write, and open the "
                                                 "copy."), name);

      gtk_label_set_label (self->read_only_label, text);
    }
  gtk_revealer_set_reveal_child (self->read_only_banner, shown);
}

/* How often the window asks whether another program wrote to the file. */
#define WATCH_FILE_INTERVAL_S 2

/* Another program (the command line, a second window on the file) has
 * committed to the file: the lists here no longer show all of it. Edits
 * still go to the file, and write only what they change, but the user
 * should see what is there: the banner offers to reload. */
static gboolean
watch_file_cb (gpointer data)
{
  SdWindow *self = data;

  if (!sd_store_changed_elsewhere (self->store))
    return G_SOURCE_CONTINUE;
  gtk_revealer_set_reveal_child (self->changed_banner, TRUE);
  self->watch_file_id = 0;
  return G_SOURCE_REMOVE;
}

/* The file again in a new window, of the same size and on the same page,
 * opened before this one lets go of it. */
static void
reload_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SdWindow *self = SD_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *path = NULL;
  g_autofree char *page = NULL;
  SdWindow *window;
  int width, height;

  if (self->store == NULL || app == NULL)
    return;

  path = g_strdup (sd_store_get_path (self->store));
  page = g_strdup (sd_window_get_page (self));
  window = sd_window_new_for_file (app, path);
  if (sd_window_get_store (window) != NULL)
    {
      sd_window_set_page (window, page);
      sd_backup_start_rotation (GTK_WIDGET (window), sd_window_get_store (window));
    }
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  if (gtk_window_is_maximized (GTK_WINDOW (self)))
    gtk_window_maximize (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The organisation page's badge: the number of rule violations. */
static void
violations_changed_cb (SdWindow *self)
{
  GtkWidget *holder = adw_view_stack_get_child_by_name (self->stack, "organisation");
  AdwViewStackPage *page = adw_view_stack_get_page (self->stack, holder);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->violations));

  adw_view_stack_page_set_badge_number (page, n);
  adw_view_stack_page_set_needs_attention (page, n > 0);
}

/* The duties page's badge: the units whose head must sign, because they
 * never did or because their duties changed since. */
static void
sign_summary_changed_cb (SdWindow *self)
{
  GtkWidget *holder = adw_view_stack_get_child_by_name (self->stack, "duties");
  AdwViewStackPage *page = adw_view_stack_get_page (self->stack, holder);
  guint outdated = 0, never = 0;

  g_object_get (self->sign_summary, "n-outdated", &outdated, "n-never", &never, NULL);
  adw_view_stack_page_set_badge_number (page, outdated + never);
  adw_view_stack_page_set_needs_attention (page, outdated > 0);
}

/* After the first frame: the checks read every table of the organisation
 * and the matrix, which the page shown first may not need. */
static gboolean
watch_violations_cb (gpointer user_data)
{
  SdWindow *self = user_data;

  self->violations_idle = 0;
  self->violations = g_object_ref (sd_ui_get_violations (self->store));
  g_signal_connect_object (self->violations, "notify::n-items",
                           G_CALLBACK (violations_changed_cb), self, G_CONNECT_SWAPPED);
  sd_violation_list_flush (self->violations);
  violations_changed_cb (self);

  self->sign_summary = g_object_ref (G_OBJECT (sd_ui_get_sign_summary (self->store)));
  g_signal_connect_object (self->sign_summary, "notify::n-outdated",
                           G_CALLBACK (sign_summary_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sign_summary, "notify::n-never",
                           G_CALLBACK (sign_summary_changed_cb), self, G_CONNECT_SWAPPED);
  sign_summary_changed_cb (self);
  return G_SOURCE_REMOVE;
}

static void
save_copy_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SdWindow *self = SD_WINDOW (widget);

  if (self->store != NULL)
    sd_backup_save_copy (widget, self->store);
}

static void
show_history_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SdWindow *self = SD_WINDOW (widget);

  if (self->store != NULL)
    sd_history_window_present (GTK_WINDOW (self), self->store, NULL, 0);
}

static void
verify_records_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  SdWindow *self = SD_WINDOW (widget);

  if (self->store != NULL)
    sd_verify_dialog_present (widget, self->store);
}

static void
restore_backup_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  SdWindow *self = SD_WINDOW (widget);

  if (self->store != NULL)
    sd_backup_show_restore_window (widget, sd_store_get_path (self->store),
                                   sd_store_get_integrity (self->store) ==
                                   SD_STORE_INTEGRITY_DAMAGED);
  else if (self->failed_path != NULL)
    sd_backup_show_restore_window (widget, self->failed_path, TRUE);
}

static void
sd_window_constructed (GObject *object)
{
  SdWindow *self = SD_WINDOW (object);

  G_OBJECT_CLASS (sd_window_parent_class)->constructed (object);

  self->settings = load_settings ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  else
    {
      gtk_window_set_default_size (GTK_WINDOW (self), 1280, 800);
    }

  if (self->store == NULL)
    {
      /* Nothing to copy; restoring needs the file's name (see
       * sd_window_show_open_failure()). */
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-backup", FALSE);
      return;
    }

  {
    g_autofree char *name = g_filename_display_basename (sd_store_get_path (self->store));

    adw_view_switcher_title_set_subtitle (self->switcher_title, name);
  }
  add_page (self, sd_org_page_new, "organisation", _("Organisation"), "system-users-symbolic");
  add_page (self, sd_duties_page_new, "duties", _("Duties"), "view-list-bullet-symbolic");
  add_page (self, sd_risks_page_new, "risks", _("Risks"), "view-grid-symbolic");
  add_page (self, sd_plan_page_new, "plan", _("Plan"), "x-office-calendar-symbolic");

  if (self->settings != NULL)
    {
      g_autofree char *last = g_settings_get_string (self->settings, "last-page");

      sd_window_set_page (self, last);
    }
  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (visible_page_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::integrity",
                           G_CALLBACK (integrity_changed_cb), self, G_CONNECT_SWAPPED);
  integrity_changed_cb (self);
  g_signal_connect_object (self->store, "notify::read-only",
                           G_CALLBACK (read_only_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::integrity",
                           G_CALLBACK (read_only_changed_cb), self, G_CONNECT_SWAPPED);
  read_only_changed_cb (self);
  build_visible_page (self);
  self->violations_idle = g_idle_add_full (G_PRIORITY_LOW, watch_violations_cb, self, NULL);
  self->watch_file_id = g_timeout_add_seconds (WATCH_FILE_INTERVAL_S, watch_file_cb, self);
}

static gboolean
sd_window_close_request (GtkWindow *window)
{
  SdWindow *self = SD_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (sd_window_parent_class)->close_request (window);
}

static void
sd_window_dispose (GObject *object)
{
  SdWindow *self = SD_WINDOW (object);

  /* The switchers hold the stack's pages: let go of them before the stack
   * goes, or they tidy up pages that are already gone. */
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  if (self->switcher_title != NULL)
    adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_WINDOW);
  g_clear_handle_id (&self->violations_idle, g_source_remove);
  g_clear_handle_id (&self->watch_file_id, g_source_remove);
  if (self->damage_cancellable != NULL)
    g_cancellable_cancel (self->damage_cancellable);
  g_clear_object (&self->damage_cancellable);
  g_clear_pointer (&self->failed_path, g_free);
  g_clear_object (&self->violations);
  g_clear_object (&self->sign_summary);
  g_clear_object (&self->settings);
  /* The shared lists hold the store: without this it would never close
   * its file (see sd_ui_release_store()). */
  if (self->store != NULL)
    sd_ui_release_store (self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_window_parent_class)->dispose (object);
}

static void
sd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SdWindow *self = SD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SdWindow *self = SD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_window_class_init (SdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = sd_window_constructed;
  object_class->dispose = sd_window_dispose;
  object_class->get_property = sd_window_get_property;
  object_class->set_property = sd_window_set_property;
  window_class->close_request = sd_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  sd_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/sd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, damage_banner);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, damage_label);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, read_only_banner);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, damage_restore_button);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, changed_banner);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_activated);
  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, save_copy_activated);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL,
                                   restore_backup_activated);
  gtk_widget_class_install_action (widget_class, "win.verify-records", NULL,
                                   verify_records_activated);
  gtk_widget_class_install_action (widget_class, "win.show-history", NULL,
                                   show_history_activated);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "win.show-history", NULL);
}

static void
sd_window_init (SdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SdWindow *
sd_window_new_for_file (GtkApplication *application,
                        const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;
  SdWindow *window;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  store = sd_store_open (path, SD_STORE_OPEN_NONE, &error);
  window = sd_window_new (application, store);
  if (store == NULL)
    sd_window_show_open_failure (window, path, error);
  return window;
}

SdWindow *
sd_window_new (GtkApplication *application,
               SdStore        *store)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || SD_IS_STORE (store), NULL);

  return g_object_new (SD_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

SdStore *
sd_window_get_store (SdWindow *self)
{
  g_return_val_if_fail (SD_IS_WINDOW (self), NULL);

  return self->store;
}

void
sd_window_show_open_error (SdWindow   *self,
                           const char *path,
                           const char *message)
{
  g_autofree char *name = NULL;

  g_return_if_fail (SD_IS_WINDOW (self));

  name = g_filename_display_basename (path);
  adw_status_page_set_description (self->error_page, message);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
  adw_view_switcher_title_set_subtitle (self->switcher_title, name);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

/**
 * sd_window_show_open_failure:
 * @self: a window made without a store
 * @path: the file that could not be opened
 * @error: why
 *
 * A file that is itself bad (sd_open_error_is_damage()) gets the damaged
 * page, which offers its newest good backup; any other failure the error
 * page.
 */
void
sd_window_show_open_failure (SdWindow     *self,
                             const char   *path,
                             const GError *error)
{
  g_autofree char *name = NULL;
  GtkWidget *page;

  g_return_if_fail (SD_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (!sd_open_error_is_damage (error))
    {
      g_autofree char *message = sd_describe_open_error (path, error);

      sd_window_show_open_error (self, path, message);
      return;
    }

  g_free (self->failed_path);
  self->failed_path = g_strdup (path);
  name = g_filename_display_basename (path);
  page = sd_damaged_page_new (path, error);
  gtk_stack_add_named (self->main_stack, page, "damaged");
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
  adw_view_switcher_title_set_subtitle (self->switcher_title, name);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), FALSE);
  gtk_stack_set_visible_child (self->main_stack, page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-backup", TRUE);
}

const char *
sd_window_get_page (SdWindow *self)
{
  g_return_val_if_fail (SD_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

void
sd_window_set_page (SdWindow   *self,
                    const char *page)
{
  g_return_if_fail (SD_IS_WINDOW (self));

  if (page != NULL && adw_view_stack_get_child_by_name (self->stack, page) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, page);
}

/**
 * sd_window_set_presenting:
 * @self: the window
 * @presenting: whether a page shows itself on a projector
 *
 * A page's presentation mode (the risk workshop, the review meeting):
 * the window goes full screen with nothing but the page, no header bar
 * and no view switcher. Leaving restores the window as it was: one the
 * user had made full screen stays so.
 */
void
sd_window_set_presenting (SdWindow *self,
                          gboolean  presenting)
{
  g_return_if_fail (SD_IS_WINDOW (self));

  presenting = !!presenting;
  if (presenting == self->presenting)
    return;
  self->presenting = presenting;

  gtk_widget_set_visible (self->header_bar, !presenting);
  if (presenting)
    {
      self->was_fullscreen = gtk_window_is_fullscreen (GTK_WINDOW (self));
      self->switcher_bar_was_visible = gtk_widget_get_visible (GTK_WIDGET (self->switcher_bar));
      gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), FALSE);
      gtk_window_fullscreen (GTK_WINDOW (self));
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), self->switcher_bar_was_visible);
      if (!self->was_fullscreen)
        gtk_window_unfullscreen (GTK_WINDOW (self));
    }
}
