#!/usr/bin/env bash
# Runs the host unit-test programs and totals cmocka's results into one line:
# "unit: N passed, N failed".
set -uo pipefail
pass=0 fail=0 bad=0
for t in "$@"; do
  out=$("$t" 2>&1)
  rc=$?
  p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' <<< "$out" | tail -1)
  f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' <<< "$out" | tail -1)
  p=${p:-0}; f=${f:-0}
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
    # A crash or sanitizer report: count the whole program as one failure.
    f=1
  fi
  if [ "$f" -gt 0 ]; then
    echo "FAIL unit/$(basename "$t") ($p passed, $f failed)"
    grep -E '^\[  (FAILED|ERROR) +\]|Assertion|ERROR: AddressSanitizer|runtime error' <<< "$out" | head -10 | sed 's/^/    /'
    bad=1
  else
    echo "PASS unit/$(basename "$t") ($p passed, 0 failed)"
  fi
  pass=$((pass + p)); fail=$((fail + f))
done
echo "unit: $pass passed, $fail failed"
exit $bad
