/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-messages"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-messages.h"
#include "sd-store.h"

char *
sd_describe_open_error (const char   *path,
                        const GError *error)
{
  g_autofree char *name = g_filename_display_name (path);

  if (error != NULL && error->domain == SD_STORE_ERROR)
    {
      switch (error->code)
        {
        case SD_STORE_ERROR_NOT_DATABASE:
          return g_strdup_printf (_("“%s” is not a Security Duties database. "
                                    "The file was left untouched."), name);
        case SD_STORE_ERROR_CORRUPT:
          return g_strdup_printf (_("“%s” is damaged or incomplete. "
                                    "The file was left untouched."), name);
        case SD_STORE_ERROR_TOO_NEW:
          return g_strdup_printf (_("“%s” was saved by a newer version of Security Duties. "
                                    "Update the app to open it; the file was left untouched."),
                                  name);
        case SD_STORE_ERROR_READ_ONLY:
          return g_strdup_printf (_("“%s” cannot be written to. Check the file’s permissions "
                                    "or copy it to a folder where you can save."), name);
        case SD_STORE_ERROR_FULL:
          /* Opening writes a little too (the -shm file of the log). */
          return g_strdup_printf (_("“%s” cannot be opened: the disk is full. "
                                    "Free some space and open it again."), name);
        case SD_STORE_ERROR_NOT_FOUND:
          return g_strdup_printf (_("“%s” does not exist."), name);
        default:
          break;
        }
    }

  return g_strdup_printf (_("“%s” could not be opened: %s"), name,
                          error != NULL ? error->message : _("unknown error"));
}

gboolean
sd_open_error_is_damage (const GError *error)
{
  return error != NULL && error->domain == SD_STORE_ERROR &&
         (error->code == SD_STORE_ERROR_CORRUPT ||
          error->code == SD_STORE_ERROR_NOT_DATABASE ||
          error->code == SD_STORE_ERROR_TOO_NEW);
}

const char *
sd_describe_open_error_title (const GError *error)
{
  if (error != NULL && error->domain == SD_STORE_ERROR)
    {
      switch (error->code)
        {
        case SD_STORE_ERROR_CORRUPT:
          return _("The Database Is Damaged");
        case SD_STORE_ERROR_NOT_DATABASE:
          return _("Not a Security Duties Database");
        case SD_STORE_ERROR_TOO_NEW:
          return _("Made by a Newer Version");
        default:
          break;
        }
    }
  return _("Cannot Open the Database");
}
