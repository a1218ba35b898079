/* The SGI group rule on CPU 0 alone, then an SGI between CPUs: CPU 1, started with PSCI CPU_ON, writes ICC_SGI1R_EL1 to send SGI 1
 * to CPU 0 and turns itself off; CPU 0 takes the interrupt through the GIC. Under
 * testvisor the write traps (HCR_EL2.IMO) and the SGI is queued in CPU 0's list registers.
 * Needs cpus=2 (QEMU -smp 2, config vcpus=2). */
#include <libtv.h>
#include <stdlib.h>
#include "arm64.h"
#include "gic.h"
#include "psci_ids.h"
#include "trap.h"

#define SGI_NUM 1

/* CPU 1, MMU off: enable the system-register interface, SGI 1 -> CPU 0 (Aff0 0), off. */
extern char ipi_entry_hvc[], ipi_entry_smc[];
#define IPI_ENTRY(conduit) \
	"ipi_entry_" #conduit ":\n" \
	"  mrs x2, s3_0_c12_c12_5\n  orr x2, x2, #1\n  msr s3_0_c12_c12_5, x2\n  isb\n" \
	"  mov x1, #(1 << 24)\n  orr x1, x1, #1\n  msr s3_0_c12_c11_5, x1\n  isb\n" \
	"  movz w0, #0x8400, lsl #16\n  orr w0, w0, #2\n  " #conduit " #0\n  b .\n"
__asm__(".text\n.balign 4\n" IPI_ENTRY(hvc) IPI_ENTRY(smc));

static volatile unsigned sgis, others;

static bool on_irq(struct trap_frame *f)
{
	unsigned intid = gic_ack();
	if (intid == SGI_NUM)
		sgis++;
	else if (intid < 1020)
		others++;
	if (intid < 1020)
		gic_eoi(intid);
	return true;
}

#define GICR_IGROUPR0 0x80
#define GICR_ISPENDR0 0x200
#define GICR_ICPENDR0 0x280

/* A Group 0 SGI request (ICC_SGI0R_EL1; ICC_ASGI1R_EL1 with one security state) is
 * forwarded only to a PE where that SGI is Group 0 (GICv3 spec IHI 0069, "Forwarding an
 * SGI to a target PE"). SGIs 2 and 3 stay disabled and group 0 stays off, so neither is
 * ever taken: only their pending bits show what the writes did. */
static void sgi_group_rule(void)
{
	static const struct {
		const char *reg;
		bool asgi1r; /* else ICC_SGI0R_EL1 */
		unsigned intid;
		bool group1, raised;
	} cases[] = {
		{ "ICC_SGI0R_EL1", false, 2, true, false }, { "ICC_SGI0R_EL1", false, 3, false, true },
		{ "ICC_ASGI1R_EL1", true, 2, true, false }, { "ICC_ASGI1R_EL1", true, 3, false, true },
	};
	volatile uint32_t *group = gic_sgi_frame_reg(0, GICR_IGROUPR0);
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t bit = 1u << cases[i].intid;
		*group = cases[i].group1 ? *group | bit : *group & ~bit;
		uint64_t v = (uint64_t)cases[i].intid << 24 | 1; /* target list {Aff0 0}: this CPU */
		if (!cases[i].asgi1r)
			__asm__ volatile("msr s3_0_c12_c11_7, %0\n isb" :: "r"(v));
		else
			__asm__ volatile("msr s3_0_c12_c11_6, %0\n isb" :: "r"(v));
		bool pending = *gic_sgi_frame_reg(0, GICR_ISPENDR0) & bit;
		*gic_sgi_frame_reg(0, GICR_ICPENDR0) = bit;
		report(pending == cases[i].raised, "%s for SGI %u in group %u: %s", cases[i].reg,
		       cases[i].intid, cases[i].group1, cases[i].raised ? "pending" : "not raised");
	}
	*group |= (1u << 2) | (1u << 3);
}

int main(int argc, char **argv)
{
	if (!gic_init(0)) {
		report_skip("no GICv3 in the device tree");
		return report_summary();
	}
	sgi_group_rule();
	const char *cpus = tv_arg(argc, argv, "cpus");
	if (!cpus || atoi(cpus) < 2) {
		report_skip("needs a second CPU (cpus=2)");
		return report_summary();
	}
	gic_enable_private(0, SGI_NUM, 0x80);
	trap_install(TRAP_IRQ, on_irq);
	__asm__ volatile("msr daifclr, #2" ::: "memory");
	struct smccc_res r;
	char *entry = psci_conduit_is_smc() ? ipi_entry_smc : ipi_entry_hvc;
	smccc_call(PSCI_CPU_ON | FN64, 1, (uint64_t)(uintptr_t)entry, 0, &r);
	report((int64_t)r.a0 == PSCI_RET_SUCCESS, "CPU 1 started");
	for (unsigned i = 0; i < 100000000 && !sgis; i++)
		__asm__ volatile("wfi");
	__asm__ volatile("msr daifset, #2" ::: "memory");
	report(sgis == 1, "SGI %u from CPU 1 arrived at CPU 0", SGI_NUM);
	report(others == 0, "no other interrupt arrived");
	unsigned off = 0;
	for (unsigned i = 0; i < 2000000 && !off; i++) {
		smccc_call(PSCI_AFFINITY_INFO | FN64, 1, 0, 0, &r);
		off = (int64_t)r.a0 == 1;
	}
	report(off, "CPU 1 turned itself off");
	return report_summary();
}
