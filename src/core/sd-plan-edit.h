/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-decision.h"
#include "sd-plan.h"
#include "sd-plan-stream.h"
#include "sd-plan-task.h"
#include "sd-store.h"

G_BEGIN_DECLS

/* Whole-plan edits, each in one transaction.
 *
 * The seven work streams of seed 002, in order, by code. */
typedef enum
{
  SD_PLAN_STREAM_PUBLICITY_TRAINING,   /* 宣传培训 */
  SD_PLAN_STREAM_RULES,                /* 制度建设 */
  SD_PLAN_STREAM_RESPONSIBILITY,       /* 责任落实 */
  SD_PLAN_STREAM_RISK_ASSESSMENT,      /* 风险评估 */
  SD_PLAN_STREAM_INSPECTION,           /* 监督检查 */
  SD_PLAN_STREAM_TECHNICAL,            /* 技术手段 */
  SD_PLAN_STREAM_EMERGENCY,            /* 应急预案 */
  SD_N_PLAN_STREAMS
} SdPlanStreamKind;

/* "publicity-training", "rules", … (the CSV codes). */
const char *sd_plan_stream_kind_to_code   (SdPlanStreamKind kind);
gboolean    sd_plan_stream_kind_from_code (const char       *code,
                                           SdPlanStreamKind *kind);
/* The default name of a stream (translated, e.g. 宣传培训 in Chinese). */
const char *sd_plan_stream_kind_label     (SdPlanStreamKind kind);
/* The stream of @plan that a CSV value names: a code above (matched to
 * the stream at that position among the plan's streams, or by its default
 * name in either language) or a stream's name. (transfer none) */
SdPlanStream *sd_plan_find_stream         (SdStore          *store,
                                           SdPlan           *plan,
                                           const char       *code_or_name);

/* A new plan for @year with the seven default streams, goal and policy
 * empty. Fails if the year has a plan. (transfer none) */
SdPlan     *sd_plan_create                (SdStore          *store,
                                           int               year,
                                           GError          **error);
/* Next year's plan from @plan: goal, policy and streams copied; every
 * task but the cancelled ones copied with its stream, owners and months
 * (exact dates moved one year on), status "planned", progress 0, evidence
 * empty; tasks of @plan that were not done are marked carried_over. Fails if
 * year+1 has a plan. (transfer none) */
SdPlan     *sd_plan_copy_to_next_year     (SdStore          *store,
                                           SdPlan           *plan,
                                           GError          **error);
/* A meeting decision becomes a task of the meeting's plan (title = the
 * decision's text, in @stream (may be NULL), months @start..@end), and
 * the decision points to it. Fails if it already has a task.
 * (transfer none) */
SdPlanTask *sd_decision_make_task         (SdStore          *store,
                                           SdDecision       *decision,
                                           SdPlanStream     *stream,
                                           int               start_month,
                                           int               end_month,
                                           GError          **error);
/* Moves @task one place up (-1) or down (+1) among the tasks of its
 * stream (by position, id), renumbering positions as needed. */
gboolean    sd_plan_task_move             (SdStore          *store,
                                           SdPlanTask       *task,
                                           int               delta,
                                           GError          **error);

G_END_DECLS
