/* The guest's PLIC at QEMU virt's address (0x0c000000, 0x600000 bytes, 95 sources, 7
 * priority levels), with two contexts per hart as virt has them: 2h for M-mode (present,
 * never raised: the guest is S-mode), 2h + 1 for S-mode, which drives the vCPU's
 * external interrupt (hvip.VSEIP). Register map from the RISC-V PLIC specification
 * (riscv-plic-spec, "Memory map"): priority 0x0 + 4 * source, pending 0x1000, enables
 * 0x2000 + 0x80 * context, threshold 0x200000 + 0x1000 * context, claim/complete + 4.
 * Level-triggered gateways as QEMU's sifive_plic: a high line makes its source pending;
 * a claim takes the pending bit and closes the gateway until the completion, after which a
 * line still high is pending again. Pure logic (vplic.c), host-tested (test_rv_plic). */
#ifndef RISCV_VPLIC_H
#define RISCV_VPLIC_H

#include <stdbool.h>
#include <stdint.h>

#define VPLIC_BASE 0x0c000000ul
#define VPLIC_SIZE 0x600000ul
#define VPLIC_SOURCES 96 /* 0 (none) and 1..95 */
#define VPLIC_MAX_PRIORITY 7
#define VPLIC_WORDS (VPLIC_SOURCES / 32)
#define VPLIC_UART_IRQ 10 /* virt's UART0 */
#define VPLIC_RTC_IRQ 11  /* virt's RTC */

struct vplic {
	uint8_t priority[VPLIC_SOURCES];
	uint32_t pending[VPLIC_WORDS], claimed[VPLIC_WORDS], level[VPLIC_WORDS];
	uint32_t enable[2 * 8][VPLIC_WORDS]; /* per context, up to 8 harts */
	uint8_t threshold[2 * 8];
};

struct vm;
struct device_ops;
extern const struct device_ops vplic_ops;

/* A device's line to source `irq` (vm->irq_line). */
void vplic_line(struct vm *vm, unsigned irq, bool level);
/* The highest-priority source context `ctx` would claim now; 0 when none. */
unsigned vplic_best(const struct vplic *p, unsigned ctx);

#endif
