/* Which of the host hart's extensions a guest's DTB lists (guest_fdt.c): the tables of
 * those testvisor withholds and those it offers only when it could turn on their henvcfg
 * enable. Pure logic, host unit-tested (tests/unit/riscv/test_rv_guest_isa.c). */
#include <stdbool.h>
#include <string.h>
#include <rv_virt.h>

/* Extensions the guest gets only when testvisor can give them to VS-mode: the hart may
 * have one while the firmware keeps its enable bit (menvcfg) off, so henvcfg cannot. */
static const struct { const char *name; uint64_t henvcfg_bit; } gated_extensions[] = {
	{ "zicfilp", ENVCFG_LPE }, { "zicfiss", ENVCFG_SSE }, { "ssdbltrp", ENVCFG_DTE },
	{ "svadu", ENVCFG_ADUE }, { "ssnpm", ENVCFG_PMM }, { "sstc", ENVCFG_STCE },
	{ "zicbom", ENVCFG_CBCFE | ENVCFG_CBIE_FLUSH }, { "zicboz", ENVCFG_CBZE },
	{ "svpbmt", ENVCFG_PBMTE },
};

/* Extensions of the hart a guest never gets from testvisor (they stay off the DTB): their
 * instructions or CSRs trap from VS-mode to testvisor, which does not emulate them, their
 * state is not switched between vCPUs, or they name hardware guests do not get.
 * A trailing '*' matches every name with that prefix. */
static const char *const withheld_extensions[] = {
	"h", "sha",             /* no nested virtualization (Sha includes H) */
	"zkr", "zk",            /* the seed CSR raises a virtual-instruction exception in VS-mode
				 * (Zk includes Zkr) */
	"v", "zv*",             /* vector state is not switched; sstatus.VS stays Off */
	"smaia", "ssaia",       /* guests get a PLIC, no AIA (no IMSIC, APLIC, stopi, siselect) */
	"smcsrind", "sscsrind", /* indirect CSR access (siselect/sireg) is not given to VS-mode */
	"smctr", "ssctr",       /* control transfer records: state not switched */
	"smstateen", "ssstateen", /* sstateen0 is not given to VS-mode (hstateen0.SE0 = 0) */
};

static bool withheld(const char *name)
{
	for (unsigned i = 0; i < sizeof(withheld_extensions) / sizeof(withheld_extensions[0]); i++) {
		const char *w = withheld_extensions[i];
		size_t len = strlen(w);
		if (w[len - 1] == '*' ? !strncmp(name, w, len - 1) : !strcmp(name, w))
			return true;
	}
	return false;
}

bool rv_guest_extension_offered(const char *name, const struct rv_host_caps *caps)
{
	if (withheld(name))
		return false;
	for (unsigned i = 0; i < sizeof(gated_extensions) / sizeof(gated_extensions[0]); i++) {
		if (strcmp(name, gated_extensions[i].name))
			continue;
		if (gated_extensions[i].henvcfg_bit == ENVCFG_PMM)
			return caps->pmlen7 || caps->pmlen16;
		return (caps->henvcfg_bits & gated_extensions[i].henvcfg_bit) ==
		       gated_extensions[i].henvcfg_bit;
	}
	return true;
}
