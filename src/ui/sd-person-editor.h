/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-editor-window.h"
#include "sd-person.h"

G_BEGIN_DECLS

#define SD_TYPE_PERSON_EDITOR (sd_person_editor_get_type ())

G_DECLARE_FINAL_TYPE (SdPersonEditor, sd_person_editor, SD, PERSON_EDITOR, SdEditorWindow)

/* Edits @person, or with @person NULL makes a new person of @unit_id (0:
 * none chosen yet) once the user applies the name. Making someone
 * part-time is checked against the posts they hold first. */
GtkWindow *sd_person_editor_new (GtkWindow *parent,
                                 SdStore   *store,
                                 SdPerson  *person,
                                 gint64     unit_id);

G_END_DECLS
