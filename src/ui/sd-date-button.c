/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-date-button"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sd-date-button.h"

/* The button's state, kept on it as object data, so that the button stays
 * a plain GtkMenuButton for the views that lay it out. */
typedef struct
{
  GtkMenuButton   *button;
  GtkCalendar     *calendar;
  char            *name;         /* what the date is, for a screen reader */
  char            *date;
  gboolean         offer_today;
  SdDateChosenFunc chosen;
  gpointer         user_data;
  gboolean         setting;
} DateButton;

/* Local midnight of "YYYY-MM-DD", or NULL when @text is not such a date. */
static GDateTime *
parse_date (const char *text)
{
  int year, month, day;

  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;
  return g_date_time_new_local (year, month, day, 0, 0, 0);
}

char *
sd_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
date_button_free (gpointer data)
{
  DateButton *self = data;

  g_free (self->name);
  g_free (self->date);
  g_free (self);
}

static DateButton *
date_button_get (GtkWidget *button)
{
  return g_object_get_data (G_OBJECT (button), "sd-date-button");
}

void
sd_date_button_set_date (GtkWidget  *button,
                         const char *date)
{
  DateButton *self = date_button_get (button);
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *today = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *accessible = NULL;

  g_return_if_fail (self != NULL);

  parsed = parse_date (date);
  today = sd_date_today ();
  if (date == NULL)
    shown = g_strdup (_("No Date"));
  else if (self->offer_today && g_strcmp0 (date, today) == 0)
    /* Translators: a chosen date when it is today */
    shown = g_strdup_printf (_("Today (%s)"), date);
  else
    shown = g_strdup (date);
  accessible = g_strdup_printf ("%s: %s", self->name, shown);

  g_free (self->date);
  self->date = g_strdup (date);
  gtk_menu_button_set_label (self->button, shown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  if (parsed != NULL)
    {
      self->setting = TRUE;
      gtk_calendar_select_day (self->calendar, parsed);
      self->setting = FALSE;
    }
}

const char *
sd_date_button_get_date (GtkWidget *button)
{
  DateButton *self = date_button_get (button);

  g_return_val_if_fail (self != NULL, NULL);

  return self->date;
}

static void
choose (DateButton *self,
        const char *date)
{
  gtk_menu_button_popdown (self->button);
  if (g_strcmp0 (date, self->date) == 0)
    return;
  sd_date_button_set_date (GTK_WIDGET (self->button), date);
  if (self->chosen != NULL)
    self->chosen (self->user_data, date);
}

static void
day_selected_cb (GtkCalendar *calendar,
                 DateButton  *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (self->setting)
    return;
  date = gtk_calendar_get_date (calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  choose (self, text);
}

static void
today_clicked_cb (GtkButton  *button,
                  DateButton *self)
{
  g_autofree char *today = sd_date_today ();

  choose (self, today);
}

GtkWidget *
sd_date_button_new (const char       *name,
                    gboolean          offer_today,
                    SdDateChosenFunc  chosen,
                    gpointer          user_data)
{
  DateButton *self = g_new0 (DateButton, 1);
  GtkWidget *popover = gtk_popover_new ();

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  self->name = g_strdup (name);
  self->offer_today = offer_today;
  self->chosen = chosen;
  self->user_data = user_data;
  if (offer_today)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *today = gtk_button_new_with_mnemonic (_("_Today"));

      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));
      gtk_box_append (GTK_BOX (box), today);
      gtk_popover_set_child (GTK_POPOVER (popover), box);
      g_signal_connect (today, "clicked", G_CALLBACK (today_clicked_cb), self);
    }
  else
    {
      gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));
    }
  gtk_menu_button_set_popover (self->button, popover);
  gtk_menu_button_set_always_show_arrow (self->button, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_signal_connect (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self);
  g_object_set_data_full (G_OBJECT (self->button), "sd-date-button", self,
                          date_button_free);
  return GTK_WIDGET (self->button);
}
