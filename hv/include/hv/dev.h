/* Emulated devices: a VM holds a small table of them, each claiming an MMIO or port
 * range; the run loop dispatches accesses through vm_mmio_access / vm_pio_access.
 * Device models are plain state machines, host-testable (tests/unit/). */
#ifndef HV_DEV_H
#define HV_DEV_H

#include <stdbool.h>
#include <stdint.h>

struct vm;
struct device;

enum dev_space { DEV_MMIO, DEV_PIO };

struct device_ops {
	/* `off` is relative to the device's base. Return false for an access the device
	 * refuses (the caller reports a guest fault). */
	bool (*read)(struct device *dev, uint64_t off, unsigned size, uint64_t *val);
	bool (*write)(struct device *dev, uint64_t off, unsigned size, uint64_t val);
};

struct device_desc {
	const char *name;
	enum dev_space space;
	uint64_t base;
	uint64_t size;
	const struct device_ops *ops;
	unsigned irq; /* the interrupt its line drives (vm->irq_line), 0: none */
};

struct device {
	struct device_desc desc;
	struct vm *vm;
	uint64_t regs[8]; /* small register file for the model's own use */
};

/* The device models testvisor offers; an architecture lists the ones its platform has. */
extern const struct device_ops uart16550_ops;   /* ns16550 / COM1 (transmit side) */
extern const struct device_ops pl011_ops;       /* Arm PL011 (transmit side + ID regs) */
extern const struct device_ops isa_debug_exit_ops;  /* QEMU isa-debug-exit */
extern const struct device_ops sifive_test_ops;     /* QEMU virt test finisher */
extern const struct device_ops fw_cfg_ops;          /* QEMU fw_cfg, port interface */

#endif
