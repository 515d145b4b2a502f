/* anneal-document.h — a comparison of schedules as a document: JSON, undo, files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "anneal-chart.h"

G_BEGIN_DECLS

#define ANNEAL_DOCUMENT_FORMAT   "anneal"
#define ANNEAL_DOCUMENT_VERSION  1
#define ANNEAL_DOCUMENT_MAX_SERIES 1000
#define ANNEAL_DOCUMENT_MAX_SIZE (16 * 1024 * 1024)
#define ANNEAL_DOCUMENT_MAX_DEPTH 32  /* a document needs 4 levels */

#define ANNEAL_DOCUMENT_ERROR (anneal_document_error_quark ())

typedef enum
{
  ANNEAL_DOCUMENT_ERROR_DAMAGED,   /* not JSON, or fields of the wrong type */
  ANNEAL_DOCUMENT_ERROR_FOREIGN,   /* JSON, but not an Anneal document */
  ANNEAL_DOCUMENT_ERROR_VERSION,   /* written by a newer Anneal */
  ANNEAL_DOCUMENT_ERROR_INVALID,   /* a value that Anneal refuses (spec, range) */
} AnnealDocumentError;

GQuark anneal_document_error_quark (void);

#define ANNEAL_TYPE_DOCUMENT (anneal_document_get_type ())
G_DECLARE_FINAL_TYPE (AnnealDocument, anneal_document, ANNEAL, DOCUMENT, GObject)

AnnealDocument *anneal_document_new              (void);
AnnealChart    *anneal_document_get_chart        (AnnealDocument  *self);
GFile          *anneal_document_get_file         (AnnealDocument  *self);
void            anneal_document_set_file         (AnnealDocument  *self,
                                                  GFile           *file);
char           *anneal_document_dup_display_name (AnnealDocument  *self);
gboolean        anneal_document_get_modified     (AnnealDocument  *self);

/* JSON text of the whole comparison (series, epochs, axis, title). */
char           *anneal_document_serialize        (AnnealDocument  *self);
/* Replaces the contents; on failure nothing changes. Not an undoable edit: history is reset. */
gboolean        anneal_document_load_data        (AnnealDocument  *self,
                                                  const char      *data,
                                                  gssize           length,
                                                  GError         **error);
gboolean        anneal_document_load_file        (AnnealDocument  *self,
                                                  GFile           *file,
                                                  GError         **error);
/* Atomic: a temporary file renamed over @file when complete. */
gboolean        anneal_document_save_file        (AnnealDocument  *self,
                                                  GFile           *file,
                                                  GError         **error);

/* History: call commit() after every edit of the chart; it records one undo step
 * if the document changed since the last one. */
void            anneal_document_commit           (AnnealDocument  *self);
/* Forgets the history and takes the current contents as the unmodified state. */
void            anneal_document_reset_history    (AnnealDocument  *self);
gboolean        anneal_document_can_undo         (AnnealDocument  *self);
gboolean        anneal_document_can_redo         (AnnealDocument  *self);
gboolean        anneal_document_undo             (AnnealDocument  *self);
gboolean        anneal_document_redo             (AnnealDocument  *self);

/* Colour text "#rrggbb" ↔ 0xRRGGBB. */
char           *anneal_color_to_string           (guint32          rgb);
gboolean        anneal_color_parse               (const char      *text,
                                                  guint32         *rgb);

G_END_DECLS
