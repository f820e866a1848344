/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-labels"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-labels.h"

typedef struct
{
  const char *code;
  const char *label;   /* untranslated, marked with N_() */
} Label;

static const char *
lookup (const Label *labels,
        guint        n_labels,
        const char  *code)
{
  if (code == NULL)
    return "";

  for (guint i = 0; i < n_labels; i++)
    {
      if (g_str_equal (labels[i].code, code))
        return g_dgettext (GETTEXT_PACKAGE, labels[i].label);
    }
  return code;
}

#define LOOKUP(table, code) lookup (table, G_N_ELEMENTS (table), code)

const char *
sd_unit_kind_label (const char *kind)
{
  static const Label labels[] = {
    { "company", N_("Company") },
    { "department", N_("Department") },
    { "section", N_("Section") },
    { "other", N_("Other unit") },
  };
  return LOOKUP (labels, kind);
}

const char *
sd_post_type_label (const char *post_type)
{
  static const Label labels[] = {
    /* Translators: post types of the regulation; 安全主管 */
    { "security-director", N_("Security director") },
    /* Translators: 安全管理员 */
    { "security-admin", N_("Security administrator") },
    /* Translators: 安全审计员 */
    { "security-auditor", N_("Security auditor") },
    /* Translators: 网络管理员 */
    { "network-admin", N_("Network administrator") },
    /* Translators: 系统管理员 */
    { "system-admin", N_("System administrator") },
    /* Translators: 机房管理员 */
    { "machine-room-admin", N_("Machine-room administrator") },
    /* Translators: 部门网络安全员 */
    { "security-liaison", N_("Security liaison") },
    { "other", N_("Other post") },
  };
  return LOOKUP (labels, post_type);
}

const char *
sd_body_kind_label (const char *kind)
{
  static const Label labels[] = {
    /* Translators: 领导小组 */
    { "leadership", N_("Leadership group") },
    /* Translators: 工作组 */
    { "working", N_("Working group") },
    /* Translators: 应急响应组 */
    { "emergency", N_("Emergency-response group") },
    /* Translators: 保密检查小组 */
    { "inspection", N_("Inspection group") },
    /* Translators: 日常执行机构 */
    { "execution", N_("Daily execution unit") },
    { "other", N_("Other body") },
  };
  return LOOKUP (labels, kind);
}

const char *
sd_member_role_label (const char *role)
{
  static const Label labels[] = {
    /* Translators: 组长 */
    { "leader", N_("Leader") },
    /* Translators: 副组长 */
    { "deputy", N_("Deputy leader") },
    /* Translators: 成员 */
    { "member", N_("Member") },
  };
  return LOOKUP (labels, role);
}

const char *
sd_raci_label (const char *role)
{
  static const Label labels[] = {
    /* Translators: RACI role; 负责 */
    { "R", N_("Responsible") },
    /* Translators: RACI role; 牵头/批准 */
    { "A", N_("Accountable") },
    /* Translators: RACI role; 协助 */
    { "C", N_("Consulted") },
    /* Translators: RACI role; 知悉 */
    { "I", N_("Informed") },
  };
  return LOOKUP (labels, role);
}

const char *
sd_raci_short_label (const char *role)
{
  static const Label labels[] = {
    /* Translators: one-letter or one-character RACI role; 责 */
    { "R", NC_("RACI", "R") },
    /* Translators: 批 */
    { "A", NC_("RACI", "A") },
    /* Translators: 协 */
    { "C", NC_("RACI", "C") },
    /* Translators: 知 */
    { "I", NC_("RACI", "I") },
  };

  if (role == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (g_str_equal (labels[i].code, role))
        return g_dpgettext2 (GETTEXT_PACKAGE, "RACI", labels[i].label);
    }
  return role;
}

const char *
sd_risk_category_label (const char *code,
                        const char *name)
{
  static const Label labels[] = {
    /* Translators: risk category; 人身安全 */
    { "personal", N_("Personal safety") },
    /* Translators: 数据安全 */
    { "data", N_("Data") },
    /* Translators: 运营安全 */
    { "operational", N_("Operational") },
  };

  /* A name the user gave wins over the built-in label. */
  if (name != NULL && name[0] != '\0')
    return name;
  return LOOKUP (labels, code);
}

const char *
sd_risk_status_label (const char *status)
{
  static const Label labels[] = {
    { "open", N_("Open") },
    { "treating", N_("Being treated") },
    { "accepted", N_("Accepted") },
    { "closed", N_("Closed") },
  };
  return LOOKUP (labels, status);
}

const char *
sd_risk_treatment_label (const char *treatment)
{
  static const Label labels[] = {
    /* Translators: risk treatment; 规避 */
    { "avoid", N_("Avoid") },
    /* Translators: 降低 */
    { "reduce", N_("Reduce") },
    /* Translators: 转移 */
    { "transfer", N_("Transfer") },
    /* Translators: 接受 */
    { "accept", N_("Accept") },
  };
  return LOOKUP (labels, treatment);
}

const char *
sd_task_status_label (const char *status)
{
  static const Label labels[] = {
    { "planned", N_("Planned") },
    { "in-progress", N_("In progress") },
    { "done", N_("Done") },
    { "cancelled", N_("Cancelled") },
    { "overdue", N_("Overdue") },
  };
  return LOOKUP (labels, status);
}

const char *
sd_month_label (int month)
{
  static const char * const months[] = {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
    N_("December"),
  };

  g_return_val_if_fail (month >= 1 && month <= 12, "");

  return g_dgettext (GETTEXT_PACKAGE, months[month - 1]);
}

const char *
sd_meeting_kind_label (const char *kind)
{
  static const Label labels[] = {
    { "quarterly-review", N_("Quarterly review") },
    { "coordination", N_("Coordination meeting") },
    { "year-end", N_("Year-end summary") },
  };
  return LOOKUP (labels, kind);
}

const char *
sd_inspection_kind_label (const char *kind)
{
  static const Label labels[] = {
    /* Translators: 自查 */
    { "self-check", N_("Self-check") },
    /* Translators: 抽查 */
    { "spot-check", N_("Spot-check") },
    /* Translators: 审计 */
    { "audit", N_("Audit") },
  };
  return LOOKUP (labels, kind);
}

const char *
sd_finding_status_label (const char *status)
{
  static const Label labels[] = {
    { "open", N_("Open") },
    { "rectifying", N_("Being rectified") },
    { "closed", N_("Closed") },
  };
  return LOOKUP (labels, status);
}

const char *
sd_severity_label (const char *severity)
{
  static const Label labels[] = {
    { "low", N_("Low") },
    { "medium", N_("Medium") },
    { "high", N_("High") },
  };
  return LOOKUP (labels, severity);
}

const char *
sd_list_separator (void)
{
  /* Translators: between the items of an inline list, as in
   * "王建国, 李华"; Chinese uses "、". */
  return C_("list separator", ", ");
}
