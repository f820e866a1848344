/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-org-rules"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-body.h"
#include "sd-body-member.h"
#include "sd-duty-rules.h"
#include "sd-org-rules.h"
#include "sd-post-holder.h"
#include "sd-rule.h"
#include "sd-unit.h"

/*
 * How the rules read the regulation, and why:
 *
 * - Inactive people (who have left, or are away for good) hold nothing in
 *   effect: they neither staff a post or a body nor put one in conflict.
 *   Counting them would hide a vacancy; reporting them would ask the user
 *   to fix what no longer happens.
 *
 * - incompatible-posts: a rule names two post types or two posts. A person
 *   who holds posts that match both sides, in either order, breaks it; the
 *   breach is reported once per person and rule, naming the first pair of
 *   posts found, so a person who holds three system administrator posts
 *   and the security administrator post gets one line, not three. The
 *   target is the person: the fix is to take one of the posts away.
 *
 * - key-post-understaffed: a key post with fewer than two active holders,
 *   primary and deputies alike (003 art. 7 asks for "two or more people").
 *
 * - full-time-required: only the post's flag counts. Art. 12 asks for a
 *   full-time security administrator, but the editors and the demo set the
 *   flag on such posts, and a user who clears it on purpose (a small unit
 *   with a part-time administrator, accepted by management) should not be
 *   overruled by a rule they cannot switch off. The target is the person.
 *
 * - missing-liaison: every unit of kind "department" needs a post of type
 *   security-liaison of its own with an active holder (003 art. 8).
 *   Sections are covered by their department's liaison.
 *
 * - liaison-ratio: 004 6.1.1 asks a department for one security staff per
 *   50 of its staff, rounded up. It is checked for departments only: a
 *   department's staff count includes its sections (营销部 120 of which
 *   区域营销组 82), so the posts of its sections count towards it, and
 *   checking the sections or the company on their own would ask for the
 *   same people twice. Security staff are the distinct active people who
 *   hold a post of any type but "other" there; "other" posts are the
 *   ordinary jobs (a department head, a sales representative). When a
 *   department that needs a single security staff has no liaison, the
 *   missing-liaison line already says everything, so no ratio line is
 *   added for the same fix.
 *
 * - vacant-body-seat: every body needs a leader. The groups (leadership,
 *   working, emergency-response and inspection groups) also need at least
 *   one deputy or member: a group of one is not a group. The daily
 *   execution unit and other bodies are staffed through their posts, so a
 *   leader is enough. A body gets at most one line, the most basic one
 *   (no members at all, then no leader, then only a leader).
 *
 * Everything is indexed by id in hash tables, so a check is linear in the
 * number of items (the large benchmark database has 5,000 people).
 */

const char *
sd_org_rule_get_label (const char *rule_id)
{
  static const struct
  {
    const char *id;
    const char *label;
  } labels[] = {
    /* Translators: a rule of the regulation; 不相容岗位兼任 */
    { "incompatible-posts", N_("Incompatible posts") },
    /* Translators: a rule of the regulation; 关键岗位配备不足 */
    { "key-post-understaffed", N_("Understaffed key post") },
    /* Translators: a rule of the regulation; 专职岗位由兼职人员担任 */
    { "full-time-required", N_("Full-time post held part-time") },
    /* Translators: a rule of the regulation; 部门未设网络安全员 */
    { "missing-liaison", N_("Missing security liaison") },
    /* Translators: a rule of the regulation; 安全人员配备比例不足 */
    { "liaison-ratio", N_("Too few security staff") },
    /* Translators: a rule of the regulation; 机构人员空缺 */
    { "vacant-body-seat", N_("Vacant seat in a body") },
  };
  const char *label;

  g_return_val_if_fail (rule_id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (g_str_equal (labels[i].id, rule_id))
        return _(labels[i].label);
    }
  /* The problems view lists the duty matrix's rules too. */
  label = sd_duty_rule_get_label (rule_id);
  return label != NULL ? label : rule_id;
}

/* SdViolation */

struct _SdViolation
{
  GObject parent_instance;

  char   *rule_id;
  char   *subject;
  char   *message;
  GType   target_type;
  gint64  target_id;
};

G_DEFINE_FINAL_TYPE (SdViolation, sd_violation, G_TYPE_OBJECT)

enum {
  VIOLATION_PROP_0,
  VIOLATION_PROP_RULE_ID,
  VIOLATION_PROP_SUBJECT,
  VIOLATION_PROP_MESSAGE,
  VIOLATION_N_PROPS
};

static GParamSpec *violation_properties[VIOLATION_N_PROPS];

static void
sd_violation_finalize (GObject *object)
{
  SdViolation *self = SD_VIOLATION (object);

  g_free (self->rule_id);
  g_free (self->subject);
  g_free (self->message);

  G_OBJECT_CLASS (sd_violation_parent_class)->finalize (object);
}

static void
sd_violation_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SdViolation *self = SD_VIOLATION (object);

  switch (prop_id)
    {
    case VIOLATION_PROP_RULE_ID:
      g_value_set_string (value, self->rule_id);
      break;
    case VIOLATION_PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case VIOLATION_PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_violation_class_init (SdViolationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sd_violation_finalize;
  object_class->get_property = sd_violation_get_property;

  /* Read-only properties, so that list views can sort and filter with
   * GtkPropertyExpression. */
  violation_properties[VIOLATION_PROP_RULE_ID] =
    g_param_spec_string ("rule-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  violation_properties[VIOLATION_PROP_SUBJECT] =
    g_param_spec_string ("subject", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  violation_properties[VIOLATION_PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, VIOLATION_N_PROPS, violation_properties);
}

static void
sd_violation_init (SdViolation *self)
{
}

SdViolation *
sd_violation_new (const char *rule_id,
                  const char *subject,
                  const char *message,
                  GType       target_type,
                  gint64      target_id)
{
  SdViolation *self;

  g_return_val_if_fail (rule_id != NULL, NULL);

  self = g_object_new (SD_TYPE_VIOLATION, NULL);
  self->rule_id = g_strdup (rule_id);
  self->subject = g_strdup (subject != NULL ? subject : "");
  self->message = g_strdup (message != NULL ? message : "");
  self->target_type = target_type;
  self->target_id = target_id;
  return self;
}

const char *
sd_violation_get_rule_id (SdViolation *self)
{
  g_return_val_if_fail (SD_IS_VIOLATION (self), NULL);
  return self->rule_id;
}

const char *
sd_violation_get_subject (SdViolation *self)
{
  g_return_val_if_fail (SD_IS_VIOLATION (self), NULL);
  return self->subject;
}

const char *
sd_violation_get_message (SdViolation *self)
{
  g_return_val_if_fail (SD_IS_VIOLATION (self), NULL);
  return self->message;
}

GType
sd_violation_get_target_type (SdViolation *self)
{
  g_return_val_if_fail (SD_IS_VIOLATION (self), G_TYPE_INVALID);
  return self->target_type;
}

gint64
sd_violation_get_target_id (SdViolation *self)
{
  g_return_val_if_fail (SD_IS_VIOLATION (self), 0);
  return self->target_id;
}

/* Tabs and line breaks inside a field would break the one-line,
 * tab-separated format that scripts read, so they become spaces. */
static void
append_field (GString    *line,
              const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (line, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

char *
sd_violation_to_line (SdViolation *self)
{
  GString *line;

  g_return_val_if_fail (SD_IS_VIOLATION (self), NULL);

  line = g_string_new (NULL);
  append_field (line, self->rule_id);
  g_string_append_c (line, '\t');
  append_field (line, self->subject);
  g_string_append_c (line, '\t');
  append_field (line, self->message);
  return g_string_free (line, FALSE);
}

static gboolean
violation_equal (SdViolation *a,
                 SdViolation *b)
{
  return a->target_type == b->target_type
         && a->target_id == b->target_id
         && g_str_equal (a->rule_id, b->rule_id)
         && g_str_equal (a->subject, b->subject)
         && g_str_equal (a->message, b->message);
}

/* Byte order rather than collation: --check must print the same order in
 * every locale, so that its output can be compared. */
int
sd_violation_compare (gconstpointer a,
                      gconstpointer b)
{
  SdViolation *va = *(SdViolation **) a;
  SdViolation *vb = *(SdViolation **) b;
  int cmp;

  if ((cmp = strcmp (va->rule_id, vb->rule_id)) != 0)
    return cmp;
  if ((cmp = strcmp (va->subject, vb->subject)) != 0)
    return cmp;
  if ((cmp = strcmp (va->message, vb->message)) != 0)
    return cmp;
  if (va->target_id != vb->target_id)
    return va->target_id < vb->target_id ? -1 : 1;
  return 0;
}

/* Names */

static const char *
name_or_id (const char *name,
            gint64      id,
            char      **freeme)
{
  if (name != NULL && name[0] != '\0')
    return name;
  *freeme = g_strdup_printf ("#%" G_GINT64_FORMAT, id);
  return *freeme;
}

#define PERSON_NAME(p, tmp) \
  name_or_id (sd_person_get_name (p), sd_item_get_id (SD_ITEM (p)), &(tmp))
#define POST_NAME(p, tmp) \
  name_or_id (sd_post_get_name (p), sd_item_get_id (SD_ITEM (p)), &(tmp))
#define UNIT_NAME(u, tmp) \
  name_or_id (sd_unit_get_name (u), sd_item_get_id (SD_ITEM (u)), &(tmp))
#define BODY_NAME(b, tmp) \
  name_or_id (sd_body_get_name (b), sd_item_get_id (SD_ITEM (b)), &(tmp))

/* Post names repeat from unit to unit (every department has its
 * 部门网络安全员), so a post is named with its unit where it has one. */
static char *
post_title (SdStore *store,
            SdPost  *post)
{
  g_autofree char *tmp = NULL;
  g_autofree char *tmp_unit = NULL;
  const char *name = POST_NAME (post, tmp);
  gint64 unit_id = sd_post_get_unit_id (post);
  SdUnit *unit = unit_id != 0 ? sd_store_lookup (store, SD_TYPE_UNIT, unit_id) : NULL;

  if (unit == NULL)
    return g_strdup (name);

  /* Translators: a post and the unit it belongs to, e.g.
   * "System administrator (IT department)" */
  return g_strdup_printf (_("%s (%s)"), name, UNIT_NAME (unit, tmp_unit));
}

static gboolean
person_counts (SdPerson *person)
{
  return person != NULL && sd_person_get_active (person);
}

/* incompatible-posts */

/* Rules indexed by what they pair: "t:<type>\n<type>" with the two types
 * in byte order, or "p:<id>:<id>" with the smaller id first. */
typedef struct
{
  GHashTable *by_key;   /* char * → GPtrArray of SdRule (borrowed) */
} RuleIndex;

static char *
type_key (const char *a,
          const char *b)
{
  if (strcmp (a, b) > 0)
    {
      const char *t = a;
      a = b;
      b = t;
    }
  return g_strconcat ("t:", a, "\n", b, NULL);
}

static char *
post_key (gint64 a,
          gint64 b)
{
  return g_strdup_printf ("p:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, MIN (a, b), MAX (a, b));
}

static void
rule_index_init (RuleIndex *index,
                 SdStore   *store)
{
  GListModel *rules = sd_store_get_items (store, SD_TYPE_RULE);
  guint n = g_list_model_get_n_items (rules);

  index->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdRule) rule = g_list_model_get_item (rules, i);
      const char *type_a = sd_rule_get_post_type_a (rule);
      const char *type_b = sd_rule_get_post_type_b (rule);
      gint64 post_a = sd_rule_get_post_a_id (rule);
      gint64 post_b = sd_rule_get_post_b_id (rule);
      char *key;
      GPtrArray *list;

      if (type_a != NULL && type_b != NULL)
        key = type_key (type_a, type_b);
      else if (post_a != 0 && post_b != 0 && post_a != post_b)
        key = post_key (post_a, post_b);
      else
        continue;

      list = g_hash_table_lookup (index->by_key, key);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (index->by_key, key, list);
        }
      else
        g_free (key);
      /* The store's list keeps the rule alive for the length of a check. */
      g_ptr_array_add (list, rule);
    }
}

static void
rule_index_clear (RuleIndex *index)
{
  g_clear_pointer (&index->by_key, g_hash_table_unref);
}

/* Calls @func for every rule that @a and @b together break. */
static void
rule_index_foreach_match (RuleIndex *index,
                          SdPost    *a,
                          SdPost    *b,
                          void     (*func) (SdRule *rule, SdPost *a, SdPost *b, gpointer data),
                          gpointer   data)
{
  const char *type_a = sd_post_get_post_type (a);
  const char *type_b = sd_post_get_post_type (b);
  GPtrArray *list;

  if (sd_item_get_id (SD_ITEM (a)) == sd_item_get_id (SD_ITEM (b)))
    return;

  if (type_a != NULL && type_b != NULL)
    {
      g_autofree char *key = type_key (type_a, type_b);

      list = g_hash_table_lookup (index->by_key, key);
      for (guint i = 0; list != NULL && i < list->len; i++)
        func (list->pdata[i], a, b, data);
    }

  {
    g_autofree char *key = post_key (sd_item_get_id (SD_ITEM (a)), sd_item_get_id (SD_ITEM (b)));

    list = g_hash_table_lookup (index->by_key, key);
    for (guint i = 0; list != NULL && i < list->len; i++)
      func (list->pdata[i], a, b, data);
  }
}

static SdViolation *
incompatible_violation (SdPerson *person,
                        SdPost   *a,
                        SdPost   *b,
                        SdRule   *rule)
{
  g_autofree char *tmp_person = NULL;
  g_autofree char *tmp_a = NULL;
  g_autofree char *tmp_b = NULL;
  g_autofree char *message = NULL;
  const char *person_name = PERSON_NAME (person, tmp_person);
  const char *reason = sd_rule_get_reason (rule);
  const char *source = sd_rule_get_source (rule);
  const char *type_a = sd_rule_get_post_type_a (rule);

  /* Name the posts in the rule's order, as its reason does. */
  if (type_a != NULL
      ? g_strcmp0 (sd_post_get_post_type (a), type_a) != 0
      : sd_item_get_id (SD_ITEM (a)) != sd_rule_get_post_a_id (rule))
    {
      SdPost *t = a;
      a = b;
      b = t;
    }

  if (reason != NULL && reason[0] != '\0' && source != NULL && source[0] != '\0')
    /* Translators: a person, two posts, the reason of the rule and its source */
    message = g_strdup_printf (_("%s holds both “%s” and “%s”: %s (%s)."),
                               person_name, POST_NAME (a, tmp_a), POST_NAME (b, tmp_b),
                               reason, source);
  else if (reason != NULL && reason[0] != '\0')
    /* Translators: a person, two posts and the reason of the rule */
    message = g_strdup_printf (_("%s holds both “%s” and “%s”: %s."),
                               person_name, POST_NAME (a, tmp_a), POST_NAME (b, tmp_b),
                               reason);
  else
    /* Translators: a person and two posts */
    message = g_strdup_printf (_("%s holds both “%s” and “%s”, which one person may not "
                                 "hold together."),
                               person_name, POST_NAME (a, tmp_a), POST_NAME (b, tmp_b));

  return sd_violation_new ("incompatible-posts", person_name, message,
                           SD_TYPE_PERSON, sd_item_get_id (SD_ITEM (person)));
}

/* Collects, once per rule, the rules a person's posts break. */
typedef struct
{
  SdPerson   *person;
  GHashTable *seen;        /* SdRule * set: the rules already reported */
  GHashTable *ignore;      /* SdRule * set, or NULL: the rules not to report */
  GPtrArray  *out;         /* of SdViolation, or NULL: only fill @seen */
} MatchData;

static void
collect_match (SdRule   *rule,
               SdPost   *a,
               SdPost   *b,
               gpointer  data)
{
  MatchData *match = data;

  if (match->ignore != NULL && g_hash_table_contains (match->ignore, rule))
    return;
  if (!g_hash_table_add (match->seen, rule))
    return;
  if (match->out != NULL)
    g_ptr_array_add (match->out, incompatible_violation (match->person, a, b, rule));
}

/* full-time-required */

static SdViolation *
full_time_violation (SdStore  *store,
                     SdPerson *person,
                     SdPost   *post)
{
  g_autofree char *tmp_person = NULL;
  g_autofree char *title = post_title (store, post);
  g_autofree char *message = NULL;
  const char *person_name = PERSON_NAME (person, tmp_person);

  /* Translators: a person and a post (with its unit) */
  message = g_strdup_printf (_("%s works part-time but holds “%s”, which must be held by "
                               "full-time staff."),
                             person_name, title);
  return sd_violation_new ("full-time-required", person_name, message,
                           SD_TYPE_PERSON, sd_item_get_id (SD_ITEM (person)));
}

/* The posts a person holds, without repeats, in the store's order. */
static GPtrArray *
posts_of_person (SdStore *store,
                 gint64   person_id)
{
  GListModel *holders = sd_store_get_items (store, SD_TYPE_POST_HOLDER);
  guint n = g_list_model_get_n_items (holders);
  GPtrArray *posts = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPostHolder) holder = g_list_model_get_item (holders, i);
      SdPost *post;

      if (sd_post_holder_get_person_id (holder) != person_id)
        continue;
      post = sd_store_lookup (store, SD_TYPE_POST, sd_post_holder_get_post_id (holder));
      if (post != NULL && !g_ptr_array_find (posts, post, NULL))
        g_ptr_array_add (posts, post);
    }
  return posts;
}

GPtrArray *
sd_org_check_new_holder (SdStore  *store,
                         SdPost   *post,
                         SdPerson *person)
{
  GPtrArray *out;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GHashTable) broken = NULL;
  g_autoptr(GHashTable) seen = NULL;
  RuleIndex index;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_POST (post), NULL);
  g_return_val_if_fail (SD_IS_PERSON (person), NULL);

  out = g_ptr_array_new_with_free_func (g_object_unref);
  if (!person_counts (person))
    return out;

  held = posts_of_person (store, sd_item_get_id (SD_ITEM (person)));
  for (guint i = 0; i < held->len; i++)
    {
      /* Already a holder: the edit adds nothing. */
      if (sd_item_get_id (held->pdata[i]) == sd_item_get_id (SD_ITEM (post)))
        return out;
    }

  rule_index_init (&index, store);

  /* The rules the person breaks already are reported already; the new
   * post adds only the others. */
  broken = g_hash_table_new (NULL, NULL);
  {
    MatchData match = { person, broken, NULL, NULL };

    for (guint i = 0; i < held->len; i++)
      for (guint j = i + 1; j < held->len; j++)
        rule_index_foreach_match (&index, held->pdata[i], held->pdata[j], collect_match, &match);
  }

  seen = g_hash_table_new (NULL, NULL);
  {
    MatchData match = { person, seen, broken, out };

    for (guint i = 0; i < held->len; i++)
      rule_index_foreach_match (&index, post, held->pdata[i], collect_match, &match);
  }

  rule_index_clear (&index);

  if (sd_post_get_full_time_required (post) && !sd_person_get_full_time (person))
    g_ptr_array_add (out, full_time_violation (store, person, post));

  g_ptr_array_sort (out, sd_violation_compare);
  return out;
}

GPtrArray *
sd_org_check_part_time (SdStore  *store,
                        SdPerson *person)
{
  GPtrArray *out;
  g_autoptr(GPtrArray) held = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_PERSON (person), NULL);

  out = g_ptr_array_new_with_free_func (g_object_unref);
  /* Already part-time: the edit adds nothing. */
  if (!person_counts (person) || !sd_person_get_full_time (person))
    return out;

  held = posts_of_person (store, sd_item_get_id (SD_ITEM (person)));
  for (guint i = 0; i < held->len; i++)
    {
      if (sd_post_get_full_time_required (held->pdata[i]))
        g_ptr_array_add (out, full_time_violation (store, person, held->pdata[i]));
    }

  g_ptr_array_sort (out, sd_violation_compare);
  return out;
}

/* The whole check */

typedef struct
{
  SdPerson  *person;
  GPtrArray *posts;     /* of SdPost (borrowed), without repeats */
} PersonPosts;

static void
person_posts_free (PersonPosts *entry)
{
  g_ptr_array_unref (entry->posts);
  g_free (entry);
}

typedef struct
{
  SdStore    *store;
  GHashTable *people;          /* person id → PersonPosts (active people holding posts) */
  GArray     *people_order;    /* person ids, in the order the holders list them */
  GHashTable *post_holders;    /* post id → active holders (GUINT_TO_POINTER) */
  GHashTable *department_of;   /* unit id → the id of its department, or 0 */
  GPtrArray  *out;
} Check;

static guint
holders_of_post (Check  *check,
                 gint64  post_id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (check->post_holders, &post_id));
}

static void
index_holders (Check *check)
{
  GListModel *holders = sd_store_get_items (check->store, SD_TYPE_POST_HOLDER);
  guint n = g_list_model_get_n_items (holders);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPostHolder) holder = g_list_model_get_item (holders, i);
      gint64 person_id = sd_post_holder_get_person_id (holder);
      SdPerson *person = sd_store_lookup (check->store, SD_TYPE_PERSON, person_id);
      SdPost *post = sd_store_lookup (check->store, SD_TYPE_POST,
                                      sd_post_holder_get_post_id (holder));
      PersonPosts *entry;
      gint64 *post_id;

      if (!person_counts (person) || post == NULL)
        continue;

      entry = g_hash_table_lookup (check->people, &person_id);
      if (entry == NULL)
        {
          entry = g_new0 (PersonPosts, 1);
          entry->person = person;
          entry->posts = g_ptr_array_new ();
          g_hash_table_insert (check->people, g_memdup2 (&person_id, sizeof person_id), entry);
          g_array_append_val (check->people_order, person_id);
        }
      /* A person holds few posts, so a scan of them is cheap. */
      else if (g_ptr_array_find (entry->posts, post, NULL))
        continue;
      g_ptr_array_add (entry->posts, post);

      post_id = g_new (gint64, 1);
      *post_id = sd_item_get_id (SD_ITEM (post));
      g_hash_table_replace (check->post_holders, post_id,
                            GUINT_TO_POINTER (holders_of_post (check, *post_id) + 1));
    }
}

static void
check_incompatible (Check *check)
{
  RuleIndex index;

  rule_index_init (&index, check->store);
  if (g_hash_table_size (index.by_key) > 0)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

      for (guint p = 0; p < check->people_order->len; p++)
        {
          gint64 person_id = g_array_index (check->people_order, gint64, p);
          PersonPosts *entry = g_hash_table_lookup (check->people, &person_id);
          MatchData match = { entry->person, seen, NULL, check->out };

          g_hash_table_remove_all (seen);
          for (guint i = 0; i < entry->posts->len; i++)
            for (guint j = i + 1; j < entry->posts->len; j++)
              rule_index_foreach_match (&index, entry->posts->pdata[i], entry->posts->pdata[j],
                                        collect_match, &match);
        }
    }
  rule_index_clear (&index);
}

static void
check_full_time (Check *check)
{
  for (guint p = 0; p < check->people_order->len; p++)
    {
      gint64 person_id = g_array_index (check->people_order, gint64, p);
      PersonPosts *entry = g_hash_table_lookup (check->people, &person_id);

      if (sd_person_get_full_time (entry->person))
        continue;
      for (guint i = 0; i < entry->posts->len; i++)
        {
          if (sd_post_get_full_time_required (entry->posts->pdata[i]))
            g_ptr_array_add (check->out,
                             full_time_violation (check->store, entry->person,
                                                  entry->posts->pdata[i]));
        }
    }
}

static void
check_key_posts (Check *check)
{
  GListModel *posts = sd_store_get_items (check->store, SD_TYPE_POST);
  guint n = g_list_model_get_n_items (posts);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPost) post = g_list_model_get_item (posts, i);
      g_autofree char *title = NULL;
      g_autofree char *message = NULL;
      guint holders;

      if (!sd_post_get_key_post (post))
        continue;
      holders = holders_of_post (check, sd_item_get_id (SD_ITEM (post)));
      if (holders >= 2)
        continue;

      title = post_title (check->store, post);
      if (holders == 0)
        /* Translators: a post (with its unit) */
        message = g_strdup_printf (_("The key post “%s” has no holder; a key post needs two "
                                     "or more people."), title);
      else
        /* Translators: a post (with its unit) */
        message = g_strdup_printf (_("The key post “%s” has only one holder; a key post needs "
                                     "two or more people."), title);
      g_ptr_array_add (check->out,
                       sd_violation_new ("key-post-understaffed", title, message,
                                         SD_TYPE_POST, sd_item_get_id (SD_ITEM (post))));
    }
}

/* The department a unit belongs to: itself, or its nearest ancestor of
 * kind "department"; 0 for the company and units outside any department. */
static gint64
department_of (Check  *check,
               gint64  unit_id)
{
  gpointer found;
  gint64 department_id = 0;
  SdUnit *unit;
  gint64 *key;

  if (unit_id == 0)
    return 0;
  if (g_hash_table_lookup_extended (check->department_of, &unit_id, NULL, &found))
    return *(gint64 *) found;

  unit = sd_store_lookup (check->store, SD_TYPE_UNIT, unit_id);
  /* The bound guards against a cycle of parents in a damaged file. */
  for (guint depth = 0; unit != NULL && depth < 64; depth++)
    {
      if (g_strcmp0 (sd_unit_get_kind (unit), "department") == 0)
        {
          department_id = sd_item_get_id (SD_ITEM (unit));
          break;
        }
      if (sd_unit_get_parent_id (unit) == 0)
        break;
      unit = sd_store_lookup (check->store, SD_TYPE_UNIT, sd_unit_get_parent_id (unit));
    }

  key = g_new (gint64, 2);
  key[0] = unit_id;
  key[1] = department_id;
  /* The value points into the key's own allocation. */
  g_hash_table_insert (check->department_of, key, &key[1]);
  return department_id;
}

static void
check_liaisons (Check *check)
{
  GListModel *posts = sd_store_get_items (check->store, SD_TYPE_POST);
  GListModel *units = sd_store_get_items (check->store, SD_TYPE_UNIT);
  guint n_posts = g_list_model_get_n_items (posts);
  guint n_units = g_list_model_get_n_items (units);
  /* unit id → liaison posts (LIAISON_POST) and whether one has a holder. */
  g_autoptr(GHashTable) liaison = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                         g_free, NULL);
  /* department id → distinct security staff */
  g_autoptr(GHashTable) staff = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                       g_free, NULL);
  g_autoptr(GArray) counted = g_array_new (FALSE, FALSE, sizeof (gint64));
  enum { LIAISON_POST = 1, LIAISON_HELD = 2 };

  for (guint i = 0; i < n_posts; i++)
    {
      g_autoptr(SdPost) post = g_list_model_get_item (posts, i);
      gint64 unit_id = sd_post_get_unit_id (post);
      guint flags;

      if (unit_id == 0 || g_strcmp0 (sd_post_get_post_type (post), "security-liaison") != 0)
        continue;
      flags = GPOINTER_TO_UINT (g_hash_table_lookup (liaison, &unit_id)) | LIAISON_POST;
      if (holders_of_post (check, sd_item_get_id (SD_ITEM (post))) > 0)
        flags |= LIAISON_HELD;
      g_hash_table_replace (liaison, g_memdup2 (&unit_id, sizeof unit_id),
                            GUINT_TO_POINTER (flags));
    }

  for (guint p = 0; p < check->people_order->len; p++)
    {
      gint64 person_id = g_array_index (check->people_order, gint64, p);
      PersonPosts *entry = g_hash_table_lookup (check->people, &person_id);

      /* Each person counts once per department, however many of its
       * posts they hold. */
      g_array_set_size (counted, 0);
      for (guint i = 0; i < entry->posts->len; i++)
        {
          SdPost *post = entry->posts->pdata[i];
          gint64 department_id;
          guint n_staff;
          gboolean dup = FALSE;

          if (g_strcmp0 (sd_post_get_post_type (post), "other") == 0)
            continue;
          department_id = department_of (check, sd_post_get_unit_id (post));
          if (department_id == 0)
            continue;
          for (guint j = 0; j < counted->len && !dup; j++)
            dup = g_array_index (counted, gint64, j) == department_id;
          if (dup)
            continue;
          g_array_append_val (counted, department_id);
          n_staff = GPOINTER_TO_UINT (g_hash_table_lookup (staff, &department_id));
          g_hash_table_replace (staff, g_memdup2 (&department_id, sizeof department_id),
                                GUINT_TO_POINTER (n_staff + 1));
        }
    }

  for (guint i = 0; i < n_units; i++)
    {
      g_autoptr(SdUnit) unit = g_list_model_get_item (units, i);
      g_autofree char *tmp = NULL;
      gint64 unit_id = sd_item_get_id (SD_ITEM (unit));
      const char *name;
      guint flags;
      gboolean missing = FALSE;
      int staff_count;

      if (g_strcmp0 (sd_unit_get_kind (unit), "department") != 0)
        continue;

      name = UNIT_NAME (unit, tmp);
      flags = GPOINTER_TO_UINT (g_hash_table_lookup (liaison, &unit_id));
      if ((flags & LIAISON_HELD) == 0)
        {
          g_autofree char *message = NULL;

          if ((flags & LIAISON_POST) == 0)
            /* Translators: a department */
            message = g_strdup_printf (_("%s has no security liaison post; every department "
                                         "names a security liaison."), name);
          else
            /* Translators: a department */
            message = g_strdup_printf (_("The security liaison post of %s has no holder; "
                                         "every department names a security liaison."), name);
          g_ptr_array_add (check->out,
                           sd_violation_new ("missing-liaison", name, message,
                                             SD_TYPE_UNIT, unit_id));
          missing = TRUE;
        }

      staff_count = sd_unit_get_staff_count (unit);
      if (staff_count > 0)
        {
          guint needed = ((guint) staff_count + 49) / 50;
          guint have = GPOINTER_TO_UINT (g_hash_table_lookup (staff, &unit_id));

          if (have < needed && !(missing && needed <= 1))
            {
              g_autofree char *message = NULL;

              /* Translators: a department, its staff, its security staff and the
               * security staff needed (one per 50 staff, rounded up) */
              message = g_strdup_printf (_("%s has %d staff but %u security staff; one per 50 "
                                           "staff asks for %u."),
                                         name, staff_count, have, needed);
              g_ptr_array_add (check->out,
                               sd_violation_new ("liaison-ratio", name, message,
                                                 SD_TYPE_UNIT, unit_id));
            }
        }
    }
}

static gboolean
body_kind_is_group (const char *kind)
{
  return g_strcmp0 (kind, "leadership") == 0
         || g_strcmp0 (kind, "working") == 0
         || g_strcmp0 (kind, "emergency") == 0
         || g_strcmp0 (kind, "inspection") == 0;
}

static void
check_bodies (Check *check)
{
  GListModel *members = sd_store_get_items (check->store, SD_TYPE_BODY_MEMBER);
  GListModel *bodies = sd_store_get_items (check->store, SD_TYPE_BODY);
  guint n_members = g_list_model_get_n_items (members);
  guint n_bodies = g_list_model_get_n_items (bodies);
  /* body id → seats held by active people (SEAT_LEADER, SEAT_OTHER). */
  g_autoptr(GHashTable) seats = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                       g_free, NULL);
  enum { SEAT_LEADER = 1, SEAT_OTHER = 2 };

  for (guint i = 0; i < n_members; i++)
    {
      g_autoptr(SdBodyMember) member = g_list_model_get_item (members, i);
      SdPerson *person = sd_store_lookup (check->store, SD_TYPE_PERSON,
                                          sd_body_member_get_person_id (member));
      gint64 body_id = sd_body_member_get_body_id (member);
      guint flags;

      if (!person_counts (person))
        continue;
      flags = GPOINTER_TO_UINT (g_hash_table_lookup (seats, &body_id));
      flags |= g_strcmp0 (sd_body_member_get_role (member), "leader") == 0
               ? SEAT_LEADER : SEAT_OTHER;
      g_hash_table_replace (seats, g_memdup2 (&body_id, sizeof body_id),
                            GUINT_TO_POINTER (flags));
    }

  for (guint i = 0; i < n_bodies; i++)
    {
      g_autoptr(SdBody) body = g_list_model_get_item (bodies, i);
      g_autofree char *tmp = NULL;
      g_autofree char *message = NULL;
      gint64 body_id = sd_item_get_id (SD_ITEM (body));
      guint flags = GPOINTER_TO_UINT (g_hash_table_lookup (seats, &body_id));
      const char *name = BODY_NAME (body, tmp);

      if (flags == 0)
        /* Translators: a security body, e.g. 网络安全领导小组 */
        message = g_strdup_printf (_("%s has no members; it needs at least a leader."), name);
      else if ((flags & SEAT_LEADER) == 0)
        /* Translators: a security body */
        message = g_strdup_printf (_("%s has no leader."), name);
      else if ((flags & SEAT_OTHER) == 0 && body_kind_is_group (sd_body_get_kind (body)))
        /* Translators: a security body */
        message = g_strdup_printf (_("%s has a leader but no deputy leader or members; a group "
                                     "needs members."), name);
      else
        continue;

      g_ptr_array_add (check->out,
                       sd_violation_new ("vacant-body-seat", name, message,
                                         SD_TYPE_BODY, body_id));
    }
}

GPtrArray *
sd_org_check (SdStore *store)
{
  Check check = { 0 };

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  check.store = store;
  check.people = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                        (GDestroyNotify) person_posts_free);
  check.people_order = g_array_new (FALSE, FALSE, sizeof (gint64));
  check.post_holders = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  check.department_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  check.out = g_ptr_array_new_with_free_func (g_object_unref);

  index_holders (&check);
  check_incompatible (&check);
  check_key_posts (&check);
  check_full_time (&check);
  check_liaisons (&check);
  check_bodies (&check);

  g_hash_table_unref (check.people);
  g_array_unref (check.people_order);
  g_hash_table_unref (check.post_holders);
  g_hash_table_unref (check.department_of);

  g_ptr_array_sort (check.out, sd_violation_compare);
  return check.out;
}

/* SdViolationList */

struct _SdViolationList
{
  GObject parent_instance;

  SdStore     *store;
  SdCheckFunc  check;
  GArray      *watched;     /* GType: the lists whose changes can change the result */
  GPtrArray   *items;       /* of SdViolation */
  guint        idle_id;
  gboolean     watching;
  guint        delay_ms;    /* before checking again after a change */
};

static void sd_violation_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SdViolationList, sd_violation_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      sd_violation_list_model_init))

enum {
  LIST_PROP_0,
  LIST_PROP_STORE,
  LIST_PROP_N_ITEMS,
  LIST_N_PROPS
};

static GParamSpec *list_properties[LIST_N_PROPS];


static GType
sd_violation_list_get_item_type (GListModel *model)
{
  return SD_TYPE_VIOLATION;
}

static guint
sd_violation_list_get_n_items (GListModel *model)
{
  return SD_VIOLATION_LIST (model)->items->len;
}

static gpointer
sd_violation_list_get_item (GListModel *model,
                            guint       position)
{
  SdViolationList *self = SD_VIOLATION_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (self->items->pdata[position]);
}

static void
sd_violation_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sd_violation_list_get_item_type;
  iface->get_n_items = sd_violation_list_get_n_items;
  iface->get_item = sd_violation_list_get_item;
}

/* Replaces the items with @fresh, keeping the common head and tail so that
 * views keep their rows (and the focus) where nothing changed. */
static void
sd_violation_list_replace (SdViolationList *self,
                           GPtrArray       *fresh)
{
  guint old_len = self->items->len;
  guint new_len = fresh->len;
  guint prefix = 0;
  guint suffix = 0;
  guint removed;
  guint added;

  while (prefix < old_len && prefix < new_len
         && violation_equal (self->items->pdata[prefix], fresh->pdata[prefix]))
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix
         && violation_equal (self->items->pdata[old_len - 1 - suffix],
                             fresh->pdata[new_len - 1 - suffix]))
    suffix++;

  removed = old_len - prefix - suffix;
  added = new_len - prefix - suffix;
  if (removed == 0 && added == 0)
    return;

  g_ptr_array_remove_range (self->items, prefix, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (self->items, prefix + i, g_object_ref (fresh->pdata[prefix + i]));

  g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
  if (old_len != new_len)
    g_object_notify_by_pspec (G_OBJECT (self), list_properties[LIST_PROP_N_ITEMS]);
}

static void items_changed_cb (SdViolationList *self);

static void
sd_violation_list_run (SdViolationList *self)
{
  g_autoptr(GPtrArray) fresh = NULL;

  g_clear_handle_id (&self->idle_id, g_source_remove);

  /* The lists are asked for (and so read from the file) only now, after
   * the window's first frame, not when the list is made. */
  if (!self->watching)
    {
      self->watching = TRUE;
      for (guint i = 0; i < self->watched->len; i++)
        g_signal_connect_object (sd_store_get_items (self->store,
                                                     g_array_index (self->watched, GType, i)),
                                 "items-changed", G_CALLBACK (items_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }

  fresh = self->check (self->store);
  sd_violation_list_replace (self, fresh);
}

/* How long one slice of reading the tables before the first check may
 * keep the main loop: half a frame. */
#define LOAD_SLICE_US 8000

static gboolean
check_idle_cb (gpointer data)
{
  SdViolationList *self = data;

  /* Before the first check, the tables it reads, a slice at a time: the
   * assignments of a large organisation take a good part of a second to
   * read, which the window would not draw through. */
  if (!self->watching)
    {
      gint64 deadline = g_get_monotonic_time () + LOAD_SLICE_US;

      for (guint i = 0; i < self->watched->len; i++)
        {
          if (!sd_store_load_slice (self->store, g_array_index (self->watched, GType, i),
                                    deadline))
            return G_SOURCE_CONTINUE;
        }
    }

  self->idle_id = 0;
  sd_violation_list_run (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_check (SdViolationList *self)
{
  /* Many edits in a row (an import, an undo) give one check. */
  if (self->idle_id != 0)
    return;
  if (self->watching && self->delay_ms > 0)
    self->idle_id = g_timeout_add_full (G_PRIORITY_LOW, self->delay_ms, check_idle_cb, self,
                                        NULL);
  else
    self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, check_idle_cb, self, NULL);
}

static void
items_changed_cb (SdViolationList *self)
{
  schedule_check (self);
}

static void
sd_violation_list_constructed (GObject *object)
{
  SdViolationList *self = SD_VIOLATION_LIST (object);

  G_OBJECT_CLASS (sd_violation_list_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  schedule_check (self);
}

static void
sd_violation_list_dispose (GObject *object)
{
  SdViolationList *self = SD_VIOLATION_LIST (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  /* The signal handlers go with the list (g_signal_connect_object). */
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_violation_list_parent_class)->dispose (object);
}

static void
sd_violation_list_finalize (GObject *object)
{
  SdViolationList *self = SD_VIOLATION_LIST (object);

  g_ptr_array_unref (self->items);
  g_array_unref (self->watched);

  G_OBJECT_CLASS (sd_violation_list_parent_class)->finalize (object);
}

static void
sd_violation_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SdViolationList *self = SD_VIOLATION_LIST (object);

  switch (prop_id)
    {
    case LIST_PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case LIST_PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_violation_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SdViolationList *self = SD_VIOLATION_LIST (object);

  switch (prop_id)
    {
    case LIST_PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_violation_list_class_init (SdViolationListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sd_violation_list_constructed;
  object_class->dispose = sd_violation_list_dispose;
  object_class->finalize = sd_violation_list_finalize;
  object_class->get_property = sd_violation_list_get_property;
  object_class->set_property = sd_violation_list_set_property;

  list_properties[LIST_PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* For a badge: the number of violations, notified when it changes. */
  list_properties[LIST_PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, LIST_N_PROPS, list_properties);
}

static void
sd_violation_list_init (SdViolationList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->watched = g_array_new (FALSE, FALSE, sizeof (GType));
  self->check = sd_org_check;
}

SdViolationList *
sd_violation_list_new (SdStore *store)
{
  /* The item types whose changes can change the result of sd_org_check(). */
  const GType watched[] = {
    SD_TYPE_UNIT, SD_TYPE_PERSON, SD_TYPE_POST, SD_TYPE_POST_HOLDER,
    SD_TYPE_BODY, SD_TYPE_BODY_MEMBER, SD_TYPE_RULE,
  };

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  return sd_violation_list_new_for (store, sd_org_check, watched, G_N_ELEMENTS (watched));
}

SdViolationList *
sd_violation_list_new_for (SdStore     *store,
                           SdCheckFunc  check,
                           const GType *watched_types,
                           guint        n_watched)
{
  SdViolationList *self;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (check != NULL, NULL);
  g_return_val_if_fail (watched_types != NULL || n_watched == 0, NULL);

  /* The first check runs from an idle scheduled in constructed(), after
   * the check and the watched types below are in place. */
  self = g_object_new (SD_TYPE_VIOLATION_LIST, "store", store, NULL);
  self->check = check;
  g_array_append_vals (self->watched, watched_types, n_watched);
  return self;
}

void
sd_violation_list_set_delay (SdViolationList *self,
                             guint            delay_ms)
{
  g_return_if_fail (SD_IS_VIOLATION_LIST (self));

  self->delay_ms = delay_ms;
}

void
sd_violation_list_flush (SdViolationList *self)
{
  g_return_if_fail (SD_IS_VIOLATION_LIST (self));

  if (self->idle_id != 0)
    sd_violation_list_run (self);
}
