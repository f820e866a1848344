#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-bench.sh SIZE SD_GENERATE SD_BENCH: makes the database of SIZE next
# to the benchmark (again whenever the generator is newer), then runs the
# benchmark on a display with GTK's cairo renderer, starting a virtual one
# (Xvfb) when there is none.
set -eu

size=$1
generate=$2
bench=$3
db="$(dirname "$bench")/bench-$size.db"

if [ ! -e "$db" ] || [ "$generate" -nt "$db" ]; then
  echo "Generating the $size database…" >&2
  "$generate" --force --size "$size" "$db" >&2
fi

# The application's settings schema from the build, so that the window
# opens on the Duties page (sd-bench sets "last-page"); without it, it would
# build the Organisation page first and open_ms would time both.
build_root="$(cd "$(dirname "$bench")/../.." && pwd)"
export GSETTINGS_SCHEMA_DIR="${GSETTINGS_SCHEMA_DIR:-$build_root/data}"
export GSETTINGS_BACKEND="${GSETTINGS_BACKEND:-memory}"

export GSK_RENDERER="${GSK_RENDERER:-cairo}"
# No accessibility bus here; without this GTK would wait for it.
export GTK_A11Y="${GTK_A11Y:-none}"
export NO_AT_BRIDGE=1
# The cairo renderer needs no OpenGL; without this GDK would still load
# Mesa (llvmpipe under Xvfb) at start-up. README.md gives both figures.
export GDK_DEBUG="${GDK_DEBUG-gl-disable}"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1920x1080x24" "$bench" "$db"
fi
exec "$bench" "$db"
