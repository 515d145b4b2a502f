/* anneal-presets.h — the notebook's figures and common recipes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anneal-chart.h"

G_BEGIN_DECLS

#define ANNEAL_PRESET_MAX_SERIES 8
#define ANNEAL_PRESET_DEFAULT "standard-vs-damped"

typedef struct
{
  const char *spec;
  const char *label;   /* untranslated msgid */
} AnnealPresetSeries;

typedef struct
{
  const char         *id;
  const char         *title;      /* untranslated msgid */
  gboolean            recipe;     /* FALSE: one of the notebook's figures */
  gint64              epochs;
  gboolean            log_y;
  AnnealPresetSeries  series[ANNEAL_PRESET_MAX_SERIES];
} AnnealPreset;

guint               anneal_preset_get_count (void);
const AnnealPreset *anneal_preset_get_nth   (guint               i);
const AnnealPreset *anneal_preset_lookup    (const char         *id);
/* Replaces the chart's series, epochs and axis by the preset's. */
gboolean            anneal_preset_apply     (const AnnealPreset *preset,
                                             AnnealChart        *chart,
                                             GError            **error);

G_END_DECLS
