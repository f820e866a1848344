/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SD_TYPE_SIGNATURE_PAD (sd_signature_pad_get_type ())

/* A surface to sign on by hand, with a mouse, a finger or a stylus. The
 * strokes are kept as an SdSignature (src/render/sd-signature.h) and drawn
 * with it, in the text colour of the style, over a baseline and a "Sign
 * here" hint while it is empty. For assistive technologies it is an image
 * named "Handwritten signature", described as empty or by its number of
 * strokes; the buttons to clear and undo belong next to it.
 *
 * "n-strokes" is notified when a stroke is added or removed. */
G_DECLARE_FINAL_TYPE (SdSignaturePad, sd_signature_pad, SD, SIGNATURE_PAD, GtkWidget)

GtkWidget *sd_signature_pad_new           (void);
guint      sd_signature_pad_get_n_strokes (SdSignaturePad *self);
gboolean   sd_signature_pad_is_empty      (SdSignaturePad *self);
/* The serialised signature (see sd_signature_serialize()), or NULL while
 * nothing is drawn (transfer full). */
GBytes    *sd_signature_pad_get_signature (SdSignaturePad *self);
void       sd_signature_pad_clear         (SdSignaturePad *self);
/* Removes the last stroke. */
void       sd_signature_pad_undo          (SdSignaturePad *self);

/* What the pointer gestures do, in the widget's coordinates: a stroke
 * begins where the pen goes down, follows it and ends where it is lifted.
 * Public so that tests and other input methods can draw. */
void       sd_signature_pad_begin_stroke  (SdSignaturePad *self,
                                           double          x,
                                           double          y);
void       sd_signature_pad_extend_stroke (SdSignaturePad *self,
                                           double          x,
                                           double          y);
void       sd_signature_pad_end_stroke    (SdSignaturePad *self);

G_END_DECLS
