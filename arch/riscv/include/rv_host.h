/* testvisor's own riscv64 machine services (boot/riscv and arch/riscv share them). */
#ifndef RV_HOST_H
#define RV_HOST_H

#include <stdbool.h>
#include <stdint.h>

struct host_frame {
	uint64_t regs[32];
	uint64_t sepc, sstatus, scause, stval;
};

/* SBI call from testvisor to its firmware. */
struct rv_sbiret { long error; long value; };
struct rv_sbiret rv_sbi_call(unsigned long ext, unsigned long fid, unsigned long a0,
			     unsigned long a1, unsigned long a2);

/* Guarded accesses: each returns 0, or the scause of the fault it caught (testvisor's
 * trap handler resumes at a fix-up instead of stopping the machine). */
unsigned long rv_hlvx_hu(uint64_t gva, uint16_t *out);   /* guest instruction fetch */
unsigned long rv_hlv_bu(uint64_t gva, uint8_t *out);     /* guest load, VS permissions */
unsigned long rv_hsv_b(uint64_t gva, uint8_t val);       /* guest store */
unsigned long rv_csr_probe(unsigned csr_selector, uint64_t *out); /* see guest_access.S */
#define RV_PROBE_HSTATUS  0
#define RV_PROBE_STIMECMP 1
#define RV_PROBE_HENVCFG  2
#define RV_PROBE_HSTATEEN0 3

/* Set by host_trap() when a guarded access faulted. */
extern volatile uint64_t rv_fixup_pc, rv_fixup_cause;

/* Host timer: one-shot at absolute time value `when` (UINT64_MAX: off). */
void rv_host_timer_set(uint64_t when);
extern bool rv_host_has_sstc;

/* The timebase frequency (DTB /cpus/timebase-frequency). */
extern uint64_t rv_timebase_hz;
/* The firmware DTB. */
extern const void *rv_host_fdt;
/* The wall clock guests' RTCs count from (wallclock.c), seeded at boot. */
void rv_wallclock_init(uint64_t ns);
uint64_t rv_wallclock_ns(void);

#endif
