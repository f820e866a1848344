/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The window on a database on a read-only file system (a tmpfs of the
 * test's own, remounted read-only, see sd-test-mount.h), under Xvfb:
 *
 * - It opens, shows the data, and a banner says that the file is read-only,
 *   that changes cannot be saved, and offers Save a Copy.
 * - The organisation page's buttons that only add or delete are off.
 * - An edit made all the same (a unit renamed in its editor, a new risk
 *   from the Risks page) is refused with a message in the editor's window,
 *   and nothing changes, on screen or in the file.
 */

#define G_LOG_DOMAIN "test-read-only-ui"

#include "config.h"

#include "sd-test-mount.h"

#include <locale.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "sd-org-page.h"
#include "sd-org-page-private.h"
#include "sd-risk.h"
#include "sd-risk-editor.h"
#include "sd-risks-page.h"
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
  SdStore   *store;
  gint64     it_id;
  SdWindow  *window;
} Fixture;

static gboolean
is_risks_page (GtkWidget  *widget,
               const char *unused)
{
  return SD_IS_RISKS_PAGE (widget);
}

static gboolean
button_with_action (GtkWidget  *widget,
                    const char *action)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

/* The audit log's size and last entry: what any write would change. */
static char *
audit_summary (SdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sd_store_get_audit_entries (store, NULL, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 0);
  return g_strdup_printf ("%u %s", entries->len,
                          ((SdAuditEntry *) entries->pdata[entries->len - 1])->hash);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SdStore *store;
  SdUnit *unit;

  if (!sd_test_mount_require ())
    return;

  f->mount = sd_test_mount_tmpfs ("4m");
  f->path = g_build_filename (f->mount, "duties.db", NULL);
  store = sd_store_open (f->path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  unit = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "信息中心",
                          "kind", "department", NULL);
  g_assert_no_error (error);
  f->it_id = sd_item_get_id (SD_ITEM (unit));
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "营销部",
                                     "kind", "department", NULL));
  g_assert_no_error (error);
  g_object_unref (store);

  sd_test_mount_set_read_only (f->mount, TRUE);
  f->store = sd_store_open (f->path, SD_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (sd_store_get_read_only (f->store));

  f->window = sd_window_new (app, f->store);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  sd_window_set_page (f->window, "organisation");
  gtk_window_present (GTK_WINDOW (f->window));
  sd_test_iterate ();
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
}

static void
test_banner (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *label;
  GtkWidget *banner;
  GtkWidget *save_copy;

  if (f->mount == NULL)
    return;

  /* The data shows. */
  sd_test_find_shown (f->window, sd_test_label_is, "信息中心");

  /* The banner names the file and says what it means. */
  label = sd_test_find_shown (f->window, sd_test_label_showing, "is read-only");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "duties.db"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "cannot be saved"));
  banner = gtk_widget_get_ancestor (label, GTK_TYPE_REVEALER);
  g_assert_nonnull (banner);
  g_assert_true (gtk_revealer_get_child_revealed (GTK_REVEALER (banner)) ||
                 gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));

  /* The way out is right there, and works (it opens a file chooser: only
   * whether it can be used is asked here). */
  save_copy = sd_test_find_shown (banner, sd_test_button_labelled, "_Save a Copy…");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (save_copy)), ==,
                   "win.save-copy");
  g_assert_true (gtk_widget_is_sensitive (save_copy));
}

static void
test_org_buttons_off (Fixture       *f,
                      gconstpointer  data)
{
  const char *actions[] = { "org.add-unit", "org.move", "org.delete" };
  SdOrgPage *page;

  if (f->mount == NULL)
    return;

  page = SD_ORG_PAGE (sd_test_find_shown (f->window, sd_test_is_type, "SdOrgPage"));
  sd_org_page_select (page, SD_TYPE_UNIT, f->it_id);
  sd_test_iterate ();

  /* The unit's buttons are there, off: the banner says why. */
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_assert_false (gtk_widget_is_sensitive (sd_test_find_shown (f->window, button_with_action,
                                                                 actions[i])));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "org.add-unit", NULL) &&
                  sd_test_find_toplevel (SD_TYPE_UNIT_EDITOR) != NULL);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "org.delete", NULL) &&
                  sd_store_lookup (f->store, SD_TYPE_UNIT, f->it_id) == NULL);
  g_assert_nonnull (sd_store_lookup (f->store, SD_TYPE_UNIT, f->it_id));
}

static void
test_rename_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *audit_before = NULL;
  g_autofree char *audit_after = NULL;
  SdOrgPage *page;
  GtkWidget *editor;
  GtkWidget *name;

  if (f->mount == NULL)
    return;

  audit_before = audit_summary (f->store);
  page = SD_ORG_PAGE (sd_test_find_shown (f->window, sd_test_is_type, "SdOrgPage"));
  sd_org_page_select (page, SD_TYPE_UNIT, f->it_id);
  sd_test_iterate ();
  /* Looking at a unit's details stays possible. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "org.edit", NULL));
  sd_test_iterate ();
  editor = sd_test_find_toplevel (SD_TYPE_UNIT_EDITOR);
  g_assert_nonnull (editor);

  name = sd_test_find_shown (editor, sd_test_row_titled, "Name");
  gtk_editable_set_text (GTK_EDITABLE (name), "信息技术部");
  g_signal_emit_by_name (name, "apply");
  sd_test_iterate ();

  /* Refused, with the reason in the editor's window; nothing changed. */
  sd_test_find_shown (editor, sd_test_label_showing, "read-only");
  g_assert_cmpstr (sd_unit_get_name (sd_store_lookup (f->store, SD_TYPE_UNIT, f->it_id)), ==,
                   "信息中心");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "信息中心");
  sd_test_find_shown (f->window, sd_test_label_is, "信息中心");
  g_assert_null (sd_test_find (f->window, sd_test_label_is, "信息技术部"));
  audit_after = audit_summary (f->store);
  g_assert_cmpstr (audit_after, ==, audit_before);
}

static void
test_new_risk_refused (Fixture       *f,
                       gconstpointer  data)
{
  GListModel *risks;
  GtkWidget *page;
  GtkWidget *editor;
  GtkWidget *title;

  if (f->mount == NULL)
    return;

  risks = sd_store_get_items (f->store, SD_TYPE_RISK);
  sd_window_set_page (f->window, "risks");
  sd_test_iterate ();
  page = sd_test_find_shown (f->window, is_risks_page, NULL);

  g_assert_true (gtk_widget_activate_action (page, "risks.add", NULL));
  sd_test_iterate ();
  editor = sd_test_find_toplevel (SD_TYPE_RISK_EDITOR);
  if (editor == NULL)
    {
      /* Off, as on the organisation page: the button shows it. */
      g_assert_false (gtk_widget_is_sensitive (sd_test_find_shown (page, button_with_action,
                                                                   "risks.add")));
      return;
    }
  title = sd_test_find_shown (editor, sd_test_row_titled, "Title");
  gtk_editable_set_text (GTK_EDITABLE (title), "机房断电");
  g_signal_emit_by_name (title, "apply");
  sd_test_iterate ();

  sd_test_find_shown (editor, sd_test_label_showing, "read-only");
  g_assert_cmpuint (g_list_model_get_n_items (risks), ==, 0);
  g_assert_null (sd_editor_window_get_item (SD_EDITOR_WINDOW (editor)));
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

  g_test_add ("/read-only-ui/banner", Fixture, NULL, fixture_set_up, test_banner,
              fixture_tear_down);
  g_test_add ("/read-only-ui/org-buttons-off", Fixture, NULL, fixture_set_up,
              test_org_buttons_off, fixture_tear_down);
  g_test_add ("/read-only-ui/rename-refused", Fixture, NULL, fixture_set_up,
              test_rename_refused, fixture_tear_down);
  g_test_add ("/read-only-ui/new-risk-refused", Fixture, NULL, fixture_set_up,
              test_new_risk_refused, fixture_tear_down);

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
