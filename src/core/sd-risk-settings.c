/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-risk-settings"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-assessment.h"
#include "sd-labels.h"
#include "sd-risk.h"
#include "sd-risk-category.h"
#include "sd-risk-matrix.h"
#include "sd-risk-rating.h"
#include "sd-risk-settings.h"

#define N_LEVELS 3

/* The property names of each level's rating, in SdRiskLevel order. */
static const char * const likelihood_props[N_LEVELS] = {
  "inherent-likelihood", "residual-likelihood", "target-likelihood",
};
static const char * const impact_props[N_LEVELS] = {
  "inherent-impact", "residual-impact", "target-impact",
};

/* A risk's three ratings mapped from @old_size onto @new_size; TRUE if
 * any of them changes. */
static gboolean
map_ratings (SdRisk *risk,
             int     old_size,
             int     new_size,
             int     old_ratings[N_LEVELS][2],
             int     new_ratings[N_LEVELS][2])
{
  gboolean moved = FALSE;

  for (int k = 0; k < N_LEVELS; k++)
    {
      sd_risk_get_rating (risk, k, &old_ratings[k][0], &old_ratings[k][1]);
      for (int a = 0; a < 2; a++)
        {
          new_ratings[k][a] = sd_risk_map_level (old_ratings[k][a], old_size, new_size);
          if (new_ratings[k][a] != old_ratings[k][a])
            moved = TRUE;
        }
    }
  return moved;
}

/**
 * sd_risk_matrix_count_moved:
 * @store: the store
 * @new_size: the size the matrix would get, 3..5
 *
 * Returns: how many risks a change of the matrix to @new_size would
 *   re-rate (0 if it has that size already)
 */
guint
sd_risk_matrix_count_moved (SdStore *store,
                            int      new_size)
{
  GListModel *risks;
  int old_size;
  guint n, n_moved = 0;

  g_return_val_if_fail (SD_IS_STORE (store), 0);
  g_return_val_if_fail (new_size >= 3 && new_size <= SD_MATRIX_MAX_SIZE, 0);

  old_size = sd_store_get_matrix_size (store);
  if (old_size == new_size)
    return 0;

  risks = sd_store_get_items (store, SD_TYPE_RISK);
  n = g_list_model_get_n_items (risks);
  for (guint r = 0; r < n; r++)
    {
      g_autoptr(SdRisk) risk = g_list_model_get_item (risks, r);
      int old_ratings[N_LEVELS][2], new_ratings[N_LEVELS][2];

      if (map_ratings (risk, old_size, new_size, old_ratings, new_ratings))
        n_moved++;
    }
  return n_moved;
}

/* Re-rates @risk onto the new scale and records each rating that changed,
 * its old values on the old matrix and its new ones on the new: so that
 * the history can bring either onto whatever size the matrix has later. */
static gboolean
move_risk (SdStore     *store,
           SdRisk      *risk,
           int          old_size,
           int          new_size,
           int          old_ratings[N_LEVELS][2],
           int          new_ratings[N_LEVELS][2],
           const char  *reason,
           const char  *at,
           GError     **error)
{
  const char *names[N_LEVELS * 2];
  GValue values[N_LEVELS * 2] = { G_VALUE_INIT };
  guint n = 0;
  gboolean ok;

  for (int k = 0; k < N_LEVELS; k++)
    {
      if (new_ratings[k][0] == old_ratings[k][0] && new_ratings[k][1] == old_ratings[k][1])
        continue;
      names[n] = likelihood_props[k];
      g_value_init (&values[n], G_TYPE_INT);
      g_value_set_int (&values[n++], new_ratings[k][0]);
      names[n] = impact_props[k];
      g_value_init (&values[n], G_TYPE_INT);
      g_value_set_int (&values[n++], new_ratings[k][1]);
    }

  ok = sd_store_updatev (store, risk, n, names, values, error);
  for (guint v = 0; v < n; v++)
    g_value_unset (&values[v]);
  if (!ok)
    return FALSE;

  for (int k = 0; k < N_LEVELS && ok; k++)
    {
      if (new_ratings[k][0] == old_ratings[k][0] && new_ratings[k][1] == old_ratings[k][1])
        continue;
      ok = sd_store_insert (store, SD_TYPE_ASSESSMENT, error,
                            "risk-id", sd_item_get_id (SD_ITEM (risk)),
                            "at", at,
                            "level", sd_risk_level_to_code (k),
                            "old-likelihood", old_ratings[k][0],
                            "old-impact", old_ratings[k][1],
                            "new-likelihood", new_ratings[k][0],
                            "new-impact", new_ratings[k][1],
                            "reason", reason,
                            "matrix-size", new_size,
                            "old-matrix-size", old_size,
                            NULL) != NULL;
    }
  return ok;
}

/**
 * sd_risk_matrix_apply:
 * @store: the store
 * @settings: the new matrix settings
 * @n_moved: (out) (optional): how many risks were re-rated
 * @error: return location for an error
 *
 * Writes @settings and, when the size changes, maps every rating onto the
 * new scale, recording each changed rating as an assessment, all in one
 * transaction: either all of it is done, or nothing.
 *
 * The risks are re-rated before the settings are written, so that by the
 * time SdStore::matrix-changed is emitted, every rating is on the new
 * matrix already.
 */
gboolean
sd_risk_matrix_apply (SdStore                *store,
                      const SdMatrixSettings *settings,
                      guint                  *n_moved,
                      GError                **error)
{
  g_autofree char *reason = NULL;
  g_autofree char *at = NULL;
  g_autoptr(GDateTime) now = NULL;
  GListModel *risks;
  int old_size;
  guint n, moved = 0;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_moved != NULL)
    *n_moved = 0;

  if (settings->size < 3 || settings->size > SD_MATRIX_MAX_SIZE)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT,
                   "A risk matrix has 3 to 5 levels, not %d", settings->size);
      return FALSE;
    }

  old_size = sd_store_get_matrix_size (store);
  /* Translators: the reason recorded with every rating that a change of
   * the risk matrix's size mapped onto the new scale, e.g. "Matrix changed
   * from 5×5 to 3×3"; 风险矩阵由 5×5 改为 3×3 */
  reason = g_strdup_printf (_("Matrix changed from %d×%d to %d×%d"),
                            old_size, old_size, settings->size, settings->size);
  now = g_date_time_new_now_utc ();
  at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");

  if (!sd_store_begin (store, error))
    return FALSE;

  risks = sd_store_get_items (store, SD_TYPE_RISK);
  n = old_size != settings->size ? g_list_model_get_n_items (risks) : 0;
  for (guint r = 0; r < n; r++)
    {
      g_autoptr(SdRisk) risk = g_list_model_get_item (risks, r);
      int old_ratings[N_LEVELS][2], new_ratings[N_LEVELS][2];

      if (!map_ratings (risk, old_size, settings->size, old_ratings, new_ratings))
        continue;
      if (!move_risk (store, risk, old_size, settings->size, old_ratings, new_ratings, reason,
                      at, error))
        goto fail;
      moved++;
    }

  if (!sd_store_set_matrix (store, settings, error))
    goto fail;
  /* A failed commit rolls back by itself. */
  if (!sd_store_commit (store, error))
    return FALSE;

  if (n_moved != NULL)
    *n_moved = moved;
  return TRUE;

fail:
  sd_store_rollback (store);
  return FALSE;
}

/* Categories */

/* A code for a new category: the ASCII letters and digits of @name, lower
 * case, the rest as single dashes ("Supply chain" → "supply-chain"); a
 * name without any (a Chinese one) gives "category". Made unique with a
 * number. */
static char *
make_category_code (GListModel *categories,
                    const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  g_autoptr(GString) base = g_string_new (NULL);
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (categories);
  char *code;

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (base, g_ascii_tolower (*p));
      else if (base->len > 0 && base->str[base->len - 1] != '-')
        g_string_append_c (base, '-');
    }
  while (base->len > 0 && base->str[base->len - 1] == '-')
    g_string_truncate (base, base->len - 1);
  if (base->len == 0)
    g_string_assign (base, "category");

  for (guint c = 0; c < n; c++)
    {
      g_autoptr(SdRiskCategory) category = g_list_model_get_item (categories, c);

      /* Borrowed: the store's items outlive this call. */
      g_hash_table_add (taken, (gpointer) sd_risk_category_get_code (category));
    }

  code = g_strdup (base->str);
  for (guint k = 2; g_hash_table_contains (taken, code); k++)
    {
      g_free (code);
      code = g_strdup_printf ("%s-%u", base->str, k);
    }
  return code;
}

/**
 * sd_risk_category_add:
 * @store: the store
 * @name: the new category's name
 * @error: return location for an error
 *
 * Returns: (transfer none) (type SdRiskCategory): the new category, or
 *   NULL on error
 */
gpointer
sd_risk_category_add (SdStore     *store,
                      const char  *name,
                      GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *code = NULL;
  GListModel *categories;
  int position = 0;
  guint n;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stripped = g_strstrip (g_strdup (name));
  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT,
                           /* Translators: 风险类别需要名称 */
                           _("A risk category needs a name"));
      return NULL;
    }
  folded = g_utf8_casefold (stripped, -1);

  categories = sd_store_get_items (store, SD_TYPE_RISK_CATEGORY);
  n = g_list_model_get_n_items (categories);
  for (guint c = 0; c < n; c++)
    {
      g_autoptr(SdRiskCategory) category = g_list_model_get_item (categories, c);
      const char *label = sd_risk_category_label (sd_risk_category_get_code (category),
                                                  sd_risk_category_get_name (category));
      g_autofree char *other = g_utf8_casefold (label, -1);

      /* The label is what the user sees: a built-in category's translated
       * name, or the name given. */
      if (g_strcmp0 (folded, other) == 0)
        {
          g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT,
                       /* Translators: 已有名为“%s”的风险类别 */
                       _("There is a risk category named “%s” already"), label);
          return NULL;
        }
      position = MAX (position, sd_risk_category_get_position (category));
    }

  code = make_category_code (categories, stripped);
  return sd_store_insert (store, SD_TYPE_RISK_CATEGORY, error,
                          "code", code,
                          "name", stripped,
                          "position", position + 1,
                          NULL);
}
