/* anneal-window-private.h — the window's instance and what its parts share (and tests use)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anneal-chart-view.h"
#include "anneal-code.h"
#include "anneal-import.h"
#include "anneal-param-panel.h"
#include "anneal-priority-box.h"
#include "anneal-stats-table.h"
#include "anneal-window.h"

G_BEGIN_DECLS

struct _AnnealWindow
{
  AdwApplicationWindow  parent_instance;

  AnnealDocument       *document;
  GSettings            *settings;
  GtkRecentManager     *recent;
  GtkWindow            *shortcuts_window;  /* made when first shown (weak) */

  /* Template widgets */
  GtkWidget            *add_series_button;
  AnnealChartView      *chart_view;
  GtkWidget            *damped_button;
  GtkSpinButton        *epochs_spin;
  GtkListBox           *kinds_list;
  GtkWidget            *kinds_popover;
  GtkSearchEntry       *kinds_search;
  AdwEntryRow          *label_row;
  AnnealParamPanel     *param_panel;
  GtkWidget            *split_box;
  GtkWidget            *split;  /* an AdwFlap, or with libadwaita 1.4 and later an
                                 * AdwOverlaySplitView; see anneal_window_init() */
  AnnealPriorityBox    *chart_pane;
  GtkWidget            *epochs_label;
  GtkWidget            *export_button;
  AnnealPriorityBox    *header_end;
  AnnealPriorityBox    *header_start;
  AnnealPriorityBox    *header_title;
  GtkWidget            *log_button;
  GtkWidget            *open_button;
  GtkWidget            *presets_button;
  GtkWidget            *main_menu_button;
  GtkWidget            *reset_zoom_button;
  GtkWidget            *sidebar;
  GtkToggleButton      *sidebar_button;
  GtkWidget            *stats_card;
  GMenu                *view_section;
  GMenu                *presets_menu;
  GMenuModel           *primary_menu;
  GMenu                *recent_menu;
  GtkWidget            *schedule_group;
  GtkListBox           *series_list;
  GtkEntry             *spec_entry;
  GtkLabel             *spec_error_label;
  GtkLabel             *spec_whole_label;
  AdwComboRow          *stage_row;
  GtkStringList        *stage_model;
  GtkLabel             *stats_caption;
  GtkSpinner           *stats_spinner;
  AnnealStatsTable     *stats_table;
  GtkLabel             *stats_updating_label;
  GtkSpinButton        *steps_spin;
  AdwComboRow          *unit_row;
  AdwComboRow          *x_axis_row;
  AdwEntryRow          *title_row;
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;

  /* State */
  int                   selected;       /* series index, -1 for none */
  guint                 stage;          /* selected stage of a sequence */
  guint                 updating;       /* > 0 while widgets are set from the model */
  gboolean              epochs_squeezed; /* the Epochs field has less than its number's width */
  guint                 commit_source;
  guint                 stats_source;
  guint                 stats_spinner_source;
  guint                 stats_spinner_stop_source;  /* the spinner stops turning */
  guint                 catalogue_tick;  /* waiting for the sidebar to open the catalogue */
  gint64                catalogue_since;
  gboolean              spec_valid;
  guint                 spec_error_column;
  gboolean              close_confirmed;
  GtkWidget            *confirm_dialog;  /* weak: the question being asked, if any */
  GHashTable           *pitfalls_found;  /* AnnealSchedule → PitfallsFound */
  guint                 pitfalls_sweep;
  guint                 pitfalls_source;  /* found in a worker: shown */
  int                   pitfalls_shown_for;  /* the series the panel's are of */
};

/* anneal-window.c */
void      _anneal_window_rebuild          (AnnealWindow   *self);
/* Opens the catalogue of kinds (the Add Series popover) — once its button is on
 * screen: a folded sidebar is opened first. */
void      _anneal_window_show_catalogue   (AnnealWindow   *self);
/* What the spec entry's tooltip shows when the spec is wider than the entry: the
 * whole spec, a stage on each line; NULL when it fits (the tooltip is the help). */
char     *_anneal_window_dup_spec_tooltip (AnnealWindow   *self);
void      _anneal_window_select           (AnnealWindow   *self,
                                           int             index);
void      _anneal_window_commit           (AnnealWindow   *self);
void      _anneal_window_commit_later     (AnnealWindow   *self);
void      _anneal_window_toast            (AnnealWindow   *self,
                                           const char     *message);
void      _anneal_window_show_error       (AnnealWindow   *self,
                                           const char     *heading,
                                           const char     *body);
/* The same, with @detail (what a program said: a line and column, a value) below the
 * body in smaller text; NULL for none. */
void      _anneal_window_show_error_detail (AnnealWindow  *self,
                                            const char    *heading,
                                            const char    *body,
                                            const char    *detail);
AnnealSchedule *_anneal_window_get_selected_schedule (AnnealWindow *self);
/* Puts @schedule on the selected series (chart, row, panel; the spec text too if
 * @update_text). */
void      _anneal_window_apply_schedule   (AnnealWindow   *self,
                                           AnnealSchedule *schedule,
                                           gboolean        update_text);
/* Sets the spec entry's text as if typed: valid text updates the chart. */
void      _anneal_window_set_spec_text    (AnnealWindow   *self,
                                           const char     *text);
void      _anneal_window_update_actions   (AnnealWindow   *self);
/* The narrowest window that shows the sidebar beside the chart: the sidebar's 340
 * pixels, a separator and the chart pane's minimum width. */
#define ANNEAL_WINDOW_FOLD_WIDTH 605

/* Whether the sidebar is folded over the chart (a narrow window), and whether it is
 * shown, whichever split view holds it. */
gboolean  _anneal_window_get_sidebar_folded (AnnealWindow *self);
gboolean  _anneal_window_get_sidebar_shown  (AnnealWindow *self);

/* anneal-window-actions.c */
void      _anneal_window_actions_init       (AnnealWindow   *self);
gboolean  _anneal_window_add_kind           (AnnealWindow   *self,
                                             const char     *kind_name);
/* What dropping a file that is not a comparison does: its training code becomes a
 * series, or an alert says why not. */
void      _anneal_window_import_dropped_file (AnnealWindow  *self,
                                              GFile         *file);
gboolean  _anneal_window_add_spec           (AnnealWindow   *self,
                                             const char     *spec,
                                             const char     *label,
                                             GError        **error);
void      _anneal_window_duplicate          (AnnealWindow   *self);
void      _anneal_window_remove             (AnnealWindow   *self);
void      _anneal_window_move               (AnnealWindow   *self,
                                             int             delta);
/* The series that would be (or is) the damped twin of the selected one. */
gboolean  _anneal_window_can_damp           (AnnealWindow   *self);
gboolean  _anneal_window_has_damped_twin    (AnnealWindow   *self);
gboolean  _anneal_window_toggle_damped_twin (AnnealWindow   *self,
                                             GError        **error);
gboolean  _anneal_window_add_sweep          (AnnealWindow   *self,
                                             const char     *param,
                                             const double   *values,
                                             guint           n_values,
                                             GError        **error);
gboolean  _anneal_window_add_warmup         (AnnealWindow   *self,
                                             GError        **error);
/* Puts the selected series' training code (as `anneal-cli code` prints it) on the
 * clipboard as text. */
gboolean  _anneal_window_copy_code          (AnnealWindow   *self,
                                             AnnealCodeLanguage language,
                                             GError        **error);
/* Python training code read as a schedule: anneal_import() at the selected series'
 * peak rate when the code gives no optimizer rate. */
AnnealImport *_anneal_window_import         (AnnealWindow   *self,
                                             const char     *source,
                                             gssize          length,
                                             guint          *error_line,
                                             guint          *error_column,
                                             GError        **error);
/* What a .py file dropped on the window does: its schedule becomes a new series,
 * labelled by the call and stepped as its library steps it; FALSE with @error
 * ("line L, column C: …") when it cannot. */
gboolean  _anneal_window_import_file        (AnnealWindow   *self,
                                             GFile          *file,
                                             GError        **error);
gboolean  _anneal_window_apply_preset       (AnnealWindow   *self,
                                             const char     *id,
                                             GError        **error);
/* The "preset" action: asks first when the document has unsaved changes. */
void      _anneal_window_request_preset     (AnnealWindow   *self,
                                             const char     *id);
gboolean  _anneal_window_load_file          (AnnealWindow   *self,
                                             GFile          *file,
                                             GError        **error);
gboolean  _anneal_window_save_file          (AnnealWindow   *self,
                                             GFile          *file,
                                             GError        **error);
GtkRecentManager *_anneal_window_get_recent (AnnealWindow *self);

G_END_DECLS
