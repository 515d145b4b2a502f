/* anneal-worker.h — the app's low-priority threads for work that grows with the run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What waits for a worker is taken most urgent first, then in order of arrival */
enum
{
  ANNEAL_WORKER_FIGURE,      /* what the chart deferred: the figure shown */
  ANNEAL_WORKER_PITFALLS,
  ANNEAL_WORKER_STATISTICS,
};

/* Runs @func for @task in one of the app's worker threads: as many as there are
 * processors for the whole process for the figure, as many again for the rest, at a
 * lower priority than the window's own threads, the jobs beyond them waiting their
 * turn (@priority, one of the above: the figure's never wait for the others).
 * A job whose cancellable is cancelled while it waits returns G_IO_ERROR_CANCELLED
 * without running. Where no such thread can be had, GTask's own. */
void anneal_worker_run (GTask           *task,
                        GTaskThreadFunc  func,
                        int              priority);

G_END_DECLS
