/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-store.h"

G_BEGIN_DECLS

/* One assignment as the file holds it; the strings are valid during the
 * call only. */
typedef struct
{
  gint64      duty_id;
  gint64      post_id;   /* 0: none */
  gint64      unit_id;
  gint64      body_id;
  const char *role;      /* may be NULL */
} SdAssignmentRow;

typedef void (*SdAssignmentRowFunc) (const SdAssignmentRow *row,
                                     gpointer               user_data);

/* Calls @func for every assignment in the file, without making an item of
 * any: for the duty matrix, which needs all of them for the first frame,
 * while their items are first needed after it (a hundred thousand objects
 * in a large group's file, the better part of opening it). FALSE if the
 * table could not be read; then sd_store_get_items() tells the damage. */
gboolean sd_store_read_assignments (SdStore              *store,
                                    SdAssignmentRowFunc   func,
                                    gpointer              user_data,
                                    GError              **error);

G_END_DECLS
