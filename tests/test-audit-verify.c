/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sd-assessment.h"
#include "sd-audit-verify.h"
#include "sd-matrix-settings.h"
#include "sd-person.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-risk.h"
#include "sd-risk-history.h"
#include "sd-risk-category.h"
#include "sd-risk-matrix.h"
#include "sd-risk-settings.h"
#include "sd-rule.h"
#include "sd-signoff.h"
#include "sd-store.h"
#include "sd-store-private.h"
#include "sd-store-schema.h"
#include "sd-unit.h"

/*
 * The audit log is verified on real files: the store makes a history of
 * every kind of edit, then the file is changed behind its back with
 * SQLite, as someone with the file and the sqlite3 tool could, and the
 * verification must name the right entry, or the right row.
 */

typedef struct
{
  char    *dir;
  char    *path;
  SdStore *store;
  /* Rows of the history that the tests tamper with. */
  gint64   dept_id;
  gint64   person_id;
  gint64   holder_id;
} Fixture;

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
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

  fixture->dir = g_dir_make_tmp ("sd-test-audit-verify-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = open_store (fixture->path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Helpers */

static SdAuditReport *
verify (SdStore *store)
{
  g_autoptr(GError) error = NULL;
  SdAuditReport *report = sd_store_verify_audit (store, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static gint64
query_int64 (const char *path,
             const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Changes the file as the sqlite3 tool would: the store is closed first,
 * so nothing of it is cached, and opened again afterwards. */
static void
tamper (Fixture    *fixture,
        const char *sql)
{
  sqlite3 *db;
  char *message = NULL;

  g_clear_object (&fixture->store);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
  fixture->store = open_store (fixture->path);
}

static void
assert_ok (SdStore *store)
{
  g_autoptr(SdAuditReport) report = verify (store);

  if (!sd_audit_report_get_ok (report))
    g_error ("Expected the log to verify: %s", sd_audit_report_get_message (report));
  g_assert_cmpint (sd_audit_report_get_problem (report), ==, SD_AUDIT_PROBLEM_NONE);
  g_assert_cmpint (sd_audit_report_get_first_bad_id (report), ==, 0);
  g_assert_null (sd_audit_report_get_entity (report));
  g_assert_null (sd_audit_report_get_message (report));
}

/* The problem, the entry and the row the report must name; the message
 * must name the entry too. */
static void
assert_problem (SdStore        *store,
                SdAuditProblem  problem,
                gint64          entry_id,
                const char     *entity,
                gint64          entity_id)
{
  g_autoptr(SdAuditReport) report = verify (store);
  const char *message = sd_audit_report_get_message (report);

  g_test_message ("%s", message != NULL ? message : "(ok)");
  g_assert_false (sd_audit_report_get_ok (report));
  g_assert_cmpint (sd_audit_report_get_problem (report), ==, problem);
  g_assert_cmpint (sd_audit_report_get_first_bad_id (report), ==, entry_id);
  g_assert_cmpstr (sd_audit_report_get_entity (report), ==, entity);
  g_assert_cmpint (sd_audit_report_get_entity_id (report), ==, entity_id);
  g_assert_nonnull (message);
  if (entry_id != 0)
    {
      g_autofree char *number = g_strdup_printf ("#%" G_GINT64_FORMAT, entry_id);

      g_assert_nonnull (strstr (message, number));
    }
  if (entity != NULL)
    g_assert_nonnull (strstr (message, entity));
}

static gint64
last_entry_about (Fixture    *fixture,
                  const char *entity,
                  gint64      id)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT max(id) FROM audit_log"
                                       " WHERE entity = ? AND entity_id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* A history with every kind of edit the store makes: inserts, updates,
 * a delete that cascades and clears references, its undo, a batch, a
 * batch rolled back, edits of the rows the schema creates, a sign-off
 * with a drawn signature, a re-rating and a change of the matrix's size
 * that maps the ratings. */
static void
make_history (Fixture *fixture)
{
  SdStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(SdDeletion) deletion = NULL;
  g_autoptr(GBytes) signature = g_bytes_new_static ("\x89PNG\r\n", 6);
  g_autofree char *zeros = g_strnfill (64, '0');
  SdMatrixSettings settings;
  SdUnit *company, *dept, *temp;
  SdPerson *person, *other;
  SdPost *post;
  SdPostHolder *holder;
  SdRisk *risk;
  SdRule *rule;
  SdRiskCategory *category;
  guint n_moved = 0;

  company = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "示例公司",
                             "kind", "company", NULL);
  g_assert_no_error (error);
  dept = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "信息部",
                          "parent-id", sd_item_get_id (SD_ITEM (company)),
                          "staff-count", 12, NULL);
  g_assert_no_error (error);
  fixture->dept_id = sd_item_get_id (SD_ITEM (dept));
  person = sd_store_insert (store, SD_TYPE_PERSON, &error, "name", "李娜",
                            "unit-id", fixture->dept_id, "job-title", "工程师\t\"主管\"", NULL);
  g_assert_no_error (error);
  fixture->person_id = sd_item_get_id (SD_ITEM (person));
  g_assert_true (sd_store_update (store, dept, &error, "head-id", fixture->person_id, NULL));
  g_assert_true (sd_store_update (store, dept, &error, "staff-count", 14,
                                  "name", "信息技术部", NULL));
  post = sd_store_insert (store, SD_TYPE_POST, &error, "name", "系统管理员",
                          "unit-id", fixture->dept_id, "post-type", "system-admin",
                          "key-post", TRUE, NULL);
  g_assert_no_error (error);
  holder = sd_store_insert (store, SD_TYPE_POST_HOLDER, &error,
                            "post-id", sd_item_get_id (SD_ITEM (post)),
                            "person-id", fixture->person_id, "is-primary", FALSE, NULL);
  g_assert_no_error (error);
  fixture->holder_id = sd_item_get_id (SD_ITEM (holder));

  /* A delete that cascades and clears the references to it, undone. */
  deletion = sd_store_delete_with_undo (store, dept, &error);
  g_assert_no_error (error);
  g_assert_true (sd_store_undo_deletion (store, deletion, &error));
  g_assert_no_error (error);

  /* A plain delete of a row with a reference to it cleared. */
  other = sd_store_insert (store, SD_TYPE_PERSON, &error, "name", "王芳", NULL);
  temp = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "临时组", NULL);
  g_assert_no_error (error);
  g_assert_true (sd_store_update (store, other, &error,
                                  "unit-id", sd_item_get_id (SD_ITEM (temp)), NULL));
  g_assert_true (sd_store_delete (store, temp, &error));
  g_assert_no_error (error);

  /* A batch, and a batch that is rolled back (its entries go with it). */
  g_assert_true (sd_store_begin (store, &error));
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("科室 %d", i);

      g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", name,
                                         "parent-id", fixture->dept_id, NULL));
    }
  g_assert_true (sd_store_commit (store, &error));
  g_assert_true (sd_store_begin (store, &error));
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "不存在", NULL));
  sd_store_rollback (store);
  g_assert_no_error (error);

  /* The rows the schema makes, changed and deleted through the store. */
  rule = sd_store_lookup (store, SD_TYPE_RULE, 1);
  g_assert_nonnull (rule);
  g_assert_true (sd_store_update (store, rule, &error, "reason", "不能兼任", NULL));
  g_assert_true (sd_store_delete (store, sd_store_lookup (store, SD_TYPE_RULE, 2), &error));
  category = sd_store_lookup (store, SD_TYPE_RISK_CATEGORY, 3);
  g_assert_true (sd_store_update (store, category, &error, "name", "运营", NULL));
  g_assert_no_error (error);

  /* A sign-off with a drawn signature (logged as its checksum). */
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_SIGNOFF, &error,
                                     "unit-id", fixture->dept_id,
                                     "signer-name", "李娜", "meaning", "已阅读并接受",
                                     "signed-at", "2026-11-21T10:00:00Z",
                                     "canonical-text", "text",
                                     "sha256", zeros,
                                     "signature", signature, NULL));
  g_assert_no_error (error);

  /* A risk, re-rated, then the matrix made 4×4 with its titles and labels:
   * the ratings are mapped and each mapping recorded as an assessment. */
  risk = sd_store_insert (store, SD_TYPE_RISK, &error, "code", "R-001", "title", "泄密",
                          "category-id", (gint64) 1, "owner-unit-id", fixture->dept_id,
                          "inherent-likelihood", 5, "inherent-impact", 4,
                          "residual-likelihood", 3, "residual-impact", 3,
                          "target-likelihood", 2, "target-impact", 2, NULL);
  g_assert_no_error (error);
  g_assert_nonnull (sd_risk_rerate (store, risk, SD_RISK_LEVEL_RESIDUAL, 2, 3, "整改", NULL,
                                    &error));
  g_assert_no_error (error);
  sd_store_get_matrix (store, &settings);
  settings.size = 4;
  sd_matrix_preset_fill (SD_MATRIX_PRESET_QUADRANTS, 4, settings.zones);
  settings.likelihood_title = g_strdup ("可能性");
  settings.likelihood_labels[0] = g_strdup ("极少");
  settings.likelihood_labels[3] = g_strdup ("经常");
  g_assert_true (sd_risk_matrix_apply (store, &settings, &n_moved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_moved, ==, 1);
  sd_matrix_settings_clear (&settings);

  /* The last entry: an update of the department. */
  g_assert_true (sd_store_update (store, sd_store_lookup (store, SD_TYPE_UNIT, fixture->dept_id),
                                  &error, "staff-count", 15, NULL));
  g_assert_no_error (error);
}

/* Untouched */

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(SdAuditReport) report = verify (fixture->store);

  /* A new file: no entry yet, and only the rows the schema makes. */
  g_assert_true (sd_audit_report_get_ok (report));
  g_assert_cmpuint (sd_audit_report_get_n_entries (report), ==, 0);
}

static void
test_intact (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(SdAuditReport) report = NULL;
  gint64 n;

  make_history (fixture);
  n = query_int64 (fixture->path, "SELECT count(*) FROM audit_log");
  g_assert_cmpint (n, >, 30);

  report = verify (fixture->store);
  if (!sd_audit_report_get_ok (report))
    g_error ("%s", sd_audit_report_get_message (report));
  g_assert_cmpuint (sd_audit_report_get_n_entries (report), ==, n);

  /* And after a reopen (a checkpoint of the write-ahead log). */
  g_clear_object (&fixture->store);
  fixture->store = open_store (fixture->path);
  assert_ok (fixture->store);
}

/* The chain */

static void
test_edited (Fixture       *fixture,
             gconstpointer  data)
{
  make_history (fixture);
  tamper (fixture, "UPDATE audit_log SET after = replace (after, '信息部', '财务部')"
                   " WHERE id = 2");
  assert_problem (fixture->store, SD_AUDIT_PROBLEM_EDITED, 2, "units", fixture->dept_id);
}

static void
test_edited_fields (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *edits[] = {
    "UPDATE audit_log SET at = '2020-01-01T00:00:00.000000Z' WHERE id = 5",
    "UPDATE audit_log SET operator = 'someone' WHERE id = 5",
    "UPDATE audit_log SET entity_id = entity_id + 100 WHERE id = 5",
    "UPDATE audit_log SET action = 'delete' WHERE id = 5",
    "UPDATE audit_log SET hash = lower (hex (randomblob (32))) WHERE id = 5",
  };
  g_autofree char *contents = NULL;
  gsize length;

  make_history (fixture);
  g_clear_object (&fixture->store);
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      gint64 entity_id;

      g_assert_true (g_file_set_contents (fixture->path, contents, length, NULL));
      tamper (fixture, edits[i]);
      entity_id = query_int64 (fixture->path, "SELECT entity_id FROM audit_log WHERE id = 5");
      g_test_message ("%s", edits[i]);
      assert_problem (fixture->store, SD_AUDIT_PROBLEM_EDITED, 5, "units", entity_id);
    }
}

/* Edited, and its hash made again to match: then the next entry's link no
 * longer holds. */
static void
test_edited_and_rehashed (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *hash = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *prev = NULL, *at = NULL, *os_user = NULL, *operator_ = NULL;
  g_autofree char *entity = NULL, *action = NULL, *before = NULL, *after = NULL;
  gint64 entity_id = 0;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  make_history (fixture);
  g_clear_object (&fixture->store);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT prev_hash, at, os_user, operator, entity,"
                                       " entity_id, action, before, after FROM audit_log"
                                       " WHERE id = 3", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  prev = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  os_user = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  operator_ = g_strdup ("someone else");
  entity = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  entity_id = sqlite3_column_int64 (stmt, 5);
  action = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  before = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  after = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  sqlite3_finalize (stmt);
  hash = sd_audit_compute_hash (prev, at, os_user, operator_, entity, entity_id, action,
                                before, after);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE audit_log SET operator = ?, hash = ?"
                                       " WHERE id = 3", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, operator_, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  fixture->store = open_store (fixture->path);
  entity_id = query_int64 (fixture->path, "SELECT entity_id FROM audit_log WHERE id = 4");
  assert_problem (fixture->store, SD_AUDIT_PROBLEM_UNLINKED, 4, "units", entity_id);
}

static void
test_deleted (Fixture       *fixture,
              gconstpointer  data)
{
  make_history (fixture);
  /* Entry 6 adds the post, 7 its holder. */
  tamper (fixture, "DELETE FROM audit_log WHERE id = 6");
  assert_problem (fixture->store, SD_AUDIT_PROBLEM_UNLINKED, 7, "post_holders",
                  fixture->holder_id);
}

static void
test_deleted_first (Fixture       *fixture,
                    gconstpointer  data)
{
  make_history (fixture);
  /* The first entries are the company and the department. */
  tamper (fixture, "DELETE FROM audit_log WHERE id = 1");
  assert_problem (fixture->store, SD_AUDIT_PROBLEM_UNLINKED, 2, "units", fixture->dept_id);
}

static void
test_swapped (Fixture       *fixture,
              gconstpointer  data)
{
  make_history (fixture);
  /* Entries 2 (the department) and 3 (the person) change places. */
  tamper (fixture, "UPDATE audit_log SET id = -2 WHERE id = 2;"
                   "UPDATE audit_log SET id = 2 WHERE id = 3;"
                   "UPDATE audit_log SET id = 3 WHERE id = -2;");
  assert_problem (fixture->store, SD_AUDIT_PROBLEM_UNLINKED, 2, "people", fixture->person_id);
}

/* An entry slipped in between two others, with a hash that is right for
 * its own content and the entry before: the entry after it gives it away. */
static void
test_inserted (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *prev = NULL;
  g_autofree char *hash = NULL;
  const char *after = "{\"name\":\"影子部\"}";
  sqlite3 *db;
  sqlite3_stmt *stmt;

  make_history (fixture);
  g_clear_object (&fixture->store);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET id = -(id + 1) WHERE id > 4;"
                                 "UPDATE audit_log SET id = -id WHERE id < 0;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT hash FROM audit_log WHERE id = 4", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  prev = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  hash = sd_audit_compute_hash (prev, "2026-01-01T00:00:00.000000Z", "mallory", "mallory",
                                "units", fixture->dept_id, "update", NULL, after);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO audit_log (id, at, os_user, operator,"
                                       " entity, entity_id, action, after, prev_hash, hash)"
                                       " VALUES (5, '2026-01-01T00:00:00.000000Z', 'mallory',"
                                       " 'mallory', 'units', ?, 'update', ?, ?, ?)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, fixture->dept_id);
  sqlite3_bind_text (stmt, 2, after, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, prev, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, hash, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  fixture->store = open_store (fixture->path);
  /* Entry 5 (the department's second update) is now 6. */
  assert_problem (fixture->store, SD_AUDIT_PROBLEM_UNLINKED, 6, "units", fixture->dept_id);
}

/* An entry added at the end that does not follow the last one. */
static void
test_appended (Fixture       *fixture,
               gconstpointer  data)
{
  gint64 last;

  make_history (fixture);
  last = query_int64 (fixture->path, "SELECT max(id) FROM audit_log");
  tamper (fixture, "INSERT INTO audit_log (at, os_user, operator, entity, entity_id, action,"
                   " before, after, prev_hash, hash)"
                   " SELECT at, os_user, operator, entity, entity_id, action, before, after,"
                   " prev_hash, hash FROM audit_log WHERE id = 3");
  assert_problem (fixture->store, SD_AUDIT_PROBLEM_UNLINKED, last + 1, "people",
                  fixture->person_id);
}

/* The data */

static void
test_data_changed (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *sql = NULL;
  gint64 entry;

  make_history (fixture);
  entry = last_entry_about (fixture, "people", fixture->person_id);
  sql = g_strdup_printf ("UPDATE people SET job_title = '经理' WHERE id = %" G_GINT64_FORMAT,
                         fixture->person_id);
  tamper (fixture, sql);
  assert_problem (fixture->store, SD_AUDIT_PROBLEM_DATA, entry, "people", fixture->person_id);
}

/* A change the log made in several updates, then one more behind its back. */
static void
test_data_changed_after_updates (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *sql = NULL;
  gint64 entry;

  make_history (fixture);
  entry = last_entry_about (fixture, "units", fixture->dept_id);
  sql = g_strdup_printf ("UPDATE units SET head_id = NULL WHERE id = %" G_GINT64_FORMAT,
                         fixture->dept_id);
  tamper (fixture, sql);
  assert_problem (fixture->store, SD_AUDIT_PROBLEM_DATA, entry, "units", fixture->dept_id);
}

static void
test_data_signature (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 entry;

  make_history (fixture);
  entry = last_entry_about (fixture, "signoffs", 1);
  tamper (fixture, "UPDATE signoffs SET signature = x'89504e47' WHERE id = 1");
  assert_problem (fixture->store, SD_AUDIT_PROBLEM_DATA, entry, "signoffs", 1);
}

static void
test_data_added (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 id;

  make_history (fixture);
  tamper (fixture, "INSERT INTO duties (code, text) VALUES ('X-1', '影子职责')");
  id = query_int64 (fixture->path, "SELECT id FROM duties WHERE code = 'X-1'");
  assert_problem (fixture->store, SD_AUDIT_PROBLEM_DATA, 0, "duties", id);
}

static void
test_data_removed (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *sql = NULL;
  gint64 entry;

  make_history (fixture);
  entry = last_entry_about (fixture, "post_holders", fixture->holder_id);
  sql = g_strdup_printf ("DELETE FROM post_holders WHERE id = %" G_GINT64_FORMAT,
                         fixture->holder_id);
  tamper (fixture, sql);
  assert_problem (fixture->store, SD_AUDIT_PROBLEM_DATA, entry, "post_holders",
                  fixture->holder_id);
}

/* A row the log deleted, put back by hand. */
static void
test_data_restored (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 entry;

  make_history (fixture);
  entry = last_entry_about (fixture, "incompatibility_rules", 2);
  tamper (fixture, "INSERT INTO incompatibility_rules (id, post_type_a, post_type_b)"
                   " VALUES (2, 'security-admin', 'system-admin')");
  assert_problem (fixture->store, SD_AUDIT_PROBLEM_DATA, entry, "incompatibility_rules", 2);
}

/* The rows the schema makes are known without an entry, exactly. */
static void
test_data_schema_rows (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *copy = NULL;
  gsize length;

  make_history (fixture);
  g_clear_object (&fixture->store);
  g_assert_true (g_file_get_contents (fixture->path, &copy, &length, NULL));

  tamper (fixture, "UPDATE incompatibility_rules SET reason = '可以兼任' WHERE id = 3");
  assert_problem (fixture->store, SD_AUDIT_PROBLEM_DATA, 0, "incompatibility_rules", 3);

  g_clear_object (&fixture->store);
  g_assert_true (g_file_set_contents (fixture->path, copy, length, NULL));
  tamper (fixture, "DELETE FROM risk_categories WHERE id = 2");
  assert_problem (fixture->store, SD_AUDIT_PROBLEM_DATA, 0, "risk_categories", 2);

  /* Changed through the store, then behind its back. */
  g_clear_object (&fixture->store);
  g_assert_true (g_file_set_contents (fixture->path, copy, length, NULL));
  tamper (fixture, "UPDATE risk_categories SET position = 9 WHERE id = 3");
  assert_problem (fixture->store, SD_AUDIT_PROBLEM_DATA,
                  last_entry_about (fixture, "risk_categories", 3), "risk_categories", 3);
}

static void
test_data_matrix (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *edits[] = {
    "UPDATE risk_matrix SET size = 5",
    "UPDATE risk_matrix SET likelihood_title = '可能性 '",
    "UPDATE risk_matrix SET impact_labels = 'a\nb\nc\nd'",
    "UPDATE risk_matrix_cells SET zone = 'low' WHERE likelihood = 4 AND impact = 4",
  };
  g_autofree char *copy = NULL;
  gsize length;
  gint64 entry;

  make_history (fixture);
  entry = last_entry_about (fixture, "risk_matrix", 1);
  g_assert_cmpint (entry, >, 0);
  g_clear_object (&fixture->store);
  g_assert_true (g_file_get_contents (fixture->path, &copy, &length, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_clear_object (&fixture->store);
      g_assert_true (g_file_set_contents (fixture->path, copy, length, NULL));
      g_test_message ("%s", edits[i]);
      tamper (fixture, edits[i]);
      assert_problem (fixture->store, SD_AUDIT_PROBLEM_DATA, entry, "risk_matrix", 1);
    }

  /* The cells outside a 4×4 matrix are not part of it (see
   * sd-audit-verify.c): the presets change them unlogged. */
  g_clear_object (&fixture->store);
  g_assert_true (g_file_set_contents (fixture->path, copy, length, NULL));
  tamper (fixture, "UPDATE risk_matrix_cells SET zone = 'major' WHERE likelihood = 5");
  assert_ok (fixture->store);
}

/* The matrix as a new database has it, never changed through the store. */
static void
test_data_default_matrix (Fixture       *fixture,
                          gconstpointer  data)
{
  tamper (fixture, "UPDATE risk_matrix_cells SET zone = 'major' WHERE likelihood = 1"
                   " AND impact = 1");
  assert_problem (fixture->store, SD_AUDIT_PROBLEM_DATA, 0, "risk_matrix", 1);
}

/* The last entries removed: the chain still holds, the data gives it away. */
static void
test_tail_deleted (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 last, previous;
  g_autofree char *sql = NULL;

  make_history (fixture);
  last = query_int64 (fixture->path, "SELECT max(id) FROM audit_log");
  g_assert_cmpint (last, ==, last_entry_about (fixture, "units", fixture->dept_id));
  sql = g_strdup_printf ("SELECT max(id) FROM audit_log WHERE entity = 'units' AND"
                         " entity_id = %" G_GINT64_FORMAT " AND id < %" G_GINT64_FORMAT,
                         fixture->dept_id, last);
  previous = query_int64 (fixture->path, sql);

  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("DELETE FROM audit_log WHERE id = %" G_GINT64_FORMAT, last);
  tamper (fixture, sql);
  assert_problem (fixture->store, SD_AUDIT_PROBLEM_DATA, previous, "units", fixture->dept_id);
}

/* The tail cut at an insertion: the row is there, the log never added it. */
static void
test_tail_insert_deleted (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SdUnit *unit;
  gint64 id;

  make_history (fixture);
  unit = sd_store_insert (fixture->store, SD_TYPE_UNIT, &error, "name", "新部门", NULL);
  g_assert_no_error (error);
  id = sd_item_get_id (SD_ITEM (unit));
  assert_ok (fixture->store);
  tamper (fixture, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)");
  assert_problem (fixture->store, SD_AUDIT_PROBLEM_DATA, 0, "units", id);
}

/* A file from schema 1: its entries do not mention the columns schema 2
 * added, which the migration filled with their default. */
static void
test_migrated (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "v1.db", NULL);
  g_autofree char *pragma = g_strdup_printf ("PRAGMA application_id = %d;"
                                             "PRAGMA user_version = 1;",
                                             SD_STORE_APPLICATION_ID);
  g_autofree char *prev = g_strdup ("");
  SdItemClass *klass;
  SdTable tables[2];
  const char *selects[2];
  sqlite3 *db;

  /* The tables as schema 1's app described them: the assessments without
   * their last two columns. */
  klass = g_type_class_ref (SD_TYPE_RISK);
  tables[0] = *sd_item_class_get_table (klass);
  g_type_class_unref (klass);
  klass = g_type_class_ref (SD_TYPE_ASSESSMENT);
  tables[1] = *sd_item_class_get_table (klass);
  g_type_class_unref (klass);
  g_assert_cmpstr (tables[1].columns[tables[1].n_columns - 2].name, ==, "matrix_size");
  tables[1].n_columns -= 2;
  selects[0] = "SELECT code, title, category_id, description, cause, consequence,"
               " owner_unit_id, owner_person_id, inherent_likelihood, inherent_impact,"
               " residual_likelihood, residual_impact, target_likelihood, target_impact,"
               " treatment, measures, status, next_review FROM risks WHERE id = 1";
  selects[1] = "SELECT risk_id, at, level, old_likelihood, old_impact, new_likelihood,"
               " new_impact, reason, workshop FROM risk_assessments WHERE id = 1";

  g_clear_object (&fixture->store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sd_store_migrations[0], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO risks (code, title, category_id,"
                                 " inherent_likelihood, inherent_impact, residual_likelihood,"
                                 " residual_impact, target_likelihood, target_impact)"
                                 " VALUES ('R-1', '泄密', 1, 3, 3, 2, 2, 1, 1);"
                                 "INSERT INTO risk_assessments (risk_id, at, level,"
                                 " new_likelihood, new_impact, reason)"
                                 " VALUES (1, '2025-01-01T00:00:00Z', 'inherent', 3, 3, '初评');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  /* Their entries, written as that version wrote them. */
  for (guint t = 0; t < 2; t++)
    {
      g_autofree char *after = NULL;
      char *hash;
      sqlite3_stmt *stmt;

      g_assert_cmpint (sqlite3_prepare_v2 (db, selects[t], -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      after = sd_store_row_to_json (&tables[t], stmt, 0);
      sqlite3_finalize (stmt);
      g_assert_null (strstr (after, "matrix_size"));

      hash = sd_audit_compute_hash (prev, "2025-01-01T00:00:00.000000Z", "admin", "admin",
                                    tables[t].name, 1, "insert", NULL, after);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO audit_log (at, os_user, operator,"
                                           " entity, entity_id, action, after, prev_hash, hash)"
                                           " VALUES ('2025-01-01T00:00:00.000000Z', 'admin',"
                                           " 'admin', ?, 1, 'insert', ?, ?, ?)",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, tables[t].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, after, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, prev, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, hash, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
      g_free (prev);
      prev = hash;
    }
  sqlite3_close (db);

  /* Opening migrates it to the current schema. */
  fixture->store = open_store (path);
  g_assert_cmpint (query_int64 (path, "PRAGMA user_version"), ==, sd_store_n_migrations);
  assert_ok (fixture->store);

  /* The default is the rule, not anything at all. */
  g_clear_object (&fixture->store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE risk_assessments SET matrix_size = 4", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  fixture->store = open_store (path);
  assert_problem (fixture->store, SD_AUDIT_PROBLEM_DATA, 2, "risk_assessments", 1);
}

/* Running */

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SdAuditReport) report = NULL;

  make_history (fixture);
  g_cancellable_cancel (cancellable);
  report = sd_store_verify_audit (fixture->store, NULL, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_unreadable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdAuditReport) report = NULL;

  /* The file is gone under the open store: nothing to read at all. */
  g_assert_cmpint (g_remove (fixture->path), ==, 0);
  report = sd_store_verify_audit (fixture->store, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_IO);
}

typedef struct
{
  SdStore  *store;
  gint      done;
  gint      n_runs;
  GError   *error;
  char     *failure;
} Race;

static gpointer
verify_thread (gpointer data)
{
  Race *race = data;

  while (!g_atomic_int_get (&race->done))
    {
      SdAuditReport *report = sd_store_verify_audit (race->store, NULL, NULL, &race->error);

      if (report == NULL)
        break;
      g_atomic_int_inc (&race->n_runs);
      if (!sd_audit_report_get_ok (report) && race->failure == NULL)
        race->failure = g_strdup (sd_audit_report_get_message (report));
      sd_audit_report_free (report);
    }
  return NULL;
}

/* Verifying in a thread while the store goes on writing: each run sees
 * the log and the data of one moment, so edits are never mistaken for
 * tampering. */
static void
test_while_writing (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Race race = { fixture->store, 0, 0, NULL, NULL };
  GThread *thread;
  SdUnit *unit;

  make_history (fixture);
  unit = sd_store_lookup (fixture->store, SD_TYPE_UNIT, fixture->dept_id);
  thread = g_thread_new ("verify", verify_thread, &race);
  for (int i = 0; i < 300 || g_atomic_int_get (&race.n_runs) < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("部门 %d", i);
      SdPerson *person;

      g_assert_true (sd_store_update (fixture->store, unit, &error, "staff-count", i, NULL));
      person = sd_store_insert (fixture->store, SD_TYPE_PERSON, &error, "name", name, NULL);
      g_assert_no_error (error);
      if (i % 2 == 0)
        g_assert_true (sd_store_delete (fixture->store, person, &error));
      g_assert_no_error (error);
    }
  g_atomic_int_set (&race.done, 1);
  g_thread_join (thread);

  g_assert_no_error (race.error);
  g_assert_null (race.failure);
  g_assert_cmpint (race.n_runs, >=, 3);
  assert_ok (fixture->store);
}

/* Two writers of one file (the command line while the window is open):
 * each goes on from the file's last entry, not from the last one it wrote
 * itself. */
static void
test_two_writers (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) other = open_store (fixture->path);

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("部门 %d", i);

      g_assert_nonnull (sd_store_insert (fixture->store, SD_TYPE_UNIT, &error, "name", name,
                                         NULL));
      g_assert_no_error (error);
      g_assert_true (sd_store_begin (other, &error));
      g_assert_nonnull (sd_store_insert (other, SD_TYPE_PERSON, &error, "name", name, NULL));
      g_assert_true (sd_store_commit (other, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (query_int64 (fixture->path, "SELECT count(*) FROM audit_log"), ==, 6);
  assert_ok (fixture->store);
}

/* Two writers change different fields of one row. Each writes only the
 * field it changed: writing back the rest of its stale copy would undo the
 * other's change without an entry, and the data would no longer match the
 * log. */
static void
test_two_writers_one_row (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) other = NULL;
  SdPerson *mine, *theirs;
  g_autofree char *sql = NULL;

  mine = sd_store_insert (fixture->store, SD_TYPE_PERSON, &error, "name", "王芳",
                          "job-title", "专员", NULL);
  g_assert_no_error (error);
  other = open_store (fixture->path);
  theirs = sd_store_lookup (other, SD_TYPE_PERSON, sd_item_get_id (SD_ITEM (mine)));
  g_assert_nonnull (theirs);

  g_assert_true (sd_store_update (other, theirs, &error, "job-title", "主管", NULL));
  g_assert_no_error (error);
  /* This store still holds "专员"; it changes the name only. */
  g_assert_true (sd_store_update (fixture->store, mine, &error, "name", "王芳芳", NULL));
  g_assert_no_error (error);

  sql = g_strdup_printf ("SELECT job_title = '主管' AND name = '王芳芳' FROM people "
                         "WHERE id = %" G_GINT64_FORMAT, sd_item_get_id (SD_ITEM (mine)));
  g_assert_cmpint (query_int64 (fixture->path, sql), ==, 1);
  assert_ok (fixture->store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/audit-verify/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("empty", test_empty);
  ADD ("intact", test_intact);
  ADD ("edited", test_edited);
  ADD ("edited-fields", test_edited_fields);
  ADD ("edited-and-rehashed", test_edited_and_rehashed);
  ADD ("deleted", test_deleted);
  ADD ("deleted-first", test_deleted_first);
  ADD ("swapped", test_swapped);
  ADD ("inserted", test_inserted);
  ADD ("appended", test_appended);
  ADD ("data-changed", test_data_changed);
  ADD ("data-changed-after-updates", test_data_changed_after_updates);
  ADD ("data-signature", test_data_signature);
  ADD ("data-added", test_data_added);
  ADD ("data-removed", test_data_removed);
  ADD ("data-restored", test_data_restored);
  ADD ("data-schema-rows", test_data_schema_rows);
  ADD ("data-matrix", test_data_matrix);
  ADD ("data-default-matrix", test_data_default_matrix);
  ADD ("tail-deleted", test_tail_deleted);
  ADD ("tail-insert-deleted", test_tail_insert_deleted);
  ADD ("migrated", test_migrated);
  ADD ("cancelled", test_cancelled);
  ADD ("unreadable", test_unreadable);
  ADD ("while-writing", test_while_writing);
  ADD ("two-writers", test_two_writers);
  ADD ("two-writers-one-row", test_two_writers_one_row);

#undef ADD

  return g_test_run ();
}
