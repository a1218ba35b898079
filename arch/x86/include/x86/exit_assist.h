/* What the CPU's SVM assists give an exit handler, decided without touching the VMCB
 * (pure: host-tested in tests/unit/x86/test_x86_exit_assist.c):
 * - where the RIP after an intercepted instruction comes from: the VMCB's nRIP when the
 *   CPU saves it (CPUID 8000_000Ah EDX[3]), EXITINFO2 for IOIO, else the decoder;
 * - which VMCB clean bits (CPUID 8000_000Ah EDX[5]) may be set before a VMRUN: a group
 *   is clean when testvisor wrote none of its fields since the last #VMEXIT. */
#ifndef X86_EXIT_ASSIST_H
#define X86_EXIT_ASSIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* CPUID Fn8000_000A EDX (AMD APM vol. 3, appendix E.4.9). */
#define CPUID_8000_000A_EDX_VMCB_CLEAN (1u << 5)
#define CPUID_8000_000A_EDX_DECODE_ASSISTS (1u << 7)

enum next_rip_source {
	NEXT_RIP_DECODE,     /* decode the instruction at RIP */
	NEXT_RIP_NRIP,       /* VMCB offset 0xC8, saved by the CPU */
	NEXT_RIP_EXITINFO2,  /* IOIO: the CPU always reports the next RIP there */
};

/* Instruction intercepts testvisor resumes past, as bits (exit code - 0x60): the CPU
 * saves nRIP for these (AMD APM vol. 2, 15.7.1, "State Saved on Exit": nRIP for
 * instruction intercepts when CPUID 8000_000Ah EDX[3] is set). Exit codes from appendix C:
 * RDTSC 0x6E, CPUID 0x72, INVD 0x76, HLT 0x78, MSR 0x7C, VMMCALL 0x81, RDTSCP 0x87,
 * XSETBV 0x8D. Inline: it is on every exit's path. */
#define NRIP_EXIT_BASE 0x60u
#define NRIP_EXIT_BIT(code) (1ull << ((code) - NRIP_EXIT_BASE))
#define NRIP_EXITS (NRIP_EXIT_BIT(0x6e) | NRIP_EXIT_BIT(0x72) | NRIP_EXIT_BIT(0x76) | \
		    NRIP_EXIT_BIT(0x78) | NRIP_EXIT_BIT(0x7c) | NRIP_EXIT_BIT(0x81) | \
		    NRIP_EXIT_BIT(0x87) | NRIP_EXIT_BIT(0x8d))
#define EXIT_CODE_IOIO 0x7bu

static inline enum next_rip_source svm_next_rip_source(bool nrip_save, uint64_t exit_code)
{
	/* APM vol. 2, 15.10.2: EXITINFO2 holds the RIP of the next instruction for IOIO. */
	if (exit_code == EXIT_CODE_IOIO)
		return NEXT_RIP_EXITINFO2;
	uint64_t bit = exit_code - NRIP_EXIT_BASE;
	return nrip_save && bit < 64 && ((NRIP_EXITS >> bit) & 1) ? NEXT_RIP_NRIP : NEXT_RIP_DECODE;
}

/* The intercepted instruction's length from nRIP: 1..15, or 0 when next_rip does not lie
 * 1 to 15 bytes past rip (a CPU that reported nonsense: the guest is stopped). */
static inline unsigned svm_nrip_insn_len(uint64_t rip, uint64_t next_rip)
{
	uint64_t len = next_rip - rip;
	return len >= 1 && len <= 15 ? (unsigned)len : 0;
}

/* VMCB clean-bit groups (AMD APM vol. 2, 15.15, the VMCB Clean field): the bit and the
 * VMCB byte ranges it covers. */
struct vmcb_range {
	uint16_t offset, size;
};
struct vmcb_clean_group {
	const char *name;
	unsigned bit;
	struct vmcb_range ranges[4];
};
extern const struct vmcb_clean_group vmcb_clean_groups[];
extern const unsigned vmcb_clean_group_count;

/* Bytes a snapshot of every covered field needs (at most VMCB_CLEAN_SNAPSHOT_MAX). */
#define VMCB_CLEAN_SNAPSHOT_MAX 320
size_t vmcb_clean_snapshot_size(void);
/* Copies every covered field of the VMCB image `vmcb` (4 KiB) into `snap`. */
void vmcb_clean_snapshot(const void *vmcb, uint8_t *snap);
/* The clean bits for the next VMRUN: set for each group whose fields still equal the
 * snapshot taken after the last #VMEXIT; 0 when there is no valid snapshot (first VMRUN
 * of this VMCB: the CPU must load everything). */
uint32_t vmcb_clean_bits(const void *vmcb, const uint8_t *snap, bool snap_valid);

#endif
