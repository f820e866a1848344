/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A menu button that shows a date (YYYY-MM-DD) and opens a calendar to
 * choose another. A click on a day chooses it; moving between months does
 * not. With @offer_today, the calendar has a "Today" button and today's
 * date reads "Today (YYYY-MM-DD)". @name says what the date is, for the
 * tooltip and a screen reader. @chosen, if not NULL, is called when the
 * user chooses a date other than the shown one, not on
 * sd_date_button_set_date(). */

typedef void (*SdDateChosenFunc) (gpointer    user_data,
                                  const char *date);

GtkWidget  *sd_date_button_new      (const char       *name,
                                     gboolean          offer_today,
                                     SdDateChosenFunc  chosen,
                                     gpointer          user_data);

/* Shows @date, or "No Date" when NULL. */
void        sd_date_button_set_date (GtkWidget        *button,
                                     const char       *date);
const char *sd_date_button_get_date (GtkWidget        *button);

/* Today, as YYYY-MM-DD in local time; free it with g_free(). */
char       *sd_date_today           (void);

G_END_DECLS
