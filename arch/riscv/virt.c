/* What the hart can do for guests: probed once, before the first guest, by touching the
 * CSRs under a fix-up (a missing CSR is an illegal instruction, not a crash). Also asks
 * the firmware, through its FWFT, to hand misaligned-access traps to testvisor. */
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <stdio.h>
#include <string.h>
#include <rv_host.h>
#include <rv_virt.h>
#include <sbi_defs.h>

struct rv_host_caps rv_caps;
static bool probed;

/* henvcfg bits that FWFT features of guests depend on (docs/riscv-sbi.md), and those
 * every guest gets (rv_virt.h). */
#define HENVCFG_CANDIDATES (ENVCFG_LPE | ENVCFG_SSE | ENVCFG_DTE | ENVCFG_ADUE | HENVCFG_GUEST_ALWAYS)

static void probe_henvcfg(void)
{
	csr_write(CSR_HENVCFG, HENVCFG_CANDIDATES);
	rv_caps.henvcfg_bits = csr_read(CSR_HENVCFG) & HENVCFG_CANDIDATES;
	csr_write(CSR_HENVCFG, ENVCFG_PMM_PMLEN7);
	rv_caps.pmlen7 = (csr_read(CSR_HENVCFG) & ENVCFG_PMM) == ENVCFG_PMM_PMLEN7;
	csr_write(CSR_HENVCFG, ENVCFG_PMM_PMLEN16);
	rv_caps.pmlen16 = (csr_read(CSR_HENVCFG) & ENVCFG_PMM) == ENVCFG_PMM_PMLEN16;
	csr_write(CSR_HENVCFG, 0);
}

/* Firmware features testvisor wants for itself; failures are fine (it then works
 * without them). PTE A/D updating is needed for henvcfg.ADUE to be writable. */
static void ask_firmware(void)
{
	struct rv_sbiret r = rv_sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, SBI_EXT_FWFT, 0, 0);
	if (r.error || !r.value)
		return;
	r = rv_sbi_call(SBI_EXT_FWFT, SBI_FWFT_SET, SBI_FWFT_MISALIGNED_EXC_DELEG, 1, 0);
	rv_caps.fw_misaligned_deleg = r.error == SBI_SUCCESS;
	rv_sbi_call(SBI_EXT_FWFT, SBI_FWFT_SET, SBI_FWFT_PTE_AD_HW_UPDATING, 1, 0);
}

static void probe(void)
{
	if (probed)
		return;
	probed = true;
	uint64_t v;
	rv_caps.h = rv_csr_probe(RV_PROBE_HSTATUS, &v) == 0;
	rv_caps.sstc = rv_csr_probe(RV_PROBE_STIMECMP, &v) == 0;
	rv_host_has_sstc = rv_caps.sstc;
	if (!rv_caps.h)
		return;
	ask_firmware();
	probe_henvcfg();
	/* With Smstateen, VS-mode reaches senvcfg only through hstateen0.ENVCFG (else a
	 * virtual-instruction exception); Linux writes senvcfg at every context switch. The
	 * other hstateen0 bits stay 0: their state (sstateen0, AIA, CSRIND) is not given. The
	 * value is the same for every guest, so it is set once. */
	uint64_t v0;
	if (rv_csr_probe(RV_PROBE_HSTATEEN0, &v0) == 0) {
		csr_write(CSR_HSTATEEN0, HSTATEEN0_ENVCFG);
		rv_caps.stateen_envcfg = csr_read(CSR_HSTATEEN0) & HSTATEEN0_ENVCFG;
	}
	/* Without Sstc in the guest, vstimecmp is not used: keep STCE off then. */
	if (!rv_caps.sstc)
		rv_caps.henvcfg_bits &= ~ENVCFG_STCE;
}

bool arch_virt_probe(char *why, size_t len)
{
	probe();
	if (!rv_caps.h) {
		snprintf(why, len, "the hart has no H extension (hstatus is not accessible)");
		return false;
	}
	printf("testvisor: H extension: yes, Sstc: %s, henvcfg bits 0x%lx, PMLEN 7/16: %d/%d, "
	       "misaligned traps from firmware: %s%s\n",
	       rv_caps.sstc ? "yes" : "no", (unsigned long)rv_caps.henvcfg_bits,
	       rv_caps.pmlen7, rv_caps.pmlen16, rv_caps.fw_misaligned_deleg ? "yes" : "no",
	       rv_caps.stateen_envcfg ? ", hstateen0.ENVCFG: yes" : "");
	return true;
}

/* Builds G-stage tables for a scratch VM and walks them back: 4 KiB pages around a
 * 2 MiB page, a hole, and every table page returned afterwards. */
static int check_gstage(void)
{
	static struct vm scratch;
	size_t free_before = hv_free_page_count();
	paddr_t backing = hv_alloc_pages(1536, 512); /* 6 MiB, 2 MiB aligned */
	if (!pa_addr(backing))
		return hv_check(false, "riscv64: G-stage: no memory for the check");
	memset(&scratch, 0, sizeof(scratch));
	scratch.cfg.mem_size = 4UL << 20;
	bool ok = arch_vm_init(&scratch) == 0;
	ipaddr_t base = ipa_init(ARCH_GUEST_RAM_BASE + 0x1ff000); /* one 4 KiB page below 2 MiB */
	/* GPA and PA congruent modulo 2 MiB, so the middle becomes one 2 MiB leaf. */
	paddr_t first = pa_add(backing, 0x1ff000);
	ok = ok && arch_vm_map(&scratch, base, first, (2UL << 20) + 0x2000, PROT_RWX) == 0;
	static const uint64_t offsets[] = { 0, 0x1000, 0x1234, 0x100000, 0x200fff, 0x201000 };
	for (unsigned i = 0; ok && i < sizeof(offsets) / sizeof(offsets[0]); i++) {
		paddr_t pa;
		ok = rv_gstage_translate(&scratch, ipa_add(base, offsets[i]), &pa) &&
		     pa_addr(pa) == pa_addr(first) + offsets[i];
	}
	paddr_t pa;
	ok = ok && !rv_gstage_translate(&scratch, ipa_add(base, 0x203000), &pa) &&
	     !rv_gstage_translate(&scratch, ipa_init(0x10000000), &pa) &&
	     !rv_gstage_translate(&scratch, ipa_init(1UL << 41), &pa);
	arch_vm_destroy(&scratch);
	hv_free_pages(backing, 1536);
	ok = ok && hv_free_page_count() == free_before;
	return hv_check(ok, "riscv64: G-stage Sv39x4 tables map 4 KiB and 2 MiB pages, leave holes, are freed");
}

int arch_selfcheck(void)
{
	probe();
	int failed = 0;
	if (rv_caps.h)
		failed += check_gstage();
	else
		printf("selfcheck: riscv64: G-stage check not run: no H extension\n");
	uint64_t v;
	failed += hv_check(rv_timebase_hz != 0, "riscv64: timebase frequency from the DTB (%lu Hz)",
			   (unsigned long)rv_timebase_hz);
	uint64_t t0 = arch_cycles();
	for (volatile int i = 0; i < 1000; i++)
		;
	failed += hv_check(arch_cycles() > t0, "riscv64: time CSR advances");
	failed += hv_check(rv_hlv_bu(0, (uint8_t *)&v) != 0 || !rv_caps.h,
			   "riscv64: a faulting guarded access is caught (fix-up works)");
	failed += hv_check(rv_fixup_pc == 0, "riscv64: fix-up disarmed after use");
	return failed;
}
