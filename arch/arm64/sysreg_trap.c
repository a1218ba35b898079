/* Trapped MSR/MRS/SYS accesses (ESR_EL2.EC 0x18): sysreg_rules.c decides what the access
 * means for this VM; this file carries it out on the vCPU. A trap no rule explains stops
 * the guest with the register's encoding: a table row changed on purpose shows up so. */
#include <stdio.h>
#include <hv/vm.h>
#include <arm64/fgt.h>
#include <arm64/syndrome.h>
#include <arm64/sysreg_rules.h>
#include "arm64.h"

static uint64_t *reg_of(struct vcpu *vcpu, unsigned rt)
{
	static uint64_t xzr;
	xzr = 0;
	return rt == 31 ? &xzr : &vcpu->arch.regs.x[rt];
}

static void print_enc(char *buf, size_t len, uint32_t enc)
{
	snprintf(buf, len, "S%u_%u_C%u_C%u_%u", enc >> 14, (enc >> 11) & 7, (enc >> 7) & 15,
		 (enc >> 3) & 15, enc & 7);
}

enum exit_action sysreg_trap(struct vcpu *vcpu, uint64_t iss)
{
	struct sysreg_access a;
	sysreg_decode(iss, &a);
	struct vm *vm = vcpu->vm;
	struct sysreg_decision d = sysreg_classify(&vm->arch.view, a.enc, a.read);
	switch (d.outcome) {
	case SR_ID_READ: {
		int idx = sysreg_id_index(a.enc);
		*reg_of(vcpu, a.rt) = idx >= 0 ? vm->arch.view.id[idx] : 0;
		break;
	}
	case SR_SGI1:
	case SR_SGI0:
		vgic_send_sgi(vcpu, *reg_of(vcpu, a.rt), d.outcome == SR_SGI1);
		break;
	case SR_RAZWI:
		if (a.read)
			*reg_of(vcpu, a.rt) = 0;
		break;
	case SR_UNDEF:
		vcpu_inject_undef(vcpu);
		return EXIT_RESUME;
	case SR_UNEXPECTED: {
		char name[32];
		print_enc(name, sizeof(name), a.enc);
		vm_fail(vm, "unexpected trapped %s of system register %s (%s) at pc %#lx",
			a.read ? "read" : "write", name, d.rule, (unsigned long)vcpu->arch.regs.pc);
		return EXIT_TO_CORE;
	}
	}
	vcpu->arch.regs.pc += 4;
	return EXIT_RESUME;
}
