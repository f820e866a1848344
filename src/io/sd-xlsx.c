/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-xlsx"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "sd-xlsx.h"
#include "sd-import-private.h"

#include "sd-assignment.h"
#include "sd-duty-matrix.h"
#include "sd-labels.h"
#include "sd-matrix-render.h"

/* The duty columns on the left of the matrix sheet, before the parties. */
enum
{
  COLUMN_CODE,
  COLUMN_TEXT,
  COLUMN_SOURCE,
  N_DUTY_COLUMNS,
};

/* The title, the group row and the party row above the duties. */
#define N_HEADER_ROWS 3

static const char * const role_codes[4] = { "R", "A", "C", "I" };

typedef struct
{
  lxw_workbook *workbook;
  lxw_error     error;         /* the first failure, or LXW_NO_ERROR */
  lxw_format   *title;
  lxw_format   *header;        /* column headings */
  lxw_format   *party;         /* party names, wrapped */
  lxw_format   *area;          /* area rows */
  lxw_format   *text;          /* duty text and source, wrapped */
  lxw_format   *plain;
  lxw_format   *role[4];       /* R, A, C, I: the colours of the app */
  lxw_format   *legend_title;
} Writer;

/* Keeps the first error: the workbook is written whole or not at all, so
 * the rest only needs to be written to know that nothing else failed. */
static void
note (Writer    *w,
      lxw_error  error)
{
  if (w->error == LXW_NO_ERROR)
    w->error = error;
}

static lxw_color_t
to_lxw_color (const SdColor *color)
{
  guint r = (guint) lround (CLAMP (color->red, 0.0, 1.0) * 255);
  guint g = (guint) lround (CLAMP (color->green, 0.0, 1.0) * 255);
  guint b = (guint) lround (CLAMP (color->blue, 0.0, 1.0) * 255);

  return (r << 16) | (g << 8) | b;
}

/* The role that colours a cell of several, as the app's grid does. */
static guint
role_index (guint roles)
{
  if (roles & SD_ROLE_A)
    return 1;
  if (roles & SD_ROLE_R)
    return 0;
  if (roles & SD_ROLE_C)
    return 2;
  return 3;
}

static void
add_formats (Writer *w)
{
  SdMatrixStyle style;
  lxw_color_t header_fill, area_fill;

  /* The light style: a workbook is printed and shared, and spreadsheets
   * show it on white whatever the desktop's style. */
  sd_matrix_style_init_default (&style, FALSE);
  header_fill = to_lxw_color (&style.header_background);
  area_fill = to_lxw_color (&style.area_background);

  w->title = workbook_add_format (w->workbook);
  format_set_bold (w->title);
  format_set_font_size (w->title, 14);
  format_set_align (w->title, LXW_ALIGN_VERTICAL_CENTER);

  w->header = workbook_add_format (w->workbook);
  format_set_bold (w->header);
  format_set_bg_color (w->header, header_fill);
  format_set_border (w->header, LXW_BORDER_THIN);
  format_set_align (w->header, LXW_ALIGN_CENTER);
  format_set_align (w->header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap (w->header);

  w->party = workbook_add_format (w->workbook);
  format_set_bg_color (w->party, header_fill);
  format_set_border (w->party, LXW_BORDER_THIN);
  format_set_align (w->party, LXW_ALIGN_CENTER);
  format_set_align (w->party, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap (w->party);

  w->area = workbook_add_format (w->workbook);
  format_set_bold (w->area);
  format_set_bg_color (w->area, area_fill);
  format_set_border (w->area, LXW_BORDER_THIN);
  format_set_align (w->area, LXW_ALIGN_VERTICAL_CENTER);

  w->text = workbook_add_format (w->workbook);
  format_set_text_wrap (w->text);
  format_set_border (w->text, LXW_BORDER_THIN);
  format_set_align (w->text, LXW_ALIGN_VERTICAL_TOP);

  w->plain = workbook_add_format (w->workbook);
  format_set_border (w->plain, LXW_BORDER_THIN);
  format_set_align (w->plain, LXW_ALIGN_VERTICAL_TOP);

  for (guint i = 0; i < G_N_ELEMENTS (w->role); i++)
    {
      w->role[i] = workbook_add_format (w->workbook);
      format_set_bold (w->role[i]);
      format_set_pattern (w->role[i], LXW_PATTERN_SOLID);
      format_set_bg_color (w->role[i], to_lxw_color (&style.role_fill[i]));
      format_set_font_color (w->role[i], to_lxw_color (&style.role_text[i]));
      format_set_border (w->role[i], LXW_BORDER_THIN);
      format_set_align (w->role[i], LXW_ALIGN_CENTER);
      format_set_align (w->role[i], LXW_ALIGN_VERTICAL_CENTER);
    }

  w->legend_title = workbook_add_format (w->workbook);
  format_set_bold (w->legend_title);
}

static void
write_string (Writer        *w,
              lxw_worksheet *sheet,
              lxw_row_t      row,
              lxw_col_t      column,
              const char    *text,
              lxw_format    *format)
{
  if (text == NULL || *text == '\0')
    note (w, worksheet_write_blank (sheet, row, column, format));
  else
    note (w, worksheet_write_string (sheet, row, column, text, format));
}

/* Merges a range, or writes its one cell: Excel refuses a merge of one. */
static void
write_merged (Writer        *w,
              lxw_worksheet *sheet,
              lxw_row_t      first_row,
              lxw_col_t      first_column,
              lxw_row_t      last_row,
              lxw_col_t      last_column,
              const char    *text,
              lxw_format    *format)
{
  if (first_row == last_row && first_column == last_column)
    write_string (w, sheet, first_row, first_column, text, format);
  else
    note (w, worksheet_merge_range (sheet, first_row, first_column, last_row, last_column,
                                    text != NULL ? text : "", format));
}

/* A translated sheet name, unless the translation is not a valid one
 * (too long, or with a character Excel forbids). */
static lxw_worksheet *
add_sheet (Writer     *w,
           const char *untranslated)
{
  const char *name = g_dgettext (GETTEXT_PACKAGE, untranslated);

  if (workbook_validate_sheet_name (w->workbook, name) != LXW_NO_ERROR)
    name = untranslated;
  return workbook_add_worksheet (w->workbook, name);
}

static void
write_matrix_sheet (Writer       *w,
                    SdDutyMatrix *matrix)
{
  lxw_worksheet *sheet = add_sheet (w, N_("Duty matrix"));
  guint n_columns = sd_duty_matrix_get_n_columns (matrix);
  guint n_rows = sd_duty_matrix_get_n_rows (matrix);
  lxw_col_t last_column = N_DUTY_COLUMNS + MAX (n_columns, 1) - 1;
  lxw_row_t row;

  if (sheet == NULL)
    {
      note (w, LXW_ERROR_MEMORY_MALLOC_FAILED);
      return;
    }

  note (w, worksheet_set_column (sheet, COLUMN_CODE, COLUMN_CODE, 12, NULL));
  note (w, worksheet_set_column (sheet, COLUMN_TEXT, COLUMN_TEXT, 60, NULL));
  note (w, worksheet_set_column (sheet, COLUMN_SOURCE, COLUMN_SOURCE, 28, NULL));
  if (n_columns > 0)
    note (w, worksheet_set_column (sheet, N_DUTY_COLUMNS, N_DUTY_COLUMNS + n_columns - 1,
                                   9, NULL));

  /* The title over the whole width. */
  note (w, worksheet_set_row (sheet, 0, 24, NULL));
  write_merged (w, sheet, 0, 0, 0, last_column, _("Duty matrix"), w->title);

  /* The duty headings span the group row and the party row. */
  write_merged (w, sheet, 1, COLUMN_CODE, 2, COLUMN_CODE, _("Code"), w->header);
  write_merged (w, sheet, 1, COLUMN_TEXT, 2, COLUMN_TEXT, _("Duty"), w->header);
  write_merged (w, sheet, 1, COLUMN_SOURCE, 2, COLUMN_SOURCE, _("Source"), w->header);

  /* The units (and the bodies, the organisation-wide posts) over their
   * parties, as the app's grid shows them. */
  for (guint g = 0; g < sd_duty_matrix_get_n_groups (matrix); g++)
    {
      const SdMatrixGroup *group = sd_duty_matrix_get_group (matrix, g);
      lxw_col_t first = N_DUTY_COLUMNS + group->first;

      if (group->n_columns == 0)
        continue;
      write_merged (w, sheet, 1, first, 1, first + group->n_columns - 1, group->title, w->header);
    }
  note (w, worksheet_set_row (sheet, 2, 64, NULL));
  for (guint c = 0; c < n_columns; c++)
    write_string (w, sheet, 2, N_DUTY_COLUMNS + c,
                  sd_duty_matrix_get_column_name (matrix, c), w->party);

  worksheet_freeze_panes (sheet, N_HEADER_ROWS, N_DUTY_COLUMNS);

  row = N_HEADER_ROWS;
  for (guint r = 0; r < n_rows; r++, row++)
    {
      SdDuty *duty = sd_duty_matrix_get_row_duty (matrix, r);
      const SdMatrixCell *cells;
      guint n_cells = 0;

      if (duty == NULL)
        {
          write_merged (w, sheet, row, 0, row, last_column,
                        sd_duty_matrix_get_row_area (matrix, r), w->area);
          continue;
        }

      write_string (w, sheet, row, COLUMN_CODE, sd_duty_get_code (duty), w->plain);
      write_string (w, sheet, row, COLUMN_TEXT, sd_duty_get_text (duty), w->text);
      write_string (w, sheet, row, COLUMN_SOURCE, sd_duty_get_source (duty), w->text);
      cells = sd_duty_matrix_get_cells (matrix, r, &n_cells);
      for (guint i = 0; i < n_cells; i++)
        write_string (w, sheet, row, N_DUTY_COLUMNS + cells[i].column,
                      sd_role_mask_to_string (cells[i].roles),
                      w->role[role_index (cells[i].roles)]);
    }

  /* The legend, below the grid. */
  row++;
  write_string (w, sheet, row++, COLUMN_CODE, _("Legend"), w->legend_title);
  for (guint i = 0; i < G_N_ELEMENTS (role_codes); i++, row++)
    {
      write_string (w, sheet, row, COLUMN_CODE, role_codes[i], w->role[i]);
      write_string (w, sheet, row, COLUMN_TEXT, sd_raci_label (role_codes[i]), NULL);
    }

  worksheet_set_landscape (sheet);
  worksheet_fit_to_pages (sheet, 1, 0);
  note (w, worksheet_repeat_rows (sheet, 0, N_HEADER_ROWS - 1));
  note (w, worksheet_repeat_columns (sheet, 0, N_DUTY_COLUMNS - 1));
}

static gint64
assignment_duty_id (gpointer assignment)
{
  return sd_assignment_get_duty_id (assignment);
}

static const char *
party_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "post") == 0)
    return C_("party kind", "Post");
  if (g_strcmp0 (kind, "unit") == 0)
    return C_("party kind", "Unit");
  return C_("party kind", "Body");
}

static void
write_assignments_sheet (Writer       *w,
                         SdStore      *store,
                         SdDutyMatrix *matrix)
{
  lxw_worksheet *sheet = add_sheet (w, N_("Assignments"));
  g_autoptr(GPtrArray) assignments = sd_import_snapshot (store, SD_TYPE_ASSIGNMENT);
  g_autoptr(GHashTable) by_duty = sd_import_group_by (assignments, assignment_duty_id);
  g_autoptr(SdImportPartyNames) names = sd_import_party_names_new (store);
  const char *headings[] = {
    _("Code"), _("Area"), _("Duty"), _("Party kind"), _("Party"), _("Role"),
  };
  const double widths[] = { 12, 24, 60, 10, 28, 6 };
  lxw_row_t row = 0;

  if (sheet == NULL)
    {
      note (w, LXW_ERROR_MEMORY_MALLOC_FAILED);
      return;
    }

  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    {
      note (w, worksheet_set_column (sheet, c, c, widths[c], NULL));
      write_string (w, sheet, row, c, headings[c], w->header);
    }
  row++;

  /* In the order of the matrix sheet: its duties, each with its
   * assignments in the order they were made. */
  for (guint r = 0; r < sd_duty_matrix_get_n_rows (matrix); r++)
    {
      SdDuty *duty = sd_duty_matrix_get_row_duty (matrix, r);
      gint64 duty_id;
      GPtrArray *list;

      if (duty == NULL)
        continue;
      duty_id = sd_item_get_id (SD_ITEM (duty));
      list = g_hash_table_lookup (by_duty, &duty_id);
      for (guint i = 0; list != NULL && i < list->len; i++)
        {
          SdAssignment *assignment = list->pdata[i];
          const char *kind = NULL;
          g_autofree char *party = sd_import_party_names_get (names, assignment, &kind);
          const char *role = sd_assignment_get_role (assignment);

          if (party == NULL)
            continue;
          write_string (w, sheet, row, 0, sd_duty_get_code (duty), NULL);
          write_string (w, sheet, row, 1, sd_duty_matrix_get_row_area (matrix, r), NULL);
          write_string (w, sheet, row, 2, sd_duty_get_text (duty), NULL);
          write_string (w, sheet, row, 3, party_kind_label (kind), NULL);
          write_string (w, sheet, row, 4, party, NULL);
          write_string (w, sheet, row, 5, role,
                        w->role[role_index (sd_role_mask_from_code (role))]);
          row++;
        }
    }

  worksheet_freeze_panes (sheet, 1, 0);
  note (w, worksheet_autofilter (sheet, 0, 0, MAX (row, 1) - 1, G_N_ELEMENTS (headings) - 1));
}

gboolean
sd_xlsx_export_matrix (SdStore     *store,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(SdDutyMatrix) matrix = NULL;
  g_autofree char *temp_path = NULL;
  Writer w = { NULL, LXW_NO_ERROR };
  lxw_error closed;
  int fd;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Written beside the target and renamed over it at the end: a failed or
   * interrupted export leaves no half-written workbook, and an older one
   * stays as it was. */
  temp_path = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (temp_path, O_RDWR, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: %s is a file name, the second %s why. */
                   _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  g_close (fd, NULL);

  w.workbook = workbook_new (temp_path);
  if (w.workbook == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_unlink (temp_path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write “%s”: %s"), display,
                   lxw_strerror (LXW_ERROR_MEMORY_MALLOC_FAILED));
      return FALSE;
    }
  add_formats (&w);

  /* The same grid as the app shows: the matrix model, built now rather
   * than from an idle. */
  matrix = sd_duty_matrix_new (store);
  sd_duty_matrix_flush (matrix);
  write_matrix_sheet (&w, matrix);
  write_assignments_sheet (&w, store, matrix);

  /* Closing writes the file, and frees the workbook in any case. */
  closed = workbook_close (w.workbook);
  note (&w, closed);
  if (w.error == LXW_NO_ERROR && g_rename (temp_path, path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_unlink (temp_path);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  if (w.error != LXW_NO_ERROR)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_unlink (temp_path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write “%s”: %s"), display, lxw_strerror (w.error));
      return FALSE;
    }
  return TRUE;
}
