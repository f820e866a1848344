/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-statement-changes"

#include "config.h"

#include "sd-assignment.h"
#include "sd-body.h"
#include "sd-body-member.h"
#include "sd-duty.h"
#include "sd-person.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-signoff.h"
#include "sd-statement-changes.h"
#include "sd-unit.h"

/* What a statement is built from (see sd-statement.c), as noted: a key is
 * a kind and an id in one number. */
typedef enum
{
  TOUCH_UNIT,     /* the unit itself: name, head, a sign-off, a party of its own */
  TOUCH_POST,     /* a post: in its unit's statement, with its holders and duties */
  TOUCH_BODY,     /* a body: in the statements of the heads who sit in it */
  TOUCH_PERSON,   /* a person's name or state: as a head, or holding a post */
  TOUCH_HEAD,     /* a person's seats: only where that person is the head */
  TOUCH_DUTY,     /* a duty's text: wherever one of its lines is */
  N_TOUCH
} Touch;

struct _SdStatementChanges
{
  GHashTable *keys;       /* of gint64 keys */
};

static gint64
key_make (Touch  touch,
          gint64 id)
{
  return id * N_TOUCH + touch;
}

static void
add_key (SdStatementChanges *self,
         Touch               touch,
         gint64              id)
{
  gint64 key = key_make (touch, id);

  if (id != 0 && !g_hash_table_contains (self->keys, &key))
    g_hash_table_add (self->keys, g_memdup2 (&key, sizeof key));
}

SdStatementChanges *
sd_statement_changes_new (void)
{
  SdStatementChanges *self = g_new0 (SdStatementChanges, 1);

  self->keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return self;
}

void
sd_statement_changes_free (SdStatementChanges *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->keys);
  g_free (self);
}

/* The party of an assignment: the unit, post or body it names. */
static void
note_party (SdStatementChanges *self,
            gint64              unit_id,
            gint64              post_id,
            gint64              body_id)
{
  add_key (self, TOUCH_UNIT, unit_id);
  add_key (self, TOUCH_POST, post_id);
  add_key (self, TOUCH_BODY, body_id);
}

gboolean
sd_statement_changes_note (SdStatementChanges *self,
                           SdItem             *item)
{
  gint64 id;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (SD_IS_ITEM (item), FALSE);

  id = sd_item_get_id (item);
  if (SD_IS_UNIT (item))
    {
      /* A head that changes is in the unit's own row. */
      add_key (self, TOUCH_UNIT, id);
    }
  else if (SD_IS_PERSON (item))
    {
      add_key (self, TOUCH_PERSON, id);
    }
  else if (SD_IS_POST (item))
    {
      /* Its id finds the unit it was in; the unit id the one it is in. */
      add_key (self, TOUCH_POST, id);
      add_key (self, TOUCH_UNIT, sd_post_get_unit_id (SD_POST (item)));
    }
  else if (SD_IS_POST_HOLDER (item))
    {
      add_key (self, TOUCH_POST, sd_post_holder_get_post_id (SD_POST_HOLDER (item)));
    }
  else if (SD_IS_BODY (item))
    {
      add_key (self, TOUCH_BODY, id);
    }
  else if (SD_IS_BODY_MEMBER (item))
    {
      add_key (self, TOUCH_HEAD, sd_body_member_get_person_id (SD_BODY_MEMBER (item)));
    }
  else if (SD_IS_DUTY (item))
    {
      add_key (self, TOUCH_DUTY, id);
    }
  else if (SD_IS_ASSIGNMENT (item))
    {
      SdAssignment *assignment = SD_ASSIGNMENT (item);

      note_party (self, sd_assignment_get_unit_id (assignment),
                  sd_assignment_get_post_id (assignment),
                  sd_assignment_get_body_id (assignment));
    }
  else if (SD_IS_SIGNOFF (item))
    {
      add_key (self, TOUCH_UNIT, sd_signoff_get_unit_id (SD_SIGNOFF (item)));
    }
  else
    {
      return FALSE;
    }
  return TRUE;
}

guint
sd_statement_changes_get_size (SdStatementChanges *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->keys);
}

void
sd_statement_changes_clear (SdStatementChanges *self)
{
  g_return_if_fail (self != NULL);

  g_hash_table_remove_all (self->keys);
}

typedef struct
{
  SdStore    *store;
  GHashTable *units;      /* the result */
  GHashTable *headed;     /* person id → units they head (GPtrArray); made when first needed */
} Resolve;

static void
add_unit (Resolve *resolve,
          gint64   unit_id)
{
  if (unit_id != 0 && !g_hash_table_contains (resolve->units, &unit_id))
    g_hash_table_add (resolve->units, g_memdup2 (&unit_id, sizeof unit_id));
}

static void
add_post_unit (Resolve *resolve,
               gint64   post_id)
{
  SdPost *post = sd_store_lookup (resolve->store, SD_TYPE_POST, post_id);

  if (post != NULL)
    add_unit (resolve, sd_post_get_unit_id (post));
}

/* The units @person_id is the head of: one walk of the units, shared by
 * every person of the same change. */
static void
add_headed_units (Resolve *resolve,
                  gint64   person_id)
{
  GArray *units;

  if (resolve->headed == NULL)
    {
      GListModel *model = sd_store_get_items (resolve->store, SD_TYPE_UNIT);
      guint n = g_list_model_get_n_items (model);

      resolve->headed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               (GDestroyNotify) g_array_unref);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SdUnit) unit = g_list_model_get_item (model, i);
          gint64 head_id = sd_unit_get_head_id (unit);
          gint64 unit_id = sd_item_get_id (SD_ITEM (unit));
          GArray *ids;

          if (head_id == 0)
            continue;
          ids = g_hash_table_lookup (resolve->headed, &head_id);
          if (ids == NULL)
            {
              ids = g_array_new (FALSE, FALSE, sizeof (gint64));
              g_hash_table_insert (resolve->headed, g_memdup2 (&head_id, sizeof head_id), ids);
            }
          g_array_append_val (ids, unit_id);
        }
    }

  units = g_hash_table_lookup (resolve->headed, &person_id);
  for (guint i = 0; units != NULL && i < units->len; i++)
    add_unit (resolve, g_array_index (units, gint64, i));
}

/* The heads who sit in a body have its duties in their statements. */
static void
add_body_units (Resolve *resolve,
                gint64   body_id)
{
  g_autoptr(GPtrArray) members = sd_store_find (resolve->store, SD_TYPE_BODY_MEMBER, "body-id",
                                                body_id);

  for (guint i = 0; i < members->len; i++)
    add_headed_units (resolve, sd_body_member_get_person_id (g_ptr_array_index (members, i)));
}

GHashTable *
sd_statement_changes_resolve (SdStatementChanges *self,
                              SdStore            *store)
{
  Resolve resolve = { store, NULL, NULL };
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  resolve.units = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_hash_table_iter_init (&iter, self->keys);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 id = *(gint64 *) key / N_TOUCH;

      switch ((Touch) (*(gint64 *) key % N_TOUCH))
        {
        case TOUCH_UNIT:
          add_unit (&resolve, id);
          break;

        case TOUCH_POST:
          add_post_unit (&resolve, id);
          break;

        case TOUCH_BODY:
          add_body_units (&resolve, id);
          break;

        case TOUCH_PERSON:
          {
            g_autoptr(GPtrArray) held = sd_store_find (store, SD_TYPE_POST_HOLDER, "person-id",
                                                       id);

            add_headed_units (&resolve, id);
            for (guint i = 0; i < held->len; i++)
              add_post_unit (&resolve, sd_post_holder_get_post_id (g_ptr_array_index (held, i)));
          }
          break;

        case TOUCH_HEAD:
          add_headed_units (&resolve, id);
          break;

        case TOUCH_DUTY:
          {
            g_autoptr(GPtrArray) lines = sd_store_find (store, SD_TYPE_ASSIGNMENT, "duty-id", id);

            for (guint i = 0; i < lines->len; i++)
              {
                SdAssignment *assignment = g_ptr_array_index (lines, i);

                add_unit (&resolve, sd_assignment_get_unit_id (assignment));
                add_post_unit (&resolve, sd_assignment_get_post_id (assignment));
                if (sd_assignment_get_body_id (assignment) != 0)
                  add_body_units (&resolve, sd_assignment_get_body_id (assignment));
              }
          }
          break;

        case N_TOUCH:
        default:
          g_assert_not_reached ();
        }
    }

  g_clear_pointer (&resolve.headed, g_hash_table_unref);
  return resolve.units;
}
