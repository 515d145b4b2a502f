/* anneal-test-csv.h — the reference files of the golden tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The rows of a tab-separated case list under tests/data, each split into exactly
 * n_fields fields (the last keeps any further tabs): blank lines, lines starting
 * with '#' and, with skip_header, the first line left out. Aborts the test on a
 * missing file or a row of another width. A GPtrArray of GStrv. */
GPtrArray *anneal_test_read_cases (const char *path,
                                   guint       n_fields,
                                   gboolean    skip_header);

/* A reference curve, `header` and then one `t,value` row per step, t = 0, 1, …:
 * its values, *n_rows of them. Aborts the test on a missing file, another header
 * or a row out of order. */
double    *anneal_test_read_curve (const char *path,
                                   const char *header,
                                   gsize      *n_rows);

G_END_DECLS
