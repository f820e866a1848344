/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-person.h"
#include "sd-post.h"
#include "sd-store.h"

G_BEGIN_DECLS

/* The rules of the regulation on the security organisation (003 art. 3–8
 * and 12, 004 6.1.1), checked over the store's items. Their ids are part of
 * the command line's output (--check) and never change:
 *
 *   incompatible-posts     one person holds two incompatible posts (once
 *                          per person and rule; target: the person)
 *   key-post-understaffed  a key post has fewer than two holders, primary
 *                          and deputies alike (target: the post)
 *   full-time-required     a post flagged full-time-required has a
 *                          part-time holder (target: the person)
 *   missing-liaison        a department has no security liaison post with
 *                          a holder (target: the unit)
 *   liaison-ratio          a department has fewer security staff (people
 *                          holding a post of any type but "other" in it or
 *                          its sections) than one per 50 staff, rounded up
 *                          (target: the unit)
 *   vacant-body-seat       a body has no leader, or a group (leadership,
 *                          working, emergency, inspection) has nobody but
 *                          its leader (target: the body)
 *
 * Inactive people count for nothing. sd-org-rules.c says why each rule
 * reads the regulation as it does.
 */

/* The rule's name as the user reads it ("Incompatible posts"), translated,
 * for these rules and for the duty matrix's (sd-duty-rules.h); an unknown
 * id is returned as is. */
const char  *sd_org_rule_get_label        (const char  *rule_id);

#define SD_TYPE_VIOLATION (sd_violation_get_type ())

G_DECLARE_FINAL_TYPE (SdViolation, sd_violation, SD, VIOLATION, GObject)

SdViolation *sd_violation_new             (const char  *rule_id,
                                           const char  *subject,
                                           const char  *message,
                                           GType        target_type,
                                           gint64       target_id);
/* One of the ids above. */
const char  *sd_violation_get_rule_id     (SdViolation *self);
/* What it is about, as the user names it: a person, a post, a unit or a
 * body ("张伟", "安全管理员"). */
const char  *sd_violation_get_subject     (SdViolation *self);
/* One translated sentence that names the rule, the people and the posts. */
const char  *sd_violation_get_message     (SdViolation *self);
/* The item to open to fix it (SD_TYPE_UNIT, SD_TYPE_POST, SD_TYPE_BODY or
 * SD_TYPE_PERSON) and its id. */
GType        sd_violation_get_target_type (SdViolation *self);
gint64       sd_violation_get_target_id   (SdViolation *self);
/* "rule-id<TAB>subject<TAB>message", as --check prints it (transfer full). */
char        *sd_violation_to_line         (SdViolation *self);
/* For g_ptr_array_sort() on an array of SdViolation: by rule id, then
 * subject, then message, in byte order (the same in every locale). */
int          sd_violation_compare         (gconstpointer a,
                                           gconstpointer b);

/* Every violation of the rules above, sorted by rule id, then subject,
 * then message (transfer full: an array of SdViolation). Linear in the
 * number of items. */
GPtrArray   *sd_org_check                 (SdStore     *store);

/* Live checks, before an edit is stored: the violations that the edit would
 * add (transfer full; empty when it is fine). */

/* Making @person a holder of @post: incompatible-posts (with the posts the
 * person holds now) and full-time-required. */
GPtrArray   *sd_org_check_new_holder      (SdStore     *store,
                                           SdPost      *post,
                                           SdPerson    *person);
/* Making @person part-time: full-time-required for the posts they hold. */
GPtrArray   *sd_org_check_part_time       (SdStore     *store,
                                           SdPerson    *person);

/* A check over the store: a sorted array of SdViolation (transfer full),
 * such as sd_org_check() or sd_duty_check(). */
typedef GPtrArray *(*SdCheckFunc) (SdStore *store);

/* SdViolationList: a GListModel of SdViolation that stays current. It
 * runs a check again once the main loop is idle after a change to one of
 * the store's lists it watches, replacing only the items that changed. */
#define SD_TYPE_VIOLATION_LIST (sd_violation_list_get_type ())

G_DECLARE_FINAL_TYPE (SdViolationList, sd_violation_list, SD, VIOLATION_LIST, GObject)

/* The rules above: sd_org_check(), watching units, people, posts, holders,
 * bodies, members and rules. */
SdViolationList *sd_violation_list_new   (SdStore         *store);
/* Any check, watching the lists of @watched_types (copied). */
SdViolationList *sd_violation_list_new_for (SdStore       *store,
                                            SdCheckFunc    check,
                                            const GType   *watched_types,
                                            guint          n_watched);
/* Checks now, if a change is pending (for tests and for --check). */
void             sd_violation_list_flush (SdViolationList *self);
/* After a change, waits @delay_ms for the next before it checks again
 * (0, the default: once the main loop is idle). A window sets a delay:
 * checking every duty of a large organisation after each edit would hold
 * up the frame that shows the edit. The first check still runs once
 * idle. */
void             sd_violation_list_set_delay (SdViolationList *self,
                                              guint            delay_ms);

G_END_DECLS
