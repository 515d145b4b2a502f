/* replay-main.c — runs a fuzz target over committed inputs, as a TAP test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: replay-fuzz-X DIR-OR-FILE...
 *
 * Every regular file (names starting with '.' skipped) in the directories given, sorted
 * by name, is one test: it is passed to LLVMFuzzerTestOneInput() in a child process, so
 * that a crash, an abort() from a broken property or a sanitizer report fails that input
 * alone and the others still run. The first directory (the seed corpus) must not be
 * empty; the others (regression inputs) may be missing.
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "fuzz-common.h"

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
collect (const char *path,
         GPtrArray  *inputs,
         gboolean    required)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_ptr_array_add (inputs, g_strdup (path));
      return TRUE;
    }

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      if (required)
        printf ("Bail out! %s\n", error->message);
      return !required;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = NULL;

      if (name[0] == '.')
        continue;
      child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (found, g_steal_pointer (&child));
    }

  if (found->len == 0 && required)
    {
      printf ("Bail out! no inputs in %s\n", path);
      return FALSE;
    }

  g_ptr_array_sort (found, compare_paths);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (inputs, g_strdup (g_ptr_array_index (found, i)));

  return TRUE;
}

/* In a child: 0 when the target returned normally. */
static int
run_one (const char *path,
         int        *argc,
         char     ***argv)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  /* Only this program writes TAP: whatever the target prints (GLib's assertion
   * messages print "Bail out!" on stdout) goes to stderr. */
  dup2 (STDERR_FILENO, STDOUT_FILENO);

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 3;
    }

  LLVMFuzzerInitialize (argc, argv);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);

  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  guint failures = 0;

  if (argc < 2)
    {
      printf ("Bail out! usage: %s CORPUS-DIR [MORE-DIRS-OR-FILES…]\n", argv[0]);
      return 1;
    }

  for (int i = 1; i < argc; i++)
    if (!collect (argv[i], inputs, i == 1))
      return 1;

  printf ("1..%u\n", inputs->len);
  fflush (stdout);

  for (guint i = 0; i < inputs->len; i++)
    {
      const char *path = g_ptr_array_index (inputs, i);
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *parent = g_path_get_dirname (path);
      g_autofree char *parent_name = g_path_get_basename (parent);
      int status = 0;
      pid_t pid;

      fflush (stdout);
      fflush (stderr);
      pid = fork ();
      if (pid < 0)
        {
          printf ("Bail out! fork: %s\n", g_strerror (errno));
          return 1;
        }
      if (pid == 0)
        /* exit(), not _exit(): LeakSanitizer checks at exit in sanitizer builds. */
        exit (run_one (path, &argc, &argv));

      while (waitpid (pid, &status, 0) < 0)
        {
          if (errno != EINTR)
            {
              printf ("Bail out! waitpid: %s\n", g_strerror (errno));
              return 1;
            }
        }

      if (WIFEXITED (status) && WEXITSTATUS (status) == 0)
        printf ("ok %u %s/%s\n", i + 1, parent_name, name);
      else
        {
          failures++;
          if (WIFSIGNALED (status))
            printf ("not ok %u %s/%s # killed by signal %d\n", i + 1, parent_name, name,
                    WTERMSIG (status));
          else
            printf ("not ok %u %s/%s # exit status %d\n", i + 1, parent_name, name,
                    WEXITSTATUS (status));
        }
      fflush (stdout);
    }

  return failures == 0 ? 0 : 1;
}
