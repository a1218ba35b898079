/* Fuzz target: the GHCB page an SEV-ES/SNP guest hands over at VMGEXIT (arch/x86/sev/
 * ghcb_page.c) and the software delivery of #VC through a guest IDT gate (idt_delivery.c).
 * Input: a GHCB page (shorter inputs are zero-filled). Checks beyond the sanitizers: a
 * request accepted has the three SW fields valid, a known event and the inputs the event
 * needs (CPUID: RAX and RCX, MSR: RCX, VMMCALL: RAX and CPL); a refused one has a reason
 * from 2, 4, 6; a response written marks exactly SW_EXITINFO1/2 plus the fields given, and
 * reads back; a delivery accepted pushes the interrupted RIP/CS/RFLAGS/RSP/SS above the
 * error code on a 16-byte aligned frame and leaves RFLAGS.TF clear. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <x86/ghcb_page.h>
#include <x86/idt_delivery.h>

static uint8_t page[GHCB_PAGE_SIZE];

static int valid(const uint8_t *p, unsigned off) { return (p[0x3f0 + off / 64] >> (off / 8 % 8)) & 1; }

static void check_request(void)
{
	struct ghcb_request req;
	enum ghcb_error e = ghcb_read_request(page, &req);
	if (e == GHCB_OK) {
		unsigned sw = GHCB_F(GHCB_F_EXIT_CODE) | GHCB_F(GHCB_F_EXIT_INFO1) | GHCB_F(GHCB_F_EXIT_INFO2);
		uint64_t code = req.in.value[GHCB_F_EXIT_CODE];
		if ((req.in.fields & sw) != sw || !ghcb_known_event(code) || req.usage != 0)
			abort();
		unsigned need = code == GHCB_NAE_CPUID ? GHCB_F(GHCB_F_RAX) | GHCB_F(GHCB_F_RCX) :
				code == GHCB_NAE_MSR ? GHCB_F(GHCB_F_RCX) :
				code == GHCB_NAE_VMMCALL ? GHCB_F(GHCB_F_RAX) | GHCB_F(GHCB_F_CPL) : 0;
		if ((req.in.fields & need) != need)
			abort();
	} else if (e != GHCB_ERR_INVALID_USAGE && e != GHCB_ERR_MISSING_INPUT &&
		   e != GHCB_ERR_INVALID_EVENT) {
		abort();
	}
	/* A response built from the request's own values. */
	struct ghcb_fields out = req.in;
	out.fields &= GHCB_F(GHCB_F_RAX) | GHCB_F(GHCB_F_RBX) | GHCB_F(GHCB_F_RCX) | GHCB_F(GHCB_F_RDX);
	ghcb_write_response(page, &out);
	for (unsigned f = 0; f < GHCB_F_COUNT; f++) {
		unsigned off = ghcb_field_offset(f);
		int want = (out.fields & GHCB_F(f)) || f == GHCB_F_EXIT_INFO1 || f == GHCB_F_EXIT_INFO2;
		if (valid(page, off) != want)
			abort();
		uint64_t v = 0;
		memcpy(&v, page + off, f == GHCB_F_CPL ? 1 : 8);
		if (want && v != (f == GHCB_F_CPL ? (uint8_t)out.value[f] : out.value[f]))
			abort();
	}
}

static void check_delivery(const uint8_t *data, size_t size)
{
	struct idt_delivery_in in = { 0 };
	memcpy(in.gate, data, size < 16 ? size : 16);
	if (size >= 16 + 5 * 8) {
		memcpy(&in.rip, data + 16, 8);
		memcpy(&in.rsp, data + 24, 8);
		memcpy(&in.rflags, data + 32, 8);
		memcpy(&in.error_code, data + 40, 8);
		in.cs = (uint16_t)data[48];
		in.ss = (uint16_t)data[49];
		in.cpl = data[50] & 3;
	}
	struct idt_delivery_out out;
	if (idt_deliver64(&in, &out))
		return;
	if ((out.frame_gva + sizeof(out.frame)) & 0xf || out.rsp != out.frame_gva ||
	    out.frame[0] != in.error_code || out.frame[1] != in.rip || out.frame[2] != in.cs ||
	    out.frame[3] != in.rflags || out.frame[4] != in.rsp || out.frame[5] != in.ss ||
	    (out.rflags & (1ull << 8)) || in.cpl != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	memset(page, 0, sizeof(page));
	memcpy(page, data, size < sizeof(page) ? size : sizeof(page));
	check_request();
	check_delivery(data, size);
	return 0;
}
