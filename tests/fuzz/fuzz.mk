# The libFuzzer targets (mk/fuzz.mk). Each names the unit test whose sources and flags it
# is built with (<target>_UNIT), and may add sources (<target>_SRCS) and flags.

# Guest images: ELF, Linux Image, raw (hv/loader.c).
FUZZ_TARGETS += loader
loader_UNIT := test_loader

# The guest spec and the values of the keys with structure, on every architecture.
FUZZ_TARGETS += config
config_UNIT := test_config
config_SRCS := $(test_break_config_SRCS) $(filter common/%,$(test_x86_debug_trace_SRCS)) \
	$(test_x86_sev_config_SRCS) $(test_arm64_psci_SRCS) $(test_s390_chp_events_SRCS) \
	$(filter arch/%,$(test_x86_cpu_view_SRCS))
# -I.: the four arch/<arch>/config_keys.c are included, each renaming its table.
config_CFLAGS := -I. $(X86_UNIT_CFLAGS) $(ARM64_UNIT_CFLAGS) $(S390_UNIT_CFLAGS)

# The FDT reader, arm64's boot scan of it, and the writer read back.
FUZZ_TARGETS += fdt
fdt_UNIT := test_arm64_fdt_scan

# x86 instruction lengths (the guest's bytes at RIP without NRIP save).
FUZZ_TARGETS += x86_insn
x86_insn_UNIT := test_x86_insn

# The model PSP's SEV-SNP firmware commands, through the command layer and raw.
FUZZ_TARGETS += x86_psp
x86_psp_UNIT := test_x86_psp

# arm64 exit syndromes, the trapped system-register rules and their dispatch on the vCPU.
FUZZ_TARGETS += arm64_sysreg
arm64_sysreg_UNIT := test_arm64_sysreg_rules
arm64_sysreg_SRCS := $(test_arm64_syndrome_SRCS) arch/arm64/sysreg_trap.c
# arm64's own arch_types.h (struct vm with its view), as the vgic test has it.
arm64_sysreg_CFLAGS := -Itests/unit/arm64 -Iarch/arm64 $(test_arm64_vgic_CFLAGS)

# The guest GICv3: distributor/redistributor MMIO, SGIs, forwarded timer interrupts, SPIs.
FUZZ_TARGETS += arm64_vgic
arm64_vgic_UNIT := test_arm64_vgic

# A guest's PSCI/SMCCC calls: the call table and what each call does to the VM.
FUZZ_TARGETS += arm64_psci
arm64_psci_UNIT := test_arm64_psci
arm64_psci_SRCS := arch/arm64/smccc.c
arm64_psci_CFLAGS := $(test_arm64_vgic_CFLAGS) -Iarch/arm64

# riscv64 memory-instruction decoding, misaligned and MMIO emulation.
FUZZ_TARGETS += rv_insn
rv_insn_UNIT := test_rv_emulate

# A riscv64 guest's SBI calls: registry, BASE, SRST, DBCN, TIME/IPI/RFENCE/HSM, FWFT.
FUZZ_TARGETS += rv_sbi
rv_sbi_UNIT := test_rv_sbi

# The s390x channel subsystem: SCHIB, ORB, CCW programs, CHSC, CRWs, path events.
FUZZ_TARGETS += s390_css
s390_css_UNIT := test_s390_css

# The s390x privileged-instruction decoder (what a problem-state guest traps on).
FUZZ_TARGETS += s390_decode
s390_decode_UNIT := test_s390_decode

# The SCLP commands of SERVC on a guest-written SCCB, and the console's message events.
# The s390x arch_types.h replaces the fake one, as for the riscv tests.
FUZZ_TARGETS += s390_sclp
s390_sclp_UNIT := test_s390_sclp_event
s390_sclp_SRCS := arch/s390/sclp_guest.c
s390_sclp_CFLAGS := -DFAKE_ARCH_TYPES_H -include arch/s390/include/arch_types.h

# The GHCB MSR protocol of SEV-ES/SNP guests.
FUZZ_TARGETS += x86_ghcb
x86_ghcb_UNIT := test_x86_ghcb_msr

# The GHCB page of SEV-ES/SNP guests' VMGEXITs, and #VC delivery through a guest IDT gate.
FUZZ_TARGETS += x86_ghcb_page
x86_ghcb_page_UNIT := test_x86_ghcb_page
# A guest's local APIC (MSRs, IRR/ISR, timer) and I/O APIC, and the MMIO MOV decoder.
FUZZ_TARGETS += x86_apic
x86_apic_UNIT := test_x86_x2apic
x86_apic_SRCS := arch/x86/svm/ioapic.c arch/x86/svm/mmio_insn.c arch/x86/svm/insn_len.c
