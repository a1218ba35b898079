/* The step log of `trace=` (docs/debug.md), one piece of code for every architecture that
 * steps its guests (x86_64, s390x, arm64): each architecture produces one entry per guest
 * instruction (its address and bytes); this file prints the first N (`trace=N`) or keeps
 * the last N in a ring (`trace=last:N`) and, when the guest failed, prints them as a
 * section headed `testvisor: --- trace <guest> vCPU <n> ...` just before the guest's
 * verdict, which names that section. */
#ifndef HV_TRACE_LOG_H
#define HV_TRACE_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <trace_config.h>

#define TRACE_INSN_MAX 15 /* x86's longest instruction */

/* How an entry's bytes are printed: one by one as in memory (x86, s390x: variable length),
 * or as one little-endian 32-bit word (arm64: the instruction word as disassemblers show
 * it). */
enum trace_insn_form { TRACE_INSN_BYTES, TRACE_INSN_WORD32 };

struct trace_entry {
	uint64_t pc;
	uint8_t bytes[TRACE_INSN_MAX];
	uint8_t len; /* 0: the instruction could not be read */
};

/* Per vCPU (struct vcpu.trace). */
struct trace_log {
	struct trace_config cfg;
	const char *pc_name;       /* "rip", "address", "pc" */
	enum trace_insn_form form;
	uint64_t steps;            /* instructions recorded so far */
	struct trace_entry *ring;  /* TRACE_RING: cfg.count entries, allocated on first use */
	uint32_t ring_next;
	/* The instruction the vCPU was about to run when it was stopped (it did not
	 * complete): printed after the ring. */
	struct trace_entry next;
	bool next_valid;
};

struct vm;
struct vcpu;

/* arch_vm_init: parses the `trace` key into every vCPU's log; false (message printed) on
 * a bad value. */
bool trace_log_configure(struct vm *vm, const char *pc_name, enum trace_insn_form form);
/* Whether the next instruction is one the log records (trace=N: the first N; last:N: all). */
bool trace_log_recording(const struct trace_log *t);
/* One completed instruction (ignored when not recording). */
void trace_log_record(struct vcpu *vcpu, const struct trace_entry *e);
/* The ring slot of the k-th (0 = oldest) of the last n of `count` entries, the next free
 * one being `next` (pure). */
uint32_t trace_ring_slot(uint32_t next, uint32_t count, uint32_t n, uint32_t k);
/* Whether the guest failed: stopped, unexpected failures, or an exit status other than 0
 * and 77 ("all skipped"). */
bool trace_guest_failed(const struct vm *vm);
/* Before the verdict (hv/run.c): for a failed guest, prints each vCPU's ring as a section
 * `testvisor: --- trace <guest> vCPU <n>: the last <k> instructions before the failure ---`
 * and writes into `note` what the verdict says about it ("" when nothing was printed). */
void trace_log_report(struct vm *vm, char *note, size_t notelen);
/* vm_destroy: frees the rings. */
void trace_log_free(struct vm *vm);

#endif
