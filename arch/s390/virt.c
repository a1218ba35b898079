/* Which way testvisor runs guests on this machine, and the s390x self-check items. */
#include <hv/arch_if.h>
#include <hv/hv.h>
#include <s390_cpu.h>
#include <sclp_defs.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "backend.h"
#include "guest_dat_walk.h"
#include "insn_decode.h"
#include "s390_host.h"
#include "sie.h"

#define LC_PROBE 0x308

void sie_enter(uint8_t *sd, uint64_t *gprs);
extern char __image_end[];

/* The probe guest's one instruction: DIAGNOSE 0x44, which SIE always intercepts
 * (interception code 0x04, PoP / SIE: DIAGNOSE is not interpreted). */
static const uint8_t probe_code[4] __attribute__((aligned(8))) = { 0x83, 0x00, 0x00, 0x44 };
static const char *probe_result = "not probed";

/* Where the SCLP reports the SIE facility (the CPU entry's sief2 bit: a machine without
 * it, like QEMU's TCG, never executes SIE), runs SIE once on a well-formed state
 * description: guest memory = testvisor's own first megabytes through a real-space
 * ASCE in CR1 (identity), guest prefix on a page of its own, guest PSW on probe_code.
 * The expected outcome is an instruction interception of that DIAGNOSE; a program check
 * of SIE itself, a validity interception or anything else means no usable SIE. */
static bool sie_present(void)
{
	if (!(s390_sclp_cpu_features() & SCLP_CPU_FEAT_SIEF2)) {
		probe_result = "the SCLP reports no SIE facility";
		return false;
	}
	static uint8_t sd[SIE_BLOCK_SIZE] __attribute__((aligned(512)));
	static uint8_t guest_prefix_area[2 * 4096] __attribute__((aligned(8192)));
	static uint64_t gprs[16];
	uint64_t top = ((uint64_t)(uintptr_t)__image_end + SIE_MEMORY_ALIGN - 1) & ~(SIE_MEMORY_ALIGN - 1);
	struct sie_setup setup = {
		.mso = 0, .mem_size = top,
		.prefix = (uint32_t)(uintptr_t)guest_prefix_area,
		.psw_mask = PSW_MASK_EA | PSW_MASK_BA,
		.psw_addr = (uint64_t)(uintptr_t)probe_code,
	};
	const char *why = "";
	if (!sie_block_init(sd, &setup, &why)) {
		probe_result = why;
		return false;
	}
	volatile uint8_t *probe = &lowcore[LC_PROBE];
	uint64_t cr1 = stctg(1);
	lctlg1(ASCE_REAL_SPACE);
	set_cpu_timer(INT64_MAX); /* no time slice ends the probe */
	*probe = 1;
	sie_enter(sd, gprs);
	bool faulted = *probe == 2;
	*probe = 0;
	lctlg1(cr1);
	if (faulted) {
		probe_result = "SIE raised a program interruption";
		return false;
	}
	if (sd[SD_ICPTCODE] != 0x04 || sd[SD_IPA] != 0x83) {
		static char buf[64];
		snprintf(buf, sizeof(buf), "unexpected interception 0x%02x (ipa %02x%02x)",
			 sd[SD_ICPTCODE], sd[SD_IPA], sd[SD_IPA + 1]);
		probe_result = buf;
		return false;
	}
	probe_result = "the probe guest's DIAGNOSE was intercepted";
	return true;
}

static int sie_state = -1;

bool s390_sie_available(void)
{
	if (sie_state < 0)
		sie_state = sie_present();
	return sie_state;
}

const struct guest_backend *s390_backend(void)
{
	return s390_sie_available() ? &backend_sie : &backend_problem_state;
}

bool arch_virt_probe(char *why, size_t len)
{
	/* The problem-state backend needs nothing but DAT, which every z/Architecture CPU
	 * has: there is always a way to run guests. */
	printf("testvisor: %s (%s); guests run in %s\n",
	       s390_sie_available() ? "SIE facility present" : "no SIE facility", probe_result,
	       s390_backend()->name);
	return true;
}

int arch_selfcheck(void)
{
	int fails = 0;
	fails += hv_check(LC64(LC_PGM_NEW_PSW + 8) != 0 && LC64(LC_EXT_NEW_PSW + 8) != 0,
			  "s390x: lowcore new PSWs installed");
	uint64_t t0 = stckf();
	for (volatile int i = 0; i < 1000; i++)
		;
	fails += hv_check(stckf() > t0, "s390x: TOD clock advances");
	uint64_t cr0 = stctg(0);
	fails += hv_check((cr0 & CR0_CPU_TIMER) && !(cr0 & CR0_SERVICE_SIGNAL),
			  "s390x: only the CPU-timer subclass enabled (cr0 %016lx)",
			  (unsigned long)cr0);
	/* Registers a guest could leave behind: dirty them, clear them, look. */
	static const uint32_t ones[16] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
	static uint32_t ars[16];
	static uint64_t f15 = 1;
	uint64_t cr0_saved = stctg(0);
	lctlg0(cr0_saved | CR0_AFP);
	asm volatile("lam 0,15,%0\n\tld 15,%1" : : "Q"(ones), "Q"(f15) : "memory");
	s390_clear_guest_registers();
	lctlg0(cr0_saved | CR0_AFP);
	asm volatile("stam 0,15,%0\n\tstd 15,%1" : "=Q"(ars), "=Q"(f15) : : "memory");
	lctlg0(cr0_saved);
	bool clear = f15 == 0;
	for (int i = 0; i < 16; i++)
		clear &= ars[i] == 0;
	fails += hv_check(clear, "s390x: floating-point and access registers cleared between guests");
	const uint8_t lpswe[] = { 0xb2, 0xb2, 0x10, 0x08 };
	struct insn in;
	fails += hv_check(insn_decode(lpswe, sizeof(lpswe), &in) && in.desc->id == INSN_LPSWE &&
			  in.b2 == 1 && in.d2 == 8, "s390x: privileged-instruction decoder");
	printf("selfcheck: INFO: s390x: SIE facility %s (%s)\n",
	       s390_sie_available() ? "present" : "absent", probe_result);
	return fails;
}
