/* Shadow DAT for the problem-state backend (no SIE): while a guest runs with its own DAT
 * on, testvisor runs it under host tables that map each guest virtual page, found by
 * walking the guest's tables (guest_dat_walk.c), straight to the host page behind the
 * guest real address (prefixing applied). Pages are added on host translation faults;
 * every guest TLB invalidation (IPTE, IDTE, CSP/CSPG with purge, PTLB, loads of CR0, CR1,
 * CR7, CR13, prefix changes) throws the whole shadow away. See docs/s390.md. */
#ifndef SHADOW_DAT_H
#define SHADOW_DAT_H

#include <stdbool.h>
#include <stdint.h>
#include <hv/addr.h>
#include "guest_dat_walk.h"

struct shadow_dat {
	paddr_t pool;           /* tables: a region-first table, then lower tables */
	unsigned used;          /* 2 KiB units of the pool handed out */
	bool stale;             /* flush before the guest runs again */
	uint64_t last_fault;    /* the page of the previous shadow fault ... */
	unsigned repeats;       /* ... and how often in a row (no progress: a bug) */
	uint64_t flushes, faults;
};

struct vcpu;
struct vm;


/* The host ASCE of the shadow of `space` (for the real CR1, CR7, CR13); 0 when the pool
 * cannot be allocated. Flushes first when an invalidation asked for it. */
uint64_t shadow_asce(struct vcpu *vcpu, enum dat_space space);
/* A guest TLB invalidation on this CPU, or (IPTE, IDTE, CSP) on every CPU of the VM. */
void shadow_invalidate(struct vcpu *vcpu);
void shadow_invalidate_vm(struct vm *vm);
/* A host translation exception at host TEID `teid` while the guest's DAT is on: 0 when
 * the page is now mapped (the nullified instruction runs again), else the guest's program
 * exception (its TEID already in the guest lowcore; PGM_ADDRESSING when the guest
 * translation leads outside guest storage; SHADOW_STOPPED). */
uint16_t shadow_fault(struct vcpu *vcpu, uint64_t teid);
#define SHADOW_STOPPED 0xffff   /* shadow_fault stopped the VM (no progress) */
void shadow_destroy(struct vcpu *vcpu);

/* Guest logical -> real through the tables of the space the guest's PSW selects, as the
 * CPU would for an instruction fetch or an operand of an emulated instruction: 0 or the
 * program exception (TEID stored in the guest lowcore, except for PGM_ADDRESSING and
 * translation specification). */
enum guest_access { ACCESS_INSN, ACCESS_FETCH, ACCESS_STORE };
uint16_t guest_logical_to_real(struct vcpu *vcpu, uint64_t logical, enum guest_access kind,
			       uint64_t *real);

#endif
