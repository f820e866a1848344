/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The window on a database whose disk is full (a small tmpfs of the test's
 * own, see sd-test-mount.h), under Xvfb, driven as a user drives it:
 *
 * - A unit renamed in its editor: the editor says in its window that the
 *   disk is full, stays open with the new name still typed in, and the
 *   list still shows the old name. Once space is freed, the message's
 *   Try Again saves it.
 * - A unit deleted from the page: the window says the disk is full, the
 *   unit stays in the list; once space is freed, the deletion works.
 */

#define G_LOG_DOMAIN "test-full-disk-ui"

#include "config.h"

#include "sd-test-mount.h"

#include <locale.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "sd-org-page.h"
#include "sd-org-page-private.h"
#include "sd-person.h"
#include "sd-store.h"
#include "sd-unit.h"
#include "sd-unit-editor.h"
#include "sd-window.h"
#include "sd-test-widgets.h"

static GtkApplication *app;

typedef struct
{
  char      *mount;    /* NULL if no tmpfs could be mounted */
  char      *path;
  char      *filler;
  SdStore   *store;
  gint64     it_id, sales_id;
  SdWindow  *window;
  SdOrgPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SdUnit *unit;

  if (!sd_test_mount_require ())
    return;

  f->mount = sd_test_mount_tmpfs ("4m");
  f->path = g_build_filename (f->mount, "duties.db", NULL);
  f->filler = g_build_filename (f->mount, "filler", NULL);
  f->store = sd_store_open (f->path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  unit = sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "信息中心",
                          "kind", "department", NULL);
  g_assert_no_error (error);
  f->it_id = sd_item_get_id (SD_ITEM (unit));
  unit = sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "营销部",
                          "kind", "department", NULL);
  g_assert_no_error (error);
  f->sales_id = sd_item_get_id (SD_ITEM (unit));
  g_assert_nonnull (sd_store_insert (f->store, SD_TYPE_PERSON, &error, "name", "王芳",
                                     "unit-id", f->it_id, NULL));
  g_assert_no_error (error);

  f->window = sd_window_new (app, f->store);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  sd_window_set_page (f->window, "organisation");
  gtk_window_present (GTK_WINDOW (f->window));
  sd_test_iterate ();
  f->page = SD_ORG_PAGE (sd_test_find_shown (f->window, sd_test_is_type, "SdOrgPage"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->mount == NULL)
    return;

  sd_test_destroy_windows ();
  g_clear_object (&f->store);
  sd_test_mount_remove (f->mount);
  g_free (f->mount);
  g_free (f->path);
  g_free (f->filler);
}

static SdUnit *
unit (Fixture *f,
      gint64   id)
{
  return sd_store_lookup (f->store, SD_TYPE_UNIT, id);
}

/* Clicks a toast's button as a person does: once the toast has shown, and
 * then waits until it has gone (a toast takes 300 ms to show or hide).
 * (libadwaita 1.2 is not safe against a click while the toast is still
 * sliding in.) */
static void
click_toast_button (GtkWidget *button)
{
  sd_test_settle_for (700);
  g_signal_emit_by_name (button, "clicked");
  sd_test_settle_for (700);
}

static void
test_rename_unit (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *editor;
  GtkWidget *name;
  GtkWidget *try_again;
  g_autoptr(SdStore) reopened = NULL;
  g_autoptr(GError) error = NULL;

  if (f->mount == NULL)
    return;

  /* The list shows the unit; the user opens its editor (F2). */
  sd_test_find_shown (f->window, sd_test_label_is, "信息中心");
  sd_org_page_select (f->page, SD_TYPE_UNIT, f->it_id);
  sd_test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "org.edit", NULL));
  sd_test_iterate ();
  editor = sd_test_find_toplevel (SD_TYPE_UNIT_EDITOR);
  g_assert_nonnull (editor);

  /* The disk fills up while the user types the new name and applies it
   * (the apply button, or Enter). */
  sd_test_mount_fill (f->filler, 0);
  name = sd_test_find_shown (editor, sd_test_row_titled, "Name");
  gtk_editable_set_text (GTK_EDITABLE (name), "信息技术部");
  g_signal_emit_by_name (name, "apply");
  sd_test_iterate ();

  /* The editor says so, in its own window, with a way to try again. */
  sd_test_find_shown (editor, sd_test_label_showing, "disk is full");
  try_again = sd_test_find_shown (editor, sd_test_button_labelled, "_Try Again");
  /* Nothing is lost: the editor is open with the name typed in. */
  g_assert_true (sd_test_find_toplevel (SD_TYPE_UNIT_EDITOR) == editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "信息技术部");
  /* Nothing shows as done. */
  g_assert_cmpstr (sd_unit_get_name (unit (f, f->it_id)), ==, "信息中心");
  sd_test_find_shown (f->window, sd_test_label_is, "信息中心");
  g_assert_null (sd_test_find (f->window, sd_test_label_is, "信息技术部"));

  /* Trying again on a disk still full fails the same way. */
  click_toast_button (try_again);
  g_assert_cmpstr (sd_unit_get_name (unit (f, f->it_id)), ==, "信息中心");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "信息技术部");
  try_again = sd_test_find_shown (editor, sd_test_button_labelled, "_Try Again");

  /* Space again: Try Again saves it, and the message goes. */
  sd_test_mount_release (f->filler, G_MAXUINT64);
  click_toast_button (try_again);
  g_assert_cmpstr (sd_unit_get_name (unit (f, f->it_id)), ==, "信息技术部");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "信息技术部");
  sd_test_find_shown (f->window, sd_test_label_is, "信息技术部");
  g_assert_null (sd_test_find (f->window, sd_test_label_is, "信息中心"));

  /* And it is in the file. */
  reopened = sd_store_open (f->path, SD_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sd_unit_get_name (sd_store_lookup (reopened, SD_TYPE_UNIT, f->it_id)), ==,
                   "信息技术部");
}

static void
test_delete_unit (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *units;

  if (f->mount == NULL)
    return;

  units = sd_store_get_items (f->store, SD_TYPE_UNIT);
  sd_org_page_select (f->page, SD_TYPE_UNIT, f->sales_id);
  sd_test_iterate ();
  sd_test_find_shown (f->window, sd_test_label_is, "营销部");

  sd_test_mount_fill (f->filler, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "org.delete", NULL));
  sd_test_iterate ();

  /* The window says the disk is full; the unit is still there. */
  sd_test_find_shown (f->window, sd_test_label_showing, "disk is full");
  g_assert_null (sd_test_find (f->window, sd_test_label_showing, "“营销部” deleted"));
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, 2);
  g_assert_nonnull (unit (f, f->sales_id));
  sd_test_find_shown (f->window, sd_test_label_is, "营销部");

  /* Space again: the deletion works. */
  sd_test_mount_release (f->filler, G_MAXUINT64);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "org.delete", NULL));
  sd_test_iterate ();
  g_assert_null (unit (f, f->sales_id));
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, 1);
  g_assert_null (sd_test_find (f->window, sd_test_label_is, "营销部"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before anything starts a thread. */
  sd_test_mount_init ();

  sd_test_bind_locale ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add ("/full-disk-ui/rename-unit", Fixture, NULL, fixture_set_up, test_rename_unit,
              fixture_tear_down);
  g_test_add ("/full-disk-ui/delete-unit", Fixture, NULL, fixture_set_up, test_delete_unit,
              fixture_tear_down);

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
