/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-risk-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-risk-history.h"
#include "sd-risk-matrix.h"

#define N_LEVELS 3

static const char * const likelihood_props[N_LEVELS] = {
  "inherent-likelihood", "residual-likelihood", "target-likelihood",
};
static const char * const impact_props[N_LEVELS] = {
  "inherent-impact", "residual-impact", "target-impact",
};

/* Times */

/* The store's form of a time, as the audit log writes it: UTC with
 * microseconds, so that the strings sort as the times they name. */
static char *
format_at (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static gint64
time_to_usec (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

typedef struct
{
  char   *at;
  gint64  usec;
} ParsedTime;

static void
parsed_time_free (gpointer data)
{
  ParsedTime *parsed = data;

  g_free (parsed->at);
  g_free (parsed);
}

/* When @assessment happened, in microseconds since the epoch; G_MININT64
 * (before anything) if its time cannot be read. Parsing is the costly
 * part of building the index, and an assessment's time does not change,
 * so the result stays with the assessment. */
static gint64
assessment_time (SdAssessment *assessment)
{
  static GQuark quark;
  const char *at = sd_assessment_get_at (assessment);
  ParsedTime *parsed;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("sd-risk-history-time");

  parsed = g_object_get_qdata (G_OBJECT (assessment), quark);
  if (parsed == NULL || g_strcmp0 (parsed->at, at) != 0)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) time = at != NULL ? g_date_time_new_from_iso8601 (at, utc) : NULL;

      parsed = g_new0 (ParsedTime, 1);
      parsed->at = g_strdup (at);
      parsed->usec = time != NULL ? time_to_usec (time) : G_MININT64;
      g_object_set_qdata_full (G_OBJECT (assessment), quark, parsed, parsed_time_free);
    }
  return parsed->usec;
}

/* Re-rating */

static gboolean
level_is_valid (SdRiskLevel level)
{
  return level >= SD_RISK_LEVEL_INHERENT && level <= SD_RISK_LEVEL_TARGET;
}

static gboolean
update_rating (SdStore      *store,
               SdRisk       *risk,
               SdRiskLevel   level,
               int           likelihood,
               int           impact,
               GError      **error)
{
  return sd_store_update (store, risk, error,
                          likelihood_props[level], likelihood,
                          impact_props[level], impact,
                          NULL);
}

/**
 * sd_risk_rerate:
 *
 * See sd-risk-history.h. Only the two columns of @level change; the
 * assessment's time is now, in the audit log's form.
 */
SdAssessment *
sd_risk_rerate (SdStore      *store,
                SdRisk       *risk,
                SdRiskLevel   level,
                int           likelihood,
                int           impact,
                const char   *reason,
                const char   *workshop,
                GError      **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *at = NULL;
  SdAssessment *assessment;
  int size, old_likelihood, old_impact;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_RISK (risk), NULL);
  g_return_val_if_fail (level_is_valid (level), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  size = sd_store_get_matrix_size (store);
  if (likelihood < 1 || likelihood > size || impact < 1 || impact > size)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT,
                   /* Translators: 评级须在 1 到 %d 之间 */
                   _("A rating runs from 1 to %d"), size);
      return NULL;
    }
  if (sd_store_lookup (store, SD_TYPE_RISK, sd_item_get_id (SD_ITEM (risk))) != risk)
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                           /* Translators: 该风险已被删除 */
                           _("The risk has been deleted"));
      return NULL;
    }

  sd_risk_get_rating (risk, level, &old_likelihood, &old_impact);
  if (old_likelihood == likelihood && old_impact == impact)
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT,
                           /* Translators: 该风险已在此格中 */
                           _("The risk is in this cell already"));
      return NULL;
    }

  if (reason != NULL && reason[0] == '\0')
    reason = NULL;
  if (workshop != NULL && workshop[0] == '\0')
    workshop = NULL;
  now = g_date_time_new_now_utc ();
  at = format_at (now);

  if (!sd_store_begin (store, error))
    return NULL;
  if (!update_rating (store, risk, level, likelihood, impact, error))
    goto fail;
  assessment = sd_store_insert (store, SD_TYPE_ASSESSMENT, error,
                                "risk-id", sd_item_get_id (SD_ITEM (risk)),
                                "at", at,
                                "level", sd_risk_level_to_code (level),
                                "old-likelihood", old_likelihood,
                                "old-impact", old_impact,
                                "new-likelihood", likelihood,
                                "new-impact", impact,
                                "reason", reason,
                                "workshop", workshop,
                                "matrix-size", size,
                                "old-matrix-size", size,
                                NULL);
  if (assessment == NULL)
    goto fail;
  /* A failed commit rolls back by itself. */
  if (!sd_store_commit (store, error))
    return NULL;
  return assessment;

fail:
  sd_store_rollback (store);
  return NULL;
}

/* Whether a later assessment of the same rating of the same risk exists:
 * then undoing @assessment would throw that one's change away. */
static gboolean
has_later_assessment (SdStore      *store,
                      SdAssessment *assessment)
{
  GListModel *assessments = sd_store_get_items (store, SD_TYPE_ASSESSMENT);
  gint64 risk_id = sd_assessment_get_risk_id (assessment);
  const char *level = sd_assessment_get_level (assessment);
  gint64 id = sd_item_get_id (SD_ITEM (assessment));
  gint64 time = assessment_time (assessment);
  guint n = g_list_model_get_n_items (assessments);

  for (guint a = 0; a < n; a++)
    {
      g_autoptr(SdAssessment) other = g_list_model_get_item (assessments, a);
      gint64 other_time;

      if (other == assessment || sd_assessment_get_risk_id (other) != risk_id ||
          g_strcmp0 (sd_assessment_get_level (other), level) != 0)
        continue;
      other_time = assessment_time (other);
      if (other_time > time || (other_time == time && sd_item_get_id (SD_ITEM (other)) > id))
        return TRUE;
    }
  return FALSE;
}

gboolean
sd_risk_undo_rerate (SdStore      *store,
                     SdAssessment *assessment,
                     GError      **error)
{
  SdRisk *risk;
  SdRiskLevel level;
  int likelihood, impact, old_likelihood, old_impact, size;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (SD_IS_ASSESSMENT (assessment), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (sd_store_lookup (store, SD_TYPE_ASSESSMENT,
                       sd_item_get_id (SD_ITEM (assessment))) != assessment ||
      !sd_risk_level_from_code (sd_assessment_get_level (assessment), &level))
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                           /* Translators: 该评估记录已不存在 */
                           _("The assessment no longer exists"));
      return FALSE;
    }
  risk = sd_store_lookup (store, SD_TYPE_RISK, sd_assessment_get_risk_id (assessment));
  if (risk == NULL)
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                           _("The risk has been deleted"));
      return FALSE;
    }

  sd_risk_get_rating (risk, level, &likelihood, &impact);
  old_likelihood = sd_assessment_get_old_likelihood (assessment);
  old_impact = sd_assessment_get_old_impact (assessment);
  size = sd_store_get_matrix_size (store);
  /* Equal numbers on another scale are another rating: the matrix was
   * resized since, without moving this risk. */
  if (sd_assessment_get_matrix_size (assessment) != size)
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT,
                           _("The risk has been re-rated since"));
      return FALSE;
    }
  if (likelihood != sd_assessment_get_new_likelihood (assessment) ||
      impact != sd_assessment_get_new_impact (assessment) ||
      has_later_assessment (store, assessment))
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT,
                           /* Translators: 此后该风险已被重新评级 */
                           _("The risk has been re-rated since"));
      return FALSE;
    }
  /* No rating before (a first assessment), or one on a matrix of another
   * size (the assessment of a change of the matrix's size): there is
   * nothing on this matrix to go back to. */
  if (sd_assessment_get_old_matrix_size (assessment) != size ||
      old_likelihood < 1 || old_likelihood > size || old_impact < 1 || old_impact > size)
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT,
                           /* Translators: 无法撤销此次评级 */
                           _("This re-rating cannot be undone"));
      return FALSE;
    }

  if (!sd_store_begin (store, error))
    return FALSE;
  if (!update_rating (store, risk, level, old_likelihood, old_impact, error) ||
      !sd_store_delete (store, assessment, error))
    {
      sd_store_rollback (store);
      return FALSE;
    }
  return sd_store_commit (store, error);
}

/* The index */

typedef struct
{
  SdAssessment *assessment;  /* borrowed from the bucket's items */
  gint64        usec;
} Entry;

typedef struct
{
  gint64     risk_id;
  GPtrArray *items;    /* SdAssessment, oldest first */
  GArray    *entries;  /* Entry, in the same order */
} Bucket;

struct _SdRiskHistory
{
  GObject       parent_instance;

  SdStore      *store;
  GListModel   *assessments;
  gulong        items_changed_id;
  gulong        matrix_changed_id;
  int           matrix_size;
  GMainContext *context;
  GSource      *changed_source;

  GHashTable   *buckets;  /* &risk_id → Bucket */
  gboolean      dirty;
  GPtrArray    *empty;
};

G_DEFINE_FINAL_TYPE (SdRiskHistory, sd_risk_history, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
bucket_free (gpointer data)
{
  Bucket *bucket = data;

  g_ptr_array_unref (bucket->items);
  g_array_unref (bucket->entries);
  g_free (bucket);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a;
  const Entry *eb = b;
  gint64 ia, ib;

  if (ea->usec != eb->usec)
    return ea->usec < eb->usec ? -1 : 1;
  /* The same microsecond: the order they were written in. */
  ia = sd_item_get_id (SD_ITEM (ea->assessment));
  ib = sd_item_get_id (SD_ITEM (eb->assessment));
  return ia < ib ? -1 : ia > ib;
}

static void
rebuild (SdRiskHistory *self)
{
  guint n = g_list_model_get_n_items (self->assessments);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_remove_all (self->buckets);
  for (guint a = 0; a < n; a++)
    {
      g_autoptr(SdAssessment) assessment = g_list_model_get_item (self->assessments, a);
      gint64 risk_id = sd_assessment_get_risk_id (assessment);
      Bucket *bucket = g_hash_table_lookup (self->buckets, &risk_id);
      Entry entry = { assessment, assessment_time (assessment) };

      if (bucket == NULL)
        {
          bucket = g_new0 (Bucket, 1);
          bucket->risk_id = risk_id;
          bucket->items = g_ptr_array_new_with_free_func (g_object_unref);
          bucket->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
          g_hash_table_insert (self->buckets, &bucket->risk_id, bucket);
        }
      g_array_append_val (bucket->entries, entry);
    }

  g_hash_table_iter_init (&iter, self->buckets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Bucket *bucket = value;

      g_array_sort (bucket->entries, compare_entries);
      for (guint e = 0; e < bucket->entries->len; e++)
        g_ptr_array_add (bucket->items,
                         g_object_ref (g_array_index (bucket->entries, Entry, e).assessment));
    }
  self->dirty = FALSE;
}

static Bucket *
lookup_bucket (SdRiskHistory *self,
               gint64         risk_id)
{
  if (self->dirty)
    rebuild (self);
  return g_hash_table_lookup (self->buckets, &risk_id);
}

static gboolean
emit_changed_cb (gpointer user_data)
{
  SdRiskHistory *self = user_data;

  g_clear_pointer (&self->changed_source, g_source_unref);
  g_signal_emit (self, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
queue_changed (SdRiskHistory *self)
{
  if (self->changed_source != NULL)
    return;

  self->changed_source = g_idle_source_new ();
  g_source_set_priority (self->changed_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (self->changed_source, emit_changed_cb, self, NULL);
  g_source_set_static_name (self->changed_source, "[sd-risk-history] changed");
  g_source_attach (self->changed_source, self->context);
}

/* A change of the risks' matrix rewrites thousands of ratings in one go:
 * the index is marked stale at once, but "changed" goes out once, from the
 * main loop, so that listeners redo their work once and not per row. */
static void
assessments_changed_cb (GListModel    *model,
                        guint          position,
                        guint          removed,
                        guint          added,
                        SdRiskHistory *self)
{
  self->dirty = TRUE;
  queue_changed (self);
}

/* Past ratings are told on the matrix's current scale: a new size changes
 * them, also for the risks that the change did not move (and so gave no
 * new assessment). The index itself holds the stored values and stays. */
static void
matrix_changed_cb (SdStore       *store,
                   SdRiskHistory *self)
{
  int size = sd_store_get_matrix_size (store);

  if (size == self->matrix_size)
    return;
  self->matrix_size = size;
  queue_changed (self);
}

static void
sd_risk_history_dispose (GObject *object)
{
  SdRiskHistory *self = SD_RISK_HISTORY (object);

  if (self->changed_source != NULL)
    {
      g_source_destroy (self->changed_source);
      g_clear_pointer (&self->changed_source, g_source_unref);
    }
  g_clear_signal_handler (&self->items_changed_id, self->assessments);
  g_clear_signal_handler (&self->matrix_changed_id, self->store);
  g_clear_object (&self->assessments);
  g_clear_object (&self->store);
  g_hash_table_remove_all (self->buckets);

  G_OBJECT_CLASS (sd_risk_history_parent_class)->dispose (object);
}

static void
sd_risk_history_finalize (GObject *object)
{
  SdRiskHistory *self = SD_RISK_HISTORY (object);

  g_hash_table_unref (self->buckets);
  g_ptr_array_unref (self->empty);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (sd_risk_history_parent_class)->finalize (object);
}

static void
sd_risk_history_class_init (SdRiskHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sd_risk_history_dispose;
  object_class->finalize = sd_risk_history_finalize;

  /* The assessments or the matrix's size changed: what
   * sd_risk_history_get(), _rating_at() and _trend() tell may have changed. Emitted once per turn of the main
   * loop, however many rows changed; the index itself is up to date at
   * once. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sd_risk_history_init (SdRiskHistory *self)
{
  self->buckets = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, bucket_free);
  self->empty = g_ptr_array_new ();
  self->context = g_main_context_ref_thread_default ();
  self->dirty = TRUE;
}

SdRiskHistory *
sd_risk_history_new (SdStore *store)
{
  SdRiskHistory *self;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  self = g_object_new (SD_TYPE_RISK_HISTORY, NULL);
  self->store = g_object_ref (store);
  self->assessments = g_object_ref (sd_store_get_items (store, SD_TYPE_ASSESSMENT));
  self->items_changed_id = g_signal_connect (self->assessments, "items-changed",
                                             G_CALLBACK (assessments_changed_cb), self);
  self->matrix_size = sd_store_get_matrix_size (store);
  self->matrix_changed_id = g_signal_connect (store, "matrix-changed",
                                              G_CALLBACK (matrix_changed_cb), self);
  return self;
}

GPtrArray *
sd_risk_history_get (SdRiskHistory *self,
                     gint64         risk_id)
{
  Bucket *bucket;

  g_return_val_if_fail (SD_IS_RISK_HISTORY (self), NULL);

  bucket = lookup_bucket (self, risk_id);
  return bucket != NULL ? bucket->items : self->empty;
}

/* Whether @assessment is the one a change of the matrix's size records:
 * the same rating, mapped onto the new scale, not a judgement of anyone's. */
static gboolean
is_rescale (SdAssessment *assessment)
{
  return sd_assessment_get_old_matrix_size (assessment) !=
         sd_assessment_get_matrix_size (assessment);
}

void
sd_risk_history_rating_at (SdRiskHistory *self,
                           SdRisk        *risk,
                           SdRiskLevel    level,
                           GDateTime     *when,
                           int           *likelihood,
                           int           *impact)
{
  const char *code;
  Bucket *bucket;
  gint64 usec;
  gboolean rerated = FALSE;
  int then_likelihood = 0, then_impact = 0, then_size = 0;

  g_return_if_fail (SD_IS_RISK_HISTORY (self));
  g_return_if_fail (SD_IS_RISK (risk));
  g_return_if_fail (level_is_valid (level));
  g_return_if_fail (when != NULL);
  g_return_if_fail (likelihood != NULL && impact != NULL);

  sd_risk_get_rating (risk, level, likelihood, impact);

  bucket = lookup_bucket (self, sd_item_get_id (SD_ITEM (risk)));
  if (bucket == NULL)
    return;

  code = sd_risk_level_to_code (level);
  usec = time_to_usec (when);
  for (guint e = 0; e < bucket->entries->len; e++)
    {
      SdAssessment *assessment = g_array_index (bucket->entries, Entry, e).assessment;
      int old_size, new_size;

      if (g_array_index (bucket->entries, Entry, e).usec <= usec ||
          g_strcmp0 (sd_assessment_get_level (assessment), code) != 0)
        continue;

      old_size = sd_assessment_get_old_matrix_size (assessment);
      new_size = sd_assessment_get_matrix_size (assessment);
      if (!rerated)
        {
          /* Changes of the matrix's size only carried the rating of @when
           * over to the new scales, and the current rating is where that
           * ends, exactly as the store mapped it. */
          if (is_rescale (assessment))
            continue;

          /* The first re-rating after @when: before it, the rating was
           * its old one, on the scale of the time. A first rating has
           * none: the risk was not rated at @when, and its first rating
           * is the best there is to compare with. */
          rerated = TRUE;
          then_likelihood = sd_assessment_get_old_likelihood (assessment);
          then_impact = sd_assessment_get_old_impact (assessment);
          then_size = old_size;
          if (then_likelihood <= 0 || then_impact <= 0)
            {
              then_likelihood = sd_assessment_get_new_likelihood (assessment);
              then_impact = sd_assessment_get_new_impact (assessment);
              then_size = new_size;
            }
          continue;
        }

      /* The changes of the matrix's size since, applied to that rating as
       * they were applied to the risk's own: a size that changed without
       * an assessment (the risk's rating stayed the same numbers) is
       * mapped directly. */
      if (then_size != old_size)
        {
          then_likelihood = sd_risk_map_level (then_likelihood, then_size, old_size);
          then_impact = sd_risk_map_level (then_impact, then_size, old_size);
        }
      then_likelihood = sd_risk_map_level (then_likelihood, old_size, new_size);
      then_impact = sd_risk_map_level (then_impact, old_size, new_size);
      then_size = new_size;
    }

  if (rerated)
    {
      int size = sd_store_get_matrix_size (self->store);

      *likelihood = sd_risk_map_level (then_likelihood, then_size, size);
      *impact = sd_risk_map_level (then_impact, then_size, size);
    }
}

/* The first day of the calendar quarter before the one of @today, at
 * midnight in @today's time zone. */
static GDateTime *
previous_quarter_start (GDateTime *today)
{
  int year = g_date_time_get_year (today);
  int month = (g_date_time_get_month (today) - 1) / 3 * 3 + 1 - 3;

  if (month < 1)
    {
      month += 12;
      year--;
    }
  return g_date_time_new (g_date_time_get_timezone (today), year, month, 1, 0, 0, 0);
}

SdRiskTrend
sd_risk_history_trend (SdRiskHistory *self,
                       SdRisk        *risk,
                       SdRiskLevel    level,
                       GDateTime     *today,
                       int           *old_score)
{
  g_autoptr(GDateTime) since = NULL;
  int likelihood, impact, then, now;

  if (old_score != NULL)
    *old_score = 0;
  g_return_val_if_fail (SD_IS_RISK_HISTORY (self), SD_RISK_TREND_SAME);
  g_return_val_if_fail (SD_IS_RISK (risk), SD_RISK_TREND_SAME);
  g_return_val_if_fail (level_is_valid (level), SD_RISK_TREND_SAME);
  g_return_val_if_fail (today != NULL, SD_RISK_TREND_SAME);

  since = previous_quarter_start (today);
  sd_risk_history_rating_at (self, risk, level, since, &likelihood, &impact);
  then = likelihood * impact;
  sd_risk_get_rating (risk, level, &likelihood, &impact);
  now = likelihood * impact;

  if (old_score != NULL)
    *old_score = then;
  if (now > then)
    return SD_RISK_TREND_UP;
  if (now < then)
    return SD_RISK_TREND_DOWN;
  return SD_RISK_TREND_SAME;
}
