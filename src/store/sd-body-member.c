/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-body-member"

#include "config.h"

#include "sd-body-member.h"
#include "sd-body.h"
#include "sd-person.h"

struct _SdBodyMember
{
  SdItem parent_instance;
};

enum {
  COL_BODY_ID,
  COL_PERSON_ID,
  COL_ROLE,
};

static const SdColumn columns[] = {
  [COL_BODY_ID] = { "body_id", "body-id", SD_COLUMN_REF, sd_body_get_type, SD_ON_DELETE_CASCADE },
  [COL_PERSON_ID] = { "person_id", "person-id", SD_COLUMN_REF,
                      sd_person_get_type, SD_ON_DELETE_CASCADE },
  [COL_ROLE] = { "role", "role", SD_COLUMN_STRING },
};

static const SdTable table = { "body_members", columns, G_N_ELEMENTS (columns), NULL };

G_DEFINE_FINAL_TYPE (SdBodyMember, sd_body_member, SD_TYPE_ITEM)

static void
sd_body_member_class_init (SdBodyMemberClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_body_member_init (SdBodyMember *self)
{
}

gint64
sd_body_member_get_body_id (SdBodyMember *self)
{
  g_return_val_if_fail (SD_IS_BODY_MEMBER (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_BODY_ID);
}

gint64
sd_body_member_get_person_id (SdBodyMember *self)
{
  g_return_val_if_fail (SD_IS_BODY_MEMBER (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_PERSON_ID);
}

const char *
sd_body_member_get_role (SdBodyMember *self)
{
  g_return_val_if_fail (SD_IS_BODY_MEMBER (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_ROLE);
}
