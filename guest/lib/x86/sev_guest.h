/* The guest side of SEV-ES/SNP for x86 payloads: on an SEV-ES or SNP guest every
 * intercepted instruction raises #VC (vector 29) in the guest, and its handler asks the
 * hypervisor through the GHCB page (GHCB specification, AMD pub. 56421). sev_guest_init
 * runs before the payload's first port I/O; on any other platform it does nothing and
 * the payload runs as before. */
#ifndef GUEST_X86_SEV_GUEST_H
#define GUEST_X86_SEV_GUEST_H

#include <stdbool.h>
#include <stdint.h>

void sev_guest_init(void);

/* On an AP, before its first #VC: an SNP vCPU registers the (shared) GHCB itself. */
void sev_guest_ap_init(void);

/* SEV-ES or SNP: the guest talks to its hypervisor only through the GHCB. */
bool sev_es_guest(void);

/* The start of a payload written for SEV-ES and SNP guests: its argument type=snp|es
 * (each manifest entry gives one; missing or other: abort). Returns SEV_PAYLOAD_NONE,
 * after a SKIP with the reason, when the payload does not run as such a guest. */
enum sev_payload_type { SEV_PAYLOAD_NONE, SEV_PAYLOAD_ES, SEV_PAYLOAD_SNP };
enum sev_payload_type sev_es_payload_start(int argc, char **argv);

/* #VC exceptions taken for exit code `code` (below 0x100, or 0x400 for MMIO) since start. */
unsigned long sev_vc_count(unsigned code);

/* The GHCB page (shared with the hypervisor) and a raw VMGEXIT with the GHCB MSR set to
 * it, for payloads that build requests of their own. Nothing may print between filling
 * the page and reading the answer: printing uses the same page. */
uint8_t *sev_ghcb_page(void);
void sev_ghcb_vmgexit(void);
/* Raw access to a save-area field at offset `off` of the GHCB page (GHCB specification
 * "GHCB layout"), for payloads that build malformed requests: written and marked valid,
 * its valid bit cleared, read, its valid bit tested. */
void sev_ghcb_set(unsigned off, uint64_t v);
void sev_ghcb_clear(unsigned off);
uint64_t sev_ghcb_read(unsigned off);
bool sev_ghcb_is_valid(unsigned off);
/* One request through the GHCB page: SW_EXITCODE/EXITINFO1/EXITINFO2 (and RAX when
 * `rax` is given) marked valid; the answer's SW_EXITINFO1 and SW_EXITINFO2. */
void sev_ghcb_request(uint64_t exit_code, uint64_t info1, uint64_t info2, const uint64_t *rax,
		      uint64_t answer[2]);
/* The same with RAX and RBX each put (and marked valid) when given; the answer's
 * SW_EXITINFO1/2 and RBX, with whether the answer marked RBX valid. */
struct sev_ghcb_answer {
	uint64_t info1, info2, rbx;
	bool rbx_valid;
};
struct sev_ghcb_answer sev_ghcb_request_regs(uint64_t exit_code, uint64_t info1, uint64_t info2,
					     const uint64_t *rax, const uint64_t *rbx);
/* A request whose data travel through the scratch area: SW_SCRATCH = `scratch` (a GPA;
 * in the GHCB's shared buffer or in shared pages), marked valid with the three SW fields. */
struct sev_ghcb_answer sev_ghcb_request_scratch(uint64_t exit_code, uint64_t info1, uint64_t info2,
						uint64_t scratch);
/* SNP: the page at `gpa` made shared by a page-state change (MSR protocol); false when
 * the hypervisor refused. */
bool sev_make_shared(uint64_t gpa);
/* The page at `va` mapped with the C-bit clear and nothing else: no page-state change
 * (for payloads that check what the CPU makes of it). False when it cannot be mapped. */
bool sev_map_unencrypted(uint64_t va);
/* SNP's page instructions (APM vol. 3): PVALIDATE of the 4 KiB page at `va` (validate or
 * rescind; *unchanged = CF: it already was), RMPADJUST of it for VMPL `attrs` 7:0, rights
 * 15:8, VMSA bit 16. Both return RAX: 0 success, else the failure code. */
uint64_t sev_pvalidate(uint64_t va, bool validate, bool *unchanged);
/* PVALIDATE of the 2 MiB page at `va` (RCX[0] = 1): 1 FAIL_INPUT when `va` is not 2 MiB
 * aligned, 6 FAIL_SIZEMISMATCH when the RMP holds the range as 4 KiB pages. */
uint64_t sev_pvalidate_2m(uint64_t va, bool validate, bool *unchanged);
uint64_t sev_rmpadjust(uint64_t va, uint64_t attrs);
/* RMPADJUST of the 2 MiB page at `va` (RCX[0] = 1). */
uint64_t sev_rmpadjust_2m(uint64_t va, uint64_t attrs);
/* SNP: the page at `gpa` private again by a page-state change and mapped with the C-bit;
 * it still has to be validated. */
bool sev_make_private(uint64_t gpa);
/* SNP: `n` pages from `gpa` (at most SEV_PSC_MAX_PAGES) made shared or private by one
 * page-state change through the GHCB page, then mapped without or with the C-bit; pages
 * made private still need PVALIDATE. False when the hypervisor refused. */
#define SEV_PSC_MAX_PAGES 253u
bool sev_make_pages_shared(uint64_t gpa, unsigned n);
bool sev_make_pages_private(uint64_t gpa, unsigned n);
/* The 2 MiB around the device page at `pa` identity-mapped, uncached, without the C-bit
 * (MMIO is shared, as Linux maps it for SEV guests); its accesses raise #VC. */
bool sev_map_mmio(uint64_t pa);
/* Restricted Injection (sev_hv.c): the #HV doorbell page made shared and registered, the
 * #HV handler installed; *answer_gpa gets the GPA the hypervisor echoed. False when it
 * refused. Posted interrupts run the handlers trap_install gave their vectors. */
bool sev_hv_doorbell_enable(uint64_t *answer_gpa);
uint64_t sev_hv_doorbell_gpa(void);
/* Interrupts posted while the guest had IF clear, taken now (the interrupt windows below
 * call it with IF set). */
void sev_hv_run_deferred(void);
/* The C-bit as an address mask, 0 when the guest runs without one. */
uint64_t sev_cbit_mask(void);
/* The GHCB protocol version negotiated at start (the hypervisor's max, at most 2). */
unsigned sev_ghcb_version(void);

#endif
