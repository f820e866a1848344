/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-people-view"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sd-labels.h"
#include "sd-people-view.h"
#include "sd-person.h"
#include "sd-person-editor.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-ui.h"
#include "sd-unit.h"

/*
 * The list is a GtkListView over the store's list of people through a
 * filter: only the rows on screen exist, so 5,000 people scroll and
 * search as fast as 50. What a row says about other items (the unit, the
 * posts held) is looked up when it is bound; the posts of each person come
 * from an index that is rebuilt on the first bind after the holders or
 * posts change, and the rows on screen are bound again then.
 */

struct _SdPeopleView
{
  AdwBin              parent_instance;

  SdStore            *store;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  char               *query;       /* casefolded, or NULL */
  GHashTable         *posts_held;  /* person id → "post, post (deputy)"; NULL: stale */
  GHashTable         *bound;       /* GtkListItem → NULL, the rows on screen */

  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;
  AdwStatusPage      *no_results;
};

G_DEFINE_FINAL_TYPE (SdPeopleView, sd_people_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PERSON_ACTIVATED,
  ADD_PERSON,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define PART_SEPARATOR " · "

/* Search */

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
person_matches_cb (gpointer item,
                   gpointer user_data)
{
  SdPeopleView *self = user_data;
  SdPerson *person = item;

  if (self->query == NULL)
    return TRUE;
  return contains_folded (sd_person_get_name (person), self->query) ||
         contains_folded (sd_person_get_job_title (person), self->query);
}

static void
update_stack (SdPeopleView *self)
{
  GListModel *people = sd_store_get_items (self->store, SD_TYPE_PERSON);

  if (g_list_model_get_n_items (people) == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
apply_search (SdPeopleView *self,
              const char   *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *query = *stripped != '\0' ? g_utf8_casefold (stripped, -1) : NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (g_strcmp0 (query, self->query) == 0)
    return;

  /* Telling the filter how the query changed lets it look only at the rows
   * that can change. */
  if (self->query == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (query == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (query, self->query) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->query, query) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  g_free (self->query);
  self->query = g_steal_pointer (&query);
  gtk_filter_changed (GTK_FILTER (self->filter), change);

  if (self->query != NULL)
    {
      /* Translators: %s is what the user searched for */
      g_autofree char *description =
        g_strdup_printf (_("No one’s name or job title contains “%s”."), stripped);

      adw_status_page_set_description (self->no_results, description);
    }
  update_stack (self);
}

static void
search_changed_cb (SdPeopleView   *self,
                   GtkSearchEntry *entry)
{
  apply_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Rows */

static void
ensure_posts_held (SdPeopleView *self)
{
  GListModel *holders;
  guint n_holders;

  if (self->posts_held != NULL)
    return;

  self->posts_held = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  holders = sd_store_get_items (self->store, SD_TYPE_POST_HOLDER);
  n_holders = g_list_model_get_n_items (holders);

  /* The primary posts first, then the deputies. */
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < n_holders; i++)
        {
          g_autoptr(SdPostHolder) holder = g_list_model_get_item (holders, i);
          gboolean primary = sd_post_holder_get_is_primary (holder);
          gint64 person_id = sd_post_holder_get_person_id (holder);
          SdPost *post;
          char *held;
          g_autofree char *name = NULL;

          if (primary != (pass == 0))
            continue;
          post = sd_store_lookup (self->store, SD_TYPE_POST, sd_post_holder_get_post_id (holder));
          if (post == NULL)
            continue;

          if (primary)
            name = g_strdup (sd_post_get_name (post));
          else
            /* Translators: a post held as deputy, among the posts someone holds */
            name = g_strdup_printf (_("%s (deputy)"), sd_post_get_name (post));

          held = g_hash_table_lookup (self->posts_held, &person_id);
          if (held != NULL)
            held = g_strconcat (held, sd_list_separator (), name, NULL);
          else
            held = g_steal_pointer (&name);
          g_hash_table_insert (self->posts_held, g_memdup2 (&person_id, sizeof person_id), held);
        }
    }
}

typedef struct
{
  GtkLabel *name;
  GtkLabel *detail;
  GtkLabel *posts;
  GtkBox   *tags;
} PersonRow;

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          SdPeopleView             *self)
{
  PersonRow *row = g_new0 (PersonRow, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *tags = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *posts = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (posts), 0);
  gtk_label_set_ellipsize (GTK_LABEL (posts), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (posts, "caption");

  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (tags, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), detail);
  gtk_box_append (GTK_BOX (labels), posts);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), tags);

  row->name = GTK_LABEL (name);
  row->detail = GTK_LABEL (detail);
  row->posts = GTK_LABEL (posts);
  row->tags = GTK_BOX (tags);
  g_object_set_data_full (G_OBJECT (box), "sd-person-row", row, g_free);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row (SdPeopleView *self,
          GtkListItem  *list_item)
{
  SdPerson *person = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  PersonRow *row = g_object_get_data (G_OBJECT (box), "sd-person-row");
  gint64 person_id = sd_item_get_id (SD_ITEM (person));
  SdUnit *unit = sd_store_lookup (self->store, SD_TYPE_UNIT, sd_person_get_unit_id (person));
  const char *job = sd_person_get_job_title (person);
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *holds = NULL;
  const char *held;
  GtkWidget *child;

  ensure_posts_held (self);
  held = g_hash_table_lookup (self->posts_held, &person_id);

  if (unit != NULL)
    g_string_append (detail, sd_unit_get_name (unit));
  if (job != NULL && *job != '\0')
    g_string_append_printf (detail, "%s%s", detail->len > 0 ? PART_SEPARATOR : "", job);
  if (held != NULL)
    /* Translators: %s is a list of posts */
    holds = g_strdup_printf (_("Holds %s"), held);

  gtk_label_set_text (row->name, sd_person_get_name (person));
  gtk_label_set_text (row->detail, detail->str);
  gtk_widget_set_visible (GTK_WIDGET (row->detail), detail->len > 0);
  gtk_label_set_text (row->posts, holds);
  gtk_widget_set_visible (GTK_WIDGET (row->posts), holds != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->posts), holds);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (row->tags))) != NULL)
    gtk_box_remove (row->tags, child);
  if (!sd_person_get_full_time (person))
    sd_ui_tags_add (row->tags, _("Part-time"), NULL);
  if (!sd_person_get_active (person))
    sd_ui_tags_add (row->tags, _("Inactive"), "dim");

  /* A screen reader hears the whole row, tags included. */
  g_string_append (description, detail->str);
  for (child = gtk_widget_get_first_child (GTK_WIDGET (row->tags));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_string_append_printf (description, "%s%s", description->len > 0 ? "\n" : "",
                            gtk_label_get_text (GTK_LABEL (child)));
  if (holds != NULL)
    g_string_append_printf (description, "%s%s", description->len > 0 ? "\n" : "", holds);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sd_person_get_name (person),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         SdPeopleView             *self)
{
  g_hash_table_add (self->bound, list_item);
  bind_row (self, list_item);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           SdPeopleView             *self)
{
  g_hash_table_remove (self->bound, list_item);
}

/* The holders, posts or units changed: the rows on screen say something
 * else now. A change of a person replaces its row by itself. */
static void
related_changed_cb (SdPeopleView *self)
{
  GHashTableIter iter;
  gpointer list_item;

  g_clear_pointer (&self->posts_held, g_hash_table_unref);
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    bind_row (self, list_item);
}

static void
activate_cb (SdPeopleView *self,
             guint         position,
             GtkListView  *list_view)
{
  g_autoptr(SdPerson) person = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (person != NULL)
    g_signal_emit (self, signals[PERSON_ACTIVATED], 0, person);
}

static void
add_clicked_cb (SdPeopleView *self)
{
  g_signal_emit (self, signals[ADD_PERSON], 0);
}

static GtkWindow *
parent_window (SdPeopleView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
sd_people_view_real_person_activated (SdPeopleView *self,
                                      SdPerson     *person)
{
  gtk_window_present (sd_person_editor_new (parent_window (self), self->store, person, 0));
}

static void
sd_people_view_real_add_person (SdPeopleView *self)
{
  gtk_window_present (sd_person_editor_new (parent_window (self), self->store, NULL, 0));
}

/* Building */

static GtkWidget *
add_button_new (SdPeopleView *self)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Add Person"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  g_signal_connect_object (button, "clicked", G_CALLBACK (add_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  return button;
}

static void
build (SdPeopleView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *empty_button = add_button_new (self);
  GtkWidget *no_results = adw_status_page_new ();
  GtkListItemFactory *factory;

  gtk_widget_set_margin_top (bar, 6);
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
  /* Typing anywhere in the view searches. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->search_entry));
  gtk_box_append (GTK_BOX (bar), add_button_new (self));
  gtk_box_append (GTK_BOX (box), bar);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cb), self, 0);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (NULL, factory));
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);
  gtk_list_view_set_show_separators (self->list_view, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("People"),
                                  -1);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (activate_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_stack_add_named (self->stack, scrolled, "list");

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "system-users-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No People"));
  adw_status_page_set_description (
    ADW_STATUS_PAGE (empty),
    _("Add the people of the organisation to give them posts and seats."));
  gtk_widget_set_halign (empty_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (empty_button, "pill");
  gtk_widget_add_css_class (empty_button, "suggested-action");
  adw_status_page_set_child (ADW_STATUS_PAGE (empty), empty_button);
  gtk_stack_add_named (self->stack, empty, "empty");

  self->no_results = ADW_STATUS_PAGE (no_results);
  adw_status_page_set_icon_name (self->no_results, "edit-find-symbolic");
  adw_status_page_set_title (self->no_results, _("No Results"));
  gtk_stack_add_named (self->stack, no_results, "no-results");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), box);
}

/* GObject */

static void
sd_people_view_constructed (GObject *object)
{
  SdPeopleView *self = SD_PEOPLE_VIEW (object);
  GListModel *people;
  const GType related[] = { SD_TYPE_POST_HOLDER, SD_TYPE_POST, SD_TYPE_UNIT };
  GtkNoSelection *selection;

  G_OBJECT_CLASS (sd_people_view_parent_class)->constructed (object);

  g_return_if_fail (SD_IS_STORE (self->store));

  people = sd_store_get_items (self->store, SD_TYPE_PERSON);
  self->filter = gtk_custom_filter_new (person_matches_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (people),
                                              g_object_ref (GTK_FILTER (self->filter)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  for (guint i = 0; i < G_N_ELEMENTS (related); i++)
    g_signal_connect_object (sd_store_get_items (self->store, related[i]), "items-changed",
                             G_CALLBACK (related_changed_cb), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  update_stack (self);
}

static void
sd_people_view_dispose (GObject *object)
{
  SdPeopleView *self = SD_PEOPLE_VIEW (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->list_view = NULL;

  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->posts_held, g_hash_table_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_people_view_parent_class)->dispose (object);
}

static void
sd_people_view_finalize (GObject *object)
{
  SdPeopleView *self = SD_PEOPLE_VIEW (object);

  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_free (self->query);

  G_OBJECT_CLASS (sd_people_view_parent_class)->finalize (object);
}

static void
sd_people_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SdPeopleView *self = SD_PEOPLE_VIEW (object);

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
sd_people_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SdPeopleView *self = SD_PEOPLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_assert (self->store == NULL);
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_people_view_class_init (SdPeopleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sd_people_view_constructed;
  object_class->dispose = sd_people_view_dispose;
  object_class->finalize = sd_people_view_finalize;
  object_class->get_property = sd_people_view_get_property;
  object_class->set_property = sd_people_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         SD_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SdPeopleView::person-activated:
   * @person: the person of the activated row
   *
   * The default handler opens the person editor.
   */
  signals[PERSON_ACTIVATED] =
    g_signal_new_class_handler ("person-activated",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (sd_people_view_real_person_activated),
                                NULL, NULL, NULL,
                                G_TYPE_NONE, 1, SD_TYPE_PERSON);

  /**
   * SdPeopleView::add-person:
   *
   * The default handler opens an editor for a new person.
   */
  signals[ADD_PERSON] =
    g_signal_new_class_handler ("add-person",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (sd_people_view_real_add_person),
                                NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
}

static void
sd_people_view_init (SdPeopleView *self)
{
  self->bound = g_hash_table_new (NULL, NULL);
  build (self);
}

GtkWidget *
sd_people_view_new (SdStore *store)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  return g_object_new (SD_TYPE_PEOPLE_VIEW,
                       "store", store,
                       NULL);
}

SdStore *
sd_people_view_get_store (SdPeopleView *self)
{
  g_return_val_if_fail (SD_IS_PEOPLE_VIEW (self), NULL);

  return self->store;
}

void
sd_people_view_set_search_text (SdPeopleView *self,
                                const char   *text)
{
  g_return_if_fail (SD_IS_PEOPLE_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  apply_search (self, text);
}

GListModel *
sd_people_view_get_model (SdPeopleView *self)
{
  g_return_val_if_fail (SD_IS_PEOPLE_VIEW (self), NULL);

  return G_LIST_MODEL (self->filtered);
}
