/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-risk-card"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-labels.h"
#include "sd-person.h"
#include "sd-risk-card.h"
#include "sd-risk-category.h"
#include "sd-risk-filter.h"
#include "sd-risk-matrix.h"
#include "sd-risk-rating.h"
#include "sd-unit.h"

/* In workshop mode the card shares the projector with the map: only the
 * last few re-ratings fit in type that large. */
#define LARGE_HISTORY 3

/* The style classes of the zones, as the register's rating chips
 * (resources/style.css: .zone-badge.low …). */
static const char * const zone_classes[SD_N_ZONES] = { "low", "medium", "high", "major" };

typedef enum
{
  FIELD_CATEGORY,
  FIELD_OWNER,
  FIELD_STATUS,
  FIELD_TREATMENT,
  FIELD_MEASURES,
  FIELD_NEXT_REVIEW,
  FIELD_DESCRIPTION,
  N_FIELDS
} Field;

struct _SdRiskCard
{
  GtkWidget      parent_instance;

  SdStore       *store;
  SdRiskHistory *history;
  SdRisk        *risk;
  gboolean       large;

  GtkStack      *stack;
  GtkWidget     *empty_page;
  GtkWidget     *risk_page;
  GtkWidget     *scroller;
  GtkWidget     *content;
  GtkLabel      *code_label;
  GtkLabel      *title_label;
  GtkLabel      *chips[3];           /* by SdRiskLevel */
  GtkWidget     *field_keys[N_FIELDS];
  GtkLabel      *field_values[N_FIELDS];
  GtkLabel      *history_heading;
  GtkListBox    *history_list;
  GtkLabel      *history_more;
};

G_DEFINE_FINAL_TYPE (SdRiskCard, sd_risk_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_HISTORY,
  PROP_RISK,
  PROP_LARGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_zone_chip (GtkLabel *chip,
               SdZone    zone)
{
  gtk_widget_add_css_class (GTK_WIDGET (chip), "zone-badge");
  for (guint z = 0; z < SD_N_ZONES; z++)
    gtk_widget_remove_css_class (GTK_WIDGET (chip), zone_classes[z]);
  if (zone < SD_N_ZONES)
    gtk_widget_add_css_class (GTK_WIDGET (chip), zone_classes[zone]);
}

/* A rating as the chip shows it: "3×5 = 15 (Major)", in its zone's colour. */
static void
set_rating_chip (SdRiskCard *self,
                 GtkLabel   *chip,
                 int         likelihood,
                 int         impact)
{
  g_autofree char *text = NULL;
  SdZone zone;

  if (likelihood <= 0 || impact <= 0)
    {
      /* Translators: a rating that was not set before */
      gtk_label_set_label (chip, C_("rating", "none"));
      set_zone_chip (chip, SD_N_ZONES);
      return;
    }
  zone = sd_store_get_zone (self->store, likelihood, impact);
  /* Translators: a rating with its zone: likelihood × impact = score (zone),
   * e.g. "3×5 = 15 (Major)" */
  text = g_strdup_printf (_("%d×%d = %d (%s)"), likelihood, impact,
                          sd_risk_score (likelihood, impact), sd_zone_get_label (zone));
  gtk_label_set_label (chip, text);
  set_zone_chip (chip, zone);
}

static GtkLabel *
new_label (const char *style_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);
  return GTK_LABEL (label);
}

static void
set_field (SdRiskCard *self,
           Field       field,
           const char *text)
{
  gboolean shown = text != NULL && text[0] != '\0';

  gtk_label_set_label (self->field_values[field], shown ? text : "");
  gtk_widget_set_visible (self->field_keys[field], shown);
  gtk_widget_set_visible (GTK_WIDGET (self->field_values[field]), shown);
}

static void
update_details (SdRiskCard *self)
{
  SdRisk *risk = self->risk;
  SdRiskCategory *category;
  SdPerson *person;
  SdUnit *unit;
  g_autofree char *owner = NULL;
  g_autofree char *review = NULL;
  g_autoptr(GDateTime) now = NULL;
  const char *next_review;

  if (risk == NULL)
    return;

  gtk_label_set_label (self->code_label, sd_risk_get_code (risk));
  gtk_label_set_label (self->title_label, sd_risk_get_title (risk));

  for (SdRiskLevel level = SD_RISK_LEVEL_INHERENT; level <= SD_RISK_LEVEL_TARGET; level++)
    {
      int l, i;

      sd_risk_get_rating (risk, level, &l, &i);
      set_rating_chip (self, self->chips[level], l, i);
    }

  category = sd_store_lookup (self->store, SD_TYPE_RISK_CATEGORY, sd_risk_get_category_id (risk));
  set_field (self, FIELD_CATEGORY,
             category != NULL ? sd_risk_category_label (sd_risk_category_get_code (category),
                                                        sd_risk_category_get_name (category))
                              : NULL);

  person = sd_store_lookup (self->store, SD_TYPE_PERSON, sd_risk_get_owner_person_id (risk));
  unit = sd_store_lookup (self->store, SD_TYPE_UNIT, sd_risk_get_owner_unit_id (risk));
  if (person != NULL && unit != NULL)
    /* Translators: a risk's owner: "person (unit)" */
    owner = g_strdup_printf (_("%s (%s)"), sd_person_get_name (person), sd_unit_get_name (unit));
  else if (person != NULL)
    owner = g_strdup (sd_person_get_name (person));
  else if (unit != NULL)
    owner = g_strdup (sd_unit_get_name (unit));
  set_field (self, FIELD_OWNER, owner);

  set_field (self, FIELD_STATUS, sd_risk_status_label (sd_risk_get_status (risk)));
  set_field (self, FIELD_TREATMENT, sd_risk_treatment_label (sd_risk_get_treatment (risk)));
  set_field (self, FIELD_MEASURES, sd_risk_get_measures (risk));

  next_review = sd_risk_get_next_review (risk);
  now = g_date_time_new_now_local ();
  if (next_review != NULL && next_review[0] != '\0' && sd_risk_review_overdue (risk, now))
    {
      /* Translators: the next review date of a risk, when it has passed */
      review = g_strdup_printf (_("%s (overdue)"), next_review);
      gtk_widget_add_css_class (GTK_WIDGET (self->field_values[FIELD_NEXT_REVIEW]), "error");
    }
  else
    {
      review = g_strdup (next_review);
      gtk_widget_remove_css_class (GTK_WIDGET (self->field_values[FIELD_NEXT_REVIEW]), "error");
    }
  set_field (self, FIELD_NEXT_REVIEW, review);

  /* The projector has no room for prose; the desktop card has. */
  set_field (self, FIELD_DESCRIPTION, self->large ? NULL : sd_risk_get_description (risk));
}

static char *
format_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso != NULL ? iso : "");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static GtkWidget *
history_row (SdRiskCard   *self,
             SdAssessment *assessment)
{
  GtkWidget *row, *box, *line, *arrow;
  GtkLabel *when, *old_chip, *new_chip, *why;
  g_autofree char *time = format_time (sd_assessment_get_at (assessment));
  g_autofree char *heading = NULL;
  g_autofree char *reason = NULL;
  const char *text = sd_assessment_get_reason (assessment);
  const char *workshop = sd_assessment_get_workshop (assessment);
  SdRiskLevel level = SD_RISK_LEVEL_INHERENT;

  sd_risk_level_from_code (sd_assessment_get_level (assessment), &level);

  /* Three lines, so that the row fits beside the map: when and which
   * rating, old → new, why. */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  when = new_label ("sd-risk-card-time");
  /* Translators: when a rating was changed, and which: "2026-03-01 14:30 · Inherent" */
  heading = g_strdup_printf (_("%s · %s"), time, sd_risk_level_label (level));
  gtk_label_set_label (when, heading);
  old_chip = new_label (NULL);
  gtk_label_set_wrap (old_chip, FALSE);
  set_rating_chip (self, old_chip, sd_assessment_get_old_likelihood (assessment),
                   sd_assessment_get_old_impact (assessment));
  arrow = gtk_label_new ("→");
  new_chip = new_label (NULL);
  gtk_label_set_wrap (new_chip, FALSE);
  set_rating_chip (self, new_chip, sd_assessment_get_new_likelihood (assessment),
                   sd_assessment_get_new_impact (assessment));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (when));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (old_chip));
  gtk_box_append (GTK_BOX (line), arrow);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (new_chip));
  gtk_box_append (GTK_BOX (box), line);

  if (text != NULL && text[0] != '\0' && workshop != NULL && workshop[0] != '\0' &&
      g_strcmp0 (text, workshop) != 0)
    /* Translators: the reason of a re-rating, then the workshop it was made in */
    reason = g_strdup_printf (_("%s · %s"), text, workshop);
  else if (text != NULL && text[0] != '\0')
    reason = g_strdup (text);
  else if (workshop != NULL && workshop[0] != '\0')
    reason = g_strdup (workshop);
  if (reason != NULL)
    {
      why = new_label ("sd-risk-card-reason");
      gtk_label_set_label (why, reason);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (why));
    }

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
update_history (SdRiskCard *self)
{
  GtkListBoxRow *row;
  GPtrArray *assessments;
  guint first = 0;

  /* Row by row: the placeholder is a child of the list too, and stays. */
  while ((row = gtk_list_box_get_row_at_index (self->history_list, 0)) != NULL)
    gtk_list_box_remove (self->history_list, GTK_WIDGET (row));

  if (self->risk == NULL)
    return;

  assessments = sd_risk_history_get (self->history, sd_item_get_id (SD_ITEM (self->risk)));
  if (self->large && assessments->len > LARGE_HISTORY)
    first = assessments->len - LARGE_HISTORY;
  for (guint a = first; a < assessments->len; a++)
    gtk_list_box_append (self->history_list,
                         history_row (self, g_ptr_array_index (assessments, a)));

  if (first > 0)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("%u earlier re-rating not shown",
                                                         "%u earlier re-ratings not shown",
                                                         first),
                                               first);

      gtk_label_set_label (self->history_more, more);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->history_more), first > 0);
}

static void
update (SdRiskCard *self)
{
  gtk_stack_set_visible_child (self->stack,
                               self->risk != NULL ? self->risk_page : self->empty_page);
  update_details (self);
  update_history (self);
}

static void
risk_notify_cb (SdRiskCard *self)
{
  update_details (self);
}

static void
history_changed_cb (SdRiskCard *self)
{
  update_history (self);
}

static void
risks_changed_cb (SdRiskCard *self)
{
  /* A deleted risk leaves the card (its object may live on elsewhere). */
  if (self->risk != NULL &&
      sd_store_lookup (self->store, SD_TYPE_RISK, sd_item_get_id (SD_ITEM (self->risk))) !=
      (gpointer) self->risk)
    sd_risk_card_set_risk (self, NULL);
}

static void
matrix_changed_cb (SdRiskCard *self)
{
  update (self);
}

static GtkWidget *
build_empty_page (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkLabel *title = new_label ("sd-risk-card-title");
  GtkLabel *hint = new_label (NULL);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_label_set_label (title, _("No Risk Selected"));
  gtk_label_set_label (hint, _("Select a risk on the map to see its details and history."));
  gtk_label_set_xalign (title, 0.5);
  gtk_label_set_xalign (hint, 0.5);
  gtk_label_set_justify (hint, GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (title));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (hint));
  return box;
}

static void
build (SdRiskCard *self)
{
  static const char *field_titles[N_FIELDS] = {
    N_("Category"), N_("Owner"), N_("Status"), N_("Treatment"), N_("Measures"),
    N_("Next review"), N_("Description"),
  };
  GtkWidget *scroller, *box, *header, *grid, *history_box;
  int row = 0;

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  self->empty_page = build_empty_page ();
  gtk_stack_add_named (self->stack, self->empty_page, "empty");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (box, "sd-risk-card-content");

  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  self->code_label = new_label ("sd-risk-card-code");
  self->title_label = new_label ("sd-risk-card-title");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->code_label));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->title_label));
  gtk_box_append (GTK_BOX (box), header);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (SdRiskLevel level = SD_RISK_LEVEL_INHERENT; level <= SD_RISK_LEVEL_TARGET; level++)
    {
      GtkLabel *key = new_label ("sd-risk-card-key");

      gtk_label_set_label (key, sd_risk_level_label (level));
      gtk_label_set_wrap (key, FALSE);
      self->chips[level] = new_label (NULL);
      gtk_widget_set_halign (GTK_WIDGET (self->chips[level]), GTK_ALIGN_START);
      gtk_label_set_mnemonic_widget (key, GTK_WIDGET (self->chips[level]));
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (key), 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->chips[level]), 1, row, 1, 1);
      row++;
    }
  for (Field field = 0; field < N_FIELDS; field++)
    {
      GtkLabel *key = new_label ("sd-risk-card-key");

      gtk_label_set_label (key, _(field_titles[field]));
      gtk_label_set_wrap (key, FALSE);
      gtk_widget_set_valign (GTK_WIDGET (key), GTK_ALIGN_START);
      self->field_keys[field] = GTK_WIDGET (key);
      self->field_values[field] = new_label (NULL);
      gtk_widget_set_hexpand (GTK_WIDGET (self->field_values[field]), TRUE);
      gtk_label_set_mnemonic_widget (key, GTK_WIDGET (self->field_values[field]));
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (key), 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->field_values[field]), 1, row, 1, 1);
      row++;
    }
  gtk_box_append (GTK_BOX (box), grid);

  history_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->history_heading = new_label ("sd-risk-card-heading");
  gtk_label_set_label (self->history_heading, _("History"));
  self->history_more = new_label ("sd-risk-card-reason");
  gtk_widget_set_visible (GTK_WIDGET (self->history_more), FALSE);
  self->history_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->history_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->history_list), "sd-risk-card-history");
  {
    GtkLabel *placeholder = new_label ("sd-risk-card-reason");

    gtk_label_set_label (placeholder, _("Not re-rated yet."));
    gtk_list_box_set_placeholder (self->history_list, GTK_WIDGET (placeholder));
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->history_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("History of the risk"),
                                  -1);
  gtk_box_append (GTK_BOX (history_box), GTK_WIDGET (self->history_heading));
  gtk_box_append (GTK_BOX (history_box), GTK_WIDGET (self->history_more));
  gtk_box_append (GTK_BOX (history_box), GTK_WIDGET (self->history_list));
  gtk_box_append (GTK_BOX (box), history_box);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  self->risk_page = scroller;
  self->scroller = scroller;
  self->content = box;
  gtk_stack_add_named (self->stack, scroller, "risk");
  gtk_stack_set_visible_child (self->stack, self->empty_page);
}

/* As tall as the details where there is room; it scrolls only where not.
 * (A scrolled window's natural height ignores the width its wrapped labels
 * get, so the natural height comes from the details themselves.) */
static void
sd_risk_card_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  SdRiskCard *self = SD_RISK_CARD (widget);

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size, minimum, natural,
                      NULL, NULL);
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0 &&
      gtk_stack_get_visible_child (self->stack) == self->risk_page)
    {
      int content_min;

      gtk_widget_measure (self->content, orientation, for_size, &content_min, natural,
                          NULL, NULL);
      *natural = MAX (*natural, *minimum);
    }
}

static void
sd_risk_card_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  SdRiskCard *self = SD_RISK_CARD (widget);

  gtk_widget_size_allocate (GTK_WIDGET (self->stack),
                            &(GtkAllocation) { 0, 0, width, height }, baseline);
}

static GtkSizeRequestMode
sd_risk_card_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sd_risk_card_constructed (GObject *object)
{
  SdRiskCard *self = SD_RISK_CARD (object);

  G_OBJECT_CLASS (sd_risk_card_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  g_assert (self->history != NULL);

  g_signal_connect_object (self->history, "changed", G_CALLBACK (history_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (sd_store_get_items (self->store, SD_TYPE_RISK), "items-changed",
                           G_CALLBACK (risks_changed_cb), self, G_CONNECT_SWAPPED);
  /* The zones of the chips follow the matrix settings. */
  if (g_signal_lookup ("matrix-changed", SD_TYPE_STORE) != 0)
    g_signal_connect_object (self->store, "matrix-changed", G_CALLBACK (matrix_changed_cb),
                             self, G_CONNECT_SWAPPED);
}

static void
sd_risk_card_dispose (GObject *object)
{
  SdRiskCard *self = SD_RISK_CARD (object);

  if (self->risk != NULL)
    g_signal_handlers_disconnect_by_data (self->risk, self);
  g_clear_object (&self->risk);
  if (self->stack != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->stack)));
  g_clear_object (&self->history);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_risk_card_parent_class)->dispose (object);
}

static void
sd_risk_card_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SdRiskCard *self = SD_RISK_CARD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_RISK:
      g_value_set_object (value, self->risk);
      break;
    case PROP_LARGE:
      g_value_set_boolean (value, self->large);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_risk_card_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SdRiskCard *self = SD_RISK_CARD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      break;
    case PROP_RISK:
      sd_risk_card_set_risk (self, g_value_get_object (value));
      break;
    case PROP_LARGE:
      sd_risk_card_set_large (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_risk_card_class_init (SdRiskCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sd_risk_card_constructed;
  object_class->dispose = sd_risk_card_dispose;
  object_class->get_property = sd_risk_card_get_property;
  object_class->set_property = sd_risk_card_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, SD_TYPE_RISK_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RISK] =
    g_param_spec_object ("risk", NULL, NULL, SD_TYPE_RISK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LARGE] =
    g_param_spec_boolean ("large", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = sd_risk_card_measure;
  widget_class->size_allocate = sd_risk_card_size_allocate;
  widget_class->get_request_mode = sd_risk_card_get_request_mode;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sd_risk_card_init (SdRiskCard *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "sd-risk-card");
  build (self);
}

GtkWidget *
sd_risk_card_new (SdStore       *store,
                  SdRiskHistory *history)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_RISK_HISTORY (history), NULL);

  return g_object_new (SD_TYPE_RISK_CARD, "store", store, "history", history, NULL);
}

void
sd_risk_card_set_risk (SdRiskCard *self,
                       SdRisk     *risk)
{
  g_autofree char *label = NULL;

  g_return_if_fail (SD_IS_RISK_CARD (self));
  g_return_if_fail (risk == NULL || SD_IS_RISK (risk));

  if (self->risk == risk)
    return;

  if (self->risk != NULL)
    g_signal_handlers_disconnect_by_data (self->risk, self);
  g_set_object (&self->risk, risk);
  if (risk != NULL)
    {
      g_signal_connect_object (risk, "notify", G_CALLBACK (risk_notify_cb), self,
                               G_CONNECT_SWAPPED);
      /* Translators: the accessible name of the details of a risk: code and title */
      label = g_strdup_printf (_("Risk %s: %s"), sd_risk_get_code (risk),
                               sd_risk_get_title (risk));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : _("No risk selected"),
                                  -1);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RISK]);
}

SdRisk *
sd_risk_card_get_risk (SdRiskCard *self)
{
  g_return_val_if_fail (SD_IS_RISK_CARD (self), NULL);

  return self->risk;
}

void
sd_risk_card_set_large (SdRiskCard *self,
                        gboolean    large)
{
  g_return_if_fail (SD_IS_RISK_CARD (self));

  large = !!large;
  if (self->large == large)
    return;

  self->large = large;
  /* On the desktop a keyboard user walks the history row by row; in the
   * workshop Tab goes from the map straight to the list of changes (and
   * a list box of rows that cannot be focused would keep Tab). */
  gtk_widget_set_can_focus (self->scroller, !large);
  if (large)
    gtk_widget_add_css_class (GTK_WIDGET (self), "large");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "large");
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LARGE]);
}
