/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-rerate-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-file-actions.h"
#include "sd-rerate-dialog.h"
#include "sd-risk-history.h"
#include "sd-risk-matrix.h"

typedef struct
{
  GtkWidget    *parent;     /* weak: errors are shown where the user asked */
  SdStore      *store;
  SdRisk       *risk;
  SdRiskLevel   level;
  int           likelihood;
  int           impact;
  char         *workshop;
  GtkEditable  *reason;
  SdRerateDone  done;
  gpointer      user_data;
  gboolean      answered;
} Rerate;

static void
rerate_finish (Rerate       *rerate,
               SdAssessment *assessment)
{
  /* The caller hears exactly once, whatever ends the dialog. */
  if (rerate->answered)
    return;
  rerate->answered = TRUE;
  if (rerate->done != NULL)
    rerate->done (assessment, rerate->user_data);
}

static void
rerate_free (gpointer  data,
             GClosure *closure)
{
  Rerate *rerate = data;

  rerate_finish (rerate, NULL);
  g_clear_weak_pointer (&rerate->parent);
  g_clear_object (&rerate->store);
  g_clear_object (&rerate->risk);
  g_free (rerate->workshop);
  g_free (rerate);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Rerate           *rerate)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  SdAssessment *assessment;

  if (g_strcmp0 (response, "rerate") != 0)
    {
      rerate_finish (rerate, NULL);
      return;
    }

  reason = g_strstrip (g_strdup (gtk_editable_get_text (rerate->reason)));
  assessment = sd_risk_rerate (rerate->store, rerate->risk, rerate->level,
                               rerate->likelihood, rerate->impact,
                               reason[0] != '\0' ? reason : NULL,
                               rerate->workshop, &error);
  if (assessment == NULL)
    {
      /* Translators: %s is a risk's code, e.g. "R-001" */
      g_autofree char *what = g_strdup_printf (_("Could not re-rate %s"),
                                               sd_risk_get_code (rerate->risk));

      if (rerate->parent != NULL)
        sd_ui_toast_error (rerate->parent, what, error);
      else
        g_warning ("%s: %s", what, error->message);
    }
  rerate_finish (rerate, assessment);
}

static char *
format_rating (SdStore *store,
               int      likelihood,
               int      impact)
{
  SdZone zone = sd_store_get_zone (store, likelihood, impact);

  /* Translators: a rating with its zone: likelihood × impact = score (zone),
   * e.g. "3×5 = 15 (Major)" */
  return g_strdup_printf (_("%d×%d = %d (%s)"), likelihood, impact,
                          sd_risk_score (likelihood, impact), sd_zone_get_label (zone));
}

static const char *
heading_for_level (SdRiskLevel level)
{
  switch (level)
    {
    case SD_RISK_LEVEL_RESIDUAL:
      return _("Re-rate the Residual Risk");
    case SD_RISK_LEVEL_TARGET:
      return _("Re-rate the Target Risk");
    case SD_RISK_LEVEL_INHERENT:
    default:
      return _("Re-rate the Inherent Risk");
    }
}

GtkWidget *
sd_rerate_dialog_present (GtkWidget    *parent,
                          SdStore      *store,
                          SdRisk       *risk,
                          SdRiskLevel   level,
                          int           likelihood,
                          int           impact,
                          const char   *workshop,
                          SdRerateDone  done,
                          gpointer      user_data)
{
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *box, *label, *entry;
  Rerate *rerate;
  int old_l, old_i;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_RISK (risk), NULL);
  g_return_val_if_fail (level <= SD_RISK_LEVEL_TARGET, NULL);

  sd_risk_get_rating (risk, level, &old_l, &old_i);
  old_text = format_rating (store, old_l, old_i);
  new_text = format_rating (store, likelihood, impact);
  /* Translators: the re-rating asked for: the risk's code and title, then
   * "R-001: 3×5 = 15 (Major) → 2×5 = 10 (High)" */
  body = g_strdup_printf (_("%s %s\n%s: %s → %s"),
                          sd_risk_get_code (risk), sd_risk_get_title (risk),
                          sd_risk_get_code (risk), old_text, new_text);

  dialog = adw_message_dialog_new (sd_ui_parent_window (parent), heading_for_level (level), body);

  /* The reason is what the minutes of the workshop keep, so it is asked
   * for right here; in a workshop it starts as the workshop's name, which
   * Enter accepts and typing replaces (the entry selects it on focus). */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new_with_mnemonic (_("_Reason"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), workshop != NULL ? workshop : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Why the rating changes"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rerate", _("_Re-rate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rerate",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rerate");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  rerate = g_new0 (Rerate, 1);
  g_set_weak_pointer (&rerate->parent, parent);
  rerate->store = g_object_ref (store);
  rerate->risk = g_object_ref (risk);
  rerate->level = level;
  rerate->likelihood = likelihood;
  rerate->impact = impact;
  rerate->workshop = g_strdup (workshop);
  rerate->reason = GTK_EDITABLE (entry);
  rerate->done = done;
  rerate->user_data = user_data;
  /* The closure goes with the dialog, so the request is freed (and the
   * caller told, if nothing answered) however the dialog ends. */
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), rerate,
                         rerate_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  return dialog;
}
