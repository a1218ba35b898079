# x86_64 host unit tests: instruction decoder, memory ranges, guest boot data, CPUID view,
# SEV-SNP policy, PSP command layer and model.
X86_UNIT_CFLAGS := -Iarch/x86/include -Iarch/x86/isa -Icommon/include
# The model PSP answers guest messages: with it go the message format and AES-256-GCM,
# the launch digest, and the report's SHA-384 and ECDSA P-384 signature.
PSP_MODEL_SRCS := arch/x86/sev/psp_model.c arch/x86/sev/snp_guest_msg.c common/aes_gcm.c \
	arch/x86/sev/snp_measure.c arch/x86/sev/snp_msg_answer.c common/sha384.c common/hmac_sha384.c \
	common/p384_ecdsa.c
UNIT_TESTS += test_x86_insn test_x86_mem_ranges test_x86_guest_boot test_x86_cpu_view
test_x86_insn_SRCS := arch/x86/svm/insn_len.c
test_x86_mem_ranges_SRCS := boot/x86/mem_ranges.c
test_x86_mem_ranges_CFLAGS := -Iboot/x86
test_x86_guest_boot_SRCS := arch/x86/svm/guest_boot.c
test_x86_cpu_view_SRCS := arch/x86/svm/cpu_view.c hv/config.c
UNIT_TESTS += test_x86_efi_handoff
test_x86_efi_handoff_SRCS := boot/x86/efi/efi_handoff.c
test_x86_efi_handoff_CFLAGS := $(X86_UNIT_CFLAGS) -Iboot/x86/efi
UNIT_TESTS += test_x86_sev_policy test_x86_psp
test_x86_sev_policy_SRCS := arch/x86/sev/sev_policy.c
UNIT_TESTS += test_x86_sev_inject
test_x86_sev_inject_SRCS := arch/x86/sev/sev_inject.c
test_x86_psp_SRCS := arch/x86/sev/psp_cmd.c $(PSP_MODEL_SRCS) arch/x86/sev/snp_launch.c \
	arch/x86/sev/psp_mailbox.c arch/x86/sev/guest_tsc.c
UNIT_TESTS += test_x86_npt
test_x86_npt_SRCS := arch/x86/svm/npt.c
UNIT_TESTS += test_x86_mb_strings
test_x86_mb_strings_SRCS := boot/x86/mb_strings.c
test_x86_mb_strings_CFLAGS := $(X86_UNIT_CFLAGS) -Iboot/x86
# The shared constants of arch/x86/isa against their specifications.
UNIT_TESTS += test_x86_isa
# ACPI tables walked for S5 power-off.
UNIT_TESTS += test_x86_acpi
test_x86_acpi_SRCS := arch/x86/acpi.c
UNIT_TESTS += test_x86_sev_allowed
test_x86_sev_allowed_SRCS := arch/x86/sev/sev_policy.c
# Restricted Injection's #HV doorbell page: the NAE requests and posting.
UNIT_TESTS += test_x86_hv_doorbell
test_x86_hv_doorbell_SRCS := arch/x86/sev/hv_doorbell.c
# The switch table of the SEV model's assumptions, against x86's guest-spec keys.
UNIT_TESTS += test_x86_sev_switches
test_x86_sev_switches_SRCS := arch/x86/sev/sev_switches.c arch/x86/config_keys.c
UNIT_TESTS += test_x86_sev_config
test_x86_sev_config_SRCS := arch/x86/sev/sev_config.c arch/x86/sev/sev_policy.c
UNIT_TESTS += test_x86_psp_cth
test_x86_psp_cth_SRCS := $(test_x86_psp_SRCS)
UNIT_TESTS += test_x86_guest_tsc
test_x86_guest_tsc_SRCS := arch/x86/sev/guest_tsc.c
UNIT_TESTS += test_x86_snp_hw_launch
test_x86_snp_hw_launch_SRCS := $(test_x86_psp_SRCS)
UNIT_TESTS += test_x86_exit_assist
test_x86_exit_assist_SRCS := arch/x86/svm/exit_assist.c

# Guest debug registers: where each lives under SVM, power-on values (docs/debug.md).
UNIT_TESTS += test_x86_debug_regs
test_x86_debug_regs_SRCS := arch/x86/svm/debug_regs_table.c
UNIT_TESTS += test_x86_debug_trace
test_x86_debug_trace_SRCS := arch/x86/svm/debug_trace_db.c common/trace_config.c
# The GHCB MSR protocol of SEV-ES/SNP guests (docs/x86-sev.md).
UNIT_TESTS += test_x86_ghcb_msr
test_x86_ghcb_msr_SRCS := arch/x86/sev/ghcb_msr.c arch/x86/sev/sev_config.c arch/x86/sev/sev_policy.c
UNIT_TESTS += test_x86_string_io
test_x86_string_io_SRCS := arch/x86/svm/string_io.c
UNIT_TESTS += test_x86_x2apic
test_x86_x2apic_SRCS := arch/x86/svm/x2apic.c
UNIT_TESTS += test_x86_ghcb_page
test_x86_ghcb_page_SRCS := arch/x86/sev/ghcb_page.c arch/x86/sev/sev_exit_kind.c arch/x86/sev/idt_delivery.c
UNIT_TESTS += test_x86_psp_guest_msg
test_x86_psp_guest_msg_SRCS := arch/x86/sev/psp_cmd.c $(PSP_MODEL_SRCS) arch/x86/sev/guest_tsc.c
test_x86_psp_guest_msg_LDLIBS := -lcrypto
test_x86_x2apic_SRCS += arch/x86/svm/apic_irq.c arch/x86/svm/apic_timer.c
# Local APIC priority and IRR/ISR, the APIC timer's count, the I/O APIC, MMIO MOVs.
UNIT_TESTS += test_x86_apic_irq test_x86_apic_timer test_x86_ioapic test_x86_mmio_insn
test_x86_apic_irq_SRCS := arch/x86/svm/apic_irq.c
test_x86_apic_timer_SRCS := arch/x86/svm/apic_timer.c
test_x86_ioapic_SRCS := arch/x86/svm/ioapic.c
test_x86_mmio_insn_SRCS := arch/x86/svm/mmio_insn.c arch/x86/svm/insn_len.c
UNIT_TESTS += test_x86_fault_merge
test_x86_fault_merge_SRCS := arch/x86/svm/fault_merge.c
UNIT_TESTS += test_x86_snp_rmp_insn
test_x86_snp_rmp_insn_SRCS := arch/x86/sev/snp_rmp_insn.c
# SNP page-state changes through the GHCB page (a descriptor in the scratch area).
UNIT_TESTS += test_x86_snp_psc
test_x86_snp_psc_SRCS := arch/x86/sev/snp_psc.c
# The payload library's #VC decoder for MMIO MOVs and string port I/O.
UNIT_TESTS += test_x86_vc_insn
test_x86_vc_insn_SRCS := guest/lib/x86/vc_insn.c
test_x86_vc_insn_CFLAGS := -Iguest/lib/x86

UNIT_TESTS += test_x86_snp_ext_req
test_x86_snp_ext_req_SRCS := arch/x86/sev/snp_ext_req.c
# The local APIC's xAPIC MMIO page.
UNIT_TESTS += test_x86_xapic
test_x86_xapic_SRCS := arch/x86/svm/xapic.c arch/x86/svm/x2apic.c arch/x86/svm/apic_irq.c arch/x86/svm/apic_timer.c
# MP spec tables for Linux guests.
UNIT_TESTS += test_x86_mptable
test_x86_mptable_SRCS := arch/x86/svm/mptable.c arch/x86/svm/ioapic.c
# The 8254 PIT with port 0x61, and the 8259s' registers.
UNIT_TESTS += test_x86_pit test_x86_pic8259
test_x86_pit_SRCS := arch/x86/svm/pit.c
test_x86_pic8259_SRCS := arch/x86/svm/pic8259.c

# The model PSP's launch digest, against one computed in the test with OpenSSL.
UNIT_TESTS += test_x86_snp_measure
test_x86_snp_measure_SRCS := arch/x86/sev/psp_cmd.c $(PSP_MODEL_SRCS) arch/x86/sev/guest_tsc.c
test_x86_snp_measure_LDLIBS := -lcrypto

# Every x86 test that names no flags of its own builds with X86_UNIT_CFLAGS.
$(foreach t,$(filter test_x86_%,$(UNIT_TESTS)),\
	$(if $(filter undefined,$(origin $(t)_CFLAGS)),$(eval $(t)_CFLAGS := $(X86_UNIT_CFLAGS))))
