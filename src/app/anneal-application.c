/* anneal-application.c — the application: windows, settings, app-wide actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <sys/resource.h>

#include "anneal-application.h"
#include "anneal-window.h"

struct _AnnealApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (AnnealApplication, anneal_application, ADW_TYPE_APPLICATION)

static gint64 start_time;

gint64
anneal_application_get_start_time (void)
{
  return start_time;
}

void
anneal_application_set_start_time (gint64 time)
{
  start_time = time;
}

double
anneal_bench_cpu_ms (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return NAN;
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

GSettings *
anneal_settings_new (void)
{
  static gsize said_once = 0;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      /* Not installed: run from the build directory, where the schema is compiled
       * beside the program. */
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *dir = exe ? g_path_get_dirname (exe) : NULL;
      g_autoptr(GSettingsSchemaSource) local = NULL;

      if (dir != NULL)
        local = g_settings_schema_source_new_from_directory (dir, source, FALSE, NULL);
      if (local != NULL)
        schema = g_settings_schema_source_lookup (local, APP_ID, TRUE);
    }

  if (schema == NULL)
    {
      /* Not a reason to stop: every setting has a default in the code. */
      if (g_once_init_enter (&said_once))
        {
          g_printerr (_("anneal: the settings schema %s is not installed: starting with "
                        "the default settings, and changes to them will not be kept\n"),
                      APP_ID);
          g_once_init_leave (&said_once, 1);
        }
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

GSettings *
anneal_application_get_settings (AnnealApplication *self)
{
  g_return_val_if_fail (ANNEAL_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = anneal_settings_new ();

  return self->settings;
}

static void
anneal_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      if (g_getenv ("ANNEAL_BENCH_FIRST_FRAME") != NULL)
        g_print ("activate-ms: %.1f\n", (g_get_monotonic_time () - start_time) / 1000.0);
      window = GTK_WINDOW (anneal_window_new (ANNEAL_APPLICATION (app)));
      if (g_getenv ("ANNEAL_BENCH_FIRST_FRAME") != NULL)
        g_print ("window-ms: %.1f\n", (g_get_monotonic_time () - start_time) / 1000.0);
    }

  gtk_window_present (window);
}

static void
anneal_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));

      anneal_window_open_in_new (ANNEAL_APPLICATION (app),
                                 ANNEAL_IS_WINDOW (active) ? ANNEAL_WINDOW (active) : NULL,
                                 files[i]);
    }
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);

  /* Each window asks about unsaved changes, one at a time; the app ends with the last. */
  anneal_window_close_in_turn (gtk_application_get_windows (app));
}

static void
new_window_activated (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  AnnealWindow *window = anneal_window_new (ANNEAL_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  static const char *developers[] = { "The Anneal developers", NULL };

#if ADW_CHECK_VERSION (1, 5, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* 1.5 API, above ADW_VERSION_MAX_ALLOWED */
  AdwDialog *dialog = adw_about_dialog_new ();

  adw_about_dialog_set_application_name (ADW_ABOUT_DIALOG (dialog), _("Anneal"));
  adw_about_dialog_set_application_icon (ADW_ABOUT_DIALOG (dialog), APP_ID);
  adw_about_dialog_set_version (ADW_ABOUT_DIALOG (dialog), PACKAGE_VERSION);
  adw_about_dialog_set_developer_name (ADW_ABOUT_DIALOG (dialog), _("The Anneal developers"));
  adw_about_dialog_set_developers (ADW_ABOUT_DIALOG (dialog), developers);
  adw_about_dialog_set_comments (ADW_ABOUT_DIALOG (dialog),
                                 _("Design, compare and export the learning-rate schedules "
                                   "of neural-network training, side by side, before training."));
  adw_about_dialog_set_license_type (ADW_ABOUT_DIALOG (dialog), GTK_LICENSE_GPL_3_0);
  adw_about_dialog_set_copyright (ADW_ABOUT_DIALOG (dialog), "© 2026 The Anneal developers");
  /* Translators: your name and email, one a line */
  adw_about_dialog_set_translator_credits (ADW_ABOUT_DIALOG (dialog), _("translator-credits"));
  adw_dialog_present (dialog, GTK_WIDGET (parent));
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  GtkWidget *about = adw_about_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), _("Anneal"));
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APP_ID);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), _("The Anneal developers"));
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), developers);
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about),
                                 _("Design, compare and export the learning-rate schedules "
                                   "of neural-network training, side by side, before training."));
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (ADW_ABOUT_WINDOW (about), "© 2026 The Anneal developers");
  /* Translators: your name and email, one a line */
  adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), _("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
#endif
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "new-window", new_window_activated },
};

static void
anneal_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit",              { "<Control>q", NULL } },
    { "app.new-window",        { "<Control>n", NULL } },
    { "win.open",              { "<Control>o", NULL } },
    { "win.save",              { "<Control>s", NULL } },
    { "win.save-as",           { "<Control><Shift>s", NULL } },
    { "win.export",            { "<Control>e", NULL } },
    { "win.copy-figure",       { "<Control><Shift>c", NULL } },
    { "win.copy-pytorch",      { "<Control><Alt>c", NULL } },
    { "win.copy-python",       { "<Control><Alt>p", NULL } },
    { "win.undo",              { "<Control>z", NULL } },
    { "win.redo",              { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.add-series",        { "<Control>plus", "<Control>KP_Add", NULL } },
    { "win.duplicate-series",  { "<Control>d", NULL } },
    { "win.remove-series",     { "<Control>Delete", NULL } },
    { "win.log-y",             { "<Control>l", NULL } },
    { "win.reset-zoom",        { "<Control>0", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (anneal_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           accels[i].action, accels[i].accels);
}

/* The windows' icon, for X11 window managers: GTK loads it when a window is
 * realized, through gdk-pixbuf and librsvg for our SVG, some 10 ms of the start-up
 * on a slow machine. It is given once the first window's first frame is on the
 * screen, from an idle rather than in the frame clock's after-paint, which the
 * next frame waits for: to the windows there are (GTK 4.8 does not pass a new
 * default to a realized window) and as the default to those to come. Wayland
 * compositors take the desktop file's. */
static gboolean
set_icon_idle (gpointer app)
{
  if (gtk_window_get_default_icon_name () != NULL)
    return G_SOURCE_REMOVE;
  gtk_window_set_default_icon_name (APP_ID);
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (gtk_window_get_icon_name (l->data) == NULL)
      gtk_window_set_icon_name (l->data, APP_ID);
  return G_SOURCE_REMOVE;
}

static void
set_icon_after_paint (GdkFrameClock *clock,
                      gpointer       app)
{
  g_signal_handlers_disconnect_by_func (clock, set_icon_after_paint, app);
  g_idle_add_full (G_PRIORITY_LOW, set_icon_idle, g_object_ref (app), g_object_unref);
}

static void
set_icon_once_realized (GtkWidget *window,
                        gpointer   app)
{
  g_signal_handlers_disconnect_by_func (window, set_icon_once_realized, app);
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (set_icon_after_paint), app, 0);
}

static void
anneal_application_window_added (GtkApplication *app,
                                 GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (anneal_application_parent_class)->window_added (app, window);

  if (gtk_window_get_default_icon_name () != NULL)
    return;
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    set_icon_once_realized (GTK_WIDGET (window), app);
  else
    g_signal_connect (window, "realize", G_CALLBACK (set_icon_once_realized), app);
}

static void
anneal_application_finalize (GObject *object)
{
  AnnealApplication *self = (AnnealApplication *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (anneal_application_parent_class)->finalize (object);
}

static void
anneal_application_class_init (AnnealApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = anneal_application_finalize;

  app_class->activate = anneal_application_activate;
  app_class->open = anneal_application_open;
  app_class->startup = anneal_application_startup;
  GTK_APPLICATION_CLASS (klass)->window_added = anneal_application_window_added;
}

static void
anneal_application_init (AnnealApplication *self)
{
  g_set_application_name (_("Anneal"));
}

AnnealApplication *
anneal_application_new (void)
{
  return g_object_new (ANNEAL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/annealapp/Anneal",
                       NULL);
}
