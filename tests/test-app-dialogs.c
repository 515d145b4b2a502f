/* test-app-dialogs.c — the dialogs whose code depends on the GTK and libadwaita version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The About dialog, the alert that reports a file that cannot be opened, the file
 * choosers (GtkFileDialog from GTK 4.10, GtkFileChooserNative before), a failed export
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
#include <stdio.h>
#include <sys/resource.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "anneal-application.h"
#include "anneal-document.h"
#include "anneal-export-dialog.h"
#include "anneal-window-private.h"

typedef struct
{
  AnnealWindow *window;
  char         *tmpdir;
} Fixture;

/* The dialogs open asynchronously: wait for them, but never for ever. */
#define WAIT_SECONDS 20

static void
iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

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
  iterate ();
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_assert_no_errno (g_unlink (child));
    }
  g_assert_no_errno (g_rmdir (path));
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
  iterate ();
  remove_tree (f->tmpdir);
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
  iterate ();
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
  iterate ();

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
  iterate ();

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
  iterate ();
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  wait_for_no_file_chooser ();
  iterate ();
}

/* The About dialog */

static void
test_about (void)
{
  g_autoptr(AnnealApplication) app = anneal_application_new ();
  g_autoptr(GError) error = NULL;
  AnnealWindow *window;
  GtkWidget *about;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  window = anneal_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

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
  iterate ();
}

/* A file that cannot be opened: an alert says which and why, nothing changes. */
static void
test_open_damaged (Fixture       *f,
                   gconstpointer  data)
{
  static const char *texts[] = {
    "this is not json",
    "{\"format\": \"anneal\", \"version\": 2, \"series\": []}",
    "{\"format\": \"anneal\", \"version\": 1, \"series\": [{\"spec\": \"cosine(lr=-1)\"}]}",
  };
  AnnealDocument *document = anneal_window_get_document (f->window);
  g_autofree char *before = anneal_document_serialize (document);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *path = g_build_filename (f->tmpdir, "a damaged comparison.anneal", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      g_autofree char *expected = NULL;
      const char *heading, *body;
      GtkWidget *alert;

      /* the reason the alert must give, as the loader words it */
      g_assert_true (g_file_set_contents (path, texts[i], -1, NULL));
      {
        g_autoptr(AnnealDocument) scratch = anneal_document_new ();

        g_assert_false (anneal_document_load_file (scratch, file, &error));
        g_assert_nonnull (error);
      }

      anneal_window_open_file (f->window, file);
      alert = wait_for_dialog (f->window);
      alert_get_text (alert, &heading, &body);
      g_assert_cmpstr (heading, ==, "Could Not Open File");
      expected = g_strdup_printf ("“a damaged comparison.anneal”: %s", error->message);
      g_assert_cmpstr (body, ==, expected);
      g_assert_nonnull (find_widget (alert, GTK_TYPE_LABEL, "Could Not Open File"));
      g_assert_nonnull (find_widget (alert, GTK_TYPE_LABEL, "“a damaged comparison.anneal”: "));

      after = anneal_document_serialize (document);
      g_assert_cmpstr (before, ==, after);
      g_assert_null (anneal_document_get_file (document));

      click (alert, "_Close");
      wait_for_no_dialog (f->window);
    }
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
  iterate ();

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

/* Export…, a file name, Export…, and the disk refuses: the reason is shown, the export
 * dialog stays for another try, and no file is left behind. */
static void
test_export_failed (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "figure.png", NULL);
  GtkWidget *dialog;
  GtkWidget *chooser;
  GtkWidget *toast;
  struct rlimit saved, small;
  void (*handler) (int);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL);
  iterate ();
  dialog = find_toplevel (ANNEAL_TYPE_EXPORT_DIALOG, NULL);
  g_assert_nonnull (dialog);
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
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_null (find_toplevel (ANNEAL_TYPE_EXPORT_DIALOG, NULL));
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

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("test-app-dialogs-home-XXXXXX", NULL);
  int ret;

  /* Recent files, the file chooser's state and the like go to a private folder. No
   * session bus: no portal, GTK's own file chooser, and no D-Bus daemon started for us. */
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/anneal-test-bus", TRUE);
  g_setenv ("GTK_USE_PORTAL", "0", TRUE);
  /* GTK's file chooser records the program in the recent files on accept. */
  g_set_prgname ("test-app-dialogs");

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/anneal/app/dialogs/about", test_about);
  ADD ("/anneal/app/dialogs/open-damaged", test_open_damaged);
  ADD ("/anneal/app/dialogs/open-cancelled", test_open_cancelled);
  ADD ("/anneal/app/dialogs/save-accepted", test_save_accepted);
  ADD ("/anneal/app/dialogs/export-failed", test_export_failed);
  ADD ("/anneal/app/dialogs/close-unsaved-cancel", test_close_cancel);
  ADD ("/anneal/app/dialogs/close-unsaved-save", test_close_save);
  ADD ("/anneal/app/dialogs/close-unsaved-discard", test_close_discard);

  ret = g_test_run ();

  remove_tree (home);

  return ret;
}
