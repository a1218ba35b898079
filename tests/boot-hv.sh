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
echo "boot-hv: QEMU exit code $rc"
exit $rc
