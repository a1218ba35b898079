/* isolation (s390x): a guest reaches its own memory and nothing else. Loads, stores and
 * branches beyond the memory SCLP reports (below and above 2 GiB) give addressing
 * exceptions, on bare QEMU as under testvisor, where everything past the guest's RAM
 * (testvisor's own memory included) is simply absent from the guest's address space. */
#include <libtv.h>
#include <stdio.h>
#include <string.h>
#include "s390.h"
#include "trap.h"

extern char _parm_entry[];
static volatile uint64_t fetch_fault_addr;

/* A branch into nowhere: resume at the return address in r14. */
static bool back_to_caller(struct trap_frame *f)
{
	fetch_fault_addr = f->psw_addr;
	f->psw_addr = f->gprs[14];
	return true;
}

static uint16_t load_at(uint64_t a)
{
	pgm_expect_begin();
	(void)*(volatile uint8_t *)(uintptr_t)a;
	return pgm_expect_end();
}

static uint16_t store_at(uint64_t a)
{
	pgm_expect_begin();
	*(volatile uint64_t *)(uintptr_t)a = 0x5a5a5a5a5a5a5a5aUL;
	return pgm_expect_end();
}

/* Registers testvisor never uses start as a machine reset leaves them: zero, so nothing
 * of an earlier guest can be read from them. */
static void test_registers_start_clear(void)
{
	static uint64_t fprs[16];
	static uint32_t ars[16], fpc = 0xffffffff;
	uint64_t cr0 = stctg(0);
	lctlg(0, cr0 | CR0_AFP);
	asm volatile("std 0,0(%0)\n\tstd 1,8(%0)\n\tstd 2,16(%0)\n\tstd 3,24(%0)\n\t"
		     "std 4,32(%0)\n\tstd 5,40(%0)\n\tstd 6,48(%0)\n\tstd 7,56(%0)\n\t"
		     "std 8,64(%0)\n\tstd 9,72(%0)\n\tstd 10,80(%0)\n\tstd 11,88(%0)\n\t"
		     "std 12,96(%0)\n\tstd 13,104(%0)\n\tstd 14,112(%0)\n\tstd 15,120(%0)\n\t"
		     "stfpc %1\n\tstam 0,15,%2"
		     : : "a"(fprs), "Q"(fpc), "Q"(ars) : "memory");
	lctlg(0, cr0);
	bool fprs_zero = true, ars_zero = true;
	for (int i = 0; i < 16; i++) {
		fprs_zero &= fprs[i] == 0;
		ars_zero &= ars[i] == 0;
	}
	report(fprs_zero && fpc == 0, "floating-point registers and FPC start zeroed");
	report(ars_zero, "access registers start zeroed");
}

int main(int argc, char **argv)
{
	report_prefix_push("isolation");
	test_registers_start_clear();
	uint64_t mem = sclp_memory_size();
	if (!mem) {
		report_abort("SCLP Read SCP Info failed");
	}
	report_info("memory: %lu MiB", (unsigned long)(mem >> 20));
	report(*(volatile uint16_t *)_parm_entry == 0xc0f4, "address 0x10000 holds this payload's own entry");
	report(load_at(mem - 8) == 0, "load from the last doubleword of memory");
	report(store_at(mem - 8) == 0, "store to the last doubleword of memory");
	const struct { uint64_t addr; const char *what; } beyond[] = {
		{ mem, "the first byte beyond memory" },
		{ mem + (16UL << 20), "16 MiB beyond memory" },
		{ 0x7ffff000UL, "just below 2 GiB" },
		{ 0x100000000UL, "4 GiB" },
		{ 0x0000400000000000UL, "64 TiB" },
	};
	for (unsigned i = 0; i < sizeof(beyond) / sizeof(beyond[0]); i++) {
		uint16_t l = load_at(beyond[i].addr), s = store_at(beyond[i].addr);
		report(l == PGM_ADDRESSING && s == PGM_ADDRESSING,
		       "load and store at %s: addressing exceptions (0x%02x, 0x%02x)", beyond[i].what, l, s);
	}
	/* MVC across the end of memory: the store part faults. */
	static uint8_t src[16];
	pgm_expect_begin();
	asm volatile("mvc 0(16,%0),0(%1)" : : "a"(mem - 8), "a"(src) : "memory");
	uint16_t c = pgm_expect_end();
	report(c == PGM_ADDRESSING, "MVC straddling the end of memory: addressing exception (0x%02x)", c);
	/* A branch beyond memory: the instruction fetch faults. */
	trap_install(PGM_ADDRESSING, back_to_caller);
	fetch_fault_addr = 0;
	uint64_t target = mem + 0x1000;
	asm volatile("basr %%r14,%0" : : "a"(target) : "r14", "memory", "cc");
	trap_install(PGM_ADDRESSING, NULL);
	/* The old PSW points at the target or, as QEMU has it, one halfword past it: the
	 * architecture leaves the ILC of an instruction-fetch exception open. */
	report_info("instruction-fetch fault: old PSW at target%+ld", (long)(fetch_fault_addr - target));
	report(fetch_fault_addr >= target && fetch_fault_addr <= target + 6,
	       "a branch beyond memory: addressing exception at the target");
	report_prefix_pop();
	return report_summary();
}
