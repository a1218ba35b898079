#!/usr/bin/env bash
# Boots testvisor itself (no guest) on each given architecture, three times: with the "selfcheck"
# option (its built-in self-check must run and pass, and QEMU's exit status say so), and
# with "fault-test" (a deliberate access far beyond RAM must be reported with the address
# and registers, never hang, and end with a failure status where the platform can give
# one); then with "integrity-test" (a byte of its read-only data flipped after the first
# guest must stop the run with the reason). Prints one line per check and
# "hv-selfcheck: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
pass=0 fail=0
# testvisor's exit status as tests/boot-hv.sh decoded it, empty where QEMU cannot tell.
exit_status_of() { sed -n 's/^boot-hv: QEMU exit code [0-9]*, testvisor exit status \([0-9]*\)$/\1/p' "$1" | tail -1; }
for arch in ${1:-x86_64 arm64 riscv64 s390x}; do
  log=build/results/hv-selfcheck-$arch.log
  RUN_TIMEOUT=60 bash tests/boot-hv.sh "$arch" "build/$arch/testvisor.elf" selfcheck > "$log" 2>&1
  rc=$?
  summary=$(tr -d '\r' < "$log" | grep -E '^selfcheck: [0-9]+ checks, [0-9]+ failed$' | tail -1)
  status=$(exit_status_of "$log")
  why=""
  if [ -z "$summary" ]; then why="no self-check summary (QEMU exit code $rc)"
  elif ! grep -q ', 0 failed$' <<< "$summary"; then why="$summary"
  elif [ -n "$status" ] && [ "$status" != 0 ]; then why="exit status $status after a passing self-check"
  fi
  if [ -z "$why" ]; then
    echo "PASS $arch/hv/selfcheck (${summary#selfcheck: })"; pass=$((pass + 1))
  else
    echo "FAIL $arch/hv/selfcheck: $why [log: $log]"; fail=$((fail + 1))
  fi
done
for arch in ${1:-x86_64 arm64 riscv64 s390x}; do
  log=build/results/hv-faulttest-$arch.log
  RUN_TIMEOUT=60 bash tests/boot-hv.sh "$arch" "build/$arch/testvisor.elf" fault-test > "$log" 2>&1
  rc=$?
  status=$(exit_status_of "$log")
  mentions=$(tr -d '\r' < "$log" | grep -ic 'dead00000000')
  why=""
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then why="hung instead of reporting the fault"
  elif [ "$mentions" -lt 2 ]; then why="the faulting address is not in a fault report"
  elif tr -d '\r' < "$log" | grep -q 'did not fault'; then why="the access did not fault"
  elif [ -n "$status" ] && [ "$status" = 0 ]; then why="exit status 0 after a fault"
  fi
  if [ -z "$why" ]; then
    echo "PASS $arch/hv/fault-report (exit status ${status:-not reported by this platform})"; pass=$((pass + 1))
  else
    echo "FAIL $arch/hv/fault-report: $why [log: $log]"; fail=$((fail + 1))
  fi
done
# integrity-test: a byte of testvisor's read-only data flipped after the first guest of the
# built-in suite; the check after that guest must stop the run with one line saying so.
for arch in ${1:-x86_64 arm64 riscv64 s390x}; do
  log=build/results/hv-integrity-$arch.log
  RUN_TIMEOUT=120 bash tests/boot-hv.sh "$arch" "build/$arch/testvisor.elf" integrity-test > "$log" 2>&1
  rc=$?
  status=$(exit_status_of "$log")
  line=$(tr -d '\r' < "$log" | grep -E '^testvisor: integrity check failed after guest [^ ]+: code or read-only data' | head -1)
  guests=$(tr -d '\r' < "$log" | grep -cE '^testvisor: guest [^ ]+: (PASS|FAIL|SKIP) ')
  why=""
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then why="hung instead of stopping"
  elif [ -z "$line" ]; then why="the flipped byte was not reported"
  elif [ "$guests" -ne 1 ]; then why="$guests guests ran, expected the run to stop after the first"
  elif [ -n "$status" ] && [ "$status" = 0 ]; then why="exit status 0 after a failed integrity check"
  fi
  if [ -z "$why" ]; then
    echo "PASS $arch/hv/integrity (${line#testvisor: })"; pass=$((pass + 1))
  else
    echo "FAIL $arch/hv/integrity: $why [log: $log]"; fail=$((fail + 1))
  fi
done
echo "hv-selfcheck: $pass passed, $fail failed"
[ $fail -eq 0 ]
