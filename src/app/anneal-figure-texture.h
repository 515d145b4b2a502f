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
GskRenderNode       *anneal_figure_texture_render (AnnealFigureTexture *self,
                                                   GtkWidget           *widget,
                                                   AnnealChart         *chart,
                                                   int                  width,
                                                   int                  height);

G_END_DECLS
