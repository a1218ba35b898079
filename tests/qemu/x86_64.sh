# x86_64 QEMU command lines for tests/run (sourced; see docs/PORTING.md).
# Standalone: the payload is a multiboot v1 image on q35 (`-kernel`, arguments via
# -append). Guest: testvisor is the multiboot kernel and the payload its one boot module
# (`-initrd "<file> <spec>"`), whose string carries the guest's spec. UEFI: testvisor's
# BOOTX64.EFI on OVMF, with the payload and its spec as files on the EFI system partition.
X86_QEMU_BASE=(qemu-system-x86_64 -M q35 -cpu max -nographic -monitor none -serial stdio
	       -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4)

# Scratch files of earlier runs (ESP folders, OVMF variable stores, malformed images):
# removed once they are older than any test can run.
x86_scratch_cleanup() {
	find "$BUILD_DIR/run" -maxdepth 1 \( -name 'esp-*' -o -name 'ovmf-vars-*' -o -name 'malformed-*' \) \
		-mmin +30 -exec rm -rf {} + 2>/dev/null
	return 0
}

# QEMU splits -initrd at commas; a literal comma is written twice.
x86_module_arg() {
	printf '%s %s' "$1" "${2//,/,,}"
}

# A bzImage payload (guest_image = bzimage) boots the same way; an initrd for it comes
# from the entry's standalone_qemu (-initrd).
qemu_cmd_standalone() {
	QEMU_CMD=("${X86_QEMU_BASE[@]}" -m 128M -kernel "$GUEST_IMAGE" -append "$PAYLOAD_ARGS")
	# shellcheck disable=SC2206
	QEMU_CMD+=($QEMU_EXTRA)
}

# The guest's own initrd (spec initrd=<name>): the payload directory's file <name>, one
# more boot module after the guest, named by its last path component.
x86_guest_initrd_module() {
	local rd
	rd=$(sed -n 's/^\(.* \)\{0,1\}initrd=\([^ ]*\).*/\2/p' <<< "${GUEST_SPEC%% -- *}")
	[ -n "$rd" ] && printf ',%s' "$BUILD_DIR/payloads/$rd"
	return 0
}

qemu_cmd_guest() {
	QEMU_CMD=("${X86_QEMU_BASE[@]}" -m 256M -kernel "$HV_ELF"
		  -initrd "$(x86_module_arg "$GUEST_IMAGE" "$GUEST_SPEC")$(x86_guest_initrd_module)" -append "")
	# shellcheck disable=SC2206
	QEMU_CMD+=($QEMU_EXTRA)
}

# make run: testvisor alone with its built-in suite (GUEST_SPEC: its own command line).
# Only an odd code comes from isa-debug-exit, the one exit carrying a status (tests/lib/job.sh).
qemu_exit_carries_status() {
	[ $(($1 & 1)) -eq 1 ]
}

qemu_cmd_builtin() {
	QEMU_CMD=("${X86_QEMU_BASE[@]}" -m 512M -kernel "$HV_ELF" -append "$GUEST_SPEC")
	# shellcheck disable=SC2206
	QEMU_CMD+=($QEMU_EXTRA)
}

# OVMF with its own writable copy of the variable store.
x86_ovmf() {
	local vars="$BUILD_DIR/run/ovmf-vars-$$-$RANDOM.fd"
	cp /usr/share/OVMF/OVMF_VARS_4M.fd "$vars"
	QEMU_CMD=("${X86_QEMU_BASE[@]}" -m 512M
		  -drive "if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd"
		  -drive "if=pflash,format=raw,file=$vars")
}

# testvisor's BOOTX64.EFI from an EFI system partition folder holding the guest image
# (guest.elf) and its spec (guest.cfg). About 4 s per boot.
qemu_cmd_uefi() {
	local esp="$BUILD_DIR/run/esp-$$-$RANDOM"
	x86_scratch_cleanup
	rm -rf "$esp"
	mkdir -p "$esp/EFI/BOOT"
	cp "$BUILD_DIR/efi/BOOTX64.EFI" "$esp/EFI/BOOT/BOOTX64.EFI"
	cp "$PAYLOAD_ELF" "$esp/guest.elf"
	printf '%s\n' "$GUEST_SPEC" > "$esp/guest.cfg"
	x86_ovmf
	QEMU_CMD+=(-drive "format=raw,file=fat:rw:$esp")
	# shellcheck disable=SC2206
	QEMU_CMD+=($QEMU_EXTRA)
}

# The disk image of `make image ARCH=x86_64` (built-in suite) on OVMF.
qemu_cmd_uefi_image() {
	x86_ovmf
	QEMU_CMD+=(-drive "format=raw,snapshot=on,file=$BUILD_DIR/testvisor-efi.img")
}

# isa-debug-exit: QEMU exits with (status << 1) | 1; 0 comes from an ACPI power-off
# (testvisor uses it when every guest passed). Anything else tells nothing.
qemu_exit_status() {
	local rc=$1
	if [ "$rc" -eq 0 ]; then
		echo 0
	elif [ $((rc & 1)) -eq 1 ]; then
		echo $((rc >> 1))
	fi
}

# Malformed guest images before the real one: truncated, wrong magic, and a segment over
# the guest-physical range testvisor keeps for boot data (0x8000). testvisor must refuse
# each with a clear message and go on to run the real guest. Run through x86_malformed_run,
# which turns a missing refusal into a FAIL verdict for the test (the runner takes the
# last verdict line for the guest's name).
x86_malformed_images() {
	local dir=$1 elf=$2
	head -c 1000 "$elf" > "$dir/bad_truncated.elf"
	{ printf 'XELF'; tail -c +5 "$elf"; } > "$dir/bad_magic.elf"
	cp "$elf" "$dir/bad_overlap.elf"
	# ELF32: e_phoff at 0x1c; the first program header's p_paddr at e_phoff + 12.
	local phoff
	phoff=$(od -An -t u4 -j 28 -N 4 "$elf" | tr -d ' ')
	printf '\x00\x80\x00\x00' | dd of="$dir/bad_overlap.elf" bs=1 seek=$((phoff + 12)) conv=notrunc status=none
}

x86_malformed_run() {
	local name=$1; shift
	local log
	log=$(mktemp)
	"$@" | tee "$log"
	local rc=${PIPESTATUS[0]}
	for bad in bad_truncated bad_magic bad_overlap; do
		if ! tr -d '\r' < "$log" | grep -qE "^testvisor: guest $bad: FAIL .*guest image refused: "; then
			echo "testvisor: guest $name: FAIL (malformed image $bad was not refused with a reason)"
		fi
	done
	rm -f "$log"
	return "$rc"
}

qemu_cmd_malformed() {
	local dir="$BUILD_DIR/run/malformed-$$-$RANDOM" name=${GUEST_SPEC%% *}
	name=${name#name=}
	x86_scratch_cleanup
	mkdir -p "$dir"
	x86_malformed_images "$dir" "$PAYLOAD_ELF"
	QEMU_CMD=(bash -c '. tests/qemu/x86_64.sh; x86_malformed_run "$@"' x86_malformed "$name"
		  "${X86_QEMU_BASE[@]}" -m 256M -kernel "$HV_ELF"
		  -initrd "$dir/bad_truncated.elf name=bad_truncated,$dir/bad_magic.elf name=bad_magic,$dir/bad_overlap.elf name=bad_overlap,$(x86_module_arg "$PAYLOAD_ELF" "$GUEST_SPEC")"
		  -append "")
	# shellcheck disable=SC2206
	QEMU_CMD+=($QEMU_EXTRA)
}

# Two guests in one run: first the payload with role=write (name <test>_writer), then the
# test itself (its args say role=scan): what the first leaves in memory must not reach
# the second.
qemu_cmd_pair() {
	local name=${GUEST_SPEC%% *}
	name=${name#name=}
	QEMU_CMD=("${X86_QEMU_BASE[@]}" -m 256M -kernel "$HV_ELF"
		  -initrd "$(x86_module_arg "$PAYLOAD_ELF" "name=${name}_writer -- role=write"),$(x86_module_arg "$PAYLOAD_ELF" "$GUEST_SPEC")"
		  -append "")
	# shellcheck disable=SC2206
	QEMU_CMD+=($QEMU_EXTRA)
}

# Runner mode bochs: the same guests on Bochs (tests/bochs/).
. tests/bochs/mode.sh
