/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_ORG_PAGE (sd_org_page_get_type ())

/* The organisation: the unit tree and the security bodies in a sidebar,
 * the posts, people and members of the selected one beside it (read-only
 * for now). */
G_DECLARE_FINAL_TYPE (SdOrgPage, sd_org_page, SD, ORG_PAGE, AdwBin)

GtkWidget *sd_org_page_new       (SdStore   *store);
SdStore   *sd_org_page_get_store (SdOrgPage *self);

G_END_DECLS
