/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-heatmap-view.h"
#include "sd-risk-card.h"
#include "sd-risk-filter.h"
#include "sd-risk-history.h"
#include "sd-risks-page.h"

G_BEGIN_DECLS

struct _SdRisksPage
{
  AdwBin              parent_instance;

  SdStore            *store;
  SdRiskHistory      *history;

  /* The register: the store's risks → the filter (search and the filter
   * popover; the map shows these) → the cell filter (a cell of the map
   * chosen with a click) → the column view's sorter → the selection. */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *cell_filter;
  GtkFilterListModel *cell_filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  SdRiskFilter        criteria;        /* text points into search_entry */
  GDateTime          *today;
  int                 cell_likelihood; /* the cell filter, or 0 */
  int                 cell_impact;

  /* What the filter drop-downs offer, index for index after "All". */
  GArray             *category_ids;    /* gint64 */
  GArray             *unit_ids;        /* gint64 */
  GtkCheckButton     *zone_checks[SD_N_ZONES];
  GtkCheckButton     *status_checks[SD_N_RISK_STATUSES];
  guint               updating;
  gboolean            syncing_selection;
  gboolean            in_workshop;

  GtkStack           *mode_stack;
  GtkStack           *stack;
  GtkStack           *results_stack;
  GtkLabel           *count_label;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  GtkBox             *zone_box;
  GtkBox             *status_box;
  GtkDropDown        *category_filter;
  GtkDropDown        *unit_filter;
  GtkCheckButton     *overdue_check;
  GtkToggleButton    *inherent_button;
  GtkToggleButton    *residual_button;
  GtkToggleButton    *target_button;
  GtkToggleButton    *arrows_button;
  GtkWidget          *cell_bar;
  GtkLabel           *cell_label;
  GtkColumnView      *column_view;
  SdHeatmapView      *heatmap;
  AdwBin             *card_bin;
  GtkPaned           *map_paned;
  SdRiskCard         *card;
  AdwBin             *workshop_bin;
};

/* The risk selected in the register or on the map (transfer none), or
 * NULL. */
SdRisk      *sd_risks_page_get_selected_risk (SdRisksPage *self);
/* Selects @risk in the register and on the map. */
void         sd_risks_page_select_risk       (SdRisksPage *self,
                                              SdRisk      *risk);
SdRiskLevel  sd_risks_page_get_level         (SdRisksPage *self);
/* Lists only the risks of a cell of the map (0, 0 for all again). */
void         sd_risks_page_set_cell_filter   (SdRisksPage *self,
                                              int          likelihood,
                                              int          impact);
/* The risks the register shows, in its order (transfer none). */
GListModel  *sd_risks_page_get_register      (SdRisksPage *self);

/* sd-risks-page-actions.c */
void         sd_risks_page_class_init_actions (GtkWidgetClass *widget_class);
void         sd_risks_page_update_actions     (SdRisksPage    *self);
/* Opens the editor of @risk (NULL: a new one). */
void         sd_risks_page_edit_risk          (SdRisksPage    *self,
                                               SdRisk         *risk);
/* Asks for the reason of a re-rating from the map. */
void         sd_risks_page_rerate             (SdRisksPage    *self,
                                               SdRisk         *risk,
                                               SdRiskLevel     level,
                                               int             likelihood,
                                               int             impact);
void         sd_risks_page_enter_workshop     (SdRisksPage    *self);
void         sd_risks_page_leave_workshop     (SdRisksPage    *self);

G_END_DECLS
