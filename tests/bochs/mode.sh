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

# The two-guest modes of tests/qemu/x86_64.sh on Bochs, the images as GRUB modules in the
# same order: `pair` (a writer guest, then the test) and `malformed` (three broken images
# testvisor must refuse, then the test; x86_malformed_run turns a missing refusal into a
# FAIL verdict).
qemu_cmd_bochs_pair() {
	local work="$BUILD_DIR/run/bochs-$$-$RANDOM" limit=$((${M[timeout]:-30} - 3))
	local name=${GUEST_SPEC%% *}
	name=${name#name=}
	bochs_scratch_cleanup
	QEMU_CMD=(tests/bochs/launch.sh "$work" 256 "$limit" "$HV_ELF"
		  "$PAYLOAD_ELF" "name=${name}_writer -- role=write" "$PAYLOAD_ELF" "$GUEST_SPEC")
}

qemu_cmd_bochs_malformed() {
	local work="$BUILD_DIR/run/bochs-$$-$RANDOM" limit=$((${M[timeout]:-30} - 3))
	local name=${GUEST_SPEC%% *} bad=()
	name=${name#name=}
	bochs_scratch_cleanup
	mkdir -p "$work"
	x86_malformed_images "$work" "$PAYLOAD_ELF"
	for b in bad_truncated bad_magic bad_overlap; do
		bad+=("$work/$b.elf" "name=$b")
	done
	QEMU_CMD=(bash -c '. tests/qemu/x86_64.sh; x86_malformed_run "$@"' x86_malformed "$name"
		  tests/bochs/launch.sh "$work" 256 "$limit" "$HV_ELF" "${bad[@]}" "$PAYLOAD_ELF" "$GUEST_SPEC")
}
