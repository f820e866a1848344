/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-post"

#include "config.h"

#include "sd-post.h"
#include "sd-unit.h"

struct _SdPost
{
  SdItem parent_instance;
};

enum {
  COL_NAME,
  COL_UNIT_ID,
  COL_POST_TYPE,
  COL_DESCRIPTION,
  COL_KEY_POST,
  COL_FULL_TIME_REQUIRED,
  COL_POSITION,
};

static const SdColumn columns[] = {
  [COL_NAME] = { "name", "name", SD_COLUMN_STRING },
  [COL_UNIT_ID] = { "unit_id", "unit-id", SD_COLUMN_REF, sd_unit_get_type, SD_ON_DELETE_CASCADE },
  [COL_POST_TYPE] = { "post_type", "post-type", SD_COLUMN_STRING },
  [COL_DESCRIPTION] = { "description", "description", SD_COLUMN_STRING },
  [COL_KEY_POST] = { "key_post", "key-post", SD_COLUMN_BOOLEAN },
  [COL_FULL_TIME_REQUIRED] = { "full_time_required", "full-time-required", SD_COLUMN_BOOLEAN },
  [COL_POSITION] = { "position", "position", SD_COLUMN_INT },
};

static const SdTable table = { "posts", columns, G_N_ELEMENTS (columns), "position, id" };

G_DEFINE_FINAL_TYPE (SdPost, sd_post, SD_TYPE_ITEM)

static void
sd_post_class_init (SdPostClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_post_init (SdPost *self)
{
}

const char *
sd_post_get_name (SdPost *self)
{
  g_return_val_if_fail (SD_IS_POST (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_NAME);
}

gint64
sd_post_get_unit_id (SdPost *self)
{
  g_return_val_if_fail (SD_IS_POST (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_UNIT_ID);
}

const char *
sd_post_get_post_type (SdPost *self)
{
  g_return_val_if_fail (SD_IS_POST (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_POST_TYPE);
}

const char *
sd_post_get_description (SdPost *self)
{
  g_return_val_if_fail (SD_IS_POST (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_DESCRIPTION);
}

gboolean
sd_post_get_key_post (SdPost *self)
{
  g_return_val_if_fail (SD_IS_POST (self), FALSE);

  return sd_item_get_boolean (SD_ITEM (self), COL_KEY_POST);
}

gboolean
sd_post_get_full_time_required (SdPost *self)
{
  g_return_val_if_fail (SD_IS_POST (self), FALSE);

  return sd_item_get_boolean (SD_ITEM (self), COL_FULL_TIME_REQUIRED);
}

int
sd_post_get_position (SdPost *self)
{
  g_return_val_if_fail (SD_IS_POST (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_POSITION);
}
