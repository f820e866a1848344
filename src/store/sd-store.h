/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <gio/gio.h>

#include "sd-item.h"
#include "sd-zone.h"

G_BEGIN_DECLS

#define SD_STORE_ERROR (sd_store_error_quark ())

typedef enum
{
  SD_STORE_ERROR_FAILED,
  SD_STORE_ERROR_NOT_FOUND,     /* no such file, or no such item */
  SD_STORE_ERROR_NOT_DATABASE,  /* not a Security Duties database */
  SD_STORE_ERROR_CORRUPT,       /* damaged or truncated */
  SD_STORE_ERROR_TOO_NEW,       /* written by a newer version of the app */
  SD_STORE_ERROR_READ_ONLY,
  SD_STORE_ERROR_FULL,          /* the disk is full */
  SD_STORE_ERROR_CONSTRAINT,    /* refused by a rule of the data model */
  SD_STORE_ERROR_BUSY,
  SD_STORE_ERROR_IO,
} SdStoreError;

typedef enum
{
  SD_STORE_OPEN_NONE   = 0,
  SD_STORE_OPEN_CREATE = 1 << 0,  /* create the file if it does not exist */
} SdStoreOpenFlags;

/* What is known about the integrity of the file behind a store.
 *
 * sd_store_open() refuses at once a file that is not ours, too new, or
 * whose header shows it truncated. The full check of every page (PRAGMA
 * quick_check) takes about as long as reading the whole file, so it runs in
 * a thread of its own, on its own read-only connection, while the store is
 * already open for reading. (A file that needs a schema upgrade, or a
 * switch to write-ahead logging, is checked before sd_store_open() returns:
 * both write to it.) Until the check has passed, nothing is written to the
 * file: each edit waits for the result, and a damaged file refuses every
 * edit with the error that showed the damage (SD_STORE_ERROR_CORRUPT, or
 * SD_STORE_ERROR_IO for a table that could not be read). */
typedef enum
{
  SD_STORE_INTEGRITY_CHECKING,  /* the check is still running */
  SD_STORE_INTEGRITY_VERIFIED,  /* the file passed the check */
  SD_STORE_INTEGRITY_DAMAGED,   /* the check, or reading a table, found damage */
} SdStoreIntegrity;

#define SD_TYPE_STORE_INTEGRITY (sd_store_integrity_get_type ())

GType sd_store_integrity_get_type (void);

/* One entry of the audit log. */
typedef struct
{
  gint64  id;
  char   *at;         /* ISO 8601, UTC */
  char   *os_user;
  char   *operator_;
  char   *entity;     /* table name */
  gint64  entity_id;
  char   *action;     /* "insert", "update", "delete" */
  char   *before;     /* JSON object, or NULL */
  char   *after;      /* JSON object, or NULL */
  char   *prev_hash;
  char   *hash;
} SdAuditEntry;

void sd_audit_entry_free (SdAuditEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdAuditEntry, sd_audit_entry_free)

#define SD_TYPE_STORE (sd_store_get_type ())

/* Signals besides each list's "items-changed", for whoever keeps something
 * worked out from many tables and wants to redo only what an edit touched:
 *
 * - "item-changed" (SdItem *item): an edit inserted, updated or deleted
 *   @item. For an insertion once the item is in its list; for an update or
 *   a deletion before the item changes or leaves its list, so a handler
 *   sees what the item held before (an update gets its new values right
 *   after). Emitted while the store applies an edit: a handler notes what
 *   it needs and edits nothing.
 * - "reloaded": a rollback read the lists again; every item was replaced.
 * - "matrix-changed": the risk matrix settings changed. */

G_DECLARE_FINAL_TYPE (SdStore, sd_store, SD, STORE, GObject)

GQuark       sd_store_error_quark       (void);

SdStore     *sd_store_open              (const char        *path,
                                         SdStoreOpenFlags   flags,
                                         GError           **error);
const char  *sd_store_get_path          (SdStore           *self);
gboolean     sd_store_get_created       (SdStore           *self);
/* TRUE for a file the app may not write, and for a damaged one. */
gboolean     sd_store_get_read_only     (SdStore           *self);
/* Asks the file (it reads no table into memory). */
gboolean     sd_store_is_empty          (SdStore           *self);
const char  *sd_store_get_operator      (SdStore           *self);
void         sd_store_set_operator      (SdStore           *self,
                                         const char        *operator_);

/* The integrity check (see SdStoreIntegrity). The "integrity" property
 * changes when the check finishes, or when a table turns out unreadable.
 * It (and "read-only", with it) is notified in the thread-default main
 * context of the thread that called sd_store_open(), never from inside
 * another store call, so a window can bind a banner to it. The getters may
 * be called from any thread and tell what is known at that moment, which
 * can be ahead of the notification. */
SdStoreIntegrity  sd_store_get_integrity       (SdStore  *self);
/* TRUE once the check has finished and found no damage. */
gboolean          sd_store_get_verified        (SdStore  *self);
/* What damage was found, or NULL (owned by the store). */
const GError     *sd_store_get_integrity_error (SdStore  *self);
/* Blocks until the check has finished. FALSE, with the reason (usually
 * SD_STORE_ERROR_CORRUPT), if the file is damaged. */
gboolean          sd_store_wait_verified       (SdStore  *self,
                                                GError  **error);

/* Every item type the store keeps, in a stable order. */
const GType *sd_store_get_item_types    (guint             *n_types);

/* The live list of all items of @item_type (transfer none). A table is
 * read from the file the first time it is asked for, by these two or by an
 * edit that needs it. If it cannot be read (a damaged file), the list stays
 * empty and the store reports the damage through "integrity". */
GListModel  *sd_store_get_items         (SdStore           *self,
                                         GType              item_type);
gpointer     sd_store_lookup            (SdStore           *self,
                                         GType              item_type,
                                         gint64             id);
/* Reads the table of @item_type, if nothing has yet, a page of rows at a
 * time until @deadline (monotonic time, as g_get_monotonic_time(); 0 for
 * all of it), so that the main loop can run between slices. TRUE once the
 * table is read (or cannot be: then as for any read). Whatever needs the
 * table before the slices are done reads the rest at once. For the first
 * use of a big table after the window's first frame. */
gboolean     sd_store_load_slice        (SdStore           *self,
                                         GType              item_type,
                                         gint64             deadline);

/* TRUE once another connection (another program, the command line, a
 * second window on the same file) has committed to the file since this
 * store opened it: its lists no longer show all there is. Cheap enough to
 * ask every few seconds. */
gboolean     sd_store_changed_elsewhere (SdStore           *self);

/* The items of @item_type whose reference column @property (e.g.
 * "post-id") holds @id, in no set order (transfer container; empty when
 * none). Uses
 * the file's indexes: what holds a given post, without walking every
 * assignment. */
GPtrArray   *sd_store_find              (SdStore           *self,
                                         GType              item_type,
                                         const char        *property,
                                         gint64             id);
/* The same list as sd_store_get_items(), without reading it: empty until
 * something reads the table, then kept up to date like it. To follow a
 * table's changes without reading it before it is needed. */
GListModel  *sd_store_peek_items        (SdStore           *self,
                                         GType              item_type);

/* Edits. Each waits for the integrity check, then writes its rows and
 * audit entries in one transaction, then updates the items and models.
 * Values are given as property name and value pairs, as for
 * g_object_new(): gint64 for ids (*-id), int for numbers, gboolean,
 * const char * and GBytes *. */
gpointer     sd_store_insert            (SdStore           *self,
                                         GType              item_type,
                                         GError           **error,
                                         const char        *first_property,
                                         ...) G_GNUC_NULL_TERMINATED;
gpointer     sd_store_insertv           (SdStore           *self,
                                         GType              item_type,
                                         guint              n_properties,
                                         const char        *names[],
                                         const GValue       values[],
                                         GError           **error);
gboolean     sd_store_update            (SdStore           *self,
                                         gpointer           item,
                                         GError           **error,
                                         const char        *first_property,
                                         ...) G_GNUC_NULL_TERMINATED;
gboolean     sd_store_updatev           (SdStore           *self,
                                         gpointer           item,
                                         guint              n_properties,
                                         const char        *names[],
                                         const GValue       values[],
                                         GError           **error);
/* Deletes @item and, as its columns declare, what depends on it. */
gboolean     sd_store_delete            (SdStore           *self,
                                         gpointer           item,
                                         GError           **error);

/* What a deletion removed and changed, to put it back (an Undo toast). */
typedef struct _SdDeletion SdDeletion;

void         sd_deletion_free           (SdDeletion        *deletion);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdDeletion, sd_deletion_free)

/* As sd_store_delete(), and returns what is needed to undo it (transfer
 * full), or NULL on error. */
SdDeletion  *sd_store_delete_with_undo  (SdStore           *self,
                                         gpointer           item,
                                         GError           **error);
/* Puts back, in one transaction, every row @deletion removed (with their
 * ids, so that references hold again) and every reference it cleared. The
 * audit log records the rows as inserted again. Fails, changing nothing,
 * if an id has been taken in the meantime or a referenced row is gone. */
gboolean     sd_store_undo_deletion     (SdStore           *self,
                                         SdDeletion        *deletion,
                                         GError           **error);

/* Groups many edits into one transaction (an import, the demo data).
 * On rollback the models are reloaded from the file. */
gboolean     sd_store_begin             (SdStore           *self,
                                         GError           **error);
gboolean     sd_store_commit            (SdStore           *self,
                                         GError           **error);
void         sd_store_rollback          (SdStore           *self);

/* The risk matrix settings. */
int          sd_store_get_matrix_size   (SdStore           *self);
SdZone       sd_store_get_zone          (SdStore           *self,
                                         int                likelihood,
                                         int                impact);

/* The audit log, oldest first; @entity NULL for all (transfer full). */
GPtrArray   *sd_store_get_audit_entries (SdStore           *self,
                                         const char        *entity,
                                         gint64             entity_id,
                                         GError           **error);

G_END_DECLS
