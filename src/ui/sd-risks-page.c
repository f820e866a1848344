/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-risks-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-heatmap-view.h"
#include "sd-labels.h"
#include "sd-person.h"
#include "sd-risk.h"
#include "sd-risk-category.h"
#include "sd-risk-matrix.h"
#include "sd-risk-rating.h"
#include "sd-risks-page.h"
#include "sd-ui.h"
#include "sd-unit.h"

struct _SdRisksPage
{
  AdwBin              parent_instance;

  SdStore            *store;
  GtkCustomFilter    *cell_filter;
  GtkFilterListModel *filtered;

  GtkStack           *stack;
  GtkLabel           *register_title;
  GtkButton          *show_all_button;
  GtkColumnView      *column_view;
  SdHeatmapView      *heatmap;
  GtkToggleButton    *inherent_button;
  GtkToggleButton    *residual_button;
  GtkToggleButton    *target_button;
};

G_DEFINE_FINAL_TYPE (SdRisksPage, sd_risks_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Which column a factory fills. */
typedef enum
{
  COLUMN_CODE,
  COLUMN_TITLE,
  COLUMN_CATEGORY,
  COLUMN_INHERENT,
  COLUMN_RESIDUAL,
  COLUMN_TARGET,
  COLUMN_OWNER,
  COLUMN_STATUS,
} Column;

static const char * const zone_classes[SD_N_ZONES] = { "low", "medium", "high", "major" };

static gboolean
cell_filter_func (gpointer item,
                  gpointer user_data)
{
  SdRisksPage *self = user_data;
  int sel_l, sel_i, l, i;

  sd_heatmap_view_get_selection (self->heatmap, &sel_l, &sel_i);
  if (sel_l == 0)
    return TRUE;

  sd_risk_get_cell (item, sd_heatmap_view_get_level (self->heatmap),
                    sd_store_get_matrix_size (self->store), &l, &i);
  return l == sel_l && i == sel_i;
}

static void
update_title (SdRisksPage *self)
{
  guint n_all = g_list_model_get_n_items (sd_store_get_items (self->store, SD_TYPE_RISK));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *title = NULL;
  int l, i;

  sd_heatmap_view_get_selection (self->heatmap, &l, &i);
  if (l == 0)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "All risks (%u)", "All risks (%u)",
                                          n_all), n_all);
  else
    /* Translators: the risks of one heat-map cell: "Likelihood 3 × impact 4: 2 of 25 risks" */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Likelihood %d × impact %d: %u of %u risk",
                                          "Likelihood %d × impact %d: %u of %u risks", n_all),
                             l, i, n, n_all);
  gtk_label_set_label (self->register_title, title);
  gtk_widget_set_visible (GTK_WIDGET (self->show_all_button), l != 0);
  gtk_stack_set_visible_child_name (self->stack, n_all > 0 ? "content" : "empty");
}

static void
selection_changed_cb (SdRisksPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->cell_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_title (self);
}

static void
show_all_clicked_cb (SdRisksPage *self)
{
  sd_heatmap_view_set_selection (self->heatmap, 0, 0);
}

static void
level_toggled_cb (SdRisksPage     *self,
                  GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->residual_button)
    sd_heatmap_view_set_level (self->heatmap, SD_RISK_LEVEL_RESIDUAL);
  else if (button == self->target_button)
    sd_heatmap_view_set_level (self->heatmap, SD_RISK_LEVEL_TARGET);
  else
    sd_heatmap_view_set_level (self->heatmap, SD_RISK_LEVEL_INHERENT);
  selection_changed_cb (self);
}

/* Cells */

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
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
  for (guint z = 0; z < SD_N_ZONES; z++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), zone_classes[z]);
  gtk_widget_add_css_class (GTK_WIDGET (label), zone_classes[zone]);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  user_data)
{
  SdRisksPage *self = user_data;
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  SdRisk *risk = gtk_list_item_get_item (list_item);
  const char *text = NULL;

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
      {
        SdRiskCategory *category = sd_store_lookup (self->store, SD_TYPE_RISK_CATEGORY,
                                                    sd_risk_get_category_id (risk));
        if (category != NULL)
          text = sd_risk_category_label (sd_risk_category_get_code (category),
                                         sd_risk_category_get_name (category));
      }
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
    case COLUMN_OWNER:
      {
        SdPerson *person = sd_store_lookup (self->store, SD_TYPE_PERSON,
                                            sd_risk_get_owner_person_id (risk));
        SdUnit *unit = sd_store_lookup (self->store, SD_TYPE_UNIT,
                                        sd_risk_get_owner_unit_id (risk));
        text = person != NULL ? sd_person_get_name (person)
                              : unit != NULL ? sd_unit_get_name (unit) : NULL;
        if (unit != NULL)
          gtk_widget_set_tooltip_text (GTK_WIDGET (label), sd_unit_get_name (unit));
      }
      break;
    case COLUMN_STATUS:
      text = sd_risk_status_label (sd_risk_get_status (risk));
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_label (label, text != NULL ? text : "");
}

static int
compare_scores (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  SdRiskLevel level = GPOINTER_TO_INT (user_data);
  int la, ia, lb, ib;

  sd_risk_get_rating ((SdRisk *) a, level, &la, &ia);
  sd_risk_get_rating ((SdRisk *) b, level, &lb, &ib);
  return sd_risk_score (la, ia) - sd_risk_score (lb, ib);
}

static void
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
  if (sorter != NULL)
    gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_append_column (self->column_view, column);
  g_clear_object (&sorter);
  g_object_unref (column);
}

static GtkSorter *
string_sorter (const char *property)
{
  return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (SD_TYPE_RISK, NULL,
                                                                         property)));
}

static GtkSorter *
score_sorter (SdRiskLevel level)
{
  return GTK_SORTER (gtk_custom_sorter_new (compare_scores, GINT_TO_POINTER (level), NULL));
}

static void
sd_risks_page_constructed (GObject *object)
{
  SdRisksPage *self = SD_RISKS_PAGE (object);
  GListModel *risks;
  GtkSortListModel *sorted;
  g_autoptr(GtkSingleSelection) selection = NULL;

  G_OBJECT_CLASS (sd_risks_page_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  risks = sd_store_get_items (self->store, SD_TYPE_RISK);
  sd_heatmap_view_set_store (self->heatmap, self->store);

  self->cell_filter = gtk_custom_filter_new (cell_filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (risks),
                                              g_object_ref (GTK_FILTER (self->cell_filter)));

  add_column (self, COLUMN_CODE, _("Code"), 80, FALSE, string_sorter ("code"));
  add_column (self, COLUMN_TITLE, _("Risk"), -1, TRUE, string_sorter ("title"));
  add_column (self, COLUMN_CATEGORY, _("Category"), 84, FALSE, NULL);
  add_column (self, COLUMN_INHERENT, _("Inherent"), 96, FALSE,
              score_sorter (SD_RISK_LEVEL_INHERENT));
  add_column (self, COLUMN_RESIDUAL, _("Residual"), 96, FALSE,
              score_sorter (SD_RISK_LEVEL_RESIDUAL));
  add_column (self, COLUMN_TARGET, _("Target"), 96, FALSE, score_sorter (SD_RISK_LEVEL_TARGET));
  add_column (self, COLUMN_OWNER, _("Owner"), 64, FALSE, NULL);
  add_column (self, COLUMN_STATUS, _("Status"), 80, FALSE, string_sorter ("status"));

  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  g_signal_connect_object (self->heatmap, "notify::selected-likelihood",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->heatmap, "notify::selected-impact",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  update_title (self);
}

static void
sd_risks_page_dispose (GObject *object)
{
  SdRisksPage *self = SD_RISKS_PAGE (object);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  /* AdwBin would unparent its child a second time after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_RISKS_PAGE);
  g_clear_object (&self->filtered);
  g_clear_object (&self->cell_filter);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_risks_page_parent_class)->dispose (object);
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
  object_class->get_property = sd_risks_page_get_property;
  object_class->set_property = sd_risks_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SD_TYPE_HEATMAP_VIEW);
  sd_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/sd-risks-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, register_title);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, show_all_button);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, heatmap);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, inherent_button);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, residual_button);
  gtk_widget_class_bind_template_child (widget_class, SdRisksPage, target_button);
  gtk_widget_class_bind_template_callback (widget_class, show_all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, level_toggled_cb);
}

static void
sd_risks_page_init (SdRisksPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sd_risks_page_new (SdStore *store)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  return g_object_new (SD_TYPE_RISKS_PAGE, "store", store, NULL);
}
