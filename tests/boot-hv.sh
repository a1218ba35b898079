#!/usr/bin/env bash
# make run: boots testvisor for one architecture under QEMU with its built-in suite and
# shows its output. Usage: tests/boot-hv.sh <arch> <testvisor.elf> [testvisor command line]
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
timeout -k 5 "${RUN_TIMEOUT:-300}" "${QEMU_CMD[@]}" < /dev/null
rc=$?
# QEMU's exit code encodes testvisor's status differently per platform (isa-debug-exit
# gives (status << 1) | 1); report and return the status itself where it can be told.
status=$(qemu_exit_status "$rc")
echo "boot-hv: QEMU exit code $rc${status:+, testvisor exit status $status}"
exit "${status:-$rc}"
