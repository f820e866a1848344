/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-commitments-view"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sd-commitment.h"
#include "sd-commitments-view.h"
#include "sd-date-button.h"
#include "sd-file-actions.h"
#include "sd-person.h"
#include "sd-plan-stats.h"
#include "sd-unit.h"
#include "sd-unit-chooser.h"

/*
 * Every active person with their commitment letter of the plan's year, in
 * a GtkColumnView over the store's list of people through a filter (unit,
 * search, only missing) and a sorter (the column's, else unit in tree
 * order, then as entered): only the rows on screen exist, so 5,000 people
 * cost what 50 do. Rows are selected several at a time and marked signed
 * (on the date in the bar, today unless changed) or unmarked, each in one
 * transaction with one Undo.
 *
 * Who signed is read from the commitments table into a hash table, again
 * after every change to it; the rebuild waits for an idle, so that a batch
 * of inserts costs one rebuild.
 */

#define ID_KEY(id) GSIZE_TO_POINTER ((gsize) (id))
#define KEY_ID(key) ((gint64) GPOINTER_TO_SIZE (key))

struct _SdCommitmentsView
{
  GtkWidget           parent_instance;

  SdStore            *store;
  SdPlan             *plan;

  /* From the commitments table, rebuilt by refresh(). */
  GHashTable         *letters;        /* person id → commitment id, of the plan's year */
  guint               n_active;
  guint               n_signed;       /* active people with a letter */
  guint               refresh_id;

  /* Units, for the filter and the order. */
  SdUnitChooser      *units;
  char               *query;          /* casefolded, or NULL */
  gboolean            only_missing;

  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkCustomSorter    *unit_sorter;
  GtkCustomSorter    *signed_sorter;
  GtkMultiSelection  *selection;

  GHashTable         *bound_signed;   /* GtkListItem → NULL: "signed on" cells on screen */
  GHashTable         *bound_units;    /* GtkListItem → NULL: unit cells on screen */

  GtkWidget          *main_stack;     /* "no-plan", "plan" */
  GtkLabel           *coverage_label;
  GtkLevelBar        *coverage_bar;
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *missing_toggle;
  GtkStack           *list_stack;     /* "list", "no-people", "no-results" */
  AdwStatusPage      *no_results;
  GtkColumnView      *column_view;
  GtkLabel           *selected_label;
  GtkWidget          *date_button;
  GtkWidget          *mark_button;
  GtkWidget          *unmark_button;
};

G_DEFINE_FINAL_TYPE (SdCommitmentsView, sd_commitments_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (SdCommitmentsView *self);

/* Units */

static void
update_list_stack (SdCommitmentsView *self);

static void
unit_chosen_cb (gpointer user_data)
{
  SdCommitmentsView *self = user_data;

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_list_stack (self);
}

static void
rebind_cells (SdCommitmentsView *self,
              GHashTable        *bound,
              void             (*bind) (SdCommitmentsView *, GtkListItem *));

static void bind_unit_cell (SdCommitmentsView *self,
                            GtkListItem       *list_item);

static void
units_changed_cb (SdCommitmentsView *self)
{
  sd_unit_chooser_reload (self->units, self->store);
  /* The chosen unit may be gone, or have new sections. */
  unit_chosen_cb (self);
  gtk_sorter_changed (GTK_SORTER (self->unit_sorter), GTK_SORTER_CHANGE_DIFFERENT);
  rebind_cells (self, self->bound_units, bind_unit_cell);
}

/* Filter and order */

static gboolean
contains_folded (const char *text,
                 const char *query)
{
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, query) != NULL;
}

static gboolean
has_letter (SdCommitmentsView *self,
            SdPerson          *person)
{
  return g_hash_table_contains (self->letters, ID_KEY (sd_item_get_id (SD_ITEM (person))));
}

static gboolean
person_listed_cb (gpointer item,
                  gpointer user_data)
{
  SdCommitmentsView *self = user_data;
  SdPerson *person = item;

  if (!sd_person_get_active (person))
    return FALSE;
  if (self->only_missing && has_letter (self, person))
    return FALSE;
  if (!sd_unit_chooser_covers (self->units, sd_person_get_unit_id (person)))
    return FALSE;
  if (self->query != NULL &&
      !contains_folded (sd_person_get_name (person), self->query) &&
      !contains_folded (sd_person_get_job_title (person), self->query))
    return FALSE;
  return TRUE;
}

static guint
unit_rank (SdCommitmentsView *self,
           SdPerson          *person)
{
  return sd_unit_chooser_get_rank (self->units, sd_person_get_unit_id (person));
}

static int
unit_order_cb (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  SdCommitmentsView *self = user_data;
  guint ra = unit_rank (self, (SdPerson *) a);
  guint rb = unit_rank (self, (SdPerson *) b);

  /* People without a unit come last. */
  if (ra != rb)
    return ra == 0 ? 1 : rb == 0 ? -1 : ra < rb ? -1 : 1;
  return 0;
}

static int
entered_order_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  gint64 ia = sd_item_get_id ((SdItem *) a);
  gint64 ib = sd_item_get_id ((SdItem *) b);

  return ia < ib ? -1 : ia > ib;
}

static const char *
signed_on (SdCommitmentsView *self,
           SdPerson          *person)
{
  gpointer id = g_hash_table_lookup (self->letters,
                                     ID_KEY (sd_item_get_id (SD_ITEM (person))));
  SdCommitment *commitment;

  if (id == NULL)
    return NULL;
  commitment = sd_store_lookup (self->store, SD_TYPE_COMMITMENT, KEY_ID (id));
  return commitment != NULL ? sd_commitment_get_signed_on (commitment) : NULL;
}

/* Not signed first: that is what the column is sorted for. */
static int
signed_order_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  SdCommitmentsView *self = user_data;
  const char *da = signed_on (self, (SdPerson *) a);
  const char *db = signed_on (self, (SdPerson *) b);

  return g_strcmp0 (da, db);
}

/* The stack under the filters */

static void
update_list_stack (SdCommitmentsView *self)
{
  const char *page = "list";

  if (self->filtered == NULL)
    return;
  if (self->n_active == 0)
    page = "no-people";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    {
      page = "no-results";
      if (self->only_missing && self->query == NULL)
        {
          adw_status_page_set_icon_name (self->no_results, "emblem-ok-symbolic");
          adw_status_page_set_title (self->no_results, _("Everyone Has Signed"));
          adw_status_page_set_description (self->no_results,
                                           sd_unit_chooser_get_unit_id (self->units) != 0
                                           ? _("Every active person of the unit has signed "
                                               "the letter of the year.")
                                           : _("Every active person has signed the letter "
                                               "of the year."));
        }
      else
        {
          adw_status_page_set_icon_name (self->no_results, "edit-find-symbolic");
          adw_status_page_set_title (self->no_results, _("No Results"));
          adw_status_page_set_description (self->no_results,
                                           self->query != NULL
                                           ? _("No one’s name or job title matches the "
                                               "search.")
                                           : _("The unit has no active people."));
        }
    }
  gtk_stack_set_visible_child_name (self->list_stack, page);
}

static void
search_changed_cb (SdCommitmentsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *query = *stripped != '\0' ? g_utf8_casefold (stripped, -1) : NULL;

  if (g_strcmp0 (query, self->query) == 0)
    return;
  g_free (self->query);
  self->query = g_steal_pointer (&query);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_list_stack (self);
}

static void
missing_toggled_cb (SdCommitmentsView *self)
{
  gboolean only_missing = gtk_toggle_button_get_active (self->missing_toggle);

  if (only_missing == self->only_missing)
    return;
  self->only_missing = only_missing;
  gtk_filter_changed (GTK_FILTER (self->filter),
                      only_missing ? GTK_FILTER_CHANGE_MORE_STRICT
                                   : GTK_FILTER_CHANGE_LESS_STRICT);
  update_list_stack (self);
}

/* Cells */

static void
label_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                SdCommitmentsView        *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
name_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              SdCommitmentsView        *self)
{
  SdPerson *person = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      sd_person_get_name (person));
}

static void
job_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             SdCommitmentsView        *self)
{
  SdPerson *person = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      sd_person_get_job_title (person));
}

static void
bind_unit_cell (SdCommitmentsView *self,
                GtkListItem       *list_item)
{
  SdPerson *person = gtk_list_item_get_item (list_item);
  SdUnit *unit = sd_store_lookup (self->store, SD_TYPE_UNIT, sd_person_get_unit_id (person));
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (label), unit != NULL ? sd_unit_get_name (unit) : "");
}

static void
unit_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              SdCommitmentsView        *self)
{
  g_hash_table_add (self->bound_units, list_item);
  bind_unit_cell (self, list_item);
}

static void
unit_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                SdCommitmentsView        *self)
{
  g_hash_table_remove (self->bound_units, list_item);
}

static void
signed_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 SdCommitmentsView        *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_signed (SdCommitmentsView *self,
             GtkListItem       *list_item)
{
  SdPerson *person = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);
  const char *date = signed_on (self, person);

  /* Not only colour tells the two apart: the icon and the words do. */
  if (date != NULL)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), "emblem-ok-symbolic");
      gtk_widget_add_css_class (icon, "success");
      gtk_widget_remove_css_class (icon, "warning");
      gtk_label_set_text (GTK_LABEL (label), date);
      gtk_widget_remove_css_class (label, "warning");
    }
  else
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), "dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_remove_css_class (icon, "success");
      gtk_label_set_text (GTK_LABEL (label), _("Not signed"));
      gtk_widget_add_css_class (label, "warning");
    }
}

static void
signed_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                SdCommitmentsView        *self)
{
  g_hash_table_add (self->bound_signed, list_item);
  bind_signed (self, list_item);
}

static void
signed_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  SdCommitmentsView        *self)
{
  g_hash_table_remove (self->bound_signed, list_item);
}

static void
rebind_cells (SdCommitmentsView *self,
              GHashTable        *bound,
              void             (*bind) (SdCommitmentsView *, GtkListItem *))
{
  GHashTableIter iter;
  gpointer list_item;

  g_hash_table_iter_init (&iter, bound);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    if (gtk_list_item_get_item (list_item) != NULL)
      bind (self, list_item);
}

/* Selection */

/* The selected people (transfer container). */
static GPtrArray *
selected_people (SdCommitmentsView *self)
{
  GPtrArray *people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  if (self->selection == NULL)
    return people;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (people, g_list_model_get_item (G_LIST_MODEL (self->selection), position));
  return people;
}

static void
update_selection (SdCommitmentsView *self)
{
  g_autoptr(GPtrArray) people = selected_people (self);
  guint n_signed = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < people->len; i++)
    if (has_letter (self, g_ptr_array_index (people, i)))
      n_signed++;

  if (people->len == 0)
    text = g_strdup (_("Select people to mark their letters signed"));
  else
    text = g_strdup_printf (ngettext ("%u selected", "%u selected", people->len), people->len);
  gtk_label_set_text (self->selected_label, text);
  gtk_widget_set_sensitive (self->mark_button, people->len > n_signed);
  gtk_widget_set_sensitive (self->unmark_button, n_signed > 0);
}

/* Marking and unmarking, each with one Undo */

static gboolean
undo_mark (GtkWidget  *widget,
           gpointer    data,
           GError    **error)
{
  SdStore *store = SD_COMMITMENTS_VIEW (widget)->store;
  GArray *ids = data;

  if (!sd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      gpointer item = sd_store_lookup (store, SD_TYPE_COMMITMENT, g_array_index (ids, gint64, i));

      /* One unmarked since is gone already. */
      if (item != NULL && !sd_store_delete (store, item, error))
        {
          sd_store_rollback (store);
          return FALSE;
        }
    }
  return sd_store_commit (store, error);
}

static void
mark_clicked_cb (SdCommitmentsView *self)
{
  g_autoptr(GPtrArray) people = selected_people (self);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const char *date = sd_date_button_get_date (self->date_button);
  int year;

  if (self->plan == NULL || people->len == 0)
    return;
  year = sd_plan_get_year (self->plan);

  /* All or nothing, in one transaction: one Undo takes it back. */
  if (!sd_store_begin (self->store, &error))
    {
      sd_ui_toast_error (GTK_WIDGET (self), _("Could not mark the letters signed"), error);
      return;
    }
  for (guint i = 0; i < people->len; i++)
    {
      SdPerson *person = g_ptr_array_index (people, i);
      SdItem *item;
      gint64 id;

      if (has_letter (self, person))
        continue;
      item = sd_store_insert (self->store, SD_TYPE_COMMITMENT, &error,
                              "person-id", sd_item_get_id (SD_ITEM (person)),
                              "year", year,
                              "signed-on", date,
                              NULL);
      if (item == NULL)
        {
          sd_store_rollback (self->store);
          sd_ui_toast_error (GTK_WIDGET (self), _("Could not mark the letters signed"), error);
          refresh (self);
          return;
        }
      id = sd_item_get_id (item);
      g_array_append_val (ids, id);
    }
  if (!sd_store_commit (self->store, &error))
    {
      sd_ui_toast_error (GTK_WIDGET (self), _("Could not mark the letters signed"), error);
      refresh (self);
      return;
    }

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  refresh (self);
  if (ids->len == 0)
    return;
  title = g_strdup_printf (ngettext ("%u letter marked signed", "%u letters marked signed",
                                     ids->len),
                           ids->len);
  sd_ui_toast_undo (GTK_WIDGET (self), title, undo_mark, g_array_ref (ids),
                    (GDestroyNotify) g_array_unref);
}

static gboolean
undo_unmark (GtkWidget  *widget,
             gpointer    data,
             GError    **error)
{
  SdStore *store = SD_COMMITMENTS_VIEW (widget)->store;
  GPtrArray *deletions = data;

  if (!sd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < deletions->len; i++)
    if (!sd_store_undo_deletion (store, g_ptr_array_index (deletions, i), error))
      {
        sd_store_rollback (store);
        return FALSE;
      }
  return sd_store_commit (store, error);
}

static void
unmark_clicked_cb (SdCommitmentsView *self)
{
  g_autoptr(GPtrArray) people = selected_people (self);
  g_autoptr(GPtrArray) deletions =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sd_deletion_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (people->len == 0)
    return;

  if (!sd_store_begin (self->store, &error))
    {
      sd_ui_toast_error (GTK_WIDGET (self), _("Could not unmark the letters"), error);
      return;
    }
  for (guint i = 0; i < people->len; i++)
    {
      gpointer id = g_hash_table_lookup (self->letters,
                                         ID_KEY (sd_item_get_id (g_ptr_array_index (people, i))));
      gpointer commitment;
      SdDeletion *deletion;

      if (id == NULL ||
          (commitment = sd_store_lookup (self->store, SD_TYPE_COMMITMENT, KEY_ID (id))) == NULL)
        continue;
      deletion = sd_store_delete_with_undo (self->store, commitment, &error);
      if (deletion == NULL)
        {
          sd_store_rollback (self->store);
          sd_ui_toast_error (GTK_WIDGET (self), _("Could not unmark the letters"), error);
          refresh (self);
          return;
        }
      g_ptr_array_add (deletions, deletion);
    }
  if (!sd_store_commit (self->store, &error))
    {
      sd_ui_toast_error (GTK_WIDGET (self), _("Could not unmark the letters"), error);
      refresh (self);
      return;
    }

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  refresh (self);
  if (deletions->len == 0)
    return;
  title = g_strdup_printf (ngettext ("%u letter unmarked", "%u letters unmarked",
                                     deletions->len),
                           deletions->len);
  sd_ui_toast_undo (GTK_WIDGET (self), title, undo_unmark, g_steal_pointer (&deletions),
                    (GDestroyNotify) g_ptr_array_unref);
}

static void
select_all_clicked_cb (SdCommitmentsView *self)
{
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

/* Coverage and the rebuild after changes */

static void
update_coverage (SdCommitmentsView *self)
{
  guint percent = sd_plan_stats_percent (self->n_signed, self->n_active);
  g_autofree char *ratio = sd_plan_stats_format_ratio (self->n_signed, self->n_active);
  g_autofree char *text = NULL;

  /* Translators: commitment-letter coverage, e.g. "38/40 signed · 95 % · target 100 %" */
  text = g_strdup_printf (_("%s signed · %u %% · target %u %%"),
                          ratio, percent, SD_PLAN_KPI_COMMITMENT);
  gtk_label_set_text (self->coverage_label, text);
  gtk_level_bar_set_value (self->coverage_bar,
                           self->n_active > 0 ? (double) self->n_signed / self->n_active : 1.0);
  if (percent >= SD_PLAN_KPI_COMMITMENT)
    gtk_widget_remove_css_class (GTK_WIDGET (self->coverage_label), "warning");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->coverage_label), "warning");
}

static void
rebuild (SdCommitmentsView *self)
{
  GListModel *model;
  guint n;

  g_hash_table_remove_all (self->letters);
  self->n_active = 0;
  self->n_signed = 0;

  if (self->plan != NULL)
    {
      int year = sd_plan_get_year (self->plan);

      model = sd_store_get_items (self->store, SD_TYPE_COMMITMENT);
      n = g_list_model_get_n_items (model);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SdCommitment) commitment = g_list_model_get_item (model, i);

          if (sd_commitment_get_year (commitment) == year)
            g_hash_table_insert (self->letters,
                                 ID_KEY (sd_commitment_get_person_id (commitment)),
                                 ID_KEY (sd_item_get_id (SD_ITEM (commitment))));
        }
    }

  model = sd_store_get_items (self->store, SD_TYPE_PERSON);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPerson) person = g_list_model_get_item (model, i);

      if (!sd_person_get_active (person))
        continue;
      self->n_active++;
      if (has_letter (self, person))
        self->n_signed++;
    }
}

static void
refresh (SdCommitmentsView *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  rebuild (self);
  update_coverage (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->signed_sorter), GTK_SORTER_CHANGE_DIFFERENT);
  rebind_cells (self, self->bound_signed, bind_signed);
  update_list_stack (self);
  update_selection (self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  SdCommitmentsView *self = user_data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* Before the next frame draws, after the whole batch of changes. */
static void
queue_refresh (SdCommitmentsView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_cb, self, NULL);
}

static void
store_changed_cb (SdCommitmentsView *self)
{
  queue_refresh (self);
}

static void
selection_changed_cb (SdCommitmentsView *self)
{
  update_selection (self);
}

static void
filtered_changed_cb (SdCommitmentsView *self)
{
  update_list_stack (self);
}

/* Building */

static GtkWidget *
status_page_new (const char *icon,
                 const char *title,
                 const char *description)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (page), description);
  return page;
}

static void
column_new (SdCommitmentsView *self,
            const char        *title,
            GCallback          setup,
            GCallback          bind,
            GCallback          unbind,
            GtkSorter         *sorter)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect_object (factory, "setup", setup, self, 0);
  g_signal_connect_object (factory, "bind", bind, self, 0);
  if (unbind != NULL)
    g_signal_connect_object (factory, "unbind", unbind, self, 0);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
  g_clear_object (&sorter);
}

static GtkWidget *
build_coverage (SdCommitmentsView *self)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *heading = gtk_label_new (_("Commitment Letters"));

  gtk_widget_set_margin_top (line, 12);
  gtk_widget_set_margin_bottom (line, 12);
  gtk_widget_set_margin_start (line, 12);
  gtk_widget_set_margin_end (line, 12);
  gtk_widget_add_css_class (heading, "heading");
  self->coverage_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->coverage_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->coverage_label), "title-4");
  self->coverage_bar = GTK_LEVEL_BAR (gtk_level_bar_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->coverage_bar), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->coverage_bar), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (self->coverage_bar), 120, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->coverage_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Commitment-Letter Coverage"),
                                  -1);
  gtk_box_append (GTK_BOX (line), heading);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->coverage_label));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->coverage_bar));
  return line;
}

static void
build (SdCommitmentsView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *action_bar = gtk_action_bar_new ();
  GtkWidget *select_all = gtk_button_new_with_mnemonic (_("Select _All"));
  GtkWidget *date_label = gtk_label_new (_("Signed on"));
  GtkWidget *no_people;
  GtkWidget *no_results;

  self->main_stack = gtk_stack_new ();
  gtk_widget_set_parent (self->main_stack, GTK_WIDGET (self));
  gtk_stack_add_named (GTK_STACK (self->main_stack),
                       status_page_new ("x-office-calendar-symbolic", _("No Plan"),
                                        _("Create the plan of the year first; the commitment "
                                          "letters of its year are recorded here.")),
                       "no-plan");

  gtk_box_append (GTK_BOX (box), build_coverage (self));

  /* Search, unit, only missing. */
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->search_entry), TRUE);
  g_object_set (self->search_entry, "placeholder-text", _("Search people"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search People"),
                                  -1);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  self->units = sd_unit_chooser_new (unit_chosen_cb, self);
  self->missing_toggle =
    GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("Only _Missing")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->missing_toggle),
                               _("Show only the people who have not signed"));
  g_signal_connect_object (self->missing_toggle, "toggled", G_CALLBACK (missing_toggled_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->search_entry));
  gtk_box_append (GTK_BOX (bar), sd_unit_chooser_get_widget (self->units));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->missing_toggle));
  gtk_box_append (GTK_BOX (box), bar);

  /* The people. */
  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_row_separators (self->column_view, TRUE);
  gtk_column_view_set_enable_rubberband (self->column_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Commitment Letters"),
                                  -1);
  self->unit_sorter = gtk_custom_sorter_new (unit_order_cb, self, NULL);
  self->signed_sorter = gtk_custom_sorter_new (signed_order_cb, self, NULL);
  column_new (self, _("Name"), G_CALLBACK (label_setup_cb), G_CALLBACK (name_bind_cb), NULL,
              GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (SD_TYPE_PERSON,
                                                                              NULL, "name"))));
  column_new (self, _("Unit"), G_CALLBACK (label_setup_cb), G_CALLBACK (unit_bind_cb),
              G_CALLBACK (unit_unbind_cb), g_object_ref (GTK_SORTER (self->unit_sorter)));
  column_new (self, _("Job Title"), G_CALLBACK (label_setup_cb), G_CALLBACK (job_bind_cb),
              NULL, NULL);
  column_new (self, _("Signed On"), G_CALLBACK (signed_setup_cb), G_CALLBACK (signed_bind_cb),
              G_CALLBACK (signed_unbind_cb), g_object_ref (GTK_SORTER (self->signed_sorter)));

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->column_view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  self->list_stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->list_stack), TRUE);
  gtk_stack_add_named (self->list_stack, scrolled, "list");
  no_people = status_page_new ("system-users-symbolic", _("No Active People"),
                               _("Add the people of the organisation on the Organisation "
                                 "page; each active person’s letter of the year is "
                                 "recorded here."));
  gtk_stack_add_named (self->list_stack, no_people, "no-people");
  no_results = status_page_new ("edit-find-symbolic", _("No Results"), NULL);
  self->no_results = ADW_STATUS_PAGE (no_results);
  gtk_stack_add_named (self->list_stack, no_results, "no-results");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list_stack));

  /* What to do with the selection. */
  self->selected_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->selected_label), "dim-label");
  gtk_label_set_ellipsize (self->selected_label, PANGO_ELLIPSIZE_END);
  g_signal_connect_object (select_all, "clicked", G_CALLBACK (select_all_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  self->date_button = sd_date_button_new (_("Date of Signing"), TRUE, NULL, NULL);
  {
    g_autofree char *today = sd_date_today ();

    sd_date_button_set_date (self->date_button, today);
  }
  gtk_widget_add_css_class (date_label, "dim-label");
  self->unmark_button = gtk_button_new_with_mnemonic (_("_Unmark"));
  gtk_widget_set_tooltip_text (self->unmark_button,
                               _("Remove the letters of the selected people"));
  g_signal_connect_object (self->unmark_button, "clicked", G_CALLBACK (unmark_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  self->mark_button = gtk_button_new_with_mnemonic (_("_Mark Signed"));
  gtk_widget_add_css_class (self->mark_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->mark_button,
                               _("Record the letters of the selected people as signed on the "
                                 "date shown"));
  g_signal_connect_object (self->mark_button, "clicked", G_CALLBACK (mark_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_action_bar_pack_start (GTK_ACTION_BAR (action_bar), select_all);
  gtk_action_bar_pack_start (GTK_ACTION_BAR (action_bar), GTK_WIDGET (self->selected_label));
  gtk_action_bar_pack_end (GTK_ACTION_BAR (action_bar), self->mark_button);
  gtk_action_bar_pack_end (GTK_ACTION_BAR (action_bar), self->date_button);
  gtk_action_bar_pack_end (GTK_ACTION_BAR (action_bar), date_label);
  gtk_action_bar_pack_end (GTK_ACTION_BAR (action_bar), self->unmark_button);
  gtk_box_append (GTK_BOX (box), action_bar);

  gtk_stack_add_named (GTK_STACK (self->main_stack), box, "plan");
  gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack), "no-plan");
}

/* GObject */

static void
sd_commitments_view_constructed (GObject *object)
{
  SdCommitmentsView *self = SD_COMMITMENTS_VIEW (object);
  GListModel *people;
  GtkMultiSorter *sorter;
  GtkSortListModel *sorted;

  G_OBJECT_CLASS (sd_commitments_view_parent_class)->constructed (object);

  g_return_if_fail (SD_IS_STORE (self->store));

  /* The column's order first; else by unit, then as entered. The filter
   * sits above the order, so that a search or a change of the letters
   * filters again without sorting again. */
  people = sd_store_get_items (self->store, SD_TYPE_PERSON);
  sorter = gtk_multi_sorter_new ();
  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  gtk_multi_sorter_append (sorter, g_object_ref (GTK_SORTER (self->unit_sorter)));
  gtk_multi_sorter_append (sorter, GTK_SORTER (gtk_custom_sorter_new (entered_order_cb,
                                                                      NULL, NULL)));
  sorted = gtk_sort_list_model_new (g_object_ref (people), GTK_SORTER (sorter));
  self->filter = gtk_custom_filter_new (person_listed_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (sorted),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (filtered_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (sd_store_get_items (self->store, SD_TYPE_COMMITMENT),
                           "items-changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (people, "items-changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* The plan's year may change. */
  g_signal_connect_object (sd_store_get_items (self->store, SD_TYPE_PLAN), "items-changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sd_store_get_items (self->store, SD_TYPE_UNIT), "items-changed",
                           G_CALLBACK (units_changed_cb), self, G_CONNECT_SWAPPED);
  units_changed_cb (self);
  refresh (self);
}

static void
sd_commitments_view_dispose (GObject *object)
{
  SdCommitmentsView *self = SD_COMMITMENTS_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_pointer (&self->main_stack, gtk_widget_unparent);
  self->column_view = NULL;

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->unit_sorter);
  g_clear_object (&self->signed_sorter);
  g_clear_object (&self->plan);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_commitments_view_parent_class)->dispose (object);
}

static void
sd_commitments_view_finalize (GObject *object)
{
  SdCommitmentsView *self = SD_COMMITMENTS_VIEW (object);

  g_clear_pointer (&self->letters, g_hash_table_unref);
  g_clear_pointer (&self->units, sd_unit_chooser_free);
  g_clear_pointer (&self->bound_signed, g_hash_table_unref);
  g_clear_pointer (&self->bound_units, g_hash_table_unref);
  g_free (self->query);

  G_OBJECT_CLASS (sd_commitments_view_parent_class)->finalize (object);
}

static void
sd_commitments_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SdCommitmentsView *self = SD_COMMITMENTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_commitments_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SdCommitmentsView *self = SD_COMMITMENTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_assert (self->store == NULL);
      self->store = g_value_dup_object (value);
      break;

    case PROP_PLAN:
      sd_commitments_view_set_plan (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_commitments_view_class_init (SdCommitmentsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sd_commitments_view_constructed;
  object_class->dispose = sd_commitments_view_dispose;
  object_class->finalize = sd_commitments_view_finalize;
  object_class->get_property = sd_commitments_view_get_property;
  object_class->set_property = sd_commitments_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         SD_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL,
                         SD_TYPE_PLAN,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sd-commitments-view");
}

static void
sd_commitments_view_init (SdCommitmentsView *self)
{
  self->letters = g_hash_table_new (NULL, NULL);
  self->bound_signed = g_hash_table_new (NULL, NULL);
  self->bound_units = g_hash_table_new (NULL, NULL);
  build (self);
}

GtkWidget *
sd_commitments_view_new (SdStore *store)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  return g_object_new (SD_TYPE_COMMITMENTS_VIEW,
                       "store", store,
                       NULL);
}

void
sd_commitments_view_set_plan (SdCommitmentsView *self,
                              SdPlan            *plan)
{
  g_return_if_fail (SD_IS_COMMITMENTS_VIEW (self));
  g_return_if_fail (plan == NULL || SD_IS_PLAN (plan));

  if (!g_set_object (&self->plan, plan))
    return;

  gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack),
                                    plan != NULL ? "plan" : "no-plan");
  /* Before construction there is nothing to filter yet. */
  if (self->selection != NULL)
    {
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
      refresh (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}
