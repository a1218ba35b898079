/* The #HV doorbell page of an SEV-SNP guest with Restricted Injection (SEV_FEATURES bit 3):
 * the hypervisor may inject nothing but #HV (vector 28), so it posts each interrupt in a
 * page the guest registered and signals it with #HV. Layout and protocol from the GHCB
 * specification ("#HV Doorbell Page" NAE event 0x8000_0014) as KVM's Restricted Injection
 * series implements it ("KVM: SVM: Add support for the SEV-SNP #HV doorbell page NAE
 * event", "KVM: SVM: Inject #HV when restricted injection is active") and COCONUT-SVSM's
 * guest side (kernel/src/sev/hv_doorbell.rs): byte 0 the pending vector, byte 1 flags
 * (bit 0 NMI pending, bit 1 #MC pending, bit 7 NoFurtherSignal), byte 2 bit 0 "no EOI
 * required". Pure: unit-tested on the host. */
#ifndef X86_HV_DOORBELL_H
#define X86_HV_DOORBELL_H

#include <stdbool.h>
#include <stdint.h>
#include <x86/ghcb_page.h>

enum hvdb_request { HVDB_GET_PREFERRED = 0, HVDB_SET = 1, HVDB_QUERY = 2, HVDB_CLEAR = 3 };
#define HVDB_NONE (~0ull)  /* no page (KVM: INVALID_PAGE), also "no preference" */
#define HV_VECTOR 28
#define HVDB_OFF_VECTOR 0
#define HVDB_OFF_FLAGS 1
#define HVDB_FLAG_NMI 0x01u
#define HVDB_FLAG_NO_FURTHER_SIGNAL 0x80u
#define HVDB_BYTES 2 /* what the hypervisor reads and writes */

/* The NAE event: SW_EXITINFO1 the request, SW_EXITINFO2 the page's GPA (SET). `page_ok`
 * says whether that GPA names a page the hypervisor can use (guest RAM, page-aligned,
 * shared for SNP). Updates *registered (HVDB_NONE: none) and gives the answer's
 * SW_EXITINFO2 (GET_PREFERRED: none preferred, SET and QUERY: the page); GHCB_OK, or
 * GHCB_ERR_INVALID_INPUT for an unusable page or an unknown request, which also drops
 * the registration, as KVM's handler does. */
enum ghcb_error hvdb_nae(uint64_t request, uint64_t gpa, bool page_ok, uint64_t *registered,
			 uint64_t *info2);

/* Posting into the doorbell's first two bytes. */
enum hvdb_post {
	HVDB_BUSY,        /* the guest has not taken the last one: nothing posted */
	HVDB_POSTED,      /* posted; the guest was told not to expect a signal (NoFurtherSignal) */
	HVDB_POSTED_SIGNAL, /* posted and NoFurtherSignal set: inject #HV now */
};
/* A fixed interrupt `vector`: busy while the vector byte is not 0 (KVM sev_snp_blocked). */
enum hvdb_post hvdb_post_irq(uint8_t db[HVDB_BYTES], uint8_t vector);
/* An NMI: busy while the NMI bit is still set. */
enum hvdb_post hvdb_post_nmi(uint8_t db[HVDB_BYTES]);

#endif
