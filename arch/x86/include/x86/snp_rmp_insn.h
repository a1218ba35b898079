/* What PVALIDATE and RMPADJUST, the SNP guest's own RMP instructions, do to the modelled
 * RMP (AMD APM vol. 3, PVALIDATE and RMPADJUST; Linux pvalidate(), rmpadjust(),
 * snp_set_vmsa(), pvalidate_pages()). The emulated backend carries them out for the guest
 * (QEMU's TCG raises #UD for both); pure, host-tested.
 *   PVALIDATE  F2 0F 01 FF: RAX = page address, RCX[0] = 2 MiB, RDX[0] = validate (else
 *              rescind); RAX = 0 and CF = 1 when the page already was in that state.
 *   RMPADJUST  F3 0F 01 FE: RAX = page address, RCX[0] = 2 MiB, RDX = target VMPL (7:0),
 *              permissions (15:8), VMSA (16).
 * The RMP holds a page as one 4 KiB entry or as part of a 2 MiB entry (page size 1; the
 * launch's 2 MiB SNP_LAUNCH_UPDATEs make these). The model keeps one record per 4 KiB
 * page; the 512 records of a 2 MiB entry all carry `large` and the entry's Validated and
 * VMSA bits. */
#ifndef X86_SNP_RMP_INSN_H
#define X86_SNP_RMP_INSN_H

#include <stdbool.h>
#include <stdint.h>
#include <x86/sev_switches.h>

#define SNP_RMP_SUCCESS 0
#define SNP_RMP_FAIL_INPUT 1
#define SNP_RMP_FAIL_PERMISSION 2
#define SNP_RMP_FAIL_SIZEMISMATCH 6
#define SNP_RMPADJUST_VMSA (1u << 16)
#define SNP_RMP_2M_PAGES 512u

enum snp_rmp_insn { SNP_INSN_NONE, SNP_INSN_PVALIDATE, SNP_INSN_RMPADJUST };
/* Which of the two the bytes at RIP are (exactly these encodings, no other prefixes). */
enum snp_rmp_insn snp_rmp_insn_decode(const uint8_t *bytes, unsigned len);

/* One 4 KiB page as the model's RMP holds it for the guest. */
struct snp_page {
	bool validated;
	bool vmsa;
	bool large; /* part of a 2 MiB RMP entry (all 512 records of it say so) */
};

struct snp_rmp_result {
	uint64_t rax;
	bool cf;
};

/* The instruction's operand: the 2 MiB-aligned region holding the page (`region`, its
 * `n` records: fewer than 512 only at the end of RAM), the page's index in it, the
 * address the guest gave (RAX) and RCX[0]; the VM's flipped switches for the rules that
 * are assumptions (x86/sev_switches.h: SEV_SW_RMP_2M_ALIGN_DOWN, SEV_SW_RMPADJUST_*). */
struct snp_rmp_op {
	struct snp_page *region;
	unsigned n, idx;
	uint64_t rax;
	bool large;
	uint32_t switches;
};

/* A 2 MiB request: RAX not 2 MiB aligned is FAIL_INPUT (an assumption; flipped: the bits
 * are ignored); a region the RMP holds as 4 KiB
 * entries is FAIL_SIZEMISMATCH. A 4 KiB request inside a 2 MiB entry is a nested page
 * fault with SIZEM on hardware, which the hypervisor answers with PSMASH and the guest's
 * retry succeeds (KVM); the model smashes the entry and carries the request out. */
struct snp_rmp_result snp_pvalidate(const struct snp_rmp_op *op, bool validate);
struct snp_rmp_result snp_rmpadjust(const struct snp_rmp_op *op, uint64_t attrs);

/* PSMASH: a 2 MiB entry becomes 512 4 KiB entries with its Validated and VMSA bits. */
void snp_rmp_smash(struct snp_page *region, unsigned n);
/* A 2 MiB entry over the region (the launch's 2 MiB SNP_LAUNCH_UPDATE), its pages'
 * Validated bit `validated`; false when the region has fewer than 512 pages. */
bool snp_rmp_make_2m(struct snp_page *region, unsigned n, bool validated);

#endif
