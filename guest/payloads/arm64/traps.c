/* What a guest may not do reaches it as UNDEF, as on hardware without the feature:
 * SVE (hidden from every VM: CPTR_EL2.TZ, UNDEF injected), semihosting (a guest must never end the machine), HVC/SMC
 * that no firmware answers, EL2 registers, writes to ID registers. Each check accepts
 * exactly what the CPU the payload sees should do, so bare QEMU and testvisor agree. */
#include <libtv.h>
#include "arm64.h"
#include "psci_ids.h"
#include "trap.h"

static volatile unsigned trapped_ec = ~0u, traps;

static bool on_sync(struct trap_frame *f)
{
	traps++;
	trapped_ec = trap_ec(f);
	f->pc += 4;
	return true;
}

static void expect_undef_start(void) { trapped_ec = ~0u; }

int main(int argc, char **argv)
{
	trap_install(TRAP_EC(0x00), on_sync);
	trap_install(TRAP_EC(0x19), on_sync); /* SVE access trap (CPACR_EL1.ZEN) */
	trap_install(TRAP_EC(0x18), on_sync);

	unsigned sve = (unsigned)(read_sysreg(id_aa64pfr0_el1) >> 32) & 0xf;
	report_info("ID_AA64PFR0_EL1.SVE = %u", sve);
	/* With SVE enabled at EL1 (CPACR_EL1.ZEN), only EL2 can still refuse it. */
	uint64_t cpacr = read_sysreg(cpacr_el1);
	write_sysreg(cpacr_el1, cpacr | (3ull << 16));
	isb();
	expect_undef_start();
	__asm__ volatile(".inst 0x04a03000" ::: "memory"); /* SVE: eor z0.d, z0.d, z0.d */
	write_sysreg(cpacr_el1, cpacr);
	isb();
	report(sve == 0 ? trapped_ec == 0x00 : trapped_ec == ~0u,
	       "an SVE instruction runs or is undefined as ID_AA64PFR0_EL1.SVE announces");

	expect_undef_start();
	register uint64_t x0 __asm__("x0") = 0x18; /* SYS_EXIT: would end the machine */
	register uint64_t x1 __asm__("x1") = 0;
	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	report(trapped_ec == 0x00, "semihosting is not available: HLT #0xf000 is undefined");

	/* SMC: plain QEMU virt has no EL3 (UNDEF); testvisor traps it and answers PSCI. */
	expect_undef_start();
	struct smccc_res r;
	smccc_call_via(true, PSCI_VERSION, 0, 0, 0, &r);
	struct smccc_res ref;
	smccc_call(PSCI_VERSION, 0, 0, 0, &ref);
	report(trapped_ec == 0x00 || r.a0 == ref.a0,
	       "SMC #0 never escapes: it answers PSCI or is undefined");

	expect_undef_start();
	uint64_t hcr;
	__asm__ volatile("mrs %0, hcr_el2" : "=r"(hcr) : : "memory");
	report(trapped_ec == 0x00, "HCR_EL2 is not accessible at EL1");

	expect_undef_start();
	__asm__ volatile("msr s3_0_c0_c4_0, %0" : : "r"(0ull) : "memory");
	report(trapped_ec == 0x00, "a write to ID_AA64PFR0_EL1 is undefined");

	uint64_t before = traps;
	__asm__ volatile("sevl\n wfe" ::: "memory");
	report(traps == before, "WFE with an event pending completes without a trap");
	return report_summary();
}
