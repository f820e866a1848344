/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_PEOPLE_VIEW (sd_people_view_get_type ())

/* Every person of the organisation in a virtualised list, searchable by
 * name and job title, each with their unit, job title, tags (part-time,
 * inactive) and the posts they hold.
 *
 * Signals:
 *   "person-activated" (SdPerson *person): a row was activated. The
 *     default handler opens the person editor; connect and call
 *     g_signal_stop_emission_by_name() to do something else.
 *   "add-person" (): the Add Person button was clicked. The default
 *     handler opens a new-person editor; stop the emission likewise to
 *     replace it (for example to preset the unit). */
G_DECLARE_FINAL_TYPE (SdPeopleView, sd_people_view, SD, PEOPLE_VIEW, AdwBin)

GtkWidget  *sd_people_view_new             (SdStore      *store);
SdStore    *sd_people_view_get_store       (SdPeopleView *self);
/* Searches at once (the entry itself waits for a pause in typing). */
void        sd_people_view_set_search_text (SdPeopleView *self,
                                            const char   *text);
/* The people shown, after the search (transfer none). */
GListModel *sd_people_view_get_model       (SdPeopleView *self);

G_END_DECLS
