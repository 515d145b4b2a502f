#!/usr/bin/env python3
# test-potfiles.py — po/POTFILES.in lists every file with user-facing text, and only
# files that exist.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-potfiles.py SOURCE_ROOT
#        test-potfiles.py --list SOURCE_ROOT   (print the files that need listing)
#
# A file needs listing when it is a C source or header under src/ that calls _(), N_(),
# C_() or NC_(), a GtkBuilder file under src/ with translatable="yes", a desktop entry or
# metainfo template under data/, or a GSettings schema under data/ with a summary or
# description. Output is TAP.

import os
import re
import sys

MARKER_C = re.compile(r'(?<![A-Za-z0-9_])(?:N|C|NC)?_\s*\(')
MARKER_UI = re.compile(r'translatable\s*=\s*["\'](?:yes|true|1)["\']')
MARKER_SCHEMA = re.compile(r'<(?:summary|description)\b')


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, good, what, diag=None):
        self.n += 1
        if not good:
            self.failed += 1
        print('%s %d - %s' % ('ok' if good else 'not ok', self.n, what))
        if diag and not good:
            for line in diag.splitlines():
                print('# ' + line)

    def done(self):
        print('1..%d' % self.n)
        return 1 if self.failed else 0


def strip_c_comments(text):
    """Drops /* */ and // comments: a _( inside a comment (say, documentation of the
    convention) does not count."""
    text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    return re.sub(r'//[^\n]*', ' ', text)


def needs_listing(rel, path):
    name = os.path.basename(rel)
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            text = f.read()
    except OSError:
        return False

    if rel.startswith('src/'):
        if name.endswith(('.c', '.h')):
            code = strip_c_comments(text)
            # A definition of the macros themselves is not a use.
            code = re.sub(r'#\s*define\s+(?:N|C|NC)?_\s*\(', ' ', code)
            return MARKER_C.search(code) is not None
        if name.endswith(('.ui', '.ui.in')):
            return MARKER_UI.search(text) is not None
        return False

    if rel.startswith('data/'):
        if name.endswith(('.desktop.in', '.metainfo.xml.in', '.appdata.xml.in')):
            return True
        if name.endswith('.gschema.xml'):
            return MARKER_SCHEMA.search(text) is not None
        if name.endswith(('.ui', '.ui.in')):
            return MARKER_UI.search(text) is not None
    return False


def read_potfiles(path):
    listed = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            listed.append(line)
    return listed


def find_translatable(root):
    found = []
    for top in ('src', 'data'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith('.'))
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root).replace(os.sep, '/')
                if needs_listing(rel, path):
                    found.append(rel)
    return sorted(found)


def main(argv):
    if len(argv) == 3 and argv[1] == '--list':
        print('\n'.join(find_translatable(os.path.abspath(argv[2]))))
        return 0
    if len(argv) != 2:
        print('usage: %s [--list] SOURCE_ROOT' % argv[0], file=sys.stderr)
        return 2
    root = os.path.abspath(argv[1])
    tap = Tap()

    potfiles = os.path.join(root, 'po', 'POTFILES.in')
    tap.ok(os.path.isfile(potfiles), 'po/POTFILES.in exists')
    if not os.path.isfile(potfiles):
        return tap.done()
    listed = read_potfiles(potfiles)
    tap.ok(len(listed) > 0, 'po/POTFILES.in lists files')

    dupes = sorted({p for p in listed if listed.count(p) > 1})
    tap.ok(not dupes, 'no file is listed twice', '\n'.join(dupes))

    missing = [p for p in listed if not os.path.isfile(os.path.join(root, p))]
    tap.ok(not missing, 'every listed file exists',
           'listed in po/POTFILES.in but not in the tree:\n' + '\n'.join(missing))

    found = find_translatable(root)
    tap.ok(len(found) > 0, 'the tree has files with translatable text')
    unlisted = [p for p in found if p not in listed]
    tap.ok(not unlisted, 'every file with translatable text is in po/POTFILES.in',
           'add these to po/POTFILES.in:\n' + '\n'.join(unlisted))

    # Every language in LINGUAS has its catalogue.
    linguas = os.path.join(root, 'po', 'LINGUAS')
    langs = []
    if os.path.isfile(linguas):
        with open(linguas, encoding='utf-8') as f:
            for line in f:
                line = line.split('#', 1)[0]
                langs.extend(line.split())
    tap.ok(len(langs) > 0, 'po/LINGUAS names at least one language')
    for lang in langs:
        tap.ok(os.path.isfile(os.path.join(root, 'po', lang + '.po')),
               'po/%s.po exists for LINGUAS' % lang)

    return tap.done()


if __name__ == '__main__':
    sys.exit(main(sys.argv))
