/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-store-matrix"

#include "config.h"

#include <string.h>

#include "sd-matrix-settings.h"
#include "sd-store-private.h"

/* The risk matrix settings: the row of risk_matrix (id 1) and the cells of
 * risk_matrix_cells. The store keeps a copy (sd_store_peek_matrix()), so
 * that the heat map's zone lookups and labels never go to the file; it is
 * read again after every change of the settings and after a rollback,
 * which is where SdStore::matrix-changed comes from. */

#define MATRIX_MIN_SIZE 3

/* Settings */

void
sd_matrix_settings_clear (SdMatrixSettings *settings)
{
  g_return_if_fail (settings != NULL);

  g_clear_pointer (&settings->likelihood_title, g_free);
  g_clear_pointer (&settings->impact_title, g_free);
  for (guint i = 0; i < SD_MATRIX_MAX_SIZE; i++)
    {
      g_clear_pointer (&settings->likelihood_labels[i], g_free);
      g_clear_pointer (&settings->impact_labels[i], g_free);
    }
}

/**
 * sd_matrix_settings_copy:
 * @src: the settings to copy
 * @dest: (out caller-allocates): where to copy them
 *
 * Copies @src into @dest, strings and all. Whatever @dest held before is
 * overwritten, not freed: clear it first if it holds settings.
 */
void
sd_matrix_settings_copy (const SdMatrixSettings *src,
                         SdMatrixSettings       *dest)
{
  g_return_if_fail (src != NULL);
  g_return_if_fail (dest != NULL);

  if (src == dest)
    return;

  dest->size = src->size;
  memcpy (dest->zones, src->zones, sizeof dest->zones);
  dest->likelihood_title = g_strdup (src->likelihood_title);
  dest->impact_title = g_strdup (src->impact_title);
  for (guint i = 0; i < SD_MATRIX_MAX_SIZE; i++)
    {
      dest->likelihood_labels[i] = g_strdup (src->likelihood_labels[i]);
      dest->impact_labels[i] = g_strdup (src->impact_labels[i]);
    }
}

/**
 * sd_matrix_settings_equal:
 *
 * Whether @a and @b describe the same matrix: the same size, the same zone
 * in every cell of that size, the same titles and the same labels of its
 * levels. Cells and labels beyond the size are not part of the matrix.
 */
gboolean
sd_matrix_settings_equal (const SdMatrixSettings *a,
                          const SdMatrixSettings *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->size != b->size ||
      g_strcmp0 (a->likelihood_title, b->likelihood_title) != 0 ||
      g_strcmp0 (a->impact_title, b->impact_title) != 0)
    return FALSE;

  for (int l = 0; l < a->size && l < SD_MATRIX_MAX_SIZE; l++)
    {
      if (g_strcmp0 (a->likelihood_labels[l], b->likelihood_labels[l]) != 0 ||
          g_strcmp0 (a->impact_labels[l], b->impact_labels[l]) != 0)
        return FALSE;
      for (int i = 0; i < a->size && i < SD_MATRIX_MAX_SIZE; i++)
        {
          if (a->zones[l][i] != b->zones[l][i])
            return FALSE;
        }
    }
  return TRUE;
}

/* An empty text stands for "the default", as NULL does; a label is one
 * line (the labels are kept one per line). */
static char *
normalize_text (const char *text,
                gboolean    one_line)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (copy[0] == '\0')
    return NULL;
  if (one_line)
    g_strdelimit (copy, "\r\n", ' ');
  return g_steal_pointer (&copy);
}

/* What the file will hold for @settings, as read back. */
static void
normalize (const SdMatrixSettings *settings,
           SdMatrixSettings       *out)
{
  memset (out, 0, sizeof *out);
  out->size = settings->size;
  memcpy (out->zones, settings->zones, sizeof out->zones);
  out->likelihood_title = normalize_text (settings->likelihood_title, FALSE);
  out->impact_title = normalize_text (settings->impact_title, FALSE);
  for (int l = 0; l < settings->size; l++)
    {
      out->likelihood_labels[l] = normalize_text (settings->likelihood_labels[l], TRUE);
      out->impact_labels[l] = normalize_text (settings->impact_labels[l], TRUE);
    }
}

/* Reading */

/* The labels of the levels, one per line; an empty line is the default. */
static void
split_labels (const char *text,
              char       *labels[SD_MATRIX_MAX_SIZE])
{
  g_auto(GStrv) lines = NULL;

  if (text == NULL)
    return;
  lines = g_strsplit (text, "\n", SD_MATRIX_MAX_SIZE);
  for (guint i = 0; lines[i] != NULL && i < SD_MATRIX_MAX_SIZE; i++)
    labels[i] = normalize_text (lines[i], TRUE);
}

static char *
join_labels (char * const labels[SD_MATRIX_MAX_SIZE],
             int          size)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean any = FALSE;

  for (int i = 0; i < size; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      if (labels[i] != NULL)
        {
          g_string_append (text, labels[i]);
          any = TRUE;
        }
    }
  return any ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static gboolean
read_matrix (SdStore          *self,
             SdMatrixSettings *out,
             GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (out, 0, sizeof *out);
  out->size = SD_MATRIX_MAX_SIZE;

  stmt = sd_store_get_statement (self,
                                 "SELECT size, likelihood_title, impact_title, likelihood_labels,"
                                 " impact_labels FROM risk_matrix WHERE id = 1",
                                 error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->size = CLAMP (sqlite3_column_int (stmt, 0), MATRIX_MIN_SIZE, SD_MATRIX_MAX_SIZE);
      out->likelihood_title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      out->impact_title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      split_labels ((const char *) sqlite3_column_text (stmt, 3), out->likelihood_labels);
      split_labels ((const char *) sqlite3_column_text (stmt, 4), out->impact_labels);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sd_store_set_sqlite_error (self, rc, "Could not read the risk matrix", error);
      return FALSE;
    }

  stmt = sd_store_get_statement (self, "SELECT likelihood, impact, zone FROM risk_matrix_cells",
                                 error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int l = sqlite3_column_int (stmt, 0);
      int i = sqlite3_column_int (stmt, 1);
      SdZone zone;

      if (l >= 1 && l <= SD_MATRIX_MAX_SIZE && i >= 1 && i <= SD_MATRIX_MAX_SIZE &&
          sd_zone_from_code ((const char *) sqlite3_column_text (stmt, 2), &zone))
        out->zones[l - 1][i - 1] = zone;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sd_store_set_sqlite_error (self, rc, "Could not read the risk matrix", error);
      return FALSE;
    }
  return TRUE;
}

gboolean
sd_store_load_matrix (SdStore  *self,
                      GError  **error)
{
  SdMatrixSettings *cached = sd_store_peek_matrix (self);
  SdMatrixSettings matrix;
  gboolean changed;

  if (!read_matrix (self, &matrix, error))
    {
      sd_matrix_settings_clear (&matrix);
      return FALSE;
    }

  changed = !sd_matrix_settings_equal (cached, &matrix);
  sd_matrix_settings_clear (cached);
  *cached = matrix;
  if (changed)
    sd_store_emit_matrix_changed (self);
  return TRUE;
}

void
sd_store_get_matrix (SdStore          *self,
                     SdMatrixSettings *out)
{
  g_return_if_fail (SD_IS_STORE (self));
  g_return_if_fail (out != NULL);

  sd_matrix_settings_copy (sd_store_peek_matrix (self), out);
}

/* Writing */

static void
append_json_text (GString    *out,
                  const char *text)
{
  if (text == NULL)
    g_string_append (out, "null");
  else
    sd_store_json_append_string (out, text);
}

static void
append_json_labels (GString     *out,
                    char * const labels[SD_MATRIX_MAX_SIZE],
                    int          size)
{
  g_string_append_c (out, '[');
  for (int i = 0; i < size; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_json_text (out, labels[i]);
    }
  g_string_append_c (out, ']');
}

/* The settings as the audit log keeps them: the zones as rows of
 * likelihood, each a list by impact, of the cells of the matrix's size. */
char *
sd_store_matrix_to_json (const SdMatrixSettings *settings)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "{\"size\":%d,\"likelihood_title\":", settings->size);
  append_json_text (out, settings->likelihood_title);
  g_string_append (out, ",\"impact_title\":");
  append_json_text (out, settings->impact_title);
  g_string_append (out, ",\"likelihood_labels\":");
  append_json_labels (out, settings->likelihood_labels, settings->size);
  g_string_append (out, ",\"impact_labels\":");
  append_json_labels (out, settings->impact_labels, settings->size);
  g_string_append (out, ",\"zones\":[");
  for (int l = 0; l < settings->size; l++)
    {
      g_string_append (out, l > 0 ? ",[" : "[");
      for (int i = 0; i < settings->size; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          sd_store_json_append_string (out, sd_zone_to_code (settings->zones[l][i]));
        }
      g_string_append_c (out, ']');
    }
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static int
step_done (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static gboolean
write_matrix (SdStore                *self,
              const SdMatrixSettings *settings,
              GError                **error)
{
  g_autofree char *likelihood_labels = NULL;
  g_autofree char *impact_labels = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = sd_store_get_statement (self,
                                 "INSERT INTO risk_matrix (id, size, likelihood_title,"
                                 " impact_title, likelihood_labels, impact_labels)"
                                 " VALUES (1, ?, ?, ?, ?, ?)"
                                 " ON CONFLICT (id) DO UPDATE SET size = excluded.size,"
                                 " likelihood_title = excluded.likelihood_title,"
                                 " impact_title = excluded.impact_title,"
                                 " likelihood_labels = excluded.likelihood_labels,"
                                 " impact_labels = excluded.impact_labels",
                                 error);
  if (stmt == NULL)
    return FALSE;

  likelihood_labels = join_labels (settings->likelihood_labels, settings->size);
  impact_labels = join_labels (settings->impact_labels, settings->size);
  sqlite3_bind_int (stmt, 1, settings->size);
  bind_text (stmt, 2, settings->likelihood_title);
  bind_text (stmt, 3, settings->impact_title);
  bind_text (stmt, 4, likelihood_labels);
  bind_text (stmt, 5, impact_labels);
  if ((rc = step_done (stmt)) != SQLITE_OK)
    goto fail;

  /* Every cell of the largest matrix, so that the zones a smaller one
   * leaves out are kept as they were set. */
  stmt = sd_store_get_statement (self,
                                 "INSERT INTO risk_matrix_cells (likelihood, impact, zone)"
                                 " VALUES (?, ?, ?) ON CONFLICT (likelihood, impact)"
                                 " DO UPDATE SET zone = excluded.zone",
                                 error);
  if (stmt == NULL)
    return FALSE;
  for (int l = 1; l <= SD_MATRIX_MAX_SIZE; l++)
    for (int i = 1; i <= SD_MATRIX_MAX_SIZE; i++)
      {
        sqlite3_bind_int (stmt, 1, l);
        sqlite3_bind_int (stmt, 2, i);
        sqlite3_bind_text (stmt, 3, sd_zone_to_code (settings->zones[l - 1][i - 1]), -1,
                           SQLITE_STATIC);
        if ((rc = step_done (stmt)) != SQLITE_OK)
          goto fail;
      }
  return TRUE;

fail:
  sd_store_set_sqlite_error (self, rc, "Could not change the risk matrix", error);
  return FALSE;
}

gboolean
sd_store_set_matrix (SdStore                *self,
                     const SdMatrixSettings *settings,
                     GError                **error)
{
  SdMatrixSettings matrix;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean ok;

  g_return_val_if_fail (SD_IS_STORE (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (settings->size < MATRIX_MIN_SIZE || settings->size > SD_MATRIX_MAX_SIZE)
    {
      g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT,
                   "A risk matrix has 3 to 5 levels, not %d", settings->size);
      return FALSE;
    }
  for (int l = 0; l < SD_MATRIX_MAX_SIZE; l++)
    for (int i = 0; i < SD_MATRIX_MAX_SIZE; i++)
      {
        if ((guint) settings->zones[l][i] >= SD_N_ZONES)
          {
            g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT,
                         "No such risk zone: %d", settings->zones[l][i]);
            return FALSE;
          }
      }

  normalize (settings, &matrix);
  /* Nothing to change, nothing to log or tell. */
  if (sd_matrix_settings_equal (sd_store_peek_matrix (self), &matrix))
    {
      sd_matrix_settings_clear (&matrix);
      return TRUE;
    }

  before = sd_store_matrix_to_json (sd_store_peek_matrix (self));
  after = sd_store_matrix_to_json (&matrix);

  ok = sd_store_edit_begin (self, error);
  if (ok)
    {
      ok = write_matrix (self, &matrix, error) &&
           sd_store_write_audit (self, "risk_matrix", 1, "update", before, after, error);
      ok = sd_store_edit_end (self, ok, error);
    }
  sd_matrix_settings_clear (&matrix);
  if (!ok)
    return FALSE;

  /* Read back: the copy then holds what the file holds, and the signal
   * goes out from there. A failed read keeps the old copy: the change is
   * written, so report it as done. */
  {
    g_autoptr(GError) local_error = NULL;

    if (!sd_store_load_matrix (self, &local_error))
      g_warning ("Could not read the risk matrix back: %s", local_error->message);
  }
  return TRUE;
}
