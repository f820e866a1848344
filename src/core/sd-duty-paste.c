/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-duty-paste"

#include "config.h"

#include <string.h>

#include "sd-duty-paste.h"

/*
 * How pasted text is read, and why:
 *
 * Regulations number their items in many styles, often several nested:
 * articles (第九条), Chinese numerals (一、), numerals in brackets (（一）
 * (1) ⑴), Arabic numerals (1. 1、 1）), circled numerals (①), letters
 * (a.), bullets (- •) and absolute decimal numbers (9.1, 2.1.3). Text
 * copied from Word, a PDF or a web page brings full-width digits and
 * brackets, Windows line ends, blank lines, bookmarks and page debris.
 *
 * Each numbered line starts an item; the numbers of the items above it
 * that are still open make its number ("第九条" then "（一）" is 9.1). A
 * stack holds the open levels, one per numbering style in use. A new
 * number continues the level of its style whose last number is one less
 * (when two such levels exist, the one whose items look alike: headings
 * or sentences); a 1 under a heading of the same style ("(1) 安全主管"
 * then "(1) 负责…") opens a level below it; a number that does not go up
 * from the last of its level (a Word list pasted as "1." "1." "1.", or a
 * typo) is counted on, so that every item keeps a code of its own.
 * Articles and decimal numbers are absolute; chapters (第一章) only
 * number what they hold, and are no duty themselves.
 */

typedef enum
{
  STYLE_NONE,
  STYLE_CHAPTER,        /* 第一章, 第二节: a parent, never an item */
  STYLE_ARTICLE,        /* 第九条 */
  STYLE_DECIMAL,        /* 9.1, 2.1.3: absolute */
  STYLE_CHINESE,        /* 一、 */
  STYLE_CHINESE_PAREN,  /* （一） (一) */
  STYLE_CHINESE_RIGHT,  /* 一） */
  STYLE_ARABIC,         /* 1. 1、 1． ⒈ */
  STYLE_ARABIC_PAREN,   /* (1) （1） ⑴ */
  STYLE_ARABIC_RIGHT,   /* 1) 1） */
  STYLE_CIRCLED,        /* ① */
  STYLE_LETTER,         /* a. a) (a) */
  STYLE_BULLET,         /* - • ● ▪: numbered in order */
} Style;

typedef struct
{
  Style  style;
  guint  value;          /* 0 for a bullet: the next one */
  char  *decimal;        /* STYLE_DECIMAL: the number as written, normalised */
  const char *text;      /* what follows the number on its line */
} Marker;

typedef struct
{
  char    *number;
  GString *text;
  guint    n_lines;
} Item;

typedef struct
{
  Style  style;
  guint  value;
  char  *full;           /* the level's number, with its parents' */
  Item  *item;           /* its item, or NULL for a chapter */
} Level;

void
sd_pasted_duty_free (SdPastedDuty *duty)
{
  if (duty == NULL)
    return;
  g_free (duty->number);
  g_free (duty->code);
  g_free (duty->text);
  g_free (duty);
}

/* Characters */

static gboolean
is_space (gunichar c)
{
  /* The ideographic space, a no-break space and a byte order mark are
   * common in text copied from Word and web pages. */
  return c == ' ' || c == '\t' || c == 0x3000 || c == 0x00a0 || c == 0xfeff || c == 0x200b;
}

static int
arabic_digit (gunichar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 0xff10 && c <= 0xff19)   /* full-width ０-９ */
    return c - 0xff10;
  return -1;
}

static int
chinese_digit (gunichar c)
{
  static const gunichar digits[] = { 0x3007, 0x4e00, 0x4e8c, 0x4e09, 0x56db, 0x4e94,
                                     0x516d, 0x4e03, 0x516b, 0x4e5d };  /* 〇一二三四五六七八九 */

  if (c == 0x96f6)  /* 零 */
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (digits); i++)
    {
      if (digits[i] == c)
        return i;
    }
  return -1;
}

static const char *
skip_spaces (const char *p)
{
  while (*p != '\0' && is_space (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

/* Reads up to three Arabic digits (ASCII or full-width): more is a year
 * or an amount, not an item's number. */
static const char *
read_arabic (const char *p,
             guint      *value)
{
  guint n = 0, digits = 0;
  int d;

  while ((d = arabic_digit (g_utf8_get_char (p))) >= 0)
    {
      if (++digits > 3)
        return NULL;
      n = n * 10 + d;
      p = g_utf8_next_char (p);
    }
  if (digits == 0)
    return NULL;
  *value = n;
  return p;
}

/* Reads a Chinese numeral up to 九百九十九: 一, 十, 十二, 二十, 九十九,
 * 一百零一. */
static const char *
read_chinese (const char *p,
              guint      *value)
{
  guint total = 0, digit = 0, n_chars = 0;
  gboolean any = FALSE;

  for (;; p = g_utf8_next_char (p), n_chars++)
    {
      gunichar c = g_utf8_get_char (p);
      int d = chinese_digit (c);

      if (d >= 0)
        {
          digit = d;
          any = TRUE;
        }
      else if (c == 0x5341)  /* 十 */
        {
          total += (digit == 0 ? 1 : digit) * 10;
          digit = 0;
          any = TRUE;
        }
      else if (c == 0x767e && digit > 0)  /* 百 */
        {
          total += digit * 100;
          digit = 0;
        }
      else
        break;
    }
  if (!any || n_chars > 6)
    return NULL;
  *value = total + digit;
  return *value > 0 ? p : NULL;
}

static const char *
read_number (const char *p,
             guint      *value,
             gboolean   *chinese)
{
  const char *end;

  if ((end = read_arabic (p, value)) != NULL)
    {
      *chinese = FALSE;
      return end;
    }
  if ((end = read_chinese (p, value)) != NULL)
    {
      *chinese = TRUE;
      return end;
    }
  return NULL;
}

static gboolean
is_open_paren (gunichar c)
{
  return c == '(' || c == 0xff08;
}

static gboolean
is_close_paren (gunichar c)
{
  return c == ')' || c == 0xff09;
}

/* What ends a number like "1." or "一、". */
static gboolean
is_dot (gunichar c)
{
  return c == '.' || c == 0xff0e || c == 0x3001;  /* . ． 、 */
}

static gboolean
is_ascii_alpha (gunichar c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static gboolean
is_bullet (gunichar c)
{
  switch (c)
    {
    case 0x2022: case 0x00b7: case 0x25cf: case 0x25cb: case 0x25aa: case 0x25a0:
    case 0x25c6: case 0x25c7: case 0x2013: case 0x2014: case 0x30fb: case 0xff0d:
    case '-': case '*':
      return TRUE;
    default:
      return FALSE;
    }
}

/* Markers */

/* "第九条", "第9條", and the chapters and sections: "第一章", "第二节". */
static gboolean
read_article (const char *p,
              Marker     *marker)
{
  guint value;
  gboolean chinese;
  gunichar c;

  if (g_utf8_get_char (p) != 0x7b2c)  /* 第 */
    return FALSE;
  p = skip_spaces (g_utf8_next_char (p));
  if ((p = read_number (p, &value, &chinese)) == NULL)
    return FALSE;
  p = skip_spaces (p);
  c = g_utf8_get_char (p);
  if (c == 0x6761 || c == 0x689d)        /* 条 條 */
    marker->style = STYLE_ARTICLE;
  else if (c == 0x7ae0 || c == 0x8282 || c == 0x7bc0 || c == 0x7f16 || c == 0x7de8)
    marker->style = STYLE_CHAPTER;       /* 章 节 節 编 編 */
  else
    return FALSE;
  marker->value = value;
  marker->text = g_utf8_next_char (p);
  return TRUE;
}

/* "9.1", "2.1.3", "９．１": two parts or more. */
static gboolean
read_decimal (const char *p,
              Marker     *marker)
{
  g_autoptr(GString) number = g_string_new (NULL);
  guint value = 0, n_parts = 0;

  for (;;)
    {
      const char *end = read_arabic (p, &value);
      gunichar c;

      if (end == NULL)
        break;
      g_string_append_printf (number, n_parts == 0 ? "%u" : ".%u", value);
      n_parts++;
      p = end;
      c = g_utf8_get_char (p);
      if ((c == '.' || c == 0xff0e) && arabic_digit (g_utf8_get_char (g_utf8_next_char (p))) >= 0)
        p = g_utf8_next_char (p);
      else
        break;
    }
  if (n_parts < 2)
    return FALSE;

  /* "9.1." and "9.1、" end the number as well. */
  if (is_dot (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  marker->style = STYLE_DECIMAL;
  marker->value = value;
  marker->decimal = g_string_free (g_steal_pointer (&number), FALSE);
  marker->text = p;
  return TRUE;
}

static gboolean
read_marker (const char *p,
             Marker     *marker)
{
  gunichar c = g_utf8_get_char (p);
  gboolean chinese;
  const char *end;
  guint value;

  memset (marker, 0, sizeof *marker);

  if (read_article (p, marker) || read_decimal (p, marker))
    return TRUE;

  /* (1) （一） (a) */
  if (is_open_paren (c))
    {
      const char *q = skip_spaces (g_utf8_next_char (p));
      gunichar letter = g_utf8_get_char (q);

      if ((end = read_number (q, &value, &chinese)) != NULL)
        marker->style = chinese ? STYLE_CHINESE_PAREN : STYLE_ARABIC_PAREN;
      else if (is_ascii_alpha (letter))
        {
          marker->style = STYLE_LETTER;
          value = g_ascii_tolower (letter) - 'a' + 1;
          end = q + 1;
        }
      else
        return FALSE;
      end = skip_spaces (end);
      if (!is_close_paren (g_utf8_get_char (end)))
        return FALSE;
      marker->value = value;
      marker->text = g_utf8_next_char (end);
      return TRUE;
    }

  /* ① … ⑳, ⑴ … ⒇, ⒈ … ⒛ */
  if (c >= 0x2460 && c <= 0x2473)
    {
      marker->style = STYLE_CIRCLED;
      marker->value = c - 0x2460 + 1;
      marker->text = g_utf8_next_char (p);
      return TRUE;
    }
  if (c >= 0x2474 && c <= 0x2487)
    {
      marker->style = STYLE_ARABIC_PAREN;
      marker->value = c - 0x2474 + 1;
      marker->text = g_utf8_next_char (p);
      return TRUE;
    }
  if (c >= 0x2488 && c <= 0x249b)
    {
      marker->style = STYLE_ARABIC;
      marker->value = c - 0x2488 + 1;
      marker->text = g_utf8_next_char (p);
      return TRUE;
    }

  /* 1. 1、 1) 一、 一） */
  if ((end = read_number (p, &value, &chinese)) != NULL)
    {
      gunichar after = g_utf8_get_char (end);

      if (is_dot (after))
        marker->style = chinese ? STYLE_CHINESE : STYLE_ARABIC;
      else if (is_close_paren (after))
        marker->style = chinese ? STYLE_CHINESE_RIGHT : STYLE_ARABIC_RIGHT;
      else
        return FALSE;
      marker->value = value;
      marker->text = g_utf8_next_char (end);
      return TRUE;
    }

  /* a. b) — but not "e.g." */
  if (is_ascii_alpha (c))
    {
      gunichar after = g_utf8_get_char (p + 1);

      if ((is_dot (after) || is_close_paren (after))
          && !is_ascii_alpha (g_utf8_get_char (g_utf8_next_char (p + 1))))
        {
          marker->style = STYLE_LETTER;
          marker->value = g_ascii_tolower (c) - 'a' + 1;
          marker->text = g_utf8_next_char (p + 1);
          return TRUE;
        }
      return FALSE;
    }

  /* A bullet, with a number after it or none: "• 1. …", "- …". A hyphen
   * before a digit is a minus sign. */
  if (is_bullet (c))
    {
      const char *q = g_utf8_next_char (p);
      gunichar next = g_utf8_get_char (q);

      if ((c == '-' || c == '*') && next != ' ' && next < 0x80)
        return FALSE;
      if (c == '-' && arabic_digit (next) >= 0)
        return FALSE;
      q = skip_spaces (q);
      if (read_marker (q, marker) && marker->style != STYLE_CHAPTER)
        return TRUE;
      g_clear_pointer (&marker->decimal, g_free);
      marker->style = STYLE_BULLET;
      marker->value = 0;
      marker->text = q;
      return TRUE;
    }

  return FALSE;
}

/* Lines */

/* Removes the "[bookmark: _Toc…]" marks that documents converted from Word
 * carry. */
static char *
strip_bookmarks (const char *line)
{
  GString *out = g_string_new (NULL);
  const char *p = line;
  const char *mark;

  while ((mark = strstr (p, "[bookmark:")) != NULL)
    {
      const char *end = strchr (mark, ']');

      if (end == NULL)
        break;
      g_string_append_len (out, p, mark - p);
      p = end + 1;
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

static char *
trim (const char *text)
{
  const char *start = skip_spaces (text);
  const char *end = start + strlen (start);

  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || !is_space (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

static gunichar
last_char (const char *text,
           gsize       len)
{
  const char *prev;

  if (len == 0)
    return 0;
  prev = g_utf8_find_prev_char (text, text + len);
  return prev != NULL ? g_utf8_get_char (prev) : 0;
}

static gboolean
is_terminal_punctuation (gunichar c)
{
  return (c == 0x3002 || c == 0xff1b || c == 0xff1a || c == 0xff0c || c == 0xff01
             || c == 0xff1f || c == 0x3001 || c == '.' || c == ';' || c == ':' || c == ','
             || c == '!' || c == '?');
}

/* Short, without a sentence's closing punctuation: "安全主管", "制定目的". */
static gboolean
text_is_title (const char *text,
               gsize       len)
{
  return g_utf8_strlen (text, len) <= 20 && !is_terminal_punctuation (last_char (text, len));
}

/* A heading names what follows rather than being a duty itself: a title,
 * or a line that ends in a colon ("职责如下："). */
static gboolean
text_is_heading (const char *text,
                 gsize       len)
{
  gunichar last = last_char (text, len);

  if (len == 0 || last == 0xff1a || last == ':')
    return TRUE;
  return text_is_title (text, len);
}

static gboolean
level_is_heading (const Level *level)
{
  if (level->item == NULL)
    return TRUE;
  return text_is_heading (level->item->text->str, level->item->text->len);
}

static gboolean
is_ascii_alnum (gunichar c)
{
  return c < 0x80 && g_ascii_isalnum (c);
}

static gboolean
is_cjk_text (gunichar c)
{
  return c >= 0x2e80;
}

/* Joins a line to the item it continues. Lines broken by the page or the
 * window join without a space in Chinese and with one between Latin
 * words; a heading followed by its paragraph gets a colon between. */
static void
item_append (Item       *item,
             const char *line)
{
  GString *text = item->text;
  gunichar last = last_char (text->str, text->len);
  gunichar first = g_utf8_get_char (line);

  if (text->len == 0)
    g_string_append (text, line);
  else if (item->n_lines == 1 && text_is_title (text->str, text->len)
           && !text_is_title (line, strlen (line)))
    {
      g_string_append (text, is_cjk_text (last) ? "\357\274\232" : ": ");  /* ： */
      g_string_append (text, line);
    }
  else
    {
      if (is_ascii_alnum (last) && is_ascii_alnum (first))
        g_string_append_c (text, ' ');
      else if ((last == '.' || last == ',' || last == ';' || last == ':') && first < 0x80)
        g_string_append_c (text, ' ');
      g_string_append (text, line);
    }
  item->n_lines++;
}

/* The end of an item in a list ("…的方针；") ends the duty as a sentence. */
static char *
item_finish_text (Item *item)
{
  GString *text = item->text;
  gunichar last = last_char (text->str, text->len);

  if (last == 0xff1b || last == 0xff0c)   /* ； ， */
    {
      g_string_truncate (text, text->len - 3);
      g_string_append (text, "\343\200\202");  /* 。 */
    }
  else if (last == ';' || last == ',')
    {
      g_string_truncate (text, text->len - 1);
      /* Chinese typed with ASCII punctuation still ends in a full stop. */
      if (is_cjk_text (last_char (text->str, text->len)))
        g_string_append (text, "\343\200\202");
      else
        g_string_append_c (text, '.');
    }
  return trim (text->str);
}

static void
item_free (gpointer data)
{
  Item *item = data;

  g_free (item->number);
  g_string_free (item->text, TRUE);
  g_free (item);
}

static void
level_clear (gpointer data)
{
  Level *level = data;

  g_clear_pointer (&level->full, g_free);
}

/* The stack of open levels */

typedef struct
{
  GArray    *levels;   /* Level, outermost first */
  GPtrArray *items;    /* Item */
  Item      *current;  /* the item lines continue, or NULL */
} Parser;

static Level *
level_at (Parser *parser,
          guint   i)
{
  return &g_array_index (parser->levels, Level, i);
}

/* Opens a level of @style with @value at depth @depth (closing those at
 * and below it). */
static void
open_level (Parser *parser,
            guint   depth,
            Style   style,
            guint   value,
            char   *full)
{
  Level level = { style, value, full, NULL };

  g_array_set_size (parser->levels, depth);
  if (level.full == NULL)
    {
      const Level *parent = depth > 0 ? level_at (parser, depth - 1) : NULL;

      level.full = parent != NULL ? g_strdup_printf ("%s.%u", parent->full, value)
                                  : g_strdup_printf ("%u", value);
    }
  if (style != STYLE_CHAPTER)
    {
      Item *item = g_new0 (Item, 1);

      item->number = g_strdup (level.full);
      item->text = g_string_new (NULL);
      g_ptr_array_add (parser->items, item);
      level.item = item;
    }
  g_array_append_val (parser->levels, level);
  parser->current = level.item;
}

/* The depth below the chapters and articles, which absolute numbers and
 * unknown numbers keep. */
static guint
root_depth (Parser *parser)
{
  guint depth = 0;

  while (depth < parser->levels->len
         && (level_at (parser, depth)->style == STYLE_CHAPTER
             || level_at (parser, depth)->style == STYLE_ARTICLE))
    depth++;
  return depth;
}

static void
parser_add_marker (Parser     *parser,
                   Marker     *marker,
                   const char *text)
{
  guint n = parser->levels->len;
  guint continued = G_MAXUINT;   /* the deepest level the number continues */
  guint alike = G_MAXUINT;       /* the deepest such level with items like the line */
  guint deepest = G_MAXUINT;     /* the deepest level of the style */
  gboolean heading;

  switch (marker->style)
    {
    case STYLE_CHAPTER:
      /* A chapter opens a new part: what is open closes. */
      open_level (parser, 0, STYLE_CHAPTER, marker->value, NULL);
      return;

    case STYLE_ARTICLE:
      /* Articles are numbered through the chapters. */
      open_level (parser, 0, STYLE_ARTICLE, marker->value, NULL);
      return;

    case STYLE_DECIMAL:
      {
        /* Absolute: it stays below the levels whose number it extends
         * ("第九条" or "一、" then "9.1" or "1.1"). */
        guint depth = 0;

        for (guint i = 0; i < n; i++)
          {
            const char *full = level_at (parser, i)->full;
            gsize len = strlen (full);

            if (strncmp (marker->decimal, full, len) == 0 && marker->decimal[len] == '.')
              depth = i + 1;
          }
        open_level (parser, depth, STYLE_DECIMAL, marker->value,
                    g_steal_pointer (&marker->decimal));
        return;
      }

    default:
      break;
    }

  heading = text_is_heading (text, strlen (text));
  for (guint i = n; i-- > 0;)
    {
      Level *level = level_at (parser, i);

      if (level->style != marker->style)
        continue;
      if (deepest == G_MAXUINT)
        deepest = i;
      if (marker->value != 0 && level->value + 1 == marker->value)
        {
          if (continued == G_MAXUINT)
            continued = i;
          if (alike == G_MAXUINT && level_is_heading (level) == heading)
            alike = i;
        }
    }
  /* "(3) 安全审计员" under "(2) 安全管理员", after its "(1)" and "(2)": both
   * levels go on with (3); the heading goes with the headings. */
  if (alike != G_MAXUINT)
    continued = alike;

  if (marker->style == STYLE_BULLET)
    {
      if (deepest != G_MAXUINT)
        open_level (parser, deepest, STYLE_BULLET, level_at (parser, deepest)->value + 1, NULL);
      else
        open_level (parser, n, STYLE_BULLET, 1, NULL);
      return;
    }

  if (continued != G_MAXUINT)
    open_level (parser, continued, marker->style, marker->value, NULL);
  else if (marker->value == 1 && n > 0 && level_at (parser, n - 1)->style == marker->style
           && level_is_heading (level_at (parser, n - 1)))
    open_level (parser, n, marker->style, 1, NULL);
  else if (deepest != G_MAXUINT)
    {
      guint last = level_at (parser, deepest)->value;

      open_level (parser, deepest, marker->style, MAX (marker->value, last + 1), NULL);
    }
  else if (marker->value == 1 || n == 0)
    open_level (parser, n, marker->style, marker->value, NULL);
  else
    /* A list that starts past 1 with nothing of its style open is one of
     * the top ones ("二、" after "1.1.4"). */
    open_level (parser, root_depth (parser), marker->style, marker->value, NULL);
}

static void
parser_add_line (Parser     *parser,
                 const char *raw)
{
  g_autofree char *stripped = strip_bookmarks (raw);
  g_autofree char *line = trim (stripped);
  Marker marker;

  if (line[0] == '\0')
    return;

  if (read_marker (line, &marker))
    {
      g_autofree char *text = NULL;

      marker.text = skip_spaces (marker.text);
      /* "第九条：" and "1.：" */
      while (*marker.text != '\0'
             && (g_utf8_get_char (marker.text) == 0xff1a || *marker.text == ':'))
        marker.text = skip_spaces (g_utf8_next_char (marker.text));
      text = trim (marker.text);
      parser_add_marker (parser, &marker, text);
      g_free (marker.decimal);
      if (parser->current != NULL && text[0] != '\0')
        item_append (parser->current, text);
      return;
    }

  /* Text before the first number, and a chapter's own text, belong to no
   * item. */
  if (parser->current != NULL)
    item_append (parser->current, line);
}

GPtrArray *
sd_duty_paste_parse (const char *text,
                     const char *code_prefix)
{
  g_autoptr(GHashTable) codes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *normal = NULL;
  Parser parser = { 0 };
  GPtrArray *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_pasted_duty_free);
  if (!g_utf8_validate (text, -1, NULL))
    return out;

  if (code_prefix == NULL)
    code_prefix = "";

  parser.levels = g_array_new (FALSE, TRUE, sizeof (Level));
  g_array_set_clear_func (parser.levels, level_clear);
  parser.items = g_ptr_array_new_with_free_func (item_free);

  /* Windows and old Mac line ends, and the Unicode line separators. */
  {
    g_auto(GStrv) parts = g_strsplit (text, "\r\n", -1);
    g_autofree char *joined = g_strjoinv ("\n", parts);

    g_strdelimit (joined, "\r", '\n');
    g_strfreev (g_steal_pointer (&parts));
    parts = g_strsplit (joined, "\342\200\250", -1);   /* U+2028 */
    normal = g_strjoinv ("\n", parts);
  }
  lines = g_strsplit (normal, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    parser_add_line (&parser, lines[i]);

  /* An item with no text ("一、" alone, above its "1.1") only numbers the
   * items below it. A number met twice (two absolute "9.1") gets a
   * suffix, so that codes stay apart. */
  codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < parser.items->len; i++)
    {
      Item *item = parser.items->pdata[i];
      g_autofree char *item_text = item_finish_text (item);
      g_autofree char *number = g_strdup (item->number);
      SdPastedDuty *duty;

      if (item_text[0] == '\0')
        continue;
      for (guint k = 2; g_hash_table_contains (codes, number); k++)
        {
          g_free (number);
          number = g_strdup_printf ("%s-%u", item->number, k);
        }
      g_hash_table_add (codes, g_strdup (number));

      duty = g_new0 (SdPastedDuty, 1);
      duty->number = g_steal_pointer (&number);
      duty->code = g_strconcat (code_prefix, duty->number, NULL);
      duty->text = g_steal_pointer (&item_text);
      g_ptr_array_add (out, duty);
    }

  g_array_unref (parser.levels);
  g_ptr_array_unref (parser.items);
  return out;
}
