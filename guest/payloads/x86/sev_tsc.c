/* SEV-SNP Secure TSC as the guest observes it. With secure_tsc=on (the VM launched with
 * SecureTsc and tsc_khz): GUEST_TSC_FREQ equals the launch frequency and is read-only
 * (Linux's Secure TSC guest code: "GUEST_TSC_FREQ is read-only", a write is #GP), RDTSC is
 * monotonic and runs at that frequency, WRMSR(IA32_TSC) changes nothing, and the
 * hypervisor's write of the VMCB TSC_OFFSET after launch changes nothing (APM vol. 2
 * §15.36.18: the TSC comes from the VMSA's GUEST_TSC_SCALE/OFFSET). With secure_tsc=off (an
 * SNP guest without it): GUEST_TSC_FREQ raises #GP, and TSC writes and the hypervisor's
 * TSC_OFFSET take effect (§15.30.5), for RDTSC and RDMSR(IA32_TSC) alike.
 * Only an SNP guest can run these checks: standalone they are skipped. */
#include <libtv.h>
#include <stdlib.h>
#include <string.h>
#include "x86_guest.h"

#define SEV_STATUS_SECURE_TSC (1ull << 11)
#define CPUID_SEV_SECURE_TSC (1u << 8)
/* 100 ms: a call to the clock now takes three exits (#VC, GHCB MSR write, VMGEXIT), and on
 * a loaded machine the uncertainty of its midpoint must stay small against the window. */
#define MEASURE_NS 100000000ull
#define TOLERANCE_PERCENT 5
#define BIG_JUMP (1ull << 40)

static bool tsc_monotonic(unsigned n)
{
	uint64_t last = rdtsc();
	for (unsigned i = 0; i < n; i++) {
		uint64_t t = rdtsc();
		if (t < last)
			return false;
		last = t;
	}
	return true;
}

/* testvisor's clock with the TSC read on both sides of the call: the TSC at the midpoint
 * goes with it, so time the host spends away from the guest around the call (a loaded
 * machine deschedules QEMU) shifts neither end of a measurement by more than half. */
static uint64_t clock_ns(uint64_t *tsc)
{
	uint64_t a = rdtsc(), ns = tv_hypercall(HC_TIME_NS, 0, 0, 0), b = rdtsc();
	*tsc = a + (b - a) / 2;
	return ns;
}

static uint64_t measure_once(void)
{
	uint64_t t0, t1, n0 = clock_ns(&t0), n1;
	while ((n1 = clock_ns(&t1)) - n0 < MEASURE_NS)
		;
	return (uint64_t)((unsigned __int128)(t1 - t0) * 1000000 / (n1 - n0));
}

/* The TSC's rate against testvisor's clock, in kHz: the median of five measurements, so
 * one disturbed by the host's load does not decide. */
static uint64_t measured_khz(void)
{
	uint64_t m[5];
	for (int i = 0; i < 5; i++) {
		m[i] = measure_once();
		for (int j = i; j > 0 && m[j] < m[j - 1]; j--) {
			uint64_t t = m[j];
			m[j] = m[j - 1];
			m[j - 1] = t;
		}
	}
	return m[2];
}

static void secure_tsc_on(uint64_t khz)
{
	report(sev_status() & SEV_STATUS_SECURE_TSC, "SEV_STATUS.SecureTsc (bit 11) set");
	report(cpuid(0x8000001F, 0).eax & CPUID_SEV_SECURE_TSC, "CPUID 8000_001Fh:EAX[8] (Secure TSC) set");
	uint64_t mhz;
	bool readable = rdmsr_safe(MSR_GUEST_TSC_FREQ, &mhz);
	report(readable && mhz == khz / 1000, "GUEST_TSC_FREQ is the launch frequency (%lu MHz, want %lu)",
	       (unsigned long)mhz, (unsigned long)(khz / 1000));
	report(tsc_monotonic(10000), "RDTSC is monotonic");
	uint64_t rate = measured_khz();
	uint64_t diff = rate > khz ? rate - khz : khz - rate;
	report(diff * 100 <= khz * TOLERANCE_PERCENT, "RDTSC runs at the launch frequency (measured %lu kHz)",
	       (unsigned long)rate);

	uint64_t before = rdtsc();
	bool written = wrmsr_safe(MSR_IA32_TSC, 0);
	uint64_t after = rdtsc();
	report(written && after >= before, "WRMSR(IA32_TSC, 0) is ignored (TSC went on from %#lx to %#lx)",
	       (unsigned long)before, (unsigned long)after);

	report(!wrmsr_safe(MSR_GUEST_TSC_FREQ, 2 * mhz), "WRMSR(GUEST_TSC_FREQ) raises #GP (read-only)");
	uint64_t again;
	report(rdmsr_safe(MSR_GUEST_TSC_FREQ, &again) && again == mhz, "GUEST_TSC_FREQ unchanged (%lu MHz)",
	       (unsigned long)again);

	before = rdtsc();
	uint64_t no_effect = tv_hypercall(HC_SEV_HV_SET_TSC_OFFSET, BIG_JUMP, 0, 0);
	after = rdtsc();
	uint64_t msr_after;
	bool msr_ok = rdmsr_safe(MSR_IA32_TSC, &msr_after);
	report(no_effect == 1, "testvisor reports the hypervisor's TSC_OFFSET write as without effect");
	report(after >= before && after - before < BIG_JUMP / 2,
	       "the hypervisor's TSC_OFFSET write did not move RDTSC");
	report(msr_ok && msr_after >= before && msr_after - before < BIG_JUMP / 2,
	       "the hypervisor's TSC_OFFSET write did not move RDMSR(IA32_TSC)");
}

static void secure_tsc_off(void)
{
	report(!(sev_status() & SEV_STATUS_SECURE_TSC), "SEV_STATUS.SecureTsc (bit 11) clear");
	uint64_t mhz;
	report(!rdmsr_safe(MSR_GUEST_TSC_FREQ, &mhz), "GUEST_TSC_FREQ raises #GP without Secure TSC");
	wrmsr(MSR_IA32_TSC, BIG_JUMP);
	uint64_t t = rdtsc();
	report(t >= BIG_JUMP && t - BIG_JUMP < BIG_JUMP / 16, "WRMSR(IA32_TSC) takes effect");
	uint64_t before = rdtsc();
	uint64_t no_effect = tv_hypercall(HC_SEV_HV_SET_TSC_OFFSET, 4 * BIG_JUMP, 0, 0);
	uint64_t after = rdtsc(), msr;
	report(no_effect == 0 && after > before + BIG_JUMP, "a hypervisor TSC_OFFSET change moves RDTSC");
	report(rdmsr_safe(MSR_IA32_TSC, &msr) && msr >= after && msr - after < BIG_JUMP / 16,
	       "RDMSR(IA32_TSC) follows the same TSC_OFFSET (%#lx after RDTSC %#lx)", (unsigned long)msr,
	       (unsigned long)after);
}

int main(int argc, char **argv)
{
	const char *mode = tv_arg(argc, argv, "secure_tsc");
	const char *khz = tv_arg(argc, argv, "tsc_khz");
	if (!mode || (!strcmp(mode, "on") && !khz))
		report_abort("secure_tsc=on tsc_khz=<launch kHz> | secure_tsc=off missing");
	if (!on_testvisor() || !(sev_status() & SEV_STATUS_SNP_BIT)) {
		report_skip("not an SEV-SNP guest of testvisor: Secure TSC cannot be observed");
		return report_summary();
	}
	if (!strcmp(mode, "on"))
		secure_tsc_on(strtoull(khz, NULL, 0));
	else
		secure_tsc_off();
	return report_summary();
}
