/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The headless commands of the command line. Each opens @database itself,
 * writes what it has to say to stdout and stderr, and returns the process's
 * exit status. They need no display. */

/* Every rule violation as "rule-id<TAB>subject<TAB>message", one per line:
 * 1 if there is any, 0 if none, 2 if the file cannot be checked. */
int sd_cli_check  (const char *database);

/* Imports @csv_path as @kind (units, people, posts, …), all or nothing:
 * 0 when imported; otherwise 1 with every bad row on stderr as
 * "FILE:LINE: reason". */
int sd_cli_import (const char *database,
                   const char *kind,
                   const char *csv_path);

/* Verifies the signed records: every sign-off whose stored text no longer
 * hashes to its stored SHA-256 as "signoff<TAB>ID<TAB>unit<TAB>message",
 * one per line. 1 if anything fails, 0 if all verify, 2 if the file cannot
 * be checked. */
int sd_cli_verify (const char *database);

/* Writes the responsibility statement of @unit (a unit's name, exactly, or
 * its number) as a PDF at @out_path, with its newest sign-off: 0 when
 * written; 1 if the file cannot be written; 2 for an unknown unit (with
 * the units there are on stderr) or a file that cannot be read. */
int sd_cli_export_statement (const char *database,
                             const char *unit,
                             const char *out_path);

/* Writes the heat map of @level (inherent, residual or target; NULL for
 * inherent) of every risk as PNG, SVG or PDF at @out_path, as its
 * extension says; the PDF adds the register. 0 when written; 1 for an
 * unknown extension, an unknown level or a file that cannot be written;
 * 2 for a database that cannot be read. */
int sd_cli_export_heatmap   (const char *database,
                             const char *level,
                             const char *out_path);

/* Writes the annual plan of @year as a PDF (A4 landscape) at @out_path:
 * 0 when written; 1 if there is no plan for @year (with the years there
 * are on stderr) or the file cannot be written; 2 for a @year that is not
 * a year or a database that cannot be read. */
int sd_cli_export_plan      (const char *database,
                             const char *year,
                             const char *out_path);

G_END_DECLS
