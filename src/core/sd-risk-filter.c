/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-risk-filter"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sd-risk-filter.h"

static const char * const status_codes[SD_N_RISK_STATUSES] = {
  "open", "treating", "accepted", "closed",
};

const char *
sd_risk_status_to_code (SdRiskStatus status)
{
  g_return_val_if_fail (status < SD_N_RISK_STATUSES, NULL);

  return status_codes[status];
}

gboolean
sd_risk_status_from_code (const char   *code,
                          SdRiskStatus *status)
{
  for (guint i = 0; i < SD_N_RISK_STATUSES; i++)
    {
      if (g_strcmp0 (code, status_codes[i]) == 0)
        {
          *status = i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * sd_risk_review_overdue:
 * @risk: a risk
 * @today: the current date
 *
 * A review is due on its date, and overdue the day after. A risk without
 * a next review date (or with one that cannot be read) is never overdue:
 * nothing says when it is due.
 */
gboolean
sd_risk_review_overdue (SdRisk    *risk,
                        GDateTime *today)
{
  const char *next_review;
  int year, month, day;
  int ty, tm, td;

  g_return_val_if_fail (SD_IS_RISK (risk), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  if (g_strcmp0 (sd_risk_get_status (risk), "closed") == 0)
    return FALSE;
  next_review = sd_risk_get_next_review (risk);
  if (next_review == NULL || sscanf (next_review, "%d-%d-%d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_time_get_ymd (today, &ty, &tm, &td);
  if (year != ty)
    return year < ty;
  if (month != tm)
    return month < tm;
  return day < td;
}

guint
sd_risk_filter_count (const SdRiskFilter *filter)
{
  guint n = 0;

  g_return_val_if_fail (filter != NULL, 0);

  n += filter->zones != 0;
  n += filter->statuses != 0;
  n += filter->category_id != 0;
  n += filter->owner_unit_id != 0;
  n += filter->review_overdue != FALSE;
  n += filter->text != NULL && filter->text[strspn (filter->text, " \t\n")] != '\0';
  return n;
}

/* Whether every word of @text is in the risk's code, title or description,
 * whatever their case; the words are split at spaces, the ideographic
 * one too, as in the duties' filter. */
static gboolean
matches_text (SdRisk     *risk,
              const char *text)
{
  g_autofree char *spaced = NULL;
  g_autofree char *haystack = NULL;
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) fields = g_string_new (NULL);
  const char *values[] = {
    sd_risk_get_code (risk), sd_risk_get_title (risk), sd_risk_get_description (risk),
  };

  parts = g_strsplit (text, "\u3000", -1);
  spaced = g_strjoinv (" ", parts);
  words = g_strsplit_set (spaced, " \t\n", -1);

  /* The fields are kept apart, so that a word never matches across two. */
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (values[i] != NULL)
        g_string_append (fields, values[i]);
      g_string_append_c (fields, '\n');
    }
  haystack = g_utf8_casefold (fields->str, fields->len);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *needle = NULL;

      if (words[i][0] == '\0')
        continue;
      needle = g_utf8_casefold (words[i], -1);
      if (strstr (haystack, needle) == NULL)
        return FALSE;
    }
  return TRUE;
}

/**
 * sd_risk_filter_matches:
 * @filter: what to show
 * @store: the store of @risk (for the zones of the matrix)
 * @risk: a risk
 * @today: the current date (for "review overdue")
 *
 * Returns: whether @risk meets every criterion of @filter that is set
 */
gboolean
sd_risk_filter_matches (const SdRiskFilter *filter,
                        SdStore            *store,
                        SdRisk             *risk,
                        GDateTime          *today)
{
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (SD_IS_RISK (risk), FALSE);

  /* The cheap comparisons first: the text is the costly one. */
  if (filter->category_id != 0 && sd_risk_get_category_id (risk) != filter->category_id)
    return FALSE;
  if (filter->owner_unit_id != 0 && sd_risk_get_owner_unit_id (risk) != filter->owner_unit_id)
    return FALSE;
  if (filter->statuses != 0)
    {
      SdRiskStatus status;

      if (!sd_risk_status_from_code (sd_risk_get_status (risk), &status) ||
          (filter->statuses & (1u << status)) == 0)
        return FALSE;
    }
  if (filter->zones != 0 &&
      (filter->zones & (1u << sd_risk_get_zone (store, risk, filter->level))) == 0)
    return FALSE;
  if (filter->review_overdue)
    {
      g_return_val_if_fail (today != NULL, FALSE);
      if (!sd_risk_review_overdue (risk, today))
        return FALSE;
    }
  if (filter->text != NULL && filter->text[0] != '\0' && !matches_text (risk, filter->text))
    return FALSE;
  return TRUE;
}
