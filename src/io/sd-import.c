/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-import"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-import.h"
#include "sd-csv.h"

#include "sd-labels.h"
#include "sd-person.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-unit.h"

G_DEFINE_QUARK (sd-import-error-quark, sd_import_error)

/* Row errors */

G_DEFINE_BOXED_TYPE (SdImportRowError, sd_import_row_error,
                     sd_import_row_error_copy, sd_import_row_error_free)

SdImportRowError *
sd_import_row_error_new (guint       line,
                         const char *message)
{
  SdImportRowError *row_error = g_new0 (SdImportRowError, 1);

  row_error->line = line;
  row_error->message = g_strdup (message);
  return row_error;
}

SdImportRowError *
sd_import_row_error_copy (const SdImportRowError *row_error)
{
  g_return_val_if_fail (row_error != NULL, NULL);

  return sd_import_row_error_new (row_error->line, row_error->message);
}

void
sd_import_row_error_free (SdImportRowError *row_error)
{
  if (row_error == NULL)
    return;
  g_free (row_error->message);
  g_free (row_error);
}

char *
sd_import_row_error_format (const SdImportRowError *row_error)
{
  g_return_val_if_fail (row_error != NULL, NULL);

  /* Translators: a problem of an imported CSV file; %u is its line number,
   * %s what is wrong, e.g. "Line 4: unknown unit “财务处”". */
  return g_strdup_printf (_("Line %u: %s"), row_error->line, row_error->message);
}

/* Codes: the ids the store keeps, and the words a user may write instead */

typedef struct
{
  const char *id;
  const char *synonyms;               /* "|"-separated, compared exactly */
  const char *(*label) (const char *id); /* the label in the current language */
} Code;

static const Code unit_kinds[] = {
  { "company", "公司|集团|总公司", sd_unit_kind_label },
  { "department", "部门|部", sd_unit_kind_label },
  { "section", "科室|处室|组|科|处|室|小组|班组", sd_unit_kind_label },
  /* Not in the list, but the store knows it: an export must import. */
  { "other", "其他|其它", sd_unit_kind_label },
  { NULL }
};

static const Code employments[] = {
  { "full-time", "全职|专职|fulltime", NULL },
  { "part-time", "兼职|parttime", NULL },
  { NULL }
};

static const Code yes_no[] = {
  { "yes", "y|true|1|是|√|✓", NULL },
  { "no", "n|false|0|否|×|✗", NULL },
  { NULL }
};

static const Code post_types[] = {
  { "security-director", "安全主管|安全总监|网络安全主管", sd_post_type_label },
  { "security-admin", "安全管理员|网络安全管理员", sd_post_type_label },
  { "security-auditor", "安全审计员|网络安全审计员", sd_post_type_label },
  { "network-admin", "网络管理员", sd_post_type_label },
  { "system-admin", "系统管理员", sd_post_type_label },
  { "machine-room-admin", "机房管理员", sd_post_type_label },
  { "security-liaison", "安全联络员|网络安全员|部门网络安全员|网络安全联络员", sd_post_type_label },
  { "other", "其他|其它|其他岗位", sd_post_type_label },
  { NULL }
};

/* Case folded, with "_" and " " read as "-", so that "Full time",
 * "FULL_TIME" and "full-time" are the same. */
static char *
normalize_word (const char *text)
{
  char *folded = g_utf8_casefold (text, -1);

  for (char *c = folded; *c != '\0'; c++)
    {
      if (*c == '_' || *c == ' ')
        *c = '-';
    }
  return folded;
}

static gboolean
in_synonyms (const char *synonyms,
             const char *value)
{
  g_auto(GStrv) words = NULL;

  if (synonyms == NULL)
    return FALSE;
  words = g_strsplit (synonyms, "|", -1);
  return g_strv_contains ((const char * const *) words, value);
}

/* The id @value stands for, or NULL. */
static const char *
parse_code (const Code *codes,
            const char *value)
{
  g_autofree char *word = normalize_word (value);

  for (const Code *c = codes; c->id != NULL; c++)
    {
      if (g_str_equal (word, c->id) || in_synonyms (c->synonyms, word))
        return c->id;
    }
  for (const Code *c = codes; c->id != NULL; c++)
    {
      g_autofree char *label = NULL;

      if (c->label == NULL)
        continue;
      label = normalize_word (c->label (c->id));
      if (g_str_equal (word, label))
        return c->id;
    }
  return NULL;
}

/* The kinds */

#define MAX_COLUMNS 8

typedef struct
{
  const char *name;      /* as exported */
  const char *aliases;   /* "|"-separated Chinese names */
} Column;

typedef struct _Import Import;

typedef struct
{
  const char    *kind;
  const Column  *columns;   /* ends with { NULL } */
  /* Checks every row, adding a row error for each problem, and keeps in
   * import->plan what write() needs. */
  void         (*check)     (Import   *import);
  gboolean     (*write)     (Import   *import,
                             GError  **error);
  void         (*export)    (SdStore  *store,
                             GString  *out);
  GDestroyNotify free_plan;
} Kind;

/* What is in the database already, looked up by name. */
typedef struct
{
  GPtrArray  *units;            /* SdUnit, in the store's order */
  GPtrArray  *people;           /* SdPerson */
  GPtrArray  *posts;            /* SdPost */
  GHashTable *units_by_name;    /* name → GPtrArray of SdUnit (borrowed) */
  GHashTable *people_by_name;   /* name → GPtrArray of SdPerson (borrowed) */
  GHashTable *posts_by_name;    /* name → GPtrArray of SdPost (borrowed) */
} Existing;

struct _Import
{
  SdStore     *store;
  const Kind  *kind;
  GPtrArray   *records;               /* the rows (SdCsvRecord, borrowed): no
                                       * header, no rows of empty cells */
  int          field_of[MAX_COLUMNS]; /* column → field of a record */
  guint        n_columns;
  GPtrArray   *errors;                /* SdImportRowError */
  Existing     existing;
  gpointer     plan;
  guint        n_imported;
};

static void
add_error (Import     *import,
           guint       line,
           const char *format,
           ...) G_GNUC_PRINTF (3, 4);

static void
add_error (Import     *import,
           guint       line,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (import->errors, sd_import_row_error_new (line, message));
}

/* The value of @column in @record; "" if the record is short. */
static const char *
field (Import      *import,
       SdCsvRecord *record,
       guint        column)
{
  int i = import->field_of[column];

  g_assert (column < import->n_columns);
  if (i < 0 || (guint) i >= record->n_fields)
    return "";
  return record->fields[i];
}

static const char *
column_name (Import *import,
             guint   column)
{
  return import->kind->columns[column].name;
}

static GPtrArray *
snapshot (SdStore *store,
          GType    type)
{
  GListModel *model = sd_store_get_items (store, type);
  guint n = g_list_model_get_n_items (model);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  return items;
}

static void
index_by_name (GHashTable  *table,
               const char  *name,
               gpointer     item)
{
  GPtrArray *list;

  if (name == NULL)
    return;
  list = g_hash_table_lookup (table, name);
  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (table, (gpointer) name, list);
    }
  g_ptr_array_add (list, item);
}

static void
existing_init (Existing *existing,
               SdStore  *store)
{
  existing->units = snapshot (store, SD_TYPE_UNIT);
  existing->people = snapshot (store, SD_TYPE_PERSON);
  existing->posts = snapshot (store, SD_TYPE_POST);
  /* The keys are the items' own names: the snapshot keeps them alive. */
  existing->units_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                   (GDestroyNotify) g_ptr_array_unref);
  existing->people_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                    (GDestroyNotify) g_ptr_array_unref);
  existing->posts_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                   (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < existing->units->len; i++)
    {
      SdUnit *unit = existing->units->pdata[i];
      index_by_name (existing->units_by_name, sd_unit_get_name (unit), unit);
    }
  for (guint i = 0; i < existing->people->len; i++)
    {
      SdPerson *person = existing->people->pdata[i];
      index_by_name (existing->people_by_name, sd_person_get_name (person), person);
    }
  for (guint i = 0; i < existing->posts->len; i++)
    {
      SdPost *post = existing->posts->pdata[i];
      index_by_name (existing->posts_by_name, sd_post_get_name (post), post);
    }
}

static void
existing_clear (Existing *existing)
{
  g_clear_pointer (&existing->units_by_name, g_hash_table_unref);
  g_clear_pointer (&existing->people_by_name, g_hash_table_unref);
  g_clear_pointer (&existing->posts_by_name, g_hash_table_unref);
  g_clear_pointer (&existing->units, g_ptr_array_unref);
  g_clear_pointer (&existing->people, g_ptr_array_unref);
  g_clear_pointer (&existing->posts, g_ptr_array_unref);
}

static guint
n_named (GHashTable *table,
         const char *name)
{
  GPtrArray *list = g_hash_table_lookup (table, name);

  return list != NULL ? list->len : 0;
}

/* Finds the existing unit called @name, or adds a row error. */
static SdUnit *
resolve_unit (Import      *import,
              guint        line,
              const char  *name)
{
  GPtrArray *list = g_hash_table_lookup (import->existing.units_by_name, name);

  if (list == NULL)
    {
      add_error (import, line, _("unknown unit “%s”"), name);
      return NULL;
    }
  if (list->len > 1)
    {
      add_error (import, line,
                 /* Translators: %s is a unit name, %u how many units have it. */
                 _("ambiguous unit “%s”: %u units have this name"), name, list->len);
      return NULL;
    }
  return list->pdata[0];
}

/* Finds the existing person called @name, preferring one of @unit_id
 * among several; adds a row error if there is none (and @unknown_is_error)
 * or no way to choose. */
static SdPerson *
resolve_person (Import      *import,
                guint        line,
                const char  *name,
                gint64       unit_id,
                gboolean     unknown_is_error,
                gboolean    *ambiguous)
{
  GPtrArray *list = g_hash_table_lookup (import->existing.people_by_name, name);
  SdPerson *found = NULL;
  guint n_found = 0;

  *ambiguous = FALSE;
  if (list == NULL)
    {
      if (unknown_is_error)
        add_error (import, line, _("unknown person “%s”"), name);
      return NULL;
    }
  if (list->len == 1)
    return list->pdata[0];

  for (guint i = 0; i < list->len; i++)
    {
      if (unit_id != 0 && sd_person_get_unit_id (list->pdata[i]) == unit_id)
        {
          found = list->pdata[i];
          n_found++;
        }
    }
  if (n_found == 1)
    return found;

  *ambiguous = TRUE;
  add_error (import, line,
             /* Translators: %s is a person's name, %u how many people have it. */
             _("ambiguous person “%s”: %u people have this name"), name, list->len);
  return NULL;
}

static gboolean
parse_count (const char *text,
             int        *count)
{
  char *end = NULL;
  gint64 value;

  if (*text == '\0')
    {
      *count = 0;
      return TRUE;
    }
  if (!g_ascii_isdigit (*text))
    return FALSE;
  value = g_ascii_strtoll (text, &end, 10);
  if (*end != '\0' || value < 0 || value > G_MAXINT)
    return FALSE;
  *count = (int) value;
  return TRUE;
}

/* Reads an enumerated value, or adds a row error naming it. */
static const char *
check_code (Import      *import,
            SdCsvRecord *record,
            guint        column,
            const Code  *codes,
            gboolean     empty_is_no)
{
  const char *value = field (import, record, column);
  const char *id;

  if (*value == '\0')
    {
      if (empty_is_no)
        return "no";
      add_error (import, record->line, _("no value in column “%s”"),
                 column_name (import, column));
      return NULL;
    }
  id = parse_code (codes, value);
  if (id == NULL)
    add_error (import, record->line,
               /* Translators: the first %s is the value, the second the column. */
               _("bad value “%s” in column “%s”"), value, column_name (import, column));
  return id;
}

static const char *
check_name (Import      *import,
            SdCsvRecord *record,
            guint        column)
{
  const char *name = field (import, record, column);

  if (*name == '\0')
    {
      add_error (import, record->line, _("no value in column “%s”"),
                 column_name (import, column));
      return NULL;
    }
  return name;
}

static int
max_position (GPtrArray *items,
              int      (*get_position) (gpointer))
{
  int max = -1;

  for (guint i = 0; i < items->len; i++)
    max = MAX (max, get_position (items->pdata[i]));
  return max;
}

static const char *
unit_name_or_empty (SdStore *store,
                    gint64   unit_id)
{
  SdUnit *unit = unit_id != 0 ? sd_store_lookup (store, SD_TYPE_UNIT, unit_id) : NULL;

  return unit != NULL ? sd_unit_get_name (unit) : "";
}

/* Units, in the order of the tree (a parent before its children, siblings
 * in the store's order), transfer container. */
static GPtrArray *
units_in_tree_order (SdStore *store)
{
  GListModel *model = sd_store_get_items (store, SD_TYPE_UNIT);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GHashTable) children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  GPtrArray *ordered = g_ptr_array_new_full (n, g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      SdUnit *unit = g_list_model_get_item (model, i);
      gint64 parent_id = sd_unit_get_parent_id (unit);
      SdUnit *parent = parent_id != 0 ? sd_store_lookup (store, SD_TYPE_UNIT, parent_id) : NULL;

      if (parent == NULL)
        {
          g_ptr_array_add (roots, unit);
        }
      else
        {
          GPtrArray *list = g_hash_table_lookup (children, &parent_id);

          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (children, g_memdup2 (&parent_id, sizeof parent_id), list);
            }
          g_ptr_array_add (list, unit);
        }
      g_object_unref (unit);
    }

  for (guint i = roots->len; i > 0; i--)
    g_ptr_array_add (stack, roots->pdata[i - 1]);
  while (stack->len > 0)
    {
      SdUnit *unit = g_ptr_array_steal_index (stack, stack->len - 1);
      gint64 id = sd_item_get_id (SD_ITEM (unit));
      GPtrArray *list;

      /* A cycle cannot come from the store, but must not hang an export. */
      if (g_hash_table_contains (seen, unit))
        continue;
      g_hash_table_add (seen, unit);
      g_ptr_array_add (ordered, g_object_ref (unit));

      list = g_hash_table_lookup (children, &id);
      for (guint i = list != NULL ? list->len : 0; i > 0; i--)
        g_ptr_array_add (stack, list->pdata[i - 1]);
    }

  return ordered;
}

static void
append_row (GString    *out,
            const char *first,
            ...)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *f = first; f != NULL; f = va_arg (args, const char *))
    g_ptr_array_add (fields, (gpointer) f);
  va_end (args);
  sd_csv_append_row (out, (const char * const *) fields->pdata, fields->len);
}

static int
unit_position (gpointer unit)
{
  return sd_unit_get_position (unit);
}

static int
post_position (gpointer post)
{
  return sd_post_get_position (post);
}

/* Units */

enum
{
  UNIT_NAME,
  UNIT_PARENT,
  UNIT_KIND,
  UNIT_HEAD,
  UNIT_STAFF_COUNT,
};

static const Column unit_columns[] = {
  [UNIT_NAME] = { "name", "名称|单位名称" },
  [UNIT_PARENT] = { "parent", "上级|上级单位" },
  [UNIT_KIND] = { "kind", "类型|单位类型" },
  [UNIT_HEAD] = { "head", "负责人" },
  [UNIT_STAFF_COUNT] = { "staff_count", "人数|编制人数|员工人数" },
  { NULL }
};

typedef struct
{
  SdCsvRecord *record;
  const char  *name;
  const char  *kind;
  int          staff_count;
  gboolean     parent_ok;    /* the parent (or none) is known */
  SdUnit      *parent;       /* an existing unit, */
  int          parent_row;   /* or a row of the file, or -1 */
  SdPerson    *head;         /* an existing person, */
  const char  *new_head;     /* or one to create, by name */
  gint64       id;           /* once written */
} UnitRow;

typedef struct
{
  GArray *rows;              /* UnitRow, in the order of the file */
  int     first_position;
} UnitPlan;

static void
unit_plan_free (gpointer data)
{
  UnitPlan *plan = data;

  g_array_unref (plan->rows);
  g_free (plan);
}

static void
check_units (Import *import)
{
  GPtrArray *records = import->records;
  UnitPlan *plan = g_new0 (UnitPlan, 1);
  g_autoptr(GHashTable) rows_by_name = NULL;
  g_autoptr(GHashTable) keys = NULL;
  guint n;

  import->plan = plan;
  plan->rows = g_array_sized_new (FALSE, TRUE, sizeof (UnitRow), records->len);
  /* Imported units go after the existing ones, in the order of the file. */
  plan->first_position = max_position (import->existing.units, unit_position) + 1;

  /* name → GArray of row indices */
  rows_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < records->len; i++)
    {
      SdCsvRecord *record = records->pdata[i];
      const char *staff_count = field (import, record, UNIT_STAFF_COUNT);
      UnitRow row = { record, NULL, NULL, 0, FALSE, NULL, -1, NULL, NULL, 0 };

      row.name = check_name (import, record, UNIT_NAME);
      row.kind = check_code (import, record, UNIT_KIND, unit_kinds, FALSE);
      if (!parse_count (staff_count, &row.staff_count))
        add_error (import, record->line,
                   /* Translators: the first %s is the value, the second the column. */
                   _("bad number “%s” in column “%s”: expected a whole number, 0 or more"),
                   staff_count, column_name (import, UNIT_STAFF_COUNT));
      g_array_append_val (plan->rows, row);

      if (row.name != NULL)
        {
          GArray *list = g_hash_table_lookup (rows_by_name, row.name);

          if (list == NULL)
            {
              list = g_array_new (FALSE, FALSE, sizeof (int));
              g_hash_table_insert (rows_by_name, (gpointer) row.name, list);
            }
          g_array_append_val (list, i);
        }
    }
  n = plan->rows->len;

  /* Parents: an existing unit or a row of the file, before or after. A
   * unit is never its own parent, so a row does not count as a candidate
   * for its own parent: "安全组" may sit under another "安全组". */
  for (guint i = 0; i < n; i++)
    {
      UnitRow *row = &g_array_index (plan->rows, UnitRow, i);
      const char *parent = field (import, row->record, UNIT_PARENT);
      GArray *same = NULL;
      guint n_existing, n_rows = 0;
      int candidate = -1;

      if (*parent == '\0')
        {
          row->parent_ok = TRUE;
          continue;
        }

      n_existing = n_named (import->existing.units_by_name, parent);
      same = g_hash_table_lookup (rows_by_name, parent);
      for (guint j = 0; same != NULL && j < same->len; j++)
        {
          if ((guint) g_array_index (same, int, j) != i)
            {
              candidate = g_array_index (same, int, j);
              n_rows++;
            }
        }

      if (n_existing + n_rows == 0)
        add_error (import, row->record->line, _("unknown unit “%s”"), parent);
      else if (n_existing + n_rows > 1)
        add_error (import, row->record->line,
                   _("ambiguous unit “%s”: %u units have this name"), parent,
                   n_existing + n_rows);
      else if (n_existing == 1)
        row->parent = ((GPtrArray *) g_hash_table_lookup (import->existing.units_by_name,
                                                          parent))->pdata[0];
      else
        row->parent_row = candidate;
      row->parent_ok = n_existing + n_rows == 1;
    }

  /* Cycles can only run through rows of the file: an existing unit never
   * has a new one as its parent. */
  for (guint i = 0; i < n; i++)
    {
      UnitRow *row = &g_array_index (plan->rows, UnitRow, i);
      int j = row->parent_row;

      for (guint steps = 0; j >= 0 && steps < n; steps++)
        {
          if ((guint) j == i)
            {
              add_error (import, row->record->line,
                         _("unit “%s” is among its own parents (a cycle through column “%s”)"),
                         row->name, column_name (import, UNIT_PARENT));
              break;
            }
          j = g_array_index (plan->rows, UnitRow, j).parent_row;
        }
    }

  /* Duplicates: the same name under the same parent. */
  keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n; i++)
    {
      UnitRow *row = &g_array_index (plan->rows, UnitRow, i);
      g_autofree char *key = NULL;
      gpointer other;
      gint64 parent_id;
      GPtrArray *same;

      if (row->name == NULL || !row->parent_ok)
        continue;

      if (row->parent_row >= 0)
        key = g_strdup_printf ("r%d/%s", row->parent_row, row->name);
      else if (row->parent != NULL)
        key = g_strdup_printf ("e%" G_GINT64_FORMAT "/%s",
                               sd_item_get_id (SD_ITEM (row->parent)), row->name);
      else
        key = g_strdup_printf ("-/%s", row->name);

      if (g_hash_table_lookup_extended (keys, key, NULL, &other))
        {
          SdCsvRecord *first = g_array_index (plan->rows, UnitRow,
                                              GPOINTER_TO_UINT (other)).record;

          add_error (import, row->record->line,
                     /* Translators: %s is a name, %u the line where it first appears. */
                     _("duplicate unit “%s”: already on line %u"), row->name, first->line);
          continue;
        }
      g_hash_table_insert (keys, g_steal_pointer (&key), GUINT_TO_POINTER (i));

      if (row->parent_row >= 0)
        continue;
      parent_id = row->parent != NULL ? sd_item_get_id (SD_ITEM (row->parent)) : 0;
      same = g_hash_table_lookup (import->existing.units_by_name, row->name);
      for (guint j = 0; same != NULL && j < same->len; j++)
        {
          if (sd_unit_get_parent_id (same->pdata[j]) != parent_id)
            continue;
          if (row->parent != NULL)
            add_error (import, row->record->line,
                       /* Translators: the first %s is a unit, the second its parent. */
                       _("duplicate unit: “%s” already exists in “%s”"),
                       row->name, sd_unit_get_name (row->parent));
          else
            add_error (import, row->record->line,
                       _("duplicate unit: “%s” already exists"), row->name);
          break;
        }
    }

  /* Heads: existing people; a name nobody has yet is created with the
   * unit, because people can only be imported once their units exist. */
  for (guint i = 0; i < n; i++)
    {
      UnitRow *row = &g_array_index (plan->rows, UnitRow, i);
      const char *head = field (import, row->record, UNIT_HEAD);
      gboolean ambiguous;

      if (*head == '\0')
        continue;
      row->head = resolve_person (import, row->record->line, head, 0, FALSE, &ambiguous);
      if (row->head == NULL && !ambiguous)
        row->new_head = head;
    }
}

static gboolean
write_unit_row (Import    *import,
                UnitPlan  *plan,
                guint      i,
                GError   **error)
{
  UnitRow *row = &g_array_index (plan->rows, UnitRow, i);
  gint64 parent_id = 0;
  gint64 head_id = 0;
  gpointer unit;

  if (row->id != 0)
    return TRUE;

  /* A parent from a later row goes in first. check_units() refused cycles. */
  if (row->parent_row >= 0)
    {
      if (!write_unit_row (import, plan, row->parent_row, error))
        return FALSE;
      parent_id = g_array_index (plan->rows, UnitRow, row->parent_row).id;
    }
  else if (row->parent != NULL)
    {
      parent_id = sd_item_get_id (SD_ITEM (row->parent));
    }
  if (row->head != NULL)
    head_id = sd_item_get_id (SD_ITEM (row->head));

  unit = sd_store_insert (import->store, SD_TYPE_UNIT, error,
                          "name", row->name,
                          "kind", row->kind,
                          "parent-id", parent_id,
                          "head-id", head_id,
                          "staff-count", row->staff_count,
                          "position", plan->first_position + (int) i,
                          NULL);
  if (unit == NULL)
    return FALSE;
  row->id = sd_item_get_id (SD_ITEM (unit));
  return TRUE;
}

static gboolean
write_units (Import  *import,
             GError **error)
{
  UnitPlan *plan = import->plan;
  g_autoptr(GHashTable) created = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < plan->rows->len; i++)
    {
      if (!write_unit_row (import, plan, i, error))
        return FALSE;
    }

  /* New heads, each created once, in the first unit that names them. */
  for (guint i = 0; i < plan->rows->len; i++)
    {
      UnitRow *row = &g_array_index (plan->rows, UnitRow, i);
      gint64 *person_id;
      gpointer unit;

      if (row->new_head == NULL)
        continue;
      person_id = g_hash_table_lookup (created, row->new_head);
      if (person_id == NULL)
        {
          gpointer person = sd_store_insert (import->store, SD_TYPE_PERSON, error,
                                             "name", row->new_head,
                                             "unit-id", row->id,
                                             "full-time", TRUE,
                                             "active", TRUE,
                                             NULL);
          if (person == NULL)
            return FALSE;
          person_id = g_new (gint64, 1);
          *person_id = sd_item_get_id (SD_ITEM (person));
          g_hash_table_insert (created, (gpointer) row->new_head, person_id);
        }
      unit = sd_store_lookup (import->store, SD_TYPE_UNIT, row->id);
      if (!sd_store_update (import->store, unit, error, "head-id", *person_id, NULL))
        return FALSE;
    }

  import->n_imported = plan->rows->len;
  return TRUE;
}

static void
export_units (SdStore *store,
              GString *out)
{
  g_autoptr(GPtrArray) units = units_in_tree_order (store);

  for (guint i = 0; i < units->len; i++)
    {
      SdUnit *unit = units->pdata[i];
      gint64 head_id = sd_unit_get_head_id (unit);
      SdPerson *head = head_id != 0 ? sd_store_lookup (store, SD_TYPE_PERSON, head_id) : NULL;
      g_autofree char *staff_count = g_strdup_printf ("%d", sd_unit_get_staff_count (unit));

      append_row (out,
                  sd_unit_get_name (unit),
                  unit_name_or_empty (store, sd_unit_get_parent_id (unit)),
                  sd_unit_get_kind (unit),
                  head != NULL ? sd_person_get_name (head) : "",
                  staff_count,
                  NULL);
    }
}

/* People */

enum
{
  PERSON_NAME,
  PERSON_UNIT,
  PERSON_TITLE,
  PERSON_EMPLOYMENT,
};

static const Column person_columns[] = {
  [PERSON_NAME] = { "name", "姓名|名称" },
  [PERSON_UNIT] = { "unit", "单位|部门|所在单位|所在部门" },
  [PERSON_TITLE] = { "title", "职务|职位" },
  [PERSON_EMPLOYMENT] = { "employment", "用工性质|用工形式|全职/兼职" },
  { NULL }
};

typedef struct
{
  SdCsvRecord *record;
  const char  *name;
  SdUnit      *unit;
  const char  *title;       /* NULL if empty */
  gboolean     full_time;
  SdPerson    *fill_in;     /* a head the units import created, to complete */
} PersonRow;

static void
check_people (Import *import)
{
  GPtrArray *records = import->records;
  GArray *rows = g_array_sized_new (FALSE, TRUE, sizeof (PersonRow), records->len);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  import->plan = rows;
  for (guint i = 0; i < records->len; i++)
    {
      SdCsvRecord *record = records->pdata[i];
      const char *unit = field (import, record, PERSON_UNIT);
      const char *title = field (import, record, PERSON_TITLE);
      const char *employment;
      PersonRow row = { record, NULL, NULL, NULL, TRUE, NULL };
      gboolean unit_ok = TRUE;
      g_autofree char *key = NULL;
      gpointer other;
      GPtrArray *same;
      gint64 unit_id;

      row.name = check_name (import, record, PERSON_NAME);
      if (*unit != '\0')
        {
          row.unit = resolve_unit (import, record->line, unit);
          unit_ok = row.unit != NULL;
        }
      row.title = *title != '\0' ? title : NULL;
      employment = check_code (import, record, PERSON_EMPLOYMENT, employments, FALSE);
      row.full_time = g_strcmp0 (employment, "part-time") != 0;

      if (row.name != NULL && unit_ok)
        {
          unit_id = row.unit != NULL ? sd_item_get_id (SD_ITEM (row.unit)) : 0;
          key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", unit_id, row.name);
          if (g_hash_table_lookup_extended (keys, key, NULL, &other))
            {
              add_error (import, record->line,
                         _("duplicate person “%s”: already on line %u"), row.name,
                         GPOINTER_TO_UINT (other));
            }
          else
            {
              g_hash_table_insert (keys, g_steal_pointer (&key), GUINT_TO_POINTER (record->line));

              same = g_hash_table_lookup (import->existing.people_by_name, row.name);
              for (guint j = 0; same != NULL && j < same->len; j++)
                {
                  SdPerson *person = same->pdata[j];
                  const char *existing_title = sd_person_get_job_title (person);

                  if (sd_person_get_unit_id (person) != unit_id)
                    continue;
                  /* The head a units import created: this row completes it. */
                  if (row.unit != NULL &&
                      sd_unit_get_head_id (row.unit) == sd_item_get_id (SD_ITEM (person)) &&
                      (existing_title == NULL || *existing_title == '\0'))
                    row.fill_in = person;
                  else if (row.unit != NULL)
                    add_error (import, record->line,
                               /* Translators: the first %s is a person, the second a unit. */
                               _("duplicate person: “%s” already exists in “%s”"),
                               row.name, sd_unit_get_name (row.unit));
                  else
                    add_error (import, record->line,
                               _("duplicate person: “%s” already exists"), row.name);
                  break;
                }
            }
        }
      g_array_append_val (rows, row);
    }
}

static gboolean
write_people (Import  *import,
              GError **error)
{
  GArray *rows = import->plan;

  for (guint i = 0; i < rows->len; i++)
    {
      PersonRow *row = &g_array_index (rows, PersonRow, i);
      gint64 unit_id = row->unit != NULL ? sd_item_get_id (SD_ITEM (row->unit)) : 0;

      if (row->fill_in != NULL)
        {
          if (!sd_store_update (import->store, row->fill_in, error,
                                "job-title", row->title,
                                "full-time", row->full_time,
                                NULL))
            return FALSE;
        }
      else if (!sd_store_insert (import->store, SD_TYPE_PERSON, error,
                                 "name", row->name,
                                 "unit-id", unit_id,
                                 "job-title", row->title,
                                 "full-time", row->full_time,
                                 "active", TRUE,
                                 NULL))
        {
          return FALSE;
        }
    }
  import->n_imported = rows->len;
  return TRUE;
}

static void
export_person (SdStore  *store,
               SdPerson *person,
               GString  *out)
{
  const char *title = sd_person_get_job_title (person);

  append_row (out,
              sd_person_get_name (person),
              unit_name_or_empty (store, sd_person_get_unit_id (person)),
              title != NULL ? title : "",
              sd_person_get_full_time (person) ? "full-time" : "part-time",
              NULL);
}

/* Items grouped by the id a getter returns: id → GPtrArray of items
 * (borrowed from @items), each in the order of @items. */
static GHashTable *
group_by (GPtrArray  *items,
          gint64    (*get_id) (gpointer))
{
  GHashTable *groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < items->len; i++)
    {
      gint64 id = get_id (items->pdata[i]);
      GPtrArray *group = g_hash_table_lookup (groups, &id);

      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (groups, g_memdup2 (&id, sizeof id), group);
        }
      g_ptr_array_add (group, items->pdata[i]);
    }
  return groups;
}

static gint64
person_unit_id (gpointer person)
{
  return sd_person_get_unit_id (person);
}

static gint64
holder_post_id (gpointer holder)
{
  return sd_post_holder_get_post_id (holder);
}

/* People grouped by unit, the units in the order of the tree, each unit's
 * head first: an order that survives a round trip through a fresh
 * database, where the units import creates the heads before the others. */
static void
export_people (SdStore *store,
               GString *out)
{
  g_autoptr(GPtrArray) units = units_in_tree_order (store);
  g_autoptr(GPtrArray) people = snapshot (store, SD_TYPE_PERSON);
  g_autoptr(GHashTable) by_unit = group_by (people, person_unit_id);
  g_autoptr(GHashTable) written = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < units->len; i++)
    {
      SdUnit *unit = units->pdata[i];
      gint64 unit_id = sd_item_get_id (SD_ITEM (unit));
      gint64 head_id = sd_unit_get_head_id (unit);
      SdPerson *head = head_id != 0 ? sd_store_lookup (store, SD_TYPE_PERSON, head_id) : NULL;
      GPtrArray *members = g_hash_table_lookup (by_unit, &unit_id);

      if (head != NULL && sd_person_get_unit_id (head) == unit_id)
        {
          export_person (store, head, out);
          g_hash_table_add (written, head);
        }
      for (guint j = 0; members != NULL && j < members->len; j++)
        {
          if (!g_hash_table_contains (written, members->pdata[j]))
            {
              export_person (store, members->pdata[j], out);
              g_hash_table_add (written, members->pdata[j]);
            }
        }
    }

  /* People without a unit last. */
  for (guint j = 0; j < people->len; j++)
    {
      if (!g_hash_table_contains (written, people->pdata[j]))
        export_person (store, people->pdata[j], out);
    }
}

/* Posts */

enum
{
  POST_NAME,
  POST_UNIT,
  POST_TYPE,
  POST_KEY_POST,
  POST_FULL_TIME_REQUIRED,
  POST_HOLDERS,
};

static const Column post_columns[] = {
  [POST_NAME] = { "name", "名称|岗位|岗位名称" },
  [POST_UNIT] = { "unit", "单位|部门|所属单位|所属部门" },
  [POST_TYPE] = { "type", "类型|岗位类型" },
  [POST_KEY_POST] = { "key_post", "关键岗位|重点岗位" },
  [POST_FULL_TIME_REQUIRED] = { "full_time_required", "专职要求|须专职|是否专职" },
  [POST_HOLDERS] = { "holders", "在岗人员|任职人员|人员" },
  { NULL }
};

#define DEPUTY_MARK " (deputy)"

typedef struct
{
  SdPerson *person;
  gboolean  primary;
} Holder;

typedef struct
{
  SdCsvRecord *record;
  const char  *name;
  SdUnit      *unit;
  const char  *type;
  gboolean     key_post;
  gboolean     full_time_required;
  GArray      *holders;    /* Holder */
} PostRow;

typedef struct
{
  GArray *rows;            /* PostRow */
  int     first_position;
} PostPlan;

static void
post_plan_free (gpointer data)
{
  PostPlan *plan = data;

  for (guint i = 0; i < plan->rows->len; i++)
    g_clear_pointer (&g_array_index (plan->rows, PostRow, i).holders, g_array_unref);
  g_array_unref (plan->rows);
  g_free (plan);
}

/* A copy of @text without the blanks around it: ASCII spaces and tabs, and
 * U+3000 IDEOGRAPHIC SPACE, which full-width input types after "；". */
static char *
strip_blanks (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  for (;;)
    {
      if (start < end && (*start == ' ' || *start == '\t'))
        start++;
      else if (end - start >= 3 && memcmp (start, "\xE3\x80\x80", 3) == 0)
        start += 3;
      else
        break;
    }
  for (;;)
    {
      if (end > start && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
      else if (end - start >= 3 && memcmp (end - 3, "\xE3\x80\x80", 3) == 0)
        end -= 3;
      else
        break;
    }
  return g_strndup (start, end - start);
}

/* Splits "孙磊;周静 (deputy)" (also "；" and "、") into names and marks. */
static void
check_holders (Import  *import,
               PostRow *row)
{
  const char *value = field (import, row->record, POST_HOLDERS);
  g_autoptr(GString) text = g_string_new (value);
  g_auto(GStrv) parts = NULL;

  g_string_replace (text, "；", ";", 0);
  g_string_replace (text, "、", ";", 0);
  parts = g_strsplit (text->str, ";", -1);

  row->holders = g_array_new (FALSE, FALSE, sizeof (Holder));
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *name = strip_blanks (parts[i]);
      gint64 unit_id = row->unit != NULL ? sd_item_get_id (SD_ITEM (row->unit)) : 0;
      Holder holder = { NULL, TRUE };
      gboolean ambiguous;
      char *open = NULL;
      gsize length = strlen (name);

      if (*name == '\0')
        continue;

      /* A trailing "(deputy)"/"(副)" or "(primary)"/"(主)", in ASCII or
       * full-width parentheses; other parentheses belong to the name. */
      if (g_str_has_suffix (name, ")"))
        open = g_strrstr (name, "(");
      else if (g_str_has_suffix (name, "）"))
        open = g_strrstr (name, "（");
      if (open != NULL)
        {
          gsize open_length = *open == '(' ? 1 : strlen ("（");
          gsize close_length = name[length - 1] == ')' ? 1 : strlen ("）");
          g_autofree char *inner = g_strndup (open + open_length,
                                              name + length - close_length - (open + open_length));
          g_autofree char *word = NULL;
          g_autofree char *mark = strip_blanks (inner);

          word = normalize_word (mark);
          if (in_synonyms ("deputy|副|副职|b角|backup", word))
            holder.primary = FALSE;
          else if (!in_synonyms ("primary|主|主职|a角", word))
            open = NULL;
          if (open != NULL)
            {
              g_autofree char *bare = NULL;

              *open = '\0';
              bare = strip_blanks (name);
              g_free (name);
              name = g_steal_pointer (&bare);
            }
        }

      holder.person = resolve_person (import, row->record->line, name, unit_id, TRUE,
                                      &ambiguous);
      if (holder.person == NULL)
        continue;
      for (guint j = 0; j < row->holders->len; j++)
        {
          if (g_array_index (row->holders, Holder, j).person == holder.person)
            {
              add_error (import, row->record->line,
                         /* Translators: the first %s is a person, the second a column. */
                         _("“%s” is listed twice in column “%s”"),
                         name, column_name (import, POST_HOLDERS));
              holder.person = NULL;
              break;
            }
        }
      if (holder.person != NULL)
        g_array_append_val (row->holders, holder);
    }
}

static void
check_posts (Import *import)
{
  GPtrArray *records = import->records;
  PostPlan *plan = g_new0 (PostPlan, 1);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  import->plan = plan;
  plan->rows = g_array_sized_new (FALSE, TRUE, sizeof (PostRow), records->len);
  plan->first_position = max_position (import->existing.posts, post_position) + 1;

  for (guint i = 0; i < records->len; i++)
    {
      SdCsvRecord *record = records->pdata[i];
      const char *unit = field (import, record, POST_UNIT);
      PostRow row = { record, NULL, NULL, NULL, FALSE, FALSE, NULL };
      gboolean unit_ok = TRUE;
      const char *yes;

      row.name = check_name (import, record, POST_NAME);
      if (*unit != '\0')
        {
          row.unit = resolve_unit (import, record->line, unit);
          unit_ok = row.unit != NULL;
        }
      row.type = check_code (import, record, POST_TYPE, post_types, FALSE);
      yes = check_code (import, record, POST_KEY_POST, yes_no, TRUE);
      row.key_post = g_strcmp0 (yes, "yes") == 0;
      yes = check_code (import, record, POST_FULL_TIME_REQUIRED, yes_no, TRUE);
      row.full_time_required = g_strcmp0 (yes, "yes") == 0;
      check_holders (import, &row);

      if (row.name != NULL && unit_ok)
        {
          gint64 unit_id = row.unit != NULL ? sd_item_get_id (SD_ITEM (row.unit)) : 0;
          g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", unit_id, row.name);
          gpointer other;

          if (g_hash_table_lookup_extended (keys, key, NULL, &other))
            {
              add_error (import, record->line,
                         _("duplicate post “%s”: already on line %u"), row.name,
                         GPOINTER_TO_UINT (other));
            }
          else
            {
              GPtrArray *same = g_hash_table_lookup (import->existing.posts_by_name, row.name);

              g_hash_table_insert (keys, g_steal_pointer (&key), GUINT_TO_POINTER (record->line));
              for (guint j = 0; same != NULL && j < same->len; j++)
                {
                  if (sd_post_get_unit_id (same->pdata[j]) != unit_id)
                    continue;
                  if (row.unit != NULL)
                    add_error (import, record->line,
                               /* Translators: the first %s is a post, the second a unit. */
                               _("duplicate post: “%s” already exists in “%s”"),
                               row.name, sd_unit_get_name (row.unit));
                  else
                    add_error (import, record->line,
                               _("duplicate post: “%s” already exists organisation-wide"),
                               row.name);
                  break;
                }
            }
        }
      g_array_append_val (plan->rows, row);
    }
}

static gboolean
write_posts (Import  *import,
             GError **error)
{
  PostPlan *plan = import->plan;

  for (guint i = 0; i < plan->rows->len; i++)
    {
      PostRow *row = &g_array_index (plan->rows, PostRow, i);
      gint64 unit_id = row->unit != NULL ? sd_item_get_id (SD_ITEM (row->unit)) : 0;
      gpointer post;

      post = sd_store_insert (import->store, SD_TYPE_POST, error,
                              "name", row->name,
                              "unit-id", unit_id,
                              "post-type", row->type,
                              "key-post", row->key_post,
                              "full-time-required", row->full_time_required,
                              "position", plan->first_position + (int) i,
                              NULL);
      if (post == NULL)
        return FALSE;

      for (guint j = 0; j < row->holders->len; j++)
        {
          Holder *holder = &g_array_index (row->holders, Holder, j);

          if (!sd_store_insert (import->store, SD_TYPE_POST_HOLDER, error,
                                "post-id", sd_item_get_id (SD_ITEM (post)),
                                "person-id", sd_item_get_id (SD_ITEM (holder->person)),
                                "is-primary", holder->primary,
                                NULL))
            return FALSE;
        }
    }
  import->n_imported = plan->rows->len;
  return TRUE;
}

static void
export_posts (SdStore *store,
              GString *out)
{
  g_autoptr(GPtrArray) posts = snapshot (store, SD_TYPE_POST);
  g_autoptr(GPtrArray) holders = snapshot (store, SD_TYPE_POST_HOLDER);
  g_autoptr(GHashTable) by_post = group_by (holders, holder_post_id);

  for (guint i = 0; i < posts->len; i++)
    {
      SdPost *post = posts->pdata[i];
      gint64 post_id = sd_item_get_id (SD_ITEM (post));
      GPtrArray *post_holders = g_hash_table_lookup (by_post, &post_id);
      g_autoptr(GString) names = g_string_new (NULL);

      /* Primary holders first, then deputies, each in the store's order. */
      for (int primary = 1; primary >= 0; primary--)
        {
          for (guint j = 0; post_holders != NULL && j < post_holders->len; j++)
            {
              SdPostHolder *holder = post_holders->pdata[j];
              SdPerson *person;

              if (sd_post_holder_get_is_primary (holder) != primary)
                continue;
              person = sd_store_lookup (store, SD_TYPE_PERSON,
                                        sd_post_holder_get_person_id (holder));
              if (person == NULL)
                continue;
              if (names->len > 0)
                g_string_append_c (names, ';');
              g_string_append (names, sd_person_get_name (person));
              if (!primary)
                g_string_append (names, DEPUTY_MARK);
            }
        }

      append_row (out,
                  sd_post_get_name (post),
                  unit_name_or_empty (store, sd_post_get_unit_id (post)),
                  sd_post_get_post_type (post),
                  sd_post_get_key_post (post) ? "yes" : "no",
                  sd_post_get_full_time_required (post) ? "yes" : "no",
                  names->str,
                  NULL);
    }
}

/* The kinds, and the driver
 *
 * A further kind (duties, assignments, risks, tasks, findings) is one more
 * entry here: its columns, a check() that reads every row into a plan and
 * reports every problem without writing, a write() that only inserts what
 * the plan says (it runs inside the import's transaction), and an export()
 * that writes the same columns. Then it moves from future_kinds to
 * kind_names. */

static const Kind kinds[] = {
  { "units", unit_columns, check_units, write_units, export_units, unit_plan_free },
  { "people", person_columns, check_people, write_people, export_people,
    (GDestroyNotify) g_array_unref },
  { "posts", post_columns, check_posts, write_posts, export_posts, post_plan_free },
};

static const char * const kind_names[] = { "units", "people", "posts", NULL };

/* The other kinds of the command line (DESIGN.md), still to come. */
static const char * const future_kinds[] = {
  "duties", "assignments", "risks", "tasks", "findings", NULL
};

const char * const *
sd_import_get_kinds (void)
{
  return kind_names;
}

gboolean
sd_import_kind_is_known (const char *kind)
{
  return kind != NULL && g_strv_contains (kind_names, kind);
}

static const Kind *
find_kind (const char  *name,
           GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (g_str_equal (kinds[i].kind, name))
        return &kinds[i];
    }

  if (g_strv_contains (future_kinds, name))
    g_set_error (error, SD_IMPORT_ERROR, SD_IMPORT_ERROR_NOT_SUPPORTED,
                 /* Translators: %s is a kind of record, e.g. "risks". */
                 _("Importing and exporting “%s” is not supported yet"), name);
  else
    {
      g_autofree char *expected = g_strjoinv (", ", (char **) kind_names);

      g_set_error (error, SD_IMPORT_ERROR, SD_IMPORT_ERROR_UNKNOWN_KIND,
                   /* Translators: the first %s is what was asked for, the second
                    * the list of kinds, e.g. "units, people, posts". */
                   _("Unknown kind of record “%s” (expected one of: %s)"),
                   name, expected);
    }
  return NULL;
}

static char *
normalize_header (const char *text)
{
  char *folded = g_utf8_casefold (text, -1);

  for (char *c = folded; *c != '\0'; c++)
    {
      if (*c == '-' || *c == ' ')
        *c = '_';
    }
  return folded;
}

static char *
column_list (const Kind *kind)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (const Column *c = kind->columns; c->name != NULL; c++)
    g_string_append_printf (list, "%s%s", list->len > 0 ? "," : "", c->name);
  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* Maps the columns of the header record; FALSE (with row errors) if the
 * rows cannot be read with it. */
static gboolean
read_header (Import      *import,
             SdCsvRecord *header)
{
  const Kind *kind = import->kind;
  guint n_errors = import->errors->len;

  import->n_columns = 0;
  for (const Column *c = kind->columns; c->name != NULL; c++)
    import->field_of[import->n_columns++] = -1;
  g_assert (import->n_columns <= MAX_COLUMNS);

  for (guint f = 0; f < header->n_fields; f++)
    {
      const char *title = header->fields[f];
      g_autofree char *folded = normalize_header (title);
      int column = -1;

      /* Spreadsheets leave empty header cells after the last column. */
      if (*title == '\0')
        continue;

      for (guint c = 0; c < import->n_columns; c++)
        {
          if (g_str_equal (folded, kind->columns[c].name) ||
              in_synonyms (kind->columns[c].aliases, title))
            {
              column = c;
              break;
            }
        }

      if (column < 0)
        {
          g_autofree char *expected = column_list (kind);

          add_error (import, header->line,
                     /* Translators: the first %s is a column name, the second
                      * the list of the columns expected. */
                     _("unknown column “%s” (the columns are %s)"), title, expected);
        }
      else if (import->field_of[column] >= 0)
        {
          add_error (import, header->line, _("column “%s” appears twice"), title);
        }
      else
        {
          import->field_of[column] = f;
        }
    }

  for (guint c = 0; c < import->n_columns; c++)
    {
      if (import->field_of[c] < 0)
        add_error (import, header->line, _("missing column “%s”"), kind->columns[c].name);
    }

  return import->errors->len == n_errors;
}

static gboolean
record_is_empty (SdCsvRecord *record)
{
  for (guint f = 0; f < record->n_fields; f++)
    {
      if (record->fields[f][0] != '\0')
        return FALSE;
    }
  return TRUE;
}

/* Whether @record has a value in a field no column reads. */
static gboolean
record_has_stray_values (Import      *import,
                         SdCsvRecord *record)
{
  for (guint f = 0; f < record->n_fields; f++)
    {
      gboolean mapped = FALSE;

      if (record->fields[f][0] == '\0')
        continue;
      for (guint c = 0; c < import->n_columns && !mapped; c++)
        mapped = import->field_of[c] == (int) f;
      if (!mapped)
        return TRUE;
    }
  return FALSE;
}

static void
set_invalid_error (Import  *import,
                   GError **error)
{
  guint n = import->errors->len;

  g_set_error (error, SD_IMPORT_ERROR, SD_IMPORT_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "The file has %u problem; nothing was imported",
                            "The file has %u problems; nothing was imported", n),
               n);
}

gboolean
sd_import_bytes (SdStore     *store,
                 const char  *kind_name,
                 GBytes      *bytes,
                 guint       *n_imported,
                 GPtrArray  **row_errors,
                 GError     **error)
{
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) csv_error = NULL;
  Import import = { 0 };
  const char *data;
  gsize length;
  guint error_line = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind_name != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_imported != NULL)
    *n_imported = 0;
  errors = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_import_row_error_free);
  if (row_errors != NULL)
    *row_errors = NULL;

  import.store = store;
  import.errors = errors;
  import.kind = find_kind (kind_name, error);
  if (import.kind == NULL)
    goto out;

  data = g_bytes_get_data (bytes, &length);
  records = sd_csv_parse (data, length, NULL, &error_line, &csv_error);
  if (records == NULL)
    {
      add_error (&import, error_line, "%s", csv_error->message);
      set_invalid_error (&import, error);
      goto out;
    }
  if (records->len == 0)
    {
      g_autofree char *expected = column_list (import.kind);

      add_error (&import, 1,
                 /* Translators: %s is the list of columns, e.g. "name,unit,title". */
                 _("the file is empty: its first line must name the columns (%s)"), expected);
      set_invalid_error (&import, error);
      goto out;
    }
  if (!read_header (&import, records->pdata[0]))
    {
      set_invalid_error (&import, error);
      goto out;
    }

  /* The rows: spreadsheets save rows of empty cells after the data. */
  rows = g_ptr_array_new ();
  for (guint i = 1; i < records->len; i++)
    {
      SdCsvRecord *record = records->pdata[i];

      if (record_is_empty (record))
        continue;
      if (record_has_stray_values (&import, record))
        add_error (&import, record->line,
                   _("more values than columns: %u values for %u columns"),
                   record->n_fields, import.n_columns);
      g_ptr_array_add (rows, record);
    }
  import.records = rows;

  existing_init (&import.existing, store);
  import.kind->check (&import);
  if (errors->len > 0)
    {
      set_invalid_error (&import, error);
      goto out;
    }

  /* Everything checked: write it all, or nothing. */
  if (!sd_store_begin (store, error))
    goto out;
  if (!import.kind->write (&import, error))
    {
      sd_store_rollback (store);
      import.n_imported = 0;
      g_prefix_error (error, _("Nothing was imported: "));
      goto out;
    }
  if (!sd_store_commit (store, error))
    {
      import.n_imported = 0;
      g_prefix_error (error, _("Nothing was imported: "));
      goto out;
    }

  if (n_imported != NULL)
    *n_imported = import.n_imported;
  ok = TRUE;

out:
  if (import.plan != NULL)
    import.kind->free_plan (import.plan);
  existing_clear (&import.existing);
  if (row_errors != NULL)
    *row_errors = g_steal_pointer (&errors);
  return ok;
}

gboolean
sd_import_file (SdStore     *store,
                const char  *kind,
                const char  *path,
                guint       *n_imported,
                GPtrArray  **row_errors,
                GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_imported != NULL)
    *n_imported = 0;

  /* An unknown kind is told before the file is read. */
  if (find_kind (kind, error) == NULL ||
      !g_file_get_contents (path, &contents, &length, error))
    {
      if (row_errors != NULL)
        *row_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_import_row_error_free);
      return FALSE;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  return sd_import_bytes (store, kind, bytes, n_imported, row_errors, error);
}

GBytes *
sd_export_bytes (SdStore     *store,
                 const char  *kind_name,
                 GError     **error)
{
  const Kind *kind;
  g_autoptr(GString) out = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new ();

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (kind_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  kind = find_kind (kind_name, error);
  if (kind == NULL)
    return NULL;

  out = g_string_new (SD_CSV_BOM);
  for (const Column *c = kind->columns; c->name != NULL; c++)
    g_ptr_array_add (header, (gpointer) c->name);
  sd_csv_append_row (out, (const char * const *) header->pdata, header->len);
  kind->export (store, out);
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

gboolean
sd_export_file (SdStore     *store,
                const char  *kind,
                const char  *path,
                GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = sd_export_bytes (store, kind, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  /* Written whole or not at all: a half-written export is worse than none. */
  return g_file_set_contents (path, data, length, error);
}
