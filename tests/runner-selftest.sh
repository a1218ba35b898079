#!/usr/bin/env bash
# Proves the runner catches broken payloads: runs tests/broken/*.cfg (a good selftest and
# four payloads broken on purpose, per architecture) and checks each verdict and message.
# Prints one line per expectation and "runner-selftest: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
arches=${1:-x86_64 arm64 riscv64 s390x}
out=build/results/runner-selftest
rm -rf "$out"
tests/run --manifest-dir tests/broken --results "$out" --arch "${arches// /,}" > "$out.txt" 2>&1
rc=$?
pass=0 fail=0
expect() { # <description> <condition...>
  local what=$1; shift
  if "$@"; then echo "PASS runner-selftest: $what"; pass=$((pass + 1))
  else echo "FAIL runner-selftest: $what"; fail=$((fail + 1)); fi
}
line_for() { grep -E "^[A-Z]+ $1/standalone/$2 " "$out.txt"; }
for a in $arches; do
  expect "$a: the good selftest passes beside broken ones" grep -qE "^PASS $a/standalone/good_selftest " "$out.txt"
  expect "$a: a failing assertion fails the test" \
    bash -c "grep -E '^FAIL $a/standalone/broken_assert ' '$out.txt' | grep -q '1 failed'"
  expect "$a: an endless loop is stopped by the timeout" \
    bash -c "grep -E '^FAIL $a/standalone/broken_loop ' '$out.txt' | grep -q 'timed out'"
  expect "$a: an unexpected trap fails the test" grep -qE "^FAIL $a/standalone/broken_trap " "$out.txt"
  expect "$a: an exit without a summary fails the test" \
    bash -c "grep -E '^FAIL $a/standalone/broken_nosummary ' '$out.txt' | grep -q 'no SUMMARY'"
  expect "$a: failure lines name the log" \
    bash -c "grep -E '^FAIL $a/standalone/broken_trap ' '$out.txt' | grep -q 'log: '"
done
expect "the runner exits non-zero when tests fail" test "$rc" -ne 0
[ $fail -gt 0 ] && { echo "runner output:"; sed 's/^/    /' "$out.txt"; }
echo "runner-selftest: $pass passed, $fail failed"
[ $fail -eq 0 ]
