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

G_END_DECLS
