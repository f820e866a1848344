/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-heatmap"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "sd-risk-matrix.h"
#include "sd-heatmap.h"

/*
 * All geometry is derived from one number, the cell pitch (cell plus gap),
 * so that the map looks the same from a thumbnail to a projector. The
 * proportions below are in units of the pitch. The grid depends only on
 * the model's size and the area, never on the style, so that finding a
 * cell needs no style; the markers inside the cells follow the size of
 * their text, so finding a marker does.
 */
#define PAD_RATIO            0.06   /* outer padding on every side */
#define TITLE_BAND_RATIO     0.34   /* band holding an axis title */
#define LEFT_LABELS_RATIO    0.92   /* band left of the grid for likelihood labels */
#define BOTTOM_LABELS_RATIO  0.40   /* band under the grid for impact labels */
#define LABEL_SPACING_RATIO  0.08   /* between the grid and its labels */

#define COUNT_FONT_RATIO     0.36
#define ZONE_FONT_RATIO      0.115
#define AXIS_FONT_RATIO      0.125
#define TITLE_FONT_RATIO     0.145
#define MARKER_FONT_RATIO    0.10

/* Markers, in units of their text size. */
#define CHIP_HEIGHT_EM       1.35
#define CHIP_PAD_EM          0.45
#define CHIP_GAP_EM          0.25
/* The room a zone label takes at the bottom of a cell with markers. */
#define LABEL_LINE_EM        1.5
/* Line height of wrapped text, for deciding how many lines fit. */
#define LINE_HEIGHT_EM       1.25

/* Text smaller than this many pixels is noise; a thumbnail leaves it out. */
#define MIN_TEXT_PX          4.0

#define SELECTION_WIDTH      2.0

typedef struct
{
  int    size;
  double pitch;        /* cell + gap */
  double gap;
  double radius;
  double grid_x;       /* top-left corner of the grid, gaps included */
  double grid_y;
  double grid_extent;  /* size * pitch */
  double left_labels_x;
  double left_labels_width;
  double left_title_x;
  double bottom_labels_y;
  double bottom_labels_height;
  double bottom_title_y;
  double title_band;
} Layout;

typedef struct
{
  cairo_t              *cr;
  PangoLayout          *layout;
  PangoFontDescription *font;
  const SdHeatmapStyle *style;
  double                font_scale;
} TextContext;

/*
 * A frame may show hundreds of markers, and a PangoLayout per code
 * (itemizing, shaping, line breaking) costs more than the rest of the map
 * together. Codes are short runs of letters, digits and ideographs, which
 * need no shaping across characters; so each character is shaped once per
 * frame, and a code is measured and drawn as a glyph string put together
 * from those. Anything that may need shaping across characters (marks,
 * other scripts) takes the slow path through a layout.
 */
typedef struct
{
  PangoFont  *font;       /* NULL: complex, take the slow path */
  PangoGlyph  glyph;
  int         width;      /* Pango units */
  gboolean    looked_up;
} Glyph;

/* Glyphs queued for one cairo_show_glyphs() call per font. */
typedef struct
{
  PangoFont *font;
  GArray    *glyphs;              /* of cairo_glyph_t */
} GlyphBatch;

typedef struct
{
  PangoLayout      *layout;
  Glyph             ascii[128];
  GHashTable       *others;       /* gunichar → Glyph */
  PangoGlyphString *glyphs;
  GArray           *batches;      /* of GlyphBatch */
  double            line_height;  /* px */
  double            baseline;     /* px below the top of a line */
} GlyphCache;

/* The size of the markers, from the pitch and the style. */
typedef struct
{
  double   font_px;
  double   height, hpad, gap, radius;
  double   pad;            /* from the cell's edge to its markers */
  double   label_px;       /* the zone label's size; 0: none */
  double   label_reserve;  /* the room kept for it at the bottom of a cell */
  gboolean visible;        /* big enough to be read */
} ChipMetrics;

/* A marker or a "+N" badge where it is drawn. */
typedef struct
{
  double   x, y, width, height;
  double   text_width;
  int      row;
  int      marker;         /* -1: the badge */
  guint    n_more;
  gboolean fast;           /* drawn from the glyph cache */
} Chip;

/* What one drawing, or one hit test, works with. */
typedef struct
{
  const SdHeatmapModel *model;
  const SdHeatmapStyle *style;
  double                width, height;
  Layout                layout;
  TextContext           tc;
  ChipMetrics           chip;
  gboolean              markers;       /* chips rather than counts */
  gboolean              arrows;        /* arrows rather than chips or counts */
  gboolean              glyphs_ready;
  GlyphCache           *regular;       /* owned by the thread's cache */
  GlyphCache           *bold;
  GlyphCache           *code_glyphs;   /* regular, bold for high contrast */
} Frame;

/* The colours of one drawing. */
typedef struct
{
  SdColor zone[SD_N_ZONES];
  SdColor zone_text[SD_N_ZONES];
  SdColor surface;          /* markers and the panel */
  SdColor ink;              /* text on them */
  SdColor outline;          /* around them */
  double  outline_width;
  SdColor accent;           /* the selected marker */
  SdColor accent_text;
  SdColor hover;
  SdColor foreground;       /* axis text */
} Palette;

static gboolean
layout_compute (const SdHeatmapModel *model,
                double                width,
                double                height,
                Layout               *out)
{
  double units_x, units_y, pitch, total_w, total_h, x0, y0;
  int n;

  g_assert (model != NULL);
  g_assert (out != NULL);

  n = model->size;
  if (n < 3 || n > SD_MATRIX_MAX_SIZE || !(width > 0) || !(height > 0))
    return FALSE;

  units_x = PAD_RATIO + TITLE_BAND_RATIO + LEFT_LABELS_RATIO + n + PAD_RATIO;
  units_y = PAD_RATIO + n + BOTTOM_LABELS_RATIO + TITLE_BAND_RATIO + PAD_RATIO;
  pitch = MIN (width / units_x, height / units_y);
  if (pitch <= 0)
    return FALSE;

  total_w = pitch * units_x;
  total_h = pitch * units_y;
  x0 = (width - total_w) / 2;
  y0 = (height - total_h) / 2;

  out->size = n;
  out->pitch = pitch;
  out->gap = CLAMP (pitch * 0.035, 1.0, 4.0);
  out->radius = CLAMP (pitch * 0.07, 0.0, 10.0);
  out->title_band = pitch * TITLE_BAND_RATIO;

  out->left_title_x = x0 + pitch * PAD_RATIO;
  out->left_labels_x = out->left_title_x + out->title_band;
  out->left_labels_width = pitch * (LEFT_LABELS_RATIO - LABEL_SPACING_RATIO);

  out->grid_x = out->left_labels_x + pitch * LEFT_LABELS_RATIO;
  out->grid_y = y0 + pitch * PAD_RATIO;
  out->grid_extent = pitch * n;

  out->bottom_labels_y = out->grid_y + out->grid_extent + pitch * LABEL_SPACING_RATIO;
  out->bottom_labels_height = pitch * (BOTTOM_LABELS_RATIO - LABEL_SPACING_RATIO);
  out->bottom_title_y = out->grid_y + out->grid_extent + pitch * BOTTOM_LABELS_RATIO;

  return TRUE;
}

static void
layout_cell_rect (const Layout      *layout,
                  int                likelihood,
                  int                impact,
                  cairo_rectangle_t *rect)
{
  double x0, y0, x1, y1;

  g_assert (likelihood >= 1 && likelihood <= layout->size);
  g_assert (impact >= 1 && impact <= layout->size);

  x0 = layout->grid_x + (impact - 1) * layout->pitch + layout->gap / 2;
  y0 = layout->grid_y + (layout->size - likelihood) * layout->pitch + layout->gap / 2;
  x1 = x0 + layout->pitch - layout->gap;
  y1 = y0 + layout->pitch - layout->gap;

  /* Whole units keep the edges crisp on screen; gaps may then differ by a
   * pixel, which nobody sees. */
  rect->x = round (x0);
  rect->y = round (y0);
  rect->width = round (x1) - rect->x;
  rect->height = round (y1) - rect->y;
}

/* The cell under a point; the gaps between cells belong to the nearest
 * cell, so that hovering and dragging across the grid never flickers. */
static gboolean
layout_find_cell (const Layout *layout,
                  double        x,
                  double        y,
                  int          *likelihood,
                  int          *impact)
{
  int column, row;

  if (x < layout->grid_x || y < layout->grid_y
      || x >= layout->grid_x + layout->grid_extent
      || y >= layout->grid_y + layout->grid_extent)
    return FALSE;

  column = CLAMP ((int) floor ((x - layout->grid_x) / layout->pitch), 0, layout->size - 1);
  row = CLAMP ((int) floor ((y - layout->grid_y) / layout->pitch), 0, layout->size - 1);
  *impact = column + 1;
  *likelihood = layout->size - row;
  return TRUE;
}

static gboolean
model_is_valid (const SdHeatmapModel *model)
{
  return model->size >= 3 && model->size <= SD_MATRIX_MAX_SIZE;
}

static gboolean
cell_is_valid (const SdHeatmapModel *model,
               int                   likelihood,
               int                   impact)
{
  return likelihood >= 1 && likelihood <= model->size
         && impact >= 1 && impact <= model->size;
}

static gboolean
rect_contains (const cairo_rectangle_t *rect,
               double                   x,
               double                   y)
{
  return x >= rect->x && y >= rect->y
         && x < rect->x + rect->width && y < rect->y + rect->height;
}

static gboolean
rects_intersect (const cairo_rectangle_t *a,
                 const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

static void
set_source_color (cairo_t       *cr,
                  const SdColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
rounded_rect_path (cairo_t                 *cr,
                   const cairo_rectangle_t *rect,
                   double                   radius)
{
  double x = rect->x, y = rect->y, w = rect->width, h = rect->height;

  radius = MIN (radius, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  if (radius <= 0)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Colours. */

static SdColor
color_mix (const SdColor *a,
           const SdColor *b,
           double         t)
{
  return (SdColor) {
    a->red + (b->red - a->red) * t,
    a->green + (b->green - a->green) * t,
    a->blue + (b->blue - a->blue) * t,
    a->alpha + (b->alpha - a->alpha) * t,
  };
}

static SdColor
color_opaque (const SdColor *color)
{
  return (SdColor) { color->red, color->green, color->blue, 1.0 };
}

static double
hue_to_channel (double p,
                double q,
                double t)
{
  if (t < 0)
    t += 1;
  if (t > 1)
    t -= 1;
  if (t < 1.0 / 6)
    return p + (q - p) * 6 * t;
  if (t < 1.0 / 2)
    return q;
  if (t < 2.0 / 3)
    return p + (q - p) * (2.0 / 3 - t) * 6;
  return p;
}

static SdColor
color_from_hsl (double hue,
                double saturation,
                double lightness)
{
  double q, p;

  if (saturation <= 0)
    return (SdColor) { lightness, lightness, lightness, 1.0 };

  q = lightness < 0.5 ? lightness * (1 + saturation)
                      : lightness + saturation - lightness * saturation;
  p = 2 * lightness - q;
  return (SdColor) {
    hue_to_channel (p, q, hue + 1.0 / 3),
    hue_to_channel (p, q, hue),
    hue_to_channel (p, q, hue - 1.0 / 3),
    1.0,
  };
}

static void
color_to_hsl (const SdColor *color,
              double        *hue,
              double        *saturation,
              double        *lightness)
{
  double r = color->red, g = color->green, b = color->blue;
  double max = MAX (r, MAX (g, b)), min = MIN (r, MIN (g, b));
  double d = max - min;

  *lightness = (max + min) / 2;
  if (d <= 0)
    {
      *hue = *saturation = 0;
      return;
    }
  *saturation = *lightness > 0.5 ? d / (2 - max - min) : d / (max + min);
  if (max == r)
    *hue = (g - b) / d + (g < b ? 6 : 0);
  else if (max == g)
    *hue = (b - r) / d + 2;
  else
    *hue = (r - g) / d + 4;
  *hue /= 6;
}

/* For a projector: the zone's hue at full saturation, made lighter or
 * darker until its text has a contrast of 7:1 (WCAG AAA), so that washed
 * out colours on a wall still tell the zones apart and read well. */
static void
saturate_zone (const SdColor *fill,
               SdColor       *out_fill,
               SdColor       *out_text)
{
  double hue, saturation, lightness;
  SdColor color, text;

  color_to_hsl (fill, &hue, &saturation, &lightness);
  color = color_from_hsl (hue, 1.0, lightness);
  text = sd_color_pick_text_for (&color);
  for (int step = 0; step < 30 && sd_color_contrast (&color, &text) < 7.0; step++)
    {
      lightness = CLAMP (lightness + (text.red > 0.5 ? -0.02 : 0.02), 0.0, 1.0);
      color = color_from_hsl (hue, 1.0, lightness);
    }

  *out_fill = color;
  *out_text = text;
}

static void
palette_init (Palette              *palette,
              const SdHeatmapStyle *style)
{
  SdColor surface = color_opaque (&style->background);
  SdColor ink;

  /* The foreground may be translucent (the theme's text colour); on the
   * markers it is drawn on the surface, so mix it there once. */
  ink = color_opaque (&style->foreground);
  ink = color_mix (&surface, &ink, style->high_contrast ? 1.0 : style->foreground.alpha);

  for (int z = 0; z < SD_N_ZONES; z++)
    {
      if (style->high_contrast)
        saturate_zone (&style->zone[z], &palette->zone[z], &palette->zone_text[z]);
      else
        {
          palette->zone[z] = style->zone[z];
          palette->zone_text[z] = style->zone_text[z];
        }
    }

  palette->surface = surface;
  palette->ink = ink;
  palette->foreground = style->foreground;
  if (style->high_contrast)
    {
      palette->foreground.alpha = 1.0;
      palette->outline = ink;
      palette->outline_width = 2.0;
    }
  else
    {
      /* Markers go without an outline but for high contrast (see
       * draw_chips()); the dragged one's trace takes this. */
      palette->outline = (SdColor) { ink.red, ink.green, ink.blue, 0.3 };
      palette->outline_width = 0;
    }
  palette->accent = color_opaque (&style->selection);
  palette->accent_text = sd_color_pick_text_for (&palette->accent);
  palette->hover = color_mix (&surface, &palette->accent, 0.22);
}

/* Text. */

static double
text_px (const SdHeatmapStyle *style,
         double                size_px)
{
  double scale = style->font_scale > 0 ? style->font_scale : 1.0;

  return MAX (size_px * scale, style->min_text_px);
}

static void
text_context_init (TextContext          *tc,
                   cairo_t              *cr,
                   const SdHeatmapStyle *style)
{
  PangoContext *context;
  cairo_font_options_t *options;
  const char *tag;

  /* Unhinted metrics, unrounded positions: a text is as wide on a 1×1
   * surface (hit-testing) as on the screen, in a PDF or scaled for a 4K
   * image, so that the markers are where they are drawn. */
  context = pango_cairo_create_context (cr);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);

  /* Han characters are shared by Chinese and Japanese, and fontconfig
   * picks the Japanese shapes unless told otherwise; the data is Chinese
   * (as for sd_org_chart_create_pango_context()). */
  tag = pango_language_to_string (pango_language_get_default ());
  if (!g_str_has_prefix (tag, "zh") && !g_str_has_prefix (tag, "ja")
      && !g_str_has_prefix (tag, "ko"))
    pango_context_set_language (context, pango_language_from_string ("zh-cn"));

  tc->cr = cr;
  tc->style = style;
  tc->layout = pango_layout_new (context);
  tc->font = pango_font_description_new ();
  pango_font_description_set_family (tc->font, style->font_family ? style->font_family : "Sans");
  tc->font_scale = style->font_scale > 0 ? style->font_scale : 1.0;
  g_object_unref (context);
}

static void
text_context_clear (TextContext *tc)
{
  g_clear_object (&tc->layout);
  g_clear_pointer (&tc->font, pango_font_description_free);
}

/* Sets up the shared layout for one piece of text. @size_px is before the
 * style's font scale and floor; @max_width and @max_lines bound it (0: no
 * bound). Returns FALSE when there is nothing worth drawing. */
static gboolean
text_prepare (TextContext    *tc,
              const char     *text,
              double          size_px,
              PangoWeight     weight,
              double          max_width,
              int             max_lines,
              PangoAlignment  alignment)
{
  size_px = text_px (tc->style, size_px);
  if (text == NULL || *text == '\0' || size_px < MIN_TEXT_PX)
    return FALSE;

  pango_font_description_set_absolute_size (tc->font, size_px * PANGO_SCALE);
  pango_font_description_set_weight (tc->font, weight);
  pango_layout_set_font_description (tc->layout, tc->font);
  pango_layout_set_alignment (tc->layout, alignment);
  pango_layout_set_width (tc->layout, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (tc->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (tc->layout, max_lines > 0 ? -max_lines : -1);
  pango_layout_set_ellipsize (tc->layout,
                              max_width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (tc->layout, text, -1);
  pango_cairo_update_layout (tc->cr, tc->layout);

  return TRUE;
}

/* Draws the prepared layout with its top-left corner at (@x, @y); with a
 * bounded width, the alignment places the lines inside that width. */
static void
text_show_at (TextContext   *tc,
              const SdColor *color,
              double         x,
              double         y)
{
  set_source_color (tc->cr, color);
  cairo_move_to (tc->cr, x, y);
  pango_cairo_show_layout (tc->cr, tc->layout);
}

static void
text_get_size (TextContext *tc,
               double      *width,
               double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (tc->layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

/* The glyph cache. */

static void
glyph_free (gpointer data)
{
  Glyph *glyph = data;

  g_clear_object (&glyph->font);
  g_free (glyph);
}

static void
glyph_cache_init (GlyphCache                 *cache,
                  PangoContext               *context,
                  const PangoFontDescription *base,
                  double                      size_px,
                  PangoWeight                 weight)
{
  PangoFontDescription *font = pango_font_description_copy (base);
  PangoRectangle logical;

  memset (cache, 0, sizeof *cache);
  pango_font_description_set_absolute_size (font, size_px * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  cache->layout = pango_layout_new (context);
  pango_layout_set_font_description (cache->layout, font);
  pango_font_description_free (font);
  cache->others = g_hash_table_new_full (NULL, NULL, NULL, glyph_free);
  cache->glyphs = pango_glyph_string_new ();
  cache->batches = g_array_new (FALSE, FALSE, sizeof (GlyphBatch));

  /* Codes are set on the line of Latin text; an ideograph from a fallback
   * font sits on the same baseline. */
  pango_layout_set_text (cache->layout, "0", -1);
  pango_layout_get_extents (cache->layout, NULL, &logical);
  cache->line_height = (double) logical.height / PANGO_SCALE;
  cache->baseline = (double) pango_layout_get_baseline (cache->layout) / PANGO_SCALE;
}

static void
glyph_cache_clear (GlyphCache *cache)
{
  for (guint c = 0; c < G_N_ELEMENTS (cache->ascii); c++)
    g_clear_object (&cache->ascii[c].font);
  for (guint b = 0; b < cache->batches->len; b++)
    g_array_unref (g_array_index (cache->batches, GlyphBatch, b).glyphs);
  g_clear_pointer (&cache->batches, g_array_unref);
  g_clear_pointer (&cache->others, g_hash_table_unref);
  g_clear_pointer (&cache->glyphs, pango_glyph_string_free);
  g_clear_object (&cache->layout);
}

/* Characters that are drawn the same alone as among others: Latin letters
 * without combining marks, digits, punctuation, ideographs, kana, Hangul
 * syllables and the full-width forms. */
static gboolean
is_simple_char (gunichar c)
{
  if (g_unichar_ismark (c))
    return FALSE;
  return (c >= 0x20 && c < 0x7f)
         || (c >= 0xa0 && c < 0x250)
         || (c >= 0x2e80 && c < 0xa000)
         || (c >= 0xac00 && c < 0xd7a4)
         || (c >= 0xf900 && c < 0xfb00)
         || (c >= 0xff00 && c < 0xfff0);
}

/* The glyph of @c, or NULL if text with it needs the slow path. */
static const Glyph *
glyph_cache_get (GlyphCache *cache,
                 gunichar    c)
{
  Glyph *glyph;

  if (c < G_N_ELEMENTS (cache->ascii))
    glyph = &cache->ascii[c];
  else
    {
      glyph = g_hash_table_lookup (cache->others, GUINT_TO_POINTER (c));
      if (glyph == NULL)
        {
          glyph = g_new0 (Glyph, 1);
          g_hash_table_insert (cache->others, GUINT_TO_POINTER (c), glyph);
        }
    }

  if (!glyph->looked_up)
    {
      glyph->looked_up = TRUE;
      if (is_simple_char (c))
        {
          char buffer[8];
          int length = g_unichar_to_utf8 (c, buffer);
          PangoLayoutLine *line;

          pango_layout_set_text (cache->layout, buffer, length);
          line = pango_layout_get_line_readonly (cache->layout, 0);
          if (line != NULL && line->runs != NULL && line->runs->next == NULL)
            {
              PangoGlyphItem *run = line->runs->data;

              /* A missing glyph is drawn as a box with the character's
               * code by Pango only. */
              if (run->glyphs->num_glyphs == 1
                  && (run->glyphs->glyphs[0].glyph & PANGO_GLYPH_UNKNOWN_FLAG) == 0
                  && run->glyphs->glyphs[0].glyph != PANGO_GLYPH_EMPTY)
                {
                  glyph->font = g_object_ref (run->item->analysis.font);
                  glyph->glyph = run->glyphs->glyphs[0].glyph;
                  glyph->width = run->glyphs->glyphs[0].geometry.width;
                }
            }
        }
    }

  return glyph->font != NULL ? glyph : NULL;
}

/* The width of @text in px; @fast tells whether the cache can draw it. */
static double
glyph_cache_measure (GlyphCache *cache,
                     const char *text,
                     gboolean   *fast)
{
  PangoRectangle logical;
  int width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const Glyph *glyph = glyph_cache_get (cache, g_utf8_get_char (p));

      if (glyph == NULL)
        goto slow;
      width += glyph->width;
    }
  *fast = TRUE;
  return (double) width / PANGO_SCALE;

slow:
  *fast = FALSE;
  pango_layout_set_text (cache->layout, text, -1);
  pango_layout_get_extents (cache->layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static void
glyph_cache_flush (GlyphCache *cache,
                   cairo_t    *cr,
                   PangoFont  *font,
                   double     *x,
                   double      baseline,
                   int        *width)
{
  if (cache->glyphs->num_glyphs == 0)
    return;

  cairo_move_to (cr, *x, baseline);
  pango_cairo_show_glyph_string (cr, font, cache->glyphs);
  *x += (double) *width / PANGO_SCALE;
  *width = 0;
  pango_glyph_string_set_size (cache->glyphs, 0);
}

/* Draws @text with the top of its line at @top, in the current source. */
static void
glyph_cache_show (GlyphCache *cache,
                  cairo_t    *cr,
                  const char *text,
                  gboolean    fast,
                  double      x,
                  double      top)
{
  double baseline = top + cache->baseline;
  PangoFont *font = NULL;
  int width = 0;

  if (!fast)
    {
      pango_layout_set_text (cache->layout, text, -1);
      cairo_move_to (cr, x,
                     baseline - (double) pango_layout_get_baseline (cache->layout) / PANGO_SCALE);
      pango_cairo_show_layout (cr, cache->layout);
      return;
    }

  /* One glyph string per run of characters from the same font. */
  pango_glyph_string_set_size (cache->glyphs, 0);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const Glyph *glyph = glyph_cache_get (cache, g_utf8_get_char (p));
      PangoGlyphInfo *info;
      int n;

      g_assert (glyph != NULL);
      if (glyph->font != font)
        glyph_cache_flush (cache, cr, font, &x, baseline, &width);
      font = glyph->font;

      n = cache->glyphs->num_glyphs;
      pango_glyph_string_set_size (cache->glyphs, n + 1);
      info = &cache->glyphs->glyphs[n];
      memset (info, 0, sizeof *info);
      info->glyph = glyph->glyph;
      info->geometry.width = glyph->width;
      info->attr.is_cluster_start = 1;
      cache->glyphs->log_clusters[n] = p - text;
      width += glyph->width;
    }
  glyph_cache_flush (cache, cr, font, &x, baseline, &width);
}

/* Queues @text (fast only) with the top of its line at @top, to be drawn
 * with every other text queued, by glyph_cache_draw_queued(). */
static void
glyph_cache_queue (GlyphCache *cache,
                   const char *text,
                   double      x,
                   double      top)
{
  double baseline = top + cache->baseline;
  GArray *glyphs = NULL;
  PangoFont *font = NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const Glyph *glyph = glyph_cache_get (cache, g_utf8_get_char (p));
      cairo_glyph_t cairo_glyph;

      g_assert (glyph != NULL);
      if (glyph->font != font)
        {
          guint b;

          font = glyph->font;
          for (b = 0; b < cache->batches->len; b++)
            if (g_array_index (cache->batches, GlyphBatch, b).font == font)
              break;
          if (b == cache->batches->len)
            {
              GlyphBatch batch = { font, g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t)) };

              g_array_append_val (cache->batches, batch);
            }
          glyphs = g_array_index (cache->batches, GlyphBatch, b).glyphs;
        }

      cairo_glyph.index = glyph->glyph;
      cairo_glyph.x = x;
      cairo_glyph.y = baseline;
      g_array_append_val (glyphs, cairo_glyph);
      x += (double) glyph->width / PANGO_SCALE;
    }
}

/* Draws what was queued, in the current source, one call per font. */
static void
glyph_cache_draw_queued (GlyphCache *cache,
                         cairo_t    *cr)
{
  for (guint b = 0; b < cache->batches->len; b++)
    {
      GlyphBatch *batch = &g_array_index (cache->batches, GlyphBatch, b);

      if (batch->glyphs->len == 0)
        continue;
      cairo_set_scaled_font (cr, pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (batch->font)));
      cairo_show_glyphs (cr, (cairo_glyph_t *) (gpointer) batch->glyphs->data,
                         batch->glyphs->len);
      g_array_set_size (batch->glyphs, 0);
    }
}

/* Frames. */

static void
chip_metrics_compute (const Layout         *layout,
                      const SdHeatmapStyle *style,
                      ChipMetrics          *chip)
{
  chip->font_px = text_px (style, layout->pitch * MARKER_FONT_RATIO);
  chip->visible = chip->font_px >= MIN_TEXT_PX;
  chip->height = ceil (chip->font_px * CHIP_HEIGHT_EM);
  chip->hpad = round (chip->font_px * CHIP_PAD_EM);
  chip->gap = MAX (2.0, round (chip->font_px * CHIP_GAP_EM));
  chip->radius = chip->height * 0.3;
  chip->pad = MAX (SELECTION_WIDTH + 3.0, round (layout->pitch * 0.05));

  chip->label_px = text_px (style, layout->pitch * ZONE_FONT_RATIO);
  if (chip->label_px < MIN_TEXT_PX)
    {
      chip->label_px = 0;
      chip->label_reserve = 0;
    }
  else
    {
      chip->label_reserve = ceil (chip->label_px * LABEL_LINE_EM + layout->pitch * 0.05);
    }
}

static gboolean
frame_init (Frame                *frame,
            cairo_t              *cr,
            const SdHeatmapModel *model,
            const SdHeatmapStyle *style,
            double                width,
            double                height)
{
  memset (frame, 0, sizeof *frame);
  if (!layout_compute (model, width, height, &frame->layout))
    return FALSE;

  frame->model = model;
  frame->style = style;
  frame->width = width;
  frame->height = height;
  chip_metrics_compute (&frame->layout, style, &frame->chip);
  frame->arrows = model->show_arrows && model->markers != NULL && model->n_markers > 0;
  frame->markers = !model->show_arrows && model->markers != NULL && model->n_markers > 0
                   && frame->chip.visible;
  text_context_init (&frame->tc, cr, style);
  return TRUE;
}

/*
 * The glyph caches outlive a frame: the map is drawn again and again at
 * the same size (hover, selection, a drag), and shaping each character
 * anew costs as much as drawing a few dozen markers. Each thread keeps the
 * caches of its last few sizes and targets; an entry is used again only
 * for the same font, size, weight, font options, transformation and fonts
 * installed, so that what it holds is what a new one would.
 */
#define N_CACHED_GLYPHS 6

typedef struct
{
  char                 *family;
  double                size_px;
  PangoWeight           weight;
  cairo_font_options_t *options;
  double                matrix[4];
  guint                 serial;
  gint64                last_used;
  PangoContext         *context;
  GlyphCache            cache;
} CachedGlyphs;

static void
cached_glyphs_free (gpointer data)
{
  CachedGlyphs *entry = data;

  glyph_cache_clear (&entry->cache);
  g_clear_object (&entry->context);
  cairo_font_options_destroy (entry->options);
  g_free (entry->family);
  g_free (entry);
}

static void
glyph_store_free (gpointer data)
{
  g_ptr_array_unref (data);
}

static GPrivate glyph_store = G_PRIVATE_INIT (glyph_store_free);

static GlyphCache *
lookup_glyph_cache (cairo_t                    *cr,
                    const PangoFontDescription *font,
                    double                      size_px,
                    PangoWeight                 weight)
{
  GPtrArray *entries = g_private_get (&glyph_store);
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  const char *family = pango_font_description_get_family (font);
  cairo_font_options_t *options = cairo_font_options_create ();
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_matrix_t ctm;
  guint serial = pango_font_map_get_serial (font_map);
  CachedGlyphs *entry = NULL, *oldest = NULL;
  PangoLanguage *language;
  const char *tag;
  gint64 now = g_get_monotonic_time ();

  if (entries == NULL)
    {
      entries = g_ptr_array_new_with_free_func (cached_glyphs_free);
      g_private_set (&glyph_store, entries);
    }

  /* The options text will have on this target, as text_context_init()
   * sets them. */
  cairo_surface_get_font_options (target, options);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_get_matrix (cr, &ctm);

  for (guint e = 0; e < entries->len; e++)
    {
      CachedGlyphs *candidate = g_ptr_array_index (entries, e);

      if (candidate->size_px == size_px && candidate->weight == weight
          && candidate->serial == serial
          && g_strcmp0 (candidate->family, family) == 0
          && cairo_font_options_equal (candidate->options, options)
          && candidate->matrix[0] == ctm.xx && candidate->matrix[1] == ctm.yx
          && candidate->matrix[2] == ctm.xy && candidate->matrix[3] == ctm.yy)
        {
          entry = candidate;
          break;
        }
      if (oldest == NULL || candidate->last_used < oldest->last_used)
        oldest = candidate;
    }

  if (entry != NULL)
    {
      cairo_font_options_destroy (options);
      entry->last_used = now;
      return &entry->cache;
    }

  if (entries->len >= N_CACHED_GLYPHS)
    g_ptr_array_remove_fast (entries, oldest);

  entry = g_new0 (CachedGlyphs, 1);
  entry->family = g_strdup (family);
  entry->size_px = size_px;
  entry->weight = weight;
  entry->options = options;
  entry->matrix[0] = ctm.xx;
  entry->matrix[1] = ctm.yx;
  entry->matrix[2] = ctm.xy;
  entry->matrix[3] = ctm.yy;
  entry->serial = serial;
  entry->last_used = now;

  /* A context of its own, set up as text_context_init() sets up the
   * frame's. */
  entry->context = pango_font_map_create_context (font_map);
  pango_cairo_update_context (cr, entry->context);
  pango_cairo_context_set_font_options (entry->context, options);
  pango_context_set_round_glyph_positions (entry->context, FALSE);
  language = pango_language_get_default ();
  tag = pango_language_to_string (language);
  if (!g_str_has_prefix (tag, "zh") && !g_str_has_prefix (tag, "ja")
      && !g_str_has_prefix (tag, "ko"))
    pango_context_set_language (entry->context, pango_language_from_string ("zh-cn"));

  glyph_cache_init (&entry->cache, entry->context, font, size_px, weight);
  g_ptr_array_add (entries, entry);
  return &entry->cache;
}

/* The glyph caches are looked up when the first marker needs them: a map
 * of counts has no use for them. */
static void
frame_ensure_glyphs (Frame *frame)
{
  if (frame->glyphs_ready)
    return;

  frame->regular = lookup_glyph_cache (frame->tc.cr, frame->tc.font, frame->chip.font_px,
                                       PANGO_WEIGHT_NORMAL);
  frame->bold = lookup_glyph_cache (frame->tc.cr, frame->tc.font, frame->chip.font_px,
                                    PANGO_WEIGHT_BOLD);
  frame->code_glyphs = frame->style->high_contrast ? frame->bold : frame->regular;
  frame->glyphs_ready = TRUE;
}

static void
frame_clear (Frame *frame)
{
  text_context_clear (&frame->tc);
}

/* The markers of a cell, or NULL if it has none to draw. */
static const guint *
frame_cell_markers (Frame *frame,
                    int    likelihood,
                    int    impact,
                    guint *n)
{
  const SdHeatmapModel *model = frame->model;

  *n = model->counts[likelihood - 1][impact - 1];
  if (!frame->markers || *n == 0)
    return NULL;
  return model->cell_markers[likelihood - 1][impact - 1];
}

/* Where the markers of a cell go: inside its padding, and above its zone
 * label if @label. */
static void
frame_cell_area (Frame             *frame,
                 int                likelihood,
                 int                impact,
                 gboolean           label,
                 cairo_rectangle_t *area)
{
  const ChipMetrics *chip = &frame->chip;
  cairo_rectangle_t cell;
  double bottom;

  layout_cell_rect (&frame->layout, likelihood, impact, &cell);
  area->x = cell.x + chip->pad;
  area->y = cell.y + chip->pad;
  area->width = MAX (cell.width - 2 * chip->pad, 0);
  bottom = cell.y + cell.height - (label ? MAX (chip->pad, chip->label_reserve) : chip->pad);
  area->height = MAX (bottom - area->y, 0);
}

static const char *
chip_text (Frame      *frame,
           const Chip *chip,
           char       *buffer,
           gsize       buffer_size)
{
  const char *code;

  if (chip->marker < 0)
    {
      g_snprintf (buffer, buffer_size, "+%u", chip->n_more);
      return buffer;
    }

  code = frame->model->markers[chip->marker].code;
  return code != NULL ? code : "";
}

static double
chip_width_for (Frame  *frame,
                double  text_width,
                double  max_width)
{
  double width = ceil (text_width + 2 * frame->chip.hpad);

  return MIN (MAX (width, frame->chip.height), max_width);
}

/* Places a "+N" badge after the last chip of @chips (from @first on), on a
 * new row if need be. FALSE if it does not fit in @area. */
static gboolean
place_badge (Frame                   *frame,
             GArray                  *chips,
             guint                    first,
             const cairo_rectangle_t *area,
             guint                    n_more)
{
  const ChipMetrics *metrics = &frame->chip;
  Chip badge = { 0, };
  char buffer[16];

  badge.marker = -1;
  badge.n_more = n_more;
  badge.height = metrics->height;
  badge.text_width = glyph_cache_measure (frame->bold,
                                          chip_text (frame, &badge, buffer, sizeof buffer),
                                          &badge.fast);
  badge.width = chip_width_for (frame, badge.text_width, G_MAXDOUBLE);
  if (badge.width > area->width)
    return FALSE;

  if (chips->len > first)
    {
      const Chip *last = &g_array_index (chips, Chip, chips->len - 1);

      badge.x = last->x + last->width + metrics->gap;
      badge.y = last->y;
      badge.row = last->row;
      if (badge.x + badge.width > area->x + area->width)
        {
          badge.x = area->x;
          badge.y += metrics->height + metrics->gap;
          badge.row++;
        }
    }
  else
    {
      badge.x = area->x;
      badge.y = area->y;
    }

  if (badge.y + badge.height > area->y + area->height)
    return FALSE;

  g_array_append_val (chips, badge);
  return TRUE;
}

/* Lays the markers @indices out in @area, in rows, and appends them to
 * @chips. If they do not all fit, as many as fit go in, less as many as
 * it takes to make room for a "+N" badge that stands for the rest. Only
 * what is shown is measured, so a cell of a thousand risks costs what a
 * cell of ten does. With @center, the rows are centred in the area.
 * Returns how many chips (and badges) were appended. */
static guint
flow_chips (Frame                   *frame,
            const guint             *indices,
            guint                    n,
            const cairo_rectangle_t *area,
            gboolean                 center,
            GArray                  *chips)
{
  const ChipMetrics *metrics = &frame->chip;
  guint first = chips->len;
  double x = area->x, y = area->y;
  int row = 0;
  guint k;

  frame_ensure_glyphs (frame);

  for (k = 0; k < n; k++)
    {
      Chip chip = { 0, };
      char buffer[16];

      if (indices[k] >= frame->model->n_markers)
        continue;

      chip.marker = indices[k];
      chip.height = metrics->height;
      chip.text_width = glyph_cache_measure (frame->code_glyphs,
                                             chip_text (frame, &chip, buffer, sizeof buffer),
                                             &chip.fast);
      chip.width = chip_width_for (frame, chip.text_width, area->width);
      if (x > area->x && x + chip.width > area->x + area->width)
        {
          x = area->x;
          y += metrics->height + metrics->gap;
          row++;
        }
      if (y + chip.height > area->y + area->height || chip.width <= 0)
        break;

      chip.x = x;
      chip.y = y;
      chip.row = row;
      g_array_append_val (chips, chip);
      x += chip.width + metrics->gap;
    }

  if (k < n)
    {
      /* Take chips back until the badge fits. */
      while (!place_badge (frame, chips, first, area, n - (chips->len - first)))
        {
          if (chips->len == first)
            break;
          g_array_set_size (chips, chips->len - 1);
        }
    }

  if (chips->len == first)
    return 0;

  if (center)
    {
      const Chip *last = &g_array_index (chips, Chip, chips->len - 1);
      int n_rows = last->row + 1;
      double used = n_rows * metrics->height + (n_rows - 1) * metrics->gap;
      double dy = MAX ((area->height - used) / 2, 0);
      guint start = first;

      while (start < chips->len)
        {
          int this_row = g_array_index (chips, Chip, start).row;
          guint end = start;
          double right, dx;

          while (end < chips->len && g_array_index (chips, Chip, end).row == this_row)
            end++;
          right = g_array_index (chips, Chip, end - 1).x
                  + g_array_index (chips, Chip, end - 1).width;
          dx = MAX ((area->x + area->width - right) / 2, 0);
          for (guint c = start; c < end; c++)
            {
              g_array_index (chips, Chip, c).x += dx;
              g_array_index (chips, Chip, c).y += dy;
            }
          start = end;
        }
    }

  /* Whole pixels keep the chips' edges crisp. */
  for (guint c = first; c < chips->len; c++)
    {
      Chip *chip = &g_array_index (chips, Chip, c);

      chip->x = round (chip->x);
      chip->y = round (chip->y);
    }

  return chips->len - first;
}

/* The markers of a cell, appended to @chips; 0 if it shows none (no
 * markers, or too small a cell: then it shows its count). A crowded cell
 * gives up its zone label, which the colour repeats, for more markers;
 * @label (optional) tells whether the label stays. */
static guint
frame_cell_chips (Frame    *frame,
                  int       likelihood,
                  int       impact,
                  GArray   *chips,
                  gboolean *label)
{
  cairo_rectangle_t area;
  const guint *indices;
  guint n, first = chips->len, placed = 0;
  gboolean with_label = frame->chip.label_px > 0;

  if (label != NULL)
    *label = TRUE;
  indices = frame_cell_markers (frame, likelihood, impact, &n);
  if (indices == NULL)
    return 0;

  if (with_label)
    {
      frame_cell_area (frame, likelihood, impact, TRUE, &area);
      placed = flow_chips (frame, indices, n, &area, TRUE, chips);
      /* All of them, and no badge. */
      if (placed == n && g_array_index (chips, Chip, chips->len - 1).marker >= 0)
        return placed;
      g_array_set_size (chips, first);
    }

  if (label != NULL)
    *label = FALSE;
  frame_cell_area (frame, likelihood, impact, FALSE, &area);
  return flow_chips (frame, indices, n, &area, TRUE, chips);
}

/* The panel of the expanded cell: every marker of the cell, in rows as
 * wide as it takes to fit the area, beside the cell if there is room,
 * else over the map. Returns FALSE if no cell is expanded. */
static gboolean
frame_panel (Frame             *frame,
             GArray            *chips,
             cairo_rectangle_t *panel)
{
  const SdHeatmapModel *model = frame->model;
  const ChipMetrics *metrics = &frame->chip;
  int likelihood = model->expanded_likelihood, impact = model->expanded_impact;
  cairo_rectangle_t cell, area;
  const guint *indices;
  double margin, pad, max_w, max_h, total, widest, inner_w, rows, right, bottom, x, y;
  guint n, first = chips->len;

  if (!cell_is_valid (model, likelihood, impact))
    return FALSE;
  indices = frame_cell_markers (frame, likelihood, impact, &n);
  if (indices == NULL)
    return FALSE;

  frame_ensure_glyphs (frame);
  layout_cell_rect (&frame->layout, likelihood, impact, &cell);
  margin = metrics->gap;
  pad = metrics->pad;
  max_w = frame->width - 2 * margin - 2 * pad;
  max_h = frame->height - 2 * margin - 2 * pad;
  if (max_w < metrics->height || max_h < metrics->height)
    return FALSE;

  /* How wide the rows must be for all the markers to fit in the height;
   * a panel at least as wide as two cells reads as a list. */
  total = widest = 0;
  for (guint k = 0; k < n; k++)
    {
      gboolean fast;
      double w;

      if (indices[k] >= model->n_markers)
        continue;
      w = chip_width_for (frame, glyph_cache_measure (frame->code_glyphs,
                                                      model->markers[indices[k]].code
                                                      ? model->markers[indices[k]].code : "",
                                                      &fast),
                          max_w);
      total += w + metrics->gap;
      widest = MAX (widest, w);
    }
  inner_w = MAX (MAX (frame->layout.pitch * 2 - 2 * pad, widest), metrics->height * 3);
  rows = floor ((max_h + metrics->gap) / (metrics->height + metrics->gap));
  if (rows >= 1 && total / inner_w > rows * 0.85)
    inner_w = total / (rows * 0.85);
  inner_w = MIN (inner_w, max_w);

  area = (cairo_rectangle_t) { 0, 0, inner_w, max_h };
  if (flow_chips (frame, indices, n, &area, FALSE, chips) == 0)
    return FALSE;

  right = bottom = 0;
  for (guint c = first; c < chips->len; c++)
    {
      const Chip *chip = &g_array_index (chips, Chip, c);

      right = MAX (right, chip->x + chip->width);
      bottom = MAX (bottom, chip->y + chip->height);
    }
  panel->width = ceil (right + 2 * pad);
  panel->height = ceil (bottom + 2 * pad);

  x = cell.x + cell.width + frame->layout.gap;
  if (x + panel->width > frame->width - margin)
    x = cell.x - frame->layout.gap - panel->width;
  if (x < margin)
    x = CLAMP (cell.x + (cell.width - panel->width) / 2, margin,
               MAX (margin, frame->width - margin - panel->width));
  y = CLAMP (cell.y, margin, MAX (margin, frame->height - margin - panel->height));
  panel->x = round (x);
  panel->y = round (y);

  for (guint c = first; c < chips->len; c++)
    {
      Chip *chip = &g_array_index (chips, Chip, c);

      chip->x += panel->x + pad;
      chip->y += panel->y + pad;
    }
  return TRUE;
}

/* Drawing. */

/* The count of risks in a cell, as large as the style asks but never
 * larger than the space between the top of the cell and @bottom. It is
 * centred on its ink, so that digits sit in the optical middle. */
static void
draw_count (TextContext             *tc,
            const Layout            *layout,
            const cairo_rectangle_t *cell,
            double                   bottom,
            guint                    count,
            const SdColor           *color)
{
  PangoRectangle ink;
  double size, avail_w, avail_h, ink_w, ink_h, fit;
  char text[16];

  g_snprintf (text, sizeof text, "%u", count);

  size = layout->pitch * COUNT_FONT_RATIO;
  if (!text_prepare (tc, text, size, PANGO_WEIGHT_BOLD, 0, 0, PANGO_ALIGN_LEFT))
    return;

  avail_w = cell->width * 0.84;
  avail_h = (bottom - cell->y) * 0.76;
  pango_layout_get_extents (tc->layout, &ink, NULL);
  ink_w = (double) ink.width / PANGO_SCALE;
  ink_h = (double) ink.height / PANGO_SCALE;

  fit = 1.0;
  if (ink_w > avail_w)
    fit = MIN (fit, avail_w / ink_w);
  if (ink_h > avail_h)
    fit = MIN (fit, avail_h / ink_h);
  if (fit < 1.0)
    {
      /* Fitted, the count may end below the style's floor: it is the
       * largest text of the map anyway. */
      double px = text_px (tc->style, size) * fit;

      if (px < MIN_TEXT_PX)
        return;
      pango_font_description_set_absolute_size (tc->font, px * PANGO_SCALE);
      pango_layout_set_font_description (tc->layout, tc->font);
      pango_layout_get_extents (tc->layout, &ink, NULL);
    }

  text_show_at (tc, color,
                cell->x + (cell->width - (double) ink.width / PANGO_SCALE) / 2
                - (double) ink.x / PANGO_SCALE,
                cell->y + (bottom - cell->y - (double) ink.height / PANGO_SCALE) / 2
                - (double) ink.y / PANGO_SCALE);
}

/* A ring along the edge of a cell, like a focus ring; returns the inset
 * that leaves a strip of background inside it. */
static double
draw_cell_ring (cairo_t                 *cr,
                const Layout            *layout,
                const cairo_rectangle_t *rect,
                const SdColor           *color,
                double                   width,
                gboolean                 dashed)
{
  cairo_rectangle_t ring = *rect;

  ring.x += width / 2;
  ring.y += width / 2;
  ring.width -= width;
  ring.height -= width;
  rounded_rect_path (cr, &ring, layout->radius);
  set_source_color (cr, color);
  cairo_set_line_width (cr, width);
  if (dashed)
    {
      double dash = MAX (width * 2.5, 4.0);

      cairo_set_dash (cr, &dash, 1, 0);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  return width + MAX (layout->gap / 2, 1.0);
}

static void
draw_cell (Frame         *frame,
           const Palette *palette,
           int            likelihood,
           int            impact,
           GArray        *chips)
{
  const SdHeatmapModel *model = frame->model;
  const Layout *layout = &frame->layout;
  TextContext *tc = &frame->tc;
  cairo_t *cr = tc->cr;
  cairo_rectangle_t rect, fill_rect;
  SdZone zone = model->zones[likelihood - 1][impact - 1];
  guint count = model->counts[likelihood - 1][impact - 1];
  gboolean label = TRUE;
  guint n_chips = 0;
  double w, h, label_top;

  if (zone >= SD_N_ZONES)
    zone = SD_ZONE_LOW;

  layout_cell_rect (layout, likelihood, impact, &rect);
  fill_rect = rect;

  if (likelihood == model->selected_likelihood && impact == model->selected_impact)
    {
      double inset = draw_cell_ring (cr, layout, &rect, &palette->accent,
                                     frame->style->high_contrast ? 3.0 : SELECTION_WIDTH,
                                     FALSE);

      fill_rect.x += inset;
      fill_rect.y += inset;
      fill_rect.width -= 2 * inset;
      fill_rect.height -= 2 * inset;
    }

  rounded_rect_path (cr, &fill_rect, MAX (layout->radius - (fill_rect.x - rect.x), 1.0));
  set_source_color (cr, &palette->zone[zone]);
  cairo_fill (cr);

  n_chips = frame_cell_chips (frame, likelihood, impact, chips, &label);
  if (n_chips == 0)
    label = TRUE;

  /* The zone label, small, along the bottom of the cell; none rather than
   * a cut one ("Medi…") when large type does not fit: the colour says it. */
  label_top = fill_rect.y + fill_rect.height;
  if (label
      && text_prepare (tc, sd_zone_get_label (zone), layout->pitch * ZONE_FONT_RATIO,
                       PANGO_WEIGHT_NORMAL, fill_rect.width * 0.9, 1, PANGO_ALIGN_CENTER)
      && !pango_layout_is_ellipsized (tc->layout))
    {
      text_get_size (tc, &w, &h);
      label_top = fill_rect.y + fill_rect.height - h - layout->pitch * 0.05;
      text_show_at (tc, &palette->zone_text[zone], fill_rect.x + fill_rect.width * 0.05,
                    label_top);
    }

  /* The count, large, centred in the space above the label: when there
   * are no markers, or the cell is too small for them; nothing for an
   * empty cell, nor under the arrows. */
  if (count > 0 && n_chips == 0 && !frame->arrows)
    draw_count (tc, layout, &fill_rect, label_top, count, &palette->zone_text[zone]);
}

/* A rounded rectangle as a polygon, each corner a few straight segments:
 * a curve costs several times as much to fill, markers come by the
 * hundred, and at their size nobody sees the difference. */
static void
polygon_rect_path (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  static const double start_angles[4] = { -G_PI / 2, 0, G_PI / 2, G_PI };
  double centers[4][2];
  int segments;

  radius = MIN (radius, MIN (width, height) / 2);
  if (radius < 0.5)
    {
      cairo_rectangle (cr, x, y, width, height);
      return;
    }

  centers[0][0] = x + width - radius;
  centers[0][1] = y + radius;
  centers[1][0] = x + width - radius;
  centers[1][1] = y + height - radius;
  centers[2][0] = x + radius;
  centers[2][1] = y + height - radius;
  centers[3][0] = x + radius;
  centers[3][1] = y + radius;

  segments = CLAMP ((int) ceil (radius / 4.0), 1, 6);
  cairo_new_sub_path (cr);
  for (int corner = 0; corner < 4; corner++)
    for (int s = 0; s <= segments; s++)
      {
        double angle = start_angles[corner] + s * (G_PI / 2) / segments;

        cairo_line_to (cr, centers[corner][0] + radius * cos (angle),
                       centers[corner][1] + radius * sin (angle));
      }
  cairo_close_path (cr);
}

static void
chip_path (cairo_t    *cr,
           const Chip *chip,
           double      radius,
           double      grow)
{
  polygon_rect_path (cr, chip->x - grow, chip->y - grow,
                     chip->width + 2 * grow, chip->height + 2 * grow, radius + grow);
}

/* Fills a chip with an outline around it: the outline as a larger shape
 * under it, which is cheaper than a stroke. */
static void
fill_chip (cairo_t       *cr,
           const Chip    *chip,
           double         radius,
           const SdColor *fill,
           const SdColor *outline,
           double         outline_width)
{
  if (outline_width > 0)
    {
      chip_path (cr, chip, radius, outline_width);
      set_source_color (cr, outline);
      cairo_fill (cr);
    }
  chip_path (cr, chip, radius, 0);
  set_source_color (cr, fill);
  cairo_fill (cr);
}

/* Queues the text of @chip if it can be drawn with the others; FALSE if
 * it must be drawn on its own (cut, or not drawn from the cache). */
static gboolean
queue_chip_text (Frame      *frame,
                 const Chip *chip)
{
  GlyphCache *cache = chip->marker < 0 ? frame->bold : frame->code_glyphs;
  char buffer[16];

  if (!chip->fast || chip->text_width > chip->width - 2 * frame->chip.hpad + 0.5)
    return FALSE;

  glyph_cache_queue (cache, chip_text (frame, chip, buffer, sizeof buffer),
                     chip->x + (chip->width - chip->text_width) / 2,
                     chip->y + (chip->height - cache->line_height) / 2);
  return TRUE;
}

static void
draw_chip_text (Frame         *frame,
                const Chip    *chip,
                const SdColor *color)
{
  GlyphCache *cache = chip->marker < 0 ? frame->bold : frame->code_glyphs;
  cairo_t *cr = frame->tc.cr;
  double inner = chip->width - 2 * frame->chip.hpad;
  double x, top;
  gboolean clip;
  char buffer[16];

  top = chip->y + (chip->height - cache->line_height) / 2;
  clip = chip->text_width > inner + 0.5;
  if (clip)
    {
      /* A code longer than a cell is wide is cut at the chip's padding. */
      cairo_save (cr);
      cairo_rectangle (cr, chip->x + frame->chip.hpad / 2, chip->y,
                       chip->width - frame->chip.hpad, chip->height);
      cairo_clip (cr);
      x = chip->x + frame->chip.hpad;
    }
  else
    {
      x = chip->x + (chip->width - chip->text_width) / 2;
    }

  set_source_color (cr, color);
  glyph_cache_show (cache, cr, chip_text (frame, chip, buffer, sizeof buffer), chip->fast,
                    x, top);
  if (clip)
    cairo_restore (cr);
}

static gboolean
chip_is_plain (Frame      *frame,
               const Chip *chip)
{
  const SdHeatmapModel *model = frame->model;

  return chip->marker >= 0
         && chip->marker != model->selected_marker
         && chip->marker != model->hover_marker
         && chip->marker != model->drag_marker;
}

/* Draws @chips: the plain markers in batches (their outlines, if
 * @outline_width, in one fill, their faces in another, then their texts
 * in one call per font), the badges likewise, then the hovered, selected
 * and dragged ones. @fill and @text colour the plain markers. Filling
 * rounded shapes is most of the cost of a map full of markers: one fill
 * for all of them, and no outline unless asked for. */
static void
draw_chips (Frame         *frame,
            const Palette *palette,
            GArray        *chips,
            guint          first,
            const SdColor *fill,
            const SdColor *text,
            double         outline_width)
{
  const SdHeatmapModel *model = frame->model;
  cairo_t *cr = frame->tc.cr;
  double radius = frame->chip.radius;
  gboolean any_badge = FALSE;

  if (chips->len <= first)
    return;

  for (int pass = outline_width > 0 ? 0 : 1; pass < 2; pass++)
    {
      double grow = pass == 0 ? outline_width : 0;

      cairo_new_path (cr);
      for (guint c = first; c < chips->len; c++)
        {
          const Chip *chip = &g_array_index (chips, Chip, c);

          if (chip_is_plain (frame, chip))
            chip_path (cr, chip, radius, grow);
        }
      set_source_color (cr, pass == 0 ? &palette->outline : fill);
      cairo_fill (cr);
    }

  for (guint c = first; c < chips->len; c++)
    {
      const Chip *chip = &g_array_index (chips, Chip, c);

      if (chip_is_plain (frame, chip) && !queue_chip_text (frame, chip))
        draw_chip_text (frame, chip, text);
      any_badge |= chip->marker < 0;
    }
  set_source_color (cr, text);
  glyph_cache_draw_queued (frame->code_glyphs, cr);

  /* The badges stand out from the markers: inverted, with a rim of the
   * surface colour that keeps them apart from a dark zone. */
  if (any_badge)
    {
      for (int pass = outline_width > 0 ? 0 : 1; pass < 2; pass++)
        {
          cairo_new_path (cr);
          for (guint c = first; c < chips->len; c++)
            {
              const Chip *chip = &g_array_index (chips, Chip, c);

              if (chip->marker < 0)
                chip_path (cr, chip, chip->height / 2, pass == 0 ? 1.0 : 0.0);
            }
          set_source_color (cr, pass == 0 ? &palette->surface : &palette->ink);
          cairo_fill (cr);
        }
      for (guint c = first; c < chips->len; c++)
        {
          const Chip *chip = &g_array_index (chips, Chip, c);

          if (chip->marker < 0 && !queue_chip_text (frame, chip))
            draw_chip_text (frame, chip, &palette->surface);
        }
      set_source_color (cr, &palette->surface);
      glyph_cache_draw_queued (frame->bold, cr);
    }

  for (guint c = first; c < chips->len; c++)
    {
      const Chip *chip = &g_array_index (chips, Chip, c);

      if (chip->marker < 0 || chip_is_plain (frame, chip))
        continue;

      if (chip->marker == model->drag_marker)
        {
          /* What is being dragged away stays behind as a faint trace. A
           * clip keeps the group as small as the chip. */
          cairo_save (cr);
          chip_path (cr, chip, radius, palette->outline_width + 1);
          cairo_clip (cr);
          cairo_push_group (cr);
          fill_chip (cr, chip, radius, fill, &palette->outline, palette->outline_width);
          draw_chip_text (frame, chip, text);
          cairo_pop_group_to_source (cr);
          cairo_paint_with_alpha (cr, 0.35);
          cairo_restore (cr);
        }
      else if (chip->marker == model->selected_marker)
        {
          fill_chip (cr, chip, radius, &palette->accent, &palette->ink,
                     frame->style->high_contrast ? 3.0 : 2.0);
          draw_chip_text (frame, chip, &palette->accent_text);
        }
      else
        {
          fill_chip (cr, chip, radius, &palette->hover, &palette->accent, 1.5);
          draw_chip_text (frame, chip, &palette->ink);
        }
    }
}

static void
draw_panel (Frame         *frame,
            const Palette *palette,
            GArray        *chips)
{
  const SdHeatmapModel *model = frame->model;
  cairo_t *cr = frame->tc.cr;
  cairo_rectangle_t panel, cell, shadow;
  guint first = chips->len;
  SdZone zone;
  double radius = frame->chip.radius * 2;

  if (!frame_panel (frame, chips, &panel))
    return;

  zone = model->zones[model->expanded_likelihood - 1][model->expanded_impact - 1];
  if (zone >= SD_N_ZONES)
    zone = SD_ZONE_LOW;

  /* The expanded cell is marked, so that the panel reads as its list. */
  layout_cell_rect (&frame->layout, model->expanded_likelihood, model->expanded_impact, &cell);
  draw_cell_ring (cr, &frame->layout, &cell, &palette->ink,
                  frame->style->high_contrast ? 3.0 : SELECTION_WIDTH, TRUE);

  shadow = panel;
  shadow.y += 2;
  rounded_rect_path (cr, &shadow, radius);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_fill (cr);

  rounded_rect_path (cr, &panel, radius);
  set_source_color (cr, &palette->surface);
  cairo_fill_preserve (cr);
  set_source_color (cr, &palette->ink);
  cairo_set_line_width (cr, frame->style->high_contrast ? 2.0 : 1.0);
  cairo_stroke (cr);

  /* On the panel the markers wear their zone's colour. */
  draw_chips (frame, palette, chips, first, &palette->zone[zone], &palette->zone_text[zone],
              palette->outline_width);
}

/* The marker being dragged, drawn in the middle of the cell under the
 * pointer, with that cell's outline dashed. */
static void
draw_drag_ghost (Frame         *frame,
                 const Palette *palette)
{
  const SdHeatmapModel *model = frame->model;
  cairo_t *cr = frame->tc.cr;
  cairo_rectangle_t cell;
  Chip chip = { 0, };
  char buffer[16];

  if (model->drag_marker < 0 || (guint) model->drag_marker >= model->n_markers
      || !cell_is_valid (model, model->drag_likelihood, model->drag_impact))
    return;

  layout_cell_rect (&frame->layout, model->drag_likelihood, model->drag_impact, &cell);
  draw_cell_ring (cr, &frame->layout, &cell, &palette->accent, 3.0, TRUE);

  if (!frame->chip.visible)
    return;
  frame_ensure_glyphs (frame);
  chip.marker = model->drag_marker;
  chip.height = frame->chip.height;
  chip.text_width = glyph_cache_measure (frame->code_glyphs,
                                         chip_text (frame, &chip, buffer, sizeof buffer),
                                         &chip.fast);
  chip.width = chip_width_for (frame, chip.text_width, cell.width);
  chip.x = round (cell.x + (cell.width - chip.width) / 2);
  chip.y = round (cell.y + (cell.height - chip.height) / 2);

  cairo_save (cr);
  chip_path (cr, &chip, frame->chip.radius, 3.0);
  cairo_clip (cr);
  cairo_push_group (cr);
  fill_chip (cr, &chip, frame->chip.radius, &palette->accent, &palette->ink, 2.0);
  draw_chip_text (frame, &chip, &palette->accent_text);
  cairo_pop_group_to_source (cr);
  cairo_paint_with_alpha (cr, 0.85);
  cairo_restore (cr);
}

/* Arrows. */

typedef struct
{
  int   from, to;            /* likelihood-1 * SD_MATRIX_MAX_SIZE + impact-1 */
  guint count;
} Flow;

static int
flow_compare (gconstpointer a,
              gconstpointer b)
{
  const Flow *fa = a, *fb = b;

  /* The widest first, so that thin arrows stay visible on top of them. */
  if (fa->count != fb->count)
    return fa->count < fb->count ? 1 : -1;
  if (fa->from != fb->from)
    return fa->from - fb->from;
  return fa->to - fb->to;
}

static void
cell_center (const Layout *layout,
             int           cell,
             double       *x,
             double       *y)
{
  cairo_rectangle_t rect;

  layout_cell_rect (layout, cell / SD_MATRIX_MAX_SIZE + 1, cell % SD_MATRIX_MAX_SIZE + 1, &rect);
  *x = rect.x + rect.width / 2;
  *y = rect.y + rect.height / 2;
}

/* An arrow from (@sx, @sy) to its tip at (@ex, @ey), along the unit
 * vector (@ux, @uy): a shaft @w wide and a head. */
static void
arrow_path (cairo_t *cr,
            double   sx,
            double   sy,
            double   ex,
            double   ey,
            double   ux,
            double   uy,
            double   w,
            double   head_w,
            double   head_len)
{
  double nx = -uy, ny = ux;
  double hx = ex - ux * head_len, hy = ey - uy * head_len;

  cairo_move_to (cr, sx + nx * w / 2, sy + ny * w / 2);
  cairo_line_to (cr, hx + nx * w / 2, hy + ny * w / 2);
  cairo_line_to (cr, hx + nx * head_w, hy + ny * head_w);
  cairo_line_to (cr, ex, ey);
  cairo_line_to (cr, hx - nx * head_w, hy - ny * head_w);
  cairo_line_to (cr, hx - nx * w / 2, hy - ny * w / 2);
  cairo_line_to (cr, sx - nx * w / 2, sy - ny * w / 2);
  cairo_close_path (cr);
}

#define ARROWS_PER_FILL 8

/* The width of an arrow that @count risks take, when the most any arrow
 * carries is @max_count: from a hairline to a fixed share of the pitch,
 * by area, so that the map reads the same with 50 risks or 5,000. */
static double
arrow_width (double pitch,
             guint  count,
             guint  max_count)
{
  double thin = MAX (1.5, pitch * 0.012);
  double thick = MAX (thin, pitch * 0.06);

  if (max_count <= 1)
    return thin;
  return thin + (thick - thin) * sqrt ((double) (count - 1) / (max_count - 1));
}

/* The paths of the risks from inherent to residual to target, summed up:
 * one arrow per pair of cells, as wide as the number of risks that take
 * it, with that number on it when it is more than one, and a dot where
 * paths start, as large as the number that start there. The work is one
 * pass over the markers; what is drawn depends on the cells, not on the
 * number of risks. */
static void
draw_arrows (Frame         *frame,
             const Palette *palette)
{
  enum { N_CELLS = SD_MATRIX_MAX_SIZE * SD_MATRIX_MAX_SIZE };
  const SdHeatmapModel *model = frame->model;
  const Layout *layout = &frame->layout;
  cairo_t *cr = frame->tc.cr;
  guint pairs[N_CELLS][N_CELLS];
  guint starts[N_CELLS];
  Flow flows[N_CELLS * N_CELLS];
  guint n_flows = 0;
  g_autoptr(GArray) labels = NULL;
  double pitch = layout->pitch;
  double halo = frame->style->high_contrast ? 3.0 : 2.0;

  memset (pairs, 0, sizeof pairs);
  memset (starts, 0, sizeof starts);

  for (guint m = 0; m < model->n_markers; m++)
    {
      const SdHeatmapMarker *marker = &model->markers[m];
      int points[3], n_points = 0;

      for (int level = 0; level < 3; level++)
        {
          int l = marker->path_likelihood[level], i = marker->path_impact[level];

          /* A rating not given (0) is skipped: the path goes on from the
           * last one given. */
          if (cell_is_valid (model, l, i))
            points[n_points++] = (l - 1) * SD_MATRIX_MAX_SIZE + (i - 1);
        }
      if (n_points == 0)
        continue;

      starts[points[0]]++;
      for (int k = 1; k < n_points; k++)
        if (points[k] != points[k - 1])
          pairs[points[k - 1]][points[k]]++;
    }

  for (int from = 0; from < N_CELLS; from++)
    for (int to = 0; to < N_CELLS; to++)
      if (pairs[from][to] > 0)
        flows[n_flows++] = (Flow) { from, to, pairs[from][to] };
  qsort (flows, n_flows, sizeof (Flow), flow_compare);

  /* The dots, with a rim of the surface colour. */
  for (int pass = 0; pass < 2; pass++)
    {
      cairo_new_path (cr);
      for (int c = 0; c < N_CELLS; c++)
        {
          double x, y, r;

          if (starts[c] == 0)
            continue;
          cell_center (layout, c, &x, &y);
          r = MAX (CLAMP (pitch * 0.03 * sqrt (starts[c]), pitch * 0.03, pitch * 0.1), 1.5);
          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, pass == 0 ? r + halo / 2 : r, 0, 2 * G_PI);
        }
      set_source_color (cr, pass == 0 ? &palette->surface : &palette->ink);
      cairo_fill (cr);
    }

  /* The arrows. Each runs a little to the right of the line between the
   * centres, so that a pair of cells with arrows both ways shows both; a
   * halo of the surface colour keeps crossing arrows apart. They are
   * filled a few at a time, widest first: each fill costs a mask as large
   * as what it covers, and one per arrow adds up with hundreds of them. */
  for (guint group = 0; group < n_flows; group += ARROWS_PER_FILL)
    {
      guint end = MIN (group + ARROWS_PER_FILL, n_flows);

      for (int pass = 0; pass < 2; pass++)
        {
          cairo_new_path (cr);
          for (guint f = group; f < end; f++)
            {
              double ax, ay, bx, by, ux, uy, nx, ny, length, offset, w, head_len, head_w;
              double sx, sy, ex, ey;

              cell_center (layout, flows[f].from, &ax, &ay);
              cell_center (layout, flows[f].to, &bx, &by);
              length = hypot (bx - ax, by - ay);
              if (length <= 0)
                continue;
              ux = (bx - ax) / length;
              uy = (by - ay) / length;
              nx = -uy;
              ny = ux;

              offset = pitch * 0.07;
              w = arrow_width (pitch, flows[f].count, flows[0].count);
              head_len = MAX (w * 2.2, pitch * 0.08);
              head_w = MAX (w * 1.7, pitch * 0.045);

              sx = ax + ux * pitch * 0.1 + nx * offset;
              sy = ay + uy * pitch * 0.1 + ny * offset;
              ex = bx - ux * pitch * 0.14 + nx * offset;
              ey = by - uy * pitch * 0.14 + ny * offset;

              if (pass == 0)
                arrow_path (cr, sx - ux * halo, sy - uy * halo,
                            ex + ux * halo * 1.5, ey + uy * halo * 1.5, ux, uy,
                            w + 2 * halo, head_w + halo * 1.5, head_len + halo * 1.5);
              else
                arrow_path (cr, sx, sy, ex, ey, ux, uy, w, head_w, head_len);
            }
          set_source_color (cr, pass == 0 ? &palette->surface : &palette->ink);
          cairo_fill (cr);
        }
    }

  /* The numbers, last, on top of every arrow. */
  if (!frame->chip.visible)
    return;
  frame_ensure_glyphs (frame);
  labels = g_array_new (FALSE, FALSE, sizeof (Chip));
  for (guint f = 0; f < n_flows; f++)
    {
      static const double along[] = { 0.5, 0.35, 0.65 };
      double ax, ay, bx, by, ux, uy, length;
      Chip chip = { 0, };
      char buffer[16];
      gboolean placed;

      if (flows[f].count < 2)
        continue;

      cell_center (layout, flows[f].from, &ax, &ay);
      cell_center (layout, flows[f].to, &bx, &by);
      length = hypot (bx - ax, by - ay);
      ux = (bx - ax) / length;
      uy = (by - ay) / length;

      chip.marker = -1;
      chip.n_more = flows[f].count;
      chip.height = frame->chip.height;
      g_snprintf (buffer, sizeof buffer, "%u", flows[f].count);
      chip.text_width = glyph_cache_measure (frame->bold, buffer, &chip.fast);
      chip.width = MAX (ceil (chip.text_width + frame->chip.hpad), chip.height);

      /* Halfway along the shaft, on its offset, or else a little before
       * or after; a number that would cover another (the widest arrows
       * placed theirs first) is left out: its arrow's width still tells. */
      placed = FALSE;
      for (guint t = 0; t < G_N_ELEMENTS (along) && !placed; t++)
        {
          double mx = ax + (bx - ax) * along[t] - uy * pitch * 0.07;
          double my = ay + (by - ay) * along[t] + ux * pitch * 0.07;
          cairo_rectangle_t rect;

          chip.x = round (mx - chip.width / 2);
          chip.y = round (my - chip.height / 2);
          rect = (cairo_rectangle_t) { chip.x - 2, chip.y - 2, chip.width + 4, chip.height + 4 };
          placed = TRUE;
          for (guint c = 0; c < labels->len && placed; c++)
            {
              const Chip *other = &g_array_index (labels, Chip, c);
              cairo_rectangle_t other_rect = { other->x, other->y, other->width, other->height };

              placed = !rects_intersect (&rect, &other_rect);
            }
        }
      if (!placed)
        continue;
      g_array_append_val (labels, chip);
    }

  for (int pass = 0; pass < 2; pass++)
    {
      cairo_new_path (cr);
      for (guint c = 0; c < labels->len; c++)
        {
          const Chip *chip = &g_array_index (labels, Chip, c);

          chip_path (cr, chip, chip->height / 2, pass == 0 ? halo / 2 : 0);
        }
      set_source_color (cr, pass == 0 ? &palette->ink : &palette->surface);
      cairo_fill (cr);
    }
  set_source_color (cr, &palette->ink);
  for (guint c = 0; c < labels->len; c++)
    {
      const Chip *chip = &g_array_index (labels, Chip, c);
      double x = chip->x + (chip->width - chip->text_width) / 2;
      double top = chip->y + (chip->height - frame->bold->line_height) / 2;
      char buffer[16];

      g_snprintf (buffer, sizeof buffer, "%u", chip->n_more);
      if (chip->fast)
        glyph_cache_queue (frame->bold, buffer, x, top);
      else
        glyph_cache_show (frame->bold, cr, buffer, FALSE, x, top);
    }
  glyph_cache_draw_queued (frame->bold, cr);
}

/* Axes. */

static const char *
axis_label (const char * const *labels,
            int                 size,
            int                 level,
            gboolean            likelihood,
            char               *buffer,
            gsize               buffer_size)
{
  if (labels[level - 1] != NULL)
    return labels[level - 1];

  /* A matrix without its own labels shows the default ones of its size. */
  if (size >= 3 && size <= SD_MATRIX_MAX_SIZE)
    return likelihood ? sd_risk_likelihood_label_for_size (level, size)
                      : sd_risk_impact_label_for_size (level, size);

  g_snprintf (buffer, buffer_size, "%d", level);
  return buffer;
}

/* Draws the level labels of both axes, and tells where they reach: the
 * left edge of the likelihood labels and the bottom of the impact labels,
 * so that the titles can sit close to them. */
static void
draw_axis_labels (TextContext          *tc,
                  const Layout         *layout,
                  const SdHeatmapModel *model,
                  const SdColor        *fg,
                  double               *labels_left,
                  double               *labels_bottom)
{
  PangoRectangle logical;
  char buffer[16];
  double w, h, size_px;
  int impact_lines;

  *labels_left = layout->grid_x;
  *labels_bottom = layout->grid_y + layout->grid_extent;

  /* Type enlarged for the back of a room may leave room for one line
   * under the grid only. */
  size_px = text_px (tc->style, layout->pitch * AXIS_FONT_RATIO);
  impact_lines = layout->bottom_labels_height >= 2 * size_px * LINE_HEIGHT_EM ? 2 : 1;

  for (int level = 1; level <= layout->size; level++)
    {
      const char *text;
      cairo_rectangle_t rect;

      /* Likelihood: right-aligned left of each row, up to two lines. */
      text = axis_label (model->likelihood_labels, layout->size, level, TRUE,
                         buffer, sizeof buffer);
      layout_cell_rect (layout, level, 1, &rect);
      if (text_prepare (tc, text, layout->pitch * AXIS_FONT_RATIO, PANGO_WEIGHT_NORMAL,
                        layout->left_labels_width, 2, PANGO_ALIGN_RIGHT))
        {
          pango_layout_get_extents (tc->layout, NULL, &logical);
          text_get_size (tc, &w, &h);
          text_show_at (tc, fg, layout->left_labels_x, rect.y + (rect.height - h) / 2);
          *labels_left = MIN (*labels_left,
                              layout->left_labels_x + (double) logical.x / PANGO_SCALE);
        }

      /* Impact: centred under each column. */
      text = axis_label (model->impact_labels, layout->size, level, FALSE,
                         buffer, sizeof buffer);
      layout_cell_rect (layout, 1, level, &rect);
      if (text_prepare (tc, text, layout->pitch * AXIS_FONT_RATIO, PANGO_WEIGHT_NORMAL,
                        rect.width, impact_lines, PANGO_ALIGN_CENTER))
        {
          text_get_size (tc, &w, &h);
          text_show_at (tc, fg, rect.x, layout->bottom_labels_y);
          *labels_bottom = MAX (*labels_bottom, layout->bottom_labels_y + h);
        }
    }
}

/* The titles sit a little way beyond the labels they head, but never
 * outside their own bands, wherever the labels end. */
static void
draw_titles (TextContext          *tc,
             const Layout         *layout,
             const SdHeatmapModel *model,
             const SdColor        *fg,
             double                labels_left,
             double                labels_bottom)
{
  const char *impact_title, *likelihood_title;
  double spacing = layout->pitch * 0.12;
  double w, h, x, y;

  /* Translators: the horizontal axis of the risk heat map; 影响程度 */
  impact_title = model->impact_title ? model->impact_title : _("Impact");
  /* Translators: the vertical axis of the risk heat map; 可能性 */
  likelihood_title = model->likelihood_title ? model->likelihood_title : _("Likelihood");

  if (text_prepare (tc, impact_title, layout->pitch * TITLE_FONT_RATIO, PANGO_WEIGHT_BOLD,
                    layout->grid_extent, 1, PANGO_ALIGN_CENTER))
    {
      text_get_size (tc, &w, &h);
      y = MIN (labels_bottom + spacing,
               layout->bottom_title_y + (layout->title_band - h) / 2);
      text_show_at (tc, fg, layout->grid_x, y);
    }

  /* The likelihood title reads upwards, centred on the grid. */
  if (text_prepare (tc, likelihood_title, layout->pitch * TITLE_FONT_RATIO, PANGO_WEIGHT_BOLD,
                    layout->grid_extent, 1, PANGO_ALIGN_CENTER))
    {
      text_get_size (tc, &w, &h);
      x = MAX (labels_left - spacing - h / 2, layout->left_title_x + layout->title_band / 2);

      cairo_save (tc->cr);
      cairo_translate (tc->cr, x, layout->grid_y + layout->grid_extent / 2);
      cairo_rotate (tc->cr, -G_PI / 2);
      /* Hinting depends on the transformation, so measure again. */
      pango_cairo_update_layout (tc->cr, tc->layout);
      text_get_size (tc, &w, &h);
      text_show_at (tc, fg, -layout->grid_extent / 2, -h / 2);
      cairo_restore (tc->cr);
      /* The context is shared with the markers' glyphs: back to upright. */
      pango_cairo_update_layout (tc->cr, tc->layout);
    }
}

/**
 * sd_heatmap_model_init_default:
 * @model: the model to fill
 *
 * A 5×5 matrix with the default zones, no risks, the default labels and no
 * selection, hover, expanded cell or drag.
 */
void
sd_heatmap_model_init_default (SdHeatmapModel *model)
{
  g_return_if_fail (model != NULL);

  memset (model, 0, sizeof *model);
  model->size = SD_MATRIX_MAX_SIZE;
  for (int l = 1; l <= SD_MATRIX_MAX_SIZE; l++)
    for (int i = 1; i <= SD_MATRIX_MAX_SIZE; i++)
      model->zones[l - 1][i - 1] = sd_risk_default_zone (l, i);
  model->selected_marker = -1;
  model->hover_marker = -1;
  model->drag_marker = -1;
}

/**
 * sd_heatmap_style_init_default:
 * @style: the style to fill
 * @dark: whether for a dark background
 *
 * The GNOME palette tones of the seeds' colours (blue, yellow, orange, red),
 * on the libadwaita view background, with the text on each zone picked
 * for a WCAG contrast of at least 4.5:1.
 */
void
sd_heatmap_style_init_default (SdHeatmapStyle *style,
                               gboolean        dark)
{
  static const guint32 light_fills[SD_N_ZONES] = { 0x62a0ea, 0xf6d32d, 0xffa348, 0xe01b24 };
  static const guint32 dark_fills[SD_N_ZONES]  = { 0x1c71d8, 0xe5a50a, 0xff7800, 0xc01c28 };
  const guint32 *fills = dark ? dark_fills : light_fills;

  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  for (guint z = 0; z < SD_N_ZONES; z++)
    {
      style->zone[z] = sd_color_from_hex (fills[z]);
      style->zone_text[z] = sd_color_pick_text_for (&style->zone[z]);
    }

  if (dark)
    {
      style->foreground = (SdColor) { 1.0, 1.0, 1.0, 1.0 };
      style->background = sd_color_from_hex (0x1e1e1e);
      style->grid = (SdColor) { 1.0, 1.0, 1.0, 0.15 };
      style->selection = sd_color_from_hex (0x78aeed);
    }
  else
    {
      style->foreground = (SdColor) { 0.0, 0.0, 0.0, 0.8 };
      style->background = sd_color_from_hex (0xffffff);
      style->grid = (SdColor) { 0.0, 0.0, 0.0, 0.15 };
      style->selection = sd_color_from_hex (0x1c71d8);
    }
  style->font_family = NULL;
  style->font_scale = 1.0;
  style->min_text_px = 0;
  style->high_contrast = FALSE;
}

/**
 * sd_heatmap_draw:
 * @cr: where to draw, with (0, 0) the top-left corner of the area
 * @width: width of the area
 * @height: height of the area
 * @model: what to draw
 * @style: how to draw it
 *
 * Draws the heat map: impact along the x axis (1 at the left), likelihood
 * along the y axis (1 at the bottom), square cells centred in the area.
 * With markers, each cell shows the codes of its risks (or as many as fit
 * and a "+N" badge), the expanded cell a panel with all of them; with
 * arrows, the paths from inherent to residual to target; without either,
 * the number of risks in each cell. With @style's high contrast the zones
 * are drawn at full saturation with text of at least 7:1 contrast, and
 * the outlines are heavier.
 */
void
sd_heatmap_draw (cairo_t              *cr,
                 double                width,
                 double                height,
                 const SdHeatmapModel *model,
                 const SdHeatmapStyle *style)
{
  g_autoptr(GArray) chips = NULL;
  Palette palette;
  Frame frame;
  double labels_left, labels_bottom;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (model != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (model_is_valid (model));

  cairo_save (cr);

  if (style->background.alpha > 0 && width > 0 && height > 0)
    {
      set_source_color (cr, &style->background);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
    }

  if (!frame_init (&frame, cr, model, style, width, height))
    {
      cairo_restore (cr);
      return;
    }

  palette_init (&palette, style);
  chips = g_array_new (FALSE, FALSE, sizeof (Chip));

  for (int l = 1; l <= frame.layout.size; l++)
    for (int i = 1; i <= frame.layout.size; i++)
      draw_cell (&frame, &palette, l, i, chips);
  draw_chips (&frame, &palette, chips, 0, &palette.surface, &palette.ink, palette.outline_width);

  if (frame.arrows)
    draw_arrows (&frame, &palette);

  draw_axis_labels (&frame.tc, &frame.layout, model, &palette.foreground,
                    &labels_left, &labels_bottom);
  draw_titles (&frame.tc, &frame.layout, model, &palette.foreground,
               labels_left, labels_bottom);

  if (frame.markers)
    {
      g_array_set_size (chips, 0);
      draw_panel (&frame, &palette, chips);
    }
  draw_drag_ghost (&frame, &palette);

  frame_clear (&frame);
  cairo_restore (cr);
}

/**
 * sd_heatmap_lookup:
 * @model: the model as drawn
 * @width: width of the area it was drawn in
 * @height: height of the area
 * @x: a point in the area
 * @y: a point in the area
 * @likelihood: (out) (optional): the cell's likelihood, 1..size
 * @impact: (out) (optional): the cell's impact, 1..size
 *
 * Which cell is at (@x, @y). The gaps between cells belong to the nearest
 * cell, so that hovering and dragging across the grid never flickers.
 *
 * Returns: %TRUE if the point is on the grid.
 */
gboolean
sd_heatmap_lookup (const SdHeatmapModel *model,
                   double                width,
                   double                height,
                   double                x,
                   double                y,
                   int                  *likelihood,
                   int                  *impact)
{
  Layout layout;
  int l, i;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (model_is_valid (model), FALSE);

  if (!layout_compute (model, width, height, &layout))
    return FALSE;
  if (!layout_find_cell (&layout, x, y, &l, &i))
    return FALSE;

  if (impact != NULL)
    *impact = i;
  if (likelihood != NULL)
    *likelihood = l;

  return TRUE;
}

/**
 * sd_heatmap_get_cell_rect:
 * @model: the model as drawn
 * @width: width of the area it was drawn in
 * @height: height of the area
 * @likelihood: 1..size
 * @impact: 1..size
 * @rect: (out): the cell's filled rectangle, gaps excluded
 *
 * Where a cell is drawn: for tooltips, keyboard focus, accessible bounds
 * and drag feedback.
 *
 * Returns: %FALSE if the area is empty.
 */
gboolean
sd_heatmap_get_cell_rect (const SdHeatmapModel *model,
                          double                width,
                          double                height,
                          int                   likelihood,
                          int                   impact,
                          cairo_rectangle_t    *rect)
{
  Layout layout;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (model_is_valid (model), FALSE);
  g_return_val_if_fail (likelihood >= 1 && likelihood <= model->size, FALSE);
  g_return_val_if_fail (impact >= 1 && impact <= model->size, FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  if (!layout_compute (model, width, height, &layout))
    return FALSE;

  layout_cell_rect (&layout, likelihood, impact, rect);
  return TRUE;
}

/* Measuring needs a cairo context but draws nothing: a 1×1 surface, on
 * which (unhinted metrics) text is as wide as anywhere else. */
static cairo_t *
create_measuring_context (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  return cr;
}

static gboolean
chip_hit (const Chip *chip,
          double      x,
          double      y)
{
  cairo_rectangle_t rect = { chip->x, chip->y, chip->width, chip->height };

  return rect_contains (&rect, x, y);
}

/* The chip of @chips (from @first) under (@x, @y), or NULL. */
static const Chip *
find_chip (GArray *chips,
           guint   first,
           double  x,
           double  y)
{
  for (guint c = first; c < chips->len; c++)
    {
      const Chip *chip = &g_array_index (chips, Chip, c);

      if (chip_hit (chip, x, y))
        return chip;
    }
  return NULL;
}

static void
hit_from_chip (SdHeatmapHit *hit,
               const Chip   *chip,
               int           likelihood,
               int           impact)
{
  hit->likelihood = likelihood;
  hit->impact = impact;
  if (chip->marker >= 0)
    {
      hit->kind = SD_HEATMAP_HIT_MARKER;
      hit->marker = chip->marker;
    }
  else
    {
      hit->kind = SD_HEATMAP_HIT_MORE;
      hit->marker = -1;
    }
}

/**
 * sd_heatmap_hit_test:
 * @model: the model as drawn
 * @style: the style it was drawn with
 * @width: width of the area it was drawn in
 * @height: height of the area
 * @x: a point in the area
 * @y: a point in the area
 * @hit: (out): what is there
 *
 * What is at (@x, @y), with the layout of sd_heatmap_draw(): the panel of
 * the expanded cell first (a marker on it, its "+N", or else the expanded
 * cell), then a marker or "+N" badge in a cell, then the cell (the gaps
 * between cells belong to the nearest one).
 *
 * Returns: %TRUE if anything is there (@hit's kind is not NONE).
 */
gboolean
sd_heatmap_hit_test (const SdHeatmapModel *model,
                     const SdHeatmapStyle *style,
                     double                width,
                     double                height,
                     double                x,
                     double                y,
                     SdHeatmapHit         *hit)
{
  g_autoptr(GArray) chips = NULL;
  cairo_rectangle_t panel;
  const Chip *chip;
  Frame frame;
  cairo_t *cr;
  int l, i;
  gboolean found = FALSE;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (model_is_valid (model), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  hit->kind = SD_HEATMAP_HIT_NONE;
  hit->likelihood = hit->impact = 0;
  hit->marker = -1;

  cr = create_measuring_context ();
  if (!frame_init (&frame, cr, model, style, width, height))
    {
      cairo_destroy (cr);
      return FALSE;
    }
  chips = g_array_new (FALSE, FALSE, sizeof (Chip));

  if (frame.markers && frame_panel (&frame, chips, &panel) && rect_contains (&panel, x, y))
    {
      chip = find_chip (chips, 0, x, y);
      if (chip != NULL)
        hit_from_chip (hit, chip, model->expanded_likelihood, model->expanded_impact);
      else
        {
          hit->kind = SD_HEATMAP_HIT_CELL;
          hit->likelihood = model->expanded_likelihood;
          hit->impact = model->expanded_impact;
        }
      found = TRUE;
    }
  else if (layout_find_cell (&frame.layout, x, y, &l, &i))
    {
      hit->kind = SD_HEATMAP_HIT_CELL;
      hit->likelihood = l;
      hit->impact = i;
      g_array_set_size (chips, 0);
      if (frame_cell_chips (&frame, l, i, chips, NULL) > 0
          && (chip = find_chip (chips, 0, x, y)) != NULL)
        hit_from_chip (hit, chip, l, i);
      found = TRUE;
    }

  frame_clear (&frame);
  cairo_destroy (cr);
  return found;
}

/**
 * sd_heatmap_get_marker_rect:
 * @model: the model as drawn
 * @style: the style it was drawn with
 * @width: width of the area it was drawn in
 * @height: height of the area
 * @index: the marker
 * @rect: (out): where it is drawn
 *
 * Where marker @index is drawn: in its cell, or, if its cell is expanded
 * and the panel shows it where the cell does not (or covers the cell), on
 * the panel.
 *
 * Returns: %FALSE if it is not drawn (hidden behind a "+N", not on the
 *   map, or no markers are drawn).
 */
gboolean
sd_heatmap_get_marker_rect (const SdHeatmapModel *model,
                            const SdHeatmapStyle *style,
                            double                width,
                            double                height,
                            guint                 index,
                            cairo_rectangle_t    *rect)
{
  g_autoptr(GArray) chips = NULL;
  const SdHeatmapMarker *marker;
  cairo_rectangle_t in_cell = { 0, }, in_panel = { 0, }, panel;
  gboolean found_cell = FALSE, found_panel = FALSE;
  Frame frame;
  cairo_t *cr;
  int l, i;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (model_is_valid (model), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  if (model->markers == NULL || index >= model->n_markers)
    return FALSE;
  marker = &model->markers[index];
  l = marker->likelihood;
  i = marker->impact;
  if (!cell_is_valid (model, l, i))
    return FALSE;

  cr = create_measuring_context ();
  if (!frame_init (&frame, cr, model, style, width, height))
    {
      cairo_destroy (cr);
      return FALSE;
    }
  chips = g_array_new (FALSE, FALSE, sizeof (Chip));

  if (frame.markers)
    {
      frame_cell_chips (&frame, l, i, chips, NULL);
      for (guint c = 0; c < chips->len && !found_cell; c++)
        {
          const Chip *chip = &g_array_index (chips, Chip, c);

          if (chip->marker == (int) index)
            {
              in_cell = (cairo_rectangle_t) { chip->x, chip->y, chip->width, chip->height };
              found_cell = TRUE;
            }
        }

      g_array_set_size (chips, 0);
      if (l == model->expanded_likelihood && i == model->expanded_impact
          && frame_panel (&frame, chips, &panel))
        {
          for (guint c = 0; c < chips->len && !found_panel; c++)
            {
              const Chip *chip = &g_array_index (chips, Chip, c);

              if (chip->marker == (int) index)
                {
                  in_panel = (cairo_rectangle_t) { chip->x, chip->y,
                                                   chip->width, chip->height };
                  found_panel = TRUE;
                }
            }
          /* The panel is drawn over the map: a chip under it is hidden. */
          if (found_cell && rects_intersect (&in_cell, &panel))
            found_cell = FALSE;
        }
    }

  frame_clear (&frame);
  cairo_destroy (cr);

  if (found_cell)
    *rect = in_cell;
  else if (found_panel)
    *rect = in_panel;
  return found_cell || found_panel;
}

/**
 * sd_heatmap_count_unknown_glyphs:
 * @text: UTF-8 text
 * @style: (nullable): the style whose font to use
 *
 * How many characters of @text no installed font can draw, with the same
 * font set-up as the heat map. Non-zero for Chinese means the CJK fonts
 * are missing and the labels would come out as boxes.
 */
int
sd_heatmap_count_unknown_glyphs (const char           *text,
                                 const SdHeatmapStyle *style)
{
  SdHeatmapStyle default_style;
  TextContext tc;
  cairo_t *cr;
  int count = 0;

  g_return_val_if_fail (text != NULL, -1);

  if (style == NULL)
    {
      sd_heatmap_style_init_default (&default_style, FALSE);
      style = &default_style;
    }

  cr = create_measuring_context ();
  text_context_init (&tc, cr, style);
  if (text_prepare (&tc, text, 16.0 / tc.font_scale, PANGO_WEIGHT_NORMAL, 0, 0, PANGO_ALIGN_LEFT))
    count = pango_layout_get_unknown_glyphs_count (tc.layout);
  text_context_clear (&tc);
  cairo_destroy (cr);

  return count;
}
