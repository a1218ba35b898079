/* testvisor's own machine services on riscv64: console and timer through its firmware
 * (SBI), exit through the virt test finisher, the time CSR as cycle counter. */
#include <hv/arch_if.h>
#include <stdint.h>
#include <riscv_csr.h>
#include <rv_host.h>
#include <sbi_defs.h>

#define TEST_FINISHER ((volatile uint32_t *)0x100000UL)
#define FINISHER_PASS 0x5555u
#define FINISHER_FAIL 0x3333u

uint64_t rv_timebase_hz;
const void *rv_host_fdt;
bool rv_host_has_sstc;

struct rv_sbiret rv_sbi_call(unsigned long ext, unsigned long fid, unsigned long a0,
			     unsigned long a1, unsigned long a2)
{
	register unsigned long r0 __asm__("a0") = a0;
	register unsigned long r1 __asm__("a1") = a1;
	register unsigned long r2 __asm__("a2") = a2;
	register unsigned long r6 __asm__("a6") = fid;
	register unsigned long r7 __asm__("a7") = ext;
	__asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r6), "r"(r7) : "memory");
	return (struct rv_sbiret){ (long)r0, (long)r1 };
}

/* -1: not probed yet; then whether the firmware has DBCN. */
static int have_dbcn = -1;

void arch_console_putc(char c)
{
	if (have_dbcn < 0) {
		struct rv_sbiret r = rv_sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, SBI_EXT_DBCN, 0, 0);
		have_dbcn = !r.error && r.value;
	}
	if (have_dbcn)
		rv_sbi_call(SBI_EXT_DBCN, SBI_DBCN_WRITE_BYTE, (uint8_t)c, 0, 0);
	else
		rv_sbi_call(SBI_EXT_LEGACY_PUTCHAR, 0, (uint8_t)c, 0, 0);
}

noreturn void arch_machine_exit(int status)
{
	*TEST_FINISHER = status == 0 ? FINISHER_PASS : FINISHER_FAIL | ((uint32_t)status << 16);
	/* QEMU's finisher only asks its main loop to end the machine while this hart runs on:
	 * an SRST right behind it (which OpenSBI carries out through the same finisher, with
	 * status 0) could win that race. Give the finisher a second (10 MHz if the timebase is
	 * not known yet) before falling back. */
	uint64_t wait = rv_timebase_hz ? rv_timebase_hz : 10000000;
	uint64_t start = csr_read(time);
	while (csr_read(time) - start < wait)
		;
	/* Not on QEMU virt: ask the firmware instead (the status is lost). */
	rv_sbi_call(SBI_EXT_SRST, 0, SBI_SRST_TYPE_SHUTDOWN,
		    status ? SBI_SRST_REASON_FAILURE : SBI_SRST_REASON_NONE, 0);
	for (;;)
		__asm__ volatile("wfi");
}

uint64_t arch_cycles(void) { return csr_read(time); }
uint64_t arch_cycles_hz(void) { return rv_timebase_hz; }

void rv_host_timer_set(uint64_t when)
{
	if (rv_host_has_sstc)
		csr_write(CSR_STIMECMP, when);
	else
		rv_sbi_call(SBI_EXT_TIME, 0, when, 0, 0);
}
