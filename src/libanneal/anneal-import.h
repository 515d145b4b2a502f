/* anneal-import.h — training code in: a schedule read from Python source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internal to Anneal (the CLI and the app link libanneal statically); not installed.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ANNEAL_IMPORT_ERROR (anneal_import_error_quark ())

typedef enum
{
  ANNEAL_IMPORT_ERROR_SYNTAX,       /* not Python as Anneal reads it */
  ANNEAL_IMPORT_ERROR_UNSUPPORTED,  /* cannot be reproduced exactly (lambda, unknown name, …) */
  ANNEAL_IMPORT_ERROR_NOT_FOUND,    /* no schedule in the text */
  ANNEAL_IMPORT_ERROR_LIMIT,        /* longer or deeper than Anneal reads */
} AnnealImportError;

/* Limits on what is read; each is refused with ANNEAL_IMPORT_ERROR_LIMIT. */
#define ANNEAL_IMPORT_MAX_LENGTH  (1024 * 1024)  /* bytes of source */
#define ANNEAL_IMPORT_MAX_TOKENS  200000
#define ANNEAL_IMPORT_MAX_NESTING 64             /* brackets and nested expressions */

typedef struct
{
  char       *spec;      /* canonical spec text */
  const char *label;     /* untranslated msgid naming the call, e.g. "HF cosine with warm-up" */
  const char *library;   /* "PyTorch", "Hugging Face", "Keras", "timm", "optax" */
  gboolean    per_step;  /* the library steps it per optimizer step (HF, Keras, optax) */
  guint       line;      /* where the call that made it starts (1-based) */
  guint       column;
} AnnealImport;

GQuark        anneal_import_error_quark (void);

/* Reads Python @source (@length bytes, or NUL-terminated when −1) and returns the
 * one schedule it builds, or NULL with @error set, its message starting with
 * "line L, column C: " (1-based, columns in characters); @error_line and
 * @error_column (either may be NULL) then hold L and C. @base_lr is the rate of
 * the optimizer when the text sets none (NAN: none given). */
AnnealImport *anneal_import            (const char  *source,
                                        gssize       length,
                                        double       base_lr,
                                        guint       *error_line,
                                        guint       *error_column,
                                        GError     **error);
void          anneal_import_free       (AnnealImport *import);

/* TRUE when @text looks like Python training code rather than a spec (an import
 * line, a call with a module path, several lines); used by the app's spec entry. */
gboolean      anneal_import_looks_like_code (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnnealImport, anneal_import_free)

G_END_DECLS
