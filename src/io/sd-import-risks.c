/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

/* The risk register's kind of record (see sd-import.h for the columns,
 * sd-import-private.h for how a kind works). */

#define G_LOG_DOMAIN "sd-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-import-private.h"

#include "sd-labels.h"
#include "sd-risk.h"
#include "sd-risk-category.h"
#include "sd-unit.h"

/* Codes */

static const SdImportCode treatments[] = {
  { "avoid", "规避|規避|回避|avoidance", sd_risk_treatment_label },
  { "reduce", "降低|减轻|減輕|缓解|緩解|mitigate|reduction", sd_risk_treatment_label },
  { "transfer", "转移|轉移|转嫁|轉嫁", sd_risk_treatment_label },
  { "accept", "接受|承受|保留|acceptance|retain", sd_risk_treatment_label },
  { NULL }
};

static const SdImportCode statuses[] = {
  { "open", "未处理|待处理|未處理|待處理|新|new", sd_risk_status_label },
  { "treating", "处理中|处置中|處理中|處置中|being-treated|in-treatment", sd_risk_status_label },
  { "accepted", "已接受", sd_risk_status_label },
  { "closed", "已关闭|已關閉|关闭|關閉|已结案|已結案", sd_risk_status_label },
  { NULL }
};

static const char *
builtin_category_label (const char *code)
{
  return sd_risk_category_label (code, NULL);
}

/* The built-in categories by their English label and their Chinese one,
 * whatever the language the app runs in. */
static const SdImportCode builtin_categories[] = {
  { "personal", "personal-safety|人身安全|人员安全|人員安全", builtin_category_label },
  { "data", "data-security|数据安全|資料安全|數據安全", builtin_category_label },
  { "operational", "operational-security|运营安全|營運安全|運營安全", builtin_category_label },
  { NULL }
};

/* Columns */

enum
{
  RISK_CODE,
  RISK_TITLE,
  RISK_CATEGORY,
  RISK_OWNER_UNIT,
  RISK_LIKELIHOOD,
  RISK_IMPACT,
  RISK_RESIDUAL_LIKELIHOOD,
  RISK_RESIDUAL_IMPACT,
  RISK_TARGET_LIKELIHOOD,
  RISK_TARGET_IMPACT,
  RISK_TREATMENT,
  RISK_STATUS,
  RISK_DESCRIPTION,
};

static const SdImportColumn risk_columns[] = {
  [RISK_CODE] = { "code", "编号|风险编号|代码|編號|風險編號" },
  [RISK_TITLE] = { "title", "标题|名称|风险名称|风险|標題|名稱|風險名稱" },
  [RISK_CATEGORY] = { "category", "类别|分类|风险类别|類別|分類|風險類別" },
  [RISK_OWNER_UNIT] = { "owner_unit", "责任单位|责任部门|归属单位|責任單位|責任部門" },
  [RISK_LIKELIHOOD] = { "likelihood", "可能性|固有可能性|inherent_likelihood" },
  [RISK_IMPACT] = { "impact", "影响|影响程度|固有影响|影響|影響程度|固有影響|inherent_impact" },
  [RISK_RESIDUAL_LIKELIHOOD] = { "residual_likelihood", "剩余可能性|残余可能性|剩餘可能性|殘餘可能性" },
  [RISK_RESIDUAL_IMPACT] = { "residual_impact", "剩余影响|残余影响|剩餘影響|殘餘影響" },
  [RISK_TARGET_LIKELIHOOD] = { "target_likelihood", "目标可能性|目標可能性" },
  [RISK_TARGET_IMPACT] = { "target_impact", "目标影响|目標影響" },
  [RISK_TREATMENT] = { "treatment", "应对|应对方式|应对措施|处置方式|應對|應對方式|處置方式" },
  [RISK_STATUS] = { "status", "状态|狀態" },
  [RISK_DESCRIPTION] = { "description", "描述|说明|风险描述|說明|風險描述" },
  { NULL }
};

/* A likelihood and an impact. */
typedef struct
{
  int likelihood;
  int impact;
} Rating;

typedef struct
{
  SdCsvRecord *record;
  const char  *code;
  const char  *title;
  gint64       category_id;      /* 0 for none */
  gint64       owner_unit_id;    /* 0 for none */
  Rating       inherent;
  Rating       residual;
  Rating       target;
  const char  *treatment;        /* NULL for none */
  const char  *status;
  const char  *description;      /* NULL if empty */
} RiskRow;

typedef struct
{
  GPtrArray  *categories;         /* SdRiskCategory */
  GHashTable *categories_by_code; /* code → SdRiskCategory (borrowed) */
  GHashTable *categories_by_name; /* folded name → GPtrArray of SdRiskCategory */
  GArray     *rows;               /* RiskRow, in the order of the file */
} RiskPlan;

static void
risk_plan_free (gpointer data)
{
  RiskPlan *plan = data;

  g_hash_table_unref (plan->categories_by_code);
  g_hash_table_unref (plan->categories_by_name);
  g_ptr_array_unref (plan->categories);
  g_array_unref (plan->rows);
  g_free (plan);
}

static void
index_categories (RiskPlan *plan)
{
  plan->categories_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  plan->categories_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                    (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < plan->categories->len; i++)
    {
      SdRiskCategory *category = plan->categories->pdata[i];
      const char *name = sd_risk_category_get_name (category);
      GPtrArray *same;
      char *folded;

      g_hash_table_insert (plan->categories_by_code,
                           (gpointer) sd_risk_category_get_code (category), category);
      if (name == NULL || *name == '\0')
        continue;
      folded = sd_import_normalize_word (name);
      same = g_hash_table_lookup (plan->categories_by_name, folded);
      if (same == NULL)
        {
          same = g_ptr_array_new ();
          g_hash_table_insert (plan->categories_by_name, folded, same);
        }
      else
        {
          g_free (folded);
        }
      g_ptr_array_add (same, category);
    }
}

/* The category @value names: its code, its name (without regard to case),
 * or, for a built-in one, its label in English, Chinese or the current
 * language. 0 with a row error if there is none or no way to choose. */
static gint64
resolve_category (SdImport    *import,
                  SdCsvRecord *record,
                  const char  *value)
{
  RiskPlan *plan = import->plan;
  g_autofree char *folded = sd_import_normalize_word (value);
  SdRiskCategory *category = g_hash_table_lookup (plan->categories_by_code, value);
  GPtrArray *same;
  const char *builtin;

  if (category == NULL)
    category = g_hash_table_lookup (plan->categories_by_code, folded);
  if (category != NULL)
    return sd_item_get_id (SD_ITEM (category));

  same = g_hash_table_lookup (plan->categories_by_name, folded);
  if (same != NULL && same->len == 1)
    return sd_item_get_id (SD_ITEM (same->pdata[0]));
  if (same != NULL)
    {
      sd_import_add_error (import, record->line,
                           /* Translators: %s is a risk category's name, %u a count. */
                           _("ambiguous category “%s”: %u categories have this name"),
                           value, same->len);
      return 0;
    }

  builtin = sd_import_parse_code (builtin_categories, value);
  category = builtin != NULL ? g_hash_table_lookup (plan->categories_by_code, builtin) : NULL;
  if (category != NULL)
    return sd_item_get_id (SD_ITEM (category));

  sd_import_add_error (import, record->line, _("unknown risk category “%s”"), value);
  return 0;
}

/* Reads a rating in @column: a whole number from 1 to @size. An empty
 * value is 0 when @empty_ok, else an error; -1 after any error. */
static int
check_rating (SdImport    *import,
              SdCsvRecord *record,
              guint        column,
              int          size,
              gboolean     empty_ok)
{
  const char *value = sd_import_field (import, record, column);
  guint64 number = 0;

  if (*value == '\0')
    {
      if (empty_ok)
        return 0;
      sd_import_add_error (import, record->line, _("no value in column “%s”"),
                           sd_import_column_name (import, column));
      return -1;
    }
  if (!g_ascii_string_to_unsigned (value, 10, 1, size, &number, NULL))
    {
      sd_import_add_error (import, record->line,
                           /* Translators: the first %s is the value, the second the
                            * column, %d the size of the risk matrix, e.g. "bad
                            * rating “6” in column “impact”: a whole number from 1 to 5". */
                           _("bad rating “%s” in column “%s”: a whole number from 1 to %d"),
                           value, sd_import_column_name (import, column), size);
      return -1;
    }
  return (int) number;
}

/* The rating of the pair of columns from @likelihood_column on, read as
 * @likelihood and @impact (0 for empty): @fallback if both are empty. A
 * row error if only one is. */
static Rating
check_pair (SdImport     *import,
            SdCsvRecord  *record,
            guint         likelihood_column,
            int           likelihood,
            int           impact,
            const Rating *fallback)
{
  Rating rating = { likelihood, impact };

  if (likelihood == 0 && impact == 0)
    return *fallback;
  if (likelihood == 0 || impact == 0)
    {
      sd_import_add_error (import, record->line,
                           /* Translators: the %s are two columns, e.g.
                            * “residual_likelihood” and “residual_impact”. */
                           _("“%s” and “%s” go together: give both or neither"),
                           sd_import_column_name (import, likelihood_column),
                           sd_import_column_name (import, likelihood_column + 1));
      return *fallback;
    }
  return rating;
}

static void
check_risks (SdImport *import)
{
  GPtrArray *records = import->records;
  RiskPlan *plan = g_new0 (RiskPlan, 1);
  int size = sd_store_get_matrix_size (import->store);
  g_autoptr(GPtrArray) risks = sd_import_snapshot (import->store, SD_TYPE_RISK);
  g_autoptr(GHashTable) existing = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) lines = g_hash_table_new (g_str_hash, g_str_equal);

  import->plan = plan;
  plan->categories = sd_import_snapshot (import->store, SD_TYPE_RISK_CATEGORY);
  index_categories (plan);
  plan->rows = g_array_sized_new (FALSE, TRUE, sizeof (RiskRow), records->len);

  /* The codes stay valid while @risks holds the risks. */
  for (guint i = 0; i < risks->len; i++)
    g_hash_table_insert (existing, (gpointer) sd_risk_get_code (risks->pdata[i]),
                         risks->pdata[i]);

  for (guint i = 0; i < records->len; i++)
    {
      SdCsvRecord *record = records->pdata[i];
      const char *category = sd_import_field (import, record, RISK_CATEGORY);
      const char *unit = sd_import_field (import, record, RISK_OWNER_UNIT);
      const char *treatment = sd_import_field (import, record, RISK_TREATMENT);
      const char *status = sd_import_field (import, record, RISK_STATUS);
      const char *description = sd_import_field (import, record, RISK_DESCRIPTION);
      RiskRow row = { record, NULL, NULL, 0, 0, { 0, 0 }, { 0, 0 }, { 0, 0 }, NULL, NULL, NULL };
      int ratings[6];
      gboolean ratings_ok = TRUE;
      gpointer other;

      row.code = sd_import_check_name (import, record, RISK_CODE);
      row.title = sd_import_check_name (import, record, RISK_TITLE);
      if (*category != '\0')
        row.category_id = resolve_category (import, record, category);
      if (*unit != '\0')
        {
          SdUnit *owner = sd_import_resolve_unit (import, record->line, unit);

          row.owner_unit_id = owner != NULL ? sd_item_get_id (SD_ITEM (owner)) : 0;
        }

      /* Every bad number of the row is reported. The store keeps all
       * three ratings: an empty residual one is the inherent one (nothing
       * done yet), an empty target the residual. */
      for (guint c = 0; c < G_N_ELEMENTS (ratings); c++)
        {
          ratings[c] = check_rating (import, record, RISK_LIKELIHOOD + c, size, c >= 2);
          ratings_ok = ratings_ok && ratings[c] >= 0;
        }
      if (ratings_ok)
        {
          row.inherent.likelihood = ratings[0];
          row.inherent.impact = ratings[1];
          row.residual = check_pair (import, record, RISK_RESIDUAL_LIKELIHOOD,
                                     ratings[2], ratings[3], &row.inherent);
          row.target = check_pair (import, record, RISK_TARGET_LIKELIHOOD,
                                   ratings[4], ratings[5], &row.residual);
        }

      if (*treatment != '\0')
        row.treatment = sd_import_check_code (import, record, RISK_TREATMENT, treatments, FALSE);
      /* An empty status is the store's default: a new risk is open. */
      row.status = *status != '\0'
        ? sd_import_check_code (import, record, RISK_STATUS, statuses, FALSE) : "open";
      row.description = *description != '\0' ? description : NULL;

      if (row.code != NULL)
        {
          /* The code is a risk's identity: an import adds risks, and a
           * re-rating goes through the register, which keeps its history. */
          if (g_hash_table_lookup_extended (lines, row.code, NULL, &other))
            sd_import_add_error (import, record->line,
                                 /* Translators: %s is a risk's code, %u a line. */
                                 _("duplicate risk “%s”: already on line %u"), row.code,
                                 GPOINTER_TO_UINT (other));
          else
            g_hash_table_insert (lines, (gpointer) row.code, GUINT_TO_POINTER (record->line));
          if (g_hash_table_contains (existing, row.code))
            sd_import_add_error (import, record->line,
                                 /* Translators: %s is a risk's code. */
                                 _("duplicate risk: “%s” is already in the register"),
                                 row.code);
        }
      g_array_append_val (plan->rows, row);
    }
}

static gboolean
write_risks (SdImport  *import,
             GError   **error)
{
  RiskPlan *plan = import->plan;

  for (guint i = 0; i < plan->rows->len; i++)
    {
      RiskRow *row = &g_array_index (plan->rows, RiskRow, i);

      if (!sd_store_insert (import->store, SD_TYPE_RISK, error,
                            "code", row->code,
                            "title", row->title,
                            "category-id", row->category_id,
                            "owner-unit-id", row->owner_unit_id,
                            "inherent-likelihood", row->inherent.likelihood,
                            "inherent-impact", row->inherent.impact,
                            "residual-likelihood", row->residual.likelihood,
                            "residual-impact", row->residual.impact,
                            "target-likelihood", row->target.likelihood,
                            "target-impact", row->target.impact,
                            "treatment", row->treatment,
                            "status", row->status,
                            "description", row->description,
                            NULL))
        return FALSE;
    }
  import->n_imported = plan->rows->len;
  return TRUE;
}

static const char *
empty_if_null (const char *text)
{
  return text != NULL ? text : "";
}

/* A category as the import reads it back: its name if the user gave it
 * one, else its code. */
static const char *
category_text (SdStore *store,
               gint64   category_id)
{
  SdRiskCategory *category;
  const char *name;

  if (category_id == 0)
    return "";
  category = sd_store_lookup (store, SD_TYPE_RISK_CATEGORY, category_id);
  if (category == NULL)
    return "";
  name = sd_risk_category_get_name (category);
  return name != NULL && *name != '\0' ? name : sd_risk_category_get_code (category);
}

/* In the register's order, every rating written out, so that importing
 * the export into a database with the same units and categories exports
 * the same bytes. */
static void
export_risks (SdStore *store,
              GString *out)
{
  g_autoptr(GPtrArray) risks = sd_import_snapshot (store, SD_TYPE_RISK);

  for (guint i = 0; i < risks->len; i++)
    {
      SdRisk *risk = risks->pdata[i];
      char numbers[6][12];
      const int ratings[6] = {
        sd_risk_get_inherent_likelihood (risk), sd_risk_get_inherent_impact (risk),
        sd_risk_get_residual_likelihood (risk), sd_risk_get_residual_impact (risk),
        sd_risk_get_target_likelihood (risk), sd_risk_get_target_impact (risk),
      };

      for (guint j = 0; j < G_N_ELEMENTS (ratings); j++)
        g_snprintf (numbers[j], sizeof numbers[j], "%d", ratings[j]);
      sd_import_append_row (out,
                            sd_risk_get_code (risk),
                            empty_if_null (sd_risk_get_title (risk)),
                            category_text (store, sd_risk_get_category_id (risk)),
                            sd_import_unit_name (store, sd_risk_get_owner_unit_id (risk)),
                            numbers[0], numbers[1], numbers[2],
                            numbers[3], numbers[4], numbers[5],
                            empty_if_null (sd_risk_get_treatment (risk)),
                            empty_if_null (sd_risk_get_status (risk)),
                            empty_if_null (sd_risk_get_description (risk)),
                            NULL);
    }
}

const SdImportKind sd_import_risks_kind = {
  "risks", risk_columns, check_risks, write_risks, export_risks, risk_plan_free
};
