/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-commitment"

#include "config.h"

#include "sd-commitment.h"
#include "sd-person.h"

struct _SdCommitment
{
  SdItem parent_instance;
};

enum {
  COL_PERSON_ID,
  COL_YEAR,
  COL_SIGNED_ON,
};

static const SdColumn columns[] = {
  [COL_PERSON_ID] = { "person_id", "person-id", SD_COLUMN_REF,
                      sd_person_get_type, SD_ON_DELETE_CASCADE },
  [COL_YEAR] = { "year", "year", SD_COLUMN_INT },
  [COL_SIGNED_ON] = { "signed_on", "signed-on", SD_COLUMN_STRING },
};

static const SdTable table = { "commitments", columns, G_N_ELEMENTS (columns), NULL };

G_DEFINE_FINAL_TYPE (SdCommitment, sd_commitment, SD_TYPE_ITEM)

static void
sd_commitment_class_init (SdCommitmentClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_commitment_init (SdCommitment *self)
{
}

gint64
sd_commitment_get_person_id (SdCommitment *self)
{
  g_return_val_if_fail (SD_IS_COMMITMENT (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_PERSON_ID);
}

int
sd_commitment_get_year (SdCommitment *self)
{
  g_return_val_if_fail (SD_IS_COMMITMENT (self), 0);

  return sd_item_get_int (SD_ITEM (self), COL_YEAR);
}

const char *
sd_commitment_get_signed_on (SdCommitment *self)
{
  g_return_val_if_fail (SD_IS_COMMITMENT (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_SIGNED_ON);
}
