#!/usr/bin/env bash
# Time from the start of `anneal` to its first drawn frame, five runs, best and
# median. Uses the display it is given, or Xvfb when there is none.
# Usage: bench-startup.sh ANNEAL SCHEMA_DIR
set -euo pipefail
app=$1
export GSETTINGS_SCHEMA_DIR=$2 GSETTINGS_BACKEND=memory GTK_A11Y=none ANNEAL_BENCH_FIRST_FRAME=1

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x1024x24" "$0" "$@"
fi

times=()
for _ in 1 2 3 4 5; do
  times+=("$("$app" 2>/dev/null | sed -n 's/^first-frame-ms: //p')")
done
sorted=$(printf '%s\n' "${times[@]}" | sort -g)
echo "first frame (ms), 5 runs: ${times[*]}"
echo "best $(echo "$sorted" | head -1) ms, median $(echo "$sorted" | sed -n 3p) ms (target < 300)"
