/* break= on riscv64 (docs/debug.md): HS-mode has no single-step of its own, so testvisor
 * asks its firmware, through the SBI Debug Triggers extension (DBTR), for one mcontrol6
 * execute trigger per break address that matches in VS and VU mode only. A hit is a
 * breakpoint exception that hedeleg keeps in HS. The bit layouts and decisions here are
 * pure (debug_trigger.c), host unit-tested; debug_break.c talks to the firmware. */
#ifndef RV_DEBUG_H
#define RV_DEBUG_H

#include <stdbool.h>
#include <stdint.h>
#include <break_config.h>
#include <hv/arch_if.h>
#include <rv_dbtr.h>

/* tdata1 of an execute trigger on the guest's (VS/VU) instruction at one address. */
uint64_t rv_break_tdata1(void);
/* What a breakpoint exception from a guest with break addresses is. */
enum rv_break_kind {
	RV_BREAK_GUEST,     /* its own EBREAK / C.EBREAK: given back to it */
	RV_BREAK_STOP,      /* a trigger hit at a break address: the guest stops */
	RV_BREAK_PAGED,     /* a hit with the guest's paging on: the trigger compared its
			     * virtual pc, not the guest-physical address break= means */
};
enum rv_break_kind rv_break_classify(const struct break_config *b, uint64_t pc, bool vsatp_bare);

struct vm;
struct vcpu;
/* arch_vm_init: parses `break`, installs the triggers; false (message printed) when the
 * value is bad or the firmware cannot give enough triggers. */
bool rv_break_configure(struct vm *vm);
/* arch_vm_destroy: gives the triggers back. */
void rv_break_release(struct vm *vm);
/* A breakpoint exception of a guest with break addresses: its own is given back, a hit
 * stops it. */
enum exit_action rv_break_exit(struct vcpu *vcpu);

#endif
