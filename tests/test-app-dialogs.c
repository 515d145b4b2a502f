/* test-app-dialogs.c — the dialogs whose code depends on the GTK and libadwaita version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The About dialog, the alert that reports a file that cannot be opened, the file
 * choosers (GtkFileDialog from GTK 4.10, GtkFileChooserNative before), a failed export
 * and the toast's Open button (GtkFileLauncher from 4.10, gtk_show_uri_full before)
 * and the question about unsaved changes on close (AdwAboutDialog and AdwAlertDialog
 * from libadwaita 1.5, AdwAboutWindow and AdwMessageDialog before). Debian 12 runs one
 * branch of each, the Debian 13 leg of CI (tools/test-trixie) the other.
 *
 * Runs under a display with G_DEBUG=fatal-warnings: a GTK warning while a dialog is
 * measured or shown fails the test. There is no session bus (the test points
 * DBUS_SESSION_BUS_ADDRESS at nothing), so there is no portal either and the file
 * dialogs are GTK's own GtkFileChooserDialog, answered here as a user would.
 */

#include "config.h"

#include <signal.h>
#include <sys/resource.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "anneal-application.h"
#include "anneal-document.h"
#include "anneal-export-dialog.h"
#include "anneal-sweep-dialog.h"
#include "anneal-window-private.h"

#include "anneal-test-app.h"

typedef struct
{
  AnnealWindow *window;
  char         *tmpdir;
} Fixture;

/* Where the test's app for PNG images copies what it is asked to open (see main()) */
static char *opened_path;

/* The dialogs open asynchronously: wait for them, but never for ever. */
#define WAIT_SECONDS 20

static gboolean
deadline_passed (gint64 start)
{
  return g_get_monotonic_time () - start > WAIT_SECONDS * G_USEC_PER_SEC;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = g_object_ref_sink (anneal_window_new (NULL));
  f->tmpdir = g_dir_make_tmp ("test-app-dialogs-XXXXXX", NULL);
  g_assert_nonnull (f->tmpdir);
  gtk_window_present (GTK_WINDOW (f->window));
  anneal_test_iterate ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    {
      /* No question about unsaved changes when the test is over. */
      f->window->close_confirmed = TRUE;
      gtk_window_destroy (GTK_WINDOW (f->window));
      g_clear_object (&f->window);
    }
  anneal_test_iterate ();
  anneal_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
}

/* Widgets the way a user finds them: by what they show */

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && gtk_widget_get_visible (child) &&
          gtk_widget_get_child_visible (child))
        {
          const char *shown = GTK_IS_BUTTON (child) ? gtk_button_get_label (GTK_BUTTON (child))
                            : GTK_IS_LABEL (child) ? gtk_label_get_text (GTK_LABEL (child))
                            : NULL;

          if (text == NULL || (shown != NULL && g_str_has_prefix (shown, text)))
            return child;
        }
      if ((found = find_widget (child, type, text)) != NULL)
        return found;
    }

  return NULL;
}

/* Clicks the button labelled @label in @dialog, as a pointer would. */
static void
click (GtkWidget  *dialog,
       const char *label)
{
  GtkWidget *button = find_widget (dialog, GTK_TYPE_BUTTON, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  anneal_test_iterate ();
}

/* A toplevel window of @type other than @except, shown. */
static GtkWidget *
find_toplevel (GType      type,
               GtkWidget *except)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (window != except && G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (window))
        return window;
    }

  return NULL;
}

/* The dialog that @window shows now: inside it from libadwaita 1.5 (AdwDialog), a
 * window of its own, transient for it, before. NULL for none. */
static GtkWidget *
get_dialog (AnnealWindow *window)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* 1.5 API, above ADW_VERSION_MAX_ALLOWED */
  return (GtkWidget *) adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) dialog = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window) &&
          gtk_widget_get_visible (GTK_WIDGET (dialog)) &&
          (ADW_IS_MESSAGE_DIALOG (dialog) || ADW_IS_ABOUT_WINDOW (dialog)))
        return GTK_WIDGET (dialog);
    }
  return NULL;
#endif
}

static GtkWidget *
wait_for_dialog (AnnealWindow *window)
{
  gint64 start = g_get_monotonic_time ();
  GtkWidget *dialog;

  while ((dialog = get_dialog (window)) == NULL && !deadline_passed (start))
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (dialog);

  /* shown and laid out: the size warnings come from here */
  while (!gtk_widget_get_mapped (dialog) && !deadline_passed (start))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (dialog));
  anneal_test_iterate ();

  return dialog;
}

static void
wait_for_no_dialog (AnnealWindow *window)
{
  gint64 start = g_get_monotonic_time ();

  while (get_dialog (window) != NULL && !deadline_passed (start))
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (get_dialog (window));
}

/* An alert's heading and body, whichever widget shows it. */
static void
alert_get_text (GtkWidget   *alert,
                const char **heading,
                const char **body)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* 1.5 API, above ADW_VERSION_MAX_ALLOWED */
  g_assert_true (ADW_IS_ALERT_DIALOG (alert));
  *heading = adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (alert));
  *body = adw_alert_dialog_get_body (ADW_ALERT_DIALOG (alert));
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  g_assert_true (ADW_IS_MESSAGE_DIALOG (alert));
  *heading = adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (alert));
  *body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (alert));
#endif
}

/* GTK's own file chooser, once it is up. */
static GtkWidget *
wait_for_file_chooser (void)
{
  gint64 start = g_get_monotonic_time ();
  GtkWidget *chooser;

  while ((chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL)) == NULL &&
         !deadline_passed (start))
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (chooser);
  while (!gtk_widget_get_mapped (chooser) && !deadline_passed (start))
    g_main_context_iteration (NULL, TRUE);
  anneal_test_iterate ();

  return chooser;
}

static void
wait_for_no_file_chooser (void)
{
  gint64 start = g_get_monotonic_time ();

  while (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL) != NULL && !deadline_passed (start))
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL));
}

/* Types @name into the chooser, in @folder, and presses its accept button. */
static void
file_chooser_accept (GtkWidget  *chooser,
                     const char *folder,
                     const char *name)
{
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), dir, &error));
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  anneal_test_iterate ();
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  wait_for_no_file_chooser ();
  anneal_test_iterate ();
}

/* The keyboard shortcuts window (Ctrl+?) shows the keys of every entry: those named
 * by their action (Open, Save, Undo, Export …) showed none, their keys being the
 * application's and the window not told whose help it is. */

/* The key labels under @widget (a gesture's is hidden: it shows a picture): how
 * many, and how many show no key */
static void
count_shortcut_labels (GtkWidget *widget,
                       guint     *n,
                       guint     *empty)
{
  if (GTK_IS_SHORTCUT_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      const char *accelerator = gtk_shortcut_label_get_accelerator (GTK_SHORTCUT_LABEL (widget));

      (*n)++;
      if (accelerator == NULL || accelerator[0] == '\0')
        {
          GtkWidget *shortcut = gtk_widget_get_ancestor (widget, GTK_TYPE_SHORTCUTS_SHORTCUT);
          g_autofree char *title = NULL;

          if (shortcut != NULL)
            g_object_get (shortcut, "title", &title, NULL);
          g_test_message ("no keys shown for %s", title != NULL ? title : "?");
          (*empty)++;
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    count_shortcut_labels (c, n, empty);
}

/* The application of the tests that need one: one a process (it names the program) */
static AnnealApplication *
registered_app (void)
{
  static AnnealApplication *app;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = anneal_application_new ();
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
      g_assert_no_error (error);
    }
  return app;
}

static void
test_shortcuts_keys (void)
{
  AnnealWindow *window;
  GtkWindow *shortcuts = NULL;
  guint n = 0, empty = 0;

  window = anneal_window_new (registered_app ());
  gtk_window_present (GTK_WINDOW (window));
  anneal_test_iterate ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  anneal_test_iterate ();
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (GTK_IS_SHORTCUTS_WINDOW (l->data))
      shortcuts = l->data;
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  count_shortcut_labels (GTK_WIDGET (shortcuts), &n, &empty);
  g_assert_cmpuint (n, >, 20);
  g_assert_cmpuint (empty, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  anneal_test_iterate ();
}

/* The About dialog, and the windows' icon */

static void
test_about (void)
{
  AnnealApplication *app = registered_app ();
  AnnealWindow *window;
  GtkWidget *about;

  window = anneal_window_new (app);
  gtk_window_present (GTK_WINDOW (window));

  /* The windows' icon comes after the first window's first frame (not loaded on
   * the way to it): to that window, and as the default to the next ones. (Newer
   * GTK gives the application's id as the default icon itself, at start-up.) */
  while (gtk_window_get_default_icon_name () == NULL)
    g_main_context_iteration (NULL, TRUE);
  anneal_test_iterate ();
  g_assert_cmpstr (gtk_window_get_default_icon_name (), ==, APP_ID);
  g_assert_cmpstr (gtk_window_get_icon_name (GTK_WINDOW (window)) != NULL
                   ? gtk_window_get_icon_name (GTK_WINDOW (window))
                   : gtk_window_get_default_icon_name (), ==, APP_ID);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = wait_for_dialog (window);

#if ADW_CHECK_VERSION (1, 5, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* 1.5 API, above ADW_VERSION_MAX_ALLOWED */
  g_assert_true (ADW_IS_ABOUT_DIALOG (about));
  g_assert_cmpstr (adw_about_dialog_get_application_name (ADW_ABOUT_DIALOG (about)), ==, "Anneal");
  g_assert_cmpstr (adw_about_dialog_get_version (ADW_ABOUT_DIALOG (about)), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_dialog_get_application_icon (ADW_ABOUT_DIALOG (about)), ==, APP_ID);
  g_assert_cmpint (adw_about_dialog_get_license_type (ADW_ABOUT_DIALOG (about)), ==,
                   GTK_LICENSE_GPL_3_0);
  g_assert_true (adw_dialog_close (ADW_DIALOG (about)));
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  g_assert_true (ADW_IS_ABOUT_WINDOW (about));
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Anneal");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==, APP_ID);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==,
                   GTK_LICENSE_GPL_3_0);
  gtk_window_close (GTK_WINDOW (about));
#endif
  wait_for_no_dialog (window);

  gtk_window_destroy (GTK_WINDOW (window));
  anneal_test_iterate ();
}

/* A file that cannot be opened: an alert says in words what is wrong with which file,
 * what the loader found below it in small print (never json-glib's
 * "<data>:1:3: Parse error: …"), and nothing changes. The heading has no file name:
 * libadwaita 1.7 measures it unwrapped (see show_open_error()). */
static void
test_open_damaged (Fixture       *f,
                   gconstpointer  data)
{
  static const struct {
    const char *text;     /* NULL: no such file */
    const char *heading;
    const char *body;     /* after the quoted name */
    const char *detail;   /* how the small print starts */
  } cases[] = {
    { "this is not json", "File Is Damaged",
      " is damaged: it is not a valid Anneal comparison.",
      "Line 1, column 1: expected a JSON value" },
    { "{\"format\": \"anneal\", \"version\": 1, \"title\": \"\\ud800\", \"series\": []}",
      "File Is Damaged", " is damaged: it is not a valid Anneal comparison.",
      "Line 1, column 46: a \\u escape in text is half of a character" },
    { "{\"format\": \"other\", \"version\": 1, \"series\": []}", "Not a Comparison",
      " is not a comparison saved by Anneal.", "The file is not an Anneal document" },
    { "{\"format\": \"anneal\", \"version\": 2, \"series\": []}", "Made by a Newer Anneal",
      " was saved by a newer version of Anneal. Update Anneal to open it.",
      "The file was written by a newer version of Anneal (format 2)" },
    { "{\"format\": \"anneal\", \"version\": 1, \"series\": [{\"spec\": \"cosine(lr=-1)\"}]}",
      "Could Not Open Comparison", " holds a value Anneal does not accept.",
      "Series 1 has a schedule Anneal refuses: column 11: " },
    { NULL, "Could Not Open File", " could not be read.",
      "Error when getting information for file " },
  };
  AnnealDocument *document = anneal_window_get_document (f->window);
  g_autofree char *before = anneal_document_serialize (document);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (f->tmpdir, "a damaged comparison.anneal", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *after = NULL;
      g_autofree char *expected = NULL;
      const char *heading, *body;
      GtkWidget *alert, *detail;

      if (cases[i].text != NULL)
        g_assert_true (g_file_set_contents (path, cases[i].text, -1, NULL));
      else
        g_assert_no_errno (g_unlink (path));

      anneal_window_open_file (f->window, file);
      alert = wait_for_dialog (f->window);
      alert_get_text (alert, &heading, &body);
      g_assert_cmpstr (heading, ==, cases[i].heading);
      expected = g_strconcat ("“a damaged comparison.anneal”", cases[i].body, NULL);
      g_assert_cmpstr (body, ==, expected);
      g_assert_nonnull (find_widget (alert, GTK_TYPE_LABEL, cases[i].heading));
      g_assert_nonnull (find_widget (alert, GTK_TYPE_LABEL, expected));

      /* the detail, below, smaller; no parser internals */
      detail = find_widget (alert, GTK_TYPE_LABEL, cases[i].detail);
      g_assert_nonnull (detail);
      g_assert_true (gtk_widget_has_css_class (detail, "caption"));
      g_assert_true (gtk_label_get_wrap (GTK_LABEL (detail)));
      g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (detail)), "<data>"));
      g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (detail)), "Parse error"));

      after = anneal_document_serialize (document);
      g_assert_cmpstr (before, ==, after);
      g_assert_null (anneal_document_get_file (document));

      click (alert, "_Close");
      wait_for_no_dialog (f->window);
    }
}

static guint
count_windows (void)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ANNEAL_IS_WINDOW (window) && gtk_widget_get_visible (window))
        n++;
    }

  return n;
}

/* Issue 13: Open… from a window with work in it, a file Anneal refuses
 * (cosine-wave(period=0)): the reason on that window, no new "Untitled Comparison"
 * window left behind, the work untouched. */
static void
test_open_refused_from_chooser (Fixture       *f,
                                gconstpointer  data)
{
  AnnealDocument *document = anneal_window_get_document (f->window);
  g_autofree char *path = g_build_filename (f->tmpdir, "refused.anneal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *heading, *body;
  GtkWidget *chooser, *alert;
  guint windows;

  g_assert_true (g_file_set_contents (path, "{\"format\": \"anneal\", \"version\": 1, "
                                      "\"series\": [{\"spec\": \"cosine-wave(period=0)\"}]}",
                                      -1, NULL));
  g_assert_true (_anneal_window_add_spec (f->window, "step(gamma=0.5)", "mine", NULL));
  _anneal_window_commit (f->window);
  g_assert_true (anneal_document_get_modified (document));
  before = anneal_document_serialize (document);
  windows = count_windows ();

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open", NULL);
  chooser = wait_for_file_chooser ();
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, &error));
  g_assert_no_error (error);
  /* selected once the folder has loaded: until then Open would not answer */
  {
    gint64 start = g_get_monotonic_time ();

    while (!deadline_passed (start))
      {
        g_autoptr(GFile) selected = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

        if (selected != NULL && g_file_equal (selected, file))
          break;
        g_main_context_iteration (NULL, TRUE);
      }
  }
  anneal_test_iterate ();
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  wait_for_no_file_chooser ();

  alert = wait_for_dialog (f->window);
  alert_get_text (alert, &heading, &body);
  g_assert_cmpstr (heading, ==, "Could Not Open Comparison");
  g_assert_true (g_str_has_prefix (body, "“refused.anneal”"));
  g_assert_nonnull (find_widget (alert, GTK_TYPE_LABEL, "Series 1 has a schedule Anneal refuses"));
  g_assert_cmpuint (count_windows (), ==, windows);

  click (alert, "_Close");
  wait_for_no_dialog (f->window);
  anneal_test_iterate ();
  g_assert_cmpuint (count_windows (), ==, windows);
  after = anneal_document_serialize (document);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (anneal_document_get_modified (document));
  g_assert_null (anneal_document_get_file (document));
}

/* Dropped code Anneal cannot reproduce: the alert names the file in its body (not in
 * the heading) and where the code goes wrong below; no series is added. */
static void
test_import_refused (Fixture       *f,
                     gconstpointer  data)
{
  AnnealChart *chart = anneal_document_get_chart (anneal_window_get_document (f->window));
  g_autofree char *path = g_build_filename (f->tmpdir, "a long name for a training script.py",
                                            NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint n_series = anneal_chart_get_n_series (chart);
  const char *heading, *body;
  GtkWidget *alert, *detail;

  g_assert_true (g_file_set_contents (path, "import optax\n\nschedule = "
                                      "optax.cosine_decay_schedule(0.1, decay_steps=len(loader))\n",
                                      -1, NULL));
  _anneal_window_import_dropped_file (f->window, file);
  alert = wait_for_dialog (f->window);
  alert_get_text (alert, &heading, &body);
  g_assert_cmpstr (heading, ==, "Could Not Import Code");
  g_assert_cmpstr (body, ==,
                   "Anneal could not read a schedule from “a long name for a training script.py”.");
  detail = find_widget (alert, GTK_TYPE_LABEL, "Line 3, column 57: ");
  g_assert_nonnull (detail);
  g_assert_true (gtk_widget_has_css_class (detail, "caption"));
  g_assert_cmpuint (anneal_chart_get_n_series (chart), ==, n_series);

  click (alert, "_Close");
  wait_for_no_dialog (f->window);
}

/* Open…, then Cancel: nothing opens, nothing changes. */
static void
test_open_cancelled (Fixture       *f,
                     gconstpointer  data)
{
  AnnealDocument *document = anneal_window_get_document (f->window);
  g_autofree char *before = anneal_document_serialize (document);
  g_autofree char *after = NULL;
  GtkWidget *chooser;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open", NULL);
  chooser = wait_for_file_chooser ();
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_OPEN);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, "Open Comparison");

  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  wait_for_no_file_chooser ();
  anneal_test_iterate ();

  after = anneal_document_serialize (document);
  g_assert_cmpstr (before, ==, after);
  g_assert_null (anneal_document_get_file (document));
  g_assert_null (get_dialog (f->window));
  g_assert_null (find_toplevel (ANNEAL_TYPE_WINDOW, GTK_WIDGET (f->window)));
}

/* Save As…, a name typed, Save: the file is written, reads back, and is the document's. */
static void
test_save_accepted (Fixture       *f,
                    gconstpointer  data)
{
  AnnealDocument *document = anneal_window_get_document (f->window);
  g_autofree char *path = g_build_filename (f->tmpdir, "mine.anneal", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_path = NULL;
  GtkWidget *chooser;

  g_assert_true (_anneal_window_add_spec (f->window, "step(gamma=0.5)", "halving", NULL));
  _anneal_window_commit (f->window);
  g_assert_true (anneal_document_get_modified (document));
  expected = anneal_document_serialize (document);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-as", NULL);
  chooser = wait_for_file_chooser ();
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SAVE);
  file_chooser_accept (chooser, f->tmpdir, "mine.anneal");

  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_cmpstr (saved, ==, expected);
  g_assert_nonnull (anneal_document_get_file (document));
  saved_path = g_file_get_path (anneal_document_get_file (document));
  g_assert_cmpstr (saved_path, ==, path);
  g_assert_false (anneal_document_get_modified (document));

  /* and it opens again as it was */
  {
    g_autoptr(AnnealDocument) copy = anneal_document_new ();
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;
    g_autofree char *reread = NULL;

    g_assert_true (anneal_document_load_file (copy, file, &error));
    g_assert_no_error (error);
    reread = anneal_document_serialize (copy);
    g_assert_cmpstr (reread, ==, expected);
  }
}

/* The figure is written in a worker thread: until it is, the dialog is busy */
static void
wait_for_export (GtkWidget *dialog)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (anneal_export_dialog_get_busy (ANNEAL_EXPORT_DIALOG (dialog)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (anneal_export_dialog_get_busy (ANNEAL_EXPORT_DIALOG (dialog)));
  anneal_test_iterate ();
}

/* Export…, a file name, Export…, and the disk refuses: the reason is shown, the export
 * dialog stays for another try, and no file is left behind. */
static void
test_export_failed (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "figure.png", NULL);
  g_autoptr(GtkWidget) held = NULL;
  GtkWidget *dialog;
  GtkWidget *chooser;
  GtkWidget *toast;
  struct rlimit saved, small;
  void (*handler) (int);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL);
  anneal_test_iterate ();
  dialog = find_toplevel (ANNEAL_TYPE_EXPORT_DIALOG, NULL);
  g_assert_nonnull (dialog);
  held = g_object_ref (dialog);  /* asked whether it is busy after it is gone */
  click (dialog, "_Export");
  chooser = wait_for_file_chooser ();
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SAVE);

  /* a file-size limit far below the PNG (but above the recent files' list, which the
   * chooser updates): the write fails half-way (EFBIG) */
  handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  small = saved;
  small.rlim_cur = 16 * 1024;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  file_chooser_accept (chooser, f->tmpdir, "figure.png");
  wait_for_export (dialog);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, handler);

  toast = find_widget (GTK_WIDGET (f->window->toast_overlay), GTK_TYPE_LABEL, "Could not export: ");
  g_assert_nonnull (toast);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (toast)), !=, "Could not export: ");
  g_assert_true (find_toplevel (ANNEAL_TYPE_EXPORT_DIALOG, NULL) == dialog);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* a second try, with room, writes the figure and closes the dialog */
  click (dialog, "_Export");
  chooser = wait_for_file_chooser ();
  file_chooser_accept (chooser, f->tmpdir, "figure.png");
  wait_for_export (dialog);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_null (find_toplevel (ANNEAL_TYPE_EXPORT_DIALOG, NULL));

  /* and says so, with a button that opens the figure (the window's action: the
   * toast outlives the dialog) */
  {
    gint64 start = g_get_monotonic_time ();

    /* (the failure's toast goes first, and fades out for as long as a loaded machine
     * takes to draw its frames) */
    while (((toast = find_widget (GTK_WIDGET (f->window->toast_overlay), GTK_TYPE_LABEL,
                                  "Exported “figure.png”")) == NULL ||
            find_widget (GTK_WIDGET (f->window->toast_overlay), GTK_TYPE_LABEL,
                         "Could not export: ") != NULL) &&
           !deadline_passed (start))
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_nonnull (toast);
  g_assert_null (find_widget (GTK_WIDGET (f->window->toast_overlay), GTK_TYPE_LABEL,
                              "Could not export: "));
  {
    g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
    GtkWidget *shown = toast;
    GtkWidget *open;
    GVariant *target;

    while (shown != NULL && g_strcmp0 (gtk_widget_get_css_name (shown), "toast") != 0)
      shown = gtk_widget_get_parent (shown);
    g_assert_nonnull (shown);
    open = find_widget (shown, GTK_TYPE_BUTTON, "_Open");
    g_assert_nonnull (open);
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (open)), ==,
                     "win.open-exported");
    target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (open));
    g_assert_nonnull (target);
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, uri);
    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->window), "open-exported"));

    /* Open: the user's app for PNG images gets the figure */
    {
      gint64 start = g_get_monotonic_time ();
      g_autofree char *written = NULL;
      g_autofree char *opened = NULL;
      gsize written_length = 0, opened_length = 0;

      g_signal_emit_by_name (open, "clicked");
      while (!g_file_test (opened_path, G_FILE_TEST_IS_REGULAR) && !deadline_passed (start))
        {
          g_usleep (10000);
          anneal_test_iterate ();
        }
      g_assert_true (g_file_get_contents (path, &written, &written_length, NULL));
      /* cp may still be writing */
      while (!deadline_passed (start))
        {
          g_clear_pointer (&opened, g_free);
          if (g_file_get_contents (opened_path, &opened, &opened_length, NULL) &&
              opened_length == written_length)
            break;
          g_usleep (10000);
        }
      g_assert_cmpmem (opened, opened_length, written, written_length);
      g_assert_null (find_widget (GTK_WIDGET (f->window->toast_overlay), GTK_TYPE_LABEL,
                                  "Could not open the file"));
    }
  }
}

/* Closing with unsaved changes asks first: Cancel keeps the window, Save writes the file
 * and closes, Discard closes without writing. */
static void
close_with_changes (Fixture    *f,
                    const char *answer)
{
  AnnealDocument *document = anneal_window_get_document (f->window);
  AnnealWindow *window = f->window;
  g_autofree char *path = g_build_filename (f->tmpdir, "kept.anneal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *changed = NULL;
  const char *heading, *body;
  GtkWidget *alert;

  g_assert_true (_anneal_window_save_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &on_disk, NULL, NULL));
  g_assert_true (_anneal_window_add_spec (window, "cosine(t_max=20)", NULL, NULL));
  _anneal_window_commit (window);
  g_assert_true (anneal_document_get_modified (document));
  changed = anneal_document_serialize (document);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_clear_object (&f->window);  /* the window keeps itself until it is destroyed */

  gtk_window_close (GTK_WINDOW (window));
  alert = wait_for_dialog (window);
  alert_get_text (alert, &heading, &body);
  g_assert_cmpstr (heading, ==, "Save Changes?");
  g_assert_cmpstr (body, ==, "“kept.anneal” has changes that were not saved. "
                             "Save them before closing?");
  click (alert, answer);

  if (g_str_equal (answer, "_Cancel"))
    {
      g_autofree char *now = NULL;

      wait_for_no_dialog (window);
      g_assert_nonnull (window);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
      g_assert_true (anneal_document_get_modified (document));
      g_assert_true (g_file_get_contents (path, &now, NULL, NULL));
      g_assert_cmpstr (now, ==, on_disk);
      f->window = g_object_ref (window);
      g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *) &window);
      return;
    }

  {
    gint64 start = g_get_monotonic_time ();
    g_autofree char *now = NULL;

    while (window != NULL && !deadline_passed (start))
      g_main_context_iteration (NULL, TRUE);
    g_assert_null (window);
    g_assert_true (g_file_get_contents (path, &now, NULL, NULL));
    g_assert_cmpstr (now, ==, g_str_equal (answer, "_Save") ? changed : on_disk);
  }
}

static void
test_close_cancel (Fixture       *f,
                   gconstpointer  data)
{
  close_with_changes (f, "_Cancel");
}

static void
test_close_save (Fixture       *f,
                 gconstpointer  data)
{
  close_with_changes (f, "_Save");
}

static void
test_close_discard (Fixture       *f,
                    gconstpointer  data)
{
  close_with_changes (f, "_Discard");
}

/* A window tiled to phone size (360 pixels): its dialogs are no wider, however long
 * a translation of their buttons is (here the longest English ones). */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  gint64 start = g_get_monotonic_time ();
  const struct { const char *action; GType type; } dialogs[] = {
    { "win.export", ANNEAL_TYPE_EXPORT_DIALOG },
    { "win.sweep", ANNEAL_TYPE_SWEEP_DIALOG },
  };

  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  while (gtk_widget_get_width (window) > 360 && !deadline_passed (start))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);

  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    {
      GtkWidget *dialog;

      _anneal_window_select (f->window, 0);
      gtk_widget_activate_action (window, dialogs[i].action, NULL);
      start = g_get_monotonic_time ();
      while (((dialog = find_toplevel (dialogs[i].type, NULL)) == NULL ||
              !gtk_widget_get_mapped (dialog)) && !deadline_passed (start))
        g_main_context_iteration (NULL, TRUE);
      g_assert_nonnull (dialog);
      g_assert_true (gtk_widget_get_mapped (dialog));
      anneal_test_iterate ();
      g_assert_cmpint (gtk_widget_get_width (dialog), >, 0);
      g_assert_cmpint (gtk_widget_get_width (dialog), <=, 360);
      gtk_window_destroy (GTK_WINDOW (dialog));
      anneal_test_iterate ();
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = anneal_test_app_home ("test-app-dialogs");
  int ret;

  /* No session bus: no portal, GTK's own file chooser, and no D-Bus daemon started
   * for us. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/anneal-test-bus", TRUE);
  g_setenv ("GTK_USE_PORTAL", "0", TRUE);
  /* The user's app for PNG images, for the toast's Open button: it copies the file it
   * is given to opened.png in the home folder. */
  {
    g_autofree char *apps = g_build_filename (home, "applications", NULL);
    g_autofree char *desktop = g_build_filename (apps, "anneal-test-viewer.desktop", NULL);
    g_autofree char *mimeapps = g_build_filename (home, "mimeapps.list", NULL);
    g_autofree char *entry = NULL;

    opened_path = g_build_filename (home, "opened.png", NULL);
    entry = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test Viewer\n"
                             "Exec=cp %%f %s\nMimeType=image/png;\nNoDisplay=true\n",
                             opened_path);
    g_assert_no_errno (g_mkdir_with_parents (apps, 0700));
    g_assert_true (g_file_set_contents (desktop, entry, -1, NULL));
    g_assert_true (g_file_set_contents (mimeapps, "[Default Applications]\n"
                                        "image/png=anneal-test-viewer.desktop\n", -1, NULL));
  }
  /* GTK's file chooser records the program in the recent files on accept. */
  g_set_prgname ("test-app-dialogs");

  if (!anneal_test_app_init (&argc, &argv, home))
    return 0;

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/anneal/app/dialogs/about", test_about);
  g_test_add_func ("/anneal/app/dialogs/shortcuts-keys", test_shortcuts_keys);
  ADD ("/anneal/app/dialogs/open-damaged", test_open_damaged);
  ADD ("/anneal/app/dialogs/open-cancelled", test_open_cancelled);
  ADD ("/anneal/app/dialogs/import-refused", test_import_refused);
  ADD ("/anneal/app/dialogs/open-refused-from-chooser", test_open_refused_from_chooser);
  ADD ("/anneal/app/dialogs/save-accepted", test_save_accepted);
  ADD ("/anneal/app/dialogs/export-failed", test_export_failed);
  ADD ("/anneal/app/dialogs/close-unsaved-cancel", test_close_cancel);
  ADD ("/anneal/app/dialogs/close-unsaved-save", test_close_save);
  ADD ("/anneal/app/dialogs/close-unsaved-discard", test_close_discard);
  ADD ("/anneal/app/dialogs/narrow", test_narrow);

  ret = g_test_run ();

  anneal_test_remove_tree (home);
  g_clear_pointer (&opened_path, g_free);

  return ret;
}
