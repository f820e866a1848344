/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-demo"

#include "config.h"

#include "sd-demo.h"
#include "sd-demo-data.h"

#include "sd-assignment.h"
#include "sd-body.h"
#include "sd-body-member.h"
#include "sd-commitment.h"
#include "sd-duty.h"
#include "sd-finding.h"
#include "sd-inspection.h"
#include "sd-meeting.h"
#include "sd-person.h"
#include "sd-plan.h"
#include "sd-plan-stream.h"
#include "sd-plan-task.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-risk.h"
#include "sd-risk-category.h"
#include "sd-training.h"
#include "sd-training-attendance.h"
#include "sd-unit.h"

/* The demo tables link rows by short keys; this maps them to store ids. */
typedef struct
{
  SdStore    *store;
  GHashTable *ids;   /* "kind:key" → gint64 * id */
} Loader;

static void
remember (Loader     *loader,
          const char *kind,
          const char *key,
          gpointer    item)
{
  gint64 *id = g_new (gint64, 1);

  *id = sd_item_get_id (item);
  g_hash_table_insert (loader->ids, g_strconcat (kind, ":", key, NULL), id);
}

static gint64
id_of (Loader     *loader,
       const char *kind,
       const char *key)
{
  g_autofree char *name = NULL;
  gint64 *id;

  if (key == NULL)
    return 0;
  name = g_strconcat (kind, ":", key, NULL);
  id = g_hash_table_lookup (loader->ids, name);
  if (id == NULL)
    {
      g_warning ("Demo data: no %s “%s”", kind, key);
      return 0;
    }
  return *id;
}

static gint64
category_id (Loader     *loader,
             const char *code)
{
  GListModel *categories = sd_store_get_items (loader->store, SD_TYPE_RISK_CATEGORY);
  guint n = g_list_model_get_n_items (categories);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdRiskCategory) category = g_list_model_get_item (categories, i);

      if (g_strcmp0 (sd_risk_category_get_code (category), code) == 0)
        return sd_item_get_id (SD_ITEM (category));
    }
  return 0;
}

static gboolean
load_organisation (Loader  *loader,
                   GError **error)
{
  SdStore *store = loader->store;
  gpointer item;

  /* Units first without heads: the heads are people of those units. */
  for (const SdDemoUnit *u = sd_demo_units; u->key != NULL; u++)
    {
      item = sd_store_insert (store, SD_TYPE_UNIT, error,
                              "name", u->name,
                              "kind", u->kind,
                              "parent-id", id_of (loader, "unit", u->parent_key),
                              "staff-count", u->staff_count,
                              "position", (int) (u - sd_demo_units),
                              NULL);
      if (item == NULL)
        return FALSE;
      remember (loader, "unit", u->key, item);
    }

  for (const SdDemoPerson *p = sd_demo_people; p->key != NULL; p++)
    {
      item = sd_store_insert (store, SD_TYPE_PERSON, error,
                              "name", p->name,
                              "unit-id", id_of (loader, "unit", p->unit_key),
                              "job-title", p->job_title,
                              "full-time", p->full_time,
                              "active", TRUE,
                              NULL);
      if (item == NULL)
        return FALSE;
      remember (loader, "person", p->key, item);
    }

  for (const SdDemoUnit *u = sd_demo_units; u->key != NULL; u++)
    {
      if (u->head_key == NULL)
        continue;
      item = sd_store_lookup (store, SD_TYPE_UNIT, id_of (loader, "unit", u->key));
      if (!sd_store_update (store, item, error,
                            "head-id", id_of (loader, "person", u->head_key),
                            NULL))
        return FALSE;
    }

  for (const SdDemoPost *p = sd_demo_posts; p->key != NULL; p++)
    {
      item = sd_store_insert (store, SD_TYPE_POST, error,
                              "name", p->name,
                              "unit-id", id_of (loader, "unit", p->unit_key),
                              "post-type", p->post_type,
                              "description", p->description,
                              "key-post", p->key_post,
                              "full-time-required", p->full_time_required,
                              "position", (int) (p - sd_demo_posts),
                              NULL);
      if (item == NULL)
        return FALSE;
      remember (loader, "post", p->key, item);
    }

  for (const SdDemoHolder *h = sd_demo_holders; h->post_key != NULL; h++)
    {
      if (!sd_store_insert (store, SD_TYPE_POST_HOLDER, error,
                            "post-id", id_of (loader, "post", h->post_key),
                            "person-id", id_of (loader, "person", h->person_key),
                            "is-primary", h->primary,
                            NULL))
        return FALSE;
    }

  for (const SdDemoBody *b = sd_demo_bodies; b->key != NULL; b++)
    {
      item = sd_store_insert (store, SD_TYPE_BODY, error,
                              "name", b->name,
                              "kind", b->kind,
                              "description", b->description,
                              "position", (int) (b - sd_demo_bodies),
                              NULL);
      if (item == NULL)
        return FALSE;
      remember (loader, "body", b->key, item);
    }

  for (const SdDemoBody *b = sd_demo_bodies; b->key != NULL; b++)
    {
      if (b->led_by_key == NULL)
        continue;
      item = sd_store_lookup (store, SD_TYPE_BODY, id_of (loader, "body", b->key));
      if (!sd_store_update (store, item, error,
                            "led-by-id", id_of (loader, "body", b->led_by_key),
                            NULL))
        return FALSE;
    }

  for (const SdDemoMember *m = sd_demo_members; m->body_key != NULL; m++)
    {
      if (!sd_store_insert (store, SD_TYPE_BODY_MEMBER, error,
                            "body-id", id_of (loader, "body", m->body_key),
                            "person-id", id_of (loader, "person", m->person_key),
                            "role", m->role,
                            NULL))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_duties (Loader  *loader,
             GError **error)
{
  SdStore *store = loader->store;

  for (const SdDemoDuty *d = sd_demo_duties; d->code != NULL; d++)
    {
      gpointer item = sd_store_insert (store, SD_TYPE_DUTY, error,
                                       "code", d->code,
                                       "area", d->area,
                                       "text", d->text,
                                       "source", d->source,
                                       "position", (int) (d - sd_demo_duties),
                                       NULL);
      if (item == NULL)
        return FALSE;
      remember (loader, "duty", d->code, item);
    }

  for (const SdDemoAssignment *a = sd_demo_assignments; a->duty_code != NULL; a++)
    {
      gint64 party = 0;
      const char *property;

      if (g_str_equal (a->party_kind, "post"))
        {
          property = "post-id";
          party = id_of (loader, "post", a->party_key);
        }
      else if (g_str_equal (a->party_kind, "unit"))
        {
          property = "unit-id";
          party = id_of (loader, "unit", a->party_key);
        }
      else
        {
          property = "body-id";
          party = id_of (loader, "body", a->party_key);
        }

      if (!sd_store_insert (store, SD_TYPE_ASSIGNMENT, error,
                            "duty-id", id_of (loader, "duty", a->duty_code),
                            property, party,
                            "role", a->role,
                            NULL))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_risks (Loader  *loader,
            GError **error)
{
  for (const SdDemoRisk *r = sd_demo_risks; r->code != NULL; r++)
    {
      if (!sd_store_insert (loader->store, SD_TYPE_RISK, error,
                            "code", r->code,
                            "title", r->title,
                            "category-id", category_id (loader, r->category),
                            "description", r->description,
                            "cause", r->cause,
                            "consequence", r->consequence,
                            "owner-unit-id", id_of (loader, "unit", r->owner_unit_key),
                            "owner-person-id", id_of (loader, "person", r->owner_person_key),
                            "inherent-likelihood", r->inherent_likelihood,
                            "inherent-impact", r->inherent_impact,
                            "residual-likelihood", r->residual_likelihood,
                            "residual-impact", r->residual_impact,
                            "target-likelihood", r->target_likelihood,
                            "target-impact", r->target_impact,
                            "treatment", r->treatment,
                            "measures", r->measures,
                            "status", r->status,
                            "next-review", r->next_review,
                            NULL))
        return FALSE;
    }
  return TRUE;
}

/* Whether the space-separated @keys hold @key. */
static gboolean
keys_contain (const char *keys,
              const char *key)
{
  g_auto(GStrv) list = keys != NULL ? g_strsplit (keys, " ", -1) : NULL;

  return list != NULL && g_strv_contains ((const char * const *) list, key);
}

static gboolean
insert_attendance (Loader      *loader,
                   gint64       training_id,
                   const char  *person_key,
                   GError     **error)
{
  return sd_store_insert (loader->store, SD_TYPE_TRAINING_ATTENDANCE, error,
                          "training-id", training_id,
                          "person-id", id_of (loader, "person", person_key),
                          NULL) != NULL;
}

static gboolean
load_attendance (Loader  *loader,
                 GError **error)
{
  for (const SdDemoAttendance *a = sd_demo_attendance; a->date != NULL; a++)
    {
      gint64 training_id = id_of (loader, "training", a->date);

      if (a->attended != NULL)
        {
          g_auto(GStrv) keys = g_strsplit (a->attended, " ", -1);

          for (guint i = 0; keys[i] != NULL; i++)
            if (!insert_attendance (loader, training_id, keys[i], error))
              return FALSE;
          continue;
        }

      /* A session for all staff: everyone but the absent, in the order
       * of the people table. */
      for (const SdDemoPerson *p = sd_demo_people; p->key != NULL; p++)
        if (!keys_contain (a->absent, p->key) &&
            !insert_attendance (loader, training_id, p->key, error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
load_commitments (Loader  *loader,
                  GError **error)
{
  for (const SdDemoCommitment *c = sd_demo_commitments; c->signed_on != NULL; c++)
    {
      g_auto(GStrv) keys = g_strsplit (c->person_keys, " ", -1);

      for (guint i = 0; keys[i] != NULL; i++)
        {
          if (!sd_store_insert (loader->store, SD_TYPE_COMMITMENT, error,
                                "person-id", id_of (loader, "person", keys[i]),
                                "year", sd_demo_plan.year,
                                "signed-on", c->signed_on,
                                NULL))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
load_plan (Loader  *loader,
           GError **error)
{
  SdStore *store = loader->store;
  gpointer plan;
  gint64 plan_id;

  plan = sd_store_insert (store, SD_TYPE_PLAN, error,
                          "year", sd_demo_plan.year,
                          "goal", sd_demo_plan.goal,
                          "policy", sd_demo_plan.policy,
                          NULL);
  if (plan == NULL)
    return FALSE;
  plan_id = sd_item_get_id (plan);

  for (const SdDemoStream *s = sd_demo_streams; s->key != NULL; s++)
    {
      gpointer item = sd_store_insert (store, SD_TYPE_PLAN_STREAM, error,
                                       "plan-id", plan_id,
                                       "name", s->name,
                                       "position", (int) (s - sd_demo_streams),
                                       NULL);
      if (item == NULL)
        return FALSE;
      remember (loader, "stream", s->key, item);
    }

  for (const SdDemoTask *t = sd_demo_tasks; t->stream_key != NULL; t++)
    {
      if (!sd_store_insert (store, SD_TYPE_PLAN_TASK, error,
                            "plan-id", plan_id,
                            "stream-id", id_of (loader, "stream", t->stream_key),
                            "title", t->title,
                            "owner-unit-id", id_of (loader, "unit", t->owner_unit_key),
                            "owner-person-id", id_of (loader, "person", t->owner_person_key),
                            "start-month", t->start_month,
                            "end-month", t->end_month,
                            "status", t->status,
                            "progress", t->progress,
                            "evidence", t->evidence,
                            "position", (int) (t - sd_demo_tasks),
                            NULL))
        return FALSE;
    }

  for (const SdDemoMeeting *m = sd_demo_meetings; m->date != NULL; m++)
    {
      if (!sd_store_insert (store, SD_TYPE_MEETING, error,
                            "plan-id", plan_id,
                            "date", m->date,
                            "kind", m->kind,
                            "title", m->title,
                            "minutes", m->minutes,
                            NULL))
        return FALSE;
    }

  for (const SdDemoInspection *i = sd_demo_inspections; i->key != NULL; i++)
    {
      gpointer item = sd_store_insert (store, SD_TYPE_INSPECTION, error,
                                       "plan-id", plan_id,
                                       "kind", i->kind,
                                       "title", i->title,
                                       "date", i->date,
                                       "unit-id", id_of (loader, "unit", i->unit_key),
                                       NULL);
      if (item == NULL)
        return FALSE;
      remember (loader, "inspection", i->key, item);
    }

  for (const SdDemoFinding *f = sd_demo_findings; f->inspection_key != NULL; f++)
    {
      if (!sd_store_insert (store, SD_TYPE_FINDING, error,
                            "inspection-id", id_of (loader, "inspection", f->inspection_key),
                            "unit-id", id_of (loader, "unit", f->unit_key),
                            "description", f->description,
                            "severity", f->severity,
                            "responsible-person-id",
                            id_of (loader, "person", f->responsible_person_key),
                            "deadline", f->deadline,
                            "status", f->status,
                            NULL))
        return FALSE;
    }

  for (const SdDemoTraining *t = sd_demo_trainings; t->date != NULL; t++)
    {
      gpointer item = sd_store_insert (store, SD_TYPE_TRAINING, error,
                                       "plan-id", plan_id,
                                       "date", t->date,
                                       "topic", t->topic,
                                       "audience", t->audience,
                                       NULL);
      if (item == NULL)
        return FALSE;
      remember (loader, "training", t->date, item);
    }

  return load_attendance (loader, error) && load_commitments (loader, error);
}

gboolean
sd_demo_populate (SdStore  *store,
                  GError  **error)
{
  Loader loader = { store, NULL };
  gboolean ok;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);

  if (!sd_store_begin (store, error))
    return FALSE;

  loader.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ok = load_organisation (&loader, error) &&
       load_duties (&loader, error) &&
       load_risks (&loader, error) &&
       load_plan (&loader, error);
  g_hash_table_unref (loader.ids);

  if (!ok)
    {
      g_prefix_error (error, "Could not write the demo data: ");
      sd_store_rollback (store);
      return FALSE;
    }
  return sd_store_commit (store, error);
}
