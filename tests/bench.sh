#!/usr/bin/env bash
# make bench: runs the architecture's manifest entries in group "bench" twice, as listed
# and under -icount shift=0 (deterministic: one instruction per virtual ns), and collects
# their "BENCH: <metric> <value> <unit>" lines into build/results/bench-<arch>.txt.
# Usage: tests/bench.sh <arch>
set -uo pipefail
cd "$(dirname "$0")/.."
arch=$1
out=build/results/bench-$arch.txt
mkdir -p build/results
: > "$out"
status=0
for variant in plain icount; do
  extra=""
  [ $variant = icount ] && extra="-icount shift=0"
  res=build/results/bench-$arch-$variant
  RUN_QEMU_EXTRA="$extra" tests/run -j 1 --arch "$arch" --group bench --results "$res" > "$res.txt" 2>&1 || status=1
  grep -E '^(PASS|FAIL|SKIP) ' "$res.txt" | sed "s/^/[$variant] /"
  for log in $(find "$res" -name '*.log' | sort); do
    mode=$(basename "$(dirname "$log")")
    sed -nE "s/^(\[[^]]*\] )?BENCH: ([^ ]+) ([0-9.]+) (.*)$/$arch $mode $variant \2 \3 \4/p" "$log" | tr -d '\r' >> "$out"
  done
done
# s390x also under SIE on Hercules, counted in instructions (tests/hercules/bench.sh).
[ "$arch" = s390x ] && { bash tests/hercules/bench.sh >> "$out" || status=1; }
if [ ! -s "$out" ]; then
  echo "bench: no BENCH lines for $arch (no entry in group bench?)"
  exit 1
fi
printf '%-8s %-10s %-7s %-28s %12s %s\n' arch mode variant metric value unit
while read -r a m v metric value unit; do
  printf '%-8s %-10s %-7s %-28s %12s %s\n' "$a" "$m" "$v" "$metric" "$value" "$unit"
done < "$out"
echo "bench: written to $out"
exit $status
