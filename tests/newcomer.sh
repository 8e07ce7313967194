#!/usr/bin/env bash
# A council's new employee, step by step: install opendata from its wheel into a fresh
# virtual environment, follow the README's quick start in Ukrainian, read every command's
# help, and make the mistakes people make — each must end with a message that says what to
# do, and the right exit code. Run by tests/test_newcomer.py; usable alone:
#   tests/newcomer.sh [PYTHON]
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="$(command -v "${1:-python3}")"
PYTHON="$(cd "$(dirname "$PYTHON")" && pwd)/$(basename "$PYTHON")"  # the steps change folder
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export OPENDATA_CACHE="$WORK/cache" HOME="$WORK/home"
unset OPENDATA_LANG OPENDATA_API_KEY OPENDATA_DEBUG
mkdir -p "$HOME"
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# expect CODE PHRASE COMMAND...: the command exits with CODE and says PHRASE; a refusal
# (exit 2) is one line with no traceback
expect() {
  local code="$1" phrase="$2" out err got
  shift 2
  out="$("$@" 2>"$WORK/stderr")"; got=$?
  err="$(cat "$WORK/stderr")"
  if [ "$got" != "$code" ]; then fail "$* → exit $got, not $code: $out $err"; return; fi
  if ! grep -qF -- "$phrase" <<<"$out$err"; then fail "$* does not say «$phrase»: $out $err"; fi
  if grep -q "Traceback" <<<"$out$err"; then fail "$* shows a traceback"; fi
  if [ "$code" = 2 ] && [ "$(grep -c . <<<"$err")" != 1 ]; then
    fail "$* says its refusal on more than one line: $err"
  fi
}

# 1. Install, as the README's «Встановити» says (the IT department builds the wheel)
"$PYTHON" -m pip wheel --quiet --no-deps -w "$WORK/dist" "$ROOT" >/dev/null 2>&1 ||
  { echo "FAIL: the wheel does not build" >&2; exit 1; }
"$PYTHON" -m venv "$WORK/venv" && "$WORK/venv/bin/python" -m pip install --quiet \
  "$WORK"/dist/opendata-*.whl >/dev/null 2>&1 ||
  { echo "FAIL: the wheel does not install into a fresh venv" >&2; exit 1; }
export PATH="$WORK/venv/bin:$PATH"
expect 0 "Перевірка, перетворення й оприлюднення" opendata --help
expect 0 "Перевірка, перетворення й оприлюднення" python -m opendata --help
OPENDATA_LANG=en expect 0 "Usage: opendata [OPTIONS] COMMAND" opendata --help
expect 0 "Як запускати: opendata validate [ПАРАМЕТРИ] [ЦІЛІ]" opendata validate --help

# 2. Every command's help, in Ukrainian, ends with examples
commands=$(opendata --help | sed -n '/^Команди:/,/^$/p' | awk 'NR > 1 && /^  [a-z]/ {print $1}')
[ -n "$commands" ] || fail "opendata --help lists no commands"
for command in $commands; do
  expect 0 "Приклади:" opendata "$command" --help
  for sub in $(opendata "$command" --help | sed -n '/^Команди:/,/^$/p' |
               awk 'NR > 1 && /^  [a-z]/ {print $1}'); do
    expect 0 "Приклади:" opendata "$command" "$sub" --help
  done
done
expect 0 "Приклади:" opendata help validate

# 3. The quick start: a project, the standards, a dataset from a workbook in Documents
cd "$WORK"
mkdir -p "Документи"
cp "$ROOT/tests/data/standards/835/annex-09/legalActs/example.xlsx" "Документи/Акти 2024.xlsx"
# the portal does not answer: the project is written, the organisation's title a TODO
expect 0 "запустіть ту саму команду opendata init ще раз" \
  opendata init rada --organization nizhynska-miska-rada --edrpou 04061783 \
  --portal http://127.0.0.1:9
cd rada
expect 0 "Стандартів завантажено" opendata standards update --source \
  "$ROOT/tests/data/standards/835"
expect 0 "відтепер редагуйте саме цей файл" opendata new akty --from "../Документи/Акти 2024.xlsx"
expect 1 "TODO" opendata validate
DEFINITION=datasets/akty/datapackage.yaml

# 4. The mistakes
# a misspelt command, a file name with spaces not in quotes
expect 2 "можливо, validate?" opendata valdate
expect 2 '"Акти 2024.xlsx"' opendata validate Акти 2024.xlsx
# a colon in a title, unquoted: the line and the fix
sed -i "s/^title: .*/title: Рішення ради: нормативні акти/" "$DEFINITION"
expect 2 "рядок 2: значення з двокрапкою" opendata validate
# the passport filled in as people write it: keywords on one line, with commas and a semicolon
"$WORK/venv/bin/python" - "$DEFINITION" <<'EOF'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
for field, value in (("title", "'Рішення ради: нормативні акти'"),
                     ("description", "Перелік нормативно-правових актів ради"),
                     ("purpose", "Постанова КМУ № 835"), ("update_frequency", "Щомісяця"),
                     ("  name", "Іваненко Іван Іванович"), ("  email", "ivan@nizhyn.example.org")):
    text = re.sub(rf"^{field}: .*$", f"{field}: {value}", text, count=1, flags=re.M)
text = re.sub(r"^keywords:\n- .*$", "keywords: рішення, нормативні акти; Ніжин", text,
              flags=re.M)
open(path, "w", encoding="utf-8").write(text)
EOF
expect 0 "Помилок немає" opendata validate
# the original edited after the copy: said by validate and status, taken by new --update
"$WORK/venv/bin/python" - "../Документи/Акти 2024.xlsx" <<'EOF'
import sys
import openpyxl
book = openpyxl.load_workbook(sys.argv[1])
book.active.cell(2, 2).value = "змінено в оригіналі"
book.save(sys.argv[1])
EOF
expect 0 "opendata new akty --update" opendata validate
expect 0 "оригінал таблиці змінено" opendata status
expect 0 "Узято нову версію" opendata new akty --update
# the sheet renamed in the copy: change sheet: in this datapackage.yaml
"$WORK/venv/bin/python" - "datasets/akty/Акти 2024.xlsx" <<'EOF'
import sys
import openpyxl
book = openpyxl.load_workbook(sys.argv[1])
book.active.title = "Акти"
book.save(sys.argv[1])
EOF
expect 2 "змініть sheet: у datapackage.yaml" opendata validate
sed -i "s/^  sheet: .*/  sheet: Акти/" "$DEFINITION"
expect 0 "Помилок немає" opendata validate
# no key: how to set it on Windows and on Linux; a dry run and the log need none
expect 2 "setx OPENDATA_API_KEY" opendata publish
expect 2 "не відповідає" opendata publish --dry-run
expect 0 "Журнал порожній" opendata log
# offline: which address, and what to do instead
expect 2 "opendata standards update --source ТЕКА" opendata standards update --source \
  http://127.0.0.1:9/
# English when asked
expect 2 "perhaps validate?" opendata valdate --lang en

if [ "$failures" != 0 ]; then
  echo "$failures of the newcomer's steps failed" >&2
  exit 1
fi
echo "the newcomer's path holds"
