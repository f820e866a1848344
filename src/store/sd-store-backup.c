/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-store-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sd-store-backup.h"
#include "sd-store-private.h"
#include "sd-store-schema.h"

/* Pages copied per sqlite3_backup_step(): about a megabyte at the usual
 * page size, so that a cancellation is seen soon. */
#define STEP_PAGES 256

/* Temporary files older than this in the backups folder were left by a
 * backup that never finished (the app was killed); younger ones may belong
 * to a backup that is running in another window. */
#define STALE_TEMP_SECONDS (24 * 60 * 60)

static const char * const sidecar_suffixes[] = { "-wal", "-shm", "-journal" };

/* Errors */

static SdStoreError
error_code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
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

static void
set_sqlite_error (GError    **error,
                  sqlite3    *db,
                  int         rc,
                  const char *what)
{
  g_set_error (error, SD_STORE_ERROR, error_code_from_sqlite (rc), "%s: %s", what,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

static SdStoreError
error_code_from_errno (int saved_errno)
{
  switch (saved_errno)
    {
    case ENOSPC:
    case EDQUOT:
      return SD_STORE_ERROR_FULL;
    case EACCES:
    case EPERM:
    case EROFS:
      return SD_STORE_ERROR_READ_ONLY;
    case ENOENT:
      return SD_STORE_ERROR_NOT_FOUND;
    default:
      return SD_STORE_ERROR_IO;
    }
}

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what,
                 const char  *path)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, SD_STORE_ERROR, error_code_from_errno (saved_errno), "%s “%s”: %s",
               what, name, g_strerror (saved_errno));
}

/* Backup info */

void
sd_backup_info_free (SdBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_clear_pointer (&info->day, g_date_time_unref);
  g_clear_pointer (&info->modified, g_date_time_unref);
  g_clear_error (&info->problem);
  g_free (info);
}

SdBackupInfo *
sd_backup_info_copy (const SdBackupInfo *info)
{
  SdBackupInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_new0 (SdBackupInfo, 1);
  copy->path = g_strdup (info->path);
  copy->day = info->day != NULL ? g_date_time_ref (info->day) : NULL;
  copy->modified = info->modified != NULL ? g_date_time_ref (info->modified) : NULL;
  copy->size = info->size;
  copy->status = info->status;
  copy->problem = info->problem != NULL ? g_error_copy (info->problem) : NULL;
  return copy;
}

/* Names */

/* The file name without its extension: "security-duties.db" gives
 * "security-duties". A name that is all extension (".db") is kept whole. */
static char *
get_stem (const char *db_path)
{
  g_autofree char *base = g_path_get_basename (db_path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

char *
sd_backup_get_folder (const char *db_path)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  dir = g_path_get_dirname (db_path);
  return g_build_filename (dir, "backups", NULL);
}

char *
sd_backup_get_name (const char *db_path,
                    GDateTime  *day)
{
  g_autofree char *stem = NULL;
  g_autofree char *date = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (day != NULL, NULL);

  stem = get_stem (db_path);
  local = g_date_time_to_local (day);
  date = g_date_time_format (local, "%Y-%m-%d");
  return g_strdup_printf ("%s-%s.db", stem, date);
}

static gboolean
path_exists (const char *path)
{
  GStatBuf st;

  /* lstat: a dangling symbolic link takes the name as well. */
  return g_lstat (path, &st) == 0;
}

char *
sd_backup_get_kept_path (const char *db_path,
                         gboolean    damaged,
                         GDateTime  *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *base = NULL;
  char *path;

  g_return_val_if_fail (db_path != NULL, NULL);

  local = now != NULL ? g_date_time_to_local (now) : g_date_time_new_now_local ();
  stamp = g_date_time_format (local, "%Y%m%d-%H%M%S");
  base = g_strdup_printf ("%s.%s-%s", db_path, damaged ? "damaged" : "before-restore", stamp);

  /* The kept file is the one thing that must never be overwritten. */
  path = g_strdup (base);
  for (guint n = 2; path_exists (path); n++)
    {
      g_free (path);
      path = g_strdup_printf ("%s-%u", base, n);
    }
  return path;
}

/* Parses "<stem>-YYYY-MM-DD.db"; NULL if @name is not a backup of @stem. */
static GDateTime *
parse_backup_name (const char *name,
                   const char *stem)
{
  size_t stem_len = strlen (stem);
  const char *rest;
  int year, month, day;
  char tail[4] = { 0 };

  if (strncmp (name, stem, stem_len) != 0 || name[stem_len] != '-')
    return NULL;
  rest = name + stem_len + 1;
  if (strlen (rest) != strlen ("YYYY-MM-DD.db"))
    return NULL;
  for (guint i = 0; i < 10; i++)
    {
      gboolean dash = i == 4 || i == 7;

      if (dash ? rest[i] != '-' : !g_ascii_isdigit (rest[i]))
        return NULL;
    }
  if (sscanf (rest, "%4d-%2d-%2d.%2s", &year, &month, &day, tail) != 4 ||
      strcmp (tail, "db") != 0 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;
  return g_date_time_new_local (year, month, day, 0, 0, 0);
}

/* Files */

static gboolean
fsync_path (const char  *path,
            gboolean     directory,
            GError     **error)
{
  int fd = g_open (path, (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0 || fsync (fd) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      /* Some file systems cannot sync a folder; the file itself is. */
      if (directory && (saved_errno == EINVAL || saved_errno == EBADF))
        return TRUE;
      set_errno_error (error, saved_errno, "Could not write", path);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* A new, empty file with mode 0600 beside @dest_path, whatever the umask. */
static char *
make_temp (const char  *dest_path,
           GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (dest_path);
  g_autofree char *base = g_path_get_basename (dest_path);
  g_autofree char *name = g_strdup_printf (".%s-XXXXXX.tmp", base);
  char *tmp = g_build_filename (dir, name, NULL);
  int fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      set_errno_error (error, saved_errno, "Could not create a file in", dir);
      g_free (tmp);
      return NULL;
    }
  if (fchmod (fd, 0600) != 0)
    g_debug ("Could not set the mode of %s: %s", tmp, g_strerror (errno));
  close (fd);
  return tmp;
}

static void
remove_with_sidecars (const char *path)
{
  g_unlink (path);
  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *sidecar = g_strconcat (path, sidecar_suffixes[i], NULL);

      g_unlink (sidecar);
    }
}

/* Whether @a and @b are the same file (one may be a link to the other). */
static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  if (g_stat (a, &sa) != 0 || g_stat (b, &sb) != 0)
    return FALSE;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Checking a file */

static int
progress_cb (void *user_data)
{
  /* Non-zero interrupts the statement. */
  return g_cancellable_is_cancelled (user_data);
}

gboolean
sd_backup_check (const char    *path,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  int app_id = 0, version = 0;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!sd_store_check_header (path, NULL, error))
    return FALSE;

  /* Immutable: no lock is taken and no journal file appears beside it. */
  name = g_filename_display_name (path);
  escaped = g_uri_escape_string (path, "/", FALSE);
  uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK ||
      !sd_sqlite_query_int (db, "PRAGMA application_id", &app_id, &rc) ||
      !sd_sqlite_query_int (db, "PRAGMA user_version", &version, &rc))
    {
      int code = error_code_from_sqlite (rc);

      g_set_error (error, SD_STORE_ERROR,
                   code == SD_STORE_ERROR_FAILED ? SD_STORE_ERROR_CORRUPT : code,
                   "“%s” could not be read: %s", name,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      goto out;
    }
  /* As the store's own open would find it: a backup is only good if it
   * opens. */
  if (!sd_store_check_identity (db, name, app_id, version, error))
    goto out;

  if (cancellable != NULL)
    sqlite3_progress_handler (db, 1000, progress_cb, cancellable);
  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  if (rc != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT, "“%s” is damaged: %s", name,
                   rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0)
                                    : sqlite3_errmsg (db));
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

/* Copying */

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, "Could not copy the database");
      return FALSE;
    }
  return TRUE;
}

/* The online backup of @src_path into the new file @tmp. The read
 * transaction held on the source for the whole copy makes it one snapshot
 * (in write-ahead log mode a writer does not disturb it, so the backup
 * never restarts), and the source connection is read-only: the copy can
 * write nowhere but to @tmp. */
static gboolean
backup_into (const char    *src_path,
             const char    *tmp,
             GCancellable  *cancellable,
             GError       **error)
{
  sqlite3 *src = NULL, *dest = NULL;
  sqlite3_backup *backup;
  gboolean ok = FALSE;
  int n_objects = 0;
  int rc;

  rc = sqlite3_open_v2 (src_path, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, src, rc, "Could not read the database");
      goto out;
    }
  sqlite3_busy_timeout (src, 5000);
  if (!exec_sql (src, "BEGIN", error))
    goto out;
  if (!sd_sqlite_query_int (src, "SELECT count(*) FROM sqlite_schema", &n_objects, &rc))
    {
      set_sqlite_error (error, src, rc, "Could not read the database");
      goto out;
    }

  rc = sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, dest, rc, "Could not write the copy");
      goto out;
    }

  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    {
      set_sqlite_error (error, dest, sqlite3_errcode (dest), "Could not copy the database");
      goto out;
    }
  do
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      rc = sqlite3_backup_step (backup, STEP_PAGES);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        g_usleep (10 * 1000);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, NULL, rc, "Could not copy the database");
      goto out;
    }

  /* The copy stands alone: no write-ahead log for its reader to find. */
  ok = exec_sql (dest, "PRAGMA journal_mode = DELETE", error);

out:
  if (src != NULL)
    sqlite3_exec (src, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (dest);
  sqlite3_close (src);
  return ok;
}

/* A checked copy of the database at @src_path at @dest_path, in place at
 * once (see the header). */
static gboolean
copy_database (const char    *src_path,
               const char    *dest_path,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (dest_path);
  g_autofree char *tmp = NULL;

  if (same_file (src_path, dest_path) || g_strcmp0 (src_path, dest_path) == 0)
    {
      g_autofree char *name = g_filename_display_name (dest_path);

      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_FAILED,
                   "A copy cannot replace the database itself (“%s”)", name);
      return FALSE;
    }

  tmp = make_temp (dest_path, error);
  if (tmp == NULL)
    return FALSE;

  if (!backup_into (src_path, tmp, cancellable, error) ||
      !sd_backup_check (tmp, cancellable, error) ||
      !fsync_path (tmp, FALSE, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;

  if (g_rename (tmp, dest_path) != 0)
    {
      set_errno_error (error, errno, "Could not write", dest_path);
      goto fail;
    }
  remove_with_sidecars (tmp);
  return fsync_path (dir, TRUE, error);

fail:
  remove_with_sidecars (tmp);
  return FALSE;
}

static gboolean
refuse_damaged (SdStore  *store,
                GError  **error)
{
  g_autoptr(GError) damage = NULL;

  if (sd_store_wait_verified (store, &damage))
    return TRUE;
  g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT,
               "A damaged database is not copied: %s", damage->message);
  return FALSE;
}

gboolean
sd_store_backup_to (SdStore       *store,
                    const char    *dest_path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!refuse_damaged (store, error))
    return FALSE;
  return copy_database (sd_store_get_path (store), dest_path, cancellable, error);
}

/* The rotation */

static gint
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const SdBackupInfo *ia = *(SdBackupInfo * const *) a;
  const SdBackupInfo *ib = *(SdBackupInfo * const *) b;
  int order = g_date_time_compare (ib->day, ia->day);

  return order != 0 ? order : g_strcmp0 (ib->path, ia->path);
}

/* Temporary files left in the backups folder by a backup that was killed
 * before it could remove them. */
static void
remove_stale_temps (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (name[0] != '.' || !g_str_has_suffix (name, ".tmp"))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) &&
          now - (gint64) st.st_mtime > STALE_TEMP_SECONDS)
        remove_with_sidecars (path);
    }
}

static gboolean
rotate (const char    *db_path,
        GDateTime     *now,
        char         **backup_path,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autofree char *folder = sd_backup_get_folder (db_path);
  g_autofree char *name = sd_backup_get_name (db_path, now);
  g_autofree char *dest = g_build_filename (folder, name, NULL);
  g_autoptr(GPtrArray) backups = NULL;
  GStatBuf st;

  /* 0700: the backups hold the same signatures and personal data. */
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      set_errno_error (error, errno, "Could not create the folder", folder);
      return FALSE;
    }
  if (g_lstat (folder, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      set_errno_error (error, ENOTDIR, "Could not use the folder", folder);
      return FALSE;
    }

  if (!copy_database (db_path, dest, cancellable, error))
    return FALSE;

  /* Pruning is tidying: a failure there leaves a backup too many. */
  backups = sd_backup_list (db_path, SD_BACKUP_LIST_NONE, NULL, NULL);
  for (guint i = SD_BACKUP_KEEP_DAYS; backups != NULL && i < backups->len; i++)
    {
      SdBackupInfo *info = g_ptr_array_index (backups, i);

      if (g_strcmp0 (info->path, dest) != 0 && g_unlink (info->path) != 0)
        g_debug ("Could not remove the old backup %s: %s", info->path, g_strerror (errno));
    }
  remove_stale_temps (folder);

  *backup_path = g_steal_pointer (&dest);
  return TRUE;
}

char *
sd_store_backup_rotate (SdStore       *store,
                        GDateTime     *now,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GDateTime) local = NULL;
  char *backup_path = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!refuse_damaged (store, error))
    return NULL;
  local = now != NULL ? g_date_time_to_local (now) : g_date_time_new_now_local ();
  if (!rotate (sd_store_get_path (store), local, &backup_path, cancellable, error))
    return NULL;
  return backup_path;
}

/* Listing */

GPtrArray *
sd_backup_list (const char         *db_path,
                SdBackupListFlags   flags,
                GCancellable       *cancellable,
                GError            **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *stem = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  folder = sd_backup_get_folder (db_path);
  stem = get_stem (db_path);
  backups = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_backup_info_free);

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&backups);
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_IO, "%s", local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GDateTime) day = parse_backup_name (name, stem);
      SdBackupInfo *info;
      GStatBuf st;
      g_autofree char *path = NULL;

      if (day == NULL)
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;

      info = g_new0 (SdBackupInfo, 1);
      info->path = g_steal_pointer (&path);
      info->day = g_steal_pointer (&day);
      info->modified = g_date_time_new_from_unix_local (st.st_mtime);
      info->size = st.st_size;
      info->status = SD_BACKUP_UNCHECKED;
      g_ptr_array_add (backups, info);
    }
  g_ptr_array_sort (backups, compare_newest_first);

  if (flags & SD_BACKUP_LIST_CHECK)
    {
      for (guint i = 0; i < backups->len; i++)
        {
          SdBackupInfo *info = g_ptr_array_index (backups, i);

          if (sd_backup_check (info->path, cancellable, &info->problem))
            info->status = SD_BACKUP_GOOD;
          else if (g_error_matches (info->problem, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&info->problem));
              return NULL;
            }
          else
            info->status = SD_BACKUP_DAMAGED;
        }
    }
  return g_steal_pointer (&backups);
}

SdBackupInfo *
sd_backup_find_newest_good (const char    *db_path,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GPtrArray) backups = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  backups = sd_backup_list (db_path, SD_BACKUP_LIST_NONE, cancellable, error);
  if (backups == NULL)
    return NULL;
  for (guint i = 0; i < backups->len; i++)
    {
      SdBackupInfo *info = g_ptr_array_index (backups, i);
      g_autoptr(GError) problem = NULL;

      if (sd_backup_check (info->path, cancellable, &problem))
        {
          info->status = SD_BACKUP_GOOD;
          return g_ptr_array_steal_index (backups, i);
        }
      if (g_error_matches (problem, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&problem));
          return NULL;
        }
      g_debug ("Backup %s is not good: %s", info->path, problem->message);
    }
  return NULL;
}

/* Restoring */

/* A plain copy of the (checked) backup, flushed to the disk, into the new
 * file @tmp. */
static gboolean
copy_bytes (const char    *from,
            const char    *tmp,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *buffer = g_malloc (256 * 1024);
  gboolean ok = FALSE;
  int in, out = -1;

  in = g_open (from, O_RDONLY | O_CLOEXEC, 0);
  if (in < 0)
    {
      set_errno_error (error, errno, "Could not read", from);
      return FALSE;
    }
  out = g_open (tmp, O_WRONLY | O_TRUNC | O_CLOEXEC, 0);
  if (out < 0)
    {
      set_errno_error (error, errno, "Could not write", tmp);
      goto out;
    }

  for (;;)
    {
      gssize n = read (in, buffer, 256 * 1024);
      gssize done = 0;

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno, "Could not read", from);
          goto out;
        }
      if (n == 0)
        break;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      while (done < n)
        {
          gssize w = write (out, buffer + done, n - done);

          if (w < 0 && errno == EINTR)
            continue;
          if (w < 0)
            {
              set_errno_error (error, errno, "Could not write", tmp);
              goto out;
            }
          done += w;
        }
    }
  if (fsync (out) != 0)
    {
      set_errno_error (error, errno, "Could not write", tmp);
      goto out;
    }
  ok = TRUE;

out:
  close (in);
  if (out >= 0 && close (out) != 0 && ok)
    {
      set_errno_error (error, errno, "Could not write", tmp);
      ok = FALSE;
    }
  return ok;
}

/* Renames @db_path and the files that belong to it to @kept. Each is only
 * renamed, never opened: the old file stays exactly as it was. */
static gboolean
keep_aside (const char  *db_path,
            const char  *kept,
            GError     **error)
{
  if (g_rename (db_path, kept) != 0)
    {
      set_errno_error (error, errno, "Could not move aside", db_path);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *from = g_strconcat (db_path, sidecar_suffixes[i], NULL);
      g_autofree char *to = g_strconcat (kept, sidecar_suffixes[i], NULL);

      if (!path_exists (from))
        continue;
      if (g_rename (from, to) != 0)
        {
          int saved_errno = errno;

          /* Without its log the old file would open in another state:
           * put back what was moved, so that nothing changed. */
          for (guint j = 0; j < i; j++)
            {
              g_autofree char *moved = g_strconcat (kept, sidecar_suffixes[j], NULL);
              g_autofree char *back = g_strconcat (db_path, sidecar_suffixes[j], NULL);

              if (path_exists (moved))
                g_rename (moved, back);
            }
          g_rename (kept, db_path);
          set_errno_error (error, saved_errno, "Could not move aside", from);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
sd_backup_restore (const char    *db_path,
                   const char    *backup_path,
                   gboolean       damaged,
                   GDateTime     *now,
                   char         **kept_path,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) problem = NULL;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (kept_path != NULL)
    *kept_path = NULL;

  if (!sd_backup_check (backup_path, cancellable, &problem))
    {
      if (g_error_matches (problem, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&problem));
      else
        g_set_error (error, SD_STORE_ERROR, problem->code,
                     "The backup cannot be restored: %s", problem->message);
      return FALSE;
    }
  if (same_file (backup_path, db_path))
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_FAILED,
                   "The backup is the database itself");
      return FALSE;
    }

  dir = g_path_get_dirname (db_path);
  tmp = make_temp (db_path, error);
  if (tmp == NULL)
    return FALSE;
  if (!copy_bytes (backup_path, tmp, cancellable, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;

  /* From here on nothing is cancelled: the two renames belong together. */
  if (path_exists (db_path))
    {
      kept = sd_backup_get_kept_path (db_path, damaged, now);
      if (!keep_aside (db_path, kept, error))
        goto fail;
    }
  if (g_rename (tmp, db_path) != 0)
    {
      int saved_errno = errno;

      if (kept != NULL)
        keep_aside (kept, db_path, NULL);
      set_errno_error (error, saved_errno, "Could not write", db_path);
      goto fail;
    }
  if (!fsync_path (dir, TRUE, error))
    {
      /* The restore took place; only its durability is in doubt. */
      g_debug ("%s", (*error)->message);
      g_clear_error (error);
    }

  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return TRUE;

fail:
  g_unlink (tmp);
  return FALSE;
}

/* Asynchronous variants. Their threads see paths only, never the store,
 * which belongs to its own thread and must not be finalized in another. */

typedef struct
{
  char      *db_path;
  char      *dest_path;
  char      *backup_path;
  GDateTime *now;
  gboolean   damaged;
  guint      flags;
  /* While waiting for the store's integrity check. */
  SdStore   *store;          /* a weak reference (see run_when_verified()) */
  gulong     notify_id;
  gulong     cancel_id;
  GTaskThreadFunc func;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_assert (job->store == NULL);
  g_free (job->db_path);
  g_free (job->dest_path);
  g_free (job->backup_path);
  g_clear_pointer (&job->now, g_date_time_unref);
  g_free (job);
}

static void
backup_to_thread_cb (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (copy_database (job->db_path, job->dest_path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
rotate_thread_cb (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  char *backup_path = NULL;

  if (rotate (job->db_path, job->now, &backup_path, cancellable, &error))
    g_task_return_pointer (task, backup_path, g_free);
  else
    g_task_return_error (task, error);
}

static void store_gone_cb (gpointer  data,
                           GObject  *where_the_object_was);

/* Ends the wait for the integrity check: starts the thread, or fails. */
static void
stop_waiting (GTask  *task,
              GError *error)
{
  Job *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (job->store != NULL)
    {
      g_clear_signal_handler (&job->notify_id, job->store);
      g_object_weak_unref (G_OBJECT (job->store), store_gone_cb, task);
      job->store = NULL;
    }
  if (job->cancel_id != 0)
    {
      /* Not g_cancellable_disconnect(): this may run inside the
       * cancellable's own "cancelled" emission. */
      g_signal_handler_disconnect (cancellable, job->cancel_id);
      job->cancel_id = 0;
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_run_in_thread (task, job->func);
  g_object_unref (task);
}

static void
integrity_notify_cb (SdStore    *store,
                     GParamSpec *pspec,
                     GTask      *task)
{
  SdStoreIntegrity integrity = sd_store_get_integrity (store);
  const GError *damage = sd_store_get_integrity_error (store);

  if (integrity == SD_STORE_INTEGRITY_CHECKING)
    return;
  if (integrity == SD_STORE_INTEGRITY_DAMAGED)
    stop_waiting (task, g_error_new (SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT,
                                     "A damaged database is not copied: %s",
                                     damage != NULL ? damage->message : "damaged"));
  else
    stop_waiting (task, NULL);
}

/* The store was closed before its check finished: there is nothing to
 * copy from any more. Its signal handlers are gone already. */
static void
store_gone_cb (gpointer  data,
               GObject  *where_the_object_was)
{
  GTask *task = data;
  Job *job = g_task_get_task_data (task);

  job->store = NULL;
  job->notify_id = 0;
  stop_waiting (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                           "The database was closed"));
}

static void
wait_cancelled_cb (GCancellable *cancellable,
                   GTask        *task)
{
  stop_waiting (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                           "The backup was cancelled"));
}

/* Runs @func in a thread once @store's file has passed its check. The
 * wait holds no reference on the store (a weak one): a store closed
 * meanwhile ends it. The cancellable, if any, must be cancelled in this
 * thread. */
static void
run_when_verified (SdStore         *store,
                   GTask           *task,
                   GTaskThreadFunc  func)
{
  Job *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  const GError *damage;

  job->func = func;
  switch (sd_store_get_integrity (store))
    {
    case SD_STORE_INTEGRITY_VERIFIED:
      g_task_run_in_thread (task, func);
      return;
    case SD_STORE_INTEGRITY_DAMAGED:
      damage = sd_store_get_integrity_error (store);
      g_task_return_new_error (task, SD_STORE_ERROR, SD_STORE_ERROR_CORRUPT,
                               "A damaged database is not copied: %s",
                               damage != NULL ? damage->message : "damaged");
      return;
    case SD_STORE_INTEGRITY_CHECKING:
    default:
      break;
    }

  job->store = store;
  g_object_weak_ref (G_OBJECT (store), store_gone_cb, task);
  g_object_ref (task);
  job->notify_id = g_signal_connect (store, "notify::integrity",
                                     G_CALLBACK (integrity_notify_cb), task);
  if (cancellable != NULL)
    job->cancel_id = g_signal_connect (cancellable, "cancelled",
                                       G_CALLBACK (wait_cancelled_cb), task);
}

static GTask *
new_task (gpointer             source_tag,
          const char          *name,
          Job                 *job,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, name);
  g_task_set_task_data (task, job, job_free);
  return task;
}

void
sd_store_backup_to_async (SdStore             *store,
                          const char          *dest_path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (SD_IS_STORE (store));
  g_return_if_fail (dest_path != NULL);

  job = g_new0 (Job, 1);
  job->db_path = g_strdup (sd_store_get_path (store));
  job->dest_path = g_strdup (dest_path);
  task = new_task (sd_store_backup_to_async, "[sd-store] backup", job, cancellable,
                   callback, user_data);
  if (g_task_return_error_if_cancelled (task))
    return;
  run_when_verified (store, task, backup_to_thread_cb);
}

gboolean
sd_store_backup_to_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sd_store_backup_to_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sd_store_backup_rotate_async (SdStore             *store,
                              GDateTime           *now,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (SD_IS_STORE (store));

  job = g_new0 (Job, 1);
  job->db_path = g_strdup (sd_store_get_path (store));
  job->now = now != NULL ? g_date_time_to_local (now) : g_date_time_new_now_local ();
  task = new_task (sd_store_backup_rotate_async, "[sd-store] rotating backup", job,
                   cancellable, callback, user_data);
  if (g_task_return_error_if_cancelled (task))
    return;
  run_when_verified (store, task, rotate_thread_cb);
}

char *
sd_store_backup_rotate_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        sd_store_backup_rotate_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
list_thread_cb (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  GPtrArray *backups = sd_backup_list (job->db_path, job->flags, cancellable, &error);

  if (backups != NULL)
    g_task_return_pointer (task, backups, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

void
sd_backup_list_async (const char          *db_path,
                      SdBackupListFlags    flags,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (db_path != NULL);

  job = g_new0 (Job, 1);
  job->db_path = g_strdup (db_path);
  job->flags = flags;
  task = new_task (sd_backup_list_async, "[sd-store] list backups", job, cancellable,
                   callback, user_data);
  g_task_run_in_thread (task, list_thread_cb);
}

GPtrArray *
sd_backup_list_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sd_backup_list_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
find_thread_cb (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  SdBackupInfo *info = sd_backup_find_newest_good (job->db_path, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) sd_backup_info_free);
}

void
sd_backup_find_newest_good_async (const char          *db_path,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (db_path != NULL);

  job = g_new0 (Job, 1);
  job->db_path = g_strdup (db_path);
  task = new_task (sd_backup_find_newest_good_async, "[sd-store] find a good backup", job,
                   cancellable, callback, user_data);
  g_task_run_in_thread (task, find_thread_cb);
}

SdBackupInfo *
sd_backup_find_newest_good_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        sd_backup_find_newest_good_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
restore_thread_cb (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  char *kept = NULL;

  if (sd_backup_restore (job->db_path, job->backup_path, job->damaged, job->now, &kept,
                         cancellable, &error))
    {
      /* No kept file is a success as well: there was nothing to keep. */
      g_task_return_pointer (task, kept != NULL ? kept : g_strdup (""), g_free);
    }
  else
    {
      g_task_return_error (task, error);
    }
}

void
sd_backup_restore_async (const char          *db_path,
                         const char          *backup_path,
                         gboolean             damaged,
                         GDateTime           *now,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (backup_path != NULL);

  job = g_new0 (Job, 1);
  job->db_path = g_strdup (db_path);
  job->backup_path = g_strdup (backup_path);
  job->damaged = damaged;
  job->now = now != NULL ? g_date_time_to_local (now) : g_date_time_new_now_local ();
  task = new_task (sd_backup_restore_async, "[sd-store] restore a backup", job, cancellable,
                   callback, user_data);
  g_task_run_in_thread (task, restore_thread_cb);
}

gboolean
sd_backup_restore_finish (GAsyncResult  *result,
                          char         **kept_path,
                          GError       **error)
{
  g_autofree char *kept = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sd_backup_restore_async,
                        FALSE);

  if (kept_path != NULL)
    *kept_path = NULL;
  kept = g_task_propagate_pointer (G_TASK (result), error);
  if (kept == NULL)
    return FALSE;
  if (kept_path != NULL && kept[0] != '\0')
    *kept_path = g_steal_pointer (&kept);
  return TRUE;
}
