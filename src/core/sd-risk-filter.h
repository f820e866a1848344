/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-risk.h"
#include "sd-risk-rating.h"
#include "sd-store.h"

G_BEGIN_DECLS

/* The statuses of a risk, in the order of the register's filter. */
typedef enum
{
  SD_RISK_STATUS_OPEN,
  SD_RISK_STATUS_TREATING,
  SD_RISK_STATUS_ACCEPTED,
  SD_RISK_STATUS_CLOSED,
  SD_N_RISK_STATUSES
} SdRiskStatus;

const char *sd_risk_status_to_code   (SdRiskStatus  status);
gboolean    sd_risk_status_from_code (const char   *code,
                                      SdRiskStatus *status);

/* A risk's review is overdue when it is not closed and its next review
 * date (YYYY-MM-DD) lies before @today's date. */
gboolean    sd_risk_review_overdue   (SdRisk       *risk,
                                      GDateTime    *today);

/* What the register shows. Zero/NULL/FALSE fields do not filter. */
typedef struct
{
  SdRiskLevel  level;           /* whose zone @zones looks at */
  guint        zones;           /* mask of 1 << SdZone */
  guint        statuses;        /* mask of 1 << SdRiskStatus */
  gint64       category_id;
  gint64       owner_unit_id;
  gboolean     review_overdue;
  const char  *text;            /* in code, title or description, any case */
} SdRiskFilter;

/* How many of the filter's criteria are set (for the filter button). */
guint       sd_risk_filter_count     (const SdRiskFilter *filter);
gboolean    sd_risk_filter_matches   (const SdRiskFilter *filter,
                                      SdStore            *store,
                                      SdRisk             *risk,
                                      GDateTime          *today);

G_END_DECLS
