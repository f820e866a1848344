/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-import-private.h"

#include "sd-person.h"
#include "sd-post.h"
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

/* Words */

/* Case folded, with "_" and " " read as "-", so that "Full time",
 * "FULL_TIME" and "full-time" are the same. */
char *
sd_import_normalize_word (const char *text)
{
  char *folded = g_utf8_casefold (text, -1);

  for (char *c = folded; *c != '\0'; c++)
    {
      if (*c == '_' || *c == ' ')
        *c = '-';
    }
  return folded;
}

gboolean
sd_import_in_synonyms (const char *synonyms,
                       const char *value)
{
  g_auto(GStrv) words = NULL;

  if (synonyms == NULL)
    return FALSE;
  words = g_strsplit (synonyms, "|", -1);
  return g_strv_contains ((const char * const *) words, value);
}

/* The id @value stands for, or NULL. */
const char *
sd_import_parse_code (const SdImportCode *codes,
                      const char         *value)
{
  g_autofree char *word = sd_import_normalize_word (value);

  for (const SdImportCode *c = codes; c->id != NULL; c++)
    {
      if (g_str_equal (word, c->id) || sd_import_in_synonyms (c->synonyms, word))
        return c->id;
    }
  for (const SdImportCode *c = codes; c->id != NULL; c++)
    {
      g_autofree char *label = NULL;

      if (c->label == NULL)
        continue;
      label = sd_import_normalize_word (c->label (c->id));
      if (g_str_equal (word, label))
        return c->id;
    }
  return NULL;
}

/* Helpers of the kinds */

void
sd_import_add_error (SdImport   *import,
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
const char *
sd_import_field (SdImport    *import,
                 SdCsvRecord *record,
                 guint        column)
{
  int i = import->field_of[column];

  g_assert (column < import->n_columns);
  if (i < 0 || (guint) i >= record->n_fields)
    return "";
  return record->fields[i];
}

const char *
sd_import_column_name (SdImport *import,
                       guint     column)
{
  return import->kind->columns[column].name;
}

GPtrArray *
sd_import_snapshot (SdStore *store,
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
existing_init (SdImportExisting *existing,
               SdStore  *store)
{
  existing->units = sd_import_snapshot (store, SD_TYPE_UNIT);
  existing->people = sd_import_snapshot (store, SD_TYPE_PERSON);
  existing->posts = sd_import_snapshot (store, SD_TYPE_POST);
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
existing_clear (SdImportExisting *existing)
{
  g_clear_pointer (&existing->units_by_name, g_hash_table_unref);
  g_clear_pointer (&existing->people_by_name, g_hash_table_unref);
  g_clear_pointer (&existing->posts_by_name, g_hash_table_unref);
  g_clear_pointer (&existing->units, g_ptr_array_unref);
  g_clear_pointer (&existing->people, g_ptr_array_unref);
  g_clear_pointer (&existing->posts, g_ptr_array_unref);
}

guint
sd_import_n_named (GHashTable *table,
                   const char *name)
{
  GPtrArray *list = g_hash_table_lookup (table, name);

  return list != NULL ? list->len : 0;
}

/* Finds the existing unit called @name, or adds a row error. */
SdUnit *
sd_import_resolve_unit (SdImport    *import,
                        guint        line,
                        const char  *name)
{
  GPtrArray *list = g_hash_table_lookup (import->existing.units_by_name, name);

  if (list == NULL)
    {
      sd_import_add_error (import, line, _("unknown unit “%s”"), name);
      return NULL;
    }
  if (list->len > 1)
    {
      sd_import_add_error (import, line,
                           /* Translators: %s is a unit name, %u how many units have it. */
                           _("ambiguous unit “%s”: %u units have this name"), name, list->len);
      return NULL;
    }
  return list->pdata[0];
}

/* Finds the existing person called @name, preferring one of @unit_id
 * among several; adds a row error if there is none (and @unknown_is_error)
 * or no way to choose. */
SdPerson *
sd_import_resolve_person (SdImport    *import,
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
        sd_import_add_error (import, line, _("unknown person “%s”"), name);
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
  sd_import_add_error (import, line,
                       /* Translators: %s is a person's name, %u how many people have it. */
                       _("ambiguous person “%s”: %u people have this name"), name, list->len);
  return NULL;
}

const char *
sd_import_check_code (SdImport           *import,
                      SdCsvRecord        *record,
                      guint               column,
                      const SdImportCode *codes,
                      gboolean            empty_is_no)
{
  const char *value = sd_import_field (import, record, column);
  const char *id;

  if (*value == '\0')
    {
      if (empty_is_no)
        return "no";
      sd_import_add_error (import, record->line, _("no value in column “%s”"),
                           sd_import_column_name (import, column));
      return NULL;
    }
  id = sd_import_parse_code (codes, value);
  if (id == NULL)
    sd_import_add_error (import, record->line,
                         /* Translators: the first %s is the value, the second the column. */
                         _("bad value “%s” in column “%s”"), value,
                         sd_import_column_name (import, column));
  return id;
}

const char *
sd_import_check_name (SdImport    *import,
                      SdCsvRecord *record,
                      guint        column)
{
  const char *name = sd_import_field (import, record, column);

  if (*name == '\0')
    {
      sd_import_add_error (import, record->line, _("no value in column “%s”"),
                           sd_import_column_name (import, column));
      return NULL;
    }
  return name;
}

int
sd_import_max_position (GPtrArray *items,
                        int      (*get_position) (gpointer))
{
  int max = -1;

  for (guint i = 0; i < items->len; i++)
    max = MAX (max, get_position (items->pdata[i]));
  return max;
}

const char *
sd_import_unit_name (SdStore *store,
                     gint64   unit_id)
{
  SdUnit *unit = unit_id != 0 ? sd_store_lookup (store, SD_TYPE_UNIT, unit_id) : NULL;

  return unit != NULL ? sd_unit_get_name (unit) : "";
}

void
sd_import_append_row (GString    *out,
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

/* Items grouped by the id a getter returns: id → GPtrArray of items
 * (borrowed from @items), each in the order of @items. */
GHashTable *
sd_import_group_by (GPtrArray  *items,
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

/* The kinds, and the driver
 *
 * A further kind (risks, tasks, findings) is one more SdImportKind (see
 * sd-import-private.h) in a file of its own, and one more entry here, in
 * kinds and kind_names; then it leaves future_kinds. */

static const SdImportKind * const kinds[] = {
  &sd_import_units_kind,
  &sd_import_people_kind,
  &sd_import_posts_kind,
  &sd_import_duties_kind,
  &sd_import_assignments_kind,
  &sd_import_risks_kind,
  &sd_import_tasks_kind,
  &sd_import_findings_kind,
};

static const char * const kind_names[] = {
  "units", "people", "posts", "duties", "assignments", "risks", "tasks", "findings",
  NULL
};

/* The other kinds of the command line (DESIGN.md), still to come. */
static const char * const future_kinds[] = { NULL };

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

static const SdImportKind *
find_kind (const char  *name,
           GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (g_str_equal (kinds[i]->kind, name))
        return kinds[i];
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
column_list (const SdImportKind *kind)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (const SdImportColumn *c = kind->columns; c->name != NULL; c++)
    g_string_append_printf (list, "%s%s", list->len > 0 ? "," : "", c->name);
  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* Maps the columns of the header record; FALSE (with row errors) if the
 * rows cannot be read with it. */
static gboolean
read_header (SdImport    *import,
             SdCsvRecord *header)
{
  const SdImportKind *kind = import->kind;
  guint n_errors = import->errors->len;

  import->n_columns = 0;
  for (const SdImportColumn *c = kind->columns; c->name != NULL; c++)
    import->field_of[import->n_columns++] = -1;
  g_assert (import->n_columns <= SD_IMPORT_MAX_COLUMNS);

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
              sd_import_in_synonyms (kind->columns[c].aliases, title))
            {
              column = c;
              break;
            }
        }

      if (column < 0)
        {
          g_autofree char *expected = column_list (kind);

          sd_import_add_error (import, header->line,
                               /* Translators: the first %s is a column name, the second
                      * the list of the columns expected. */
                               _("unknown column “%s” (the columns are %s)"), title, expected);
        }
      else if (import->field_of[column] >= 0)
        {
          sd_import_add_error (import, header->line, _("column “%s” appears twice"), title);
        }
      else
        {
          import->field_of[column] = f;
        }
    }

  for (guint c = 0; c < import->n_columns; c++)
    {
      if (import->field_of[c] < 0)
        sd_import_add_error (import, header->line, _("missing column “%s”"),
                             kind->columns[c].name);
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
record_has_stray_values (SdImport    *import,
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
set_invalid_error (SdImport  *import,
                   GError   **error)
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
  SdImport import = { 0 };
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
      sd_import_add_error (&import, error_line, "%s", csv_error->message);
      set_invalid_error (&import, error);
      goto out;
    }
  if (records->len == 0)
    {
      g_autofree char *expected = column_list (import.kind);

      sd_import_add_error (&import, 1,
                           /* Translators: %s is the list of columns, e.g. "name,unit,title". */
                           _("the file is empty: its first line must name the columns (%s)"),
                           expected);
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
        sd_import_add_error (&import, record->line,
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
  const SdImportKind *kind;
  g_autoptr(GString) out = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new ();

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (kind_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  kind = find_kind (kind_name, error);
  if (kind == NULL)
    return NULL;

  out = g_string_new (SD_CSV_BOM);
  for (const SdImportColumn *c = kind->columns; c->name != NULL; c++)
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

