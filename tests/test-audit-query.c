/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The filtered, paged audit log (sd-audit-query.h): what each filter lets
 * through, against the full log read with sd_store_get_audit_entries();
 * paging newest first; days in a time zone against the UTC times the log
 * keeps, at the edges of days and across a change to summer time; the
 * row of an item now and after its deletion; the index of schema 3 and
 * the upgrade to it.
 */

#define G_LOG_DOMAIN "test-audit-query"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sd-audit-query.h"
#include "sd-person.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-risk.h"
#include "sd-store-schema.h"
#include "sd-unit.h"

typedef struct
{
  char     *dir;
  char     *path;
  SdStore  *store;
  SdUnit   *unit;
  SdPerson *person;
  SdPost   *post;
  gint64    deleted_unit_id;
  gint64    holder_id;
} Fixture;

static gpointer
insert_unit (SdStore    *store,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  gpointer unit = sd_store_insert (store, SD_TYPE_UNIT, &error, "name", name, NULL);

  g_assert_no_error (error);
  return unit;
}

/* A small history by two operators: units added, renamed and deleted, a
 * person, a post and the person holding it. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SdUnit *gone;
  SdPostHolder *holder;

  fixture->dir = g_dir_make_tmp ("sd-test-audit-query-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = sd_store_open (fixture->path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  sd_store_set_operator (fixture->store, "Alice");
  fixture->unit = insert_unit (fixture->store, "信息部");
  gone = insert_unit (fixture->store, "旧仓库_100%");
  fixture->deleted_unit_id = sd_item_get_id (SD_ITEM (gone));
  fixture->person = sd_store_insert (fixture->store, SD_TYPE_PERSON, &error,
                                     "name", "张伟",
                                     "unit-id", sd_item_get_id (SD_ITEM (fixture->unit)), NULL);
  g_assert_no_error (error);

  sd_store_set_operator (fixture->store, "Bob \"the builder\" O'Neil");
  fixture->post = sd_store_insert (fixture->store, SD_TYPE_POST, &error,
                                   "name", "安全管理员", "post-type", "security-admin", NULL);
  g_assert_no_error (error);
  holder = sd_store_insert (fixture->store, SD_TYPE_POST_HOLDER, &error,
                            "post-id", sd_item_get_id (SD_ITEM (fixture->post)),
                            "person-id", sd_item_get_id (SD_ITEM (fixture->person)), NULL);
  g_assert_no_error (error);
  fixture->holder_id = sd_item_get_id (SD_ITEM (holder));
  g_assert_true (sd_store_update (fixture->store, fixture->unit, &error,
                                  "staff-count", 12, NULL));
  g_assert_no_error (error);
  g_assert_true (sd_store_delete (fixture->store, gone, &error));
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
  g_free (fixture->path);
  g_free (fixture->dir);
}

static GPtrArray *
all_entries (SdStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = sd_store_get_audit_entries (store, NULL, 0, &error);

  g_assert_no_error (error);
  return entries;
}

static guint
count (SdStore             *store,
       const SdAuditFilter *filter)
{
  g_autoptr(GError) error = NULL;
  guint n = 12345;

  g_assert_true (sd_audit_query_count (store, filter, &n, &error));
  g_assert_no_error (error);
  return n;
}

static GPtrArray *
fetch (SdStore             *store,
       const SdAuditFilter *filter,
       guint                offset,
       guint                limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = sd_audit_query_fetch (store, filter, offset, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

typedef gboolean (*EntryPredicate) (SdAuditEntry *entry,
                                    gpointer      data);

/* The filter lets through exactly the entries @predicate accepts, newest
 * first, and its count says how many. */
static guint
assert_filter (SdStore             *store,
               const SdAuditFilter *filter,
               EntryPredicate       predicate,
               gpointer             data)
{
  g_autoptr(GPtrArray) all = all_entries (store);
  g_autoptr(GPtrArray) got = fetch (store, filter, 0, 1000);
  guint expected = 0;

  for (guint i = all->len; i-- > 0;)
    {
      SdAuditEntry *entry = g_ptr_array_index (all, i);

      if (!predicate (entry, data))
        continue;
      g_assert_cmpuint (expected, <, got->len);
      g_assert_cmpint (((SdAuditEntry *) g_ptr_array_index (got, expected))->id, ==, entry->id);
      expected++;
    }
  g_assert_cmpuint (got->len, ==, expected);
  g_assert_cmpuint (count (store, filter), ==, expected);
  return expected;
}

static gboolean
any_entry (SdAuditEntry *entry,
           gpointer      data)
{
  return TRUE;
}

static gboolean
entity_is (SdAuditEntry *entry,
           gpointer      data)
{
  return g_str_equal (entry->entity, data);
}

static gboolean
operator_is (SdAuditEntry *entry,
             gpointer      data)
{
  return g_str_equal (entry->operator_, data);
}

typedef struct
{
  const char *entity;
  gint64      id;
} Item;

static gboolean
item_is (SdAuditEntry *entry,
         gpointer      data)
{
  Item *item = data;

  return g_str_equal (entry->entity, item->entity) && entry->entity_id == item->id;
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  SdAuditFilter filter = { 0 };
  g_autoptr(GPtrArray) all = all_entries (fixture->store);
  Item unit = { "units", sd_item_get_id (SD_ITEM (fixture->unit)) };

  /* No filter (and a NULL filter) is the whole log, newest first. */
  g_assert_cmpuint (assert_filter (fixture->store, &filter, any_entry, NULL), ==, all->len);
  g_assert_cmpuint (count (fixture->store, NULL), ==, all->len);
  g_assert_cmpuint (all->len, ==, 7);

  filter.entity = "units";
  g_assert_cmpuint (assert_filter (fixture->store, &filter, entity_is, "units"), ==, 4);
  filter.entity = "posts";
  g_assert_cmpuint (assert_filter (fixture->store, &filter, entity_is, "posts"), ==, 1);
  filter.entity = "no such table";
  g_assert_cmpuint (count (fixture->store, &filter), ==, 0);

  /* One item: its addition and its change. */
  filter.entity = "units";
  filter.entity_id = unit.id;
  g_assert_cmpuint (assert_filter (fixture->store, &filter, item_is, &unit), ==, 2);
  /* An id without a table means nothing. */
  filter.entity = NULL;
  g_assert_cmpuint (count (fixture->store, &filter), ==, all->len);
  filter.entity_id = 0;

  filter.operator_ = "Alice";
  g_assert_cmpuint (assert_filter (fixture->store, &filter, operator_is, "Alice"), ==, 3);
  filter.operator_ = "Bob \"the builder\" O'Neil";
  g_assert_cmpuint (assert_filter (fixture->store, &filter, operator_is,
                                   (gpointer) filter.operator_), ==, 4);
  filter.operator_ = "alice";
  g_assert_cmpuint (count (fixture->store, &filter), ==, 0);
}

/* The entries of the fixture, oldest first:
 * 0 unit 信息部 added, 1 unit 旧仓库_100% added, 2 person 张伟 added (by
 * Alice); 3 post added, 4 张伟 made its holder, 5 信息部's staff count
 * changed, 6 旧仓库_100% deleted (by Bob). */
typedef struct
{
  GPtrArray  *all;
  const char *expected;   /* "0,5": the indexes of the entries expected */
} Expected;

static gboolean
expected_entry (SdAuditEntry *entry,
                gpointer      data)
{
  Expected *expected = data;
  g_auto(GStrv) indexes = g_strsplit (expected->expected, ",", -1);

  for (guint i = 0; indexes[i] != NULL; i++)
    {
      guint index = atoi (indexes[i]);

      g_assert_cmpuint (index, <, expected->all->len);
      if (((SdAuditEntry *) g_ptr_array_index (expected->all, index))->id == entry->id)
        return TRUE;
    }
  return FALSE;
}

static void
assert_search (Fixture    *fixture,
               const char *search,
               const char *expected)
{
  g_autoptr(GPtrArray) all = all_entries (fixture->store);
  SdAuditFilter filter = { .search = search };
  Expected data = { all, expected };

  g_assert_cmpuint (all->len, ==, 7);
  g_test_message ("search “%s”", search);
  assert_filter (fixture->store, &filter, expected_entry, &data);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  SdAuditFilter filter = { 0 };
  g_autoptr(GPtrArray) all = all_entries (fixture->store);

  /* By operator, in any case, and by the OS user. */
  assert_search (fixture, "ALICE", "0,1,2");
  assert_search (fixture, g_get_user_name (), "0,1,2,3,4,5,6");
  /* Quotes, as the operator has them (the log escapes them). */
  assert_search (fixture, "\"the builder\"", "3,4,5,6");
  assert_search (fixture, "O'Neil", "3,4,5,6");

  /* By the item's current name: the change of the unit's staff count
   * records no name, yet is found. */
  assert_search (fixture, "信息部", "0,5");
  /* A person's name finds the posts they hold. */
  assert_search (fixture, "张伟", "2,4");
  assert_search (fixture, "安全管理", "3,4");
  /* A deleted unit by the name its entries recorded. % and _ are only
   * themselves, and match values, not the names of columns. */
  assert_search (fixture, "仓库_100%", "1,6");
  assert_search (fixture, "仓库_1000", "");
  assert_search (fixture, "%", "1,6");
  if (strchr (g_get_user_name (), '_') == NULL)
    assert_search (fixture, "_", "1,6");
  assert_search (fixture, "name", "");
  assert_search (fixture, "staff_count", "");
  assert_search (fixture, "'; DROP TABLE units; --", "");
  g_assert_nonnull (sd_store_lookup (fixture->store, SD_TYPE_UNIT,
                                     sd_item_get_id (SD_ITEM (fixture->unit))));

  /* "" is no search; with other filters, all must hold. */
  filter.search = "";
  g_assert_cmpuint (count (fixture->store, &filter), ==, all->len);
  filter.search = "信息部";
  filter.operator_ = "Alice";
  filter.entity = "units";
  g_assert_cmpuint (count (fixture->store, &filter), ==, 1);
  filter.entity = "people";
  g_assert_cmpuint (count (fixture->store, &filter), ==, 0);
}

static void
test_paging (Fixture       *fixture,
             gconstpointer  data)
{
  SdAuditFilter filter = { 0 };
  g_autoptr(GPtrArray) all = all_entries (fixture->store);
  g_autoptr(GPtrArray) empty = NULL;
  gint64 last_id;
  guint seen = 0;

  /* Pages of 3 walk the log once, newest first, the last one short. */
  for (guint offset = 0; offset < all->len; offset += 3)
    {
      g_autoptr(GPtrArray) page = fetch (fixture->store, &filter, offset, 3);

      g_assert_cmpuint (page->len, ==, MIN (3, all->len - offset));
      for (guint i = 0; i < page->len; i++, seen++)
        {
          SdAuditEntry *got = g_ptr_array_index (page, i);
          SdAuditEntry *want = g_ptr_array_index (all, all->len - 1 - seen);

          g_assert_cmpint (got->id, ==, want->id);
          g_assert_cmpstr (got->at, ==, want->at);
          g_assert_cmpstr (got->operator_, ==, want->operator_);
          g_assert_cmpstr (got->os_user, ==, want->os_user);
          g_assert_cmpstr (got->entity, ==, want->entity);
          g_assert_cmpint (got->entity_id, ==, want->entity_id);
          g_assert_cmpstr (got->action, ==, want->action);
          g_assert_cmpstr (got->before, ==, want->before);
          g_assert_cmpstr (got->after, ==, want->after);
          g_assert_cmpstr (got->hash, ==, want->hash);
          g_assert_cmpstr (got->prev_hash, ==, want->prev_hash);
        }
    }
  g_assert_cmpuint (seen, ==, all->len);
  empty = fetch (fixture->store, &filter, all->len, 10);
  g_assert_cmpuint (empty->len, ==, 0);
  g_clear_pointer (&empty, g_ptr_array_unref);
  empty = fetch (fixture->store, &filter, 0, 0);
  g_assert_cmpuint (empty->len, ==, 0);

  /* The ids alone, in the same order, and their entries read back by id
   * (in the order asked, an unknown id left out, across the statement's
   * batches). */
  {
    g_autoptr(GArray) ids = sd_audit_query_ids (fixture->store, &filter, NULL);
    g_autoptr(GArray) asked = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GPtrArray) got = NULL;
    SdAuditFilter units = { .entity = "units" };
    g_autoptr(GArray) unit_ids = sd_audit_query_ids (fixture->store, &units, NULL);
    gint64 unknown = 99999;

    g_assert_cmpuint (ids->len, ==, all->len);
    for (guint i = 0; i < ids->len; i++)
      g_assert_cmpint (g_array_index (ids, gint64, i), ==,
                       ((SdAuditEntry *) g_ptr_array_index (all, all->len - 1 - i))->id);
    g_assert_cmpuint (unit_ids->len, ==, 4);
    /* More than one batch of placeholders, some twice, one unknown. */
    for (guint round = 0; round < 6; round++)
      for (guint i = 0; i < ids->len; i++)
        g_array_append_val (asked, g_array_index (ids, gint64, (i * 3 + round) % ids->len));
    g_array_insert_val (asked, 5, unknown);
    got = sd_audit_query_get_many (fixture->store, (gint64 *) asked->data, asked->len, NULL);
    g_assert_nonnull (got);
    /* Each known id once, where it was first asked for. */
    {
      g_autoptr(GHashTable) asked_once = g_hash_table_new (g_int64_hash, g_int64_equal);
      guint j = 0;

      for (guint i = 0; i < asked->len; i++)
        {
          gint64 *id = &g_array_index (asked, gint64, i);

          if (*id == unknown || !g_hash_table_add (asked_once, id))
            continue;
          g_assert_cmpuint (j, <, got->len);
          g_assert_cmpint (((SdAuditEntry *) g_ptr_array_index (got, j))->id, ==, *id);
          j++;
        }
      g_assert_cmpuint (j, ==, got->len);
      g_assert_cmpuint (got->len, ==, ids->len);
    }
    {
      g_autoptr(GPtrArray) first = sd_audit_query_get_many (fixture->store,
                                                            (gint64 *) ids->data, 3, NULL);

      g_assert_cmpuint (first->len, ==, 3);
      for (guint i = 0; i < 3; i++)
        g_assert_cmpstr (((SdAuditEntry *) g_ptr_array_index (first, i))->hash, ==,
                         ((SdAuditEntry *) g_ptr_array_index (all, all->len - 1 - i))->hash);
    }
    g_clear_pointer (&got, g_ptr_array_unref);
    got = sd_audit_query_get_many (fixture->store, NULL, 0, NULL);
    g_assert_cmpuint (got->len, ==, 0);
  }

  /* A snapshot: new entries stay out of it until asked for. */
  last_id = sd_audit_query_last_id (fixture->store, NULL);
  g_assert_cmpint (last_id, ==, ((SdAuditEntry *) g_ptr_array_index (all, all->len - 1))->id);
  filter.up_to_id = last_id;
  insert_unit (fixture->store, "新部门");
  g_assert_cmpint (sd_audit_query_last_id (fixture->store, NULL), >, last_id);
  g_assert_cmpuint (count (fixture->store, &filter), ==, all->len);
  filter.up_to_id = 0;
  filter.above_id = last_id;
  g_assert_cmpuint (count (fixture->store, &filter), ==, 1);
  {
    g_autoptr(GPtrArray) page = fetch (fixture->store, &filter, 0, 10);
    SdAuditEntry *entry = g_ptr_array_index (page, 0);
    g_autoptr(SdAuditEntry) again = sd_audit_query_get (fixture->store, entry->id, NULL);

    g_assert_cmpuint (page->len, ==, 1);
    g_assert_cmpstr (entry->entity, ==, "units");
    g_assert_nonnull (strstr (entry->after, "新部门"));
    g_assert_nonnull (again);
    g_assert_cmpstr (again->after, ==, entry->after);
    g_assert_null (sd_audit_query_get (fixture->store, last_id + 100, NULL));
  }
}

/* Entries written straight into the log, with the times a test needs. */
static void
write_entries_at (const char         *path,
                  const char * const *times)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO audit_log (id, at, os_user, operator,"
                                           " entity, entity_id, action, after, prev_hash, hash)"
                                           " VALUES (?, ?, 'u', 'o', 'units', 1, 'insert', '{}',"
                                           " '', '')", -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; times[i] != NULL; i++)
    {
      sqlite3_bind_int (stmt, 1, i + 1);
      sqlite3_bind_text (stmt, 2, times[i], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* The ids (1-based positions in @times) the days from..to let through,
 * in time zone @zone, as "1,2". */
static char *
ids_between (SdStore    *store,
             const char *from,
             const char *to,
             GTimeZone  *zone)
{
  SdAuditFilter filter = { .from = from, .to = to, .time_zone = zone };
  g_autoptr(GPtrArray) entries = fetch (store, &filter, 0, 100);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = entries->len; i-- > 0;)
    {
      SdAuditEntry *entry = g_ptr_array_index (entries, i);

      g_string_append_printf (out, "%s%" G_GINT64_FORMAT, out->len > 0 ? "," : "", entry->id);
    }
  g_assert_cmpuint (count (store, &filter), ==, entries->len);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define ASSERT_IDS(store, from, to, zone, expected) \
  G_STMT_START { \
    g_autofree char *ids_ = ids_between (store, from, to, zone); \
    g_assert_cmpstr (ids_, ==, expected); \
  } G_STMT_END

static void
test_days (Fixture       *fixture,
           gconstpointer  data)
{
  static const char * const times[] = {
    "2026-03-01T15:59:59.999999Z",   /* 1: 23:59:59 on 1 March in Beijing */
    "2026-03-01T16:00:00.000000Z",   /* 2: midnight of 2 March in Beijing */
    "2026-03-02T04:59:59.999999Z",   /* 3: 23:59:59 on 1 March in New York */
    "2026-03-02T15:59:59.999999Z",   /* 4: the last moment of 2 March in Beijing */
    "2026-03-02T16:00:00.000000Z",   /* 5: 3 March in Beijing */
    NULL
  };
  g_autoptr(GTimeZone) beijing = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GTimeZone) new_york = g_time_zone_new_offset (-5 * 3600);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  SdAuditFilter bad = { .from = "2026-02-30" };
  guint n = 99;

  g_clear_object (&fixture->store);
  write_entries_at (fixture->path, times);
  fixture->store = sd_store_open (fixture->path, SD_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);

  /* One day, in three zones: from its midnight to the next one. */
  ASSERT_IDS (fixture->store, "2026-03-02", "2026-03-02", beijing, "2,3,4");
  ASSERT_IDS (fixture->store, "2026-03-01", "2026-03-01", beijing, "1");
  ASSERT_IDS (fixture->store, "2026-03-01", "2026-03-01", utc, "1,2");
  ASSERT_IDS (fixture->store, "2026-03-02", "2026-03-02", utc, "3,4,5");
  ASSERT_IDS (fixture->store, "2026-03-01", "2026-03-01", new_york, "1,2,3");
  ASSERT_IDS (fixture->store, "2026-03-02", "2026-03-02", new_york, "4,5");
  /* Open at either end, and a range of days. */
  ASSERT_IDS (fixture->store, "2026-03-02", NULL, beijing, "2,3,4,5");
  ASSERT_IDS (fixture->store, NULL, "2026-03-02", beijing, "1,2,3,4");
  ASSERT_IDS (fixture->store, "2026-03-01", "2026-03-03", beijing, "1,2,3,4,5");
  ASSERT_IDS (fixture->store, "2026-03-04", NULL, beijing, "");
  /* Backwards: nothing. */
  ASSERT_IDS (fixture->store, "2026-03-02", "2026-03-01", beijing, "");

  /* The local zone by default (TZ is UTC+8 in this test). */
  ASSERT_IDS (fixture->store, "2026-03-02", "2026-03-02", NULL, "2,3,4");

  /* Not a date: an error, not everything. */
  g_assert_false (sd_audit_query_count (fixture->store, &bad, &n, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_FAILED);
  g_assert_cmpuint (n, ==, 0);
  g_clear_error (&error);
  bad.from = NULL;
  bad.to = "yesterday";
  g_assert_null (sd_audit_query_fetch (fixture->store, &bad, 0, 10, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_FAILED);
}

/* A day with a change of the clocks has 23 hours: 8 March 2026 in New
 * York (EST to EDT at 02:00), from 05:00 UTC to 04:00 UTC the next day. */
static void
test_days_across_summer_time (Fixture       *fixture,
                              gconstpointer  data)
{
  static const char * const times[] = {
    "2026-03-08T04:59:59.999999Z",   /* 1: 7 March, 23:59:59 EST */
    "2026-03-08T05:00:00.000000Z",   /* 2: 8 March, 00:00 EST */
    "2026-03-09T03:59:59.999999Z",   /* 3: 8 March, 23:59:59 EDT */
    "2026-03-09T04:00:00.000000Z",   /* 4: 9 March, 00:00 EDT */
    NULL
  };
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GError) error = NULL;
  g_autofree char *start = NULL;

  if (new_york == NULL)
    {
      g_test_skip ("no time zone data for America/New_York");
      return;
    }
  g_clear_object (&fixture->store);
  write_entries_at (fixture->path, times);
  fixture->store = sd_store_open (fixture->path, SD_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);

  ASSERT_IDS (fixture->store, "2026-03-08", "2026-03-08", new_york, "2,3");
  ASSERT_IDS (fixture->store, "2026-03-09", NULL, new_york, "4");
  ASSERT_IDS (fixture->store, NULL, "2026-03-07", new_york, "1");

  start = sd_audit_day_start_utc ("2026-03-09", new_york);
  g_assert_cmpstr (start, ==, "2026-03-09T04:00:00.000000Z");
  g_clear_pointer (&start, g_free);
  start = sd_audit_day_start_utc ("2026-11-01", new_york);
  g_assert_cmpstr (start, ==, "2026-11-01T04:00:00.000000Z");
  g_clear_pointer (&start, g_free);
  start = sd_audit_day_start_utc ("2026-11-02", new_york);
  g_assert_cmpstr (start, ==, "2026-11-02T05:00:00.000000Z");
}

static void
test_day_start (void)
{
  g_autoptr(GTimeZone) beijing = g_time_zone_new_offset (8 * 3600);
  const char *bad[] = { "", "2026", "2026-13-01", "2026-02-29", "2026-03-01x", "01/03/2026",
                        "2026-03-01T00:00" };
  g_autofree char *start = sd_audit_day_start_utc ("2026-03-01", beijing);
  g_autofree char *leap = sd_audit_day_start_utc ("2024-02-29", beijing);
  g_autofree char *new_year = sd_audit_day_start_utc ("2027-01-01", beijing);

  g_assert_cmpstr (start, ==, "2026-02-28T16:00:00.000000Z");
  g_assert_cmpstr (leap, ==, "2024-02-28T16:00:00.000000Z");
  g_assert_cmpstr (new_year, ==, "2026-12-31T16:00:00.000000Z");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_null (sd_audit_day_start_utc (bad[i], beijing));
}

static void
test_row (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean exists = FALSE;
  g_autofree char *now = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *holder = NULL;
  g_autofree char *expected = NULL;

  /* As it is now, with the change of its staff count. */
  now = sd_audit_query_row (fixture->store, "units",
                            sd_item_get_id (SD_ITEM (fixture->unit)), &exists, &error);
  g_assert_no_error (error);
  g_assert_true (exists);
  g_assert_nonnull (strstr (now, "\"name\":\"信息部\""));
  g_assert_nonnull (strstr (now, "\"staff_count\":12"));
  g_assert_nonnull (strstr (now, "\"parent_id\":null"));

  /* As its deletion recorded it. */
  gone = sd_audit_query_row (fixture->store, "units", fixture->deleted_unit_id, &exists, &error);
  g_assert_no_error (error);
  g_assert_false (exists);
  g_assert_nonnull (strstr (gone, "\"name\":\"旧仓库_100%\""));

  /* The same form as the log's own record of an addition. */
  holder = sd_audit_query_row (fixture->store, "post_holders", fixture->holder_id, &exists,
                               &error);
  g_assert_true (exists);
  {
    Item item = { "post_holders", fixture->holder_id };
    SdAuditFilter filter = { .entity = "post_holders", .entity_id = fixture->holder_id };
    g_autoptr(GPtrArray) entries = fetch (fixture->store, &filter, 0, 10);

    g_assert_cmpuint (assert_filter (fixture->store, &filter, item_is, &item), ==, 1);
    expected = g_strdup (((SdAuditEntry *) g_ptr_array_index (entries, 0))->after);
  }
  g_assert_cmpstr (holder, ==, expected);

  /* Nothing known. */
  g_assert_null (sd_audit_query_row (fixture->store, "units", 9999, &exists, &error));
  g_assert_no_error (error);
  g_assert_false (exists);
  g_assert_null (sd_audit_query_row (fixture->store, "risk_matrix", 1, &exists, &error));
  g_assert_null (sd_audit_query_row (fixture->store, "units; DROP TABLE units", 1, &exists,
                                     &error));
  g_assert_no_error (error);
}

static char *
query_plan (sqlite3    *db,
            const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr(GString) plan = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&plan), FALSE);
}

static int
user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt;
  int version;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

/* Schema 3 indexes the log by item; a file of schema 2 gets the index
 * when it is opened, and keeps its log. */
static void
test_upgrade (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) before = all_entries (fixture->store);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = NULL;
  SdAuditFilter filter = { .entity = "units" };
  sqlite3 *db;

  g_assert_cmpuint (sd_store_n_migrations, >=, 3);
  g_clear_object (&fixture->store);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  plan = query_plan (db, "SELECT count(*) FROM audit_log WHERE 1 AND entity = 'units'");
  g_assert_nonnull (strstr (plan, "audit_log_entity"));
  g_clear_pointer (&plan, g_free);
  plan = query_plan (db, "SELECT before FROM audit_log WHERE entity = 'units'"
                         " AND entity_id = 2 AND action = 'delete' ORDER BY id DESC LIMIT 1");
  g_assert_nonnull (strstr (plan, "audit_log_entity"));
  g_clear_pointer (&plan, g_free);

  /* Back to schema 2, as a file of the previous version is. */
  g_assert_cmpint (sqlite3_exec (db, "DROP INDEX audit_log_entity; PRAGMA user_version = 2",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  fixture->store = sd_store_open (fixture->path, SD_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  after = all_entries (fixture->store);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (((SdAuditEntry *) g_ptr_array_index (after, i))->hash, ==,
                     ((SdAuditEntry *) g_ptr_array_index (before, i))->hash);
  g_assert_cmpuint (count (fixture->store, &filter), ==, 4);

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (user_version (db), ==, sd_store_n_migrations);
  plan = query_plan (db, "SELECT count(*) FROM audit_log WHERE 1 AND entity = 'units'");
  g_assert_nonnull (strstr (plan, "audit_log_entity"));
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  /* The local time zone of test_days(): UTC+8, written as POSIX has it. */
  g_setenv ("TZ", "CST-8", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/audit-query/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("filters", test_filters);
  ADD ("search", test_search);
  ADD ("paging", test_paging);
  ADD ("days", test_days);
  ADD ("days-across-summer-time", test_days_across_summer_time);
  g_test_add_func ("/audit-query/day-start", test_day_start);
  ADD ("row", test_row);
  ADD ("upgrade", test_upgrade);

  return g_test_run ();
}
