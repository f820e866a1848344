/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-duty-matrix"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-duty-matrix.h"
#include "sd-duty-rules.h"
#include "sd-assignment.h"
#include "sd-body.h"
#include "sd-post.h"
#include "sd-store-rows.h"
#include "sd-unit.h"

/* A row is a duty index, or an area index with this bit set. */
#define AREA_ROW (1u << 31)

typedef struct
{
  SdDuty *duty;       /* owned */
  gint64  id;         /* the duty's, the key of duty_index */
  guint   area;
  int     position;   /* as built: a change of it reorders the grid */
  guint   first_cell; /* in cells: all the duty's cells */
  guint   n_cells;
  guint   shown_first;/* in shown_cells, while columns are filtered */
  guint   shown_n;
  guint   problems;   /* SdDutyProblem */
  guint   row;        /* G_MAXUINT while not shown */
  guint   search;     /* SearchText, found on the first search */
  char   *folded;     /* SEARCH_FOLDED: the case-folded code, text and source */
} DutyEntry;

/* How a search reads a duty's own text. Most of it needs no case folding
 * (Chinese has no case; a code's Latin letters are compared without case
 * as they are), so most duties keep no folded copy of their text. */
typedef enum
{
  SEARCH_UNKNOWN,
  SEARCH_RAW,         /* the text and source as they are, the code by ASCII */
  SEARCH_FOLDED,      /* the folded copy */
} SearchText;

typedef struct
{
  char   *name;
  GArray *duties;     /* guint: indices into the duty entries, in order */
  guint   n_shown;
} Area;

struct _SdDutyMatrix
{
  GObject     parent_instance;

  SdStore    *store;
  GListModel *sources[5];
  guint       rebuild_id;
  gboolean    dirty;
  /* The cells came from the file's rows (build_cells()), not from items. */
  gboolean    cells_from_rows;

  GArray     *duties;      /* DutyEntry */
  GPtrArray  *areas;       /* Area */
  GHashTable *duty_index;  /* gint64 * (the entry's id) → index + 1 */
  GArray     *cells;       /* SdMatrixCell of every column (all_columns), row after row */
  guint       n_problems;  /* duties with a problem */

  GArray     *all_columns; /* SdMatrixColumn, every party */
  GPtrArray  *column_refs; /* keeps the party items alive while the store changes */
  gint64     *column_keys; /* id * 4 + kind, the keys of column_index */
  GHashTable *column_index;/* gint64 * → all_columns index + 1 */
  GArray     *all_groups;  /* SdMatrixGroup, of all_columns */

  /* What the filter leaves: the functions of the header count these. */
  GArray     *columns;     /* SdMatrixColumn, group counts in groups */
  GArray     *groups;      /* SdMatrixGroup, titles borrowed from all_groups */
  GArray     *column_shown;/* guint per all_columns: its index in columns, or G_MAXUINT */
  GArray     *shown_cells; /* SdMatrixCell in shown columns, when columns are filtered */
  gboolean    columns_filtered;

  char       *query;
  char      **words;       /* the case-folded query, split */
  guint       n_words;
  /* While searching, which word is found where: per word of each column of
   * all_columns, and of each area. A duty matches a word found in its
   * area or in a party it has a cell for; no duty keeps those names. */
  guint8     *column_words;
  guint8     *area_words;
  SdMatrixFilter filter;   /* area owned */
  GArray     *rows;        /* guint, see AREA_ROW */
  GPtrArray  *shown;       /* SdDuty (borrowed), the list model's items */
};

static void sd_duty_matrix_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SdDutyMatrix, sd_duty_matrix, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      sd_duty_matrix_list_model_init))

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Roles */

const char *
sd_role_mask_to_string (guint roles)
{
  static const char *const strings[16] = {
    "", "R", "A", "RA", "C", "RC", "AC", "RAC",
    "I", "RI", "AI", "RAI", "CI", "RCI", "ACI", "RACI",
  };

  return strings[roles & 0xf];
}

guint
sd_role_mask_from_code (const char *code)
{
  if (code == NULL)
    return 0;
  switch (code[0])
    {
    case 'R': return SD_ROLE_R;
    case 'A': return SD_ROLE_A;
    case 'C': return SD_ROLE_C;
    case 'I': return SD_ROLE_I;
    default: return 0;
    }
}

/* Building */

static void
area_free (gpointer data)
{
  Area *area = data;

  g_free (area->name);
  g_array_unref (area->duties);
  g_free (area);
}

static void
duty_entry_clear (gpointer data)
{
  DutyEntry *entry = data;

  g_clear_object (&entry->duty);
  g_clear_pointer (&entry->folded, g_free);
}

static void
group_clear (gpointer data)
{
  SdMatrixGroup *group = data;

  g_clear_pointer (&group->title, g_free);
}

static gint64
party_key (SdPartyKind kind,
           gint64      id)
{
  return id * 4 + kind;
}

static void
add_group (SdDutyMatrix *self,
           const char   *title)
{
  SdMatrixGroup group = { g_strdup (title), self->all_columns->len, 0 };

  g_array_append_val (self->all_groups, group);
}

static void
add_column (SdDutyMatrix *self,
            SdPartyKind   kind,
            gpointer      item)
{
  guint last = self->all_groups->len - 1;
  SdMatrixGroup *group = &g_array_index (self->all_groups, SdMatrixGroup, last);
  SdMatrixColumn column = { kind, sd_item_get_id (item), item, last };

  g_array_append_val (self->all_columns, column);
  g_ptr_array_add (self->column_refs, g_object_ref (item));
  group->n_columns++;
}

/* Units depth first, each followed by its posts, so that the columns of a
 * department sit beside those of its sections. */
static void
add_unit_columns (SdDutyMatrix *self,
                  SdUnit       *unit,
                  GHashTable   *children,
                  GHashTable   *posts_by_unit,
                  GHashTable   *visited)
{
  gint64 id = sd_item_get_id (SD_ITEM (unit));
  GPtrArray *posts = g_hash_table_lookup (posts_by_unit, &id);
  GPtrArray *kids = g_hash_table_lookup (children, &id);

  /* A cycle in the parent links must not loop forever. */
  if (!g_hash_table_add (visited, unit))
    return;

  add_group (self, sd_unit_get_name (unit));
  add_column (self, SD_PARTY_UNIT, unit);
  for (guint i = 0; posts != NULL && i < posts->len; i++)
    add_column (self, SD_PARTY_POST, g_ptr_array_index (posts, i));

  for (guint i = 0; kids != NULL && i < kids->len; i++)
    add_unit_columns (self, g_ptr_array_index (kids, i), children, posts_by_unit, visited);
}

static void
append_to_bucket (GHashTable *buckets,
                  gint64     *key,
                  gpointer    item)
{
  GPtrArray *list = g_hash_table_lookup (buckets, key);

  /* The table owns the key of a new bucket; an existing bucket already has one. */
  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (buckets, key, list);
    }
  else
    g_free (key);
  g_ptr_array_add (list, item);
}

static void
build_columns (SdDutyMatrix *self)
{
  GListModel *bodies = sd_store_get_items (self->store, SD_TYPE_BODY);
  GListModel *units = sd_store_get_items (self->store, SD_TYPE_UNIT);
  GListModel *posts = sd_store_get_items (self->store, SD_TYPE_POST);
  guint n_bodies = g_list_model_get_n_items (bodies);
  guint n_units = g_list_model_get_n_items (units);
  guint n_posts = g_list_model_get_n_items (posts);
  g_autoptr(GHashTable) children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) posts_by_unit = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                               g_free,
                                                               (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) visited = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  g_autoptr(GPtrArray) loose_posts = g_ptr_array_new ();

  if (n_bodies > 0)
    {
      add_group (self, _("Security bodies"));
      for (guint i = 0; i < n_bodies; i++)
        {
          g_autoptr(SdBody) body = g_list_model_get_item (bodies, i);

          add_column (self, SD_PARTY_BODY, body);
        }
    }

  for (guint i = 0; i < n_units; i++)
    {
      g_autoptr(SdUnit) unit = g_list_model_get_item (units, i);
      gint64 parent_id = sd_unit_get_parent_id (unit);

      if (parent_id != 0 && sd_store_lookup (self->store, SD_TYPE_UNIT, parent_id) != NULL)
        append_to_bucket (children, g_memdup2 (&parent_id, sizeof parent_id), unit);
      else
        g_ptr_array_add (roots, unit);
    }

  for (guint i = 0; i < n_posts; i++)
    {
      g_autoptr(SdPost) post = g_list_model_get_item (posts, i);
      gint64 unit_id = sd_post_get_unit_id (post);

      if (unit_id != 0 && sd_store_lookup (self->store, SD_TYPE_UNIT, unit_id) != NULL)
        append_to_bucket (posts_by_unit, g_memdup2 (&unit_id, sizeof unit_id), post);
      else
        g_ptr_array_add (loose_posts, post);
    }

  if (loose_posts->len > 0)
    {
      add_group (self, _("Organisation-wide posts"));
      for (guint i = 0; i < loose_posts->len; i++)
        add_column (self, SD_PARTY_POST, g_ptr_array_index (loose_posts, i));
    }

  for (guint i = 0; i < roots->len; i++)
    add_unit_columns (self, g_ptr_array_index (roots, i), children, posts_by_unit, visited);

  self->column_keys = g_new (gint64, MAX (self->all_columns->len, 1));
  for (guint i = 0; i < self->all_columns->len; i++)
    {
      SdMatrixColumn *column = &g_array_index (self->all_columns, SdMatrixColumn, i);

      self->column_keys[i] = party_key (column->kind, column->id);
      g_hash_table_insert (self->column_index, &self->column_keys[i], GUINT_TO_POINTER (i + 1));
    }
}

/* Grid order: by position, then by id. The store's list is in the order
 * rows were read or added, which a move or an insertion in the middle
 * does not follow. */
/* A duty and what the grid orders it by, read once rather than at each
 * comparison of the sort. */
typedef struct
{
  int     position;
  gint64  id;
  SdDuty *duty;
} DutyKey;

static int
compare_duty_keys (gconstpointer a,
                   gconstpointer b)
{
  const DutyKey *x = a, *y = b;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static void
build_duties (SdDutyMatrix *self)
{
  GListModel *duties = sd_store_get_items (self->store, SD_TYPE_DUTY);
  guint n = g_list_model_get_n_items (duties);
  g_autoptr(GHashTable) area_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (DutyKey), n);
  gboolean in_order = TRUE;

  for (guint i = 0; i < n; i++)
    {
      DutyKey key;

      key.duty = g_list_model_get_item (duties, i);
      key.position = sd_duty_get_position (key.duty);
      key.id = sd_item_get_id (SD_ITEM (key.duty));
      if (i > 0 && compare_duty_keys (&g_array_index (sorted, DutyKey, i - 1), &key) > 0)
        in_order = FALSE;
      g_array_append_val (sorted, key);
    }
  /* The store reads them in this order; only edits since upset it. */
  if (!in_order)
    g_array_sort (sorted, compare_duty_keys);

  g_array_set_size (self->duties, n);
  for (guint i = 0; i < n; i++)
    {
      DutyEntry *entry = &g_array_index (self->duties, DutyEntry, i);
      DutyKey *key = &g_array_index (sorted, DutyKey, i);
      const char *name;
      gpointer value;
      Area *area;

      entry->duty = key->duty;   /* the reference moves here */
      entry->id = key->id;
      entry->position = key->position;
      entry->row = G_MAXUINT;
      name = sd_duty_get_area (entry->duty);
      if (name == NULL || name[0] == '\0')
        name = _("Other duties");

      if (g_hash_table_lookup_extended (area_index, name, NULL, &value))
        {
          entry->area = GPOINTER_TO_UINT (value);
          area = g_ptr_array_index (self->areas, entry->area);
        }
      else
        {
          area = g_new0 (Area, 1);
          area->name = g_strdup (name);
          area->duties = g_array_new (FALSE, FALSE, sizeof (guint));
          entry->area = self->areas->len;
          g_ptr_array_add (self->areas, area);
          g_hash_table_insert (area_index, area->name, GUINT_TO_POINTER (entry->area));
        }
      g_array_append_val (area->duties, i);
    }

  /* Only now: the array does not move any more. */
  for (guint i = 0; i < n; i++)
    {
      DutyEntry *entry = &g_array_index (self->duties, DutyEntry, i);

      g_hash_table_insert (self->duty_index, &entry->id, GUINT_TO_POINTER (i + 1));
    }
}

typedef struct
{
  guint duty;
  SdMatrixCell cell;
} PendingCell;

static guint
lookup_column (SdDutyMatrix *self,
               SdPartyKind   kind,
               gint64        id)
{
  gint64 key = party_key (kind, id);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->column_index, &key));
}

/* The cell of one assignment, if its duty and party are in the grid. */
static void
add_pending (SdDutyMatrix *self,
             GArray       *pending,
             gint64        duty_id,
             gint64        post_id,
             gint64        unit_id,
             gint64        body_id,
             const char   *role)
{
  guint duty = GPOINTER_TO_UINT (g_hash_table_lookup (self->duty_index, &duty_id));
  guint column = 0;
  PendingCell cell;

  if (duty == 0)
    return;
  if (post_id != 0)
    column = lookup_column (self, SD_PARTY_POST, post_id);
  else if (unit_id != 0)
    column = lookup_column (self, SD_PARTY_UNIT, unit_id);
  else if (body_id != 0)
    column = lookup_column (self, SD_PARTY_BODY, body_id);
  if (column == 0)
    return;

  cell.duty = duty - 1;
  cell.cell.column = column - 1;
  cell.cell.roles = sd_role_mask_from_code (role);
  g_array_append_val (pending, cell);
}

typedef struct
{
  SdDutyMatrix *self;
  GArray       *pending;
} RowReader;

static void
read_row_cb (const SdAssignmentRow *row,
             gpointer               user_data)
{
  RowReader *reader = user_data;

  add_pending (reader->self, reader->pending, row->duty_id, row->post_id, row->unit_id,
               row->body_id, row->role);
}

/* The cells in grid order, by duty and then by column: a counting sort by
 * duty and an insertion sort of each duty's few cells, linear where
 * sorting them all would not be. */
static GArray *
sort_pending (SdDutyMatrix *self,
              GArray       *pending)
{
  guint n_duties = self->duties->len;
  g_autofree guint *starts = g_new0 (guint, n_duties + 1);
  GArray *sorted = g_array_sized_new (FALSE, FALSE, sizeof (PendingCell), pending->len);
  PendingCell *out;

  for (guint i = 0; i < pending->len; i++)
    starts[g_array_index (pending, PendingCell, i).duty + 1]++;
  for (guint d = 0; d < n_duties; d++)
    starts[d + 1] += starts[d];

  g_array_set_size (sorted, pending->len);
  out = (PendingCell *) (gpointer) sorted->data;
  for (guint i = 0; i < pending->len; i++)
    {
      PendingCell *p = &g_array_index (pending, PendingCell, i);

      out[starts[p->duty]++] = *p;
    }

  /* Each duty's cells now end at starts[duty]. */
  for (guint d = 0, first = 0; d < n_duties; first = starts[d], d++)
    for (guint i = first + 1; i < starts[d]; i++)
      {
        PendingCell cell = out[i];
        guint j = i;

        for (; j > first && out[j - 1].cell.column > cell.cell.column; j--)
          out[j] = out[j - 1];
        out[j] = cell;
      }
  return sorted;
}

static void
build_cells (SdDutyMatrix *self)
{
  GListModel *assignments = sd_store_peek_items (self->store, SD_TYPE_ASSIGNMENT);
  guint n = g_list_model_get_n_items (assignments);
  g_autoptr(GArray) pending = g_array_sized_new (FALSE, FALSE, sizeof (PendingCell), n);
  g_autoptr(GArray) sorted = NULL;

  /* Before anything has read the assignments' items (when the window
   * opens): their rows straight from the file, rather than an object for
   * each before the first frame. When the items are read (the sign-off
   * summary wants them once the window is shown), the list's change builds
   * the grid again from them. */
  self->cells_from_rows = n == 0;
  if (n == 0)
    {
      RowReader reader = { self, pending };
      g_autoptr(GError) error = NULL;

      if (!sd_store_read_assignments (self->store, read_row_cb, &reader, &error))
        {
          self->cells_from_rows = FALSE;
          /* The store tells of the damage when it reads the items. */
          g_debug ("Could not read the assignments: %s", error->message);
          g_array_set_size (pending, 0);
          assignments = sd_store_get_items (self->store, SD_TYPE_ASSIGNMENT);
          n = g_list_model_get_n_items (assignments);
        }
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdAssignment) assignment = g_list_model_get_item (assignments, i);

      add_pending (self, pending, sd_assignment_get_duty_id (assignment),
                   sd_assignment_get_post_id (assignment),
                   sd_assignment_get_unit_id (assignment),
                   sd_assignment_get_body_id (assignment),
                   sd_assignment_get_role (assignment));
    }

  sorted = sort_pending (self, pending);

  /* Pack row after row; two assignments of one party to one duty share a cell. */
  for (guint i = 0; i < sorted->len; i++)
    {
      PendingCell *p = &g_array_index (sorted, PendingCell, i);
      DutyEntry *entry = &g_array_index (self->duties, DutyEntry, p->duty);

      if (entry->n_cells == 0)
        entry->first_cell = self->cells->len;
      else
        {
          SdMatrixCell *last = &g_array_index (self->cells, SdMatrixCell, self->cells->len - 1);

          if (last->column == p->cell.column)
            {
              last->roles |= p->cell.roles;
              continue;
            }
        }
      g_array_append_val (self->cells, p->cell);
      entry->n_cells++;
    }

  /* Problems from all the cells of a duty, whatever the filter shows. */
  self->n_problems = 0;
  for (guint i = 0; i < self->duties->len; i++)
    {
      DutyEntry *entry = &g_array_index (self->duties, DutyEntry, i);
      const SdMatrixCell *cells = entry->n_cells > 0
                                  ? &g_array_index (self->cells, SdMatrixCell, entry->first_cell)
                                  : NULL;

      entry->problems = sd_duty_problems_for_cells (cells, entry->n_cells);
      if (entry->problems != 0)
        self->n_problems++;
    }
}

/* Filtering */

static const char *
column_name (SdDutyMatrix         *self,
             const SdMatrixColumn *column)
{
  switch (column->kind)
    {
    case SD_PARTY_BODY:
      return sd_body_get_name (column->item);
    case SD_PARTY_UNIT:
      return sd_unit_get_name (column->item);
    case SD_PARTY_POST:
      return sd_post_get_name (column->item);
    default:
      g_assert_not_reached ();
    }
}

static void
append_field (GString    *out,
              const char *text)
{
  if (text != NULL)
    g_string_append (out, text);
  g_string_append_c (out, '\n');
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

/* Whether case folding leaves @text as it is. */
static gboolean
folds_to_itself (const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return TRUE;
  folded = g_utf8_casefold (text, -1);
  return strcmp (folded, text) == 0;
}

/* Whether the case-folded @text holds @word (case-folded) when @text is
 * ASCII: then folding only lowers its letters, and a word with any other
 * character cannot be in it. */
static gboolean
ascii_contains_folded (const char *text,
                       const char *word)
{
  gsize length = strlen (word);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_strncasecmp (p, word, length) == 0)
      return TRUE;
  return length == 0;
}

static void
ensure_search_text (DutyEntry *entry)
{
  const char *code, *text, *source;
  g_autoptr(GString) joined = NULL;

  if (entry->search != SEARCH_UNKNOWN)
    return;

  code = sd_duty_get_code (entry->duty);
  text = sd_duty_get_text (entry->duty);
  source = sd_duty_get_source (entry->duty);
  if (folds_to_itself (text) && folds_to_itself (source)
      && (code == NULL || is_ascii (code) || folds_to_itself (code)))
    {
      entry->search = SEARCH_RAW;
      return;
    }

  joined = g_string_new (NULL);
  append_field (joined, code);
  append_field (joined, text);
  append_field (joined, source);
  entry->folded = g_utf8_casefold (joined->str, joined->len);
  entry->search = SEARCH_FOLDED;
}

/* Whether the duty's code, text or source, case-folded, holds @word. */
static gboolean
duty_text_contains (DutyEntry  *entry,
                    const char *word)
{
  const char *text, *source, *code;

  ensure_search_text (entry);
  if (entry->search == SEARCH_FOLDED)
    return strstr (entry->folded, word) != NULL;

  text = sd_duty_get_text (entry->duty);
  source = sd_duty_get_source (entry->duty);
  code = sd_duty_get_code (entry->duty);
  return (text != NULL && strstr (text, word) != NULL)
         || (source != NULL && strstr (source, word) != NULL)
         || (code != NULL && (is_ascii (code) ? ascii_contains_folded (code, word)
                                              : strstr (code, word) != NULL));
}

/* Which words each column's name and each area's name hold, for
 * entry_matches(). Names are few; folding them at each search is cheap. */
static void
find_words_in_names (SdDutyMatrix *self)
{
  guint n = self->n_words;

  g_clear_pointer (&self->column_words, g_free);
  g_clear_pointer (&self->area_words, g_free);
  if (self->words == NULL)
    return;

  self->column_words = g_new0 (guint8, MAX (self->all_columns->len * n, 1));
  for (guint c = 0; c < self->all_columns->len; c++)
    {
      const char *name = column_name (self, &g_array_index (self->all_columns,
                                                            SdMatrixColumn, c));
      g_autofree char *folded = g_utf8_casefold (name != NULL ? name : "", -1);

      for (guint w = 0; w < n; w++)
        self->column_words[c * n + w] = strstr (folded, self->words[w]) != NULL;
    }

  self->area_words = g_new0 (guint8, MAX (self->areas->len * n, 1));
  for (guint a = 0; a < self->areas->len; a++)
    {
      Area *area = g_ptr_array_index (self->areas, a);
      g_autofree char *folded = g_utf8_casefold (area->name, -1);

      for (guint w = 0; w < n; w++)
        self->area_words[a * n + w] = strstr (folded, self->words[w]) != NULL;
    }
}

/* The cells of a duty in shown columns, numbered as shown. */
static const SdMatrixCell *
entry_shown_cells (SdDutyMatrix *self,
                   DutyEntry    *entry,
                   guint        *n_cells)
{
  GArray *cells = self->columns_filtered ? self->shown_cells : self->cells;
  guint first = self->columns_filtered ? entry->shown_first : entry->first_cell;

  *n_cells = self->columns_filtered ? entry->shown_n : entry->n_cells;
  return *n_cells > 0 ? &g_array_index (cells, SdMatrixCell, first) : NULL;
}

static gboolean
column_passes (SdDutyMatrix         *self,
               const SdMatrixColumn *column)
{
  const SdMatrixFilter *filter = &self->filter;

  if (filter->party_id != 0
      && (column->kind != filter->party_kind || column->id != filter->party_id))
    return FALSE;
  if (filter->unit_id != 0)
    {
      if (column->kind == SD_PARTY_UNIT)
        return column->id == filter->unit_id;
      if (column->kind == SD_PARTY_POST)
        return sd_post_get_unit_id (column->item) == filter->unit_id;
      return FALSE;
    }
  return TRUE;
}

/* The shown columns and groups, and each duty's cells in them. Linear in
 * the cells; no store access, so that a filter is quick to change. */
static void
build_shown_columns (SdDutyMatrix *self)
{
  guint last_group = G_MAXUINT;

  g_array_set_size (self->columns, 0);
  g_array_set_size (self->groups, 0);
  g_array_set_size (self->column_shown, self->all_columns->len);
  g_array_set_size (self->shown_cells, 0);

  for (guint i = 0; i < self->all_columns->len; i++)
    {
      SdMatrixColumn column = g_array_index (self->all_columns, SdMatrixColumn, i);

      if (!column_passes (self, &column))
        {
          g_array_index (self->column_shown, guint, i) = G_MAXUINT;
          continue;
        }

      /* A group shows with the columns of it that are left. */
      if (column.group != last_group)
        {
          const SdMatrixGroup *all = &g_array_index (self->all_groups, SdMatrixGroup,
                                                     column.group);
          SdMatrixGroup group = { all->title, self->columns->len, 0 };

          last_group = column.group;
          g_array_append_val (self->groups, group);
        }
      g_array_index (self->groups, SdMatrixGroup, self->groups->len - 1).n_columns++;
      column.group = self->groups->len - 1;
      g_array_index (self->column_shown, guint, i) = self->columns->len;
      g_array_append_val (self->columns, column);
    }

  self->columns_filtered = self->columns->len < self->all_columns->len;
  if (!self->columns_filtered)
    return;

  for (guint i = 0; i < self->duties->len; i++)
    {
      DutyEntry *entry = &g_array_index (self->duties, DutyEntry, i);

      entry->shown_first = self->shown_cells->len;
      entry->shown_n = 0;
      for (guint c = 0; c < entry->n_cells; c++)
        {
          SdMatrixCell cell = g_array_index (self->cells, SdMatrixCell, entry->first_cell + c);
          guint shown = g_array_index (self->column_shown, guint, cell.column);

          if (shown == G_MAXUINT)
            continue;
          cell.column = shown;
          g_array_append_val (self->shown_cells, cell);
          entry->shown_n++;
        }
    }
}

static gboolean
entry_passes_filter (SdDutyMatrix *self,
                     DutyEntry    *entry)
{
  const SdMatrixFilter *filter = &self->filter;

  if (filter->only_problems && entry->problems == 0)
    return FALSE;
  if (filter->roles != 0)
    {
      const SdMatrixCell *cells;
      guint n_cells;
      gboolean found = FALSE;

      cells = entry_shown_cells (self, entry, &n_cells);
      for (guint i = 0; i < n_cells && !found; i++)
        found = (cells[i].roles & filter->roles) != 0;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* Each word of the query, case-folded, in the duty's code, text, area or
 * source, or in the name of a party it has a cell for (shown or not). */
static gboolean
entry_matches (SdDutyMatrix *self,
               DutyEntry    *entry)
{
  guint n = self->n_words;

  if (!entry_passes_filter (self, entry))
    return FALSE;
  if (self->words == NULL)
    return TRUE;

  for (guint w = 0; w < n; w++)
    {
      gboolean found = self->area_words[entry->area * n + w]
                       || duty_text_contains (entry, self->words[w]);

      for (guint c = 0; c < entry->n_cells && !found; c++)
        {
          const SdMatrixCell *cell = &g_array_index (self->cells, SdMatrixCell,
                                                     entry->first_cell + c);

          found = self->column_words[cell->column * n + w];
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static void
build_rows (SdDutyMatrix *self)
{
  g_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->shown, 0);
  find_words_in_names (self);

  for (guint a = 0; a < self->areas->len; a++)
    {
      Area *area = g_ptr_array_index (self->areas, a);
      guint header = self->rows->len;
      guint header_value = a | AREA_ROW;

      area->n_shown = 0;
      if (self->filter.area != NULL && g_strcmp0 (self->filter.area, area->name) != 0)
        {
          for (guint i = 0; i < area->duties->len; i++)
            g_array_index (self->duties, DutyEntry,
                           g_array_index (area->duties, guint, i)).row = G_MAXUINT;
          continue;
        }
      g_array_append_val (self->rows, header_value);
      for (guint i = 0; i < area->duties->len; i++)
        {
          guint index = g_array_index (area->duties, guint, i);
          DutyEntry *entry = &g_array_index (self->duties, DutyEntry, index);

          if (!entry_matches (self, entry))
            {
              entry->row = G_MAXUINT;
              continue;
            }
          entry->row = self->rows->len;
          g_array_append_val (self->rows, index);
          g_ptr_array_add (self->shown, entry->duty);
          area->n_shown++;
        }
      /* An area with nothing to show has no header either. */
      if (area->n_shown == 0)
        g_array_set_size (self->rows, header);
    }
}

static void
clear_built (SdDutyMatrix *self)
{
  g_hash_table_remove_all (self->duty_index);
  g_hash_table_remove_all (self->column_index);
  g_array_set_size (self->duties, 0);
  g_ptr_array_set_size (self->areas, 0);
  g_array_set_size (self->cells, 0);
  g_array_set_size (self->columns, 0);
  g_array_set_size (self->groups, 0);
  g_array_set_size (self->column_shown, 0);
  g_array_set_size (self->shown_cells, 0);
  self->columns_filtered = FALSE;
  self->n_problems = 0;
  g_array_set_size (self->all_columns, 0);
  g_ptr_array_set_size (self->column_refs, 0);
  g_array_set_size (self->all_groups, 0);
  g_clear_pointer (&self->column_keys, g_free);
}

static void
rebuild (SdDutyMatrix *self)
{
  guint n_before = self->shown->len;

  /* The list model's old items stay valid until the signal below. */
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->shown->len; i++)
    g_ptr_array_add (keep, g_object_ref (g_ptr_array_index (self->shown, i)));

  clear_built (self);
  build_columns (self);
  build_duties (self);
  build_cells (self);
  build_shown_columns (self);
  build_rows (self);
  self->dirty = FALSE;

  g_list_model_items_changed (G_LIST_MODEL (self), 0, n_before, self->shown->len);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  SdDutyMatrix *self = user_data;

  self->rebuild_id = 0;
  if (self->dirty)
    rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
source_changed_cb (SdDutyMatrix *self)
{
  /* An import changes thousands of rows one by one: build once, before the
   * next frame is drawn. */
  self->dirty = TRUE;
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_idle_cb, self, NULL);
}


/* The first read of the assignments' items brings exactly the rows that
 * build_cells() read from the file: an edit of an assignment, or of what
 * cascades into them, reads the items before it writes. Building the grid
 * again from them would only hold up the window (160 ms on a huge file). */
static void
assignments_changed_cb (GListModel   *assignments,
                        guint         position,
                        guint         removed,
                        guint         added,
                        SdDutyMatrix *self)
{
  if (self->cells_from_rows && removed == 0
      && added == g_list_model_get_n_items (assignments))
    {
      self->cells_from_rows = FALSE;
      return;
    }
  source_changed_cb (self);
}

/* A duty edited in place (its text, code or source) needs no rebuild: only
 * its search text is stale, and the shown rows if a search is on. */
static gboolean
update_duty_in_place (SdDutyMatrix *self,
                      GListModel   *duties,
                      guint         position)
{
  g_autoptr(SdDuty) duty = g_list_model_get_item (duties, position);
  gint64 duty_id;
  guint index;
  DutyEntry *entry;
  const char *area;
  Area *old_area;

  if (duty == NULL || self->dirty)
    return FALSE;
  duty_id = sd_item_get_id (SD_ITEM (duty));
  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->duty_index, &duty_id));
  if (index == 0)
    return FALSE;
  entry = &g_array_index (self->duties, DutyEntry, index - 1);
  if (entry->duty != duty || entry->position != sd_duty_get_position (duty))
    return FALSE;

  area = sd_duty_get_area (duty);
  if (area == NULL || area[0] == '\0')
    area = _("Other duties");
  old_area = g_ptr_array_index (self->areas, entry->area);
  if (g_strcmp0 (old_area->name, area) != 0)
    return FALSE;

  g_clear_pointer (&entry->folded, g_free);
  entry->search = SEARCH_UNKNOWN;
  if (self->words != NULL)
    {
      guint n_before = self->shown->len;

      build_rows (self);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n_before, self->shown->len);
    }
  else if (entry->row != G_MAXUINT)
    {
      guint shown_position = 0;

      /* Its place in the list model: count the duties before its row. */
      for (guint row = 0; row < entry->row; row++)
        if (!(g_array_index (self->rows, guint, row) & AREA_ROW))
          shown_position++;
      g_list_model_items_changed (G_LIST_MODEL (self), shown_position, 1, 1);
    }
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static void
duties_changed_cb (GListModel   *duties,
                   guint         position,
                   guint         removed,
                   guint         added,
                   SdDutyMatrix *self)
{
  if (removed == 1 && added == 1 && update_duty_in_place (self, duties, position))
    return;
  source_changed_cb (self);
}

/* GListModel */

static GType
sd_duty_matrix_get_item_type (GListModel *model)
{
  return SD_TYPE_DUTY;
}

static guint
sd_duty_matrix_get_n_items (GListModel *model)
{
  return SD_DUTY_MATRIX (model)->shown->len;
}

static gpointer
sd_duty_matrix_get_item (GListModel *model,
                         guint       position)
{
  SdDutyMatrix *self = SD_DUTY_MATRIX (model);

  if (position >= self->shown->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->shown, position));
}

static void
sd_duty_matrix_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sd_duty_matrix_get_item_type;
  iface->get_n_items = sd_duty_matrix_get_n_items;
  iface->get_item = sd_duty_matrix_get_item;
}

/* Object */

static void
sd_duty_matrix_dispose (GObject *object)
{
  SdDutyMatrix *self = SD_DUTY_MATRIX (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (self->sources); i++)
    {
      if (self->sources[i] != NULL)
        g_signal_handlers_disconnect_by_data (self->sources[i], self);
      g_clear_object (&self->sources[i]);
    }
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_duty_matrix_parent_class)->dispose (object);
}

static void
sd_duty_matrix_finalize (GObject *object)
{
  SdDutyMatrix *self = SD_DUTY_MATRIX (object);

  clear_built (self);
  g_clear_pointer (&self->duty_index, g_hash_table_unref);
  g_clear_pointer (&self->column_index, g_hash_table_unref);
  g_clear_pointer (&self->duties, g_array_unref);
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_array_unref);
  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->groups, g_array_unref);
  g_clear_pointer (&self->column_shown, g_array_unref);
  g_clear_pointer (&self->shown_cells, g_array_unref);
  g_clear_pointer (&self->all_columns, g_array_unref);
  g_clear_pointer (&self->column_refs, g_ptr_array_unref);
  g_clear_pointer (&self->all_groups, g_array_unref);
  g_clear_pointer ((char **) &self->filter.area, g_free);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->words, g_strfreev);
  g_clear_pointer (&self->column_words, g_free);
  g_clear_pointer (&self->area_words, g_free);

  G_OBJECT_CLASS (sd_duty_matrix_parent_class)->finalize (object);
}

static void
sd_duty_matrix_class_init (SdDutyMatrixClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sd_duty_matrix_dispose;
  object_class->finalize = sd_duty_matrix_finalize;

  /* The rows, columns or cells changed; everything shown must be redrawn. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sd_duty_matrix_init (SdDutyMatrix *self)
{
  self->duties = g_array_new (FALSE, TRUE, sizeof (DutyEntry));
  g_array_set_clear_func (self->duties, duty_entry_clear);
  self->areas = g_ptr_array_new_with_free_func (area_free);
  self->duty_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->cells = g_array_new (FALSE, FALSE, sizeof (SdMatrixCell));
  self->all_columns = g_array_new (FALSE, FALSE, sizeof (SdMatrixColumn));
  self->column_refs = g_ptr_array_new_with_free_func (g_object_unref);
  self->column_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->all_groups = g_array_new (FALSE, FALSE, sizeof (SdMatrixGroup));
  g_array_set_clear_func (self->all_groups, group_clear);
  self->columns = g_array_new (FALSE, FALSE, sizeof (SdMatrixColumn));
  self->groups = g_array_new (FALSE, FALSE, sizeof (SdMatrixGroup));
  self->column_shown = g_array_new (FALSE, FALSE, sizeof (guint));
  self->shown_cells = g_array_new (FALSE, FALSE, sizeof (SdMatrixCell));
  self->rows = g_array_new (FALSE, FALSE, sizeof (guint));
  self->shown = g_ptr_array_new ();
  self->query = g_strdup ("");
}

SdDutyMatrix *
sd_duty_matrix_new (SdStore *store)
{
  SdDutyMatrix *self;
  GType types[5] = {
    SD_TYPE_DUTY, SD_TYPE_ASSIGNMENT, SD_TYPE_POST, SD_TYPE_UNIT, SD_TYPE_BODY,
  };

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  self = g_object_new (SD_TYPE_DUTY_MATRIX, NULL);
  self->store = g_object_ref (store);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      /* The assignments are read when the grid is built (build_cells()). */
      self->sources[i] = g_object_ref (types[i] == SD_TYPE_ASSIGNMENT
                                       ? sd_store_peek_items (store, types[i])
                                       : sd_store_get_items (store, types[i]));
      if (types[i] == SD_TYPE_DUTY)
        g_signal_connect (self->sources[i], "items-changed",
                          G_CALLBACK (duties_changed_cb), self);
      else if (types[i] == SD_TYPE_ASSIGNMENT)
        g_signal_connect (self->sources[i], "items-changed",
                          G_CALLBACK (assignments_changed_cb), self);
      else
        g_signal_connect_swapped (self->sources[i], "items-changed",
                                  G_CALLBACK (source_changed_cb), self);
    }
  rebuild (self);
  return self;
}

void
sd_duty_matrix_flush (SdDutyMatrix *self)
{
  g_return_if_fail (SD_IS_DUTY_MATRIX (self));

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->dirty)
    rebuild (self);
}

void
sd_duty_matrix_set_query (SdDutyMatrix *self,
                          const char   *query)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *spaced = NULL;
  g_autoptr(GPtrArray) words = NULL;
  guint n_before;

  g_return_if_fail (SD_IS_DUTY_MATRIX (self));

  if (query == NULL)
    query = "";
  if (g_strcmp0 (self->query, query) == 0)
    return;

  g_free (self->query);
  self->query = g_strdup (query);
  g_clear_pointer (&self->words, g_strfreev);

  /* The ideographic space separates words as well; g_strsplit_set() splits
   * on single bytes, so it becomes an ASCII space first. */
  spaced = g_strjoinv (" ", (parts = g_strsplit (query, "\u3000", -1)));
  g_clear_pointer (&parts, g_strfreev);
  parts = g_strsplit_set (spaced, " \t\n", -1);
  words = g_ptr_array_new ();
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] != '\0')
        g_ptr_array_add (words, g_utf8_casefold (parts[i], -1));
    }
  self->n_words = words->len;
  if (words->len > 0)
    {
      g_ptr_array_add (words, NULL);
      self->words = (char **) g_ptr_array_free (g_steal_pointer (&words), FALSE);
    }

  n_before = self->shown->len;
  build_rows (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n_before, self->shown->len);
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
sd_duty_matrix_get_query (SdDutyMatrix *self)
{
  g_return_val_if_fail (SD_IS_DUTY_MATRIX (self), NULL);

  return self->query != NULL ? self->query : "";
}

static DutyEntry *row_entry (SdDutyMatrix *self,
                             guint         row);

static gboolean
filter_equal (const SdMatrixFilter *a,
              const SdMatrixFilter *b)
{
  return a->unit_id == b->unit_id
         && a->party_id == b->party_id
         && (a->party_id == 0 || a->party_kind == b->party_kind)
         && g_strcmp0 (a->area, b->area) == 0
         && a->roles == b->roles
         && !a->only_problems == !b->only_problems;
}

void
sd_duty_matrix_set_filter (SdDutyMatrix         *self,
                           const SdMatrixFilter *filter)
{
  static const SdMatrixFilter none = { 0 };
  guint n_before;

  g_return_if_fail (SD_IS_DUTY_MATRIX (self));

  if (filter == NULL)
    filter = &none;
  if (filter_equal (&self->filter, filter))
    return;

  g_free ((char *) self->filter.area);
  self->filter = *filter;
  self->filter.area = g_strdup (filter->area);
  self->filter.roles &= SD_ROLE_R | SD_ROLE_A | SD_ROLE_C | SD_ROLE_I;

  /* Everything needed is in memory already: the store is not read again. */
  n_before = self->shown->len;
  build_shown_columns (self);
  build_rows (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n_before, self->shown->len);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
sd_duty_matrix_is_filtered (SdDutyMatrix *self)
{
  g_return_val_if_fail (SD_IS_DUTY_MATRIX (self), FALSE);

  return self->shown->len < self->duties->len || self->columns_filtered;
}

GStrv
sd_duty_matrix_dup_areas (SdDutyMatrix *self)
{
  GStrv areas;

  g_return_val_if_fail (SD_IS_DUTY_MATRIX (self), NULL);

  areas = g_new (char *, self->areas->len + 1);
  for (guint i = 0; i < self->areas->len; i++)
    areas[i] = g_strdup (((Area *) g_ptr_array_index (self->areas, i))->name);
  areas[self->areas->len] = NULL;
  return areas;
}

guint
sd_duty_matrix_get_row_problems (SdDutyMatrix *self,
                                 guint         row)
{
  DutyEntry *entry;

  g_return_val_if_fail (SD_IS_DUTY_MATRIX (self), 0);

  entry = row_entry (self, row);
  return entry != NULL ? entry->problems : 0;
}

guint
sd_duty_matrix_get_n_problems (SdDutyMatrix *self)
{
  g_return_val_if_fail (SD_IS_DUTY_MATRIX (self), 0);

  return self->n_problems;
}

guint
sd_duty_matrix_find_column (SdDutyMatrix *self,
                            SdPartyKind   kind,
                            gint64        party_id)
{
  guint column;

  g_return_val_if_fail (SD_IS_DUTY_MATRIX (self), G_MAXUINT);

  column = lookup_column (self, kind, party_id);
  if (column == 0)
    return G_MAXUINT;
  return g_array_index (self->column_shown, guint, column - 1);
}

guint
sd_duty_matrix_get_n_duties (SdDutyMatrix *self)
{
  g_return_val_if_fail (SD_IS_DUTY_MATRIX (self), 0);

  return self->duties->len;
}

guint
sd_duty_matrix_get_n_shown (SdDutyMatrix *self)
{
  g_return_val_if_fail (SD_IS_DUTY_MATRIX (self), 0);

  return self->shown->len;
}

guint
sd_duty_matrix_get_n_rows (SdDutyMatrix *self)
{
  g_return_val_if_fail (SD_IS_DUTY_MATRIX (self), 0);

  return self->rows->len;
}

static DutyEntry *
row_entry (SdDutyMatrix *self,
           guint         row)
{
  guint value;

  if (row >= self->rows->len)
    return NULL;
  value = g_array_index (self->rows, guint, row);
  if (value & AREA_ROW)
    return NULL;
  return &g_array_index (self->duties, DutyEntry, value);
}

SdDuty *
sd_duty_matrix_get_row_duty (SdDutyMatrix *self,
                             guint         row)
{
  DutyEntry *entry;

  g_return_val_if_fail (SD_IS_DUTY_MATRIX (self), NULL);

  entry = row_entry (self, row);
  return entry != NULL ? entry->duty : NULL;
}

static Area *
row_area (SdDutyMatrix *self,
          guint         row)
{
  guint value;

  if (row >= self->rows->len)
    return NULL;
  value = g_array_index (self->rows, guint, row);
  if (value & AREA_ROW)
    return g_ptr_array_index (self->areas, value & ~AREA_ROW);
  return g_ptr_array_index (self->areas, g_array_index (self->duties, DutyEntry, value).area);
}

const char *
sd_duty_matrix_get_row_area (SdDutyMatrix *self,
                             guint         row)
{
  Area *area;

  g_return_val_if_fail (SD_IS_DUTY_MATRIX (self), NULL);

  area = row_area (self, row);
  return area != NULL ? area->name : NULL;
}

guint
sd_duty_matrix_get_area_size (SdDutyMatrix *self,
                              guint         row)
{
  Area *area;

  g_return_val_if_fail (SD_IS_DUTY_MATRIX (self), 0);

  area = row_area (self, row);
  return area != NULL ? area->n_shown : 0;
}

const SdMatrixCell *
sd_duty_matrix_get_cells (SdDutyMatrix *self,
                          guint         row,
                          guint        *n_cells)
{
  DutyEntry *entry;

  g_return_val_if_fail (SD_IS_DUTY_MATRIX (self), NULL);
  g_return_val_if_fail (n_cells != NULL, NULL);

  entry = row_entry (self, row);
  if (entry == NULL)
    {
      *n_cells = 0;
      return NULL;
    }
  return entry_shown_cells (self, entry, n_cells);
}

guint
sd_duty_matrix_get_roles (SdDutyMatrix *self,
                          guint         row,
                          guint         column)
{
  const SdMatrixCell *cells;
  guint n_cells;

  cells = sd_duty_matrix_get_cells (self, row, &n_cells);
  for (guint i = 0; i < n_cells; i++)
    {
      if (cells[i].column == column)
        return cells[i].roles;
    }
  return 0;
}

guint
sd_duty_matrix_find_duty (SdDutyMatrix *self,
                          gint64        duty_id)
{
  guint index;

  g_return_val_if_fail (SD_IS_DUTY_MATRIX (self), G_MAXUINT);

  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->duty_index, &duty_id));
  if (index == 0)
    return G_MAXUINT;
  return g_array_index (self->duties, DutyEntry, index - 1).row;
}

guint
sd_duty_matrix_get_n_columns (SdDutyMatrix *self)
{
  g_return_val_if_fail (SD_IS_DUTY_MATRIX (self), 0);

  return self->columns->len;
}

const SdMatrixColumn *
sd_duty_matrix_get_column (SdDutyMatrix *self,
                           guint         column)
{
  g_return_val_if_fail (SD_IS_DUTY_MATRIX (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);

  return &g_array_index (self->columns, SdMatrixColumn, column);
}

const char *
sd_duty_matrix_get_column_name (SdDutyMatrix *self,
                                guint         column)
{
  g_return_val_if_fail (SD_IS_DUTY_MATRIX (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);

  return column_name (self, &g_array_index (self->columns, SdMatrixColumn, column));
}

guint
sd_duty_matrix_get_n_groups (SdDutyMatrix *self)
{
  g_return_val_if_fail (SD_IS_DUTY_MATRIX (self), 0);

  return self->groups->len;
}

const SdMatrixGroup *
sd_duty_matrix_get_group (SdDutyMatrix *self,
                          guint         group)
{
  g_return_val_if_fail (SD_IS_DUTY_MATRIX (self), NULL);
  g_return_val_if_fail (group < self->groups->len, NULL);

  return &g_array_index (self->groups, SdMatrixGroup, group);
}
