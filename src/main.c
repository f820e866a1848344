/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "security-duties"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "sd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SdApplication) app = NULL;
  const char *localedir;

  /* Lets tests and the uninstalled build find the catalogues of the build tree. */
  localedir = g_getenv ("SECURITY_DUTIES_LOCALEDIR");
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = sd_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
