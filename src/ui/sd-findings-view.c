/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-findings-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sd-editor-window.h"
#include "sd-file-actions.h"
#include "sd-finding-editor.h"
#include "sd-finding.h"
#include "sd-findings-view.h"
#include "sd-inspection-editor.h"
#include "sd-inspection.h"
#include "sd-labels.h"
#include "sd-person.h"
#include "sd-plan-stats.h"
#include "sd-unit.h"

/*
 * GTK 4.8 has no section headers in list views (GtkListHeader is 4.12),
 * so the column view shows one flat list: each inspection of the plan,
 * then its findings. The list holds the store's own items; it is rebuilt
 * when the inspections or findings change, once the main loop is idle, so
 * that an import of many findings costs one rebuild rather than one per
 * row. A rebuild replaces only the rows that differ from the list shown
 * (or whose item changed), which keeps the scroll position and the
 * selection of an edit elsewhere in the list.
 */

#define SHORTCUT_DATA "sd-findings-view"

typedef enum
{
  COLUMN_DESCRIPTION,
  COLUMN_UNIT,
  COLUMN_SEVERITY,
  COLUMN_RESPONSIBLE,
  COLUMN_DEADLINE,
  COLUMN_STATUS,
} Column;

struct _SdFindingsView
{
  GtkWidget           parent_instance;

  SdStore            *store;
  SdPlan             *plan;
  gint64              plan_id;
  GDateTime          *today;

  GListStore         *rows;          /* SdInspection and SdFinding, in order */
  GtkSingleSelection *selection;
  GHashTable         *dirty;         /* items changed since the last rebuild */
  gboolean            all_dirty;
  guint               rebuild_id;
  guint               n_inspections; /* of the plan, whatever the filters */

  GtkWidget          *toolbar;
  GtkToggleButton    *open_toggle;
  GtkToggleButton    *overdue_toggle;
  GtkEditable        *search_entry;
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  GtkWidget          *empty_button;
  GtkWidget          *none_page;
  GtkWidget          *list_page;
  GtkColumnView      *column_view;
};

G_DEFINE_FINAL_TYPE (SdFindingsView, sd_findings_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild (SdFindingsView *self);

/* Labels */

static const char *
unit_name (SdFindingsView *self,
           gint64          unit_id)
{
  SdUnit *unit = unit_id != 0 ? sd_store_lookup (self->store, SD_TYPE_UNIT, unit_id) : NULL;

  return unit != NULL ? sd_unit_get_name (unit) : NULL;
}

static const char *
person_name (SdFindingsView *self,
             gint64          person_id)
{
  SdPerson *person = person_id != 0 ? sd_store_lookup (self->store, SD_TYPE_PERSON, person_id)
                                    : NULL;

  return person != NULL ? sd_person_get_name (person) : NULL;
}

/* "2026-03-15 · Self-check · 信息部 · 一季度保密自查": what a section row
 * shows, and what the search looks in (transfer full). */
static char *
inspection_heading (SdFindingsView *self,
                    SdInspection   *inspection)
{
  const char *parts[5];
  guint n = 0;
  const char *unit = unit_name (self, sd_inspection_get_unit_id (inspection));
  const char *title = sd_inspection_get_title (inspection);

  parts[n++] = sd_inspection_get_date (inspection) != NULL ? sd_inspection_get_date (inspection)
                                                           : "";
  parts[n++] = sd_inspection_kind_label (sd_inspection_get_kind (inspection));
  if (unit != NULL)
    parts[n++] = unit;
  if (title != NULL && *title != '\0')
    parts[n++] = title;
  parts[n] = NULL;
  return g_strjoinv (" · ", (char **) parts);
}

/* What the user calls an inspection in a toast (transfer full). */
static char *
inspection_name (SdInspection *inspection)
{
  const char *title = sd_inspection_get_title (inspection);

  if (title != NULL && *title != '\0')
    return g_strdup (title);
  /* Translators: an inspection without a title: its kind and date,
   * "Self-check of 2026-03-15" */
  return g_strdup_printf (_("%s of %s"),
                          sd_inspection_kind_label (sd_inspection_get_kind (inspection)),
                          sd_inspection_get_date (inspection));
}

static gboolean
finding_is_closed (SdFinding *finding)
{
  return g_strcmp0 (sd_finding_get_status (finding), "closed") == 0;
}

/* Filters */

static gboolean
filters_active (SdFindingsView *self)
{
  return gtk_toggle_button_get_active (self->open_toggle) ||
         gtk_toggle_button_get_active (self->overdue_toggle) ||
         *gtk_editable_get_text (self->search_entry) != '\0';
}

static gboolean
text_has (const char *text,
          const char *needle)
{
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, needle) != NULL;
}

/* @needle is case-folded, or NULL for no search. @heading is the
 * inspection's, which a search matches too. */
static gboolean
finding_matches (SdFindingsView *self,
                 SdFinding      *finding,
                 const char     *needle,
                 const char     *heading)
{
  if (gtk_toggle_button_get_active (self->open_toggle) && finding_is_closed (finding))
    return FALSE;
  if (gtk_toggle_button_get_active (self->overdue_toggle) &&
      !sd_finding_is_overdue (finding, self->today))
    return FALSE;
  if (needle == NULL)
    return TRUE;

  return text_has (sd_finding_get_description (finding), needle) ||
         text_has (heading, needle) ||
         text_has (unit_name (self, sd_finding_get_unit_id (finding)), needle) ||
         text_has (person_name (self, sd_finding_get_responsible_person_id (finding)), needle) ||
         text_has (sd_finding_get_evidence (finding), needle) ||
         text_has (sd_severity_label (sd_finding_get_severity (finding)), needle) ||
         text_has (sd_finding_status_label (sd_finding_get_status (finding)), needle);
}

/* The list */

static int
compare_inspections (gconstpointer a,
                     gconstpointer b)
{
  SdInspection *x = *(SdInspection **) a;
  SdInspection *y = *(SdInspection **) b;
  int order = g_strcmp0 (sd_inspection_get_date (x), sd_inspection_get_date (y));
  gint64 ix = sd_item_get_id (SD_ITEM (x));
  gint64 iy = sd_item_get_id (SD_ITEM (y));

  if (order != 0)
    return order;
  return ix < iy ? -1 : ix > iy;
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  gint64 x = sd_item_get_id (*(SdItem **) a);
  gint64 y = sd_item_get_id (*(SdItem **) b);

  return x < y ? -1 : x > y;
}

/* The rows the list should show now: the plan's inspections by date, each
 * followed by its findings in the order they were recorded. With a filter
 * or a search, an inspection shows only with a finding that matches. */
static GPtrArray *
collect_rows (SdFindingsView *self)
{
  g_autoptr(GPtrArray) inspections = g_ptr_array_new ();
  g_autoptr(GHashTable) by_inspection = NULL;
  g_autofree char *needle = NULL;
  GPtrArray *rows = g_ptr_array_new ();
  GListModel *model;
  gboolean filtering = filters_active (self);
  const char *search = gtk_editable_get_text (self->search_entry);
  guint n;

  self->n_inspections = 0;
  if (self->plan_id == 0)
    return rows;

  if (*search != '\0')
    {
      g_autofree char *stripped = g_strstrip (g_strdup (search));

      if (*stripped != '\0')
        needle = g_utf8_casefold (stripped, -1);
    }

  by_inspection = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  model = sd_store_get_items (self->store, SD_TYPE_INSPECTION);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdInspection) inspection = g_list_model_get_item (model, i);
      gint64 id = sd_item_get_id (SD_ITEM (inspection));

      if (sd_inspection_get_plan_id (inspection) != self->plan_id)
        continue;
      g_ptr_array_add (inspections, inspection);
      g_hash_table_insert (by_inspection, g_memdup2 (&id, sizeof id), g_ptr_array_new ());
    }
  self->n_inspections = inspections->len;
  g_ptr_array_sort (inspections, compare_inspections);

  model = sd_store_get_items (self->store, SD_TYPE_FINDING);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdFinding) finding = g_list_model_get_item (model, i);
      gint64 inspection_id = sd_finding_get_inspection_id (finding);
      GPtrArray *findings = g_hash_table_lookup (by_inspection, &inspection_id);

      if (findings != NULL)
        g_ptr_array_add (findings, finding);
    }

  for (guint i = 0; i < inspections->len; i++)
    {
      SdInspection *inspection = g_ptr_array_index (inspections, i);
      gint64 id = sd_item_get_id (SD_ITEM (inspection));
      GPtrArray *findings = g_hash_table_lookup (by_inspection, &id);
      g_autofree char *heading = needle != NULL ? inspection_heading (self, inspection) : NULL;
      guint first = rows->len + 1;

      g_ptr_array_sort (findings, compare_findings);
      g_ptr_array_add (rows, inspection);
      for (guint f = 0; f < findings->len; f++)
        {
          SdFinding *finding = g_ptr_array_index (findings, f);

          if (!filtering || finding_matches (self, finding, needle, heading))
            g_ptr_array_add (rows, finding);
        }
      if (filtering && rows->len == first)
        g_ptr_array_set_size (rows, first - 1);
    }
  /* The store's lists hold the items: they outlive this array. */
  return rows;
}

static gboolean
row_unchanged (SdFindingsView *self,
               gpointer        shown,
               gpointer        wanted)
{
  return shown == wanted && !self->all_dirty && !g_hash_table_contains (self->dirty, wanted);
}

static guint
position_of (SdFindingsView *self,
             gpointer        item)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; item != NULL && i < n; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (row == item)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
update_actions (SdFindingsView *self);

static void
update_state (SdFindingsView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  if (n > 0)
    gtk_stack_set_visible_child (self->stack, self->list_page);
  else if (self->n_inspections > 0 && filters_active (self))
    gtk_stack_set_visible_child (self->stack, self->none_page);
  else
    {
      if (self->plan_id == 0)
        {
          adw_status_page_set_title (self->empty_page, _("No Plan"));
          adw_status_page_set_description (self->empty_page,
                                           _("Inspections and their findings belong to an "
                                             "annual plan. Create or choose the plan first."));
        }
      else
        {
          adw_status_page_set_title (self->empty_page, _("No Inspections Yet"));
          adw_status_page_set_description (self->empty_page,
                                           _("Add the year’s self-checks, spot-checks and "
                                             "audits, then record what each one found, who "
                                             "rectifies it and by when."));
        }
      gtk_widget_set_visible (self->empty_button, self->plan_id != 0);
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->empty_page));
    }
  update_actions (self);
}

static void
rebuild (SdFindingsView *self)
{
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(GObject) selected = NULL;
  guint n_shown, prefix = 0, suffix = 0;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_pointer (&self->today, g_date_time_unref);
  self->today = g_date_time_new_now_local ();

  wanted = collect_rows (self);
  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected != NULL)
    g_object_ref (selected);

  n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  while (prefix < n_shown && prefix < wanted->len)
    {
      g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (self->rows), prefix);

      if (!row_unchanged (self, row, g_ptr_array_index (wanted, prefix)))
        break;
      prefix++;
    }
  while (suffix < n_shown - prefix && suffix < wanted->len - prefix)
    {
      g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (self->rows),
                                                      n_shown - 1 - suffix);

      if (!row_unchanged (self, row, g_ptr_array_index (wanted, wanted->len - 1 - suffix)))
        break;
      suffix++;
    }
  g_hash_table_remove_all (self->dirty);
  self->all_dirty = FALSE;

  if (prefix + suffix < n_shown || prefix + suffix < wanted->len)
    {
      /* An empty array's pdata is NULL, and NULL + 0 is undefined. */
      g_list_store_splice (self->rows, prefix, n_shown - prefix - suffix,
                           wanted->len > prefix + suffix ? wanted->pdata + prefix : NULL,
                           wanted->len - prefix - suffix);
      /* A row that was replaced, because it changed, stays selected. */
      if (selected != NULL &&
          gtk_single_selection_get_selected_item (self->selection) != selected)
        gtk_single_selection_set_selected (self->selection, position_of (self, selected));
    }
  update_state (self);
}

static gboolean
rebuild_cb (gpointer user_data)
{
  SdFindingsView *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (SdFindingsView *self)
{
  /* Before the next frame is drawn, after the store's other listeners. */
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, rebuild_cb, self, NULL);
}

static void
items_changed_cb (GListModel     *model,
                  guint           position,
                  guint           removed,
                  guint           added,
                  SdFindingsView *self)
{
  /* An edit replaces the item's row in the store's list: the items added
   * are the ones to show again. */
  for (guint i = 0; i < added; i++)
    g_hash_table_add (self->dirty, g_list_model_get_item (model, position + i));
  queue_rebuild (self);
}

/* The names of units and people show in every row. */
static void
names_changed_cb (SdFindingsView *self)
{
  self->all_dirty = TRUE;
  queue_rebuild (self);
}

static void
filter_changed_cb (SdFindingsView *self)
{
  rebuild (self);
}

static void
show_all_cb (SdFindingsView *self)
{
  gtk_toggle_button_set_active (self->open_toggle, FALSE);
  gtk_toggle_button_set_active (self->overdue_toggle, FALSE);
  gtk_editable_set_text (self->search_entry, "");
  rebuild (self);
}

/* The selection */

static gpointer
selected_item (SdFindingsView *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static SdFinding *
selected_finding (SdFindingsView *self)
{
  gpointer item = selected_item (self);

  return SD_IS_FINDING (item) ? item : NULL;
}

/* The inspection of the selected row, itself or its finding's. */
static SdInspection *
selected_inspection (SdFindingsView *self)
{
  gpointer item = selected_item (self);

  if (SD_IS_INSPECTION (item))
    return item;
  if (SD_IS_FINDING (item))
    return sd_store_lookup (self->store, SD_TYPE_INSPECTION,
                            sd_finding_get_inspection_id (item));
  return NULL;
}

static void
select_item (SdFindingsView *self,
             gpointer        item)
{
  guint position;

  if (self->rebuild_id != 0)
    rebuild (self);
  position = position_of (self, item);
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u",
                              position);
}

static void
update_actions (SdFindingsView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean writable = self->store != NULL && !sd_store_get_read_only (self->store);
  gboolean has_plan = self->plan_id != 0;
  gpointer item = selected_item (self);
  SdFinding *finding = selected_finding (self);

  gtk_widget_action_set_enabled (widget, "findings.add-inspection", writable && has_plan);
  gtk_widget_action_set_enabled (widget, "findings.add-finding",
                                 writable && selected_inspection (self) != NULL);
  gtk_widget_action_set_enabled (widget, "findings.edit", item != NULL);
  gtk_widget_action_set_enabled (widget, "findings.delete", writable && item != NULL);
  gtk_widget_action_set_enabled (widget, "findings.close-finding",
                                 writable && finding != NULL && !finding_is_closed (finding));
  gtk_widget_set_sensitive (self->toolbar, has_plan);
}

/* Closing a finding */

typedef struct
{
  SdFindingsView *view;       /* weak */
  SdStore        *store;
  gint64          finding_id;
  GtkEditable    *evidence;
} CloseRequest;

static void
close_request_free (gpointer  data,
                    GClosure *closure)
{
  CloseRequest *request = data;

  g_clear_weak_pointer (&request->view);
  g_clear_object (&request->store);
  g_free (request);
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   CloseRequest     *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *evidence = NULL;
  g_autofree char *today = NULL;
  GtkWidget *toast_widget;
  SdFinding *finding;

  if (g_strcmp0 (response, "close") != 0)
    return;

  toast_widget = request->view != NULL ? GTK_WIDGET (request->view) : NULL;
  finding = sd_store_lookup (request->store, SD_TYPE_FINDING, request->finding_id);
  evidence = g_strstrip (g_strdup (gtk_editable_get_text (request->evidence)));
  if (finding == NULL)
    return;
  /* The response is disabled while the evidence is empty; this holds
   * whatever answered the dialog. */
  if (*evidence == '\0')
    {
      if (toast_widget != NULL)
        sd_ui_toast_text (toast_widget,
                          _("A finding is closed with its evidence: nothing was changed."));
      return;
    }

  now = g_date_time_new_now_local ();
  today = g_date_time_format (now, "%Y-%m-%d");
  if (!sd_store_update (request->store, finding, &error,
                        "status", "closed",
                        "evidence", evidence,
                        "closed-on", today,
                        NULL))
    {
      if (toast_widget != NULL)
        sd_ui_toast_error (toast_widget, _("Could not close the finding"), error);
      else
        g_warning ("Could not close the finding: %s", error->message);
    }
}

static void
evidence_changed_cb (GtkEditable      *evidence,
                     AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (evidence)));

  adw_message_dialog_set_response_enabled (dialog, "close", *text != '\0');
}

static void
close_finding (SdFindingsView *self,
               SdFinding      *finding)
{
  g_autofree char *body = NULL;
  CloseRequest *request;
  GtkWidget *dialog, *box, *label, *entry;

  if (finding == NULL || finding_is_closed (finding) || sd_store_get_read_only (self->store))
    return;

  /* Translators: the body of the dialog that closes a finding; %s is the
   * finding's description */
  body = g_strdup_printf (_("“%s”\n\nWhat shows that it was rectified? The finding is closed "
                            "with today’s date; it can be reopened in its editor."),
                          sd_finding_get_description (finding));
  dialog = adw_message_dialog_new (sd_ui_parent_window (GTK_WIDGET (self)),
                                   _("Close Finding"), body);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new_with_mnemonic (_("Closing _evidence"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry),
                                  _("The record, report or photo of the rectification"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "close", _("C_lose Finding"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "close", FALSE);
  g_signal_connect_object (entry, "changed", G_CALLBACK (evidence_changed_cb), dialog, 0);

  request = g_new0 (CloseRequest, 1);
  g_set_weak_pointer (&request->view, self);
  request->store = g_object_ref (self->store);
  request->finding_id = sd_item_get_id (SD_ITEM (finding));
  request->evidence = GTK_EDITABLE (entry);
  g_signal_connect_data (dialog, "response", G_CALLBACK (close_response_cb), request,
                         close_request_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Editors */

/* What a "new" editor creates is selected, to add to it or go on. */
static void
editor_item_cb (SdFindingsView *self,
                GParamSpec     *pspec,
                SdEditorWindow *editor)
{
  gpointer item = sd_editor_window_get_item (editor);

  if (item != NULL)
    select_item (self, item);
}

static void
edit_item (SdFindingsView *self,
           gpointer        item)
{
  GtkWidget *editor;

  if (SD_IS_INSPECTION (item))
    editor = sd_inspection_editor_new (self->store, item, self->plan);
  else if (SD_IS_FINDING (item))
    editor = sd_finding_editor_new (self->store, item, NULL);
  else
    return;
  sd_ui_present_modal (GTK_WIDGET (self), editor);
}

static void
add_inspection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SdFindingsView *self = SD_FINDINGS_VIEW (widget);
  GtkWidget *editor;

  if (self->plan == NULL)
    return;
  editor = sd_inspection_editor_new (self->store, NULL, self->plan);
  g_signal_connect_object (editor, "notify::item", G_CALLBACK (editor_item_cb), self,
                           G_CONNECT_SWAPPED);
  sd_ui_present_modal (GTK_WIDGET (self), editor);
}

static void
add_finding_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SdFindingsView *self = SD_FINDINGS_VIEW (widget);
  SdInspection *inspection = selected_inspection (self);
  GtkWidget *editor;

  if (inspection == NULL)
    return;
  editor = sd_finding_editor_new (self->store, NULL, inspection);
  g_signal_connect_object (editor, "notify::item", G_CALLBACK (editor_item_cb), self,
                           G_CONNECT_SWAPPED);
  sd_ui_present_modal (GTK_WIDGET (self), editor);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SdFindingsView *self = SD_FINDINGS_VIEW (widget);

  edit_item (self, selected_item (self));
}

static void
close_finding_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SdFindingsView *self = SD_FINDINGS_VIEW (widget);

  close_finding (self, selected_finding (self));
}

static guint
count_findings (SdFindingsView *self,
                SdInspection   *inspection)
{
  GListModel *findings = sd_store_get_items (self->store, SD_TYPE_FINDING);
  guint n = g_list_model_get_n_items (findings), count = 0;
  gint64 id = sd_item_get_id (SD_ITEM (inspection));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdFinding) finding = g_list_model_get_item (findings, i);

      count += sd_finding_get_inspection_id (finding) == id;
    }
  return count;
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SdFindingsView *self = SD_FINDINGS_VIEW (widget);
  gpointer item = selected_item (self);
  g_autofree char *title = NULL;
  guint position = gtk_single_selection_get_selected (self->selection);
  GtkRoot *root;
  GtkWidget *focus;
  gboolean had_focus;

  if (SD_IS_INSPECTION (item))
    {
      g_autofree char *name = inspection_name (item);
      guint n = count_findings (self, item);

      if (n == 0)
        /* Translators: a toast; %s is an inspection's title */
        title = g_strdup_printf (_("Inspection “%s” deleted"), name);
      else
        /* Translators: a toast; %s is an inspection's title, %u how many
         * findings went with it */
        title = g_strdup_printf (ngettext ("Inspection “%s” and its finding deleted",
                                           "Inspection “%s” and its %u findings deleted", n),
                                 name, n);
    }
  else if (SD_IS_FINDING (item))
    title = g_strdup (_("Finding deleted"));
  else
    return;

  root = gtk_widget_get_root (widget);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view));

  /* Its findings go with an inspection, and come back with Undo. */
  if (!sd_ui_delete_with_undo (widget, self->store, item, title, _("Could not delete"), NULL))
    return;

  /* The row that took its place is selected, and keeps the keyboard
   * focus the deleted row had, so that Delete and Enter go on. */
  rebuild (self);
  if (position != GTK_INVALID_LIST_POSITION)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

      if (n > 0)
        gtk_single_selection_set_selected (self->selection, MIN (position, n - 1));
    }
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
activate_cb (SdFindingsView *self,
             guint           position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  edit_item (self, item);
}

/* Cells */

static void
close_clicked_cb (GtkButton      *button,
                  SdFindingsView *self)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (button), "sd-list-item");
  gpointer item = gtk_list_item_get_item (list_item);

  if (SD_IS_FINDING (item))
    {
      select_item (self, item);
      close_finding (self, item);
    }
}

/* A cell: an icon (hidden unless needed), a label, and in the status
 * column a button that closes the finding. They are found again at bind
 * through their order. */
static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          SdFindingsView           *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  /* As tall as the rows with a close button, so that all rows are. */
  gtk_widget_set_size_request (box, -1, 34);
  gtk_widget_set_visible (icon, FALSE);
  gtk_box_append (GTK_BOX (box), icon);
  /* A label rather than a GtkInscription: an inscription sizes its lines
   * by the primary font and clips the taller glyphs of the CJK fallback. */
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  if (column == COLUMN_STATUS)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("object-select-symbolic");

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Close Finding…"));
      gtk_widget_set_visible (button, FALSE);
      g_object_set_data (G_OBJECT (button), "sd-list-item", list_item);
      g_signal_connect_object (button, "clicked", G_CALLBACK (close_clicked_cb), self, 0);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_list_item_set_child (list_item, box);
}

static const char *style_classes[] = { "heading", "dim-label", "error", "warning", "success",
                                       "caption" };

static void
reset_cell (GtkWidget *box,
            GtkWidget *icon,
            GtkWidget *label,
            GtkWidget *button)
{
  for (guint i = 0; i < G_N_ELEMENTS (style_classes); i++)
    {
      gtk_widget_remove_css_class (label, style_classes[i]);
      gtk_widget_remove_css_class (icon, style_classes[i]);
    }
  gtk_widget_set_visible (icon, FALSE);
  gtk_widget_set_tooltip_text (label, NULL);
  gtk_widget_set_tooltip_text (icon, NULL);
  gtk_widget_set_margin_start (box, 0);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  if (button != NULL)
    gtk_widget_set_visible (button, FALSE);
}

static void
bind_inspection (SdFindingsView *self,
                 Column          column,
                 SdInspection   *inspection,
                 GtkWidget      *box,
                 GtkWidget      *label)
{
  switch (column)
    {
    case COLUMN_DESCRIPTION:
      {
        g_autofree char *heading = inspection_heading (self, inspection);

        gtk_label_set_label (GTK_LABEL (label), heading);
        gtk_widget_set_tooltip_text (label, heading);
        gtk_widget_add_css_class (label, "heading");
      }
      break;

    case COLUMN_STATUS:
      {
        GListModel *findings = sd_store_get_items (self->store, SD_TYPE_FINDING);
        guint n = g_list_model_get_n_items (findings), total = 0, open = 0;
        gint64 id = sd_item_get_id (SD_ITEM (inspection));
        g_autofree char *text = NULL;

        /* A pass over the findings per section row shown: a plan has a few
         * dozen inspections, and only the rows on screen are bound. */
        for (guint i = 0; i < n; i++)
          {
            g_autoptr(SdFinding) finding = g_list_model_get_item (findings, i);

            if (sd_finding_get_inspection_id (finding) != id)
              continue;
            total++;
            open += !finding_is_closed (finding);
          }
        if (total == 0)
          text = g_strdup (_("No findings"));
        else if (open == 0)
          /* Translators: the summary of an inspection's findings */
          text = g_strdup_printf (ngettext ("%u finding, closed", "%u findings, all closed",
                                            total), total);
        else
          /* Translators: the summary of an inspection's findings: "2 of 5 open" */
          text = g_strdup_printf (ngettext ("%u of %u open", "%u of %u open", total),
                                  open, total);
        gtk_label_set_label (GTK_LABEL (label), text);
        gtk_widget_add_css_class (label, "dim-label");
      }
      break;

    case COLUMN_UNIT:
    case COLUMN_SEVERITY:
    case COLUMN_RESPONSIBLE:
    case COLUMN_DEADLINE:
    default:
      gtk_label_set_label (GTK_LABEL (label), "");
      break;
    }
}

static void
bind_finding (SdFindingsView *self,
              Column          column,
              SdFinding      *finding,
              GtkWidget      *box,
              GtkWidget      *icon,
              GtkWidget      *label,
              GtkWidget      *button)
{
  const char *text = NULL;

  switch (column)
    {
    case COLUMN_DESCRIPTION:
      text = sd_finding_get_description (finding);
      /* Indented under its inspection. */
      gtk_widget_set_margin_start (box, 18);
      gtk_widget_set_tooltip_text (label, text);
      break;

    case COLUMN_UNIT:
      text = unit_name (self, sd_finding_get_unit_id (finding));
      break;

    case COLUMN_SEVERITY:
      {
        const char *severity = sd_finding_get_severity (finding);

        text = sd_severity_label (severity);
        if (g_strcmp0 (severity, "high") == 0)
          gtk_widget_add_css_class (label, "error");
        else if (g_strcmp0 (severity, "medium") == 0)
          gtk_widget_add_css_class (label, "warning");
      }
      break;

    case COLUMN_RESPONSIBLE:
      text = person_name (self, sd_finding_get_responsible_person_id (finding));
      break;

    case COLUMN_DEADLINE:
      text = sd_finding_get_deadline (finding);
      if (sd_finding_is_overdue (finding, self->today))
        {
          /* Translators: tooltip of an overdue finding's deadline; %s is
           * the deadline, YYYY-MM-DD */
          g_autofree char *tooltip = g_strdup_printf (_("Overdue since %s"), text);

          gtk_image_set_from_icon_name (GTK_IMAGE (icon), "dialog-warning-symbolic");
          gtk_widget_add_css_class (icon, "error");
          gtk_widget_set_visible (icon, TRUE);
          gtk_widget_add_css_class (label, "error");
          gtk_widget_set_tooltip_text (icon, tooltip);
          gtk_widget_set_tooltip_text (label, tooltip);
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                          -1);
          gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                          -1);
        }
      break;

    case COLUMN_STATUS:
      text = sd_finding_status_label (sd_finding_get_status (finding));
      if (finding_is_closed (finding))
        {
          const char *evidence = sd_finding_get_evidence (finding);
          const char *closed_on = sd_finding_get_closed_on (finding);
          /* Translators: tooltip of a closed finding: when, and the
           * evidence */
          g_autofree char *tooltip = g_strdup_printf (_("Closed on %s: %s"),
                                                      closed_on != NULL ? closed_on : "—",
                                                      evidence != NULL ? evidence : "—");

          gtk_widget_add_css_class (label, "success");
          gtk_widget_set_tooltip_text (label, tooltip);
        }
      else if (!sd_store_get_read_only (self->store))
        {
          /* Translators: accessible name of the button on a finding's row;
           * %s is the finding's description */
          g_autofree char *name = g_strdup_printf (_("Close finding “%s”"),
                                                   sd_finding_get_description (finding));

          gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                          -1);
          gtk_widget_set_visible (button, TRUE);
        }
      break;

    default:
      g_assert_not_reached ();
    }
  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         SdFindingsView           *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  gpointer item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);
  GtkWidget *button = gtk_widget_get_next_sibling (label);

  reset_cell (box, icon, label, button);
  if (SD_IS_INSPECTION (item))
    bind_inspection (self, column, item, box, label);
  else if (SD_IS_FINDING (item))
    bind_finding (self, column, item, box, icon, label, button);
}

static void
add_column (SdFindingsView *self,
            Column          column_kind,
            const char     *title,
            int             fixed_width,
            gboolean        expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column_kind));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cb), self, 0);
  column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  gtk_column_view_append_column (self->column_view, column);
}

/* Building the widget */

static GtkWidget *
labelled_button_new (const char *icon_name,
                     const char *label,
                     const char *action_name)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon_name);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  return button;
}

static void
build_toolbar (SdFindingsView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button, *spacer, *filters, *search;

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  button = labelled_button_new ("list-add-symbolic", _("Add Inspection"),
                                "findings.add-inspection");
  gtk_widget_set_tooltip_text (button, _("A self-check, spot-check or audit of the plan"));
  gtk_box_append (GTK_BOX (box), button);
  button = labelled_button_new ("list-add-symbolic", _("Add Finding"), "findings.add-finding");
  gtk_widget_set_tooltip_text (button, _("A finding of the selected inspection"));
  gtk_box_append (GTK_BOX (box), button);
  button = labelled_button_new ("object-select-symbolic", _("Close Finding…"),
                                "findings.close-finding");
  gtk_widget_set_tooltip_text (button, _("Record the evidence and close the selected finding "
                                         "(Ctrl+Enter)"));
  gtk_box_append (GTK_BOX (box), button);
  button = sd_editor_icon_button_new ("document-edit-symbolic", _("Edit (Enter)"), _("Edit"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "findings.edit");
  gtk_box_append (GTK_BOX (box), button);
  button = sd_editor_icon_button_new ("user-trash-symbolic", _("Delete (Delete)"), _("Delete"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "findings.delete");
  gtk_box_append (GTK_BOX (box), button);

  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (box), spacer);

  /* Not linked: the two filters are not a choice of one. */
  filters = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  /* Translators: a filter of the findings: only those not closed yet */
  self->open_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (C_("findings",
                                                                              "Open")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->open_toggle),
                               _("Show only the findings not closed yet"));
  g_signal_connect_object (self->open_toggle, "toggled", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (filters), GTK_WIDGET (self->open_toggle));
  /* Translators: a filter of the findings: only those past their deadline */
  self->overdue_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (C_("findings",
                                                                                 "Overdue")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->overdue_toggle),
                               _("Show only the findings past their rectification deadline"));
  g_signal_connect_object (self->overdue_toggle, "toggled", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (filters), GTK_WIDGET (self->overdue_toggle));
  gtk_box_append (GTK_BOX (box), filters);

  search = gtk_search_entry_new ();
  g_object_set (search, "placeholder-text", _("Search findings"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (search),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search findings"),
                                  -1);
  g_signal_connect_object (search, "search-changed", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->search_entry = GTK_EDITABLE (search);
  gtk_box_append (GTK_BOX (box), search);

  self->toolbar = box;
  gtk_widget_set_parent (box, GTK_WIDGET (self));
}

static void
add_shortcut (GtkShortcutController *shortcuts,
              const char            *trigger,
              const char            *action)
{
  GtkShortcutTrigger *parsed = gtk_shortcut_trigger_parse_string (trigger);

  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (parsed, gtk_named_action_new (action)));
}

static void
build_list (SdFindingsView *self)
{
  GtkWidget *scrolled, *status, *button;
  GtkShortcutController *shortcuts;

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_row_separators (self->column_view, TRUE);
  gtk_column_view_set_reorderable (self->column_view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Inspection findings"),
                                  -1);
  add_column (self, COLUMN_DESCRIPTION, _("Finding"), -1, TRUE);
  add_column (self, COLUMN_UNIT, _("Unit"), 120, FALSE);
  add_column (self, COLUMN_SEVERITY, _("Severity"), 80, FALSE);
  add_column (self, COLUMN_RESPONSIBLE, _("Responsible"), 110, FALSE);
  add_column (self, COLUMN_DEADLINE, _("Deadline"), 120, FALSE);
  add_column (self, COLUMN_STATUS, _("Status"), 150, FALSE);
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (activate_cb), self,
                           G_CONNECT_SWAPPED);

  /* On the list only, so that Delete in the search entry edits the text. */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  add_shortcut (shortcuts, "Delete|KP_Delete", "findings.delete");
  add_shortcut (shortcuts, "<Control>Return|<Control>KP_Enter", "findings.close-finding");
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (shortcuts));

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled),
                                 GTK_WIDGET (self->column_view));
  self->list_page = scrolled;
  gtk_stack_add_child (self->stack, scrolled);

  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "edit-find-symbolic");
  button = gtk_button_new_with_mnemonic (_("_Add Inspection"));
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "findings.add-inspection");
  adw_status_page_set_child (ADW_STATUS_PAGE (status), button);
  self->empty_page = ADW_STATUS_PAGE (status);
  self->empty_button = button;
  gtk_stack_add_child (self->stack, status);

  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "edit-find-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Matching Findings"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("No finding matches the search and the filters."));
  button = gtk_button_new_with_mnemonic (_("_Show All Findings"));
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  g_signal_connect_object (button, "clicked", G_CALLBACK (show_all_cb), self,
                           G_CONNECT_SWAPPED);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), button);
  self->none_page = status;
  gtk_stack_add_child (self->stack, status);

  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
}

/* GObject */

static void
sd_findings_view_constructed (GObject *object)
{
  SdFindingsView *self = SD_FINDINGS_VIEW (object);
  GType watched[] = { SD_TYPE_INSPECTION, SD_TYPE_FINDING };
  GType named[] = { SD_TYPE_UNIT, SD_TYPE_PERSON };

  G_OBJECT_CLASS (sd_findings_view_parent_class)->constructed (object);

  g_return_if_fail (SD_IS_STORE (self->store));

  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    g_signal_connect_object (sd_store_get_items (self->store, watched[i]), "items-changed",
                             G_CALLBACK (items_changed_cb), self, 0);
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    g_signal_connect_object (sd_store_get_items (self->store, named[i]), "items-changed",
                             G_CALLBACK (names_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::read-only", G_CALLBACK (names_changed_cb),
                           self, G_CONNECT_SWAPPED);
  rebuild (self);
}

static void
sd_findings_view_dispose (GObject *object)
{
  SdFindingsView *self = SD_FINDINGS_VIEW (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_pointer (&self->toolbar, gtk_widget_unparent);
  if (self->stack != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->stack));
      self->stack = NULL;
      self->column_view = NULL;
    }
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->plan);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_findings_view_parent_class)->dispose (object);
}

static void
sd_findings_view_finalize (GObject *object)
{
  SdFindingsView *self = SD_FINDINGS_VIEW (object);

  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->today, g_date_time_unref);

  G_OBJECT_CLASS (sd_findings_view_parent_class)->finalize (object);
}

static void
sd_findings_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SdFindingsView *self = SD_FINDINGS_VIEW (object);

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
sd_findings_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SdFindingsView *self = SD_FINDINGS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PLAN:
      sd_findings_view_set_plan (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_findings_view_class_init (SdFindingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sd_findings_view_constructed;
  object_class->dispose = sd_findings_view_dispose;
  object_class->finalize = sd_findings_view_finalize;
  object_class->get_property = sd_findings_view_get_property;
  object_class->set_property = sd_findings_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, SD_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "findings.add-inspection", NULL,
                                   add_inspection_action);
  gtk_widget_class_install_action (widget_class, "findings.add-finding", NULL,
                                   add_finding_action);
  gtk_widget_class_install_action (widget_class, "findings.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "findings.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "findings.close-finding", NULL,
                                   close_finding_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "findingsview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sd_findings_view_init (SdFindingsView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  self->dirty = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->today = g_date_time_new_now_local ();
  self->rows = g_list_store_new (G_TYPE_OBJECT);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);

  build_toolbar (self);
  build_list (self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
}

/**
 * sd_findings_view_new:
 * @store: the store
 *
 * Returns: (transfer floating): the view, showing no plan until
 *   sd_findings_view_set_plan()
 */
GtkWidget *
sd_findings_view_new (SdStore *store)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  return g_object_new (SD_TYPE_FINDINGS_VIEW, "store", store, NULL);
}

/**
 * sd_findings_view_set_plan:
 * @self: the view
 * @plan: (nullable): the plan whose inspections and findings to show
 */
void
sd_findings_view_set_plan (SdFindingsView *self,
                           SdPlan         *plan)
{
  gint64 plan_id;

  g_return_if_fail (SD_IS_FINDINGS_VIEW (self));
  g_return_if_fail (plan == NULL || SD_IS_PLAN (plan));

  plan_id = plan != NULL ? sd_item_get_id (SD_ITEM (plan)) : 0;
  if (self->plan == plan && self->plan_id == plan_id)
    return;

  g_set_object (&self->plan, plan);
  self->plan_id = plan_id;
  /* Another plan's rows have nothing to keep. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  if (self->store != NULL)
    rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}
