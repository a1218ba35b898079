# arm64 pure logic: the FGT table compiler (with deliberately inconsistent tables), the
# feature/ID-register table and RAS levels, the HCR/HCRX bit table, the PSCI/SMCCC table.
ARM64_UNIT_CFLAGS := -Iarch/arm64/include

UNIT_TESTS += test_arm64_fgt
test_arm64_fgt_SRCS := arch/arm64/fgt.c arch/arm64/fgt_table.c arch/arm64/feature_table.c \
	arch/arm64/ctl_bits.c
test_arm64_fgt_CFLAGS := $(ARM64_UNIT_CFLAGS)

UNIT_TESTS += test_arm64_psci
test_arm64_psci_SRCS := arch/arm64/psci_table.c
test_arm64_psci_CFLAGS := $(ARM64_UNIT_CFLAGS)

UNIT_TESTS += test_arm64_syndrome
test_arm64_syndrome_SRCS := arch/arm64/syndrome.c
test_arm64_syndrome_CFLAGS := $(ARM64_UNIT_CFLAGS)

# The guest GICv3 register model, with arm64's own arch_types.h replacing the fake one.
UNIT_TESTS += test_arm64_vgic
test_arm64_vgic_SRCS := arch/arm64/vgic_mmio.c arch/arm64/vgic_state.c arch/arm64/vgic_spi.c
test_arm64_vgic_CFLAGS := $(ARM64_UNIT_CFLAGS) -DFAKE_ARCH_TYPES_H -include arch/arm64/include/arch_types.h

UNIT_TESTS += test_arm64_fdt_scan
test_arm64_fdt_scan_SRCS := arch/arm64/isa/fdt_scan.c common/fdt_read.c hv/fdt.c
test_arm64_fdt_scan_CFLAGS := -Iarch/arm64/isa

UNIT_TESTS += test_arm64_cpu_view
test_arm64_cpu_view_SRCS := arch/arm64/cpu_view_build.c arch/arm64/feature_table.c \
	arch/arm64/fgt.c arch/arm64/fgt_table.c arch/arm64/ctl_bits.c hv/config.c
test_arm64_cpu_view_CFLAGS := $(ARM64_UNIT_CFLAGS)

# What a trapped system register access means for a VM (RAS levels, FGU, emulated rows).
UNIT_TESTS += test_arm64_sysreg_rules
test_arm64_sysreg_rules_SRCS := arch/arm64/sysreg_rules.c arch/arm64/cpu_view_build.c \
	arch/arm64/feature_table.c arch/arm64/fgt.c arch/arm64/fgt_table.c arch/arm64/ctl_bits.c \
	hv/config.c
test_arm64_sysreg_rules_CFLAGS := $(ARM64_UNIT_CFLAGS)

# PSCI/SMCCC numbers of testvisor's and the payloads' headers pinned to the specifications.
UNIT_TESTS += test_arm64_spec_numbers
test_arm64_spec_numbers_SRCS :=
test_arm64_spec_numbers_CFLAGS := $(ARM64_UNIT_CFLAGS) -Iguest/lib/arm64

# The arm64 tests are rebuilt when the headers they test change (the generic rule only
# follows hv/include).
ARM64_UNIT_TESTS := test_arm64_fgt test_arm64_psci test_arm64_syndrome test_arm64_vgic \
	test_arm64_fdt_scan test_arm64_cpu_view test_arm64_sysreg_rules test_arm64_spec_numbers
$(ARM64_UNIT_TESTS:%=$(UNIT_BUILD)/%): $(wildcard arch/arm64/include/*.h \
	arch/arm64/include/arm64/*.h arch/arm64/isa/*.h guest/lib/arm64/psci_ids.h)

# MDCR_EL2 debug controls and debug-register counts (docs/debug.md).
UNIT_TESTS += test_arm64_debug_table
test_arm64_debug_table_SRCS := arch/arm64/debug_table.c
test_arm64_debug_table_CFLAGS := $(ARM64_UNIT_CFLAGS)
# Stepping a guest for break= (docs/debug.md).
UNIT_TESTS += test_arm64_debug_step
test_arm64_debug_step_SRCS := arch/arm64/debug_step.c
test_arm64_debug_step_CFLAGS := $(ARM64_UNIT_CFLAGS)
