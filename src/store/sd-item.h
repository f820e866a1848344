/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * SdItem is the base of every record the store holds (SdUnit, SdPerson,
 * SdDuty, SdRisk, ...). A subclass describes its table once, as an array
 * of SdColumn; the base class turns the columns into read-only GObject
 * properties and keeps their values. Only the store changes them (through
 * sd-item-private.h), so the one way to edit data is a store method that
 * writes the row and its audit entry together.
 */

typedef enum
{
  SD_COLUMN_INT,       /* gint */
  SD_COLUMN_BOOLEAN,   /* gboolean, stored as 0/1 */
  SD_COLUMN_STRING,    /* gchararray; NULL is SQL NULL */
  SD_COLUMN_REF,       /* gint64 id of another item; 0 is SQL NULL */
  SD_COLUMN_BYTES,     /* GBytes, stored as a BLOB */
} SdColumnType;

/* What deleting the referenced item does to an item that points at it. */
typedef enum
{
  SD_ON_DELETE_RESTRICT,   /* refuse the delete */
  SD_ON_DELETE_CASCADE,    /* delete the referencing item too */
  SD_ON_DELETE_SET_NULL,   /* clear the reference */
} SdOnDelete;

typedef struct
{
  const char   *name;            /* SQL column name, e.g. "parent_id" */
  const char   *property;        /* GObject property name, e.g. "parent-id" */
  SdColumnType  type;
  GType       (*ref_type) (void); /* SD_COLUMN_REF: the referenced item type */
  SdOnDelete    on_delete;       /* SD_COLUMN_REF only */
} SdColumn;

typedef struct
{
  const char     *name;          /* SQL table name, also the audit entity */
  const SdColumn *columns;
  guint           n_columns;
  const char     *order_by;      /* e.g. "position, id"; NULL: "id" */
} SdTable;

#define SD_TYPE_ITEM (sd_item_get_type ())

G_DECLARE_DERIVABLE_TYPE (SdItem, sd_item, SD, ITEM, GObject)

struct _SdItemClass
{
  GObjectClass parent_class;

  /*< private >*/
  const SdTable *table;
  GParamSpec   **column_pspecs;

  gpointer padding[4];
};

gint64         sd_item_get_id          (SdItem       *self);
const SdTable *sd_item_class_get_table (SdItemClass  *klass);
int            sd_table_find_column    (const SdTable *table,
                                        const char    *property);

/* Generic, typed access by column index; the subclasses' getters use these. */
int            sd_item_get_int         (SdItem       *self,
                                        guint         column);
gboolean       sd_item_get_boolean     (SdItem       *self,
                                        guint         column);
const char    *sd_item_get_string      (SdItem       *self,
                                        guint         column);
gint64         sd_item_get_ref         (SdItem       *self,
                                        guint         column);
GBytes        *sd_item_get_bytes       (SdItem       *self,
                                        guint         column);
/* The value as a GValue, for code that handles any column (editors); the
 * item makes GValues of all its columns on the first call and keeps them
 * up to date from then on, so call it on few items only. */
const GValue  *sd_item_get_value       (SdItem       *self,
                                        guint         column);

/* For subclasses: call from class_init. */
void           sd_item_class_install_table (SdItemClass   *klass,
                                            const SdTable *table);

G_END_DECLS
