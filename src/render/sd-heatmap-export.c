/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-heatmap-export"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "sd-org-chart.h"
#include "sd-person.h"
#include "sd-risk-matrix.h"
#include "sd-unit.h"
#include "sd-heatmap-export.h"
#include "sd-heatmap-private.h"

/*
 * The map goes to a file as it is drawn on screen, by sd_heatmap_draw()
 * with the light style: an image, a vector drawing, or the first page of
 * a document whose other pages hold the register, so that the minutes of
 * a workshop carry both the picture and what it stands for.
 *
 * The register can have thousands of rows. Its pages are measured once
 * (the height of every row) and each page's text is laid out again when
 * the page is drawn, so that the memory does not grow with the register.
 */

#define A4_LONG_PT        841.89
#define A4_SHORT_PT       595.276
#define DEFAULT_PNG_WIDTH  1600
#define DEFAULT_PNG_HEIGHT 1200

#define MARGIN            36.0
#define FOOTER_HEIGHT     24.0
#define TITLE_SIZE        16.0
#define SUBTITLE_SIZE     10.0
#define HEADING_SIZE      12.0
#define TEXT_SIZE         9.0
#define HEADER_SIZE       8.5
#define FOOTER_SIZE       8.0
#define CELL_PAD          4.0
#define COLUMN_GAP        8.0
#define SWATCH_SIZE       8.0
#define MAX_LINES         6

#define FONT_FAMILY       "Noto Sans CJK SC, Sans"

enum
{
  COLUMN_CODE,
  COLUMN_TITLE,
  COLUMN_OWNER,
  COLUMN_RATING,
  COLUMN_ZONE,
  N_COLUMNS
};

/* The share of the width each column takes. */
static const double column_shares[N_COLUMNS] = { 0.10, 0.36, 0.25, 0.12, 0.17 };

typedef struct
{
  char     *text[N_COLUMNS];
  SdZone    zone;
  gboolean  rated;
  double    height;
} Row;

/* The rows [first, first + n) on one register page. */
typedef struct
{
  guint first;
  guint n;
} Page;

struct _SdHeatmapPrint
{
  PangoContext  *context;
  SdHeatmapData *data;
  SdHeatmapStyle style;
  double         page_width, page_height;
  double         margin;
  double         content_width;
  double         column_x[N_COLUMNS];
  double         column_width[N_COLUMNS];
  char          *title;
  char          *subtitle;
  GPtrArray     *rows;          /* of Row */
  GArray        *pages;         /* of Page; the map's page is not among them */
  double         header_height;
  double         heading_height;
  PangoLayout   *layout;        /* reused for every text */
};

static void
row_free (gpointer data)
{
  Row *row = data;

  for (guint c = 0; c < N_COLUMNS; c++)
    g_free (row->text[c]);
  g_free (row);
}

static int
row_compare (gconstpointer a,
             gconstpointer b)
{
  const Row *ra = *(const Row * const *) a;
  const Row *rb = *(const Row * const *) b;

  return sd_heatmap_compare_codes (ra->text[COLUMN_CODE], rb->text[COLUMN_CODE]);
}

static void
set_color (cairo_t       *cr,
           const SdColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/* Sets up the shared layout; returns its height in points. */
static double
prepare_text (SdHeatmapPrint *self,
              const char     *text,
              double          size,
              PangoWeight     weight,
              double          width,
              int             max_lines)
{
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);
  int w, h;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (self->layout, font);
  pango_font_description_free (font);

  pango_layout_set_width (self->layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_height (self->layout, max_lines > 0 ? -max_lines : -1);
  pango_layout_set_ellipsize (self->layout,
                              max_lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (self->layout, PANGO_ALIGN_LEFT);
  pango_layout_set_text (self->layout, text != NULL ? text : "", -1);
  pango_layout_get_size (self->layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
show_text (SdHeatmapPrint *self,
           cairo_t        *cr,
           const SdColor  *color,
           double          x,
           double          y)
{
  set_color (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, self->layout);
}

/* What a row says, measured. */
static Row *
make_row (SdHeatmapPrint        *self,
          SdStore               *store,
          SdRisk                *risk,
          const SdHeatmapMarker *marker)
{
  Row *row = g_new0 (Row, 1);
  gint64 unit_id = sd_risk_get_owner_unit_id (risk);
  gint64 person_id = sd_risk_get_owner_person_id (risk);
  SdUnit *unit = unit_id > 0 ? sd_store_lookup (store, SD_TYPE_UNIT, unit_id) : NULL;
  SdPerson *person = person_id > 0 ? sd_store_lookup (store, SD_TYPE_PERSON, person_id) : NULL;
  const char *unit_name = unit != NULL ? sd_unit_get_name (unit) : NULL;
  const char *person_name = person != NULL ? sd_person_get_name (person) : NULL;

  row->text[COLUMN_CODE] = g_strdup (marker->code);
  row->text[COLUMN_TITLE] = g_strdup (sd_risk_get_title (risk));

  if (unit_name != NULL && person_name != NULL)
    row->text[COLUMN_OWNER] = g_strdup_printf ("%s · %s", unit_name, person_name);
  else if (unit_name != NULL || person_name != NULL)
    row->text[COLUMN_OWNER] = g_strdup (unit_name != NULL ? unit_name : person_name);
  else
    row->text[COLUMN_OWNER] = g_strdup ("—");

  row->rated = marker->likelihood > 0;
  if (row->rated)
    {
      row->zone = marker->zone < SD_N_ZONES ? marker->zone : SD_ZONE_LOW;
      /* Translators: a risk's rating: likelihood × impact = score, e.g. "3×5 = 15" */
      row->text[COLUMN_RATING] = g_strdup_printf (_("%d×%d = %d"), marker->likelihood,
                                                  marker->impact,
                                                  sd_risk_score (marker->likelihood,
                                                                 marker->impact));
      row->text[COLUMN_ZONE] = g_strdup (sd_zone_get_label (row->zone));
    }
  else
    {
      row->text[COLUMN_RATING] = g_strdup ("—");
      row->text[COLUMN_ZONE] = g_strdup ("—");
    }

  row->height = 0;
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      double width = self->column_width[c];

      if (c == COLUMN_ZONE)
        width -= SWATCH_SIZE + CELL_PAD;
      row->height = MAX (row->height, prepare_text (self, row->text[c], TEXT_SIZE,
                                                    PANGO_WEIGHT_NORMAL, width, MAX_LINES));
    }
  row->height += 2 * CELL_PAD;
  return row;
}

static const char *
column_title (guint column)
{
  switch (column)
    {
    case COLUMN_CODE:
      /* Translators: a column of the risk register under the heat map */
      return C_("risk column", "Code");
    case COLUMN_TITLE:
      /* Translators: a column of the risk register under the heat map */
      return C_("risk column", "Risk");
    case COLUMN_OWNER:
      /* Translators: a column of the risk register: the unit · the person */
      return C_("risk column", "Owner");
    case COLUMN_RATING:
      /* Translators: a column of the risk register: likelihood × impact = score */
      return C_("risk column", "Rating");
    case COLUMN_ZONE:
      /* Translators: a column of the risk register: Low, Medium, High, Major */
      return C_("risk column", "Zone");
    default:
      g_return_val_if_reached ("");
    }
}

static void
paginate (SdHeatmapPrint *self)
{
  double top = self->margin;
  double bottom = self->page_height - self->margin - FOOTER_HEIGHT;
  double y;
  Page page = { 0, 0 };

  if (self->rows->len == 0)
    return;

  y = top + self->heading_height + self->header_height;
  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = g_ptr_array_index (self->rows, r);

      /* A row taller than a page (it cannot be: MAX_LINES) still goes on
       * a page of its own rather than nowhere. */
      if (page.n > 0 && y + row->height > bottom)
        {
          g_array_append_val (self->pages, page);
          page = (Page) { r, 0 };
          y = top + self->header_height;
        }
      page.n++;
      y += row->height;
    }
  g_array_append_val (self->pages, page);
}

/**
 * sd_heatmap_print_new:
 * @store: the store
 * @level: which rating to show
 * @context: where text is measured: the print context's, or
 *   sd_org_chart_create_pango_context() for a file
 * @page_width: the width of a page, in points
 * @page_height: the height of a page, in points
 *
 * The heat map of every risk of @store on the first page and the register
 * on the pages after it, laid out for pages of the given size.
 *
 * Returns: (transfer full): the pages
 */
SdHeatmapPrint *
sd_heatmap_print_new (SdStore      *store,
                      SdRiskLevel   level,
                      PangoContext *context,
                      double        page_width,
                      double        page_height)
{
  SdHeatmapPrint *self;
  const SdHeatmapModel *model;
  double x;
  guint n;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (page_width > 0 && page_height > 0, NULL);

  self = g_new0 (SdHeatmapPrint, 1);
  self->context = g_object_ref (context);
  self->layout = pango_layout_new (context);
  self->data = sd_heatmap_data_new (store, level, NULL);
  self->page_width = page_width;
  self->page_height = page_height;
  self->margin = MIN (MARGIN, MIN (page_width, page_height) / 12);
  self->content_width = page_width - 2 * self->margin;

  /* The paper is white: the light style, and nothing painted under it. */
  sd_heatmap_style_init_default (&self->style, FALSE);
  self->style.background.alpha = 0;

  x = 0;
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      double width = self->content_width * column_shares[c];

      self->column_x[c] = x + CELL_PAD;
      self->column_width[c] = MAX (width - COLUMN_GAP, 1.0);
      x += width;
    }

  model = sd_heatmap_data_get_model (self->data);
  n = sd_heatmap_data_get_n_risks (self->data);
  /* Translators: the title of the exported heat map */
  self->title = g_strdup (_("Risk heat map"));
  /* Translators: under the title of the exported heat map, e.g. "Inherent ratings · 37 risks" */
  self->subtitle = g_strdup_printf (ngettext ("%s ratings · %u risk", "%s ratings · %u risks", n),
                                    sd_risk_level_label (level), n);

  self->rows = g_ptr_array_new_full (n, row_free);
  for (guint m = 0; m < n; m++)
    g_ptr_array_add (self->rows, make_row (self, store, sd_heatmap_data_get_risk (self->data, m),
                                           &model->markers[m]));
  g_ptr_array_sort (self->rows, row_compare);

  self->header_height = 0;
  for (guint c = 0; c < N_COLUMNS; c++)
    self->header_height = MAX (self->header_height,
                               prepare_text (self, column_title (c), HEADER_SIZE,
                                             PANGO_WEIGHT_BOLD, self->column_width[c], 2));
  self->header_height += 2 * CELL_PAD;
  self->heading_height = prepare_text (self, _("Risk register"), HEADING_SIZE, PANGO_WEIGHT_BOLD,
                                       self->content_width, 1) + 8;

  self->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  paginate (self);

  return self;
}

void
sd_heatmap_print_free (SdHeatmapPrint *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->data, sd_heatmap_data_free);
  g_clear_object (&self->layout);
  g_clear_object (&self->context);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self);
}

/* The map's page, and one page per slice of the register. */
guint
sd_heatmap_print_get_n_pages (SdHeatmapPrint *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return 1 + self->pages->len;
}

static void
draw_footer (SdHeatmapPrint *self,
             cairo_t        *cr,
             guint           page)
{
  SdColor dim = sd_color_from_hex (0x5e5c64);
  SdColor rule = sd_color_from_hex (0xc0bfbc);
  g_autofree char *left = g_strdup_printf ("%s — %s", self->title, self->subtitle);
  g_autofree char *number = NULL;
  double y = self->page_height - self->margin - FOOTER_HEIGHT + 10;
  double half = self->content_width / 2 - COLUMN_GAP;

  number = g_strdup_printf (_("Page %u of %u"), page + 1, sd_heatmap_print_get_n_pages (self));

  set_color (cr, &rule);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, self->margin, y - 4);
  cairo_line_to (cr, self->margin + self->content_width, y - 4);
  cairo_stroke (cr);

  prepare_text (self, left, FOOTER_SIZE, PANGO_WEIGHT_NORMAL, half, 1);
  show_text (self, cr, &dim, self->margin, y);
  prepare_text (self, number, FOOTER_SIZE, PANGO_WEIGHT_NORMAL, half, 1);
  pango_layout_set_alignment (self->layout, PANGO_ALIGN_RIGHT);
  show_text (self, cr, &dim, self->margin + self->content_width - half, y);
}

static void
draw_map_page (SdHeatmapPrint *self,
               cairo_t        *cr)
{
  SdColor ink = sd_color_from_hex (0x1e1e1e);
  SdColor dim = sd_color_from_hex (0x5e5c64);
  SdHeatmapModel model = *sd_heatmap_data_get_model (self->data);
  double y = self->margin, map_height;

  y += prepare_text (self, self->title, TITLE_SIZE, PANGO_WEIGHT_BOLD, self->content_width, 1);
  show_text (self, cr, &ink, self->margin, self->margin);
  y += 2;
  map_height = prepare_text (self, self->subtitle, SUBTITLE_SIZE, PANGO_WEIGHT_NORMAL,
                             self->content_width, 1);
  show_text (self, cr, &dim, self->margin, y);
  y += map_height + 8;

  map_height = self->page_height - self->margin - FOOTER_HEIGHT - y;
  if (map_height > 0)
    {
      cairo_save (cr);
      cairo_translate (cr, self->margin, y);
      sd_heatmap_draw (cr, self->content_width, map_height, &model, &self->style);
      cairo_restore (cr);
    }
}

static void
draw_register_page (SdHeatmapPrint *self,
                    cairo_t        *cr,
                    const Page     *page,
                    gboolean        first)
{
  SdColor ink = sd_color_from_hex (0x1e1e1e);
  SdColor dim = sd_color_from_hex (0x5e5c64);
  SdColor rule = sd_color_from_hex (0xc0bfbc);
  SdColor header_fill = sd_color_from_hex (0xf0efed);
  double x0 = self->margin;
  double y = self->margin;

  if (first)
    {
      prepare_text (self, _("Risk register"), HEADING_SIZE, PANGO_WEIGHT_BOLD,
                    self->content_width, 1);
      show_text (self, cr, &ink, x0, y);
      y += self->heading_height;
    }

  /* The column headings, on every page, so that each can be read alone. */
  set_color (cr, &header_fill);
  cairo_rectangle (cr, x0, y, self->content_width, self->header_height);
  cairo_fill (cr);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      prepare_text (self, column_title (c), HEADER_SIZE, PANGO_WEIGHT_BOLD,
                    self->column_width[c], 2);
      show_text (self, cr, &dim, x0 + self->column_x[c], y + CELL_PAD);
    }
  y += self->header_height;

  for (guint r = page->first; r < page->first + page->n; r++)
    {
      Row *row = g_ptr_array_index (self->rows, r);

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          double x = x0 + self->column_x[c];
          double width = self->column_width[c];

          if (c == COLUMN_ZONE && row->rated)
            {
              const SdColor *fill = &self->style.zone[row->zone];

              set_color (cr, fill);
              cairo_rectangle (cr, x, y + CELL_PAD + 2, SWATCH_SIZE, SWATCH_SIZE);
              cairo_fill_preserve (cr);
              set_color (cr, &dim);
              cairo_set_line_width (cr, 0.5);
              cairo_stroke (cr);
            }
          if (c == COLUMN_ZONE)
            {
              x += SWATCH_SIZE + CELL_PAD;
              width -= SWATCH_SIZE + CELL_PAD;
            }
          prepare_text (self, row->text[c], TEXT_SIZE,
                        c == COLUMN_CODE ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                        width, MAX_LINES);
          show_text (self, cr, &ink, x, y + CELL_PAD);
        }

      y += row->height;
      set_color (cr, &rule);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x0 + self->content_width, y);
      cairo_stroke (cr);
    }
}

/**
 * sd_heatmap_print_draw_page:
 * @self: the pages
 * @cr: where to draw, in points, with (0, 0) the top-left corner of the page
 * @page: the page, from 0: the map, then the register
 *
 * Draws one page with its footer. The paper is not painted: it is white.
 */
void
sd_heatmap_print_draw_page (SdHeatmapPrint *self,
                            cairo_t        *cr,
                            guint           page)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < sd_heatmap_print_get_n_pages (self));

  cairo_save (cr);
  if (page == 0)
    draw_map_page (self, cr);
  else
    draw_register_page (self, cr, &g_array_index (self->pages, Page, page - 1), page == 1);
  draw_footer (self, cr, page);
  cairo_restore (cr);
}

/* Files. */

/**
 * sd_heatmap_format_from_path:
 * @path: a file name
 * @format: (out): its format
 * @error: return location for an error
 *
 * Returns: %TRUE if @path ends in .png, .svg or .pdf (any case)
 */
gboolean
sd_heatmap_format_from_path (const char       *path,
                             SdHeatmapFormat  *format,
                             GError          **error)
{
  static const struct { const char *extension; SdHeatmapFormat format; } formats[] = {
    { ".png", SD_HEATMAP_FORMAT_PNG },
    { ".svg", SD_HEATMAP_FORMAT_SVG },
    { ".pdf", SD_HEATMAP_FORMAT_PDF },
  };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      if (g_str_has_suffix (lower, formats[f].extension))
        {
          *format = formats[f].format;
          return TRUE;
        }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               /* Translators: %s is a file name */
               _("Cannot tell the format of “%s”: the name must end in .png, .svg or .pdf"),
               path);
  return FALSE;
}

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
finish (cairo_surface_t *surface,
        cairo_t         *cr)
{
  cairo_status_t status = cairo_status (cr);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

/* The map alone, on a white ground, for an image or a drawing. */
static void
draw_map (cairo_t       *cr,
          SdHeatmapData *data,
          double         width,
          double         height)
{
  SdHeatmapModel model = *sd_heatmap_data_get_model (data);
  SdHeatmapStyle style;

  sd_heatmap_style_init_default (&style, FALSE);
  sd_heatmap_draw (cr, width, height, &model, &style);
}

static cairo_status_t
render_png (SdStore      *store,
            SdRiskLevel   level,
            int           width,
            int           height,
            WriteClosure *closure)
{
  g_autoptr(SdHeatmapData) data = sd_heatmap_data_new (store, level, NULL);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return status;
    }

  cr = cairo_create (surface);
  draw_map (cr, data, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, write_cb, closure);
  cairo_surface_destroy (surface);
  return status;
}

static cairo_status_t
render_svg (SdStore      *store,
            SdRiskLevel   level,
            double        width,
            double        height,
            WriteClosure *closure)
{
  g_autoptr(SdHeatmapData) data = sd_heatmap_data_new (store, level, NULL);
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_svg_surface_create_for_stream (write_cb, closure, width, height);
  cr = cairo_create (surface);
  draw_map (cr, data, width, height);
  return finish (surface, cr);
}

static cairo_status_t
render_pdf (SdStore      *store,
            SdRiskLevel   level,
            double        width,
            double        height,
            WriteClosure *closure)
{
  g_autoptr(SdHeatmapPrint) print = NULL;
  PangoContext *context;
  cairo_surface_t *surface;
  cairo_t *cr;

  context = sd_org_chart_create_pango_context ();
  print = sd_heatmap_print_new (store, level, context, width, height);
  g_object_unref (context);

  surface = cairo_pdf_surface_create_for_stream (write_cb, closure, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, print->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Security Duties");

  cr = cairo_create (surface);
  for (guint page = 0; page < sd_heatmap_print_get_n_pages (print); page++)
    {
      sd_heatmap_print_draw_page (print, cr, page);
      cairo_show_page (cr);
    }
  return finish (surface, cr);
}

/**
 * sd_heatmap_export:
 * @store: the data
 * @level: which rating to show
 * @path: the file to write: .png, .svg or .pdf
 * @width: the width in pixels (PNG) or points (SVG, PDF); 0 for the default
 * @height: the height, likewise
 * @error: return location for an error
 *
 * Writes the heat map of every risk of @store (see sd-heatmap-export.h).
 * The file is replaced only once it has been written in full.
 *
 * Returns: %TRUE on success
 */
gboolean
sd_heatmap_export (SdStore     *store,
                   SdRiskLevel  level,
                   const char  *path,
                   int          width,
                   int          height,
                   GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abort = NULL;
  WriteClosure closure = { NULL, NULL };
  SdHeatmapFormat format;
  cairo_status_t status;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (level <= SD_RISK_LEVEL_TARGET, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width >= 0 && height >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!sd_heatmap_format_from_path (path, &format, error))
    return FALSE;

  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;
  closure.stream = G_OUTPUT_STREAM (stream);

  switch (format)
    {
    case SD_HEATMAP_FORMAT_PNG:
      status = render_png (store, level,
                           width > 0 ? width : DEFAULT_PNG_WIDTH,
                           height > 0 ? height : DEFAULT_PNG_HEIGHT, &closure);
      break;
    case SD_HEATMAP_FORMAT_SVG:
      status = render_svg (store, level,
                           width > 0 ? width : A4_LONG_PT,
                           height > 0 ? height : A4_SHORT_PT, &closure);
      break;
    case SD_HEATMAP_FORMAT_PDF:
      status = render_pdf (store, level,
                           width > 0 ? width : A4_LONG_PT,
                           height > 0 ? height : A4_SHORT_PT, &closure);
      break;
    default:
      g_assert_not_reached ();
    }

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
                     _("Could not draw the heat map: %s"),
                     cairo_status_to_string (status));
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}
