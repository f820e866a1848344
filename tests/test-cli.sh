#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-cli.sh SECURITY-DUTIES SD-GENERATE
#
# The command line on files that are not Security Duties databases: a clear
# message on stderr, and the file left byte for byte as it was.
set -euo pipefail

app=$1
generate=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME=$work/data
status=0

echo "1..20"

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
if [[ $rc == 2 ]] && grep -q planets "$work/err" && grep -q assignments "$work/err"; then
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

# --verify: each sign-off's text against its SHA-256. The row is written
# as the app writes it, with the hash sha256sum computes.
text=$'Responsibility statement 安全责任书\nUnit 单位: 信息部\nHead 负责人: none 无\n'
sum=$(printf '%s' "$text" | sha256sum | cut -d ' ' -f 1)
signoff=$(sqlite3 "$db" "INSERT INTO signoffs (unit_id, signer_name, meaning, signed_at,
                           canonical_text, sha256)
                         VALUES ((SELECT id FROM units WHERE name = '信息部'), '张伟', '已阅知',
                                 '2026-03-01T10:00:00+08:00', '$text', '$sum');
                         SELECT last_insert_rowid ();")
set +e
"$app" --database "$db" --verify > "$work/out" 2> "$work/err"
rc=$?
set -e
if [[ $rc == 0 ]] && grep -q '^1 sign-off verifies' "$work/out"; then
  echo "ok 11 - --verify on an intact sign-off: exit 0"
else
  echo "not ok 11 - --verify on an intact sign-off (exit $rc)"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

sqlite3 "$db" "UPDATE signoffs SET canonical_text = canonical_text || 'x'"
set +e
"$app" --database "$db" --verify > "$work/out" 2> "$work/err"
rc=$?
set -e
if [[ $rc == 1 ]] && grep -qP "^signoff\t$signoff\t信息部\t.+" "$work/out" &&
   [[ $(wc -l < "$work/out") == 1 ]]; then
  echo "ok 12 - --verify names the tampered sign-off and exits 1"
else
  echo "not ok 12 - --verify on a tampered sign-off (exit $rc)"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

# The duty matrix: duties, then their assignments to the units above.
printf 'code,area,text,source\r\nD-1,部门职责,"负责本部门的网络安全工作。",第1条\r\nD-2,部门职责,落实安全制度。,\r\n' \
  > "$work/duties.csv"
if "$app" --database "$db" --import duties "$work/duties.csv" > "$work/out" 2> "$work/err" &&
   [[ $(sqlite3 "$db" 'SELECT count(*) FROM duties') == 2 ]]; then
  echo "ok 13 - --import duties"
else
  echo "not ok 13 - --import duties"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

roles="SELECT group_concat(role, '') FROM (SELECT role FROM assignments ORDER BY id)"
printf 'duty_code,party_kind,party,role\r\nD-1,unit,信息部,R\r\nD-2,部门,示例公司,知悉\r\n' \
  > "$work/assignments.csv"
if "$app" --database "$db" --import assignments "$work/assignments.csv" \
     > "$work/out" 2> "$work/err" && [[ $(sqlite3 "$db" "$roles") == RI ]]; then
  echo "ok 14 - --import assignments, Chinese party kind and role"
else
  echo "not ok 14 - --import assignments"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

printf 'code,area,text,source\nD-3,部门职责,新职责。,\nD-1,部门职责,,\nD-3,部门职责,重复。,\n' \
  > "$work/bad-duties.csv"
before=$(sqlite3 "$db" 'SELECT count(*) FROM audit_log')
set +e
"$app" --database "$db" --import duties "$work/bad-duties.csv" > "$work/out" 2> "$work/err"
rc=$?
set -e
after=$(sqlite3 "$db" 'SELECT count(*) FROM audit_log')
if [[ $rc == 1 ]] && grep -q 'bad-duties.csv:3: ' "$work/err" &&
   grep -q 'bad-duties.csv:4: ' "$work/err" && ! grep -q 'bad-duties.csv:2:' "$work/err" &&
   [[ $before == "$after" && $(sqlite3 "$db" 'SELECT count(*) FROM duties') == 2 ]]; then
  echo "ok 15 - --import duties with bad rows: each reported, nothing written"
else
  echo "not ok 15 - --import duties with bad rows (exit $rc)"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

# The first row would change a role: it must not, since the others are bad.
printf 'duty_code,party_kind,party,role\nD-1,unit,信息部,C\nD-9,unit,信息部,R\nD-2,post,安全员,R\nD-2,unit,信息部,X\n' \
  > "$work/bad-assignments.csv"
set +e
"$app" --database "$db" --import assignments "$work/bad-assignments.csv" \
  > "$work/out" 2> "$work/err"
rc=$?
set -e
if [[ $rc == 1 ]] && grep -q 'bad-assignments.csv:3: ' "$work/err" &&
   grep -q 'bad-assignments.csv:4: ' "$work/err" &&
   grep -q 'bad-assignments.csv:5: ' "$work/err" && [[ $(sqlite3 "$db" "$roles") == RI ]]; then
  echo "ok 16 - --import assignments with bad rows: each reported, nothing written"
else
  echo "not ok 16 - --import assignments with bad rows (exit $rc)"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

# --export-statement on the demo data: the PDF holds the duties of the unit.
demo=$work/demo.db
"$generate" --size small "$demo" > /dev/null
unit=网络安全管理部
unit_id=$(sqlite3 "$demo" "SELECT id FROM units WHERE name = '$unit'")
code=$(sqlite3 "$demo" "SELECT d.code FROM duties d JOIN assignments a ON a.duty_id = d.id
                        WHERE a.unit_id = $unit_id ORDER BY d.position LIMIT 1")
set +e
"$app" --database "$demo" --export-statement "$unit" "$work/statement.pdf" \
  > "$work/out" 2> "$work/err"
rc=$?
set -e
# Whole outputs, not pipes into grep -q: pipefail would fail on SIGPIPE.
pdf_text () {
  pdftotext -enc UTF-8 "$1" - 2> /dev/null || true
}
if [[ $rc == 0 && -n $code && $(head -c 5 "$work/statement.pdf") == %PDF- ]] &&
   [[ $(pdf_text "$work/statement.pdf" | tr -d ' \n') == *"$code"* ]] &&
   [[ $(pdf_text "$work/statement.pdf") == *"Page 1 of"* ]]; then
  echo "ok 17 - --export-statement by name: a PDF with the unit's duty $code"
else
  echo "not ok 17 - --export-statement by name (exit $rc, code '$code')"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

set +e
"$app" --database "$demo" --export-statement "$unit_id" "$work/by-id.pdf" \
  > "$work/out" 2> "$work/err"
rc=$?
set -e
if [[ $rc == 0 && $(pdf_text "$work/by-id.pdf") == *"$unit"* ]]; then
  echo "ok 18 - --export-statement by the unit's number"
else
  echo "not ok 18 - --export-statement by number (exit $rc)"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

set +e
"$app" --database "$demo" --export-statement 没有这个部门 "$work/none.pdf" \
  > "$work/out" 2> "$work/err"
rc=$?
set -e
if [[ $rc == 2 && ! -e $work/none.pdf ]] && grep -q '没有这个部门' "$work/err" &&
   grep -qP "^$unit_id\t$unit\$" "$work/err"; then
  echo "ok 19 - --export-statement of an unknown unit: the units listed, exit 2, no file"
else
  echo "not ok 19 - --export-statement of an unknown unit (exit $rc)"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

# A duty that nobody is accountable for, in a database of its own: the duty
# matrix's lines follow the organisation's, in the same three fields.
duty_db=$work/duties.db
printf 'name,parent,kind,head,staff_count\r\n示例公司,,company,,0\r\n信息部,示例公司,department,,40\r\n' \
  > "$work/duty-units.csv"
"$app" --database "$duty_db" --import units "$work/duty-units.csv" > /dev/null 2>&1
sqlite3 "$duty_db" "INSERT INTO duties (code, area, text) VALUES
  ('003-9.1', '网络安全领导小组职责', '贯彻执行国家关于网络安全工作的方针、政策。')"
set +e
"$app" --database "$duty_db" --check > "$work/out" 2> "$work/err"
rc=$?
set -e
if [[ $rc == 1 ]] &&
   grep -qP '^duty-without-accountable\t003-9\.1\tDuty 003-9\.1 has no one accountable \(A\)\.$' \
     "$work/out" &&
   grep -qP '^duty-without-responsible\t003-9\.1\t' "$work/out" &&
   [[ $(grep -n '^missing-liaison' "$work/out" | cut -d: -f1) -lt \
      $(grep -n '^duty-' "$work/out" | head -n 1 | cut -d: -f1) ]] &&
   ! grep -qvP '^[a-z-]+\t[^\t]+\t[^\t]+$' "$work/out"; then
  echo "ok 20 - --check names a duty without accountable party, after the organisation's lines"
else
  echo "not ok 20 - --check on duties (exit $rc)"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi
exit $status
