/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

/* The window under Xvfb: it opens on the demo database, every page shows
 * its data (or its empty state), the language follows LANGUAGE, and GTK
 * prints no warning (G_DEBUG=fatal-warnings makes any warning fatal). */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sd-demo.h"
#include "sd-duty.h"
#include "sd-matrix-view.h"
#include "sd-test-widgets.h"
#include "sd-unit.h"
#include "sd-window.h"

static const char * const pages[] = { "organisation", "duties", "risks", "plan" };

static GtkApplication *app;

static gboolean
is_shown (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
        return FALSE;
    }
  return TRUE;
}

/* All the text the user can see in @widget. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_INSCRIPTION (widget) && gtk_inscription_get_text (GTK_INSCRIPTION (widget)))
    g_string_append_printf (out, "%s\n", gtk_inscription_get_text (GTK_INSCRIPTION (widget)));
  else if (ADW_IS_STATUS_PAGE (widget))
    g_string_append_printf (out, "[status] %s\n",
                            adw_status_page_get_title (ADW_STATUS_PAGE (widget)));
  else if (SD_IS_MATRIX_VIEW (widget))
    {
      /* Drawn, not made of labels: the first screenful of its rows. */
      SdDutyMatrix *matrix = sd_matrix_view_get_matrix (SD_MATRIX_VIEW (widget));

      for (guint row = 0; matrix != NULL && row < MIN (sd_duty_matrix_get_n_rows (matrix), 30);
           row++)
        {
          SdDuty *duty = sd_duty_matrix_get_row_duty (matrix, row);

          if (duty != NULL)
            g_string_append_printf (out, "%s %s\n", sd_duty_get_code (duty),
                                    sd_duty_get_text (duty));
          else
            g_string_append_printf (out, "%s\n", sd_duty_matrix_get_row_area (matrix, row));
        }
    }
  else if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (out, "%s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static AdwViewStack *
find_view_stack (GtkWidget *widget)
{
  if (ADW_IS_VIEW_STACK (widget))
    return ADW_VIEW_STACK (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwViewStack *found = find_view_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
page_text (SdWindow   *window,
           const char *page)
{
  AdwViewStack *stack = NULL;
  GtkWidget *child;
  GString *out = g_string_new (NULL);

  sd_window_set_page (window, page);
  sd_test_settle_for (300);
  g_assert_cmpstr (sd_window_get_page (window), ==, page);

  /* The page widget is the visible child of the window's view stack. */
  stack = find_view_stack (GTK_WIDGET (window));
  g_assert_nonnull (stack);
  child = adw_view_stack_get_visible_child (stack);
  g_assert_nonnull (child);
  g_assert_true (is_shown (child));
  collect_text (child, out);
  return g_string_free (out, FALSE);
}

static SdWindow *
new_window (SdStore *store)
{
  SdWindow *window = sd_window_new (app, store);

  gtk_window_present (GTK_WINDOW (window));
  sd_test_settle_for (500);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return window;
}

static void
test_demo_pages (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sd-test-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(SdStore) store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  SdWindow *window;
  /* A piece of the demo data that each page must show. */
  const char *expected[] = { "示例集团有限公司", "003-9.1", "R-001", "2026" };

  g_assert_no_error (error);
  g_assert_true (sd_demo_populate (store, &error));
  g_assert_no_error (error);

  window = new_window (store);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *text = page_text (window, pages[i]);

      if (g_test_verbose ())
        g_printerr ("--- %s ---\n%s\n", pages[i], text);
      g_assert_null (strstr (text, "[status]"));
      if (strstr (text, expected[i]) == NULL)
        g_error ("The %s page does not show “%s”; it shows:\n%s", pages[i], expected[i], text);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  sd_test_settle_for (100);
  g_clear_object (&store);
  sd_test_remove_tree (dir);
}

static void
test_empty_pages (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sd-test-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(SdStore) store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  SdWindow *window;

  g_assert_no_error (error);
  window = new_window (store);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *text = page_text (window, pages[i]);

      /* Each page says what it is for and what to do. */
      if (strstr (text, "[status]") == NULL)
        g_error ("The %s page of an empty database shows no empty state:\n%s", pages[i], text);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  sd_test_settle_for (100);
  g_clear_object (&store);
  sd_test_remove_tree (dir);
}

static void
test_open_error (void)
{
  SdWindow *window = sd_window_new (app, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  sd_window_show_open_error (window, "/tmp/x.db", "“x.db” is not a Security Duties database.");
  gtk_window_present (GTK_WINDOW (window));
  sd_test_settle_for (300);
  collect_text (GTK_WIDGET (window), text);
  g_assert_nonnull (strstr (text->str, "is not a Security Duties database"));
  g_assert_nonnull (strstr (text->str, "[status]"));
  gtk_window_destroy (GTK_WINDOW (window));
  sd_test_settle_for (100);
}

/* A file found damaged after it opened: a banner says so, in the window. */
static void
test_damaged_banner (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sd-test-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "damaged.db", NULL);
  g_autoptr(SdStore) store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *contents = NULL;
  SdWindow *window;
  gsize length;

  g_assert_no_error (error);
  g_assert_true (sd_demo_populate (store, &error));
  g_clear_object (&store);

  /* Garbage over pages near the end: only SQLite's own check sees it. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  memset (contents + length - 3 * 4096, 0xA5, 2 * 4096);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  store = sd_store_open (path, SD_STORE_OPEN_NONE, &error);
  if (store == NULL)
    {
      /* Refused at once, which is as good: the caller shows the error page. */
      g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT);
      sd_test_remove_tree (dir);
      return;
    }
  window = new_window (store);
  g_assert_false (sd_store_wait_verified (store, NULL));
  sd_test_settle_for (600);

  collect_text (GTK_WIDGET (window), text);
  if (strstr (text->str, "damaged.db") == NULL)
    g_error ("No banner about the damaged file; the window shows:\n%s", text->str);

  gtk_window_destroy (GTK_WINDOW (window));
  sd_test_settle_for (100);
  g_clear_object (&store);
  sd_test_remove_tree (dir);
}

static void
test_language (void)
{
  const char *language = g_getenv ("SD_TEST_LANGUAGE");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sd-test-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(SdStore) store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  SdWindow *window = new_window (store);
  g_autofree char *text = page_text (window, "duties");
  const char *title = gtk_window_get_title (GTK_WINDOW (window));

  if (g_strcmp0 (language, "zh_CN") == 0)
    {
      g_assert_cmpstr (title, ==, "安全职责");
      g_assert_nonnull (strstr (text, "职责"));
    }
  else
    {
      g_assert_cmpstr (title, ==, "Security Duties");
      g_assert_nonnull (strstr (text, "No Duties Yet"));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  sd_test_settle_for (100);
  g_clear_object (&store);
  sd_test_remove_tree (dir);
}

/* The window keeps its page (and size) for the next start. */
static void
test_remembers_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sd-test-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(SdStore) store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last_page = NULL;
  SdWindow *window;

  g_assert_no_error (error);
  window = new_window (store);
  sd_window_set_page (window, "risks");
  sd_test_settle_for (100);
  last_page = g_settings_get_string (settings, "last-page");
  g_assert_cmpstr (last_page, ==, "risks");
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_close (GTK_WINDOW (window));
  sd_test_settle_for (100);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);

  window = new_window (store);
  g_assert_cmpstr (sd_window_get_page (window), ==, "risks");
  gtk_window_destroy (GTK_WINDOW (window));
  sd_test_settle_for (100);
  g_clear_object (&store);
  sd_test_remove_tree (dir);
}

/* Whether the banner about another program's changes is shown. */
static gboolean
shows_changed_banner (SdWindow *window)
{
  return sd_test_find (window, sd_test_label_is,
                       _("Another program has changed this file since it was opened. "
                         "Reload it to see the changes.")) != NULL;
}

/* A change another program commits to the file brings up a banner (the
 * window's own edits do not); Reload opens the file again in a new window
 * that shows it. */
static void
test_changed_elsewhere (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sd-test-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "shared.db", NULL);
  g_autoptr(SdStore) store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_autoptr(SdStore) other = NULL;
  SdWindow *window, *reloaded = NULL;
  GListModel *toplevels;

  g_assert_no_error (error);
  window = new_window (store);
  sd_window_set_page (window, "organisation");
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "信息部", NULL));
  g_assert_no_error (error);
  sd_test_settle_for (2500);
  g_assert_false (shows_changed_banner (window));

  other = sd_store_open (path, SD_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sd_store_insert (other, SD_TYPE_UNIT, &error, "name", "财务处", NULL));
  g_assert_no_error (error);
  g_clear_object (&other);
  sd_test_settle_for (2500);
  g_assert_true (shows_changed_banner (window));

  sd_test_click_button (window, _("_Reload"));
  sd_test_settle_for (500);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) each = g_list_model_get_item (toplevels, i);

      g_assert_true ((gpointer) each != (gpointer) window);
      if (SD_IS_WINDOW (each))
        reloaded = SD_WINDOW (each);
    }
  g_assert_nonnull (reloaded);
  g_assert_cmpstr (sd_window_get_page (reloaded), ==, "organisation");
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (sd_window_get_store (reloaded),
                                                                  SD_TYPE_UNIT)), ==, 2);
  g_assert_false (shows_changed_banner (reloaded));

  gtk_window_destroy (GTK_WINDOW (reloaded));
  sd_test_settle_for (100);
  g_clear_object (&store);
  sd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  sd_test_bind_locale ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/window/demo-pages", test_demo_pages);
  g_test_add_func ("/window/empty-pages", test_empty_pages);
  g_test_add_func ("/window/open-error", test_open_error);
  g_test_add_func ("/window/damaged-banner", test_damaged_banner);
  g_test_add_func ("/window/language", test_language);
  g_test_add_func ("/window/remembers-page", test_remembers_page);
  g_test_add_func ("/window/changed-elsewhere", test_changed_elsewhere);

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
