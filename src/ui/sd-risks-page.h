/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_RISKS_PAGE (sd_risks_page_get_type ())

/* The Risks page: the risk register (search, filters, sorting) beside the
 * heat map of the same risks and the selected risk's card; adding, editing
 * and deleting risks, re-rating them on the map, the matrix settings,
 * CSV, export and printing of the map, and workshop mode ("risks.*"
 * actions). */
G_DECLARE_FINAL_TYPE (SdRisksPage, sd_risks_page, SD, RISKS_PAGE, AdwBin)

GtkWidget *sd_risks_page_new (SdStore *store);

G_END_DECLS
