/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <stdlib.h>
#include <glib.h>
#include <glib/gstdio.h>

/* What the fuzz targets share. */

/* A warning or critical is a finding, as G_DEBUG=fatal-warnings makes it
 * in the other tests. But GLib stops on those with a breakpoint trap,
 * which libFuzzer does not catch: no report, no saved input. Abort
 * instead, which it does catch. */
static void
fuzz_log_cb (const char     *log_domain,
             GLogLevelFlags  log_level,
             const char     *message,
             gpointer        user_data)
{
  g_log_default_handler (log_domain, log_level, message, user_data);
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
}

static GLogWriterOutput
fuzz_log_writer_cb (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_default (log_level, fields, n_fields, user_data);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return output;
}

static void
fuzz_init_logging (void)
{
  g_log_set_default_handler (fuzz_log_cb, NULL);
  g_log_set_writer_func (fuzz_log_writer_cb, NULL, NULL);
}

/* A database and the files SQLite keeps beside it. */
static void
fuzz_remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }
}
