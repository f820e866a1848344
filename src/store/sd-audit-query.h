/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-store.h"

G_BEGIN_DECLS

/*
 * A filtered, paged view of the audit log, newest first: what the History
 * window shows. Only the page asked for is read, so a log of any length
 * opens at once. Every value is a bound parameter.
 */

typedef struct
{
  /* A table name ("risks", "units", "risk_matrix"), or NULL for all. */
  const char *entity;
  /* With @entity: the entries of this one item; 0 for all. */
  gint64      entity_id;
  /* The first and last day shown (both included), "YYYY-MM-DD" in
   * @time_zone, or NULL for no bound. The log keeps UTC; a day is from
   * its midnight in @time_zone to the next one. */
  const char *from;
  const char *to;
  /* NULL: the local time zone. */
  GTimeZone  *time_zone;
  /* Exactly this operator, or NULL. */
  const char *operator_;
  /* Text in the operator, the OS user, a recorded value (before or
   * after), or the current name of the item or of what it joins (a post
   * holder's person and post, an assignment's duty and party, ...); NULL
   * or "" for all. ASCII letters match in any case. */
  const char *search;
  /* Only entries with an id greater than @above_id, and not greater than
   * @up_to_id; 0 for no bound. A paged view fixes @up_to_id so that its
   * pages stay consistent while new entries arrive. */
  gint64      above_id;
  gint64      up_to_id;
} SdAuditFilter;

/* How many entries @filter lets through. */
gboolean   sd_audit_query_count        (SdStore              *store,
                                        const SdAuditFilter  *filter,
                                        guint                *count,
                                        GError              **error);
/* At most @limit entries (SdAuditEntry) from the @offset'th on, newest
 * first (transfer full). */
GPtrArray *sd_audit_query_fetch        (SdStore              *store,
                                        const SdAuditFilter  *filter,
                                        guint                 offset,
                                        guint                 limit,
                                        GError              **error);
/* The ids of the entries @filter lets through, newest first: one pass over
 * the log for a view that then reads pages with sd_audit_query_get_many()
 * (transfer full: a GArray of gint64). */
GArray    *sd_audit_query_ids          (SdStore              *store,
                                        const SdAuditFilter  *filter,
                                        GError              **error);
/* The entries (SdAuditEntry) with the @n_ids ids @ids, in that order; an
 * id without an entry is left out (transfer full). */
GPtrArray *sd_audit_query_get_many     (SdStore              *store,
                                        const gint64         *ids,
                                        guint                 n_ids,
                                        GError              **error);
/* One entry, or NULL if there is none with @id (transfer full). */
SdAuditEntry *sd_audit_query_get       (SdStore              *store,
                                        gint64                id,
                                        GError              **error);
/* The id of the newest entry, 0 for an empty log; cheap enough to ask
 * often (it reads the end of one index). */
gint64     sd_audit_query_last_id      (SdStore              *store,
                                        GError              **error);

/* The row @id of the table @entity as a JSON object in the log's own form
 * (as the "after" of its insert): the row as it is now, or, if it is
 * gone, as its deletion recorded it. NULL (without an error) if the
 * table is not one of the store's or the row is unknown. *@exists tells
 * whether the row is still there. Reads one row: no table is loaded. */
char      *sd_audit_query_row          (SdStore              *store,
                                        const char           *entity,
                                        gint64                id,
                                        gboolean             *exists,
                                        GError              **error);

/* The start of the day @day ("YYYY-MM-DD") in @time_zone (NULL: local),
 * as the log writes times ("2026-03-01T16:00:00.000000Z"), or NULL if
 * @day is not a date. */
char      *sd_audit_day_start_utc      (const char           *day,
                                        GTimeZone            *time_zone);

G_END_DECLS
