/* Exceptions taken at EL2 by testvisor itself. Two are expected and handled: the lazy
 * FP/SIMD trap (the hypervisor touched FP registers while they hold a guest's state) and
 * the UNDEF of the semihosting probe. Anything else is a testvisor bug: print the
 * registers and the faulting address, and end the run with a failure status. */
#include <stdio.h>
#include <hv/arch_if.h>
#include <arm64/sysreg.h>
#include "arm64.h"
#include <exc_frame.h>

_Static_assert(sizeof(struct el2_frame) == EXC_FRAME_SIZE, "exc_frame.h layout");

extern volatile bool semihosting_probe;
bool arm64_fp_trap(void);

static const char *const exception_kinds[] = { "synchronous", "IRQ", "FIQ", "SError" };

static const char *ec_name(unsigned ec)
{
	static const struct { unsigned ec; const char *name; } names[] = {
		{ EC_UNKNOWN, "undefined instruction" }, { EC_FP, "FP/SIMD access" },
		{ EC_SYS64, "system register" }, { EC_IABT_CUR, "instruction abort" },
		{ EC_PC_ALIGN, "PC alignment" }, { EC_DABT_CUR, "data abort" },
		{ 0x26, "SP alignment" }, { EC_SERROR, "SError" }, { EC_BRK64, "BRK" },
	};
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].ec == ec)
			return names[i].name;
	return "other";
}

static void print_frame(const struct el2_frame *f, unsigned kind)
{
	unsigned ec = (unsigned)ESR_EC(f->esr);
	printf("testvisor: unexpected %s exception at EL2\n",
	       kind < 4 ? exception_kinds[kind] : "?");
	printf("  ESR_EL2=%016lx (EC 0x%02x: %s) FAR_EL2=%016lx\n",
	       (unsigned long)f->esr, ec, ec_name(ec), (unsigned long)f->far);
	printf("  ELR_EL2=%016lx SPSR_EL2=%016lx SP=%016lx\n", (unsigned long)f->elr,
	       (unsigned long)f->spsr, (unsigned long)f->sp);
	for (unsigned i = 0; i < 31; i += 2) {
		if (i == 30)
			printf("  x30=%016lx\n", (unsigned long)f->x[30]);
		else
			printf("  x%-2u=%016lx x%-2u=%016lx\n", i, (unsigned long)f->x[i],
			       i + 1, (unsigned long)f->x[i + 1]);
	}
}

void el2_exception(struct el2_frame *f, unsigned kind)
{
	unsigned ec = (unsigned)ESR_EC(f->esr);
	if (kind == 0 && ec == EC_FP && arm64_fp_trap())
		return;
	if (kind == 0 && ec == EC_UNKNOWN && semihosting_probe) {
		semihosting_probe = false;
		f->elr += 4;
		return;
	}
	static bool nested;
	if (nested)
		arch_machine_exit(3); /* failed while reporting: end without printing */
	nested = true;
	print_frame(f, kind);
	arch_machine_exit(2);
}
