/* MSR intercepts: IA32_TSC (0x10) read/write, EFER without SVME, MSRs kept in the VMCB
 * (PAT, FS_BASE), and #GP for MSRs the platform does not have, delivered at the faulting
 * instruction. QEMU's TCG answers unknown MSRs with 0 instead of #GP (docs/x86.md) and
 * does not connect IA32_TSC to RDTSC, and does not fault on reserved EFER bits, bad PAT
 * types or non-canonical bases: known failures there, which testvisor must not have. */
#include <libtv.h>
#include <string.h>
#include "trap.h"
#include "x86_guest.h"

#define MSR_IA32_PAT 0x277
#define MSR_FS_BASE 0xC0000100
#define UNKNOWN_MSR 0x4b564d00 /* KVM's paravirt range: nothing here on AMD hardware */
#define RDMSR_LEN 2

static volatile uint64_t gp_rip, gp_error;
static bool on_gp(struct trap_frame *f)
{
	gp_rip = f->rip;
	gp_error = f->error_code;
	f->rip += RDMSR_LEN; /* RDMSR and WRMSR are both 2 bytes */
	return true;
}

/* QEMU's TCG keeps IA32_TSC apart from the counter RDTSC reads (RDMSR gives the last
 * value written, WRMSR does not move RDTSC): known failures on bare QEMU. */
static void check_tsc(bool qemu)
{
	uint64_t before = rdtsc();
	uint64_t msr = rdmsr(MSR_IA32_TSC);
	uint64_t after = rdtsc();
	report_info("RDTSC %#lx, RDMSR(IA32_TSC) %#lx, RDTSC %#lx", (unsigned long)before,
		    (unsigned long)msr, (unsigned long)after);
	report_kfail(qemu, before <= msr && msr <= after, "RDMSR(IA32_TSC) lies between two RDTSCs");
	uint64_t target = 1ull << 40;
	wrmsr(MSR_IA32_TSC, target);
	uint64_t now = rdtsc();
	report_info("after WRMSR(IA32_TSC, %#lx): RDTSC %#lx", (unsigned long)target, (unsigned long)now);
	report_kfail(qemu, now >= target && now - target < (1ull << 36), "WRMSR(IA32_TSC) moves the TSC");
	report(rdtsc() >= now, "TSC still monotonic after the write");
}

static void check_state_msrs(bool qemu)
{
	report(!(rdmsr(MSR_EFER) & EFER_SVME), "EFER.SVME reads 0 (no SVM for the guest)");
	report((rdmsr(MSR_EFER) & (EFER_LME | EFER_LMA)) == (EFER_LME | EFER_LMA),
	       "EFER.LME and LMA set in long mode");
	uint64_t pat = rdmsr(MSR_IA32_PAT);
	uint64_t new_pat = 0x0007010600070106ull;
	wrmsr(MSR_IA32_PAT, new_pat);
	report(rdmsr(MSR_IA32_PAT) == new_pat, "IA32_PAT write reads back");
	wrmsr(MSR_IA32_PAT, pat);
	wrmsr(MSR_FS_BASE, 0x123456000ull);
	report(rdmsr(MSR_FS_BASE) == 0x123456000ull, "FS_BASE write reads back");
	wrmsr(MSR_FS_BASE, 0);
	/* Hardware refuses what VMRUN could not load: a non-canonical base, a PAT type 2. */
	report_kfail(qemu, !wrmsr_safe(MSR_FS_BASE, 0x0000800000000000ull),
		     "non-canonical FS_BASE raises #GP");
	wrmsr_safe(MSR_FS_BASE, 0);
	report_kfail(qemu, !wrmsr_safe(MSR_IA32_PAT, 0x0007040600070402ull), "PAT memory type 2 raises #GP");
	report_kfail(qemu, rdmsr(MSR_IA32_PAT) == pat, "PAT unchanged by the refused write");
	wrmsr(MSR_IA32_PAT, pat);
}

static void check_unknown(bool qemu)
{
	trap_install(13, on_gp);
	uint64_t insn;
	__asm__ volatile("lea 1f(%%rip), %0\n\t"
			 "mov %1, %%ecx\n"
			 "1: rdmsr" : "=&r"(insn) : "i"(UNKNOWN_MSR) : "eax", "ecx", "edx", "memory");
	report_kfail(qemu, gp_rip == insn, "RDMSR of an unknown MSR raises #GP at the RDMSR");
	report_kfail(qemu, gp_rip == insn && gp_error == 0, "the #GP carries error code 0");
	gp_rip = 0;
	__asm__ volatile("lea 1f(%%rip), %0\n\t"
			 "mov %1, %%ecx\n\t"
			 "xor %%eax, %%eax\n\t"
			 "xor %%edx, %%edx\n"
			 "1: wrmsr" : "=&r"(insn) : "i"(UNKNOWN_MSR) : "eax", "ecx", "edx", "memory");
	trap_install(13, NULL);
	report_kfail(qemu, gp_rip == insn, "WRMSR of an unknown MSR raises #GP at the WRMSR");
	/* EFER bit 63 is reserved on every CPU: #GP (TCG drops reserved EFER bits silently). */
	gp_rip = 0;
	trap_install(13, on_gp);
	uint64_t efer = rdmsr(MSR_EFER);
	__asm__ volatile("lea 1f(%%rip), %0\n\t"
			 "mov %1, %%ecx\n"
			 "1: wrmsr" : "=&r"(insn) : "i"(MSR_EFER), "a"((uint32_t)efer),
			 "d"((uint32_t)(efer >> 32) | (1u << 31)) : "ecx", "memory");
	trap_install(13, NULL);
	report_kfail(qemu, gp_rip == insn, "WRMSR of a reserved EFER bit raises #GP");
}

int main(int argc, char **argv)
{
	bool qemu = !strcmp(tv_platform_name(), "qemu");
	check_tsc(qemu);
	check_state_msrs(qemu);
	check_unknown(qemu);
	return report_summary();
}
