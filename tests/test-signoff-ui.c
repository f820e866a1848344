/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * The heads' sign-off as the user drives it: the dashboard lists a unit as
 * never signed, the sign dialog records the head's signature through its
 * real "Sign" button, the summary counts it current, an edit of a role
 * makes it outdated and the dashboard names the changed line; the
 * signature pad keeps strokes.
 */

#define G_LOG_DOMAIN "test-signoff-ui"

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "sd-assignment.h"
#include "sd-duty.h"
#include "sd-person.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-sign-dialog.h"
#include "sd-sign-summary.h"
#include "sd-signature.h"
#include "sd-signature-pad.h"
#include "sd-signoff-view.h"
#include "sd-statement.h"
#include "sd-store.h"
#include "sd-test-widgets.h"
#include "sd-ui.h"
#include "sd-unit.h"

static GtkApplication *app;

typedef struct
{
  char          *dir;
  SdStore       *store;
  GtkWindow     *window;
  SdSignoffView *view;

  SdUnit        *unit;          /* 信息部: a head, a post with a holder, duties */
  SdUnit        *headless;      /* 后勤部: a duty, no head */
  SdUnit        *idle;          /* 财务部: nothing to sign */
  SdPerson      *head;
  SdAssignment  *post_duty;     /* 002 held by the post, R */
} Fixture;

static void
clicked_cb (GtkButton *button,
            gboolean  *clicked)
{
  *clicked = TRUE;
}

/* A button pressed with gtk_widget_activate() shows itself pressed for a
 * moment before it is clicked. */
static void
activate_button (GtkWidget *button)
{
  gboolean clicked = FALSE;
  gulong id = g_signal_connect (button, "clicked", G_CALLBACK (clicked_cb), &clicked);

  g_object_add_weak_pointer (G_OBJECT (button), (gpointer *) &button);
  g_assert_true (gtk_widget_activate (button));
  for (int i = 0; i < 400 && !clicked; i++)
    {
      g_usleep (5000);
      sd_test_iterate ();
    }
  g_assert_true (clicked);
  /* The button may be gone with its window. */
  if (button != NULL)
    {
      g_signal_handler_disconnect (button, id);
      g_object_remove_weak_pointer (G_OBJECT (button), (gpointer *) &button);
    }
}

static gpointer
insert (SdStore    *store,
        GType       type,
        const char *first,
        ...)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  g_autoptr(GError) error = NULL;
  gpointer item;
  va_list args;

  /* As sd_store_insert(), with the ids as gint64 whatever the literal. */
  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);
  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    {
      GValue value = G_VALUE_INIT;

      if (g_str_has_suffix (name, "-id"))
        {
          g_value_init (&value, G_TYPE_INT64);
          g_value_set_int64 (&value, va_arg (args, gint64));
        }
      else
        {
          g_value_init (&value, G_TYPE_STRING);
          g_value_set_string (&value, va_arg (args, const char *));
        }
      g_ptr_array_add (names, (gpointer) name);
      g_array_append_val (values, value);
    }
  va_end (args);

  item = sd_store_insertv (store, type, names->len, (const char **) names->pdata,
                           (const GValue *) values->data, &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);
  return item;
}

#define ID(item) ((gint64) sd_item_get_id (SD_ITEM (item)))

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  SdPerson *holder;
  SdPost *post;
  SdDuty *duty1, *duty2, *duty3;

  f->dir = g_dir_make_tmp ("sd-test-signoff-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "signoff.db", NULL);
  f->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  f->unit = insert (f->store, SD_TYPE_UNIT, "name", "信息部", NULL);
  f->headless = insert (f->store, SD_TYPE_UNIT, "name", "后勤部", NULL);
  f->idle = insert (f->store, SD_TYPE_UNIT, "name", "财务部", NULL);
  f->head = insert (f->store, SD_TYPE_PERSON, "name", "张伟", "unit-id", ID (f->unit), NULL);
  holder = insert (f->store, SD_TYPE_PERSON, "name", "李娜", "unit-id", ID (f->unit), NULL);
  g_assert_true (sd_store_update (f->store, f->unit, &error, "head-id", ID (f->head), NULL));
  g_assert_no_error (error);
  post = insert (f->store, SD_TYPE_POST, "name", "安全管理员", "unit-id", ID (f->unit),
                 "post-type", "security-admin", NULL);
  insert (f->store, SD_TYPE_POST_HOLDER, "post-id", ID (post), "person-id", ID (holder), NULL);

  duty1 = insert (f->store, SD_TYPE_DUTY, "code", "001", "area", "部门职责",
                  "text", "落实本单位网络安全工作。", "source", "003 第12条", NULL);
  duty2 = insert (f->store, SD_TYPE_DUTY, "code", "002", "area", "安全管理员职责",
                  "text", "监测网络安全事件。", NULL);
  duty3 = insert (f->store, SD_TYPE_DUTY, "code", "003", "area", "部门职责",
                  "text", "保障后勤设施安全。", NULL);
  insert (f->store, SD_TYPE_ASSIGNMENT, "duty-id", ID (duty1), "unit-id", ID (f->unit),
          "role", "A", NULL);
  f->post_duty = insert (f->store, SD_TYPE_ASSIGNMENT, "duty-id", ID (duty2),
                         "post-id", ID (post), "role", "R", NULL);
  insert (f->store, SD_TYPE_ASSIGNMENT, "duty-id", ID (duty3), "unit-id", ID (f->headless),
          "role", "R", NULL);

  f->window = GTK_WINDOW (gtk_application_window_new (app));
  gtk_window_set_default_size (f->window, 1200, 900);
  f->view = SD_SIGNOFF_VIEW (sd_signoff_view_new (f->store));
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  sd_test_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  sd_test_iterate ();
  sd_test_remove_store (&f->store, f->dir);
  g_free (f->dir);
}

/* Widgets as the user sees them */

static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *widget, gconstpointer data),
             gconstpointer data)
{
  if (gtk_widget_get_visible (root) && match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gtk_widget_get_visible (child) ? find_widget (child, match, data) : NULL;

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_button_labelled (GtkWidget    *widget,
                    gconstpointer label)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_unit_row (GtkWidget    *widget,
             gconstpointer name)
{
  return ADW_IS_ACTION_ROW (widget)
         && gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX) != NULL
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), name) == 0;
}

static gboolean
is_label_containing (GtkWidget    *widget,
                     gconstpointer text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
is_view_stack (GtkWidget    *widget,
               gconstpointer data)
{
  return ADW_IS_VIEW_STACK (widget);
}

static gboolean
is_text_view (GtkWidget    *widget,
              gconstpointer data)
{
  return GTK_IS_TEXT_VIEW (widget);
}

/* The state line of a unit's row in the list on the left, or NULL when the
 * unit has no row. */
static const char *
row_subtitle (Fixture *f,
              SdUnit  *unit)
{
  GtkWidget *row = find_widget (GTK_WIDGET (f->view), is_unit_row, sd_unit_get_name (unit));

  return row != NULL ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) : NULL;
}

static void
signed_cb (SdSignDialog *dialog,
           SdSignoff    *signoff,
           SdSignoff   **out)
{
  g_set_object (out, signoff);
}

/* Opens "Review and Sign…" on the unit shown and presses "Sign". */
static SdSignoff *
sign_through_dialog (Fixture    *f,
                     SdUnit     *unit,
                     const char *signer,
                     const char *meaning)
{
  SdSignoff *signoff = NULL;
  SdSignDialog *dialog;
  GtkWidget *button;

  sd_signoff_view_select_unit (f->view, ID (unit));
  sd_test_iterate ();
  button = find_widget (GTK_WIDGET (f->view), is_button_labelled, "_Review and Sign…");
  g_assert_nonnull (button);
  activate_button (button);

  dialog = sd_test_find_toplevel (SD_TYPE_SIGN_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (sd_sign_dialog_get_unit (dialog) == unit);
  g_assert_cmpstr (sd_sign_dialog_get_meaning (dialog), ==, sd_statement_default_meaning ());
  if (signer != NULL)
    sd_sign_dialog_set_signer (dialog, signer);
  sd_sign_dialog_set_meaning (dialog, meaning);
  g_signal_connect (dialog, "signed", G_CALLBACK (signed_cb), &signoff);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  button = find_widget (GTK_WIDGET (dialog), is_button_labelled, "_Sign");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  activate_button (button);

  g_assert_null (dialog);       /* it closed */
  g_assert_nonnull (signoff);
  return signoff;
}

/* Tests */

static void
test_never_then_signed (Fixture       *f,
                        gconstpointer  data)
{
  SdSignSummary *summary = sd_ui_get_sign_summary (f->store);
  g_autoptr(SdSignoff) signoff = NULL;
  const SdSignStatus *status;

  sd_sign_summary_flush (summary);
  sd_test_iterate ();
  g_assert_cmpuint (sd_sign_summary_get_n_never (summary), ==, 2);
  g_assert_cmpuint (sd_sign_summary_get_n_current (summary), ==, 0);
  g_assert_cmpuint (sd_sign_summary_get_n_outdated (summary), ==, 0);
  g_assert_cmpuint (sd_sign_summary_get_n_pending (summary), ==, 2);

  /* Units with duties are listed, the one with none is not. */
  g_assert_nonnull (strstr (row_subtitle (f, f->unit), "Never signed"));
  g_assert_nonnull (strstr (row_subtitle (f, f->unit), "张伟"));
  g_assert_nonnull (strstr (row_subtitle (f, f->headless), "Never signed"));
  g_assert_null (row_subtitle (f, f->idle));

  signoff = sign_through_dialog (f, f->unit, NULL, "本人已阅知并接受上述安全职责。");
  g_assert_cmpstr (sd_signoff_get_signer_name (signoff), ==, "张伟");
  g_assert_cmpint (sd_signoff_get_signer_person_id (signoff), ==, ID (f->head));
  g_assert_cmpstr (sd_signoff_get_meaning (signoff), ==, "本人已阅知并接受上述安全职责。");
  g_assert_cmpint (sd_signoff_get_unit_id (signoff), ==, ID (f->unit));
  g_assert_null (sd_signoff_get_signature (signoff));

  /* The summary hears of it from the store, once idle. */
  sd_sign_summary_flush (summary);
  sd_test_iterate ();
  g_assert_cmpuint (sd_sign_summary_get_n_current (summary), ==, 1);
  g_assert_cmpuint (sd_sign_summary_get_n_never (summary), ==, 1);
  status = sd_sign_summary_lookup (summary, ID (f->unit));
  g_assert_nonnull (status);
  g_assert_cmpint (status->state, ==, SD_SIGN_STATE_CURRENT);
  g_assert_true (status->latest == signoff);

  g_assert_nonnull (strstr (row_subtitle (f, f->unit), "Signed"));
  g_assert_null (strstr (row_subtitle (f, f->unit), "Never"));
  /* The history names the sign-off as current, with its hash. */
  {
    g_autofree char *hash = g_strndup (sd_signoff_get_sha256 (signoff), 12);

    GtkWidget *show = find_widget (GTK_WIDGET (f->view), is_button_labelled,
                                   "Show Signed _Text");
    GListModel *toplevels = gtk_window_get_toplevels ();
    gboolean shown = FALSE;

    g_assert_nonnull (find_widget (GTK_WIDGET (f->view), is_label_containing, hash));
    g_assert_nonnull (show);

    /* On the History page, it shows exactly the stored text. */
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_widget (GTK_WIDGET (f->view),
                                                                        is_view_stack, NULL)),
                                           "history");
    sd_test_iterate ();
    activate_button (show);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
        GtkWidget *view = find_widget (GTK_WIDGET (window), is_text_view, NULL);
        g_autofree char *text = NULL;
        GtkTextIter start, end;

        if (view == NULL || window == f->window)
          continue;
        gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                                    &start, &end);
        text = gtk_text_iter_get_text (&start, &end);
        g_assert_cmpstr (text, ==, sd_signoff_get_canonical_text (signoff));
        shown = TRUE;
        gtk_window_destroy (window);
        break;
      }
    g_assert_true (shown);
  }
}

static void
test_outdated_diff (Fixture       *f,
                    gconstpointer  data)
{
  SdSignSummary *summary = sd_ui_get_sign_summary (f->store);
  g_autoptr(SdSignoff) signoff = NULL;
  g_autoptr(GError) error = NULL;
  const SdSignStatus *status;
  GtkWidget *removed = NULL;
  GtkWidget *added = NULL;

  signoff = sign_through_dialog (f, f->unit, NULL, "I accept these duties.");
  sd_sign_summary_flush (summary);
  g_assert_cmpuint (sd_sign_summary_get_n_current (summary), ==, 1);
  g_assert_cmpuint (sd_sign_summary_get_n_outdated (summary), ==, 0);

  /* The post's role in 002 changes from R to A. */
  g_assert_true (sd_store_update (f->store, f->post_duty, &error, "role", "A", NULL));
  g_assert_no_error (error);
  g_assert_false (sd_sign_summary_is_current (summary));
  sd_sign_summary_flush (summary);
  g_assert_cmpuint (sd_sign_summary_get_n_outdated (summary), ==, 1);
  g_assert_cmpuint (sd_sign_summary_get_n_current (summary), ==, 0);
  status = sd_sign_summary_lookup (summary, ID (f->unit));
  g_assert_cmpint (status->state, ==, SD_SIGN_STATE_OUTDATED);
  g_assert_cmpuint (status->n_changes, ==, 2);

  /* The list says so, and the detail shows the one line as removed and
   * added again with the new role. */
  sd_signoff_view_select_unit (f->view, ID (f->unit));
  for (int i = 0; i < 50 && (removed == NULL || added == NULL); i++)
    {
      sd_test_iterate ();
      removed = find_widget (GTK_WIDGET (f->view), is_label_containing,
                             "Duty 职责: 002 | Party 承担方: 安全管理员 | Role 角色: R");
      added = find_widget (GTK_WIDGET (f->view), is_label_containing,
                           "Duty 职责: 002 | Party 承担方: 安全管理员 | Role 角色: A");
    }
  g_assert_nonnull (removed);
  g_assert_nonnull (added);
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (removed), "error"));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (added), "success"));
  /* The unchanged duty is not part of the diff. */
  g_assert_null (find_widget (GTK_WIDGET (f->view), is_label_containing, "Duty 职责: 001"));
  g_assert_nonnull (strstr (row_subtitle (f, f->unit), "Outdated"));

  /* Putting the role back makes the sign-off current again. */
  g_assert_true (sd_store_update (f->store, f->post_duty, &error, "role", "R", NULL));
  g_assert_no_error (error);
  sd_sign_summary_flush (summary);
  g_assert_cmpuint (sd_sign_summary_get_n_current (summary), ==, 1);
  g_assert_cmpuint (sd_sign_summary_get_n_outdated (summary), ==, 0);
}

/* A unit without a head: the signer is typed, and Sign waits for it. */
static void
test_named_signer (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SdSignoff) signoff = NULL;
  SdSignDialog *dialog;
  GtkWidget *sign;

  dialog = SD_SIGN_DIALOG (sd_sign_dialog_new (f->store, f->headless, f->window));
  gtk_window_present (GTK_WINDOW (dialog));
  sd_test_iterate ();
  sign = find_widget (GTK_WIDGET (dialog), is_button_labelled, "_Sign");
  g_assert_nonnull (sign);
  g_assert_false (gtk_widget_get_sensitive (sign));

  sd_sign_dialog_set_signer (dialog, "  王芳  ");
  g_assert_true (gtk_widget_get_sensitive (sign));
  sd_sign_dialog_set_meaning (dialog, " ");
  g_assert_false (gtk_widget_get_sensitive (sign));
  sd_sign_dialog_set_meaning (dialog, "Acknowledged.");
  g_assert_true (gtk_widget_get_sensitive (sign));

  /* With a handwritten signature. */
  sd_signature_pad_begin_stroke (sd_sign_dialog_get_signature_pad (dialog), 10, 10);
  sd_signature_pad_extend_stroke (sd_sign_dialog_get_signature_pad (dialog), 60, 40);
  sd_signature_pad_end_stroke (sd_sign_dialog_get_signature_pad (dialog));

  g_signal_connect (dialog, "signed", G_CALLBACK (signed_cb), &signoff);
  activate_button (sign);
  g_assert_nonnull (signoff);
  g_assert_cmpstr (sd_signoff_get_signer_name (signoff), ==, "王芳");
  g_assert_cmpint (sd_signoff_get_signer_person_id (signoff), ==, 0);
  g_assert_nonnull (sd_signoff_get_signature (signoff));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SdSignature) parsed = sd_signature_parse (sd_signoff_get_signature (signoff),
                                                        &error);

    g_assert_no_error (error);
    g_assert_cmpuint (sd_signature_get_n_strokes (parsed), ==, 1);
  }
}

/* Cancel and Escape close the dialog without signing. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  SdSignoff *signoff = NULL;
  SdSignDialog *dialog;

  dialog = SD_SIGN_DIALOG (sd_sign_dialog_new (f->store, f->unit, f->window));
  g_signal_connect (dialog, "signed", G_CALLBACK (signed_cb), &signoff);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  sd_test_iterate ();
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == f->window);
  /* What Escape is bound to. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  sd_test_iterate ();
  g_assert_null (dialog);
  g_assert_null (signoff);
  g_assert_null (sd_signoff_find_latest (f->store, ID (f->unit)));

  dialog = SD_SIGN_DIALOG (sd_sign_dialog_new (f->store, f->unit, f->window));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  sd_test_iterate ();
  activate_button (find_widget (GTK_WIDGET (dialog), is_button_labelled, "_Cancel"));
  g_assert_null (dialog);
  g_assert_null (sd_signoff_find_latest (f->store, ID (f->unit)));
}

/* A named signer for a unit with a head is recorded as someone else, and
 * as the person they are when the name is unambiguous. */
static void
test_other_signer (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SdSignoff) signoff = NULL;

  signoff = sign_through_dialog (f, f->unit, "李娜", "Signed in the head's absence.");
  g_assert_cmpstr (sd_signoff_get_signer_name (signoff), ==, "李娜");
  g_assert_cmpint (sd_signoff_get_signer_person_id (signoff), !=, 0);
  g_assert_cmpint (sd_signoff_get_signer_person_id (signoff), !=, ID (f->head));
  g_assert_cmpstr (sd_signoff_get_meaning (signoff), ==, "Signed in the head's absence.");
}

static void
test_signature_pad (void)
{
  GtkWidget *pad = g_object_ref_sink (sd_signature_pad_new ());
  SdSignaturePad *self = SD_SIGNATURE_PAD (pad);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SdSignature) parsed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sd_signature_pad_is_empty (self));
  g_assert_null (sd_signature_pad_get_signature (self));

  /* Two strokes, as the drag gesture draws them. */
  sd_signature_pad_begin_stroke (self, 20, 100);
  sd_signature_pad_extend_stroke (self, 60, 40);
  sd_signature_pad_extend_stroke (self, 100, 110);
  sd_signature_pad_end_stroke (self);
  sd_signature_pad_begin_stroke (self, 140, 60);
  sd_signature_pad_extend_stroke (self, 220, 80);
  sd_signature_pad_end_stroke (self);
  /* Moving without the pen down draws nothing. */
  sd_signature_pad_extend_stroke (self, 300, 10);

  g_assert_cmpuint (sd_signature_pad_get_n_strokes (self), ==, 2);
  bytes = sd_signature_pad_get_signature (self);
  g_assert_nonnull (bytes);
  parsed = sd_signature_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sd_signature_get_n_strokes (parsed), ==, 2);

  sd_signature_pad_undo (self);
  g_assert_cmpuint (sd_signature_pad_get_n_strokes (self), ==, 1);
  sd_signature_pad_clear (self);
  g_assert_true (sd_signature_pad_is_empty (self));
  g_assert_null (sd_signature_pad_get_signature (self));
  sd_signature_pad_undo (self);   /* nothing to undo: no harm */
  g_assert_cmpuint (sd_signature_pad_get_n_strokes (self), ==, 0);

  g_object_unref (pad);
}

/* The summary notifies its counts only when they change. */
static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
changed_cb (SdSignSummary *summary,
            guint         *count)
{
  (*count)++;
}

static void
test_summary_notify (Fixture       *f,
                     gconstpointer  data)
{
  SdSignSummary *summary = sd_ui_get_sign_summary (f->store);
  g_autoptr(SdStatement) statement = NULL;
  g_autoptr(GError) error = NULL;
  guint n_never = 0;
  guint changed = 0;

  g_assert_true (summary == sd_ui_get_sign_summary (f->store));
  sd_sign_summary_flush (summary);
  g_signal_connect (summary, "notify::n-never", G_CALLBACK (notify_cb), &n_never);
  g_signal_connect (summary, "changed", G_CALLBACK (changed_cb), &changed);

  /* Renaming a unit changes a statement's text, not the counts. */
  g_assert_true (sd_store_update (f->store, f->idle, &error, "name", "财务处", NULL));
  g_assert_no_error (error);
  sd_sign_summary_flush (summary);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (n_never, ==, 0);

  statement = sd_statement_new (f->store, f->headless);
  g_assert_nonnull (sd_statement_sign (f->store, statement, "王芳", 0, "OK", NULL, &error));
  g_assert_no_error (error);
  sd_sign_summary_flush (summary);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (n_never, ==, 1);
  g_assert_cmpuint (sd_sign_summary_get_n_never (summary), ==, 1);
  g_assert_cmpuint (sd_sign_summary_get_n_current (summary), ==, 1);
}

/* The summary after each edit is what working out every unit from scratch
 * gives, though it works out only the units an edit touched; a rollback
 * makes it start again from the file. */
static void
assert_summary_matches (SdSignSummary *summary,
                        SdStore       *store)
{
  g_autoptr(GPtrArray) full = sd_sign_status_list_brief (store);
  GPtrArray *kept;

  g_ptr_array_set_free_func (full, (GDestroyNotify) sd_sign_status_free);
  sd_sign_summary_flush (summary);
  g_assert_true (sd_sign_summary_is_current (summary));
  kept = sd_sign_summary_get_statuses (summary);
  g_assert_cmpuint (kept->len, ==, full->len);
  for (guint i = 0; i < full->len; i++)
    {
      SdSignStatus *a = g_ptr_array_index (kept, i);
      SdSignStatus *b = g_ptr_array_index (full, i);

      g_assert_true (a->unit == b->unit);
      g_assert_cmpint (a->state, ==, b->state);
      g_assert_true (a->latest == b->latest);
      g_assert_cmpuint (a->n_duties, ==, b->n_duties);
      g_assert_cmpuint (a->n_changes, ==, b->n_changes);
    }
}

static void
test_summary_follows_edits (Fixture       *f,
                            gconstpointer  data)
{
  SdSignSummary *summary = sd_ui_get_sign_summary (f->store);
  g_autoptr(GError) error = NULL;
  SdPerson *person;
  SdPost *post;

  sd_sign_summary_flush (summary);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SdStatement) statement = sd_statement_new (f->store, i == 0 ? f->unit
                                                                            : f->headless);

      g_assert_nonnull (sd_statement_sign (f->store, statement, "张伟", 0, "OK", NULL, &error));
      g_assert_no_error (error);
    }
  assert_summary_matches (summary, f->store);
  g_assert_cmpuint (sd_sign_summary_get_n_current (summary), ==, 2);

  /* A role, a new holder, a new post with a duty in the unit with none. */
  g_assert_true (sd_store_update (f->store, f->post_duty, &error, "role", "C", NULL));
  assert_summary_matches (summary, f->store);
  g_assert_cmpuint (sd_sign_summary_get_n_outdated (summary), ==, 1);
  person = insert (f->store, SD_TYPE_PERSON, "name", "周静", NULL);
  insert (f->store, SD_TYPE_POST_HOLDER, "post-id", sd_assignment_get_post_id (f->post_duty),
          "person-id", ID (person), NULL);
  post = insert (f->store, SD_TYPE_POST, "name", "会计", "unit-id", ID (f->idle), NULL);
  insert (f->store, SD_TYPE_ASSIGNMENT, "duty-id", sd_assignment_get_duty_id (f->post_duty),
          "post-id", ID (post), "role", "I", NULL);
  assert_summary_matches (summary, f->store);
  g_assert_cmpuint (sd_sign_summary_get_n_never (summary), ==, 1);

  /* The duty's text is in both statements that hold it. */
  g_assert_true (sd_store_update (f->store,
                                  sd_store_lookup (f->store, SD_TYPE_DUTY,
                                                   sd_assignment_get_duty_id (f->post_duty)),
                                  &error, "text", "监测并报告网络安全事件。", NULL));
  g_assert_no_error (error);
  assert_summary_matches (summary, f->store);

  /* The post moves to 后勤部: it leaves one statement for another. */
  g_assert_true (sd_store_update (f->store, post, &error, "unit-id", ID (f->headless), NULL));
  g_assert_no_error (error);
  assert_summary_matches (summary, f->store);
  g_assert_cmpuint (sd_sign_summary_get_n_outdated (summary), ==, 2);

  /* A batch that is rolled back. */
  g_assert_true (sd_store_begin (f->store, &error));
  g_assert_true (sd_store_delete (f->store, post, &error));
  sd_store_rollback (f->store);
  g_assert_false (sd_sign_summary_is_current (summary));
  assert_summary_matches (summary, f->store);
  g_assert_cmpuint (sd_sign_summary_get_n_outdated (summary), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* A window needs an application, which need not run. */
  app = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);

#define ADD(name, func) \
  g_test_add ("/signoff-ui/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("never-then-signed", test_never_then_signed);
  ADD ("outdated-diff", test_outdated_diff);
  ADD ("named-signer", test_named_signer);
  ADD ("other-signer", test_other_signer);
  ADD ("cancel", test_cancel);
  ADD ("summary-notify", test_summary_notify);
  ADD ("summary-follows-edits", test_summary_follows_edits);
  g_test_add_func ("/signoff-ui/signature-pad", test_signature_pad);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
