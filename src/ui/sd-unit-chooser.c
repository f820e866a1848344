/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-unit-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-unit-chooser.h"
#include "sd-unit-tree.h"

#define ID_KEY(id) GSIZE_TO_POINTER ((gsize) (id))

struct _SdUnitChooser
{
  SdStore          *store;
  GtkDropDown      *dropdown;
  GtkStringList    *names;
  GHashTable       *rank;       /* unit id → 1 + place in the tree */
  GArray           *ids;        /* drop-down position → unit id; 0 for all units */
  GHashTable       *scope;      /* unit ids of the chosen unit and below; NULL: all */
  gint64            unit_id;
  guint             binding;
  SdUnitChosenFunc  chosen;
  gpointer          user_data;
};

static void
set_unit (SdUnitChooser *self,
          gint64         unit_id)
{
  self->unit_id = unit_id;
  g_clear_pointer (&self->scope, g_hash_table_unref);
  if (unit_id != 0)
    self->scope = sd_unit_tree_subtree (self->store, unit_id);
}

static void
selected_cb (SdUnitChooser *self)
{
  guint position = gtk_drop_down_get_selected (self->dropdown);
  gint64 unit_id = 0;

  if (self->binding > 0)
    return;
  if (position != GTK_INVALID_LIST_POSITION && position < self->ids->len)
    unit_id = g_array_index (self->ids, gint64, position);
  if (unit_id != self->unit_id)
    {
      set_unit (self, unit_id);
      self->chosen (self->user_data);
    }
}

SdUnitChooser *
sd_unit_chooser_new (SdUnitChosenFunc chosen,
                     gpointer         user_data)
{
  SdUnitChooser *self;
  GtkExpression *expression;

  g_return_val_if_fail (chosen != NULL, NULL);

  self = g_new0 (SdUnitChooser, 1);
  self->chosen = chosen;
  self->user_data = user_data;
  self->rank = g_hash_table_new (NULL, NULL);
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->names = gtk_string_list_new (NULL);
  /* Held until freed, so that no selection reaches a freed chooser. */
  self->dropdown = g_object_ref_sink (GTK_DROP_DOWN (gtk_drop_down_new (
    g_object_ref (G_LIST_MODEL (self->names)), NULL)));
  gtk_drop_down_set_enable_search (self->dropdown, TRUE);
  /* The drop-down takes a reference of its own to the expression. */
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->dropdown, expression);
  gtk_expression_unref (expression);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->dropdown), _("Unit"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Unit"),
                                  -1);
  g_signal_connect_swapped (self->dropdown, "notify::selected", G_CALLBACK (selected_cb), self);
  return self;
}

void
sd_unit_chooser_free (SdUnitChooser *self)
{
  if (self == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->dropdown, self);
  g_clear_object (&self->dropdown);
  g_clear_object (&self->names);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rank, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->scope, g_hash_table_unref);
  g_free (self);
}

GtkWidget *
sd_unit_chooser_get_widget (SdUnitChooser *self)
{
  return GTK_WIDGET (self->dropdown);
}

void
sd_unit_chooser_reload (SdUnitChooser *self,
                        SdStore       *store)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;
  gint64 zero = 0;

  g_return_if_fail (SD_IS_STORE (store));

  g_set_object (&self->store, store);
  g_hash_table_remove_all (self->rank);
  g_array_set_size (self->ids, 0);
  g_array_append_val (self->ids, zero);
  g_ptr_array_add (labels, g_strdup (_("All Units")));
  sd_unit_tree_list (store, self->ids, labels);
  g_ptr_array_add (labels, NULL);

  for (guint i = 1; i < self->ids->len; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, i);

      g_hash_table_insert (self->rank, ID_KEY (id), GUINT_TO_POINTER (i));
      if (id == self->unit_id)
        selected = i;
    }

  self->binding++;
  gtk_string_list_splice (self->names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->names)),
                          (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->dropdown, selected);
  self->binding--;

  /* The chosen unit may be gone, or have new sections. */
  set_unit (self, g_array_index (self->ids, gint64, selected));
}

gint64
sd_unit_chooser_get_unit_id (SdUnitChooser *self)
{
  return self->unit_id;
}

gboolean
sd_unit_chooser_covers (SdUnitChooser *self,
                        gint64         unit_id)
{
  return self->scope == NULL || g_hash_table_contains (self->scope, ID_KEY (unit_id));
}

guint
sd_unit_chooser_get_rank (SdUnitChooser *self,
                          gint64         unit_id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->rank, ID_KEY (unit_id)));
}
