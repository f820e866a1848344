/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <glib.h>
#include <cairo.h>

#include "sd-color.h"
#include "sd-zone.h"

G_BEGIN_DECLS


/* What the heat map shows. Plain data, filled in by the caller (the widget,
 * the printer, the exporter); nothing in it is owned. */
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
} SdHeatmapStyle;

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

int      sd_heatmap_count_unknown_glyphs (const char           *text,
                                          const SdHeatmapStyle *style);

G_END_DECLS
