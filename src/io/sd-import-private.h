/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-csv.h"
#include "sd-import.h"
#include "sd-person.h"
#include "sd-unit.h"

G_BEGIN_DECLS

/*
 * What the kinds of record share with the driver in sd-import.c, which
 * reads the file, maps the header, runs a kind's check() over every row
 * and, only when no row has a problem, its write() in one transaction.
 *
 * A kind is an SdImportKind: its columns, a check() that reads every row
 * into a plan and reports every problem without writing, a write() that
 * only inserts what the plan says (it runs inside the import's
 * transaction), and an export() that writes the same columns. The kinds
 * live in their own files (sd-import-org.c: units, people and posts;
 * sd-import-duties.c: duties and assignments; sd-import-risks.c: risks)
 * and are listed in the driver's table.
 */

/* Codes: the ids the store keeps, and the words a user may write instead. */
typedef struct
{
  const char *id;
  const char *synonyms;                   /* "|"-separated, compared exactly */
  const char *(*label) (const char *id);  /* the label in the current language */
} SdImportCode;

/* The most columns a kind has (risks: 13). */
#define SD_IMPORT_MAX_COLUMNS 16

typedef struct
{
  const char *name;      /* as exported */
  const char *aliases;   /* "|"-separated Chinese names */
} SdImportColumn;

typedef struct _SdImport SdImport;

typedef struct
{
  const char           *kind;
  const SdImportColumn *columns;   /* ends with { NULL } */
  /* Checks every row, adding a row error for each problem, and keeps in
   * import->plan what write() needs. */
  void                (*check)     (SdImport  *import);
  gboolean            (*write)     (SdImport  *import,
                                    GError   **error);
  void                (*export)    (SdStore   *store,
                                    GString   *out);
  GDestroyNotify        free_plan;
} SdImportKind;

/* What is in the database already, looked up by name. */
typedef struct
{
  GPtrArray  *units;            /* SdUnit, in the store's order */
  GPtrArray  *people;           /* SdPerson */
  GPtrArray  *posts;            /* SdPost */
  GHashTable *units_by_name;    /* name → GPtrArray of SdUnit (borrowed) */
  GHashTable *people_by_name;   /* name → GPtrArray of SdPerson (borrowed) */
  GHashTable *posts_by_name;    /* name → GPtrArray of SdPost (borrowed) */
} SdImportExisting;

struct _SdImport
{
  SdStore            *store;
  const SdImportKind *kind;
  GPtrArray          *records;    /* the rows (SdCsvRecord, borrowed): no
                                   * header, no rows of empty cells */
  int                 field_of[SD_IMPORT_MAX_COLUMNS]; /* column → field of a record */
  guint               n_columns;
  GPtrArray          *errors;     /* SdImportRowError */
  SdImportExisting    existing;
  gpointer            plan;
  guint               n_imported;
};

extern const SdImportKind sd_import_units_kind;
extern const SdImportKind sd_import_people_kind;
extern const SdImportKind sd_import_posts_kind;
extern const SdImportKind sd_import_duties_kind;
extern const SdImportKind sd_import_assignments_kind;
extern const SdImportKind sd_import_risks_kind;
extern const SdImportKind sd_import_tasks_kind;
extern const SdImportKind sd_import_findings_kind;

/* Words */

/* Case folded, with "_" and " " read as "-" (transfer full). */
char        *sd_import_normalize_word (const char          *text);
gboolean     sd_import_in_synonyms    (const char          *synonyms,
                                       const char          *value);
/* The id @value stands for, or NULL. */
const char  *sd_import_parse_code     (const SdImportCode  *codes,
                                       const char          *value);

/* Rows */

void         sd_import_add_error      (SdImport            *import,
                                       guint                line,
                                       const char          *format,
                                       ...) G_GNUC_PRINTF (3, 4);
/* The value of @column in @record; "" if the record is short. */
const char  *sd_import_field          (SdImport            *import,
                                       SdCsvRecord         *record,
                                       guint                column);
const char  *sd_import_column_name    (SdImport            *import,
                                       guint                column);
/* Reads an enumerated value, or adds a row error naming it; an empty
 * value is "no" when @empty_is_no, else an error. */
const char  *sd_import_check_code     (SdImport            *import,
                                       SdCsvRecord         *record,
                                       guint                column,
                                       const SdImportCode  *codes,
                                       gboolean             empty_is_no);
/* The value of @column, or NULL with a row error when it is empty. */
const char  *sd_import_check_name     (SdImport            *import,
                                       SdCsvRecord         *record,
                                       guint                column);

/* Looking up what exists */

/* Every item of @type, in the store's order (transfer container). */
GPtrArray   *sd_import_snapshot       (SdStore             *store,
                                       GType                type);
guint        sd_import_n_named        (GHashTable          *table,
                                       const char          *name);
/* Finds the existing unit called @name, or adds a row error. */
SdUnit      *sd_import_resolve_unit   (SdImport            *import,
                                       guint                line,
                                       const char          *name);
/* Finds the existing person called @name, preferring one of @unit_id
 * among several; adds a row error if there is none (and
 * @unknown_is_error) or no way to choose. */
SdPerson    *sd_import_resolve_person (SdImport            *import,
                                       guint                line,
                                       const char          *name,
                                       gint64               unit_id,
                                       gboolean             unknown_is_error,
                                       gboolean            *ambiguous);
int          sd_import_max_position   (GPtrArray           *items,
                                       int                (*get_position) (gpointer));
const char  *sd_import_unit_name      (SdStore             *store,
                                       gint64               unit_id);
/* Items grouped by the id a getter returns: id → GPtrArray of items
 * (borrowed from @items), each in the order of @items. */
GHashTable  *sd_import_group_by       (GPtrArray           *items,
                                       gint64             (*get_id) (gpointer));

/* Writing */

/* Appends a CSV row of the NULL-terminated fields. */
void         sd_import_append_row     (GString             *out,
                                       const char          *first,
                                       ...) G_GNUC_NULL_TERMINATED;

/* The names the assignments export gives the parties, which its import
 * reads back: a post by its name, or as "unit/post" when other posts have
 * the same name; a unit likewise, as "parent/unit"; a body by its name.
 * Taken from the store as it is when created. */
typedef struct _SdImportPartyNames SdImportPartyNames;

SdImportPartyNames *sd_import_party_names_new  (SdStore             *store);
void                sd_import_party_names_free (SdImportPartyNames  *names);
/* The party of @assignment, with its kind ("post", "unit" or "body") in
 * @kind; NULL if the party is gone (transfer full). */
char               *sd_import_party_names_get  (SdImportPartyNames  *names,
                                                gpointer             assignment,
                                                const char         **kind);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdImportPartyNames, sd_import_party_names_free)

G_END_DECLS
