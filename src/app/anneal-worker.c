/* anneal-worker.c — the app's low-priority threads for work that grows with the run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The statistics of every series, the pitfalls of one over a long run and what the
 * chart deferred of its figure are found here, off the main loop. The figure has
 * threads of its own: statistics that take minutes (restarts over 10^15 epochs with
 * t_mul near 1), as many as there are processors, held every thread and the chart
 * said "Drawing…" until one ended. The others take the pitfalls before the
 * statistics (the statistics of 1000 series, queued first, would hold the pitfalls
 * back until all were done). The threads run at a
 * lower priority than the rest of the process, so that eight series over 10^15
 * epochs do not starve the window's own drawing; at most as many run at once as
 * there are processors (a document of 1000 series started 1000 threads). A thread may lower its priority, not raise it again:
 * not GTask's shared threads, then.
 */

#include "config.h"

#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "anneal-worker.h"

/* The nice value of the workers: below the window's own threads and GSK's software
 * rasterizer. */
#define WORKER_NICE 10

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
  int              priority;
  guint64          seq;       /* in order of arrival among equals */
} Job;

/* The next job: the most urgent, then the first to come */
static int
job_compare (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const Job *x = a, *y = b;

  if (x->priority != y->priority)
    return x->priority < y->priority ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
worker_run (gpointer data,
            gpointer user_data)
{
  Job *job = data;
  g_autoptr(GTask) task = job->task;
  GTaskThreadFunc func = job->func;

  g_free (job);
#ifdef __linux__
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), WORKER_NICE) != 0)
    g_debug ("Worker at the normal priority: %s", g_strerror (errno));
#endif
  if (g_task_return_error_if_cancelled (task))
    return;
  func (task, g_task_get_source_object (task), g_task_get_task_data (task),
        g_task_get_cancellable (task));
}

/* The figure's pool, or the one of the rest */
static GThreadPool *
worker_pool (int      priority,
             GError **error)
{
  static GThreadPool *pools[2];
  static GMutex lock;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  guint which = priority == ANNEAL_WORKER_FIGURE ? 0 : 1;

  if (pools[which] == NULL)
    {
      pools[which] = g_thread_pool_new (worker_run, NULL, (int) g_get_num_processors (), TRUE,
                                        error);
      if (pools[which] != NULL)
        g_thread_pool_set_sort_function (pools[which], job_compare, NULL);
    }
  return pools[which];
}

void
anneal_worker_run (GTask           *task,
                   GTaskThreadFunc  func,
                   int              priority)
{
  static guint64 seq;
  G_LOCK_DEFINE_STATIC (seq);
  g_autoptr(GError) error = NULL;
  GThreadPool *pool;
  Job *job;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  pool = worker_pool (priority, &error);
  job = g_new (Job, 1);
  job->task = g_object_ref (task);
  job->func = func;
  job->priority = priority;
  G_LOCK (seq);
  job->seq = seq++;
  G_UNLOCK (seq);
  if (pool == NULL || !g_thread_pool_push (pool, job, &error))
    {
      g_debug ("No worker thread: %s", error != NULL ? error->message : "");
      g_object_unref (job->task);
      g_free (job);
      g_task_run_in_thread (task, func);
    }
}
