/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

/* The duty matrix's kinds of record: duties and assignments (see
 * sd-import.h for the columns, sd-import-private.h for how a kind works). */

#define G_LOG_DOMAIN "sd-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-import-private.h"

#include "sd-assignment.h"
#include "sd-body.h"
#include "sd-duty.h"
#include "sd-labels.h"
#include "sd-post.h"
#include "sd-unit.h"

/* A name qualified by its unit (or a unit by its parent): "信息部/安全员".
 * The full-width slash is accepted too, as a Chinese input method types it. */
#define QUALIFIER "/"
#define FULL_WIDTH_QUALIFIER "／"

static const SdImportCode party_kinds[] = {
  { "post", "岗位|职位", NULL },
  { "unit", "单位|部门|组织单元|组织|科室|处室", NULL },
  { "body", "机构|小组|组织机构|工作机构|领导小组|工作组", NULL },
  { NULL }
};

static const SdImportCode roles[] = {
  { "R", "r|responsible|负责|责", sd_raci_label },
  { "A", "a|accountable|牵头|批准|审批", sd_raci_label },
  { "C", "c|consulted|协助|咨询|配合", sd_raci_label },
  { "I", "i|informed|知悉|知会|通知", sd_raci_label },
  { NULL }
};

static int
duty_position (gpointer duty)
{
  return sd_duty_get_position (duty);
}

static int
compare_duties (gconstpointer a,
                gconstpointer b)
{
  SdDuty *x = *(SdDuty **) a;
  SdDuty *y = *(SdDuty **) b;
  int px = sd_duty_get_position (x), py = sd_duty_get_position (y);
  gint64 ix = sd_item_get_id (SD_ITEM (x)), iy = sd_item_get_id (SD_ITEM (y));

  if (px != py)
    return px < py ? -1 : 1;
  return ix < iy ? -1 : ix > iy;
}

/* The duties in the order of the matrix: by position, then by id (transfer
 * container). The store's list keeps that order when it loads, but a duty
 * inserted with a lower position is appended. */
static GPtrArray *
duties_in_order (SdStore *store)
{
  GPtrArray *duties = sd_import_snapshot (store, SD_TYPE_DUTY);

  g_ptr_array_sort (duties, compare_duties);
  return duties;
}

static const char *
empty_if_null (const char *text)
{
  return text != NULL ? text : "";
}

/* Duties */

enum
{
  DUTY_CODE,
  DUTY_AREA,
  DUTY_TEXT,
  DUTY_SOURCE,
};

static const SdImportColumn duty_columns[] = {
  [DUTY_CODE] = { "code", "编号|职责编号|代码" },
  [DUTY_AREA] = { "area", "领域|类别|分类|职责类别|职责领域" },
  [DUTY_TEXT] = { "text", "职责|内容|职责内容|职责描述" },
  [DUTY_SOURCE] = { "source", "来源|依据|出处|制度依据" },
  { NULL }
};

typedef struct
{
  SdCsvRecord *record;
  const char  *code;
  const char  *area;      /* NULL if empty */
  const char  *text;
  const char  *source;    /* NULL if empty */
  SdDuty      *existing;  /* the duty of that code, to update */
} DutyRow;

typedef struct
{
  GPtrArray *duties;      /* SdDuty: keeps the existing rows' duties alive */
  GArray    *rows;        /* DutyRow, in the order of the file */
  int        first_position;
} DutyPlan;

static void
duty_plan_free (gpointer data)
{
  DutyPlan *plan = data;

  g_ptr_array_unref (plan->duties);
  g_array_unref (plan->rows);
  g_free (plan);
}

static void
check_duties (SdImport *import)
{
  GPtrArray *records = import->records;
  DutyPlan *plan = g_new0 (DutyPlan, 1);
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) lines = g_hash_table_new (g_str_hash, g_str_equal);

  import->plan = plan;
  plan->duties = sd_import_snapshot (import->store, SD_TYPE_DUTY);
  plan->rows = g_array_sized_new (FALSE, TRUE, sizeof (DutyRow), records->len);
  /* New duties go after the existing ones, in the order of the file. */
  plan->first_position = sd_import_max_position (plan->duties, duty_position) + 1;

  for (guint i = 0; i < plan->duties->len; i++)
    {
      SdDuty *duty = plan->duties->pdata[i];

      g_hash_table_insert (by_code, (gpointer) sd_duty_get_code (duty), duty);
    }

  for (guint i = 0; i < records->len; i++)
    {
      SdCsvRecord *record = records->pdata[i];
      const char *area = sd_import_field (import, record, DUTY_AREA);
      const char *source = sd_import_field (import, record, DUTY_SOURCE);
      DutyRow row = { record, NULL, NULL, NULL, NULL, NULL };
      gpointer other;

      row.code = sd_import_check_name (import, record, DUTY_CODE);
      row.text = sd_import_check_name (import, record, DUTY_TEXT);
      row.area = *area != '\0' ? area : NULL;
      row.source = *source != '\0' ? source : NULL;

      if (row.code != NULL)
        {
          /* A code is the duty's identity: twice in one file would mean
           * two different texts for one duty. */
          if (g_hash_table_lookup_extended (lines, row.code, NULL, &other))
            sd_import_add_error (import, record->line,
                                 /* Translators: %s is a duty's code, %u a line. */
                                 _("duplicate duty “%s”: already on line %u"), row.code,
                                 GPOINTER_TO_UINT (other));
          else
            g_hash_table_insert (lines, (gpointer) row.code, GUINT_TO_POINTER (record->line));
          row.existing = g_hash_table_lookup (by_code, row.code);
        }
      g_array_append_val (plan->rows, row);
    }
}

/* Adds @name = @value to the changes when it differs from @current. */
static void
add_change (GPtrArray  *names,
            GArray     *values,
            const char *name,
            const char *current,
            const char *value)
{
  GValue *slot;

  if (g_strcmp0 (empty_if_null (current), empty_if_null (value)) == 0)
    return;
  g_ptr_array_add (names, (gpointer) name);
  g_array_set_size (values, values->len + 1);
  slot = &g_array_index (values, GValue, values->len - 1);
  g_value_init (slot, G_TYPE_STRING);
  g_value_set_string (slot, value);
}

static void
clear_value (gpointer data)
{
  g_value_unset (data);
}

static gboolean
write_duties (SdImport  *import,
              GError   **error)
{
  DutyPlan *plan = import->plan;
  int position = plan->first_position;

  for (guint i = 0; i < plan->rows->len; i++)
    {
      DutyRow *row = &g_array_index (plan->rows, DutyRow, i);

      if (row->existing != NULL)
        {
          g_autoptr(GPtrArray) names = g_ptr_array_new ();
          g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
          SdDuty *duty = row->existing;

          /* Only what changed: an unchanged duty gets no audit entry, and
           * a sign-off covering it stays current. */
          g_array_set_clear_func (values, clear_value);
          add_change (names, values, "area", sd_duty_get_area (duty), row->area);
          add_change (names, values, "text", sd_duty_get_text (duty), row->text);
          add_change (names, values, "source", sd_duty_get_source (duty), row->source);
          if (names->len > 0 &&
              !sd_store_updatev (import->store, duty, names->len,
                                 (const char **) names->pdata, (const GValue *) values->data,
                                 error))
            return FALSE;
        }
      else if (!sd_store_insert (import->store, SD_TYPE_DUTY, error,
                                 "code", row->code,
                                 "area", row->area,
                                 "text", row->text,
                                 "source", row->source,
                                 "position", position++,
                                 NULL))
        {
          return FALSE;
        }
    }
  import->n_imported = plan->rows->len;
  return TRUE;
}

static void
export_duties (SdStore *store,
               GString *out)
{
  g_autoptr(GPtrArray) duties = duties_in_order (store);

  for (guint i = 0; i < duties->len; i++)
    {
      SdDuty *duty = duties->pdata[i];

      sd_import_append_row (out,
                            sd_duty_get_code (duty),
                            empty_if_null (sd_duty_get_area (duty)),
                            empty_if_null (sd_duty_get_text (duty)),
                            empty_if_null (sd_duty_get_source (duty)),
                            NULL);
    }
}

const SdImportKind sd_import_duties_kind = {
  "duties", duty_columns, check_duties, write_duties, export_duties, duty_plan_free
};

/* Party names
 *
 * A post is named by its name alone when no other post has it. Otherwise
 * its unit comes first, "信息部/部门网络安全员", and as many of the unit's
 * parents as it takes to tell it from the others, "信息部/综合组/安全员";
 * an organisation-wide post is "/安全员". A unit is named the same way by
 * its parents. The import reads what the export writes, and what a person
 * would write: any of these forms that names one party only. */

struct _SdImportPartyNames
{
  SdStore    *store;
  GPtrArray  *posts;            /* SdPost */
  GPtrArray  *units;            /* SdUnit */
  GHashTable *posts_by_name;    /* name → GPtrArray of SdPost (borrowed) */
  GHashTable *units_by_name;    /* name → GPtrArray of SdUnit (borrowed) */
  GHashTable *paths;            /* unit id → "top/…/unit", made when asked */
};

static GHashTable *
index_by_name (GPtrArray   *items,
               const char *(*get_name) (gpointer))
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < items->len; i++)
    {
      const char *name = get_name (items->pdata[i]);
      GPtrArray *same;

      if (name == NULL)
        continue;
      same = g_hash_table_lookup (table, name);
      if (same == NULL)
        {
          same = g_ptr_array_new ();
          g_hash_table_insert (table, (gpointer) name, same);
        }
      g_ptr_array_add (same, items->pdata[i]);
    }
  return table;
}

static const char *
post_name (gpointer post)
{
  return sd_post_get_name (post);
}

static const char *
unit_name (gpointer unit)
{
  return sd_unit_get_name (unit);
}

static const char *
body_name (gpointer body)
{
  return sd_body_get_name (body);
}

SdImportPartyNames *
sd_import_party_names_new (SdStore *store)
{
  SdImportPartyNames *names = g_new0 (SdImportPartyNames, 1);

  names->store = g_object_ref (store);
  names->posts = sd_import_snapshot (store, SD_TYPE_POST);
  names->units = sd_import_snapshot (store, SD_TYPE_UNIT);
  names->posts_by_name = index_by_name (names->posts, post_name);
  names->units_by_name = index_by_name (names->units, unit_name);
  names->paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  return names;
}

void
sd_import_party_names_free (SdImportPartyNames *names)
{
  if (names == NULL)
    return;
  g_clear_pointer (&names->posts_by_name, g_hash_table_unref);
  g_clear_pointer (&names->units_by_name, g_hash_table_unref);
  g_clear_pointer (&names->paths, g_hash_table_unref);
  g_clear_pointer (&names->posts, g_ptr_array_unref);
  g_clear_pointer (&names->units, g_ptr_array_unref);
  g_clear_object (&names->store);
  g_free (names);
}

/* The names of @unit_id and its parents, top first, "/"-separated; "" for
 * no unit. A cycle in the parents (which the store should never hold)
 * ends after as many levels as there are units. */
static const char *
unit_path (SdImportPartyNames *names,
           gint64              unit_id,
           guint               depth)
{
  SdUnit *unit;
  const char *path;
  char *joined;

  if (unit_id == 0)
    return "";
  path = g_hash_table_lookup (names->paths, &unit_id);
  if (path != NULL)
    return path;

  unit = sd_store_lookup (names->store, SD_TYPE_UNIT, unit_id);
  if (unit == NULL)
    return "";
  if (depth > names->units->len || sd_unit_get_parent_id (unit) == 0)
    joined = g_strdup (sd_unit_get_name (unit));
  else
    joined = g_strconcat (unit_path (names, sd_unit_get_parent_id (unit), depth + 1),
                          QUALIFIER, sd_unit_get_name (unit), NULL);
  g_hash_table_insert (names->paths, g_memdup2 (&unit_id, sizeof unit_id), joined);
  return joined;
}

/* Whether @qualifier is the end of @path, whole names only: "信息部" and
 * "公司/信息部" are ends of "公司/信息部", "息部" is not; "" only of "". */
static gboolean
path_ends_with (const char *path,
                const char *qualifier)
{
  gsize path_length = strlen (path);
  gsize length = strlen (qualifier);

  if (length == 0 || length == path_length)
    return length == path_length && strcmp (path, qualifier) == 0;
  return path_length > length && path[path_length - length - 1] == '/' &&
         strcmp (path + path_length - length, qualifier) == 0;
}

/* How many of @items sit under a path that ends with @qualifier. */
static guint
count_under (SdImportPartyNames *names,
             GPtrArray          *items,
             gint64            (*get_owner) (gpointer),
             const char         *qualifier,
             gpointer           *found)
{
  guint n = 0;

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      if (path_ends_with (unit_path (names, get_owner (items->pdata[i]), 0), qualifier))
        {
          *found = items->pdata[i];
          n++;
        }
    }
  return n;
}

/* @name alone if nothing else in @same has it, or behind the shortest end
 * of its owner's path that sets it apart (transfer full). */
static char *
qualify (SdImportPartyNames *names,
         GPtrArray          *same,
         gint64            (*get_owner) (gpointer),
         gint64              owner_id,
         const char         *name)
{
  const char *path = unit_path (names, owner_id, 0);
  const char *qualifier = path + strlen (path);
  gpointer found = NULL;

  if (same == NULL || same->len <= 1)
    return g_strdup (name);

  /* "", then "unit", then "parent/unit", …: the whole path at the latest. */
  while (qualifier > path)
    {
      for (qualifier--; qualifier > path && qualifier[-1] != '/'; qualifier--)
        ;
      if (count_under (names, same, get_owner, qualifier, &found) == 1)
        break;
    }
  return g_strconcat (qualifier, QUALIFIER, name, NULL);
}

static gint64
post_owner (gpointer post)
{
  return sd_post_get_unit_id (post);
}

static gint64
unit_owner (gpointer unit)
{
  return sd_unit_get_parent_id (unit);
}

static char *
qualified_post (SdImportPartyNames *names,
                SdPost             *post)
{
  const char *name = sd_post_get_name (post);

  return qualify (names, g_hash_table_lookup (names->posts_by_name, name), post_owner,
                  sd_post_get_unit_id (post), name);
}

static char *
qualified_unit (SdImportPartyNames *names,
                SdUnit             *unit)
{
  const char *name = sd_unit_get_name (unit);

  return qualify (names, g_hash_table_lookup (names->units_by_name, name), unit_owner,
                  sd_unit_get_parent_id (unit), name);
}

char *
sd_import_party_names_get (SdImportPartyNames  *names,
                           gpointer             assignment,
                           const char         **kind)
{
  SdStore *store = names->store;
  gint64 id;

  if ((id = sd_assignment_get_post_id (assignment)) != 0)
    {
      SdPost *post = sd_store_lookup (store, SD_TYPE_POST, id);

      *kind = "post";
      return post != NULL ? qualified_post (names, post) : NULL;
    }
  if ((id = sd_assignment_get_unit_id (assignment)) != 0)
    {
      SdUnit *unit = sd_store_lookup (store, SD_TYPE_UNIT, id);

      *kind = "unit";
      return unit != NULL ? qualified_unit (names, unit) : NULL;
    }
  if ((id = sd_assignment_get_body_id (assignment)) != 0)
    {
      SdBody *body = sd_store_lookup (store, SD_TYPE_BODY, id);

      *kind = "body";
      return body != NULL ? g_strdup (sd_body_get_name (body)) : NULL;
    }
  *kind = NULL;
  return NULL;
}

/* The one post or unit (among @by_name, with @get_owner) that @text names,
 * or NULL with the problem in @problem. */
static gpointer
resolve_qualified (SdImportPartyNames  *names,
                   GHashTable          *by_name,
                   gint64             (*get_owner) (gpointer),
                   const char          *text,
                   char               **problem)
{
  GPtrArray *same = g_hash_table_lookup (by_name, text);
  gboolean is_post = by_name == names->posts_by_name;
  gpointer found = NULL;
  guint n_found = 0;

  if (same != NULL && same->len == 1)
    return same->pdata[0];
  if (same != NULL)
    {
      g_autofree char *example = is_post ? qualified_post (names, same->pdata[0])
                                         : qualified_unit (names, same->pdata[0]);

      if (is_post)
        *problem = g_strdup_printf (/* Translators: the first %s is a post's name, %u how
                                     * many posts have it, the last %s the same post
                                     * written with its unit, e.g. “信息部/安全员”. */
                                    _("ambiguous post “%s”: %u posts have this name; "
                                      "write it with its unit, as in “%s”"),
                                    text, same->len, example);
      else
        *problem = g_strdup_printf (/* Translators: the first %s is a unit's name, %u how
                                     * many units have it, the last %s the same unit
                                     * written with its parent, e.g. “信息部/综合组”. */
                                    _("ambiguous unit “%s”: %u units have this name; "
                                      "write it with its parent, as in “%s”"),
                                    text, same->len, example);
      return NULL;
    }

  /* Split at each slash in turn, since a name may hold one too: "a/b/c" is
   * post "c" of a unit "b" in "a", or post "b/c" of unit "a". Blanks
   * around the names, and full-width slashes, are forgiven. */
  {
    g_autoptr(GString) normal = g_string_new (text);
    g_auto(GStrv) parts = NULL;

    g_string_replace (normal, FULL_WIDTH_QUALIFIER, QUALIFIER, 0);
    parts = g_strsplit (normal->str, QUALIFIER, -1);
    for (guint i = 0; parts[i] != NULL; i++)
      g_strstrip (parts[i]);

    for (guint split = 1; parts[split] != NULL; split++)
      {
        g_autofree char *qualifier = NULL;
        g_autofree char *name = NULL;
        char *cut = parts[split];
        gpointer match = NULL;

        /* The parts before @split, and those from it on. */
        parts[split] = NULL;
        qualifier = g_strjoinv (QUALIFIER, parts);
        parts[split] = cut;
        name = g_strjoinv (QUALIFIER, parts + split);

        n_found += count_under (names, g_hash_table_lookup (by_name, name), get_owner,
                                qualifier, &match);
        if (match != NULL)
          found = match;
      }
  }

  if (n_found == 1)
    return found;
  if (n_found > 1)
    *problem = is_post
      ? g_strdup_printf (/* Translators: %s is a unit/post name, %u a count. */
                         _("ambiguous post “%s”: %u posts match"), text, n_found)
      : g_strdup_printf (/* Translators: %s is a parent/unit name, %u a count. */
                         _("ambiguous unit “%s”: %u units match"), text, n_found);
  else
    *problem = is_post ? g_strdup_printf (_("unknown post “%s”"), text)
                       : g_strdup_printf (_("unknown unit “%s”"), text);
  return NULL;
}

/* Assignments */

enum
{
  ASSIGNMENT_DUTY_CODE,
  ASSIGNMENT_PARTY_KIND,
  ASSIGNMENT_PARTY,
  ASSIGNMENT_ROLE,
};

static const SdImportColumn assignment_columns[] = {
  [ASSIGNMENT_DUTY_CODE] = { "duty_code", "职责编号|编号|职责代码" },
  [ASSIGNMENT_PARTY_KIND] = { "party_kind", "主体类型|对象类型|责任主体类型|类型" },
  [ASSIGNMENT_PARTY] = { "party", "责任主体|主体|对象|名称" },
  [ASSIGNMENT_ROLE] = { "role", "角色|职责角色|RACI|raci" },
  { NULL }
};

typedef enum
{
  PARTY_POST,
  PARTY_UNIT,
  PARTY_BODY,
} PartyKind;

/* A cell of the matrix: a duty and a party. */
typedef struct
{
  gint64 duty_id;
  gint64 party;      /* id * 4 + PartyKind */
} CellKey;

static guint
cell_key_hash (gconstpointer data)
{
  const CellKey *key = data;

  return g_int64_hash (&key->duty_id) * 31 + g_int64_hash (&key->party);
}

static gboolean
cell_key_equal (gconstpointer a,
                gconstpointer b)
{
  const CellKey *x = a, *y = b;

  return x->duty_id == y->duty_id && x->party == y->party;
}

/* What a party's name led to, once per distinct name: a file names the
 * same few parties on thousands of rows. */
typedef struct
{
  gint64  id;        /* 0 if not found */
  char   *problem;   /* the row error if not found */
} Resolution;

static void
resolution_free (gpointer data)
{
  Resolution *resolution = data;

  g_free (resolution->problem);
  g_free (resolution);
}

typedef struct
{
  SdCsvRecord  *record;
  gint64        duty_id;
  PartyKind     kind;
  gint64        party_id;
  const char   *role;
  SdAssignment *existing;   /* the cell's assignment, to change its role */
} AssignmentRow;

typedef struct
{
  GPtrArray          *duties;          /* SdDuty */
  GPtrArray          *assignments;     /* SdAssignment */
  GPtrArray          *bodies;          /* SdBody */
  GHashTable         *bodies_by_name;  /* name → GPtrArray of SdBody (borrowed) */
  SdImportPartyNames *names;           /* posts and units, by name */
  GHashTable         *resolved;        /* "kind/name" → Resolution */
  GArray             *rows;            /* AssignmentRow, in the order of the file */
} AssignmentPlan;

static void
assignment_plan_free (gpointer data)
{
  AssignmentPlan *plan = data;

  g_ptr_array_unref (plan->duties);
  g_ptr_array_unref (plan->assignments);
  g_ptr_array_unref (plan->bodies);
  g_hash_table_unref (plan->bodies_by_name);
  sd_import_party_names_free (plan->names);
  g_hash_table_unref (plan->resolved);
  g_array_unref (plan->rows);
  g_free (plan);
}

static gpointer
resolve_body (AssignmentPlan  *plan,
              const char      *name,
              char           **problem)
{
  GPtrArray *same = g_hash_table_lookup (plan->bodies_by_name, name);

  if (same == NULL)
    *problem = g_strdup_printf (_("unknown body “%s”"), name);
  else if (same->len > 1)
    *problem = g_strdup_printf (/* Translators: %s is a body's name, %u a count. */
                                _("ambiguous body “%s”: %u bodies have this name"),
                                name, same->len);
  else
    return same->pdata[0];
  return NULL;
}

/* The id of the party called @name, or 0 with a row error. */
static gint64
resolve_party (SdImport    *import,
               SdCsvRecord *record,
               PartyKind    kind,
               const char  *name)
{
  AssignmentPlan *plan = import->plan;
  g_autofree char *key = g_strdup_printf ("%d/%s", kind, name);
  Resolution *result = g_hash_table_lookup (plan->resolved, key);

  if (result == NULL)
    {
      gpointer party = NULL;

      result = g_new0 (Resolution, 1);
      switch (kind)
        {
        case PARTY_POST:
          party = resolve_qualified (plan->names, plan->names->posts_by_name, post_owner,
                                     name, &result->problem);
          break;
        case PARTY_UNIT:
          party = resolve_qualified (plan->names, plan->names->units_by_name, unit_owner,
                                     name, &result->problem);
          break;
        case PARTY_BODY:
          party = resolve_body (plan, name, &result->problem);
          break;
        default:
          g_assert_not_reached ();
        }
      result->id = party != NULL ? sd_item_get_id (party) : 0;
      g_hash_table_insert (plan->resolved, g_steal_pointer (&key), result);
    }
  if (result->problem != NULL)
    sd_import_add_error (import, record->line, "%s", result->problem);
  return result->id;
}

static CellKey
cell_key_of (SdAssignment *assignment)
{
  CellKey key = { sd_assignment_get_duty_id (assignment), 0 };
  gint64 id;

  if ((id = sd_assignment_get_post_id (assignment)) != 0)
    key.party = id * 4 + PARTY_POST;
  else if ((id = sd_assignment_get_unit_id (assignment)) != 0)
    key.party = id * 4 + PARTY_UNIT;
  else
    key.party = sd_assignment_get_body_id (assignment) * 4 + PARTY_BODY;
  return key;
}

static void
check_assignments (SdImport *import)
{
  GPtrArray *records = import->records;
  AssignmentPlan *plan = g_new0 (AssignmentPlan, 1);
  g_autoptr(GHashTable) duties_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) existing = NULL;   /* CellKey → SdAssignment */
  g_autoptr(GHashTable) lines = NULL;      /* CellKey → line */
  g_autofree CellKey *existing_keys = NULL;
  g_autofree CellKey *row_keys = NULL;

  import->plan = plan;
  plan->duties = sd_import_snapshot (import->store, SD_TYPE_DUTY);
  plan->assignments = sd_import_snapshot (import->store, SD_TYPE_ASSIGNMENT);
  plan->bodies = sd_import_snapshot (import->store, SD_TYPE_BODY);
  plan->bodies_by_name = index_by_name (plan->bodies, body_name);
  plan->names = sd_import_party_names_new (import->store);
  plan->resolved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, resolution_free);
  plan->rows = g_array_sized_new (FALSE, TRUE, sizeof (AssignmentRow), records->len);

  for (guint i = 0; i < plan->duties->len; i++)
    g_hash_table_insert (duties_by_code,
                         (gpointer) sd_duty_get_code (plan->duties->pdata[i]),
                         plan->duties->pdata[i]);

  /* The keys live in arrays that do not move, one per assignment and row. */
  existing = g_hash_table_new (cell_key_hash, cell_key_equal);
  existing_keys = g_new (CellKey, MAX (plan->assignments->len, 1));
  for (guint i = 0; i < plan->assignments->len; i++)
    {
      existing_keys[i] = cell_key_of (plan->assignments->pdata[i]);
      g_hash_table_insert (existing, &existing_keys[i], plan->assignments->pdata[i]);
    }

  lines = g_hash_table_new (cell_key_hash, cell_key_equal);
  row_keys = g_new (CellKey, MAX (records->len, 1));
  for (guint i = 0; i < records->len; i++)
    {
      SdCsvRecord *record = records->pdata[i];
      AssignmentRow row = { record, 0, PARTY_POST, 0, NULL, NULL };
      const char *code = sd_import_check_name (import, record, ASSIGNMENT_DUTY_CODE);
      const char *kind = sd_import_check_code (import, record, ASSIGNMENT_PARTY_KIND,
                                               party_kinds, FALSE);
      const char *party = sd_import_check_name (import, record, ASSIGNMENT_PARTY);
      SdDuty *duty = NULL;
      gpointer other;

      if (code != NULL)
        {
          duty = g_hash_table_lookup (duties_by_code, code);
          if (duty == NULL)
            sd_import_add_error (import, record->line, _("unknown duty “%s”"), code);
          else
            row.duty_id = sd_item_get_id (SD_ITEM (duty));
        }
      if (kind != NULL && party != NULL)
        {
          row.kind = g_str_equal (kind, "post") ? PARTY_POST
                   : g_str_equal (kind, "unit") ? PARTY_UNIT : PARTY_BODY;
          row.party_id = resolve_party (import, record, row.kind, party);
        }
      row.role = sd_import_check_code (import, record, ASSIGNMENT_ROLE, roles, FALSE);

      if (row.duty_id != 0 && row.party_id != 0)
        {
          CellKey *key = &row_keys[i];

          key->duty_id = row.duty_id;
          key->party = row.party_id * 4 + row.kind;
          /* One cell holds one role: a second row for it contradicts or
           * repeats the first. */
          if (g_hash_table_lookup_extended (lines, key, NULL, &other))
            sd_import_add_error (import, record->line,
                                 /* Translators: the first %s is a duty's code, the
                                  * second a party (a post, unit or body), %u a line. */
                                 _("duplicate assignment of duty “%s” to “%s”: "
                                   "already on line %u"),
                                 code, party, GPOINTER_TO_UINT (other));
          else
            g_hash_table_insert (lines, key, GUINT_TO_POINTER (record->line));
          row.existing = g_hash_table_lookup (existing, key);
        }
      g_array_append_val (plan->rows, row);
    }
}

static gboolean
write_assignments (SdImport  *import,
                   GError   **error)
{
  AssignmentPlan *plan = import->plan;
  static const char * const party_properties[] = {
    [PARTY_POST] = "post-id",
    [PARTY_UNIT] = "unit-id",
    [PARTY_BODY] = "body-id",
  };

  for (guint i = 0; i < plan->rows->len; i++)
    {
      AssignmentRow *row = &g_array_index (plan->rows, AssignmentRow, i);

      if (row->existing != NULL)
        {
          /* The same role again changes nothing, and logs nothing. */
          if (g_strcmp0 (sd_assignment_get_role (row->existing), row->role) != 0 &&
              !sd_store_update (import->store, row->existing, error, "role", row->role, NULL))
            return FALSE;
        }
      else if (!sd_store_insert (import->store, SD_TYPE_ASSIGNMENT, error,
                                 "duty-id", row->duty_id,
                                 party_properties[row->kind], row->party_id,
                                 "role", row->role,
                                 NULL))
        {
          return FALSE;
        }
    }
  import->n_imported = plan->rows->len;
  return TRUE;
}

static gint64
assignment_duty_id (gpointer assignment)
{
  return sd_assignment_get_duty_id (assignment);
}

/* Duty by duty in the order of the matrix, each duty's assignments in the
 * order they were made: importing the export into a fresh database makes
 * them in that order again, so that its export is the same. */
static void
export_assignments (SdStore *store,
                    GString *out)
{
  g_autoptr(GPtrArray) duties = duties_in_order (store);
  g_autoptr(GPtrArray) assignments = sd_import_snapshot (store, SD_TYPE_ASSIGNMENT);
  g_autoptr(GHashTable) by_duty = sd_import_group_by (assignments, assignment_duty_id);
  g_autoptr(SdImportPartyNames) names = sd_import_party_names_new (store);

  for (guint i = 0; i < duties->len; i++)
    {
      SdDuty *duty = duties->pdata[i];
      gint64 duty_id = sd_item_get_id (SD_ITEM (duty));
      GPtrArray *cells = g_hash_table_lookup (by_duty, &duty_id);

      for (guint j = 0; cells != NULL && j < cells->len; j++)
        {
          SdAssignment *assignment = cells->pdata[j];
          const char *kind = NULL;
          g_autofree char *party = sd_import_party_names_get (names, assignment, &kind);

          if (party == NULL)
            continue;
          sd_import_append_row (out,
                                sd_duty_get_code (duty),
                                kind,
                                party,
                                sd_assignment_get_role (assignment),
                                NULL);
        }
    }
}

const SdImportKind sd_import_assignments_kind = {
  "assignments", assignment_columns, check_assignments, write_assignments, export_assignments,
  assignment_plan_free
};
