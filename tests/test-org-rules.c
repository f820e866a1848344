/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sd-body.h"
#include "sd-body-member.h"
#include "sd-org-rules.h"
#include "sd-person.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-rule.h"
#include "sd-store.h"
#include "sd-unit.h"

typedef struct
{
  char    *dir;
  char    *path;
  SdStore *store;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sd-test-org-rules-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = sd_store_open (fixture->path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  d = g_dir_open (fixture->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Helpers: each inserts one item and returns it (owned by the store). */

static SdUnit *
add_unit (SdStore    *store,
          const char *name,
          const char *kind,
          gint64      parent_id,
          int         staff_count)
{
  g_autoptr(GError) error = NULL;
  SdUnit *unit = sd_store_insert (store, SD_TYPE_UNIT, &error,
                                  "name", name, "kind", kind, "parent-id", parent_id,
                                  "staff-count", staff_count, NULL);

  g_assert_no_error (error);
  return unit;
}

static SdPerson *
add_person (SdStore    *store,
            const char *name,
            gboolean    full_time)
{
  g_autoptr(GError) error = NULL;
  SdPerson *person = sd_store_insert (store, SD_TYPE_PERSON, &error,
                                      "name", name, "full-time", full_time, NULL);

  g_assert_no_error (error);
  return person;
}

static SdPost *
add_post (SdStore    *store,
          const char *name,
          const char *post_type,
          gint64      unit_id,
          gboolean    key_post,
          gboolean    full_time_required)
{
  g_autoptr(GError) error = NULL;
  SdPost *post = sd_store_insert (store, SD_TYPE_POST, &error,
                                  "name", name, "post-type", post_type, "unit-id", unit_id,
                                  "key-post", key_post,
                                  "full-time-required", full_time_required, NULL);

  g_assert_no_error (error);
  return post;
}

static SdPostHolder *
add_holder (SdStore  *store,
            SdPost   *post,
            SdPerson *person,
            gboolean  primary)
{
  g_autoptr(GError) error = NULL;
  SdPostHolder *holder = sd_store_insert (store, SD_TYPE_POST_HOLDER, &error,
                                          "post-id", sd_item_get_id (SD_ITEM (post)),
                                          "person-id", sd_item_get_id (SD_ITEM (person)),
                                          "is-primary", primary, NULL);

  g_assert_no_error (error);
  return holder;
}

static SdBody *
add_body (SdStore    *store,
          const char *name,
          const char *kind)
{
  g_autoptr(GError) error = NULL;
  SdBody *body = sd_store_insert (store, SD_TYPE_BODY, &error,
                                  "name", name, "kind", kind, NULL);

  g_assert_no_error (error);
  return body;
}

static void
add_member (SdStore    *store,
            SdBody     *body,
            SdPerson   *person,
            const char *role)
{
  g_autoptr(GError) error = NULL;

  sd_store_insert (store, SD_TYPE_BODY_MEMBER, &error,
                   "body-id", sd_item_get_id (SD_ITEM (body)),
                   "person-id", sd_item_get_id (SD_ITEM (person)),
                   "role", role, NULL);
  g_assert_no_error (error);
}

static void
update (SdStore    *store,
        gpointer    item,
        const char *property,
        gboolean    value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sd_store_update (store, item, &error, property, value, NULL));
  g_assert_no_error (error);
}

/* The violations of one rule, as lines. */
static GPtrArray *
check_rule (SdStore    *store,
            const char *rule_id)
{
  g_autoptr(GPtrArray) all = sd_org_check (store);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < all->len; i++)
    {
      SdViolation *v = all->pdata[i];

      if (g_str_equal (sd_violation_get_rule_id (v), rule_id))
        g_ptr_array_add (out, g_object_ref (v));
    }
  return out;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) all = sd_org_check (fixture->store);

  /* A new database has the regulation's rules of incompatibility but
   * nothing that could break them. */
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (fixture->store, SD_TYPE_RULE)),
                    ==, 3);
  g_assert_cmpuint (all->len, ==, 0);
}

static void
test_incompatible (Fixture       *fixture,
                   gconstpointer  data)
{
  SdStore *store = fixture->store;
  SdPerson *zhou = add_person (store, "周静", TRUE);
  SdPost *admin = add_post (store, "安全管理员", "security-admin", 0, FALSE, FALSE);
  SdPost *auditor = add_post (store, "安全审计员", "security-auditor", 0, FALSE, FALSE);
  SdPost *sysadmin = add_post (store, "系统管理员", "system-admin", 0, FALSE, FALSE);
  SdPost *sysadmin2 = add_post (store, "系统管理员二", "system-admin", 0, FALSE, FALSE);
  SdPostHolder *holder;
  g_autoptr(GPtrArray) found = NULL;
  SdViolation *v;

  /* Held in the opposite order to the rule's: it still counts. */
  add_holder (store, auditor, zhou, TRUE);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = check_rule (store, "incompatible-posts");
  g_assert_cmpuint (found->len, ==, 0);

  holder = add_holder (store, admin, zhou, FALSE);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = check_rule (store, "incompatible-posts");
  g_assert_cmpuint (found->len, ==, 1);
  v = found->pdata[0];
  g_assert_cmpstr (sd_violation_get_subject (v), ==, "周静");
  g_assert_true (sd_violation_get_target_type (v) == SD_TYPE_PERSON);
  g_assert_cmpint (sd_violation_get_target_id (v), ==, sd_item_get_id (SD_ITEM (zhou)));
  assert_contains (sd_violation_get_message (v), "周静");
  /* In the rule's order: the administrator first. */
  assert_contains (sd_violation_get_message (v), "“安全管理员” and “安全审计员”");
  assert_contains (sd_violation_get_message (v), "安全管理员不能兼任安全审计员");

  /* A second rule gives a second line; a second post of the same type
   * breaks the same rule again and gives none. */
  add_holder (store, sysadmin, zhou, TRUE);
  add_holder (store, sysadmin2, zhou, TRUE);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = check_rule (store, "incompatible-posts");
  g_assert_cmpuint (found->len, ==, 2);

  /* Fixed: without the administrator post, nothing conflicts. */
  g_assert_true (sd_store_delete (store, holder, NULL));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = check_rule (store, "incompatible-posts");
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_incompatible_posts_by_id (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  SdStore *store = fixture->store;
  SdPerson *person = add_person (store, "张伟", TRUE);
  SdPerson *other = add_person (store, "李娜", TRUE);
  SdPost *cashier = add_post (store, "出纳", "other", 0, FALSE, FALSE);
  SdPost *accountant = add_post (store, "会计", "other", 0, FALSE, FALSE);

  sd_store_insert (store, SD_TYPE_RULE, &error,
                   "post-a-id", sd_item_get_id (SD_ITEM (cashier)),
                   "post-b-id", sd_item_get_id (SD_ITEM (accountant)),
                   "reason", "钱账分管", NULL);
  g_assert_no_error (error);

  add_holder (store, accountant, person, TRUE);
  add_holder (store, cashier, other, TRUE);
  found = check_rule (store, "incompatible-posts");
  g_assert_cmpuint (found->len, ==, 0);

  add_holder (store, cashier, person, FALSE);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = check_rule (store, "incompatible-posts");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (sd_violation_get_message (found->pdata[0]), ==,
                   "张伟 holds both “出纳” and “会计”: 钱账分管.");
}

static void
test_key_post (Fixture       *fixture,
               gconstpointer  data)
{
  SdStore *store = fixture->store;
  SdUnit *unit = add_unit (store, "网络安全管理部", "section", 0, 0);
  SdPost *post = add_post (store, "系统管理员", "system-admin",
                           sd_item_get_id (SD_ITEM (unit)), TRUE, FALSE);
  SdPerson *liu = add_person (store, "刘洋", TRUE);
  SdPerson *ma = add_person (store, "马超", TRUE);
  g_autoptr(GPtrArray) found = NULL;
  SdViolation *v;

  found = check_rule (store, "key-post-understaffed");
  g_assert_cmpuint (found->len, ==, 1);
  assert_contains (sd_violation_get_message (found->pdata[0]), "no holder");

  add_holder (store, post, liu, TRUE);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = check_rule (store, "key-post-understaffed");
  g_assert_cmpuint (found->len, ==, 1);
  v = found->pdata[0];
  /* Post names repeat across units: the subject names the unit too. */
  g_assert_cmpstr (sd_violation_get_subject (v), ==, "系统管理员 (网络安全管理部)");
  g_assert_true (sd_violation_get_target_type (v) == SD_TYPE_POST);
  g_assert_cmpint (sd_violation_get_target_id (v), ==, sd_item_get_id (SD_ITEM (post)));
  assert_contains (sd_violation_get_message (v), "only one holder");

  /* A deputy counts as the second person. */
  add_holder (store, post, ma, FALSE);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = check_rule (store, "key-post-understaffed");
  g_assert_cmpuint (found->len, ==, 0);

  /* An inactive holder does not staff the post. */
  update (store, ma, "active", FALSE);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = check_rule (store, "key-post-understaffed");
  g_assert_cmpuint (found->len, ==, 1);
}

static void
test_full_time (Fixture       *fixture,
                gconstpointer  data)
{
  SdStore *store = fixture->store;
  SdPost *admin = add_post (store, "安全管理员", "security-admin", 0, FALSE, TRUE);
  SdPost *plain = add_post (store, "安全主管", "security-director", 0, FALSE, FALSE);
  SdPerson *sun = add_person (store, "孙磊", FALSE);
  g_autoptr(GPtrArray) found = NULL;

  add_holder (store, plain, sun, TRUE);
  found = check_rule (store, "full-time-required");
  g_assert_cmpuint (found->len, ==, 0);

  add_holder (store, admin, sun, TRUE);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = check_rule (store, "full-time-required");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (sd_violation_get_subject (found->pdata[0]), ==, "孙磊");
  g_assert_true (sd_violation_get_target_type (found->pdata[0]) == SD_TYPE_PERSON);
  assert_contains (sd_violation_get_message (found->pdata[0]), "“安全管理员”");

  update (store, sun, "full-time", TRUE);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = check_rule (store, "full-time-required");
  g_assert_cmpuint (found->len, ==, 0);

  /* Only the flag counts, not the post type: see sd-org-rules.c. */
  update (store, sun, "full-time", FALSE);
  update (store, admin, "full-time-required", FALSE);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = check_rule (store, "full-time-required");
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_missing_liaison (Fixture       *fixture,
                      gconstpointer  data)
{
  SdStore *store = fixture->store;
  SdUnit *company = add_unit (store, "示例集团", "company", 0, 0);
  SdUnit *legal = add_unit (store, "法务部", "department",
                            sd_item_get_id (SD_ITEM (company)), 9);
  SdPerson *person = add_person (store, "金玉", TRUE);
  SdPost *post;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) all = NULL;

  /* A section of its own needs none: its department's liaison covers it. */
  add_unit (store, "合同组", "section", sd_item_get_id (SD_ITEM (legal)), 4);

  found = check_rule (store, "missing-liaison");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (sd_violation_get_subject (found->pdata[0]), ==, "法务部");
  g_assert_true (sd_violation_get_target_type (found->pdata[0]) == SD_TYPE_UNIT);
  g_assert_cmpint (sd_violation_get_target_id (found->pdata[0]), ==,
                   sd_item_get_id (SD_ITEM (legal)));
  assert_contains (sd_violation_get_message (found->pdata[0]), "no security liaison post");
  /* The department needs a single security staff: the ratio adds no
   * second line for the same fix. */
  all = sd_org_check (store);
  g_assert_cmpuint (all->len, ==, 1);

  post = add_post (store, "部门网络安全员", "security-liaison",
                   sd_item_get_id (SD_ITEM (legal)), FALSE, FALSE);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = check_rule (store, "missing-liaison");
  g_assert_cmpuint (found->len, ==, 1);
  assert_contains (sd_violation_get_message (found->pdata[0]), "has no holder");

  add_holder (store, post, person, TRUE);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = check_rule (store, "missing-liaison");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = sd_org_check (store);
  g_assert_cmpuint (all->len, ==, 0);
}

static void
test_liaison_ratio (Fixture       *fixture,
                    gconstpointer  data)
{
  SdStore *store = fixture->store;
  SdUnit *company = add_unit (store, "示例集团", "company", 0, 600);
  SdUnit *mkt = add_unit (store, "营销部", "department",
                          sd_item_get_id (SD_ITEM (company)), 120);
  SdUnit *region = add_unit (store, "区域营销组", "section",
                             sd_item_get_id (SD_ITEM (mkt)), 82);
  SdPost *liaison = add_post (store, "部门网络安全员", "security-liaison",
                              sd_item_get_id (SD_ITEM (mkt)), FALSE, FALSE);
  SdPost *officer = add_post (store, "销售代表", "other",
                              sd_item_get_id (SD_ITEM (mkt)), FALSE, FALSE);
  SdPost *section_liaison = add_post (store, "区域安全员", "security-liaison",
                                      sd_item_get_id (SD_ITEM (region)), FALSE, FALSE);
  SdPerson *gao = add_person (store, "高峰", TRUE);
  SdPerson *pan = add_person (store, "潘雯", TRUE);
  SdPerson *zhu = add_person (store, "朱琳", TRUE);
  g_autoptr(GPtrArray) found = NULL;

  add_holder (store, liaison, gao, TRUE);
  add_holder (store, liaison, pan, TRUE);
  /* Holders of ordinary posts are not security staff. */
  add_holder (store, officer, zhu, TRUE);
  /* Holding two security posts, one person still counts once. */
  add_holder (store, section_liaison, gao, TRUE);

  found = check_rule (store, "liaison-ratio");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (sd_violation_get_subject (found->pdata[0]), ==, "营销部");
  g_assert_true (sd_violation_get_target_type (found->pdata[0]) == SD_TYPE_UNIT);
  g_assert_cmpstr (sd_violation_get_message (found->pdata[0]), ==,
                   "营销部 has 120 staff but 2 security staff; one per 50 staff asks for 3.");

  /* The posts of a section count towards its department; neither the
   * section nor the company is checked on its own. */
  add_holder (store, section_liaison, zhu, TRUE);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = check_rule (store, "liaison-ratio");
  g_assert_cmpuint (found->len, ==, 0);

  /* 100 staff ask for two, 101 for three. */
  update (store, zhu, "active", FALSE);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (sd_store_update (store, mkt, &error, "staff-count", 100, NULL));
    g_assert_no_error (error);
    g_clear_pointer (&found, g_ptr_array_unref);
    found = check_rule (store, "liaison-ratio");
    g_assert_cmpuint (found->len, ==, 0);

    g_assert_true (sd_store_update (store, mkt, &error, "staff-count", 101, NULL));
    g_assert_no_error (error);
    g_clear_pointer (&found, g_ptr_array_unref);
    found = check_rule (store, "liaison-ratio");
    g_assert_cmpuint (found->len, ==, 1);
  }
}

static void
test_ratio_without_liaison (Fixture       *fixture,
                            gconstpointer  data)
{
  SdStore *store = fixture->store;
  g_autoptr(GPtrArray) all = NULL;

  /* 120 staff and no liaison: one appointment fixes the first line but
   * not the second, so both are there. */
  add_unit (store, "营销部", "department", 0, 120);
  all = sd_org_check (store);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (sd_violation_get_rule_id (all->pdata[0]), ==, "liaison-ratio");
  g_assert_cmpstr (sd_violation_get_rule_id (all->pdata[1]), ==, "missing-liaison");
}

static void
test_vacant_body_seat (Fixture       *fixture,
                       gconstpointer  data)
{
  SdStore *store = fixture->store;
  SdBody *working = add_body (store, "网络安全工作组", "working");
  SdBody *execution = add_body (store, "网络安全管理部", "execution");
  SdBody *inspection = add_body (store, "保密检查小组", "inspection");
  SdPerson *chen = add_person (store, "陈志远", TRUE);
  SdPerson *zhao = add_person (store, "赵敏", TRUE);
  SdPerson *yuan = add_person (store, "袁磊", TRUE);
  g_autoptr(GPtrArray) found = NULL;

  found = check_rule (store, "vacant-body-seat");
  g_assert_cmpuint (found->len, ==, 3);
  for (guint i = 0; i < found->len; i++)
    assert_contains (sd_violation_get_message (found->pdata[i]), "no members");

  /* A leader is enough for the execution unit, not for a group. */
  add_member (store, working, chen, "leader");
  add_member (store, execution, zhao, "leader");
  /* A group with members but no leader. */
  add_member (store, inspection, yuan, "member");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = check_rule (store, "vacant-body-seat");
  g_assert_cmpuint (found->len, ==, 2);
  /* Sorted by subject, in byte order: 保 (U+4FDD) before 网 (U+7F51). */
  g_assert_cmpstr (sd_violation_get_subject (found->pdata[0]), ==, "保密检查小组");
  assert_contains (sd_violation_get_message (found->pdata[0]), "no leader");
  g_assert_true (sd_violation_get_target_type (found->pdata[0]) == SD_TYPE_BODY);
  g_assert_cmpint (sd_violation_get_target_id (found->pdata[0]), ==,
                   sd_item_get_id (SD_ITEM (inspection)));
  g_assert_cmpstr (sd_violation_get_subject (found->pdata[1]), ==, "网络安全工作组");
  assert_contains (sd_violation_get_message (found->pdata[1]), "no deputy leader or members");

  add_member (store, working, zhao, "deputy");
  add_member (store, inspection, chen, "leader");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = check_rule (store, "vacant-body-seat");
  g_assert_cmpuint (found->len, ==, 0);
}

/* The lines of @violations, one string. */
static char *
lines_of (GPtrArray *violations)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < violations->len; i++)
    {
      g_autofree char *line = sd_violation_to_line (violations->pdata[i]);

      g_string_append_printf (s, "%s\n", line);
    }
  return g_string_free (s, FALSE);
}

/* The lines of the full check that are not in @before. */
static char *
new_lines (SdStore    *store,
           const char *before)
{
  g_autoptr(GPtrArray) after = sd_org_check (store);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < after->len; i++)
    {
      g_autofree char *line = sd_violation_to_line (after->pdata[i]);
      g_autofree char *with_newline = g_strconcat (line, "\n", NULL);

      if (strstr (before, with_newline) == NULL)
        g_string_append (s, with_newline);
    }
  return g_string_free (s, FALSE);
}

/* A live check predicts exactly the lines that the edit adds. */
static void
assert_prediction (SdStore   *store,
                   GPtrArray *predicted,
                   SdPost    *post,
                   SdPerson  *person)
{
  g_autoptr(GPtrArray) before = sd_org_check (store);
  g_autofree char *before_lines = lines_of (before);
  g_autofree char *predicted_lines = lines_of (predicted);
  g_autofree char *added = NULL;

  if (post != NULL)
    add_holder (store, post, person, TRUE);
  else
    update (store, person, "full-time", FALSE);

  added = new_lines (store, before_lines);
  g_assert_cmpstr (added, ==, predicted_lines);
}

static void
test_new_holder (Fixture       *fixture,
                 gconstpointer  data)
{
  SdStore *store = fixture->store;
  SdPerson *zhou = add_person (store, "周静", TRUE);
  SdPerson *jin = add_person (store, "金玉", FALSE);
  SdPost *admin = add_post (store, "安全管理员", "security-admin", 0, FALSE, TRUE);
  SdPost *auditor = add_post (store, "安全审计员", "security-auditor", 0, FALSE, FALSE);
  SdPost *auditor2 = add_post (store, "安全审计员二", "security-auditor", 0, FALSE, FALSE);
  SdPost *other = add_post (store, "信息管理员", "other", 0, FALSE, FALSE);
  GPtrArray *found;

  add_holder (store, admin, zhou, TRUE);

  /* A post that conflicts with one held. */
  found = sd_org_check_new_holder (store, auditor, zhou);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (sd_violation_get_rule_id (found->pdata[0]), ==, "incompatible-posts");
  assert_prediction (store, found, auditor, zhou);
  g_ptr_array_unref (found);

  /* The same rule again adds nothing; nor does a post already held. */
  found = sd_org_check_new_holder (store, auditor2, zhou);
  g_assert_cmpuint (found->len, ==, 0);
  assert_prediction (store, found, auditor2, zhou);
  g_ptr_array_unref (found);
  found = sd_org_check_new_holder (store, admin, zhou);
  g_assert_cmpuint (found->len, ==, 0);
  g_ptr_array_unref (found);

  /* A harmless post. */
  found = sd_org_check_new_holder (store, other, zhou);
  g_assert_cmpuint (found->len, ==, 0);
  assert_prediction (store, found, other, zhou);
  g_ptr_array_unref (found);

  /* A part-time person for a post that needs full-time staff. */
  found = sd_org_check_new_holder (store, admin, jin);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (sd_violation_get_rule_id (found->pdata[0]), ==, "full-time-required");
  g_assert_cmpstr (sd_violation_get_subject (found->pdata[0]), ==, "金玉");
  assert_prediction (store, found, admin, jin);
  g_ptr_array_unref (found);
}

static void
test_part_time (Fixture       *fixture,
                gconstpointer  data)
{
  SdStore *store = fixture->store;
  SdPerson *sun = add_person (store, "孙磊", TRUE);
  SdPerson *wu = add_person (store, "吴涛", TRUE);
  SdPost *admin = add_post (store, "安全管理员", "security-admin", 0, TRUE, TRUE);
  SdPost *auditor = add_post (store, "安全审计员", "security-auditor", 0, FALSE, FALSE);
  GPtrArray *found;

  add_holder (store, admin, sun, TRUE);
  add_holder (store, auditor, wu, TRUE);

  found = sd_org_check_part_time (store, sun);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (sd_violation_get_rule_id (found->pdata[0]), ==, "full-time-required");
  assert_contains (sd_violation_get_message (found->pdata[0]), "孙磊");
  assert_prediction (store, found, NULL, sun);
  g_ptr_array_unref (found);

  /* Already part-time: nothing new. */
  found = sd_org_check_part_time (store, sun);
  g_assert_cmpuint (found->len, ==, 0);
  g_ptr_array_unref (found);

  found = sd_org_check_part_time (store, wu);
  g_assert_cmpuint (found->len, ==, 0);
  assert_prediction (store, found, NULL, wu);
  g_ptr_array_unref (found);
}

static void
count_cb (guint *counter)
{
  (*counter)++;
}

typedef struct
{
  guint removed;
  guint added;
  guint signals;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->removed += removed;
  changes->added += added;
  changes->signals++;
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  SdStore *store = fixture->store;
  g_autoptr(SdViolationList) list = sd_violation_list_new (store);
  SdPerson *zhou = add_person (store, "周静", TRUE);
  SdPost *admin = add_post (store, "安全管理员", "security-admin", 0, FALSE, FALSE);
  SdPost *auditor = add_post (store, "安全审计员", "security-auditor", 0, FALSE, FALSE);
  SdBody *body = add_body (store, "网络安全工作组", "working");
  SdPostHolder *holder;
  g_autoptr(SdViolation) first = NULL;
  g_autoptr(SdViolation) again = NULL;
  guint notified = 0;
  Changes changes = { 0 };
  guint n_items;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == SD_TYPE_VIOLATION);
  g_signal_connect_swapped (list, "notify::n-items", G_CALLBACK (count_cb), &notified);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* The first check runs once idle, or at a flush. */
  sd_violation_list_flush (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (notified, ==, 1);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (sd_violation_get_rule_id (first), ==, "vacant-body-seat");

  /* An edit: the list catches up once the main loop is idle, and the
   * violation that stayed is the same object. */
  add_holder (store, admin, zhou, TRUE);
  holder = add_holder (store, auditor, zhou, TRUE);
  changes = (Changes) { 0 };
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_object_get (list, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, 2);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpuint (changes.signals, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);
  again = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_true (again == first);

  /* Fixing both; the flush does it at once. */
  g_assert_true (sd_store_delete (store, holder, NULL));
  add_member (store, body, zhou, "leader");
  add_member (store, body, add_person (store, "冯强", TRUE), "member");
  changes = (Changes) { 0 };
  sd_violation_list_flush (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (notified, ==, 3);
  g_assert_cmpuint (changes.signals, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 2);

  /* Nothing pending: a flush changes nothing. */
  sd_violation_list_flush (list);
  g_assert_cmpuint (notified, ==, 3);
  g_assert_cmpuint (changes.signals, ==, 1);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* With a delay, the first check still runs once idle, but after a change
 * the list waits for the delay: edits in a row give one check, later. */
static void
test_list_delay (Fixture       *fixture,
                 gconstpointer  data)
{
  SdStore *store = fixture->store;
  g_autoptr(SdViolationList) list = sd_violation_list_new (store);
  SdPerson *zhou = add_person (store, "周静", TRUE);
  SdPost *admin = add_post (store, "安全管理员", "security-admin", 0, FALSE, FALSE);
  SdPost *auditor = add_post (store, "安全审计员", "security-auditor", 0, FALSE, FALSE);
  SdPostHolder *holder;
  Changes changes = { 0 };
  gboolean waited = FALSE;

  sd_violation_list_set_delay (list, 100);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  /* Incompatible posts: one violation, not yet seen while idle. */
  add_holder (store, admin, zhou, TRUE);
  holder = add_holder (store, auditor, zhou, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (changes.signals, ==, 0);

  g_timeout_add (300, timeout_cb, &waited);
  while (!waited)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (changes.signals, ==, 1);

  /* A flush does not wait. */
  g_assert_true (sd_store_delete (store, holder, NULL));
  sd_violation_list_flush (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

static void
test_list_outlives_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  SdViolationList *list = sd_violation_list_new (fixture->store);

  /* The pending check goes with the list: no idle runs on a dead one. */
  g_object_add_weak_pointer (G_OBJECT (list), (gpointer *) &list);
  g_object_unref (list);
  g_assert_null (list);
  add_person (fixture->store, "周静", TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_to_line (void)
{
  g_autoptr(SdViolation) v = NULL;
  g_autofree char *line = NULL;

  v = sd_violation_new ("key-post-understaffed", "系统管理员 (网络安全管理部)",
                        "The key post has only one holder.", SD_TYPE_POST, 7);
  line = sd_violation_to_line (v);
  g_assert_cmpstr (line, ==,
                   "key-post-understaffed\t系统管理员 (网络安全管理部)\t"
                   "The key post has only one holder.");
  g_clear_pointer (&line, g_free);
  g_clear_object (&v);

  /* A tab or line break inside a field would split the line. */
  v = sd_violation_new ("vacant-body-seat", "A\tB", "one\ntwo", SD_TYPE_BODY, 1);
  line = sd_violation_to_line (v);
  g_assert_cmpstr (line, ==, "vacant-body-seat\tA B\tone two");
  g_assert_true (sd_violation_get_target_type (v) == SD_TYPE_BODY);
  g_assert_cmpint (sd_violation_get_target_id (v), ==, 1);

  g_assert_cmpstr (sd_org_rule_get_label ("incompatible-posts"), ==, "Incompatible posts");
  g_assert_cmpstr (sd_org_rule_get_label ("no-such-rule"), ==, "no-such-rule");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/org-rules/empty", test_empty);
  ADD ("/org-rules/incompatible-posts", test_incompatible);
  ADD ("/org-rules/incompatible-posts/by-id", test_incompatible_posts_by_id);
  ADD ("/org-rules/key-post-understaffed", test_key_post);
  ADD ("/org-rules/full-time-required", test_full_time);
  ADD ("/org-rules/missing-liaison", test_missing_liaison);
  ADD ("/org-rules/liaison-ratio", test_liaison_ratio);
  ADD ("/org-rules/liaison-ratio/without-liaison", test_ratio_without_liaison);
  ADD ("/org-rules/vacant-body-seat", test_vacant_body_seat);
  ADD ("/org-rules/new-holder", test_new_holder);
  ADD ("/org-rules/part-time", test_part_time);
  ADD ("/org-rules/list", test_list);
  ADD ("/org-rules/list/dispose", test_list_outlives_nothing);
  ADD ("/org-rules/list/delay", test_list_delay);
  g_test_add_func ("/org-rules/to-line", test_to_line);

#undef ADD

  return g_test_run ();
}
