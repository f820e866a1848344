/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-org-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-body-member.h"
#include "sd-body.h"
#include "sd-labels.h"
#include "sd-mapped-model.h"
#include "sd-org-chart-view.h"
#include "sd-org-page-private.h"
#include "sd-org-page.h"
#include "sd-people-view.h"
#include "sd-person.h"
#include "sd-post-holder.h"
#include "sd-post.h"
#include "sd-rules-view.h"
#include "sd-ui.h"
#include "sd-unit.h"
#include "sd-violations-view.h"

/*
 * Everything on this page is a view of the store's list models: sorted,
 * filtered by a reference column (parent-id, unit-id, body-id, ...) and
 * bound to a GtkListView or GtkListBox. Nothing is copied, so an edit made
 * anywhere shows up here when the store emits items-changed.
 *
 * The details remember the selected unit or body by type and id rather
 * than by object, because a reload after a rolled-back transaction
 * replaces every item object.
 */

G_DEFINE_FINAL_TYPE (SdOrgPage, sd_org_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Separates the parts of a subtitle: "Department · Head: 赵敏". */
#define PART_SEPARATOR " · "

/* Filtering and sorting by column */

static int
find_column (GType       type,
             const char *property)
{
  SdItemClass *klass = g_type_class_ref (type);
  int column = sd_table_find_column (sd_item_class_get_table (klass), property);

  g_type_class_unref (klass);
  g_assert (column >= 0);
  return column;
}

/* Keeps the items whose reference column equals an id. */
typedef struct
{
  int    column;
  gint64 id;
} RefMatch;

static gboolean
ref_match_func (gpointer item,
                gpointer user_data)
{
  RefMatch *match = user_data;

  return sd_item_get_ref (SD_ITEM (item), match->column) == match->id;
}

/* The items of @model (of @type) whose @property is @id (transfer full). */
static GListModel *
ref_filter_model_new (GListModel *model,
                      GType       type,
                      const char *property,
                      gint64      id)
{
  RefMatch *match = g_new0 (RefMatch, 1);
  GtkCustomFilter *filter;

  match->column = find_column (type, property);
  match->id = id;
  filter = gtk_custom_filter_new (ref_match_func, match, g_free);
  g_object_set_data (G_OBJECT (filter), "sd-ref-match", match);

  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (model), GTK_FILTER (filter)));
}

static void
ref_filter_model_set_id (GListModel *model,
                         gint64      id)
{
  GtkFilter *filter = gtk_filter_list_model_get_filter (GTK_FILTER_LIST_MODEL (model));
  RefMatch *match = g_object_get_data (G_OBJECT (filter), "sd-ref-match");

  if (match->id == id)
    return;
  match->id = id;
  gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 id_a = sd_item_get_id (SD_ITEM ((gpointer) a));
  gint64 id_b = sd_item_get_id (SD_ITEM ((gpointer) b));

  return (id_a > id_b) - (id_a < id_b);
}

static int
compare_position_cb (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  int column = GPOINTER_TO_INT (user_data);
  int pos_a = sd_item_get_int (SD_ITEM ((gpointer) a), column);
  int pos_b = sd_item_get_int (SD_ITEM ((gpointer) b), column);

  if (pos_a != pos_b)
    return pos_a < pos_b ? -1 : 1;
  return compare_ids (a, b);
}

/* @model (of @type) by its "position" column, then by id (transfer full). */
static GListModel *
position_sort_model_new (GListModel *model,
                         GType       type)
{
  int column = find_column (type, "position");
  GtkCustomSorter *sorter = gtk_custom_sorter_new (compare_position_cb,
                                                   GINT_TO_POINTER (column), NULL);

  return G_LIST_MODEL (gtk_sort_list_model_new (g_object_ref (model), GTK_SORTER (sorter)));
}

static int
role_rank (const char *role)
{
  if (g_strcmp0 (role, "leader") == 0)
    return 0;
  if (g_strcmp0 (role, "deputy") == 0)
    return 1;
  if (g_strcmp0 (role, "member") == 0)
    return 2;
  return 3;
}

static int
compare_members_cb (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  int rank_a = role_rank (sd_body_member_get_role (SD_BODY_MEMBER ((gpointer) a)));
  int rank_b = role_rank (sd_body_member_get_role (SD_BODY_MEMBER ((gpointer) b)));

  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;
  return compare_ids (a, b);
}

/* Names */

static const char *
person_name (SdStore *store,
             gint64   person_id)
{
  SdPerson *person = sd_store_lookup (store, SD_TYPE_PERSON, person_id);

  return person != NULL ? sd_person_get_name (person) : _("Unknown person");
}

static const char *
unit_name (SdStore *store,
           gint64   unit_id)
{
  SdUnit *unit = sd_store_lookup (store, SD_TYPE_UNIT, unit_id);

  return unit != NULL ? sd_unit_get_name (unit) : NULL;
}

static void
append_part (GString    *string,
             const char *separator,
             const char *part)
{
  if (part == NULL || *part == '\0')
    return;
  if (string->len > 0)
    g_string_append (string, separator);
  g_string_append (string, part);
}

/* Detail rows
 *
 * A row shows one item; what it says about other items (the holders of a
 * post, the unit of a member) is recomputed whenever the store's lists of
 * those items change, so that a renamed person is renamed here too. A
 * change of the item itself replaces the row (the store re-emits it).
 */

typedef void (*RowUpdateFunc) (AdwActionRow *row,
                               SdStore      *store,
                               gpointer      item,
                               GtkBox       *tags);

typedef struct
{
  SdStore       *store;
  SdItem        *item;
  RowUpdateFunc  update;
  GtkBox        *tags;
} RowData;

static void
row_data_free (gpointer data)
{
  RowData *row_data = data;

  g_clear_object (&row_data->store);
  g_clear_object (&row_data->item);
  g_free (row_data);
}

static void
tags_clear (GtkBox *tags)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (tags))) != NULL)
    gtk_box_remove (tags, child);
}

/* The tags are drawn as badges; a screen reader hears them with the
 * subtitle as the row's description. */
static void
row_describe (AdwActionRow *row,
              GtkBox       *tags)
{
  g_autoptr(GString) description = g_string_new (adw_action_row_get_subtitle (row));
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (tags));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        append_part (description, "\n", gtk_label_get_text (GTK_LABEL (child)));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

static void
row_refresh (AdwActionRow *row)
{
  RowData *data = g_object_get_data (G_OBJECT (row), "sd-row-data");

  data->update (row, data->store, data->item, data->tags);
  row_describe (row, data->tags);
}

static void
row_source_changed_cb (GListModel   *model,
                       guint         position,
                       guint         removed,
                       guint         added,
                       AdwActionRow *row)
{
  row_refresh (row);
}

/* A row for @item, updated by @update now and whenever one of the store's
 * lists of the given types (a G_TYPE_INVALID-terminated list) changes. */
static GtkWidget *
detail_row_new (SdOrgPage     *self,
                gpointer       item,
                RowUpdateFunc  update,
                ...)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  RowData *data = g_new0 (RowData, 1);
  GtkWidget *tags = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  va_list args;
  GType type;

  /* Names come from the user; they are text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle_lines (row, 0);

  gtk_widget_set_valign (tags, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (row, tags);

  data->store = g_object_ref (self->store);
  data->item = g_object_ref (item);
  data->update = update;
  data->tags = GTK_BOX (tags);
  g_object_set_data_full (G_OBJECT (row), "sd-row-data", data, row_data_free);

  va_start (args, update);
  while ((type = va_arg (args, GType)) != G_TYPE_INVALID)
    g_signal_connect_object (sd_store_get_items (self->store, type), "items-changed",
                             G_CALLBACK (row_source_changed_cb), row, G_CONNECT_AFTER);
  va_end (args);

  row_refresh (row);
  return GTK_WIDGET (row);
}

static void
update_post_row (AdwActionRow *row,
                 SdStore      *store,
                 gpointer      item,
                 GtkBox       *tags)
{
  SdPost *post = item;
  GListModel *holders = sd_store_get_items (store, SD_TYPE_POST_HOLDER);
  guint n_holders = g_list_model_get_n_items (holders);
  gint64 post_id = sd_item_get_id (SD_ITEM (post));
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) subtitle = g_string_new (sd_post_type_label (sd_post_get_post_type (post)));

  /* The primary holders first, then the deputies. */
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < n_holders; i++)
        {
          g_autoptr(SdPostHolder) holder = g_list_model_get_item (holders, i);
          gboolean primary = sd_post_holder_get_is_primary (holder);
          const char *name;

          if (sd_post_holder_get_post_id (holder) != post_id || primary != (pass == 0))
            continue;

          name = person_name (store, sd_post_holder_get_person_id (holder));
          if (primary)
            {
              append_part (names, sd_list_separator (), name);
            }
          else
            {
              /* Translators: a deputy holder of a post, among its holders */
              g_autofree char *deputy = g_strdup_printf (_("%s (deputy)"), name);

              append_part (names, sd_list_separator (), deputy);
            }
        }
    }

  if (names->len > 0)
    {
      /* Translators: %s is a list of people */
      g_autofree char *held_by = g_strdup_printf (_("Held by %s"), names->str);

      append_part (subtitle, "\n", held_by);
    }
  else
    {
      append_part (subtitle, "\n", _("No one holds this post"));
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sd_post_get_name (post));
  adw_action_row_set_subtitle (row, subtitle->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), sd_post_get_description (post));

  tags_clear (tags);
  if (sd_post_get_key_post (post))
    sd_ui_tags_add (tags, _("Key post"), "highlight");
  if (sd_post_get_full_time_required (post))
    sd_ui_tags_add (tags, _("Full-time required"), NULL);
}

static void
update_person_row (AdwActionRow *row,
                   SdStore      *store,
                   gpointer      item,
                   GtkBox       *tags)
{
  SdPerson *person = item;
  GListModel *holders = sd_store_get_items (store, SD_TYPE_POST_HOLDER);
  guint n_holders = g_list_model_get_n_items (holders);
  gint64 person_id = sd_item_get_id (SD_ITEM (person));
  SdUnit *unit = sd_store_lookup (store, SD_TYPE_UNIT, sd_person_get_unit_id (person));
  g_autoptr(GString) posts = g_string_new (NULL);
  g_autoptr(GString) subtitle = g_string_new (sd_person_get_job_title (person));

  for (guint i = 0; i < n_holders; i++)
    {
      g_autoptr(SdPostHolder) holder = g_list_model_get_item (holders, i);
      g_autofree char *name = NULL;
      const char *post_unit;
      SdPost *post;

      if (sd_post_holder_get_person_id (holder) != person_id)
        continue;
      post = sd_store_lookup (store, SD_TYPE_POST, sd_post_holder_get_post_id (holder));
      if (post == NULL)
        continue;

      /* Posts of the same name exist in several units (系统管理员): name
       * the unit of a post held outside one's own. */
      post_unit = unit_name (store, sd_post_get_unit_id (post));
      if (post_unit != NULL && sd_post_get_unit_id (post) != sd_person_get_unit_id (person))
        /* Translators: a post and the unit it belongs to, e.g.
         * "System administrator of Security Operations"; reorder with
         * %2$s and %1$s */
        name = g_strdup_printf (C_("post of unit", "%s of %s"), sd_post_get_name (post), post_unit);
      else
        name = g_strdup (sd_post_get_name (post));

      if (sd_post_holder_get_is_primary (holder))
        {
          append_part (posts, sd_list_separator (), name);
        }
      else
        {
          g_autofree char *deputy = g_strdup_printf (_("%s (deputy)"), name);

          append_part (posts, sd_list_separator (), deputy);
        }
    }

  if (posts->len > 0)
    {
      /* Translators: %s is a list of posts */
      g_autofree char *holds = g_strdup_printf (_("Holds %s"), posts->str);

      append_part (subtitle, "\n", holds);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sd_person_get_name (person));
  adw_action_row_set_subtitle (row, subtitle->str);

  tags_clear (tags);
  if (unit != NULL && sd_unit_get_head_id (unit) == person_id)
    /* Translators: a tag on the person who heads the unit */
    sd_ui_tags_add (tags, _("Head"), "highlight");
  if (!sd_person_get_full_time (person))
    sd_ui_tags_add (tags, _("Part-time"), NULL);
  if (!sd_person_get_active (person))
    sd_ui_tags_add (tags, _("Inactive"), "dim");
}

static void
update_member_row (AdwActionRow *row,
                   SdStore      *store,
                   gpointer      item,
                   GtkBox       *tags)
{
  SdBodyMember *member = item;
  SdPerson *person = sd_store_lookup (store, SD_TYPE_PERSON,
                                      sd_body_member_get_person_id (member));
  const char *role = sd_body_member_get_role (member);
  g_autoptr(GString) subtitle = g_string_new (NULL);

  if (person != NULL)
    {
      append_part (subtitle, PART_SEPARATOR, unit_name (store, sd_person_get_unit_id (person)));
      append_part (subtitle, PART_SEPARATOR, sd_person_get_job_title (person));
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 person_name (store, sd_body_member_get_person_id (member)));
  adw_action_row_set_subtitle (row, subtitle->str);

  tags_clear (tags);
  sd_ui_tags_add (tags, sd_member_role_label (role),
            g_strcmp0 (role, "member") == 0 ? NULL : "highlight");
}

static void
update_led_body_row (AdwActionRow *row,
                     SdStore      *store,
                     gpointer      item,
                     GtkBox       *tags)
{
  SdBody *body = item;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sd_body_get_name (body));
  adw_action_row_set_subtitle (row, sd_body_kind_label (sd_body_get_kind (body)));
}

static void
edit_clicked_cb (GtkButton *button,
                 SdOrgPage *self)
{
  SdItem *item = g_object_get_data (G_OBJECT (button), "sd-item");

  sd_org_page_edit_item (self, G_OBJECT_TYPE (item), sd_item_get_id (item));
}

/* Activating the row opens the editor too; the button is there for those
 * who cannot activate a row (screen readers see no action on it). */
static GtkWidget *
with_edit_button (SdOrgPage  *self,
                  GtkWidget  *row,
                  gpointer    item,
                  const char *name)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("document-edit-symbolic");
  /* Translators: the accessible name of a button, %s is a post or a person */
  g_autofree char *label = g_strdup_printf (_("Edit %s"), name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Edit"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "sd-item", g_object_ref (item), g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (edit_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static GtkWidget *
create_post_row_cb (gpointer item,
                    gpointer user_data)
{
  GtkWidget *row = detail_row_new (user_data, item, update_post_row,
                                   SD_TYPE_POST_HOLDER, SD_TYPE_PERSON, G_TYPE_INVALID);

  return with_edit_button (user_data, row, item, sd_post_get_name (item));
}

static GtkWidget *
create_person_row_cb (gpointer item,
                      gpointer user_data)
{
  GtkWidget *row = detail_row_new (user_data, item, update_person_row,
                                   SD_TYPE_POST_HOLDER, SD_TYPE_POST, SD_TYPE_UNIT,
                                   G_TYPE_INVALID);

  return with_edit_button (user_data, row, item, sd_person_get_name (item));
}

static GtkWidget *
create_member_row_cb (gpointer item,
                      gpointer user_data)
{
  return detail_row_new (user_data, item, update_member_row,
                         SD_TYPE_PERSON, SD_TYPE_UNIT, G_TYPE_INVALID);
}

static GtkWidget *
create_led_body_row_cb (gpointer item,
                        gpointer user_data)
{
  GtkWidget *row = detail_row_new (user_data, item, update_led_body_row, G_TYPE_INVALID);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
bind_list (GtkListBox                 *list,
           GListModel                 *model,
           GtkListBoxCreateWidgetFunc  create_row,
           SdOrgPage                  *self,
           const char                 *placeholder)
{
  if (placeholder != NULL)
    {
      GtkWidget *label = gtk_label_new (placeholder);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "placeholder");
      gtk_list_box_set_placeholder (list, label);
    }
  gtk_list_box_bind_model (list, model, create_row, self, NULL);
}

/* The headers of the details */

static void
update_unit_header (SdOrgPage *self)
{
  SdUnit *unit = sd_store_lookup (self->store, SD_TYPE_UNIT, self->shown_id);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *staff = NULL;
  const char *parent;
  gint64 head_id;

  if (unit == NULL)
    return;

  append_part (subtitle, PART_SEPARATOR, sd_unit_kind_label (sd_unit_get_kind (unit)));

  parent = unit_name (self->store, sd_unit_get_parent_id (unit));
  if (parent != NULL)
    {
      /* Translators: %s is the unit above this one */
      g_autofree char *part_of = g_strdup_printf (_("Part of %s"), parent);

      append_part (subtitle, PART_SEPARATOR, part_of);
    }

  head_id = sd_unit_get_head_id (unit);
  if (head_id != 0)
    {
      /* Translators: %s is the person who heads the unit */
      g_autofree char *head = g_strdup_printf (_("Head: %s"), person_name (self->store, head_id));

      append_part (subtitle, PART_SEPARATOR, head);
    }
  else
    {
      append_part (subtitle, PART_SEPARATOR, _("No head named"));
    }

  /* Translators: the number of staff of a unit */
  staff = g_strdup_printf (_("Staff: %d"), sd_unit_get_staff_count (unit));
  append_part (subtitle, PART_SEPARATOR, staff);

  gtk_label_set_text (self->unit_title, sd_unit_get_name (unit));
  gtk_label_set_text (self->unit_subtitle, subtitle->str);

  /* The posts of no unit belong with the company, the root of the tree. */
  gtk_widget_set_visible (GTK_WIDGET (self->org_posts_group),
                          sd_unit_get_parent_id (unit) == 0 &&
                          g_list_model_get_n_items (self->org_posts) > 0);
}

static void
update_body_header (SdOrgPage *self)
{
  SdBody *body = sd_store_lookup (self->store, SD_TYPE_BODY, self->shown_id);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  SdBody *leader;
  const char *description;

  if (body == NULL)
    return;

  append_part (subtitle, PART_SEPARATOR, sd_body_kind_label (sd_body_get_kind (body)));
  leader = sd_store_lookup (self->store, SD_TYPE_BODY, sd_body_get_led_by_id (body));
  if (leader != NULL)
    {
      /* Translators: %s is the security body that leads this one */
      g_autofree char *led_by = g_strdup_printf (_("Led by %s"), sd_body_get_name (leader));

      append_part (subtitle, PART_SEPARATOR, led_by);
    }

  description = sd_body_get_description (body);

  gtk_label_set_text (self->body_title, sd_body_get_name (body));
  gtk_label_set_text (self->body_subtitle, subtitle->str);
  gtk_label_set_text (self->body_description, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->body_description),
                          description != NULL && *description != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->body_led_group),
                          g_list_model_get_n_items (self->body_led) > 0);
}

static void
update_header (SdOrgPage *self)
{
  if (self->shown_type == SD_TYPE_UNIT)
    update_unit_header (self);
  else if (self->shown_type == SD_TYPE_BODY)
    update_body_header (self);
}

static void
header_source_changed_cb (SdOrgPage *self)
{
  update_header (self);
}

/* Selection */

static void
show_item (SdOrgPage *self,
           SdItem    *item)
{
  GType type = G_OBJECT_TYPE (item);
  gint64 id = sd_item_get_id (item);
  gboolean same = type == self->shown_type && id == self->shown_id;
  GtkScrolledWindow *scroll;

  self->shown_type = type;
  self->shown_id = id;
  if (self->nav != NULL)
    {
      self->nav = NULL;
      gtk_list_box_unselect_all (self->nav_list);
    }

  if (type == SD_TYPE_UNIT)
    {
      ref_filter_model_set_id (self->unit_posts, id);
      ref_filter_model_set_id (self->unit_people, id);
      update_unit_header (self);
      gtk_stack_set_visible_child_name (self->details_stack, "unit");
      scroll = self->unit_scroll;
    }
  else
    {
      g_assert (type == SD_TYPE_BODY);
      ref_filter_model_set_id (self->body_members, id);
      ref_filter_model_set_id (self->body_led, id);
      update_body_header (self);
      gtk_stack_set_visible_child_name (self->details_stack, "body");
      scroll = self->body_scroll;
    }

  if (!same)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroll), 0);
  sd_org_page_update_actions (self);
}

static void
show_nothing (SdOrgPage *self)
{
  self->shown_type = G_TYPE_INVALID;
  self->shown_id = 0;
  if (self->nav == NULL)
    gtk_stack_set_visible_child_name (self->details_stack, "none");
  sd_org_page_update_actions (self);
}

/* The unit or body at @position of the sidebar, or NULL for a heading
 * (transfer full). */
static SdItem *
item_at (SdOrgPage *self,
         guint      position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
  g_autoptr(GObject) item = NULL;

  if (row == NULL)
    return NULL;
  item = gtk_tree_list_row_get_item (row);
  return SD_IS_ITEM (item) ? SD_ITEM (g_steal_pointer (&item)) : NULL;
}

static gboolean
select_item (SdOrgPage *self,
             GType      type,
             gint64     id)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(SdItem) item = item_at (self, i);

      if (item != NULL && G_OBJECT_TYPE (item) == type && sd_item_get_id (item) == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
select_first_item (SdOrgPage *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(SdItem) item = item_at (self, i);

      if (item != NULL)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* Brings the selection and the details together. After a change of the
 * tree (@follow_selection FALSE) the details keep showing what they showed
 * if it is still there: the selection model only knows positions, and
 * re-sorting or replacing rows can move what it selects. */
static void
sync_selection (SdOrgPage *self,
                gboolean   follow_selection)
{
  guint selected = gtk_single_selection_get_selected (self->selection);
  g_autoptr(SdItem) item = NULL;

  if (selected != GTK_INVALID_LIST_POSITION)
    item = item_at (self, selected);

  if (item != NULL && follow_selection)
    {
      show_item (self, item);
      return;
    }

  /* An overview view is shown: the tree has nothing selected, on purpose. */
  if (self->nav != NULL && item == NULL)
    {
      if (self->shown_type != G_TYPE_INVALID)
        show_nothing (self);
      return;
    }

  if (self->shown_type != G_TYPE_INVALID &&
      (item == NULL ||
       G_OBJECT_TYPE (item) != self->shown_type ||
       sd_item_get_id (item) != self->shown_id) &&
      select_item (self, self->shown_type, self->shown_id))
    return;

  if (item != NULL)
    show_item (self, item);
  else if (!select_first_item (self))
    show_nothing (self);
}

static void
selection_changed_cb (SdOrgPage *self)
{
  /* A change of the tree is handled once it is complete. */
  if (self->tree_changing > 0)
    return;
  sync_selection (self, TRUE);
}

static void
tree_changing_cb (SdOrgPage *self)
{
  self->tree_changing++;
}

static void
tree_changed_cb (SdOrgPage *self)
{
  g_assert (self->tree_changing > 0);
  self->tree_changing--;
  if (self->tree_changing == 0)
    sync_selection (self, FALSE);
}

static void
sidebar_activate_cb (SdOrgPage   *self,
                     guint        position,
                     GtkListView *list_view)
{
  /* When folded, the list and the details are pages of the leaflet. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (SdOrgPage *self,
                 GtkButton *button)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
led_row_activated_cb (SdOrgPage     *self,
                      GtkListBoxRow *row,
                      GtkListBox    *list)
{
  RowData *data = g_object_get_data (G_OBJECT (row), "sd-row-data");

  if (data != NULL && select_item (self, SD_TYPE_BODY, sd_item_get_id (data->item)))
    gtk_widget_activate_action (GTK_WIDGET (self->sidebar_list), "list.scroll-to-item", "u",
                                gtk_single_selection_get_selected (self->selection));
}

void
sd_org_page_select (SdOrgPage *self,
                    GType      type,
                    gint64     id)
{
  g_return_if_fail (SD_IS_ORG_PAGE (self));

  if (type == SD_TYPE_UNIT || type == SD_TYPE_BODY)
    {
      if (select_item (self, type, id))
        {
          gtk_widget_activate_action (GTK_WIDGET (self->sidebar_list), "list.scroll-to-item", "u",
                                      gtk_single_selection_get_selected (self->selection));
          if (adw_leaflet_get_folded (self->leaflet))
            adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
        }
      return;
    }
  /* Posts, people and rules have no place in the tree: their editor is
   * where they are fixed. */
  sd_org_page_edit_item (self, type, id);
}

static void
detail_row_activated_cb (SdOrgPage     *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list)
{
  RowData *data = g_object_get_data (G_OBJECT (row), "sd-row-data");

  if (data == NULL)
    return;
  if (SD_IS_BODY_MEMBER (data->item))
    sd_org_page_edit_item (self, SD_TYPE_BODY,
                           sd_body_member_get_body_id (SD_BODY_MEMBER (data->item)));
  else
    sd_org_page_edit_item (self, G_OBJECT_TYPE (data->item), sd_item_get_id (data->item));
}

/* The overview: problems, people, rules and the chart */

static const struct
{
  const char *name;
  const char *title;
  const char *icon_name;
} nav_entries[] = {
  { "problems", N_("Problems"), "dialog-warning-symbolic" },
  { "people", N_("People"), "system-users-symbolic" },
  { "rules", N_("Incompatible Posts"), "action-unavailable-symbolic" },
  { "chart", N_("Chart"), "view-grid-symbolic" },
};

static void
show_violation_cb (SdOrgPage *self,
                   GType      type,
                   gint64     id)
{
  sd_org_page_select (self, type, id);
}

static void
person_activated_cb (SdOrgPage *self,
                     SdPerson  *person)
{
  sd_org_page_edit_item (self, SD_TYPE_PERSON, sd_item_get_id (SD_ITEM (person)));
}

static GtkWidget *
create_nav_view (SdOrgPage  *self,
                 const char *name)
{
  GtkWidget *view;

  if (g_str_equal (name, "problems"))
    {
      view = sd_violations_view_new (self->violations);
      g_signal_connect_object (view, "show-item", G_CALLBACK (show_violation_cb), self,
                               G_CONNECT_SWAPPED);
    }
  else if (g_str_equal (name, "people"))
    {
      view = sd_people_view_new (self->store);
      g_signal_connect_object (view, "person-activated", G_CALLBACK (person_activated_cb), self,
                               G_CONNECT_SWAPPED);
    }
  else if (g_str_equal (name, "rules"))
    {
      view = sd_rules_view_new (self->store);
      g_signal_connect_object (view, "delete-rule", G_CALLBACK (sd_org_page_delete_item), self,
                               G_CONNECT_SWAPPED);
    }
  else
    {
      GtkWidget *scroll = gtk_scrolled_window_new ();

      g_assert (g_str_equal (name, "chart"));
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll),
                                     sd_org_page_get_chart_view (self));
      view = scroll;
    }
  return view;
}

static AdwBin *
nav_bin (SdOrgPage  *self,
         const char *name)
{
  if (g_str_equal (name, "problems"))
    return self->problems_bin;
  if (g_str_equal (name, "people"))
    return self->people_bin;
  if (g_str_equal (name, "rules"))
    return self->rules_bin;
  return self->chart_bin;
}

static void
chart_error_cb (SdOrgPage  *self,
                const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  sd_org_page_toast (self, adw_toast_new (escaped));
}

GtkWidget *
sd_org_page_get_chart_view (SdOrgPage *self)
{
  if (self->chart_view == NULL)
    {
      self->chart_view = g_object_ref_sink (sd_org_chart_view_new (self->store));
      g_signal_connect_object (self->chart_view, "error", G_CALLBACK (chart_error_cb), self,
                               G_CONNECT_SWAPPED);
    }
  return self->chart_view;
}

void
sd_org_page_show_nav (SdOrgPage  *self,
                      const char *name)
{
  AdwBin *bin = nav_bin (self, name);

  for (guint i = 0; i < G_N_ELEMENTS (nav_entries); i++)
    {
      if (g_str_equal (nav_entries[i].name, name))
        self->nav = nav_entries[i].name;
    }
  g_return_if_fail (self->nav != NULL);

  if (adw_bin_get_child (bin) == NULL)
    adw_bin_set_child (bin, create_nav_view (self, self->nav));

  /* The tree lets go of its selection: what it selected is not shown. */
  self->shown_type = G_TYPE_INVALID;
  self->shown_id = 0;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_stack_set_visible_child_name (self->details_stack, self->nav);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->nav_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (GTK_IS_LIST_BOX_ROW (row) &&
          g_strcmp0 (gtk_widget_get_name (row), self->nav) == 0 &&
          gtk_list_box_get_selected_row (self->nav_list) != GTK_LIST_BOX_ROW (row))
        gtk_list_box_select_row (self->nav_list, GTK_LIST_BOX_ROW (row));
    }
  sd_org_page_update_actions (self);
}

static void
nav_row_selected_cb (SdOrgPage     *self,
                     GtkListBoxRow *row,
                     GtkListBox    *list)
{
  if (row != NULL)
    sd_org_page_show_nav (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
nav_row_activated_cb (SdOrgPage     *self,
                      GtkListBoxRow *row,
                      GtkListBox    *list)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
update_problems_count (SdOrgPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->violations));
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *label = g_strdup_printf (ngettext ("%u problem", "%u problems", n), n);

  gtk_label_set_text (self->problems_count, count);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_count), n > 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->problems_count), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->problems_count),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
build_nav (SdOrgPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (nav_entries); i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *icon = gtk_image_new_from_icon_name (nav_entries[i].icon_name);
      GtkWidget *label = gtk_label_new (_(nav_entries[i].title));

      gtk_widget_set_name (row, nav_entries[i].name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(nav_entries[i].title),
                                      -1);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      if (g_str_equal (nav_entries[i].name, "problems"))
        {
          GtkWidget *count = gtk_label_new (NULL);

          gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (count, "count");
          gtk_widget_add_css_class (count, "numeric");
          gtk_widget_add_css_class (count, "problems");
          gtk_box_append (GTK_BOX (box), count);
          self->problems_count = GTK_LABEL (count);
        }
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (self->nav_list, row);
    }
}

/* The sidebar */

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  SdOrgPage *self = user_data;

  /* Every unit and body gets a (possibly empty) list of children, so that
   * a child added later shows up; empty ones hide their expander. */
  if (SD_IS_UNIT (item))
    return ref_filter_model_new (self->units, SD_TYPE_UNIT, "parent-id",
                                 sd_item_get_id (item));
  if (SD_IS_BODY (item))
    return ref_filter_model_new (self->bodies, SD_TYPE_BODY, "led-by-id",
                                 sd_item_get_id (item));
  return NULL;
}

static void
update_heading (GListStore *heading,
                GListModel *section,
                const char *title)
{
  gboolean wanted = g_list_model_get_n_items (section) > 0;
  gboolean shown = g_list_model_get_n_items (G_LIST_MODEL (heading)) > 0;

  if (wanted && !shown)
    {
      g_autoptr(GtkStringObject) string = gtk_string_object_new (title);

      g_list_store_append (heading, string);
    }
  else if (!wanted && shown)
    {
      g_list_store_remove_all (heading);
    }
}

static void
update_headings (SdOrgPage *self)
{
  update_heading (self->units_heading, self->root_units, _("Units"));
  update_heading (self->bodies_heading, self->root_bodies, _("Security Bodies"));
}

static void
update_stack (SdOrgPage *self)
{
  gboolean empty = g_list_model_get_n_items (self->units) == 0 &&
                   g_list_model_get_n_items (self->bodies) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "content");
}

/* The widgets of a sidebar row, and the lists it counts while bound. */
typedef struct
{
  GtkLabel   *name;
  GtkLabel   *kind;
  GtkLabel   *count;
  gboolean    is_body;
  GListModel *counted;   /* people of the unit, or members of the body */
  GListModel *children;  /* units below, or bodies led */
} SidebarRow;

static void
sidebar_row_unbind (SidebarRow *row)
{
  if (row->counted != NULL)
    g_signal_handlers_disconnect_by_data (row->counted, row);
  if (row->children != NULL)
    g_signal_handlers_disconnect_by_data (row->children, row);
  g_clear_object (&row->counted);
  g_clear_object (&row->children);
}

static void
sidebar_row_free (gpointer data)
{
  SidebarRow *row = data;

  sidebar_row_unbind (row);
  g_free (row);
}

static void
sidebar_row_update_counts (SidebarRow *row)
{
  GtkWidget *expander = gtk_widget_get_ancestor (GTK_WIDGET (row->name), GTK_TYPE_TREE_EXPANDER);
  guint n_counted = g_list_model_get_n_items (row->counted);
  g_autofree char *count = g_strdup_printf ("%u", n_counted);
  g_autofree char *tooltip = NULL;

  if (row->is_body)
    tooltip = g_strdup_printf (ngettext ("%u member", "%u members", n_counted), n_counted);
  else
    tooltip = g_strdup_printf (ngettext ("%u person", "%u people", n_counted), n_counted);

  gtk_label_set_text (row->count, count);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->count), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->count),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);

  if (g_list_model_get_n_items (row->children) == 0)
    gtk_widget_add_css_class (expander, "leaf");
  else
    gtk_widget_remove_css_class (expander, "leaf");
}

static void
sidebar_row_counts_changed_cb (GListModel *model,
                               guint       position,
                               guint       removed,
                               guint       added,
                               SidebarRow *row)
{
  sidebar_row_update_counts (row);
}

static void
sidebar_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  SdOrgPage                *self)
{
  SidebarRow *row = g_new0 (SidebarRow, 1);
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *kind = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 24);

  gtk_label_set_xalign (GTK_LABEL (kind), 0);
  gtk_label_set_ellipsize (GTK_LABEL (kind), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (kind), 24);
  gtk_widget_add_css_class (kind, "caption");
  gtk_widget_add_css_class (kind, "dim-label");

  gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (count, "count");
  gtk_widget_add_css_class (count, "numeric");

  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), kind);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), count);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);

  row->name = GTK_LABEL (name);
  row->kind = GTK_LABEL (kind);
  row->count = GTK_LABEL (count);
  g_object_set_data_full (G_OBJECT (expander), "sd-sidebar-row", row, sidebar_row_free);
  gtk_list_item_set_child (list_item, expander);
  sd_org_page_setup_row_dnd (self, expander);
}

static void
sidebar_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 SdOrgPage                *self)
{
  GtkTreeListRow *list_row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  SidebarRow *row = g_object_get_data (G_OBJECT (expander), "sd-sidebar-row");
  g_autoptr(GObject) item = gtk_tree_list_row_get_item (list_row);
  gint64 id;

  /* A row whose item has just left the tree can still be bound once
   * while the list view catches up; it is about to go away. */
  if (item == NULL)
    {
      gtk_label_set_text (row->name, "");
      gtk_widget_set_visible (GTK_WIDGET (row->kind), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (row->count), FALSE);
      return;
    }

  if (GTK_IS_STRING_OBJECT (item))
    {
      /* A heading is flush with the left edge and cannot be selected. */
      gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
      gtk_list_item_set_selectable (list_item, FALSE);
      gtk_list_item_set_activatable (list_item, FALSE);
      gtk_widget_add_css_class (expander, "heading-row");
      gtk_widget_add_css_class (GTK_WIDGET (row->name), "caption-heading");
      gtk_widget_add_css_class (GTK_WIDGET (row->name), "dim-label");
      gtk_label_set_text (row->name, gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
      gtk_widget_set_visible (GTK_WIDGET (row->kind), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (row->count), FALSE);
      return;
    }

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), list_row);
  gtk_list_item_set_selectable (list_item, TRUE);
  gtk_list_item_set_activatable (list_item, TRUE);
  gtk_widget_remove_css_class (expander, "heading-row");
  gtk_widget_remove_css_class (GTK_WIDGET (row->name), "caption-heading");
  gtk_widget_remove_css_class (GTK_WIDGET (row->name), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (row->kind), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (row->count), TRUE);

  id = sd_item_get_id (SD_ITEM (item));
  if (SD_IS_UNIT (item))
    {
      SdUnit *unit = SD_UNIT (item);

      gtk_label_set_text (row->name, sd_unit_get_name (unit));
      gtk_label_set_text (row->kind, sd_unit_kind_label (sd_unit_get_kind (unit)));
      row->is_body = FALSE;
      row->counted = ref_filter_model_new (sd_store_get_items (self->store, SD_TYPE_PERSON),
                                           SD_TYPE_PERSON, "unit-id", id);
      row->children = ref_filter_model_new (self->units, SD_TYPE_UNIT, "parent-id", id);
    }
  else
    {
      SdBody *body = SD_BODY (item);

      gtk_label_set_text (row->name, sd_body_get_name (body));
      gtk_label_set_text (row->kind, sd_body_kind_label (sd_body_get_kind (body)));
      row->is_body = TRUE;
      row->counted = ref_filter_model_new (self->members, SD_TYPE_BODY_MEMBER, "body-id", id);
      row->children = ref_filter_model_new (self->bodies, SD_TYPE_BODY, "led-by-id", id);
    }

  g_signal_connect (row->counted, "items-changed",
                    G_CALLBACK (sidebar_row_counts_changed_cb), row);
  g_signal_connect (row->children, "items-changed",
                    G_CALLBACK (sidebar_row_counts_changed_cb), row);
  sidebar_row_update_counts (row);
}

static void
sidebar_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   SdOrgPage                *self)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  SidebarRow *row = g_object_get_data (G_OBJECT (expander), "sd-sidebar-row");

  sidebar_row_unbind (row);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
}

/* GObject */

static void
sd_org_page_constructed (GObject *object)
{
  SdOrgPage *self = SD_ORG_PAGE (object);
  GListStore *sections;
  GListModel *roots;
  GtkListItemFactory *factory;
  GListModel *units;
  GListModel *bodies;
  GListModel *persons;
  GListModel *posts;
  g_autoptr(GListModel) sorted_posts = NULL;
  GtkCustomSorter *member_sorter;

  G_OBJECT_CLASS (sd_org_page_parent_class)->constructed (object);

  g_return_if_fail (SD_IS_STORE (self->store));

  units = sd_store_get_items (self->store, SD_TYPE_UNIT);
  bodies = sd_store_get_items (self->store, SD_TYPE_BODY);
  persons = sd_store_get_items (self->store, SD_TYPE_PERSON);
  posts = sd_store_get_items (self->store, SD_TYPE_POST);

  self->units = position_sort_model_new (units, SD_TYPE_UNIT);
  self->bodies = position_sort_model_new (bodies, SD_TYPE_BODY);
  sorted_posts = position_sort_model_new (posts, SD_TYPE_POST);
  member_sorter = gtk_custom_sorter_new (compare_members_cb, NULL, NULL);
  self->members = G_LIST_MODEL (gtk_sort_list_model_new (
      g_object_ref (sd_store_get_items (self->store, SD_TYPE_BODY_MEMBER)),
      GTK_SORTER (member_sorter)));

  /* The sidebar */
  self->units_heading = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  self->bodies_heading = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  self->root_units = ref_filter_model_new (self->units, SD_TYPE_UNIT, "parent-id", 0);
  self->root_bodies = ref_filter_model_new (self->bodies, SD_TYPE_BODY, "led-by-id", 0);
  update_headings (self);
  /* After the tree has taken in the change of the section, so that the
   * heading and the section never disagree about positions. */
  g_signal_connect_object (self->root_units, "items-changed",
                           G_CALLBACK (update_headings), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->root_bodies, "items-changed",
                           G_CALLBACK (update_headings), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  sections = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (sections, self->units_heading);
  g_list_store_append (sections, self->root_units);
  g_list_store_append (sections, self->bodies_heading);
  g_list_store_append (sections, self->root_bodies);

  roots = G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (sections)));
  self->tree = gtk_tree_list_model_new (roots, FALSE, TRUE, create_children_cb, self, NULL);
  /* Connected before the selection model connects, so that the count is
   * raised before the selection reacts and lowered after. */
  g_signal_connect_object (self->tree, "items-changed",
                           G_CALLBACK (tree_changing_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tree, "items-changed",
                           G_CALLBACK (tree_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  /* The overview's views leave the tree without a selection. */
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  /* The rows mix headings, units and bodies, and count people live, which
   * is more than a GtkBuilderListItemFactory expression can say. */
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (sidebar_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (sidebar_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (sidebar_unbind_cb), self, 0);
  gtk_list_view_set_factory (self->sidebar_list, factory);
  g_object_unref (factory);
  /* The sidebar's rows exist only while the page is shown. */
  sd_ui_set_model_while_mapped (GTK_WIDGET (self->sidebar_list),
                                GTK_SELECTION_MODEL (self->selection));

  /* The details */
  self->unit_posts = ref_filter_model_new (sorted_posts, SD_TYPE_POST, "unit-id", -1);
  self->org_posts = ref_filter_model_new (sorted_posts, SD_TYPE_POST, "unit-id", 0);
  self->unit_people = ref_filter_model_new (persons, SD_TYPE_PERSON, "unit-id", -1);
  self->body_members = ref_filter_model_new (self->members, SD_TYPE_BODY_MEMBER, "body-id", -1);
  self->body_led = ref_filter_model_new (self->bodies, SD_TYPE_BODY, "led-by-id", -1);

  bind_list (self->unit_posts_list, self->unit_posts, create_post_row_cb, self,
             _("This unit has no security posts."));
  bind_list (self->org_posts_list, self->org_posts, create_post_row_cb, self,
             _("There are no organisation-wide posts."));
  bind_list (self->unit_people_list, self->unit_people, create_person_row_cb, self,
             _("No one is recorded in this unit."));
  bind_list (self->body_members_list, self->body_members, create_member_row_cb, self,
             _("This body has no members yet."));
  bind_list (self->body_led_list, self->body_led, create_led_body_row_cb, self, NULL);

  g_signal_connect_object (self->org_posts, "items-changed",
                           G_CALLBACK (header_source_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->body_led, "items-changed",
                           G_CALLBACK (header_source_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (units, "items-changed",
                           G_CALLBACK (header_source_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (bodies, "items-changed",
                           G_CALLBACK (header_source_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (persons, "items-changed",
                           G_CALLBACK (header_source_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  g_signal_connect_object (units, "items-changed",
                           G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (bodies, "items-changed",
                           G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);
  update_stack (self);

  self->violations = g_object_ref (sd_ui_get_violations (self->store));
  g_signal_connect_object (self->violations, "notify::n-items",
                           G_CALLBACK (update_problems_count), self, G_CONNECT_SWAPPED);
  update_problems_count (self);

  sync_selection (self, FALSE);
  sd_org_page_update_actions (self);
}

static void
sd_org_page_dispose (GObject *object)
{
  SdOrgPage *self = SD_ORG_PAGE (object);

  /* The bin's child is also a template child: unparenting it once, here,
   * keeps AdwBin's dispose from unparenting it a second time. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_ORG_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->unit_posts);
  g_clear_object (&self->org_posts);
  g_clear_object (&self->unit_people);
  g_clear_object (&self->body_members);
  g_clear_object (&self->body_led);
  g_clear_object (&self->root_units);
  g_clear_object (&self->root_bodies);
  g_clear_object (&self->units_heading);
  g_clear_object (&self->bodies_heading);
  g_clear_object (&self->units);
  g_clear_object (&self->bodies);
  g_clear_object (&self->members);
  g_clear_object (&self->violations);
  g_clear_object (&self->chart_view);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_org_page_parent_class)->dispose (object);
}

static void
sd_org_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SdOrgPage *self = SD_ORG_PAGE (object);

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
sd_org_page_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SdOrgPage *self = SD_ORG_PAGE (object);

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
sd_org_page_class_init (SdOrgPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sd_org_page_constructed;
  object_class->dispose = sd_org_page_dispose;
  object_class->get_property = sd_org_page_get_property;
  object_class->set_property = sd_org_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         SD_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  sd_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/sd-org-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, nav_list);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, more_button);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, problems_bin);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, people_bin);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, rules_bin);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, chart_bin);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, details_stack);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, unit_scroll);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, unit_title);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, unit_subtitle);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, unit_posts_list);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, org_posts_group);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, org_posts_list);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, unit_people_list);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, body_scroll);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, body_title);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, body_subtitle);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, body_description);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, body_members_list);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, body_led_group);
  gtk_widget_class_bind_template_child (widget_class, SdOrgPage, body_led_list);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, led_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, nav_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, nav_row_activated_cb);

  sd_org_page_class_init_actions (widget_class);
}

static void
sd_org_page_init (SdOrgPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_nav (self);

  /* Folded, the list is a page of its own: a click opens the details and
   * the details need a way back. */
  g_object_bind_property (self->leaflet, "folded", self->back_button, "visible",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->leaflet, "folded", self->sidebar_list, "single-click-activate",
                          G_BINDING_SYNC_CREATE);
}

/**
 * sd_org_page_new:
 * @store: the store to show
 *
 * Returns: (transfer floating): a new #SdOrgPage
 */
GtkWidget *
sd_org_page_new (SdStore *store)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  return g_object_new (SD_TYPE_ORG_PAGE,
                       "store", store,
                       NULL);
}

SdStore *
sd_org_page_get_store (SdOrgPage *self)
{
  g_return_val_if_fail (SD_IS_ORG_PAGE (self), NULL);

  return self->store;
}
