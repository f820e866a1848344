/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-workshop-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sd-file-actions.h"
#include "sd-heatmap-view.h"
#include "sd-rerate-dialog.h"
#include "sd-risk-card.h"
#include "sd-workshop-view.h"

/* The smallest text is at least this fraction of the screen height, so
 * that it can be read from the back of the room. */
#define TEXT_FRACTION 40
/* The map's share of the width; the card and the changes take the rest. */
#define MAP_SHARE 0.56
/* However long the card, this many changes stay in view. */
#define MIN_CHANGES_SHOWN 3

struct _SdWorkshopView
{
  GtkWidget          parent_instance;

  SdStore           *store;
  SdRiskHistory     *history;
  char              *name;
  guint              n_changes;

  GtkWidget         *header;
  GtkEditable       *name_entry;
  GtkToggleButton   *level_buttons[3];  /* by SdRiskLevel */
  GtkLabel          *count_label;
  SdHeatmapView     *map;
  GtkWidget         *side;
  SdRiskCard        *card;
  GtkListBox        *changes;
  GtkScrolledWindow *changes_scroller;

  /* The type size follows the height: a provider of our own, for a style
   * class only this view (and its re-rating dialog) carries. */
  GtkCssProvider    *font_provider;
  char              *font_class;
  int                font_px;
  int                wanted_font_px;
  guint              font_idle_id;

  GtkWidget         *dialog;            /* weak: the re-rating being asked for */
};

G_DEFINE_FINAL_TYPE (SdWorkshopView, sd_workshop_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_HISTORY,
  PROP_NAME,
  PROP_N_CHANGES,
  N_PROPS
};

enum {
  LEAVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Type size */

static int
spacing (SdWorkshopView *self)
{
  return MAX (self->font_px / 2, 6);
}

static gboolean
apply_font_cb (gpointer user_data)
{
  SdWorkshopView *self = user_data;
  g_autofree char *css = NULL;

  self->font_idle_id = 0;
  if (self->wanted_font_px == self->font_px)
    return G_SOURCE_REMOVE;

  self->font_px = self->wanted_font_px;
  css = g_strdup_printf (".%s { font-size: %dpx; }", self->font_class, self->font_px);
  gtk_css_provider_load_from_data (self->font_provider, css, -1);
  gtk_scrolled_window_set_min_content_height (self->changes_scroller,
                                              MIN_CHANGES_SHOWN * 2 * self->font_px);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* The height the text is measured against: the screen's when the window
 * fills it (workshop mode), else the window's. Never the view's own, which
 * the type size itself changes through the padding. */
static int
text_reference_height (SdWorkshopView *self,
                       int             height)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GdkSurface *surface;
  GdkMonitor *monitor;
  GdkRectangle geometry;

  if (native == NULL)
    return height;
  height = MAX (height, gtk_widget_get_height (GTK_WIDGET (native)));
  if (!GTK_IS_WINDOW (native) || !gtk_window_is_fullscreen (GTK_WINDOW (native)))
    return height;
  surface = gtk_native_get_surface (native);
  if (surface == NULL)
    return height;
  monitor = gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface);
  if (monitor == NULL)
    return height;
  gdk_monitor_get_geometry (monitor, &geometry);
  return MAX (height, geometry.height);
}

static void
update_font (SdWorkshopView *self,
             int             height)
{
  int px = (int) ceil ((double) text_reference_height (self, height) / TEXT_FRACTION);

  self->wanted_font_px = MAX (px, 12);
  /* A style change in the middle of the allocation would lay the view out
   * again from inside it; the next idle is early enough (one frame). */
  if (self->wanted_font_px != self->font_px && self->font_idle_id == 0)
    self->font_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_font_cb, self, NULL);
}

/* Layout: the header across the top, the map on the left, the card and
 * the changes on the right. */

static void
sd_workshop_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  SdWorkshopView *self = SD_WORKSHOP_VIEW (widget);
  int gap = spacing (self);
  int h_min, h_nat, m_min, m_nat, s_min, s_nat;

  gtk_widget_measure (self->header, orientation, -1, &h_min, &h_nat, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->map), orientation, -1, &m_min, &m_nat, NULL, NULL);
  gtk_widget_measure (self->side, orientation, -1, &s_min, &s_nat, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (h_min, m_min + gap + s_min);
      *natural = MAX (h_nat, m_nat + gap + s_nat);
    }
  else
    {
      *minimum = h_min + gap + MAX (m_min, s_min);
      *natural = h_nat + gap + MAX (m_nat, s_nat);
    }
}

static void
sd_workshop_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  SdWorkshopView *self = SD_WORKSHOP_VIEW (widget);
  int gap = spacing (self);
  int header_min, header_h, body_y, body_h, map_min, side_min, map_w, side_w, ignored;

  update_font (self, height);

  gtk_widget_measure (self->header, GTK_ORIENTATION_VERTICAL, width,
                      &header_min, &header_h, NULL, NULL);
  header_h = CLAMP (header_h, header_min, MAX (header_min, height));
  body_y = header_h + gap;
  body_h = MAX (0, height - body_y);

  gtk_widget_measure (GTK_WIDGET (self->map), GTK_ORIENTATION_HORIZONTAL, body_h,
                      &map_min, &ignored, NULL, NULL);
  gtk_widget_measure (self->side, GTK_ORIENTATION_HORIZONTAL, body_h,
                      &side_min, &ignored, NULL, NULL);
  map_w = MAX (map_min, (int) ((width - gap) * MAP_SHARE));
  side_w = MAX (side_min, width - gap - map_w);
  if (map_w + gap + side_w > width)
    map_w = MAX (map_min, width - gap - side_w);

  gtk_widget_size_allocate (self->header,
                            &(GtkAllocation) { 0, 0, width, header_h }, -1);
  gtk_widget_size_allocate (GTK_WIDGET (self->map),
                            &(GtkAllocation) { 0, body_y, map_w, body_h }, -1);
  gtk_widget_size_allocate (self->side,
                            &(GtkAllocation) { map_w + gap, body_y, side_w, body_h }, -1);
}

/* Changes */

static void
update_count (SdWorkshopView *self)
{
  g_autofree char *text = NULL;

  if (self->n_changes == 0)
    text = g_strdup (_("No changes yet"));
  else
    text = g_strdup_printf (ngettext ("%u change", "%u changes", self->n_changes),
                            self->n_changes);
  gtk_label_set_label (self->count_label, text);
}

static void
set_n_changes (SdWorkshopView *self,
               guint           n_changes)
{
  if (self->n_changes == n_changes)
    return;
  self->n_changes = n_changes;
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHANGES]);
}

static SdAssessment *
row_assessment (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "sd-assessment");
}

static void
remove_change_row (SdWorkshopView *self,
                   GtkWidget      *row)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  GtkListBoxRow *next = gtk_list_box_get_row_at_index (self->changes, index + 1);
  gboolean had_focus = gtk_widget_has_focus (row) ||
                       gtk_widget_get_focus_child (row) != NULL;

  if (next == NULL && index > 0)
    next = gtk_list_box_get_row_at_index (self->changes, index - 1);
  gtk_list_box_remove (self->changes, row);
  set_n_changes (self, self->n_changes - 1);
  /* The keyboard stays in the list, on the change that took its place. */
  if (had_focus)
    gtk_widget_grab_focus (next != NULL ? GTK_WIDGET (next) : GTK_WIDGET (self->map));
}

static void
undo_clicked_cb (GtkButton      *button,
                 SdWorkshopView *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  SdAssessment *assessment = row != NULL ? row_assessment (row) : NULL;
  g_autoptr(GError) error = NULL;

  if (assessment == NULL)
    return;
  if (!sd_risk_undo_rerate (self->store, assessment, &error))
    {
      sd_ui_toast_error (GTK_WIDGET (self), _("Could not undo the change"), error);
      return;
    }
  remove_change_row (self, row);
}

static char *
format_change (SdStore      *store,
               SdAssessment *assessment)
{
  SdRisk *risk = sd_store_lookup (store, SD_TYPE_RISK, sd_assessment_get_risk_id (assessment));
  SdRiskLevel level = SD_RISK_LEVEL_INHERENT;
  const char *reason = sd_assessment_get_reason (assessment);
  g_autofree char *change = NULL;

  sd_risk_level_from_code (sd_assessment_get_level (assessment), &level);
  /* Translators: a change made in a workshop: the risk's code, the rating
   * changed, old and new likelihood × impact, e.g. "R-001 Inherent 3×5 → 2×5" */
  change = g_strdup_printf (_("%s %s %d×%d → %d×%d"),
                            risk != NULL ? sd_risk_get_code (risk) : "?",
                            sd_risk_level_label (level),
                            sd_assessment_get_old_likelihood (assessment),
                            sd_assessment_get_old_impact (assessment),
                            sd_assessment_get_new_likelihood (assessment),
                            sd_assessment_get_new_impact (assessment));
  if (reason == NULL || reason[0] == '\0')
    return g_steal_pointer (&change);
  /* Translators: a change made in a workshop, then its reason */
  return g_strdup_printf (_("%s: %s"), change, reason);
}

static void
add_change_row (SdWorkshopView *self,
                SdAssessment   *assessment)
{
  g_autofree char *text = format_change (self->store, assessment);
  GtkWidget *row, *box, *label, *button;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, spacing (self));
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  button = gtk_button_new_with_label (_("Undo"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "sd-workshop-undo");
  /* A screen reader says which change the button takes back. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), button);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  g_object_set_data_full (G_OBJECT (row), "sd-assessment", g_object_ref (assessment),
                          g_object_unref);
  /* Newest first: the change just made is where everyone looks. */
  gtk_list_box_prepend (self->changes, row);
  set_n_changes (self, self->n_changes + 1);
}

static void
history_changed_cb (SdWorkshopView *self)
{
  GtkWidget *row, *next;

  /* A change undone some other way (the register's Undo) leaves the list. */
  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->changes)); row != NULL; row = next)
    {
      SdAssessment *assessment;

      next = gtk_widget_get_next_sibling (row);
      if (!GTK_IS_LIST_BOX_ROW (row) || (assessment = row_assessment (row)) == NULL)
        continue;
      if (sd_store_lookup (self->store, SD_TYPE_ASSESSMENT,
                           sd_item_get_id (SD_ITEM (assessment))) == NULL)
        remove_change_row (self, row);
    }
}

/* Re-rating */

static void
rerate_done_cb (SdAssessment *assessment,
                gpointer      user_data)
{
  SdWorkshopView *self = user_data;

  /* A view taken down while the dialog was open has nothing to add to. */
  if (assessment != NULL && self->store != NULL)
    {
      SdRisk *risk = sd_store_lookup (self->store, SD_TYPE_RISK,
                                      sd_assessment_get_risk_id (assessment));

      add_change_row (self, assessment);
      /* The risk moved: it stays selected in its new cell. */
      if (risk != NULL)
        sd_heatmap_view_set_selected_risk (self->map, risk);
    }
  if (self->store != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->map));
  g_object_unref (self);
}

static void
rerate_requested_cb (SdHeatmapView  *map,
                     SdRisk         *risk,
                     int             level,
                     int             likelihood,
                     int             impact,
                     SdWorkshopView *self)
{
  if (self->dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->dialog));
      return;
    }

  self->dialog = sd_rerate_dialog_present (GTK_WIDGET (self), self->store, risk, level,
                                           likelihood, impact,
                                           self->name[0] != '\0' ? self->name : NULL,
                                           rerate_done_cb, g_object_ref (self));
  if (self->dialog == NULL)
    return;
  g_object_add_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  /* The dialog is read from the back of the room too. */
  gtk_widget_add_css_class (self->dialog, "sd-workshop-dialog");
  gtk_widget_add_css_class (self->dialog, self->font_class);
}

/* The rest of the view */

static void
selected_risk_cb (SdWorkshopView *self)
{
  sd_risk_card_set_risk (self->card, sd_heatmap_view_get_selected_risk (self->map));
}

static void
level_toggled_cb (GtkToggleButton *button,
                  SdWorkshopView  *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  for (SdRiskLevel level = SD_RISK_LEVEL_INHERENT; level <= SD_RISK_LEVEL_TARGET; level++)
    if (button == self->level_buttons[level])
      sd_heatmap_view_set_level (self->map, level);
}

static void
map_level_cb (SdWorkshopView *self)
{
  SdRiskLevel level = sd_heatmap_view_get_level (self->map);

  if (level <= SD_RISK_LEVEL_TARGET && !gtk_toggle_button_get_active (self->level_buttons[level]))
    gtk_toggle_button_set_active (self->level_buttons[level], TRUE);
}

static void
name_changed_cb (SdWorkshopView *self)
{
  g_free (self->name);
  self->name = g_strstrip (g_strdup (gtk_editable_get_text (self->name_entry)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[LEAVE], 0);
}

static char *
default_name (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  /* Translators: the default name of a workshop, %s is today's date */
  return g_strdup_printf (_("Risk workshop %s"), date);
}

static GtkWidget *
build_header (SdWorkshopView *self)
{
  static const char *level_labels[] = { N_("_Inherent"), N_("_Residual"), N_("_Target") };
  g_autofree char *name = default_name ();
  GtkWidget *header, *label, *entry, *levels, *leave;

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (header, "sd-workshop-header");

  label = gtk_label_new_with_mnemonic (_("_Workshop"));
  gtk_widget_add_css_class (label, "sd-workshop-title");
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  self->name_entry = GTK_EDITABLE (entry);
  self->name = g_steal_pointer (&name);
  g_signal_connect_object (entry, "changed", G_CALLBACK (name_changed_cb), self,
                           G_CONNECT_SWAPPED);

  levels = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (levels, "linked");
  gtk_widget_set_valign (levels, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (levels), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Ratings shown"), -1);
  for (SdRiskLevel level = SD_RISK_LEVEL_INHERENT; level <= SD_RISK_LEVEL_TARGET; level++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_mnemonic (_(level_labels[level]));

      if (level > SD_RISK_LEVEL_INHERENT)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->level_buttons[0]);
      self->level_buttons[level] = GTK_TOGGLE_BUTTON (button);
      gtk_box_append (GTK_BOX (levels), button);
    }
  gtk_toggle_button_set_active (self->level_buttons[SD_RISK_LEVEL_INHERENT], TRUE);
  for (SdRiskLevel level = SD_RISK_LEVEL_INHERENT; level <= SD_RISK_LEVEL_TARGET; level++)
    g_signal_connect_object (self->level_buttons[level], "toggled",
                             G_CALLBACK (level_toggled_cb), self, 0);

  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "sd-workshop-count");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->count_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Changes made in this workshop"), -1);

  leave = gtk_button_new_with_mnemonic (_("_Leave Workshop"));
  gtk_widget_set_valign (leave, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (leave), "workshop.leave");
  gtk_widget_set_tooltip_text (leave, _("Leave workshop mode (F11 or Escape)"));

  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (header), entry);
  gtk_box_append (GTK_BOX (header), levels);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->count_label));
  gtk_box_append (GTK_BOX (header), leave);
  return header;
}

static GtkWidget *
build_side (SdWorkshopView *self)
{
  GtkWidget *side, *heading, *scroller;

  side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  /* The card as tall as its details; the changes get the rest, but
   * always room for a few (see apply_font_cb()). */
  gtk_widget_set_vexpand (GTK_WIDGET (self->card), FALSE);
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->card));

  heading = gtk_label_new (_("Changes in This Workshop"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "sd-workshop-heading");
  gtk_box_append (GTK_BOX (side), heading);

  self->changes = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->changes, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->changes), "sd-workshop-changes");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->changes),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Changes in this workshop, newest first"), -1);
  {
    GtkWidget *placeholder = gtk_label_new (_("Drag a risk to another cell, or move it with "
                                              "Shift and the arrow keys, to re-rate it."));

    gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
    gtk_label_set_xalign (GTK_LABEL (placeholder), 0);
    gtk_widget_add_css_class (placeholder, "sd-workshop-placeholder");
    gtk_list_box_set_placeholder (self->changes, placeholder);
  }
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->changes));
  gtk_widget_set_vexpand (scroller, TRUE);
  self->changes_scroller = GTK_SCROLLED_WINDOW (scroller);
  /* Tab goes into the changes themselves. */
  gtk_widget_set_focusable (scroller, FALSE);
  gtk_box_append (GTK_BOX (side), scroller);
  return side;
}

static void
sd_workshop_view_constructed (GObject *object)
{
  SdWorkshopView *self = SD_WORKSHOP_VIEW (object);

  G_OBJECT_CLASS (sd_workshop_view_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  g_assert (self->history != NULL);

  self->header = build_header (self);
  gtk_widget_set_parent (self->header, GTK_WIDGET (self));

  self->map = SD_HEATMAP_VIEW (sd_heatmap_view_new (self->store));
  sd_heatmap_view_set_workshop (self->map, TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->map), GTK_WIDGET (self));

  self->card = SD_RISK_CARD (sd_risk_card_new (self->store, self->history));
  sd_risk_card_set_large (self->card, TRUE);
  self->side = build_side (self);
  gtk_widget_set_parent (self->side, GTK_WIDGET (self));

  g_signal_connect_object (self->map, "notify::selected-risk", G_CALLBACK (selected_risk_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map, "notify::level", G_CALLBACK (map_level_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map, "rerate-requested", G_CALLBACK (rerate_requested_cb),
                           self, 0);
  g_signal_connect_object (self->history, "changed", G_CALLBACK (history_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_count (self);
}

static void
sd_workshop_view_dispose (GObject *object)
{
  SdWorkshopView *self = SD_WORKSHOP_VIEW (object);

  if (self->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
      gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->dialog)));
    }
  g_clear_handle_id (&self->font_idle_id, g_source_remove);
  if (self->font_provider != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->font_provider));
  g_clear_object (&self->font_provider);
  g_clear_pointer (&self->header, gtk_widget_unparent);
  if (self->map != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->map)));
  g_clear_pointer (&self->side, gtk_widget_unparent);
  g_clear_object (&self->history);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_workshop_view_parent_class)->dispose (object);
}

static void
sd_workshop_view_finalize (GObject *object)
{
  SdWorkshopView *self = SD_WORKSHOP_VIEW (object);

  g_free (self->name);
  g_free (self->font_class);

  G_OBJECT_CLASS (sd_workshop_view_parent_class)->finalize (object);
}

static void
sd_workshop_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SdWorkshopView *self = SD_WORKSHOP_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_N_CHANGES:
      g_value_set_uint (value, self->n_changes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_workshop_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SdWorkshopView *self = SD_WORKSHOP_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_workshop_view_class_init (SdWorkshopViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sd_workshop_view_constructed;
  object_class->dispose = sd_workshop_view_dispose;
  object_class->finalize = sd_workshop_view_finalize;
  object_class->get_property = sd_workshop_view_get_property;
  object_class->set_property = sd_workshop_view_set_property;

  widget_class->measure = sd_workshop_view_measure;
  widget_class->size_allocate = sd_workshop_view_size_allocate;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, SD_TYPE_RISK_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CHANGES] =
    g_param_spec_uint ("n-changes", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LEAVE] =
    g_signal_new ("leave", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "workshop.leave", NULL, leave_action);
  /* Bubbling: the map keeps Escape while it has an expanded cell to close. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "workshop.leave", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "workshop.leave", NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sd_workshop_view_init (SdWorkshopView *self)
{
  static guint instances = 0;

  self->font_class = g_strdup_printf ("sd-workshop-%u", ++instances);
  self->font_provider = gtk_css_provider_new ();
  /* Above the application's style.css, which sets the look in em. */
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->font_provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  gtk_widget_add_css_class (GTK_WIDGET (self), "sd-workshop");
  gtk_widget_add_css_class (GTK_WIDGET (self), self->font_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Risk workshop"), -1);
}

GtkWidget *
sd_workshop_view_new (SdStore       *store,
                      SdRiskHistory *history)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_RISK_HISTORY (history), NULL);

  return g_object_new (SD_TYPE_WORKSHOP_VIEW, "store", store, "history", history, NULL);
}

void
sd_workshop_view_start (SdWorkshopView *self,
                        SdRiskLevel     level,
                        SdRisk         *risk)
{
  GtkListBoxRow *row;

  g_return_if_fail (SD_IS_WORKSHOP_VIEW (self));
  g_return_if_fail (level <= SD_RISK_LEVEL_TARGET);
  g_return_if_fail (risk == NULL || SD_IS_RISK (risk));

  /* Row by row: the placeholder is a child of the list too, and stays. */
  while ((row = gtk_list_box_get_row_at_index (self->changes, 0)) != NULL)
    gtk_list_box_remove (self->changes, GTK_WIDGET (row));
  set_n_changes (self, 0);
  if (self->name[0] == '\0')
    {
      g_autofree char *name = default_name ();

      gtk_editable_set_text (self->name_entry, name);
    }

  gtk_toggle_button_set_active (self->level_buttons[level], TRUE);
  sd_heatmap_view_set_level (self->map, level);
  sd_heatmap_view_set_selected_risk (self->map, risk);
  sd_risk_card_set_risk (self->card, risk);
  gtk_widget_grab_focus (GTK_WIDGET (self->map));
}

const char *
sd_workshop_view_get_name (SdWorkshopView *self)
{
  g_return_val_if_fail (SD_IS_WORKSHOP_VIEW (self), NULL);

  return self->name;
}

guint
sd_workshop_view_get_n_changes (SdWorkshopView *self)
{
  g_return_val_if_fail (SD_IS_WORKSHOP_VIEW (self), 0);

  return self->n_changes;
}
