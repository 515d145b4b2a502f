/* anneal.h — the Anneal schedule library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#define ANNEAL_INSIDE
# include "anneal-format.h"
# include "anneal-schedule.h"
#undef ANNEAL_INSIDE
