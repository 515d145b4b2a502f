/* anneal-pitfalls.h — the well-known mistakes a schedule makes over a run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (ANNEAL_INSIDE) && !defined (ANNEAL_COMPILATION)
# error "Only <anneal.h> can be included directly."
#endif

#include <glib-object.h>

#include "anneal-version-macros.h"
#include "anneal-schedule.h"

G_BEGIN_DECLS

/**
 * AnnealPitfallId:
 * @ANNEAL_PITFALL_PAST_HORIZON: the run goes past the end of a `cosine` (`t_max`),
 *   `onecycle` (`total_steps`) or `cosine-cycles` (`steps`) stage, where libraries
 *   disagree
 * @ANNEAL_PITFALL_ENDS_MID_CYCLE: a cyclic schedule ends in the first half of a
 *   cycle: training stops just after a restart, at a high rate
 * @ANNEAL_PITFALL_ZERO_RATE: the rate is exactly 0 at an epoch before the last
 * @ANNEAL_PITFALL_NEVER_PEAKS: a warm-up or rising phase does not reach its peak
 *   within the run
 * @ANNEAL_PITFALL_UNREACHED_MILESTONE: a milestone, a step boundary or a sequence
 *   stage lies at or beyond the end of the run
 *
 * The pitfalls [method@Anneal.Schedule.find_pitfalls] looks for. Their names, as
 * `anneal-cli check -n N` prints them, come from [func@Anneal.PitfallId.to_string].
 */
typedef enum
{
  ANNEAL_PITFALL_PAST_HORIZON,
  ANNEAL_PITFALL_ENDS_MID_CYCLE,
  ANNEAL_PITFALL_ZERO_RATE,
  ANNEAL_PITFALL_NEVER_PEAKS,
  ANNEAL_PITFALL_UNREACHED_MILESTONE,
} AnnealPitfallId;

/**
 * AnnealPitfall:
 *
 * One pitfall of a schedule over a run: which one, the stage it is about, a
 * sentence explaining it and, where one is obvious, a fix.
 */
typedef struct _AnnealPitfall AnnealPitfall;

/**
 * anneal_pitfall_get_type:
 *
 * The boxed type of [struct@Anneal.Pitfall].
 *
 * Returns: the #GType of #AnnealPitfall
 */
ANNEAL_AVAILABLE_IN_ALL
GType              anneal_pitfall_get_type          (void) G_GNUC_CONST;

/**
 * anneal_pitfall_id_to_string:
 * @id: a pitfall
 *
 * The pitfall's fixed name: `past-horizon`, `ends-mid-cycle`, `zero-rate`,
 * `never-peaks` or `unreached-milestone`.
 *
 * Returns: (transfer none): the name (not translated)
 */
ANNEAL_AVAILABLE_IN_ALL
const char        *anneal_pitfall_id_to_string      (AnnealPitfallId        id);

/**
 * anneal_pitfall_copy:
 * @self: a pitfall
 *
 * Copies a pitfall.
 *
 * Returns: (transfer full): the copy; free it with anneal_pitfall_free()
 */
ANNEAL_AVAILABLE_IN_ALL
AnnealPitfall     *anneal_pitfall_copy              (const AnnealPitfall   *self);

/**
 * anneal_pitfall_free:
 * @self: (transfer full): a pitfall
 *
 * Frees a pitfall.
 */
ANNEAL_AVAILABLE_IN_ALL
void               anneal_pitfall_free              (AnnealPitfall         *self);

/**
 * anneal_pitfall_get_id:
 * @self: a pitfall
 *
 * Which pitfall it is.
 *
 * Returns: the pitfall's id
 */
ANNEAL_AVAILABLE_IN_ALL
AnnealPitfallId    anneal_pitfall_get_id            (const AnnealPitfall   *self);

/**
 * anneal_pitfall_get_stage:
 * @self: a pitfall
 *
 * The stage the pitfall is about (0 for a schedule of one stage).
 *
 * Returns: the stage index
 */
ANNEAL_AVAILABLE_IN_ALL
guint              anneal_pitfall_get_stage         (const AnnealPitfall   *self);

/**
 * anneal_pitfall_get_explanation:
 * @self: a pitfall
 *
 * One sentence saying what goes wrong and where, in the user's language, with the
 * fix when there is an obvious one.
 *
 * Returns: (transfer none): the explanation
 */
ANNEAL_AVAILABLE_IN_ALL
const char        *anneal_pitfall_get_explanation   (const AnnealPitfall   *self);

/**
 * anneal_pitfall_get_fix_epochs:
 * @self: a pitfall
 *
 * The run length that avoids the pitfall, when that is the obvious fix: for
 * `ends-mid-cycle`, the end of the nearest cycle.
 *
 * Returns: the number of epochs to train for, or 0 when the fix is not a run length
 */
ANNEAL_AVAILABLE_IN_ALL
gint64             anneal_pitfall_get_fix_epochs    (const AnnealPitfall   *self);

/**
 * anneal_pitfall_get_fix_param:
 * @self: a pitfall
 * @value: (out) (optional) (transfer none): where the new value, as spec text, is
 *   stored
 *
 * The parameter of the pitfall's stage to change, when that is the obvious fix: for
 * `past-horizon`, `t_max`, `total_steps` or `steps` set to the run's length.
 * Apply it with [method@Anneal.Schedule.with_param].
 *
 * Returns: (transfer none) (nullable): the parameter's name, or %NULL when the fix
 *   is not a parameter
 */
ANNEAL_AVAILABLE_IN_ALL
const char        *anneal_pitfall_get_fix_param     (const AnnealPitfall   *self,
                                                     const char           **value);

/**
 * anneal_schedule_find_pitfalls:
 * @self: a schedule
 * @n_epochs: the length of the run: epochs 0 … @n_epochs − 1, from 1 to
 *   %ANNEAL_EPOCH_MAX
 *
 * The pitfalls of the schedule over a run of @n_epochs epochs, from what each kind
 * knows about its shape (its horizon, cycles, warm-up, milestones) and the exact
 * minimum of each stage: the cost does not grow with @n_epochs. Sorted by stage,
 * then by id; a stage gives each pitfall at most once, and a stage the run never
 * reaches gives only `unreached-milestone`.
 *
 * Returns: (transfer full) (element-type AnnealPitfall): the pitfalls, empty when
 *   there are none
 */
ANNEAL_AVAILABLE_IN_ALL
GPtrArray         *anneal_schedule_find_pitfalls    (const AnnealSchedule  *self,
                                                     gint64                 n_epochs);

/**
 * anneal_schedule_find_pitfalls_per_step:
 * @self: a schedule stepped once per optimizer step (its t counts steps)
 * @n_steps: the length of the run: steps 0 … @n_steps − 1, from 1 to
 *   %ANNEAL_EPOCH_MAX
 *
 * The same pitfalls as [method@Anneal.Schedule.find_pitfalls] finds over @n_steps
 * epochs, with explanations that speak of steps ("the run goes on to step 4999"),
 * for a schedule that a training loop steps after every batch.
 *
 * Returns: (transfer full) (element-type AnnealPitfall): the pitfalls, empty when
 *   there are none
 */
ANNEAL_AVAILABLE_IN_ALL
GPtrArray         *anneal_schedule_find_pitfalls_per_step (const AnnealSchedule *self,
                                                           gint64                n_steps);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnnealPitfall, anneal_pitfall_free)

G_END_DECLS
