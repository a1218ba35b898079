/* The two ways testvisor runs an s390x guest, behind one interface: problem state with
 * every privileged instruction emulated (backend_pstate.c: what QEMU TCG allows), and
 * interpretive execution with SIE where the facility exists (backend_sie.c). The common
 * run loop (vcpu.c) delivers interruptions and handles wait states; a backend enters the
 * guest once and handles the exit that ends that entry. */
#ifndef S390_BACKEND_H
#define S390_BACKEND_H

#include <stdbool.h>
#include <hv/arch_if.h>
#include <hv/vm.h>

struct guest_backend {
	const char *name;
	/* Optional per-VM set-up and tear-down. */
	int (*vm_init)(struct vm *vm);
	void (*vm_destroy)(struct vm *vm);
	/* Called when a time slice of this vCPU begins (address space, ...). */
	void (*slice_start)(struct vcpu *vcpu);
	/* Runs the guest until its next exit and handles it; EXIT_TO_CORE when the exit
	 * ended the time slice or changed the VM or a vCPU, so the core must look. */
	enum exit_action (*enter)(struct vcpu *vcpu);
};

extern const struct guest_backend backend_problem_state;
extern const struct guest_backend backend_sie;

/* The backend this machine uses: SIE when the facility is there, else problem state. */
const struct guest_backend *s390_backend(void);

#endif
