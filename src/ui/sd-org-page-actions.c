/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-org-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-body.h"
#include "sd-body-editor.h"
#include "sd-import.h"
#include "sd-org-chart.h"
#include "sd-org-chart-view.h"
#include "sd-org-page-private.h"
#include "sd-person.h"
#include "sd-person-editor.h"
#include "sd-post.h"
#include "sd-post-editor.h"
#include "sd-rule.h"
#include "sd-rule-editor.h"
#include "sd-rules-view.h"
#include "sd-unit.h"
#include "sd-unit-editor.h"

/*
 * What the organisation page does, as widget actions ("org.*"): adding,
 * editing, moving and deleting, with an Undo toast for what changes the
 * tree; importing and exporting CSV; exporting and printing the chart.
 * Dragging a unit onto another in the sidebar is a move too.
 */

void
sd_org_page_toast (SdOrgPage *self,
                   AdwToast  *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
toast_error (SdOrgPage    *self,
             const char   *what,
             const GError *error)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", what, error->message);
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  sd_org_page_toast (self, toast);
}

static GtkWindow *
parent_window (SdOrgPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
present (GtkWindow *window)
{
  if (window != NULL)
    gtk_window_present (window);
}

/* What the details show, if it is a unit or a body. */
static gint64
shown (SdOrgPage *self,
       GType      type)
{
  return self->nav == NULL && self->shown_type == type ? self->shown_id : 0;
}

void
sd_org_page_update_actions (SdOrgPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean writable = self->store != NULL && !sd_store_get_read_only (self->store);
  gboolean item = shown (self, SD_TYPE_UNIT) != 0 || shown (self, SD_TYPE_BODY) != 0;

  gtk_widget_action_set_enabled (widget, "org.add-unit", writable);
  gtk_widget_action_set_enabled (widget, "org.add-person", writable);
  gtk_widget_action_set_enabled (widget, "org.add-post", writable);
  gtk_widget_action_set_enabled (widget, "org.add-body", writable);
  gtk_widget_action_set_enabled (widget, "org.add-rule", writable);
  gtk_widget_action_set_enabled (widget, "org.import", writable);
  gtk_widget_action_set_enabled (widget, "org.edit", item);
  gtk_widget_action_set_enabled (widget, "org.delete", writable && item);
  gtk_widget_action_set_enabled (widget, "org.move", writable && shown (self, SD_TYPE_UNIT) != 0);
}

void
sd_org_page_edit_item (SdOrgPage *self,
                       GType      type,
                       gint64     id)
{
  GtkWindow *parent = parent_window (self);
  gpointer item = sd_store_lookup (self->store, type, id);

  if (item == NULL)
    return;
  if (type == SD_TYPE_UNIT)
    present (sd_unit_editor_new (parent, self->store, item, 0));
  else if (type == SD_TYPE_BODY)
    present (sd_body_editor_new (parent, self->store, item, 0));
  else if (type == SD_TYPE_POST)
    present (sd_post_editor_new (parent, self->store, item, 0));
  else if (type == SD_TYPE_PERSON)
    present (sd_person_editor_new (parent, self->store, item, 0));
  else if (type == SD_TYPE_RULE)
    present (sd_rule_editor_new (parent, self->store, item));
}

/* Adding: a "new" editor, in the context of what is shown (the unit or
 * the body that the new item goes in or under). */
static void
add_cb (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  SdOrgPage *self = SD_ORG_PAGE (widget);
  GtkWindow *parent = parent_window (self);
  gint64 unit_id = shown (self, SD_TYPE_UNIT);

  if (g_str_equal (action_name, "org.add-unit"))
    present (sd_unit_editor_new (parent, self->store, NULL, unit_id));
  else if (g_str_equal (action_name, "org.add-person"))
    present (sd_person_editor_new (parent, self->store, NULL, unit_id));
  else if (g_str_equal (action_name, "org.add-post"))
    present (sd_post_editor_new (parent, self->store, NULL, unit_id));
  else if (g_str_equal (action_name, "org.add-body"))
    present (sd_body_editor_new (parent, self->store, NULL, shown (self, SD_TYPE_BODY)));
  else if (g_str_equal (action_name, "org.add-rule"))
    present (sd_rule_editor_new (parent, self->store, NULL));
}

static void
edit_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  SdOrgPage *self = SD_ORG_PAGE (widget);

  if (self->nav == NULL && self->shown_type != G_TYPE_INVALID)
    sd_org_page_edit_item (self, self->shown_type, self->shown_id);
}

/* Deleting, with Undo */

static const char *
item_name (gpointer item)
{
  if (SD_IS_UNIT (item))
    return sd_unit_get_name (item);
  if (SD_IS_BODY (item))
    return sd_body_get_name (item);
  return "";
}

typedef struct
{
  SdOrgPage  *page;      /* weak */
  SdStore    *store;
  SdDeletion *deletion;
  GType       type;
  gint64      id;
} UndoDelete;

static void
undo_delete_free (gpointer data)
{
  UndoDelete *undo = data;

  g_clear_weak_pointer (&undo->page);
  g_clear_object (&undo->store);
  g_clear_pointer (&undo->deletion, sd_deletion_free);
  g_free (undo);
}

static void
undo_delete_cb (AdwToast   *toast,
                UndoDelete *undo)
{
  g_autoptr(GError) error = NULL;

  if (undo->deletion == NULL)
    return;
  if (!sd_store_undo_deletion (undo->store, undo->deletion, &error))
    {
      if (undo->page != NULL)
        toast_error (undo->page, _("Could not undo"), error);
      return;
    }
  g_clear_pointer (&undo->deletion, sd_deletion_free);
  if (undo->page != NULL && (undo->type == SD_TYPE_UNIT || undo->type == SD_TYPE_BODY))
    sd_org_page_select (undo->page, undo->type, undo->id);
}

void
sd_org_page_delete_item (SdOrgPage *self,
                         gpointer   item)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  UndoDelete *undo;
  SdDeletion *deletion;
  AdwToast *toast;

  if (SD_IS_RULE (item))
    {
      g_autofree char *rule = sd_rule_title (self->store, item);

      escaped = g_markup_escape_text (rule, -1);
      /* Translators: %s names the two posts of an incompatibility rule */
      title = g_strdup_printf (_("Rule “%s” deleted"), escaped);
    }
  else
    {
      escaped = g_markup_escape_text (item_name (item), -1);
      /* Translators: %s is the name of a unit or a security body */
      title = g_strdup_printf (_("“%s” deleted"), escaped);
    }

  undo = g_new0 (UndoDelete, 1);
  undo->type = G_OBJECT_TYPE (item);
  undo->id = sd_item_get_id (item);

  deletion = sd_store_delete_with_undo (self->store, item, &error);
  if (deletion == NULL)
    {
      g_free (undo);
      toast_error (self, _("Could not delete"), error);
      return;
    }

  g_set_weak_pointer (&undo->page, self);
  undo->store = g_object_ref (self->store);
  undo->deletion = deletion;

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_delete_cb), undo,
                         (GClosureNotify) (void (*) (void)) undo_delete_free, 0);
  sd_org_page_toast (self, toast);
}

static void
delete_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  SdOrgPage *self = SD_ORG_PAGE (widget);
  gpointer item;

  if (self->nav != NULL || self->shown_type == G_TYPE_INVALID)
    return;
  item = sd_store_lookup (self->store, self->shown_type, self->shown_id);
  if (item != NULL)
    sd_org_page_delete_item (self, item);
}

/* Moving a unit */

/* TRUE if @unit_id is @ancestor_id or lies below it. */
static gboolean
unit_is_within (SdStore *store,
                gint64   unit_id,
                gint64   ancestor_id)
{
  /* The depth bounds the walk, should the file hold a cycle. */
  for (guint depth = 0; unit_id != 0 && depth < 10000; depth++)
    {
      SdUnit *unit;

      if (unit_id == ancestor_id)
        return TRUE;
      unit = sd_store_lookup (store, SD_TYPE_UNIT, unit_id);
      unit_id = unit != NULL ? sd_unit_get_parent_id (unit) : 0;
    }
  return FALSE;
}

typedef struct
{
  SdOrgPage *page;   /* weak */
  SdStore   *store;
  gint64     unit_id;
  gint64     parent_id;
} UndoMove;

static void
undo_move_free (gpointer data)
{
  UndoMove *undo = data;

  g_clear_weak_pointer (&undo->page);
  g_clear_object (&undo->store);
  g_free (undo);
}

static void
undo_move_cb (AdwToast *toast,
              UndoMove *undo)
{
  g_autoptr(GError) error = NULL;
  SdUnit *unit = sd_store_lookup (undo->store, SD_TYPE_UNIT, undo->unit_id);

  if (unit == NULL)
    return;
  if (!sd_store_update (undo->store, unit, &error, "parent-id", undo->parent_id, NULL) &&
      undo->page != NULL)
    toast_error (undo->page, _("Could not undo"), error);
}

/* Moves @unit under @parent_id (0: to the top), with an Undo toast. */
static void
move_unit (SdOrgPage *self,
           SdUnit    *unit,
           gint64     parent_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_markup_escape_text (sd_unit_get_name (unit), -1);
  g_autofree char *title = NULL;
  gint64 unit_id = sd_item_get_id (SD_ITEM (unit));
  gint64 old_parent_id = sd_unit_get_parent_id (unit);
  SdUnit *parent = sd_store_lookup (self->store, SD_TYPE_UNIT, parent_id);
  UndoMove *undo;
  AdwToast *toast;

  if (parent_id == old_parent_id)
    return;
  if (parent_id != 0 && unit_is_within (self->store, parent_id, unit_id))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” cannot be moved into itself or a unit "
                                                    "below it"), name);

      sd_org_page_toast (self, adw_toast_new (message));
      return;
    }

  if (!sd_store_update (self->store, unit, &error, "parent-id", parent_id, NULL))
    {
      toast_error (self, _("Could not move the unit"), error);
      return;
    }

  if (parent != NULL)
    {
      g_autofree char *parent_name = g_markup_escape_text (sd_unit_get_name (parent), -1);

      /* Translators: a unit was moved under another */
      title = g_strdup_printf (_("“%s” moved under “%s”"), name, parent_name);
    }
  else
    {
      title = g_strdup_printf (_("“%s” moved to the top level"), name);
    }

  undo = g_new0 (UndoMove, 1);
  g_set_weak_pointer (&undo->page, self);
  undo->store = g_object_ref (self->store);
  undo->unit_id = unit_id;
  undo->parent_id = old_parent_id;

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_move_cb), undo,
                         (GClosureNotify) (void (*) (void)) undo_move_free, 0);
  sd_org_page_toast (self, toast);
  sd_org_page_select (self, SD_TYPE_UNIT, unit_id);
}

typedef struct
{
  SdOrgPage   *page;       /* weak */
  gint64       unit_id;
  GListStore  *targets;    /* the units it may go under, or NULL for the top */
  GtkDropDown *drop_down;
} MoveDialog;

static void
move_dialog_free (gpointer data)
{
  MoveDialog *dialog = data;

  g_clear_weak_pointer (&dialog->page);
  g_clear_object (&dialog->targets);
  g_free (dialog);
}

static void
move_response_cb (AdwMessageDialog *message_dialog,
                  const char       *response,
                  MoveDialog       *dialog)
{
  g_autoptr(GObject) target = NULL;
  SdUnit *unit;
  guint selected;

  if (!g_str_equal (response, "move") || dialog->page == NULL)
    return;
  unit = sd_store_lookup (dialog->page->store, SD_TYPE_UNIT, dialog->unit_id);
  selected = gtk_drop_down_get_selected (dialog->drop_down);
  if (unit == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  target = g_list_model_get_item (G_LIST_MODEL (dialog->targets), selected);
  move_unit (dialog->page, unit,
             SD_IS_UNIT (target) ? sd_item_get_id (SD_ITEM (target)) : 0);
}

static char *
move_target_label (GObject *item)
{
  return g_strdup (SD_IS_UNIT (item) ? sd_unit_get_name (SD_UNIT (item)) : _("Top Level"));
}

static void
move_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  SdOrgPage *self = SD_ORG_PAGE (widget);
  SdUnit *unit = sd_store_lookup (self->store, SD_TYPE_UNIT, shown (self, SD_TYPE_UNIT));
  GListModel *units;
  g_autoptr(GtkExpression) expression = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *message_dialog;
  MoveDialog *dialog;
  guint n;

  if (unit == NULL)
    return;

  /* Every unit not within the one moved, in the order of the tree. */
  dialog = g_new0 (MoveDialog, 1);
  g_set_weak_pointer (&dialog->page, self);
  dialog->unit_id = sd_item_get_id (SD_ITEM (unit));
  dialog->targets = g_list_store_new (G_TYPE_OBJECT);
  {
    g_autoptr(GtkStringObject) top = gtk_string_object_new ("");

    g_list_store_append (dialog->targets, top);
  }
  units = self->units;
  n = g_list_model_get_n_items (units);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdUnit) each = g_list_model_get_item (units, i);

      if (!unit_is_within (self->store, sd_item_get_id (SD_ITEM (each)), dialog->unit_id))
        g_list_store_append (dialog->targets, each);
    }

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (move_target_label), NULL, NULL);
  dialog->drop_down = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (dialog->targets)),
                                                        g_steal_pointer (&expression)));
  gtk_drop_down_set_enable_search (dialog->drop_down, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog->drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New place of the unit"),
                                  -1);

  /* Start from where the unit is now. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (dialog->targets)); i++)
    {
      g_autoptr(GObject) each = g_list_model_get_item (G_LIST_MODEL (dialog->targets), i);

      if (SD_IS_UNIT (each) && sd_item_get_id (SD_ITEM (each)) == sd_unit_get_parent_id (unit))
        gtk_drop_down_set_selected (dialog->drop_down, i);
    }

  /* Translators: %s is the name of a unit */
  heading = g_strdup_printf (_("Move “%s”"), sd_unit_get_name (unit));
  message_dialog = adw_message_dialog_new (parent_window (self), heading,
                                           _("Choose the unit it belongs to. Its sections, "
                                             "people and posts move with it."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (message_dialog),
                                      GTK_WIDGET (dialog->drop_down));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (message_dialog),
                                    "cancel", _("_Cancel"),
                                    "move", _("_Move"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (message_dialog), "move",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (message_dialog), "move");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (message_dialog), "cancel");
  g_signal_connect_data (message_dialog, "response", G_CALLBACK (move_response_cb), dialog,
                         (GClosureNotify) (void (*) (void)) move_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (message_dialog));
}

/* Dragging a unit onto another in the sidebar */

static SdItem *
row_item (GtkWidget *expander)
{
  GObject *item = gtk_tree_expander_get_item (GTK_TREE_EXPANDER (expander));

  return SD_IS_ITEM (item) ? SD_ITEM (item) : NULL;
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 SdOrgPage     *self)
{
  GtkWidget *expander = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  SdItem *item = row_item (expander);

  if (!SD_IS_UNIT (item) || sd_store_get_read_only (self->store))
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_INT64, sd_item_get_id (item));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SdOrgPage     *self)
{
  GtkWidget *expander = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  SdItem *onto = row_item (expander);
  SdUnit *unit;

  if (!SD_IS_UNIT (onto) || !G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  unit = sd_store_lookup (self->store, SD_TYPE_UNIT, g_value_get_int64 (value));
  if (unit == NULL || SD_ITEM (unit) == onto)
    return FALSE;
  move_unit (self, unit, sd_item_get_id (onto));
  return TRUE;
}

static GdkDragAction
drop_motion_cb (GtkDropTarget *target,
                double         x,
                double         y,
                SdOrgPage     *self)
{
  GtkWidget *expander = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));

  return SD_IS_UNIT (row_item (expander)) ? GDK_ACTION_MOVE : 0;
}

void
sd_org_page_setup_row_dnd (SdOrgPage *self,
                           GtkWidget *expander)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_object (source, "prepare", G_CALLBACK (drag_prepare_cb), self, 0);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (source));

  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  g_signal_connect_object (target, "enter", G_CALLBACK (drop_motion_cb), self, 0);
  g_signal_connect_object (target, "motion", G_CALLBACK (drop_motion_cb), self, 0);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (target));
}

/* CSV */

static const char *
kind_title (const char *kind)
{
  if (g_str_equal (kind, "units"))
    return _("Units");
  if (g_str_equal (kind, "people"))
    return _("People");
  return _("Posts");
}

static void
show_import_errors (SdOrgPage  *self,
                    const char *file_name,
                    GPtrArray  *row_errors)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *body = NULL;
  GtkWidget *dialog, *scroll, *label;

  for (guint i = 0; i < row_errors->len; i++)
    {
      g_autofree char *line = sd_import_row_error_format (g_ptr_array_index (row_errors, i));

      g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", line);
    }

  body = g_strdup_printf (ngettext ("%s has %u row that is wrong. Nothing was imported: "
                                    "correct it and import the file again.",
                                    "%s has %u rows that are wrong. Nothing was imported: "
                                    "correct them and import the file again.",
                                    row_errors->len),
                          file_name, row_errors->len);
  dialog = adw_message_dialog_new (parent_window (self), _("Nothing Imported"), body);

  label = gtk_label_new (text->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroll), 300);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroll), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), label);
  gtk_widget_add_css_class (scroll, "card");
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroll);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  SdOrgPage *page;  /* weak */
  char      *kind;
} FileRequest;

static void
file_request_free (FileRequest *request)
{
  g_clear_weak_pointer (&request->page);
  g_free (request->kind);
  g_free (request);
}

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    FileRequest     *request)
{
  SdOrgPage *self = request->page;

  if (response == GTK_RESPONSE_ACCEPT && self != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GPtrArray) row_errors = NULL;
      g_autoptr(GError) error = NULL;
      guint n = 0;

      if (sd_import_file (self->store, request->kind, path, &n, &row_errors, &error))
        {
          g_autofree char *title = g_strdup_printf (ngettext ("%u row imported from %s",
                                                              "%u rows imported from %s", n),
                                                    n, name);
          g_autofree char *escaped = g_markup_escape_text (title, -1);

          sd_org_page_toast (self, adw_toast_new (escaped));
        }
      else if (row_errors != NULL && row_errors->len > 0)
        {
          show_import_errors (self, name, row_errors);
        }
      else
        {
          toast_error (self, _("Could not import"), error);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  file_request_free (request);
}

static void
add_csv_filter (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
import_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  SdOrgPage *self = SD_ORG_PAGE (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  g_autofree char *title = NULL;
  GtkFileChooserNative *chooser;
  FileRequest *request;

  if (!sd_import_kind_is_known (kind))
    return;
  /* Translators: %s is what is imported: Units, People or Posts */
  title = g_strdup_printf (_("Import %s"), kind_title (kind));
  chooser = gtk_file_chooser_native_new (title, parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  add_csv_filter (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  request = g_new0 (FileRequest, 1);
  g_set_weak_pointer (&request->page, self);
  request->kind = g_strdup (kind);
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    FileRequest     *request)
{
  SdOrgPage *self = request->page;

  if (response == GTK_RESPONSE_ACCEPT && self != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      if (request->kind != NULL)
        ok = sd_export_file (self->store, request->kind, path, &error);
      else
        ok = sd_org_chart_export (self->store, path, &error);

      if (ok)
        {
          /* Translators: %s is a file name */
          g_autofree char *title = g_strdup_printf (_("Exported to %s"), name);
          g_autofree char *escaped = g_markup_escape_text (title, -1);

          sd_org_page_toast (self, adw_toast_new (escaped));
        }
      else
        {
          toast_error (self, _("Could not export"), error);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  file_request_free (request);
}

static void
save_as (SdOrgPage  *self,
         const char *title,
         const char *kind,
         const char *suggested_name)
{
  GtkFileChooserNative *chooser;
  FileRequest *request;

  chooser = gtk_file_chooser_native_new (title, parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (kind != NULL)
    add_csv_filter (GTK_FILE_CHOOSER (chooser));

  request = g_new0 (FileRequest, 1);
  g_set_weak_pointer (&request->page, self);
  request->kind = g_strdup (kind);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  SdOrgPage *self = SD_ORG_PAGE (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  g_autofree char *title = NULL;
  g_autofree char *file_name = NULL;

  if (!sd_import_kind_is_known (kind))
    return;
  /* Translators: %s is what is exported: Units, People or Posts */
  title = g_strdup_printf (_("Export %s"), kind_title (kind));
  file_name = g_strdup_printf ("%s.csv", kind);
  save_as (self, title, kind, file_name);
}

static void
export_chart_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  /* Translators: the suggested file name of the exported chart; the
   * extension (.pdf, .svg or .png) chooses the format */
  save_as (SD_ORG_PAGE (widget), _("Export Chart"), NULL, _("organisation-chart.pdf"));
}

static void
print_chart_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SdOrgPage *self = SD_ORG_PAGE (widget);

  sd_org_chart_view_print (SD_ORG_CHART_VIEW (sd_org_page_get_chart_view (self)),
                           parent_window (self));
}

void
sd_org_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "org.add-unit", NULL, add_cb);
  gtk_widget_class_install_action (widget_class, "org.add-person", NULL, add_cb);
  gtk_widget_class_install_action (widget_class, "org.add-post", NULL, add_cb);
  gtk_widget_class_install_action (widget_class, "org.add-body", NULL, add_cb);
  gtk_widget_class_install_action (widget_class, "org.add-rule", NULL, add_cb);
  gtk_widget_class_install_action (widget_class, "org.edit", NULL, edit_cb);
  gtk_widget_class_install_action (widget_class, "org.delete", NULL, delete_cb);
  gtk_widget_class_install_action (widget_class, "org.move", NULL, move_cb);
  gtk_widget_class_install_action (widget_class, "org.import", "s", import_cb);
  gtk_widget_class_install_action (widget_class, "org.export", "s", export_cb);
  gtk_widget_class_install_action (widget_class, "org.export-chart", NULL, export_chart_cb);
  gtk_widget_class_install_action (widget_class, "org.print-chart", NULL, print_chart_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "org.add-unit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "org.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "org.edit", NULL);
}
