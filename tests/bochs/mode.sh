# Runner mode `bochs` for x86_64 (sourced by tests/qemu/x86_64.sh): testvisor on Bochs
# (AMD `ryzen` model: nested paging, NRIP save, the APM's VMRUN consistency checks)
# booted by GRUB from an ISO, the payload and its spec as a GRUB module. The launcher
# stops a little before the runner's own timeout, so that the log keeps what testvisor
# printed. QEMU_EXTRA does not apply.
bochs_scratch_cleanup() {
	find "$BUILD_DIR/run" -maxdepth 1 -name 'bochs-*' -mmin +30 -exec rm -rf {} + 2>/dev/null
	return 0
}

qemu_cmd_bochs() {
	local work="$BUILD_DIR/run/bochs-$$-$RANDOM" limit=$((${M[timeout]:-30} - 3))
	bochs_scratch_cleanup
	QEMU_CMD=(tests/bochs/launch.sh "$work" 256 "$limit" "$HV_ELF" "$PAYLOAD_ELF" "$GUEST_SPEC")
}
