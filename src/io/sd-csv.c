/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-csv"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-csv.h"

G_DEFINE_QUARK (sd-csv-error-quark, sd_csv_error)

/* U+3000 IDEOGRAPHIC SPACE, which Chinese input methods type in full-width
 * mode, counts as a blank as much as an ASCII space does. */
#define IDEOGRAPHIC_SPACE "\xE3\x80\x80"

void
sd_csv_record_free (SdCsvRecord *record)
{
  if (record == NULL)
    return;
  g_strfreev (record->fields);
  g_free (record);
}

/* The length of the blank at @p, or 0. */
static gsize
blank_at (const char *p,
          const char *end)
{
  if (p < end && (*p == ' ' || *p == '\t'))
    return 1;
  if (end - p >= 3 && memcmp (p, IDEOGRAPHIC_SPACE, 3) == 0)
    return 3;
  return 0;
}

static const char *
skip_blanks (const char *p,
             const char *end)
{
  gsize n;

  while ((n = blank_at (p, end)) > 0)
    p += n;
  return p;
}

static char *
strdup_trimmed (const char *start,
                const char *end)
{
  start = skip_blanks (start, end);
  while (end > start)
    {
      if (end[-1] == ' ' || end[-1] == '\t')
        end--;
      else if (end - start >= 3 && memcmp (end - 3, IDEOGRAPHIC_SPACE, 3) == 0)
        end -= 3;
      else
        break;
    }
  return g_strndup (start, end - start);
}

static guint
count_lines (const char *data,
             const char *end)
{
  guint lines = 1;

  for (const char *p = data; p < end; p++)
    {
      if (*p == '\n' || (*p == '\r' && (p + 1 >= end || p[1] != '\n')))
        lines++;
    }
  return lines;
}

/* Turns the bytes of a file into UTF-8 text (see sd-csv.h). */
static char *
decode (const char     *data,
        gsize           length,
        SdCsvEncoding  *encoding,
        gsize          *text_length,
        guint          *error_line,
        GError        **error)
{
  gboolean bom = FALSE;
  const char *invalid = NULL;
  g_autofree char *converted = NULL;
  gsize written = 0;
  gsize read = 0;

  if (length >= 3 && memcmp (data, SD_CSV_BOM, 3) == 0)
    {
      data += 3;
      length -= 3;
      bom = TRUE;
    }

  if (g_utf8_validate (data, length, &invalid))
    {
      *encoding = bom ? SD_CSV_ENCODING_UTF8_BOM : SD_CSV_ENCODING_UTF8;
      *text_length = length;
      return g_strndup (data, length);
    }

  /* A file that says it is UTF-8 is not second-guessed: reading it as
   * GB18030 would turn a damaged character into a wrong one, silently. */
  if (!bom)
    converted = g_convert (data, length, "UTF-8", "GB18030", &read, &written, NULL);

  /* The conversion passes NUL bytes through; text never contains them. */
  if (converted != NULL && g_utf8_validate (converted, written, NULL))
    {
      *encoding = SD_CSV_ENCODING_GB18030;
      /* GB18030 has a byte-order mark of its own; it arrives as U+FEFF. */
      if (written >= 3 && memcmp (converted, SD_CSV_BOM, 3) == 0)
        {
          memmove (converted, converted + 3, written - 3 + 1);
          written -= 3;
        }
      *text_length = written;
      return g_steal_pointer (&converted);
    }

  /* Name the line where the file stops making sense: for a file in
   * GB18030 with one damaged character, where GB18030 fails; for a UTF-8
   * file, where UTF-8 does. (On failure, g_convert() reports in @read how
   * far it got.) */
  if (converted == NULL && !bom && data + read > invalid && read < length)
    invalid = data + read;
  *error_line = count_lines (data, invalid);
  g_set_error (error, SD_CSV_ERROR, SD_CSV_ERROR_ENCODING,
               _("wrong encoding: the file is neither UTF-8 nor GB18030"));
  return NULL;
}

GPtrArray *
sd_csv_parse (const char     *data,
              gssize          length,
              SdCsvEncoding  *encoding,
              guint          *error_line,
              GError        **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *text = NULL;
  SdCsvEncoding encoding_ = SD_CSV_ENCODING_UTF8;
  guint error_line_ = 0;
  gsize text_length = 0;
  const char *p, *end;
  guint line = 1;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (error_line == NULL)
    error_line = &error_line_;
  *error_line = 0;

  if (length < 0)
    length = strlen (data);

  text = decode (data != NULL ? data : "", length, &encoding_, &text_length,
                 error_line, error);
  if (text == NULL)
    return NULL;
  if (encoding != NULL)
    *encoding = encoding_;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_csv_record_free);
  p = text;
  end = text + text_length;

  while (p < end)
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
      guint record_line = line;
      gboolean any_quoted = FALSE;
      gboolean at_end_of_record = FALSE;

      while (!at_end_of_record)
        {
          const char *q = skip_blanks (p, end);

          if (q < end && *q == '"')
            {
              g_autoptr(GString) value = g_string_new (NULL);
              guint quote_line = line;

              any_quoted = TRUE;
              for (q++;; q++)
                {
                  if (q >= end)
                    {
                      *error_line = quote_line;
                      g_set_error (error, SD_CSV_ERROR, SD_CSV_ERROR_SYNTAX,
                                   _("a quote is opened and never closed"));
                      return NULL;
                    }
                  if (*q == '"')
                    {
                      if (q + 1 < end && q[1] == '"')
                        {
                          g_string_append_c (value, '"');
                          q++;
                          continue;
                        }
                      q++;
                      break;
                    }
                  if (*q == '\n' || (*q == '\r' && (q + 1 >= end || q[1] != '\n')))
                    line++;
                  g_string_append_c (value, *q);
                }

              q = skip_blanks (q, end);
              if (q < end && *q != ',' && *q != '\r' && *q != '\n')
                {
                  *error_line = line;
                  g_set_error (error, SD_CSV_ERROR, SD_CSV_ERROR_SYNTAX,
                               _("unexpected text after a closing quote"));
                  return NULL;
                }
              g_ptr_array_add (fields, g_string_free (g_steal_pointer (&value), FALSE));
            }
          else
            {
              /* A quote inside an unquoted field is taken literally, as
               * Excel and LibreOffice do. */
              q = p;
              while (q < end && *q != ',' && *q != '\r' && *q != '\n')
                q++;
              g_ptr_array_add (fields, strdup_trimmed (p, q));
            }

          if (q >= end)
            {
              at_end_of_record = TRUE;
            }
          else if (*q == ',')
            {
              q++;
              /* "a," at the very end still has a second, empty field. */
              if (q >= end)
                {
                  g_ptr_array_add (fields, g_strdup (""));
                  at_end_of_record = TRUE;
                }
            }
          else
            {
              if (*q == '\r' && q + 1 < end && q[1] == '\n')
                q++;
              q++;
              line++;
              at_end_of_record = TRUE;
            }
          p = q;
        }

      /* A blank line reads as one empty unquoted field: skip it. */
      if (fields->len == 1 && !any_quoted && *(char *) fields->pdata[0] == '\0')
        continue;

      {
        SdCsvRecord *record = g_new0 (SdCsvRecord, 1);

        record->line = record_line;
        record->n_fields = fields->len;
        g_ptr_array_add (fields, NULL);
        record->fields = (char **) g_ptr_array_steal (fields, NULL);
        g_ptr_array_add (records, record);
      }
    }

  return g_steal_pointer (&records);
}

static gboolean
needs_quotes (const char *field,
              gsize       length)
{
  if (length == 0)
    return FALSE;
  if (strpbrk (field, ",\"\r\n") != NULL)
    return TRUE;
  /* The reader trims blanks around unquoted fields. */
  if (blank_at (field, field + length) > 0)
    return TRUE;
  if (field[length - 1] == ' ' || field[length - 1] == '\t')
    return TRUE;
  if (length >= 3 && memcmp (field + length - 3, IDEOGRAPHIC_SPACE, 3) == 0)
    return TRUE;
  return FALSE;
}

void
sd_csv_append_row (GString            *out,
                   const char * const *fields,
                   gssize              n_fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields <= 0);

  if (n_fields < 0)
    n_fields = g_strv_length ((char **) fields);

  /* A record of one empty field would be an empty line, which the reader
   * skips: quote it so that it stays a record. */
  if (n_fields == 1 && (fields[0] == NULL || fields[0][0] == '\0'))
    {
      g_string_append (out, "\"\"\r\n");
      return;
    }

  for (gssize i = 0; i < n_fields; i++)
    {
      const char *field = fields[i] != NULL ? fields[i] : "";
      gsize length = strlen (field);

      if (i > 0)
        g_string_append_c (out, ',');

      if (needs_quotes (field, length))
        {
          g_string_append_c (out, '"');
          for (const char *c = field; *c != '\0'; c++)
            {
              if (*c == '"')
                g_string_append_c (out, '"');
              g_string_append_c (out, *c);
            }
          g_string_append_c (out, '"');
        }
      else
        {
          g_string_append_len (out, field, length);
        }
    }
  g_string_append (out, "\r\n");
}
