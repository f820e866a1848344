/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-store.h"

G_BEGIN_DECLS

/*
 * An audit entry as a person reads it: which kind of item, which item, and
 * what changed, field by field, with the values in words: references by
 * the name of what they point at, codes by their translated label, yes/no
 * for flags, "(signature image)" for a signature. The recorded values are
 * parsed defensively: a damaged entry gives what could be read and says so.
 */

typedef struct
{
  char *field;       /* the column, as the log names it ("owner_unit_id") */
  char *label;       /* translated ("Owner unit") */
  char *old_value;   /* in words; NULL: no value before (or an addition) */
  char *new_value;   /* in words; NULL: no value after (or a deletion) */
} SdAuditChange;

typedef struct
{
  char      *entity_label;   /* "Risk", translated */
  char      *action_label;   /* "Added", "Changed", "Deleted", translated */
  char      *item_name;      /* "R-01 · 数据泄露"; "" for the risk matrix */
  gboolean   item_exists;    /* the item is in the store now */
  GPtrArray *changes;        /* SdAuditChange, in the order of the table's columns */
  gboolean   damaged;        /* the recorded values could not all be read */
} SdAuditDiff;

/* @store may be NULL: then names come from the entry alone. Every text
 * of the result is valid UTF-8, whatever the entry holds. */
SdAuditDiff *sd_audit_diff_new        (SdStore            *store,
                                       const SdAuditEntry *entry);
void         sd_audit_diff_free       (SdAuditDiff        *diff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdAuditDiff, sd_audit_diff_free)

/* The item's display name: as it is now if it still exists, otherwise as
 * @entry (nullable) or its deletion recorded it; "#12" if nothing is
 * known. *@exists (nullable) tells whether it still exists. */
char        *sd_audit_item_name       (SdStore            *store,
                                       const char         *entity,
                                       gint64              entity_id,
                                       const SdAuditEntry *entry,
                                       gboolean           *exists);

/* The translated name of a kind of item ("units" → "Unit"); an unknown
 * table is returned as is. */
const char  *sd_audit_entity_label    (const char         *entity);
/* "Unit #5": a row named by its kind, translated, and its id; fits
 * sd_store_verify_audit()'s SdAuditRowFormatFunc. Thread-safe. */
char        *sd_audit_row_label       (const char         *entity,
                                       gint64              id);
/* Every table the log names, in the store's order of item types, then the
 * risk matrix (static, NULL-terminated). */
const char * const *sd_audit_entities (void);
/* "insert" → "Added", "update" → "Changed", "delete" → "Deleted". */
const char  *sd_audit_action_label    (const char         *action);
/* The translated label of a column ("owner_unit_id" → "Owner unit"), or
 * NULL for a column this version does not know. */
const char  *sd_audit_field_label     (const char         *entity,
                                       const char         *field);

/* The log's UTC time @at as local time (@time_zone NULL) or in
 * @time_zone: "2026-11-21 14:03:05"; @at itself if it is not a time. */
char        *sd_audit_format_time     (const char         *at,
                                       GTimeZone          *time_zone);

G_END_DECLS
