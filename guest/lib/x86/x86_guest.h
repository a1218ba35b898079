/* Helpers for x86 payloads: MSR access that survives #GP, testvisor hypercalls, VMGEXIT,
 * and the SEV guest state as the guest itself can see it. */
#ifndef GUEST_X86_GUEST_H
#define GUEST_X86_GUEST_H

#include <stdbool.h>
#include <stdint.h>
#include <cpu.h>
#include <hypercall.h>

/* RDMSR/WRMSR that report #GP instead of failing the payload. */
bool rdmsr_safe(uint32_t msr, uint64_t *val);
bool wrmsr_safe(uint32_t msr, uint64_t val);

/* VMMCALL with RAX = nr, RBX/RCX/RDX = arguments; returns RAX. */
uint64_t tv_hypercall(uint64_t nr, uint64_t a, uint64_t b, uint64_t c);

/* VMGEXIT (REP VMMCALL) after writing `request` to the GHCB MSR; returns the GHCB MSR. */
uint64_t ghcb_msr_call(uint64_t request);

/* SEV_STATUS, or 0 when the MSR does not exist or reads 0 (not an SEV guest). */
uint64_t sev_status(void);
#define SEV_STATUS_SNP_BIT (1ull << 2)

/* Whether CPUID leaf 0x40000000 carries testvisor's signature; its EAX (the highest
 * hypervisor leaf) in *max_leaf when not NULL. */
bool x86_testvisor_signature(uint32_t *max_leaf);

/* The multiboot information the loader passed (EBX at entry), NULL if none. */
struct mb_info;
const struct mb_info *x86_multiboot_info(void);

/* The struct boot_params a Linux boot-protocol loader passed (ESI at the bzImage's 32-bit
 * entry, entry.asm), NULL if entered otherwise; and the state that entry found. */
const uint8_t *x86_linux_boot_params(void);
struct x86_linux_entry {
	uint32_t cs, ds, es, ss, ebx, ebp, edi, esi, eflags, cr0;
	uint16_t gdt_limit;
	uint32_t gdt_base;
} __attribute__((packed));
extern const struct x86_linux_entry x86_linux_entry_state;

/* Interrupts on (STI) while `*count` stays below `want`, for at most `max_cycles` TSC
 * cycles; returns its final value with interrupts off again. */
unsigned x86_wait_with_irqs(volatile unsigned *count, unsigned want, uint64_t max_cycles);
/* An interrupt window of a few instructions (STI; NOP; NOP; CLI). */
void x86_irq_window(void);

/* Non-zero only under testvisor: skip the payload otherwise, with the reason. */
bool on_testvisor(void);

/* Puts the application-processor start code (ap_start.asm) below 1 MiB and fills in the
 * BSP's page tables, `stack_top` and `entry` (called in long mode; it must not return
 * to anything: the code spins after it). Returns the STARTUP IPI vector that runs it. */
uint8_t x86_ap_prepare(void (*entry)(void), void *stack_top);

#endif
