/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-risks-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sd-labels.h"
#include "sd-mapped-model.h"
#include "sd-matrix-settings.h"
#include "sd-person.h"
#include "sd-risk.h"
#include "sd-risk-category.h"
#include "sd-risk-matrix.h"
#include "sd-risk-rating.h"
#include "sd-risks-page-private.h"
#include "sd-ui.h"
#include "sd-unit.h"

/*
 * The register and the map show the same risks: the map is given the
 * filtered list, and the register lists it, narrowed further to one cell
 * when the user clicks a cell. The selection lives in the map (it is what
 * the card and the actions follow) and the register mirrors it.
 *
 * Cells of the register that depend on more than their risk (the trend
 * depends on the level shown and the history, the zone chips on the
 * matrix) listen to the page's ::refresh, emitted when those change.
 */

G_DEFINE_FINAL_TYPE (SdRisksPage, sd_risks_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  REFRESH,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Which column a factory fills. */
typedef enum
{
  COLUMN_CODE,
  COLUMN_TITLE,
  COLUMN_CATEGORY,
  COLUMN_INHERENT,
  COLUMN_RESIDUAL,
  COLUMN_TARGET,
  COLUMN_TREND,
  COLUMN_OWNER,
  COLUMN_STATUS,
  COLUMN_REVIEW,
} Column;

/* A review this close is pointed out before it is overdue. */
#define REVIEW_SOON_DAYS 30

static const char * const zone_classes[SD_N_ZONES] = { "low", "medium", "high", "major" };
static const char * const status_codes[SD_N_RISK_STATUSES] = {
  "open", "treating", "accepted", "closed"
};

/* Level labels and titles */

/* The label of a level of one axis, as the matrix settings name it. */
static char *
axis_level_label (SdStore  *store,
                  gboolean  likelihood,
                  int       level)
{
  SdMatrixSettings settings = { 0 };
  char *label = NULL;

  sd_store_get_matrix (store, &settings);
  if (level >= 1 && level <= settings.size)
    label = g_strdup (likelihood ? settings.likelihood_labels[level - 1]
                                 : settings.impact_labels[level - 1]);
  if (label == NULL || *label == '\0')
    {
      g_free (label);
      label = g_strdup (likelihood ? sd_risk_likelihood_label_for_size (level, settings.size)
                                   : sd_risk_impact_label_for_size (level, settings.size));
    }
  sd_matrix_settings_clear (&settings);
  return label;
}

SdRiskLevel
sd_risks_page_get_level (SdRisksPage *self)
{
  g_return_val_if_fail (SD_IS_RISKS_PAGE (self), SD_RISK_LEVEL_INHERENT);

  return sd_heatmap_view_get_level (self->heatmap);
}

GListModel *
sd_risks_page_get_register (SdRisksPage *self)
{
  g_return_val_if_fail (SD_IS_RISKS_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

/* State */

static void
update_state (SdRisksPage *self)
{
  guint n_all = g_list_model_get_n_items (sd_store_get_items (self->store, SD_TYPE_RISK));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->cell_filtered));
  SdRiskFilter criteria = self->criteria;
  guint n_filters;
  g_autofree char *count = NULL;
  g_autofree char *filter_label = NULL;

  if (n == n_all)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u risk", "%u risks", n_all),
                             n_all);
  else
    /* Translators: "12 of 25 risks" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u risk", "%u of %u risks",
                                          n_all), n, n_all);
  gtk_label_set_label (self->count_label, count);

  /* The search has its own entry; the button counts the popover's filters. */
  criteria.text = NULL;
  n_filters = sd_risk_filter_count (&criteria);
  if (n_filters > 0)
    /* Translators: the filter button with the number of filters in use */
    filter_label = g_strdup_printf (_("_Filter (%u)"), n_filters);
  gtk_menu_button_set_label (self->filter_button, filter_label != NULL ? filter_label
                                                                        : _("_Filter"));

  gtk_stack_set_visible_child_name (self->stack, n_all > 0 ? "content" : "empty");
  gtk_stack_set_visible_child_name (self->results_stack, n > 0 ? "list" : "none");
  gtk_widget_set_visible (self->cell_bar, self->cell_likelihood != 0);
  sd_risks_page_update_actions (self);
}

/* Filters */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  SdRisksPage *self = user_data;

  return sd_risk_filter_matches (&self->criteria, self->store, item, self->today);
}

static gboolean
cell_filter_func (gpointer item,
                  gpointer user_data)
{
  SdRisksPage *self = user_data;
  int l, i;

  if (self->cell_likelihood == 0)
    return TRUE;
  sd_risk_get_cell (item, self->criteria.level, sd_store_get_matrix_size (self->store), &l, &i);
  return l == self->cell_likelihood && i == self->cell_impact;
}

/* The first choice of a filter's drop-down is "All". */
static gint64
chosen_id (GtkDropDown *drop_down,
           GArray      *ids)
{
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || selected - 1 >= ids->len)
    return 0;
  return g_array_index (ids, gint64, selected - 1);
}

static void
filter_changed_cb (SdRisksPage *self)
{
  if (self->updating > 0 || self->store == NULL)
    return;

  self->criteria.zones = 0;
  for (guint z = 0; z < SD_N_ZONES; z++)
    if (gtk_check_button_get_active (self->zone_checks[z]))
      self->criteria.zones |= 1u << z;
  self->criteria.statuses = 0;
  for (guint s = 0; s < SD_N_RISK_STATUSES; s++)
    if (gtk_check_button_get_active (self->status_checks[s]))
      self->criteria.statuses |= 1u << s;
  self->criteria.category_id = chosen_id (self->category_filter, self->category_ids);
  self->criteria.owner_unit_id = chosen_id (self->unit_filter, self->unit_ids);
  self->criteria.review_overdue = gtk_check_button_get_active (self->overdue_check);
  self->criteria.text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (self->criteria.text != NULL && *self->criteria.text == '\0')
    self->criteria.text = NULL;

  /* "Overdue" is relative to the day the filter is applied. */
  g_clear_pointer (&self->today, g_date_time_unref);
  self->today = g_date_time_new_now_local ();

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
clear_filters (SdRisksPage *self)
{
  self->updating++;
  for (guint z = 0; z < SD_N_ZONES; z++)
    gtk_check_button_set_active (self->zone_checks[z], FALSE);
  for (guint s = 0; s < SD_N_RISK_STATUSES; s++)
    gtk_check_button_set_active (self->status_checks[s], FALSE);
  gtk_drop_down_set_selected (self->category_filter, 0);
  gtk_drop_down_set_selected (self->unit_filter, 0);
  gtk_check_button_set_active (self->overdue_check, FALSE);
  self->updating--;
  filter_changed_cb (self);
}

static void
clear_filters_cb (SdRisksPage *self)
{
  clear_filters (self);
}

/* "Show All Risks" of the empty result: the search, the filters and the
 * cell all go. */
static void
show_everything_cb (SdRisksPage *self)
{
  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->updating--;
  sd_risks_page_set_cell_filter (self, 0, 0);
  clear_filters (self);
}

static void
append_units (SdRisksPage   *self,
              GtkStringList *names,
              GListModel    *units,
              gint64         parent_id,
              guint          depth)
{
  guint n = g_list_model_get_n_items (units);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdUnit) unit = g_list_model_get_item (units, i);
      g_autofree char *indent = NULL;
      g_autofree char *label = NULL;
      gint64 id = sd_item_get_id (SD_ITEM (unit));

      if (sd_unit_get_parent_id (unit) != parent_id)
        continue;
      /* Indented by level, as in the organisation's tree. */
      indent = g_strnfill (depth * 2, ' ');
      label = g_strconcat (indent, sd_unit_get_name (unit), NULL);
      gtk_string_list_append (names, label);
      g_array_append_val (self->unit_ids, id);
      if (depth < 16)
        append_units (self, names, units, id, depth + 1);
    }
}

static guint
index_of (GArray *ids,
          gint64  id)
{
  for (guint i = 0; id != 0 && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i + 1;
  return 0;
}

/* Fills the drop-downs from the data, keeping what is chosen. */
static void
refresh_filter_choices (SdRisksPage *self)
{
  GListModel *categories = sd_store_get_items (self->store, SD_TYPE_RISK_CATEGORY);
  GListModel *units = sd_store_get_items (self->store, SD_TYPE_UNIT);
  g_autoptr(GtkStringList) category_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) unit_names = gtk_string_list_new (NULL);
  gint64 category_id = chosen_id (self->category_filter, self->category_ids);
  gint64 unit_id = chosen_id (self->unit_filter, self->unit_ids);
  guint new_category, new_unit;

  g_array_set_size (self->category_ids, 0);
  gtk_string_list_append (category_names, _("All categories"));
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(SdRiskCategory) category = g_list_model_get_item (categories, i);
      gint64 id = sd_item_get_id (SD_ITEM (category));

      gtk_string_list_append (category_names,
                              sd_risk_category_label (sd_risk_category_get_code (category),
                                                      sd_risk_category_get_name (category)));
      g_array_append_val (self->category_ids, id);
    }

  g_array_set_size (self->unit_ids, 0);
  gtk_string_list_append (unit_names, _("All units"));
  append_units (self, unit_names, units, 0, 0);

  new_category = index_of (self->category_ids, category_id);
  new_unit = index_of (self->unit_ids, unit_id);

  self->updating++;
  gtk_drop_down_set_model (self->category_filter, G_LIST_MODEL (category_names));
  gtk_drop_down_set_selected (self->category_filter, new_category);
  gtk_drop_down_set_model (self->unit_filter, G_LIST_MODEL (unit_names));
  gtk_drop_down_set_selected (self->unit_filter, new_unit);
  self->updating--;

  /* A chosen category or unit that is gone no longer filters. */
  if ((category_id != 0 && new_category == 0) || (unit_id != 0 && new_unit == 0))
    filter_changed_cb (self);
}

static void
filter_menu_shown_cb (SdRisksPage *self)
{
  refresh_filter_choices (self);
}

static GtkCheckButton *
add_filter_check (SdRisksPage *self,
                  GtkBox      *box,
                  const char  *label)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);

  g_signal_connect_object (check, "toggled", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (box, check);
  return GTK_CHECK_BUTTON (check);
}

/* The cell filter */

void
sd_risks_page_set_cell_filter (SdRisksPage *self,
                               int          likelihood,
                               int          impact)
{
  g_return_if_fail (SD_IS_RISKS_PAGE (self));

  if (likelihood <= 0 || impact <= 0)
    likelihood = impact = 0;
  if (self->cell_likelihood == likelihood && self->cell_impact == impact)
    return;

  self->cell_likelihood = likelihood;
  self->cell_impact = impact;
  if (likelihood != 0)
    {
      g_autofree char *l_label = axis_level_label (self->store, TRUE, likelihood);
      g_autofree char *i_label = axis_level_label (self->store, FALSE, impact);
      /* Translators: the register lists one cell of the heat map:
       * "Likelihood 3 (Possible) × impact 4 (Major)" */
      g_autofree char *text = g_strdup_printf (_("Likelihood %d (%s) × impact %d (%s)"),
                                               likelihood, l_label, impact, i_label);

      gtk_label_set_label (self->cell_label, text);
    }
  gtk_filter_changed (GTK_FILTER (self->cell_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* Selection, both ways */

static GtkWidget *
column_view_list (SdRisksPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

static guint
register_position (SdRisksPage *self,
                   SdRisk      *risk)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  /* A linear search, once per selection: 5,000 risks take well under a
   * millisecond. */
  for (guint i = 0; risk != NULL && i < n; i++)
    {
      g_autoptr(SdRisk) item = g_list_model_get_item (model, i);

      if (item == risk)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* The register follows the map. */
static void
sync_register_selection (SdRisksPage *self)
{
  SdRisk *risk = sd_heatmap_view_get_selected_risk (self->heatmap);
  guint position = register_position (self, risk);

  if (gtk_single_selection_get_selected (self->selection) == position)
    return;

  self->syncing_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing_selection = FALSE;
  if (position != GTK_INVALID_LIST_POSITION)
    {
      GtkWidget *list = column_view_list (self);

      if (list != NULL)
        gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
    }
}

static void
map_selection_changed_cb (SdRisksPage *self)
{
  SdRisk *risk;

  /* The map notifies while the template is built, before the models. */
  if (self->selection == NULL)
    return;
  risk = sd_heatmap_view_get_selected_risk (self->heatmap);
  if (self->card != NULL)
    sd_risk_card_set_risk (self->card, risk);

  /* While the register lists one cell, a risk chosen on the map in
   * another cell takes the list to that cell. */
  if (risk != NULL && self->cell_likelihood != 0)
    {
      int l, i;

      sd_risk_get_cell (risk, self->criteria.level, sd_store_get_matrix_size (self->store),
                        &l, &i);
      sd_risks_page_set_cell_filter (self, l, i);
    }
  if (!self->syncing_selection)
    sync_register_selection (self);
  sd_risks_page_update_actions (self);
}

static void
register_selection_changed_cb (SdRisksPage *self)
{
  SdRisk *risk;

  if (self->syncing_selection)
    return;
  risk = gtk_single_selection_get_selected_item (self->selection);
  /* A row that the filters took away leaves the map's selection alone. */
  if (risk == NULL)
    return;

  self->syncing_selection = TRUE;
  sd_heatmap_view_set_selected_risk (self->heatmap, risk);
  self->syncing_selection = FALSE;
  map_selection_changed_cb (self);
}

SdRisk *
sd_risks_page_get_selected_risk (SdRisksPage *self)
{
  g_return_val_if_fail (SD_IS_RISKS_PAGE (self), NULL);

  return sd_heatmap_view_get_selected_risk (self->heatmap);
}

void
sd_risks_page_select_risk (SdRisksPage *self,
                           SdRisk      *risk)
{
  g_return_if_fail (SD_IS_RISKS_PAGE (self));
  g_return_if_fail (risk == NULL || SD_IS_RISK (risk));

  sd_heatmap_view_set_selected_risk (self->heatmap, risk);
  sync_register_selection (self);
}

/* After the register changed (an edit, a sort), the selected row may have
 * moved. */
static void
register_changed_cb (SdRisksPage *self)
{
  update_state (self);
  if (!self->syncing_selection)
    sync_register_selection (self);
}

/* The map's signals */

static void
map_risk_activated_cb (SdRisksPage   *self,
                       SdRisk        *risk,
                       SdHeatmapView *heatmap)
{
  sd_risks_page_edit_risk (self, risk);
}

static void
map_rerate_requested_cb (SdRisksPage   *self,
                         SdRisk        *risk,
                         int            level,
                         int            likelihood,
                         int            impact,
                         SdHeatmapView *heatmap)
{
  sd_risks_page_rerate (self, risk, (SdRiskLevel) level, likelihood, impact);
}

static void
map_cell_activated_cb (SdRisksPage   *self,
                       int            likelihood,
                       int            impact,
                       SdHeatmapView *heatmap)
{
  sd_risks_page_set_cell_filter (self, likelihood, impact);
  /* The click also selected the cell's first risk; the register shows it. */
  sync_register_selection (self);
}

static void
row_activated_cb (SdRisksPage *self,
                  guint        position)
{
  g_autoptr(SdRisk) risk = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (risk != NULL)
    sd_risks_page_edit_risk (self, risk);
}

/* The level and the arrows */

static void
level_toggled_cb (SdRisksPage     *self,
                  GtkToggleButton *button)
{
  SdRiskLevel level;
  SdRisk *selected;

  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->residual_button)
    level = SD_RISK_LEVEL_RESIDUAL;
  else if (button == self->target_button)
    level = SD_RISK_LEVEL_TARGET;
  else
    level = SD_RISK_LEVEL_INHERENT;
  if (self->store == NULL)
    return;

  selected = sd_heatmap_view_get_selected_risk (self->heatmap);
  sd_heatmap_view_set_level (self->heatmap, level);
  self->criteria.level = level;
  /* A cell of one rating means nothing for another. */
  sd_risks_page_set_cell_filter (self, 0, 0);
  filter_changed_cb (self);
  if (selected != NULL)
    sd_risks_page_select_risk (self, selected);
  g_signal_emit (self, signals[REFRESH], 0);
}

static void
arrows_toggled_cb (SdRisksPage *self)
{
  sd_heatmap_view_set_show_arrows (self->heatmap,
                                   gtk_toggle_button_get_active (self->arrows_button));
}

static void
refresh_cells_cb (SdRisksPage *self)
{
  g_signal_emit (self, signals[REFRESH], 0);
}

static void
matrix_changed_cb (SdRisksPage *self)
{
  /* The zones of the cells and the size changed: the chips and the cell
   * filter follow. */
  sd_risks_page_set_cell_filter (self, 0, 0);
  g_signal_emit (self, signals[REFRESH], 0);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Cells */

static void fill_cell (SdRisksPage *self,
                       GtkListItem *list_item);

static void
refresh_cell_cb (GtkListItem *list_item,
                 SdRisksPage *self)
{
  if (gtk_list_item_get_item (list_item) != NULL)
    fill_cell (self, list_item);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                SdRisksPage              *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);

  /* A label rather than a GtkInscription: an inscription sizes its lines
   * by the primary font and clips the taller glyphs of the CJK fallback. */
  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_TREND ? 0.5 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (list_item, label);
  g_object_set_data (G_OBJECT (list_item), "column", GINT_TO_POINTER (column));

  if (column == COLUMN_INHERENT || column == COLUMN_RESIDUAL || column == COLUMN_TARGET ||
      column == COLUMN_TREND || column == COLUMN_REVIEW)
    g_signal_connect_object (self, "refresh", G_CALLBACK (refresh_cell_cb), list_item,
                             G_CONNECT_SWAPPED);
}

static void
set_classes (GtkWidget   *widget,
             const char  *add,
             const char **remove,
             guint        n_remove)
{
  for (guint i = 0; i < n_remove; i++)
    if (g_strcmp0 (remove[i], add) != 0)
      gtk_widget_remove_css_class (widget, remove[i]);
  if (add != NULL)
    gtk_widget_add_css_class (widget, add);
}

static void
set_rating (SdRisksPage *self,
            GtkLabel    *label,
            SdRisk      *risk,
            SdRiskLevel  level)
{
  SdZone zone = sd_risk_get_zone (self->store, risk, level);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  int l, i;

  sd_risk_get_rating (risk, level, &l, &i);
  /* Translators: a risk rating: likelihood × impact = score */
  text = g_strdup_printf (_("%d×%d = %d"), l, i, sd_risk_score (l, i));
  /* Translators: tooltip of a rating: "Inherent: High" */
  tooltip = g_strdup_printf (_("%s: %s"), sd_risk_level_label (level), sd_zone_get_label (zone));
  gtk_label_set_label (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
  gtk_widget_add_css_class (GTK_WIDGET (label), "zone-badge");
  set_classes (GTK_WIDGET (label), zone_classes[zone], (const char **) zone_classes,
               SD_N_ZONES);
}

/* The first day of the quarter before @today's. */
static GDateTime *
previous_quarter_start (GDateTime *today)
{
  int month = g_date_time_get_month (today);
  int year = g_date_time_get_year (today);
  int quarter = (month - 1) / 3;

  if (quarter == 0)
    {
      quarter = 3;
      year--;
    }
  else
    quarter--;
  return g_date_time_new_local (year, quarter * 3 + 1, 1, 0, 0, 0);
}

static int
trend_delta (SdRisksPage *self,
             SdRisk      *risk,
             int         *old_score)
{
  SdRiskLevel level = self->criteria.level;
  int l, i, old = 0;

  sd_risk_history_trend (self->history, risk, level, self->today, &old);
  sd_risk_get_rating (risk, level, &l, &i);
  if (old_score != NULL)
    *old_score = old;
  return sd_risk_score (l, i) - old;
}

static void
set_trend (SdRisksPage *self,
           GtkLabel    *label,
           SdRisk      *risk)
{
  static const char *classes[] = { "error", "success", "dim-label" };
  SdRiskTrend trend;
  int old_score = 0;
  g_autoptr(GDateTime) since = previous_quarter_start (self->today);
  /* Translators: a short date in the trend's tooltip ("was 12 on 1 Jul");
   * see g_date_time_format() */
  g_autofree char *date = g_date_time_format (since, C_("trend date", "%-d %b"));
  g_autofree char *tooltip = NULL;

  trend = sd_risk_history_trend (self->history, risk, self->criteria.level, self->today,
                                 &old_score);
  switch (trend)
    {
    case SD_RISK_TREND_UP:
      gtk_label_set_label (label, "↑");
      set_classes (GTK_WIDGET (label), "error", classes, G_N_ELEMENTS (classes));
      break;
    case SD_RISK_TREND_DOWN:
      gtk_label_set_label (label, "↓");
      set_classes (GTK_WIDGET (label), "success", classes, G_N_ELEMENTS (classes));
      break;
    case SD_RISK_TREND_SAME:
    default:
      gtk_label_set_label (label, "→");
      set_classes (GTK_WIDGET (label), "dim-label", classes, G_N_ELEMENTS (classes));
      break;
    }
  if (trend == SD_RISK_TREND_SAME)
    /* Translators: tooltip of the trend; %s is a date such as "1 Jul" */
    tooltip = g_strdup_printf (_("Unchanged since %s"), date);
  else
    /* Translators: tooltip of the trend: the score then; "was 12 on 1 Jul" */
    tooltip = g_strdup_printf (_("was %d on %s"), old_score, date);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);
}

static void
set_review (SdRisksPage *self,
            GtkLabel    *label,
            SdRisk      *risk)
{
  static const char *classes[] = { "error", "warning" };
  const char *review = sd_risk_get_next_review (risk);
  const char *style = NULL;
  const char *tooltip = NULL;

  gtk_label_set_label (label, review != NULL ? review : "");
  if (sd_risk_review_overdue (risk, self->today))
    {
      style = "error";
      tooltip = _("The review is overdue");
    }
  else if (review != NULL && *review != '\0' &&
           g_strcmp0 (sd_risk_get_status (risk), "closed") != 0)
    {
      g_autoptr(GDateTime) soon = g_date_time_add_days (self->today, REVIEW_SOON_DAYS);
      g_autofree char *limit = g_date_time_format (soon, "%Y-%m-%d");

      if (g_strcmp0 (review, limit) <= 0)
        {
          style = "warning";
          tooltip = _("The review is due within 30 days");
        }
    }
  set_classes (GTK_WIDGET (label), style, classes, G_N_ELEMENTS (classes));
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
}

static char *
owner_label (SdRisksPage *self,
             SdRisk      *risk)
{
  SdPerson *person = sd_store_lookup (self->store, SD_TYPE_PERSON,
                                      sd_risk_get_owner_person_id (risk));
  SdUnit *unit = sd_store_lookup (self->store, SD_TYPE_UNIT, sd_risk_get_owner_unit_id (risk));

  if (person != NULL)
    return g_strdup (sd_person_get_name (person));
  if (unit != NULL)
    return g_strdup (sd_unit_get_name (unit));
  return g_strdup ("");
}

static const char *
category_label (SdRisksPage *self,
                SdRisk      *risk)
{
  SdRiskCategory *category = sd_store_lookup (self->store, SD_TYPE_RISK_CATEGORY,
                                              sd_risk_get_category_id (risk));

  if (category == NULL)
    return NULL;
  return sd_risk_category_label (sd_risk_category_get_code (category),
                                 sd_risk_category_get_name (category));
}

static void
fill_cell (SdRisksPage *self,
           GtkListItem *list_item)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (list_item), "column"));
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  SdRisk *risk = gtk_list_item_get_item (list_item);
  const char *text = NULL;
  g_autofree char *owned = NULL;

  switch (column)
    {
    case COLUMN_CODE:
      text = sd_risk_get_code (risk);
      break;
    case COLUMN_TITLE:
      text = sd_risk_get_title (risk);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), sd_risk_get_description (risk));
      break;
    case COLUMN_CATEGORY:
      text = category_label (self, risk);
      break;
    case COLUMN_INHERENT:
      set_rating (self, label, risk, SD_RISK_LEVEL_INHERENT);
      return;
    case COLUMN_RESIDUAL:
      set_rating (self, label, risk, SD_RISK_LEVEL_RESIDUAL);
      return;
    case COLUMN_TARGET:
      set_rating (self, label, risk, SD_RISK_LEVEL_TARGET);
      return;
    case COLUMN_TREND:
      set_trend (self, label, risk);
      return;
    case COLUMN_OWNER:
      {
        SdUnit *unit = sd_store_lookup (self->store, SD_TYPE_UNIT,
                                        sd_risk_get_owner_unit_id (risk));

        owned = owner_label (self, risk);
        text = owned;
        gtk_widget_set_tooltip_text (GTK_WIDGET (label),
                                     unit != NULL ? sd_unit_get_name (unit) : NULL);
      }
      break;
    case COLUMN_STATUS:
      text = sd_risk_status_label (sd_risk_get_status (risk));
      break;
    case COLUMN_REVIEW:
      set_review (self, label, risk);
      return;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_label (label, text != NULL ? text : "");
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         SdRisksPage              *self)
{
  fill_cell (self, list_item);
}

/* Sorters: through expressions, so that the sort list model computes each
 * row's key once rather than at every comparison. */

static int
score_cb (SdRisk   *risk,
          gpointer  level)
{
  int l, i;

  sd_risk_get_rating (risk, GPOINTER_TO_INT (level), &l, &i);
  return sd_risk_score (l, i);
}

static int
trend_cb (SdRisk      *risk,
          SdRisksPage *self)
{
  return trend_delta (self, risk, NULL);
}

static int
status_cb (SdRisk   *risk,
           gpointer  user_data)
{
  SdRiskStatus status = SD_N_RISK_STATUSES;

  sd_risk_status_from_code (sd_risk_get_status (risk), &status);
  return status;
}

static char *
category_cb (SdRisk      *risk,
             SdRisksPage *self)
{
  return g_strdup (category_label (self, risk));
}

static char *
owner_cb (SdRisk      *risk,
          SdRisksPage *self)
{
  return owner_label (self, risk);
}

/* Codes in natural order ("R-2" before "R-10"), compared in place: a
 * string sorter would make a collation key of every code each time the
 * filter lets thousands of rows back in. */
static int
compare_codes (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const char *x = sd_risk_get_code ((SdRisk *) a);
  const char *y = sd_risk_get_code ((SdRisk *) b);

  if (x == NULL || y == NULL)
    return (x != NULL) - (y != NULL);

  while (*x != '\0' && *y != '\0')
    {
      if (g_ascii_isdigit (*x) && g_ascii_isdigit (*y))
        {
          const char *xs, *ys;
          size_t xn, yn;
          int order;

          while (*x == '0' && g_ascii_isdigit (x[1]))
            x++;
          while (*y == '0' && g_ascii_isdigit (y[1]))
            y++;
          for (xs = x; g_ascii_isdigit (*x); x++)
            ;
          for (ys = y; g_ascii_isdigit (*y); y++)
            ;
          xn = x - xs;
          yn = y - ys;
          if (xn != yn)
            return xn < yn ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
          order = strncmp (xs, ys, xn);
          if (order != 0)
            return order < 0 ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
          continue;
        }
      if (*x != *y)
        return (guchar) *x < (guchar) *y ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
      x++;
      y++;
    }
  if (*x == *y)
    return GTK_ORDERING_EQUAL;
  return *x == '\0' ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
}

static GtkSorter *
string_sorter (const char *property)
{
  return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (SD_TYPE_RISK, NULL,
                                                                         property)));
}

static GtkSorter *
closure_sorter (GType     type,
                GCallback callback,
                gpointer  data)
{
  GtkExpression *expression = gtk_cclosure_expression_new (type, NULL, 0, NULL, callback,
                                                           data, NULL);

  if (type == G_TYPE_STRING)
    return GTK_SORTER (gtk_string_sorter_new (expression));
  return GTK_SORTER (gtk_numeric_sorter_new (expression));
}

static GtkColumnViewColumn *
add_column (SdRisksPage *self,
            Column       column_kind,
            const char  *title,
            int          fixed_width,
            gboolean     expand,
            GtkSorter   *sorter)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column_kind));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_append_column (self->column_view, column);
  g_clear_object (&sorter);
  g_object_unref (column);
  return column;
}

static void
add_columns (SdRisksPage *self)
{
  GtkColumnViewColumn *code;

  code = add_column (self, COLUMN_CODE, _("Code"), 72, FALSE,
                     GTK_SORTER (gtk_custom_sorter_new (compare_codes, NULL, NULL)));
  add_column (self, COLUMN_TITLE, _("Risk"), -1, TRUE, string_sorter ("title"));
  add_column (self, COLUMN_CATEGORY, _("Category"), 80, FALSE,
              closure_sorter (G_TYPE_STRING, G_CALLBACK (category_cb), self));
  add_column (self, COLUMN_INHERENT, _("Inherent"), 84, FALSE,
              closure_sorter (G_TYPE_INT, G_CALLBACK (score_cb),
                              GINT_TO_POINTER (SD_RISK_LEVEL_INHERENT)));
  add_column (self, COLUMN_RESIDUAL, _("Residual"), 84, FALSE,
              closure_sorter (G_TYPE_INT, G_CALLBACK (score_cb),
                              GINT_TO_POINTER (SD_RISK_LEVEL_RESIDUAL)));
  add_column (self, COLUMN_TARGET, _("Target"), 84, FALSE,
              closure_sorter (G_TYPE_INT, G_CALLBACK (score_cb),
                              GINT_TO_POINTER (SD_RISK_LEVEL_TARGET)));
  /* Translators: column of the register: how the shown rating changed
   * since the start of the last quarter (↑, ↓ or →) */
  add_column (self, COLUMN_TREND, _("Trend"), 48, FALSE,
              closure_sorter (G_TYPE_INT, G_CALLBACK (trend_cb), self));
  add_column (self, COLUMN_OWNER, _("Owner"), 64, FALSE,
              closure_sorter (G_TYPE_STRING, G_CALLBACK (owner_cb), self));
  add_column (self, COLUMN_STATUS, _("Status"), 84, FALSE,
              closure_sorter (G_TYPE_INT, G_CALLBACK (status_cb), NULL));
  add_column (self, COLUMN_REVIEW, _("Next Review"), 92, FALSE, string_sorter ("next-review"));

  gtk_column_view_sort_by_column (self->column_view, code, GTK_SORT_ASCENDING);
}

/* GObject */

/* The map takes three fifths of the height beside the register, whatever
 * the window's size when the page is first shown; then the user decides. */
static void
map_paned_max_position_cb (GtkPaned   *paned,
                           GParamSpec *pspec,
                           gpointer    user_data)
{
  int max_position;

  g_object_get (paned, "max-position", &max_position, NULL);
  if (max_position <= 0)
    return;
  gtk_paned_set_position (paned, max_position * 3 / 5);
  g_signal_handlers_disconnect_by_func (paned, map_paned_max_position_cb, user_data);
}

static void
sd_risks_page_constructed (GObject *object)
{
  SdRisksPage *self = SD_RISKS_PAGE (object);
  GListModel *risks;
  GtkSorter *sorter;

  G_OBJECT_CLASS (sd_risks_page_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  risks = sd_store_get_items (self->store, SD_TYPE_RISK);
  self->history = sd_risk_history_new (self->store);
  self->today = g_date_time_new_now_local ();
  self->criteria.level = SD_RISK_LEVEL_INHERENT;

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (risks),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->cell_filter = gtk_custom_filter_new (cell_filter_func, self, NULL);
  self->cell_filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                                   g_object_ref (GTK_FILTER (self->cell_filter)));

  add_columns (self);
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->cell_filtered)),
                                          g_object_ref (sorter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  /* The register's rows exist only while the page is shown. */
  sd_ui_set_model_while_mapped (GTK_WIDGET (self->column_view),
                                GTK_SELECTION_MODEL (self->selection));

  sd_heatmap_view_set_store (self->heatmap, self->store);
  sd_heatmap_view_set_risks (self->heatmap, G_LIST_MODEL (self->filtered));
  g_signal_connect (self->map_paned, "notify::max-position",
                    G_CALLBACK (map_paned_max_position_cb), NULL);
  self->card = SD_RISK_CARD (sd_risk_card_new (self->store, self->history));
  adw_bin_set_child (self->card_bin, GTK_WIDGET (self->card));

  for (guint z = 0; z < SD_N_ZONES; z++)
    self->zone_checks[z] = add_filter_check (self, self->zone_box, sd_zone_get_label (z));
  for (guint s = 0; s < SD_N_RISK_STATUSES; s++)
    self->status_checks[s] = add_filter_check (self, self->status_box,
                                               sd_risk_status_label (status_codes[s]));
  refresh_filter_choices (self);

  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (register_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sorted, "items-changed",
                           G_CALLBACK (register_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (risks, "items-changed", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "changed", G_CALLBACK (refresh_cells_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "matrix-changed", G_CALLBACK (matrix_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* The search keeps GtkSearchEntry's default delay: filtering 5,000
   * risks takes a few milliseconds, but GTK 4.8's column view then binds
   * its few hundred rows again (about 0.1 s), once typing pauses rather
   * than at every key. */
  self->updating = 0;
  filter_changed_cb (self);
}

static void
sd_risks_page_dispose (GObject *object)
{
  SdRisksPage *self = SD_RISKS_PAGE (object);

  /* Taking the columns away changes the sorter and re-sorts the list: the
   * page must not follow it any more. */
  if (self->sorted != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sorted, self);
      gtk_sort_list_model_set_sorter (self->sorted, NULL);
    }
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->column_view != NULL)
    sd_ui_set_model_while_mapped (GTK_WIDGET (self->column_view), NULL);
  if (self->heatmap != NULL)
    sd_heatmap_view_set_risks (self->heatmap, NULL);
  /* AdwBin would unparent its child a second time after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_RISKS_PAGE);
  self->card = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->cell_filtered);
  g_clear_object (&self->cell_filter);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->history);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_risks_page_parent_class)->dispose (object);
}

static void
sd_risks_page_finalize (GObject *object)
{
  SdRisksPage *self = SD_RISKS_PAGE (object);

  g_array_unref (self->category_ids);
  g_array_unref (self->unit_ids);
  g_clear_pointer (&self->today, g_date_time_unref);

  G_OBJECT_CLASS (sd_risks_page_parent_class)->finalize (object);
}

static void
sd_risks_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SdRisksPage *self = SD_RISKS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_risks_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SdRisksPage *self = SD_RISKS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_risks_page_class_init (SdRisksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sd_risks_page_constructed;
  object_class->dispose = sd_risks_page_dispose;
  object_class->finalize = sd_risks_page_finalize;
  object_class->get_property = sd_risks_page_get_property;
  object_class->set_property = sd_risks_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Internal: the register's cells that depend on the level shown, the
   * history or the matrix fill themselves again. */
  signals[REFRESH] = g_signal_new ("refresh", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SD_TYPE_HEATMAP_VIEW);
  sd_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/sd-risks-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, map_paned);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, zone_box);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, status_box);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, category_filter);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, unit_filter);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, overdue_check);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, inherent_button);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, residual_button);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, target_button);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, arrows_button);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, cell_bar);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, cell_label);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, heatmap);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, card_bin);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, workshop_bin);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_menu_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_filters_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_everything_cb);
  gtk_widget_class_bind_template_callback (widget_class, level_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, arrows_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, map_risk_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, map_rerate_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, map_cell_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, map_selection_changed_cb);

  sd_risks_page_class_init_actions (widget_class);
}

static void
sd_risks_page_init (SdRisksPage *self)
{
  self->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* The template connects the filter signals while it is built, before
   * the models exist. */
  self->updating = 1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sd_risks_page_new (SdStore *store)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  return g_object_new (SD_TYPE_RISKS_PAGE, "store", store, NULL);
}
