/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <gio/gio.h>
#include <cairo.h>
#include <pango/pango.h>

#include "sd-color.h"
#include "sd-store.h"

G_BEGIN_DECLS

/*
 * The organisation chart: the security bodies as a top-down tree (a body
 * hangs under the body that leads it), each box with the body's name, kind,
 * leaders, deputy leaders and members, and under the daily execution unit a
 * panel with the security posts and who holds them.
 *
 * SdOrgChart is the laid-out chart: pure geometry, measured with Pango in
 * one PangoContext and drawn later with the very same text layouts, so
 * that what the tests check is what is drawn. Coordinates are in chart
 * units (a pixel on screen at zoom 1, a point on paper at scale 1), with
 * (0, 0) the top-left corner of the chart.
 */

typedef enum
{
  SD_ORG_CHART_BOX_BODY,    /* a security body */
  SD_ORG_CHART_BOX_POSTS,   /* the panel that holds the post boxes */
  SD_ORG_CHART_BOX_POST,    /* one kind of security post, inside the panel */
} SdOrgChartBoxKind;

typedef struct
{
  SdOrgChartBoxKind        kind;
  GType                    type;       /* SD_TYPE_BODY, SD_TYPE_POST; G_TYPE_NONE for the panel */
  gint64                   id;         /* the body, or the first post of the kind; 0 for the panel */
  double                   x, y, width, height;
  int                      container;  /* index of the box this one lies in, or -1 */
  const cairo_rectangle_t *labels;     /* where each of its texts is (owned by the chart) */
  guint                    n_labels;
} SdOrgChartBox;

/* A line from a box to a box under it, drawn as (x0, y0) down to bus_y,
 * across to x1, down to (x1, y1). */
typedef struct
{
  int    from;     /* index of the upper box: the leading body */
  int    to;       /* index of the lower box */
  double x0, y0;   /* bottom centre of the upper box */
  double bus_y;
  double x1, y1;   /* top centre of the lower box */
} SdOrgChartConnector;

typedef struct
{
  SdColor foreground;   /* names */
  SdColor dim;          /* kinds, roles and other secondary text */
  SdColor background;   /* alpha 0: not painted */
  SdColor accent;       /* the band on top of each body box */
  SdColor box_fill;
  SdColor box_border;
  SdColor panel_fill;   /* the panel of the posts */
  SdColor line;         /* connectors */
} SdOrgChartStyle;

typedef struct _SdOrgChart SdOrgChart;

void          sd_org_chart_style_default        (SdOrgChartStyle       *style,
                                                 gboolean               dark);

/* A PangoContext for charts that go to paper or to a file: no hinting, so
 * that the geometry does not depend on the device (transfer full). */
PangoContext *sd_org_chart_create_pango_context (void);

/* Lays out the chart of @store's current data, measuring text in @context
 * (the widget's, or sd_org_chart_create_pango_context()). */
SdOrgChart   *sd_org_chart_new                  (SdStore               *store,
                                                 PangoContext          *context);
void          sd_org_chart_free                 (SdOrgChart            *chart);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdOrgChart, sd_org_chart_free)

void          sd_org_chart_get_size             (SdOrgChart            *chart,
                                                 double                *width,
                                                 double                *height);
/* TRUE when there is neither a body nor a security post to show; the chart
 * then draws a short note instead. */
gboolean      sd_org_chart_is_empty             (SdOrgChart            *chart);
guint         sd_org_chart_get_n_bodies         (SdOrgChart            *chart);
guint         sd_org_chart_get_n_posts          (SdOrgChart            *chart);

guint         sd_org_chart_get_n_boxes          (SdOrgChart            *chart);
gboolean      sd_org_chart_get_box              (SdOrgChart            *chart,
                                                 guint                  index,
                                                 SdOrgChartBox         *box);
/* The box of an item, or -1. */
int           sd_org_chart_find_box             (SdOrgChart            *chart,
                                                 GType                  type,
                                                 gint64                 id);
guint         sd_org_chart_get_n_connectors     (SdOrgChart            *chart);
gboolean      sd_org_chart_get_connector        (SdOrgChart            *chart,
                                                 guint                  index,
                                                 SdOrgChartConnector   *connector);
/* The innermost box at (@x, @y) in chart units, or -1. */
int           sd_org_chart_lookup               (SdOrgChart            *chart,
                                                 double                 x,
                                                 double                 y);
/* A fuller text about a box, for a tooltip (owned by the chart). */
const char   *sd_org_chart_get_box_tooltip      (SdOrgChart            *chart,
                                                 guint                  index);
/* The whole chart as plain text, one line per body and post kind, for
 * screen readers (transfer full). */
char         *sd_org_chart_dup_outline          (SdOrgChart            *chart);

/* Draws the chart at (0, 0), in chart units. */
void          sd_org_chart_draw                 (SdOrgChart            *chart,
                                                 cairo_t               *cr,
                                                 const SdOrgChartStyle *style);

/* Draws a title line and @store's chart, scaled to fit, in the area from
 * (0, 0) to (@width, @height) of @cr: one printed page, or a page of a
 * PDF or SVG file. Black on white. */
void          sd_org_chart_draw_page            (SdStore               *store,
                                                 cairo_t               *cr,
                                                 double                 width,
                                                 double                 height);

/* Writes @store's chart to @path: a PNG (twice the natural size, on
 * white), or an A4 landscape page as PDF or SVG, chosen by the file name's
 * extension. */
gboolean      sd_org_chart_export               (SdStore               *store,
                                                 const char            *path,
                                                 GError               **error);

G_END_DECLS
