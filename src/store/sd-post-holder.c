/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-post-holder"

#include "config.h"

#include "sd-post-holder.h"
#include "sd-person.h"
#include "sd-post.h"

struct _SdPostHolder
{
  SdItem parent_instance;
};

enum {
  COL_POST_ID,
  COL_PERSON_ID,
  COL_IS_PRIMARY,
  COL_SINCE,
};

static const SdColumn columns[] = {
  [COL_POST_ID] = { "post_id", "post-id", SD_COLUMN_REF, sd_post_get_type, SD_ON_DELETE_CASCADE },
  [COL_PERSON_ID] = { "person_id", "person-id", SD_COLUMN_REF,
                      sd_person_get_type, SD_ON_DELETE_CASCADE },
  [COL_IS_PRIMARY] = { "is_primary", "is-primary", SD_COLUMN_BOOLEAN },
  [COL_SINCE] = { "since", "since", SD_COLUMN_STRING },
};

static const SdTable table = { "post_holders", columns, G_N_ELEMENTS (columns), NULL };

G_DEFINE_FINAL_TYPE (SdPostHolder, sd_post_holder, SD_TYPE_ITEM)

static void
sd_post_holder_class_init (SdPostHolderClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_post_holder_init (SdPostHolder *self)
{
}

gint64
sd_post_holder_get_post_id (SdPostHolder *self)
{
  g_return_val_if_fail (SD_IS_POST_HOLDER (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_POST_ID);
}

gint64
sd_post_holder_get_person_id (SdPostHolder *self)
{
  g_return_val_if_fail (SD_IS_POST_HOLDER (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_PERSON_ID);
}

gboolean
sd_post_holder_get_is_primary (SdPostHolder *self)
{
  g_return_val_if_fail (SD_IS_POST_HOLDER (self), FALSE);

  return sd_item_get_boolean (SD_ITEM (self), COL_IS_PRIMARY);
}

const char *
sd_post_holder_get_since (SdPostHolder *self)
{
  g_return_val_if_fail (SD_IS_POST_HOLDER (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_SINCE);
}
