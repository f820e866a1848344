/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "sd-assessment.h"
#include "sd-matrix-settings.h"
#include "sd-risk.h"
#include "sd-risk-category.h"
#include "sd-risk-matrix.h"
#include "sd-risk-rating.h"
#include "sd-risk-settings.h"
#include "sd-store.h"

typedef struct
{
  char    *dir;
  char    *path;
  SdStore *store;
  guint    n_matrix_changed;
} Fixture;

static void
matrix_changed_cb (SdStore *store,
                   Fixture *fixture)
{
  fixture->n_matrix_changed++;
}

static SdStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  SdStore *store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sd-test-risk-matrix-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = open_store (fixture->path);
  g_signal_connect (fixture->store, "matrix-changed", G_CALLBACK (matrix_changed_cb), fixture);
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

/* Presets */

/* A zone per cell, rows by likelihood 1..size, each by impact 1..size:
 * L(ow), M(edium), H(igh), X (major). Written out by hand from the seed's
 * rules, not computed. */
static const struct
{
  SdMatrixPreset  preset;
  int             size;
  const char     *rows[SD_MATRIX_MAX_SIZE];
} preset_cases[] = {
  /* By score, thresholds 3/5, 2/5 and 1/5 of size². */
  { SD_MATRIX_PRESET_BY_SCORE, 3, { "LMM", "MHX", "MXX" } },
  { SD_MATRIX_PRESET_BY_SCORE, 4, { "LLLM", "LMMH", "LMHX", "MHXX" } },
  { SD_MATRIX_PRESET_BY_SCORE, 5, { "LLLLM", "LLMMH", "LMMHX", "LMHXX", "MHXXX" } },
  /* Four quadrants: the upper half of an axis is level > size / 2. */
  { SD_MATRIX_PRESET_QUADRANTS, 3, { "LMM", "LXX", "LXX" } },
  { SD_MATRIX_PRESET_QUADRANTS, 4, { "LLMM", "LLMM", "LLXX", "LLXX" } },
  { SD_MATRIX_PRESET_QUADRANTS, 5, { "LLMMM", "LLMMM", "LLXXX", "LLXXX", "LLXXX" } },
};

static SdZone
zone_from_letter (char c)
{
  switch (c)
    {
    case 'L':
      return SD_ZONE_LOW;
    case 'M':
      return SD_ZONE_MEDIUM;
    case 'H':
      return SD_ZONE_HIGH;
    case 'X':
      return SD_ZONE_MAJOR;
    default:
      g_assert_not_reached ();
    }
}

static void
test_presets (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (preset_cases); k++)
    {
      SdZone zones[SD_MATRIX_MAX_SIZE][SD_MATRIX_MAX_SIZE];
      int size = preset_cases[k].size;

      /* Whatever was there before is overwritten. */
      memset (zones, 0xff, sizeof zones);
      sd_matrix_preset_fill (preset_cases[k].preset, size, zones);

      for (int l = 1; l <= SD_MATRIX_MAX_SIZE; l++)
        for (int i = 1; i <= SD_MATRIX_MAX_SIZE; i++)
          {
            SdZone expected = SD_ZONE_LOW;

            if (l <= size && i <= size)
              {
                g_assert_cmpuint (strlen (preset_cases[k].rows[l - 1]), ==, size);
                expected = zone_from_letter (preset_cases[k].rows[l - 1][i - 1]);
              }
            if (zones[l - 1][i - 1] != expected)
              g_error ("preset %d on %d×%d, cell (%d, %d): zone %d, expected %d",
                       preset_cases[k].preset, size, size, l, i, zones[l - 1][i - 1], expected);
          }
    }

  for (guint p = 0; p < SD_N_MATRIX_PRESETS; p++)
    g_assert_nonnull (sd_matrix_preset_label (p));
}

/* The seed's worked examples of 004 4.1.2 on the 5×5 four-quadrant matrix. */
static void
test_quadrant_examples (void)
{
  SdZone zones[SD_MATRIX_MAX_SIZE][SD_MATRIX_MAX_SIZE];

  sd_matrix_preset_fill (SD_MATRIX_PRESET_QUADRANTS, 5, zones);
  g_assert_cmpint (zones[3 - 1][5 - 1], ==, SD_ZONE_MAJOR);
  g_assert_cmpint (zones[2 - 1][4 - 1], ==, SD_ZONE_MEDIUM);
  g_assert_cmpint (zones[4 - 1][1 - 1], ==, SD_ZONE_LOW);
}

/* The by-score preset on 5×5 is the app's default: sd_risk_default_zone()
 * and what a new database holds. */
static void
test_by_score_is_default (Fixture       *fixture,
                          gconstpointer  data)
{
  SdZone zones[SD_MATRIX_MAX_SIZE][SD_MATRIX_MAX_SIZE];
  SdMatrixSettings settings = { 0 };

  sd_matrix_preset_fill (SD_MATRIX_PRESET_BY_SCORE, 5, zones);
  sd_store_get_matrix (fixture->store, &settings);
  g_assert_cmpint (settings.size, ==, 5);
  for (int l = 1; l <= 5; l++)
    for (int i = 1; i <= 5; i++)
      {
        g_assert_cmpint (zones[l - 1][i - 1], ==, sd_risk_default_zone (l, i));
        g_assert_cmpint (zones[l - 1][i - 1], ==, sd_store_get_zone (fixture->store, l, i));
        g_assert_cmpint (zones[l - 1][i - 1], ==, settings.zones[l - 1][i - 1]);
      }
  sd_matrix_settings_clear (&settings);
}

static void
test_map_level (void)
{
  static const struct { int old_size, new_size; int levels[SD_MATRIX_MAX_SIZE]; } cases[] = {
    { 5, 3, { 1, 2, 2, 3, 3 } },
    { 3, 5, { 1, 3, 5 } },
    { 5, 4, { 1, 2, 3, 3, 4 } },
    { 4, 5, { 1, 2, 4, 5 } },
    { 4, 3, { 1, 2, 2, 3 } },
    { 3, 4, { 1, 3, 4 } },
    { 5, 5, { 1, 2, 3, 4, 5 } },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    for (int level = 1; level <= cases[k].old_size; level++)
      g_assert_cmpint (sd_risk_map_level (level, cases[k].old_size, cases[k].new_size), ==,
                       cases[k].levels[level - 1]);

  /* For every pair of sizes: the ends stay the ends, and the order holds. */
  for (int from = 3; from <= 5; from++)
    for (int to = 3; to <= 5; to++)
      {
        int previous = 1;

        g_assert_cmpint (sd_risk_map_level (1, from, to), ==, 1);
        g_assert_cmpint (sd_risk_map_level (from, from, to), ==, to);
        for (int level = 1; level <= from; level++)
          {
            int mapped = sd_risk_map_level (level, from, to);

            g_assert_cmpint (mapped, >=, previous);
            g_assert_cmpint (mapped, <=, to);
            previous = mapped;
          }
      }
}

static void
test_labels_for_size (void)
{
  static const char * const likelihood3[] = { "Low", "Medium", "High" };
  static const char * const likelihood4[] = { "Unlikely", "Possible", "Likely", "Almost certain" };
  static const char * const impact4[] = { "Minor", "Moderate", "Major", "Severe" };

  for (int level = 1; level <= 3; level++)
    {
      g_assert_cmpstr (sd_risk_likelihood_label_for_size (level, 3), ==, likelihood3[level - 1]);
      g_assert_cmpstr (sd_risk_impact_label_for_size (level, 3), ==, likelihood3[level - 1]);
    }
  for (int level = 1; level <= 4; level++)
    {
      g_assert_cmpstr (sd_risk_likelihood_label_for_size (level, 4), ==, likelihood4[level - 1]);
      g_assert_cmpstr (sd_risk_impact_label_for_size (level, 4), ==, impact4[level - 1]);
    }
  for (int level = 1; level <= 5; level++)
    {
      g_assert_cmpstr (sd_risk_likelihood_label_for_size (level, 5), ==,
                       sd_risk_likelihood_label (level));
      g_assert_cmpstr (sd_risk_impact_label_for_size (level, 5), ==,
                       sd_risk_impact_label (level));
    }
}

/* The store */

static void
fill_settings (SdMatrixSettings *settings)
{
  static const char * const likelihood[] = { "罕见", NULL, "可能", "很可能" };
  static const char * const impact[] = { "轻微", "中等", "重大", "严重" };

  memset (settings, 0, sizeof *settings);
  settings->size = 4;
  sd_matrix_preset_fill (SD_MATRIX_PRESET_QUADRANTS, 4, settings->zones);
  settings->likelihood_title = g_strdup ("可能性");
  settings->impact_title = g_strdup ("影响 \"程度\"");
  for (int i = 0; i < 4; i++)
    {
      settings->likelihood_labels[i] = g_strdup (likelihood[i]);
      settings->impact_labels[i] = g_strdup (impact[i]);
    }
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(SdStore) reopened = NULL;
  SdMatrixSettings settings, read = { 0 }, copy = { 0 }, odd;
  SdAuditEntry *entry;

  /* A new database: 5×5, default titles and labels. */
  sd_store_get_matrix (fixture->store, &read);
  g_assert_cmpint (read.size, ==, 5);
  g_assert_null (read.likelihood_title);
  g_assert_null (read.impact_title);
  for (int i = 0; i < SD_MATRIX_MAX_SIZE; i++)
    {
      g_assert_null (read.likelihood_labels[i]);
      g_assert_null (read.impact_labels[i]);
    }
  sd_matrix_settings_clear (&read);

  fill_settings (&settings);
  g_assert_true (sd_store_set_matrix (fixture->store, &settings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_matrix_changed, ==, 1);

  sd_store_get_matrix (fixture->store, &read);
  g_assert_true (sd_matrix_settings_equal (&settings, &read));
  g_assert_cmpstr (read.likelihood_title, ==, "可能性");
  g_assert_cmpstr (read.impact_title, ==, "影响 \"程度\"");
  g_assert_cmpstr (read.likelihood_labels[0], ==, "罕见");
  g_assert_null (read.likelihood_labels[1]);
  g_assert_cmpstr (read.likelihood_labels[3], ==, "很可能");
  g_assert_cmpstr (read.impact_labels[2], ==, "重大");
  g_assert_null (read.impact_labels[4]);
  g_assert_cmpint (sd_store_get_matrix_size (fixture->store), ==, 4);
  for (int l = 1; l <= 4; l++)
    for (int i = 1; i <= 4; i++)
      g_assert_cmpint (sd_store_get_zone (fixture->store, l, i), ==, settings.zones[l - 1][i - 1]);

  sd_matrix_settings_copy (&read, &copy);
  g_assert_true (sd_matrix_settings_equal (&read, &copy));
  g_assert_true (copy.likelihood_title != read.likelihood_title);
  sd_matrix_settings_clear (&copy);

  /* One audit entry, with what was there before and what is there now. */
  entries = sd_store_get_audit_entries (fixture->store, "risk_matrix", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->action, ==, "update");
  g_assert_cmpint (entry->entity_id, ==, 1);
  g_assert_nonnull (strstr (entry->before, "\"size\":5"));
  g_assert_nonnull (strstr (entry->before, "\"likelihood_title\":null"));
  g_assert_nonnull (strstr (entry->after, "\"size\":4"));
  g_assert_nonnull (strstr (entry->after, "\"likelihood_title\":\"可能性\""));
  g_assert_nonnull (strstr (entry->after, "\"impact_title\":\"影响 \\\"程度\\\"\""));
  g_assert_nonnull (strstr (entry->after,
                            "\"likelihood_labels\":[\"罕见\",null,\"可能\",\"很可能\"]"));
  g_assert_nonnull (strstr (entry->after, "[\"low\",\"low\",\"major\",\"major\"]"));
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* The same settings again: nothing to write, log or tell. */
  g_assert_true (sd_store_set_matrix (fixture->store, &read, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_matrix_changed, ==, 1);
  entries = sd_store_get_audit_entries (fixture->store, "risk_matrix", 1, &error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* In the file, for the next start. */
  reopened = open_store (fixture->path);
  sd_matrix_settings_clear (&read);
  sd_store_get_matrix (reopened, &read);
  g_assert_true (sd_matrix_settings_equal (&settings, &read));
  g_assert_cmpint (sd_store_get_matrix_size (reopened), ==, 4);
  g_clear_object (&reopened);
  sd_matrix_settings_clear (&read);

  /* An empty label is the default; a label is one line. */
  sd_matrix_settings_copy (&settings, &odd);
  g_free (odd.likelihood_labels[0]);
  odd.likelihood_labels[0] = g_strdup ("  ");
  g_free (odd.impact_labels[1]);
  odd.impact_labels[1] = g_strdup ("两\n行");
  g_free (odd.impact_title);
  odd.impact_title = g_strdup ("");
  g_assert_true (sd_store_set_matrix (fixture->store, &odd, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_matrix_changed, ==, 2);
  sd_store_get_matrix (fixture->store, &read);
  g_assert_null (read.likelihood_labels[0]);
  g_assert_cmpstr (read.likelihood_labels[2], ==, "可能");
  g_assert_cmpstr (read.impact_labels[1], ==, "两 行");
  g_assert_cmpstr (read.impact_labels[2], ==, "重大");
  g_assert_null (read.impact_title);
  sd_matrix_settings_clear (&read);
  sd_matrix_settings_clear (&odd);

  /* A size the app does not know is refused, and nothing changes. */
  settings.size = 6;
  g_assert_false (sd_store_set_matrix (fixture->store, &settings, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (sd_store_get_matrix_size (fixture->store), ==, 4);
  g_assert_cmpuint (fixture->n_matrix_changed, ==, 2);
  sd_matrix_settings_clear (&settings);
}

/* A rollback puts the old settings back, and says so. */
static void
test_rollback (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SdMatrixSettings settings = { 0 }, read = { 0 }, before = { 0 };

  sd_store_get_matrix (fixture->store, &before);

  settings.size = 3;
  sd_matrix_preset_fill (SD_MATRIX_PRESET_QUADRANTS, 3, settings.zones);
  settings.likelihood_title = g_strdup ("可能性");

  g_assert_true (sd_store_begin (fixture->store, &error));
  g_assert_true (sd_store_set_matrix (fixture->store, &settings, &error));
  g_assert_no_error (error);
  /* Inside the transaction, the store shows what it will commit. */
  g_assert_cmpint (sd_store_get_matrix_size (fixture->store), ==, 3);
  g_assert_cmpint (sd_store_get_zone (fixture->store, 2, 2), ==, SD_ZONE_MAJOR);
  g_assert_cmpuint (fixture->n_matrix_changed, ==, 1);

  sd_store_rollback (fixture->store);
  g_assert_cmpuint (fixture->n_matrix_changed, ==, 2);
  g_assert_cmpint (sd_store_get_matrix_size (fixture->store), ==, 5);
  g_assert_cmpint (sd_store_get_zone (fixture->store, 2, 2), ==, SD_ZONE_LOW);
  sd_store_get_matrix (fixture->store, &read);
  g_assert_true (sd_matrix_settings_equal (&before, &read));
  g_assert_null (read.likelihood_title);

  sd_matrix_settings_clear (&settings);
  sd_matrix_settings_clear (&read);
  sd_matrix_settings_clear (&before);
}

/* Changing the size */

typedef struct
{
  const char *code;
  int         ratings[3][2];  /* inherent, residual, target */
} RiskRow;

static const RiskRow risk_rows[] = {
  { "R-01", { { 1, 1 }, { 1, 1 }, { 1, 1 } } },
  { "R-02", { { 2, 1 }, { 1, 2 }, { 2, 2 } } },
  { "R-03", { { 5, 5 }, { 3, 4 }, { 1, 1 } } },
  { "R-04", { { 4, 2 }, { 2, 2 }, { 1, 1 } } },
  { "R-05", { { 2, 2 }, { 2, 2 }, { 5, 1 } } },
};

static SdRisk *
add_risk (SdStore       *store,
          const RiskRow *row)
{
  g_autoptr(GError) error = NULL;
  SdRisk *risk;

  risk = sd_store_insert (store, SD_TYPE_RISK, &error,
                          "code", row->code,
                          "title", row->code,
                          "inherent-likelihood", row->ratings[0][0],
                          "inherent-impact", row->ratings[0][1],
                          "residual-likelihood", row->ratings[1][0],
                          "residual-impact", row->ratings[1][1],
                          "target-likelihood", row->ratings[2][0],
                          "target-impact", row->ratings[2][1],
                          NULL);
  g_assert_no_error (error);
  g_assert_nonnull (risk);
  return risk;
}

static SdRisk *
find_risk (SdStore    *store,
           const char *code)
{
  GListModel *risks = sd_store_get_items (store, SD_TYPE_RISK);

  for (guint r = 0; r < g_list_model_get_n_items (risks); r++)
    {
      g_autoptr(SdRisk) risk = g_list_model_get_item (risks, r);

      if (g_strcmp0 (sd_risk_get_code (risk), code) == 0)
        return risk;
    }
  g_assert_not_reached ();
}

static guint
count_assessments (SdStore *store)
{
  return g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_ASSESSMENT));
}

static void
add_risks (SdStore *store)
{
  for (guint k = 0; k < G_N_ELEMENTS (risk_rows); k++)
    add_risk (store, &risk_rows[k]);
  /* Every inherent cell once, the rest in the corner. */
  for (int l = 1; l <= 5; l++)
    for (int i = 1; i <= 5; i++)
      {
        g_autofree char *code = g_strdup_printf ("C-%d%d", l, i);
        RiskRow row = { code, { { l, i }, { 1, 1 }, { 1, 1 } } };

        add_risk (store, &row);
      }
}

static void
set_size (Fixture *fixture,
          int      size,
          guint   *n_moved)
{
  g_autoptr(GError) error = NULL;
  SdMatrixSettings settings = { 0 };

  sd_store_get_matrix (fixture->store, &settings);
  settings.size = size;
  sd_matrix_preset_fill (SD_MATRIX_PRESET_BY_SCORE, size, settings.zones);
  g_assert_true (sd_risk_matrix_apply (fixture->store, &settings, n_moved, &error));
  g_assert_no_error (error);
  sd_matrix_settings_clear (&settings);
}

static void
assert_rating (SdStore     *store,
               const char  *code,
               SdRiskLevel  level,
               int          likelihood,
               int          impact)
{
  int l, i;

  sd_risk_get_rating (find_risk (store, code), level, &l, &i);
  if (l != likelihood || i != impact)
    g_error ("%s, %s: (%d, %d), expected (%d, %d)", code, sd_risk_level_to_code (level),
             l, i, likelihood, impact);
}

static void
test_resize (Fixture       *fixture,
             gconstpointer  data)
{
  GListModel *assessments;
  guint n_moved = 0, expected_moved = 0, expected_assessments = 0;
  guint n_risks;

  add_risks (fixture->store);
  n_risks = g_list_model_get_n_items (sd_store_get_items (fixture->store, SD_TYPE_RISK));

  /* From 5 to 3, levels 1 and 2 stay (2 of 5 is nearer 2 of 3 than 1);
   * every other level changes. Counted here from the table, by rule. */
  for (guint r = 0; r < n_risks; r++)
    {
      g_autoptr(SdRisk) risk = g_list_model_get_item (sd_store_get_items (fixture->store,
                                                                         SD_TYPE_RISK), r);
      gboolean moved = FALSE;

      for (int k = 0; k < 3; k++)
        {
          int l, i;

          sd_risk_get_rating (risk, k, &l, &i);
          if (l > 2 || i > 2)
            {
              moved = TRUE;
              expected_assessments++;
            }
        }
      expected_moved += moved;
    }
  /* and the 21 inherent cells beyond 2×2. */
  g_assert_cmpuint (expected_moved, ==, 24);

  g_assert_cmpuint (sd_risk_matrix_count_moved (fixture->store, 5), ==, 0);
  g_assert_cmpuint (sd_risk_matrix_count_moved (fixture->store, 3), ==, expected_moved);

  set_size (fixture, 3, &n_moved);
  g_assert_cmpuint (n_moved, ==, expected_moved);
  g_assert_cmpint (sd_store_get_matrix_size (fixture->store), ==, 3);
  /* Once, and when it came every rating was on the new scale already. */
  g_assert_cmpuint (fixture->n_matrix_changed, ==, 1);

  assert_rating (fixture->store, "R-01", SD_RISK_LEVEL_INHERENT, 1, 1);
  assert_rating (fixture->store, "R-02", SD_RISK_LEVEL_TARGET, 2, 2);
  assert_rating (fixture->store, "R-03", SD_RISK_LEVEL_INHERENT, 3, 3);
  assert_rating (fixture->store, "R-03", SD_RISK_LEVEL_RESIDUAL, 2, 3);
  assert_rating (fixture->store, "R-03", SD_RISK_LEVEL_TARGET, 1, 1);
  assert_rating (fixture->store, "R-04", SD_RISK_LEVEL_INHERENT, 3, 2);
  assert_rating (fixture->store, "R-05", SD_RISK_LEVEL_TARGET, 3, 1);
  assert_rating (fixture->store, "C-35", SD_RISK_LEVEL_INHERENT, 2, 3);
  assert_rating (fixture->store, "C-41", SD_RISK_LEVEL_INHERENT, 3, 1);

  /* Every changed rating is recorded, with the reason. */
  assessments = sd_store_get_items (fixture->store, SD_TYPE_ASSESSMENT);
  g_assert_cmpuint (g_list_model_get_n_items (assessments), ==, expected_assessments);
  for (guint a = 0; a < expected_assessments; a++)
    {
      g_autoptr(SdAssessment) assessment = g_list_model_get_item (assessments, a);
      SdRisk *risk = sd_store_lookup (fixture->store, SD_TYPE_RISK,
                                      sd_assessment_get_risk_id (assessment));
      g_autoptr(GDateTime) at = NULL;
      SdRiskLevel level;
      int l, i;

      g_assert_nonnull (risk);
      g_assert_cmpstr (sd_assessment_get_reason (assessment), ==,
                       "Matrix changed from 5×5 to 3×3");
      g_assert_null (sd_assessment_get_workshop (assessment));
      at = g_date_time_new_from_iso8601 (sd_assessment_get_at (assessment), NULL);
      g_assert_nonnull (at);
      g_assert_true (sd_risk_level_from_code (sd_assessment_get_level (assessment), &level));
      sd_risk_get_rating (risk, level, &l, &i);
      g_assert_cmpint (sd_assessment_get_new_likelihood (assessment), ==, l);
      g_assert_cmpint (sd_assessment_get_new_impact (assessment), ==, i);
      g_assert_cmpint (sd_risk_map_level (sd_assessment_get_old_likelihood (assessment), 5, 3),
                       ==, l);
      g_assert_cmpint (sd_risk_map_level (sd_assessment_get_old_impact (assessment), 5, 3),
                       ==, i);
      /* Each value on the scale it was given on. */
      g_assert_cmpint (sd_assessment_get_old_matrix_size (assessment), ==, 5);
      g_assert_cmpint (sd_assessment_get_matrix_size (assessment), ==, 3);
    }

  /* On the way back, 1 and 3 return to 1 and 5, and 2 goes to 3: only
   * the risks rated 1 everywhere stay. */
  expected_moved = 0;
  for (guint r = 0; r < n_risks; r++)
    {
      g_autoptr(SdRisk) risk = g_list_model_get_item (sd_store_get_items (fixture->store,
                                                                         SD_TYPE_RISK), r);
      gboolean moved = FALSE;

      for (int k = 0; k < 3; k++)
        {
          int l, i;

          sd_risk_get_rating (risk, k, &l, &i);
          moved |= l > 1 || i > 1;
        }
      expected_moved += moved;
    }
  /* All but R-01 and C-11. */
  g_assert_cmpuint (expected_moved, ==, n_risks - 2);
  g_assert_cmpuint (sd_risk_matrix_count_moved (fixture->store, 5), ==, expected_moved);
  set_size (fixture, 5, &n_moved);
  g_assert_cmpuint (n_moved, ==, expected_moved);
  g_assert_cmpuint (fixture->n_matrix_changed, ==, 2);
  assert_rating (fixture->store, "R-01", SD_RISK_LEVEL_INHERENT, 1, 1);
  assert_rating (fixture->store, "R-03", SD_RISK_LEVEL_INHERENT, 5, 5);
  assert_rating (fixture->store, "R-03", SD_RISK_LEVEL_TARGET, 1, 1);
  assert_rating (fixture->store, "C-55", SD_RISK_LEVEL_INHERENT, 5, 5);
  assert_rating (fixture->store, "C-15", SD_RISK_LEVEL_INHERENT, 1, 5);
  assert_rating (fixture->store, "C-11", SD_RISK_LEVEL_INHERENT, 1, 1);
  /* 2 of 3 is the middle of 5. */
  assert_rating (fixture->store, "R-02", SD_RISK_LEVEL_TARGET, 3, 3);

  /* The same size with other zones: no rating changes. */
  {
    g_autoptr(GError) error = NULL;
    SdMatrixSettings settings = { 0 };
    guint before = count_assessments (fixture->store);

    sd_store_get_matrix (fixture->store, &settings);
    sd_matrix_preset_fill (SD_MATRIX_PRESET_QUADRANTS, 5, settings.zones);
    g_assert_true (sd_risk_matrix_apply (fixture->store, &settings, &n_moved, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_moved, ==, 0);
    g_assert_cmpuint (count_assessments (fixture->store), ==, before);
    g_assert_cmpint (sd_store_get_zone (fixture->store, 3, 5), ==, SD_ZONE_MAJOR);
    g_assert_cmpint (sd_store_get_zone (fixture->store, 2, 4), ==, SD_ZONE_MEDIUM);
    g_assert_cmpuint (fixture->n_matrix_changed, ==, 3);
    sd_matrix_settings_clear (&settings);
  }
}

/* A change that fails half-way changes nothing: no rating, no assessment. */
static void
test_resize_atomic (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SdMatrixSettings settings = { 0 };
  guint n_moved = 99;

  add_risks (fixture->store);

  sd_store_get_matrix (fixture->store, &settings);
  settings.size = 3;
  /* Not a zone: the store refuses the settings after the ratings moved. */
  settings.zones[0][0] = SD_N_ZONES + 3;
  g_assert_false (sd_risk_matrix_apply (fixture->store, &settings, &n_moved, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_assert_cmpuint (n_moved, ==, 0);

  g_assert_cmpint (sd_store_get_matrix_size (fixture->store), ==, 5);
  g_assert_cmpuint (fixture->n_matrix_changed, ==, 0);
  g_assert_cmpuint (count_assessments (fixture->store), ==, 0);
  for (guint k = 0; k < G_N_ELEMENTS (risk_rows); k++)
    for (int level = 0; level < 3; level++)
      assert_rating (fixture->store, risk_rows[k].code, level,
                     risk_rows[k].ratings[level][0], risk_rows[k].ratings[level][1]);
  assert_rating (fixture->store, "C-55", SD_RISK_LEVEL_INHERENT, 5, 5);
  sd_matrix_settings_clear (&settings);
}

/* Categories */

static void
test_category_add (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *categories = sd_store_get_items (fixture->store, SD_TYPE_RISK_CATEGORY);
  SdRiskCategory *supply, *chinese, *again;
  int last = 0;

  for (guint c = 0; c < g_list_model_get_n_items (categories); c++)
    {
      g_autoptr(SdRiskCategory) category = g_list_model_get_item (categories, c);

      last = MAX (last, sd_risk_category_get_position (category));
    }

  supply = sd_risk_category_add (fixture->store, "  Supply chain ", &error);
  g_assert_no_error (error);
  g_assert_true (SD_IS_RISK_CATEGORY (supply));
  g_assert_cmpstr (sd_risk_category_get_name (supply), ==, "Supply chain");
  g_assert_cmpstr (sd_risk_category_get_code (supply), ==, "supply-chain");
  g_assert_cmpint (sd_risk_category_get_position (supply), ==, last + 1);

  chinese = sd_risk_category_add (fixture->store, "供应链安全", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sd_risk_category_get_name (chinese), ==, "供应链安全");
  g_assert_cmpstr (sd_risk_category_get_code (chinese), ==, "category");
  g_assert_cmpint (sd_risk_category_get_position (chinese), ==, last + 2);

  /* Another name without letters of its own: still a code of its own. */
  again = sd_risk_category_add (fixture->store, "外包", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sd_risk_category_get_code (again), ==, "category-2");

  /* The same name, in any case, or a built-in category's label. */
  g_assert_null (sd_risk_category_add (fixture->store, "supply CHAIN", &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_null (sd_risk_category_add (fixture->store, "Data", &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_null (sd_risk_category_add (fixture->store, " ", &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (categories), ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/risk-matrix/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/risk-matrix/presets", test_presets);
  g_test_add_func ("/risk-matrix/presets/quadrant-examples", test_quadrant_examples);
  ADD ("presets/by-score-is-default", test_by_score_is_default);
  g_test_add_func ("/risk-matrix/map-level", test_map_level);
  g_test_add_func ("/risk-matrix/labels-for-size", test_labels_for_size);
  ADD ("store/round-trip", test_round_trip);
  ADD ("store/rollback", test_rollback);
  ADD ("resize", test_resize);
  ADD ("resize/atomic", test_resize_atomic);
  ADD ("category-add", test_category_add);

  return g_test_run ();
}
