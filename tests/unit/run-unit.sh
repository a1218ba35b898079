#!/usr/bin/env bash
# Runs the host unit-test programs and totals cmocka's results into one line:
# "unit: N passed, N failed". A program counts by the cases cmocka says it ran: one that
# reports no cases (prints nothing, or runs an empty group) is a failure, whatever its
# exit status, and so is one whose exit status disagrees with its results.
set -uo pipefail
if [ $# -eq 0 ]; then
  echo "FAIL unit: no test programs were built"
  echo "unit: 0 passed, 1 failed"
  exit 1
fi
pass=0 fail=0 bad=0
for t in "$@"; do
  out=$("$t" 2>&1)
  rc=$?
  ran=$(sed -n 's/^\[==========\] \([0-9]*\) test(s) run\..*/\1/p' <<< "$out" | tail -1)
  p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' <<< "$out" | tail -1)
  f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' <<< "$out" | tail -1)
  p=${p:-0}; f=${f:-0}
  why=""
  if [ -z "$ran" ] || [ "$ran" -eq 0 ]; then
    why="no test cases reported (cmocka printed no '[==========] N test(s) run.' with N > 0)"
  elif [ $((p + f)) -ne "$ran" ]; then
    why="$ran cases run but $p passed and $f failed"
  elif [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
    why="exit status $rc"  # a crash or sanitizer report after the cases
  fi
  # A program that failed for a reason other than failed cases counts as one failure.
  [ -n "$why" ] && [ "$f" -eq 0 ] && f=1
  if [ "$f" -gt 0 ]; then
    echo "FAIL unit/$(basename "$t") ($p passed, $f failed)${why:+: $why}"
    grep -E '^\[  (FAILED|ERROR) +\]|Assertion|ERROR: AddressSanitizer|runtime error' <<< "$out" | head -10 | sed 's/^/    /'
    bad=1
  else
    echo "PASS unit/$(basename "$t") ($p passed, 0 failed)"
  fi
  pass=$((pass + p)); fail=$((fail + f))
done
echo "unit: $pass passed, $fail failed"
exit $bad
