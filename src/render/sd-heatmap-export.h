/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "sd-heatmap-data.h"

G_BEGIN_DECLS

typedef enum
{
  SD_HEATMAP_FORMAT_PNG,
  SD_HEATMAP_FORMAT_SVG,
  SD_HEATMAP_FORMAT_PDF,
} SdHeatmapFormat;

/* From the file name's extension (.png, .svg, .pdf, any case). */
gboolean sd_heatmap_format_from_path (const char      *path,
                                      SdHeatmapFormat *format,
                                      GError         **error);

/* Writes the heat map of @level of every risk of @store to @path, in the
 * format its extension names, in the light style. @width, @height: pixels
 * for PNG, points for SVG and PDF; 0 for the default (1600×1200 px, A4
 * landscape). Vector formats stay crisp at any size; a PNG of 3840×2160
 * is drawn at that size, not scaled. The PDF adds the register after the
 * map: one row per risk with code, title, owner (unit · person), the shown
 * rating ("3×5 = 15") and its zone name, on as many pages as it takes,
 * with "Page N of M". Text goes through Pango. */
gboolean sd_heatmap_export           (SdStore         *store,
                                      SdRiskLevel      level,
                                      const char      *path,
                                      int              width,
                                      int              height,
                                      GError         **error);

/* The same pages for printing (GtkPrintOperation, in the UI). */
typedef struct _SdHeatmapPrint SdHeatmapPrint;

SdHeatmapPrint *sd_heatmap_print_new      (SdStore        *store,
                                           SdRiskLevel     level,
                                           PangoContext   *context,
                                           double          page_width,
                                           double          page_height);
void            sd_heatmap_print_free     (SdHeatmapPrint *print);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdHeatmapPrint, sd_heatmap_print_free)
guint           sd_heatmap_print_get_n_pages (SdHeatmapPrint *print);
void            sd_heatmap_print_draw_page   (SdHeatmapPrint *print,
                                              cairo_t        *cr,
                                              guint           page);

G_END_DECLS
