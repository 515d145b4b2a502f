/* main.c — the anneal program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "anneal-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AnnealApplication) app = NULL;

  anneal_application_set_start_time (g_get_monotonic_time ());

  setlocale (LC_ALL, "");
  /* glibc ignores LANGUAGE in the plain C locale: `LANGUAGE=de anneal-cli` should
   * still speak German. Messages only; numbers stay in the C locale anyway. */
  if (g_getenv ("LANGUAGE") != NULL &&
      (g_strcmp0 (setlocale (LC_MESSAGES, NULL), "C") == 0 ||
       g_strcmp0 (setlocale (LC_MESSAGES, NULL), "POSIX") == 0))
    setlocale (LC_MESSAGES, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = anneal_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
