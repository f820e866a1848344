/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-plan-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-plan-editor.h"
#include "sd-plan-task.h"

/*
 * The goal and the policy are the editor base's fields. The work streams
 * are rows of their own: one entry row per stream, in the plan's order,
 * with buttons to move and remove it, and an entry row to add one. The
 * rows are made again when streams come, go or move; a rename or a new
 * task count only updates them, so that typing is not disturbed.
 */

typedef struct
{
  gint64     stream_id;
  GtkWidget *row;
  GtkWidget *count;
  GtkWidget *up;
  GtkWidget *down;
  GtkWidget *remove;
} StreamRow;

struct _SdPlanEditor
{
  SdEditorWindow       parent_instance;

  GtkWidget           *goal_row;
  AdwPreferencesGroup *streams_group;
  GtkWidget           *add_row;
  GArray              *rows;   /* StreamRow */
};

G_DEFINE_FINAL_TYPE (SdPlanEditor, sd_plan_editor, SD_TYPE_EDITOR_WINDOW)

static SdStore *
get_store (SdPlanEditor *self)
{
  return sd_editor_window_get_store (SD_EDITOR_WINDOW (self));
}

static SdPlan *
get_plan (SdPlanEditor *self)
{
  return sd_editor_window_get_item (SD_EDITOR_WINDOW (self));
}

static int
compare_streams (gconstpointer a,
                 gconstpointer b)
{
  SdPlanStream *x = *(SdPlanStream **) a;
  SdPlanStream *y = *(SdPlanStream **) b;
  int px = sd_plan_stream_get_position (x), py = sd_plan_stream_get_position (y);
  gint64 ix = sd_item_get_id (SD_ITEM (x)), iy = sd_item_get_id (SD_ITEM (y));

  if (px != py)
    return px < py ? -1 : 1;
  return ix < iy ? -1 : ix > iy;
}

/* The plan's streams in their order (transfer container). */
static GPtrArray *
plan_streams (SdPlanEditor *self)
{
  GListModel *streams = sd_store_get_items (get_store (self), SD_TYPE_PLAN_STREAM);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  SdPlan *plan = get_plan (self);
  gint64 plan_id = plan != NULL ? sd_item_get_id (SD_ITEM (plan)) : 0;

  for (guint i = 0; i < g_list_model_get_n_items (streams); i++)
    {
      SdPlanStream *stream = g_list_model_get_item (streams, i);

      if (sd_plan_stream_get_plan_id (stream) == plan_id)
        g_ptr_array_add (found, stream);
      else
        g_object_unref (stream);
    }
  g_ptr_array_sort (found, compare_streams);
  return found;
}

static guint
count_tasks (SdPlanEditor *self,
             gint64        stream_id)
{
  GListModel *tasks = sd_store_get_items (get_store (self), SD_TYPE_PLAN_TASK);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(SdPlanTask) task = g_list_model_get_item (tasks, i);

      n += sd_plan_task_get_stream_id (task) == stream_id;
    }
  return n;
}

/* Editing the streams */

SdPlanStream *
sd_plan_editor_add_stream (SdPlanEditor *self,
                           const char   *name)
{
  g_autoptr(GPtrArray) streams = NULL;
  g_autofree char *stripped = NULL;
  g_autoptr(GError) error = NULL;
  SdPlanStream *stream;
  int position = 0;

  g_return_val_if_fail (SD_IS_PLAN_EDITOR (self), NULL);

  stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (*stripped == '\0')
    {
      sd_editor_window_toast (SD_EDITOR_WINDOW (self), _("Give the work stream a name."));
      return NULL;
    }

  streams = plan_streams (self);
  if (streams->len > 0)
    position = sd_plan_stream_get_position (g_ptr_array_index (streams, streams->len - 1)) + 1;
  stream = sd_store_insert (get_store (self), SD_TYPE_PLAN_STREAM, &error,
                            "plan-id", sd_item_get_id (SD_ITEM (get_plan (self))),
                            "name", stripped,
                            "position", position,
                            NULL);
  if (stream == NULL)
    sd_editor_window_show_error (SD_EDITOR_WINDOW (self), error);
  return stream;
}

static void
undo_remove_cb (AdwToast     *toast,
                SdPlanEditor *self)
{
  SdDeletion *deletion = g_object_get_data (G_OBJECT (toast), "deletion");
  g_autoptr(GError) error = NULL;

  if (deletion != NULL && !sd_store_undo_deletion (get_store (self), deletion, &error))
    sd_editor_window_show_error (SD_EDITOR_WINDOW (self), error);
  g_object_set_data (G_OBJECT (toast), "deletion", NULL);
}

gboolean
sd_plan_editor_remove_stream (SdPlanEditor *self,
                              SdPlanStream *stream)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  SdDeletion *deletion;
  AdwToast *toast;
  guint n;

  g_return_val_if_fail (SD_IS_PLAN_EDITOR (self), FALSE);
  g_return_val_if_fail (SD_IS_PLAN_STREAM (stream), FALSE);

  /* Its tasks would lose their stream without a word: the user moves them
   * first, to where they belong. */
  n = count_tasks (self, sd_item_get_id (SD_ITEM (stream)));
  if (n > 0)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a work stream's name, %u its number of tasks */
      message = g_strdup_printf (ngettext ("“%s” still has %u task. Move it to another work "
                                           "stream or delete it first.",
                                           "“%s” still has %u tasks. Move them to another "
                                           "work stream or delete them first.", n),
                                 sd_plan_stream_get_name (stream), n);
      sd_editor_window_toast (SD_EDITOR_WINDOW (self), message);
      return FALSE;
    }

  /* Translators: a toast; %s is a work stream's name */
  title = g_strdup_printf (_("Work stream “%s” removed"), sd_plan_stream_get_name (stream));
  deletion = sd_store_delete_with_undo (get_store (self), stream, &error);
  if (deletion == NULL)
    {
      sd_editor_window_show_error (SD_EDITOR_WINDOW (self), error);
      return FALSE;
    }

  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "deletion", deletion,
                          (GDestroyNotify) sd_deletion_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_remove_cb), self, 0);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
  return TRUE;
}

static gboolean
set_position (SdStore       *store,
              SdPlanStream  *stream,
              int            position,
              GError       **error)
{
  if (sd_plan_stream_get_position (stream) == position)
    return TRUE;
  return sd_store_update (store, stream, error, "position", position, NULL);
}

gboolean
sd_plan_editor_move_stream (SdPlanEditor *self,
                            SdPlanStream *stream,
                            int           delta)
{
  g_autoptr(GPtrArray) streams = NULL;
  g_autoptr(GError) error = NULL;
  SdStore *store;
  guint index, other;
  int a, b;

  g_return_val_if_fail (SD_IS_PLAN_EDITOR (self), FALSE);
  g_return_val_if_fail (SD_IS_PLAN_STREAM (stream), FALSE);
  g_return_val_if_fail (delta == -1 || delta == 1, FALSE);

  store = get_store (self);
  streams = plan_streams (self);
  if (!g_ptr_array_find (streams, stream, &index) ||
      (delta < 0 && index == 0) || (delta > 0 && index + 1 >= streams->len))
    return FALSE;
  other = index + delta;

  if (!sd_store_begin (store, &error))
    goto fail;
  /* Streams may share a position; numbered 0, 1, 2, … first, in their
   * order, a swap always changes it. */
  for (guint i = 0; i < streams->len; i++)
    if (!set_position (store, g_ptr_array_index (streams, i), (int) i, &error))
      goto rollback;
  a = sd_plan_stream_get_position (g_ptr_array_index (streams, index));
  b = sd_plan_stream_get_position (g_ptr_array_index (streams, other));
  if (!set_position (store, g_ptr_array_index (streams, index), b, &error) ||
      !set_position (store, g_ptr_array_index (streams, other), a, &error) ||
      !sd_store_commit (store, &error))
    goto rollback;
  return TRUE;

rollback:
  sd_store_rollback (store);
fail:
  sd_editor_window_show_error (SD_EDITOR_WINDOW (self), error);
  return FALSE;
}

/* The rows */

static StreamRow *
row_for_widget (SdPlanEditor *self,
                GtkWidget    *widget)
{
  for (guint i = 0; widget != NULL && i < self->rows->len; i++)
    {
      StreamRow *row = &g_array_index (self->rows, StreamRow, i);

      if (widget == row->row || gtk_widget_is_ancestor (widget, row->row))
        return row;
    }
  return NULL;
}

static SdPlanStream *
row_stream (SdPlanEditor *self,
            StreamRow    *row)
{
  return row != NULL ? sd_store_lookup (get_store (self), SD_TYPE_PLAN_STREAM, row->stream_id)
                     : NULL;
}

static void
rename_cb (AdwEntryRow  *entry,
           SdPlanEditor *self)
{
  SdPlanStream *stream = row_stream (self, row_for_widget (self, GTK_WIDGET (entry)));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GError) error = NULL;

  if (stream == NULL || g_strcmp0 (name, sd_plan_stream_get_name (stream)) == 0)
    return;
  if (*name == '\0')
    {
      sd_editor_window_toast (SD_EDITOR_WINDOW (self),
                              _("A work stream needs a name. To remove it, use its "
                                "Remove button."));
      gtk_editable_set_text (GTK_EDITABLE (entry), sd_plan_stream_get_name (stream));
      return;
    }
  if (!sd_store_update (get_store (self), stream, &error, "name", name, NULL))
    {
      sd_editor_window_show_error (SD_EDITOR_WINDOW (self), error);
      gtk_editable_set_text (GTK_EDITABLE (entry), sd_plan_stream_get_name (stream));
    }
}

static void
move_up_cb (GtkButton    *button,
            SdPlanEditor *self)
{
  SdPlanStream *stream = row_stream (self, row_for_widget (self, GTK_WIDGET (button)));

  if (stream != NULL)
    sd_plan_editor_move_stream (self, stream, -1);
}

static void
move_down_cb (GtkButton    *button,
              SdPlanEditor *self)
{
  SdPlanStream *stream = row_stream (self, row_for_widget (self, GTK_WIDGET (button)));

  if (stream != NULL)
    sd_plan_editor_move_stream (self, stream, 1);
}

static void
remove_cb (GtkButton    *button,
           SdPlanEditor *self)
{
  SdPlanStream *stream = row_stream (self, row_for_widget (self, GTK_WIDGET (button)));

  if (stream != NULL)
    sd_plan_editor_remove_stream (self, stream);
}

static void
add_cb (SdPlanEditor *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->add_row));

  if (sd_plan_editor_add_stream (self, name) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *tooltip,
             char       *accessible,
             const char *widget_name)
{
  GtkWidget *button = sd_editor_icon_button_new (icon_name, tooltip, accessible);

  g_free (accessible);

  gtk_widget_set_name (button, widget_name);
  return button;
}

/* Updates a row from its stream: name (unless being typed), task count,
 * which buttons apply. */
static void
update_row (SdPlanEditor *self,
            StreamRow    *row,
            guint         index,
            guint         n_rows)
{
  SdPlanStream *stream = row_stream (self, row);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  guint n = count_tasks (self, row->stream_id);
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;

  if (stream == NULL)
    return;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, row->row))
    gtk_editable_set_text (GTK_EDITABLE (row->row), sd_plan_stream_get_name (stream));
  /* Translators: the title of a work stream's row; %u is its place */
  title = g_strdup_printf (_("Work Stream %u"), index + 1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
  count = g_strdup_printf (ngettext ("%u task", "%u tasks", n), n);
  gtk_label_set_text (GTK_LABEL (row->count), count);
  gtk_widget_set_sensitive (row->up, index > 0);
  gtk_widget_set_sensitive (row->down, index + 1 < n_rows);
}

static StreamRow
make_row (SdPlanEditor *self,
          SdPlanStream *stream)
{
  const char *name = sd_plan_stream_get_name (stream);
  StreamRow row = { sd_item_get_id (SD_ITEM (stream)) };

  row.row = adw_entry_row_new ();
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row.row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row.row), name);
  g_signal_connect (row.row, "apply", G_CALLBACK (rename_cb), self);

  row.count = gtk_label_new (NULL);
  gtk_widget_add_css_class (row.count, "dim-label");
  gtk_widget_add_css_class (row.count, "caption");
  /* Translators: the accessible names of a work stream's buttons; %s is
   * its name */
  row.up = icon_button ("go-up-symbolic", _("Move Up"),
                        g_strdup_printf (_("Move “%s” up"), name), "up");
  row.down = icon_button ("go-down-symbolic", _("Move Down"),
                          g_strdup_printf (_("Move “%s” down"), name), "down");
  row.remove = icon_button ("user-trash-symbolic", _("Remove"),
                            g_strdup_printf (_("Remove “%s”"), name), "remove");
  g_signal_connect (row.up, "clicked", G_CALLBACK (move_up_cb), self);
  g_signal_connect (row.down, "clicked", G_CALLBACK (move_down_cb), self);
  g_signal_connect (row.remove, "clicked", G_CALLBACK (remove_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row.row), row.count);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row.row), row.up);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row.row), row.down);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row.row), row.remove);
  return row;
}

static void
sync_rows (SdPlanEditor *self)
{
  g_autoptr(GPtrArray) streams = NULL;
  gboolean same;
  GtkWidget *focus;
  StreamRow *focus_row;
  gint64 focus_id = 0;
  const char *focus_name = NULL;

  if (get_plan (self) == NULL)
    return;

  streams = plan_streams (self);
  same = streams->len == self->rows->len;
  for (guint i = 0; same && i < streams->len; i++)
    same = sd_item_get_id (g_ptr_array_index (streams, i)) ==
           g_array_index (self->rows, StreamRow, i).stream_id;

  if (!same)
    {
      /* Where the focus was, to put it back on the same stream's row. */
      focus = gtk_root_get_focus (GTK_ROOT (self));
      focus_row = row_for_widget (self, focus);
      if (focus_row != NULL)
        {
          focus_id = focus_row->stream_id;
          focus_name = GTK_IS_BUTTON (focus) ? gtk_widget_get_name (focus) : NULL;
        }

      for (guint i = 0; i < self->rows->len; i++)
        adw_preferences_group_remove (self->streams_group,
                                      g_array_index (self->rows, StreamRow, i).row);
      g_array_set_size (self->rows, 0);
      /* The add row stays last. */
      g_object_ref (self->add_row);
      adw_preferences_group_remove (self->streams_group, self->add_row);
      for (guint i = 0; i < streams->len; i++)
        {
          StreamRow row = make_row (self, g_ptr_array_index (streams, i));

          g_array_append_val (self->rows, row);
          adw_preferences_group_add (self->streams_group, row.row);
        }
      adw_preferences_group_add (self->streams_group, self->add_row);
      g_object_unref (self->add_row);
    }

  for (guint i = 0; i < self->rows->len; i++)
    update_row (self, &g_array_index (self->rows, StreamRow, i), i, self->rows->len);

  for (guint i = 0; !same && focus_id != 0 && i < self->rows->len; i++)
    {
      StreamRow *row = &g_array_index (self->rows, StreamRow, i);
      GtkWidget *target = row->row;

      if (row->stream_id != focus_id)
        continue;
      if (g_strcmp0 (focus_name, "up") == 0)
        target = gtk_widget_get_sensitive (row->up) ? row->up : row->down;
      else if (g_strcmp0 (focus_name, "down") == 0)
        target = gtk_widget_get_sensitive (row->down) ? row->down : row->up;
      gtk_widget_grab_focus (target);
    }
}

/* GObject */

static void
sd_plan_editor_constructed (GObject *object)
{
  SdPlanEditor *self = SD_PLAN_EDITOR (object);
  SdEditorWindow *editor = SD_EDITOR_WINDOW (self);
  g_autofree char *title = NULL;
  GtkWidget *group;
  SdPlan *plan;

  G_OBJECT_CLASS (sd_plan_editor_parent_class)->constructed (object);

  plan = get_plan (self);
  g_return_if_fail (SD_IS_PLAN (plan));

  /* Translators: the title of the plan editor; %d is the plan's year */
  title = g_strdup_printf (_("Plan %d"), sd_plan_get_year (plan));
  sd_editor_window_set_titles (editor, title, title);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("What the year’s confidentiality work aims at, "
                                           "and the principles it follows; both head the "
                                           "plan and its PDF."));
  adw_preferences_page_add (sd_editor_window_get_page (editor), ADW_PREFERENCES_GROUP (group));
  self->goal_row = sd_editor_window_add_entry (editor, ADW_PREFERENCES_GROUP (group), "goal",
                                               _("Goal"), FALSE);
  sd_editor_window_add_entry (editor, ADW_PREFERENCES_GROUP (group), "policy", _("Policy"),
                              FALSE);

  group = adw_preferences_group_new ();
  self->streams_group = ADW_PREFERENCES_GROUP (group);
  adw_preferences_group_set_title (self->streams_group, _("Work Streams"));
  adw_preferences_group_set_description (self->streams_group,
                                         _("The tasks are grouped by work stream, in this "
                                           "order. A stream is renamed when its name is "
                                           "applied; one with tasks cannot be removed."));
  adw_preferences_page_add (sd_editor_window_get_page (editor), self->streams_group);

  self->add_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row), _("New Work Stream"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->add_row), TRUE);
  gtk_widget_set_name (self->add_row, "new-stream");
  g_signal_connect_object (self->add_row, "apply", G_CALLBACK (add_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->streams_group, self->add_row);

  sync_rows (self);
  g_signal_connect_object (sd_store_get_items (get_store (self), SD_TYPE_PLAN_STREAM),
                           "items-changed", G_CALLBACK (sync_rows), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (sd_store_get_items (get_store (self), SD_TYPE_PLAN_TASK),
                           "items-changed", G_CALLBACK (sync_rows), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

static GtkWidget *
find_text (GtkWidget *widget)
{
  if (GTK_IS_TEXT (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *text = find_text (child);

      if (text != NULL)
        return text;
    }
  return NULL;
}

static void
sd_plan_editor_map (GtkWidget *widget)
{
  SdPlanEditor *self = SD_PLAN_EDITOR (widget);

  GTK_WIDGET_CLASS (sd_plan_editor_parent_class)->map (widget);

  /* No key field: the goal comes first, without its text selected, which
   * the first key typed would replace. */
  if (self->goal_row != NULL)
    {
      GtkWidget *text = find_text (self->goal_row);

      if (text != NULL)
        gtk_text_grab_focus_without_selecting (GTK_TEXT (text));
    }
}

static void
sd_plan_editor_finalize (GObject *object)
{
  SdPlanEditor *self = SD_PLAN_EDITOR (object);

  g_clear_pointer (&self->rows, g_array_unref);

  G_OBJECT_CLASS (sd_plan_editor_parent_class)->finalize (object);
}

static void
sd_plan_editor_class_init (SdPlanEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sd_plan_editor_constructed;
  object_class->finalize = sd_plan_editor_finalize;
  widget_class->map = sd_plan_editor_map;
}

static void
sd_plan_editor_init (SdPlanEditor *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (StreamRow));
}

/**
 * sd_plan_editor_new:
 * @store: the store
 * @plan: the plan to edit
 *
 * Returns: (transfer none): the editor, not yet shown
 */
GtkWidget *
sd_plan_editor_new (SdStore *store,
                    SdPlan  *plan)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (SD_IS_PLAN (plan), NULL);

  return g_object_new (SD_TYPE_PLAN_EDITOR,
                       "store", store,
                       "item-type", SD_TYPE_PLAN,
                       "item", plan,
                       NULL);
}
