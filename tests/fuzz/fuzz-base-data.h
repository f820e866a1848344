/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

/* A little of every kind of record, in the style of the demo data, as
 * CSV files to import in this order (each kind needs the ones before it):
 * what fuzz-csv's store holds before each input, and what make-db-seed
 * puts in the valid database that fuzz-open-db starts from. */
static const struct
{
  const char *kind;
  const char *text;
} base_data[] = {
  { "units",
    "name,parent,kind,head,staff_count\n"
    "示例集团,,company,张伟,120\n"
    "信息部,示例集团,department,李娜,30\n"
    "财务部,示例集团,department,,12\n"
    "综合组,信息部,section,,5\n" },
  { "people",
    "name,unit,title,employment\n"
    "王芳,信息部,安全管理员,full-time\n"
    "刘洋,信息部,网络管理员,part-time\n"
    "陈静,财务部,会计,full-time\n" },
  { "posts",
    "name,unit,type,key_post,full_time_required,holders\n"
    "安全管理员,信息部,security-admin,yes,yes,王芳\n"
    "网络管理员,信息部,network-admin,no,no,刘洋;王芳(deputy)\n"
    "安全联络员,财务部,security-liaison,no,no,陈静\n" },
  { "duties",
    "code,area,text,source\n"
    "1.1,领导小组,统筹网络安全工作,第七条\n"
    "2.1,安全管理员,负责日常安全管理,第八条\n" },
  { "assignments",
    "duty_code,party_kind,party,role\n"
    "1.1,unit,信息部,A\n"
    "2.1,post,安全管理员,R\n"
    "2.1,post,网络管理员,C\n" },
  { "risks",
    "code,title,category,owner_unit,likelihood,impact,residual_likelihood,residual_impact,"
    "target_likelihood,target_impact,treatment,status,description\n"
    "R-001,数据泄露,data,信息部,4,5,3,4,2,3,reduce,treating,客户数据\n" },
  { "tasks",
    "year,stream,title,owner_unit,start_month,end_month,status,progress\n"
    "2026,rules,修订安全制度,信息部,1,3,in-progress,40\n" },
  { "findings",
    "inspection_date,kind,unit,description,severity,deadline,status\n"
    "2026-03-15,self-check,财务部,弱口令,high,2026-04-30,open\n" },
};
