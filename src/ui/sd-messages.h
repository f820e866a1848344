/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What to tell the user when a database cannot be opened: one translated
 * sentence or two that say what is wrong and that the file was not touched. */
char       *sd_describe_open_error       (const char   *path,
                                          const GError *error);

/* Whether @error says the file itself is bad (damaged, truncated, not
 * ours, too new), rather than that it could not be reached: a backup may
 * help then. */
gboolean    sd_open_error_is_damage      (const GError *error);

/* The heading of the page that shows @error (translated). */
const char *sd_describe_open_error_title (const GError *error);

G_END_DECLS
