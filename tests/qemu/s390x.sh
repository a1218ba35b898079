# s390x QEMU command lines for tests/run (sourced; see docs/PORTING.md).
# Both images start Linux-style at 0x10000, so QEMU writes -append's text to 0x10480 and
# -initrd's address and size to 0x10408 (docs/s390.md). The CPU has no SIE under TCG:
# testvisor runs its guests in problem state and emulates their privileged instructions.
# `-action panic=exit-failure` makes a disabled-wait PSW end QEMU: address 0xfff gives
# exit 0, any other exit 1.

s390x_qemu_base() {
	QEMU_CMD=(qemu-system-s390x -M s390-ccw-virtio -cpu qemu -m 256M -nographic
		  -monitor none -action panic=exit-failure)
}

qemu_cmd_standalone() {
	s390x_qemu_base
	QEMU_CMD+=(-kernel "$GUEST_IMAGE" -append "$PAYLOAD_ARGS")
	# shellcheck disable=SC2206
	QEMU_CMD+=($QEMU_EXTRA)
}

# testvisor with the payload as its one guest (the initrd); the guest spec is testvisor's
# command line.
qemu_cmd_guest() {
	s390x_qemu_base
	QEMU_CMD+=(-kernel "$HV_ELF" -initrd "$GUEST_IMAGE" -append "$GUEST_SPEC")
	# shellcheck disable=SC2206
	QEMU_CMD+=($QEMU_EXTRA)
}

# testvisor IPL'd list-directed from a disk (boot/s390/mkipl.sh), the path of a SCSI IPL
# on hardware: QEMU's firmware reads the program table, loads testvisor and the guest, and
# starts testvisor with the guest spec where -append would have put it.
qemu_cmd_ipl() {
	s390x_qemu_base
	local name=${GUEST_SPEC%% *}
	local img="$BUILD_DIR/run/ipl-${name#name=}.img"
	bash boot/s390/mkipl.sh "$HV_ELF" "$img" "$PAYLOAD_ELF" "$GUEST_SPEC" || return 1
	QEMU_CMD+=(-drive "file=$img,format=raw,if=none,id=ipldisk"
		   -device virtio-blk-ccw,drive=ipldisk,bootindex=1)
	# shellcheck disable=SC2206
	QEMU_CMD+=($QEMU_EXTRA)
}

# testvisor alone: its built-in suite (make run).
qemu_cmd_builtin() {
	s390x_qemu_base
	QEMU_CMD+=(-kernel "$HV_ELF")
	[ -n "$GUEST_SPEC" ] && QEMU_CMD+=(-append "$GUEST_SPEC")
	# shellcheck disable=SC2206
	QEMU_CMD+=($QEMU_EXTRA)
}

# Success is exit 0; every other status is exit 1 (the EXIT line tells which).
qemu_exit_status() {
	[ "$1" = 0 ] && echo 0
}

# `hercules` mode: the same guests under SIE on Hercules (tests/hercules/s390x.sh).
. tests/hercules/s390x.sh
