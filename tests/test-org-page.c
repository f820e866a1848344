/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The organisation page as the user drives it: its overview (problems with
 * their count, people, rules, chart), moving and deleting units through
 * the page's actions, and the badge of the page in the window.
 */

#define G_LOG_DOMAIN "test-org-page"

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "sd-demo.h"
#include "sd-org-page.h"
#include "sd-org-page-private.h"
#include "sd-org-rules.h"
#include "sd-person.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-store.h"
#include "sd-test-widgets.h"
#include "sd-ui.h"
#include "sd-unit.h"
#include "sd-window.h"

static GtkApplication *app;

typedef struct
{
  char      *dir;
  SdStore   *store;
  GtkWindow *window;
  SdOrgPage *page;
} Fixture;

static SdUnit *
find_unit (SdStore    *store,
           const char *name)
{
  GListModel *units = sd_store_get_items (store, SD_TYPE_UNIT);

  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(SdUnit) unit = g_list_model_get_item (units, i);

      if (g_str_equal (sd_unit_get_name (unit), name))
        return unit;
    }
  return NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWidget *overlay;

  f->dir = g_dir_make_tmp ("sd-test-org-page-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "org.db", NULL);
  f->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (sd_demo_populate (f->store, &error));
  g_assert_no_error (error);

  /* The page finds the window's toast overlay among its ancestors. */
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1200, 800);
  overlay = adw_toast_overlay_new ();
  f->page = SD_ORG_PAGE (sd_org_page_new (f->store));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->page));
  gtk_window_set_child (f->window, overlay);
  gtk_window_present (f->window);
  sd_test_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  sd_test_iterate ();
  sd_test_remove_store (&f->store, f->dir);
  g_free (f->dir);
}

/* The problems count in the overview is the number of violations, and
 * follows an edit that fixes one. */
static void
test_problems_count (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) violations = sd_org_check (f->store);
  g_autofree char *count = g_strdup_printf ("%u", violations->len);
  SdViolationList *list = sd_ui_get_violations (f->store);
  g_autoptr(GError) error = NULL;
  SdUnit *unit;

  sd_violation_list_flush (list);
  sd_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, violations->len);
  if (violations->len > 0)
    g_assert_cmpstr (gtk_label_get_text (f->page->problems_count), ==, count);
  g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (f->page->problems_count)), ==,
                   violations->len > 0);

  /* A new department without a liaison adds a problem. */
  unit = sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "测试部", "kind", "department",
                          NULL);
  g_assert_no_error (error);
  sd_violation_list_flush (list);
  sd_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, violations->len);
  g_assert_true (sd_store_delete (f->store, unit, &error));
  sd_violation_list_flush (list);
  sd_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, violations->len);
}

/* The overview's views take the details; choosing a unit gives them back. */
static void
test_overview (Fixture       *f,
               gconstpointer  data)
{
  const char *names[] = { "problems", "people", "rules", "chart" };
  SdUnit *unit = find_unit (f->store, "信息部");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      sd_org_page_show_nav (f->page, names[i]);
      sd_test_iterate ();
      g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->details_stack), ==, names[i]);
      g_assert_nonnull (gtk_stack_get_visible_child (f->page->details_stack));
      g_assert_cmpuint (gtk_single_selection_get_selected (f->page->selection), ==,
                        GTK_INVALID_LIST_POSITION);
      /* Nothing is shown to edit or delete. */
      g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->page), "org.delete", NULL) &&
                      find_unit (f->store, "信息部") == NULL);
    }

  g_assert_nonnull (unit);
  sd_org_page_select (f->page, SD_TYPE_UNIT, sd_item_get_id (SD_ITEM (unit)));
  sd_test_iterate ();
  g_assert_null (f->page->nav);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->page->details_stack), ==, "unit");
  g_assert_cmpstr (gtk_label_get_text (f->page->unit_title), ==, "信息部");
}

/* "Move To…" offers every unit but the moved one and those below it. */
static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  SdUnit *section = find_unit (f->store, "IT维护组");
  SdUnit *marketing = find_unit (f->store, "营销部");
  SdUnit *it = find_unit (f->store, "信息部");
  AdwMessageDialog *dialog;
  GtkDropDown *drop_down;
  GListModel *targets;
  gboolean found = FALSE;

  g_assert_nonnull (section);
  g_assert_nonnull (marketing);
  sd_org_page_select (f->page, SD_TYPE_UNIT, sd_item_get_id (SD_ITEM (it)));
  sd_test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "org.move", NULL));
  sd_test_iterate ();
  dialog = sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  drop_down = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  targets = gtk_drop_down_get_model (drop_down);
  for (guint i = 0; i < g_list_model_get_n_items (targets); i++)
    {
      g_autoptr(GObject) target = g_list_model_get_item (targets, i);

      /* Not itself, not its own section. */
      g_assert_true (target != G_OBJECT (it) && target != G_OBJECT (section));
      if (target == G_OBJECT (marketing))
        {
          gtk_drop_down_set_selected (drop_down, i);
          found = TRUE;
        }
    }
  g_assert_true (found);
  adw_message_dialog_response (dialog, "move");
  sd_test_iterate ();
  g_assert_cmpint (sd_unit_get_parent_id (it), ==, sd_item_get_id (SD_ITEM (marketing)));
  /* Its section went with it. */
  g_assert_cmpint (sd_unit_get_parent_id (section), ==, sd_item_get_id (SD_ITEM (it)));
}

/* Delete takes the unit and what belongs to it; the deletion can be
 * undone (the toast's Undo calls the store's undo, tested in test-store). */
static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  SdUnit *unit = find_unit (f->store, "财务部");
  gint64 id;

  g_assert_nonnull (unit);
  id = sd_item_get_id (SD_ITEM (unit));
  sd_org_page_select (f->page, SD_TYPE_UNIT, id);
  sd_test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "org.delete", NULL));
  sd_test_iterate ();
  g_assert_null (sd_store_lookup (f->store, SD_TYPE_UNIT, id));
  /* The details moved on to something that exists. */
  g_assert_true (f->page->shown_type == G_TYPE_INVALID ||
                 sd_store_lookup (f->store, f->page->shown_type, f->page->shown_id) != NULL);
}

/* The window shows the number of problems on the page's switcher. */
static void
test_window_badge (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) violations = sd_org_check (f->store);
  SdWindow *window = sd_window_new (app, f->store);
  AdwViewStack *stack = NULL;
  GtkWidget *child;
  AdwViewStackPage *page;

  gtk_window_present (GTK_WINDOW (window));
  /* The check starts once the window is idle. */
  sd_test_iterate ();

  for (child = gtk_widget_get_first_child (GTK_WIDGET (window)); child != NULL;)
    {
      if (ADW_IS_VIEW_STACK (child))
        {
          stack = ADW_VIEW_STACK (child);
          break;
        }
      /* Depth first. */
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != NULL && gtk_widget_get_next_sibling (child) == NULL)
            {
              child = gtk_widget_get_parent (child);
              if (child == GTK_WIDGET (window))
                child = NULL;
            }
          if (child != NULL)
            child = gtk_widget_get_next_sibling (child);
        }
    }
  g_assert_nonnull (stack);
  page = adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, "organisation"));
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (page), ==, violations->len);
  g_assert_cmpint (adw_view_stack_page_get_needs_attention (page), ==, violations->len > 0);
  gtk_window_destroy (GTK_WINDOW (window));
  sd_test_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* A window needs an application, which need not run. */
  app = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);

#define ADD(name, func) \
  g_test_add ("/org-page/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("problems-count", test_problems_count);
  ADD ("overview", test_overview);
  ADD ("move", test_move);
  ADD ("delete", test_delete);
  ADD ("window-badge", test_window_badge);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
