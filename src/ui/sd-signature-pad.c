/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-signature-pad"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-signature.h"
#include "sd-signature-pad.h"

/* The box the strokes are kept in when the pad has no size yet (a test
 * that draws before the pad is shown), and the pad's natural size. */
#define DEFAULT_WIDTH  480.0
#define DEFAULT_HEIGHT 160.0

struct _SdSignaturePad
{
  GtkWidget    parent_instance;

  /* The strokes, in a box of the size the pad had when the first stroke
   * began (box_width × box_height); NULL while nothing is drawn. */
  SdSignature *signature;
  double       box_width;
  double       box_height;
  gboolean     in_stroke;
};

G_DEFINE_FINAL_TYPE (SdSignaturePad, sd_signature_pad, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_STROKES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where the signature's box sits in the widget: scaled to fit and centred,
 * as sd_signature_draw() draws it. The box stays when the pad is resized,
 * so that a stroke goes on where the pen is. */
static void
get_box (SdSignaturePad *self,
         double         *x,
         double         *y,
         double         *scale)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (width <= 0 || height <= 0 || self->box_width <= 0 || self->box_height <= 0)
    {
      *x = *y = 0;
      *scale = 1;
      return;
    }
  *scale = MIN (width / self->box_width, height / self->box_height);
  *x = (width - self->box_width * *scale) / 2;
  *y = (height - self->box_height * *scale) / 2;
}

static void
to_box (SdSignaturePad *self,
        double          x,
        double          y,
        double         *box_x,
        double         *box_y)
{
  double bx, by, scale;

  get_box (self, &bx, &by, &scale);
  *box_x = CLAMP ((x - bx) / scale, 0, self->box_width);
  *box_y = CLAMP ((y - by) / scale, 0, self->box_height);
}

static void
update_accessible (SdSignaturePad *self)
{
  guint n = sd_signature_pad_get_n_strokes (self);
  g_autofree char *description = NULL;

  if (n == 0)
    /* Translators: the accessible description of the empty signature pad */
    description = g_strdup (_("Empty"));
  else
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stroke", "%u strokes", n),
                                   n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
strokes_changed (SdSignaturePad *self)
{
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STROKES]);
}

void
sd_signature_pad_begin_stroke (SdSignaturePad *self,
                               double          x,
                               double          y)
{
  double box_x, box_y;

  g_return_if_fail (SD_IS_SIGNATURE_PAD (self));

  if (self->signature == NULL)
    {
      int width = gtk_widget_get_width (GTK_WIDGET (self));
      int height = gtk_widget_get_height (GTK_WIDGET (self));

      self->box_width = width > 0 ? width : DEFAULT_WIDTH;
      self->box_height = height > 0 ? height : DEFAULT_HEIGHT;
      self->signature = sd_signature_new (self->box_width, self->box_height);
    }

  to_box (self, x, y, &box_x, &box_y);
  sd_signature_begin_stroke (self->signature, box_x, box_y);
  self->in_stroke = TRUE;
  strokes_changed (self);
}

void
sd_signature_pad_extend_stroke (SdSignaturePad *self,
                                double          x,
                                double          y)
{
  double box_x, box_y;

  g_return_if_fail (SD_IS_SIGNATURE_PAD (self));

  if (!self->in_stroke || self->signature == NULL)
    return;
  to_box (self, x, y, &box_x, &box_y);
  sd_signature_add_point (self->signature, box_x, box_y);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sd_signature_pad_end_stroke (SdSignaturePad *self)
{
  g_return_if_fail (SD_IS_SIGNATURE_PAD (self));

  self->in_stroke = FALSE;
}

/* Input. The stylus gesture takes pens (and their erasers) and the drag
 * gesture the rest: a mouse, a finger. A pen also sends pointer events,
 * which the drag gesture leaves to the stylus so that no stroke is drawn
 * twice. */

static gboolean
from_pen (GtkGesture *gesture)
{
  GdkEventSequence *sequence = gtk_gesture_get_last_updated_sequence (gesture);
  GdkEvent *event = gtk_gesture_get_last_event (gesture, sequence);

  return event != NULL && gdk_event_get_device_tool (event) != NULL;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               SdSignaturePad *self)
{
  if (from_pen (GTK_GESTURE (gesture)))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  /* Claimed, so that a scrolled window around does not scroll instead. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  sd_signature_pad_begin_stroke (self, x, y);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                SdSignaturePad *self)
{
  double x, y;

  if (gtk_gesture_drag_get_start_point (gesture, &x, &y))
    sd_signature_pad_extend_stroke (self, x + offset_x, y + offset_y);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             SdSignaturePad *self)
{
  sd_signature_pad_end_stroke (self);
}

static void
stylus_down_cb (GtkGestureStylus *gesture,
                double            x,
                double            y,
                SdSignaturePad   *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  sd_signature_pad_begin_stroke (self, x, y);
}

static void
stylus_motion_cb (GtkGestureStylus *gesture,
                  double            x,
                  double            y,
                  SdSignaturePad   *self)
{
  sd_signature_pad_extend_stroke (self, x, y);
}

static void
stylus_up_cb (GtkGestureStylus *gesture,
              double            x,
              double            y,
              SdSignaturePad   *self)
{
  sd_signature_pad_extend_stroke (self, x, y);
  sd_signature_pad_end_stroke (self);
}

/* Drawing */

static void
sd_signature_pad_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SdSignaturePad *self = SD_SIGNATURE_PAD (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA fg;
  GdkRGBA line;
  double baseline = height * 0.72;
  double margin = MIN (24.0, width * 0.06);

  if (width <= 0 || height <= 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);

  /* The line to sign on, as on paper. */
  line = fg;
  line.alpha *= 0.3;
  gtk_snapshot_append_color (snapshot, &line,
                             &GRAPHENE_RECT_INIT (margin, baseline, width - 2 * margin, 1));

  if (self->signature == NULL || sd_signature_is_empty (self->signature))
    {
      g_autoptr(PangoLayout) layout = NULL;
      GdkRGBA hint = fg;
      int text_width, text_height;

      /* Translators: the hint on the empty signature pad */
      layout = gtk_widget_create_pango_layout (widget, _("Sign here"));
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      hint.alpha *= 0.5;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT ((width - text_width) / 2.0,
                                                    baseline - text_height - 6));
      gtk_snapshot_append_layout (snapshot, layout, &hint);
      gtk_snapshot_restore (snapshot);
    }
  else
    {
      cairo_t *cr;
      SdColor ink = { fg.red, fg.green, fg.blue, fg.alpha };
      double x, y, scale;

      get_box (self, &x, &y, &scale);
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      sd_signature_draw (self->signature, cr, x, y,
                         self->box_width * scale, self->box_height * scale, &ink);
      cairo_destroy (cr);
    }
}

static void
sd_signature_pad_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = DEFAULT_WIDTH;
    }
  else
    {
      *minimum = 120;
      *natural = DEFAULT_HEIGHT;
    }
}

static void
sd_signature_pad_finalize (GObject *object)
{
  SdSignaturePad *self = SD_SIGNATURE_PAD (object);

  g_clear_pointer (&self->signature, sd_signature_free);

  G_OBJECT_CLASS (sd_signature_pad_parent_class)->finalize (object);
}

static void
sd_signature_pad_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SdSignaturePad *self = SD_SIGNATURE_PAD (object);

  switch (prop_id)
    {
    case PROP_N_STROKES:
      g_value_set_uint (value, sd_signature_pad_get_n_strokes (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_signature_pad_class_init (SdSignaturePadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sd_signature_pad_finalize;
  object_class->get_property = sd_signature_pad_get_property;
  widget_class->snapshot = sd_signature_pad_snapshot;
  widget_class->measure = sd_signature_pad_measure;

  properties[PROP_N_STROKES] =
    g_param_spec_uint ("n-strokes", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "signaturepad");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sd_signature_pad_init (SdSignaturePad *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *stylus = gtk_gesture_stylus_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (stylus, "down", G_CALLBACK (stylus_down_cb), self);
  g_signal_connect (stylus, "motion", G_CALLBACK (stylus_motion_cb), self);
  g_signal_connect (stylus, "up", G_CALLBACK (stylus_up_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (stylus));

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  /* A card: a surface of its own colour, set apart from the page. */
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Handwritten signature"),
                                  -1);
  update_accessible (self);
}

GtkWidget *
sd_signature_pad_new (void)
{
  return g_object_new (SD_TYPE_SIGNATURE_PAD, NULL);
}

guint
sd_signature_pad_get_n_strokes (SdSignaturePad *self)
{
  g_return_val_if_fail (SD_IS_SIGNATURE_PAD (self), 0);

  return self->signature != NULL ? sd_signature_get_n_strokes (self->signature) : 0;
}

gboolean
sd_signature_pad_is_empty (SdSignaturePad *self)
{
  g_return_val_if_fail (SD_IS_SIGNATURE_PAD (self), TRUE);

  return self->signature == NULL || sd_signature_is_empty (self->signature);
}

GBytes *
sd_signature_pad_get_signature (SdSignaturePad *self)
{
  g_return_val_if_fail (SD_IS_SIGNATURE_PAD (self), NULL);

  if (sd_signature_pad_is_empty (self))
    return NULL;
  return sd_signature_serialize (self->signature);
}

void
sd_signature_pad_clear (SdSignaturePad *self)
{
  g_return_if_fail (SD_IS_SIGNATURE_PAD (self));

  if (self->signature == NULL)
    return;
  /* The next stroke starts a new box, of the pad's size then. */
  g_clear_pointer (&self->signature, sd_signature_free);
  self->in_stroke = FALSE;
  strokes_changed (self);
}

void
sd_signature_pad_undo (SdSignaturePad *self)
{
  g_return_if_fail (SD_IS_SIGNATURE_PAD (self));

  if (sd_signature_pad_is_empty (self))
    return;
  sd_signature_remove_stroke (self->signature);
  self->in_stroke = FALSE;
  strokes_changed (self);
}
