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

int main(int argc, char **argv)
{
	report_prefix_push("isolation");
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
