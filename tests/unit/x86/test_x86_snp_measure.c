/* The model PSP's launch digest (arch/x86/sev/snp_measure.c through psp_model.c
 * launch_update). The expected MEASUREMENT is computed here on its own, with OpenSSL's
 * SHA384, from the SNP firmware ABI's PAGE_INFO layout: DIGEST_CUR 0x00 (48), CONTENTS
 * 0x30 (48: SHA-384 of the page for NORMAL and VMSA pages, else zero), LENGTH 0x60 (2) =
 * 0x70, PAGE_TYPE 0x62, IMI_PAGE 0x63, VMPL3/2/1_PERMS 0x64/0x65/0x66, reserved 0x67, GPA
 * 0x68 (8); a 2 MiB page as its 512 pages, each at its GPA; zero at SNP_LAUNCH_START. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <openssl/sha.h>
#include <x86/psp.h>

#define ASID 3
#define PA(p) ((uint64_t)(uintptr_t)(p))
#define MIB2 (2u << 20)

static struct psp_model model;
static struct psp_transport t;
static uint8_t gctx[4096] __attribute__((aligned(4096)));
static uint8_t small[5][4096] __attribute__((aligned(4096)));
static uint8_t *large; /* 2 MiB, 2 MiB aligned */
static uint8_t want[48];

static void *page_at(uint64_t pa) { return (void *)(uintptr_t)pa; }

/* The test's own PAGE_INFO step. */
static void expect(unsigned type, bool imi, uint32_t vmpl_perms, uint64_t gpa, const uint8_t *page)
{
	uint8_t info[0x70] = { 0 };
	memcpy(info, want, 48);
	if (type == 1 || type == 2)
		SHA384(page, 4096, info + 0x30);
	info[0x60] = 0x70;
	info[0x62] = (uint8_t)type;
	info[0x63] = imi;
	info[0x64] = (uint8_t)(vmpl_perms >> 24); /* VMPL3 */
	info[0x65] = (uint8_t)(vmpl_perms >> 16); /* VMPL2 */
	info[0x66] = (uint8_t)(vmpl_perms >> 8);  /* VMPL1 */
	memcpy(info + 0x68, &gpa, 8);             /* little-endian host */
	SHA384(info, sizeof(info), want);
}

static void rmp(uint64_t pa, uint64_t gpa, uint32_t asid, bool large_page)
{
	struct rmp_update e = { .gpa = gpa, .assigned = 1, .immutable = 1, .asid = asid,
				.pagesize = large_page };
	assert_int_equal(psp_model_rmpupdate(&model, pa, &e), 0);
}

/* SNP_LAUNCH_UPDATE through the raw buffer, to set IMI and the VMPL permissions. */
static void update(uint64_t pa, unsigned type, bool large_page, bool imi, uint32_t vmpl_perms)
{
	struct psp_snp_launch_update b = { .gctx_paddr = PA(gctx), .paddr = pa, .vmpl_perms = vmpl_perms,
					   .page_info = SNP_PAGE_INFO(type, large_page) | (imi ? 1u << 4 : 0) };
	assert_int_equal(psp_model_submit(&model, PSP_CMD_SNP_LAUNCH_UPDATE, &b, sizeof(b)), PSP_OK);
}

static const struct psp_model_guest *guest(void) { return psp_model_find(&model, PA(gctx)); }

static void launch_digest(void **state)
{
	large = aligned_alloc(MIB2, MIB2);
	assert_non_null(large);
	srand(56860);
	for (unsigned i = 0; i < MIB2; i++)
		large[i] = (uint8_t)rand();
	for (unsigned p = 0; p < 5; p++)
		for (unsigned i = 0; i < 4096; i++)
			small[p][i] = (uint8_t)rand();
	psp_model_init(&model, 16);
	model.page_at = page_at;
	t = (struct psp_transport){ psp_model_submit, &model };
	rmp(PA(gctx), 0, 0, false);
	assert_int_equal(psp_snp_init_ex(&t, false, 0), PSP_OK);
	assert_int_equal(psp_snp_gctx_create(&t, PA(gctx)), PSP_OK);
	assert_int_equal(psp_snp_launch_start(&t, PA(gctx), SNP_POLICY_DEFAULT, 0), PSP_OK);
	assert_int_equal(psp_snp_activate(&t, PA(gctx), ASID), PSP_OK);
	memset(want, 0, sizeof(want));
	assert_memory_equal(guest()->measurement, want, 48);

	rmp(PA(large), 0x200000, ASID, true);
	update(PA(large), SNP_PAGE_NORMAL, true, false, 0);
	for (unsigned i = 0; i < 512; i++)
		expect(1, false, 0, 0x200000 + 4096ull * i, large + 4096 * i);
	assert_memory_equal(guest()->measurement, want, 48);

	/* One page of each other type, with IMI and distinct VMPL1-3 permissions. */
	const unsigned types[5] = { SNP_PAGE_NORMAL, SNP_PAGE_ZERO, SNP_PAGE_UNMEASURED, SNP_PAGE_CPUID,
				    SNP_PAGE_SECRETS };
	for (unsigned p = 0; p < 5; p++) {
		uint64_t gpa = 0x1000ull * (p + 1);
		rmp(PA(small[p]), gpa, ASID, false);
		update(PA(small[p]), types[p], false, p == 0, 0x0f030100u * (p + 1) & 0xffffff00u);
		expect(types[p], p == 0, 0x0f030100u * (p + 1) & 0xffffff00u, gpa, small[p]);
		assert_memory_equal(guest()->measurement, want, 48);
	}
	/* The VMSA at KVM's INITIAL_VMSA_GPA, measured as given (before anything is filled). */
	static uint8_t vmsa[4096] __attribute__((aligned(4096)));
	memset(vmsa, 0x5a, sizeof(vmsa));
	rmp(PA(vmsa), 0xFFFFFFFFF000ull, ASID, false);
	update(PA(vmsa), SNP_PAGE_VMSA, false, false, 0);
	expect(2, false, 0, 0xFFFFFFFFF000ull, vmsa);
	assert_memory_equal(guest()->measurement, want, 48);
	/* A refused update measures nothing. */
	struct psp_snp_launch_update bad = { .gctx_paddr = PA(gctx), .paddr = PA(vmsa),
					     .page_info = SNP_PAGE_INFO(SNP_PAGE_NORMAL, false) };
	assert_int_not_equal(psp_model_submit(&model, PSP_CMD_SNP_LAUNCH_UPDATE, &bad, sizeof(bad)), PSP_OK);
	assert_memory_equal(guest()->measurement, want, 48);
	free(large);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(launch_digest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
