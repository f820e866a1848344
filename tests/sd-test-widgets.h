/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * What the C UI tests share: running the main loop, finding widgets and
 * windows as a user sees them (hidden ones are not there), and cleaning up
 * after a test. Header-only, each test is one program.
 */

#pragma once

#include <locale.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sd-store.h"
#include "sd-ui.h"

typedef gboolean (*SdTestMatch) (GtkWidget  *widget,
                                 const char *text);

/* The main loop */

/* Runs what is ready, three times over: what a click queues often queues
 * more work of its own. */
static inline void
sd_test_iterate (void)
{
  for (int i = 0; i < 3; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* Runs the main loop for @ms milliseconds, so that timeouts, debounces,
 * animations and frames get their turn, and then what is left. */
static inline void
sd_test_settle_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
  sd_test_iterate ();
}

/* sd_test_settle_for() 300 ms: a debounced search, a frame after a resize,
 * a toast sliding in. */
static inline void
sd_test_settle (void)
{
  sd_test_settle_for (300);
}

/* Runs the main loop 50 times, 1 ms apart: a frame is laid out and drawn
 * however long each round takes on a loaded machine. */
static inline void
sd_test_settle_frames (void)
{
  for (int k = 0; k < 50; k++)
    {
      sd_test_iterate ();
      g_usleep (1000);
    }
}

/* Finding widgets */

/* Whether @widget shows, as far as it is concerned: a window is looked into
 * before it is presented; a stack's other pages are not child-visible. */
static inline gboolean
sd_test_shown (GtkWidget *widget)
{
  if (GTK_IS_WINDOW (widget))
    return TRUE;
  if (GTK_IS_NATIVE (widget))
    return gtk_widget_get_visible (widget);
  return gtk_widget_get_visible (widget) && gtk_widget_get_child_visible (widget);
}

/* The first shown widget under @root (itself included) that @match
 * accepts, depth first, or NULL. */
static inline GtkWidget *
sd_test_find (gpointer    root,
              SdTestMatch match,
              const char *text)
{
  if (!sd_test_shown (GTK_WIDGET (root)))
    return NULL;
  if (match (GTK_WIDGET (root), text))
    return GTK_WIDGET (root);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (root));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sd_test_find (child, match, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* As sd_test_find(), but waits up to 5 s for it to show (a popover or a
 * window maps a frame or two later, more so on a loaded machine), and
 * fails the test if it never does. */
static inline GtkWidget *
sd_test_find_shown (gpointer    root,
                    SdTestMatch match,
                    const char *text)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GtkWidget *widget = sd_test_find (root, match, text);

  while (widget == NULL && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      widget = sd_test_find (root, match, text);
    }
  if (widget == NULL)
    g_error ("nothing shown matches “%s”", text != NULL ? text : "");
  return widget;
}

/* What to find, for sd_test_find() */

/* A widget of the type named @type_name ("GtkDropDown") or a subtype. */
static inline gboolean
sd_test_is_type (GtkWidget  *widget,
                 const char *type_name)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, g_type_from_name (type_name));
}

/* A list or preferences row titled @title. */
static inline gboolean
sd_test_row_titled (GtkWidget  *widget,
                    const char *title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* A button that reads @label (with its mnemonic underscore), whether it
 * has a label only or an icon and a label. */
static inline gboolean
sd_test_button_labelled (GtkWidget  *widget,
                         const char *label)
{
  GtkWidget *child;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;
  if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return TRUE;
  child = gtk_button_get_child (GTK_BUTTON (widget));
  return ADW_IS_BUTTON_CONTENT (child) &&
         g_strcmp0 (adw_button_content_get_label (ADW_BUTTON_CONTENT (child)), label) == 0;
}

/* A label whose text contains @text. */
static inline gboolean
sd_test_label_showing (GtkWidget  *widget,
                       const char *text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

/* A label whose text is @text. */
static inline gboolean
sd_test_label_is (GtkWidget  *widget,
                  const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* Windows */

/* The first visible toplevel window of @type (or a subtype), or NULL. */
static inline gpointer
sd_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint k = 0; k < g_list_model_get_n_items (toplevels); k++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, k);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* Destroys every toplevel window, so that a test leaves none to the next. */
static inline void
sd_test_destroy_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *window;

  while ((window = g_list_model_get_item (toplevels, 0)) != NULL)
    {
      gtk_window_destroy (window);
      g_object_unref (window);
    }
  sd_test_iterate ();
}

/* Input and editing */

/* The event controller of @type on @widget, which must have one (the
 * first, if it has more); borrowed, as the widget keeps it. */
static inline gpointer
sd_test_controller (gpointer widget,
                    GType    type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (widget));

  for (guint k = 0; k < g_list_model_get_n_items (controllers); k++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, k);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  g_error ("%s has no %s", G_OBJECT_TYPE_NAME (widget), g_type_name (type));
  return NULL;
}

/* Types @text into the entry row titled @title in @window and applies it,
 * as Enter or the row's apply button does. */
static inline void
sd_test_type_and_apply (gpointer    window,
                        const char *title,
                        const char *text)
{
  GtkWidget *row = sd_test_find_shown (window, sd_test_row_titled, title);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  sd_test_iterate ();
}

/* Clicks the shown button labelled @label under @root, as a person does
 * (on a message dialog's response, that also closes the dialog, unlike
 * adw_message_dialog_response()); fails the test if there is none. */
static inline void
sd_test_click_button (gpointer    root,
                      const char *label)
{
  GtkWidget *button = sd_test_find (root, sd_test_button_labelled, label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  sd_test_iterate ();
}

/* A key press as the key controller @key reports it; whether it was handled. */
static inline gboolean
sd_test_press_key (gpointer        key,
                   guint           keyval,
                   GdkModifierType state)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (key, "key-pressed", keyval, 0, state, &handled);
  return handled;
}

/* Screenshots */

/* Saves what @widget shows as the PNG @name in the folder
 * $SD_TEST_SCREENSHOT, once it has settled; does nothing without it. */
static inline void
sd_test_save_screenshot (GtkWidget  *widget,
                         const char *name)
{
  const char *dir = g_getenv ("SD_TEST_SCREENSHOT");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
  sd_test_settle ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

/* Set-up and clean-up */

/* Translates with the catalogues of the build (SECURITY_DUTIES_LOCALEDIR),
 * as the application does; call before gtk_test_init(). */
static inline void
sd_test_bind_locale (void)
{
  const char *localedir = g_getenv ("SECURITY_DUTIES_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* Loads the application's stylesheet, as AdwApplication does for the app;
 * call after adw_init(). */
static inline void
sd_test_load_style (void)
{
  g_autoptr(GtkCssProvider) style = gtk_css_provider_new ();

  sd_ui_ensure_resources ();
  gtk_css_provider_load_from_resource (style, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (style),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* Closes *@store, deletes its database with the -wal and -shm files, and
 * then the folder @dir it was in. */
static inline void
sd_test_remove_store (SdStore   **store,
                      const char *dir)
{
  g_autofree char *path = g_strdup (sd_store_get_path (*store));
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}

/* Deletes the folder @dir and everything in it. */
static inline void
sd_test_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        sd_test_remove_tree (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}
