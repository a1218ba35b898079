/* An SEV-SNP guest starts its second vCPU itself: it builds the AP's VMSA in its own
 * memory, with the SEV_FEATURES it wants that vCPU to have, and asks the hypervisor
 * through the GHCB (GHCB specification "SEV-SNP AP Creation": SW_EXITCODE 0x8000_0013,
 * SW_EXITINFO1 = APIC ID << 32 | 1 (create), SW_EXITINFO2 = the VMSA's GPA, RAX = its
 * SEV_FEATURES). The AP's VMRUN checks those features against ALLOWED_SEV_FEATURES (APM
 * vol. 2 §15.36.20): allowed, the AP runs and sees them in SEV_STATUS (shifted by 2);
 * not allowed, VMRUN fails with VMEXIT_INVALID and the guest is ended (the manifest
 * expects that stop). The VMSA page is first made a VMSA page with RMPADJUST (VMPL1, VMSA
 * bit 16, as Linux's snp_set_vmsa) and is not 2 MiB aligned (Linux avoids that alignment
 * for VMSA pages: an SNP erratum). VMSA offsets from APM vol. 2 Table B-4. Arguments:
 * features=<the AP's SEV_FEATURES>; skip_rmpadjust=1 leaves the page a normal one, which
 * the AP's VMRUN refuses; ipi=1 then has the two vCPUs interrupt each other: fixed IPIs
 * through the x2APIC ICR (MSR 0x830, destination APIC ID in bits 63:32; SDM vol. 3
 * §10.12.9), each write a #VC answered through the GHCB, each delivered through the VMCB
 * (APM vol. 2 §15.35) and ended by an x2APIC EOI, the AP waiting in HLT (an automatic
 * exit) with IF set. SNP guests with two vCPUs only. */
#include <libtv.h>
#include <stdlib.h>
#include <string.h>
#include "sev_guest.h"
#include "trap.h"
#include "x86_guest.h"

#define NAE_AP_CREATION 0x80000013ull
#define NAE_HV_FEATURES 0x8000fffdull
#define HV_FEATURE_AP_CREATION (1ull << 1)
/* VMSA: segment registers are {selector 16, attributes 16, limit 32, base 64}. */
enum { V_ES = 0x00, V_CS = 0x10, V_SS = 0x20, V_DS = 0x30, V_FS = 0x40, V_GS = 0x50,
       V_GDTR = 0x60, V_LDTR = 0x70, V_IDTR = 0x80, V_TR = 0x90, V_EFER = 0xd0,
       V_CR4 = 0x148, V_CR3 = 0x150, V_CR0 = 0x158, V_DR7 = 0x160, V_DR6 = 0x168,
       V_RFLAGS = 0x170, V_RIP = 0x178, V_RSP = 0x1d8, V_PAT = 0x268, V_SEV_FEATURES = 0x3b0,
       V_XCR0 = 0x3e8 };
#define ATTR_CODE64 0x29b  /* type 0xB, S, P, L */
#define ATTR_DATA 0xc93    /* type 3, S, P, D/B, G */
#define ATTR_TSS64 0x08b   /* busy 64-bit TSS, P */
#define ATTR_LDT 0x082
#define EFER_SVME (1ull << 12) /* VMRUN needs it in every guest state */

static uint8_t vmsa[4096] __attribute__((aligned(4096)));
static uint8_t ap_stack[16384] __attribute__((aligned(16)));
static volatile uint64_t ap_sev_status;
static volatile int ap_ran;

static void put64(uint8_t *p, unsigned off, uint64_t v) { memcpy(p + off, &v, 8); }

static void segment(unsigned off, uint16_t sel, uint16_t attr, uint32_t limit, uint64_t base)
{
	memcpy(vmsa + off, &sel, 2);
	memcpy(vmsa + off + 2, &attr, 2);
	memcpy(vmsa + off + 4, &limit, 4);
	put64(vmsa, off + 8, base);
}

#define MSR_APIC_BASE 0x1b
#define APIC_BASE_EN_EXTD (3ull << 10)
#define X2_SVR 0x80f
#define X2_EOI 0x80b
#define X2_ICR 0x830
#define SVR_ENABLE 0x1ff
#define V_TO_AP 0x50
#define V_TO_BSP 0x51
static volatile unsigned to_ap, to_bsp;
static volatile int ap_listening;

static void x2apic_on(void)
{
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | APIC_BASE_EN_EXTD);
	wrmsr(X2_SVR, SVR_ENABLE);
}

/* Both vCPUs share the IDT: each vector is counted where it arrives, then ended. */
static bool on_ipi(struct trap_frame *f)
{
	if (f->vector == V_TO_AP)
		to_ap++;
	else
		to_bsp++;
	wrmsr(X2_EOI, 0);
	return true;
}

/* The AP answers each IPI with one to the BSP (APIC ID 0). */
static void ap_serve_ipis(void)
{
	x2apic_on();
	__atomic_store_n(&ap_listening, 1, __ATOMIC_RELEASE);
	for (unsigned answered = 0;;) {
		__asm__ volatile("sti\n\thlt\n\tcli" ::: "memory");
		for (; answered < to_ap; answered++)
			wrmsr(X2_ICR, V_TO_BSP); /* fixed, physical, destination 0 */
	}
}

static bool serve_ipis;

static void ap_main(void)
{
	sev_guest_ap_init();
	ap_sev_status = sev_status();
	__atomic_store_n(&ap_ran, 1, __ATOMIC_RELEASE);
	if (serve_ipis)
		ap_serve_ipis();
	for (;;)
		__asm__ volatile("pause");
}

static void ipi_checks(void)
{
	for (unsigned i = 0; i < 100000000 && !__atomic_load_n(&ap_listening, __ATOMIC_ACQUIRE); i++)
		__asm__ volatile("pause");
	report(ap_listening, "the AP turned its x2APIC on and waits in HLT");
	for (unsigned round = 1; round <= 3; round++) {
		wrmsr(X2_ICR, 1ull << 32 | V_TO_AP);
		x86_wait_with_irqs(&to_bsp, round, 4000000000ull);
	}
	report(to_ap == 3 && to_bsp == 3,
	       "three IPIs to the AP woke it each time, and each of its answers reached the BSP (%u, %u)",
	       to_ap, to_bsp);
}

/* The AP in 64-bit mode on the BSP's GDT, IDT and page tables, at ap_main. */
static void build_vmsa(uint64_t features)
{
	struct { uint16_t limit; uint64_t base; } __attribute__((packed)) gdtr, idtr;
	__asm__ volatile("sgdt %0; sidt %1" : "=m"(gdtr), "=m"(idtr));
	uint64_t cr0, cr3, cr4, efer;
	__asm__ volatile("mov %%cr0, %0; mov %%cr3, %1; mov %%cr4, %2" : "=r"(cr0), "=r"(cr3), "=r"(cr4));
	efer = rdmsr(MSR_EFER) | EFER_SVME;
	memset(vmsa, 0, sizeof(vmsa));
	segment(V_CS, 0x08, ATTR_CODE64, 0xffffffff, 0);
	const unsigned data[] = { V_ES, V_SS, V_DS, V_FS, V_GS };
	for (unsigned i = 0; i < 5; i++)
		segment(data[i], 0x10, ATTR_DATA, 0xffffffff, 0);
	segment(V_GDTR, 0, 0, gdtr.limit, gdtr.base);
	segment(V_IDTR, 0, 0, idtr.limit, idtr.base);
	segment(V_LDTR, 0, ATTR_LDT, 0xffff, 0);
	segment(V_TR, 0, ATTR_TSS64, 0xffff, 0);
	put64(vmsa, V_EFER, efer);
	put64(vmsa, V_CR0, cr0);
	put64(vmsa, V_CR3, cr3);
	put64(vmsa, V_CR4, cr4);
	put64(vmsa, V_DR7, 0x400);
	put64(vmsa, V_DR6, 0xffff0ff0);
	put64(vmsa, V_RFLAGS, 2);
	put64(vmsa, V_RIP, (uint64_t)(uintptr_t)ap_main);
	put64(vmsa, V_RSP, (uint64_t)(uintptr_t)(ap_stack + sizeof(ap_stack)) - 8);
	put64(vmsa, V_PAT, 0x0007040600070406ull);
	put64(vmsa, V_XCR0, 1);
	put64(vmsa, V_SEV_FEATURES, features);
}

int main(int argc, char **argv)
{
	const char *arg = tv_arg(argc, argv, "features");
	if (!arg)
		report_abort("features=<SEV_FEATURES of the AP> missing");
	if (!on_testvisor() || !(sev_status() & SEV_STATUS_SNP_BIT)) {
		report_skip("not an SEV-SNP guest: no AP creation through the GHCB");
		return report_summary();
	}
	uint64_t features = strtoull(arg, NULL, 0), answer[2];
	sev_ghcb_request(NAE_HV_FEATURES, 0, 0, NULL, answer);
	report((uint32_t)answer[0] == 0 && (answer[1] & HV_FEATURE_AP_CREATION),
	       "the hypervisor offers SEV-SNP AP creation (features %#lx)", (unsigned long)answer[1]);
	serve_ipis = tv_arg(argc, argv, "ipi") != NULL;
	if (serve_ipis) {
		x2apic_on();
		trap_install(V_TO_AP, on_ipi);
		trap_install(V_TO_BSP, on_ipi);
	}
	build_vmsa(features);
	uint64_t vmsa_va = (uint64_t)(uintptr_t)vmsa;
	report(vmsa_va & 0x1fffff, "the VMSA page is not 2 MiB aligned (%#lx)", (unsigned long)vmsa_va);
	if (!tv_arg(argc, argv, "skip_rmpadjust"))
		report(sev_rmpadjust(vmsa_va, 1 | 1u << 16) == 0,
		       "RMPADJUST made the VMSA page a VMSA page for VMPL1 (RAX 0)");
	sev_ghcb_request(NAE_AP_CREATION, 1ull << 32 | 1, (uint64_t)(uintptr_t)vmsa, &features, answer);
	report((uint32_t)answer[0] == 0, "AP creation for APIC ID 1 accepted (SW_EXITINFO1 %#lx)",
	       (unsigned long)answer[0]);
	for (unsigned i = 0; i < 100000000 && !__atomic_load_n(&ap_ran, __ATOMIC_ACQUIRE); i++)
		__asm__ volatile("pause");
	report(ap_ran, "the AP ran from the VMSA the guest built");
	uint64_t want = (features << 2) | 7; /* SEV, SEV-ES, SNP and the features */
	report(ap_ran && ap_sev_status == want, "the AP's SEV_STATUS shows its own SEV_FEATURES (%#lx, want %#lx)",
	       (unsigned long)ap_sev_status, (unsigned long)want);
	if (serve_ipis && ap_ran)
		ipi_checks();
	return report_summary();
}
