/* What the instruction-emulation files share: operand access for a handler and the
 * handler type. A handler returns 0 or the program-interruption code its instruction
 * raises; the guest PSW already points past the instruction (suppression). */
#ifndef S390_EMULATE_H
#define S390_EMULATE_H

#include <hv/vm.h>
#include <s390_arch.h>
#include "s390_vcpu.h"

typedef int (*insn_handler)(struct vcpu *v, const struct insn *in);

static inline uint64_t *gpr(struct vcpu *v, unsigned r) { return &v->arch.ctx.gprs[r]; }

static inline uint64_t wrap_addr(const struct vcpu *v, uint64_t a)
{
	if (v->arch.psw_mask & PSW_MASK_EA)
		return a;
	return a & ((v->arch.psw_mask & PSW_MASK_BA) ? 0x7fffffffULL : 0xffffffULL);
}

static inline uint64_t ea(struct vcpu *v, unsigned b, int64_t d)
{
	return wrap_addr(v, (b ? *gpr(v, b) : 0) + (uint64_t)d);
}

/* Operand access: inline copies of constant size on the fast path (one page). */
static inline __attribute__((always_inline)) int rd(struct vcpu *v, uint64_t a, void *p, size_t n)
{
	void *src = guest_real_ptr(v, a, n);
	if (src) {
		__builtin_memcpy(p, src, n);
		return 0;
	}
	return guest_read(v, a, p, n) ? 0 : PGM_ADDRESSING;
}

static inline __attribute__((always_inline)) int wr(struct vcpu *v, uint64_t a, const void *p, size_t n)
{
	void *dst = guest_real_ptr(v, a, n);
	if (dst) {
		__builtin_memcpy(dst, p, n);
		return 0;
	}
	return guest_write(v, a, p, n) ? 0 : PGM_ADDRESSING;
}

#define ALIGNED(a, n) (((a) & ((n) - 1)) == 0)

/* The channel-subsystem instructions (emulate_io.c). */
int op_csch(struct vcpu *v, const struct insn *in);
int op_hsch(struct vcpu *v, const struct insn *in);
int op_msch(struct vcpu *v, const struct insn *in);
int op_ssch(struct vcpu *v, const struct insn *in);
int op_stsch(struct vcpu *v, const struct insn *in);
int op_tsch(struct vcpu *v, const struct insn *in);
int op_tpi(struct vcpu *v, const struct insn *in);
int op_rsch(struct vcpu *v, const struct insn *in);
int op_xsch(struct vcpu *v, const struct insn *in);
int op_stcrw(struct vcpu *v, const struct insn *in);
int op_chsc(struct vcpu *v, const struct insn *in);
int op_rchp(struct vcpu *v, const struct insn *in);

#endif
