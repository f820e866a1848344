/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-person.h"
#include "sd-store.h"

G_BEGIN_DECLS

/*
 * SdEditorWindow is the base of the organisation editors (unit, person,
 * post, body, rule): a modal AdwPreferencesWindow whose rows write to the
 * store as soon as the user changes them; there is no Save button.
 *
 * An editor edits one item of "item-type". Made with no "item", it is a
 * "new" editor: the item does not exist until the user applies the key
 * field (the name, with Enter or the apply button). The other fields can
 * be set before that; their values, and the defaults the editor was given
 * (context ids such as the parent unit), go into the insert. From then on
 * every field applies on its own. Groups about related items (holders,
 * members) are insensitive until the item exists.
 *
 * A change the store refuses is shown as a toast and the field goes back to
 * the stored value; one it could not write just now (a full disk) stays in
 * the field, and the toast offers to try again. A field can have a check that runs before its change is
 * stored; if the check finds rule violations the user is asked (see
 * sd_editor_window_confirm()).
 */

#define SD_TYPE_EDITOR_WINDOW (sd_editor_window_get_type ())

G_DECLARE_DERIVABLE_TYPE (SdEditorWindow, sd_editor_window, SD, EDITOR_WINDOW,
                          AdwPreferencesWindow)

struct _SdEditorWindowClass
{
  AdwPreferencesWindowClass parent_class;

  /* Called once a "new" editor has inserted its item. */
  void (*item_created) (SdEditorWindow *self);

  /*< private >*/
  gpointer padding[4];
};

/* Called after the user answered the rule warning: @keep is TRUE when the
 * edit is to be stored anyway. */
typedef void (*SdEditorConfirmFunc) (SdEditorWindow *self,
                                     gboolean        keep,
                                     gpointer        user_data);

/* Runs before a field's change is stored: the violations the change would
 * add (transfer full, may be NULL or empty). @value is the new value. */
typedef GPtrArray *(*SdEditorCheckFunc) (SdEditorWindow *self,
                                         gpointer        item,
                                         const GValue   *value);

SdStore            *sd_editor_window_get_store     (SdEditorWindow      *self);
/* The item, or NULL while a "new" editor has not created it (transfer none). */
gpointer            sd_editor_window_get_item      (SdEditorWindow      *self);
gint64              sd_editor_window_get_item_id   (SdEditorWindow      *self);
AdwPreferencesPage *sd_editor_window_get_page      (SdEditorWindow      *self);

/* The window title for a "new" editor and once the item exists. */
void        sd_editor_window_set_titles    (SdEditorWindow      *self,
                                            const char          *new_title,
                                            const char          *title);

/* A value the insert of a "new" editor uses for @property when no field
 * sets it, and the initial value of a field for @property. */
void        sd_editor_window_set_default   (SdEditorWindow      *self,
                                            const char          *property,
                                            const GValue        *value);
void        sd_editor_window_set_default_ref     (SdEditorWindow *self,
                                                  const char     *property,
                                                  gint64          id);
void        sd_editor_window_set_default_string  (SdEditorWindow *self,
                                                  const char     *property,
                                                  const char     *value);
void        sd_editor_window_set_default_boolean (SdEditorWindow *self,
                                                  const char     *property,
                                                  gboolean        value);

/* Field rows. Each returns the row (transfer none), already added to
 * @group. An entry with @key TRUE creates the item in a "new" editor. */
GtkWidget  *sd_editor_window_add_entry     (SdEditorWindow      *self,
                                            AdwPreferencesGroup *group,
                                            const char          *property,
                                            const char          *title,
                                            gboolean             key);
/* A choice among @codes (NULL-terminated), shown by @label_func. An
 * empty code stands for none (NULL in the store). */
GtkWidget  *sd_editor_window_add_choice    (SdEditorWindow      *self,
                                            AdwPreferencesGroup *group,
                                            const char          *property,
                                            const char          *title,
                                            const char * const  *codes,
                                            const char *       (*label_func) (const char *code));
/* A choice of an item of @ref_type, searchable; @none_label names the
 * choice of none (NULL: there is none). @filter (transfer full, nullable)
 * limits the items offered. */
GtkWidget  *sd_editor_window_add_ref       (SdEditorWindow      *self,
                                            AdwPreferencesGroup *group,
                                            const char          *property,
                                            const char          *title,
                                            GType                ref_type,
                                            const char          *none_label,
                                            GtkFilter           *filter);
GtkWidget  *sd_editor_window_add_switch    (SdEditorWindow      *self,
                                            AdwPreferencesGroup *group,
                                            const char          *property,
                                            const char          *title,
                                            const char          *subtitle);
GtkWidget  *sd_editor_window_add_spin      (SdEditorWindow      *self,
                                            AdwPreferencesGroup *group,
                                            const char          *property,
                                            const char          *title,
                                            int                  min,
                                            int                  max);

/* The field of @row: its check, whether it takes part (a hidden field
 * does not), its value now. */
void        sd_editor_window_set_field_check   (SdEditorWindow    *self,
                                                GtkWidget         *row,
                                                SdEditorCheckFunc  check);
void        sd_editor_window_set_field_enabled (SdEditorWindow    *self,
                                                GtkWidget         *row,
                                                gboolean           enabled);
void        sd_editor_window_get_field_value   (SdEditorWindow    *self,
                                                GtkWidget         *row,
                                                GValue            *value);
/* Shows @value in the field of @row without storing it. */
void        sd_editor_window_set_field_value   (SdEditorWindow    *self,
                                                GtkWidget         *row,
                                                const GValue      *value);
/* Puts every field back to the stored value. */
void        sd_editor_window_sync_fields       (SdEditorWindow    *self);

/* Stores several values at once; on error shows it and puts the fields
 * back. */
gboolean    sd_editor_window_update        (SdEditorWindow      *self,
                                            guint                n_properties,
                                            const char          *names[],
                                            const GValue         values[]);

/* A person picker: the person ids (GSIZE_TO_POINTER) not to offer, such as
 * the holders of the post (transfer full, nullable). */
typedef GHashTable *(*SdPersonPickerExcludeFunc) (SdEditorWindow *self,
                                                 gpointer        user_data);
/* The user chose @person with the picker's Add button or Enter. */
typedef void        (*SdPersonPickedFunc)        (SdEditorWindow *self,
                                                 SdPerson       *person,
                                                 gpointer        user_data);

/* A picker of a person to add, accessible by keyboard and screen reader:
 * an entry titled @title, and below it in @group a row with an "Add %s"
 * button for each of the first few people whose name or job title holds
 * the text typed. Returns the entry row (transfer none); clear it with
 * gtk_editable_set_text() once the person is added. */
GtkWidget  *sd_editor_window_add_person_picker     (SdEditorWindow            *self,
                                                    AdwPreferencesGroup       *group,
                                                    const char                *title,
                                                    SdPersonPickerExcludeFunc  exclude,
                                                    SdPersonPickedFunc         picked,
                                                    gpointer                   user_data);
/* Moves the picker's rows back to the end of its group, after rows added
 * since, and searches again: who is excluded may have changed. */
void        sd_editor_window_refresh_person_picker (SdEditorWindow            *self,
                                                    GtkWidget                 *picker);

/* @widget stays insensitive until the item exists. */
void        sd_editor_window_add_dependent (SdEditorWindow      *self,
                                            GtkWidget           *widget);

void        sd_editor_window_toast         (SdEditorWindow      *self,
                                            const char          *message);
/* A toast that says why the store refused an edit. */
void        sd_editor_window_show_error    (SdEditorWindow      *self,
                                            const GError        *error);

/* Asks whether to store an edit that breaks rules: an AdwMessageDialog
 * that lists @violations (SdViolation) with "Cancel" and "Keep on
 * Record". With no violations @func is called at once with keep TRUE. */
void        sd_editor_window_confirm       (SdEditorWindow      *self,
                                            GPtrArray           *violations,
                                            SdEditorConfirmFunc  func,
                                            gpointer             user_data,
                                            GDestroyNotify       destroy);

/* Helpers for the editors and views. */

/* How an item is named in a list: its name, and for a post its unit
 * ("系统管理员 · 信息中心") (transfer full). */
char       *sd_editor_item_label           (SdStore             *store,
                                            gpointer             item);
/* Where a person works, to tell namesakes apart: "unit · job title"
 * (transfer full, may be empty). */
char       *sd_editor_person_detail        (SdStore             *store,
                                            gpointer             person);
/* An icon-only button with a tooltip and an accessible name (transfer
 * floating). */
GtkWidget  *sd_editor_icon_button_new      (const char          *icon_name,
                                            const char          *tooltip,
                                            const char          *accessible_name);

G_END_DECLS
