/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#include "config.h"

#include <gio/gio.h>

#include "sd-assignment.h"
#include "sd-body.h"
#include "sd-duty-rules.h"
#include "sd-resources.h"
#include "sd-ui.h"
#include "sd-unit.h"

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

/* How long the window's rule checks wait after a change for the next one,
 * as the sign-off summary does: each one walks every duty and assignment,
 * which on a large organisation would otherwise delay the frame that shows
 * the edit. */
#define SD_UI_RECHECK_DELAY_MS 400

SdViolationList *
sd_ui_get_violations (SdStore *store)
{
  SdViolationList *violations;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  violations = g_object_get_data (G_OBJECT (store), "sd-ui-violations");
  if (violations == NULL)
    {
      violations = sd_violation_list_new (store);
      sd_violation_list_set_delay (violations, SD_UI_RECHECK_DELAY_MS);
      g_object_set_data_full (G_OBJECT (store), "sd-ui-violations", violations, g_object_unref);
    }
  return violations;
}

SdViolationList *
sd_ui_get_duty_problems (SdStore *store)
{
  SdViolationList *problems;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  problems = g_object_get_data (G_OBJECT (store), "sd-ui-duty-problems");
  if (problems == NULL)
    {
      /* Units as well: a post is named with its unit. */
      const GType watched[] = {
        SD_TYPE_DUTY, SD_TYPE_ASSIGNMENT, SD_TYPE_POST, SD_TYPE_BODY, SD_TYPE_UNIT,
      };

      problems = sd_violation_list_new_for (store, sd_duty_check, watched, G_N_ELEMENTS (watched));
      sd_violation_list_set_delay (problems, SD_UI_RECHECK_DELAY_MS);
      g_object_set_data_full (G_OBJECT (store), "sd-ui-duty-problems", problems, g_object_unref);
    }
  return problems;
}

SdSignSummary *
sd_ui_get_sign_summary (SdStore *store)
{
  SdSignSummary *summary;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  summary = g_object_get_data (G_OBJECT (store), "sd-ui-sign-summary");
  if (summary == NULL)
    {
      summary = sd_sign_summary_new (store);
      g_object_set_data_full (G_OBJECT (store), "sd-ui-sign-summary", summary, g_object_unref);
    }
  return summary;
}

void
sd_ui_release_store (SdStore *store)
{
  g_return_if_fail (SD_IS_STORE (store));

  g_object_set_data (G_OBJECT (store), "sd-ui-violations", NULL);
  g_object_set_data (G_OBJECT (store), "sd-ui-duty-problems", NULL);
  g_object_set_data (G_OBJECT (store), "sd-ui-sign-summary", NULL);
}

void
sd_ui_tags_add (GtkBox     *tags,
                const char *text,
                const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "tag");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_box_append (tags, label);
}
