/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "sd-assignment.h"
#include "sd-duty.h"
#include "sd-labels.h"
#include "sd-org-chart.h"
#include "sd-person.h"
#include "sd-post.h"
#include "sd-signature.h"
#include "sd-statement-render.h"
#include "sd-store.h"
#include "sd-unit.h"

#define A4_WIDTH  595.276
#define A4_HEIGHT 841.89

#define UNIT_NAME "网络安全管理部"
#define SIGNER    "张伟"
#define MEANING   "本人已阅读并接受上述安全职责。"
#define HASH      "3f2a9c0d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a19"

typedef struct
{
  char    *dir;
  SdStore *store;
  SdUnit  *unit;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("sd-test-statement-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = sd_store_open (path, SD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  fixture->unit = sd_store_insert (fixture->store, SD_TYPE_UNIT, &error,
                                   "name", UNIT_NAME, "kind", "department", NULL);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* A statement made by hand. */

static void
duty_free (SdStatementDuty *duty)
{
  g_free (duty->code);
  g_free (duty->area);
  g_free (duty->text);
  g_free (duty->source);
  g_free (duty->party);
  g_free (duty);
}

static void
seat_free (SdStatementSeat *seat)
{
  g_free (seat->name);
  g_free (seat->holders);
  g_free (seat);
}

static const char *phrases[] = {
  "负责组织制定本单位网络安全管理制度和操作规程",
  "落实网络安全等级保护定级、备案、测评与整改工作",
  "定期开展安全检查并督促发现问题的整改落实",
  "组织网络安全事件的应急处置、调查与报告",
  "管理涉密计算机及移动存储介质的登记、使用与销毁",
  "对本单位人员进行保密教育和安全意识培训",
  "审核重要信息系统的访问权限并定期复核账号",
  "监督外包服务人员遵守保密协议及现场管理规定",
};

static const char *areas[] = {
  "领导小组职责",
  "安全管理员职责",
  "部门联络员职责",
};

static const char *parties[] = { UNIT_NAME, "安全管理员", "网络安全工作组" };

/* A text of some 100 to 300 characters, unique by its number. */
static char *
duty_text (guint i)
{
  GString *text = g_string_new (NULL);
  guint n = 3 + i % 6;

  g_string_append_printf (text, "第%u项：", i + 1);
  for (guint k = 0; k < n; k++)
    {
      g_string_append (text, phrases[(i + k) % G_N_ELEMENTS (phrases)]);
      g_string_append (text, k + 1 < n ? "，" : "。");
    }
  return g_string_free (text, FALSE);
}

static SdStatement *
make_statement (guint        n_duties,
                const char  *long_text)
{
  SdStatement *statement = g_new0 (SdStatement, 1);
  static const char roles[] = "RACI";
  SdStatementSeat *seat;

  statement->unit_id = 1;
  statement->unit_name = g_strdup (UNIT_NAME);
  statement->head_id = 1;
  statement->head_name = g_strdup (SIGNER);
  statement->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) seat_free);
  statement->bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) seat_free);
  statement->duties = g_ptr_array_new_with_free_func ((GDestroyNotify) duty_free);

  seat = g_new0 (SdStatementSeat, 1);
  seat->name = g_strdup ("安全管理员");
  seat->holders = g_strdup ("李明, 周静");
  g_ptr_array_add (statement->posts, seat);
  seat = g_new0 (SdStatementSeat, 1);
  seat->name = g_strdup ("系统管理员");
  seat->holders = g_strdup ("");
  g_ptr_array_add (statement->posts, seat);
  seat = g_new0 (SdStatementSeat, 1);
  seat->name = g_strdup ("网络安全工作组");
  seat->holders = g_strdup ("Member 成员");
  g_ptr_array_add (statement->bodies, seat);

  for (guint i = 0; i < n_duties; i++)
    {
      SdStatementDuty *duty = g_new0 (SdStatementDuty, 1);

      duty->code = g_strdup_printf ("SD-%03u", i + 1);
      duty->area = g_strdup (areas[i * G_N_ELEMENTS (areas) / n_duties]);
      duty->text = duty_text (i);
      duty->source = i % 4 == 0 ? g_strdup ("") : g_strdup_printf ("《管理办法》第%u条", i + 1);
      duty->duty_id = i + 1;
      duty->party_kind = SD_PARTY_UNIT;
      duty->party_id = 1;
      duty->party = g_strdup (parties[i % G_N_ELEMENTS (parties)]);
      duty->role = roles[i % 4];
      g_ptr_array_add (statement->duties, duty);
    }

  if (long_text != NULL)
    {
      SdStatementDuty *duty = g_new0 (SdStatementDuty, 1);

      duty->code = g_strdup ("SD-LONG");
      duty->area = g_strdup (areas[G_N_ELEMENTS (areas) - 1]);
      duty->text = g_strdup (long_text);
      duty->source = g_strdup ("");
      duty->party = g_strdup ("保密委员会");
      duty->role = 'A';
      g_ptr_array_add (statement->duties, duty);
    }

  return statement;
}

static SdSignoff *
insert_signoff (Fixture    *fixture,
                GBytes     *signature)
{
  g_autoptr(GError) error = NULL;
  SdSignoff *signoff;

  signoff = sd_store_insert (fixture->store, SD_TYPE_SIGNOFF, &error,
                             "unit-id", sd_item_get_id (SD_ITEM (fixture->unit)),
                             "signer-name", SIGNER,
                             "meaning", MEANING,
                             "signed-at", "2026-03-05T14:30:00+08:00",
                             "canonical-text", "Responsibility statement 安全责任书\n",
                             "sha256", HASH,
                             "signature", signature,
                             NULL);
  g_assert_no_error (error);
  g_assert_nonnull (signoff);
  return signoff;
}

static GBytes *
make_signature_bytes (void)
{
  g_autoptr(SdSignature) signature = sd_signature_new (300, 100);

  sd_signature_begin_stroke (signature, 10, 80);
  for (int x = 10; x <= 290; x += 10)
    sd_signature_add_point (signature, x, 50 + 40 * ((x / 10) % 2 ? 1 : -1));
  sd_signature_begin_stroke (signature, 40, 20);
  sd_signature_add_point (signature, 260, 90);
  return sd_signature_serialize (signature);
}

/* Output. */

static SdStatementLayout *
layout_new (const SdStatement *statement,
            SdSignoff         *signoff,
            gboolean           outdated)
{
  PangoContext *context = sd_org_chart_create_pango_context ();
  SdStatementLayout *layout;

  layout = sd_statement_layout_new (context, statement, signoff, outdated, A4_WIDTH, A4_HEIGHT);
  g_object_unref (context);
  g_assert_nonnull (layout);
  return layout;
}

static void
write_pdf (SdStatementLayout *layout,
           const char        *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, A4_WIDTH, A4_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; i < sd_statement_layout_get_n_pages (layout); i++)
    {
      sd_statement_layout_draw_page (layout, cr, i);
      cairo_show_page (cr);
    }
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* The text of @path in the order in which it is drawn, pages separated by
 * form feeds. */
static char *
pdf_to_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return out;
}

/* Text wraps anywhere between Han characters: compare without white space. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static char *
temp_pdf (Fixture    *fixture,
          const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

/* Tests. */

static void
test_unsigned (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(SdStatement) statement = make_statement (60, NULL);
  g_autoptr(SdStatementLayout) layout = layout_new (statement, NULL, FALSE);
  g_autofree char *path = temp_pdf (fixture, "unsigned.pdf");
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_auto(GStrv) pages = NULL;
  guint n_pages = sd_statement_layout_get_n_pages (layout);

  g_assert_cmpuint (n_pages, >, 1);
  write_pdf (layout, path);
  text = pdf_to_text (path);
  flat = squeeze (text);

  g_assert_nonnull (strstr (flat, "ResponsibilityStatement"));
  g_assert_nonnull (strstr (flat, UNIT_NAME));
  g_assert_nonnull (strstr (flat, SIGNER));
  g_assert_nonnull (strstr (flat, "李明,周静"));
  g_assert_nonnull (strstr (flat, "Vacant"));
  /* Each text is drawn once: twice would print it bold, and find it twice. */
  g_assert_cmpuint (count_occurrences (flat, "Holders"), ==, 1);
  g_assert_cmpuint (count_occurrences (flat, "Seatofthehead"), ==, 1);
  g_assert_nonnull (strstr (flat, "网络安全工作组"));
  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    g_assert_nonnull (strstr (flat, areas[i]));

  /* Every duty, whole, with its role as a word and its source. */
  for (guint i = 0; i < statement->duties->len; i++)
    {
      SdStatementDuty *duty = g_ptr_array_index (statement->duties, i);
      g_autofree char *duty_flat = squeeze (duty->text);

      g_assert_cmpuint (count_occurrences (flat, duty->code), ==, 1);
      g_assert_cmpuint (count_occurrences (flat, duty_flat), ==, 1);
      if (duty->source[0] != '\0')
        g_assert_nonnull (strstr (flat, duty->source));
    }
  for (const char *r = "RACI"; *r != '\0'; r++)
    {
      char role[2] = { *r, '\0' };
      g_autofree char *label = squeeze (sd_raci_label (role));

      g_assert_nonnull (strstr (flat, label));
    }

  /* One page of text per page laid out, each with its footer; a row is
   * never split, and a page that goes on with a table repeats its
   * headings. */
  pages = g_strsplit (text, "\f", -1);
  g_assert_cmpuint (g_strv_length (pages), >=, n_pages);
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *page_flat = squeeze (pages[p]);
      g_autofree char *footer = g_strdup_printf ("Page%uof%u", p + 1, n_pages);
      gboolean has_duty = FALSE;

      g_assert_nonnull (strstr (page_flat, footer));
      g_assert_nonnull (strstr (page_flat, UNIT_NAME));
      for (guint i = 0; i < statement->duties->len; i++)
        {
          SdStatementDuty *duty = g_ptr_array_index (statement->duties, i);
          g_autofree char *duty_flat = squeeze (duty->text);

          if (strstr (page_flat, duty->code) == NULL)
            continue;
          has_duty = TRUE;
          g_assert_nonnull (strstr (page_flat, duty_flat));
        }
      if (has_duty)
        {
          guint n_areas = 0;

          /* The column headings: under each area's heading, and once more
           * on top of a page that goes on with a table. */
          for (guint a = 0; a < G_N_ELEMENTS (areas); a++)
            n_areas += count_occurrences (page_flat, areas[a]);
          g_assert_cmpuint (count_occurrences (page_flat, "Heldby"), >=, 1);
          g_assert_cmpuint (count_occurrences (page_flat, "Heldby"), <=, n_areas + 1);
        }
    }

  /* Blank lines to sign by hand; no notice, no hash. */
  g_assert_nonnull (strstr (flat, "Notsignedyet"));
  g_assert_null (strstr (flat, "Outdated"));
  g_assert_null (strstr (flat, "SHA-256"));
}

static void
test_signed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GBytes) signature = make_signature_bytes ();
  SdSignoff *signoff = insert_signoff (fixture, signature);
  g_autoptr(SdStatement) statement = make_statement (60, NULL);
  g_autoptr(SdStatementLayout) layout = layout_new (statement, signoff, FALSE);
  g_autofree char *path = temp_pdf (fixture, "signed.pdf");
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *meaning = squeeze (MEANING);
  g_auto(GStrv) pages = NULL;
  guint n_pages = sd_statement_layout_get_n_pages (layout);
  const char *last;
  const char *name;

  write_pdf (layout, path);
  text = pdf_to_text (path);
  flat = squeeze (text);

  g_assert_nonnull (strstr (flat, meaning));
  g_assert_nonnull (strstr (flat, "SHA-256"));
  g_assert_nonnull (strstr (flat, HASH));
  g_assert_null (strstr (flat, "Outdated"));
  g_assert_null (strstr (flat, "Notsignedyet"));
  g_assert_null (strstr (flat, "Nohandwrittensignature"));

  /* The whole signature block is on the last page, after the last duty. */
  pages = g_strsplit (text, "\f", -1);
  last = pages[n_pages - 1];
  name = strstr (last, "Signed by");
  g_assert_nonnull (name);
  g_assert_nonnull (strstr (name, SIGNER));
  {
    g_autofree char *last_flat = squeeze (last);

    g_assert_nonnull (strstr (last_flat, meaning));
    g_assert_nonnull (strstr (last_flat, HASH));
    /* The date and time, in local time, with the offset that says which. */
    g_assert_nonnull (strstr (last_flat, "2026"));
    g_assert_nonnull (strstr (last_flat, "(UTC"));
  }
}

static void
test_outdated (Fixture       *fixture,
               gconstpointer  data)
{
  SdSignoff *signoff = insert_signoff (fixture, NULL);
  g_autoptr(SdStatement) statement = make_statement (5, NULL);
  g_autoptr(SdStatementLayout) layout = layout_new (statement, signoff, TRUE);
  g_autofree char *path = temp_pdf (fixture, "outdated.pdf");
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;

  write_pdf (layout, path);
  text = pdf_to_text (path);
  flat = squeeze (text);

  /* Once at the top, once at the signature. */
  g_assert_cmpuint (count_occurrences (flat, "Outdatedsignature"), ==, 2);
  g_assert_nonnull (strstr (flat, "mustbesignedagain"));
  g_assert_nonnull (strstr (flat, HASH));
  g_assert_nonnull (strstr (flat, "Nohandwrittensignature"));
}

/* Paints @page of @layout on white, at 1 pixel a point. */
static cairo_surface_t *
paint_page (SdStatementLayout *layout,
            guint              page)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 596, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  sd_statement_layout_draw_page (layout, cr, page);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint
count_dark_pixels (cairo_surface_t *surface)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      if ((*(const guint32 *) (data + y * stride + x * 4) & 0xff) < 0x80)
        n++;
  return n;
}

static void
test_handwritten (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GBytes) signature = make_signature_bytes ();
  SdSignoff *with = insert_signoff (fixture, signature);
  SdSignoff *without = insert_signoff (fixture, NULL);
  g_autoptr(SdStatement) statement = make_statement (3, NULL);
  g_autoptr(SdStatementLayout) signed_layout = layout_new (statement, with, FALSE);
  g_autoptr(SdStatementLayout) plain_layout = layout_new (statement, without, FALSE);
  g_autofree char *path = temp_pdf (fixture, "handwritten.pdf");
  g_autofree char *text = NULL;
  cairo_surface_t *signed_page, *plain_page;
  g_autoptr(GMappedFile) file = NULL;
  guint n_pages;

  n_pages = sd_statement_layout_get_n_pages (signed_layout);
  g_assert_cmpuint (sd_statement_layout_get_n_pages (plain_layout), ==, n_pages);

  /* The strokes are ink on the page where the other has a note. */
  signed_page = paint_page (signed_layout, n_pages - 1);
  plain_page = paint_page (plain_layout, n_pages - 1);
  g_assert_cmpuint (count_dark_pixels (signed_page), >, count_dark_pixels (plain_page) + 300);
  cairo_surface_destroy (signed_page);
  cairo_surface_destroy (plain_page);

  write_pdf (signed_layout, path);
  file = g_mapped_file_new (path, FALSE, NULL);
  g_assert_nonnull (file);
  g_assert_cmpuint (g_mapped_file_get_length (file), >, 1000);
  g_assert_true (memcmp (g_mapped_file_get_contents (file), "%PDF-", 5) == 0);
  text = pdf_to_text (path);
  g_assert_nonnull (strstr (text, SIGNER));
}

/* A duty longer than a page is cut between lines, and every character of
 * it is printed once. */
static void
test_long_duty (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GString) long_text = g_string_new ("超长职责：");
  g_autoptr(SdStatement) statement = NULL;
  g_autoptr(SdStatementLayout) layout = NULL;
  g_autofree char *path = temp_pdf (fixture, "long.pdf");
  g_autofree char *text = NULL;
  g_autofree char *long_flat = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GRegex) noise = NULL;
  g_autofree char *flat = NULL;

  for (guint i = 0; i < 180; i++)
    g_string_append_printf (long_text, "%s（%u）；", phrases[i % G_N_ELEMENTS (phrases)], i);
  statement = make_statement (4, long_text->str);
  layout = layout_new (statement, NULL, FALSE);
  g_assert_cmpuint (sd_statement_layout_get_n_pages (layout), >=, 3);

  write_pdf (layout, path);
  text = pdf_to_text (path);

  /* Between the pieces: the footers, the repeated column headings, and the
   * duty's other cells. */
  noise = g_regex_new ("^(.*Page \\d+ of \\d+.*|"
                       "((" UNIT_NAME "|Code|Duty|Held by|Role|保密委员会|Accountable) ?)+)$",
                       0, 0, NULL);
  lines = g_strsplit_set (text, "\n\f", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (!g_regex_match (noise, lines[i], 0, NULL))
        g_string_append (body, lines[i]);
    }
  flat = squeeze (body->str);
  long_flat = squeeze (long_text->str);
  g_assert_cmpuint (count_occurrences (flat, long_flat), ==, 1);
}

/* The export from the store, with today's statement and the newest
 * sign-off: current after signing, outdated after a change. */
static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_pdf (fixture, "export.pdf");
  g_autoptr(GBytes) signature = make_signature_bytes ();
  g_autoptr(SdStatement) statement = NULL;
  SdPost *post;
  SdDuty *duty;
  SdSignoff *signoff;
  gint64 unit_id = sd_item_get_id (SD_ITEM (fixture->unit));

  post = sd_store_insert (fixture->store, SD_TYPE_POST, &error, "name", "安全管理员",
                          "unit-id", unit_id, "post-type", "security-admin", NULL);
  g_assert_no_error (error);
  duty = sd_store_insert (fixture->store, SD_TYPE_DUTY, &error, "code", "003-12.2",
                          "area", "安全管理员职责", "text", "落实本单位网络安全工作。",
                          "source", "《管理办法》第十二条", NULL);
  g_assert_no_error (error);
  sd_store_insert (fixture->store, SD_TYPE_ASSIGNMENT, &error,
                   "duty-id", sd_item_get_id (SD_ITEM (duty)),
                   "post-id", sd_item_get_id (SD_ITEM (post)), "role", "R", NULL);
  g_assert_no_error (error);

  g_assert_true (sd_statement_export_pdf (fixture->store, fixture->unit, path, &error));
  g_assert_no_error (error);
  {
    g_autofree char *text = pdf_to_text (path);
    g_autofree char *flat = squeeze (text);

    g_assert_nonnull (strstr (flat, "003-12.2"));
    g_assert_nonnull (strstr (flat, "落实本单位网络安全工作。"));
    g_assert_nonnull (strstr (flat, "Responsible"));
    g_assert_nonnull (strstr (flat, "Notsignedyet"));
  }

  statement = sd_statement_new (fixture->store, fixture->unit);
  signoff = sd_statement_sign (fixture->store, statement, "王芳", 0, MEANING, signature, &error);
  g_assert_no_error (error);
  g_assert_true (sd_statement_export_pdf (fixture->store, fixture->unit, path, &error));
  g_assert_no_error (error);
  {
    g_autofree char *text = pdf_to_text (path);
    g_autofree char *flat = squeeze (text);

    g_assert_nonnull (strstr (flat, "王芳"));
    g_assert_nonnull (strstr (flat, sd_signoff_get_sha256 (signoff)));
    g_assert_null (strstr (flat, "Outdated"));
  }

  sd_store_update (fixture->store, duty, &error, "text", "落实本单位网络与数据安全工作。", NULL);
  g_assert_no_error (error);
  g_assert_true (sd_statement_export_pdf (fixture->store, fixture->unit, path, &error));
  g_assert_no_error (error);
  {
    g_autofree char *text = pdf_to_text (path);
    g_autofree char *flat = squeeze (text);

    g_assert_nonnull (strstr (flat, "落实本单位网络与数据安全工作。"));
    g_assert_nonnull (strstr (flat, "Outdatedsignature"));
    g_assert_nonnull (strstr (flat, sd_signoff_get_sha256 (signoff)));
  }

  /* A file that cannot be written: an error, and nothing left behind. */
  {
    g_autofree char *bad = g_build_filename (fixture->dir, "missing", "out.pdf", NULL);

    g_assert_false (sd_statement_export_pdf (fixture->store, fixture->unit, bad, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/statement-render/unsigned", test_unsigned);
  ADD ("/statement-render/signed", test_signed);
  ADD ("/statement-render/outdated", test_outdated);
  ADD ("/statement-render/handwritten", test_handwritten);
  ADD ("/statement-render/long-duty", test_long_duty);
  ADD ("/statement-render/export", test_export);
#undef ADD

  return g_test_run ();
}
