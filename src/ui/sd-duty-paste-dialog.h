/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-duty.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_DUTY_PASTE_DIALOG (sd_duty_paste_dialog_get_type ())

/*
 * "Paste Duties from a Regulation": a modal window to paste a regulation's
 * text into. Its numbered items are shown as they will be added (code and
 * text, updated as the text, code prefix or area change); items whose code
 * a duty already has are marked, and refused unless the user chooses to
 * skip them. "Add N Duties" adds them all in one transaction, after
 * "after-duty" or at the end of the area, then emits "added" and closes.
 *
 * Signals:
 *   added (guint n_added, GArray *ids): the ids (gint64) of the new duties,
 *   in order, to undo with sd_duty_paste_undo().
 */
G_DECLARE_FINAL_TYPE (SdDutyPasteDialog, sd_duty_paste_dialog, SD, DUTY_PASTE_DIALOG, AdwWindow)

/* @after_duty (nullable): the duty the new ones follow; its area is the
 * default area, and its code without the number the default code prefix.
 * The text starts as what the clipboard holds, if it holds text. Returns
 * the window, not yet shown; set its transient parent before presenting
 * it. */
GtkWidget *sd_duty_paste_dialog_new          (SdStore           *store,
                                              SdDuty            *after_duty);

/* The fields, as the user would fill them in. */
void       sd_duty_paste_dialog_set_text     (SdDutyPasteDialog *self,
                                              const char        *text);
void       sd_duty_paste_dialog_set_prefix   (SdDutyPasteDialog *self,
                                              const char        *prefix);
void       sd_duty_paste_dialog_set_area     (SdDutyPasteDialog *self,
                                              const char        *area);
void       sd_duty_paste_dialog_set_source   (SdDutyPasteDialog *self,
                                              const char        *source);
/* Whether items whose code is taken are left out (otherwise they block
 * the add). */
void       sd_duty_paste_dialog_set_skip_existing (SdDutyPasteDialog *self,
                                                   gboolean           skip);

/* The numbered items found in the text, the ones whose code is taken (by
 * a duty, or by an earlier item), and the ones "Add" would add now (0 when
 * the add is refused). */
guint      sd_duty_paste_dialog_get_n_items    (SdDutyPasteDialog *self);
guint      sd_duty_paste_dialog_get_n_conflicts (SdDutyPasteDialog *self);
guint      sd_duty_paste_dialog_get_n_to_add   (SdDutyPasteDialog *self);

/* What "Add N Duties" does: adds the items in one transaction, emits
 * "added" and closes the window. Returns the new duties' ids (gint64) in
 * order (transfer full), or NULL with @error set (and nothing added). */
GArray    *sd_duty_paste_dialog_add            (SdDutyPasteDialog *self,
                                                GError           **error);

/* Deletes the duties @ids (gint64) in one transaction: the undo of a paste.
 * Duties already gone are skipped. */
gboolean   sd_duty_paste_undo                  (SdStore           *store,
                                                GArray            *ids,
                                                GError           **error);

G_END_DECLS
