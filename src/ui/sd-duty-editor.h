/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-duty.h"
#include "sd-editor-window.h"

G_BEGIN_DECLS

#define SD_TYPE_DUTY_EDITOR (sd_duty_editor_get_type ())

G_DECLARE_FINAL_TYPE (SdDutyEditor, sd_duty_editor, SD, DUTY_EDITOR, SdEditorWindow)

/* Edits @duty: its code, area, text (several lines, stored when the text
 * loses the focus or with Ctrl+Enter) and source, and lists who holds it
 * with which role (roles are set in the matrix). With @duty NULL it makes a
 * new duty in @area (nullable), with the next code of that area suggested,
 * once both a code and a text are applied. Returns the window, not yet
 * shown; set its transient parent before presenting it. */
GtkWidget *sd_duty_editor_new      (SdStore    *store,
                                    SdDuty     *duty,
                                    const char *area);

/* The areas the duties have, in the order they first appear (transfer
 * full). */
GStrv      sd_duty_dup_areas       (SdStore    *store);

/* The code to suggest for a new duty in @area: the code of the area's last
 * duty with its number raised by one ("003-9" → "003-10"), not yet taken;
 * NULL when the area has no numbered code (transfer full). */
char      *sd_duty_suggest_code    (SdStore    *store,
                                    const char *area);

/* A button at the end of @row that offers the areas duties already have.
 * Choosing one puts it in the row and, if the row shows an apply button,
 * applies it. Returns the button (already added to @row). */
GtkWidget *sd_duty_area_button_new (SdStore     *store,
                                    AdwEntryRow *row);

G_END_DECLS
