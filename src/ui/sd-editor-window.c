/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-editor-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sd-editor-window.h"
#include "sd-org-rules.h"
#include "sd-person.h"
#include "sd-post.h"
#include "sd-unit.h"

/*
 * The editor remembers its item by id, not by object: a reload of the
 * store after a rolled-back transaction replaces every item object, and
 * looking the item up each time finds the new one (or finds it gone).
 *
 * Each field keeps the value it last showed from the store. When the
 * store's list changes, only fields whose stored value differs from that
 * are set again, so that a change elsewhere does not overwrite text the
 * user is typing.
 */

typedef enum
{
  FIELD_ENTRY,
  FIELD_CHOICE,
  FIELD_REF,
  FIELD_SWITCH,
  FIELD_SPIN,
} FieldKind;

typedef struct
{
  SdEditorWindow     *self;
  FieldKind           kind;
  char               *property;
  int                 column;
  GtkWidget          *row;
  GtkWidget          *widget;   /* the row itself, or its control */
  const char * const *codes;    /* FIELD_CHOICE */
  gboolean            key;
  gboolean            enabled;
  SdEditorCheckFunc   check;
  GValue              shown;    /* what the store held when last synced */
} Field;

typedef struct
{
  SdStore            *store;
  GType               item_type;
  gint64              item_id;
  char               *new_title;
  char               *title;
  AdwPreferencesPage *page;
  GPtrArray          *fields;      /* Field */
  GHashTable         *defaults;    /* property → GValue */
  GPtrArray          *dependents;  /* GtkWidget */
  GPtrArray          *pickers;     /* Picker */
  guint               syncing;
  AdwToast           *retry_toast;  /* weak: the Try Again toast shown */
} SdEditorWindowPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (SdEditorWindow, sd_editor_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ITEM_TYPE,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void field_sync (Field    *field,
                        gboolean  force);
static gboolean error_is_passing (SdEditorWindow *self,
                                  const GError   *error);
static void     dismiss_retry    (SdEditorWindow *self);

/* Values */

static gboolean
values_equal (const GValue *a,
              const GValue *b)
{
  if (G_VALUE_TYPE (a) != G_VALUE_TYPE (b))
    return FALSE;

  switch (G_VALUE_TYPE (a))
    {
    case G_TYPE_STRING:
      /* An empty entry stands for SQL NULL. */
      return g_strcmp0 (g_value_get_string (a) != NULL ? g_value_get_string (a) : "",
                        g_value_get_string (b) != NULL ? g_value_get_string (b) : "") == 0;
    case G_TYPE_INT:
      return g_value_get_int (a) == g_value_get_int (b);
    case G_TYPE_INT64:
      return g_value_get_int64 (a) == g_value_get_int64 (b);
    case G_TYPE_BOOLEAN:
      return !g_value_get_boolean (a) == !g_value_get_boolean (b);
    default:
      return FALSE;
    }
}

static void
value_free (gpointer data)
{
  GValue *value = data;

  g_value_unset (value);
  g_free (value);
}

static void
field_free (gpointer data)
{
  Field *field = data;

  g_free (field->property);
  if (G_IS_VALUE (&field->shown))
    g_value_unset (&field->shown);
  g_free (field);
}

static Field *
field_for_row (GtkWidget *row)
{
  Field *field = g_object_get_data (G_OBJECT (row), "sd-editor-field");

  g_return_val_if_fail (field != NULL, NULL);
  return field;
}

static GType
column_value_type (SdEditorWindow *self,
                   int             column)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);
  SdItemClass *klass = g_type_class_ref (priv->item_type);
  const SdTable *table = sd_item_class_get_table (klass);
  GType type = G_TYPE_INVALID;

  switch (table->columns[column].type)
    {
    case SD_COLUMN_INT:
      type = G_TYPE_INT;
      break;
    case SD_COLUMN_BOOLEAN:
      type = G_TYPE_BOOLEAN;
      break;
    case SD_COLUMN_STRING:
      type = G_TYPE_STRING;
      break;
    case SD_COLUMN_REF:
      type = G_TYPE_INT64;
      break;
    case SD_COLUMN_BYTES:
    default:
      g_assert_not_reached ();
    }
  g_type_class_unref (klass);
  return type;
}

/* What the store holds for @field, or for a "new" editor its default. */
static void
field_get_stored (Field  *field,
                  GValue *value)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (field->self);
  SdItem *item = sd_editor_window_get_item (field->self);
  const GValue *def;

  g_value_init (value, column_value_type (field->self, field->column));
  if (item != NULL)
    {
      g_value_copy (sd_item_get_value (item, field->column), value);
      return;
    }

  def = g_hash_table_lookup (priv->defaults, field->property);
  if (def != NULL)
    g_value_transform (def, value);
  else if (field->kind == FIELD_CHOICE && field->codes[0] != NULL)
    g_value_set_string (value, field->codes[0]);
}

/* Reading and setting the controls */

static GListModel *
drop_down_model (GtkWidget *widget)
{
  return gtk_drop_down_get_model (GTK_DROP_DOWN (widget));
}

static void
field_get_value (Field  *field,
                 GValue *value)
{
  g_value_init (value, column_value_type (field->self, field->column));

  switch (field->kind)
    {
    case FIELD_ENTRY:
      {
        const char *entered = gtk_editable_get_text (GTK_EDITABLE (field->widget));
        g_autofree char *text = g_strstrip (g_strdup (entered));

        g_value_set_string (value, *text != '\0' ? text : NULL);
      }
      break;

    case FIELD_CHOICE:
      {
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field->widget));

        /* An empty code is the choice of none: NULL in the store. */
        if (selected < g_strv_length ((char **) field->codes) && *field->codes[selected] != '\0')
          g_value_set_string (value, field->codes[selected]);
      }
      break;

    case FIELD_REF:
      {
        gpointer item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (field->widget));

        g_value_set_int64 (value, SD_IS_ITEM (item) ? sd_item_get_id (item) : 0);
      }
      break;

    case FIELD_SWITCH:
      g_value_set_boolean (value, gtk_switch_get_active (GTK_SWITCH (field->widget)));
      break;

    case FIELD_SPIN:
      g_value_set_int (value, gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (field->widget)));
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
field_set_value (Field        *field,
                 const GValue *value)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (field->self);

  priv->syncing++;
  switch (field->kind)
    {
    case FIELD_ENTRY:
      {
        const char *text = g_value_get_string (value);

        if (text == NULL)
          text = "";
        if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (field->widget)), text) != 0)
          gtk_editable_set_text (GTK_EDITABLE (field->widget), text);
      }
      break;

    case FIELD_CHOICE:
      {
        const char *code = g_value_get_string (value);

        if (code == NULL)
          code = "";
        for (guint i = 0; field->codes[i] != NULL; i++)
          {
            if (g_strcmp0 (field->codes[i], code) == 0)
              {
                adw_combo_row_set_selected (ADW_COMBO_ROW (field->widget), i);
                break;
              }
          }
      }
      break;

    case FIELD_REF:
      {
        GListModel *model = drop_down_model (field->widget);
        guint n_items = g_list_model_get_n_items (model);
        gint64 id = g_value_get_int64 (value);
        guint found = GTK_INVALID_LIST_POSITION;

        /* A linear search: it runs when the editor opens and when the
         * value changes, and 5,000 people take well under a millisecond. */
        for (guint i = 0; i < n_items && found == GTK_INVALID_LIST_POSITION; i++)
          {
            g_autoptr(GObject) item = g_list_model_get_item (model, i);

            if (SD_IS_ITEM (item) ? sd_item_get_id (SD_ITEM (item)) == id : id == 0)
              found = i;
          }
        gtk_drop_down_set_selected (GTK_DROP_DOWN (field->widget), found);
      }
      break;

    case FIELD_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (field->widget), g_value_get_boolean (value));
      break;

    case FIELD_SPIN:
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->widget), g_value_get_int (value));
      break;

    default:
      g_assert_not_reached ();
    }
  priv->syncing--;
}

static void
field_sync (Field    *field,
            gboolean  force)
{
  g_auto(GValue) stored = G_VALUE_INIT;

  field_get_stored (field, &stored);
  if (!force && G_IS_VALUE (&field->shown) && values_equal (&stored, &field->shown))
    return;

  if (G_IS_VALUE (&field->shown))
    g_value_unset (&field->shown);
  g_value_init (&field->shown, G_VALUE_TYPE (&stored));
  g_value_copy (&stored, &field->shown);
  field_set_value (field, &stored);
}

/* Titles and sensitivity */

static void
update_state (SdEditorWindow *self)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);
  gboolean exists = priv->item_id != 0;
  const char *title = exists ? priv->title : priv->new_title;

  if (title != NULL)
    gtk_window_set_title (GTK_WINDOW (self), title);
  for (guint i = 0; i < priv->dependents->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (priv->dependents, i), exists);
}

/* Inserting and updating */

static gboolean
create_item (SdEditorWindow *self)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  SdItem *item;

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);

  for (guint i = 0; i < priv->fields->len; i++)
    {
      Field *field = g_ptr_array_index (priv->fields, i);
      GValue field_value = G_VALUE_INIT;

      if (!field->enabled)
        continue;
      field_get_value (field, &field_value);
      if (field->key && g_value_get_string (&field_value) == NULL)
        {
          /* Translators: %s is the title of a field, such as “Name” */
          const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (field->row));
          g_autofree char *message = g_strdup_printf (_("Fill in “%s” first."), title);

          g_value_unset (&field_value);
          sd_editor_window_toast (self, message);
          return FALSE;
        }
      g_ptr_array_add (names, field->property);
      g_array_append_val (values, field_value);
    }

  /* The defaults of no field: the context ids. (A field that takes no
   * part, hidden, leaves its property unset.) */
  g_hash_table_iter_init (&iter, priv->defaults);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gboolean covered = FALSE;
      GValue copy = G_VALUE_INIT;

      for (guint i = 0; i < priv->fields->len; i++)
        covered |= g_str_equal (((Field *) g_ptr_array_index (priv->fields, i))->property, key);
      if (covered)
        continue;
      g_value_init (&copy, G_VALUE_TYPE ((GValue *) value));
      g_value_copy (value, &copy);
      g_ptr_array_add (names, key);
      g_array_append_val (values, copy);
    }

  item = sd_store_insertv (priv->store, priv->item_type, names->len,
                           (const char **) names->pdata, (const GValue *) values->data,
                           &error);
  if (item == NULL)
    {
      sd_editor_window_show_error (self, error);
      return FALSE;
    }

  priv->item_id = sd_item_get_id (item);
  dismiss_retry (self);
  for (guint i = 0; i < priv->fields->len; i++)
    field_sync (g_ptr_array_index (priv->fields, i), FALSE);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);

  if (SD_EDITOR_WINDOW_GET_CLASS (self)->item_created != NULL)
    SD_EDITOR_WINDOW_GET_CLASS (self)->item_created (self);
  return TRUE;
}

static void
store_field (Field        *field,
             const GValue *value)
{
  const char *names[] = { field->property };

  sd_editor_window_update (field->self, 1, names, value);
}

typedef struct
{
  Field  *field;
  GValue  value;
} PendingChange;

static void
pending_change_free (gpointer data)
{
  PendingChange *change = data;

  g_value_unset (&change->value);
  g_free (change);
}

static void
confirm_field_cb (SdEditorWindow *self,
                  gboolean        keep,
                  gpointer        user_data)
{
  PendingChange *change = user_data;

  if (keep && sd_editor_window_get_item (self) != NULL)
    store_field (change->field, &change->value);
  else
    field_sync (change->field, TRUE);
}

static void
field_changed (Field *field)
{
  SdEditorWindow *self = field->self;
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);
  g_auto(GValue) value = G_VALUE_INIT;
  SdItem *item;

  if (priv->syncing > 0)
    return;

  item = sd_editor_window_get_item (self);
  if (item == NULL)
    {
      /* The other fields of a "new" editor wait for the insert. */
      if (field->key)
        create_item (self);
      return;
    }

  if (!field->enabled)
    return;

  field_get_value (field, &value);
  if (values_equal (&value, sd_item_get_value (item, field->column)))
    return;

  if (field->key && g_value_get_string (&value) == NULL)
    {
      /* Translators: %s is the title of a field, such as “Name” */
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (field->row));
      g_autofree char *message = g_strdup_printf (_("“%s” cannot be empty."), title);

      sd_editor_window_toast (self, message);
      field_sync (field, TRUE);
      return;
    }

  if (field->check != NULL)
    {
      g_autoptr(GPtrArray) violations = field->check (self, item, &value);

      if (violations != NULL && violations->len > 0)
        {
          PendingChange *change = g_new0 (PendingChange, 1);

          change->field = field;
          g_value_init (&change->value, G_VALUE_TYPE (&value));
          g_value_copy (&value, &change->value);
          sd_editor_window_confirm (self, violations, confirm_field_cb, change,
                                    pending_change_free);
          return;
        }
    }

  store_field (field, &value);
}

static void
entry_apply_cb (AdwEntryRow *row,
                Field       *field)
{
  field_changed (field);
}

static void
control_changed_cb (GObject    *object,
                    GParamSpec *pspec,
                    Field      *field)
{
  field_changed (field);
}

static void
spin_value_changed_cb (GtkSpinButton *spin,
                       Field         *field)
{
  field_changed (field);
}

static void
items_changed_cb (SdEditorWindow *self)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  if (priv->item_id == 0)
    return;

  /* Deleted elsewhere (an undo, another window): there is nothing left to
   * edit. */
  if (sd_editor_window_get_item (self) == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  for (guint i = 0; i < priv->fields->len; i++)
    field_sync (g_ptr_array_index (priv->fields, i), FALSE);
}

/* Making fields */

static Field *
field_new (SdEditorWindow      *self,
           AdwPreferencesGroup *group,
           FieldKind            kind,
           const char          *property,
           GtkWidget           *row,
           GtkWidget           *widget)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);
  SdItemClass *klass = g_type_class_ref (priv->item_type);
  Field *field = g_new0 (Field, 1);

  field->self = self;
  field->kind = kind;
  field->property = g_strdup (property);
  field->column = sd_table_find_column (sd_item_class_get_table (klass), property);
  field->row = row;
  field->widget = widget;
  field->enabled = TRUE;
  g_type_class_unref (klass);
  g_assert (field->column >= 0);

  g_object_set_data (G_OBJECT (row), "sd-editor-field", field);
  g_ptr_array_add (priv->fields, field);
  adw_preferences_group_add (group, row);
  return field;
}

/* A row of a title and a control at its end; the control is named after the
 * row for a screen reader. */
static GtkWidget *
suffix_row_new (const char *title,
                const char *subtitle,
                GtkWidget  *control)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), control);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  return row;
}

GtkWidget *
sd_editor_window_add_entry (SdEditorWindow      *self,
                            AdwPreferencesGroup *group,
                            const char          *property,
                            const char          *title,
                            gboolean             key)
{
  GtkWidget *row;
  Field *field;

  g_return_val_if_fail (SD_IS_EDITOR_WINDOW (self), NULL);

  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);

  field = field_new (self, group, FIELD_ENTRY, property, row, row);
  field->key = key;
  field_sync (field, TRUE);
  g_signal_connect (row, "apply", G_CALLBACK (entry_apply_cb), field);
  return row;
}

static char *
code_label_cb (GtkStringObject *object,
               gpointer         label_func)
{
  const char *(*func) (const char *) = label_func;

  return g_strdup (func (gtk_string_object_get_string (object)));
}

GtkWidget *
sd_editor_window_add_choice (SdEditorWindow      *self,
                             AdwPreferencesGroup *group,
                             const char          *property,
                             const char          *title,
                             const char * const  *codes,
                             const char *       (*label_func) (const char *code))
{
  GtkWidget *row;
  Field *field;
  GtkStringList *model;
  GtkExpression *expression;

  g_return_val_if_fail (SD_IS_EDITOR_WINDOW (self), NULL);

  model = gtk_string_list_new ((const char * const *) codes);
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* The row takes a reference of its own to the expression. */
  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (code_label_cb), label_func, NULL);
  adw_combo_row_set_expression (ADW_COMBO_ROW (row), expression);
  gtk_expression_unref (expression);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  g_object_unref (model);

  field = field_new (self, group, FIELD_CHOICE, property, row, row);
  field->codes = codes;
  field_sync (field, TRUE);
  g_signal_connect (row, "notify::selected", G_CALLBACK (control_changed_cb), field);
  return row;
}

static char *
item_label_cb (GObject *object,
               SdStore *store)
{
  if (GTK_IS_STRING_OBJECT (object))
    return g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (object)));
  return sd_editor_item_label (store, object);
}

static GtkExpression *
item_label_expression_new (SdStore *store)
{
  return gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                      G_CALLBACK (item_label_cb), store, NULL);
}

/* The popup of a people drop-down names the unit and job title too, to
 * tell namesakes apart. */
static void
person_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (detail), 30);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (list_item, box);
}

static void
person_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                SdStore                  *store)
{
  GObject *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *detail_label = gtk_widget_get_next_sibling (name);

  if (!SD_IS_PERSON (item))
    {
      g_autofree char *label = item_label_cb (item, store);

      gtk_label_set_text (GTK_LABEL (name), label);
      gtk_widget_set_visible (detail_label, FALSE);
      return;
    }

  {
    g_autofree char *detail = sd_editor_person_detail (store, item);

    gtk_label_set_text (GTK_LABEL (name), sd_person_get_name (SD_PERSON (item)));
    gtk_label_set_text (GTK_LABEL (detail_label), detail);
    gtk_widget_set_visible (detail_label, *detail != '\0');
  }
}

static GtkWidget *
drop_down_new (SdStore    *store,
               GListModel *model,
               GType       item_type)
{
  GtkWidget *drop_down = gtk_drop_down_new (model, item_label_expression_new (store));

  /* GtkDropDown's popup is a GtkListView: only the visible rows exist,
   * so thousands of people cost nothing until searched. */
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
  if (item_type == SD_TYPE_PERSON)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (person_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (person_bind_cb), store);
      gtk_drop_down_set_list_factory (GTK_DROP_DOWN (drop_down), factory);
      g_object_unref (factory);
    }
  return drop_down;
}

GtkWidget *
sd_editor_window_add_ref (SdEditorWindow      *self,
                          AdwPreferencesGroup *group,
                          const char          *property,
                          const char          *title,
                          GType                ref_type,
                          const char          *none_label,
                          GtkFilter           *filter)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);
  GListModel *model;
  GtkWidget *drop_down;
  GtkWidget *row;
  Field *field;

  g_return_val_if_fail (SD_IS_EDITOR_WINDOW (self), NULL);

  model = g_object_ref (sd_store_get_items (priv->store, ref_type));
  if (filter != NULL)
    model = G_LIST_MODEL (gtk_filter_list_model_new (model, filter));
  if (none_label != NULL)
    {
      GListStore *none = g_list_store_new (GTK_TYPE_STRING_OBJECT);
      GListStore *parts = g_list_store_new (G_TYPE_LIST_MODEL);
      g_autoptr(GtkStringObject) none_item = gtk_string_object_new (none_label);

      g_list_store_append (none, none_item);
      g_list_store_append (parts, none);
      g_list_store_append (parts, model);
      g_object_unref (none);
      g_object_unref (model);
      model = G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (parts)));
    }

  drop_down = drop_down_new (priv->store, model, ref_type);
  row = suffix_row_new (title, NULL, drop_down);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), GTK_INVALID_LIST_POSITION);

  field = field_new (self, group, FIELD_REF, property, row, drop_down);
  field_sync (field, TRUE);
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (control_changed_cb), field);
  return row;
}

GtkWidget *
sd_editor_window_add_switch (SdEditorWindow      *self,
                             AdwPreferencesGroup *group,
                             const char          *property,
                             const char          *title,
                             const char          *subtitle)
{
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *row;
  Field *field;

  g_return_val_if_fail (SD_IS_EDITOR_WINDOW (self), NULL);

  row = suffix_row_new (title, subtitle, toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);

  field = field_new (self, group, FIELD_SWITCH, property, row, toggle);
  field_sync (field, TRUE);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (control_changed_cb), field);
  return row;
}

GtkWidget *
sd_editor_window_add_spin (SdEditorWindow      *self,
                           AdwPreferencesGroup *group,
                           const char          *property,
                           const char          *title,
                           int                  min,
                           int                  max)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);
  GtkWidget *row;
  Field *field;

  g_return_val_if_fail (SD_IS_EDITOR_WINDOW (self), NULL);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  row = suffix_row_new (title, NULL, spin);

  field = field_new (self, group, FIELD_SPIN, property, row, spin);
  field_sync (field, TRUE);
  g_signal_connect (spin, "value-changed", G_CALLBACK (spin_value_changed_cb), field);
  return row;
}

void
sd_editor_window_set_field_check (SdEditorWindow    *self,
                                  GtkWidget         *row,
                                  SdEditorCheckFunc  check)
{
  g_return_if_fail (SD_IS_EDITOR_WINDOW (self));

  field_for_row (row)->check = check;
}

void
sd_editor_window_set_field_enabled (SdEditorWindow *self,
                                    GtkWidget      *row,
                                    gboolean        enabled)
{
  g_return_if_fail (SD_IS_EDITOR_WINDOW (self));

  field_for_row (row)->enabled = enabled;
  gtk_widget_set_visible (row, enabled);
}

void
sd_editor_window_get_field_value (SdEditorWindow *self,
                                  GtkWidget      *row,
                                  GValue         *value)
{
  g_return_if_fail (SD_IS_EDITOR_WINDOW (self));

  field_get_value (field_for_row (row), value);
}

void
sd_editor_window_set_field_value (SdEditorWindow *self,
                                  GtkWidget      *row,
                                  const GValue   *value)
{
  g_return_if_fail (SD_IS_EDITOR_WINDOW (self));

  field_set_value (field_for_row (row), value);
}

void
sd_editor_window_sync_fields (SdEditorWindow *self)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  g_return_if_fail (SD_IS_EDITOR_WINDOW (self));

  for (guint i = 0; i < priv->fields->len; i++)
    field_sync (g_ptr_array_index (priv->fields, i), TRUE);
}

gboolean
sd_editor_window_update (SdEditorWindow *self,
                         guint           n_properties,
                         const char     *names[],
                         const GValue    values[])
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  SdItem *item;

  g_return_val_if_fail (SD_IS_EDITOR_WINDOW (self), FALSE);

  item = sd_editor_window_get_item (self);
  if (item == NULL)
    return FALSE;
  if (!sd_store_updatev (priv->store, item, n_properties, names, values, &error))
    {
      sd_editor_window_show_error (self, error);
      /* A value refused for what it is goes back to the stored one; one
       * that could not be written just now (a full disk) stays, to be
       * applied again: nothing the user typed is lost. */
      if (!error_is_passing (self, error))
        sd_editor_window_sync_fields (self);
      return FALSE;
    }
  dismiss_retry (self);
  return TRUE;
}

/* Defaults */

void
sd_editor_window_set_default (SdEditorWindow *self,
                              const char     *property,
                              const GValue   *value)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);
  GValue *copy = g_new0 (GValue, 1);

  g_return_if_fail (SD_IS_EDITOR_WINDOW (self));

  g_value_init (copy, G_VALUE_TYPE (value));
  g_value_copy (value, copy);
  g_hash_table_insert (priv->defaults, g_strdup (property), copy);
}

void
sd_editor_window_set_default_ref (SdEditorWindow *self,
                                  const char     *property,
                                  gint64          id)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, id);
  sd_editor_window_set_default (self, property, &value);
}

void
sd_editor_window_set_default_string (SdEditorWindow *self,
                                     const char     *property,
                                     const char     *string)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, string);
  sd_editor_window_set_default (self, property, &value);
}

void
sd_editor_window_set_default_boolean (SdEditorWindow *self,
                                      const char     *property,
                                      gboolean        boolean)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, boolean);
  sd_editor_window_set_default (self, property, &value);
}

/* Messages */

/* The edit failed for a reason of the moment, not for its value: a full
 * disk, a file busy or that could not be written just now. (A damaged file
 * is read-only for good, see sd_store_get_read_only().) */
static gboolean
error_is_passing (SdEditorWindow *self,
                  const GError   *error)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  if (error->domain != SD_STORE_ERROR)
    return FALSE;
  return error->code == SD_STORE_ERROR_FULL || error->code == SD_STORE_ERROR_BUSY ||
         (error->code == SD_STORE_ERROR_IO && !sd_store_get_read_only (priv->store));
}

/* Whether @field shows a value that is not the stored one: one the user
 * changed and that could not be saved. */
static gboolean
field_is_pending (Field *field)
{
  g_auto(GValue) entered = G_VALUE_INIT;
  g_auto(GValue) stored = G_VALUE_INIT;

  if (!field->enabled)
    return FALSE;
  field_get_value (field, &entered);
  field_get_stored (field, &stored);
  return !values_equal (&entered, &stored);
}

static gboolean
has_pending_fields (SdEditorWindow *self)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  for (guint i = 0; i < priv->fields->len; i++)
    {
      if (field_is_pending (g_ptr_array_index (priv->fields, i)))
        return TRUE;
    }
  return FALSE;
}

/* AdwEntryRow hides its apply button once the text is applied, and shows
 * it again at the next change of the text while the user edits it. After
 * an edit that could not be written, the text typed is still to be
 * applied: setting it again shows the button (if the entry has the
 * focus), so that Enter applies it again as it is. */
static void
rearm_entries (SdEditorWindow *self)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  for (guint i = 0; i < priv->fields->len; i++)
    {
      Field *field = g_ptr_array_index (priv->fields, i);
      g_autofree char *text = NULL;
      int position;

      if (field->kind != FIELD_ENTRY || !gtk_widget_get_visible (field->row) ||
          !field_is_pending (field))
        continue;

      text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->widget)));
      position = gtk_editable_get_position (GTK_EDITABLE (field->widget));
      priv->syncing++;
      gtk_editable_set_text (GTK_EDITABLE (field->widget), "");
      gtk_editable_set_text (GTK_EDITABLE (field->widget), text);
      gtk_editable_set_position (GTK_EDITABLE (field->widget), position);
      priv->syncing--;
    }
}

/* Once saved, or failed again, the last failure is old news. */
static void
dismiss_retry (SdEditorWindow *self)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  /* See retry_dismissed_cb(): a toast set here is still shown. */
  if (priv->retry_toast != NULL)
    adw_toast_dismiss (priv->retry_toast);
  g_clear_weak_pointer (&priv->retry_toast);
}

/* The error toast's Try Again: stores what the fields show and the file
 * does not hold, the insert of a "new" editor or one update of every
 * such field. (Their checks ran, and were answered, the first time.) */
static void
retry (SdEditorWindow *self)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));

  if (priv->item_id == 0)
    {
      create_item (self);
      return;
    }
  if (sd_editor_window_get_item (self) == NULL)
    return;

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);
  for (guint i = 0; i < priv->fields->len; i++)
    {
      Field *field = g_ptr_array_index (priv->fields, i);
      GValue value = G_VALUE_INIT;

      if (!field_is_pending (field))
        continue;
      field_get_value (field, &value);
      g_ptr_array_add (names, field->property);
      g_array_append_val (values, value);
    }
  if (names->len > 0)
    sd_editor_window_update (self, names->len, (const char **) names->pdata,
                             (const GValue *) values->data);
}

static gboolean
retry_idle_cb (gpointer data)
{
  g_autoptr(SdEditorWindow) self = g_weak_ref_get (data);

  if (self != NULL)
    retry (self);
  return G_SOURCE_REMOVE;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* A toast dismissed (clicked, closed, timed out) must not be dismissed
 * again while it fades out: libadwaita 1.2 would free it twice. */
static void
retry_dismissed_cb (AdwToast       *toast,
                    SdEditorWindow *self)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  if (priv->retry_toast == toast)
    g_clear_weak_pointer (&priv->retry_toast);
}

/* The toast goes away by itself once clicked. The retry waits until its
 * widget is done with the click: a failure adds a toast of its own, and
 * the toast clicked must not go from under its widget. */
static void
retry_clicked_cb (SdEditorWindow *self)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_clear_weak_pointer (&priv->retry_toast);
  g_weak_ref_init (weak, self);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, retry_idle_cb, weak, weak_ref_free);
}

void
sd_editor_window_toast (SdEditorWindow *self,
                        const char     *message)
{
  AdwToast *toast;

  g_return_if_fail (SD_IS_EDITOR_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

void
sd_editor_window_show_error (SdEditorWindow *self,
                             const GError   *error)
{
  SdEditorWindowPrivate *priv;
  g_autofree char *message = NULL;

  g_return_if_fail (SD_IS_EDITOR_WINDOW (self));
  g_return_if_fail (error != NULL);

  priv = sd_editor_window_get_instance_private (self);

  /* The store's messages are for the log; the user gets what it means
   * for the edit. */
  if (error->domain != SD_STORE_ERROR)
    message = g_strdup_printf (_("The change was not saved: %s"), error->message);
  else
    switch ((SdStoreError) error->code)
      {
      case SD_STORE_ERROR_READ_ONLY:
        message = g_strdup (_("The database is read-only: the change was not saved."));
        break;
      case SD_STORE_ERROR_FULL:
        message = g_strdup (_("The disk is full: the change was not saved. "
                              "Free some space and try again."));
        break;
      case SD_STORE_ERROR_CONSTRAINT:
        message = g_strdup (_("The change was not saved: the value is not allowed here."));
        break;
      case SD_STORE_ERROR_NOT_FOUND:
        message = g_strdup (_("The change was not saved: the record was deleted in the meantime."));
        break;
      case SD_STORE_ERROR_IO:
        /* A file found damaged is read-only from then on; otherwise the
         * disk failed to write, which may pass. */
        if (!error_is_passing (self, error))
          message = g_strdup (_("The change was not saved: the database file is damaged."));
        else
          message = g_strdup (_("The change was not saved: the database file could not be "
                                "written. Try again."));
        break;
      case SD_STORE_ERROR_CORRUPT:
        message = g_strdup (_("The change was not saved: the database file is damaged."));
        break;
      case SD_STORE_ERROR_FAILED:
      case SD_STORE_ERROR_NOT_DATABASE:
      case SD_STORE_ERROR_TOO_NEW:
      case SD_STORE_ERROR_BUSY:
      default:
        message = g_strdup_printf (_("The change was not saved: %s"), error->message);
        break;
      }

  g_debug ("Edit refused: %s", error->message);
  dismiss_retry (self);

  /* What could not be saved just now is still in the fields: the toast
   * stays until the user has made room and tries again, or dismisses it. */
  if (error_is_passing (self, error) && has_pending_fields (self))
    {
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_button_label (toast, _("_Try Again"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (retry_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (retry_dismissed_cb), self, 0);
      g_set_weak_pointer (&priv->retry_toast, toast);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
      rearm_entries (self);
      return;
    }
  sd_editor_window_toast (self, message);
}

typedef struct
{
  SdEditorWindow      *self;
  SdEditorConfirmFunc  func;
  gpointer             user_data;
  GDestroyNotify       destroy;
} Confirmation;

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Confirmation     *confirmation)
{
  confirmation->func (confirmation->self, g_str_equal (response, "keep"),
                      confirmation->user_data);
  if (confirmation->destroy != NULL)
    confirmation->destroy (confirmation->user_data);
  g_object_unref (confirmation->self);
  g_free (confirmation);
}

void
sd_editor_window_confirm (SdEditorWindow      *self,
                          GPtrArray           *violations,
                          SdEditorConfirmFunc  func,
                          gpointer             user_data,
                          GDestroyNotify       destroy)
{
  g_autoptr(GString) body = g_string_new (NULL);
  Confirmation *confirmation;
  GtkWidget *dialog;

  g_return_if_fail (SD_IS_EDITOR_WINDOW (self));
  g_return_if_fail (func != NULL);

  if (violations == NULL || violations->len == 0)
    {
      func (self, TRUE, user_data);
      if (destroy != NULL)
        destroy (user_data);
      return;
    }

  for (guint i = 0; i < violations->len; i++)
    {
      if (body->len > 0)
        g_string_append (body, "\n\n");
      g_string_append (body, sd_violation_get_message (g_ptr_array_index (violations, i)));
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("This Breaks a Rule"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    /* Translators: store an assignment although it breaks a
                                     * rule; the violation stays listed until it is fixed */
                                    "keep", _("_Keep on Record"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "keep",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  confirmation = g_new0 (Confirmation, 1);
  confirmation->self = g_object_ref (self);
  confirmation->func = func;
  confirmation->user_data = user_data;
  confirmation->destroy = destroy;
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), confirmation);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* Helpers */

char *
sd_editor_item_label (SdStore  *store,
                      gpointer  item)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (SD_IS_ITEM (item), NULL);

  g_object_get (item, "name", &name, NULL);
  if (SD_IS_POST (item))
    {
      SdUnit *unit = sd_store_lookup (store, SD_TYPE_UNIT, sd_post_get_unit_id (item));

      /* Posts of the same name exist in several units (系统管理员). */
      return g_strdup_printf ("%s · %s", name,
                              unit != NULL ? sd_unit_get_name (unit) : _("Organisation-wide"));
    }
  return g_steal_pointer (&name);
}

char *
sd_editor_person_detail (SdStore  *store,
                         gpointer  person)
{
  SdUnit *unit;
  const char *job;
  GString *detail = g_string_new (NULL);

  g_return_val_if_fail (SD_IS_PERSON (person), NULL);

  unit = sd_store_lookup (store, SD_TYPE_UNIT, sd_person_get_unit_id (person));
  job = sd_person_get_job_title (person);
  if (unit != NULL)
    g_string_append (detail, sd_unit_get_name (unit));
  if (job != NULL && *job != '\0')
    g_string_append_printf (detail, "%s%s", detail->len > 0 ? " · " : "", job);
  return g_string_free (detail, FALSE);
}

GtkWidget *
sd_editor_icon_button_new (const char *icon_name,
                           const char *tooltip,
                           const char *accessible_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name != NULL ? accessible_name : tooltip,
                                  -1);
  return button;
}

/* Person picker
 *
 * GtkDropDown's popup rows have no accessible names or actions in GTK 4.8,
 * so a screen reader cannot choose a person from it. The picker is made of
 * ordinary rows instead: an entry, and a row with a named button for each
 * person found. Only the first few found get rows, so that typing stays
 * fast with thousands of people; typing more of the name finds the rest.
 */

#define PICKER_MAX_ROWS 8

typedef struct
{
  SdEditorWindow            *self;
  AdwPreferencesGroup       *group;
  GtkWidget                 *entry;      /* owned: moved about in the group */
  GPtrArray                 *rows;       /* the rows below the entry */
  SdPersonPickerExcludeFunc  exclude;
  SdPersonPickedFunc         picked;
  gpointer                   user_data;
  gint64                     only_id;    /* the one person found, or 0 */
  guint                      search_id;
} Picker;

static GtkWidget *find_text (GtkWidget *widget);

static void
picker_free (gpointer data)
{
  Picker *picker = data;

  g_clear_handle_id (&picker->search_id, g_source_remove);
  g_clear_pointer (&picker->rows, g_ptr_array_unref);
  g_clear_object (&picker->entry);
  g_free (picker);
}

static gboolean
focus_within (SdEditorWindow *self,
              GtkWidget      *widget)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
picker_focus_entry (Picker *picker)
{
  GtkWidget *text = find_text (picker->entry);

  if (text != NULL)
    gtk_text_grab_focus_without_selecting (GTK_TEXT (text));
}

static void
picker_pick (Picker *picker,
             gint64  person_id)
{
  SdPerson *person = sd_store_lookup (sd_editor_window_get_store (picker->self),
                                      SD_TYPE_PERSON, person_id);

  if (person != NULL)
    picker->picked (picker->self, person, picker->user_data);
}

static void
picker_add_clicked_cb (GtkButton *button,
                       Picker    *picker)
{
  picker_pick (picker, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "sd-person-id")));
}

static gboolean
person_matches (SdPerson   *person,
                const char *key)
{
  const char *job = sd_person_get_job_title (person);
  g_autofree char *name = g_utf8_casefold (sd_person_get_name (person), -1);
  g_autofree char *job_key = NULL;

  if (strstr (name, key) != NULL)
    return TRUE;
  if (job == NULL)
    return FALSE;
  job_key = g_utf8_casefold (job, -1);
  return strstr (job_key, key) != NULL;
}

static void
picker_add_row (Picker    *picker,
                GtkWidget *row)
{
  g_ptr_array_add (picker->rows, row);
  adw_preferences_group_add (picker->group, row);
}

static void
picker_add_note (Picker     *picker,
                 const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "dim-label");
  picker_add_row (picker, row);
}

static GtkWidget *
picker_person_row_new (Picker   *picker,
                       SdPerson *person)
{
  SdStore *store = sd_editor_window_get_store (picker->self);
  const char *name = sd_person_get_name (person);
  g_autofree char *detail = sd_editor_person_detail (store, person);
  g_autofree char *add_name = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_("Add"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: the accessible name of the button that adds a person found
   * by name to a post or a security body; %s is the person */
  add_name = g_strdup_printf (_("Add %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, add_name,
                                  -1);
  g_object_set_data (G_OBJECT (button), "sd-person-id",
                     GSIZE_TO_POINTER (sd_item_get_id (SD_ITEM (person))));
  g_signal_connect (button, "clicked", G_CALLBACK (picker_add_clicked_cb), picker);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

/* A linear scan: a few milliseconds for 5,000 people, and only the rows
 * shown are made. */
static void
picker_search (Picker *picker)
{
  GListModel *people = sd_store_get_items (sd_editor_window_get_store (picker->self),
                                           SD_TYPE_PERSON);
  guint n_people = g_list_model_get_n_items (people);
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (picker->entry)));
  g_autofree char *key = g_utf8_casefold (g_strstrip (text), -1);
  g_autoptr(GHashTable) excluded = NULL;
  gboolean refocus = FALSE;
  guint n_found = 0;

  g_clear_handle_id (&picker->search_id, g_source_remove);

  /* A keyboard user who pressed an Add button goes on in the entry. */
  for (guint i = 0; i < picker->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (picker->rows, i);

      refocus |= focus_within (picker->self, row);
      adw_preferences_group_remove (picker->group, row);
    }
  g_ptr_array_set_size (picker->rows, 0);
  picker->only_id = 0;

  if (*key != '\0')
    {
      if (picker->exclude != NULL)
        excluded = picker->exclude (picker->self, picker->user_data);

      for (guint i = 0; i < n_people; i++)
        {
          g_autoptr(SdPerson) person = g_list_model_get_item (people, i);
          gint64 person_id = sd_item_get_id (SD_ITEM (person));

          if ((excluded != NULL &&
               g_hash_table_contains (excluded, GSIZE_TO_POINTER (person_id))) ||
              !person_matches (person, key))
            continue;
          if (++n_found <= PICKER_MAX_ROWS)
            picker_add_row (picker, picker_person_row_new (picker, person));
          picker->only_id = n_found == 1 ? person_id : 0;
        }

      if (n_found == 0)
        picker_add_note (picker, _("No one found"));
      else if (n_found > PICKER_MAX_ROWS)
        {
          guint n_more = n_found - PICKER_MAX_ROWS;
          /* Translators: shown below the people found when there are too
           * many to list; %u is how many more there are */
          g_autofree char *more = g_strdup_printf (ngettext ("%u more — type more of the name",
                                                             "%u more — type more of the name",
                                                             n_more),
                                                   n_more);

          picker_add_note (picker, more);
        }
    }

  if (refocus)
    picker_focus_entry (picker);
}

static gboolean
picker_search_cb (gpointer user_data)
{
  Picker *picker = user_data;

  picker->search_id = 0;
  picker_search (picker);
  return G_SOURCE_REMOVE;
}

/* The search runs once the main loop is idle: the text typed is drawn
 * first, and the rows are not destroyed under an Add button's click. */
static void
picker_changed_cb (GtkEditable *entry,
                   Picker      *picker)
{
  if (picker->search_id == 0)
    picker->search_id = g_idle_add (picker_search_cb, picker);
}

static void
picker_activated_cb (AdwEntryRow *entry,
                     Picker      *picker)
{
  if (picker->search_id != 0)
    picker_search (picker);
  if (picker->only_id != 0)
    picker_pick (picker, picker->only_id);
}

GtkWidget *
sd_editor_window_add_person_picker (SdEditorWindow            *self,
                                    AdwPreferencesGroup       *group,
                                    const char                *title,
                                    SdPersonPickerExcludeFunc  exclude,
                                    SdPersonPickedFunc         picked,
                                    gpointer                   user_data)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);
  Picker *picker;

  g_return_val_if_fail (SD_IS_EDITOR_WINDOW (self), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);
  g_return_val_if_fail (picked != NULL, NULL);

  picker = g_new0 (Picker, 1);
  picker->self = self;
  picker->group = group;
  picker->rows = g_ptr_array_new ();
  picker->exclude = exclude;
  picker->picked = picked;
  picker->user_data = user_data;
  g_ptr_array_add (priv->pickers, picker);

  picker->entry = g_object_ref_sink (adw_entry_row_new ());
  /* The row's title names its text field for screen readers. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (picker->entry), title);
  g_object_set_data (G_OBJECT (picker->entry), "sd-person-picker", picker);
  g_signal_connect (picker->entry, "changed", G_CALLBACK (picker_changed_cb), picker);
  g_signal_connect (picker->entry, "entry-activated", G_CALLBACK (picker_activated_cb), picker);
  adw_preferences_group_add (group, picker->entry);

  return picker->entry;
}

void
sd_editor_window_refresh_person_picker (SdEditorWindow *self,
                                        GtkWidget      *entry)
{
  Picker *picker;
  gboolean refocus;

  g_return_if_fail (SD_IS_EDITOR_WINDOW (self));

  picker = g_object_get_data (G_OBJECT (entry), "sd-person-picker");
  g_return_if_fail (picker != NULL);

  /* Taken out of the group, the entry loses the focus; it gets it back. */
  refocus = focus_within (self, entry);
  for (guint i = 0; i < picker->rows->len && !refocus; i++)
    refocus = focus_within (self, g_ptr_array_index (picker->rows, i));

  if (gtk_widget_get_parent (entry) != NULL)
    adw_preferences_group_remove (picker->group, entry);
  adw_preferences_group_add (picker->group, entry);
  picker_search (picker);
  if (refocus)
    picker_focus_entry (picker);
}

/* GObject */

static GtkWidget *
find_text (GtkWidget *widget)
{
  GtkWidget *child;

  if (GTK_IS_TEXT (widget))
    return widget;
  for (child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *text = find_text (child);

      if (text != NULL)
        return text;
    }
  return NULL;
}

static void
sd_editor_window_map (GtkWidget *widget)
{
  SdEditorWindow *self = SD_EDITOR_WINDOW (widget);
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  GTK_WIDGET_CLASS (sd_editor_window_parent_class)->map (widget);

  /* The key field gets the focus, without its text selected: selected,
   * the name would be replaced by the first key typed. */
  for (guint i = 0; i < priv->fields->len; i++)
    {
      Field *field = g_ptr_array_index (priv->fields, i);
      GtkWidget *text;

      if (field->key && (text = find_text (field->row)) != NULL)
        {
          gtk_text_grab_focus_without_selecting (GTK_TEXT (text));
          break;
        }
    }
}

static gboolean
sd_editor_window_close_request (GtkWindow *window)
{
  SdEditorWindow *self = SD_EDITOR_WINDOW (window);
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  /* Text typed but not applied is kept, as the user saw it: every edit is
   * stored when made, and closing the window is no reason to lose one. A
   * "new" editor is created by its key field first. */
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < priv->fields->len; i++)
        {
          Field *field = g_ptr_array_index (priv->fields, i);

          if (field->kind == FIELD_ENTRY && field->key == (pass == 0) && field->enabled &&
              gtk_widget_get_sensitive (field->row))
            {
              g_auto(GValue) value = G_VALUE_INIT;
              SdItem *item = sd_editor_window_get_item (self);

              field_get_value (field, &value);
              if (item == NULL && (!field->key || g_value_get_string (&value) == NULL))
                continue;
              if (item != NULL && values_equal (&value, sd_item_get_value (item, field->column)))
                continue;
              if (item != NULL && field->key && g_value_get_string (&value) == NULL)
                continue;
              field_changed (field);
            }
        }
    }

  return GTK_WINDOW_CLASS (sd_editor_window_parent_class)->close_request (window);
}

static void
sd_editor_window_constructed (GObject *object)
{
  SdEditorWindow *self = SD_EDITOR_WINDOW (object);
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  G_OBJECT_CLASS (sd_editor_window_parent_class)->constructed (object);

  g_return_if_fail (SD_IS_STORE (priv->store));
  g_return_if_fail (g_type_is_a (priv->item_type, SD_TYPE_ITEM));

  g_signal_connect_object (sd_store_get_items (priv->store, priv->item_type), "items-changed",
                           G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  update_state (self);
}

static void
sd_editor_window_dispose (GObject *object)
{
  SdEditorWindow *self = SD_EDITOR_WINDOW (object);
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  g_ptr_array_set_size (priv->dependents, 0);
  g_clear_weak_pointer (&priv->retry_toast);
  /* The pickers' rows go with the window; their handlers point at them. */
  for (guint i = 0; i < priv->pickers->len; i++)
    {
      Picker *picker = g_ptr_array_index (priv->pickers, i);

      g_clear_handle_id (&picker->search_id, g_source_remove);
      g_signal_handlers_disconnect_by_data (picker->entry, picker);
    }

  G_OBJECT_CLASS (sd_editor_window_parent_class)->dispose (object);
}

static void
sd_editor_window_finalize (GObject *object)
{
  SdEditorWindow *self = SD_EDITOR_WINDOW (object);
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  /* The fields outlive the widgets: signal handlers point at them. */
  g_clear_pointer (&priv->fields, g_ptr_array_unref);
  g_clear_pointer (&priv->dependents, g_ptr_array_unref);
  g_clear_pointer (&priv->pickers, g_ptr_array_unref);
  g_clear_pointer (&priv->defaults, g_hash_table_unref);
  g_clear_object (&priv->store);
  g_free (priv->new_title);
  g_free (priv->title);

  G_OBJECT_CLASS (sd_editor_window_parent_class)->finalize (object);
}

static void
sd_editor_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SdEditorWindow *self = SD_EDITOR_WINDOW (object);
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;

    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, priv->item_type);
      break;

    case PROP_ITEM:
      g_value_set_object (value, sd_editor_window_get_item (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_editor_window_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SdEditorWindow *self = SD_EDITOR_WINDOW (object);
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      g_assert (priv->store == NULL);
      priv->store = g_value_dup_object (value);
      break;

    case PROP_ITEM_TYPE:
      priv->item_type = g_value_get_gtype (value);
      break;

    case PROP_ITEM:
      {
        SdItem *item = g_value_get_object (value);

        priv->item_id = item != NULL ? sd_item_get_id (item) : 0;
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_editor_window_class_init (SdEditorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = sd_editor_window_constructed;
  object_class->dispose = sd_editor_window_dispose;
  object_class->finalize = sd_editor_window_finalize;
  object_class->get_property = sd_editor_window_get_property;
  object_class->set_property = sd_editor_window_set_property;

  widget_class->map = sd_editor_window_map;

  window_class->close_request = sd_editor_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         SD_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL,
                        SD_TYPE_ITEM,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /* Set at construction for an existing item; a "new" editor notifies it
   * when it has created its item. */
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         SD_TYPE_ITEM,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_editor_window_init (SdEditorWindow *self)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  priv->fields = g_ptr_array_new_with_free_func (field_free);
  priv->defaults = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, value_free);
  priv->dependents = g_ptr_array_new ();
  priv->pickers = g_ptr_array_new_with_free_func (picker_free);

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 720);
  /* The rows are few; typing should go to them, not start a search. */
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);

  priv->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), priv->page);
}

/* Accessors */

SdStore *
sd_editor_window_get_store (SdEditorWindow *self)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  g_return_val_if_fail (SD_IS_EDITOR_WINDOW (self), NULL);

  return priv->store;
}

gpointer
sd_editor_window_get_item (SdEditorWindow *self)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  g_return_val_if_fail (SD_IS_EDITOR_WINDOW (self), NULL);

  if (priv->item_id == 0 || priv->store == NULL)
    return NULL;
  return sd_store_lookup (priv->store, priv->item_type, priv->item_id);
}

gint64
sd_editor_window_get_item_id (SdEditorWindow *self)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  g_return_val_if_fail (SD_IS_EDITOR_WINDOW (self), 0);

  return priv->item_id;
}

AdwPreferencesPage *
sd_editor_window_get_page (SdEditorWindow *self)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  g_return_val_if_fail (SD_IS_EDITOR_WINDOW (self), NULL);

  return priv->page;
}

void
sd_editor_window_set_titles (SdEditorWindow *self,
                             const char     *new_title,
                             const char     *title)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  g_return_if_fail (SD_IS_EDITOR_WINDOW (self));

  g_free (priv->new_title);
  g_free (priv->title);
  priv->new_title = g_strdup (new_title);
  priv->title = g_strdup (title);
  update_state (self);
}

void
sd_editor_window_add_dependent (SdEditorWindow *self,
                                GtkWidget      *widget)
{
  SdEditorWindowPrivate *priv = sd_editor_window_get_instance_private (self);

  g_return_if_fail (SD_IS_EDITOR_WINDOW (self));

  g_ptr_array_add (priv->dependents, widget);
  update_state (self);
}
