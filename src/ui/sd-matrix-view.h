/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <gtk/gtk.h>

#include "sd-duty-matrix.h"

G_BEGIN_DECLS

#define SD_TYPE_MATRIX_VIEW (sd_matrix_view_get_type ())

/* The duty matrix as one custom-drawn, scrollable grid: only the visible
 * cells are drawn, in both directions, under sticky duty and party
 * headers. Put it in a GtkScrolledWindow. */
G_DECLARE_FINAL_TYPE (SdMatrixView, sd_matrix_view, SD, MATRIX_VIEW, GtkWidget)

GtkWidget    *sd_matrix_view_new             (void);
void          sd_matrix_view_set_matrix      (SdMatrixView *self,
                                              SdDutyMatrix *matrix);
SdDutyMatrix *sd_matrix_view_get_matrix      (SdMatrixView *self);

/* G_MAXUINT: none. Moving the cursor scrolls it into view. */
void          sd_matrix_view_set_cursor      (SdMatrixView *self,
                                              guint         row,
                                              guint         column);
void          sd_matrix_view_get_cursor      (SdMatrixView *self,
                                              guint        *row,
                                              guint        *column);
/* What a screen reader says about the cursor's cell (transfer full). */
char         *sd_matrix_view_describe_cursor (SdMatrixView *self);

double        sd_matrix_view_get_zoom        (SdMatrixView *self);
void          sd_matrix_view_set_zoom        (SdMatrixView *self,
                                              double        zoom);

G_END_DECLS
