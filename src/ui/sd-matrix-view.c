/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-matrix-view"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "sd-assignment-edit.h"
#include "sd-duty-rules.h"
#include "sd-labels.h"
#include "sd-matrix-render.h"
#include "sd-matrix-view.h"

/* A cell by what it shows rather than where: found again after a rebuild. */
typedef struct
{
  gint64       duty_id;      /* 0: none (an area header, or no row) */
  SdPartyKind  party_kind;
  gint64       party_id;     /* 0: none (the duty column) */
} CellKey;

struct _SdMatrixView
{
  GtkWidget          parent_instance;

  SdDutyMatrix      *matrix;
  SdStore           *store;
  SdAssignmentIndex *index;          /* made on the first edit */
  SdMatrixTextCache *cache;
  SdMatrixMetrics    metrics;
  double             zoom;

  GtkAdjustment     *hadjustment;
  GtkAdjustment     *vadjustment;
  guint              hscroll_policy : 1;
  guint              vscroll_policy : 1;

  guint              cursor_row;
  guint              cursor_column;
  CellKey            cursor_key;

  /* The other corner of the selection; G_MAXUINT rows: only the cursor's cell. */
  guint              anchor_row;
  guint              anchor_column;
  CellKey            anchor_key;

  /* A press of the primary button: where it began, and whether it was on
   * the cursor's cell, which a click (no drag) then cycles. */
  double             press_x, press_y;
  guint              press_row, press_column;
  gboolean           press_cycles;

  GtkWidget         *popover;
  GtkWidget         *role_buttons[5];   /* R, A, C, I, none */
};

static void sd_matrix_view_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SdMatrixView, sd_matrix_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      sd_matrix_view_scrollable_init))

enum {
  PROP_0,
  PROP_MATRIX,
  PROP_STORE,
  PROP_ZOOM,
  PROP_CURSOR_ROW,
  PROP_CURSOR_COLUMN,
  N_PROPS,

  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

enum {
  EDITED,
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The roles in the order a click cycles through them, and of the popover. */
static const char role_codes[] = { 'R', 'A', 'C', 'I' };

#define ZOOM_STEP 1.2

static void
sd_matrix_view_scrollable_init (GtkScrollableInterface *iface)
{
}

/* Geometry */

static double
header_height (SdMatrixView *self)
{
  return self->metrics.group_height + self->metrics.header_height;
}

static void
ensure_cache (SdMatrixView *self)
{
  if (self->cache != NULL)
    return;
  self->cache = sd_matrix_text_cache_new (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  sd_matrix_metrics_init (&self->metrics, self->cache, self->zoom);
}

static void
configure_adjustments (SdMatrixView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double content_width = 0, content_height = 0;
  double page_width, page_height;

  ensure_cache (self);
  if (self->matrix != NULL)
    sd_matrix_get_content_size (self->matrix, &self->metrics, &content_width, &content_height);

  /* The adjustments scroll the cells only; the headers stay. */
  content_width = MAX (content_width - self->metrics.row_header_width, 0);
  content_height = MAX (content_height - header_height (self), 0);
  page_width = MAX (width - self->metrics.row_header_width, 0);
  page_height = MAX (height - header_height (self), 0);

  if (self->hadjustment != NULL)
    gtk_adjustment_configure (self->hadjustment,
                              CLAMP (gtk_adjustment_get_value (self->hadjustment), 0,
                                     MAX (content_width - page_width, 0)),
                              0, MAX (content_width, page_width),
                              self->metrics.column_width, page_width * 0.9, page_width);
  if (self->vadjustment != NULL)
    gtk_adjustment_configure (self->vadjustment,
                              CLAMP (gtk_adjustment_get_value (self->vadjustment), 0,
                                     MAX (content_height - page_height, 0)),
                              0, MAX (content_height, page_height),
                              self->metrics.row_height, page_height * 0.9, page_height);
}

static double
scroll_x (SdMatrixView *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

static double
scroll_y (SdMatrixView *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

static void
scroll_to_cursor (SdMatrixView *self)
{
  cairo_rectangle_t area;
  double page;

  if (self->cursor_row == G_MAXUINT)
    return;

  sd_matrix_get_cell_area (&self->metrics, self->cursor_row,
                           self->cursor_column != G_MAXUINT ? self->cursor_column : 0, &area);
  if (self->vadjustment != NULL)
    {
      page = gtk_adjustment_get_page_size (self->vadjustment);
      if (area.y < scroll_y (self))
        gtk_adjustment_set_value (self->vadjustment, area.y);
      else if (area.y + area.height > scroll_y (self) + page)
        gtk_adjustment_set_value (self->vadjustment, area.y + area.height - page);
    }
  if (self->hadjustment != NULL && self->cursor_column != G_MAXUINT)
    {
      page = gtk_adjustment_get_page_size (self->hadjustment);
      if (area.x < scroll_x (self))
        gtk_adjustment_set_value (self->hadjustment, area.x);
      else if (area.x + area.width > scroll_x (self) + page)
        gtk_adjustment_set_value (self->hadjustment, area.x + area.width - page);
    }
}

/* The cursor's cell in widget coordinates, for the popover to point at. */
static void
get_cursor_rect (SdMatrixView *self,
                 GdkRectangle *rect)
{
  cairo_rectangle_t area;

  sd_matrix_get_cell_area (&self->metrics, self->cursor_row, self->cursor_column, &area);
  rect->x = (int) (self->metrics.row_header_width + area.x - scroll_x (self));
  rect->y = (int) (header_height (self) + area.y - scroll_y (self));
  rect->width = (int) area.width;
  rect->height = (int) area.height;
}

/* Cells and the selection */

static CellKey
key_for (SdMatrixView *self,
         guint         row,
         guint         column)
{
  CellKey key = { 0, SD_PARTY_BODY, 0 };
  SdDuty *duty;

  if (self->matrix == NULL)
    return key;
  duty = row != G_MAXUINT ? sd_duty_matrix_get_row_duty (self->matrix, row) : NULL;
  if (duty != NULL)
    key.duty_id = sd_item_get_id (SD_ITEM (duty));
  if (column != G_MAXUINT)
    {
      const SdMatrixColumn *party = sd_duty_matrix_get_column (self->matrix, column);

      key.party_kind = party->kind;
      key.party_id = party->id;
    }
  return key;
}

/* Where a cell is now, after a rebuild; G_MAXUINT for what is not shown. */
static void
find_key (SdMatrixView  *self,
          const CellKey *key,
          guint         *row,
          guint         *column)
{
  *row = key->duty_id != 0 ? sd_duty_matrix_find_duty (self->matrix, key->duty_id) : G_MAXUINT;
  *column = key->party_id != 0
            ? sd_duty_matrix_find_column (self->matrix, key->party_kind, key->party_id)
            : G_MAXUINT;
}

gboolean
sd_matrix_view_get_selection (SdMatrixView      *self,
                              SdMatrixSelection *selection)
{
  guint anchor_row, anchor_column;

  g_return_val_if_fail (SD_IS_MATRIX_VIEW (self), FALSE);
  g_return_val_if_fail (selection != NULL, FALSE);

  *selection = (SdMatrixSelection) { 1, 0, 1, 0 };
  if (self->matrix == NULL || self->cursor_row == G_MAXUINT || self->cursor_column == G_MAXUINT)
    return FALSE;

  anchor_row = self->anchor_row != G_MAXUINT ? self->anchor_row : self->cursor_row;
  anchor_column = self->anchor_column != G_MAXUINT ? self->anchor_column : self->cursor_column;
  selection->first_row = MIN (anchor_row, self->cursor_row);
  selection->last_row = MAX (anchor_row, self->cursor_row);
  selection->first_column = MIN (anchor_column, self->cursor_column);
  selection->last_column = MAX (anchor_column, self->cursor_column);
  return TRUE;
}

/* The cells of the selection that belong to a duty (area headers hold none). */
static guint
count_selected_cells (SdMatrixView            *self,
                      const SdMatrixSelection *selection)
{
  guint n_rows = 0;

  for (guint row = selection->first_row; row <= selection->last_row; row++)
    {
      if (sd_duty_matrix_get_row_duty (self->matrix, row) != NULL)
        n_rows++;
    }
  return n_rows * (selection->last_column - selection->first_column + 1);
}

static void
append_change (GArray       *changes,
               SdMatrixView *self,
               SdDuty       *duty,
               guint         column,
               char          role)
{
  const SdMatrixColumn *party = sd_duty_matrix_get_column (self->matrix, column);
  SdCellChange change = {
    .duty_id = sd_item_get_id (SD_ITEM (duty)),
    .party_kind = party->kind,
    .party_id = party->id,
    .role = role,
  };

  g_array_append_val (changes, change);
}

/* One role for a mask: the first of R, A, C, I it holds, or 0. */
static char
role_of_mask (guint roles)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_codes); i++)
    {
      if (roles & (1u << i))
        return role_codes[i];
    }
  return 0;
}

/* Describing */

static const char *
party_kind_label (SdPartyKind kind)
{
  switch (kind)
    {
    case SD_PARTY_BODY:
      /* Translators: the kind of a matrix column, before its name: "body 保密委员会" */
      return C_("party", "body");
    case SD_PARTY_UNIT:
      /* Translators: the kind of a matrix column, before its name: "unit 营销部" */
      return C_("party", "unit");
    case SD_PARTY_POST:
      /* Translators: the kind of a matrix column, before its name: "post 安全管理员" */
      return C_("party", "post");
    default:
      g_assert_not_reached ();
    }
}

static char *
describe_roles (guint roles)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (role_codes); i++)
    {
      char code[2] = { role_codes[i], 0 };

      if (!(roles & (1u << i)))
        continue;
      if (out->len > 0)
        /* Translators: separates two roles of one cell */
        g_string_append (out, _(", "));
      g_string_append (out, sd_raci_label (code));
    }
  if (out->len == 0)
    /* Translators: a duty matrix cell without a role */
    g_string_append (out, _("no role"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
describe_cell (SdMatrixView *self)
{
  SdDuty *duty;
  const SdMatrixColumn *column;
  g_autofree char *roles = NULL;

  if (self->matrix == NULL || self->cursor_row == G_MAXUINT)
    return g_strdup (_("Duty matrix"));

  duty = sd_duty_matrix_get_row_duty (self->matrix, self->cursor_row);
  if (duty == NULL)
    /* Translators: the cursor is on an area's header row: "Area 安全管理员职责, 12 duties" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Area %s, %u duty", "Area %s, %u duties",
                                         sd_duty_matrix_get_area_size (self->matrix,
                                                                       self->cursor_row)),
                            sd_duty_matrix_get_row_area (self->matrix, self->cursor_row),
                            sd_duty_matrix_get_area_size (self->matrix, self->cursor_row));

  if (self->cursor_column == G_MAXUINT)
    /* Translators: duty code and text */
    return g_strdup_printf (_("Duty %s “%s”"), sd_duty_get_code (duty), sd_duty_get_text (duty));

  column = sd_duty_matrix_get_column (self->matrix, self->cursor_column);
  roles = describe_roles (sd_duty_matrix_get_roles (self->matrix, self->cursor_row,
                                                    self->cursor_column));
  /* Translators: duty code, duty text, party kind, party name, roles:
   * "Duty 003-12.2 “…”, post Security administrator: Responsible" */
  return g_strdup_printf (_("Duty %s “%s”, %s %s: %s"),
                          sd_duty_get_code (duty), sd_duty_get_text (duty),
                          party_kind_label (column->kind),
                          sd_duty_matrix_get_column_name (self->matrix, self->cursor_column),
                          roles);
}

char *
sd_matrix_view_describe_cursor (SdMatrixView *self)
{
  g_autofree char *text = NULL;
  g_autofree char *problems = NULL;
  SdMatrixSelection selection;
  guint n_cells;

  g_return_val_if_fail (SD_IS_MATRIX_VIEW (self), NULL);

  text = describe_cell (self);
  if (self->matrix == NULL || self->cursor_row == G_MAXUINT)
    return g_steal_pointer (&text);

  problems = sd_duty_problems_describe (sd_duty_matrix_get_row_problems (self->matrix,
                                                                         self->cursor_row));
  if (problems != NULL)
    {
      char *joined;

      /* Translators: a cell's description, then the problems of its duty:
       * "Duty 003-12.2 “…”, post 安全管理员: Responsible. No one is accountable" */
      joined = g_strdup_printf (_("%s. %s"), text, problems);
      g_free (text);
      text = joined;
    }

  if (sd_matrix_view_get_selection (self, &selection) &&
      (selection.first_row != selection.last_row ||
       selection.first_column != selection.last_column))
    {
      char *joined;

      n_cells = count_selected_cells (self, &selection);
      /* Translators: a cell's description, then the size of the selection:
       * "Duty 003-12.2 “…”, post 安全管理员: Responsible. 3 cells selected" */
      joined = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s. %u cell selected",
                                             "%s. %u cells selected", n_cells),
                                text, n_cells);
      g_free (text);
      text = joined;
    }

  return g_steal_pointer (&text);
}

static void
update_accessible (SdMatrixView *self)
{
  g_autofree char *label = sd_matrix_view_describe_cursor (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* Cursor */

/* Stores the cursor, telling who follows it. */
static void
store_cursor (SdMatrixView *self,
              guint         row,
              guint         column)
{
  gboolean row_changed = self->cursor_row != row;
  gboolean column_changed = self->cursor_column != column;

  self->cursor_row = row;
  self->cursor_column = column;
  if (row_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR_ROW]);
  if (column_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR_COLUMN]);
}

static void
clear_anchor (SdMatrixView *self)
{
  self->anchor_row = G_MAXUINT;
  self->anchor_column = G_MAXUINT;
  self->anchor_key = (CellKey) { 0, SD_PARTY_BODY, 0 };
}

/* Moves the cursor; with @extend the selection grows from where the
 * cursor was (its anchor stays), otherwise it is the new cell alone. */
static void
move_cursor (SdMatrixView *self,
             guint         row,
             guint         column,
             gboolean      extend)
{
  if (self->matrix == NULL || row >= sd_duty_matrix_get_n_rows (self->matrix))
    row = G_MAXUINT;
  if (self->matrix == NULL || column >= sd_duty_matrix_get_n_columns (self->matrix))
    column = G_MAXUINT;

  if (!extend)
    clear_anchor (self);
  else if (self->anchor_row == G_MAXUINT)
    {
      self->anchor_row = self->cursor_row;
      self->anchor_column = self->cursor_column;
    }
  /* Started from the duty column or from nowhere: the selection starts in
   * the first cell the cursor reaches. */
  if (extend && self->anchor_row == G_MAXUINT)
    self->anchor_row = row;
  if (extend && self->anchor_column == G_MAXUINT)
    self->anchor_column = column;
  if (extend)
    self->anchor_key = key_for (self, self->anchor_row, self->anchor_column);

  self->cursor_key = key_for (self, row, column);
  store_cursor (self, row, column);

  scroll_to_cursor (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sd_matrix_view_set_cursor (SdMatrixView *self,
                           guint         row,
                           guint         column)
{
  g_return_if_fail (SD_IS_MATRIX_VIEW (self));

  move_cursor (self, row, column, FALSE);
}

void
sd_matrix_view_get_cursor (SdMatrixView *self,
                           guint        *row,
                           guint        *column)
{
  g_return_if_fail (SD_IS_MATRIX_VIEW (self));

  if (row != NULL)
    *row = self->cursor_row;
  if (column != NULL)
    *column = self->cursor_column;
}

/* The next duty row from @row in @direction, skipping area headers. */
static guint
step_row (SdMatrixView *self,
          guint         row,
          int           delta)
{
  guint n_rows = sd_duty_matrix_get_n_rows (self->matrix);
  gint64 target;

  if (n_rows == 0)
    return G_MAXUINT;
  if (row == G_MAXUINT)
    row = 0;

  target = CLAMP ((gint64) row + delta, 0, (gint64) n_rows - 1);
  /* Land on a duty, looking further in the same direction, then back. */
  for (gint64 r = target; r >= 0 && r < n_rows; r += delta >= 0 ? 1 : -1)
    if (sd_duty_matrix_get_row_duty (self->matrix, r) != NULL)
      return r;
  for (gint64 r = target; r >= 0 && r < n_rows; r += delta >= 0 ? -1 : 1)
    if (sd_duty_matrix_get_row_duty (self->matrix, r) != NULL)
      return r;
  return row;
}

/* Editing */

gboolean
sd_matrix_view_apply (SdMatrixView        *self,
                      const SdCellChange  *changes,
                      guint                n_changes,
                      GError             **error)
{
  g_return_val_if_fail (SD_IS_MATRIX_VIEW (self), FALSE);
  g_return_val_if_fail (changes != NULL || n_changes == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->store == NULL)
    {
      g_set_error_literal (error, SD_STORE_ERROR, SD_STORE_ERROR_READ_ONLY,
                           _("The duty matrix has no database to write to"));
      return FALSE;
    }

  if (self->index == NULL)
    self->index = sd_assignment_index_new (self->store);
  if (!sd_assignments_apply (self->store, self->index, changes, n_changes, NULL, error))
    return FALSE;

  /* Rebuilt now rather than at the next idle, so that the accessible label
   * and the next frame already show the new roles. */
  if (self->matrix != NULL)
    sd_duty_matrix_flush (self->matrix);
  return TRUE;
}

/* An edit by the user: applied, then reported by "edited" or "error". */
static gboolean
apply_and_report (SdMatrixView *self,
                  GArray       *changes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) undo = NULL;

  if (self->store == NULL || changes->len == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }

  if (self->index == NULL)
    self->index = sd_assignment_index_new (self->store);
  if (!sd_assignments_apply (self->store, self->index, (const SdCellChange *) changes->data,
                             changes->len, &undo, &error))
    {
      g_debug ("Edit of %u cells refused: %s", changes->len, error->message);
      g_signal_emit (self, signals[ERROR], 0, error);
      return FALSE;
    }

  if (self->matrix != NULL)
    sd_duty_matrix_flush (self->matrix);
  if (undo != NULL && undo->len > 0)
    g_signal_emit (self, signals[EDITED], 0, undo->len, undo);
  return TRUE;
}

/* Gives @role (0: none) to every cell of the selection. */
static gboolean
set_role (SdMatrixView *self,
          char          role)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (SdCellChange));
  SdMatrixSelection selection;

  if (sd_matrix_view_get_selection (self, &selection))
    {
      for (guint row = selection.first_row; row <= selection.last_row; row++)
        {
          SdDuty *duty = sd_duty_matrix_get_row_duty (self->matrix, row);

          if (duty == NULL)
            continue;
          for (guint column = selection.first_column; column <= selection.last_column; column++)
            append_change (changes, self, duty, column, role);
        }
    }
  return apply_and_report (self, changes);
}

/* The next role of the cursor's cell: none, R, A, C, I, none again. A cell
 * holding several roles goes on from the last of them. */
static gboolean
cycle_role (SdMatrixView *self)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (SdCellChange));
  SdDuty *duty;
  guint roles;
  char next = role_codes[0];

  if (self->matrix == NULL || self->cursor_row == G_MAXUINT || self->cursor_column == G_MAXUINT)
    return FALSE;
  duty = sd_duty_matrix_get_row_duty (self->matrix, self->cursor_row);
  if (duty == NULL)
    return FALSE;

  roles = sd_duty_matrix_get_roles (self->matrix, self->cursor_row, self->cursor_column);
  for (guint i = 0; i < G_N_ELEMENTS (role_codes); i++)
    {
      if (roles & (1u << i))
        next = i + 1 < G_N_ELEMENTS (role_codes) ? role_codes[i + 1] : 0;
    }
  append_change (changes, self, duty, self->cursor_column, next);
  return apply_and_report (self, changes);
}

/* Like a spreadsheet's fill down: the top row of the selection gives its
 * roles, column by column, to the other rows. A selection of one row takes
 * them from the duty above. A cell of several roles gives the first of
 * them in R, A, C, I order, as a cell of the matrix edits one role. */
static gboolean
fill_down (SdMatrixView *self)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (SdCellChange));
  SdMatrixSelection selection;
  guint source = G_MAXUINT, first = 0;

  if (!sd_matrix_view_get_selection (self, &selection))
    return apply_and_report (self, changes);

  for (guint row = selection.first_row; row <= selection.last_row; row++)
    {
      if (sd_duty_matrix_get_row_duty (self->matrix, row) != NULL)
        {
          source = row;
          break;
        }
    }
  if (source != G_MAXUINT && source == selection.last_row)
    {
      /* One row: from the duty above it, if there is one. */
      guint above = step_row (self, source, -1);

      first = source;
      source = above < first ? above : G_MAXUINT;
    }
  else if (source != G_MAXUINT)
    first = source + 1;

  if (source != G_MAXUINT)
    {
      for (guint row = first; row <= selection.last_row; row++)
        {
          SdDuty *duty = sd_duty_matrix_get_row_duty (self->matrix, row);

          if (duty == NULL)
            continue;
          for (guint column = selection.first_column; column <= selection.last_column; column++)
            append_change (changes, self, duty, column,
                           role_of_mask (sd_duty_matrix_get_roles (self->matrix, source,
                                                                   column)));
        }
    }
  return apply_and_report (self, changes);
}

/* The popover */

static gboolean
popup_menu (SdMatrixView *self)
{
  GdkRectangle rect;
  SdMatrixSelection selection;
  guint roles;
  char role;
  guint focus = G_N_ELEMENTS (self->role_buttons) - 1;

  if (self->store == NULL || !sd_matrix_view_get_selection (self, &selection) ||
      count_selected_cells (self, &selection) == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }

  /* The cursor's role has the focus, so that Enter keeps it. */
  roles = sd_duty_matrix_get_roles (self->matrix, self->cursor_row, self->cursor_column);
  role = role_of_mask (roles);
  for (guint i = 0; i < G_N_ELEMENTS (role_codes); i++)
    {
      if (role_codes[i] == role)
        focus = i;
    }

  scroll_to_cursor (self);
  get_cursor_rect (self, &rect);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->popover));
  gtk_widget_grab_focus (self->role_buttons[focus]);
  return TRUE;
}

static void
popover_closed_cb (SdMatrixView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* The role keys work in the popover too, and arrows move between its buttons. */
static gboolean
popover_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        SdMatrixView          *self)
{
  const char *role = NULL;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (gdk_keyval_to_lower (keyval))
    {
    case GDK_KEY_r:
      role = "R";
      break;
    case GDK_KEY_a:
      role = "A";
      break;
    case GDK_KEY_c:
      role = "C";
      break;
    case GDK_KEY_i:
      role = "I";
      break;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      role = "";
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return gtk_widget_child_focus (self->popover, GTK_DIR_UP);
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return gtk_widget_child_focus (self->popover, GTK_DIR_DOWN);
    default:
      return FALSE;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "matrix.set-role", "s", role);
  return TRUE;
}

static GtkWidget *
new_role_button (const char *role)
{
  const char *label = *role != '\0' ? sd_raci_label (role) : C_("role", "None");
  /* The key that gives the role, shown dimmed after its name. */
  const char *key = *role != '\0' ? role : C_("key", "Delete");
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (label);
  GtkWidget *hint = gtk_label_new (key);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), hint);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "matrix.set-role");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", role);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, key,
                                  -1);
  return button;
}

static void
build_popover (SdMatrixView *self)
{
  static const char *roles[] = { "R", "A", "C", "I", "" };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkEventController *key = gtk_event_controller_key_new ();

  G_STATIC_ASSERT (G_N_ELEMENTS (roles) == G_N_ELEMENTS (((SdMatrixView *) 0)->role_buttons));

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      self->role_buttons[i] = new_role_button (roles[i]);
      gtk_box_append (GTK_BOX (box), self->role_buttons[i]);
    }

  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), TRUE);
  gtk_widget_add_css_class (self->popover, "menu");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->popover),
                                  /* Translators: the accessible name of the popover of a cell */
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Role"),
                                  -1);
  g_signal_connect (key, "key-pressed", G_CALLBACK (popover_key_pressed_cb), self);
  gtk_widget_add_controller (self->popover, key);
  g_signal_connect_swapped (self->popover, "closed", G_CALLBACK (popover_closed_cb), self);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
}

/* Actions */

static void
set_role_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SdMatrixView *self = SD_MATRIX_VIEW (widget);
  const char *code = g_variant_get_string (parameter, NULL);
  char role = 0;

  if (*code != '\0')
    {
      role = g_ascii_toupper (*code);
      if (memchr (role_codes, role, G_N_ELEMENTS (role_codes)) == NULL || code[1] != '\0')
        {
          g_warning ("Not a role: “%s”", code);
          return;
        }
    }

  gtk_popover_popdown (GTK_POPOVER (self->popover));
  set_role (self, role);
}

static void
fill_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  fill_down (SD_MATRIX_VIEW (widget));
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  popup_menu (SD_MATRIX_VIEW (widget));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SdMatrixView *self = SD_MATRIX_VIEW (widget);

  if (g_str_equal (action_name, "matrix.zoom-in"))
    sd_matrix_view_set_zoom (self, self->zoom * ZOOM_STEP);
  else if (g_str_equal (action_name, "matrix.zoom-out"))
    sd_matrix_view_set_zoom (self, self->zoom / ZOOM_STEP);
  else
    sd_matrix_view_set_zoom (self, 1.0);
}

static void
update_actions (SdMatrixView *self)
{
  gboolean editable = self->store != NULL && self->matrix != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.set-role", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.fill-down", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.menu", editable);
}

/* Input */

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SdMatrixView          *self)
{
  guint n_columns, row, column;
  int page_rows;
  gboolean extend = (state & GDK_SHIFT_MASK) != 0;
  gboolean plain = (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0;
  gboolean control = (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) == GDK_CONTROL_MASK;

  if (self->matrix == NULL)
    return FALSE;

  /* Zoom works on an empty matrix too. */
  if (control)
    {
      switch (keyval)
        {
        case GDK_KEY_plus:
        case GDK_KEY_equal:
        case GDK_KEY_KP_Add:
          gtk_widget_activate_action (GTK_WIDGET (self), "matrix.zoom-in", NULL);
          return TRUE;
        case GDK_KEY_minus:
        case GDK_KEY_KP_Subtract:
          gtk_widget_activate_action (GTK_WIDGET (self), "matrix.zoom-out", NULL);
          return TRUE;
        case GDK_KEY_0:
        case GDK_KEY_KP_0:
          gtk_widget_activate_action (GTK_WIDGET (self), "matrix.zoom-reset", NULL);
          return TRUE;
        default:
          break;
        }
    }

  if (sd_duty_matrix_get_n_rows (self->matrix) == 0)
    return FALSE;

  /* Editing keys; without a store they are not the view's. */
  if (self->store != NULL)
    {
      int role = -1;

      if (plain)
        {
          switch (keyval)
            {
            case GDK_KEY_r:
            case GDK_KEY_R:
              role = 'R';
              break;
            case GDK_KEY_a:
            case GDK_KEY_A:
              role = 'A';
              break;
            case GDK_KEY_c:
            case GDK_KEY_C:
              role = 'C';
              break;
            case GDK_KEY_i:
            case GDK_KEY_I:
              role = 'I';
              break;
            case GDK_KEY_Delete:
            case GDK_KEY_KP_Delete:
            case GDK_KEY_BackSpace:
              role = 0;
              break;
            case GDK_KEY_Menu:
            case GDK_KEY_Return:
            case GDK_KEY_KP_Enter:
            case GDK_KEY_ISO_Enter:
              popup_menu (self);
              return TRUE;
            case GDK_KEY_F10:
              if (!extend)
                break;
              popup_menu (self);
              return TRUE;
            default:
              break;
            }
        }
      else if (control && gdk_keyval_to_lower (keyval) == GDK_KEY_d)
        {
          fill_down (self);
          return TRUE;
        }

      if (role != -1)
        {
          set_role (self, role);
          return TRUE;
        }
    }

  n_columns = sd_duty_matrix_get_n_columns (self->matrix);
  row = self->cursor_row;
  column = self->cursor_column;
  page_rows = MAX (1, (int) (gtk_widget_get_height (GTK_WIDGET (self)) - header_height (self))
                      / (int) self->metrics.row_height - 1);

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      row = step_row (self, row, row == G_MAXUINT ? 0 : -1);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      row = step_row (self, row, row == G_MAXUINT ? 0 : 1);
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      row = step_row (self, row, -page_rows);
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      row = step_row (self, row, page_rows);
      break;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      if (column == G_MAXUINT || column == 0)
        /* The duty column holds no cells to select. */
        column = extend ? column : G_MAXUINT;
      else
        column--;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (column == G_MAXUINT)
        column = n_columns > 0 ? 0 : G_MAXUINT;
      else if (column + 1 < n_columns)
        column++;
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      if (state & GDK_CONTROL_MASK)
        row = step_row (self, 0, 0);
      else if (extend)
        column = n_columns > 0 ? 0 : G_MAXUINT;
      else
        column = G_MAXUINT;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      if (state & GDK_CONTROL_MASK)
        row = step_row (self, sd_duty_matrix_get_n_rows (self->matrix) - 1, 0);
      else if (n_columns > 0)
        column = n_columns - 1;
      break;
    case GDK_KEY_Escape:
      if (self->anchor_row == G_MAXUINT)
        return FALSE;
      move_cursor (self, row, column, FALSE);
      return TRUE;
    default:
      return FALSE;
    }

  if (row == G_MAXUINT)
    row = step_row (self, 0, 0);
  move_cursor (self, row, column, extend);
  return TRUE;
}

/* The primary button: a press moves the cursor (with Shift: extends the
 * selection), dragging selects a rectangle, and a click on the cell that
 * already had the cursor cycles its role. */
static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               SdMatrixView   *self)
{
  GdkModifierType state;
  guint row, column;
  SdMatrixHit hit;

  self->press_cycles = FALSE;
  self->press_row = G_MAXUINT;
  self->press_column = G_MAXUINT;
  if (self->matrix == NULL)
    return;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gtk_widget_grab_focus (GTK_WIDGET (self));
  hit = sd_matrix_lookup (self->matrix, &self->metrics, scroll_x (self), scroll_y (self),
                          x, y, &row, &column);
  switch (hit)
    {
    case SD_MATRIX_HIT_CELL:
      self->press_x = x;
      self->press_y = y;
      self->press_row = row;
      self->press_column = column;
      if (state & GDK_SHIFT_MASK)
        move_cursor (self, row, column, TRUE);
      else if (row == self->cursor_row && column == self->cursor_column &&
               self->anchor_row == G_MAXUINT)
        self->press_cycles = self->store != NULL;
      else
        move_cursor (self, row, column, FALSE);
      break;
    case SD_MATRIX_HIT_ROW_HEADER:
      move_cursor (self, row, column, FALSE);
      break;
    case SD_MATRIX_HIT_COLUMN_HEADER:
      move_cursor (self, self->cursor_row, column, FALSE);
      break;
    case SD_MATRIX_HIT_NONE:
    case SD_MATRIX_HIT_CORNER:
    default:
      break;
    }
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                SdMatrixView   *self)
{
  guint row, column;

  if (self->matrix == NULL || self->press_row == G_MAXUINT)
    return;

  if (sd_matrix_lookup (self->matrix, &self->metrics, scroll_x (self), scroll_y (self),
                        self->press_x + offset_x, self->press_y + offset_y,
                        &row, &column) != SD_MATRIX_HIT_CELL)
    return;
  if (row == self->cursor_row && column == self->cursor_column)
    return;

  /* Out of the pressed cell: a selection from it, not a click. */
  self->press_cycles = FALSE;
  if (self->anchor_row == G_MAXUINT)
    {
      self->anchor_row = self->press_row;
      self->anchor_column = self->press_column;
    }
  move_cursor (self, row, column, TRUE);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             SdMatrixView   *self)
{
  guint row, column;
  gboolean cycles = self->press_cycles;

  self->press_cycles = FALSE;
  self->press_row = G_MAXUINT;
  if (!cycles || self->matrix == NULL)
    return;

  if (sd_matrix_lookup (self->matrix, &self->metrics, scroll_x (self), scroll_y (self),
                        self->press_x + offset_x, self->press_y + offset_y,
                        &row, &column) == SD_MATRIX_HIT_CELL &&
      row == self->cursor_row && column == self->cursor_column)
    cycle_role (self);
}

/* The secondary button opens the popover for the cell, or for the
 * selection when the cell is in it. */
static void
secondary_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      SdMatrixView    *self)
{
  guint row, column;
  SdMatrixSelection selection;

  if (self->matrix == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (sd_matrix_lookup (self->matrix, &self->metrics, scroll_x (self), scroll_y (self),
                        x, y, &row, &column) != SD_MATRIX_HIT_CELL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (!sd_matrix_view_get_selection (self, &selection) ||
      row < selection.first_row || row > selection.last_row ||
      column < selection.first_column || column > selection.last_column)
    move_cursor (self, row, column, FALSE);
  popup_menu (self);
}

/* Ctrl+scroll zooms; plain scrolling is the scrolled window's. */
static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           SdMatrixView             *self)
{
  GdkModifierType state;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != GDK_CONTROL_MASK || dy == 0)
    return FALSE;

  sd_matrix_view_set_zoom (self, self->zoom * pow (ZOOM_STEP, -CLAMP (dy, -3, 3)));
  return TRUE;
}

static gboolean
query_tooltip_cb (GtkWidget    *widget,
                  int           x,
                  int           y,
                  gboolean      keyboard_mode,
                  GtkTooltip   *tooltip,
                  SdMatrixView *self)
{
  guint row, column;
  SdMatrixHit hit;
  SdDuty *duty;
  g_autofree char *roles = NULL;
  g_autofree char *text = NULL;

  if (self->matrix == NULL)
    return FALSE;
  if (keyboard_mode)
    {
      text = sd_matrix_view_describe_cursor (self);
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }

  hit = sd_matrix_lookup (self->matrix, &self->metrics, scroll_x (self), scroll_y (self),
                          x, y, &row, &column);
  duty = row != G_MAXUINT ? sd_duty_matrix_get_row_duty (self->matrix, row) : NULL;
  switch (hit)
    {
    case SD_MATRIX_HIT_ROW_HEADER:
      {
        g_autofree char *problems = NULL;

        if (duty == NULL)
          return FALSE;
        problems = sd_duty_problems_describe (sd_duty_matrix_get_row_problems (self->matrix,
                                                                               row));
        if (problems != NULL)
          /* Translators: tooltip of a duty with problems: code, text, its
           * source on a new line, then the problems on another */
          text = g_strdup_printf (_("%s %s\n%s\n⚠ %s"), sd_duty_get_code (duty),
                                  sd_duty_get_text (duty),
                                  sd_duty_get_source (duty) != NULL ? sd_duty_get_source (duty)
                                                                    : "",
                                  problems);
        else
          /* Translators: tooltip of a duty: code, text, and its source on a new line */
          text = g_strdup_printf (_("%s %s\n%s"), sd_duty_get_code (duty),
                                  sd_duty_get_text (duty),
                                  sd_duty_get_source (duty) != NULL ? sd_duty_get_source (duty)
                                                                    : "");
      }
      break;
    case SD_MATRIX_HIT_COLUMN_HEADER:
      {
        const SdMatrixColumn *party = sd_duty_matrix_get_column (self->matrix, column);
        const SdMatrixGroup *group = sd_duty_matrix_get_group (self->matrix, party->group);

        /* Translators: tooltip of a matrix column: party kind and name, then its group */
        text = g_strdup_printf (_("%s %s\n%s"), party_kind_label (party->kind),
                                sd_duty_matrix_get_column_name (self->matrix, column),
                                group->title);
      }
      break;
    case SD_MATRIX_HIT_CELL:
      if (duty == NULL)
        return FALSE;
      roles = describe_roles (sd_duty_matrix_get_roles (self->matrix, row, column));
      /* Translators: tooltip of a matrix cell: party name: roles, then the duty */
      text = g_strdup_printf (_("%s: %s\n%s %s"),
                              sd_duty_matrix_get_column_name (self->matrix, column), roles,
                              sd_duty_get_code (duty), sd_duty_get_text (duty));
      break;
    case SD_MATRIX_HIT_NONE:
    case SD_MATRIX_HIT_CORNER:
    default:
      return FALSE;
    }

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Following the matrix */

static void
matrix_changed_cb (SdMatrixView *self)
{
  guint row, column;

  if (self->cache != NULL)
    sd_matrix_text_cache_clear (self->cache);

  /* The cursor stays on its duty and party if they are still shown; the
   * selection keeps its anchor the same way, or shrinks to the cursor. */
  find_key (self, &self->cursor_key, &row, &column);
  if (self->anchor_row != G_MAXUINT)
    {
      guint anchor_row, anchor_column;

      find_key (self, &self->anchor_key, &anchor_row, &anchor_column);
      if (anchor_row == G_MAXUINT || anchor_column == G_MAXUINT || row == G_MAXUINT ||
          column == G_MAXUINT)
        clear_anchor (self);
      else
        {
          self->anchor_row = anchor_row;
          self->anchor_column = anchor_column;
        }
    }
  store_cursor (self, row, column);

  configure_adjustments (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sd_matrix_view_set_matrix (SdMatrixView *self,
                           SdDutyMatrix *matrix)
{
  g_return_if_fail (SD_IS_MATRIX_VIEW (self));
  g_return_if_fail (matrix == NULL || SD_IS_DUTY_MATRIX (matrix));

  if (self->matrix == matrix)
    return;

  if (self->matrix != NULL)
    g_signal_handlers_disconnect_by_data (self->matrix, self);
  g_set_object (&self->matrix, matrix);
  if (matrix != NULL)
    g_signal_connect_swapped (matrix, "changed", G_CALLBACK (matrix_changed_cb), self);

  self->cursor_key = (CellKey) { 0, SD_PARTY_BODY, 0 };
  clear_anchor (self);
  store_cursor (self, G_MAXUINT, G_MAXUINT);
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (self->cache != NULL)
    sd_matrix_text_cache_clear (self->cache);
  configure_adjustments (self);
  update_accessible (self);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATRIX]);
}

SdDutyMatrix *
sd_matrix_view_get_matrix (SdMatrixView *self)
{
  g_return_val_if_fail (SD_IS_MATRIX_VIEW (self), NULL);

  return self->matrix;
}

void
sd_matrix_view_set_store (SdMatrixView *self,
                          SdStore      *store)
{
  g_return_if_fail (SD_IS_MATRIX_VIEW (self));
  g_return_if_fail (store == NULL || SD_IS_STORE (store));

  if (self->store == store)
    return;

  g_clear_object (&self->index);
  g_set_object (&self->store, store);
  if (store == NULL && self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

SdStore *
sd_matrix_view_get_store (SdMatrixView *self)
{
  g_return_val_if_fail (SD_IS_MATRIX_VIEW (self), NULL);

  return self->store;
}

double
sd_matrix_view_get_zoom (SdMatrixView *self)
{
  g_return_val_if_fail (SD_IS_MATRIX_VIEW (self), 1.0);

  return self->zoom;
}

void
sd_matrix_view_set_zoom (SdMatrixView *self,
                         double        zoom)
{
  g_return_if_fail (SD_IS_MATRIX_VIEW (self));

  zoom = CLAMP (zoom, 0.5, 3.0);
  /* Steps of ZOOM_STEP from 1.0 come back to 1.0 exactly. */
  if (fabs (zoom - 1.0) < 0.001)
    zoom = 1.0;
  if (self->zoom == zoom)
    return;

  self->zoom = zoom;
  if (self->cache != NULL)
    sd_matrix_metrics_init (&self->metrics, self->cache, zoom);
  configure_adjustments (self);
  scroll_to_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* Scrolling */

static void
adjustment_value_changed_cb (SdMatrixView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (SdMatrixView   *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (*slot == adjustment && adjustment != NULL)
    return;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_data (*slot, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed",
                            G_CALLBACK (adjustment_value_changed_cb), self);
  configure_adjustments (self);
}

/* GtkWidget */

static void
sd_matrix_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  SdMatrixView *self = SD_MATRIX_VIEW (widget);

  ensure_cache (self);
  /* Small at minimum: it scrolls. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) self->metrics.row_header_width / 2;
      *natural = (int) (self->metrics.row_header_width + 8 * self->metrics.column_width);
    }
  else
    {
      *minimum = (int) (header_height (self) + 2 * self->metrics.row_height);
      *natural = (int) (header_height (self) + 12 * self->metrics.row_height);
    }
}

static void
sd_matrix_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  SdMatrixView *self = SD_MATRIX_VIEW (widget);

  configure_adjustments (self);
  gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
fill_style (SdMatrixView  *self,
            SdMatrixStyle *style)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA fg, color;

  sd_matrix_style_init_default (style,
                                adw_style_manager_get_dark (adw_style_manager_get_default ()));
  gtk_style_context_get_color (context, &fg);
  style->foreground = (SdColor) { fg.red, fg.green, fg.blue, fg.alpha };
  style->dim = (SdColor) { fg.red, fg.green, fg.blue, fg.alpha * 0.6 };

  /* The theme's accent and warning colours, when it names them. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (gtk_style_context_lookup_color (context, "accent_bg_color", &color))
    style->selection = (SdColor) { color.red, color.green, color.blue, color.alpha };
  if (gtk_style_context_lookup_color (context, "warning_color", &color))
    style->warning = (SdColor) { color.red, color.green, color.blue, color.alpha };
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
sd_matrix_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  SdMatrixView *self = SD_MATRIX_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  SdMatrixStyle style;
  SdMatrixSelection selection;
  cairo_t *cr;

  if (self->matrix == NULL || width <= 0 || height <= 0)
    return;

  ensure_cache (self);
  fill_style (self, &style);
  /* A single cell is shown by the cursor's outline alone. */
  if (self->anchor_row == G_MAXUINT || !sd_matrix_view_get_selection (self, &selection))
    selection = (SdMatrixSelection) { 1, 0, 1, 0 };
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  sd_matrix_draw (cr, self->matrix, &self->metrics, &style, self->cache,
                  scroll_x (self), scroll_y (self), width, height,
                  self->cursor_row, self->cursor_column, &selection);
  cairo_destroy (cr);
}

static void
sd_matrix_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  SdMatrixView *self = SD_MATRIX_VIEW (widget);

  GTK_WIDGET_CLASS (sd_matrix_view_parent_class)->css_changed (widget, change);

  /* The font may have changed: lay out again. */
  g_clear_pointer (&self->cache, sd_matrix_text_cache_free);
  gtk_widget_queue_resize (widget);
}

/* GObject */

static void
sd_matrix_view_dispose (GObject *object)
{
  SdMatrixView *self = SD_MATRIX_VIEW (object);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  if (self->matrix != NULL)
    g_signal_handlers_disconnect_by_data (self->matrix, self);
  g_clear_object (&self->matrix);
  g_clear_object (&self->index);
  g_clear_object (&self->store);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_pointer (&self->cache, sd_matrix_text_cache_free);

  G_OBJECT_CLASS (sd_matrix_view_parent_class)->dispose (object);
}

static void
sd_matrix_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SdMatrixView *self = SD_MATRIX_VIEW (object);

  switch (prop_id)
    {
    case PROP_MATRIX:
      g_value_set_object (value, self->matrix);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_CURSOR_ROW:
      g_value_set_uint (value, self->cursor_row);
      break;
    case PROP_CURSOR_COLUMN:
      g_value_set_uint (value, self->cursor_column);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_matrix_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SdMatrixView *self = SD_MATRIX_VIEW (object);

  switch (prop_id)
    {
    case PROP_MATRIX:
      sd_matrix_view_set_matrix (self, g_value_get_object (value));
      break;
    case PROP_STORE:
      sd_matrix_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      sd_matrix_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_matrix_view_class_init (SdMatrixViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_matrix_view_dispose;
  object_class->get_property = sd_matrix_view_get_property;
  object_class->set_property = sd_matrix_view_set_property;

  widget_class->measure = sd_matrix_view_measure;
  widget_class->size_allocate = sd_matrix_view_size_allocate;
  widget_class->snapshot = sd_matrix_view_snapshot;
  widget_class->css_changed = sd_matrix_view_css_changed;

  properties[PROP_MATRIX] =
    g_param_spec_object ("matrix", NULL, NULL, SD_TYPE_DUTY_MATRIX,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0.5, 3.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Where the cursor is (G_MAXUINT: none), for actions that depend on it. */
  properties[PROP_CURSOR_ROW] =
    g_param_spec_uint ("cursor-row", NULL, NULL, 0, G_MAXUINT, G_MAXUINT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURSOR_COLUMN] =
    g_param_spec_uint ("cursor-column", NULL, NULL, 0, G_MAXUINT, G_MAXUINT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[EDITED] =
    g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_UINT, G_TYPE_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_install_action (widget_class, "matrix.set-role", "s", set_role_action);
  gtk_widget_class_install_action (widget_class, "matrix.fill-down", NULL, fill_down_action);
  gtk_widget_class_install_action (widget_class, "matrix.menu", NULL, menu_action);
  gtk_widget_class_install_action (widget_class, "matrix.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "matrix.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "matrix.zoom-reset", NULL, zoom_action);

  gtk_widget_class_set_css_name (widget_class, "sd-matrix-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
sd_matrix_view_init (SdMatrixView *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *secondary = gtk_gesture_click_new ();
  GtkEventController *scroll =
    gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  self->zoom = 1.0;
  self->cursor_row = G_MAXUINT;
  self->cursor_column = G_MAXUINT;
  self->press_row = G_MAXUINT;
  self->press_column = G_MAXUINT;
  clear_anchor (self);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect (secondary, "pressed", G_CALLBACK (secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (secondary));

  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  build_popover (self);

  /* Until a scrolled window brings its own. */
  self->hadjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 0, 0, 0, 0));
  self->vadjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 0, 0, 0, 0));
  update_actions (self);
  update_accessible (self);
}

GtkWidget *
sd_matrix_view_new (void)
{
  return g_object_new (SD_TYPE_MATRIX_VIEW, NULL);
}
