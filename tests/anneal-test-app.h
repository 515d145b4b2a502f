/* anneal-test-app.h — what the GTK test programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *anneal_test_app_home    (const char   *prefix);
gboolean  anneal_test_app_init    (int          *argc,
                                   char       ***argv,
                                   const char   *home);
void      anneal_test_iterate     (void);
void      anneal_test_remove_tree (const char   *path);

G_END_DECLS
