/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-store.h"

G_BEGIN_DECLS

/* Writes the demo dataset (built from the source documents) into @store,
 * in one transaction, through the store's public API: all or nothing. */
gboolean sd_demo_populate (SdStore  *store,
                           GError  **error);

G_END_DECLS
