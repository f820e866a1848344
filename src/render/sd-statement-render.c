/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-statement-render"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "sd-color.h"
#include "sd-labels.h"
#include "sd-org-chart.h"
#include "sd-signature.h"
#include "sd-statement-render.h"

/*
 * The statement is built as a flow of blocks: the title, a row of the
 * posts table, an area heading, a row of the duties table, the signature
 * block. A block is never split across pages, unless it is taller than a
 * whole page (a duty of several hundred characters on narrow paper); then
 * it is cut between lines of text, never through one. A heading is kept
 * with what follows it, and a table row that starts a page gets its
 * table's column headings above it again, so that every page can be read
 * on its own. The signature block is one block: the name, date, meaning,
 * hash and signature of a signed record belong on one sheet.
 *
 * Every text is a PangoLayout made once, in the caller's PangoContext, and
 * drawn with the same layout: what was measured is what is printed, and
 * Chinese text is shaped by Pango (Cairo's own text API cannot).
 */

#define A4_WIDTH_PT      595.276
#define A4_HEIGHT_PT     841.89

#define MARGIN_SIDE      50.0
#define MARGIN_TOP       50.0
#define MARGIN_BOTTOM    60.0
#define FOOTER_OFFSET    22.0

#define TITLE_SIZE       20.0
#define SUBTITLE_SIZE    13.0
#define SECTION_SIZE     13.0
#define AREA_SIZE        11.0
#define TEXT_SIZE        9.5
#define SMALL_SIZE       8.0
#define HASH_SIZE        8.5
#define FOOTER_SIZE      8.0

#define CELL_PAD         4.0
#define COLUMN_GAP       8.0
#define LABEL_WIDTH      104.0
#define SECTION_GAP      18.0
#define AREA_GAP         10.0
#define NOTICE_PAD       8.0
#define SIGN_LINE_HEIGHT 30.0
#define SIGN_LINE_WIDTH  220.0
#define SIGNATURE_WIDTH  220.0
#define SIGNATURE_HEIGHT 80.0

/* Columns of the duties table, in points; the text column takes the rest. */
#define CODE_WIDTH       64.0
#define PARTY_WIDTH      100.0
#define ROLE_WIDTH       72.0
/* Posts and bodies: the name column; the holders or seat take the rest. */
#define SEAT_NAME_WIDTH  190.0

#define FONT_FAMILY      "Noto Sans CJK SC, Sans"
#define MONO_FAMILY      "Noto Sans Mono CJK SC, Monospace"

typedef enum
{
  ITEM_TEXT,
  ITEM_LINE,
  ITEM_FILL,
  ITEM_FRAME,
  ITEM_SIGNATURE,
} ItemKind;

/* One thing drawn in a block, relative to the block's top-left corner. A
 * line goes from (x, y) to (x + width, y + height). */
typedef struct
{
  ItemKind     kind;
  double       x, y, width, height;
  double       line_width;
  SdColor      color;
  PangoLayout *layout;      /* ITEM_TEXT */
} Item;

typedef struct _Block Block;
struct _Block
{
  GArray  *items;           /* of Item */
  double   text_bottom;     /* the lowest bottom of its texts so far */
  double   height;
  double   space_before;    /* unless it starts a page */
  gboolean keep_with_next;
  Block   *header;          /* table rows: the column headings to repeat */
};

/* Where a block, or the slice [from, to) of it, lies on a page. */
typedef struct
{
  Block  *block;
  double  y;
  double  from, to;
} Placement;

struct _SdStatementLayout
{
  PangoContext *context;
  double        page_width, page_height;
  double        margin_side, margin_top, margin_bottom;
  double        content_width;

  GPtrArray    *blocks;     /* of Block, owned */
  GPtrArray    *flow;       /* of Block, in order; a block may recur */
  GPtrArray    *pages;      /* of GArray of Placement */
  GPtrArray    *footers;    /* of PangoLayout, two per page */

  SdSignature  *signature;  /* the handwritten signature, or NULL */

  SdColor       ink;
  SdColor       dim;
  SdColor       rule;
  SdColor       header_fill;
  SdColor       warning;
  SdColor       warning_fill;
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

static Block *
block_new (SdStatementLayout *self,
           double             space_before)
{
  Block *block = g_new0 (Block, 1);

  block->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (block->items, item_clear);
  block->space_before = space_before;
  g_ptr_array_add (self->blocks, block);
  g_ptr_array_add (self->flow, block);
  return block;
}

static double
layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) height / PANGO_SCALE;
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
  block->text_bottom = MAX (block->text_bottom, y + item.height);
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

/* Text. */

static PangoLayout *
make_layout (SdStatementLayout *self,
             const char        *text,
             double             size,
             PangoWeight        weight,
             double             width,
             gboolean           monospace)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *font = pango_font_description_new ();
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_font_description_set_family (font, monospace ? MONO_FAMILY : FONT_FAMILY);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  /* A code, a hash or a name cut at the end of a line must not gain a
   * hyphen that is not in the signed text. */
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
add_heading (SdStatementLayout *self,
             const char        *text,
             double             size,
             double             space_before)
{
  Block *block = block_new (self, space_before);
  double bottom;

  bottom = block_add_text (block, make_layout (self, text, size, PANGO_WEIGHT_BOLD,
                                               self->content_width, FALSE),
                           0, 0, &self->ink);
  block->height = bottom + CELL_PAD;
  block->keep_with_next = TRUE;
}

static void
add_paragraph (SdStatementLayout *self,
               const char        *text,
               const SdColor     *color)
{
  Block *block = block_new (self, 0);

  block->height = block_add_text (block, make_layout (self, text, TEXT_SIZE,
                                                      PANGO_WEIGHT_NORMAL,
                                                      self->content_width, FALSE),
                                  0, CELL_PAD, color) + CELL_PAD;
}

/* A "label: value" row; the value is taken. Returns the bottom. */
static double
add_field (SdStatementLayout *self,
           Block             *block,
           double             y,
           const char        *label,
           PangoLayout       *value,
           const SdColor     *value_color)
{
  double label_bottom, value_bottom;

  label_bottom = block_add_text (block, make_layout (self, label, TEXT_SIZE, PANGO_WEIGHT_BOLD,
                                                     LABEL_WIDTH - COLUMN_GAP, FALSE),
                                 0, y + CELL_PAD, &self->dim);
  value_bottom = block_add_text (block, value, LABEL_WIDTH, y + CELL_PAD, value_color);
  return MAX (label_bottom, value_bottom) + CELL_PAD;
}

static PangoLayout *
make_value (SdStatementLayout *self,
            const char        *text)
{
  return make_layout (self, text, TEXT_SIZE, PANGO_WEIGHT_NORMAL,
                      self->content_width - LABEL_WIDTH, FALSE);
}

static void
add_title (SdStatementLayout *self,
           const SdStatement *statement)
{
  Block *block = block_new (self, 0);
  double y;

  y = block_add_text (block, make_layout (self, _("Responsibility Statement"), TITLE_SIZE,
                                          PANGO_WEIGHT_BOLD, self->content_width, FALSE),
                      0, 0, &self->ink);
  y = block_add_text (block, make_layout (self, statement->unit_name, SUBTITLE_SIZE,
                                          PANGO_WEIGHT_NORMAL, self->content_width, FALSE),
                      0, y + 2, &self->dim);
  y += 8;
  block_add_shape (block, ITEM_LINE, 0, y, self->content_width, 0, 1.0, &self->ink);
  y += 6;

  y = add_field (self, block, y, _("Unit"), make_value (self, statement->unit_name), &self->ink);
  if (statement->head_name != NULL)
    y = add_field (self, block, y, _("Head"), make_value (self, statement->head_name),
                   &self->ink);
  else
    y = add_field (self, block, y, _("Head"), make_value (self, _("No head")), &self->dim);
  block->height = y;
}

/* A notice that the signature no longer covers the duties. */
static double
add_outdated_notice (SdStatementLayout *self,
                     Block             *block,
                     double             y)
{
  double inner = self->content_width - 2 * NOTICE_PAD;
  double top = y;
  double bottom;

  bottom = block_add_text (block, make_layout (self, _("Outdated signature"), TEXT_SIZE + 1,
                                               PANGO_WEIGHT_BOLD, inner, FALSE),
                           NOTICE_PAD, y + NOTICE_PAD, &self->warning);
  bottom = block_add_text (block,
                           make_layout (self,
                                        _("The duties changed after this statement was signed. "
                                          "The signature below does not cover them: the "
                                          "statement must be signed again."),
                                        TEXT_SIZE, PANGO_WEIGHT_NORMAL, inner, FALSE),
                           NOTICE_PAD, bottom + 2, &self->ink);
  bottom += NOTICE_PAD;

  /* The fill goes under the text: items are drawn in order. */
  g_array_insert_val (block->items, 0, ((Item) { ITEM_FILL, 0, top, self->content_width,
                                                 bottom - top, 0, self->warning_fill, NULL }));
  block_add_shape (block, ITEM_FRAME, 0, top, self->content_width, bottom - top, 1.5,
                   &self->warning);
  return bottom;
}

/* Posts and bodies: a two-column table, or a line that says there is none. */
static void
add_seats (SdStatementLayout *self,
           const char        *title,
           const char        *name_heading,
           const char        *holders_heading,
           const char        *none,
           const char        *vacant,
           GPtrArray         *seats)
{
  double value_x = SEAT_NAME_WIDTH + COLUMN_GAP;
  double value_width = self->content_width - value_x;
  Block *header;

  add_heading (self, title, SECTION_SIZE, SECTION_GAP);

  if (seats == NULL || seats->len == 0)
    {
      add_paragraph (self, none, &self->dim);
      return;
    }

  header = block_new (self, 0);
  header->keep_with_next = TRUE;
  block_add_shape (header, ITEM_FILL, 0, 0, self->content_width, 0, 0, &self->header_fill);
  block_add_text (header, make_layout (self, name_heading, SMALL_SIZE, PANGO_WEIGHT_BOLD,
                                       SEAT_NAME_WIDTH, FALSE),
                  CELL_PAD, CELL_PAD, &self->dim);
  block_add_text (header, make_layout (self, holders_heading, SMALL_SIZE, PANGO_WEIGHT_BOLD,
                                       value_width, FALSE),
                  value_x, CELL_PAD, &self->dim);
  header->height = header->text_bottom + CELL_PAD;
  g_array_index (header->items, Item, 0).height = header->height;

  for (guint i = 0; i < seats->len; i++)
    {
      const SdStatementSeat *seat = g_ptr_array_index (seats, i);
      gboolean empty = seat->holders == NULL || seat->holders[0] == '\0';
      Block *row = block_new (self, 0);
      double name_bottom, value_bottom;

      row->header = header;
      name_bottom = block_add_text (row, make_layout (self, seat->name, TEXT_SIZE,
                                                      PANGO_WEIGHT_NORMAL,
                                                      SEAT_NAME_WIDTH - CELL_PAD, FALSE),
                                    CELL_PAD, CELL_PAD, &self->ink);
      value_bottom = block_add_text (row, make_layout (self, empty ? vacant : seat->holders,
                                                       TEXT_SIZE, PANGO_WEIGHT_NORMAL,
                                                       value_width, FALSE),
                                     value_x, CELL_PAD, empty ? &self->dim : &self->ink);
      row->height = MAX (name_bottom, value_bottom) + CELL_PAD;
      block_add_shape (row, ITEM_LINE, 0, row->height, self->content_width, 0, 0.5, &self->rule);
    }
}

typedef struct
{
  double code_x, text_x, party_x, role_x;
  double text_width;
} DutyColumns;

static Block *
add_duty_header (SdStatementLayout *self,
                 const DutyColumns *columns)
{
  Block *header = block_new (self, 0);
  struct { const char *label; double x, width; } cells[] = {
    /* Translators: a column of the duties table: the duty's number */
    { C_("duty column", "Code"), columns->code_x, CODE_WIDTH },
    /* Translators: a column of the duties table */
    { C_("duty column", "Duty"), columns->text_x, columns->text_width },
    /* Translators: a column of the duties table: the post, unit or body that holds it */
    { C_("duty column", "Held by"), columns->party_x, PARTY_WIDTH },
    /* Translators: a column of the duties table: responsible, accountable, … */
    { C_("duty column", "Role"), columns->role_x, ROLE_WIDTH },
  };

  header->keep_with_next = TRUE;
  block_add_shape (header, ITEM_FILL, 0, 0, self->content_width, 0, 0, &self->header_fill);
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    block_add_text (header, make_layout (self, cells[i].label, SMALL_SIZE, PANGO_WEIGHT_BOLD,
                                         cells[i].width, FALSE),
                    cells[i].x, CELL_PAD, &self->dim);
  header->height = header->text_bottom + CELL_PAD;
  g_array_index (header->items, Item, 0).height = header->height;
  return header;
}

static void
add_duty_row (SdStatementLayout     *self,
              const DutyColumns     *columns,
              Block                 *header,
              const SdStatementDuty *duty)
{
  Block *row = block_new (self, 0);
  char role[2] = { duty->role, '\0' };
  double text_bottom;

  row->header = header;
  block_add_text (row, make_layout (self, duty->code, TEXT_SIZE, PANGO_WEIGHT_BOLD, CODE_WIDTH,
                                    FALSE),
                  columns->code_x, CELL_PAD, &self->ink);

  text_bottom = block_add_text (row, make_layout (self, duty->text, TEXT_SIZE,
                                                  PANGO_WEIGHT_NORMAL, columns->text_width,
                                                  FALSE),
                                columns->text_x, CELL_PAD, &self->ink);
  if (duty->source != NULL && duty->source[0] != '\0')
    {
      /* Translators: under a duty in the printed statement; %s is the
       * document and article it comes from */
      g_autofree char *source = g_strdup_printf (_("Source: %s"), duty->source);

      block_add_text (row, make_layout (self, source, SMALL_SIZE, PANGO_WEIGHT_NORMAL,
                                        columns->text_width, FALSE),
                      columns->text_x, text_bottom + 2, &self->dim);
    }

  block_add_text (row, make_layout (self, duty->party, TEXT_SIZE, PANGO_WEIGHT_NORMAL,
                                    PARTY_WIDTH, FALSE),
                  columns->party_x, CELL_PAD, &self->ink);
  block_add_text (row, make_layout (self, sd_raci_label (role), TEXT_SIZE, PANGO_WEIGHT_NORMAL,
                                    ROLE_WIDTH, FALSE),
                  columns->role_x, CELL_PAD, &self->ink);
  row->height = row->text_bottom + CELL_PAD;
  block_add_shape (row, ITEM_LINE, 0, row->height, self->content_width, 0, 0.5, &self->rule);
}

/* The duties, grouped by area in the order in which each area first
 * appears (the statement's order is by position), and in the statement's
 * order within an area. */
static void
add_duties (SdStatementLayout *self,
            const SdStatement *statement)
{
  g_autoptr(GHashTable) by_area = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) areas = g_ptr_array_new ();
  DutyColumns columns;

  columns.code_x = 0;
  columns.text_x = CODE_WIDTH + COLUMN_GAP;
  columns.role_x = self->content_width - ROLE_WIDTH;
  columns.party_x = columns.role_x - COLUMN_GAP - PARTY_WIDTH;
  columns.text_width = columns.party_x - COLUMN_GAP - columns.text_x;

  add_heading (self, _("Duties"), SECTION_SIZE, SECTION_GAP);

  if (statement->duties == NULL || statement->duties->len == 0)
    {
      add_paragraph (self, _("The unit holds no duties."), &self->dim);
      return;
    }

  for (guint i = 0; i < statement->duties->len; i++)
    {
      const SdStatementDuty *duty = g_ptr_array_index (statement->duties, i);
      const char *area = duty->area != NULL ? duty->area : "";
      GPtrArray *list = g_hash_table_lookup (by_area, area);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_area, (gpointer) area, list);
          g_ptr_array_add (areas, (gpointer) area);
        }
      g_ptr_array_add (list, (gpointer) duty);
    }

  for (guint i = 0; i < areas->len; i++)
    {
      const char *area = g_ptr_array_index (areas, i);
      GPtrArray *list = g_hash_table_lookup (by_area, area);
      Block *header;

      add_heading (self, area[0] != '\0' ? area : _("Other duties"), AREA_SIZE, AREA_GAP);
      header = add_duty_header (self, &columns);
      for (guint j = 0; j < list->len; j++)
        add_duty_row (self, &columns, header, g_ptr_array_index (list, j));
    }
}

static char *
format_signed_at (const char *signed_at)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) local = NULL;
  char *text;

  if (signed_at == NULL)
    return g_strdup ("");
  when = g_date_time_new_from_iso8601 (signed_at, NULL);
  if (when == NULL)
    return g_strdup (signed_at);
  local = g_date_time_to_local (when);
  /* Translators: the date and time of a signature, in g_date_time_format()'s
   * notation (%:z is the offset from UTC, e.g. +08:00); for Chinese
   * "%Y年%-m月%-d日 %H:%M:%S（UTC%:z）" */
  text = g_date_time_format (local, _("%-d %B %Y, %H:%M:%S (UTC%:z)"));
  return text != NULL ? text : g_strdup (signed_at);
}

/* Blank lines to sign on paper, each under its label. */
static double
add_sign_line (SdStatementLayout *self,
               Block             *block,
               double             y,
               const char        *label)
{
  block_add_text (block, make_layout (self, label, TEXT_SIZE, PANGO_WEIGHT_BOLD,
                                      LABEL_WIDTH - COLUMN_GAP, FALSE),
                  0, y + SIGN_LINE_HEIGHT - TEXT_SIZE * 1.6, &self->dim);
  block_add_shape (block, ITEM_LINE, LABEL_WIDTH, y + SIGN_LINE_HEIGHT,
                   MIN (SIGN_LINE_WIDTH, self->content_width - LABEL_WIDTH), 0, 0.8, &self->ink);
  return y + SIGN_LINE_HEIGHT + CELL_PAD;
}

static void
add_signature_block (SdStatementLayout *self,
                     SdSignoff         *signoff,
                     gboolean           outdated)
{
  Block *block = block_new (self, SECTION_GAP);
  double y;

  y = block_add_text (block, make_layout (self, _("Signature"), SECTION_SIZE, PANGO_WEIGHT_BOLD,
                                          self->content_width, FALSE),
                      0, 0, &self->ink) + CELL_PAD;

  if (signoff == NULL)
    {
      y = block_add_text (block,
                          make_layout (self,
                                       _("Not signed yet. By signing, the head of the unit "
                                         "acknowledges and accepts the duties above."),
                                       TEXT_SIZE, PANGO_WEIGHT_NORMAL, self->content_width,
                                       FALSE),
                          0, y + CELL_PAD, &self->dim) + CELL_PAD;
      /* Translators: a blank line on the printed statement to write a name on */
      y = add_sign_line (self, block, y, C_("signature line", "Name"));
      y = add_sign_line (self, block, y, _("Date and time"));
      y = add_sign_line (self, block, y, _("Signature"));
      block->height = y;
      return;
    }

  if (outdated)
    y = add_outdated_notice (self, block, y + CELL_PAD) + CELL_PAD;

  {
    const char *meaning = sd_signoff_get_meaning (signoff);
    g_autofree char *when = format_signed_at (sd_signoff_get_signed_at (signoff));
    const char *sha256 = sd_signoff_get_sha256 (signoff);
    GBytes *bytes = sd_signoff_get_signature (signoff);

    y = add_field (self, block, y, _("Signed by"),
                   make_value (self, sd_signoff_get_signer_name (signoff)), &self->ink);
    y = add_field (self, block, y, _("Date and time"), make_value (self, when), &self->ink);
    y = add_field (self, block, y, _("Meaning"),
                   make_value (self, meaning != NULL ? meaning : ""), &self->ink);
    y = add_field (self, block, y, "SHA-256",
                   make_layout (self, sha256 != NULL ? sha256 : "", HASH_SIZE,
                                PANGO_WEIGHT_NORMAL, self->content_width - LABEL_WIDTH, TRUE),
                   &self->ink);

    if (bytes != NULL && g_bytes_get_size (bytes) > 0)
      {
        g_autoptr(GError) error = NULL;

        self->signature = sd_signature_parse (bytes, &error);
        if (self->signature == NULL)
          g_warning ("The handwritten signature cannot be read: %s", error->message);
      }

    if (self->signature != NULL && !sd_signature_is_empty (self->signature))
      {
        double width = MIN (SIGNATURE_WIDTH, self->content_width - LABEL_WIDTH);

        block_add_text (block, make_layout (self, _("Signature"), TEXT_SIZE, PANGO_WEIGHT_BOLD,
                                            LABEL_WIDTH - COLUMN_GAP, FALSE),
                        0, y + CELL_PAD, &self->dim);
        block_add_shape (block, ITEM_SIGNATURE, LABEL_WIDTH, y + CELL_PAD, width,
                         SIGNATURE_HEIGHT, 0, &self->ink);
        block_add_shape (block, ITEM_LINE, LABEL_WIDTH, y + CELL_PAD + SIGNATURE_HEIGHT, width, 0,
                         0.5, &self->rule);
        y += SIGNATURE_HEIGHT + 2 * CELL_PAD;
      }
    else
      {
        y = add_field (self, block, y, _("Signature"),
                       make_value (self, _("No handwritten signature")), &self->dim);
      }
  }
  block->height = y;
}

/* Pages. */

/* Line boundaries of the texts of @block: a cut at y passes through a line
 * when top < y < bottom for one of them. */
static GArray *
block_line_ranges (Block *block)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (double) * 2);

  for (guint i = 0; i < block->items->len; i++)
    {
      Item *item = &g_array_index (block->items, Item, i);
      PangoLayoutIter *iter;

      if (item->kind != ITEM_TEXT)
        continue;

      iter = pango_layout_get_iter (item->layout);
      do
        {
          int top, bottom;
          double range[2];

          pango_layout_iter_get_line_yrange (iter, &top, &bottom);
          range[0] = item->y + (double) top / PANGO_SCALE;
          range[1] = item->y + (double) bottom / PANGO_SCALE;
          g_array_append_val (ranges, range);
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
    }
  return ranges;
}

/* Where to end the slice of @block that starts at @from and may be @space
 * tall: the lowest line end within reach that cuts through no line of any
 * column, or, when even that is impossible, wherever the space ends. */
static double
find_cut (Block  *block,
          double  from,
          double  space)
{
  g_autoptr(GArray) ranges = block_line_ranges (block);
  double limit = from + space;
  double best = limit;
  gboolean found = FALSE;

  for (guint i = 0; i < ranges->len; i++)
    {
      double cut = g_array_index (ranges, double, 2 * i + 1);
      gboolean clean = TRUE;

      if (cut <= from + 1 || cut > limit || (found && cut <= best))
        continue;
      for (guint j = 0; j < ranges->len && clean; j++)
        {
          double top = g_array_index (ranges, double, 2 * j);
          double bottom = g_array_index (ranges, double, 2 * j + 1);

          clean = !(top + 0.01 < cut && cut < bottom - 0.01);
        }
      if (clean)
        {
          best = cut;
          found = TRUE;
        }
    }
  return best;
}

static void
place (GArray *page,
       Block  *block,
       double  y,
       double  from,
       double  to)
{
  Placement placement = { block, y, from, to };

  g_array_append_val (page, placement);
}

static void
paginate (SdStatementLayout *self)
{
  double top = self->margin_top;
  double bottom = self->page_height - self->margin_bottom;
  double page_space = bottom - top;
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Placement));
  Block *previous = NULL;
  double y = top;

  g_ptr_array_add (self->pages, page);

  for (guint i = 0; i < self->flow->len; i++)
    {
      Block *block = g_ptr_array_index (self->flow, i);
      double gap = y > top ? block->space_before : 0;
      double need = block->height;
      double from = 0;

      /* A heading needs room for what it heads, at least its first row. */
      if (block->keep_with_next)
        {
          for (guint j = i + 1; j < self->flow->len; j++)
            {
              Block *next = g_ptr_array_index (self->flow, j);

              need += next->height;
              if (!next->keep_with_next)
                break;
            }
          if (need > page_space)
            need = block->height;
        }

      /* A block taller than a page is cut anyway: it starts where it is,
       * unless that leaves it only a sliver. */
      if (block->height > page_space)
        need = MIN (need, page_space / 4);

      if (y > top && y + gap + MIN (need, page_space) > bottom)
        {
          page = g_array_new (FALSE, FALSE, sizeof (Placement));
          g_ptr_array_add (self->pages, page);
          y = top;
          gap = 0;
        }
      y += gap;

      while (TRUE)
        {
          double space, to;

          /* A table row at the top of a page is read under its headings. */
          if (y == top && block->header != NULL && previous != block->header)
            {
              place (page, block->header, y, 0, block->header->height);
              y += block->header->height;
              previous = block->header;
            }

          /* Headings taller than the page still leave room to go on. */
          space = MAX (bottom - y, page_space / 4);
          if (block->height - from <= space)
            {
              place (page, block, y, from, block->height);
              y += block->height - from;
              break;
            }

          /* Only a block taller than a page gets here, or one that does
           * not fit under its repeated headings. */
          to = find_cut (block, from, space);
          if (to <= from)
            to = from + space;
          place (page, block, y, from, to);
          from = to;
          page = g_array_new (FALSE, FALSE, sizeof (Placement));
          g_ptr_array_add (self->pages, page);
          y = top;
          previous = NULL;
        }
      previous = block;
    }
}

static void
add_footers (SdStatementLayout *self,
             const SdStatement *statement)
{
  double half = self->content_width / 2 - COLUMN_GAP;
  guint n_pages = self->pages->len;

  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *number = g_strdup_printf (_("Page %u of %u"), i + 1, n_pages);
      PangoLayout *unit = make_layout (self, statement->unit_name, FOOTER_SIZE,
                                       PANGO_WEIGHT_NORMAL, half, FALSE);
      PangoLayout *page = make_layout (self, number, FOOTER_SIZE, PANGO_WEIGHT_NORMAL, half,
                                       FALSE);

      pango_layout_set_ellipsize (unit, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (page, PANGO_ALIGN_RIGHT);
      g_ptr_array_add (self->footers, unit);
      g_ptr_array_add (self->footers, page);
    }
}

/**
 * sd_statement_layout_new:
 * @context: where text is measured: the print context's, or
 *   sd_org_chart_create_pango_context() for a file
 * @statement: the statement (only read here; it may be freed afterwards)
 * @signoff: (nullable): the sign-off to print in the signature block
 * @outdated: whether @signoff was made for other duties than @statement's
 * @page_width: the width of a page, in points
 * @page_height: the height of a page, in points
 *
 * Lays the statement out on pages of the given size.
 *
 * Returns: (transfer full): the layout
 */
SdStatementLayout *
sd_statement_layout_new (PangoContext      *context,
                         const SdStatement *statement,
                         SdSignoff         *signoff,
                         gboolean           outdated,
                         double             page_width,
                         double             page_height)
{
  SdStatementLayout *self;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (statement != NULL, NULL);
  g_return_val_if_fail (signoff == NULL || SD_IS_SIGNOFF (signoff), NULL);
  g_return_val_if_fail (page_width > 0 && page_height > 0, NULL);

  self = g_new0 (SdStatementLayout, 1);
  self->context = g_object_ref (context);
  self->page_width = page_width;
  self->page_height = page_height;
  /* Paper smaller than A4 (or a printer's imageable area) keeps most of
   * its width for the text. */
  self->margin_side = MIN (MARGIN_SIDE, page_width / 10);
  self->margin_top = MIN (MARGIN_TOP, page_height / 12);
  self->margin_bottom = MIN (MARGIN_BOTTOM, page_height / 10);
  self->content_width = page_width - 2 * self->margin_side;

  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->flow = g_ptr_array_new ();
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->footers = g_ptr_array_new_with_free_func (g_object_unref);

  self->ink = sd_color_from_hex (0x1e1e1e);
  self->dim = sd_color_from_hex (0x5e5c64);
  self->rule = sd_color_from_hex (0xc0bfbc);
  self->header_fill = sd_color_from_hex (0xf0efed);
  self->warning = sd_color_from_hex (0xc01c28);
  self->warning_fill = sd_color_from_hex (0xfdecec);

  add_title (self, statement);
  if (signoff != NULL && outdated)
    {
      Block *block = block_new (self, SECTION_GAP);

      block->height = add_outdated_notice (self, block, 0);
    }

  add_seats (self, _("Posts"), C_("column", "Post"), _("Holders"),
             _("The unit has no posts."), _("Vacant"), statement->posts);
  add_seats (self, _("Security bodies"), C_("column", "Body"), _("Seat of the head"),
             _("The head holds no seat in a security body."), "", statement->bodies);
  add_duties (self, statement);
  add_signature_block (self, signoff, outdated);

  paginate (self);
  add_footers (self, statement);

  return self;
}

void
sd_statement_layout_free (SdStatementLayout *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->footers);
  g_ptr_array_unref (self->pages);
  g_ptr_array_unref (self->flow);
  g_ptr_array_unref (self->blocks);
  g_clear_pointer (&self->signature, sd_signature_free);
  g_object_unref (self->context);
  g_free (self);
}

guint
sd_statement_layout_get_n_pages (SdStatementLayout *self)
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

/* Draws the lines of a text that lie in the slice [@from, @to) of its
 * block: a clip would hide the others, but they would still be in the
 * file, found by a search and copied with the text of the page. */
static void
draw_text_lines (cairo_t *cr,
                 Item    *item,
                 double   from,
                 double   to)
{
  PangoLayoutIter *iter = pango_layout_get_iter (item->layout);

  do
    {
      PangoRectangle logical;
      int top, bottom;
      double middle;

      pango_layout_iter_get_line_yrange (iter, &top, &bottom);
      middle = item->y + (top + bottom) / 2.0 / PANGO_SCALE;
      if (middle < from || middle >= to)
        continue;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      cairo_move_to (cr, item->x + (double) logical.x / PANGO_SCALE,
                     item->y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
      pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_block (SdStatementLayout *self,
            cairo_t           *cr,
            Block             *block,
            double             from,
            double             to)
{
  for (guint i = 0; i < block->items->len; i++)
    {
      Item *item = &g_array_index (block->items, Item, i);

      switch (item->kind)
        {
        case ITEM_TEXT:
          set_color (cr, &item->color);
          if (item->y >= from && item->y + item->height <= to)
            {
              cairo_move_to (cr, item->x, item->y);
              pango_cairo_show_layout (cr, item->layout);
            }
          else if (item->y < to && item->y + item->height > from)
            {
              draw_text_lines (cr, item, from, to);
            }
          break;

        case ITEM_LINE:
          set_color (cr, &item->color);
          cairo_set_line_width (cr, item->line_width);
          cairo_move_to (cr, item->x, item->y);
          cairo_line_to (cr, item->x + item->width, item->y + item->height);
          cairo_stroke (cr);
          break;

        case ITEM_FILL:
          set_color (cr, &item->color);
          cairo_rectangle (cr, item->x, item->y, item->width, item->height);
          cairo_fill (cr);
          break;

        case ITEM_FRAME:
          set_color (cr, &item->color);
          cairo_set_line_width (cr, item->line_width);
          cairo_rectangle (cr, item->x, item->y, item->width, item->height);
          cairo_stroke (cr);
          break;

        case ITEM_SIGNATURE:
          if (self->signature != NULL)
            sd_signature_draw (self->signature, cr, item->x, item->y, item->width,
                               item->height, &item->color);
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

/**
 * sd_statement_layout_draw_page:
 * @self: the layout
 * @cr: where to draw, in points, with (0, 0) the top-left corner of the page
 * @page: the page, from 0
 *
 * Draws one page with its footer. The paper is not painted: it is white.
 */
void
sd_statement_layout_draw_page (SdStatementLayout *self,
                               cairo_t           *cr,
                               guint              page)
{
  GArray *placements;
  double footer_y;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  placements = g_ptr_array_index (self->pages, page);
  for (guint i = 0; i < placements->len; i++)
    {
      Placement *placement = &g_array_index (placements, Placement, i);
      gboolean sliced = placement->from > 0 || placement->to < placement->block->height;

      cairo_save (cr);
      cairo_translate (cr, self->margin_side, placement->y - placement->from);
      if (sliced)
        {
          /* Wide enough for the rules' ends, not for the text of the next
           * slice. */
          cairo_rectangle (cr, -2, placement->from, self->content_width + 4,
                           placement->to - placement->from);
          cairo_clip (cr);
        }
      draw_block (self, cr, placement->block, placement->from, placement->to);
      cairo_restore (cr);
    }

  footer_y = self->page_height - self->margin_bottom + FOOTER_OFFSET;
  cairo_save (cr);
  set_color (cr, &self->rule);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, self->margin_side, footer_y - 6);
  cairo_line_to (cr, self->margin_side + self->content_width, footer_y - 6);
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
render_pdf (SdStatementLayout *layout,
            const char        *title,
            WriteClosure      *closure)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (write_cb, closure, A4_WIDTH_PT, A4_HEIGHT_PT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Security Duties");

  cr = cairo_create (surface);
  for (guint i = 0; i < sd_statement_layout_get_n_pages (layout); i++)
    {
      sd_statement_layout_draw_page (layout, cr, i);
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

/**
 * sd_statement_export_pdf:
 * @store: the data
 * @unit: the unit whose statement to write
 * @path: the PDF file to write
 * @error: return location for an error
 *
 * Writes the statement of @unit as it is today, on A4 portrait pages, with
 * its newest sign-off in the signature block; a sign-off whose hash is not
 * that of today's statement is printed as outdated. The file is replaced
 * only once it has been written in full.
 *
 * Returns: %TRUE on success
 */
gboolean
sd_statement_export_pdf (SdStore     *store,
                         SdUnit      *unit,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(SdStatement) statement = NULL;
  g_autoptr(SdStatementLayout) layout = NULL;
  PangoContext *context;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abort = NULL;
  g_autofree char *title = NULL;
  WriteClosure closure = { NULL, NULL };
  SdSignoff *signoff;
  gboolean outdated = FALSE;
  cairo_status_t status;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (SD_IS_UNIT (unit), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  statement = sd_statement_new (store, unit);
  signoff = sd_signoff_find_latest (store, sd_item_get_id (SD_ITEM (unit)));
  if (signoff != NULL)
    {
      g_autofree char *text = sd_statement_to_canonical (statement);
      g_autofree char *hash = sd_statement_hash (text);

      outdated = g_strcmp0 (hash, sd_signoff_get_sha256 (signoff)) != 0;
    }

  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;

  context = sd_org_chart_create_pango_context ();
  layout = sd_statement_layout_new (context, statement, signoff, outdated,
                                    A4_WIDTH_PT, A4_HEIGHT_PT);
  g_object_unref (context);

  /* Translators: the title of an exported PDF file; %s is the unit */
  title = g_strdup_printf (_("Responsibility Statement — %s"), statement->unit_name);
  closure.stream = G_OUTPUT_STREAM (stream);
  status = render_pdf (layout, title, &closure);

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
                     _("Could not draw the responsibility statement: %s"),
                     cairo_status_to_string (status));
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}
