/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <gio/gio.h>

#include "sd-store.h"

G_BEGIN_DECLS

/* Backups of a database file, and putting one back.
 *
 * Every copy is made with SQLite's online backup API from a read-only
 * connection of its own, inside one read transaction: it is a consistent
 * snapshot even while the store writes, and it never writes to the file it
 * copies. The copy is written to a temporary file in the destination's
 * folder (mode 0600), checked (ours, and PRAGMA quick_check), flushed to
 * the disk and then renamed into place: the destination holds either its
 * old content or the whole, checked copy, never half a file.
 *
 * The rotation keeps one backup a day in a folder "backups" next to the
 * database (mode 0700), named "<stem>-YYYY-MM-DD.db" after the local day,
 * where <stem> is the database's file name without its extension. Today's
 * backup is replaced by the newest state; the SD_BACKUP_KEEP_DAYS newest
 * days are kept and older ones deleted.
 *
 * A store is only copied once its integrity check has passed (the copy
 * waits for it) and never when it is damaged: a good backup is never
 * replaced by a damaged state. */

#define SD_BACKUP_KEEP_DAYS 7

typedef enum
{
  SD_BACKUP_UNCHECKED,  /* not looked at (sd_backup_list() without checking) */
  SD_BACKUP_GOOD,       /* a Security Duties database that passes quick_check */
  SD_BACKUP_DAMAGED,    /* anything else; see problem */
} SdBackupStatus;

typedef enum
{
  SD_BACKUP_LIST_NONE  = 0,
  SD_BACKUP_LIST_CHECK = 1 << 0,  /* check each backup (reads every file) */
} SdBackupListFlags;

/* One backup of the rotation. */
typedef struct
{
  char           *path;
  GDateTime      *day;       /* the day in its name: local midnight */
  GDateTime      *modified;  /* when the file was last written, local time */
  guint64         size;      /* in bytes */
  SdBackupStatus  status;
  GError         *problem;   /* why it is not good, for SD_BACKUP_DAMAGED */
} SdBackupInfo;

void          sd_backup_info_free (SdBackupInfo *info);
SdBackupInfo *sd_backup_info_copy (const SdBackupInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdBackupInfo, sd_backup_info_free)

/* The folder of the rotation of @db_path: "backups" next to it. */
char         *sd_backup_get_folder      (const char         *db_path);
/* The file name of @db_path's backup of the local day of @day. */
char         *sd_backup_get_name        (const char         *db_path,
                                         GDateTime          *day);
/* Where sd_backup_restore() keeps @db_path aside at @now:
 * "<name>.damaged-YYYYMMDD-HHMMSS" if @damaged, else
 * "<name>.before-restore-YYYYMMDD-HHMMSS", in the same folder (a number is
 * added if that name is taken). */
char         *sd_backup_get_kept_path   (const char         *db_path,
                                         gboolean            damaged,
                                         GDateTime          *now);

/* A consistent copy of @store's file at @dest_path (mode 0600), made
 * while the store may go on writing. Waits for the integrity check; fails
 * with SD_STORE_ERROR_CORRUPT for a damaged store, and refuses to replace
 * the database itself. May be called from any thread. */
gboolean      sd_store_backup_to        (SdStore            *store,
                                         const char         *dest_path,
                                         GCancellable       *cancellable,
                                         GError            **error);
void          sd_store_backup_to_async  (SdStore            *store,
                                         const char         *dest_path,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean      sd_store_backup_to_finish (GAsyncResult       *result,
                                         GError            **error);

/* Today's backup of the rotation (@now: NULL for the current time; its
 * local day names the file), then the pruning of old days. Returns the
 * path of the backup written. */
char         *sd_store_backup_rotate    (SdStore            *store,
                                         GDateTime          *now,
                                         GCancellable       *cancellable,
                                         GError            **error);
void          sd_store_backup_rotate_async
                                        (SdStore            *store,
                                         GDateTime          *now,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
char         *sd_store_backup_rotate_finish
                                        (GAsyncResult       *result,
                                         GError            **error);

/* The backups of @db_path's rotation, newest day first, as SdBackupInfo
 * (transfer full; empty when there are none). With
 * SD_BACKUP_LIST_CHECK, each is checked with sd_backup_check(). */
GPtrArray    *sd_backup_list            (const char         *db_path,
                                         SdBackupListFlags   flags,
                                         GCancellable       *cancellable,
                                         GError            **error);
void          sd_backup_list_async      (const char         *db_path,
                                         SdBackupListFlags   flags,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
GPtrArray    *sd_backup_list_finish     (GAsyncResult       *result,
                                         GError            **error);

/* Whether the file at @path is a good backup: a whole Security Duties
 * database, not newer than this build, that passes PRAGMA quick_check.
 * Reads it only (no lock, no journal file). */
gboolean      sd_backup_check           (const char         *path,
                                         GCancellable       *cancellable,
                                         GError            **error);

/* The newest good backup of @db_path, or NULL (without @error) when
 * there is none. */
SdBackupInfo *sd_backup_find_newest_good
                                        (const char         *db_path,
                                         GCancellable       *cancellable,
                                         GError            **error);
void          sd_backup_find_newest_good_async
                                        (const char         *db_path,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
SdBackupInfo *sd_backup_find_newest_good_finish
                                        (GAsyncResult       *result,
                                         GError            **error);

/* Puts the backup @backup_path in place of @db_path. The backup is checked
 * first and copied (mode 0600) to a temporary file beside @db_path; only
 * then is the old file, with its -wal, -shm and -journal files, renamed
 * aside untouched (sd_backup_get_kept_path()), and the copy renamed into
 * place. The path the old file was kept at is returned in @kept_path (NULL
 * if there was no file). No store may have @db_path open meanwhile. */
gboolean      sd_backup_restore         (const char         *db_path,
                                         const char         *backup_path,
                                         gboolean            damaged,
                                         GDateTime          *now,
                                         char              **kept_path,
                                         GCancellable       *cancellable,
                                         GError            **error);
void          sd_backup_restore_async   (const char         *db_path,
                                         const char         *backup_path,
                                         gboolean            damaged,
                                         GDateTime          *now,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean      sd_backup_restore_finish  (GAsyncResult       *result,
                                         char              **kept_path,
                                         GError            **error);

G_END_DECLS
