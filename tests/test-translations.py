#!/usr/bin/env python3
# test-translations.py — every translation in po/LINGUAS is complete for the strings the
# sources have now: the messages are extracted afresh from po/POTFILES.in (as the
# anneal-pot target does, with the glib preset's keywords) and each po/LANG.po must
# translate all of them, none fuzzy, with matching printf formats.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-translations.py SOURCE_ROOT. Output is TAP.

import os
import re
import shutil
import subprocess
import sys
import tempfile

# meson's i18n 'glib' preset.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format', '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]


def run(argv, cwd=None):
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
                       universal_newlines=True)
    return p.returncode, p.stdout, p.stderr


def msgids(po_text):
    """The msgids of a .po/.pot text, unescaped enough for the checks below."""
    ids = []
    for block in re.split(r'\n\s*\n', po_text):
        m = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if m:
            parts = re.findall(r'"(.*)"', m.group(1))
            ids.append(''.join(parts).replace('\\n', '\n'))
    return [i for i in ids if i]


def count_entries(po_text):
    return len(re.findall(r'^msgid ', po_text, re.M)) - (1 if 'msgid ""\nmsgstr ""' in po_text else 0)


def main(argv):
    if len(argv) != 2:
        print('usage: %s SOURCE_ROOT' % argv[0], file=sys.stderr)
        return 2
    root = os.path.abspath(argv[1])
    tools = {t: shutil.which(t) for t in ('xgettext', 'msgfmt', 'msgcmp', 'msgattrib')}
    if not all(tools.values()):
        print('1..0 # SKIP gettext tools not installed')
        return 0

    n = 0
    failed = 0

    def ok(good, what, diag=''):
        nonlocal n, failed
        n += 1
        failed += 0 if good else 1
        print('%s %d - %s' % ('ok' if good else 'not ok', n, what), flush=True)
        if not good:
            for line in diag.rstrip().splitlines()[:60]:
                print('# ' + line)

    langs = []
    with open(os.path.join(root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        for line in f:
            langs.extend(line.split('#', 1)[0].split())

    with tempfile.TemporaryDirectory(prefix='anneal-po-') as tmp:
        pot = os.path.join(tmp, 'anneal.pot')
        rc, out, err = run([tools['xgettext']] + XGETTEXT_ARGS +
                           ['--directory=' + root, '--files-from=po/POTFILES.in',
                            '--output=' + pot], cwd=root)
        ok(rc == 0 and os.path.isfile(pot), 'xgettext extracts the messages', err)
        if rc != 0 or not os.path.isfile(pot):
            print('1..%d' % n)
            return 1
        with open(pot, encoding='utf-8') as f:
            pot_text = f.read()
        n_msgs = count_entries(pot_text)
        ok(n_msgs > 0, 'the sources have translatable messages (%d)' % n_msgs)

        # xgettext stops a string at a macro it does not know: "at most %" G_GINT64_FORMAT
        # " epochs" is extracted as "at most %", which never matches at run time, so the
        # message stays English. <inttypes.h>'s PRId64 is understood (or cast and use %d).
        cut = [i for i in msgids(pot_text) if re.search(r'%$', i)]
        ok(not cut, 'no message is cut short by a format macro such as G_GINT64_FORMAT',
           'use "%" PRId64 (xgettext knows it) or a cast instead of G_GINT64_FORMAT in:\n'
           + '\n'.join(repr(i) for i in cut))

        for lang in langs:
            po = os.path.join(root, 'po', lang + '.po')
            if not os.path.isfile(po):
                ok(False, 'po/%s.po exists' % lang)
                continue
            rc, out, err = run([tools['msgfmt'], '--check', '--statistics',
                                '--output-file=' + os.path.join(tmp, lang + '.mo'), po])
            ok(rc == 0, '%s.po: msgfmt --check passes (%s)' % (lang, err.strip()), err)
            rc, out, err = run([tools['msgattrib'], '--only-fuzzy', '--no-obsolete', po])
            ok(count_entries(out) <= 0, '%s.po: no fuzzy messages' % lang, out)
            rc, out, err = run([tools['msgattrib'], '--untranslated', '--no-obsolete', po])
            ok(count_entries(out) <= 0, '%s.po: no untranslated messages' % lang, out)
            # msgcmp fails when a msgid of the fresh template has no (non-fuzzy, translated)
            # entry in the catalogue.
            rc, out, err = run([tools['msgcmp'], po, pot])
            ok(rc == 0, '%s.po translates every message the sources have now' % lang,
               err + '\nregenerate with: meson compile -C BUILD anneal-pot anneal-update-po')

    print('1..%d' % n)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
