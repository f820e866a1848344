/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * Audit entries as a person reads them (sd-audit-diff.h), on real edits
 * through the store: labels of kinds and fields (every column of every
 * table has one), references by name (also once the referenced item is
 * deleted), flags as Yes/No, codes by their label, the signature as
 * "(signature image)", the risk matrix cell by cell; items named after
 * their deletion; and hand-made, damaged or hostile JSON, which must give
 * what can be read and never crash.
 */

#define G_LOG_DOMAIN "test-audit-diff"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sd-audit-diff.h"
#include "sd-item.h"
#include "sd-labels.h"
#include "sd-matrix-settings.h"
#include "sd-person.h"
#include "sd-plan.h"
#include "sd-plan-task.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-risk.h"
#include "sd-signoff.h"
#include "sd-unit.h"

#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct
{
  char    *dir;
  SdStore *store;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("sd-test-audit-diff-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* The newest entry of the log. */
static SdAuditEntry *
last_entry (SdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sd_store_get_audit_entries (store, NULL, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 0);
  return g_ptr_array_steal_index (entries, entries->len - 1);
}

static SdAuditDiff *
last_diff (SdStore *store)
{
  g_autoptr(SdAuditEntry) entry = last_entry (store);

  return sd_audit_diff_new (store, entry);
}

static const SdAuditChange *
find_change (SdAuditDiff *diff,
             const char  *label)
{
  for (guint i = 0; i < diff->changes->len; i++)
    {
      SdAuditChange *change = g_ptr_array_index (diff->changes, i);

      if (g_str_equal (change->label, label))
        return change;
    }
  return NULL;
}

#define ASSERT_CHANGE(diff, label, old_text, new_text) \
  G_STMT_START { \
    const SdAuditChange *change_ = find_change (diff, label); \
    if (change_ == NULL) \
      g_error ("no change of “%s”", label); \
    g_assert_cmpstr (change_->old_value, ==, old_text); \
    g_assert_cmpstr (change_->new_value, ==, new_text); \
  } G_STMT_END

static SdAuditDiff *diff_of (SdStore    *store,
                             const char *entity,
                             const char *action,
                             const char *before,
                             const char *after);

static gpointer
insert_unit (SdStore    *store,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  gpointer unit = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", name, NULL);

  g_assert_no_error (error);
  return unit;
}

static void
test_labels (void)
{
  const char * const *entities = sd_audit_entities ();
  const GType *types;
  guint n_types, n_entities;

  g_assert_cmpstr (sd_audit_entity_label ("units"), ==, "Unit");
  g_assert_cmpstr (sd_audit_entity_label ("posts"), ==, "Post");
  g_assert_cmpstr (sd_audit_entity_label ("duties"), ==, "Duty");
  g_assert_cmpstr (sd_audit_entity_label ("risks"), ==, "Risk");
  g_assert_cmpstr (sd_audit_entity_label ("risk_matrix"), ==, "Risk matrix");
  /* A kind a newer version writes shows as it is. */
  g_assert_cmpstr (sd_audit_entity_label ("robots"), ==, "robots");
  g_assert_cmpstr (sd_audit_action_label ("insert"), ==, "Added");
  g_assert_cmpstr (sd_audit_action_label ("update"), ==, "Changed");
  g_assert_cmpstr (sd_audit_action_label ("delete"), ==, "Deleted");
  g_assert_cmpstr (sd_audit_field_label ("risks", "owner_unit_id"), ==, "Owner unit");
  g_assert_cmpstr (sd_audit_field_label ("units", "name"), ==, "Name");
  g_assert_cmpstr (sd_audit_field_label ("assignments", "role"), ==, "RACI role");
  g_assert_cmpstr (sd_audit_field_label ("body_members", "role"), ==, "Role");
  g_assert_null (sd_audit_field_label ("units", "colour"));

  /* Every table of the store, and the matrix, is a kind with a label of
   * its own, and every column has a label. */
  types = sd_store_get_item_types (&n_types);
  n_entities = g_strv_length ((char **) entities);
  g_assert_cmpuint (n_entities, ==, n_types + 1);
  g_assert_cmpstr (entities[n_types], ==, "risk_matrix");
  for (guint i = 0; i < n_types; i++)
    {
      SdItemClass *klass = g_type_class_ref (types[i]);
      const SdTable *table = sd_item_class_get_table (klass);

      g_assert_cmpstr (entities[i], ==, table->name);
      g_assert_cmpstr (sd_audit_entity_label (table->name), !=, table->name);
      for (guint c = 0; c < table->n_columns; c++)
        {
          const char *label = sd_audit_field_label (table->name, table->columns[c].name);

          if (label == NULL)
            g_error ("%s.%s has no label", table->name, table->columns[c].name);
          g_assert_cmpstr (label, !=, "");
        }
      g_type_class_unref (klass);
    }
}

static void
test_format_time (void)
{
  g_autoptr(GTimeZone) beijing = g_time_zone_new_offset (8 * 3600);
  g_autofree char *midnight = sd_audit_format_time ("2026-03-01T16:00:00.000000Z", beijing);
  g_autofree char *local = sd_audit_format_time ("2026-03-01T16:00:00.5Z", NULL);
  g_autofree char *garbage = sd_audit_format_time ("yesterday \xff", beijing);

  g_assert_cmpstr (midnight, ==, "2026-03-02 00:00:00");
  /* TZ is UTC+8 in this test. */
  g_assert_cmpstr (local, ==, "2026-03-02 00:00:00");
  g_assert_true (g_utf8_validate (garbage, -1, NULL));
  g_assert_true (g_str_has_prefix (garbage, "yesterday "));
}

/* A change names the references on both sides, flags and codes in words. */
static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdAuditDiff) diff = NULL;
  SdUnit *info = insert_unit (fixture->store, "信息部");
  SdUnit *office = insert_unit (fixture->store, "办公室");
  SdPerson *person;
  SdRisk *risk;

  risk = sd_store_insert (fixture->store, SD_TYPE_RISK, &error,
                          "code", "R-01", "title", "数据泄露",
                          "owner-unit-id", sd_item_get_id (SD_ITEM (info)),
                          "inherent-likelihood", 4, "inherent-impact", 4,
                          "residual-likelihood", 2, "residual-impact", 2,
                          "target-likelihood", 1, "target-impact", 1, NULL);
  g_assert_no_error (error);
  g_assert_true (sd_store_update (fixture->store, risk, &error,
                                  "owner-unit-id", sd_item_get_id (SD_ITEM (office)),
                                  "status", "closed", "residual-impact", 3, NULL));
  g_assert_no_error (error);

  diff = last_diff (fixture->store);
  g_assert_cmpstr (diff->entity_label, ==, "Risk");
  g_assert_cmpstr (diff->action_label, ==, "Changed");
  g_assert_cmpstr (diff->item_name, ==, "R-01 · 数据泄露");
  g_assert_true (diff->item_exists);
  g_assert_false (diff->damaged);
  /* Only what changed, in the order of the columns. */
  g_assert_cmpuint (diff->changes->len, ==, 3);
  g_assert_cmpstr (((SdAuditChange *) g_ptr_array_index (diff->changes, 0))->field, ==,
                   "owner_unit_id");
  ASSERT_CHANGE (diff, "Owner unit", "信息部", "办公室");
  ASSERT_CHANGE (diff, "Residual impact", "2", "3");
  ASSERT_CHANGE (diff, "Status", "Open", "Closed");
  g_clear_pointer (&diff, sd_audit_diff_free);

  person = sd_store_insert (fixture->store, SD_TYPE_PERSON, &error, "name", "张伟", NULL);
  g_assert_no_error (error);
  g_assert_true (sd_store_update (fixture->store, person, &error, "full-time", FALSE,
                                  "unit-id", sd_item_get_id (SD_ITEM (office)), NULL));
  g_assert_no_error (error);
  diff = last_diff (fixture->store);
  g_assert_cmpstr (diff->entity_label, ==, "Person");
  g_assert_cmpstr (diff->item_name, ==, "张伟");
  ASSERT_CHANGE (diff, "Full-time", "Yes", "No");
  /* No unit before: no value, not "0". */
  ASSERT_CHANGE (diff, "Unit", NULL, "办公室");
  g_clear_pointer (&diff, sd_audit_diff_free);

  /* The item renamed later: the entry is shown under today's name, and
   * the old values of the rename stay what they were. */
  g_assert_true (sd_store_update (fixture->store, office, &error, "name", "综合办公室", NULL));
  g_assert_no_error (error);
  diff = last_diff (fixture->store);
  g_assert_cmpstr (diff->item_name, ==, "综合办公室");
  ASSERT_CHANGE (diff, "Name", "办公室", "综合办公室");
}

/* An addition lists the values the item was given, without empty ones. */
static void
test_insert (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdAuditDiff) diff = NULL;
  SdPlan *plan;

  plan = sd_store_insert (fixture->store, SD_TYPE_PLAN, &error, "year", 2026, NULL);
  g_assert_no_error (error);
  diff = last_diff (fixture->store);
  g_assert_cmpstr (diff->entity_label, ==, "Annual plan");
  g_assert_cmpstr (diff->item_name, ==, "2026");
  g_clear_pointer (&diff, sd_audit_diff_free);

  g_assert_nonnull (sd_store_insert (fixture->store, SD_TYPE_PLAN_TASK, &error,
                                     "plan-id", sd_item_get_id (SD_ITEM (plan)),
                                     "title", "保密培训", "start-month", 3, "end-month", 5,
                                     NULL));
  g_assert_no_error (error);
  diff = last_diff (fixture->store);
  g_assert_cmpstr (diff->action_label, ==, "Added");
  g_assert_cmpstr (diff->item_name, ==, "保密培训");
  ASSERT_CHANGE (diff, "Plan", NULL, "2026");
  ASSERT_CHANGE (diff, "Title", NULL, "保密培训");
  ASSERT_CHANGE (diff, "Start month", NULL, sd_month_label (3));
  ASSERT_CHANGE (diff, "End month", NULL, sd_month_label (5));
  ASSERT_CHANGE (diff, "Status", NULL, "Planned");
  ASSERT_CHANGE (diff, "Carried over", NULL, "No");
  g_assert_null (find_change (diff, "Evidence"));
  g_assert_null (find_change (diff, "Work stream"));
}

/* A deleted item is named from its deletion, references to deleted items
 * say so, and a signature is a picture, not a checksum. */
static void
test_deleted (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdAuditDiff) diff = NULL;
  g_autoptr(SdAuditEntry) holder_added = NULL;
  g_autoptr(GBytes) signature = g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8);
  SdUnit *unit = insert_unit (fixture->store, "信息部");
  SdPerson *person;
  SdPost *post;
  SdSignoff *signoff;

  person = sd_store_insert (fixture->store, SD_TYPE_PERSON, &error, "name", "张伟", NULL);
  g_assert_no_error (error);
  post = sd_store_insert (fixture->store, SD_TYPE_POST, &error, "name", "安全管理员",
                          "post-type", "security-admin", "key-post", TRUE, NULL);
  g_assert_no_error (error);
  g_assert_nonnull (sd_store_insert (fixture->store, SD_TYPE_POST_HOLDER, &error,
                                     "post-id", sd_item_get_id (SD_ITEM (post)),
                                     "person-id", sd_item_get_id (SD_ITEM (person)), NULL));
  g_assert_no_error (error);
  holder_added = last_entry (fixture->store);

  diff = sd_audit_diff_new (fixture->store, holder_added);
  g_assert_cmpstr (diff->entity_label, ==, "Post holder");
  g_assert_cmpstr (diff->item_name, ==, "张伟 · 安全管理员");
  ASSERT_CHANGE (diff, "Primary holder", NULL, "Yes");
  g_clear_pointer (&diff, sd_audit_diff_free);

  /* Deleting the person takes their post with them. */
  g_assert_true (sd_store_delete (fixture->store, person, &error));
  g_assert_no_error (error);
  diff = last_diff (fixture->store);
  g_assert_cmpstr (diff->action_label, ==, "Deleted");
  g_assert_cmpstr (diff->entity_label, ==, "Person");
  g_assert_cmpstr (diff->item_name, ==, "张伟");
  g_assert_false (diff->item_exists);
  ASSERT_CHANGE (diff, "Name", "张伟", NULL);
  ASSERT_CHANGE (diff, "Active", "Yes", NULL);
  g_clear_pointer (&diff, sd_audit_diff_free);

  /* The earlier addition of the holding, after both are gone. */
  diff = sd_audit_diff_new (fixture->store, holder_added);
  g_assert_false (diff->item_exists);
  g_assert_cmpstr (diff->item_name, ==, "张伟 · 安全管理员");
  ASSERT_CHANGE (diff, "Person", NULL, "张伟 (deleted)");
  ASSERT_CHANGE (diff, "Post", NULL, "安全管理员");
  g_clear_pointer (&diff, sd_audit_diff_free);

  signoff = sd_store_insert (fixture->store, SD_TYPE_SIGNOFF, &error,
                             "unit-id", sd_item_get_id (SD_ITEM (unit)),
                             "signer-name", "李娜", "meaning", "已阅读并接受",
                             "signed-at", "2026-11-21T10:00:00Z", "canonical-text", "text",
                             "sha256", ZERO_HASH,
                             "signature", signature, NULL);
  g_assert_no_error (error);
  diff = last_diff (fixture->store);
  g_assert_cmpstr (diff->entity_label, ==, "Sign-off");
  g_assert_cmpstr (diff->item_name, ==, "信息部 · 李娜");
  ASSERT_CHANGE (diff, "Handwritten signature", NULL, "(signature image)");
  ASSERT_CHANGE (diff, "Unit", NULL, "信息部");
  g_clear_pointer (&diff, sd_audit_diff_free);

  /* A sign-off is never deleted; were one, its record would read so. */
  g_assert_false (sd_store_delete (fixture->store, signoff, &error));
  g_clear_error (&error);
  {
    g_autoptr(SdAuditEntry) added = last_entry (fixture->store);

    diff = diff_of (fixture->store, "signoffs", "delete", added->after, NULL);
    ASSERT_CHANGE (diff, "Handwritten signature", "(signature image)", NULL);
    ASSERT_CHANGE (diff, "Signer’s name", "李娜", NULL);
    for (guint i = 0; i < diff->changes->len; i++)
      {
        SdAuditChange *change = g_ptr_array_index (diff->changes, i);

        g_assert_null (strstr (change->old_value, "sha256:"));
      }
  }
}

/* The matrix settings: cell by cell, the axes' labels as a list. */
static void
test_risk_matrix (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdAuditDiff) diff = NULL;
  SdMatrixSettings settings = { 0 };
  g_autofree char *expected_labels = NULL;
  g_autofree char *default_labels = NULL;

  sd_store_get_matrix (fixture->store, &settings);
  settings.zones[2][3] = SD_ZONE_MAJOR;
  g_free (settings.likelihood_labels[0]);
  settings.likelihood_labels[0] = g_strdup ("罕见");
  g_assert_true (sd_store_set_matrix (fixture->store, &settings, &error));
  g_assert_no_error (error);
  sd_matrix_settings_clear (&settings);

  diff = last_diff (fixture->store);
  g_assert_cmpstr (diff->entity_label, ==, "Risk matrix");
  g_assert_cmpstr (diff->item_name, ==, "");
  g_assert_false (diff->damaged);
  ASSERT_CHANGE (diff, "Zone of likelihood 3 × impact 4", "High", "Major");
  g_assert_null (find_change (diff, "Zone of likelihood 1 × impact 1"));
  /* The log holds all the settings; only what changed is listed. */
  g_assert_null (find_change (diff, "Matrix size"));
  g_assert_null (find_change (diff, "Impact labels"));
  g_assert_cmpuint (diff->changes->len, ==, 2);
  /* A label left to its default is no value. */
  default_labels = g_strjoin (sd_list_separator (), "—", "—", "—", "—", "—", NULL);
  expected_labels = g_strjoin (sd_list_separator (), "罕见", "—", "—", "—", "—", NULL);
  ASSERT_CHANGE (diff, "Likelihood labels", default_labels, expected_labels);
}

static SdAuditEntry *
hand_made (const char *entity,
           const char *action,
           const char *before,
           const char *after)
{
  SdAuditEntry *entry = g_new0 (SdAuditEntry, 1);

  entry->id = 1;
  entry->at = g_strdup ("2026-11-21T10:00:00.000000Z");
  entry->entity = g_strdup (entity);
  entry->entity_id = 7;
  entry->action = g_strdup (action);
  entry->before = g_strdup (before);
  entry->after = g_strdup (after);
  return entry;
}

static void
assert_all_text (SdAuditDiff *diff)
{
  g_assert_true (g_utf8_validate (diff->item_name, -1, NULL));
  g_assert_true (g_utf8_validate (diff->entity_label, -1, NULL));
  g_assert_true (g_utf8_validate (diff->action_label, -1, NULL));
  for (guint i = 0; i < diff->changes->len; i++)
    {
      SdAuditChange *change = g_ptr_array_index (diff->changes, i);

      g_assert_true (g_utf8_validate (change->field, -1, NULL));
      g_assert_true (g_utf8_validate (change->label, -1, NULL));
      g_assert_true (change->old_value == NULL || g_utf8_validate (change->old_value, -1, NULL));
      g_assert_true (change->new_value == NULL || g_utf8_validate (change->new_value, -1, NULL));
    }
}

static SdAuditDiff *
diff_of (SdStore    *store,
         const char *entity,
         const char *action,
         const char *before,
         const char *after)
{
  g_autoptr(SdAuditEntry) entry = hand_made (entity, action, before, after);
  SdAuditDiff *diff = sd_audit_diff_new (store, entry);

  assert_all_text (diff);
  return diff;
}

/* Escapes, a newer version's columns and kinds, and the item gone
 * without a record: what can be read is shown. */
static void
test_hand_made (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SdAuditDiff) diff = NULL;

  diff = diff_of (fixture->store, "units", "update",
                  "{\"name\":\"a\\\"b\\\\c\\n\\u4fe1\\ud83d\\ude00\",\"colour_code\":1}",
                  "{\"name\":\"x\",\"colour_code\":2}");
  g_assert_false (diff->damaged);
  /* Neither in the store nor deleted with a record: named by the entry. */
  g_assert_cmpstr (diff->item_name, ==, "x");
  g_assert_false (diff->item_exists);
  ASSERT_CHANGE (diff, "Name", "a\"b\\c\n信😀", "x");
  ASSERT_CHANGE (diff, "Colour code", "1", "2");
  g_clear_pointer (&diff, sd_audit_diff_free);

  diff = diff_of (fixture->store, "robots", "insert", NULL, "{\"name\":\"R2\",\"arms\":[1,2]}");
  g_assert_cmpstr (diff->entity_label, ==, "robots");
  g_assert_cmpstr (diff->item_name, ==, "#7");
  ASSERT_CHANGE (diff, "Name", NULL, "R2");
  g_clear_pointer (&diff, sd_audit_diff_free);

  /* Without a store, names come from the entry alone. */
  {
    g_autoptr(SdAuditEntry) entry = hand_made ("risks", "delete",
                                               "{\"code\":\"R-9\",\"title\":\"t\","
                                               "\"owner_unit_id\":3,\"status\":\"open\"}",
                                               NULL);

    diff = sd_audit_diff_new (NULL, entry);
    assert_all_text (diff);
    g_assert_cmpstr (diff->item_name, ==, "R-9 · t");
    ASSERT_CHANGE (diff, "Owner unit", "#3", NULL);
    ASSERT_CHANGE (diff, "Status", "Open", NULL);
  }
}

/* Broken, hostile or absurd JSON: no crash, the entry marked damaged,
 * everything shown valid UTF-8. */
static void
test_garbled (Fixture       *fixture,
              gconstpointer  data)
{
  static const char * const garbled[] = {
    "", "{", "}", "[]", "null", "\"name\"", "{\"name\"}", "{\"name\":}", "{\"name\":\"abc",
    "{\"name\":\"abc\"", "{\"name\":\"abc\",}", "{name:\"abc\"}", "{\"name\":'abc'}",
    "{\"name\":\"\\x41\"}", "{\"name\":\"\\u12\"}", "{\"name\":\"\\u12G4\"}",
    "{\"name\":tru}", "{\"name\":nul}", "{\"name\":-}", "{\"name\":1e}",
    "{\"name\":\"a\"} trailing", "{\"a\":1 \"b\":2}", "not json at all",
    "{\"name\":[1,2,}", "{\"name\":{\"x\":}}", "\xff\xfe{",
  };
  static const char * const odd_but_whole[] = {
    "{}", "{\"name\":\"\xff\xfe\"}", "{\"name\":\"\\ud800\"}", "{\"name\":\"\\udc00x\"}",
    "{\"name\":\"\\u0000\"}", "{\"name\":99999999999999999999999999}",
    "{\"parent_id\":\"not a number\"}", "{\"parent_id\":-5,\"head_id\":1.5e300}",
    "{\"name\":{\"nested\":{\"deeper\":[true,false,null]}}}", "{\"name\":1,\"name\":2}",
    "{\"staff_count\":true,\"name\":false}", "  {\"name\" : \"spaced\" }  ",
  };
  g_autoptr(GString) deep = g_string_new ("{\"name\":");

  for (guint i = 0; i < G_N_ELEMENTS (garbled); i++)
    {
      g_autoptr(SdAuditDiff) diff = NULL;

      g_test_message ("garbled: %s", garbled[i]);
      diff = diff_of (fixture->store, "units", "update", garbled[i], "{\"name\":\"ok\"}");
      g_assert_true (diff->damaged);
      /* The half that could be read is still shown. */
      ASSERT_CHANGE (diff, "Name", NULL, "ok");
    }
  for (guint i = 0; i < G_N_ELEMENTS (odd_but_whole); i++)
    {
      g_autoptr(SdAuditDiff) diff = NULL;

      g_test_message ("odd: %s", odd_but_whole[i]);
      diff = diff_of (fixture->store, "units", "delete", odd_but_whole[i], NULL);
      g_assert_false (diff->damaged);
    }

  /* Not even the kind and the action are text. */
  {
    g_autoptr(SdAuditDiff) diff = diff_of (fixture->store, "\xffunits", "\xfe", "{\"\xff\":1}",
                                           NULL);

    g_assert_false (diff->damaged);
    g_assert_cmpuint (diff->changes->len, ==, 1);
  }

  /* Nesting far beyond what the store writes. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  {
    g_autoptr(SdAuditDiff) diff = diff_of (fixture->store, "units", "insert", NULL, deep->str);

    g_assert_true (diff->damaged);
  }

  /* Every prefix of a real entry, and every byte of it replaced. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SdAuditEntry) entry = NULL;
    SdUnit *unit = insert_unit (fixture->store, "信息部 \"总部\"");
    g_autofree char *whole = NULL;
    gsize length;

    g_assert_true (sd_store_update (fixture->store, unit, &error, "kind", "section",
                                    "staff-count", 5, NULL));
    g_assert_no_error (error);
    entry = last_entry (fixture->store);
    whole = g_strdup (entry->after);
    length = strlen (whole);
    for (gsize cut = 0; cut < length; cut++)
      {
        g_autofree char *part = g_strndup (whole, cut);
        g_autoptr(SdAuditDiff) diff = diff_of (fixture->store, "units", "update", part, whole);

        g_assert_true (diff->damaged);
      }
    for (gsize at = 0; at < length; at++)
      {
        static const char replacements[] = { '"', '\\', '{', '}', ',', ':', '\0' + 1, '\xc3' };

        for (guint r = 0; r < G_N_ELEMENTS (replacements); r++)
          {
            g_autofree char *changed = g_strdup (whole);
            g_autoptr(SdAuditDiff) diff = NULL;

            changed[at] = replacements[r];
            diff = diff_of (fixture->store, "units", "update", changed, changed);
          }
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  /* For test_format_time(): UTC+8, as POSIX writes it. */
  g_setenv ("TZ", "CST-8", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/audit-diff/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/audit-diff/labels", test_labels);
  g_test_add_func ("/audit-diff/format-time", test_format_time);
  ADD ("update", test_update);
  ADD ("insert", test_insert);
  ADD ("deleted", test_deleted);
  ADD ("risk-matrix", test_risk_matrix);
  ADD ("hand-made", test_hand_made);
  ADD ("garbled", test_garbled);

  return g_test_run ();
}
