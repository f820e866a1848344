/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#endif
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <gobject/gvaluecollector.h>
#include <sqlite3.h>

#include "sd-store-private.h"
#include "sd-store-schema.h"
#include "sd-store-sql.h"
#include "sd-matrix-settings.h"
#include "sd-item-private.h"

#include "sd-assessment.h"
#include "sd-assignment.h"
#include "sd-body.h"
#include "sd-body-member.h"
#include "sd-commitment.h"
#include "sd-decision.h"
#include "sd-duty.h"
#include "sd-finding.h"
#include "sd-inspection.h"
#include "sd-item-list.h"
#include "sd-meeting.h"
#include "sd-meeting-attendee.h"
#include "sd-person.h"
#include "sd-plan.h"
#include "sd-plan-stream.h"
#include "sd-plan-task.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-risk.h"
#include "sd-risk-category.h"
#include "sd-rule.h"
#include "sd-signoff.h"
#include "sd-training.h"
#include "sd-training-attendance.h"
#include "sd-unit.h"

/* What the store knows about one item type: its model and statements.
 * The items are read on first use (ensure_loaded()): the first page shown
 * needs a handful of the tables, and reading all of a large file at open
 * would make the user wait for data no page shows yet. */
typedef struct
{
  GType          type;
  const SdTable *table;
  SdItemList    *items;
  GHashTable    *by_id;      /* the item's own id → SdItem * (both borrowed from items) */
  gboolean       loaded;     /* items and by_id hold the table */
  /* Read a page at a time (sd_store_load_slice()): the items so far, the
   * last id read, the NOT NULL columns. NULL when no such read is under way. */
  GPtrArray     *loading;
  gint64         loading_after;
  gboolean      *loading_not_null;
  GError        *load_error; /* the table is damaged: do not read it again */
  sqlite3_stmt  *select_one;
  sqlite3_stmt  *delete;
} TypeState;

/* The integrity check, shared by the store and the thread that runs it.
 * The thread never sees the store: it has its own copy of the path and its
 * own connection, so the store can be closed while the check runs. The
 * mutex guards every field but path. */
typedef struct
{
  gatomicrefcount  ref_count;
  GMutex           mutex;
  GCond            cond;
  char            *path;
  char            *uri;        /* what to open instead of path, or NULL (reopen_immutable()) */
  sqlite3         *db;         /* the thread's connection while it reads */
  gboolean         running;    /* the thread has started and not finished */
  gboolean         cancelled;  /* the store is gone: stop, report nothing */
  gboolean         done;       /* the check has finished (or never had to run) */
  GError          *error;      /* the first damage found, by the check or a read */
} Check;

/* A change to the in-memory items, applied once its SQL has succeeded. */
typedef enum { EFFECT_INSERT, EFFECT_UPDATE, EFFECT_DELETE } EffectKind;

typedef struct
{
  EffectKind  kind;
  TypeState  *state;
  SdItem     *item;     /* owned */
  guint       column;   /* EFFECT_UPDATE */
  GValue      value;    /* EFFECT_UPDATE */
} Effect;

struct _SdStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  gboolean    created;
  gboolean    read_only;
  gboolean    wal;          /* in write-ahead log mode (see use_wal()) */
  char       *operator_;
  char       *last_hash;

  TypeState  *states;
  guint       n_states;
  GHashTable *statements;   /* SQL text → sqlite3_stmt * (persistent) */

  int         data_version; /* PRAGMA data_version once opened (sd_store_changed_elsewhere()) */

  guint       batch_depth;  /* sd_store_begin() nesting */
  guint       op_depth;     /* savepoints of the edit under way */
  int         batch_lost;   /* why SQLite rolled the batch back itself, or SQLITE_OK */

  Check            *check;
  /* The thread-default main context of sd_store_open()'s caller, where
   * "integrity" and "read-only" are notified; what they last told. */
  GMainContext     *context;
  SdStoreIntegrity  notified_integrity;
  gboolean          notified_read_only;

  /* The risk matrix, as in the file (see sd-store-matrix.c). */
  SdMatrixSettings matrix;
};

G_DEFINE_FINAL_TYPE (SdStore, sd_store, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SdStoreIntegrity, sd_store_integrity,
                    G_DEFINE_ENUM_VALUE (SD_STORE_INTEGRITY_CHECKING, "checking"),
                    G_DEFINE_ENUM_VALUE (SD_STORE_INTEGRITY_VERIFIED, "verified"),
                    G_DEFINE_ENUM_VALUE (SD_STORE_INTEGRITY_DAMAGED, "damaged"))

enum {
  PROP_0,
  PROP_PATH,
  PROP_OPERATOR,
  PROP_READ_ONLY,
  PROP_INTEGRITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MATRIX_CHANGED,
  ITEM_CHANGED,
  RELOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (sd-store-error-quark, sd_store_error)

const GType *
sd_store_get_item_types (guint *n_types)
{
  static GType types[24];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      guint i = 0;

      types[i++] = SD_TYPE_UNIT;
      types[i++] = SD_TYPE_PERSON;
      types[i++] = SD_TYPE_POST;
      types[i++] = SD_TYPE_POST_HOLDER;
      types[i++] = SD_TYPE_BODY;
      types[i++] = SD_TYPE_BODY_MEMBER;
      types[i++] = SD_TYPE_RULE;
      types[i++] = SD_TYPE_DUTY;
      types[i++] = SD_TYPE_ASSIGNMENT;
      types[i++] = SD_TYPE_SIGNOFF;
      types[i++] = SD_TYPE_RISK_CATEGORY;
      types[i++] = SD_TYPE_RISK;
      types[i++] = SD_TYPE_ASSESSMENT;
      types[i++] = SD_TYPE_PLAN;
      types[i++] = SD_TYPE_PLAN_STREAM;
      types[i++] = SD_TYPE_PLAN_TASK;
      types[i++] = SD_TYPE_MEETING;
      types[i++] = SD_TYPE_MEETING_ATTENDEE;
      types[i++] = SD_TYPE_DECISION;
      types[i++] = SD_TYPE_INSPECTION;
      types[i++] = SD_TYPE_FINDING;
      types[i++] = SD_TYPE_TRAINING;
      types[i++] = SD_TYPE_TRAINING_ATTENDANCE;
      types[i++] = SD_TYPE_COMMITMENT;
      g_assert (i == G_N_ELEMENTS (types));

      g_once_init_leave (&initialized, 1);
    }

  if (n_types != NULL)
    *n_types = G_N_ELEMENTS (types);
  return types;
}

/* Errors */

static SdStoreError
error_code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      return SD_STORE_ERROR_CONSTRAINT;
    case SQLITE_FULL:
      return SD_STORE_ERROR_FULL;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return SD_STORE_ERROR_READ_ONLY;
    case SQLITE_CORRUPT:
      return SD_STORE_ERROR_CORRUPT;
    case SQLITE_NOTADB:
      return SD_STORE_ERROR_NOT_DATABASE;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return SD_STORE_ERROR_BUSY;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      return SD_STORE_ERROR_IO;
    default:
      return SD_STORE_ERROR_FAILED;
    }
}

/* SQLite reports some writes that failed for want of space as I/O errors:
 * growing the -shm file, or the database file ahead of a checkpoint. The
 * operating system's error tells them apart. */
static int
refine_io_error (sqlite3 *db,
                 int      rc)
{
  if (db == NULL || (rc & 0xff) != SQLITE_IOERR)
    return rc;
  switch (sqlite3_system_errno (db))
    {
    case ENOSPC:
    case EDQUOT:
      return SQLITE_FULL;
    case EROFS:
      return SQLITE_READONLY;
    default:
      return rc;
    }
}

/* A failed write the user can do something about gets a sentence that
 * says what happened to the change and what to do; SQLite's own words
 * ("database or disk is full", "attempt to write a readonly database")
 * only go to the debug log. Returns NULL for other failures. */
static char *
describe_write_error (int         rc,
                      const char *what,
                      const char *detail)
{
  switch (error_code_from_sqlite (rc))
    {
    case SD_STORE_ERROR_FULL:
      g_debug ("%s: %s", what, detail);
      return g_strdup (_("The disk is full: the change was not saved. "
                         "Free some space and try again."));
    case SD_STORE_ERROR_READ_ONLY:
      g_debug ("%s: %s", what, detail);
      return g_strdup (_("The database file is read-only: the change was not saved."));
    default:
      return NULL;
    }
}

/* SQLite's messages can quote the file's own text (a table or index name
 * of a foreign or damaged file, in any encoding), and a GError's message
 * must be UTF-8: the window shows it (found by tests/fuzz/fuzz-open-db). */
static char *
sqlite_message (const char *text)
{
  return g_utf8_make_valid (text != NULL ? text : "", -1);
}

static void
set_sqlite_error (GError  **error,
                  sqlite3  *db,
                  int       rc,
                  const char *what)
{
  g_autofree char *detail = sqlite_message (db != NULL ? sqlite3_errmsg (db)
                                                       : sqlite3_errstr (rc));
  g_autofree char *message = NULL;

  rc = refine_io_error (db, rc);
  message = describe_write_error (rc, what, detail);

  if (message != NULL)
    g_set_error_literal (error, SD_STORE_ERROR, error_code_from_sqlite (rc), message);
  else
    g_set_error (error, SD_STORE_ERROR, error_code_from_sqlite (rc), "%s: %s", what, detail);
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      g_autofree char *detail = sqlite_message (message != NULL ? message : sqlite3_errstr (rc));
      g_autofree char *described = NULL;

      rc = refine_io_error (db, rc);
      described = describe_write_error (rc, sql, detail);

      g_set_error_literal (error, SD_STORE_ERROR, error_code_from_sqlite (rc),
                           described != NULL ? described : detail);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* Statements */

static sqlite3_stmt *
get_statement (SdStore     *self,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, "Could not prepare a statement");
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

static int
step_done (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void
bind_value (sqlite3_stmt *stmt,
            int           index,
            const GValue *value)
{
  switch (G_VALUE_TYPE (value))
    {
    case G_TYPE_INT:
      sqlite3_bind_int (stmt, index, g_value_get_int (value));
      break;
    case G_TYPE_BOOLEAN:
      sqlite3_bind_int (stmt, index, g_value_get_boolean (value) ? 1 : 0);
      break;
    case G_TYPE_INT64:
      if (g_value_get_int64 (value) == 0)
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_int64 (stmt, index, g_value_get_int64 (value));
      break;
    case G_TYPE_STRING:
      if (g_value_get_string (value) == NULL)
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_text (stmt, index, g_value_get_string (value), -1, SQLITE_TRANSIENT);
      break;
    default:
      {
        GBytes *bytes = g_value_get_boxed (value);

        if (bytes == NULL)
          sqlite3_bind_null (stmt, index);
        else
          sqlite3_bind_blob64 (stmt, index, g_bytes_get_data (bytes, NULL),
                               g_bytes_get_size (bytes), SQLITE_TRANSIENT);
      }
    }
}

static void
read_value (sqlite3_stmt *stmt,
            int           index,
            GValue       *value)
{
  switch (G_VALUE_TYPE (value))
    {
    case G_TYPE_INT:
      g_value_set_int (value, sqlite3_column_int (stmt, index));
      break;
    case G_TYPE_BOOLEAN:
      g_value_set_boolean (value, sqlite3_column_int (stmt, index) != 0);
      break;
    case G_TYPE_INT64:
      g_value_set_int64 (value, sqlite3_column_int64 (stmt, index));
      break;
    case G_TYPE_STRING:
      {
        const char *text = (const char *) sqlite3_column_text (stmt, index);

        /* SQLite keeps whatever bytes a file holds, and all that shows
         * text (GTK, Pango, the exports) needs UTF-8 (found by
         * tests/fuzz/fuzz-open-db). */
        if (text == NULL || g_utf8_validate (text, -1, NULL))
          g_value_set_string (value, text);
        else
          g_value_take_string (value, g_utf8_make_valid (text, -1));
      }
      break;
    default:
      if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
        g_value_set_boxed (value, NULL);
      else
        g_value_take_boxed (value, g_bytes_new (sqlite3_column_blob (stmt, index),
                                                sqlite3_column_bytes (stmt, index)));
    }
}

/* Reads column @index of the row into @item, which nobody sees yet:
 * straight from SQLite's buffer into the item's compact storage, with no
 * GValue between, no comparison and no notification. The same values as
 * read_value() makes. */
static void
load_column (sqlite3_stmt   *stmt,
             int             index,
             SdItem         *item,
             guint           column,
             const SdColumn *column_info)
{
  switch (column_info->type)
    {
    case SD_COLUMN_INT:
    case SD_COLUMN_BOOLEAN:
      sd_item_load_number (item, column, sqlite3_column_int (stmt, index));
      break;
    case SD_COLUMN_REF:
      sd_item_load_number (item, column, sqlite3_column_int64 (stmt, index));
      break;
    case SD_COLUMN_STRING:
      {
        const char *text = (const char *) sqlite3_column_text (stmt, index);
        const char *end;

        /* As in read_value(): up to the first NUL, and valid UTF-8. */
        if (text == NULL)
          break;
        if (g_utf8_validate (text, -1, &end))
          sd_item_load_string (item, column, text, end - text);
        else
          {
            g_autofree char *valid = g_utf8_make_valid (text, -1);

            sd_item_load_string (item, column, valid, strlen (valid));
          }
      }
      break;
    case SD_COLUMN_BYTES:
      if (sqlite3_column_type (stmt, index) != SQLITE_NULL)
        sd_item_load_bytes (item, column, g_bytes_new (sqlite3_column_blob (stmt, index),
                                                       sqlite3_column_bytes (stmt, index)));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The integrity check */

static Check *
check_new (void)
{
  Check *check = g_new0 (Check, 1);

  g_atomic_ref_count_init (&check->ref_count);
  g_mutex_init (&check->mutex);
  g_cond_init (&check->cond);
  check->done = TRUE;
  return check;
}

static Check *
check_ref (Check *check)
{
  g_atomic_ref_count_inc (&check->ref_count);
  return check;
}

static void
check_unref (Check *check)
{
  if (!g_atomic_ref_count_dec (&check->ref_count))
    return;
  g_assert (check->db == NULL && !check->running);
  g_clear_error (&check->error);
  g_free (check->path);
  g_free (check->uri);
  g_cond_clear (&check->cond);
  g_mutex_clear (&check->mutex);
  g_free (check);
}

/* Keeps the first damage found: that is the one the user is told about. */
static void
check_set_error_locked (Check        *check,
                        const GError *error)
{
  if (check->error == NULL)
    check->error = g_error_copy (error);
}

/* Stops a check that is still running and waits until its thread has left
 * the file. The wait is short (sqlite3_interrupt() ends the check at its
 * next page) and lets the store's own connection close last, which is what
 * checkpoints and removes the write-ahead log. */
static void
check_cancel (Check *check)
{
  g_mutex_lock (&check->mutex);
  check->cancelled = TRUE;
  if (check->db != NULL)
    sqlite3_interrupt (check->db);
  while (check->running)
    g_cond_wait (&check->cond, &check->mutex);
  g_mutex_unlock (&check->mutex);
}

/* PRAGMA quick_check reads every page and verifies the structure of every
 * b-tree, without integrity_check's costly comparison of each index with
 * its table. Its first row is "ok" for an intact file. */
static gboolean
run_quick_check (sqlite3     *db,
                 const char  *path,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  ok = rc == SQLITE_ROW &&
       g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  if (!ok)
    {
      g_autofree char *detail = sqlite_message (rc == SQLITE_ROW
                                                ? (const char *) sqlite3_column_text (stmt, 0)
                                                : sqlite3_errmsg (db));

      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT, "“%s” is damaged: %s", path,
                   detail);
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* Runs in the check's thread. Read-only and on a connection of its own: the
 * store's connection belongs to the main thread, and this one must not be
 * able to write whatever the file holds. */
static void
check_thread_cb (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Check *check = task_data;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  int rc;

  g_mutex_lock (&check->mutex);
  if (check->cancelled)
    {
      check->done = TRUE;
      g_cond_broadcast (&check->cond);
      g_mutex_unlock (&check->mutex);
      g_task_return_boolean (task, FALSE);
      return;
    }
  check->running = TRUE;
  g_mutex_unlock (&check->mutex);

  rc = sqlite3_open_v2 (check->uri != NULL ? check->uri : check->path, &db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX |
                        (check->uri != NULL ? SQLITE_OPEN_URI : 0), NULL);
  if (rc == SQLITE_OK)
    {
      gboolean go;

      sqlite3_busy_timeout (db, 2000);

      /* Published for check_cancel()'s sqlite3_interrupt(), which must
       * never meet a connection that is being closed. */
      g_mutex_lock (&check->mutex);
      go = !check->cancelled;
      if (go)
        check->db = db;
      g_mutex_unlock (&check->mutex);

      if (go)
        run_quick_check (db, check->path, &error);

      g_mutex_lock (&check->mutex);
      check->db = NULL;
      g_mutex_unlock (&check->mutex);
    }
  else
    {
      int code = error_code_from_sqlite (rc);

      g_set_error (&error, SD_STORE_ERROR,
                   code == SD_STORE_ERROR_FAILED ? SD_STORE_ERROR_CORRUPT : code,
                   "“%s” could not be checked: %s", check->path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
    }
  sqlite3_close (db);

  g_mutex_lock (&check->mutex);
  /* An interrupted check found nothing, and nobody is waiting for it. */
  if (error != NULL && !check->cancelled)
    check_set_error_locked (check, error);
  check->running = FALSE;
  check->done = TRUE;
  g_cond_broadcast (&check->cond);
  g_mutex_unlock (&check->mutex);

  g_task_return_boolean (task, error == NULL);
}

static SdStoreIntegrity
get_integrity (SdStore *self)
{
  SdStoreIntegrity integrity;

  g_mutex_lock (&self->check->mutex);
  if (self->check->error != NULL)
    integrity = SD_STORE_INTEGRITY_DAMAGED;
  else if (self->check->done)
    integrity = SD_STORE_INTEGRITY_VERIFIED;
  else
    integrity = SD_STORE_INTEGRITY_CHECKING;
  g_mutex_unlock (&self->check->mutex);
  return integrity;
}

/* Notifies what changed since the listeners last heard. Called in the
 * store's own thread only. */
static void
publish_integrity (SdStore *self)
{
  SdStoreIntegrity integrity = get_integrity (self);
  gboolean read_only = self->read_only || integrity == SD_STORE_INTEGRITY_DAMAGED;

  g_object_freeze_notify (G_OBJECT (self));
  if (integrity != self->notified_integrity)
    {
      self->notified_integrity = integrity;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTEGRITY]);
    }
  if (read_only != self->notified_read_only)
    {
      self->notified_read_only = read_only;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* Pending notifications hold a weak reference only: they must not keep a
 * closed store (and its connection) alive until the main loop runs. */
static GWeakRef *
weak_ref_new (gpointer object)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_weak_ref_init (weak, object);
  return weak;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static gboolean
publish_idle_cb (gpointer user_data)
{
  g_autoptr(SdStore) self = g_weak_ref_get (user_data);

  if (self != NULL)
    publish_integrity (self);
  return G_SOURCE_REMOVE;
}

/* Runs in the thread-default main context of sd_store_open()'s caller. */
static void
check_done_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SdStore) self = g_weak_ref_get (user_data);

  weak_ref_free (user_data);
  if (self != NULL)
    publish_integrity (self);
}

/* The check's own thread rather than one of GIO's pool: it lowers its
 * priority, which a pool thread would keep for the tasks it runs next. */
static gpointer
check_thread_main (gpointer data)
{
  g_autoptr(GTask) task = data;

#ifdef __linux__
  /* Below the window and the display server when they want the CPU: on two
   * cores, reading all of a large file while the window opened made its
   * first frame wait (a quarter of a second with ten times the large
   * benchmark database). A core left free still runs the check at full
   * speed. Linux gives each thread its own nice value. */
  setpriority (PRIO_PROCESS, 0, 10);
#endif
  check_thread_cb (task, NULL, g_task_get_task_data (task), NULL);
  return NULL;
}

static void
start_check (SdStore *self)
{
  g_autoptr(GTask) task = NULL;

  /* g_task_new() takes the caller's thread-default main context. */
  task = g_task_new (NULL, NULL, check_done_cb, weak_ref_new (self));
  g_task_set_source_tag (task, start_check);
  g_task_set_name (task, "[sd-store] quick_check");
  g_task_set_task_data (task, check_ref (self->check), (GDestroyNotify) check_unref);
  g_thread_unref (g_thread_new ("sd-store-check", check_thread_main, g_steal_pointer (&task)));
}

/* Damage found outside the check (a table that cannot be read) counts
 * like a failed check: from now on the store refuses to write. The
 * notification goes through the main context, as the check's does, and
 * so never runs inside the call (a get_items, a delete) that found it. */
static void
mark_damaged (SdStore      *self,
              const GError *error)
{
  g_autoptr(GSource) source = NULL;

  g_mutex_lock (&self->check->mutex);
  check_set_error_locked (self->check, error);
  g_cond_broadcast (&self->check->cond);
  g_mutex_unlock (&self->check->mutex);

  source = g_idle_source_new ();
  g_source_set_callback (source, publish_idle_cb, weak_ref_new (self), weak_ref_free);
  g_source_set_static_name (source, "[sd-store] publish integrity");
  g_source_attach (source, self->context);
}

/* Write-ahead logging, which the store relies on: readers (the check, the
 * backup) never wait for the writer, and a commit is one append. Outside
 * a transaction only. */
static gboolean
use_wal (SdStore  *self,
         GError  **error)
{
  if (!exec_sql (self->db, "PRAGMA journal_mode = WAL", error) ||
      !exec_sql (self->db, "PRAGMA synchronous = NORMAL", error))
    return FALSE;
  self->wal = TRUE;
  return TRUE;
}

static gboolean
journal_mode_is_wal (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;

  if (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  return wal;
}

/* Every edit starts here. Waiting is normally free: the check finished
 * long before the user's first edit. */
static gboolean
ensure_writable (SdStore  *self,
                 GError  **error)
{
  gboolean ok = TRUE;

  if (self->read_only)
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_READ_ONLY,
                           _("The database file is read-only: the change was not saved."));
      return FALSE;
    }

  g_mutex_lock (&self->check->mutex);
  while (!self->check->done && self->check->error == NULL)
    g_cond_wait (&self->check->cond, &self->check->mutex);
  if (self->check->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->check->error));
      ok = FALSE;
    }
  g_mutex_unlock (&self->check->mutex);

  /* Nothing has found the file damaged: the first edit may switch it to
   * write-ahead logging (see sd_store_open()). */
  if (ok && !self->wal)
    ok = use_wal (self, error);
  return ok;
}

/* Type states */

static TypeState *
state_for_type (SdStore *self,
                GType    type)
{
  for (guint i = 0; i < self->n_states; i++)
    {
      if (self->states[i].type == type)
        return &self->states[i];
    }
  return NULL;
}

/* The SQL text is made of the table's own identifiers only (sd-store-sql.h);
 * every value is a bound parameter. */
static gboolean
prepare_state (SdStore    *self,
               TypeState  *state,
               GError    **error)
{
  const SdTable *table = state->table;
  g_autofree char *select_one = sd_sql_select_one (table);
  g_autofree char *delete = sd_sql_delete (table);
  int rc;

  rc = sqlite3_prepare_v3 (self->db, select_one, -1, SQLITE_PREPARE_PERSISTENT,
                           &state->select_one, NULL);
  if (rc != SQLITE_OK)
    goto fail;

  rc = sqlite3_prepare_v3 (self->db, delete, -1, SQLITE_PREPARE_PERSISTENT,
                           &state->delete, NULL);
  if (rc != SQLITE_OK)
    goto fail;

  return TRUE;

fail:
  set_sqlite_error (error, self->db, rc, "Could not prepare the statements of a table");
  return FALSE;
}

/* Which columns of @table the file declares NOT NULL (transfer full). */
static gboolean *
not_null_columns (SdStore       *self,
                  const SdTable *table)
{
  gboolean *not_null = g_new0 (gboolean, table->n_columns);
  sqlite3_stmt *stmt;

  stmt = get_statement (self, "SELECT name FROM pragma_table_info (?) WHERE \"notnull\"", NULL);
  if (stmt == NULL)
    return not_null;
  sqlite3_bind_text (stmt, 1, table->name, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      for (guint i = 0; i < table->n_columns; i++)
        {
          if (g_strcmp0 (name, table->columns[i].name) == 0)
            not_null[i] = TRUE;
        }
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return not_null;
}

/* Reads the rows @stmt (prepared by the caller) returns into new items,
 * appended to @items. */
static gboolean
read_rows (SdStore        *self,
           TypeState      *state,
           sqlite3_stmt   *stmt,
           const gboolean *not_null,
           GPtrArray      *items,
           GError        **error)
{
  const SdTable *table = state->table;
  gboolean zero_id = FALSE;
  const char *null_column = NULL;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SdItem *item;

      /* Ids start at 1, and 0 stands for "none" in every reference: a row
       * with the id 0 was written behind the app's back, and the code
       * that takes 0 for "no parent" would walk in circles over it
       * (found by tests/fuzz/fuzz-open-db). The table counts as damaged. */
      if (sqlite3_column_int64 (stmt, 0) == 0)
        {
          zero_id = TRUE;
          break;
        }
      /* A NULL where the schema says NOT NULL: a damaged file, read while
       * its integrity check runs (which would refuse it later). The code
       * above the store trusts the schema (a post has a name), so rather
       * than show the row, the table counts as damaged (found by
       * tests/fuzz/fuzz-open-db). */
      for (guint i = 0; i < table->n_columns && null_column == NULL; i++)
        {
          if (not_null[i] && sqlite3_column_type (stmt, i + 1) == SQLITE_NULL)
            null_column = table->columns[i].name;
        }
      if (null_column != NULL)
        break;

      item = g_object_new (state->type, NULL);
      sd_item_set_id (item, sqlite3_column_int64 (stmt, 0));
      for (guint i = 0; i < table->n_columns; i++)
        load_column (stmt, i + 1, item, i, &table->columns[i]);
      g_ptr_array_add (items, item);
    }

  if (zero_id)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT,
                   "Could not read the database: a row of %s has the id 0", table->name);
      return FALSE;
    }
  if (null_column != NULL)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT,
                   "Could not read the database: a row of %s has no %s", table->name,
                   null_column);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, "Could not read the database");
      return FALSE;
    }
  return TRUE;
}

/* Makes @items, in the table's order, the items of @state. */
static void
install_items (TypeState *state,
               GPtrArray *items)
{
  g_hash_table_remove_all (state->by_id);
  for (guint i = 0; i < items->len; i++)
    {
      SdItem *item = g_ptr_array_index (items, i);

      g_hash_table_insert (state->by_id, (gpointer) sd_item_get_id_location (item), item);
      sd_item_set_position_hint (item, i);
    }
  sd_item_list_splice (state->items, 0, g_list_model_get_n_items (G_LIST_MODEL (state->items)),
                       items->pdata, items->len);
}

static gboolean
load_state (SdStore    *self,
            TypeState  *state,
            GError    **error)
{
  g_autofree char *sql = sd_sql_select_all (state->table);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree gboolean *not_null = not_null_columns (self, state->table);
  sqlite3_stmt *stmt = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, "Could not read the database");
      return FALSE;
    }
  ok = read_rows (self, state, stmt, not_null, items, error);
  sqlite3_finalize (stmt);
  if (ok)
    install_items (state, items);
  return ok;
}

static void
stop_loading (TypeState *state)
{
  g_clear_pointer (&state->loading, g_ptr_array_unref);
  g_clear_pointer (&state->loading_not_null, g_free);
  state->loading_after = 0;
}

/* Rows read per page by sd_store_load_slice(): a few milliseconds. */
#define LOAD_PAGE_ROWS 4096

/* Reads the next page of a table read in slices; @done once all is read. */
static gboolean
load_page (SdStore    *self,
           TypeState  *state,
           gboolean   *done,
           GError    **error)
{
  g_autofree char *sql = sd_sql_select_page (state->table);
  sqlite3_stmt *stmt = get_statement (self, sql, error);
  guint before = state->loading->len;
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, state->loading_after);
  sqlite3_bind_int (stmt, 2, LOAD_PAGE_ROWS);
  ok = read_rows (self, state, stmt, state->loading_not_null, state->loading, error);
  sqlite3_reset (stmt);
  if (!ok)
    return FALSE;
  if (state->loading->len > before)
    state->loading_after = sd_item_get_id (g_ptr_array_index (state->loading,
                                                              state->loading->len - 1));
  *done = state->loading->len - before < LOAD_PAGE_ROWS;
  return TRUE;
}

/* Reads (or reads again) the table of @state. A table that cannot be read
 * leaves an empty model; if the file is damaged, the store is marked so
 * and the table is not read again. Logged for developers only: the user
 * hears of it through "integrity". */
static gboolean
read_state (SdStore    *self,
            TypeState  *state,
            GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  SdStoreError code;

  if (load_state (self, state, &local_error))
    {
      state->loaded = TRUE;
      return TRUE;
    }

  g_debug ("Could not read the table %s: %s", state->table->name, local_error->message);
  state->loaded = FALSE;
  g_hash_table_remove_all (state->by_id);
  sd_item_list_remove_all (state->items);

  /* Busy or locked may pass: only damage is remembered. */
  code = local_error->code;
  if (code == SD_STORE_ERROR_CORRUPT || code == SD_STORE_ERROR_NOT_DATABASE ||
      code == SD_STORE_ERROR_IO)
    {
      g_clear_error (&state->load_error);
      state->load_error = g_error_copy (local_error);
      mark_damaged (self, local_error);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean load_slice (SdStore   *self,
                            TypeState *state,
                            gint64     deadline);

/* Call before anything touches state->items or state->by_id. A read in
 * slices under way is finished first: nothing has written to the table
 * since it began, as every write to it comes through here. */
static gboolean
ensure_loaded (SdStore    *self,
               TypeState  *state,
               GError    **error)
{
  if (state->loading != NULL)
    load_slice (self, state, 0);
  if (state->loaded)
    return TRUE;
  if (state->load_error != NULL)
    {
      g_propagate_error (error, g_error_copy (state->load_error));
      return FALSE;
    }
  return read_state (self, state, error);
}

/* Opening */

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Looks at the file's header without SQLite: a file that is not SQLite at
 * all, or shorter than its header says (truncated), is refused before
 * SQLite opens it. Tells in @wal whether the file is in write-ahead log
 * mode already (switching it writes to it). */
gboolean
sd_store_check_header (const char  *path,
                       gboolean    *wal,
                       GError     **error)
{
  g_autofree guint8 *header = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  gsize n_read = 0;
  guint64 size;
  guint32 page_size, n_pages, change_counter, valid_for;

  if (wal != NULL)
    *wal = FALSE;
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return FALSE;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, error);
  if (info == NULL)
    return FALSE;
  size = g_file_info_get_size (info);
  if (size == 0)
    return TRUE;

  header = g_malloc0 (100);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), header, 100, &n_read, NULL, error))
    return FALSE;

  if (n_read < 100 || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_DATABASE,
                   "“%s” is not a Security Duties database", path);
      return FALSE;
    }

  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  n_pages = read_be32 (header + 28);
  change_counter = read_be32 (header + 24);
  valid_for = read_be32 (header + 92);

  if (page_size < 512 || (page_size & (page_size - 1)) != 0 || size % page_size != 0 ||
      (n_pages > 0 && change_counter == valid_for && size < (guint64) n_pages * page_size))
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT,
                   "“%s” is damaged or truncated", path);
      return FALSE;
    }

  /* The file format's write version: 2 is write-ahead logging. */
  if (wal != NULL)
    *wal = header[18] == 2;
  return TRUE;
}

static gboolean
file_has_content (const char *path,
                  const char *suffix)
{
  g_autofree char *name = g_strconcat (path, suffix, NULL);
  GStatBuf st;

  return g_stat (name, &st) == 0 && st.st_size > 0;
}

static gboolean
has_pending_wal (const char *path)
{
  return file_has_content (path, "-wal");
}

/* The rollback journal of a transaction cut short (a crash while a new
 * file's schema was committed): SQLite must undo it before the file can
 * be read, and an immutable open would skip it and read the half-written
 * pages. */
static gboolean
has_hot_journal (const char *path)
{
  return file_has_content (path, "-journal");
}

gboolean
sd_sqlite_query_int (sqlite3    *db,
                     const char *sql,
                     int        *value,
                     int        *rc)
{
  sqlite3_stmt *stmt = NULL;

  *rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (*rc == SQLITE_OK)
    {
      *rc = sqlite3_step (stmt);
      if (*rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int (stmt, 0);
          *rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return *rc == SQLITE_OK;
}

/* The tables, indexes, views and triggers of @db: one line each of type,
 * name, table and SQL text, SQLite's own objects left out, in a stable
 * order. NULL, with @rc, if the schema cannot be read. */
static char *
read_schema (sqlite3 *db,
             int     *rc)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  *rc = sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, sql FROM sqlite_schema"
                                " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                                " ORDER BY type, name", -1, &stmt, NULL);
  if (*rc == SQLITE_OK)
    {
      while ((*rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          for (int i = 0; i < 4; i++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, i);

              g_string_append (out, text != NULL ? text : "");
              g_string_append_c (out, i < 3 ? '\x1f' : '\n');
            }
        }
      if (*rc == SQLITE_DONE)
        *rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (*rc != SQLITE_OK)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* The schema of @version as this build's migrations make it, in a
 * database in memory; made once per version and kept. */
static const char *
expected_schema (int version)
{
  static GMutex mutex;
  static char **schemas;
  const char *schema;

  g_assert (version >= 0 && version <= (int) sd_store_n_migrations);

  g_mutex_lock (&mutex);
  if (schemas == NULL)
    schemas = g_new0 (char *, sd_store_n_migrations + 1);
  if (schemas[version] == NULL)
    {
      sqlite3 *db = NULL;
      int rc;

      rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
      for (int v = 0; rc == SQLITE_OK && v < version; v++)
        rc = sqlite3_exec (db, sd_store_migrations[v], NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        schemas[version] = read_schema (db, &rc);
      if (rc != SQLITE_OK)
        g_error ("The migrations do not run: %s", sqlite3_errmsg (db));
      sqlite3_close (db);
    }
  schema = schemas[version];
  g_mutex_unlock (&mutex);
  return schema;
}

gboolean
sd_store_check_identity (sqlite3     *db,
                         const char  *name,
                         int          app_id,
                         int          version,
                         GError     **error)
{
  g_autofree char *schema = NULL;
  int rc;

  if ((guint32) app_id != SD_STORE_APPLICATION_ID)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_DATABASE,
                   "“%s” is not a Security Duties database", name);
      return FALSE;
    }
  if (version > (int) sd_store_n_migrations)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_TOO_NEW,
                   "“%s” was written by a newer version of Security Duties (schema %d)",
                   name, version);
      return FALSE;
    }

  /* A file of ours has the very tables, indexes and triggers that the
   * migrations made, to the letter. One whose schema was changed behind
   * the app's back (a NOT NULL or a CHECK gone, a trigger added) would
   * pass the integrity check and hand the app rows it must never see
   * (found by tests/fuzz/fuzz-open-db): it counts as damaged, as does a
   * version below 0, which no app wrote. */
  if (version >= 0)
    schema = read_schema (db, &rc);
  if (schema == NULL || g_strcmp0 (schema, expected_schema (version)) != 0)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT,
                   "“%s” is damaged: its tables are not those of a Security Duties "
                   "database (schema %d)", name, version);
      return FALSE;
    }
  return TRUE;
}

/* A read-only look with SQLite itself, before anything may write: is it
 * ours, which schema? Catches what the header cannot show, and sees the
 * content of a write-ahead log that was not yet checkpointed (after a
 * crash). Returns -1 in @user_version for an empty database.
 *
 * Whether every page is intact takes as long as reading the whole file,
 * so that check runs after opening, in a thread (start_check()), unless
 * opening itself is about to write: for a schema upgrade, or with
 * @check_now for a file not yet in write-ahead log mode. Then it runs here
 * and @checked says so. */
static gboolean
probe_database (const char  *path,
                gboolean     check_now,
                int         *user_version,
                gboolean    *checked,
                GError     **error)
{
  gboolean wal = has_pending_wal (path);
  gboolean journal = has_hot_journal (path);
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  /* Without a pending log, immutable: no lock, no -wal or -shm file appears. */
  g_autofree char *uri = g_strconcat ("file:", escaped, wal || journal ? "" : "?immutable=1",
                                      NULL);
  /* A hot journal is rolled back by the first connection that reads the
   * file, which needs write access: that restores the last committed
   * state, as any SQLite reader would, and writes nothing of ours. */
  int flags = (journal ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) | SQLITE_OPEN_URI;
  sqlite3 *db = NULL;
  int app_id = 0, version = 0, n_objects = 0;
  int rc;
  gboolean ok = FALSE;

  *checked = FALSE;
  rc = sqlite3_open_v2 (uri, &db, flags, NULL);
  if (rc != SQLITE_OK ||
      !sd_sqlite_query_int (db, "PRAGMA application_id", &app_id, &rc) ||
      !sd_sqlite_query_int (db, "PRAGMA user_version", &version, &rc) ||
      !sd_sqlite_query_int (db, "SELECT count(*) FROM sqlite_schema", &n_objects, &rc))
    {
      int code = error_code_from_sqlite (rc);
      g_autofree char *detail = sqlite_message (sqlite3_errmsg (db));

      if (code == SD_STORE_ERROR_FAILED)
        code = SD_STORE_ERROR_CORRUPT;
      g_set_error (error, SD_STORE_ERROR, code,
                   code == SD_STORE_ERROR_NOT_DATABASE
                   ? "“%s” is not a Security Duties database (%s)"
                   : "“%s” could not be read: %s",
                   path, detail);
      goto out;
    }

  if (app_id == 0 && version == 0 && n_objects == 0)
    {
      *user_version = -1;
      ok = TRUE;
      goto out;
    }
  if (!sd_store_check_identity (db, path, app_id, version, error))
    goto out;

  if (check_now || version < (int) sd_store_n_migrations)
    {
      if (!run_quick_check (db, path, error))
        goto out;
      *checked = TRUE;
    }

  *user_version = version;
  ok = TRUE;

out:
  sqlite3_close (db);
  return ok;
}

static gboolean
migrate (SdStore  *self,
         int       from_version,
         GError  **error)
{
  g_autofree char *bump = NULL;

  if (from_version >= (int) sd_store_n_migrations)
    return TRUE;

  if (!exec_sql (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (from_version == 0)
    {
      g_autofree char *app_id = sd_sql_set_application_id ();

      if (!exec_sql (self->db, app_id, error))
        goto fail;
    }

  for (guint v = from_version; v < sd_store_n_migrations; v++)
    {
      if (!exec_sql (self->db, sd_store_migrations[v], error))
        {
          g_prefix_error (error, "Could not migrate the database to schema %u: ", v + 1);
          goto fail;
        }
    }

  /* PRAGMA takes no parameters; the value is our own constant. */
  bump = sd_sql_set_schema_version ();
  if (!exec_sql (self->db, bump, error) || !exec_sql (self->db, "COMMIT", error))
    goto fail;

  return TRUE;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static gboolean
load_last_hash (SdStore  *self,
                GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* The cached hash is that of an entry rolled back, or of none: if the
   * file cannot tell the right one now, none is cached, and the next
   * audit entry asks again (write_audit()) rather than chain to a wrong
   * one. */
  g_clear_pointer (&self->last_hash, g_free);

  stmt = get_statement (self, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    /* The store never writes an entry without its hash: nothing can chain
     * to this one, and saying so beats failing without a word (found by
     * tests/fuzz/fuzz-open-db). */
    g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT,
                 "The audit log is damaged: its last entry has no hash");
  else if (rc == SQLITE_ROW)
    self->last_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    self->last_hash = g_strdup ("");
  else
    set_sqlite_error (error, self->db, rc, "Could not read the audit log");
  sqlite3_reset (stmt);
  return self->last_hash != NULL;
}

/* A file in write-ahead log mode is read through its -shm file, which
 * SQLite cannot create on a read-only file system (or in a folder the user
 * may not write): the store's read-only connection then cannot read at
 * all. With no log pending, the file alone holds the data: read it as
 * immutable, which needs no -shm. (Immutable means that SQLite takes no
 * lock and does not look for changes: on a read-only file system nobody
 * can make any; a writer that does, through a permission the user lacks,
 * is not seen until the file is opened again.) With a log pending, the
 * file alone is out of date: it is not shown. */
static gboolean
reopen_immutable (SdStore  *self,
                  GError  **error)
{
  g_autofree char *escaped = NULL;
  int n_objects = 0;
  int rc;

  if (sd_sqlite_query_int (self->db, "SELECT count(*) FROM sqlite_schema", &n_objects, &rc))
    return TRUE;
  if ((rc & 0xff) != SQLITE_CANTOPEN)
    {
      set_sqlite_error (error, self->db, rc, "Could not read the database");
      return FALSE;
    }
  if (has_pending_wal (self->path) || has_hot_journal (self->path))
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_READ_ONLY,
                   "“%s” has changes in its log file (%s) that cannot be applied "
                   "where it is, read-only", self->path,
                   has_pending_wal (self->path) ? "-wal" : "-journal");
      return FALSE;
    }

  g_debug ("“%s” is read-only and cannot be read with its log: read as immutable",
           self->path);
  g_clear_pointer (&self->db, sqlite3_close);
  escaped = g_uri_escape_string (self->path, "/", FALSE);
  self->check->uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
  rc = sqlite3_open_v2 (self->check->uri, &self->db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, "Could not open the database");
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  return TRUE;
}

static gboolean
create_file (const char  *path,
             GError     **error)
{
  int fd;

  /* Mode 0600: the file holds signatures and personal data. */
  fd = g_open (path, O_CREAT | O_EXCL | O_WRONLY, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, SD_STORE_ERROR,
                   saved_errno == EACCES || saved_errno == EROFS ? SD_STORE_ERROR_READ_ONLY
                                                                 : SD_STORE_ERROR_IO,
                   "Could not create “%s”: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  g_close (fd, NULL);
  return TRUE;
}

static SdStore *open_store (const char        *path,
                            SdStoreOpenFlags   flags,
                            GError           **error);

SdStore *
sd_store_open (const char        *path,
               SdStoreOpenFlags   flags,
               GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  SdStore *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = open_store (path, flags, &local_error);
  /* Opening writes too (the -shm file of the log, a new file's schema):
   * on a full disk the message is about opening, not about a change. */
  if (self == NULL && g_error_matches (local_error, SD_STORE_ERROR, SD_STORE_ERROR_FULL))
    {
      g_autofree char *name = g_filename_display_name (path);

      g_clear_error (&local_error);
      g_set_error (&local_error, SD_STORE_ERROR, SD_STORE_ERROR_FULL,
                   _("“%s” cannot be opened: the disk is full. "
                     "Free some space and open it again."), name);
    }
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return self;
}

static SdStore *
open_store (const char        *path,
            SdStoreOpenFlags   flags,
            GError           **error)
{
  g_autoptr(SdStore) self = NULL;
  int user_version = -1;
  gboolean created = FALSE;
  gboolean checked = TRUE;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!(flags & SD_STORE_OPEN_CREATE))
        {
          g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                       "“%s” does not exist", path);
          return NULL;
        }
      if (!create_file (path, error))
        return NULL;
      created = TRUE;
    }
  else if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_DATABASE,
                   "“%s” is a folder, not a Security Duties database", path);
      return NULL;
    }
  else
    {
      /* The header alone is only the whole truth when no log is pending;
       * a pending log also means the file is in write-ahead log mode. */
      gboolean wal = has_pending_wal (path);

      if (!wal && !has_hot_journal (path) && !sd_store_check_header (path, &wal, error))
        return NULL;
      if (!probe_database (path, !wal, &user_version, &checked, error))
        return NULL;
      /* An existing empty file is a new, empty database. */
      created = user_version < 0;
      if (created)
        checked = TRUE;
    }

  self = g_object_new (SD_TYPE_STORE, "path", path, NULL);
  self->created = created;
  self->context = g_main_context_ref_thread_default ();
  /* No thread has seen the check yet: no lock needed. */
  self->check->path = g_strdup (path);
  self->check->done = checked;

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, "Could not open the database");
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 2000);
  self->read_only = sqlite3_db_readonly (self->db, "main") == 1;
  if (self->read_only && !reopen_immutable (self, error))
    return NULL;

  /* SQLite keeps up to 2 MB of pages per connection by default, for as
   * long as the file is open. The tables are read into the items once, and
   * an edit touches a few dozen pages (its rows, their indexes and the
   * audit log), so a quarter of that is enough; the system's file cache
   * keeps the rest at hand. */
  if (!exec_sql (self->db, "PRAGMA foreign_keys = ON", error) ||
      !exec_sql (self->db, "PRAGMA cache_size = -512", error))
    return NULL;

  if (user_version < (int) sd_store_n_migrations)
    {
      if (self->read_only)
        {
          g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_READ_ONLY,
                       "“%s” needs to be upgraded, but it is read-only", path);
          return NULL;
        }
      if (!migrate (self, MAX (user_version, 0), error))
        return NULL;
    }

  for (guint i = 0; i < self->n_states; i++)
    {
      if (!prepare_state (self, &self->states[i], error))
        return NULL;
    }

  /* The items wait for their first use (ensure_loaded()). */
  if (!sd_store_load_matrix (self, error) || !load_last_hash (self, error))
    return NULL;

  /* Switching to write-ahead logging writes to the file: a new file
   * switches now, a file in that mode already only sets the connection
   * up, and any other file waits for its first edit (ensure_writable()).
   * By then its schema has proved ours (every statement above prepared
   * and read) and nothing has found it damaged: a damaged file, or one
   * that turns out not to be ours, must be left as it was (found by
   * tests/fuzz/fuzz-open-db). */
  if (!self->read_only && (created || journal_mode_is_wal (self->db)) && !use_wal (self, error))
    return NULL;

  /* What the file holds from here on is what this connection wrote: any
   * other connection's commit changes this number. */
  if (!sd_sqlite_query_int (self->db, "PRAGMA data_version", &self->data_version, &rc))
    {
      set_sqlite_error (error, self->db, rc, "Could not open the database");
      return NULL;
    }

  /* Started last: the store's connection has opened the write-ahead log
   * by now, which a read-only connection cannot create. */
  self->notified_integrity = get_integrity (self);
  self->notified_read_only = self->read_only;
  if (!checked)
    start_check (self);

  return g_steal_pointer (&self);
}

/* The audit log */

static void
json_append_string (GString    *out,
                    const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
json_append_value (GString      *out,
                   const GValue *value)
{
  switch (G_VALUE_TYPE (value))
    {
    case G_TYPE_INT:
      g_string_append_printf (out, "%d", g_value_get_int (value));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, g_value_get_boolean (value) ? "true" : "false");
      break;
    case G_TYPE_INT64:
      if (g_value_get_int64 (value) == 0)
        g_string_append (out, "null");
      else
        g_string_append_printf (out, "%" G_GINT64_FORMAT, g_value_get_int64 (value));
      break;
    case G_TYPE_STRING:
      if (g_value_get_string (value) == NULL)
        g_string_append (out, "null");
      else
        json_append_string (out, g_value_get_string (value));
      break;
    default:
      {
        GBytes *bytes = g_value_get_boxed (value);

        if (bytes == NULL)
          {
            g_string_append (out, "null");
          }
        else
          {
            /* A checksum stands for the blob: the log stays small. */
            g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

            g_string_append_printf (out, "\"sha256:%s\"", sum);
          }
      }
    }
}

/* A JSON object of @values for the given columns (all if @mask is NULL). */
static char *
values_to_json (const SdTable *table,
                const GValue  *values,
                const gboolean *mask)
{
  GString *out = g_string_new ("{");
  gboolean first = TRUE;

  for (guint i = 0; i < table->n_columns; i++)
    {
      if (mask != NULL && !mask[i])
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      json_append_string (out, table->columns[i].name);
      g_string_append_c (out, ':');
      json_append_value (out, &values[i]);
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

char *
sd_audit_compute_hash (const char *prev_hash,
                       const char *at,
                       const char *os_user,
                       const char *operator_,
                       const char *entity,
                       gint64      entity_id,
                       const char *action,
                       const char *before,
                       const char *after)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, entity_id);
  const char *fields[] = { prev_hash, at, os_user, operator_, entity, id, action,
                           before != NULL ? before : "", after != NULL ? after : "" };

  /* Fields joined by the unit separator, which no field can contain
   * unescaped (the JSON escapes control characters). */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (i > 0)
        g_checksum_update (checksum, (const guchar *) "\x1f", 1);
      g_checksum_update (checksum, (const guchar *) fields[i], -1);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
write_audit (SdStore     *self,
             const char  *entity,
             gint64       entity_id,
             const char  *action,
             const char  *before,
             const char  *after,
             GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
  const char *os_user = g_get_user_name ();
  const char *operator_ = self->operator_ != NULL ? self->operator_ : os_user;
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  int rc;

  /* See load_last_hash(). */
  if (self->last_hash == NULL && !load_last_hash (self, error))
    return FALSE;

  hash = sd_audit_compute_hash (self->last_hash, at, os_user, operator_, entity, entity_id,
                                action, before, after);

  stmt = get_statement (self,
                        "INSERT INTO audit_log (at, os_user, operator, entity, entity_id, action,"
                        " before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, os_user, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, operator_, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, entity, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, entity_id);
  sqlite3_bind_text (stmt, 6, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, before, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, after, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, self->last_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, hash, -1, SQLITE_STATIC);

  rc = step_done (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, "Could not write the audit log");
      return FALSE;
    }

  g_free (self->last_hash);
  self->last_hash = g_steal_pointer (&hash);
  return TRUE;
}

/* Transactions: an edit is a savepoint inside the batch, if there is one,
 * or a transaction of its own. */

static gboolean
op_begin (SdStore  *self,
          GError  **error)
{
  const char *sql;

  /* The edit's entry point has called ensure_writable(). */
  if (self->batch_depth > 0 && self->batch_lost != SQLITE_OK)
    {
      set_sqlite_error (error, NULL, self->batch_lost, "An earlier edit of the batch failed");
      return FALSE;
    }
  sql = self->batch_depth == 0 && self->op_depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT sd_op";
  if (!exec_sql (self->db, sql, error))
    return FALSE;
  /* Another connection (the command line, while the window is open) may
   * have written entries since: the chain goes on from the file's last
   * one, which the write lock now holds still. */
  if (self->batch_depth == 0 && self->op_depth == 0 && !load_last_hash (self, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  self->op_depth++;
  return TRUE;
}

static gboolean
op_end (SdStore  *self,
        gboolean  success,
        GError  **error)
{
  gboolean outermost = self->batch_depth == 0 && self->op_depth == 1;

  g_assert (self->op_depth > 0);
  self->op_depth--;

  if (success)
    {
      if (exec_sql (self->db, outermost ? "COMMIT" : "RELEASE sd_op", error))
        return TRUE;
      /* A failed COMMIT (disk full) leaves the transaction open. */
    }

  /* After some failures (a full disk, an I/O error) SQLite rolls the
   * whole transaction back itself. Inside a batch, the batch is lost then:
   * remembered, so that its next edits and its commit fail as well, rather
   * than each run as a transaction of its own and be committed at once. */
  if (!outermost && sqlite3_get_autocommit (self->db))
    {
      if (self->batch_depth > 0 && self->batch_lost == SQLITE_OK)
        {
          int rc = sqlite3_extended_errcode (self->db);

          self->batch_lost = rc != SQLITE_OK ? refine_io_error (self->db, rc) : SQLITE_ABORT;
        }
      return FALSE;
    }

  if (outermost)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  else
    sqlite3_exec (self->db, "ROLLBACK TO sd_op; RELEASE sd_op", NULL, NULL, NULL);
  return FALSE;
}

/* Effects */

static void
effect_free (gpointer data)
{
  Effect *effect = data;

  g_clear_object (&effect->item);
  if (G_IS_VALUE (&effect->value))
    g_value_unset (&effect->value);
  g_free (effect);
}

/* The position of @item in its table's list. The item's hint is right
 * unless rows were deleted or reloaded since; then every hint is renewed
 * by one walk, so that a run of edits does not search the list each time. */
static gboolean
find_position (TypeState *state,
               SdItem    *item,
               guint     *position)
{
  GListModel *items = G_LIST_MODEL (state->items);
  guint hint = sd_item_get_position_hint (item);
  guint n;

  if (sd_item_list_peek (state->items, hint) == item)
    {
      *position = hint;
      return TRUE;
    }

  n = g_list_model_get_n_items (items);
  *position = G_MAXUINT;
  for (guint i = 0; i < n; i++)
    {
      SdItem *each = sd_item_list_peek (state->items, i);

      sd_item_set_position_hint (each, i);
      if (each == item)
        *position = i;
    }
  return *position != G_MAXUINT;
}

static void
apply_effects (SdStore   *self,
               GPtrArray *effects)
{
  g_autoptr(GPtrArray) updated = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint e = 0; e < effects->len; e++)
    {
      Effect *effect = g_ptr_array_index (effects, e);
      TypeState *state = effect->state;

      switch (effect->kind)
        {
        case EFFECT_INSERT:
          {
            g_hash_table_insert (state->by_id, (gpointer) sd_item_get_id_location (effect->item),
                                 effect->item);
            sd_item_set_position_hint (effect->item,
                                       g_list_model_get_n_items (G_LIST_MODEL (state->items)));
            sd_item_list_append (state->items, effect->item);
            g_signal_emit (self, signals[ITEM_CHANGED], 0, effect->item);
          }
          break;

        case EFFECT_UPDATE:
          /* Told once per item, while it still has its old values. */
          if (g_hash_table_add (seen, effect->item))
            {
              g_signal_emit (self, signals[ITEM_CHANGED], 0, effect->item);
              g_ptr_array_add (updated, effect);
            }
          sd_item_set_value (effect->item, effect->column, &effect->value);
          break;

        case EFFECT_DELETE:
          {
            gint64 id = sd_item_get_id (effect->item);
            guint position;

            g_signal_emit (self, signals[ITEM_CHANGED], 0, effect->item);

            if (find_position (state, effect->item, &position))
              {
                g_hash_table_remove (state->by_id, &id);
                sd_item_list_remove (state->items, position);
              }
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  /* A changed item is also a changed row: views bound to the model, and
   * filters and sorters over it, look at it again. */
  for (guint u = 0; u < updated->len; u++)
    {
      Effect *effect = g_ptr_array_index (updated, u);
      guint position;

      if (find_position (effect->state, effect->item, &position))
        sd_item_list_splice (effect->state->items, position, 1, (gpointer *) &effect->item, 1);
    }
}

/* Only the tables read so far: the others will be read from the file,
 * as it is after the rollback, when they are first needed. */
static void
reload_after_rollback (SdStore *self)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->n_states; i++)
    {
      /* read_state() logs and reports its own failures. */
      if (self->states[i].loaded)
        read_state (self, &self->states[i], NULL);
      /* A read in slices starts again when it is next asked for. */
      stop_loading (&self->states[i]);
    }

  if (!sd_store_load_matrix (self, &error) || !load_last_hash (self, &error))
    g_warning ("Could not reload the database after a rollback: %s", error->message);
  g_signal_emit (self, signals[RELOADED], 0);
}

/* Insert */

static gboolean
collect_values (TypeState     *state,
                GValue        *values,
                gboolean      *mask,
                guint          n_properties,
                const char    *names[],
                const GValue   given[],
                GError       **error)
{
  const SdTable *table = state->table;

  for (guint p = 0; p < n_properties; p++)
    {
      int column = sd_table_find_column (table, names[p]);

      if (column < 0)
        {
          g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_FAILED,
                       "%s has no property “%s”", g_type_name (state->type), names[p]);
          return FALSE;
        }
      if (!g_value_type_transformable (G_VALUE_TYPE (&given[p]), G_VALUE_TYPE (&values[column])) ||
          !g_value_transform (&given[p], &values[column]))
        {
          g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_FAILED,
                       "Wrong value type for %s:%s", g_type_name (state->type), names[p]);
          return FALSE;
        }
      if (mask != NULL)
        mask[column] = TRUE;
    }
  return TRUE;
}

static GValue *
new_values (const SdTable *table)
{
  GValue *values = g_new0 (GValue, table->n_columns);

  for (guint i = 0; i < table->n_columns; i++)
    g_value_init (&values[i], sd_column_get_gtype (&table->columns[i]));
  return values;
}

static void
free_values (const SdTable *table,
             GValue        *values)
{
  for (guint i = 0; i < table->n_columns; i++)
    g_value_unset (&values[i]);
  g_free (values);
}

static sqlite3_stmt *
insert_statement (SdStore         *self,
                  TypeState       *state,
                  const gboolean  *mask,
                  GError         **error)
{
  g_autofree char *sql = sd_sql_insert (state->table, mask);

  return get_statement (self, sql, error);
}

static int
read_row (TypeState *state,
          gint64     id,
          GValue    *values)
{
  int rc;

  sqlite3_reset (state->select_one);
  sqlite3_bind_int64 (state->select_one, 1, id);
  rc = sqlite3_step (state->select_one);
  if (rc == SQLITE_ROW)
    {
      for (guint i = 0; i < state->table->n_columns; i++)
        read_value (state->select_one, i, &values[i]);
      rc = SQLITE_OK;
    }
  else if (rc == SQLITE_DONE)
    {
      rc = SQLITE_NOTFOUND;
    }
  sqlite3_reset (state->select_one);
  return rc;
}

gpointer
sd_store_insertv (SdStore      *self,
                  GType         item_type,
                  guint         n_properties,
                  const char   *names[],
                  const GValue  values_in[],
                  GError      **error)
{
  TypeState *state;
  GValue *values;
  g_autofree gboolean *mask = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) effects = g_ptr_array_new_with_free_func (effect_free);
  Effect *effect;
  SdItem *item = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (SD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  state = state_for_type (self, item_type);
  g_return_val_if_fail (state != NULL, NULL);

  /* The new item joins the model: it must hold the table already, or a
   * later first read would replace the item the caller was given. */
  if (!ensure_writable (self, error) || !ensure_loaded (self, state, error))
    return NULL;

  values = new_values (state->table);
  mask = g_new0 (gboolean, state->table->n_columns);
  if (!collect_values (state, values, mask, n_properties, names, values_in, error))
    goto out;

  if (!op_begin (self, error))
    goto out;

  /* Only the given columns: the others take the schema's defaults, which
   * the row read back below brings into the item. */
  stmt = insert_statement (self, state, mask, error);
  if (stmt == NULL)
    {
      op_end (self, FALSE, NULL);
      goto out;
    }
  for (guint i = 0, n = 1; i < state->table->n_columns; i++)
    {
      if (mask[i])
        bind_value (stmt, n++, &values[i]);
    }
  rc = step_done (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_OK)
    {
      id = sqlite3_last_insert_rowid (self->db);
      rc = read_row (state, id, values);
    }
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, "Could not add the record");
      op_end (self, FALSE, NULL);
      goto out;
    }

  after = values_to_json (state->table, values, NULL);
  if (!write_audit (self, state->table->name, id, "insert", NULL, after, error) ||
      !op_end (self, TRUE, error))
    {
      if (self->op_depth > 0)
        op_end (self, FALSE, NULL);
      load_last_hash (self, NULL);
      goto out;
    }

  item = g_object_new (item_type, NULL);
  sd_item_set_id (item, id);
  for (guint i = 0; i < state->table->n_columns; i++)
    sd_item_set_value (item, i, &values[i]);

  effect = g_new0 (Effect, 1);
  effect->kind = EFFECT_INSERT;
  effect->state = state;
  effect->item = item;
  g_ptr_array_add (effects, effect);
  apply_effects (self, effects);

out:
  free_values (state->table, values);
  return item;
}

static gboolean
collect_valist (GType          item_type,
                const char    *first_property,
                va_list        args,
                GPtrArray     *names,
                GArray        *values,
                GError       **error)
{
  GObjectClass *klass = g_type_class_ref (item_type);
  const char *name = first_property;
  gboolean ok = TRUE;

  while (name != NULL)
    {
      GParamSpec *pspec = g_object_class_find_property (klass, name);
      GValue value = G_VALUE_INIT;
      g_autofree char *message = NULL;

      if (pspec == NULL)
        {
          g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_FAILED,
                       "%s has no property “%s”", g_type_name (item_type), name);
          ok = FALSE;
          break;
        }

      G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &message);
      if (message != NULL)
        {
          g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_FAILED, "%s", message);
          ok = FALSE;
          break;
        }
      g_ptr_array_add (names, (gpointer) name);
      g_array_append_val (values, value);

      name = va_arg (args, const char *);
    }

  g_type_class_unref (klass);
  return ok;
}

static void
clear_gvalue (gpointer data)
{
  g_value_unset (data);
}

gpointer
sd_store_insert (SdStore     *self,
                 GType        item_type,
                 GError     **error,
                 const char  *first_property,
                 ...)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  va_list args;
  gboolean ok;

  g_return_val_if_fail (SD_IS_STORE (self), NULL);

  g_array_set_clear_func (values, clear_gvalue);
  va_start (args, first_property);
  ok = collect_valist (item_type, first_property, args, names, values, error);
  va_end (args);
  if (!ok)
    return NULL;

  return sd_store_insertv (self, item_type, names->len, (const char **) names->pdata,
                           (const GValue *) values->data, error);
}

/* Update */

static gboolean
update_item (SdStore      *self,
             TypeState    *state,
             SdItem       *item,
             GValue       *values,
             const gboolean *mask,
             GPtrArray    *effects,
             GError      **error)
{
  const SdTable *table = state->table;
  gboolean changed[64] = { FALSE };
  gboolean any = FALSE;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  GValue *old_values;
  int n_bound = 0;
  int rc;

  g_assert (table->n_columns <= G_N_ELEMENTS (changed));

  old_values = new_values (table);
  for (guint i = 0; i < table->n_columns; i++)
    {
      sd_item_copy_value (item, i, &old_values[i]);
      if (!mask[i])
        g_value_copy (&old_values[i], &values[i]);
      else if (!sd_value_equal (&values[i], &old_values[i]))
        {
          changed[i] = TRUE;
          any = TRUE;
        }
    }

  if (!any)
    {
      free_values (table, old_values);
      return TRUE;
    }

  /* Only the changed columns: the others may have been changed by another
   * process since this one read the row, and writing back what it read
   * would undo that behind the log's back. */
  sql = sd_sql_update (table, changed);
  stmt = get_statement (self, sql, error);
  if (stmt == NULL)
    {
      free_values (table, old_values);
      return FALSE;
    }
  for (guint i = 0; i < table->n_columns; i++)
    if (changed[i])
      bind_value (stmt, ++n_bound, &values[i]);
  sqlite3_bind_int64 (stmt, ++n_bound, sd_item_get_id (item));
  rc = step_done (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, "Could not change the record");
      free_values (table, old_values);
      return FALSE;
    }

  before = values_to_json (table, old_values, changed);
  after = values_to_json (table, values, changed);
  free_values (table, old_values);
  if (!write_audit (self, table->name, sd_item_get_id (item), "update", before, after, error))
    return FALSE;

  for (guint i = 0; i < table->n_columns; i++)
    {
      Effect *effect;

      if (!changed[i])
        continue;
      effect = g_new0 (Effect, 1);
      effect->kind = EFFECT_UPDATE;
      effect->state = state;
      effect->item = g_object_ref (item);
      effect->column = i;
      g_value_init (&effect->value, G_VALUE_TYPE (&values[i]));
      g_value_copy (&values[i], &effect->value);
      g_ptr_array_add (effects, effect);
    }
  return TRUE;
}

/* A sign-off is a signed record (21 CFR 11.70): what was signed, and when,
 * must stay as it was. A new sign-off supersedes an old one; none is ever
 * changed or deleted through the store. (Deleting a person who signed
 * still clears the signer's reference: that goes through update_item(),
 * not through these entry points.) */
static gboolean
refuse_signoff_change (gpointer   item,
                       GError   **error)
{
  if (!SD_IS_SIGNOFF (item))
    return FALSE;
  g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT,
                       /* Translators: 签字确认记录一经签署不可更改 */
                       _("A sign-off is a signed record and is never changed"));
  return TRUE;
}

gboolean
sd_store_updatev (SdStore      *self,
                  gpointer      item,
                  guint         n_properties,
                  const char   *names[],
                  const GValue  values_in[],
                  GError      **error)
{
  TypeState *state;
  GValue *values;
  g_autofree gboolean *mask = NULL;
  g_autoptr(GPtrArray) effects = g_ptr_array_new_with_free_func (effect_free);
  gboolean ok = FALSE;

  g_return_val_if_fail (SD_IS_STORE (self), FALSE);
  g_return_val_if_fail (SD_IS_ITEM (item), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (refuse_signoff_change (item, error))
    return FALSE;

  state = state_for_type (self, G_OBJECT_TYPE (item));
  g_return_val_if_fail (state != NULL, FALSE);

  if (!ensure_writable (self, error) || !ensure_loaded (self, state, error))
    return FALSE;
  if (sd_store_lookup (self, state->type, sd_item_get_id (item)) != item)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                   "The record was deleted in the meantime");
      return FALSE;
    }

  values = new_values (state->table);
  mask = g_new0 (gboolean, state->table->n_columns);
  if (!collect_values (state, values, mask, n_properties, names, values_in, error))
    goto out;

  if (!op_begin (self, error))
    goto out;
  ok = update_item (self, state, item, values, mask, effects, error);
  if (!op_end (self, ok, ok ? error : NULL))
    {
      ok = FALSE;
      load_last_hash (self, NULL);
      goto out;
    }
  apply_effects (self, effects);

out:
  free_values (state->table, values);
  return ok;
}

gboolean
sd_store_update (SdStore     *self,
                 gpointer     item,
                 GError     **error,
                 const char  *first_property,
                 ...)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  va_list args;
  gboolean ok;

  g_return_val_if_fail (SD_IS_STORE (self), FALSE);
  g_return_val_if_fail (SD_IS_ITEM (item), FALSE);

  g_array_set_clear_func (values, clear_gvalue);
  va_start (args, first_property);
  ok = collect_valist (G_OBJECT_TYPE (item), first_property, args, names, values, error);
  va_end (args);
  if (!ok)
    return FALSE;

  return sd_store_updatev (self, item, names->len, (const char **) names->pdata,
                           (const GValue *) values->data, error);
}

/* Delete */

static gboolean delete_item (SdStore    *self,
                             TypeState  *state,
                             SdItem     *item,
                             GHashTable *deleting,
                             GPtrArray  *effects,
                             GError    **error);

/* Applies the on-delete policy of every column that refers to @item. */
static gboolean
handle_referrers (SdStore    *self,
                  TypeState  *target,
                  SdItem     *item,
                  GHashTable *deleting,
                  GPtrArray  *effects,
                  GError    **error)
{
  gint64 id = sd_item_get_id (item);

  for (guint s = 0; s < self->n_states; s++)
    {
      TypeState *state = &self->states[s];
      const SdTable *table = state->table;

      for (guint c = 0; c < table->n_columns; c++)
        {
          const SdColumn *column = &table->columns[c];
          g_autofree char *sql = NULL;
          g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          sqlite3_stmt *stmt;
          int rc;

          if (column->type != SD_COLUMN_REF || column->ref_type () != target->type)
            continue;

          sql = sd_sql_select_ids_where (table, c);
          if (!(stmt = get_statement (self, sql, error)))
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              gint64 referrer = sqlite3_column_int64 (stmt, 0);
              g_array_append_val (ids, referrer);
            }
          sqlite3_reset (stmt);
          if (rc != SQLITE_DONE)
            {
              set_sqlite_error (error, self->db, rc, "Could not delete the record");
              return FALSE;
            }

          /* The referrers are items of the models: read their table if
           * nothing has yet. No row of it has changed in this edit (every
           * change goes through a loaded item), so what is read is what
           * the file held before the edit. */
          if (ids->len > 0 && !ensure_loaded (self, state, error))
            return FALSE;

          for (guint r = 0; r < ids->len; r++)
            {
              gint64 referrer_id = g_array_index (ids, gint64, r);
              SdItem *referrer = g_hash_table_lookup (state->by_id, &referrer_id);

              if (referrer == NULL || g_hash_table_contains (deleting, referrer))
                continue;

              switch (column->on_delete)
                {
                case SD_ON_DELETE_RESTRICT:
                  g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT,
                               "The record is still used by %s %" G_GINT64_FORMAT,
                               table->name, referrer_id);
                  return FALSE;

                case SD_ON_DELETE_CASCADE:
                  if (!delete_item (self, state, referrer, deleting, effects, error))
                    return FALSE;
                  break;

                case SD_ON_DELETE_SET_NULL:
                  {
                    GValue *values = new_values (table);
                    g_autofree gboolean *mask = g_new0 (gboolean, table->n_columns);
                    gboolean ok;

                    mask[c] = TRUE;
                    g_value_set_int64 (&values[c], 0);
                    ok = update_item (self, state, referrer, values, mask, effects, error);
                    free_values (table, values);
                    if (!ok)
                      return FALSE;
                  }
                  break;

                default:
                  g_assert_not_reached ();
                }
            }
        }
    }
  return TRUE;
}

static gboolean
delete_item (SdStore    *self,
             TypeState  *state,
             SdItem     *item,
             GHashTable *deleting,
             GPtrArray  *effects,
             GError    **error)
{
  const SdTable *table = state->table;
  g_autofree char *before = NULL;
  GValue *values;
  Effect *effect;
  int rc;

  g_hash_table_add (deleting, item);

  if (!handle_referrers (self, state, item, deleting, effects, error))
    return FALSE;

  sqlite3_reset (state->delete);
  sqlite3_bind_int64 (state->delete, 1, sd_item_get_id (item));
  rc = step_done (state->delete);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, "Could not delete the record");
      return FALSE;
    }

  values = new_values (table);
  for (guint i = 0; i < table->n_columns; i++)
    sd_item_copy_value (item, i, &values[i]);
  before = values_to_json (table, values, NULL);
  free_values (table, values);

  if (!write_audit (self, table->name, sd_item_get_id (item), "delete", before, NULL, error))
    return FALSE;

  effect = g_new0 (Effect, 1);
  effect->kind = EFFECT_DELETE;
  effect->state = state;
  effect->item = g_object_ref (item);
  g_ptr_array_add (effects, effect);
  return TRUE;
}

/* Undoing a deletion */

typedef struct
{
  TypeState *state;
  SdItem    *item;      /* owned */
  gboolean   cleared;   /* a reference of @item was cleared, not @item deleted */
  guint      column;    /* cleared */
  GValue     value;     /* cleared: the reference before */
} DeletionStep;

struct _SdDeletion
{
  SdStore *store;       /* not owned: a deletion is undone in its own store */
  GArray  *steps;       /* DeletionStep, in the order the edit made them */
};

static void
deletion_step_clear (gpointer data)
{
  DeletionStep *step = data;

  g_clear_object (&step->item);
  if (G_IS_VALUE (&step->value))
    g_value_unset (&step->value);
}

void
sd_deletion_free (SdDeletion *deletion)
{
  if (deletion == NULL)
    return;
  g_array_unref (deletion->steps);
  g_free (deletion);
}

/* Reads what @effects (of a deletion not yet applied) will change, while
 * the items still hold the values from before. */
static SdDeletion *
deletion_new (SdStore   *self,
              GPtrArray *effects)
{
  SdDeletion *deletion = g_new0 (SdDeletion, 1);

  deletion->store = self;
  deletion->steps = g_array_new (FALSE, TRUE, sizeof (DeletionStep));
  g_array_set_clear_func (deletion->steps, deletion_step_clear);

  for (guint e = 0; e < effects->len; e++)
    {
      Effect *effect = g_ptr_array_index (effects, e);
      DeletionStep step = { effect->state, g_object_ref (effect->item), FALSE, 0, G_VALUE_INIT };

      if (effect->kind == EFFECT_UPDATE)
        {
          const SdTable *table = effect->state->table;

          step.cleared = TRUE;
          step.column = effect->column;
          g_value_init (&step.value, sd_column_get_gtype (&table->columns[effect->column]));
          sd_item_copy_value (effect->item, effect->column, &step.value);
        }
      else
        {
          g_assert (effect->kind == EFFECT_DELETE);
        }
      g_array_append_val (deletion->steps, step);
    }
  return deletion;
}

/* Writes @item's row again, with its own id. */
static gboolean
reinsert_item (SdStore    *self,
               TypeState  *state,
               SdItem     *item,
               GPtrArray  *effects,
               GError    **error)
{
  const SdTable *table = state->table;
  g_autofree char *sql = sd_sql_insert_with_id (table);
  g_autofree char *after = NULL;
  GValue *values;
  sqlite3_stmt *stmt;
  Effect *effect;
  int rc;

  if (!(stmt = get_statement (self, sql, error)))
    return FALSE;

  values = new_values (table);
  for (guint i = 0; i < table->n_columns; i++)
    sd_item_copy_value (item, i, &values[i]);

  sqlite3_bind_int64 (stmt, 1, sd_item_get_id (item));
  for (guint i = 0; i < table->n_columns; i++)
    bind_value (stmt, i + 2, &values[i]);
  rc = step_done (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_OK)
    {
      free_values (table, values);
      set_sqlite_error (error, self->db, rc, "Could not restore the record");
      return FALSE;
    }

  after = values_to_json (table, values, NULL);
  free_values (table, values);
  if (!write_audit (self, table->name, sd_item_get_id (item), "insert", NULL, after, error))
    return FALSE;

  effect = g_new0 (Effect, 1);
  effect->kind = EFFECT_INSERT;
  effect->state = state;
  effect->item = g_object_ref (item);
  g_ptr_array_add (effects, effect);
  return TRUE;
}

/* Deletes @item and its dependants; with @deletion, also returns what is
 * needed to undo it. */
static gboolean
delete_with_effects (SdStore     *self,
                     gpointer     item,
                     SdDeletion **deletion,
                     GError     **error)
{
  TypeState *state;
  g_autoptr(GHashTable) deleting = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) effects = g_ptr_array_new_with_free_func (effect_free);
  gboolean ok;

  if (refuse_signoff_change (item, error))
    return FALSE;

  state = state_for_type (self, G_OBJECT_TYPE (item));
  g_return_val_if_fail (state != NULL, FALSE);

  if (!ensure_writable (self, error) || !ensure_loaded (self, state, error))
    return FALSE;
  if (sd_store_lookup (self, state->type, sd_item_get_id (item)) != item)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                   "The record was deleted in the meantime");
      return FALSE;
    }

  if (!op_begin (self, error))
    return FALSE;
  ok = delete_item (self, state, item, deleting, effects, error);
  if (!op_end (self, ok, ok ? error : NULL))
    {
      load_last_hash (self, NULL);
      return FALSE;
    }

  if (deletion != NULL)
    *deletion = deletion_new (self, effects);

  /* Keep the item alive while it leaves the models. */
  g_object_ref (item);
  apply_effects (self, effects);
  g_object_unref (item);
  return TRUE;
}

gboolean
sd_store_delete (SdStore  *self,
                 gpointer  item,
                 GError  **error)
{
  g_return_val_if_fail (SD_IS_STORE (self), FALSE);
  g_return_val_if_fail (SD_IS_ITEM (item), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return delete_with_effects (self, item, NULL, error);
}

SdDeletion *
sd_store_delete_with_undo (SdStore  *self,
                           gpointer  item,
                           GError  **error)
{
  SdDeletion *deletion = NULL;

  g_return_val_if_fail (SD_IS_STORE (self), NULL);
  g_return_val_if_fail (SD_IS_ITEM (item), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!delete_with_effects (self, item, &deletion, error))
    return NULL;
  return deletion;
}

gboolean
sd_store_undo_deletion (SdStore     *self,
                        SdDeletion  *deletion,
                        GError     **error)
{
  g_autoptr(GPtrArray) effects = g_ptr_array_new_with_free_func (effect_free);
  g_autoptr(GHashTable) put_back = g_hash_table_new (NULL, NULL);
  gboolean ok = TRUE;

  g_return_val_if_fail (SD_IS_STORE (self), FALSE);
  g_return_val_if_fail (deletion != NULL && deletion->store == self, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ensure_writable (self, error))
    return FALSE;
  for (guint i = 0; i < deletion->steps->len; i++)
    {
      DeletionStep *step = &g_array_index (deletion->steps, DeletionStep, i);

      if (!ensure_loaded (self, step->state, error))
        return FALSE;
      if (!step->cleared && sd_store_lookup (self, step->state->type,
                                             sd_item_get_id (step->item)) != NULL)
        {
          g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT,
                       "The record is already there");
          return FALSE;
        }
    }

  if (!op_begin (self, error))
    return FALSE;

  /* Rows were deleted dependants first: put them back owners first, so
   * that every reference finds its row (the file enforces them). */
  for (guint i = deletion->steps->len; ok && i > 0; i--)
    {
      DeletionStep *step = &g_array_index (deletion->steps, DeletionStep, i - 1);

      if (!step->cleared)
        {
          ok = reinsert_item (self, step->state, step->item, effects, error);
          g_hash_table_add (put_back, step->item);
        }
    }

  /* Then the references that pointed at them. */
  for (guint i = 0; ok && i < deletion->steps->len; i++)
    {
      DeletionStep *step = &g_array_index (deletion->steps, DeletionStep, i);
      const SdTable *table = step->state->table;
      g_autofree gboolean *mask = NULL;
      GValue *values;

      if (!step->cleared)
        continue;
      /* Gone since, with its own deletion: nothing to point back. But a
       * row this deletion cleared and then removed as well (a plan's task
       * loses its stream, then goes with the plan) is back by now, without
       * the reference: the row it points to may come back after it. */
      if (sd_store_lookup (self, step->state->type, sd_item_get_id (step->item)) != step->item &&
          !g_hash_table_contains (put_back, step->item))
        continue;

      values = new_values (table);
      mask = g_new0 (gboolean, table->n_columns);
      mask[step->column] = TRUE;
      g_value_copy (&step->value, &values[step->column]);
      ok = update_item (self, step->state, step->item, values, mask, effects, error);
      free_values (table, values);
    }

  if (!op_end (self, ok, ok ? error : NULL))
    {
      load_last_hash (self, NULL);
      return FALSE;
    }
  apply_effects (self, effects);
  return TRUE;
}

/* Batches */

gboolean
sd_store_begin (SdStore  *self,
                GError  **error)
{
  g_return_val_if_fail (SD_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->op_depth == 0, FALSE);

  if (!ensure_writable (self, error))
    return FALSE;
  if (self->batch_depth > 0 && self->batch_lost != SQLITE_OK)
    {
      set_sqlite_error (error, NULL, self->batch_lost, "An earlier edit of the batch failed");
      return FALSE;
    }

  if (!exec_sql (self->db, self->batch_depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT sd_batch",
                 error))
    return FALSE;
  /* As op_begin(): the chain goes on from the file's last entry. */
  if (self->batch_depth == 0 && !load_last_hash (self, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  self->batch_depth++;
  return TRUE;
}

gboolean
sd_store_commit (SdStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (SD_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->batch_depth > 0, FALSE);

  /* See op_end(): the batch is no longer there to commit. */
  if (self->batch_lost != SQLITE_OK)
    {
      set_sqlite_error (error, NULL, self->batch_lost, "An earlier edit of the batch failed");
      sd_store_rollback (self);
      return FALSE;
    }
  if (!exec_sql (self->db, self->batch_depth == 1 ? "COMMIT" : "RELEASE sd_batch", error))
    {
      sd_store_rollback (self);
      return FALSE;
    }
  self->batch_depth--;
  return TRUE;
}

void
sd_store_rollback (SdStore *self)
{
  g_return_if_fail (SD_IS_STORE (self));
  g_return_if_fail (self->batch_depth > 0);

  if (self->batch_depth == 1)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  else
    sqlite3_exec (self->db, "ROLLBACK TO sd_batch; RELEASE sd_batch", NULL, NULL, NULL);
  self->batch_depth--;
  if (self->batch_depth == 0)
    self->batch_lost = SQLITE_OK;

  /* The models saw the batch's edits as they happened: read them again. */
  reload_after_rollback (self);
}

/* Accessors */

GListModel *
sd_store_get_items (SdStore *self,
                    GType    item_type)
{
  TypeState *state;

  g_return_val_if_fail (SD_IS_STORE (self), NULL);

  state = state_for_type (self, item_type);
  g_return_val_if_fail (state != NULL, NULL);

  /* On failure the model stays empty; read_state() has said why. */
  ensure_loaded (self, state, NULL);
  return G_LIST_MODEL (state->items);
}

GListModel *
sd_store_peek_items (SdStore *self,
                     GType    item_type)
{
  TypeState *state;

  g_return_val_if_fail (SD_IS_STORE (self), NULL);

  state = state_for_type (self, item_type);
  g_return_val_if_fail (state != NULL, NULL);

  return G_LIST_MODEL (state->items);
}

gpointer
sd_store_lookup (SdStore *self,
                 GType    item_type,
                 gint64   id)
{
  TypeState *state;

  g_return_val_if_fail (SD_IS_STORE (self), NULL);

  state = state_for_type (self, item_type);
  g_return_val_if_fail (state != NULL, NULL);

  if (id == 0 || !ensure_loaded (self, state, NULL))
    return NULL;
  return g_hash_table_lookup (state->by_id, &id);
}

gboolean
sd_store_changed_elsewhere (SdStore *self)
{
  int version = 0;
  int rc;

  g_return_val_if_fail (SD_IS_STORE (self), FALSE);

  /* A file that cannot be asked (busy, gone) has not shown a change. */
  return sd_sqlite_query_int (self->db, "PRAGMA data_version", &version, &rc)
         && version != self->data_version;
}

GPtrArray *
sd_store_find (SdStore    *self,
               GType       item_type,
               const char *property,
               gint64      id)
{
  g_autofree char *sql = NULL;
  GPtrArray *found = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  TypeState *state;
  int column;
  int rc;

  g_return_val_if_fail (SD_IS_STORE (self), found);

  state = state_for_type (self, item_type);
  g_return_val_if_fail (state != NULL, found);
  column = sd_table_find_column (state->table, property);
  g_return_val_if_fail (column >= 0 && state->table->columns[column].type == SD_COLUMN_REF,
                        found);

  if (id == 0 || !ensure_loaded (self, state, NULL))
    return found;

  /* One cached statement per table and column. */
  sql = sd_sql_select_ids_where (state->table, column);
  stmt = get_statement (self, sql, NULL);
  if (stmt == NULL)
    return found;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 each = sqlite3_column_int64 (stmt, 0);
      gpointer item = g_hash_table_lookup (state->by_id, &each);

      /* Only a row written in a batch whose items are not yet made. */
      if (item != NULL)
        g_ptr_array_add (found, item);
    }
  if (rc != SQLITE_DONE)
    g_warning ("Could not look up %s by %s: %s", state->table->name,
               state->table->columns[column].name, sqlite3_errmsg (self->db));
  sqlite3_reset (stmt);
  return found;
}

/* See sd_store_load_slice(). */
static gboolean
load_slice (SdStore   *self,
            TypeState *state,
            gint64     deadline)
{
  gboolean done = FALSE;

  if (state->loaded || state->load_error != NULL)
    return TRUE;
  /* A table in another order than its ids is read in one piece. */
  if (state->table->order_by != NULL)
    {
      read_state (self, state, NULL);
      return TRUE;
    }

  if (state->loading == NULL)
    {
      state->loading = g_ptr_array_new_with_free_func (g_object_unref);
      state->loading_not_null = not_null_columns (self, state->table);
      state->loading_after = 0;
    }
  do
    {
      g_autoptr(GError) error = NULL;

      if (!load_page (self, state, &done, &error))
        {
          /* As a read in one piece reports and remembers it. */
          stop_loading (state);
          read_state (self, state, NULL);
          return TRUE;
        }
    }
  while (!done && (deadline == 0 || g_get_monotonic_time () < deadline));

  if (!done)
    return FALSE;
  install_items (state, state->loading);
  state->loaded = TRUE;
  stop_loading (state);
  return TRUE;
}

gboolean
sd_store_load_slice (SdStore *self,
                     GType    item_type,
                     gint64   deadline)
{
  TypeState *state;

  g_return_val_if_fail (SD_IS_STORE (self), TRUE);

  state = state_for_type (self, item_type);
  g_return_val_if_fail (state != NULL, TRUE);

  return load_slice (self, state, deadline);
}

gboolean
sd_store_is_loaded (SdStore *self,
                    GType    item_type)
{
  TypeState *state;

  g_return_val_if_fail (SD_IS_STORE (self), FALSE);

  state = state_for_type (self, item_type);
  g_return_val_if_fail (state != NULL, FALSE);

  return state->loaded;
}

const char *
sd_store_get_path (SdStore *self)
{
  g_return_val_if_fail (SD_IS_STORE (self), NULL);

  return self->path;
}

gboolean
sd_store_get_created (SdStore *self)
{
  g_return_val_if_fail (SD_IS_STORE (self), FALSE);

  return self->created;
}

gboolean
sd_store_get_read_only (SdStore *self)
{
  g_return_val_if_fail (SD_IS_STORE (self), FALSE);

  return self->read_only || get_integrity (self) == SD_STORE_INTEGRITY_DAMAGED;
}

/* No units, people, duties, risks or plans: what a new file looks like.
 * (The built-in rules and categories do not count.) Asked of the file, so
 * that the answer reads no table into memory. */
gboolean
sd_store_is_empty (SdStore *self)
{
  const GType types[] = { SD_TYPE_UNIT, SD_TYPE_PERSON, SD_TYPE_POST, SD_TYPE_BODY,
                          SD_TYPE_DUTY, SD_TYPE_RISK, SD_TYPE_PLAN };

  g_return_val_if_fail (SD_IS_STORE (self), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      TypeState *state = state_for_type (self, types[i]);
      g_autofree char *sql = sd_sql_select_exists (state->table);
      g_autoptr(GError) error = NULL;
      sqlite3_stmt *stmt = get_statement (self, sql, &error);
      gboolean exists = FALSE;

      if (stmt != NULL)
        {
          int rc = sqlite3_step (stmt);

          if (rc == SQLITE_ROW)
            exists = sqlite3_column_int (stmt, 0) != 0;
          else
            set_sqlite_error (&error, self->db, rc, "Could not read the database");
          sqlite3_reset (stmt);
        }

      /* A file that cannot be read is not offered as empty: whatever
       * fills an empty file must not be written over damaged data. */
      if (error != NULL)
        {
          g_debug ("Could not tell whether %s is empty: %s", state->table->name,
                   error->message);
          return FALSE;
        }
      if (exists)
        return FALSE;
    }
  return TRUE;
}

SdStoreIntegrity
sd_store_get_integrity (SdStore *self)
{
  g_return_val_if_fail (SD_IS_STORE (self), SD_STORE_INTEGRITY_DAMAGED);

  return get_integrity (self);
}

gboolean
sd_store_get_verified (SdStore *self)
{
  g_return_val_if_fail (SD_IS_STORE (self), FALSE);

  return get_integrity (self) == SD_STORE_INTEGRITY_VERIFIED;
}

const GError *
sd_store_get_integrity_error (SdStore *self)
{
  const GError *error;

  g_return_val_if_fail (SD_IS_STORE (self), NULL);

  /* Set once and kept until the store is finalized: safe to hand out. */
  g_mutex_lock (&self->check->mutex);
  error = self->check->error;
  g_mutex_unlock (&self->check->mutex);
  return error;
}

gboolean
sd_store_wait_verified (SdStore  *self,
                        GError  **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (SD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->check->mutex);
  while (!self->check->done && self->check->error == NULL)
    g_cond_wait (&self->check->cond, &self->check->mutex);
  if (self->check->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->check->error));
      ok = FALSE;
    }
  g_mutex_unlock (&self->check->mutex);
  return ok;
}

const char *
sd_store_get_operator (SdStore *self)
{
  g_return_val_if_fail (SD_IS_STORE (self), NULL);

  return self->operator_;
}

void
sd_store_set_operator (SdStore    *self,
                       const char *operator_)
{
  g_return_if_fail (SD_IS_STORE (self));

  if (g_strcmp0 (self->operator_, operator_) != 0)
    {
      g_free (self->operator_);
      self->operator_ = g_strdup (operator_);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR]);
    }
}

int
sd_store_get_matrix_size (SdStore *self)
{
  g_return_val_if_fail (SD_IS_STORE (self), 5);

  return self->matrix.size;
}

SdZone
sd_store_get_zone (SdStore *self,
                   int      likelihood,
                   int      impact)
{
  g_return_val_if_fail (SD_IS_STORE (self), SD_ZONE_LOW);
  g_return_val_if_fail (likelihood >= 1 && likelihood <= SD_MATRIX_MAX_SIZE, SD_ZONE_LOW);
  g_return_val_if_fail (impact >= 1 && impact <= SD_MATRIX_MAX_SIZE, SD_ZONE_LOW);

  return self->matrix.zones[likelihood - 1][impact - 1];
}

void
sd_audit_entry_free (SdAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->os_user);
  g_free (entry->operator_);
  g_free (entry->entity);
  g_free (entry->action);
  g_free (entry->before);
  g_free (entry->after);
  g_free (entry->prev_hash);
  g_free (entry->hash);
  g_free (entry);
}

GPtrArray *
sd_store_get_audit_entries (SdStore     *self,
                            const char  *entity,
                            gint64       entity_id,
                            GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SD_IS_STORE (self), NULL);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_audit_entry_free);
  stmt = get_statement (self,
                        "SELECT id, at, os_user, operator, entity, entity_id, action, before,"
                        " after, prev_hash, hash FROM audit_log"
                        " WHERE (?1 IS NULL OR entity = ?1) AND (?2 = 0 OR entity_id = ?2)"
                        " ORDER BY id",
                        error);
  if (stmt == NULL)
    return NULL;

  if (entity != NULL)
    sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, entity_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SdAuditEntry *entry = g_new0 (SdAuditEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->os_user = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->operator_ = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      entry->entity_id = sqlite3_column_int64 (stmt, 5);
      entry->action = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      entry->before = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      entry->after = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      entry->prev_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      entry->hash = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, "Could not read the audit log");
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* Internal API of the store's own files (sd-store-private.h) */

sqlite3_stmt *
sd_store_get_statement (SdStore     *self,
                        const char  *sql,
                        GError     **error)
{
  return get_statement (self, sql, error);
}

void
sd_store_set_sqlite_error (SdStore     *self,
                           int          rc,
                           const char  *what,
                           GError     **error)
{
  set_sqlite_error (error, self->db, rc, what);
}

gboolean
sd_store_edit_begin (SdStore  *self,
                     GError  **error)
{
  return ensure_writable (self, error) && op_begin (self, error);
}

gboolean
sd_store_edit_end (SdStore   *self,
                   gboolean   success,
                   GError   **error)
{
  if (op_end (self, success, success ? error : NULL))
    return TRUE;
  /* The audit entries written since the edit began are gone with it. */
  load_last_hash (self, NULL);
  return FALSE;
}

gboolean
sd_store_write_audit (SdStore     *self,
                      const char  *entity,
                      gint64       entity_id,
                      const char  *action,
                      const char  *before,
                      const char  *after,
                      GError     **error)
{
  return write_audit (self, entity, entity_id, action, before, after, error);
}

void
sd_store_json_append_string (GString    *out,
                             const char *s)
{
  json_append_string (out, s);
}

void
sd_store_json_append_value (GString      *out,
                            const GValue *value)
{
  json_append_value (out, value);
}

char *
sd_store_row_to_json (const SdTable *table,
                      sqlite3_stmt  *stmt,
                      int            first)
{
  GValue *values = new_values (table);
  char *json;

  /* The same reading and writing as an insertion's "after": a row that
   * nobody changed since gives the very same text. */
  for (guint i = 0; i < table->n_columns; i++)
    read_value (stmt, first + i, &values[i]);
  json = values_to_json (table, values, NULL);
  free_values (table, values);
  return json;
}

SdMatrixSettings *
sd_store_peek_matrix (SdStore *self)
{
  return &self->matrix;
}

void
sd_store_emit_matrix_changed (SdStore *self)
{
  g_signal_emit (self, signals[MATRIX_CHANGED], 0);
}

/* GObject */

static void
sd_store_dispose (GObject *object)
{
  SdStore *self = SD_STORE (object);

  /* Before the store's connection closes: see check_cancel(). */
  check_cancel (self->check);

  for (guint i = 0; i < self->n_states; i++)
    {
      TypeState *state = &self->states[i];

      g_clear_pointer (&state->select_one, sqlite3_finalize);
      g_clear_pointer (&state->delete, sqlite3_finalize);
      g_clear_pointer (&state->by_id, g_hash_table_unref);
      g_clear_object (&state->items);
      g_clear_error (&state->load_error);
      stop_loading (state);
    }
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);

  G_OBJECT_CLASS (sd_store_parent_class)->dispose (object);
}

static void
sd_store_finalize (GObject *object)
{
  SdStore *self = SD_STORE (object);

  g_clear_pointer (&self->check, check_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->states);
  g_free (self->path);
  g_free (self->operator_);
  g_free (self->last_hash);
  sd_matrix_settings_clear (&self->matrix);

  G_OBJECT_CLASS (sd_store_parent_class)->finalize (object);
}

static void
sd_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SdStore *self = SD_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_OPERATOR:
      g_value_set_string (value, self->operator_);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, sd_store_get_read_only (self));
      break;
    case PROP_INTEGRITY:
      g_value_set_enum (value, get_integrity (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_store_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  SdStore *self = SD_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_OPERATOR:
      sd_store_set_operator (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_store_class_init (SdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sd_store_dispose;
  object_class->finalize = sd_store_finalize;
  object_class->get_property = sd_store_get_property;
  object_class->set_property = sd_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPERATOR] =
    g_param_spec_string ("operator", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* TRUE also once the file is found damaged. */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Notified in the thread-default main context of the thread that opened
   * the store (see SdStoreIntegrity). */
  properties[PROP_INTEGRITY] =
    g_param_spec_enum ("integrity", NULL, NULL,
                       SD_TYPE_STORE_INTEGRITY, SD_STORE_INTEGRITY_VERIFIED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The risk matrix settings changed: set, or put back by a rollback. */
  signals[MATRIX_CHANGED] =
    g_signal_new ("matrix-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* See sd-store.h. */
  signals[ITEM_CHANGED] =
    g_signal_new ("item-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SD_TYPE_ITEM);
  signals[RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
sd_store_init (SdStore *self)
{
  const GType *types = sd_store_get_item_types (&self->n_states);

  self->states = g_new0 (TypeState, self->n_states);
  for (guint i = 0; i < self->n_states; i++)
    {
      SdItemClass *klass = g_type_class_ref (types[i]);

      self->states[i].type = types[i];
      self->states[i].table = sd_item_class_get_table (klass);
      self->states[i].items = sd_item_list_new (types[i]);
      self->states[i].by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_type_class_unref (klass);
    }
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->matrix.size = 5;
  self->check = check_new ();
  self->notified_integrity = SD_STORE_INTEGRITY_VERIFIED;
}
