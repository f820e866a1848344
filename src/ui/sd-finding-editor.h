/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-editor-window.h"
#include "sd-finding.h"
#include "sd-inspection.h"

G_BEGIN_DECLS

#define SD_TYPE_FINDING_EDITOR (sd_finding_editor_get_type ())

/* Edits a finding of an inspection: description, unit, severity,
 * responsible person, rectification deadline, and its rectification:
 * status (open, rectifying, closed), closing evidence and the date it was
 * closed. Choosing "Closed" needs the evidence and records today's date
 * (unless one is there); choosing "Open" or "Rectifying" again reopens it
 * and clears that date.
 *
 * With @finding NULL it makes a new finding of @inspection (its unit
 * suggested), once the description is applied; a new finding is open.
 * Returns the window, not yet shown; set its transient parent before
 * presenting it. */
G_DECLARE_FINAL_TYPE (SdFindingEditor, sd_finding_editor, SD, FINDING_EDITOR, SdEditorWindow)

GtkWidget *sd_finding_editor_new  (SdStore             *store,
                                   SdFinding           *finding,
                                   SdInspection        *inspection);

/* A date field of @editor, shared with the inspection editor: an entry row
 * titled @title for @property, stored (as YYYY-MM-DD; "2026-7-1" is
 * accepted) when applied, with a calendar button. A text that is not a
 * date, or no text when @required, is not stored: the row shows the error
 * inline, below it, until the text is corrected. What was typed and is a
 * date is kept when the window closes. Returns the row (transfer none),
 * already added to @group. */
GtkWidget *sd_editor_add_date_row (SdEditorWindow      *editor,
                                   AdwPreferencesGroup *group,
                                   const char          *property,
                                   const char          *title,
                                   gboolean             required);

G_END_DECLS
