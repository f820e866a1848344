/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * sd_ui_set_model_while_mapped() under Xvfb: list views in the pages of a
 * stack have their rows only while shown, the one hidden last keeps them,
 * and a view shown again is where it was, or at the item selected while
 * it was hidden.
 */

#define G_LOG_DOMAIN "test-mapped-model"

#include "config.h"

#include <adwaita.h>

#include "sd-mapped-model.h"
#include "sd-test-widgets.h"

#define N_ITEMS 1000

typedef struct
{
  GtkWidget          *window;
  GtkStack           *stack;
  GtkWidget          *first;      /* the list views */
  GtkWidget          *second;
  GtkSingleSelection *selection;  /* of the first */
  GtkAdjustment      *adjustment; /* the first's */
} Fixture;

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, gtk_label_new (NULL));
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)),
                       gtk_string_object_get_string (item));
}

static GtkWidget *
add_list (Fixture            *f,
          const char         *name,
          GtkSingleSelection *selection)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *view = gtk_list_view_new (NULL, factory);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_stack_add_named (f->stack, scrolled, name);
  sd_ui_set_model_while_mapped (view, GTK_SELECTION_MODEL (selection));
  return view;
}

static GtkSingleSelection *
new_selection (void)
{
  GtkStringList *strings = gtk_string_list_new (NULL);
  GtkSingleSelection *selection;

  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autofree char *text = g_strdup_printf ("Item %u", i);

      gtk_string_list_append (strings, text);
    }
  selection = gtk_single_selection_new (G_LIST_MODEL (strings));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  return selection;
}

static guint
n_rows (GtkWidget *view)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static void
show (Fixture    *f,
      const char *name)
{
  gtk_stack_set_visible_child_name (f->stack, name);
  sd_test_settle_frames ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GtkSingleSelection) second = new_selection ();

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 400, 300);
  f->stack = GTK_STACK (gtk_stack_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->stack));
  gtk_stack_add_named (f->stack, gtk_label_new ("Nothing"), "empty");
  f->selection = new_selection ();
  f->first = add_list (f, "first", f->selection);
  f->second = add_list (f, "second", second);
  f->adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->first));
  gtk_stack_set_visible_child_name (f->stack, "empty");
  gtk_window_present (GTK_WINDOW (f->window));
  sd_test_settle_frames ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->selection);
  sd_test_settle_frames ();
}

/* Rows only while shown, or while hidden last. */
static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  /* Never shown: no model, no rows. */
  g_assert_null (gtk_list_view_get_model (GTK_LIST_VIEW (f->first)));
  g_assert_cmpuint (n_rows (f->first), ==, 0);

  show (f, "first");
  g_assert_true (gtk_list_view_get_model (GTK_LIST_VIEW (f->first)) ==
                 GTK_SELECTION_MODEL (f->selection));
  g_assert_cmpuint (n_rows (f->first), >, 0);

  /* Hidden last: it keeps them. */
  show (f, "empty");
  g_assert_nonnull (gtk_list_view_get_model (GTK_LIST_VIEW (f->first)));
  g_assert_cmpuint (n_rows (f->first), >, 0);

  /* Another one hidden after it: it gives them up. */
  show (f, "second");
  g_assert_cmpuint (n_rows (f->second), >, 0);
  show (f, "empty");
  g_assert_null (gtk_list_view_get_model (GTK_LIST_VIEW (f->first)));
  g_assert_cmpuint (n_rows (f->first), ==, 0);
  g_assert_nonnull (gtk_list_view_get_model (GTK_LIST_VIEW (f->second)));

  /* No model from now on. */
  sd_ui_set_model_while_mapped (f->second, NULL);
  g_assert_null (gtk_list_view_get_model (GTK_LIST_VIEW (f->second)));
  show (f, "second");
  g_assert_null (gtk_list_view_get_model (GTK_LIST_VIEW (f->second)));
  g_assert_cmpuint (n_rows (f->second), ==, 0);
}

/* Shown again, the view is where it was; if the selection changed while
 * it was hidden, it shows the selected item. */
static void
test_scroll (Fixture       *f,
             gconstpointer  data)
{
  double value, upper, page;

  show (f, "first");
  upper = gtk_adjustment_get_upper (f->adjustment);
  page = gtk_adjustment_get_page_size (f->adjustment);
  g_assert_cmpfloat (upper, >, 4 * page);
  gtk_adjustment_set_value (f->adjustment, upper / 2);
  sd_test_settle_frames ();
  value = gtk_adjustment_get_value (f->adjustment);
  g_assert_cmpfloat (value, >, 0);

  /* Hidden, then made to give up its rows. */
  show (f, "second");
  show (f, "empty");
  g_assert_null (gtk_list_view_get_model (GTK_LIST_VIEW (f->first)));

  show (f, "first");
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (f->adjustment), value, 1.0);

  /* The selection changes while it is hidden. */
  show (f, "second");
  show (f, "empty");
  gtk_single_selection_set_selected (f->selection, 20);
  show (f, "first");
  upper = gtk_adjustment_get_upper (f->adjustment);
  value = gtk_adjustment_get_value (f->adjustment);
  page = gtk_adjustment_get_page_size (f->adjustment);
  /* Rows are alike: item 20 is at about 20/N_ITEMS of the list. */
  g_assert_cmpfloat (value, <=, upper * 20 / N_ITEMS + 1);
  g_assert_cmpfloat (value + page, >=, upper * 21 / N_ITEMS - 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (f->selection), ==, 20);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/mapped-model/rows", test_rows);
  ADD ("/mapped-model/scroll", test_scroll);
#undef ADD

  return g_test_run ();
}
