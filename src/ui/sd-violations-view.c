/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-violations-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-violations-view.h"

struct _SdViolationsView
{
  AdwBin           parent_instance;

  SdStore         *store;
  SdViolationList *violations;

  GtkStack        *stack;
  GtkWidget       *empty_page;
  GtkWidget       *list_page;
  GtkListView     *list_view;
};

G_DEFINE_FINAL_TYPE (SdViolationsView, sd_violations_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_VIOLATIONS,
  N_PROPS
};

enum {
  SHOW_ITEM,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_violation (SdViolationsView *self,
                SdViolation      *violation)
{
  if (violation == NULL || sd_violation_get_target_id (violation) == 0)
    return;
  g_signal_emit (self, signals[SHOW_ITEM], 0,
                 sd_violation_get_target_type (violation),
                 sd_violation_get_target_id (violation));
}

static void
update_state (SdViolationsView *self)
{
  guint n = 0;

  if (self->violations != NULL)
    n = g_list_model_get_n_items (G_LIST_MODEL (self->violations));
  gtk_stack_set_visible_child (self->stack, n > 0 ? self->list_page : self->empty_page);
}

static void
n_items_cb (SdViolationsView *self)
{
  update_state (self);
}

static void
go_to_clicked_cb (GtkButton        *button,
                  SdViolationsView *self)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (button), "sd-list-item");

  show_violation (self, gtk_list_item_get_item (list_item));
}

static void
activate_cb (GtkListView      *list_view,
             guint             position,
             SdViolationsView *self)
{
  g_autoptr(SdViolation) violation = NULL;

  if (self->violations == NULL)
    return;
  violation = g_list_model_get_item (G_LIST_MODEL (self->violations), position);
  show_violation (self, violation);
}

/* A row: the rule's name above the message, and a button that goes to the
 * item to fix. The widgets are found again at bind through their order. */
static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          SdViolationsView         *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *rule = gtk_label_new (NULL);
  GtkWidget *message = gtk_label_new (NULL);
  GtkWidget *button = gtk_button_new_from_icon_name ("go-next-symbolic");

  gtk_widget_set_margin_top (row, 8);
  gtk_widget_set_margin_bottom (row, 8);
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (rule), 0);
  gtk_widget_add_css_class (rule, "caption-heading");
  gtk_widget_add_css_class (rule, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (text), rule);
  gtk_box_append (GTK_BOX (text), message);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "sd-list-item", list_item);
  g_signal_connect_object (button, "clicked", G_CALLBACK (go_to_clicked_cb), self, 0);

  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), button);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         SdViolationsView         *self)
{
  SdViolation *violation = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *text = gtk_widget_get_first_child (row);
  GtkWidget *rule = gtk_widget_get_first_child (text);
  GtkWidget *message = gtk_widget_get_next_sibling (rule);
  GtkWidget *button = gtk_widget_get_next_sibling (text);
  g_autofree char *show = NULL;

  gtk_label_set_text (GTK_LABEL (rule),
                      sd_org_rule_get_label (sd_violation_get_rule_id (violation)));
  gtk_label_set_text (GTK_LABEL (message), sd_violation_get_message (violation));

  /* Translators: the tooltip and accessible name of the button that opens
   * what a rule violation is about; %s is a person, post, unit or body */
  show = g_strdup_printf (_("Show %s"), sd_violation_get_subject (violation));
  gtk_widget_set_tooltip_text (button, show);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, show,
                                  -1);
  gtk_widget_set_sensitive (button, sd_violation_get_target_id (violation) != 0);
}

static void
sd_violations_view_set_violations (SdViolationsView *self,
                                   SdViolationList  *violations)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_assert (self->violations == NULL);
  if (violations == NULL)
    return;

  self->violations = g_object_ref (violations);
  g_signal_connect_object (violations, "notify::n-items", G_CALLBACK (n_items_cb), self,
                           G_CONNECT_SWAPPED);
  /* The list comes sorted by rule, so that the rows of one rule stand
   * together. */
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (violations)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  update_state (self);
}

static void
sd_violations_view_constructed (GObject *object)
{
  SdViolationsView *self = SD_VIOLATIONS_VIEW (object);

  G_OBJECT_CLASS (sd_violations_view_parent_class)->constructed (object);

  if (self->violations == NULL && self->store != NULL)
    {
      g_autoptr(SdViolationList) violations = sd_violation_list_new (self->store);

      sd_violations_view_set_violations (self, violations);
    }
}

/* The list checks once the main loop is idle; the page checks at once when
 * it is shown, so that it never claims "No Problems Found" before it has
 * looked. */
static void
sd_violations_view_map (GtkWidget *widget)
{
  SdViolationsView *self = SD_VIOLATIONS_VIEW (widget);

  if (self->violations != NULL)
    sd_violation_list_flush (self->violations);
  update_state (self);

  GTK_WIDGET_CLASS (sd_violations_view_parent_class)->map (widget);
}

static void
sd_violations_view_dispose (GObject *object)
{
  SdViolationsView *self = SD_VIOLATIONS_VIEW (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->violations);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_violations_view_parent_class)->dispose (object);
}

static void
sd_violations_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SdViolationsView *self = SD_VIOLATIONS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_VIOLATIONS:
      g_value_set_object (value, self->violations);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_violations_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SdViolationsView *self = SD_VIOLATIONS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_VIOLATIONS:
      sd_violations_view_set_violations (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_violations_view_class_init (SdViolationsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sd_violations_view_constructed;
  object_class->dispose = sd_violations_view_dispose;
  object_class->get_property = sd_violations_view_get_property;
  object_class->set_property = sd_violations_view_set_property;
  widget_class->map = sd_violations_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIOLATIONS] =
    g_param_spec_object ("violations", NULL, NULL, SD_TYPE_VIOLATION_LIST,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SdViolationsView::show-item:
   * @type: the item's type (SD_TYPE_PERSON, SD_TYPE_POST, SD_TYPE_UNIT or
   *   SD_TYPE_BODY)
   * @id: the item's id
   *
   * The user asked to see the item a violation is about, to fix it.
   */
  signals[SHOW_ITEM] =
    g_signal_new ("show-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_GTYPE, G_TYPE_INT64);

  gtk_widget_class_set_css_name (widget_class, "violationsview");
}

static void
sd_violations_view_init (SdViolationsView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled;
  GtkWidget *status;

  self->stack = GTK_STACK (gtk_stack_new ());

  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Problems Found"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("The organisation meets every rule of the regulation."));
  self->empty_page = status;
  gtk_stack_add_child (self->stack, status);

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cb), self, 0);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (NULL, g_object_ref (factory)));
  gtk_list_view_set_show_separators (self->list_view, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Rule violations"),
                                  -1);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (activate_cb), self, 0);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));
  gtk_widget_set_vexpand (scrolled, TRUE);
  self->list_page = scrolled;
  gtk_stack_add_child (self->stack, scrolled);

  gtk_stack_set_visible_child (self->stack, self->empty_page);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
}

GtkWidget *
sd_violations_view_new (SdViolationList *violations)
{
  g_return_val_if_fail (SD_IS_VIOLATION_LIST (violations), NULL);

  return g_object_new (SD_TYPE_VIOLATIONS_VIEW, "violations", violations, NULL);
}

SdViolationList *
sd_violations_view_get_violations (SdViolationsView *self)
{
  g_return_val_if_fail (SD_IS_VIOLATIONS_VIEW (self), NULL);

  return self->violations;
}
