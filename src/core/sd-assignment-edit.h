/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-assignment-index.h"
#include "sd-duty-matrix.h"
#include "sd-store.h"

G_BEGIN_DECLS

/* The role of one cell of the matrix: a duty × a party. */
typedef struct
{
  gint64       duty_id;
  SdPartyKind  party_kind;
  gint64       party_id;
  char         role;      /* 'R', 'A', 'C', 'I', or 0 for none */
} SdCellChange;

/* Gives each cell its role (inserting, updating or deleting the
 * assignment), all in one transaction: every change or none. Cells that
 * already hold the role are left alone. On success, *@undo (nullable) gets
 * the changes that put the previous roles back, an array of SdCellChange
 * to pass to this function again. @index (nullable) speeds up finding the
 * existing assignments. */
gboolean sd_assignments_apply (SdStore            *store,
                               SdAssignmentIndex  *index,
                               const SdCellChange *changes,
                               guint               n_changes,
                               GArray            **undo,
                               GError            **error);

/* The role in a cell today, or 0. */
char     sd_assignment_get_role_at (SdStore           *store,
                                    SdAssignmentIndex *index,
                                    gint64             duty_id,
                                    SdPartyKind        party_kind,
                                    gint64             party_id);

G_END_DECLS
