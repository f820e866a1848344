/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-statement.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_SIGNOFF_VIEW (sd_signoff_view_get_type ())

/* The department heads' sign-offs: on the left the units that hold duties,
 * grouped as outdated, never signed, and signed and current; on the right
 * the selected unit's state, what changed since it was signed, its
 * statement as it reads today and the history of its sign-offs, with
 * "Review and Sign…", "Export PDF…" and "Print…". It follows the store
 * through sd_ui_get_sign_summary(), and shows its messages in a toast
 * overlay of its own. */
G_DECLARE_FINAL_TYPE (SdSignoffView, sd_signoff_view, SD, SIGNOFF_VIEW, AdwBin)

GtkWidget *sd_signoff_view_new                (SdStore           *store);
SdStore   *sd_signoff_view_get_store          (SdSignoffView     *self);
/* Shows @unit_id's statement (and selects its row, if it holds duties). */
void       sd_signoff_view_select_unit        (SdSignoffView     *self,
                                               gint64             unit_id);
/* The unit shown on the right, or 0. */
gint64     sd_signoff_view_get_selected_unit  (SdSignoffView     *self);
/* Opens "Review and Sign…" for the unit shown. */
void       sd_signoff_view_sign               (SdSignoffView     *self);

/* @statement written out to read on screen, selectable and read by screen
 * readers: the unit and its head, the posts and bodies, and the duties
 * grouped by area with their code, text, source and who holds them in
 * which role. (Also used by the sign dialog.) */
GtkWidget *sd_signoff_view_new_statement_text (const SdStatement *statement);

G_END_DECLS
