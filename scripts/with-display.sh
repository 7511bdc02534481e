#!/bin/sh
# Runs a command with an X display: the capture tests read real pixels from one.
# Uses the current DISPLAY if there is one, else starts Xvfb through xvfb-run. -noreset keeps
# the root window painted by the tests after its last client disconnects.
set -e
if [ -n "${DISPLAY:-}" ] && xrandr --current >/dev/null 2>&1; then
  exec "$@"
fi
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "No X display and no xvfb-run: install Xvfb (Debian: apt-get install xvfb xauth x11-xserver-utils imagemagick)." >&2
  exit 1
fi
exec xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$@"
