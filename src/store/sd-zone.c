/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#include "sd-zone.h"

static const char * const zone_codes[SD_N_ZONES] = { "low", "medium", "high", "major" };

const char *
sd_zone_to_code (SdZone zone)
{
  g_return_val_if_fail (zone < SD_N_ZONES, NULL);

  return zone_codes[zone];
}

gboolean
sd_zone_from_code (const char *code,
                   SdZone     *zone)
{
  for (guint i = 0; i < SD_N_ZONES; i++)
    {
      if (g_strcmp0 (code, zone_codes[i]) == 0)
        {
          *zone = i;
          return TRUE;
        }
    }
  return FALSE;
}
