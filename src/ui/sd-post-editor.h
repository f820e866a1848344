/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-editor-window.h"
#include "sd-post.h"

G_BEGIN_DECLS

#define SD_TYPE_POST_EDITOR (sd_post_editor_get_type ())

G_DECLARE_FINAL_TYPE (SdPostEditor, sd_post_editor, SD, POST_EDITOR, SdEditorWindow)

/* Edits @post and its holders, or with @post NULL makes a new post of
 * @unit_id (0: organisation-wide) once the user applies its name. A new
 * holder is checked against the rules (sd_org_check_new_holder()) before
 * it is stored. */
GtkWindow *sd_post_editor_new (GtkWindow *parent,
                               SdStore   *store,
                               SdPost    *post,
                               gint64     unit_id);

G_END_DECLS
