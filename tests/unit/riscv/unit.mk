# riscv64 pure logic: the memory-instruction decoder and AMO arithmetic, and the SBI for
# guests (registry, BASE, SRST, DBCN, TIME/IPI/RFENCE/HSM, FWFT) against a fake vCPU.
# The riscv arch_types.h replaces the core's fake one (its guard is pre-defined).
RV_UNIT_CFLAGS := -DFAKE_ARCH_TYPES_H -include arch/riscv/include/arch_types.h \
	-Iarch/riscv/include -Iarch/riscv/isa -Iarch/riscv

UNIT_TESTS += test_rv_insn
test_rv_insn_SRCS := arch/riscv/insn.c
test_rv_insn_CFLAGS := $(RV_UNIT_CFLAGS)

UNIT_TESTS += test_rv_sbi
test_rv_sbi_SRCS := arch/riscv/sbi.c arch/riscv/sbi_base.c arch/riscv/sbi_hart.c arch/riscv/fwft.c \
	arch/riscv/sbi_dbtr.c arch/riscv/dbtr_guest.c hv/config.c
test_rv_sbi_CFLAGS := $(RV_UNIT_CFLAGS)

UNIT_TESTS += test_rv_emulate
test_rv_emulate_SRCS := arch/riscv/mmio.c arch/riscv/misaligned.c arch/riscv/insn.c \
	arch/riscv/emulate_regs.c
test_rv_emulate_CFLAGS := $(RV_UNIT_CFLAGS)

# Every number in the shared sbi_defs.h against the SBI v3.0 spec.
UNIT_TESTS += test_rv_sbi_defs
test_rv_sbi_defs_SRCS :=
test_rv_sbi_defs_CFLAGS := $(RV_UNIT_CFLAGS)

# The free-RAM plan of boot/riscv (where the guest image goes, what the allocator gets).
UNIT_TESTS += test_rv_ram_layout
test_rv_ram_layout_SRCS := boot/riscv/ram_layout.c
test_rv_ram_layout_CFLAGS := $(RV_UNIT_CFLAGS) -Iboot/riscv

# break=: the mcontrol6 trigger and the breakpoint-exit decision (docs/debug.md).
UNIT_TESTS += test_rv_debug
test_rv_debug_SRCS := arch/riscv/debug_trigger.c common/break_config.c
test_rv_debug_CFLAGS := $(RV_UNIT_CFLAGS)

# SBI DBTR for guests against a fake firmware (validation, VS/VU mapping, index map,
# shared memory, per-vCPU triggers on and off the hart).
UNIT_TESTS += test_rv_dbtr
test_rv_dbtr_SRCS := arch/riscv/sbi_dbtr.c arch/riscv/dbtr_guest.c
test_rv_dbtr_CFLAGS := $(RV_UNIT_CFLAGS)
# ... and testvisor's own use of the firmware's DBTR (indexes with and without write-back).
UNIT_TESTS += test_rv_dbtr_fw
test_rv_dbtr_fw_SRCS := arch/riscv/dbtr_fw.c
test_rv_dbtr_fw_CFLAGS := $(RV_UNIT_CFLAGS)

# The core's rule tracks only hv/include headers: rebuild riscv tests when ours change.
RV_UNIT_HEADERS := $(wildcard arch/riscv/include/*.h arch/riscv/isa/*.h arch/riscv/*.h \
	boot/riscv/*.h)
$(UNIT_BUILD)/test_rv_insn $(UNIT_BUILD)/test_rv_sbi $(UNIT_BUILD)/test_rv_emulate \
$(UNIT_BUILD)/test_rv_sbi_defs $(UNIT_BUILD)/test_rv_ram_layout $(UNIT_BUILD)/test_rv_debug \
$(UNIT_BUILD)/test_rv_dbtr $(UNIT_BUILD)/test_rv_dbtr_fw: $(RV_UNIT_HEADERS)
# Which host extensions a guest's DTB lists (withheld, gated by henvcfg).
UNIT_TESTS += test_rv_guest_isa
test_rv_guest_isa_SRCS := arch/riscv/guest_isa.c
test_rv_guest_isa_CFLAGS := $(RV_UNIT_CFLAGS)
$(UNIT_BUILD)/test_rv_guest_isa: $(RV_UNIT_HEADERS)

UNIT_TESTS += test_rv_plic
test_rv_plic_SRCS := arch/riscv/vplic.c
test_rv_plic_CFLAGS := $(RV_UNIT_CFLAGS)
