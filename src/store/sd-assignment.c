/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-assignment"

#include "config.h"

#include "sd-assignment.h"
#include "sd-body.h"
#include "sd-duty.h"
#include "sd-post.h"
#include "sd-unit.h"

struct _SdAssignment
{
  SdItem parent_instance;
};

enum {
  COL_DUTY_ID,
  COL_POST_ID,
  COL_UNIT_ID,
  COL_BODY_ID,
  COL_ROLE,
};

static const SdColumn columns[] = {
  [COL_DUTY_ID] = { "duty_id", "duty-id", SD_COLUMN_REF, sd_duty_get_type, SD_ON_DELETE_CASCADE },
  [COL_POST_ID] = { "post_id", "post-id", SD_COLUMN_REF, sd_post_get_type, SD_ON_DELETE_CASCADE },
  [COL_UNIT_ID] = { "unit_id", "unit-id", SD_COLUMN_REF, sd_unit_get_type, SD_ON_DELETE_CASCADE },
  [COL_BODY_ID] = { "body_id", "body-id", SD_COLUMN_REF, sd_body_get_type, SD_ON_DELETE_CASCADE },
  [COL_ROLE] = { "role", "role", SD_COLUMN_STRING },
};

static const SdTable table = { "assignments", columns, G_N_ELEMENTS (columns), NULL };

G_DEFINE_FINAL_TYPE (SdAssignment, sd_assignment, SD_TYPE_ITEM)

static void
sd_assignment_class_init (SdAssignmentClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_assignment_init (SdAssignment *self)
{
}

gint64
sd_assignment_get_duty_id (SdAssignment *self)
{
  g_return_val_if_fail (SD_IS_ASSIGNMENT (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_DUTY_ID);
}

gint64
sd_assignment_get_post_id (SdAssignment *self)
{
  g_return_val_if_fail (SD_IS_ASSIGNMENT (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_POST_ID);
}

gint64
sd_assignment_get_unit_id (SdAssignment *self)
{
  g_return_val_if_fail (SD_IS_ASSIGNMENT (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_UNIT_ID);
}

gint64
sd_assignment_get_body_id (SdAssignment *self)
{
  g_return_val_if_fail (SD_IS_ASSIGNMENT (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_BODY_ID);
}

const char *
sd_assignment_get_role (SdAssignment *self)
{
  g_return_val_if_fail (SD_IS_ASSIGNMENT (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_ROLE);
}
