/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-store.h"
#include "sd-store-backup.h"

G_BEGIN_DECLS

/* Backups in the window: the daily rotation, "Save a Copy…", "Restore
 * from Backup…", and the restore itself, which the damaged page and the
 * damage banner offer as well. */

/* Makes today's backup of @store in the background once its integrity
 * check has passed; stops when @window is destroyed. A failure is a
 * toast in @window, never a dialog. */
void       sd_backup_start_rotation        (GtkWidget          *window,
                                            SdStore            *store);

/* win.save-copy: asks where, then writes a copy of @store; the result is
 * a toast. */
void       sd_backup_save_copy             (GtkWidget          *widget,
                                            SdStore            *store);
/* What sd_backup_save_copy() does once the user chose @path: the copy in
 * the background, then a toast ("Saved a copy to …", or why not). */
void       sd_backup_save_copy_to          (GtkWidget          *widget,
                                            SdStore            *store,
                                            const char         *path);

/* win.restore-backup: a window over @widget's window that lists the
 * backups of @db_path (date, size, damaged ones marked); choosing one asks
 * for confirmation, then restores it (sd_backup_restore_and_reopen()).
 * @damaged: the current file is damaged (it is kept under that name). */
GtkWidget *sd_backup_show_restore_window   (GtkWidget          *widget,
                                            const char         *db_path,
                                            gboolean            damaged);

/* Restores @backup in place of @db_path: closes every window of the
 * application that shows @db_path (@window among them), waits until their
 * stores have closed the file, restores it (the old file is kept aside,
 * see sd_backup_restore()), and opens the result in a new window with a
 * toast that says which backup was restored and where the old file is.
 * @now: NULL for the current time (it names the kept file). */
void       sd_backup_restore_and_reopen    (GtkWindow          *window,
                                            const char         *db_path,
                                            const SdBackupInfo *backup,
                                            gboolean            damaged,
                                            GDateTime          *now);

/* Looks for the newest good backup of @db_path in the background; when
 * one is found, shows @button (hidden until then), which restores it in
 * place of the damaged @db_path. Then calls @found (nullable) with the
 * backup and its description ("5 March 2026, 10:20"), or with NULLs when
 * there is no good backup. Nothing is called once @cancellable is
 * cancelled or @button is gone. */
typedef void (*SdBackupFoundFunc) (GtkWidget          *button,
                                   const SdBackupInfo *backup,
                                   const char         *description,
                                   gpointer            user_data);

void       sd_backup_offer_restore         (GtkWidget          *button,
                                            const char         *db_path,
                                            GCancellable       *cancellable,
                                            SdBackupFoundFunc   found,
                                            gpointer            user_data);

/* When a backup was made, for people: its day, with the time if it was
 * written that day ("5 March 2026, 10:20"). */
char      *sd_backup_describe_date         (const SdBackupInfo *backup);

G_END_DECLS
