/* anneal-priority-box.c — a box that hides its least important children when short of room
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Like a GtkBox, but each child may have a priority: 0 (the default) for a child that
 * is always shown, 1, 2, … for one that gives way, the highest number first, when the
 * box gets less than the children's minimum sizes. The box's own minimum size is that
 * of its priority-0 children only, so the window can be made narrow (or short)
 * whatever the optional children need. Hidden children are taken out with
 * gtk_widget_set_child_visible(), which keeps them out of drawing, picking and focus
 * without a relayout. Used for the header bar (the epochs label, zoom, log axis, open
 * and presets give way at narrow widths: each is in the main menu too) and for the
 * chart pane (the statistics give way to the chart at low heights).
 */

#include "config.h"

#include "anneal-priority-box.h"

struct _AnnealPriorityBox
{
  GtkWidget       parent_instance;

  GtkOrientation  orientation;
  int             spacing;
  guint           resized_idle;  /* tells of resized children after an allocation */
};

static void anneal_priority_box_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AnnealPriorityBox, anneal_priority_box, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      anneal_priority_box_buildable_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_ORIENTABLE, NULL))

enum {
  PROP_0,
  PROP_SPACING,
  N_PROPS,
  PROP_ORIENTATION = N_PROPS,
};

static GParamSpec *properties[N_PROPS];

enum { CHILD_RESIZED, N_SIGNALS };
static guint signals[N_SIGNALS];

#define PRIORITY_KEY "anneal-priority"
#define NATURAL_KEY "anneal-priority-natural"
#define WIDTH_KEY "anneal-priority-width"      /* the last size given + 1 */
#define WIDTH_TOLD_KEY "anneal-priority-width-told"

static guint
child_priority (GtkWidget *child)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), PRIORITY_KEY));
}

static GtkBuildableIface *parent_buildable_iface;

static void
anneal_priority_box_add_child (GtkBuildable *buildable,
                               GtkBuilder   *builder,
                               GObject      *child,
                               const char   *type)
{
  if (GTK_IS_WIDGET (child))
    anneal_priority_box_append (ANNEAL_PRIORITY_BOX (buildable), GTK_WIDGET (child), 0);
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
anneal_priority_box_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = anneal_priority_box_add_child;
}

static gboolean
child_keeps_natural (GtkWidget *child)
{
  return g_object_get_data (G_OBJECT (child), NATURAL_KEY) != NULL;
}

/* The highest priority still hidden when the children must fit in @size: every child
 * with a larger number is hidden. 0 when everything fits. A child that keeps its
 * natural size counts with it: the optional children give way before it is cut. */
static guint
cut_priority (AnnealPriorityBox *self,
              int                size,
              int                for_size)
{
  guint cut = 0;

  for (;;)
    {
      int total = 0, n = 0;
      guint highest = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          guint priority = child_priority (child);
          int min, nat;

          if (!gtk_widget_get_visible (child) || (cut > 0 && priority >= cut))
            continue;

          gtk_widget_measure (child, self->orientation, for_size, &min, &nat, NULL, NULL);
          total += child_keeps_natural (child) ? nat : min;
          n++;
          highest = MAX (highest, priority);
        }
      total += MAX (0, n - 1) * self->spacing;

      if (total <= size || highest == 0)
        return cut;
      cut = highest;
    }
}

static void
anneal_priority_box_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  AnnealPriorityBox *self = ANNEAL_PRIORITY_BOX (widget);
  int min_sum = 0, nat_sum = 0, n_min = 0, n_nat = 0;
  int min_max = 0, nat_max = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min, nat;

      if (!gtk_widget_get_visible (child))
        continue;

      gtk_widget_measure (child, orientation, -1, &min, &nat, NULL, NULL);
      if (orientation == self->orientation)
        {
          if (child_priority (child) == 0)
            {
              min_sum += min;
              n_min++;
            }
          nat_sum += nat;
          n_nat++;
        }
      else
        {
          /* Across: optional children count too, so that they fit when shown. */
          min_max = MAX (min_max, min);
          nat_max = MAX (nat_max, nat);
        }
    }

  if (orientation == self->orientation)
    {
      *minimum = min_sum + MAX (0, n_min - 1) * self->spacing;
      *natural = nat_sum + MAX (0, n_nat - 1) * self->spacing;
    }
  else
    {
      *minimum = min_max;
      *natural = nat_max;
    }
}

/* After an allocation (not during it: a handler may change the child's text), each
 * child that keeps its natural size and was given another size than last told. */
static gboolean
tell_resized (gpointer data)
{
  AnnealPriorityBox *self = data;

  self->resized_idle = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer size = g_object_get_data (G_OBJECT (child), WIDTH_KEY);

      if (size != NULL && size != g_object_get_data (G_OBJECT (child), WIDTH_TOLD_KEY))
        {
          g_object_set_data (G_OBJECT (child), WIDTH_TOLD_KEY, size);
          g_signal_emit (self, signals[CHILD_RESIZED], 0, child);
        }
    }
  return G_SOURCE_REMOVE;
}

static void
anneal_priority_box_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  AnnealPriorityBox *self = ANNEAL_PRIORITY_BOX (widget);
  gboolean horizontal = self->orientation == GTK_ORIENTATION_HORIZONTAL;
  int size = horizontal ? width : height;
  int across = horizontal ? height : width;
  guint cut = cut_priority (self, size, across);
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (GtkRequestedSize));
  int extra = size, n_expand = 0, position = 0, n = 0;
  guint i = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gboolean shown = gtk_widget_get_visible (child) &&
                       (cut == 0 || child_priority (child) < cut);
      GtkRequestedSize request = { child, 0, 0 };

      gtk_widget_set_child_visible (child, shown);
      if (!shown)
        continue;

      gtk_widget_measure (child, self->orientation, across,
                          &request.minimum_size, &request.natural_size, NULL, NULL);
      g_array_append_val (sizes, request);
      extra -= request.minimum_size;
      if (gtk_widget_compute_expand (child, self->orientation))
        n_expand++;
      n++;
    }

  extra -= MAX (0, n - 1) * self->spacing;
  extra = MAX (0, extra);
  extra = gtk_distribute_natural_allocation (extra, sizes->len,
                                             (GtkRequestedSize *) sizes->data);

  for (i = 0; i < sizes->len; i++)
    {
      GtkRequestedSize *request = &g_array_index (sizes, GtkRequestedSize, i);
      GtkWidget *child = request->data;
      int child_size = request->minimum_size;
      int child_across, min_across;
      GtkAllocation allocation;

      if (n_expand > 0 && gtk_widget_compute_expand (child, self->orientation))
        {
          int share = extra / n_expand;

          child_size += share;
          extra -= share;
          n_expand--;
        }

      /* Never less than the child's minimum across (a parent may, for a frame, give
       * less than ours): overflowing is clipped, a negative size is an error. */
      gtk_widget_measure (child, horizontal ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL,
                          child_size, &min_across, NULL, NULL, NULL);
      child_across = MAX (across, min_across);

      if (horizontal)
        allocation = (GtkAllocation) { position, 0, child_size, child_across };
      else
        allocation = (GtkAllocation) { 0, position, child_across, child_size };
      gtk_widget_size_allocate (child, &allocation, -1);
      position += child_size + self->spacing;

      if (child_keeps_natural (child) &&
          GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), WIDTH_KEY)) != child_size + 1)
        {
          g_object_set_data (G_OBJECT (child), WIDTH_KEY, GINT_TO_POINTER (child_size + 1));
          if (self->resized_idle == 0)
            self->resized_idle = g_idle_add (tell_resized, self);
        }
    }
}

static GtkSizeRequestMode
anneal_priority_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
anneal_priority_box_dispose (GObject *object)
{
  AnnealPriorityBox *self = ANNEAL_PRIORITY_BOX (object);
  GtkWidget *child;

  g_clear_handle_id (&self->resized_idle, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (anneal_priority_box_parent_class)->dispose (object);
}

static void
anneal_priority_box_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AnnealPriorityBox *self = ANNEAL_PRIORITY_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;

    case PROP_ORIENTATION:
      g_value_set_enum (value, self->orientation);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anneal_priority_box_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AnnealPriorityBox *self = ANNEAL_PRIORITY_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      if (self->spacing != g_value_get_int (value))
        {
          self->spacing = g_value_get_int (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_ORIENTATION:
      if (self->orientation != (GtkOrientation) g_value_get_enum (value))
        {
          self->orientation = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anneal_priority_box_class_init (AnnealPriorityBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anneal_priority_box_dispose;
  object_class->get_property = anneal_priority_box_get_property;
  object_class->set_property = anneal_priority_box_set_property;

  widget_class->measure = anneal_priority_box_measure;
  widget_class->size_allocate = anneal_priority_box_size_allocate;
  widget_class->get_request_mode = anneal_priority_box_get_request_mode;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_ORIENTATION, "orientation");

  /* A child that keeps its natural size (anneal_priority_box_set_keeps_natural) was
   * given another size, told once after the allocation: it may show its content
   * otherwise when short of room (the Epochs field). */
  signals[CHILD_RESIZED] =
    g_signal_new ("child-resized", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, GTK_TYPE_WIDGET);

  gtk_widget_class_set_css_name (widget_class, "prioritybox");
}

static void
anneal_priority_box_init (AnnealPriorityBox *self)
{
  self->orientation = GTK_ORIENTATION_HORIZONTAL;
}

GtkWidget *
anneal_priority_box_new (GtkOrientation orientation,
                         int            spacing)
{
  return g_object_new (ANNEAL_TYPE_PRIORITY_BOX,
                       "orientation", orientation,
                       "spacing", spacing,
                       NULL);
}

void
anneal_priority_box_append (AnnealPriorityBox *self,
                            GtkWidget         *child,
                            guint              priority)
{
  g_return_if_fail (ANNEAL_IS_PRIORITY_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (gtk_widget_get_parent (child) == NULL);

  g_object_set_data (G_OBJECT (child), PRIORITY_KEY, GUINT_TO_POINTER (priority));
  gtk_widget_set_parent (child, GTK_WIDGET (self));
}

void
anneal_priority_box_set_priority (AnnealPriorityBox *self,
                                  GtkWidget         *child,
                                  guint              priority)
{
  g_return_if_fail (ANNEAL_IS_PRIORITY_BOX (self));
  g_return_if_fail (gtk_widget_get_parent (child) == GTK_WIDGET (self));

  g_object_set_data (G_OBJECT (child), PRIORITY_KEY, GUINT_TO_POINTER (priority));
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

gboolean
anneal_priority_box_is_child_shown (AnnealPriorityBox *self,
                                    GtkWidget         *child)
{
  g_return_val_if_fail (ANNEAL_IS_PRIORITY_BOX (self), FALSE);

  return gtk_widget_get_visible (child) && gtk_widget_get_child_visible (child);
}

void
anneal_priority_box_set_keeps_natural (AnnealPriorityBox *self,
                                       GtkWidget         *child,
                                       gboolean           keeps_natural)
{
  g_return_if_fail (ANNEAL_IS_PRIORITY_BOX (self));
  g_return_if_fail (gtk_widget_get_parent (child) == GTK_WIDGET (self));

  g_object_set_data (G_OBJECT (child), NATURAL_KEY, GINT_TO_POINTER (keeps_natural ? 1 : 0));
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
