/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-rule"

#include "config.h"

#include "sd-rule.h"
#include "sd-post.h"

struct _SdRule
{
  SdItem parent_instance;
};

enum {
  COL_POST_TYPE_A,
  COL_POST_TYPE_B,
  COL_POST_A_ID,
  COL_POST_B_ID,
  COL_REASON,
  COL_SOURCE,
};

static const SdColumn columns[] = {
  [COL_POST_TYPE_A] = { "post_type_a", "post-type-a", SD_COLUMN_STRING },
  [COL_POST_TYPE_B] = { "post_type_b", "post-type-b", SD_COLUMN_STRING },
  [COL_POST_A_ID] = { "post_a_id", "post-a-id", SD_COLUMN_REF,
                      sd_post_get_type, SD_ON_DELETE_CASCADE },
  [COL_POST_B_ID] = { "post_b_id", "post-b-id", SD_COLUMN_REF,
                      sd_post_get_type, SD_ON_DELETE_CASCADE },
  [COL_REASON] = { "reason", "reason", SD_COLUMN_STRING },
  [COL_SOURCE] = { "source", "source", SD_COLUMN_STRING },
};

static const SdTable table = { "incompatibility_rules", columns, G_N_ELEMENTS (columns), NULL };

G_DEFINE_FINAL_TYPE (SdRule, sd_rule, SD_TYPE_ITEM)

static void
sd_rule_class_init (SdRuleClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_rule_init (SdRule *self)
{
}

const char *
sd_rule_get_post_type_a (SdRule *self)
{
  g_return_val_if_fail (SD_IS_RULE (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_POST_TYPE_A);
}

const char *
sd_rule_get_post_type_b (SdRule *self)
{
  g_return_val_if_fail (SD_IS_RULE (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_POST_TYPE_B);
}

gint64
sd_rule_get_post_a_id (SdRule *self)
{
  g_return_val_if_fail (SD_IS_RULE (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_POST_A_ID);
}

gint64
sd_rule_get_post_b_id (SdRule *self)
{
  g_return_val_if_fail (SD_IS_RULE (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_POST_B_ID);
}

const char *
sd_rule_get_reason (SdRule *self)
{
  g_return_val_if_fail (SD_IS_RULE (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_REASON);
}

const char *
sd_rule_get_source (SdRule *self)
{
  g_return_val_if_fail (SD_IS_RULE (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_SOURCE);
}
