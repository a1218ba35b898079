/* VMs and vCPUs: the architecture-neutral part. The architecture's own state lives in
 * struct arch_vm / struct arch_vcpu from <arch_types.h>. */
#ifndef HV_VM_H
#define HV_VM_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <hv/addr.h>
#include <hv/config.h>
#include <hv/dev.h>
#include <hv/results.h>
#include <hv/trace_log.h>
#include <arch_types.h>

#define VM_MAX_VCPUS 4
#define VM_MAX_DEVICES 12 /* x86 has 8 (arch/x86/svm/vm.c pc_devices) */

enum vm_state {
	VM_CREATED,
	VM_RUNNING,
	VM_EXITED, /* the guest ended itself (exit device, SYSTEM_OFF, SRST...) */
	VM_FAILED, /* testvisor stopped it: fault, bad hypercall, time budget... */
};

enum vcpu_state {
	VCPU_OFF,      /* not started (secondary before CPU_ON / HSM start) or stopped */
	VCPU_RUNNABLE,
	VCPU_WAITING,  /* WFI/HLT: runnable again on an interrupt */
};

struct vcpu {
	struct vm *vm;
	unsigned id;
	enum vcpu_state state;
	uint64_t exits;           /* number of guest exits handled */
	const char *last_exit;    /* human-readable name of the last exit, for reports */
	struct trace_log trace;   /* trace= (hv/trace_log.h), fed by the architecture */
	struct arch_vcpu arch;
};

/* Default console_line_max: far beyond any line a payload prints (the result parser keeps
 * RESULTS_LINE_MAX bytes of a line), small enough to stop a flood in well under a second
 * of exits. */
#define VM_CONSOLE_LINE_MAX_DEFAULT (64u * 1024)

struct vm {
	unsigned id;
	struct vm_config cfg;
	enum vm_state state;
	int exit_status;          /* valid in VM_EXITED */
	bool exit_status_carried; /* it came from an exit device carrying a status */
	char fail_reason[160];    /* valid in VM_FAILED */

	ipaddr_t ram_ipa;         /* guest RAM: one contiguous range */
	paddr_t ram_pa;
	size_t ram_size;
	/* Guest-physical range the architecture keeps for boot data (multiboot info, DTB,
	 * ...); set by arch_vm_init. A guest image that would load over it is refused. */
	ipaddr_t boot_data_ipa;
	size_t boot_data_size;
	ipaddr_t image_lowest, image_highest; /* where the guest image was loaded */
	/* The image as given (testvisor's memory) and the loader's name for its format, for
	 * an architecture whose hand-over depends on it (x86: a bzImage's setup header). */
	const void *image;
	size_t image_size;
	const char *image_format;
	/* The guest's initrd (spec key initrd=<boot module name>): its bytes in testvisor's
	 * memory, for arch_vcpu_init to place as the machine's -initrd would; NULL if none. */
	const void *initrd;
	size_t initrd_size;
	ipaddr_t initrd_ipa;      /* where it was placed (machines with ARCH_INITRD_CAP) */

	struct device devices[VM_MAX_DEVICES];
	/* Drives an interrupt line of the machine's interrupt controller for a device
	 * (device_desc.irq); NULL where devices have no interrupts (arch_vm_init sets it). */
	void (*irq_line)(struct vm *vm, unsigned irq, bool level);
	/* Nanoseconds since 1970 by the machine's clock, for RTC models; NULL: none (they
	 * count from 0). */
	uint64_t (*wallclock_ns)(void);
	unsigned nr_devices;

	struct vcpu vcpus[VM_MAX_VCPUS];
	unsigned nr_vcpus;

	uint64_t deadline;        /* arch_cycles() value past which the guest is stopped */
	/* Console bytes since the last newline, and how many testvisor takes before it stops
	 * the guest (config key console_line_max; 0: no limit). */
	uint64_t console_unbroken, console_line_max;
	struct guest_results results;
	struct arch_vm arch;
};

/* Creates a VM with its RAM, second stage and devices (state VM_CREATED); on failure
 * returns -1 with a message in `err`. vm_destroy releases everything. */
int vm_create(struct vm *vm, unsigned id, const struct vm_config *cfg, char *err, size_t errlen);
void vm_destroy(struct vm *vm);

/* Guest memory: translate and copy. Ranges outside the guest's RAM fail (return false). */
bool vm_ipa_to_pa(const struct vm *vm, ipaddr_t ipa, size_t len, paddr_t *pa);
bool vm_read(const struct vm *vm, ipaddr_t ipa, void *dst, size_t len);
bool vm_write(struct vm *vm, ipaddr_t ipa, const void *src, size_t len);
/* A wall clock in nanoseconds: `base_ns` at boot plus `ticks` of a `hz` counter since. */
static inline uint64_t wallclock_ns_from(uint64_t base_ns, uint64_t ticks, uint64_t hz)
{
	if (!hz)
		return base_ns;
	return base_ns + ticks / hz * 1000000000u + ticks % hz * 1000000000u / hz;
}
/* Parses the spec's break= into `b`; false (the reason printed) for a bad value
 * (hv/break_configure.c). */
struct break_config;
bool vm_break_configure(struct vm *vm, struct break_config *b);

/* Device emulation dispatch: finds the VM's device covering the address and lets it
 * handle the access. Returns false when no device claims it (the caller then treats it as
 * a guest fault). */
bool vm_mmio_access(struct vcpu *vcpu, ipaddr_t addr, unsigned size, bool write, uint64_t *val);
bool vm_pio_access(struct vcpu *vcpu, uint16_t port, unsigned size, bool write, uint64_t *val);
/* Adds a device; -1 when the table is full, the range is empty or overlaps another
 * device's in the same space. */
int vm_add_device(struct vm *vm, const struct device_desc *desc);

/* Guest console output (from an emulated UART, SBI DBCN, SCLP...): captured per guest,
 * shown prefixed with the guest's name and parsed for results. */
void vm_console_putc(struct vm *vm, char c);
void vm_console_flush(struct vm *vm);

/* The guest ended itself through a path that carries no status of its own (PSCI
 * SYSTEM_OFF, SBI SRST, a disabled wait): its EXIT line is its result; `status` is only
 * shown. */
void vm_guest_exit(struct vm *vm, int status);
/* The guest ended itself through an exit device carrying `status` (isa-debug-exit, virt
 * test finisher): judged as QEMU's exit code would be (docs/ARCHITECTURE.md). */
void vm_guest_exit_with_status(struct vm *vm, int status);

/* testvisor stops the guest; the reason is reported with the vCPU's registers. */
void vm_fail(struct vm *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Whether the VM is still running; arch_vcpu_run loops check it after each exit. */
static inline bool vm_running(const struct vm *vm) { return vm->state == VM_RUNNING; }

#endif
