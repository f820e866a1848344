/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One numbered item of a regulation's text. */
typedef struct
{
  char *number;   /* as written, normalised: "1", "9.1", "一", "(1)" → "1" */
  char *code;     /* the prefix and the number: "003-9.1" */
  char *text;     /* the item's text, continuation lines joined */
} SdPastedDuty;

void       sd_pasted_duty_free (SdPastedDuty *duty);

/* Splits text pasted from a regulation into its numbered items, one duty
 * each: "1." "1、" "1)" "(1)" "（1）" "一、" "（一）" "第一条" "9.1" and
 * the like start an item; other lines continue the one before. Text before
 * the first number is ignored. @code_prefix (nullable) goes before each
 * number ("003-"); a nested number keeps its parent ("第九条" then "（一）"
 * gives "9.1"). Returns SdPastedDuty items (transfer full), empty when the
 * text has no numbered item. */
GPtrArray *sd_duty_paste_parse (const char *text,
                                const char *code_prefix);

G_END_DECLS
