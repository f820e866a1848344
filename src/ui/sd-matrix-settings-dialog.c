/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-matrix-settings-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-file-actions.h"
#include "sd-matrix-settings.h"
#include "sd-matrix-settings-dialog.h"
#include "sd-risk-settings.h"
#include "sd-ui.h"

/*
 * The dialog edits a copy of the settings and writes it with Apply: a
 * change of size maps every rating, which is too much to happen while the
 * user is still choosing.
 *
 * The zone grid is made of buttons, so that each cell can take the focus,
 * be activated from the keyboard and be named for a screen reader ("Likely
 * × Minor: High"). A drag gesture on the grid, in the capture phase, paints
 * every cell the pointer passes over.
 */

#define CELL_KEY "sd-matrix-cell"

struct _SdMatrixSettingsDialog
{
  AdwWindow         parent_instance;

  SdStore          *store;
  SdMatrixSettings  settings;       /* what the dialog shows and will write */
  int               stored_size;
  SdMatrixPreset    preset;         /* the scheme a change of size starts from */
  SdZone            brush;
  char             *message;

  GtkWidget        *content;
  GtkToggleButton  *size_buttons[3];
  GtkWidget        *message_row;
  GtkToggleButton  *brush_buttons[SD_N_ZONES];
  GtkGrid          *grid;
  GtkWidget        *cells[SD_MATRIX_MAX_SIZE][SD_MATRIX_MAX_SIZE];
  GtkWidget        *grid_labels[2][SD_MATRIX_MAX_SIZE];  /* likelihood, impact */
  GtkWidget        *likelihood_title_row;
  GtkWidget        *impact_title_row;
  GtkWidget        *level_rows[2][SD_MATRIX_MAX_SIZE];
  guint             updating;
};

G_DEFINE_FINAL_TYPE (SdMatrixSettingsDialog, sd_matrix_settings_dialog, ADW_TYPE_WINDOW)

enum {
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const zone_classes[SD_N_ZONES] = { "low", "medium", "high", "major" };

/* Labels */

static const char *
default_label (gboolean likelihood,
               int      level,
               int      size)
{
  return likelihood ? sd_risk_likelihood_label_for_size (level, size)
                    : sd_risk_impact_label_for_size (level, size);
}

/* The label of a level as the dialog shows it now. */
static const char *
level_label (SdMatrixSettingsDialog *self,
             gboolean                likelihood,
             int                     level)
{
  GtkWidget *row = self->level_rows[likelihood ? 0 : 1][level - 1];
  const char *text = row != NULL ? gtk_editable_get_text (GTK_EDITABLE (row)) : NULL;

  if (text != NULL && *text != '\0')
    return text;
  return default_label (likelihood, level, self->settings.size);
}

/* The grid */

static void
update_cell (SdMatrixSettingsDialog *self,
             int                     likelihood,
             int                     impact)
{
  GtkWidget *cell = self->cells[likelihood - 1][impact - 1];
  SdZone zone = self->settings.zones[likelihood - 1][impact - 1];
  g_autofree char *name = NULL;

  gtk_button_set_label (GTK_BUTTON (cell), sd_zone_get_label (zone));
  for (guint z = 0; z < SD_N_ZONES; z++)
    if (z != zone)
      gtk_widget_remove_css_class (cell, zone_classes[z]);
  gtk_widget_add_css_class (cell, zone_classes[zone]);

  /* Translators: a cell of the zone editor, for a screen reader:
   * "Likelihood 4 Likely, impact 2 Minor: High" */
  name = g_strdup_printf (_("Likelihood %d %s, impact %d %s: %s"),
                          likelihood, level_label (self, TRUE, likelihood),
                          impact, level_label (self, FALSE, impact),
                          sd_zone_get_label (zone));
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_widget_set_tooltip_text (cell, name);
}

static void
update_grid (SdMatrixSettingsDialog *self)
{
  int size = self->settings.size;

  for (int l = 1; l <= SD_MATRIX_MAX_SIZE; l++)
    {
      gtk_widget_set_visible (self->grid_labels[0][l - 1], l <= size);
      gtk_widget_set_visible (self->grid_labels[1][l - 1], l <= size);
      if (l <= size)
        {
          gtk_label_set_label (GTK_LABEL (self->grid_labels[0][l - 1]),
                               level_label (self, TRUE, l));
          gtk_label_set_label (GTK_LABEL (self->grid_labels[1][l - 1]),
                               level_label (self, FALSE, l));
        }
      for (int i = 1; i <= SD_MATRIX_MAX_SIZE; i++)
        {
          gtk_widget_set_visible (self->cells[l - 1][i - 1], l <= size && i <= size);
          if (l <= size && i <= size)
            update_cell (self, l, i);
        }
    }
}

static void
paint (SdMatrixSettingsDialog *self,
       int                     likelihood,
       int                     impact,
       SdZone                  zone)
{
  if (likelihood < 1 || impact < 1 || likelihood > self->settings.size ||
      impact > self->settings.size || zone >= SD_N_ZONES)
    return;
  if (self->settings.zones[likelihood - 1][impact - 1] == zone)
    return;
  self->settings.zones[likelihood - 1][impact - 1] = zone;
  update_cell (self, likelihood, impact);
}

static gboolean
cell_of (GtkWidget *widget,
         int       *likelihood,
         int       *impact)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), CELL_KEY));

      if (position != 0)
        {
          *likelihood = (position - 1) / SD_MATRIX_MAX_SIZE + 1;
          *impact = (position - 1) % SD_MATRIX_MAX_SIZE + 1;
          return TRUE;
        }
      if (GTK_IS_GRID (widget))
        break;
    }
  return FALSE;
}

static void
paint_at (SdMatrixSettingsDialog *self,
          double                  x,
          double                  y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->grid), x, y, GTK_PICK_DEFAULT);
  int l, i;

  if (cell_of (picked, &l, &i))
    paint (self, l, i, self->brush);
}

static void
drag_begin_cb (GtkGestureDrag         *gesture,
               double                  x,
               double                  y,
               SdMatrixSettingsDialog *self)
{
  paint_at (self, x, y);
}

static void
drag_update_cb (GtkGestureDrag         *gesture,
                double                  dx,
                double                  dy,
                SdMatrixSettingsDialog *self)
{
  double x, y;

  if (gtk_gesture_drag_get_start_point (gesture, &x, &y))
    paint_at (self, x + dx, y + dy);
}

static void
cell_clicked_cb (GtkButton              *button,
                 SdMatrixSettingsDialog *self)
{
  int l, i;

  if (cell_of (GTK_WIDGET (button), &l, &i))
    paint (self, l, i, self->brush);
}

static void
set_brush (SdMatrixSettingsDialog *self,
           SdZone                  zone)
{
  self->brush = zone;
  self->updating++;
  gtk_toggle_button_set_active (self->brush_buttons[zone], TRUE);
  self->updating--;
}

static void
focus_cell (SdMatrixSettingsDialog *self,
            int                     likelihood,
            int                     impact)
{
  likelihood = CLAMP (likelihood, 1, self->settings.size);
  impact = CLAMP (impact, 1, self->settings.size);
  gtk_widget_grab_focus (self->cells[likelihood - 1][impact - 1]);
}

static gboolean
grid_key_pressed_cb (GtkEventControllerKey  *controller,
                     guint                   keyval,
                     guint                   keycode,
                     GdkModifierType         state,
                     SdMatrixSettingsDialog *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  int l, i;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || !cell_of (focus, &l, &i))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    /* Likelihood grows upwards, as on the heat map. */
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      focus_cell (self, l + 1, i);
      return GDK_EVENT_STOP;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      focus_cell (self, l - 1, i);
      return GDK_EVENT_STOP;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      focus_cell (self, l, i - 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      focus_cell (self, l, i + 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_1:
    case GDK_KEY_2:
    case GDK_KEY_3:
    case GDK_KEY_4:
      set_brush (self, keyval - GDK_KEY_1);
      paint (self, l, i, keyval - GDK_KEY_1);
      return GDK_EVENT_STOP;
    case GDK_KEY_KP_1:
    case GDK_KEY_KP_2:
    case GDK_KEY_KP_3:
    case GDK_KEY_KP_4:
      set_brush (self, keyval - GDK_KEY_KP_1);
      paint (self, l, i, keyval - GDK_KEY_KP_1);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
brush_toggled_cb (GtkToggleButton        *button,
                  SdMatrixSettingsDialog *self)
{
  if (self->updating > 0 || !gtk_toggle_button_get_active (button))
    return;
  for (guint z = 0; z < SD_N_ZONES; z++)
    if (self->brush_buttons[z] == button)
      self->brush = z;
}

/* Size */

static void
update_message (SdMatrixSettingsDialog *self)
{
  int size = self->settings.size;
  guint n = 0;

  g_clear_pointer (&self->message, g_free);
  if (size != self->stored_size)
    {
      n = sd_risk_matrix_count_moved (self->store, size);
      if (n > 0)
        /* Translators: shown when the user picks another matrix size */
        self->message = g_strdup_printf (ngettext ("Changing the size moves %u risk: its "
                                                   "ratings are mapped proportionally and "
                                                   "recorded in its history.",
                                                   "Changing the size moves %u risks: their "
                                                   "ratings are mapped proportionally and "
                                                   "recorded in their history.", n), n);
      else
        self->message = g_strdup (_("Changing the size moves no risk."));
    }
  if (self->message != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->message_row), self->message);
  gtk_widget_set_visible (self->message_row, self->message != NULL);
}

static void
update_level_rows (SdMatrixSettingsDialog *self,
                   int                     old_size)
{
  int size = self->settings.size;

  self->updating++;
  for (int axis = 0; axis < 2; axis++)
    for (int level = 1; level <= SD_MATRIX_MAX_SIZE; level++)
      {
        GtkWidget *row = self->level_rows[axis][level - 1];
        const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

        gtk_widget_set_visible (row, level <= size);
        /* A label the user did not change follows the size. */
        if (*text == '\0' || g_strcmp0 (text, default_label (axis == 0, level, old_size)) == 0)
          gtk_editable_set_text (GTK_EDITABLE (row),
                                 level <= size ? default_label (axis == 0, level, size) : "");
      }
  self->updating--;
}

void
sd_matrix_settings_dialog_set_size (SdMatrixSettingsDialog *self,
                                    int                     size)
{
  int old_size;

  g_return_if_fail (SD_IS_MATRIX_SETTINGS_DIALOG (self));
  g_return_if_fail (size >= 3 && size <= SD_MATRIX_MAX_SIZE);

  old_size = self->settings.size;
  if (size != old_size)
    {
      self->settings.size = size;
      sd_matrix_preset_fill (self->preset, size, self->settings.zones);
      update_level_rows (self, old_size);
      update_grid (self);
      update_message (self);
    }
  self->updating++;
  gtk_toggle_button_set_active (self->size_buttons[size - 3], TRUE);
  self->updating--;
}

int
sd_matrix_settings_dialog_get_size (SdMatrixSettingsDialog *self)
{
  g_return_val_if_fail (SD_IS_MATRIX_SETTINGS_DIALOG (self), 0);

  return self->settings.size;
}

static void
size_toggled_cb (GtkToggleButton        *button,
                 SdMatrixSettingsDialog *self)
{
  if (self->updating > 0 || !gtk_toggle_button_get_active (button))
    return;
  for (int i = 0; i < 3; i++)
    if (self->size_buttons[i] == button)
      sd_matrix_settings_dialog_set_size (self, i + 3);
}

SdZone
sd_matrix_settings_dialog_get_zone (SdMatrixSettingsDialog *self,
                                    int                     likelihood,
                                    int                     impact)
{
  g_return_val_if_fail (SD_IS_MATRIX_SETTINGS_DIALOG (self), SD_ZONE_LOW);
  g_return_val_if_fail (likelihood >= 1 && likelihood <= SD_MATRIX_MAX_SIZE, SD_ZONE_LOW);
  g_return_val_if_fail (impact >= 1 && impact <= SD_MATRIX_MAX_SIZE, SD_ZONE_LOW);

  return self->settings.zones[likelihood - 1][impact - 1];
}

void
sd_matrix_settings_dialog_paint (SdMatrixSettingsDialog *self,
                                 int                     likelihood,
                                 int                     impact,
                                 SdZone                  zone)
{
  g_return_if_fail (SD_IS_MATRIX_SETTINGS_DIALOG (self));

  set_brush (self, zone);
  paint (self, likelihood, impact, zone);
}

void
sd_matrix_settings_dialog_apply_preset (SdMatrixSettingsDialog *self,
                                        SdMatrixPreset          preset)
{
  g_return_if_fail (SD_IS_MATRIX_SETTINGS_DIALOG (self));
  g_return_if_fail (preset < SD_N_MATRIX_PRESETS);

  self->preset = preset;
  sd_matrix_preset_fill (preset, self->settings.size, self->settings.zones);
  update_grid (self);
}

const char *
sd_matrix_settings_dialog_get_message (SdMatrixSettingsDialog *self)
{
  g_return_val_if_fail (SD_IS_MATRIX_SETTINGS_DIALOG (self), NULL);

  return self->message;
}

static void
labels_changed_cb (SdMatrixSettingsDialog *self)
{
  if (self->updating == 0)
    update_grid (self);
}

/* Apply */

/* NULL for an empty text or the default: the default then follows the
 * language and the size. */
static char *
label_or_null (GtkWidget  *row,
               const char *default_text)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text == '\0' || g_strcmp0 (text, default_text) == 0)
    return NULL;
  return g_steal_pointer (&text);
}

gboolean
sd_matrix_settings_dialog_apply (SdMatrixSettingsDialog *self,
                                 GError                **error)
{
  SdMatrixSettings settings = { 0 };
  g_autoptr(GError) local_error = NULL;
  guint n_moved = 0;
  gboolean ok;

  g_return_val_if_fail (SD_IS_MATRIX_SETTINGS_DIALOG (self), FALSE);

  sd_matrix_settings_copy (&self->settings, &settings);
  g_clear_pointer (&settings.likelihood_title, g_free);
  g_clear_pointer (&settings.impact_title, g_free);
  settings.likelihood_title = label_or_null (self->likelihood_title_row, NULL);
  settings.impact_title = label_or_null (self->impact_title_row, NULL);
  for (int level = 1; level <= SD_MATRIX_MAX_SIZE; level++)
    {
      g_clear_pointer (&settings.likelihood_labels[level - 1], g_free);
      g_clear_pointer (&settings.impact_labels[level - 1], g_free);
      if (level > settings.size)
        continue;
      settings.likelihood_labels[level - 1] =
        label_or_null (self->level_rows[0][level - 1], default_label (TRUE, level, settings.size));
      settings.impact_labels[level - 1] =
        label_or_null (self->level_rows[1][level - 1], default_label (FALSE, level, settings.size));
    }

  ok = sd_risk_matrix_apply (self->store, &settings, &n_moved, &local_error);
  sd_matrix_settings_clear (&settings);
  if (!ok)
    {
      sd_ui_toast_error (self->content, _("Could not save the matrix"), local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_signal_emit (self, signals[APPLIED], 0, n_moved);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  sd_matrix_settings_dialog_apply (SD_MATRIX_SETTINGS_DIALOG (widget), NULL);
}

static void
preset_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  int preset = g_variant_get_int32 (parameter);

  if (preset >= 0 && preset < SD_N_MATRIX_PRESETS)
    sd_matrix_settings_dialog_apply_preset (SD_MATRIX_SETTINGS_DIALOG (widget), preset);
}

/* Building */

static GtkWidget *
make_size_row (SdMatrixSettingsDialog *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Size"));
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Size of the matrix"),
                                  -1);
  for (int i = 0; i < 3; i++)
    {
      /* Translators: a size of the risk matrix: "3 × 3" */
      g_autofree char *label = g_strdup_printf (_("%d × %d"), i + 3, i + 3);
      GtkWidget *button = gtk_toggle_button_new_with_label (label);

      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->size_buttons[0]);
      g_signal_connect (button, "toggled", G_CALLBACK (size_toggled_cb), self);
      gtk_box_append (GTK_BOX (box), button);
      self->size_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  return row;
}

static GtkWidget *
make_zone_editor (SdMatrixSettingsDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *brushes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *brush_line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *brush_label = gtk_label_new_with_mnemonic (_("_Brush"));
  GtkWidget *hint;
  GtkWidget *axis;
  GtkGesture *drag;
  GtkEventController *keys;

  gtk_widget_add_css_class (brushes, "linked");
  gtk_accessible_update_property (GTK_ACCESSIBLE (brushes),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Zone to paint with"),
                                  -1);
  for (guint z = 0; z < SD_N_ZONES; z++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (sd_zone_get_label (z));
      /* Translators: tooltip of a brush of the zone editor: "Paint with
       * High (key 3)" */
      g_autofree char *tooltip = g_strdup_printf (_("Paint with %s (key %u)"),
                                                  sd_zone_get_label (z), z + 1);

      if (z > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->brush_buttons[0]);
      gtk_widget_add_css_class (button, "sd-zone-cell");
      gtk_widget_add_css_class (button, zone_classes[z]);
      gtk_widget_set_tooltip_text (button, tooltip);
      g_signal_connect (button, "toggled", G_CALLBACK (brush_toggled_cb), self);
      gtk_box_append (GTK_BOX (brushes), button);
      self->brush_buttons[z] = GTK_TOGGLE_BUTTON (button);
    }
  gtk_label_set_mnemonic_widget (GTK_LABEL (brush_label), GTK_WIDGET (self->brush_buttons[0]));
  gtk_box_append (GTK_BOX (brush_line), brush_label);
  gtk_box_append (GTK_BOX (brush_line), brushes);
  gtk_box_append (GTK_BOX (box), brush_line);

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->grid, 4);
  gtk_grid_set_column_spacing (self->grid, 4);
  gtk_widget_set_halign (GTK_WIDGET (self->grid), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Zones of the cells"),
                                  -1);

  /* Column 0 and the last row name the levels; likelihood grows upwards. */
  for (int l = 1; l <= SD_MATRIX_MAX_SIZE; l++)
    {
      int row = SD_MATRIX_MAX_SIZE - l;
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->grid, label, 0, row, 1, 1);
      self->grid_labels[0][l - 1] = label;

      for (int i = 1; i <= SD_MATRIX_MAX_SIZE; i++)
        {
          GtkWidget *cell = gtk_button_new ();
          g_autofree char *name = g_strdup_printf ("cell-%d-%d", l, i);

          gtk_widget_set_name (cell, name);
          gtk_widget_add_css_class (cell, "sd-zone-cell");
          gtk_widget_set_size_request (cell, 72, 44);
          g_object_set_data (G_OBJECT (cell), CELL_KEY,
                             GUINT_TO_POINTER ((l - 1) * SD_MATRIX_MAX_SIZE + i));
          g_signal_connect (cell, "clicked", G_CALLBACK (cell_clicked_cb), self);
          gtk_grid_attach (self->grid, cell, i, row, 1, 1);
          self->cells[l - 1][i - 1] = cell;
        }
    }
  for (int i = 1; i <= SD_MATRIX_MAX_SIZE; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->grid, label, i, SD_MATRIX_MAX_SIZE, 1, 1);
      self->grid_labels[1][i - 1] = label;
    }
  axis = gtk_label_new (_("Likelihood ↑   Impact →"));
  gtk_widget_add_css_class (axis, "caption-heading");
  gtk_widget_add_css_class (axis, "dim-label");
  gtk_grid_attach (self->grid, axis, 0, SD_MATRIX_MAX_SIZE + 1, SD_MATRIX_MAX_SIZE + 1, 1);

  drag = gtk_gesture_drag_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->grid), GTK_EVENT_CONTROLLER (drag));
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (grid_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->grid), keys);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->grid));

  hint = gtk_label_new (_("Click or drag over cells to paint them with the brush. Keyboard: "
                          "the arrows move between cells, 1 to 4 paint a cell with a zone, "
                          "Space with the brush."));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (GTK_BOX (box), hint);
  return box;
}

static GtkWidget *
make_presets_button (void)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();

  for (int preset = 0; preset < SD_N_MATRIX_PRESETS; preset++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (sd_matrix_preset_label (preset), NULL);

      g_menu_item_set_action_and_target_value (item, "matrix.preset",
                                               g_variant_new_int32 (preset));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("_Presets"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Fill the zones from a preset scheme"));
  return button;
}

static GtkWidget *
make_entry_row (SdMatrixSettingsDialog *self,
                AdwPreferencesGroup    *group,
                const char             *title,
                const char             *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  g_signal_connect_swapped (row, "changed", G_CALLBACK (labels_changed_cb), self);
  adw_preferences_group_add (group, row);
  return row;
}

static void
build (SdMatrixSettingsDialog *self)
{
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *apply = gtk_button_new_with_mnemonic (_("_Apply"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  AdwPreferencesGroup *size_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *zones_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *axes_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *levels_groups[2];
  GtkWidget *icon;

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (apply), "matrix.apply");
  gtk_widget_add_css_class (apply, "suggested-action");
  gtk_widget_set_tooltip_text (apply, _("Save the matrix and map the ratings (Ctrl+Enter)"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), apply);
  gtk_box_append (GTK_BOX (box), header);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (box), scrolled);

  /* Size */
  adw_preferences_group_set_title (size_group, _("Size"));
  adw_preferences_group_add (size_group, make_size_row (self));
  self->message_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->message_row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self->message_row), 0);
  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (self->message_row), icon);
  gtk_widget_set_visible (self->message_row, FALSE);
  adw_preferences_group_add (size_group, self->message_row);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (size_group));

  /* Zones */
  adw_preferences_group_set_title (zones_group, _("Zones"));
  adw_preferences_group_set_header_suffix (zones_group, make_presets_button ());
  adw_preferences_group_add (zones_group, make_zone_editor (self));
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (zones_group));

  /* Axes */
  adw_preferences_group_set_title (axes_group, _("Axis Titles"));
  adw_preferences_group_set_description (axes_group, _("Empty: “Likelihood” and “Impact”."));
  self->likelihood_title_row = make_entry_row (self, axes_group, _("Likelihood axis"),
                                               self->settings.likelihood_title);
  self->impact_title_row = make_entry_row (self, axes_group, _("Impact axis"),
                                           self->settings.impact_title);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (axes_group));

  for (int axis = 0; axis < 2; axis++)
    {
      levels_groups[axis] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (levels_groups[axis],
                                       axis == 0 ? _("Likelihood Levels") : _("Impact Levels"));
      for (int level = 1; level <= SD_MATRIX_MAX_SIZE; level++)
        {
          char * const *labels = axis == 0 ? self->settings.likelihood_labels
                                           : self->settings.impact_labels;
          const char *text = level <= self->settings.size && labels[level - 1] != NULL
                             ? labels[level - 1]
                             : level <= self->settings.size
                             ? default_label (axis == 0, level, self->settings.size) : NULL;
          g_autofree char *title = NULL;

          if (axis == 0)
            /* Translators: an entry of the matrix settings: "Likelihood 3" */
            title = g_strdup_printf (_("Likelihood %d"), level);
          else
            /* Translators: an entry of the matrix settings: "Impact 3" */
            title = g_strdup_printf (_("Impact %d"), level);

          self->level_rows[axis][level - 1] = make_entry_row (self, levels_groups[axis], title,
                                                              text);
          gtk_widget_set_visible (self->level_rows[axis][level - 1],
                                  level <= self->settings.size);
        }
      gtk_box_append (GTK_BOX (page), GTK_WIDGET (levels_groups[axis]));
    }

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), box);
  adw_window_set_content (ADW_WINDOW (self), overlay);
  self->content = box;
}

/* GObject */

static void
sd_matrix_settings_dialog_dispose (GObject *object)
{
  SdMatrixSettingsDialog *self = SD_MATRIX_SETTINGS_DIALOG (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_matrix_settings_dialog_parent_class)->dispose (object);
}

static void
sd_matrix_settings_dialog_finalize (GObject *object)
{
  SdMatrixSettingsDialog *self = SD_MATRIX_SETTINGS_DIALOG (object);

  sd_matrix_settings_clear (&self->settings);
  g_free (self->message);

  G_OBJECT_CLASS (sd_matrix_settings_dialog_parent_class)->finalize (object);
}

static void
sd_matrix_settings_dialog_class_init (SdMatrixSettingsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_matrix_settings_dialog_dispose;
  object_class->finalize = sd_matrix_settings_dialog_finalize;

  /**
   * SdMatrixSettingsDialog::applied:
   * @n_moved: the risks whose ratings were mapped onto the new size
   */
  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "matrix.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "matrix.preset", "i", preset_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "matrix.apply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "matrix.apply", NULL);
}

static void
sd_matrix_settings_dialog_init (SdMatrixSettingsDialog *self)
{
  sd_ui_ensure_resources ();
  gtk_window_set_title (GTK_WINDOW (self), _("Risk Matrix"));
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 760);
}

GtkWidget *
sd_matrix_settings_dialog_new (SdStore *store)
{
  SdMatrixSettingsDialog *self;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  self = g_object_new (SD_TYPE_MATRIX_SETTINGS_DIALOG, NULL);
  self->store = g_object_ref (store);
  sd_store_get_matrix (store, &self->settings);
  self->stored_size = self->settings.size;
  self->preset = SD_MATRIX_PRESET_BY_SCORE;
  build (self);
  self->updating++;
  gtk_toggle_button_set_active (self->size_buttons[self->settings.size - 3], TRUE);
  gtk_toggle_button_set_active (self->brush_buttons[SD_ZONE_HIGH], TRUE);
  self->updating--;
  self->brush = SD_ZONE_HIGH;
  update_grid (self);
  update_message (self);
  return GTK_WIDGET (self);
}
