/* anneal-types.c — the boxed types of the public structures, for GObject
 * introspection and GValues
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "anneal-private.h"

G_DEFINE_BOXED_TYPE (AnnealSchedule, anneal_schedule, anneal_schedule_ref, anneal_schedule_unref)

static AnnealStats *
anneal_stats_copy (const AnnealStats *stats)
{
  return g_memdup2 (stats, sizeof *stats);
}

G_DEFINE_BOXED_TYPE (AnnealStats, anneal_stats, anneal_stats_copy, g_free)

/* Kinds and parameters are static data of the catalogue: a copy is the same pointer
 * and there is nothing to free. */
static AnnealKind *
anneal_kind_copy (AnnealKind *kind)
{
  return kind;
}

static void
anneal_kind_free (AnnealKind *kind)
{
}

G_DEFINE_BOXED_TYPE (AnnealKind, anneal_kind, anneal_kind_copy, anneal_kind_free)

static AnnealParam *
anneal_param_copy (AnnealParam *param)
{
  return param;
}

static void
anneal_param_free (AnnealParam *param)
{
}

G_DEFINE_BOXED_TYPE (AnnealParam, anneal_param, anneal_param_copy, anneal_param_free)
