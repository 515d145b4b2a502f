/* anneal-atomic-file.c — the one atomic file writer (CLI, chart export, documents),
 * and the bounded reader of what the app opens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What it guarantees, and why GLib's writers are not enough, is in the header.
 */

#define G_LOG_DOMAIN "AnnealChart"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "anneal-atomic-file.h"
#include "anneal-chart.h"

#define TEMPORARY_NAME ".anneal-XXXXXX"
#define MAX_SYMLINKS   40

struct _AnnealAtomicFile
{
  char *path;      /* as given, for messages */
  char *target;    /* what is replaced: @path with its symbolic links followed */
  char *tmp_path;  /* NULL when written directly (a FIFO or a device) */
  int   fd;
  int   slot;      /* in the list of temporary files to remove on a signal, or −1 */
};

/* Temporary files to remove on a signal ----------------------------------- */

/* Fixed storage that a signal handler may read: a slot's path is complete before
 * its flag is set, and the flag is cleared before the path changes. */
#define MAX_PENDING 32

static char pending_paths[MAX_PENDING][PATH_MAX];
static int pending_used[MAX_PENDING];
static GMutex pending_lock;

/* Every signal whose default ends the process and that a user or the system sends:
 * Ctrl+C, Ctrl+\, kill, a closed terminal, `ulimit -t`, timers and profilers. Not
 * SIGPIPE: a FIFO written directly ignores it (a reader gone is a failed write). */
static const int cleanup_signals[] = {
  SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGXCPU, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM,
  SIGPROF,
};

static void
remove_pending_files (int sig)
{
  int saved = errno;

  for (guint i = 0; i < MAX_PENDING; i++)
    if (g_atomic_int_get (&pending_used[i]))
      unlink (pending_paths[i]);
  errno = saved;
  /* SA_RESETHAND restored the default action: the signal ends the process as it
   * would have, once this handler returns. */
  raise (sig);
}

static gpointer
install_handlers (gpointer data)
{
  struct sigaction action, old;

  memset (&action, 0, sizeof action);
  action.sa_handler = remove_pending_files;
  action.sa_flags = SA_RESETHAND;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (cleanup_signals); i++)
    if (sigaction (cleanup_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL &&
        !(old.sa_flags & SA_SIGINFO))
      sigaction (cleanup_signals[i], &action, NULL);

  /* Past `ulimit -f`, write() should fail with EFBIG, not kill the process. */
  if (sigaction (SIGXFSZ, NULL, &old) == 0 && old.sa_handler == SIG_DFL &&
      !(old.sa_flags & SA_SIGINFO))
    signal (SIGXFSZ, SIG_IGN);
  return NULL;
}

static int
pending_add (const char *path)
{
  int slot = -1;

  if (strlen (path) >= PATH_MAX)
    return -1;
  g_mutex_lock (&pending_lock);
  for (int i = 0; i < MAX_PENDING; i++)
    if (!g_atomic_int_get (&pending_used[i]))
      {
        strcpy (pending_paths[i], path);
        g_atomic_int_set (&pending_used[i], 1);
        slot = i;
        break;
      }
  g_mutex_unlock (&pending_lock);
  return slot;
}

static void
pending_remove (int slot)
{
  if (slot < 0)
    return;
  g_mutex_lock (&pending_lock);
  g_atomic_int_set (&pending_used[slot], 0);
  g_mutex_unlock (&pending_lock);
}

/* The file ---------------------------------------------------------------- */

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          errsv)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_WRITE,
               _("Could not write “%s”: %s"), display, g_strerror (errsv));
}

/* @path with every symbolic link followed (the last may point nowhere yet: that
 * is the file to create), or NULL with errno set. */
static char *
follow_links (const char *path)
{
  g_autofree char *target = g_strdup (path);

  for (int depth = 0; depth <= MAX_SYMLINKS; depth++)
    {
      g_autofree char *link = NULL;
      struct stat st;

      if (lstat (target, &st) != 0)
        return errno == ENOENT ? g_steal_pointer (&target) : NULL;
      if (!S_ISLNK (st.st_mode))
        return g_steal_pointer (&target);

      link = g_file_read_link (target, NULL);
      if (link == NULL)
        return NULL;
      if (g_path_is_absolute (link))
        {
          g_free (target);
          target = g_steal_pointer (&link);
        }
      else
        {
          g_autofree char *dir = g_path_get_dirname (target);
          char *next = g_build_filename (dir, link, NULL);

          g_free (target);
          target = next;
        }
    }
  errno = ELOOP;
  return NULL;
}

static void
atomic_file_free (AnnealAtomicFile *file)
{
  pending_remove (file->slot);
  g_free (file->path);
  g_free (file->target);
  g_free (file->tmp_path);
  g_free (file);
}

AnnealAtomicFile *
anneal_atomic_file_open (const char  *path,
                         GError     **error)
{
  static GOnce handlers_once = G_ONCE_INIT;
  g_autofree char *base = NULL;
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tmpl = NULL;
  AnnealAtomicFile *file;
  struct stat st;
  gboolean exists;
  sigset_t block, saved;
  int fd, errsv, slot;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_once (&handlers_once, install_handlers, NULL);

  base = g_path_get_basename (path);
  if (*path == '\0' || g_str_has_suffix (path, G_DIR_SEPARATOR_S) ||
      strcmp (base, ".") == 0 || strcmp (base, "..") == 0)
    {
      set_write_error (error, path, EISDIR);
      return NULL;
    }

  exists = stat (path, &st) == 0;
  if (exists && S_ISDIR (st.st_mode))
    {
      set_write_error (error, path, EISDIR);
      return NULL;
    }
  if (exists && (S_ISFIFO (st.st_mode) || S_ISCHR (st.st_mode)))
    {
      struct sigaction old;

      /* Nothing to replace: write to it as a shell's '>' would, but a reader that
       * goes away is a failed write (EPIPE) with its message, not SIGPIPE ending
       * the process without a word. */
      if (sigaction (SIGPIPE, NULL, &old) == 0 && old.sa_handler == SIG_DFL &&
          !(old.sa_flags & SA_SIGINFO))
        signal (SIGPIPE, SIG_IGN);
      fd = open (path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
      if (fd < 0)
        {
          set_write_error (error, path, errno);
          return NULL;
        }
      file = g_new0 (AnnealAtomicFile, 1);
      file->path = g_strdup (path);
      file->target = g_strdup (path);
      file->fd = fd;
      file->slot = -1;
      return file;
    }
  if (exists && !S_ISREG (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_WRITE,
                   _("Could not write “%s”: it is neither a regular file, a FIFO nor a "
                     "character device"), display);
      return NULL;
    }
  /* Never replace what the user could not have written. */
  if (exists && faccessat (AT_FDCWD, path, W_OK, AT_EACCESS) != 0)
    {
      set_write_error (error, path, errno);
      return NULL;
    }

  target = follow_links (path);
  if (target == NULL)
    {
      set_write_error (error, path, errno);
      return NULL;
    }

  dir = g_path_get_dirname (target);
  tmpl = g_build_filename (dir, TEMPORARY_NAME, NULL);

  /* Created and listed for removal with the cleanup signals held back. */
  sigemptyset (&block);
  for (guint i = 0; i < G_N_ELEMENTS (cleanup_signals); i++)
    sigaddset (&block, cleanup_signals[i]);
  pthread_sigmask (SIG_BLOCK, &block, &saved);
  fd = g_mkstemp_full (tmpl, O_WRONLY | O_CLOEXEC, 0666);  /* 0666 less the umask */
  errsv = errno;
  slot = fd >= 0 ? pending_add (tmpl) : -1;
  pthread_sigmask (SIG_SETMASK, &saved, NULL);
  if (fd < 0)
    {
      set_write_error (error, path, errsv);
      return NULL;
    }

  /* A replaced file keeps its mode, and its owner where we may give it. */
  if (exists)
    {
      (void) fchmod (fd, st.st_mode & 07777);
      if (st.st_uid != geteuid () || st.st_gid != getegid ())
        (void) fchown (fd, st.st_uid, st.st_gid);
    }

  file = g_new0 (AnnealAtomicFile, 1);
  file->path = g_strdup (path);
  file->target = g_steal_pointer (&target);
  file->tmp_path = g_steal_pointer (&tmpl);
  file->fd = fd;
  file->slot = slot;
  return file;
}

gboolean
anneal_atomic_file_write (AnnealAtomicFile  *file,
                          const void        *data,
                          gsize              len,
                          GError           **error)
{
  const guint8 *p = data;

  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  while (len > 0)
    {
      gssize r = write (file->fd, p, MIN (len, (gsize) G_MAXSSIZE));

      if (r < 0)
        {
          if (errno == EINTR)
            continue;
          set_write_error (error, file->path, errno);
          return FALSE;
        }
      p += r;
      len -= (gsize) r;
    }
  return TRUE;
}

void
anneal_atomic_file_abort (AnnealAtomicFile *file)
{
  if (file == NULL)
    return;
  if (file->fd >= 0)
    close (file->fd);
  if (file->tmp_path != NULL)
    g_unlink (file->tmp_path);
  atomic_file_free (file);
}

gboolean
anneal_atomic_file_commit (AnnealAtomicFile  *file,
                           GError           **error)
{
  g_autofree char *dir = NULL;
  int errsv, dfd;

  g_return_val_if_fail (file != NULL, FALSE);

  if (file->tmp_path == NULL)
    {
      errsv = close (file->fd) != 0 ? errno : 0;
      file->fd = -1;
      if (errsv != 0 && errsv != EINTR)
        {
          set_write_error (error, file->path, errsv);
          atomic_file_free (file);
          return FALSE;
        }
      atomic_file_free (file);
      return TRUE;
    }

  if (fsync (file->fd) != 0 && errno != EINVAL && errno != EROFS)
    goto fail;
  errsv = close (file->fd);
  file->fd = -1;
  if (errsv != 0)
    goto fail;
  if (g_rename (file->tmp_path, file->target) != 0)
    goto fail;
  pending_remove (file->slot);
  file->slot = -1;

  /* Make the rename itself durable */
  dir = g_path_get_dirname (file->target);
  dfd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0)
    {
      (void) fsync (dfd);
      close (dfd);
    }

  atomic_file_free (file);
  return TRUE;

fail:
  errsv = errno;
  set_write_error (error, file->path, errsv);
  anneal_atomic_file_abort (file);
  return FALSE;
}

gboolean
anneal_atomic_file_set_contents (const char  *path,
                                 const void  *data,
                                 gsize        len,
                                 GError     **error)
{
  AnnealAtomicFile *file;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  file = anneal_atomic_file_open (path, error);
  if (file == NULL)
    return FALSE;
  if (!anneal_atomic_file_write (file, data, len, error))
    {
      anneal_atomic_file_abort (file);
      return FALSE;
    }
  return anneal_atomic_file_commit (file, error);
}

/* Reading ------------------------------------------------------------------ */

gboolean
anneal_file_load_bounded (GFile     *file,
                          gsize      max,
                          char     **contents,
                          gsize     *length,
                          gboolean  *too_large,
                          GError   **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  guint8 buffer[65536];

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (contents != NULL && too_large != NULL, FALSE);

  *too_large = FALSE;
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL,
                            error);
  if (info == NULL)
    return FALSE;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           _("Not a regular file"));
      return FALSE;
    }
  if (g_file_info_get_size (info) > 0 && (guint64) g_file_info_get_size (info) > max)
    {
      *too_large = TRUE;
      return FALSE;
    }

  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return FALSE;
  bytes = g_byte_array_new ();
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL,
                                      error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      if (bytes->len + (gsize) n > max)
        {
          *too_large = TRUE;
          return FALSE;
        }
      g_byte_array_append (bytes, buffer, (guint) n);
    }
  if (length != NULL)
    *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  *contents = (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
  return TRUE;
}
