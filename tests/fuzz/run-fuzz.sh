#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Security Duties authors
#
# Runs one libFuzzer target for a bounded time, as a test of the suite
# 'fuzz' (see meson.build):
#
#   run-fuzz.sh TARGET CORPUS_DIR ARTIFACT_DIR MAX_LEN [SEED_MAKER]
#
# SD_FUZZ_SECONDS (default 60) bounds the run. The committed corpus is
# only read: libFuzzer writes the new inputs it finds into the first
# folder it is given, here a temporary one. A failing input goes to
# ARTIFACT_DIR (the build's meson-logs/). The exit status is libFuzzer's:
# 0 when the time ran out without a crash, leak, sanitizer report,
# timeout or memory blow-up. SEED_MAKER, if given, is run with a folder to
# write more seeds into (inputs too large to keep in the corpus).

set -u

target=$1
corpus=$2
artifacts=$3
max_len=$4
seed_maker=${5:-}
seconds=${SD_FUZZ_SECONDS:-60}

case $seconds in
  ''|*[!0-9]*)
    echo "SD_FUZZ_SECONDS must be a whole number of seconds, not “$seconds”" >&2
    exit 2
    ;;
esac

name=$(basename "$target")
mkdir -p "$artifacts" || exit 2
scratch=$(mktemp -d "${TMPDIR:-/tmp}/sd-$name-XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT TERM
mkdir "$scratch/new" || exit 2

seeds=
if [ -n "$seed_maker" ]; then
  "$seed_maker" "$scratch/seeds" || exit 2
  seeds="$scratch/seeds"
fi

# Each input has -timeout seconds (an open that hangs fails the run), the
# process -rss_limit_mb (a blow-up fails it too); every failure exits with
# 1. The outer timeout only guards against libFuzzer itself not stopping:
# it adds the time needed to read the corpus and to report.
timeout --kill-after=30 $((seconds + 300)) \
  "$target" \
  -max_total_time="$seconds" \
  -max_len="$max_len" \
  -timeout=20 \
  -rss_limit_mb=2048 \
  -detect_leaks=1 \
  -error_exitcode=1 \
  -timeout_exitcode=1 \
  -print_final_stats=1 \
  -artifact_prefix="$artifacts/$name-" \
  "$scratch/new" "$corpus" $seeds
status=$?
# 77 (libFuzzer's own default for a failure) means "skipped" to meson.
[ $status -eq 77 ] && status=1

echo "$name: libFuzzer exit status $status after at most $seconds s" \
     "(new inputs found: $(ls "$scratch/new" | wc -l), not kept)"
exit $status
