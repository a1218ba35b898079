/* The fake architecture: every arch_if.h function with a body the test scripts, as
 * Hafnium's src/arch/fake does, so that the core's run loop (hv/run.c), VMs and device
 * dispatch (hv/vm.c) run on the host. A test fills `fake` (fake_reset() first): what the
 * probe answers, what set-up returns, which devices a VM gets, and the script of exits
 * that arch_vcpu_run() plays; afterwards `fake` holds what the core did. */
#ifndef FAKE_ARCH_H
#define FAKE_ARCH_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <hv/dev.h>
#include <hv/vm.h>

enum fake_step_kind {
	FAKE_CONSOLE, /* `text` through vm_console_putc */
	FAKE_MMIO,    /* an access at `addr` through vm_mmio_access (unclaimed: vm_fail) */
	FAKE_PIO,     /* the same through vm_pio_access */
	FAKE_YIELD,   /* back to the core, as a preemption tick does */
	FAKE_START,   /* vCPU `target` becomes runnable (CPU_ON, HSM start) */
	FAKE_STOP,    /* this vCPU turns itself off */
	FAKE_EXIT,    /* the guest ends itself through a path without status (SYSTEM_OFF) */
	FAKE_EXIT_STATUS, /* ... through an exit device carrying `status` */
	FAKE_FAULT,   /* the architecture stops the guest with `text` as the reason */
};

struct fake_step {
	enum fake_step_kind kind;
	unsigned vcpu;   /* the vCPU whose run plays this step */
	const char *text;
	uint64_t addr;
	unsigned size;
	bool write;
	uint64_t val;
	int status;
	unsigned target;
};

#define FAKE_MAX_DEVICES 8
#define FAKE_MAX_LOG 64

struct fake_arch {
	/* Set by the test. */
	bool virt_ok;
	const char *virt_why;
	int vm_init_rc, map_rc, vcpu_init_rc;
	struct device_desc devices[FAKE_MAX_DEVICES]; /* added by arch_vm_init */
	unsigned nr_devices;
	const struct fake_step *script; /* played in order; past its end the guest spins */
	unsigned nr_steps;
	uint64_t hz;             /* arch_cycles_hz() */
	uint64_t cycles_per_run; /* the clock advances this much per arch_vcpu_run() */
	jmp_buf *machine_exit;   /* where arch_machine_exit() jumps (status + 1) */

	/* Recorded. */
	uint64_t cycles;
	unsigned probes, vm_inits, vm_destroys, maps, vcpu_inits, dumps;
	const void *initrd;         /* what arch_vcpu_init found in vm->initrd */
	size_t initrd_size;
	int add_device_rc[FAKE_MAX_DEVICES];
	unsigned next_step;
	char run_order[FAKE_MAX_LOG + 1]; /* '0' + vCPU id per arch_vcpu_run() */
	uint64_t read_values[FAKE_MAX_LOG]; /* the value of each MMIO/PIO read, by step */
	char console[4096]; /* testvisor's own console */
	size_t console_len;
};

extern struct fake_arch fake;

/* Defaults: probe yes, set-up succeeds, 1 MHz clock, 1 ms per run, no devices, no script. */
void fake_reset(void);

/* What the code under test prints on stdout between the two calls (testvisor's verdict
 * lines and the guest's prefixed lines come from printf). */
void fake_stdout_begin(void);
const char *fake_stdout_end(void);

#endif
