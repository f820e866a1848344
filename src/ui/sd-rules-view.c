/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-rules-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-editor-window.h"
#include "sd-labels.h"
#include "sd-post.h"
#include "sd-rule.h"
#include "sd-rule-editor.h"
#include "sd-rules-view.h"
#include "sd-unit.h"

/*
 * A boxed list bound to the store's list of rules: a rule is a row. The
 * rows name posts and units, so they are made again when those change;
 * there are a handful of rules.
 */

struct _SdRulesView
{
  AdwBin      parent_instance;

  SdStore    *store;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (SdRulesView, sd_rules_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DELETE_RULE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
sd_rule_title (SdStore  *store,
               gpointer  item)
{
  SdRule *rule = item;
  SdPost *post_a;
  SdPost *post_b;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_RULE (rule), NULL);

  if (sd_rule_get_post_a_id (rule) == 0)
    /* Translators: two posts that may not be held together */
    return g_strdup_printf (_("%s × %s"),
                            sd_post_type_label (sd_rule_get_post_type_a (rule)),
                            sd_post_type_label (sd_rule_get_post_type_b (rule)));

  post_a = sd_store_lookup (store, SD_TYPE_POST, sd_rule_get_post_a_id (rule));
  post_b = sd_store_lookup (store, SD_TYPE_POST, sd_rule_get_post_b_id (rule));
  a = post_a != NULL ? sd_editor_item_label (store, post_a) : g_strdup (_("Unknown post"));
  b = post_b != NULL ? sd_editor_item_label (store, post_b) : g_strdup (_("Unknown post"));
  return g_strdup_printf (_("%s × %s"), a, b);
}

static GtkWindow *
parent_window (SdRulesView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
delete_clicked_cb (GtkButton   *button,
                   SdRulesView *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "sd-rule-id"));
  SdRule *rule = sd_store_lookup (self->store, SD_TYPE_RULE, id);

  if (rule != NULL)
    g_signal_emit (self, signals[DELETE_RULE], 0, rule);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  SdRulesView *self = user_data;
  SdRule *rule = item;
  g_autofree char *title = sd_rule_title (self->store, rule);
  g_autofree char *delete_name = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *reason = sd_rule_get_reason (rule);
  const char *source = sd_rule_get_source (rule);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  if (reason != NULL && *reason != '\0')
    g_string_append (subtitle, reason);
  if (source != NULL && *source != '\0')
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", source);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "sd-rule-id", GSIZE_TO_POINTER (sd_item_get_id (item)));

  /* Translators: the accessible name of a rule's delete button; %s names
   * the rule, as in "Security administrator × Network administrator" */
  delete_name = g_strdup_printf (_("Delete Rule %s"), title);
  button = sd_editor_icon_button_new ("user-trash-symbolic", _("Delete Rule"), delete_name);
  g_object_set_data (G_OBJECT (button), "sd-rule-id", GSIZE_TO_POINTER (sd_item_get_id (item)));
  g_signal_connect_object (button, "clicked", G_CALLBACK (delete_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static void
bind_rules (SdRulesView *self)
{
  gtk_list_box_bind_model (self->list, sd_store_get_items (self->store, SD_TYPE_RULE),
                           create_row_cb, self, NULL);
}

static void
row_activated_cb (SdRulesView   *self,
                  GtkListBoxRow *row)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "sd-rule-id"));
  SdRule *rule = sd_store_lookup (self->store, SD_TYPE_RULE, id);

  if (rule != NULL)
    gtk_window_present (sd_rule_editor_new (parent_window (self), self->store, rule));
}

static void
add_clicked_cb (SdRulesView *self)
{
  gtk_window_present (sd_rule_editor_new (parent_window (self), self->store, NULL));
}

/* GObject */

static void
sd_rules_view_constructed (GObject *object)
{
  SdRulesView *self = SD_RULES_VIEW (object);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *add = gtk_button_new ();
  GtkWidget *add_content = adw_button_content_new ();
  GtkWidget *placeholder;

  G_OBJECT_CLASS (sd_rules_view_parent_class)->constructed (object);

  g_return_if_fail (SD_IS_STORE (self->store));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Incompatible Posts"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("No one may hold both posts of a rule at once."));

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (add_content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (add_content), _("_Add Rule"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (add_content), TRUE);
  gtk_button_set_child (GTK_BUTTON (add), add_content);
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  g_signal_connect_object (add, "clicked", G_CALLBACK (add_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Incompatible Posts"),
                                  -1);
  placeholder = gtk_label_new (_("There are no rules yet."));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->list, placeholder);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->list));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_bin_set_child (ADW_BIN (self), page);

  bind_rules (self);
  /* A rule row names posts and their units. */
  g_signal_connect_object (sd_store_get_items (self->store, SD_TYPE_POST), "items-changed",
                           G_CALLBACK (bind_rules), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (sd_store_get_items (self->store, SD_TYPE_UNIT), "items-changed",
                           G_CALLBACK (bind_rules), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

static void
sd_rules_view_dispose (GObject *object)
{
  SdRulesView *self = SD_RULES_VIEW (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  self->list = NULL;
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_rules_view_parent_class)->dispose (object);
}

static void
sd_rules_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SdRulesView *self = SD_RULES_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_rules_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SdRulesView *self = SD_RULES_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_assert (self->store == NULL);
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_rules_view_class_init (SdRulesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sd_rules_view_constructed;
  object_class->dispose = sd_rules_view_dispose;
  object_class->get_property = sd_rules_view_get_property;
  object_class->set_property = sd_rules_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         SD_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SdRulesView::delete-rule:
   * @rule: the rule whose delete button was clicked
   *
   * The view does not delete the rule: the handler does, and offers Undo.
   */
  signals[DELETE_RULE] =
    g_signal_new ("delete-rule",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, SD_TYPE_RULE);
}

static void
sd_rules_view_init (SdRulesView *self)
{
}

GtkWidget *
sd_rules_view_new (SdStore *store)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  return g_object_new (SD_TYPE_RULES_VIEW,
                       "store", store,
                       NULL);
}

SdStore *
sd_rules_view_get_store (SdRulesView *self)
{
  g_return_val_if_fail (SD_IS_RULES_VIEW (self), NULL);

  return self->store;
}
