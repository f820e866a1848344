/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <gtk/gtk.h>

#include "sd-assignment-edit.h"
#include "sd-duty-matrix.h"
#include "sd-matrix-render.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_MATRIX_VIEW (sd_matrix_view_get_type ())

/* The duty matrix as one custom-drawn, scrollable grid: only the visible
 * cells are drawn, in both directions, under sticky duty and party
 * headers. Put it in a GtkScrolledWindow.
 *
 * With a store (sd_matrix_view_set_store()) the roles can be edited:
 *
 *   R, A, C, I            give the role to the selected cells
 *   Delete, BackSpace     take their roles away
 *   Shift+arrows, Shift+click, dragging
 *                         extend the selection, a rectangle of cells from
 *                         an anchor to the cursor
 *   Ctrl+D                fill the selection downwards with the roles of
 *                         its top row (a single cell: from the duty above)
 *   Enter, Menu, Shift+F10, secondary click
 *                         a popover to choose the role of the selection
 *   a click on the cursor's cell
 *                         cycles its role: none, R, A, C, I, none
 *   Escape                back to the cursor's cell alone
 *   Ctrl+plus, Ctrl+minus, Ctrl+0, Ctrl+scroll
 *                         zoom
 *
 * Each edit is one transaction (sd_assignments_apply()); then "edited" or
 * "error" is emitted. The same is available as widget actions for menus:
 * "matrix.set-role" (s: "R", "A", "C", "I", or "" for none),
 * "matrix.fill-down", "matrix.menu", "matrix.zoom-in", "matrix.zoom-out"
 * and "matrix.zoom-reset".
 *
 * Properties besides "matrix", "store" and "zoom": "cursor-row" and
 * "cursor-column" (read-only, G_MAXUINT: none), notified when the cursor
 * moves.
 *
 * Signals:
 *
 *   edited (guint n_cells, GArray *undo)
 *     After an edit by the user changed @n_cells cells. @undo (a GArray of
 *     SdCellChange, transfer none: ref it to keep it) puts them back when
 *     passed to sd_matrix_view_apply().
 *   error (GError *error)
 *     The store refused an edit by the user (a read-only file, say);
 *     nothing was changed.
 */
G_DECLARE_FINAL_TYPE (SdMatrixView, sd_matrix_view, SD, MATRIX_VIEW, GtkWidget)

GtkWidget    *sd_matrix_view_new             (void);
void          sd_matrix_view_set_matrix      (SdMatrixView *self,
                                              SdDutyMatrix *matrix);
SdDutyMatrix *sd_matrix_view_get_matrix      (SdMatrixView *self);

/* The store edits are written to (the matrix's own); NULL: read only. */
void          sd_matrix_view_set_store       (SdMatrixView *self,
                                              SdStore      *store);
SdStore      *sd_matrix_view_get_store       (SdMatrixView *self);

/* G_MAXUINT: none. Moving the cursor scrolls it into view and makes the
 * selection its cell alone. The cursor follows its duty and party when
 * the matrix is rebuilt. */
void          sd_matrix_view_set_cursor      (SdMatrixView *self,
                                              guint         row,
                                              guint         column);
void          sd_matrix_view_get_cursor      (SdMatrixView *self,
                                              guint        *row,
                                              guint        *column);
/* The rectangle of selected cells, at least the cursor's cell (area
 * header rows within it are not edited). FALSE when no cell is selected
 * (no cursor, or the cursor on a duty's header). */
gboolean      sd_matrix_view_get_selection   (SdMatrixView      *self,
                                              SdMatrixSelection *selection);
/* What a screen reader says about the cursor's cell, the problems of its
 * duty and the size of the selection (transfer full). */
char         *sd_matrix_view_describe_cursor (SdMatrixView *self);

/* Applies @changes to the store in one transaction and shows the result at
 * once; for undoing an "edited" signal. Emits neither "edited" nor
 * "error": the caller has the error. */
gboolean      sd_matrix_view_apply           (SdMatrixView        *self,
                                              const SdCellChange  *changes,
                                              guint                n_changes,
                                              GError             **error);

double        sd_matrix_view_get_zoom        (SdMatrixView *self);
void          sd_matrix_view_set_zoom        (SdMatrixView *self,
                                              double        zoom);

G_END_DECLS
