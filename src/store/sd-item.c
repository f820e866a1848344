/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-item"

#include "config.h"

#include <string.h>

#include "sd-item-private.h"

/* One column's value in eight bytes rather than a GValue's 24: the store
 * holds a hundred thousand items of a large group's file, most of them
 * assignments of four ids and a one-letter role. */
typedef union
{
  gint64  v_int;            /* SD_COLUMN_INT, _BOOLEAN and _REF */
  char   *v_string;         /* SD_COLUMN_STRING of 8 bytes or more, owned */
  char    v_short[8];       /* SD_COLUMN_STRING of up to 7 bytes and its NUL */
  GBytes *v_bytes;          /* SD_COLUMN_BYTES, owned */
} Slot;

#define SHORT_STRING_MAX (sizeof (Slot) - 1)

typedef struct
{
  gint64   id;
  Slot    *slots;        /* one per column of the class's table */
  guint    position;     /* where the store last saw it in its list; a hint */
  guint32  short_mask;   /* bit i: column i's string is in slots[i].v_short */
} SdItemPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (SdItem, sd_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  N_PROPS
};

/* Column i is property N_PROPS + i. */
#define COLUMN_PROP_ID(i) (N_PROPS + (i))

/* The short-string mask has a bit per column. */
#define MAX_COLUMNS 32

static GParamSpec *properties[N_PROPS];

/* The GValues that sd_item_get_value() hands out, made for the few items
 * that are asked for them. */
static GQuark values_quark;

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

static inline const SdTable *
item_table (SdItem *self)
{
  return SD_ITEM_GET_CLASS (self)->table;
}

static inline const char *
slot_string (SdItemPrivate *priv,
             guint          column)
{
  if (priv->short_mask & (1u << column))
    return priv->slots[column].v_short;
  return priv->slots[column].v_string;
}

/* Empties a slot: frees what it owns; afterwards it reads as 0, FALSE or
 * NULL, whatever the column's type. */
static void
slot_clear (SdItemPrivate  *priv,
            const SdColumn *column_info,
            guint           column)
{
  Slot *slot = &priv->slots[column];

  if (column_info->type == SD_COLUMN_STRING && !(priv->short_mask & (1u << column)))
    g_free (slot->v_string);
  else if (column_info->type == SD_COLUMN_BYTES && slot->v_bytes != NULL)
    g_bytes_unref (slot->v_bytes);
  priv->short_mask &= ~(1u << column);
  slot->v_int = 0;
}

/* Sets an empty slot to a copy of the @length bytes at @text (no NUL
 * among them). */
static void
slot_set_string (SdItemPrivate *priv,
                 guint          column,
                 const char    *text,
                 gsize          length)
{
  Slot *slot = &priv->slots[column];

  if (text == NULL)
    return;
  if (length <= SHORT_STRING_MAX)
    {
      memcpy (slot->v_short, text, length);
      slot->v_short[length] = '\0';
      priv->short_mask |= 1u << column;
    }
  else
    slot->v_string = g_strndup (text, length);
}

/* Sets an empty slot to @value. */
static void
slot_set_value (SdItemPrivate  *priv,
                const SdColumn *column_info,
                guint           column,
                const GValue   *value)
{
  Slot *slot = &priv->slots[column];

  switch (column_info->type)
    {
    case SD_COLUMN_INT:
      slot->v_int = g_value_get_int (value);
      break;
    case SD_COLUMN_BOOLEAN:
      slot->v_int = g_value_get_boolean (value) ? 1 : 0;
      break;
    case SD_COLUMN_REF:
      slot->v_int = g_value_get_int64 (value);
      break;
    case SD_COLUMN_STRING:
      {
        const char *text = g_value_get_string (value);

        slot_set_string (priv, column, text, text != NULL ? strlen (text) : 0);
      }
      break;
    case SD_COLUMN_BYTES:
      slot->v_bytes = g_value_dup_boxed (value);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Sets @value, initialised to the column's type, to the slot's value. */
static void
slot_get_value (SdItemPrivate  *priv,
                const SdColumn *column_info,
                guint           column,
                GValue         *value)
{
  Slot *slot = &priv->slots[column];

  switch (column_info->type)
    {
    case SD_COLUMN_INT:
      g_value_set_int (value, (int) slot->v_int);
      break;
    case SD_COLUMN_BOOLEAN:
      g_value_set_boolean (value, slot->v_int != 0);
      break;
    case SD_COLUMN_REF:
      g_value_set_int64 (value, slot->v_int);
      break;
    case SD_COLUMN_STRING:
      g_value_set_string (value, slot_string (priv, column));
      break;
    case SD_COLUMN_BYTES:
      g_value_set_boxed (value, slot->v_bytes);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
slot_equal (SdItemPrivate  *priv,
            const SdColumn *column_info,
            guint           column,
            const GValue   *value)
{
  Slot *slot = &priv->slots[column];

  switch (column_info->type)
    {
    case SD_COLUMN_INT:
      return slot->v_int == g_value_get_int (value);
    case SD_COLUMN_BOOLEAN:
      return (slot->v_int != 0) == (g_value_get_boolean (value) != FALSE);
    case SD_COLUMN_REF:
      return slot->v_int == g_value_get_int64 (value);
    case SD_COLUMN_STRING:
      return g_strcmp0 (slot_string (priv, column), g_value_get_string (value)) == 0;
    case SD_COLUMN_BYTES:
      {
        GBytes *other = g_value_get_boxed (value);

        if (slot->v_bytes == NULL || other == NULL)
          return slot->v_bytes == other;
        return g_bytes_equal (slot->v_bytes, other);
      }
    default:
      g_assert_not_reached ();
    }
}

static void
sd_item_constructed (GObject *object)
{
  SdItem *self = SD_ITEM (object);
  SdItemPrivate *priv = sd_item_get_instance_private (self);
  const SdTable *table = item_table (self);

  G_OBJECT_CLASS (sd_item_parent_class)->constructed (object);

  /* All zeros is 0, FALSE and NULL for every column type. */
  g_assert (table != NULL);
  priv->slots = g_new0 (Slot, table->n_columns);
}

static void
sd_item_finalize (GObject *object)
{
  SdItem *self = SD_ITEM (object);
  SdItemPrivate *priv = sd_item_get_instance_private (self);
  const SdTable *table = item_table (self);

  if (priv->slots != NULL)
    {
      for (guint i = 0; i < table->n_columns; i++)
        slot_clear (priv, &table->columns[i], i);
      g_free (priv->slots);
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
  const SdTable *table = item_table (self);

  if (prop_id == PROP_ID)
    g_value_set_int64 (value, priv->id);
  else if (prop_id >= N_PROPS && prop_id - N_PROPS < table->n_columns)
    slot_get_value (priv, &table->columns[prop_id - N_PROPS], prop_id - N_PROPS, value);
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

  values_quark = g_quark_from_static_string ("sd-item-values");
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
  g_return_if_fail (table->n_columns <= MAX_COLUMNS);

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

static void
free_values (gpointer data)
{
  GValue *values = data;

  /* As many as the item has columns, then one left unset. */
  for (guint i = 0; G_IS_VALUE (&values[i]); i++)
    g_value_unset (&values[i]);
  g_free (values);
}

gboolean
sd_item_set_value (SdItem       *self,
                   guint         column,
                   const GValue *value)
{
  SdItemPrivate *priv = sd_item_get_instance_private (self);
  SdItemClass *klass = SD_ITEM_GET_CLASS (self);
  const SdColumn *column_info;
  GValue *values;

  g_assert (column < klass->table->n_columns);
  column_info = &klass->table->columns[column];
  g_assert (G_VALUE_HOLDS (value, sd_column_get_gtype (column_info)));

  if (slot_equal (priv, column_info, column, value))
    return FALSE;

  slot_clear (priv, column_info, column);
  slot_set_value (priv, column_info, column, value);

  /* What sd_item_get_value() handed out follows the item, as it did when
   * the item kept its values as GValues. */
  values = g_object_get_qdata (G_OBJECT (self), values_quark);
  if (values != NULL)
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
sd_item_load_number (SdItem *self,
                     guint   column,
                     gint64  value)
{
  SdItemPrivate *priv = sd_item_get_instance_private (self);
  const SdColumn *column_info;

  g_assert (column < item_table (self)->n_columns);
  column_info = &item_table (self)->columns[column];
  g_assert (column_info->type == SD_COLUMN_INT || column_info->type == SD_COLUMN_BOOLEAN ||
            column_info->type == SD_COLUMN_REF);

  if (column_info->type == SD_COLUMN_INT)
    value = (int) value;
  else if (column_info->type == SD_COLUMN_BOOLEAN)
    value = value != 0;
  priv->slots[column].v_int = value;
}

void
sd_item_load_string (SdItem     *self,
                     guint       column,
                     const char *text,
                     gsize       length)
{
  SdItemPrivate *priv = sd_item_get_instance_private (self);

  g_assert (column < item_table (self)->n_columns);
  g_assert (item_table (self)->columns[column].type == SD_COLUMN_STRING);
  g_assert (priv->slots[column].v_string == NULL);

  slot_set_string (priv, column, text, length);
}

void
sd_item_load_bytes (SdItem *self,
                    guint   column,
                    GBytes *bytes)
{
  SdItemPrivate *priv = sd_item_get_instance_private (self);

  g_assert (column < item_table (self)->n_columns);
  g_assert (item_table (self)->columns[column].type == SD_COLUMN_BYTES);
  g_assert (priv->slots[column].v_bytes == NULL);

  priv->slots[column].v_bytes = bytes;
}

void
sd_item_copy_value (SdItem *self,
                    guint   column,
                    GValue *value)
{
  SdItemPrivate *priv = sd_item_get_instance_private (self);
  const SdTable *table = item_table (self);

  g_assert (column < table->n_columns);
  g_assert (G_VALUE_HOLDS (value, sd_column_get_gtype (&table->columns[column])));

  slot_get_value (priv, &table->columns[column], column, value);
}

const GValue *
sd_item_get_value (SdItem *self,
                   guint   column)
{
  SdItemPrivate *priv = sd_item_get_instance_private (self);
  const SdTable *table;
  GValue *values;

  g_return_val_if_fail (SD_IS_ITEM (self), NULL);
  table = item_table (self);
  g_return_val_if_fail (column < table->n_columns, NULL);

  values = g_object_get_qdata (G_OBJECT (self), values_quark);
  if (values == NULL)
    {
      /* One more, left unset, ends the array for free_values(). */
      values = g_new0 (GValue, table->n_columns + 1);
      for (guint i = 0; i < table->n_columns; i++)
        {
          g_value_init (&values[i], sd_column_get_gtype (&table->columns[i]));
          slot_get_value (priv, &table->columns[i], i, &values[i]);
        }
      g_object_set_qdata_full (G_OBJECT (self), values_quark, values, free_values);
    }
  return &values[column];
}

int
sd_item_get_int (SdItem *self,
                 guint   column)
{
  SdItemPrivate *priv = sd_item_get_instance_private (self);

  g_return_val_if_fail (SD_IS_ITEM (self), 0);
  g_return_val_if_fail (column < item_table (self)->n_columns, 0);
  g_return_val_if_fail (item_table (self)->columns[column].type == SD_COLUMN_INT, 0);

  return (int) priv->slots[column].v_int;
}

gboolean
sd_item_get_boolean (SdItem *self,
                     guint   column)
{
  SdItemPrivate *priv = sd_item_get_instance_private (self);

  g_return_val_if_fail (SD_IS_ITEM (self), FALSE);
  g_return_val_if_fail (column < item_table (self)->n_columns, FALSE);
  g_return_val_if_fail (item_table (self)->columns[column].type == SD_COLUMN_BOOLEAN, FALSE);

  return priv->slots[column].v_int != 0;
}

const char *
sd_item_get_string (SdItem *self,
                    guint   column)
{
  SdItemPrivate *priv = sd_item_get_instance_private (self);

  g_return_val_if_fail (SD_IS_ITEM (self), NULL);
  g_return_val_if_fail (column < item_table (self)->n_columns, NULL);
  g_return_val_if_fail (item_table (self)->columns[column].type == SD_COLUMN_STRING, NULL);

  return slot_string (priv, column);
}

gint64
sd_item_get_ref (SdItem *self,
                 guint   column)
{
  SdItemPrivate *priv = sd_item_get_instance_private (self);

  g_return_val_if_fail (SD_IS_ITEM (self), 0);
  g_return_val_if_fail (column < item_table (self)->n_columns, 0);
  g_return_val_if_fail (item_table (self)->columns[column].type == SD_COLUMN_REF, 0);

  return priv->slots[column].v_int;
}

GBytes *
sd_item_get_bytes (SdItem *self,
                   guint   column)
{
  SdItemPrivate *priv = sd_item_get_instance_private (self);

  g_return_val_if_fail (SD_IS_ITEM (self), NULL);
  g_return_val_if_fail (column < item_table (self)->n_columns, NULL);
  g_return_val_if_fail (item_table (self)->columns[column].type == SD_COLUMN_BYTES, NULL);

  return priv->slots[column].v_bytes;
}
