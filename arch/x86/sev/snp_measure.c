/* The launch digest's PAGE_INFO chain (snp_measure.h). */
#include <string.h>
#include <x86/psp.h>
#include <x86/snp_measure.h>

static bool contents_measured(unsigned type)
{
	return type == SNP_PAGE_NORMAL || type == SNP_PAGE_VMSA;
}

void snp_measure_page(uint8_t measurement[SHA384_DIGEST_LEN], const struct snp_measured_page *page)
{
	uint8_t info[SNP_PAGE_INFO_LEN] = { 0 };
	memcpy(info, measurement, SHA384_DIGEST_LEN);
	if (contents_measured(page->type))
		sha384(page->contents, 4096, info + 0x30);
	info[0x60] = SNP_PAGE_INFO_LEN & 0xff;
	info[0x61] = SNP_PAGE_INFO_LEN >> 8;
	info[0x62] = (uint8_t)page->type;
	info[0x63] = page->imi;
	info[0x64] = page->vmpl3_perms;
	info[0x65] = page->vmpl2_perms;
	info[0x66] = page->vmpl1_perms;
	for (unsigned i = 0; i < 8; i++)
		info[0x68 + i] = (uint8_t)(page->gpa >> (8 * i));
	sha384(info, sizeof(info), measurement);
}
