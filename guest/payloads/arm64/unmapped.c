/* An access to a guest-physical address with nothing behind it (past the end of RAM, no
 * device) is a synchronous External abort, as on bare QEMU virt: a data abort (EC 0x25 at
 * EL1) with DFSC 0b010000 for loads and stores, WnR telling which, an instruction abort
 * (EC 0x21) with IFSC 0b010000 for a fetch, FAR_EL1 = the address where FnV is 0 (Arm ARM
 * ESR_ELx ISS encoding for an exception from a Data Abort / Instruction Abort). The
 * payload catches each abort and goes on. Under testvisor `unmapped=stop` stops the guest
 * instead (isolation*). */
#include <libtv.h>
#include <stdint.h>
#include <platform.h>
#include "arm64.h"
#include "fdt_scan.h"
#include "trap.h"

#define EC_IABT_CUR 0x21
#define ISS_FSC(esr) ((esr) & 0x3f)
#define FSC_SEA 0x10
#define ISS_WNR (1ull << 6)
#define ISS_FNV (1ull << 10)

static volatile uint64_t abort_esr, abort_far;
static volatile unsigned aborts;

static bool on_data_abort(struct trap_frame *f)
{
	aborts++;
	abort_esr = f->esr;
	abort_far = f->far;
	f->pc += 4;
	return true;
}

static bool on_insn_abort(struct trap_frame *f)
{
	aborts++;
	abort_esr = f->esr;
	abort_far = f->far;
	f->pc = f->x[30]; /* back to the caller of the branch */
	return true;
}

static void expect_sea(const char *what, unsigned ec, uint64_t addr, int wnr)
{
	report(aborts == 1 && trap_ec(&(struct trap_frame){ .esr = abort_esr }) == ec &&
		       ISS_FSC(abort_esr) == FSC_SEA,
	       "%s: a synchronous External abort (EC %#x, FSC 0x10)", what, ec);
	if (aborts)
		report_info("%s: ESR_EL1 %#lx FAR_EL1 %#lx", what, (unsigned long)abort_esr,
			    (unsigned long)abort_far);
	report(aborts == 1 && ((abort_esr & ISS_FNV) || abort_far == addr),
	       "%s: FAR_EL1 holds the address (or FnV says it cannot)", what);
	if (wnr >= 0)
		report(aborts == 1 && !!(abort_esr & ISS_WNR) == wnr, "%s: WnR = %d", what, wnr);
	aborts = 0;
}

int main(int argc, char **argv)
{
	struct fdt_scan s;
	report(fdt_scan(platform_fdt(), &s) && s.mem_size != 0, "the DTB describes guest memory");
	uint64_t outside = s.mem_base + s.mem_size + 0x100000;
	report_info("IPA %#lx, past the end of RAM at %#lx", (unsigned long)outside,
		    (unsigned long)(s.mem_base + s.mem_size));
	trap_install(TRAP_EC(EC_DABT_CUR), on_data_abort);
	trap_install(TRAP_EC(EC_IABT_CUR), on_insn_abort);
	volatile uint64_t *p = (volatile uint64_t *)(uintptr_t)outside;

	uint64_t v = *p;
	(void)v;
	expect_sea("read", EC_DABT_CUR, outside, 0);
	*p = 0x5a5a5a5a;
	expect_sea("write", EC_DABT_CUR, outside, 1);
	((void (*)(void))(uintptr_t)outside)();
	expect_sea("fetch", EC_IABT_CUR, outside, -1);
	return report_summary();
}
