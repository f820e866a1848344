/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#define G_LOG_DOMAIN "sd-org-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "sd-body.h"
#include "sd-body-member.h"
#include "sd-labels.h"
#include "sd-org-chart.h"
#include "sd-person.h"
#include "sd-post.h"
#include "sd-post-holder.h"
#include "sd-unit.h"

/*
 * What the chart shows, and why:
 *
 *  - Every body is a box. A body whose "led-by" names another body hangs
 *    under it; the others are roots, side by side. A loop of "led-by"
 *    references (which the store does not forbid) is broken at its first
 *    body by position, so that every body is drawn exactly once.
 *  - A box lists all the leaders, deputy leaders and members: a printed
 *    chart is a record, so it must not hide names behind "and 8 more". Only
 *    beyond MAX_NAMES names in one role does the list end with a count, to
 *    keep a runaway body from filling the page.
 *  - The security posts, that is every post whose type is not "other", hang
 *    in one panel under the daily execution unit (the first body of kind
 *    "execution"), or under the first root body when there is none: the
 *    regulation makes the execution unit the home of these posts, yet the
 *    posts themselves may belong to any department (the liaison of each
 *    department, the system administrator of the IT department) or to the
 *    whole organisation, so all of them are shown, grouped by post type,
 *    each with its unit and its holders. Posts of type "other" are the
 *    ordinary jobs of a department and belong on the department's own page.
 *
 * The layout is a tidy tree: each subtree is placed as close to its left
 * sibling as the outlines of both allow, depth by depth, and each parent
 * is centred over its children. Rows share one height, so that the boxes
 * of one level line up. All sizes are in chart units; at the default font
 * sizes the demo chart prints on A4 landscape at about two thirds of its
 * size, which keeps the smallest text near 8 pt.
 */

#define CHART_MARGIN      16.0
#define BODY_WIDTH        272.0
#define BOX_PADDING       12.0
#define ACCENT_BAND       5.0
#define BOX_RADIUS        8.0
#define ROW_GAP           44.0
#define SIBLING_GAP       28.0
#define ROOT_GAP          56.0
#define LINE_SPACING      4.0
#define RULE_SPACING      8.0
#define PANEL_PADDING     14.0
#define CARD_GAP          12.0
#define CARD_MIN_WIDTH    150.0
#define CARD_MAX_WIDTH    260.0
#define CARD_MAX_COLUMNS  8
#define CONNECTOR_INSET   24.0
#define EMPTY_WIDTH       480.0
#define EMPTY_HEIGHT      120.0

#define NAME_SIZE         16.0
#define KIND_SIZE         12.0
#define TEXT_SIZE         13.0
#define HEADING_SIZE      15.0
#define CARD_TITLE_SIZE   14.0

#define PAGE_TITLE_SIZE   16.0
#define PAGE_DATE_SIZE    10.0
#define PAGE_TITLE_GAP    14.0
#define PAGE_MAX_SCALE    1.25

#define PNG_MARGIN        24.0
#define PNG_SCALE         2.0
#define PNG_MAX_PIXELS    8000.0

#define A4_LONG_PT        841.89
#define A4_SHORT_PT       595.28
#define PDF_MARGIN_PT     28.0

#define MAX_NAMES         40

/* Ids as keys of direct hash tables. */
#define ID_KEY(id) ((gpointer) (gintptr) (id))

typedef enum
{
  TEXT_NAME,     /* names of bodies and posts, headings */
  TEXT_BODY,     /* the people */
  TEXT_DIM,      /* kinds, notes */
} TextRole;

typedef struct
{
  PangoLayout *layout;
  TextRole     role;
  double       x, y;    /* relative to the box until it is placed */
} Label;

typedef struct
{
  SdOrgChartBoxKind  kind;
  GType              type;
  gint64             id;
  double             x, y, width, height;
  int                container;
  int                depth;
  int                parent;      /* in the tree, or -1 */
  double             rule_y;      /* relative; 0: no rule under the title */
  double             offset;      /* of its centre from its parent's, while laying out */
  GArray            *labels;      /* Label */
  GArray            *rects;       /* cairo_rectangle_t, absolute */
  GArray            *children;    /* int */
  char              *tooltip;
} Box;

struct _SdOrgChart
{
  PangoContext *context;
  GPtrArray    *boxes;        /* Box */
  GArray       *connectors;   /* SdOrgChartConnector */
  double        width, height;
  guint         n_bodies, n_posts;
  char         *company;
  PangoLayout  *empty_layout;
};

/* Left and right edge of a subtree at each depth below its top, relative
 * to the centre of its top box. */
typedef struct
{
  GArray *left;
  GArray *right;
} Contour;

static void
box_free (gpointer data)
{
  Box *box = data;

  for (guint i = 0; i < box->labels->len; i++)
    g_object_unref (g_array_index (box->labels, Label, i).layout);
  g_array_unref (box->labels);
  g_array_unref (box->rects);
  g_array_unref (box->children);
  g_free (box->tooltip);
  g_free (box);
}

static Box *
box_new (SdOrgChartBoxKind kind,
         GType             type,
         gint64            id)
{
  Box *box = g_new0 (Box, 1);

  box->kind = kind;
  box->type = type;
  box->id = id;
  box->container = -1;
  box->parent = -1;
  box->labels = g_array_new (FALSE, FALSE, sizeof (Label));
  box->rects = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  box->children = g_array_new (FALSE, FALSE, sizeof (int));
  return box;
}

static Box *
chart_box (SdOrgChart *chart,
           int         index)
{
  return g_ptr_array_index (chart->boxes, index);
}

static int
chart_add_box (SdOrgChart *chart,
               Box        *box)
{
  g_ptr_array_add (chart->boxes, box);
  return (int) chart->boxes->len - 1;
}

/* Text. */

/* A layout of @text (Pango markup if @markup) at @size chart units, wrapped
 * to @width. The family comes from the context, so that the widget uses
 * the desktop's font and paper uses "Sans". */
static PangoLayout *
make_layout (SdOrgChart  *chart,
             const char  *text,
             gboolean     markup,
             double       size,
             PangoWeight  weight,
             double       width)
{
  PangoLayout *layout = pango_layout_new (chart->context);
  const PangoFontDescription *base = pango_context_get_font_description (chart->context);
  PangoFontDescription *font;

  font = base != NULL ? pango_font_description_copy (base) : pango_font_description_new ();
  if (pango_font_description_get_family (font) == NULL)
    pango_font_description_set_family (font, "Sans");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_font_description_set_style (font, PANGO_STYLE_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);

  return layout;
}

/* Adds a label with its top-left corner at (@x, @y) of the box; returns
 * its height. Takes @layout. */
static double
box_add_label (Box         *box,
               PangoLayout *layout,
               TextRole     role,
               double       x,
               double       y)
{
  Label label = { layout, role, x, y };
  PangoRectangle logical;

  g_array_append_val (box->labels, label);
  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

/* "Leader: 王建国" with the role in bold; @names is markup already. */
static char *
role_line_markup (const char *role,
                  const char *names)
{
  g_autofree char *bold = g_markup_printf_escaped ("<span allow_breaks=\"false\"><b>%s</b></span>",
                                                   role);

  /* Translators: a role or a unit, then names, as in "Leader: 王建国" or
   * "信息部: 刘洋, 马超"; Chinese uses a full-width colon, "%s：%s" */
  return g_strdup_printf (_("%s: %s"), bold, names);
}

/* Joins @names with the list separator, up to MAX_NAMES of them, as
 * markup. A line may break between two names but never inside one: Pango
 * breaks Chinese text between any two characters, and half a name on each
 * line reads as two people. */
static char *
join_names (GPtrArray *names)
{
  GString *string = g_string_new (NULL);
  guint shown = MIN (names->len, MAX_NAMES);

  for (guint i = 0; i < shown; i++)
    {
      g_autofree char *name = NULL;

      if (i > 0)
        {
          g_autofree char *separator = g_markup_escape_text (sd_list_separator (), -1);

          g_string_append (string, separator);
        }
      name = g_markup_printf_escaped ("<span allow_breaks=\"false\">%s</span>",
                                      (const char *) g_ptr_array_index (names, i));
      g_string_append (string, name);
    }
  if (names->len > shown)
    {
      guint more = names->len - shown;
      g_autofree char *text = NULL;
      g_autofree char *escaped = NULL;

      /* Translators: after a list of names cut short: "… and 12 more" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", more),
                              more);
      escaped = g_markup_escape_text (text, -1);
      g_string_append_c (string, ' ');
      g_string_append (string, escaped);
    }
  return g_string_free (string, FALSE);
}

static const char *
person_name (SdStore *store,
             gint64   person_id)
{
  SdPerson *person = person_id != 0 ? sd_store_lookup (store, SD_TYPE_PERSON, person_id) : NULL;

  return person != NULL ? sd_person_get_name (person) : NULL;
}

/* Bodies. */

static const char * const member_roles[] = { "leader", "deputy", "member" };

static int
fill_body_box (SdOrgChart *chart,
               SdStore    *store,
               SdBody     *body,
               GPtrArray  *members)
{
  Box *box = box_new (SD_ORG_CHART_BOX_BODY, SD_TYPE_BODY, sd_item_get_id (SD_ITEM (body)));
  double content = BODY_WIDTH - 2 * BOX_PADDING;
  double y = ACCENT_BAND + BOX_PADDING;
  g_autoptr(GPtrArray) roles = g_ptr_array_new ();
  GString *tooltip = g_string_new (sd_body_get_name (body));
  gboolean any = FALSE;

  box->width = BODY_WIDTH;

  y += box_add_label (box, make_layout (chart, sd_body_get_name (body), FALSE, NAME_SIZE,
                                        PANGO_WEIGHT_BOLD, content),
                      TEXT_NAME, BOX_PADDING, y);
  y += 2;
  y += box_add_label (box, make_layout (chart, sd_body_kind_label (sd_body_get_kind (body)),
                                        FALSE, KIND_SIZE, PANGO_WEIGHT_NORMAL, content),
                      TEXT_DIM, BOX_PADDING, y);
  y += RULE_SPACING;
  box->rule_y = y;
  y += RULE_SPACING + 1;

  g_string_append_printf (tooltip, "\n%s", sd_body_kind_label (sd_body_get_kind (body)));
  if (sd_body_get_description (body) != NULL && *sd_body_get_description (body) != '\0')
    g_string_append_printf (tooltip, "\n%s", sd_body_get_description (body));

  /* The known roles in their order of rank, then any role a newer version
   * may have written, in the order it first appears. */
  for (guint r = 0; r < G_N_ELEMENTS (member_roles); r++)
    g_ptr_array_add (roles, (gpointer) member_roles[r]);
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      const char *role = sd_body_member_get_role (g_ptr_array_index (members, i));

      if (role != NULL && !g_ptr_array_find_with_equal_func (roles, role, g_str_equal, NULL))
        g_ptr_array_add (roles, (gpointer) role);
    }

  for (guint r = 0; r < roles->len; r++)
    {
      const char *role = g_ptr_array_index (roles, r);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *joined = NULL;
      g_autofree char *markup = NULL;

      for (guint i = 0; members != NULL && i < members->len; i++)
        {
          SdBodyMember *member = g_ptr_array_index (members, i);
          const char *name = person_name (store, sd_body_member_get_person_id (member));

          if (name != NULL && g_strcmp0 (sd_body_member_get_role (member), role) == 0)
            g_ptr_array_add (names, (gpointer) name);
        }
      if (names->len == 0)
        continue;

      joined = join_names (names);
      /* "Members" reads better before a list than the role's own name. */
      markup = role_line_markup (g_str_equal (role, "member") ? _("Members")
                                                               : sd_member_role_label (role),
                                 joined);
      if (any)
        y += LINE_SPACING;
      y += box_add_label (box, make_layout (chart, markup, TRUE, TEXT_SIZE,
                                            PANGO_WEIGHT_NORMAL, content),
                          TEXT_BODY, BOX_PADDING, y);
      any = TRUE;
    }

  if (!any)
    /* Translators: in the box of a security body that has no one in it */
    y += box_add_label (box, make_layout (chart, _("No members yet"), FALSE, TEXT_SIZE,
                                          PANGO_WEIGHT_NORMAL, content),
                        TEXT_DIM, BOX_PADDING, y);

  box->height = y + BOX_PADDING;
  box->tooltip = g_string_free (tooltip, FALSE);
  chart->n_bodies++;

  return chart_add_box (chart, box);
}

/* Posts. */

static const char * const post_types[] = {
  "security-director",
  "security-admin",
  "security-auditor",
  "network-admin",
  "system-admin",
  "machine-room-admin",
  "security-liaison",
};

typedef struct
{
  const char *type;
  GPtrArray  *posts;   /* SdPost, unowned */
} PostGroup;

static void
post_group_clear (gpointer data)
{
  PostGroup *group = data;

  g_ptr_array_unref (group->posts);
}

static int
post_type_rank (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (post_types); i++)
    if (g_str_equal (type, post_types[i]))
      return (int) i;
  return G_N_ELEMENTS (post_types);
}

/* The security posts grouped by type: the regulation's types in its order,
 * then any other type (from a newer version) in the order it first
 * appears; within a group, the posts in their own order. */
static GArray *
collect_post_groups (SdStore *store)
{
  GListModel *posts = sd_store_get_items (store, SD_TYPE_POST);
  GArray *groups = g_array_new (FALSE, TRUE, sizeof (PostGroup));
  guint n = g_list_model_get_n_items (posts);

  g_array_set_clear_func (groups, post_group_clear);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdPost) post = g_list_model_get_item (posts, i);
      const char *type = sd_post_get_post_type (post);
      PostGroup *group = NULL;

      if (type == NULL || *type == '\0' || g_str_equal (type, "other"))
        continue;

      for (guint g = 0; g < groups->len && group == NULL; g++)
        if (g_str_equal (g_array_index (groups, PostGroup, g).type, type))
          group = &g_array_index (groups, PostGroup, g);

      if (group == NULL)
        {
          PostGroup new_group = { type, g_ptr_array_new () };
          int rank = post_type_rank (type);
          guint at = groups->len;

          /* Before the first group of a later rank; unknown types keep
           * their order of appearance at the end. */
          for (guint g = 0; g < groups->len; g++)
            if (post_type_rank (g_array_index (groups, PostGroup, g).type) > rank)
              {
                at = g;
                break;
              }
          g_array_insert_val (groups, at, new_group);
          group = &g_array_index (groups, PostGroup, at);
        }
      /* The store keeps its items alive as long as the store lives. */
      g_ptr_array_add (group->posts, post);
    }

  return groups;
}

/* "孙磊, 周静 (deputy)" as markup: primary holders first, then the
 * deputies. */
static char *
holders_text (SdStore    *store,
              GHashTable *holders_by_post,
              SdPost     *post)
{
  GPtrArray *holders = g_hash_table_lookup (holders_by_post,
                                            ID_KEY (sd_item_get_id (SD_ITEM (post))));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) refs = g_ptr_array_new ();

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; holders != NULL && i < holders->len; i++)
      {
        SdPostHolder *holder = g_ptr_array_index (holders, i);
        const char *name = person_name (store, sd_post_holder_get_person_id (holder));
        gboolean primary = sd_post_holder_get_is_primary (holder);

        if (name == NULL || primary != (pass == 0))
          continue;
        if (primary)
          g_ptr_array_add (names, g_strdup (name));
        else
          /* Translators: a person who holds a post as a deputy; "周静（副）" */
          g_ptr_array_add (names, g_strdup_printf (_("%s (deputy)"), name));
      }

  if (names->len == 0)
    return NULL;

  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (refs, g_ptr_array_index (names, i));
  return join_names (refs);
}

static int
fill_post_box (SdOrgChart *chart,
               SdStore    *store,
               GHashTable *holders_by_post,
               PostGroup  *group,
               double      width)
{
  SdPost *first = g_ptr_array_index (group->posts, 0);
  Box *box = box_new (SD_ORG_CHART_BOX_POST, SD_TYPE_POST, sd_item_get_id (SD_ITEM (first)));
  double content = width - 2 * BOX_PADDING;
  double y = BOX_PADDING;
  const char *title = sd_post_get_name (first);
  const char *type_label = sd_post_type_label (group->type);
  gboolean same_name = TRUE, key_post = FALSE;
  g_autofree char *kind = NULL;
  GString *tooltip = g_string_new (NULL);

  box->width = width;

  for (guint i = 0; i < group->posts->len; i++)
    {
      SdPost *post = g_ptr_array_index (group->posts, i);

      same_name = same_name && g_strcmp0 (sd_post_get_name (post), title) == 0;
      key_post = key_post || sd_post_get_key_post (post);
    }
  /* Posts of one type under different names go under the type's name. */
  if (!same_name || title == NULL || *title == '\0')
    title = type_label;

  y += box_add_label (box, make_layout (chart, title, FALSE, CARD_TITLE_SIZE,
                                        PANGO_WEIGHT_BOLD, content),
                      TEXT_NAME, BOX_PADDING, y);

  /* The type, unless the title says it already (as it does in Chinese). */
  if (g_strcmp0 (type_label, title) != 0)
    kind = g_strdup (type_label);
  if (key_post)
    {
      /* Translators: marks a key post, one that needs two or more holders */
      const char *key = _("Key post");
      char *with_key = kind != NULL ? g_strdup_printf ("%s · %s", kind, key) : g_strdup (key);

      g_free (kind);
      kind = with_key;
    }
  if (kind != NULL)
    {
      y += 2;
      y += box_add_label (box, make_layout (chart, kind, FALSE, KIND_SIZE,
                                            PANGO_WEIGHT_NORMAL, content),
                          TEXT_DIM, BOX_PADDING, y);
    }
  y += RULE_SPACING;
  box->rule_y = y;
  y += RULE_SPACING + 1;

  for (guint i = 0; i < group->posts->len; i++)
    {
      SdPost *post = g_ptr_array_index (group->posts, i);
      SdUnit *unit = NULL;
      g_autofree char *holders = holders_text (store, holders_by_post, post);
      g_autofree char *markup = NULL;
      TextRole role = TEXT_BODY;

      if (sd_post_get_unit_id (post) != 0)
        unit = sd_store_lookup (store, SD_TYPE_UNIT, sd_post_get_unit_id (post));

      if (holders == NULL)
        {
          /* Translators: a post that nobody holds */
          holders = g_markup_escape_text (_("Vacant"), -1);
          role = unit == NULL ? TEXT_DIM : TEXT_BODY;
        }
      /* An organisation-wide post is its holders alone; a post of a unit
       * names the unit first, which tells apart the liaisons of the
       * departments. */
      if (unit != NULL)
        markup = role_line_markup (sd_unit_get_name (unit), holders);
      else
        markup = g_steal_pointer (&holders);

      if (i > 0)
        y += LINE_SPACING;
      y += box_add_label (box, make_layout (chart, markup, TRUE, TEXT_SIZE,
                                            PANGO_WEIGHT_NORMAL, content),
                          role, BOX_PADDING, y);

      if (tooltip->len > 0)
        g_string_append_c (tooltip, '\n');
      g_string_append (tooltip, sd_post_get_name (post));
      if (unit != NULL)
        g_string_append_printf (tooltip, " (%s)", sd_unit_get_name (unit));
      if (sd_post_get_description (post) != NULL && *sd_post_get_description (post) != '\0')
        g_string_append_printf (tooltip, ": %s", sd_post_get_description (post));
      chart->n_posts++;
    }

  box->height = y + BOX_PADDING;
  box->tooltip = g_string_free (tooltip, FALSE);

  return chart_add_box (chart, box);
}

static GHashTable *
collect_holders (SdStore *store)
{
  GListModel *holders = sd_store_get_items (store, SD_TYPE_POST_HOLDER);
  GHashTable *holders_by_post;

  holders_by_post = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < g_list_model_get_n_items (holders); i++)
    {
      g_autoptr(SdPostHolder) holder = g_list_model_get_item (holders, i);
      gpointer key = ID_KEY (sd_post_holder_get_post_id (holder));
      GPtrArray *list = g_hash_table_lookup (holders_by_post, key);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (holders_by_post, key, list);
        }
      /* The store keeps its items alive as long as the store lives. */
      g_ptr_array_add (list, holder);
    }
  return holders_by_post;
}

/* The panel of the security posts, with the post boxes in a grid of
 * @columns, each @card_width wide, inside it (at positions relative to the
 * panel until it is placed). */
static int
fill_posts_panel (SdOrgChart *chart,
                  SdStore    *store,
                  GArray     *groups,
                  GHashTable *holders_by_post,
                  guint       columns,
                  double      card_width)
{
  Box *panel;
  int panel_index, first_card;
  guint n = groups->len, rows;
  double y, heading;
  g_autofree char *tooltip = NULL;

  g_assert (n > 0);
  g_assert (columns > 0);

  rows = (n + columns - 1) / columns;

  panel = box_new (SD_ORG_CHART_BOX_POSTS, G_TYPE_NONE, 0);
  panel->width = 2 * PANEL_PADDING + columns * card_width + (columns - 1) * CARD_GAP;
  panel_index = chart_add_box (chart, panel);

  /* Translators: heading of the panel of security posts in the org chart */
  heading = box_add_label (panel, make_layout (chart, _("Security posts"), FALSE, HEADING_SIZE,
                                               PANGO_WEIGHT_BOLD,
                                               panel->width - 2 * PANEL_PADDING),
                           TEXT_NAME, PANEL_PADDING, PANEL_PADDING);
  y = PANEL_PADDING + heading + CARD_GAP;

  first_card = (int) chart->boxes->len;
  for (guint g = 0; g < n; g++)
    {
      int index = fill_post_box (chart, store, holders_by_post,
                                 &g_array_index (groups, PostGroup, g), card_width);

      chart_box (chart, index)->container = panel_index;
    }

  /* Rows as tall as their tallest box, every box of a row stretched to it. */
  for (guint row = 0; row < rows; row++)
    {
      double row_height = 0;

      for (guint c = 0; c < columns && row * columns + c < n; c++)
        row_height = MAX (row_height, chart_box (chart, first_card + row * columns + c)->height);
      for (guint c = 0; c < columns && row * columns + c < n; c++)
        {
          Box *card = chart_box (chart, first_card + row * columns + c);

          card->x = PANEL_PADDING + c * (card_width + CARD_GAP);
          card->y = y;
          card->height = row_height;
        }
      y += row_height + CARD_GAP;
    }
  panel->height = y - CARD_GAP + PANEL_PADDING;

  /* Translators: tooltip of the panel of security posts */
  tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u security post and its holders",
                                          "%u security posts and their holders",
                                          chart->n_posts),
                             chart->n_posts);
  panel->tooltip = g_steal_pointer (&tooltip);

  return panel_index;
}

/* The width of the post boxes in a grid of @columns under bodies
 * @tree_width wide: as wide as the bodies above when that leaves them
 * room, never narrower than CARD_MIN_WIDTH. */
static double
card_width_for (guint  columns,
                double tree_width)
{
  double width = (tree_width - 2 * PANEL_PADDING - (columns - 1) * CARD_GAP) / columns;

  return CLAMP (width, CARD_MIN_WIDTH, CARD_MAX_WIDTH);
}

/* How many columns of post boxes give the chart the shape that fills an
 * A4 landscape page best, the bodies above being @tree_width by
 * @tree_height: each choice is laid out and measured, the panel then
 * dropped. A landscape page suits a projector too. */
static guint
choose_post_columns (SdOrgChart *chart,
                     SdStore    *store,
                     GArray     *groups,
                     GHashTable *holders_by_post,
                     double      tree_width,
                     double      tree_height)
{
  const double page_width = A4_LONG_PT - 2 * PDF_MARGIN_PT;
  const double page_height = A4_SHORT_PT - 2 * PDF_MARGIN_PT - PAGE_TITLE_SIZE * 2;
  guint n = groups->len, best = 1, last_rows = 0;
  double best_scale = 0;

  for (guint columns = 1; columns <= MIN (n, CARD_MAX_COLUMNS); columns++)
    {
      guint rows = (n + columns - 1) / columns;
      guint n_boxes = chart->boxes->len, n_posts = chart->n_posts, balanced;
      double width, height, scale;
      Box *panel;

      /* Only the fewest columns for each number of rows: 7 boxes in 4
       * columns are two rows, and 5 or 6 columns would be two rows too,
       * with a lone box or an empty hole in the second. */
      if (rows == last_rows)
        continue;
      last_rows = rows;
      balanced = (n + rows - 1) / rows;

      panel = chart_box (chart, fill_posts_panel (chart, store, groups, holders_by_post, balanced,
                                                  card_width_for (balanced, tree_width)));
      width = MAX (tree_width, panel->width) + 2 * CHART_MARGIN;
      height = tree_height + (tree_height > 0 ? ROW_GAP : 0) + panel->height + 2 * CHART_MARGIN;
      g_ptr_array_set_size (chart->boxes, n_boxes);
      chart->n_posts = n_posts;

      scale = MIN (page_width / width, page_height / height);
      if (scale > best_scale * 1.01)
        {
          best = balanced;
          best_scale = scale;
        }
    }
  return best;
}

/* The tree. */

static void
contour_init (Contour *contour)
{
  contour->left = g_array_new (FALSE, FALSE, sizeof (double));
  contour->right = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
contour_clear (Contour *contour)
{
  g_clear_pointer (&contour->left, g_array_unref);
  g_clear_pointer (&contour->right, g_array_unref);
}

#define CONTOUR_LEFT(c, k)  g_array_index ((c)->left, double, (k))
#define CONTOUR_RIGHT(c, k) g_array_index ((c)->right, double, (k))

static void layout_subtree (SdOrgChart *chart,
                            int         index,
                            Contour    *out);

/* Places the subtrees of @children left to right, each as close to the
 * ones before it as their contours allow, and centres them on 0: sets
 * each child's offset and returns their joint contour in @out. */
static void
layout_children (SdOrgChart *chart,
                 GArray     *children,
                 double      gap,
                 Contour    *out)
{
  g_autofree double *offsets = g_new0 (double, MAX (children->len, 1));
  double middle;

  contour_init (out);

  for (guint i = 0; i < children->len; i++)
    {
      Contour sub;
      double offset = 0;

      layout_subtree (chart, g_array_index (children, int, i), &sub);

      if (i > 0)
        {
          offset = -G_MAXDOUBLE;
          for (guint k = 0; k < MIN (sub.left->len, out->left->len); k++)
            offset = MAX (offset, CONTOUR_RIGHT (out, k) - CONTOUR_LEFT (&sub, k) + gap);
        }
      offsets[i] = offset;

      for (guint k = 0; k < sub.left->len; k++)
        {
          double left = offset + CONTOUR_LEFT (&sub, k);
          double right = offset + CONTOUR_RIGHT (&sub, k);

          if (k < out->left->len)
            {
              CONTOUR_LEFT (out, k) = MIN (CONTOUR_LEFT (out, k), left);
              CONTOUR_RIGHT (out, k) = MAX (CONTOUR_RIGHT (out, k), right);
            }
          else
            {
              g_array_append_val (out->left, left);
              g_array_append_val (out->right, right);
            }
        }
      contour_clear (&sub);
    }

  if (children->len == 0)
    return;

  middle = (offsets[0] + offsets[children->len - 1]) / 2;
  for (guint i = 0; i < children->len; i++)
    chart_box (chart, g_array_index (children, int, i))->offset = offsets[i] - middle;
  for (guint k = 0; k < out->left->len; k++)
    {
      CONTOUR_LEFT (out, k) -= middle;
      CONTOUR_RIGHT (out, k) -= middle;
    }
}

static void
layout_subtree (SdOrgChart *chart,
                int         index,
                Contour    *out)
{
  Box *box = chart_box (chart, index);
  Contour below;
  double half = box->width / 2;

  double left = -half, right = half;

  contour_init (out);
  g_array_append_val (out->left, left);
  g_array_append_val (out->right, right);

  layout_children (chart, box->children, SIBLING_GAP, &below);
  g_array_append_vals (out->left, below.left->data, below.left->len);
  g_array_append_vals (out->right, below.right->data, below.right->len);
  contour_clear (&below);
}

static void
place_subtree (SdOrgChart *chart,
               int         index,
               double      centre)
{
  Box *box = chart_box (chart, index);

  box->x = centre - box->width / 2;
  for (guint i = 0; i < box->children->len; i++)
    {
      int child = g_array_index (box->children, int, i);

      place_subtree (chart, child, centre + chart_box (chart, child)->offset);
    }
}

static void
set_depth (SdOrgChart *chart,
           int         index,
           int         depth,
           int        *max_depth)
{
  Box *box = chart_box (chart, index);

  box->depth = depth;
  *max_depth = MAX (*max_depth, depth);
  for (guint i = 0; i < box->children->len; i++)
    set_depth (chart, g_array_index (box->children, int, i), depth + 1, max_depth);
}

static void
add_child (SdOrgChart *chart,
           int         parent,
           int         child)
{
  g_array_append_val (chart_box (chart, parent)->children, child);
  chart_box (chart, child)->parent = parent;
}

/* Whether following "led-by" up from @index reaches a root; if it runs
 * into a loop instead, the body it ends up on is in that loop. */
static gboolean
reaches_root (GArray *leader_of,
              int     index,
              int    *in_loop)
{
  for (guint steps = 0; steps <= leader_of->len; steps++)
    {
      *in_loop = index;
      index = g_array_index (leader_of, int, index);
      if (index < 0)
        return TRUE;
    }
  return FALSE;
}

/* Makes the first body (by position) of each loop of "led-by" a root. */
static void
break_loops (GArray *leader_of)
{
  for (guint i = 0; i < leader_of->len; i++)
    {
      int in_loop, first, j;

      if (reaches_root (leader_of, i, &in_loop))
        continue;
      first = in_loop;
      for (j = g_array_index (leader_of, int, in_loop); j != in_loop;
           j = g_array_index (leader_of, int, j))
        first = MIN (first, j);
      g_array_index (leader_of, int, first) = -1;
    }
}

/* The panel may sit off-centre under its body when that body is off to one
 * side; it moves toward the middle of the chart as far as it can while
 * still reaching up to its body and not touching its neighbours. */
static void
centre_panel (SdOrgChart *chart,
              int         panel_index)
{
  Box *panel = chart_box (chart, panel_index);
  double min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE;
  double x, anchor;

  if (panel->parent < 0)
    return;

  for (guint i = 0; i < chart->boxes->len; i++)
    {
      Box *box = chart_box (chart, i);

      if (box->kind != SD_ORG_CHART_BOX_BODY)
        continue;
      min_x = MIN (min_x, box->x);
      max_x = MAX (max_x, box->x + box->width);
    }

  anchor = chart_box (chart, panel->parent)->x + chart_box (chart, panel->parent)->width / 2;
  x = (min_x + max_x) / 2 - panel->width / 2;
  x = CLAMP (x, anchor - panel->width + CONNECTOR_INSET, anchor - CONNECTOR_INSET);

  for (guint i = 0; i < chart->boxes->len; i++)
    {
      Box *box = chart_box (chart, i);

      if ((int) i == panel_index || box->kind != SD_ORG_CHART_BOX_BODY
          || box->depth != panel->depth)
        continue;
      if (x < box->x + box->width + SIBLING_GAP && box->x < x + panel->width + SIBLING_GAP)
        return;
    }
  panel->x = x;
}

/* Moves everything right of the margin, the boxes inside the panel to
 * where the panel is, and the labels to where their boxes are; then the
 * chart's size is known. */
static void
finish_boxes (SdOrgChart *chart)
{
  double min_x = G_MAXDOUBLE, max_x = 0, max_y = 0;

  for (guint i = 0; i < chart->boxes->len; i++)
    {
      Box *box = chart_box (chart, i);

      if (box->container >= 0)
        continue;
      min_x = MIN (min_x, box->x);
    }
  for (guint i = 0; i < chart->boxes->len; i++)
    {
      Box *box = chart_box (chart, i);

      if (box->container >= 0)
        continue;
      box->x += CHART_MARGIN - min_x;
    }
  for (guint i = 0; i < chart->boxes->len; i++)
    {
      Box *box = chart_box (chart, i);

      if (box->container >= 0)
        {
          Box *container = chart_box (chart, box->container);

          box->x += container->x;
          box->y += container->y;
        }
      max_x = MAX (max_x, box->x + box->width);
      max_y = MAX (max_y, box->y + box->height);

      for (guint j = 0; j < box->labels->len; j++)
        {
          Label *label = &g_array_index (box->labels, Label, j);
          PangoRectangle logical;
          cairo_rectangle_t rect;

          label->x += box->x;
          label->y += box->y;
          pango_layout_get_extents (label->layout, NULL, &logical);
          rect.x = label->x + (double) logical.x / PANGO_SCALE;
          rect.y = label->y + (double) logical.y / PANGO_SCALE;
          rect.width = (double) logical.width / PANGO_SCALE;
          rect.height = (double) logical.height / PANGO_SCALE;
          g_array_append_val (box->rects, rect);
        }
    }
  chart->width = ceil (max_x + CHART_MARGIN);
  chart->height = ceil (max_y + CHART_MARGIN);
}

/* A line from each box down to each box it leads, through the middle of
 * the gap under the leading box's row. */
static void
add_connectors (SdOrgChart *chart,
                GArray     *row_top,
                GArray     *row_height)
{
  for (guint i = 0; i < chart->boxes->len; i++)
    {
      Box *box = chart_box (chart, i);
      double bus_y = g_array_index (row_top, double, box->depth)
                     + g_array_index (row_height, double, box->depth) + ROW_GAP / 2;

      for (guint c = 0; c < box->children->len; c++)
        {
          int child_index = g_array_index (box->children, int, c);
          Box *child = chart_box (chart, child_index);
          SdOrgChartConnector connector = {
            (int) i, child_index,
            box->x + box->width / 2, box->y + box->height,
            bus_y,
            child->x + child->width / 2, child->y,
          };

          /* A lone box under its parent's middle gets a straight line. */
          if (box->children->len == 1
              && connector.x0 >= child->x + CONNECTOR_INSET
              && connector.x0 <= child->x + child->width - CONNECTOR_INSET)
            connector.x1 = connector.x0;

          /* Round to the middle of a pixel so that 1-px lines stay crisp. */
          connector.x0 = floor (connector.x0) + 0.5;
          connector.x1 = floor (connector.x1) + 0.5;
          connector.bus_y = floor (connector.bus_y) + 0.5;
          g_array_append_val (chart->connectors, connector);
        }
    }
}

static void
chart_layout (SdOrgChart *chart,
              SdStore    *store)
{
  GListModel *bodies = sd_store_get_items (store, SD_TYPE_BODY);
  GListModel *members = sd_store_get_items (store, SD_TYPE_BODY_MEMBER);
  g_autoptr(GHashTable) members_by_body = NULL;
  g_autoptr(GHashTable) index_of_body = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) leader_of = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) roots = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) groups = collect_post_groups (store);
  g_autoptr(GArray) row_top = NULL;
  g_autoptr(GArray) row_height = NULL;
  g_autoptr(GArray) body_height = NULL;
  guint n_bodies = g_list_model_get_n_items (bodies);
  int execution = -1, panel_index = -1, max_depth = 0;
  double y;
  Contour contour;

  /* The people of each body, in the store's order. */
  members_by_body = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(SdBodyMember) member = g_list_model_get_item (members, i);
      gpointer key = ID_KEY (sd_body_member_get_body_id (member));
      GPtrArray *list = g_hash_table_lookup (members_by_body, key);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (members_by_body, key, list);
        }
      g_ptr_array_add (list, member);
    }

  /* One box per body, in the store's order, which is their position. */
  for (guint i = 0; i < n_bodies; i++)
    {
      g_autoptr(SdBody) body = g_list_model_get_item (bodies, i);
      gint64 id = sd_item_get_id (SD_ITEM (body));
      int index;

      index = fill_body_box (chart, store, body,
                             g_hash_table_lookup (members_by_body, ID_KEY (id)));
      g_hash_table_insert (index_of_body, ID_KEY (id), GINT_TO_POINTER (index + 1));
      if (execution < 0 && g_strcmp0 (sd_body_get_kind (body), "execution") == 0)
        execution = index;
    }

  /* Who leads whom: a reference to a missing body, or to the body itself,
   * makes a root. */
  for (guint i = 0; i < n_bodies; i++)
    {
      g_autoptr(SdBody) body = g_list_model_get_item (bodies, i);
      gint64 led_by = sd_body_get_led_by_id (body);
      int leader = GPOINTER_TO_INT (g_hash_table_lookup (index_of_body, ID_KEY (led_by))) - 1;

      if (leader == (int) i)
        leader = -1;
      g_array_append_val (leader_of, leader);
    }
  break_loops (leader_of);
  for (guint i = 0; i < n_bodies; i++)
    {
      int leader = g_array_index (leader_of, int, i);
      int index = (int) i;

      if (leader < 0)
        g_array_append_val (roots, index);
      else
        add_child (chart, leader, index);
    }

  for (guint i = 0; i < roots->len; i++)
    set_depth (chart, g_array_index (roots, int, i), 0, &max_depth);

  if (groups->len > 0)
    {
      int anchor = execution >= 0 ? execution : (roots->len > 0 ? g_array_index (roots, int, 0) : -1);
      g_autoptr(GHashTable) holders_by_post = collect_holders (store);
      double tree_width = 0, tree_height = 0;
      guint columns;

      /* The bodies alone first, to shape the panel to them. */
      if (roots->len > 0)
        {
          g_autoptr(GArray) heights = g_array_new (FALSE, TRUE, sizeof (double));

          layout_children (chart, roots, ROOT_GAP, &contour);
          for (guint k = 0; k < contour.left->len; k++)
            tree_width = MAX (tree_width, CONTOUR_RIGHT (&contour, k) - CONTOUR_LEFT (&contour, k));
          contour_clear (&contour);

          g_array_set_size (heights, max_depth + 1);
          for (guint i = 0; i < n_bodies; i++)
            {
              Box *box = chart_box (chart, i);
              double *height = &g_array_index (heights, double, box->depth);

              *height = MAX (*height, box->height);
            }
          for (int d = 0; d <= max_depth; d++)
            tree_height += g_array_index (heights, double, d) + (d > 0 ? ROW_GAP : 0);
        }

      columns = choose_post_columns (chart, store, groups, holders_by_post,
                                     tree_width, tree_height);
      panel_index = fill_posts_panel (chart, store, groups, holders_by_post, columns,
                                      card_width_for (columns, tree_width));
      if (anchor >= 0)
        add_child (chart, anchor, panel_index);
      else
        g_array_append_val (roots, panel_index);
    }

  if (roots->len == 0)
    return;

  /* Depths, then the tree laid out across, then the rows down. */
  max_depth = 0;
  for (guint i = 0; i < roots->len; i++)
    set_depth (chart, g_array_index (roots, int, i), 0, &max_depth);

  layout_children (chart, roots, ROOT_GAP, &contour);
  contour_clear (&contour);
  for (guint i = 0; i < roots->len; i++)
    {
      int root = g_array_index (roots, int, i);

      place_subtree (chart, root, chart_box (chart, root)->offset);
    }

  row_top = g_array_new (FALSE, TRUE, sizeof (double));
  row_height = g_array_new (FALSE, TRUE, sizeof (double));
  body_height = g_array_new (FALSE, TRUE, sizeof (double));
  g_array_set_size (row_top, max_depth + 1);
  g_array_set_size (row_height, max_depth + 1);
  g_array_set_size (body_height, max_depth + 1);

  for (guint i = 0; i < chart->boxes->len; i++)
    {
      Box *box = chart_box (chart, i);

      if (box->container >= 0)
        continue;
      g_array_index (row_height, double, box->depth) =
        MAX (g_array_index (row_height, double, box->depth), box->height);
      if (box->kind == SD_ORG_CHART_BOX_BODY)
        g_array_index (body_height, double, box->depth) =
          MAX (g_array_index (body_height, double, box->depth), box->height);
    }
  y = CHART_MARGIN;
  for (int d = 0; d <= max_depth; d++)
    {
      g_array_index (row_top, double, d) = y;
      y += g_array_index (row_height, double, d) + ROW_GAP;
    }

  /* The bodies of one row share its height; the panel keeps its own. */
  for (guint i = 0; i < chart->boxes->len; i++)
    {
      Box *box = chart_box (chart, i);

      if (box->container >= 0)
        continue;
      box->y = g_array_index (row_top, double, box->depth);
      if (box->kind == SD_ORG_CHART_BOX_BODY)
        box->height = g_array_index (body_height, double, box->depth);
    }

  if (panel_index >= 0)
    centre_panel (chart, panel_index);

  finish_boxes (chart);
  add_connectors (chart, row_top, row_height);
}

static const char *
find_company_name (SdStore *store)
{
  GListModel *units = sd_store_get_items (store, SD_TYPE_UNIT);

  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(SdUnit) unit = g_list_model_get_item (units, i);

      if (sd_unit_get_parent_id (unit) == 0)
        return sd_unit_get_name (unit);
    }
  return NULL;
}

/**
 * sd_org_chart_style_default:
 * @style: the style to fill
 * @dark: whether for a dark background
 *
 * The libadwaita palette: blue accent, card-like boxes on a white (or
 * dark) background, grey connectors, all opaque so that paper and screen
 * agree.
 */
void
sd_org_chart_style_default (SdOrgChartStyle *style,
                            gboolean         dark)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  if (dark)
    {
      style->foreground = sd_color_from_hex (0xffffff);
      style->dim = sd_color_from_hex (0xc0bfbc);
      style->background = sd_color_from_hex (0x242424);
      style->accent = sd_color_from_hex (0x78aeed);
      style->box_fill = sd_color_from_hex (0x383838);
      style->box_border = sd_color_from_hex (0x5e5c64);
      style->panel_fill = sd_color_from_hex (0x2e2e32);
      style->line = sd_color_from_hex (0x9a9996);
    }
  else
    {
      style->foreground = sd_color_from_hex (0x1e1e1e);
      style->dim = sd_color_from_hex (0x5e5c64);
      style->background = sd_color_from_hex (0xffffff);
      style->accent = sd_color_from_hex (0x1c71d8);
      style->box_fill = sd_color_from_hex (0xffffff);
      style->box_border = sd_color_from_hex (0xc0bfbc);
      style->panel_fill = sd_color_from_hex (0xf6f5f4);
      style->line = sd_color_from_hex (0x77767b);
    }
}

/**
 * sd_org_chart_create_pango_context:
 *
 * A context for paper and files: "Sans" with hinting off, so that text
 * measures the same at every scale. Han characters are shared by Chinese
 * and Japanese, and fontconfig picks the Japanese shapes for them unless
 * told otherwise; the data is Chinese, so outside a Chinese, Japanese or
 * Korean locale the context asks for simplified Chinese.
 *
 * Returns: (transfer full): a new context
 */
PangoContext *
sd_org_chart_create_pango_context (void)
{
  PangoContext *context;
  PangoFontDescription *font;
  PangoLanguage *language = pango_language_get_default ();
  cairo_font_options_t *options;
  const char *tag = pango_language_to_string (language);

  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());

  font = pango_font_description_from_string ("Sans 12");
  pango_context_set_font_description (context, font);
  pango_font_description_free (font);

  if (!g_str_has_prefix (tag, "zh") && !g_str_has_prefix (tag, "ja")
      && !g_str_has_prefix (tag, "ko"))
    pango_context_set_language (context, pango_language_from_string ("zh-cn"));

  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  return context;
}

/**
 * sd_org_chart_new:
 * @store: the data
 * @context: where to measure text
 *
 * Lays out the chart of @store as it is now. The chart keeps its text
 * layouts, and draws them later, so it must be drawn with the same kind
 * of Cairo target (screen, or paper) that @context was made for.
 *
 * Returns: (transfer full): the chart
 */
SdOrgChart *
sd_org_chart_new (SdStore      *store,
                  PangoContext *context)
{
  SdOrgChart *chart;

  g_return_val_if_fail (SD_IS_STORE (store), NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  chart = g_new0 (SdOrgChart, 1);
  chart->context = g_object_ref (context);
  chart->boxes = g_ptr_array_new_with_free_func (box_free);
  chart->connectors = g_array_new (FALSE, FALSE, sizeof (SdOrgChartConnector));
  chart->company = g_strdup (find_company_name (store));

  chart_layout (chart, store);

  if (chart->boxes->len == 0)
    {
      chart->empty_layout = make_layout (chart,
                                         /* Translators: the org chart of an empty database */
                                         _("No security bodies or posts yet"),
                                         FALSE, TEXT_SIZE + 2, PANGO_WEIGHT_NORMAL,
                                         EMPTY_WIDTH - 2 * CHART_MARGIN);
      pango_layout_set_alignment (chart->empty_layout, PANGO_ALIGN_CENTER);
      chart->width = EMPTY_WIDTH;
      chart->height = EMPTY_HEIGHT;
    }

  return chart;
}

void
sd_org_chart_free (SdOrgChart *chart)
{
  if (chart == NULL)
    return;

  g_ptr_array_unref (chart->boxes);
  g_array_unref (chart->connectors);
  g_clear_object (&chart->empty_layout);
  g_clear_object (&chart->context);
  g_free (chart->company);
  g_free (chart);
}

void
sd_org_chart_get_size (SdOrgChart *chart,
                       double     *width,
                       double     *height)
{
  g_return_if_fail (chart != NULL);

  if (width != NULL)
    *width = chart->width;
  if (height != NULL)
    *height = chart->height;
}

gboolean
sd_org_chart_is_empty (SdOrgChart *chart)
{
  g_return_val_if_fail (chart != NULL, TRUE);

  return chart->boxes->len == 0;
}

guint
sd_org_chart_get_n_bodies (SdOrgChart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);

  return chart->n_bodies;
}

guint
sd_org_chart_get_n_posts (SdOrgChart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);

  return chart->n_posts;
}

guint
sd_org_chart_get_n_boxes (SdOrgChart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);

  return chart->boxes->len;
}

gboolean
sd_org_chart_get_box (SdOrgChart    *chart,
                      guint          index,
                      SdOrgChartBox *out)
{
  Box *box;

  g_return_val_if_fail (chart != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (index >= chart->boxes->len)
    return FALSE;

  box = chart_box (chart, index);
  out->kind = box->kind;
  out->type = box->type;
  out->id = box->id;
  out->x = box->x;
  out->y = box->y;
  out->width = box->width;
  out->height = box->height;
  out->container = box->container;
  out->labels = (const cairo_rectangle_t *) box->rects->data;
  out->n_labels = box->rects->len;
  return TRUE;
}

int
sd_org_chart_find_box (SdOrgChart *chart,
                       GType       type,
                       gint64      id)
{
  g_return_val_if_fail (chart != NULL, -1);

  for (guint i = 0; i < chart->boxes->len; i++)
    {
      Box *box = chart_box (chart, i);

      if (box->type == type && box->id == id)
        return (int) i;
    }
  return -1;
}

guint
sd_org_chart_get_n_connectors (SdOrgChart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);

  return chart->connectors->len;
}

gboolean
sd_org_chart_get_connector (SdOrgChart          *chart,
                            guint                index,
                            SdOrgChartConnector *connector)
{
  g_return_val_if_fail (chart != NULL, FALSE);
  g_return_val_if_fail (connector != NULL, FALSE);

  if (index >= chart->connectors->len)
    return FALSE;

  *connector = g_array_index (chart->connectors, SdOrgChartConnector, index);
  return TRUE;
}

/**
 * sd_org_chart_lookup:
 * @chart: the chart
 * @x: a point in chart units
 * @y: a point in chart units
 *
 * Which box is at a point: a post box rather than the panel around it.
 *
 * Returns: the index of the box, or -1
 */
int
sd_org_chart_lookup (SdOrgChart *chart,
                     double      x,
                     double      y)
{
  g_return_val_if_fail (chart != NULL, -1);

  /* Boxes inside a panel come after it, so the last hit is the innermost. */
  for (guint i = chart->boxes->len; i > 0; i--)
    {
      Box *box = chart_box (chart, i - 1);

      if (x >= box->x && x < box->x + box->width && y >= box->y && y < box->y + box->height)
        return (int) i - 1;
    }
  return -1;
}

const char *
sd_org_chart_get_box_tooltip (SdOrgChart *chart,
                              guint       index)
{
  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (index < chart->boxes->len, NULL);

  return chart_box (chart, index)->tooltip;
}

char *
sd_org_chart_dup_outline (SdOrgChart *chart)
{
  GString *outline = g_string_new (NULL);

  g_return_val_if_fail (chart != NULL, NULL);

  if (chart->empty_layout != NULL)
    g_string_append (outline, pango_layout_get_text (chart->empty_layout));

  /* The texts of each box, as drawn, one box a line. */
  for (guint i = 0; i < chart->boxes->len; i++)
    {
      Box *box = chart_box (chart, i);

      if (outline->len > 0)
        g_string_append_c (outline, '\n');
      for (guint j = 0; j < box->labels->len; j++)
        {
          if (j > 0)
            g_string_append (outline, "; ");
          g_string_append (outline,
                           pango_layout_get_text (g_array_index (box->labels, Label, j).layout));
        }
    }
  return g_string_free (outline, FALSE);
}

/* Drawing. */

static void
set_source_color (cairo_t       *cr,
                  const SdColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
rounded_rect_path (cairo_t *cr,
                   double   x,
                   double   y,
                   double   w,
                   double   h,
                   double   radius)
{
  radius = MIN (radius, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_box (cairo_t               *cr,
          Box                   *box,
          const SdOrgChartStyle *style)
{
  /* Whole units plus a half keep the 1-px border crisp on screen. */
  double x = floor (box->x) + 0.5, y = floor (box->y) + 0.5;
  double w = round (box->width) - 1, h = round (box->height) - 1;

  rounded_rect_path (cr, x, y, w, h, BOX_RADIUS);
  set_source_color (cr, box->kind == SD_ORG_CHART_BOX_POSTS ? &style->panel_fill
                                                            : &style->box_fill);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.0);
  set_source_color (cr, &style->box_border);
  cairo_stroke (cr);

  if (box->kind == SD_ORG_CHART_BOX_BODY)
    {
      /* The band on top: the box's shape, cut at the band's height, over
       * the border so that the top edge is all accent. */
      cairo_save (cr);
      rounded_rect_path (cr, x - 0.5, y - 0.5, w + 1, h + 1, BOX_RADIUS + 0.5);
      cairo_clip (cr);
      cairo_rectangle (cr, box->x, box->y, box->width, ACCENT_BAND);
      set_source_color (cr, &style->accent);
      cairo_fill (cr);
      cairo_restore (cr);
    }

  if (box->rule_y > 0)
    {
      double rule = floor (box->y + box->rule_y) + 0.5;

      cairo_move_to (cr, box->x + BOX_PADDING, rule);
      cairo_line_to (cr, box->x + box->width - BOX_PADDING, rule);
      set_source_color (cr, &style->box_border);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < box->labels->len; i++)
    {
      Label *label = &g_array_index (box->labels, Label, i);

      set_source_color (cr, label->role == TEXT_DIM ? &style->dim : &style->foreground);
      cairo_move_to (cr, label->x, label->y);
      pango_cairo_show_layout (cr, label->layout);
    }
}

/**
 * sd_org_chart_draw:
 * @chart: the chart
 * @cr: where to draw, with (0, 0) the chart's top-left corner
 * @style: how
 *
 * Draws the chart in chart units; scale @cr to zoom.
 */
void
sd_org_chart_draw (SdOrgChart            *chart,
                   cairo_t               *cr,
                   const SdOrgChartStyle *style)
{
  g_return_if_fail (chart != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  cairo_save (cr);

  if (style->background.alpha > 0)
    {
      set_source_color (cr, &style->background);
      cairo_rectangle (cr, 0, 0, chart->width, chart->height);
      cairo_fill (cr);
    }

  if (chart->empty_layout != NULL)
    {
      PangoRectangle logical;

      pango_layout_get_extents (chart->empty_layout, NULL, &logical);
      set_source_color (cr, &style->dim);
      cairo_move_to (cr, CHART_MARGIN,
                     (chart->height - (double) logical.height / PANGO_SCALE) / 2);
      pango_cairo_show_layout (cr, chart->empty_layout);
    }

  /* The connectors first, as one path, so that where they share a line
   * nothing is drawn twice, and the boxes cover their ends. */
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  for (guint i = 0; i < chart->connectors->len; i++)
    {
      SdOrgChartConnector *c = &g_array_index (chart->connectors, SdOrgChartConnector, i);

      cairo_move_to (cr, c->x0, c->y0);
      cairo_line_to (cr, c->x0, c->bus_y);
      cairo_line_to (cr, c->x1, c->bus_y);
      cairo_line_to (cr, c->x1, c->y1);
    }
  set_source_color (cr, &style->line);
  cairo_stroke (cr);

  for (guint i = 0; i < chart->boxes->len; i++)
    draw_box (cr, chart_box (chart, i), style);

  cairo_restore (cr);
}

/* Pages and files. */

/* The title line of a page: the title on the left, the date on the right;
 * returns its height, the gap under it included. */
static double
draw_title (SdOrgChart *chart,
            cairo_t    *cr,
            double      width,
            gboolean    draw)
{
  const SdOrgChartStyle *style;
  SdOrgChartStyle light;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *title = NULL;
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autoptr(PangoLayout) date_layout = NULL;
  PangoRectangle title_rect, date_rect;
  double height;

  if (chart->company != NULL && *chart->company != '\0')
    /* Translators: title of the printed org chart; %s is the company, as in
     * "Security organisation — 示例集团有限公司"; 网络安全组织机构图 — %s */
    title = g_strdup_printf (_("Security organisation — %s"), chart->company);
  else
    /* Translators: title of the printed org chart of an unnamed company */
    title = g_strdup (_("Security organisation"));

  date_layout = make_layout (chart, date, FALSE, PAGE_DATE_SIZE, PANGO_WEIGHT_NORMAL, -1);
  pango_layout_get_extents (date_layout, NULL, &date_rect);
  title_layout = make_layout (chart, title, FALSE, PAGE_TITLE_SIZE, PANGO_WEIGHT_BOLD,
                              MAX (width - (double) date_rect.width / PANGO_SCALE - 24, 1));
  pango_layout_set_ellipsize (title_layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_extents (title_layout, NULL, &title_rect);

  height = (double) title_rect.height / PANGO_SCALE;
  if (!draw)
    return height + PAGE_TITLE_GAP;

  sd_org_chart_style_default (&light, FALSE);
  style = &light;

  set_source_color (cr, &style->foreground);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, title_layout);

  /* The date on the title's baseline. */
  set_source_color (cr, &style->dim);
  cairo_move_to (cr, width - (double) date_rect.width / PANGO_SCALE,
                 (double) (pango_layout_get_baseline (title_layout)
                           - pango_layout_get_baseline (date_layout)) / PANGO_SCALE);
  pango_cairo_show_layout (cr, date_layout);

  cairo_set_line_width (cr, 0.75);
  set_source_color (cr, &style->box_border);
  cairo_move_to (cr, 0, height + PAGE_TITLE_GAP / 2);
  cairo_line_to (cr, width, height + PAGE_TITLE_GAP / 2);
  cairo_stroke (cr);

  return height + PAGE_TITLE_GAP;
}

/* The title and the chart, scaled to fit (0, 0, @width, @height), centred
 * across and at the top. */
static void
draw_sheet (SdOrgChart *chart,
            cairo_t    *cr,
            double      width,
            double      height)
{
  SdOrgChartStyle style;
  double band, scale;

  cairo_save (cr);
  band = draw_title (chart, cr, width, TRUE);

  scale = MIN (width / chart->width, (height - band) / chart->height);
  scale = MIN (scale, PAGE_MAX_SCALE);
  if (scale > 0)
    {
      sd_org_chart_style_default (&style, FALSE);
      style.background.alpha = 0;

      cairo_translate (cr, (width - chart->width * scale) / 2, band);
      cairo_scale (cr, scale, scale);
      sd_org_chart_draw (chart, cr, &style);
    }
  cairo_restore (cr);
}

/**
 * sd_org_chart_draw_page:
 * @store: the data
 * @cr: where to draw
 * @width: width of the area, in the units of @cr (points on paper)
 * @height: height of the area
 *
 * Lays out @store's chart for paper and draws it, under a title line,
 * scaled to fit the area (never enlarged beyond 125 %): what the print
 * dialog prints and what the PDF and SVG exports contain.
 */
void
sd_org_chart_draw_page (SdStore *store,
                        cairo_t *cr,
                        double   width,
                        double   height)
{
  PangoContext *context;
  SdOrgChart *chart;

  g_return_if_fail (SD_IS_STORE (store));
  g_return_if_fail (cr != NULL);

  if (!(width > 0) || !(height > 0))
    return;

  context = sd_org_chart_create_pango_context ();
  chart = sd_org_chart_new (store, context);
  g_object_unref (context);
  draw_sheet (chart, cr, width, height);
  sd_org_chart_free (chart);
}

typedef struct
{
  GOutputStream *stream;
  GError        *error;
} WriteClosure;

static cairo_status_t
write_cb (void                *data,
          const unsigned char *buffer,
          unsigned int         length)
{
  WriteClosure *closure = data;

  if (closure->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (closure->stream, buffer, length, NULL, NULL,
                                  &closure->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

typedef enum
{
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
} Format;

static gboolean
format_from_path (const char *path,
                  Format     *format)
{
  const char *dot = strrchr (path, '.');

  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return FALSE;
  if (g_ascii_strcasecmp (dot, ".png") == 0)
    *format = FORMAT_PNG;
  else if (g_ascii_strcasecmp (dot, ".svg") == 0)
    *format = FORMAT_SVG;
  else if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    *format = FORMAT_PDF;
  else
    return FALSE;
  return TRUE;
}

/* Draws the chart into a surface that writes to @closure. */
static cairo_status_t
render_to_stream (SdOrgChart   *chart,
                  Format        format,
                  WriteClosure *closure)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (format == FORMAT_PNG)
    {
      double band, sheet_width, sheet_height, scale;

      /* The sheet is the chart at its natural size under its title; the
       * pixels are twice as many, unless that makes a huge image. */
      band = draw_title (chart, NULL, chart->width, FALSE);
      sheet_width = chart->width + 2 * PNG_MARGIN;
      sheet_height = chart->height + band + 2 * PNG_MARGIN;
      scale = MIN (PNG_SCALE, PNG_MAX_PIXELS / MAX (sheet_width, sheet_height));

      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                            (int) ceil (sheet_width * scale),
                                            (int) ceil (sheet_height * scale));
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, scale, scale);
      cairo_translate (cr, PNG_MARGIN, PNG_MARGIN);
      draw_sheet (chart, cr, chart->width, chart->height + band);
      status = cairo_status (cr);
      cairo_destroy (cr);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream (surface, write_cb, closure);
      cairo_surface_destroy (surface);
      return status;
    }

  if (format == FORMAT_PDF)
    {
      surface = cairo_pdf_surface_create_for_stream (write_cb, closure, A4_LONG_PT, A4_SHORT_PT);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                      /* Translators: the title of an exported PDF file */
                                      _("Security organisation chart"));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Security Duties");
    }
  else
    {
      surface = cairo_svg_surface_create_for_stream (write_cb, closure, A4_LONG_PT, A4_SHORT_PT);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
    }

  cr = cairo_create (surface);
  if (format == FORMAT_SVG)
    {
      /* An SVG has no paper; without this it shows through to whatever a
       * viewer puts behind it, often dark. */
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
    }
  cairo_translate (cr, PDF_MARGIN_PT, PDF_MARGIN_PT);
  draw_sheet (chart, cr, A4_LONG_PT - 2 * PDF_MARGIN_PT, A4_SHORT_PT - 2 * PDF_MARGIN_PT);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return status;
}

/**
 * sd_org_chart_export:
 * @store: the data
 * @path: the file to write: *.png, *.svg or *.pdf, in any case
 * @error: return location for an error
 *
 * Writes the chart. PDF and SVG get one A4 landscape page with a title
 * line, the chart scaled to fit; PNG gets the chart at twice its natural
 * size (for a crisp picture in a document or on a projector), on white.
 * The file is replaced only once it has been written in full.
 *
 * Returns: %TRUE on success
 */
gboolean
sd_org_chart_export (SdStore     *store,
                     const char  *path,
                     GError     **error)
{
  PangoContext *context;
  g_autoptr(SdOrgChart) chart = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abort = NULL;
  WriteClosure closure = { NULL, NULL };
  cairo_status_t status;
  Format format;

  g_return_val_if_fail (SD_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!format_from_path (path, &format))
    {
      g_autofree char *name = g_filename_display_basename (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is a file name */
                   _("Cannot export the organisation chart as “%s”: "
                     "the file name must end in .png, .svg or .pdf"),
                   name);
      return FALSE;
    }

  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;

  context = sd_org_chart_create_pango_context ();
  chart = sd_org_chart_new (store, context);
  g_object_unref (context);

  closure.stream = G_OUTPUT_STREAM (stream);
  status = render_to_stream (chart, format, &closure);

  if (status != CAIRO_STATUS_SUCCESS || closure.error != NULL)
    {
      /* Closing with a cancelled cancellable drops the half-written file
       * and leaves any earlier one as it was. */
      abort = g_cancellable_new ();
      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abort, NULL);

      if (closure.error != NULL)
        g_propagate_error (error, closure.error);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     /* Translators: %s is the reason, from the drawing library */
                     _("Could not draw the organisation chart: %s"),
                     cairo_status_to_string (status));
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}
