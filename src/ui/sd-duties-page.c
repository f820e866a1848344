/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-duties-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sd-assignment-index.h"
#include "sd-duties-page.h"
#include "sd-ui.h"
#include "sd-duty.h"

struct _SdDutiesPage
{
  AdwBin              parent_instance;

  SdStore            *store;
  SdAssignmentIndex  *index;

  /* duties → filtered (search) → one child model per area in the tree */
  GtkFilterListModel *filtered;
  GtkCustomFilter    *search_filter;
  GtkStringList      *areas;
  GtkTreeListModel   *tree;
  guint               rebuild_id;

  GtkStack           *stack;
  GtkStack           *results_stack;
  GtkSearchEntry     *search_entry;
  GtkLabel           *count_label;
  GtkColumnView      *column_view;
};

G_DEFINE_FINAL_TYPE (SdDutiesPage, sd_duties_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
search_filter_func (gpointer item,
                    gpointer user_data)
{
  SdDutiesPage *self = user_data;
  SdDuty *duty = item;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = NULL;
  g_autofree char *holders = NULL;

  if (text == NULL || text[0] == '\0')
    return TRUE;

  needle = g_utf8_casefold (text, -1);
  if (contains_casefold (sd_duty_get_code (duty), needle) ||
      contains_casefold (sd_duty_get_text (duty), needle) ||
      contains_casefold (sd_duty_get_area (duty), needle) ||
      contains_casefold (sd_duty_get_source (duty), needle))
    return TRUE;

  holders = sd_duty_format_holders (self->index, self->store,
                                    sd_item_get_id (SD_ITEM (duty)));
  return contains_casefold (holders, needle);
}

static const char *
duty_area (SdDuty *duty)
{
  const char *area = sd_duty_get_area (duty);

  return area != NULL && area[0] != '\0' ? area : _("Other duties");
}

static gboolean
area_filter_func (gpointer item,
                  gpointer user_data)
{
  return g_strcmp0 (duty_area (item), user_data) == 0;
}

/* The children of an area row: the filtered duties of that area. */
static GListModel *
create_child_model_cb (gpointer item,
                       gpointer user_data)
{
  SdDutiesPage *self = user_data;
  GtkCustomFilter *filter;

  if (!GTK_IS_STRING_OBJECT (item))
    return NULL;

  filter = gtk_custom_filter_new (area_filter_func,
                                  g_strdup (gtk_string_object_get_string (item)), g_free);
  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                                  GTK_FILTER (filter)));
}

/* The areas in the order of their first duty. */
static void
rebuild_areas (SdDutiesPage *self)
{
  GListModel *model = G_LIST_MODEL (self->filtered);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) areas = g_ptr_array_new_with_free_func (g_free);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->areas));
  gboolean same = TRUE;
  g_autofree char *count = NULL;
  guint n_all = g_list_model_get_n_items (sd_store_get_items (self->store, SD_TYPE_DUTY));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdDuty) duty = g_list_model_get_item (model, i);
      const char *area = duty_area (duty);

      if (g_hash_table_contains (seen, area))
        continue;
      g_ptr_array_add (areas, g_strdup (area));
      g_hash_table_add (seen, g_ptr_array_index (areas, areas->len - 1));
    }

  /* Replacing the root collapses nothing as long as the areas stay. */
  if (areas->len != n_old)
    same = FALSE;
  for (guint i = 0; same && i < areas->len; i++)
    same = g_strcmp0 (gtk_string_list_get_string (self->areas, i),
                      g_ptr_array_index (areas, i)) == 0;
  if (!same)
    {
      g_ptr_array_add (areas, NULL);
      gtk_string_list_splice (self->areas, 0, n_old, (const char * const *) areas->pdata);
    }

  if (n == n_all)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u duty", "%u duties", n_all), n_all);
  else
    /* Translators: "12 of 149 duties" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u duty", "%u of %u duties",
                                          n_all), n, n_all);
  gtk_label_set_label (self->count_label, count);

  gtk_stack_set_visible_child_name (self->stack, n_all > 0 ? "content" : "empty");
  gtk_stack_set_visible_child_name (self->results_stack, n > 0 ? "list" : "no-results");
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  SdDutiesPage *self = user_data;

  self->rebuild_id = 0;
  rebuild_areas (self);
  return G_SOURCE_REMOVE;
}

static void
filtered_changed_cb (SdDutiesPage *self)
{
  /* Many changes (a search, an import) come as many signals: rebuild once. */
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle_cb, self);
}

static void
search_changed_cb (SdDutiesPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Cells */

static gpointer
row_item (GtkListItem *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

static void
setup_first_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
  gtk_list_item_set_child (list_item, expander);
}

static void
bind_first_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  GtkWidget *label = gtk_tree_expander_get_child (expander);
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (expander, row);
  if (GTK_IS_STRING_OBJECT (item))
    {
      GListModel *children = gtk_tree_list_row_get_children (row);
      guint n = children != NULL ? g_list_model_get_n_items (children) : 0;
      const char *area = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
      /* Translators: a duty area and how many duties it has, e.g. "安全管理员职责 (4)" */
      g_autofree char *text = g_strdup_printf (_("%s (%u)"), area, n);

      gtk_label_set_label (GTK_LABEL (label), text);
      gtk_widget_add_css_class (label, "duty-area");
    }
  else
    {
      gtk_label_set_label (GTK_LABEL (label), sd_duty_get_code (SD_DUTY (item)));
      gtk_widget_remove_css_class (label, "duty-area");
    }
}

/* A label rather than a GtkInscription: an inscription sizes its lines by
 * the primary font and clips the taller glyphs of the CJK fallback font. */
static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_list_item_set_child (list_item, label);
}

static void
set_cell_text (GtkListItem *list_item,
               const char  *text)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_tooltip_text (label, text);
}

static void
bind_duty_text_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  g_autoptr(GObject) item = row_item (list_item);

  set_cell_text (list_item, SD_IS_DUTY (item) ? sd_duty_get_text (SD_DUTY (item)) : NULL);
}

static void
bind_holders_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  SdDutiesPage *self = user_data;
  g_autoptr(GObject) item = row_item (list_item);
  g_autofree char *holders = NULL;

  if (SD_IS_DUTY (item))
    holders = sd_duty_format_holders (self->index, self->store, sd_item_get_id (SD_ITEM (item)));
  set_cell_text (list_item, holders);
}

static void
bind_source_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  g_autoptr(GObject) item = row_item (list_item);

  set_cell_text (list_item, SD_IS_DUTY (item) ? sd_duty_get_source (SD_DUTY (item)) : NULL);
}

static void
add_column (SdDutiesPage *self,
            const char   *title,
            GCallback     setup,
            GCallback     bind,
            int           fixed_width,
            gboolean      expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", setup, self);
  g_signal_connect (factory, "bind", bind, self);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
}

static void
sd_duties_page_constructed (GObject *object)
{
  SdDutiesPage *self = SD_DUTIES_PAGE (object);
  GListModel *duties;
  g_autoptr(GtkNoSelection) selection = NULL;

  G_OBJECT_CLASS (sd_duties_page_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  duties = sd_store_get_items (self->store, SD_TYPE_DUTY);
  self->index = sd_assignment_index_new (self->store);

  self->search_filter = gtk_custom_filter_new (search_filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (duties),
                                              g_object_ref (GTK_FILTER (self->search_filter)));
  self->areas = gtk_string_list_new (NULL);
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->areas)), FALSE, TRUE,
                                        create_child_model_cb, self, NULL);

  /* Holders are searchable too: search again when they change. */
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (filtered_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sd_store_get_items (self->store, SD_TYPE_ASSIGNMENT), "items-changed",
                           G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);

  add_column (self, _("Duty"), G_CALLBACK (setup_first_cb), G_CALLBACK (bind_first_cb),
              260, FALSE);
  add_column (self, _("Text"), G_CALLBACK (setup_text_cb), G_CALLBACK (bind_duty_text_cb),
              -1, TRUE);
  add_column (self, _("Held by"), G_CALLBACK (setup_text_cb), G_CALLBACK (bind_holders_cb),
              360, FALSE);
  add_column (self, _("Source"), G_CALLBACK (setup_text_cb), G_CALLBACK (bind_source_cb),
              240, FALSE);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  rebuild_areas (self);
}

static void
sd_duties_page_dispose (GObject *object)
{
  SdDutiesPage *self = SD_DUTIES_PAGE (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  /* AdwBin would unparent its child a second time after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_DUTIES_PAGE);
  g_clear_object (&self->tree);
  g_clear_object (&self->areas);
  g_clear_object (&self->filtered);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->index);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_duties_page_parent_class)->dispose (object);
}

static void
sd_duties_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SdDutiesPage *self = SD_DUTIES_PAGE (object);

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
sd_duties_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SdDutiesPage *self = SD_DUTIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_duties_page_class_init (SdDutiesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sd_duties_page_constructed;
  object_class->dispose = sd_duties_page_dispose;
  object_class->get_property = sd_duties_page_get_property;
  object_class->set_property = sd_duties_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  sd_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/sd-duties-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
}

static void
sd_duties_page_init (SdDutiesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sd_duties_page_new (SdStore *store)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  return g_object_new (SD_TYPE_DUTIES_PAGE, "store", store, NULL);
}
