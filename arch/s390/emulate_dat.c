/* The DAT-related privileged instructions a guest executes: invalidation of its table
 * entries and TLB purging (IPTE, IDTE, CSP/CSPG, PTLB). testvisor keeps no TLB of its
 * own for the guest other than the shadow tables (shadow_dat.c), so every purge throws
 * the whole shadow away: correct, and simple. Operand rules: PoP ch. 10 (the
 * instructions) and ch. 3 "Translation-Lookaside Buffer". SET ADDRESS SPACE CONTROL
 * (FAST) traps only for the home space (privileged in the problem state the guest runs
 * in); to the primary or secondary space it runs natively. */
#include <hv/arch_if.h>
#include <hv/vm.h>
#include <s390_cpu.h>
#include "emulate.h"
#include "guest_dat_walk.h"
#include "shadow_dat.h"

enum exit_action op_ptlb(struct vcpu *v, const struct insn *in)
{
	shadow_invalidate(v);
	return EXIT_RESUME;
}

/* Sets the invalid bit of the table entry at guest real `entry_real`. */
static int invalidate_entry(struct vcpu *v, uint64_t entry_real, uint64_t invalid_bit)
{
	uint64_t e;
	int rc = rd_real(v, entry_real, &e, 8);
	if (rc)
		return rc;
	e |= invalid_bit;
	return wr_real(v, entry_real, &e, 8);
}

/* IPTE R1 (page-table origin), R2 (page index in bits 44-51): the entry's invalid bit on,
 * then every CPU's TLB purged of it. R3 is ignored unless the IPTE-range facility (13)
 * is installed (the guest sees the machine's facility list); its range form is not
 * emulated. */
#define IPTE_PAGE_INDEX(r2) (((r2) >> 12) & 0xff)
#define FACILITY_IPTE_RANGE 13
enum exit_action op_ipte(struct vcpu *v, const struct insn *in)
{
	if (in->m3 && test_facility(FACILITY_IPTE_RANGE))
		return op_not_emulated(v, in);
	uint64_t pte = (*gpr(v, in->r1) & SEGMENT_ENTRY_ORIGIN) + IPTE_PAGE_INDEX(*gpr(v, in->r2)) * 8;
	int rc = invalidate_entry(v, pte, PAGE_ENTRY_I);
	shadow_invalidate_vm(v->vm);
	return insn_done(v, rc);
}

/* IDTE R1 (table origin and type), R2 (index of the first entry in the bit positions of
 * that table type, additional entries in bits 53-63; bit 52: clearing by ASCE only). */
#define IDTE_ASCE_ONLY 0x800ULL
#define IDTE_COUNT_MASK 0x7ffULL
enum exit_action op_idte(struct vcpu *v, const struct insn *in)
{
	uint64_t r1 = *gpr(v, in->r1), r2 = *gpr(v, in->r2);
	int rc = 0;
	if (!(r2 & IDTE_ASCE_ONLY)) {
		enum asce_dt dt = (enum asce_dt)((r1 & ASCE_DT_MASK) >> ASCE_DT_SHIFT);
		uint64_t first = dat_table_index(dt, r2);
		for (uint64_t i = 0; i <= (r2 & IDTE_COUNT_MASK) && !rc; i++)
			rc = invalidate_entry(v, (r1 & ASCE_ORIGIN) + ((first + i) & 0x7ff) * 8,
					      REGION_ENTRY_I);
	}
	shadow_invalidate_vm(v->vm);
	return insn_done(v, rc);
}

/* CSP/CSPG R1 (even: compare value, R1+1: replacement), R2 (operand address, its
 * rightmost bit: purge every CPU's TLB after a successful swap). */
#define CSP_PURGE 1ULL
static int csp(struct vcpu *v, const struct insn *in, unsigned size)
{
	if (in->r1 & 1)
		return PGM_SPECIFICATION;
	uint64_t r2 = *gpr(v, in->r2);
	uint64_t a = wrap_addr(v, r2 & ~(uint64_t)(size - 1));
	uint64_t old = 0, cmp = *gpr(v, in->r1), repl = *gpr(v, in->r1 + 1);
	int rc = rd(v, a, (uint8_t *)&old + 8 - size, size);
	if (rc)
		return rc;
	uint64_t mask = size == 8 ? ~0ULL : 0xffffffffULL;
	if ((old & mask) != (cmp & mask)) {
		*gpr(v, in->r1) = (cmp & ~mask) | old;
		set_cc(v, 1);
		return 0;
	}
	rc = wr(v, a, (uint8_t *)&repl + 8 - size, size);
	if (rc)
		return rc;
	set_cc(v, 0);
	if (r2 & CSP_PURGE)
		shadow_invalidate_vm(v->vm);
	return 0;
}
enum exit_action op_csp(struct vcpu *v, const struct insn *in) { return insn_done(v, csp(v, in, 4)); }
enum exit_action op_cspg(struct vcpu *v, const struct insn *in) { return insn_done(v, csp(v, in, 8)); }

/* SAC/SACF: bits 52-55 of the operand address select the mode; PSW bits 16-17 get its
 * address-space control. DAT off: special-operation exception. */
static const struct { uint8_t code; uint64_t psw_asc; } sac_modes[] = {
	{ 0x0, 0x0000000000000000ULL },   /* primary */
	{ 0x1, 0x0000800000000000ULL },   /* secondary */
	{ 0x3, 0x0000c00000000000ULL },   /* home */
};
#define SAC_MODE(a) (((a) >> 8) & 0xf)
#define SAC_ACCESS_REGISTER 0x2
enum exit_action op_sac(struct vcpu *v, const struct insn *in)
{
	uint64_t mode = SAC_MODE(ea(v, in->b2, in->d2));
	if (!(v->arch.psw_mask & PSW_MASK_DAT))
		return insn_done(v, PGM_SPECIAL_OPERATION);
	for (unsigned i = 0; i < sizeof(sac_modes) / sizeof(sac_modes[0]); i++)
		if (sac_modes[i].code == mode) {
			v->arch.psw_mask = (v->arch.psw_mask & ~PSW_MASK_ASC) | sac_modes[i].psw_asc;
			return EXIT_RESUME;
		}
	if (mode == SAC_ACCESS_REGISTER)
		return op_not_emulated(v, in);
	return insn_done(v, PGM_SPECIFICATION);
}
