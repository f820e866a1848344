/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "sd-statement.h"

G_BEGIN_DECLS

/* The responsibility statement as a printed document: A4 portrait pages
 * with the unit, its head, its posts and bodies, the duties (code, text,
 * party, role, source) grouped by area, and the signature block of a
 * signed record as 21 CFR 11.50 asks: printed name, date and time, the
 * meaning of the signature, the SHA-256 of the signed text, and the
 * handwritten signature if there is one. An outdated sign-off is printed
 * with a notice that the duties changed since; an unsigned statement gets
 * empty lines to sign by hand. Labels are in the UI language.
 *
 * One layout serves the PDF export and GtkPrintOperation (which gives its
 * own cairo context and page size). */
typedef struct _SdStatementLayout SdStatementLayout;

/* @signoff (nullable) is drawn as the signature block; @outdated says
 * whether it still covers @statement. Sizes in points. */
SdStatementLayout *sd_statement_layout_new       (PangoContext       *context,
                                                  const SdStatement  *statement,
                                                  SdSignoff          *signoff,
                                                  gboolean            outdated,
                                                  double              page_width,
                                                  double              page_height);
void               sd_statement_layout_free      (SdStatementLayout  *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdStatementLayout, sd_statement_layout_free)

guint              sd_statement_layout_get_n_pages (SdStatementLayout *layout);
void               sd_statement_layout_draw_page (SdStatementLayout  *layout,
                                                  cairo_t            *cr,
                                                  guint               page);

/* Writes the statement of @unit (and its newest sign-off, if any) as a
 * PDF at @path. */
gboolean           sd_statement_export_pdf       (SdStore            *store,
                                                  SdUnit             *unit,
                                                  const char         *path,
                                                  GError            **error);

G_END_DECLS
