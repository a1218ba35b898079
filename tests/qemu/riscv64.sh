# riscv64 QEMU command lines for tests/run (sourced; see docs/PORTING.md).
# QEMU's bundled OpenSBI (v1.5, SBI 2.0) is the firmware in both modes: it is what the
# standalone reference runs on, and testvisor is its S-mode payload.
# The CPU has the H extension and every extension an FWFT feature depends on
# (docs/riscv-sbi.md); `rv64` rather than `max` so misaligned AMOs still trap (no Zama16b).
RISCV64_CPU="rv64,h=true,svadu=true,ssnpm=true,smnpm=true,zicfilp=true,zicfiss=true,zimop=true,zcmop=true,ssdbltrp=true"

riscv64_qemu_base() {
	QEMU_CMD=(qemu-system-riscv64 -M virt -cpu "$RISCV64_CPU" -m 256M -nographic
		  -monitor none -serial stdio -bios default)
}

qemu_cmd_standalone() {
	riscv64_qemu_base
	QEMU_CMD+=(-kernel "$STANDALONE_IMAGE" -append "$PAYLOAD_ARGS")
	# shellcheck disable=SC2206
	QEMU_CMD+=($QEMU_EXTRA)
}

# testvisor boots as the S-mode payload; the guest image is the initrd and the guest's
# spec is testvisor's command line.
qemu_cmd_guest() {
	riscv64_qemu_base
	QEMU_CMD+=(-kernel "$HV_ELF" -initrd "$GUEST_IMAGE" -append "$GUEST_SPEC")
	# shellcheck disable=SC2206
	QEMU_CMD+=($QEMU_EXTRA)
}

# testvisor alone with its built-in suite (make run); GUEST_SPEC is its command line.
qemu_cmd_builtin() {
	riscv64_qemu_base
	QEMU_CMD+=(-kernel "$HV_ELF")
	[ -n "$GUEST_SPEC" ] && QEMU_CMD+=(-append "$GUEST_SPEC")
	# shellcheck disable=SC2206
	QEMU_CMD+=($QEMU_EXTRA)
}

# The virt test finisher makes QEMU exit with the payload's status (0x5555 -> 0,
# 0x3333 | code << 16 -> code).
qemu_exit_status() {
	echo "$1"
}

# QEMU's exit code is the finisher's status (an SBI shutdown through OpenSBI reaches the
# same finisher and reads as 0, as kvm-unit-tests reads it too).
qemu_exit_carries_status() {
	:
}
