/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-duties-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-assignment-index.h"
#include "sd-duties-page.h"
#include "sd-duty-matrix.h"
#include "sd-labels.h"
#include "sd-matrix-view.h"
#include "sd-ui.h"

struct _SdDutiesPage
{
  AdwBin              parent_instance;

  SdStore            *store;
  SdDutyMatrix       *matrix;
  SdAssignmentIndex  *index;

  GtkStack           *stack;
  GtkStack           *results_stack;
  GtkSearchEntry     *search_entry;
  GtkLabel           *count_label;
  GtkLabel           *legend_label;
  GtkToggleButton    *matrix_button;
  GtkToggleButton    *list_button;
  SdMatrixView       *matrix_view;
  GtkColumnView      *column_view;
};

G_DEFINE_FINAL_TYPE (SdDutiesPage, sd_duties_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The count, the empty state and the view follow the matrix. */
static void
update_state (SdDutiesPage *self)
{
  guint n_all = sd_duty_matrix_get_n_duties (self->matrix);
  guint n = sd_duty_matrix_get_n_shown (self->matrix);
  g_autofree char *count = NULL;
  const char *view;

  if (n == n_all)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u duty", "%u duties", n_all), n_all);
  else
    /* Translators: "12 of 149 duties" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u duty", "%u of %u duties",
                                          n_all), n, n_all);
  gtk_label_set_label (self->count_label, count);

  view = gtk_toggle_button_get_active (self->list_button) ? "list" : "matrix";
  gtk_stack_set_visible_child_name (self->stack, n_all > 0 ? "content" : "empty");
  gtk_stack_set_visible_child_name (self->results_stack, n > 0 ? view : "no-results");
}

static void
search_changed_cb (SdDutiesPage *self)
{
  sd_duty_matrix_set_query (self->matrix,
                            gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* The list is bound to the matrix only while it is shown: a hidden list
 * would otherwise follow every keystroke of a search through 10,000 rows. */
static void
view_toggled_cb (SdDutiesPage *self)
{
  gboolean list = gtk_toggle_button_get_active (self->list_button);
  GtkSelectionModel *model = gtk_column_view_get_model (self->column_view);

  if (list && model == NULL)
    {
      g_autoptr(GtkNoSelection) selection =
        gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->matrix)));

      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
    }
  else if (!list && model != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  update_state (self);
}

/* List cells */

static void
setup_code_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_code_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  SdDuty *duty = gtk_list_item_get_item (list_item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), sd_duty_get_code (duty));
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
  set_cell_text (list_item, sd_duty_get_text (gtk_list_item_get_item (list_item)));
}

static void
bind_area_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  set_cell_text (list_item, sd_duty_get_area (gtk_list_item_get_item (list_item)));
}

static void
bind_holders_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  SdDutiesPage *self = user_data;
  SdDuty *duty = gtk_list_item_get_item (list_item);
  g_autofree char *holders = NULL;

  holders = sd_duty_format_holders (self->index, self->store, sd_item_get_id (SD_ITEM (duty)));
  set_cell_text (list_item, holders);
}

static void
bind_source_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  set_cell_text (list_item, sd_duty_get_source (gtk_list_item_get_item (list_item)));
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

static char *
format_legend (void)
{
  static const char *codes[] = { "R", "A", "C", "I" };
  g_autoptr(GString) legend = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      if (i > 0)
        g_string_append (legend, " · ");
      /* Translators: one entry of the matrix legend: "R Responsible" */
      g_string_append_printf (legend, _("%s %s"), codes[i], sd_raci_label (codes[i]));
    }
  return g_string_free (g_steal_pointer (&legend), FALSE);
}

static void
sd_duties_page_constructed (GObject *object)
{
  SdDutiesPage *self = SD_DUTIES_PAGE (object);
  g_autofree char *legend = NULL;

  G_OBJECT_CLASS (sd_duties_page_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  self->matrix = sd_duty_matrix_new (self->store);
  self->index = sd_assignment_index_new (self->store);
  g_signal_connect_object (self->matrix, "changed", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  sd_matrix_view_set_matrix (self->matrix_view, self->matrix);

  add_column (self, _("Code"), G_CALLBACK (setup_code_cb), G_CALLBACK (bind_code_cb),
              110, FALSE);
  add_column (self, _("Duty"), G_CALLBACK (setup_text_cb), G_CALLBACK (bind_duty_text_cb),
              -1, TRUE);
  add_column (self, _("Area"), G_CALLBACK (setup_text_cb), G_CALLBACK (bind_area_cb),
              200, FALSE);
  add_column (self, _("Held by"), G_CALLBACK (setup_text_cb), G_CALLBACK (bind_holders_cb),
              360, FALSE);
  add_column (self, _("Source"), G_CALLBACK (setup_text_cb), G_CALLBACK (bind_source_cb),
              240, FALSE);

  legend = format_legend ();
  gtk_label_set_label (self->legend_label, legend);
  /* Each keystroke filters at once: the matrix filters 10,000 duties in a
   * few milliseconds, so the default delay would only be lag. */
  gtk_search_entry_set_search_delay (self->search_entry, 0);

  update_state (self);
}

static void
sd_duties_page_dispose (GObject *object)
{
  SdDutiesPage *self = SD_DUTIES_PAGE (object);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  if (self->matrix_view != NULL)
    sd_matrix_view_set_matrix (self->matrix_view, NULL);
  /* AdwBin would unparent its child a second time after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_DUTIES_PAGE);
  g_clear_object (&self->matrix);
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

  g_type_ensure (SD_TYPE_MATRIX_VIEW);
  sd_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/sd-duties-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, legend_label);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, matrix_button);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, list_button);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, matrix_view);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_toggled_cb);
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
