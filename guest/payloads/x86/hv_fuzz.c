/* Random requests against testvisor's intercepts: CPUID leaves, RDMSR/WRMSR of random
 * indexes, IN/OUT and REP INS/OUTS of random ports and sizes, and VMMCALL with
 * testvisor's call numbers and random arguments. The rule for each (docs/HARDENING.md): the instruction completes or
 * raises the exception the architecture defines for it, and the guest is never stopped:
 *   CPUID          never faults (AMD APM vol. 3, CPUID);
 *   RDMSR/WRMSR    at CPL 0 only #GP, for an index that does not exist or a value it
 *                  refuses (APM vol. 3, RDMSR/WRMSR);
 *   IN/OUT/INS/OUTS at CPL 0 never fault (APM vol. 1 §3.8.3: the I/O permission checks
 *                  apply only when CPL > IOPL, and the IOPM is the hypervisor's);
 *   VMMCALL        returns under testvisor; on bare QEMU, with no hypervisor, #UD
 *                  (APM vol. 3, VMMCALL).
 * Writes are made only where they cannot end or break the payload: an MSR that reads is
 * written back with the value it read; random values go only to MSRs whose read raised
 * #GP; OUT never goes to the ports that reset, power off, end the run, DMA or print.
 * Arguments: seed=<n> count=<n> (calls per target) targets=<cpuid,msr,port,hypercall>. */
#include <libtv.h>
#include <string.h>
#include <cpu.h>
#include <hypercall.h>
#include "trap.h"

/* The instruction under test records the exception it raised and is skipped. */
static volatile unsigned trap_len, last_vector = ~0u;

static bool skip_faulting(struct trap_frame *f)
{
	last_vector = (unsigned)f->vector;
	f->rip += trap_len;
	return true;
}

static void catch_all(unsigned len)
{
	trap_len = len;
	last_vector = ~0u;
}

struct counts {
	uint64_t by_vector[32];
	uint64_t bad;
	unsigned bad_vector;
	uint64_t bad_what;
};

static void count(struct counts *c, unsigned allowed_mask, uint64_t what)
{
	unsigned v = last_vector;
	if (v == ~0u)
		return;
	c->by_vector[v & 31]++;
	if (!(allowed_mask & (1u << (v & 31)))) {
		if (!c->bad++) {
			c->bad_vector = v;
			c->bad_what = what;
		}
	}
}

static void report_counts(const char *target, const struct counts *c, uint64_t calls,
			  const char *rule)
{
	tv_fuzz_report_calls(target, calls);
	for (unsigned v = 0; v < 32; v++)
		tv_fuzz_report_exception(target, x86_vector_name(v), c->by_vector[v]);
	if (c->bad)
		report_fail("%s: %s (%llu times; first %s for %#llx)", target, rule,
			    (unsigned long long)c->bad, x86_vector_name(c->bad_vector),
			    (unsigned long long)c->bad_what);
	else
		report_pass("%s: %s", target, rule);
}

static uint32_t random_in_ranges(const uint32_t (*r)[2], unsigned n)
{
	unsigned i = tv_rand() % (n + 1);
	if (i == n)
		return (uint32_t)tv_rand();
	return r[i][0] + (uint32_t)(tv_rand() % (r[i][1] - r[i][0] + 1));
}

static void fuzz_cpuid(uint64_t calls)
{
	static const uint32_t leaves[][2] = { { 0, 0x24 }, { 0x40000000, 0x40000010 },
					      { 0x80000000, 0x80000028 }, { 0x8fffff00, 0x8fffffff } };
	struct counts c = { 0 };
	for (uint64_t i = 0; i < calls; i++) {
		uint32_t leaf = random_in_ranges(leaves, 4), sub = (uint32_t)(tv_rand() % 8 ? tv_rand() % 16 : tv_rand());
		uint32_t a = leaf, b, cx = sub, d;
		catch_all(2);
		__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(cx), "=d"(d) :: "memory");
		count(&c, 0, leaf);
	}
	report_counts("cpuid", &c, calls, "every CPUID leaf returns without an exception");
}

static bool rdmsr_caught(uint32_t msr, uint64_t *val)
{
	uint32_t lo = 0, hi = 0;
	catch_all(2);
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr) : "memory");
	*val = lo | (uint64_t)hi << 32;
	return last_vector == ~0u;
}

static void wrmsr_caught(uint32_t msr, uint64_t val)
{
	catch_all(2);
	__asm__ volatile("wrmsr" :: "c"(msr), "a"((uint32_t)val), "d"((uint32_t)(val >> 32)) : "memory");
}

static void fuzz_msr(uint64_t calls)
{
	static const uint32_t ranges[][2] = { { 0, 0x1000 }, { 0xc0000000, 0xc0000110 },
					      { 0xc0010000, 0xc0011100 }, { 0x40000000, 0x400000ff } };
	struct counts rd = { 0 }, wr = { 0 };
	uint64_t writes = 0;
	for (uint64_t i = 0; i < calls; i++) {
		uint32_t msr = random_in_ranges(ranges, 4);
		uint64_t val;
		bool readable = rdmsr_caught(msr, &val);
		count(&rd, 1u << X86_GP, msr);
		/* The TSC written back would run the clock backwards under the payload. */
		if (msr == 0x10)
			continue;
		writes++;
		wrmsr_caught(msr, readable ? val : tv_rand());
		count(&wr, 1u << X86_GP, msr);
	}
	report_counts("rdmsr", &rd, calls, "RDMSR of any index returns or raises #GP");
	report_counts("wrmsr", &wr, writes, "WRMSR of any index returns or raises #GP");
}

/* Ports OUT leaves alone on both platforms: COM1 (the console), isa-debug-exit, the
 * keyboard controller and port 0x92 (reset), PCI configuration (could move RAM), the
 * CMOS/NMI mask, the SMI command port, the ACPI PM block (power off), fw_cfg (DMA). */
static const uint16_t out_denied[][2] = {
	{ 0x3f8, 0x3ff }, { 0xf4, 0xf7 }, { 0x60, 0x64 }, { 0x92, 0x92 }, { 0xcf8, 0xcff },
	{ 0x70, 0x71 }, { 0xb2, 0xb3 }, { 0x600, 0x67f }, { 0x510, 0x51b },
};

static bool out_allowed(uint16_t port, unsigned size)
{
	for (unsigned i = 0; i < sizeof(out_denied) / sizeof(out_denied[0]); i++)
		if (port + size - 1 >= out_denied[i][0] && port <= out_denied[i][1])
			return false;
	return true;
}

/* REP INS/OUTS of 0..3 elements through a buffer (REP + opcode, and the operand-size
 * prefix for words). */
static void string_port(uint16_t port, unsigned size, bool out, unsigned n)
{
	static uint32_t buf[4];
	void *p = buf;
	catch_all(size == 2 ? 3 : 2);
	if (out) {
		if (size == 1) __asm__ volatile("rep outsb" : "+S"(p), "+c"(n) : "d"(port) : "memory");
		else if (size == 2) __asm__ volatile("rep outsw" : "+S"(p), "+c"(n) : "d"(port) : "memory");
		else __asm__ volatile("rep outsl" : "+S"(p), "+c"(n) : "d"(port) : "memory");
	} else {
		if (size == 1) __asm__ volatile("rep insb" : "+D"(p), "+c"(n) : "d"(port) : "memory");
		else if (size == 2) __asm__ volatile("rep insw" : "+D"(p), "+c"(n) : "d"(port) : "memory");
		else __asm__ volatile("rep insl" : "+D"(p), "+c"(n) : "d"(port) : "memory");
	}
}

static void fuzz_port(uint64_t calls)
{
	struct counts c = { 0 };
	uint64_t outs = 0, strings = 0;
	for (uint64_t i = 0; i < calls; i++) {
		uint16_t port = (uint16_t)tv_rand();
		unsigned size = 1u << (tv_rand() % 3);
		uint32_t v = (uint32_t)tv_rand();
		bool out = tv_rand() & 1 && out_allowed(port, size);
		outs += out;
		if (tv_rand() % 4 == 0) {
			strings++;
			string_port(port, size, out, (unsigned)tv_rand() % 4);
			count(&c, 0, port);
			continue;
		}
		/* IN/OUT with DX: one byte, two with the operand-size prefix. */
		catch_all(size == 2 ? 2 : 1);
		if (out) {
			if (size == 1) __asm__ volatile("outb %b0, %w1" :: "a"(v), "d"(port) : "memory");
			else if (size == 2) __asm__ volatile("outw %w0, %w1" :: "a"(v), "d"(port) : "memory");
			else __asm__ volatile("outl %0, %w1" :: "a"(v), "d"(port) : "memory");
		} else {
			if (size == 1) __asm__ volatile("inb %w1, %b0" : "+a"(v) : "d"(port) : "memory");
			else if (size == 2) __asm__ volatile("inw %w1, %w0" : "+a"(v) : "d"(port) : "memory");
			else __asm__ volatile("inl %w1, %0" : "+a"(v) : "d"(port) : "memory");
		}
		count(&c, 0, port);
	}
	report_info("port: %llu OUT, %llu IN, %llu of them REP INS/OUTS", (unsigned long long)outs,
		    (unsigned long long)(calls - outs), (unsigned long long)strings);
	report_counts("port", &c, calls,
		      "IN/OUT/INS/OUTS of any port and size at CPL 0 complete without an exception");
}

static void fuzz_hypercall(uint64_t calls)
{
	static const uint64_t numbers[] = { HC_NOP, HC_SEV_HV_SET_TSC_OFFSET, HC_SEV_TRY_LAUNCH,
					    HC_SEV_GUEST_FEATURES, HC_ASID, HC_TIME_NS };
	struct counts c = { 0 };
	for (uint64_t i = 0; i < calls; i++) {
		uint64_t nr = numbers[tv_rand() % (sizeof(numbers) / sizeof(numbers[0]))];
		uint64_t b = tv_rand(), cx = tv_rand(), d = tv_rand() % 3;
		/* A TSC offset moves the payload's own clock: keep it at zero. */
		if (nr == HC_SEV_HV_SET_TSC_OFFSET)
			b = 0;
		catch_all(3);
		__asm__ volatile("vmmcall" : "+a"(nr), "+b"(b), "+c"(cx), "+d"(d) :: "memory");
		count(&c, 1u << X86_UD, nr);
	}
	report_counts("hypercall", &c, calls,
		      "every defined VMMCALL returns (or raises #UD without a hypervisor)");
}

static const struct { const char *name; void (*run)(uint64_t calls); } targets[] = {
	{ "cpuid", fuzz_cpuid }, { "msr", fuzz_msr }, { "port", fuzz_port },
	{ "hypercall", fuzz_hypercall },
};

int main(int argc, char **argv)
{
	report_prefix_push("hv_fuzz");
	uint64_t calls = tv_fuzz_args(argc, argv, 20000);
	const char *only = tv_arg(argc, argv, "targets");
	for (unsigned v = 0; v < 32; v++)
		trap_install(v, skip_faulting);
	for (unsigned i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
		if (!only || strstr(only, targets[i].name))
			targets[i].run(calls);
	for (unsigned v = 0; v < 32; v++)
		trap_install(v, NULL);
	report(true, "the payload still runs after the fuzzing");
	return report_summary();
}
