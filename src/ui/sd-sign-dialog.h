/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-signature-pad.h"
#include "sd-signoff.h"
#include "sd-store.h"
#include "sd-unit.h"

G_BEGIN_DECLS

#define SD_TYPE_SIGN_DIALOG (sd_sign_dialog_get_type ())

/* "Sign Responsibility Statement": a modal window that shows a unit's
 * statement as it reads now, who signs (the unit's head, or a name typed
 * in), the meaning of the signature and an optional handwritten signature,
 * and records the sign-off of exactly the statement shown when "Sign" is
 * pressed. On success it emits "signed" (SdSignoff *) and closes; on
 * failure it says why above the form and keeps what was entered. Escape
 * and "Cancel" close it without signing. */
G_DECLARE_FINAL_TYPE (SdSignDialog, sd_sign_dialog, SD, SIGN_DIALOG, AdwWindow)

GtkWidget      *sd_sign_dialog_new               (SdStore      *store,
                                                  SdUnit       *unit,
                                                  GtkWindow    *parent);
SdUnit         *sd_sign_dialog_get_unit          (SdSignDialog *self);
/* The signer's name as entered, trimmed (transfer full). */
char           *sd_sign_dialog_dup_signer        (SdSignDialog *self);
/* Records @name as the signer: someone other than the head unless it is
 * the head's name. */
void            sd_sign_dialog_set_signer        (SdSignDialog *self,
                                                  const char   *name);
const char     *sd_sign_dialog_get_meaning       (SdSignDialog *self);
void            sd_sign_dialog_set_meaning       (SdSignDialog *self,
                                                  const char   *meaning);
SdSignaturePad *sd_sign_dialog_get_signature_pad (SdSignDialog *self);
/* The message shown after a failed attempt, or NULL. */
const char     *sd_sign_dialog_get_error         (SdSignDialog *self);

G_END_DECLS
