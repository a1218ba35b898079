/* The arm64 payload platform: PL011 console, PSCI SYSTEM_OFF exit, command line from
 * /chosen/bootargs of the DTB in x0, EL1 identity map. Only what bare QEMU virt has, so a
 * payload runs unchanged as a guest of testvisor. */
#include <libtv.h>
#include <platform.h>
#include <string.h>
#include "arm64.h"
#include "fdt_scan.h"
#include "idmap.h"
#include "smccc_conduit.h"

#define PL011_BASE 0x09000000ul
#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_FR_TXFF (1u << 5)
#define PSCI_SYSTEM_OFF 0x84000008u

static struct fdt_scan boot_fdt;
static const void *fdt_ptr;
static bool conduit_smc;

/* EL1 identity map (idmap.h): Device memory in the first GiB (MMIO), Normal above. */
static uint64_t l1_table[IDMAP_ENTRIES] __attribute__((aligned(4096)));

static void mmu_init(void)
{
	idmap_fill(l1_table, 1ull << 30, (1ull << 54) | (1ull << 53)); /* UXN, PXN */
	write_sysreg(mair_el1, IDMAP_MAIR);
	write_sysreg(tcr_el1, IDMAP_TCR_COMMON | (2ull << 32)); /* IPS: 40-bit PA */
	write_sysreg(ttbr0_el1, (uint64_t)(uintptr_t)l1_table);
	__asm__ volatile("dsb sy; tlbi vmalle1; dsb sy" ::: "memory");
	isb();
	uint64_t sctlr = read_sysreg(sctlr_el1);
	sctlr |= (1ull << 0) | (1ull << 2) | (1ull << 12); /* M, C, I */
	sctlr &= ~(1ull << 1);                              /* no alignment checks */
	write_sysreg(sctlr_el1, sctlr);
	isb();
}

void arm64_early_init(const void *fdt);
void arm64_early_init(const void *fdt)
{
	fdt_ptr = fdt;
	mmu_init();
	if (fdt_scan(fdt, &boot_fdt))
		conduit_smc = strcmp(boot_fdt.psci_method, "smc") == 0;
}

void platform_init(void) {}

void platform_putc(char c)
{
	volatile uint32_t *uart = (volatile uint32_t *)PL011_BASE;
	while (uart[PL011_FR / 4] & PL011_FR_TXFF)
		;
	uart[PL011_DR / 4] = (uint8_t)c;
}

const char *platform_cmdline(void) { return boot_fdt.bootargs ? boot_fdt.bootargs : ""; }
const void *platform_fdt(void) { return fdt_ptr; }
const char *platform_model(void) { return boot_fdt.model; }
bool psci_conduit_is_smc(void) { return conduit_smc; }

const char *tv_platform_name(void)
{
	return strncmp(boot_fdt.model, "testvisor", 9) == 0 ? "testvisor" : "qemu";
}

void smccc_call_via(bool smc, uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
		    struct smccc_res *res)
{
	uint64_t regs[4] = { fid, a1, a2, a3 };
	smccc_conduit_call(smc, regs);
	*res = (struct smccc_res){ regs[0], regs[1], regs[2], regs[3] };
}

void smccc_call(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3, struct smccc_res *res)
{
	smccc_call_via(conduit_smc, fid, a1, a2, a3, res);
}

noreturn void platform_exit(int status)
{
	/* PSCI SYSTEM_OFF carries no status: the EXIT line printed before it is the result. */
	struct smccc_res res;
	smccc_call(PSCI_SYSTEM_OFF, 0, 0, 0, &res);
	for (;;)
		__asm__ volatile("wfi");
}
