/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-audit-diff"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-audit-diff.h"
#include "sd-audit-query.h"
#include "sd-item.h"
#include "sd-labels.h"
#include "sd-risk-rating.h"

/* Nesting deeper than this is not something the store writes. */
#define MAX_DEPTH 16
/* A name is a label, not a text: longer parts are cut. */
#define MAX_NAME_PART 40
/* References inside names (a post holder's person) are followed this far. */
#define MAX_NAME_DEPTH 2

/* JSON, as much of it as the audit log uses, read defensively: the file
 * may have been edited by hand or damaged. */

typedef enum
{
  JSON_NULL,
  JSON_BOOLEAN,
  JSON_NUMBER,
  JSON_STRING,
  JSON_ARRAY,
  JSON_OBJECT,
} JsonKind;

typedef struct _JsonValue JsonValue;

struct _JsonValue
{
  JsonKind   kind;
  gboolean   boolean;
  char      *text;     /* JSON_NUMBER: the literal; JSON_STRING: the text (valid UTF-8) */
  GPtrArray *items;    /* JSON_ARRAY: JsonValue; JSON_OBJECT: JsonMember */
};

typedef struct
{
  char      *key;
  JsonValue *value;
} JsonMember;

static void
json_value_free (gpointer data)
{
  JsonValue *value = data;

  if (value == NULL)
    return;
  g_free (value->text);
  g_clear_pointer (&value->items, g_ptr_array_unref);
  g_free (value);
}

static void
json_member_free (gpointer data)
{
  JsonMember *member = data;

  g_free (member->key);
  json_value_free (member->value);
  g_free (member);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JsonValue, json_value_free)

typedef struct
{
  const char *p;
  const char *end;
} Parser;

static void
skip_space (Parser *parser)
{
  while (parser->p < parser->end &&
         (*parser->p == ' ' || *parser->p == '\t' || *parser->p == '\n' || *parser->p == '\r'))
    parser->p++;
}

static gboolean
literal (Parser     *parser,
         const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (parser->end - parser->p) < n || strncmp (parser->p, word, n) != 0)
    return FALSE;
  parser->p += n;
  return TRUE;
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Parser  *parser,
           guint32 *out)
{
  guint32 v = 0;

  if (parser->end - parser->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int d = hex_digit (parser->p[i]);

      if (d < 0)
        return FALSE;
      v = v * 16 + d;
    }
  parser->p += 4;
  *out = v;
  return TRUE;
}

/* A string, after its opening quote; NULL if it is broken. Invalid UTF-8
 * and lone surrogates become U+FFFD, so that what is shown is text. */
static char *
parse_string (Parser *parser)
{
  g_autoptr(GString) out = g_string_new (NULL);

  while (parser->p < parser->end)
    {
      char c = *parser->p++;

      if (c == '"')
        return g_utf8_make_valid (out->str, out->len);
      if (c != '\\')
        {
          g_string_append_c (out, c);
          continue;
        }
      if (parser->p >= parser->end)
        return NULL;
      c = *parser->p++;
      switch (c)
        {
        case '"': case '\\': case '/':
          g_string_append_c (out, c);
          break;
        case 'b':
          g_string_append_c (out, '\b');
          break;
        case 'f':
          g_string_append_c (out, '\f');
          break;
        case 'n':
          g_string_append_c (out, '\n');
          break;
        case 'r':
          g_string_append_c (out, '\r');
          break;
        case 't':
          g_string_append_c (out, '\t');
          break;
        case 'u':
          {
            guint32 unit, low;

            if (!read_hex4 (parser, &unit))
              return NULL;
            if (unit >= 0xd800 && unit < 0xdc00 && parser->end - parser->p >= 6 &&
                parser->p[0] == '\\' && parser->p[1] == 'u')
              {
                Parser look = { parser->p + 2, parser->end };

                if (read_hex4 (&look, &low) && low >= 0xdc00 && low < 0xe000)
                  {
                    unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                    parser->p = look.p;
                  }
              }
            if ((unit >= 0xd800 && unit < 0xe000) || unit == 0)
              unit = 0xfffd;
            g_string_append_unichar (out, unit);
          }
          break;
        default:
          return NULL;
        }
    }
  return NULL;
}

static JsonValue *parse_value (Parser *parser,
                               int     depth);

static JsonValue *
parse_number (Parser *parser)
{
  const char *start = parser->p;
  JsonValue *value;

  if (parser->p < parser->end && *parser->p == '-')
    parser->p++;
  while (parser->p < parser->end &&
         (g_ascii_isdigit (*parser->p) || *parser->p == '.' || *parser->p == 'e' ||
          *parser->p == 'E' || *parser->p == '+' || *parser->p == '-'))
    parser->p++;
  if (parser->p == start || !g_ascii_isdigit (parser->p[-1]))
    return NULL;
  value = g_new0 (JsonValue, 1);
  value->kind = JSON_NUMBER;
  value->text = g_strndup (start, parser->p - start);
  return value;
}

static JsonValue *
parse_container (Parser *parser,
                 int     depth,
                 char    close)
{
  g_autoptr(JsonValue) value = g_new0 (JsonValue, 1);

  value->kind = close == ']' ? JSON_ARRAY : JSON_OBJECT;
  value->items = g_ptr_array_new_with_free_func (close == ']' ? json_value_free
                                                              : json_member_free);
  skip_space (parser);
  if (parser->p < parser->end && *parser->p == close)
    {
      parser->p++;
      return g_steal_pointer (&value);
    }

  for (;;)
    {
      skip_space (parser);
      if (close == '}')
        {
          JsonMember *member;
          char *key;
          JsonValue *item;

          if (parser->p >= parser->end || *parser->p != '"')
            return NULL;
          parser->p++;
          key = parse_string (parser);
          if (key == NULL)
            return NULL;
          skip_space (parser);
          if (parser->p >= parser->end || *parser->p != ':')
            {
              g_free (key);
              return NULL;
            }
          parser->p++;
          item = parse_value (parser, depth + 1);
          if (item == NULL)
            {
              g_free (key);
              return NULL;
            }
          member = g_new0 (JsonMember, 1);
          member->key = key;
          member->value = item;
          g_ptr_array_add (value->items, member);
        }
      else
        {
          JsonValue *item = parse_value (parser, depth + 1);

          if (item == NULL)
            return NULL;
          g_ptr_array_add (value->items, item);
        }

      skip_space (parser);
      if (parser->p >= parser->end)
        return NULL;
      if (*parser->p == close)
        {
          parser->p++;
          return g_steal_pointer (&value);
        }
      if (*parser->p != ',')
        return NULL;
      parser->p++;
    }
}

static JsonValue *
parse_value (Parser *parser,
             int     depth)
{
  JsonValue *value;

  if (depth > MAX_DEPTH)
    return NULL;
  skip_space (parser);
  if (parser->p >= parser->end)
    return NULL;

  switch (*parser->p)
    {
    case '{':
    case '[':
      parser->p++;
      return parse_container (parser, depth, parser->p[-1] == '{' ? '}' : ']');
    case '"':
      {
        char *text;

        parser->p++;
        text = parse_string (parser);
        if (text == NULL)
          return NULL;
        value = g_new0 (JsonValue, 1);
        value->kind = JSON_STRING;
        value->text = text;
        return value;
      }
    case 't':
    case 'f':
    case 'n':
      value = g_new0 (JsonValue, 1);
      if (literal (parser, "true") || literal (parser, "false"))
        {
          value->kind = JSON_BOOLEAN;
          value->boolean = parser->p[-1] == 'e' && parser->p[-2] == 'u';
          return value;
        }
      if (literal (parser, "null"))
        {
          value->kind = JSON_NULL;
          return value;
        }
      g_free (value);
      return NULL;
    default:
      return parse_number (parser);
    }
}

/* @text as an object, or NULL if it is not one (or not JSON at all). */
static JsonValue *
parse_object (const char *text)
{
  Parser parser = { text, text + strlen (text) };
  g_autoptr(JsonValue) value = parse_value (&parser, 0);

  if (value == NULL || value->kind != JSON_OBJECT)
    return NULL;
  skip_space (&parser);
  if (parser.p != parser.end)
    return NULL;
  return g_steal_pointer (&value);
}

static JsonValue *
object_get (JsonValue  *object,
            const char *key)
{
  if (object == NULL)
    return NULL;
  for (guint i = 0; i < object->items->len; i++)
    {
      JsonMember *member = g_ptr_array_index (object->items, i);

      if (g_str_equal (member->key, key))
        return member->value;
    }
  return NULL;
}

static gboolean
json_is_null (JsonValue *value)
{
  return value == NULL || value->kind == JSON_NULL;
}

/* The value as JSON again, compact, for what has no better form. */
static void
append_json (GString   *out,
             JsonValue *value)
{
  switch (value->kind)
    {
    case JSON_NULL:
      g_string_append (out, "null");
      break;
    case JSON_BOOLEAN:
      g_string_append (out, value->boolean ? "true" : "false");
      break;
    case JSON_NUMBER:
      g_string_append (out, value->text);
      break;
    case JSON_STRING:
      g_string_append_c (out, '"');
      g_string_append (out, value->text);
      g_string_append_c (out, '"');
      break;
    case JSON_ARRAY:
    case JSON_OBJECT:
      g_string_append_c (out, value->kind == JSON_ARRAY ? '[' : '{');
      for (guint i = 0; i < value->items->len; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          if (value->kind == JSON_ARRAY)
            {
              append_json (out, g_ptr_array_index (value->items, i));
            }
          else
            {
              JsonMember *member = g_ptr_array_index (value->items, i);

              g_string_append_printf (out, "\"%s\": ", member->key);
              append_json (out, member->value);
            }
        }
      g_string_append_c (out, value->kind == JSON_ARRAY ? ']' : '}');
      break;
    }
}

static gboolean
json_equal (JsonValue *a,
            JsonValue *b)
{
  g_autoptr(GString) text_a = g_string_new (NULL);
  g_autoptr(GString) text_b = g_string_new (NULL);

  append_json (text_a, a);
  append_json (text_b, b);
  return g_string_equal (text_a, text_b);
}

/* What the log calls things */

typedef const char *(*CodeLabelFunc) (const char *code);

typedef struct
{
  const char *entity;
  const char *label;               /* N_() */
  const char *name_fields[4];      /* joined, skipping empty ones */
  const char *fallback_fields[3];  /* when those give nothing */
} EntityInfo;

static const EntityInfo entities[] = {
  { "units", N_("Unit"), { "name" } },
  { "people", N_("Person"), { "name" } },
  { "posts", N_("Post"), { "name" } },
  { "post_holders", N_("Post holder"), { "person_id", "post_id" } },
  { "bodies", N_("Body"), { "name" } },
  { "body_members", N_("Body member"), { "person_id", "body_id" } },
  { "incompatibility_rules", N_("Incompatibility rule"),
    { "post_type_a", "post_type_b", "post_a_id", "post_b_id" } },
  { "duties", N_("Duty"), { "code", "text" } },
  { "assignments", N_("Assignment"), { "duty_id", "post_id", "unit_id", "body_id" } },
  { "signoffs", N_("Sign-off"), { "unit_id", "signer_name" } },
  { "risk_categories", N_("Risk category"), { "code" } },
  { "risks", N_("Risk"), { "code", "title" } },
  /* Translators: a re-rating of a risk in its assessment history */
  { "risk_assessments", N_("Risk rating"), { "risk_id", "level" } },
  { "plans", N_("Annual plan"), { "year" } },
  { "plan_streams", N_("Work stream"), { "name" } },
  { "plan_tasks", N_("Task"), { "title" } },
  { "meetings", N_("Meeting"), { "title" }, { "kind", "date" } },
  { "meeting_attendees", N_("Meeting attendee"), { "person_id", "meeting_id" } },
  { "meeting_decisions", N_("Decision"), { "text" } },
  { "inspections", N_("Inspection"), { "title" }, { "kind", "date" } },
  { "findings", N_("Finding"), { "description" } },
  { "trainings", N_("Training"), { "topic" }, { "date" } },
  { "training_attendance", N_("Training attendance"), { "person_id", "training_id" } },
  { "commitments", N_("Commitment letter"), { "person_id", "year" } },
  { "risk_matrix", N_("Risk matrix") },
};

static const EntityInfo *
find_entity (const char *entity)
{
  if (entity == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      if (g_str_equal (entities[i].entity, entity))
        return &entities[i];
    }
  return NULL;
}

typedef struct
{
  const char *entity;   /* NULL: any */
  const char *field;
  const char *label;    /* N_() */
} FieldInfo;

/* Entity-specific labels first: the first match wins. */
static const FieldInfo fields[] = {
  { "assignments", "role", N_("RACI role") },
  { "findings", "unit_id", N_("Responsible unit") },
  { "inspections", "unit_id", N_("Inspected unit") },
  { "units", "head_id", N_("Head") },
  { "units", "parent_id", N_("Parent unit") },
  { "risk_matrix", "size", N_("Matrix size") },

  { NULL, "name", N_("Name") },
  { NULL, "code", N_("Code") },
  { NULL, "title", N_("Title") },
  { NULL, "kind", N_("Kind") },
  { NULL, "description", N_("Description") },
  /* Translators: the position of an item in its list */
  { NULL, "position", N_("Order") },
  { NULL, "staff_count", N_("Staff count") },
  { NULL, "unit_id", N_("Unit") },
  { NULL, "job_title", N_("Job title") },
  { NULL, "full_time", N_("Full-time") },
  { NULL, "active", N_("Active") },
  { NULL, "post_type", N_("Post type") },
  { NULL, "key_post", N_("Key post") },
  { NULL, "full_time_required", N_("Full-time required") },
  { NULL, "post_id", N_("Post") },
  { NULL, "person_id", N_("Person") },
  { NULL, "is_primary", N_("Primary holder") },
  { NULL, "since", N_("Since") },
  { NULL, "led_by_id", N_("Led by") },
  { NULL, "body_id", N_("Body") },
  { NULL, "role", N_("Role") },
  { NULL, "post_type_a", N_("First post type") },
  { NULL, "post_type_b", N_("Second post type") },
  { NULL, "post_a_id", N_("First post") },
  { NULL, "post_b_id", N_("Second post") },
  { NULL, "reason", N_("Reason") },
  { NULL, "source", N_("Source") },
  { NULL, "area", N_("Area") },
  { NULL, "text", N_("Text") },
  { NULL, "duty_id", N_("Duty") },
  { NULL, "signer_person_id", N_("Signer") },
  { NULL, "signer_name", N_("Signer’s name") },
  { NULL, "meaning", N_("Meaning of the signature") },
  { NULL, "signed_at", N_("Signed at") },
  { NULL, "canonical_text", N_("Signed text") },
  { NULL, "sha256", N_("SHA-256 of the signed text") },
  { NULL, "signature", N_("Handwritten signature") },
  { NULL, "category_id", N_("Category") },
  { NULL, "cause", N_("Cause") },
  { NULL, "consequence", N_("Consequence") },
  { NULL, "owner_unit_id", N_("Owner unit") },
  { NULL, "owner_person_id", N_("Owner") },
  { NULL, "inherent_likelihood", N_("Inherent likelihood") },
  { NULL, "inherent_impact", N_("Inherent impact") },
  { NULL, "residual_likelihood", N_("Residual likelihood") },
  { NULL, "residual_impact", N_("Residual impact") },
  { NULL, "target_likelihood", N_("Target likelihood") },
  { NULL, "target_impact", N_("Target impact") },
  { NULL, "treatment", N_("Treatment") },
  { NULL, "measures", N_("Measures") },
  { NULL, "status", N_("Status") },
  { NULL, "next_review", N_("Next review") },
  { NULL, "risk_id", N_("Risk") },
  { NULL, "at", N_("Time") },
  /* Translators: which of a risk's ratings: inherent, residual or target */
  { NULL, "level", N_("Rating") },
  { NULL, "old_likelihood", N_("Previous likelihood") },
  { NULL, "old_impact", N_("Previous impact") },
  { NULL, "new_likelihood", N_("Likelihood") },
  { NULL, "new_impact", N_("Impact") },
  { NULL, "workshop", N_("Workshop") },
  { NULL, "matrix_size", N_("Matrix size") },
  { NULL, "old_matrix_size", N_("Previous matrix size") },
  { NULL, "year", N_("Year") },
  { NULL, "goal", N_("Goal") },
  { NULL, "policy", N_("Policy") },
  { NULL, "plan_id", N_("Plan") },
  { NULL, "stream_id", N_("Work stream") },
  { NULL, "start_month", N_("Start month") },
  { NULL, "end_month", N_("End month") },
  { NULL, "start_date", N_("Start date") },
  { NULL, "end_date", N_("End date") },
  { NULL, "progress", N_("Progress") },
  { NULL, "evidence", N_("Evidence") },
  { NULL, "carried_over", N_("Carried over") },
  { NULL, "date", N_("Date") },
  { NULL, "minutes", N_("Minutes") },
  { NULL, "meeting_id", N_("Meeting") },
  { NULL, "task_id", N_("Task") },
  { NULL, "inspection_id", N_("Inspection") },
  { NULL, "severity", N_("Severity") },
  { NULL, "responsible_person_id", N_("Responsible person") },
  { NULL, "deadline", N_("Deadline") },
  { NULL, "closed_on", N_("Closed on") },
  { NULL, "topic", N_("Topic") },
  { NULL, "audience", N_("Audience") },
  { NULL, "training_id", N_("Training") },
  { NULL, "signed_on", N_("Signed on") },
  { NULL, "likelihood_title", N_("Likelihood axis title") },
  { NULL, "impact_title", N_("Impact axis title") },
  { NULL, "likelihood_labels", N_("Likelihood labels") },
  { NULL, "impact_labels", N_("Impact labels") },
  { NULL, "zones", N_("Zones") },
};

static const char *
risk_level_label (const char *code)
{
  SdRiskLevel level;

  return sd_risk_level_from_code (code, &level) ? sd_risk_level_label (level) : code;
}

static const char *
zone_label (const char *code)
{
  SdZone zone;

  if (!sd_zone_from_code (code, &zone))
    return code;
  switch (zone)
    {
    case SD_ZONE_LOW:
      return _("Low");
    case SD_ZONE_MEDIUM:
      return _("Medium");
    case SD_ZONE_HIGH:
      return _("High");
    case SD_ZONE_MAJOR:
    default:
      return _("Major");
    }
}

static const char *
risk_category_code_label (const char *code)
{
  return sd_risk_category_label (code, NULL);
}

typedef struct
{
  const char    *entity;
  const char    *field;
  CodeLabelFunc  label;
} CodeInfo;

/* Columns whose values are codes with a translated label. */
static const CodeInfo codes[] = {
  { "units", "kind", sd_unit_kind_label },
  { "posts", "post_type", sd_post_type_label },
  { "incompatibility_rules", "post_type_a", sd_post_type_label },
  { "incompatibility_rules", "post_type_b", sd_post_type_label },
  { "bodies", "kind", sd_body_kind_label },
  { "body_members", "role", sd_member_role_label },
  { "assignments", "role", sd_raci_label },
  { "risk_categories", "code", risk_category_code_label },
  { "risks", "status", sd_risk_status_label },
  { "risks", "treatment", sd_risk_treatment_label },
  { "risk_assessments", "level", risk_level_label },
  { "plan_tasks", "status", sd_task_status_label },
  { "meetings", "kind", sd_meeting_kind_label },
  { "inspections", "kind", sd_inspection_kind_label },
  { "findings", "status", sd_finding_status_label },
  { "findings", "severity", sd_severity_label },
  { "risk_matrix", "zones", zone_label },
};

static CodeLabelFunc
find_code_label (const char *entity,
                 const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      if (g_str_equal (codes[i].entity, entity) && g_str_equal (codes[i].field, field))
        return codes[i].label;
    }
  return NULL;
}

static gboolean
is_month_field (const char *entity,
                const char *field)
{
  return g_str_equal (entity, "plan_tasks") &&
         (g_str_equal (field, "start_month") || g_str_equal (field, "end_month"));
}

const char *
sd_audit_entity_label (const char *entity)
{
  const EntityInfo *info = find_entity (entity);

  if (info == NULL)
    return entity != NULL ? entity : "";
  return g_dgettext (GETTEXT_PACKAGE, info->label);
}

char *
sd_audit_row_label (const char *entity,
                    gint64      id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  /* Translators: a record named by its kind and its number in the
   * database, e.g. "Unit #5" */
  return g_strdup_printf (_("%s #%s"), sd_audit_entity_label (entity), number);
}

const char * const *
sd_audit_entities (void)
{
  static const char **list = NULL;

  if (g_once_init_enter (&list))
    {
      const GType *types;
      guint n_types;
      const char **names;

      types = sd_store_get_item_types (&n_types);
      names = g_new0 (const char *, n_types + 2);
      for (guint i = 0; i < n_types; i++)
        {
          SdItemClass *klass = g_type_class_ref (types[i]);

          names[i] = sd_item_class_get_table (klass)->name;
          g_type_class_unref (klass);
        }
      names[n_types] = "risk_matrix";
      g_once_init_leave (&list, names);
    }
  return list;
}

const char *
sd_audit_action_label (const char *action)
{
  if (g_strcmp0 (action, "insert") == 0)
    /* Translators: what happened to an item, in the history */
    return _("Added");
  if (g_strcmp0 (action, "update") == 0)
    return _("Changed");
  if (g_strcmp0 (action, "delete") == 0)
    return _("Deleted");
  return action != NULL ? action : "";
}

const char *
sd_audit_field_label (const char *entity,
                      const char *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if ((fields[i].entity == NULL || g_strcmp0 (fields[i].entity, entity) == 0) &&
          g_str_equal (fields[i].field, field))
        return g_dgettext (GETTEXT_PACKAGE, fields[i].label);
    }
  return NULL;
}

/* "owner_unit_id" → "Owner unit", for a column of a newer version. */
static char *
humanize (const char *field)
{
  g_autofree char *valid = g_utf8_make_valid (field, -1);
  GString *out = g_string_new (valid);

  if (g_str_has_suffix (out->str, "_id") && out->len > 3)
    g_string_truncate (out, out->len - 3);
  g_strdelimit (out->str, "_", ' ');
  if (out->len > 0)
    out->str[0] = g_ascii_toupper (out->str[0]);
  return g_string_free (out, FALSE);
}

char *
sd_audit_format_time (const char *at,
                      GTimeZone  *time_zone)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (at != NULL, NULL);

  utc = g_date_time_new_from_iso8601 (at, NULL);
  if (utc == NULL)
    return g_utf8_make_valid (at, -1);
  if (time_zone != NULL)
    local = g_date_time_to_timezone (utc, time_zone);
  else
    local = g_date_time_to_local (utc);
  if (local == NULL)
    return g_utf8_make_valid (at, -1);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

/* The store's description of a table, or NULL. */
static const SdTable *
find_table (const char *entity)
{
  const GType *types;
  guint n_types;

  if (entity == NULL)
    return NULL;
  types = sd_store_get_item_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    {
      SdItemClass *klass = g_type_class_ref (types[i]);
      const SdTable *table = sd_item_class_get_table (klass);

      g_type_class_unref (klass);
      if (g_str_equal (table->name, entity))
        return table;
    }
  return NULL;
}

static const SdColumn *
find_column (const SdTable *table,
             const char    *field)
{
  if (table == NULL)
    return NULL;
  for (guint i = 0; i < table->n_columns; i++)
    {
      if (g_str_equal (table->columns[i].name, field))
        return &table->columns[i];
    }
  return NULL;
}

static const char *
ref_entity (const SdColumn *column)
{
  SdItemClass *klass;
  const char *name;

  if (column == NULL || column->type != SD_COLUMN_REF || column->ref_type == NULL)
    return NULL;
  klass = g_type_class_ref (column->ref_type ());
  name = sd_item_class_get_table (klass)->name;
  g_type_class_unref (klass);
  return name;
}

static char *item_name (SdStore    *store,
                        const char *entity,
                        gint64      id,
                        JsonValue  *known,
                        gboolean   *exists,
                        int         depth);

static char *
truncate_text (const char *text,
               glong       max_chars)
{
  g_autofree char *flat = g_strdup (text);

  /* A name stays on one line. */
  g_strdelimit (flat, "\n\r\t", ' ');
  g_strstrip (flat);
  if (g_utf8_strlen (flat, -1) <= max_chars)
    return g_steal_pointer (&flat);
  {
    g_autofree char *start = g_utf8_substring (flat, 0, max_chars - 1);

    return g_strconcat (start, "…", NULL);
  }
}

/* The name of what the reference @value of @column points at. */
static char *
ref_name (SdStore        *store,
          const SdColumn *column,
          JsonValue      *value,
          gboolean        in_name,
          int             depth)
{
  const char *entity = ref_entity (column);
  gint64 id;
  gboolean exists = FALSE;
  g_autofree char *name = NULL;

  if (value->kind != JSON_NUMBER)
    return NULL;
  /* Only a whole, positive number is an id. */
  if (!g_ascii_string_to_signed (value->text, 10, 1, G_MAXINT64, &id, NULL) || entity == NULL)
    return g_strdup (value->text);
  if (depth >= MAX_NAME_DEPTH)
    return g_strdup_printf ("#%" G_GINT64_FORMAT, id);
  name = item_name (store, entity, id, NULL, &exists, depth + 1);
  /* Inside a name the item's own state tells; a value says it. */
  if (!exists && store != NULL && !in_name)
    /* Translators: a reference to an item that has since been deleted */
    return g_strdup_printf (_("%s (deleted)"), name);
  return g_steal_pointer (&name);
}

/* One recorded value in words, or NULL for no value. */
static char *
value_text (SdStore    *store,
            const char *entity,
            const char *field,
            JsonValue  *value,
            gboolean    in_name,
            int         depth)
{
  const SdColumn *column;
  CodeLabelFunc code_label;

  if (json_is_null (value))
    return NULL;

  column = find_column (find_table (entity), field);
  code_label = find_code_label (entity, field);

  switch (value->kind)
    {
    case JSON_BOOLEAN:
      return g_strdup (value->boolean ? _("Yes") : _("No"));
    case JSON_NUMBER:
      if (column != NULL && column->type == SD_COLUMN_REF)
        return ref_name (store, column, value, in_name, depth);
      if (column != NULL && column->type == SD_COLUMN_BOOLEAN)
        return g_strdup (g_strcmp0 (value->text, "0") != 0 ? _("Yes") : _("No"));
      if (is_month_field (entity, field))
        {
          gint64 month = g_ascii_strtoll (value->text, NULL, 10);

          if (month >= 1 && month <= 12)
            return g_strdup (sd_month_label (month));
        }
      return g_strdup (value->text);
    case JSON_STRING:
      if (column != NULL && column->type == SD_COLUMN_BYTES)
        return g_strdup (_("(signature image)"));
      if (code_label != NULL)
        return g_strdup (code_label (value->text));
      return g_strdup (value->text);
    case JSON_ARRAY:
      {
        GString *out = g_string_new (NULL);

        /* Lists of labels (the matrix's axes): one after the other. */
        for (guint i = 0; i < value->items->len; i++)
          {
            JsonValue *item = g_ptr_array_index (value->items, i);
            g_autofree char *text = NULL;

            if (item->kind == JSON_ARRAY || item->kind == JSON_OBJECT)
              {
                g_autoptr(GString) nested = g_string_new (NULL);

                append_json (nested, item);
                text = g_string_free (g_steal_pointer (&nested), FALSE);
              }
            else
              {
                text = value_text (store, entity, field, item, in_name, depth);
              }
            if (i > 0)
              g_string_append (out, sd_list_separator ());
            g_string_append (out, text != NULL ? text : "—");
          }
        return g_string_free (out, FALSE);
      }
    case JSON_OBJECT:
    case JSON_NULL:
    default:
      {
        GString *out = g_string_new (NULL);

        append_json (out, value);
        return g_string_free (out, FALSE);
      }
    }
}

/* The name a person knows the item by, from its recorded values @row. */
static char *
name_from_row (SdStore          *store,
               const EntityInfo *info,
               JsonValue        *row,
               int               depth)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (info == NULL || row == NULL)
    return NULL;

  for (int pass = 0; pass < 2 && out->len == 0; pass++)
    {
      const char * const *names = pass == 0 ? info->name_fields : info->fallback_fields;
      guint n = pass == 0 ? G_N_ELEMENTS (info->name_fields)
                          : G_N_ELEMENTS (info->fallback_fields);

      for (guint i = 0; i < n && names[i] != NULL; i++)
        {
          JsonValue *value = object_get (row, names[i]);
          g_autofree char *text = NULL;
          g_autofree char *part = NULL;

          if (json_is_null (value))
            continue;
          /* Risk categories: a built-in one has no name but a label. */
          if (g_str_equal (info->entity, "risk_categories") && g_str_equal (names[i], "code"))
            {
              JsonValue *name = object_get (row, "name");

              text = g_strdup (sd_risk_category_label (value->kind == JSON_STRING ? value->text
                                                                                  : NULL,
                                                       json_is_null (name) ||
                                                       name->kind != JSON_STRING ? NULL
                                                                                 : name->text));
            }
          else
            {
              text = value_text (store, info->entity, names[i], value, TRUE, depth);
            }
          if (text == NULL || text[0] == '\0')
            continue;
          part = truncate_text (text, MAX_NAME_PART);
          if (out->len > 0)
            g_string_append (out, " · ");
          g_string_append (out, part);
        }
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static char *
item_name (SdStore    *store,
           const char *entity,
           gint64      id,
           JsonValue  *known,
           gboolean   *exists,
           int         depth)
{
  const EntityInfo *info = find_entity (entity);
  g_autofree char *name = NULL;

  *exists = FALSE;
  if (info != NULL && info->name_fields[0] == NULL)
    {
      /* The risk matrix: one of its kind, named by its kind. */
      *exists = TRUE;
      return g_strdup ("");
    }

  if (store != NULL)
    {
      g_autofree char *json = sd_audit_query_row (store, entity, id, exists, NULL);
      g_autoptr(JsonValue) row = json != NULL ? parse_object (json) : NULL;

      name = name_from_row (store, info, row, depth);
    }
  if (name == NULL)
    name = name_from_row (store, info, known, depth);
  if (name == NULL)
    name = g_strdup_printf ("#%" G_GINT64_FORMAT, id);
  return g_steal_pointer (&name);
}

char *
sd_audit_item_name (SdStore            *store,
                    const char         *entity,
                    gint64              entity_id,
                    const SdAuditEntry *entry,
                    gboolean           *exists)
{
  g_autoptr(JsonValue) known = NULL;
  gboolean found = FALSE;
  char *name;

  g_return_val_if_fail (store == NULL || SD_IS_STORE (store), NULL);
  g_return_val_if_fail (entity != NULL, NULL);

  if (entry != NULL)
    {
      /* The fullest record the entry has: a deletion's before, an
       * addition's after; a change has only what changed. */
      known = entry->before != NULL ? parse_object (entry->before) : NULL;
      if (known == NULL && entry->after != NULL)
        known = parse_object (entry->after);
      if (entry->after != NULL && entry->before != NULL &&
          g_strcmp0 (entry->action, "update") == 0)
        {
          /* The new values name it better than the old ones. */
          g_autoptr(JsonValue) after = parse_object (entry->after);

          if (after != NULL)
            {
              json_value_free (known);
              known = g_steal_pointer (&after);
            }
        }
    }
  name = item_name (store, entity, entity_id, known, &found, 0);
  if (exists != NULL)
    *exists = found;
  return name;
}

static void
change_free (gpointer data)
{
  SdAuditChange *change = data;

  g_free (change->field);
  g_free (change->label);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change);
}

static void
add_change (GPtrArray  *changes,
            const char *field,
            const char *label,
            char       *old_value,
            char       *new_value)
{
  SdAuditChange *change = g_new0 (SdAuditChange, 1);

  change->field = g_utf8_make_valid (field, -1);
  change->label = g_strdup (label);
  change->old_value = old_value;
  change->new_value = new_value;
  g_ptr_array_add (changes, change);
}

/* The risk matrix's zones, cell by cell: only the cells that changed. */
static gboolean
add_zone_changes (GPtrArray *changes,
                  JsonValue *before,
                  JsonValue *after)
{
  guint rows = 0;

  if ((before != NULL && before->kind != JSON_ARRAY) ||
      (after != NULL && after->kind != JSON_ARRAY))
    return FALSE;
  rows = MAX (before != NULL ? before->items->len : 0, after != NULL ? after->items->len : 0);
  for (guint l = 0; l < rows && l < SD_MATRIX_MAX_SIZE * 2; l++)
    {
      JsonValue *row_b = before != NULL && l < before->items->len
                         ? g_ptr_array_index (before->items, l) : NULL;
      JsonValue *row_a = after != NULL && l < after->items->len
                         ? g_ptr_array_index (after->items, l) : NULL;
      guint cols;

      if ((row_b != NULL && row_b->kind != JSON_ARRAY) ||
          (row_a != NULL && row_a->kind != JSON_ARRAY))
        return FALSE;
      cols = MAX (row_b != NULL ? row_b->items->len : 0, row_a != NULL ? row_a->items->len : 0);
      for (guint i = 0; i < cols && i < SD_MATRIX_MAX_SIZE * 2; i++)
        {
          JsonValue *cell_b = row_b != NULL && i < row_b->items->len
                              ? g_ptr_array_index (row_b->items, i) : NULL;
          JsonValue *cell_a = row_a != NULL && i < row_a->items->len
                              ? g_ptr_array_index (row_a->items, i) : NULL;
          const char *code_b = cell_b != NULL && cell_b->kind == JSON_STRING ? cell_b->text : NULL;
          const char *code_a = cell_a != NULL && cell_a->kind == JSON_STRING ? cell_a->text : NULL;
          g_autofree char *label = NULL;

          if (g_strcmp0 (code_b, code_a) == 0)
            continue;
          /* Translators: a cell of the risk matrix, "Zone of likelihood 3 × impact 4" */
          label = g_strdup_printf (_("Zone of likelihood %u × impact %u"), l + 1, i + 1);
          add_change (changes, "zones", label,
                      code_b != NULL ? g_strdup (zone_label (code_b)) : NULL,
                      code_a != NULL ? g_strdup (zone_label (code_a)) : NULL);
        }
    }
  return TRUE;
}

/* The fields to list, in the table's column order, then any others in
 * the order the entry has them (a newer version's columns). */
static GPtrArray *
field_order (const SdTable *table,
             JsonValue     *before,
             JsonValue     *after)
{
  GPtrArray *order = g_ptr_array_new ();
  JsonValue *objects[] = { before, after };

  if (table != NULL)
    for (guint i = 0; i < table->n_columns; i++)
      g_ptr_array_add (order, (gpointer) table->columns[i].name);

  for (guint o = 0; o < G_N_ELEMENTS (objects); o++)
    {
      if (objects[o] == NULL)
        continue;
      for (guint i = 0; i < objects[o]->items->len; i++)
        {
          JsonMember *member = g_ptr_array_index (objects[o]->items, i);
          gboolean seen = FALSE;

          for (guint j = 0; j < order->len && !seen; j++)
            seen = g_str_equal (g_ptr_array_index (order, j), member->key);
          if (!seen)
            g_ptr_array_add (order, member->key);
        }
    }
  return order;
}

SdAuditDiff *
sd_audit_diff_new (SdStore            *store,
                   const SdAuditEntry *entry)
{
  SdAuditDiff *diff;
  g_autoptr(JsonValue) before = NULL;
  g_autoptr(JsonValue) after = NULL;
  g_autoptr(GPtrArray) order = NULL;
  const char *entity;
  const SdTable *table;
  gboolean insert, delete;

  g_return_val_if_fail (store == NULL || SD_IS_STORE (store), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  entity = entry->entity != NULL ? entry->entity : "";
  table = find_table (entity);
  insert = g_strcmp0 (entry->action, "insert") == 0;
  delete = g_strcmp0 (entry->action, "delete") == 0;

  diff = g_new0 (SdAuditDiff, 1);
  diff->entity_label = g_utf8_make_valid (sd_audit_entity_label (entity), -1);
  diff->action_label = g_utf8_make_valid (sd_audit_action_label (entry->action), -1);
  diff->changes = g_ptr_array_new_with_free_func (change_free);

  if (entry->before != NULL)
    {
      before = parse_object (entry->before);
      diff->damaged |= before == NULL;
    }
  if (entry->after != NULL)
    {
      after = parse_object (entry->after);
      diff->damaged |= after == NULL;
    }
  diff->item_name = sd_audit_item_name (store, entity, entry->entity_id, entry,
                                        &diff->item_exists);

  order = field_order (table, before, after);
  for (guint i = 0; i < order->len; i++)
    {
      const char *field = g_ptr_array_index (order, i);
      JsonValue *old_json = object_get (before, field);
      JsonValue *new_json = object_get (after, field);
      const char *label;
      g_autofree char *fallback = NULL;
      char *old_text, *new_text;

      if (old_json == NULL && new_json == NULL)
        continue;
      /* A change lists what differs: the store records only the columns
       * that changed, the risk matrix all its settings. */
      if (!insert && !delete && old_json != NULL && new_json != NULL &&
          json_equal (old_json, new_json))
        continue;
      if (g_str_equal (entity, "risk_matrix") && g_str_equal (field, "zones") &&
          add_zone_changes (diff->changes, old_json, new_json))
        continue;

      label = sd_audit_field_label (entity, field);
      if (label == NULL)
        label = fallback = humanize (field);
      old_text = value_text (store, entity, field, old_json, FALSE, 0);
      new_text = value_text (store, entity, field, new_json, FALSE, 0);

      /* An addition or a deletion lists the values the item had; a change
       * every column that differs, even where the words do not (two units
       * of the same name). */
      if ((insert && new_text == NULL) || (delete && old_text == NULL))
        {
          g_free (old_text);
          g_free (new_text);
          continue;
        }
      add_change (diff->changes, field, label, old_text, new_text);
    }
  return diff;
}

void
sd_audit_diff_free (SdAuditDiff *diff)
{
  if (diff == NULL)
    return;
  g_free (diff->entity_label);
  g_free (diff->action_label);
  g_free (diff->item_name);
  g_clear_pointer (&diff->changes, g_ptr_array_unref);
  g_free (diff);
}
