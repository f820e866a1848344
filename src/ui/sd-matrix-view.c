/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-matrix-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "sd-labels.h"
#include "sd-matrix-render.h"
#include "sd-matrix-view.h"

struct _SdMatrixView
{
  GtkWidget          parent_instance;

  SdDutyMatrix      *matrix;
  SdMatrixTextCache *cache;
  SdMatrixMetrics    metrics;
  double             zoom;

  GtkAdjustment     *hadjustment;
  GtkAdjustment     *vadjustment;
  guint              hscroll_policy : 1;
  guint              vscroll_policy : 1;

  guint              cursor_row;
  guint              cursor_column;
  gint64             cursor_duty_id;   /* to find the cursor again after a rebuild */
};

static void sd_matrix_view_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SdMatrixView, sd_matrix_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      sd_matrix_view_scrollable_init))

enum {
  PROP_0,
  PROP_MATRIX,
  PROP_ZOOM,
  N_PROPS,

  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

static void
sd_matrix_view_scrollable_init (GtkScrollableInterface *iface)
{
}

/* Geometry */

static double
header_height (SdMatrixView *self)
{
  return self->metrics.group_height + self->metrics.header_height;
}

static void
ensure_cache (SdMatrixView *self)
{
  if (self->cache != NULL)
    return;
  self->cache = sd_matrix_text_cache_new (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  sd_matrix_metrics_init (&self->metrics, self->cache, self->zoom);
}

static void
configure_adjustments (SdMatrixView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double content_width = 0, content_height = 0;
  double page_width, page_height;

  ensure_cache (self);
  if (self->matrix != NULL)
    sd_matrix_get_content_size (self->matrix, &self->metrics, &content_width, &content_height);

  /* The adjustments scroll the cells only; the headers stay. */
  content_width = MAX (content_width - self->metrics.row_header_width, 0);
  content_height = MAX (content_height - header_height (self), 0);
  page_width = MAX (width - self->metrics.row_header_width, 0);
  page_height = MAX (height - header_height (self), 0);

  if (self->hadjustment != NULL)
    gtk_adjustment_configure (self->hadjustment,
                              CLAMP (gtk_adjustment_get_value (self->hadjustment), 0,
                                     MAX (content_width - page_width, 0)),
                              0, MAX (content_width, page_width),
                              self->metrics.column_width, page_width * 0.9, page_width);
  if (self->vadjustment != NULL)
    gtk_adjustment_configure (self->vadjustment,
                              CLAMP (gtk_adjustment_get_value (self->vadjustment), 0,
                                     MAX (content_height - page_height, 0)),
                              0, MAX (content_height, page_height),
                              self->metrics.row_height, page_height * 0.9, page_height);
}

static double
scroll_x (SdMatrixView *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

static double
scroll_y (SdMatrixView *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

static void
scroll_to_cursor (SdMatrixView *self)
{
  cairo_rectangle_t area;
  double page;

  if (self->cursor_row == G_MAXUINT)
    return;

  sd_matrix_get_cell_area (&self->metrics, self->cursor_row,
                           self->cursor_column != G_MAXUINT ? self->cursor_column : 0, &area);
  if (self->vadjustment != NULL)
    {
      page = gtk_adjustment_get_page_size (self->vadjustment);
      if (area.y < scroll_y (self))
        gtk_adjustment_set_value (self->vadjustment, area.y);
      else if (area.y + area.height > scroll_y (self) + page)
        gtk_adjustment_set_value (self->vadjustment, area.y + area.height - page);
    }
  if (self->hadjustment != NULL && self->cursor_column != G_MAXUINT)
    {
      page = gtk_adjustment_get_page_size (self->hadjustment);
      if (area.x < scroll_x (self))
        gtk_adjustment_set_value (self->hadjustment, area.x);
      else if (area.x + area.width > scroll_x (self) + page)
        gtk_adjustment_set_value (self->hadjustment, area.x + area.width - page);
    }
}

/* Describing */

static const char *
party_kind_label (SdPartyKind kind)
{
  switch (kind)
    {
    case SD_PARTY_BODY:
      /* Translators: the kind of a matrix column, before its name: "body 保密委员会" */
      return C_("party", "body");
    case SD_PARTY_UNIT:
      /* Translators: the kind of a matrix column, before its name: "unit 营销部" */
      return C_("party", "unit");
    case SD_PARTY_POST:
      /* Translators: the kind of a matrix column, before its name: "post 安全管理员" */
      return C_("party", "post");
    default:
      g_assert_not_reached ();
    }
}

static char *
describe_roles (guint roles)
{
  static const char *codes[] = { "R", "A", "C", "I" };
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      if (!(roles & (1u << i)))
        continue;
      if (out->len > 0)
        /* Translators: separates two roles of one cell */
        g_string_append (out, _(", "));
      g_string_append (out, sd_raci_label (codes[i]));
    }
  if (out->len == 0)
    /* Translators: a duty matrix cell without a role */
    g_string_append (out, _("no role"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
sd_matrix_view_describe_cursor (SdMatrixView *self)
{
  SdDuty *duty;
  const SdMatrixColumn *column;
  g_autofree char *roles = NULL;

  g_return_val_if_fail (SD_IS_MATRIX_VIEW (self), NULL);

  if (self->matrix == NULL || self->cursor_row == G_MAXUINT)
    return g_strdup (_("Duty matrix"));

  duty = sd_duty_matrix_get_row_duty (self->matrix, self->cursor_row);
  if (duty == NULL)
    /* Translators: the cursor is on an area's header row: "Area 安全管理员职责, 12 duties" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Area %s, %u duty", "Area %s, %u duties",
                                         sd_duty_matrix_get_area_size (self->matrix,
                                                                       self->cursor_row)),
                            sd_duty_matrix_get_row_area (self->matrix, self->cursor_row),
                            sd_duty_matrix_get_area_size (self->matrix, self->cursor_row));

  if (self->cursor_column == G_MAXUINT)
    /* Translators: duty code and text */
    return g_strdup_printf (_("Duty %s “%s”"), sd_duty_get_code (duty), sd_duty_get_text (duty));

  column = sd_duty_matrix_get_column (self->matrix, self->cursor_column);
  roles = describe_roles (sd_duty_matrix_get_roles (self->matrix, self->cursor_row,
                                                    self->cursor_column));
  /* Translators: duty code, duty text, party kind, party name, roles:
   * "Duty 003-12.2 “…”, post Security administrator: Responsible" */
  return g_strdup_printf (_("Duty %s “%s”, %s %s: %s"),
                          sd_duty_get_code (duty), sd_duty_get_text (duty),
                          party_kind_label (column->kind),
                          sd_duty_matrix_get_column_name (self->matrix, self->cursor_column),
                          roles);
}

static void
update_accessible (SdMatrixView *self)
{
  g_autofree char *label = sd_matrix_view_describe_cursor (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* Cursor */

void
sd_matrix_view_set_cursor (SdMatrixView *self,
                           guint         row,
                           guint         column)
{
  SdDuty *duty;

  g_return_if_fail (SD_IS_MATRIX_VIEW (self));

  if (self->matrix == NULL || row >= sd_duty_matrix_get_n_rows (self->matrix))
    row = G_MAXUINT;
  if (self->matrix == NULL || column >= sd_duty_matrix_get_n_columns (self->matrix))
    column = G_MAXUINT;

  self->cursor_row = row;
  self->cursor_column = column;
  duty = row != G_MAXUINT ? sd_duty_matrix_get_row_duty (self->matrix, row) : NULL;
  self->cursor_duty_id = duty != NULL ? sd_item_get_id (SD_ITEM (duty)) : 0;

  scroll_to_cursor (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sd_matrix_view_get_cursor (SdMatrixView *self,
                           guint        *row,
                           guint        *column)
{
  g_return_if_fail (SD_IS_MATRIX_VIEW (self));

  if (row != NULL)
    *row = self->cursor_row;
  if (column != NULL)
    *column = self->cursor_column;
}

/* The next duty row from @row in @direction, skipping area headers. */
static guint
step_row (SdMatrixView *self,
          guint         row,
          int           delta)
{
  guint n_rows = sd_duty_matrix_get_n_rows (self->matrix);
  gint64 target;

  if (n_rows == 0)
    return G_MAXUINT;
  if (row == G_MAXUINT)
    row = 0;

  target = CLAMP ((gint64) row + delta, 0, (gint64) n_rows - 1);
  /* Land on a duty, looking further in the same direction, then back. */
  for (gint64 r = target; r >= 0 && r < n_rows; r += delta >= 0 ? 1 : -1)
    if (sd_duty_matrix_get_row_duty (self->matrix, r) != NULL)
      return r;
  for (gint64 r = target; r >= 0 && r < n_rows; r += delta >= 0 ? -1 : 1)
    if (sd_duty_matrix_get_row_duty (self->matrix, r) != NULL)
      return r;
  return row;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SdMatrixView          *self)
{
  guint n_columns, row, column;
  int page_rows;

  if (self->matrix == NULL || sd_duty_matrix_get_n_rows (self->matrix) == 0)
    return FALSE;

  n_columns = sd_duty_matrix_get_n_columns (self->matrix);
  row = self->cursor_row;
  column = self->cursor_column;
  page_rows = MAX (1, (int) (gtk_widget_get_height (GTK_WIDGET (self)) - header_height (self))
                      / (int) self->metrics.row_height - 1);

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      row = step_row (self, row, row == G_MAXUINT ? 0 : -1);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      row = step_row (self, row, row == G_MAXUINT ? 0 : 1);
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      row = step_row (self, row, -page_rows);
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      row = step_row (self, row, page_rows);
      break;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      if (column == G_MAXUINT || column == 0)
        column = G_MAXUINT;
      else
        column--;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (column == G_MAXUINT)
        column = n_columns > 0 ? 0 : G_MAXUINT;
      else if (column + 1 < n_columns)
        column++;
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      if (state & GDK_CONTROL_MASK)
        row = step_row (self, 0, 0);
      else
        column = G_MAXUINT;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      if (state & GDK_CONTROL_MASK)
        row = step_row (self, sd_duty_matrix_get_n_rows (self->matrix) - 1, 0);
      else if (n_columns > 0)
        column = n_columns - 1;
      break;
    default:
      return FALSE;
    }

  if (row == G_MAXUINT)
    row = step_row (self, 0, 0);
  sd_matrix_view_set_cursor (self, row, column);
  return TRUE;
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            SdMatrixView    *self)
{
  guint row, column;
  SdMatrixHit hit;

  if (self->matrix == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  hit = sd_matrix_lookup (self->matrix, &self->metrics, scroll_x (self), scroll_y (self),
                          x, y, &row, &column);
  if (hit == SD_MATRIX_HIT_CELL || hit == SD_MATRIX_HIT_ROW_HEADER)
    sd_matrix_view_set_cursor (self, row, column);
  else if (hit == SD_MATRIX_HIT_COLUMN_HEADER)
    sd_matrix_view_set_cursor (self, self->cursor_row, column);
}

static gboolean
query_tooltip_cb (GtkWidget    *widget,
                  int           x,
                  int           y,
                  gboolean      keyboard_mode,
                  GtkTooltip   *tooltip,
                  SdMatrixView *self)
{
  guint row, column;
  SdMatrixHit hit;
  SdDuty *duty;
  g_autofree char *roles = NULL;
  g_autofree char *text = NULL;

  if (self->matrix == NULL)
    return FALSE;
  if (keyboard_mode)
    {
      text = sd_matrix_view_describe_cursor (self);
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }

  hit = sd_matrix_lookup (self->matrix, &self->metrics, scroll_x (self), scroll_y (self),
                          x, y, &row, &column);
  duty = row != G_MAXUINT ? sd_duty_matrix_get_row_duty (self->matrix, row) : NULL;
  switch (hit)
    {
    case SD_MATRIX_HIT_ROW_HEADER:
      if (duty == NULL)
        return FALSE;
      /* Translators: tooltip of a duty: code, text, and its source on a new line */
      text = g_strdup_printf (_("%s %s\n%s"), sd_duty_get_code (duty), sd_duty_get_text (duty),
                              sd_duty_get_source (duty) != NULL ? sd_duty_get_source (duty) : "");
      break;
    case SD_MATRIX_HIT_COLUMN_HEADER:
      {
        const SdMatrixColumn *party = sd_duty_matrix_get_column (self->matrix, column);
        const SdMatrixGroup *group = sd_duty_matrix_get_group (self->matrix, party->group);

        /* Translators: tooltip of a matrix column: party kind and name, then its group */
        text = g_strdup_printf (_("%s %s\n%s"), party_kind_label (party->kind),
                                sd_duty_matrix_get_column_name (self->matrix, column),
                                group->title);
      }
      break;
    case SD_MATRIX_HIT_CELL:
      if (duty == NULL)
        return FALSE;
      roles = describe_roles (sd_duty_matrix_get_roles (self->matrix, row, column));
      /* Translators: tooltip of a matrix cell: party name: roles, then the duty */
      text = g_strdup_printf (_("%s: %s\n%s %s"),
                              sd_duty_matrix_get_column_name (self->matrix, column), roles,
                              sd_duty_get_code (duty), sd_duty_get_text (duty));
      break;
    case SD_MATRIX_HIT_NONE:
    case SD_MATRIX_HIT_CORNER:
    default:
      return FALSE;
    }

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Following the matrix */

static void
matrix_changed_cb (SdMatrixView *self)
{
  guint row = G_MAXUINT, column = self->cursor_column;

  if (self->cache != NULL)
    sd_matrix_text_cache_clear (self->cache);

  /* The cursor stays on its duty if that is still shown. */
  if (self->cursor_duty_id != 0)
    row = sd_duty_matrix_find_duty (self->matrix, self->cursor_duty_id);
  if (column != G_MAXUINT && column >= sd_duty_matrix_get_n_columns (self->matrix))
    column = G_MAXUINT;
  self->cursor_row = row;
  self->cursor_column = column;

  configure_adjustments (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sd_matrix_view_set_matrix (SdMatrixView *self,
                           SdDutyMatrix *matrix)
{
  g_return_if_fail (SD_IS_MATRIX_VIEW (self));
  g_return_if_fail (matrix == NULL || SD_IS_DUTY_MATRIX (matrix));

  if (self->matrix == matrix)
    return;

  if (self->matrix != NULL)
    g_signal_handlers_disconnect_by_data (self->matrix, self);
  g_set_object (&self->matrix, matrix);
  if (matrix != NULL)
    g_signal_connect_swapped (matrix, "changed", G_CALLBACK (matrix_changed_cb), self);

  self->cursor_row = G_MAXUINT;
  self->cursor_column = G_MAXUINT;
  self->cursor_duty_id = 0;
  if (self->cache != NULL)
    sd_matrix_text_cache_clear (self->cache);
  configure_adjustments (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATRIX]);
}

SdDutyMatrix *
sd_matrix_view_get_matrix (SdMatrixView *self)
{
  g_return_val_if_fail (SD_IS_MATRIX_VIEW (self), NULL);

  return self->matrix;
}

double
sd_matrix_view_get_zoom (SdMatrixView *self)
{
  g_return_val_if_fail (SD_IS_MATRIX_VIEW (self), 1.0);

  return self->zoom;
}

void
sd_matrix_view_set_zoom (SdMatrixView *self,
                         double        zoom)
{
  g_return_if_fail (SD_IS_MATRIX_VIEW (self));

  zoom = CLAMP (zoom, 0.5, 3.0);
  if (self->zoom == zoom)
    return;

  self->zoom = zoom;
  if (self->cache != NULL)
    sd_matrix_metrics_init (&self->metrics, self->cache, zoom);
  configure_adjustments (self);
  scroll_to_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* Scrolling */

static void
adjustment_value_changed_cb (SdMatrixView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (SdMatrixView   *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (*slot == adjustment && adjustment != NULL)
    return;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_data (*slot, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed",
                            G_CALLBACK (adjustment_value_changed_cb), self);
  configure_adjustments (self);
}

/* GtkWidget */

static void
sd_matrix_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  SdMatrixView *self = SD_MATRIX_VIEW (widget);

  ensure_cache (self);
  /* Small at minimum: it scrolls. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) self->metrics.row_header_width / 2;
      *natural = (int) (self->metrics.row_header_width + 8 * self->metrics.column_width);
    }
  else
    {
      *minimum = (int) (header_height (self) + 2 * self->metrics.row_height);
      *natural = (int) (header_height (self) + 12 * self->metrics.row_height);
    }
}

static void
sd_matrix_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  configure_adjustments (SD_MATRIX_VIEW (widget));
}

static void
fill_style (SdMatrixView  *self,
            SdMatrixStyle *style)
{
  GdkRGBA fg;

  sd_matrix_style_init_default (style,
                                adw_style_manager_get_dark (adw_style_manager_get_default ()));
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  style->foreground = (SdColor) { fg.red, fg.green, fg.blue, fg.alpha };
  style->dim = (SdColor) { fg.red, fg.green, fg.blue, fg.alpha * 0.6 };
}

static void
sd_matrix_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  SdMatrixView *self = SD_MATRIX_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  SdMatrixStyle style;
  cairo_t *cr;

  if (self->matrix == NULL || width <= 0 || height <= 0)
    return;

  ensure_cache (self);
  fill_style (self, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  sd_matrix_draw (cr, self->matrix, &self->metrics, &style, self->cache,
                  scroll_x (self), scroll_y (self), width, height,
                  self->cursor_row, self->cursor_column);
  cairo_destroy (cr);
}

static void
sd_matrix_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  SdMatrixView *self = SD_MATRIX_VIEW (widget);

  GTK_WIDGET_CLASS (sd_matrix_view_parent_class)->css_changed (widget, change);

  /* The font may have changed: lay out again. */
  g_clear_pointer (&self->cache, sd_matrix_text_cache_free);
  gtk_widget_queue_resize (widget);
}

/* GObject */

static void
sd_matrix_view_dispose (GObject *object)
{
  SdMatrixView *self = SD_MATRIX_VIEW (object);

  if (self->matrix != NULL)
    g_signal_handlers_disconnect_by_data (self->matrix, self);
  g_clear_object (&self->matrix);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_pointer (&self->cache, sd_matrix_text_cache_free);

  G_OBJECT_CLASS (sd_matrix_view_parent_class)->dispose (object);
}

static void
sd_matrix_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SdMatrixView *self = SD_MATRIX_VIEW (object);

  switch (prop_id)
    {
    case PROP_MATRIX:
      g_value_set_object (value, self->matrix);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_matrix_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SdMatrixView *self = SD_MATRIX_VIEW (object);

  switch (prop_id)
    {
    case PROP_MATRIX:
      sd_matrix_view_set_matrix (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      sd_matrix_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_matrix_view_class_init (SdMatrixViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_matrix_view_dispose;
  object_class->get_property = sd_matrix_view_get_property;
  object_class->set_property = sd_matrix_view_set_property;

  widget_class->measure = sd_matrix_view_measure;
  widget_class->size_allocate = sd_matrix_view_size_allocate;
  widget_class->snapshot = sd_matrix_view_snapshot;
  widget_class->css_changed = sd_matrix_view_css_changed;

  properties[PROP_MATRIX] =
    g_param_spec_object ("matrix", NULL, NULL, SD_TYPE_DUTY_MATRIX,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0.5, 3.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  gtk_widget_class_set_css_name (widget_class, "sd-matrix-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
sd_matrix_view_init (SdMatrixView *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->zoom = 1.0;
  self->cursor_row = G_MAXUINT;
  self->cursor_column = G_MAXUINT;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  /* Until a scrolled window brings its own. */
  self->hadjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 0, 0, 0, 0));
  self->vadjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 0, 0, 0, 0));
  update_accessible (self);
}

GtkWidget *
sd_matrix_view_new (void)
{
  return g_object_new (SD_TYPE_MATRIX_VIEW, NULL);
}
