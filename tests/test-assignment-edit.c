/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * Editing the roles of the duty matrix in one transaction, and undoing it.
 * Every test runs with the assignment index and without it.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sd-assignment-edit.h"
#include "sd-assignment-index.h"
#include "sd-assignment.h"
#include "sd-body.h"
#include "sd-duty.h"
#include "sd-post.h"
#include "sd-store.h"
#include "sd-unit.h"

/* Items are kept by id: a rollback reads every list of the store again,
 * with new objects. */
typedef struct
{
  char              *dir;
  SdStore           *store;
  SdAssignmentIndex *index;   /* NULL when the test runs without one */
  gint64             it;
  gint64             admin, auditor;
  gint64             group;
  gint64             d1, d2;
} Fixture;

static gint64
id (gpointer item)
{
  g_assert_nonnull (item);
  return sd_item_get_id (SD_ITEM (item));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gboolean use_index = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("sd-test-assignment-edit-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "edit.db", NULL);
  f->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  f->it = id (sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "信息技术部",
                               "kind", "department", NULL));
  g_assert_no_error (error);
  f->admin = id (sd_store_insert (f->store, SD_TYPE_POST, &error, "name", "安全管理员",
                                  "unit-id", f->it, NULL));
  g_assert_no_error (error);
  f->auditor = id (sd_store_insert (f->store, SD_TYPE_POST, &error, "name", "安全审计员",
                                    "unit-id", f->it, NULL));
  g_assert_no_error (error);
  f->group = id (sd_store_insert (f->store, SD_TYPE_BODY, &error, "name", "网络安全工作组",
                                  "kind", "working", NULL));
  g_assert_no_error (error);
  f->d1 = id (sd_store_insert (f->store, SD_TYPE_DUTY, &error, "code", "003-10.1",
                               "text", "负责网络安全日常工作的协调和处理。", NULL));
  g_assert_no_error (error);
  f->d2 = id (sd_store_insert (f->store, SD_TYPE_DUTY, &error, "code", "003-10.2",
                               "text", "负责网络安全总体规划设计与实施。", NULL));
  g_assert_no_error (error);

  /* Roles there before the edits: 10.1 R by the group. */
  g_assert_nonnull (sd_store_insert (f->store, SD_TYPE_ASSIGNMENT, &error,
                                     "duty-id", f->d1, "body-id", f->group,
                                     "role", "R", NULL));
  g_assert_no_error (error);

  if (use_index)
    f->index = sd_assignment_index_new (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->index);
  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);

      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* Every assignment as "duty party role", sorted: what the matrix shows. */
static char *
snapshot (SdStore *store)
{
  GListModel *assignments = sd_store_get_items (store, SD_TYPE_ASSIGNMENT);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (assignments); i++)
    {
      g_autoptr(SdAssignment) a = g_list_model_get_item (assignments, i);

      g_ptr_array_add (lines, g_strdup_printf ("%" G_GINT64_FORMAT " p%" G_GINT64_FORMAT
                                               " u%" G_GINT64_FORMAT " b%" G_GINT64_FORMAT
                                               " %s",
                                               sd_assignment_get_duty_id (a),
                                               sd_assignment_get_post_id (a),
                                               sd_assignment_get_unit_id (a),
                                               sd_assignment_get_body_id (a),
                                               sd_assignment_get_role (a)));
    }
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static guint
n_audit_entries (SdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sd_store_get_audit_entries (store, NULL, 0, &error);

  g_assert_no_error (error);
  return entries->len;
}

static char
role_at (Fixture     *f,
         gint64       duty,
         SdPartyKind  kind,
         gint64       party)
{
  char with_index = f->index != NULL
                    ? sd_assignment_get_role_at (f->store, f->index, duty, kind, party)
                    : 0;
  char without = sd_assignment_get_role_at (f->store, NULL, duty, kind, party);

  /* Both ways of looking agree. */
  if (f->index != NULL)
    g_assert_cmpint (with_index, ==, without);
  return without;
}

static gboolean
apply (Fixture             *f,
       const SdCellChange  *changes,
       guint                n_changes,
       GArray             **undo,
       GError             **error)
{
  return sd_assignments_apply (f->store, f->index, changes, n_changes, undo, error);
}

static void
test_insert_update_delete (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) undo = NULL;
  SdCellChange insert[] = {
    { f->d1, SD_PARTY_POST, f->admin, 'A' },
    { f->d2, SD_PARTY_BODY, f->group, 'C' },
    { f->d2, SD_PARTY_UNIT, f->it, 'I' },
  };
  SdCellChange update[] = {
    { f->d1, SD_PARTY_POST, f->admin, 'R' },
    { f->d1, SD_PARTY_BODY, f->group, 'A' },
  };
  SdCellChange delete[] = {
    { f->d2, SD_PARTY_UNIT, f->it, 0 },
  };
  GListModel *assignments = sd_store_get_items (f->store, SD_TYPE_ASSIGNMENT);
  SdCellChange *back;

  g_assert_cmpint (role_at (f, f->d1, SD_PARTY_POST, f->admin), ==, 0);
  g_assert_cmpint (role_at (f, f->d1, SD_PARTY_BODY, f->group), ==, 'R');

  /* Insert: three new assignments; the undo clears the cells again. */
  g_assert_true (apply (f, insert, G_N_ELEMENTS (insert), &undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (assignments), ==, 4);
  g_assert_cmpint (role_at (f, f->d1, SD_PARTY_POST, f->admin), ==, 'A');
  g_assert_cmpint (role_at (f, f->d2, SD_PARTY_BODY, f->group), ==, 'C');
  g_assert_cmpint (role_at (f, f->d2, SD_PARTY_UNIT, f->it), ==, 'I');
  /* The same party in another duty, another party in the same duty: empty. */
  g_assert_cmpint (role_at (f, f->d2, SD_PARTY_POST, f->admin), ==, 0);
  g_assert_cmpint (role_at (f, f->d1, SD_PARTY_POST, f->auditor), ==, 0);
  g_assert_cmpuint (undo->len, ==, 3);
  for (guint i = 0; i < undo->len; i++)
    {
      back = &g_array_index (undo, SdCellChange, i);
      g_assert_cmpint (back->duty_id, ==, insert[i].duty_id);
      g_assert_cmpint (back->party_kind, ==, insert[i].party_kind);
      g_assert_cmpint (back->party_id, ==, insert[i].party_id);
      g_assert_cmpint (back->role, ==, 0);
    }
  g_clear_pointer (&undo, g_array_unref);

  /* Update: the same assignments with another role. */
  g_assert_true (apply (f, update, G_N_ELEMENTS (update), &undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (assignments), ==, 4);
  g_assert_cmpint (role_at (f, f->d1, SD_PARTY_POST, f->admin), ==, 'R');
  g_assert_cmpint (role_at (f, f->d1, SD_PARTY_BODY, f->group), ==, 'A');
  g_assert_cmpuint (undo->len, ==, 2);
  g_assert_cmpint (g_array_index (undo, SdCellChange, 0).role, ==, 'A');
  g_assert_cmpint (g_array_index (undo, SdCellChange, 1).role, ==, 'R');
  g_clear_pointer (&undo, g_array_unref);

  /* Delete. */
  g_assert_true (apply (f, delete, G_N_ELEMENTS (delete), &undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (assignments), ==, 3);
  g_assert_cmpint (role_at (f, f->d2, SD_PARTY_UNIT, f->it), ==, 0);
  g_assert_cmpuint (undo->len, ==, 1);
  g_assert_cmpint (g_array_index (undo, SdCellChange, 0).role, ==, 'I');
}

/* Cells that hold the role already are left alone: nothing is written. */
static void
test_no_op (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) undo = NULL;
  g_autofree char *before = snapshot (f->store);
  g_autofree char *after = NULL;
  guint n_entries = n_audit_entries (f->store);
  SdCellChange same[] = {
    { f->d1, SD_PARTY_BODY, f->group, 'R' },   /* there already */
    { f->d2, SD_PARTY_POST, f->admin, 0 },     /* empty already */
  };
  SdCellChange mixed[] = {
    { f->d1, SD_PARTY_BODY, f->group, 'R' },
    { f->d1, SD_PARTY_POST, f->auditor, 'C' },
  };

  g_assert_true (apply (f, same, G_N_ELEMENTS (same), &undo, &error));
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  g_assert_cmpuint (undo->len, ==, 0);
  after = snapshot (f->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (n_audit_entries (f->store), ==, n_entries);
  g_clear_pointer (&undo, g_array_unref);

  /* Nothing at all to do. */
  g_assert_true (apply (f, NULL, 0, NULL, &error));
  g_assert_no_error (error);

  /* Only the real change is written and undone. */
  g_assert_true (apply (f, mixed, G_N_ELEMENTS (mixed), &undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (undo->len, ==, 1);
  g_assert_cmpint (g_array_index (undo, SdCellChange, 0).party_id, ==, f->auditor);
  /* One insert, one audit entry. */
  g_assert_cmpuint (n_audit_entries (f->store), ==, n_entries + 1);
}

/* Applying the undo puts back exactly what was there, even for a cell
 * changed twice in one edit. */
static void
test_undo_restores (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) undo = NULL;
  g_autoptr(GArray) redo = NULL;
  g_autofree char *before = snapshot (f->store);
  g_autofree char *edited = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  SdCellChange changes[] = {
    { f->d1, SD_PARTY_BODY, f->group, 'A' },    /* update */
    { f->d1, SD_PARTY_POST, f->admin, 'R' },    /* insert */
    { f->d2, SD_PARTY_POST, f->admin, 'I' },    /* insert, then */
    { f->d2, SD_PARTY_POST, f->admin, 'C' },    /* update it */
    { f->d2, SD_PARTY_UNIT, f->it, 'A' },       /* insert, then */
    { f->d2, SD_PARTY_UNIT, f->it, 0 },         /* delete it */
    { f->d1, SD_PARTY_BODY, f->group, 'C' },    /* update again */
  };

  g_assert_true (apply (f, changes, G_N_ELEMENTS (changes), &undo, &error));
  g_assert_no_error (error);
  edited = snapshot (f->store);
  g_assert_cmpstr (edited, !=, before);
  g_assert_cmpint (role_at (f, f->d1, SD_PARTY_BODY, f->group), ==, 'C');
  g_assert_cmpint (role_at (f, f->d2, SD_PARTY_POST, f->admin), ==, 'C');
  g_assert_cmpint (role_at (f, f->d2, SD_PARTY_UNIT, f->it), ==, 0);
  /* One entry per cell touched. */
  g_assert_cmpuint (undo->len, ==, 4);

  g_assert_true (apply (f, (SdCellChange *) undo->data, undo->len, &redo, &error));
  g_assert_no_error (error);
  undone = snapshot (f->store);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpint (role_at (f, f->d1, SD_PARTY_BODY, f->group), ==, 'R');

  /* The undo of the undo is a redo. */
  g_assert_true (apply (f, (SdCellChange *) redo->data, redo->len, NULL, &error));
  g_assert_no_error (error);
  redone = snapshot (f->store);
  g_assert_cmpstr (redone, ==, edited);
}

/* A change that fails in the middle (a duty that does not exist) leaves
 * nothing changed: not the changes before it, not the audit log. */
static void
test_failure_changes_nothing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GArray *undo = NULL;
  g_autofree char *before = snapshot (f->store);
  g_autofree char *after = NULL;
  guint n_entries = n_audit_entries (f->store);
  SdCellChange changes[] = {
    { f->d1, SD_PARTY_POST, f->admin, 'A' },     /* insert */
    { f->d1, SD_PARTY_BODY, f->group, 'C' },     /* update */
    { 999999, SD_PARTY_POST, f->admin, 'R' },         /* no such duty */
    { f->d2, SD_PARTY_POST, f->auditor, 'R' },
  };
  SdCellChange bad_role[] = {
    { f->d2, SD_PARTY_POST, f->auditor, 'R' },
    { f->d2, SD_PARTY_POST, f->admin, 'X' },
  };

  g_assert_false (apply (f, changes, G_N_ELEMENTS (changes), &undo, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND);
  g_assert_null (undo);
  after = snapshot (f->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (n_audit_entries (f->store), ==, n_entries);
  g_assert_cmpint (role_at (f, f->d1, SD_PARTY_POST, f->admin), ==, 0);
  g_assert_cmpint (role_at (f, f->d1, SD_PARTY_BODY, f->group), ==, 'R');
  g_clear_error (&error);

  /* A role that is not R, A, C or I is refused before anything is written. */
  g_assert_false (apply (f, bad_role, G_N_ELEMENTS (bad_role), &undo, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT);
  g_assert_null (undo);
  g_clear_pointer (&after, g_free);
  after = snapshot (f->store);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);

  /* And the store takes edits afterwards. */
  g_assert_true (apply (f, changes, 2, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (role_at (f, f->d1, SD_PARTY_POST, f->admin), ==, 'A');
  g_assert_cmpuint (n_audit_entries (f->store), ==, n_entries + 2);
}

/* A write that the database refuses half-way (here a trigger, as a full
 * disk would) rolls back the changes already made. */
static void
test_rollback_in_the_middle (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GArray *undo = NULL;
  g_autofree char *before = snapshot (f->store);
  g_autofree char *after = NULL;
  guint n_entries = n_audit_entries (f->store);
  sqlite3 *db = NULL;
  SdCellChange changes[] = {
    { f->d1, SD_PARTY_POST, f->admin, 'A' },      /* insert */
    { f->d1, SD_PARTY_BODY, f->group, 'C' },      /* update */
    { f->d2, SD_PARTY_POST, f->auditor, 'I' },    /* refused by the trigger */
    { f->d2, SD_PARTY_POST, f->admin, 'R' },
  };

  g_assert_cmpint (sqlite3_open (sd_store_get_path (f->store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER refuse_i BEFORE INSERT ON assignments "
                                 "WHEN NEW.role = 'I' BEGIN SELECT RAISE (ABORT, 'refused'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_false (apply (f, changes, G_N_ELEMENTS (changes), &undo, &error));
  g_assert_nonnull (error);
  g_assert_null (undo);
  after = snapshot (f->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (n_audit_entries (f->store), ==, n_entries);
  g_assert_cmpint (role_at (f, f->d1, SD_PARTY_POST, f->admin), ==, 0);
  g_assert_cmpint (role_at (f, f->d1, SD_PARTY_BODY, f->group), ==, 'R');
  g_clear_error (&error);

  /* Without the refused change, the rest goes in. */
  changes[2].role = 'C';
  g_assert_true (apply (f, changes, G_N_ELEMENTS (changes), &undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (undo->len, ==, 4);
  g_assert_cmpint (role_at (f, f->d2, SD_PARTY_POST, f->auditor), ==, 'C');
  g_array_unref (undo);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/assignment-edit/index" path, Fixture, GINT_TO_POINTER (TRUE), \
              fixture_set_up, func, fixture_tear_down); \
  g_test_add ("/assignment-edit/scan" path, Fixture, GINT_TO_POINTER (FALSE), \
              fixture_set_up, func, fixture_tear_down)
  ADD ("/insert-update-delete", test_insert_update_delete);
  ADD ("/no-op", test_no_op);
  ADD ("/undo-restores", test_undo_restores);
  ADD ("/failure-changes-nothing", test_failure_changes_nothing);
  ADD ("/rollback-in-the-middle", test_rollback_in_the_middle);
#undef ADD

  return g_test_run ();
}
