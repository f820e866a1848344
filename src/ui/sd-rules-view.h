/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_RULES_VIEW (sd_rules_view_get_type ())

/* The incompatibility rules ("安全管理员 × 网络管理员", with reason and
 * source). The Add button and a click on a row open the rule editor.
 *
 * Signals:
 *   "delete-rule" (SdRule *rule): the delete button of a row was clicked.
 *     The view deletes nothing itself: the page deletes the rule with
 *     sd_store_delete_with_undo() and offers Undo in its toast. */
G_DECLARE_FINAL_TYPE (SdRulesView, sd_rules_view, SD, RULES_VIEW, AdwBin)

GtkWidget *sd_rules_view_new       (SdStore     *store);
SdStore   *sd_rules_view_get_store (SdRulesView *self);

/* How a rule is named: "Security administrator × Network administrator"
 * or the two posts with their units (transfer full). */
char      *sd_rule_title           (SdStore     *store,
                                    gpointer     rule);

G_END_DECLS
