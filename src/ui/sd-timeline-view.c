/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-timeline-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sd-file-actions.h"
#include "sd-labels.h"
#include "sd-person.h"
#include "sd-plan-render.h"
#include "sd-plan-stream.h"
#include "sd-timeline-view.h"
#include "sd-timeline-view-private.h"
#include "sd-unit.h"

/* How much of a task's title a toast and the accessible label read. */
#define SHORT_TITLE_CHARS 24
/* Space kept around a bar scrolled into view. */
#define REVEAL_MARGIN 8.0

/* Where the month columns and rows are, for turning a drag's distance into
 * months and for pinning the header. */
typedef struct
{
  double grid_x, col_w;
  double header_h, row_h;
} Geometry;

/* What the Undo of a move puts back. */
typedef struct
{
  GtkWidget  *widget;         /* weak */
  SdPlanTask *task;
  int         start_month, end_month;
  char       *start_date, *end_date;
  gboolean    done;
} MoveUndo;

struct _SdTimelineView
{
  GtkWidget          parent_instance;

  SdStore           *store;
  SdPlan            *plan;

  /* The bars, built once per change of the plan's tasks or streams, never
   * per frame: an idle rebuilds them after a change (once for a burst,
   * such as an import), and anything that needs them earlier builds them
   * then (ensure_data()). Bar indices are valid for the current data only
   * and are mapped again from their tasks when it is rebuilt. */
  SdTimelineData    *data;
  guint              rebuild_id;
  guint              n_late;

  SdPlanTask        *selected_task;
  int                selected_bar;
  const char        *cursor_name;

  /* A bar being dragged: drag_task from the press on it, dragging once it
   * moved past the threshold. While dragging, the frame draws drag_bars,
   * a copy of the model's bars made once per drag, with the dragged one
   * at its prospective months. */
  SdPlanTask        *drag_task;
  int                drag_bar;
  SdTimelineHitKind  drag_kind;
  double             drag_col_w;
  gboolean           dragging;
  int                drag_start_month, drag_end_month;
  SdTimelineBar     *drag_bars;

  /* The adjustments of the scrolled window the timeline is in: only the
   * visible part is drawn, so scrolling must draw again. */
  GtkAdjustment     *hadjustment, *vadjustment;

  /* The Undo toast of the last move, while it shows. Further moves of
   * the same task (the keyboard's steps) replace it, so that its Undo goes
   * back to where the task was before the first and toasts do not queue
   * up. sd_ui_toast_undo() cannot do this: it does not give its toast. */
  AdwToast          *move_toast;
  MoveUndo          *move_undo;   /* owned by the toast's handler */

  gboolean           selection_changed;
  gboolean           label_dirty;
  char              *accessible_label;
};

G_DEFINE_FINAL_TYPE (SdTimelineView, sd_timeline_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PLAN,
  PROP_SELECTED_TASK,
  N_PROPS
};

enum {
  TASK_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Texts */

static char *
shorten (const char *text,
         glong       max_chars)
{
  g_autofree char *head = NULL;

  if (text == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);
  head = g_utf8_substring (text, 0, max_chars - 1);
  return g_strconcat (head, "…", NULL);
}

/* "March – June", or "March" for one month. */
static char *
format_months (int start,
               int end)
{
  if (start < 1 || start > 12 || end < 1 || end > 12)
    return g_strdup ("");
  if (start == end)
    return g_strdup (sd_month_label (start));
  /* Translators: a span of months in the plan, e.g. "March – June" */
  return g_strdup_printf (_("%s – %s"), sd_month_label (start), sd_month_label (end));
}

/* Data */

static void store_selection (SdTimelineView *self,
                             SdPlanTask     *task);

static void
reset_drag (SdTimelineView *self)
{
  g_clear_object (&self->drag_task);
  g_clear_pointer (&self->drag_bars, g_free);
  self->drag_bar = -1;
  self->drag_kind = SD_TIMELINE_HIT_NONE;
  self->dragging = FALSE;
  self->drag_start_month = self->drag_end_month = 0;
}

/* The bar of @task, or -1. */
static int
bar_for_task (SdTimelineView *self,
              SdPlanTask     *task)
{
  if (self->data == NULL || task == NULL)
    return -1;
  return sd_timeline_data_find_task (self->data, sd_item_get_id (SD_ITEM (task)));
}

/* Copies the bars for a drag and puts the dragged one at its prospective
 * months. */
static void
update_drag_bars (SdTimelineView *self)
{
  const SdTimelineModel *model = sd_timeline_data_get_model (self->data);

  if (self->drag_bars == NULL)
    self->drag_bars = g_memdup2 (model->bars, sizeof (SdTimelineBar) * MAX (model->n_bars, 1));
  self->drag_bars[self->drag_bar].start_month = self->drag_start_month;
  self->drag_bars[self->drag_bar].end_month = self->drag_end_month;
}

static SdTimelineData *
ensure_data (SdTimelineView *self)
{
  const SdTimelineModel *model;
  g_autoptr(GDateTime) today = NULL;

  if (self->data != NULL || self->store == NULL || self->plan == NULL)
    return self->data;

  today = g_date_time_new_now_local ();
  self->data = sd_timeline_data_new (self->store, self->plan, today);
  model = sd_timeline_data_get_model (self->data);
  self->n_late = 0;
  for (guint i = 0; i < model->n_bars; i++)
    self->n_late += model->bars[i].late ? 1 : 0;
  self->label_dirty = TRUE;

  /* A drag goes on with its task's new bar; a task that is gone ends it. */
  g_clear_pointer (&self->drag_bars, g_free);
  if (self->drag_task != NULL)
    {
      self->drag_bar = bar_for_task (self, self->drag_task);
      if (self->drag_bar < 0)
        reset_drag (self);
      else if (self->dragging)
        update_drag_bars (self);
    }

  /* The selection follows its task; a task that is no longer in the plan
   * is no longer selected. */
  self->selected_bar = bar_for_task (self, self->selected_task);
  if (self->selected_bar < 0)
    store_selection (self, NULL);
  return self->data;
}

/* The accessible label: the summary, then the selection. */
static char *
describe (SdTimelineView *self)
{
  const SdTimelineModel *model;
  const SdTimelineBar *bar;
  g_autofree char *summary = NULL;
  g_autofree char *title = NULL;
  g_autofree char *months = NULL;
  g_autofree char *selection = NULL;
  const char *status;

  if (self->data == NULL)
    return g_strdup (_("Timeline: no plan"));

  model = sd_timeline_data_get_model (self->data);
  /* Translators: the accessible name of the plan's timeline: the year,
   * the number of tasks and of late tasks, e.g. "Timeline 2026: 34 tasks,
   * 3 late" */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Timeline %d: %u task, %u late",
                                          "Timeline %d: %u tasks, %u late", model->n_bars),
                             model->year, model->n_bars, self->n_late);
  if (self->selected_bar < 0)
    return g_steal_pointer (&summary);

  bar = &model->bars[self->selected_bar];
  title = shorten (bar->title, SHORT_TITLE_CHARS);
  months = format_months (bar->start_month, bar->end_month);
  status = sd_task_status_label (sd_plan_task_get_status (self->selected_task));
  if (bar->late)
    /* Translators: the selected task of the timeline: title, months and
     * status, e.g. "Selected: Self-check, March – June, In progress, late" */
    selection = g_strdup_printf (_("Selected: %s, %s, %s, late"), title, months, status);
  else
    /* Translators: the selected task of the timeline: title, months and
     * status, e.g. "Selected: Self-check, March – June, Done" */
    selection = g_strdup_printf (_("Selected: %s, %s, %s"), title, months, status);

  /* Translators: the timeline's summary, then its selection */
  return g_strdup_printf (_("%s. %s"), summary, selection);
}

static void
update_accessible (SdTimelineView *self)
{
  g_autofree char *label = describe (self);

  self->label_dirty = FALSE;
  if (g_strcmp0 (label, self->accessible_label) == 0)
    return;
  g_free (self->accessible_label);
  self->accessible_label = g_steal_pointer (&label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->accessible_label,
                                  -1);
}

/* Tells what changed: the selection and the accessible label. The
 * selection can change while the data is rebuilt in the middle of a
 * snapshot or a measure, and is announced after. */
static void
flush_changes (SdTimelineView *self)
{
  if (self->selection_changed)
    {
      self->selection_changed = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_TASK]);
    }
  if (self->label_dirty)
    update_accessible (self);
}

static gboolean
rebuild_cb (gpointer user_data)
{
  SdTimelineView *self = user_data;

  self->rebuild_id = 0;
  ensure_data (self);
  flush_changes (self);
  return G_SOURCE_REMOVE;
}

/* The tasks, the streams or the plan changed. */
static void
invalidate (SdTimelineView *self)
{
  g_clear_pointer (&self->data, sd_timeline_data_free);
  g_clear_pointer (&self->drag_bars, g_free);
  self->label_dirty = TRUE;
  /* Before the next frame is laid out, and once for a burst of changes. */
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_cb, self, NULL);
  /* A task or stream more or less is a row more or less. */
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Selection */

/* Sets the selection without notifying (see flush_changes()). Needs the
 * data, if any, to be current. */
static void
store_selection (SdTimelineView *self,
                 SdPlanTask     *task)
{
  int bar = bar_for_task (self, task);

  if (bar < 0)
    task = NULL;
  if (g_set_object (&self->selected_task, task))
    {
      self->selection_changed = TRUE;
      self->label_dirty = TRUE;
    }
  if (self->selected_bar != bar)
    {
      self->selected_bar = bar;
      self->label_dirty = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* The frame */

static void
fill_style (SdTimelineView  *self,
            SdTimelineStyle *style)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  PangoContext *pango = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (pango);
  GdkRGBA color;

  sd_timeline_style_init_default (style, adw_style_manager_get_dark (manager));

  /* Text, the background and the selection follow the theme. */
  gtk_style_context_get_color (context, &color);
  style->foreground = (SdColor) { color.red, color.green, color.blue, color.alpha };
  if (gtk_style_context_lookup_color (context, "view_bg_color", &color))
    style->background = (SdColor) { color.red, color.green, color.blue, color.alpha };
  if (gtk_style_context_lookup_color (context, "accent_color", &color))
    style->selection = (SdColor) { color.red, color.green, color.blue, color.alpha };

  /* The type of the interface, in pixels, so that the timeline reads like
   * the rest of the window. */
  if (font != NULL && pango_font_description_get_size (font) > 0)
    {
      double size = (double) pango_font_description_get_size (font) / PANGO_SCALE;

      if (!pango_font_description_get_size_is_absolute (font))
        {
          double dpi = pango_cairo_context_get_resolution (pango);

          size *= (dpi > 0 ? dpi : 96.0) / 72.0;
        }
      style->font_size = size;
    }
}

/* The model and style of the frame as it is drawn now; FALSE if nothing
 * is drawn. The one source of the layout for drawing and hit-testing. */
static gboolean
fill_frame (SdTimelineView  *self,
            SdTimelineModel *model,
            SdTimelineStyle *style,
            double          *width,
            double          *height)
{
  if (ensure_data (self) == NULL)
    return FALSE;

  *width = gtk_widget_get_width (GTK_WIDGET (self));
  *height = gtk_widget_get_height (GTK_WIDGET (self));
  if (*width <= 0 || *height <= 0)
    return FALSE;

  *model = *sd_timeline_data_get_model (self->data);
  model->selected_bar = self->selected_bar;
  if (self->dragging && self->drag_bars != NULL)
    model->bars = self->drag_bars;
  fill_style (self, style);
  return TRUE;
}

/* Where the month columns and the rows are, found through the renderer's
 * own geometry: two bars, one over the whole year and one over January,
 * give the columns; their rows give the header and the row height. */
static gboolean
get_geometry (const SdTimelineStyle *style,
              double                 width,
              Geometry              *geometry)
{
  SdTimelineBar bars[2] = {
    { .start_month = 1, .end_month = 12 },
    { .start_month = 1, .end_month = 1 },
  };
  SdTimelineModel model = { .bars = bars, .n_bars = 2, .selected_bar = -1 };
  cairo_rectangle_t year, january;
  double with_bars, without;

  if (!sd_timeline_get_bar_rect (&model, style, width, G_MAXINT, 0, &year) ||
      !sd_timeline_get_bar_rect (&model, style, width, G_MAXINT, 1, &january))
    return FALSE;
  with_bars = sd_timeline_get_height (&model, style, width);
  model.n_bars = 0;
  without = sd_timeline_get_height (&model, style, width);

  geometry->col_w = (year.width - january.width) / 11;
  geometry->grid_x = january.x - (geometry->col_w - january.width) / 2;
  geometry->row_h = (with_bars - without) / 2;
  geometry->header_h = year.y - (geometry->row_h - year.height) / 2;
  return geometry->col_w > 0;
}

/* The part of the widget that its scrolled window shows (all of it when
 * it is not in one), in widget coordinates. */
static void
get_visible_area (SdTimelineView  *self,
                  double           width,
                  double           height,
                  graphene_rect_t *area)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  double x0, y0, x1, y1;

  graphene_rect_init (area, 0, 0, width, height);
  if (window == NULL ||
      !gtk_widget_translate_coordinates (window, GTK_WIDGET (self), 0, 0, &x0, &y0) ||
      !gtk_widget_translate_coordinates (window, GTK_WIDGET (self),
                                         gtk_widget_get_width (window),
                                         gtk_widget_get_height (window), &x1, &y1))
    return;

  x0 = CLAMP (floor (x0), 0, width);
  y0 = CLAMP (floor (y0), 0, height);
  x1 = CLAMP (ceil (x1), x0, width);
  y1 = CLAMP (ceil (y1), y0, height);
  graphene_rect_init (area, x0, y0, x1 - x0, y1 - y0);
}

/* Whether @y lies under the month names that stay at the top of the
 * visible area once the timeline is scrolled: the rows there are hidden. */
static gboolean
under_pinned_header (SdTimelineView        *self,
                     const SdTimelineStyle *style,
                     double                 width,
                     double                 height,
                     double                 y)
{
  graphene_rect_t visible;
  Geometry geometry;

  get_visible_area (self, width, height, &visible);
  return visible.origin.y > 0 && y >= visible.origin.y &&
         get_geometry (style, width, &geometry) && y < visible.origin.y + geometry.header_h;
}

static gboolean
hit_test (SdTimelineView *self,
          double          x,
          double          y,
          SdTimelineHit  *hit)
{
  SdTimelineModel model;
  SdTimelineStyle style;
  double width, height;

  *hit = (SdTimelineHit) { SD_TIMELINE_HIT_NONE, -1, 0 };
  if (!fill_frame (self, &model, &style, &width, &height) ||
      under_pinned_header (self, &style, width, height, y))
    return FALSE;
  if (!sd_timeline_hit_test (&model, &style, width, height, x, y, hit))
    {
      *hit = (SdTimelineHit) { SD_TIMELINE_HIT_NONE, -1, 0 };
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_bar_rect (SdTimelineView    *self,
              int                bar,
              cairo_rectangle_t *rect)
{
  SdTimelineModel model;
  SdTimelineStyle style;
  double width, height;

  if (bar < 0 || !fill_frame (self, &model, &style, &width, &height))
    return FALSE;
  return sd_timeline_get_bar_rect (&model, &style, width, height, (guint) bar, rect);
}

/* The months a drag shows, in a small dark label above the dragged end
 * (below it when there is no room), kept inside the visible area. */
static void
snapshot_drag_label (SdTimelineView        *self,
                     GtkSnapshot           *snapshot,
                     const SdTimelineModel *model,
                     const SdTimelineStyle *style,
                     double                 width,
                     double                 height,
                     const graphene_rect_t *visible)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *text = NULL;
  GskRoundedRect box;
  cairo_rectangle_t rect;
  PangoRectangle logical;
  double pad_x = 8, pad_y = 4, w, h, x, y;

  if (!sd_timeline_get_bar_rect (model, style, width, height, (guint) self->drag_bar, &rect))
    return;

  text = format_months (self->drag_start_month, self->drag_end_month);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  w = logical.width + 2 * pad_x;
  h = logical.height + 2 * pad_y;

  /* Over the end being dragged, where the pointer is. */
  if (self->drag_kind == SD_TIMELINE_HIT_BAR_START)
    x = rect.x - w / 2;
  else if (self->drag_kind == SD_TIMELINE_HIT_BAR_END)
    x = rect.x + rect.width - w / 2;
  else
    x = rect.x + rect.width / 2 - w / 2;
  y = rect.y - h - 6;
  if (y < visible->origin.y)
    y = rect.y + rect.height + 6;
  x = CLAMP (x, visible->origin.x + 2, MAX (visible->origin.x + 2,
                                            visible->origin.x + visible->size.width - w - 2));
  y = CLAMP (y, visible->origin.y + 2, MAX (visible->origin.y + 2,
                                            visible->origin.y + visible->size.height - h - 2));
  x = round (x);
  y = round (y);

  /* The colours of a GTK tooltip, the same in light and dark. */
  gsk_rounded_rect_init_from_rect (&box, &GRAPHENE_RECT_INIT (x, y, w, h), 6);
  gtk_snapshot_push_rounded_clip (snapshot, &box);
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0, 0, 0, 0.8 }, &box.bounds);
  gtk_snapshot_pop (snapshot);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + pad_x, y + pad_y - logical.y));
  gtk_snapshot_append_layout (snapshot, layout, &(GdkRGBA) { 1, 1, 1, 1 });
  gtk_snapshot_restore (snapshot);
}

static void
sd_timeline_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SdTimelineView *self = SD_TIMELINE_VIEW (widget);
  SdTimelineModel model;
  SdTimelineStyle style;
  graphene_rect_t visible;
  Geometry geometry;
  double width, height;
  cairo_t *cr;

  if (!fill_frame (self, &model, &style, &width, &height))
    return;

  /* Only what the scrolled window shows: GTK rasterises a Cairo node over
   * its whole bounds, and 2,000 tasks are tens of thousands of pixels
   * tall. */
  get_visible_area (self, width, height, &visible);
  if (visible.size.width <= 0 || visible.size.height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &visible);
  sd_timeline_draw (cr, width, height, &model, &style);

  /* Scrolled past the month names: they stay at the top of what shows,
   * over the rows, so that a long plan can still be read by month. */
  if (visible.origin.y > 0 && get_geometry (&style, width, &geometry))
    {
      cairo_save (cr);
      cairo_translate (cr, 0, visible.origin.y);
      cairo_rectangle (cr, 0, 0, width, geometry.header_h);
      cairo_clip (cr);
      cairo_set_source_rgba (cr, style.background.red, style.background.green,
                             style.background.blue, 1.0);
      cairo_paint (cr);
      sd_timeline_draw (cr, width, geometry.header_h, &model, &style);
      cairo_restore (cr);
    }
  cairo_destroy (cr);

  if (self->dragging && self->drag_bar >= 0)
    snapshot_drag_label (self, snapshot, &model, &style, width, height, &visible);
}

/* Scrolls the bar of @bar into view, if the timeline is in a scrolled window. */
static void
reveal_bar (SdTimelineView *self,
            int             bar)
{
  GtkWidget *viewport = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_VIEWPORT);
  GtkAdjustment *adjustment;
  SdTimelineModel model;
  SdTimelineStyle style;
  Geometry geometry;
  cairo_rectangle_t rect;
  double x, top, bottom, page, width, height;

  if (viewport == NULL || !get_bar_rect (self, bar, &rect) ||
      !fill_frame (self, &model, &style, &width, &height) ||
      !get_geometry (&style, width, &geometry))
    return;
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport));
  if (adjustment == NULL ||
      !gtk_widget_translate_coordinates (GTK_WIDGET (self), viewport, rect.x, rect.y, &x, &top))
    return;

  page = gtk_widget_get_height (viewport);
  bottom = top + rect.height;
  /* Below the month names, which stay at the top once scrolled. */
  if (top < geometry.header_h + REVEAL_MARGIN)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + top
                              - geometry.header_h - REVEAL_MARGIN);
  else if (bottom > page - REVEAL_MARGIN)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment)
                              + bottom - page + REVEAL_MARGIN);
}

static void
set_cursor (SdTimelineView *self,
            const char     *name)
{
  if (g_strcmp0 (self->cursor_name, name) == 0)
    return;
  self->cursor_name = name;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

/* Tooltips */

static char *
bar_tooltip (SdTimelineView *self,
             int             index)
{
  const SdTimelineModel *model = sd_timeline_data_get_model (self->data);
  const SdTimelineBar *bar = &model->bars[index];
  SdPlanTask *task = sd_timeline_data_get_task (self->data, (guint) index);
  g_autoptr(GString) text = g_string_new (sd_plan_task_get_title (task));
  g_autofree char *months = format_months (bar->start_month, bar->end_month);
  const char *status = sd_task_status_label (sd_plan_task_get_status (task));
  SdUnit *unit = sd_store_lookup (self->store, SD_TYPE_UNIT,
                                  sd_plan_task_get_owner_unit_id (task));
  SdPerson *person = sd_store_lookup (self->store, SD_TYPE_PERSON,
                                      sd_plan_task_get_owner_person_id (task));

  if (bar->stream >= 0 && (guint) bar->stream < model->n_streams)
    {
      g_string_append_c (text, '\n');
      /* Translators: a line of a task's tooltip on the timeline */
      g_string_append_printf (text, _("Stream: %s"), model->streams[bar->stream]);
    }
  if (unit != NULL || person != NULL)
    {
      g_autofree char *owner = NULL;

      if (unit != NULL && person != NULL)
        owner = g_strdup_printf ("%s · %s", sd_unit_get_name (unit), sd_person_get_name (person));
      else
        owner = g_strdup (unit != NULL ? sd_unit_get_name (unit) : sd_person_get_name (person));
      g_string_append_c (text, '\n');
      /* Translators: a line of a task's tooltip on the timeline: its owner
       * unit and person */
      g_string_append_printf (text, _("Owner: %s"), owner);
    }

  g_string_append_c (text, '\n');
  if (bar->status == SD_TIMELINE_IN_PROGRESS || (bar->status == SD_TIMELINE_PLANNED &&
                                                 bar->progress > 0))
    /* Translators: a task's months, status and progress, e.g. "March – June,
     * In progress, 40 %" */
    g_string_append_printf (text, _("%s, %s, %d %%"), months, status, bar->progress);
  else
    /* Translators: a task's months and status, e.g. "March – June, Done" */
    g_string_append_printf (text, _("%s, %s"), months, status);

  if (bar->late)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, sd_task_status_label ("overdue"));
    }
  if (bar->carried_over)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("Carried over from last year"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  SdTimelineView *self = SD_TIMELINE_VIEW (widget);
  g_autofree char *text = NULL;
  cairo_rectangle_t rect;
  SdTimelineHit hit;
  int bar;

  /* The drag shows its own label. */
  if (self->dragging)
    return FALSE;

  if (keyboard_mode)
    bar = self->selected_bar;
  else if (hit_test (self, x, y, &hit) && hit.bar >= 0)
    bar = hit.bar;
  else
    return FALSE;
  if (bar < 0 || !get_bar_rect (self, bar, &rect))
    return FALSE;

  /* The tooltip belongs to the bar's row, titles included: moving to the
   * next one asks again. */
  text = bar_tooltip (self, bar);
  if (!keyboard_mode)
    gtk_tooltip_set_tip_area (tooltip,
                              &(GdkRectangle) { 0, floor (rect.y),
                                                gtk_widget_get_width (widget),
                                                ceil (rect.height) });
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Mouse */

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            SdTimelineView  *self)
{
  SdTimelineHit hit;

  if (self->store == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (hit_test (self, x, y, &hit) && hit.bar >= 0)
    {
      store_selection (self, sd_timeline_data_get_task (self->data, (guint) hit.bar));
      flush_changes (self);
      if (n_press == 2 && self->selected_task != NULL)
        g_signal_emit (self, signals[TASK_ACTIVATED], 0, self->selected_task);
    }
  else
    {
      store_selection (self, NULL);
      flush_changes (self);
    }
}

static const char *
cursor_for_hit (SdTimelineHitKind kind)
{
  switch (kind)
    {
    case SD_TIMELINE_HIT_BAR_START:
    case SD_TIMELINE_HIT_BAR_END:
      return "ew-resize";
    case SD_TIMELINE_HIT_BAR:
      return "pointer";
    case SD_TIMELINE_HIT_NONE:
    case SD_TIMELINE_HIT_MONTH:
    default:
      return NULL;
    }
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           SdTimelineView           *self)
{
  SdTimelineHit hit;

  /* While dragging, the cursor says what the drag does. */
  if (self->dragging || self->store == NULL)
    return;

  hit_test (self, x, y, &hit);
  set_cursor (self, cursor_for_hit (hit.kind));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          SdTimelineView           *self)
{
  if (!self->dragging)
    set_cursor (self, NULL);
}

/* Dragging a bar's ends or middle. Nothing changes in the store until the
 * release; meanwhile the bar is drawn at its prospective months. */

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               SdTimelineView *self)
{
  SdTimelineModel model;
  SdTimelineStyle style;
  Geometry geometry;
  double width, height;
  SdTimelineHit hit;

  reset_drag (self);
  if (!hit_test (self, x, y, &hit) || hit.bar < 0 ||
      !fill_frame (self, &model, &style, &width, &height) ||
      !get_geometry (&style, width, &geometry))
    return;
  /* The title column selects; only the bar itself is dragged. */
  if (hit.kind == SD_TIMELINE_HIT_BAR && x < geometry.grid_x)
    return;

  self->drag_task = g_object_ref (sd_timeline_data_get_task (self->data, (guint) hit.bar));
  self->drag_bar = hit.bar;
  self->drag_kind = hit.kind;
  self->drag_col_w = geometry.col_w;
  self->drag_start_month = model.bars[hit.bar].start_month;
  self->drag_end_month = model.bars[hit.bar].end_month;
}

/* The months the bar would have after the pointer moved @offset_x: the
 * nearest whole number of months, the start never after the end. */
static void
drag_months (SdTimelineView *self,
             double          offset_x,
             int            *start,
             int            *end)
{
  const SdTimelineBar *bar = &sd_timeline_data_get_model (self->data)->bars[self->drag_bar];
  int delta = (int) round (offset_x / self->drag_col_w);

  *start = bar->start_month;
  *end = bar->end_month;
  switch (self->drag_kind)
    {
    case SD_TIMELINE_HIT_BAR_START:
      *start = CLAMP (bar->start_month + delta, 1, bar->end_month);
      break;
    case SD_TIMELINE_HIT_BAR_END:
      *end = CLAMP (bar->end_month + delta, bar->start_month, 12);
      break;
    case SD_TIMELINE_HIT_BAR:
      delta = CLAMP (delta, 1 - bar->start_month, 12 - bar->end_month);
      *start = bar->start_month + delta;
      *end = bar->end_month + delta;
      break;
    case SD_TIMELINE_HIT_NONE:
    case SD_TIMELINE_HIT_MONTH:
    default:
      break;
    }
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                SdTimelineView *self)
{
  int start, end;

  if (self->drag_task == NULL)
    return;

  if (!self->dragging)
    {
      int threshold = 8;

      g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                    "gtk-dnd-drag-threshold", &threshold,
                    NULL);
      if (fabs (offset_x) < threshold)
        return;
      /* From here on it is a drag, not a click. */
      self->dragging = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      set_cursor (self, self->drag_kind == SD_TIMELINE_HIT_BAR ? "grabbing" : "ew-resize");
    }

  if (ensure_data (self) == NULL || self->drag_task == NULL)
    return;
  drag_months (self, offset_x, &start, &end);
  if (self->drag_bars == NULL || start != self->drag_start_month || end != self->drag_end_month)
    {
      self->drag_start_month = start;
      self->drag_end_month = end;
      update_drag_bars (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             SdTimelineView *self)
{
  g_autoptr(SdPlanTask) task = NULL;
  int start = 0, end = 0;
  gboolean changed;

  if (self->drag_task == NULL || !self->dragging)
    {
      reset_drag (self);
      return;
    }

  if (ensure_data (self) != NULL && self->drag_task != NULL)
    drag_months (self, offset_x, &start, &end);
  changed = self->drag_task != NULL &&
            (start != sd_plan_task_get_start_month (self->drag_task) ||
             end != sd_plan_task_get_end_month (self->drag_task));
  /* The state is cleared before the store is written: its change comes
   * back through items-changed. */
  task = g_steal_pointer (&self->drag_task);
  reset_drag (self);
  set_cursor (self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (task != NULL && changed)
    sd_timeline_view_move_task (self, task, start, end);
}

static void
drag_cancel_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                SdTimelineView   *self)
{
  if (self->dragging)
    {
      set_cursor (self, NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  reset_drag (self);
}

/* Keyboard */

static void
select_bar (SdTimelineView *self,
            int             bar)
{
  store_selection (self, sd_timeline_data_get_task (self->data, (guint) bar));
  reveal_bar (self, bar);
  flush_changes (self);
}

/* Up and Down: the previous or next bar, in the order they are drawn. */
static void
move_selection (SdTimelineView *self,
                int             step)
{
  guint n_bars = sd_timeline_data_get_model (self->data)->n_bars;
  int bar;

  if (n_bars == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  /* From nowhere, Down starts at the top and Up at the bottom. */
  if (self->selected_bar < 0)
    bar = step > 0 ? 0 : (int) n_bars - 1;
  else
    bar = CLAMP (self->selected_bar + step, 0, (int) n_bars - 1);
  select_bar (self, bar);
}

/* Shift, Alt or Ctrl with Left or Right: moves the selected bar's end,
 * start or both by @step months, if there is room. */
static void
move_selected_bar (SdTimelineView    *self,
                   SdTimelineHitKind  what,
                   int                step)
{
  const SdTimelineBar *bar;
  int start, end;

  if (self->selected_bar < 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  bar = &sd_timeline_data_get_model (self->data)->bars[self->selected_bar];
  start = bar->start_month;
  end = bar->end_month;
  if (what != SD_TIMELINE_HIT_BAR_END)
    start += step;
  if (what != SD_TIMELINE_HIT_BAR_START)
    end += step;
  if (start < 1 || end > 12 || start > end)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  sd_timeline_view_move_task (self, self->selected_task, start, end);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SdTimelineView        *self)
{
  GdkModifierType modifiers = state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK);
  int step = 0;

  if (ensure_data (self) == NULL)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (modifiers != 0)
        return FALSE;
      move_selection (self, keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up ? -1 : 1);
      return TRUE;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      if (modifiers != 0)
        return FALSE;
      if (sd_timeline_data_get_model (self->data)->n_bars == 0)
        return FALSE;
      select_bar (self, keyval == GDK_KEY_Home || keyval == GDK_KEY_KP_Home
                        ? 0 : (int) sd_timeline_data_get_model (self->data)->n_bars - 1);
      return TRUE;

    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      step = -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      step = 1;
      break;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (modifiers != 0 || self->selected_task == NULL)
        return FALSE;
      g_signal_emit (self, signals[TASK_ACTIVATED], 0, self->selected_task);
      return TRUE;

    case GDK_KEY_Escape:
      /* Only a drag is the timeline's to cancel; otherwise Escape is the
       * window's. */
      if (!self->dragging)
        return FALSE;
      reset_drag (self);
      set_cursor (self, NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;

    default:
      return FALSE;
    }

  /* Left and Right. Plain, they have nothing to do in a list of rows, and
   * are left to focus navigation. */
  if (modifiers == GDK_SHIFT_MASK)
    move_selected_bar (self, SD_TIMELINE_HIT_BAR_END, step);
  else if (modifiers == GDK_ALT_MASK)
    move_selected_bar (self, SD_TIMELINE_HIT_BAR_START, step);
  else if (modifiers == GDK_CONTROL_MASK)
    move_selected_bar (self, SD_TIMELINE_HIT_BAR, step);
  else
    return FALSE;
  return TRUE;
}

/* Moves and their Undo */

static void
move_undo_free (gpointer  data,
                GClosure *closure)
{
  MoveUndo *undo = data;

  g_clear_weak_pointer (&undo->widget);
  g_clear_object (&undo->task);
  g_free (undo->start_date);
  g_free (undo->end_date);
  g_free (undo);
}

static void
move_undo_clicked_cb (AdwToast *toast,
                      MoveUndo *undo)
{
  g_autoptr(GError) error = NULL;
  SdTimelineView *self;

  if (undo->widget == NULL || undo->done)
    return;
  self = SD_TIMELINE_VIEW (undo->widget);
  undo->done = TRUE;
  if (self->store == NULL ||
      !sd_store_update (self->store, undo->task, &error,
                        "start-month", undo->start_month,
                        "end-month", undo->end_month,
                        "start-date", undo->start_date,
                        "end-date", undo->end_date,
                        NULL))
    sd_ui_toast_error (GTK_WIDGET (self), _("Could not undo"), error);
}

static void
move_toast_dismissed_cb (AdwToast       *toast,
                         SdTimelineView *self)
{
  if (self->move_toast != toast)
    return;
  g_clear_weak_pointer (&self->move_toast);
  self->move_undo = NULL;
}

/* Forgets the current move's toast and takes it off the screen. */
static void
drop_move_toast (SdTimelineView *self)
{
  g_autoptr(AdwToast) toast = NULL;

  self->move_undo = NULL;
  if (self->move_toast == NULL)
    return;
  toast = g_object_ref (self->move_toast);
  g_signal_handlers_disconnect_by_func (toast, move_toast_dismissed_cb, self);
  g_clear_weak_pointer (&self->move_toast);
  adw_toast_dismiss (toast);
}

/* Shows the toast of a move; it owns @undo. */
static void
show_move_toast (SdTimelineView *self,
                 MoveUndo       *undo,
                 int             start,
                 int             end)
{
  g_autofree char *title = shorten (sd_plan_task_get_title (undo->task), SHORT_TITLE_CHARS);
  g_autofree char *months = format_months (start, end);
  /* Translators: a toast after a task's bar was dragged on the timeline,
   * e.g. "“Self-check” now runs March – June" */
  g_autofree char *text = g_strdup_printf (_("“%s” now runs %s"), title, months);
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (move_undo_clicked_cb), undo,
                         move_undo_free, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (move_toast_dismissed_cb), self, 0);
  g_set_weak_pointer (&self->move_toast, toast);
  self->move_undo = undo;
  sd_ui_toast (GTK_WIDGET (self), toast);
}

/* Store */

static void
plan_items_changed_cb (SdTimelineView *self)
{
  invalidate (self);
}

static void
disconnect_store (SdTimelineView *self)
{
  if (self->store == NULL)
    return;
  g_signal_handlers_disconnect_by_func (sd_store_get_items (self->store, SD_TYPE_PLAN_TASK),
                                        plan_items_changed_cb, self);
  g_signal_handlers_disconnect_by_func (sd_store_get_items (self->store, SD_TYPE_PLAN_STREAM),
                                        plan_items_changed_cb, self);
  g_signal_handlers_disconnect_by_func (sd_store_get_items (self->store, SD_TYPE_PLAN),
                                        plan_items_changed_cb, self);
}

static void
set_store (SdTimelineView *self,
           SdStore        *store)
{
  GType types[] = { SD_TYPE_PLAN_TASK, SD_TYPE_PLAN_STREAM, SD_TYPE_PLAN };

  g_assert (self->store == NULL);

  if (store == NULL)
    return;
  self->store = g_object_ref (store);
  /* Owners show only in tooltips, which look them up when asked: units
   * and people need no listening. */
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_signal_connect_object (sd_store_get_items (self->store, types[i]), "items-changed",
                             G_CALLBACK (plan_items_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Scrolling */

static void
set_adjustment (SdTimelineView  *self,
                GtkAdjustment  **slot,
                GtkAdjustment   *adjustment)
{
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, gtk_widget_queue_draw, self);
  g_set_object (slot, adjustment);
  /* A scroll, and a window that shows more of the timeline. */
  if (*slot != NULL)
    {
      g_signal_connect_swapped (*slot, "value-changed", G_CALLBACK (gtk_widget_queue_draw),
                                self);
      g_signal_connect_swapped (*slot, "changed", G_CALLBACK (gtk_widget_queue_draw), self);
    }
}

/* GtkWidget and GObject */

static void
sd_timeline_view_map (GtkWidget *widget)
{
  SdTimelineView *self = SD_TIMELINE_VIEW (widget);
  GtkWidget *window = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);

  GTK_WIDGET_CLASS (sd_timeline_view_parent_class)->map (widget);

  /* GTK keeps a child's frame when its scrolled window only moves it; the
   * frame holds the visible part only, so a scroll must draw again. */
  if (window != NULL)
    {
      set_adjustment (self, &self->hadjustment,
                      gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (window)));
      set_adjustment (self, &self->vadjustment,
                      gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (window)));
    }
}

static void
sd_timeline_view_unmap (GtkWidget *widget)
{
  SdTimelineView *self = SD_TIMELINE_VIEW (widget);

  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);
  GTK_WIDGET_CLASS (sd_timeline_view_parent_class)->unmap (widget);
}

static void
sd_timeline_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  SdTimelineView *self = SD_TIMELINE_VIEW (widget);
  SdTimelineModel empty = { .selected_bar = -1 };
  const SdTimelineModel *model = &empty;
  SdTimelineStyle style;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* The title column and twelve months that still show a number. */
      *minimum = 360;
      *natural = 800;
      return;
    }

  if (ensure_data (self) != NULL)
    model = sd_timeline_data_get_model (self->data);
  fill_style (self, &style);
  *minimum = *natural = (int) ceil (sd_timeline_get_height (model, &style,
                                                            for_size > 0 ? for_size : 800));
}

static void
sd_timeline_view_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (sd_timeline_view_parent_class)->css_changed (widget, change);

  /* The font decides the rows' height. */
  gtk_widget_queue_resize (widget);
}

static void
sd_timeline_view_dispose (GObject *object)
{
  SdTimelineView *self = SD_TIMELINE_VIEW (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  drop_move_toast (self);
  disconnect_store (self);
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);
  g_clear_object (&self->store);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->data, sd_timeline_data_free);
  g_clear_object (&self->selected_task);
  reset_drag (self);

  G_OBJECT_CLASS (sd_timeline_view_parent_class)->dispose (object);
}

static void
sd_timeline_view_finalize (GObject *object)
{
  SdTimelineView *self = SD_TIMELINE_VIEW (object);

  g_free (self->accessible_label);

  G_OBJECT_CLASS (sd_timeline_view_parent_class)->finalize (object);
}

static void
sd_timeline_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SdTimelineView *self = SD_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    case PROP_SELECTED_TASK:
      g_value_set_object (value, sd_timeline_view_get_selected_task (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_timeline_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SdTimelineView *self = SD_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;
    case PROP_PLAN:
      sd_timeline_view_set_plan (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_TASK:
      sd_timeline_view_set_selected_task (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_timeline_view_class_init (SdTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_timeline_view_dispose;
  object_class->finalize = sd_timeline_view_finalize;
  object_class->get_property = sd_timeline_view_get_property;
  object_class->set_property = sd_timeline_view_set_property;
  widget_class->snapshot = sd_timeline_view_snapshot;
  widget_class->measure = sd_timeline_view_measure;
  widget_class->map = sd_timeline_view_map;
  widget_class->unmap = sd_timeline_view_unmap;
  widget_class->css_changed = sd_timeline_view_css_changed;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, SD_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_TASK] =
    g_param_spec_object ("selected-task", NULL, NULL, SD_TYPE_PLAN_TASK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SdTimelineView::task-activated:
   * @task: the task
   *
   * A double click on a bar, or Enter with a bar selected: open the task.
   */
  signals[TASK_ACTIVATED] =
    g_signal_new ("task-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, SD_TYPE_PLAN_TASK);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
sd_timeline_view_init (SdTimelineView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->selected_bar = -1;
  self->drag_bar = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  /* Dark mode changes the palette. */
  g_signal_connect_object (manager, "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);

  self->label_dirty = TRUE;
  update_accessible (self);
}

/* Public API */

GtkWidget *
sd_timeline_view_new (SdStore *store)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  return g_object_new (SD_TYPE_TIMELINE_VIEW, "store", store, NULL);
}

void
sd_timeline_view_set_plan (SdTimelineView *self,
                           SdPlan         *plan)
{
  g_return_if_fail (SD_IS_TIMELINE_VIEW (self));
  g_return_if_fail (plan == NULL || SD_IS_PLAN (plan));

  if (self->plan == plan)
    return;

  g_set_object (&self->plan, plan);
  reset_drag (self);
  invalidate (self);
  /* Tasks of another plan are not selected here. */
  ensure_data (self);
  if (self->data == NULL)
    store_selection (self, NULL);
  flush_changes (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

SdPlanTask *
sd_timeline_view_get_selected_task (SdTimelineView *self)
{
  g_return_val_if_fail (SD_IS_TIMELINE_VIEW (self), NULL);

  ensure_data (self);
  flush_changes (self);
  return self->selected_task;
}

void
sd_timeline_view_set_selected_task (SdTimelineView *self,
                                    SdPlanTask     *task)
{
  g_return_if_fail (SD_IS_TIMELINE_VIEW (self));
  g_return_if_fail (task == NULL || SD_IS_PLAN_TASK (task));

  ensure_data (self);
  store_selection (self, task);
  if (self->selected_bar >= 0)
    reveal_bar (self, self->selected_bar);
  flush_changes (self);
}

/**
 * sd_timeline_view_move_task:
 * @self: the timeline
 * @task: a task of its plan
 * @start_month: the new first month, 1..12
 * @end_month: the new last month, @start_month..12
 *
 * Sets the months of @task in one edit, clearing its exact dates, and
 * shows a toast whose Undo puts back what it had. Moves of the same task
 * in a row (the keyboard's steps) share one toast, whose Undo goes back
 * to before the first.
 *
 * Returns: %TRUE if the store took the change (or there was none)
 */
gboolean
sd_timeline_view_move_task (SdTimelineView *self,
                            SdPlanTask     *task,
                            int             start_month,
                            int             end_month)
{
  g_autoptr(GError) error = NULL;
  const char *start_date, *end_date;
  MoveUndo *undo;

  g_return_val_if_fail (SD_IS_TIMELINE_VIEW (self), FALSE);
  g_return_val_if_fail (SD_IS_PLAN_TASK (task), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  start_date = sd_plan_task_get_start_date (task);
  end_date = sd_plan_task_get_end_date (task);
  if (start_month == sd_plan_task_get_start_month (task) &&
      end_month == sd_plan_task_get_end_month (task) &&
      (start_date == NULL || *start_date == '\0') &&
      (end_date == NULL || *end_date == '\0'))
    return TRUE;

  undo = g_new0 (MoveUndo, 1);
  g_set_weak_pointer (&undo->widget, GTK_WIDGET (self));
  undo->task = g_object_ref (task);
  if (self->move_toast != NULL && self->move_undo != NULL && !self->move_undo->done &&
      self->move_undo->task == task)
    {
      /* The next step of the same task: back to before the first one. */
      undo->start_month = self->move_undo->start_month;
      undo->end_month = self->move_undo->end_month;
      undo->start_date = g_strdup (self->move_undo->start_date);
      undo->end_date = g_strdup (self->move_undo->end_date);
    }
  else
    {
      undo->start_month = sd_plan_task_get_start_month (task);
      undo->end_month = sd_plan_task_get_end_month (task);
      undo->start_date = g_strdup (start_date);
      undo->end_date = g_strdup (end_date);
    }

  if (!sd_store_update (self->store, task, &error,
                        "start-month", start_month,
                        "end-month", end_month,
                        "start-date", NULL,
                        "end-date", NULL,
                        NULL))
    {
      g_autofree char *title = shorten (sd_plan_task_get_title (task), SHORT_TITLE_CHARS);
      /* Translators: an error toast, followed by the reason */
      g_autofree char *what = g_strdup_printf (_("Could not change the months of “%s”"), title);

      move_undo_free (undo, NULL);
      sd_ui_toast_error (GTK_WIDGET (self), what, error);
      return FALSE;
    }

  drop_move_toast (self);
  show_move_toast (self, undo, start_month, end_month);
  return TRUE;
}

const char *
sd_timeline_view_get_accessible_label (SdTimelineView *self)
{
  g_return_val_if_fail (SD_IS_TIMELINE_VIEW (self), NULL);

  ensure_data (self);
  flush_changes (self);
  return self->accessible_label;
}

gboolean
sd_timeline_view_get_bar_rect (SdTimelineView    *self,
                               SdPlanTask        *task,
                               cairo_rectangle_t *rect)
{
  g_return_val_if_fail (SD_IS_TIMELINE_VIEW (self), FALSE);
  g_return_val_if_fail (SD_IS_PLAN_TASK (task), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  ensure_data (self);
  return get_bar_rect (self, bar_for_task (self, task), rect);
}

double
sd_timeline_view_get_month_width (SdTimelineView *self)
{
  SdTimelineModel model;
  SdTimelineStyle style;
  Geometry geometry;
  double width, height;

  g_return_val_if_fail (SD_IS_TIMELINE_VIEW (self), 0);

  if (!fill_frame (self, &model, &style, &width, &height) ||
      !get_geometry (&style, width, &geometry))
    return 0;
  return geometry.col_w;
}
