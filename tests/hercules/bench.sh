#!/usr/bin/env bash
# make bench, s390x on Hercules: testvisor runs the bench payload under SIE, one
# operation per boot (`only=<metric>`), and Hercules's instruction counter (`instcount`
# of `ipending`, host and guest instructions together) is read at the final wait. The
# empty loop's count is subtracted and the rest divided by the iterations: instructions
# per round trip through a SIE interception and testvisor's handler, independent of the
# host's speed. Prints "s390x hercules icount <metric> <value> instructions" lines, the
# format tests/bench.sh collects.
# Usage: tests/hercules/bench.sh [testvisor.elf [bench.elf]]
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
hv=${1:-build/s390x/testvisor.elf} payload=${2:-build/s390x/payloads/bench.elf}
ITERATIONS=100000   # guest/payloads/s390/bench.c
command -v hercules > /dev/null || { echo "hercules-bench: hercules is not installed" >&2; exit 1; }

count() { # count <metric>: the instruction counter at the end of a run of that metric
  bash tests/hercules/run.sh "$hv" "$payload" "name=bench -- only=$1" 110 |
    sed -n 's/.*instcount \([0-9]*\).*/\1/p' | tail -1
}

base=$(count empty_loop)
[ -n "$base" ] || { echo "hercules-bench: no instruction count for the empty loop" >&2; exit 1; }
status=0
for metric in stidp_round_trip diag_round_trip; do
  n=$(count "$metric")
  if [ -z "$n" ]; then
    echo "hercules-bench: no instruction count for $metric" >&2
    status=1
    continue
  fi
  echo "s390x hercules icount $metric $(((n - base) / ITERATIONS)) instructions"
done
exit $status
