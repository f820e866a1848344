/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-store.h"

G_BEGIN_DECLS

/* What every page does with files and toasts, in one place: the toast
 * goes to the nearest AdwToastOverlay above @widget; file choosers are
 * modal to @widget's window. */

/* The window @widget is in, or NULL. */
GtkWindow *sd_ui_parent_window    (GtkWidget    *widget);
/* Shows @window (an editor, a dialog) modal over the window of @widget. */
void       sd_ui_present_modal    (GtkWidget    *widget,
                                   GtkWidget    *window);

void       sd_ui_toast            (GtkWidget    *widget,
                                   AdwToast     *toast);
/* A toast "@what: reason" that stays until dismissed. */
void       sd_ui_toast_error      (GtkWidget    *widget,
                                   const char   *what,
                                   const GError *error);
/* A short toast from plain text (escaped for markup here). */
void       sd_ui_toast_text       (GtkWidget    *widget,
                                   const char   *text);

/* Puts something back; FALSE with @error when it could not. */
typedef gboolean (*SdUndoFunc) (GtkWidget  *widget,
                                gpointer    data,
                                GError    **error);

/* A toast @title (plain text) with an Undo button that calls @undo once
 * with @data, if @widget is still there; a failure is a toast of its own.
 * @destroy frees @data when the toast goes. */
void       sd_ui_toast_undo       (GtkWidget      *widget,
                                   const char     *title,
                                   SdUndoFunc      undo,
                                   gpointer        data,
                                   GDestroyNotify  destroy);

/* Called after an Undo put back the item of type @type and id @id. */
typedef void (*SdUndoneFunc) (GtkWidget *widget,
                              GType      type,
                              gint64     id);

/* Deletes @item (an SdItem) from @store with sd_store_delete_with_undo()
 * and shows @title (plain text) with an Undo button, which puts it back
 * and then calls @undone (nullable). A failure is a toast "@error_what:
 * reason". Returns whether @item was deleted. */
gboolean   sd_ui_delete_with_undo (GtkWidget      *widget,
                                   SdStore        *store,
                                   gpointer        item,
                                   const char     *title,
                                   const char     *error_what,
                                   SdUndoneFunc    undone);

/* Asks for a CSV file and imports it as @kind (sd-import.h), all or
 * nothing; bad rows are listed in a dialog, success in a toast. */
void       sd_ui_import_csv       (GtkWidget    *widget,
                                   SdStore      *store,
                                   const char   *kind,
                                   const char   *title);

/* Writes a file chosen by the user. */
typedef gboolean (*SdSaveFunc) (SdStore     *store,
                                const char  *path,
                                gpointer     user_data,
                                GError     **error);

/* Asks where to save, then calls @save; the result is a toast. @pattern
 * (nullable, e.g. "*.csv") and @filter_name describe the file type. */
void       sd_ui_save_as          (GtkWidget      *widget,
                                   SdStore        *store,
                                   const char     *title,
                                   const char     *suggested_name,
                                   const char     *filter_name,
                                   const char     *pattern,
                                   SdSaveFunc      save,
                                   gpointer        user_data,
                                   GDestroyNotify  destroy);

/* sd_ui_save_as() for a CSV export of @kind. */
void       sd_ui_export_csv       (GtkWidget    *widget,
                                   SdStore      *store,
                                   const char   *kind,
                                   const char   *title);

G_END_DECLS
