/* What PVALIDATE and RMPADJUST, the SNP guest's own RMP instructions, do to one page of the
 * modelled RMP (AMD APM vol. 3, PVALIDATE and RMPADJUST; Linux pvalidate(), rmpadjust(),
 * snp_set_vmsa()). The emulated backend carries them out for the guest (QEMU's TCG raises
 * #UD for both); pure, host-tested.
 *   PVALIDATE  F2 0F 01 FF: RAX = page address, RCX[0] = 2 MiB, RDX[0] = validate (else
 *              rescind); RAX = 0 and CF = 1 when the page already was in that state.
 *   RMPADJUST  F3 0F 01 FE: RAX = page address, RCX[0] = 2 MiB, RDX = target VMPL (7:0),
 *              permissions (15:8), VMSA (16). */
#ifndef X86_SNP_RMP_INSN_H
#define X86_SNP_RMP_INSN_H

#include <stdbool.h>
#include <stdint.h>

#define SNP_RMP_SUCCESS 0
#define SNP_RMP_FAIL_INPUT 1
#define SNP_RMP_FAIL_PERMISSION 2
#define SNP_RMP_FAIL_SIZEMISMATCH 6
#define SNP_RMPADJUST_VMSA (1u << 16)

enum snp_rmp_insn { SNP_INSN_NONE, SNP_INSN_PVALIDATE, SNP_INSN_RMPADJUST };
/* Which of the two the bytes at RIP are (exactly these encodings, no other prefixes). */
enum snp_rmp_insn snp_rmp_insn_decode(const uint8_t *bytes, unsigned len);

/* One 4 KiB page as the model's RMP holds it for the guest. */
struct snp_page {
	bool validated;
	bool vmsa;
};

struct snp_rmp_result {
	uint64_t rax;
	bool cf;
};

/* The model's RMP entries are 4 KiB: a 2 MiB request is a size mismatch (**assumption**:
 * the launch's 2 MiB entries are split when a guest touches them one by one). */
struct snp_rmp_result snp_pvalidate(struct snp_page *p, bool large, bool validate);
struct snp_rmp_result snp_rmpadjust(struct snp_page *p, bool large, uint64_t attrs);

#endif
