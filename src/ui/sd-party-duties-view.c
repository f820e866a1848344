/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-party-duties-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sd-assignment-index.h"
#include "sd-body.h"
#include "sd-labels.h"
#include "sd-party-duties-view.h"
#include "sd-post.h"
#include "sd-unit.h"

/* SdPartyDuty */

struct _SdPartyDuty
{
  GObject     parent_instance;

  SdDuty     *duty;
  char       *role;
  char       *party;
  char       *code_key;  /* sorts "003-9" before "003-10" */
};

G_DEFINE_FINAL_TYPE (SdPartyDuty, sd_party_duty, G_TYPE_OBJECT)

enum {
  DUTY_PROP_0,
  DUTY_PROP_CODE,
  DUTY_PROP_AREA,
  DUTY_PROP_TEXT,
  DUTY_PROP_SOURCE,
  DUTY_PROP_ROLE,
  DUTY_PROP_ROLE_LABEL,
  DUTY_PROP_PARTY,
  N_DUTY_PROPS
};

static GParamSpec *duty_properties[N_DUTY_PROPS];

static void
sd_party_duty_finalize (GObject *object)
{
  SdPartyDuty *self = SD_PARTY_DUTY (object);

  g_clear_object (&self->duty);
  g_free (self->role);
  g_free (self->party);
  g_free (self->code_key);

  G_OBJECT_CLASS (sd_party_duty_parent_class)->finalize (object);
}

static void
sd_party_duty_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SdPartyDuty *self = SD_PARTY_DUTY (object);

  switch (prop_id)
    {
    case DUTY_PROP_CODE:
      g_value_set_string (value, sd_duty_get_code (self->duty));
      break;
    case DUTY_PROP_AREA:
      g_value_set_string (value, sd_duty_get_area (self->duty));
      break;
    case DUTY_PROP_TEXT:
      g_value_set_string (value, sd_duty_get_text (self->duty));
      break;
    case DUTY_PROP_SOURCE:
      g_value_set_string (value, sd_duty_get_source (self->duty));
      break;
    case DUTY_PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case DUTY_PROP_ROLE_LABEL:
      g_value_set_string (value, sd_party_duty_get_role_label (self));
      break;
    case DUTY_PROP_PARTY:
      g_value_set_string (value, self->party);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_party_duty_class_init (SdPartyDutyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *names[N_DUTY_PROPS] = {
    NULL, "code", "area", "text", "source", "role", "role-label", "party"
  };

  object_class->finalize = sd_party_duty_finalize;
  object_class->get_property = sd_party_duty_get_property;

  for (guint i = 1; i < N_DUTY_PROPS; i++)
    duty_properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_DUTY_PROPS, duty_properties);
}

static void
sd_party_duty_init (SdPartyDuty *self)
{
}

static SdPartyDuty *
sd_party_duty_new (SdDuty     *duty,
                   const char *role,
                   const char *party)
{
  SdPartyDuty *self = g_object_new (SD_TYPE_PARTY_DUTY, NULL);
  const char *code = sd_duty_get_code (duty);

  self->duty = g_object_ref (duty);
  self->role = g_strdup (role);
  self->party = g_strdup (party);
  self->code_key = g_utf8_collate_key_for_filename (code != NULL ? code : "", -1);
  return self;
}

SdDuty *
sd_party_duty_get_duty (SdPartyDuty *self)
{
  g_return_val_if_fail (SD_IS_PARTY_DUTY (self), NULL);

  return self->duty;
}

const char *
sd_party_duty_get_role (SdPartyDuty *self)
{
  g_return_val_if_fail (SD_IS_PARTY_DUTY (self), NULL);

  return self->role;
}

const char *
sd_party_duty_get_role_label (SdPartyDuty *self)
{
  g_return_val_if_fail (SD_IS_PARTY_DUTY (self), NULL);

  return sd_raci_label (self->role);
}

const char *
sd_party_duty_get_party (SdPartyDuty *self)
{
  g_return_val_if_fail (SD_IS_PARTY_DUTY (self), NULL);

  return self->party;
}

/* SdPartyDutiesView */

struct _SdPartyDutiesView
{
  AdwBin             parent_instance;

  SdStore           *store;
  SdAssignmentIndex *index;
  SdPartyKind        kind;
  gint64             id;
  gboolean           include_posts;
  guint              refresh_id;
  guint              model_changing;

  GListModel        *parties;      /* posts, units, bodies */
  GListStore        *rows;         /* SdPartyDuty */
  GtkSortListModel  *sorted;

  GtkDropDown       *chooser;
  GtkWidget         *include_check;
  GtkStack          *stack;
  AdwStatusPage     *none_page;
  AdwStatusPage     *empty_page;
  GtkWidget         *list_page;
  GtkColumnView     *column_view;
  GtkColumnViewColumn *party_column;
};

G_DEFINE_FINAL_TYPE (SdPartyDutiesView, sd_party_duties_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_INCLUDE_POSTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The chooser lists the parties in this order. */
static const struct {
  SdPartyKind   kind;
  GType       (*get_type) (void);
} party_kinds[] = {
  { SD_PARTY_POST, sd_post_get_type },
  { SD_PARTY_UNIT, sd_unit_get_type },
  { SD_PARTY_BODY, sd_body_get_type },
};

static GType
party_type (SdPartyKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (party_kinds); i++)
    if (party_kinds[i].kind == kind)
      return party_kinds[i].get_type ();
  g_return_val_if_reached (G_TYPE_INVALID);
}

static gboolean
party_kind_of (gpointer     item,
               SdPartyKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (party_kinds); i++)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (item, party_kinds[i].get_type ()))
        {
          *kind = party_kinds[i].kind;
          return TRUE;
        }
    }
  return FALSE;
}

char *
sd_party_label (SdStore  *store,
                gpointer  party)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_ITEM (party), NULL);

  if (SD_IS_POST (party))
    {
      SdUnit *unit = sd_store_lookup (store, SD_TYPE_UNIT, sd_post_get_unit_id (party));

      /* Translators: a post in a list of posts, units and bodies; the first
       * %s is its name, the second its unit */
      return g_strdup_printf (_("Post · %s (%s)"), sd_post_get_name (party),
                              unit != NULL ? sd_unit_get_name (unit) : _("Organisation-wide"));
    }
  if (SD_IS_UNIT (party))
    /* Translators: a unit in a list of posts, units and bodies */
    return g_strdup_printf (_("Unit · %s"), sd_unit_get_name (party));
  if (SD_IS_BODY (party))
    /* Translators: a security body in a list of posts, units and bodies */
    return g_strdup_printf (_("Body · %s"), sd_body_get_name (party));
  g_return_val_if_reached (NULL);
}

static gpointer
lookup_party (SdPartyDutiesView *self)
{
  if (self->id == 0)
    return NULL;
  return sd_store_lookup (self->store, party_type (self->kind), self->id);
}

/* Filling the list */

typedef struct
{
  GPtrArray *rows;  /* SdPartyDuty */
} AreaRows;

static void
area_rows_free (gpointer data)
{
  AreaRows *area = data;

  g_ptr_array_unref (area->rows);
  g_free (area);
}

static const char *
empty_title (SdPartyKind kind)
{
  switch (kind)
    {
    case SD_PARTY_POST:
      return _("This post holds no duties yet");
    case SD_PARTY_UNIT:
      return _("This unit holds no duties yet");
    case SD_PARTY_BODY:
    default:
      return _("This body holds no duties yet");
    }
}

static void
update_state (SdPartyDutiesView *self,
              gpointer           party)
{
  gboolean is_unit = party != NULL && self->kind == SD_PARTY_UNIT;

  gtk_widget_set_visible (self->include_check, is_unit);
  gtk_column_view_column_set_visible (self->party_column, is_unit && self->include_posts);

  if (party == NULL)
    gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->none_page));
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->rows)) == 0)
    {
      adw_status_page_set_title (self->empty_page, empty_title (self->kind));
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->empty_page));
    }
  else
    {
      g_autofree char *label = sd_party_label (self->store, party);
      /* Translators: the accessible name of the list of a party's duties;
       * %s is the party, as in "Post · 安全管理员 (网络安全管理部)" */
      g_autofree char *name = g_strdup_printf (_("Duties of %s"), label);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      gtk_stack_set_visible_child (self->stack, self->list_page);
    }
}

static int
grid_order (gconstpointer a,
            gconstpointer b)
{
  SdDuty *x = *(SdDuty **) a;
  SdDuty *y = *(SdDuty **) b;
  gint64 ix = sd_item_get_id (SD_ITEM (x));
  gint64 iy = sd_item_get_id (SD_ITEM (y));

  if (sd_duty_get_position (x) != sd_duty_get_position (y))
    return sd_duty_get_position (x) < sd_duty_get_position (y) ? -1 : 1;
  return ix < iy ? -1 : ix > iy;
}

/*
 * One pass over the duties in the matrix's order, asking the assignment
 * index for each duty's holders: 10,000 duties and 100,000 assignments take
 * a few milliseconds (sorting them a few more), and the duties come out
 * grouped by area, the areas in the order they first appear, as in the
 * matrix.
 */
static void
refresh (SdPartyDutiesView *self)
{
  gpointer party;
  g_autoptr(GHashTable) post_names = NULL;  /* post id → name, for a unit's posts */
  g_autoptr(GHashTable) areas = NULL;       /* area → AreaRows */
  g_autoptr(GPtrArray) area_order = NULL;   /* AreaRows */
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ordered = NULL;
  g_autofree char *party_name = NULL;
  GListModel *duties;
  guint n_duties;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store == NULL)
    return;

  party = lookup_party (self);
  if (party == NULL)
    {
      g_list_store_remove_all (self->rows);
      update_state (self, NULL);
      return;
    }

  g_object_get (party, "name", &party_name, NULL);
  if (self->kind == SD_PARTY_UNIT && self->include_posts)
    {
      GListModel *posts = sd_store_get_items (self->store, SD_TYPE_POST);
      guint n_posts = g_list_model_get_n_items (posts);

      post_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      for (guint i = 0; i < n_posts; i++)
        {
          g_autoptr(SdPost) post = g_list_model_get_item (posts, i);

          if (sd_post_get_unit_id (post) == self->id)
            {
              gint64 *key = g_new (gint64, 1);

              *key = sd_item_get_id (SD_ITEM (post));
              g_hash_table_insert (post_names, key, g_strdup (sd_post_get_name (post)));
            }
        }
    }

  /* The store's list is in the order rows were read or added; the matrix
   * shows them by (position, id). */
  duties = sd_store_get_items (self->store, SD_TYPE_DUTY);
  n_duties = g_list_model_get_n_items (duties);
  ordered = g_ptr_array_new_full (n_duties, g_object_unref);
  for (guint i = 0; i < n_duties; i++)
    g_ptr_array_add (ordered, g_list_model_get_item (duties, i));
  g_ptr_array_sort (ordered, grid_order);

  areas = g_hash_table_new (g_str_hash, g_str_equal);
  area_order = g_ptr_array_new_with_free_func (area_rows_free);
  for (guint i = 0; i < n_duties; i++)
    {
      SdDuty *duty = g_ptr_array_index (ordered, i);
      GPtrArray *held = sd_assignment_index_get_for_duty (self->index,
                                                          sd_item_get_id (SD_ITEM (duty)));

      for (guint j = 0; j < held->len; j++)
        {
          SdAssignment *assignment = g_ptr_array_index (held, j);
          const char *holder = NULL;
          const char *area_name;
          gint64 post_id;
          AreaRows *area;

          switch (self->kind)
            {
            case SD_PARTY_POST:
              if (sd_assignment_get_post_id (assignment) == self->id)
                holder = party_name;
              break;
            case SD_PARTY_UNIT:
              if (sd_assignment_get_unit_id (assignment) == self->id)
                holder = party_name;
              else if (post_names != NULL && (post_id = sd_assignment_get_post_id (assignment)))
                holder = g_hash_table_lookup (post_names, &post_id);
              break;
            case SD_PARTY_BODY:
            default:
              if (sd_assignment_get_body_id (assignment) == self->id)
                holder = party_name;
              break;
            }
          if (holder == NULL)
            continue;

          area_name = sd_duty_get_area (duty);
          if (area_name == NULL)
            area_name = "";
          area = g_hash_table_lookup (areas, area_name);
          if (area == NULL)
            {
              area = g_new0 (AreaRows, 1);
              area->rows = g_ptr_array_new ();
              g_ptr_array_add (area_order, area);
              /* The duty, kept alive by the store's model, owns the key. */
              g_hash_table_insert (areas, (char *) area_name, area);
            }
          g_ptr_array_add (area->rows,
                           sd_party_duty_new (duty, sd_assignment_get_role (assignment), holder));
        }
    }

  for (guint a = 0; a < area_order->len; a++)
    {
      AreaRows *area = g_ptr_array_index (area_order, a);

      for (guint i = 0; i < area->rows->len; i++)
        g_ptr_array_add (rows, g_ptr_array_index (area->rows, i));
    }

  /* One splice: the view sees one change, however many rows. */
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  update_state (self, party);
}

static gboolean
refresh_cb (gpointer user_data)
{
  SdPartyDutiesView *self = user_data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* Many store changes come at once (an import, a paste of many duties): the
 * list is rebuilt once, when they are done. */
static void
store_changed_cb (SdPartyDutiesView *self)
{
  if (self->refresh_id == 0 && self->store != NULL)
    self->refresh_id = g_idle_add (refresh_cb, self);
}

/* The chooser */

static guint
find_party_position (SdPartyDutiesView *self)
{
  guint offset = 0;

  if (self->id == 0)
    return GTK_INVALID_LIST_POSITION;

  for (guint k = 0; k < G_N_ELEMENTS (party_kinds); k++)
    {
      GListModel *model = sd_store_get_items (self->store, party_kinds[k].get_type ());
      guint n = g_list_model_get_n_items (model);

      if (party_kinds[k].kind == self->kind)
        {
          for (guint i = 0; i < n; i++)
            {
              g_autoptr(SdItem) item = g_list_model_get_item (model, i);

              if (sd_item_get_id (item) == self->id)
                return offset + i;
            }
          return GTK_INVALID_LIST_POSITION;
        }
      offset += n;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
select_party_in_chooser (SdPartyDutiesView *self)
{
  self->model_changing++;
  gtk_drop_down_set_selected (self->chooser, find_party_position (self));
  self->model_changing--;
}

static void
chooser_selected_cb (SdPartyDutiesView *self)
{
  gpointer item;
  SdPartyKind kind;

  /* A change of the list moves the selection on its own; the party stays
   * what the user chose (see parties_changed_after_cb()). */
  if (self->model_changing > 0)
    return;

  item = gtk_drop_down_get_selected_item (self->chooser);
  if (item == NULL || !party_kind_of (item, &kind))
    {
      self->id = 0;
      refresh (self);
      return;
    }
  if (kind == self->kind && sd_item_get_id (item) == self->id)
    return;
  self->kind = kind;
  self->id = sd_item_get_id (item);
  refresh (self);
}

static void
parties_changed_cb (SdPartyDutiesView *self)
{
  self->model_changing++;
}

static void
parties_changed_after_cb (SdPartyDutiesView *self)
{
  self->model_changing--;
  select_party_in_chooser (self);
  store_changed_cb (self);
}

/* The search of a drop-down matches the start of this; people look for a
 * party by its name. */
static char *
party_name_cb (GObject *item)
{
  g_autofree char *name = NULL;

  if (item == NULL)
    return g_strdup ("");
  g_object_get (item, "name", &name, NULL);
  return g_steal_pointer (&name);
}

static void
party_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
party_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               SdPartyDutiesView        *self)
{
  g_autofree char *label = sd_party_label (self->store, gtk_list_item_get_item (list_item));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), label);
}

/* The columns */

static int
compare_code_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  int cmp = strcmp (SD_PARTY_DUTY ((gpointer) a)->code_key, SD_PARTY_DUTY ((gpointer) b)->code_key);

  return cmp < 0 ? GTK_ORDERING_SMALLER : cmp > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static int
role_rank (const char *role)
{
  static const char order[] = "RACI";
  const char *p = role != NULL && role[0] != '\0' ? strchr (order, role[0]) : NULL;

  return p != NULL ? (int) (p - order) : 4;
}

static int
compare_role_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  int x = role_rank (SD_PARTY_DUTY ((gpointer) a)->role);
  int y = role_rank (SD_PARTY_DUTY ((gpointer) b)->role);

  return x < y ? GTK_ORDERING_SMALLER : x > y ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

#define CELL_TEMPLATE \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<interface>" \
  "  <template class=\"GtkListItem\">" \
  "    <property name=\"child\">" \
  "      <object class=\"%s\">" \
  "        <property name=\"xalign\">0</property>" \
  "        %s" \
  "        <binding name=\"%s\">" \
  "          <lookup name=\"%s\" type=\"SdPartyDuty\">" \
  "            <lookup name=\"item\">GtkListItem</lookup>" \
  "          </lookup>" \
  "        </binding>" \
  "      </object>" \
  "    </property>" \
  "  </template>" \
  "</interface>"

/* Short values are GtkInscriptions, cheap to lay out; the duty's text
 * wraps in a label, since it is the thing read. */
static GtkColumnViewColumn *
add_column (SdPartyDutiesView *self,
            const char        *title,
            const char        *property,
            gboolean           wrap,
            GtkSorter         *sorter)
{
  char *ui;
  g_autoptr(GBytes) bytes = NULL;
  GtkListItemFactory *factory;
  GtkColumnViewColumn *column;

  if (wrap)
    ui = g_strdup_printf (CELL_TEMPLATE, "GtkLabel",
                          "<property name=\"wrap\">1</property>"
                          "<property name=\"wrap-mode\">word-char</property>"
                          "<property name=\"width-chars\">24</property>"
                          "<property name=\"max-width-chars\">60</property>"
                          "<property name=\"margin-top\">3</property>"
                          "<property name=\"margin-bottom\">3</property>",
                          "label", property);
  else
    ui = g_strdup_printf (CELL_TEMPLATE, "GtkInscription",
                          "<property name=\"min-chars\">3</property>"
                          "<property name=\"nat-chars\">8</property>",
                          "text", property);
  bytes = g_bytes_new_take (ui, strlen (ui));
  factory = gtk_builder_list_item_factory_new_from_bytes (NULL, bytes);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, wrap);
  /* The column takes a reference of its own to @sorter. */
  if (sorter != NULL)
    {
      gtk_column_view_column_set_sorter (column, sorter);
      g_object_unref (sorter);
    }
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
  return column;
}

static GtkSorter *
custom_sorter_new (GCompareDataFunc compare)
{
  return GTK_SORTER (gtk_custom_sorter_new (compare, NULL, NULL));
}

/* GObject */

static void
sd_party_duties_view_constructed (GObject *object)
{
  SdPartyDutiesView *self = SD_PARTY_DUTIES_VIEW (object);
  g_autoptr(GListStore) parts = g_list_store_new (G_TYPE_LIST_MODEL);
  GType watched[] = {
    SD_TYPE_DUTY, SD_TYPE_ASSIGNMENT, SD_TYPE_POST, SD_TYPE_UNIT, SD_TYPE_BODY
  };
  GtkListItemFactory *factory;
  GtkExpression *expression;

  G_OBJECT_CLASS (sd_party_duties_view_parent_class)->constructed (object);

  g_return_if_fail (SD_IS_STORE (self->store));

  self->index = sd_assignment_index_new (self->store);

  for (guint i = 0; i < G_N_ELEMENTS (party_kinds); i++)
    g_list_store_append (parts, sd_store_get_items (self->store, party_kinds[i].get_type ()));
  self->parties = G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (g_object_ref (parts))));
  /* Before the drop-down's own handlers, and after them. */
  g_signal_connect_object (self->parties, "items-changed",
                           G_CALLBACK (parties_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->parties, "items-changed",
                           G_CALLBACK (parties_changed_after_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (party_setup_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (party_bind_cb), self, 0);
  gtk_drop_down_set_factory (self->chooser, factory);
  g_object_unref (factory);
  /* The drop-down takes a reference of its own to the expression. */
  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (party_name_cb), NULL, NULL);
  gtk_drop_down_set_expression (self->chooser, expression);
  gtk_expression_unref (expression);
  self->model_changing++;
  gtk_drop_down_set_model (self->chooser, self->parties);
  gtk_drop_down_set_selected (self->chooser, GTK_INVALID_LIST_POSITION);
  self->model_changing--;
  g_signal_connect_object (self->chooser, "notify::selected",
                           G_CALLBACK (chooser_selected_cb), self, G_CONNECT_SWAPPED);

  /* The parties' models are watched through the chooser's. */
  for (guint i = 0; i < 2; i++)
    g_signal_connect_object (sd_store_get_items (self->store, watched[i]), "items-changed",
                             G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  refresh (self);
}

static void
sd_party_duties_view_dispose (GObject *object)
{
  SdPartyDutiesView *self = SD_PARTY_DUTIES_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_drop_down_set_model (self->chooser, NULL);
    }
  /* The widgets go with the child, below. */
  self->chooser = NULL;
  self->column_view = NULL;
  if (self->parties != NULL)
    g_signal_handlers_disconnect_by_data (self->parties, self);
  g_clear_object (&self->parties);
  g_clear_object (&self->sorted);
  g_clear_object (&self->rows);
  g_clear_object (&self->index);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_party_duties_view_parent_class)->dispose (object);
}

static void
sd_party_duties_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SdPartyDutiesView *self = SD_PARTY_DUTIES_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_INCLUDE_POSTS:
      g_value_set_boolean (value, self->include_posts);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_party_duties_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SdPartyDutiesView *self = SD_PARTY_DUTIES_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_assert (self->store == NULL);
      self->store = g_value_dup_object (value);
      break;
    case PROP_INCLUDE_POSTS:
      sd_party_duties_view_set_include_posts (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_party_duties_view_class_init (SdPartyDutiesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sd_party_duties_view_constructed;
  object_class->dispose = sd_party_duties_view_dispose;
  object_class->get_property = sd_party_duties_view_get_property;
  object_class->set_property = sd_party_duties_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INCLUDE_POSTS] =
    g_param_spec_boolean ("include-posts", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "partydutiesview");

  /* The cell templates name the type. */
  g_type_ensure (SD_TYPE_PARTY_DUTY);
}

static void
sd_party_duties_view_init (SdPartyDutiesView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label;
  GtkWidget *scrolled;
  GtkSorter *sorter;
  g_autoptr(GtkSingleSelection) selection = NULL;

  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);

  /* Translators: the label of the chooser of a post, unit or body */
  label = gtk_label_new_with_mnemonic (_("_Duties of"));
  gtk_box_append (GTK_BOX (bar), label);

  self->chooser = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_drop_down_set_enable_search (self->chooser, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->chooser), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->chooser));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chooser),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Post, unit or body"),
                                  -1);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->chooser));

  self->include_check = gtk_check_button_new_with_mnemonic (_("Include its _posts"));
  gtk_widget_set_visible (self->include_check, FALSE);
  g_object_bind_property (self, "include-posts", self->include_check, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (bar), self->include_check);
  gtk_box_append (GTK_BOX (box), bar);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  self->none_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->none_page, "view-list-symbolic");
  adw_status_page_set_title (self->none_page, _("Choose a post, unit or body"));
  adw_status_page_set_description (self->none_page,
                                   _("Its duties are listed here, with its role in each."));
  gtk_stack_add_child (self->stack, GTK_WIDGET (self->none_page));

  self->empty_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty_page, "view-list-symbolic");
  adw_status_page_set_description (self->empty_page,
                                   _("Roles are given in the duty matrix."));
  gtk_stack_add_child (self->stack, GTK_WIDGET (self->empty_page));

  self->rows = g_list_store_new (SD_TYPE_PARTY_DUTY);
  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_row_separators (self->column_view, TRUE);
  gtk_column_view_set_reorderable (self->column_view, FALSE);
  add_column (self, _("Code"), "code", FALSE, custom_sorter_new (compare_code_cb));
  add_column (self, _("Area"), "area", FALSE, NULL);
  add_column (self, _("Duty"), "text", TRUE, NULL);
  add_column (self, _("Role"), "role-label", FALSE, custom_sorter_new (compare_role_cb));
  self->party_column = add_column (self, _("Held By"), "party", FALSE, NULL);
  add_column (self, _("Source"), "source", FALSE, NULL);

  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)),
                                          g_object_ref (sorter));
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->column_view));
  self->list_page = scrolled;
  gtk_stack_add_child (self->stack, scrolled);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->none_page));

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), box);
}

/* Public API */

/**
 * sd_party_duties_view_new:
 * @store: the store
 *
 * Returns: (transfer floating): a view with no party chosen
 */
GtkWidget *
sd_party_duties_view_new (SdStore *store)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  return g_object_new (SD_TYPE_PARTY_DUTIES_VIEW, "store", store, NULL);
}

void
sd_party_duties_view_set_party (SdPartyDutiesView *self,
                                SdPartyKind        kind,
                                gint64             id)
{
  g_return_if_fail (SD_IS_PARTY_DUTIES_VIEW (self));
  g_return_if_fail (kind == SD_PARTY_POST || kind == SD_PARTY_UNIT || kind == SD_PARTY_BODY);

  self->kind = kind;
  self->id = id;
  select_party_in_chooser (self);
  refresh (self);
}

gboolean
sd_party_duties_view_get_party (SdPartyDutiesView *self,
                                SdPartyKind       *kind,
                                gint64            *id)
{
  g_return_val_if_fail (SD_IS_PARTY_DUTIES_VIEW (self), FALSE);

  if (kind != NULL)
    *kind = self->kind;
  if (id != NULL)
    *id = self->id;
  return self->id != 0;
}

void
sd_party_duties_view_set_include_posts (SdPartyDutiesView *self,
                                        gboolean           include_posts)
{
  g_return_if_fail (SD_IS_PARTY_DUTIES_VIEW (self));

  include_posts = !!include_posts;
  if (self->include_posts == include_posts)
    return;
  self->include_posts = include_posts;
  if (self->store != NULL)
    refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_POSTS]);
}

gboolean
sd_party_duties_view_get_include_posts (SdPartyDutiesView *self)
{
  g_return_val_if_fail (SD_IS_PARTY_DUTIES_VIEW (self), FALSE);

  return self->include_posts;
}

GListModel *
sd_party_duties_view_get_duties (SdPartyDutiesView *self)
{
  g_return_val_if_fail (SD_IS_PARTY_DUTIES_VIEW (self), NULL);

  if (self->refresh_id != 0)
    refresh (self);
  return G_LIST_MODEL (self->sorted);
}
