/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-audit-diff.h"
#include "sd-audit-verify.h"
#include "sd-cli.h"
#include "sd-duty-rules.h"
#include "sd-heatmap-export.h"
#include "sd-import.h"
#include "sd-messages.h"
#include "sd-org-rules.h"
#include "sd-plan.h"
#include "sd-plan-render.h"
#include "sd-statement.h"
#include "sd-statement-render.h"
#include "sd-store.h"
#include "sd-unit.h"

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
  g_autoptr(GPtrArray) duty_violations = NULL;

  if (store == NULL)
    return 2;
  /* A damaged file is reported as such, not as a clean organisation. */
  if (!sd_store_wait_verified (store, &error))
    {
      g_autofree char *message = sd_describe_open_error (database, error);

      g_printerr ("%s\n", message);
      return 2;
    }

  /* The organisation's rules first, then the duty matrix's. */
  violations = sd_org_check (store);
  duty_violations = sd_duty_check (store);
  g_ptr_array_extend_and_steal (violations, g_steal_pointer (&duty_violations));
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
      g_autofree char *kinds = g_strjoinv (", ", (char **) sd_import_get_kinds ());

      /* Translators: the first %s is what was asked for, the second the list
       * of kinds, e.g. "units, people, posts, duties, assignments". */
      g_printerr (_("Unknown kind of import “%s”: use one of %s.\n"), kind, kinds);
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

/* Tabs and line breaks would break the one-line, tab-separated format
 * that scripts read. */
static char *
one_line (const char *text)
{
  char *out = g_strdup (text != NULL ? text : "");

  g_strdelimit (out, "\t\r\n", ' ');
  return out;
}

int
sd_cli_verify (const char *database)
{
  g_autoptr(SdStore) store = open_store (database, SD_STORE_OPEN_NONE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tampered = NULL;
  g_autoptr(SdAuditReport) report = NULL;
  guint64 n_entries;
  guint n_signoffs;
  guint n_failed = 0;

  if (store == NULL)
    return 2;
  if (!sd_store_wait_verified (store, &error))
    {
      g_autofree char *message = sd_describe_open_error (database, error);

      g_printerr ("%s\n", message);
      return 2;
    }

  /* The audit chain and the data against it: the first entry (or row)
   * that does not verify, one line "audit<TAB>ID<TAB>message". */
  report = sd_store_verify_audit (store, sd_audit_row_label, NULL, &error);
  if (report == NULL)
    {
      g_autofree char *message = sd_describe_open_error (database, error);

      g_printerr ("%s\n", message);
      return 2;
    }
  n_entries = sd_audit_report_get_n_entries (report);
  if (!sd_audit_report_get_ok (report))
    {
      g_autofree char *message = one_line (sd_audit_report_get_message (report));

      g_print ("audit\t%" G_GINT64_FORMAT "\t%s\n",
               sd_audit_report_get_first_bad_id (report), message);
      n_failed++;
    }

  n_signoffs = g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_SIGNOFF));
  tampered = sd_signoffs_find_tampered (store);
  for (guint i = 0; i < tampered->len; i++)
    {
      SdSignoff *signoff = g_ptr_array_index (tampered, i);
      SdUnit *unit = sd_store_lookup (store, SD_TYPE_UNIT, sd_signoff_get_unit_id (signoff));
      g_autofree char *name = one_line (unit != NULL ? sd_unit_get_name (unit) : "");

      g_print ("signoff\t%" G_GINT64_FORMAT "\t%s\t%s\n",
               sd_item_get_id (SD_ITEM (signoff)), name,
               _("The signed text does not match its SHA-256: the record was changed "
                 "outside Security Duties."));
    }
  n_failed += tampered->len;

  if (n_failed > 0)
    return 1;
  if (n_entries == 0)
    {
      g_print ("%s\n", _("The audit log is empty: there is nothing to verify."));
    }
  else
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, n_entries);

      /* Translators: %s is a number of audit entries */
      g_print (ngettext ("%s entry of the audit log verifies.\n",
                         "All %s entries of the audit log verify.\n",
                         (gulong) MIN (n_entries, G_MAXULONG)),
               count);
    }
  if (n_signoffs == 0)
    g_print ("%s\n", _("There are no sign-offs to verify."));
  else
    g_print (ngettext ("%u sign-off verifies.\n", "All %u sign-offs verify.\n", n_signoffs),
             n_signoffs);
  return 0;
}

/* The units whose name is exactly @name; failing that, the unit whose id
 * @name spells. A name wins over an id, so that a unit called "2026" is
 * found by its name. */
static GPtrArray *
find_units (SdStore    *store,
            const char *name)
{
  GListModel *units = sd_store_get_items (store, SD_TYPE_UNIT);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (units);
  guint64 id;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdUnit) unit = g_list_model_get_item (units, i);

      if (g_strcmp0 (sd_unit_get_name (unit), name) == 0)
        g_ptr_array_add (found, g_steal_pointer (&unit));
    }

  if (found->len == 0 && g_ascii_string_to_unsigned (name, 10, 1, G_MAXINT64, &id, NULL))
    {
      SdUnit *unit = sd_store_lookup (store, SD_TYPE_UNIT, (gint64) id);

      if (unit != NULL)
        g_ptr_array_add (found, g_object_ref (unit));
    }

  return found;
}

/* The units to choose from, one "ID<TAB>name" a line: a script can cut
 * the name, a person can copy it. A large organisation is cut short. */
static void
print_units (SdStore *store)
{
  GListModel *units = sd_store_get_items (store, SD_TYPE_UNIT);
  guint n = g_list_model_get_n_items (units);
  const guint max_shown = 50;

  for (guint i = 0; i < MIN (n, max_shown); i++)
    {
      g_autoptr(SdUnit) unit = g_list_model_get_item (units, i);
      g_autofree char *name = one_line (sd_unit_get_name (unit));

      g_printerr ("%" G_GINT64_FORMAT "\t%s\n", sd_item_get_id (SD_ITEM (unit)), name);
    }
  if (n > max_shown)
    g_printerr (ngettext ("… and %u more unit.\n", "… and %u more units.\n", n - max_shown),
                n - max_shown);
}

int
sd_cli_export_statement (const char *database,
                         const char *unit,
                         const char *out_path)
{
  g_autoptr(SdStore) store = open_store (database, SD_STORE_OPEN_NONE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  SdUnit *chosen;

  if (store == NULL)
    return 2;
  if (!sd_store_wait_verified (store, &error))
    {
      g_autofree char *message = sd_describe_open_error (database, error);

      g_printerr ("%s\n", message);
      return 2;
    }

  found = find_units (store, unit);
  if (found->len != 1)
    {
      if (found->len == 0)
        g_printerr (_("There is no unit “%s”. Give the unit’s name exactly as it is written, "
                      "or its number. The units are:\n"), unit);
      else
        g_printerr (_("There are %u units called “%s”: give the number of the one you mean. "
                      "The units are:\n"), found->len, unit);
      print_units (store);
      return 2;
    }
  chosen = g_ptr_array_index (found, 0);

  if (!sd_statement_export_pdf (store, chosen, out_path, &error))
    {
      g_printerr ("%s: %s\n", out_path, error->message);
      return 1;
    }

  g_print (_("Wrote the responsibility statement of %s to %s.\n"),
           sd_unit_get_name (chosen), out_path);
  return 0;
}

int
sd_cli_export_heatmap (const char *database,
                       const char *level,
                       const char *out_path)
{
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  SdRiskLevel risk_level = SD_RISK_LEVEL_INHERENT;
  SdHeatmapFormat format;

  /* What the arguments get wrong is told before the database is opened. */
  if (level != NULL && !sd_risk_level_from_code (level, &risk_level))
    {
      /* Translators: %s is what was given; the three words are literal. */
      g_printerr (_("Unknown risk level “%s”: use inherent, residual or target.\n"), level);
      return 1;
    }
  if (!sd_heatmap_format_from_path (out_path, &format, &error))
    {
      g_printerr ("%s: %s\n", out_path, error->message);
      return 1;
    }

  store = open_store (database, SD_STORE_OPEN_NONE);
  if (store == NULL)
    return 2;
  if (!sd_store_wait_verified (store, &error))
    {
      g_autofree char *message = sd_describe_open_error (database, error);

      g_printerr ("%s\n", message);
      return 2;
    }

  if (!sd_heatmap_export (store, risk_level, out_path, 0, 0, &error))
    {
      g_printerr ("%s: %s\n", out_path, error->message);
      return 1;
    }

  /* Translators: the first %s is the rating shown (Inherent, Residual or
   * Target), the second a file. */
  g_print (_("Wrote the heat map (%s) to %s.\n"),
           sd_risk_level_label (risk_level), out_path);
  return 0;
}

/* The years that have a plan, for the message about one that has none. */
static void
print_plan_years (SdStore *store)
{
  GListModel *plans = sd_store_get_items (store, SD_TYPE_PLAN);
  guint n = g_list_model_get_n_items (plans);
  g_autoptr(GString) years = g_string_new (NULL);

  if (n == 0)
    {
      g_printerr (_("The database has no plan.\n"));
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPlan) plan = g_list_model_get_item (plans, i);

      g_string_append_printf (years, "%s%d", i > 0 ? ", " : "", sd_plan_get_year (plan));
    }
  /* Translators: %s is a list of years, e.g. "2025, 2026" */
  g_printerr (_("There are plans for %s.\n"), years->str);
}

int
sd_cli_export_plan (const char *database,
                    const char *year,
                    const char *out_path)
{
  g_autoptr(SdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 value;

  /* What the arguments get wrong is told before the database is opened. */
  if (!g_ascii_string_to_signed (year, 10, 1, 9999, &value, NULL))
    {
      /* Translators: %s is what was given instead of a year */
      g_printerr (_("“%s” is not a year: give the plan’s year, e.g. 2026.\n"), year);
      return 2;
    }

  store = open_store (database, SD_STORE_OPEN_NONE);
  if (store == NULL)
    return 2;
  if (!sd_store_wait_verified (store, &error))
    {
      g_autofree char *message = sd_describe_open_error (database, error);

      g_printerr ("%s\n", message);
      return 2;
    }

  if (!sd_plan_export_pdf (store, (int) value, NULL, out_path, &error))
    {
      if (g_error_matches (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND))
        {
          g_printerr ("%s\n", error->message);
          print_plan_years (store);
        }
      else
        {
          g_printerr ("%s: %s\n", out_path, error->message);
        }
      return 1;
    }

  /* Translators: %d is a year, %s a file */
  g_print (_("Wrote the plan of %d to %s.\n"), (int) value, out_path);
  return 0;
}
