/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-color"

#include "config.h"

#include <math.h>

#include "sd-color.h"

SdColor
sd_color_from_hex (guint32 rgb)
{
  SdColor c = {
    ((rgb >> 16) & 0xff) / 255.0,
    ((rgb >> 8) & 0xff) / 255.0,
    (rgb & 0xff) / 255.0,
    1.0,
  };
  return c;
}

/* WCAG 2 relative luminance. */
static double
channel_to_linear (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
color_luminance (const SdColor *c)
{
  return 0.2126 * channel_to_linear (c->red)
         + 0.7152 * channel_to_linear (c->green)
         + 0.0722 * channel_to_linear (c->blue);
}

double
sd_color_contrast (const SdColor *a,
                   const SdColor *b)
{
  double la = color_luminance (a), lb = color_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

SdColor
sd_color_pick_text_for (const SdColor *fill)
{
  SdColor dark = sd_color_from_hex (0x241f31);   /* GNOME "Dark 4" */
  SdColor light = sd_color_from_hex (0xffffff);

  return sd_color_contrast (&dark, fill) >= sd_color_contrast (&light, fill) ? dark : light;
}
