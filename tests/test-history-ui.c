/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The History window under Xvfb, on real edits through the store: the
 * primary menu's action opens it with every change, newest first; the
 * kind of item, the days (local dates against the UTC times of the log)
 * and the search narrow it; the selected change shows each field before
 * and after, in words; a filter that matches nothing says what to do and
 * clears; new edits appear while it is open; and an editor's call for one
 * item's history shows only that item.
 *
 * With SD_TEST_SCREENSHOT=DIR set, the window is saved as DIR/history.png.
 */

#define G_LOG_DOMAIN "test-history-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "sd-history-window.h"
#include "sd-person.h"
#include "sd-risk.h"
#include "sd-store.h"
#include "sd-ui.h"
#include "sd-unit.h"
#include "sd-window.h"
#include "sd-test-widgets.h"

static GtkApplication *app;

typedef struct
{
  char     *dir;
  char     *path;
  SdStore  *store;
  SdRisk   *risk;
  SdUnit   *office;
  guint     n_entries;
  guint     n_risk_entries;
} Fixture;

static guint
count_entries (SdStore    *store,
               const char *entity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sd_store_get_audit_entries (store, entity, 0, &error);

  g_assert_no_error (error);
  return entries->len;
}

/* Two units, a person, a risk owned by the first unit; the risk changed
 * (owner, status), the second unit renamed, the person deleted. The first
 * three entries are then dated 1 and 2 March 2026. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SdUnit *info;
  SdPerson *person;
  sqlite3 *db;

  fixture->dir = g_dir_make_tmp ("sd-test-history-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "history.db", NULL);
  fixture->store = sd_store_open (fixture->path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  sd_store_set_operator (fixture->store, "张伟");

  info = sd_store_insert (fixture->store, SD_TYPE_UNIT, &error, "name", "信息部", NULL);
  g_assert_no_error (error);
  fixture->office = sd_store_insert (fixture->store, SD_TYPE_UNIT, &error, "name", "办公室",
                                     NULL);
  g_assert_no_error (error);
  person = sd_store_insert (fixture->store, SD_TYPE_PERSON, &error, "name", "王五",
                            "unit-id", sd_item_get_id (SD_ITEM (info)), NULL);
  g_assert_no_error (error);
  fixture->risk = sd_store_insert (fixture->store, SD_TYPE_RISK, &error,
                                   "code", "R-01", "title", "数据泄露",
                                   "owner-unit-id", sd_item_get_id (SD_ITEM (info)),
                                   "inherent-likelihood", 4, "inherent-impact", 4,
                                   "residual-likelihood", 2, "residual-impact", 2,
                                   "target-likelihood", 1, "target-impact", 1, NULL);
  g_assert_no_error (error);
  g_assert_true (sd_store_update (fixture->store, fixture->risk, &error,
                                  "owner-unit-id", sd_item_get_id (SD_ITEM (fixture->office)),
                                  "status", "closed", NULL));
  g_assert_no_error (error);
  g_assert_true (sd_store_update (fixture->store, fixture->office, &error,
                                  "name", "综合办公室", NULL));
  g_assert_no_error (error);
  sd_store_set_operator (fixture->store, "李娜");
  g_assert_true (sd_store_delete (fixture->store, person, &error));
  g_assert_no_error (error);

  fixture->n_entries = count_entries (fixture->store, NULL);
  fixture->n_risk_entries = count_entries (fixture->store, "risks");
  g_assert_cmpuint (fixture->n_entries, ==, 7);
  g_assert_cmpuint (fixture->n_risk_entries, ==, 2);

  /* Local time is UTC+8 here: 1 March 23:59:59, then 2 March 00:00 twice. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "UPDATE audit_log SET at = '2026-03-01T15:59:59.000000Z'"
                                 " WHERE id = 1;"
                                 "UPDATE audit_log SET at = '2026-03-01T16:00:00.000000Z'"
                                 " WHERE id IN (2, 3);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  sd_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static guint
n_shown (SdHistoryWindow *window)
{
  return g_list_model_get_n_items (sd_history_window_get_model (window));
}

/* Widgets as a user finds them */

static gboolean
is_status_page (GtkWidget  *widget,
                const char *text)
{
  return ADW_IS_STATUS_PAGE (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), text) == 0;
}

/* Waits up to 5 s for the window to show @n changes (the search applies
 * itself a moment after typing). */
static void
wait_for_count (SdHistoryWindow *window,
                guint            n)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (n_shown (window) != n && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpuint (n_shown (window), ==, n);
}

static void
select_kind (SdHistoryWindow *window,
             const char      *label)
{
  GtkDropDown *drop_down = GTK_DROP_DOWN (sd_test_find_shown (window, sd_test_is_type,
                                                              "GtkDropDown"));
  GListModel *kinds = gtk_drop_down_get_model (drop_down);

  for (guint i = 0; i < g_list_model_get_n_items (kinds); i++)
    {
      const char *kind = gtk_string_list_get_string (GTK_STRING_LIST (kinds), i);

      if (g_str_equal (kind, label))
        {
          gtk_drop_down_set_selected (drop_down, i);
          sd_test_iterate ();
          return;
        }
    }
  g_error ("no kind “%s”", label);
}

/* The primary menu's action opens the window, once per main window, with
 * every change and the newest selected. */
static void
test_open_from_menu (Fixture       *fixture,
                     gconstpointer  data)
{
  SdWindow *main_window = sd_window_new (app, fixture->store);
  SdHistoryWindow *history;

  gtk_window_present (GTK_WINDOW (main_window));
  sd_test_settle ();
  g_assert_null (sd_test_find_toplevel (SD_TYPE_HISTORY_WINDOW));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window), "win.show-history",
                                             NULL));
  sd_test_settle ();
  history = sd_test_find_toplevel (SD_TYPE_HISTORY_WINDOW);
  g_assert_nonnull (history);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (history)) ==
                 GTK_WINDOW (main_window));
  g_assert_cmpuint (n_shown (history), ==, fixture->n_entries);
  g_assert_nonnull (sd_test_find_shown (history, sd_test_is_type, "GtkListView"));
  /* The newest change, selected: the person 李娜 deleted. */
  g_assert_nonnull (sd_test_find_shown (history, sd_test_label_is, "王五"));
  g_assert_nonnull (sd_test_find_shown (history, sd_test_label_is, "Person · Deleted"));
  g_assert_nonnull (sd_test_find_shown (history, sd_test_label_is,
                                        "This item has since been deleted."));

  /* Again: the same window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window), "win.show-history",
                                             NULL));
  sd_test_settle ();
  g_assert_true (sd_test_find_toplevel (SD_TYPE_HISTORY_WINDOW) == history);

  gtk_window_close (GTK_WINDOW (history));
  sd_test_settle ();
  g_assert_null (sd_test_find_toplevel (SD_TYPE_HISTORY_WINDOW));
  gtk_window_destroy (GTK_WINDOW (main_window));
  sd_test_settle ();
}

static SdHistoryWindow *
open_history (Fixture *fixture)
{
  GtkWidget *window = sd_history_window_new (fixture->store);

  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 800);
  gtk_window_present (GTK_WINDOW (window));
  sd_test_settle ();
  return SD_HISTORY_WINDOW (window);
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  SdHistoryWindow *window = open_history (fixture);
  g_autofree char *meta = NULL;
  GtkEditable *search;

  g_assert_cmpuint (n_shown (window), ==, fixture->n_entries);

  /* The kind of item. */
  select_kind (window, "Risk");
  g_assert_cmpuint (n_shown (window), ==, fixture->n_risk_entries);
  g_assert_nonnull (sd_test_find_shown (window, sd_test_label_is, "Risk · Changed"));
  select_kind (window, "Unit");
  g_assert_cmpuint (n_shown (window), ==, 3);
  select_kind (window, "Duty");
  g_assert_cmpuint (n_shown (window), ==, 0);
  select_kind (window, "All Kinds");
  g_assert_cmpuint (n_shown (window), ==, fixture->n_entries);

  /* Days, in local time (UTC+8): 1 March holds the first entry only, 2
   * March the next two, and from 2 March on all but the first. */
  sd_history_window_set_days (window, "2026-03-01", "2026-03-01");
  g_assert_cmpuint (n_shown (window), ==, 1);
  g_assert_nonnull (sd_test_find_shown (window, sd_test_label_is, "Unit · Added"));
  /* Who: the operator, and the account it was made from. */
  meta = g_strdup_printf ("2026-03-01 23:59:59 by 张伟 (%s)", g_get_user_name ());
  g_assert_nonnull (sd_test_find_shown (window, sd_test_label_is, meta));
  sd_history_window_set_days (window, "2026-03-02", "2026-03-02");
  g_assert_cmpuint (n_shown (window), ==, 2);
  sd_history_window_set_days (window, "2026-03-02", NULL);
  g_assert_cmpuint (n_shown (window), ==, fixture->n_entries - 1);
  sd_history_window_set_days (window, NULL, NULL);
  g_assert_cmpuint (n_shown (window), ==, fixture->n_entries);

  /* The search: the operator, then an item by its name today, and by the
   * name it had (the rename records the old one). */
  search = GTK_EDITABLE (sd_test_find_shown (window, sd_test_is_type, "GtkSearchEntry"));
  gtk_editable_set_text (search, "李娜");
  wait_for_count (window, 1);
  gtk_editable_set_text (search, "综合办公室");
  wait_for_count (window, 2);
  gtk_editable_set_text (search, "R-01");
  wait_for_count (window, 2);

  /* Kind and search together. */
  select_kind (window, "Unit");
  g_assert_cmpuint (n_shown (window), ==, 0);

  /* Nothing matches: the window says so, and clears. */
  g_assert_nonnull (sd_test_find_shown (window, is_status_page, "No Matching Changes"));
  g_signal_emit_by_name (sd_test_find_shown (window, sd_test_button_labelled, "_Clear Filters"),
                         "clicked");
  sd_test_iterate ();
  g_assert_cmpuint (n_shown (window), ==, fixture->n_entries);
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "");
  g_assert_null (sd_test_find (window, is_status_page, "No Matching Changes"));

  gtk_window_destroy (GTK_WINDOW (window));
  sd_test_settle ();
}

/* The change of the risk: each field before and after, in words and in
 * style (struck through, highlighted), the references by name. */
static void
test_before_after (Fixture       *fixture,
                   gconstpointer  data)
{
  SdHistoryWindow *window = open_history (fixture);
  GtkWidget *before;
  GtkWidget *after;
  PangoAttrList *attrs;
  g_autoptr(PangoAttrIterator) iter = NULL;
  gboolean struck = FALSE;

  select_kind (window, "Risk");
  g_assert_cmpuint (n_shown (window), ==, 2);
  /* The newest risk entry, selected: the change. */
  g_assert_nonnull (sd_test_find_shown (window, sd_test_label_is, "R-01 · 数据泄露"));
  g_assert_nonnull (sd_test_find_shown (window, sd_test_label_is, "Risk · Changed"));
  g_assert_nonnull (sd_test_find_shown (window, sd_test_label_is, "Owner unit"));
  /* The old owner by name; the new one by its name today. */
  before = sd_test_find_shown (window, sd_test_label_is, "Before: 信息部");
  after = sd_test_find_shown (window, sd_test_label_is, "After: 综合办公室");
  g_assert_nonnull (sd_test_find_shown (window, sd_test_label_is, "Before: Open"));
  g_assert_nonnull (sd_test_find_shown (window, sd_test_label_is, "After: Closed"));
  g_assert_true (gtk_widget_has_css_class (before, "error"));
  g_assert_true (gtk_widget_has_css_class (after, "success"));
  attrs = gtk_label_get_attributes (GTK_LABEL (before));
  iter = pango_attr_list_get_iterator (attrs);
  do
    {
      PangoAttribute *attr = pango_attr_iterator_get (iter, PANGO_ATTR_STRIKETHROUGH);

      struck |= attr != NULL && ((PangoAttrInt *) attr)->value;
    }
  while (pango_attr_iterator_next (iter));
  g_assert_true (struck);
  /* Not what did not change. */
  g_assert_null (sd_test_find (window, sd_test_label_is, "Title"));
  sd_test_save_screenshot (GTK_WIDGET (window), "history.png");

  /* The addition, below it: values after only. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (sd_history_window_get_model (window)),
                                     1);
  sd_test_iterate ();
  g_assert_nonnull (sd_test_find_shown (window, sd_test_label_is, "Risk · Added"));
  g_assert_nonnull (sd_test_find_shown (window, sd_test_label_is, "After: 数据泄露"));
  g_assert_nonnull (sd_test_find_shown (window, sd_test_label_is, "After: 信息部"));
  g_assert_null (sd_test_find (window, sd_test_label_is, "Before: 信息部"));

  gtk_window_destroy (GTK_WINDOW (window));
  sd_test_settle ();
}

/* New edits appear at the top while the window is open, by themselves. */
static void
test_follows_edits (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SdHistoryWindow *window = open_history (fixture);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (sd_history_window_get_model (window));

  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);
  g_assert_true (sd_store_update (fixture->store, fixture->risk, &error, "title", "数据外泄",
                                  NULL));
  g_assert_no_error (error);
  wait_for_count (window, fixture->n_entries + 1);
  /* The change that was selected stays selected, one lower. */
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 1);
  g_assert_nonnull (sd_test_find_shown (window, sd_test_label_is, "Person · Deleted"));

  /* A filtered list takes only what it shows. */
  select_kind (window, "Unit");
  g_assert_cmpuint (n_shown (window), ==, 3);
  g_assert_true (sd_store_update (fixture->store, fixture->risk, &error, "title", "数据泄漏",
                                  NULL));
  g_assert_nonnull (sd_store_insert (fixture->store, SD_TYPE_UNIT, &error, "name", "保密办",
                                     NULL));
  g_assert_no_error (error);
  sd_history_window_refresh (window);
  g_assert_cmpuint (n_shown (window), ==, 4);

  gtk_window_destroy (GTK_WINDOW (window));
  sd_test_settle ();
}

/* An editor asks for one item's history. */
static void
test_one_item (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *parent = gtk_window_new ();
  SdHistoryWindow *window;

  gtk_window_present (GTK_WINDOW (parent));
  sd_history_window_present (GTK_WINDOW (parent), fixture->store, "units",
                             sd_item_get_id (SD_ITEM (fixture->office)));
  sd_test_settle ();
  window = sd_test_find_toplevel (SD_TYPE_HISTORY_WINDOW);
  g_assert_nonnull (window);
  /* Added, renamed. */
  g_assert_cmpuint (n_shown (window), ==, 2);
  g_assert_nonnull (sd_test_find_shown (window, sd_test_label_is, "Before: 办公室"));
  /* The chip names it, and takes the restriction away. */
  g_signal_emit_by_name (gtk_widget_get_ancestor (sd_test_find_shown (window, sd_test_label_is,
                                                                      "综合办公室"),
                                                  GTK_TYPE_BUTTON), "clicked");
  sd_test_iterate ();
  g_assert_cmpuint (n_shown (window), ==, 3);

  /* Asked again for another item: the same window. */
  sd_history_window_present (GTK_WINDOW (parent), fixture->store, "risks",
                             sd_item_get_id (SD_ITEM (fixture->risk)));
  sd_test_settle ();
  g_assert_true (sd_test_find_toplevel (SD_TYPE_HISTORY_WINDOW) == window);
  g_assert_cmpuint (n_shown (window), ==, fixture->n_risk_entries);

  gtk_window_destroy (GTK_WINDOW (parent));
  sd_test_settle ();
  g_assert_null (sd_test_find_toplevel (SD_TYPE_HISTORY_WINDOW));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Local time is UTC+8 (see the fixture's dates). */
  g_setenv ("TZ", "CST-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  sd_test_load_style ();

  app = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

#define ADD(path, func) \
  g_test_add ("/history-ui/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("open-from-menu", test_open_from_menu);
  ADD ("filters", test_filters);
  ADD ("before-after", test_before_after);
  ADD ("follows-edits", test_follows_edits);
  ADD ("one-item", test_one_item);

#undef ADD

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
