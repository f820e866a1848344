/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * sd-bench DATABASE: measures the application on a (generated) database
 * and prints one line per figure, "name value unit". Run under a display
 * (Xvfb) with GSK_RENDERER=cairo; run-bench.sh sets that up.
 *
 * The database is copied first: the edit figure writes to the copy.
 */

#define G_LOG_DOMAIN "sd-bench"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <adwaita.h>
#include <sqlite3.h>

#include "sd-application.h"
#include "sd-duty-matrix.h"
#include "sd-assignment.h"
#include "sd-duty.h"
#include "sd-heatmap-export.h"
#include "sd-matrix-view.h"
#include "sd-risk.h"
#include "sd-sign-summary.h"
#include "sd-statement.h"
#include "sd-statement-render.h"
#include "sd-store.h"
#include "sd-ui.h"
#include "sd-window.h"

#define N_OPEN_RUNS    5
#define N_SCROLLS      200
#define N_WARMUP       10
#define N_QUERIES      20
#define N_REDRAWS      30
#define N_EDITS        100
#define FRAME_TIMEOUT  (10 * G_USEC_PER_SEC)

static gboolean open_only;
static gboolean memory_only;
static char *database_copy;   /* removed at the end, also by --memory-only */
static int seed = 1;

/* Frames of the window, timed by its frame clock. */
static struct
{
  GtkWidget *window;
  guint64    n_frames;
  gint64     paint_start;   /* when the current frame began painting */
  gint64     last_end;      /* when the last frame was done */
  double     last_ms;       /* how long the last frame took */
} frames;

static void
print_figure (const char *name,
              double      value,
              const char *unit)
{
  printf ("%s %.2f %s\n", name, value, unit);
  fflush (stdout);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
percentile (GArray *values,
            double  p)
{
  guint index;

  g_assert (values->len > 0);
  g_array_sort (values, compare_doubles);
  index = (guint) MIN (values->len - 1, (guint) (p * (values->len - 1) + 0.5));
  return g_array_index (values, double, index);
}

static double
mean (GArray *values)
{
  double sum = 0;

  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, double, i);
  return values->len > 0 ? sum / values->len : 0;
}

static void
before_paint_cb (GdkFrameClock *clock)
{
  frames.paint_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock)
{
  frames.last_end = g_get_monotonic_time ();
  frames.last_ms = (frames.last_end - frames.paint_start) / 1000.0;
  frames.n_frames++;
}

/* Runs the main loop until the window has drawn one more frame. */
static void
wait_frame (void)
{
  guint64 n = frames.n_frames;
  gint64 deadline = g_get_monotonic_time () + FRAME_TIMEOUT;

  while (frames.n_frames == n)
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > deadline)
        g_error ("No frame was drawn within %d s", (int) (FRAME_TIMEOUT / G_USEC_PER_SEC));
    }
}

/* Lets everything pending run, idles included, then one more frame. */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gtk_widget_queue_draw (frames.window);
  wait_frame ();
}

static GtkWidget *
find_widget (GtkWidget  *root,
             const char *type_name)
{
  GType type = g_type_from_name (type_name);

  if (type == 0)
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* One line of /proc/self/status, in kB: "VmRSS", "RssAnon", "RssFile". */
static gsize
read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  g_autofree char *key = g_strconcat ("\n", field, ":", NULL);
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, key);
  return line != NULL ? (gsize) g_ascii_strtoull (line + strlen (key), NULL, 10) : 0;
}

static void remove_copy (const char *copy_path);

static gsize
read_rss_kb (void)
{
  return read_status_kb ("VmRSS");
}

/* Private memory (the heap and the rest) apart from mapped files (libraries,
 * fonts), and how much of malloc's heap is in use: where a change of the
 * resident size comes from. */
static void
print_rss (const char *what)
{
  struct mallinfo2 heap = mallinfo2 ();

  g_printerr ("%s: RSS %.1f MB (anonymous %.1f, files %.1f; malloc %.1f in use, %.1f free)\n",
              what, read_rss_kb () / 1024.0, read_status_kb ("RssAnon") / 1024.0,
              read_status_kb ("RssFile") / 1024.0, heap.uordblks / 1048576.0,
              heap.fordblks / 1048576.0);
}

/* How many widgets of each type the window holds, most first: rows'
 * widgets that a list keeps alive show up here. */
static void
count_widgets (GtkWidget  *widget,
               GHashTable *counts)
{
  const char *name = G_OBJECT_TYPE_NAME (widget);

  g_hash_table_insert (counts, (gpointer) name,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)) + 1));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_widgets (child, counts);
}

static int
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      counts)
{
  guint x = GPOINTER_TO_UINT (g_hash_table_lookup (counts, *(gpointer const *) a));
  guint y = GPOINTER_TO_UINT (g_hash_table_lookup (counts, *(gpointer const *) b));

  return x < y ? 1 : x > y ? -1 : 0;
}

static void
print_widget_counts (void)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer name;
  guint total = 0;

  count_widgets (frames.window, counts);
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    g_ptr_array_add (names, name);
  g_ptr_array_sort_with_data (names, compare_counts, counts);
  for (guint i = 0; i < names->len; i++)
    total += GPOINTER_TO_UINT (g_hash_table_lookup (counts, g_ptr_array_index (names, i)));
  g_printerr ("widgets: %u\n", total);
  for (guint i = 0; i < MIN (names->len, 15); i++)
    g_printerr ("widgets: %6u %s\n",
                GPOINTER_TO_UINT (g_hash_table_lookup (counts, g_ptr_array_index (names, i))),
                (const char *) g_ptr_array_index (names, i));
}

static void
show_page (const char *name)
{
  gint64 start = g_get_monotonic_time ();
  g_autofree char *what = NULL;

  gtk_widget_activate_action (frames.window, "win.show-page", "s", name);
  settle ();
  what = g_strdup_printf ("page %s: shown after %.1f ms", name,
                          (frames.last_end - start) / 1000.0);
  print_rss (what);
}

/* Figures */

static void
bench_scroll (SdMatrixView *view,
              GRand        *rand)
{
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < N_WARMUP + N_SCROLLS; i++)
    {
      double x = g_rand_double (rand) * MAX (gtk_adjustment_get_upper (h)
                                             - gtk_adjustment_get_page_size (h), 0);
      double y = g_rand_double (rand) * MAX (gtk_adjustment_get_upper (v)
                                             - gtk_adjustment_get_page_size (v), 0);

      gtk_adjustment_set_value (h, x);
      gtk_adjustment_set_value (v, y);
      wait_frame ();
      if (i >= N_WARMUP)
        g_array_append_val (times, frames.last_ms);
    }

  print_figure ("matrix_scroll_mean_ms", mean (times), "ms");
  print_figure ("matrix_scroll_p95_ms", percentile (times, 0.95), "ms");
}

static gboolean
redraw_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

/* What the window does after its first frame (the sign-off summary's
 * first result, the rule checks) must not hold it up: the longest time
 * between two frames in the 3 s after the first, with a frame asked for
 * every time. 16.7 ms is a frame missed by nobody. */
static void
bench_open_stall (GtkWidget *window)
{
  guint tick = gtk_widget_add_tick_callback (window, redraw_tick_cb, NULL, NULL);
  gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  gint64 start = frames.last_end;
  gint64 last = frames.last_end;
  double worst = 0;

  while (g_get_monotonic_time () < end)
    {
      guint64 n = frames.n_frames;

      g_main_context_iteration (NULL, TRUE);
      if (frames.n_frames != n)
        {
          double gap = (frames.last_end - last) / 1000.0;

          /* What held the window up, and when (see G_MESSAGES_DEBUG). */
          if (gap > 50)
            g_printerr ("open stall: no frame for %.0f ms, until %.0f ms after the first\n",
                        gap, (frames.last_end - start) / 1000.0);
          worst = MAX (worst, gap);
          last = frames.last_end;
        }
    }
  gtk_widget_remove_tick_callback (window, tick);
  print_figure ("open_stall_ms", worst, "ms");
}

/* Queries a user would type: two or three characters from the texts and
 * codes of random duties, so that each one finds something. */
static GPtrArray *
make_queries (SdStore *store,
              GRand   *rand)
{
  GListModel *duties = sd_store_get_items (store, SD_TYPE_DUTY);
  guint n = g_list_model_get_n_items (duties);
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);

  while (queries->len < N_QUERIES && n > 0)
    {
      g_autoptr(SdDuty) duty = g_list_model_get_item (duties, g_rand_int_range (rand, 0, n));
      const char *text = queries->len % 5 == 4 ? sd_duty_get_code (duty) : sd_duty_get_text (duty);
      glong length = text != NULL ? g_utf8_strlen (text, -1) : 0;
      glong size = queries->len % 5 == 4 ? MIN (length, 4) : 2 + queries->len % 2;
      glong start;

      if (length < size)
        continue;
      start = g_rand_int_range (rand, 0, length - size + 1);
      g_ptr_array_add (queries, g_utf8_substring (text, start, start + size));
    }
  return queries;
}

static void
bench_filter (GtkWidget    *entry,
              SdDutyMatrix *matrix,
              GPtrArray    *queries)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint min_shown = G_MAXUINT, max_shown = 0;

  for (guint i = 0; i < queries->len; i++)
    {
      const char *query = g_ptr_array_index (queries, i);
      gint64 start = g_get_monotonic_time ();
      gint64 deadline = start + FRAME_TIMEOUT;
      double ms;

      gtk_editable_set_text (GTK_EDITABLE (entry), query);
      /* The search entry hands the text on from the main loop. */
      while (g_strcmp0 (sd_duty_matrix_get_query (matrix), query) != 0)
        {
          g_main_context_iteration (NULL, FALSE);
          if (g_get_monotonic_time () > deadline)
            g_error ("The search “%s” was not applied", query);
        }
      wait_frame ();
      ms = (frames.last_end - start) / 1000.0;
      g_array_append_val (times, ms);
      min_shown = MIN (min_shown, sd_duty_matrix_get_n_shown (matrix));
      max_shown = MAX (max_shown, sd_duty_matrix_get_n_shown (matrix));

      gtk_editable_set_text (GTK_EDITABLE (entry), "");
      settle ();
    }

  g_printerr ("filter: %u queries, %u to %u duties found\n", queries->len, min_shown, max_shown);
  print_figure ("filter_ms", percentile (times, 0.5), "ms");
}

static void
bench_heatmap (GtkWidget *heatmap)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < N_REDRAWS; i++)
    {
      gtk_widget_queue_draw (heatmap);
      wait_frame ();
      g_array_append_val (times, frames.last_ms);
    }
  print_figure ("heatmap_draw_ms", percentile (times, 0.5), "ms");
}

/* The heat map with its register, as "Export Heat Map…" writes it: the
 * map on the first page, then one row per risk (5,000 on large). */
static void
bench_heatmap_export (SdStore *store)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = g_dir_make_tmp ("sd-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "heatmap.pdf", NULL);
  GStatBuf info = { 0, };

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (!sd_heatmap_export (store, SD_RISK_LEVEL_RESIDUAL, path, 0, 0, &error))
        g_error ("Heat map export failed: %s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }
  g_stat (path, &info);
  g_printerr ("heat map PDF: %u risks, %.1f MB\n",
              g_list_model_get_n_items (sd_store_get_items (store, SD_TYPE_RISK)),
              info.st_size / 1048576.0);
  print_figure ("export_heatmap_pdf_ms", percentile (times, 0.5), "ms");
  g_remove (path);
  g_rmdir (dir);
}

static void
bench_edit (SdStore *store,
            GRand   *rand)
{
  GListModel *duties = sd_store_get_items (store, SD_TYPE_DUTY);
  guint n = g_list_model_get_n_items (duties);
  g_autoptr(GArray) commits = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) to_frame = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < N_EDITS && n > 0; i++)
    {
      g_autoptr(SdDuty) duty = g_list_model_get_item (duties, g_rand_int_range (rand, 0, n));
      g_autofree char *text = g_strdup_printf ("%s（%u）", sd_duty_get_text (duty), i);
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (!sd_store_update (store, duty, &error, "text", text, NULL))
        g_error ("Edit failed: %s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (commits, ms);

      /* Every tenth edit, also how long until the matrix shows it. */
      if (i % 10 == 0)
        {
          wait_frame ();
          ms = (frames.last_end - start) / 1000.0;
          g_array_append_val (to_frame, ms);
        }
    }

  print_figure ("edit_commit_ms", percentile (commits, 0.5), "ms");
  print_figure ("edit_to_frame_ms", percentile (to_frame, 0.5), "ms");
}

/* What the sign-off summary costs after one edit (a duty's text, a role):
 * the units it touched found and their statements worked out again. */
static void
bench_signoff_update (SdStore *store,
                      GRand   *rand)
{
  SdSignSummary *summary = sd_ui_get_sign_summary (store);
  GListModel *duties = sd_store_get_items (store, SD_TYPE_DUTY);
  GListModel *assignments = sd_store_get_items (store, SD_TYPE_ASSIGNMENT);
  guint n_duties = g_list_model_get_n_items (duties);
  guint n_assignments = g_list_model_get_n_items (assignments);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  static const char *roles[] = { "R", "A", "C", "I" };

  sd_sign_summary_flush (summary);
  for (guint i = 0; i < 20 && n_duties > 0 && n_assignments > 0; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start;
      double ms;
      gboolean ok;

      if (i % 2 == 0)
        {
          g_autoptr(SdDuty) duty = g_list_model_get_item (duties,
                                                          g_rand_int_range (rand, 0, n_duties));
          g_autofree char *text = g_strdup_printf ("%s（改%u）", sd_duty_get_text (duty), i);

          ok = sd_store_update (store, duty, &error, "text", text, NULL);
        }
      else
        {
          g_autoptr(SdAssignment) assignment =
            g_list_model_get_item (assignments, g_rand_int_range (rand, 0, n_assignments));
          const char *role = roles[(i / 2) % G_N_ELEMENTS (roles)];

          if (g_strcmp0 (sd_assignment_get_role (assignment), role) == 0)
            role = roles[(i / 2 + 1) % G_N_ELEMENTS (roles)];
          ok = sd_store_update (store, assignment, &error, "role", role, NULL);
        }
      if (!ok)
        g_error ("Edit failed: %s", error->message);

      start = g_get_monotonic_time ();
      sd_sign_summary_flush (summary);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }
  print_figure ("signoff_update_ms", percentile (times, 0.5), "ms");
}

/* The statement of the unit with the most duty lines: the longest PDF a
 * head would print. Also what the sign-off summary costs the first time,
 * after opening: every unit's statement assembled and hashed. */
static void
bench_statement (SdStore *store)
{
  g_autoptr(GArray) status_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pdf_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = g_dir_make_tmp ("sd-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "statement.pdf", NULL);
  SdUnit *biggest = NULL;
  guint most = 0;

  for (guint i = 0; i < 3; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) statuses = sd_sign_status_list_brief (store);
      double ms = (g_get_monotonic_time () - start) / 1000.0;

      g_ptr_array_set_free_func (statuses, (GDestroyNotify) sd_sign_status_free);
      g_array_append_val (status_times, ms);
      for (guint u = 0; u < statuses->len && i == 0; u++)
        {
          SdSignStatus *status = g_ptr_array_index (statuses, u);

          if (status->n_duties > most)
            {
              most = status->n_duties;
              biggest = status->unit;
            }
        }
    }
  print_figure ("signoff_status_all_ms", percentile (status_times, 0.5), "ms");

  for (guint i = 0; i < 3 && biggest != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (!sd_statement_export_pdf (store, biggest, path, &error))
        g_error ("Statement export failed: %s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (pdf_times, ms);
    }
  g_printerr ("statement: %s, %u duty lines\n",
              biggest != NULL ? sd_unit_get_name (biggest) : "none", most);
  if (biggest != NULL)
    print_figure ("export_statement_pdf_ms", percentile (pdf_times, 0.5), "ms");
  g_remove (path);
  g_rmdir (dir);
}

static void
run_benchmarks (GtkWidget *window)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  SdStore *store = sd_window_get_store (SD_WINDOW (window));
  GtkWidget *page, *view, *entry, *heatmap;
  g_autoptr(GPtrArray) queries = NULL;
  g_printerr ("window: %d × %d, renderer %s\n", gtk_widget_get_width (window),
              gtk_widget_get_height (window),
              G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));

  page = find_widget (window, "SdDutiesPage");
  view = page != NULL ? find_widget (page, "SdMatrixView") : NULL;
  entry = page != NULL ? find_widget (page, "GtkSearchEntry") : NULL;
  if (view == NULL || entry == NULL)
    g_error ("The Duties page has no matrix view or search entry");

  bench_open_stall (window);
  settle ();
  print_rss ("on opening");
  g_printerr ("matrix: %u duties, %u rows, %u columns\n",
              sd_duty_matrix_get_n_duties (sd_matrix_view_get_matrix (SD_MATRIX_VIEW (view))),
              sd_duty_matrix_get_n_rows (sd_matrix_view_get_matrix (SD_MATRIX_VIEW (view))),
              sd_duty_matrix_get_n_columns (sd_matrix_view_get_matrix (SD_MATRIX_VIEW (view))));
  bench_scroll (SD_MATRIX_VIEW (view), rand);

  queries = make_queries (store, rand);
  bench_filter (entry, sd_matrix_view_get_matrix (SD_MATRIX_VIEW (view)), queries);

  show_page ("risks");
  heatmap = find_widget (window, "SdHeatmapView");
  if (heatmap == NULL)
    g_error ("The Risks page has no heat map");
  bench_heatmap (heatmap);

  show_page ("organisation");
  show_page ("plan");
  show_page ("duties");
  print_figure ("rss_mb", read_rss_kb () / 1024.0, "MB");
  if (g_getenv ("SD_BENCH_TRIM"))
    {
      malloc_trim (0);
      print_rss ("after malloc_trim");
    }
  /* For a heap profiler (heaptrack, massif): what is still allocated when
   * the process ends is what the figure measured. */
  if (memory_only)
    {
      print_widget_counts ();
      g_printerr ("SQLite: %.1f MB (at most %.1f)\n", sqlite3_memory_used () / 1048576.0,
                  sqlite3_memory_highwater (FALSE) / 1048576.0);
      remove_copy (database_copy);
      _exit (0);
    }

  bench_edit (store, rand);
  bench_heatmap_export (store);
  bench_signoff_update (store, rand);
  bench_statement (store);
}

static void
run_benchmarks_once (gpointer window)
{
  run_benchmarks (window);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Startup */

static gint64 spawned_at;

static void
first_frame_cb (GdkFrameClock *clock,
                GtkWidget     *window)
{
  if (frames.n_frames != 1)
    return;

  if (open_only)
    {
      /* The parent computes the time from its own clock (the same
       * monotonic clock); exit at once rather than tear down. */
      printf ("first-frame %" G_GINT64_FORMAT "\n", frames.last_end);
      print_rss ("at the first frame");
      {
        struct timespec cpu;

        /* The main thread's own time, which other processes on the
         * machine hardly change: compare runs by this when it is busy. */
        clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu);
        g_printerr ("main thread CPU at the first frame: %.1f ms\n",
                    cpu.tv_sec * 1000.0 + cpu.tv_nsec / 1e6);
      }
      fflush (stdout);
      _exit (0);
    }

  /* Not from inside the frame clock's paint: the benchmarks wait for frames. */
  g_idle_add_once (run_benchmarks_once, window);
}

static void
window_realize_cb (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (first_frame_cb), window);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  if (!SD_IS_WINDOW (window) || frames.window != NULL)
    return;
  frames.window = GTK_WIDGET (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "duties");
  g_signal_connect (window, "realize", G_CALLBACK (window_realize_cb), NULL);
}

static int
run_app (const char *path)
{
  g_autoptr(SdApplication) app = sd_application_new ();
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  char *argv[] = { (char *) "sd-bench", (char *) "--database", (char *) path, NULL };

  /* The benchmark opens on the Duties page, as for a user who left it there. */
  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)))
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);

      g_settings_set_string (settings, "last-page", "duties");
    }
  else
    {
      g_printerr ("No settings schema (GSETTINGS_SCHEMA_DIR): the window opens on the "
                  "Organisation page and open_ms counts it too; run through run-bench.sh\n");
    }
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
  return g_application_run (G_APPLICATION (app), 3, argv);
}

/* Runs this program with --open-only and reads when its first frame was. */
static double
measure_open (const char *self_path,
              const char *db_path)
{
  const char *argv[] = { self_path, "--open-only", db_path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const char *line;
  gint64 frame;

  spawned_at = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, &error))
    g_error ("Could not run %s: %s", self_path, error->message);
  line = out != NULL ? strstr (out, "first-frame ") : NULL;
  if (line == NULL)
    g_error ("The open run drew no frame (%s)", out != NULL ? out : "");
  frame = g_ascii_strtoll (line + strlen ("first-frame "), NULL, 10);
  return (frame - spawned_at) / 1000.0;
}

static char *
copy_database (const char *path)
{
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sd-bench-XXXXXX", &error);
  g_autofree char *copy_path = NULL;
  g_autoptr(GFile) copy = NULL;

  if (dir == NULL)
    g_error ("%s", error->message);
  copy_path = g_build_filename (dir, "bench.db", NULL);
  copy = g_file_new_for_path (copy_path);
  if (!g_file_copy (source, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
    g_error ("Could not copy %s: %s", path, error->message);

  /* On the disk before anything is timed: otherwise the system writes the
   * copy out (hundreds of megabytes for huge) while the window opens. */
  {
    int fd = g_open (copy_path, O_RDONLY, 0);

    if (fd < 0 || fsync (fd) != 0)
      g_error ("Could not write %s out: %s", copy_path, g_strerror (errno));
    close (fd);
  }
  return g_steal_pointer (&copy_path);
}

static void
remove_copy (const char *copy_path)
{
  g_autofree char *dir = g_path_get_dirname (copy_path);
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (copy_path, suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  GOptionEntry entries[] = {
    { "open-only", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &open_only, NULL, NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the random scroll positions", "N" },
    { "memory-only", 0, 0, G_OPTION_ARG_NONE, &memory_only,
      "Only visit the pages and stop at rss_mb (for a heap profiler)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DATABASE");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) opens = NULL;
  int status;

  setlocale (LC_ALL, "");
  if (g_getenv ("PANGO_LANGUAGE") == NULL)
    g_setenv ("PANGO_LANGUAGE", "zh-cn", FALSE);
  if (g_getenv ("SECURITY_DUTIES_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SECURITY_DUTIES_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("Usage: sd-bench [--seed N] DATABASE\n%s\n", error ? error->message : "");
      return 2;
    }

  if (open_only)
    return run_app (argv[1]);

  database_copy = copy_database (argv[1]);

  opens = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < N_OPEN_RUNS && !memory_only; i++)
    {
      double ms = measure_open (argv[0], database_copy);

      g_array_append_val (opens, ms);
    }
  if (opens->len > 0)
    print_figure ("open_ms", percentile (opens, 0.5), "ms");

  status = run_app (database_copy);
  remove_copy (database_copy);
  g_free (database_copy);
  return status;
}
