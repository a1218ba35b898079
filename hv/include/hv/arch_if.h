/* The one interface between the architecture-neutral core (hv/) and an architecture
 * (arch/<arch>/). The core calls only the functions declared here; an architecture calls
 * back into the core only through hv/include/hv/hv.h. Each architecture also provides
 * <arch_types.h> (struct arch_vm, struct arch_vcpu, struct arch_exit_info) from
 * arch/<arch>/include/, and the host unit tests provide a fake one. */
#ifndef HV_ARCH_IF_H
#define HV_ARCH_IF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>
#include <hv/addr.h>

struct vm;
struct vcpu;

/* What an exit handler tells its architecture's run loop, the same on all four
 * architectures: re-enter the guest at once, or return from arch_vcpu_run() so the core
 * can look (VM state changed, vCPU stopped or blocked, preemption tick). */
enum exit_action {
	EXIT_RESUME,
	EXIT_TO_CORE,
};

/* A guest-spec key an architecture reads. The core refuses a spec naming a key that is
 * neither its own nor in arch_config_keys, listing the valid ones. */
struct config_key {
	const char *name;
	const char *meaning; /* one line, for the error listing and docs */
};
extern const struct config_key arch_config_keys[];
extern const unsigned arch_config_key_count;

/* ---- The machine testvisor itself runs on ---- */

/* Writes one character to testvisor's own console. */
void arch_console_putc(char c);

/* Ends the whole machine with `status` (0 = every guest passed). Under QEMU the status
 * becomes QEMU's exit status as far as the platform allows (see docs/ARCHITECTURE.md). */
noreturn void arch_machine_exit(int status);

/* A free-running cycle or time counter, and its frequency in Hz (0 if unknown). */
uint64_t arch_cycles(void);
uint64_t arch_cycles_hz(void);

/* Architecture items of the built-in self-check; returns the number of failures after
 * printing one line per check through hv_check(). */
int arch_selfcheck(void);

/* ---- Virtualization ---- */

/* True when this CPU can run guests. Otherwise fills `why` with one line saying why not;
 * guest-mode tests then report SKIP with that reason. */
bool arch_virt_probe(char *why, size_t len);

/* Sets up per-VM state: the second-stage translation root, emulated platform devices
 * (through hv_vm_add_device), the VM's CPU view. Returns 0 or a negative error. */
int arch_vm_init(struct vm *vm);
void arch_vm_destroy(struct vm *vm);

/* Maps `len` bytes of host memory at `pa` to the guest at `ipa` in the second stage. */
int arch_vm_map(struct vm *vm, ipaddr_t ipa, paddr_t pa, size_t len, unsigned prot);
#define PROT_R 1u
#define PROT_W 2u
#define PROT_X 4u
#define PROT_RWX (PROT_R | PROT_W | PROT_X)

/* Builds the architecture's guest boot protocol (multiboot info, DTB, lowcore...) in guest
 * memory and prepares vCPU 0 to start at `entry`. Secondary vCPUs start stopped. */
int arch_vcpu_init(struct vcpu *vcpu, ipaddr_t entry);

/* Enters the guest and handles exits until the core must look: the VM changed state
 * (vm->state != VM_RUNNING), the vCPU stopped or blocked, or a preemption tick came (so
 * the core can enforce the time budget and schedule other vCPUs). */
void arch_vcpu_run(struct vcpu *vcpu);

/* Prints the vCPU's registers and its last exit reason (for a guest that failed). */
void arch_vcpu_dump(const struct vcpu *vcpu);

#endif
