#!/usr/bin/env python3
# test-install.py — `meson install --destdir` of the build into a fresh folder, then a
# look at what landed there: every expected file, nothing outside the prefix, and the
# installed files accepted by the tools that read them (pkg-config and a C compiler,
# desktop-file-validate, appstreamcli, glib-compile-schemas, gettext). libanneal.so
# exports exactly the functions its installed headers declare and document, and its
# typelib gives Python the values anneal-cli gives.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by meson (tests/meson.build) with the build's own directories; output is TAP.

import argparse
import gettext
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, good, what, diag=None):
        self.n += 1
        if not good:
            self.failed += 1
        print('%s %d - %s' % ('ok' if good else 'not ok', self.n, what), flush=True)
        if diag and not good:
            for line in str(diag).rstrip().splitlines():
                print('# ' + line)
        return good

    def skip(self, what, why):
        self.n += 1
        print('ok %d - %s # SKIP %s' % (self.n, what, why), flush=True)

    def done(self):
        print('1..%d' % self.n)
        return 1 if self.failed else 0


def run(argv, env=None, cwd=None):
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=env, cwd=cwd, universal_newlines=True)
    return p.returncode, p.stdout, p.stderr


def under(destdir, prefix, d):
    """The staged location of meson directory option d (relative to prefix or absolute)."""
    full = d if os.path.isabs(d) else os.path.join(prefix, d)
    return os.path.join(destdir, full.lstrip('/'))


def read_linguas(source_root):
    langs = []
    try:
        with open(os.path.join(source_root, 'po', 'LINGUAS'), encoding='utf-8') as f:
            for line in f:
                langs.extend(line.split('#', 1)[0].split())
    except OSError:
        pass
    return langs


def desktop_entry(path):
    keys = {}
    group = None
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line.startswith('['):
                group = line.strip('[]')
            elif group == 'Desktop Entry' and '=' in line and not line.startswith('#'):
                k, v = line.split('=', 1)
                keys[k.strip()] = v.strip()
    return keys


TEST_PROGRAM = r'''
#include <stdio.h>
#include <anneal.h>

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealSchedule) s = NULL;
  char buf[ANNEAL_FORMAT_DOUBLE_BUFSIZE];

  s = anneal_schedule_parse ("step(lr=0.5, step_size=2, gamma=0.5)", NULL, &error);
  if (s == NULL)
    {
      fprintf (stderr, "parse: %s\n", error->message);
      return 1;
    }
  anneal_format_double (anneal_schedule_value (s, 4), buf);
  printf ("%s %u\n", buf, anneal_kind_get_count ());
  return 0;
}
'''


def check_pkg_config(tap, destdir, prefix, libdir, cc):
    pkgconfig_dir = os.path.join(under(destdir, prefix, libdir), 'pkgconfig')
    pc = os.path.join(pkgconfig_dir, 'anneal.pc')
    if not tap.ok(os.path.isfile(pc), 'pkg-config file installed: ' + os.path.relpath(pc, destdir)):
        return
    pkg_config = shutil.which('pkg-config') or shutil.which('pkgconf')
    if not pkg_config:
        tap.skip('pkg-config reads anneal.pc', 'pkg-config not installed')
        return

    with open(pc, encoding='utf-8') as f:
        pc_text = f.read()
    m = re.search(r'^prefix=(.*)$', pc_text, re.M)
    tap.ok(m is not None and m.group(1) == prefix, 'anneal.pc names the prefix %s' % prefix,
           m.group(1) if m else pc_text)
    dirs = re.findall(r'^(?:exec_prefix|libdir|includedir)=(.*)$', pc_text, re.M)
    tap.ok(dirs and all(d.startswith('${prefix}') or d.startswith('${exec_prefix}') for d in dirs),
           'anneal.pc is relocatable: its directories are under ${prefix}', '\n'.join(dirs))

    staged_prefix = os.path.join(destdir, prefix.lstrip('/'))
    env = dict(os.environ)
    env.pop('PKG_CONFIG_SYSROOT_DIR', None)
    env['PKG_CONFIG_PATH'] = pkgconfig_dir

    # pkgconf's --define-prefix guesses the prefix as two levels above the .pc file, which is
    # right for lib/pkgconfig (Flatpak's /app/lib, -Dlibdir=lib) and not for lib/<triplet>.
    if len(os.path.normpath(libdir).split(os.sep)) == 1 and not os.path.isabs(libdir):
        rc, out, err = run([pkg_config, '--define-prefix', '--variable=includedir', 'anneal'],
                           env=env)
        tap.ok(rc == 0 and os.path.isfile(os.path.join(out.strip(), 'anneal', 'anneal.h')),
               'pkg-config --define-prefix finds the staged headers', out + err)
    else:
        tap.skip('pkg-config --define-prefix', 'libdir %s is not one level below the prefix'
                 % libdir)

    # The same .pc with only its prefix line moved to the staging folder: what a user gets
    # when the files are really there. (A sysroot or --define-prefix would also move GLib's
    # own flags away from /usr.)
    with tempfile.TemporaryDirectory(prefix='anneal-pc-') as tmp:
        with open(os.path.join(tmp, 'anneal.pc'), 'w', encoding='utf-8') as f:
            f.write(re.sub(r'^prefix=.*$', 'prefix=' + staged_prefix, pc_text, count=1,
                           flags=re.M))
        env['PKG_CONFIG_PATH'] = tmp + (os.pathsep + os.environ['PKG_CONFIG_PATH']
                                        if os.environ.get('PKG_CONFIG_PATH') else '')
        rc, out, err = run([pkg_config, '--cflags', '--libs', 'anneal'], env=env)
        if not tap.ok(rc == 0, 'pkg-config --cflags --libs anneal', err):
            return
        flags = out.split()
        incdirs = [f[2:] for f in flags if f.startswith('-I')]
        libdirs = [f[2:] for f in flags if f.startswith('-L')]
        tap.ok(any(os.path.isfile(os.path.join(d, 'anneal.h')) for d in incdirs),
               'pkg-config --cflags points at the installed anneal.h', out)
        tap.ok(any(os.path.exists(os.path.join(d, 'libanneal.so')) for d in libdirs)
               and '-lanneal' in flags,
               'pkg-config --libs points at the installed libanneal.so', out)

        if not cc:
            tap.skip('a program builds against the installed library', 'no compiler given')
            return
        src = os.path.join(tmp, 't.c')
        exe = os.path.join(tmp, 't')
        with open(src, 'w') as f:
            f.write(TEST_PROGRAM)
        rc, out2, err = run(cc + [src, '-o', exe] + flags)
        if not tap.ok(rc == 0, 'a program builds against the installed headers and library',
                      ' '.join(cc + [src] + flags) + '\n' + err):
            return
        env2 = dict(os.environ)
        env2['LD_LIBRARY_PATH'] = os.pathsep.join(libdirs)
        rc, out2, err = run([exe], env=env2)
        words = out2.split()
        tap.ok(rc == 0 and len(words) == 2 and words[0] == '0.125'
               and words[1].isdigit() and int(words[1]) >= 15,
               'it runs with the installed libanneal.so: step value at t=4 is 0.125, '
               'the catalogue has the 15 kinds', 'exit %d, output %r, %s' % (rc, out2, err))
        if shutil.which('ldd'):
            rc, out3, _ = run(['ldd', exe], env=env2)
            tap.ok(rc == 0 and any('libanneal.so' in l and destdir in l
                                   for l in out3.splitlines()),
                   'the program loads the installed libanneal.so', out3)


DOC_BLOCK = re.compile(r'/\*\*\s*\n\s*\*\s*([A-Za-z_][A-Za-z0-9_]*):[^\n]*\n(.*?)\*/', re.S)
EXPORT_DECL = re.compile(r'\bANNEAL_AVAILABLE_IN_ALL\b([^;{]*?)\b([A-Za-z_][A-Za-z0-9_]*)\s*\(', re.S)


def read_public_api(header_dir):
    """{symbol: header} of the functions the installed headers export, and
    {symbol: header} of those with a gi-docgen comment that says something."""
    declared, documented = {}, {}
    for path in sorted(glob.glob(os.path.join(header_dir, '*.h'))):
        with open(path, encoding='utf-8') as f:
            text = f.read()
        name = os.path.basename(path)
        for m in DOC_BLOCK.finditer(text):
            prose = [l.strip().lstrip('*').strip() for l in m.group(2).splitlines()]
            # Something beyond the @argument lines and the Returns: line.
            if any(l and not l.startswith('@') and not l.startswith('Returns:') for l in prose):
                documented[m.group(1)] = name
        # Declarations outside comments and preprocessor lines.
        code = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
        code = re.sub(r'^\s*#.*$', ' ', code, flags=re.M)
        for m in EXPORT_DECL.finditer(code):
            declared[m.group(2)] = name
    return declared, documented


def check_symbols(tap, libdir, incdir):
    """Every symbol libanneal.so exports is declared ANNEAL_AVAILABLE_IN_ALL in an
    installed header and documented there; every such declaration is exported."""
    real = [p for p in glob.glob(os.path.join(libdir, 'libanneal.so*')) if not os.path.islink(p)]
    nm = shutil.which('nm')
    if not real or not nm:
        tap.skip('exported symbols are the documented public API',
                 'no nm' if real else 'no libanneal.so')
        return
    rc, out, err = run([nm, '-D', '--defined-only', real[0]])
    if not tap.ok(rc == 0, 'nm -D --defined-only reads the installed libanneal.so', err):
        return
    exported = sorted(l.split()[-1] for l in out.splitlines() if l.strip())
    declared, documented = read_public_api(os.path.join(incdir, 'anneal'))
    tap.ok(len(exported) >= 40, 'libanneal.so exports its API (%d symbols)' % len(exported))
    tap.ok(all(s.startswith('anneal_') for s in exported), 'every exported symbol is anneal_*',
           ' '.join(s for s in exported if not s.startswith('anneal_')))
    undeclared = [s for s in exported if s not in declared]
    tap.ok(not undeclared, 'every exported symbol is declared ANNEAL_AVAILABLE_IN_ALL in an '
           'installed header', 'not declared: ' + ' '.join(undeclared))
    undocumented = [s for s in exported if s in declared and documented.get(s) != declared[s]]
    tap.ok(not undocumented, 'every exported symbol has a doc comment in the header that '
           'declares it', 'no doc comment: ' + ' '.join(undocumented))
    missing = sorted(set(declared) - set(exported))
    tap.ok(not missing, 'every ANNEAL_AVAILABLE_IN_ALL declaration is exported',
           'declared, not exported: ' + ' '.join(missing))


def check_introspection(tap, destdir, prefix, libdir, datadir, bindir, gir_name, python_gi,
                        source_root):
    gir = os.path.join(under(destdir, prefix, datadir), 'gir-1.0', gir_name + '.gir')
    typelib = os.path.join(under(destdir, prefix, libdir), 'girepository-1.0',
                           gir_name + '.typelib')
    if tap.ok(os.path.isfile(gir), 'introspection data installed: ' +
              os.path.relpath(gir, destdir)):
        try:
            root = ET.parse(gir).getroot()
            ns = root.find('{http://www.gtk.org/introspection/core/1.0}namespace')
            tap.ok(ns is not None and ns.get('shared-library', '').startswith('libanneal.so.'),
                   'the .gir names the versioned libanneal.so',
                   ns.get('shared-library') if ns is not None else 'no namespace')
        except ET.ParseError as e:
            tap.ok(False, 'the installed .gir is well-formed XML', e)
    if not tap.ok(os.path.isfile(typelib), 'typelib installed: ' +
                  os.path.relpath(typelib, destdir)):
        return
    if not python_gi:
        tap.skip('Python reads the installed typelib', 'no python3 with gi given')
        return
    # tests/test-gir.py against the staged typelib, library and anneal-cli.
    env = dict(os.environ)
    env['GI_TYPELIB_PATH'] = os.path.dirname(typelib)
    env['LD_LIBRARY_PATH'] = under(destdir, prefix, libdir)
    rc, out, err = run([python_gi, os.path.join(source_root, 'tests', 'test-gir.py'),
                        os.path.join(under(destdir, prefix, bindir), 'anneal-cli')], env=env)
    tap.ok(rc == 0 and 'not ok' not in out,
           'Python through the installed typelib gives what the installed anneal-cli gives '
           '(tests/test-gir.py, %d checks)' % len(re.findall(r'^ok ', out, re.M)), out + err)


def check_desktop(tap, destdir, prefix, datadir, bindir, app_id, langs):
    path = os.path.join(under(destdir, prefix, datadir), 'applications', app_id + '.desktop')
    if not tap.ok(os.path.isfile(path), 'desktop file installed'):
        return
    tool = shutil.which('desktop-file-validate')
    if tool:
        rc, out, err = run([tool, path])
        tap.ok(rc == 0 and 'error' not in (out + err).lower(),
               'desktop-file-validate accepts the installed desktop file', out + err)
    else:
        tap.skip('desktop-file-validate', 'not installed')
    keys = desktop_entry(path)
    tap.ok(keys.get('Icon') == app_id, 'Icon= is the app ID', keys.get('Icon'))
    exe = keys.get('Exec', '').split(' ')[0]
    tap.ok(os.path.isfile(os.path.join(under(destdir, prefix, bindir), exe)),
           'Exec=%s is an installed program' % exe)
    for lang in langs:
        tap.ok('Comment[%s]' % lang in keys and keys['Comment[%s]' % lang] != keys.get('Comment'),
               'desktop file carries the %s translation' % lang)


def check_metainfo(tap, destdir, prefix, datadir, app_id, version, langs):
    path = os.path.join(under(destdir, prefix, datadir), 'metainfo', app_id + '.metainfo.xml')
    if not tap.ok(os.path.isfile(path), 'metainfo installed'):
        return
    tool = shutil.which('appstreamcli')
    if tool:
        # Exits non-zero on errors and warnings; infos and pedantic hints pass.
        rc, out, err = run([tool, 'validate', '--no-net', path])
        tap.ok(rc == 0, 'appstreamcli validate --no-net accepts the installed metainfo', out + err)
    else:
        tap.skip('appstreamcli validate', 'not installed')
    root = ET.parse(path).getroot()
    tap.ok(root.findtext('id') == app_id, 'metainfo <id> is the app ID', root.findtext('id'))
    tap.ok(root.findtext('launchable') == app_id + '.desktop',
           'metainfo <launchable> names the installed desktop file', root.findtext('launchable'))
    releases = root.findall('releases/release')
    newest = releases[0].get('version') if releases else None
    tap.ok(newest == version, 'the newest release in the metainfo is the project version %s'
           % version, 'metainfo says %r' % newest)
    tap.ok(all(re.fullmatch(r'\d{4}-\d\d-\d\d', r.get('date', '')) for r in releases),
           'every release is dated')
    xml_lang = '{http://www.w3.org/XML/1998/namespace}lang'
    for lang in langs:
        tap.ok(any(e.get(xml_lang) == lang for e in root.iter('summary')),
               'metainfo carries the %s translation' % lang)


def check_schema(tap, destdir, prefix, datadir, app_id):
    d = os.path.join(under(destdir, prefix, datadir), 'glib-2.0', 'schemas')
    path = os.path.join(d, app_id + '.gschema.xml')
    if not tap.ok(os.path.isfile(path), 'GSettings schema installed'):
        return
    tool = shutil.which('glib-compile-schemas')
    if tool:
        rc, out, err = run([tool, '--strict', '--dry-run', d])
        tap.ok(rc == 0, 'glib-compile-schemas --strict accepts the installed schemas', out + err)
    else:
        tap.skip('glib-compile-schemas', 'not installed')
    tap.ok(not os.path.exists(os.path.join(d, 'gschemas.compiled')),
           'no gschemas.compiled staged (compiled after a real install only)')


def check_translations(tap, destdir, prefix, localedir, source_root, langs):
    tap.ok(len(langs) > 0, 'po/LINGUAS names languages')
    for lang in langs:
        mo = os.path.join(under(destdir, prefix, localedir), lang, 'LC_MESSAGES', 'anneal.mo')
        if not tap.ok(os.path.isfile(mo), 'translation installed: ' + os.path.relpath(mo, destdir)):
            continue
        try:
            with open(mo, 'rb') as f:
                cat = gettext.GNUTranslations(f)
            n = len(cat._catalog)  # noqa: the parsed messages
            tap.ok(n > 10, '%s catalogue has messages (%d)' % (lang, n))
        except Exception as e:  # a broken .mo
            tap.ok(False, '%s catalogue parses' % lang, repr(e))


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument('--meson', required=True, nargs='+')
    ap.add_argument('--build-root', required=True)
    ap.add_argument('--source-root', required=True)
    ap.add_argument('--prefix', required=True)
    ap.add_argument('--bindir', default='bin')
    ap.add_argument('--libdir', default='lib')
    ap.add_argument('--includedir', default='include')
    ap.add_argument('--datadir', default='share')
    ap.add_argument('--localedir', default='share/locale')
    ap.add_argument('--app-id', required=True)
    ap.add_argument('--version', required=True)
    ap.add_argument('--app', choices=['true', 'false'], required=True)
    ap.add_argument('--cc', nargs='*', default=[])
    ap.add_argument('--cc-flag', action='append', default=[],
                    help='one more compiler flag, e.g. --cc-flag=-fsanitize=address')
    ap.add_argument('--introspection', choices=['true', 'false'], default='false')
    ap.add_argument('--gir-name', default='Anneal-0', help='namespace-version of the .gir')
    ap.add_argument('--python-gi', help='a python3 that has the gi module')
    ap.add_argument('--docs', choices=['true', 'false'], default='false')
    ap.add_argument('--keep', action='store_true', help='keep the staging folder')
    a = ap.parse_args(argv[1:])

    tap = Tap()
    prefix = a.prefix
    with_app = a.app == 'true'
    langs = read_linguas(a.source_root)
    destdir = tempfile.mkdtemp(prefix='anneal-install-')
    try:
        rc, out, err = run(a.meson + ['install', '-C', a.build_root, '--destdir', destdir,
                                      '--no-rebuild', '--quiet'])
        if not tap.ok(rc == 0, 'meson install --destdir succeeds', out + err):
            return tap.done()

        root = os.path.join(destdir, prefix.lstrip('/'))
        outside = []
        count = 0
        for dirpath, dirnames, filenames in os.walk(destdir):
            for name in filenames + [d for d in dirnames
                                     if os.path.islink(os.path.join(dirpath, d))]:
                p = os.path.join(dirpath, name)
                count += 1
                if not (p + '/').startswith(root.rstrip('/') + '/'):
                    outside.append(os.path.relpath(p, destdir))
        tap.ok(count > 0, 'files were installed (%d)' % count)
        tap.ok(not outside, 'nothing installed outside the prefix ' + prefix,
               '\n'.join(sorted(outside)))

        bindir = under(destdir, prefix, a.bindir)
        libdir = under(destdir, prefix, a.libdir)
        incdir = under(destdir, prefix, a.includedir)
        datadir = under(destdir, prefix, a.datadir)

        # Programs.
        cli = os.path.join(bindir, 'anneal-cli')
        tap.ok(os.path.isfile(cli) and os.access(cli, os.X_OK), 'bin/anneal-cli installed')
        if os.path.isfile(cli):
            rc, out, err = run([cli, 'eval', '-n', '3', 'constant(lr=0.25)'],
                               env=dict(os.environ, LC_ALL='C.UTF-8'))
            rows = out.strip().splitlines()
            tap.ok(rc == 0 and len(rows) == 4 and rows[-1].split(',')[-1] == '0.25',
                   'installed anneal-cli evaluates a schedule', out + err)
            # Numbers leave the program in the C locale whatever the user's locale.
            de = [l for l in run(['locale', '-a'])[1].split()
                  if l.lower().replace('-', '') in ('de_de.utf8',)] if shutil.which('locale') else []
            if de:
                rc, out, err = run([cli, 'eval', '-n', '2', 'exponential(lr=0.5, gamma=0.5)'],
                                   env=dict(os.environ, LC_ALL=de[0], LANGUAGE='de'))
                rows = out.strip().splitlines()
                tap.ok(rc == 0 and len(rows) == 3 and rows[-1].split(',')[-1] == '0.25',
                       'anneal-cli eval writes C-locale numbers under LC_ALL=%s' % de[0],
                       out + err)
            else:
                tap.skip('anneal-cli eval under a German locale', 'no de_DE.UTF-8 locale')
        app = os.path.join(bindir, 'anneal')
        if with_app:
            tap.ok(os.path.isfile(app) and os.access(app, os.X_OK), 'bin/anneal installed')
        else:
            tap.ok(not os.path.exists(app), 'no bin/anneal with -Dapp=false')

        # The shared library and its symlinks.
        libs = sorted(os.path.basename(p) for p in glob.glob(os.path.join(libdir, 'libanneal.so*')))
        tap.ok('libanneal.so' in libs and any(re.fullmatch(r'libanneal\.so\.\d+', l) for l in libs)
               and any(re.fullmatch(r'libanneal\.so\.\d+\.\d+\.\d+', l) for l in libs),
               'libanneal.so, its soname link and the library installed in ' + a.libdir,
               ' '.join(libs) or 'nothing in ' + libdir)
        real = [p for p in glob.glob(os.path.join(libdir, 'libanneal.so*')) if not os.path.islink(p)]
        if real:
            with open(real[0], 'rb') as f:
                tap.ok(f.read(4) == b'\x7fELF', 'libanneal.so is an ELF file')
        tap.ok(not glob.glob(os.path.join(libdir, '*.a')), 'no static library installed')

        # Headers: anneal.h and everything it includes.
        header = os.path.join(incdir, 'anneal', 'anneal.h')
        if tap.ok(os.path.isfile(header), 'include/anneal/anneal.h installed'):
            with open(header, encoding='utf-8') as f:
                included = re.findall(r'^\s*#\s*include\s+"([^"]+)"', f.read(), re.M)
            missing = [h for h in included
                       if not os.path.isfile(os.path.join(incdir, 'anneal', h))]
            tap.ok(included and not missing, 'the headers anneal.h includes are installed',
                   'missing: ' + ' '.join(missing))

        check_symbols(tap, libdir, incdir)
        if a.introspection == 'true':
            check_introspection(tap, destdir, prefix, a.libdir, a.datadir, a.bindir,
                                a.gir_name, a.python_gi, a.source_root)
        else:
            tap.ok(not os.path.exists(os.path.join(datadir, 'gir-1.0')),
                   'no introspection data with -Dintrospection disabled')
        if a.docs == 'true':
            index = os.path.join(datadir, 'doc', 'anneal', 'index.html')
            tap.ok(os.path.isfile(index), 'API reference installed: ' +
                   os.path.relpath(index, destdir))

        check_pkg_config(tap, destdir, prefix, a.libdir, a.cc + a.cc_flag)
        check_translations(tap, destdir, prefix, a.localedir, a.source_root, langs)

        if with_app:
            check_desktop(tap, destdir, prefix, a.datadir, a.bindir, a.app_id, langs)
            check_metainfo(tap, destdir, prefix, a.datadir, a.app_id, a.version, langs)
            check_schema(tap, destdir, prefix, a.datadir, a.app_id)
            icons = os.path.join(datadir, 'icons', 'hicolor')
            for rel in ('scalable/apps/%s.svg' % a.app_id,
                        'symbolic/apps/%s-symbolic.svg' % a.app_id):
                p = os.path.join(icons, rel)
                good = os.path.isfile(p)
                if good:
                    try:
                        ET.parse(p)
                    except ET.ParseError:
                        good = False
                tap.ok(good, 'icon installed and well-formed: share/icons/hicolor/' + rel)
        else:
            tap.ok(not os.path.exists(os.path.join(datadir, 'applications')),
                   'no desktop file with -Dapp=false')
    finally:
        if a.keep:
            print('# staged in ' + destdir)
        else:
            shutil.rmtree(destdir, ignore_errors=True)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main(sys.argv))
