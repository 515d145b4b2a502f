/* anneal-test-app.c — what the GTK test programs share (test-app, test-app-style,
 * test-app-dialogs, test-chart-view)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "anneal-test-app.h"

/* A private home for the whole run: recent files, the file chooser's state and the
 * like go there, not to the user's (the recent manager is a singleton that keeps its
 * path, so one folder for all of a program's cases). Free the path, and remove the
 * folder with anneal_test_remove_tree(), when the run is over. */
char *
anneal_test_app_home (const char *prefix)
{
  g_autofree char *template = g_strconcat (prefix, "-home-XXXXXX", NULL);
  char *home = g_dir_make_tmp (template, NULL);

  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  return home;
}

/* g_test_init(), then GTK and libadwaita. FALSE without a display (e.g. inside
 * flatpak-builder; the suite runs under Xvfb in tools/test): the plan printed says
 * so in TAP, meson counts the program as skipped, so main() returns 0; @home (from
 * anneal_test_app_home(), or NULL) is removed then. */
gboolean
anneal_test_app_init (int         *argc,
                      char      ***argv,
                      const char  *home)
{
  g_test_init (argc, argv, NULL);
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      if (home != NULL)
        anneal_test_remove_tree (home);
      return FALSE;
    }
  adw_init ();
  return TRUE;
}

/* Until nothing is pending: what a change queued has run. */
void
anneal_test_iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* A folder and everything in it. */
void
anneal_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        anneal_test_remove_tree (child);
      else
        g_assert_no_errno (g_unlink (child));
    }
  g_assert_no_errno (g_rmdir (path));
}
