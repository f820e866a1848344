/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SD_TYPE_DAMAGED_PAGE (sd_damaged_page_get_type ())

G_DECLARE_FINAL_TYPE (SdDamagedPage, sd_damaged_page, SD, DAMAGED_PAGE, AdwBin)

/* The page a window shows for a file that cannot be used as it is
 * (damaged, truncated, not ours, too new; see sd_open_error_is_damage()):
 * what is wrong in plain words, and the ways out: restore the newest good
 * backup (offered once one is found, with its date), open another file,
 * or quit. It only reads the backups; the file itself is never written. */
GtkWidget  *sd_damaged_page_new      (const char    *path,
                                      const GError  *error);
const char *sd_damaged_page_get_path (SdDamagedPage *self);
/* FALSE while the page still looks for a good backup. */
gboolean    sd_damaged_page_get_searched (SdDamagedPage *self);

G_END_DECLS
