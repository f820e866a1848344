/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-store.h"

G_BEGIN_DECLS

/* Verifies the records of @store (primary menu → Verify Records): the
 * audit log, in a thread (sd_store_verify_audit()), and the sign-offs.
 * Shows a dialog modal to @parent's window, with a spinner while it runs
 * and then the report: that everything verifies, or the first audit entry
 * that does not and every sign-off that was changed. Closing the dialog
 * stops the verification. Returns the dialog (transfer none). */
GtkWidget *sd_verify_dialog_present (GtkWidget *parent,
                                     SdStore   *store);

G_END_DECLS
