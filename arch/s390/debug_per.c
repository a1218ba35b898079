/* Guest PER under the problem-state backend (debug_per.h): the real control registers
 * and PSW bit for the guest's events, handing events to the guest, and STURA/STURG with
 * their store-using-real-address event. */
#include <hv/vm.h>
#include <s390_cpu.h>
#include "debug_per.h"
#include "emulate.h"
#include "insn_decode.h"
#include "s390_vcpu.h"

uint64_t per_guest_enter(struct vcpu *vcpu)
{
	const struct arch_vcpu *a = &vcpu->arch;
	if (!(a->psw_mask & PSW_MASK_PER))
		return 0;
	uint64_t regs[3] = { a->cr[9] & PER_CR9_GUEST_BITS, a->cr[10], a->cr[11] };
	asm volatile("lctlg 9,11,%0" : : "S"(regs) : "memory");
	return PSW_MASK_PER;
}

void per_event_deliver(struct vcpu *vcpu, const struct per_event *ev, bool reflected)
{
	if (!ev->pending)
		return;
	per_event_store(guest_lowcore(vcpu), ev, reflected);
	if (!reflected)
		irq_program(vcpu, PER_PGM_CODE_BIT, ev->ilc);
}

/* ATMID (PoP "PER Access Identification"... "ATMID"): PSW bits 31, 32 and 5 at the event. */
static uint8_t guest_atmid(const struct arch_vcpu *a)
{
	return (uint8_t)(((a->psw_mask & PSW_MASK_EA) ? 0x80 : 0) | ((a->psw_mask & PSW_MASK_BA) ? 0x40 : 0) |
			 ((a->psw_mask & PSW_MASK_DAT) ? PER_ATMID_DAT : 0));
}

/* STURA stores bits 32-63 of R1, STURG all of R1, at the real address in R2; the operand
 * on its natural boundary, else specification (PoP ch. 10). */
enum exit_action op_store_real(struct vcpu *v, const struct insn *in)
{
	struct arch_vcpu *a = &v->arch;
	unsigned len = in->desc->id == INSN_STURG ? 8 : 4;
	uint64_t addr = wrap_addr(v, *gpr(v, in->r2)), val = *gpr(v, in->r1);
	uint8_t bytes[8];
	for (unsigned i = 0; i < len; i++)
		bytes[i] = (uint8_t)(val >> (8 * (len - 1 - i)));
	if (addr & (len - 1))
		return insn_done(v, PGM_SPECIFICATION);
	if (!guest_write(v, addr, bytes, len))
		return insn_done(v, PGM_ADDRESSING);
	if ((a->psw_mask & PSW_MASK_PER) && per_store_real_event(a->cr[9], a->cr[10], a->cr[11], addr, len)) {
		a->per_emulated = (struct per_event){
			.pending = true, .code = PER_CODE_STORE_REAL, .atmid = guest_atmid(a),
			.address = wrap_addr(v, a->psw_addr - in->len), .ilc = in->len,
		};
	}
	return insn_done(v, 0);
}
