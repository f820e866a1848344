/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-rule-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-labels.h"
#include "sd-post.h"
#include "sd-rule-editor.h"

/*
 * A rule is either between two post types or between two posts; the table
 * allows one pair or the other, never both. The rows of the other kind are
 * hidden and take no part, and switching kind writes all four columns in
 * one update.
 */

struct _SdRuleEditor
{
  SdEditorWindow       parent_instance;

  AdwPreferencesGroup *details;
  GtkWidget           *kind_row;
  GtkWidget           *type_a;
  GtkWidget           *type_b;
  GtkWidget           *post_a;
  GtkWidget           *post_b;
  AdwPreferencesGroup *why;
  guint                syncing;
};

G_DEFINE_FINAL_TYPE (SdRuleEditor, sd_rule_editor, SD_TYPE_EDITOR_WINDOW)

static const char * const post_types[] = {
  "security-director", "security-admin", "security-auditor", "network-admin",
  "system-admin", "machine-room-admin", "security-liaison", "other", NULL
};

/* The choices of the kind row. */
enum {
  KIND_POST_TYPES,
  KIND_POSTS,
};

static void
show_kind (SdRuleEditor *self,
           guint         kind)
{
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  gboolean posts = kind == KIND_POSTS;

  sd_editor_window_set_field_enabled (editor, self->type_a, !posts);
  sd_editor_window_set_field_enabled (editor, self->type_b, !posts);
  sd_editor_window_set_field_enabled (editor, self->post_a, posts);
  sd_editor_window_set_field_enabled (editor, self->post_b, posts);
}

/* A hidden post row shows no post; shown, it needs one. */
static gboolean
ensure_post (SdRuleEditor *self,
             GtkWidget    *row,
             guint         position)
{
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  GListModel *posts = sd_store_get_items (sd_editor_window_get_store (editor), SD_TYPE_POST);
  g_autoptr(SdPost) post = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  sd_editor_window_get_field_value (editor, row, &value);
  if (g_value_get_int64 (&value) != 0)
    return TRUE;

  post = g_list_model_get_item (posts, MIN (position, g_list_model_get_n_items (posts) - 1));
  if (post == NULL)
    return FALSE;
  g_value_set_int64 (&value, sd_item_get_id (SD_ITEM (post)));
  sd_editor_window_set_field_value (editor, row, &value);
  return TRUE;
}

static void
kind_changed_cb (SdRuleEditor *self)
{
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  guint kind = adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_row));
  const char *names[] = { "post-type-a", "post-type-b", "post-a-id", "post-b-id" };
  GValue values[4] = { G_VALUE_INIT, G_VALUE_INIT, G_VALUE_INIT, G_VALUE_INIT };

  if (self->syncing > 0)
    return;

  if (kind == KIND_POSTS &&
      (!ensure_post (self, self->post_a, 0) || !ensure_post (self, self->post_b, 1)))
    {
      sd_editor_window_toast (editor, _("There are no posts yet."));
      self->syncing++;
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->kind_row), KIND_POST_TYPES);
      self->syncing--;
      return;
    }

  show_kind (self, kind);
  if (sd_editor_window_get_item (editor) == NULL)
    return;

  sd_editor_window_get_field_value (editor, self->type_a, &values[0]);
  sd_editor_window_get_field_value (editor, self->type_b, &values[1]);
  sd_editor_window_get_field_value (editor, self->post_a, &values[2]);
  sd_editor_window_get_field_value (editor, self->post_b, &values[3]);
  if (kind == KIND_POSTS)
    {
      g_value_set_string (&values[0], NULL);
      g_value_set_string (&values[1], NULL);
    }
  else
    {
      g_value_set_int64 (&values[2], 0);
      g_value_set_int64 (&values[3], 0);
    }

  if (!sd_editor_window_update (editor, G_N_ELEMENTS (names), names, values))
    {
      SdRule *rule = sd_editor_window_get_item (editor);
      guint stored = sd_rule_get_post_a_id (rule) != 0 ? KIND_POSTS : KIND_POST_TYPES;

      self->syncing++;
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->kind_row), stored);
      self->syncing--;
      show_kind (self, stored);
    }

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_value_unset (&values[i]);
}

static void
sd_rule_editor_constructed (GObject *object)
{
  SdRuleEditor *self = SD_RULE_EDITOR (object);
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  SdRule *rule;
  GtkStringList *kinds;
  guint kind;

  G_OBJECT_CLASS (sd_rule_editor_parent_class)->constructed (object);

  rule = sd_editor_window_get_item (editor);
  sd_editor_window_set_titles (editor, _("New Incompatibility Rule"),
                               _("Incompatibility Rule"));
  sd_editor_window_set_default_string (editor, "post-type-a", "security-admin");
  sd_editor_window_set_default_string (editor, "post-type-b", "other");

  self->details = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->details, _("Posts That May Not Be Held Together"));
  adw_preferences_page_add (sd_editor_window_get_page (editor), self->details);

  kinds = gtk_string_list_new (NULL);
  gtk_string_list_append (kinds, _("Post types"));
  gtk_string_list_append (kinds, _("Specific posts"));
  self->kind_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("Applies To"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->kind_row), G_LIST_MODEL (kinds));
  g_object_unref (kinds);
  kind = rule != NULL && sd_rule_get_post_a_id (rule) != 0 ? KIND_POSTS : KIND_POST_TYPES;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->kind_row), kind);
  g_signal_connect_object (self->kind_row, "notify::selected",
                           G_CALLBACK (kind_changed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->details, self->kind_row);

  self->type_a = sd_editor_window_add_choice (editor, self->details, "post-type-a",
                                              _("Post Type A"), post_types, sd_post_type_label);
  self->type_b = sd_editor_window_add_choice (editor, self->details, "post-type-b",
                                              _("Post Type B"), post_types, sd_post_type_label);
  self->post_a = sd_editor_window_add_ref (editor, self->details, "post-a-id", _("Post A"),
                                           SD_TYPE_POST, NULL, NULL);
  self->post_b = sd_editor_window_add_ref (editor, self->details, "post-b-id", _("Post B"),
                                           SD_TYPE_POST, NULL, NULL);
  show_kind (self, kind);

  self->why = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->why, _("Why"));
  if (rule == NULL)
    adw_preferences_group_set_description (self->why,
                                           _("The rule is added when you apply its reason."));
  adw_preferences_page_add (sd_editor_window_get_page (editor), self->why);
  sd_editor_window_add_entry (editor, self->why, "reason", _("Reason"), TRUE);
  sd_editor_window_add_entry (editor, self->why, "source", _("Source (document and article)"),
                              FALSE);
}

static void
sd_rule_editor_item_created (SdEditorWindow *editor)
{
  SdRuleEditor *self = SD_RULE_EDITOR (editor);

  adw_preferences_group_set_description (self->why, NULL);
}

static void
sd_rule_editor_class_init (SdRuleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SdEditorWindowClass *editor_class = SD_EDITOR_WINDOW_CLASS (klass);

  object_class->constructed = sd_rule_editor_constructed;

  editor_class->item_created = sd_rule_editor_item_created;
}

static void
sd_rule_editor_init (SdRuleEditor *self)
{
}

/**
 * sd_rule_editor_new:
 * @parent: (nullable): the window the editor is modal to
 * @store: the store
 * @rule: (nullable): the rule to edit, or %NULL for a new one
 *
 * Returns: (transfer none): the editor, not yet shown
 */
GtkWindow *
sd_rule_editor_new (GtkWindow *parent,
                    SdStore   *store,
                    SdRule    *rule)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (rule == NULL || SD_IS_RULE (rule), NULL);

  return g_object_new (SD_TYPE_RULE_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "item-type", SD_TYPE_RULE,
                       "item", rule,
                       NULL);
}
