/* ID registers of QEMU 10.0.2's -cpu max as the standalone idregs payload prints them,
 * with ID_AA64PFR0_EL1.EL2 = 1 as testvisor sees it under virtualization=on: the host the
 * arm64 unit tests model. */
#ifndef TEST_ARM64_QEMU_MAX_H
#define TEST_ARM64_QEMU_MAX_H

#include <stdint.h>

static const uint64_t qemu_max[ID_REG_COUNT] = {
	[ID_AA64PFR0] = 0x1301001121110122ull, [ID_AA64PFR1] = 0x0000001001000121ull,
	[ID_AA64ZFR0] = 0x0110110100210021ull, [ID_AA64SMFR0] = 0x80f100fd00000000ull,
	[ID_AA64DFR0] = 0x100000001030560aull,
	[ID_AA64ISAR0] = 0x1221111110212120ull, [ID_AA64ISAR1] = 0x0111211110211502ull,
	[ID_AA64ISAR2] = 0x0000000000110012ull, [ID_AA64MMFR0] = 0x2100032310201126ull,
	[ID_AA64MMFR1] = 0x0110112010312122ull, [ID_AA64MMFR2] = 0x1221011112011011ull,
	[ID_AA64MMFR3] = 0x1000000000000000ull,
};

#endif
