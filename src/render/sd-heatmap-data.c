/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-heatmap-data"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sd-matrix-settings.h"
#include "sd-heatmap-data.h"
#include "sd-heatmap-private.h"

/*
 * The model points into this structure: the codes are copied into one
 * string chunk (an edit of a risk replaces the item's own strings, and
 * the map may be drawn before it is rebuilt), and the cell lists are
 * slices of one array of marker indices.
 */
struct _SdHeatmapData
{
  SdHeatmapModel    model;
  SdRiskLevel       level;
  SdMatrixSettings  settings;      /* owns the labels and titles */
  GPtrArray        *risks;         /* of SdRisk, by marker index */
  GArray           *markers;       /* of SdHeatmapMarker */
  GStringChunk     *codes;
  guint            *cell_indices;  /* every marker on the map, cell by cell */
  guint             cell_n[SD_MATRIX_MAX_SIZE][SD_MATRIX_MAX_SIZE];
  guint             zone_n[SD_N_ZONES];
  GHashTable       *index_of;      /* SdRisk → marker index + 1 */
};

int
sd_heatmap_compare_codes (const char *a,
                          const char *b)
{
  while (*a != '\0' && *b != '\0')
    {
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          const char *start_a, *start_b;
          gsize len_a, len_b;
          int cmp;

          while (*a == '0' && g_ascii_isdigit (a[1]))
            a++;
          while (*b == '0' && g_ascii_isdigit (b[1]))
            b++;
          start_a = a;
          start_b = b;
          while (g_ascii_isdigit (*a))
            a++;
          while (g_ascii_isdigit (*b))
            b++;
          len_a = a - start_a;
          len_b = b - start_b;
          if (len_a != len_b)
            return len_a < len_b ? -1 : 1;
          cmp = strncmp (start_a, start_b, len_a);
          if (cmp != 0)
            return cmp;
          continue;
        }
      if (*a != *b)
        return (guchar) *a < (guchar) *b ? -1 : 1;
      a++;
      b++;
    }
  return (guchar) *a - (guchar) *b;
}

static int
compare_markers (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const SdHeatmapMarker *markers = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  int cmp = sd_heatmap_compare_codes (markers[ia].code, markers[ib].code);

  /* Equal codes (there should be none) keep the register's order. */
  if (cmp != 0)
    return cmp;
  return ia < ib ? -1 : ia > ib;
}

/* A rating's cell on the current matrix, or 0, 0 if it is not given. */
static void
get_cell (SdRisk      *risk,
          SdRiskLevel  level,
          int          size,
          int         *likelihood,
          int         *impact)
{
  int l, i;

  sd_risk_get_rating (risk, level, &l, &i);
  if (l < 1 || i < 1)
    {
      *likelihood = *impact = 0;
      return;
    }
  sd_risk_get_cell (risk, level, size, likelihood, impact);
}

/**
 * sd_heatmap_data_new:
 * @store: the store
 * @level: which rating the markers show
 * @risks: (nullable): the risks to show (of SdRisk), or %NULL for all of
 *   @store's
 *
 * Reads the matrix settings and the risks once, into a model that every
 * drawing of the map can use as it is.
 *
 * Returns: (transfer full): the data
 */
SdHeatmapData *
sd_heatmap_data_new (SdStore     *store,
                     SdRiskLevel  level,
                     GListModel  *risks)
{
  SdHeatmapData *self;
  SdHeatmapModel *model;
  SdHeatmapMarker *markers;
  guint n, offsets[SD_MATRIX_MAX_SIZE][SD_MATRIX_MAX_SIZE], total = 0;
  int size;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (level <= SD_RISK_LEVEL_TARGET, NULL);
  g_return_val_if_fail (risks == NULL || G_IS_LIST_MODEL (risks), NULL);

  if (risks == NULL)
    risks = sd_store_get_items (store, SD_TYPE_RISK);

  self = g_new0 (SdHeatmapData, 1);
  self->level = level;
  model = &self->model;
  sd_heatmap_model_init_default (model);

  sd_store_get_matrix (store, &self->settings);
  size = CLAMP (self->settings.size, 3, SD_MATRIX_MAX_SIZE);
  model->size = size;
  for (int l = 1; l <= size; l++)
    for (int i = 1; i <= size; i++)
      model->zones[l - 1][i - 1] = self->settings.zones[l - 1][i - 1];
  model->likelihood_title = self->settings.likelihood_title;
  model->impact_title = self->settings.impact_title;
  for (int k = 0; k < size; k++)
    {
      model->likelihood_labels[k] = self->settings.likelihood_labels[k];
      model->impact_labels[k] = self->settings.impact_labels[k];
    }

  n = g_list_model_get_n_items (risks);
  self->risks = g_ptr_array_new_full (n, g_object_unref);
  self->markers = g_array_sized_new (FALSE, TRUE, sizeof (SdHeatmapMarker), n);
  self->codes = g_string_chunk_new (MAX (n, 16) * 8);
  self->index_of = g_hash_table_new (NULL, NULL);

  for (guint r = 0; r < n; r++)
    {
      SdRisk *risk = g_list_model_get_item (risks, r);
      SdHeatmapMarker marker = { 0, };
      const char *code;

      if (!SD_IS_RISK (risk))
        {
          g_clear_object (&risk);
          continue;
        }

      code = sd_risk_get_code (risk);
      marker.code = g_string_chunk_insert_const (self->codes, code != NULL ? code : "");
      for (int lv = SD_RISK_LEVEL_INHERENT; lv <= SD_RISK_LEVEL_TARGET; lv++)
        get_cell (risk, lv, size, &marker.path_likelihood[lv], &marker.path_impact[lv]);
      marker.likelihood = marker.path_likelihood[level];
      marker.impact = marker.path_impact[level];
      if (marker.likelihood > 0)
        {
          marker.zone = model->zones[marker.likelihood - 1][marker.impact - 1];
          self->cell_n[marker.likelihood - 1][marker.impact - 1]++;
          if (marker.zone < SD_N_ZONES)
            self->zone_n[marker.zone]++;
          total++;
        }

      g_hash_table_insert (self->index_of, risk, GUINT_TO_POINTER (self->markers->len + 1));
      g_array_append_val (self->markers, marker);
      g_ptr_array_add (self->risks, risk);
    }

  /* The cell lists: slices of one array, each sorted by code. */
  markers = (SdHeatmapMarker *) (gpointer) self->markers->data;
  self->cell_indices = g_new (guint, MAX (total, 1));
  {
    guint offset = 0;

    for (int l = 0; l < SD_MATRIX_MAX_SIZE; l++)
      for (int i = 0; i < SD_MATRIX_MAX_SIZE; i++)
        {
          offsets[l][i] = offset;
          offset += self->cell_n[l][i];
        }
  }
  {
    guint fill[SD_MATRIX_MAX_SIZE][SD_MATRIX_MAX_SIZE];

    memcpy (fill, offsets, sizeof fill);
    for (guint m = 0; m < self->markers->len; m++)
      if (markers[m].likelihood > 0)
        self->cell_indices[fill[markers[m].likelihood - 1][markers[m].impact - 1]++] = m;
  }

  for (int l = 0; l < SD_MATRIX_MAX_SIZE; l++)
    for (int i = 0; i < SD_MATRIX_MAX_SIZE; i++)
      {
        guint *slice = self->cell_indices + offsets[l][i];

        if (self->cell_n[l][i] > 1)
          g_qsort_with_data (slice, self->cell_n[l][i], sizeof (guint), compare_markers,
                             markers);
        model->counts[l][i] = self->cell_n[l][i];
        model->cell_markers[l][i] = self->cell_n[l][i] > 0 ? slice : NULL;
      }

  model->markers = markers;
  model->n_markers = self->markers->len;
  return self;
}

void
sd_heatmap_data_free (SdHeatmapData *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->index_of);
  g_free (self->cell_indices);
  g_string_chunk_free (self->codes);
  g_array_unref (self->markers);
  g_ptr_array_unref (self->risks);
  sd_matrix_settings_clear (&self->settings);
  g_free (self);
}

/**
 * sd_heatmap_data_get_model:
 * @self: the data
 *
 * The model to draw, with no selection, hover, expanded cell, drag or
 * arrows: copy it and set those on the copy. Each cell's count is the
 * length of its marker list.
 *
 * Returns: (transfer none): the model, valid while @self is
 */
const SdHeatmapModel *
sd_heatmap_data_get_model (SdHeatmapData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->model;
}

SdRiskLevel
sd_heatmap_data_get_level (SdHeatmapData *self)
{
  g_return_val_if_fail (self != NULL, SD_RISK_LEVEL_INHERENT);

  return self->level;
}

/* Every risk given, on the map or not (a rating not given). */
guint
sd_heatmap_data_get_n_risks (SdHeatmapData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->risks->len;
}

SdRisk *
sd_heatmap_data_get_risk (SdHeatmapData *self,
                          guint          marker)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (marker < self->risks->len, NULL);

  return g_ptr_array_index (self->risks, marker);
}

int
sd_heatmap_data_find_risk (SdHeatmapData *self,
                           SdRisk        *risk)
{
  gpointer value;

  g_return_val_if_fail (self != NULL, -1);

  if (risk == NULL)
    return -1;
  value = g_hash_table_lookup (self->index_of, risk);
  if (value == NULL)
    return -1;
  /* A risk whose rating is not given is listed but not shown. */
  if (g_array_index (self->markers, SdHeatmapMarker, GPOINTER_TO_UINT (value) - 1).likelihood
      == 0)
    return -1;
  return (int) GPOINTER_TO_UINT (value) - 1;
}

const guint *
sd_heatmap_data_get_cell (SdHeatmapData *self,
                          int            likelihood,
                          int            impact,
                          guint         *n_markers)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (likelihood < 1 || impact < 1
      || likelihood > self->model.size || impact > self->model.size)
    {
      if (n_markers != NULL)
        *n_markers = 0;
      return NULL;
    }

  if (n_markers != NULL)
    *n_markers = self->cell_n[likelihood - 1][impact - 1];
  return self->model.cell_markers[likelihood - 1][impact - 1];
}

guint
sd_heatmap_data_count_zone (SdHeatmapData *self,
                            SdZone         zone)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (zone < SD_N_ZONES, 0);

  return self->zone_n[zone];
}
