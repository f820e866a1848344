/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-history-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sd-audit-diff.h"
#include "sd-audit-query.h"
#include "sd-date-button.h"
#include "sd-history-window.h"
#include "sd-ui.h"

/* Rows read from the log at a time, and pages kept. A screen shows about
 * thirty rows; scrolling reads the next page when it gets there. */
#define PAGE_SIZE 100
#define MAX_PAGES 32
/* How often an open, shown window looks for new entries: one read of the
 * end of an index. */
#define REFRESH_SECONDS 1
/* Values longer than this are cut in the detail pane (a sign-off's text
 * can run to pages). */
#define MAX_VALUE_CHARS 2000

/* One entry of the list, with its texts made when it is first shown. */

#define SD_TYPE_HISTORY_ROW (sd_history_row_get_type ())

G_DECLARE_FINAL_TYPE (SdHistoryRow, sd_history_row, SD, HISTORY_ROW, GObject)

struct _SdHistoryRow
{
  GObject       parent_instance;

  SdAuditEntry *entry;     /* NULL if the page could not be read */
  gboolean      has_texts;
  char         *time;
  char         *who;
  char         *kind;
  char         *item;
  char         *action;
};

G_DEFINE_FINAL_TYPE (SdHistoryRow, sd_history_row, G_TYPE_OBJECT)

static void
sd_history_row_finalize (GObject *object)
{
  SdHistoryRow *self = SD_HISTORY_ROW (object);

  g_clear_pointer (&self->entry, sd_audit_entry_free);
  g_free (self->time);
  g_free (self->who);
  g_free (self->kind);
  g_free (self->item);
  g_free (self->action);

  G_OBJECT_CLASS (sd_history_row_parent_class)->finalize (object);
}

static void
sd_history_row_class_init (SdHistoryRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sd_history_row_finalize;
}

static void
sd_history_row_init (SdHistoryRow *self)
{
}

static SdHistoryRow *
history_row_new (SdAuditEntry *entry)
{
  SdHistoryRow *self = g_object_new (SD_TYPE_HISTORY_ROW, NULL);

  self->entry = entry;
  return self;
}

/* "Operator", or "Operator (os-user)" when the app's operator is not the
 * person logged in. */
static char *
format_who (const SdAuditEntry *entry)
{
  g_autofree char *operator_ = g_utf8_make_valid (entry->operator_ != NULL ? entry->operator_
                                                                           : "", -1);
  g_autofree char *os_user = g_utf8_make_valid (entry->os_user != NULL ? entry->os_user
                                                                       : "", -1);

  if (os_user[0] == '\0' || g_str_equal (operator_, os_user))
    return g_steal_pointer (&operator_);
  /* Translators: who made a change: the operator named in the app, and the
   * account it was made from, "张伟 (zhangwei)" */
  return g_strdup_printf (_("%s (%s)"), operator_, os_user);
}

static void
history_row_ensure_texts (SdHistoryRow *self,
                          SdStore      *store)
{
  const SdAuditEntry *entry = self->entry;

  if (self->has_texts)
    return;
  self->has_texts = TRUE;
  if (entry == NULL)
    {
      self->time = g_strdup ("—");
      self->who = g_strdup ("");
      self->kind = g_strdup ("");
      self->item = g_strdup (_("This entry could not be read"));
      self->action = g_strdup ("");
      return;
    }
  self->time = sd_audit_format_time (entry->at != NULL ? entry->at : "", NULL);
  self->who = format_who (entry);
  self->kind = g_utf8_make_valid (sd_audit_entity_label (entry->entity != NULL ? entry->entity
                                                                              : ""), -1);
  self->item = sd_audit_item_name (store, entry->entity != NULL ? entry->entity : "",
                                   entry->entity_id, entry, NULL);
  self->action = g_utf8_make_valid (sd_audit_action_label (entry->action), -1);
}

/* The list model: the entries a filter lets through, newest first. Their
 * ids are read in one pass when the filter is set; the entries themselves a
 * page at a time, when the view asks for them. It shows the log up to the
 * newest entry when it was last read (up_to_id); refresh() puts what came
 * since at the top. */

typedef struct
{
  char   *entity;
  gint64  entity_id;
  char   *from;
  char   *to;
  char   *search;
} HistoryFilter;

static void
history_filter_clear (HistoryFilter *filter)
{
  g_clear_pointer (&filter->entity, g_free);
  g_clear_pointer (&filter->from, g_free);
  g_clear_pointer (&filter->to, g_free);
  g_clear_pointer (&filter->search, g_free);
  filter->entity_id = 0;
}

#define SD_TYPE_HISTORY_MODEL (sd_history_model_get_type ())

G_DECLARE_FINAL_TYPE (SdHistoryModel, sd_history_model, SD, HISTORY_MODEL, GObject)

struct _SdHistoryModel
{
  GObject        parent_instance;

  SdStore       *store;
  HistoryFilter  filter;
  gint64         up_to_id;
  GArray        *ids;       /* gint64, newest first */
  GHashTable    *pages;     /* page number → GPtrArray of SdHistoryRow */
};

static void sd_history_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SdHistoryModel, sd_history_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      sd_history_model_list_model_init))

static void
model_query_filter (SdHistoryModel *self,
                    SdAuditFilter  *query)
{
  *query = (SdAuditFilter) {
    .entity = self->filter.entity,
    .entity_id = self->filter.entity_id,
    .from = self->filter.from,
    .to = self->filter.to,
    .search = self->filter.search,
    .up_to_id = self->up_to_id,
  };
}

static GType
sd_history_model_get_item_type (GListModel *model)
{
  return SD_TYPE_HISTORY_ROW;
}

static guint
sd_history_model_get_n_items (GListModel *model)
{
  return SD_HISTORY_MODEL (model)->ids->len;
}

static GPtrArray *
model_read_page (SdHistoryModel *self,
                 guint           page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint start = page * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->ids->len - start);

  entries = sd_audit_query_get_many (self->store, &g_array_index (self->ids, gint64, start), n,
                                     &error);
  if (entries == NULL)
    g_message ("Could not read the history: %s", error->message);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, start + i);
      SdAuditEntry *entry = NULL;

      /* The entries come in the order of the ids, without the ones that
       * could not be read. */
      if (entries != NULL && entries->len > 0 &&
          ((SdAuditEntry *) g_ptr_array_index (entries, 0))->id == id)
        entry = g_ptr_array_steal_index (entries, 0);
      g_ptr_array_add (rows, history_row_new (entry));
    }
  return rows;
}

static gpointer
sd_history_model_get_item (GListModel *model,
                           guint       position)
{
  SdHistoryModel *self = SD_HISTORY_MODEL (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->ids->len)
    return NULL;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    {
      /* The rows on screen keep their own references: dropping the
       * pages only costs reading them again. */
      if (g_hash_table_size (self->pages) >= MAX_PAGES)
        g_hash_table_remove_all (self->pages);
      rows = model_read_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
    }
  return g_object_ref (g_ptr_array_index (rows, position % PAGE_SIZE));
}

static void
sd_history_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sd_history_model_get_item_type;
  iface->get_n_items = sd_history_model_get_n_items;
  iface->get_item = sd_history_model_get_item;
}

static void
sd_history_model_finalize (GObject *object)
{
  SdHistoryModel *self = SD_HISTORY_MODEL (object);

  g_clear_object (&self->store);
  history_filter_clear (&self->filter);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);

  G_OBJECT_CLASS (sd_history_model_parent_class)->finalize (object);
}

static void
sd_history_model_class_init (SdHistoryModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sd_history_model_finalize;
}

static void
sd_history_model_init (SdHistoryModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
}

static SdHistoryModel *
history_model_new (SdStore *store)
{
  SdHistoryModel *self = g_object_new (SD_TYPE_HISTORY_MODEL, NULL);

  self->store = g_object_ref (store);
  return self;
}

/* Reads the log again with @filter (copied); FALSE with @error if it
 * could not, and then the list is empty. */
static gboolean
history_model_set_filter (SdHistoryModel       *self,
                          const HistoryFilter  *filter,
                          GError              **error)
{
  GError *local_error = NULL;
  GArray *ids = NULL;
  guint old_n = self->ids->len;
  SdAuditFilter query;

  history_filter_clear (&self->filter);
  self->filter.entity = g_strdup (filter->entity);
  self->filter.entity_id = filter->entity != NULL ? filter->entity_id : 0;
  self->filter.from = g_strdup (filter->from);
  self->filter.to = g_strdup (filter->to);
  self->filter.search = filter->search != NULL && filter->search[0] != '\0'
                        ? g_strdup (filter->search) : NULL;

  /* All gone, then all new: a view that is told of both at once looks
   * for its old rows among the new ones, reading every page. */
  g_hash_table_remove_all (self->pages);
  g_array_set_size (self->ids, 0);
  if (old_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);

  self->up_to_id = sd_audit_query_last_id (self->store, &local_error);
  if (local_error == NULL && self->up_to_id > 0)
    {
      model_query_filter (self, &query);
      ids = sd_audit_query_ids (self->store, &query, &local_error);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (ids != NULL)
    {
      g_array_unref (self->ids);
      self->ids = ids;
    }
  if (self->ids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->ids->len);
  return TRUE;
}

/* Puts the entries written since the list was read at its top; returns
 * how many there were, or G_MAXUINT if the list needs to be read again. */
static guint
history_model_refresh (SdHistoryModel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) new_ids = NULL;
  SdAuditFilter query;
  gint64 last_id;

  last_id = sd_audit_query_last_id (self->store, &error);
  if (error != NULL || last_id == self->up_to_id)
    return 0;

  /* Entries went away (a batch of edits rolled back): the list must be
   * read again. */
  if (last_id < self->up_to_id)
    return G_MAXUINT;

  model_query_filter (self, &query);
  query.above_id = self->up_to_id;
  query.up_to_id = last_id;
  new_ids = sd_audit_query_ids (self->store, &query, &error);
  if (new_ids == NULL)
    return 0;
  self->up_to_id = last_id;
  if (new_ids->len == 0)
    return 0;
  /* The pages are counted from the top, which moved. */
  g_hash_table_remove_all (self->pages);
  g_array_prepend_vals (self->ids, new_ids->data, new_ids->len);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, new_ids->len);
  return new_ids->len;
}

/* The window */

struct _SdHistoryWindow
{
  AdwWindow           parent_instance;

  SdStore            *store;
  SdHistoryModel     *model;
  GtkSingleSelection *selection;
  const char * const *entities;     /* the drop-down's tables, after "All" */
  gint64              entity_id;    /* the one item shown, or 0 */
  guint               refresh_id;
  gboolean            setting;      /* the controls are being set, not used */

  AdwWindowTitle     *title;
  GtkDropDown        *kind_drop_down;
  GtkWidget          *from_button;
  GtkWidget          *to_button;
  GtkSearchEntry     *search_entry;
  GtkWidget          *item_chip;
  GtkLabel           *item_chip_label;
  GtkWidget          *clear_button;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
  GtkStack           *detail_stack;
  GtkLabel           *detail_title;
  GtkLabel           *detail_subtitle;
  GtkLabel           *detail_meta;
  GtkLabel           *detail_deleted;
  GtkLabel           *detail_damaged;
  GtkWidget          *detail_item_button;
  GtkListBox         *changes_list;
  GtkLabel           *no_changes_label;
};

G_DEFINE_FINAL_TYPE (SdHistoryWindow, sd_history_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void show_detail (SdHistoryWindow *self);

static const char *
selected_entity (SdHistoryWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_drop_down);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return self->entities[selected - 1];
}

/* Shows @date on a day button; no date is "Any Day" here, not a missing
 * date as SdDateButton says for a field. */
static void
set_day (GtkWidget  *button,
         const char *date,
         const char *name)
{
  sd_date_button_set_date (button, date);
  if (date == NULL)
    {
      g_autofree char *accessible = g_strdup_printf ("%s: %s", name, _("Any day"));

      gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Any Day"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
    }
}

static void
set_days (SdHistoryWindow *self,
          const char      *from,
          const char      *to)
{
  set_day (self->from_button, from, _("From"));
  set_day (self->to_button, to, _("To"));
}

static gboolean
any_filter (SdHistoryWindow *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return selected_entity (self) != NULL ||
         sd_date_button_get_date (self->from_button) != NULL ||
         sd_date_button_get_date (self->to_button) != NULL ||
         (search != NULL && search[0] != '\0');
}

static void
update_counts (SdHistoryWindow *self,
               const GError    *error)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *subtitle = NULL;

  if (error != NULL)
    {
      adw_status_page_set_icon_name (self->empty_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->empty_page, _("Could Not Read the History"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_widget_set_visible (self->clear_button, FALSE);
    }
  else if (n == 0 && any_filter (self))
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Matching Changes"));
      adw_status_page_set_description (self->empty_page,
                                       _("Nothing recorded matches these filters. Choose "
                                         "another kind of item or other days, change the "
                                         "search, or clear the filters."));
      gtk_widget_set_visible (self->clear_button, TRUE);
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "document-open-recent-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Changes Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Every change to the organisation, the duties, the "
                                         "risks and the plan is recorded here, with who "
                                         "made it and when."));
      gtk_widget_set_visible (self->clear_button, FALSE);
    }
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");

  /* Translators: the number of changes the history shows */
  subtitle = g_strdup_printf (ngettext ("%u change", "%u changes", n), n);
  adw_window_title_set_subtitle (self->title, subtitle);
}

static void
update_item_chip (SdHistoryWindow *self)
{
  const char *entity = selected_entity (self);

  if (entity != NULL && self->entity_id != 0)
    {
      g_autofree char *name = sd_audit_item_name (self->store, entity, self->entity_id, NULL,
                                                  NULL);
      g_autofree char *accessible = NULL;

      gtk_label_set_text (self->item_chip_label, name);
      /* Translators: the button that stops showing only one item's changes */
      accessible = g_strdup_printf (_("Only “%s”: show every item"), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->item_chip),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_widget_set_tooltip_text (self->item_chip, _("Show Every Item"));
      gtk_widget_set_visible (self->item_chip, TRUE);
    }
  else
    {
      gtk_widget_set_visible (self->item_chip, FALSE);
    }
}

/* Reads the list again with the filters the controls show. */
static void
apply_filters (SdHistoryWindow *self)
{
  g_autoptr(GError) error = NULL;
  HistoryFilter filter = {
    .entity = (char *) selected_entity (self),
    .entity_id = self->entity_id,
    .from = (char *) sd_date_button_get_date (self->from_button),
    .to = (char *) sd_date_button_get_date (self->to_button),
    .search = (char *) gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
  };

  if (filter.entity == NULL)
    self->entity_id = filter.entity_id = 0;
  /* Nothing selected while the list changes: a selection looks for its
   * item among all the new rows, which would read every page. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  history_model_set_filter (self->model, &filter, &error);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    gtk_single_selection_set_selected (self->selection, 0);
  update_item_chip (self);
  update_counts (self, error);
  show_detail (self);
}

static void
filter_changed_cb (SdHistoryWindow *self)
{
  if (!self->setting)
    apply_filters (self);
}

/* Escape in the search: the first clears it, the next closes the window,
 * as Escape does anywhere else in it. */
static void
stop_search_cb (SdHistoryWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (text != NULL && text[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
kind_changed_cb (SdHistoryWindow *self)
{
  /* Another kind: the one item of the former kind no longer applies. */
  self->entity_id = 0;
  filter_changed_cb (self);
}

static void
date_chosen_cb (gpointer    user_data,
                const char *date)
{
  /* The button shows the new date already. */
  filter_changed_cb (SD_HISTORY_WINDOW (user_data));
}

static void
clear_filters (SdHistoryWindow *self)
{
  self->setting = TRUE;
  self->entity_id = 0;
  gtk_drop_down_set_selected (self->kind_drop_down, 0);
  set_days (self, NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->setting = FALSE;
  apply_filters (self);
}

static void
clear_filters_cb (SdHistoryWindow *self)
{
  clear_filters (self);
}

static void
clear_dates_cb (SdHistoryWindow *self)
{
  set_days (self, NULL, NULL);
  apply_filters (self);
}

static void
item_chip_clicked_cb (SdHistoryWindow *self)
{
  self->entity_id = 0;
  apply_filters (self);
}

/* The detail pane */

static SdHistoryRow *
selected_row (SdHistoryWindow *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

/* @text cut to a length a pane can show. */
static char *
shown_value (const char *text)
{
  if (g_utf8_strlen (text, -1) <= MAX_VALUE_CHARS)
    return g_strdup (text);
  {
    g_autofree char *start = g_utf8_substring (text, 0, MAX_VALUE_CHARS);

    return g_strconcat (start, "…", NULL);
  }
}

/* One side of a change: "Before: old" struck through and dimmed, or
 * "After: new" in the colour of success and bold; in words as well as in
 * style, for who cannot see the style. */
static GtkWidget *
value_label (const char *prefix,
             const char *value,
             gboolean    removed)
{
  g_autofree char *shown = value != NULL ? shown_value (value) : g_strdup (_("(empty)"));
  g_autofree char *text = g_strdup_printf ("%s %s", prefix, shown);
  GtkWidget *label = gtk_label_new (text);
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoAttribute *attr;
  guint start = strlen (prefix) + 1;

  if (value != NULL)
    {
      if (removed)
        attr = pango_attr_strikethrough_new (TRUE);
      else
        attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      attr->start_index = start;
      attr->end_index = strlen (text);
      pango_attr_list_insert (attrs, attr);
    }
  else
    {
      attr = pango_attr_style_new (PANGO_STYLE_ITALIC);
      attr->start_index = start;
      attr->end_index = strlen (text);
      pango_attr_list_insert (attrs, attr);
    }
  attr = pango_attr_weight_new (PANGO_WEIGHT_SEMIBOLD);
  attr->start_index = 0;
  attr->end_index = strlen (prefix);
  pango_attr_list_insert (attrs, attr);
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  pango_attr_list_unref (attrs);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, removed ? "error" : "success");
  if (value == NULL)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
change_row (const SdAuditChange *change,
            gboolean             insert,
            gboolean             delete)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *field = gtk_label_new (change->label);
  g_autofree char *accessible = NULL;
  /* Translators: prefixes of a field's value in the history, "Before: 信息部" */
  const char *before = _("Before:");
  const char *after = _("After:");

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (field), 0);
  gtk_widget_add_css_class (field, "heading");
  gtk_box_append (GTK_BOX (box), field);

  if (!insert)
    gtk_box_append (GTK_BOX (box), value_label (before, change->old_value, TRUE));
  if (!delete)
    gtk_box_append (GTK_BOX (box), value_label (after, change->new_value, FALSE));

  if (insert)
    accessible = g_strdup_printf ("%s: %s %s", change->label, after,
                                  change->new_value != NULL ? change->new_value : _("(empty)"));
  else if (delete)
    accessible = g_strdup_printf ("%s: %s %s", change->label, before,
                                  change->old_value != NULL ? change->old_value : _("(empty)"));
  else
    accessible = g_strdup_printf ("%s: %s %s, %s %s", change->label,
                                  before, change->old_value != NULL ? change->old_value
                                                                    : _("(empty)"),
                                  after, change->new_value != NULL ? change->new_value
                                                                   : _("(empty)"));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  return row;
}

static void
show_detail (SdHistoryWindow *self)
{
  SdHistoryRow *row = selected_row (self);
  g_autoptr(SdAuditDiff) diff = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *meta = NULL;
  GtkWidget *child;
  gboolean insert, delete, one_item;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->changes_list))) != NULL)
    gtk_list_box_remove (self->changes_list, child);

  if (row == NULL || row->entry == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }
  history_row_ensure_texts (row, self->store);
  diff = sd_audit_diff_new (self->store, row->entry);
  insert = g_strcmp0 (row->entry->action, "insert") == 0;
  delete = g_strcmp0 (row->entry->action, "delete") == 0;

  gtk_label_set_text (self->detail_title,
                      diff->item_name[0] != '\0' ? diff->item_name : diff->entity_label);
  /* Translators: the kind of item and what happened to it, "Risk · Changed" */
  subtitle = g_strdup_printf (_("%s · %s"), diff->entity_label, diff->action_label);
  gtk_label_set_text (self->detail_subtitle, subtitle);
  /* Translators: when and by whom, "2026-11-21 14:03:05 by 张伟" */
  meta = g_strdup_printf (_("%s by %s"), row->time, row->who);
  gtk_label_set_text (self->detail_meta, meta);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_deleted),
                          !diff->item_exists && diff->item_name[0] != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->detail_damaged), diff->damaged);

  one_item = self->entity_id == row->entry->entity_id &&
             g_strcmp0 (selected_entity (self), row->entry->entity) == 0;
  gtk_widget_set_visible (self->detail_item_button,
                          !one_item && diff->item_name[0] != '\0' &&
                          g_strv_contains (self->entities, row->entry->entity));

  for (guint i = 0; i < diff->changes->len; i++)
    gtk_list_box_append (self->changes_list,
                         change_row (g_ptr_array_index (diff->changes, i), insert, delete));
  gtk_widget_set_visible (GTK_WIDGET (self->changes_list), diff->changes->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_changes_label), diff->changes->len == 0);
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

static void
selection_changed_cb (SdHistoryWindow *self)
{
  show_detail (self);
}

static void
detail_item_clicked_cb (SdHistoryWindow *self)
{
  SdHistoryRow *row = selected_row (self);
  g_autofree char *entity = NULL;

  if (row == NULL || row->entry == NULL)
    return;
  entity = g_strdup (row->entry->entity);
  sd_history_window_set_item (self, entity, row->entry->entity_id);
}

/* The list's rows. A GtkColumnView makes a widget and a list item per
 * cell; with the two hundred rows a list keeps ready, changing the filter
 * spent most of its time making and destroying a thousand cells. A row
 * here is one widget that draws its five columns, at the widths of the
 * header above the list. */

typedef enum
{
  CELL_TIME,
  CELL_WHO,
  CELL_KIND,
  CELL_ITEM,
  CELL_ACTION,
  N_CELLS
} CellKind;

/* Column widths in pixels; the item takes what is left. */
static const int cell_widths[N_CELLS] = { 165, 150, 120, -1, 90 };
#define CELL_PADDING 6
#define MIN_ITEM_WIDTH 120

/* Where column @cell starts and how wide it is, in a row @width wide. */
static void
cell_area (CellKind  cell,
           int       width,
           int      *x,
           int      *cell_width)
{
  int fixed = 0;

  for (int i = 0; i < N_CELLS; i++)
    fixed += MAX (cell_widths[i], 0);
  *x = 0;
  for (int i = 0; i < (int) cell; i++)
    *x += cell_widths[i] >= 0 ? cell_widths[i] : MAX (width - fixed, MIN_ITEM_WIDTH);
  *cell_width = cell_widths[cell] >= 0 ? cell_widths[cell] : MAX (width - fixed, MIN_ITEM_WIDTH);
}

#define SD_TYPE_HISTORY_CELLS (sd_history_cells_get_type ())

G_DECLARE_FINAL_TYPE (SdHistoryCells, sd_history_cells, SD, HISTORY_CELLS, GtkWidget)

struct _SdHistoryCells
{
  GtkWidget    parent_instance;

  char        *texts[N_CELLS];
  PangoLayout *layouts[N_CELLS];
  int          line_height;   /* 0: not measured yet */
};

G_DEFINE_FINAL_TYPE (SdHistoryCells, sd_history_cells, GTK_TYPE_WIDGET)

static void
sd_history_cells_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int x, width;

      cell_area (N_CELLS - 1, 0, &x, &width);
      *minimum = *natural = x + width;
    }
  else
    {
      SdHistoryCells *self = SD_HISTORY_CELLS (widget);

      /* A line of Latin and Chinese text: the fonts' heights differ. */
      if (self->line_height == 0)
        {
          g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, "Ag 安全");

          pango_layout_get_pixel_size (layout, NULL, &self->line_height);
        }
      *minimum = *natural = self->line_height + 2 * CELL_PADDING;
    }
}

static void
sd_history_cells_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SdHistoryCells *self = SD_HISTORY_CELLS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  for (int i = 0; i < N_CELLS; i++)
    {
      GdkRGBA cell_color = color;
      int x, cell_width, text_height;

      if (self->texts[i] == NULL || self->texts[i][0] == '\0')
        continue;
      cell_area (i, width, &x, &cell_width);
      if (self->layouts[i] == NULL)
        {
          self->layouts[i] = gtk_widget_create_pango_layout (widget, self->texts[i]);
          pango_layout_set_ellipsize (self->layouts[i], PANGO_ELLIPSIZE_END);
          pango_layout_set_single_paragraph_mode (self->layouts[i], TRUE);
        }
      pango_layout_set_width (self->layouts[i],
                              MAX (cell_width - 2 * CELL_PADDING, 1) * PANGO_SCALE);
      pango_layout_get_pixel_size (self->layouts[i], NULL, &text_height);
      /* The kind is a category, not the item: quieter. */
      if (i == CELL_KIND || i == CELL_TIME)
        cell_color.alpha *= 0.7;

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (x + CELL_PADDING, (height - text_height) / 2));
      gtk_snapshot_append_layout (snapshot, self->layouts[i], &cell_color);
      gtk_snapshot_restore (snapshot);
    }
}

static void
sd_history_cells_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  SdHistoryCells *self = SD_HISTORY_CELLS (widget);

  GTK_WIDGET_CLASS (sd_history_cells_parent_class)->css_changed (widget, change);
  /* The font may have changed. */
  for (int i = 0; i < N_CELLS; i++)
    g_clear_object (&self->layouts[i]);
  self->line_height = 0;
  gtk_widget_queue_resize (widget);
}

static void
sd_history_cells_finalize (GObject *object)
{
  SdHistoryCells *self = SD_HISTORY_CELLS (object);

  for (int i = 0; i < N_CELLS; i++)
    {
      g_free (self->texts[i]);
      g_clear_object (&self->layouts[i]);
    }

  G_OBJECT_CLASS (sd_history_cells_parent_class)->finalize (object);
}

static void
sd_history_cells_class_init (SdHistoryCellsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sd_history_cells_finalize;
  widget_class->measure = sd_history_cells_measure;
  widget_class->snapshot = sd_history_cells_snapshot;
  widget_class->css_changed = sd_history_cells_css_changed;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
sd_history_cells_init (SdHistoryCells *self)
{
}

/* Shows @row; a screen reader reads the columns in order. */
static void
history_cells_set_row (SdHistoryCells *self,
                       SdHistoryRow   *row)
{
  const char *texts[N_CELLS] = { row->time, row->who, row->kind, row->item, row->action };
  g_autofree char *accessible = NULL;

  for (int i = 0; i < N_CELLS; i++)
    {
      g_free (self->texts[i]);
      self->texts[i] = g_strdup (texts[i]);
      if (self->layouts[i] != NULL)
        pango_layout_set_text (self->layouts[i], texts[i], -1);
    }
  /* Translators: a row of the history as a screen reader reads it: time,
   * who, kind of item, item, what happened */
  accessible = g_strdup_printf (_("%s, %s, %s %s, %s"), row->time, row->who, row->kind,
                                row->item, row->action);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, g_object_new (SD_TYPE_HISTORY_CELLS, NULL));
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             SdHistoryWindow          *self)
{
  SdHistoryRow *row = gtk_list_item_get_item (list_item);

  history_row_ensure_texts (row, self->store);
  history_cells_set_row (SD_HISTORY_CELLS (gtk_list_item_get_child (list_item)), row);
}

/* The column titles, at the widths the rows draw them. */
static GtkWidget *
build_header (void)
{
  /* Translators: columns of the history */
  const char *titles[N_CELLS] = { N_("Time"), N_("Who"), N_("Kind"), N_("Item"), N_("Action") };
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  for (int i = 0; i < N_CELLS; i++)
    {
      GtkWidget *label = gtk_label_new (_(titles[i]));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_margin_start (label, CELL_PADDING);
      gtk_widget_set_margin_end (label, CELL_PADDING);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_add_css_class (label, "dim-label");
      if (cell_widths[i] >= 0)
        gtk_widget_set_size_request (label, cell_widths[i] - 2 * CELL_PADDING, -1);
      else
        gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (header), label);
    }
  gtk_widget_set_margin_top (header, 6);
  gtk_widget_set_margin_bottom (header, 6);
  /* A screen reader reads each row's own words. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  return header;
}

/* Following new edits */

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  sd_history_window_refresh (SD_HISTORY_WINDOW (user_data));
  return G_SOURCE_CONTINUE;
}

static void
is_active_cb (SdHistoryWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    sd_history_window_refresh (self);
}

static void
sd_history_window_map (GtkWidget *widget)
{
  SdHistoryWindow *self = SD_HISTORY_WINDOW (widget);

  GTK_WIDGET_CLASS (sd_history_window_parent_class)->map (widget);
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add_seconds (REFRESH_SECONDS, refresh_timeout_cb, self);
}

static void
sd_history_window_unmap (GtkWidget *widget)
{
  SdHistoryWindow *self = SD_HISTORY_WINDOW (widget);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  GTK_WIDGET_CLASS (sd_history_window_parent_class)->unmap (widget);
}

static gboolean
focus_search_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  SdHistoryWindow *self = SD_HISTORY_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/* Building */

static GtkWidget *
caption_label (const char *text,
               GtkWidget  *mnemonic_widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), mnemonic_widget);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
build_filter_bar (SdHistoryWindow *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkWidget *clear_dates;
  GtkWidget *chip_box;
  GtkWidget *chip_icon;

  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);

  /* Translators: the first choice of the kinds of item in the history */
  gtk_string_list_append (kinds, _("All Kinds"));
  for (guint i = 0; self->entities[i] != NULL; i++)
    gtk_string_list_append (kinds, sd_audit_entity_label (self->entities[i]));
  self->kind_drop_down = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&kinds)),
                                                           NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind_drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kind of item"), -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind_drop_down), _("Kind of item"));
  g_signal_connect_object (self->kind_drop_down, "notify::selected",
                           G_CALLBACK (kind_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->kind_drop_down));

  /* The one item shown, as a chip that takes the restriction away. */
  self->item_chip = gtk_button_new ();
  chip_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->item_chip_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->item_chip_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->item_chip_label, 24);
  chip_icon = gtk_image_new_from_icon_name ("window-close-symbolic");
  gtk_box_append (GTK_BOX (chip_box), GTK_WIDGET (self->item_chip_label));
  gtk_box_append (GTK_BOX (chip_box), chip_icon);
  gtk_button_set_child (GTK_BUTTON (self->item_chip), chip_box);
  gtk_widget_add_css_class (self->item_chip, "flat");
  gtk_widget_add_css_class (self->item_chip, "sd-chip");
  gtk_widget_set_visible (self->item_chip, FALSE);
  g_signal_connect_object (self->item_chip, "clicked", G_CALLBACK (item_chip_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (bar), self->item_chip);

  /* Translators: the first day the history shows */
  self->from_button = sd_date_button_new (_("From"), TRUE, date_chosen_cb, self);
  /* Translators: the last day the history shows */
  self->to_button = sd_date_button_new (_("To"), TRUE, date_chosen_cb, self);
  set_days (self, NULL, NULL);
  /* Translators: before the first day's button, "From [2026-11-01]" */
  gtk_box_append (GTK_BOX (bar), caption_label (_("_From"), self->from_button));
  gtk_box_append (GTK_BOX (bar), self->from_button);
  /* Translators: before the last day's button, "to [2026-11-21]" */
  gtk_box_append (GTK_BOX (bar), caption_label (_("_to"), self->to_button));
  gtk_box_append (GTK_BOX (bar), self->to_button);
  clear_dates = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_add_css_class (clear_dates, "flat");
  gtk_widget_set_tooltip_text (clear_dates, _("Any Day"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (clear_dates),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Any day"), -1);
  g_signal_connect_object (clear_dates, "clicked", G_CALLBACK (clear_dates_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (bar), clear_dates);

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->search_entry), TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->search_entry), 12);
  g_object_set (self->search_entry, "placeholder-text", _("Search people and items"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search by who made a change or by item"), -1);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search",
                           G_CALLBACK (stop_search_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->search_entry));
  return bar;
}

static GtkWidget *
build_list (SdHistoryWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->list_stack = GTK_STACK (gtk_stack_new ());

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (row_bind_cb), self, 0);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (
                                                        g_object_ref (self->selection)),
                                                      factory));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Changes"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), build_header ());
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_stack_add_named (self->list_stack, box, "list");

  self->empty_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty_page, "document-open-recent-symbolic");
  self->clear_button = gtk_button_new_with_mnemonic (_("_Clear Filters"));
  gtk_widget_set_halign (self->clear_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->clear_button, "pill");
  g_signal_connect_object (self->clear_button, "clicked", G_CALLBACK (clear_filters_cb), self,
                           G_CONNECT_SWAPPED);
  adw_status_page_set_child (self->empty_page, self->clear_button);
  gtk_stack_add_named (self->list_stack, GTK_WIDGET (self->empty_page), "empty");
  return GTK_WIDGET (self->list_stack);
}

static GtkLabel *
detail_label (GtkWidget  *box,
              const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static GtkWidget *
build_detail (SdHistoryWindow *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *none = adw_status_page_new ();

  self->detail_stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->detail_stack), 340, -1);

  adw_status_page_set_title (ADW_STATUS_PAGE (none), _("No Change Selected"));
  adw_status_page_set_description (ADW_STATUS_PAGE (none),
                                   _("Select a change in the list to see what it was."));
  gtk_widget_add_css_class (none, "compact");
  gtk_stack_add_named (self->detail_stack, none, "none");

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  self->detail_title = detail_label (box, "title-2");
  self->detail_subtitle = detail_label (box, "heading");
  self->detail_meta = detail_label (box, "dim-label");
  self->detail_deleted = detail_label (box, "warning");
  gtk_label_set_text (self->detail_deleted, _("This item has since been deleted."));
  self->detail_damaged = detail_label (box, "error");
  gtk_label_set_text (self->detail_damaged,
                      _("Part of this record could not be read; what could be read is "
                        "shown."));

  self->detail_item_button = gtk_button_new_with_mnemonic (_("Show Only This _Item"));
  gtk_widget_set_halign (self->detail_item_button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->detail_item_button, 6);
  g_signal_connect_object (self->detail_item_button, "clicked",
                           G_CALLBACK (detail_item_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), self->detail_item_button);

  self->changes_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->changes_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->changes_list), "boxed-list");
  gtk_widget_set_margin_top (GTK_WIDGET (self->changes_list), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->changes_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Changed fields"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->changes_list));
  self->no_changes_label = detail_label (box, "dim-label");
  gtk_label_set_text (self->no_changes_label, _("No values were recorded."));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_stack_add_named (self->detail_stack, scrolled, "detail");
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
  return GTK_WIDGET (self->detail_stack);
}

static void
build (SdHistoryWindow *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("History"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (content), header);
  gtk_box_append (GTK_BOX (content), build_filter_bar (self));
  gtk_box_append (GTK_BOX (content), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  gtk_widget_set_vexpand (paned, TRUE);
  gtk_paned_set_start_child (GTK_PANED (paned), build_list (self));
  gtk_paned_set_end_child (GTK_PANED (paned), build_detail (self));
  gtk_paned_set_resize_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_position (GTK_PANED (paned), 720);
  gtk_box_append (GTK_BOX (content), paned);
  adw_window_set_content (ADW_WINDOW (self), content);
}

/* GObject */

static void
sd_history_window_constructed (GObject *object)
{
  SdHistoryWindow *self = SD_HISTORY_WINDOW (object);

  G_OBJECT_CLASS (sd_history_window_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  self->entities = sd_audit_entities ();
  self->model = history_model_new (self->store);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  /* The item, not its position: new entries above it move it down. */
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  build (self);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_cb), NULL);
  apply_filters (self);
}

static void
sd_history_window_dispose (GObject *object)
{
  SdHistoryWindow *self = SD_HISTORY_WINDOW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_history_window_parent_class)->dispose (object);
}

static void
sd_history_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SdHistoryWindow *self = SD_HISTORY_WINDOW (object);

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
sd_history_window_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SdHistoryWindow *self = SD_HISTORY_WINDOW (object);

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
sd_history_window_class_init (SdHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sd_history_window_constructed;
  object_class->dispose = sd_history_window_dispose;
  object_class->get_property = sd_history_window_get_property;
  object_class->set_property = sd_history_window_set_property;
  widget_class->map = sd_history_window_map;
  widget_class->unmap = sd_history_window_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, focus_search_cb,
                                NULL);
}

static void
sd_history_window_init (SdHistoryWindow *self)
{
  sd_ui_ensure_resources ();
  gtk_window_set_title (GTK_WINDOW (self), _("History"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1180, 720);
}

GtkWidget *
sd_history_window_new (SdStore *store)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  return g_object_new (SD_TYPE_HISTORY_WINDOW, "store", store, NULL);
}

void
sd_history_window_set_item (SdHistoryWindow *self,
                            const char      *entity,
                            gint64           entity_id)
{
  guint selected = 0;

  g_return_if_fail (SD_IS_HISTORY_WINDOW (self));

  for (guint i = 0; entity != NULL && self->entities[i] != NULL; i++)
    {
      if (g_str_equal (self->entities[i], entity))
        selected = i + 1;
    }
  self->setting = TRUE;
  gtk_drop_down_set_selected (self->kind_drop_down, selected);
  self->setting = FALSE;
  self->entity_id = selected != 0 ? entity_id : 0;
  apply_filters (self);
}

void
sd_history_window_set_days (SdHistoryWindow *self,
                            const char      *from,
                            const char      *to)
{
  g_return_if_fail (SD_IS_HISTORY_WINDOW (self));

  set_days (self, from, to);
  apply_filters (self);
}

GListModel *
sd_history_window_get_model (SdHistoryWindow *self)
{
  g_return_val_if_fail (SD_IS_HISTORY_WINDOW (self), NULL);

  return G_LIST_MODEL (self->selection);
}

void
sd_history_window_refresh (SdHistoryWindow *self)
{
  guint n_new;

  g_return_if_fail (SD_IS_HISTORY_WINDOW (self));

  n_new = history_model_refresh (self->model);
  if (n_new == G_MAXUINT)
    apply_filters (self);
  else if (n_new > 0)
    update_counts (self, NULL);
}

static void
history_destroyed_cb (GtkWidget *window,
                      GtkWindow *parent)
{
  if (g_object_get_data (G_OBJECT (parent), "sd-history-window") == window)
    g_object_set_data (G_OBJECT (parent), "sd-history-window", NULL);
}

void
sd_history_window_present (GtkWindow  *parent,
                           SdStore    *store,
                           const char *entity,
                           gint64      entity_id)
{
  SdHistoryWindow *self;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (SD_IS_STORE (store));

  self = parent != NULL ? g_object_get_data (G_OBJECT (parent), "sd-history-window") : NULL;
  if (self == NULL || self->store != store)
    {
      self = SD_HISTORY_WINDOW (sd_history_window_new (store));
      if (parent != NULL)
        {
          gtk_window_set_transient_for (GTK_WINDOW (self), parent);
          gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
          /* Forgotten when it closes (it is destroyed then). */
          g_object_set_data (G_OBJECT (parent), "sd-history-window", self);
          g_signal_connect_object (self, "destroy", G_CALLBACK (history_destroyed_cb), parent,
                                   0);
        }
    }
  if (entity != NULL || entity_id != 0)
    sd_history_window_set_item (self, entity, entity_id);
  gtk_window_present (GTK_WINDOW (self));
}
