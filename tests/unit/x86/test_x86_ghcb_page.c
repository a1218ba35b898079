/* The GHCB page protocol (arch/x86/sev/ghcb_page.c), which exits of an SEV-ES guest raise
 * #VC (sev_exit_kind.c) and how the modelled CPU delivers it (idt_delivery.c). The
 * offsets and codes here are written from the GHCB specification (pub. 56421, "GHCB
 * layout": RAX 0x1F8, RCX 0x308, RDX 0x310, RBX 0x318, SW_EXITCODE 0x390, SW_EXITINFO1
 * 0x398, SW_EXITINFO2 0x3A0, SW_SCRATCH 0x3A8, valid bitmap 0x3F0, usage 0xFFC) and the
 * APM, not from testvisor's header. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <x86/ghcb_page.h>
#include <x86/idt_delivery.h>
#include <x86/sev_exit_kind.h>

static uint8_t page[4096];

static void set(unsigned off, uint64_t v)
{
	memcpy(page + off, &v, 8);
	page[0x3f0 + off / 64] |= (uint8_t)(1u << (off / 8 % 8));
}

static uint64_t get(unsigned off)
{
	uint64_t v;
	memcpy(&v, page + off, 8);
	return v;
}

static int is_valid(unsigned off) { return (page[0x3f0 + off / 64] >> (off / 8 % 8)) & 1; }

static void request(uint64_t code, uint64_t info1, uint64_t info2)
{
	memset(page, 0, sizeof(page));
	set(0x390, code);
	set(0x398, info1);
	set(0x3a0, info2);
}

static void cpuid_request_read(void **state)
{
	request(0x72, 0, 0);
	set(0x1f8, 0x8000001f);
	set(0x308, 0);
	struct ghcb_request req;
	assert_int_equal(ghcb_read_request(page, &req), GHCB_OK);
	assert_int_equal(req.in.value[GHCB_F_EXIT_CODE], 0x72);
	assert_int_equal(req.in.value[GHCB_F_RAX], 0x8000001f);
	assert_true(req.in.fields & GHCB_F(GHCB_F_RCX));
	assert_false(req.in.fields & GHCB_F(GHCB_F_RBX));
}

/* KVM's sev_es_validate_vmgexit: the three SW fields always, then per event. */
static void missing_inputs(void **state)
{
	struct ghcb_request req;
	request(0x72, 0, 0);
	set(0x1f8, 1); /* RCX missing */
	assert_int_equal(ghcb_read_request(page, &req), GHCB_ERR_MISSING_INPUT);
	request(0x72, 0, 0);
	set(0x1f8, 0xd);
	set(0x308, 0); /* leaf 0xD needs XCR0 */
	assert_int_equal(ghcb_read_request(page, &req), GHCB_ERR_MISSING_INPUT);
	set(0x3e8, 1);
	assert_int_equal(ghcb_read_request(page, &req), GHCB_OK);
	request(0x7b, 0x3f8u << 16 | 1 << 4, 0); /* OUT without RAX */
	assert_int_equal(ghcb_read_request(page, &req), GHCB_ERR_MISSING_INPUT);
	request(0x7b, 0x3f8u << 16 | 1 << 4 | 1, 0); /* IN needs no RAX */
	assert_int_equal(ghcb_read_request(page, &req), GHCB_OK);
	request(0x7b, 0x3f8u << 16 | 1 << 4 | 1 << 2, 0); /* string: the scratch area */
	assert_int_equal(ghcb_read_request(page, &req), GHCB_ERR_MISSING_INPUT);
	request(0x7c, 1, 0); /* WRMSR: RCX, RAX, RDX */
	set(0x308, 0x10);
	set(0x1f8, 0);
	assert_int_equal(ghcb_read_request(page, &req), GHCB_ERR_MISSING_INPUT);
	set(0x310, 0);
	assert_int_equal(ghcb_read_request(page, &req), GHCB_OK);
	request(0x81, 0, 0); /* VMMCALL: RAX and CPL */
	set(0x1f8, 0);
	assert_int_equal(ghcb_read_request(page, &req), GHCB_ERR_MISSING_INPUT);
	page[0xcb] = 0;
	page[0x3f0 + 0xcb / 64] |= 1u << (0xcb / 8 % 8);
	assert_int_equal(ghcb_read_request(page, &req), GHCB_OK);
	memset(page, 0, sizeof(page)); /* nothing valid */
	assert_int_equal(ghcb_read_request(page, &req), GHCB_ERR_MISSING_INPUT);
}

static void usage_and_event(void **state)
{
	struct ghcb_request req;
	request(0x6e, 0, 0);
	assert_int_equal(ghcb_read_request(page, &req), GHCB_OK);
	uint32_t usage = 1;
	memcpy(page + 0xffc, &usage, 4);
	assert_int_equal(ghcb_read_request(page, &req), GHCB_ERR_INVALID_USAGE);
	request(0x12345, 0, 0);
	assert_int_equal(ghcb_read_request(page, &req), GHCB_ERR_INVALID_EVENT);
	assert_false(ghcb_known_event(0x403));
	assert_true(ghcb_known_event(0x8000fffd));
}

static void response(void **state)
{
	request(0x72, 0, 0);
	set(0x1f8, 0);
	set(0x308, 0);
	struct ghcb_fields out = { .fields = 0 };
	out.value[GHCB_F_RAX] = 0x11;
	out.value[GHCB_F_RBX] = 0x22;
	out.fields = GHCB_F(GHCB_F_RAX) | GHCB_F(GHCB_F_RBX);
	ghcb_write_response(page, &out);
	assert_int_equal(get(0x1f8), 0x11);
	assert_int_equal(get(0x318), 0x22);
	assert_true(is_valid(0x1f8) && is_valid(0x318) && is_valid(0x398) && is_valid(0x3a0));
	/* The request's own valid bits are gone: RCX and SW_EXITCODE were not answered. */
	assert_false(is_valid(0x308) || is_valid(0x390));
	assert_int_equal(get(0x398), 0);
	ghcb_write_error(page, GHCB_ERR_INVALID_EVENT);
	assert_int_equal(get(0x398), 2);
	assert_int_equal(get(0x3a0), 6);
	assert_false(is_valid(0x1f8));
}

/* APM vol. 2 §15.35: intercepts that reach the hypervisor without the guest's help. */
static void automatic_exits(void **state)
{
	const uint64_t automatic[] = { 0x60, 0x61, 0x62, 0x63, 0x64, 0x77, 0x78, 0x7f, 0x8f,
				       0x90, 0x9f, 0x400, 0x403, 0x40 + 14, 0x40 + 13 };
	const uint64_t not_automatic[] = { 0x6e, 0x6f, 0x72, 0x76, 0x7b, 0x7c, 0x81, 0x87, 0x89,
					   0x8a, 0x8b, 0x8d, 0x0, 0x10, 0x40 + 29 };
	for (unsigned i = 0; i < sizeof(automatic) / sizeof(automatic[0]); i++)
		assert_true(sev_exit_is_automatic(automatic[i]));
	for (unsigned i = 0; i < sizeof(not_automatic) / sizeof(not_automatic[0]); i++)
		assert_false(sev_exit_is_automatic(not_automatic[i]));
}

/* Which nested page faults: only RSVD (bit 3) makes one #VC. EXITINFO1 as observed: bit 32
 * (final translation), US; QEMU 10's TCG reports RSVD without P, Bochs (and hardware) with. */
static void npf_kind(void **state)
{
	const uint64_t automatic[] = { 0x100000004, 0x100000006, 0x100000014, 0x100000005,
				       0x100000007, 0x200000004, 0 };
	const uint64_t not_automatic[] = { 0x10000000c, 0x10000000e, 0x10000000d, 0x10000000f,
					   0x8, 0x10000001c };
	for (unsigned i = 0; i < sizeof(automatic) / sizeof(automatic[0]); i++)
		assert_true(sev_npf_is_automatic(automatic[i]));
	for (unsigned i = 0; i < sizeof(not_automatic) / sizeof(not_automatic[0]); i++)
		assert_false(sev_npf_is_automatic(not_automatic[i]));
}

static void gate(uint8_t g[16], uint64_t offset, uint16_t sel, uint8_t type_attr, uint8_t ist)
{
	memset(g, 0, 16);
	g[0] = (uint8_t)offset, g[1] = (uint8_t)(offset >> 8);
	g[2] = (uint8_t)sel, g[3] = (uint8_t)(sel >> 8);
	g[4] = ist;
	g[5] = type_attr;
	g[6] = (uint8_t)(offset >> 16), g[7] = (uint8_t)(offset >> 24);
	for (unsigned i = 0; i < 4; i++)
		g[8 + i] = (uint8_t)(offset >> (32 + 8 * i));
}

/* APM vol. 2 §8.9: 16-byte aligned stack, SS RSP RFLAGS CS RIP error code pushed, TF NT
 * RF cleared, IF cleared by an interrupt gate only. */
static void idt_delivery(void **state)
{
	struct idt_delivery_in in = { .rip = 0x101000, .rsp = 0x20fff8, .rflags = 0x10302,
				      .error_code = 0x7b, .cs = 8, .ss = 0x10, .cpl = 0 };
	struct idt_delivery_out out;
	gate(in.gate, 0xffffffff80102030ull, 8, 0x8e, 0);
	assert_null(idt_deliver64(&in, &out));
	assert_int_equal(out.rip, 0xffffffff80102030ull);
	assert_int_equal(out.frame_gva, 0x20fff0 - 48);
	assert_int_equal(out.rsp, out.frame_gva);
	const uint64_t want[6] = { 0x7b, 0x101000, 8, 0x10302, 0x20fff8, 0x10 };
	assert_memory_equal(out.frame, want, sizeof(want));
	assert_int_equal(out.rflags, 0x2);
	gate(in.gate, 0x1000, 8, 0x8f, 0); /* trap gate keeps IF */
	assert_null(idt_deliver64(&in, &out));
	assert_int_equal(out.rflags, 0x202);
	gate(in.gate, 0x1000, 8, 0x0e, 0);
	assert_non_null(idt_deliver64(&in, &out)); /* not present */
	gate(in.gate, 0x1000, 8, 0x8e, 1);
	assert_non_null(idt_deliver64(&in, &out)); /* IST */
	gate(in.gate, 0x1000, 8, 0x8c, 0);
	assert_non_null(idt_deliver64(&in, &out)); /* call gate */
	gate(in.gate, 0x1000, 8, 0x8e, 0);
	in.cpl = 3;
	assert_non_null(idt_deliver64(&in, &out));
}

/* KVM setup_vmgexit_scratch: SW_SCRATCH 0 or wrapping, a start in the GHCB page outside
 * the shared buffer (0x800-0xFEF) or an end past it, and more than 16 pages elsewhere are
 * refused with reason 3 (invalid scratch area). */
static void scratch_area(void **state)
{
	const uint64_t ghcb = 0x7000;
	struct ghcb_scratch sc;
	assert_int_equal(ghcb_scratch_check(ghcb + 0x800, 0x7f0, ghcb, &sc), GHCB_OK);
	assert_true(sc.in_ghcb);
	assert_int_equal(sc.offset, 0x800);
	assert_int_equal(ghcb_scratch_check(ghcb + 0x800, 0x7f1, ghcb, &sc), 3);
	assert_int_equal(ghcb_scratch_check(ghcb + 0x7f8, 8, ghcb, &sc), 3);
	assert_int_equal(ghcb_scratch_check(ghcb + 0xff0, 0, ghcb, &sc), GHCB_OK);
	assert_int_equal(ghcb_scratch_check(ghcb + 0xff0, 1, ghcb, &sc), 3);
	assert_int_equal(ghcb_scratch_check(0, 1, ghcb, &sc), 3);
	assert_int_equal(ghcb_scratch_check(~0ull - 3, 8, ghcb, &sc), 3);
	assert_int_equal(ghcb_scratch_check(0x20000, 16 * 4096, ghcb, &sc), GHCB_OK);
	assert_false(sc.in_ghcb);
	assert_int_equal(sc.gpa, 0x20000);
	assert_int_equal(ghcb_scratch_check(0x20000, 16 * 4096 + 1, ghcb, &sc), 3);
}

/* KVM sev_es_validate_vmgexit: MMIO, string I/O and the page-state change need SW_SCRATCH
 * marked valid. */
static void scratch_inputs(void **state)
{
	struct ghcb_request req;
	const uint64_t codes[3] = { 0x80000001, 0x80000002, 0x80000010 };
	for (unsigned i = 0; i < 3; i++) {
		request(codes[i], 0xfec00000, 4);
		assert_int_equal(ghcb_read_request(page, &req), GHCB_ERR_MISSING_INPUT);
		set(0x3a8, 0x7800);
		assert_int_equal(ghcb_read_request(page, &req), GHCB_OK);
		assert_int_equal(req.in.value[GHCB_F_SCRATCH], 0x7800);
	}
	request(0x7b, 0x3f8u << 16 | 1u << 4 | 1u << 3 | 1u << 2, 5); /* REP OUTSB */
	assert_int_equal(ghcb_read_request(page, &req), GHCB_ERR_MISSING_INPUT);
	set(0x3a8, 0x7800);
	assert_int_equal(ghcb_read_request(page, &req), GHCB_OK);
}

/* The protocol-version field under ghcb_version_field=check: 1 up to the VM's version. */
static void version_field(void **state)
{
	assert_false(ghcb_version_field_ok(0, 2));
	assert_true(ghcb_version_field_ok(1, 2));
	assert_true(ghcb_version_field_ok(2, 2));
	assert_false(ghcb_version_field_ok(2, 1));
	assert_false(ghcb_version_field_ok(0x7fff, 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cpuid_request_read), cmocka_unit_test(missing_inputs),
		cmocka_unit_test(usage_and_event), cmocka_unit_test(response),
		cmocka_unit_test(automatic_exits), cmocka_unit_test(npf_kind), cmocka_unit_test(idt_delivery),
		cmocka_unit_test(scratch_area), cmocka_unit_test(scratch_inputs),
		cmocka_unit_test(version_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
