/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-matrix-settings.h"
#include "sd-store.h"

G_BEGIN_DECLS

/* Changing the risk matrix, without losing a rating.
 *
 * How many risks (counting a risk once, whichever of its three ratings
 * change) would get another rating if the matrix became @new_size. */
guint     sd_risk_matrix_count_moved (SdStore                *store,
                                      int                     new_size);
/* Writes @settings and, when the size changes, maps every rating of every
 * risk proportionally (sd_risk_map_level()) and records each changed
 * rating as an assessment (reason "Matrix changed from 5×5 to 3×3"), all
 * in one transaction. @n_moved: the risks whose ratings changed. */
gboolean  sd_risk_matrix_apply       (SdStore                *store,
                                      const SdMatrixSettings *settings,
                                      guint                  *n_moved,
                                      GError                **error);

/* Risk categories are user-extensible: adds one named @name (a code is
 * made from it, unique), at the end. Fails if a category already has that
 * name or label. */
gpointer  sd_risk_category_add       (SdStore                *store,
                                      const char             *name,
                                      GError                **error);

G_END_DECLS
