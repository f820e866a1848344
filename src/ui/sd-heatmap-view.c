/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-heatmap-view"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sd-heatmap.h"
#include "sd-heatmap-view.h"
#include "sd-risk.h"
#include "sd-risk-matrix.h"

struct _SdHeatmapView
{
  GtkWidget    parent_instance;

  SdStore     *store;
  SdRiskLevel  level;
  int          selected_likelihood;
  int          selected_impact;

  /* Risks per cell, counted once per change of the register or the level
   * rather than on every frame: 50,000 risks take milliseconds to count. */
  guint        counts[SD_MATRIX_MAX_SIZE][SD_MATRIX_MAX_SIZE];
  guint        n_risks;
  gboolean     counts_valid;
};

G_DEFINE_FINAL_TYPE (SdHeatmapView, sd_heatmap_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LEVEL,
  PROP_SELECTED_LIKELIHOOD,
  PROP_SELECTED_IMPACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The model the renderer draws, from the store's current data. */
static void
fill_model (SdHeatmapView  *self,
            SdHeatmapModel *model,
            guint          *n_risks)
{
  sd_heatmap_model_init_default (model);
  model->size = sd_store_get_matrix_size (self->store);
  for (int l = 1; l <= model->size; l++)
    for (int i = 1; i <= model->size; i++)
      model->zones[l - 1][i - 1] = sd_store_get_zone (self->store, l, i);
  if (!self->counts_valid)
    {
      self->n_risks = sd_risk_count_cells (self->store, self->level, self->counts);
      self->counts_valid = TRUE;
    }
  memcpy (model->counts, self->counts, sizeof model->counts);
  *n_risks = self->n_risks;
  model->selected_likelihood = self->selected_likelihood;
  model->selected_impact = self->selected_impact;
}

static void
fill_style (SdHeatmapView  *self,
            SdHeatmapStyle *style)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GdkRGBA fg;

  sd_heatmap_style_init_default (style, adw_style_manager_get_dark (manager));
  /* Text outside the cells follows the theme; the background stays the widget's. */
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  style->foreground = (SdColor) { fg.red, fg.green, fg.blue, fg.alpha };
  style->background.alpha = 0;
}

static void
update_accessible_label (SdHeatmapView *self)
{
  SdHeatmapModel model;
  guint n_risks = 0;
  guint in_zone[SD_N_ZONES] = { 0 };
  g_autofree char *label = NULL;

  if (self->store == NULL)
    return;

  fill_model (self, &model, &n_risks);
  for (int l = 0; l < model.size; l++)
    for (int i = 0; i < model.size; i++)
      in_zone[model.zones[l][i]] += model.counts[l][i];

  /* Translators: accessible summary of the heat map: "25 cells, 37 risks, 6 in Major" */
  label = g_strdup_printf (_("Risk heat map, %s ratings: %d cells, %u risks, %u in %s"),
                           sd_risk_level_label (self->level),
                           model.size * model.size, n_risks,
                           in_zone[SD_ZONE_MAJOR], sd_zone_get_label (SD_ZONE_MAJOR));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
risks_changed_cb (SdHeatmapView *self)
{
  self->counts_valid = FALSE;
  update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sd_heatmap_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  SdHeatmapView *self = SD_HEATMAP_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  SdHeatmapModel model;
  SdHeatmapStyle style;
  guint n_risks;
  cairo_t *cr;

  if (self->store == NULL || width <= 0 || height <= 0)
    return;

  fill_model (self, &model, &n_risks);
  fill_style (self, &style);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  sd_heatmap_draw (cr, width, height, &model, &style);
  cairo_destroy (cr);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  SdHeatmapView *self = SD_HEATMAP_VIEW (widget);
  SdHeatmapModel model;
  guint n_risks;
  int l, i;
  g_autofree char *text = NULL;

  if (self->store == NULL)
    return FALSE;

  fill_model (self, &model, &n_risks);
  if (keyboard_mode && self->selected_likelihood > 0)
    {
      l = self->selected_likelihood;
      i = self->selected_impact;
    }
  else if (!sd_heatmap_lookup (&model, gtk_widget_get_width (widget),
                               gtk_widget_get_height (widget), x, y, &l, &i))
    {
      return FALSE;
    }

  /* Translators: tooltip of a heat-map cell: "Likelihood 3 × impact 4: 2 risks (High)" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Likelihood %d × impact %d: %u risk (%s)",
                                       "Likelihood %d × impact %d: %u risks (%s)",
                                       model.counts[l - 1][i - 1]),
                          l, i, model.counts[l - 1][i - 1],
                          sd_zone_get_label (model.zones[l - 1][i - 1]));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            SdHeatmapView   *self)
{
  SdHeatmapModel model;
  guint n_risks;
  int l, i;

  if (self->store == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  fill_model (self, &model, &n_risks);
  if (!sd_heatmap_lookup (&model, gtk_widget_get_width (GTK_WIDGET (self)),
                          gtk_widget_get_height (GTK_WIDGET (self)), x, y, &l, &i))
    l = i = 0;
  /* A second click on the selected cell clears the selection. */
  if (l == self->selected_likelihood && i == self->selected_impact)
    l = i = 0;
  sd_heatmap_view_set_selection (self, l, i);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SdHeatmapView         *self)
{
  int size = self->store != NULL ? sd_store_get_matrix_size (self->store) : 5;
  int l = self->selected_likelihood;
  int i = self->selected_impact;

  if (l == 0)
    {
      l = 1;
      i = 1;
      if (keyval != GDK_KEY_Escape)
        {
          sd_heatmap_view_set_selection (self, l, i);
          return keyval == GDK_KEY_Up || keyval == GDK_KEY_Down ||
                 keyval == GDK_KEY_Left || keyval == GDK_KEY_Right;
        }
    }

  switch (keyval)
    {
    case GDK_KEY_Up:
      l = MIN (l + 1, size);
      break;
    case GDK_KEY_Down:
      l = MAX (l - 1, 1);
      break;
    case GDK_KEY_Right:
      i = MIN (i + 1, size);
      break;
    case GDK_KEY_Left:
      i = MAX (i - 1, 1);
      break;
    case GDK_KEY_Escape:
      l = i = 0;
      break;
    default:
      return FALSE;
    }
  sd_heatmap_view_set_selection (self, l, i);
  return TRUE;
}

static void
sd_heatmap_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = 240;
  *natural = 480;
}

static void
sd_heatmap_view_dispose (GObject *object)
{
  SdHeatmapView *self = SD_HEATMAP_VIEW (object);

  sd_heatmap_view_set_store (self, NULL);

  G_OBJECT_CLASS (sd_heatmap_view_parent_class)->dispose (object);
}

static void
sd_heatmap_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SdHeatmapView *self = SD_HEATMAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;
    case PROP_SELECTED_LIKELIHOOD:
      g_value_set_int (value, self->selected_likelihood);
      break;
    case PROP_SELECTED_IMPACT:
      g_value_set_int (value, self->selected_impact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_heatmap_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SdHeatmapView *self = SD_HEATMAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      sd_heatmap_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_LEVEL:
      sd_heatmap_view_set_level (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_heatmap_view_class_init (SdHeatmapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_heatmap_view_dispose;
  object_class->get_property = sd_heatmap_view_get_property;
  object_class->set_property = sd_heatmap_view_set_property;
  widget_class->snapshot = sd_heatmap_view_snapshot;
  widget_class->measure = sd_heatmap_view_measure;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEVEL] =
    g_param_spec_int ("level", NULL, NULL,
                      SD_RISK_LEVEL_INHERENT, SD_RISK_LEVEL_TARGET, SD_RISK_LEVEL_INHERENT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_LIKELIHOOD] =
    g_param_spec_int ("selected-likelihood", NULL, NULL, 0, SD_MATRIX_MAX_SIZE, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_IMPACT] =
    g_param_spec_int ("selected-impact", NULL, NULL, 0, SD_MATRIX_MAX_SIZE, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "heatmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sd_heatmap_view_init (SdHeatmapView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  /* Dark mode changes the palette. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

GtkWidget *
sd_heatmap_view_new (SdStore *store)
{
  return g_object_new (SD_TYPE_HEATMAP_VIEW, "store", store, NULL);
}

void
sd_heatmap_view_set_store (SdHeatmapView *self,
                           SdStore       *store)
{
  g_return_if_fail (SD_IS_HEATMAP_VIEW (self));
  g_return_if_fail (store == NULL || SD_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (sd_store_get_items (self->store, SD_TYPE_RISK),
                                          risks_changed_cb, self);
  g_set_object (&self->store, store);
  if (self->store != NULL)
    g_signal_connect_object (sd_store_get_items (self->store, SD_TYPE_RISK), "items-changed",
                             G_CALLBACK (risks_changed_cb), self, G_CONNECT_SWAPPED);

  risks_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

SdRiskLevel
sd_heatmap_view_get_level (SdHeatmapView *self)
{
  g_return_val_if_fail (SD_IS_HEATMAP_VIEW (self), SD_RISK_LEVEL_INHERENT);

  return self->level;
}

void
sd_heatmap_view_set_level (SdHeatmapView *self,
                           SdRiskLevel    level)
{
  g_return_if_fail (SD_IS_HEATMAP_VIEW (self));

  if (self->level == level)
    return;
  self->level = level;
  self->counts_valid = FALSE;
  update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
}

void
sd_heatmap_view_get_selection (SdHeatmapView *self,
                               int           *likelihood,
                               int           *impact)
{
  g_return_if_fail (SD_IS_HEATMAP_VIEW (self));

  *likelihood = self->selected_likelihood;
  *impact = self->selected_impact;
}

void
sd_heatmap_view_set_selection (SdHeatmapView *self,
                               int            likelihood,
                               int            impact)
{
  g_return_if_fail (SD_IS_HEATMAP_VIEW (self));

  if (likelihood <= 0 || impact <= 0)
    likelihood = impact = 0;

  if (self->selected_likelihood == likelihood && self->selected_impact == impact)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->selected_likelihood != likelihood)
    {
      self->selected_likelihood = likelihood;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_LIKELIHOOD]);
    }
  if (self->selected_impact != impact)
    {
      self->selected_impact = impact;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_IMPACT]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
