/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-body"

#include "config.h"

#include "sd-body.h"

struct _SdBody
{
  SdItem parent_instance;
};

enum {
  COL_NAME,
  COL_KIND,
  COL_LED_BY_ID,
  COL_DESCRIPTION,
  COL_POSITION,
};

static const SdColumn columns[] = {
  [COL_NAME] = { "name", "name", SD_COLUMN_STRING },
  [COL_KIND] = { "kind", "kind", SD_COLUMN_STRING },
  [COL_LED_BY_ID] = { "led_by_id", "led-by-id", SD_COLUMN_REF,
                      sd_body_get_type, SD_ON_DELETE_SET_NULL },
  [COL_DESCRIPTION] = { "description", "description", SD_COLUMN_STRING },
  [COL_POSITION] = { "position", "position", SD_COLUMN_INT },
};

static const SdTable table = { "bodies", columns, G_N_ELEMENTS (columns), "position, id" };

G_DEFINE_FINAL_TYPE (SdBody, sd_body, SD_TYPE_ITEM)

static void
sd_body_class_init (SdBodyClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_body_init (SdBody *self)
{
}

const char *
sd_body_get_name (SdBody *self)
{
  g_return_val_if_fail (SD_IS_BODY (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_NAME);
}

const char *
sd_body_get_kind (SdBody *self)
{
  g_return_val_if_fail (SD_IS_BODY (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_KIND);
}

gint64
sd_body_get_led_by_id (SdBody *self)
{
  g_return_val_if_fail (SD_IS_BODY (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_LED_BY_ID);
}

const char *
sd_body_get_description (SdBody *self)
{
  g_return_val_if_fail (SD_IS_BODY (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_DESCRIPTION);
}

int
sd_body_get_position (SdBody *self)
{
  g_return_val_if_fail (SD_IS_BODY (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_POSITION);
}
