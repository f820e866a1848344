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

/* The labels of the smaller matrices. Where a level means the same as one
 * of the 5×5 matrix, it is the same text in the same context, and so the
 * same translation. */

const char *
sd_risk_likelihood_label_for_size (int level,
                                   int size)
{
  g_return_val_if_fail (size >= 3 && size <= SD_MATRIX_MAX_SIZE, NULL);
  g_return_val_if_fail (level >= 1 && level <= size, NULL);

  if (size == 3)
    {
      static const char * const labels[] = {
        /* Translators: likelihood level 1 of 3 of a risk; 低 */
        NC_("likelihood", "Low"),
        /* Translators: likelihood level 2 of 3 of a risk; 中 */
        NC_("likelihood", "Medium"),
        /* Translators: likelihood level 3 of 3 of a risk; 高 */
        NC_("likelihood", "High"),
      };

      return g_dpgettext2 (GETTEXT_PACKAGE, "likelihood", labels[level - 1]);
    }
  if (size == 4)
    /* Unlikely, Possible, Likely, Almost certain: the 5×5 scale without "Rare". */
    return sd_risk_likelihood_label (level + 1);
  return sd_risk_likelihood_label (level);
}

const char *
sd_risk_impact_label_for_size (int level,
                               int size)
{
  g_return_val_if_fail (size >= 3 && size <= SD_MATRIX_MAX_SIZE, NULL);
  g_return_val_if_fail (level >= 1 && level <= size, NULL);

  if (size == 3)
    {
      static const char * const labels[] = {
        /* Translators: impact level 1 of 3 of a risk; 低 */
        NC_("impact", "Low"),
        /* Translators: impact level 2 of 3 of a risk; 中 */
        NC_("impact", "Medium"),
        /* Translators: impact level 3 of 3 of a risk; 高 */
        NC_("impact", "High"),
      };

      return g_dpgettext2 (GETTEXT_PACKAGE, "impact", labels[level - 1]);
    }
  if (size == 4)
    /* Minor, Moderate, Major, Severe: the 5×5 scale without "Negligible". */
    return sd_risk_impact_label (level + 1);
  return sd_risk_impact_label (level);
}

const char *
sd_matrix_preset_label (SdMatrixPreset preset)
{
  switch (preset)
    {
    case SD_MATRIX_PRESET_BY_SCORE:
      /* Translators: a scheme of the risk matrix's zones: by likelihood × impact */
      return _("By score");
    case SD_MATRIX_PRESET_QUADRANTS:
      /* Translators: a scheme of the risk matrix's zones: the matrix split
       * into four quadrants at the middle of both axes; 四象限 */
      return _("Four quadrants");
    case SD_N_MATRIX_PRESETS:
    default:
      break;
    }

  g_return_val_if_reached (NULL);
}

/* By score: the share of the largest score, size², that a cell's score
 * reaches, with the 5×5 matrix's thresholds (15, 10 and 5 of 25). In
 * integers, so that 5×5 gives exactly sd_risk_default_zone(). */
static SdZone
zone_by_score (int likelihood,
               int impact,
               int size)
{
  int score5 = likelihood * impact * 5;
  int max = size * size;

  if (score5 >= 3 * max)
    return SD_ZONE_MAJOR;
  if (score5 >= 2 * max)
    return SD_ZONE_HIGH;
  if (score5 >= max)
    return SD_ZONE_MEDIUM;
  return SD_ZONE_LOW;
}

/* Seed 004 4.1.2: the upper half of an axis are the levels above its
 * middle (3–5 of 5, 3–4 of 4, 2–3 of 3). A likely, severe risk is Major;
 * an unlikely, severe one Medium; one of small impact Low, however likely. */
static SdZone
zone_by_quadrant (int likelihood,
                  int impact,
                  int size)
{
  gboolean likely = likelihood > size / 2;
  gboolean severe = impact > size / 2;

  if (!severe)
    return SD_ZONE_LOW;
  return likely ? SD_ZONE_MAJOR : SD_ZONE_MEDIUM;
}

void
sd_matrix_preset_fill (SdMatrixPreset preset,
                       int            size,
                       SdZone         zones[SD_MATRIX_MAX_SIZE][SD_MATRIX_MAX_SIZE])
{
  g_return_if_fail (preset < SD_N_MATRIX_PRESETS);
  g_return_if_fail (size >= 3 && size <= SD_MATRIX_MAX_SIZE);

  for (int l = 1; l <= SD_MATRIX_MAX_SIZE; l++)
    for (int i = 1; i <= SD_MATRIX_MAX_SIZE; i++)
      {
        SdZone zone = SD_ZONE_LOW;

        if (l <= size && i <= size)
          zone = preset == SD_MATRIX_PRESET_BY_SCORE ? zone_by_score (l, i, size)
                                                     : zone_by_quadrant (l, i, size);
        zones[l - 1][i - 1] = zone;
      }
}

/**
 * sd_risk_map_level:
 * @level: a level of a matrix of @old_size
 * @old_size: 3..5
 * @new_size: 3..5
 *
 * Maps @level onto a matrix of @new_size at the same share of the axis:
 * the ends stay the ends, and a level between them goes to the nearest
 * level. A tie goes up (2 of 5 becomes 2 of 3, not 1), so that a smaller
 * scale never makes a risk look smaller than it was rated.
 *
 * Returns: the level on the new scale, 1..@new_size
 */
int
sd_risk_map_level (int level,
                   int old_size,
                   int new_size)
{
  int steps;

  g_return_val_if_fail (old_size >= 2 && old_size <= SD_MATRIX_MAX_SIZE, 1);
  g_return_val_if_fail (new_size >= 2 && new_size <= SD_MATRIX_MAX_SIZE, 1);

  level = CLAMP (level, 1, old_size);
  if (old_size == new_size)
    return level;

  /* 1 + round ((level - 1) × (new - 1) / (old - 1)), halves up. */
  steps = ((level - 1) * (new_size - 1) * 2 + (old_size - 1)) / (2 * (old_size - 1));
  return 1 + steps;
}
