/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_WINDOW (sd_window_get_type ())

G_DECLARE_FINAL_TYPE (SdWindow, sd_window, SD, WINDOW, AdwApplicationWindow)

/* @store may be NULL: then call sd_window_show_open_error(). */
SdWindow   *sd_window_new             (GtkApplication *application,
                                       SdStore        *store);
/* A window on the file at @path, opened as it is (not created), or one
 * that says why it could not be opened (sd_window_show_open_failure()).
 * Not yet presented. */
SdWindow   *sd_window_new_for_file    (GtkApplication *application,
                                       const char     *path);
SdStore    *sd_window_get_store       (SdWindow       *self);
void        sd_window_show_open_error (SdWindow       *self,
                                       const char     *path,
                                       const char     *message);
/* For a file that could not be opened: the damaged page (which offers a
 * backup) for a bad file, else the error page with @error's message. */
void        sd_window_show_open_failure (SdWindow     *self,
                                         const char   *path,
                                         const GError *error);
/* "organisation", "duties", "risks" or "plan". */
const char *sd_window_get_page        (SdWindow       *self);
void        sd_window_set_page        (SdWindow       *self,
                                       const char     *page);

/* Full screen with nothing but the page (workshop and meeting modes). */
void        sd_window_set_presenting  (SdWindow       *self,
                                       gboolean        presenting);

G_END_DECLS
