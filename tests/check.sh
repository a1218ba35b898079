#!/usr/bin/env bash
# make check: builds every architecture, runs the host unit tests, a short run of each
# host fuzz target, the runner's own self-test and every payload (standalone and as guests), then prints one line
# "N passed, N failed, N skipped" totalling all of them. Exits non-zero on any failure.
# Usage: tests/check.sh [--arch A] [--group G] [--name PATTERN]
set -uo pipefail
cd "$(dirname "$0")/.."
arches="x86_64 arm64 riscv64 s390x"
run_args=()
while [ $# -gt 0 ]; do
  case $1 in
    --arch) arches=${2//,/ }; shift ;;
    --group|--name) run_args+=("$1" "$2"); shift ;;
    *) echo "check: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p build/results
jobs=$(nproc)
total_pass=0 total_fail=0 total_skip=0

# Adds the counts of a "... N passed, N failed[, N skipped]" line.
add_counts() {
  local line=$1 p f s
  p=$(sed -nE 's/.*\b([0-9]+) passed.*/\1/p' <<< "$line")
  f=$(sed -nE 's/.*\b([0-9]+) failed.*/\1/p' <<< "$line")
  s=$(sed -nE 's/.*\b([0-9]+) skipped.*/\1/p' <<< "$line")
  total_pass=$((total_pass + ${p:-0}))
  total_fail=$((total_fail + ${f:-0}))
  total_skip=$((total_skip + ${s:-0}))
  # A step that printed no counts at all failed before counting anything.
  [ -z "$p$f" ] && total_fail=$((total_fail + 1))
}

built=""
for a in $arches; do
  echo "== build $a"
  # Disk images too: the uefi_image and ipl modes boot them.
  if make --no-print-directory -j"$jobs" ARCH="$a" all > "build/results/build-$a.log" 2>&1 &&
     make --no-print-directory ARCH="$a" image >> "build/results/build-$a.log" 2>&1; then
    built="$built $a"
  else
    echo "FAIL build/$a: see build/results/build-$a.log"
    tail -15 "build/results/build-$a.log" | sed 's/^/    /'
    total_fail=$((total_fail + 1))
  fi
done

echo "== host unit tests"
unit_out=$(make --no-print-directory -j"$jobs" unit 2>&1)
echo "$unit_out" | grep -vE '^  HOSTCC'
add_counts "$(grep '^unit: ' <<< "$unit_out" | tail -1)"

# Each libFuzzer target a few seconds from its seeds: one test each (mk/fuzz.mk).
echo "== host fuzz smoke"
fuzz_out=$(make --no-print-directory -j"$jobs" fuzz-smoke 2>&1)
echo "$fuzz_out" | grep -vE '^  (FUZZCC|HOSTCC)|^make'
add_counts "$(grep '^fuzz: ' <<< "$fuzz_out" | tail -1)"

if [ -n "$built" ]; then
  echo "== runner self-test (payloads broken on purpose)"
  st_out=$(bash tests/runner-selftest.sh "${built# }")
  echo "$st_out" | grep -vE '^PASS '
  add_counts "$(tail -1 <<< "$st_out")"

  echo "== testvisor boot self-check"
  hs_out=$(bash tests/hv-selfcheck.sh "${built# }")
  echo "$hs_out" | sed '$d'
  add_counts "$(tail -1 <<< "$hs_out")"

  echo "== payloads"
  run_out=$(tests/run -j "$jobs" --arch "$(echo $built | tr ' ' ,)" "${run_args[@]}")
  echo "$run_out" | sed '$d'
  add_counts "$(tail -1 <<< "$run_out")"

  if [ ${#run_args[@]} -eq 0 ] && grep -qwE 'arm64|riscv64' <<< "$built"; then
    echo "== device trees against QEMU's"
    dtb_out=$(bash tests/dtb-compare.sh "${built# }")
    echo "$dtb_out" | sed '$d'
    add_counts "$(tail -1 <<< "$dtb_out")"
  fi

  for linux_arch in arm64 riscv64 x86_64; do
    [ ${#run_args[@]} -eq 0 ] && grep -qw $linux_arch <<< "$built" || continue
    echo "== Linux as a guest (Debian's $linux_arch kernel)"
    linux_out=$(bash tests/linux/run.sh $linux_arch)
    echo "$linux_out" | sed '$d'
    add_counts "$(tail -1 <<< "$linux_out")"
  done
fi

line="$total_pass passed, $total_fail failed"
[ $total_skip -gt 0 ] && line="$line, $total_skip skipped"
echo "$line"
[ $total_fail -eq 0 ]
