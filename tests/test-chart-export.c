/* test-chart-export.c — PNG, SVG, PDF and CSV files read back; atomic writes; `anneal-cli render`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "anneal-chart-private.h"

static char *tmpdir;

static AnnealSchedule *
parse (const char *spec)
{
  g_autoptr(GError) error = NULL;
  AnnealSchedule *s = anneal_schedule_parse (spec, NULL, &error);

  g_assert_no_error (error);
  return s;
}

static AnnealChart *
notebook_chart (void)
{
  static const char *specs[] = { "cosine-wave()", "damped-cosine-wave()" };
  AnnealChart *chart = anneal_chart_new ();

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(AnnealSchedule) s = parse (specs[i]);

      anneal_chart_add_series (chart, s, specs[i]);
    }
  anneal_chart_set_title (chart, "Standard vs damped");
  return chart;
}

static char *
path_in_tmp (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Names in @dir, sorted, joined by spaces */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return g_strdup ("(missing)");
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
fresh_dir (const char *name)
{
  char *dir = path_in_tmp (name);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return dir;
}

/* PNG -------------------------------------------------------------------- */

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Bitwise CRC-32 (ISO 3309), independent of the table the renderer uses */
static guint32
crc32_slow (const guint8 *p,
            gsize         n)
{
  guint32 crc = 0xFFFFFFFFu;

  for (gsize i = 0; i < n; i++)
    {
      crc ^= p[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
    }
  return ~crc;
}

typedef struct
{
  guint32    width;
  guint32    height;
  guint8     color_type;  /* 2 RGB, 6 RGBA */
  guint32    ppm;         /* pixels per metre, from pHYs */
  GPtrArray *texts;  /* "key=value" */
} PngInfo;

static void
png_info_clear (PngInfo *info)
{
  g_clear_pointer (&info->texts, g_ptr_array_unref);
}

/* Walks every chunk, checks its CRC, IHDR first and IEND last */
static void
read_png (const guint8 *data,
          gsize         len,
          PngInfo      *info)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  gsize pos = 8;
  gboolean seen_iend = FALSE;

  memset (info, 0, sizeof *info);
  info->texts = g_ptr_array_new_with_free_func (g_free);
  g_assert_cmpuint (len, >, 8 + 25);
  g_assert_cmpmem (data, 8, signature, 8);

  while (pos < len)
    {
      guint32 n;

      g_assert_false (seen_iend);
      g_assert_cmpuint (pos + 12, <=, len);
      n = be32 (data + pos);
      g_assert_cmpuint (pos + 12 + n, <=, len);
      g_assert_cmphex (be32 (data + pos + 8 + n), ==, crc32_slow (data + pos + 4, n + 4));

      if (pos == 8)
        {
          g_assert_cmpmem (data + pos + 4, 4, "IHDR", 4);
          info->width = be32 (data + pos + 8);
          info->height = be32 (data + pos + 12);
          info->color_type = data[pos + 8 + 9];
        }
      if (memcmp (data + pos + 4, "pHYs", 4) == 0)
        info->ppm = be32 (data + pos + 8);
      if (memcmp (data + pos + 4, "tEXt", 4) == 0)
        {
          const char *key = (const char *) data + pos + 8;
          gsize klen = strnlen (key, n);

          g_assert_cmpuint (klen, <, n);
          g_ptr_array_add (info->texts, g_strdup_printf ("%s=%.*s", key, (int) (n - klen - 1),
                                                         key + klen + 1));
        }
      if (memcmp (data + pos + 4, "IEND", 4) == 0)
        seen_iend = TRUE;
      pos += 12 + n;
    }
  g_assert_true (seen_iend);
  g_assert_cmpuint (pos, ==, len);
}

static gboolean
has_text (PngInfo    *info,
          const char *key_value)
{
  for (guint i = 0; i < info->texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (info->texts, i), key_value) == 0)
      return TRUE;
  return FALSE;
}

static void
test_png (void)
{
  g_autoptr(AnnealChart) chart = notebook_chart ();
  g_autofree char *path = path_in_tmp ("figure.png");
  g_autoptr(GError) error = NULL;

  for (double scale = 1; scale <= 2; scale++)
    {
      g_autofree char *contents = NULL;
      gsize len;
      PngInfo info;

      g_assert_true (anneal_chart_export (chart, path, ANNEAL_CHART_FORMAT_PNG, 320, 200, scale,
                                          &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      read_png ((const guint8 *) contents, len, &info);
      g_assert_cmpuint (info.width, ==, 320 * scale);
      g_assert_cmpuint (info.height, ==, 200 * scale);
      g_assert_cmpuint (info.color_type, ==, 2);  /* opaque: RGB */
      /* 96 dpi per logical pixel, so that viewers show a 2× PNG at its logical size */
      g_assert_cmpuint (info.ppm, ==, (guint32) (96 * scale / 0.0254 + 0.5));
      g_assert_true (has_text (&info, "Anneal:spec=cosine-wave()") ||
                     has_text (&info, "Anneal:spec=cosine-wave(lr_start=0.1, lr_end=0.001, "
                                      "period=10)"));
      for (guint i = 0; i < 2; i++)
        {
          g_autofree char *spec = anneal_schedule_to_string (
            anneal_chart_get_series_schedule (chart, i));
          g_autofree char *kv = g_strconcat ("Anneal:spec=", spec, NULL);

          g_assert_true (has_text (&info, kv));
        }
      g_assert_true (has_text (&info, "Title=Standard vs damped"));
      g_assert_true (has_text (&info, "Software=Anneal " PACKAGE_VERSION));
      png_info_clear (&info);

      /* cairo (libpng) reads it back at the same size */
      {
        cairo_surface_t *back = cairo_image_surface_create_from_png (path);

        g_assert_cmpint (cairo_surface_status (back), ==, CAIRO_STATUS_SUCCESS);
        g_assert_cmpint (cairo_image_surface_get_width (back), ==, 320 * scale);
        cairo_surface_destroy (back);
      }
    }

  /* A transparent figure keeps its alpha */
  {
    g_autofree char *contents = NULL;
    gsize len;
    PngInfo info;

    anneal_chart_set_theme (chart, ANNEAL_CHART_THEME_TRANSPARENT);
    g_assert_true (anneal_chart_export (chart, path, ANNEAL_CHART_FORMAT_PNG, 320, 200, 1,
                                        &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
    read_png ((const guint8 *) contents, len, &info);
    g_assert_cmpuint (info.color_type, ==, 6);
    png_info_clear (&info);
    anneal_chart_set_theme (chart, ANNEAL_CHART_THEME_LIGHT);
  }

  /* The clipboard bytes are the same kind of PNG */
  {
    g_autoptr(GBytes) bytes = anneal_chart_render_png (chart, 100, 80, 1.5, &error);
    PngInfo info;

    g_assert_no_error (error);
    read_png (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &info);
    g_assert_cmpuint (info.width, ==, 150);
    g_assert_cmpuint (info.height, ==, 120);
    png_info_clear (&info);
  }
}

/* SVG -------------------------------------------------------------------- */

typedef struct
{
  int       depth;
  gboolean  root_is_svg;
  gboolean  in_title;
  GString  *title;
  guint     paths;
} SvgState;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              data,
           GError              **error)
{
  SvgState *st = data;

  if (st->depth == 0)
    st->root_is_svg = g_strcmp0 (element, "svg") == 0;
  if (st->depth == 1 && g_strcmp0 (element, "title") == 0)
    st->in_title = TRUE;
  if (g_strcmp0 (element, "path") == 0)
    st->paths++;
  st->depth++;
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              data,
         GError              **error)
{
  SvgState *st = data;

  st->depth--;
  st->in_title = FALSE;
}

static void
svg_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 len,
          gpointer              data,
          GError              **error)
{
  SvgState *st = data;

  if (st->in_title)
    g_string_append_len (st->title, text, (gssize) len);
}

static void
test_svg (void)
{
  g_autoptr(AnnealChart) chart = notebook_chart ();
  g_autofree char *path = path_in_tmp ("figure.svg");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  static const GMarkupParser parser = { svg_start, svg_end, svg_text, NULL, NULL };
  SvgState st = { 0, };
  GMarkupParseContext *ctx;
  gsize len;

  /* Characters XML cannot hold, even as &#x1b;: written out as text */
  {
    g_autofree char *svg = NULL;
    const char *title;

    anneal_chart_set_title (chart, "a\x1b[31mb\x01" "c\fd \xef\xbf\xbe \xc2\x9b");
    g_assert_true (anneal_chart_export (chart, path, ANNEAL_CHART_FORMAT_SVG, 640, 400, 1,
                                        &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
    st.title = g_string_new (NULL);
    ctx = g_markup_parse_context_new (&parser, 0, &st, NULL);
    g_assert_true (g_markup_parse_context_parse (ctx, strstr (svg, "<svg"), -1, &error));
    g_assert_no_error (error);
    g_markup_parse_context_free (ctx);
    title = st.title->str;
    g_assert_cmpstr (title, ==, "a\\x1b[31mb\\x01c\\x0cd \\uFFFE \\u009B");
    g_string_free (st.title, TRUE);
    memset (&st, 0, sizeof st);
  }

  anneal_chart_set_title (chart, "Standard & damped <cosine>");
  g_assert_true (anneal_chart_export (chart, path, ANNEAL_CHART_FORMAT_SVG, 640, 400, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));

  /* Skip the XML declaration, which GMarkup does not take */
  st.title = g_string_new (NULL);
  ctx = g_markup_parse_context_new (&parser, 0, &st, NULL);
  {
    const char *start = strstr (contents, "<svg");

    g_assert_nonnull (start);
    g_assert_true (g_markup_parse_context_parse (ctx, start, -1, &error));
    g_assert_no_error (error);
    g_assert_true (g_markup_parse_context_end_parse (ctx, &error));
    g_assert_no_error (error);
  }
  g_markup_parse_context_free (ctx);
  g_assert_true (st.root_is_svg);
  g_assert_cmpstr (st.title->str, ==, "Standard & damped <cosine>");
  g_assert_cmpuint (st.paths, >, 10);
  g_string_free (st.title, TRUE);
  g_assert_nonnull (strstr (contents, "width=\"640px\""));

  if (xmllint != NULL)
    {
      const char *argv[] = { xmllint, "--noout", path, NULL };
      int status;
      g_autofree char *err = NULL;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   NULL, &err, &status, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (err, ==, "");
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  else
    g_test_message ("xmllint not found: parsed with GMarkup only");
}

/* PDF -------------------------------------------------------------------- */

static void
test_pdf (void)
{
  g_autoptr(AnnealChart) chart = notebook_chart ();
  g_autofree char *path = path_in_tmp ("figure.pdf");
  g_autofree char *contents = NULL;
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autoptr(GError) error = NULL;

  anneal_chart_set_log_y (chart, TRUE);
  g_assert_true (anneal_chart_export (chart, path, ANNEAL_CHART_FORMAT_PDF, 640, 400, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  if (pdfinfo == NULL)
    {
      g_test_skip ("pdfinfo (poppler-utils) not found");
      return;
    }
  {
    const char *argv[] = { pdfinfo, path, NULL };
    g_autofree char *out = NULL;
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                                 NULL, &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "Title:           Standard vs damped\n"));
    g_assert_nonnull (strstr (out, "Creator:         Anneal " PACKAGE_VERSION "\n"));
    g_assert_nonnull (strstr (out, "Pages:           1\n"));
    g_assert_nonnull (strstr (out, "Page size:       640 x 400 pts"));
  }
}

/* Noncharacters (U+FFFF, U+FDD0, U+10FFFE: valid UTF-8) in the title and a label:
 * cairo's PDF surface refused the figure ("input string not valid UTF-8"). They are
 * drawn as U+FFFD and written into the metadata as the CLI echoes them; PNG and SVG
 * draw them alike. */
static void
test_noncharacters (void)
{
  static const AnnealChartFormat formats[] = {
    ANNEAL_CHART_FORMAT_PDF, ANNEAL_CHART_FORMAT_SVG, ANNEAL_CHART_FORMAT_PNG,
  };
  g_autoptr(AnnealChart) chart = notebook_chart ();
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");

  anneal_chart_set_title (chart, "Run \uFFFF \uFDD0 \U0010FFFE ok");
  anneal_chart_set_series_label (chart, 0, "a\uFFFEb");
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("nonchar-%u", i);
      g_autofree char *path = path_in_tmp (name);
      g_autoptr(GError) error = NULL;

      g_assert_true (anneal_chart_export (chart, path, formats[i], 640, 400, 1, &error));
      g_assert_no_error (error);
      if (formats[i] == ANNEAL_CHART_FORMAT_PDF && pdfinfo != NULL)
        {
          const char *argv[] = { pdfinfo, path, NULL };
          g_autofree char *out = NULL;
          int status;

          g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                                       NULL, NULL, &out, NULL, &status, &error));
          g_assert_no_error (error);
          g_assert_nonnull (strstr (out, "Title:           Run \\uFFFF \\uFDD0 \\U0010FFFE ok\n"));
        }
    }
  g_assert_true (anneal_chart_is_noncharacter (0xFFFE));
  g_assert_true (anneal_chart_is_noncharacter (0x1FFFF));
  g_assert_true (anneal_chart_is_noncharacter (0xFDEF));
  g_assert_false (anneal_chart_is_noncharacter (0xFDF0));
  g_assert_false (anneal_chart_is_noncharacter (0xFFFD));
  g_assert_false (anneal_chart_has_noncharacter ("plain \u00E9\uFFFD\U0001F600"));
}

/* CSV -------------------------------------------------------------------- */

/* Splits one CSV record (RFC 4180) */
static GPtrArray *
csv_record (const char **p)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);

  for (;;)
    {
      if (**p == '"')
        {
          (*p)++;
          for (;;)
            {
              g_assert_true (**p != '\0');
              if (**p == '"' && (*p)[1] == '"')
                {
                  g_string_append_c (field, '"');
                  *p += 2;
                }
              else if (**p == '"')
                {
                  (*p)++;
                  break;
                }
              else
                g_string_append_c (field, *(*p)++);
            }
        }
      else
        while (**p != ',' && **p != '\n' && **p != '\0')
          g_string_append_c (field, *(*p)++);

      g_ptr_array_add (fields, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (**p == ',')
        {
          (*p)++;
          continue;
        }
      if (**p == '\n')
        (*p)++;
      break;
    }
  g_string_free (field, TRUE);
  return fields;
}

static void
test_csv (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  g_autofree char *path = path_in_tmp ("values.csv");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealSchedule) a = parse ("damped-exp-cycles(a=2.5, keep=1/3)");
  g_autoptr(AnnealSchedule) b = parse ("sgdr(lr=0.1, t_0=7, t_mult=2)");
  g_autoptr(AnnealSchedule) hidden = parse ("constant()");
  const char *p;
  gint64 t = 100;

  anneal_chart_add_series (chart, a, "damped, \"Zeno\"");
  anneal_chart_add_series (chart, hidden, "hidden");
  anneal_chart_add_series (chart, b, "sgdr");
  anneal_chart_set_series_visible (chart, 1, FALSE);
  anneal_chart_set_epochs (chart, 1000);
  anneal_chart_set_view (chart, 99.5, 700.2, 0, 1);  /* epochs 100 … 700 */

  g_assert_true (anneal_chart_export (chart, path, ANNEAL_CHART_FORMAT_CSV, 0, 0, 0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "epoch,\"damped, \"\"Zeno\"\"\",sgdr\n"));

  p = contents;
  g_ptr_array_unref (csv_record (&p));
  while (*p != '\0')
    {
      g_autoptr(GPtrArray) f = csv_record (&p);
      double va, vb;

      g_assert_cmpuint (f->len, ==, 3);
      g_assert_cmpint (g_ascii_strtoll (g_ptr_array_index (f, 0), NULL, 10), ==, t);
      va = g_ascii_strtod (g_ptr_array_index (f, 1), NULL);
      vb = g_ascii_strtod (g_ptr_array_index (f, 2), NULL);
      /* bit for bit */
      g_assert_true (va == anneal_schedule_value (a, t));
      g_assert_true (vb == anneal_schedule_value (b, t));
      t++;
    }
  g_assert_cmpint (t, ==, 701);
}

/* Atomic writes ---------------------------------------------------------- */

static void
test_atomic_missing_folder (void)
{
  g_autoptr(AnnealChart) chart = notebook_chart ();
  g_autofree char *dir = path_in_tmp ("no-such-folder");
  g_autofree char *path = g_build_filename (dir, "figure.png", NULL);
  g_autoptr(GError) error = NULL;

  for (AnnealChartFormat f = ANNEAL_CHART_FORMAT_PNG; f <= ANNEAL_CHART_FORMAT_CSV; f++)
    {
      g_assert_false (anneal_chart_export (chart, path, f, 320, 200, 1, &error));
      g_assert_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, path));
      g_clear_error (&error);
      g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
    }
}

static void
test_atomic_keeps_old_file (void)
{
  g_autoptr(AnnealChart) chart = notebook_chart ();
  g_autofree char *dir = fresh_dir ("keep");
  g_autofree char *path = g_build_filename (dir, "values.csv", NULL);
  g_autofree char *png = g_build_filename (dir, "figure.png", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit old, small;
  void (*old_handler) (int);

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (g_file_set_contents (png, "old png", -1, NULL));

  /* A refused size leaves the file alone */
  g_assert_false (anneal_chart_export (chart, png, ANNEAL_CHART_FORMAT_PNG, 10, 200, 1, &error));
  g_assert_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_SIZE);
  g_clear_error (&error);

  /* A write that fails half way (the file size limit, even for root) leaves the
   * old file intact and no temporary file behind */
  anneal_chart_set_epochs (chart, 1000000);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old), ==, 0);
  small = old;
  small.rlim_cur = 8 * 1024;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  g_assert_false (anneal_chart_export (chart, path, ANNEAL_CHART_FORMAT_CSV, 0, 0, 1, &error));
  g_assert_false (anneal_chart_export (chart, png, ANNEAL_CHART_FORMAT_PNG, 4000, 3000, 1,
                                       error ? NULL : &error));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old), ==, 0);
  signal (SIGXFSZ, old_handler);
  g_assert_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (png, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old png");
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "figure.png values.csv");

  /* and a good export then replaces it, keeping its permissions */
  g_assert_cmpint (g_chmod (png, 0640), ==, 0);
  g_assert_true (anneal_chart_export (chart, png, ANNEAL_CHART_FORMAT_PNG, 320, 200, 1, &error));
  g_assert_no_error (error);
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (png, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0640);
    g_assert_cmpint (st.st_size, >, 1000);
  }
  g_clear_pointer (&listing, g_free);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "figure.png values.csv");
}

static void
test_sizes_refused (void)
{
  g_autoptr(AnnealChart) chart = notebook_chart ();
  g_autofree char *dir = fresh_dir ("sizes");
  g_autofree char *path = g_build_filename (dir, "f.png", NULL);
  g_autofree char *listing = NULL;
  static const struct { int w, h; double scale; } bad[] = {
    { 15, 200, 1 }, { 200, 15, 1 }, { 16385, 200, 1 }, { 200, 200, 0.2 }, { 200, 200, 8.5 },
    { 200, 200, NAN }, { 16384, 16384, 1 },  /* 2^28 pixels */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (anneal_chart_export (chart, path, ANNEAL_CHART_FORMAT_PNG,
                                           bad[i].w, bad[i].h, bad[i].scale, &error));
      g_assert_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_SIZE);
      g_assert_null (anneal_chart_render_png (chart, bad[i].w, bad[i].h, bad[i].scale, NULL));
    }
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "");
}

static void
test_format_from_path (void)
{
  static const struct { const char *path; AnnealChartFormat format; } good[] = {
    { "a.png", ANNEAL_CHART_FORMAT_PNG }, { "dir.x/B.PNG", ANNEAL_CHART_FORMAT_PNG },
    { "c.svg", ANNEAL_CHART_FORMAT_SVG }, { "/tmp/d.pdf", ANNEAL_CHART_FORMAT_PDF },
    { "e.tar.csv", ANNEAL_CHART_FORMAT_CSV },
  };
  static const char *bad[] = { "a.txt", "png", ".png", "dir.png/", "a.png.gz", "" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      AnnealChartFormat f = -1;

      g_assert_true (anneal_chart_format_from_path (good[i].path, &f, NULL));
      g_assert_cmpint (f, ==, good[i].format);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (anneal_chart_format_from_path (bad[i], NULL, &error));
      g_assert_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_FORMAT);
    }
  g_assert_cmpstr (anneal_chart_format_get_extension (ANNEAL_CHART_FORMAT_SVG), ==, "svg");
}

/* anneal-cli render ------------------------------------------------------ */

static int
run_cli (char       **out,
         char       **err,
         const char  *first,
         ...)
{
  const char *cli = g_getenv ("ANNEAL_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list ap;
  int status;

  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "render");
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static gboolean
have_cli (void)
{
  const char *cli = g_getenv ("ANNEAL_CLI");

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("ANNEAL_CLI is not set to the anneal-cli program");
      return FALSE;
    }
  return TRUE;
}

static void
test_cli_render (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *png = NULL, *svg = NULL, *pdf = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  gsize len;
  PngInfo info;

  if (!have_cli ())
    return;
  dir = fresh_dir ("cli");
  png = g_build_filename (dir, "cmp.png", NULL);
  svg = g_build_filename (dir, "cmp.svg", NULL);
  pdf = g_build_filename (dir, "cmp.pdf", NULL);

  g_assert_cmpint (run_cli (&out, &err, "-n", "50", "-o", png, "--size", "400x300",
                            "--scale", "2", "--title", "cmp", "--log-y", "--theme", "dark",
                            "cosine-wave()", "damped-cosine-wave()", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_get_contents (png, &contents, &len, NULL));
  read_png ((const guint8 *) contents, len, &info);
  g_assert_cmpuint (info.width, ==, 800);
  g_assert_cmpuint (info.height, ==, 600);
  g_assert_true (has_text (&info, "Title=cmp"));
  png_info_clear (&info);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (&out, &err, "-o", svg, "exp-cycles()", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, &err, "-n", "1000000000", "-o", pdf, "damped-exp-cycles()",
                            NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_true (g_file_test (svg, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "cmp.pdf cmp.png cmp.svg");
}

static void
test_cli_render_refused (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *png = NULL, *txt = NULL, *missing = NULL;
  g_autofree char *listing = NULL;
  const char *bad_options[][4] = {
    { "--size", "10x10", NULL },
    { "--size", "800", NULL },
    { "--scale", "0", NULL },
    { "--scale", "two", NULL },
    { "--scale", "0x2", NULL },  /* decimal only, as in specs */
    { "--theme", "blue", NULL },
    { "-n", "0", NULL },
    { "-n", "ten", NULL },
    { "--no-such-option", NULL },
  };

  if (!have_cli ())
    return;
  dir = fresh_dir ("cli-refused");
  png = g_build_filename (dir, "f.png", NULL);
  txt = g_build_filename (dir, "f.txt", NULL);
  missing = g_build_filename (dir, "missing", "f.png", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_options); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      int rc;

      if (bad_options[i][1] == NULL)
        rc = run_cli (&out, &err, bad_options[i][0], "-o", png, "cosine-wave()", NULL);
      else
        rc = run_cli (&out, &err, bad_options[i][0], bad_options[i][1], "-o", png,
                      "cosine-wave()", NULL);
      g_assert_cmpint (rc, ==, 2);
      g_assert_true (g_str_has_prefix (err, "error: "));
    }

  {
    g_autofree char *out = NULL, *err = NULL;

    /* the scale as given, whatever the locale: %g wrote 1.0000001 as "1" */
    g_assert_cmpint (run_cli (&out, &err, "--size", "16384x8192", "--scale", "1.0000001", "-o",
                              png, "cosine-wave()", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "at scale 1.0000001 has too many pixels"));
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&out, g_free);
    /* unknown extension */
    g_assert_cmpint (run_cli (&out, &err, "-o", txt, "cosine-wave()", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "f.txt"));
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&out, g_free);
    /* no -o */
    g_assert_cmpint (run_cli (&out, &err, "cosine-wave()", NULL), ==, 2);
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&out, g_free);
    /* no spec, a bad spec */
    g_assert_cmpint (run_cli (&out, &err, "-o", png, NULL), ==, 2);
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (run_cli (&out, &err, "-o", png, "cosine-wave()", "cosine-wav()", NULL),
                     ==, 2);
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&out, g_free);
    /* an unwritable destination: exit 1, no file */
    g_assert_cmpint (run_cli (&out, &err, "-o", missing, "cosine-wave()", NULL), ==, 1);
    g_assert_nonnull (strstr (err, missing));
  }
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "");
}

/* The chart's CSV and `anneal-cli eval` agree value for value */
static void
test_cli_eval_matches_csv (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  g_autoptr(AnnealSchedule) s = parse ("damped-cosine-wave(period=7)");
  g_autofree char *path = path_in_tmp ("eval.csv");
  g_autofree char *csv = NULL, *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[6];
  const char *p, *q;
  int status;

  if (!have_cli ())
    return;
  anneal_chart_add_series (chart, s, "damped-cosine-wave(period=7)");
  anneal_chart_set_epochs (chart, 300);
  g_assert_true (anneal_chart_export (chart, path, ANNEAL_CHART_FORMAT_CSV, 0, 0, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));

  argv[0] = g_getenv ("ANNEAL_CLI");
  argv[1] = "eval";
  argv[2] = "-n";
  argv[3] = "300";
  argv[4] = "damped-cosine-wave(period=7)";
  argv[5] = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("anneal-cli eval is not available");
      return;
    }

  p = csv;
  q = out;
  g_ptr_array_unref (csv_record (&p));
  g_ptr_array_unref (csv_record (&q));
  for (int row = 0; row < 300; row++)
    {
      g_autoptr(GPtrArray) a = csv_record (&p);
      g_autoptr(GPtrArray) b = csv_record (&q);

      g_assert_cmpuint (a->len, ==, 2);
      g_assert_cmpuint (b->len, ==, 2);
      g_assert_cmpstr (g_ptr_array_index (a, 0), ==, g_ptr_array_index (b, 0));
      g_assert_true (g_ascii_strtod (g_ptr_array_index (a, 1), NULL) ==
                     g_ascii_strtod (g_ptr_array_index (b, 1), NULL));
    }
  g_assert_cmpstr (p, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("anneal-chart-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/anneal/chart/export/png", test_png);
  g_test_add_func ("/anneal/chart/export/svg", test_svg);
  g_test_add_func ("/anneal/chart/export/pdf", test_pdf);
  g_test_add_func ("/anneal/chart/export/noncharacters", test_noncharacters);
  g_test_add_func ("/anneal/chart/export/csv", test_csv);
  g_test_add_func ("/anneal/chart/export/format-from-path", test_format_from_path);
  g_test_add_func ("/anneal/chart/export/sizes-refused", test_sizes_refused);
  g_test_add_func ("/anneal/chart/export/atomic-missing-folder", test_atomic_missing_folder);
  g_test_add_func ("/anneal/chart/export/atomic-keeps-old-file", test_atomic_keeps_old_file);
  g_test_add_func ("/anneal/chart/cli/render", test_cli_render);
  g_test_add_func ("/anneal/chart/cli/render-refused", test_cli_render_refused);
  g_test_add_func ("/anneal/chart/cli/eval-matches-csv", test_cli_eval_matches_csv);

  ret = g_test_run ();

  /* Leave nothing behind */
  {
    g_autofree char *rm = g_find_program_in_path ("rm");

    if (rm != NULL)
      {
        const char *rm_argv[] = { rm, "-rf", tmpdir, NULL };

        g_spawn_sync (NULL, (char **) rm_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                      NULL, NULL);
      }
  }
  g_free (tmpdir);
  return ret;
}
