/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-risk-matrix"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-risk-matrix.h"

static inline gboolean
level_is_valid (int level)
{
  return level >= SD_RISK_LEVEL_MIN && level <= SD_RISK_LEVEL_MAX;
}

/**
 * sd_risk_score:
 * @likelihood: 1..5
 * @impact: 1..5
 *
 * Returns: the risk score, likelihood × impact (1..25), or 0 if either
 *   level is out of range.
 */
int
sd_risk_score (int likelihood,
               int impact)
{
  g_return_val_if_fail (level_is_valid (likelihood), 0);
  g_return_val_if_fail (level_is_valid (impact), 0);

  return likelihood * impact;
}

/**
 * sd_risk_default_zone:
 * @likelihood: 1..5
 * @impact: 1..5
 *
 * The zone of a cell of the default 5×5 matrix, by its score: 1–4 low,
 * 5–9 medium, 10–14 high, 15–25 major.
 */
SdZone
sd_risk_default_zone (int likelihood,
                      int impact)
{
  int score;

  g_return_val_if_fail (level_is_valid (likelihood), SD_ZONE_LOW);
  g_return_val_if_fail (level_is_valid (impact), SD_ZONE_LOW);

  score = likelihood * impact;

  if (score >= 15)
    return SD_ZONE_MAJOR;
  if (score >= 10)
    return SD_ZONE_HIGH;
  if (score >= 5)
    return SD_ZONE_MEDIUM;
  return SD_ZONE_LOW;
}

/* The labels carry a message context because "Major" is both a zone
 * (重大风险) and an impact level (重大), which translate differently. */

const char *
sd_zone_get_label (SdZone zone)
{
  switch (zone)
    {
    case SD_ZONE_LOW:
      /* Translators: risk zone; 低风险 */
      return C_("risk zone", "Low");
    case SD_ZONE_MEDIUM:
      /* Translators: risk zone; 一般风险 */
      return C_("risk zone", "Medium");
    case SD_ZONE_HIGH:
      /* Translators: risk zone; 较大风险 */
      return C_("risk zone", "High");
    case SD_ZONE_MAJOR:
      /* Translators: risk zone; 重大风险 */
      return C_("risk zone", "Major");
    case SD_N_ZONES:
    default:
      break;
    }

  g_return_val_if_reached (NULL);
}

const char *
sd_risk_likelihood_label (int level)
{
  switch (level)
    {
    case 1:
      /* Translators: likelihood level 1 of 5 of a risk; 极不可能 */
      return C_("likelihood", "Rare");
    case 2:
      /* Translators: likelihood level 2 of 5 of a risk; 不太可能 */
      return C_("likelihood", "Unlikely");
    case 3:
      /* Translators: likelihood level 3 of 5 of a risk; 可能 */
      return C_("likelihood", "Possible");
    case 4:
      /* Translators: likelihood level 4 of 5 of a risk; 很可能 */
      return C_("likelihood", "Likely");
    case 5:
      /* Translators: likelihood level 5 of 5 of a risk; 几乎确定 */
      return C_("likelihood", "Almost certain");
    default:
      break;
    }

  g_return_val_if_reached (NULL);
}

const char *
sd_risk_impact_label (int level)
{
  switch (level)
    {
    case 1:
      /* Translators: impact level 1 of 5 of a risk; 可忽略 */
      return C_("impact", "Negligible");
    case 2:
      /* Translators: impact level 2 of 5 of a risk; 轻微 */
      return C_("impact", "Minor");
    case 3:
      /* Translators: impact level 3 of 5 of a risk; 中等 */
      return C_("impact", "Moderate");
    case 4:
      /* Translators: impact level 4 of 5 of a risk; 重大 */
      return C_("impact", "Major");
    case 5:
      /* Translators: impact level 5 of 5 of a risk; 严重 */
      return C_("impact", "Severe");
    default:
      break;
    }

  g_return_val_if_reached (NULL);
}
