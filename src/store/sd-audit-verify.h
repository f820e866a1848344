/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-store.h"

G_BEGIN_DECLS

/* What is wrong with the first audit entry that does not verify. */
typedef enum
{
  SD_AUDIT_PROBLEM_NONE,
  SD_AUDIT_PROBLEM_EDITED,     /* its content no longer matches its own hash */
  SD_AUDIT_PROBLEM_UNLINKED,   /* its prev_hash is not the hash of the entry before it:
                                * entries were deleted, inserted or reordered */
  SD_AUDIT_PROBLEM_DATA,       /* a row of the data differs from what the log says it is:
                                * changed, added or removed outside Security Duties */
} SdAuditProblem;

/* The result of walking the whole audit chain. */
typedef struct _SdAuditReport SdAuditReport;

void            sd_audit_report_free            (SdAuditReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdAuditReport, sd_audit_report_free)

/* TRUE when every entry verifies. */
gboolean        sd_audit_report_get_ok          (const SdAuditReport *report);
/* The number of entries walked. */
guint64         sd_audit_report_get_n_entries   (const SdAuditReport *report);
SdAuditProblem  sd_audit_report_get_problem     (const SdAuditReport *report);
/* The id of the first entry that does not verify (for SD_AUDIT_PROBLEM_DATA:
 * of the last entry about the row in question, or 0), or 0 when ok. */
gint64          sd_audit_report_get_first_bad_id (const SdAuditReport *report);
/* The table and row concerned, or NULL / 0. */
const char     *sd_audit_report_get_entity      (const SdAuditReport *report);
gint64          sd_audit_report_get_entity_id   (const SdAuditReport *report);
/* One sentence for a person, translated, or NULL when ok. */
const char     *sd_audit_report_get_message     (const SdAuditReport *report);

/* Names the row @id of the table @entity for a person ("Unit #5"), in a
 * newly allocated string. Called from the thread that verifies. */
typedef char *(*SdAuditRowFormatFunc) (const char *entity,
                                       gint64      id);

/* Walks the audit chain of @self's file and compares it with the data.
 * Runs on its own read-only connection, so it may be called from any
 * thread; @cancellable stops it. @row_format names rows in the
 * messages; NULL names them by table ("units #5"). NULL with @error only
 * when the file could not be read at all. */
SdAuditReport  *sd_store_verify_audit           (SdStore               *self,
                                                 SdAuditRowFormatFunc   row_format,
                                                 GCancellable          *cancellable,
                                                 GError               **error);

G_END_DECLS
