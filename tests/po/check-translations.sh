#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-translations.sh SOURCE_ROOT LANG
#
# Extracts the messages of the current sources (as the build's pot target
# does), merges them into po/LANG.po in a scratch copy and fails if the
# catalogue has errors, untranslated or fuzzy messages, or is out of date.
set -euo pipefail

root=$1
lang=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
grep -v '^#' po/POTFILES.in | grep -v '^$' > "$work/files"

xgettext --package-name=security-duties --from-code=UTF-8 \
  --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --files-from="$work/files" --output="$work/security-duties.pot"

msgfmt --check --output-file=/dev/null "po/$lang.po"
msgmerge --quiet --no-fuzzy-matching --output-file="$work/$lang.po" \
  "po/$lang.po" "$work/security-duties.pot"

stats=$(LC_ALL=C msgfmt --check --statistics --output-file=/dev/null "$work/$lang.po" 2>&1)
echo "$lang: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "po/$lang.po is missing translations of the current sources:" >&2
    msgattrib --untranslated --only-fuzzy "$work/$lang.po" 2>/dev/null | head -n 40 >&2 || true
    msgattrib --untranslated "$work/$lang.po" | grep '^msgid' | head -n 40 >&2 || true
    exit 1
    ;;
esac
