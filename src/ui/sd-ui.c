/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#include "config.h"

#include <gio/gio.h>

#include "sd-resources.h"
#include "sd-ui.h"

void
sd_ui_ensure_resources (void)
{
  static gsize registered = 0;

  /* The resources are linked from a static library: nothing would pull in
   * an automatic constructor, so they are registered by hand. */
  if (g_once_init_enter (&registered))
    {
      sd_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}
