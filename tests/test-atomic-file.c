/* test-atomic-file.c — the one atomic writer: what is left, replaced or refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "anneal-atomic-file.h"
#include "anneal-chart.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("anneal-atomic-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_chmod (path, 0644);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The names in @dir, sorted, joined by spaces: what a user would see with ls -A. */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_new_and_replaced (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  mode_t old_umask = umask (027);

  g_assert_true (anneal_atomic_file_set_contents (path, "one\n", 4, &error));
  g_assert_no_error (error);
  umask (old_umask);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);  /* 0666 less the umask */

  g_chmod (path, 0604);
  g_assert_true (anneal_atomic_file_set_contents (path, "two\n", 4, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0604);  /* a replaced file keeps its mode */
  text = read_text (path);
  g_assert_cmpstr (text, ==, "two\n");
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "out.csv");
}

static void
test_abort_leaves_nothing (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "keep.csv", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  AnnealAtomicFile *file;

  g_assert_true (g_file_set_contents (path, "old\n", -1, NULL));
  file = anneal_atomic_file_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (anneal_atomic_file_write (file, "new", 3, &error));
  anneal_atomic_file_abort (file);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "old\n");
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "keep.csv");
}

/* A read-only file owned by someone else in a directory everyone may write: the
 * rename would succeed, but the user could not have written the file. */
static void
test_read_only_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "theirs.png", NULL);
  g_autofree char *text = NULL;
  g_autofree char *listing = NULL;

  g_assert_true (g_file_set_contents (path, "theirs\n", -1, NULL));
  g_chmod (path, 0444);
  g_chmod (f->dir, 0777);

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;

      /* As root, act as an ordinary user: root may write anything. */
      if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        g_error ("cannot drop privileges: %s", g_strerror (errno));
      g_assert_false (anneal_atomic_file_set_contents (path, "mine\n", 5, &error));
      g_assert_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, g_strerror (EACCES)));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  text = read_text (path);
  g_assert_cmpstr (text, ==, "theirs\n");
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "theirs.png");
}

static void
test_symlink_followed (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *real = g_build_filename (f->dir, "real.svg", NULL);
  g_autofree char *link = g_build_filename (f->dir, "link.svg", NULL);
  g_autofree char *dangling = g_build_filename (f->dir, "dangling.svg", NULL);
  g_autofree char *created = g_build_filename (f->dir, "created.svg", NULL);
  g_autofree char *text = NULL;
  g_autofree char *target = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (real, "old\n", -1, NULL));
  g_assert_cmpint (symlink ("real.svg", link), ==, 0);
  g_assert_true (anneal_atomic_file_set_contents (link, "new\n", 4, &error));
  g_assert_no_error (error);
  target = g_file_read_link (link, NULL);
  g_assert_cmpstr (target, ==, "real.svg");  /* the link stays a link … */
  text = read_text (real);
  g_assert_cmpstr (text, ==, "new\n");       /* … and its target is replaced */
  g_clear_pointer (&text, g_free);

  g_assert_cmpint (symlink ("created.svg", dangling), ==, 0);
  g_assert_true (anneal_atomic_file_set_contents (dangling, "made\n", 5, &error));
  g_assert_no_error (error);
  text = read_text (created);
  g_assert_cmpstr (text, ==, "made\n");
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "created.svg dangling.svg link.svg real.svg");
}

static gpointer
read_fifo (gpointer data)
{
  char *text = NULL;

  g_file_get_contents (data, &text, NULL, NULL);
  return text;
}

static gpointer
close_fifo (gpointer data)
{
  int fd = open (data, O_RDONLY | O_CLOEXEC);

  if (fd >= 0)
    close (fd);
  return NULL;
}

static void
test_fifo_and_devices (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.csv", NULL);
  g_autofree char *sock = g_build_filename (f->dir, "sock.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  GThread *reader;
  int fd;

  /* A FIFO is written directly: the reader gets the data, no file appears. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  reader = g_thread_new ("reader", read_fifo, fifo);
  g_assert_true (anneal_atomic_file_set_contents (fifo, "through\n", 8, &error));
  g_assert_no_error (error);
  text = g_thread_join (reader);
  g_assert_cmpstr (text, ==, "through\n");

  /* A reader that goes away early is a failed write, not SIGPIPE ending the
   * process: nothing reads a megabyte written after it */
  {
    gsize len = 1 << 20;
    g_autofree char *big = g_malloc0 (len);

    reader = g_thread_new ("reader", close_fifo, fifo);
    g_assert_false (anneal_atomic_file_set_contents (fifo, big, len, &error));
    g_assert_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_WRITE);
    g_assert_nonnull (strstr (error->message, g_strerror (EPIPE)));
    g_clear_error (&error);
    g_thread_join (reader);
  }

  /* So is a character device. */
  g_assert_true (anneal_atomic_file_set_contents ("/dev/null", "x", 1, &error));
  g_assert_no_error (error);

  /* A socket and a directory are refused. */
  fd = socket (AF_UNIX, SOCK_STREAM, 0);
  g_strlcpy (addr.sun_path, sock, sizeof addr.sun_path);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_false (anneal_atomic_file_set_contents (sock, "x", 1, &error));
  g_assert_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_WRITE);
  g_clear_error (&error);
  close (fd);
  g_assert_false (anneal_atomic_file_set_contents (f->dir, "x", 1, &error));
  g_assert_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_WRITE);

  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "pipe.csv sock.csv");
}

static void
test_name_max (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *name = g_strnfill (251, 'n');
  g_autofree char *base = g_strconcat (name, ".png", NULL);   /* 255 bytes: NAME_MAX */
  g_autofree char *path = g_build_filename (f->dir, base, NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (anneal_atomic_file_set_contents (path, "x", 1, &error));
  g_assert_no_error (error);
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, base);
}

/* `ulimit -f`: an ordinary write error, not a SIGXFSZ that kills the process. */
static void
test_file_too_large (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "big.csv", NULL);
  g_autofree char *listing = NULL;

  if (g_test_subprocess ())
    {
      struct rlimit limit = { 4096, 4096 };
      g_autofree char *big = g_strnfill (100000, 'x');
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (anneal_atomic_file_set_contents (path, big, 100000, &error));
      g_assert_error (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, g_strerror (EFBIG)));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "");
}

/* A signal while the file is being written: the temporary file goes, the old file
 * stays, and the process still ends by that signal. */
static void
test_signal (Fixture       *f,
             gconstpointer  data)
{
  int sig = GPOINTER_TO_INT (data);
  g_autofree char *path = g_build_filename (f->dir, "render.png", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (path, "old\n", -1, NULL));
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      AnnealAtomicFile *file = anneal_atomic_file_open (path, &error);
      g_autofree char *during = NULL;

      g_assert_no_error (error);
      g_assert_true (anneal_atomic_file_write (file, "half", 4, &error));
      during = list_dir (f->dir);
      g_assert_nonnull (strstr (during, ".anneal-"));  /* the temporary file exists */
      raise (sig);
      g_error ("still alive after signal %d", sig);
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "render.png");
  text = read_text (path);
  g_assert_cmpstr (text, ==, "old\n");
}

int
main (int    argc,
      char **argv)
{
  static const struct { const char *name; int sig; } signals[] = {
    { "SIGTERM", SIGTERM }, { "SIGHUP", SIGHUP }, { "SIGINT", SIGINT },
  };

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/anneal/atomic-file/new-and-replaced", test_new_and_replaced, NULL);
  ADD ("/anneal/atomic-file/abort-leaves-nothing", test_abort_leaves_nothing, NULL);
  ADD ("/anneal/atomic-file/read-only-refused", test_read_only_refused, NULL);
  ADD ("/anneal/atomic-file/symlink-followed", test_symlink_followed, NULL);
  ADD ("/anneal/atomic-file/fifo-and-devices", test_fifo_and_devices, NULL);
  ADD ("/anneal/atomic-file/name-max", test_name_max, NULL);
  ADD ("/anneal/atomic-file/file-too-large", test_file_too_large, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      g_autofree char *path = g_strdup_printf ("/anneal/atomic-file/signal/%s", signals[i].name);

      ADD (path, test_signal, GINT_TO_POINTER (signals[i].sig));
    }
#undef ADD

  return g_test_run ();
}
