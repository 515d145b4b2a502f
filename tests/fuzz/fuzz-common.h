/* fuzz-common.h — what the fuzz targets share: failing loudly, and fatal GLib warnings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* Prints the input (escaped) and the broken property, then aborts: libFuzzer and the
 * replay test both treat that as a crash. */
static inline void fuzz_fail (const char *input,
                              const char *format,
                              ...) G_GNUC_PRINTF (2, 3) G_GNUC_NORETURN;

static inline void
fuzz_fail (const char *input,
           const char *format,
           ...)
{
  g_autofree char *escaped = g_strescape (input, NULL);
  va_list args;

  if (strlen (escaped) > 400)
    strcpy (escaped + 397, "...");

  fprintf (stderr, "fuzz: input \"%s\"\nfuzz: ", escaped);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  fflush (stderr);
  abort ();
}

/* Criticals (a g_return_if_fail that fired) and warnings are bugs too. */
static inline void
fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}
