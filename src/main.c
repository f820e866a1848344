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

  /* The data is Chinese whatever the UI language: unless the user said
   * otherwise, draw Han characters with Chinese rather than Japanese glyph
   * shapes when the locale gives no hint (an English desktop). */
  if (g_getenv ("PANGO_LANGUAGE") == NULL)
    {
      const char * const *languages = g_get_language_names ();

      if (!g_str_has_prefix (languages[0], "zh") && !g_str_has_prefix (languages[0], "ja") &&
          !g_str_has_prefix (languages[0], "ko"))
        g_setenv ("PANGO_LANGUAGE", "zh-cn", FALSE);
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = sd_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
