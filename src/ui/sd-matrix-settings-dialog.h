/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#pragma once

#include <adwaita.h>

#include "sd-risk-matrix.h"
#include "sd-store.h"

G_BEGIN_DECLS

#define SD_TYPE_MATRIX_SETTINGS_DIALOG (sd_matrix_settings_dialog_get_type ())

/* The risk matrix settings: the size (3×3, 4×4, 5×5, saying how many risks
 * a change of size moves), the axis titles and level labels, and the zone
 * of every cell, painted on a small grid with a zone "brush" (click or drag
 * over cells; keyboard: arrows move, 1–4 paint a cell with a zone, Space
 * with the brush) or filled from a preset. Nothing is stored until Apply,
 * which calls sd_risk_matrix_apply(), emits ::applied (guint n_moved: the
 * risks whose ratings were mapped) and closes the dialog. Set its
 * transient parent before presenting it. */
G_DECLARE_FINAL_TYPE (SdMatrixSettingsDialog, sd_matrix_settings_dialog, SD,
                      MATRIX_SETTINGS_DIALOG, AdwWindow)

GtkWidget *sd_matrix_settings_dialog_new          (SdStore                *store);

/* What the controls do, for tests. */
int        sd_matrix_settings_dialog_get_size     (SdMatrixSettingsDialog *self);
void       sd_matrix_settings_dialog_set_size     (SdMatrixSettingsDialog *self,
                                                   int                     size);
SdZone     sd_matrix_settings_dialog_get_zone     (SdMatrixSettingsDialog *self,
                                                   int                     likelihood,
                                                   int                     impact);
/* Paints a cell as a click on it with the brush @zone does. */
void       sd_matrix_settings_dialog_paint        (SdMatrixSettingsDialog *self,
                                                   int                     likelihood,
                                                   int                     impact,
                                                   SdZone                  zone);
void       sd_matrix_settings_dialog_apply_preset (SdMatrixSettingsDialog *self,
                                                   SdMatrixPreset          preset);
/* The message about the risks a change of size moves (transfer none), or
 * NULL when it is hidden. */
const char *sd_matrix_settings_dialog_get_message (SdMatrixSettingsDialog *self);
/* Apply: FALSE (and a toast in the dialog) if the store refused. */
gboolean   sd_matrix_settings_dialog_apply        (SdMatrixSettingsDialog *self,
                                                   GError                **error);

G_END_DECLS
