/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-item"

#include "config.h"

#include <string.h>

#include "sd-item-private.h"

typedef struct
{
  gint64  id;
  GValue *values;   /* one per column of the class's table */
  guint   position; /* where the store last saw it in its list; a hint */
} SdItemPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (SdItem, sd_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  N_PROPS
};

/* Column i is property N_PROPS + i. */
#define COLUMN_PROP_ID(i) (N_PROPS + (i))

static GParamSpec *properties[N_PROPS];

GType
sd_column_get_gtype (const SdColumn *column)
{
  switch (column->type)
    {
    case SD_COLUMN_INT:
      return G_TYPE_INT;
    case SD_COLUMN_BOOLEAN:
      return G_TYPE_BOOLEAN;
    case SD_COLUMN_STRING:
      return G_TYPE_STRING;
    case SD_COLUMN_REF:
      return G_TYPE_INT64;
    case SD_COLUMN_BYTES:
      return G_TYPE_BYTES;
    default:
      g_assert_not_reached ();
    }
}

static GValue *
item_values (SdItem *self)
{
  SdItemPrivate *priv = sd_item_get_instance_private (self);

  g_assert (priv->values != NULL);
  return priv->values;
}

static void
sd_item_constructed (GObject *object)
{
  SdItem *self = SD_ITEM (object);
  SdItemPrivate *priv = sd_item_get_instance_private (self);
  const SdTable *table = SD_ITEM_GET_CLASS (self)->table;

  G_OBJECT_CLASS (sd_item_parent_class)->constructed (object);

  g_assert (table != NULL);
  priv->values = g_new0 (GValue, table->n_columns);
  for (guint i = 0; i < table->n_columns; i++)
    g_value_init (&priv->values[i], sd_column_get_gtype (&table->columns[i]));
}

static void
sd_item_finalize (GObject *object)
{
  SdItem *self = SD_ITEM (object);
  SdItemPrivate *priv = sd_item_get_instance_private (self);
  const SdTable *table = SD_ITEM_GET_CLASS (self)->table;

  if (priv->values != NULL)
    {
      for (guint i = 0; i < table->n_columns; i++)
        g_value_unset (&priv->values[i]);
      g_free (priv->values);
    }

  G_OBJECT_CLASS (sd_item_parent_class)->finalize (object);
}

static void
sd_item_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  SdItem *self = SD_ITEM (object);
  SdItemPrivate *priv = sd_item_get_instance_private (self);
  const SdTable *table = SD_ITEM_GET_CLASS (self)->table;

  if (prop_id == PROP_ID)
    g_value_set_int64 (value, priv->id);
  else if (prop_id >= N_PROPS && prop_id - N_PROPS < table->n_columns)
    g_value_copy (&priv->values[prop_id - N_PROPS], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sd_item_class_init (SdItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sd_item_constructed;
  object_class->finalize = sd_item_finalize;
  object_class->get_property = sd_item_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_item_init (SdItem *self)
{
}

void
sd_item_class_install_table (SdItemClass   *klass,
                             const SdTable *table)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  g_return_if_fail (SD_IS_ITEM_CLASS (klass));
  g_return_if_fail (table != NULL);

  /* GObject does not inherit get_property: each class that installs
   * properties needs it. */
  object_class->get_property = sd_item_get_property;
  klass->table = table;
  klass->column_pspecs = g_new0 (GParamSpec *, table->n_columns);

  for (guint i = 0; i < table->n_columns; i++)
    {
      const SdColumn *column = &table->columns[i];
      GParamSpec *pspec = NULL;

      switch (column->type)
        {
        case SD_COLUMN_INT:
          pspec = g_param_spec_int (column->property, NULL, NULL,
                                    G_MININT, G_MAXINT, 0, flags);
          break;
        case SD_COLUMN_BOOLEAN:
          pspec = g_param_spec_boolean (column->property, NULL, NULL, FALSE, flags);
          break;
        case SD_COLUMN_STRING:
          pspec = g_param_spec_string (column->property, NULL, NULL, NULL, flags);
          break;
        case SD_COLUMN_REF:
          g_assert (column->ref_type != NULL);
          pspec = g_param_spec_int64 (column->property, NULL, NULL,
                                      0, G_MAXINT64, 0, flags);
          break;
        case SD_COLUMN_BYTES:
          pspec = g_param_spec_boxed (column->property, NULL, NULL, G_TYPE_BYTES, flags);
          break;
        default:
          g_assert_not_reached ();
        }

      klass->column_pspecs[i] = pspec;
      g_object_class_install_property (object_class, COLUMN_PROP_ID (i), pspec);
    }
}

const SdTable *
sd_item_class_get_table (SdItemClass *klass)
{
  g_return_val_if_fail (SD_IS_ITEM_CLASS (klass), NULL);

  return klass->table;
}

int
sd_table_find_column (const SdTable *table,
                      const char    *property)
{
  for (guint i = 0; i < table->n_columns; i++)
    {
      if (g_str_equal (table->columns[i].property, property))
        return i;
    }
  return -1;
}

gint64
sd_item_get_id (SdItem *self)
{
  SdItemPrivate *priv = sd_item_get_instance_private (self);

  g_return_val_if_fail (SD_IS_ITEM (self), 0);

  return priv->id;
}

void
sd_item_set_id (SdItem *self,
                gint64  id)
{
  SdItemPrivate *priv = sd_item_get_instance_private (self);

  if (priv->id != id)
    {
      priv->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

gboolean
sd_value_equal (const GValue *a,
                const GValue *b)
{
  switch (G_VALUE_TYPE (a))
    {
    case G_TYPE_INT:
      return g_value_get_int (a) == g_value_get_int (b);
    case G_TYPE_BOOLEAN:
      return !g_value_get_boolean (a) == !g_value_get_boolean (b);
    case G_TYPE_INT64:
      return g_value_get_int64 (a) == g_value_get_int64 (b);
    case G_TYPE_STRING:
      return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
    default:
      {
        GBytes *x = g_value_get_boxed (a);
        GBytes *y = g_value_get_boxed (b);

        if (x == NULL || y == NULL)
          return x == y;
        return g_bytes_equal (x, y);
      }
    }
}

gboolean
sd_item_set_value (SdItem       *self,
                   guint         column,
                   const GValue *value)
{
  SdItemClass *klass = SD_ITEM_GET_CLASS (self);
  GValue *values = item_values (self);

  g_assert (column < klass->table->n_columns);
  g_assert (G_VALUE_HOLDS (value, G_VALUE_TYPE (&values[column])));

  if (sd_value_equal (&values[column], value))
    return FALSE;

  g_value_copy (value, &values[column]);
  g_object_notify_by_pspec (G_OBJECT (self), klass->column_pspecs[column]);
  return TRUE;
}

const gint64 *
sd_item_get_id_location (SdItem *self)
{
  SdItemPrivate *priv = sd_item_get_instance_private (self);

  return &priv->id;
}

guint
sd_item_get_position_hint (SdItem *self)
{
  SdItemPrivate *priv = sd_item_get_instance_private (self);

  return priv->position;
}

void
sd_item_set_position_hint (SdItem *self,
                           guint   position)
{
  SdItemPrivate *priv = sd_item_get_instance_private (self);

  priv->position = position;
}

void
sd_item_load_value (SdItem *self,
                    guint   column,
                    GValue *value)
{
  GValue *values = item_values (self);

  g_assert (column < SD_ITEM_GET_CLASS (self)->table->n_columns);
  g_assert (G_VALUE_TYPE (value) == G_VALUE_TYPE (&values[column]));

  /* A GValue may be moved by copying its bytes; the item's own value is
   * still the empty one from construction. */
  g_value_unset (&values[column]);
  values[column] = *value;
  memset (value, 0, sizeof *value);
}

const GValue *
sd_item_get_value (SdItem *self,
                   guint   column)
{
  g_return_val_if_fail (SD_IS_ITEM (self), NULL);
  g_return_val_if_fail (column < SD_ITEM_GET_CLASS (self)->table->n_columns, NULL);

  return &item_values (self)[column];
}

int
sd_item_get_int (SdItem *self,
                 guint   column)
{
  return g_value_get_int (sd_item_get_value (self, column));
}

gboolean
sd_item_get_boolean (SdItem *self,
                     guint   column)
{
  return g_value_get_boolean (sd_item_get_value (self, column));
}

const char *
sd_item_get_string (SdItem *self,
                    guint   column)
{
  return g_value_get_string (sd_item_get_value (self, column));
}

gint64
sd_item_get_ref (SdItem *self,
                 guint   column)
{
  return g_value_get_int64 (sd_item_get_value (self, column));
}

GBytes *
sd_item_get_bytes (SdItem *self,
                   guint   column)
{
  return g_value_get_boxed (sd_item_get_value (self, column));
}
