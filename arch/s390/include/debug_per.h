/* Guest Program-Event Recording on the problem-state backend (docs/debug.md): the guest's
 * CR9-CR11 go into the real control registers and its PSW PER mask into the real PSW, so
 * the CPU recognizes the guest's events; testvisor passes them on with the code and
 * fields the guest would have got, also for the instructions it emulates. */
#ifndef S390_DEBUG_PER_H
#define S390_DEBUG_PER_H

#include <stdbool.h>
#include <stdint.h>
#include <hv/arch_if.h>
#include "per_event.h"
#include <break_config.h>

struct vcpu;
struct vm;

/* CR9 bits testvisor loads for a guest (PoP ch. 4 "Control-Register Allocation" for PER,
 * bit numbers of the 64-bit register): successful branching 32, instruction fetching 33,
 * storage alteration 34, store using real address 36, instruction-fetching nullification
 * 39, branch-address control 40. Storage-alteration-space control (42) is left out: it
 * selects address spaces by their ASCE, and a problem-state guest runs in testvisor's. */
#define PER_CR9_GUEST_BITS 0x00000000e9800000ULL
#define PER_PGM_CODE_BIT 0x0080              /* program-interruption code bit 8: PER event */
#define PER_ATMID_DAT 0x20                   /* ATMID bit 2: PSW bit 5 (DAT) at the event */

/* The guest's PER state in the real CPU for the coming entry: loads CR9-CR11 and returns
 * the PSW bits to OR into the real PSW (PSW_MASK_PER, or 0 when the guest has PER off). */
uint64_t per_guest_enter(struct vcpu *vcpu);

/* Reads the PER fields of a program interruption taken while the guest ran, from the real
 * lowcore before testvisor handles the rest (pending=false if there is no PER event).
 * `guest_dat` is the guest's own PSW DAT bit: the ATMID tells the guest its own mode. */
struct per_event per_event_take(const volatile uint8_t *real_lowcore, bool guest_dat);

/* Adds the event of an emulated instruction (and clears it there). */
void per_event_merge(struct per_event *to, struct per_event *emulated);

/* The guest's program interruption after testvisor handled the rest: `reflected` says
 * whether that handling already gave the guest a program interruption (its code then gets
 * the PER bit); otherwise the PER event is given alone (code 0x80). */
void per_event_deliver(struct vcpu *vcpu, const struct per_event *ev, bool reflected);

/* CR9 bits 34 (storage alteration) and 36 (store using real address) together enable the
 * store-using-real-address event; PER code bit 4 (0x08) names it, as QEMU reports it
 * (without the storage-alteration bit 2; PoP "Store-Using-Real-Address Event"). */
#define PER_CR9_STORAGE_ALTERATION 0x20000000ULL
#define PER_CR9_STORE_REAL 0x08000000ULL
#define PER_CODE_STORE_REAL 0x08

/* Whether an access of `len` bytes at `addr` touches the PER range [start, end], which
 * wraps around when start > end (PoP "PER Address Range"). */
bool per_range_hit(uint64_t start, uint64_t end, uint64_t addr, unsigned len);
/* Whether a store of `len` bytes at real `addr` by STURA/STURG is a PER event. */
bool per_store_real_event(uint64_t cr9, uint64_t cr10, uint64_t cr11, uint64_t addr, unsigned len);
/* Writes the event's fields into a lowcore image; `add_to_code` ORs the PER bit into the
 * program-interruption code already there. */
void per_event_store(uint8_t *lowcore_image, const struct per_event *ev, bool add_to_code);

/* Tracing (the `trace` key, docs/debug.md): testvisor's instruction-fetch PER over all
 * addresses while the guest's own PER mask is off (the guest's PER, when on, owns
 * CR9-CR11 and tracing pauses). */
bool per_trace_configure(struct vm *vm);
/* CR9-CR11 and the PSW bit for a slice with testvisor's PER (0 when not tracing). */
uint64_t per_trace_enter(struct vcpu *vcpu);
/* A PER event of a slice with testvisor's PER is a traced instruction: recorded, and
 * taken out of what the guest gets (ev->pending cleared). */
void per_trace_claim(struct vcpu *vcpu, struct per_event *ev);

/* Break addresses (the `break` key, debug_per_break.c): testvisor's instruction-fetch PER
 * with nullification (CR9 bits 33 and 39), so that the event comes before the instruction
 * runs, over the range of the break addresses (every address with the guest's DAT on).
 * An event at an address that is not a break address is stepped over: one entry with the
 * range "every address but that one" (the range wraps when CR10 > CR11), whose next
 * event comes before the following instruction. */
#define PER_CR9_IFETCH 0x40000000ULL         /* CR9 bit 33 */
#define PER_CR9_IFETCH_NULLIFY 0x01000000ULL /* CR9 bit 39 */
struct per_range {
	uint64_t start, end; /* CR10, CR11 */
};
/* The range for the coming entry (pure: debug_per_break_range.c). */
struct per_range per_break_range(const struct break_config *b, bool guest_dat, bool skipping,
				 uint64_t skip);
/* After an event at `logical` that is no break address: whether the instruction there
 * must be stepped over (it is in the range the next entry would arm again). */
bool per_break_must_skip(const struct break_config *b, bool guest_dat, uint64_t logical);

/* Parsed; refused on the SIE backend and together with trace= (false, message printed). */
bool per_break_configure(struct vm *vm);
/* CR9-CR11 for an entry with testvisor's PER while break addresses are set. */
void per_break_enter(struct vcpu *vcpu);
/* A nullified event of testvisor's: stops the guest (vm_fail, registers dumped by the
 * core) at a break address, else arranges the step over it. */
void per_break_event(struct vcpu *vcpu, const struct per_event *ev);

struct insn;
/* STURA (B246) and STURG (B925): the store and its store-using-real-address event. */
enum exit_action op_store_real(struct vcpu *v, const struct insn *in);

#endif
