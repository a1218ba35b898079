#!/usr/bin/env bash
# make soak ARCH=<arch> [SOAK_S=<seconds>]: testvisor under sustained hostile input
# (docs/HARDENING.md). Round after round until SOAK_S seconds have passed (at least one
# round): each in-guest fuzzer with a fresh random seed and at least 10^6 calls, then the
# known-good selftest guest (the canary; on x86_64 in the same boot, as the second boot
# module), then the manifest's `hardening` group in every mode (the hostile guests, which
# testvisor must stop with their reasons, and the fuzzers at their manifest seeds). Every boot also runs testvisor's integrity check after
# each guest. Prints the calls made per fuzzer, exceptions seen by kind, and testvisor
# failures (must be 0); exits non-zero when there was any.
set -uo pipefail
cd "$(dirname "$0")/.."
arch=${1:?usage: tests/soak.sh <arch> [seconds]}
soak_s=${2:-60}

# Per architecture: fuzzer payload and the arguments that make it >= 10^6 calls.
case $arch in
  x86_64)  fuzzers=("hv_fuzz count=210000" "user_insn_fuzz count=1000000") ;; # hv_fuzz: 5 targets x 210000
  riscv64) fuzzers=("csr_fuzz count=1000000" "insn_fuzz count=1000000") ;;
  arm64)   fuzzers=("sysreg_fuzz count=700000" "mmio_fuzz count=700000") ;; # + about half as many writes
  s390x)   fuzzers=("garbage count=111200" "ccw_fuzz count=270000") ;; # garbage: 9 instructions x 111200; ccw_fuzz: ~3.8 per round
  *) echo "soak: no fuzzers listed for $arch in tests/soak.sh" >&2; exit 2 ;;
esac

export BUILD_DIR=build/$arch HV_ELF=build/$arch/testvisor.elf QEMU_EXTRA="" PAYLOAD_ARGS=""
mkdir -p "$BUILD_DIR/run" build/results/soak
. "tests/qemu/$arch.sh"
logdir=build/results/soak/$arch
rm -rf "$logdir"; mkdir -p "$logdir"
failures=0 rounds=0 fuzz_s=0 canary_pass=0 canary_fail=0 hostile_pass=0 hostile_fail=0
declare -A calls=() exceptions=()
fail() { failures=$((failures + 1)); echo "soak: FAIL: $*"; }

# Boots testvisor with one fuzzer guest (and, on x86_64, selftest as a second module).
boot_fuzzer() {
  local file=$1 spec=$2 log=$3
  export PAYLOAD_ELF=$BUILD_DIR/payloads/$file.elf GUEST_SPEC=$spec
  QEMU_CMD=()
  qemu_cmd_guest
  if [ "$arch" = x86_64 ]; then
    local i
    for i in "${!QEMU_CMD[@]}"; do
      [ "${QEMU_CMD[$i]}" = -initrd ] || continue
      QEMU_CMD[i + 1]="${QEMU_CMD[i + 1]},$(x86_module_arg "$BUILD_DIR/payloads/selftest.elf" \
        'name=selftest -- one "two words" n=3')"
    done
  fi
  timeout -k 5 900 "${QEMU_CMD[@]}" < /dev/null > "$log" 2>&1
}

# Adds up a fuzzer log's totals lines and judges testvisor's verdicts in it.
tally() {
  local log=$1 name=$2 line target n kind
  while IFS= read -r line; do
    if [[ $line =~ fuzz\ ([A-Za-z0-9_]+):\ ([0-9]+)\ calls$ ]]; then
      target=${BASH_REMATCH[1]} n=${BASH_REMATCH[2]}
      calls[$name/$target]=$(( ${calls[$name/$target]:-0} + n ))
    elif [[ $line =~ fuzz\ [A-Za-z0-9_]+:\ exception\ (.+):\ ([0-9]+)$ ]]; then
      kind=${BASH_REMATCH[1]} n=${BASH_REMATCH[2]}
      exceptions[$kind]=$(( ${exceptions[$kind]:-0} + n ))
    fi
  done < <(tr -d '\r' < "$log" | grep -E "^\[$name\] INFO: .*fuzz ")
  grep -q "^testvisor: guest $name: PASS" <(tr -d '\r' < "$log") ||
    fail "$name: $(tr -d '\r' < "$log" | grep -E "^testvisor: (guest $name:|integrity|PANIC)" | tail -1) [log: $log]"
  if grep -qE '^testvisor: (integrity check failed|PANIC)' <(tr -d '\r' < "$log"); then
    fail "$name: $(tr -d '\r' < "$log" | grep -E '^testvisor: (integrity|PANIC)' | head -1)"
  fi
}

canary() {
  local log=$1
  if tr -d '\r' < "$log" | grep -q '^testvisor: guest selftest: PASS'; then
    canary_pass=$((canary_pass + 1))
  else
    canary_fail=$((canary_fail + 1)); fail "canary selftest did not pass [log: $log]"
  fi
}

start=$SECONDS
while :; do
  rounds=$((rounds + 1))
  for f in "${fuzzers[@]}"; do
    file=${f%% *} args=${f#* }
    seed=$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')
    log=$logdir/$file-$rounds.log
    echo "soak: round $rounds: $file seed=0x$seed $args"
    t0=$SECONDS
    boot_fuzzer "$file" "name=$file budget_ms=600000 -- seed=0x$seed $args" "$log"
    fuzz_s=$((fuzz_s + SECONDS - t0))
    tally "$log" "$file"
    if [ "$arch" = x86_64 ]; then
      canary "$log"
    else
      boot_fuzzer selftest 'name=selftest -- one "two words" n=3' "$logdir/selftest-$rounds.log"
      canary "$logdir/selftest-$rounds.log"
    fi
  done
  out=$(tests/run --arch "$arch" --group hardening -j 1 2>&1)
  p=$(grep -cE '^PASS ' <<< "$out"); fl=$(grep -cE '^FAIL ' <<< "$out")
  hostile_pass=$((hostile_pass + p)); hostile_fail=$((hostile_fail + fl))
  [ "$fl" -eq 0 ] || fail "hostile guests: $(grep -E '^FAIL ' <<< "$out" | head -3)"
  [ $((SECONDS - start)) -ge "$soak_s" ] && break
done

elapsed=$((SECONDS - start)); total=0
echo "soak $arch: $rounds rounds in $elapsed s"
while IFS= read -r k; do
  [ -n "$k" ] || continue
  echo "soak $arch: calls $k: ${calls[$k]}"; total=$((total + calls[$k]))
done < <(printf '%s\n' "${!calls[@]}" | sort)
echo "soak $arch: calls total: $total in $fuzz_s s of fuzzer boots ($(( total / (fuzz_s > 0 ? fuzz_s : 1) )) calls per second, boot included)"
while IFS= read -r k; do
  [ -n "$k" ] && echo "soak $arch: exceptions $k: ${exceptions[$k]}"
done < <(printf '%s\n' "${!exceptions[@]}" | sort)
echo "soak $arch: canary selftest: $canary_pass passed, $canary_fail failed"
echo "soak $arch: hostile-guest checks: $hostile_pass passed, $hostile_fail failed"
echo "soak $arch: testvisor failures: $failures"
[ "$failures" -eq 0 ]
