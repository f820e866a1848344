/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "sd-color.h"

G_BEGIN_DECLS

/* The year timeline of a plan: twelve month columns, the tasks as bars
 * grouped by stream (a heading row per stream), today's line, bars
 * coloured by status, late tasks marked (red outline and a "!" glyph).
 * Plain data filled by the caller (see sd_timeline_model_new_for_plan in
 * sd-plan-render.h); drawing and hit-testing share one layout. */
typedef enum
{
  SD_TIMELINE_PLANNED,
  SD_TIMELINE_IN_PROGRESS,
  SD_TIMELINE_DONE,
  SD_TIMELINE_CANCELLED,
} SdTimelineStatus;

typedef struct
{
  const char       *title;
  int               start_month, end_month;   /* 1..12 */
  SdTimelineStatus  status;
  int               progress;                 /* 0..100, drawn as a fill */
  gboolean          late;                     /* overdue */
  gboolean          carried_over;
  int               stream;                   /* index into streams */
} SdTimelineBar;

typedef struct
{
  int                  year;
  const char * const  *streams;        /* names */
  guint                n_streams;
  const SdTimelineBar *bars;           /* grouped by stream, in order */
  guint                n_bars;
  int                  today_month;    /* 0: today is not in this year */
  double               today_fraction; /* 0..1 within today's month */
  int                  selected_bar;   /* -1: none */
} SdTimelineModel;

typedef struct
{
  SdColor     status[4];            /* bar fill per SdTimelineStatus */
  SdColor     late;                 /* outline of late bars */
  SdColor     foreground, background, grid, today;
  SdColor     selection;
  const char *font_family;          /* NULL: "Sans" */
  double      font_size;            /* px; 0: 11 */
  double      row_height;           /* px; 0: from the font */
  gboolean    show_titles_in_bars;  /* FALSE: titles in a left column */
} SdTimelineStyle;

void     sd_timeline_style_init_default (SdTimelineStyle       *style,
                                         gboolean               dark);
/* The height the timeline needs at @width (rows × row height + header). */
double   sd_timeline_get_height         (const SdTimelineModel *model,
                                         const SdTimelineStyle *style,
                                         double                 width);
void     sd_timeline_draw               (cairo_t               *cr,
                                         double                 width,
                                         double                 height,
                                         const SdTimelineModel *model,
                                         const SdTimelineStyle *style);

typedef enum
{
  SD_TIMELINE_HIT_NONE,
  SD_TIMELINE_HIT_BAR,         /* the middle of a bar */
  SD_TIMELINE_HIT_BAR_START,   /* its left end (a few px): drag to change the start month */
  SD_TIMELINE_HIT_BAR_END,     /* its right end */
  SD_TIMELINE_HIT_MONTH,       /* an empty place in a month column */
} SdTimelineHitKind;

typedef struct
{
  SdTimelineHitKind kind;
  int               bar;       /* index, or -1 */
  int               month;     /* the month column under the point, 1..12, or 0 */
} SdTimelineHit;

gboolean sd_timeline_hit_test           (const SdTimelineModel *model,
                                         const SdTimelineStyle *style,
                                         double                 width,
                                         double                 height,
                                         double                 x,
                                         double                 y,
                                         SdTimelineHit         *hit);
gboolean sd_timeline_get_bar_rect       (const SdTimelineModel *model,
                                         const SdTimelineStyle *style,
                                         double                 width,
                                         double                 height,
                                         guint                  bar,
                                         cairo_rectangle_t     *rect);

G_END_DECLS
