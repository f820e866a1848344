/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-finding"

#include "config.h"

#include "sd-finding.h"
#include "sd-inspection.h"
#include "sd-person.h"
#include "sd-unit.h"

struct _SdFinding
{
  SdItem parent_instance;
};

enum {
  COL_INSPECTION_ID,
  COL_UNIT_ID,
  COL_DESCRIPTION,
  COL_SEVERITY,
  COL_RESPONSIBLE_PERSON_ID,
  COL_DEADLINE,
  COL_STATUS,
  COL_EVIDENCE,
  COL_CLOSED_ON,
};

static const SdColumn columns[] = {
  [COL_INSPECTION_ID] = { "inspection_id", "inspection-id", SD_COLUMN_REF,
                          sd_inspection_get_type, SD_ON_DELETE_CASCADE },
  [COL_UNIT_ID] = { "unit_id", "unit-id", SD_COLUMN_REF, sd_unit_get_type, SD_ON_DELETE_SET_NULL },
  [COL_DESCRIPTION] = { "description", "description", SD_COLUMN_STRING },
  [COL_SEVERITY] = { "severity", "severity", SD_COLUMN_STRING },
  [COL_RESPONSIBLE_PERSON_ID] = { "responsible_person_id", "responsible-person-id", SD_COLUMN_REF,
                                  sd_person_get_type, SD_ON_DELETE_SET_NULL },
  [COL_DEADLINE] = { "deadline", "deadline", SD_COLUMN_STRING },
  [COL_STATUS] = { "status", "status", SD_COLUMN_STRING },
  [COL_EVIDENCE] = { "evidence", "evidence", SD_COLUMN_STRING },
  [COL_CLOSED_ON] = { "closed_on", "closed-on", SD_COLUMN_STRING },
};

static const SdTable table = { "findings", columns, G_N_ELEMENTS (columns), NULL };

G_DEFINE_FINAL_TYPE (SdFinding, sd_finding, SD_TYPE_ITEM)

static void
sd_finding_class_init (SdFindingClass *klass)
{
  sd_item_class_install_table (SD_ITEM_CLASS (klass), &table);
}

static void
sd_finding_init (SdFinding *self)
{
}

gint64
sd_finding_get_inspection_id (SdFinding *self)
{
  g_return_val_if_fail (SD_IS_FINDING (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_INSPECTION_ID);
}

gint64
sd_finding_get_unit_id (SdFinding *self)
{
  g_return_val_if_fail (SD_IS_FINDING (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_UNIT_ID);
}

const char *
sd_finding_get_description (SdFinding *self)
{
  g_return_val_if_fail (SD_IS_FINDING (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_DESCRIPTION);
}

const char *
sd_finding_get_severity (SdFinding *self)
{
  g_return_val_if_fail (SD_IS_FINDING (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_SEVERITY);
}

gint64
sd_finding_get_responsible_person_id (SdFinding *self)
{
  g_return_val_if_fail (SD_IS_FINDING (self), 0);

  return sd_item_get_ref (SD_ITEM (self), COL_RESPONSIBLE_PERSON_ID);
}

const char *
sd_finding_get_deadline (SdFinding *self)
{
  g_return_val_if_fail (SD_IS_FINDING (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_DEADLINE);
}

const char *
sd_finding_get_status (SdFinding *self)
{
  g_return_val_if_fail (SD_IS_FINDING (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_STATUS);
}

const char *
sd_finding_get_evidence (SdFinding *self)
{
  g_return_val_if_fail (SD_IS_FINDING (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_EVIDENCE);
}

const char *
sd_finding_get_closed_on (SdFinding *self)
{
  g_return_val_if_fail (SD_IS_FINDING (self), NULL);

  return sd_item_get_string (SD_ITEM (self), COL_CLOSED_ON);
}
