/* anneal-application.h — the application: windows, settings, app-wide actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ANNEAL_TYPE_APPLICATION (anneal_application_get_type ())
G_DECLARE_FINAL_TYPE (AnnealApplication, anneal_application, ANNEAL, APPLICATION, AdwApplication)

AnnealApplication *anneal_application_new            (void);
/* NULL when the schema is missing: then every setting keeps its default. */
GSettings         *anneal_application_get_settings   (AnnealApplication *self);
/* g_get_monotonic_time() when main() started (for the first-frame benchmark). */
gint64             anneal_application_get_start_time (void);
void               anneal_application_set_start_time (gint64             start_time);
/* CPU time of the process so far, user and system, all threads (for the same). */
double             anneal_bench_cpu_ms               (void);
/* The app's settings: the installed schema, or the one compiled beside the program;
 * NULL (said once on standard error) when neither is there. */
GSettings         *anneal_settings_new               (void);

G_END_DECLS
