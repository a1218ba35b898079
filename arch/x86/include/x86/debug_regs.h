/* The guest's debug registers under SVM: where each one lives while the guest runs
 * (docs/debug.md). VMRUN/#VMEXIT switch DR6 and DR7 through the VMCB save area
 * (AMD APM vol. 2, 15.5.1 "Basic Operation" and appendix B, VMCB layout); DR0-DR3 are
 * not in the VMCB, so testvisor switches them around VMRUN itself. */
#ifndef X86_DEBUG_REGS_H
#define X86_DEBUG_REGS_H

#include <stddef.h>
#include <stdint.h>

#define X86_DR_COUNT 4              /* DR0-DR3 */
#define X86_DR6_RESET 0xffff0ff0ull /* APM 13.1.1.3, SDM 18.2.3: reserved bits read 1 */
#define X86_DR7_RESET 0x400ull      /* APM 13.1.1.4, SDM 18.2.4: bit 10 reads 1 */

enum x86_dr_home {
	X86_DR_IN_VMCB,   /* VMRUN loads it, #VMEXIT saves it */
	X86_DR_SWITCHED,  /* testvisor loads it before VMRUN and saves it after #VMEXIT */
};

struct x86_debug_reg {
	const char *name;
	unsigned number;       /* n of MOV DRn */
	enum x86_dr_home home;
	size_t vmcb_offset;    /* offset in the whole VMCB (X86_DR_IN_VMCB only) */
	uint64_t reset;        /* value at guest start (power-on value) */
};

extern const struct x86_debug_reg x86_debug_regs[];
extern const unsigned x86_debug_reg_count;

/* A vCPU's switched debug registers (DR0-DR3). */
struct x86_guest_drs {
	uint64_t dr[X86_DR_COUNT];
};

struct vcpu;
/* Reset values into the VMCB and the switched registers (arch_vcpu_init). */
void svm_debug_init(struct vcpu *vcpu);
/* Around VMRUN: the guest's DR0-DR3 in, then the guest's out and the host's zeros back. */
void svm_debug_enter(struct vcpu *vcpu);
void svm_debug_leave(struct vcpu *vcpu);

#endif
