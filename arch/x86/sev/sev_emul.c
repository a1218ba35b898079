/* The emulated SEV-SNP backend: a modelled SNP-capable CPU and the model PSP behind the
 * same PSP command layer as the hardware. What the guest observes (SEV_STATUS, the GHCB
 * MSR protocol, GUEST_TSC_FREQ, the locked TSC, VMEXIT_INVALID from the allowed-features
 * check) is produced by sev/sev.c from this model. */
#include <x86/sev_backend.h>

#define MODEL_CBIT 51
#define MODEL_PHYS_REDUCTION 1

static struct psp_model model;

static int nothing_to_prepare(struct vcpu *vcpu) { return 0; }

void sev_emul_init(struct sev_backend *b, unsigned nr_asids)
{
	psp_model_init(&model, nr_asids);
	/* Half the ASIDs for SNP/SEV-ES, the upper half for plain SEV, as firmware splits. */
	b->name = "emulated";
	b->hardware = false;
	b->caps = (struct sev_caps){
		.sev = true, .sev_es = true, .snp = true, .secure_tsc = true,
		.allowed_sev_features = true, .cbit = MODEL_CBIT,
		.phys_reduction = MODEL_PHYS_REDUCTION,
		.nr_encrypted_asids = nr_asids - 1, .min_sev_asid = nr_asids / 2,
	};
	b->psp = (struct psp_transport){ psp_model_submit, &model };
	b->prepare_vcpu = nothing_to_prepare;
}
