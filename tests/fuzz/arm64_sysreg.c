/* Fuzz target: arm64 exit syndromes (arch/arm64/syndrome.c: data aborts and trapped
 * MSR/MRS/SYS), what a trapped system-register access means for a VM
 * (arch/arm64/sysreg_rules.c) and its dispatch on the vCPU (sysreg_trap.c), for a CPU view
 * built from a guest spec (cpu_view_build: ras=, hide=). The syndrome is the guest's
 * doing: any instruction it executes.
 * Input: ESR_EL2 (8 bytes), a loaded value, HPFAR_EL2, FAR_EL2 (8 each), then the spec text.
 * Checks beyond the sanitizers: a decoded access is 1/2/4/8 bytes into X0..X30/XZR; a load
 * into a 32-bit register fits 32 bits, and one without sign extension keeps exactly the
 * accessed bytes; every decision names its rule; an ID register read is in the ID space
 * and its index (if any) is inside the view; the dispatch changes no register but Xt
 * (and only for a read), and then either steps over the instruction, injects UNDEF or
 * stops the guest, as the decision says. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hv/config.h>
#include <arm64/cpu_view.h>
#include <arm64/fgt.h>
#include <arm64/syndrome.h>
#include <arm64/sysreg_rules.h>
#include <qemu_max_idregs.h>
#include <hv/vm.h>
#include <arm64.h> /* sysreg_trap, vcpu_inject_undef, vgic_send_sgi */
#include "fuzz_input.h"

/* What sysreg_trap calls in the rest of testvisor. */
static unsigned undefs, sgis, fails;
void vcpu_inject_undef(struct vcpu *vcpu) { undefs++; }
void vgic_send_sgi(struct vcpu *src, uint64_t v, bool group1_request) { sgis++; }
void vm_fail(struct vm *vm, const char *fmt, ...) { fails++; }

static void syndromes(uint64_t esr, uint64_t raw, uint64_t hpfar, uint64_t far)
{
	struct dabt_access a;
	if (dabt_decode(esr, &a)) {
		if ((a.size != 1 && a.size != 2 && a.size != 4 && a.size != 8) || a.reg > 31)
			abort();
		uint64_t v = dabt_load_value(&a, raw);
		uint64_t bytes = a.size == 8 ? raw : raw & ((1ull << (8 * a.size)) - 1);
		if (!a.sixty_four && v >> 32)
			abort();
		if (!a.sign_extend && v != (a.sixty_four ? bytes : (uint32_t)bytes))
			abort();
	}
	if ((dabt_ipa(hpfar, far) & 0xfff) != (far & 0xfff))
		abort();
	(void)sea_syndrome(esr & 1, esr & 2, esr & 4);
}

static void classify(const struct cpu_view *v, uint64_t esr)
{
	struct sysreg_access s;
	sysreg_decode(esr, &s);
	if (s.rt > 31 || s.enc >> 16)
		abort();
	struct sysreg_decision d = sysreg_classify(v, s.enc, s.read);
	if (!d.rule || d.outcome > SR_UNEXPECTED)
		abort();
	int idx = sysreg_id_index(s.enc);
	if (idx < -1 || idx >= ID_REG_COUNT)
		abort();
	if (d.outcome == SR_ID_READ && (!s.read || (s.enc >> 7) != SYS_ENC(3, 0, 0, 0, 0) >> 7))
		abort();
	/* The same access in the other direction is decided too (MSR vs MRS). */
	d = sysreg_classify(v, s.enc, !s.read);
	if (!d.rule)
		abort();
}

static void dispatch(const struct cpu_view *view, uint64_t esr, uint64_t fill)
{
	static struct vm vm;
	struct vcpu *vcpu = &vm.vcpus[0];
	vm.nr_vcpus = 1;
	vcpu->vm = &vm;
	vm.arch.view = *view;
	for (unsigned r = 0; r < 31; r++)
		vcpu->arch.regs.x[r] = fill + r;
	vcpu->arch.regs.pc = 0x40001000;
	struct arm64_guest_regs before = vcpu->arch.regs;
	struct sysreg_access a;
	sysreg_decode(esr, &a);
	enum sysreg_outcome o = sysreg_classify(view, a.enc, a.read).outcome;
	undefs = sgis = fails = 0;
	enum exit_action act = sysreg_trap(vcpu, esr & 0x1ffffff);
	for (unsigned r = 0; r < 31; r++)
		if (vcpu->arch.regs.x[r] != before.x[r] && (r != a.rt || !a.read))
			abort();
	bool stepped = vcpu->arch.regs.pc == before.pc + 4;
	switch (o) {
	case SR_UNDEF: if (act != EXIT_RESUME || undefs != 1 || stepped) abort(); break;
	case SR_UNEXPECTED: if (act != EXIT_TO_CORE || fails != 1 || stepped) abort(); break;
	case SR_SGI0:
	case SR_SGI1: if (act != EXIT_RESUME || sgis != 1 || !stepped) abort(); break;
	default: if (act != EXIT_RESUME || !stepped || undefs || fails) abort(); break;
	}
	if (o == SR_RAZWI && a.read && a.rt < 31 && vcpu->arch.regs.x[a.rt] != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 32)
		return 0;
	uint64_t esr = fuzz_u64(data), raw = fuzz_u64(data + 8), hpfar = fuzz_u64(data + 16), far = fuzz_u64(data + 24);
	syndromes(esr, raw, hpfar, far);
	char *spec = malloc(size - 32 + 1);
	memcpy(spec, data + 32, size - 32);
	spec[size - 32] = '\0';
	/* Building a view compiles the FGT tables (milliseconds): the last few are kept. */
	static struct { bool used, ok; char spec[64]; struct cpu_view v; } cache[8];
	static unsigned next;
	bool cacheable = strlen(spec) < sizeof(cache[0].spec);
	unsigned c = 0;
	while (c < 8 && !(cacheable && cache[c].used && !strcmp(cache[c].spec, spec)))
		c++;
	if (c == 8) {
		struct vm_config cfg;
		struct cpu_traps t;
		char err[200];
		c = next++ % 8;
		cache[c].used = cacheable;
		snprintf(cache[c].spec, sizeof(cache[c].spec), "%s", spec);
		cache[c].ok = vm_config_parse(&cfg, spec, err, sizeof(err)) == 0 &&
			      cpu_view_build(qemu_max, &cfg, &cache[c].v, &t, err, sizeof(err)) == 0;
	}
	const struct cpu_view *vp = &cache[c].v;
	if (cache[c].ok) {
		const struct cpu_view v = *vp;
		if (v.ras > RAS_V1P1)
			abort();
		classify(&v, esr);
		dispatch(&v, esr, raw);
	}
	free(spec);
	return 0;
}
