# arm64 QEMU command lines for tests/run (sourced; see docs/PORTING.md).
# Standalone: the payload's raw Image (<name>.bin, built beside the ELF) boots on plain
# virt at EL1 with the Linux protocol; PSCI goes to QEMU over HVC (the DTB says so).
# Guest: testvisor's Image (testvisor.bin) is entered at EL2 (virtualization=on) with the
# Linux protocol; the payload ELF is the initrd and the guest's spec the command line. No -semihosting in guest mode: QEMU would
# honour a guest's semihosting call at EL1 and let it end the whole machine.
ARM64_CPU=max

arm64_qemu_base() {
	QEMU_CMD=(qemu-system-aarch64 -cpu "$ARM64_CPU" -nographic -monitor none -serial stdio)
}

qemu_cmd_standalone() {
	arm64_qemu_base
	QEMU_CMD+=(-M virt,gic-version=3 -m 128M -kernel "${PAYLOAD_ELF%.elf}.bin"
		   -append "$PAYLOAD_ARGS")
	# shellcheck disable=SC2206
	QEMU_CMD+=($QEMU_EXTRA)
}

arm64_qemu_hv() {
	arm64_qemu_base
	QEMU_CMD+=(-M virt,virtualization=on,gic-version=3 -m 512M -kernel "${HV_ELF%.elf}.bin")
}

qemu_cmd_guest() {
	arm64_qemu_hv
	QEMU_CMD+=(-initrd "$GUEST_IMAGE" -append "$GUEST_SPEC")
	# shellcheck disable=SC2206
	QEMU_CMD+=($QEMU_EXTRA)
}

# make run: testvisor alone with its built-in suite (GUEST_SPEC: its own command line).
qemu_cmd_builtin() {
	arm64_qemu_hv
	[ -n "$GUEST_SPEC" ] && QEMU_CMD+=(-append "$GUEST_SPEC")
	# shellcheck disable=SC2206
	QEMU_CMD+=($QEMU_EXTRA)
}

# testvisor as an EFI application on EDK2 (QEMU_EFI.fd): an EFI system partition folder
# with EFI/BOOT/BOOTAA64.EFI, the guest image (guest.elf) and its spec (guest.cfg).
# acpi=off: EDK2 then hands over the device tree testvisor reads. About 7 s per boot.
qemu_cmd_uefi() {
	local esp="$BUILD_DIR/run/esp-$$-$RANDOM"
	# Folders of earlier runs (QEMU has long finished with them).
	find "$BUILD_DIR/run" -maxdepth 1 -name 'esp-*' -mmin +30 -exec rm -rf {} + 2>/dev/null
	rm -rf "$esp"
	mkdir -p "$esp/EFI/BOOT"
	cp "$BUILD_DIR/efi/BOOTAA64.EFI" "$esp/EFI/BOOT/BOOTAA64.EFI"
	cp "$PAYLOAD_ELF" "$esp/guest.elf"
	printf '%s\n' "$GUEST_SPEC" > "$esp/guest.cfg"
	arm64_qemu_base
	QEMU_CMD+=(-M virt,virtualization=on,gic-version=3,acpi=off -m 512M
		   -bios /usr/share/qemu-efi-aarch64/QEMU_EFI.fd
		   -drive "format=raw,file=fat:rw:$esp")
	# shellcheck disable=SC2206
	QEMU_CMD+=($QEMU_EXTRA)
}

# PSCI SYSTEM_OFF carries no status: QEMU always exits 0. The EXIT line is the result.
qemu_exit_status() {
	:
}
