/* anneal-code.h — training code out: a schedule as PyTorch or plain Python
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internal to Anneal (the CLI and the app link libanneal statically); not installed.
 */
#pragma once

#include <glib.h>

#include "anneal.h"

G_BEGIN_DECLS

typedef enum
{
  ANNEAL_CODE_PYTHON,   /* lr_at(step), with the math module only */
  ANNEAL_CODE_PYTORCH,  /* make_scheduler(optimizer), a torch.optim.lr_scheduler scheduler */
} AnnealCodeLanguage;

typedef enum
{
  ANNEAL_CODE_PER_EPOCH,  /* t counts epochs: scheduler.step() after each epoch */
  ANNEAL_CODE_PER_STEP,   /* t counts optimizer steps of the whole run: step() per batch */
} AnnealCodeUnit;

/* Python source for @schedule, commented with its spec and with how a training loop
 * steps it in @unit; NULL with @error set (ANNEAL_SPEC_ERROR_INVALID) when a kind of it
 * has no Python yet. */
char *anneal_code_generate (const AnnealSchedule *schedule,
                            AnnealCodeLanguage    language,
                            AnnealCodeUnit        unit,
                            GError              **error);

G_END_DECLS
