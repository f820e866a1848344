/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The demo dataset, taken from the source documents (../shared/seeds/).
 * Plain static tables; sd-demo.c turns them into store records through the
 * store's public API. Every array ends with an all-zero sentinel element
 * (its first pointer field is NULL, or year == 0 for the plan).
 *
 * "key" fields are short ASCII identifiers private to this file, used only
 * to link the tables to each other (e.g. "u-info", "p-zhang"). They are
 * never stored.
 */

typedef struct
{
  const char *key;
  const char *parent_key;   /* NULL for the company */
  const char *name;
  const char *kind;         /* "company", "department", "section" */
  int         staff_count;
  const char *head_key;     /* person key, or NULL */
} SdDemoUnit;

typedef struct
{
  const char *key;
  const char *unit_key;
  const char *name;
  const char *job_title;
  gboolean    full_time;
} SdDemoPerson;

typedef struct
{
  const char *key;
  const char *unit_key;            /* NULL: organisation-wide */
  const char *name;
  const char *post_type;           /* "security-director", "security-admin",
                                    * "security-auditor", "network-admin",
                                    * "system-admin", "machine-room-admin",
                                    * "security-liaison", "other" */
  gboolean    key_post;
  gboolean    full_time_required;
  const char *description;
} SdDemoPost;

typedef struct
{
  const char *post_key;
  const char *person_key;
  gboolean    primary;             /* FALSE: deputy */
} SdDemoHolder;

typedef struct
{
  const char *key;
  const char *name;
  const char *kind;         /* "leadership", "working", "emergency",
                             * "inspection", "execution", "other" */
  const char *led_by_key;   /* body key, or NULL */
  const char *description;
} SdDemoBody;

typedef struct
{
  const char *body_key;
  const char *person_key;
  const char *role;         /* "leader", "deputy", "member" */
} SdDemoMember;

typedef struct
{
  const char *code;         /* e.g. "003-9.1", "003-12.2.1", "001-2.1.3" */
  const char *area;         /* e.g. "网络安全领导小组职责" */
  const char *text;
  const char *source;       /* e.g. "《网络安全组织及职责管理规定》第9条第1项" */
} SdDemoDuty;

typedef struct
{
  const char *duty_code;
  const char *party_kind;   /* "post", "unit", "body" */
  const char *party_key;
  const char *role;         /* "R", "A", "C", "I" */
} SdDemoAssignment;

typedef struct
{
  const char *code;         /* e.g. "R-001" */
  const char *title;
  const char *category;     /* "personal", "data", "operational" */
  const char *description;
  const char *cause;
  const char *consequence;
  const char *owner_unit_key;
  const char *owner_person_key;
  int         inherent_likelihood, inherent_impact;   /* 1..5 */
  int         residual_likelihood, residual_impact;
  int         target_likelihood, target_impact;
  const char *treatment;    /* "avoid", "reduce", "transfer", "accept" */
  const char *measures;
  const char *status;       /* "open", "treating", "accepted", "closed" */
  const char *next_review;  /* "YYYY-MM-DD" */
} SdDemoRisk;

typedef struct
{
  int         year;
  const char *goal;
  const char *policy;
} SdDemoPlan;

typedef struct
{
  const char *key;
  const char *name;         /* e.g. "宣传培训" */
} SdDemoStream;

typedef struct
{
  const char *stream_key;
  const char *title;
  const char *owner_unit_key;
  const char *owner_person_key;
  int         start_month;  /* 1..12 */
  int         end_month;    /* 1..12, >= start_month */
  const char *status;       /* "planned", "in-progress", "done", "cancelled" */
  int         progress;     /* 0..100 */
  const char *evidence;     /* or NULL */
} SdDemoTask;

typedef struct
{
  const char *date;         /* "YYYY-MM-DD" */
  const char *kind;         /* "quarterly-review", "coordination", "year-end" */
  const char *title;
  const char *minutes;
} SdDemoMeeting;

typedef struct
{
  const char *key;
  const char *kind;         /* "self-check", "spot-check", "audit" */
  const char *title;
  const char *date;         /* "YYYY-MM-DD" */
  const char *unit_key;     /* inspected unit, or NULL for the whole company */
} SdDemoInspection;

typedef struct
{
  const char *inspection_key;
  const char *unit_key;
  const char *description;
  const char *severity;     /* "low", "medium", "high" */
  const char *responsible_person_key;
  const char *deadline;     /* "YYYY-MM-DD" */
  const char *status;       /* "open", "rectifying", "closed" */
} SdDemoFinding;

typedef struct
{
  const char *date;
  const char *topic;
  const char *audience;
} SdDemoTraining;

/* Who attended the training session of @date: the people of @attended
 * (person keys separated by spaces), or, with @attended NULL, everyone
 * but the people of @absent (a session for all staff). */
typedef struct
{
  const char *date;
  const char *attended;
  const char *absent;
} SdDemoAttendance;

/* The commitment letters (保密承诺书) of the plan's year signed on
 * @signed_on ("YYYY-MM-DD") by the people of @person_keys (separated by
 * spaces). */
typedef struct
{
  const char *signed_on;
  const char *person_keys;
} SdDemoCommitment;

extern const SdDemoUnit       sd_demo_units[];
extern const SdDemoPerson     sd_demo_people[];
extern const SdDemoPost       sd_demo_posts[];
extern const SdDemoHolder     sd_demo_holders[];
extern const SdDemoBody       sd_demo_bodies[];
extern const SdDemoMember     sd_demo_members[];
extern const SdDemoDuty       sd_demo_duties[];
extern const SdDemoAssignment sd_demo_assignments[];
extern const SdDemoRisk       sd_demo_risks[];
extern const SdDemoPlan       sd_demo_plan;
extern const SdDemoStream     sd_demo_streams[];
extern const SdDemoTask       sd_demo_tasks[];
extern const SdDemoMeeting    sd_demo_meetings[];
extern const SdDemoInspection sd_demo_inspections[];
extern const SdDemoFinding    sd_demo_findings[];
extern const SdDemoTraining   sd_demo_trainings[];
extern const SdDemoAttendance sd_demo_attendance[];
extern const SdDemoCommitment sd_demo_commitments[];

G_END_DECLS
