#!/usr/bin/env python3
# test-gir.py — libanneal from Python through GObject introspection (python3-gi),
# compared with anneal-cli, the C program over the same library.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-gir.py ANNEAL_CLI [DATA_DIR]
# The typelib and libanneal.so are found through GI_TYPELIB_PATH and LD_LIBRARY_PATH:
# tests/meson.build points them at the build tree, tests/test-install.py at a staged
# installation. Output is TAP.

import csv
import io
import json
import math
import os
import subprocess
import sys


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, good, what, diag=None):
        self.n += 1
        if not good:
            self.failed += 1
        print('%s %d - %s' % ('ok' if good else 'not ok', self.n, what), flush=True)
        if diag is not None and not good:
            for line in str(diag).rstrip().splitlines():
                print('# ' + line)
        return good

    def done(self):
        print('1..%d' % self.n)
        return 1 if self.failed else 0


def cli(argv, *args):
    p = subprocess.run([argv] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True, env=dict(os.environ, LC_ALL='C.UTF-8'))
    return p.returncode, p.stdout, p.stderr


def cli_columns(argv, epochs, specs):
    """anneal-cli eval: one list of floats per spec."""
    rc, out, err = cli(argv, 'eval', '-n', str(epochs), *specs)
    if rc != 0:
        raise RuntimeError('anneal-cli eval failed: ' + err)
    rows = list(csv.reader(io.StringIO(out)))
    return [[float(row[1 + i]) for row in rows[1:]] for i in range(len(specs))]


def main(argv):
    tap = Tap()
    anneal_cli = argv[1]
    data_dir = argv[2] if len(argv) > 2 else None

    # The README's example, exactly.
    import gi
    gi.require_version('Anneal', '0')
    from gi.repository import Anneal, GLib

    s = Anneal.Schedule.parse("cosine-wave()")
    tap.ok(isinstance(s, tuple) and len(s) == 2 and isinstance(s[0], Anneal.Schedule)
           and s[1] == 0,
           'Anneal.Schedule.parse returns (schedule, error column 0)', repr(s))
    s = s[0]
    value = s.value(10)
    expected = cli_columns(anneal_cli, 11, ['cosine-wave()'])[0][10]
    tap.ok(value == expected, 's.value(10) is anneal-cli eval at epoch 10, bit for bit',
           '%r from Python, %r from anneal-cli' % (value, expected))

    # The notebook's own numbers.
    if data_dir:
        with open(os.path.join(data_dir, 'seed-cosine-wave.csv'), encoding='utf-8') as f:
            seed = {int(r['epoch']): float(r['lr']) for r in csv.DictReader(f)}
        tap.ok(abs(value - seed[10]) <= 1e-12 * abs(seed[10]),
               'cosine-wave() at epoch 10 is the notebook value', '%r vs %r' % (value, seed[10]))

    # Every kind at its defaults and a sequence: 60 epochs, every value identical.
    n = Anneal.Kind.get_count()
    kinds = [Anneal.Kind.get_nth(i) for i in range(n)]
    specs = ['%s()' % k.get_name() for k in kinds]
    specs.append('linear(lr=0.1, start_factor=0.01, total_iters=5, for=5) -> cosine(lr=0.1, t_max=45)')
    columns = cli_columns(anneal_cli, 60, specs)
    for spec, column in zip(specs, columns):
        schedule, _ = Anneal.Schedule.parse(spec)
        got = [schedule.value(t) for t in range(60)]
        bad = [t for t in range(60) if got[t] != column[t]]
        tap.ok(not bad, '%s: value(t) equals anneal-cli eval for t = 0 … 59' % spec,
               bad and 'first difference at %d: %r vs %r' % (bad[0], got[bad[0]], column[bad[0]]))

    # Range, statistics and the canonical text, against the same values.
    spec = 'damped-exp-cycles(epochs=40, cycles=4)'
    values = cli_columns(anneal_cli, 40, [spec])[0]
    schedule, _ = Anneal.Schedule.parse(spec)
    lo, hi = schedule.range(0, 39)
    tap.ok((lo, hi) == (min(values), max(values)), 'range() is the min and max of the values',
           '%r vs %r' % ((lo, hi), (min(values), max(values))))
    stats = schedule.stats(0, 39)
    tap.ok(isinstance(stats, Anneal.Stats) and stats.first == values[0]
           and stats.last == values[-1] and stats.min == lo and stats.max == hi
           and math.isclose(stats.sum, math.fsum(values), rel_tol=1e-12)
           and math.isclose(stats.mean, math.fsum(values) / 40, rel_tol=1e-12),
           'stats() gives first, last, min, max, sum and mean of the values',
           'first %r last %r sum %r mean %r' % (stats.first, stats.last, stats.sum, stats.mean))
    tap.ok(schedule.to_string() == 'damped-exp-cycles(epochs=40, cycles=4)',
           'to_string() gives the canonical spec', schedule.to_string())

    # Editing and joining, as the app does it.
    edited = schedule.with_param(0, 'cycles', '8')
    tap.ok(edited.get_number(0, 'cycles') == 8 and schedule.get_number(0, 'cycles') == 4,
           'with_param() returns a changed copy and leaves the schedule as it was')
    warm, _ = Anneal.Schedule.parse('linear()')
    joined = Anneal.Schedule.join([warm, schedule], [5, 0])
    tap.ok(joined.get_n_stages() == 2 and joined.get_stage_length(0) == 5
           and joined.value(5) == schedule.value(0),
           'join() runs the second schedule from its own epoch 0', joined.to_string())
    twin = Anneal.Schedule.parse('cosine-wave()')[0].damped_twin()
    tap.ok(twin is not None and twin.get_kind(0).get_name() == 'damped-cosine-wave',
           'damped_twin() of cosine-wave is damped-cosine-wave')

    # A refused spec: GLib.Error in the Anneal.SpecError domain, the CLI's message.
    bad = 'cosine-wave(lr_strat=0.1)'
    rc, _, err = cli(anneal_cli, 'check', bad)
    try:
        Anneal.Schedule.parse(bad)
        tap.ok(False, 'a refused spec raises GLib.Error')
    except GLib.Error as e:
        tap.ok(e.matches(Anneal.spec_error_quark(), Anneal.SpecError.UNKNOWN_PARAM),
               'a refused spec raises GLib.Error with Anneal.SpecError.UNKNOWN_PARAM',
               '%s %d' % (e.domain, e.code))
        tap.ok(rc == 2 and err.strip() == 'error: ' + e.message,
               'its message is the one anneal-cli prints', '%r vs %r' % (e.message, err))

    # The catalogue, against `anneal-cli list --json`.
    rc, out, err = cli(anneal_cli, 'list', '--json')
    listed = json.loads(out)
    from_gi = []
    for k in kinds:
        params = []
        for j in range(k.get_n_params()):
            p = k.get_param(j)
            entry = {'name': p.get_name(),
                     'type': Anneal.ParamType.to_string(p.get_value_type()),
                     'default': p.get_default_value()}
            if p.get_value_type() == Anneal.ParamType.CHOICE:
                entry['choices'] = list(p.get_choices())
            params.append(entry)
        from_gi.append({'name': k.get_name(), 'origin': k.get_origin(),
                        'damped_twin': k.get_damped_twin(), 'params': params})
    from_cli = [{'name': k['name'], 'origin': k['origin'], 'damped_twin': k['damped_twin'],
                 'params': [dict({'name': p['name'], 'type': p['type'],
                                  'default': p['default']},
                                 **({'choices': p['choices']} if 'choices' in p else {}))
                            for p in k['params']]}
                for k in listed]
    tap.ok(from_gi == from_cli,
           'the catalogue through GI is `anneal-cli list --json` (%d kinds)' % len(from_gi),
           json.dumps(from_gi)[:2000] + '\n' + json.dumps(from_cli)[:2000])
    tap.ok(Anneal.Kind.lookup('onecycle').find_param('anneal').get_flags()
           == Anneal.ParamFlags.NONE
           and Anneal.Kind.lookup('cosine').find_param('lr').get_flags()
           & Anneal.ParamFlags.RATE,
           'parameter flags come through as Anneal.ParamFlags')
    tap.ok(Anneal.Kind.lookup('no-such-kind') is None, 'lookup() of an unknown name is None')

    rc, out, err = cli(anneal_cli, '--version')
    version = '%d.%d.%d' % (Anneal.MAJOR_VERSION, Anneal.MINOR_VERSION, Anneal.MICRO_VERSION)
    tap.ok(Anneal.VERSION_S == version and out.split() == ['anneal-cli', version],
           'Anneal.VERSION_S is the version anneal-cli --version prints', out + err)

    return tap.done()


if __name__ == '__main__':
    sys.exit(main(sys.argv))
