/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The store on a full file system and on a read-only one, each a small
 * tmpfs of the test's own (see sd-test-mount.h):
 *
 * - Full: every kind of edit (insert, update, delete, undo of a deletion,
 *   a batch, an import, the risk matrix) fails with SD_STORE_ERROR_FULL
 *   and a sentence a person understands; the items and models are exactly
 *   as before, the audit log too; once space is freed the same store
 *   accepts the edit, its audit entry chains to the last one written, and
 *   the file is intact. The write-ahead log growing into the last free
 *   blocks loses no edit reported done; a batch that fills the disk half
 *   way through is not committed in part; a checkpoint that cannot grow
 *   the file loses nothing; a file that cannot even be opened for want of
 *   space says so, and opens once there is some.
 * - Read-only: the store opens for reading, every edit fails with
 *   SD_STORE_ERROR_READ_ONLY and changes nothing, in the file or in memory;
 *   so does a file of mode 0400 opened by a user who is not root.
 */

#define G_LOG_DOMAIN "test-full-disk"

#include "config.h"

#include "sd-test-mount.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sd-duty.h"
#include "sd-import.h"
#include "sd-item-private.h"
#include "sd-matrix-settings.h"
#include "sd-person.h"
#include "sd-store.h"
#include "sd-store-private.h"
#include "sd-unit.h"

typedef struct
{
  char     *mount;     /* the tmpfs; NULL if none could be mounted */
  char     *path;      /* the database on it */
  char     *filler;    /* the file that uses up its space */
  SdStore  *store;
  /* Borrowed from the store's lists, and looked up again by id after a
   * rolled-back batch, which reads the lists again (refresh_items()). */
  SdUnit   *office, *it, *sales;
  SdPerson *wang, *li;
  SdDuty   *duty;
  gint64    ids[6];
} Fixture;

static gint64
id (gpointer item)
{
  return sd_item_get_id (SD_ITEM (item));
}

static SdStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  SdStore *store = sd_store_open (path, SD_STORE_OPEN_NONE, &error);

  g_assert_no_error (error);
  /* Edits wait for the check anyway; waiting here keeps the tests exact. */
  g_assert_true (sd_store_wait_verified (store, &error));
  g_assert_no_error (error);
  return store;
}

static void
add_data (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->office = sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "办公室",
                               "kind", "department", NULL);
  g_assert_no_error (error);
  f->it = sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "信息中心",
                           "kind", "department", NULL);
  g_assert_no_error (error);
  f->sales = sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "营销部",
                              "kind", "department", NULL);
  g_assert_no_error (error);
  f->wang = sd_store_insert (f->store, SD_TYPE_PERSON, &error, "name", "王芳",
                             "unit-id", id (f->it), "job-title", "主任", NULL);
  g_assert_no_error (error);
  f->li = sd_store_insert (f->store, SD_TYPE_PERSON, &error, "name", "李强",
                           "unit-id", id (f->sales), NULL);
  g_assert_no_error (error);
  f->duty = sd_store_insert (f->store, SD_TYPE_DUTY, &error, "code", "D-1",
                             "text", "组织开展保密检查",
                             "area", "security_admin", NULL);
  g_assert_no_error (error);

  f->ids[0] = id (f->office);
  f->ids[1] = id (f->it);
  f->ids[2] = id (f->sales);
  f->ids[3] = id (f->wang);
  f->ids[4] = id (f->li);
  f->ids[5] = id (f->duty);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *size = data;

  /* The child of test_read_only_file() works on its parent's file. */
  if (g_test_subprocess () || !sd_test_mount_require ())
    return;

  f->mount = sd_test_mount_tmpfs (size);
  f->path = g_build_filename (f->mount, "duties.db", NULL);
  f->filler = g_build_filename (f->mount, "filler", NULL);
  f->store = sd_store_open (f->path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  add_data (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->mount == NULL)
    return;
  g_clear_object (&f->store);
  sd_test_mount_remove (f->mount);
  g_free (f->mount);
  g_free (f->path);
  g_free (f->filler);
}

/* What the user sees: every item of every table, with its values, in the
 * order of its list, and the objects themselves. */

typedef struct
{
  char      *text;
  GPtrArray *objects;
} Snapshot;

static void
snapshot_clear (Snapshot *snapshot)
{
  g_free (snapshot->text);
  g_ptr_array_unref (snapshot->objects);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Snapshot, snapshot_clear)

static void
append_item (GString *out,
             SdItem  *item)
{
  const SdTable *table = sd_item_class_get_table (SD_ITEM_GET_CLASS (item));

  g_string_append_printf (out, "%s %" G_GINT64_FORMAT ":", table->name, sd_item_get_id (item));
  for (guint c = 0; c < table->n_columns; c++)
    {
      g_autofree char *value = g_strdup_value_contents (sd_item_get_value (item, c));

      g_string_append_printf (out, " %s=%s", table->columns[c].name, value);
    }
  g_string_append_c (out, '\n');
}

static void
take_snapshot (SdStore  *store,
               Snapshot *snapshot)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_types;
  const GType *types = sd_store_get_item_types (&n_types);

  /* Every list, read now if not yet: what an edit reads on the way (an
   * import reads the rules) is then no change. */
  snapshot->objects = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint t = 0; t < n_types; t++)
    {
      GListModel *model = sd_store_get_items (store, types[t]);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          SdItem *item = g_list_model_get_item (model, i);

          append_item (text, item);
          g_ptr_array_add (snapshot->objects, item);
        }
    }
  snapshot->text = g_string_free (g_steal_pointer (&text), FALSE);
}

/* The same objects, holding the same values, in the same order. */
static void
assert_unchanged (SdStore  *store,
                  Snapshot *before)
{
  g_auto(Snapshot) now = { NULL, NULL };

  take_snapshot (store, &now);
  g_assert_cmpstr (now.text, ==, before->text);
  g_assert_cmpuint (now.objects->len, ==, before->objects->len);
  for (guint i = 0; i < now.objects->len; i++)
    g_assert_true (now.objects->pdata[i] == before->objects->pdata[i]);
}

/* The same values in the same order (a rolled-back batch reads the lists
 * again, with new objects). */
static void
assert_same_values (SdStore  *store,
                    Snapshot *before)
{
  g_auto(Snapshot) now = { NULL, NULL };

  take_snapshot (store, &now);
  g_assert_cmpstr (now.text, ==, before->text);
}

/* Counts what a failed edit must not emit. */

typedef struct
{
  guint items_changed;
  guint notify;
} Signals;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Signals    *signals)
{
  signals->items_changed++;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Signals    *signals)
{
  signals->notify++;
}

static void
watch (SdStore  *store,
       Snapshot *snapshot,
       Signals  *signals)
{
  guint n_types;
  const GType *types = sd_store_get_item_types (&n_types);

  for (guint t = 0; t < n_types; t++)
    {
      if (sd_store_is_loaded (store, types[t]))
        g_signal_connect (sd_store_get_items (store, types[t]), "items-changed",
                          G_CALLBACK (items_changed_cb), signals);
    }
  for (guint i = 0; i < snapshot->objects->len; i++)
    g_signal_connect (snapshot->objects->pdata[i], "notify", G_CALLBACK (notify_cb), signals);
}

static void
unwatch (SdStore  *store,
         Snapshot *snapshot,
         Signals  *signals)
{
  guint n_types;
  const GType *types = sd_store_get_item_types (&n_types);

  for (guint t = 0; t < n_types; t++)
    g_signal_handlers_disconnect_by_data (sd_store_get_items (store, types[t]), signals);
  for (guint i = 0; i < snapshot->objects->len; i++)
    g_signal_handlers_disconnect_by_data (snapshot->objects->pdata[i], signals);
}

/* The audit log as it is in the file: the number of entries and the last
 * hash. */
static char *
audit_summary (SdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sd_store_get_audit_entries (store, NULL, 0, &error);
  SdAuditEntry *last;

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 0);
  last = entries->pdata[entries->len - 1];
  return g_strdup_printf ("%u entries, last %s", entries->len, last->hash);
}

/* Every entry chains to the one before, and its hash is that of its
 * content: a failed write left no gap and no stale cached hash. */
static void
assert_audit_chain (SdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sd_store_get_audit_entries (store, NULL, 0, &error);
  const char *prev = "";

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      SdAuditEntry *e = entries->pdata[i];
      g_autofree char *hash = sd_audit_compute_hash (e->prev_hash, e->at, e->os_user,
                                                     e->operator_, e->entity, e->entity_id,
                                                     e->action, e->before, e->after);

      g_assert_cmpstr (e->prev_hash, ==, prev);
      g_assert_cmpstr (e->hash, ==, hash);
      prev = e->hash;
    }
}

/* PRAGMA integrity_check on a connection of its own, read-only. */
static void
assert_file_intact (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* A message a person understands: it says the disk is full and that the
 * change was not saved, with nothing of SQLite's. */
static void
assert_full_error (const GError *error)
{
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_FULL);
  g_test_message ("Full: %s", error->message);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_assert_nonnull (strstr (error->message, "not saved"));
  g_assert_null (strstr (error->message, "database or disk is full"));
  g_assert_null (strstr (error->message, "SQLITE"));
}

static void
assert_read_only_error (const GError *error)
{
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_READ_ONLY);
  g_test_message ("Read-only: %s", error->message);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_assert_null (strstr (error->message, "attempt to write"));
}

static const char units_csv[] =
  "name,parent,kind,head,staff_count\n"
  "保卫处,,department,,3\n"
  "档案室,保卫处,section,,2\n";

/* Tries one edit of each kind; each must fail with @check and leave the
 * items, the models and the file as they were. */
static void
try_every_edit (Fixture     *f,
                SdDeletion  *deletion,
                void       (*check) (const GError *error))
{
  g_auto(Snapshot) before = { NULL, NULL };
  g_autofree char *audit_before = audit_summary (f->store);
  g_autofree char *audit_after = NULL;
  Signals signals = { 0, 0 };

  take_snapshot (f->store, &before);
  watch (f->store, &before, &signals);

  /* Insert: no phantom item. */
  {
    g_autoptr(GError) error = NULL;
    gpointer unit = sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "新部门",
                                     "kind", "department", NULL);

    g_assert_null (unit);
    check (error);
    assert_unchanged (f->store, &before);
  }

  /* Update: the property keeps its value, no notification. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (sd_store_update (f->store, f->it, &error, "name", "信息技术部",
                                     "staff-count", 12, NULL));
    check (error);
    g_assert_cmpstr (sd_unit_get_name (f->it), ==, "信息中心");
    assert_unchanged (f->store, &before);
  }

  /* Delete, with a reference to clear (王芳 works in 信息中心). */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (sd_store_delete (f->store, f->it, &error));
    check (error);
    g_assert_cmpint (sd_person_get_unit_id (f->wang), ==, id (f->it));
    g_assert_true (sd_store_lookup (f->store, SD_TYPE_UNIT, id (f->it)) == f->it);
    assert_unchanged (f->store, &before);
  }

  /* Undo of a deletion made before the disk filled up. */
  if (deletion != NULL)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (sd_store_undo_deletion (f->store, deletion, &error));
      check (error);
      assert_unchanged (f->store, &before);
    }

  /* The risk matrix. */
  {
    g_autoptr(GError) error = NULL;
    SdMatrixSettings matrix = { 0 };

    sd_store_get_matrix (f->store, &matrix);
    matrix.size = 4;
    g_assert_false (sd_store_set_matrix (f->store, &matrix, &error));
    check (error);
    sd_matrix_settings_clear (&matrix);
    g_assert_cmpint (sd_store_get_matrix_size (f->store), ==, 5);
    assert_unchanged (f->store, &before);
  }

  unwatch (f->store, &before, &signals);
  g_assert_cmpuint (signals.items_changed, ==, 0);
  g_assert_cmpuint (signals.notify, ==, 0);

  /* A batch: its items showed while it ran, and a failed commit (or a
   * refused begin) puts the lists back as they were. */
  {
    g_autoptr(GError) error = NULL;

    if (sd_store_begin (f->store, &error))
      {
        gboolean ok = TRUE;

        for (guint i = 0; ok && i < 20; i++)
          {
            g_autofree char *name = g_strdup_printf ("科室 %u", i);

            ok = sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", name,
                                  "kind", "section", "parent-id", id (f->office),
                                  NULL) != NULL;
          }
        ok = ok && sd_store_update (f->store, f->li, &error, "job-title", "经理", NULL);
        if (ok)
          {
            ok = sd_store_commit (f->store, &error);
          }
        else
          {
            sd_store_rollback (f->store);
          }
        g_assert_false (ok);
      }
    check (error);
    assert_same_values (f->store, &before);
  }

  /* An import, all or nothing. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = g_bytes_new_static (units_csv, sizeof units_csv - 1);
    g_autoptr(GPtrArray) row_errors = NULL;
    guint n_imported = 99;

    g_assert_false (sd_import_bytes (f->store, "units", bytes, &n_imported, &row_errors,
                                     &error));
    check (error);
    g_assert_cmpuint (row_errors->len, ==, 0);
    assert_same_values (f->store, &before);
  }

  audit_after = audit_summary (f->store);
  g_assert_cmpstr (audit_after, ==, audit_before);
}

/* The lists now, to look items up again after a batch replaced them. */
static gpointer
find_unit (SdStore    *store,
           const char *name)
{
  GListModel *units = sd_store_get_items (store, SD_TYPE_UNIT);

  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(SdUnit) unit = g_list_model_get_item (units, i);

      if (g_strcmp0 (sd_unit_get_name (unit), name) == 0)
        return unit;
    }
  return NULL;
}

/* The items the fixture holds, as the store's lists have them now. */
static void
refresh_items (Fixture *f)
{
  f->office = sd_store_lookup (f->store, SD_TYPE_UNIT, f->ids[0]);
  f->it = sd_store_lookup (f->store, SD_TYPE_UNIT, f->ids[1]);
  f->sales = sd_store_lookup (f->store, SD_TYPE_UNIT, f->ids[2]);
  f->wang = sd_store_lookup (f->store, SD_TYPE_PERSON, f->ids[3]);
  f->li = sd_store_lookup (f->store, SD_TYPE_PERSON, f->ids[4]);
  f->duty = sd_store_lookup (f->store, SD_TYPE_DUTY, f->ids[5]);
}

static void
test_full (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdDeletion) deletion = NULL;
  g_autofree char *audit_full = NULL;
  guint64 filled;

  if (f->mount == NULL)
    return;

  /* A deletion to undo later, on the full disk. */
  deletion = sd_store_delete_with_undo (f->store, f->duty, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deletion);
  f->duty = NULL;

  filled = sd_test_mount_fill (f->filler, 0);
  g_test_message ("The filler took %" G_GUINT64_FORMAT " bytes", filled);
  g_assert_cmpuint (sd_test_mount_free_space (f->mount), <, 4096);

  try_every_edit (f, deletion, assert_full_error);
  refresh_items (f);
  audit_full = audit_summary (f->store);

  /* The same store, once there is space again, takes the edit. */
  sd_test_mount_release (f->filler, G_MAXUINT64);
  g_assert_true (sd_store_update (f->store, f->it, &error, "name", "信息技术部", NULL));
  g_assert_no_error (error);
  g_assert_cmpstr (sd_unit_get_name (f->it), ==, "信息技术部");
  g_assert_true (sd_store_undo_deletion (f->store, deletion, &error));
  g_assert_no_error (error);
  g_assert_nonnull (sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "新部门",
                                     "kind", "department", NULL));
  g_assert_no_error (error);
  assert_audit_chain (f->store);

  /* And it is all in the file. */
  g_clear_object (&f->store);
  assert_file_intact (f->path);
  f->store = open_store (f->path);
  g_assert_nonnull (find_unit (f->store, "信息技术部"));
  g_assert_nonnull (find_unit (f->store, "新部门"));
  g_assert_null (find_unit (f->store, "信息中心"));
  g_assert_null (find_unit (f->store, "保卫处"));
  g_assert_null (find_unit (f->store, "科室 0"));
  g_assert_nonnull (sd_store_lookup (f->store, SD_TYPE_DUTY, f->ids[5]));
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (f->store, SD_TYPE_UNIT)), ==,
                    4);
  assert_audit_chain (f->store);
}

/* Closed and opened again while the disk is still full: what was written
 * before is all there, and the file is intact. */
static void
test_full_reopen (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Snapshot) before = { NULL, NULL };
  g_autofree char *audit_before = NULL;
  g_autofree char *audit_after = NULL;

  if (f->mount == NULL)
    return;

  sd_store_get_items (f->store, SD_TYPE_UNIT);
  sd_store_get_items (f->store, SD_TYPE_PERSON);
  sd_store_get_items (f->store, SD_TYPE_DUTY);
  take_snapshot (f->store, &before);
  audit_before = audit_summary (f->store);

  sd_test_mount_fill (f->filler, 0);
  g_assert_false (sd_store_update (f->store, f->it, &error, "name", "信息技术部", NULL));
  assert_full_error (error);
  g_clear_error (&error);
  g_clear_object (&f->store);

  /* Closing the store took its log away, and gave back the log's space:
   * full again, to the last block. Opening needs a few blocks too (for the
   * -shm file of the log): it fails, and says why. */
  sd_test_mount_fill (f->filler, 0);
  g_assert_null (sd_store_open (f->path, SD_STORE_OPEN_NONE, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_FULL);
  g_test_message ("Opening: %s", error->message);
  g_assert_nonnull (strstr (error->message, "cannot be opened: the disk is full"));
  g_clear_error (&error);

  /* A little space, and it opens, with all that was there. */
  sd_test_mount_release (f->filler, 256 * 1024);
  f->store = sd_store_open (f->path, SD_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (sd_store_wait_verified (f->store, &error));
  g_assert_no_error (error);
  sd_store_get_items (f->store, SD_TYPE_UNIT);
  sd_store_get_items (f->store, SD_TYPE_PERSON);
  sd_store_get_items (f->store, SD_TYPE_DUTY);
  assert_same_values (f->store, &before);
  audit_after = audit_summary (f->store);
  g_assert_cmpstr (audit_after, ==, audit_before);
  refresh_items (f);
  /* Closing may have freed the space of the log: full again. */
  sd_test_mount_fill (f->filler, 0);
  try_every_edit (f, NULL, assert_full_error);
  g_clear_object (&f->store);
  assert_file_intact (f->path);

  /* Space again: the reopened store writes. */
  sd_test_mount_release (f->filler, G_MAXUINT64);
  f->store = open_store (f->path);
  g_assert_nonnull (sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "新部门",
                                     "kind", "department", NULL));
  g_assert_no_error (error);
  assert_audit_chain (f->store);
}

/* Edits until the write-ahead log has taken the last free blocks: every
 * edit that reported success is in the file, none of the failed ones,
 * and the list holds exactly the ones that succeeded. */
static void
test_wal_growth (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  GListModel *duties = sd_store_get_items (f->store, SD_TYPE_DUTY);
  guint n_before = g_list_model_get_n_items (duties);
  guint n_failed = 0;
  GStatBuf st;

  if (f->mount == NULL)
    return;

  /* About 100 kB free: each edit adds a few pages to the log. */
  sd_test_mount_fill (f->filler, 0);
  sd_test_mount_release (f->filler, 100 * 1024);

  for (guint i = 0; i < 2000 && n_failed < 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("职责 %u：%s", i,
                                               "按照保密工作要求开展自查并记录结果。");
      g_autofree char *code = g_strdup_printf ("W-%u", i);
      gpointer duty = sd_store_insert (f->store, SD_TYPE_DUTY, &error, "code", code,
                                       "text", text, "area", "security_admin", NULL);

      if (duty != NULL)
        {
          g_ptr_array_add (done, g_steal_pointer (&text));
          g_assert_cmpuint (g_list_model_get_n_items (duties), ==, n_before + done->len);
          continue;
        }
      assert_full_error (error);
      g_clear_error (&error);
      n_failed++;
      g_assert_cmpuint (g_list_model_get_n_items (duties), ==, n_before + done->len);
    }
  g_test_message ("%u edits done before the disk was full", done->len);
  g_assert_cmpuint (done->len, >, 0);
  g_assert_cmpuint (n_failed, ==, 5);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);

  g_clear_object (&f->store);
  sd_test_mount_release (f->filler, G_MAXUINT64);
  assert_file_intact (f->path);
  f->store = open_store (f->path);
  duties = sd_store_get_items (f->store, SD_TYPE_DUTY);
  g_assert_cmpuint (g_list_model_get_n_items (duties), ==, n_before + done->len);
  for (guint i = 0; i < done->len; i++)
    {
      g_autoptr(SdDuty) duty = g_list_model_get_item (duties, n_before + i);

      g_assert_cmpstr (sd_duty_get_text (duty), ==, done->pdata[i]);
    }
  assert_audit_chain (f->store);
}

/* A batch larger than SQLite's page cache writes pages to the log before
 * it commits: the disk fills up in the middle of the batch. A caller that
 * goes on regardless (as if the failed edit did not matter) must not get
 * the rest of the batch committed on its own: the commit fails, nothing of
 * the batch is in the file, the lists are as before, and the same store
 * takes the whole batch once there is space. */
static void
test_batch_spill (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Snapshot) before = { NULL, NULL };
  g_autofree char *audit_before = NULL;
  g_autofree char *audit_after = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_done = 0;
  gboolean failed = FALSE;

  if (f->mount == NULL)
    return;

  while (text->len < 2000)
    g_string_append (text, "按照保密工作要求开展自查，");
  take_snapshot (f->store, &before);
  audit_before = audit_summary (f->store);
  sd_test_mount_fill (f->filler, 0);
  sd_test_mount_release (f->filler, 256 * 1024);

  g_assert_true (sd_store_begin (f->store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3000 && !failed; i++)
    {
      g_autofree char *code = g_strdup_printf ("S-%u", i);

      if (sd_store_insert (f->store, SD_TYPE_DUTY, &error, "code", code, "text", text->str,
                           "area", "security_admin", NULL) != NULL)
        {
          n_done++;
          continue;
        }
      assert_full_error (error);
      g_clear_error (&error);
      failed = TRUE;
    }
  g_test_message ("%u edits of the batch done before the disk was full", n_done);
  g_assert_true (failed);
  g_assert_cmpuint (n_done, >, 0);

  /* Regardless: one more edit, whatever it does, and the commit. */
  sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "新部门", "kind", "department",
                   NULL);
  g_clear_error (&error);
  g_assert_false (sd_store_commit (f->store, &error));
  g_assert_nonnull (error);
  g_test_message ("The commit: %s", error->message);
  g_clear_error (&error);

  assert_same_values (f->store, &before);
  audit_after = audit_summary (f->store);
  g_assert_cmpstr (audit_after, ==, audit_before);
  g_assert_null (find_unit (f->store, "新部门"));

  /* Space again: the same store takes a whole batch. */
  sd_test_mount_release (f->filler, G_MAXUINT64);
  g_assert_true (sd_store_begin (f->store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n_done + 10; i++)
    {
      g_autofree char *code = g_strdup_printf ("S-%u", i);

      g_assert_nonnull (sd_store_insert (f->store, SD_TYPE_DUTY, &error, "code", code,
                                         "text", text->str, "area", "security_admin",
                                         NULL));
      g_assert_no_error (error);
    }
  g_assert_true (sd_store_commit (f->store, &error));
  g_assert_no_error (error);
  assert_audit_chain (f->store);
  g_clear_object (&f->store);
  assert_file_intact (f->path);
  f->store = open_store (f->path);
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (f->store, SD_TYPE_DUTY)), ==,
                    1 + n_done + 10);
  g_assert_null (find_unit (f->store, "新部门"));
  assert_audit_chain (f->store);
}

/* A batch big enough to start the automatic checkpoint (1,000 pages of
 * log), with room for the log but not for the file to grow by as much:
 * the edit is in the log, so it is done; the checkpoint fails quietly and
 * loses nothing, now or when the store closes, and the next edits work. */
static void
test_checkpoint (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *text = NULL;
  GListModel *duties;
  GStatBuf db_st, wal_st;
  guint n_before;
  const guint n_duties = 1200;

  if (f->mount == NULL)
    return;

  duties = sd_store_get_items (f->store, SD_TYPE_DUTY);
  n_before = g_list_model_get_n_items (duties);

  /* 1,200 duties of 1.5 kB, each also in its audit entry: about 4.5 MB of
   * log. 9 MB free leaves too little for the checkpoint to copy it. */
  {
    g_autoptr(GString) long_text = g_string_new (NULL);

    while (long_text->len < 1500)
      g_string_append (long_text, "按照保密工作要求开展自查，");
    text = g_string_free (g_steal_pointer (&long_text), FALSE);
  }
  sd_test_mount_fill (f->filler, 0);
  sd_test_mount_release (f->filler, 9 * 1024 * 1024);

  g_assert_true (sd_store_begin (f->store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n_duties; i++)
    {
      g_autofree char *code = g_strdup_printf ("C-%u", i);
      g_autofree char *numbered = g_strdup_printf ("%u %s", i, text);

      g_assert_nonnull (sd_store_insert (f->store, SD_TYPE_DUTY, &error, "code", code,
                                         "text", numbered, "area", "security_admin", NULL));
      g_assert_no_error (error);
    }
  g_assert_true (sd_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (duties), ==, n_before + n_duties);

  /* The checkpoint ran out of space: it filled the disk, and the log is
   * still there, whole. */
  g_assert_cmpint (g_stat (wal, &wal_st), ==, 0);
  g_assert_cmpint (g_stat (f->path, &db_st), ==, 0);
  g_test_message ("log %" G_GINT64_FORMAT " bytes, file %" G_GINT64_FORMAT " bytes, "
                  "%" G_GUINT64_FORMAT " bytes free", (gint64) wal_st.st_size,
                  (gint64) db_st.st_size, sd_test_mount_free_space (f->mount));
  g_assert_cmpint (wal_st.st_size, >, 1000 * 4096);
  g_assert_cmpuint (sd_test_mount_free_space (f->mount), <, 4096);

  /* Now an edit fails, as on any full disk. */
  g_assert_false (sd_store_update (f->store, f->it, &error, "name", "信息技术部", NULL));
  assert_full_error (error);
  g_clear_error (&error);
  g_assert_cmpstr (sd_unit_get_name (f->it), ==, "信息中心");

  /* A little space: the next edit fits in the log, though its checkpoint
   * fails again. Then the store closes, and its checkpoint fails too. */
  sd_test_mount_release (f->filler, 64 * 1024);
  g_assert_true (sd_store_update (f->store, f->it, &error, "name", "信息技术部", NULL));
  g_assert_no_error (error);
  g_clear_object (&f->store);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_test_message ("%" G_GUINT64_FORMAT " bytes free after closing",
                  sd_test_mount_free_space (f->mount));

  f->store = open_store (f->path);
  duties = sd_store_get_items (f->store, SD_TYPE_DUTY);
  g_assert_cmpuint (g_list_model_get_n_items (duties), ==, n_before + n_duties);
  g_assert_nonnull (find_unit (f->store, "信息技术部"));
  assert_audit_chain (f->store);
  g_clear_object (&f->store);
  assert_file_intact (f->path);

  /* With space, the checkpoint completes when the store closes. */
  sd_test_mount_release (f->filler, G_MAXUINT64);
  f->store = open_store (f->path);
  g_assert_nonnull (sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "新部门",
                                     "kind", "department", NULL));
  g_assert_no_error (error);
  g_clear_object (&f->store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  assert_file_intact (f->path);
  f->store = open_store (f->path);
  duties = sd_store_get_items (f->store, SD_TYPE_DUTY);
  g_assert_cmpuint (g_list_model_get_n_items (duties), ==, n_before + n_duties);
  g_assert_nonnull (find_unit (f->store, "新部门"));
  assert_audit_chain (f->store);
}

/* Read-only */

static void
test_read_only_mount (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdDeletion) deletion = NULL;
  g_autofree char *audit_before = NULL;
  g_autofree char *audit_after = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  GStatBuf before_st, after_st;

  if (f->mount == NULL)
    return;

  deletion = sd_store_delete_with_undo (f->store, f->duty, &error);
  g_assert_no_error (error);
  audit_before = audit_summary (f->store);
  g_clear_object (&f->store);
  g_assert_cmpint (g_stat (f->path, &before_st), ==, 0);

  sd_test_mount_set_read_only (f->mount, TRUE);
  f->store = open_store (f->path);
  g_assert_true (sd_store_get_read_only (f->store));
  g_assert_cmpint (sd_store_get_integrity (f->store), ==, SD_STORE_INTEGRITY_VERIFIED);
  refresh_items (f);
  g_assert_nonnull (f->it);
  g_assert_cmpstr (sd_unit_get_name (f->it), ==, "信息中心");
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (f->store, SD_TYPE_PERSON)),
                    ==, 2);

  /* The deletion's store was closed: a new one refuses it for that. */
  try_every_edit (f, NULL, assert_read_only_error);
  g_assert_false (sd_store_begin (f->store, &error));
  assert_read_only_error (error);
  g_clear_error (&error);
  g_clear_object (&f->store);

  /* Nothing was written: the file is as it was, no log was made. */
  sd_test_mount_set_read_only (f->mount, FALSE);
  g_assert_cmpint (g_stat (f->path, &after_st), ==, 0);
  g_assert_cmpint (after_st.st_mtime, ==, before_st.st_mtime);
  g_assert_cmpint (after_st.st_size, ==, before_st.st_size);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  f->store = open_store (f->path);
  audit_after = audit_summary (f->store);
  g_assert_cmpstr (audit_after, ==, audit_before);
  refresh_items (f);
  g_assert_cmpstr (sd_unit_get_name (f->it), ==, "信息中心");
}

/* A file of mode 0400 opened by a user who is not root (root may write
 * whatever the mode says). Runs in a child, which drops to nobody. */
static void
test_read_only_file_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  Fixture child = { NULL, };

  g_assert_cmpint (setgid (65534), ==, 0);
  g_assert_cmpint (setuid (65534), ==, 0);
  g_assert_cmpint (access (path, W_OK), !=, 0);

  child.path = g_strdup (path);
  child.store = open_store (path);
  g_assert_true (sd_store_get_read_only (child.store));
  /* The ids add_data() gave. */
  child.ids[0] = 1, child.ids[1] = 2, child.ids[2] = 3;
  child.ids[3] = 1, child.ids[4] = 2, child.ids[5] = 1;
  refresh_items (&child);
  g_assert_cmpstr (sd_unit_get_name (child.it), ==, "信息中心");
  try_every_edit (&child, NULL, assert_read_only_error);
  g_clear_object (&child.store);
  g_free (child.path);
}

static void
test_read_only_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *audit_before = NULL;
  g_autofree char *audit_after = NULL;

  if (g_test_subprocess ())
    {
      test_read_only_file_child (g_getenv ("SD_TEST_READ_ONLY_FILE"));
      return;
    }
  if (f->mount == NULL)
    return;

  /* Only root can give the file to another user; in a user namespace the
   * test's root may write the files it owns whatever their mode. (The
   * read-only mount above covers what the store does with either.) */
  if (getuid () != 0 || sd_test_mount_user_ns)
    {
      g_test_skip ("Needs to run as root, to give the file to another user");
      return;
    }

  audit_before = audit_summary (f->store);
  g_clear_object (&f->store);
  g_assert_cmpint (chown (f->mount, 65534, 65534), ==, 0);
  g_assert_cmpint (chown (f->path, 65534, 65534), ==, 0);
  g_assert_cmpint (chmod (f->path, 0400), ==, 0);

  g_setenv ("SD_TEST_READ_ONLY_FILE", f->path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  f->store = open_store (f->path);
  audit_after = audit_summary (f->store);
  g_assert_cmpstr (audit_after, ==, audit_before);
}

int
main (int   argc,
      char *argv[])
{
  /* Before anything starts a thread. */
  sd_test_mount_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/full-disk/every-edit", Fixture, "4m", fixture_set_up, test_full,
              fixture_tear_down);
  g_test_add ("/full-disk/reopen", Fixture, "4m", fixture_set_up, test_full_reopen,
              fixture_tear_down);
  g_test_add ("/full-disk/wal-growth", Fixture, "4m", fixture_set_up, test_wal_growth,
              fixture_tear_down);
  g_test_add ("/full-disk/batch-spill", Fixture, "8m", fixture_set_up, test_batch_spill,
              fixture_tear_down);
  g_test_add ("/full-disk/checkpoint", Fixture, "24m", fixture_set_up, test_checkpoint,
              fixture_tear_down);
  g_test_add ("/read-only/mount", Fixture, "4m", fixture_set_up, test_read_only_mount,
              fixture_tear_down);
  g_test_add ("/read-only/file", Fixture, "4m", fixture_set_up, test_read_only_file,
              fixture_tear_down);

  return g_test_run ();
}
