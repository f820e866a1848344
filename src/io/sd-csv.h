/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A generic reader and writer of comma-separated values (RFC 4180).
 *
 * Reading takes the bytes of a whole file. A UTF-8 byte-order mark is
 * skipped. Bytes that are not valid UTF-8 are read as GB18030, which is
 * what Excel in a Chinese locale saves ("CSV (逗号分隔)"), and accepted
 * only if they convert cleanly; anything else is refused as a wrong
 * encoding, naming the first line that is not valid UTF-8.
 *
 * Fields may be quoted ("…"), with "" for a quote and with commas and line
 * breaks inside. Lines may end in CRLF or LF; the last one may have no line
 * break. Empty lines (or lines of blanks only) are skipped. Each record
 * carries the physical line on which it starts, so that a message can point
 * the user at the line their editor shows.
 *
 * Blanks (spaces, tabs, U+3000 IDEOGRAPHIC SPACE) around an unquoted field
 * are trimmed. RFC 4180 counts them as part of the field, but in files
 * edited by hand or in a spreadsheet they are nearly always accidental, and
 * an invisible trailing space would make "财务部 " an unknown unit. A field
 * that really starts or ends with a blank is kept as is when it is quoted,
 * and the writer quotes such fields, so nothing is lost on a round trip.
 *
 * Writing produces what Excel and LibreOffice open without asking: UTF-8
 * with a byte-order mark (without it, Excel in a Chinese locale reads the
 * file as GB18030 and shows Chinese as mojibake), CRLF line ends as
 * RFC 4180 says, and quotes only around fields that need them (a comma, a
 * quote, a line break, or a blank at either end).
 */

#define SD_CSV_ERROR (sd_csv_error_quark ())

typedef enum
{
  SD_CSV_ERROR_ENCODING,   /* neither UTF-8 nor GB18030 */
  SD_CSV_ERROR_SYNTAX,     /* a quote that is never closed, or stray text after one */
} SdCsvError;

typedef enum
{
  SD_CSV_ENCODING_UTF8,
  SD_CSV_ENCODING_UTF8_BOM,
  SD_CSV_ENCODING_GB18030,
} SdCsvEncoding;

/* The UTF-8 byte-order mark the writer puts first. */
#define SD_CSV_BOM "\xEF\xBB\xBF"

typedef struct
{
  guint   line;       /* physical line (from 1) on which the record starts */
  guint   n_fields;
  char  **fields;     /* NULL-terminated, UTF-8 */
} SdCsvRecord;

GQuark       sd_csv_error_quark (void);

void         sd_csv_record_free (SdCsvRecord    *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdCsvRecord, sd_csv_record_free)

/* Reads the records of @data (@length bytes, or -1 if nul-terminated).
 * Returns an array of SdCsvRecord (transfer full), or NULL with @error set
 * and @error_line (if not NULL) set to the line of the problem. The
 * message does not repeat the line, so that callers can show it their way. */
GPtrArray   *sd_csv_parse       (const char     *data,
                                 gssize          length,
                                 SdCsvEncoding  *encoding,
                                 guint          *error_line,
                                 GError        **error);

/* Appends one record to @out: @fields quoted where needed, separated by
 * commas, ended by CRLF. @n_fields -1 for a NULL-terminated array; a NULL
 * field is written as an empty one. Start @out with SD_CSV_BOM. */
void         sd_csv_append_row  (GString            *out,
                                 const char * const *fields,
                                 gssize              n_fields);

G_END_DECLS
