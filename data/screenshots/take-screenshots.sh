#!/bin/sh
# take-screenshots.sh — remake the screenshots the metainfo points at, under Xvfb, from a
# build of the app, with default settings.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: data/screenshots/take-screenshots.sh [BUILD_DIR] [OUT_DIR]
#   BUILD_DIR  a configured and compiled meson build with -Dapp=true (default: _build)
#   OUT_DIR    where main.png and compare.png go (default: data/screenshots)
#
# Needs: Xvfb, xdotool, xwininfo (x11-utils), ImageMagick's import and convert. The app
# runs with GSETTINGS_BACKEND=memory and the build's compiled schema, fresh XDG folders,
# no session bus (so no portals start) and the default libadwaita style, so the pictures
# do not depend on whoever runs the script.
#
#   main.png     the default window, light style
#   compare.png  several schedules overlaid, dark style (ADW_DEBUG_COLOR_SCHEME)

set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${1:-$top/_build}
out=${2:-$here}
build=$(cd "$build" && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)

app=$build/src/app/anneal
schemas=$build/src/app
width=1200
height=760

die () { echo "take-screenshots: $*" >&2; exit 1; }

[ -x "$app" ] || die "no app at $app (configure with -Dapp=true and compile first)"
[ -f "$schemas/gschemas.compiled" ] || die "no compiled schema in $schemas"
for tool in Xvfb xdotool xwininfo import convert timeout; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/anneal-shots.XXXXXX")
xvfb_pid=
app_pid=
cleanup () {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; fi
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# A private X server; -displayfd picks a free display number.
Xvfb -displayfd 3 -screen 0 $((width + 200))x$((height + 200))x24 -nolisten tcp -noreset \
  3>"$work/display" >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
i=0
while [ ! -s "$work/display" ]; do
  i=$((i + 1))
  [ $i -le 100 ] || die "Xvfb did not start: $(cat "$work/xvfb.log")"
  sleep 0.1
done
DISPLAY=:$(cat "$work/display")
export DISPLAY

mkdir -p "$work/config" "$work/cache" "$work/state" "$work/data" "$work/runtime"
chmod 700 "$work/runtime"
# Keep the pointer off the window, or a tooltip shows in the picture.
xdotool mousemove $((width + 150)) $((height + 150))

# shoot NAME COLOR_SCHEME [ARG...] — start the app, wait for its window, grab it, quit.
shoot () {
  name=$1
  scheme=$2
  shift 2
  env -u WAYLAND_DISPLAY -u GTK_THEME \
    GSETTINGS_BACKEND=memory \
    GSETTINGS_SCHEMA_DIR="$schemas" \
    XDG_CONFIG_HOME="$work/config" \
    XDG_CACHE_HOME="$work/cache" \
    XDG_STATE_HOME="$work/state" \
    XDG_DATA_HOME="$work/data" \
    XDG_RUNTIME_DIR="$work/runtime" \
    DBUS_SESSION_BUS_ADDRESS=disabled: \
    GDK_BACKEND=x11 \
    GSK_RENDERER=cairo \
    ADW_DEBUG_COLOR_SCHEME="$scheme" \
    NO_AT_BRIDGE=1 \
    GTK_A11Y=none \
    LANGUAGE=en LC_ALL=C.UTF-8 \
    "$app" "$@" >"$work/$name.log" 2>&1 &
  app_pid=$!

  # The display is ours alone: the app's toplevel is its largest visible window (the
  # others are tooltips and popovers). Wait for it to be mapped.
  win=
  tries=0
  while [ -z "$win" ]; do
    tries=$((tries + 1))
    [ $tries -le 120 ] || die "no window for $name: $(cat "$work/$name.log")"
    kill -0 "$app_pid" 2>/dev/null || die "the app exited: $(cat "$work/$name.log")"
    sleep 0.5
    best=$((200 * 200))
    for w in $(xdotool search --onlyvisible --classname anneal 2>/dev/null); do
      info=$(xwininfo -id "$w" 2>/dev/null) || continue
      ww=$(echo "$info" | sed -n 's/.*Width: *\([0-9]*\).*/\1/p')
      wh=$(echo "$info" | sed -n 's/.*Height: *\([0-9]*\).*/\1/p')
      size=$((${ww:-0} * ${wh:-0}))
      if [ "$size" -gt "$best" ]; then best=$size; win=$w; fi
    done
  done
  xdotool windowsize "$win" "$width" "$height" 2>/dev/null || true
  # Let the window settle: first frame, size change, chart drawn.
  sleep 3

  geometry=$(xwininfo -id "$win")
  x=$(echo "$geometry" | sed -n 's/.*Absolute upper-left X: *\(-\?[0-9]*\).*/\1/p')
  y=$(echo "$geometry" | sed -n 's/.*Absolute upper-left Y: *\(-\?[0-9]*\).*/\1/p')
  w=$(echo "$geometry" | sed -n 's/.*Width: *\([0-9]*\).*/\1/p')
  h=$(echo "$geometry" | sed -n 's/.*Height: *\([0-9]*\).*/\1/p')
  [ "$x" -ge 0 ] || x=0
  [ "$y" -ge 0 ] || y=0

  import -window root "$work/$name-root.png"
  convert "$work/$name-root.png" -crop "${w}x${h}+${x}+${y}" +repage -strip "$out/$name.png"
  echo "take-screenshots: wrote $out/$name.png (${w}x${h})"

  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=
  # Its windows gone before the next start.
  tries=0
  while xdotool search --onlyvisible --classname anneal >/dev/null 2>&1; do
    tries=$((tries + 1))
    [ $tries -le 40 ] || break
    sleep 0.25
  done
}

# The default window, then a saved comparison (compare.anneal beside this script) opened
# in the dark style.
shoot main default
shoot compare prefer-dark "$here/compare.anneal"
