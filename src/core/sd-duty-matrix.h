/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-store.h"
#include "sd-duty.h"

G_BEGIN_DECLS

/* The RACI roles as bits, so that one cell can hold more than one. */
typedef enum
{
  SD_ROLE_R = 1 << 0,
  SD_ROLE_A = 1 << 1,
  SD_ROLE_C = 1 << 2,
  SD_ROLE_I = 1 << 3,
} SdRoleMask;

typedef enum
{
  SD_PARTY_BODY,
  SD_PARTY_UNIT,
  SD_PARTY_POST,
} SdPartyKind;

/* A column of the matrix: a party that can hold duties. */
typedef struct
{
  SdPartyKind  kind;
  gint64       id;
  gpointer     item;    /* the SdBody, SdUnit or SdPost */
  guint        group;
} SdMatrixColumn;

/* Columns side by side that belong together (the posts of one unit). */
typedef struct
{
  char  *title;
  guint  first;
  guint  n_columns;
} SdMatrixGroup;

/* A filled cell of a row. */
typedef struct
{
  guint  column;
  guint  roles;   /* SdRoleMask */
} SdMatrixCell;

#define SD_TYPE_DUTY_MATRIX (sd_duty_matrix_get_type ())

/* Duties × parties with their RACI roles, as one grid: rows are the duties
 * grouped by area, each area opened by a header row; columns are the
 * security bodies, the organisation-wide posts, then each unit followed by
 * its posts. Filled cells are kept row by row in one packed array, so that
 * drawing a visible window of the grid never looks at the rest.
 *
 * The matrix follows the store: a change there rebuilds it once, from an
 * idle, and emits "changed". It is also the list model of the duties that
 * pass the current query, in grid order. */
G_DECLARE_FINAL_TYPE (SdDutyMatrix, sd_duty_matrix, SD, DUTY_MATRIX, GObject)

SdDutyMatrix         *sd_duty_matrix_new              (SdStore      *store);
/* Rebuilds now if the store changed since the last build. */
void                  sd_duty_matrix_flush            (SdDutyMatrix *self);

/* Words separated by spaces; a duty passes when each word occurs in its
 * code, text, area, source or the name of a party holding it. */
void                  sd_duty_matrix_set_query        (SdDutyMatrix *self,
                                                       const char   *query);
const char           *sd_duty_matrix_get_query        (SdDutyMatrix *self);

/* What else a row or column must match to be shown (besides the query).
 * Zero / NULL fields do not filter. */
typedef struct
{
  gint64       unit_id;        /* only the columns of this unit and its posts */
  SdPartyKind  party_kind;     /* with party_id: only this one column */
  gint64       party_id;
  const char  *area;           /* only the duties of this area */
  guint        roles;          /* SdRoleMask: only duties holding one of these
                                * roles in a shown column */
  gboolean     only_problems;  /* only duties with a problem (sd-duty-rules.h) */
} SdMatrixFilter;

/* Filters rows and columns; the column indices of the other functions
 * count shown columns only. @filter is copied; NULL clears it. */
void                  sd_duty_matrix_set_filter       (SdDutyMatrix         *self,
                                                       const SdMatrixFilter *filter);
/* TRUE when the query or a filter hides anything. */
gboolean              sd_duty_matrix_is_filtered      (SdDutyMatrix *self);
/* The areas of all duties in grid order (transfer full). */
GStrv                 sd_duty_matrix_dup_areas        (SdDutyMatrix *self);

/* SdDutyProblem bits of the duty of @row (0 for a header row), computed
 * from all its cells, shown or not. */
guint                 sd_duty_matrix_get_row_problems (SdDutyMatrix *self,
                                                       guint         row);
/* Duties with any problem, of all duties. */
guint                 sd_duty_matrix_get_n_problems   (SdDutyMatrix *self);
/* The shown column of a party, or G_MAXUINT. */
guint                 sd_duty_matrix_find_column      (SdDutyMatrix *self,
                                                       SdPartyKind   kind,
                                                       gint64        party_id);

guint                 sd_duty_matrix_get_n_duties     (SdDutyMatrix *self);  /* all */
guint                 sd_duty_matrix_get_n_shown      (SdDutyMatrix *self);  /* passing */

/* Rows shown: area headers and the duties that pass the query. */
guint                 sd_duty_matrix_get_n_rows       (SdDutyMatrix *self);
/* The duty of @row, or NULL for an area header (transfer none). */
SdDuty               *sd_duty_matrix_get_row_duty     (SdDutyMatrix *self,
                                                       guint         row);
const char           *sd_duty_matrix_get_row_area     (SdDutyMatrix *self,
                                                       guint         row);
/* The number of shown duties of the area @row belongs to. */
guint                 sd_duty_matrix_get_area_size    (SdDutyMatrix *self,
                                                       guint         row);
const SdMatrixCell   *sd_duty_matrix_get_cells        (SdDutyMatrix *self,
                                                       guint         row,
                                                       guint        *n_cells);
guint                 sd_duty_matrix_get_roles        (SdDutyMatrix *self,
                                                       guint         row,
                                                       guint         column);
/* The row of a duty, or G_MAXUINT when it is not shown. */
guint                 sd_duty_matrix_find_duty        (SdDutyMatrix *self,
                                                       gint64        duty_id);

guint                 sd_duty_matrix_get_n_columns    (SdDutyMatrix *self);
const SdMatrixColumn *sd_duty_matrix_get_column       (SdDutyMatrix *self,
                                                       guint         column);
const char           *sd_duty_matrix_get_column_name  (SdDutyMatrix *self,
                                                       guint         column);
guint                 sd_duty_matrix_get_n_groups     (SdDutyMatrix *self);
const SdMatrixGroup  *sd_duty_matrix_get_group        (SdDutyMatrix *self,
                                                       guint         group);

/* "R", "RA", … for a role mask, in R A C I order (static string). */
const char           *sd_role_mask_to_string          (guint         roles);
guint                 sd_role_mask_from_code          (const char   *code);

G_END_DECLS
