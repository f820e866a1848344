/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives @view (a GtkListView, GtkGridView or GtkColumnView) @model while
 * the view is mapped, and takes it away once another such view has been
 * hidden after it. GTK 4.8's list views make widgets for up to two hundred
 * rows as soon as they have a model and keep them whether they are shown
 * or not: megabytes for the risk register's ten columns, which a page that
 * is not shown has no use for. The view hidden last keeps its rows, so
 * that going back to the page just left is as quick as before. When a
 * view gets its model back it scrolls to where it was, or to the selected
 * item if the selection changed meanwhile; the selection itself lives in
 * @model and is kept.
 *
 * While the view has no model, gtk_*_view_get_model() returns NULL: code
 * that needs the model keeps its own reference. %NULL gives the view no
 * model from now on. */
void sd_ui_set_model_while_mapped (GtkWidget         *view,
                                   GtkSelectionModel *model);

G_END_DECLS
