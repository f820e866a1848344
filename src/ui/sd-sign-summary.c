/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-sign-summary"

#include "config.h"

#include "sd-sign-summary.h"
#include "sd-statement-changes.h"

struct _SdSignSummary
{
  GObject     parent_instance;

  SdStore    *store;
  GPtrArray  *statuses;     /* of SdSignStatus; empty before the first result */
  GHashTable *by_unit;      /* gint64 unit id → SdSignStatus in statuses */
  guint       n_current;
  guint       n_outdated;
  guint       n_never;
  guint       idle_id;
  gboolean    computed;

  /* What changed since the last result: noted as the store reports it,
   * and the items again (for their new values) when the result is made. */
  SdStatementChanges *changes;
  GPtrArray          *touched;
  /* Every unit worked out again, a slice at a time: for the first result,
   * after a reload and after a bulk change (redo_all: to be started). */
  SdSignStatusBuild  *build;
  gboolean            redo_all;
};

G_DEFINE_FINAL_TYPE (SdSignSummary, sd_sign_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_N_CURRENT,
  PROP_N_OUTDATED,
  PROP_N_NEVER,
  PROP_N_PENDING,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_count (SdSignSummary *self,
           guint         *field,
           guint          value,
           guint          prop_id)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* After a change, how long to wait for the next one. */
#define RERUN_DELAY_MS 400

/* Beyond this many things touched (an import, the demo data), working
 * out every statement again is cheaper than finding the touched ones. */
#define MAX_NOTED 5000

/* How long one slice of working out every unit may keep the main loop:
 * half a frame, so that the window still draws while it goes on. */
#define SLICE_US 8000

/* Works towards the next result until @deadline (0: all the way). TRUE
 * with @fresh once it is in. */
static gboolean
work_out (SdSignSummary  *self,
          gint64          deadline,
          GPtrArray     **fresh)
{
  g_autoptr(GHashTable) units = NULL;
  GPtrArray *previous;

  if (self->redo_all)
    {
      /* What changed before now, the build reads as it is. */
      g_clear_pointer (&self->build, sd_sign_status_build_free);
      self->build = sd_sign_status_build_new (self->store);
      self->redo_all = FALSE;
      sd_statement_changes_clear (self->changes);
      g_ptr_array_set_size (self->touched, 0);
    }
  if (self->build != NULL && !sd_sign_status_build_step (self->build, deadline))
    return FALSE;

  /* What changed since: while the build went on, or since the last result. */
  for (guint i = 0; i < self->touched->len; i++)
    sd_statement_changes_note (self->changes, g_ptr_array_index (self->touched, i));
  units = sd_statement_changes_resolve (self->changes, self->store);
  sd_statement_changes_clear (self->changes);
  g_ptr_array_set_size (self->touched, 0);

  previous = self->build != NULL ? sd_sign_status_build_get_built (self->build) : self->statuses;
  g_debug ("%u of %u units touched%s", g_hash_table_size (units), previous->len,
           self->build != NULL ? " while every unit was worked out" : "");
  if (self->build == NULL && g_hash_table_size (units) > previous->len / 4 + 8)
    {
      self->redo_all = TRUE;
      return work_out (self, deadline, fresh);
    }
  *fresh = sd_sign_status_list_update (self->store, previous, units);
  g_clear_pointer (&self->build, sd_sign_status_build_free);
  return TRUE;
}

static void
sd_sign_summary_run (SdSignSummary *self,
                     gint64         deadline)
{
  g_autoptr(GPtrArray) fresh = NULL;
  guint old_pending = self->n_outdated + self->n_never;
  guint counts[SD_SIGN_STATE_OUTDATED + 1] = { 0, };

  /* The lists are read from the file only now, after the window's first
   * frame, not when the summary is made. */
  if (!work_out (self, deadline, &fresh))
    return;
  g_ptr_array_set_free_func (fresh, (GDestroyNotify) sd_sign_status_free);

  g_hash_table_remove_all (self->by_unit);
  for (guint i = 0; i < fresh->len; i++)
    {
      SdSignStatus *status = g_ptr_array_index (fresh, i);
      gint64 id = sd_item_get_id (SD_ITEM (status->unit));

      /* Only the selected unit's text is ever shown, and all of them
       * together take megabytes on a large organisation: the list has
       * none, and a view asks sd_sign_status_new() for the one it shows. */
      g_hash_table_insert (self->by_unit, g_memdup2 (&id, sizeof id), status);
      if (status->state <= SD_SIGN_STATE_OUTDATED)
        counts[status->state]++;
    }
  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  self->statuses = g_steal_pointer (&fresh);
  self->computed = TRUE;

  g_object_freeze_notify (G_OBJECT (self));
  set_count (self, &self->n_current, counts[SD_SIGN_STATE_CURRENT], PROP_N_CURRENT);
  set_count (self, &self->n_outdated, counts[SD_SIGN_STATE_OUTDATED], PROP_N_OUTDATED);
  set_count (self, &self->n_never, counts[SD_SIGN_STATE_NEVER], PROP_N_NEVER);
  if (self->n_outdated + self->n_never != old_pending)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
run_idle_cb (gpointer data)
{
  SdSignSummary *self = data;

  self->idle_id = 0;
  sd_sign_summary_run (self, g_get_monotonic_time () + SLICE_US);
  /* The next slice as soon as the window has had its turn. */
  if (self->build != NULL || self->redo_all)
    self->idle_id = g_idle_add_full (G_PRIORITY_LOW, run_idle_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

static void
schedule_run (SdSignSummary *self)
{
  /* Many edits in a row (an import, a paste into the matrix, a user
   * setting roles key after key) give one run, once they pause. */
  if (self->idle_id == 0)
    self->idle_id = g_timeout_add_full (G_PRIORITY_LOW, self->computed ? RERUN_DELAY_MS : 0,
                                        run_idle_cb, self, NULL);
}

static void
redo_all (SdSignSummary *self)
{
  self->redo_all = TRUE;
  /* A build under way may hold items a reload replaced. */
  g_clear_pointer (&self->build, sd_sign_status_build_free);
  sd_statement_changes_clear (self->changes);
  g_ptr_array_set_size (self->touched, 0);
  schedule_run (self);
}

static void
item_changed_cb (SdSignSummary *self,
                 SdItem        *item)
{
  if (self->redo_all)
    return;
  /* Now, while an updated or deleted item still holds its old values. */
  if (!sd_statement_changes_note (self->changes, item))
    return;
  g_ptr_array_add (self->touched, g_object_ref (item));
  if (sd_statement_changes_get_size (self->changes) > MAX_NOTED)
    redo_all (self);
  else
    schedule_run (self);
}

static void
sd_sign_summary_constructed (GObject *object)
{
  SdSignSummary *self = SD_SIGN_SUMMARY (object);

  G_OBJECT_CLASS (sd_sign_summary_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  g_signal_connect_object (self->store, "item-changed", G_CALLBACK (item_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "reloaded", G_CALLBACK (redo_all), self,
                           G_CONNECT_SWAPPED);
  redo_all (self);
}

static void
sd_sign_summary_dispose (GObject *object)
{
  SdSignSummary *self = SD_SIGN_SUMMARY (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_pointer (&self->build, sd_sign_status_build_free);
  /* The signal handlers go with the summary (g_signal_connect_object). */
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_sign_summary_parent_class)->dispose (object);
}

static void
sd_sign_summary_finalize (GObject *object)
{
  SdSignSummary *self = SD_SIGN_SUMMARY (object);

  g_hash_table_unref (self->by_unit);
  g_ptr_array_unref (self->statuses);
  g_ptr_array_unref (self->touched);
  sd_statement_changes_free (self->changes);

  G_OBJECT_CLASS (sd_sign_summary_parent_class)->finalize (object);
}

static void
sd_sign_summary_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SdSignSummary *self = SD_SIGN_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_N_CURRENT:
      g_value_set_uint (value, self->n_current);
      break;
    case PROP_N_OUTDATED:
      g_value_set_uint (value, self->n_outdated);
      break;
    case PROP_N_NEVER:
      g_value_set_uint (value, self->n_never);
      break;
    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_outdated + self->n_never);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_sign_summary_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SdSignSummary *self = SD_SIGN_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_sign_summary_class_init (SdSignSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sd_sign_summary_constructed;
  object_class->dispose = sd_sign_summary_dispose;
  object_class->finalize = sd_sign_summary_finalize;
  object_class->get_property = sd_sign_summary_get_property;
  object_class->set_property = sd_sign_summary_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The units whose latest sign-off covers today's duties. */
  properties[PROP_N_CURRENT] =
    g_param_spec_uint ("n-current", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The units whose duties changed since they were signed. */
  properties[PROP_N_OUTDATED] =
    g_param_spec_uint ("n-outdated", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The units that hold duties and never signed them. */
  properties[PROP_N_NEVER] =
    g_param_spec_uint ("n-never", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Outdated and never signed together: what waits for a signature. */
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SdSignSummary::changed:
   *
   * A new result is in: the statuses were replaced.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sd_sign_summary_init (SdSignSummary *self)
{
  self->by_unit = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->statuses = g_ptr_array_new ();
  self->changes = sd_statement_changes_new ();
  self->touched = g_ptr_array_new_with_free_func (g_object_unref);
}

SdSignSummary *
sd_sign_summary_new (SdStore *store)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  return g_object_new (SD_TYPE_SIGN_SUMMARY, "store", store, NULL);
}

SdStore *
sd_sign_summary_get_store (SdSignSummary *self)
{
  g_return_val_if_fail (SD_IS_SIGN_SUMMARY (self), NULL);

  return self->store;
}

guint
sd_sign_summary_get_n_current (SdSignSummary *self)
{
  g_return_val_if_fail (SD_IS_SIGN_SUMMARY (self), 0);

  return self->n_current;
}

guint
sd_sign_summary_get_n_outdated (SdSignSummary *self)
{
  g_return_val_if_fail (SD_IS_SIGN_SUMMARY (self), 0);

  return self->n_outdated;
}

guint
sd_sign_summary_get_n_never (SdSignSummary *self)
{
  g_return_val_if_fail (SD_IS_SIGN_SUMMARY (self), 0);

  return self->n_never;
}

guint
sd_sign_summary_get_n_pending (SdSignSummary *self)
{
  g_return_val_if_fail (SD_IS_SIGN_SUMMARY (self), 0);

  return self->n_outdated + self->n_never;
}

GPtrArray *
sd_sign_summary_get_statuses (SdSignSummary *self)
{
  g_return_val_if_fail (SD_IS_SIGN_SUMMARY (self), NULL);

  return self->statuses;
}

const SdSignStatus *
sd_sign_summary_lookup (SdSignSummary *self,
                        gint64         unit_id)
{
  g_return_val_if_fail (SD_IS_SIGN_SUMMARY (self), NULL);

  return g_hash_table_lookup (self->by_unit, &unit_id);
}

gboolean
sd_sign_summary_is_current (SdSignSummary *self)
{
  g_return_val_if_fail (SD_IS_SIGN_SUMMARY (self), FALSE);

  return self->computed && self->idle_id == 0 && self->build == NULL && !self->redo_all;
}

void
sd_sign_summary_flush (SdSignSummary *self)
{
  g_return_if_fail (SD_IS_SIGN_SUMMARY (self));

  if (!sd_sign_summary_is_current (self))
    {
      g_clear_handle_id (&self->idle_id, g_source_remove);
      sd_sign_summary_run (self, 0);
    }
}
