/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-store.h"
#include "sd-zone.h"

G_BEGIN_DECLS

/* The risk matrix settings (the tables risk_matrix and risk_matrix_cells):
 * its size, the zone of every cell, and the axis titles and labels.
 *
 * Ratings are kept on the scale of the current matrix (1..size); when the
 * size changes, sd_risk_matrix_apply() (core) maps them. */
typedef struct
{
  int     size;                                             /* 3..5 */
  SdZone  zones[SD_MATRIX_MAX_SIZE][SD_MATRIX_MAX_SIZE];    /* [likelihood-1][impact-1] */
  char   *likelihood_title;                                 /* NULL: the default title */
  char   *impact_title;
  char   *likelihood_labels[SD_MATRIX_MAX_SIZE];            /* [level-1]; NULL: default */
  char   *impact_labels[SD_MATRIX_MAX_SIZE];
} SdMatrixSettings;

void     sd_matrix_settings_clear (SdMatrixSettings       *settings);
void     sd_matrix_settings_copy  (const SdMatrixSettings *src,
                                   SdMatrixSettings       *dest);
gboolean sd_matrix_settings_equal (const SdMatrixSettings *a,
                                   const SdMatrixSettings *b);

/* Fills @out (clear it with sd_matrix_settings_clear()). */
void     sd_store_get_matrix      (SdStore                *self,
                                   SdMatrixSettings       *out);
/* Writes the settings in one transaction (it joins an open one, see
 * sd_store_begin()), with one audit entry (entity "risk_matrix", id 1,
 * before and after as JSON), then emits SdStore::matrix-changed.
 * It does not touch the risks: see sd_risk_matrix_apply(). */
gboolean sd_store_set_matrix      (SdStore                *self,
                                   const SdMatrixSettings *settings,
                                   GError                **error);

G_END_DECLS
