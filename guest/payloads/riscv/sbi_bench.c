/* SBI call round trip: 100k calls of BASE get_spec_version (the cheapest call, no side
 * effects), timed with the time CSR, the cycle CSR and the instret CSR, minus the same
 * loop without the ecall. instret counts every instruction the hart retires, firmware and
 * hypervisor included, so under `-icount shift=0` it is the exact path length of a round
 * trip. Prints BENCH: lines (docs/PORTING.md). Argument: iterations=<n>. */
#include <fdt.h>
#include <libtv.h>
#include <stdlib.h>
#include <riscv_csr.h>
#include "sbi.h"
#include "trap.h"

#define DEFAULT_ITERATIONS 100000

enum counter { CTR_TIME, CTR_CYCLE, CTR_INSTRET, NR_COUNTERS };
static const char *const counter_names[NR_COUNTERS] = { "time", "cycles", "instructions" };
static bool counter_ok[NR_COUNTERS] = { true, true, true };
static volatile bool counter_trapped;

static bool on_illegal(struct trap_frame *f)
{
	counter_trapped = true;
	f->regs[10] = 0; /* the csrr below targets a0 */
	f->sepc += 4;
	return true;
}

static uint64_t read_counter(enum counter c)
{
	register uint64_t v __asm__("a0") = 0;
	switch (c) {
	case CTR_TIME: __asm__ volatile(".option push\n.option norvc\ncsrr a0, time\n.option pop" : "=r"(v)); break;
	case CTR_CYCLE: __asm__ volatile(".option push\n.option norvc\ncsrr a0, cycle\n.option pop" : "=r"(v)); break;
	default: __asm__ volatile(".option push\n.option norvc\ncsrr a0, instret\n.option pop" : "=r"(v)); break;
	}
	return v;
}

static void read_all(uint64_t out[NR_COUNTERS])
{
	for (int c = 0; c < NR_COUNTERS; c++)
		out[c] = counter_ok[c] ? read_counter(c) : 0;
}

static void loop_ecall(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		sbi_ecall(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0, 0, 0, 0);
}

/* The same call sequence without the trap: a0..a7 set up, then a plain nop. */
static void __attribute__((noinline)) fake_ecall(void)
{
	register unsigned long a0 __asm__("a0") = 0, a1 __asm__("a1") = 0;
	register unsigned long a6 __asm__("a6") = SBI_BASE_GET_SPEC_VERSION, a7 __asm__("a7") = SBI_EXT_BASE;
	__asm__ volatile("nop" : "+r"(a0), "+r"(a1) : "r"(a6), "r"(a7) : "memory");
}

static void loop_empty(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		fake_ecall();
}

int main(int argc, char **argv)
{
	report_prefix_push("sbi_bench");
	const char *it = tv_arg(argc, argv, "iterations");
	unsigned long n = it ? strtoul(it, NULL, 0) : DEFAULT_ITERATIONS;
	trap_install(EXC_ILLEGAL_INST, on_illegal);
	for (int c = 0; c < NR_COUNTERS; c++) {
		counter_trapped = false;
		read_counter(c);
		counter_ok[c] = !counter_trapped;
		if (!counter_ok[c])
			report_info("the %s counter is not readable here", counter_names[c]);
	}
	trap_install(EXC_ILLEGAL_INST, NULL);

	uint64_t t0[NR_COUNTERS], t1[NR_COUNTERS], t2[NR_COUNTERS];
	loop_ecall(1000); /* warm up: translation caches */
	read_all(t0);
	loop_ecall(n);
	read_all(t1);
	loop_empty(n);
	read_all(t2);

	report(n > 0 && counter_ok[CTR_TIME], "%lu SBI calls made and timed", n);
	int cpus = fdt_path_offset(boot_dtb, "/cpus");
	const void *tb = cpus < 0 ? NULL : fdt_getprop(boot_dtb, cpus, "timebase-frequency", NULL);
	uint64_t hz = tb ? fdt_read_cells(tb, 1) : 10000000;
	for (int c = 0; c < NR_COUNTERS; c++) {
		if (!counter_ok[c])
			continue;
		uint64_t call = t1[c] - t0[c], base = t2[c] - t1[c];
		uint64_t per_call = call > base ? (call - base) / n : 0;
		if (c == CTR_TIME) /* from the totals: one tick is longer than a round trip */
			printf("BENCH: sbi_round_trip_time %lu ns\n",
			       (unsigned long)((call > base ? call - base : 0) * (1000000000UL / hz) / n));
		else
			printf("BENCH: sbi_round_trip_%s %lu %s\n", counter_names[c], (unsigned long)per_call,
			       counter_names[c]);
		if (c == CTR_INSTRET)
			report(per_call > 0, "a round trip retires instructions outside the loop (%s)",
			       sbi_is_opensbi() ? "firmware path" : "hypervisor path");
	}
	return report_summary();
}
