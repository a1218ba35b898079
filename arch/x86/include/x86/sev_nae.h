/* One VMGEXIT request through the GHCB page while its handler runs (sev_ghcb.c dispatches,
 * sev_ghcb_scratch.c handles the events whose data travel through the scratch area). A
 * handler sees only the fields the guest marked valid, answers into `out`, and returns
 * false when it stopped the guest. */
#ifndef X86_SEV_NAE_H
#define X86_SEV_NAE_H

#include <stdbool.h>
#include <stdint.h>
#include <x86/ghcb_page.h>

struct vcpu;

struct nae {
	struct vcpu *vcpu;
	const struct ghcb_fields *in;
	struct ghcb_fields out;
	uint8_t *page;     /* testvisor's copy of the GHCB page, written back after the handler */
	uint64_t ghcb_gpa;
};

static inline uint64_t nae_in(const struct nae *n, enum ghcb_field f) { return n->in->value[f]; }

static inline void nae_out(struct nae *n, enum ghcb_field f, uint64_t value)
{
	n->out.value[f] = value;
	n->out.fields |= GHCB_F(f);
}

/* An SNP-only event (AP creation, page-state change) from an SEV-ES guest: answered as an
 * invalid event (6), or with sev_es_snp_events=missing_input as KVM answers it (4). */
bool nae_refuse_snp_only(struct nae *n);
/* The #HV doorbell page (0x8000_0014, sev_doorbell.c). */
bool nae_hv_doorbell(struct nae *n);

/* MMIO read/write (0x8000_0001/2), IOIO with the string bit, SNP page-state change
 * (0x8000_0010). */
bool nae_mmio(struct nae *n);
bool nae_string_io(struct nae *n);
bool nae_psc(struct nae *n);
/* SNP guest request (0x8000_0011) and extended guest request (0x8000_0012). */
bool nae_guest_request(struct nae *n);
bool nae_ext_guest_request(struct nae *n);

#endif
