#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-cli.sh SECURITY-DUTIES
#
# The command line on files that are not Security Duties databases: a clear
# message on stderr, and the file left byte for byte as it was.
set -euo pipefail

app=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME=$work/data
status=0

echo "1..3"

check_refused () {
  local n=$1 file=$2 expected=$3
  local before after
  before=$(sha256sum "$file")
  # The window stays open to show the message: stop it after a moment.
  timeout 5 "$app" --database "$file" 2> "$work/stderr" > /dev/null || true
  after=$(sha256sum "$file")
  if grep -q -- "$expected" "$work/stderr" && [[ $before == "$after" ]] &&
     [[ ! -e $file-wal && ! -e $file-journal ]]; then
    echo "ok $n - $(basename "$file") refused, untouched"
  else
    echo "not ok $n - $(basename "$file")"
    sed 's/^/# /' "$work/stderr"
    status=1
  fi
}

printf 'name,unit\n张伟,信息部\n' > "$work/people.csv"
check_refused 1 "$work/people.csv" "is not a Security Duties database"

head -c 3000 /dev/urandom > "$work/random.db"
check_refused 2 "$work/random.db" "is not a Security Duties database"

if "$app" --version | grep -q '^security-duties '; then
  echo "ok 3 - --version"
else
  echo "not ok 3 - --version"
  status=1
fi
exit $status
