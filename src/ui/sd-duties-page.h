/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_DUTIES_PAGE (sd_duties_page_get_type ())

/* The duties: the matrix of who holds which duty (edited in place), the
 * same as a list, the duties of one party, the problems of the matrix,
 * and the department heads' sign-off. */
G_DECLARE_FINAL_TYPE (SdDutiesPage, sd_duties_page, SD, DUTIES_PAGE, AdwBin)

GtkWidget *sd_duties_page_new        (SdStore      *store);

/* Shows the duty in the matrix, clearing what hides it. */
void       sd_duties_page_show_duty  (SdDutiesPage *self,
                                      gint64        duty_id);

G_END_DECLS
