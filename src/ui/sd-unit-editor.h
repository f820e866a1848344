/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-editor-window.h"
#include "sd-unit.h"

G_BEGIN_DECLS

#define SD_TYPE_UNIT_EDITOR (sd_unit_editor_get_type ())

G_DECLARE_FINAL_TYPE (SdUnitEditor, sd_unit_editor, SD, UNIT_EDITOR, SdEditorWindow)

/* Edits @unit, or with @unit NULL makes a new unit under @parent_id (0 for
 * a root unit) once the user applies its name. Moving a unit is the
 * page's: the editor does not change the parent. */
GtkWindow *sd_unit_editor_new (GtkWindow *parent,
                               SdStore   *store,
                               SdUnit    *unit,
                               gint64     parent_id);

G_END_DECLS
