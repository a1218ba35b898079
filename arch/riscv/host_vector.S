/* The trap vector testvisor uses while it runs itself (stvec, set by boot/riscv/entry.S);
 * the guest has its own in switch.S. host_trap.c handles what arrives. */
#include <riscv_csr.h>
#include <trap_entry.S.h>

	.text
	TRAP_ENTRY host_trap_entry, host_trap
