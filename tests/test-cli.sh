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

echo "1..37"

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
# as the app writes it, with the hash sha256sum computes, and with its
# audit entry: the row as JSON, chained to the last entry by the SHA-256
# of the fields joined by the unit separator (sd_audit_compute_hash()).
text=$'Responsibility statement 安全责任书\nUnit 单位: 信息部\nHead 负责人: none 无\n'
sum=$(printf '%s' "$text" | sha256sum | cut -d ' ' -f 1)
signoff=$(sqlite3 "$db" "INSERT INTO signoffs (unit_id, signer_name, meaning, signed_at,
                           canonical_text, sha256)
                         VALUES ((SELECT id FROM units WHERE name = '信息部'), '张伟', '已阅知',
                                 '2026-03-01T10:00:00+08:00', '$text', '$sum');
                         SELECT last_insert_rowid ();")
signoff_unit=$(sqlite3 "$db" "SELECT unit_id FROM signoffs WHERE id = $signoff")
after='{"unit_id":'$signoff_unit',"signer_person_id":null,"signer_name":"张伟",'\
'"meaning":"已阅知","signed_at":"2026-03-01T10:00:00+08:00",'\
'"canonical_text":"'${text//$'\n'/\\n}'","sha256":"'$sum'","signature":null}'
prev=$(sqlite3 "$db" 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1')
at=2026-03-01T02:00:00.000000Z
hash=$(printf '%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s' "$prev" "$at" tester tester \
         signoffs "$signoff" insert '' "$after" | sha256sum | cut -d ' ' -f 1)
signoff_entry=$(sqlite3 "$db" "INSERT INTO audit_log (at, os_user, operator, entity, entity_id,
                                 action, after, prev_hash, hash)
                               VALUES ('$at', 'tester', 'tester', 'signoffs', $signoff, 'insert',
                                       '$after', '$prev', '$hash');
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
# Changed behind the app's back: the sign-off's own hash and the audit log
# both say so.
if [[ $rc == 1 ]] && grep -qP "^signoff\t$signoff\t信息部\t.+" "$work/out" &&
   grep -qP "^audit\t$signoff_entry\tSign-off #$signoff .+" "$work/out" &&
   [[ $(wc -l < "$work/out") == 2 ]]; then
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
# The risk register: an import into the organisation above, all or nothing.
risk_header='code,title,category,owner_unit,likelihood,impact,residual_likelihood,'\
'residual_impact,target_likelihood,target_impact,treatment,status,description'
printf '%s\r\n' "$risk_header" \
  'K-1,机房进水,operational,信息部,4,5,2,3,,,降低,处理中,暴雨季节' \
  'K-2,数据泄露,数据安全,示例公司,3,4,,,,,transfer,open,' > "$work/risks.csv"
if "$app" --database "$db" --import risks "$work/risks.csv" > "$work/out" 2> "$work/err" &&
   [[ $(sqlite3 "$db" "SELECT group_concat(code || ':' || residual_likelihood || target_impact
                        || ':' || treatment || ':' || status, ' ')
                       FROM (SELECT * FROM risks ORDER BY id)") == \
      'K-1:23:reduce:treating K-2:34:transfer:open' ]]; then
  echo "ok 21 - --import risks"
else
  echo "not ok 21 - --import risks"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

printf '%s\n' "$risk_header" \
  'K-3,新风险,data,信息部,2,2,,,,,,,' 'K-1,重复,data,信息部,2,2,,,,,,,' \
  'K-4,评级过高,data,信息部,6,2,,,,,,,' 'K-5,未知部门,data,人事部,2,2,,,,,,,' > "$work/bad-risks.csv"
before=$(sqlite3 "$db" 'SELECT count(*) FROM audit_log')
set +e
"$app" --database "$db" --import risks "$work/bad-risks.csv" > "$work/out" 2> "$work/err"
rc=$?
set -e
after=$(sqlite3 "$db" 'SELECT count(*) FROM audit_log')
if [[ $rc == 1 ]] && grep -q 'bad-risks.csv:3: ' "$work/err" &&
   grep -q 'bad-risks.csv:4: ' "$work/err" && grep -q 'bad-risks.csv:5: ' "$work/err" &&
   ! grep -q 'bad-risks.csv:2:' "$work/err" &&
   [[ $before == "$after" && $(sqlite3 "$db" 'SELECT count(*) FROM risks') == 2 ]]; then
  echo "ok 22 - --import risks with bad rows: each reported, nothing written"
else
  echo "not ok 22 - --import risks with bad rows (exit $rc)"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

# The heat map of the demo data, headless, in each format.
risk_code=$(sqlite3 "$demo" 'SELECT code FROM risks ORDER BY id LIMIT 1')
set +e
"$app" --database "$demo" --export-heatmap "$work/map.png" > "$work/out" 2> "$work/err"
rc=$?
set -e
png_magic=$(head -c 8 "$work/map.png" 2> /dev/null | od -An -tx1 | tr -d ' \n')
if [[ $rc == 0 && $png_magic == 89504e470d0a1a0a ]]; then
  echo "ok 23 - --export-heatmap out.png: a PNG"
else
  echo "not ok 23 - --export-heatmap out.png (exit $rc)"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

set +e
"$app" --database "$demo" --export-heatmap "$work/map.svg" > "$work/out" 2> "$work/err"
rc=$?
set -e
if [[ $rc == 0 && -s $work/map.svg ]] && grep -q '<svg' "$work/map.svg"; then
  echo "ok 24 - --export-heatmap out.svg: an SVG"
else
  echo "not ok 24 - --export-heatmap out.svg (exit $rc)"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

set +e
"$app" --database "$demo" --export-heatmap "$work/map.pdf" > "$work/out" 2> "$work/err"
rc=$?
set -e
if [[ $rc == 0 && -n $risk_code && $(head -c 5 "$work/map.pdf") == %PDF- ]] &&
   [[ $(pdf_text "$work/map.pdf" | tr -d ' \n') == *"$risk_code"* ]]; then
  echo "ok 25 - --export-heatmap out.pdf: a PDF with risk $risk_code"
else
  echo "not ok 25 - --export-heatmap out.pdf (exit $rc, code '$risk_code')"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

set +e
"$app" --database "$demo" --export-heatmap "$work/residual.png" --risk-level residual \
  > "$work/out" 2> "$work/err"
rc=$?
set -e
if [[ $rc == 0 && $(head -c 4 "$work/residual.png" | tail -c 3) == PNG ]]; then
  echo "ok 26 - --export-heatmap --risk-level residual"
else
  echo "not ok 26 - --export-heatmap --risk-level residual (exit $rc)"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

set +e
"$app" --database "$demo" --export-heatmap "$work/bogus.png" --risk-level bogus \
  > "$work/out" 2> "$work/err"
rc=$?
set -e
if [[ $rc == 1 && ! -e $work/bogus.png ]] && grep -q bogus "$work/err"; then
  echo "ok 27 - --risk-level bogus: a message, exit 1, no file"
else
  echo "not ok 27 - --risk-level bogus (exit $rc)"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

set +e
"$app" --database "$demo" --export-heatmap "$work/map.bmp" > "$work/out" 2> "$work/err"
rc=$?
set -e
if [[ $rc == 1 && ! -e $work/map.bmp && -s $work/err ]]; then
  echo "ok 28 - --export-heatmap of an unknown extension: a message, exit 1"
else
  echo "not ok 28 - --export-heatmap out.bmp (exit $rc)"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

set +e
"$app" --database "$demo" --export-heatmap "$work/no-such-dir/map.png" \
  > "$work/out" 2> "$work/err"
rc=$?
set -e
if [[ $rc == 1 && -s $work/err ]]; then
  echo "ok 29 - --export-heatmap to a path that cannot be written: a message, exit 1"
else
  echo "not ok 29 - --export-heatmap to an unwritable path (exit $rc)"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

# The annual plan of the demo data as a PDF; a year without a plan is named.
year=$(sqlite3 "$demo" 'SELECT year FROM plans ORDER BY year LIMIT 1')
task=$(sqlite3 "$demo" "SELECT title FROM plan_tasks WHERE plan_id =
                          (SELECT id FROM plans WHERE year = $year) ORDER BY id LIMIT 1")
set +e
"$app" --database "$demo" --export-plan "$year" "$work/plan.pdf" > "$work/out" 2> "$work/err"
rc=$?
set -e
if [[ $rc == 0 && -n $task && $(head -c 5 "$work/plan.pdf") == %PDF- ]] &&
   [[ $(pdf_text "$work/plan.pdf" | tr -d ' \n') == *"$(tr -d ' \n' <<< "$task")"* ]]; then
  echo "ok 30 - --export-plan $year: a PDF with the task $task"
else
  echo "not ok 30 - --export-plan $year (exit $rc, task '$task')"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

set +e
"$app" --database "$demo" --export-plan 1999 "$work/none-plan.pdf" > "$work/out" 2> "$work/err"
rc=$?
set -e
if [[ $rc == 1 && ! -e $work/none-plan.pdf ]] && grep -q 1999 "$work/err"; then
  echo "ok 31 - --export-plan of a year without a plan: the year named, exit 1, no file"
else
  echo "not ok 31 - --export-plan 1999 (exit $rc)"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

# --verify and the audit log: the demo data as the app wrote it verifies;
# each way of tampering with a copy of it names the right entry, exit 1.
pristine=$work/verify-pristine.db
sqlite3 "$demo" ".backup '$pristine'"
n_entries=$(sqlite3 "$pristine" 'SELECT count(*) FROM audit_log')
set +e
"$app" --database "$pristine" --verify > "$work/out" 2> "$work/err"
rc=$?
set -e
if [[ $rc == 0 ]] && grep -q "^All $n_entries entries of the audit log verify" "$work/out"; then
  echo "ok 32 - --verify on the untouched demo data: all $n_entries entries verify, exit 0"
else
  echo "not ok 32 - --verify on the untouched demo data (exit $rc)"
  sed 's/^/# /' "$work/out" "$work/err"
  status=1
fi

# verify_tampered N WHAT SQL ID ROW: after SQL on a fresh copy, --verify
# exits 1 with exactly one line "audit<TAB>ID<TAB>…ROW…".
verify_tampered () {
  local n=$1 what=$2 sql=$3 id=$4 row=$5 copy=$work/verify-$1.db rc
  cp "$pristine" "$copy"
  sqlite3 "$copy" "$sql"
  set +e
  "$app" --database "$copy" --verify > "$work/out" 2> "$work/err"
  rc=$?
  set -e
  if [[ $rc == 1 && $(wc -l < "$work/out") == 1 ]] &&
     grep -qP "^audit\t$id\t.*\Q$row\E" "$work/out"; then
    echo "ok $n - --verify names $what: entry $id"
  else
    echo "not ok $n - --verify on $what (exit $rc, expected entry $id and ${row//#/no. })"
    sed 's/^/# /' "$work/out" "$work/err"
    status=1
  fi
}

# How --verify names the row of entry N: "Unit #5".
audit_row () {
  sqlite3 -separator ' #' "$pristine" "
    SELECT CASE entity WHEN 'units' THEN 'Unit' WHEN 'people' THEN 'Person'
                       WHEN 'posts' THEN 'Post' WHEN 'bodies' THEN 'Body'
                       ELSE entity END, entity_id
    FROM audit_log WHERE id = $1"
}

verify_tampered 33 "an edited entry" \
  "UPDATE audit_log SET operator = 'mallory' WHERE id = 10" 10 "#10 "
verify_tampered 34 "a deleted entry" \
  "DELETE FROM audit_log WHERE id = 10" 11 "$(audit_row 11)"
verify_tampered 35 "two swapped entries" \
  "UPDATE audit_log SET id = -1 WHERE id = 10; UPDATE audit_log SET id = 10 WHERE id = 11;
   UPDATE audit_log SET id = 11 WHERE id = -1" 10 "$(audit_row 11)"
# A row changed behind the app's back: named with its last entry.
changed_entry=$(sqlite3 "$pristine" "SELECT max(id) FROM audit_log WHERE entity = 'units'
                                       AND entity_id = $unit_id")
verify_tampered 36 "a data row changed" \
  "UPDATE units SET staff_count = staff_count + 1 WHERE id = $unit_id" "$changed_entry" \
  "Unit #$unit_id "
# The last entry removed: the chain still holds, the data tells. A unit
# is added through the app first, so that the last entry is its insertion.
printf 'name,parent,kind,head,staff_count\n审计部,,department,,3\n' > "$work/audit-unit.csv"
"$app" --database "$pristine" --import units "$work/audit-unit.csv" > /dev/null
new_unit=$(sqlite3 "$pristine" "SELECT id FROM units WHERE name = '审计部'")
verify_tampered 37 "the last entry deleted" \
  "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)" 0 "Unit #$new_unit "
exit $status
