/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sd-assignment.h"
#include "sd-body.h"
#include "sd-body-member.h"
#include "sd-duty.h"
#include "sd-person.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-signoff.h"
#include "sd-statement.h"
#include "sd-statement-changes.h"
#include "sd-store.h"
#include "sd-unit.h"

/* The organisation every test starts from. 信息部 (head 张伟) has two posts
 * and its head sits in two bodies; 财务处 (head 李娜) has a post of its own
 * and its head sits in one of the same bodies and in a third. 王芳 holds a
 * post of 信息部 but has left (inactive). */

typedef struct
{
  const char *name;
  const char *kind;
  const char *parent;
  const char *head;
} UnitRow;

static const UnitRow unit_rows[] = {
  { "示例公司", "company", NULL, NULL },
  { "信息部", "department", "示例公司", "张伟" },
  { "财务处", "department", "示例公司", "李娜" },
};

typedef struct
{
  const char *name;
  gboolean    active;
} PersonRow;

static const PersonRow person_rows[] = {
  { "张伟", TRUE }, { "李明", TRUE }, { "周静", TRUE }, { "王芳", FALSE }, { "李娜", TRUE },
  { "赵强", TRUE },
};

typedef struct
{
  const char *name;
  const char *unit;
} PostRow;

static const PostRow post_rows[] = {
  { "安全管理员", "信息部" }, { "系统管理员", "信息部" }, { "会计", "财务处" },
};

typedef struct
{
  const char *post;
  const char *person;
} HolderRow;

static const HolderRow holder_rows[] = {
  { "安全管理员", "李明" }, { "安全管理员", "周静" }, { "安全管理员", "王芳" },
  { "系统管理员", "李明" }, { "会计", "赵强" },
};

typedef struct
{
  const char *name;
  const char *kind;
} BodyRow;

static const BodyRow body_rows[] = {
  { "网络安全工作组", "working" }, { "网络安全领导小组", "leadership" },
  { "应急处置小组", "emergency" },
};

typedef struct
{
  const char *body;
  const char *person;
  const char *role;
} MemberRow;

static const MemberRow member_rows[] = {
  { "网络安全工作组", "张伟", "member" }, { "网络安全领导小组", "张伟", "deputy" },
  { "网络安全领导小组", "李娜", "leader" }, { "应急处置小组", "李娜", "leader" },
};

typedef struct
{
  const char *code;
  const char *area;
  const char *text;
  const char *source;
  int         position;
} DutyRow;

static const DutyRow duty_rows[] = {
  { "001-1", "领导职责", "统筹本单位网络安全工作；\n定期研究部署。", "003 第5条", 1 },
  { "000-9", "领导职责", "审定安全策略", "003 第4条", 1 },
  { "003-12.2", "管理员职责", "落实本单位网络安全工作。", "003 第12条第2项", 2 },
  { "004-1", "工作组职责", "组织开展监督检查", NULL, 3 },
  { "005-1", "财务", "保管财务数据", "004 第6条", 4 },
};

typedef struct
{
  const char  *duty;
  SdPartyKind  kind;
  const char  *party;
  const char  *role;
} AssignmentRow;

static const AssignmentRow assignment_rows[] = {
  { "001-1", SD_PARTY_UNIT, "信息部", "R" },
  { "001-1", SD_PARTY_POST, "安全管理员", "A" },
  { "000-9", SD_PARTY_POST, "系统管理员", "R" },
  { "003-12.2", SD_PARTY_POST, "系统管理员", "C" },
  { "003-12.2", SD_PARTY_BODY, "网络安全工作组", "R" },
  { "004-1", SD_PARTY_BODY, "网络安全领导小组", "I" },
  { "005-1", SD_PARTY_POST, "会计", "R" },
  { "005-1", SD_PARTY_BODY, "应急处置小组", "A" },
};

static const char expected_text[] =
  "Responsibility statement 安全责任书\n"
  "Unit 单位: 信息部\n"
  "Head 负责人: 张伟\n"
  "Post 岗位: 安全管理员 | Holders 在岗: 周静, 李明\n"
  "Post 岗位: 系统管理员 | Holders 在岗: 李明\n"
  "Body 机构: 网络安全工作组 | Seat 席位: Member 成员\n"
  "Body 机构: 网络安全领导小组 | Seat 席位: Deputy leader 副组长\n"
  "Duty 职责: 000-9 | Party 承担方: 系统管理员 | Role 角色: R | 审定安全策略"
  " | Source 来源: 003 第4条\n"
  "Duty 职责: 001-1 | Party 承担方: 信息部 | Role 角色: R | 统筹本单位网络安全工作；\\n定期研究部署。"
  " | Source 来源: 003 第5条\n"
  "Duty 职责: 001-1 | Party 承担方: 安全管理员 | Role 角色: A | 统筹本单位网络安全工作；\\n定期研究部署。"
  " | Source 来源: 003 第5条\n"
  "Duty 职责: 003-12.2 | Party 承担方: 系统管理员 | Role 角色: C | 落实本单位网络安全工作。"
  " | Source 来源: 003 第12条第2项\n"
  "Duty 职责: 003-12.2 | Party 承担方: 网络安全工作组 | Role 角色: R | 落实本单位网络安全工作。"
  " | Source 来源: 003 第12条第2项\n"
  "Duty 职责: 004-1 | Party 承担方: 网络安全领导小组 | Role 角色: I | 组织开展监督检查"
  " | Source 来源: none 无\n";

/* Fixture */

typedef struct
{
  char    *dir;
  char    *path;
  SdStore *store;
} Fixture;

static void
build_organisation (SdStore  *store,
                    gboolean  reversed);

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sd-test-statement-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static SdStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  SdStore *store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = make_temp_dir ();
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = open_store (fixture->path);
  build_organisation (fixture->store, FALSE);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Helpers */

static gpointer
find_named (SdStore    *store,
            GType       type,
            const char *name)
{
  GListModel *model = sd_store_get_items (store, type);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *item_name = NULL;

      g_object_get (item, type == SD_TYPE_DUTY ? "code" : "name", &item_name, NULL);
      if (g_strcmp0 (item_name, name) == 0)
        return item;   /* the store's model keeps it */
    }
  g_error ("no %s named %s", g_type_name (type), name);
  return NULL;
}

static gint64
id_of (SdStore    *store,
       GType       type,
       const char *name)
{
  return name != NULL ? sd_item_get_id (find_named (store, type, name)) : 0;
}

static SdUnit *
unit_named (SdStore    *store,
            const char *name)
{
  return find_named (store, SD_TYPE_UNIT, name);
}

static SdAssignment *
find_assignment (SdStore     *store,
                 const char  *code,
                 SdPartyKind  kind,
                 const char  *party)
{
  GListModel *model = sd_store_get_items (store, SD_TYPE_ASSIGNMENT);
  gint64 duty_id = id_of (store, SD_TYPE_DUTY, code);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdAssignment) assignment = g_list_model_get_item (model, i);
      gint64 party_id;

      if (sd_assignment_get_duty_id (assignment) != duty_id)
        continue;
      switch (kind)
        {
        case SD_PARTY_UNIT:
          party_id = sd_assignment_get_unit_id (assignment);
          break;
        case SD_PARTY_POST:
          party_id = sd_assignment_get_post_id (assignment);
          break;
        case SD_PARTY_BODY:
        default:
          party_id = sd_assignment_get_body_id (assignment);
          break;
        }
      if (party_id != 0
          && party_id == id_of (store,
                                kind == SD_PARTY_UNIT ? SD_TYPE_UNIT
                                : kind == SD_PARTY_POST ? SD_TYPE_POST : SD_TYPE_BODY,
                                party))
        return assignment;
    }
  g_error ("no assignment of %s to %s", code, party);
  return NULL;
}

static void
insert_assignment (SdStore             *store,
                   const AssignmentRow *row)
{
  g_autoptr(GError) error = NULL;
  const char *party_property = row->kind == SD_PARTY_UNIT ? "unit-id"
                               : row->kind == SD_PARTY_POST ? "post-id" : "body-id";
  GType party_type = row->kind == SD_PARTY_UNIT ? SD_TYPE_UNIT
                     : row->kind == SD_PARTY_POST ? SD_TYPE_POST : SD_TYPE_BODY;

  g_assert_nonnull (sd_store_insert (store, SD_TYPE_ASSIGNMENT, &error,
                                     "duty-id", id_of (store, SD_TYPE_DUTY, row->duty),
                                     party_property, id_of (store, party_type, row->party),
                                     "role", row->role, NULL));
  g_assert_no_error (error);
}

static void
insert_holder (SdStore    *store,
               const char *post,
               const char *person)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (sd_store_insert (store, SD_TYPE_POST_HOLDER, &error,
                                     "post-id", id_of (store, SD_TYPE_POST, post),
                                     "person-id", id_of (store, SD_TYPE_PERSON, person),
                                     NULL));
  g_assert_no_error (error);
}

#define ROW(rows, i, reversed) (&(rows)[(reversed) ? G_N_ELEMENTS (rows) - 1 - (i) : (i)])

/* Inserts the organisation, every table in the given or the reverse order
 * (so that ids and the order of the rows differ). */
static void
build_organisation (SdStore  *store,
                    gboolean  reversed)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (person_rows); i++)
    {
      const PersonRow *row = ROW (person_rows, i, reversed);

      g_assert_nonnull (sd_store_insert (store, SD_TYPE_PERSON, &error, "name", row->name,
                                         "active", row->active, NULL));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (unit_rows); i++)
    {
      const UnitRow *row = ROW (unit_rows, i, reversed);

      g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", row->name,
                                         "kind", row->kind,
                                         "head-id", id_of (store, SD_TYPE_PERSON, row->head),
                                         NULL));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (unit_rows); i++)
    {
      const UnitRow *row = ROW (unit_rows, i, reversed);

      g_assert_true (sd_store_update (store, unit_named (store, row->name), &error,
                                      "parent-id", id_of (store, SD_TYPE_UNIT, row->parent),
                                      NULL));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (post_rows); i++)
    {
      const PostRow *row = ROW (post_rows, i, reversed);

      g_assert_nonnull (sd_store_insert (store, SD_TYPE_POST, &error, "name", row->name,
                                         "unit-id", id_of (store, SD_TYPE_UNIT, row->unit),
                                         NULL));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (holder_rows); i++)
    {
      const HolderRow *row = ROW (holder_rows, i, reversed);

      insert_holder (store, row->post, row->person);
    }
  for (guint i = 0; i < G_N_ELEMENTS (body_rows); i++)
    {
      const BodyRow *row = ROW (body_rows, i, reversed);

      g_assert_nonnull (sd_store_insert (store, SD_TYPE_BODY, &error, "name", row->name,
                                         "kind", row->kind, NULL));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (member_rows); i++)
    {
      const MemberRow *row = ROW (member_rows, i, reversed);

      g_assert_nonnull (sd_store_insert (store, SD_TYPE_BODY_MEMBER, &error,
                                         "body-id", id_of (store, SD_TYPE_BODY, row->body),
                                         "person-id", id_of (store, SD_TYPE_PERSON, row->person),
                                         "role", row->role, NULL));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (duty_rows); i++)
    {
      const DutyRow *row = ROW (duty_rows, i, reversed);

      g_assert_nonnull (sd_store_insert (store, SD_TYPE_DUTY, &error, "code", row->code,
                                         "area", row->area, "text", row->text,
                                         "source", row->source, "position", row->position,
                                         NULL));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (assignment_rows); i++)
    insert_assignment (store, ROW (assignment_rows, i, reversed));
}

static char *
canonical_of (SdStore    *store,
              const char *unit_name)
{
  g_autoptr(SdStatement) statement = sd_statement_new (store, unit_named (store, unit_name));

  return sd_statement_to_canonical (statement);
}

static SdSignoff *
sign (SdStore    *store,
      const char *unit_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStatement) statement = sd_statement_new (store, unit_named (store, unit_name));
  SdSignoff *signoff;

  signoff = sd_statement_sign (store, statement, "张伟",
                               id_of (store, SD_TYPE_PERSON, "张伟"),
                               NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (signoff);
  return signoff;
}

static SdSignState
state_of (SdStore    *store,
          const char *unit_name)
{
  g_autoptr(SdSignStatus) status = sd_sign_status_new (store, unit_named (store, unit_name));

  return status->state;
}

/* The time of the last audit entry of one row. */
static char *
last_audit_time (SdStore    *store,
                 const char *entity,
                 gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sd_store_get_audit_entries (store, entity, id, &error);
  SdAuditEntry *entry;

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 0);
  entry = g_ptr_array_index (entries, entries->len - 1);
  return g_strdup (entry->at);
}

static gboolean
lines_contain (GPtrArray  *changes,
               SdDiffOp    op,
               const char *line)
{
  for (guint i = 0; i < changes->len; i++)
    {
      SdDiffLine *change = g_ptr_array_index (changes, i);

      if (change->op == op && strcmp (change->line, line) == 0)
        return TRUE;
    }
  return FALSE;
}

static guint
count_op (GPtrArray *changes,
          SdDiffOp   op)
{
  guint n = 0;

  for (guint i = 0; i < changes->len; i++)
    n += ((SdDiffLine *) g_ptr_array_index (changes, i))->op == op;
  return n;
}

static void
dump_changes (GPtrArray *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      SdDiffLine *change = g_ptr_array_index (changes, i);

      g_test_message ("%c %s", change->op == SD_DIFF_ADDED ? '+' : '-', change->line);
    }
}

/* Canonical text */

static void
test_canonical_text (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *text = canonical_of (fixture->store, "信息部");
  g_autofree char *hash = sd_statement_hash (text);
  g_autofree char *expected_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                                  expected_text, -1);
  g_autoptr(SdStatement) statement =
    sd_statement_new (fixture->store, unit_named (fixture->store, "信息部"));
  SdStatementDuty *duty;

  g_assert_cmpstr (text, ==, expected_text);
  g_assert_cmpuint (strlen (hash), ==, 64);
  g_assert_cmpstr (hash, ==, expected_hash);

  /* The structure behind it. */
  g_assert_cmpstr (statement->unit_name, ==, "信息部");
  g_assert_cmpint (statement->head_id, ==, id_of (fixture->store, SD_TYPE_PERSON, "张伟"));
  g_assert_cmpuint (statement->posts->len, ==, 2);
  g_assert_cmpuint (statement->bodies->len, ==, 2);
  g_assert_cmpuint (statement->duties->len, ==, 6);
  duty = g_ptr_array_index (statement->duties, 5);
  g_assert_cmpstr (duty->code, ==, "004-1");
  g_assert_cmpstr (duty->area, ==, "工作组职责");
  g_assert_cmpstr (duty->source, ==, "");
  g_assert_cmpint (duty->party_kind, ==, SD_PARTY_BODY);
  g_assert_cmpint (duty->party_id, ==, id_of (fixture->store, SD_TYPE_BODY, "网络安全领导小组"));
  g_assert_cmpint (duty->role, ==, 'I');

  /* A unit with no head and no posts still has its header lines. */
  g_free (text);
  text = canonical_of (fixture->store, "示例公司");
  g_assert_cmpstr (text, ==,
                   "Responsibility statement 安全责任书\n"
                   "Unit 单位: 示例公司\n"
                   "Head 负责人: none 无\n");
}

static void
test_canonical_insertion_order (void)
{
  g_autofree char *dir_a = make_temp_dir ();
  g_autofree char *dir_b = make_temp_dir ();
  g_autofree char *path_a = g_build_filename (dir_a, "a.db", NULL);
  g_autofree char *path_b = g_build_filename (dir_b, "b.db", NULL);
  g_autoptr(SdStore) a = open_store (path_a);
  g_autoptr(SdStore) b = open_store (path_b);

  build_organisation (a, FALSE);
  build_organisation (b, TRUE);

  /* The rows really are in another order, with other ids. */
  g_assert_cmpint (id_of (a, SD_TYPE_PERSON, "张伟"), !=, id_of (b, SD_TYPE_PERSON, "张伟"));
  g_assert_cmpint (id_of (a, SD_TYPE_DUTY, "001-1"), !=, id_of (b, SD_TYPE_DUTY, "001-1"));

  for (guint i = 0; i < G_N_ELEMENTS (unit_rows); i++)
    {
      g_autofree char *text_a = canonical_of (a, unit_rows[i].name);
      g_autofree char *text_b = canonical_of (b, unit_rows[i].name);

      g_assert_cmpstr (text_a, ==, text_b);
    }

  g_clear_object (&a);
  g_clear_object (&b);
  remove_dir (dir_a);
  remove_dir (dir_b);
}

static void
test_canonical_locale (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *before = canonical_of (fixture->store, "信息部");
  g_autofree char *after = NULL;
  g_autofree char *old_language = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *old_locale = g_strdup (setlocale (LC_ALL, NULL));

  g_setenv ("LANGUAGE", "zh_CN:zh_TW", TRUE);
  g_setenv ("LC_ALL", "C", TRUE);
  setlocale (LC_ALL, "");
  after = canonical_of (fixture->store, "信息部");
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (after, ==, expected_text);

  if (old_language != NULL)
    g_setenv ("LANGUAGE", old_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  g_unsetenv ("LC_ALL");
  setlocale (LC_ALL, old_locale);
}

/* A covered change turns a sign-off outdated and the diff names it. */

typedef struct
{
  const char *name;
  /* Makes the change; returns the entity and id of the row whose audit
   * entry records it. */
  void      (*change) (SdStore     *store,
                       const char **entity,
                       gint64      *id);
  const char *removed[6];
  const char *added[6];
} ChangeCase;

static void
update_or_fail (SdStore    *store,
                gpointer    item,
                const char *property,
                ...)
{
  g_autoptr(GError) error = NULL;
  GValue value = G_VALUE_INIT;
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), property);
  va_list args;
  const char *names[1] = { property };

  g_assert_nonnull (pspec);
  g_value_init (&value, pspec->value_type);
  va_start (args, property);
  switch (pspec->value_type)
    {
    case G_TYPE_STRING:
      g_value_set_string (&value, va_arg (args, const char *));
      break;
    case G_TYPE_INT64:
      g_value_set_int64 (&value, va_arg (args, gint64));
      break;
    case G_TYPE_BOOLEAN:
      g_value_set_boolean (&value, va_arg (args, gboolean));
      break;
    default:
      g_assert_not_reached ();
    }
  va_end (args);
  g_assert_true (sd_store_updatev (store, item, 1, names, &value, &error));
  g_assert_no_error (error);
  g_value_unset (&value);
}

static void
change_duty_text (SdStore     *store,
                  const char **entity,
                  gint64      *id)
{
  SdDuty *duty = find_named (store, SD_TYPE_DUTY, "003-12.2");

  update_or_fail (store, duty, "text", "落实并检查本单位网络安全工作。");
  *entity = "duties";
  *id = sd_item_get_id (SD_ITEM (duty));
}

static void
change_role (SdStore     *store,
             const char **entity,
             gint64      *id)
{
  SdAssignment *assignment = find_assignment (store, "001-1", SD_PARTY_POST, "安全管理员");

  update_or_fail (store, assignment, "role", "C");
  *entity = "assignments";
  *id = sd_item_get_id (SD_ITEM (assignment));
}

static void
add_assignment (SdStore     *store,
                const char **entity,
                gint64      *id)
{
  static const AssignmentRow row = { "004-1", SD_PARTY_POST, "安全管理员", "R" };

  insert_assignment (store, &row);
  *entity = "assignments";
  *id = sd_item_get_id (SD_ITEM (find_assignment (store, "004-1", SD_PARTY_POST,
                                                  "安全管理员")));
}

static void
remove_assignment (SdStore     *store,
                   const char **entity,
                   gint64      *id)
{
  g_autoptr(GError) error = NULL;
  SdAssignment *assignment = find_assignment (store, "003-12.2", SD_PARTY_BODY, "网络安全工作组");

  *entity = "assignments";
  *id = sd_item_get_id (SD_ITEM (assignment));
  g_assert_true (sd_store_delete (store, assignment, &error));
  g_assert_no_error (error);
}

static void
add_holder (SdStore     *store,
            const char **entity,
            gint64      *id)
{
  GListModel *holders = sd_store_get_items (store, SD_TYPE_POST_HOLDER);
  g_autoptr(SdPostHolder) holder = NULL;

  insert_holder (store, "系统管理员", "张伟");
  holder = g_list_model_get_item (holders, g_list_model_get_n_items (holders) - 1);
  g_assert_cmpint (sd_post_holder_get_person_id (holder), ==,
                   id_of (store, SD_TYPE_PERSON, "张伟"));
  *entity = "post_holders";
  *id = sd_item_get_id (SD_ITEM (holder));
}

static void
holder_leaves (SdStore     *store,
               const char **entity,
               gint64      *id)
{
  SdPerson *person = find_named (store, SD_TYPE_PERSON, "周静");

  update_or_fail (store, person, "active", FALSE);
  *entity = "people";
  *id = sd_item_get_id (SD_ITEM (person));
}

static void
change_head (SdStore     *store,
             const char **entity,
             gint64      *id)
{
  SdUnit *unit = unit_named (store, "信息部");

  update_or_fail (store, unit, "head-id", id_of (store, SD_TYPE_PERSON, "李明"));
  *entity = "units";
  *id = sd_item_get_id (SD_ITEM (unit));
}

static void
rename_unit (SdStore     *store,
             const char **entity,
             gint64      *id)
{
  SdUnit *unit = unit_named (store, "信息部");

  update_or_fail (store, unit, "name", "信息技术部");
  *entity = "units";
  *id = sd_item_get_id (SD_ITEM (unit));
}

static void
rename_body (SdStore     *store,
             const char **entity,
             gint64      *id)
{
  SdBody *body = find_named (store, SD_TYPE_BODY, "网络安全领导小组");

  update_or_fail (store, body, "name", "网络安全和信息化领导小组");
  *entity = "bodies";
  *id = sd_item_get_id (SD_ITEM (body));
}

#define TEXT_001 "统筹本单位网络安全工作；\\n定期研究部署。 | Source 来源: 003 第5条"
#define TEXT_003 "落实本单位网络安全工作。 | Source 来源: 003 第12条第2项"
#define TEXT_003_NEW "落实并检查本单位网络安全工作。 | Source 来源: 003 第12条第2项"
#define TEXT_004 "组织开展监督检查 | Source 来源: none 无"

static const ChangeCase change_cases[] = {
  { "duty-text", change_duty_text,
    { "Duty 职责: 003-12.2 | Party 承担方: 系统管理员 | Role 角色: C | " TEXT_003,
      "Duty 职责: 003-12.2 | Party 承担方: 网络安全工作组 | Role 角色: R | " TEXT_003 },
    { "Duty 职责: 003-12.2 | Party 承担方: 系统管理员 | Role 角色: C | " TEXT_003_NEW,
      "Duty 职责: 003-12.2 | Party 承担方: 网络安全工作组 | Role 角色: R | " TEXT_003_NEW } },
  { "role", change_role,
    { "Duty 职责: 001-1 | Party 承担方: 安全管理员 | Role 角色: A | " TEXT_001 },
    { "Duty 职责: 001-1 | Party 承担方: 安全管理员 | Role 角色: C | " TEXT_001 } },
  { "add-assignment", add_assignment,
    { NULL },
    { "Duty 职责: 004-1 | Party 承担方: 安全管理员 | Role 角色: R | " TEXT_004 } },
  { "remove-assignment", remove_assignment,
    { "Duty 职责: 003-12.2 | Party 承担方: 网络安全工作组 | Role 角色: R | " TEXT_003 },
    { NULL } },
  { "post-holder", add_holder,
    { "Post 岗位: 系统管理员 | Holders 在岗: 李明" },
    { "Post 岗位: 系统管理员 | Holders 在岗: 张伟, 李明" } },
  { "holder-inactive", holder_leaves,
    { "Post 岗位: 安全管理员 | Holders 在岗: 周静, 李明" },
    { "Post 岗位: 安全管理员 | Holders 在岗: 李明" } },
  /* The new head sits in no body: the bodies and their duties go. */
  { "head", change_head,
    { "Head 负责人: 张伟",
      "Body 机构: 网络安全工作组 | Seat 席位: Member 成员",
      "Body 机构: 网络安全领导小组 | Seat 席位: Deputy leader 副组长",
      "Duty 职责: 003-12.2 | Party 承担方: 网络安全工作组 | Role 角色: R | " TEXT_003,
      "Duty 职责: 004-1 | Party 承担方: 网络安全领导小组 | Role 角色: I | " TEXT_004 },
    { "Head 负责人: 李明" } },
  { "unit-name", rename_unit,
    { "Unit 单位: 信息部",
      "Duty 职责: 001-1 | Party 承担方: 信息部 | Role 角色: R | " TEXT_001 },
    { "Unit 单位: 信息技术部",
      "Duty 职责: 001-1 | Party 承担方: 信息技术部 | Role 角色: R | " TEXT_001 } },
  { "body-name", rename_body,
    { "Body 机构: 网络安全领导小组 | Seat 席位: Deputy leader 副组长",
      "Duty 职责: 004-1 | Party 承担方: 网络安全领导小组 | Role 角色: I | " TEXT_004 },
    { "Body 机构: 网络安全和信息化领导小组 | Seat 席位: Deputy leader 副组长",
      "Duty 职责: 004-1 | Party 承担方: 网络安全和信息化领导小组 | Role 角色: I | " TEXT_004 } },
};

/* Changes that another unit's statement covers, not 信息部's. */
static void
make_unrelated_changes (SdStore *store)
{
  g_autoptr(GError) error = NULL;

  insert_holder (store, "会计", "周静");
  update_or_fail (store, find_named (store, SD_TYPE_BODY, "应急处置小组"), "name", "应急小组");
  update_or_fail (store, find_named (store, SD_TYPE_DUTY, "005-1"), "text", "保管财务数据和凭证");
  /* Columns the text does not show. */
  update_or_fail (store, find_named (store, SD_TYPE_POST, "安全管理员"), "description",
                  "负责日常安全管理");
  update_or_fail (store, find_named (store, SD_TYPE_PERSON, "张伟"), "job-title", "部长");
  g_assert_no_error (error);
}

static void
test_change (Fixture       *fixture,
             gconstpointer  data)
{
  const ChangeCase *change_case = data;
  SdStore *store = fixture->store;
  g_autofree char *before = canonical_of (store, "信息部");
  g_autofree char *since = NULL;
  g_autofree char *changed_at = NULL;
  g_autoptr(SdSignStatus) status = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_auto(GStrv) before_lines = NULL;
  SdSignoff *signoff;
  const char *entity = NULL;
  gint64 id = 0;
  guint n_removed = 0, n_added = 0;

  signoff = sign (store, "信息部");
  g_assert_cmpint (state_of (store, "信息部"), ==, SD_SIGN_STATE_CURRENT);

  make_unrelated_changes (store);
  g_assert_cmpint (state_of (store, "信息部"), ==, SD_SIGN_STATE_CURRENT);
  g_assert_null (sd_signoff_outdated_since (store, signoff));

  change_case->change (store, &entity, &id);
  changed_at = last_audit_time (store, entity, id);

  status = sd_sign_status_new (store, find_named (store, SD_TYPE_UNIT,
                                                  strcmp (change_case->name, "unit-name") == 0
                                                  ? "信息技术部" : "信息部"));
  g_assert_cmpint (status->state, ==, SD_SIGN_STATE_OUTDATED);
  g_assert_true (status->latest == signoff);
  g_assert_cmpstr (sd_signoff_get_canonical_text (signoff), ==, before);

  changes = sd_text_diff_changes (sd_signoff_get_canonical_text (signoff), status->text);
  dump_changes (changes);
  g_assert_cmpuint (status->n_changes, ==, changes->len);
  for (guint i = 0; i < G_N_ELEMENTS (change_case->removed) && change_case->removed[i]; i++)
    {
      g_assert_true (lines_contain (changes, SD_DIFF_REMOVED, change_case->removed[i]));
      n_removed++;
    }
  for (guint i = 0; i < G_N_ELEMENTS (change_case->added) && change_case->added[i]; i++)
    {
      g_assert_true (lines_contain (changes, SD_DIFF_ADDED, change_case->added[i]));
      n_added++;
    }
  /* Only what changed. */
  g_assert_cmpuint (count_op (changes, SD_DIFF_REMOVED), ==, n_removed);
  g_assert_cmpuint (count_op (changes, SD_DIFF_ADDED), ==, n_added);

  /* The full diff has every line of both texts. */
  all = sd_text_diff (sd_signoff_get_canonical_text (signoff), status->text);
  before_lines = g_strsplit (before, "\n", -1);
  g_assert_cmpuint (all->len - count_op (all, SD_DIFF_ADDED), ==,
                    g_strv_length (before_lines) - 1);

  /* When: the change, not the unrelated edits before it. */
  since = sd_signoff_outdated_since (store, signoff);
  g_assert_cmpstr (since, ==, changed_at);

  /* A later change does not move it. */
  update_or_fail (store, find_named (store, SD_TYPE_DUTY, "000-9"), "text", "审定安全策略和规程");
  g_free (since);
  since = sd_signoff_outdated_since (store, signoff);
  g_assert_cmpstr (since, ==, changed_at);
}

static void
test_unrelated_changes (Fixture       *fixture,
                        gconstpointer  data)
{
  SdStore *store = fixture->store;
  SdSignoff *signoff = sign (store, "信息部");
  g_autoptr(SdSignStatus) status = NULL;

  make_unrelated_changes (store);
  /* Another unit's post holder, and a member of a body the head sits in. */
  insert_holder (store, "会计", "李明");
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_BODY_MEMBER, NULL,
                                     "body-id", id_of (store, SD_TYPE_BODY, "网络安全工作组"),
                                     "person-id", id_of (store, SD_TYPE_PERSON, "赵强"),
                                     "role", "member", NULL));

  status = sd_sign_status_new (store, unit_named (store, "信息部"));
  g_assert_cmpint (status->state, ==, SD_SIGN_STATE_CURRENT);
  g_assert_cmpuint (status->n_changes, ==, 0);
  g_assert_cmpstr (status->text, ==, sd_signoff_get_canonical_text (signoff));
  g_assert_null (sd_signoff_outdated_since (store, signoff));
}

static void
test_head_inactive (Fixture       *fixture,
                    gconstpointer  data)
{
  SdStore *store = fixture->store;
  g_autoptr(SdStatement) statement = NULL;
  g_autofree char *text = NULL;

  update_or_fail (store, find_named (store, SD_TYPE_PERSON, "张伟"), "active", FALSE);
  statement = sd_statement_new (store, unit_named (store, "信息部"));
  /* Who has left signs nothing, and their seats no longer count. */
  g_assert_cmpint (statement->head_id, ==, 0);
  g_assert_null (statement->head_name);
  g_assert_cmpuint (statement->bodies->len, ==, 0);
  g_assert_cmpuint (statement->duties->len, ==, 4);
  text = sd_statement_to_canonical (statement);
  g_assert_nonnull (strstr (text, "\nHead 负责人: none 无\n"));
  g_assert_null (strstr (text, "Body 机构"));
}

/* Line breaks and backslashes in a value are escaped, so that a value
 * stays on its line: "\\" for a backslash, "\n" for any line break. */
static void
test_canonical_escapes (Fixture       *fixture,
                        gconstpointer  data)
{
  SdStore *store = fixture->store;
  g_autoptr(SdStatement) statement = sd_statement_new (store, unit_named (store, "信息部"));
  SdStatementDuty *line = g_ptr_array_index (statement->duties, 0);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) list = NULL;

  update_or_fail (store, sd_store_lookup (store, SD_TYPE_DUTY, line->duty_id), "text",
                  "a\\b\r\nc\rd\ne\\");
  text = canonical_of (store, "信息部");
  g_assert_nonnull (strstr (text, " a\\\\b\\nc\\nd\\ne\\\\ "));

  /* The summary's lines are the same. */
  list = sd_sign_status_list (store);
  for (guint i = 0; i < list->len; i++)
    {
      SdSignStatus *status = g_ptr_array_index (list, i);

      if (g_str_equal (sd_unit_get_name (status->unit), "信息部"))
        g_assert_cmpstr (status->text, ==, text);
    }
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  SdStore *store = fixture->store;
  SdSignoff *first = sign (store, "信息部");
  SdSignoff *second;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(SdSignStatus) status = NULL;
  g_autofree char *first_text = g_strdup (sd_signoff_get_canonical_text (first));

  change_duty_text (store, &(const char *) { NULL }, &(gint64) { 0 });
  g_assert_cmpint (state_of (store, "信息部"), ==, SD_SIGN_STATE_OUTDATED);

  second = sign (store, "信息部");
  status = sd_sign_status_new (store, unit_named (store, "信息部"));
  g_assert_cmpint (status->state, ==, SD_SIGN_STATE_CURRENT);
  g_assert_true (status->latest == second);
  g_assert_true (sd_signoff_find_latest (store, id_of (store, SD_TYPE_UNIT, "信息部")) == second);
  g_assert_null (sd_signoff_outdated_since (store, second));

  history = sd_signoffs_for_unit (store, id_of (store, SD_TYPE_UNIT, "信息部"));
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_true (g_ptr_array_index (history, 0) == second);
  g_assert_true (g_ptr_array_index (history, 1) == first);
  g_assert_cmpstr (sd_signoff_get_canonical_text (first), ==, first_text);
  g_assert_cmpstr (sd_signoff_get_canonical_text (second), !=, first_text);

  /* The record holds what the header says. */
  g_assert_cmpstr (sd_signoff_get_signer_name (second), ==, "张伟");
  g_assert_cmpint (sd_signoff_get_signer_person_id (second), ==,
                   id_of (store, SD_TYPE_PERSON, "张伟"));
  g_assert_cmpstr (sd_signoff_get_meaning (second), ==, sd_statement_default_meaning ());
  {
    g_autofree char *hash = sd_statement_hash (sd_signoff_get_canonical_text (second));

    g_assert_cmpstr (sd_signoff_get_sha256 (second), ==, hash);
  }
  g_assert_true (sd_signoff_is_intact (first));
  g_assert_true (sd_signoff_is_intact (second));
  {
    g_autoptr(GDateTime) signed_at =
      g_date_time_new_from_iso8601 (sd_signoff_get_signed_at (second), NULL);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    g_assert_nonnull (signed_at);
    g_assert_cmpint (g_date_time_difference (now, signed_at), <, 60 * G_TIME_SPAN_SECOND);
    /* With its offset, as local time. */
    g_assert_true (g_str_has_suffix (sd_signoff_get_signed_at (second), "Z")
                   || strchr (sd_signoff_get_signed_at (second) + 19, '+') != NULL
                   || strchr (sd_signoff_get_signed_at (second) + 19, '-') != NULL);
  }

  /* Nothing for another unit. */
  g_ptr_array_unref (history);
  history = sd_signoffs_for_unit (store, id_of (store, SD_TYPE_UNIT, "财务处"));
  g_assert_cmpuint (history->len, ==, 0);
  g_assert_null (sd_signoff_find_latest (store, id_of (store, SD_TYPE_UNIT, "财务处")));
}

static void
test_sign_with_signature (Fixture       *fixture,
                          gconstpointer  data)
{
  SdStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStatement) statement = sd_statement_new (store, unit_named (store, "财务处"));
  g_autoptr(GBytes) signature = g_bytes_new_static ("M 0 0 L 10 10", 13);
  SdSignoff *signoff;

  /* A named signer from outside the organisation, with a meaning of its own. */
  signoff = sd_statement_sign (store, statement, "外部审计员", 0, "已审阅", signature, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sd_signoff_get_signer_person_id (signoff), ==, 0);
  g_assert_cmpstr (sd_signoff_get_meaning (signoff), ==, "已审阅");
  g_assert_true (g_bytes_equal (sd_signoff_get_signature (signoff), signature));

  /* A signer without a name is refused. */
  g_assert_null (sd_statement_sign (store, statement, "  ", 0, NULL, NULL, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
}

static void
test_append_only (Fixture       *fixture,
                  gconstpointer  data)
{
  SdStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(SdDeletion) deletion = NULL;
  SdSignoff *signoff = sign (store, "信息部");
  gint64 signoff_id = sd_item_get_id (SD_ITEM (signoff));
  gint64 signer_id = id_of (store, SD_TYPE_PERSON, "张伟");
  g_autofree char *text = g_strdup (sd_signoff_get_canonical_text (signoff));

  g_assert_false (sd_store_update (store, signoff, &error, "canonical-text", "x", NULL));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "A sign-off is a signed record and is never changed");
  g_clear_error (&error);
  g_assert_cmpstr (sd_signoff_get_canonical_text (signoff), ==, text);

  g_assert_false (sd_store_delete (store, signoff, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_null (sd_store_delete_with_undo (store, signoff, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_true (sd_store_lookup (store, SD_TYPE_SIGNOFF, signoff_id) == signoff);

  /* The unit signed for stays, and so does its parent. */
  g_assert_false (sd_store_delete (store, unit_named (store, "信息部"), &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (sd_store_delete (store, unit_named (store, "示例公司"), &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_nonnull (unit_named (store, "信息部"));

  /* The person who signed can still be deleted: the record keeps the
   * name, and only loses the link; undo puts the link back. */
  deletion = sd_store_delete_with_undo (store, find_named (store, SD_TYPE_PERSON, "张伟"),
                                        &error);
  g_assert_no_error (error);
  g_assert_nonnull (deletion);
  g_assert_true (sd_store_lookup (store, SD_TYPE_SIGNOFF, signoff_id) == signoff);
  g_assert_cmpint (sd_signoff_get_signer_person_id (signoff), ==, 0);
  g_assert_cmpstr (sd_signoff_get_signer_name (signoff), ==, "张伟");
  g_assert_true (sd_signoff_is_intact (signoff));
  g_assert_true (sd_store_undo_deletion (store, deletion, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sd_signoff_get_signer_person_id (signoff), ==, signer_id);

  /* And for good, through the file too. */
  g_assert_true (sd_store_delete (store, find_named (store, SD_TYPE_PERSON, "张伟"), &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->store);
  store = fixture->store = open_store (fixture->path);
  signoff = sd_store_lookup (store, SD_TYPE_SIGNOFF, signoff_id);
  g_assert_nonnull (signoff);
  g_assert_cmpint (sd_signoff_get_signer_person_id (signoff), ==, 0);
  g_assert_cmpstr (sd_signoff_get_canonical_text (signoff), ==, text);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
}

static void
test_tampered (Fixture       *fixture,
               gconstpointer  data)
{
  SdStore *store = fixture->store;
  SdSignoff *signoff = sign (store, "信息部");
  gint64 tampered_id = sd_item_get_id (SD_ITEM (signoff));
  g_autoptr(GPtrArray) tampered = NULL;
  g_autofree char *sql = NULL;

  sign (store, "财务处");
  tampered = sd_signoffs_find_tampered (store);
  g_assert_cmpuint (tampered->len, ==, 0);
  g_clear_pointer (&tampered, g_ptr_array_unref);

  /* Edited behind the app's back, with the file closed. */
  g_clear_object (&fixture->store);
  sql = g_strdup_printf ("UPDATE signoffs SET canonical_text = replace (canonical_text, "
                         "'Role 角色: A', 'Role 角色: C') WHERE id = %" G_GINT64_FORMAT,
                         tampered_id);
  exec_sql (fixture->path, sql);

  store = fixture->store = open_store (fixture->path);
  signoff = sd_store_lookup (store, SD_TYPE_SIGNOFF, tampered_id);
  g_assert_false (sd_signoff_is_intact (signoff));
  tampered = sd_signoffs_find_tampered (store);
  g_assert_cmpuint (tampered->len, ==, 1);
  g_assert_true (g_ptr_array_index (tampered, 0) == signoff);

  /* The hash changed instead of the text: found too. */
  g_clear_pointer (&tampered, g_ptr_array_unref);
  g_clear_object (&fixture->store);
  exec_sql (fixture->path, "UPDATE signoffs SET sha256 = replace (sha256, substr (sha256, 1, 1),"
                           " CASE substr (sha256, 1, 1) WHEN '0' THEN '1' ELSE '0' END)"
                           " WHERE unit_id = (SELECT id FROM units WHERE name = '财务处')");
  store = fixture->store = open_store (fixture->path);
  tampered = sd_signoffs_find_tampered (store);
  g_assert_cmpuint (tampered->len, ==, 2);
}

static void
test_status_list (Fixture       *fixture,
                  gconstpointer  data)
{
  SdStore *store = fixture->store;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  SdSignStatus *status;

  /* A section under 财务处, created before its parent in the list. */
  g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "会计组",
                                     "parent-id", id_of (store, SD_TYPE_UNIT, "财务处"),
                                     "position", -1, NULL));
  g_assert_no_error (error);
  sign (store, "信息部");

  list = sd_sign_status_list (store);
  g_assert_cmpuint (list->len, ==, 4);
  /* Tree order: each unit followed by its own. */
  status = g_ptr_array_index (list, 0);
  g_assert_cmpstr (sd_unit_get_name (status->unit), ==, "示例公司");
  g_assert_cmpint (status->state, ==, SD_SIGN_STATE_NOTHING);
  g_assert_null (status->latest);
  status = g_ptr_array_index (list, 1);
  g_assert_cmpstr (sd_unit_get_name (status->unit), ==, "信息部");
  g_assert_cmpint (status->state, ==, SD_SIGN_STATE_CURRENT);
  g_assert_cmpuint (status->n_duties, ==, 6);
  g_assert_nonnull (status->latest);
  status = g_ptr_array_index (list, 2);
  g_assert_cmpstr (sd_unit_get_name (status->unit), ==, "财务处");
  g_assert_cmpint (status->state, ==, SD_SIGN_STATE_NEVER);
  /* 会计 R, the leadership group I and the emergency group A. */
  g_assert_cmpuint (status->n_duties, ==, 3);
  status = g_ptr_array_index (list, 3);
  g_assert_cmpstr (sd_unit_get_name (status->unit), ==, "会计组");
  g_assert_cmpint (status->state, ==, SD_SIGN_STATE_NOTHING);

  /* The same as one by one. */
  for (guint i = 0; i < list->len; i++)
    {
      SdSignStatus *listed = g_ptr_array_index (list, i);
      g_autoptr(SdSignStatus) single = sd_sign_status_new (store, listed->unit);

      g_autoptr(SdStatement) statement = sd_statement_new (store, listed->unit);
      g_autofree char *canonical = sd_statement_to_canonical (statement);

      g_assert_cmpstr (single->text, ==, listed->text);
      g_assert_cmpstr (canonical, ==, listed->text);
      g_assert_cmpint (single->state, ==, listed->state);
      g_assert_true (single->latest == listed->latest);
    }

  change_role (store, &(const char *) { NULL }, &(gint64) { 0 });
  g_ptr_array_unref (list);
  list = sd_sign_status_list (store);
  status = g_ptr_array_index (list, 1);
  g_assert_cmpint (status->state, ==, SD_SIGN_STATE_OUTDATED);
  g_assert_cmpuint (status->n_changes, ==, 2);

  /* The brief list: the same without the texts. */
  {
    g_autoptr(GPtrArray) brief = sd_sign_status_list_brief (store);

    g_assert_cmpuint (brief->len, ==, list->len);
    for (guint i = 0; i < list->len; i++)
      {
        SdSignStatus *full = g_ptr_array_index (list, i);
        SdSignStatus *short_ = g_ptr_array_index (brief, i);

        g_assert_true (short_->unit == full->unit);
        g_assert_null (short_->text);
        g_assert_nonnull (full->text);
        g_assert_cmpint (short_->state, ==, full->state);
        g_assert_cmpuint (short_->n_duties, ==, full->n_duties);
        g_assert_cmpuint (short_->n_changes, ==, full->n_changes);
        g_assert_true (short_->latest == full->latest);
      }
  }
}

/* Incremental status: after each kind of edit, the units it touched are
 * found (and no others), and the list made from the previous one by
 * working out just those equals the list worked out from scratch. */

typedef struct
{
  SdStatementChanges *changes;
  GPtrArray          *touched;
} Tracker;

static void
tracker_item_changed_cb (SdStore *store,
                         SdItem  *item,
                         Tracker *tracker)
{
  if (sd_statement_changes_note (tracker->changes, item))
    g_ptr_array_add (tracker->touched, g_object_ref (item));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The names of the units touched since the last call, sorted and joined. */
static char *
tracker_take (Tracker    *tracker,
              SdStore    *store,
              GHashTable **units)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < tracker->touched->len; i++)
    sd_statement_changes_note (tracker->changes, g_ptr_array_index (tracker->touched, i));
  *units = sd_statement_changes_resolve (tracker->changes, store);
  sd_statement_changes_clear (tracker->changes);
  g_ptr_array_set_size (tracker->touched, 0);

  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, *units);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        SdUnit *unit = sd_store_lookup (store, SD_TYPE_UNIT, *(gint64 *) key);

        g_ptr_array_add (names, (gpointer) (unit != NULL ? sd_unit_get_name (unit) : "(gone)"));
      }
  }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

static void
assert_same_statuses (GPtrArray *incremental,
                      GPtrArray *full)
{
  g_assert_cmpuint (incremental->len, ==, full->len);
  for (guint i = 0; i < full->len; i++)
    {
      SdSignStatus *a = g_ptr_array_index (incremental, i);
      SdSignStatus *b = g_ptr_array_index (full, i);

      g_assert_true (a->unit == b->unit);
      g_assert_cmpint (a->state, ==, b->state);
      g_assert_true (a->latest == b->latest);
      g_assert_cmpuint (a->n_duties, ==, b->n_duties);
      g_assert_cmpuint (a->n_changes, ==, b->n_changes);
      g_assert_null (a->text);
    }
}

static void
edit_other_duty_text (SdStore *store)
{
  update_or_fail (store, find_named (store, SD_TYPE_DUTY, "005-1"), "text", "保管财务数据和凭证");
}

static void
edit_move_post (SdStore *store)
{
  update_or_fail (store, find_named (store, SD_TYPE_POST, "会计"), "unit-id",
                  id_of (store, SD_TYPE_UNIT, "信息部"));
}

static void
delete_or_fail (SdStore *store,
                gpointer item)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sd_store_delete (store, item, &error));
  g_assert_no_error (error);
}

static void
edit_delete_post (SdStore *store)
{
  delete_or_fail (store, find_named (store, SD_TYPE_POST, "系统管理员"));
}

static void
edit_delete_body (SdStore *store)
{
  delete_or_fail (store, find_named (store, SD_TYPE_BODY, "应急处置小组"));
}

static void
edit_delete_duty (SdStore *store)
{
  delete_or_fail (store, find_named (store, SD_TYPE_DUTY, "004-1"));
}

static void
edit_delete_person (SdStore *store)
{
  delete_or_fail (store, find_named (store, SD_TYPE_PERSON, "赵强"));
}

static void
edit_member_joins (SdStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (sd_store_insert (store, SD_TYPE_BODY_MEMBER, &error,
                                     "body-id", id_of (store, SD_TYPE_BODY, "应急处置小组"),
                                     "person-id", id_of (store, SD_TYPE_PERSON, "张伟"),
                                     "role", "member", NULL));
  g_assert_no_error (error);
}

static void
edit_member_leaves (SdStore *store)
{
  GListModel *members = sd_store_get_items (store, SD_TYPE_BODY_MEMBER);
  gint64 body_id = id_of (store, SD_TYPE_BODY, "网络安全领导小组");
  gint64 person_id = id_of (store, SD_TYPE_PERSON, "李娜");

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(SdBodyMember) member = g_list_model_get_item (members, i);

      if (sd_body_member_get_body_id (member) == body_id
          && sd_body_member_get_person_id (member) == person_id)
        {
          delete_or_fail (store, member);
          return;
        }
    }
  g_assert_not_reached ();
}

static void
edit_new_unit (SdStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (sd_store_insert (store, SD_TYPE_UNIT, &error, "name", "会计组",
                                     "parent-id", id_of (store, SD_TYPE_UNIT, "财务处"),
                                     "head-id", id_of (store, SD_TYPE_PERSON, "李娜"), NULL));
  g_assert_no_error (error);
}

static void
edit_reparent_unit (SdStore *store)
{
  update_or_fail (store, unit_named (store, "财务处"), "parent-id",
                  id_of (store, SD_TYPE_UNIT, "信息部"));
}

static void
edit_assignment_party (SdStore *store)
{
  update_or_fail (store, find_assignment (store, "005-1", SD_PARTY_POST, "会计"), "post-id",
                  id_of (store, SD_TYPE_POST, "安全管理员"));
}

static void
edit_sign (SdStore *store)
{
  sign (store, "财务处");
}

static void
edit_unrelated_columns (SdStore *store)
{
  update_or_fail (store, find_named (store, SD_TYPE_POST, "安全管理员"), "description",
                  "负责日常安全管理");
}

#define CHANGE_CASE_EDIT(fn) \
  static void fn##_edit (SdStore *store) { fn (store, &(const char *) { NULL }, &(gint64) { 0 }); }
CHANGE_CASE_EDIT (change_duty_text)
CHANGE_CASE_EDIT (change_role)
CHANGE_CASE_EDIT (add_assignment)
CHANGE_CASE_EDIT (remove_assignment)
CHANGE_CASE_EDIT (add_holder)
CHANGE_CASE_EDIT (holder_leaves)
CHANGE_CASE_EDIT (change_head)
CHANGE_CASE_EDIT (rename_unit)
CHANGE_CASE_EDIT (rename_body)

typedef struct
{
  const char *name;
  void      (*edit) (SdStore *store);
  const char *touched;    /* the units, sorted by name */
} IncrementalCase;

static const IncrementalCase incremental_cases[] = {
  { "duty-text", change_duty_text_edit, "信息部" },
  { "other-duty-text", edit_other_duty_text, "财务处" },
  { "role", change_role_edit, "信息部" },
  { "add-assignment", add_assignment_edit, "信息部" },
  { "remove-assignment", remove_assignment_edit, "信息部" },
  { "assignment-party", edit_assignment_party, "信息部,财务处" },
  { "add-holder", add_holder_edit, "信息部" },
  { "holder-inactive", holder_leaves_edit, "信息部" },
  { "head", change_head_edit, "信息部" },
  { "unit-name", rename_unit_edit, "信息技术部" },
  { "body-name", rename_body_edit, "信息部,财务处" },
  { "move-post", edit_move_post, "信息部,财务处" },
  { "delete-post", edit_delete_post, "信息部" },
  { "delete-body", edit_delete_body, "财务处" },
  { "delete-duty", edit_delete_duty, "信息部,财务处" },
  { "delete-person", edit_delete_person, "财务处" },
  { "member-joins", edit_member_joins, "信息部" },
  { "member-leaves", edit_member_leaves, "财务处" },
  { "new-unit", edit_new_unit, "会计组" },
  { "reparent", edit_reparent_unit, "财务处" },
  { "sign", edit_sign, "财务处" },
  { "unrelated-column", edit_unrelated_columns, "信息部" },
};

static void
test_status_incremental (Fixture       *fixture,
                         gconstpointer  data)
{
  const IncrementalCase *edit_case = data;
  SdStore *store = fixture->store;
  g_autoptr(SdStatementChanges) changes = sd_statement_changes_new ();
  g_autoptr(GPtrArray) touched = g_ptr_array_new_with_free_func (g_object_unref);
  Tracker tracker = { changes, touched };
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) full = NULL;
  g_autoptr(GHashTable) units = NULL;
  g_autofree char *names = NULL;
  gulong handler;

  sign (store, "信息部");
  before = sd_sign_status_list_brief (store);

  handler = g_signal_connect (store, "item-changed", G_CALLBACK (tracker_item_changed_cb),
                              &tracker);
  edit_case->edit (store);
  g_signal_handler_disconnect (store, handler);

  names = tracker_take (&tracker, store, &units);
  g_test_message ("touched: %s", names);
  g_assert_cmpstr (names, ==, edit_case->touched);

  after = sd_sign_status_list_update (store, before, units);
  full = sd_sign_status_list_brief (store);
  assert_same_statuses (after, full);
}

/* Every unit worked out a slice at a time, with an edit between two
 * slices: the build and the units the edit touched give the full list. */
static void
test_status_build_in_slices (Fixture       *fixture,
                             gconstpointer  data)
{
  SdStore *store = fixture->store;
  g_autoptr(SdStatementChanges) changes = sd_statement_changes_new ();
  g_autoptr(GPtrArray) touched = g_ptr_array_new_with_free_func (g_object_unref);
  Tracker tracker = { changes, touched };
  g_autoptr(SdSignStatusBuild) build = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) full = NULL;
  g_autoptr(GHashTable) units = NULL;
  g_autofree char *names = NULL;
  guint steps = 0;

  sign (store, "信息部");
  sign (store, "财务处");
  g_signal_connect (store, "item-changed", G_CALLBACK (tracker_item_changed_cb), &tracker);

  build = sd_sign_status_build_new (store);
  /* A deadline already past: one unit per step. */
  g_assert_false (sd_sign_status_build_step (build, 1));
  g_assert_cmpuint (sd_sign_status_build_get_built (build)->len, ==, 1);
  change_role_edit (store);
  edit_other_duty_text (store);
  while (!sd_sign_status_build_step (build, 1))
    steps++;
  g_assert_cmpuint (steps, ==, 1);
  g_assert_cmpuint (sd_sign_status_build_get_built (build)->len, ==, 3);

  names = tracker_take (&tracker, store, &units);
  g_assert_cmpstr (names, ==, "信息部,财务处");
  list = sd_sign_status_list_update (store, sd_sign_status_build_get_built (build), units);
  full = sd_sign_status_list_brief (store);
  assert_same_statuses (list, full);
  g_signal_handlers_disconnect_by_data (store, &tracker);
}

/* The diff */

static void
test_diff_basic (void)
{
  g_autoptr(GPtrArray) all = sd_text_diff ("a\nb\nc\nd\n", "a\nc\nx\nd\ne\n");
  static const struct
  {
    SdDiffOp    op;
    const char *line;
  } expected[] = {
    { SD_DIFF_SAME, "a" }, { SD_DIFF_REMOVED, "b" }, { SD_DIFF_SAME, "c" },
    { SD_DIFF_ADDED, "x" }, { SD_DIFF_SAME, "d" }, { SD_DIFF_ADDED, "e" },
  };
  g_autoptr(GPtrArray) changes = NULL;

  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < all->len; i++)
    {
      SdDiffLine *line = g_ptr_array_index (all, i);

      g_assert_cmpint (line->op, ==, expected[i].op);
      g_assert_cmpstr (line->line, ==, expected[i].line);
    }

  changes = sd_text_diff_changes ("same\n", "same\n");
  g_assert_cmpuint (changes->len, ==, 0);
  g_ptr_array_unref (changes);
  changes = sd_text_diff_changes ("", "one\ntwo");
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_true (lines_contain (changes, SD_DIFF_ADDED, "two"));
  g_ptr_array_unref (changes);
  changes = sd_text_diff_changes ("x\n\ny\n", "");
  g_assert_cmpuint (count_op (changes, SD_DIFF_REMOVED), ==, 3);
  g_assert_true (lines_contain (changes, SD_DIFF_REMOVED, ""));
}

/* The length of the longest common subsequence, by dynamic programming. */
static guint
lcs_length (GStrv a,
            GStrv b)
{
  guint n = g_strv_length (a), m = g_strv_length (b);
  g_autofree guint *table = g_new0 (guint, (n + 1) * (m + 1));

  for (guint i = 1; i <= n; i++)
    for (guint j = 1; j <= m; j++)
      table[i * (m + 1) + j] = strcmp (a[i - 1], b[j - 1]) == 0
                               ? table[(i - 1) * (m + 1) + j - 1] + 1
                               : MAX (table[(i - 1) * (m + 1) + j], table[i * (m + 1) + j - 1]);
  return table[n * (m + 1) + m];
}

static char *
random_text (GRand *rand,
             GStrv *lines)
{
  guint n = g_rand_int_range (rand, 0, 14);
  GString *text = g_string_new (NULL);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    {
      char *line = g_strdup_printf ("%c", 'a' + g_rand_int_range (rand, 0, 4));

      g_string_append_printf (text, "%s\n", line);
      g_ptr_array_add (out, line);
    }
  g_ptr_array_add (out, NULL);
  *lines = (GStrv) g_ptr_array_free (out, FALSE);
  return g_string_free (text, FALSE);
}

static void
test_diff_minimal (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);

  for (guint round = 0; round < 3000; round++)
    {
      g_auto(GStrv) a_lines = NULL;
      g_auto(GStrv) b_lines = NULL;
      g_autofree char *a = random_text (rand, &a_lines);
      g_autofree char *b = random_text (rand, &b_lines);
      g_autoptr(GPtrArray) all = sd_text_diff (a, b);
      g_autoptr(GString) old_text = g_string_new (NULL);
      g_autoptr(GString) new_text = g_string_new (NULL);
      guint n_same = 0;

      for (guint i = 0; i < all->len; i++)
        {
          SdDiffLine *line = g_ptr_array_index (all, i);

          if (line->op != SD_DIFF_ADDED)
            g_string_append_printf (old_text, "%s\n", line->line);
          if (line->op != SD_DIFF_REMOVED)
            g_string_append_printf (new_text, "%s\n", line->line);
          n_same += line->op == SD_DIFF_SAME;
        }
      /* Both texts come back, and the common part is the longest. */
      g_assert_cmpstr (old_text->str, ==, a);
      g_assert_cmpstr (new_text->str, ==, b);
      g_assert_cmpuint (n_same, ==, lcs_length (a_lines, b_lines));
    }
}

static void
test_diff_large (void)
{
  GString *a = g_string_new (NULL);
  GString *b = g_string_new (NULL);
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  /* Statements of thousands of lines with a few changes, and two texts
   * with nothing in common: both finish (the first in linear time). */
  for (guint i = 0; i < 20000; i++)
    {
      g_string_append_printf (a, "Duty 职责: %05u | Role 角色: R\n", i);
      if (i % 5000 == 17)
        g_string_append_printf (b, "Duty 职责: %05u | Role 角色: C\n", i);
      else if (i != 12345)
        g_string_append_printf (b, "Duty 职责: %05u | Role 角色: R\n", i);
    }
  changes = sd_text_diff_changes (a->str, b->str);
  g_assert_cmpuint (changes->len, ==, 9);
  g_assert_true (lines_contain (changes, SD_DIFF_REMOVED, "Duty 职责: 12345 | Role 角色: R"));
  g_assert_true (lines_contain (changes, SD_DIFF_ADDED, "Duty 职责: 05017 | Role 角色: C"));
  g_ptr_array_unref (changes);

  x = g_string_free (a, FALSE);
  g_string_truncate (b, 0);
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (b, "other %u\n", i);
  y = g_string_free (b, FALSE);
  changes = sd_text_diff_changes (x, y);
  g_assert_cmpuint (changes->len, ==, 23000);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/statement/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("canonical/text", test_canonical_text);
  g_test_add_func ("/statement/canonical/insertion-order", test_canonical_insertion_order);
  ADD ("canonical/locale", test_canonical_locale);
  ADD ("canonical/escapes", test_canonical_escapes);
  for (guint i = 0; i < G_N_ELEMENTS (change_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/statement/outdated/%s", change_cases[i].name);

      g_test_add (path, Fixture, &change_cases[i], fixture_setup, test_change, fixture_teardown);
    }
  ADD ("outdated/unrelated", test_unrelated_changes);
  ADD ("head-inactive", test_head_inactive);
  ADD ("history", test_history);
  ADD ("sign/signature", test_sign_with_signature);
  ADD ("append-only", test_append_only);
  ADD ("tampered", test_tampered);
  ADD ("status-list", test_status_list);
  ADD ("status-build-in-slices", test_status_build_in_slices);
  for (guint i = 0; i < G_N_ELEMENTS (incremental_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/statement/incremental/%s",
                                               incremental_cases[i].name);

      g_test_add (path, Fixture, &incremental_cases[i], fixture_setup, test_status_incremental,
                  fixture_teardown);
    }
  g_test_add_func ("/statement/diff/basic", test_diff_basic);
  g_test_add_func ("/statement/diff/minimal", test_diff_minimal);
  g_test_add_func ("/statement/diff/large", test_diff_large);

  return g_test_run ();
}
