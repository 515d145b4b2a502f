/* anneal-version-macros.h — which symbols the shared library exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libanneal is compiled with -fvisibility=hidden (gnu_symbol_visibility: 'hidden' in
 * src/libanneal/meson.build): a function is exported from libanneal.so only when its
 * declaration in an installed header carries one of the macros below.
 *
 * How to export a symbol:
 *
 *  1. Declare it in an installed header (anneal-schedule.h, anneal-format.h, or a new
 *     header listed in libanneal_public_headers and included from anneal.h), with
 *     ANNEAL_AVAILABLE_IN_ALL on the line before the return type.
 *  2. Put a gi-docgen comment ("/" "** anneal_thing_do: …") right above the declaration,
 *     with a line for every argument, "Returns:" and introspection annotations where
 *     ownership or arrays need them.
 *  3. Check its arguments with g_return_val_if_fail() in the definition.
 *  4. Once a release is out, API added after it says so in its doc comment
 *     ("Since: 0.2"), and callers can test for it with ANNEAL_CHECK_VERSION().
 *
 * The tests `test-install` (every exported symbol declared and documented in an
 * installed header), `test-docs` (gi-docgen check) and `test-gir` (the typelib,
 * through Python) fail otherwise, and g-ir-scanner's warnings (an array without a
 * length, an unclear ownership) stop the build: annotate, or mark the function
 * "(skip)" for introspection and say why in its comment.
 * Everything else — helpers shared between the library's files, declared in
 * anneal-private.h — stays hidden and is reached by the programs and the internal
 * tests through the static library.
 */
#pragma once

#if !defined (ANNEAL_INSIDE) && !defined (ANNEAL_COMPILATION)
# error "Only <anneal.h> can be included directly."
#endif

#include <glib.h>

/* Set to the visibility attribute while the library itself is compiled. */
#ifndef _ANNEAL_EXTERN
# define _ANNEAL_EXTERN extern
#endif

/**
 * ANNEAL_AVAILABLE_IN_ALL:
 *
 * Marks a function of the public API: it is exported from the shared library.
 * Every function declared in an installed header carries it.
 */
#define ANNEAL_AVAILABLE_IN_ALL _ANNEAL_EXTERN
