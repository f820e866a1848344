/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "sd-color.h"
#include "sd-duty-matrix.h"

G_BEGIN_DECLS

/* Sizes in pixels (device-independent). The duty column on the left and
 * the party headers on top stay in place while the cells scroll. */
typedef struct
{
  double row_height;
  double group_height;       /* the unit names above the party names */
  double header_height;      /* the party names */
  double row_header_width;   /* code and text of each duty */
  double code_width;         /* the code, within the row header */
  double column_width;
} SdMatrixMetrics;

typedef struct
{
  SdColor foreground;
  SdColor dim;               /* codes, counts */
  SdColor background;
  SdColor header_background;
  SdColor area_background;
  SdColor grid;
  SdColor cursor;
  SdColor selection;         /* drawn over the selected cells, translucent */
  SdColor warning;           /* the marker of a duty with a problem */
  SdColor role_fill[4];      /* R, A, C, I */
  SdColor role_text[4];
} SdMatrixStyle;

/* A rectangle of cells, bounds inclusive; first_row > last_row: none. */
typedef struct
{
  guint first_row, last_row;
  guint first_column, last_column;
} SdMatrixSelection;

typedef enum
{
  SD_MATRIX_HIT_NONE,
  SD_MATRIX_HIT_CELL,
  SD_MATRIX_HIT_ROW_HEADER,
  SD_MATRIX_HIT_COLUMN_HEADER,
  SD_MATRIX_HIT_CORNER,
} SdMatrixHit;

/* Text laid out once and drawn every frame after, until cleared. */
typedef struct _SdMatrixTextCache SdMatrixTextCache;

SdMatrixTextCache *sd_matrix_text_cache_new        (PangoContext          *context);
void               sd_matrix_text_cache_clear      (SdMatrixTextCache     *cache);
void               sd_matrix_text_cache_free       (SdMatrixTextCache     *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdMatrixTextCache, sd_matrix_text_cache_free)

/* Metrics for the cache's font at @zoom (1.0 normal). */
void               sd_matrix_metrics_init          (SdMatrixMetrics       *metrics,
                                                    SdMatrixTextCache     *cache,
                                                    double                 zoom);
void               sd_matrix_style_init_default    (SdMatrixStyle         *style,
                                                    gboolean               dark);

void               sd_matrix_get_content_size      (SdDutyMatrix          *matrix,
                                                    const SdMatrixMetrics *metrics,
                                                    double                *width,
                                                    double                *height);

/* Draws the part of the grid seen through a @width × @height viewport whose
 * cells are scrolled by (@scroll_x, @scroll_y). @cursor_row and
 * @cursor_column (G_MAXUINT: none) get an outline; the cells of @selection
 * (nullable) are tinted. Duties with a problem
 * (sd_duty_matrix_get_row_problems()) get a warning marker at the end of
 * their row header. */
void               sd_matrix_draw                  (cairo_t                 *cr,
                                                    SdDutyMatrix            *matrix,
                                                    const SdMatrixMetrics   *metrics,
                                                    const SdMatrixStyle     *style,
                                                    SdMatrixTextCache       *cache,
                                                    double                   scroll_x,
                                                    double                   scroll_y,
                                                    double                   width,
                                                    double                   height,
                                                    guint                    cursor_row,
                                                    guint                    cursor_column,
                                                    const SdMatrixSelection *selection);

/* The square of the warning marker of @row's header, in viewport
 * coordinates when the rows are scrolled by @scroll_y. */
void               sd_matrix_get_marker_area       (const SdMatrixMetrics *metrics,
                                                    double                 scroll_y,
                                                    guint                  row,
                                                    cairo_rectangle_t     *area);

/* What is at (@x, @y) of the viewport: the row and column under it
 * (G_MAXUINT where there is none). */
SdMatrixHit        sd_matrix_lookup                (SdDutyMatrix          *matrix,
                                                    const SdMatrixMetrics *metrics,
                                                    double                 scroll_x,
                                                    double                 scroll_y,
                                                    double                 x,
                                                    double                 y,
                                                    guint                 *row,
                                                    guint                 *column);

/* Where a cell lies among the cells, (0, 0) being the first cell's corner:
 * what the scroll offsets must reach to bring it into view. */
void               sd_matrix_get_cell_area         (const SdMatrixMetrics *metrics,
                                                    guint                  row,
                                                    guint                  column,
                                                    cairo_rectangle_t     *area);

G_END_DECLS
