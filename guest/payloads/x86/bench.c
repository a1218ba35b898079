/* Exit round-trip benchmark: CPUID and VMMCALL (and IN, RDMSR for comparison), 100k
 * each, in TSC cycles per round trip.
 * Under QEMU's -icount shift=0 a TSC cycle is one retired instruction, so the figure is
 * the path length of guest loop + exit + hypervisor handler + re-entry. The empty loop's
 * cost is measured too and subtracted. Standalone, CPUID does not exit (the reference) and
 * VMMCALL raises #UD (skipped). */
#include <libtv.h>
#include <stdlib.h>
#include <string.h>
#include <cpu.h>
#include <hypercall.h>
#include "trap.h"

#define DEFAULT_ITERATIONS 100000u

static uint64_t per_iteration(uint64_t start, uint64_t end, unsigned n)
{
	return (end - start + n / 2) / n;
}

static uint64_t bench_empty(unsigned n)
{
	uint64_t t0 = rdtsc();
	for (unsigned i = 0; i < n; i++)
		__asm__ volatile("" ::: "memory");
	return per_iteration(t0, rdtsc(), n);
}

static uint64_t bench_cpuid(unsigned n)
{
	uint64_t t0 = rdtsc();
	for (unsigned i = 0; i < n; i++) {
		uint32_t a = 0, b, c = 0, d;
		__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d) :: "memory");
	}
	return per_iteration(t0, rdtsc(), n);
}

static uint64_t bench_vmmcall(unsigned n)
{
	uint64_t t0 = rdtsc();
	for (unsigned i = 0; i < n; i++) {
		uint64_t rax = HC_NOP;
		__asm__ volatile("vmmcall" : "+a"(rax) :: "memory");
	}
	return per_iteration(t0, rdtsc(), n);
}

/* Port read of COM1's line status: an IOIO exit, whose next RIP the CPU reports. */
static uint64_t bench_inb(unsigned n)
{
	uint64_t t0 = rdtsc();
	for (unsigned i = 0; i < n; i++)
		(void)inb(COM1_PORT + 5);
	return per_iteration(t0, rdtsc(), n);
}

/* RDMSR of IA32_PAT: an MSR exit through the MSR table. */
static uint64_t bench_rdmsr(unsigned n)
{
	uint64_t t0 = rdtsc();
	for (unsigned i = 0; i < n; i++)
		(void)rdmsr(0x277);
	return per_iteration(t0, rdtsc(), n);
}

static void print_bench(const char *metric, uint64_t cycles, uint64_t loop)
{
	uint64_t net = cycles > loop ? cycles - loop : 0;
	printf("BENCH: %s %lu cycles\n", metric, (unsigned long)net);
	report(cycles > 0, "%s measured", metric);
}

int main(int argc, char **argv)
{
	const char *iters = tv_arg(argc, argv, "iterations");
	unsigned n = iters ? (unsigned)strtoul(iters, NULL, 0) : DEFAULT_ITERATIONS;
	bool on_testvisor = !strcmp(tv_platform_name(), "testvisor");
	uint64_t loop = bench_empty(n);
	printf("BENCH: empty_loop %lu cycles\n", (unsigned long)loop);

	print_bench("cpuid_round_trip", bench_cpuid(n), loop);
	print_bench("ioio_round_trip", bench_inb(n), loop);
	print_bench("rdmsr_round_trip", bench_rdmsr(n), loop);
	if (on_testvisor)
		print_bench("vmmcall_round_trip", bench_vmmcall(n), loop);
	else
		report_skip("vmmcall_round_trip: VMMCALL is a hypercall only under testvisor");
	return report_summary();
}
