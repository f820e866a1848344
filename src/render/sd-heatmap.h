/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <glib.h>
#include <cairo.h>

#include "sd-color.h"
#include "sd-zone.h"

G_BEGIN_DECLS


/* One risk on the map: a marker with its code in the cell of the shown
 * rating, and, for the arrows, the cells of its three ratings. */
typedef struct
{
  const char  *code;
  int          likelihood, impact;        /* the cell shown; 0: not on the map */
  int          path_likelihood[3];        /* inherent, residual, target (SdRiskLevel order) */
  int          path_impact[3];
  SdZone       zone;                      /* the zone of the cell shown */
} SdHeatmapMarker;

/* What the heat map shows. Plain data, filled in by the caller (the widget,
 * the printer, the exporter, see sd-heatmap-data.h); nothing in it is owned. */
typedef struct
{
  int          size;                                            /* 3..5 */
  SdZone       zones[SD_MATRIX_MAX_SIZE][SD_MATRIX_MAX_SIZE];   /* [likelihood-1][impact-1] */
  guint        counts[SD_MATRIX_MAX_SIZE][SD_MATRIX_MAX_SIZE];  /* risks per cell */
  const char  *likelihood_labels[SD_MATRIX_MAX_SIZE];           /* NULL: default label */
  const char  *impact_labels[SD_MATRIX_MAX_SIZE];
  const char  *likelihood_title;                                /* NULL: "Likelihood" */
  const char  *impact_title;                                    /* NULL: "Impact" */
  int          selected_likelihood, selected_impact;            /* 0: none */

  /* The markers. Without them (n_markers 0) a cell shows its count. A cell
   * with more markers than fit shows as many as fit and a "+N" badge;
   * the expanded cell lists all of its codes in a panel drawn over the
   * map next to it. */
  const SdHeatmapMarker *markers;
  guint                  n_markers;
  const guint           *cell_markers[SD_MATRIX_MAX_SIZE][SD_MATRIX_MAX_SIZE]; /* indices, in order */
  int                    selected_marker;      /* -1: none; drawn highlighted */
  int                    hover_marker;         /* -1: none */
  int                    expanded_likelihood, expanded_impact;  /* 0: none */
  /* Arrows from inherent to residual to target, one per pair of cells,
   * as wide as the number of risks that take it (instead of markers). */
  gboolean               show_arrows;
  /* A marker being dragged: drawn as a ghost in the cell under the pointer. */
  int                    drag_marker;          /* -1: none */
  int                    drag_likelihood, drag_impact;
} SdHeatmapModel;

/* How it looks. An empty string as a label or title draws nothing; NULL
 * draws the default. A background with alpha 0 is not painted, so that a
 * widget can draw over its own background. */
typedef struct
{
  SdColor     zone[SD_N_ZONES];        /* fill of each zone */
  SdColor     zone_text[SD_N_ZONES];   /* text on each zone, chosen for contrast */
  SdColor     foreground, background;
  SdColor     grid;                    /* reserved for rules; the current look draws none */
  SdColor     selection;               /* 2-px outline of the selected cell */
  const char *font_family;             /* NULL: "Sans" */
  double      font_scale;              /* 1.0 normal; bigger for projection */
  double      min_text_px;             /* the smallest text drawn, in px (user units);
                                        * 0: by font_scale. Workshop mode sets
                                        * height / 40. */
  gboolean    high_contrast;           /* projector: bold outlines, saturated zones */
} SdHeatmapStyle;

/* What lies under a point of the map. */
typedef enum
{
  SD_HEATMAP_HIT_NONE,
  SD_HEATMAP_HIT_CELL,       /* a cell, not on a marker */
  SD_HEATMAP_HIT_MARKER,     /* a marker (also one in the expanded panel) */
  SD_HEATMAP_HIT_MORE,       /* the "+N" badge of a crowded cell */
} SdHeatmapHitKind;

typedef struct
{
  SdHeatmapHitKind kind;
  int              likelihood, impact;   /* the cell (for MARKER: the marker's cell) */
  int              marker;               /* index for MARKER, else -1 */
} SdHeatmapHit;

void     sd_heatmap_model_init_default   (SdHeatmapModel       *model);
void     sd_heatmap_style_init_default   (SdHeatmapStyle       *style,
                                          gboolean              dark);

void     sd_heatmap_draw                 (cairo_t              *cr,
                                          double                width,
                                          double                height,
                                          const SdHeatmapModel *model,
                                          const SdHeatmapStyle *style);
gboolean sd_heatmap_lookup               (const SdHeatmapModel *model,
                                          double                width,
                                          double                height,
                                          double                x,
                                          double                y,
                                          int                  *likelihood,
                                          int                  *impact);
gboolean sd_heatmap_get_cell_rect        (const SdHeatmapModel *model,
                                          double                width,
                                          double                height,
                                          int                   likelihood,
                                          int                   impact,
                                          cairo_rectangle_t    *rect);

/* Hit-testing with the same layout as sd_heatmap_draw() (markers need the
 * style: their size follows the text). */
gboolean sd_heatmap_hit_test             (const SdHeatmapModel *model,
                                          const SdHeatmapStyle *style,
                                          double                width,
                                          double                height,
                                          double                x,
                                          double                y,
                                          SdHeatmapHit         *hit);
/* Where marker @index is drawn; FALSE if it is hidden in a crowded cell. */
gboolean sd_heatmap_get_marker_rect      (const SdHeatmapModel *model,
                                          const SdHeatmapStyle *style,
                                          double                width,
                                          double                height,
                                          guint                 index,
                                          cairo_rectangle_t    *rect);

int      sd_heatmap_count_unknown_glyphs (const char           *text,
                                          const SdHeatmapStyle *style);

G_END_DECLS
