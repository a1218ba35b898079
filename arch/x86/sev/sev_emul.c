/* The emulated SEV-SNP backend: a modelled SNP-capable CPU and the model PSP behind the
 * same PSP command layer as the hardware. What the guest observes (SEV_STATUS, the GHCB
 * MSR protocol, GUEST_TSC_FREQ, the locked TSC, VMEXIT_INVALID from the allowed-features
 * check) is produced by sev/sev.c from this model. */
#include <cpu.h>
#include <x86/host.h>
#include <x86/sev_backend.h>

#define MODEL_PHYS_REDUCTION 1
#define CBIT_HARDWARE 51 /* EPYC's usual position, when the CPU's physical width allows */

/* The modelled C-bit is the highest physical address bit of the CPU testvisor runs on (39
 * under QEMU's TCG, whose guests have 40), so that a guest's page tables may set it and
 * its accesses still reach the nested page tables, where the C-bit alias of guest RAM
 * lives (svm/vm.c). On a CPU as wide as EPYC's it is 51. */
static unsigned model_cbit(void)
{
	unsigned phys = cpuid(0x80000008, 0).eax & 0xff;
	return phys > CBIT_HARDWARE ? CBIT_HARDWARE : phys - 1;
}

static struct psp_model model;

/* The modelled CPU runs the guest from the VMCB; the VMSA page holds its launch values. */
static void keep_running_from_vmcb(struct vcpu *vcpu, paddr_t vmsa) { }

/* The modelled CPU enumerates SEV, SEV-ES, SNP, ALLOWED_SEV_FEATURES and the flag of every
 * SEV_FEATURES bit that has one (a bit without a flag is not on any CPU it models). */
static uint32_t model_cpuid_eax(void)
{
	uint32_t eax = SEV_CPUID_SEV | SEV_CPUID_SEV_ES | SEV_CPUID_SNP |
		       SEV_CPUID_ALLOWED_SEV_FEATURES;
	for (unsigned i = 0; i < sev_feature_count; i++)
		if (sev_feature_table[i].cpuid_flag != NO_CPUID_FLAG)
			eax |= 1u << sev_feature_table[i].cpuid_flag;
	return eax;
}

static uint64_t host_tsc(void) { return rdtsc(); }

/* testvisor maps memory 1:1: a page's physical address is where it is read. */
static void *identity_page(uint64_t pa) { return (void *)(uintptr_t)pa; }

void sev_emul_init(struct sev_backend *b, unsigned nr_asids)
{
	psp_model_init(&model, nr_asids);
	model.host_tsc_khz = x86_tsc_hz() / 1000;
	model.read_tsc = host_tsc;
	model.page_at = identity_page;
	b->name = "emulated";
	b->hardware = false;
	/* Half the ASIDs for SNP/SEV-ES, the upper half for plain SEV, as firmware splits. */
	b->caps = sev_caps_from_cpuid(model_cpuid_eax(), model_cbit() | MODEL_PHYS_REDUCTION << 6,
				      nr_asids - 1, nr_asids / 2);
	b->psp = (struct psp_transport){ psp_model_submit, &model };
	b->rmp = (struct snp_rmp){ psp_model_rmpupdate, &model };
	b->use_vmsa = keep_running_from_vmcb;
}
