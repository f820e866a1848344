/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include "sd-plan-edit.h"

G_BEGIN_DECLS

/* The kind that @value names, as sd_plan_find_stream() reads it when no
 * stream of the plan has that name: a code, or a kind's default name in
 * English, in the current language or as seed 002 writes it. The CSV
 * import uses it for the streams of a plan that it is about to create. */
gboolean sd_plan_stream_kind_from_value (const char       *value,
                                         SdPlanStreamKind *kind);

G_END_DECLS
