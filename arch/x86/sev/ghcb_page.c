/* The GHCB page: reading a request, checking it, writing the response (x86/ghcb_page.h). */
#include <string.h>
#include <x86/ghcb_page.h>

static const uint16_t field_offset[GHCB_F_COUNT] = {
	[GHCB_F_CPL] = GHCB_OFF_CPL,
	[GHCB_F_RAX] = GHCB_OFF_RAX,
	[GHCB_F_RBX] = GHCB_OFF_RBX,
	[GHCB_F_RCX] = GHCB_OFF_RCX,
	[GHCB_F_RDX] = GHCB_OFF_RDX,
	[GHCB_F_EXIT_CODE] = GHCB_OFF_EXIT_CODE,
	[GHCB_F_EXIT_INFO1] = GHCB_OFF_EXIT_INFO1,
	[GHCB_F_EXIT_INFO2] = GHCB_OFF_EXIT_INFO2,
	[GHCB_F_SCRATCH] = GHCB_OFF_SCRATCH,
	[GHCB_F_XCR0] = GHCB_OFF_XCR0,
};

/* What each event needs marked valid beyond SW_EXITCODE/EXITINFO1/EXITINFO2, as KVM's
 * sev_es_validate_vmgexit checks it (arch/x86/kvm/svm/sev.c). Conditional inputs (CPUID
 * leaf 0xD needs XCR0, an OUT needs RAX, string I/O the scratch area, a WRMSR RAX and
 * RDX, an AP creation other than destroy RAX) are in `needs` below. */
static const struct {
	uint64_t exit_code;
	unsigned inputs;
} events[] = {
	{ GHCB_NAE_RDTSC, 0 },
	{ GHCB_NAE_RDPMC, GHCB_F(GHCB_F_RCX) },
	{ GHCB_NAE_CPUID, GHCB_F(GHCB_F_RAX) | GHCB_F(GHCB_F_RCX) },
	{ GHCB_NAE_INVD, 0 },
	{ GHCB_NAE_IOIO, 0 },
	{ GHCB_NAE_MSR, GHCB_F(GHCB_F_RCX) },
	{ GHCB_NAE_VMMCALL, GHCB_F(GHCB_F_RAX) | GHCB_F(GHCB_F_CPL) },
	{ GHCB_NAE_RDTSCP, 0 },
	{ GHCB_NAE_WBINVD, 0 },
	{ GHCB_NAE_MMIO_READ, GHCB_F(GHCB_F_SCRATCH) },
	{ GHCB_NAE_MMIO_WRITE, GHCB_F(GHCB_F_SCRATCH) },
	{ GHCB_NAE_PSC, GHCB_F(GHCB_F_SCRATCH) },
	{ GHCB_NAE_NMI_COMPLETE, 0 },
	{ GHCB_NAE_GUEST_REQUEST, 0 },
	{ GHCB_NAE_EXT_GUEST_REQUEST, 0 }, /* RAX and RBX only for a report request */
	{ GHCB_NAE_AP_CREATION, 0 },
	{ GHCB_NAE_HV_DOORBELL, 0 },
	{ GHCB_NAE_HV_FEATURES, 0 },
	{ GHCB_NAE_TERMINATE, 0 },
	{ GHCB_NAE_UNSUPPORTED, 0 },
};

unsigned ghcb_field_offset(enum ghcb_field f) { return f < GHCB_F_COUNT ? field_offset[f] : 0; }

static bool valid_bit(const uint8_t *page, unsigned offset)
{
	unsigned bit = offset / 8;
	return (page[GHCB_OFF_VALID_BITMAP + bit / 8] >> (bit % 8)) & 1;
}

static void set_valid_bit(uint8_t *page, unsigned offset)
{
	unsigned bit = offset / 8;
	page[GHCB_OFF_VALID_BITMAP + bit / 8] |= (uint8_t)(1u << (bit % 8));
}

static int event_index(uint64_t exit_code)
{
	for (unsigned i = 0; i < sizeof(events) / sizeof(events[0]); i++)
		if (events[i].exit_code == exit_code)
			return (int)i;
	return -1;
}

bool ghcb_known_event(uint64_t exit_code) { return event_index(exit_code) >= 0; }

/* The inputs an event needs given the values it carries. */
static unsigned needs(int event, const struct ghcb_fields *in)
{
	unsigned need = events[event].inputs;
	uint64_t code = events[event].exit_code, info1 = in->value[GHCB_F_EXIT_INFO1];
	if (code == GHCB_NAE_CPUID && (uint32_t)in->value[GHCB_F_RAX] == 0xd)
		need |= GHCB_F(GHCB_F_XCR0);
	if (code == GHCB_NAE_IOIO)
		need |= (info1 & GHCB_IOIO_STRING) ? GHCB_F(GHCB_F_SCRATCH) :
			!(info1 & GHCB_IOIO_IN) ? GHCB_F(GHCB_F_RAX) : 0;
	if (code == GHCB_NAE_MSR && info1)
		need |= GHCB_F(GHCB_F_RAX) | GHCB_F(GHCB_F_RDX);
	if (code == GHCB_NAE_AP_CREATION && (uint32_t)info1 != GHCB_AP_DESTROY)
		need |= GHCB_F(GHCB_F_RAX); /* the new VMSA's SEV_FEATURES */
	return need;
}

enum ghcb_error ghcb_read_request(const uint8_t *page, struct ghcb_request *req)
{
	memset(req, 0, sizeof(*req));
	for (unsigned f = 0; f < GHCB_F_COUNT; f++) {
		unsigned off = field_offset[f];
		if (f == GHCB_F_CPL)
			req->in.value[f] = page[off];
		else
			memcpy(&req->in.value[f], page + off, 8);
		if (valid_bit(page, off))
			req->in.fields |= GHCB_F(f);
	}
	memcpy(&req->version, page + GHCB_OFF_VERSION, sizeof(req->version));
	memcpy(&req->usage, page + GHCB_OFF_USAGE, sizeof(req->usage));
	if (req->usage != 0)
		return GHCB_ERR_INVALID_USAGE;
	unsigned always = GHCB_F(GHCB_F_EXIT_CODE) | GHCB_F(GHCB_F_EXIT_INFO1) | GHCB_F(GHCB_F_EXIT_INFO2);
	if ((req->in.fields & always) != always)
		return GHCB_ERR_MISSING_INPUT;
	int event = event_index(req->in.value[GHCB_F_EXIT_CODE]);
	if (event < 0)
		return GHCB_ERR_INVALID_EVENT;
	unsigned need = needs(event, &req->in);
	return (req->in.fields & need) == need ? GHCB_OK : GHCB_ERR_MISSING_INPUT;
}

bool ghcb_version_field_ok(uint16_t version, unsigned vm_version)
{
	return version >= 1 && version <= vm_version;
}

void ghcb_write_response(uint8_t *page, const struct ghcb_fields *out)
{
	memset(page + GHCB_OFF_VALID_BITMAP, 0, 16);
	unsigned fields = out->fields | GHCB_F(GHCB_F_EXIT_INFO1) | GHCB_F(GHCB_F_EXIT_INFO2);
	for (unsigned f = 0; f < GHCB_F_COUNT; f++) {
		if (!(fields & GHCB_F(f)))
			continue;
		unsigned off = field_offset[f];
		if (f == GHCB_F_CPL)
			page[off] = (uint8_t)out->value[f];
		else
			memcpy(page + off, &out->value[f], 8);
		set_valid_bit(page, off);
	}
}

void ghcb_fields_error(struct ghcb_fields *out, enum ghcb_error reason)
{
	memset(out, 0, sizeof(*out));
	out->value[GHCB_F_EXIT_INFO1] = GHCB_RESULT_ERROR;
	out->value[GHCB_F_EXIT_INFO2] = reason;
}

void ghcb_write_error(uint8_t *page, enum ghcb_error reason)
{
	struct ghcb_fields out;
	ghcb_fields_error(&out, reason);
	ghcb_write_response(page, &out);
}

enum ghcb_error ghcb_scratch_check(uint64_t scratch, uint64_t len, uint64_t ghcb_gpa,
				   struct ghcb_scratch *out)
{
	memset(out, 0, sizeof(*out));
	if (!scratch || scratch + len < scratch)
		return GHCB_ERR_INVALID_SCRATCH_AREA;
	if ((scratch & ~(uint64_t)(GHCB_PAGE_SIZE - 1)) == ghcb_gpa) {
		uint64_t offset = scratch - ghcb_gpa;
		if (offset < GHCB_OFF_SHARED_BUFFER || offset + len > GHCB_SHARED_BUFFER_END)
			return GHCB_ERR_INVALID_SCRATCH_AREA;
		*out = (struct ghcb_scratch){ .in_ghcb = true, .offset = (unsigned)offset, .len = len };
		return GHCB_OK;
	}
	if (len > GHCB_SCRATCH_LIMIT)
		return GHCB_ERR_INVALID_SCRATCH_AREA;
	*out = (struct ghcb_scratch){ .gpa = scratch, .len = len };
	return GHCB_OK;
}
