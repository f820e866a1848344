/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-plan-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "sd-color.h"
#include "sd-finding.h"
#include "sd-inspection.h"
#include "sd-labels.h"
#include "sd-org-chart.h"
#include "sd-person.h"
#include "sd-plan-render.h"
#include "sd-plan-stats.h"
#include "sd-plan-stream.h"
#include "sd-plan-task.h"
#include "sd-unit.h"

/* The timeline model of a plan. */

struct _SdTimelineData
{
  SdTimelineModel  model;
  GPtrArray       *names;    /* of char *, the streams' names */
  GArray          *bars;     /* of SdTimelineBar */
  GPtrArray       *titles;   /* of char *, what the bars' titles point to */
  GPtrArray       *tasks;    /* of SdPlanTask, one per bar */
};

typedef struct
{
  SdPlanTask *task;
  guint       group;         /* the stream's index; the last one is "Other" */
} TaskEntry;

static int
compare_streams (gconstpointer a,
                 gconstpointer b)
{
  SdPlanStream *sa = *(SdPlanStream **) a;
  SdPlanStream *sb = *(SdPlanStream **) b;
  int pa = sd_plan_stream_get_position (sa), pb = sd_plan_stream_get_position (sb);
  gint64 ia = sd_item_get_id (SD_ITEM (sa)), ib = sd_item_get_id (SD_ITEM (sb));

  if (pa != pb)
    return pa < pb ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

static int
compare_task_entries (gconstpointer a,
                      gconstpointer b)
{
  const TaskEntry *ea = a, *eb = b;
  int pa = sd_plan_task_get_position (ea->task), pb = sd_plan_task_get_position (eb->task);
  gint64 ia = sd_item_get_id (SD_ITEM (ea->task)), ib = sd_item_get_id (SD_ITEM (eb->task));

  if (ea->group != eb->group)
    return ea->group < eb->group ? -1 : 1;
  if (pa != pb)
    return pa < pb ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

static SdTimelineStatus
timeline_status (const char *status)
{
  if (g_strcmp0 (status, "in-progress") == 0)
    return SD_TIMELINE_IN_PROGRESS;
  if (g_strcmp0 (status, "done") == 0)
    return SD_TIMELINE_DONE;
  if (g_strcmp0 (status, "cancelled") == 0)
    return SD_TIMELINE_CANCELLED;
  return SD_TIMELINE_PLANNED;
}

/**
 * sd_timeline_data_new:
 * @store: the data
 * @plan: a plan of @store
 * @today: (nullable): the current date, which decides the late tasks and
 *   today's line; %NULL for now
 *
 * Collects the timeline of @plan: one bar per task, grouped by stream in
 * the streams' order, the tasks without a stream (or with another plan's)
 * last under "Other". The data keeps its own copies of the texts, so it
 * stays valid while the store changes; it is not updated with it.
 *
 * Returns: (transfer full): the data
 */
SdTimelineData *
sd_timeline_data_new (SdStore   *store,
                      SdPlan    *plan,
                      GDateTime *today)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GPtrArray) streams = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (TaskEntry));
  g_autofree gint64 *stream_ids = NULL;
  SdTimelineData *self;
  GListModel *items;
  gint64 plan_id;
  gboolean other = FALSE;
  int year;
  guint n;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_PLAN (plan), NULL);

  if (today == NULL)
    today = now = g_date_time_new_now_local ();

  plan_id = sd_item_get_id (SD_ITEM (plan));
  year = sd_plan_get_year (plan);

  items = sd_store_get_items (store, SD_TYPE_PLAN_STREAM);
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      SdPlanStream *stream = g_list_model_get_item (items, i);

      if (sd_plan_stream_get_plan_id (stream) == plan_id)
        g_ptr_array_add (streams, stream);
      else
        g_object_unref (stream);
    }
  g_ptr_array_sort (streams, compare_streams);

  self = g_new0 (SdTimelineData, 1);
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->bars = g_array_new (FALSE, TRUE, sizeof (SdTimelineBar));
  self->titles = g_ptr_array_new_with_free_func (g_free);
  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);

  /* Streams by id, to the index of each plus one; the keys point into
   * @stream_ids, which lives as long as the table. */
  stream_ids = g_new (gint64, MAX (streams->len, 1));
  for (guint i = 0; i < streams->len; i++)
    {
      SdPlanStream *stream = g_ptr_array_index (streams, i);

      g_ptr_array_add (self->names, g_strdup (sd_plan_stream_get_name (stream)));
      stream_ids[i] = sd_item_get_id (SD_ITEM (stream));
      g_hash_table_insert (by_id, &stream_ids[i], GUINT_TO_POINTER (i + 1));
    }

  items = sd_store_get_items (store, SD_TYPE_PLAN_TASK);
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPlanTask) task = g_list_model_get_item (items, i);
      TaskEntry entry;
      gint64 stream_id;
      guint found;

      if (sd_plan_task_get_plan_id (task) != plan_id)
        continue;

      stream_id = sd_plan_task_get_stream_id (task);
      found = GPOINTER_TO_UINT (g_hash_table_lookup (by_id, &stream_id));
      entry.group = found > 0 ? found - 1 : streams->len;
      other |= found == 0;
      entry.task = g_steal_pointer (&task);
      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_task_entries);

  if (other)
    g_ptr_array_add (self->names, g_strdup (C_("work stream", "Other")));

  for (guint i = 0; i < entries->len; i++)
    {
      TaskEntry *entry = &g_array_index (entries, TaskEntry, i);
      SdTimelineBar bar = { 0 };
      char *title = g_strdup (sd_plan_task_get_title (entry->task));

      g_ptr_array_add (self->titles, title);
      bar.title = title;
      bar.start_month = CLAMP (sd_plan_task_get_start_month (entry->task), 1, 12);
      bar.end_month = CLAMP (sd_plan_task_get_end_month (entry->task), bar.start_month, 12);
      bar.status = timeline_status (sd_plan_task_get_status (entry->task));
      bar.progress = CLAMP (sd_plan_task_get_progress (entry->task), 0, 100);
      bar.late = sd_plan_task_is_overdue (entry->task, year, today);
      bar.carried_over = sd_plan_task_get_carried_over (entry->task);
      bar.stream = (int) entry->group;
      g_array_append_val (self->bars, bar);
      /* The entry's reference moves to the array. */
      g_ptr_array_add (self->tasks, entry->task);
    }

  self->model.year = year;
  self->model.streams = (const char * const *) self->names->pdata;
  self->model.n_streams = self->names->len;
  self->model.bars = (const SdTimelineBar *) (gpointer) self->bars->data;
  self->model.n_bars = self->bars->len;
  self->model.selected_bar = -1;
  if (g_date_time_get_year (today) == year)
    {
      int month = g_date_time_get_month (today);
      int days = g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
      double seconds = g_date_time_get_hour (today) * 3600.0
                       + g_date_time_get_minute (today) * 60.0
                       + g_date_time_get_second (today);

      self->model.today_month = month;
      self->model.today_fraction = (g_date_time_get_day_of_month (today) - 1
                                    + seconds / 86400.0) / days;
    }

  return self;
}

void
sd_timeline_data_free (SdTimelineData *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->tasks);
  g_ptr_array_unref (self->titles);
  g_array_unref (self->bars);
  g_ptr_array_unref (self->names);
  g_free (self);
}

/**
 * sd_timeline_data_get_model:
 * @self: the data
 *
 * The model to draw. The caller may set its selected_bar through a copy;
 * the model itself lives as long as @self.
 *
 * Returns: (transfer none): the model
 */
const SdTimelineModel *
sd_timeline_data_get_model (SdTimelineData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->model;
}

gpointer
sd_timeline_data_get_task (SdTimelineData *self,
                           guint           index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->tasks->len, NULL);

  return g_ptr_array_index (self->tasks, index);
}

/* Returns: the index of the bar of @task_id, or -1. */
int
sd_timeline_data_find_task (SdTimelineData *self,
                            gint64          task_id)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->tasks->len; i++)
    if (sd_item_get_id (g_ptr_array_index (self->tasks, i)) == task_id)
      return (int) i;
  return -1;
}

/* The printed plan. */

/*
 * The document has three parts: the title page (title, goal, policy and
 * the summary), the timeline (one page, or a page for every ~60 rows of a
 * large plan, each row at least as tall as a line of small print), then the
 * tables of tasks by stream and of findings, flowing over as many pages as
 * they need. The tables are built as blocks like the responsibility
 * statement's: a row is never split, a heading is kept with what follows
 * it, and a row that starts a page gets its table's column headings again.
 *
 * Every text is a PangoLayout made once in the caller's context and drawn
 * as measured. The timeline is drawn by sd_timeline_draw(), the very code
 * the plan page uses on screen, with a light style sized to the page.
 */

#define A4_LONG_PT        841.89
#define A4_SHORT_PT       595.276

#define MARGIN_SIDE       40.0
#define MARGIN_TOP        36.0
#define MARGIN_BOTTOM     44.0
#define FOOTER_OFFSET     18.0

#define TITLE_SIZE        20.0
#define SUBTITLE_SIZE     10.0
#define SECTION_SIZE      13.0
#define STREAM_SIZE       11.0
#define TEXT_SIZE         9.0
#define SMALL_SIZE        7.5
#define FOOTER_SIZE       7.5

#define CELL_PAD          3.5
#define COLUMN_GAP        8.0
#define LABEL_WIDTH       90.0
#define SECTION_GAP       16.0
#define STREAM_GAP        10.0
#define SWATCH            7.0

/* The timeline on paper. */
#define TIMELINE_MAX_ROWS 60      /* rows (headings and bars) on one page */
#define TIMELINE_MAX_ROW  18.0    /* points: a short plan is not blown up */
#define TIMELINE_MAX_FONT 9.0
#define TIMELINE_MIN_FONT 5.0
#define LEGEND_GAP        8.0

#define FONT_FAMILY       "Noto Sans CJK SC, Sans"

typedef enum
{
  ITEM_TEXT,
  ITEM_LINE,
  ITEM_FILL,
  ITEM_FRAME,
} ItemKind;

/* One thing drawn in a block, relative to its top-left corner. A line goes
 * from (x, y) to (x + width, y + height). */
typedef struct
{
  ItemKind     kind;
  double       x, y, width, height;
  double       line_width;
  SdColor      color;
  PangoLayout *layout;
} Item;

typedef struct _Block Block;
struct _Block
{
  GArray   *items;          /* of Item */
  double    height;
  double    space_before;   /* unless it starts a page */
  gboolean  keep_with_next;
  Block    *header;         /* table rows: the column headings to repeat */
};

typedef struct
{
  Block  *block;
  double  y;
} Placement;

/* A page of the timeline: its own model, a slice of the plan's. */
typedef struct
{
  SdTimelineModel  model;
  GPtrArray       *streams;   /* of const char *, the names of the data */
  GArray          *bars;      /* of SdTimelineBar */
  double           y, height;
  SdTimelineStyle  style;
} TimelinePage;

typedef struct
{
  GArray       *placements;   /* of Placement */
  TimelinePage *timeline;     /* or NULL */
} Page;

struct _SdPlanLayout
{
  PangoContext   *context;
  double          page_width, page_height;
  double          margin_side, margin_top, margin_bottom;
  double          content_width;

  SdTimelineData *timeline;
  char           *title;

  GPtrArray      *blocks;     /* of Block, owned */
  GPtrArray      *pages;      /* of Page */
  GPtrArray      *footers;    /* of PangoLayout, two per page */

  SdColor         ink, dim, rule, header_fill, warning;
  SdTimelineStyle timeline_style;
};

/* Blocks. */

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->layout);
}

static void
block_free (gpointer data)
{
  Block *block = data;

  g_array_unref (block->items);
  g_free (block);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_array_unref (page->placements);
  if (page->timeline != NULL)
    {
      g_ptr_array_unref (page->timeline->streams);
      g_array_unref (page->timeline->bars);
      g_free (page->timeline);
    }
  g_free (page);
}

/* A block that is not yet in any flow. */
static Block *
block_new (SdPlanLayout *self,
           double        space_before)
{
  Block *block = g_new0 (Block, 1);

  block->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (block->items, item_clear);
  block->space_before = space_before;
  g_ptr_array_add (self->blocks, block);
  return block;
}

static Block *
flow_add (SdPlanLayout *self,
          GPtrArray    *flow,
          double        space_before)
{
  Block *block = block_new (self, space_before);

  g_ptr_array_add (flow, block);
  return block;
}

static double
layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) width / PANGO_SCALE;
}

/* Adds @layout (taken) at (@x, @y); returns the bottom of its text. */
static double
block_add_text (Block         *block,
                PangoLayout   *layout,
                double         x,
                double         y,
                const SdColor *color)
{
  Item item = { ITEM_TEXT, x, y, 0, 0, 0, *color, layout };

  item.height = layout_height (layout);
  g_array_append_val (block->items, item);
  return y + item.height;
}

static void
block_add_shape (Block         *block,
                 ItemKind       kind,
                 double         x,
                 double         y,
                 double         width,
                 double         height,
                 double         line_width,
                 const SdColor *color)
{
  Item item = { kind, x, y, width, height, line_width, *color, NULL };

  g_array_append_val (block->items, item);
}

static PangoLayout *
make_layout (SdPlanLayout *self,
             const char   *text,
             double        size,
             PangoWeight   weight,
             double        width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *font = pango_font_description_new ();
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_font_description_set_family (font, FONT_FAMILY);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  /* A title cut at the end of a line must not gain a hyphen that would
   * then be copied with the text. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

/* Content. */

static void
add_heading (SdPlanLayout *self,
             GPtrArray    *flow,
             const char   *text,
             double        size,
             double        space_before)
{
  Block *block = flow_add (self, flow, space_before);

  block->height = block_add_text (block, make_layout (self, text, size, PANGO_WEIGHT_BOLD,
                                                      self->content_width),
                                  0, 0, &self->ink) + CELL_PAD;
  block->keep_with_next = TRUE;
}

static void
add_paragraph (SdPlanLayout  *self,
               GPtrArray     *flow,
               const char    *text,
               double         size,
               const SdColor *color)
{
  Block *block = flow_add (self, flow, 0);

  block->height = block_add_text (block, make_layout (self, text, size, PANGO_WEIGHT_NORMAL,
                                                      self->content_width),
                                  0, CELL_PAD, color) + CELL_PAD;
}

/* A "label: value" row. */
static void
add_field (SdPlanLayout *self,
           GPtrArray    *flow,
           const char   *label,
           const char   *value)
{
  Block *block = flow_add (self, flow, 0);
  gboolean empty = value == NULL || value[0] == '\0';
  double label_bottom, value_bottom;

  label_bottom = block_add_text (block, make_layout (self, label, TEXT_SIZE + 1,
                                                     PANGO_WEIGHT_BOLD,
                                                     LABEL_WIDTH - COLUMN_GAP),
                                 0, CELL_PAD, &self->dim);
  value_bottom = block_add_text (block, make_layout (self, empty ? _("Not set") : value,
                                                     TEXT_SIZE + 1, PANGO_WEIGHT_NORMAL,
                                                     self->content_width - LABEL_WIDTH),
                                 LABEL_WIDTH, CELL_PAD, empty ? &self->dim : &self->ink);
  block->height = MAX (label_bottom, value_bottom) + CELL_PAD;
}

/* Tables. */

typedef struct
{
  const char *label;
  double      width;   /* 0: the rest of the line */
  double      x;       /* filled in by columns_place() */
} Column;

/* The widths are for A4 landscape; narrower paper (a portrait page in the
 * print dialog) narrows the fixed columns with it, so that the text column
 * keeps its share. */
static void
columns_place (SdPlanLayout *self,
               Column       *columns,
               guint         n_columns)
{
  double scale = MIN (1.0, self->content_width / (A4_LONG_PT - 2 * MARGIN_SIDE));
  double fixed = 0, x = 0;
  guint flexible = 0;

  for (guint i = 0; i < n_columns; i++)
    {
      columns[i].width *= scale;
      fixed += columns[i].width;
      flexible += columns[i].width == 0;
    }
  fixed += COLUMN_GAP * (n_columns - 1) + 2 * CELL_PAD;

  x = CELL_PAD;
  for (guint i = 0; i < n_columns; i++)
    {
      if (columns[i].width == 0)
        columns[i].width = MAX ((self->content_width - fixed) / MAX (flexible, 1), 40.0);
      columns[i].x = x;
      x += columns[i].width + COLUMN_GAP;
    }
}

static Block *
add_table_header (SdPlanLayout *self,
                  GPtrArray    *flow,
                  const Column *columns,
                  guint         n_columns)
{
  Block *header = flow_add (self, flow, 0);
  double bottom = 0;

  header->keep_with_next = TRUE;
  block_add_shape (header, ITEM_FILL, 0, 0, self->content_width, 0, 0, &self->header_fill);
  for (guint i = 0; i < n_columns; i++)
    bottom = fmax (bottom, block_add_text (header, make_layout (self, columns[i].label,
                                                                SMALL_SIZE, PANGO_WEIGHT_BOLD,
                                                                columns[i].width),
                                           columns[i].x, CELL_PAD, &self->dim));
  header->height = bottom + CELL_PAD;
  g_array_index (header->items, Item, 0).height = header->height;
  return header;
}

/* Adds a cell's text to @row; returns its bottom. */
static double
add_cell (SdPlanLayout  *self,
          Block         *row,
          const Column  *column,
          double         y,
          const char    *text,
          double         size,
          PangoWeight    weight,
          const SdColor *color)
{
  return block_add_text (row, make_layout (self, text, size, weight, column->width),
                         column->x, y, color);
}

static void
finish_row (SdPlanLayout *self,
            Block        *row,
            double        bottom)
{
  row->height = bottom + CELL_PAD;
  block_add_shape (row, ITEM_LINE, 0, row->height, self->content_width, 0, 0.5, &self->rule);
}

static char *
format_months (int start,
               int end)
{
  start = CLAMP (start, 1, 12);
  end = CLAMP (end, start, 12);
  if (start == end)
    return g_strdup (sd_month_label (start));
  /* Translators: a span of months in the plan, e.g. "March – June" */
  return g_strdup_printf (_("%s – %s"), sd_month_label (start), sd_month_label (end));
}

static char *
format_percent (guint percent)
{
  /* Translators: a percentage in the plan's summary and task table */
  return g_strdup_printf (_("%u %%"), percent);
}

static const char *
unit_name (SdStore *store,
           gint64   id)
{
  SdUnit *unit = id != 0 ? sd_store_lookup (store, SD_TYPE_UNIT, id) : NULL;

  return unit != NULL ? sd_unit_get_name (unit) : NULL;
}

static const char *
person_name (SdStore *store,
             gint64   id)
{
  SdPerson *person = id != 0 ? sd_store_lookup (store, SD_TYPE_PERSON, id) : NULL;

  return person != NULL ? sd_person_get_name (person) : NULL;
}

static void
add_title (SdPlanLayout *self,
           GPtrArray    *flow,
           SdPlan       *plan,
           GDateTime    *today)
{
  Block *block = flow_add (self, flow, 0);
  g_autofree char *date = NULL;
  g_autofree char *as_of = NULL;
  double y;

  y = block_add_text (block, make_layout (self, self->title, TITLE_SIZE, PANGO_WEIGHT_BOLD,
                                          self->content_width),
                      0, 0, &self->ink);
  /* Translators: the date the printed plan's figures are from, in
   * g_date_time_format() notation; for Chinese "%Y年%-m月%-d日" */
  date = g_date_time_format (today, _("%-d %B %Y"));
  /* Translators: under the title of the printed plan; %s is a date */
  as_of = g_strdup_printf (_("Status as of %s"), date != NULL ? date : "");
  y = block_add_text (block, make_layout (self, as_of, SUBTITLE_SIZE, PANGO_WEIGHT_NORMAL,
                                          self->content_width),
                      0, y + 2, &self->dim);
  y += 6;
  block_add_shape (block, ITEM_LINE, 0, y, self->content_width, 0, 1.0, &self->ink);
  block->height = y + 4;

  add_field (self, flow, _("Goal"), sd_plan_get_goal (plan));
  add_field (self, flow, _("Policy"), sd_plan_get_policy (plan));
}

/* A row of the summary: what, the figure, the rate and the target. A rate
 * below its target, or a count of overdue items, is shown in red. */
static void
add_summary_row (SdPlanLayout *self,
                 GPtrArray    *flow,
                 Block        *header,
                 const Column *columns,
                 const char   *label,
                 const char   *figure,
                 int           percent,      /* -1: no rate */
                 int           target,       /* -1: no target */
                 gboolean      bad)
{
  Block *row = flow_add (self, flow, 0);
  g_autofree char *rate = percent >= 0 ? format_percent ((guint) percent) : g_strdup ("—");
  g_autofree char *goal = target >= 0 ? format_percent ((guint) target) : g_strdup ("—");
  const SdColor *color = bad ? &self->warning : &self->ink;
  double bottom;

  row->header = header;
  bottom = add_cell (self, row, &columns[0], CELL_PAD, label, TEXT_SIZE + 1, PANGO_WEIGHT_NORMAL,
                     &self->ink);
  bottom = fmax (bottom, add_cell (self, row, &columns[1], CELL_PAD, figure, TEXT_SIZE + 1,
                                   PANGO_WEIGHT_BOLD, color));
  bottom = fmax (bottom, add_cell (self, row, &columns[2], CELL_PAD, rate, TEXT_SIZE + 1,
                                   PANGO_WEIGHT_NORMAL, color));
  bottom = fmax (bottom, add_cell (self, row, &columns[3], CELL_PAD, goal, TEXT_SIZE + 1,
                                   PANGO_WEIGHT_NORMAL, &self->dim));
  finish_row (self, row, bottom);
}

static void
add_summary (SdPlanLayout      *self,
             GPtrArray         *flow,
             const SdPlanStats *stats)
{
  Column columns[] = {
    /* Translators: a column of the plan's summary */
    { C_("summary column", "Indicator"), 0 },
    /* Translators: a column of the plan's summary: e.g. "7/12" */
    { C_("summary column", "Result"), 110 },
    /* Translators: a column of the plan's summary: a percentage */
    { C_("summary column", "Rate"), 90 },
    /* Translators: a column of the plan's summary: the KPI's percentage */
    { C_("summary column", "Target"), 90 },
  };
  g_autofree char *tasks = sd_plan_stats_format_ratio (stats->n_done, stats->n_tasks);
  g_autofree char *findings = sd_plan_stats_format_ratio (stats->n_closed_findings,
                                                          stats->n_findings);
  g_autofree char *trained = sd_plan_stats_format_ratio (stats->n_trained,
                                                         stats->n_active_people);
  g_autofree char *committed = sd_plan_stats_format_ratio (stats->n_committed,
                                                           stats->n_active_people);
  g_autofree char *overdue = g_strdup_printf ("%u", stats->n_overdue);
  g_autofree char *overdue_findings = g_strdup_printf ("%u", stats->n_overdue_findings);
  g_autofree char *counts = NULL;
  guint tasks_rate = sd_plan_stats_percent (stats->n_done, stats->n_tasks);
  guint findings_rate = sd_plan_stats_percent (stats->n_closed_findings, stats->n_findings);
  guint trained_rate = sd_plan_stats_percent (stats->n_trained, stats->n_active_people);
  guint committed_rate = sd_plan_stats_percent (stats->n_committed, stats->n_active_people);
  Block *header;

  columns_place (self, columns, G_N_ELEMENTS (columns));
  add_heading (self, flow, _("Summary"), SECTION_SIZE, SECTION_GAP);
  header = add_table_header (self, flow, columns, G_N_ELEMENTS (columns));

  add_summary_row (self, flow, header, columns, _("Tasks done"), tasks, (int) tasks_rate,
                   SD_PLAN_KPI_TASKS_DONE, FALSE);
  add_summary_row (self, flow, header, columns, _("Overdue tasks"), overdue, -1, -1,
                   stats->n_overdue > 0);
  add_summary_row (self, flow, header, columns, _("Findings closed (rectification rate)"),
                   findings, (int) findings_rate, SD_PLAN_KPI_RECTIFICATION,
                   findings_rate < SD_PLAN_KPI_RECTIFICATION);
  add_summary_row (self, flow, header, columns, _("Overdue findings"), overdue_findings, -1, -1,
                   stats->n_overdue_findings > 0);
  add_summary_row (self, flow, header, columns, _("Training coverage of active staff"), trained,
                   (int) trained_rate, SD_PLAN_KPI_TRAINING,
                   trained_rate < SD_PLAN_KPI_TRAINING);
  add_summary_row (self, flow, header, columns, _("Commitment letters of active staff"),
                   committed, (int) committed_rate, SD_PLAN_KPI_COMMITMENT,
                   committed_rate < SD_PLAN_KPI_COMMITMENT);

  /* Translators: under the plan's summary; the counts of tasks by status */
  counts = g_strdup_printf (_("Tasks by status: %u done, %u in progress, %u planned; "
                              "%u cancelled (not counted)."),
                            stats->n_done, stats->n_in_progress, stats->n_planned,
                            stats->n_cancelled);
  add_paragraph (self, flow, counts, TEXT_SIZE, &self->dim);
}

typedef struct
{
  Column task, owner, months, status, progress;
} TaskColumns;

/* The status column: a swatch in the timeline's colour, the status and,
 * for a late task, "Overdue" in red under it. */
static double
add_status_cell (SdPlanLayout  *self,
                 Block         *row,
                 const Column  *column,
                 const char    *label,
                 const SdColor *swatch,
                 const char    *late_label)
{
  Column text = *column;
  double bottom;

  text.x += SWATCH + 4;
  text.width -= SWATCH + 4;
  block_add_shape (row, ITEM_FILL, column->x, CELL_PAD + (TEXT_SIZE * 1.4 - SWATCH) / 2, SWATCH,
                   SWATCH, 0, swatch);
  bottom = add_cell (self, row, &text, CELL_PAD, label, TEXT_SIZE, PANGO_WEIGHT_NORMAL,
                     &self->ink);
  if (late_label != NULL)
    bottom = add_cell (self, row, &text, bottom, late_label, TEXT_SIZE, PANGO_WEIGHT_BOLD,
                       &self->warning);
  return bottom;
}

static void
add_task_row (SdPlanLayout      *self,
              GPtrArray         *flow,
              Block             *header,
              const TaskColumns *columns,
              SdStore           *store,
              SdPlanTask        *task,
              const SdTimelineBar *bar)
{
  Block *row = flow_add (self, flow, 0);
  const char *unit = unit_name (store, sd_plan_task_get_owner_unit_id (task));
  const char *person = person_name (store, sd_plan_task_get_owner_person_id (task));
  const char *evidence = sd_plan_task_get_evidence (task);
  g_autofree char *owner = NULL;
  g_autofree char *months = format_months (bar->start_month, bar->end_month);
  g_autofree char *progress = format_percent ((guint) bar->progress);
  double bottom, title_bottom;

  if (unit != NULL && person != NULL)
    owner = g_strdup_printf ("%s · %s", unit, person);
  else
    owner = g_strdup (unit != NULL ? unit : person != NULL ? person : "—");

  row->header = header;
  title_bottom = add_cell (self, row, &columns->task, CELL_PAD, sd_plan_task_get_title (task),
                           TEXT_SIZE, PANGO_WEIGHT_NORMAL, &self->ink);
  if (bar->carried_over)
    title_bottom = add_cell (self, row, &columns->task, title_bottom + 1,
                             _("↻ Carried over from last year"), SMALL_SIZE,
                             PANGO_WEIGHT_NORMAL, &self->dim);
  if (evidence != NULL && evidence[0] != '\0')
    {
      /* Translators: under a task in the printed plan; %s is its evidence */
      g_autofree char *text = g_strdup_printf (_("Evidence: %s"), evidence);

      title_bottom = add_cell (self, row, &columns->task, title_bottom + 1, text, SMALL_SIZE,
                               PANGO_WEIGHT_NORMAL, &self->dim);
    }

  bottom = title_bottom;
  bottom = fmax (bottom, add_cell (self, row, &columns->owner, CELL_PAD, owner, TEXT_SIZE,
                                   PANGO_WEIGHT_NORMAL, &self->ink));
  bottom = fmax (bottom, add_cell (self, row, &columns->months, CELL_PAD, months, TEXT_SIZE,
                                   PANGO_WEIGHT_NORMAL, &self->ink));
  bottom = fmax (bottom, add_status_cell (self, row, &columns->status,
                                          sd_task_status_label (sd_plan_task_get_status (task)),
                                          &self->timeline_style.status[bar->status],
                                          bar->late ? sd_task_status_label ("overdue") : NULL));
  bottom = fmax (bottom, add_cell (self, row, &columns->progress, CELL_PAD, progress, TEXT_SIZE,
                                   PANGO_WEIGHT_NORMAL, &self->ink));
  finish_row (self, row, bottom);
}

static void
add_tasks (SdPlanLayout *self,
           GPtrArray    *flow,
           SdStore      *store)
{
  const SdTimelineModel *model = &self->timeline->model;
  Column columns[] = {
    /* Translators: a column of the plan's task table */
    { C_("task column", "Task"), 0 },
    /* Translators: a column of the plan's task table: unit · person */
    { C_("task column", "Owner"), 170 },
    /* Translators: a column of the plan's task table: from … to */
    { C_("task column", "Months"), 125 },
    /* Translators: a column of the plan's task table */
    { C_("task column", "Status"), 85 },
    /* Translators: a column of the plan's task table */
    { C_("task column", "Progress"), 48 },
  };
  TaskColumns task_columns;
  guint bar = 0;

  columns_place (self, columns, G_N_ELEMENTS (columns));
  task_columns = (TaskColumns) { columns[0], columns[1], columns[2], columns[3], columns[4] };

  add_heading (self, flow, _("Tasks by work stream"), SECTION_SIZE, 0);
  if (model->n_streams == 0)
    add_paragraph (self, flow, _("The plan has no work streams and no tasks."), TEXT_SIZE,
                   &self->dim);

  /* The bars are grouped by stream, in the streams' order. */
  for (guint s = 0; s < model->n_streams; s++)
    {
      Block *header;

      add_heading (self, flow, model->streams[s], STREAM_SIZE, STREAM_GAP);
      if (bar >= model->n_bars || model->bars[bar].stream != (int) s)
        {
          add_paragraph (self, flow, _("No tasks."), TEXT_SIZE, &self->dim);
          continue;
        }
      header = add_table_header (self, flow, columns, G_N_ELEMENTS (columns));
      for (; bar < model->n_bars && model->bars[bar].stream == (int) s; bar++)
        add_task_row (self, flow, header, &task_columns, store,
                      sd_timeline_data_get_task (self->timeline, bar), &model->bars[bar]);
    }
}

typedef struct
{
  SdFinding    *finding;
  SdInspection *inspection;
} FindingEntry;

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const FindingEntry *ea = a, *eb = b;
  int order = g_strcmp0 (sd_inspection_get_date (ea->inspection),
                         sd_inspection_get_date (eb->inspection));
  gint64 ia, ib;

  if (order != 0)
    return order;
  ia = sd_item_get_id (SD_ITEM (ea->inspection));
  ib = sd_item_get_id (SD_ITEM (eb->inspection));
  if (ia != ib)
    return ia < ib ? -1 : 1;
  ia = sd_item_get_id (SD_ITEM (ea->finding));
  ib = sd_item_get_id (SD_ITEM (eb->finding));
  return ia < ib ? -1 : ia > ib;
}

/* The findings of @plan's inspections, by inspection date (transfer
 * full). The items belong to the store's models, which keep them while the
 * layout is built. */
static GArray *
collect_findings (SdStore *store,
                  SdPlan  *plan)
{
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (FindingEntry));
  GListModel *findings = sd_store_get_items (store, SD_TYPE_FINDING);
  gint64 plan_id = sd_item_get_id (SD_ITEM (plan));
  guint n = g_list_model_get_n_items (findings);

  for (guint i = 0; i < n; i++)
    {
      SdFinding *finding = g_list_model_get_item (findings, i);
      SdInspection *inspection;

      g_object_unref (finding);
      inspection = sd_store_lookup (store, SD_TYPE_INSPECTION,
                                    sd_finding_get_inspection_id (finding));
      if (inspection != NULL && sd_inspection_get_plan_id (inspection) == plan_id)
        g_array_append_val (entries, ((FindingEntry) { finding, inspection }));
    }
  g_array_sort (entries, compare_findings);
  return entries;
}

static void
add_findings (SdPlanLayout *self,
              GPtrArray    *flow,
              SdStore      *store,
              SdPlan       *plan,
              GDateTime    *today)
{
  Column columns[] = {
    /* Translators: a column of the plan's findings table: of the inspection */
    { C_("finding column", "Date"), 58 },
    /* Translators: a column of the plan's findings table: self-check, audit, … */
    { C_("finding column", "Inspection"), 62 },
    /* Translators: a column of the plan's findings table */
    { C_("finding column", "Unit"), 100 },
    /* Translators: a column of the plan's findings table */
    { C_("finding column", "Finding"), 0 },
    /* Translators: a column of the plan's findings table */
    { C_("finding column", "Severity"), 50 },
    /* Translators: a column of the plan's findings table: for the rectification */
    { C_("finding column", "Deadline"), 58 },
    /* Translators: a column of the plan's findings table */
    { C_("finding column", "Status"), 70 },
  };
  g_autoptr(GArray) entries = collect_findings (store, plan);
  Block *header;

  columns_place (self, columns, G_N_ELEMENTS (columns));
  add_heading (self, flow, _("Inspection findings"), SECTION_SIZE, SECTION_GAP);

  if (entries->len == 0)
    {
      add_paragraph (self, flow, _("No findings."), TEXT_SIZE, &self->dim);
      return;
    }

  header = add_table_header (self, flow, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < entries->len; i++)
    {
      FindingEntry *entry = &g_array_index (entries, FindingEntry, i);
      SdFinding *finding = entry->finding;
      gboolean overdue = sd_finding_is_overdue (finding, today);
      const char *unit = unit_name (store, sd_finding_get_unit_id (finding));
      const char *deadline = sd_finding_get_deadline (finding);
      const char *severity = sd_finding_get_severity (finding);
      Block *row = flow_add (self, flow, 0);
      double bottom, status_bottom;

      row->header = header;
      bottom = add_cell (self, row, &columns[0], CELL_PAD,
                         sd_inspection_get_date (entry->inspection), TEXT_SIZE,
                         PANGO_WEIGHT_NORMAL, &self->ink);
      bottom = fmax (bottom, add_cell (self, row, &columns[1], CELL_PAD,
                                       sd_inspection_kind_label (
                                         sd_inspection_get_kind (entry->inspection)),
                                       TEXT_SIZE, PANGO_WEIGHT_NORMAL, &self->ink));
      bottom = fmax (bottom, add_cell (self, row, &columns[2], CELL_PAD,
                                       unit != NULL ? unit : "—", TEXT_SIZE,
                                       PANGO_WEIGHT_NORMAL, &self->ink));
      bottom = fmax (bottom, add_cell (self, row, &columns[3], CELL_PAD,
                                       sd_finding_get_description (finding), TEXT_SIZE,
                                       PANGO_WEIGHT_NORMAL, &self->ink));
      bottom = fmax (bottom, add_cell (self, row, &columns[4], CELL_PAD,
                                       severity != NULL ? sd_severity_label (severity) : "—",
                                       TEXT_SIZE, PANGO_WEIGHT_NORMAL, &self->ink));
      bottom = fmax (bottom, add_cell (self, row, &columns[5], CELL_PAD,
                                       deadline != NULL && deadline[0] != '\0' ? deadline : "—",
                                       TEXT_SIZE, overdue ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                       overdue ? &self->warning : &self->ink));
      status_bottom = add_cell (self, row, &columns[6], CELL_PAD,
                                sd_finding_status_label (sd_finding_get_status (finding)),
                                TEXT_SIZE, PANGO_WEIGHT_NORMAL, &self->ink);
      if (overdue)
        {
          status_bottom = add_cell (self, row, &columns[6], status_bottom,
                                    sd_task_status_label ("overdue"), TEXT_SIZE,
                                    PANGO_WEIGHT_BOLD, &self->warning);
          /* A red bar in the margin makes the row stand out from afar. */
          block_add_shape (row, ITEM_FILL, -6, 1, 2.5, 0, 0, &self->warning);
        }
      finish_row (self, row, MAX (bottom, status_bottom));
      if (overdue)
        {
          Item *mark = &g_array_index (row->items, Item, row->items->len - 2);

          g_assert (mark->kind == ITEM_FILL);
          mark->height = row->height - 2;
        }
    }
}

/* What the review meeting has to take up first: the overdue tasks and
 * findings, on the title page. A long list is cut short; the tables that
 * follow hold every one. */
#define MAX_ATTENTION 12

static void
add_attention_row (SdPlanLayout  *self,
                   GPtrArray     *flow,
                   Block         *header,
                   const Column  *columns,
                   const char    *kind,
                   const char    *what,
                   const char    *who,
                   const char    *due)
{
  Block *row = flow_add (self, flow, 0);
  double bottom;

  row->header = header;
  bottom = add_cell (self, row, &columns[0], CELL_PAD, kind, TEXT_SIZE, PANGO_WEIGHT_NORMAL,
                     &self->dim);
  bottom = fmax (bottom, add_cell (self, row, &columns[1], CELL_PAD, what, TEXT_SIZE,
                                   PANGO_WEIGHT_NORMAL, &self->ink));
  bottom = fmax (bottom, add_cell (self, row, &columns[2], CELL_PAD, who != NULL ? who : "—",
                                   TEXT_SIZE, PANGO_WEIGHT_NORMAL, &self->ink));
  bottom = fmax (bottom, add_cell (self, row, &columns[3], CELL_PAD, due, TEXT_SIZE,
                                   PANGO_WEIGHT_BOLD, &self->warning));
  finish_row (self, row, bottom);
}

static void
add_more (SdPlanLayout *self,
          GPtrArray    *flow,
          const char   *text)
{
  add_paragraph (self, flow, text, SMALL_SIZE, &self->dim);
}

static void
add_attention (SdPlanLayout *self,
               GPtrArray    *flow,
               SdStore      *store,
               SdPlan       *plan,
               GDateTime    *today)
{
  Column columns[] = {
    /* Translators: a column of the printed plan's list of overdue items:
     * task or finding */
    { C_("overdue column", "Kind"), 60 },
    /* Translators: a column of the printed plan's list of overdue items */
    { C_("overdue column", "Item"), 0 },
    /* Translators: a column of the printed plan's list of overdue items */
    { C_("overdue column", "Responsible"), 170 },
    /* Translators: a column of the printed plan's list of overdue items:
     * the month or date it was due */
    { C_("overdue column", "Due"), 110 },
  };
  const SdTimelineModel *model = &self->timeline->model;
  g_autoptr(GArray) findings = collect_findings (store, plan);
  Block *header = NULL;
  guint shown = 0, more = 0;

  columns_place (self, columns, G_N_ELEMENTS (columns));
  add_heading (self, flow, _("Overdue"), SECTION_SIZE, SECTION_GAP);

  for (guint i = 0; i < model->n_bars; i++)
    {
      SdPlanTask *task;
      const char *unit;

      if (!model->bars[i].late)
        continue;
      if (shown == MAX_ATTENTION)
        {
          more++;
          continue;
        }
      if (header == NULL)
        header = add_table_header (self, flow, columns, G_N_ELEMENTS (columns));
      task = sd_timeline_data_get_task (self->timeline, i);
      unit = unit_name (store, sd_plan_task_get_owner_unit_id (task));
      add_attention_row (self, flow, header, columns, C_("overdue kind", "Task"),
                         model->bars[i].title,
                         unit != NULL ? unit
                                      : person_name (store,
                                                     sd_plan_task_get_owner_person_id (task)),
                         sd_month_label (model->bars[i].end_month));
      shown++;
    }
  if (more > 0)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "… and %u more overdue task, in the task table.",
                                           "… and %u more overdue tasks, in the task table.",
                                           more),
                              more);

      add_more (self, flow, text);
    }

  shown = more = 0;
  for (guint i = 0; i < findings->len; i++)
    {
      FindingEntry *entry = &g_array_index (findings, FindingEntry, i);

      if (!sd_finding_is_overdue (entry->finding, today))
        continue;
      if (shown == MAX_ATTENTION)
        {
          more++;
          continue;
        }
      if (header == NULL)
        header = add_table_header (self, flow, columns, G_N_ELEMENTS (columns));
      add_attention_row (self, flow, header, columns, C_("overdue kind", "Finding"),
                         sd_finding_get_description (entry->finding),
                         unit_name (store, sd_finding_get_unit_id (entry->finding)),
                         sd_finding_get_deadline (entry->finding));
      shown++;
    }
  if (more > 0)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "… and %u more overdue finding, in the findings table.",
                                           "… and %u more overdue findings, in the findings table.",
                                           more),
                              more);

      add_more (self, flow, text);
    }

  if (header == NULL)
    add_paragraph (self, flow, _("No task and no finding is overdue."), TEXT_SIZE, &self->dim);
}

/* Pages. */

static Page *
page_new (SdPlanLayout *self)
{
  Page *page = g_new0 (Page, 1);

  page->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  g_ptr_array_add (self->pages, page);
  return page;
}

static void
place (Page   *page,
       Block  *block,
       double  y)
{
  Placement placement = { block, y };

  g_array_append_val (page->placements, placement);
}

/* Lays @flow out from the top of a new page. */
static void
paginate (SdPlanLayout *self,
          GPtrArray    *flow)
{
  double top = self->margin_top;
  double bottom = self->page_height - self->margin_bottom;
  double page_space = bottom - top;
  Page *page = page_new (self);
  Block *previous = NULL;
  double y = top;

  for (guint i = 0; i < flow->len; i++)
    {
      Block *block = g_ptr_array_index (flow, i);
      double gap = y > top ? block->space_before : 0;
      double need = block->height;

      /* A heading needs room for what it heads, at least its first row. */
      if (block->keep_with_next)
        {
          for (guint j = i + 1; j < flow->len; j++)
            {
              Block *next = g_ptr_array_index (flow, j);

              need += next->height;
              if (!next->keep_with_next)
                break;
            }
          if (need > page_space)
            need = block->height;
        }

      if (y > top && y + gap + need > bottom)
        {
          page = page_new (self);
          y = top;
          gap = 0;
          previous = NULL;
        }
      y += gap;

      /* A table row at the top of a page is read under its headings. */
      if (y == top && block->header != NULL && previous != block->header)
        {
          place (page, block->header, y);
          y += block->header->height;
        }

      /* A row taller than a whole page (a finding of thousands of
       * characters) is cut off at the page's foot rather than lost. */
      place (page, block, y);
      y += block->height;
      previous = block;
    }
}

/* The legend under the timeline: what the colours and marks mean. */
static Block *
make_legend (SdPlanLayout *self)
{
  const SdTimelineStyle *style = &self->timeline_style;
  Block *block = block_new (self, 0);
  struct { const char *status; SdTimelineStatus index; } statuses[] = {
    { "planned", SD_TIMELINE_PLANNED },
    { "in-progress", SD_TIMELINE_IN_PROGRESS },
    { "done", SD_TIMELINE_DONE },
    { "cancelled", SD_TIMELINE_CANCELLED },
  };
  double x = 0, swatch_w = 18, swatch_h = 8, text_y = 0, size = SMALL_SIZE;
  double mid = size * 0.7;
  SdColor white = sd_color_pick_text_for (&style->late);
  SdColor darker;
  PangoLayout *text;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      block_add_shape (block, ITEM_FILL, x, mid - swatch_h / 2, swatch_w, swatch_h, 0,
                       &style->status[statuses[i].index]);
      text = make_layout (self, sd_task_status_label (statuses[i].status), size,
                          PANGO_WEIGHT_NORMAL, 0);
      block_add_text (block, text, x + swatch_w + 4, text_y, &self->dim);
      x += swatch_w + 4 + layout_width (text) + 14;
    }

  /* Progress: the darker part of a bar. */
  darker = style->status[SD_TIMELINE_IN_PROGRESS];
  darker.red *= 0.7;
  darker.green *= 0.7;
  darker.blue *= 0.7;
  block_add_shape (block, ITEM_FILL, x, mid - swatch_h / 2, swatch_w, swatch_h, 0,
                   &style->status[SD_TIMELINE_IN_PROGRESS]);
  block_add_shape (block, ITEM_FILL, x, mid - swatch_h / 2, swatch_w * 0.6, swatch_h, 0,
                   &darker);
  text = make_layout (self, _("Progress"), size, PANGO_WEIGHT_NORMAL, 0);
  block_add_text (block, text, x + swatch_w + 4, text_y, &self->dim);
  x += swatch_w + 4 + layout_width (text) + 14;

  block_add_shape (block, ITEM_FRAME, x + 0.75, mid - swatch_h / 2 + 0.75, swatch_w - 1.5,
                   swatch_h - 1.5, 1.5, &style->late);
  block_add_shape (block, ITEM_FILL, x + swatch_w + 3, mid - 4, 8, 8, 0, &style->late);
  block_add_text (block, make_layout (self, "!", 6.5, PANGO_WEIGHT_BOLD, 0),
                  x + swatch_w + 5.3, mid - 4.6, &white);
  text = make_layout (self, _("Late"), size, PANGO_WEIGHT_NORMAL, 0);
  block_add_text (block, text, x + swatch_w + 15, text_y, &self->dim);
  x += swatch_w + 15 + layout_width (text) + 14;

  text = make_layout (self, _("↻ Carried over from last year"), size, PANGO_WEIGHT_NORMAL, 0);
  block_add_text (block, text, x, text_y, &self->dim);
  x += layout_width (text) + 14;

  block_add_shape (block, ITEM_LINE, x + 4, mid - 6, 0, 12, 1.5, &style->today);
  text = make_layout (self, _("Today"), size, PANGO_WEIGHT_NORMAL, 0);
  block_add_text (block, text, x + 10, text_y, &self->dim);

  block->height = MAX (layout_height (text), swatch_h + 4);
  return block;
}

/* One slice of the plan's rows as a model of its own: the streams it
 * touches (a stream that goes on from the page before gets its heading
 * again) and its bars. */
static TimelinePage *
timeline_page_new (SdPlanLayout *self,
                   const int    *rows,
                   guint         first,
                   guint         last)
{
  const SdTimelineModel *model = &self->timeline->model;
  TimelinePage *page = g_new0 (TimelinePage, 1);
  int current = -1;

  page->streams = g_ptr_array_new ();
  page->bars = g_array_new (FALSE, FALSE, sizeof (SdTimelineBar));

  for (guint row = first; row < last; row++)
    {
      int r = rows[row];
      int stream = r < 0 ? -1 - r : model->bars[r].stream;

      if (stream != current)
        {
          g_ptr_array_add (page->streams, (gpointer) model->streams[stream]);
          current = stream;
        }
      if (r >= 0)
        {
          SdTimelineBar bar = model->bars[r];

          bar.stream = (int) page->streams->len - 1;
          g_array_append_val (page->bars, bar);
        }
    }

  page->model = *model;
  page->model.streams = (const char * const *) page->streams->pdata;
  page->model.n_streams = page->streams->len;
  page->model.bars = (const SdTimelineBar *) (gpointer) page->bars->data;
  page->model.n_bars = page->bars->len;
  page->model.selected_bar = -1;
  return page;
}

/* Sizes the rows of @page to fill @space, within what reads on paper. */
static void
timeline_page_fit (SdPlanLayout *self,
                   TimelinePage *page,
                   double        space)
{
  double rows = page->model.n_streams + page->model.n_bars;
  double row_h = MIN (TIMELINE_MAX_ROW, space / (rows + 1.25 + 0.6));

  page->style = self->timeline_style;
  for (int attempt = 0; attempt < 20; attempt++)
    {
      page->style.row_height = row_h;
      page->style.font_size = CLAMP (row_h * 0.58, TIMELINE_MIN_FONT, TIMELINE_MAX_FONT);
      page->height = sd_timeline_get_height (&page->model, &page->style, self->content_width);
      if (page->height <= space)
        break;
      row_h *= 0.97;
    }
}

static void
add_timeline_pages (SdPlanLayout *self)
{
  const SdTimelineModel *model = &self->timeline->model;
  guint n_rows = model->n_streams + model->n_bars;
  g_autofree int *rows = g_new (int, MAX (n_rows, 1));
  Block *legend = make_legend (self);
  guint n_pages, per_page, first = 0, row = 0, bar = 0;
  double top = self->margin_top;
  double bottom = self->page_height - self->margin_bottom;

  /* The plan's rows: each stream's heading, then its bars (the data keeps
   * them grouped in the streams' order). */
  for (guint s = 0; s < model->n_streams; s++)
    {
      rows[row++] = -1 - (int) s;
      for (; bar < model->n_bars && model->bars[bar].stream == (int) s; bar++)
        rows[row++] = (int) bar;
    }
  g_assert (row == n_rows);

  n_pages = MAX ((n_rows + TIMELINE_MAX_ROWS - 1) / TIMELINE_MAX_ROWS, 1);
  per_page = (n_rows + n_pages - 1) / n_pages;

  for (guint p = 0; p < n_pages; p++)
    {
      guint last = p + 1 == n_pages ? n_rows : MIN (first + per_page, n_rows);
      g_autofree char *heading = NULL;
      Block *title;
      Page *page;
      double y;

      /* A stream's heading is not left alone at the foot of a page. */
      if (last < n_rows && last > first + 1 && rows[last - 1] < 0)
        last--;

      if (n_pages > 1)
        /* Translators: the heading of a page of the printed plan's timeline
         * when it takes several pages */
        heading = g_strdup_printf (_("Timeline (%u of %u)"), p + 1, n_pages);
      else
        heading = g_strdup (_("Timeline"));

      page = page_new (self);
      title = block_new (self, 0);
      title->height = block_add_text (title, make_layout (self, heading, SECTION_SIZE,
                                                          PANGO_WEIGHT_BOLD,
                                                          self->content_width),
                                      0, 0, &self->ink) + CELL_PAD * 2;
      place (page, title, top);
      y = top + title->height;

      page->timeline = timeline_page_new (self, rows, first, last);
      timeline_page_fit (self, page->timeline, bottom - y - LEGEND_GAP - legend->height);
      page->timeline->y = y;
      place (page, legend, y + page->timeline->height + LEGEND_GAP);

      first = last;
    }
}

static void
add_footers (SdPlanLayout *self)
{
  double half = self->content_width / 2 - COLUMN_GAP;
  guint n_pages = self->pages->len;

  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *number = g_strdup_printf (_("Page %u of %u"), i + 1, n_pages);
      PangoLayout *title = make_layout (self, self->title, FOOTER_SIZE, PANGO_WEIGHT_NORMAL,
                                        half);
      PangoLayout *page = make_layout (self, number, FOOTER_SIZE, PANGO_WEIGHT_NORMAL, half);

      pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (page, PANGO_ALIGN_RIGHT);
      g_ptr_array_add (self->footers, title);
      g_ptr_array_add (self->footers, page);
    }
}

static char *
plan_title (int year)
{
  /* Translators: the title of the printed annual plan (年度计划表); %d is
   * the year. For Chinese "%d年度保密工作计划表" */
  return g_strdup_printf (_("Confidentiality Work Plan %d"), year);
}

/**
 * sd_plan_layout_new:
 * @context: where text is measured: the print context's, or
 *   sd_org_chart_create_pango_context() for a file
 * @store: the data
 * @plan: the plan to print
 * @today: (nullable): the date the figures are for; %NULL for now
 * @page_width: the width of a page, in points (A4 landscape: 841.89)
 * @page_height: the height of a page, in points (A4 landscape: 595.28)
 *
 * Lays the plan out for the review meeting: the title page with goal,
 * policy and summary, the timeline, the tasks by stream and the findings.
 *
 * Returns: (transfer full): the layout
 */
SdPlanLayout *
sd_plan_layout_new (PangoContext *context,
                    SdStore      *store,
                    SdPlan       *plan,
                    GDateTime    *today,
                    double        page_width,
                    double        page_height)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GPtrArray) front = g_ptr_array_new ();
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();
  SdPlanLayout *self;
  SdPlanStats stats;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (page_width > 0 && page_height > 0, NULL);

  if (today == NULL)
    today = now = g_date_time_new_now_local ();

  self = g_new0 (SdPlanLayout, 1);
  self->context = g_object_ref (context);
  self->page_width = page_width;
  self->page_height = page_height;
  /* Smaller paper (or a printer's imageable area) keeps most of its width
   * for the content. */
  self->margin_side = MIN (MARGIN_SIDE, page_width / 12);
  self->margin_top = MIN (MARGIN_TOP, page_height / 12);
  self->margin_bottom = MIN (MARGIN_BOTTOM, page_height / 10);
  self->content_width = page_width - 2 * self->margin_side;

  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->pages = g_ptr_array_new_with_free_func (page_free);
  self->footers = g_ptr_array_new_with_free_func (g_object_unref);

  self->ink = sd_color_from_hex (0x1e1e1e);
  self->dim = sd_color_from_hex (0x5e5c64);
  self->rule = sd_color_from_hex (0xc0bfbc);
  self->header_fill = sd_color_from_hex (0xf0efed);
  self->warning = sd_color_from_hex (0xc01c28);

  /* Paper is white, and the timeline is printed as the light theme shows
   * it, without painting a background. */
  sd_timeline_style_init_default (&self->timeline_style, FALSE);
  self->timeline_style.background.alpha = 0;
  self->timeline_style.foreground = self->ink;
  self->timeline_style.font_family = FONT_FAMILY;

  self->title = plan_title (sd_plan_get_year (plan));
  self->timeline = sd_timeline_data_new (store, plan, today);
  sd_plan_stats_compute (store, plan, today, &stats);

  add_title (self, front, plan, today);
  add_summary (self, front, &stats);
  add_attention (self, front, store, plan, today);
  paginate (self, front);

  add_timeline_pages (self);

  add_tasks (self, tables, store);
  add_findings (self, tables, store, plan, today);
  paginate (self, tables);

  add_footers (self);
  return self;
}

void
sd_plan_layout_free (SdPlanLayout *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->footers);
  g_ptr_array_unref (self->pages);
  g_ptr_array_unref (self->blocks);
  sd_timeline_data_free (self->timeline);
  g_free (self->title);
  g_object_unref (self->context);
  g_free (self);
}

guint
sd_plan_layout_get_n_pages (SdPlanLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->pages->len;
}

static void
set_color (cairo_t       *cr,
           const SdColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
draw_block (cairo_t *cr,
            Block   *block)
{
  for (guint i = 0; i < block->items->len; i++)
    {
      Item *item = &g_array_index (block->items, Item, i);

      set_color (cr, &item->color);
      switch (item->kind)
        {
        case ITEM_TEXT:
          cairo_move_to (cr, item->x, item->y);
          pango_cairo_show_layout (cr, item->layout);
          break;

        case ITEM_LINE:
          cairo_set_line_width (cr, item->line_width);
          cairo_move_to (cr, item->x, item->y);
          cairo_line_to (cr, item->x + item->width, item->y + item->height);
          cairo_stroke (cr);
          break;

        case ITEM_FILL:
          cairo_rectangle (cr, item->x, item->y, item->width, item->height);
          cairo_fill (cr);
          break;

        case ITEM_FRAME:
          cairo_set_line_width (cr, item->line_width);
          cairo_rectangle (cr, item->x, item->y, item->width, item->height);
          cairo_stroke (cr);
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

/**
 * sd_plan_layout_draw_page:
 * @self: the layout
 * @cr: where to draw, in points, with (0, 0) the top-left corner of the page
 * @page: the page, from 0
 *
 * Draws one page with its footer. The paper is not painted: it is white.
 */
void
sd_plan_layout_draw_page (SdPlanLayout *self,
                          cairo_t      *cr,
                          guint         page)
{
  Page *p;
  double footer_y, foot;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  p = g_ptr_array_index (self->pages, page);
  foot = self->page_height - self->margin_bottom;

  for (guint i = 0; i < p->placements->len; i++)
    {
      Placement *placement = &g_array_index (p->placements, Placement, i);

      cairo_save (cr);
      /* Only a row taller than the page reaches past its foot. */
      cairo_rectangle (cr, 0, 0, self->page_width, foot + 2);
      cairo_clip (cr);
      cairo_translate (cr, self->margin_side, placement->y);
      draw_block (cr, placement->block);
      cairo_restore (cr);
    }

  if (p->timeline != NULL)
    {
      TimelinePage *timeline = p->timeline;

      cairo_save (cr);
      cairo_translate (cr, self->margin_side, timeline->y);
      sd_timeline_draw (cr, self->content_width, timeline->height, &timeline->model,
                        &timeline->style);
      cairo_restore (cr);
    }

  footer_y = foot + FOOTER_OFFSET;
  cairo_save (cr);
  set_color (cr, &self->rule);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, self->margin_side, footer_y - 5);
  cairo_line_to (cr, self->margin_side + self->content_width, footer_y - 5);
  cairo_stroke (cr);
  set_color (cr, &self->dim);
  cairo_move_to (cr, self->margin_side, footer_y);
  pango_cairo_show_layout (cr, g_ptr_array_index (self->footers, 2 * page));
  cairo_move_to (cr, self->margin_side + self->content_width / 2 + COLUMN_GAP, footer_y);
  pango_cairo_show_layout (cr, g_ptr_array_index (self->footers, 2 * page + 1));
  cairo_restore (cr);
}

/* Export. */

typedef struct
{
  GOutputStream *stream;
  GError        *error;
} WriteClosure;

static cairo_status_t
write_cb (void                *data,
          const unsigned char *buffer,
          unsigned int         length)
{
  WriteClosure *closure = data;

  if (closure->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (closure->stream, buffer, length, NULL, NULL,
                                  &closure->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
render_pdf (SdPlanLayout *layout,
            WriteClosure *closure)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (write_cb, closure, A4_LONG_PT, A4_SHORT_PT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, layout->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Security Duties");

  cr = cairo_create (surface);
  for (guint i = 0; i < sd_plan_layout_get_n_pages (layout); i++)
    {
      sd_plan_layout_draw_page (layout, cr, i);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

static SdPlan *
find_plan (SdStore *store,
           int      year)
{
  GListModel *plans = sd_store_get_items (store, SD_TYPE_PLAN);
  guint n = g_list_model_get_n_items (plans);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPlan) plan = g_list_model_get_item (plans, i);

      if (sd_plan_get_year (plan) == year)
        return g_steal_pointer (&plan);
    }
  return NULL;
}

/**
 * sd_plan_export_pdf:
 * @store: the data
 * @year: the plan's year
 * @today: (nullable): the date the figures are for; %NULL for now
 * @path: the PDF file to write
 * @error: return location for an error
 *
 * Writes the plan of @year on A4 landscape pages. The file is replaced
 * only once it has been written in full; without a plan for @year nothing
 * is written and the error is %SD_STORE_ERROR_NOT_FOUND.
 *
 * Returns: %TRUE on success
 */
gboolean
sd_plan_export_pdf (SdStore     *store,
                    int          year,
                    GDateTime   *today,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(SdPlan) plan = NULL;
  g_autoptr(SdPlanLayout) layout = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abort = NULL;
  WriteClosure closure = { NULL, NULL };
  PangoContext *context;
  cairo_status_t status;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  plan = find_plan (store, year);
  if (plan == NULL)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                   /* Translators: %d is a year */
                   _("There is no plan for %d."), year);
      return FALSE;
    }

  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;

  context = sd_org_chart_create_pango_context ();
  layout = sd_plan_layout_new (context, store, plan, today, A4_LONG_PT, A4_SHORT_PT);
  g_object_unref (context);

  closure.stream = G_OUTPUT_STREAM (stream);
  status = render_pdf (layout, &closure);

  if (status != CAIRO_STATUS_SUCCESS || closure.error != NULL)
    {
      /* Closing with a cancelled cancellable drops the half-written file
       * and leaves any earlier one as it was. */
      abort = g_cancellable_new ();
      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abort, NULL);

      if (closure.error != NULL)
        g_propagate_error (error, closure.error);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     /* Translators: %s is the reason, from the drawing library */
                     _("Could not draw the plan: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}
