#!/bin/sh
# run-fuzzers.sh — run each libFuzzer target for a given number of seconds
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/fuzz/run-fuzzers.sh SECONDS [TARGET...]
#   TARGET: fuzz-spec, fuzz-document, fuzz-import (default: all three, one after the other)
#
# Configures and builds _build-fuzz (clang, libFuzzer, ASan + UBSan) when needed, then
# runs one target at a time, one fuzzing process at a time (-fork=1: a crash ends that
# child, the next one goes on), on a copy of the committed seed corpus so that the
# corpus in the repository is left alone. Each distinct crash (also timeouts and
# out-of-memory) is copied to tests/fuzz/corpus/regression/<target>/, where the replay
# test in the normal suite runs it from then on. One summary line per target:
#
#   fuzz-spec: 1200 s, 8012345 execs (6677/s), 0 crashes, 0 timeouts, 0 ooms, corpus 412
#
# Environment: ANNEAL_FUZZ_BUILD (build directory, default _build-fuzz),
# ANNEAL_FUZZ_ARGS (more libFuzzer options), ANNEAL_FUZZ_KEEP=1 (keep the work
# directory with the logs, the grown corpus and every crashing input),
# ANNEAL_FUZZ_TRIAGE (how many crashing inputs, smallest first, to sort into distinct
# failures; default 60).
# Exit status: 0 when no target found anything new, 1 otherwise, 2 on usage errors.

set -eu

usage () {
  echo "usage: $0 SECONDS [fuzz-spec|fuzz-document|fuzz-import]..." >&2
  exit 2
}

[ $# -ge 1 ] || usage
seconds=$1
shift
case $seconds in
  ''|*[!0-9]*) usage ;;
esac
[ "$seconds" -ge 1 ] || usage

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${ANNEAL_FUZZ_BUILD:-$root/_build-fuzz}
targets=${*:-fuzz-spec fuzz-document fuzz-import}

for target in $targets; do
  case $target in
    fuzz-spec|fuzz-document|fuzz-import) ;;
    *) echo "$0: unknown target '$target'" >&2; usage ;;
  esac
done

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$root" \
    -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false \
    -Dapp=false -Dbenchmarks=false
fi
for target in $targets; do
  ninja -C "$build" -j1 "tests/fuzz/$target"
done

# Any sanitizer report is a crash; leaks in system libraries' caches are not ours.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$root/tools/lsan.supp:print_suppressions=0}"
export G_DEBUG=fatal-criticals
export LC_ALL=C.UTF-8

work=$(mktemp -d "${TMPDIR:-/tmp}/anneal-fuzz.XXXXXX")
cleanup () {
  if [ "${ANNEAL_FUZZ_KEEP:-0}" = 1 ]; then
    echo "work directory kept: $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT INT TERM

# One line that names the failure of an input, the same for every input that hits
# the same bug: the first report line, without addresses, numbers, quoted text ("…" or
# '…') or control characters.
signature () {
  exe=$1 input=$2
  out=$("$exe" -timeout=30 -rss_limit_mb=2048 "$input" 2>&1 || true)
  if printf '%s\n' "$out" | grep -q 'ERROR: libFuzzer: timeout'; then
    echo timeout
    return
  fi
  if printf '%s\n' "$out" | grep -q 'ERROR: libFuzzer: out-of-memory'; then
    echo out-of-memory
    return
  fi
  printf '%s\n' "$out" \
    | grep -E -m1 '^fuzz: [^i]|ERROR:.*(assertion|should not be reached)|CRITICAL|runtime error:|^SUMMARY: |ERROR: AddressSanitizer|ERROR: LeakSanitizer' \
    | tr -d '\001-\010\013-\037\177' \
    | sed -E "s/\"[^\"]*\"/\"…\"/g; s/'[^']*'/'…'/g; s/0x[0-9a-f]+//g; s/[0-9]+/N/g; s/==N==//g" \
    || true
}

status=0

for target in $targets; do
  case $target in
    fuzz-spec) corpus=spec; dict=spec.dict; max_len=4200 ;;
    fuzz-document) corpus=document; dict=document.dict; max_len=8192 ;;
    fuzz-import) corpus=import; dict=import.dict; max_len=4096 ;;
  esac

  exe=$build/tests/fuzz/$target
  regression=$here/corpus/regression/$target
  mkdir -p "$work/$target/corpus" "$work/$target/artifacts" "$regression"
  cp "$here/corpus/$corpus/"* "$work/$target/corpus/"
  log=$work/$target/fuzz.log

  started=$(date +%s)
  # shellcheck disable=SC2086  # ANNEAL_FUZZ_ARGS is a list of options
  (cd "$work/$target" && "$exe" \
      -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
      -dict="$here/$dict" -artifact_prefix="$work/$target/artifacts/" \
      -print_final_stats=1 ${ANNEAL_FUZZ_ARGS:-} \
      "$work/$target/corpus" >"$log" 2>&1) || true
  ended=$(date +%s)

  # The fork-mode status lines: "#EXECS: cov: … oom/timeout/crash: O/T/C time: Ns job: J".
  last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -n 1 || true)
  execs=$(printf '%s\n' "$last" | sed -nE 's/^#([0-9]+):.*/\1/p')
  counts=$(printf '%s\n' "$last" | sed -nE 's/.*oom\/timeout\/crash: ([0-9]+)\/([0-9]+)\/([0-9]+).*/\1 \2 \3/p')
  set -- ${counts:-0 0 0}
  ooms=$1 timeouts=$2 crashes=$3
  elapsed=$((ended - started))
  execs=${execs:-0}
  rate=$((execs / (elapsed > 0 ? elapsed : 1)))
  n_corpus=$(ls "$work/$target/corpus" | wc -l)

  if [ -z "$last" ]; then
    echo "$target: the fuzzer did not run; its log:" >&2
    tail -n 30 "$log" >&2
    status=1
    continue
  fi

  # Keep one input per distinct failure, the smallest, unless a committed regression
  # input already fails the same way.
  known=$work/$target/known
  : >"$known"
  for input in "$regression"/*; do
    [ -f "$input" ] || continue
    signature "$exe" "$input" >>"$known"
  done

  # The smallest ones first; one bug can leave hundreds of inputs, so look at
  # ANNEAL_FUZZ_TRIAGE (default 60) of them.
  new=0
  for input in $(ls -Sr "$work/$target/artifacts/" 2>/dev/null | head -n "${ANNEAL_FUZZ_TRIAGE:-60}"); do
    path=$work/$target/artifacts/$input
    sig=$(signature "$exe" "$path")
    if [ -z "$sig" ]; then
      echo "$target: $input does not fail again on its own (flaky?); kept in $work" >&2
      ANNEAL_FUZZ_KEEP=1
      continue
    fi
    if grep -qxF "$sig" "$known"; then
      continue
    fi
    printf '%s\n' "$sig" >>"$known"
    cp "$path" "$regression/$input"
    new=$((new + 1))
    echo "$target: NEW $regression/$input"
    echo "    $sig"
    "$exe" -timeout=30 "$path" 2>&1 \
      | grep -E '^fuzz: |ERROR|runtime error|^    #[0-9]+ .* in (anneal|[a-z_]+_(value|range|stats|parse|fill))' \
      | head -n 12 | sed 's/^/    /'
  done
  [ "$new" -eq 0 ] || status=1

  echo "$target: $elapsed s, $execs execs ($rate/s), $crashes crashes, $timeouts timeouts," \
       "$ooms ooms, $new new distinct, corpus $n_corpus"
done

exit $status
