/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-duty-rules"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-assignment.h"
#include "sd-body.h"
#include "sd-duty-rules.h"
#include "sd-post.h"
#include "sd-unit.h"

/*
 * How the rules read the RACI method, and why:
 *
 * - Every duty has exactly one party accountable (A), who answers for it
 *   and approves its result: none leaves nobody answering, two leave each
 *   waiting for the other. Every duty needs someone responsible (R) to do
 *   the work; an A alone does not do it.
 *
 * - A post or a body that holds no duty at all has nothing to sign off and
 *   nothing to be measured on: most likely its duties were never entered.
 *   Units are not checked: a unit's duties are usually held by its posts.
 *
 * - Only assignments whose party still exists count, as in the matrix,
 *   so that the problems shown there and those listed here agree.
 */

const char *
sd_duty_rule_get_label (const char *rule_id)
{
  static const struct
  {
    const char *id;
    const char *label;
  } labels[] = {
    /* Translators: a rule of the duty matrix (RACI); 职责无批准方（A） */
    { "duty-without-accountable", N_("Duty without accountable party") },
    /* Translators: a rule of the duty matrix (RACI); 职责有多个批准方（A） */
    { "duty-multiple-accountable", N_("Duty with several accountable parties") },
    /* Translators: a rule of the duty matrix (RACI); 职责无负责方（R） */
    { "duty-without-responsible", N_("Duty without responsible party") },
    /* Translators: a rule of the duty matrix; 岗位或机构未分配职责 */
    { "party-without-duty", N_("Post or body without duties") },
  };

  g_return_val_if_fail (rule_id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (g_str_equal (labels[i].id, rule_id))
        return _(labels[i].label);
    }
  return NULL;
}

guint
sd_duty_problems_for_cells (const SdMatrixCell *cells,
                            guint               n_cells)
{
  guint n_accountable = 0;
  gboolean responsible = FALSE;
  guint problems = 0;

  g_return_val_if_fail (cells != NULL || n_cells == 0, 0);

  for (guint i = 0; i < n_cells; i++)
    {
      if (cells[i].roles & SD_ROLE_A)
        n_accountable++;
      if (cells[i].roles & SD_ROLE_R)
        responsible = TRUE;
    }

  if (n_accountable == 0)
    problems |= SD_DUTY_PROBLEM_NO_ACCOUNTABLE;
  else if (n_accountable > 1)
    problems |= SD_DUTY_PROBLEM_MULTIPLE_ACCOUNTABLE;
  if (!responsible)
    problems |= SD_DUTY_PROBLEM_NO_RESPONSIBLE;
  return problems;
}

char *
sd_duty_problems_describe (guint problems)
{
  const guint no_a = SD_DUTY_PROBLEM_NO_ACCOUNTABLE;
  const guint many_a = SD_DUTY_PROBLEM_MULTIPLE_ACCOUNTABLE;
  const guint no_r = SD_DUTY_PROBLEM_NO_RESPONSIBLE;

  /* Whole sentences rather than joined parts, so that each reads well in
   * every language. A duty cannot lack an A and have several at once. */
  problems &= no_a | many_a | no_r;
  if (problems == 0)
    return NULL;
  if (problems == no_a)
    /* Translators: a problem of a duty in the matrix (a tooltip); RACI role A */
    return g_strdup (_("No one is accountable"));
  if (problems == many_a)
    /* Translators: a problem of a duty in the matrix (a tooltip); RACI role A */
    return g_strdup (_("More than one party is accountable"));
  if (problems == no_r)
    /* Translators: a problem of a duty in the matrix (a tooltip); RACI role R */
    return g_strdup (_("No one is responsible"));
  if (problems == (many_a | no_r))
    /* Translators: the problems of a duty in the matrix (a tooltip); RACI roles A and R */
    return g_strdup (_("More than one party is accountable; no one is responsible"));
  /* Translators: the problems of a duty in the matrix (a tooltip); RACI roles A and R */
  return g_strdup (_("No one is accountable; no one is responsible"));
}

/* Checking the store */

static gint64
party_key (SdPartyKind kind,
           gint64      id)
{
  return id * 4 + kind;
}

/* Post names repeat from unit to unit, so a post is named with its unit
 * where it has one, as the organisation's rules name it. */
static char *
post_title (SdStore *store,
            SdPost  *post)
{
  const char *name = sd_post_get_name (post);
  gint64 unit_id = sd_post_get_unit_id (post);
  SdUnit *unit = unit_id != 0 ? sd_store_lookup (store, SD_TYPE_UNIT, unit_id) : NULL;

  if (name == NULL || name[0] == '\0')
    return g_strdup_printf ("#%" G_GINT64_FORMAT, sd_item_get_id (SD_ITEM (post)));
  if (unit == NULL || sd_unit_get_name (unit) == NULL || sd_unit_get_name (unit)[0] == '\0')
    return g_strdup (name);

  /* Translators: a post and the unit it belongs to, e.g.
   * "System administrator (IT department)" */
  return g_strdup_printf (_("%s (%s)"), name, sd_unit_get_name (unit));
}

/* The party of an assignment, named as a violation names it, or NULL when
 * it no longer exists. */
static char *
party_title (SdStore      *store,
             SdAssignment *assignment)
{
  gpointer party;

  if ((party = sd_store_lookup (store, SD_TYPE_POST, sd_assignment_get_post_id (assignment))))
    return post_title (store, party);
  if ((party = sd_store_lookup (store, SD_TYPE_UNIT, sd_assignment_get_unit_id (assignment))))
    return g_strdup (sd_unit_get_name (party));
  if ((party = sd_store_lookup (store, SD_TYPE_BODY, sd_assignment_get_body_id (assignment))))
    return g_strdup (sd_body_get_name (party));
  return NULL;
}

/* A duty is named by its code, as in the matrix and the regulation; a
 * duty without one by the start of its text. */
static char *
duty_subject (SdDuty *duty)
{
  g_autofree char *code = g_strstrip (g_strdup (sd_duty_get_code (duty) ?: ""));
  g_autofree char *stripped = g_strstrip (g_strdup (sd_duty_get_text (duty) ?: ""));
  const char *text = stripped;

  if (code[0] != '\0')
    return g_steal_pointer (&code);
  if (text[0] != '\0')
    {
      const char *end = text;

      for (guint i = 0; i < 20 && *end != '\0' && *end != '\n'; i++)
        end = g_utf8_next_char (end);
      if (*end == '\0' || *end == '\n')
        return g_strndup (text, end - text);
      return g_strdup_printf ("%.*s…", (int) (end - text), text);
    }
  return g_strdup_printf ("#%" G_GINT64_FORMAT, sd_item_get_id (SD_ITEM (duty)));
}

static void
add_violation (GPtrArray  *out,
               const char *rule_id,
               const char *subject,
               const char *message,
               GType       target_type,
               gint64      target_id)
{
  g_ptr_array_add (out, sd_violation_new (rule_id, subject, message, target_type, target_id));
}

static char *
join_names (GPtrArray *names)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        /* Translators: separates the names of the parties in a list */
        g_string_append (out, _(", "));
      g_string_append (out, names->pdata[i]);
    }
  return g_string_free (out, FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* What one pass over the assignments finds, indexed so that a check of
 * the large database (10,000 duties, 100,000 assignments) allocates
 * nothing per assignment. */
typedef struct
{
  SdStore    *store;
  GPtrArray  *duties;         /* SdDuty, in the store's order */
  gint64     *duty_ids;       /* the keys of duty_index */
  GHashTable *duty_index;     /* gint64 * → index + 1 */
  guint      *n_accountable;  /* per duty */
  gboolean   *responsible;    /* per duty */
  gint64     *party_keys;     /* the keys of party_index: posts and bodies */
  GHashTable *party_index;    /* gint64 * → index + 1 */
  gboolean   *holds;          /* per party: holds a duty */
} DutyCheck;

/* The duty of an assignment (index + 1) if it and its party exist, or 0;
 * marks the party as holding a duty. */
static guint
count_assignment (DutyCheck    *check,
                  SdAssignment *assignment)
{
  gint64 duty_id = sd_assignment_get_duty_id (assignment);
  gint64 post_id = sd_assignment_get_post_id (assignment);
  gint64 body_id = sd_assignment_get_body_id (assignment);
  guint duty = GPOINTER_TO_UINT (g_hash_table_lookup (check->duty_index, &duty_id));
  guint party = 0;
  gint64 key;

  if (duty == 0)
    return 0;
  if (post_id != 0 || body_id != 0)
    {
      key = post_id != 0 ? party_key (SD_PARTY_POST, post_id) : party_key (SD_PARTY_BODY, body_id);
      party = GPOINTER_TO_UINT (g_hash_table_lookup (check->party_index, &key));
      if (party == 0)
        return 0;
      check->holds[party - 1] = TRUE;
    }
  else if (sd_store_lookup (check->store, SD_TYPE_UNIT,
                            sd_assignment_get_unit_id (assignment)) == NULL)
    return 0;
  return duty;
}

static void
index_parties (DutyCheck  *check,
               GListModel *posts,
               GListModel *bodies)
{
  guint n_posts = g_list_model_get_n_items (posts);
  guint n_bodies = g_list_model_get_n_items (bodies);

  check->party_keys = g_new (gint64, MAX (n_posts + n_bodies, 1));
  check->holds = g_new0 (gboolean, MAX (n_posts + n_bodies, 1));
  check->party_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < n_posts + n_bodies; i++)
    {
      g_autoptr(SdItem) party = i < n_posts ? g_list_model_get_item (posts, i)
                                            : g_list_model_get_item (bodies, i - n_posts);

      check->party_keys[i] = party_key (i < n_posts ? SD_PARTY_POST : SD_PARTY_BODY,
                                        sd_item_get_id (party));
      g_hash_table_insert (check->party_index, &check->party_keys[i], GUINT_TO_POINTER (i + 1));
    }
}

/* The names of the parties accountable for the duties that have more than
 * one, read in a second pass: such duties are few. */
static GHashTable *
collect_accountable (DutyCheck  *check,
                     GListModel *assignments)
{
  GHashTable *names = g_hash_table_new_full (NULL, NULL, NULL,
                                             (GDestroyNotify) g_ptr_array_unref);
  guint n = g_list_model_get_n_items (assignments);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdAssignment) assignment = g_list_model_get_item (assignments, i);
      guint duty;
      GPtrArray *list;
      char *title;

      if (!(sd_role_mask_from_code (sd_assignment_get_role (assignment)) & SD_ROLE_A))
        continue;
      duty = count_assignment (check, assignment);
      if (duty == 0 || check->n_accountable[duty - 1] < 2)
        continue;
      list = g_hash_table_lookup (names, GUINT_TO_POINTER (duty));
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (names, GUINT_TO_POINTER (duty), list);
        }
      title = party_title (check->store, assignment);
      g_ptr_array_add (list, title != NULL ? title : g_strdup (""));
    }
  return names;
}

GPtrArray *
sd_duty_check (SdStore *store)
{
  GListModel *duties;
  GListModel *assignments;
  GListModel *posts;
  GListModel *bodies;
  guint n_duties, n_assignments, n_posts, n_bodies;
  g_autoptr(GHashTable) accountable = NULL;
  DutyCheck check = { 0 };
  gboolean any_multiple = FALSE;
  GPtrArray *out;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  duties = sd_store_get_items (store, SD_TYPE_DUTY);
  assignments = sd_store_get_items (store, SD_TYPE_ASSIGNMENT);
  posts = sd_store_get_items (store, SD_TYPE_POST);
  bodies = sd_store_get_items (store, SD_TYPE_BODY);
  n_duties = g_list_model_get_n_items (duties);
  n_assignments = g_list_model_get_n_items (assignments);
  n_posts = g_list_model_get_n_items (posts);
  n_bodies = g_list_model_get_n_items (bodies);
  out = g_ptr_array_new_with_free_func (g_object_unref);

  check.store = store;
  check.duties = g_ptr_array_new_full (n_duties, g_object_unref);
  check.duty_ids = g_new (gint64, MAX (n_duties, 1));
  check.duty_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  check.n_accountable = g_new0 (guint, MAX (n_duties, 1));
  check.responsible = g_new0 (gboolean, MAX (n_duties, 1));
  for (guint i = 0; i < n_duties; i++)
    {
      SdDuty *duty = g_list_model_get_item (duties, i);

      g_ptr_array_add (check.duties, duty);
      check.duty_ids[i] = sd_item_get_id (SD_ITEM (duty));
      g_hash_table_insert (check.duty_index, &check.duty_ids[i], GUINT_TO_POINTER (i + 1));
    }
  index_parties (&check, posts, bodies);

  for (guint i = 0; i < n_assignments; i++)
    {
      g_autoptr(SdAssignment) assignment = g_list_model_get_item (assignments, i);
      guint role = sd_role_mask_from_code (sd_assignment_get_role (assignment));
      guint duty = count_assignment (&check, assignment);

      if (duty == 0)
        continue;
      if (role & SD_ROLE_R)
        check.responsible[duty - 1] = TRUE;
      if (role & SD_ROLE_A)
        any_multiple |= ++check.n_accountable[duty - 1] > 1;
    }
  if (any_multiple)
    accountable = collect_accountable (&check, assignments);

  for (guint i = 0; i < n_duties; i++)
    {
      SdDuty *duty = check.duties->pdata[i];
      gint64 duty_id = check.duty_ids[i];
      guint n_accountable = check.n_accountable[i];
      g_autofree char *subject = NULL;

      if (n_accountable == 1 && check.responsible[i])
        continue;

      subject = duty_subject (duty);
      if (n_accountable == 0)
        {
          g_autofree char *message = NULL;

          /* Translators: a duty's code (e.g. 003-9.1); A is the RACI role "accountable" */
          message = g_strdup_printf (_("Duty %s has no one accountable (A)."), subject);
          add_violation (out, "duty-without-accountable", subject, message,
                         SD_TYPE_DUTY, duty_id);
        }
      else if (n_accountable > 1)
        {
          GPtrArray *names = g_hash_table_lookup (accountable, GUINT_TO_POINTER (i + 1));
          g_autofree char *joined = NULL;
          g_autofree char *message = NULL;

          g_ptr_array_sort (names, compare_strings);
          joined = join_names (names);
          /* Translators: a duty's code, the number of parties accountable (A) for it and
           * their names; A is the RACI role "accountable" */
          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Duty %s has %u party accountable (A): %s; "
                                                  "only one may be.",
                                                  "Duty %s has %u parties accountable (A): %s; "
                                                  "only one may be.",
                                                  n_accountable),
                                     subject, n_accountable, joined);
          add_violation (out, "duty-multiple-accountable", subject, message,
                         SD_TYPE_DUTY, duty_id);
        }

      if (!check.responsible[i])
        {
          g_autofree char *message = NULL;

          /* Translators: a duty's code (e.g. 003-9.1); R is the RACI role "responsible" */
          message = g_strdup_printf (_("Duty %s has no one responsible (R)."), subject);
          add_violation (out, "duty-without-responsible", subject, message,
                         SD_TYPE_DUTY, duty_id);
        }
    }

  for (guint i = 0; i < n_posts + n_bodies; i++)
    {
      g_autoptr(SdItem) party = NULL;
      g_autofree char *name = NULL;
      g_autofree char *message = NULL;

      if (check.holds[i])
        continue;
      if (i < n_posts)
        {
          party = g_list_model_get_item (posts, i);
          name = post_title (store, SD_POST (party));
          /* Translators: a post (with its unit) */
          message = g_strdup_printf (_("The post “%s” holds no duty; give it its duties in the "
                                       "duty matrix."), name);
          add_violation (out, "party-without-duty", name, message,
                         SD_TYPE_POST, sd_item_get_id (party));
        }
      else
        {
          const char *body_name;

          party = g_list_model_get_item (bodies, i - n_posts);
          body_name = sd_body_get_name (SD_BODY (party));
          name = body_name != NULL && body_name[0] != '\0'
                 ? g_strdup (body_name)
                 : g_strdup_printf ("#%" G_GINT64_FORMAT, sd_item_get_id (party));
          /* Translators: a security body, e.g. 网络安全领导小组 */
          message = g_strdup_printf (_("%s holds no duty; give it its duties in the duty "
                                       "matrix."), name);
          add_violation (out, "party-without-duty", name, message,
                         SD_TYPE_BODY, sd_item_get_id (party));
        }
    }

  g_ptr_array_unref (check.duties);
  g_free (check.duty_ids);
  g_hash_table_unref (check.duty_index);
  g_free (check.n_accountable);
  g_free (check.responsible);
  g_free (check.party_keys);
  g_hash_table_unref (check.party_index);
  g_free (check.holds);

  g_ptr_array_sort (out, sd_violation_compare);
  return out;
}
