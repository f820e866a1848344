/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-signoff"

#include "config.h"

#include "sd-signoff.h"
#include "sd-person.h"
#include "sd-unit.h"

struct _SdSignoff
{
  SdItem parent_instance;
};

enum {
  COL_UNIT_ID,
  COL_SIGNER_PERSON_ID,
  COL_SIGNER_NAME,
  COL_MEANING,
  COL_SIGNED_AT,
  COL_CANONICAL_TEXT,
  COL_SHA256,
  COL_SIGNATURE,
};

static const SdColumn columns[] = {
  [COL_UNIT_ID] = { "unit_id", "unit-id", SD_COLUMN_REF, sd_unit_get_type, SD_ON_DELETE_RESTRICT },
  [COL_SIGNER_PERSON_ID] = { "signer_person_id", "signer-person-id", SD_COLUMN_REF,
                             sd_person_get_type, SD_ON_DELETE_SET_NULL },
  [COL_SIGNER_NAME] = { "signer_name", "signer-name", SD_COLUMN_STRING },
  [COL_MEANING] = { "meaning", "meaning", SD_COLUMN_STRING },
  [COL_SIGNED_AT] = { "signed_at", "signed-at", SD_COLUMN_STRING },
  [COL_CANONICAL_TEXT] = { "canonical_text", "canonical-text", SD_COLUMN_STRING },
  [COL_SHA256] = { "sha256", "sha256", SD_COLUMN_STRING },
  [COL_SIGNATURE] = { "signature", "signature", SD_COLUMN_BYTES },
};

static const SdTable table = { "signoffs", columns, G_N_ELEMENTS (columns), NULL };

G_DEFINE_FINAL_TYPE (SdSignoff, sd_signoff, SD_TYPE_ITEM)

static void
sd_signoff_class_init (SdSignoffClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_signoff_init (SdSignoff *self)
{
}

gint64
sd_signoff_get_unit_id (SdSignoff *self)
{
  g_return_val_if_fail (SD_IS_SIGNOFF (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_UNIT_ID);
}

gint64
sd_signoff_get_signer_person_id (SdSignoff *self)
{
  g_return_val_if_fail (SD_IS_SIGNOFF (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_SIGNER_PERSON_ID);
}

const char *
sd_signoff_get_signer_name (SdSignoff *self)
{
  g_return_val_if_fail (SD_IS_SIGNOFF (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_SIGNER_NAME);
}

const char *
sd_signoff_get_meaning (SdSignoff *self)
{
  g_return_val_if_fail (SD_IS_SIGNOFF (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_MEANING);
}

const char *
sd_signoff_get_signed_at (SdSignoff *self)
{
  g_return_val_if_fail (SD_IS_SIGNOFF (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_SIGNED_AT);
}

const char *
sd_signoff_get_canonical_text (SdSignoff *self)
{
  g_return_val_if_fail (SD_IS_SIGNOFF (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_CANONICAL_TEXT);
}

const char *
sd_signoff_get_sha256 (SdSignoff *self)
{
  g_return_val_if_fail (SD_IS_SIGNOFF (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_SHA256);
}

GBytes *
sd_signoff_get_signature (SdSignoff *self)
{
  g_return_val_if_fail (SD_IS_SIGNOFF (self), NULL);

  return sd_item_get_bytes (SD_ITEM (self), COL_SIGNATURE);
}
