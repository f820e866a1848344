/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The organisation editors, the people view and the rules view under Xvfb:
 * every change reaches the store when it is made, a "new" editor creates
 * its item when the name is applied, and an assignment that breaks a rule
 * is stored only once the user says to keep it.
 */

#define G_LOG_DOMAIN "test-editors"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sd-body.h"
#include "sd-body-editor.h"
#include "sd-body-member.h"
#include "sd-people-view.h"
#include "sd-person.h"
#include "sd-person-editor.h"
#include "sd-post.h"
#include "sd-post-editor.h"
#include "sd-post-holder.h"
#include "sd-rule.h"
#include "sd-rule-editor.h"
#include "sd-rules-view.h"
#include "sd-store.h"
#include "sd-test-widgets.h"
#include "sd-unit.h"
#include "sd-unit-editor.h"

typedef struct
{
  char     *dir;
  SdStore  *store;
  SdUnit   *it;
  SdPerson *zhang, *li, *wang;
  SdPost   *admin, *network;
} Fixture;

static gint64
id (gpointer item)
{
  return sd_item_get_id (SD_ITEM (item));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("sd-test-editors-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "editors.db", NULL);
  f->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  f->it = sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "信息中心",
                           "kind", "department", NULL);
  g_assert_no_error (error);
  f->zhang = sd_store_insert (f->store, SD_TYPE_PERSON, &error, "name", "张伟",
                              "unit-id", id (f->it), "job-title", "工程师", NULL);
  g_assert_no_error (error);
  f->li = sd_store_insert (f->store, SD_TYPE_PERSON, &error, "name", "李娜",
                           "unit-id", id (f->it), "job-title", "主任", NULL);
  g_assert_no_error (error);
  f->wang = sd_store_insert (f->store, SD_TYPE_PERSON, &error, "name", "王建国",
                             "job-title", "Network Engineer", "full-time", FALSE, NULL);
  g_assert_no_error (error);
  f->admin = sd_store_insert (f->store, SD_TYPE_POST, &error, "name", "安全管理员",
                              "unit-id", id (f->it), "post-type", "security-admin",
                              "full-time-required", TRUE, NULL);
  g_assert_no_error (error);
  f->network = sd_store_insert (f->store, SD_TYPE_POST, &error, "name", "网络管理员",
                                "unit-id", id (f->it), "post-type", "network-admin", NULL);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sd_test_destroy_windows ();
  sd_test_remove_store (&f->store, f->dir);
  g_free (f->dir);
}

/* Finding widgets */

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *title)
{
  GtkWidget *child;

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (title == NULL ||
       (ADW_IS_PREFERENCES_ROW (root) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)))
    return root;

  /* The button inside a drop-down is not the row's button. */
  if (GTK_IS_DROP_DOWN (root))
    return NULL;

  for (child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_row (gpointer    window,
          GType       type,
          const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (window), type, title);

  g_assert_nonnull (row);
  return row;
}

/* The control of type @type at the end of the row titled @title. */
static GtkWidget *
find_control (gpointer    window,
              const char *title,
              GType       type)
{
  GtkWidget *control = find_widget (find_row (window, ADW_TYPE_ACTION_ROW, title), type, NULL);

  g_assert_nonnull (control);
  return control;
}

static guint
position_of (GListModel *model,
             gpointer    item)
{
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (model, i);

      if (SD_IS_ITEM (object) && id (object) == id (item))
        return i;
    }
  g_assert_not_reached ();
}

static void
select_item (GtkDropDown *drop_down,
             gpointer     item)
{
  gtk_drop_down_set_selected (drop_down, position_of (gtk_drop_down_get_model (drop_down), item));
}

static void
respond (const char *response)
{
  AdwMessageDialog *dialog = sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  const char *label = g_str_equal (response, "keep") ? "_Keep on Record" : "_Cancel";

  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "This Breaks a Rule");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "keep"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  /* As a click does it: the dialog closes and responds once. */
  sd_test_click_button (dialog, label);
  g_assert_null (sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static SdPostHolder *
find_holder (Fixture *f,
             SdPost  *post,
             SdPerson *person)
{
  GListModel *holders = sd_store_get_items (f->store, SD_TYPE_POST_HOLDER);

  for (guint i = 0; i < g_list_model_get_n_items (holders); i++)
    {
      g_autoptr(SdPostHolder) holder = g_list_model_get_item (holders, i);

      if (sd_post_holder_get_post_id (holder) == id (post) &&
          sd_post_holder_get_person_id (holder) == id (person))
        return holder;
    }
  return NULL;
}

/* The button whose accessible name is @name, as a screen reader finds it. */
static GtkWidget *
find_named_button (GtkWidget  *root,
                   const char *name)
{
  GtkWidget *child;

  if (GTK_IS_BUTTON (root) &&
      gtk_test_accessible_has_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      g_autofree char *other = gtk_test_accessible_check_property (GTK_ACCESSIBLE (root),
                                                                   GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                   name);

      if (other == NULL)
        return root;
    }
  if (GTK_IS_DROP_DOWN (root))
    return NULL;

  for (child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named_button (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The "Add" button of @person below a person picker, or NULL. */
static GtkWidget *
find_add_button (gpointer  window,
                 SdPerson *person)
{
  g_autofree char *name = g_strdup_printf ("Add %s", sd_person_get_name (person));

  return find_named_button (GTK_WIDGET (window), name);
}

/* How many people the picker offers. */
static guint
count_offered (GtkWidget *root)
{
  GtkWidget *child;
  guint n = 0;

  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), "Add") == 0)
    return 1;
  for (child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_offered (child);
  return n;
}

/* Types @text into the person picker titled @title, as a user would. */
static GtkWidget *
type_into (gpointer    window,
           const char *title,
           const char *text)
{
  GtkWidget *entry = find_row (window, ADW_TYPE_ENTRY_ROW, title);

  /* find_row() found it by its title, which is also its accessible name. */
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  sd_test_iterate ();
  return entry;
}

/* Finds @person by name with the picker titled @title and clicks "Add". */
static void
pick_person (gpointer    window,
             const char *title,
             SdPerson   *person)
{
  GtkWidget *entry = type_into (window, title, sd_person_get_name (person));
  GtkWidget *button = find_add_button (window, person);

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Add");
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  sd_test_iterate ();
  /* Once added, the entry is ready for the next one. */
  if (sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL)
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

static void
add_holder (GtkWindow *editor,
            SdPerson  *person)
{
  pick_person (editor, "Find Person to Add", person);
}

/* Tests */

static void
test_unit_new (Fixture       *f,
               gconstpointer  data)
{
  GListModel *units = sd_store_get_items (f->store, SD_TYPE_UNIT);
  guint n_units = g_list_model_get_n_items (units);
  GtkWindow *editor = sd_unit_editor_new (NULL, f->store, NULL, id (f->it));
  GtkWidget *name = find_row (editor, ADW_TYPE_ENTRY_ROW, "Name");
  GtkWidget *kind = find_row (editor, ADW_TYPE_COMBO_ROW, "Kind");
  GtkWidget *head = find_control (editor, "Head", GTK_TYPE_DROP_DOWN);
  GtkWidget *staff = find_control (editor, "Staff", GTK_TYPE_SPIN_BUTTON);
  SdUnit *unit;

  gtk_window_present (editor);
  sd_test_iterate ();
  g_assert_cmpstr (gtk_window_get_title (editor), ==, "New Unit");

  /* Nothing exists before the name is applied; an empty name is refused. */
  g_signal_emit_by_name (name, "apply");
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, n_units);

  gtk_editable_set_text (GTK_EDITABLE (name), "安全运维科");
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, n_units);
  g_signal_emit_by_name (name, "apply");
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, n_units + 1);
  unit = sd_editor_window_get_item (SD_EDITOR_WINDOW (editor));
  g_assert_nonnull (unit);
  g_assert_cmpstr (sd_unit_get_name (unit), ==, "安全运维科");
  g_assert_cmpint (sd_unit_get_parent_id (unit), ==, id (f->it));
  /* Below a department, a new unit is a section unless the user says. */
  g_assert_cmpstr (sd_unit_get_kind (unit), ==, "section");
  g_assert_cmpstr (gtk_window_get_title (editor), ==, "Unit");

  /* From now on each field applies at once. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 1);
  g_assert_cmpstr (sd_unit_get_kind (unit), ==, "department");

  select_item (GTK_DROP_DOWN (head), f->li);
  g_assert_cmpint (sd_unit_get_head_id (unit), ==, id (f->li));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (head), 0);
  g_assert_cmpint (sd_unit_get_head_id (unit), ==, 0);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (staff), 12);
  g_assert_cmpint (sd_unit_get_staff_count (unit), ==, 12);

  gtk_editable_set_text (GTK_EDITABLE (name), "安全运维部");
  g_signal_emit_by_name (name, "apply");
  g_assert_cmpstr (sd_unit_get_name (unit), ==, "安全运维部");

  /* An empty name is refused and the entry shows the stored one again. */
  gtk_editable_set_text (GTK_EDITABLE (name), "");
  g_signal_emit_by_name (name, "apply");
  g_assert_cmpstr (sd_unit_get_name (unit), ==, "安全运维部");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "安全运维部");

  /* A change made elsewhere shows up in the editor. */
  g_assert_true (sd_store_update (f->store, unit, NULL, "staff-count", 30, NULL));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (staff)), ==, 30);
}

static void
test_unit_existing (Fixture       *f,
                    gconstpointer  data)
{
  GtkWindow *editor = sd_unit_editor_new (NULL, f->store, f->it, 0);
  GtkWidget *name = find_row (editor, ADW_TYPE_ENTRY_ROW, "Name");
  GtkWidget *kind = find_row (editor, ADW_TYPE_COMBO_ROW, "Kind");

  g_assert_cmpstr (gtk_window_get_title (editor), ==, "Unit");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "信息中心");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (kind)), ==, 1);

  /* Text typed but not applied is stored when the window is closed. */
  gtk_window_present (editor);
  sd_test_iterate ();
  gtk_editable_set_text (GTK_EDITABLE (name), "信息技术中心");
  gtk_window_close (editor);
  sd_test_iterate ();
  g_assert_cmpstr (sd_unit_get_name (f->it), ==, "信息技术中心");
}

static void
test_post_holders (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *editor = sd_post_editor_new (NULL, f->store, f->admin, 0);
  SdPostHolder *holder;
  GtkWidget *role;

  gtk_window_present (editor);
  sd_test_iterate ();
  g_assert_cmpstr (gtk_window_get_title (editor), ==, "Post");

  /* No rule stands in the way: stored at once, as the primary holder. */
  add_holder (editor, f->zhang);
  g_assert_null (sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  holder = find_holder (f, f->admin, f->zhang);
  g_assert_nonnull (holder);
  g_assert_true (sd_post_holder_get_is_primary (holder));
  g_assert_nonnull (sd_post_holder_get_since (holder));

  /* The second one is a deputy. */
  add_holder (editor, f->li);
  holder = find_holder (f, f->admin, f->li);
  g_assert_nonnull (holder);
  g_assert_false (sd_post_holder_get_is_primary (holder));

  /* The holder's row: make 李娜 primary, then take her off the post. */
  role = find_control (editor, "李娜", GTK_TYPE_DROP_DOWN);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (role), 0);
  g_assert_true (sd_post_holder_get_is_primary (find_holder (f, f->admin, f->li)));

  g_signal_emit_by_name (find_control (editor, "李娜", GTK_TYPE_BUTTON), "clicked");
  sd_test_iterate ();
  g_assert_null (find_holder (f, f->admin, f->li));
  g_assert_null (find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "李娜"));

  /* Someone who holds the post already is not offered again. */
  type_into (editor, "Find Person to Add", "张伟");
  g_assert_null (find_add_button (editor, f->zhang));
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "No one found"));
  type_into (editor, "Find Person to Add", "李");
  g_assert_nonnull (find_add_button (editor, f->li));
}

static void
test_post_holder_breaks_rule (Fixture       *f,
                              gconstpointer  data)
{
  GtkWindow *editor;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (sd_store_insert (f->store, SD_TYPE_POST_HOLDER, &error,
                                     "post-id", id (f->admin), "person-id", id (f->zhang),
                                     NULL));
  g_assert_no_error (error);

  /* 张伟 is a security administrator; the schema's rules forbid him to be
   * the network administrator too. */
  editor = sd_post_editor_new (NULL, f->store, f->network, 0);
  gtk_window_present (editor);
  sd_test_iterate ();

  add_holder (editor, f->zhang);
  g_assert_null (find_holder (f, f->network, f->zhang));
  respond ("cancel");
  g_assert_null (find_holder (f, f->network, f->zhang));

  add_holder (editor, f->zhang);
  g_assert_null (find_holder (f, f->network, f->zhang));
  respond ("keep");
  g_assert_nonnull (find_holder (f, f->network, f->zhang));
}

static void
test_post_full_time_required (Fixture       *f,
                              gconstpointer  data)
{
  GtkWindow *editor = sd_post_editor_new (NULL, f->store, f->admin, 0);

  gtk_window_present (editor);
  sd_test_iterate ();

  /* 王建国 is part-time; the post requires full-time staff. */
  add_holder (editor, f->wang);
  respond ("cancel");
  g_assert_null (find_holder (f, f->admin, f->wang));
}

static void
test_post_picker (Fixture       *f,
                  gconstpointer  data)
{
  GtkWindow *editor;
  GtkWidget *entry;
  GtkWidget *button;
  GtkWidget *row;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (sd_store_insert (f->store, SD_TYPE_POST_HOLDER, &error,
                                     "post-id", id (f->admin), "person-id", id (f->zhang),
                                     "is-primary", TRUE, NULL));
  g_assert_no_error (error);
  for (int i = 1; i <= 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("测试员%02d", i);

      g_assert_nonnull (sd_store_insert (f->store, SD_TYPE_PERSON, &error, "name", name,
                                         "unit-id", id (f->it), NULL));
      g_assert_no_error (error);
    }

  editor = sd_post_editor_new (NULL, f->store, f->admin, 0);
  gtk_window_present (editor);
  sd_test_iterate ();

  /* Nothing typed, nothing offered. */
  g_assert_cmpuint (count_offered (GTK_WIDGET (editor)), ==, 0);

  /* The holder is not offered; the row names unit and job title. */
  type_into (editor, "Find Person to Add", "张");
  g_assert_null (find_add_button (editor, f->zhang));
  type_into (editor, "Find Person to Add", "李");
  button = find_add_button (editor, f->li);
  g_assert_nonnull (button);
  row = gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "李娜");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "信息中心 · 主任");

  /* Job titles match too, whatever the case. */
  type_into (editor, "Find Person to Add", "NETWORK");
  g_assert_nonnull (find_add_button (editor, f->wang));
  g_assert_cmpuint (count_offered (GTK_WIDGET (editor)), ==, 1);

  /* More than fit: the first eight, and how many more. */
  type_into (editor, "Find Person to Add", "测试员");
  g_assert_cmpuint (count_offered (GTK_WIDGET (editor)), ==, 8);
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW,
                                 "4 more — type more of the name"));
  entry = type_into (editor, "Find Person to Add", "测试员1");
  g_assert_cmpuint (count_offered (GTK_WIDGET (editor)), ==, 3);
  g_assert_null (find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW,
                              "4 more — type more of the name"));

  /* Enter adds only when one person matches. */
  g_signal_emit_by_name (entry, "entry-activated");
  sd_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (sd_store_get_items (f->store,
                                                                  SD_TYPE_POST_HOLDER)), ==, 1);
  type_into (editor, "Find Person to Add", "主任");
  g_signal_emit_by_name (entry, "entry-activated");
  sd_test_iterate ();
  g_assert_null (sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (find_holder (f, f->admin, f->li));
  g_assert_false (sd_post_holder_get_is_primary (find_holder (f, f->admin, f->li)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (count_offered (GTK_WIDGET (editor)), ==, 0);

  /* Through Enter too, a rule is checked first: 王建国 is part-time. */
  type_into (editor, "Find Person to Add", "王建国");
  g_signal_emit_by_name (entry, "entry-activated");
  sd_test_iterate ();
  respond ("cancel");
  g_assert_null (find_holder (f, f->admin, f->wang));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "王建国");
}

static void
test_post_new (Fixture       *f,
               gconstpointer  data)
{
  GListModel *posts = sd_store_get_items (f->store, SD_TYPE_POST);
  guint n_posts = g_list_model_get_n_items (posts);
  GtkWindow *editor = sd_post_editor_new (NULL, f->store, NULL, id (f->it));
  GtkWidget *name = find_row (editor, ADW_TYPE_ENTRY_ROW, "Name");
  GtkWidget *type = find_row (editor, ADW_TYPE_COMBO_ROW, "Post Type");
  GtkWidget *key = find_control (editor, "Key Post", GTK_TYPE_SWITCH);
  GtkWidget *unit = find_control (editor, "Unit", GTK_TYPE_DROP_DOWN);
  GtkWidget *find = find_row (editor, ADW_TYPE_ENTRY_ROW, "Find Person to Add");
  SdPost *post;

  gtk_window_present (editor);
  sd_test_iterate ();
  g_assert_cmpstr (gtk_window_get_title (editor), ==, "New Post");

  /* Set before the name: kept for the insert. Holders wait for the post. */
  g_assert_false (gtk_widget_is_sensitive (find));
  adw_combo_row_set_selected (ADW_COMBO_ROW (type), 4);
  gtk_switch_set_active (GTK_SWITCH (key), TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (posts), ==, n_posts);

  gtk_editable_set_text (GTK_EDITABLE (name), "系统管理员");
  g_signal_emit_by_name (name, "apply");
  g_assert_cmpuint (g_list_model_get_n_items (posts), ==, n_posts + 1);
  post = sd_editor_window_get_item (SD_EDITOR_WINDOW (editor));
  g_assert_cmpstr (sd_post_get_name (post), ==, "系统管理员");
  g_assert_cmpstr (sd_post_get_post_type (post), ==, "system-admin");
  g_assert_true (sd_post_get_key_post (post));
  g_assert_cmpint (sd_post_get_unit_id (post), ==, id (f->it));

  /* Organisation-wide is the first choice of the unit. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (unit), 0);
  g_assert_cmpint (sd_post_get_unit_id (post), ==, 0);

  add_holder (editor, f->li);
  g_assert_nonnull (find_holder (f, post, f->li));
}

static void
test_person_part_time (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *editor;
  GtkWidget *full_time;

  g_assert_nonnull (sd_store_insert (f->store, SD_TYPE_POST_HOLDER, &error,
                                     "post-id", id (f->admin), "person-id", id (f->zhang),
                                     NULL));
  g_assert_no_error (error);

  editor = sd_person_editor_new (NULL, f->store, f->zhang, 0);
  gtk_window_present (editor);
  sd_test_iterate ();
  full_time = find_control (editor, "Full-Time", GTK_TYPE_SWITCH);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (full_time)));

  /* The post he holds requires full-time staff. */
  gtk_switch_set_active (GTK_SWITCH (full_time), FALSE);
  g_assert_true (sd_person_get_full_time (f->zhang));
  respond ("cancel");
  g_assert_true (sd_person_get_full_time (f->zhang));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (full_time)));

  gtk_switch_set_active (GTK_SWITCH (full_time), FALSE);
  respond ("keep");
  g_assert_false (sd_person_get_full_time (f->zhang));

  /* Back to full-time breaks nothing. */
  gtk_switch_set_active (GTK_SWITCH (full_time), TRUE);
  g_assert_null (sd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (sd_person_get_full_time (f->zhang));

  /* Posts and seats lists what he holds. */
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "安全管理员"));
}

static void
test_person_new (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *people = sd_store_get_items (f->store, SD_TYPE_PERSON);
  guint n_people = g_list_model_get_n_items (people);
  GtkWindow *editor = sd_person_editor_new (NULL, f->store, NULL, id (f->it));
  GtkWidget *name = find_row (editor, ADW_TYPE_ENTRY_ROW, "Name");
  GtkWidget *job = find_row (editor, ADW_TYPE_ENTRY_ROW, "Job Title");
  GtkWidget *active = find_control (editor, "Active", GTK_TYPE_SWITCH);
  SdPerson *person;

  gtk_window_present (editor);
  sd_test_iterate ();
  gtk_editable_set_text (GTK_EDITABLE (name), "赵敏");
  g_signal_emit_by_name (name, "apply");
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, n_people + 1);
  person = sd_editor_window_get_item (SD_EDITOR_WINDOW (editor));
  g_assert_cmpint (sd_person_get_unit_id (person), ==, id (f->it));
  g_assert_true (sd_person_get_full_time (person));
  g_assert_true (sd_person_get_active (person));

  gtk_editable_set_text (GTK_EDITABLE (job), "保密员");
  g_signal_emit_by_name (job, "apply");
  g_assert_cmpstr (sd_person_get_job_title (person), ==, "保密员");

  gtk_switch_set_active (GTK_SWITCH (active), FALSE);
  g_assert_false (sd_person_get_active (person));
}

static void
test_body_members (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *editor = sd_body_editor_new (NULL, f->store, NULL, 0);
  GtkWidget *name = find_row (editor, ADW_TYPE_ENTRY_ROW, "Name");
  GtkWidget *kind = find_row (editor, ADW_TYPE_COMBO_ROW, "Kind");
  GListModel *members = sd_store_get_items (f->store, SD_TYPE_BODY_MEMBER);
  g_autoptr(SdBodyMember) member = NULL;
  GtkWidget *role;
  SdBody *body;

  gtk_window_present (editor);
  sd_test_iterate ();
  g_assert_cmpstr (gtk_window_get_title (editor), ==, "New Security Body");

  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 0);
  gtk_editable_set_text (GTK_EDITABLE (name), "网络安全领导小组");
  g_signal_emit_by_name (name, "apply");
  body = sd_editor_window_get_item (SD_EDITOR_WINDOW (editor));
  g_assert_nonnull (body);
  g_assert_cmpstr (sd_body_get_kind (body), ==, "leadership");

  pick_person (editor, "Find Member to Add", f->li);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 1);
  member = g_list_model_get_item (members, 0);
  g_assert_cmpstr (sd_body_member_get_role (member), ==, "member");

  /* The role: leader. */
  role = find_control (editor, "李娜", GTK_TYPE_DROP_DOWN);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (role), 0);
  g_clear_object (&member);
  member = g_list_model_get_item (members, 0);
  g_assert_cmpstr (sd_body_member_get_role (member), ==, "leader");

  /* A member is not offered again; the others are. */
  type_into (editor, "Find Member to Add", "李娜");
  g_assert_null (find_add_button (editor, f->li));
  type_into (editor, "Find Member to Add", "");
  g_assert_cmpuint (count_offered (GTK_WIDGET (editor)), ==, 0);
  pick_person (editor, "Find Member to Add", f->zhang);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 2);

  g_signal_emit_by_name (find_control (editor, "李娜", GTK_TYPE_BUTTON), "clicked");
  sd_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 1);
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "张伟"));
}

static void
test_rule_new (Fixture       *f,
               gconstpointer  data)
{
  GListModel *rules = sd_store_get_items (f->store, SD_TYPE_RULE);
  guint n_rules = g_list_model_get_n_items (rules);
  GtkWindow *editor = sd_rule_editor_new (NULL, f->store, NULL);
  GtkWidget *kind = find_row (editor, ADW_TYPE_COMBO_ROW, "Applies To");
  GtkWidget *type_a = find_row (editor, ADW_TYPE_COMBO_ROW, "Post Type A");
  GtkWidget *type_b = find_row (editor, ADW_TYPE_COMBO_ROW, "Post Type B");
  GtkWidget *post_a = find_row (editor, ADW_TYPE_ACTION_ROW, "Post A");
  GtkWidget *reason = find_row (editor, ADW_TYPE_ENTRY_ROW, "Reason");
  GtkWidget *source = find_row (editor, ADW_TYPE_ENTRY_ROW, "Source (document and article)");
  SdRule *rule;

  gtk_window_present (editor);
  sd_test_iterate ();
  g_assert_false (gtk_widget_get_visible (post_a));

  adw_combo_row_set_selected (ADW_COMBO_ROW (type_a), 4);   /* system-admin */
  adw_combo_row_set_selected (ADW_COMBO_ROW (type_b), 2);   /* security-auditor */
  gtk_editable_set_text (GTK_EDITABLE (source), "第7条");
  gtk_editable_set_text (GTK_EDITABLE (reason), "系统管理员不能兼任安全审计员");
  g_signal_emit_by_name (reason, "apply");
  g_assert_cmpuint (g_list_model_get_n_items (rules), ==, n_rules + 1);

  rule = sd_editor_window_get_item (SD_EDITOR_WINDOW (editor));
  g_assert_cmpstr (sd_rule_get_post_type_a (rule), ==, "system-admin");
  g_assert_cmpstr (sd_rule_get_post_type_b (rule), ==, "security-auditor");
  g_assert_cmpstr (sd_rule_get_reason (rule), ==, "系统管理员不能兼任安全审计员");
  g_assert_cmpstr (sd_rule_get_source (rule), ==, "第7条");
  g_assert_cmpint (sd_rule_get_post_a_id (rule), ==, 0);

  /* Between two specific posts: one update writes all four columns. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 1);
  g_assert_true (gtk_widget_get_visible (post_a));
  g_assert_false (gtk_widget_get_visible (type_a));
  g_assert_null (sd_rule_get_post_type_a (rule));
  g_assert_cmpint (sd_rule_get_post_a_id (rule), ==, id (f->admin));
  g_assert_cmpint (sd_rule_get_post_b_id (rule), ==, id (f->network));

  select_item (GTK_DROP_DOWN (find_control (editor, "Post B", GTK_TYPE_DROP_DOWN)), f->admin);
  g_assert_cmpint (sd_rule_get_post_b_id (rule), ==, id (f->admin));

  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 0);
  g_assert_cmpint (sd_rule_get_post_a_id (rule), ==, 0);
  g_assert_cmpstr (sd_rule_get_post_type_a (rule), ==, "system-admin");
}

static void
delete_rule_cb (SdRulesView *view,
                SdRule      *rule,
                SdRule     **deleted)
{
  *deleted = rule;
}

static void
test_rules_view (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = sd_rules_view_new (f->store);
  GListModel *rules = sd_store_get_items (f->store, SD_TYPE_RULE);
  g_autoptr(SdRule) first = g_list_model_get_item (rules, 0);
  g_autofree char *title = sd_rule_title (f->store, first);
  SdRule *deleted = NULL;
  GtkWidget *row;

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  sd_test_iterate ();

  /* The schema's rules, named by their post types. */
  g_assert_cmpuint (g_list_model_get_n_items (rules), >=, 3);
  g_assert_cmpstr (title, ==, "Security administrator × Network administrator");
  row = find_row (window, ADW_TYPE_ACTION_ROW, title);

  g_signal_connect (view, "delete-rule", G_CALLBACK (delete_rule_cb), &deleted);
  g_signal_emit_by_name (find_widget (row, GTK_TYPE_BUTTON, NULL), "clicked");
  g_assert_true (deleted == first);
  /* The view leaves the deleting to the page. */
  g_assert_nonnull (sd_store_lookup (f->store, SD_TYPE_RULE, id (first)));

  /* A click on a row opens its editor. */
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  sd_test_iterate ();
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

        found |= SD_IS_RULE_EDITOR (toplevel) &&
                 sd_editor_window_get_item (SD_EDITOR_WINDOW (toplevel)) == (gpointer) first;
      }
    g_assert_true (found);
  }
}

static void
test_people_view (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = sd_people_view_new (f->store);
  GListModel *model = sd_people_view_get_model (SD_PEOPLE_VIEW (view));
  GtkWidget *no_results;

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 600);
  gtk_window_present (GTK_WINDOW (window));
  sd_test_iterate ();

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  sd_people_view_set_search_text (SD_PEOPLE_VIEW (view), "张");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* Job titles too, whatever the case. */
  sd_people_view_set_search_text (SD_PEOPLE_VIEW (view), "network");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  sd_people_view_set_search_text (SD_PEOPLE_VIEW (view), "主任");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  sd_people_view_set_search_text (SD_PEOPLE_VIEW (view), "nobody");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  no_results = find_widget (window, ADW_TYPE_STATUS_PAGE, NULL);
  g_assert_nonnull (no_results);
  sd_test_iterate ();
  {
    GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (no_results, GTK_TYPE_STACK));

    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "no-results");
    sd_people_view_set_search_text (SD_PEOPLE_VIEW (view), "");
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  }

  /* A new person appears; one removed goes. */
  g_assert_true (sd_store_delete (f->store, f->wang, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
}

static void
test_people_view_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sd-test-editors-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(SdStore) store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view;
  GtkWidget *status;

  g_assert_no_error (error);
  view = sd_people_view_new (store);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  sd_test_iterate ();

  status = find_widget (window, ADW_TYPE_STATUS_PAGE, NULL);
  g_assert_true (gtk_widget_get_mapped (status));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No People");

  gtk_window_destroy (GTK_WINDOW (window));
  sd_test_iterate ();
  sd_test_remove_store (&store, dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/editors/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("unit-new", test_unit_new);
  ADD ("unit-existing", test_unit_existing);
  ADD ("post-holders", test_post_holders);
  ADD ("post-holder-breaks-rule", test_post_holder_breaks_rule);
  ADD ("post-full-time-required", test_post_full_time_required);
  ADD ("post-picker", test_post_picker);
  ADD ("post-new", test_post_new);
  ADD ("person-part-time", test_person_part_time);
  ADD ("person-new", test_person_new);
  ADD ("body-members", test_body_members);
  ADD ("rule-new", test_rule_new);
  ADD ("rules-view", test_rules_view);
  ADD ("people-view", test_people_view);
#undef ADD
  g_test_add_func ("/editors/people-view-empty", test_people_view_empty);

  return g_test_run ();
}
