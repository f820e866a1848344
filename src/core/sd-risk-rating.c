/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-risk-rating"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-risk-rating.h"

static const char * const level_codes[] = { "inherent", "residual", "target" };

const char *
sd_risk_level_to_code (SdRiskLevel level)
{
  g_return_val_if_fail (level <= SD_RISK_LEVEL_TARGET, NULL);

  return level_codes[level];
}

gboolean
sd_risk_level_from_code (const char  *code,
                         SdRiskLevel *level)
{
  for (guint i = 0; i < G_N_ELEMENTS (level_codes); i++)
    {
      if (g_strcmp0 (code, level_codes[i]) == 0)
        {
          *level = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
sd_risk_level_label (SdRiskLevel level)
{
  switch (level)
    {
    case SD_RISK_LEVEL_INHERENT:
      /* Translators: the risk before any measure; 固有风险 */
      return _("Inherent");
    case SD_RISK_LEVEL_RESIDUAL:
      /* Translators: the risk with today's measures; 剩余风险 */
      return _("Residual");
    case SD_RISK_LEVEL_TARGET:
      /* Translators: the risk the organisation aims for; 目标风险 */
      return _("Target");
    default:
      g_return_val_if_reached ("");
    }
}

void
sd_risk_get_rating (SdRisk      *risk,
                    SdRiskLevel  level,
                    int         *likelihood,
                    int         *impact)
{
  g_return_if_fail (SD_IS_RISK (risk));

  switch (level)
    {
    case SD_RISK_LEVEL_INHERENT:
      *likelihood = sd_risk_get_inherent_likelihood (risk);
      *impact = sd_risk_get_inherent_impact (risk);
      break;
    case SD_RISK_LEVEL_RESIDUAL:
      *likelihood = sd_risk_get_residual_likelihood (risk);
      *impact = sd_risk_get_residual_impact (risk);
      break;
    case SD_RISK_LEVEL_TARGET:
    default:
      *likelihood = sd_risk_get_target_likelihood (risk);
      *impact = sd_risk_get_target_impact (risk);
      break;
    }
}

/* Ratings are kept on the scale of the current matrix
 * (sd_risk_matrix_apply() maps them when its size changes); the clamp only
 * keeps a rating the store has not mapped yet, mid-change, on the grid. */
void
sd_risk_get_cell (SdRisk      *risk,
                  SdRiskLevel  level,
                  int          size,
                  int         *likelihood,
                  int         *impact)
{
  int l, i;

  g_return_if_fail (size >= 1 && size <= SD_MATRIX_MAX_SIZE);

  sd_risk_get_rating (risk, level, &l, &i);
  *likelihood = CLAMP (l, 1, size);
  *impact = CLAMP (i, 1, size);
}

SdZone
sd_risk_get_zone (SdStore     *store,
                  SdRisk      *risk,
                  SdRiskLevel  level)
{
  int l, i;

  sd_risk_get_cell (risk, level, sd_store_get_matrix_size (store), &l, &i);
  return sd_store_get_zone (store, l, i);
}

guint
sd_risk_count_cells (SdStore     *store,
                     SdRiskLevel  level,
                     guint        counts[SD_MATRIX_MAX_SIZE][SD_MATRIX_MAX_SIZE])
{
  GListModel *risks = sd_store_get_items (store, SD_TYPE_RISK);
  guint n = g_list_model_get_n_items (risks);
  int size = sd_store_get_matrix_size (store);

  memset (counts, 0, sizeof (guint) * SD_MATRIX_MAX_SIZE * SD_MATRIX_MAX_SIZE);
  for (guint r = 0; r < n; r++)
    {
      g_autoptr(SdRisk) risk = g_list_model_get_item (risks, r);
      int l, i;

      sd_risk_get_cell (risk, level, size, &l, &i);
      counts[l - 1][i - 1]++;
    }
  return n;
}
