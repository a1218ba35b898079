/* Starting another hart from a payload (SBI HSM): it runs fn(hartid, arg) on its own
 * stack, then stops itself. */
#ifndef GUEST_RISCV_SMP_H
#define GUEST_RISCV_SMP_H

#include <stdbool.h>
#include <stdint.h>
#include "sbi.h"

#define SMP_MAX_HARTS 4

/* The SBI error of hart_start. */
long smp_start_hart(unsigned long hartid, void (*fn)(unsigned long hartid, void *arg), void *arg);
/* Prepares hart `hartid` (< SMP_MAX_HARTS) to run fn(hartid, arg) when the SBI enters the
 * returned address with a1 = *opaque (hart_start, or the resume address of an HSM
 * non-retentive suspend). */
uintptr_t smp_entry_point(unsigned long hartid, void (*fn)(unsigned long hartid, void *arg),
			  void *arg, uintptr_t *opaque);
/* Number of harts the DTB lists. */
unsigned smp_nr_harts(void);

#endif
