# riscv64 pure logic: the memory-instruction decoder and AMO arithmetic, and the SBI for
# guests (registry, BASE, SRST, DBCN, TIME/IPI/RFENCE/HSM, FWFT) against a fake vCPU.
# The riscv arch_types.h replaces the core's fake one (its guard is pre-defined).
RV_UNIT_CFLAGS := -DFAKE_ARCH_TYPES_H -include arch/riscv/include/arch_types.h \
	-Iarch/riscv/include -Iarch/riscv/isa -Iarch/riscv

UNIT_TESTS += test_rv_insn
test_rv_insn_SRCS := arch/riscv/insn.c
test_rv_insn_CFLAGS := $(RV_UNIT_CFLAGS)

UNIT_TESTS += test_rv_sbi
test_rv_sbi_SRCS := arch/riscv/sbi.c arch/riscv/sbi_base.c arch/riscv/sbi_hart.c arch/riscv/fwft.c
test_rv_sbi_CFLAGS := $(RV_UNIT_CFLAGS)

UNIT_TESTS += test_rv_emulate
test_rv_emulate_SRCS := arch/riscv/mmio.c arch/riscv/misaligned.c arch/riscv/insn.c
test_rv_emulate_CFLAGS := $(RV_UNIT_CFLAGS)
