/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

/*
 * sd-generate writes a database for the benchmarks: the shipped demo data
 * (small), or a made-up organisation of a given size (large, huge) with
 * Chinese content varied enough that search, sorting and the rule checks
 * behave as they would on real data.
 *
 * Everything goes through the store's public API, so the databases carry
 * an audit log like the app's own and the write path itself is measured.
 * The same seed gives the same content (the audit times differ).
 */

#define G_LOG_DOMAIN "sd-generate"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "sd-demo.h"

#include "sd-assignment.h"
#include "sd-body.h"
#include "sd-body-member.h"
#include "sd-duty.h"
#include "sd-person.h"
#include "sd-plan.h"
#include "sd-plan-stream.h"
#include "sd-plan-task.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-risk.h"
#include "sd-risk-category.h"
#include "sd-unit.h"

/* Commits this often: bounds the write-ahead log and the transaction. */
#define BATCH_SIZE 2000

/* "Today" as the demo data sees it: plan statuses and overdue reviews
 * are relative to it, so that the output does not depend on the clock. */
#define TODAY_YEAR  2026
#define TODAY_MONTH 11
#define TODAY_DAY   21
#define PLAN_YEAR   2026

#define EXIT_USAGE 2

/* Holders of one liaison post at most (the largest departments). */
#define MAX_LIAISONS 12

#define PICK(gen, array) ((array)[g_rand_int_range ((gen)->rand, 0, G_N_ELEMENTS (array))])

typedef struct
{
  int units;
  int people;
  int posts;
  int duties;
  int risks;
  int tasks;
} Sizes;

static const Sizes large_sizes = { 200, 5000, 100, 10000, 5000, 2000 };

typedef struct
{
  const char *name;
  const char *kind;
  int         parent;        /* index into Gen.units, -1 for the company */
  int         staff;
  int         weight;        /* share of the generated people */
  guint       first_person;  /* its own people, contiguous in Gen.person_ids */
  guint       n_people;
  guint       first_member;  /* its own and its sections' people, also contiguous */
  guint       n_members;
  gint64      id;
} Unit;

typedef struct
{
  const char *name;
  const char *post_type;
  int         unit;          /* -1: organisation-wide */
  gint64      id;
  int         holders[MAX_LIAISONS + 1];  /* people, the primary first */
  int         n_holders;
} Post;

typedef struct
{
  const char *name;
  gint64      id;
} Body;

/* The party an assignment names: exactly one of post, unit or body. */
typedef enum { PARTY_POST, PARTY_UNIT, PARTY_BODY } PartyKind;

typedef struct
{
  PartyKind kind;
  int       index;
} Party;

typedef struct
{
  SdStore      *store;
  GRand        *rand;
  Sizes         sizes;
  GStringChunk *strings;     /* names shared by the plans below */

  gboolean      in_batch;    /* between sd_store_begin() and its commit */
  guint         pending;     /* writes since the last commit */
  guint         n_writes;    /* each is one audit entry too */
  const char   *phase;       /* the table being written, for messages */
  gint64        phase_start;
  guint         phase_writes;

  GArray       *units;       /* Unit; [0] the company, then departments, then sections */
  guint         n_departments;
  gint64       *person_ids;
  gboolean     *person_full_time;
  GArray       *posts;       /* Post */
  GArray       *bodies;      /* Body */
  gint64       *duty_ids;
  int          *duty_area;   /* index into areas */
  GArray       *areas;       /* Party: who the area's duties belong to */
  gint64        categories[3];
} Gen;

/* Vocabulary */

static const char * const surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
  "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
  "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
  "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
  "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹",
  "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵",
  "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤", "欧阳", "司马", "上官", "诸葛",
};

static const char * const given_chars[] = {
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
  "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "萍", "鹏", "辉", "建",
  "国", "志", "红", "文", "宇", "浩", "凯", "婷", "雪", "琳", "晨", "阳", "晓", "燕", "斌",
  "波", "宁", "飞", "鑫", "颖", "佳", "欣", "怡", "子", "轩", "梓", "涵", "思", "雨", "嘉",
  "博", "俊", "峰", "海", "龙", "林", "东", "亮", "云", "春", "梅", "丹", "慧", "倩", "瑶",
  "悦", "琪", "宏", "毅", "成", "德", "松", "立", "新", "安", "昊", "然", "泽", "天", "一",
  "帆", "航", "睿", "铭", "远", "恒", "诚", "彬", "瑞", "翔", "锋", "健", "永", "胜", "庆",
  "晶", "莉", "蕾", "薇", "婧", "璐", "茜", "岚", "蓉", "凤", "振", "家", "世", "光", "荣",
};

static const char * const company_names[] = {
  "华信", "中联", "远航", "恒通", "泰和", "鼎盛", "启明", "天成", "宏远", "东方瑞达",
};

static const char * const company_suffixes[] = { "集团有限公司", "控股集团有限公司" };

/* The first two departments are always these: the security posts live there. */
static const struct { const char *function; const char *suffix; } functions[] = {
  { "网络安全管理", "部" }, { "信息技术", "部" }, { "营销", "部" }, { "财务", "部" },
  { "人力资源", "部" }, { "法务", "部" }, { "行政", "部" }, { "审计", "部" },
  { "生产", "部" }, { "质量管理", "部" }, { "采购", "部" }, { "研发", "中心" },
  { "物流", "中心" }, { "客户服务", "中心" }, { "战略发展", "部" }, { "投资管理", "部" },
  { "安全环保", "部" }, { "工程管理", "部" }, { "设备管理", "部" }, { "品牌推广", "部" },
  { "数据管理", "中心" }, { "风险控制", "部" }, { "合规管理", "部" }, { "党群工作", "部" },
  { "后勤保障", "中心" }, { "保密", "办公室" },
};

static const char * const regions[] = {
  "华东", "华南", "华北", "华中", "西南", "西北", "东北", "北方", "南方", "海外",
  "长三角", "珠三角", "京津冀", "成渝",
};

static const char * const regional_functions[] = {
  "营销", "客户服务", "物流", "生产", "工程", "售后服务", "运营",
};

static const char * const regional_suffixes[] = { "中心", "部", "分部" };

static const char * const section_topics[] = {
  "综合", "计划", "运维", "网络", "系统", "数据分析", "档案", "合同", "结算", "预算",
  "税务", "招聘", "培训", "薪酬", "安全监察", "质量检测", "工艺", "设备维护", "仓储", "运输",
  "客户关系", "市场策划", "区域销售", "产品", "测试", "平台", "应用开发", "机房", "信息安全",
  "保密", "文秘", "采购执行", "供应商管理", "法律事务", "合规审查", "内审", "风险管理",
  "品牌宣传", "舆情监测", "外联",
};

static const char * const section_suffixes[] = { "科", "组", "组", "室" };

static const char * const ordinals[] = {
  "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
};

static const char * const executive_titles[] = {
  "总经理", "常务副总裁", "技术总监", "财务总监", "副总经理", "首席信息官", "董事会秘书",
  "总经理助理", "副总经理", "总裁办主任",
};

static const char * const job_titles[] = {
  "工程师", "高级工程师", "助理工程师", "专员", "高级专员", "主管", "助理", "分析师",
  "会计", "出纳", "销售代表", "客户经理", "系统管理员", "网络工程师", "安全工程师", "文员",
  "技术员", "质检员", "采购员", "法务专员", "培训主管", "数据分析师", "软件开发工程师",
  "测试工程师", "运维工程师", "项目经理", "产品经理", "档案管理员", "行政主管", "审计师",
};

typedef struct
{
  const char *post_type;
  const char *names[3];
  double      key_post;      /* chance of being a key post */
  double      full_time;     /* chance of requiring a full-time holder */
} PostKind;

static const PostKind post_kinds[] = {
  { "security-director", { "安全主管", NULL }, 0.0, 0.0 },
  { "security-admin", { "安全管理员", "信息安全管理员", NULL }, 0.9, 0.9 },
  { "security-auditor", { "安全审计员", NULL }, 0.9, 0.5 },
  { "network-admin", { "网络管理员", NULL }, 0.9, 0.1 },
  { "system-admin", { "系统管理员", "数据库管理员", NULL }, 0.9, 0.1 },
  { "machine-room-admin", { "机房管理员", NULL }, 0.3, 0.0 },
  { "security-liaison", { "部门网络安全员", "网络安全联络员", NULL }, 0.0, 0.0 },
};

enum {
  KIND_DIRECTOR, KIND_ADMIN, KIND_AUDITOR, KIND_NETWORK, KIND_SYSTEM, KIND_ROOM, KIND_LIAISON,
  KIND_OTHER,
};

static const char * const other_post_names[] = {
  "数据安全专员", "保密员", "档案管理员", "信息管理员", "软件开发员", "系统维护员",
  "应用运维工程师", "终端安全管理员", "密码管理员", "涉密载体管理员", "安全培训专员",
  "合规专员", "风险管理专员", "应急值守员", "业务连续性管理员", "供应商安全管理员",
  "个人信息保护专员", "安全专员", "物料管理员", "门禁管理员",
};

static const char * const organisation_posts[] = {
  "首席信息安全官", "保密委员会办公室主任", "数据保护官",
};

static const char * const post_descriptions[] = {
  "负责本单位网络安全日常工作的组织与落实",
  "承担信息系统安全运维和安全策略配置",
  "负责涉密文件、载体的登记、保管和销毁",
  "配合开展安全检查、安全审计和问题整改",
  "负责员工安全意识教育和岗位安全培训",
  "负责安全事件的发现、报告和初步处置",
  "负责数据备份、恢复演练和备份介质管理",
  "负责访问权限的申请审核和定期复核",
};

static const char * const prefixes[] = {
  "定期", "每季度", "每年", "按照上级要求", "在网络安全领导小组领导下", "会同人力资源部门",
  "结合业务实际", "根据等级保护要求", "按月", "在重大活动期间", "对新建信息系统",
  "对外包和第三方人员", "在安全主管授权下", "按照年度计划",
};

/* Verbs of doing take "工作"; verbs of writing rules take a document. */
static const char * const work_verbs[] = {
  "负责", "组织", "监督", "落实", "牵头", "协调", "检查", "督促", "配合", "开展", "推动",
  "指导", "跟踪", "组织实施", "统筹",
};

static const char * const work_suffixes[] = { "工作", "工作", "工作", "各项工作", "相关工作" };

static const char * const document_verbs[] = {
  "制定", "建立", "完善", "审核", "审定", "修订", "编制", "更新",
};

static const char * const document_suffixes[] = {
  "制度", "台账", "流程", "方案", "规范", "机制", "计划", "管理办法", "实施细则",
};

static const char * const objects[] = {
  "本单位网络安全", "数据分类分级", "保密检查", "应急演练", "漏洞扫描", "日志审计",
  "涉密载体管理", "访问权限审批", "客户信息保护", "机房巡检", "安全培训", "外包人员安全管理",
  "供应商安全评估", "个人信息影响评估", "安全事件处置", "终端安全防护", "密码管理",
  "数据备份与恢复", "等级保护测评", "安全基线配置", "系统变更管理", "网络边界防护",
  "病毒防范", "移动介质管理", "办公区域保密", "重要数据出境评估", "账号口令管理",
  "安全责任书签订", "保密承诺书签署", "网络安全宣传", "营销活动现场安全", "商业秘密保护",
  "信息系统上线安全评审", "安全风险评估", "舆情监测", "数据脱敏", "源代码安全管理",
  "远程办公安全", "门禁与监控", "消防与用电安全", "安全绩效考核", "涉密人员管理",
};

static const char * const tails[] = {
  "，并按季度向网络安全工作组报告", "，确保问题按期整改到位", "，形成书面记录并存档备查",
  "，及时发现和处置安全隐患", "，重大事项报领导小组审定", "，每年不少于两次",
  "，确保责任落实到岗到人", "，发现问题及时上报", "，相关记录保存不少于六个月",
  "，对整改情况进行复查", "，并纳入年度绩效考核", "，保障业务连续稳定运行",
  "，防止敏感信息泄露",
};

static const char * const documents[] = {
  "《网络安全责任制实施办法》", "《网络安全组织及职责管理规定》", "《保密工作管理制度》",
  "《数据安全管理办法》", "《个人信息保护管理规定》", "《信息系统运维安全管理规范》",
  "《机房安全管理制度》", "《网络安全事件应急预案》", "《涉密人员管理办法》",
  "《商业秘密保护规定》", "《安全生产责任制》", "《信息化项目安全管理办法》",
  "《营销部安全管理制度》", "《各部门信息安全管理职责和流程及岗位职责》",
};

/* Risks, by category: what is at risk and what may happen to it. */
static const char * const personal_subjects[] = {
  "展会现场", "生产车间", "数据中心机房", "总部办公楼", "物流仓库", "营销活动现场",
  "员工宿舍", "培训中心", "地下停车场", "区域门店", "施工现场", "员工食堂",
};

static const char * const personal_events[] = {
  "发生火灾造成人员伤亡", "人群拥挤踩踏", "作业人员触电", "高空坠物伤人", "突发治安事件",
  "人员中暑或突发疾病", "设备倾倒伤人", "消防通道堵塞延误疏散", "外来人员冲突",
  "值守人员突发疾病无人发现",
};

static const char * const data_subjects[] = {
  "客户信息", "员工个人信息", "财务报表", "产品配方", "源代码", "合同文本", "投标文件",
  "营销数据", "核心数据库", "备份数据", "涉密文件", "用户登录凭证", "采购价格信息",
  "审计报告草稿",
};

static const char * const data_events[] = {
  "通过邮件外发泄露", "被内部人员违规拷贝", "在传输过程中被截获", "因权限配置错误被越权访问",
  "遭勒索软件加密", "在网盘公开分享", "随移动介质丢失", "被第三方违规留存",
  "未脱敏用于测试环境", "被离职员工带走", "打印后未及时取走", "在即时通讯群中转发",
};

static const char * const operational_subjects[] = {
  "核心业务系统", "ERP系统", "门户网站", "邮件系统", "办公网络", "VPN接入服务", "域名解析",
  "供应链平台", "电子签章系统", "视频会议系统", "生产控制系统", "备份系统", "统一身份认证",
};

static const char * const operational_events[] = {
  "遭拒绝服务攻击中断服务", "因市电中断停运", "补丁未及时更新被入侵", "配置变更失误导致故障",
  "外包运维人员违规操作", "硬件故障且无冗余", "证书过期无法访问", "遭网页篡改",
  "供应商停止服务", "感染恶意代码", "日志未留存无法追溯",
};

static const char * const causes[] = {
  "安全意识不足，制度执行不到位", "技术防护措施缺失或配置不当", "岗位职责不清，监督检查不足",
  "第三方人员管理不严", "应急预案未演练，处置能力不足", "设备老化，维护保养不及时",
  "权限分配过宽且长期未复核", "人员流动频繁，交接手续不全",
};

static const char * const consequences[] = {
  "业务中断，影响客户服务", "造成经济损失并可能被监管部门处罚", "公司声誉受损",
  "人员伤亡，承担法律责任", "商业秘密泄露，竞争优势丧失", "客户投诉及合同违约",
  "个人信息泄露，面临诉讼和赔偿",
};

static const char * const measures[] = {
  "完善管理制度并定期培训", "部署数据防泄漏系统", "实行最小权限并按季度复核",
  "建立双人复核机制", "每半年开展一次应急演练", "加密存储和传输敏感数据",
  "签订保密协议并明确违约责任", "安装监控并专人巡查", "建立异地备份并定期恢复验证",
  "关键设备双路供电", "对外包人员实行陪同和审计",
};

static const char * const stream_names[] = {
  "宣传培训", "制度建设", "责任落实", "风险评估", "监督检查", "技术手段", "应急预案",
  "数据安全",
};

/* Task titles for each of the streams above. */
static const char * const stream_tasks[][8] = {
  { "组织新入职员工保密培训", "开展网络安全宣传周活动", "制作保密手册和宣传海报",
    "组织保密知识考核", "开展钓鱼邮件识别演练", "推送保密知识提醒", "组织涉密人员专题培训",
    "开展个人信息保护宣贯" },
  { "修订保密工作管理制度", "编制数据分类分级指南", "明确商业秘密范围和密级",
    "完善访问权限审批流程", "制定移动介质管理细则", "修订外包人员安全管理规定",
    "编制保密制度执行手册", "更新安全基线配置规范" },
  { "签订年度网络安全责任书", "组织员工签署保密承诺书", "核定各部门网络安全员",
    "更新岗位安全职责说明", "开展安全绩效考核", "复核关键岗位人员配备",
    "落实离职人员保密交接", "调整领导小组成员" },
  { "开展年度安全风险评估", "更新风险登记册", "评估供应商安全风险", "开展个人信息影响评估",
    "复评重大风险处置效果", "识别新增业务安全风险", "组织风险研判会", "评估数据出境风险" },
  { "开展季度保密自查", "组织部门保密抽查", "开展机房安全专项检查", "跟踪检查问题整改",
    "开展涉密载体清查", "组织内部安全审计", "检查办公区域保密措施", "复查上年度整改事项" },
  { "部署数据防泄漏系统", "升级终端安全防护软件", "完成漏洞扫描与修复", "建设日志审计平台",
    "实施邮件加密", "部署网络准入控制", "完善备份系统", "上线统一身份认证" },
  { "修订网络安全事件应急预案", "组织年度应急演练", "开展勒索病毒应急演练",
    "完善应急通讯录", "组织机房断电演练", "总结演练并改进预案", "开展数据恢复演练",
    "组织泄密事件处置演练" },
  { "梳理重要数据目录", "开展数据脱敏改造", "清理过期客户数据", "检查数据共享协议",
    "落实数据分级保护措施", "开展数据安全检查", "完善数据备份策略", "评估数据接口安全" },
};

static const char * const evidence_kinds[] = {
  "签到表及照片", "检查报告", "整改台账", "会议纪要", "培训课件及考试成绩", "制度发文",
  "演练总结报告", "系统截图及验收单",
};

/* Helpers */

static int
range (Gen *gen,
       int  lo,
       int  hi)
{
  return g_rand_int_range (gen->rand, lo, hi + 1);
}

static gboolean
chance (Gen    *gen,
        double  p)
{
  return g_rand_double (gen->rand) < p;
}

static Unit *
unit_at (Gen *gen,
         int  index)
{
  return &g_array_index (gen->units, Unit, index);
}

static gint64
unit_id (Gen *gen,
         int  index)
{
  return index >= 0 ? unit_at (gen, index)->id : 0;
}

static gint64
person_id (Gen *gen,
           int  index)
{
  return index >= 0 ? gen->person_ids[index] : 0;
}

/* A person of @unit, or -1 if it has none. */
static int
person_of (Gen *gen,
           int  unit)
{
  Unit *u;

  if (unit < 0)
    return -1;
  u = unit_at (gen, unit);
  if (u->n_people == 0)
    return -1;
  return u->first_person + g_rand_int_range (gen->rand, 0, u->n_people);
}

/* Anyone of @unit or of its sections, or -1. */
static int
member_of (Gen *gen,
           int  unit)
{
  Unit *u;

  if (unit < 0)
    return -1;
  u = unit_at (gen, unit);
  if (u->n_members == 0)
    return -1;
  return u->first_member + g_rand_int_range (gen->rand, 0, u->n_members);
}

/* The unit's first person is its head. */
static int
head_of (Gen *gen,
         int  unit)
{
  Unit *u = unit_at (gen, unit);

  return u->n_people > 0 ? (int) u->first_person : -1;
}

static int
any_person (Gen *gen)
{
  return gen->sizes.people > 0 ? g_rand_int_range (gen->rand, 0, gen->sizes.people) : -1;
}

/* A department or section, never the company itself. */
static int
any_unit (Gen *gen)
{
  return gen->units->len > 1 ? g_rand_int_range (gen->rand, 1, gen->units->len) : 0;
}

static int
any_department (Gen *gen)
{
  return gen->n_departments > 0 ? g_rand_int_range (gen->rand, 1, gen->n_departments + 1) : 0;
}

/* C leaves open the order in which a call's arguments are evaluated, and
 * the output must not depend on the compiler: callers take every random
 * pick but the last into a local first, then join. */
static char *
join2 (const char *a,
       const char *b)
{
  return g_strconcat (a, b, NULL);
}

static int
middle_heavy (Gen *gen)
{
  int a = range (gen, 1, 5);
  int b = range (gen, 1, 5);

  return (a + b + 1) / 2;
}

/* @value lowered by up to @max_steps, not below 1. */
static int
lower (Gen *gen,
       int  value,
       int  max_steps)
{
  int steps = range (gen, 0, max_steps);

  return MAX (value - steps, 1);
}

static char *
random_date (Gen *gen,
             int  first_year,
             int  last_year)
{
  int year = range (gen, first_year, last_year);
  int month = range (gen, 1, 12);
  int day = range (gen, 1, 28);

  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

static char *
today_plus (int days)
{
  g_autoptr(GDate) date = g_date_new_dmy (TODAY_DAY, TODAY_MONTH, TODAY_YEAR);
  char buf[16];

  if (days >= 0)
    g_date_add_days (date, days);
  else
    g_date_subtract_days (date, -days);
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", date);
  return g_strdup (buf);
}

/* Batches and phases */

/* Counts a write, committing every BATCH_SIZE writes. @written is FALSE
 * when the write itself failed (and set @error). */
static gboolean
step (Gen      *gen,
      gboolean  written,
      GError  **error)
{
  if (!written)
    return FALSE;

  gen->n_writes++;
  gen->phase_writes++;
  if (++gen->pending < BATCH_SIZE)
    return TRUE;

  /* A failed commit has rolled the batch back already. */
  gen->pending = 0;
  gen->in_batch = FALSE;
  if (!sd_store_commit (gen->store, error) || !sd_store_begin (gen->store, error))
    return FALSE;
  gen->in_batch = TRUE;
  return TRUE;
}

static void
phase_begin (Gen        *gen,
             const char *what)
{
  gen->phase = what;
  gen->phase_start = g_get_monotonic_time ();
  gen->phase_writes = 0;
}

static void
phase_end (Gen *gen)
{
  double seconds = (g_get_monotonic_time () - gen->phase_start) / 1e6;

  g_print ("%-16s %8u rows %8.2f s %8.1f us/row\n", gen->phase, gen->phase_writes, seconds,
           gen->phase_writes > 0 ? seconds * 1e6 / gen->phase_writes : 0.0);
}

/* Units */

static gboolean
name_is_free (GHashTable *used,
              int         parent,
              const char *name)
{
  g_autofree char *key = g_strdup_printf ("%d/%s", parent, name);

  if (g_hash_table_contains (used, key))
    return FALSE;
  g_hash_table_add (used, g_steal_pointer (&key));
  return TRUE;
}

static const char *
department_name (Gen        *gen,
                 GHashTable *used,
                 guint       index)
{
  g_autofree char *name = NULL;

  /* The plain functions first (in a shuffled order after the first two),
   * then regional branches. */
  if (index < G_N_ELEMENTS (functions))
    {
      name = g_strconcat (functions[index].function, functions[index].suffix, NULL);
      if (name_is_free (used, 0, name))
        return g_string_chunk_insert (gen->strings, name);
      g_clear_pointer (&name, g_free);
    }

  for (guint tries = 0; tries < 50; tries++)
    {
      const char *region = PICK (gen, regions);
      const char *function = PICK (gen, regional_functions);
      const char *suffix = PICK (gen, regional_suffixes);

      g_free (name);
      name = g_strconcat (region, function, suffix, NULL);
      if (name_is_free (used, 0, name))
        return g_string_chunk_insert (gen->strings, name);
    }

  /* Only for sizes far beyond the presets: number them. */
  for (guint n = 2;; n++)
    {
      const char *region = PICK (gen, regions);
      const char *function = PICK (gen, regional_functions);

      g_free (name);
      name = g_strdup_printf ("%s%s第%u中心", region, function, n);
      if (name_is_free (used, 0, name))
        return g_string_chunk_insert (gen->strings, name);
    }
}

static const char *
section_name (Gen        *gen,
              GHashTable *used,
              int         parent)
{
  g_autofree char *name = NULL;

  for (guint tries = 0; tries < 30; tries++)
    {
      const char *topic = PICK (gen, section_topics);

      g_free (name);
      name = join2 (topic, PICK (gen, section_suffixes));
      if (name_is_free (used, parent, name))
        return g_string_chunk_insert (gen->strings, name);
    }

  /* A crowded department numbers its groups: 区域销售三组. */
  for (guint n = 0;; n++)
    {
      g_free (name);
      if (n < G_N_ELEMENTS (ordinals) * 4)
        name = g_strconcat (PICK (gen, section_topics), ordinals[n % G_N_ELEMENTS (ordinals)],
                            "组", NULL);
      else
        name = g_strdup_printf ("%s%u组", PICK (gen, section_topics), n);
      if (name_is_free (used, parent, name))
        return g_string_chunk_insert (gen->strings, name);
    }
}

/* Lays out the tree in memory first: the company's staff count is the
 * sum of its departments', which must be known before it is written. */
static void
plan_units (Gen *gen)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int n_units = gen->sizes.units;
  guint n_departments, n_sections;
  guint order[G_N_ELEMENTS (functions)];
  Unit company = { 0 };
  int total = 0;

  /* About √(3 (n − 1)) departments: 24 of 200 units, 77 of 2000; never
   * more than n − 1, and at least one when there is room for it. */
  n_departments = 0;
  while ((n_departments + 1) * (n_departments + 1) <= 3 * (guint) (n_units - 1))
    n_departments++;
  n_sections = n_units - 1 - n_departments;
  gen->n_departments = n_departments;

  {
    const char *first = PICK (gen, company_names);
    g_autofree char *name = join2 (first, PICK (gen, company_suffixes));

    company.name = g_string_chunk_insert (gen->strings, name);
  }
  company.kind = "company";
  company.parent = -1;
  company.weight = 12;
  g_array_append_val (gen->units, company);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    order[i] = i;
  for (guint i = G_N_ELEMENTS (order) - 1; i > 2; i--)
    {
      guint j = g_rand_int_range (gen->rand, 2, i + 1);
      guint t = order[i];

      order[i] = order[j];
      order[j] = t;
    }

  for (guint d = 0; d < n_departments; d++)
    {
      Unit unit = { 0 };

      unit.name = department_name (gen, used,
                                   d < G_N_ELEMENTS (order) ? order[d] : G_N_ELEMENTS (order));
      unit.kind = "department";
      unit.parent = 0;
      g_array_append_val (gen->units, unit);
    }

  /* Sections land in departments at random: some departments have many,
   * some none, as in real organisations. */
  for (guint s = 0; s < n_sections; s++)
    {
      Unit unit = { 0 };

      unit.parent = 1 + g_rand_int_range (gen->rand, 0, n_departments);
      unit.name = section_name (gen, used, unit.parent);
      unit.kind = "section";
      unit.staff = range (gen, 5, 40);
      unit.weight = unit.staff;
      g_array_append_val (gen->units, unit);
      unit_at (gen, unit.parent)->staff += unit.staff;
    }

  for (guint d = 1; d <= n_departments; d++)
    {
      Unit *unit = unit_at (gen, d);

      /* A department with sections has a small office of its own; its
       * staff count includes its sections', whatever their number. */
      if (unit->staff > 0)
        {
          unit->weight = range (gen, 3, 15);
          unit->staff += unit->weight;
        }
      else
        {
          unit->staff = range (gen, 12, 150);
          unit->weight = unit->staff;
        }
      total += unit->staff;
    }
  unit_at (gen, 0)->staff = total + range (gen, 10, 40);
}

static gboolean
write_units (Gen     *gen,
             GError **error)
{
  phase_begin (gen, "units");
  for (guint i = 0; i < gen->units->len; i++)
    {
      Unit *unit = unit_at (gen, i);
      gpointer item;

      item = sd_store_insert (gen->store, SD_TYPE_UNIT, error,
                              "name", unit->name,
                              "kind", unit->kind,
                              "parent-id", unit_id (gen, unit->parent),
                              "staff-count", unit->staff,
                              "position", (int) i,
                              NULL);
      if (!step (gen, item != NULL, error))
        return FALSE;
      unit->id = sd_item_get_id (item);
    }
  phase_end (gen);
  return TRUE;
}

/* People */

/* Everyone belongs to a unit, one at least per unit while there are
 * people enough, the rest in proportion to the units' weights. Picking
 * "someone of this unit" is then picking from a range of Gen.person_ids. */
static void
allocate_people (Gen *gen)
{
  guint n_people = gen->sizes.people;
  guint n_units = gen->units->len;
  g_autofree guint *next = g_new0 (guint, n_units);
  guint64 total_weight = 0;
  guint given = 0, first = 0;

  for (guint i = 0; i < n_units; i++)
    total_weight += unit_at (gen, i)->weight;

  for (guint i = 0; i < n_units; i++)
    {
      Unit *unit = unit_at (gen, i);
      guint base = n_people >= n_units ? 1 : 0;
      guint rest = n_people >= n_units ? n_people - n_units : 0;

      unit->n_people = base + (guint) (rest * (guint64) unit->weight / MAX (total_weight, 1));
      given += unit->n_people;
    }
  while (given < n_people)
    {
      unit_at (gen, g_rand_int_range (gen->rand, 0, n_units))->n_people++;
      given++;
    }

  /* The ranges in tree order: the company, then each department followed
   * by its sections, so that a department's whole staff is a range too. */
  for (guint i = 0; i < n_units; i++)
    unit_at (gen, i)->n_members = unit_at (gen, i)->n_people;
  for (guint i = gen->n_departments + 1; i < n_units; i++)
    unit_at (gen, unit_at (gen, i)->parent)->n_members += unit_at (gen, i)->n_people;
  unit_at (gen, 0)->n_members = n_people;

  first = unit_at (gen, 0)->n_people;
  for (guint d = 1; d <= gen->n_departments; d++)
    {
      Unit *unit = unit_at (gen, d);

      unit->first_person = unit->first_member = first;
      next[d] = first + unit->n_people;
      first += unit->n_members;
    }
  for (guint i = gen->n_departments + 1; i < n_units; i++)
    {
      Unit *unit = unit_at (gen, i);

      unit->first_person = unit->first_member = next[unit->parent];
      next[unit->parent] += unit->n_people;
    }
}

static char *
person_name (Gen *gen)
{
  GString *name = g_string_new (PICK (gen, surnames));

  g_string_append (name, PICK (gen, given_chars));
  if (chance (gen, 0.7))
    g_string_append (name, PICK (gen, given_chars));
  return g_string_free (name, FALSE);
}

static char *
head_title (Unit *unit)
{
  const char *title;

  if (g_str_has_suffix (unit->name, "部"))
    title = "部长";
  else if (g_str_has_suffix (unit->name, "科"))
    title = "科长";
  else if (g_str_has_suffix (unit->name, "组"))
    title = "组长";
  else
    title = "主任";
  return g_strconcat (unit->name, title, NULL);
}

static gboolean
write_people (Gen     *gen,
              GError **error)
{
  phase_begin (gen, "people");
  for (guint u = 0; u < gen->units->len; u++)
    {
      Unit *unit = unit_at (gen, u);

      for (guint k = 0; k < unit->n_people; k++)
        {
          guint p = unit->first_person + k;
          g_autofree char *name = person_name (gen);
          g_autofree char *title = NULL;
          gboolean full_time = chance (gen, 0.92);
          gboolean active = chance (gen, 0.96);
          gpointer item;

          if (u == 0)
            title = g_strdup (k < G_N_ELEMENTS (executive_titles) ? executive_titles[k]
                                                                   : PICK (gen, job_titles));
          else if (k == 0)
            title = head_title (unit);
          else
            title = g_strdup (PICK (gen, job_titles));

          /* Heads and executives work full time. */
          if (u == 0 || k == 0)
            full_time = TRUE;
          gen->person_full_time[p] = full_time;

          item = sd_store_insert (gen->store, SD_TYPE_PERSON, error,
                                  "name", name,
                                  "unit-id", unit->id,
                                  "job-title", title,
                                  "full-time", full_time,
                                  "active", k == 0 || active,
                                  NULL);
          if (!step (gen, item != NULL, error))
            return FALSE;
          gen->person_ids[p] = sd_item_get_id (item);
        }
    }
  phase_end (gen);

  /* Heads are people of their units, so they come after both. A few units
   * are left without one for the checks to find. */
  phase_begin (gen, "units (heads)");
  for (guint u = 0; u < gen->units->len; u++)
    {
      int head = head_of (gen, u);
      gpointer item;

      if (head < 0 || (u > 0 && chance (gen, 0.02)))
        continue;
      item = sd_store_lookup (gen->store, SD_TYPE_UNIT, unit_at (gen, u)->id);
      if (!step (gen, sd_store_update (gen->store, item, error,
                                       "head-id", gen->person_ids[head],
                                       NULL), error))
        return FALSE;
    }
  phase_end (gen);
  return TRUE;
}

/* Posts */

static void
add_post (Gen        *gen,
          int         kind,
          int         unit)
{
  Post post = { 0 };

  post.unit = unit;
  if (kind == KIND_OTHER)
    {
      post.post_type = "other";
      /* Some posts are the unit's own management posts. */
      if (unit > 0 && chance (gen, 0.15))
        {
          g_autofree char *name = g_strconcat (unit_at (gen, unit)->name, "负责人", NULL);
          post.name = g_string_chunk_insert_const (gen->strings, name);
        }
      else
        {
          post.name = PICK (gen, other_post_names);
        }
    }
  else
    {
      const PostKind *pk = &post_kinds[kind];
      guint n_names = 0;

      while (n_names < G_N_ELEMENTS (pk->names) && pk->names[n_names] != NULL)
        n_names++;
      post.post_type = pk->post_type;
      post.name = pk->names[g_rand_int_range (gen->rand, 0, n_names)];
    }
  g_array_append_val (gen->posts, post);
}

static int
kind_of (const Post *post)
{
  for (guint k = 0; k < G_N_ELEMENTS (post_kinds); k++)
    {
      if (g_str_equal (post->post_type, post_kinds[k].post_type))
        return k;
    }
  return KIND_OTHER;
}

static gboolean
want_posts (Gen *gen)
{
  return gen->posts->len < (guint) gen->sizes.posts;
}

static void
plan_posts (Gen *gen)
{
  int security = gen->n_departments >= 1 ? 1 : 0;
  const int security_kinds[] = { KIND_ADMIN, KIND_AUDITOR, KIND_NETWORK, KIND_SYSTEM, KIND_ROOM };
  guint max_liaisons = gen->sizes.posts * 2 / 5;

  /* Organisation-wide posts. */
  if (want_posts (gen))
    add_post (gen, KIND_DIRECTOR, -1);
  for (guint i = 0; i < G_N_ELEMENTS (organisation_posts) && want_posts (gen); i++)
    {
      Post post = { .name = organisation_posts[i], .post_type = "other", .unit = -1 };

      g_array_append_val (gen->posts, post);
    }

  /* The security office's posts (DESIGN: the daily execution unit). */
  for (guint i = 0; i < G_N_ELEMENTS (security_kinds) && want_posts (gen); i++)
    add_post (gen, security_kinds[i], security);

  /* One liaison per department; a few departments lack one (the last one
   * always, once there are a few), for the liaison check to find. */
  for (guint d = 1; d <= gen->n_departments && want_posts (gen) && max_liaisons > 0; d++)
    {
      if (chance (gen, 0.05) || (d >= 5 && d == gen->n_departments))
        continue;
      add_post (gen, KIND_LIAISON, d);
      max_liaisons--;
    }

  /* The rest are the units' own posts; no more liaisons, so that the
   * departments left without one above stay so. */
  while (want_posts (gen))
    {
      double r = g_rand_double (gen->rand);
      int unit = chance (gen, 0.5) ? any_department (gen) : any_unit (gen);
      int kind;

      if (r < 0.55)
        kind = KIND_OTHER;
      else if (r < 0.67)
        kind = KIND_SYSTEM;
      else if (r < 0.75)
        kind = KIND_NETWORK;
      else if (r < 0.83)
        kind = KIND_ADMIN;
      else if (r < 0.9)
        kind = KIND_AUDITOR;
      else
        kind = KIND_ROOM;
      add_post (gen, kind, unit);
    }
}

static gboolean
holds (const Post *post,
       int         person)
{
  for (int h = 0; h < post->n_holders; h++)
    {
      if (post->holders[h] == person)
        return TRUE;
    }
  return FALSE;
}

static gboolean
add_holder (Gen      *gen,
            Post     *post,
            int       person,
            gboolean  primary,
            GError  **error)
{
  g_autofree char *since = random_date (gen, 2016, 2026);

  g_assert (post->n_holders < (int) G_N_ELEMENTS (post->holders));
  post->holders[post->n_holders++] = person;
  return step (gen, sd_store_insert (gen->store, SD_TYPE_POST_HOLDER, error,
                                     "post-id", post->id,
                                     "person-id", gen->person_ids[person],
                                     "is-primary", primary,
                                     "since", since,
                                     NULL) != NULL, error);
}

static gboolean
write_posts (Gen     *gen,
             GError **error)
{
  guint n_conflicts = 0, n_admins = 0;

  phase_begin (gen, "posts");
  for (guint i = 0; i < gen->posts->len; i++)
    {
      Post *post = &g_array_index (gen->posts, Post, i);
      int kind = kind_of (post);
      double key_chance = kind < KIND_OTHER ? post_kinds[kind].key_post : 0.1;
      double full_time_chance = kind < KIND_OTHER ? post_kinds[kind].full_time : 0.05;
      g_autofree char *description = NULL;
      gboolean key = chance (gen, key_chance);
      gboolean full_time = chance (gen, full_time_chance);
      gpointer item;

      description = g_strdup_printf ("%s%s：%s。",
                                     post->unit >= 0 ? unit_at (gen, post->unit)->name : "全公司",
                                     post->name, PICK (gen, post_descriptions));
      item = sd_store_insert (gen->store, SD_TYPE_POST, error,
                              "name", post->name,
                              "unit-id", unit_id (gen, post->unit),
                              "post-type", post->post_type,
                              "description", description,
                              "key-post", key,
                              "full-time-required", full_time,
                              "position", (int) i,
                              NULL);
      if (!step (gen, item != NULL, error))
        return FALSE;
      post->id = sd_item_get_id (item);
    }
  phase_end (gen);

  if (gen->sizes.people == 0)
    return TRUE;

  phase_begin (gen, "post_holders");
  for (guint i = 0; i < gen->posts->len; i++)
    {
      Post *post = &g_array_index (gen->posts, Post, i);
      SdPost *item = sd_store_lookup (gen->store, SD_TYPE_POST, post->id);
      gboolean key = sd_post_get_key_post (item);
      gboolean full_time = sd_post_get_full_time_required (item);
      int n;

      /* Key posts need two holders; about one in seven has only one. A
       * department's liaison post has one holder per 50 staff (003 art. 8),
       * one in ten is one short. */
      if (key)
        n = chance (gen, 0.15) ? 1 : range (gen, 2, 3);
      else if (kind_of (post) == KIND_LIAISON && post->unit > 0)
        {
          n = MIN ((unit_at (gen, post->unit)->staff + 49) / 50, MAX_LIAISONS);
          if (n > 1 && chance (gen, 0.1))
            n--;
        }
      else
        n = chance (gen, 0.75) ? 1 : 2;

      for (int h = 0; h < n; h++)
        {
          int person = -1;

          for (guint tries = 0; tries < 10 && person < 0; tries++)
            {
              int candidate;

              /* Mostly people of the post's own unit. */
              if (post->unit >= 0 && chance (gen, 0.85))
                candidate = member_of (gen, post->unit);
              else if (chance (gen, 0.5))
                candidate = person_of (gen, 0);
              else
                candidate = any_person (gen);
              if (candidate < 0)
                candidate = any_person (gen);

              /* Full-time posts mostly get full-time people. */
              if (full_time && !gen->person_full_time[candidate] && chance (gen, 0.95))
                continue;
              if (!holds (post, candidate))
                person = candidate;
            }
          if (person < 0)
            continue;
          if (!add_holder (gen, post, person, h == 0 || chance (gen, 0.3), error))
            return FALSE;
        }
    }

  /* A few security administrators also hold an incompatible post (003
   * art. 7), so that the separation-of-duties check has something to find. */
  for (guint i = 0; i < gen->posts->len; i++)
    n_admins += kind_of (&g_array_index (gen->posts, Post, i)) == KIND_ADMIN;
  for (guint i = 0; i < gen->posts->len && n_conflicts < MAX (1, n_admins / 20); i++)
    {
      Post *admin = &g_array_index (gen->posts, Post, i);

      if (kind_of (admin) != KIND_ADMIN || admin->n_holders == 0)
        continue;
      for (guint j = 0; j < gen->posts->len; j++)
        {
          Post *other = &g_array_index (gen->posts, Post, j);
          int kind = kind_of (other);

          if ((kind == KIND_NETWORK || kind == KIND_SYSTEM || kind == KIND_AUDITOR) &&
              other->n_holders > 0 && !holds (admin, other->holders[0]))
            {
              if (!add_holder (gen, admin, other->holders[0], FALSE, error))
                return FALSE;
              n_conflicts++;
              break;
            }
        }
    }
  phase_end (gen);
  return TRUE;
}

/* Bodies */

typedef struct
{
  int members[128];
  int n;
} Roster;

static gboolean
add_member (Gen        *gen,
            Body       *body,
            Roster     *roster,
            int         person,
            const char *role,
            GError    **error)
{
  if (person < 0 || roster->n == G_N_ELEMENTS (roster->members))
    return TRUE;
  for (int i = 0; i < roster->n; i++)
    {
      if (roster->members[i] == person)
        return TRUE;
    }
  roster->members[roster->n++] = person;

  return step (gen, sd_store_insert (gen->store, SD_TYPE_BODY_MEMBER, error,
                                     "body-id", body->id,
                                     "person-id", gen->person_ids[person],
                                     "role", role,
                                     NULL) != NULL, error);
}

static int
holder_of_kind (Gen *gen,
                int  kind)
{
  for (guint i = 0; i < gen->posts->len; i++)
    {
      Post *post = &g_array_index (gen->posts, Post, i);

      if (kind_of (post) == kind && post->n_holders > 0)
        return post->holders[0];
    }
  return -1;
}

static gboolean
write_bodies (Gen     *gen,
              GError **error)
{
  static const struct
  {
    const char *name;
    const char *kind;
    int         led_by;
    const char *description;
  } fixed[] = {
    { "网络安全领导小组", "leadership", -1,
      "网络安全工作的最高领导和决策机构，负责单位网络安全工作的宏观管理。" },
    { "网络安全工作组", "working", 0, "落实领导小组各项决策，协调组织单位各项网络安全工作。" },
    { "网络安全应急响应组", "emergency", 0, "全权负责处理信息系统发生的重大事故或突发事件。" },
    { "保密检查小组", "inspection", 0, "定期对各部门保密工作进行监督检查，跟踪问题整改。" },
    { "网络安全管理部（日常执行机构）", "execution", 1, "网络安全工作的日常执行机构。" },
    { "保密委员会", "other", 0, "研究决定公司保密工作的重大事项。" },
    { "数据安全工作小组", "working", 1, "统筹数据分类分级、数据出境和数据共享的安全管理。" },
    { "个人信息保护工作组", "other", 1, "组织个人信息保护影响评估，处理个人信息主体的请求。" },
  };
  guint n_regional = MIN (gen->units->len / 200, G_N_ELEMENTS (regions));
  int security = gen->n_departments >= 1 ? 1 : 0;
  int it = gen->n_departments >= 2 ? 2 : security;

  phase_begin (gen, "bodies");
  for (guint i = 0; i < G_N_ELEMENTS (fixed) + n_regional; i++)
    {
      Body body = { 0 };
      g_autofree char *name = NULL;
      g_autofree char *description = NULL;
      const char *kind;
      int led_by;
      gpointer item;

      if (i < G_N_ELEMENTS (fixed))
        {
          name = g_strdup (fixed[i].name);
          description = g_strdup (fixed[i].description);
          kind = fixed[i].kind;
          led_by = fixed[i].led_by;
        }
      else
        {
          const char *region = regions[i - G_N_ELEMENTS (fixed)];

          name = g_strconcat (region, "区域应急响应分队", NULL);
          description = g_strconcat ("在应急响应组统一指挥下处置", region,
                                     "区域的网络安全事件。", NULL);
          kind = "emergency";
          led_by = 2;
        }

      item = sd_store_insert (gen->store, SD_TYPE_BODY, error,
                              "name", name,
                              "kind", kind,
                              "led-by-id",
                              led_by >= 0 ? g_array_index (gen->bodies, Body, led_by).id
                                          : (gint64) 0,
                              "description", description,
                              "position", (int) i,
                              NULL);
      if (!step (gen, item != NULL, error))
        return FALSE;
      body.name = g_string_chunk_insert (gen->strings, name);
      body.id = sd_item_get_id (item);
      g_array_append_val (gen->bodies, body);
    }
  phase_end (gen);

  if (gen->sizes.people == 0)
    return TRUE;

  phase_begin (gen, "body_members");
  for (guint i = 0; i < gen->bodies->len; i++)
    {
      Body *body = &g_array_index (gen->bodies, Body, i);
      Roster roster = { { 0 }, 0 };
      int n_members = range (gen, 5, 15);
      int member_unit = -1;

#define ADD(person, role) \
      G_STMT_START { \
        if (!add_member (gen, body, &roster, (person), (role), error)) \
          return FALSE; \
      } G_STMT_END

      switch (i)
        {
        case 0:
          /* The leadership group: the executives and every department head. */
          ADD (head_of (gen, 0), "leader");
          ADD (person_of (gen, 0), "deputy");
          for (guint d = 1; d <= gen->n_departments; d++)
            ADD (head_of (gen, d), "member");
          n_members = 0;
          break;
        case 1:
          ADD (person_of (gen, 0), "leader");
          ADD (head_of (gen, security), "deputy");
          for (int k = KIND_ADMIN; k <= KIND_ROOM; k++)
            ADD (holder_of_kind (gen, k), "member");
          for (guint p = 0; p < gen->posts->len && roster.n < 25; p++)
            {
              Post *post = &g_array_index (gen->posts, Post, p);

              if (kind_of (post) == KIND_LIAISON && post->n_holders > 0)
                ADD (post->holders[0], "member");
            }
          n_members = 0;
          break;
        case 2:
          ADD (head_of (gen, security), "leader");
          ADD (head_of (gen, it), "deputy");
          member_unit = chance (gen, 0.5) ? security : it;
          break;
        case 3:
          ADD (head_of (gen, any_department (gen)), "leader");
          ADD (holder_of_kind (gen, KIND_AUDITOR), "deputy");
          n_members = range (gen, 3, 6);
          for (int k = 0; k < n_members; k++)
            ADD (head_of (gen, any_department (gen)), "member");
          n_members = 0;
          break;
        case 4:
          ADD (head_of (gen, security), "leader");
          ADD (holder_of_kind (gen, KIND_ADMIN), "deputy");
          member_unit = security;
          break;
        default:
          ADD (person_of (gen, any_department (gen)), "leader");
          ADD (any_person (gen), "deputy");
          if (chance (gen, 0.3))
            ADD (any_person (gen), "deputy");
          break;
        }

      for (int k = 0; k < n_members; k++)
        {
          int person = member_unit >= 0 && chance (gen, 0.7) ? person_of (gen, member_unit)
                                                            : any_person (gen);
          ADD (person, "member");
        }
#undef ADD
    }
  phase_end (gen);
  return TRUE;
}

/* Duties */

static const char *
party_name (Gen   *gen,
            Party *party)
{
  switch (party->kind)
    {
    case PARTY_POST:
      return g_array_index (gen->posts, Post, party->index).name;
    case PARTY_UNIT:
      return unit_at (gen, party->index)->name;
    case PARTY_BODY:
      return g_array_index (gen->bodies, Body, party->index).name;
    default:
      g_assert_not_reached ();
    }
}

static Party
any_party (Gen *gen)
{
  Party party;
  double r = g_rand_double (gen->rand);

  if (r < 0.8 && gen->posts->len > 0)
    {
      party.kind = PARTY_POST;
      party.index = g_rand_int_range (gen->rand, 0, gen->posts->len);
    }
  else if (r < 0.92 || gen->bodies->len == 0)
    {
      party.kind = PARTY_UNIT;
      party.index = any_unit (gen);
    }
  else
    {
      party.kind = PARTY_BODY;
      party.index = g_rand_int_range (gen->rand, 0, gen->bodies->len);
    }
  return party;
}

/* An area's name is its owner's: "保密检查小组职责", "财务部综合科职责". */
static char *
area_name (Gen   *gen,
           Party *party)
{
  int parent;

  switch (party->kind)
    {
    case PARTY_POST:
      parent = g_array_index (gen->posts, Post, party->index).unit;
      /* "财务部负责人" already names its unit. */
      if (parent >= 0 && !g_str_has_prefix (party_name (gen, party), unit_at (gen, parent)->name))
        return g_strconcat (unit_at (gen, parent)->name, party_name (gen, party), "职责", NULL);
      return g_strconcat (party_name (gen, party), "职责", NULL);
    case PARTY_UNIT:
      parent = unit_at (gen, party->index)->parent;
      if (parent > 0)
        return g_strconcat (unit_at (gen, parent)->name, party_name (gen, party), "职责", NULL);
      return g_strconcat (party_name (gen, party), "职责", NULL);
    default:
      return g_strconcat (party_name (gen, party), "职责", NULL);
    }
}

static void
append_clause (Gen     *gen,
               GString *text)
{
  if (chance (gen, 0.6))
    {
      g_string_append (text, PICK (gen, work_verbs));
      g_string_append (text, PICK (gen, objects));
      g_string_append (text, PICK (gen, work_suffixes));
    }
  else
    {
      g_string_append (text, PICK (gen, document_verbs));
      g_string_append (text, PICK (gen, objects));
      g_string_append (text, PICK (gen, document_suffixes));
    }
}

static char *
duty_text (Gen *gen)
{
  GString *text = g_string_new (NULL);
  gboolean prefix = chance (gen, 0.35);
  gboolean tail = chance (gen, 0.5);
  gboolean second = chance (gen, 0.2);

  for (;;)
    {
      g_string_truncate (text, 0);
      if (prefix)
        g_string_append (text, PICK (gen, prefixes));
      append_clause (gen, text);
      if (second)
        {
          g_string_append (text, "；");
          append_clause (gen, text);
        }
      if (tail)
        g_string_append (text, PICK (gen, tails));
      g_string_append (text, "。");

      /* 10 to 60 characters, as the source documents' items are. */
      if (g_utf8_strlen (text->str, -1) < 10)
        tail = TRUE;
      else if (g_utf8_strlen (text->str, -1) > 60)
        second = prefix = FALSE;
      else
        break;
    }
  return g_string_free (text, FALSE);
}

static gboolean
write_duties (Gen     *gen,
              GError **error)
{
  g_autoptr(GHashTable) area_names = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                            g_free, NULL);
  g_autofree char *area = NULL;
  g_autofree char *code_prefix = NULL;
  const char *document = NULL;
  int area_left = 0, article = 0, item_no = 0, items_in_article = 0;

  phase_begin (gen, "duties");
  for (int i = 0; i < gen->sizes.duties; i++)
    {
      g_autofree char *code = NULL;
      g_autofree char *text = NULL;
      g_autofree char *source = NULL;
      gpointer item;

      if (area_left == 0)
        {
          Party owner;
          const char *letter;

          /* A new area of 50 to 200 duties, each named after its owner. */
          for (guint tries = 0;; tries++)
            {
              double r = g_rand_double (gen->rand);

              owner = any_party (gen);
              if (r < 0.15 && gen->bodies->len > 0)
                owner = (Party) { PARTY_BODY, g_rand_int_range (gen->rand, 0, gen->bodies->len) };
              else if (r < 0.5)
                owner = (Party) { PARTY_UNIT, any_unit (gen) };
              g_free (area);
              area = area_name (gen, &owner);
              if (tries >= 20)
                {
                  g_autofree char *numbered = area;

                  area = g_strdup_printf ("%s（%u）", numbered, gen->areas->len + 1);
                }
              if (!g_hash_table_contains (area_names, area))
                break;
            }
          g_hash_table_add (area_names, g_strdup (area));
          g_array_append_val (gen->areas, owner);

          letter = owner.kind == PARTY_POST ? "P" : owner.kind == PARTY_UNIT ? "B" : "G";
          g_free (code_prefix);
          code_prefix = g_strdup_printf ("%s%u", letter, gen->areas->len);
          document = PICK (gen, documents);
          area_left = range (gen, 50, 200);
          article = range (gen, 2, 15);
          item_no = 0;
          items_in_article = range (gen, 2, 8);
        }

      if (item_no == items_in_article)
        {
          article++;
          item_no = 0;
          items_in_article = range (gen, 2, 8);
        }
      item_no++;
      area_left--;

      code = g_strdup_printf ("%s-%d.%d", code_prefix, article, item_no);
      text = duty_text (gen);
      if (!chance (gen, 0.05))
        source = g_strdup_printf ("%s第%d条第%d项", document, article, item_no);

      item = sd_store_insert (gen->store, SD_TYPE_DUTY, error,
                              "code", code,
                              "area", area,
                              "text", text,
                              "source", source,
                              "position", i,
                              NULL);
      if (!step (gen, item != NULL, error))
        return FALSE;
      gen->duty_ids[i] = sd_item_get_id (item);
      gen->duty_area[i] = gen->areas->len - 1;
    }
  phase_end (gen);
  return TRUE;
}

static gboolean
write_assignments (Gen     *gen,
                   GError **error)
{
  phase_begin (gen, "assignments");
  for (int i = 0; i < gen->sizes.duties; i++)
    {
      Party taken[16];
      guint n_taken = 0;
      struct { const char *role; int n; } roles[4];
      double r = g_rand_double (gen->rand);

      /* About one duty in twenty breaks RACI completeness: no A, or two. */
      roles[0].role = "R";
      roles[0].n = range (gen, 1, 3);
      roles[1].role = "A";
      roles[1].n = r < 0.03 ? 0 : r < 0.05 ? 2 : 1;
      roles[2].role = "C";
      roles[2].n = range (gen, 0, 2);
      roles[3].role = "I";
      roles[3].n = range (gen, 0, 3);

      for (guint k = 0; k < G_N_ELEMENTS (roles); k++)
        {
          for (int j = 0; j < roles[k].n; j++)
            {
              Party party;
              const char *property;
              gint64 id;
              gboolean fresh = FALSE;

              for (guint tries = 0; tries < 10 && !fresh; tries++)
                {
                  /* The area's owner is usually the one responsible. */
                  if (k == 0 && j == 0 && chance (gen, 0.6))
                    party = g_array_index (gen->areas, Party, gen->duty_area[i]);
                  else
                    party = any_party (gen);

                  fresh = TRUE;
                  for (guint t = 0; t < n_taken && fresh; t++)
                    fresh = taken[t].kind != party.kind || taken[t].index != party.index;
                }
              if (!fresh)
                continue;
              taken[n_taken++] = party;

              switch (party.kind)
                {
                case PARTY_POST:
                  property = "post-id";
                  id = g_array_index (gen->posts, Post, party.index).id;
                  break;
                case PARTY_UNIT:
                  property = "unit-id";
                  id = unit_at (gen, party.index)->id;
                  break;
                default:
                  property = "body-id";
                  id = g_array_index (gen->bodies, Body, party.index).id;
                  break;
                }

              if (!step (gen, sd_store_insert (gen->store, SD_TYPE_ASSIGNMENT, error,
                                               "duty-id", gen->duty_ids[i],
                                               property, id,
                                               "role", roles[k].role,
                                               NULL) != NULL, error))
                return FALSE;
            }
        }
    }
  phase_end (gen);
  return TRUE;
}

/* Risks */

static gboolean
write_risks (Gen     *gen,
             GError **error)
{
  phase_begin (gen, "risks");
  for (int i = 0; i < gen->sizes.risks; i++)
    {
      g_autofree char *code = g_strdup_printf ("R-%05d", i + 1);
      g_autofree char *title = NULL;
      g_autofree char *description = NULL;
      g_autofree char *cause = NULL;
      g_autofree char *measure_text = NULL;
      g_autofree char *next_review = NULL;
      int category = g_rand_int_range (gen->rand, 0, 3);
      int owner_unit = chance (gen, 0.05) ? 0 : any_unit (gen);
      int owner_person = chance (gen, 0.85) ? person_of (gen, owner_unit) : -1;
      int il, ii, rl, ri, tl, ti;
      const char *subject, *treatment, *status;
      double r;
      gpointer item;

      switch (category)
        {
        case 0:
          subject = PICK (gen, personal_subjects);
          title = join2 (subject, PICK (gen, personal_events));
          break;
        case 1:
          subject = PICK (gen, data_subjects);
          title = join2 (subject, PICK (gen, data_events));
          break;
        default:
          subject = PICK (gen, operational_subjects);
          title = join2 (subject, PICK (gen, operational_events));
          break;
        }
      description = g_strdup_printf ("%s在日常工作中可能出现%s的情况。",
                                     unit_at (gen, owner_unit)->name, title);
      cause = g_strconcat (PICK (gen, causes), "。", NULL);

      /* The first 25 risks fill every cell of the inherent matrix once; the
       * rest lean towards the middle, as workshops rate them. */
      if (i < 25)
        {
          il = i / 5 + 1;
          ii = i % 5 + 1;
        }
      else
        {
          il = middle_heavy (gen);
          ii = middle_heavy (gen);
        }

      /* Treatment mostly lowers a risk; a few get worse, for the checks. */
      if (chance (gen, 0.03))
        {
          rl = MIN (il + 1, 5);
          ri = ii;
        }
      else
        {
          rl = lower (gen, il, 2);
          ri = lower (gen, ii, 1);
        }
      tl = lower (gen, rl, 2);
      ti = lower (gen, ri, 1);

      r = g_rand_double (gen->rand);
      treatment = r < 0.6 ? "reduce" : r < 0.75 ? "accept" : r < 0.88 ? "avoid" : "transfer";
      r = g_rand_double (gen->rand);
      if (g_str_equal (treatment, "accept"))
        status = r < 0.8 ? "accepted" : "open";
      else
        status = r < 0.25 ? "open" : r < 0.85 ? "treating" : "closed";

      {
        const char *first = PICK (gen, measures);
        const char *second = PICK (gen, measures);

        measure_text = first == second ? g_strconcat (first, "。", NULL)
                                       : g_strconcat (first, "；", second, "。", NULL);
      }

      /* Reviews from four months ago to a year ahead: some are overdue. */
      if (!g_str_equal (status, "closed"))
        next_review = today_plus (range (gen, -120, 365));

      item = sd_store_insert (gen->store, SD_TYPE_RISK, error,
                              "code", code,
                              "title", title,
                              "category-id", gen->categories[category],
                              "description", description,
                              "cause", cause,
                              "consequence", PICK (gen, consequences),
                              "owner-unit-id", unit_id (gen, owner_unit),
                              "owner-person-id", person_id (gen, owner_person),
                              "inherent-likelihood", il,
                              "inherent-impact", ii,
                              "residual-likelihood", rl,
                              "residual-impact", ri,
                              "target-likelihood", tl,
                              "target-impact", ti,
                              "treatment", treatment,
                              "measures", measure_text,
                              "status", status,
                              "next-review", next_review,
                              NULL);
      if (!step (gen, item != NULL, error))
        return FALSE;
    }
  phase_end (gen);
  return TRUE;
}

static gboolean
find_categories (Gen     *gen,
                 GError **error)
{
  static const char * const codes[] = { "personal", "data", "operational" };
  GListModel *model = sd_store_get_items (gen->store, SD_TYPE_RISK_CATEGORY);

  for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
    {
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(SdRiskCategory) category = g_list_model_get_item (model, i);

          if (g_strcmp0 (sd_risk_category_get_code (category), codes[c]) == 0)
            gen->categories[c] = sd_item_get_id (SD_ITEM (category));
        }
      if (gen->categories[c] == 0)
        {
          g_set_error (error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                       "The database has no risk category “%s”", codes[c]);
          return FALSE;
        }
    }
  return TRUE;
}

/* The plan */

static gboolean
write_plan (Gen     *gen,
            GError **error)
{
  gint64 stream_ids[G_N_ELEMENTS (stream_names)];
  guint n_streams = range (gen, 6, 8);
  gpointer item;
  gint64 plan_id;

  phase_begin (gen, "plan");
  item = sd_store_insert (gen->store, SD_TYPE_PLAN, error,
                          "year", PLAN_YEAR,
                          "goal", "全年不发生泄密事件和重大网络安全事件，员工保密培训覆盖率100%，"
                                  "检查发现问题整改率100%。",
                          "policy", "预防为主、分级负责、全员参与、持续改进。",
                          NULL);
  if (!step (gen, item != NULL, error))
    return FALSE;
  plan_id = sd_item_get_id (item);

  for (guint s = 0; s < n_streams; s++)
    {
      item = sd_store_insert (gen->store, SD_TYPE_PLAN_STREAM, error,
                              "plan-id", plan_id,
                              "name", stream_names[s],
                              "position", (int) s,
                              NULL);
      if (!step (gen, item != NULL, error))
        return FALSE;
      stream_ids[s] = sd_item_get_id (item);
    }

  for (int i = 0; i < gen->sizes.tasks; i++)
    {
      guint stream = g_rand_int_range (gen->rand, 0, n_streams);
      int unit = chance (gen, 0.7) ? any_department (gen) : any_unit (gen);
      int person = chance (gen, 0.9) ? person_of (gen, unit) : -1;
      int start = range (gen, 1, 12);
      int length = chance (gen, 0.15) ? 11 : range (gen, 0, 4);
      int end = MIN (start + length, 12);
      g_autofree char *title = NULL;
      g_autofree char *evidence = NULL;
      const char *status;
      int progress;
      gboolean carried_over = start == 1 && chance (gen, 0.2);

      /* Some tasks are one unit's share of a company-wide task. */
      if (chance (gen, 0.6))
        {
          title = g_strdup (stream_tasks[stream][g_rand_int_range (gen->rand, 0, 8)]);
        }
      else
        {
          const char *task = stream_tasks[stream][g_rand_int_range (gen->rand, 0, 8)];

          title = g_strdup_printf ("%s（%s）", task, unit_at (gen, unit)->name);
        }

      /* Statuses as of TODAY: past tasks mostly done, some overdue. */
      if (chance (gen, 0.02))
        {
          status = "cancelled";
          progress = 0;
        }
      else if (end < TODAY_MONTH)
        {
          if (chance (gen, 0.85))
            {
              status = "done";
              progress = 100;
            }
          else
            {
              status = "in-progress";
              progress = range (gen, 4, 9) * 10;
            }
        }
      else if (start > TODAY_MONTH)
        {
          status = "planned";
          progress = 0;
        }
      else
        {
          int jitter = range (gen, -10, 10);

          /* Roughly on schedule. */
          status = "in-progress";
          progress = CLAMP (100 * (TODAY_MONTH - start) / (end - start + 1) + jitter, 5, 95);
        }
      if (g_str_equal (status, "done"))
        evidence = g_strconcat (stream_names[stream], PICK (gen, evidence_kinds), NULL);

      item = sd_store_insert (gen->store, SD_TYPE_PLAN_TASK, error,
                              "plan-id", plan_id,
                              "stream-id", stream_ids[stream],
                              "title", title,
                              "owner-unit-id", unit_id (gen, unit),
                              "owner-person-id", person_id (gen, person),
                              "start-month", start,
                              "end-month", end,
                              "status", status,
                              "progress", progress,
                              "evidence", evidence,
                              "carried-over", carried_over,
                              "position", i,
                              NULL);
      if (!step (gen, item != NULL, error))
        return FALSE;
    }
  phase_end (gen);
  return TRUE;
}

/* The whole run */

static gboolean
generate (Gen     *gen,
          GError **error)
{
  if (!find_categories (gen, error) || !sd_store_begin (gen->store, error))
    return FALSE;
  gen->in_batch = TRUE;

  plan_units (gen);
  allocate_people (gen);
  plan_posts (gen);

  if (!write_units (gen, error) ||
      !write_people (gen, error) ||
      !write_posts (gen, error) ||
      !write_bodies (gen, error) ||
      !write_duties (gen, error) ||
      !write_assignments (gen, error) ||
      !write_risks (gen, error) ||
      !write_plan (gen, error))
    {
      g_prefix_error (error, "Could not write the %s: ", gen->phase);
      if (gen->in_batch)
        sd_store_rollback (gen->store);
      return FALSE;
    }
  return sd_store_commit (gen->store, error);
}

static void
print_summary (SdStore *store)
{
  guint n_types;
  const GType *types = sd_store_get_item_types (&n_types);

  for (guint i = 0; i < n_types; i++)
    {
      g_autoptr(GTypeClass) klass = g_type_class_ref (types[i]);
      guint n = g_list_model_get_n_items (sd_store_get_items (store, types[i]));

      if (n > 0)
        g_print ("%-24s %8u\n", sd_item_class_get_table (SD_ITEM_CLASS (klass))->name, n);
    }
}

static gboolean
remove_database (const char  *path,
                 GError     **error)
{
  const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       "Could not remove “%s”: %s", file, g_strerror (saved_errno));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
parse_size (const char *size,
            Sizes      *sizes,
            gboolean   *demo)
{
  *demo = FALSE;
  *sizes = large_sizes;

  if (g_str_equal (size, "small"))
    {
      *demo = TRUE;
      return TRUE;
    }
  if (g_str_equal (size, "large"))
    return TRUE;
  if (g_str_equal (size, "huge"))
    {
      sizes->units *= 10;
      sizes->people *= 10;
      sizes->posts *= 10;
      sizes->duties *= 10;
      sizes->risks *= 10;
      sizes->tasks *= 10;
      return TRUE;
    }
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *size = NULL;
  g_auto(GStrv) paths = NULL;
  Sizes given = { -1, -1, -1, -1, -1, -1 };
  gint64 seed = 1;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "size", 0, 0, G_OPTION_ARG_STRING, &size,
      "small (the demo data), large (default) or huge", "SIZE" },
    { "units", 0, 0, G_OPTION_ARG_INT, &given.units, "Number of units", "N" },
    { "people", 0, 0, G_OPTION_ARG_INT, &given.people, "Number of people", "N" },
    { "posts", 0, 0, G_OPTION_ARG_INT, &given.posts, "Number of posts", "N" },
    { "duties", 0, 0, G_OPTION_ARG_INT, &given.duties, "Number of duties", "N" },
    { "risks", 0, 0, G_OPTION_ARG_INT, &given.risks, "Number of risks", "N" },
    { "tasks", 0, 0, G_OPTION_ARG_INT, &given.tasks, "Number of plan tasks", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed (default 1)", "N" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, "Replace OUT.db if it exists", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "OUT.db" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SdStore) store = NULL;
  Gen gen = { 0 };
  gboolean demo, overridden = FALSE;
  const char *path;
  gint64 start;
  gboolean ok;

  setlocale (LC_ALL, "");

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, "Writes a database for the benchmarks. It refuses to "
                                "replace an existing file\nunless --force is given.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("sd-generate: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (paths == NULL || g_strv_length (paths) != 1)
    {
      g_printerr ("sd-generate: give exactly one output file (see --help)\n");
      return EXIT_USAGE;
    }
  path = paths[0];

  if (!parse_size (size != NULL ? size : "large", &gen.sizes, &demo))
    {
      g_printerr ("sd-generate: --size must be small, large or huge, not “%s”\n", size);
      return EXIT_USAGE;
    }
  if (seed < 0 || seed > G_MAXUINT32)
    {
      g_printerr ("sd-generate: --seed must be between 0 and %u\n", G_MAXUINT32);
      return EXIT_USAGE;
    }

  {
    int *dest[] = { &gen.sizes.units, &gen.sizes.people, &gen.sizes.posts, &gen.sizes.duties,
                    &gen.sizes.risks, &gen.sizes.tasks };
    int values[] = { given.units, given.people, given.posts, given.duties, given.risks,
                     given.tasks };

    for (guint i = 0; i < G_N_ELEMENTS (dest); i++)
      {
        if (values[i] < -1)
          {
            g_printerr ("sd-generate: counts cannot be negative\n");
            return EXIT_USAGE;
          }
        if (values[i] >= 0)
          {
            *dest[i] = values[i];
            overridden = TRUE;
          }
      }
  }
  if (demo && overridden)
    {
      g_printerr ("sd-generate: --size small is the demo data; counts need large or huge\n");
      return EXIT_USAGE;
    }
  if (gen.sizes.units < 1)
    {
      g_printerr ("sd-generate: --units must be at least 1 (the company)\n");
      return EXIT_USAGE;
    }

  /* Never overwrite by mistake: a database may hold real work. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!force)
        {
          g_printerr ("sd-generate: “%s” already exists (use --force to replace it)\n", path);
          return EXIT_USAGE;
        }
      if (!remove_database (path, &error))
        {
          g_printerr ("sd-generate: %s\n", error->message);
          return EXIT_FAILURE;
        }
    }

  start = g_get_monotonic_time ();

  store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    {
      g_printerr ("sd-generate: %s\n", error->message);
      return EXIT_FAILURE;
    }
  sd_store_set_operator (store, "sd-generate");

  if (demo)
    {
      ok = sd_demo_populate (store, &error);
    }
  else
    {
      gen.store = store;
      gen.rand = g_rand_new_with_seed ((guint32) seed);
      gen.strings = g_string_chunk_new (4096);
      gen.units = g_array_new (FALSE, TRUE, sizeof (Unit));
      gen.posts = g_array_new (FALSE, TRUE, sizeof (Post));
      gen.bodies = g_array_new (FALSE, TRUE, sizeof (Body));
      gen.areas = g_array_new (FALSE, TRUE, sizeof (Party));
      gen.person_ids = g_new0 (gint64, gen.sizes.people);
      gen.person_full_time = g_new0 (gboolean, gen.sizes.people);
      gen.duty_ids = g_new0 (gint64, gen.sizes.duties);
      gen.duty_area = g_new0 (int, gen.sizes.duties);

      ok = generate (&gen, &error);

      g_free (gen.duty_area);
      g_free (gen.duty_ids);
      g_free (gen.person_full_time);
      g_free (gen.person_ids);
      g_array_unref (gen.areas);
      g_array_unref (gen.bodies);
      g_array_unref (gen.posts);
      g_array_unref (gen.units);
      g_string_chunk_free (gen.strings);
      g_rand_free (gen.rand);
    }

  if (!ok)
    {
      g_printerr ("sd-generate: %s\n", error->message);
      /* Earlier batches were committed: a half-written file would give
       * misleading benchmark numbers, so it goes. */
      g_clear_object (&store);
      remove_database (path, NULL);
      return EXIT_FAILURE;
    }

  print_summary (store);
  if (!demo)
    g_print ("%-24s %8u\n", "audit_log (written)", gen.n_writes);

  /* Closing checkpoints the write-ahead log into the file. */
  g_clear_object (&store);
  g_print ("elapsed %.2f s\n", (g_get_monotonic_time () - start) / 1e6);
  return EXIT_SUCCESS;
}
