/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-signature"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "sd-signature.h"

/*
 * Points are rounded to 0.1 as they are added, which is what the text form
 * keeps, so that a parsed signature is exactly the one that was serialised
 * and draws the same. They are clamped to the box: a pen that slips out of
 * the drawing area while pressed must not stretch the signature.
 */

#define MAGIC             "SDSIG"
#define VERSION           1
/* The pen, in the units of the box the signature was drawn in. */
#define PEN_WIDTH         2.5
/* Beyond any drawing area; guards against absurd sizes in a damaged file. */
#define MAX_SIZE          100000.0

typedef struct
{
  double x, y;
} Point;

struct _SdSignature
{
  double     width;
  double     height;
  GPtrArray *strokes;   /* of GArray of Point */
};

static double
round_tenth (double value)
{
  return round (value * 10.0) / 10.0;
}

static Point
make_point (const SdSignature *self,
            double             x,
            double             y)
{
  Point point;

  point.x = round_tenth (CLAMP (isfinite (x) ? x : 0.0, 0.0, self->width));
  point.y = round_tenth (CLAMP (isfinite (y) ? y : 0.0, 0.0, self->height));
  return point;
}

static GArray *
stroke_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (Point));
}

/**
 * sd_signature_new:
 * @width: the width of the drawing area
 * @height: the height of the drawing area
 *
 * Returns: (transfer full): an empty signature
 */
SdSignature *
sd_signature_new (double width,
                  double height)
{
  SdSignature *self;

  g_return_val_if_fail (width > 0 && width <= MAX_SIZE, NULL);
  g_return_val_if_fail (height > 0 && height <= MAX_SIZE, NULL);

  self = g_new0 (SdSignature, 1);
  self->width = round_tenth (width);
  self->height = round_tenth (height);
  /* The box keeps at least a tenth, the resolution of the text form. */
  self->width = MAX (self->width, 0.1);
  self->height = MAX (self->height, 0.1);
  self->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  return self;
}

void
sd_signature_free (SdSignature *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->strokes);
  g_free (self);
}

void
sd_signature_begin_stroke (SdSignature *self,
                           double       x,
                           double       y)
{
  GArray *stroke;
  Point point;

  g_return_if_fail (self != NULL);

  stroke = stroke_new ();
  point = make_point (self, x, y);
  g_array_append_val (stroke, point);
  g_ptr_array_add (self->strokes, stroke);
}

void
sd_signature_add_point (SdSignature *self,
                        double       x,
                        double       y)
{
  GArray *stroke;
  Point point;

  g_return_if_fail (self != NULL);

  if (self->strokes->len == 0)
    {
      sd_signature_begin_stroke (self, x, y);
      return;
    }

  stroke = g_ptr_array_index (self->strokes, self->strokes->len - 1);
  point = make_point (self, x, y);

  /* A pen at rest reports the same point again and again; one is enough. */
  if (stroke->len > 0)
    {
      const Point *last = &g_array_index (stroke, Point, stroke->len - 1);

      if (last->x == point.x && last->y == point.y)
        return;
    }
  g_array_append_val (stroke, point);
}

void
sd_signature_remove_stroke (SdSignature *self)
{
  g_return_if_fail (self != NULL);

  if (self->strokes->len > 0)
    g_ptr_array_remove_index (self->strokes, self->strokes->len - 1);
}

void
sd_signature_clear (SdSignature *self)
{
  g_return_if_fail (self != NULL);

  g_ptr_array_set_size (self->strokes, 0);
}

gboolean
sd_signature_is_empty (const SdSignature *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->strokes->len == 0;
}

guint
sd_signature_get_n_strokes (const SdSignature *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->strokes->len;
}

static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Always with a dot, whatever the locale. */
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.1f", value));
}

/**
 * sd_signature_serialize:
 * @self: a signature
 *
 * The text form described in sd-signature.h, in the C locale's number
 * format.
 *
 * Returns: (transfer full): the bytes to store
 */
GBytes *
sd_signature_serialize (const SdSignature *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (MAGIC " ");
  g_string_append_printf (out, "%d ", VERSION);
  append_number (out, self->width);
  g_string_append_c (out, ' ');
  append_number (out, self->height);
  g_string_append_c (out, '\n');

  for (guint i = 0; i < self->strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (self->strokes, i);

      for (guint j = 0; j < stroke->len; j++)
        {
          const Point *point = &g_array_index (stroke, Point, j);

          if (j > 0)
            g_string_append_c (out, ' ');
          append_number (out, point->x);
          g_string_append_c (out, ',');
          append_number (out, point->y);
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free_to_bytes (out);
}

/* Reads a whole token as a finite number in C-locale notation. */
static gboolean
parse_number (const char *token,
              double     *value)
{
  char *end = NULL;

  if (token[0] == '\0' || g_ascii_isspace (token[0]))
    return FALSE;
  *value = g_ascii_strtod (token, &end);
  return end != token && *end == '\0' && isfinite (*value);
}

static gboolean
fail (GError     **error,
      guint        line,
      const char  *reason)
{
  if (line > 0)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 /* Translators: %u is a line number, %s the reason */
                 _("Not a handwritten signature (line %u: %s)"), line, reason);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 /* Translators: %s is the reason */
                 _("Not a handwritten signature (%s)"), reason);
  return FALSE;
}

static gboolean
parse_header (const char  *line,
              double      *width,
              double      *height,
              GError     **error)
{
  g_auto(GStrv) fields = g_strsplit (line, " ", -1);
  guint64 version;

  if (g_strv_length (fields) != 4 || !g_str_equal (fields[0], MAGIC))
    return fail (error, 1, _("the header is missing"));
  if (!g_ascii_string_to_unsigned (fields[1], 10, 1, G_MAXUINT, &version, NULL)
      || version != VERSION)
    return fail (error, 1, _("unknown version"));
  if (!parse_number (fields[2], width) || !parse_number (fields[3], height)
      || *width <= 0 || *height <= 0 || *width > MAX_SIZE || *height > MAX_SIZE)
    return fail (error, 1, _("bad size"));
  return TRUE;
}

static gboolean
parse_stroke (SdSignature  *self,
              const char   *line,
              guint         number,
              GError      **error)
{
  g_auto(GStrv) tokens = g_strsplit (line, " ", -1);
  g_autoptr(GArray) stroke = stroke_new ();

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      char *comma = strchr (tokens[i], ',');
      Point point;

      if (comma == NULL)
        return fail (error, number, _("a point is not “x,y”"));
      *comma = '\0';
      if (!parse_number (tokens[i], &point.x) || !parse_number (comma + 1, &point.y))
        return fail (error, number, _("a point is not “x,y”"));
      /* A little slack for rounding; anything further is not ours. */
      if (point.x < -0.05 || point.y < -0.05 || point.x > self->width + 0.05
          || point.y > self->height + 0.05)
        return fail (error, number, _("a point lies outside the box"));

      point = make_point (self, point.x, point.y);
      g_array_append_val (stroke, point);
    }

  g_ptr_array_add (self->strokes, g_steal_pointer (&stroke));
  return TRUE;
}

/**
 * sd_signature_parse:
 * @bytes: the stored text form
 * @error: return location for an error
 *
 * Reads what sd_signature_serialize() wrote. Anything else (another
 * header or version, a malformed point, a point outside the box, bytes
 * that are not UTF-8 text) is refused.
 *
 * Returns: (transfer full) (nullable): the signature
 */
SdSignature *
sd_signature_parse (GBytes  *bytes,
                    GError **error)
{
  g_autoptr(SdSignature) self = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  const char *data;
  gsize size;
  double width, height;
  guint n_lines;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size == 0 || memchr (data, '\0', size) != NULL || !g_utf8_validate (data, size, NULL))
    {
      fail (error, 0, _("not text"));
      return NULL;
    }

  text = g_strndup (data, size);
  lines = g_strsplit (text, "\n", -1);
  n_lines = g_strv_length (lines);
  /* The text ends in a newline, which leaves an empty last piece; a file
   * that lost it is still read. */
  if (n_lines > 1 && lines[n_lines - 1][0] == '\0')
    n_lines--;

  if (!parse_header (lines[0], &width, &height, error))
    return NULL;

  self = sd_signature_new (width, height);
  for (guint i = 1; i < n_lines; i++)
    {
      if (lines[i][0] == '\0')
        {
          fail (error, i + 1, _("empty stroke"));
          return NULL;
        }
      if (!parse_stroke (self, lines[i], i + 1, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

/* Adds @stroke to the path as quadratic curves through the midpoints of its
 * segments, with the points as control points: the pen's path without the
 * corners that the sampling of the pointer puts in. Cairo draws cubics; a
 * quadratic from p0 with control c to p1 is the cubic with control points
 * p0 + 2/3 (c − p0) and p1 + 2/3 (c − p1). */
static void
add_stroke_path (cairo_t      *cr,
                 const GArray *stroke)
{
  const Point *points = (const Point *) stroke->data;
  guint n = stroke->len;
  double cx, cy;

  if (n == 0)
    return;

  cairo_move_to (cr, points[0].x, points[0].y);
  if (n == 1)
    {
      /* A dot: with round caps, a segment of no length draws a disc. */
      cairo_line_to (cr, points[0].x, points[0].y);
      return;
    }
  if (n == 2)
    {
      cairo_line_to (cr, points[1].x, points[1].y);
      return;
    }

  cx = (points[0].x + points[1].x) / 2;
  cy = (points[0].y + points[1].y) / 2;
  cairo_line_to (cr, cx, cy);

  for (guint i = 1; i + 1 < n; i++)
    {
      double ex = (points[i].x + points[i + 1].x) / 2;
      double ey = (points[i].y + points[i + 1].y) / 2;

      cairo_curve_to (cr,
                      cx + 2.0 / 3.0 * (points[i].x - cx),
                      cy + 2.0 / 3.0 * (points[i].y - cy),
                      ex + 2.0 / 3.0 * (points[i].x - ex),
                      ey + 2.0 / 3.0 * (points[i].y - ey),
                      ex, ey);
      cx = ex;
      cy = ey;
    }
  cairo_line_to (cr, points[n - 1].x, points[n - 1].y);
}

/**
 * sd_signature_draw:
 * @self: a signature
 * @cr: where to draw
 * @x: the left of the box, in the units of @cr
 * @y: the top of the box
 * @width: the width of the box
 * @height: the height of the box
 * @ink: (nullable): the colour of the strokes; %NULL is black
 *
 * Draws the strokes scaled to fit the box, keeping their aspect ratio and
 * centred in it. Nothing is drawn outside the box: the ink is clipped to
 * it, so that a wide pen at the edge stays inside a printed frame.
 */
void
sd_signature_draw (const SdSignature *self,
                   cairo_t           *cr,
                   double             x,
                   double             y,
                   double             width,
                   double             height,
                   const SdColor     *ink)
{
  double scale;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if (!(width > 0) || !(height > 0) || self->strokes->len == 0)
    return;

  scale = MIN (width / self->width, height / self->height);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);

  cairo_translate (cr,
                   x + (width - self->width * scale) / 2,
                   y + (height - self->height * scale) / 2);
  cairo_scale (cr, scale, scale);

  cairo_new_path (cr);
  for (guint i = 0; i < self->strokes->len; i++)
    add_stroke_path (cr, g_ptr_array_index (self->strokes, i));

  if (ink != NULL)
    cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, ink->alpha);
  else
    cairo_set_source_rgb (cr, 0, 0, 0);
  /* In the scaled space, so that the pen grows with the signature. */
  cairo_set_line_width (cr, PEN_WIDTH);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);

  cairo_restore (cr);
}
