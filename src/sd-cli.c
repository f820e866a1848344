/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-cli.h"
#include "sd-import.h"
#include "sd-messages.h"
#include "sd-org-rules.h"
#include "sd-store.h"

/* Opens @database for a command; a file that cannot be opened gets the
 * same message as the window would show. */
static SdStore *
open_store (const char       *database,
            SdStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  SdStore *store = sd_store_open (database, flags, &error);

  if (store == NULL)
    {
      g_autofree char *message = sd_describe_open_error (database, error);

      g_printerr ("%s\n", message);
    }
  return store;
}

int
sd_cli_check (const char *database)
{
  g_autoptr(SdStore) store = open_store (database, SD_STORE_OPEN_NONE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) violations = NULL;

  if (store == NULL)
    return 2;
  /* A damaged file is reported as such, not as a clean organisation. */
  if (!sd_store_wait_verified (store, &error))
    {
      g_autofree char *message = sd_describe_open_error (database, error);

      g_printerr ("%s\n", message);
      return 2;
    }

  violations = sd_org_check (store);
  for (guint i = 0; i < violations->len; i++)
    {
      g_autofree char *line = sd_violation_to_line (g_ptr_array_index (violations, i));

      g_print ("%s\n", line);
    }
  return violations->len > 0 ? 1 : 0;
}

int
sd_cli_import (const char *database,
               const char *kind,
               const char *csv_path)
{
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) row_errors = NULL;
  guint n_imported = 0;

  if (!sd_import_kind_is_known (kind))
    {
      g_printerr (_("Unknown kind of import “%s”: use units, people or posts.\n"), kind);
      return 2;
    }

  store = open_store (database, SD_STORE_OPEN_CREATE);
  if (store == NULL)
    return 2;

  if (!sd_import_file (store, kind, csv_path, &n_imported, &row_errors, &error))
    {
      if (row_errors != NULL && row_errors->len > 0)
        {
          for (guint i = 0; i < row_errors->len; i++)
            {
              SdImportRowError *row = g_ptr_array_index (row_errors, i);

              g_printerr ("%s:%u: %s\n", csv_path, row->line, row->message);
            }
          g_printerr (ngettext ("Nothing was imported: %u row is wrong.\n",
                                "Nothing was imported: %u rows are wrong.\n",
                                row_errors->len), row_errors->len);
        }
      else
        {
          g_printerr ("%s: %s\n", csv_path, error != NULL ? error->message : _("Import failed"));
        }
      return 1;
    }

  g_print (ngettext ("Imported %u row from %s.\n", "Imported %u rows from %s.\n", n_imported),
           n_imported, csv_path);
  return 0;
}
