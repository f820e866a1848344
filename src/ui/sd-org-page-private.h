/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-org-page.h"
#include "sd-org-rules.h"

G_BEGIN_DECLS

struct _SdOrgPage
{
  AdwBin               parent_instance;

  SdStore             *store;

  /* The store's lists in display order. */
  GListModel          *units;
  GListModel          *bodies;
  GListModel          *members;

  /* The sidebar: a heading and the root units, a heading and the root
   * bodies; the tree list model adds the children of each row. */
  GListStore          *units_heading;
  GListStore          *bodies_heading;
  GListModel          *root_units;
  GListModel          *root_bodies;
  GtkTreeListModel    *tree;
  GtkSingleSelection  *selection;
  guint                tree_changing;

  /* What the details show: a unit or a body, or one of the overview's
   * views ("problems", "people", "rules", "chart") when @nav is set. */
  GType                shown_type;
  gint64               shown_id;
  const char          *nav;

  SdViolationList     *violations;
  GtkLabel            *problems_count;
  GtkWidget           *chart_view;

  GListModel          *unit_posts;
  GListModel          *org_posts;
  GListModel          *unit_people;
  GListModel          *body_members;
  GListModel          *body_led;

  /* Template widgets */
  GtkStack            *stack;
  AdwLeaflet          *leaflet;
  GtkListView         *sidebar_list;
  GtkListBox          *nav_list;
  GtkWidget           *add_button;
  GtkWidget           *more_button;
  AdwBin              *problems_bin;
  AdwBin              *people_bin;
  AdwBin              *rules_bin;
  AdwBin              *chart_bin;
  GtkButton           *back_button;
  GtkStack            *details_stack;
  GtkScrolledWindow   *unit_scroll;
  GtkLabel            *unit_title;
  GtkLabel            *unit_subtitle;
  GtkListBox          *unit_posts_list;
  AdwPreferencesGroup *org_posts_group;
  GtkListBox          *org_posts_list;
  GtkListBox          *unit_people_list;
  GtkScrolledWindow   *body_scroll;
  GtkLabel            *body_title;
  GtkLabel            *body_subtitle;
  GtkLabel            *body_description;
  GtkListBox          *body_members_list;
  AdwPreferencesGroup *body_led_group;
  GtkListBox          *body_led_list;
};

/* sd-org-page.c */
void     sd_org_page_select          (SdOrgPage  *self,
                                      GType       type,
                                      gint64      id);
/* Shows one of the overview's views by name, creating it on first use. */
void     sd_org_page_show_nav        (SdOrgPage  *self,
                                      const char *name);
/* The chart view, created on first use. */
GtkWidget *sd_org_page_get_chart_view (SdOrgPage *self);

/* sd-org-page-actions.c */
void     sd_org_page_class_init_actions (GtkWidgetClass *widget_class);
void     sd_org_page_update_actions     (SdOrgPage      *self);
/* Opens the editor of a unit, body, post, person or rule. */
void     sd_org_page_edit_item          (SdOrgPage      *self,
                                         GType           type,
                                         gint64          id);
/* Lets a sidebar row of @expander be dragged onto another unit. */
void     sd_org_page_setup_row_dnd      (SdOrgPage      *self,
                                         GtkWidget      *expander);
/* Deletes @item with an Undo toast. */
void     sd_org_page_delete_item        (SdOrgPage      *self,
                                         gpointer        item);
void     sd_org_page_toast              (SdOrgPage      *self,
                                         AdwToast       *toast);

G_END_DECLS
