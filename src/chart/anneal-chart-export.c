/* anneal-chart-export.c — PNG, SVG, PDF and CSV files of a chart, written atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "AnnealChart"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <png.h>
#include <stdlib.h>
#include <zlib.h>

#include "anneal-atomic-file.h"
#include "anneal-chart-private.h"
#include "anneal-text.h"

#define SOFTWARE "Anneal " PACKAGE_VERSION

/* Formats ---------------------------------------------------------------- */

static const struct {
  const char        *extension;
  AnnealChartFormat  format;
} formats[] = {
  { "png", ANNEAL_CHART_FORMAT_PNG },
  { "svg", ANNEAL_CHART_FORMAT_SVG },
  { "pdf", ANNEAL_CHART_FORMAT_PDF },
  { "csv", ANNEAL_CHART_FORMAT_CSV },
};

const char *
anneal_chart_format_get_extension (AnnealChartFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].extension;
  g_return_val_if_reached (NULL);
}

gboolean
anneal_chart_format_from_path (const char         *path,
                               AnnealChartFormat  *format,
                               GError            **error)
{
  g_autofree char *base = NULL;
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base && !g_str_has_suffix (path, G_DIR_SEPARATOR_S))
    {
      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        if (g_ascii_strcasecmp (dot + 1, formats[i].extension) == 0)
          {
            if (format)
              *format = formats[i].format;
            return TRUE;
          }
    }

  g_set_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_FORMAT,
               _("Unknown file type for “%s”: the name must end in .png, .svg, .pdf or .csv"),
               path);
  return FALSE;
}

gboolean
anneal_chart_export_check_size (int                width,
                                int                height,
                                double             scale,
                                AnnealChartFormat  format,
                                GError           **error)
{
  if (width < ANNEAL_CHART_MIN_SIZE || width > ANNEAL_CHART_MAX_SIZE ||
      height < ANNEAL_CHART_MIN_SIZE || height > ANNEAL_CHART_MAX_SIZE)
    {
      g_set_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_SIZE,
                   _("Figure size %d×%d is out of range: each side must be %d to %d pixels"),
                   width, height, ANNEAL_CHART_MIN_SIZE, ANNEAL_CHART_MAX_SIZE);
      return FALSE;
    }
  if (!(scale >= ANNEAL_CHART_MIN_SCALE && scale <= ANNEAL_CHART_MAX_SCALE))
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_set_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_SIZE,
                   _("Scale %s is out of range: it must be 0.25 to 8"),
                   g_ascii_dtostr (buf, sizeof buf, scale));
      return FALSE;
    }
  if (format == ANNEAL_CHART_FORMAT_PNG &&
      (gint64) ceil (width * scale) * (gint64) ceil (height * scale) > ANNEAL_CHART_MAX_PIXELS)
    {
      g_autofree char *limit = g_strdup_printf ("%" G_GINT64_FORMAT, ANNEAL_CHART_MAX_PIXELS);
      char shown[ANNEAL_FORMAT_DOUBLE_BUFSIZE];

      /* the scale as given, in the C locale: %g wrote 1.0000001 as "1" and, in German,
       * 1.5 as "1,5", which --scale does not take */
      anneal_format_double (scale, shown);
      g_set_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_SIZE,
                   _("Figure of %d×%d at scale %s has too many pixels for a PNG "
                     "(at most %s)"),
                   width, height, shown, limit);
      return FALSE;
    }
  return TRUE;
}

/* PNG ------------------------------------------------------------------- */

/* cairo 1.16 writes no text chunks and compresses slowly (every filter tried on
 * every row): the PNG is written here with libpng, with tEXt metadata, the SUB
 * filter and zlib's run-length strategy, which suit flat-coloured figures: half
 * the time of deflate at level 4 for files about twice as large (~100 kB for
 * the notebook's figure at 1920×1080). */

typedef struct
{
  GByteArray *out;
  char       *message;
} PngWriter;

static void
png_error_cb (png_structp      png,
              png_const_charp  message)
{
  PngWriter *w = png_get_error_ptr (png);

  if (w->message == NULL)
    w->message = g_strdup (message);
  png_longjmp (png, 1);
}

static void
png_warning_cb (png_structp      png,
                png_const_charp  message)
{
}

static void
png_write_cb (png_structp  png,
              png_bytep    data,
              png_size_t   length)
{
  PngWriter *w = png_get_io_ptr (png);

  g_byte_array_append (w->out, data, (guint) length);
}

static void
png_flush_cb (png_structp png)
{
}

/* Un-premultiplies one row of cairo ARGB32 into RGB or RGBA bytes */
static void
convert_row (const guint32 *src,
             guint8        *dst,
             int            width,
             gboolean       alpha)
{
  for (int x = 0; x < width; x++)
    {
      guint32 p = src[x];
      guint a = p >> 24, r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;

      if (a != 0xFF && a != 0)
        {
          r = (r * 255 + a / 2) / a;
          g = (g * 255 + a / 2) / a;
          b = (b * 255 + a / 2) / a;
        }
      *dst++ = (guint8) r;
      *dst++ = (guint8) g;
      *dst++ = (guint8) b;
      if (alpha)
        *dst++ = (guint8) a;
    }
}

static gboolean
encode_png (cairo_surface_t     *surface,
            double               scale,
            const char * const  *keys,
            const char * const  *values,
            guint                n_texts,
            GByteArray          *out,
            GError             **error)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  gboolean alpha = FALSE;
  g_autofree guint8 *row = NULL;
  g_autofree png_text *texts = g_new0 (png_text, MAX (n_texts, 1));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  PngWriter w = { out, NULL };
  png_structp png;
  png_infop info;
  guint n = 0;
  png_uint_32 ppm = (png_uint_32) (96.0 * scale / 0.0254 + 0.5);

  /* Opaque figures are written as RGB */
  for (int y = 0; y < height && !alpha; y++)
    {
      const guint32 *src = (const guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        if ((src[x] >> 24) != 0xFF)
          {
            alpha = TRUE;
            break;
          }
    }
  row = g_malloc ((gsize) width * 4);

  for (guint i = 0; i < n_texts; i++)
    {
      char *key = g_convert (keys[i], -1, "ISO-8859-1", "UTF-8", NULL, NULL, NULL);
      char *value = g_convert (values[i], -1, "ISO-8859-1", "UTF-8", NULL, NULL, NULL);

      /* tEXt is Latin-1: text that is not is left out */
      if (key == NULL || value == NULL || *key == '\0' || strlen (key) > 79)
        {
          g_free (key);
          g_free (value);
          continue;
        }
      g_ptr_array_add (strings, key);
      g_ptr_array_add (strings, value);
      texts[n].compression = PNG_TEXT_COMPRESSION_NONE;
      texts[n].key = key;
      texts[n].text = value;
      texts[n].text_length = strlen (value);
      n++;
    }

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, &w, png_error_cb, png_warning_cb);
  info = png != NULL ? png_create_info_struct (png) : NULL;
  if (png == NULL || info == NULL)
    {
      png_destroy_write_struct (&png, NULL);
      g_set_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_WRITE,
                   _("Could not render the figure: %s"), g_strerror (ENOMEM));
      return FALSE;
    }

  if (setjmp (png_jmpbuf (png)))
    {
      g_set_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_WRITE,
                   _("Could not render the figure: %s"),
                   w.message != NULL ? w.message : "libpng");
      g_free (w.message);
      png_destroy_write_struct (&png, &info);
      return FALSE;
    }

  png_set_write_fn (png, &w, png_write_cb, png_flush_cb);
  png_set_IHDR (png, info, (png_uint_32) width, (png_uint_32) height, 8,
                alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_pHYs (png, info, ppm, ppm, PNG_RESOLUTION_METER);
  if (n > 0)
    png_set_text (png, info, texts, (int) n);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
  png_set_compression_level (png, 1);
  png_set_compression_strategy (png, Z_RLE);
  png_write_info (png, info);

  for (int y = 0; y < height; y++)
    {
      convert_row ((const guint32 *) (data + (gsize) y * stride), row, width, alpha);
      png_write_row (png, row);
    }
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);
  return TRUE;
}

static gboolean
write_bytes_atomically (const char   *path,
                        GByteArray   *bytes,
                        GError      **error)
{
  return anneal_atomic_file_set_contents (path, bytes->data, bytes->len, error);
}

/* Rendering -------------------------------------------------------------- */

static cairo_status_t
append_to_bytes (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static char *
series_specs (AnnealChart *self,
              const char  *separator)
{
  g_autoptr(GPtrArray) schedules = anneal_chart_get_visible_series (self, NULL);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < schedules->len; i++)
    {
      g_autofree char *spec = anneal_schedule_to_string (g_ptr_array_index (schedules, i));

      if (i > 0)
        g_string_append (out, separator);
      g_string_append (out, spec);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
document_title (AnnealChart *self)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) schedules = NULL;
  g_autoptr(GString) out = NULL;

  if (anneal_chart_get_title (self) != NULL)
    return g_strdup (anneal_chart_get_title (self));

  schedules = anneal_chart_get_visible_series (self, &labels);
  if (labels->len == 0)
    return g_strdup (_("Learning-rate schedule"));
  out = g_string_new (NULL);
  for (guint i = 0; i < labels->len; i++)
    {
      if (i > 0)
        g_string_append (out, _(" vs "));
      g_string_append (out, g_ptr_array_index (labels, i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* An image surface whose pixels sit in transparent huge pages where the system
 * offers them: a 1920×1080 figure then costs four page faults instead of two
 * thousand (a tenth of the whole `render` command's time). */
#define HUGE_PAGE ((gsize) 2 << 20)

static void
free_pixels (void *data)
{
  free (data);
}

static cairo_surface_t *
image_surface_new (int width,
                   int height)
{
  static const cairo_user_data_key_t key;
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, width);
  gsize size = (gsize) stride * (gsize) height;
  cairo_surface_t *surface;
  void *data = NULL;

  if (stride <= 0 || size < HUGE_PAGE ||
      posix_memalign (&data, HUGE_PAGE, (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1)) != 0)
    return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

#ifdef MADV_HUGEPAGE
  (void) madvise (data, (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1), MADV_HUGEPAGE);
#endif
  memset (data, 0, size);
  surface = cairo_image_surface_create_for_data (data, CAIRO_FORMAT_ARGB32, width, height, stride);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS ||
      cairo_surface_set_user_data (surface, &key, data, free_pixels) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      free (data);
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    }
  return surface;
}

static GByteArray *
render_png_bytes (AnnealChart       *self,
                  int                width,
                  int                height,
                  double             scale,
                  AnnealChartTheme   theme,
                  GError           **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GPtrArray) schedules = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) values = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int pw = (int) ceil (width * scale - 1e-9);
  int ph = (int) ceil (height * scale - 1e-9);

  surface = image_surface_new (pw, ph);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_WRITE,
                   _("Could not render the figure: %s"),
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  anneal_chart_draw_with_theme (self, cr, width, height, theme);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_WRITE,
                   _("Could not render the figure: %s"), cairo_status_to_string (status));
      return NULL;
    }

  /* Text metadata: the software, the title, and each series' spec so that a
   * figure can be traced back to the schedules that made it */
  keys = g_ptr_array_new ();
  values = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (keys, (gpointer) "Software");
  g_ptr_array_add (values, g_strdup (SOFTWARE));
  g_ptr_array_add (keys, (gpointer) "Title");
  g_ptr_array_add (values, document_title (self));
  schedules = anneal_chart_get_visible_series (self, NULL);
  for (guint i = 0; i < schedules->len; i++)
    {
      g_ptr_array_add (keys, (gpointer) "Anneal:spec");
      g_ptr_array_add (values, anneal_schedule_to_string (g_ptr_array_index (schedules, i)));
    }

  bytes = g_byte_array_sized_new ((guint) MIN ((gint64) pw * ph / 8 + 4096, 1 << 24));
  if (!encode_png (surface, scale, (const char * const *) keys->pdata,
                   (const char * const *) values->pdata, keys->len, bytes, error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_destroy (surface);

  return g_steal_pointer (&bytes);
}

GBytes *
anneal_chart_render_png (AnnealChart  *self,
                         int           width,
                         int           height,
                         double        scale,
                         GError      **error)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), NULL);

  return anneal_chart_render_png_with_theme (self, width, height, scale,
                                             anneal_chart_get_theme (self), error);
}

GBytes *
anneal_chart_render_png_with_theme (AnnealChart       *self,
                                    int                width,
                                    int                height,
                                    double             scale,
                                    AnnealChartTheme   theme,
                                    GError           **error)
{
  GByteArray *bytes;

  g_return_val_if_fail (ANNEAL_IS_CHART (self), NULL);
  g_return_val_if_fail (theme <= ANNEAL_CHART_THEME_TRANSPARENT, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!anneal_chart_export_check_size (width, height, scale, ANNEAL_CHART_FORMAT_PNG, error))
    return NULL;
  bytes = render_png_bytes (self, width, height, scale, theme, error);
  if (bytes == NULL)
    return NULL;
  return g_byte_array_free_to_bytes (bytes);
}

/* @text with the characters @escaped picks written out as the CLI echoes them
 * (anneal_text_escape_char(): \x1b, \uFFFE), the runs between them through @run,
 * each whole */
static char *
escape_chars (const char  *text,
              gboolean   (*escaped) (gunichar c),
              char      *(*run) (const char *text, gssize length))
{
  GString *s = g_string_sized_new (strlen (text));
  const char *start = text, *p;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (escaped (g_utf8_get_char (p)))
      {
        g_autofree char *before = run (start, p - start);
        g_autofree char *shown = anneal_text_escape_char (p);

        g_string_append (s, before);
        g_string_append (s, shown);
        start = g_utf8_next_char (p);
      }
  {
    g_autofree char *rest = run (start, p - start);

    g_string_append (s, rest);
  }
  return g_string_free (s, FALSE);
}

/* The characters XML 1.0 cannot hold at all, even as references (C0 controls but tab
 * and line ends, U+FFFE and U+FFFF; g_markup_escape_text() writes them as &#x1b; and
 * the like, which parsers refuse); DEL and C1 controls too, which XML allows but
 * nobody means. */
static gboolean
xml_forbidden (gunichar c)
{
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c < 0xa0) ||
         c == 0xfffe || c == 0xffff;
}

static char *
copy_run (const char *text,
          gssize      length)
{
  return g_strndup (text, (gsize) length);
}

/* @text as XML 1.0 character data: markup escaped, what XML cannot hold written out */
static char *
xml_text (const char *text)
{
  return escape_chars (text, xml_forbidden, g_markup_escape_text);
}

/* @text for cairo's PDF metadata, which refuses a string that holds a noncharacter
 * (U+FDD0 … U+FDEF, U+FFFE, U+FFFF and their like in every plane) as "not valid
 * UTF-8", and the figure with it: those are written out as the CLI echoes them
 * (\uFFFE), as in an SVG's title. */
static char *
pdf_text (const char *text)
{
  return escape_chars (text, anneal_chart_is_noncharacter, copy_run);
}

/* Puts <title> and <desc> into the SVG root, which cairo 1.16 does not write */
static void
svg_add_metadata (AnnealChart *self,
                  GByteArray  *svg)
{
  g_autofree char *title = document_title (self);
  g_autofree char *specs = series_specs (self, "\n");
  g_autofree char *t = xml_text (title);
  g_autofree char *d = xml_text (specs);
  g_autofree char *insert = NULL;
  const guint8 *root, *end;
  gsize at, len;

  root = memmem (svg->data, svg->len, "<svg", 4);
  if (root == NULL)
    return;
  end = memchr (root, '>', svg->len - (gsize) (root - svg->data));
  if (end == NULL || end[-1] == '/')
    return;
  at = (gsize) (end - svg->data) + 1;

  insert = g_strdup_printf ("\n<title>%s</title>\n<desc>%s\n%s</desc>", t, SOFTWARE, d);
  len = strlen (insert);
  g_byte_array_set_size (svg, svg->len + (guint) len);
  memmove (svg->data + at + len, svg->data + at, svg->len - len - at);
  memcpy (svg->data + at, insert, len);
}

static GByteArray *
render_vector_bytes (AnnealChart        *self,
                     AnnealChartFormat   format,
                     int                 width,
                     int                 height,
                     AnnealChartTheme    theme,
                     GError            **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (format == ANNEAL_CHART_FORMAT_SVG)
    {
      surface = cairo_svg_surface_create_for_stream (append_to_bytes, bytes, width, height);
      cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
    }
  else
    {
      g_autofree char *whole_title = document_title (self);
      g_autofree char *title = pdf_text (whole_title);
      g_autofree char *specs = series_specs (self, "; ");

      surface = cairo_pdf_surface_create_for_stream (append_to_bytes, bytes, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, SOFTWARE);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, specs);
    }

  cr = cairo_create (surface);
  anneal_chart_draw_with_theme (self, cr, width, height, theme);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_WRITE,
                   _("Could not render the figure: %s"), cairo_status_to_string (status));
      return NULL;
    }

  if (format == ANNEAL_CHART_FORMAT_SVG)
    svg_add_metadata (self, bytes);
  return g_steal_pointer (&bytes);
}

/* CSV -------------------------------------------------------------------- */

#define CSV_BLOCK 4096

/* As `anneal-cli eval` writes it: "epoch,…" rows, or with K > 1 steps per epoch
 * "step,epoch,…" rows, one a step, epoch = step div K */
static gboolean
export_csv (AnnealChart   *self,
            const char    *path,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) schedules = anneal_chart_get_visible_series (self, &labels);
  g_autoptr(GString) out = g_string_sized_new (1 << 16);
  g_autofree double *block = g_new (double, (gsize) CSV_BLOCK * MAX (schedules->len, 1));
  g_autofree gint64 *divisors = g_new0 (gint64, MAX (schedules->len, 1));
  gint64 k = self->steps_per_epoch;
  AnnealAtomicFile *file;
  gint64 first, last;
  guint n_visible = 0;

  anneal_chart_get_visible_epochs (self, &first, &last);
  for (guint i = 0; i < self->series->len; i++)
    {
      AnnealChartSeries *series = g_ptr_array_index (self->series, i);

      if (series->visible)
        divisors[n_visible++] = anneal_chart_series_divisor (self, series);
    }

  file = anneal_atomic_file_open (path, error);
  if (file == NULL)
    return FALSE;

  g_string_append (out, k > 1 ? "step,epoch" : "epoch");
  for (guint i = 0; i < labels->len; i++)
    {
      g_string_append_c (out, ',');
      anneal_text_append_csv_field (out, g_ptr_array_index (labels, i));
    }
  g_string_append_c (out, '\n');

  for (gint64 t = first; t <= last; t += CSV_BLOCK)
    {
      gsize n = (gsize) MIN ((gint64) CSV_BLOCK, last - t + 1);

      /* A run of 10^15 epochs is petabytes of rows: the one who asked may stop it. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          anneal_atomic_file_abort (file);
          return FALSE;
        }

      for (guint s = 0; s < schedules->len; s++)
        anneal_chart_divided_fill (g_ptr_array_index (schedules, s), divisors[s], t, n,
                                   block + s * CSV_BLOCK);

      for (gsize i = 0; i < n; i++)
        {
          gsize len = out->len;

          if (k > 1)
            g_string_append_printf (out, "%" G_GINT64_FORMAT ",", t + (gint64) i);
          len = out->len;
          g_string_set_size (out, len + ANNEAL_TEXT_ROW_MAX (schedules->len));
          len += anneal_text_format_row (out->str + len, (t + (gint64) i) / k, block + i,
                                         CSV_BLOCK, schedules->len, ANNEAL_TEXT_ROW_CSV);
          g_string_truncate (out, len);
        }

      if (!anneal_atomic_file_write (file, out->str, out->len, error))
        {
          anneal_atomic_file_abort (file);
          return FALSE;
        }
      g_string_truncate (out, 0);
    }

  if (out->len > 0 && !anneal_atomic_file_write (file, out->str, out->len, error))
    {
      anneal_atomic_file_abort (file);
      return FALSE;
    }
  return anneal_atomic_file_commit (file, error);
}

/* Export ----------------------------------------------------------------- */

gboolean
anneal_chart_export (AnnealChart        *self,
                     const char         *path,
                     AnnealChartFormat   format,
                     int                 width,
                     int                 height,
                     double              scale,
                     GError            **error)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), FALSE);

  return anneal_chart_export_with_theme (self, path, format, width, height, scale,
                                         anneal_chart_get_theme (self), NULL, error);
}

gboolean
anneal_chart_export_with_theme (AnnealChart        *self,
                                const char         *path,
                                AnnealChartFormat   format,
                                int                 width,
                                int                 height,
                                double              scale,
                                AnnealChartTheme    theme,
                                GCancellable       *cancellable,
                                GError            **error)
{
  g_autoptr(GByteArray) bytes = NULL;

  g_return_val_if_fail (ANNEAL_IS_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format <= ANNEAL_CHART_FORMAT_CSV, FALSE);
  g_return_val_if_fail (theme <= ANNEAL_CHART_THEME_TRANSPARENT, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (format == ANNEAL_CHART_FORMAT_CSV)
    return export_csv (self, path, cancellable, error);

  if (!anneal_chart_export_check_size (width, height, scale, format, error))
    return FALSE;

  if (format == ANNEAL_CHART_FORMAT_PNG)
    bytes = render_png_bytes (self, width, height, scale, theme, error);
  else
    bytes = render_vector_bytes (self, format, width, height, theme, error);
  if (bytes == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return write_bytes_atomically (path, bytes, error);
}
