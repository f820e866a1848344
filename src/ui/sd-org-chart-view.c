/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-org-chart-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sd-body.h"
#include "sd-body-member.h"
#include "sd-org-chart.h"
#include "sd-org-chart-view.h"
#include "sd-person.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-unit.h"

#define ZOOM_MIN   0.25
#define ZOOM_MAX   4.0
#define ZOOM_STEP  1.2

struct _SdOrgChartView
{
  GtkWidget         parent_instance;

  SdStore          *store;
  double            zoom;

  /* The laid-out chart, rebuilt when the data it shows changes. An edit
   * touches several lists at once (a body and its members), so the rebuild
   * waits for idle and happens once. */
  SdOrgChart       *chart;
  guint             rebuild_id;

  GtkPrintSettings *print_settings;
};

G_DEFINE_FINAL_TYPE (SdOrgChartView, sd_org_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ZOOM,
  N_PROPS
};

enum {
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The lists whose items the chart shows. */
static GType
watched_type (guint i)
{
  switch (i)
    {
    case 0:
      return SD_TYPE_BODY;
    case 1:
      return SD_TYPE_BODY_MEMBER;
    case 2:
      return SD_TYPE_PERSON;
    case 3:
      return SD_TYPE_POST;
    case 4:
      return SD_TYPE_POST_HOLDER;
    case 5:
      return SD_TYPE_UNIT;
    default:
      g_assert_not_reached ();
    }
}

#define N_WATCHED_TYPES 6

static void
update_accessible (SdOrgChartView *self)
{
  g_autofree char *bodies = NULL;
  g_autofree char *posts = NULL;
  g_autofree char *label = NULL;
  g_autofree char *outline = NULL;
  guint n_bodies, n_posts;

  if (self->chart == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  n_bodies = sd_org_chart_get_n_bodies (self->chart);
  n_posts = sd_org_chart_get_n_posts (self->chart);
  /* Translators: part of "Organisation chart: 5 security bodies, 13 posts" */
  bodies = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u security body",
                                         "%u security bodies", n_bodies),
                            n_bodies);
  /* Translators: part of "Organisation chart: 5 security bodies, 13 posts" */
  posts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post", "%u posts", n_posts),
                           n_posts);
  /* Translators: the accessible name of the org chart: "Organisation
   * chart: 5 security bodies, 13 posts" */
  label = g_strdup_printf (_("Organisation chart: %s, %s"), bodies, posts);

  /* The description is the chart's text, box by box, so that a screen
   * reader can read what the picture shows. */
  outline = sd_org_chart_dup_outline (self->chart);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, outline,
                                  -1);
}

static void
rebuild_chart (SdOrgChartView *self)
{
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_pointer (&self->chart, sd_org_chart_free);

  if (self->store != NULL)
    {
      /* A context of our own: the widget's own one changes with the font
       * settings, and the chart's layouts must keep the measures they were
       * laid out with. */
      PangoContext *context = gtk_widget_create_pango_context (GTK_WIDGET (self));

      self->chart = sd_org_chart_new (self->store, context);
      g_object_unref (context);
    }

  update_accessible (self);
}

static void
rebuild (SdOrgChartView *self)
{
  rebuild_chart (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static gboolean
rebuild_cb (gpointer user_data)
{
  SdOrgChartView *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (SdOrgChartView *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_cb, self);
}

/* Where the chart's (0, 0) is in the widget: centred across when the
 * widget is wider than the chart, at the top. */
static void
get_origin (SdOrgChartView *self,
            double         *x,
            double         *y)
{
  double width = 0;

  if (self->chart != NULL)
    sd_org_chart_get_size (self->chart, &width, NULL);
  *x = MAX (0, floor ((gtk_widget_get_width (GTK_WIDGET (self)) - width * self->zoom) / 2));
  *y = 0;
}

static void
fill_style (SdOrgChartView  *self,
            SdOrgChartStyle *style)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA fg, color;

  sd_org_chart_style_default (style, dark);

  /* Text and lines follow the theme's foreground, boxes are cards, and the
   * background stays the widget's. */
  gtk_style_context_get_color (context, &fg);
  style->foreground = (SdColor) { fg.red, fg.green, fg.blue, fg.alpha };
  style->dim = (SdColor) { fg.red, fg.green, fg.blue, fg.alpha * 0.7 };
  style->line = (SdColor) { fg.red, fg.green, fg.blue, fg.alpha * 0.45 };
  style->box_border = (SdColor) { fg.red, fg.green, fg.blue, fg.alpha * 0.18 };
  style->panel_fill = (SdColor) { fg.red, fg.green, fg.blue, fg.alpha * 0.04 };
  style->background.alpha = 0;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (gtk_style_context_lookup_color (context, "accent_bg_color", &color))
    style->accent = (SdColor) { color.red, color.green, color.blue, color.alpha };
  if (gtk_style_context_lookup_color (context, "card_bg_color", &color))
    style->box_fill = (SdColor) { color.red, color.green, color.blue, color.alpha };
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
sd_org_chart_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  SdOrgChartView *self = SD_ORG_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  SdOrgChartStyle style;
  double x, y;
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;

  fill_style (self, &style);
  get_origin (self, &x, &y);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, x, y);
  cairo_scale (cr, self->zoom, self->zoom);
  sd_org_chart_draw (self->chart, cr, &style);
  cairo_destroy (cr);
}

static void
sd_org_chart_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  SdOrgChartView *self = SD_ORG_CHART_VIEW (widget);
  double width = 0, height = 0;

  /* The store may have changed since the last layout; measure the chart
   * that will be drawn (a resize is under way already). */
  if (self->rebuild_id != 0)
    rebuild_chart (self);
  if (self->chart != NULL)
    sd_org_chart_get_size (self->chart, &width, &height);

  /* The minimum is the whole chart, so that a scrolled window scrolls
   * rather than squeezing it. */
  *minimum = *natural = (int) ceil ((orientation == GTK_ORIENTATION_HORIZONTAL ? width : height)
                                    * self->zoom);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  SdOrgChartView *self = SD_ORG_CHART_VIEW (widget);
  SdOrgChartBox box;
  double origin_x, origin_y;
  int index;

  if (self->chart == NULL || keyboard_mode)
    return FALSE;

  get_origin (self, &origin_x, &origin_y);
  index = sd_org_chart_lookup (self->chart, (x - origin_x) / self->zoom,
                               (y - origin_y) / self->zoom);
  if (index < 0 || !sd_org_chart_get_box (self->chart, index, &box))
    return FALSE;

  gtk_tooltip_set_text (tooltip, sd_org_chart_get_box_tooltip (self->chart, index));
  /* The tooltip stays while the pointer is on the same box. */
  gtk_tooltip_set_tip_area (tooltip,
                            &(GdkRectangle) {
                              (int) floor (origin_x + box.x * self->zoom),
                              (int) floor (origin_y + box.y * self->zoom),
                              (int) ceil (box.width * self->zoom),
                              (int) ceil (box.height * self->zoom),
                            });
  return TRUE;
}

/* Ctrl + wheel zooms; the wheel alone scrolls the scrolled window. */
static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           SdOrgChartView           *self)
{
  GdkModifierType state;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return FALSE;

  sd_org_chart_view_set_zoom (self, self->zoom * pow (ZOOM_STEP, -CLAMP (dy, -3, 3)));
  return TRUE;
}

static void
zoom_in_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SdOrgChartView *self = SD_ORG_CHART_VIEW (widget);

  sd_org_chart_view_set_zoom (self, self->zoom * ZOOM_STEP);
}

static void
zoom_out_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SdOrgChartView *self = SD_ORG_CHART_VIEW (widget);

  sd_org_chart_view_set_zoom (self, self->zoom / ZOOM_STEP);
}

static void
zoom_reset_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sd_org_chart_view_set_zoom (SD_ORG_CHART_VIEW (widget), 1.0);
}

static void
update_zoom_actions (SdOrgChartView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.zoom-in", self->zoom < ZOOM_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.zoom-out", self->zoom > ZOOM_MIN);
}

static void
sd_org_chart_view_dispose (GObject *object)
{
  SdOrgChartView *self = SD_ORG_CHART_VIEW (object);

  sd_org_chart_view_set_store (self, NULL);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_pointer (&self->chart, sd_org_chart_free);
  g_clear_object (&self->print_settings);

  G_OBJECT_CLASS (sd_org_chart_view_parent_class)->dispose (object);
}

static void
sd_org_chart_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SdOrgChartView *self = SD_ORG_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_org_chart_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SdOrgChartView *self = SD_ORG_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      sd_org_chart_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      sd_org_chart_view_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_org_chart_view_class_init (SdOrgChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_org_chart_view_dispose;
  object_class->get_property = sd_org_chart_view_get_property;
  object_class->set_property = sd_org_chart_view_set_property;
  widget_class->snapshot = sd_org_chart_view_snapshot;
  widget_class->measure = sd_org_chart_view_measure;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SdOrgChartView::error:
   * @self: the view
   * @message: what went wrong, for the user
   *
   * Printing failed.
   */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "chart.zoom-in", NULL, zoom_in_cb);
  gtk_widget_class_install_action (widget_class, "chart.zoom-out", NULL, zoom_out_cb);
  gtk_widget_class_install_action (widget_class, "chart.zoom-reset", NULL, zoom_reset_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "chart.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "chart.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "chart.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK,
                                       "chart.zoom-reset", NULL);

  gtk_widget_class_set_css_name (widget_class, "orgchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sd_org_chart_view_init (SdOrgChartView *self)
{
  GtkEventController *scroll;

  self->zoom = 1.0;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  /* Dark mode changes the palette; the desktop's font changes the text. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_settings_get_default (), "notify::gtk-font-name",
                           G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_settings_get_default (), "notify::gtk-xft-dpi",
                           G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);

  update_zoom_actions (self);
}

GtkWidget *
sd_org_chart_view_new (SdStore *store)
{
  return g_object_new (SD_TYPE_ORG_CHART_VIEW, "store", store, NULL);
}

SdStore *
sd_org_chart_view_get_store (SdOrgChartView *self)
{
  g_return_val_if_fail (SD_IS_ORG_CHART_VIEW (self), NULL);

  return self->store;
}

void
sd_org_chart_view_set_store (SdOrgChartView *self,
                             SdStore        *store)
{
  g_return_if_fail (SD_IS_ORG_CHART_VIEW (self));
  g_return_if_fail (store == NULL || SD_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    for (guint i = 0; i < N_WATCHED_TYPES; i++)
      g_signal_handlers_disconnect_by_func (sd_store_get_items (self->store, watched_type (i)),
                                            queue_rebuild, self);
  g_set_object (&self->store, store);
  if (self->store != NULL)
    for (guint i = 0; i < N_WATCHED_TYPES; i++)
      g_signal_connect_object (sd_store_get_items (self->store, watched_type (i)),
                               "items-changed", G_CALLBACK (queue_rebuild), self,
                               G_CONNECT_SWAPPED);

  /* At once, so that the first frame shows the chart. */
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

double
sd_org_chart_view_get_zoom (SdOrgChartView *self)
{
  g_return_val_if_fail (SD_IS_ORG_CHART_VIEW (self), 1.0);

  return self->zoom;
}

void
sd_org_chart_view_set_zoom (SdOrgChartView *self,
                            double          zoom)
{
  g_return_if_fail (SD_IS_ORG_CHART_VIEW (self));

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  /* Steps of the wheel and the keys come back to 100 % exactly. */
  if (fabs (zoom - 1.0) < 0.01)
    zoom = 1.0;
  if (zoom == self->zoom)
    return;

  self->zoom = zoom;
  update_zoom_actions (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* Printing. */

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              SdOrgChartView    *self)
{
  if (self->store == NULL)
    return;

  /* The same drawing as the PDF export, fitted to the printable area. */
  sd_org_chart_draw_page (self->store,
                          gtk_print_context_get_cairo_context (context),
                          gtk_print_context_get_width (context),
                          gtk_print_context_get_height (context));
}

void
sd_org_chart_view_print (SdOrgChartView *self,
                         GtkWindow      *parent)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) page_setup = NULL;
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (SD_IS_ORG_CHART_VIEW (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  if (self->store == NULL)
    return;

  /* A chart is wider than it is tall, and A4 is the paper of its readers. */
  paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  page_setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size_and_default_margins (page_setup, paper);
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_LANDSCAPE);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  if (self->print_settings != NULL)
    gtk_print_operation_set_print_settings (operation, self->print_settings);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* Translators: the name of the print job of the org chart */
  gtk_print_operation_set_job_name (operation, _("Security organisation chart"));
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), self, 0);

  /* The dialog runs a main loop of its own; the view must outlive it. */
  g_object_ref (self);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (operation));
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the reason printing failed */
      message = g_strdup_printf (_("Could not print the organisation chart: %s"),
                                 error != NULL ? error->message : _("unknown error"));
      g_signal_emit (self, signals[ERROR], 0, message);
    }
  g_object_unref (self);
}
