/* An SEV-ES/SNP guest's MMIO and string port I/O reach the hypervisor only through #VC and
 * the GHCB's scratch area. Written from the GHCB specification (pub. 56421: "MMIO Access"
 * 0x8000_0001/2 with SW_EXITINFO1 the GPA, SW_EXITINFO2 the byte count, SW_SCRATCH the data;
 * "IOIO" with the string bit: SW_EXITINFO2 the repeat count, the data in the scratch area),
 * KVM's checks (arch/x86/kvm/svm/sev.c: sev_es_validate_vmgexit, MMIO without SW_SCRATCH:
 * reason 4; setup_vmgexit_scratch, a scratch area starting in the GHCB outside its shared
 * buffer 0x800-0xFEF: reason 3), the APM (vol. 2 §15.35: an NPF on an MMIO page is #VC
 * with error code 0x400) and QEMU's devices: the I/O APIC at 0xFEC00000 (IOREGSEL at 0,
 * IOWIN at 0x10; hw/intc/ioapic.c: version 0x20, 24 redirection entries, so register 1
 * reads 0x00170020; redirection entries writable but for bits 12 and 14; IOREGSEL reads
 * back what was selected) and fw_cfg (port 0x510 selector, 0x511 data; item 0, the
 * signature, reads "QEMU"). The REP OUTSB line is checked by the manifest
 * (guest_log_match). Arguments: type=snp|es. SEV-ES/SNP guests only. */
#include <libtv.h>
#include <string.h>
#include "sev_guest.h"
#include "x86_guest.h"

#define IOAPIC_BASE 0xfec00000ull
#define IOREGSEL ((volatile uint32_t *)IOAPIC_BASE)
#define IOWIN ((volatile uint32_t *)(IOAPIC_BASE + 0x10))
#define EXIT_NPF 0x400
#define EXIT_IOIO 0x7b
/* GHCB offsets (GHCB specification "GHCB layout"). */
enum { G_EXIT_CODE = 0x390, G_INFO1 = 0x398, G_INFO2 = 0x3a0, G_SCRATCH = 0x3a8, G_VALID = 0x3f0,
       G_USAGE = 0xffc, G_SHARED = 0x800 };

static uint32_t ioapic_read(uint32_t reg)
{
	*IOREGSEL = reg;
	return *IOWIN;
}

static void mmio_checks(void)
{
	unsigned long before = sev_vc_count(EXIT_NPF);
	uint32_t version = ioapic_read(1);
	report(version == 0x00170020 && sev_vc_count(EXIT_NPF) == before + 2,
	       "I/O APIC version through #VC 0x400 and the GHCB: %#x (QEMU's 0x20, 24 entries: 0x00170020)",
	       version);
	*IOREGSEL = 0x14; /* redirection entry 2, low half */
	*IOWIN = 0x00010035;
	*IOREGSEL = 0x15;
	*IOWIN = 0x03000000;
	report(ioapic_read(0x14) == 0x00010035 && ioapic_read(0x15) == 0x03000000,
	       "redirection entry 2 written and read back through the GHCB (%#x, %#x)",
	       ioapic_read(0x14), ioapic_read(0x15));

	/* The other MOV forms the #VC handler decodes. */
	uint64_t base = IOAPIC_BASE, r = ~0ull;
	__asm__ volatile("movb $0x12, (%0)" :: "r"(base) : "memory"); /* C6 /0 */
	__asm__ volatile("movzbl (%1), %k0" : "=r"(r) : "r"(base) : "memory"); /* 0F B6 */
	report(r == 0x12, "MOV byte imm, then MOVZX byte: IOREGSEL reads back 0x12 (%#lx)", (unsigned long)r);
	__asm__ volatile("movl $0x01, (%0)" :: "r"(base) : "memory"); /* C7 /0 */
	r = ~0ull;
	__asm__ volatile("movzwq (%1), %0" : "=r"(r) : "r"(base) : "memory"); /* REX.W 0F B7 */
	report(r == 1, "MOV dword imm, then MOVZX word into a 64-bit register: 1 (%#lx)", (unsigned long)r);
	r = ~0ull;
	__asm__ volatile("movl 0x10(%1), %k0" : "+r"(r) : "r"(base) : "memory"); /* 8B, disp8 */
	report(r == 0x00170020, "MOV r32 from [base+0x10] zero-extends: %#lx", (unsigned long)r);
	*IOREGSEL = 1;
	uint64_t idx = 2;
	r = 0;
	__asm__ volatile("movl (%1,%2,8), %k0" : "=r"(r) : "r"(base), "r"(idx) : "memory"); /* SIB */
	report(r == 0x00170020, "MOV r32 from [base+index*8]: the version again (%#lx)", (unsigned long)r);
	register uint64_t r9 __asm__("r9") = 0x15;
	__asm__ volatile("movl %k0, (%1)" :: "r"(r9), "r"(base) : "memory"); /* REX.R 89 */
	__asm__ volatile("movzbl (%1), %k0" : "=r"(r) : "r"(base) : "memory");
	report(r == 0x15, "MOV from R9D selects register 0x15 (%#lx)", (unsigned long)r);
}

/* Requests built by hand against the spec's rules for the scratch area. */
static void scratch_refusals(void)
{
	uint8_t *g = sev_ghcb_page();
	uint64_t ghcb_gpa = (uint64_t)(uintptr_t)g;
	const struct { uint64_t scratch; bool valid; uint64_t reason; const char *what; } cases[] = {
		{ 0, false, 4, "MMIO read without SW_SCRATCH: missing input" },
		{ ghcb_gpa + 0x100, true, 3, "MMIO read with SW_SCRATCH in the GHCB save area: invalid scratch area" },
		{ ghcb_gpa + 0xfee, true, 3, "MMIO read whose 4 bytes end past the shared buffer: invalid scratch area" },
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(g + G_VALID, 0, 16);
		memset(g + G_USAGE, 0, 4);
		const unsigned offs[4] = { G_EXIT_CODE, G_INFO1, G_INFO2, G_SCRATCH };
		const uint64_t vals[4] = { 0x80000001ull, IOAPIC_BASE + 0x10, 4, cases[i].scratch };
		for (unsigned f = 0; f < (cases[i].valid ? 4u : 3u); f++) {
			memcpy(g + offs[f], &vals[f], 8);
			g[G_VALID + offs[f] / 64] |= (uint8_t)(1u << (offs[f] / 8 % 8));
		}
		sev_ghcb_vmgexit();
		uint64_t info1, info2;
		memcpy(&info1, g + G_INFO1, 8);
		memcpy(&info2, g + G_INFO2, 8);
		report((uint32_t)info1 == 2 && info2 == cases[i].reason, "%s (%lu, %lu)", cases[i].what,
		       (unsigned long)info1, (unsigned long)info2);
	}
}

static void string_io_checks(void)
{
	outw(0x510, 0x0000); /* fw_cfg: the signature */
	char sig[8] = { 0 };
	uint64_t dst = (uint64_t)(uintptr_t)sig, count = 4;
	unsigned long before = sev_vc_count(EXIT_IOIO);
	__asm__ volatile("rep insb" : "+D"(dst), "+c"(count) : "d"(0x511) : "memory");
	report(!memcmp(sig, "QEMU", 4) && count == 0 && dst == (uint64_t)(uintptr_t)sig + 4 &&
	       sev_vc_count(EXIT_IOIO) == before + 1,
	       "REP INSB of fw_cfg's signature in one #VC through the scratch area: \"%.4s\", RCX 0, RDI +4", sig);
	static const char line[] = "sev_mmio: this line went out by one REP OUTSB through the GHCB\n";
	uint64_t src = (uint64_t)(uintptr_t)line;
	count = sizeof(line) - 1;
	before = sev_vc_count(EXIT_IOIO);
	__asm__ volatile("rep outsb" : "+S"(src), "+c"(count) : "d"(0x3f8) : "memory");
	report(count == 0 && src == (uint64_t)(uintptr_t)line + sizeof(line) - 1 &&
	       sev_vc_count(EXIT_IOIO) == before + 1,
	       "REP OUTSB to COM1 in one #VC: RCX 0, RSI past the line (the manifest checks the line)");
}

int main(int argc, char **argv)
{
	if (sev_es_payload_start(argc, argv) == SEV_PAYLOAD_NONE)
		return report_summary();
	if (!sev_map_mmio(IOAPIC_BASE))
		report_abort("the I/O APIC page cannot be mapped");
	mmio_checks();
	scratch_refusals();
	string_io_checks();
	return report_summary();
}
