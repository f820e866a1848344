/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-duty-matrix.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_PARTY_DUTY (sd_party_duty_get_type ())

/* One line of SdPartyDutiesView: a duty, the role a party holds in it and
 * which party that is. Its properties are read-only strings for the cells:
 * "code", "area", "text", "source", "role" (the code, "R"), "role-label"
 * (the word, "Responsible"), "party" (the party's label). */
G_DECLARE_FINAL_TYPE (SdPartyDuty, sd_party_duty, SD, PARTY_DUTY, GObject)

/* The duty (transfer none). */
SdDuty     *sd_party_duty_get_duty       (SdPartyDuty *self);
const char *sd_party_duty_get_role       (SdPartyDuty *self);
const char *sd_party_duty_get_role_label (SdPartyDuty *self);
const char *sd_party_duty_get_party      (SdPartyDuty *self);

#define SD_TYPE_PARTY_DUTIES_VIEW (sd_party_duties_view_get_type ())

/*
 * The duties one party (a post, a unit or a body) holds and its role in
 * each, as a list: the same data as a column of the duty matrix, for
 * reading and for screen readers. A chooser at the top picks the party; for
 * a unit, "Include its posts" adds the duties of the unit's posts, with a
 * column that says whose they are. The list follows the store.
 */
G_DECLARE_FINAL_TYPE (SdPartyDutiesView, sd_party_duties_view, SD, PARTY_DUTIES_VIEW, AdwBin)

GtkWidget  *sd_party_duties_view_new               (SdStore            *store);
/* Shows the duties of the party @kind @id; @id 0 shows none. */
void        sd_party_duties_view_set_party         (SdPartyDutiesView  *self,
                                                    SdPartyKind         kind,
                                                    gint64              id);
/* FALSE when no party is chosen. */
gboolean    sd_party_duties_view_get_party         (SdPartyDutiesView  *self,
                                                    SdPartyKind        *kind,
                                                    gint64             *id);
void        sd_party_duties_view_set_include_posts (SdPartyDutiesView  *self,
                                                    gboolean            include_posts);
gboolean    sd_party_duties_view_get_include_posts (SdPartyDutiesView  *self);
/* The lines shown, SdPartyDuty, in the order shown (transfer none). The
 * list is brought up to date with the store first. */
GListModel *sd_party_duties_view_get_duties        (SdPartyDutiesView  *self);

/* How a party is named where posts, units and bodies are listed together:
 * "Post · 安全管理员 (网络安全管理部)" (transfer full). */
char       *sd_party_label                         (SdStore            *store,
                                                    gpointer            party);

G_END_DECLS
