/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_DUTIES_PAGE (sd_duties_page_get_type ())

/* The duties, grouped by area, with who holds each (read-only for now). */
G_DECLARE_FINAL_TYPE (SdDutiesPage, sd_duties_page, SD, DUTIES_PAGE, AdwBin)

GtkWidget *sd_duties_page_new (SdStore *store);

G_END_DECLS
