/* What the instruction-emulation files share: operand access for a handler and the
 * handler type. A handler returns what the run loop does next (hv/arch_if.h): resume
 * the guest at once, or return to the core (the VM failed, a vCPU changed state, the
 * guest yielded). A program exception its instruction raises is recorded through
 * insn_done() and presented by emulate_insn(); the guest PSW already points past the
 * instruction (suppression). Operand helpers return 0 or a program-interruption code. */
#ifndef S390_EMULATE_H
#define S390_EMULATE_H

#include <hv/arch_if.h>
#include <hv/vm.h>
#include <s390_arch.h>
#include "s390_vcpu.h"
#include "shadow_dat.h"

typedef enum exit_action (*insn_handler)(struct vcpu *v, const struct insn *in);

/* Ends a handler whose instruction completed (pgm 0) or raises program exception `pgm`:
 * either way the guest can be resumed at once. */
static inline enum exit_action insn_done(struct vcpu *v, int pgm)
{
	v->arch.insn_pgm = (uint16_t)pgm;
	return EXIT_RESUME;
}

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

/* Operand access at guest real addresses: inline copies of constant size on the fast
 * path (one page). */
static inline __attribute__((always_inline)) int rd_real(struct vcpu *v, uint64_t a, void *p, size_t n)
{
	void *src = guest_real_ptr(v, a, n);
	if (src) {
		__builtin_memcpy(p, src, n);
		return 0;
	}
	return guest_read(v, a, p, n) ? 0 : PGM_ADDRESSING;
}

static inline __attribute__((always_inline)) int wr_real(struct vcpu *v, uint64_t a, const void *p, size_t n)
{
	void *dst = guest_real_ptr(v, a, n);
	if (dst) {
		__builtin_memcpy(dst, p, n);
		return 0;
	}
	return guest_write(v, a, p, n) ? 0 : PGM_ADDRESSING;
}

/* Operand access at logical addresses: through the guest's DAT when it is on
 * (guest_dat_access.c). */
int dat_copy(struct vcpu *v, uint64_t logical, void *p, size_t n, enum guest_access kind);
static inline __attribute__((always_inline)) int rd(struct vcpu *v, uint64_t a, void *p, size_t n)
{
	if (v->arch.psw_mask & PSW_MASK_DAT)
		return dat_copy(v, a, p, n, ACCESS_FETCH);
	return rd_real(v, a, p, n);
}

static inline __attribute__((always_inline)) int wr(struct vcpu *v, uint64_t a, const void *p, size_t n)
{
	if (v->arch.psw_mask & PSW_MASK_DAT)
		return dat_copy(v, a, (void *)p, n, ACCESS_STORE);
	return wr_real(v, a, p, n);
}

#define ALIGNED(a, n) (((a) & ((n) - 1)) == 0)

/* The channel-subsystem instructions (emulate_io.c). */
enum exit_action op_csch(struct vcpu *v, const struct insn *in);
enum exit_action op_hsch(struct vcpu *v, const struct insn *in);
enum exit_action op_msch(struct vcpu *v, const struct insn *in);
enum exit_action op_ssch(struct vcpu *v, const struct insn *in);
enum exit_action op_stsch(struct vcpu *v, const struct insn *in);
enum exit_action op_tsch(struct vcpu *v, const struct insn *in);
enum exit_action op_tpi(struct vcpu *v, const struct insn *in);
enum exit_action op_rsch(struct vcpu *v, const struct insn *in);
enum exit_action op_xsch(struct vcpu *v, const struct insn *in);
enum exit_action op_stcrw(struct vcpu *v, const struct insn *in);
enum exit_action op_chsc(struct vcpu *v, const struct insn *in);
enum exit_action op_rchp(struct vcpu *v, const struct insn *in);
/* The DAT instructions (emulate_dat.c). */
enum exit_action op_ptlb(struct vcpu *v, const struct insn *in);
enum exit_action op_ipte(struct vcpu *v, const struct insn *in);
enum exit_action op_idte(struct vcpu *v, const struct insn *in);
enum exit_action op_csp(struct vcpu *v, const struct insn *in);
enum exit_action op_cspg(struct vcpu *v, const struct insn *in);
enum exit_action op_sac(struct vcpu *v, const struct insn *in);
/* Stops the guest: the instruction is recognized but not emulated. */
enum exit_action op_not_emulated(struct vcpu *v, const struct insn *in);

#endif
