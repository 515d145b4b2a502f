/* anneal.h — the Anneal schedule library: include this header only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#define ANNEAL_INSIDE
# include "anneal-version.h"
# include "anneal-version-macros.h"
# include "anneal-enums.h"
# include "anneal-format.h"
# include "anneal-schedule.h"
# include "anneal-pitfalls.h"
#undef ANNEAL_INSIDE
