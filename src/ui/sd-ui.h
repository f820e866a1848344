/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the UI's resources (templates, CSS) once. Every widget with a
 * template calls it from class_init, so that pages work on their own too
 * (tests), not only inside the window. */
void sd_ui_ensure_resources (void);

G_END_DECLS
