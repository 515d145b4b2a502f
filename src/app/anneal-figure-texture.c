/* anneal-figure-texture.c — the drawn figure in one GL texture, updated in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A cairo node is rasterized by GSK into a new GL texture each time the figure
 * changes; with software OpenGL (llvmpipe) a new texture is a fresh allocation
 * that the driver clears page by page before the figure is copied in, in a
 * profile of edits the largest single cost on the main thread. Here the figure is drawn by anneal_chart_draw() into an image
 * kept while the size holds, exactly as GSK rasterizes a cairo node, and copied
 * into one texture of our own, kept too, that GSK's GL renderer reads directly
 * (a GdkGLTexture of a context that shares with it).
 *
 * With another renderer, without OpenGL, or with GTK 4.12 and later (untested
 * there, see ensure_context()), anneal_figure_texture_render() returns NULL and
 * the view appends a cairo node as before.
 */

#include "config.h"

#include <epoxy/gl.h>

#include "anneal-figure-texture.h"

/* After gtk.h: GSK's GL renderer, public but outside gsk.h before GTK 4.14 (from
 * then on gsk.h has it, and the old header warns) */
#if !GTK_CHECK_VERSION (4, 14, 0)
#include <gsk/gl/gskglrenderer.h>
#endif

struct _AnnealFigureTexture
{
  GdkGLContext    *context;
  gboolean         failed;    /* no usable GL context: never try again */
  int              max_size;  /* GL_MAX_TEXTURE_SIZE */
  guint            id;
  int              tex_width;  /* device pixels */
  int              tex_height;
  cairo_surface_t *image;
};

AnnealFigureTexture *
anneal_figure_texture_new (void)
{
  return g_new0 (AnnealFigureTexture, 1);
}

static void
release_texture (AnnealFigureTexture *self)
{
  if (self->id != 0 && self->context != NULL)
    {
      gdk_gl_context_make_current (self->context);
      glDeleteTextures (1, &self->id);
      gdk_gl_context_clear_current ();
    }
  self->id = 0;
  self->tex_width = self->tex_height = 0;
}

void
anneal_figure_texture_free (AnnealFigureTexture *self)
{
  if (self == NULL)
    return;
  release_texture (self);
  g_clear_object (&self->context);
  g_clear_pointer (&self->image, cairo_surface_destroy);
  g_free (self);
}

static gboolean
ensure_context (AnnealFigureTexture *self,
                GtkWidget           *widget)
{
  g_autoptr(GError) error = NULL;
  GtkNative *native = gtk_widget_get_native (widget);
  GskRenderer *renderer;

#if GTK_CHECK_VERSION (4, 12, 0)
  /* Newer GSK may keep a texture past its frame (and GdkGLTextureBuilder wants the
   * contents to stay as they were built), so a texture updated in place is kept to
   * the GTK this was measured and tested on; there the cairo node stands. */
  return FALSE;
#endif
  if (self->failed || native == NULL)
    return FALSE;
  renderer = gtk_native_get_renderer (native);
  if (renderer == NULL || !GSK_IS_GL_RENDERER (renderer))
    return FALSE;
  if (self->context != NULL)
    return TRUE;

  self->context = gdk_surface_create_gl_context (gtk_native_get_surface (native), &error);
  if (self->context == NULL || !gdk_gl_context_realize (self->context, &error) ||
      gdk_gl_context_get_use_es (self->context))
    {
      /* GLES needs an extension for BGRA uploads: keep to cairo nodes there */
      g_debug ("The figure goes to GSK as a cairo node: %s",
               error != NULL ? error->message : "OpenGL ES");
      g_clear_object (&self->context);
      self->failed = TRUE;
      return FALSE;
    }
  gdk_gl_context_make_current (self->context);
  glGetIntegerv (GL_MAX_TEXTURE_SIZE, &self->max_size);
  gdk_gl_context_clear_current ();
  return TRUE;
}

/* The figure of @chart at @width × @height as a texture node, or NULL when the
 * widget's renderer is not GSK's GL renderer */
GskRenderNode *
anneal_figure_texture_render (AnnealFigureTexture *self,
                              GtkWidget           *widget,
                              AnnealChart         *chart,
                              int                  width,
                              int                  height,
                              gboolean             keep_when_incomplete)
{
  g_autoptr(GdkTexture) texture = NULL;
  int scale = gtk_widget_get_scale_factor (widget);
  int dev_w = width * scale, dev_h = height * scale;
  cairo_t *cr;

  /* A figure larger than a texture goes as a cairo node, which GSK cuts up */
  if (width < 1 || height < 1 || !ensure_context (self, widget) ||
      dev_w > self->max_size || dev_h > self->max_size)
    return NULL;

  if (self->image == NULL ||
      cairo_image_surface_get_width (self->image) != dev_w ||
      cairo_image_surface_get_height (self->image) != dev_h)
    {
      g_clear_pointer (&self->image, cairo_surface_destroy);
      self->image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, dev_w, dev_h);
    }
  /* As GSK draws a cairo node: a clear image at the device scale */
  cairo_surface_set_device_scale (self->image, scale, scale);
  cr = cairo_create (self->image);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  if (scale == 1)
    anneal_chart_draw (chart, cr, width, height);
  else
    {
      /* A cairo node records the figure in logical pixels, and its curves'
       * columns and crisp lines follow them; GSK then plays the recording at the
       * device scale. The same here, so that a HiDPI screen shows what it did. */
      cairo_surface_t *recording;
      cairo_t *rec;

      recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                                  &(cairo_rectangle_t) { 0, 0, width, height });
      rec = cairo_create (recording);
      anneal_chart_draw (chart, rec, width, height);
      cairo_destroy (rec);
      cairo_set_source_surface (cr, recording, 0, 0);
      cairo_paint (cr);
      cairo_surface_destroy (recording);
    }
  cairo_destroy (cr);
  cairo_surface_flush (self->image);

  gdk_gl_context_make_current (self->context);
  if (keep_when_incomplete && anneal_chart_has_work (chart) && self->id != 0 &&
      self->tex_width == dev_w && self->tex_height == dev_h)
    goto done;
  if (self->id == 0 || self->tex_width != dev_w || self->tex_height != dev_h)
    {
      if (self->id != 0)
        glDeleteTextures (1, &self->id);
      glGenTextures (1, &self->id);
      glBindTexture (GL_TEXTURE_2D, self->id);
      glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
      glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
      glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
      glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
      glTexImage2D (GL_TEXTURE_2D, 0, GL_RGBA8, dev_w, dev_h, 0,
                    GL_BGRA, GL_UNSIGNED_BYTE, NULL);
      self->tex_width = dev_w;
      self->tex_height = dev_h;
    }
  else
    glBindTexture (GL_TEXTURE_2D, self->id);

  /* cairo's ARGB32 is GL's BGRA on little-endian machines, and premultiplied
   * as GdkGLTexture expects */
  glPixelStorei (GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei (GL_UNPACK_ROW_LENGTH, cairo_image_surface_get_stride (self->image) / 4);
  glTexSubImage2D (GL_TEXTURE_2D, 0, 0, 0, dev_w, dev_h,
                   G_BYTE_ORDER == G_LITTLE_ENDIAN ? GL_BGRA : GL_RGBA,
                   G_BYTE_ORDER == G_LITTLE_ENDIAN ? GL_UNSIGNED_BYTE
                                                   : GL_UNSIGNED_INT_8_8_8_8_REV,
                   cairo_image_surface_get_data (self->image));
  glPixelStorei (GL_UNPACK_ROW_LENGTH, 0);
  glBindTexture (GL_TEXTURE_2D, 0);
  glFlush ();
done:
  gdk_gl_context_clear_current ();

#if !GTK_CHECK_VERSION (4, 12, 0)
  texture = gdk_gl_texture_new (self->context, self->id, dev_w, dev_h, NULL, NULL);
#endif
  if (texture == NULL)
    return NULL;
  return gsk_texture_node_new (texture, &GRAPHENE_RECT_INIT (0, 0, width, height));
}
