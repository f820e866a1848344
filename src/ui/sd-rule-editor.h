/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-editor-window.h"
#include "sd-rule.h"

G_BEGIN_DECLS

#define SD_TYPE_RULE_EDITOR (sd_rule_editor_get_type ())

G_DECLARE_FINAL_TYPE (SdRuleEditor, sd_rule_editor, SD, RULE_EDITOR, SdEditorWindow)

/* Edits an incompatibility rule, between two post types or between two
 * specific posts, or with @rule NULL makes a new one once the user applies
 * its reason. */
GtkWindow *sd_rule_editor_new (GtkWindow *parent,
                               SdStore   *store,
                               SdRule    *rule);

G_END_DECLS
