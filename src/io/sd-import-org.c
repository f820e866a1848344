/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

/* The organisation's kinds of record: units, people and posts (see
 * sd-import.h for the columns, sd-import-private.h for how a kind works). */

#define G_LOG_DOMAIN "sd-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-import-private.h"

#include "sd-labels.h"
#include "sd-person.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-unit.h"

/* Codes */

static const SdImportCode unit_kinds[] = {
  { "company", "公司|集团|总公司", sd_unit_kind_label },
  { "department", "部门|部", sd_unit_kind_label },
  { "section", "科室|处室|组|科|处|室|小组|班组", sd_unit_kind_label },
  /* Not in the list, but the store knows it: an export must import. */
  { "other", "其他|其它", sd_unit_kind_label },
  { NULL }
};

static const SdImportCode employments[] = {
  { "full-time", "全职|专职|fulltime", NULL },
  { "part-time", "兼职|parttime", NULL },
  { NULL }
};

static const SdImportCode yes_no[] = {
  { "yes", "y|true|1|是|√|✓", NULL },
  { "no", "n|false|0|否|×|✗", NULL },
  { NULL }
};

static const SdImportCode post_types[] = {
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

static const SdImportColumn unit_columns[] = {
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
check_units (SdImport *import)
{
  GPtrArray *records = import->records;
  UnitPlan *plan = g_new0 (UnitPlan, 1);
  g_autoptr(GHashTable) rows_by_name = NULL;
  g_autoptr(GHashTable) keys = NULL;
  guint n;

  import->plan = plan;
  plan->rows = g_array_sized_new (FALSE, TRUE, sizeof (UnitRow), records->len);
  /* Imported units go after the existing ones, in the order of the file. */
  plan->first_position = sd_import_max_position (import->existing.units, unit_position) + 1;

  /* name → GArray of row indices */
  rows_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < records->len; i++)
    {
      SdCsvRecord *record = records->pdata[i];
      const char *staff_count = sd_import_field (import, record, UNIT_STAFF_COUNT);
      UnitRow row = { record, NULL, NULL, 0, FALSE, NULL, -1, NULL, NULL, 0 };

      row.name = sd_import_check_name (import, record, UNIT_NAME);
      row.kind = sd_import_check_code (import, record, UNIT_KIND, unit_kinds, FALSE);
      if (!parse_count (staff_count, &row.staff_count))
        sd_import_add_error (import, record->line,
                             /* Translators: the first %s is the value, the second the column. */
                             _("bad number “%s” in column “%s”: "
                               "expected a whole number, 0 or more"),
                             staff_count, sd_import_column_name (import, UNIT_STAFF_COUNT));
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
      const char *parent = sd_import_field (import, row->record, UNIT_PARENT);
      GArray *same = NULL;
      guint n_existing, n_rows = 0;
      int candidate = -1;

      if (*parent == '\0')
        {
          row->parent_ok = TRUE;
          continue;
        }

      n_existing = sd_import_n_named (import->existing.units_by_name, parent);
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
        sd_import_add_error (import, row->record->line, _("unknown unit “%s”"), parent);
      else if (n_existing + n_rows > 1)
        sd_import_add_error (import, row->record->line,
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
              sd_import_add_error (import, row->record->line,
                                   _("unit “%s” is among its own parents "
                                     "(a cycle through column “%s”)"),
                                   row->name, sd_import_column_name (import, UNIT_PARENT));
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

          sd_import_add_error (import, row->record->line,
                               /* Translators: %s is a name, %u the line where it first appears. */
                               _("duplicate unit “%s”: already on line %u"),
                               row->name, first->line);
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
            sd_import_add_error (import, row->record->line,
                                 /* Translators: the first %s is a unit, the second its parent. */
                                 _("duplicate unit: “%s” already exists in “%s”"),
                                 row->name, sd_unit_get_name (row->parent));
          else
            sd_import_add_error (import, row->record->line,
                                 _("duplicate unit: “%s” already exists"), row->name);
          break;
        }
    }

  /* Heads: existing people; a name nobody has yet is created with the
   * unit, because people can only be imported once their units exist. */
  for (guint i = 0; i < n; i++)
    {
      UnitRow *row = &g_array_index (plan->rows, UnitRow, i);
      const char *head = sd_import_field (import, row->record, UNIT_HEAD);
      gboolean ambiguous;

      if (*head == '\0')
        continue;
      row->head = sd_import_resolve_person (import, row->record->line, head, 0, FALSE, &ambiguous);
      if (row->head == NULL && !ambiguous)
        row->new_head = head;
    }
}

static gboolean
write_unit_row (SdImport  *import,
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
write_units (SdImport  *import,
             GError   **error)
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

      sd_import_append_row (out,
                            sd_unit_get_name (unit),
                            sd_import_unit_name (store, sd_unit_get_parent_id (unit)),
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

static const SdImportColumn person_columns[] = {
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
check_people (SdImport *import)
{
  GPtrArray *records = import->records;
  GArray *rows = g_array_sized_new (FALSE, TRUE, sizeof (PersonRow), records->len);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  import->plan = rows;
  for (guint i = 0; i < records->len; i++)
    {
      SdCsvRecord *record = records->pdata[i];
      const char *unit = sd_import_field (import, record, PERSON_UNIT);
      const char *title = sd_import_field (import, record, PERSON_TITLE);
      const char *employment;
      PersonRow row = { record, NULL, NULL, NULL, TRUE, NULL };
      gboolean unit_ok = TRUE;
      g_autofree char *key = NULL;
      gpointer other;
      GPtrArray *same;
      gint64 unit_id;

      row.name = sd_import_check_name (import, record, PERSON_NAME);
      if (*unit != '\0')
        {
          row.unit = sd_import_resolve_unit (import, record->line, unit);
          unit_ok = row.unit != NULL;
        }
      row.title = *title != '\0' ? title : NULL;
      employment = sd_import_check_code (import, record, PERSON_EMPLOYMENT, employments, FALSE);
      row.full_time = g_strcmp0 (employment, "part-time") != 0;

      if (row.name != NULL && unit_ok)
        {
          unit_id = row.unit != NULL ? sd_item_get_id (SD_ITEM (row.unit)) : 0;
          key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", unit_id, row.name);
          if (g_hash_table_lookup_extended (keys, key, NULL, &other))
            {
              sd_import_add_error (import, record->line,
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
                    sd_import_add_error (import, record->line,
                                         /* Translators: the first %s is a person,
                                          * the second a unit. */
                                         _("duplicate person: “%s” already exists in “%s”"),
                                         row.name, sd_unit_get_name (row.unit));
                  else
                    sd_import_add_error (import, record->line,
                                         _("duplicate person: “%s” already exists"), row.name);
                  break;
                }
            }
        }
      g_array_append_val (rows, row);
    }
}

static gboolean
write_people (SdImport  *import,
              GError   **error)
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

  sd_import_append_row (out,
                        sd_person_get_name (person),
                        sd_import_unit_name (store, sd_person_get_unit_id (person)),
                        title != NULL ? title : "",
                        sd_person_get_full_time (person) ? "full-time" : "part-time",
                        NULL);
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
  g_autoptr(GPtrArray) people = sd_import_snapshot (store, SD_TYPE_PERSON);
  g_autoptr(GHashTable) by_unit = sd_import_group_by (people, person_unit_id);
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

static const SdImportColumn post_columns[] = {
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
check_holders (SdImport *import,
               PostRow  *row)
{
  const char *value = sd_import_field (import, row->record, POST_HOLDERS);
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

          word = sd_import_normalize_word (mark);
          if (sd_import_in_synonyms ("deputy|副|副职|b角|backup", word))
            holder.primary = FALSE;
          else if (!sd_import_in_synonyms ("primary|主|主职|a角", word))
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

      holder.person = sd_import_resolve_person (import, row->record->line, name, unit_id, TRUE,
                                                &ambiguous);
      if (holder.person == NULL)
        continue;
      for (guint j = 0; j < row->holders->len; j++)
        {
          if (g_array_index (row->holders, Holder, j).person == holder.person)
            {
              sd_import_add_error (import, row->record->line,
                                   /* Translators: the first %s is a person, the second a column. */
                                   _("“%s” is listed twice in column “%s”"),
                                   name, sd_import_column_name (import, POST_HOLDERS));
              holder.person = NULL;
              break;
            }
        }
      if (holder.person != NULL)
        g_array_append_val (row->holders, holder);
    }
}

static void
check_posts (SdImport *import)
{
  GPtrArray *records = import->records;
  PostPlan *plan = g_new0 (PostPlan, 1);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  import->plan = plan;
  plan->rows = g_array_sized_new (FALSE, TRUE, sizeof (PostRow), records->len);
  plan->first_position = sd_import_max_position (import->existing.posts, post_position) + 1;

  for (guint i = 0; i < records->len; i++)
    {
      SdCsvRecord *record = records->pdata[i];
      const char *unit = sd_import_field (import, record, POST_UNIT);
      PostRow row = { record, NULL, NULL, NULL, FALSE, FALSE, NULL };
      gboolean unit_ok = TRUE;
      const char *yes;

      row.name = sd_import_check_name (import, record, POST_NAME);
      if (*unit != '\0')
        {
          row.unit = sd_import_resolve_unit (import, record->line, unit);
          unit_ok = row.unit != NULL;
        }
      row.type = sd_import_check_code (import, record, POST_TYPE, post_types, FALSE);
      yes = sd_import_check_code (import, record, POST_KEY_POST, yes_no, TRUE);
      row.key_post = g_strcmp0 (yes, "yes") == 0;
      yes = sd_import_check_code (import, record, POST_FULL_TIME_REQUIRED, yes_no, TRUE);
      row.full_time_required = g_strcmp0 (yes, "yes") == 0;
      check_holders (import, &row);

      if (row.name != NULL && unit_ok)
        {
          gint64 unit_id = row.unit != NULL ? sd_item_get_id (SD_ITEM (row.unit)) : 0;
          g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", unit_id, row.name);
          gpointer other;

          if (g_hash_table_lookup_extended (keys, key, NULL, &other))
            {
              sd_import_add_error (import, record->line,
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
                    sd_import_add_error (import, record->line,
                                         /* Translators: the first %s is a post,
                                          * the second a unit. */
                                         _("duplicate post: “%s” already exists in “%s”"),
                                         row.name, sd_unit_get_name (row.unit));
                  else
                    sd_import_add_error (import, record->line,
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
write_posts (SdImport  *import,
             GError   **error)
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
  g_autoptr(GPtrArray) posts = sd_import_snapshot (store, SD_TYPE_POST);
  g_autoptr(GPtrArray) holders = sd_import_snapshot (store, SD_TYPE_POST_HOLDER);
  g_autoptr(GHashTable) by_post = sd_import_group_by (holders, holder_post_id);

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

      sd_import_append_row (out,
                            sd_post_get_name (post),
                            sd_import_unit_name (store, sd_post_get_unit_id (post)),
                            sd_post_get_post_type (post),
                            sd_post_get_key_post (post) ? "yes" : "no",
                            sd_post_get_full_time_required (post) ? "yes" : "no",
                            names->str,
                            NULL);
    }
}

const SdImportKind sd_import_units_kind = {
  "units", unit_columns, check_units, write_units, export_units, unit_plan_free
};

const SdImportKind sd_import_people_kind = {
  "people", person_columns, check_people, write_people, export_people,
  (GDestroyNotify) g_array_unref
};

const SdImportKind sd_import_posts_kind = {
  "posts", post_columns, check_posts, write_posts, export_posts, post_plan_free
};
