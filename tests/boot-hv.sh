#!/usr/bin/env bash
# make run: boots testvisor for one architecture under QEMU with its built-in suite and
# shows its output, then one line per guest: its verdict and where its full log is
# (build/results/<arch>/run/<guest>.log, cut from the whole console log beside it).
# Usage: tests/boot-hv.sh <arch> <testvisor.elf> [testvisor command line]
set -uo pipefail
cd "$(dirname "$0")/.."
arch=$1
export HV_ELF=$2
export BUILD_DIR=build/$arch
export GUEST_SPEC=${3:-} PAYLOAD_ARGS="" QEMU_EXTRA="${RUN_QEMU_EXTRA:-}" PAYLOAD_ELF=""
mkdir -p "$BUILD_DIR/run"
. "tests/qemu/$arch.sh"
if ! declare -F qemu_cmd_builtin >/dev/null; then
  echo "boot-hv: tests/qemu/$arch.sh has no qemu_cmd_builtin (booting testvisor alone)" >&2
  exit 1
fi
QEMU_CMD=()
qemu_cmd_builtin
echo "boot-hv: ${QEMU_CMD[*]}"
logdir=build/results/$arch/run
rm -rf "$logdir" && mkdir -p "$logdir"
timeout -k 5 "${RUN_TIMEOUT:-300}" "${QEMU_CMD[@]}" < /dev/null | tee "$logdir/testvisor.log"
rc=${PIPESTATUS[0]}

# Each guest's part of the console: from its "starting" line to the next guest's (or to
# testvisor's closing count); its verdict line, with that file's name, closes the output.
tr -d '\r' < "$logdir/testvisor.log" | awk -v dir="$logdir" '
  /^testvisor: guest [^:]+: starting/ { name = $3; sub(/:$/, "", name); file = dir "/" name ".log" }
  /^testvisor: [0-9]+ guests, / { file = "" }
  file != "" { print >> file }
  /^testvisor: guest [^:]+: (PASS|FAIL|SKIP)/ {
    name = $3; sub(/:$/, "", name)
    # A guest refused before it started has only its verdict line.
    if (dir "/" name ".log" != file) print >> (dir "/" name ".log")
    # Not in the words of testvisor: scripts count those (tests/hv-selfcheck.sh).
    v = $0; sub(/^testvisor: guest /, "", v)
    verdicts[++n] = "boot-hv: " v " [log: " dir "/" name ".log]"
  }
  END { for (i = 1; i <= n; i++) print verdicts[i] }'
# QEMU's exit code encodes testvisor's status differently per platform (isa-debug-exit
# gives (status << 1) | 1); report and return the status itself where it can be told.
status=$(qemu_exit_status "$rc")
echo "boot-hv: QEMU exit code $rc${status:+, testvisor exit status $status} [console log: $logdir/testvisor.log]"
exit "${status:-$rc}"
