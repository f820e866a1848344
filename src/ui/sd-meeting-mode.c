/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-meeting-mode"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sd-file-actions.h"
#include "sd-finding.h"
#include "sd-inspection.h"
#include "sd-labels.h"
#include "sd-meeting-mode.h"
#include "sd-person.h"
#include "sd-plan-stats.h"
#include "sd-plan-stream.h"
#include "sd-plan-task.h"
#include "sd-unit.h"

/*
 * The slides are made from the store when the mode starts, and made again
 * (in an idle, once for a burst of changes) whenever a task, a finding or
 * what they name changes, so that a status recorded here, or anywhere
 * else, shows at once. Only the current slide has widgets. The type size
 * follows the screen: the smallest text is 1/40 of its height, set through
 * a style provider of this view's own, scoped to a style class only this
 * instance carries.
 */

/* The smallest text is at least this fraction of the screen height. */
#define TEXT_FRACTION 40

typedef enum
{
  SLIDE_SUMMARY,
  SLIDE_STREAM,
  SLIDE_NO_STREAM,   /* tasks of no stream, when there are any */
  SLIDE_OVERDUE,
  SLIDE_FINDINGS,
} SlideKind;

typedef struct
{
  SlideKind  kind;
  char      *title;
  GPtrArray *items;   /* SdPlanTask, or SdFinding on the findings slide */
} Slide;

struct _SdMeetingMode
{
  GtkWidget          parent_instance;

  SdStore           *store;
  SdPlan            *plan;
  GPtrArray         *slides;       /* Slide */
  guint              slide;
  int                selected;     /* index in the slide's items, or -1 */
  guint              rebuild_id;
  guint              scroll_id;

  GtkWidget         *box;
  GtkLabel          *title;
  GtkLabel          *subtitle;
  GtkScrolledWindow *scroller;
  GPtrArray         *rows;         /* the current slide's item rows */
  GtkLabel          *counter;
  GtkLabel          *footer_title;

  GtkCssProvider    *provider;
  char              *css_class;
  int                font_px;
  int                wanted_font_px;
  guint              font_idle_id;
};

G_DEFINE_FINAL_TYPE (SdMeetingMode, sd_meeting_mode, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SLIDE,
  PROP_N_SLIDES,
  N_PROPS
};

enum {
  LEAVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void show_slide (SdMeetingMode *self);

/* The look, in em of the type size the view sets, so that it all scales
 * with the screen; nothing is smaller than 1em. @ stands for the
 * instance's own style class. */
static const char style_template[] =
  "@ { background-color: #000000; color: #ffffff; padding: 0.5em 1em; }"
  "@ label { opacity: 1; }"
  "@ .mm-title { font-size: 1.8em; font-weight: bold; }"
  "@ .mm-subtitle { color: #e0e0e0; }"
  "@ .mm-heading label { font-weight: bold; color: #e0e0e0; }"
  "@ .mm-heading { border-bottom: 0.1em solid #ffffff; padding: 0.1em 0.4em; }"
  "@ .mm-row { padding: 0.2em 0.4em; border-bottom: 1px solid #808080;"
  "  border-left: 0.3em solid transparent; }"
  "@ .mm-row.late { border-left-color: #ff6b6b; }"
  "@ .mm-row.selected { background-color: #ffd700; }"
  "@ .mm-row.selected label { color: #000000; }"
  "@ .mm-detail { color: #d0d0d0; }"
  "@ .mm-badge { padding: 0 0.3em; border-radius: 0.2em; }"
  "@ .mm-row.selected .mm-badge { border: 1px solid #000000; }"
  "@ .mm-status-done { background-color: #57e389; color: #000000; }"
  "@ .mm-status-in-progress { background-color: #99c1f1; color: #000000; }"
  "@ .mm-status-planned { background-color: #ffffff; color: #000000; }"
  "@ .mm-status-cancelled { background-color: #5e5c64; color: #ffffff; }"
  "@ .mm-row.selected .mm-status-cancelled { color: #ffffff; }"
  "@ .mm-late, @ .mm-row.selected .mm-late { background-color: #ff6b6b; color: #000000;"
  "  font-weight: bold; }"
  "@ .mm-figure { font-size: 1.5em; font-weight: bold; }"
  "@ .mm-met { color: #57e389; font-weight: bold; }"
  "@ .mm-missed { color: #ff7b7b; font-weight: bold; }"
  "@ .mm-empty { color: #e0e0e0; padding: 1em 0; }"
  "@ .mm-footer { border-top: 0.1em solid #ffffff; padding-top: 0.3em; }"
  "@ .mm-counter { font-weight: bold; }"
  "@ button { background: #262626; color: #ffffff; border: 0.1em solid #ffffff;"
  "  min-height: 1.4em; padding: 0.1em 0.5em; }"
  "@ button:hover { background: #4d4d4d; }";

static const char * const month_abbreviations[] = {
  NC_("abbreviated month", "Jan"), NC_("abbreviated month", "Feb"),
  NC_("abbreviated month", "Mar"), NC_("abbreviated month", "Apr"),
  NC_("abbreviated month", "May"), NC_("abbreviated month", "Jun"),
  NC_("abbreviated month", "Jul"), NC_("abbreviated month", "Aug"),
  NC_("abbreviated month", "Sep"), NC_("abbreviated month", "Oct"),
  NC_("abbreviated month", "Nov"), NC_("abbreviated month", "Dec"),
};

static const char *
month_abbreviation (int month)
{
  if (month < 1 || month > 12)
    return "?";
  return g_dpgettext2 (NULL, "abbreviated month", month_abbreviations[month - 1]);
}

static gint64
item_id (gpointer item)
{
  return sd_item_get_id (SD_ITEM (item));
}

/* Slides */

static void
slide_free (gpointer data)
{
  Slide *slide = data;

  g_free (slide->title);
  g_clear_pointer (&slide->items, g_ptr_array_unref);
  g_free (slide);
}

static Slide *
slide_new (SlideKind   kind,
           const char *title)
{
  Slide *slide = g_new0 (Slide, 1);

  slide->kind = kind;
  slide->title = g_strdup (title);
  slide->items = g_ptr_array_new_with_free_func (g_object_unref);
  return slide;
}

static Slide *
current_slide (SdMeetingMode *self)
{
  if (self->slides == NULL || self->slide >= self->slides->len)
    return NULL;
  return g_ptr_array_index (self->slides, self->slide);
}

static gboolean
slide_has_tasks (Slide *slide)
{
  return slide != NULL && (slide->kind == SLIDE_STREAM || slide->kind == SLIDE_NO_STREAM ||
                           slide->kind == SLIDE_OVERDUE);
}

static int
compare_position (int    pa,
                  gint64 ida,
                  int    pb,
                  gint64 idb)
{
  if (pa != pb)
    return pa < pb ? -1 : 1;
  return ida < idb ? -1 : ida > idb;
}

static int
compare_streams (gconstpointer a,
                 gconstpointer b)
{
  SdPlanStream *sa = *(SdPlanStream **) a;
  SdPlanStream *sb = *(SdPlanStream **) b;

  return compare_position (sd_plan_stream_get_position (sa), item_id (sa),
                           sd_plan_stream_get_position (sb), item_id (sb));
}

static int
compare_tasks (gconstpointer a,
               gconstpointer b)
{
  SdPlanTask *ta = *(SdPlanTask **) a;
  SdPlanTask *tb = *(SdPlanTask **) b;

  return compare_position (sd_plan_task_get_position (ta), item_id (ta),
                           sd_plan_task_get_position (tb), item_id (tb));
}

typedef struct
{
  GDateTime *today;
} FindingOrder;

/* Overdue first, then by deadline (none last), then as entered. */
static int
compare_findings (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  FindingOrder *order = user_data;
  SdFinding *fa = *(SdFinding **) a;
  SdFinding *fb = *(SdFinding **) b;
  gboolean la = sd_finding_is_overdue (fa, order->today);
  gboolean lb = sd_finding_is_overdue (fb, order->today);
  const char *da = sd_finding_get_deadline (fa);
  const char *db = sd_finding_get_deadline (fb);

  if (la != lb)
    return la ? -1 : 1;
  if ((da == NULL) != (db == NULL))
    return da == NULL ? 1 : -1;
  if (g_strcmp0 (da, db) != 0)
    return g_strcmp0 (da, db);
  return item_id (fa) < item_id (fb) ? -1 : item_id (fa) > item_id (fb);
}

static void
build_slides (SdMeetingMode *self)
{
  GListModel *model;
  g_autoptr(GPtrArray) streams = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_stream = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *summary_title = NULL;
  Slide *no_stream, *overdue, *findings;
  FindingOrder order = { today };
  gint64 plan_id;
  int year;
  guint n;

  g_clear_pointer (&self->slides, g_ptr_array_unref);
  self->slides = g_ptr_array_new_with_free_func (slide_free);
  by_stream = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (self->plan == NULL)
    return;
  plan_id = item_id (self->plan);
  year = sd_plan_get_year (self->plan);

  /* Translators: the first slide of meeting mode; %d is the year */
  summary_title = g_strdup_printf (_("Confidentiality Plan %d"), year);
  g_ptr_array_add (self->slides, slide_new (SLIDE_SUMMARY, summary_title));

  model = sd_store_get_items (self->store, SD_TYPE_PLAN_STREAM);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPlanStream) stream = g_list_model_get_item (model, i);

      if (sd_plan_stream_get_plan_id (stream) == plan_id)
        g_ptr_array_add (streams, g_steal_pointer (&stream));
    }
  g_ptr_array_sort (streams, compare_streams);
  for (guint i = 0; i < streams->len; i++)
    {
      SdPlanStream *stream = g_ptr_array_index (streams, i);
      Slide *slide = slide_new (SLIDE_STREAM, sd_plan_stream_get_name (stream));
      gint64 id = item_id (stream);

      g_ptr_array_add (self->slides, slide);
      g_hash_table_insert (by_stream, g_memdup2 (&id, sizeof id), slide);
    }

  no_stream = slide_new (SLIDE_NO_STREAM, _("Tasks Without a Work Stream"));
  overdue = slide_new (SLIDE_OVERDUE, _("Overdue Tasks"));
  findings = slide_new (SLIDE_FINDINGS, _("Open Findings"));

  model = sd_store_get_items (self->store, SD_TYPE_PLAN_TASK);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPlanTask) task = g_list_model_get_item (model, i);
      gint64 stream_id = sd_plan_task_get_stream_id (task);
      Slide *slide;

      if (sd_plan_task_get_plan_id (task) != plan_id)
        continue;
      slide = g_hash_table_lookup (by_stream, &stream_id);
      g_ptr_array_add (slide != NULL ? slide->items : no_stream->items, g_object_ref (task));
    }
  for (guint i = 1; i < self->slides->len; i++)
    g_ptr_array_sort (((Slide *) g_ptr_array_index (self->slides, i))->items, compare_tasks);
  g_ptr_array_sort (no_stream->items, compare_tasks);

  /* The overdue list follows the streams, each in its order. */
  for (guint i = 1; i <= self->slides->len; i++)
    {
      Slide *slide = i < self->slides->len ? g_ptr_array_index (self->slides, i) : no_stream;

      for (guint j = 0; j < slide->items->len; j++)
        {
          SdPlanTask *task = g_ptr_array_index (slide->items, j);

          if (sd_plan_task_is_overdue (task, year, today))
            g_ptr_array_add (overdue->items, g_object_ref (task));
        }
    }

  if (no_stream->items->len > 0)
    g_ptr_array_add (self->slides, no_stream);
  else
    slide_free (no_stream);
  g_ptr_array_add (self->slides, overdue);

  model = sd_store_get_items (self->store, SD_TYPE_FINDING);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdFinding) finding = g_list_model_get_item (model, i);
      SdInspection *inspection = sd_store_lookup (self->store, SD_TYPE_INSPECTION,
                                                  sd_finding_get_inspection_id (finding));

      if (inspection == NULL || sd_inspection_get_plan_id (inspection) != plan_id ||
          g_strcmp0 (sd_finding_get_status (finding), "closed") == 0)
        continue;
      g_ptr_array_add (findings->items, g_steal_pointer (&finding));
    }
  g_ptr_array_sort_with_data (findings->items, compare_findings, &order);
  g_ptr_array_add (self->slides, findings);
}

/* Type size */

static int
screen_height (SdMeetingMode *self,
               int            height)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;
  GdkMonitor *monitor;
  GdkRectangle geometry;

  if (surface == NULL)
    return height;
  monitor = gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface);
  if (monitor == NULL)
    return height;
  gdk_monitor_get_geometry (monitor, &geometry);
  return MAX (height, geometry.height);
}

static void
load_style (SdMeetingMode *self)
{
  g_autofree char *selector = g_strdup_printf (".%s", self->css_class);
  g_auto(GStrv) parts = g_strsplit (style_template, "@", -1);
  g_autofree char *rules = g_strjoinv (selector, parts);
  g_autofree char *css = g_strdup_printf ("%s { font-size: %dpx; } %s", selector,
                                          self->font_px, rules);

  gtk_css_provider_load_from_data (self->provider, css, -1);
}

static gboolean
apply_font_cb (gpointer user_data)
{
  SdMeetingMode *self = user_data;

  self->font_idle_id = 0;
  if (self->wanted_font_px == self->font_px)
    return G_SOURCE_REMOVE;
  self->font_px = self->wanted_font_px;
  load_style (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
update_font (SdMeetingMode *self,
             int            height)
{
  int px = (int) ceil ((double) screen_height (self, height) / TEXT_FRACTION);

  self->wanted_font_px = MAX (px, 12);
  /* A style change in the middle of the allocation would lay the view out
   * again from inside it; the next idle is early enough (one frame). */
  if (self->wanted_font_px != self->font_px && self->font_idle_id == 0)
    self->font_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_font_cb, self, NULL);
}

static void
sd_meeting_mode_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  gtk_widget_measure (SD_MEETING_MODE (widget)->box, orientation, for_size, minimum, natural,
                      NULL, NULL);
}

static void
sd_meeting_mode_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  SdMeetingMode *self = SD_MEETING_MODE (widget);

  update_font (self, height);
  gtk_widget_size_allocate (self->box, &(GtkAllocation) { 0, 0, width, height }, -1);
}

/* Making a slide */

static GtkWidget *
label_new (const char *text,
           const char *style,
           gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static GtkWidget *
badge_new (const char *text,
           const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "mm-badge");
  gtk_widget_add_css_class (label, style);
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

typedef struct
{
  GtkSizeGroup *columns[4];
} Columns;

static void
columns_init (Columns *columns)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns->columns); i++)
    columns->columns[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
}

static void
columns_clear (Columns *columns)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns->columns); i++)
    g_clear_object (&columns->columns[i]);
}

/* A row of a table: the first cell takes the room left, the others are as
 * wide as their widest in the slide. */
static GtkWidget *
table_row_new (Columns    *columns,
               const char *style,
               GtkWidget  *first,
               GtkWidget  *cells[4])
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (row, style);
  gtk_widget_set_hexpand (first, TRUE);
  gtk_box_append (GTK_BOX (row), first);
  for (guint i = 0; i < 4; i++)
    {
      gtk_widget_set_margin_start (cells[i], 24);
      gtk_size_group_add_widget (columns->columns[i], cells[i]);
      gtk_box_append (GTK_BOX (row), cells[i]);
    }
  return row;
}

static char *
format_months (SdPlanTask *task)
{
  int start = sd_plan_task_get_start_month (task);
  int end = sd_plan_task_get_end_month (task);

  if (start == end)
    return g_strdup (month_abbreviation (start));
  /* Translators: a task's months, e.g. "Mar–Jun" */
  return g_strdup_printf (_("%s–%s"), month_abbreviation (start), month_abbreviation (end));
}

static char *
format_owner (SdMeetingMode *self,
              gint64         unit_id,
              gint64         person_id)
{
  SdUnit *unit = sd_store_lookup (self->store, SD_TYPE_UNIT, unit_id);
  SdPerson *person = sd_store_lookup (self->store, SD_TYPE_PERSON, person_id);

  if (unit != NULL && person != NULL)
    return g_strdup_printf ("%s · %s", sd_unit_get_name (unit), sd_person_get_name (person));
  if (unit != NULL)
    return g_strdup (sd_unit_get_name (unit));
  if (person != NULL)
    return g_strdup (sd_person_get_name (person));
  return g_strdup ("—");
}

static GtkWidget *
task_row_new (SdMeetingMode *self,
              Columns       *columns,
              SdPlanTask    *task,
              gboolean       show_stream,
              GDateTime     *today)
{
  const char *status = sd_plan_task_get_status (task);
  gboolean late = sd_plan_task_is_overdue (task, sd_plan_get_year (self->plan), today);
  g_autofree char *status_class = g_strdup_printf ("mm-status-%s", status);
  g_autofree char *owner = format_owner (self, sd_plan_task_get_owner_unit_id (task),
                                         sd_plan_task_get_owner_person_id (task));
  g_autofree char *months = format_months (task);
  g_autofree char *progress = g_strdup_printf ("%d %%", sd_plan_task_get_progress (task));
  g_autofree char *description = NULL;
  GtkWidget *first, *statuses, *cells[4], *row;

  first = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (first), label_new (sd_plan_task_get_title (task), NULL, TRUE));
  if (show_stream)
    {
      SdPlanStream *stream = sd_store_lookup (self->store, SD_TYPE_PLAN_STREAM,
                                              sd_plan_task_get_stream_id (task));

      if (stream != NULL)
        gtk_box_append (GTK_BOX (first),
                        label_new (sd_plan_stream_get_name (stream), "mm-detail", FALSE));
    }

  statuses = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_append (GTK_BOX (statuses), badge_new (sd_task_status_label (status), status_class));
  if (late)
    gtk_box_append (GTK_BOX (statuses), badge_new (_("Late"), "mm-late"));

  cells[0] = label_new (owner, NULL, FALSE);
  cells[1] = label_new (months, NULL, FALSE);
  cells[2] = statuses;
  cells[3] = label_new (progress, NULL, FALSE);
  gtk_label_set_xalign (GTK_LABEL (cells[3]), 1);
  gtk_label_set_max_width_chars (GTK_LABEL (cells[0]), 16);
  row = table_row_new (columns, "mm-row", first, cells);
  if (late)
    gtk_widget_add_css_class (row, "late");

  description = g_strdup_printf ("%s%s%s · %s · %s · %s", owner, late ? " · " : "",
                                 late ? _("Late") : "", months,
                                 sd_task_status_label (status), progress);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sd_plan_task_get_title (task),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  g_object_set_data_full (G_OBJECT (row), "sd-task", g_object_ref (task), g_object_unref);
  return row;
}

static GtkWidget *
finding_row_new (SdMeetingMode *self,
                 Columns       *columns,
                 SdFinding     *finding,
                 GDateTime     *today)
{
  const char *deadline = sd_finding_get_deadline (finding);
  gboolean late = sd_finding_is_overdue (finding, today);
  SdUnit *unit = sd_store_lookup (self->store, SD_TYPE_UNIT, sd_finding_get_unit_id (finding));
  g_autofree char *responsible = format_owner (self, 0,
                                               sd_finding_get_responsible_person_id (finding));
  g_autofree char *description = NULL;
  GtkWidget *first, *statuses, *cells[4], *row;

  first = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (first), label_new (sd_finding_get_description (finding), NULL, TRUE));
  if (unit != NULL)
    gtk_box_append (GTK_BOX (first), label_new (sd_unit_get_name (unit), "mm-detail", FALSE));

  statuses = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_append (GTK_BOX (statuses),
                  badge_new (sd_finding_status_label (sd_finding_get_status (finding)),
                             "mm-status-planned"));
  if (late)
    gtk_box_append (GTK_BOX (statuses), badge_new (_("Overdue"), "mm-late"));

  cells[0] = label_new (responsible, NULL, FALSE);
  gtk_label_set_max_width_chars (GTK_LABEL (cells[0]), 16);
  cells[1] = label_new (deadline != NULL ? deadline : "—", NULL, FALSE);
  cells[2] = statuses;
  cells[3] = label_new (sd_severity_label (sd_finding_get_severity (finding)), NULL, FALSE);
  row = table_row_new (columns, "mm-row", first, cells);
  if (late)
    gtk_widget_add_css_class (row, "late");

  description = g_strdup_printf ("%s%s%s · %s · %s · %s",
                                 unit != NULL ? sd_unit_get_name (unit) : "",
                                 late ? " · " : "", late ? _("Overdue") : "",
                                 deadline != NULL ? deadline : "—",
                                 sd_finding_status_label (sd_finding_get_status (finding)),
                                 sd_severity_label (sd_finding_get_severity (finding)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sd_finding_get_description (finding),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  return row;
}

static GtkWidget *
heading_row_new (Columns    *columns,
                 const char *first,
                 const char *a,
                 const char *b,
                 const char *c,
                 const char *d)
{
  GtkWidget *cells[4] = {
    label_new (a, NULL, FALSE), label_new (b, NULL, FALSE),
    label_new (c, NULL, FALSE), label_new (d, NULL, FALSE),
  };

  gtk_label_set_xalign (GTK_LABEL (cells[3]), 1);
  return table_row_new (columns, "mm-heading", label_new (first, NULL, FALSE), cells);
}

/* One figure of the summary against its target: "7/12 (58 %)". */
static void
add_figure (GtkGrid    *grid,
            int         row,
            const char *name,
            guint       part,
            guint       total,
            guint       target)
{
  g_autofree char *ratio = sd_plan_stats_format_ratio (part, total);
  guint percent = sd_plan_stats_percent (part, total);
  g_autofree char *value = g_strdup_printf ("%s (%u %%)", ratio, percent);
  /* Translators: the KPI a figure is measured against, e.g. "Target 100 %" */
  g_autofree char *goal = g_strdup_printf (_("Target %u %%"), target);
  gboolean met = percent >= target;
  GtkWidget *value_label = label_new (value, "mm-figure", FALSE);
  GtkWidget *mark = label_new (met ? _("✓ Met") : _("✗ Not met"),
                               met ? "mm-met" : "mm-missed", FALSE);

  gtk_grid_attach (grid, label_new (name, NULL, FALSE), 0, row, 1, 1);
  gtk_grid_attach (grid, value_label, 1, row, 1, 1);
  gtk_grid_attach (grid, label_new (goal, "mm-detail", FALSE), 2, row, 1, 1);
  gtk_grid_attach (grid, mark, 3, row, 1, 1);
}

/* A count that should be nil: the overdue tasks and findings. */
static void
add_count (GtkGrid    *grid,
           int         row,
           const char *name,
           guint       count)
{
  g_autofree char *value = g_strdup_printf ("%u", count);

  gtk_grid_attach (grid, label_new (name, NULL, FALSE), 0, row, 1, 1);
  gtk_grid_attach (grid, label_new (value, "mm-figure", FALSE), 1, row, 1, 1);
  /* Translators: the target of a count that should be nil, such as the overdue tasks */
  gtk_grid_attach (grid, label_new (_("Target 0"), "mm-detail", FALSE), 2, row, 1, 1);
  gtk_grid_attach (grid, label_new (count == 0 ? _("✓ Met") : _("✗ Not met"),
                                    count == 0 ? "mm-met" : "mm-missed", FALSE),
                   3, row, 1, 1);
}

static GtkWidget *
summary_new (SdMeetingMode *self,
             GDateTime     *today)
{
  SdPlanStats stats;
  GtkWidget *grid = gtk_grid_new ();

  sd_plan_stats_compute (self->store, self->plan, today, &stats);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 48);
  gtk_widget_set_margin_top (grid, 12);
  add_figure (GTK_GRID (grid), 0, _("Tasks done"), stats.n_done, stats.n_tasks,
              SD_PLAN_KPI_TASKS_DONE);
  add_count (GTK_GRID (grid), 1, _("Overdue tasks"), stats.n_overdue);
  add_figure (GTK_GRID (grid), 2, _("Findings rectified"), stats.n_closed_findings,
              stats.n_findings, SD_PLAN_KPI_RECTIFICATION);
  add_count (GTK_GRID (grid), 3, _("Overdue findings"), stats.n_overdue_findings);
  add_figure (GTK_GRID (grid), 4, _("Training coverage"), stats.n_trained,
              stats.n_active_people, SD_PLAN_KPI_TRAINING);
  add_figure (GTK_GRID (grid), 5, _("Commitment letters"), stats.n_committed,
              stats.n_active_people, SD_PLAN_KPI_COMMITMENT);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The year’s figures against their targets"), -1);
  return grid;
}

static char *
slide_subtitle (SdMeetingMode *self,
                Slide         *slide,
                GDateTime     *today)
{
  guint late = 0, done = 0;

  switch (slide->kind)
    {
    case SLIDE_SUMMARY:
      {
        const char *goal = sd_plan_get_goal (self->plan);
        const char *policy = sd_plan_get_policy (self->plan);
        GString *text = g_string_new (NULL);

        if (goal != NULL && *goal != '\0')
          /* Translators: the plan's yearly goal */
          g_string_append_printf (text, _("Goal: %s"), goal);
        if (policy != NULL && *policy != '\0')
          {
            if (text->len > 0)
              g_string_append_c (text, '\n');
            /* Translators: the plan's policy (方针) */
            g_string_append_printf (text, _("Policy: %s"), policy);
          }
        return g_string_free (text, FALSE);
      }

    case SLIDE_STREAM:
    case SLIDE_NO_STREAM:
      for (guint i = 0; i < slide->items->len; i++)
        {
          SdPlanTask *task = g_ptr_array_index (slide->items, i);

          if (g_strcmp0 (sd_plan_task_get_status (task), "done") == 0)
            done++;
          if (sd_plan_task_is_overdue (task, sd_plan_get_year (self->plan), today))
            late++;
        }
      {
        g_autofree char *ratio = sd_plan_stats_format_ratio (done, slide->items->len);

        /* Translators: under a work stream's name: tasks done/total, and how many late */
        return g_strdup_printf (ngettext ("%s done · %u late", "%s done · %u late", late),
                                ratio, late);
      }

    case SLIDE_OVERDUE:
      return g_strdup_printf (ngettext ("%u task is past its end and not done",
                                        "%u tasks are past their end and not done",
                                        slide->items->len),
                              slide->items->len);

    case SLIDE_FINDINGS:
      for (guint i = 0; i < slide->items->len; i++)
        if (sd_finding_is_overdue (g_ptr_array_index (slide->items, i), today))
          late++;
      /* Translators: open findings, and how many of them are past their deadline */
      return g_strdup_printf (ngettext ("%u open · %u past the deadline",
                                        "%u open · %u past the deadline", late),
                              slide->items->len, late);

    default:
      g_assert_not_reached ();
    }
}

static GtkWidget *
slide_content_new (SdMeetingMode *self,
                   Slide         *slide,
                   GDateTime     *today)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  Columns columns;
  const char *empty = NULL;

  g_ptr_array_set_size (self->rows, 0);
  if (slide->kind == SLIDE_SUMMARY)
    {
      gtk_box_append (GTK_BOX (box), summary_new (self, today));
      return box;
    }

  columns_init (&columns);
  if (slide->kind == SLIDE_FINDINGS)
    {
      gtk_box_append (GTK_BOX (box),
                      heading_row_new (&columns, _("Finding"), _("Responsible"), _("Deadline"),
                                       _("Status"), _("Severity")));
      for (guint i = 0; i < slide->items->len; i++)
        gtk_box_append (GTK_BOX (box),
                        finding_row_new (self, &columns, g_ptr_array_index (slide->items, i),
                                         today));
      empty = _("No open findings.");
    }
  else
    {
      gtk_box_append (GTK_BOX (box),
                      heading_row_new (&columns, _("Task"), _("Owner"), _("Months"),
                                       _("Status"), _("Progress")));
      for (guint i = 0; i < slide->items->len; i++)
        {
          GtkWidget *row = task_row_new (self, &columns, g_ptr_array_index (slide->items, i),
                                         slide->kind == SLIDE_OVERDUE, today);

          g_ptr_array_add (self->rows, row);
          gtk_box_append (GTK_BOX (box), row);
        }
      empty = slide->kind == SLIDE_OVERDUE ? _("No task is overdue.")
                                           : _("No tasks in this work stream.");
    }
  if (slide->items->len == 0)
    gtk_box_append (GTK_BOX (box), label_new (empty, "mm-empty", TRUE));
  columns_clear (&columns);
  return box;
}

/* Showing */

static gboolean
scroll_to_selected_cb (gpointer user_data)
{
  SdMeetingMode *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  GtkWidget *content = gtk_scrolled_window_get_child (self->scroller);
  graphene_rect_t bounds;
  double value, page;

  self->scroll_id = 0;
  if (self->selected < 0 || (guint) self->selected >= self->rows->len || content == NULL ||
      !gtk_widget_compute_bounds (g_ptr_array_index (self->rows, self->selected), content,
                                  &bounds))
    return G_SOURCE_REMOVE;
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (bounds.origin.y < value)
    gtk_adjustment_set_value (adjustment, bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height - page);
  return G_SOURCE_REMOVE;
}

static void
show_selection (SdMeetingMode *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if ((int) i == self->selected)
        {
          gtk_widget_add_css_class (row, "selected");
          gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_SELECTED,
                                       TRUE, -1);
        }
      else
        {
          gtk_widget_remove_css_class (row, "selected");
          gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_SELECTED,
                                       FALSE, -1);
        }
    }
  /* Once the rows have their place. */
  if (self->selected >= 0 && self->scroll_id == 0)
    self->scroll_id = g_timeout_add (50, scroll_to_selected_cb, self);
}

static void
show_slide (SdMeetingMode *self)
{
  Slide *slide = current_slide (self);
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *subtitle = NULL;
  g_autofree char *counter = NULL;
  g_autofree char *description = NULL;

  if (slide == NULL)
    {
      g_ptr_array_set_size (self->rows, 0);
      gtk_scrolled_window_set_child (self->scroller, NULL);
      gtk_label_set_text (self->title, "");
      gtk_label_set_text (self->subtitle, "");
      gtk_label_set_text (self->counter, "");
      gtk_label_set_text (self->footer_title, "");
      return;
    }

  subtitle = slide_subtitle (self, slide, today);
  gtk_label_set_text (self->title, slide->title);
  gtk_label_set_text (self->subtitle, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle), *subtitle != '\0');
  gtk_scrolled_window_set_child (self->scroller, slide_content_new (self, slide, today));
  if (self->selected >= (int) self->rows->len)
    self->selected = (int) self->rows->len - 1;
  show_selection (self);

  /* Translators: the slide shown and the number of slides, e.g. "3 / 10" */
  counter = g_strdup_printf (_("%u / %u"), self->slide + 1, self->slides->len);
  gtk_label_set_text (self->counter, counter);
  gtk_label_set_text (self->footer_title, slide->title);
  description = g_strdup_printf ("%s · %s", counter, slide->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
}

static void
go_to (SdMeetingMode *self,
       guint          slide)
{
  if (self->slides == NULL || self->slides->len == 0)
    return;
  slide = MIN (slide, self->slides->len - 1);
  if (slide == self->slide)
    return;
  self->slide = slide;
  self->selected = -1;
  show_slide (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLIDE]);
}

static void
rebuild (SdMeetingMode *self)
{
  Slide *slide = current_slide (self);
  SdPlanTask *selected = NULL;
  guint n_before = self->slides != NULL ? self->slides->len : 0;
  gint64 selected_id = 0;
  guint old_slide = self->slide;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (slide_has_tasks (slide) && self->selected >= 0 &&
      (guint) self->selected < slide->items->len)
    selected_id = item_id (g_ptr_array_index (slide->items, self->selected));

  build_slides (self);
  if (self->slides->len == 0)
    self->slide = 0;
  else
    self->slide = MIN (self->slide, self->slides->len - 1);

  /* The task chosen stays chosen; one that left the slide (done, so no
   * longer overdue) leaves the choice on the one that took its place. */
  slide = current_slide (self);
  if (selected_id != 0 && slide_has_tasks (slide))
    for (guint i = 0; i < slide->items->len && selected == NULL; i++)
      if (item_id (g_ptr_array_index (slide->items, i)) == selected_id)
        {
          selected = g_ptr_array_index (slide->items, i);
          self->selected = (int) i;
        }
  if (!slide_has_tasks (slide))
    self->selected = -1;
  show_slide (self);

  if (self->slides->len != n_before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SLIDES]);
  if (self->slide != old_slide)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLIDE]);
}

static gboolean
rebuild_cb (gpointer user_data)
{
  SdMeetingMode *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (SdMeetingMode *self)
{
  if (self->plan != NULL && self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_cb, self, NULL);
}

/* Keyboard */

static void
select_step (SdMeetingMode *self,
             int            delta)
{
  Slide *slide = current_slide (self);
  int n;

  if (!slide_has_tasks (slide) || slide->items->len == 0)
    return;
  n = (int) slide->items->len;
  if (self->selected < 0)
    self->selected = delta > 0 ? 0 : n - 1;
  else
    self->selected = CLAMP (self->selected + delta, 0, n - 1);
  show_selection (self);
}

static void
set_selected_status (SdMeetingMode *self,
                     const char    *status)
{
  Slide *slide = current_slide (self);
  SdPlanTask *task;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!slide_has_tasks (slide) || self->selected < 0 ||
      (guint) self->selected >= slide->items->len)
    return;
  task = g_ptr_array_index (slide->items, self->selected);
  if (g_strcmp0 (sd_plan_task_get_status (task), status) == 0)
    return;
  /* Done is done in full; the progress of work going on stays as it was. */
  if (g_strcmp0 (status, "done") == 0)
    ok = sd_store_update (self->store, task, &error, "status", status, "progress", 100, NULL);
  else
    ok = sd_store_update (self->store, task, &error, "status", status, NULL);
  if (!ok)
    sd_ui_toast_error (GTK_WIDGET (self), _("Could not record the task’s status"), error);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SdMeetingMode         *self)
{
  guint n = self->slides != NULL ? self->slides->len : 0;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_space:
      if (self->slide + 1 < n)
        go_to (self, self->slide + 1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_BackSpace:
      if (self->slide > 0)
        go_to (self, self->slide - 1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      go_to (self, 0);
      return GDK_EVENT_STOP;

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      if (n > 0)
        go_to (self, n - 1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      select_step (self, -1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      select_step (self, +1);
      return GDK_EVENT_STOP;

    case GDK_KEY_d:
    case GDK_KEY_D:
      set_selected_status (self, "done");
      return GDK_EVENT_STOP;

    case GDK_KEY_p:
    case GDK_KEY_P:
      set_selected_status (self, "in-progress");
      return GDK_EVENT_STOP;

    case GDK_KEY_F5:
    case GDK_KEY_Escape:
      g_signal_emit (self, signals[LEAVE], 0);
      return GDK_EVENT_STOP;

    default:
      break;
    }

  /* 1 to 9: the work stream of that number. */
  if ((keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9) ||
      (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9))
    {
      guint number = keyval >= GDK_KEY_KP_1 ? keyval - GDK_KEY_KP_0 : keyval - GDK_KEY_0;
      Slide *slide = number < n ? g_ptr_array_index (self->slides, number) : NULL;

      if (slide != NULL && slide->kind == SLIDE_STREAM)
        go_to (self, number);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            SdMeetingMode   *self)
{
  GtkWidget *target = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  /* A click on a task chooses it, as Up and Down do. */
  for (guint i = 0; target != NULL && i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (target == row || gtk_widget_is_ancestor (target, row))
        {
          self->selected = (int) i;
          show_selection (self);
          return;
        }
    }
}

static void
previous_clicked_cb (SdMeetingMode *self)
{
  if (self->slide > 0)
    go_to (self, self->slide - 1);
}

static void
next_clicked_cb (SdMeetingMode *self)
{
  go_to (self, self->slide + 1);
}

static void
leave_clicked_cb (SdMeetingMode *self)
{
  g_signal_emit (self, signals[LEAVE], 0);
}

/* Building */

static GtkWidget *
footer_button_new (SdMeetingMode *self,
                   const char    *icon_name,
                   const char    *label,
                   const char    *tooltip,
                   GCallback      callback)
{
  GtkWidget *button = icon_name != NULL ? gtk_button_new_from_icon_name (icon_name)
                                        : gtk_button_new_with_label (label);

  /* The keys are the view's: the buttons are for the mouse only. */
  gtk_widget_set_focusable (button, FALSE);
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);
  return button;
}

static void
build (SdMeetingMode *self)
{
  GtkWidget *footer, *hint;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->title = GTK_LABEL (label_new (NULL, "mm-title", TRUE));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->title),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->title));
  self->subtitle = GTK_LABEL (label_new (NULL, "mm-subtitle", TRUE));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->subtitle));

  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (GTK_WIDGET (self->scroller), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self->scroller), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->scroller));

  footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  gtk_widget_add_css_class (footer, "mm-footer");
  self->counter = GTK_LABEL (label_new (NULL, "mm-counter", FALSE));
  self->footer_title = GTK_LABEL (label_new (NULL, NULL, FALSE));
  gtk_widget_set_hexpand (GTK_WIDGET (self->footer_title), TRUE);
  hint = label_new (_("← → slides · ↑ ↓ task · D done · P in progress · Esc leave"),
                    "mm-detail", FALSE);
  gtk_box_append (GTK_BOX (footer), GTK_WIDGET (self->counter));
  gtk_box_append (GTK_BOX (footer), GTK_WIDGET (self->footer_title));
  gtk_box_append (GTK_BOX (footer), hint);
  gtk_box_append (GTK_BOX (footer),
                  footer_button_new (self, "go-previous-symbolic", _("Previous Slide"),
                                     _("Previous slide (Left)"),
                                     G_CALLBACK (previous_clicked_cb)));
  gtk_box_append (GTK_BOX (footer),
                  footer_button_new (self, "go-next-symbolic", _("Next Slide"),
                                     _("Next slide (Right)"), G_CALLBACK (next_clicked_cb)));
  gtk_box_append (GTK_BOX (footer),
                  footer_button_new (self, NULL, _("Leave"), _("Leave meeting mode (Escape)"),
                                     G_CALLBACK (leave_clicked_cb)));
  gtk_box_append (GTK_BOX (self->box), footer);
}

/* GObject */

static void
sd_meeting_mode_constructed (GObject *object)
{
  SdMeetingMode *self = SD_MEETING_MODE (object);
  const GType watched[] = {
    SD_TYPE_PLAN, SD_TYPE_PLAN_STREAM, SD_TYPE_PLAN_TASK, SD_TYPE_FINDING, SD_TYPE_INSPECTION,
    SD_TYPE_UNIT, SD_TYPE_PERSON,
  };

  G_OBJECT_CLASS (sd_meeting_mode_parent_class)->constructed (object);

  g_assert (SD_IS_STORE (self->store));

  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    g_signal_connect_object (sd_store_get_items (self->store, watched[i]), "items-changed",
                             G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
}

static void
sd_meeting_mode_dispose (GObject *object)
{
  SdMeetingMode *self = SD_MEETING_MODE (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->scroll_id, g_source_remove);
  g_clear_handle_id (&self->font_idle_id, g_source_remove);
  if (self->provider != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->provider));
  g_clear_object (&self->provider);
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->slides, g_ptr_array_unref);
  g_clear_object (&self->plan);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sd_meeting_mode_parent_class)->dispose (object);
}

static void
sd_meeting_mode_finalize (GObject *object)
{
  SdMeetingMode *self = SD_MEETING_MODE (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->css_class);

  G_OBJECT_CLASS (sd_meeting_mode_parent_class)->finalize (object);
}

static void
sd_meeting_mode_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SdMeetingMode *self = SD_MEETING_MODE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SLIDE:
      g_value_set_uint (value, self->slide);
      break;
    case PROP_N_SLIDES:
      g_value_set_uint (value, sd_meeting_mode_get_n_slides (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_meeting_mode_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SdMeetingMode *self = SD_MEETING_MODE (object);

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
sd_meeting_mode_class_init (SdMeetingModeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sd_meeting_mode_constructed;
  object_class->dispose = sd_meeting_mode_dispose;
  object_class->finalize = sd_meeting_mode_finalize;
  object_class->get_property = sd_meeting_mode_get_property;
  object_class->set_property = sd_meeting_mode_set_property;

  widget_class->measure = sd_meeting_mode_measure;
  widget_class->size_allocate = sd_meeting_mode_size_allocate;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SLIDE] =
    g_param_spec_uint ("slide", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SLIDES] =
    g_param_spec_uint ("n-slides", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LEAVE] =
    g_signal_new ("leave", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "meetingmode");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sd_meeting_mode_init (SdMeetingMode *self)
{
  static guint instances = 0;
  GtkEventController *key;
  GtkGesture *click;

  self->selected = -1;
  self->rows = g_ptr_array_new ();
  self->css_class = g_strdup_printf ("sd-meeting-mode-%u", ++instances);
  self->provider = gtk_css_provider_new ();
  self->font_px = self->wanted_font_px = 27;
  load_style (self);
  /* Above the application's style.css. */
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  gtk_widget_add_css_class (GTK_WIDGET (self), "sd-meeting-mode");
  gtk_widget_add_css_class (GTK_WIDGET (self), self->css_class);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Meeting mode"), -1);

  build (self);

  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
sd_meeting_mode_new (SdStore *store)
{
  g_return_val_if_fail (SD_IS_STORE (store), NULL);

  return g_object_new (SD_TYPE_MEETING_MODE, "store", store, NULL);
}

void
sd_meeting_mode_start (SdMeetingMode *self,
                       SdPlan        *plan)
{
  g_return_if_fail (SD_IS_MEETING_MODE (self));
  g_return_if_fail (SD_IS_PLAN (plan));

  g_set_object (&self->plan, plan);
  self->slide = 0;
  self->selected = -1;
  rebuild (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLIDE]);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

guint
sd_meeting_mode_get_slide (SdMeetingMode *self)
{
  g_return_val_if_fail (SD_IS_MEETING_MODE (self), 0);

  return self->slide;
}

guint
sd_meeting_mode_get_n_slides (SdMeetingMode *self)
{
  g_return_val_if_fail (SD_IS_MEETING_MODE (self), 0);

  return self->slides != NULL ? self->slides->len : 0;
}
