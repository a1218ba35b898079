/* Architected interruption delivery into a guest without SIE: store the guest's current
 * PSW as the old PSW and the interruption code in its lowcore (through its prefix), then
 * make the new PSW from its lowcore current. Pending external, I/O and machine-check
 * interruptions are presented in the architected priority order when enabled. */
#include <hv/arch_if.h>
#include <hv/vm.h>
#include <s390_arch.h>
#include <string.h>
#include "s390_vcpu.h"
#include "sie.h"

/* testvisor runs big endian, as the guest's lowcore is: plain copies. */
static void put_be16(uint8_t *p, uint16_t v) { __builtin_memcpy(p, &v, 2); }
static void put_be32(uint8_t *p, uint32_t v) { __builtin_memcpy(p, &v, 4); }
static void put_be64(uint8_t *p, uint64_t v) { __builtin_memcpy(p, &v, 8); }
static uint64_t get_be64(const uint8_t *p)
{
	uint64_t v;
	__builtin_memcpy(&v, p, 8);
	return v;
}

/* One interruption class: where its old and new PSWs live. */
struct irq_class {
	const char *name;
	unsigned old_psw, new_psw;
};

static const struct irq_class class_pgm = { "program", LC_PGM_OLD_PSW, LC_PGM_NEW_PSW };
static const struct irq_class class_svc = { "supervisor call", LC_SVC_OLD_PSW, LC_SVC_NEW_PSW };
static const struct irq_class class_ext = { "external", LC_EXT_OLD_PSW, LC_EXT_NEW_PSW };
static const struct irq_class class_io = { "I/O", LC_IO_OLD_PSW, LC_IO_NEW_PSW };
static const struct irq_class class_restart = { "restart", LC_RESTART_OLD_PSW, LC_RESTART_NEW_PSW };
static const struct irq_class class_mcck = { "machine check", LC_MCCK_OLD_PSW, LC_MCCK_NEW_PSW };

static void lc_write(struct vcpu *vcpu, unsigned off, const void *p, size_t n)
{
	memcpy(guest_lowcore(vcpu) + off, p, n);
}

static void swap_psw(struct vcpu *vcpu, const struct irq_class *c)
{
	struct arch_vcpu *a = &vcpu->arch;
	uint8_t *lc = guest_lowcore(vcpu);
	put_be64(lc + c->old_psw, a->psw_mask);
	put_be64(lc + c->old_psw + 8, a->psw_addr);
	uint64_t mask = get_be64(lc + c->new_psw), addr = get_be64(lc + c->new_psw + 8);
	/* A guest that never set this new PSW would loop on interruptions forever
	 * (an assumption: stop_interruption_loops=0 loads the zero PSW as hardware does). */
	if (!mask && !addr && vcpu->vm->arch.stop_loops) {
		vm_fail(vcpu->vm, "%s interruption with no %s new PSW set (old PSW %016lx %016lx)",
			c->name, c->name, (unsigned long)a->psw_mask,
			(unsigned long)a->psw_addr);
		return;
	}
	a->psw_mask = mask;
	a->psw_addr = addr;
}

/* Consecutive program interruptions raised by the first instruction of the guest's own
 * program-interruption handler mean it can never make progress (a program-interruption
 * loop, which hardware would spin in forever): stop the guest with the reason. */
#define PGM_LOOP_LIMIT 16

static bool program_loop(struct vcpu *vcpu, uint16_t code)
{
	struct arch_vcpu *a = &vcpu->arch;
	if (!vcpu->vm->arch.stop_loops)
		return false;
	uint64_t handler = get_be64(guest_lowcore(vcpu) + LC_PGM_NEW_PSW + 8);
	if (a->psw_addr - handler > 6) {
		a->pgm_loop = 0;
		return false;
	}
	if (++a->pgm_loop < PGM_LOOP_LIMIT)
		return false;
	vm_fail(vcpu->vm, "program-interruption loop: code 0x%04x again and again at the program new PSW address %016lx",
		code, (unsigned long)handler);
	return true;
}

void irq_program(struct vcpu *vcpu, uint16_t code, unsigned ilc)
{
	if (program_loop(vcpu, code))
		return;
	uint8_t b[4];
	put_be16(b, ilc);
	put_be16(b + 2, code);
	lc_write(vcpu, LC_PGM_ILC, b, 4);
	vcpu->arch.reflected++;
	swap_psw(vcpu, &class_pgm);
}

void irq_restart(struct vcpu *vcpu)
{
	swap_psw(vcpu, &class_restart);
}

void irq_svc(struct vcpu *vcpu, uint16_t code, unsigned ilc)
{
	uint8_t b[4];
	put_be16(b, ilc);
	put_be16(b + 2, code);
	lc_write(vcpu, LC_SVC_ILC, b, 4);
	swap_psw(vcpu, &class_svc);
}

void irq_external(struct vcpu *vcpu, uint16_t code, uint16_t cpu, uint32_t param)
{
	uint8_t b[8];
	put_be32(b, param);
	put_be16(b + 4, cpu);
	put_be16(b + 6, code);
	lc_write(vcpu, LC_EXT_PARAMS, b, 8);
	swap_psw(vcpu, &class_ext);
}

static uint8_t isc_mask(const struct arch_vcpu *a)
{
	return (uint8_t)(a->cr[6] >> 24);
}

/* Pending external interruption sources in priority order, each with its CR0 subclass. */
struct ext_source {
	uint64_t cr0_bit;
	uint16_t code;
	bool (*pending)(const struct vcpu *v);
	void (*take)(struct vcpu *v, uint16_t *cpu, uint32_t *param);
};

static bool ckc_pending(const struct vcpu *v)
{
	return v->arch.irq.clock_comp || arch_cycles() + v->arch.tod_epoch > v->arch.ckc;
}
static void ckc_take(struct vcpu *v, uint16_t *cpu, uint32_t *param) { v->arch.irq.clock_comp = false; }
static bool cpt_pending(const struct vcpu *v)
{
	return (int64_t)(arch_cycles() - (uint64_t)v->arch.cpu_timer_at) >= 0;
}
static void cpt_take(struct vcpu *v, uint16_t *cpu, uint32_t *param) { }
static bool emerg_pending(const struct vcpu *v) { return v->arch.irq.emergency; }
static void emerg_take(struct vcpu *v, uint16_t *cpu, uint32_t *param)
{
	v->arch.irq.emergency = false;
	*cpu = v->arch.irq.emergency_cpu;
}
static bool extcall_pending(const struct vcpu *v) { return v->arch.irq.external_call; }
static void extcall_take(struct vcpu *v, uint16_t *cpu, uint32_t *param)
{
	v->arch.irq.external_call = false;
	*cpu = 0;
}
static bool sclp_pending(const struct vcpu *v) { return v->arch.irq.service_signal; }
static void sclp_take(struct vcpu *v, uint16_t *cpu, uint32_t *param)
{
	v->arch.irq.service_signal = false;
	*param = v->arch.irq.service_param;
}

static const struct ext_source ext_sources[] = {
	{ CR0_EMERGENCY_SIGNAL, EXT_EMERGENCY_SIGNAL, emerg_pending, emerg_take },
	{ CR0_EXTERNAL_CALL, EXT_EXTERNAL_CALL, extcall_pending, extcall_take },
	{ CR0_CLOCK_COMP, EXT_CLOCK_COMP, ckc_pending, ckc_take },
	{ CR0_CPU_TIMER, EXT_CPU_TIMER, cpt_pending, cpt_take },
	{ CR0_SERVICE_SIGNAL, EXT_SERVICE_SIGNAL, sclp_pending, sclp_take },
};

static const struct ext_source *ext_ready(const struct vcpu *v)
{
	if (!(v->arch.psw_mask & PSW_MASK_EXT))
		return NULL;
	for (size_t i = 0; i < sizeof(ext_sources) / sizeof(ext_sources[0]); i++)
		if ((v->arch.cr[0] & ext_sources[i].cr0_bit) && ext_sources[i].pending(v))
			return &ext_sources[i];
	return NULL;
}

static bool mcck_ready(const struct vcpu *v)
{
	return (v->arch.psw_mask & PSW_MASK_MCHK) && (v->arch.cr[14] & CR14_CHANNEL_REPORT) &&
	       css_crw_pending(&v->vm->arch.css);
}

static bool io_ready(const struct vcpu *v)
{
	return (v->arch.psw_mask & PSW_MASK_IO) &&
	       css_io_interrupt_pending(&v->vm->arch.css, isc_mask(&v->arch));
}

void irq_held(const struct vcpu *v, struct sie_held *h)
{
	*h = (struct sie_held){ 0 };
	for (size_t i = 0; i < sizeof(ext_sources) / sizeof(ext_sources[0]); i++) {
		if (!ext_sources[i].pending(v))
			continue;
		if (v->arch.cr[0] & ext_sources[i].cr0_bit)
			h->ext_psw |= !(v->arch.psw_mask & PSW_MASK_EXT);
		else
			h->ext_cr0 = true;
	}
	if (css_io_interrupt_pending(&v->vm->arch.css, 0xff)) {
		if (css_io_interrupt_pending(&v->vm->arch.css, isc_mask(&v->arch)))
			h->io_psw |= !(v->arch.psw_mask & PSW_MASK_IO);
		else
			h->io_cr6 = true;
	}
}

bool irq_any_enabled_pending(const struct vcpu *vcpu)
{
	return mcck_ready(vcpu) || ext_ready(vcpu) || io_ready(vcpu);
}

bool irq_deliver_pending(struct vcpu *vcpu)
{
	if (mcck_ready(vcpu)) {
		/* The registers the code declares valid go to their save areas first. */
		struct arch_vcpu *a = &vcpu->arch;
		lc_write(vcpu, LC_GPR_SAVE_AREA, a->ctx.gprs, sizeof(a->ctx.gprs));
		lc_write(vcpu, LC_CR_SAVE_AREA, a->cr, sizeof(a->cr));
		uint8_t b[8];
		put_be64(b, MCIC_CHANNEL_REPORT | MCIC_VALID_PSW_WP | MCIC_VALID_PSW_MS |
			 MCIC_VALID_PSW_PM | MCIC_VALID_PSW_IA | MCIC_VALID_GPRS | MCIC_VALID_CRS);
		lc_write(vcpu, LC_MCCK_CODE, b, 8);
		swap_psw(vcpu, &class_mcck);
		return true;
	}
	const struct ext_source *src = ext_ready(vcpu);
	if (src) {
		uint16_t cpu = 0;
		uint32_t param = 0;
		src->take(vcpu, &cpu, &param);
		irq_external(vcpu, src->code, cpu, param);
		return true;
	}
	uint32_t sid, parm, word;
	if ((vcpu->arch.psw_mask & PSW_MASK_IO) &&
	    css_take_io_interrupt(&vcpu->vm->arch.css, isc_mask(&vcpu->arch), &sid, &parm, &word)) {
		uint8_t b[12];
		put_be32(b, sid);
		put_be32(b + 4, parm);
		put_be32(b + 8, word);
		lc_write(vcpu, LC_SUBCHANNEL_ID, b, 12);
		swap_psw(vcpu, &class_io);
		return true;
	}
	return false;
}
