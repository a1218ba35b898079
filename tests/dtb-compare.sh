#!/usr/bin/env bash
# Compares, node by node, the device tree a kernel gets on QEMU's machine with the one it
# gets as a guest of testvisor (same CPU count), for arm64 and riscv64. The dtb_dump
# payload prints the tree it was booted with, standalone (QEMU's) and as a guest
# (testvisor's); build/dtb/dtb_compare lists every difference and fails unless
# tests/dtb/<arch>.rules justifies each one and every rule still matches one.
# On arm64 the standalone tree is also checked against QEMU's own `-machine dumpdtb=`,
# so the payload's dump is known to be QEMU's tree (riscv64 has none to check it by:
# OpenSBI rewrites the tree QEMU dumps before a kernel gets it).
# Usage: tests/dtb-compare.sh [arches]; prints "dtb-compare: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
make --no-print-directory build/dtb/dtb_compare >/dev/null || { echo "dtb-compare: 0 passed, 1 failed"; exit 1; }
pass=0 fail=0
verdict() { # name, ok?, detail
  if [ "$2" = 0 ]; then echo "PASS $1 ($3)"; pass=$((pass + 1)); else echo "FAIL $1: $3"; fail=$((fail + 1)); fi
}
for arch in ${1:-arm64 riscv64}; do
  case $arch in arm64|riscv64) ;; *) continue ;; esac
  dir=build/results/$arch
  out=build/dtb/$arch
  mkdir -p "$out"
  # The payload logs of this build (make check's payload step made them), else run them.
  for mode in standalone guest; do
    log=$dir/$mode/dtb_dump.log
    if [ ! -s "$log" ] || [ "$log" -ot "build/$arch/payloads/dtb_dump.elf" ]; then
      tests/run --arch "$arch" --name dtb_dump --mode "$mode" > /dev/null
    fi
  done
  build/dtb/dtb_compare "$dir/standalone/dtb_dump.log" "$dir/guest/dtb_dump.log" \
    "tests/dtb/$arch.rules" > "$out/compare.txt" 2>&1
  verdict "$arch/dtb/testvisor-vs-qemu" $? "$(tail -1 "$out/compare.txt") [$out/compare.txt]"
  if [ "$arch" = arm64 ]; then
    # QEMU's standalone command line for dtb_dump (tests/qemu/arm64.sh), dumping instead of running.
    (
      # shellcheck source=tests/qemu/arm64.sh
      . tests/qemu/arm64.sh
      PAYLOAD_ELF=build/arm64/payloads/dtb_dump.elf PAYLOAD_ARGS="" QEMU_EXTRA="-smp 2"
      qemu_cmd_standalone
      for i in "${!QEMU_CMD[@]}"; do
        [ "${QEMU_CMD[$i]}" = -M ] && QEMU_CMD[i+1]="${QEMU_CMD[i+1]},dumpdtb=$out/qemu-dumpdtb.dtb"
      done
      timeout 60 "${QEMU_CMD[@]}" > "$out/dumpdtb.log" 2>&1
    )
    build/dtb/dtb_compare "$out/qemu-dumpdtb.dtb" "$dir/standalone/dtb_dump.log" \
      tests/dtb/arm64-dumpdtb.rules > "$out/dumpdtb.txt" 2>&1
    verdict "arm64/dtb/payload-dump-is-qemu-dumpdtb" $? "$(tail -1 "$out/dumpdtb.txt") [$out/dumpdtb.txt]"
  fi
done
echo "dtb-compare: $pass passed, $fail failed"
[ $fail -eq 0 ]
