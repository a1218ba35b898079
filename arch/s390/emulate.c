/* Emulation of the privileged instructions a guest executes in problem state. The
 * decoder (insn_decode.c) finds the instruction; a table maps it to its handler. A
 * handler returns the run loop's next step (emulate.h) and records the program
 * exception its instruction raises through insn_done(); operand checks follow the
 * Principles of Operation (alignment: specification; outside guest memory: addressing;
 * bad subsystem id: operand). The guest PSW already points past the
 * instruction (suppression), which is where the handlers leave it. */
#include <hv/arch_if.h>
#include <hv/vm.h>
#include <s390_cpu.h>
#include <string.h>
#include "emulate.h"
#include "shadow_dat.h"
#include "guest_dat_walk.h"
#include "debug_per.h"
#include "sysib.h"

/* ---- PSW ---- */
#define SYSTEM_MASK_INVALID 0xb8  /* PSW bits 0, 2-4 must be zero */

/* Replaces the PSW's system mask (its first byte), checking the bits that must be 0. */
static int set_system_mask(struct vcpu *v, uint8_t m)
{
	if (m & SYSTEM_MASK_INVALID)
		return PGM_SPECIFICATION;
	v->arch.psw_mask = (v->arch.psw_mask & ~0xff00000000000000ULL) | (uint64_t)m << 56;
	return 0;
}

static enum exit_action op_ssm(struct vcpu *v, const struct insn *in)
{
	uint8_t m;
	int rc = rd(v, ea(v, in->b2, in->d2), &m, 1);
	return insn_done(v, rc ? rc : set_system_mask(v, m));
}

static int stnosm(struct vcpu *v, const struct insn *in, bool or)
{
	uint8_t old = v->arch.psw_mask >> 56;
	uint8_t m = or ? old | in->i2 : old & in->i2;
	int rc = wr(v, ea(v, in->b1, in->d1), &old, 1);
	return rc ? rc : set_system_mask(v, m);
}
static enum exit_action op_stnsm(struct vcpu *v, const struct insn *in)
{
	return insn_done(v, stnosm(v, in, false));
}
static enum exit_action op_stosm(struct vcpu *v, const struct insn *in)
{
	return insn_done(v, stnosm(v, in, true));
}

static bool psw_valid(uint64_t mask, uint64_t addr)
{
	if (mask & PSW_MASK_UNASSIGNED)
		return false;
	if ((mask & PSW_MASK_EA) && !(mask & PSW_MASK_BA))
		return false;
	if (!(mask & PSW_MASK_EA) && addr > ((mask & PSW_MASK_BA) ? 0x7fffffffULL : 0xffffffULL))
		return false;
	return true;
}

/* A PSW with invalid bits is loaded, then raises an early specification exception. */
static int load_psw(struct vcpu *v, uint64_t mask, uint64_t addr)
{
	v->arch.psw_mask = mask;
	v->arch.psw_addr = addr;
	if (!psw_valid(mask, addr)) {
		irq_program(v, PGM_SPECIFICATION, 0);
		return 0;
	}
	return 0;
}

static enum exit_action op_lpswe(struct vcpu *v, const struct insn *in)
{
	uint64_t a = ea(v, in->b2, in->d2), psw[2];
	if (!ALIGNED(a, 8))
		return insn_done(v, PGM_SPECIFICATION);
	int rc = rd(v, a, psw, 16);
	return insn_done(v, rc ? rc : load_psw(v, psw[0], psw[1]));
}

#define SHORT_PSW_BIT12 0x0008000000000000ULL
static enum exit_action op_lpsw(struct vcpu *v, const struct insn *in)
{
	uint64_t a = ea(v, in->b2, in->d2), s;
	if (!ALIGNED(a, 8))
		return insn_done(v, PGM_SPECIFICATION);
	int rc = rd(v, a, &s, 8);
	if (rc)
		return insn_done(v, rc);
	if (!(s & SHORT_PSW_BIT12))
		return insn_done(v, PGM_SPECIFICATION);
	uint64_t mask = (s & 0xfff7ffff00000000ULL) | ((s & 0x80000000ULL) ? PSW_MASK_BA : 0);
	return insn_done(v, load_psw(v, mask, s & 0x7fffffffULL));
}

/* ---- Control registers ---- */
/* CR0 (EDAT), CR1 (primary ASCE), CR7 (secondary), CR13 (home): a new value invalidates
 * the translations made with the old one (PoP ch. 3 "Translation-Lookaside Buffer"). */
static bool cr_controls_dat(unsigned cr)
{
	return cr == 0 || cr == 1 || cr == 7 || cr == 13;
}

static int ctl(struct vcpu *v, const struct insn *in, unsigned size, bool load)
{
	uint64_t a = ea(v, in->b2, in->d2);
	if (!ALIGNED(a, size))
		return PGM_SPECIFICATION;
	unsigned n = ((in->r3 - in->r1) & 15) + 1;
	for (unsigned i = 0; i < n; i++) {
		unsigned cr = (in->r1 + i) & 15;
		uint64_t *c = &v->arch.cr[cr];
		if (load && cr == 0)
			v->arch.real_cr0_stale = true;
		if (load && cr_controls_dat(cr))
			shadow_invalidate(v);
		int rc;
		if (size == 8) {
			rc = load ? rd(v, a + 8 * i, c, 8) : wr(v, a + 8 * i, c, 8);
		} else {
			uint32_t w = (uint32_t)*c;
			rc = load ? rd(v, a + 4 * i, &w, 4) : wr(v, a + 4 * i, &w, 4);
			if (load)
				*c = (*c & 0xffffffff00000000ULL) | w;
		}
		if (rc)
			return rc;
	}
	return 0;
}
static enum exit_action op_lctlg(struct vcpu *v, const struct insn *in)
{
	return insn_done(v, ctl(v, in, 8, true));
}
static enum exit_action op_stctg(struct vcpu *v, const struct insn *in)
{
	return insn_done(v, ctl(v, in, 8, false));
}
static enum exit_action op_lctl(struct vcpu *v, const struct insn *in)
{
	return insn_done(v, ctl(v, in, 4, true));
}
static enum exit_action op_stctl(struct vcpu *v, const struct insn *in)
{
	return insn_done(v, ctl(v, in, 4, false));
}

/* ---- Clocks, timers, CPU identity ---- */
static int rw_u64(struct vcpu *v, const struct insn *in, uint64_t *val, bool load)
{
	uint64_t a = ea(v, in->b2, in->d2);
	if (!ALIGNED(a, 8))
		return PGM_SPECIFICATION;
	return load ? rd(v, a, val, 8) : wr(v, a, val, 8);
}

static enum exit_action op_sck(struct vcpu *v, const struct insn *in)
{
	uint64_t t;
	int rc = rw_u64(v, in, &t, true);
	if (!rc) {
		v->arch.tod_epoch = t - arch_cycles();
		set_cc(v, 0);
	}
	return insn_done(v, rc);
}
static enum exit_action op_sckc(struct vcpu *v, const struct insn *in)
{
	return insn_done(v, rw_u64(v, in, &v->arch.ckc, true));
}
static enum exit_action op_stckc(struct vcpu *v, const struct insn *in)
{
	return insn_done(v, rw_u64(v, in, &v->arch.ckc, false));
}
static enum exit_action op_spt(struct vcpu *v, const struct insn *in)
{
	uint64_t t;
	int rc = rw_u64(v, in, &t, true);
	if (!rc)
		v->arch.cpu_timer_at = (int64_t)(arch_cycles() + t);
	return insn_done(v, rc);
}
static enum exit_action op_stpt(struct vcpu *v, const struct insn *in)
{
	uint64_t t = (uint64_t)v->arch.cpu_timer_at - arch_cycles();
	return insn_done(v, rw_u64(v, in, &t, false));
}

/* Version code 0xff: a CPU of a virtual machine, as under z/VM. */
static enum exit_action op_stidp(struct vcpu *v, const struct insn *in)
{
	uint64_t id;
	asm volatile("stidp %0" : "=Q"(id));
	id = (id & 0x00ffffffffffffffULL) | 0xff00000000000000ULL;
	return insn_done(v, rw_u64(v, in, &id, false));
}

static enum exit_action op_stap(struct vcpu *v, const struct insn *in)
{
	uint64_t a = ea(v, in->b2, in->d2);
	uint16_t cpu = v->id;
	return insn_done(v, ALIGNED(a, 2) ? wr(v, a, &cpu, 2) : PGM_SPECIFICATION);
}

static enum exit_action op_stfl(struct vcpu *v, const struct insn *in)
{
	uint32_t w = (uint32_t)stfl_word();
	bool ok = guest_abs_write(v->vm, v->arch.prefix + LC_STFL_FAC_LIST, &w, 4);
	return insn_done(v, ok ? 0 : PGM_ADDRESSING);
}

#define STSI_R0_RESERVED 0x0fffff00ULL
#define STSI_R1_RESERVED 0xffff0000ULL

/* The host's own answer for function codes 1 and 2 (the machine, the LPAR). */
static int host_stsi(uint64_t r0, uint64_t r1, void *page)
{
	register uint64_t reg0 asm("0") = r0;
	register uint64_t reg1 asm("1") = r1;
	int cc;
	asm volatile("stsi 0(%3)\n\tipm %0\n\tsrl %0,28"
		     : "=d"(cc), "+d"(reg0), "+d"(reg1) : "a"(page) : "cc", "memory");
	return cc;
}

/* STSI: level 3 (a virtual machine); 1.x.x and 2.x.x passed through from the machine,
 * 3.2.2 describing this VM. */
static enum exit_action op_stsi(struct vcpu *v, const struct insn *in)
{
	static uint8_t page[SYSIB_SIZE] __attribute__((aligned(4096)));
	uint64_t *r0 = gpr(v, 0), r1 = *gpr(v, 1);
	unsigned fc = (*r0 >> 28) & 0xf, sel1 = *r0 & 0xff, sel2 = r1 & 0xffff;
	if ((*r0 & STSI_R0_RESERVED) || (r1 & STSI_R1_RESERVED))
		return insn_done(v, PGM_SPECIFICATION);
	if (fc == 0) {
		*r0 = (*r0 & ~0xf0000000ULL) | (3ULL << 28);
		set_cc(v, 0);
		return EXIT_RESUME;
	}
	uint64_t a = ea(v, in->b2, in->d2);
	if (!ALIGNED(a, 4096))
		return insn_done(v, PGM_SPECIFICATION);
	int cc;
	if (fc == 3 && sel1 == 2 && sel2 == 2) {
		sysib_322_build(page, v->vm->nr_vcpus, v->vm->arch.vm_name, "TESTVISOR");
		cc = 0;
	} else if (fc == 1 || fc == 2) {
		cc = host_stsi(*r0, r1, page);
	} else {
		cc = 3;
	}
	if (cc == 0 && !guest_write(v, a, page, sizeof(page)))
		return insn_done(v, PGM_ADDRESSING);
	set_cc(v, cc ? 3 : 0);
	return EXIT_RESUME;
}

/* ---- Prefix ---- */
#define PREFIX_MASK 0x7fffe000u
static enum exit_action op_spx(struct vcpu *v, const struct insn *in)
{
	uint64_t a = ea(v, in->b2, in->d2);
	uint32_t p;
	if (!ALIGNED(a, 4))
		return insn_done(v, PGM_SPECIFICATION);
	int rc = rd(v, a, &p, 4);
	if (rc)
		return insn_done(v, rc);
	p &= PREFIX_MASK;
	if ((uint64_t)p + 0x2000 > v->vm->ram_size)
		return insn_done(v, PGM_ADDRESSING);
	uint32_t old = v->arch.prefix;
	v->arch.prefix = p;
	dat_prefix_changed(v, old);
	return EXIT_RESUME;
}

static enum exit_action op_stpx(struct vcpu *v, const struct insn *in)
{
	uint64_t a = ea(v, in->b2, in->d2);
	return insn_done(v, ALIGNED(a, 4) ? wr(v, a, &v->arch.prefix, 4) : PGM_SPECIFICATION);
}

/* ---- Storage keys: guests run with key 0 ---- */
static enum exit_action op_nop(struct vcpu *v, const struct insn *in) { return EXIT_RESUME; }
static enum exit_action op_iske(struct vcpu *v, const struct insn *in)
{
	*gpr(v, in->r1) &= ~0xffULL;
	return EXIT_RESUME;
}
static enum exit_action op_rrbe(struct vcpu *v, const struct insn *in)
{
	set_cc(v, 0);
	return EXIT_RESUME;
}

/* ---- SIGP ---- */
/* One order to target `t`; returns the condition code, *st the status for cc 1. */
static unsigned sigp_order(struct vcpu *v, struct vcpu *t, uint8_t order, uint64_t param,
			   uint32_t *st)
{
	bool stopped = t->state == VCPU_OFF;
	switch (order) {
	case SIGP_SENSE:
		*st = stopped ? SIGP_STATUS_STOPPED : 0;
		return stopped ? 1 : 0;
	case SIGP_SENSE_RUNNING:
		*st = SIGP_STATUS_NOT_RUNNING;
		return t->state == VCPU_RUNNABLE ? 0 : 1;
	case SIGP_EMERGENCY_SIGNAL:
		t->arch.irq.emergency = true;
		t->arch.irq.emergency_cpu = (uint16_t)v->id;
		return 0;
	case SIGP_EXTERNAL_CALL:
		t->arch.irq.external_call = true;
		return 0;
	case SIGP_START:
		if (stopped)
			t->state = VCPU_RUNNABLE;
		return 0;
	case SIGP_STOP:
		t->state = VCPU_OFF;
		return 0;
	case SIGP_RESTART:
		/* On the issuing CPU the restart follows the SIGP's completion (op_sigp). */
		if (t != v)
			irq_restart(t);
		t->state = VCPU_RUNNABLE;
		return 0;
	case SIGP_INITIAL_CPU_RESET:
	case SIGP_CPU_RESET:
		if (t == v) {
			*st = SIGP_STATUS_INCORRECT_STATE;
			return 1;
		}
		vcpu_reset(t);
		t->state = VCPU_OFF;
		return 0;
	case SIGP_SET_PREFIX: {
		uint32_t p = (uint32_t)param & 0x7fffe000u;
		if (!stopped) {
			*st = SIGP_STATUS_INCORRECT_STATE;
			return 1;
		}
		if ((uint64_t)p + 0x2000 > v->vm->ram_size) {
			*st = SIGP_STATUS_INVALID_PARAMETER;
			return 1;
		}
		uint32_t old = t->arch.prefix;
		t->arch.prefix = p;
		dat_prefix_changed(t, old);
		return 0;
	}
	}
	*st = SIGP_STATUS_INVALID_ORDER;
	return 1;
}

/* Orders after which the core must look: a vCPU's run state may have changed. */
static const uint8_t sigp_run_state_orders[] = {
	SIGP_START, SIGP_STOP, SIGP_RESTART, SIGP_INITIAL_CPU_RESET, SIGP_CPU_RESET,
};

static enum exit_action sigp_next(uint8_t order)
{
	for (size_t i = 0; i < sizeof(sigp_run_state_orders); i++)
		if (sigp_run_state_orders[i] == order)
			return EXIT_TO_CORE;
	return EXIT_RESUME;
}

static enum exit_action op_sigp(struct vcpu *v, const struct insn *in)
{
	struct vm *vm = v->vm;
	uint8_t order = ea(v, in->b2, in->d2) & 0xff;
	uint64_t cpu = *gpr(v, in->r3) & 0xffff;
	uint64_t *status = gpr(v, in->r1);
	if (cpu >= vm->nr_vcpus) {
		set_cc(v, 3);
		return EXIT_RESUME;
	}
	uint32_t st = 0;
	struct vcpu *target = &vm->vcpus[cpu];
	unsigned cc = sigp_order(v, target, order, *gpr(v, in->r1 | 1), &st);
	if (cc == 1)
		*status = (*status & 0xffffffff00000000ULL) | st;
	set_cc(v, cc);
	/* A restart of the issuing CPU: the old PSW is the one after the SIGP, cc 0. */
	if (order == SIGP_RESTART && target == v && cc == 0)
		irq_restart(v);
	return sigp_next(order);
}

/* ---- DIAGNOSE ---- */
/* The channel-path event each control function asks for (tv_diag.h). */
static const struct { uint64_t fn; enum chp_event_kind kind; } diag_chp_events[] = {
	{ TV_CTL_VARY_OFF, CHP_VARY_OFF }, { TV_CTL_VARY_ON, CHP_VARY_ON },
	{ TV_CTL_CHP_OFFLINE, CHP_OFFLINE }, { TV_CTL_CHP_ONLINE, CHP_ONLINE },
};

static int diag_control(struct vcpu *v, const struct insn *in)
{
	uint64_t fn = *gpr(v, in->r1), *arg = gpr(v, in->r3);
	for (size_t i = 0; i < sizeof(diag_chp_events) / sizeof(diag_chp_events[0]); i++) {
		if (diag_chp_events[i].fn == fn) {
			bool ok = css_chp_event(&v->vm->arch.css, *arg & 0xff, diag_chp_events[i].kind);
			*arg = ok ? 0 : -1ULL;
			return 0;
		}
	}
	switch (fn) {
	case TV_CTL_PROBE:
		*arg = TV_PROBE_MAGIC;
		return 0;
	}
	return PGM_SPECIFICATION;
}

static enum exit_action op_diag(struct vcpu *v, const struct insn *in)
{
	switch (ea(v, in->b2, in->d2) & 0xffff) {
	case 0x44: /* voluntary time-slice end: the core runs the others */
	case 0x9c: /* directed yield */
		return EXIT_TO_CORE;
	case TV_DIAG_CONTROL:
		return insn_done(v, diag_control(v, in));
	}
	return insn_done(v, PGM_SPECIFICATION);
}

/* ---- SCLP ---- */
static enum exit_action op_servc(struct vcpu *v, const struct insn *in)
{
	uint32_t cmd = (uint32_t)*gpr(v, in->r1);
	uint64_t sccb = *gpr(v, in->r2);
	/* In QEMU's order: outside memory first, then placement and alignment. */
	if (sccb >= v->vm->ram_size || v->vm->ram_size - sccb < 8)
		return insn_done(v, PGM_ADDRESSING);
	if ((sccb & ~0x1fffULL) == 0 || (sccb & ~0x7ffffff8ULL) != 0 ||
	    (sccb & ~0x1fffULL) == v->arch.prefix)
		return insn_done(v, PGM_SPECIFICATION);
	sclp_guest_call(v, cmd, sccb);
	set_cc(v, 0);
	return EXIT_RESUME;
}

enum exit_action op_not_emulated(struct vcpu *v, const struct insn *in)
{
	vm_fail(v->vm, "privileged instruction %s at %016lx is not emulated", in->desc->name,
		(unsigned long)(v->arch.psw_addr - in->len));
	return EXIT_TO_CORE;
}

static const insn_handler handlers[INSN_COUNT] = {
	[INSN_SSM] = op_ssm, [INSN_LPSW] = op_lpsw, [INSN_DIAG] = op_diag,
	[INSN_STNSM] = op_stnsm, [INSN_STOSM] = op_stosm, [INSN_SIGP] = op_sigp,
	[INSN_LCTL] = op_lctl, [INSN_STCTL] = op_stctl, [INSN_LCTLG] = op_lctlg,
	[INSN_STCTG] = op_stctg, [INSN_STIDP] = op_stidp, [INSN_SCK] = op_sck,
	[INSN_SCKC] = op_sckc, [INSN_STCKC] = op_stckc, [INSN_SPT] = op_spt,
	[INSN_STPT] = op_stpt, [INSN_SPX] = op_spx, [INSN_STPX] = op_stpx,
	[INSN_STAP] = op_stap, [INSN_PTLB] = op_ptlb, [INSN_SERVC] = op_servc,
	[INSN_IPTE] = op_ipte, [INSN_ISKE] = op_iske, [INSN_RRBE] = op_rrbe,
	[INSN_SSKE] = op_nop, [INSN_IVSK] = op_iske, [INSN_CSCH] = op_csch,
	[INSN_HSCH] = op_hsch, [INSN_MSCH] = op_msch, [INSN_SSCH] = op_ssch,
	[INSN_STSCH] = op_stsch, [INSN_TSCH] = op_tsch, [INSN_TPI] = op_tpi,
	[INSN_SAL] = op_nop, [INSN_RSCH] = op_rsch, [INSN_STCRW] = op_stcrw,
	[INSN_STCPS] = op_not_emulated, [INSN_RCHP] = op_rchp, [INSN_SCHM] = op_nop,
	[INSN_CHSC] = op_chsc, [INSN_XSCH] = op_xsch, [INSN_STFL] = op_stfl,
	[INSN_LPSWE] = op_lpswe, [INSN_STSI] = op_stsi, [INSN_PFMF] = op_not_emulated,
	[INSN_CSP] = op_csp, [INSN_CSPG] = op_cspg, [INSN_IDTE] = op_idte,
	[INSN_SAC] = op_sac, [INSN_SACF] = op_sac,
	[INSN_STURA] = op_store_real, [INSN_STURG] = op_store_real, /* debug_per.c */
};

enum exit_action emulate_insn(struct vcpu *v, const uint8_t bytes[6], unsigned ilc)
{
	struct arch_vcpu *a = &v->arch;
	struct insn in;
	if (!insn_decode(bytes, 6, &in)) {
		vm_fail(v->vm, "privileged instruction %02x%02x%02x%02x at %016lx is not emulated",
			bytes[0], bytes[1], bytes[2], bytes[3], (unsigned long)(a->psw_addr - ilc));
		return EXIT_TO_CORE;
	}
	v->last_exit = in.desc->name;
	if (a->psw_mask & PSW_MASK_PSTATE) {
		/* The guest itself is in problem state: the instruction is privileged for it too. */
		irq_program(v, PGM_PRIVILEGED_OP, ilc);
		return EXIT_RESUME;
	}
	a->emulated++;
	a->insn_pgm = 0;
	enum exit_action next = handlers[in.desc->id](v, &in);
	if (a->insn_pgm) {
		if (dat_exception_nullifies(a->insn_pgm))
			a->psw_addr -= ilc;  /* the guest's DAT refused an operand */
		irq_program(v, a->insn_pgm, ilc);
	}
	return next;
}

static bool __attribute__((noinline)) fetch_slow(struct vcpu *v, uint64_t at, uint8_t bytes[6])
{
	memset(bytes, 0, 6);
	return guest_read(v, at, bytes, 2) &&
	       (insn_length(bytes[0]) == 2 || guest_read(v, at + 2, bytes + 2, insn_length(bytes[0]) - 2));
}

/* The instruction at `at` (logical when the guest's DAT is on; the machine fetched it
 * through the shadow, so the guest's tables translate it): one copy when it lies in one
 * page. */
static inline bool fetch(struct vcpu *v, uint64_t at, uint8_t bytes[6])
{
	if (v->arch.psw_mask & PSW_MASK_DAT) {
		memset(bytes, 0, 6);
		return !dat_copy(v, at, bytes, 2, ACCESS_INSN) &&
		       (insn_length(bytes[0]) == 2 ||
			!dat_copy(v, at + 2, bytes + 2, insn_length(bytes[0]) - 2, ACCESS_INSN));
	}
	const uint8_t *fast = guest_real_ptr(v, at, 6);
	if (fast) {
		__builtin_memcpy(bytes, fast, 6);
		return true;
	}
	return fetch_slow(v, at, bytes);
}

#define OP_EX 0x44
#define OP_EXRL_HI 0xc6
#define OP_EXRL_LO 0x00

/* EXECUTE / EXECUTE RELATIVE LONG of a privileged instruction: the target, with bits
 * 8-15 ORed with r1's low byte, runs as if in place of the EXECUTE (whose ILC any
 * exception reports; the PSW already points past the EXECUTE). */
static bool execute_target(struct vcpu *v, const uint8_t ex[6], uint64_t at, uint8_t out[6])
{
	unsigned r1 = ex[1] >> 4;
	uint64_t target;
	if (ex[0] == OP_EX) {
		unsigned x2 = ex[1] & 0xf, b2 = ex[2] >> 4;
		uint64_t d2 = ((ex[2] & 0xf) << 8) | ex[3];
		target = wrap_addr(v, (x2 ? *gpr(v, x2) : 0) + (b2 ? *gpr(v, b2) : 0) + d2);
	} else {
		int32_t ri2 = (int32_t)((uint32_t)ex[2] << 24 | (uint32_t)ex[3] << 16 | (uint32_t)ex[4] << 8 | ex[5]);
		target = wrap_addr(v, at + 2 * (int64_t)ri2);
	}
	if (!fetch(v, target, out))
		return false;
	if (r1)
		out[1] |= (uint8_t)*gpr(v, r1);
	return true;
}

enum exit_action emulate_privileged(struct vcpu *v, unsigned ilc)
{
	uint64_t at = wrap_addr(v, v->arch.psw_addr - ilc);
	uint8_t bytes[6];
	if (!fetch(v, at, bytes)) {
		vm_fail(v->vm, "cannot read the privileged instruction at %016lx", (unsigned long)at);
		return EXIT_TO_CORE;
	}
	if (bytes[0] == OP_EX || (bytes[0] == OP_EXRL_HI && (bytes[1] & 0xf) == OP_EXRL_LO)) {
		uint8_t target[6];
		if (!execute_target(v, bytes, at, target)) {
			vm_fail(v->vm, "cannot read the target of the EXECUTE at %016lx", (unsigned long)at);
			return EXIT_TO_CORE;
		}
		return emulate_insn(v, target, ilc);
	}
	return emulate_insn(v, bytes, ilc);
}
