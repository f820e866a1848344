/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <gio/gio.h>

#include "sd-store.h"

G_BEGIN_DECLS

/* Writes the whole duty matrix as an Excel workbook, laid out as a person
 * would in a spreadsheet: a title row; the unit names merged over their
 * parties and the party names under them; frozen headers and duty columns
 * (code, text, source); one row per duty under a merged area row; the RACI
 * letter in each cell, coloured like the app; a legend. A second sheet
 * lists every assignment as a plain table (code, area, duty, party kind,
 * party, role), for filtering. */
gboolean sd_xlsx_export_matrix (SdStore     *store,
                                const char  *path,
                                GError     **error);

G_END_DECLS
