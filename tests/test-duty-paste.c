/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * Splitting a regulation's pasted text into numbered duties. The snippets
 * are taken from the source documents (../shared/seeds/), as they come
 * when copied from Word, a PDF or a web page.
 */

#include "config.h"

#include <string.h>

#include "sd-duty-paste.h"

/* Parses @text and checks the codes and texts against @expected, pairs of
 * code and text (NULL text: not checked), NULL-terminated. */
static void
assert_parse (const char  *text,
              const char  *prefix,
              const char **expected)
{
  g_autoptr(GPtrArray) duties = sd_duty_paste_parse (text, prefix);
  guint n_expected = 0;

  while (expected[n_expected * 2] != NULL)
    n_expected++;

  for (guint i = 0; i < duties->len; i++)
    {
      SdPastedDuty *duty = duties->pdata[i];

      g_test_message ("%s\t%s", duty->code, duty->text);
    }
  g_assert_cmpuint (duties->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      SdPastedDuty *duty = duties->pdata[i];

      g_assert_cmpstr (duty->code, ==, expected[i * 2]);
      if (expected[i * 2 + 1] != NULL)
        g_assert_cmpstr (duty->text, ==, expected[i * 2 + 1]);
      /* The number is the code without the prefix. */
      g_assert_true (g_str_has_suffix (duty->code, duty->number));
      g_assert_cmpuint (strlen (duty->code), ==,
                        strlen (duty->number) + (prefix != NULL ? strlen (prefix) : 0));
    }
}

/* 003 art. 9, as the converted Word file has it: the list numbers all
 * read "1." (Word numbers them when it shows them), bookmarks in front. */
static void
test_article_with_repeated_numbers (void)
{
  const char *text =
    "第9条 [bookmark: _Toc251837540][bookmark: _Toc251837541]网络安全领导小组是网络安全工作的"
    "最高领导和决策机构，负责单位网络安全工作的宏观管理，职责如下：\n"
    "1. 贯彻执行国家关于网络安全工作的方针、政策，组织落实单位网络安全体系建设工作的目标、"
    "方针、政策；\n"
    "1. 审定网络安全相关策略、规范及管理规定；\n"
    "1. 监督、检查网络安全相关制度的落实与执行情况；\n"
    "1. [bookmark: _Toc251837542][bookmark: _Toc251837543]"
    "协调指挥网络安全重大突发事件的应急处理。 \n";
  const char *expected[] = {
    "003-9", "网络安全领导小组是网络安全工作的最高领导和决策机构，负责单位网络安全工作的宏观管理，"
             "职责如下：",
    "003-9.1", "贯彻执行国家关于网络安全工作的方针、政策，组织落实单位网络安全体系建设工作的"
               "目标、方针、政策。",
    "003-9.2", "审定网络安全相关策略、规范及管理规定。",
    "003-9.3", "监督、检查网络安全相关制度的落实与执行情况。",
    "003-9.4", "协调指挥网络安全重大突发事件的应急处理。",
    NULL,
  };

  assert_parse (text, "003-", expected);
}

/* Chinese article numbers with full-width bracketed items, Windows line
 * ends and ideographic spaces: the header's own example. */
static void
test_chinese_article_items (void)
{
  const char *text =
    "第九条\u3000网络安全工作组负责落实网络安全领导小组各项决策，具体职责是：\r\n"
    "（一）负责网络安全日常工作的协调和处理；\r\n"
    "（二）负责网络安全总体规划设计与实施；\r\n"
    "\r\n"
    "（三）组织网络安全管理规定的编制。\r\n"
    "第十条　网络安全应急响应小组全权负责处理信息系统发生的重大事故或突发事件。\r\n"
    "（一）负责编制应急响应预案；\r\n";
  const char *expected[] = {
    "9", "网络安全工作组负责落实网络安全领导小组各项决策，具体职责是：",
    "9.1", "负责网络安全日常工作的协调和处理。",
    "9.2", "负责网络安全总体规划设计与实施。",
    "9.3", "组织网络安全管理规定的编制。",
    "10", "网络安全应急响应小组全权负责处理信息系统发生的重大事故或突发事件。",
    "10.1", "负责编制应急响应预案。",
    NULL,
  };

  assert_parse (text, NULL, expected);
}

/* 003 art. 12: posts as "(1) 安全主管" headings, each followed by its own
 * "(1)" "(2)" duties in the same style. */
static void
test_same_style_nested (void)
{
  const char *text =
    "第12条 应设置安全主管、安全管理员、安全审计员、网络管理员等岗位，其中安全管理员应专职。"
    "各岗位职责具体如下：\n"
    "(1) 安全主管\n"
    "(1) 负责网络与网络安全的日常整体协调和管理工作；\n"
    "(2) 负责组织人员制定网络安全管理制度和标准规范；\n"
    "(3) 定期组织分析的安全总体情况，组织协调处理存在的安全问题；\n"
    "(2) 安全管理员\n"
    "(1) 落实本单位网络安全的各项工作；\n"
    "(2) 承担本单位网络安全技术类规章制度的起草；\n"
    "(3) 安全审计员\n"
    "(1) 分析本单位内重要网络节点流量，发现安全隐患；\n"
    "(2) 记录重要信息系统相关的网络、主机、应用系统日志并进行审计分析；"
    "审计运维人员的操作行为记录。\n"
    "(3) 定期汇总分析安全日志记录，形成安全审计报告。\n"
    "(4) 网络管理员\n"
    "(1) 根据本单位网络总体规划及安全规划，开展本单位网络架构设计；\n";
  const char *expected[] = {
    "003-12", NULL,
    "003-12.1", "安全主管",
    "003-12.1.1", "负责网络与网络安全的日常整体协调和管理工作。",
    "003-12.1.2", NULL,
    "003-12.1.3", NULL,
    "003-12.2", "安全管理员",
    "003-12.2.1", "落实本单位网络安全的各项工作。",
    "003-12.2.2", NULL,
    "003-12.3", "安全审计员",
    "003-12.3.1", NULL,
    "003-12.3.2", "记录重要信息系统相关的网络、主机、应用系统日志并进行审计分析；"
                  "审计运维人员的操作行为记录。",
    "003-12.3.3", NULL,
    /* Both levels could go on with (4): the heading goes with the posts. */
    "003-12.4", "网络管理员",
    "003-12.4.1", NULL,
    NULL,
  };

  assert_parse (text, "003-", expected);
}

/* 001: a department's duties, with "一、" parts, "1." sections, "(1)"
 * items, a paragraph that continues an item, and a heading "2.岗位职责"
 * whose first post restarts at "1.". */
static void
test_department_duties (void)
{
  const char *text =
    "各部门信息安全管理职责和流程及岗位职责\n"
    "\n"
    "为实现平台信息化目标,规范平台信息化建设,建立和完善平台信息化管理体系。\n"
    "\n"
    "一、组织架构\n"
    "\n"
    "二、公司信息部部门及岗位职责\n"
    "\n"
    "1.信息部部门职责\n"
    "\n"
    "(1)负责集团信息化建设的总体规划及网络体系结构的设计。\n"
    "\n"
    "(2)负责组织调研集团各部门信息化需求并汇总,使公司信息化系统形成一个无缝连接的整体。\n"
    "\n"
    "负责公司各种汇总报表、查询软件、分析软件的二次开发。\n"
    "\n"
    "2.岗位职责\n"
    "\n"
    "1.信息部部长\n"
    "\n"
    "(1)在集团常务副总裁的领导下,负责主持信息部的全面日常工作;\n"
    "\n"
    "(2)负责控制信息化项目预算。\n"
    "\n"
    "2.IT维护主管\n"
    "\n"
    "(1)负责集团上外网权限控制\n";
  const char *expected[] = {
    "1", "组织架构",
    "2", "公司信息部部门及岗位职责",
    "2.1", "信息部部门职责",
    "2.1.1", "负责集团信息化建设的总体规划及网络体系结构的设计。",
    "2.1.2", "负责组织调研集团各部门信息化需求并汇总,使公司信息化系统形成一个无缝连接的整体。"
             "负责公司各种汇总报表、查询软件、分析软件的二次开发。",
    "2.2", "岗位职责",
    "2.2.1", "信息部部长",
    /* An ASCII semicolon after Chinese text ends in a Chinese full stop. */
    "2.2.1.1", "在集团常务副总裁的领导下,负责主持信息部的全面日常工作。",
    "2.2.1.2", "负责控制信息化项目预算。",
    "2.2.2", "IT维护主管",
    "2.2.2.1", "负责集团上外网权限控制",
    NULL,
  };

  assert_parse (text, NULL, expected);
}

/* 004 and 000: absolute decimal numbers under bare "一、" parts, with a
 * heading line followed by its paragraph. */
static void
test_decimal_numbers (void)
{
  const char *text =
    "营销部安全职责\n"
    "一、\n"
    "1.1制定目的\n"
    "营销部安全职责的制定旨在明确部门在业务开展过程中的安全管理义务。\n"
    "1.2适用范围\n"
    "本职责适用于营销部全体人员。\n"
    "二、\n"
    "2.1组织架构：明确责任主体与分工\n"
    "2.1.1部门负责人安全职责\n"
    "营销部负责人作为部门安全第一责任人，需统筹部署安全管理工作。\n"
    "2.1.2 岗位层级安全职责\n"
    "9.1.2. 另一编号\n";
  const char *expected[] = {
    "004-1.1", "制定目的：营销部安全职责的制定旨在明确部门在业务开展过程中的安全管理义务。",
    "004-1.2", "适用范围：本职责适用于营销部全体人员。",
    "004-2.1", "组织架构：明确责任主体与分工",
    "004-2.1.1", "部门负责人安全职责：营销部负责人作为部门安全第一责任人，需统筹部署安全管理工作。",
    "004-2.1.2", "岗位层级安全职责",
    "004-9.1.2", "另一编号",
    NULL,
  };

  assert_parse (text, "004-", expected);
}

/* Chinese numerals up to 九十九, and articles numbered in them. */
static void
test_chinese_numerals (void)
{
  const char *text =
    "第十一条 十一条的正文。\n"
    "第二十条 二十条的正文。\n"
    "第九十九条 九十九条的正文。\n"
    "第一百零一条 一百零一条的正文。\n"
    "十、第十部分\n"
    "十一、第十一部分\n"
    "二十一、第二十一部分\n"
    "九十九、第九十九部分\n"
    "（一）第一项\n";
  const char *expected[] = {
    "11", "十一条的正文。",
    "20", "二十条的正文。",
    "99", "九十九条的正文。",
    "101", "一百零一条的正文。",
    "101.10", "第十部分",
    "101.11", "第十一部分",
    "101.21", "第二十一部分",
    "101.99", "第九十九部分",
    "101.99.1", "第一项",
    NULL,
  };

  assert_parse (text, NULL, expected);
}

/* Full-width digits, dots and brackets, Arabic in full-width brackets,
 * right brackets and the "、" separator. */
static void
test_full_width (void)
{
  const char *text =
    "１．建立保密工作责任制\n"
    "（１）明确各部门保密责任\n"
    "（２）签订保密责任书\n"
    "２、开展保密教育培训\n"
    "1）新员工入职培训\n"
    "2）在岗人员年度复训\n"
    "３．落实保密检查\n";
  const char *expected[] = {
    "1", "建立保密工作责任制",
    "1.1", "明确各部门保密责任",
    "1.2", "签订保密责任书",
    "2", "开展保密教育培训",
    "2.1", "新员工入职培训",
    "2.2", "在岗人员年度复训",
    "3", "落实保密检查",
    NULL,
  };

  assert_parse (text, NULL, expected);
}

/* Circled numerals, letters and bullets number in order; "e.g." is no
 * letter, a minus sign no bullet, a year no number. */
static void
test_circled_letters_bullets (void)
{
  const char *text =
    "1.确立总体目标\n"
    "a.预防为主：从源头把控风险；\n"
    "b.严格管理：对保密制度、流程、措施执行严格管理；\n"
    "2.实操细节\n"
    "- 在电脑和手机上安装防病毒软件，防止信息被非法获取。\n"
    "- 对敏感文件进行加密，并且只允许有权限的人访问。\n"
    "-5% 的预算用于培训\n"
    "3.信息采集\n"
    "①采集前告知用途；\n"
    "②获取客户授权；\n"
    "2023年起执行\n"
    "e.g. 客户姓名\n";
  const char *expected[] = {
    "1", "确立总体目标",
    "1.1", "预防为主：从源头把控风险。",
    "1.2", "严格管理：对保密制度、流程、措施执行严格管理。",
    "2", "实操细节",
    "2.1", "在电脑和手机上安装防病毒软件，防止信息被非法获取。",
    "2.2", "对敏感文件进行加密，并且只允许有权限的人访问。-5% 的预算用于培训",
    "3", "信息采集",
    "3.1", "采集前告知用途。",
    /* Only the end of an item ends a sentence. */
    "3.2", "获取客户授权；2023年起执行e.g. 客户姓名",
    NULL,
  };

  assert_parse (text, NULL, expected);
}

/* Chapters number nothing themselves, end the item before them, and do not
 * break the numbering of articles; traditional characters work too. */
static void
test_chapters (void)
{
  const char *text =
    "總則\n"
    "第1條 為了加強網絡安全組織及職責的統一管理，特制定本規定。\n"
    "第一章  網絡安全組織機構\n"
    "本章規定組織機構。\n"
    "第2條 建立網絡安全領導小組。\n"
    "第二章 附則\n"
    "第3條 本制度自發布之日起執行。\n";
  const char *expected[] = {
    "1", "為了加強網絡安全組織及職責的統一管理，特制定本規定。",
    "2", "建立網絡安全領導小組。",
    "3", "本制度自發布之日起執行。",
    NULL,
  };

  assert_parse (text, NULL, expected);
}

/* Chapters with their own "1." lists keep the codes apart. */
static void
test_chapter_lists (void)
{
  const char *text =
    "第一章 年度保密工作总体目标\n"
    "1.确立总体目标\n"
    "2.制定保密方针\n"
    "第二章 保密制度的建设与执行\n"
    "保密制度是保密工作的基石。\n"
    "1.制定明确的保密规定\n"
    "2.制定保密制度执行流程\n";
  const char *expected[] = {
    "1.1", "确立总体目标",
    "1.2", "制定保密方针",
    "2.1", "制定明确的保密规定",
    "2.2", "制定保密制度执行流程",
    NULL,
  };

  assert_parse (text, NULL, expected);
}

/* A number written twice (a typo in 001) is counted on; an absolute number
 * met twice gets a suffix. Codes never repeat. */
static void
test_unique_codes (void)
{
  const char *text =
    "(4)负责控制信息化项目预算。\n"
    "(5)负责集团信息化项目关键控制点的监督、控制和风险评价;\n"
    "(5)负责组织集团的信息安全工作,持续加强集团的信息安全管理。\n"
    "(6)组织对集团计算机及周边设备的维护。\n"
    "9.1 甲\n"
    "9.1 乙\n";
  const char *expected[] = {
    "4", NULL,
    "5", NULL,
    "6", "负责组织集团的信息安全工作,持续加强集团的信息安全管理。",
    "7", "组织对集团计算机及周边设备的维护。",
    "9.1", "甲",
    "9.1-2", "乙",
    NULL,
  };

  assert_parse (text, NULL, expected);
}

/* Latin text joins lines with a space; old Mac line ends split lines. */
static void
test_latin_and_line_ends (void)
{
  const char *text =
    "Preamble that is ignored.\r"
    "1. Review the security policy\r"
    "every year and report\r\n"
    "to the board;\n"
    "2. Keep the records.";
  const char *expected[] = {
    "1", "Review the security policy every year and report to the board.",
    "2", "Keep the records.",
    NULL,
  };

  assert_parse (text, NULL, expected);
}

static void
test_nothing_numbered (void)
{
  const char *empty[] = { NULL };

  assert_parse ("", "003-", empty);
  assert_parse ("\n\n\r\n  \u3000\n", "003-", empty);
  assert_parse ("保密工作不是一劳永逸的，它需要持续的监督和改进。\n"
                "2023年度计划\n"
                "一是加强领导，二是完善制度。\n", "003-", empty);
  /* A number alone, with no text, is no duty. */
  assert_parse ("一、\n（一）\n1.\n", NULL, empty);
  /* Not UTF-8. */
  assert_parse ("1. \xff\xfe bad", NULL, empty);
}

/* The parse is a pure function: the same text twice gives the same result. */
static void
test_repeatable (void)
{
  const char *text = "第9条 甲：\n1. 乙；\n1. 丙。\n";
  g_autoptr(GPtrArray) first = sd_duty_paste_parse (text, "x-");
  g_autoptr(GPtrArray) second = sd_duty_paste_parse (text, "x-");

  g_assert_cmpuint (first->len, ==, 3);
  g_assert_cmpuint (second->len, ==, first->len);
  for (guint i = 0; i < first->len; i++)
    {
      SdPastedDuty *a = first->pdata[i], *b = second->pdata[i];

      g_assert_cmpstr (a->code, ==, b->code);
      g_assert_cmpstr (a->text, ==, b->text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/duty-paste/article-repeated-numbers", test_article_with_repeated_numbers);
  g_test_add_func ("/duty-paste/chinese-article-items", test_chinese_article_items);
  g_test_add_func ("/duty-paste/same-style-nested", test_same_style_nested);
  g_test_add_func ("/duty-paste/department-duties", test_department_duties);
  g_test_add_func ("/duty-paste/decimal-numbers", test_decimal_numbers);
  g_test_add_func ("/duty-paste/chinese-numerals", test_chinese_numerals);
  g_test_add_func ("/duty-paste/full-width", test_full_width);
  g_test_add_func ("/duty-paste/circled-letters-bullets", test_circled_letters_bullets);
  g_test_add_func ("/duty-paste/chapters", test_chapters);
  g_test_add_func ("/duty-paste/chapter-lists", test_chapter_lists);
  g_test_add_func ("/duty-paste/unique-codes", test_unique_codes);
  g_test_add_func ("/duty-paste/latin-and-line-ends", test_latin_and_line_ends);
  g_test_add_func ("/duty-paste/nothing-numbered", test_nothing_numbered);
  g_test_add_func ("/duty-paste/repeatable", test_repeatable);

  return g_test_run ();
}
