/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "sd-color.h"

G_BEGIN_DECLS

/* A handwritten signature as the strokes of the pen, so that it stays
 * crisp at any size (on screen, in a PDF). Points are kept in a box of
 * the size it was drawn in; it is drawn scaled into any box, keeping its
 * aspect ratio.
 *
 * Stored (the signoffs' signature column) as UTF-8 text:
 *   "SDSIG 1 WIDTH HEIGHT\n" then one line per stroke: "x,y x,y …\n"
 * with coordinates rounded to 0.1. */
typedef struct _SdSignature SdSignature;

SdSignature *sd_signature_new            (double              width,
                                          double              height);
void         sd_signature_free           (SdSignature        *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdSignature, sd_signature_free)

void         sd_signature_begin_stroke   (SdSignature        *self,
                                          double              x,
                                          double              y);
void         sd_signature_add_point      (SdSignature        *self,
                                          double              x,
                                          double              y);
/* Removes the last stroke (undo while drawing). */
void         sd_signature_remove_stroke  (SdSignature        *self);
void         sd_signature_clear          (SdSignature        *self);
gboolean     sd_signature_is_empty       (const SdSignature  *self);
guint        sd_signature_get_n_strokes  (const SdSignature  *self);

GBytes      *sd_signature_serialize      (const SdSignature  *self);
/* NULL with @error for bytes that are not a signature. */
SdSignature *sd_signature_parse          (GBytes             *bytes,
                                          GError            **error);

/* Draws the strokes, scaled to fit and centred in the box, with round
 * caps and joins, in @ink, with a line width proportional to the scale. */
void         sd_signature_draw           (const SdSignature  *self,
                                          cairo_t            *cr,
                                          double              x,
                                          double              y,
                                          double              width,
                                          double              height,
                                          const SdColor      *ink);

G_END_DECLS
