#!/usr/bin/env python3
# test-flatpak-manifest.py — flatpak-builder reads flatpak/<app-id>.json, and what it
# reads matches the meson project: app ID, command, runtime, sandbox and the project
# built last with meson from the local tree, tests included.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-flatpak-manifest.py MANIFEST APP_ID COMMAND [FLATPAK_BUILDER]
# Without FLATPAK_BUILDER (not installed) the JSON is read directly and the
# --show-manifest check is skipped. Output is TAP.

import json
import os
import re
import subprocess
import sys

FINISH_ARGS = ['--share=ipc', '--socket=fallback-x11', '--socket=wayland', '--device=dri']
CLEANUP = ['/include', '/lib/pkgconfig', '/lib/libanneal.so*', '*.a', '*.la']


def main(argv):
    if len(argv) not in (4, 5):
        print('usage: %s MANIFEST APP_ID COMMAND [FLATPAK_BUILDER]' % argv[0], file=sys.stderr)
        return 2
    manifest_path, app_id, command = argv[1:4]
    builder = argv[4] if len(argv) == 5 else None

    n = 0
    failed = 0

    def ok(good, what, diag=''):
        nonlocal n, failed
        n += 1
        failed += 0 if good else 1
        print('%s %d - %s' % ('ok' if good else 'not ok', n, what), flush=True)
        if not good and diag:
            for line in str(diag).rstrip().splitlines():
                print('# ' + line)
        return good

    if builder:
        # flatpak-builder resolves paths relative to the manifest; run it from elsewhere.
        p = subprocess.run([builder, '--show-manifest', os.path.abspath(manifest_path)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, cwd='/')
        if not ok(p.returncode == 0, 'flatpak-builder --show-manifest reads the manifest',
                  p.stderr):
            print('1..%d' % n)
            return 1
        text = p.stdout
    else:
        n += 1
        print('ok %d - flatpak-builder --show-manifest # SKIP flatpak-builder not installed' % n)
        with open(manifest_path, encoding='utf-8') as f:
            text = f.read()

    try:
        m = json.loads(text)
    except ValueError as e:
        ok(False, 'the manifest is JSON', repr(e))
        print('1..%d' % n)
        return 1

    ok(os.path.basename(manifest_path) == app_id + '.json', 'the manifest is named after the app ID',
       os.path.basename(manifest_path))
    got_id = m.get('id', m.get('app-id'))
    ok(got_id == app_id, 'app ID is %s' % app_id, 'manifest says %r' % got_id)
    ok(m.get('command') == command, 'command is %s' % command, 'manifest says %r' % m.get('command'))
    ok(m.get('runtime') == 'org.gnome.Platform', 'runtime is org.gnome.Platform', m.get('runtime'))
    ok(m.get('sdk') == 'org.gnome.Sdk', 'SDK is org.gnome.Sdk', m.get('sdk'))
    ok(re.fullmatch(r'\d+(\.\d+)?', str(m.get('runtime-version', ''))) is not None,
       'runtime version is pinned to a release', m.get('runtime-version'))
    finish = m.get('finish-args', [])
    ok(sorted(finish) == sorted(FINISH_ARGS), 'finish-args are exactly ' + ' '.join(FINISH_ARGS),
       ' '.join(finish))
    ok('--socket=x11' not in finish, 'no plain --socket=x11: X11 only where there is no Wayland')
    ok(not any(a.startswith('--filesystem') for a in finish),
       'no --filesystem: files only through the portal')
    cleanup = m.get('cleanup', [])
    ok(all(c in cleanup for c in CLEANUP), 'cleanup drops headers, pkg-config files and the libraries the programs link statically',
       ' '.join(cleanup))

    modules = m.get('modules', [])
    last = modules[-1] if modules and isinstance(modules[-1], dict) else {}
    ok(last.get('name') == 'anneal', 'the project is the last module', last.get('name'))
    ok(last.get('buildsystem') == 'meson', 'it is built with meson', last.get('buildsystem'))
    ok(last.get('run-tests') is True, 'its tests run in the build')
    # meson's own default libdir is lib/<multiarch> on some SDKs (Debian's), and the
    # cleanup's /lib paths would then miss libanneal.so and its .pc
    ok('--libdir=lib' in last.get('config-opts', []), 'it installs libraries to /app/lib',
       ' '.join(last.get('config-opts', [])))
    sources = last.get('sources', [])
    dirs = [s for s in sources if isinstance(s, dict) and s.get('type') == 'dir']
    good = False
    for s in dirs:
        src = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(manifest_path)),
                                            s.get('path', '')))
        good = good or os.path.isfile(os.path.join(src, 'meson.build'))
    ok(good, 'it is built from the local tree (a dir source holding meson.build)', repr(sources))

    print('1..%d' % n)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
