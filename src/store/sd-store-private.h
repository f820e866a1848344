/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-store.h"

G_BEGIN_DECLS

/* The hash that chains an audit entry to the one before it. */
char *sd_audit_compute_hash (const char *prev_hash,
                             const char *at,
                             const char *os_user,
                             const char *operator_,
                             const char *entity,
                             gint64      entity_id,
                             const char *action,
                             const char *before,
                             const char *after);

/* For tests: whether the items of @item_type were read from the file. */
gboolean sd_store_is_loaded (SdStore *self,
                             GType    item_type);

G_END_DECLS
