/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "SDut": PRAGMA application_id of every Security Duties database. */
#define SD_STORE_APPLICATION_ID 0x53447574

/* Migration i takes a database from user_version i to i + 1. */
extern const char * const sd_store_migrations[];
extern const guint        sd_store_n_migrations;

G_END_DECLS
