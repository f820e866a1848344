#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a UI test (the arguments) on an X server of its own.
#
# meson runs two tests at once. On a shared display the window one test
# presents takes the keyboard focus from the other test's window, whose
# editors then store what they hold (they save on focus-out) in the middle
# of its checks. Xvfb picks a free display itself (-displayfd), so two
# starts at once never collide as `xvfb-run -a` can.
set -u

dir=$(mktemp -d)
Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp -noreset \
  3>"$dir/display" 2>"$dir/log" &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null; rm -rf "$dir"' EXIT

# Xvfb writes the display number and a newline once it takes clients.
for _ in $(seq 400); do
  [[ $(<"$dir/display") == [0-9]* ]] && break
  kill -0 "$xvfb" 2>/dev/null || break
  sleep 0.05
done
display=$(tr -d '\n' <"$dir/display")
if [[ -z $display ]]; then
  echo "Bail out! Xvfb did not start"
  cat "$dir/log" >&2
  exit 99
fi

DISPLAY=":$display" "$@"
