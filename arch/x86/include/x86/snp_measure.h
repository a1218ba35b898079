/* The SEV-SNP launch digest: at every page SNP_LAUNCH_UPDATE measures, the firmware
 * replaces MEASUREMENT with SHA-384 of a PAGE_INFO structure (SNP firmware ABI, pub.
 * 56860, SNP_LAUNCH_UPDATE, "Layout of the PAGE_INFO structure"; the byte layout as
 * virtee/sev-snp-measure builds it):
 *   0x00 DIGEST_CUR (48, MEASUREMENT so far, zero at SNP_LAUNCH_START)
 *   0x30 CONTENTS (48: SHA-384 of the page for NORMAL and VMSA pages, zero for ZERO,
 *        UNMEASURED, SECRETS and CPUID pages)
 *   0x60 LENGTH (2, = 0x70)   0x62 PAGE_TYPE (1)   0x63 IMI_PAGE (bit 0)
 *   0x64 VMPL3_PERMS   0x65 VMPL2_PERMS   0x66 VMPL1_PERMS   0x67 reserved
 *   0x68 GPA (8, the page's guest-physical address from its RMP entry)
 * Pure: the model PSP (psp_model.c) chains it; host-tested against a digest the test
 * computes with OpenSSL from this layout. */
#ifndef X86_SNP_MEASURE_H
#define X86_SNP_MEASURE_H

#include <stdbool.h>
#include <stdint.h>
#include <sha384.h>

#define SNP_PAGE_INFO_LEN 0x70

struct snp_measured_page {
	unsigned type;            /* enum snp_page_type */
	bool imi;
	uint8_t vmpl1_perms, vmpl2_perms, vmpl3_perms;
	uint64_t gpa;
	const void *contents;     /* the 4 KiB page; read for NORMAL and VMSA pages only */
};

/* MEASUREMENT = SHA-384(PAGE_INFO(MEASUREMENT, page)). */
void snp_measure_page(uint8_t measurement[SHA384_DIGEST_LEN], const struct snp_measured_page *page);

#endif
