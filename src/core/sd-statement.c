/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-statement"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-assignment.h"
#include "sd-body.h"
#include "sd-body-member.h"
#include "sd-duty.h"
#include "sd-person.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-statement.h"

/*
 * What a statement covers, and why:
 *
 * - Bodies: those in which the unit's head holds a seat (body_members, as
 *   leader, deputy leader or member). A body has no leader column of its
 *   own (led_by_id is the body that leads it), so the seat is the one link
 *   between a head and a body. A body's duties are signed by every head who
 *   sits in it: each of them answers for them in that seat.
 *
 * - Inactive people hold nothing, as in sd-org-rules.c: they are not listed
 *   as holders of a post, and an inactive head counts as no head, so the
 *   statement has no head line and no bodies. Someone who has left cannot
 *   acknowledge anything, and the statement a successor signs must not
 *   carry the seats of the one who left. Making a person inactive thus
 *   changes the text, and a sign-off it covered becomes outdated.
 *
 * - The canonical text leaves out what a reader of the statement does not
 *   sign for: ids, a post's description, a holder's primary or deputy flag
 *   and the date since, a duty's area (a heading of the printed document),
 *   staff counts.
 */

/* Fixed labels of the canonical text: never translated, so that the text
 * and its hash do not depend on the language of the UI. */
#define LABEL_TITLE   "Responsibility statement 安全责任书"
#define LABEL_UNIT    "Unit 单位: "
#define LABEL_HEAD    "Head 负责人: "
#define LABEL_POST    "Post 岗位: "
#define LABEL_HOLDERS "Holders 在岗: "
#define LABEL_BODY    "Body 机构: "
#define LABEL_SEAT    "Seat 席位: "
#define LABEL_DUTY    "Duty 职责: "
#define LABEL_PARTY   "Party 承担方: "
#define LABEL_ROLE    "Role 角色: "
#define LABEL_SOURCE  "Source 来源: "
#define LABEL_NONE    "none 无"
#define SEPARATOR     " | "

static const char *
nonnull (const char *s)
{
  return s != NULL ? s : "";
}

static gboolean
person_counts (SdPerson *person)
{
  return person != NULL && sd_person_get_active (person);
}

/* The seat of a body member, in both languages, for the canonical text. */
static const char *
seat_label (const char *role)
{
  if (g_strcmp0 (role, "leader") == 0)
    return "Leader 组长";
  if (g_strcmp0 (role, "deputy") == 0)
    return "Deputy leader 副组长";
  if (g_strcmp0 (role, "member") == 0)
    return "Member 成员";
  return nonnull (role);
}

/* Keys of the party index: the id and the kind in one number. */
static gint64
party_key (SdPartyKind kind,
           gint64      id)
{
  return id * 4 + (gint64) kind;
}

static void
append_to_bucket (GHashTable *buckets,
                  gint64      key,
                  gpointer    item)
{
  GPtrArray *list = g_hash_table_lookup (buckets, &key);

  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (buckets, g_memdup2 (&key, sizeof key), list);
    }
  g_ptr_array_add (list, item);
}

static GHashTable *
buckets_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                (GDestroyNotify) g_ptr_array_unref);
}

/* What every statement needs, indexed once. The items are borrowed from
 * the store's models, which keep them alive while nothing is edited. */
typedef struct
{
  SdStore    *store;
  GHashTable *posts_by_unit;         /* unit id → SdPost */
  GHashTable *holders_by_post;       /* post id → SdPerson, active only */
  GHashTable *seats_by_person;       /* person id → SdBodyMember */
  GHashTable *assignments_by_party;  /* party_key () → SdAssignment */
} Index;

static void
index_clear (Index *index)
{
  g_clear_pointer (&index->posts_by_unit, g_hash_table_unref);
  g_clear_pointer (&index->holders_by_post, g_hash_table_unref);
  g_clear_pointer (&index->seats_by_person, g_hash_table_unref);
  g_clear_pointer (&index->assignments_by_party, g_hash_table_unref);
}

static void
index_new_buckets (Index   *index,
                   SdStore *store)
{
  index->store = store;
  index->posts_by_unit = buckets_new ();
  index->holders_by_post = buckets_new ();
  index->seats_by_person = buckets_new ();
  index->assignments_by_party = buckets_new ();
}

/* Indexes what the statements of every unit need, by one walk of each
 * table. */
static void
index_init (Index   *index,
            SdStore *store)
{
  GListModel *model;
  guint n;

  index_new_buckets (index, store);

  model = sd_store_get_items (store, SD_TYPE_POST);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPost) post = g_list_model_get_item (model, i);
      gint64 unit_id = sd_post_get_unit_id (post);

      if (unit_id != 0)
        append_to_bucket (index->posts_by_unit, unit_id, post);
    }

  model = sd_store_get_items (store, SD_TYPE_POST_HOLDER);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPostHolder) holder = g_list_model_get_item (model, i);
      SdPerson *person = sd_store_lookup (store, SD_TYPE_PERSON,
                                          sd_post_holder_get_person_id (holder));

      if (person_counts (person))
        append_to_bucket (index->holders_by_post, sd_post_holder_get_post_id (holder), person);
    }

  model = sd_store_get_items (store, SD_TYPE_BODY_MEMBER);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdBodyMember) member = g_list_model_get_item (model, i);

      append_to_bucket (index->seats_by_person, sd_body_member_get_person_id (member), member);
    }

  model = sd_store_get_items (store, SD_TYPE_ASSIGNMENT);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      SdAssignment *assignment = g_list_model_get_item (model, i);
      gint64 key;

      /* The store's model keeps the item alive. */
      g_object_unref (assignment);
      if (sd_assignment_get_post_id (assignment) != 0)
        key = party_key (SD_PARTY_POST, sd_assignment_get_post_id (assignment));
      else if (sd_assignment_get_unit_id (assignment) != 0)
        key = party_key (SD_PARTY_UNIT, sd_assignment_get_unit_id (assignment));
      else if (sd_assignment_get_body_id (assignment) != 0)
        key = party_key (SD_PARTY_BODY, sd_assignment_get_body_id (assignment));
      else
        continue;
      append_to_bucket (index->assignments_by_party, key, assignment);
    }
}

static void
index_add_found (Index      *index,
                 GHashTable *buckets,
                 gint64      key,
                 GPtrArray  *found)
{
  for (guint i = 0; i < found->len; i++)
    append_to_bucket (buckets, key, g_ptr_array_index (found, i));
}

/* Indexes what the statements of @units need, and nothing else, through
 * the file's indexes (sd_store_find()): as long as their statements, not
 * as the organisation. For one statement, or the few an edit touched. */
static void
index_init_for_units (Index    *index,
                      SdStore  *store,
                      SdUnit  **units,
                      guint     n_units)
{
  g_autoptr(GHashTable) bodies = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        NULL);

  index_new_buckets (index, store);

  for (guint u = 0; u < n_units; u++)
    {
      SdUnit *unit = units[u];
      gint64 unit_id = sd_item_get_id (SD_ITEM (unit));
      gint64 head_id = sd_unit_get_head_id (unit);
      g_autoptr(GPtrArray) posts = sd_store_find (store, SD_TYPE_POST, "unit-id", unit_id);
      g_autoptr(GPtrArray) held = sd_store_find (store, SD_TYPE_ASSIGNMENT, "unit-id", unit_id);

      index_add_found (index, index->posts_by_unit, unit_id, posts);
      index_add_found (index, index->assignments_by_party, party_key (SD_PARTY_UNIT, unit_id),
                       held);

      for (guint p = 0; p < posts->len; p++)
        {
          gint64 post_id = sd_item_get_id (g_ptr_array_index (posts, p));
          g_autoptr(GPtrArray) holders = sd_store_find (store, SD_TYPE_POST_HOLDER, "post-id",
                                                        post_id);
          g_autoptr(GPtrArray) post_held = sd_store_find (store, SD_TYPE_ASSIGNMENT, "post-id",
                                                          post_id);

          for (guint h = 0; h < holders->len; h++)
            {
              SdPerson *person =
                sd_store_lookup (store, SD_TYPE_PERSON,
                                 sd_post_holder_get_person_id (g_ptr_array_index (holders, h)));

              if (person_counts (person))
                append_to_bucket (index->holders_by_post, post_id, person);
            }
          index_add_found (index, index->assignments_by_party,
                           party_key (SD_PARTY_POST, post_id), post_held);
        }

      if (head_id != 0 && !g_hash_table_contains (index->seats_by_person, &head_id))
        {
          g_autoptr(GPtrArray) seats = sd_store_find (store, SD_TYPE_BODY_MEMBER, "person-id",
                                                      head_id);

          index_add_found (index, index->seats_by_person, head_id, seats);
          for (guint i = 0; i < seats->len; i++)
            {
              gint64 body_id = sd_body_member_get_body_id (g_ptr_array_index (seats, i));
              g_autoptr(GPtrArray) body_held = NULL;

              if (!g_hash_table_add (bodies, g_memdup2 (&body_id, sizeof body_id)))
                continue;
              body_held = sd_store_find (store, SD_TYPE_ASSIGNMENT, "body-id", body_id);
              index_add_found (index, index->assignments_by_party,
                               party_key (SD_PARTY_BODY, body_id), body_held);
            }
        }
    }
}

/* SdStatement */

static void
statement_duty_free (SdStatementDuty *duty)
{
  g_free (duty->code);
  g_free (duty->area);
  g_free (duty->text);
  g_free (duty->source);
  g_free (duty->party);
  g_free (duty);
}

static void
statement_seat_free (SdStatementSeat *seat)
{
  g_free (seat->name);
  g_free (seat->holders);
  g_free (seat);
}

static SdStatementSeat *
statement_seat_new (const char *name,
                    const char *holders)
{
  SdStatementSeat *seat = g_new0 (SdStatementSeat, 1);

  seat->name = g_strdup (nonnull (name));
  seat->holders = g_strdup (nonnull (holders));
  return seat;
}

static int
compare_seats (gconstpointer a,
               gconstpointer b)
{
  const SdStatementSeat *x = *(SdStatementSeat **) a;
  const SdStatementSeat *y = *(SdStatementSeat **) b;
  int by_name = strcmp (x->name, y->name);

  return by_name != 0 ? by_name : strcmp (x->holders, y->holders);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* A duty line with what orders it but is not part of it. Its strings are
 * borrowed from the items (and the statement's unit name) until the
 * statement is built. */
typedef struct
{
  int              position;
  SdStatementDuty  duty;
} SortedDuty;

static int
party_rank (SdPartyKind kind)
{
  switch (kind)
    {
    case SD_PARTY_UNIT:
      return 0;
    case SD_PARTY_POST:
      return 1;
    case SD_PARTY_BODY:
    default:
      return 2;
    }
}

static int
compare_duties (gconstpointer a,
                gconstpointer b)
{
  const SortedDuty *x = a;
  const SortedDuty *y = b;
  int cmp;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  if ((cmp = strcmp (x->duty.code, y->duty.code)) != 0)
    return cmp;
  if ((cmp = party_rank (x->duty.party_kind) - party_rank (y->duty.party_kind)) != 0)
    return cmp;
  if ((cmp = strcmp (x->duty.party, y->duty.party)) != 0)
    return cmp;
  /* Only broken data gets this far (the store keeps one role per duty and
   * party); the rest of the line still makes the order independent of the
   * order of the rows. */
  if ((cmp = (int) x->duty.role - (int) y->duty.role) != 0)
    return cmp;
  if ((cmp = strcmp (x->duty.text, y->duty.text)) != 0)
    return cmp;
  return strcmp (x->duty.source, y->duty.source);
}

static void
add_party_duties (Index       *index,
                  GArray      *sorted,
                  SdPartyKind  kind,
                  gint64       party_id,
                  const char  *party_name)
{
  gint64 key = party_key (kind, party_id);
  GPtrArray *assignments = g_hash_table_lookup (index->assignments_by_party, &key);

  for (guint i = 0; assignments != NULL && i < assignments->len; i++)
    {
      SdAssignment *assignment = g_ptr_array_index (assignments, i);
      SdDuty *duty = sd_store_lookup (index->store, SD_TYPE_DUTY,
                                      sd_assignment_get_duty_id (assignment));
      const char *role = sd_assignment_get_role (assignment);
      SortedDuty entry;

      if (duty == NULL)
        continue;
      entry.position = sd_duty_get_position (duty);
      entry.duty.code = (char *) nonnull (sd_duty_get_code (duty));
      entry.duty.area = (char *) nonnull (sd_duty_get_area (duty));
      entry.duty.text = (char *) nonnull (sd_duty_get_text (duty));
      entry.duty.source = (char *) nonnull (sd_duty_get_source (duty));
      entry.duty.duty_id = sd_item_get_id (SD_ITEM (duty));
      entry.duty.party_kind = kind;
      entry.duty.party_id = party_id;
      entry.duty.party = (char *) nonnull (party_name);
      entry.duty.role = role != NULL && role[0] != '\0' ? role[0] : '?';
      g_array_append_val (sorted, entry);
    }
}

static SdStatementDuty *
statement_duty_copy (const SdStatementDuty *line)
{
  SdStatementDuty *duty = g_new (SdStatementDuty, 1);

  *duty = *line;
  duty->code = g_strdup (line->code);
  duty->area = g_strdup (line->area);
  duty->text = g_strdup (line->text);
  duty->source = g_strdup (line->source);
  duty->party = g_strdup (line->party);
  return duty;
}

/* With @lines, the statement's duty lines are not copies: they point into
 * *@lines (of SortedDuty), whose strings are the items' own. That is for a
 * text made and hashed at once, for every unit in turn: the summary of
 * every unit then copies no string of any duty line. Free *@lines after
 * the statement, and before anything is edited. */
static SdStatement *
statement_build (Index   *index,
                 SdUnit  *unit,
                 GArray **lines)
{
  SdStatement *statement = g_new0 (SdStatement, 1);
  gint64 unit_id = sd_item_get_id (SD_ITEM (unit));
  SdPerson *head = sd_store_lookup (index->store, SD_TYPE_PERSON, sd_unit_get_head_id (unit));
  GPtrArray *posts = g_hash_table_lookup (index->posts_by_unit, &unit_id);
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (SortedDuty));
  g_autoptr(GPtrArray) body_items = g_ptr_array_new ();

  statement->unit_id = unit_id;
  statement->unit_name = g_strdup (nonnull (sd_unit_get_name (unit)));
  statement->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) statement_seat_free);
  statement->bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) statement_seat_free);
  statement->duties = lines != NULL
                      ? g_ptr_array_new ()
                      : g_ptr_array_new_with_free_func ((GDestroyNotify) statement_duty_free);

  if (person_counts (head))
    {
      statement->head_id = sd_item_get_id (SD_ITEM (head));
      statement->head_name = g_strdup (nonnull (sd_person_get_name (head)));
    }

  add_party_duties (index, sorted, SD_PARTY_UNIT, unit_id, statement->unit_name);

  for (guint i = 0; posts != NULL && i < posts->len; i++)
    {
      SdPost *post = g_ptr_array_index (posts, i);
      gint64 post_id = sd_item_get_id (SD_ITEM (post));
      GPtrArray *holders = g_hash_table_lookup (index->holders_by_post, &post_id);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *joined = NULL;

      for (guint h = 0; holders != NULL && h < holders->len; h++)
        g_ptr_array_add (names, (gpointer) nonnull (sd_person_get_name (g_ptr_array_index (holders,
                                                                                           h))));
      g_ptr_array_sort (names, compare_strings);
      g_ptr_array_add (names, NULL);
      joined = g_strjoinv (", ", (char **) names->pdata);
      g_ptr_array_add (statement->posts, statement_seat_new (sd_post_get_name (post), joined));
      add_party_duties (index, sorted, SD_PARTY_POST, post_id, sd_post_get_name (post));
    }

  if (statement->head_id != 0)
    {
      GPtrArray *seats = g_hash_table_lookup (index->seats_by_person, &statement->head_id);

      for (guint i = 0; seats != NULL && i < seats->len; i++)
        {
          SdBodyMember *member = g_ptr_array_index (seats, i);
          SdBody *body = sd_store_lookup (index->store, SD_TYPE_BODY,
                                          sd_body_member_get_body_id (member));

          /* The file keeps one seat per person and body; a second row
           * would only repeat the body's duties. */
          if (body == NULL || g_ptr_array_find (body_items, body, NULL))
            continue;
          g_ptr_array_add (body_items, body);
          g_ptr_array_add (statement->bodies,
                           statement_seat_new (sd_body_get_name (body),
                                               seat_label (sd_body_member_get_role (member))));
          add_party_duties (index, sorted, SD_PARTY_BODY, sd_item_get_id (SD_ITEM (body)),
                            sd_body_get_name (body));
        }
    }

  g_ptr_array_sort (statement->posts, compare_seats);
  g_ptr_array_sort (statement->bodies, compare_seats);
  g_array_sort (sorted, compare_duties);
  for (guint i = 0; i < sorted->len; i++)
    {
      SdStatementDuty *line = &g_array_index (sorted, SortedDuty, i).duty;

      g_ptr_array_add (statement->duties, lines != NULL ? line : statement_duty_copy (line));
    }
  if (lines != NULL)
    *lines = g_steal_pointer (&sorted);

  return statement;
}

SdStatement *
sd_statement_new (SdStore *store,
                  SdUnit  *unit)
{
  Index index = { 0 };
  SdStatement *statement;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_UNIT (unit), NULL);

  index_init_for_units (&index, store, &unit, 1);
  statement = statement_build (&index, unit, NULL);
  index_clear (&index);
  return statement;
}

void
sd_statement_free (SdStatement *statement)
{
  if (statement == NULL)
    return;
  g_free (statement->unit_name);
  g_free (statement->head_name);
  g_clear_pointer (&statement->posts, g_ptr_array_unref);
  g_clear_pointer (&statement->bodies, g_ptr_array_unref);
  g_clear_pointer (&statement->duties, g_ptr_array_unref);
  g_free (statement);
}

/* A value on one line: a line break becomes the two characters "\n", and
 * a backslash is doubled so that a value that holds "\n" as text cannot be
 * mistaken for one that holds a line break. */
static void
append_value (GString    *out,
              const char *value)
{
  const char *p = nonnull (value);

  for (;;)
    {
      /* Plain text up to the next character to escape, in one piece. */
      gsize plain = strcspn (p, "\\\r\n");

      g_string_append_len (out, p, plain);
      p += plain;
      switch (*p)
        {
        case '\0':
          return;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\r':
          if (p[1] == '\n')
            p++;
          G_GNUC_FALLTHROUGH;
        case '\n':
          g_string_append (out, "\\n");
          break;
        default:
          g_assert_not_reached ();
        }
      p++;
    }
}

static void
append_value_or_none (GString    *out,
                      const char *value)
{
  if (value == NULL || value[0] == '\0')
    g_string_append (out, LABEL_NONE);
  else
    append_value (out, value);
}

char *
sd_statement_to_canonical (const SdStatement *statement)
{
  GString *out;

  g_return_val_if_fail (statement != NULL, NULL);

  out = g_string_new (LABEL_TITLE "\n");

  g_string_append (out, LABEL_UNIT);
  append_value (out, statement->unit_name);
  g_string_append (out, "\n" LABEL_HEAD);
  append_value_or_none (out, statement->head_name);
  g_string_append_c (out, '\n');

  for (guint i = 0; i < statement->posts->len; i++)
    {
      SdStatementSeat *seat = g_ptr_array_index (statement->posts, i);

      g_string_append (out, LABEL_POST);
      append_value (out, seat->name);
      g_string_append (out, SEPARATOR LABEL_HOLDERS);
      append_value_or_none (out, seat->holders);
      g_string_append_c (out, '\n');
    }

  for (guint i = 0; i < statement->bodies->len; i++)
    {
      SdStatementSeat *seat = g_ptr_array_index (statement->bodies, i);

      g_string_append (out, LABEL_BODY);
      append_value (out, seat->name);
      g_string_append (out, SEPARATOR LABEL_SEAT);
      append_value_or_none (out, seat->holders);
      g_string_append_c (out, '\n');
    }

  for (guint i = 0; i < statement->duties->len; i++)
    {
      SdStatementDuty *duty = g_ptr_array_index (statement->duties, i);

      g_string_append (out, LABEL_DUTY);
      append_value (out, duty->code);
      g_string_append (out, SEPARATOR LABEL_PARTY);
      append_value (out, duty->party);
      g_string_append_printf (out, SEPARATOR LABEL_ROLE "%c" SEPARATOR, duty->role);
      append_value (out, duty->text);
      g_string_append (out, SEPARATOR LABEL_SOURCE);
      append_value_or_none (out, duty->source);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

char *
sd_statement_hash (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

const char *
sd_statement_default_meaning (void)
{
  /* Translators: the meaning of a head's signature on the responsibility
   * statement; 本人已阅知并接受上述安全职责。 */
  return _("I have read and accept the security duties above.");
}

SdSignoff *
sd_statement_sign (SdStore           *store,
                   const SdStatement *statement,
                   const char        *signer_name,
                   gint64             signer_person_id,
                   const char        *meaning,
                   GBytes            *signature,
                   GError           **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *signed_at = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (statement != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stripped = g_strstrip (g_strdup (nonnull (signer_name)));
  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_CONSTRAINT,
                           _("A sign-off needs the name of the person who signs."));
      return NULL;
    }

  now = g_date_time_new_now_local ();
  signed_at = g_date_time_format_iso8601 (now);
  text = sd_statement_to_canonical (statement);
  sha256 = sd_statement_hash (text);

  return sd_store_insert (store, SD_TYPE_SIGNOFF, error,
                          "unit-id", statement->unit_id,
                          "signer-person-id", signer_person_id,
                          "signer-name", signer_name,
                          "meaning", meaning != NULL ? meaning : sd_statement_default_meaning (),
                          "signed-at", signed_at,
                          "canonical-text", text,
                          "sha256", sha256,
                          "signature", signature,
                          NULL);
}

/* Sign-offs */

/* Newest first. Sign-offs are only ever added, so the order of the rows is
 * the order in which they were made, whatever the clock said. */
static int
compare_signoffs_newest_first (gconstpointer a,
                               gconstpointer b)
{
  gint64 x = sd_item_get_id (*(SdItem **) a);
  gint64 y = sd_item_get_id (*(SdItem **) b);

  return x > y ? -1 : x < y ? 1 : 0;
}

GPtrArray *
sd_signoffs_for_unit (SdStore *store,
                      gint64   unit_id)
{
  GListModel *model;
  GPtrArray *out;
  guint n;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  model = sd_store_get_items (store, SD_TYPE_SIGNOFF);
  n = g_list_model_get_n_items (model);
  out = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdSignoff) signoff = g_list_model_get_item (model, i);

      if (sd_signoff_get_unit_id (signoff) == unit_id)
        g_ptr_array_add (out, signoff);
    }
  g_ptr_array_sort (out, compare_signoffs_newest_first);
  return out;
}

/* unit id → its newest SdSignoff (borrowed). */
static GHashTable *
index_latest_signoffs (SdStore *store)
{
  GListModel *model = sd_store_get_items (store, SD_TYPE_SIGNOFF);
  guint n = g_list_model_get_n_items (model);
  GHashTable *latest = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdSignoff) signoff = g_list_model_get_item (model, i);
      gint64 unit_id = sd_signoff_get_unit_id (signoff);
      SdSignoff *other = g_hash_table_lookup (latest, &unit_id);

      if (other == NULL || sd_item_get_id (SD_ITEM (other)) < sd_item_get_id (SD_ITEM (signoff)))
        g_hash_table_insert (latest, g_memdup2 (&unit_id, sizeof unit_id), signoff);
    }
  return latest;
}

SdSignoff *
sd_signoff_find_latest (SdStore *store,
                        gint64   unit_id)
{
  GListModel *model;
  SdSignoff *latest = NULL;
  guint n;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  model = sd_store_get_items (store, SD_TYPE_SIGNOFF);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdSignoff) signoff = g_list_model_get_item (model, i);

      if (sd_signoff_get_unit_id (signoff) == unit_id
          && (latest == NULL
              || sd_item_get_id (SD_ITEM (latest)) < sd_item_get_id (SD_ITEM (signoff))))
        latest = signoff;
    }
  return latest;
}

gboolean
sd_signoff_is_intact (SdSignoff *signoff)
{
  const char *text;
  const char *sha256;
  g_autofree char *computed = NULL;

  g_return_val_if_fail (SD_IS_SIGNOFF (signoff), FALSE);

  text = sd_signoff_get_canonical_text (signoff);
  sha256 = sd_signoff_get_sha256 (signoff);
  if (text == NULL || sha256 == NULL)
    return FALSE;
  computed = sd_statement_hash (text);
  return strcmp (computed, sha256) == 0;
}

GPtrArray *
sd_signoffs_find_tampered (SdStore *store)
{
  GListModel *model;
  GPtrArray *out;
  guint n;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  model = sd_store_get_items (store, SD_TYPE_SIGNOFF);
  n = g_list_model_get_n_items (model);
  out = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdSignoff) signoff = g_list_model_get_item (model, i);

      if (!sd_signoff_is_intact (signoff))
        g_ptr_array_add (out, signoff);
    }
  return out;
}

/* The line diff.
 *
 * Lines are replaced by numbers (equal lines, equal numbers), the common
 * head and tail are cut off, and what is left is compared with Myers'
 * O(ND) algorithm in its linear-space form: find the middle snake of the
 * shortest edit script, then diff the two halves on either side of it.
 * For two versions of a statement that differ in a few lines this is
 * linear in their length, and memory stays linear in the worst case. */

typedef struct
{
  SdDiffOp op;
  guint    index;   /* in the old lines for SAME and REMOVED, else in the new */
} DiffStep;

typedef struct
{
  const guint *a;
  const guint *b;
  GArray      *steps;
} Diff;

static void
diff_emit (Diff     *diff,
           SdDiffOp  op,
           int       from,
           int       to)
{
  for (int i = from; i < to; i++)
    {
      DiffStep step = { op, (guint) i };

      g_array_append_val (diff->steps, step);
    }
}

static void diff_range (Diff *diff,
                        int   a0,
                        int   a1,
                        int   b0,
                        int   b1);

/* Finds the middle snake of a[a0..a1) and b[b0..b1) (both non-empty, with
 * different first and last lines) and diffs either side of it. */
static void
diff_bisect (Diff *diff,
             int   a0,
             int   a1,
             int   b0,
             int   b1)
{
  const guint *t1 = diff->a + a0;
  const guint *t2 = diff->b + b0;
  int n = a1 - a0;
  int m = b1 - b0;
  int max_d = (n + m + 1) / 2;
  int v_offset = max_d;
  int v_length = 2 * max_d + 2;
  int delta = n - m;
  gboolean front = (delta % 2 != 0);
  int k1start = 0, k1end = 0, k2start = 0, k2end = 0;
  g_autofree int *v1 = g_new (int, v_length);
  g_autofree int *v2 = g_new (int, v_length);

  for (int i = 0; i < v_length; i++)
    v1[i] = v2[i] = -1;
  v1[v_offset + 1] = 0;
  v2[v_offset + 1] = 0;

  for (int d = 0; d < max_d; d++)
    {
      /* Forward from the top left. */
      for (int k1 = -d + k1start; k1 <= d - k1end; k1 += 2)
        {
          int k1_offset = v_offset + k1;
          int x1, y1;

          if (k1 == -d || (k1 != d && v1[k1_offset - 1] < v1[k1_offset + 1]))
            x1 = v1[k1_offset + 1];
          else
            x1 = v1[k1_offset - 1] + 1;
          y1 = x1 - k1;
          while (x1 < n && y1 < m && t1[x1] == t2[y1])
            {
              x1++;
              y1++;
            }
          v1[k1_offset] = x1;
          if (x1 > n)
            {
              k1end += 2;
            }
          else if (y1 > m)
            {
              k1start += 2;
            }
          else if (front)
            {
              int k2_offset = v_offset + delta - k1;

              if (k2_offset >= 0 && k2_offset < v_length && v2[k2_offset] != -1
                  && x1 >= n - v2[k2_offset])
                {
                  diff_range (diff, a0, a0 + x1, b0, b0 + y1);
                  diff_range (diff, a0 + x1, a1, b0 + y1, b1);
                  return;
                }
            }
        }

      /* Backward from the bottom right. */
      for (int k2 = -d + k2start; k2 <= d - k2end; k2 += 2)
        {
          int k2_offset = v_offset + k2;
          int x2, y2;

          if (k2 == -d || (k2 != d && v2[k2_offset - 1] < v2[k2_offset + 1]))
            x2 = v2[k2_offset + 1];
          else
            x2 = v2[k2_offset - 1] + 1;
          y2 = x2 - k2;
          while (x2 < n && y2 < m && t1[n - x2 - 1] == t2[m - y2 - 1])
            {
              x2++;
              y2++;
            }
          v2[k2_offset] = x2;
          if (x2 > n)
            {
              k2end += 2;
            }
          else if (y2 > m)
            {
              k2start += 2;
            }
          else if (!front)
            {
              int k1_offset = v_offset + delta - k2;

              if (k1_offset >= 0 && k1_offset < v_length && v1[k1_offset] != -1)
                {
                  int x1 = v1[k1_offset];
                  int y1 = v_offset + x1 - k1_offset;

                  if (x1 >= n - x2)
                    {
                      diff_range (diff, a0, a0 + x1, b0, b0 + y1);
                      diff_range (diff, a0 + x1, a1, b0 + y1, b1);
                      return;
                    }
                }
            }
        }
    }

  /* Nothing in common. */
  diff_emit (diff, SD_DIFF_REMOVED, a0, a1);
  diff_emit (diff, SD_DIFF_ADDED, b0, b1);
}

static void
diff_range (Diff *diff,
            int   a0,
            int   a1,
            int   b0,
            int   b1)
{
  int start = a0;
  int n_tail = 0;

  while (a0 < a1 && b0 < b1 && diff->a[a0] == diff->b[b0])
    {
      a0++;
      b0++;
    }
  diff_emit (diff, SD_DIFF_SAME, start, a0);

  while (a0 < a1 - n_tail && b0 < b1 - n_tail
         && diff->a[a1 - 1 - n_tail] == diff->b[b1 - 1 - n_tail])
    n_tail++;
  a1 -= n_tail;
  b1 -= n_tail;

  if (a0 == a1)
    diff_emit (diff, SD_DIFF_ADDED, b0, b1);
  else if (b0 == b1)
    diff_emit (diff, SD_DIFF_REMOVED, a0, a1);
  else
    diff_bisect (diff, a0, a1, b0, b1);

  diff_emit (diff, SD_DIFF_SAME, a1, a1 + n_tail);
}

/* The lines of @text without their "\n"; a last line without one counts. */
static GStrv
split_lines (const char *text)
{
  GStrv lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  guint n = g_strv_length (lines);

  if (n > 0 && lines[n - 1][0] == '\0')
    {
      g_free (lines[n - 1]);
      lines[n - 1] = NULL;
    }
  return lines;
}

static guint *
number_lines (GStrv       lines,
              GHashTable *numbers,
              guint      *n_lines)
{
  guint n = g_strv_length (lines);
  guint *out = g_new (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      gpointer value;

      if (!g_hash_table_lookup_extended (numbers, lines[i], NULL, &value))
        {
          value = GUINT_TO_POINTER (g_hash_table_size (numbers));
          g_hash_table_insert (numbers, lines[i], value);
        }
      out[i] = GPOINTER_TO_UINT (value);
    }
  *n_lines = n;
  return out;
}

static void
diff_line_free (SdDiffLine *line)
{
  g_free (line->line);
  g_free (line);
}

static GPtrArray *
text_diff (const char *old_text,
           const char *new_text,
           gboolean    changes_only)
{
  g_auto(GStrv) old_lines = split_lines (old_text);
  g_auto(GStrv) new_lines = split_lines (new_text);
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *a = NULL;
  g_autofree guint *b = NULL;
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (DiffStep));
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) diff_line_free);
  guint n_old, n_new;
  Diff diff;

  a = number_lines (old_lines, numbers, &n_old);
  b = number_lines (new_lines, numbers, &n_new);
  diff.a = a;
  diff.b = b;
  diff.steps = steps;
  diff_range (&diff, 0, (int) n_old, 0, (int) n_new);

  for (guint i = 0; i < steps->len; i++)
    {
      DiffStep *step = &g_array_index (steps, DiffStep, i);
      SdDiffLine *line;

      if (changes_only && step->op == SD_DIFF_SAME)
        continue;
      line = g_new0 (SdDiffLine, 1);
      line->op = step->op;
      line->line = g_strdup (step->op == SD_DIFF_ADDED ? new_lines[step->index]
                                                       : old_lines[step->index]);
      g_ptr_array_add (out, line);
    }
  return out;
}

GPtrArray *
sd_text_diff (const char *old_text,
              const char *new_text)
{
  return text_diff (old_text, new_text, FALSE);
}

GPtrArray *
sd_text_diff_changes (const char *old_text,
                      const char *new_text)
{
  return text_diff (old_text, new_text, TRUE);
}

/* Sign status */

void
sd_sign_status_free (SdSignStatus *status)
{
  if (status == NULL)
    return;
  g_clear_object (&status->unit);
  g_clear_object (&status->latest);
  g_free (status->text);
  g_free (status);
}

static SdSignStatus *
sign_status_build (Index     *index,
                   SdUnit    *unit,
                   SdSignoff *latest)
{
  /* Freed after the statement, which points into them. */
  g_autoptr(GArray) lines = NULL;
  g_autoptr(SdStatement) statement = statement_build (index, unit, &lines);
  SdSignStatus *status = g_new0 (SdSignStatus, 1);

  status->unit = g_object_ref (unit);
  status->latest = latest != NULL ? g_object_ref (latest) : NULL;
  status->text = sd_statement_to_canonical (statement);
  status->n_duties = statement->duties->len;

  if (latest == NULL)
    {
      status->state = status->n_duties > 0 ? SD_SIGN_STATE_NEVER : SD_SIGN_STATE_NOTHING;
    }
  else
    {
      g_autofree char *hash = sd_statement_hash (status->text);

      if (g_strcmp0 (hash, sd_signoff_get_sha256 (latest)) == 0)
        {
          status->state = SD_SIGN_STATE_CURRENT;
        }
      else
        {
          g_autoptr(GPtrArray) changes =
            sd_text_diff_changes (sd_signoff_get_canonical_text (latest), status->text);

          status->state = SD_SIGN_STATE_OUTDATED;
          status->n_changes = changes->len;
        }
    }
  return status;
}

SdSignStatus *
sd_sign_status_new (SdStore *store,
                    SdUnit  *unit)
{
  Index index = { 0 };
  SdSignStatus *status;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_UNIT (unit), NULL);

  index_init_for_units (&index, store, &unit, 1);
  status = sign_status_build (&index, unit,
                              sd_signoff_find_latest (store, sd_item_get_id (SD_ITEM (unit))));
  index_clear (&index);
  return status;
}

/* A copy of @status without its text, for a new summary that keeps it. */
static SdSignStatus *
sign_status_copy_brief (const SdSignStatus *status)
{
  SdSignStatus *copy = g_new (SdSignStatus, 1);

  *copy = *status;
  g_object_ref (copy->unit);
  if (copy->latest != NULL)
    g_object_ref (copy->latest);
  copy->text = NULL;
  return copy;
}

typedef struct
{
  Index      *index;
  GHashTable *latest;     /* unit id → SdSignoff */
  GHashTable *children;   /* unit id → SdUnit */
  GHashTable *visited;
  GHashTable *keep;       /* unit id → SdSignStatus to copy instead of building, or NULL */
  GPtrArray  *out;
  gboolean    keep_texts;
} StatusWalk;

static void
add_status_subtree (StatusWalk *walk,
                    SdUnit     *unit)
{
  gint64 id = sd_item_get_id (SD_ITEM (unit));
  const SdSignStatus *kept = walk->keep != NULL ? g_hash_table_lookup (walk->keep, &id) : NULL;
  GPtrArray *kids;
  SdSignStatus *status;

  /* A cycle in the parent links must not loop forever. */
  if (!g_hash_table_add (walk->visited, unit))
    return;
  if (kept != NULL)
    {
      status = sign_status_copy_brief (kept);
    }
  else
    {
      status = sign_status_build (walk->index, unit, g_hash_table_lookup (walk->latest, &id));
      /* Every unit's text at once takes tens of megabytes on a large
       * organisation (hundreds on ten times that): a summary drops each
       * one as soon as it is hashed. */
      if (!walk->keep_texts)
        g_clear_pointer (&status->text, g_free);
    }
  g_ptr_array_add (walk->out, status);
  kids = g_hash_table_lookup (walk->children, &id);
  for (guint i = 0; kids != NULL && i < kids->len; i++)
    add_status_subtree (walk, g_ptr_array_index (kids, i));
}

/* Every unit's status in tree order. With @keep, a unit found there gets
 * a copy of that status, and only the others are worked out, from an index
 * of just those units. */
static GPtrArray *
sign_status_list (SdStore    *store,
                  gboolean    keep_texts,
                  GHashTable *keep)
{
  GListModel *units;
  Index index = { 0 };
  g_autoptr(GHashTable) latest = NULL;
  g_autoptr(GHashTable) children = buckets_new ();
  g_autoptr(GHashTable) visited = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  g_autoptr(GPtrArray) to_build = g_ptr_array_new ();
  StatusWalk walk;
  guint n;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  units = sd_store_get_items (store, SD_TYPE_UNIT);
  n = g_list_model_get_n_items (units);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdUnit) unit = g_list_model_get_item (units, i);
      gint64 id = sd_item_get_id (SD_ITEM (unit));
      gint64 parent_id = sd_unit_get_parent_id (unit);

      if (parent_id != 0 && sd_store_lookup (store, SD_TYPE_UNIT, parent_id) != NULL)
        append_to_bucket (children, parent_id, unit);
      else
        g_ptr_array_add (roots, unit);
      if (keep != NULL && !g_hash_table_contains (keep, &id))
        g_ptr_array_add (to_build, unit);
    }

  if (keep != NULL)
    index_init_for_units (&index, store, (SdUnit **) to_build->pdata, to_build->len);
  else
    index_init (&index, store);
  latest = index_latest_signoffs (store);

  walk.index = &index;
  walk.latest = latest;
  walk.children = children;
  walk.visited = visited;
  walk.keep = keep;
  walk.out = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_sign_status_free);
  walk.keep_texts = keep_texts;

  for (guint i = 0; i < roots->len; i++)
    add_status_subtree (&walk, g_ptr_array_index (roots, i));
  /* Units caught in a cycle of parents are reached from no root; they
   * still get their line, in the store's order. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdUnit) unit = g_list_model_get_item (units, i);

      add_status_subtree (&walk, unit);
    }

  index_clear (&index);
  return walk.out;
}

GPtrArray *
sd_sign_status_list (SdStore *store)
{
  return sign_status_list (store, TRUE, NULL);
}

GPtrArray *
sd_sign_status_list_brief (SdStore *store)
{
  return sign_status_list (store, FALSE, NULL);
}

GPtrArray *
sd_sign_status_list_update (SdStore    *store,
                            GPtrArray  *previous,
                            GHashTable *changed_units)
{
  g_autoptr(GHashTable) keep = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (previous != NULL, NULL);
  g_return_val_if_fail (changed_units != NULL, NULL);

  for (guint i = 0; i < previous->len; i++)
    {
      SdSignStatus *status = g_ptr_array_index (previous, i);
      gint64 id = sd_item_get_id (SD_ITEM (status->unit));

      if (!g_hash_table_contains (changed_units, &id))
        g_hash_table_insert (keep, g_memdup2 (&id, sizeof id), status);
    }
  return sign_status_list (store, FALSE, keep);
}

/* Building the brief list a few units at a time. */

struct _SdSignStatusBuild
{
  SdStore    *store;
  GPtrArray  *units;      /* every unit when the build began (references) */
  guint       next;
  GHashTable *latest;     /* unit id → SdSignoff; sign-offs are never deleted */
  GPtrArray  *built;      /* of SdSignStatus */
};

SdSignStatusBuild *
sd_sign_status_build_new (SdStore *store)
{
  SdSignStatusBuild *build;
  GListModel *units;
  guint n;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  build = g_new0 (SdSignStatusBuild, 1);
  build->store = g_object_ref (store);
  build->units = g_ptr_array_new_with_free_func (g_object_unref);
  units = sd_store_get_items (store, SD_TYPE_UNIT);
  n = g_list_model_get_n_items (units);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (build->units, g_list_model_get_item (units, i));
  build->latest = index_latest_signoffs (store);
  build->built = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_sign_status_free);
  return build;
}

gboolean
sd_sign_status_build_step (SdSignStatusBuild *build,
                           gint64             deadline)
{
  g_return_val_if_fail (build != NULL, TRUE);

  while (build->next < build->units->len)
    {
      SdUnit *unit = g_ptr_array_index (build->units, build->next++);
      gint64 id = sd_item_get_id (SD_ITEM (unit));
      Index index = { 0 };
      SdSignStatus *status;

      /* Each unit from its own rows: a step costs its statements, and the
       * main loop runs between steps. */
      index_init_for_units (&index, build->store, &unit, 1);
      status = sign_status_build (&index, unit, g_hash_table_lookup (build->latest, &id));
      index_clear (&index);
      g_clear_pointer (&status->text, g_free);
      g_ptr_array_add (build->built, status);

      if (deadline != 0 && g_get_monotonic_time () >= deadline)
        break;
    }
  return build->next >= build->units->len;
}

GPtrArray *
sd_sign_status_build_get_built (SdSignStatusBuild *build)
{
  g_return_val_if_fail (build != NULL, NULL);

  return build->built;
}

void
sd_sign_status_build_free (SdSignStatusBuild *build)
{
  if (build == NULL)
    return;
  g_object_unref (build->store);
  g_ptr_array_unref (build->units);
  g_hash_table_unref (build->latest);
  g_ptr_array_unref (build->built);
  g_free (build);
}

/* When a sign-off became outdated.
 *
 * The audit log records, for each edit, the table, the row and the
 * changed columns as JSON objects written by the store ("column":value,
 * with no spaces). The sign-off's text names people, posts and bodies by
 * name only, so what it covers is found from today's data and from the
 * entries made since it was signed: the unit, its heads (today's and any
 * the log shows since), the posts that belong or belonged to it since,
 * their holder rows and the people in them, the head's seats and their
 * bodies, and the assignments of all these parties with their duties.
 * An entry counts when it touches one of these in a column that the text
 * shows; the first one that does is when the sign-off stopped describing
 * the data. */

/* Reads the integer value of @key in a JSON object written by the store.
 * A key is found only where a key can start (after "{" or ","): inside a
 * string value every quote is escaped. */
static gboolean
json_get_int (const char *json,
              const char *key,
              gint64     *value)
{
  g_autofree char *pattern = NULL;
  const char *p;

  if (json == NULL)
    return FALSE;
  pattern = g_strdup_printf ("\"%s\":", key);
  for (p = strstr (json, pattern); p != NULL; p = strstr (p + 1, pattern))
    {
      if (p > json && (p[-1] == '{' || p[-1] == ','))
        {
          const char *v = p + strlen (pattern);
          char *end = NULL;
          gint64 parsed;

          if (!g_ascii_isdigit (*v) && *v != '-')
            return FALSE;
          parsed = g_ascii_strtoll (v, &end, 10);
          if (end == v)
            return FALSE;
          *value = parsed;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
json_has_key (const char *json,
              const char *key)
{
  g_autofree char *pattern = NULL;

  if (json == NULL)
    return FALSE;
  pattern = g_strdup_printf ("\"%s\":", key);
  for (const char *p = strstr (json, pattern); p != NULL; p = strstr (p + 1, pattern))
    {
      if (p > json && (p[-1] == '{' || p[-1] == ','))
        return TRUE;
    }
  return FALSE;
}

/* TRUE when @entry (before or after) holds @key with a value in @ids. */
static gboolean
entry_refers_to (SdAuditEntry *entry,
                 const char   *key,
                 GHashTable   *ids)
{
  gint64 value;

  return (json_get_int (entry->before, key, &value) && g_hash_table_contains (ids, &value))
         || (json_get_int (entry->after, key, &value) && g_hash_table_contains (ids, &value));
}

static void
add_json_ids (GHashTable   *ids,
              SdAuditEntry *entry,
              const char   *key)
{
  gint64 value;

  if (json_get_int (entry->before, key, &value))
    g_hash_table_add (ids, g_memdup2 (&value, sizeof value));
  if (json_get_int (entry->after, key, &value))
    g_hash_table_add (ids, g_memdup2 (&value, sizeof value));
}

static void
add_id (GHashTable *ids,
        gint64      id)
{
  if (id != 0)
    g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
}

static GHashTable *
id_set_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/* TRUE when an update @entry changed one of @columns (NULL-terminated);
 * inserts and deletes always count. */
static gboolean
entry_touches (SdAuditEntry *entry,
               const char  **columns)
{
  if (g_strcmp0 (entry->action, "update") != 0)
    return TRUE;
  for (guint i = 0; columns[i] != NULL; i++)
    {
      if (json_has_key (entry->before, columns[i]) || json_has_key (entry->after, columns[i]))
        return TRUE;
    }
  return FALSE;
}

/* The audit log's own form of a time: UTC, microseconds, "Z". Such
 * strings compare as the times they name. */
static char *
format_audit_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static gboolean
audit_time_is_after (const char *at,
                     GDateTime  *threshold,
                     const char *threshold_text)
{
  g_autoptr(GDateTime) time = NULL;

  if (at == NULL)
    return FALSE;
  if (strlen (at) == strlen (threshold_text) && at[strlen (at) - 1] == 'Z')
    return strcmp (at, threshold_text) > 0;
  /* Not in the store's form: compare as times. */
  time = g_date_time_new_from_iso8601 (at, NULL);
  return time != NULL && g_date_time_compare (time, threshold) > 0;
}

char *
sd_signoff_outdated_since (SdStore   *store,
                           SdSignoff *signoff)
{
  static const char *unit_columns[] = { "name", "head_id", NULL };
  static const char *person_columns[] = { "name", "active", NULL };
  static const char *post_columns[] = { "name", "unit_id", NULL };
  static const char *holder_columns[] = { "post_id", "person_id", NULL };
  static const char *body_columns[] = { "name", NULL };
  static const char *member_columns[] = { "body_id", "person_id", "role", NULL };
  static const char *duty_columns[] = { "code", "text", "source", "position", NULL };
  static const char *all_columns[] = { "duty_id", "post_id", "unit_id", "body_id", "role", NULL };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GDateTime) signed_at = NULL;
  g_autofree char *threshold_text = NULL;
  g_autoptr(GHashTable) heads = id_set_new ();
  g_autoptr(GHashTable) posts = id_set_new ();
  g_autoptr(GHashTable) holder_rows = id_set_new ();
  g_autoptr(GHashTable) people = id_set_new ();
  g_autoptr(GHashTable) member_rows = id_set_new ();
  g_autoptr(GHashTable) bodies = id_set_new ();
  g_autoptr(GHashTable) assignment_rows = id_set_new ();
  g_autoptr(GHashTable) duties = id_set_new ();
  g_autoptr(GHashTable) units = id_set_new ();
  GListModel *model;
  SdUnit *unit;
  gint64 unit_id;
  gint64 signoff_id;
  guint start = G_MAXUINT;
  guint first_after_time = G_MAXUINT;
  guint n;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_SIGNOFF (signoff), NULL);

  unit_id = sd_signoff_get_unit_id (signoff);
  signoff_id = sd_item_get_id (SD_ITEM (signoff));
  unit = sd_store_lookup (store, SD_TYPE_UNIT, unit_id);
  entries = sd_store_get_audit_entries (store, NULL, 0, NULL);
  if (entries == NULL || unit == NULL)
    return NULL;

  /* Where "since" starts: after the sign-off's own entry, which does not
   * depend on the clock; for a row the log does not know, after the time
   * it was signed. */
  signed_at = g_date_time_new_from_iso8601 (nonnull (sd_signoff_get_signed_at (signoff)), NULL);
  if (signed_at != NULL)
    threshold_text = format_audit_time (signed_at);
  for (guint i = 0; i < entries->len; i++)
    {
      SdAuditEntry *entry = g_ptr_array_index (entries, i);

      if (entry->entity_id == signoff_id && g_strcmp0 (entry->entity, "signoffs") == 0
          && g_strcmp0 (entry->action, "insert") == 0)
        {
          start = i + 1;
          break;
        }
      if (first_after_time == G_MAXUINT && signed_at != NULL
          && audit_time_is_after (entry->at, signed_at, threshold_text))
        first_after_time = i;
    }
  if (start == G_MAXUINT)
    start = first_after_time;
  if (start >= entries->len)
    return NULL;

  /* What today's text covers. */
  add_id (units, unit_id);
  add_id (heads, sd_unit_get_head_id (unit));
  model = sd_store_get_items (store, SD_TYPE_POST);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPost) post = g_list_model_get_item (model, i);

      if (sd_post_get_unit_id (post) == unit_id)
        add_id (posts, sd_item_get_id (SD_ITEM (post)));
    }

  /* And what the text covered when it was signed, or came to cover since,
   * as far as the entries since tell. Each pass needs the one before. */
  for (guint i = start; i < entries->len; i++)
    {
      SdAuditEntry *entry = g_ptr_array_index (entries, i);
      gint64 value;

      if (g_strcmp0 (entry->entity, "units") == 0 && entry->entity_id == unit_id)
        add_json_ids (heads, entry, "head_id");
      else if (g_strcmp0 (entry->entity, "posts") == 0
               && ((json_get_int (entry->before, "unit_id", &value) && value == unit_id)
                   || (json_get_int (entry->after, "unit_id", &value) && value == unit_id)))
        add_id (posts, entry->entity_id);
    }

  model = sd_store_get_items (store, SD_TYPE_POST_HOLDER);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPostHolder) holder = g_list_model_get_item (model, i);
      gint64 post_id = sd_post_holder_get_post_id (holder);

      if (g_hash_table_contains (posts, &post_id))
        {
          add_id (holder_rows, sd_item_get_id (SD_ITEM (holder)));
          add_id (people, sd_post_holder_get_person_id (holder));
        }
    }
  model = sd_store_get_items (store, SD_TYPE_BODY_MEMBER);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdBodyMember) member = g_list_model_get_item (model, i);
      gint64 person_id = sd_body_member_get_person_id (member);

      if (g_hash_table_contains (heads, &person_id))
        {
          add_id (member_rows, sd_item_get_id (SD_ITEM (member)));
          add_id (bodies, sd_body_member_get_body_id (member));
        }
    }
  for (guint i = start; i < entries->len; i++)
    {
      SdAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->entity, "post_holders") == 0
          && (g_hash_table_contains (holder_rows, &entry->entity_id)
              || entry_refers_to (entry, "post_id", posts)))
        {
          add_id (holder_rows, entry->entity_id);
          add_json_ids (people, entry, "person_id");
        }
      else if (g_strcmp0 (entry->entity, "body_members") == 0
               && (g_hash_table_contains (member_rows, &entry->entity_id)
                   || entry_refers_to (entry, "person_id", heads)))
        {
          add_id (member_rows, entry->entity_id);
          add_json_ids (bodies, entry, "body_id");
        }
    }
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, heads);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      add_id (people, *(gint64 *) key);
  }

  model = sd_store_get_items (store, SD_TYPE_ASSIGNMENT);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdAssignment) assignment = g_list_model_get_item (model, i);
      gint64 post_id = sd_assignment_get_post_id (assignment);
      gint64 body_id = sd_assignment_get_body_id (assignment);

      if (sd_assignment_get_unit_id (assignment) == unit_id
          || (post_id != 0 && g_hash_table_contains (posts, &post_id))
          || (body_id != 0 && g_hash_table_contains (bodies, &body_id)))
        {
          add_id (assignment_rows, sd_item_get_id (SD_ITEM (assignment)));
          add_id (duties, sd_assignment_get_duty_id (assignment));
        }
    }
  for (guint i = start; i < entries->len; i++)
    {
      SdAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->entity, "assignments") == 0
          && (g_hash_table_contains (assignment_rows, &entry->entity_id)
              || entry_refers_to (entry, "unit_id", units)
              || entry_refers_to (entry, "post_id", posts)
              || entry_refers_to (entry, "body_id", bodies)))
        {
          add_id (assignment_rows, entry->entity_id);
          add_json_ids (duties, entry, "duty_id");
        }
    }

  /* The first entry since that changed any of it, in a column the text
   * shows. */
  for (guint i = start; i < entries->len; i++)
    {
      SdAuditEntry *entry = g_ptr_array_index (entries, i);
      const char *entity = entry->entity != NULL ? entry->entity : "";
      gint64 id = entry->entity_id;
      gboolean counts = FALSE;

      if (strcmp (entity, "units") == 0)
        counts = id == unit_id && entry_touches (entry, unit_columns);
      else if (strcmp (entity, "people") == 0)
        counts = g_hash_table_contains (people, &id) && entry_touches (entry, person_columns);
      else if (strcmp (entity, "posts") == 0)
        counts = g_hash_table_contains (posts, &id) && entry_touches (entry, post_columns);
      else if (strcmp (entity, "post_holders") == 0)
        counts = g_hash_table_contains (holder_rows, &id) && entry_touches (entry, holder_columns);
      else if (strcmp (entity, "bodies") == 0)
        counts = g_hash_table_contains (bodies, &id) && entry_touches (entry, body_columns);
      else if (strcmp (entity, "body_members") == 0)
        counts = g_hash_table_contains (member_rows, &id) && entry_touches (entry, member_columns);
      else if (strcmp (entity, "duties") == 0)
        counts = g_hash_table_contains (duties, &id) && entry_touches (entry, duty_columns);
      else if (strcmp (entity, "assignments") == 0)
        counts = g_hash_table_contains (assignment_rows, &id) && entry_touches (entry, all_columns);

      if (counts)
        return g_strdup (entry->at);
    }
  return NULL;
}
