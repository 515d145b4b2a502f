/* anneal-atomic-file.h — the one atomic file writer (CLI, chart export, documents),
 * and the bounded reader of what the app opens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * Writes a file so that, whatever happens, the path holds either its old contents
 * or the whole new ones:
 *
 *  - the data goes to a temporary file ".anneal-XXXXXX" beside the target (a short
 *    name, so a target name of NAME_MAX bytes still works), is flushed to disk and
 *    renamed over the target; new files get 0666 less the umask, replaced ones
 *    keep their mode (and owner and group, where permitted);
 *  - a target the user could not write (a read-only file, even in a directory they
 *    may write) is refused, not replaced;
 *  - a symbolic link is followed: its target is replaced atomically and the link
 *    stays;
 *  - a FIFO or a character device (/dev/null, /dev/stdout) is written directly,
 *    without a temporary file; a directory, a block device or a socket is refused;
 *  - SIGTERM, SIGHUP and SIGINT (when the program has not set its own handling of
 *    them) remove the temporary files of every writer still open before the
 *    process ends as the signal says; SIGXFSZ is ignored, so that exceeding
 *    `ulimit -f` is an ordinary write error (EFBIG). SIGKILL cannot be handled: it
 *    can leave a temporary file.
 *
 * Errors are ANNEAL_CHART_ERROR_WRITE, "Could not write “PATH”: reason".
 * GLib's g_file_set_contents_full() and g_file_replace() give the first guarantee
 * only (and their temporary name "NAME.XXXXXX" overflows NAME_MAX): they replace a
 * symbolic link by a file, replace read-only files, and leave their temporary file
 * behind on a signal.
 */
typedef struct _AnnealAtomicFile AnnealAtomicFile;

AnnealAtomicFile *anneal_atomic_file_open         (const char        *path,
                                                   GError           **error);
gboolean          anneal_atomic_file_write        (AnnealAtomicFile  *file,
                                                   const void        *data,
                                                   gsize              len,
                                                   GError           **error);
/* Flushes, closes and renames; frees @file either way. */
gboolean          anneal_atomic_file_commit       (AnnealAtomicFile  *file,
                                                   GError           **error);
/* Removes the temporary file and frees @file; NULL is ignored. */
void              anneal_atomic_file_abort        (AnnealAtomicFile  *file);

/* The whole of @data to @path, atomically. */
gboolean          anneal_atomic_file_set_contents (const char        *path,
                                                   const void        *data,
                                                   gsize              len,
                                                   GError           **error);

/*
 * The reading side, for documents and code the app opens: the whole of @file when
 * it is a regular file (symbolic links followed) of at most @max bytes. Anything
 * else is refused before it is read — a FIFO would block, /dev/zero never ends —
 * with G_IO_ERROR_NOT_REGULAR_FILE; a longer file (its size as read, not as
 * reported: /proc files report 0, a file may grow) sets *@too_large and returns
 * FALSE without an error, for the caller to say what its limit is. @contents is
 * NUL-terminated.
 */
gboolean          anneal_file_load_bounded        (GFile             *file,
                                                   gsize              max,
                                                   char             **contents,
                                                   gsize             *length,
                                                   gboolean          *too_large,
                                                   GError           **error);

G_END_DECLS
