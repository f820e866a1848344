/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-body.h"
#include "sd-editor-window.h"

G_BEGIN_DECLS

#define SD_TYPE_BODY_EDITOR (sd_body_editor_get_type ())

G_DECLARE_FINAL_TYPE (SdBodyEditor, sd_body_editor, SD, BODY_EDITOR, SdEditorWindow)

/* Edits @body and its members, or with @body NULL makes a new body led by
 * @led_by_id (0: none) once the user applies its name. */
GtkWindow *sd_body_editor_new (GtkWindow *parent,
                               SdStore   *store,
                               SdBody    *body,
                               gint64     led_by_id);

G_END_DECLS
