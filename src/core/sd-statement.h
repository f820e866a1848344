/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-duty-matrix.h"
#include "sd-signoff.h"
#include "sd-store.h"
#include "sd-unit.h"

G_BEGIN_DECLS

/* The responsibility statement (安全责任书) of one unit: what its head signs
 * for. It covers the unit itself, the unit's posts with their holders, and
 * the security bodies in which the head holds a seat, and every duty that
 * the unit, those posts and those bodies hold, with the role.
 *
 * The canonical text is the form that is hashed and stored with a sign-off.
 * It depends on nothing but the data: not on the locale, the language of
 * the UI, the order in which rows were inserted or their ids. Its labels are
 * fixed (English and Chinese side by side), lines end in "\n", and a line
 * break inside a value is written as the two characters "\n". One line per
 * fact, so that a diff of two texts names exactly what changed:
 *
 *   Responsibility statement 安全责任书
 *   Unit 单位: 网络安全管理部
 *   Head 负责人: 张伟
 *   Post 岗位: 安全管理员 | Holders 在岗: 李明, 周静
 *   Body 机构: 网络安全工作组 | Seat 席位: Member 成员
 *   Duty 职责: 003-12.2 | Party 承担方: 安全管理员 | Role 角色: R | 落实本单位网络安全工作。 | Source 来源: …
 *
 * Order: posts by name, then by the holders' names; bodies by name; duties
 * by position, then code, then party kind (unit, post, body), then party
 * name. Names compare byte by byte (strcmp), never by locale. */
typedef struct
{
  char        *code;
  char        *area;
  char        *text;
  char        *source;      /* "" when none */
  gint64       duty_id;
  SdPartyKind  party_kind;
  gint64       party_id;
  char        *party;       /* the name of the unit, post or body */
  char         role;        /* 'R', 'A', 'C' or 'I' */
} SdStatementDuty;

typedef struct
{
  char *name;               /* of the post or body */
  char *holders;            /* posts: holders' names joined by ", "; bodies: the seat */
} SdStatementSeat;

typedef struct
{
  gint64     unit_id;
  char      *unit_name;
  gint64     head_id;       /* 0 when the unit has no head */
  char      *head_name;     /* NULL when the unit has no head */
  GPtrArray *posts;         /* of SdStatementSeat */
  GPtrArray *bodies;        /* of SdStatementSeat */
  GPtrArray *duties;        /* of SdStatementDuty, in canonical order */
} SdStatement;

SdStatement *sd_statement_new               (SdStore           *store,
                                             SdUnit            *unit);
void         sd_statement_free              (SdStatement       *statement);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdStatement, sd_statement_free)

/* The canonical text (transfer full). */
char        *sd_statement_to_canonical      (const SdStatement *statement);
/* Lower-case hex SHA-256 of @text's bytes (transfer full). */
char        *sd_statement_hash              (const char        *text);

/* The default meaning of a signature, in the UI language. */
const char  *sd_statement_default_meaning   (void);

/* Records a sign-off of @statement now: the signer's name, the person (0
 * for a named signer who is not in the organisation), the meaning, the
 * local date and time (ISO 8601 with offset), the canonical text and its
 * hash, and the handwritten signature (nullable; see sd-signature.h).
 * Sign-offs are never changed or deleted afterwards; a new one supersedes.
 * Returns the new SdSignoff (transfer none) or NULL with @error. */
SdSignoff   *sd_statement_sign              (SdStore           *store,
                                             const SdStatement *statement,
                                             const char        *signer_name,
                                             gint64             signer_person_id,
                                             const char        *meaning,
                                             GBytes            *signature,
                                             GError           **error);

/* The sign-offs of a unit, newest first (transfer container; may be empty). */
GPtrArray   *sd_signoffs_for_unit           (SdStore           *store,
                                             gint64             unit_id);
/* The newest sign-off of a unit, or NULL (transfer none). */
SdSignoff   *sd_signoff_find_latest         (SdStore           *store,
                                             gint64             unit_id);
/* TRUE when the stored canonical text still hashes to the stored hash.
 * FALSE means the file was edited behind the app's back (--verify). */
gboolean     sd_signoff_is_intact           (SdSignoff         *signoff);

/* A line diff (longest common subsequence) of two canonical texts. */
typedef enum
{
  SD_DIFF_SAME,
  SD_DIFF_REMOVED,
  SD_DIFF_ADDED,
} SdDiffOp;

typedef struct
{
  SdDiffOp  op;
  char     *line;           /* without its "\n" */
} SdDiffLine;

/* Every line of both texts in order, each marked (transfer full). */
GPtrArray   *sd_text_diff                   (const char        *old_text,
                                             const char        *new_text);
/* Only the removed and added lines (transfer full). */
GPtrArray   *sd_text_diff_changes           (const char        *old_text,
                                             const char        *new_text);

/* Where each unit stands. */
typedef enum
{
  SD_SIGN_STATE_NOTHING,    /* holds no duty: nothing to sign */
  SD_SIGN_STATE_NEVER,      /* holds duties, never signed */
  SD_SIGN_STATE_CURRENT,    /* the latest sign-off covers today's text */
  SD_SIGN_STATE_OUTDATED,   /* something it covered changed since */
} SdSignState;

typedef struct
{
  SdUnit      *unit;        /* a reference */
  SdSignState  state;
  SdSignoff   *latest;      /* a reference, or NULL */
  char        *text;        /* today's canonical text */
  guint        n_duties;    /* duty lines of today's statement */
  guint        n_changes;   /* OUTDATED: removed + added lines */
} SdSignStatus;

void          sd_sign_status_free           (SdSignStatus      *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdSignStatus, sd_sign_status_free)

/* The status of one unit, and of every unit in tree order (transfer full).
 * The second builds what all statements share once, so that it stays
 * linear in the size of the data. */
SdSignStatus *sd_sign_status_new            (SdStore           *store,
                                             SdUnit            *unit);
GPtrArray    *sd_sign_status_list           (SdStore           *store);
/* The same with no texts (each text is NULL): for a summary of every unit,
 * which then never holds all statements at once. */
GPtrArray    *sd_sign_status_list_brief     (SdStore           *store);

/* The brief list again after edits: the status of each unit in
 * @changed_units (a set of gint64 unit ids) and of each unit @previous
 * does not have is worked out again, the others are copied from @previous
 * (transfer full). Costs what those units' statements cost, not what the
 * organisation's do. See sd-statement-changes.h for which units an edit
 * touched. */
GPtrArray    *sd_sign_status_list_update    (SdStore           *store,
                                             GPtrArray         *previous,
                                             GHashTable        *changed_units);

/* The statuses of every unit worked out a few at a time, so that the main
 * loop can run in between: each step works out units until @deadline
 * (monotonic time, as g_get_monotonic_time(); 0 for all the rest) and
 * returns TRUE once every unit that existed at the start is done. The
 * statuses built so far (transfer none) are in no set order and have no
 * text; give them to sd_sign_status_list_update() as @previous, with the
 * units that edits made meanwhile touched, for the list. Free the build
 * at once if the store reloads ("reloaded"). */
typedef struct _SdSignStatusBuild SdSignStatusBuild;

SdSignStatusBuild *sd_sign_status_build_new       (SdStore           *store);
gboolean           sd_sign_status_build_step      (SdSignStatusBuild *build,
                                                   gint64             deadline);
GPtrArray         *sd_sign_status_build_get_built (SdSignStatusBuild *build);
void               sd_sign_status_build_free      (SdSignStatusBuild *build);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdSignStatusBuild, sd_sign_status_build_free)

/* When an outdated sign-off became outdated: the time (ISO 8601) of the
 * first change recorded in the audit log after @signoff was made to
 * something its text covers, or NULL when the log does not tell. */
char         *sd_signoff_outdated_since     (SdStore           *store,
                                             SdSignoff         *signoff);

/* The sign-offs whose stored text no longer hashes to their stored hash
 * (transfer container), for --verify. */
GPtrArray    *sd_signoffs_find_tampered     (SdStore           *store);

G_END_DECLS
