/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * libFuzzer target: opening a database file.
 *
 * Each input is written to a file, which sd_store_open() opens as the
 * app opens a file the user picked (no SD_STORE_OPEN_CREATE). Whatever
 * the bytes:
 *
 * - the open fails with an SD_STORE_ERROR, and the file is not touched;
 * - or it succeeds, and then every table reads (or the store reports the
 *   damage), every item's every property can be read, the checks the
 *   window runs at once (the rules, the sign-off status, the unit tree)
 *   finish, and the integrity check comes to an end. If the store found
 *   the file damaged, it refuses an edit, and the file's bytes are exactly
 *   those of the input: a damaged file is never written to.
 *
 * A valid database, the seed that reaches the deeper paths, is made at
 * test time by make-db-seed (see run-fuzz.sh): as a file of the store's
 * own making it is too large to keep in the corpus.
 */

#define G_LOG_DOMAIN "fuzz-open-db"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "sd-duty.h"
#include "sd-duty-matrix.h"
#include "sd-duty-rules.h"
#include "sd-heatmap-data.h"
#include "sd-item.h"
#include "sd-org-chart.h"
#include "sd-org-rules.h"
#include "sd-risk.h"
#include "sd-risk-rating.h"
#include "sd-statement.h"
#include "sd-store.h"
#include "sd-unit.h"
#include "sd-unit-tree.h"

#include "fuzz-common.h"

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

static struct
{
  char *dir;
  char *path;
} fuzz;

static void
cleanup (void)
{
  if (fuzz.dir == NULL)
    return;
  fuzz_remove_database (fuzz.path);
  g_rmdir (fuzz.dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  fuzz_init_logging ();
  fuzz.dir = g_dir_make_tmp ("sd-fuzz-open-db-XXXXXX", &error);
  g_assert_no_error (error);
  fuzz.path = g_build_filename (fuzz.dir, "fuzz.db", NULL);
  atexit (cleanup);
  return 0;
}

static void
assert_file_is (const uint8_t *data,
                size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (fuzz.path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, data, size);
}

/* Every property of every item, as a view would show them. Once the file
 * has passed the check, each id names one item (a file still being
 * checked may be damaged, and then any row can come back). */
static void
read_items (SdStore  *store,
            gboolean  verified)
{
  const GType *types;
  guint n_types;

  types = sd_store_get_item_types (&n_types);
  for (guint t = 0; t < n_types; t++)
    {
      GListModel *model = sd_store_get_items (store, types[t]);
      guint n_items = g_list_model_get_n_items (model);
      g_autoptr(GTypeClass) klass = g_type_class_ref (types[t]);
      g_autofree GParamSpec **pspecs = NULL;
      guint n_pspecs = 0;

      pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_pspecs);
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(SdItem) item = g_list_model_get_item (model, i);

          g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (item, types[t]));
          if (verified)
            g_assert_true (sd_store_lookup (store, types[t], sd_item_get_id (item)) == item);
          for (guint p = 0; p < n_pspecs; p++)
            {
              g_auto(GValue) value = G_VALUE_INIT;

              if (!(pspecs[p]->flags & G_PARAM_READABLE))
                continue;
              g_value_init (&value, pspecs[p]->value_type);
              g_object_get_property (G_OBJECT (item), pspecs[p]->name, &value);
              if (G_VALUE_HOLDS_STRING (&value) && g_value_get_string (&value) != NULL)
                g_assert_true (g_utf8_validate (g_value_get_string (&value), -1, NULL));
            }
        }
    }
}

/* What the window works out as soon as a file is open: the rules, the
 * sign-off status, the unit tree, the org chart, the duty matrix, the
 * heat maps. */
static void
run_checks (SdStore *store)
{
  PangoContext *context = sd_org_chart_create_pango_context ();
  g_autoptr(SdOrgChart) chart = sd_org_chart_new (store, context);
  g_autoptr(SdDutyMatrix) matrix = sd_duty_matrix_new (store);
  g_autoptr(GPtrArray) org = sd_org_check (store);
  g_autoptr(GPtrArray) duties = sd_duty_check (store);
  g_autoptr(GPtrArray) status = sd_sign_status_list (store);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  int size;

  g_assert_nonnull (duties);
  g_assert_nonnull (status);
  g_assert_nonnull (chart);
  g_object_unref (context);
  g_assert_cmpuint (sd_duty_matrix_get_n_duties (matrix), ==,
                    g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_DUTY)));
  for (guint i = 0; i < org->len; i++)
    {
      g_autofree char *line = sd_violation_to_line (org->pdata[i]);
      g_assert_true (g_utf8_validate (line, -1, NULL));
    }
  sd_unit_tree_list (store, ids, labels);
  g_assert_cmpuint (ids->len, ==, labels->len);
  g_assert_cmpuint (ids->len, ==, g_list_model_get_n_items (sd_store_get_items (store,
                                                                                  SD_TYPE_UNIT)));

  size = sd_store_get_matrix_size (store);
  g_assert_cmpint (size, >=, 1);
  for (int l = 1; l <= size; l++)
    for (int i = 1; i <= size; i++)
      (void) sd_store_get_zone (store, l, i);

  /* The risks page: the heat map of each level, each risk's zone. */
  for (SdRiskLevel level = SD_RISK_LEVEL_INHERENT; level <= SD_RISK_LEVEL_TARGET; level++)
    {
      g_autoptr(SdHeatmapData) heatmap = sd_heatmap_data_new (store, level, NULL);
      GListModel *risks = sd_store_get_items (store, SD_TYPE_RISK);

      g_assert_cmpuint (sd_heatmap_data_get_n_risks (heatmap), <=,
                        g_list_model_get_n_items (risks));
      for (guint i = 0; i < g_list_model_get_n_items (risks); i++)
        {
          g_autoptr(SdRisk) risk = g_list_model_get_item (risks, i);
          (void) sd_risk_get_zone (store, risk, level);
        }
    }

  (void) sd_store_is_empty (store);
  audit = sd_store_get_audit_entries (store, NULL, 0, &error);
  g_assert_true ((audit != NULL) == (error == NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;
  gboolean damaged;

  fuzz_remove_database (fuzz.path);
  g_file_set_contents_full (fuzz.path, (const char *) data, size, G_FILE_SET_CONTENTS_NONE,
                            0600, &error);
  g_assert_no_error (error);

  store = sd_store_open (fuzz.path, SD_STORE_OPEN_NONE, &error);
  /* G_MESSAGES_DEBUG=fuzz-open-db tells what became of each input. */
  g_debug ("%s", store != NULL ? "opened" : error != NULL ? error->message : "(no error)");
  if (store == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == SD_STORE_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      assert_file_is (data, size);
      return 0;
    }
  g_assert_no_error (error);

  read_items (store, sd_store_get_verified (store));
  run_checks (store);

  if (!sd_store_wait_verified (store, &error))
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == SD_STORE_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
  g_clear_error (&error);
  if (sd_store_get_verified (store))
    read_items (store, TRUE);
  /* A table that could not be read counts as damage too. */
  damaged = sd_store_get_integrity (store) == SD_STORE_INTEGRITY_DAMAGED;
  g_assert_true (sd_store_get_integrity (store) != SD_STORE_INTEGRITY_CHECKING);

  if (damaged)
    {
      g_autoptr(SdUnit) unit = NULL;

      g_assert_true (sd_store_get_read_only (store));
      unit = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "fuzz", NULL);
      g_assert_null (unit);
      g_assert_nonnull (error);
    }

  g_clear_object (&store);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  if (damaged)
    assert_file_is (data, size);
  return 0;
}
