#!/usr/bin/env bash
# Runs a benchmark that needs a display: the one it is given, or Xvfb.
# Usage: bench-with-display.sh PROGRAM [ARGS...]
set -euo pipefail
export GSETTINGS_BACKEND=memory GTK_A11Y=none NO_AT_BRIDGE=1
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1600x1200x24" "$@"
fi
exec "$@"
