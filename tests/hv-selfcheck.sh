#!/usr/bin/env bash
# Boots testvisor itself (no guest) on each given architecture with the "selfcheck" option
# and checks that its built-in self-check ran and passed and that QEMU's exit status says
# so. Prints one line per architecture and "hv-selfcheck: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
pass=0 fail=0
for arch in ${1:-x86_64 arm64 riscv64 s390x}; do
  log=build/results/hv-selfcheck-$arch.log
  RUN_TIMEOUT=60 bash tests/boot-hv.sh "$arch" "build/$arch/testvisor.elf" selfcheck > "$log" 2>&1
  rc=$?
  summary=$(tr -d '\r' < "$log" | grep -E '^selfcheck: [0-9]+ checks, [0-9]+ failed$' | tail -1)
  status=$(. "tests/qemu/$arch.sh"; qemu_exit_status "$rc")
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
echo "hv-selfcheck: $pass passed, $fail failed"
[ $fail -eq 0 ]
