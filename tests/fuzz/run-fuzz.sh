#!/usr/bin/env bash
# Runs the libFuzzer targets of build/fuzz/ (mk/fuzz.mk), one after the other.
# Usage: tests/fuzz/run-fuzz.sh [--smoke] <seconds per target> <target>...
# Each starts from a fresh copy of its corpus in build/fuzz/corpus/<target>: the checked-in
# seeds (tests/fuzz/corpus/<target>/) and the generated ones (build/fuzz/seeds), so what a
# run adds never lands in the source tree. Prints per target its executions, rate and
# libFuzzer's final coverage (cov: edges, ft: features), then "fuzz: N passed, N failed".
# A target fails when it crashes (sanitizer report, abort, timeout, out of memory) or does
# not report its statistics; the input that crashed it is named (build/fuzz/artifacts/).
set -uo pipefail
cd "$(dirname "$0")/../.."
smoke=0
[ "${1:-}" = --smoke ] && { smoke=1; shift; }
secs=${1:?seconds per target}
shift
pass=0 fail=0
for t in "$@"; do
  bin=build/fuzz/$t corpus=build/fuzz/corpus/$t art=build/fuzz/artifacts/$t/
  log=build/fuzz/$t.log
  rm -rf "$corpus" "$art"
  mkdir -p "$corpus" "$art"
  if [ -d "tests/fuzz/corpus/$t" ]; then
    cp tests/fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null
  fi
  build/fuzz/seeds "$t" "$corpus" || { echo "FAIL fuzz/$t: seed generator failed"; fail=$((fail + 1)); continue; }
  # -timeout: one input taking seconds is a hang worth reporting; these parsers are tiny.
  "$bin" -max_total_time="$secs" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$art" "$corpus" > "$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<< "$last")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<< "$last")
  corp=$(sed -nE 's/.* corp: ([0-9]+).*/\1/p' <<< "$last")
  crash=$(sed -nE 's/.*Test unit written to (.*)$/\1/p' "$log" | head -1)
  findings=$(find "$art" -type f | wc -l)
  stats="${execs:-?} execs (${rate:-?}/s), cov: ${cov:-?} ft: ${ft:-?} corp: ${corp:-?}, findings: $findings"
  if [ $rc -ne 0 ] || [ -n "$crash" ] || [ "$findings" -ne 0 ] || [ -z "$execs" ]; then
    echo "FAIL fuzz/$t: $stats (exit status $rc; log $log)"
    [ -n "$crash" ] && echo "    crash input: $crash"
    grep -m3 -E 'ERROR: (AddressSanitizer|libFuzzer|UndefinedBehaviorSanitizer)|runtime error|SUMMARY' \
      "$log" | sed 's/^/    /'
    fail=$((fail + 1))
  else
    echo "PASS fuzz/$t: $stats"
    pass=$((pass + 1))
  fi
done
[ $smoke -eq 1 ] || echo "(${secs}s per target; logs build/fuzz/<target>.log)"
echo "fuzz: $pass passed, $fail failed"
[ $fail -eq 0 ]
