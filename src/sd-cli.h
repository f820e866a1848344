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

G_END_DECLS
