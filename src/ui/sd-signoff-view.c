/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-signoff-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sd-labels.h"
#include "sd-person.h"
#include "sd-sign-dialog.h"
#include "sd-sign-summary.h"
#include "sd-signoff-view.h"
#include "sd-statement-render.h"
#include "sd-ui.h"

/* The order of the groups on the left: what needs a signature first. */
static const SdSignState group_order[] = {
  SD_SIGN_STATE_OUTDATED,
  SD_SIGN_STATE_NEVER,
  SD_SIGN_STATE_CURRENT,
};

struct _SdSignoffView
{
  AdwBin            parent_instance;

  SdStore          *store;
  SdSignSummary    *summary;
  /* The summary's statuses that the rows point to (a reference, so that
   * they live as long as the rows). */
  GPtrArray        *statuses;
  GHashTable       *rows;         /* gint64 unit id → GtkListBoxRow (borrowed) */
  /* When each outdated sign-off became outdated: gint64 sign-off id →
   * formatted date, "" when the audit log does not tell. It reads the
   * log, so it is worked out once per sign-off, while idle. */
  GHashTable       *since;
  guint             since_id;
  gint64            selected_id;
  gboolean          rebuilding;

  /* What the detail shows, so that it is built again only when that
   * changes (and the focus in it is kept otherwise). */
  gint64            shown_unit_id;
  SdSignState       shown_state;
  gint64            shown_signoff_id;
  char             *shown_text;
  char             *page;         /* the page of the detail the user chose */

  GtkPrintSettings *print_settings;

  AdwToastOverlay  *overlay;
  GtkStack         *stack;
  GtkListBox       *list;
  AdwBin           *detail;
};

G_DEFINE_FINAL_TYPE (SdSignoffView, sd_signoff_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void show_detail (SdSignoffView *self,
                         gboolean       force);

/* Helpers */

static char *
format_time (const char *iso,
             gboolean    with_time)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL || iso[0] == '\0')
    return g_strdup ("");
  time = g_date_time_new_from_iso8601 (iso, NULL);
  if (time == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (time);
  return g_date_time_format (local, with_time ? "%Y-%m-%d %H:%M" : "%Y-%m-%d");
}

static const char *
head_name (SdSignoffView *self,
           SdUnit        *unit)
{
  gint64 head_id = sd_unit_get_head_id (unit);
  SdPerson *head = head_id != 0 ? sd_store_lookup (self->store, SD_TYPE_PERSON, head_id) : NULL;

  return head != NULL ? sd_person_get_name (head) : NULL;
}

static void
show_toast (SdSignoffView *self,
            const char    *text,
            gboolean       error)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  if (error)
    {
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 0);
    }
  adw_toast_overlay_add_toast (self->overlay, toast);
}

static GtkWindow *
parent_window (SdSignoffView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static GtkWidget *
heading_new (const char *text)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                   "label", text,
                                   "xalign", 0.0f,
                                   "wrap", TRUE,
                                   NULL);

  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
caption_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static const SdSignStatus *
row_status (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "sd-status");
}

static const char *
group_title (SdSignState state)
{
  switch (state)
    {
    case SD_SIGN_STATE_OUTDATED:
      /* Translators: a group of units whose duties changed since signed */
      return _("Outdated");
    case SD_SIGN_STATE_NEVER:
      return _("Never Signed");
    case SD_SIGN_STATE_CURRENT:
      return _("Signed and Current");
    case SD_SIGN_STATE_NOTHING:
    default:
      return _("Nothing to Sign");
    }
}

/* "Outdated since 2026-03-04", "Never signed", "Signed 2026-03-01"
 * (transfer full). */
static char *
state_text (SdSignoffView      *self,
            const SdSignStatus *status)
{
  switch (status->state)
    {
    case SD_SIGN_STATE_OUTDATED:
      {
        gint64 id = sd_item_get_id (SD_ITEM (status->latest));
        const char *since = g_hash_table_lookup (self->since, &id);

        if (since != NULL && since[0] != '\0')
          /* Translators: %s is a date */
          return g_strdup_printf (_("Outdated since %s"), since);
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Outdated: %u line changed since signed",
                                             "Outdated: %u lines changed since signed",
                                             status->n_changes),
                                status->n_changes);
      }
    case SD_SIGN_STATE_CURRENT:
      {
        g_autofree char *date = format_time (sd_signoff_get_signed_at (status->latest), FALSE);

        /* Translators: the state of a unit whose sign-off is current; %s is
         * the date it was signed */
        return g_strdup_printf (_("Signed %s"), date);
      }
    case SD_SIGN_STATE_NEVER:
      return g_strdup (_("Never signed"));
    case SD_SIGN_STATE_NOTHING:
    default:
      return g_strdup (_("Holds no duties"));
    }
}

/* The outdated date of @signoff, from the cache or the audit log. */
static const char *
lookup_since (SdSignoffView *self,
              SdSignoff     *signoff)
{
  gint64 id = sd_item_get_id (SD_ITEM (signoff));
  const char *since = g_hash_table_lookup (self->since, &id);

  if (since == NULL)
    {
      g_autofree char *at = sd_signoff_outdated_since (self->store, signoff);
      char *date = format_time (at, FALSE);

      g_hash_table_insert (self->since, g_memdup2 (&id, sizeof id), date);
      since = date;
    }
  return since;
}

/* The list of units */

static void
update_row (SdSignoffView *self,
            GtkListBoxRow *row)
{
  const SdSignStatus *status = row_status (row);
  const char *unit = sd_unit_get_name (status->unit);
  const char *head = head_name (self, status->unit);
  g_autofree char *state = state_text (self, status);
  g_autofree char *head_line = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *label = NULL;

  if (head != NULL)
    /* Translators: %s is the name of a unit's head */
    head_line = g_strdup_printf (_("Head: %s"), head);
  else
    head_line = g_strdup (_("No head on record"));
  subtitle = g_strdup_printf ("%s\n%s", head_line, state);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* Translators: the accessible name of a unit in the sign-off list:
   * the unit, then its state ("信息部: Never signed") */
  label = g_strdup_printf (_("%s: %s"), unit, state);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, head_line,
                                  -1);
}

static GtkWidget *
row_new (SdSignoffView      *self,
         const SdSignStatus *status)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  const char *icon_name;
  const char *style;

  g_object_set_data (G_OBJECT (row), "sd-status", (gpointer) status);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sd_unit_get_name (status->unit));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  switch (status->state)
    {
    case SD_SIGN_STATE_OUTDATED:
      icon_name = "dialog-warning-symbolic";
      style = "warning";
      break;
    case SD_SIGN_STATE_CURRENT:
      icon_name = "emblem-ok-symbolic";
      style = "success";
      break;
    case SD_SIGN_STATE_NEVER:
    case SD_SIGN_STATE_NOTHING:
    default:
      icon_name = "document-edit-symbolic";
      style = "dim-label";
      break;
    }
  /* The icon repeats what the row's name says, for the eye. */
  icon = g_object_new (GTK_TYPE_IMAGE,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       "icon-name", icon_name,
                       NULL);
  gtk_widget_add_css_class (icon, style);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  update_row (self, GTK_LIST_BOX_ROW (row));
  return row;
}

static guint
group_count (SdSignoffView *self,
             SdSignState    state)
{
  switch (state)
    {
    case SD_SIGN_STATE_OUTDATED:
      return sd_sign_summary_get_n_outdated (self->summary);
    case SD_SIGN_STATE_NEVER:
      return sd_sign_summary_get_n_never (self->summary);
    case SD_SIGN_STATE_CURRENT:
      return sd_sign_summary_get_n_current (self->summary);
    case SD_SIGN_STATE_NOTHING:
    default:
      return 0;
    }
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  SdSignoffView *self = user_data;
  const SdSignStatus *status = row_status (row);
  GtkWidget *header;
  GtkWidget *title;
  GtkWidget *count;
  g_autofree char *n = NULL;

  if (before != NULL && row_status (before)->state == status->state)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_set_margin_top (header, before != NULL ? 18 : 6);
  gtk_widget_set_margin_bottom (header, 6);
  title = heading_new (group_title (status->state));
  gtk_widget_set_hexpand (title, TRUE);
  n = g_strdup_printf ("%u", group_count (self, status->state));
  count = gtk_label_new (n);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), count);
  gtk_list_box_row_set_header (row, header);
}

/* TRUE when some of @row is within the visible part of the list. */
static gboolean
row_is_shown (SdSignoffView *self,
              GtkListBoxRow *row)
{
  GtkWidget *viewport = gtk_widget_get_parent (GTK_WIDGET (self->list));
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->list),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (GTK_WIDGET (row)) || scrolled == NULL || viewport == NULL
      || !gtk_widget_compute_bounds (GTK_WIDGET (row), scrolled, &bounds))
    return FALSE;
  return bounds.origin.y + bounds.size.height > 0
         && bounds.origin.y < gtk_widget_get_height (scrolled);
}

/* Finds out, for the outdated rows in sight, since when they are outdated:
 * one sign-off per turn of the main loop, because each reads the audit
 * log. Rows scrolled into sight later are done then. */
static gboolean
since_idle_cb (gpointer data)
{
  SdSignoffView *self = data;
  GtkListBoxRow *row;

  /* The outdated rows come first. */
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    {
      const SdSignStatus *status = row_status (row);
      gint64 id;

      if (status->state != SD_SIGN_STATE_OUTDATED)
        break;
      if (status->latest == NULL || !row_is_shown (self, row))
        continue;
      id = sd_item_get_id (SD_ITEM (status->latest));
      if (g_hash_table_contains (self->since, &id))
        continue;

      lookup_since (self, status->latest);
      update_row (self, row);
      return G_SOURCE_CONTINUE;
    }

  self->since_id = 0;
  return G_SOURCE_REMOVE;
}

static void
schedule_since (SdSignoffView *self)
{
  if (self->since_id == 0 && self->list != NULL)
    self->since_id = g_idle_add_full (G_PRIORITY_LOW, since_idle_cb, self, NULL);
}

static void
rebuild_rows (SdSignoffView *self)
{
  GPtrArray *statuses = sd_sign_summary_get_statuses (self->summary);
  GtkWidget *focus = NULL;
  gboolean had_focus = FALSE;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *child;
  GtkWidget *select = NULL;
  guint n_rows = 0;

  if (root != NULL)
    focus = gtk_root_get_focus (root);
  had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list));

  self->rebuilding = TRUE;
  g_hash_table_remove_all (self->rows);
  /* Row by row (the headers are children of the list too), without
   * headers meanwhile, which are made once for the new rows. */
  gtk_list_box_set_header_func (self->list, NULL, NULL, NULL);
  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, 0))) != NULL)
    gtk_list_box_remove (self->list, child);

  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  self->statuses = g_ptr_array_ref (statuses);

  /* A sign-off current again may become outdated again later, by another
   * change: what is known of it is forgotten. */
  {
    g_autoptr(GHashTable) outdated = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                            g_free, NULL);
    GHashTableIter iter;
    gpointer key;

    for (guint i = 0; i < statuses->len; i++)
      {
        const SdSignStatus *status = g_ptr_array_index (statuses, i);

        if (status->state == SD_SIGN_STATE_OUTDATED && status->latest != NULL)
          {
            gint64 id = sd_item_get_id (SD_ITEM (status->latest));

            g_hash_table_add (outdated, g_memdup2 (&id, sizeof id));
          }
      }
    g_hash_table_iter_init (&iter, self->since);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (!g_hash_table_contains (outdated, key))
        g_hash_table_iter_remove (&iter);
  }

  for (guint g = 0; g < G_N_ELEMENTS (group_order); g++)
    for (guint i = 0; i < statuses->len; i++)
      {
        const SdSignStatus *status = g_ptr_array_index (statuses, i);
        gint64 id;
        GtkWidget *row;

        if (status->state != group_order[g])
          continue;
        id = sd_item_get_id (SD_ITEM (status->unit));
        row = row_new (self, status);
        gtk_list_box_append (self->list, row);
        g_hash_table_insert (self->rows, g_memdup2 (&id, sizeof id), row);
        n_rows++;
      }
  gtk_list_box_set_header_func (self->list, header_func, self, NULL);

  /* The unit shown stays shown; at first, or when it is gone, the most
   * urgent one. */
  if (self->selected_id != 0 && sd_sign_summary_lookup (self->summary, self->selected_id) == NULL)
    self->selected_id = 0;
  if (self->selected_id != 0)
    select = g_hash_table_lookup (self->rows, &self->selected_id);
  else if (n_rows > 0)
    select = GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, 0));
  if (select != NULL)
    {
      gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (select));
      self->selected_id = sd_item_get_id (SD_ITEM (row_status (GTK_LIST_BOX_ROW (select))->unit));
      if (had_focus)
        gtk_widget_grab_focus (select);
    }
  self->rebuilding = FALSE;

  gtk_stack_set_visible_child_name (self->stack, n_rows > 0 ? "content" : "empty");

  schedule_since (self);
}

static void
summary_changed_cb (SdSignoffView *self)
{
  rebuild_rows (self);
  show_detail (self, FALSE);
}

static void
row_selected_cb (GtkListBox    *list,
                 GtkListBoxRow *row,
                 SdSignoffView *self)
{
  if (self->rebuilding || row == NULL)
    return;
  self->selected_id = sd_item_get_id (SD_ITEM (row_status (row)->unit));
  show_detail (self, FALSE);
}

/* The diff */

static void
diff_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *sign = g_object_new (GTK_TYPE_LABEL,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  "width-chars", 1,
                                  "yalign", 0.0f,
                                  NULL);
  GtkWidget *text = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_widget_add_css_class (sign, "heading");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), sign);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, FALSE);
}

/* Each item is the line with its mark in front: "-" removed, "+" added. */
static void
diff_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);
  const char *string = gtk_string_object_get_string (item);
  gboolean removed = string[0] == '-';
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *sign = gtk_widget_get_first_child (box);
  GtkWidget *text = gtk_widget_get_next_sibling (sign);
  g_autofree char *label = NULL;

  gtk_label_set_text (GTK_LABEL (sign), removed ? "\u2212" : "+");
  if (removed)
    {
      g_autofree char *escaped = g_markup_escape_text (string + 1, -1);
      g_autofree char *markup = g_strdup_printf ("<s>%s</s>", escaped);

      gtk_label_set_markup (GTK_LABEL (text), markup);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (text), string + 1);
    }
  gtk_widget_remove_css_class (box, removed ? "success" : "error");
  gtk_widget_add_css_class (box, removed ? "error" : "success");

  label = g_strdup_printf (removed ? _("Removed: %s") : _("Added: %s"), string + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static GtkWidget *
diff_view_new (const char *old_text,
               const char *new_text,
               guint      *n_lines)
{
  g_autoptr(GPtrArray) changes = sd_text_diff_changes (old_text, new_text);
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;
  GtkWidget *list_view;

  for (guint i = 0; i < changes->len; i++)
    {
      const SdDiffLine *line = g_ptr_array_index (changes, i);
      g_autofree char *item = NULL;

      if (line->op == SD_DIFF_SAME)
        continue;
      item = g_strconcat (line->op == SD_DIFF_REMOVED ? "-" : "+", line->line, NULL);
      gtk_string_list_append (strings, item);
    }
  *n_lines = g_list_model_get_n_items (G_LIST_MODEL (strings));

  g_signal_connect (factory, "setup", G_CALLBACK (diff_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (diff_bind_cb), NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&strings)));
  list_view = gtk_list_view_new (GTK_SELECTION_MODEL (selection), g_object_ref (factory));
  gtk_widget_add_css_class (list_view, "diff");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What changed since it was signed"),
                                  -1);

  return list_view;
}

/* The statement as text */

static void
insert (GtkTextBuffer *buffer,
        const char    *text,
        const char    *tag)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  if (tag != NULL)
    gtk_text_buffer_insert_with_tags_by_name (buffer, &end, text, -1, tag, NULL);
  else
    gtk_text_buffer_insert (buffer, &end, text, -1);
}

/* Posts with their holders, or bodies with the head's seat (the
 * statement gives it in both languages already). */
static void
insert_seats (GtkTextBuffer *buffer,
              const char    *title,
              GPtrArray     *seats)
{
  if (seats == NULL || seats->len == 0)
    return;
  insert (buffer, title, "heading");
  insert (buffer, "\n", NULL);
  for (guint i = 0; i < seats->len; i++)
    {
      const SdStatementSeat *seat = g_ptr_array_index (seats, i);
      const char *holders = seat->holders != NULL ? seat->holders : "";

      insert (buffer, seat->name, "name");
      if (holders[0] != '\0')
        {
          insert (buffer, " \u2014 ", NULL);
          insert (buffer, holders, NULL);
        }
      insert (buffer, "\n", NULL);
    }
}

/* Appends the duties of one area: each duty once, with every party that
 * holds it and in which role. The lines of one duty are next to each other
 * in the canonical order. */
static void
insert_duties (GtkTextBuffer *buffer,
               GPtrArray     *duties)
{
  for (guint i = 0; i < duties->len; i++)
    {
      const SdStatementDuty *duty = g_ptr_array_index (duties, i);
      const SdStatementDuty *previous = i > 0 ? g_ptr_array_index (duties, i - 1) : NULL;
      const SdStatementDuty *next = i + 1 < duties->len ? g_ptr_array_index (duties, i + 1) : NULL;
      char role[2] = { duty->role, '\0' };
      g_autofree char *party = NULL;

      if (previous == NULL || previous->duty_id != duty->duty_id)
        {
          insert (buffer, duty->code, "code");
          insert (buffer, "  ", NULL);
          insert (buffer, duty->text, NULL);
          insert (buffer, "\n", NULL);
        }

      /* Translators: who holds a duty and in which role:
       * "安全管理员: Responsible" */
      party = g_strdup_printf (_("%s: %s"), duty->party, sd_raci_label (role));
      insert (buffer, party, "detail");

      if (next == NULL || next->duty_id != duty->duty_id)
        {
          insert (buffer, "\n", NULL);
          if (duty->source != NULL && duty->source[0] != '\0')
            {
              /* Translators: %s is where a duty comes from: a document and
               * its article */
              g_autofree char *source = g_strdup_printf (_("Source: %s"), duty->source);

              insert (buffer, source, "detail");
              insert (buffer, "\n", NULL);
            }
        }
      else
        {
          insert (buffer, " \u00b7 ", "detail");
        }
    }
}

GtkWidget *
sd_signoff_view_new_statement_text (const SdStatement *statement)
{
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autoptr(GHashTable) areas = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autofree char *head = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *label = NULL;
  GtkWidget *view;

  g_return_val_if_fail (statement != NULL, NULL);

  gtk_text_buffer_create_tag (buffer, "title", "weight", PANGO_WEIGHT_BOLD,
                              "scale", 1.2, "pixels-below-lines", 6, NULL);
  gtk_text_buffer_create_tag (buffer, "heading", "weight", PANGO_WEIGHT_BOLD,
                              "pixels-above-lines", 14, "pixels-below-lines", 4, NULL);
  gtk_text_buffer_create_tag (buffer, "name", "weight", PANGO_WEIGHT_SEMIBOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "code", "family", "monospace",
                              "weight", PANGO_WEIGHT_BOLD, "pixels-above-lines", 8, NULL);
  gtk_text_buffer_create_tag (buffer, "detail", "scale", 0.9, "left-margin", 36, NULL);

  /* Translators: %s is a unit */
  unit = g_strdup_printf (_("Unit: %s"), statement->unit_name);
  insert (buffer, unit, "title");
  insert (buffer, "\n", NULL);
  if (statement->head_name != NULL)
    /* Translators: %s is the name of the unit's head */
    head = g_strdup_printf (_("Head: %s"), statement->head_name);
  else
    head = g_strdup (_("No head on record"));
  insert (buffer, head, NULL);
  insert (buffer, "\n", NULL);

  insert_seats (buffer, _("Posts and Their Holders"), statement->posts);
  insert_seats (buffer, _("Seats in Security Bodies"), statement->bodies);

  /* The duties by area, the areas in the order of their first duty. */
  areas = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                 (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; statement->duties != NULL && i < statement->duties->len; i++)
    {
      const SdStatementDuty *duty = g_ptr_array_index (statement->duties, i);
      const char *area = duty->area != NULL ? duty->area : "";
      GPtrArray *duties = g_hash_table_lookup (areas, area);

      if (duties == NULL)
        {
          duties = g_ptr_array_new ();
          g_hash_table_insert (areas, (gpointer) area, duties);
          g_ptr_array_add (order, (gpointer) area);
        }
      g_ptr_array_add (duties, (gpointer) duty);
    }
  if (order->len == 0)
    {
      insert (buffer, _("Duties"), "heading");
      insert (buffer, "\n", NULL);
      insert (buffer, _("No duties are assigned to this unit, its posts or its head's seats."),
              NULL);
    }
  for (guint i = 0; i < order->len; i++)
    {
      const char *area = g_ptr_array_index (order, i);

      insert (buffer, area[0] != '\0' ? area : _("Other Duties"), "heading");
      insert (buffer, "\n", NULL);
      insert_duties (buffer, g_hash_table_lookup (areas, area));
    }

  view = gtk_text_view_new_with_buffer (buffer);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  /* Translators: the accessible name of a statement's text; %s is a unit */
  label = g_strdup_printf (_("Responsibility statement of %s"), statement->unit_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return view;
}

/* The signed text of a sign-off in a window of its own. */
static void
show_signed_text (SdSignoffView *self,
                  SdSignoff     *signoff)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *caption;
  g_autofree char *time = format_time (sd_signoff_get_signed_at (signoff), TRUE);
  g_autofree char *title = NULL;
  g_autofree char *hash = NULL;
  SdUnit *unit = sd_store_lookup (self->store, SD_TYPE_UNIT, sd_signoff_get_unit_id (signoff));

  /* Translators: the title of the window with the text a signature
   * covered; the first %s is a unit, the second a date and time */
  title = g_strdup_printf (_("Signed Text: %s, %s"),
                           unit != NULL ? sd_unit_get_name (unit) : "", time);
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent_window (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 600);
  gtk_widget_add_css_class (window, "view");

  /* Translators: %s is the SHA-256 of the signed text, in hex */
  hash = g_strdup_printf (_("Exactly the text that was signed, as stored with its SHA-256 %s"),
                          sd_signoff_get_sha256 (signoff));
  caption = caption_new (hash);
  gtk_label_set_selectable (GTK_LABEL (caption), TRUE);
  gtk_widget_set_margin_start (caption, 12);
  gtk_widget_set_margin_end (caption, 12);
  gtk_widget_set_margin_top (caption, 6);
  gtk_widget_set_margin_bottom (caption, 6);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            sd_signoff_get_canonical_text (signoff), -1);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Signed text"),
                                  -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_vexpand (scrolled, TRUE);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);

  /* Escape closes it, as any dialog. */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape,
                                                                                    0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, shortcuts);
  }
  gtk_window_present (GTK_WINDOW (window));
}

static void
show_text_clicked_cb (GtkButton     *button,
                      SdSignoffView *self)
{
  SdSignoff *signoff = g_object_get_data (G_OBJECT (button), "sd-signoff");

  show_signed_text (self, signoff);
}

static GtkWidget *
history_row_new (SdSignoffView      *self,
                 const SdSignStatus *status,
                 SdSignoff          *signoff,
                 gboolean            latest)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *tag;
  GtkWidget *button;
  g_autofree char *time = format_time (sd_signoff_get_signed_at (signoff), TRUE);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *hash = g_strndup (sd_signoff_get_sha256 (signoff), 12);
  g_autofree char *label = NULL;
  const char *state;
  const char *style;

  if (!sd_signoff_is_intact (signoff))
    {
      /* Translators: a sign-off whose stored text no longer matches its
       * hash: the file was edited outside the app */
      state = _("Altered");
      style = "error";
    }
  else if (!latest)
    {
      /* Translators: a sign-off followed by a newer one */
      state = _("Superseded");
      style = "dim-label";
    }
  else if (status->state == SD_SIGN_STATE_CURRENT)
    {
      state = _("Current");
      style = "success";
    }
  else
    {
      state = _("Outdated");
      style = "warning";
    }

  /* Translators: a sign-off in the history: who signed, and when */
  title = g_strdup_printf (_("%s, %s"), sd_signoff_get_signer_name (signoff), time);
  /* Translators: the meaning of a signature, then the first 12 hex
   * digits of the SHA-256 of what it covered */
  subtitle = g_strdup_printf (_("“%s”\nSHA-256 %s…"), sd_signoff_get_meaning (signoff), hash);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  tag = gtk_label_new (state);
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, "caption-heading");
  gtk_widget_add_css_class (tag, style);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);

  button = gtk_button_new_with_mnemonic (_("Show Signed _Text"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: the accessible name of the button that shows what a
   * sign-off covered; %s is its date and time */
  label = g_strdup_printf (_("Show Signed Text of %s"), time);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "sd-signoff", g_object_ref (signoff),
                          g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (show_text_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  g_free (label);
  /* Translators: the accessible name of a sign-off in the history: who
   * signed, when, and its state */
  label = g_strdup_printf (_("%s, %s: %s"), sd_signoff_get_signer_name (signoff), time, state);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return row;
}

/* Exporting and printing */

typedef struct
{
  SdSignoffView *view;      /* weak */
  gint64         unit_id;
} FileRequest;

static void
file_request_free (FileRequest *request)
{
  g_clear_weak_pointer (&request->view);
  g_free (request);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    FileRequest     *request)
{
  SdSignoffView *self = request->view;

  if (response == GTK_RESPONSE_ACCEPT && self != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GError) error = NULL;
      SdUnit *unit = sd_store_lookup (self->store, SD_TYPE_UNIT, request->unit_id);

      if (unit == NULL)
        g_set_error_literal (&error, SD_STORE_ERROR, SD_STORE_ERROR_NOT_FOUND,
                             _("The unit no longer exists"));
      if (unit != NULL && path != NULL && sd_statement_export_pdf (self->store, unit, path, &error))
        {
          /* Translators: %s is a file name */
          g_autofree char *text = g_strdup_printf (_("Exported to %s"), name);

          show_toast (self, text, FALSE);
        }
      else
        {
          /* Translators: %s is why the export failed */
          g_autofree char *text = g_strdup_printf (_("Could not export the statement: %s"),
                                                   error != NULL ? error->message
                                                                 : _("not a local file"));

          show_toast (self, text, TRUE);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  file_request_free (request);
}

static void
export_pdf (SdSignoffView *self)
{
  SdUnit *unit = sd_store_lookup (self->store, SD_TYPE_UNIT, self->selected_id);
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;
  FileRequest *request;

  if (unit == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Responsibility Statement"),
                                         parent_window (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  /* Translators: the suggested file name of an exported statement; %s is
   * the unit */
  name = g_strdup_printf (_("Responsibility Statement %s.pdf"), sd_unit_get_name (unit));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  request = g_new0 (FileRequest, 1);
  g_set_weak_pointer (&request->view, self);
  request->unit_id = self->selected_id;
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

typedef struct
{
  SdStatement       *statement;
  SdSignoff         *signoff;
  gboolean           outdated;
  SdStatementLayout *layout;
} PrintJob;

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  PangoContext *pango = gtk_print_context_create_pango_context (context);

  /* Laid out for the paper and the printer's resolution chosen in the
   * dialog: one layout serves the PDF export and printing. */
  g_clear_pointer (&job->layout, sd_statement_layout_free);
  job->layout = sd_statement_layout_new (pango, job->statement, job->signoff, job->outdated,
                                         gtk_print_context_get_width (context),
                                         gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, sd_statement_layout_get_n_pages (job->layout));
  g_object_unref (pango);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintJob          *job)
{
  if (job->layout != NULL)
    sd_statement_layout_draw_page (job->layout, gtk_print_context_get_cairo_context (context),
                                   page_nr);
}

static void
print_statement (SdSignoffView *self)
{
  const SdSignStatus *status = sd_sign_summary_lookup (self->summary, self->selected_id);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) page_setup = NULL;
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *job_name = NULL;
  GtkPrintOperationResult result;
  PrintJob job = { NULL, };

  if (status == NULL)
    return;

  job.statement = sd_statement_new (self->store, status->unit);
  job.signoff = status->latest != NULL ? g_object_ref (status->latest) : NULL;
  job.outdated = status->state == SD_SIGN_STATE_OUTDATED;

  paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  page_setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size_and_default_margins (page_setup, paper);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  if (self->print_settings != NULL)
    gtk_print_operation_set_print_settings (operation, self->print_settings);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* Translators: the name of the print job; %s is a unit */
  job_name = g_strdup_printf (_("Responsibility statement of %s"), job.statement->unit_name);
  gtk_print_operation_set_job_name (operation, job_name);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), &job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), &job);

  /* The dialog runs a main loop of its own; the view must outlive it. */
  g_object_ref (self);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent_window (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (operation));
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      /* Translators: %s is the reason printing failed */
      g_autofree char *text = g_strdup_printf (_("Could not print the statement: %s"),
                                               error != NULL ? error->message
                                                             : _("unknown error"));

      show_toast (self, text, TRUE);
    }
  g_signal_handlers_disconnect_by_data (operation, &job);
  g_object_unref (self);

  g_clear_pointer (&job.layout, sd_statement_layout_free);
  g_clear_object (&job.signoff);
  sd_statement_free (job.statement);
}

/* Signing */

static void
signed_cb (SdSignDialog  *dialog,
           SdSignoff     *signoff,
           SdSignoffView *self)
{
  /* Translators: %s is who signed */
  g_autofree char *text = g_strdup_printf (_("Signed by %s"), sd_signoff_get_signer_name (signoff));

  show_toast (self, text, FALSE);
  /* The summary hears of the new sign-off from the store and catches up
   * once idle; the list and the detail follow it. */
}

void
sd_signoff_view_sign (SdSignoffView *self)
{
  SdUnit *unit;
  GtkWidget *dialog;

  g_return_if_fail (SD_IS_SIGNOFF_VIEW (self));

  unit = sd_store_lookup (self->store, SD_TYPE_UNIT, self->selected_id);
  if (unit == NULL)
    return;
  dialog = sd_sign_dialog_new (self->store, unit, parent_window (self));
  g_signal_connect_object (dialog, "signed", G_CALLBACK (signed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sign_clicked_cb (SdSignoffView *self)
{
  sd_signoff_view_sign (self);
}

static void
export_clicked_cb (SdSignoffView *self)
{
  export_pdf (self);
}

static void
print_clicked_cb (SdSignoffView *self)
{
  print_statement (self);
}

/* The detail */

static GtkWidget *
button_new (SdSignoffView *self,
            const char    *mnemonic,
            const char    *name,
            const char    *tooltip,
            GCallback      callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);
  return button;
}

/* A page of the detail: a sentence that says what it shows, and @child,
 * which scrolls. */
static GtkWidget *
page_new (const char *caption,
          GtkWidget  *child)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = caption_new (caption);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_widget_set_margin_start (label, 18);
  gtk_widget_set_margin_end (label, 18);
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (box), label);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), child);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), scrolled);
  return box;
}

static void
page_changed_cb (SdSignoffView *self,
                 GParamSpec    *pspec,
                 AdwViewStack  *pages)
{
  g_free (self->page);
  self->page = g_strdup (adw_view_stack_get_visible_child_name (pages));
}

/* @fresh: the unit or its state differs from what was shown before. */
static GtkWidget *
detail_new (SdSignoffView      *self,
            const SdSignStatus *status,
            gboolean            fresh)
{
  g_autoptr(SdStatement) statement = sd_statement_new (self->store, status->unit);
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *state = NULL;
  g_autofree char *count = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title;
  GtkWidget *label;
  GtkWidget *buttons;
  GtkWidget *button;
  GtkWidget *list;
  GtkWidget *pages;
  GtkWidget *switcher;

  gtk_widget_set_margin_top (head, 18);
  gtk_widget_set_margin_start (head, 18);
  gtk_widget_set_margin_end (head, 18);
  gtk_box_append (GTK_BOX (box), head);

  title = g_object_new (GTK_TYPE_LABEL,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                        "label", sd_unit_get_name (status->unit),
                        "xalign", 0.0f,
                        "wrap", TRUE,
                        "selectable", TRUE,
                        NULL);
  gtk_widget_add_css_class (title, "title-2");
  gtk_box_append (GTK_BOX (head), title);

  /* Where it stands, in a sentence. */
  switch (status->state)
    {
    case SD_SIGN_STATE_OUTDATED:
      {
        g_autofree char *signed_at = format_time (sd_signoff_get_signed_at (status->latest), TRUE);
        const char *since = lookup_since (self, status->latest);

        if (since[0] != '\0')
          /* Translators: the first %s is a date, the second who signed, the
           * third when */
          state = g_strdup_printf (_("Outdated since %s: the duties changed after %s signed "
                                     "them on %s. They need to be signed again."),
                                   since, sd_signoff_get_signer_name (status->latest), signed_at);
        else
          /* Translators: the first %s is who signed, the second when */
          state = g_strdup_printf (_("Outdated: the duties changed after %s signed them on %s. "
                                     "They need to be signed again."),
                                   sd_signoff_get_signer_name (status->latest), signed_at);
      }
      break;
    case SD_SIGN_STATE_CURRENT:
      {
        g_autofree char *signed_at = format_time (sd_signoff_get_signed_at (status->latest), TRUE);

        /* Translators: the first %s is who signed, the second when */
        state = g_strdup_printf (_("Signed and current: %s signed these duties on %s, and "
                                   "nothing has changed since."),
                                 sd_signoff_get_signer_name (status->latest), signed_at);
      }
      break;
    case SD_SIGN_STATE_NEVER:
      state = g_strdup (_("Never signed: the head of the unit has not yet signed these duties."));
      break;
    case SD_SIGN_STATE_NOTHING:
    default:
      state = g_strdup (_("This unit, its posts and its head hold no duties: there is nothing "
                          "to sign."));
      break;
    }
  label = gtk_label_new (state);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (status->state == SD_SIGN_STATE_OUTDATED)
    gtk_widget_add_css_class (label, "warning");
  gtk_box_append (GTK_BOX (head), label);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (buttons, 6);
  button = button_new (self, _("_Review and Sign…"), _("Review and Sign…"),
                       _("Read the statement and record the head's signature"),
                       G_CALLBACK (sign_clicked_cb));
  gtk_widget_set_sensitive (button, status->state != SD_SIGN_STATE_NOTHING);
  if (status->state != SD_SIGN_STATE_CURRENT)
    gtk_widget_add_css_class (button, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), button);
  button = button_new (self, _("_Export PDF…"), _("Export PDF…"),
                       _("Save the statement with its signature block as a PDF document"),
                       G_CALLBACK (export_clicked_cb));
  gtk_box_append (GTK_BOX (buttons), button);
  button = button_new (self, _("_Print…"), _("Print…"), _("Print the statement"),
                       G_CALLBACK (print_clicked_cb));
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (GTK_BOX (head), buttons);

  /* Below, one page at a time, each scrolling on its own: a long statement
   * is then drawn only as far as it is seen. */
  pages = adw_view_stack_new ();
  gtk_widget_set_vexpand (pages, TRUE);
  switcher = adw_view_switcher_new ();
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_WIDE);
  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_STACK (pages));
  gtk_widget_set_halign (switcher, GTK_ALIGN_START);
  gtk_widget_set_margin_top (switcher, 6);
  gtk_box_append (GTK_BOX (head), switcher);

  if (status->state == SD_SIGN_STATE_OUTDATED)
    {
      GtkWidget *diff;
      guint n_lines = 0;

      diff = diff_view_new (sd_signoff_get_canonical_text (status->latest), status->text,
                            &n_lines);
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "What changed since it was signed: %u line removed "
                                            "or added. Removed lines are struck through (−), "
                                            "added ones marked +.",
                                            "What changed since it was signed: %u lines removed "
                                            "or added. Removed lines are struck through (−), "
                                            "added ones marked +.",
                                            n_lines), n_lines);
      adw_view_stack_add_titled_with_icon (ADW_VIEW_STACK (pages), page_new (count, diff),
                                           "changes", _("What Changed"),
                                           "dialog-warning-symbolic");
      g_clear_pointer (&count, g_free);
    }

  /* Translators: above the statement; %u is its number of duty lines */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "The statement as it reads today: %u duty line.",
                                        "The statement as it reads today: %u duty lines.",
                                        status->n_duties), status->n_duties);
  adw_view_stack_add_titled_with_icon (ADW_VIEW_STACK (pages),
                                       page_new (count,
                                                 sd_signoff_view_new_statement_text (statement)),
                                       "statement", _("Statement"), "view-list-bullet-symbolic");

  history = sd_signoffs_for_unit (self->store, sd_item_get_id (SD_ITEM (status->unit)));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  gtk_widget_set_margin_bottom (list, 18);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sign-off history"),
                                  -1);
  for (guint i = 0; i < history->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list),
                         history_row_new (self, status, g_ptr_array_index (history, i),
                                          i == 0));
  g_clear_pointer (&count, g_free);
  if (history->len == 0)
    count = g_strdup (_("No sign-offs yet."));
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u sign-off, newest first.",
                                          "%u sign-offs, newest first.",
                                          history->len), history->len);
  adw_view_stack_add_titled_with_icon (ADW_VIEW_STACK (pages), page_new (count, list),
                                       "history", _("History"), "document-open-recent-symbolic");
  gtk_widget_set_visible (list, history->len > 0);

  /* The page the user chose stays; what changed comes first when the
   * statement has just become outdated. */
  if (status->state == SD_SIGN_STATE_OUTDATED && (fresh || self->page == NULL))
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (pages), "changes");
  else if (self->page != NULL && adw_view_stack_get_child_by_name (ADW_VIEW_STACK (pages),
                                                                   self->page) != NULL)
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (pages), self->page);
  else
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (pages), "statement");
  g_signal_connect_object (pages, "notify::visible-child-name", G_CALLBACK (page_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), pages);

  return box;
}

static void
show_detail (SdSignoffView *self,
             gboolean       force)
{
  const SdSignStatus *summary_status = NULL;
  g_autoptr(SdSignStatus) own = NULL;
  const SdSignStatus *status = NULL;
  gint64 signoff_id;
  gboolean fresh;
  GtkWidget *clamp;

  if (self->selected_id != 0)
    summary_status = sd_sign_summary_lookup (self->summary, self->selected_id);
  /* The summary keeps no texts: today's text of the one unit shown is
   * assembled here. */
  if (summary_status != NULL)
    status = own = sd_sign_status_new (self->store, summary_status->unit);

  if (status == NULL)
    {
      GtkWidget *page;

      if (!force && self->shown_unit_id == 0 && adw_bin_get_child (self->detail) != NULL)
        return;
      self->shown_unit_id = 0;
      g_clear_pointer (&self->shown_text, g_free);
      page = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "document-edit-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (page), _("No Unit Selected"));
      adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                       _("Select a unit to see its statement and sign-offs."));
      adw_bin_set_child (self->detail, page);
      return;
    }

  signoff_id = status->latest != NULL ? sd_item_get_id (SD_ITEM (status->latest)) : 0;
  if (!force
      && self->shown_unit_id == self->selected_id
      && self->shown_state == status->state
      && self->shown_signoff_id == signoff_id
      && g_strcmp0 (self->shown_text, status->text) == 0)
    return;

  fresh = self->shown_unit_id != self->selected_id || self->shown_state != status->state;
  self->shown_unit_id = self->selected_id;
  self->shown_state = status->state;
  self->shown_signoff_id = signoff_id;
  g_free (self->shown_text);
  self->shown_text = g_strdup (status->text);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), detail_new (self, status, fresh));
  adw_bin_set_child (self->detail, clamp);

  /* The detail may have found out since when it is outdated: the row says
   * so too. */
  if (status->state == SD_SIGN_STATE_OUTDATED)
    {
      GtkWidget *row = g_hash_table_lookup (self->rows, &self->selected_id);

      if (row != NULL)
        update_row (self, GTK_LIST_BOX_ROW (row));
    }
}

/* The object */

static void
sd_signoff_view_constructed (GObject *object)
{
  SdSignoffView *self = SD_SIGNOFF_VIEW (object);

  G_OBJECT_CLASS (sd_signoff_view_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  self->summary = g_object_ref (sd_ui_get_sign_summary (self->store));
  g_signal_connect_object (self->summary, "changed", G_CALLBACK (summary_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (sd_sign_summary_is_current (self->summary))
    summary_changed_cb (self);
}

/* The summary works in the background; the view catches up at once when
 * it is shown, so that it never claims there is nothing to sign before it
 * has looked. */
static void
sd_signoff_view_map (GtkWidget *widget)
{
  SdSignoffView *self = SD_SIGNOFF_VIEW (widget);

  if (!sd_sign_summary_is_current (self->summary))
    sd_sign_summary_flush (self->summary);

  GTK_WIDGET_CLASS (sd_signoff_view_parent_class)->map (widget);
  schedule_since (self);
}

static void
sd_signoff_view_dispose (GObject *object)
{
  SdSignoffView *self = SD_SIGNOFF_VIEW (object);

  g_clear_handle_id (&self->since_id, g_source_remove);
  /* The rows go first, while what their headers count is still there. */
  if (self->list != NULL)
    gtk_list_box_set_header_func (self->list, NULL, NULL, NULL);
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->list = NULL;
  if (self->summary != NULL)
    g_signal_handlers_disconnect_by_data (self->summary, self);
  g_clear_object (&self->summary);
  g_clear_object (&self->print_settings);
  if (self->rows != NULL)
    g_hash_table_remove_all (self->rows);
  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_signoff_view_parent_class)->dispose (object);
}

static void
sd_signoff_view_finalize (GObject *object)
{
  SdSignoffView *self = SD_SIGNOFF_VIEW (object);

  g_hash_table_unref (self->rows);
  g_hash_table_unref (self->since);
  g_free (self->shown_text);
  g_free (self->page);

  G_OBJECT_CLASS (sd_signoff_view_parent_class)->finalize (object);
}

static void
sd_signoff_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SdSignoffView *self = SD_SIGNOFF_VIEW (object);

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
sd_signoff_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SdSignoffView *self = SD_SIGNOFF_VIEW (object);

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
sd_signoff_view_class_init (SdSignoffViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sd_signoff_view_constructed;
  object_class->dispose = sd_signoff_view_dispose;
  object_class->finalize = sd_signoff_view_finalize;
  object_class->get_property = sd_signoff_view_get_property;
  object_class->set_property = sd_signoff_view_set_property;
  widget_class->map = sd_signoff_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "signoffview");
}

static void
sd_signoff_view_init (SdSignoffView *self)
{
  GtkWidget *status;
  GtkWidget *paned;
  GtkWidget *scrolled;

  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->since = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  self->stack = GTK_STACK (gtk_stack_new ());

  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "document-edit-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Duties to Sign Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Assign duties to units and their posts in the matrix; "
                                     "each unit's head then signs them here."));
  gtk_stack_add_named (self->stack, status, "empty");

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_list_box_set_header_func (self->list, header_func, self, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Units to sign"),
                                  -1);
  g_signal_connect_object (self->list, "row-selected", G_CALLBACK (row_selected_cb), self, 0);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_widget_set_size_request (scrolled, 240, -1);
  /* Scrolled, or laid out anew: other rows may have come into sight. */
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                           "value-changed", G_CALLBACK (schedule_since), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                           "changed", G_CALLBACK (schedule_since), self, G_CONNECT_SWAPPED);

  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_start_child (GTK_PANED (paned), scrolled);
  gtk_paned_set_resize_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_position (GTK_PANED (paned), 320);

  /* Not scrolled as a whole: its pages scroll each on their own. */
  self->detail = ADW_BIN (adw_bin_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->detail), TRUE);
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (self->detail));
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_stack_add_named (self->stack, paned, "content");
  gtk_stack_set_visible_child_name (self->stack, "empty");

  self->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->overlay, GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->overlay));

  show_detail (self, TRUE);
}

GtkWidget *
sd_signoff_view_new (SdStore *store)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  return g_object_new (SD_TYPE_SIGNOFF_VIEW, "store", store, NULL);
}

SdStore *
sd_signoff_view_get_store (SdSignoffView *self)
{
  g_return_val_if_fail (SD_IS_SIGNOFF_VIEW (self), NULL);

  return self->store;
}

void
sd_signoff_view_select_unit (SdSignoffView *self,
                             gint64         unit_id)
{
  GtkWidget *row;

  g_return_if_fail (SD_IS_SIGNOFF_VIEW (self));

  if (!sd_sign_summary_is_current (self->summary))
    sd_sign_summary_flush (self->summary);

  self->selected_id = unit_id;
  row = g_hash_table_lookup (self->rows, &unit_id);
  self->rebuilding = TRUE;
  if (row != NULL)
    gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
  else
    gtk_list_box_unselect_all (self->list);
  self->rebuilding = FALSE;
  show_detail (self, FALSE);
}

gint64
sd_signoff_view_get_selected_unit (SdSignoffView *self)
{
  g_return_val_if_fail (SD_IS_SIGNOFF_VIEW (self), 0);

  return self->selected_id;
}
