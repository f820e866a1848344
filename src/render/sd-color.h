/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} SdColor;

SdColor sd_color_from_hex      (guint32        rgb);
/* WCAG 2 contrast ratio, from 1 to 21. */
double  sd_color_contrast      (const SdColor *a,
                                const SdColor *b);
/* Of a dark and a light text colour, the one that reads better on @fill. */
SdColor sd_color_pick_text_for (const SdColor *fill);

G_END_DECLS
