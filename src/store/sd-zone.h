/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The zones of the risk matrix, lowest first, as stored in
 * risk_matrix_cells.zone ("low", "medium", "high", "major"). */
typedef enum
{
  SD_ZONE_LOW,
  SD_ZONE_MEDIUM,
  SD_ZONE_HIGH,
  SD_ZONE_MAJOR,
  SD_N_ZONES
} SdZone;

/* The largest matrix the app supports (5×5). */
#define SD_MATRIX_MAX_SIZE 5

const char *sd_zone_to_code   (SdZone      zone);
gboolean    sd_zone_from_code (const char *code,
                               SdZone     *zone);

G_END_DECLS
