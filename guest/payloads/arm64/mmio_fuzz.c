/* Loads and stores at random guest-physical addresses the guest may touch: the PL011, the
 * GICv3 distributor and its redistributor (MMIO testvisor emulates), and its own RAM. Loads
 * of 1, 2, 4 or 8 bytes at random aligned offsets; stores only where they cannot break the
 * payload: the value just read written back to a GIC register, and random values into a
 * scratch buffer of its RAM. Addresses outside these (memory the guest does not own) stop
 * the guest by design (payloads isolation, bad_access_*) and are not generated. Rule: every
 * access completes or raises a data abort (exception class 0x25, Arm ARM D17.2.37: an
 * external abort for an access size the device refuses); the guest is never stopped.
 * Single-register LDR/STR only: they carry an instruction syndrome testvisor can emulate.
 * Arguments: seed=<n> count=<n>. */
#include <libtv.h>
#include "trap.h"

#define PL011 0x09000000ull
#define GICD 0x08000000ull
#define GICR 0x080a0000ull
#define RAM 0x40000000ull
#define EC_DABT_SAME 0x25
#define ECS 64

struct region { const char *name; uint64_t base, size; bool write_back; };
static const struct region regions[] = {
	{ "pl011", PL011, 0x1000, false },
	{ "gicd", GICD, 0x10000, true },
	{ "gicr", GICR, 0x20000, true }, /* RD_base and SGI_base of CPU 0 */
	{ "ram", RAM, 16u << 20, false },
};
#define NR_REGIONS (sizeof(regions) / sizeof(regions[0]))

static uint8_t scratch[4096] __attribute__((aligned(8)));
static uint64_t by_ec[ECS], bad;
static unsigned first_bad_ec;
static uint64_t first_bad_addr;
static volatile bool aborted;

static bool on_sync(struct trap_frame *f)
{
	unsigned ec = trap_ec(f);
	by_ec[ec]++;
	if (ec != EC_DABT_SAME && !bad++) {
		first_bad_ec = ec;
		first_bad_addr = f->far;
	}
	aborted = true;
	f->pc += 4;
	return true;
}

static uint64_t load(uint64_t a, unsigned size)
{
	uint64_t v = 0;
	switch (size) {
	case 1: __asm__ volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(a) : "memory"); break;
	case 2: __asm__ volatile("ldrh %w0, [%1]" : "=r"(v) : "r"(a) : "memory"); break;
	case 4: __asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(a) : "memory"); break;
	default: __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(a) : "memory"); break;
	}
	return v;
}

static void store(uint64_t a, unsigned size, uint64_t v)
{
	switch (size) {
	case 1: __asm__ volatile("strb %w0, [%1]" :: "r"(v), "r"(a) : "memory"); break;
	case 2: __asm__ volatile("strh %w0, [%1]" :: "r"(v), "r"(a) : "memory"); break;
	case 4: __asm__ volatile("str %w0, [%1]" :: "r"(v), "r"(a) : "memory"); break;
	default: __asm__ volatile("str %0, [%1]" :: "r"(v), "r"(a) : "memory"); break;
	}
}

int main(int argc, char **argv)
{
	report_prefix_push("mmio_fuzz");
	uint64_t calls = tv_fuzz_args(argc, argv, 20000), stores = 0;
	uint64_t per_region[NR_REGIONS] = { 0 };
	for (unsigned ec = 0; ec < ECS; ec++)
		trap_install(TRAP_EC(ec), on_sync);
	for (uint64_t i = 0; i < calls; i++) {
		unsigned r = tv_rand() % NR_REGIONS, size = 1u << (tv_rand() % 4);
		uint64_t a = regions[r].base + (tv_rand() % regions[r].size & ~(uint64_t)(size - 1));
		per_region[r]++;
		aborted = false;
		uint64_t v = load(a, size);
		if (regions[r].write_back && !aborted && tv_rand() % 2) {
			stores++;
			store(a, size, v);
		}
		if (tv_rand() % 4 == 0) {
			stores++;
			store((uintptr_t)scratch + (tv_rand() % sizeof(scratch) & ~(uint64_t)(size - 1)), size, tv_rand());
		}
	}
	for (unsigned ec = 0; ec < ECS; ec++)
		trap_install(TRAP_EC(ec), NULL);
	for (unsigned r = 0; r < NR_REGIONS; r++)
		report_info("%s: %llu loads", regions[r].name, (unsigned long long)per_region[r]);
	tv_fuzz_report_calls("mmio", calls + stores);
	tv_fuzz_report_exception_counts("mmio", "EC %#x", by_ec, 0, ECS);
	if (bad)
		report_fail("mmio: an access raised exception class %#x (%llu times, first at %#llx)",
			    first_bad_ec, (unsigned long long)bad, (unsigned long long)first_bad_addr);
	else
		report_pass("mmio: every load and store completes or raises a data abort");
	report(true, "the payload still runs after the fuzzing");
	return report_summary();
}
