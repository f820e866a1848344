/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include <sqlite3.h>

#include "sd-assessment.h"
#include "sd-matrix-settings.h"
#include "sd-risk.h"
#include "sd-risk-category.h"
#include "sd-risk-filter.h"
#include "sd-risk-history.h"
#include "sd-risk-matrix.h"
#include "sd-risk-rating.h"
#include "sd-risk-settings.h"
#include "sd-store.h"
#include "sd-store-schema.h"
#include "sd-unit.h"

typedef struct
{
  char    *dir;
  char    *path;
  SdStore *store;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sd-test-risk-history-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = sd_store_open (fixture->path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  d = g_dir_open (fixture->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Helpers */

static SdRisk *
add_risk (SdStore    *store,
          const char *code,
          const char *title,
          int         inherent_l,
          int         inherent_i,
          int         residual_l,
          int         residual_i)
{
  g_autoptr(GError) error = NULL;
  SdRisk *risk;

  risk = sd_store_insert (store, SD_TYPE_RISK, &error,
                          "code", code,
                          "title", title,
                          "inherent-likelihood", inherent_l,
                          "inherent-impact", inherent_i,
                          "residual-likelihood", residual_l,
                          "residual-impact", residual_i,
                          "target-likelihood", 1,
                          "target-impact", 1,
                          NULL);
  g_assert_no_error (error);
  g_assert_nonnull (risk);
  return risk;
}

/* An assessment at a time the test chooses, as if made then. */
static SdAssessment *
add_assessment (SdStore    *store,
                SdRisk     *risk,
                const char *at,
                const char *level,
                int         old_l,
                int         old_i,
                int         new_l,
                int         new_i)
{
  g_autoptr(GError) error = NULL;
  SdAssessment *assessment;

  assessment = sd_store_insert (store, SD_TYPE_ASSESSMENT, &error,
                                "risk-id", sd_item_get_id (SD_ITEM (risk)),
                                "at", at,
                                "level", level,
                                "old-likelihood", old_l,
                                "old-impact", old_i,
                                "new-likelihood", new_l,
                                "new-impact", new_i,
                                NULL);
  g_assert_no_error (error);
  g_assert_nonnull (assessment);
  return assessment;
}

static guint
count_assessments (SdStore *store)
{
  return g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_ASSESSMENT));
}

static GDateTime *
parse_time (const char *iso)
{
  GDateTime *time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  return time;
}

static void
assert_rating (SdRisk      *risk,
               SdRiskLevel  level,
               int          likelihood,
               int          impact)
{
  int l, i;

  sd_risk_get_rating (risk, level, &l, &i);
  g_assert_cmpint (l, ==, likelihood);
  g_assert_cmpint (i, ==, impact);
}

/* Re-rating */

static void
test_rerate (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) at = NULL;
  SdRisk *risk = add_risk (fixture->store, "R-01", "数据泄露", 2, 3, 2, 2);
  SdAssessment *assessment;
  SdAuditEntry *entry;

  assessment = sd_risk_rerate (fixture->store, risk, SD_RISK_LEVEL_INHERENT, 4, 5,
                               "演练中发现", "2026 年第一季度研讨会", &error);
  g_assert_no_error (error);
  g_assert_nonnull (assessment);

  /* Exactly one assessment, and it says what happened. */
  g_assert_cmpuint (count_assessments (fixture->store), ==, 1);
  g_assert_cmpint (sd_assessment_get_risk_id (assessment), ==, sd_item_get_id (SD_ITEM (risk)));
  g_assert_cmpstr (sd_assessment_get_level (assessment), ==, "inherent");
  g_assert_cmpint (sd_assessment_get_old_likelihood (assessment), ==, 2);
  g_assert_cmpint (sd_assessment_get_old_impact (assessment), ==, 3);
  g_assert_cmpint (sd_assessment_get_new_likelihood (assessment), ==, 4);
  g_assert_cmpint (sd_assessment_get_new_impact (assessment), ==, 5);
  g_assert_cmpstr (sd_assessment_get_reason (assessment), ==, "演练中发现");
  g_assert_cmpstr (sd_assessment_get_workshop (assessment), ==, "2026 年第一季度研讨会");
  /* In the audit log's form: UTC, microseconds, "Z". */
  g_assert_true (g_str_has_suffix (sd_assessment_get_at (assessment), "Z"));
  g_assert_cmpuint (strlen (sd_assessment_get_at (assessment)), ==,
                    strlen ("2026-01-01T00:00:00.000000Z"));
  at = parse_time (sd_assessment_get_at (assessment));
  g_assert_cmpint (g_date_time_compare (at, before), >=, 0);

  /* Only the inherent rating changed. */
  assert_rating (risk, SD_RISK_LEVEL_INHERENT, 4, 5);
  assert_rating (risk, SD_RISK_LEVEL_RESIDUAL, 2, 2);
  assert_rating (risk, SD_RISK_LEVEL_TARGET, 1, 1);
  entries = sd_store_get_audit_entries (fixture->store, "risks",
                                        sd_item_get_id (SD_ITEM (risk)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (entry->action, ==, "update");
  g_assert_cmpstr (entry->after, ==, "{\"inherent_likelihood\":4,\"inherent_impact\":5}");

  /* Empty texts are no texts. */
  assessment = sd_risk_rerate (fixture->store, risk, SD_RISK_LEVEL_RESIDUAL, 1, 2, "", "",
                               &error);
  g_assert_no_error (error);
  g_assert_null (sd_assessment_get_reason (assessment));
  g_assert_null (sd_assessment_get_workshop (assessment));
  g_assert_cmpstr (sd_assessment_get_level (assessment), ==, "residual");
  assert_rating (risk, SD_RISK_LEVEL_INHERENT, 4, 5);
  assert_rating (risk, SD_RISK_LEVEL_RESIDUAL, 1, 2);
  g_assert_cmpuint (count_assessments (fixture->store), ==, 2);
}

static void
test_rerate_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SdRisk *risk = add_risk (fixture->store, "R-01", "数据泄露", 2, 3, 2, 2);

  /* To the cell it is in. */
  g_assert_null (sd_risk_rerate (fixture->store, risk, SD_RISK_LEVEL_INHERENT, 2, 3,
                                 "无变化", NULL, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Off the matrix. */
  g_assert_null (sd_risk_rerate (fixture->store, risk, SD_RISK_LEVEL_INHERENT, 6, 1,
                                 NULL, NULL, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_cmpuint (count_assessments (fixture->store), ==, 0);
  assert_rating (risk, SD_RISK_LEVEL_INHERENT, 2, 3);
}

static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SdRisk *risk = add_risk (fixture->store, "R-01", "数据泄露", 2, 3, 2, 2);
  SdAssessment *first, *second;
  gint64 first_id;

  first = sd_risk_rerate (fixture->store, risk, SD_RISK_LEVEL_RESIDUAL, 3, 3, "一", "研讨会",
                          &error);
  g_assert_no_error (error);
  first_id = sd_item_get_id (SD_ITEM (first));

  /* Undone: the rating is back and the assessment is gone. */
  g_assert_true (sd_risk_undo_rerate (fixture->store, first, &error));
  g_assert_no_error (error);
  assert_rating (risk, SD_RISK_LEVEL_RESIDUAL, 2, 2);
  assert_rating (risk, SD_RISK_LEVEL_INHERENT, 2, 3);
  g_assert_cmpuint (count_assessments (fixture->store), ==, 0);
  g_assert_null (sd_store_lookup (fixture->store, SD_TYPE_ASSESSMENT, first_id));

  /* Two re-ratings: the first cannot be undone before the second. */
  first = sd_risk_rerate (fixture->store, risk, SD_RISK_LEVEL_RESIDUAL, 3, 3, "一", NULL,
                          &error);
  g_assert_no_error (error);
  second = sd_risk_rerate (fixture->store, risk, SD_RISK_LEVEL_RESIDUAL, 4, 4, "二", NULL,
                           &error);
  g_assert_no_error (error);
  g_assert_false (sd_risk_undo_rerate (fixture->store, first, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  assert_rating (risk, SD_RISK_LEVEL_RESIDUAL, 4, 4);
  g_assert_cmpuint (count_assessments (fixture->store), ==, 2);

  /* Back to the first's cell by hand: still not the first's to undo. */
  second = sd_risk_rerate (fixture->store, risk, SD_RISK_LEVEL_RESIDUAL, 3, 3, "三", NULL,
                           &error);
  g_assert_no_error (error);
  g_assert_false (sd_risk_undo_rerate (fixture->store, first, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Last first, then the one before. */
  g_assert_true (sd_risk_undo_rerate (fixture->store, second, &error));
  g_assert_no_error (error);
  assert_rating (risk, SD_RISK_LEVEL_RESIDUAL, 4, 4);
  g_assert_cmpuint (count_assessments (fixture->store), ==, 2);

  /* An assessment undone already is gone. */
  {
    GListModel *assessments = sd_store_get_items (fixture->store, SD_TYPE_ASSESSMENT);
    g_autoptr(SdAssessment) last = g_list_model_get_item (assessments, 1);

    g_assert_true (sd_risk_undo_rerate (fixture->store, last, &error));
    g_assert_no_error (error);
    assert_rating (risk, SD_RISK_LEVEL_RESIDUAL, 3, 3);
    g_assert_false (sd_risk_undo_rerate (fixture->store, last, &error));
    g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  g_assert_true (sd_risk_undo_rerate (fixture->store, first, &error));
  g_assert_no_error (error);
  assert_rating (risk, SD_RISK_LEVEL_RESIDUAL, 2, 2);
  g_assert_cmpuint (count_assessments (fixture->store), ==, 0);

  /* A rating changed by hand since is not the assessment's any more. */
  first = sd_risk_rerate (fixture->store, risk, SD_RISK_LEVEL_TARGET, 2, 2, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sd_store_update (fixture->store, risk, &error, "target-likelihood", 3, NULL));
  g_assert_false (sd_risk_undo_rerate (fixture->store, first, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  assert_rating (risk, SD_RISK_LEVEL_TARGET, 3, 2);
}

/* History */

/* R-01's inherent rating went 1,1 → 2,2 → 3,2 → 3,3 → 4,4, with changes on
 * both sides of the start of Q3 2025; its residual one 2,2 → 1,1 in Q3.
 * The assessments are added out of order: the index orders them by time. */
static SdRisk *
add_history (SdStore *store)
{
  SdRisk *risk = add_risk (store, "R-01", "数据泄露", 4, 4, 1, 1);

  add_assessment (store, risk, "2025-11-01T00:00:00.000000Z", "inherent", 3, 3, 4, 4);
  add_assessment (store, risk, "2025-03-01T10:00:00.000000Z", "inherent", 1, 1, 2, 2);
  add_assessment (store, risk, "2025-07-01T00:00:00.000001Z", "inherent", 3, 2, 3, 3);
  add_assessment (store, risk, "2025-06-30T23:59:59.999999Z", "inherent", 2, 2, 3, 2);
  add_assessment (store, risk, "2025-08-01T09:30:00.000000Z", "residual", 2, 2, 1, 1);
  return risk;
}

static void
assert_rating_at (SdRiskHistory *history,
                  SdRisk        *risk,
                  SdRiskLevel    level,
                  const char    *when,
                  int            likelihood,
                  int            impact)
{
  g_autoptr(GDateTime) time = parse_time (when);
  int l = 0, i = 0;

  sd_risk_history_rating_at (history, risk, level, time, &l, &i);
  if (l != likelihood || i != impact)
    g_error ("%s at %s: (%d, %d), expected (%d, %d)", sd_risk_level_to_code (level), when,
             l, i, likelihood, impact);
}

static void
assert_trend (SdRiskHistory *history,
              SdRisk        *risk,
              SdRiskLevel    level,
              const char    *today,
              SdRiskTrend    trend,
              int            score)
{
  g_autoptr(GDateTime) time = parse_time (today);
  int old_score = -1;
  SdRiskTrend result;

  result = sd_risk_history_trend (history, risk, level, time, &old_score);
  if (result != trend || old_score != score)
    g_error ("%s on %s: trend %d from %d, expected %d from %d", sd_risk_level_to_code (level),
             today, result, old_score, trend, score);
}

static void
test_history_get (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(SdRiskHistory) history = sd_risk_history_new (fixture->store);
  SdRisk *risk = add_history (fixture->store);
  SdRisk *other = add_risk (fixture->store, "R-02", "其他", 1, 1, 1, 1);
  GPtrArray *items;
  const char *previous = "";

  items = sd_risk_history_get (history, sd_item_get_id (SD_ITEM (risk)));
  g_assert_cmpuint (items->len, ==, 5);
  for (guint a = 0; a < items->len; a++)
    {
      const char *at = sd_assessment_get_at (g_ptr_array_index (items, a));

      g_assert_cmpstr (previous, <, at);
      previous = at;
    }
  g_assert_cmpuint (sd_risk_history_get (history, sd_item_get_id (SD_ITEM (other)))->len, ==, 0);
  g_assert_cmpuint (sd_risk_history_get (history, 12345)->len, ==, 0);
}

static void
test_rating_at (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SdRiskHistory) history = sd_risk_history_new (fixture->store);
  SdRisk *risk = add_history (fixture->store);

  assert_rating_at (history, risk, SD_RISK_LEVEL_INHERENT, "2025-01-01T00:00:00Z", 1, 1);
  assert_rating_at (history, risk, SD_RISK_LEVEL_INHERENT, "2025-03-01T10:00:00Z", 2, 2);
  assert_rating_at (history, risk, SD_RISK_LEVEL_INHERENT, "2025-06-30T12:00:00Z", 2, 2);
  /* Both sides of midnight at the start of Q3. */
  assert_rating_at (history, risk, SD_RISK_LEVEL_INHERENT, "2025-06-30T23:59:59.999998Z", 2, 2);
  assert_rating_at (history, risk, SD_RISK_LEVEL_INHERENT, "2025-07-01T00:00:00Z", 3, 2);
  assert_rating_at (history, risk, SD_RISK_LEVEL_INHERENT, "2025-07-01T00:00:00.000001Z", 3, 3);
  assert_rating_at (history, risk, SD_RISK_LEVEL_INHERENT, "2025-10-31T23:00:00Z", 3, 3);
  /* After the last change: the current rating. */
  assert_rating_at (history, risk, SD_RISK_LEVEL_INHERENT, "2025-12-01T00:00:00Z", 4, 4);
  /* Another level has a history of its own. */
  assert_rating_at (history, risk, SD_RISK_LEVEL_RESIDUAL, "2025-07-01T00:00:00Z", 2, 2);
  assert_rating_at (history, risk, SD_RISK_LEVEL_RESIDUAL, "2025-09-01T00:00:00Z", 1, 1);
  assert_rating_at (history, risk, SD_RISK_LEVEL_TARGET, "2024-01-01T00:00:00Z", 1, 1);
}

static void
test_trend (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(SdRiskHistory) history = sd_risk_history_new (fixture->store);
  SdRisk *risk = add_history (fixture->store);

  /* Any day of Q4 looks back to 1 July: inherent 3×2 then, 4×4 now. */
  assert_trend (history, risk, SD_RISK_LEVEL_INHERENT, "2025-10-01T00:00:00Z",
                SD_RISK_TREND_UP, 6);
  assert_trend (history, risk, SD_RISK_LEVEL_INHERENT, "2025-12-31T23:59:59Z",
                SD_RISK_TREND_UP, 6);
  /* Q3 looks back to 1 April. */
  assert_trend (history, risk, SD_RISK_LEVEL_INHERENT, "2025-09-30T23:59:59Z",
                SD_RISK_TREND_UP, 4);
  /* Q1 looks back to 1 October of the year before. */
  assert_trend (history, risk, SD_RISK_LEVEL_INHERENT, "2026-01-01T00:00:00Z",
                SD_RISK_TREND_UP, 9);
  assert_trend (history, risk, SD_RISK_LEVEL_INHERENT, "2025-02-10T00:00:00Z",
                SD_RISK_TREND_UP, 1);
  /* Nothing changed since 1 January 2026. */
  assert_trend (history, risk, SD_RISK_LEVEL_INHERENT, "2026-04-01T00:00:00Z",
                SD_RISK_TREND_SAME, 16);
  /* The quarter is @today's own: at 00:30 on 1 October in Beijing it is
   * Q4 there (back to 1 July, 16:00 UTC on 30 June, before the change
   * at midnight UTC), though still Q3 in UTC. */
  assert_trend (history, risk, SD_RISK_LEVEL_INHERENT, "2025-10-01T00:30:00+08:00",
                SD_RISK_TREND_UP, 4);
  assert_trend (history, risk, SD_RISK_LEVEL_RESIDUAL, "2025-11-15T00:00:00Z",
                SD_RISK_TREND_DOWN, 4);
  assert_trend (history, risk, SD_RISK_LEVEL_TARGET, "2025-11-15T00:00:00Z",
                SD_RISK_TREND_SAME, 1);

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    g_assert_cmpint (sd_risk_history_trend (history, risk, SD_RISK_LEVEL_TARGET, now, NULL),
                     ==, SD_RISK_TREND_SAME);
  }
}

static void
changed_cb (SdRiskHistory *history,
            guint         *n_changed)
{
  (*n_changed)++;
}

static void
run_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_history_updates (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdRiskHistory) history = sd_risk_history_new (fixture->store);
  SdRisk *risk = add_risk (fixture->store, "R-01", "数据泄露", 2, 3, 2, 2);
  SdAssessment *assessment;
  guint n_changed = 0;
  gint64 id = sd_item_get_id (SD_ITEM (risk));

  g_signal_connect (history, "changed", G_CALLBACK (changed_cb), &n_changed);
  g_assert_cmpuint (sd_risk_history_get (history, id)->len, ==, 0);

  /* The index follows at once; the signal comes once per run of changes. */
  assessment = sd_risk_rerate (fixture->store, risk, SD_RISK_LEVEL_INHERENT, 3, 3, NULL, NULL,
                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sd_risk_history_get (history, id)->len, ==, 1);
  g_assert_true (g_ptr_array_index (sd_risk_history_get (history, id), 0) == assessment);
  sd_risk_rerate (fixture->store, risk, SD_RISK_LEVEL_TARGET, 2, 2, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sd_risk_history_get (history, id)->len, ==, 2);
  run_main_loop ();
  g_assert_cmpuint (n_changed, ==, 1);

  g_assert_true (sd_risk_undo_rerate (fixture->store, assessment, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sd_risk_history_get (history, id)->len, ==, 1);
  run_main_loop ();
  g_assert_cmpuint (n_changed, ==, 2);

  /* A risk's deletion takes its assessments along. */
  g_assert_true (sd_store_delete (fixture->store, risk, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sd_risk_history_get (history, id)->len, ==, 0);
  run_main_loop ();
  g_assert_cmpuint (n_changed, ==, 3);

  /* Nothing pending is left to run after the history is gone. */
  add_assessment (fixture->store, add_risk (fixture->store, "R-02", "其他", 1, 1, 1, 1),
                  "2025-01-01T00:00:00.000000Z", "inherent", 2, 2, 1, 1);
  g_clear_object (&history);
  run_main_loop ();
  g_assert_cmpuint (n_changed, ==, 3);
}

/* The matrix's size */

static void
set_matrix_size (SdStore *store,
                 int      size)
{
  g_autoptr(GError) error = NULL;
  SdMatrixSettings settings = { 0 };

  sd_store_get_matrix (store, &settings);
  settings.size = size;
  sd_matrix_preset_fill (SD_MATRIX_PRESET_BY_SCORE, size, settings.zones);
  g_assert_true (sd_risk_matrix_apply (store, &settings, NULL, &error));
  g_assert_no_error (error);
  sd_matrix_settings_clear (&settings);
}

/* @time in the store's form. */
static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static SdAssessment *
only_assessment (SdRiskHistory *history,
                 SdRisk        *risk)
{
  GPtrArray *items = sd_risk_history_get (history, sd_item_get_id (SD_ITEM (risk)));

  g_assert_cmpuint (items->len, ==, 1);
  return g_ptr_array_index (items, 0);
}

/* A change of the matrix's size maps every rating onto the new scale; the
 * trend since last quarter compares the ratings on one scale, so that only
 * a risk somebody re-rated goes up or down. */
static void
test_trend_resize (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdRiskHistory) history = sd_risk_history_new (fixture->store);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) minute_ago = g_date_time_add_minutes (now, -1);
  g_autofree char *recently = format_time (minute_ago);
  SdStore *store = fixture->store;
  SdRisk *high = add_risk (store, "R-01", "高", 4, 4, 2, 2);
  SdRisk *old = add_risk (store, "R-02", "早已评级", 5, 5, 1, 1);
  SdRisk *raised = add_risk (store, "R-03", "升", 4, 4, 1, 1);
  SdRisk *lowered = add_risk (store, "R-04", "降", 1, 1, 1, 1);
  SdRisk *later = add_risk (store, "R-05", "后评", 4, 4, 1, 1);
  SdAssessment *assessment, *plain;
  guint n_changed = 0;

  add_assessment (store, old, "2020-01-01T00:00:00.000000Z", "inherent", 1, 1, 5, 5);
  /* Re-rated in this quarter, on the 5×5 matrix, before it changed. */
  add_assessment (store, raised, recently, "inherent", 3, 3, 4, 4);
  plain = add_assessment (store, lowered, recently, "inherent", 3, 3, 1, 1);
  g_assert_cmpint (sd_assessment_get_matrix_size (plain), ==, 5);
  g_assert_cmpint (sd_assessment_get_old_matrix_size (plain), ==, 5);
  run_main_loop ();

  g_signal_connect (history, "changed", G_CALLBACK (changed_cb), &n_changed);
  set_matrix_size (store, 3);
  run_main_loop ();
  g_assert_cmpuint (n_changed, ==, 1);

  /* The change's assessment: old values on 5×5, new ones on 3×3. */
  assessment = only_assessment (history, high);
  g_assert_cmpint (sd_assessment_get_old_likelihood (assessment), ==, 4);
  g_assert_cmpint (sd_assessment_get_old_matrix_size (assessment), ==, 5);
  g_assert_cmpint (sd_assessment_get_new_likelihood (assessment), ==, 3);
  g_assert_cmpint (sd_assessment_get_matrix_size (assessment), ==, 3);

  /* Not re-rated since last quarter: the same, on either scale. */
  assert_rating (high, SD_RISK_LEVEL_INHERENT, 3, 3);
  assert_trend (history, high, SD_RISK_LEVEL_INHERENT, recently, SD_RISK_TREND_SAME, 9);
  assert_trend (history, high, SD_RISK_LEVEL_RESIDUAL, recently, SD_RISK_TREND_SAME, 4);
  assert_trend (history, old, SD_RISK_LEVEL_INHERENT, recently, SD_RISK_TREND_SAME, 9);
  assert_rating_at (history, high, SD_RISK_LEVEL_INHERENT, "2019-01-01T00:00:00Z", 3, 3);
  assert_rating_at (history, old, SD_RISK_LEVEL_INHERENT, "2019-01-01T00:00:00Z", 1, 1);
  /* Re-rated: 3×3 of 5 was 2×2 of 3, now 3×3 of 3 (4×4 of 5) and 1×1. */
  assert_trend (history, raised, SD_RISK_LEVEL_INHERENT, recently, SD_RISK_TREND_UP, 4);
  assert_trend (history, lowered, SD_RISK_LEVEL_INHERENT, recently, SD_RISK_TREND_DOWN, 4);

  /* Neither the change's assessment nor one made on the other scale can
   * be undone: their old values are not on this matrix. R-04's 1×1 did
   * not move, but 3×3 of 5 is not 3×3 of 3. */
  g_assert_false (sd_risk_undo_rerate (store, assessment, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  assert_rating (high, SD_RISK_LEVEL_INHERENT, 3, 3);
  g_assert_false (sd_risk_undo_rerate (store, plain, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  assert_rating (lowered, SD_RISK_LEVEL_INHERENT, 1, 1);

  /* A re-rating on the new matrix is on its scale, and undoes. */
  assessment = sd_risk_rerate (store, later, SD_RISK_LEVEL_INHERENT, 1, 1, "复核", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sd_assessment_get_matrix_size (assessment), ==, 3);
  g_assert_cmpint (sd_assessment_get_old_matrix_size (assessment), ==, 3);
  assert_trend (history, later, SD_RISK_LEVEL_INHERENT, recently, SD_RISK_TREND_DOWN, 9);
  g_assert_true (sd_risk_undo_rerate (store, assessment, &error));
  g_assert_no_error (error);
  assert_rating (later, SD_RISK_LEVEL_INHERENT, 3, 3);
  assert_trend (history, later, SD_RISK_LEVEL_INHERENT, recently, SD_RISK_TREND_SAME, 9);

  /* And back to 5×5: 3 of 3 becomes 5, not the 4 it was. The ratings then
   * follow the same two mappings, so what nobody re-rated stays the same. */
  set_matrix_size (store, 5);
  run_main_loop ();
  g_assert_cmpuint (n_changed, ==, 2);
  assert_rating (high, SD_RISK_LEVEL_INHERENT, 5, 5);
  assert_trend (history, high, SD_RISK_LEVEL_INHERENT, recently, SD_RISK_TREND_SAME, 25);
  assert_trend (history, old, SD_RISK_LEVEL_INHERENT, recently, SD_RISK_TREND_SAME, 25);
  assert_trend (history, later, SD_RISK_LEVEL_INHERENT, recently, SD_RISK_TREND_SAME, 25);
  /* 3 of 5 → 2 of 3 → 3 of 5. */
  assert_trend (history, raised, SD_RISK_LEVEL_INHERENT, recently, SD_RISK_TREND_UP, 9);
  /* R-04 stayed 1×1 throughout: no assessment of either change. */
  g_assert_cmpuint (sd_risk_history_get (history, sd_item_get_id (SD_ITEM (lowered)))->len,
                    ==, 1);
  assert_trend (history, lowered, SD_RISK_LEVEL_INHERENT, recently, SD_RISK_TREND_DOWN, 9);
  /* With the matrix back to the size it was made on, it undoes again. */
  g_assert_true (sd_risk_undo_rerate (store, plain, &error));
  g_assert_no_error (error);
  assert_rating (lowered, SD_RISK_LEVEL_INHERENT, 3, 3);

  /* A size that moves no risk still changes how the past is told. */
  {
    g_autoptr(SdStore) empty = NULL;
    g_autoptr(SdRiskHistory) empty_history = NULL;
    g_autofree char *path = g_build_filename (fixture->dir, "empty.db", NULL);
    guint n_empty_changed = 0;

    empty = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
    g_assert_no_error (error);
    empty_history = sd_risk_history_new (empty);
    g_signal_connect (empty_history, "changed", G_CALLBACK (changed_cb), &n_empty_changed);
    set_matrix_size (empty, 4);
    run_main_loop ();
    g_assert_cmpuint (n_empty_changed, ==, 1);
  }
}

/* A database of schema 1, from before assessments knew their matrix's size,
 * is upgraded when opened: its assessments are on 5×5, the only size
 * there was. */
static void
test_upgrade (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "schema-1.db", NULL);
  g_autofree char *pragma = g_strdup_printf ("PRAGMA application_id = %d;"
                                             "PRAGMA user_version = 1;",
                                             SD_STORE_APPLICATION_ID);
  g_autoptr(SdStore) store = NULL;
  g_autoptr(SdRiskHistory) history = NULL;
  g_autoptr(SdDeletion) deletion = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = format_time (now);
  SdAssessment *assessment;
  SdRisk *risk;
  GPtrArray *items;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  /* Written as schema 1 wrote it. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sd_store_migrations[0], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO risks (id, code, title, inherent_likelihood,"
                                 "  inherent_impact, residual_likelihood, residual_impact,"
                                 "  target_likelihood, target_impact)"
                                 "  VALUES (1, 'R-01', '数据泄露', 4, 4, 2, 2, 1, 1);"
                                 "INSERT INTO risk_assessments (id, risk_id, at, level,"
                                 "  old_likelihood, old_impact, new_likelihood, new_impact,"
                                 "  reason)"
                                 "  VALUES (1, 1, '2020-01-01T00:00:00.000000Z', 'inherent',"
                                 "          2, 2, 4, 4, '年度评估');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = sd_store_open (path, SD_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_false (sd_store_get_created (store));
  history = sd_risk_history_new (store);
  risk = sd_store_lookup (store, SD_TYPE_RISK, 1);
  g_assert_nonnull (risk);
  assessment = only_assessment (history, risk);
  g_assert_cmpint (sd_assessment_get_matrix_size (assessment), ==, 5);
  g_assert_cmpint (sd_assessment_get_old_matrix_size (assessment), ==, 5);
  g_assert_cmpstr (sd_assessment_get_reason (assessment), ==, "年度评估");

  /* The upgrade is in the file, read back with SQLite itself. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, sd_store_n_migrations);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT matrix_size, old_matrix_size"
                                           " FROM risk_assessments", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 5);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 5);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* A rating off its matrix is refused by the file itself. */
  g_assert_null (sd_store_insert (store, SD_TYPE_ASSESSMENT, &error,
                                  "risk-id", (gint64) 1,
                                  "at", today,
                                  "level", "inherent",
                                  "old-likelihood", 4,
                                  "old-impact", 4,
                                  "new-likelihood", 5,
                                  "new-impact", 5,
                                  "matrix-size", 3,
                                  "old-matrix-size", 5,
                                  NULL));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* The old row and the new ones work together. */
  set_matrix_size (store, 3);
  assert_rating (risk, SD_RISK_LEVEL_INHERENT, 3, 3);
  assert_rating_at (history, risk, SD_RISK_LEVEL_INHERENT, "2019-01-01T00:00:00Z", 2, 2);
  assert_rating_at (history, risk, SD_RISK_LEVEL_INHERENT, "2021-01-01T00:00:00Z", 3, 3);
  assert_trend (history, risk, SD_RISK_LEVEL_INHERENT, today, SD_RISK_TREND_SAME, 9);

  /* A deleted risk comes back with its assessments as they were. */
  deletion = sd_store_delete_with_undo (store, risk, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deletion);
  g_assert_cmpuint (sd_risk_history_get (history, 1)->len, ==, 0);
  g_assert_true (sd_store_undo_deletion (store, deletion, &error));
  g_assert_no_error (error);
  risk = sd_store_lookup (store, SD_TYPE_RISK, 1);
  g_assert_nonnull (risk);
  items = sd_risk_history_get (history, 1);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpint (sd_assessment_get_old_matrix_size (g_ptr_array_index (items, 0)), ==, 5);
  g_assert_cmpint (sd_assessment_get_matrix_size (g_ptr_array_index (items, 0)), ==, 5);
  g_assert_cmpint (sd_assessment_get_old_matrix_size (g_ptr_array_index (items, 1)), ==, 5);
  g_assert_cmpint (sd_assessment_get_matrix_size (g_ptr_array_index (items, 1)), ==, 3);
  assert_trend (history, risk, SD_RISK_LEVEL_INHERENT, today, SD_RISK_TREND_SAME, 9);
}

/* The register's filter */

typedef struct
{
  SdRisk *risks[6];
  gint64  unit_a, unit_b;
  gint64  data_category, personal_category;
} FilterData;

static gint64
category_id (SdStore    *store,
             const char *code)
{
  GListModel *categories = sd_store_get_items (store, SD_TYPE_RISK_CATEGORY);

  for (guint c = 0; c < g_list_model_get_n_items (categories); c++)
    {
      g_autoptr(SdRiskCategory) category = g_list_model_get_item (categories, c);

      if (g_strcmp0 (sd_risk_category_get_code (category), code) == 0)
        return sd_item_get_id (SD_ITEM (category));
    }
  g_assert_not_reached ();
}

static void
add_filter_data (SdStore    *store,
                 FilterData *data)
{
  g_autoptr(GError) error = NULL;
  SdUnit *unit;
  struct
  {
    const char *code, *title, *description, *category, *status, *next_review;
    int         l, i;
    gboolean    unit_b;
  } rows[] = {
    { "DS-01", "客户数据泄露", "数据库备份未加密", "data", "open", "2026-03-31", 5, 5, FALSE },
    { "DS-02", "Laptop theft", "Unencrypted LAPTOP disks", "data", "treating", "2026-04-01",
      3, 3, TRUE },
    { "PS-01", "人员伤害", NULL, "personal", "open", "2026-03-01", 1, 2, FALSE },
    { "PS-02", "门禁失效", "外来人员进入机房", "personal", "closed", "2025-01-01", 4, 3, TRUE },
    { "OP-01", "供应商中断", "外包服务 中断", NULL, "accepted", NULL, 2, 5, FALSE },
    { "OP-02", "Power loss", "数据中心断电", NULL, "open", "not a date", 3, 4, TRUE },
  };

  unit = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "信息部", "kind", "department",
                          NULL);
  g_assert_no_error (error);
  data->unit_a = sd_item_get_id (SD_ITEM (unit));
  unit = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "财务处", "kind", "department",
                          NULL);
  g_assert_no_error (error);
  data->unit_b = sd_item_get_id (SD_ITEM (unit));
  data->data_category = category_id (store, "data");
  data->personal_category = category_id (store, "personal");

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      data->risks[r] = sd_store_insert (store, SD_TYPE_RISK, &error,
                                        "code", rows[r].code,
                                        "title", rows[r].title,
                                        "description", rows[r].description,
                                        "category-id", rows[r].category != NULL
                                                       ? category_id (store, rows[r].category)
                                                       : (gint64) 0,
                                        "status", rows[r].status,
                                        "next-review", rows[r].next_review,
                                        "owner-unit-id", rows[r].unit_b ? data->unit_b
                                                                        : data->unit_a,
                                        "inherent-likelihood", rows[r].l,
                                        "inherent-impact", rows[r].i,
                                        "residual-likelihood", 1,
                                        "residual-impact", 1,
                                        "target-likelihood", 1,
                                        "target-impact", 1,
                                        NULL);
      g_assert_no_error (error);
      g_assert_nonnull (data->risks[r]);
    }
}

/* The codes of the risks @filter lets through, in order, space-separated. */
static char *
filter_codes (SdStore            *store,
              FilterData         *data,
              const SdRiskFilter *filter)
{
  g_autoptr(GDateTime) today = parse_time ("2026-04-01T10:00:00+08:00");
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint r = 0; r < G_N_ELEMENTS (data->risks); r++)
    {
      if (!sd_risk_filter_matches (filter, store, data->risks[r], today))
        continue;
      if (codes->len > 0)
        g_string_append_c (codes, ' ');
      g_string_append (codes, sd_risk_get_code (data->risks[r]));
    }
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

#define ASSERT_FILTER(filter, expected) \
  G_STMT_START { \
    g_autofree char *codes_ = filter_codes (fixture->store, &data, (filter)); \
    g_assert_cmpstr (codes_, ==, (expected)); \
  } G_STMT_END

static void
test_filter (Fixture       *fixture,
             gconstpointer  unused)
{
  FilterData data;
  SdRiskFilter filter = { 0 };

  add_filter_data (fixture->store, &data);

  g_assert_cmpuint (sd_risk_filter_count (&filter), ==, 0);
  ASSERT_FILTER (&filter, "DS-01 DS-02 PS-01 PS-02 OP-01 OP-02");

  /* Zones of the inherent rating: 25 major, 9 medium, 2 low, 12 high,
   * 10 high, 12 high. */
  filter.zones = 1 << SD_ZONE_HIGH;
  ASSERT_FILTER (&filter, "PS-02 OP-01 OP-02");
  filter.zones = 1 << SD_ZONE_MAJOR | 1 << SD_ZONE_LOW;
  ASSERT_FILTER (&filter, "DS-01 PS-01");
  g_assert_cmpuint (sd_risk_filter_count (&filter), ==, 1);
  /* The residual ratings are all low. */
  filter.level = SD_RISK_LEVEL_RESIDUAL;
  ASSERT_FILTER (&filter, "DS-01 DS-02 PS-01 PS-02 OP-01 OP-02");
  filter.zones = 1 << SD_ZONE_MAJOR;
  ASSERT_FILTER (&filter, "");
  filter.zones = 0;
  filter.level = SD_RISK_LEVEL_INHERENT;

  filter.statuses = 1 << SD_RISK_STATUS_OPEN;
  ASSERT_FILTER (&filter, "DS-01 PS-01 OP-02");
  filter.statuses |= 1 << SD_RISK_STATUS_CLOSED | 1 << SD_RISK_STATUS_ACCEPTED;
  ASSERT_FILTER (&filter, "DS-01 PS-01 PS-02 OP-01 OP-02");
  filter.statuses = 1 << SD_RISK_STATUS_TREATING;
  ASSERT_FILTER (&filter, "DS-02");
  filter.statuses = 0;

  filter.category_id = data.data_category;
  ASSERT_FILTER (&filter, "DS-01 DS-02");
  filter.category_id = data.personal_category;
  ASSERT_FILTER (&filter, "PS-01 PS-02");
  filter.category_id = 0;

  filter.owner_unit_id = data.unit_b;
  ASSERT_FILTER (&filter, "DS-02 PS-02 OP-02");
  filter.owner_unit_id = 0;

  /* Today is 1 April 2026: due today is not overdue yet; a closed risk
   * and one without a readable date never are. */
  filter.review_overdue = TRUE;
  ASSERT_FILTER (&filter, "DS-01 PS-01");
  filter.review_overdue = FALSE;

  /* Text: code, title or description, any case, every word. */
  filter.text = "数据";
  ASSERT_FILTER (&filter, "DS-01 OP-02");
  filter.text = "laptop";
  ASSERT_FILTER (&filter, "DS-02");
  filter.text = "ps-0";
  ASSERT_FILTER (&filter, "PS-01 PS-02");
  filter.text = "外包　中断";
  ASSERT_FILTER (&filter, "OP-01");
  filter.text = "服务中断";
  ASSERT_FILTER (&filter, "");
  filter.text = "  ";
  ASSERT_FILTER (&filter, "DS-01 DS-02 PS-01 PS-02 OP-01 OP-02");
  g_assert_cmpuint (sd_risk_filter_count (&filter), ==, 0);

  /* Everything together. */
  filter.text = "数据";
  filter.zones = 1 << SD_ZONE_MAJOR | 1 << SD_ZONE_HIGH;
  filter.statuses = 1 << SD_RISK_STATUS_OPEN;
  filter.owner_unit_id = data.unit_b;
  ASSERT_FILTER (&filter, "OP-02");
  filter.review_overdue = TRUE;
  ASSERT_FILTER (&filter, "");
  filter.category_id = data.data_category;
  g_assert_cmpuint (sd_risk_filter_count (&filter), ==, 6);
}

static void
test_status_codes (void)
{
  for (guint s = 0; s < SD_N_RISK_STATUSES; s++)
    {
      SdRiskStatus status;

      g_assert_true (sd_risk_status_from_code (sd_risk_status_to_code (s), &status));
      g_assert_cmpuint (status, ==, s);
    }
  g_assert_cmpstr (sd_risk_status_to_code (SD_RISK_STATUS_TREATING), ==, "treating");
  {
    SdRiskStatus status;

    g_assert_false (sd_risk_status_from_code ("pending", &status));
    g_assert_false (sd_risk_status_from_code (NULL, &status));
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/risk-history/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("rerate", test_rerate);
  ADD ("rerate/refused", test_rerate_refused);
  ADD ("undo", test_undo);
  ADD ("get", test_history_get);
  ADD ("rating-at", test_rating_at);
  ADD ("trend", test_trend);
  ADD ("updates", test_history_updates);
  ADD ("trend/resize", test_trend_resize);
  ADD ("upgrade", test_upgrade);
  ADD ("filter", test_filter);
  g_test_add_func ("/risk-history/status-codes", test_status_codes);

  return g_test_run ();
}
