/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-duties-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-duties-page-private.h"
#include "sd-duty-rules.h"
#include "sd-labels.h"
#include "sd-party-duties-view.h"
#include "sd-post.h"
#include "sd-body.h"
#include "sd-signoff-view.h"
#include "sd-ui.h"
#include "sd-unit.h"
#include "sd-violations-view.h"

G_DEFINE_FINAL_TYPE (SdDutiesPage, sd_duties_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char role_codes[] = { 'R', 'A', 'C', 'I' };

/* The first choice of a filter's drop-down is "All". */
static gboolean
chosen (GtkDropDown *drop_down)
{
  guint selected = gtk_drop_down_get_selected (drop_down);

  return selected != GTK_INVALID_LIST_POSITION && selected > 0;
}

static guint
count_filters (SdDutiesPage *self)
{
  guint n = 0;

  n += chosen (self->unit_filter);
  n += chosen (self->area_filter);
  n += chosen (self->party_filter);
  for (guint i = 0; i < G_N_ELEMENTS (self->role_toggles); i++)
    n += self->role_toggles[i] != NULL && gtk_toggle_button_get_active (self->role_toggles[i]);
  n += gtk_check_button_get_active (self->problems_filter);
  return n;
}

/* The count, the empty state and the view follow the matrix. */
static void
update_state (SdDutiesPage *self)
{
  guint n_all = sd_duty_matrix_get_n_duties (self->matrix);
  guint n = sd_duty_matrix_get_n_shown (self->matrix);
  guint n_filters = count_filters (self);
  g_autofree char *count = NULL;
  g_autofree char *filter_label = NULL;
  const char *view;

  if (n == n_all)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u duty", "%u duties", n_all), n_all);
  else
    /* Translators: "12 of 149 duties" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u duty", "%u of %u duties",
                                          n_all), n, n_all);
  gtk_label_set_label (self->count_label, count);

  if (n_filters > 0)
    /* Translators: the filter button with the number of filters in use */
    filter_label = g_strdup_printf (_("_Filter (%u)"), n_filters);
  gtk_menu_button_set_label (self->filter_button, filter_label != NULL ? filter_label
                                                                        : _("_Filter"));

  view = gtk_toggle_button_get_active (self->list_button) ? "list" : "matrix";
  gtk_stack_set_visible_child_name (self->stack, n_all > 0 ? "content" : "empty");
  gtk_stack_set_visible_child_name (self->results_stack, n > 0 ? view : "no-results");
  sd_duties_page_update_actions (self);
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
      g_autoptr(GtkSingleSelection) selection =
        gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->matrix)));

      g_signal_connect_object (selection, "notify::selected",
                               G_CALLBACK (sd_duties_page_update_actions), self,
                               G_CONNECT_SWAPPED);
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
    }
  else if (!list && model != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  update_state (self);
}

SdDuty *
sd_duties_page_get_current_duty (SdDutiesPage *self)
{
  g_return_val_if_fail (SD_IS_DUTIES_PAGE (self), NULL);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->views), "duties") != 0)
    return NULL;

  if (gtk_toggle_button_get_active (self->list_button))
    {
      GtkSelectionModel *model = gtk_column_view_get_model (self->column_view);

      if (model == NULL)
        return NULL;
      return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (model));
    }
  else
    {
      guint row, column;

      sd_matrix_view_get_cursor (self->matrix_view, &row, &column);
      if (row == G_MAXUINT)
        return NULL;
      return sd_duty_matrix_get_row_duty (self->matrix, row);
    }
}

/* Filters */

static void
filter_changed_cb (SdDutiesPage *self)
{
  SdMatrixFilter filter = { 0 };
  guint unit = gtk_drop_down_get_selected (self->unit_filter);
  guint area = gtk_drop_down_get_selected (self->area_filter);
  guint party = gtk_drop_down_get_selected (self->party_filter);

  if (self->updating_filters)
    return;

  if (party != GTK_INVALID_LIST_POSITION && party > 0 && party - 1 < self->parties->len)
    {
      const SdMatrixColumn *column = &g_array_index (self->parties, SdMatrixColumn, party - 1);

      filter.party_kind = column->kind;
      filter.party_id = column->id;
    }

  if (unit != GTK_INVALID_LIST_POSITION && unit > 0 && unit - 1 < self->unit_ids->len)
    filter.unit_id = g_array_index (self->unit_ids, gint64, unit - 1);
  if (area != GTK_INVALID_LIST_POSITION && area > 0 && self->areas != NULL
      && area - 1 < g_strv_length (self->areas))
    filter.area = self->areas[area - 1];
  for (guint i = 0; i < G_N_ELEMENTS (self->role_toggles); i++)
    if (gtk_toggle_button_get_active (self->role_toggles[i]))
      filter.roles |= sd_role_mask_from_code ((char[]) { role_codes[i], '\0' });
  filter.only_problems = gtk_check_button_get_active (self->problems_filter);

  sd_duty_matrix_set_filter (self->matrix, &filter);
  update_state (self);
}

static void
clear_filters (SdDutiesPage *self)
{
  self->updating_filters = TRUE;
  gtk_drop_down_set_selected (self->unit_filter, 0);
  gtk_drop_down_set_selected (self->area_filter, 0);
  gtk_drop_down_set_selected (self->party_filter, 0);
  for (guint i = 0; i < G_N_ELEMENTS (self->role_toggles); i++)
    gtk_toggle_button_set_active (self->role_toggles[i], FALSE);
  gtk_check_button_set_active (self->problems_filter, FALSE);
  self->updating_filters = FALSE;
  filter_changed_cb (self);
}

static void
clear_filters_cb (SdDutiesPage *self)
{
  clear_filters (self);
}

static void
append_units (SdDutiesPage  *self,
              GtkStringList *names,
              GListModel    *units,
              gint64         parent_id,
              guint          depth)
{
  guint n = g_list_model_get_n_items (units);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdUnit) unit = g_list_model_get_item (units, i);
      g_autofree char *indent = NULL;
      g_autofree char *label = NULL;
      gint64 id = sd_item_get_id (SD_ITEM (unit));

      if (sd_unit_get_parent_id (unit) != parent_id)
        continue;
      /* Indented by level, as in the organisation's tree. */
      indent = g_strnfill (depth * 2, ' ');
      label = g_strconcat (indent, sd_unit_get_name (unit), NULL);
      gtk_string_list_append (names, label);
      g_array_append_val (self->unit_ids, id);
      if (depth < 16)
        append_units (self, names, units, id, depth + 1);
    }
}

/* Fills the drop-downs from the data, keeping what is chosen. */
static void
refresh_filter_choices (SdDutiesPage *self)
{
  GListModel *units = sd_store_get_items (self->store, SD_TYPE_UNIT);
  g_autoptr(GtkStringList) unit_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) area_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) party_names = gtk_string_list_new (NULL);
  GListModel *posts = sd_store_get_items (self->store, SD_TYPE_POST);
  GListModel *bodies = sd_store_get_items (self->store, SD_TYPE_BODY);
  guint party = gtk_drop_down_get_selected (self->party_filter);
  SdMatrixColumn party_chosen = { 0 };
  guint new_party = 0;
  g_auto(GStrv) areas = sd_duty_matrix_dup_areas (self->matrix);
  guint unit = gtk_drop_down_get_selected (self->unit_filter);
  guint area = gtk_drop_down_get_selected (self->area_filter);
  gint64 unit_id = 0;
  g_autofree char *area_name = NULL;
  guint new_unit = 0, new_area = 0;

  if (self->areas != NULL && g_strv_equal ((const char * const *) areas,
                                           (const char * const *) self->areas)
      && gtk_drop_down_get_model (self->unit_filter) != NULL
      && g_list_model_get_n_items (gtk_drop_down_get_model (self->unit_filter))
         == self->unit_ids->len + 1
      && self->unit_ids->len == g_list_model_get_n_items (units)
      && self->parties->len == g_list_model_get_n_items (posts)
                               + g_list_model_get_n_items (bodies))
    return;

  if (party != GTK_INVALID_LIST_POSITION && party > 0 && party - 1 < self->parties->len)
    party_chosen = g_array_index (self->parties, SdMatrixColumn, party - 1);

  if (unit != GTK_INVALID_LIST_POSITION && unit > 0 && unit - 1 < self->unit_ids->len)
    unit_id = g_array_index (self->unit_ids, gint64, unit - 1);
  if (area != GTK_INVALID_LIST_POSITION && area > 0 && self->areas != NULL
      && area - 1 < g_strv_length (self->areas))
    area_name = g_strdup (self->areas[area - 1]);

  g_array_set_size (self->unit_ids, 0);
  gtk_string_list_append (unit_names, _("All units"));
  append_units (self, unit_names, units, 0, 0);
  for (guint i = 0; i < self->unit_ids->len; i++)
    if (g_array_index (self->unit_ids, gint64, i) == unit_id)
      new_unit = i + 1;

  gtk_string_list_append (area_names, _("All areas"));
  for (guint i = 0; areas[i] != NULL; i++)
    {
      gtk_string_list_append (area_names, areas[i]);
      if (g_strcmp0 (areas[i], area_name) == 0)
        new_area = i + 1;
    }
  g_strfreev (self->areas);
  self->areas = g_steal_pointer (&areas);

  /* Posts with their unit, as two posts of one name are common. */
  g_array_set_size (self->parties, 0);
  gtk_string_list_append (party_names, _("All posts and bodies"));
  for (guint i = 0; i < g_list_model_get_n_items (bodies); i++)
    {
      g_autoptr(SdBody) body = g_list_model_get_item (bodies, i);
      SdMatrixColumn column = { SD_PARTY_BODY, sd_item_get_id (SD_ITEM (body)), NULL, 0 };

      gtk_string_list_append (party_names, sd_body_get_name (body));
      g_array_append_val (self->parties, column);
    }
  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr(SdPost) post = g_list_model_get_item (posts, i);
      SdUnit *post_unit = sd_store_lookup (self->store, SD_TYPE_UNIT,
                                           sd_post_get_unit_id (post));
      SdMatrixColumn column = { SD_PARTY_POST, sd_item_get_id (SD_ITEM (post)), NULL, 0 };
      g_autofree char *label = NULL;

      if (post_unit != NULL)
        /* Translators: a post and its unit in the filter: "安全管理员 (信息部)" */
        label = g_strdup_printf (_("%s (%s)"), sd_post_get_name (post), sd_unit_get_name (post_unit));
      else
        label = g_strdup (sd_post_get_name (post));
      gtk_string_list_append (party_names, label);
      g_array_append_val (self->parties, column);
    }
  for (guint i = 0; i < self->parties->len; i++)
    {
      const SdMatrixColumn *column = &g_array_index (self->parties, SdMatrixColumn, i);

      if (column->kind == party_chosen.kind && column->id == party_chosen.id)
        new_party = i + 1;
    }

  self->updating_filters = TRUE;
  gtk_drop_down_set_model (self->unit_filter, G_LIST_MODEL (unit_names));
  gtk_drop_down_set_selected (self->unit_filter, new_unit);
  gtk_drop_down_set_model (self->area_filter, G_LIST_MODEL (area_names));
  gtk_drop_down_set_selected (self->area_filter, new_area);
  gtk_drop_down_set_model (self->party_filter, G_LIST_MODEL (party_names));
  gtk_drop_down_set_selected (self->party_filter, new_party);
  self->updating_filters = FALSE;

  /* A chosen unit or area that is gone no longer filters. */
  if ((unit_id != 0 && new_unit == 0) || (area_name != NULL && new_area == 0)
      || (party_chosen.id != 0 && new_party == 0))
    filter_changed_cb (self);
}

static void
filter_menu_shown_cb (SdDutiesPage *self)
{
  refresh_filter_choices (self);
}

static void
add_role_toggles (SdDutiesPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_codes); i++)
    {
      char code[2] = { role_codes[i], '\0' };
      GtkWidget *toggle = gtk_toggle_button_new_with_label (code);

      gtk_widget_set_tooltip_text (toggle, sd_raci_label (code));
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, sd_raci_label (code),
                                      -1);
      g_signal_connect_object (toggle, "toggled", G_CALLBACK (filter_changed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (self->role_filter_box, toggle);
      self->role_toggles[i] = GTK_TOGGLE_BUTTON (toggle);
    }
}

/* Views made when first shown */

static void
show_item_cb (SdDutiesPage *self,
              GType         type,
              gint64        id)
{
  if (type == SD_TYPE_DUTY)
    sd_duties_page_show_duty (self, id);
  else if (type == SD_TYPE_POST)
    sd_duties_page_show_party (self, SD_PARTY_POST, id);
  else if (type == SD_TYPE_BODY)
    sd_duties_page_show_party (self, SD_PARTY_BODY, id);
  else if (type == SD_TYPE_UNIT)
    sd_duties_page_show_party (self, SD_PARTY_UNIT, id);
}

static void
ensure_view (SdDutiesPage *self,
             const char   *name)
{
  if (g_strcmp0 (name, "party") == 0 && adw_bin_get_child (self->party_bin) == NULL)
    adw_bin_set_child (self->party_bin, sd_party_duties_view_new (self->store));
  else if (g_strcmp0 (name, "problems") == 0 && adw_bin_get_child (self->problems_bin) == NULL)
    {
      GtkWidget *view = sd_violations_view_new (self->problems);

      g_signal_connect_object (view, "show-item", G_CALLBACK (show_item_cb), self,
                               G_CONNECT_SWAPPED);
      adw_bin_set_child (self->problems_bin, view);
    }
  else if (g_strcmp0 (name, "signoff") == 0 && adw_bin_get_child (self->signoff_bin) == NULL)
    adw_bin_set_child (self->signoff_bin, sd_signoff_view_new (self->store));
}

static void
view_changed_cb (SdDutiesPage *self)
{
  ensure_view (self, adw_view_stack_get_visible_child_name (self->views));
  sd_duties_page_update_actions (self);
}

void
sd_duties_page_show_party (SdDutiesPage *self,
                           SdPartyKind   kind,
                           gint64        party_id)
{
  g_return_if_fail (SD_IS_DUTIES_PAGE (self));

  ensure_view (self, "party");
  sd_party_duties_view_set_party (SD_PARTY_DUTIES_VIEW (adw_bin_get_child (self->party_bin)),
                                  kind, party_id);
  adw_view_stack_set_visible_child_name (self->views, "party");
}

void
sd_duties_page_show_duty (SdDutiesPage *self,
                          gint64        duty_id)
{
  guint row;

  g_return_if_fail (SD_IS_DUTIES_PAGE (self));

  adw_view_stack_set_visible_child_name (self->views, "duties");
  gtk_toggle_button_set_active (self->matrix_button, TRUE);
  sd_duty_matrix_flush (self->matrix);
  row = sd_duty_matrix_find_duty (self->matrix, duty_id);
  if (row == G_MAXUINT)
    {
      /* Hidden by the search or a filter: show everything again. */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      sd_duty_matrix_set_query (self->matrix, "");
      clear_filters (self);
      sd_duty_matrix_flush (self->matrix);
      row = sd_duty_matrix_find_duty (self->matrix, duty_id);
    }
  if (row == G_MAXUINT)
    return;
  sd_matrix_view_set_cursor (self->matrix_view, row,
                             sd_duty_matrix_get_n_columns (self->matrix) > 0 ? 0 : G_MAXUINT);
  gtk_widget_grab_focus (GTK_WIDGET (self->matrix_view));
}

/* Badges */

static void
problems_changed_cb (SdDutiesPage *self)
{
  adw_view_stack_page_set_badge_number (self->problems_view_page,
                                        g_list_model_get_n_items (G_LIST_MODEL (self->problems)));
}

static void
sign_summary_changed_cb (SdDutiesPage *self)
{
  guint outdated = 0, never = 0;

  g_object_get (self->sign_summary, "n-outdated", &outdated, "n-never", &never, NULL);
  adw_view_stack_page_set_badge_number (self->signoff_view_page, outdated + never);
  adw_view_stack_page_set_needs_attention (self->signoff_view_page, outdated > 0);
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
  sd_matrix_view_set_store (self->matrix_view, self->store);
  sd_duties_page_connect_edits (self);

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
  add_role_toggles (self);
  g_signal_connect_object (gtk_menu_button_get_popover (self->filter_button), "show",
                           G_CALLBACK (filter_menu_shown_cb), self, G_CONNECT_SWAPPED);

  /* Shared with the window's badge: checked once per change. */
  self->problems = g_object_ref (sd_ui_get_duty_problems (self->store));
  g_signal_connect_object (self->problems, "notify::n-items",
                           G_CALLBACK (problems_changed_cb), self, G_CONNECT_SWAPPED);
  self->sign_summary = g_object_ref (G_OBJECT (sd_ui_get_sign_summary (self->store)));
  g_signal_connect_object (self->sign_summary, "notify::n-outdated",
                           G_CALLBACK (sign_summary_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sign_summary, "notify::n-never",
                           G_CALLBACK (sign_summary_changed_cb), self, G_CONNECT_SWAPPED);
  problems_changed_cb (self);
  sign_summary_changed_cb (self);

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
  g_clear_object (&self->problems);
  g_clear_object (&self->sign_summary);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_duties_page_parent_class)->dispose (object);
}

static void
sd_duties_page_finalize (GObject *object)
{
  SdDutiesPage *self = SD_DUTIES_PAGE (object);

  g_array_unref (self->unit_ids);
  g_array_unref (self->parties);
  g_strfreev (self->areas);

  G_OBJECT_CLASS (sd_duties_page_parent_class)->finalize (object);
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
  object_class->finalize = sd_duties_page_finalize;
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
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, views);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, problems_view_page);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, signoff_view_page);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, unit_filter);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, area_filter);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, party_filter);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, role_filter_box);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, problems_filter);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, legend_label);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, matrix_button);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, list_button);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, matrix_view);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, party_bin);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, problems_bin);
  gtk_widget_class_bind_template_child (widget_class, SdDutiesPage, signoff_bin);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_filters_cb);

  sd_duties_page_class_init_actions (widget_class);
}

static void
sd_duties_page_init (SdDutiesPage *self)
{
  self->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->parties = g_array_new (FALSE, FALSE, sizeof (SdMatrixColumn));
  /* The template connects the filter signals while it is built, before
   * the matrix exists. */
  self->updating_filters = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating_filters = FALSE;
}

GtkWidget *
sd_duties_page_new (SdStore *store)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  return g_object_new (SD_TYPE_DUTIES_PAGE, "store", store, NULL);
}
