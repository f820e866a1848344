/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * What the UI tests share: finding widgets as a user sees them (hidden
 * ones are not there). Header-only, each test is one program.
 */

#pragma once

#include <gtk/gtk.h>

typedef gboolean (*SdTestMatch) (GtkWidget  *widget,
                                 const char *text);

static inline gboolean
sd_test_shown (GtkWidget *widget)
{
  if (GTK_IS_WINDOW (widget))
    return TRUE;
  if (GTK_IS_NATIVE (widget))
    return gtk_widget_get_visible (widget);
  return gtk_widget_get_visible (widget) && gtk_widget_get_child_visible (widget);
}

/* The first shown widget under @root (itself included) that @match
 * accepts, depth first, or NULL. */
static inline GtkWidget *
sd_test_find (gpointer    root,
              SdTestMatch match,
              const char *text)
{
  if (!sd_test_shown (GTK_WIDGET (root)))
    return NULL;
  if (match (GTK_WIDGET (root), text))
    return GTK_WIDGET (root);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (root));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sd_test_find (child, match, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* As sd_test_find(), but waits up to 5 s for it to show (a popover or a
 * window maps a frame or two later, more so on a loaded machine), and
 * fails the test if it never does. */
static inline GtkWidget *
sd_test_find_shown (gpointer    root,
                    SdTestMatch match,
                    const char *text)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GtkWidget *widget = sd_test_find (root, match, text);

  while (widget == NULL && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      widget = sd_test_find (root, match, text);
    }
  if (widget == NULL)
    g_error ("nothing shown matches “%s”", text != NULL ? text : "");
  return widget;
}
