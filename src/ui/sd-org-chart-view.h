/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <gtk/gtk.h>

#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_ORG_CHART_VIEW (sd_org_chart_view_get_type ())

/* The organisation chart on screen: state and input here, layout and
 * drawing in src/render/sd-org-chart.c. It asks for the chart's size at
 * its zoom, so put it in a GtkScrolledWindow. */
G_DECLARE_FINAL_TYPE (SdOrgChartView, sd_org_chart_view, SD, ORG_CHART_VIEW, GtkWidget)

GtkWidget *sd_org_chart_view_new       (SdStore        *store);
SdStore   *sd_org_chart_view_get_store (SdOrgChartView *self);
void       sd_org_chart_view_set_store (SdOrgChartView *self,
                                        SdStore        *store);
/* 1.0 is the natural size; from 0.25 to 4. */
double     sd_org_chart_view_get_zoom  (SdOrgChartView *self);
void       sd_org_chart_view_set_zoom  (SdOrgChartView *self,
                                        double          zoom);
/* Opens the print dialog, A4 landscape by default, and prints the chart on
 * one page. A failure is reported through the "error" signal. */
void       sd_org_chart_view_print     (SdOrgChartView *self,
                                        GtkWindow      *parent);

G_END_DECLS
