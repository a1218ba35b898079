# Runner modes on Bochs for x86_64 (sourced by tests/qemu/x86_64.sh): testvisor on Bochs
# (AMD `ryzen` model: nested paging, NRIP save, the APM's VMRUN consistency checks)
# booted by GRUB from an ISO, each guest image with its spec as a GRUB module. QEMU_EXTRA
# does not apply.
#
# Time: a Bochs boot (BIOS, GRUB, testvisor) costs 3-5 s of CPU where QEMU's -kernel
# costs 0.3 s, and on a loaded machine (load 8 on 2 cores) it took up to 18 s of wall
# time. So an entry's timeout, written for QEMU, is tripled here (M[timeout] is what the
# runner hands to `timeout` after calling a qemu_cmd_* function). The launcher stops 3 s
# before that, so that the log keeps what testvisor printed and says why it ended.
BOCHS_TIMEOUT_FACTOR=3

# Sets M[timeout] for Bochs, BOCHS_LIMIT (the launcher's limit) and BOCHS_WORK (a fresh
# scratch folder); removes scratch folders of earlier runs.
bochs_prepare() {
	M[timeout]=$((${M[timeout]:-30} * BOCHS_TIMEOUT_FACTOR))
	BOCHS_LIMIT=$((M[timeout] - 3))
	BOCHS_WORK="$BUILD_DIR/run/bochs-$$-$RANDOM"
	find "$BUILD_DIR/run" -maxdepth 1 -name 'bochs-*' -mmin +30 -exec rm -rf {} + 2>/dev/null
	return 0
}

# The launcher with testvisor and (image, spec) pairs.
bochs_launch() {
	QEMU_CMD=(tests/bochs/launch.sh "$BOCHS_WORK" 256 "$BOCHS_LIMIT" "$HV_ELF" "$@")
}

qemu_cmd_bochs() {
	bochs_prepare
	bochs_launch "$PAYLOAD_ELF" "$GUEST_SPEC"
}

# The two-guest modes of tests/qemu/x86_64.sh on Bochs, the images as GRUB modules in the
# same order: `pair` (a writer guest, then the test) and `malformed` (three broken images
# testvisor must refuse, then the test; x86_malformed_run turns a missing refusal into a
# FAIL verdict).
qemu_cmd_bochs_pair() {
	local name=${GUEST_SPEC%% *}
	name=${name#name=}
	bochs_prepare
	bochs_launch "$PAYLOAD_ELF" "name=${name}_writer -- role=write" "$PAYLOAD_ELF" "$GUEST_SPEC"
}

qemu_cmd_bochs_malformed() {
	local name=${GUEST_SPEC%% *} bad=() b
	name=${name#name=}
	bochs_prepare
	mkdir -p "$BOCHS_WORK"
	x86_malformed_images "$BOCHS_WORK" "$PAYLOAD_ELF"
	for b in bad_truncated bad_magic bad_overlap; do
		bad+=("$BOCHS_WORK/$b.elf" "name=$b")
	done
	bochs_launch "${bad[@]}" "$PAYLOAD_ELF" "$GUEST_SPEC"
	QEMU_CMD=(bash -c '. tests/qemu/x86_64.sh; x86_malformed_run "$@"' x86_malformed "$name"
		  "${QEMU_CMD[@]}")
}
