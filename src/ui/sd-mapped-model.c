/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-mapped-model"

#include "config.h"

#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif

#include "sd-mapped-model.h"

/* What a view keeps of its model while it is not mapped. */
typedef struct
{
  GtkWidget         *view;       /* not owned: this lives on it */
  GtkSelectionModel *model;
  gboolean           released;   /* the view has no model now */
  double             value;      /* how far it was scrolled then */
  guint              selected;   /* the first selected position then */
  gboolean           restore;    /* scroll back at the next layout */
  GdkFrameClock     *clock;      /* while layout_id is connected */
  gulong             layout_id;
} MappedModel;

/* The view hidden last keeps its rows, so that going back and forth
 * between two pages costs nothing; it gives them up when another view is
 * hidden. Making the two hundred rows of the risk register again takes
 * about a third of a second on a large organisation. */
static MappedModel *kept;

static const char mapped_model_key[] = "sd-mapped-model";

static void
set_view_model (GtkWidget         *view,
                GtkSelectionModel *model)
{
  if (GTK_IS_COLUMN_VIEW (view))
    gtk_column_view_set_model (GTK_COLUMN_VIEW (view), model);
  else if (GTK_IS_LIST_VIEW (view))
    gtk_list_view_set_model (GTK_LIST_VIEW (view), model);
  else
    gtk_grid_view_set_model (GTK_GRID_VIEW (view), model);
}

/* The widget with the list's actions: a column view's list. */
static GtkWidget *
list_widget (GtkWidget *view)
{
  if (!GTK_IS_COLUMN_VIEW (view))
    return view;
  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

static guint
first_selected (GtkSelectionModel *model)
{
  g_autoptr(GtkBitset) selection = NULL;

  if (model == NULL)
    return GTK_INVALID_LIST_POSITION;
  selection = gtk_selection_model_get_selection (model);
  return gtk_bitset_is_empty (selection) ? GTK_INVALID_LIST_POSITION
                                         : gtk_bitset_get_minimum (selection);
}

static void
stop_layout (MappedModel *data)
{
  if (data->layout_id != 0)
    g_signal_handler_disconnect (data->clock, data->layout_id);
  data->layout_id = 0;
  g_clear_object (&data->clock);
}

/* Rows given up leave holes all over the heap: thousands of small blocks
 * of widgets, labels and layouts. glibc keeps freed memory for the process
 * unless it lies at the top of the heap; once the page switch is over,
 * hand the whole free pages back to the system (about 10 MB on a large
 * organisation, a few ms). */
static gboolean
trim_cb (gpointer user_data)
{
  guint *source_id = user_data;

  *source_id = 0;
#ifdef HAVE_MALLOC_TRIM
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

static void
trim_when_idle (void)
{
  static guint source_id;

  if (source_id == 0)
    source_id = g_idle_add_full (G_PRIORITY_LOW, trim_cb, &source_id, NULL);
}

/* Takes the model (and so the rows) away from a view that is not mapped,
 * remembering where it was. */
static void
release (MappedModel *data)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (data->view));

  if (kept == data)
    kept = NULL;
  if (data->released)
    return;
  data->value = adjustment != NULL ? gtk_adjustment_get_value (adjustment) : 0;
  data->selected = first_selected (data->model);
  data->released = TRUE;
  set_view_model (data->view, NULL);
  trim_when_idle ();
}

/* After the frame's layout, when the view has rows again: back to where
 * it was. Changing the scroll position asks for another layout, which
 * the frame clock runs before it paints, so the first frame shown is
 * already in place. */
static void
layout_cb (GdkFrameClock *clock,
           MappedModel   *data)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (data->view));
  guint selected = first_selected (data->model);
  GtkWidget *list = list_widget (data->view);

  stop_layout (data);
  if (!data->restore || data->model == NULL)
    return;
  data->restore = FALSE;

  if (selected != data->selected && selected != GTK_INVALID_LIST_POSITION && list != NULL)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", selected);
  else if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment,
                              MIN (data->value, gtk_adjustment_get_upper (adjustment)
                                                - gtk_adjustment_get_page_size (adjustment)));
}

static void
map_cb (GtkWidget   *view,
        MappedModel *data)
{
  if (kept == data)
    kept = NULL;
  if (!data->released || data->model == NULL)
    return;

  data->released = FALSE;
  set_view_model (view, data->model);
  data->restore = data->value > 0 || first_selected (data->model) != data->selected;
  if (data->restore && data->layout_id == 0)
    {
      data->clock = g_object_ref (gtk_widget_get_frame_clock (view));
      data->layout_id = g_signal_connect_after (data->clock, "layout",
                                                G_CALLBACK (layout_cb), data);
    }
}

static void
unmap_cb (GtkWidget   *view,
          MappedModel *data)
{
  /* Shown and hidden again before it was laid out: it is still where it
   * was before, and gives up its rows at once. */
  if (data->restore)
    {
      stop_layout (data);
      data->restore = FALSE;
      data->released = TRUE;
      set_view_model (view, NULL);
      return;
    }

  if (kept != NULL && kept != data)
    release (kept);
  kept = data;
}

static void
mapped_model_free (gpointer user_data)
{
  MappedModel *data = user_data;

  if (kept == data)
    kept = NULL;
  stop_layout (data);
  g_clear_object (&data->model);
  g_free (data);
}

void
sd_ui_set_model_while_mapped (GtkWidget         *view,
                              GtkSelectionModel *model)
{
  MappedModel *data;

  g_return_if_fail (GTK_IS_LIST_VIEW (view) || GTK_IS_GRID_VIEW (view) ||
                    GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (model == NULL || GTK_IS_SELECTION_MODEL (model));

  data = g_object_get_data (G_OBJECT (view), mapped_model_key);
  if (data == NULL)
    {
      data = g_new0 (MappedModel, 1);
      data->view = view;
      g_object_set_data_full (G_OBJECT (view), mapped_model_key, data, mapped_model_free);
      g_signal_connect (view, "map", G_CALLBACK (map_cb), data);
      g_signal_connect (view, "unmap", G_CALLBACK (unmap_cb), data);
    }

  /* A new model starts at its top. */
  stop_layout (data);
  if (kept == data)
    kept = NULL;
  g_set_object (&data->model, model);
  data->restore = FALSE;
  data->value = 0;
  data->selected = first_selected (model);
  data->released = !gtk_widget_get_mapped (view);
  set_view_model (view, data->released ? NULL : model);
}
