/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The duty editor, the paste dialog and the per-party list of duties under
 * Xvfb: a new duty is created once its code and text are applied, a code
 * another duty has is refused, a pasted regulation becomes duties in order
 * and one undo takes them all away, and the list of a party's duties
 * follows the store.
 */

#define G_LOG_DOMAIN "test-duty-ui"

#include "config.h"

#include "sd-duties-page-private.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sd-assignment.h"
#include "sd-body.h"
#include "sd-duty-editor.h"
#include "sd-duty-order.h"
#include "sd-duty-paste-dialog.h"
#include "sd-party-duties-view.h"
#include "sd-post.h"
#include "sd-store.h"
#include "sd-test-widgets.h"
#include "sd-unit.h"

#define ADMIN_AREA "安全管理员职责"
#define GROUP_AREA "领导小组职责"

typedef struct
{
  char    *dir;
  SdStore *store;
  SdUnit  *security;
  SdPost  *admin, *sysadmin;
  SdBody  *group;
  SdDuty  *d1, *d2, *d3, *lead;
} Fixture;

static gint64
id (gpointer item)
{
  return sd_item_get_id (SD_ITEM (item));
}

static SdDuty *
add_duty (Fixture    *f,
          const char *code,
          const char *area,
          const char *text,
          int         position)
{
  g_autoptr(GError) error = NULL;
  SdDuty *duty = sd_store_insert (f->store, SD_TYPE_DUTY, &error, "code", code, "area", area,
                                  "text", text, "position", position, NULL);

  g_assert_no_error (error);
  return duty;
}

static void
assign (Fixture    *f,
        SdDuty     *duty,
        const char *party_property,
        gpointer    party,
        const char *role)
{
  g_autoptr(GError) error = NULL;

  sd_store_insert (f->store, SD_TYPE_ASSIGNMENT, &error, "duty-id", id (duty),
                   party_property, id (party), "role", role, NULL);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("sd-test-duty-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "duties.db", NULL);
  f->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  f->security = sd_store_insert (f->store, SD_TYPE_UNIT, &error, "name", "网络安全管理部",
                                 "kind", "department", NULL);
  g_assert_no_error (error);
  f->admin = sd_store_insert (f->store, SD_TYPE_POST, &error, "name", "安全管理员",
                              "unit-id", id (f->security), "post-type", "security-admin", NULL);
  g_assert_no_error (error);
  f->sysadmin = sd_store_insert (f->store, SD_TYPE_POST, &error, "name", "系统管理员",
                                 "unit-id", id (f->security), "post-type", "system-admin", NULL);
  g_assert_no_error (error);
  f->group = sd_store_insert (f->store, SD_TYPE_BODY, &error, "name", "网络安全领导小组",
                              "kind", "leadership", NULL);
  g_assert_no_error (error);

  f->lead = add_duty (f, "001-1", GROUP_AREA, "统筹网络安全工作。", 0);
  f->d1 = add_duty (f, "003-1", ADMIN_AREA, "负责安全策略的制定。", 1);
  f->d2 = add_duty (f, "003-2", ADMIN_AREA, "负责安全审计日志的检查。", 2);
  f->d3 = add_duty (f, "003-3", ADMIN_AREA, "负责安全事件的报告。", 3);

  assign (f, f->d1, "post-id", f->admin, "R");
  assign (f, f->d2, "post-id", f->admin, "A");
  assign (f, f->d2, "post-id", f->sysadmin, "R");
  assign (f, f->d3, "unit-id", f->security, "C");
  assign (f, f->lead, "body-id", f->group, "A");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sd_test_destroy_windows ();
  sd_test_remove_store (&f->store, f->dir);
  g_free (f->dir);
}

/* Finding widgets, as a user sees them: hidden ones are not there. */

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *title)
{
  if (!sd_test_shown (root))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (title == NULL ||
       (ADW_IS_PREFERENCES_ROW (root) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0) ||
       (ADW_IS_STATUS_PAGE (root) &&
        g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (root)), title) == 0)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
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

static gboolean
shows_row (GtkWidget  *root,
           const char *title,
           const char *subtitle)
{
  GtkWidget *row;

  if (!sd_test_shown (root))
    return FALSE;
  row = root;
  if (ADW_IS_ACTION_ROW (row) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0 &&
      g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), subtitle) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_row (child, title, subtitle))
      return TRUE;
  return FALSE;
}

static GtkTextView *
find_text_view (gpointer window)
{
  return GTK_TEXT_VIEW (find_row (window, GTK_TYPE_TEXT_VIEW, NULL));
}

static void
set_text (GtkTextView *view,
          const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static char *
get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The Ctrl+Enter of the text view. */
static void
apply_text (gpointer window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "duty.apply-text", NULL);
  sd_test_iterate ();
}

static SdDuty *
find_duty (Fixture    *f,
           const char *code)
{
  GListModel *duties = sd_store_get_items (f->store, SD_TYPE_DUTY);

  for (guint i = 0; i < g_list_model_get_n_items (duties); i++)
    {
      g_autoptr(SdDuty) duty = g_list_model_get_item (duties, i);

      if (g_strcmp0 (sd_duty_get_code (duty), code) == 0)
        return duty;
    }
  return NULL;
}

/* The codes of the duties of @area, in the matrix's order. */
static char *
area_codes (Fixture    *f,
            const char *area)
{
  g_autoptr(GPtrArray) duties = sd_duties_in_area (f->store, area);
  GString *codes = g_string_new (NULL);

  for (guint i = 0; i < duties->len; i++)
    {
      if (codes->len > 0)
        g_string_append_c (codes, ' ');
      g_string_append (codes, sd_duty_get_code (g_ptr_array_index (duties, i)));
    }
  return g_string_free (codes, FALSE);
}

/* The editor */

static void
test_editor_new (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *duties = sd_store_get_items (f->store, SD_TYPE_DUTY);
  guint n_duties = g_list_model_get_n_items (duties);
  GtkWidget *editor = sd_duty_editor_new (f->store, NULL, ADMIN_AREA);
  GtkWidget *code = find_row (editor, ADW_TYPE_ENTRY_ROW, "Code");
  GtkWidget *area = find_row (editor, ADW_TYPE_ENTRY_ROW, "Area");
  GtkTextView *text = find_text_view (editor);
  g_autofree char *shown = NULL;
  SdDuty *duty;

  gtk_window_present (GTK_WINDOW (editor));
  sd_test_iterate ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Duty");
  /* The next code of the area is suggested, and the area is filled in. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (code)), ==, "003-4");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (area)), ==, ADMIN_AREA);
  /* The text is where the user starts. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (editor)) == GTK_WIDGET (text));

  /* Nothing is created without a text, even with the code applied. */
  g_signal_emit_by_name (code, "apply");
  apply_text (editor);
  g_assert_cmpuint (g_list_model_get_n_items (duties), ==, n_duties);

  /* Typed, the text is not stored until it is applied. */
  set_text (text, "  负责网络安全管理制度的落实；\n督促各部门整改。 ");
  sd_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (duties), ==, n_duties);
  apply_text (editor);
  g_assert_cmpuint (g_list_model_get_n_items (duties), ==, n_duties + 1);

  duty = sd_editor_window_get_item (SD_EDITOR_WINDOW (editor));
  g_assert_nonnull (duty);
  g_assert_cmpstr (sd_duty_get_code (duty), ==, "003-4");
  g_assert_cmpstr (sd_duty_get_area (duty), ==, ADMIN_AREA);
  g_assert_cmpstr (sd_duty_get_text (duty), ==, "负责网络安全管理制度的落实；\n督促各部门整改。");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Duty");
  /* It comes last in its area. */
  {
    g_autofree char *codes = area_codes (f, ADMIN_AREA);

    g_assert_cmpstr (codes, ==, "003-1 003-2 003-3 003-4");
  }

  /* From now on each field is stored when applied. */
  sd_test_type_and_apply (editor, "Code", "003-10");
  g_assert_cmpstr (sd_duty_get_code (duty), ==, "003-10");
  sd_test_type_and_apply (editor, "Source (document and article)", "《网络安全管理办法》第九条");
  g_assert_cmpstr (sd_duty_get_source (duty), ==, "《网络安全管理办法》第九条");
  set_text (text, "负责网络安全管理制度的落实。");
  apply_text (editor);
  g_assert_cmpstr (sd_duty_get_text (duty), ==, "负责网络安全管理制度的落实。");
  sd_test_type_and_apply (editor, "Area", GROUP_AREA);
  g_assert_cmpstr (sd_duty_get_area (duty), ==, GROUP_AREA);

  /* An empty text is refused, and the stored one shows again. */
  set_text (text, "   ");
  apply_text (editor);
  g_assert_cmpstr (sd_duty_get_text (duty), ==, "负责网络安全管理制度的落实。");
  shown = get_text (text);
  g_assert_cmpstr (shown, ==, "负责网络安全管理制度的落实。");

  /* A change made elsewhere shows up in the editor. */
  g_assert_true (sd_store_update (f->store, duty, NULL, "text", "负责制度落实。",
                                  "code", "003-11", NULL));
  sd_test_iterate ();
  g_clear_pointer (&shown, g_free);
  shown = get_text (text);
  g_assert_cmpstr (shown, ==, "负责制度落实。");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (code)), ==, "003-11");
}

static void
test_editor_text_on_focus_out (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *editor = sd_duty_editor_new (f->store, f->d1, NULL);
  GtkWidget *code = find_row (editor, ADW_TYPE_ENTRY_ROW, "Code");
  GtkTextView *text = find_text_view (editor);

  gtk_window_present (GTK_WINDOW (editor));
  sd_test_iterate ();
  gtk_widget_grab_focus (GTK_WIDGET (text));
  sd_test_iterate ();
  set_text (text, "负责安全策略的制定和发布。");
  sd_test_iterate ();
  g_assert_cmpstr (sd_duty_get_text (f->d1), ==, "负责安全策略的制定。");

  /* Leaving the text stores it. */
  gtk_widget_grab_focus (code);
  sd_test_iterate ();
  g_assert_cmpstr (sd_duty_get_text (f->d1), ==, "负责安全策略的制定和发布。");
}

static void
test_editor_duplicate_code (Fixture       *f,
                            gconstpointer  data)
{
  GListModel *duties = sd_store_get_items (f->store, SD_TYPE_DUTY);
  guint n_duties = g_list_model_get_n_items (duties);
  GtkWidget *editor = sd_duty_editor_new (f->store, f->d2, NULL);
  GtkWidget *code = find_row (editor, ADW_TYPE_ENTRY_ROW, "Code");
  GtkWidget *other;

  gtk_window_present (GTK_WINDOW (editor));
  sd_test_iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (code)), ==, "003-2");
  g_assert_null (sd_test_find (editor, sd_test_label_showing, "Another duty has this code"));

  /* Typing the code of another duty says so at once ... */
  gtk_editable_set_text (GTK_EDITABLE (code), "003-1");
  sd_test_iterate ();
  g_assert_true (gtk_widget_has_css_class (code, "error"));
  g_assert_nonnull (sd_test_find (editor, sd_test_label_showing,
                                  "Another duty has this code: “负责安全策略的制定。”"));
  /* ... and applying it changes nothing. */
  g_signal_emit_by_name (code, "apply");
  sd_test_iterate ();
  g_assert_cmpstr (sd_duty_get_code (f->d2), ==, "003-2");
  g_assert_cmpstr (sd_duty_get_code (f->d1), ==, "003-1");

  /* Its own code is no conflict. */
  gtk_editable_set_text (GTK_EDITABLE (code), "003-2");
  sd_test_iterate ();
  g_assert_false (gtk_widget_has_css_class (code, "error"));
  g_assert_null (sd_test_find (editor, sd_test_label_showing, "Another duty has this code"));

  /* Closed with the duplicate typed, the editor stores what was typed as
   * it does for every field; the store's unique code refuses it. */
  gtk_editable_set_text (GTK_EDITABLE (code), "003-3");
  gtk_window_close (GTK_WINDOW (editor));
  sd_test_iterate ();
  g_assert_cmpstr (sd_duty_get_code (f->d2), ==, "003-2");

  /* A new duty with a taken code is not created. */
  other = sd_duty_editor_new (f->store, NULL, ADMIN_AREA);
  gtk_window_present (GTK_WINDOW (other));
  sd_test_iterate ();
  sd_test_type_and_apply (other, "Code", "003-1");
  set_text (find_text_view (other), "负责机房的安全管理。");
  apply_text (other);
  g_assert_cmpuint (g_list_model_get_n_items (duties), ==, n_duties);
  g_assert_null (sd_editor_window_get_item (SD_EDITOR_WINDOW (other)));
  g_assert_nonnull (sd_test_find (other, sd_test_label_showing, "Another duty has this code"));

  /* With a free code it is. */
  sd_test_type_and_apply (other, "Code", "003-5");
  g_assert_cmpuint (g_list_model_get_n_items (duties), ==, n_duties + 1);
  g_assert_nonnull (find_duty (f, "003-5"));
  g_assert_cmpstr (sd_duty_get_text (find_duty (f, "003-5")), ==, "负责机房的安全管理。");
}

static void
test_editor_holders (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *editor = sd_duty_editor_new (f->store, f->d2, NULL);
  g_autoptr(GError) error = NULL;

  gtk_window_present (GTK_WINDOW (editor));
  sd_test_iterate ();
  g_assert_nonnull (sd_test_find (editor, sd_test_label_showing,
                                  "Roles are set in the duty matrix."));
  /* R before A, as the matrix reads. */
  g_assert_true (shows_row (editor, "Post · 系统管理员 (网络安全管理部)", "Responsible"));
  g_assert_true (shows_row (editor, "Post · 安全管理员 (网络安全管理部)", "Accountable"));
  g_assert_false (shows_row (editor, "Unit · 网络安全管理部", "Informed"));

  /* An assignment made in the matrix shows up. */
  assign (f, f->d2, "unit-id", f->security, "I");
  sd_test_iterate ();
  g_assert_true (shows_row (editor, "Unit · 网络安全管理部", "Informed"));
}

/* The paste dialog */

static const char snippet[] =
  "安全管理员的主要职责：\r\n"
  "1、负责制定网络安全管理制度；\n"
  "2、负责组织安全检查，\n"
  "督促各部门整改；\n"
  "\n"
  "3、负责安全事件的报告和处置。\n";

static void
added_cb (SdDutyPasteDialog *dialog,
          guint              n_added,
          GArray            *ids,
          GArray           **out)
{
  g_assert_cmpuint (n_added, ==, ids->len);
  *out = g_array_ref (ids);
}

static void
test_paste (Fixture       *f,
            gconstpointer  data)
{
  GListModel *duties = sd_store_get_items (f->store, SD_TYPE_DUTY);
  guint n_duties = g_list_model_get_n_items (duties);
  GtkWidget *dialog = sd_duty_paste_dialog_new (f->store, f->d1);
  SdDutyPasteDialog *paste = SD_DUTY_PASTE_DIALOG (dialog);
  g_autoptr(GArray) signalled = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *original = area_codes (f, ADMIN_AREA);
  GtkWidget *add;

  g_signal_connect (dialog, "added", G_CALLBACK (added_cb), &signalled);
  gtk_window_present (GTK_WINDOW (dialog));
  sd_test_iterate ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==,
                   "Paste Duties from a Regulation");
  /* The area and the code prefix of the duty the new ones follow. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (dialog, ADW_TYPE_ENTRY_ROW,
                                                                  "Area"))), ==, ADMIN_AREA);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (dialog, ADW_TYPE_ENTRY_ROW,
                                                                  "Code Prefix"))), ==, "003-");

  /* Nothing pasted yet. */
  sd_duty_paste_dialog_set_text (paste, "");
  sd_test_iterate ();
  g_assert_cmpuint (sd_duty_paste_dialog_get_n_items (paste), ==, 0);
  g_assert_nonnull (find_widget (dialog, ADW_TYPE_STATUS_PAGE, "No numbered items found"));
  add = sd_test_find (dialog, sd_test_button_labelled, "_Add Duties");
  g_assert_nonnull (add);
  g_assert_false (gtk_widget_get_sensitive (add));

  /* The preview follows the text as it is typed. */
  sd_duty_paste_dialog_set_text (paste, snippet);
  sd_test_iterate ();
  g_assert_cmpuint (sd_duty_paste_dialog_get_n_items (paste), ==, 3);
  g_assert_null (find_widget (dialog, ADW_TYPE_STATUS_PAGE, "No numbered items found"));
  g_assert_nonnull (sd_test_find (dialog, sd_test_label_showing, "负责制定网络安全管理制度"));
  /* A continued line belongs to the item before it. */
  g_assert_nonnull (sd_test_find (dialog, sd_test_label_showing, "负责组织安全检查，督促各部门整改"));

  /* With the prefix "003-" the codes 003-1 to 003-3 are taken: the add is
   * refused, and the message says which and what to do. */
  g_assert_cmpuint (sd_duty_paste_dialog_get_n_conflicts (paste), ==, 3);
  g_assert_cmpuint (sd_duty_paste_dialog_get_n_to_add (paste), ==, 0);
  g_assert_nonnull (sd_test_find (dialog, sd_test_label_showing,
                                  "3 codes are taken already (003-1, 003-2, 003-3)"));
  g_assert_nonnull (sd_test_find (dialog, sd_test_label_showing, "Code taken"));
  g_assert_null (sd_duty_paste_dialog_add (paste, &error));
  g_assert_error (error, SD_STORE_ERROR, SD_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (duties), ==, n_duties);

  /* A prefix of their own gives them free codes. */
  gtk_editable_set_text (GTK_EDITABLE (find_row (dialog, ADW_TYPE_ENTRY_ROW, "Code Prefix")),
                         "003-2.");
  sd_test_iterate ();
  g_assert_cmpuint (sd_duty_paste_dialog_get_n_conflicts (paste), ==, 0);
  g_assert_cmpuint (sd_duty_paste_dialog_get_n_to_add (paste), ==, 3);
  g_assert_true (add == sd_test_find (dialog, sd_test_button_labelled, "_Add 3 Duties"));
  g_assert_true (gtk_widget_get_sensitive (add));
  g_assert_null (sd_test_find (dialog, sd_test_label_showing, "Code taken"));
  g_assert_nonnull (sd_test_find (dialog, sd_test_label_showing, "003-2.1"));
  sd_duty_paste_dialog_set_source (paste, "《安全管理办法》第九条");

  ids = sd_duty_paste_dialog_add (paste, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ids);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_nonnull (signalled);
  g_assert_cmpuint (signalled->len, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (duties), ==, n_duties + 3);
  sd_test_iterate ();

  /* In order, right after the duty they follow, and the ones after it
   * still after them. */
  codes = area_codes (f, ADMIN_AREA);
  g_assert_cmpstr (codes, ==, "003-1 003-2.1 003-2.2 003-2.3 003-2 003-3");
  for (guint i = 0; i < ids->len; i++)
    {
      SdDuty *duty = sd_store_lookup (f->store, SD_TYPE_DUTY, g_array_index (ids, gint64, i));
      g_autofree char *code = g_strdup_printf ("003-2.%u", i + 1);

      g_assert_nonnull (duty);
      g_assert_cmpint (g_array_index (signalled, gint64, i), ==, id (duty));
      g_assert_cmpstr (sd_duty_get_code (duty), ==, code);
      g_assert_cmpstr (sd_duty_get_area (duty), ==, ADMIN_AREA);
      g_assert_cmpstr (sd_duty_get_source (duty), ==, "《安全管理办法》第九条");
    }
  g_assert_true (g_str_has_prefix (sd_duty_get_text (sd_store_lookup (f->store, SD_TYPE_DUTY,
                                                                       g_array_index (ids, gint64,
                                                                                      1))),
                                   "负责组织安全检查，督促各部门整改"));

  /* One undo takes them all away. */
  g_assert_true (sd_duty_paste_undo (f->store, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (duties), ==, n_duties);
  g_clear_pointer (&codes, g_free);
  codes = area_codes (f, ADMIN_AREA);
  g_assert_cmpstr (codes, ==, original);
  for (guint i = 0; i < ids->len; i++)
    g_assert_null (sd_store_lookup (f->store, SD_TYPE_DUTY, g_array_index (ids, gint64, i)));
}

static void
test_paste_skip_and_end_of_area (Fixture       *f,
                                 gconstpointer  data)
{
  GListModel *duties = sd_store_get_items (f->store, SD_TYPE_DUTY);
  guint n_duties = g_list_model_get_n_items (duties);
  GtkWidget *dialog = sd_duty_paste_dialog_new (f->store, NULL);
  SdDutyPasteDialog *paste = SD_DUTY_PASTE_DIALOG (dialog);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *codes = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  sd_test_iterate ();
  sd_duty_paste_dialog_set_area (paste, GROUP_AREA);
  sd_duty_paste_dialog_set_prefix (paste, "001-");
  sd_duty_paste_dialog_set_text (paste,
                                 "一、统筹网络安全工作；\n"
                                 "二、审定网络安全规划；\n"
                                 "三、研究解决重大问题。\n");
  sd_test_iterate ();
  /* 001-1 is taken: the user chooses to leave it out. */
  g_assert_cmpuint (sd_duty_paste_dialog_get_n_items (paste), ==, 3);
  g_assert_cmpuint (sd_duty_paste_dialog_get_n_conflicts (paste), ==, 1);
  g_assert_cmpuint (sd_duty_paste_dialog_get_n_to_add (paste), ==, 0);
  sd_duty_paste_dialog_set_skip_existing (paste, TRUE);
  g_assert_cmpuint (sd_duty_paste_dialog_get_n_to_add (paste), ==, 2);
  g_assert_nonnull (sd_test_find (dialog, sd_test_label_showing, "1 item is left out"));

  ids = sd_duty_paste_dialog_add (paste, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (duties), ==, n_duties + 2);
  /* At the end of the area; the other area is untouched. */
  codes = area_codes (f, GROUP_AREA);
  g_assert_cmpstr (codes, ==, "001-1 001-2 001-3");
  g_clear_pointer (&codes, g_free);
  codes = area_codes (f, ADMIN_AREA);
  g_assert_cmpstr (codes, ==, "003-1 003-2 003-3");
}

static void
test_paste_from_clipboard (Fixture       *f,
                           gconstpointer  data)
{
  GdkClipboard *clipboard = gdk_display_get_clipboard (gdk_display_get_default ());
  GtkWidget *dialog;
  SdDutyPasteDialog *paste;
  gint64 end_time;

  gdk_clipboard_set_text (clipboard, snippet);
  dialog = sd_duty_paste_dialog_new (f->store, f->d3);
  paste = SD_DUTY_PASTE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  /* The clipboard is read in the background. */
  end_time = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  while (sd_duty_paste_dialog_get_n_items (paste) == 0 && g_get_monotonic_time () < end_time)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (sd_duty_paste_dialog_get_n_items (paste), ==, 3);
}

/* The list of a party's duties */

static char *
list_rows (SdPartyDutiesView *view)
{
  GListModel *rows = sd_party_duties_view_get_duties (view);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(SdPartyDuty) row = g_list_model_get_item (rows, i);

      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append_printf (out, "%s %s", sd_duty_get_code (sd_party_duty_get_duty (row)),
                              sd_party_duty_get_role (row));
      if (sd_party_duties_view_get_include_posts (view))
        g_string_append_printf (out, " %s", sd_party_duty_get_party (row));
    }
  return g_string_free (out, FALSE);
}

static void
test_party_view (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = sd_party_duties_view_new (f->store);
  SdPartyDutiesView *party = SD_PARTY_DUTIES_VIEW (view);
  g_autofree char *rows = NULL;
  GtkDropDown *chooser;
  SdPartyKind kind;
  gint64 party_id;

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_present (GTK_WINDOW (window));
  sd_test_iterate ();

  /* Nothing chosen yet. */
  g_assert_false (sd_party_duties_view_get_party (party, NULL, NULL));
  g_assert_nonnull (find_widget (view, ADW_TYPE_STATUS_PAGE, "Choose a post, unit or body"));
  g_assert_cmpuint (g_list_model_get_n_items (sd_party_duties_view_get_duties (party)), ==, 0);

  sd_party_duties_view_set_party (party, SD_PARTY_POST, id (f->admin));
  sd_test_iterate ();
  rows = list_rows (party);
  g_assert_cmpstr (rows, ==, "003-1 R; 003-2 A");
  {
    g_autoptr(SdPartyDuty) row = g_list_model_get_item (sd_party_duties_view_get_duties (party),
                                                        0);

    g_assert_cmpstr (sd_party_duty_get_role_label (row), ==, "Responsible");
  }
  g_assert_nonnull (find_widget (view, GTK_TYPE_COLUMN_VIEW, NULL));
  /* The chooser shows the party. */
  chooser = GTK_DROP_DOWN (find_widget (view, GTK_TYPE_DROP_DOWN, NULL));
  g_assert_nonnull (chooser);
  g_assert_cmpint (id (gtk_drop_down_get_selected_item (chooser)), ==, id (f->admin));
  g_assert_true (SD_IS_POST (gtk_drop_down_get_selected_item (chooser)));

  /* An assignment added through the store shows up. */
  assign (f, f->d3, "post-id", f->admin, "I");
  sd_test_iterate ();
  g_clear_pointer (&rows, g_free);
  rows = list_rows (party);
  g_assert_cmpstr (rows, ==, "003-1 R; 003-2 A; 003-3 I");
  /* ... and a duty changed elsewhere too. */
  g_assert_true (sd_store_delete (f->store, f->d1, NULL));
  sd_test_iterate ();
  g_clear_pointer (&rows, g_free);
  rows = list_rows (party);
  g_assert_cmpstr (rows, ==, "003-2 A; 003-3 I");

  /* Chosen in the chooser, as the user does it. */
  {
    GListModel *model = gtk_drop_down_get_model (chooser);
    guint found = GTK_INVALID_LIST_POSITION;

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (model, i);

        if (SD_IS_BODY (item) && id (item) == id (f->group))
          found = i;
      }
    g_assert_cmpuint (found, !=, GTK_INVALID_LIST_POSITION);
    gtk_drop_down_set_selected (chooser, found);
  }
  sd_test_iterate ();
  g_assert_true (sd_party_duties_view_get_party (party, &kind, &party_id));
  g_assert_cmpint (kind, ==, SD_PARTY_BODY);
  g_assert_cmpint (party_id, ==, id (f->group));
  g_clear_pointer (&rows, g_free);
  rows = list_rows (party);
  g_assert_cmpstr (rows, ==, "001-1 A");

  /* A unit, with and without its posts. */
  sd_party_duties_view_set_party (party, SD_PARTY_UNIT, id (f->security));
  sd_test_iterate ();
  g_clear_pointer (&rows, g_free);
  rows = list_rows (party);
  g_assert_cmpstr (rows, ==, "003-3 C");
  sd_party_duties_view_set_include_posts (party, TRUE);
  sd_test_iterate ();
  g_clear_pointer (&rows, g_free);
  rows = list_rows (party);
  g_assert_cmpstr (rows, ==,
                   "003-2 R 系统管理员; 003-2 A 安全管理员; 003-3 C 网络安全管理部; 003-3 I 安全管理员");
  sd_party_duties_view_set_include_posts (party, FALSE);

  /* A post with no duty says so. */
  sd_party_duties_view_set_party (party, SD_PARTY_POST, id (f->sysadmin));
  g_assert_true (sd_store_delete (f->store, f->d2, NULL));
  sd_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (sd_party_duties_view_get_duties (party)), ==, 0);
  g_assert_nonnull (find_widget (view, ADW_TYPE_STATUS_PAGE, "This post holds no duties yet"));
}

static void
test_party_view_sort (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = sd_party_duties_view_new (f->store);
  SdPartyDutiesView *party = SD_PARTY_DUTIES_VIEW (view);
  GtkColumnView *columns;
  GListModel *list;
  g_autofree char *rows = NULL;
  SdDuty *d10 = add_duty (f, "003-10", ADMIN_AREA, "负责安全培训。", 0);

  /* Listed first by position, 003-10 comes before 003-1 ... */
  assign (f, d10, "post-id", f->admin, "C");
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  sd_party_duties_view_set_party (party, SD_PARTY_POST, id (f->admin));
  sd_test_iterate ();
  rows = list_rows (party);
  g_assert_cmpstr (rows, ==, "003-10 C; 003-1 R; 003-2 A");

  /* ... sorted by code, it goes by number, and by role, R A C I. */
  columns = GTK_COLUMN_VIEW (find_widget (view, GTK_TYPE_COLUMN_VIEW, NULL));
  list = gtk_column_view_get_columns (columns);
  {
    g_autoptr(GtkColumnViewColumn) code = g_list_model_get_item (list, 0);
    g_autoptr(GtkColumnViewColumn) role = g_list_model_get_item (list, 3);

    g_assert_cmpstr (gtk_column_view_column_get_title (code), ==, "Code");
    g_assert_cmpstr (gtk_column_view_column_get_title (role), ==, "Role");
    gtk_column_view_sort_by_column (columns, code, GTK_SORT_ASCENDING);
    sd_test_iterate ();
    g_clear_pointer (&rows, g_free);
    rows = list_rows (party);
    g_assert_cmpstr (rows, ==, "003-1 R; 003-2 A; 003-10 C");

    gtk_column_view_sort_by_column (columns, role, GTK_SORT_DESCENDING);
    sd_test_iterate ();
    g_clear_pointer (&rows, g_free);
    rows = list_rows (party);
    g_assert_cmpstr (rows, ==, "003-10 C; 003-2 A; 003-1 R");
  }
}

/* The page's filters: the party drop-down leaves one column; the role and
 * problem filters leave the duties that match; clearing shows all again. */
static void
test_page_filters (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = sd_duties_page_new (f->store);
  SdDutiesPage *self = SD_DUTIES_PAGE (page);
  GListModel *parties;
  guint n_columns;

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  sd_test_iterate ();
  sd_duty_matrix_flush (self->matrix);
  n_columns = sd_duty_matrix_get_n_columns (self->matrix);
  g_assert_cmpuint (n_columns, >, 1);

  /* The choices are made when the menu opens. */
  gtk_menu_button_popup (self->filter_button);
  sd_test_iterate ();
  parties = gtk_drop_down_get_model (self->party_filter);
  g_assert_nonnull (parties);
  for (guint i = 1; i < g_list_model_get_n_items (parties); i++)
    {
      const char *label = gtk_string_list_get_string (GTK_STRING_LIST (parties), i);

      if (g_str_has_prefix (label, "系统管理员"))
        gtk_drop_down_set_selected (self->party_filter, i);
    }
  sd_duty_matrix_flush (self->matrix);
  g_assert_cmpuint (sd_duty_matrix_get_n_columns (self->matrix), ==, 1);
  g_assert_cmpuint (sd_duty_matrix_get_column (self->matrix, 0)->id, ==, id (f->sysadmin));

  /* Only duties with problems (003-1 has no A, 003-3 neither R nor A):
   * which ones is the core's test; here the page must apply it. */
  gtk_drop_down_set_selected (self->party_filter, 0);
  gtk_check_button_set_active (self->problems_filter, TRUE);
  sd_duty_matrix_flush (self->matrix);
  g_assert_cmpuint (sd_duty_matrix_get_n_shown (self->matrix), ==,
                    sd_duty_matrix_get_n_problems (self->matrix));
  g_assert_cmpuint (sd_duty_matrix_get_n_shown (self->matrix), <,
                    sd_duty_matrix_get_n_duties (self->matrix));

  /* "Clear Filters", the last widget of the filter menu. */
  g_signal_emit_by_name (gtk_widget_get_last_child (
    gtk_widget_get_parent (GTK_WIDGET (self->problems_filter))), "clicked");
  sd_duty_matrix_flush (self->matrix);
  g_assert_cmpuint (sd_duty_matrix_get_n_shown (self->matrix), ==,
                    sd_duty_matrix_get_n_duties (self->matrix));
  g_assert_cmpuint (sd_duty_matrix_get_n_columns (self->matrix), ==, n_columns);

  gtk_window_destroy (GTK_WINDOW (window));
  sd_test_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/duty-ui/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("editor-new", test_editor_new);
  ADD ("editor-text-on-focus-out", test_editor_text_on_focus_out);
  ADD ("editor-duplicate-code", test_editor_duplicate_code);
  ADD ("editor-holders", test_editor_holders);
  ADD ("paste", test_paste);
  ADD ("paste-skip-and-end-of-area", test_paste_skip_and_end_of_area);
  ADD ("paste-from-clipboard", test_paste_from_clipboard);
  ADD ("party-view", test_party_view);
  ADD ("party-view-sort", test_party_view_sort);
  ADD ("page-filters", test_page_filters);
#undef ADD

  return g_test_run ();
}
