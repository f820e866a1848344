/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-assignment-index.h"
#include "sd-duties-page.h"
#include "sd-duty.h"
#include "sd-duty-matrix.h"
#include "sd-matrix-view.h"
#include "sd-org-rules.h"

G_BEGIN_DECLS

struct _SdDutiesPage
{
  AdwBin              parent_instance;

  SdStore            *store;
  SdDutyMatrix       *matrix;
  SdAssignmentIndex  *index;
  SdViolationList    *problems;
  GObject            *sign_summary;

  /* What the filter drop-downs offer, index for index after "All". */
  GArray             *unit_ids;       /* gint64 */
  GArray             *parties;        /* SdMatrixColumn, item unset */
  GStrv               areas;
  GtkToggleButton    *role_toggles[4];
  gboolean            updating_filters;

  GtkStack           *stack;
  AdwViewStack       *views;
  AdwViewStackPage   *problems_view_page;
  AdwViewStackPage   *signoff_view_page;
  GtkStack           *results_stack;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  GtkDropDown        *unit_filter;
  GtkDropDown        *area_filter;
  GtkDropDown        *party_filter;
  GtkBox             *role_filter_box;
  GtkCheckButton     *problems_filter;
  GtkLabel           *count_label;
  GtkLabel           *legend_label;
  GtkToggleButton    *matrix_button;
  GtkToggleButton    *list_button;
  SdMatrixView       *matrix_view;
  GtkColumnView      *column_view;
  AdwBin             *party_bin;
  AdwBin             *problems_bin;
  AdwBin             *signoff_bin;
};

/* The duty the user is on: the matrix's cursor row, or the list's
 * selection (transfer none), or NULL. */
SdDuty *sd_duties_page_get_current_duty  (SdDutiesPage   *self);
/* Shows the By Party view on a party. */
void    sd_duties_page_show_party        (SdDutiesPage   *self,
                                          SdPartyKind     kind,
                                          gint64          party_id);

/* sd-duties-page-actions.c */
void    sd_duties_page_class_init_actions (GtkWidgetClass *widget_class);
void    sd_duties_page_update_actions     (SdDutiesPage   *self);
void    sd_duties_page_connect_edits      (SdDutiesPage   *self);

G_END_DECLS
