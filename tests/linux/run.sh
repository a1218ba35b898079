#!/usr/bin/env bash
# Linux as a third-party guest: Debian's own arm64, riscv64 or x86_64 kernel with a busybox
# initramfs (tests/linux/fetch.sh) boots on QEMU's virt machine (x86_64: q35; the
# reference) and as a guest of testvisor, both with two CPUs; /init reports kvm-unit-tests
# style (tests/linux/init).
# testvisor gets the kernel and the initramfs in one -initrd, a cpio archive of the two
# (hv/boot_modules.c; on x86_64 two multiboot modules, as tests/qemu/x86_64.sh passes a
# guest and its initrd), and the guest spec names the initramfs as the guest's initrd.
# Verdicts as the runner's (tests/lib/job.sh), and the two runs' result lines must agree.
# Usage: tests/linux/run.sh [arch]; prints "linux-guest: N passed, N failed".
# For looking closer: LINUX_MODES (standalone and/or guest), LINUX_EXTRA_ARGS (appended to
# the kernel command line), LINUX_SPEC_EXTRA (guest-spec items, e.g. "vcpus=1 "),
# LINUX_CPU / LINUX_CPU_EXTRA (riscv64: another -cpu, or properties added to it).
set -uo pipefail
cd "$(dirname "$0")/../.."
arch=${1:-arm64}
. tests/lib/job.sh
declare -A M=([expect]="" [require]="" [kfail]="")
dir=build/results/$arch/linux
mkdir -p "$dir"
pass=0 fail=0
out=build/linux/$arch
cpus=2
case $arch in
  arm64) console=ttyAMA0 ;;
  # RISCV64_CPU: the runner's CPU; LINUX_CPU replaces it (e.g. "max"), LINUX_CPU_EXTRA adds
  # properties (e.g. ",svpbmt=true").
  riscv64) console=ttyS0; . tests/qemu/riscv64.sh
           RISCV64_CPU=${LINUX_CPU:-$RISCV64_CPU}${LINUX_CPU_EXTRA:-} ;;
  # x86_64: tsc_early_khz (the host's TSC rate, which the guest's TSC has under TCG) as
  # docs/linux-guest.md ("x86_64") explains.
  x86_64) console=ttyS0; . tests/qemu/x86_64.sh
          tsc_khz=$(awk -F': *' '/^cpu MHz/ { printf "%d", $2 * 1000; exit }' /proc/cpuinfo)
          LINUX_EXTRA_ARGS="tsc_early_khz=${tsc_khz:-1000000}${LINUX_EXTRA_ARGS:+ $LINUX_EXTRA_ARGS}" ;;
  *) echo "FAIL $arch/linux: no Linux guest for $arch"; echo "linux-guest: 0 passed, 1 failed"; exit 1 ;;
esac
args="console=$console want_cpus=$cpus panic=-1 printk.time=0 quiet${LINUX_EXTRA_ARGS:+ $LINUX_EXTRA_ARGS}"
name=linux
# The guest's time budget; riscv64 runs two-stage translation in TCG and is slower.
budget_ms=120000
[ "$arch" = riscv64 ] && budget_ms=240000

bash tests/linux/fetch.sh "$arch" > "$dir/fetch.log" 2>&1
rc=$?
if [ $rc -eq 77 ]; then   # cannot run here (no apt entry, archive unreachable): both runs skip
  echo "SKIP $arch/linux: $(tail -1 "$dir/fetch.log") [log: $dir/fetch.log]"
  echo "linux-guest: 0 passed, 0 failed, 2 skipped"
  exit 0
elif [ $rc -ne 0 ]; then
  echo "FAIL $arch/linux/fetch: $(tail -1 "$dir/fetch.log") [log: $dir/fetch.log]"
  echo "linux-guest: 0 passed, 1 failed"
  exit 1
fi
(cd "$out" && printf 'Image\ninitramfs.cpio\n' | cpio -o -H newc --quiet > guest.cpio)

for mode in ${LINUX_MODES:-standalone guest}; do   # LINUX_MODES: one of them, when debugging
  log=$dir/$mode.log
  spec="name=$name vcpus=$cpus mem=256M budget_ms=$budget_ms initrd=initramfs.cpio ${LINUX_SPEC_EXTRA:-}-- $args"
  case $arch/$mode in
    arm64/standalone)
      cmd=(qemu-system-aarch64 -M virt,gic-version=3 -cpu max -smp 2 -m 256M -nographic
           -monitor none -serial stdio -kernel "$out/Image" -initrd "$out/initramfs.cpio" -append "$args") ;;
    arm64/guest)
      cmd=(qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 -cpu max -m 1G -nographic
           -monitor none -serial stdio -kernel "build/$arch/testvisor.bin" -initrd "$out/guest.cpio"
           -append "$spec") ;;
    # QEMU's bundled OpenSBI in both, as tests/qemu/riscv64.sh: Linux standalone runs on it
    # directly, as a guest on testvisor's SBI.
    riscv64/standalone)
      cmd=(qemu-system-riscv64 -M virt -cpu "$RISCV64_CPU" -smp 2 -m 256M -nographic -monitor none
           -serial stdio -bios default -kernel "$out/Image" -initrd "$out/initramfs.cpio" -append "$args") ;;
    riscv64/guest)
      cmd=(qemu-system-riscv64 -M virt -cpu "$RISCV64_CPU" -m 1G -nographic -monitor none
           -serial stdio -bios default -kernel "build/$arch/testvisor.elf" -initrd "$out/guest.cpio"
           -append "$spec") ;;
    # q35 with isa-debug-exit, where /init reports its status (tests/linux/init).
    x86_64/standalone)
      cmd=("${X86_QEMU_BASE[@]}" -smp "$cpus" -m 256M -kernel "$out/Image"
           -initrd "$out/initramfs.cpio" -append "$args") ;;
    x86_64/guest)
      cmd=("${X86_QEMU_BASE[@]}" -m 1G -kernel "build/$arch/testvisor.elf"
           -initrd "$(x86_module_arg "$out/Image" "$spec"),$out/initramfs.cpio" -append "") ;;
  esac
  echo "runner: ${cmd[*]}" > "$log.cmd"
  timeout -k 5 300 "${cmd[@]}" < /dev/null > "$log" 2>&1
  rc=$?
  lines=$(payload_lines "$mode" "$name" "$log")
  passed=$(grep -c '^PASS:' <<< "$lines")
  failed=$(grep -c '^FAIL:' <<< "$lines")
  exit_line=$(grep -E '^EXIT: STATUS=-?[0-9]+$' <<< "$lines" | tail -1 | sed 's/^EXIT: STATUS=//')
  status="" reason=""
  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    status=FAIL; reason="timed out after 300 s"
  elif [ $mode = standalone ]; then
    judge_standalone
  else
    judge_guest
  fi
  if [ $mode = guest ] && [ "$status" = PASS ] &&
     ! diff <(result_lines standalone "$name" "$dir/standalone.log") <(result_lines guest "$name" "$log") > "$dir/compare.txt"; then
    status=FAIL; reason="results differ from standalone: $(tr '\n' ' ' < "$dir/compare.txt")"
  fi
  if [ "$status" = PASS ]; then
    echo "PASS $arch/$mode/linux ($passed passed, $failed failed) [log: $log]"; pass=$((pass + 1))
  else
    echo "FAIL $arch/$mode/linux ($passed passed, $failed failed): $reason [log: $log]"; fail=$((fail + 1))
  fi
done
echo "linux-guest: $pass passed, $fail failed"
[ $fail -eq 0 ]
