/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "sd-signature.h"

static SdSignature *
make_signature (void)
{
  SdSignature *signature = sd_signature_new (400, 150);

  sd_signature_begin_stroke (signature, 10.04, 20.06);
  sd_signature_add_point (signature, 50.56, 80.449);
  sd_signature_add_point (signature, 50.56, 80.449);   /* a pen at rest */
  sd_signature_add_point (signature, 120, 30);
  sd_signature_add_point (signature, 500, -7);          /* slipped out of the box */
  sd_signature_begin_stroke (signature, 200, 75);       /* a dot */
  sd_signature_begin_stroke (signature, 300, 140);
  sd_signature_add_point (signature, 390.25, 10);
  return signature;
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_strndup (data, size);
}

static void
test_round_trip (void)
{
  g_autoptr(SdSignature) signature = make_signature ();
  g_autoptr(SdSignature) parsed = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpuint (sd_signature_get_n_strokes (signature), ==, 3);
  bytes = sd_signature_serialize (signature);
  text = bytes_to_string (bytes);

  /* Rounded to a tenth, duplicates dropped, clamped to the box, C locale. */
  g_assert_cmpstr (text, ==,
                   "SDSIG 1 400.0 150.0\n"
                   "10.0,20.1 50.6,80.4 120.0,30.0 400.0,0.0\n"
                   "200.0,75.0\n"
                   "300.0,140.0 390.3,10.0\n");

  parsed = sd_signature_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (parsed);
  g_assert_cmpuint (sd_signature_get_n_strokes (parsed), ==, 3);
  g_assert_false (sd_signature_is_empty (parsed));

  again = sd_signature_serialize (parsed);
  g_assert_true (g_bytes_equal (bytes, again));
}

static void
test_missing_final_newline (void)
{
  static const char text[] = "SDSIG 1 10.0 10.0\n1.0,1.0 2.0,2.0";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(SdSignature) parsed = NULL;
  g_autoptr(GError) error = NULL;

  parsed = sd_signature_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sd_signature_get_n_strokes (parsed), ==, 1);
}

static void
test_empty (void)
{
  g_autoptr(SdSignature) signature = sd_signature_new (100, 50);
  g_autoptr(SdSignature) parsed = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (sd_signature_is_empty (signature));
  bytes = sd_signature_serialize (signature);
  text = bytes_to_string (bytes);
  g_assert_cmpstr (text, ==, "SDSIG 1 100.0 50.0\n");

  parsed = sd_signature_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_true (sd_signature_is_empty (parsed));
}

static void
test_editing (void)
{
  g_autoptr(SdSignature) signature = sd_signature_new (100, 50);

  /* A point with no stroke begins one. */
  sd_signature_add_point (signature, 1, 1);
  g_assert_cmpuint (sd_signature_get_n_strokes (signature), ==, 1);
  sd_signature_begin_stroke (signature, 5, 5);
  sd_signature_add_point (signature, 6, 6);
  g_assert_cmpuint (sd_signature_get_n_strokes (signature), ==, 2);

  sd_signature_remove_stroke (signature);
  g_assert_cmpuint (sd_signature_get_n_strokes (signature), ==, 1);
  sd_signature_clear (signature);
  g_assert_true (sd_signature_is_empty (signature));
  /* Undo with nothing left does nothing. */
  sd_signature_remove_stroke (signature);
  g_assert_cmpuint (sd_signature_get_n_strokes (signature), ==, 0);
}

static void
test_bad_bytes (void)
{
  static const char *bad[] = {
    "hello",
    "SDSIG\n",
    "SDSIG 2 10.0 10.0\n",
    "SDSIG 1 10.0\n",
    "SDSIG 1 0 10\n",
    "SDSIG 1 -5 10\n",
    "SDSIG 1 nan 10\n",
    "SDSIG 1 1e9 10\n",
    "SDSIG 1 10x 10\n",
    "SDSIG  1 10 10\n",
    "sdsig 1 10 10\n",
    "SDSIG 1 10 10\n1,2 3\n",
    "SDSIG 1 10 10\n1,2 3,x\n",
    "SDSIG 1 10 10\n1,2  3,4\n",
    "SDSIG 1 10 10\n1,2 30,4\n",
    "SDSIG 1 10 10\n1,2 3,-1\n",
    "SDSIG 1 10 10\n1,2\n\n3,4\n",
    "SDSIG 1 10 10\n1;2\n",
    "SDSIG 1 10 10\n1,2,3\n",
    "SDSIG 1 10 10\n inf,2\n",
  };
  static const char nul[] = "SDSIG 1 10 10\n1,2\0 3,4\n";
  static const char latin1[] = "SDSIG 1 10 10\n1,2 \xff\n";

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(SdSignature) parsed = sd_signature_parse (bytes, &error);

      g_assert_null (parsed);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }

  {
    g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
    g_autoptr(GBytes) with_nul = g_bytes_new_static (nul, sizeof nul - 1);
    g_autoptr(GBytes) not_utf8 = g_bytes_new_static (latin1, sizeof latin1 - 1);
    GBytes *all[] = { empty, with_nul, not_utf8 };

    for (guint i = 0; i < G_N_ELEMENTS (all); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(SdSignature) parsed = sd_signature_parse (all[i], &error);

        g_assert_null (parsed);
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      }
  }
}

/* Counts the pixels that are not white inside and outside the rectangle. */
static void
count_ink (cairo_surface_t *surface,
           int              x0,
           int              y0,
           int              x1,
           int              y1,
           guint           *inside,
           guint           *outside)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  *inside = *outside = 0;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + x * 4);

        if ((pixel & 0xffffff) == 0xffffff)
          continue;
        if (x >= x0 && x < x1 && y >= y0 && y < y1)
          (*inside)++;
        else
          (*outside)++;
      }
}

static cairo_surface_t *
draw_on_white (const SdSignature *signature,
               double             x,
               double             y,
               double             width,
               double             height,
               const SdColor     *ink)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 200);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  /* Something else set on the context must survive the drawing. */
  cairo_set_line_width (cr, 7);
  sd_signature_draw (signature, cr, x, y, width, height, ink);
  g_assert_cmpfloat (cairo_get_line_width (cr), ==, 7);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

static void
test_draw_inside_box (void)
{
  g_autoptr(SdSignature) signature = sd_signature_new (40, 10);
  SdColor ink = sd_color_from_hex (0x1c71d8);
  cairo_surface_t *surface;
  guint inside, outside;

  /* Strokes along every edge of the drawing area and across it, so that
   * the wide pen touches the border of the box. */
  sd_signature_begin_stroke (signature, 0, 0);
  sd_signature_add_point (signature, 40, 0);
  sd_signature_add_point (signature, 40, 10);
  sd_signature_add_point (signature, 0, 10);
  sd_signature_add_point (signature, 0, 0);
  sd_signature_begin_stroke (signature, 0, 0);
  sd_signature_add_point (signature, 20, 5);
  sd_signature_add_point (signature, 40, 10);

  /* A 4:1 signature in a 100 × 40 box: scaled by 2.5 to 100 × 25 and
   * centred, so from y = 67.5 to 92.5, give or take half the pen (2.5
   * units, scaled too: about 3 pixels). */
  surface = draw_on_white (signature, 50, 60, 100, 40, &ink);
  count_ink (surface, 50, 60, 150, 100, &inside, &outside);
  g_assert_cmpuint (inside, >, 200);
  g_assert_cmpuint (outside, ==, 0);

  /* The strips above and below the scaled signature stay white. */
  count_ink (surface, 50, 64, 150, 96, &inside, &outside);
  g_assert_cmpuint (outside, ==, 0);

  /* The ink has the colour asked for. */
  {
    const guchar *data = cairo_image_surface_get_data (surface);
    int stride = cairo_image_surface_get_stride (surface);
    guint32 pixel = *(const guint32 *) (data + 80 * stride + 100 * 4);

    /* The diagonal goes through the centre of the box (100, 80). */
    g_assert_cmphex (pixel & 0xffffff, ==, 0x1c71d8);
  }
  cairo_surface_destroy (surface);

  /* Black without a colour; a lone dot is drawn too. */
  sd_signature_clear (signature);
  sd_signature_begin_stroke (signature, 20, 5);
  surface = draw_on_white (signature, 0, 0, 200, 200, NULL);
  count_ink (surface, 90, 90, 110, 110, &inside, &outside);
  g_assert_cmpuint (inside, >, 0);
  g_assert_cmpuint (outside, ==, 0);
  cairo_surface_destroy (surface);

  /* Nothing for an empty signature or an empty box. */
  sd_signature_clear (signature);
  surface = draw_on_white (signature, 0, 0, 200, 200, NULL);
  count_ink (surface, 0, 0, 0, 0, &inside, &outside);
  g_assert_cmpuint (outside, ==, 0);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/signature/round-trip", test_round_trip);
  g_test_add_func ("/signature/missing-final-newline", test_missing_final_newline);
  g_test_add_func ("/signature/empty", test_empty);
  g_test_add_func ("/signature/editing", test_editing);
  g_test_add_func ("/signature/bad-bytes", test_bad_bytes);
  g_test_add_func ("/signature/draw-inside-box", test_draw_inside_box);

  return g_test_run ();
}
