/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sd-store.h"
#include "sd-store-private.h"
#include "sd-store-schema.h"
#include "sd-assignment.h"
#include "sd-duty.h"
#include "sd-person.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-risk.h"
#include "sd-risk-category.h"
#include "sd-rule.h"
#include "sd-signoff.h"
#include "sd-unit.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sd-test-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
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

static guint
count_audit (SdStore    *store,
             const char *entity,
             gint64      id,
             const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sd_store_get_audit_entries (store, entity, id, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      SdAuditEntry *entry = g_ptr_array_index (entries, i);

      if (action == NULL || g_str_equal (entry->action, action))
        n++;
    }
  return n;
}

/* Creating */

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(SdStore) store = open_store (fixture->path);
  GStatBuf st;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_true (sd_store_get_created (store));
  g_assert_true (sd_store_is_empty (store));
  g_assert_false (sd_store_get_read_only (store));
  /* A new file has nothing to check. */
  g_assert_cmpint (sd_store_get_integrity (store), ==, SD_STORE_INTEGRITY_VERIFIED);
  g_assert_null (sd_store_get_integrity_error (store));

  /* The defaults of every new database: art. 7's rules, the categories, 5×5 zones. */
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_RULE)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_RISK_CATEGORY)),
                    ==, 3);
  g_assert_cmpint (sd_store_get_matrix_size (store), ==, 5);
  g_assert_cmpint (sd_store_get_zone (store, 1, 1), ==, SD_ZONE_LOW);
  g_assert_cmpint (sd_store_get_zone (store, 1, 4), ==, SD_ZONE_LOW);
  g_assert_cmpint (sd_store_get_zone (store, 1, 5), ==, SD_ZONE_MEDIUM);
  g_assert_cmpint (sd_store_get_zone (store, 3, 3), ==, SD_ZONE_MEDIUM);
  g_assert_cmpint (sd_store_get_zone (store, 2, 5), ==, SD_ZONE_HIGH);
  g_assert_cmpint (sd_store_get_zone (store, 3, 5), ==, SD_ZONE_MAJOR);
  g_assert_cmpint (sd_store_get_zone (store, 5, 5), ==, SD_ZONE_MAJOR);

  /* Private: signatures and personal data. */
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The pragmas and the version, read back with SQLite itself. */
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, sd_store_n_migrations);
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, SD_STORE_APPLICATION_ID);
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_open_missing_without_create (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = sd_store_open (fixture->path, SD_STORE_OPEN_NONE, &error);

  g_assert_null (store);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

/* Version 0 is an empty file: the one earlier schema version there is. */
static void
test_migrate_from_empty_file (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(SdStore) store = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "", 0, NULL));
  store = open_store (fixture->path);
  g_assert_true (sd_store_get_created (store));
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_RULE)), ==, 3);
}

/* Each migration step, run from every earlier version, gives the same schema. */
static char *
schema_of (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_schema ORDER BY type, name", -1,
                      &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %s %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static void
test_migrate_from_every_version (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *fresh_path = g_build_filename (fixture->dir, "fresh.db", NULL);
  g_autofree char *fresh_schema = NULL;

  g_object_unref (open_store (fresh_path));
  fresh_schema = schema_of (fresh_path);

  for (guint from = 0; from < sd_store_n_migrations; from++)
    {
      g_autofree char *path = g_strdup_printf ("%s/from-%u.db", fixture->dir, from);
      g_autofree char *schema = NULL;
      sqlite3 *db;
      g_autoptr(SdStore) store = NULL;

      /* Build the database of version @from by hand, as that version did. */
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      if (from > 0)
        {
          g_autofree char *pragma = g_strdup_printf ("PRAGMA application_id = %d;"
                                                     "PRAGMA user_version = %u;",
                                                     SD_STORE_APPLICATION_ID, from);
          for (guint v = 0; v < from; v++)
            g_assert_cmpint (sqlite3_exec (db, sd_store_migrations[v], NULL, NULL, NULL), ==,
                             SQLITE_OK);
          g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
        }
      sqlite3_close (db);

      /* An upgrade writes: the file was checked before it. */
      store = open_store (path);
      g_assert_true (sd_store_get_verified (store));
      g_clear_object (&store);
      schema = schema_of (path);
      g_assert_cmpstr (schema, ==, fresh_schema);
    }
}

/* The tables the items describe match the SQL schema, column by column. */
static void
test_items_match_schema (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SdStore) store = open_store (fixture->path);
  guint n_types;
  const GType *types = sd_store_get_item_types (&n_types);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  for (guint t = 0; t < n_types; t++)
    {
      SdItemClass *klass = g_type_class_ref (types[t]);
      const SdTable *table = sd_item_class_get_table (klass);
      g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (%s)", table->name);
      g_autoptr(GHashTable) columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             NULL);
      sqlite3_stmt *stmt;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      sqlite3_finalize (stmt);

      g_assert_true (g_hash_table_contains (columns, "id"));
      g_assert_cmpuint (g_hash_table_size (columns), ==, table->n_columns + 1);
      for (guint c = 0; c < table->n_columns; c++)
        {
          if (!g_hash_table_contains (columns, table->columns[c].name))
            g_error ("%s.%s is not in the schema", table->name, table->columns[c].name);
        }
      g_type_class_unref (klass);
    }
  sqlite3_close (db);
}

static void
test_reopen (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SdStore *store = open_store (fixture->path);
  SdUnit *unit;
  SdPerson *person;
  gint64 unit_id, person_id;

  unit = sd_store_insert (store, SD_TYPE_UNIT, &error,
                          "name", "信息部", "kind", "department", "staff-count", 12, NULL);
  g_assert_no_error (error);
  unit_id = sd_item_get_id (SD_ITEM (unit));
  person = sd_store_insert (store, SD_TYPE_PERSON, &error,
                            "name", "张伟", "unit-id", unit_id, "full-time", FALSE, NULL);
  g_assert_no_error (error);
  person_id = sd_item_get_id (SD_ITEM (person));
  g_assert_true (sd_store_update (store, unit, &error, "head-id", person_id, NULL));
  g_assert_no_error (error);
  g_object_unref (store);

  store = open_store (fixture->path);
  g_assert_false (sd_store_get_created (store));
  g_assert_false (sd_store_is_empty (store));
  unit = sd_store_lookup (store, SD_TYPE_UNIT, unit_id);
  g_assert_nonnull (unit);
  g_assert_cmpstr (sd_unit_get_name (unit), ==, "信息部");
  g_assert_cmpstr (sd_unit_get_kind (unit), ==, "department");
  g_assert_cmpint (sd_unit_get_staff_count (unit), ==, 12);
  g_assert_cmpint (sd_unit_get_head_id (unit), ==, person_id);
  g_assert_cmpint (sd_unit_get_parent_id (unit), ==, 0);
  person = sd_store_lookup (store, SD_TYPE_PERSON, person_id);
  g_assert_false (sd_person_get_full_time (person));
  g_assert_null (sd_person_get_job_title (person));
  g_object_unref (store);
}

/* A process that dies without closing leaves its last edits in the
 * write-ahead log; the next open must find them, not a foreign file. */
static void
test_reopen_after_crash (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;
  g_autofree char *wal = NULL;
  pid_t pid;
  int status;

  /* Nothing allocated before the fork: the child ends without freeing it,
   * which valgrind would report as a leak of the child. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      SdStore *child = sd_store_open (fixture->path, SD_STORE_OPEN_CREATE, NULL);

      if (child == NULL ||
          sd_store_insert (child, SD_TYPE_UNIT, NULL, "name", "写入后崩溃", NULL) == NULL)
        _exit (1);
      _exit (0);   /* no close, no checkpoint */
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  wal = g_strconcat (fixture->path, "-wal", NULL);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  store = sd_store_open (fixture->path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_false (sd_store_get_created (store));
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_UNIT)), ==, 1);
}

/* Audit */

static void
test_audit_entries (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = open_store (fixture->path);
  g_autoptr(GPtrArray) all = NULL;
  SdDuty *duty;
  gint64 id;
  g_autofree char *prev = g_strdup ("");

  sd_store_set_operator (store, "安全办公室");
  duty = sd_store_insert (store, SD_TYPE_DUTY, &error,
                          "code", "003-9.1", "area", "网络安全领导小组职责",
                          "text", "贯彻执行国家关于网络安全工作的方针、政策", NULL);
  g_assert_no_error (error);
  id = sd_item_get_id (SD_ITEM (duty));
  g_assert_cmpuint (count_audit (store, "duties", id, "insert"), ==, 1);

  g_assert_true (sd_store_update (store, duty, &error, "text", "“new” \\ text\n", NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (count_audit (store, "duties", id, "update"), ==, 1);

  /* An update that changes nothing writes nothing. */
  g_assert_true (sd_store_update (store, duty, &error, "code", "003-9.1", NULL));
  g_assert_cmpuint (count_audit (store, "duties", id, "update"), ==, 1);

  g_assert_true (sd_store_delete (store, duty, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_audit (store, "duties", id, "delete"), ==, 1);
  g_assert_null (sd_store_lookup (store, SD_TYPE_DUTY, id));

  all = sd_store_get_audit_entries (store, "duties", id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);

  {
    SdAuditEntry *insert = g_ptr_array_index (all, 0);
    SdAuditEntry *update = g_ptr_array_index (all, 1);
    SdAuditEntry *delete = g_ptr_array_index (all, 2);

    g_assert_cmpstr (insert->operator_, ==, "安全办公室");
    g_assert_cmpstr (insert->os_user, ==, g_get_user_name ());
    g_assert_null (insert->before);
    g_assert_nonnull (strstr (insert->after, "\"code\":\"003-9.1\""));
    g_assert_cmpstr (update->before,
                     ==, "{\"text\":\"贯彻执行国家关于网络安全工作的方针、政策\"}");
    g_assert_cmpstr (update->after, ==, "{\"text\":\"“new” \\\\ text\\n\"}");
    g_assert_nonnull (delete->before);
    g_assert_null (delete->after);
  }

  /* The entries are chained: each hash covers its content and the previous hash. */
  g_clear_pointer (&all, g_ptr_array_unref);
  all = sd_store_get_audit_entries (store, NULL, 0, &error);
  for (guint i = 0; i < all->len; i++)
    {
      SdAuditEntry *e = g_ptr_array_index (all, i);
      g_autofree char *hash = sd_audit_compute_hash (e->prev_hash, e->at, e->os_user,
                                                     e->operator_, e->entity, e->entity_id,
                                                     e->action, e->before, e->after);

      g_assert_cmpstr (e->prev_hash, ==, prev);
      g_assert_cmpstr (e->hash, ==, hash);
      g_free (prev);
      prev = g_strdup (e->hash);
    }
}

static void
test_audit_chain_survives_reopen (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SdStore *store = open_store (fixture->path);
  g_autoptr(GPtrArray) all = NULL;

  g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "A", NULL));
  g_object_unref (store);
  store = open_store (fixture->path);
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "B", NULL));
  /* The edit waited for the check of the file. */
  g_assert_true (sd_store_get_verified (store));
  all = sd_store_get_audit_entries (store, NULL, 0, &error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (((SdAuditEntry *) all->pdata[1])->prev_hash, ==,
                   ((SdAuditEntry *) all->pdata[0])->hash);
  g_object_unref (store);
}

/* Refusals */

static void
test_foreign_keys (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = open_store (fixture->path);
  guint n_audit;

  n_audit = count_audit (store, NULL, 0, NULL);
  g_assert_null (sd_store_insert (store, SD_TYPE_PERSON, &error,
                                  "name", "孤儿", "unit-id", (gint64) 4242, NULL));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_null (sd_store_insert (store, SD_TYPE_POST_HOLDER, &error,
                                  "post-id", (gint64) 1, "person-id", (gint64) 1, NULL));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* A check constraint: a rating out of range. */
  g_assert_null (sd_store_insert (store, SD_TYPE_RISK, &error,
                                  "code", "R-1", "title", "x",
                                  "inherent-likelihood", 6, "inherent-impact", 1,
                                  "residual-likelihood", 1, "residual-impact", 1,
                                  "target-likelihood", 1, "target-impact", 1, NULL));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Nothing of the refused edits is left: no rows, no audit entries. */
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_PERSON)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_RISK)), ==, 0);
  g_assert_cmpuint (count_audit (store, NULL, 0, NULL), ==, n_audit);
}

static void
test_delete_cascades (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = open_store (fixture->path);
  SdUnit *company, *dept;
  SdPerson *person;
  SdPost *post;
  SdDuty *duty;
  gint64 person_id;

  company = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "公司", "kind", "company",
                             NULL);
  dept = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "信息部",
                          "parent-id", sd_item_get_id (SD_ITEM (company)), NULL);
  person = sd_store_insert (store, SD_TYPE_PERSON, &error, "name", "李娜",
                            "unit-id", sd_item_get_id (SD_ITEM (dept)), NULL);
  person_id = sd_item_get_id (SD_ITEM (person));
  post = sd_store_insert (store, SD_TYPE_POST, &error, "name", "系统管理员",
                          "unit-id", sd_item_get_id (SD_ITEM (dept)),
                          "post-type", "system-admin", NULL);
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_POST_HOLDER, &error,
                                     "post-id", sd_item_get_id (SD_ITEM (post)),
                                     "person-id", person_id, NULL));
  duty = sd_store_insert (store, SD_TYPE_DUTY, &error, "code", "D1", "text", "职责", NULL);
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_ASSIGNMENT, &error,
                                     "duty-id", sd_item_get_id (SD_ITEM (duty)),
                                     "post-id", sd_item_get_id (SD_ITEM (post)),
                                     "role", "R", NULL));
  g_assert_no_error (error);

  /* Deleting the company takes its department, the department's post, the
   * post's holder and assignment; the person stays, without a unit. */
  g_assert_true (sd_store_delete (store, company, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_UNIT)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_POST)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_POST_HOLDER)),
                    ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_ASSIGNMENT)),
                    ==, 0);
  person = sd_store_lookup (store, SD_TYPE_PERSON, person_id);
  g_assert_nonnull (person);
  g_assert_cmpint (sd_person_get_unit_id (person), ==, 0);
  g_assert_cmpuint (count_audit (store, "units", 0, "delete"), ==, 2);
  g_assert_cmpuint (count_audit (store, "people", person_id, "update"), ==, 1);
}

/* Undo puts back every row a deletion removed, with its id, and every
 * reference it cleared; after a reopen the file says the same. */
static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = open_store (fixture->path);
  g_autoptr(SdDeletion) deletion = NULL;
  SdUnit *company, *dept;
  SdPerson *person;
  SdPost *post;
  SdPostHolder *holder;
  gint64 company_id, dept_id, person_id, post_id, holder_id;
  guint n_audit;

  company = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "公司", "kind", "company",
                             NULL);
  company_id = sd_item_get_id (SD_ITEM (company));
  dept = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "信息部",
                          "parent-id", company_id, "staff-count", 12, NULL);
  dept_id = sd_item_get_id (SD_ITEM (dept));
  person = sd_store_insert (store, SD_TYPE_PERSON, &error, "name", "李娜",
                            "unit-id", dept_id, NULL);
  person_id = sd_item_get_id (SD_ITEM (person));
  g_assert_true (sd_store_update (store, dept, &error, "head-id", person_id, NULL));
  post = sd_store_insert (store, SD_TYPE_POST, &error, "name", "系统管理员",
                          "unit-id", dept_id, "post-type", "system-admin", NULL);
  post_id = sd_item_get_id (SD_ITEM (post));
  holder = sd_store_insert (store, SD_TYPE_POST_HOLDER, &error, "post-id", post_id,
                            "person-id", person_id, "is-primary", FALSE, NULL);
  holder_id = sd_item_get_id (SD_ITEM (holder));
  g_assert_no_error (error);

  deletion = sd_store_delete_with_undo (store, dept, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deletion);
  g_assert_null (sd_store_lookup (store, SD_TYPE_UNIT, dept_id));
  g_assert_null (sd_store_lookup (store, SD_TYPE_POST_HOLDER, holder_id));
  g_assert_cmpint (sd_person_get_unit_id (person), ==, 0);
  n_audit = count_audit (store, NULL, 0, NULL);

  g_assert_true (sd_store_undo_deletion (store, deletion, &error));
  g_assert_no_error (error);
  dept = sd_store_lookup (store, SD_TYPE_UNIT, dept_id);
  g_assert_nonnull (dept);
  g_assert_cmpint (sd_unit_get_parent_id (dept), ==, company_id);
  g_assert_cmpint (sd_unit_get_head_id (dept), ==, person_id);
  g_assert_cmpint (sd_unit_get_staff_count (dept), ==, 12);
  g_assert_cmpint (sd_person_get_unit_id (person), ==, dept_id);
  g_assert_nonnull (sd_store_lookup (store, SD_TYPE_POST, post_id));
  holder = sd_store_lookup (store, SD_TYPE_POST_HOLDER, holder_id);
  g_assert_nonnull (holder);
  g_assert_false (sd_post_holder_get_is_primary (holder));
  /* Three rows back, one reference restored, each in the audit log. */
  g_assert_cmpuint (count_audit (store, NULL, 0, NULL), ==, n_audit + 4);

  /* Undone once: a second time finds the rows there and changes nothing. */
  g_assert_false (sd_store_undo_deletion (store, deletion, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpuint (count_audit (store, NULL, 0, NULL), ==, n_audit + 4);

  g_clear_object (&store);
  store = open_store (fixture->path);
  dept = sd_store_lookup (store, SD_TYPE_UNIT, dept_id);
  g_assert_nonnull (dept);
  g_assert_cmpint (sd_unit_get_head_id (dept), ==, person_id);
  person = sd_store_lookup (store, SD_TYPE_PERSON, person_id);
  g_assert_cmpint (sd_person_get_unit_id (person), ==, dept_id);
  g_assert_nonnull (sd_store_lookup (store, SD_TYPE_POST_HOLDER, holder_id));
}

/* An undo that cannot hold (what the rows referred to is gone) changes
 * nothing. */
static void
test_delete_undo_refused (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = open_store (fixture->path);
  g_autoptr(SdDeletion) deletion = NULL;
  SdPerson *person;
  SdPost *post;
  SdPostHolder *holder;
  gint64 holder_id;
  guint n_audit;

  person = sd_store_insert (store, SD_TYPE_PERSON, &error, "name", "王磊", NULL);
  post = sd_store_insert (store, SD_TYPE_POST, &error, "name", "安全管理员", NULL);
  holder = sd_store_insert (store, SD_TYPE_POST_HOLDER, &error,
                            "post-id", sd_item_get_id (SD_ITEM (post)),
                            "person-id", sd_item_get_id (SD_ITEM (person)), NULL);
  holder_id = sd_item_get_id (SD_ITEM (holder));
  g_assert_no_error (error);

  deletion = sd_store_delete_with_undo (store, holder, &error);
  g_assert_no_error (error);
  g_assert_true (sd_store_delete (store, person, &error));
  n_audit = count_audit (store, NULL, 0, NULL);

  g_assert_false (sd_store_undo_deletion (store, deletion, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (sd_store_lookup (store, SD_TYPE_POST_HOLDER, holder_id));
  g_assert_cmpuint (count_audit (store, NULL, 0, NULL), ==, n_audit);
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_POST_HOLDER)),
                    ==, 0);
}

static void
test_delete_restricted_by_signoff (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = open_store (fixture->path);
  SdUnit *unit;

  unit = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "营销部", NULL);
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_SIGNOFF, &error,
                                     "unit-id", sd_item_get_id (SD_ITEM (unit)),
                                     "signer-name", "王芳", "meaning", "已阅读并接受",
                                     "signed-at", "2026-11-21T10:00:00Z",
                                     "canonical-text", "text",
                                     "sha256", "0000000000000000000000000000000000000000000000000000000000000000",
                                     NULL));
  g_assert_no_error (error);

  /* A signature is never lost to a delete. */
  g_assert_false (sd_store_delete (store, unit, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (sd_store_lookup (store, SD_TYPE_UNIT, sd_item_get_id (SD_ITEM (unit))));
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_SIGNOFF)), ==,
                    1);
}

static void
test_batch_rollback (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = open_store (fixture->path);
  guint n_audit = count_audit (store, NULL, 0, NULL);

  g_assert_true (sd_store_begin (store, &error));
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "A", NULL));
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "B", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_UNIT)), ==, 2);
  sd_store_rollback (store);

  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_UNIT)), ==, 0);
  g_assert_cmpuint (count_audit (store, NULL, 0, NULL), ==, n_audit);

  /* The chain goes on from the last committed entry. */
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "C", NULL));
  g_assert_true (sd_store_begin (store, &error));
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "D", NULL));
  g_assert_true (sd_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_UNIT)), ==, 2);
}

/* Files that are not ours */

static GBytes *
read_bytes (const char *path)
{
  char *contents;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static void
assert_refused_untouched (const char *path,
                          int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(SdStore) store = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  GStatBuf st_before, st_after;

  g_assert_cmpint (g_stat (path, &st_before), ==, 0);
  store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, SD_STORE_ERROR, code);

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (g_stat (path, &st_after), ==, 0);
  g_assert_cmpint (st_after.st_mtime, ==, st_before.st_mtime);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static void
test_foreign_text_file (Fixture       *fixture,
                        gconstpointer  data)
{
  g_assert_true (g_file_set_contents (fixture->path,
                                      "name,unit\n张伟,信息部\n李娜,营销部\n"
                                      "this is a CSV file, not a database\n", -1, NULL));
  assert_refused_untouched (fixture->path, SD_STORE_ERROR_NOT_DATABASE);
}

static void
test_foreign_sqlite_file (Fixture       *fixture,
                          gconstpointer  data)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
                                     "INSERT INTO notes (body) VALUES ('someone else''s');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused_untouched (fixture->path, SD_STORE_ERROR_NOT_DATABASE);
}

static void
test_truncated_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SdStore *store = open_store (fixture->path);
  g_autofree char *contents = NULL;
  gsize length;

  for (int i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("部门 %d — 一个很长的名字，让数据库有好几页", i);

      g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", name, NULL));
    }
  g_object_unref (store);   /* checkpoints the WAL into the file */

  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  /* Cut the file in the middle of a page, then on a page boundary. */
  g_assert_true (g_file_set_contents (fixture->path, contents, length / 2 + 100, NULL));
  assert_refused_untouched (fixture->path, SD_STORE_ERROR_CORRUPT);
  g_assert_true (g_file_set_contents (fixture->path, contents, (length / 2) & ~4095, NULL));
  assert_refused_untouched (fixture->path, SD_STORE_ERROR_CORRUPT);
}

/* A store of one unit, on the first pages, and many duties after it. */
static void
write_units_and_duties (const char *path,
                        guint       n_duties)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = open_store (path);

  g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "信息部", NULL));
  g_assert_true (sd_store_begin (store, &error));
  for (guint i = 0; i < n_duties; i++)
    {
      g_autofree char *code = g_strdup_printf ("D-%u", i);

      g_assert_nonnull (sd_store_insert (store, SD_TYPE_DUTY, &error,
                                         "code", code,
                                         "text", "履行网络安全职责，落实各项制度", NULL));
    }
  g_assert_true (sd_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
set_journal_mode (const char *path,
                  const char *mode)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode = %s", mode);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Same size, garbage over the last pages: only SQLite's own check sees it. */
static void
damage_last_pages (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8 * 4096);
  memset (contents + length - 3 * 4096, 0xA5, 2 * 4096);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

/* The check of every page runs after opening. Whether opening refuses the
 * file or not, nothing is written to it: every edit waits for the check
 * and is refused. */
static void
test_damaged_page (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (fixture->path, "-journal", NULL);
  GStatBuf st_before, st_after;
  GListModel *units;
  gpointer unit;

  write_units_and_duties (fixture->path, 200);
  damage_last_pages (fixture->path);
  before = read_bytes (fixture->path);
  g_assert_cmpint (g_stat (fixture->path, &st_before), ==, 0);

  store = sd_store_open (fixture->path, SD_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    {
      g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT);
      g_test_message ("Refused at open: %s", error->message);
      g_clear_error (&error);
      assert_refused_untouched (fixture->path, SD_STORE_ERROR_CORRUPT);
      return;
    }
  g_assert_no_error (error);

  g_assert_false (sd_store_wait_verified (store, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT);
  g_test_message ("Opened, then found damaged: %s", error->message);
  g_clear_error (&error);
  g_assert_cmpint (sd_store_get_integrity (store), ==, SD_STORE_INTEGRITY_DAMAGED);
  g_assert_false (sd_store_get_verified (store));
  g_assert_nonnull (sd_store_get_integrity_error (store));
  g_assert_true (sd_store_get_read_only (store));

  /* What is intact can still be read. */
  units = sd_store_get_items (store, SD_TYPE_UNIT);
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, 1);
  unit = g_list_model_get_item (units, 0);
  g_object_unref (unit);   /* the model keeps it */

  g_assert_null (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "新部门", NULL));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_false (sd_store_update (store, unit, &error, "name", "改名", NULL));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_false (sd_store_delete (store, unit, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_false (sd_store_begin (store, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* Reading the damaged table is harmless too. */
  sd_store_get_items (store, SD_TYPE_DUTY);
  g_assert_true (sd_store_get_read_only (store));

  g_clear_object (&store);
  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (g_stat (fixture->path, &st_after), ==, 0);
  g_assert_cmpint (st_after.st_mtime, ==, st_before.st_mtime);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

/* A file not in write-ahead log mode is switched to it on opening, which
 * writes: it is checked before, and a damaged one is refused at once. */
static void
test_damaged_page_without_wal (Fixture       *fixture,
                               gconstpointer  data)
{
  write_units_and_duties (fixture->path, 200);
  set_journal_mode (fixture->path, "DELETE");
  damage_last_pages (fixture->path);
  assert_refused_untouched (fixture->path, SD_STORE_ERROR_CORRUPT);
}

static void
test_checked_at_open_without_wal (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(SdStore) store = NULL;

  write_units_and_duties (fixture->path, 10);
  set_journal_mode (fixture->path, "DELETE");
  store = open_store (fixture->path);
  g_assert_cmpint (sd_store_get_integrity (store), ==, SD_STORE_INTEGRITY_VERIFIED);
}

typedef struct
{
  GMainContext *context;
  GThread      *thread;
  guint         n_integrity;
  guint         n_read_only;
} Notified;

static void
integrity_notify_cb (SdStore    *store,
                     GParamSpec *pspec,
                     Notified   *notified)
{
  /* Delivered by the context of the thread that opened the store. */
  g_assert_true (g_thread_self () == notified->thread);
  g_assert_true (g_main_context_is_owner (notified->context));
  notified->n_integrity++;
}

static void
read_only_notify_cb (SdStore    *store,
                     GParamSpec *pspec,
                     Notified   *notified)
{
  notified->n_read_only++;
}

static int
root_page_of (const char *path,
              const char *table)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int page;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_schema WHERE name = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return page;
}

/* A table that cannot be read, found before the check finishes: its model
 * stays empty, the others can still be read, and the store writes nothing. */
static void
test_damaged_table (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *contents = NULL;
  Notified notified = { g_main_context_default (), g_thread_self (), 0, 0 };
  gsize length;
  int page;

  write_units_and_duties (fixture->path, 500);
  page = root_page_of (fixture->path, "duties");
  g_assert_cmpint (page, >, 1);
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  memset (contents + (gsize) (page - 1) * 4096, 0xA5, 4096);
  g_assert_true (g_file_set_contents (fixture->path, contents, length, NULL));
  before = read_bytes (fixture->path);

  store = sd_store_open (fixture->path, SD_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "notify::integrity", G_CALLBACK (integrity_notify_cb), &notified);
  g_signal_connect (store, "notify::read-only", G_CALLBACK (read_only_notify_cb), &notified);
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_DUTY)), ==, 0);
  g_assert_cmpint (sd_store_get_integrity (store), ==, SD_STORE_INTEGRITY_DAMAGED);
  g_assert_true (sd_store_get_read_only (store));
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_UNIT)), ==, 1);

  /* Told through the main context, never from inside get_items(). */
  g_assert_cmpuint (notified.n_integrity, ==, 0);
  while (notified.n_integrity == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (notified.n_read_only, ==, 1);

  g_assert_null (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "新部门", NULL));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_false (sd_store_wait_verified (store, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT);

  g_clear_object (&store);
  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

/* The integrity check in the background */

static void
test_integrity_notify (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  Notified notified = { context, g_thread_self (), 0, 0 };
  SdStoreIntegrity integrity;

  write_units_and_duties (fixture->path, 500);

  /* Opened under a context of its own: the result must come through it. */
  g_main_context_push_thread_default (context);
  store = open_store (fixture->path);
  integrity = sd_store_get_integrity (store);
  g_assert_true (integrity == SD_STORE_INTEGRITY_CHECKING ||
                 integrity == SD_STORE_INTEGRITY_VERIFIED);
  g_signal_connect (store, "notify::integrity", G_CALLBACK (integrity_notify_cb), &notified);
  g_signal_connect (store, "notify::read-only", G_CALLBACK (read_only_notify_cb), &notified);

  g_assert_true (sd_store_wait_verified (store, &error));
  g_assert_no_error (error);
  g_assert_true (sd_store_get_verified (store));
  g_assert_cmpuint (notified.n_integrity, ==, 0);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (notified.n_integrity, ==, 0);

  while (notified.n_integrity == 0)
    g_main_context_iteration (context, TRUE);
  g_assert_cmpuint (notified.n_integrity, ==, 1);
  g_assert_cmpuint (notified.n_read_only, ==, 0);
  g_assert_cmpint (sd_store_get_integrity (store), ==, SD_STORE_INTEGRITY_VERIFIED);
  g_assert_false (sd_store_get_read_only (store));
  g_assert_null (sd_store_get_integrity_error (store));

  g_main_context_pop_thread_default (context);
}

/* The store goes away while its check may still be running: the check
 * stops, and the store's connection, closing last, takes the log away. */
static void
test_close_while_checking (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;

  write_units_and_duties (fixture->path, 2000);
  for (int i = 0; i < 20; i++)
    {
      g_object_unref (open_store (fixture->path));
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    }

  store = open_store (fixture->path);
  g_assert_true (sd_store_wait_verified (store, &error));
  g_assert_no_error (error);
}

/* Reading on first use */

static void
assert_none_loaded (SdStore *store)
{
  guint n_types;
  const GType *types = sd_store_get_item_types (&n_types);

  for (guint i = 0; i < n_types; i++)
    {
      if (sd_store_is_loaded (store, types[i]))
        g_error ("%s was read at open", g_type_name (types[i]));
    }
}

static void
test_lazy_loading (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = g_strnfill (64, '0');
  SdStore *store = open_store (fixture->path);
  gpointer unit, signed_unit, person, post, holder;
  gint64 unit_id, signed_unit_id, person_id, post_id, holder_id;

  unit = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "信息部", NULL);
  unit_id = sd_item_get_id (unit);
  person = sd_store_insert (store, SD_TYPE_PERSON, &error, "name", "李娜",
                            "unit-id", unit_id, NULL);
  person_id = sd_item_get_id (person);
  post = sd_store_insert (store, SD_TYPE_POST, &error, "name", "系统管理员",
                          "unit-id", unit_id, "post-type", "system-admin", NULL);
  post_id = sd_item_get_id (post);
  holder = sd_store_insert (store, SD_TYPE_POST_HOLDER, &error,
                            "post-id", post_id, "person-id", person_id, NULL);
  holder_id = sd_item_get_id (holder);
  signed_unit = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "营销部", NULL);
  signed_unit_id = sd_item_get_id (signed_unit);
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_SIGNOFF, &error,
                                     "unit-id", signed_unit_id,
                                     "signer-name", "王芳", "meaning", "已阅读并接受",
                                     "signed-at", "2026-11-21T10:00:00Z",
                                     "canonical-text", "text", "sha256", sha256, NULL));
  g_assert_no_error (error);
  g_object_unref (store);

  /* Nothing is read at open, nor to tell whether the file is empty. */
  store = open_store (fixture->path);
  assert_none_loaded (store);
  g_assert_false (sd_store_is_empty (store));
  assert_none_loaded (store);

  unit = sd_store_lookup (store, SD_TYPE_UNIT, unit_id);
  signed_unit = sd_store_lookup (store, SD_TYPE_UNIT, signed_unit_id);
  g_assert_nonnull (unit);
  g_assert_true (sd_store_is_loaded (store, SD_TYPE_UNIT));
  g_assert_false (sd_store_is_loaded (store, SD_TYPE_PERSON));
  g_assert_false (sd_store_is_loaded (store, SD_TYPE_POST));
  g_assert_false (sd_store_is_loaded (store, SD_TYPE_POST_HOLDER));
  g_assert_false (sd_store_is_loaded (store, SD_TYPE_SIGNOFF));

  /* The sign-off no one has read yet still keeps its unit. */
  g_assert_false (sd_store_delete (store, signed_unit, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* The cascade reaches tables no one has read: the post and its holder
   * go, the person stays, without a unit. */
  g_assert_true (sd_store_delete (store, unit, &error));
  g_assert_no_error (error);
  g_assert_null (sd_store_lookup (store, SD_TYPE_POST, post_id));
  g_assert_null (sd_store_lookup (store, SD_TYPE_POST_HOLDER, holder_id));
  person = sd_store_lookup (store, SD_TYPE_PERSON, person_id);
  g_assert_nonnull (person);
  g_assert_cmpint (sd_person_get_unit_id (person), ==, 0);
  g_object_unref (store);

  /* And so does the file, with an audit entry for each. */
  store = open_store (fixture->path);
  g_assert_null (sd_store_lookup (store, SD_TYPE_UNIT, unit_id));
  g_assert_null (sd_store_lookup (store, SD_TYPE_POST, post_id));
  g_assert_null (sd_store_lookup (store, SD_TYPE_POST_HOLDER, holder_id));
  person = sd_store_lookup (store, SD_TYPE_PERSON, person_id);
  g_assert_cmpint (sd_person_get_unit_id (person), ==, 0);
  g_assert_nonnull (sd_store_lookup (store, SD_TYPE_UNIT, signed_unit_id));
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_SIGNOFF)), ==,
                    1);
  g_assert_cmpuint (count_audit (store, "units", unit_id, "delete"), ==, 1);
  g_assert_cmpuint (count_audit (store, "posts", post_id, "delete"), ==, 1);
  g_assert_cmpuint (count_audit (store, "post_holders", holder_id, "delete"), ==, 1);
  g_assert_cmpuint (count_audit (store, "people", person_id, "update"), ==, 1);

  /* A rollback reads again what was read, and only that. */
  g_assert_true (sd_store_begin (store, &error));
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "临时", NULL));
  sd_store_rollback (store);
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_UNIT)), ==, 1);
  g_assert_false (sd_store_is_loaded (store, SD_TYPE_RISK));
  g_assert_false (sd_store_is_loaded (store, SD_TYPE_DUTY));
  g_object_unref (store);
}

static void
test_is_empty (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SdStore *store = open_store (fixture->path);
  gpointer duty;
  gint64 duty_id;

  /* The built-in rules and categories do not count. */
  g_assert_true (sd_store_is_empty (store));
  duty = sd_store_insert (store, SD_TYPE_DUTY, &error, "code", "D1", "text", "职责", NULL);
  g_assert_no_error (error);
  duty_id = sd_item_get_id (duty);
  g_assert_false (sd_store_is_empty (store));
  g_object_unref (store);

  store = open_store (fixture->path);
  g_assert_false (sd_store_is_empty (store));
  g_assert_false (sd_store_is_loaded (store, SD_TYPE_DUTY));
  g_assert_true (sd_store_delete (store, sd_store_lookup (store, SD_TYPE_DUTY, duty_id),
                                  &error));
  g_assert_no_error (error);
  g_assert_true (sd_store_is_empty (store));
  g_object_unref (store);
}

static void
test_newer_schema (Fixture       *fixture,
                   gconstpointer  data)
{
  sqlite3 *db;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %u",
                                          sd_store_n_migrations + 1);

  g_object_unref (open_store (fixture->path));
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused_untouched (fixture->path, SD_STORE_ERROR_TOO_NEW);
}

static void
test_directory (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = sd_store_open (fixture->dir, SD_STORE_OPEN_CREATE, &error);

  g_assert_null (store);
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_DATABASE);
}

/* What "item-changed" showed: each item with the name it had then. */
static void
record_change_cb (SdStore   *store,
                  SdItem    *item,
                  GPtrArray *seen)
{
  g_autofree char *name = NULL;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (item), "name") != NULL)
    g_object_get (item, "name", &name, NULL);
  g_ptr_array_add (seen, g_strdup_printf ("%s %s", G_OBJECT_TYPE_NAME (item),
                                          name != NULL ? name : "-"));
}

static void
test_item_changed (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SdStore) store = open_store (fixture->path);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  SdUnit *unit;
  SdPost *post;
  guint reloaded = 0;

  g_signal_connect (store, "item-changed", G_CALLBACK (record_change_cb), seen);
  g_signal_connect_swapped (store, "reloaded", G_CALLBACK (g_atomic_int_inc), &reloaded);

  unit = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "信息部", NULL);
  g_assert_no_error (error);
  post = sd_store_insert (store, SD_TYPE_POST, &error, "name", "安全管理员",
                          "unit-id", sd_item_get_id (SD_ITEM (unit)), NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "SdUnit 信息部");

  /* An update is told once, with the values from before. */
  g_assert_true (sd_store_update (store, post, &error, "name", "安全员", "description", "x",
                                  NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (seen, 2), ==, "SdPost 安全管理员");
  g_assert_cmpstr (sd_post_get_name (post), ==, "安全员");

  /* A deletion tells every row it takes, the cascade too. */
  g_object_ref (unit);
  g_assert_true (sd_store_delete (store, unit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 5);
  g_assert_true (g_ptr_array_find_with_equal_func (seen, "SdPost 安全员", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (seen, "SdUnit 信息部", g_str_equal, NULL));
  g_object_unref (unit);

  /* A rollback replaces every item. */
  g_assert_cmpuint (reloaded, ==, 0);
  g_assert_true (sd_store_begin (store, &error));
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "财务处", NULL));
  sd_store_rollback (store);
  g_assert_cmpuint (reloaded, ==, 1);
}

static void
test_find (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(SdStore) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) none = NULL;
  SdUnit *a, *b;
  SdPost *posts[3];

  a = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "信息部", NULL);
  b = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "财务处", NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (posts); i++)
    {
      g_autofree char *name = g_strdup_printf ("岗位%u", i);

      posts[i] = sd_store_insert (store, SD_TYPE_POST, &error, "name", name,
                                  "unit-id", sd_item_get_id (SD_ITEM (i == 1 ? b : a)), NULL);
      g_assert_no_error (error);
    }

  found = sd_store_find (store, SD_TYPE_POST, "unit-id", sd_item_get_id (SD_ITEM (a)));
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_true (g_ptr_array_find (found, posts[0], NULL));
  g_assert_true (g_ptr_array_find (found, posts[2], NULL));
  g_ptr_array_unref (found);

  /* After an edit, as the file is. */
  g_assert_true (sd_store_update (store, posts[0], &error, "unit-id",
                                  sd_item_get_id (SD_ITEM (b)), NULL));
  g_assert_no_error (error);
  found = sd_store_find (store, SD_TYPE_POST, "unit-id", sd_item_get_id (SD_ITEM (b)));
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_true (g_ptr_array_find (found, posts[0], NULL));
  g_assert_true (g_ptr_array_find (found, posts[1], NULL));

  none = sd_store_find (store, SD_TYPE_POST, "unit-id", 0);
  g_assert_cmpuint (none->len, ==, 0);
}

/* Another connection's commit is seen; the store's own, and reading by
 * others (the integrity check), are not. */
static void
test_changed_elsewhere (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SdStore) store = open_store (fixture->path);
  g_autoptr(SdStore) other = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sd_store_wait_verified (store, NULL));
  g_assert_false (sd_store_changed_elsewhere (store));
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "信息部", NULL));
  g_assert_no_error (error);
  g_assert_false (sd_store_changed_elsewhere (store));

  other = open_store (fixture->path);
  g_assert_true (sd_store_wait_verified (other, NULL));
  g_assert_false (sd_store_changed_elsewhere (store));
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (other, SD_TYPE_UNIT)), ==, 1);
  g_assert_false (sd_store_changed_elsewhere (store));

  g_assert_nonnull (sd_store_insert (other, SD_TYPE_UNIT, &error, "name", "财务处", NULL));
  g_assert_no_error (error);
  g_assert_true (sd_store_changed_elsewhere (store));
  g_assert_false (sd_store_changed_elsewhere (other));
}

/* A table read a page at a time: the same items as one read, and an edit
 * or a rollback in the middle neither loses nor repeats a row. */
static void
test_load_in_slices (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SdStore *store = open_store (fixture->path);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GListModel *people;
  guint n = 9000;   /* three pages */

  g_assert_true (sd_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("员工%05u", i);

      g_assert_nonnull (sd_store_insert (store, SD_TYPE_PERSON, &error, "name", name, NULL));
    }
  g_assert_true (sd_store_commit (store, &error));
  g_assert_no_error (error);
  g_object_unref (store);

  /* Slice after slice (a deadline already past: a page each). */
  store = open_store (fixture->path);
  g_assert_false (sd_store_load_slice (store, SD_TYPE_PERSON, 1));
  g_assert_false (sd_store_is_loaded (store, SD_TYPE_PERSON));
  g_assert_false (sd_store_load_slice (store, SD_TYPE_PERSON, 1));
  g_assert_true (sd_store_load_slice (store, SD_TYPE_PERSON, 1));
  g_assert_true (sd_store_is_loaded (store, SD_TYPE_PERSON));
  people = sd_store_get_items (store, SD_TYPE_PERSON);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPerson) person = g_list_model_get_item (people, i);
      g_autofree char *name = g_strdup_printf ("员工%05u", i);

      g_assert_cmpstr (sd_person_get_name (person), ==, name);
      g_assert_true (sd_store_lookup (store, SD_TYPE_PERSON,
                                      sd_item_get_id (SD_ITEM (person))) == person);
    }
  g_object_unref (store);

  /* An edit after the first page reads the rest first. */
  store = open_store (fixture->path);
  g_assert_false (sd_store_load_slice (store, SD_TYPE_PERSON, 1));
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_PERSON, &error, "name", "新员工", NULL));
  g_assert_no_error (error);
  g_assert_true (sd_store_is_loaded (store, SD_TYPE_PERSON));
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_PERSON)), ==,
                    n + 1);
  g_assert_true (sd_store_load_slice (store, SD_TYPE_PERSON, 1));
  g_object_unref (store);

  /* A rollback in the middle: the read starts again. */
  store = open_store (fixture->path);
  g_assert_false (sd_store_load_slice (store, SD_TYPE_PERSON, 1));
  g_assert_true (sd_store_begin (store, &error));
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "信息部", NULL));
  sd_store_rollback (store);
  g_assert_false (sd_store_is_loaded (store, SD_TYPE_PERSON));
  while (!sd_store_load_slice (store, SD_TYPE_PERSON, 1))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_PERSON)), ==,
                    n + 1);
  g_object_unref (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/store/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("create", test_create);
  ADD ("open-missing-without-create", test_open_missing_without_create);
  ADD ("migrate/from-empty-file", test_migrate_from_empty_file);
  ADD ("migrate/from-every-version", test_migrate_from_every_version);
  ADD ("items-match-schema", test_items_match_schema);
  ADD ("reopen", test_reopen);
  ADD ("reopen-after-crash", test_reopen_after_crash);
  ADD ("audit/entries", test_audit_entries);
  ADD ("audit/chain-survives-reopen", test_audit_chain_survives_reopen);
  ADD ("refuse/foreign-keys", test_foreign_keys);
  ADD ("delete/cascades", test_delete_cascades);
  ADD ("delete/restricted-by-signoff", test_delete_restricted_by_signoff);
  ADD ("delete/undo", test_delete_undo);
  ADD ("delete/undo-refused", test_delete_undo_refused);
  ADD ("batch/rollback", test_batch_rollback);
  ADD ("refuse/foreign-text-file", test_foreign_text_file);
  ADD ("refuse/foreign-sqlite-file", test_foreign_sqlite_file);
  ADD ("refuse/truncated-file", test_truncated_file);
  ADD ("refuse/damaged-page", test_damaged_page);
  ADD ("refuse/damaged-page-without-wal", test_damaged_page_without_wal);
  ADD ("refuse/newer-schema", test_newer_schema);
  ADD ("refuse/directory", test_directory);
  ADD ("integrity/checked-at-open-without-wal", test_checked_at_open_without_wal);
  ADD ("integrity/notify", test_integrity_notify);
  ADD ("integrity/close-while-checking", test_close_while_checking);
  ADD ("lazy/cascade-into-unread-tables", test_lazy_loading);
  ADD ("lazy/is-empty", test_is_empty);
  ADD ("lazy/damaged-table", test_damaged_table);
  ADD ("signal/item-changed", test_item_changed);
  ADD ("find", test_find);
  ADD ("changed-elsewhere", test_changed_elsewhere);
  ADD ("lazy/load-in-slices", test_load_in_slices);

  return g_test_run ();
}
