# The `hercules` run mode of the s390x entries (sourced by tests/qemu/s390x.sh): testvisor
# and the guest on Hercules, which has SIE, so testvisor runs the guest by interpretive
# execution (arch/s390/backend_sie.c) where QEMU's guest mode runs it in problem state.
# tests/hercules/run.sh builds the .ins file list and ends Hercules at the disabled wait;
# it stops two seconds before the runner's own timeout so its log is complete.
qemu_cmd_hercules() {
	local limit=$(( ${M[timeout]:-30} > 4 ? ${M[timeout]:-30} - 2 : 2 ))
	QEMU_CMD=(bash tests/hercules/run.sh "$HV_ELF" "$PAYLOAD_ELF" "$GUEST_SPEC" "$limit")
}
