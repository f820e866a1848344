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

echo "1..10"

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
# --check and --import work headless, on a database of their own.
db=$work/org.db
set +e
"$app" --database "$db" --check > "$work/out" 2> "$work/err"
rc=$?
set -e
if [[ $rc == 2 ]] && grep -q 'does not exist' "$work/err" && [[ ! -e $db ]]; then
  echo "ok 4 - --check on a missing file: a message, exit 2, no file made"
else
  echo "not ok 4 - --check on a missing file (exit $rc)"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

printf 'name,parent,kind,head,staff_count\r\n示例公司,,company,,0\r\n' > "$work/company.csv"
if "$app" --database "$db" --import units "$work/company.csv" > "$work/out" 2> "$work/err" &&
   "$app" --database "$db" --check > "$work/out" 2> "$work/err" && [[ ! -s $work/out ]]; then
  echo "ok 5 - --import units; --check with nothing wrong: no output, exit 0"
else
  echo "not ok 5 - --import units, --check"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

printf 'name,parent,kind,head,staff_count\r\n"信息部",示例公司,部门,,40\r\n' > "$work/units.csv"
if "$app" --database "$db" --import units "$work/units.csv" > "$work/out" 2> "$work/err"; then
  echo "ok 6 - --import units, Chinese values"
else
  echo "not ok 6 - --import units, Chinese values"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

# A department without a liaison: one line of three tab-separated fields.
set +e
"$app" --database "$db" --check > "$work/out" 2> "$work/err"
rc=$?
set -e
if [[ $rc == 1 ]] && grep -qP '^missing-liaison\t信息部\t.+' "$work/out" &&
   ! grep -qvP '^[a-z-]+\t[^\t]+\t[^\t]+$' "$work/out"; then
  echo "ok 7 - --check names the violation and exits 1"
else
  echo "not ok 7 - --check (exit $rc)"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

# A bad row aborts the import: every bad row reported, nothing written.
printf 'name,unit,title,employment\n张伟,信息部,工程师,full-time\n李娜,财务处,会计,full-time\n王芳,信息部,,sometimes\n' \
  > "$work/people.csv"
before=$(sqlite3 "$db" 'SELECT count(*) FROM audit_log')
set +e
"$app" --database "$db" --import people "$work/people.csv" > "$work/out" 2> "$work/err"
rc=$?
set -e
after=$(sqlite3 "$db" 'SELECT count(*) FROM audit_log')
people=$(sqlite3 "$db" 'SELECT count(*) FROM people')
if [[ $rc == 1 ]] && grep -q 'people.csv:3:' "$work/err" && grep -q 'people.csv:4:' "$work/err" &&
   [[ $before == "$after" && $people == 0 ]]; then
  echo "ok 8 - --import with bad rows: each reported, nothing written"
else
  echo "not ok 8 - --import with bad rows (exit $rc, people $people)"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

set +e
"$app" --database "$db" --import planets "$work/people.csv" > /dev/null 2> "$work/err"
rc=$?
set -e
if [[ $rc == 2 ]] && grep -q planets "$work/err"; then
  echo "ok 9 - --import of an unknown kind is refused"
else
  echo "not ok 9 - --import of an unknown kind (exit $rc)"
  status=1
fi
# The window's database is never created by a headless command's typo.
set +e
"$app" --database "$work/other.db" --check extra > /dev/null 2> "$work/err"
rc=$?
set -e
if [[ $rc == 2 && ! -e $work/other.db ]]; then
  echo "ok 10 - stray arguments are refused"
else
  echo "not ok 10 - stray arguments (exit $rc)"
  status=1
fi
exit $status
