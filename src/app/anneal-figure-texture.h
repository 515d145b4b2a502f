/* anneal-figure-texture.h — the drawn figure in one GL texture, updated in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anneal-chart.h"

G_BEGIN_DECLS

typedef struct _AnnealFigureTexture AnnealFigureTexture;

AnnealFigureTexture *anneal_figure_texture_new    (void);
void                 anneal_figure_texture_free   (AnnealFigureTexture *self);
/* The figure drawn into the texture, and a node of it; with @keep_when_incomplete,
 * a figure the chart deferred some of (anneal_chart_has_work()) leaves the texture
 * as it was when it has the same size: the node is of the figure before. */
GskRenderNode       *anneal_figure_texture_render (AnnealFigureTexture *self,
                                                   GtkWidget           *widget,
                                                   AnnealChart         *chart,
                                                   int                  width,
                                                   int                  height,
                                                   gboolean             keep_when_incomplete);

G_END_DECLS
