#!/bin/sh
# Runs a test that needs a display on an X server of its own (Xvfb) when it is
# given one (DISPLAY set, as tools/test's xvfb-run does) and Xvfb is installed.
#
# The app's test programs run in parallel. On one shared server, each window a test
# presents takes the keyboard focus from the others' (GTK focuses what it
# presents, and without a window manager X does as it is told), and a window that
# loses it closes its popovers and forgets its focus chain: a catalogue popover
# that was open is gone, a Tab walk loses its place. On a server of its own, a
# test's windows meet only each other.
#
# Without DISPLAY (the Flatpak build sandbox) or without Xvfb, the test runs as it
# is: it skips, or uses the display it was given.
#
# Usage: with-own-display.sh PROGRAM [ARGS...]
set -u

if [ -z "${DISPLAY:-}" ] || ! command -v Xvfb >/dev/null 2>&1; then
  exec "$@"
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/anneal-display.XXXXXX") || exec "$@"
Xvfb -displayfd 3 -screen 0 1920x1200x24 -nolisten tcp 3>"$dir/display" 2>"$dir/log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$dir"' EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# -displayfd writes the server's number once it accepts connections
i=0
while [ ! -s "$dir/display" ] && [ "$i" -lt 200 ] && kill -0 "$server" 2>/dev/null; do
  sleep 0.05
  i=$((i + 1))
done
number=$(head -n 1 "$dir/display" 2>/dev/null)
if [ -z "$number" ]; then
  echo "# with-own-display.sh: Xvfb did not start; on the display given" >&2
  cat "$dir/log" >&2
  "$@"
  exit $?
fi

DISPLAY=":$number"
export DISPLAY
unset WAYLAND_DISPLAY
"$@"
