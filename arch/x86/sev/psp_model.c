/* The model PSP: what SEV-SNP firmware does with the launch commands, as a state machine
 * (platform UNINIT/INIT; per guest context CREATED -> LAUNCHING -> RUNNING), with the
 * firmware's refusals (wrong state, bad policy, ASID owned or out of range, unknown
 * guest). The emulated backend launches through it, so the launch path is the one the
 * hardware backend uses. */
#include <string.h>
#include <x86/guest_tsc.h>
#include <x86/psp.h>
#include <x86/snp_guest_msg.h>
#include <x86/snp_measure.h>
#include <x86/snp_msg_answer.h>
#include <x86/vmsa.h>

#define MODEL_API_MAJOR 1
#define MODEL_API_MINOR 55

void psp_model_init(struct psp_model *m, uint32_t nr_asids)
{
	memset(m, 0, sizeof(*m));
	m->state = SNP_STATE_UNINIT;
	m->feature_info = true;
	m->ciphertext_hiding_fw = true;
	m->ciphertext_hiding_cap = true;
	m->nr_asids = nr_asids;
	m->api_major = MODEL_API_MAJOR;
	m->api_minor = MODEL_API_MINOR;
}

static struct psp_model_guest *find(struct psp_model *m, uint64_t gctx)
{
	for (unsigned i = 0; i < PSP_MODEL_MAX_GUESTS; i++)
		if (m->guests[i].state != GUEST_FREE && m->guests[i].gctx == gctx)
			return &m->guests[i];
	return NULL;
}

const struct psp_model_guest *psp_model_find(const struct psp_model *m, uint64_t gctx)
{
	return find((struct psp_model *)m, gctx);
}

static struct psp_model_rmp *rmp_find(struct psp_model *m, uint64_t pa)
{
	for (unsigned i = 0; i < PSP_MODEL_RMP_ENTRIES; i++)
		if (m->rmp[i].pa == pa && pa)
			return &m->rmp[i];
	return NULL;
}

const struct psp_model_rmp *psp_model_rmp_find(const struct psp_model *m, uint64_t pa)
{
	return rmp_find((struct psp_model *)m, pa);
}

int psp_model_rmpupdate(void *model, uint64_t pa, const struct rmp_update *e)
{
	struct psp_model *m = model;
	struct psp_model_rmp *r = rmp_find(m, pa);
	if (!e->assigned) { /* back to Hypervisor: the entry goes */
		if (r)
			memset(r, 0, sizeof(*r));
		return 0;
	}
	for (unsigned i = 0; !r && i < PSP_MODEL_RMP_ENTRIES; i++)
		if (!m->rmp[i].pa)
			r = &m->rmp[i];
	if (!r)
		return -1;
	*r = (struct psp_model_rmp){ .pa = pa, .e = *e };
	return 0;
}

/* SNP ABI page states the commands need. */
static bool is_firmware_page(const struct psp_model_rmp *r)
{
	return r && r->e.assigned && r->e.asid == 0 && r->e.immutable && !r->context;
}

static bool is_pre_guest_page(const struct psp_model_rmp *r, uint32_t asid, bool large)
{
	return r && r->e.assigned && r->e.asid == asid && r->e.immutable && !r->validated &&
	       r->e.pagesize == (large ? 1 : 0);
}

static unsigned guest_count(const struct psp_model *m)
{
	unsigned n = 0;
	for (unsigned i = 0; i < PSP_MODEL_MAX_GUESTS; i++)
		n += m->guests[i].state != GUEST_FREE;
	return n;
}

static int platform_status(struct psp_model *m, const struct psp_snp_addr *a)
{
	struct psp_snp_platform_status *out = (void *)(uintptr_t)a->paddr;
	if (!out)
		return PSP_INVALID_ADDRESS;
	memset(out, 0, sizeof(*out));
	out->api_major = m->api_major;
	out->api_minor = m->api_minor;
	out->state = m->state;
	out->is_rmp_initialized = m->state == SNP_STATE_INIT;
	out->features = (m->feature_info ? SNP_STATUS_FEATURE_INFO : 0) |
			(m->ciphertext_hiding_cap ? SNP_STATUS_CIPHERTEXT_HIDING_CAP : 0) |
			(m->ciphertext_hiding ? SNP_STATUS_CIPHERTEXT_HIDING_EN : 0);
	out->guest_count = guest_count(m);
	return PSP_OK;
}

static int init_ex(struct psp_model *m, const struct psp_snp_init_ex *b)
{
	if (m->state != SNP_STATE_UNINIT)
		return PSP_INVALID_PLATFORM_STATE;
	bool cth = b->flags & SNP_INIT_EX_CIPHERTEXT_HIDING;
	if (cth && !(m->ciphertext_hiding_fw && m->ciphertext_hiding_cap))
		return PSP_UNSUPPORTED;
	if (cth && (b->max_snp_asid == 0 || b->max_snp_asid >= m->nr_asids))
		return PSP_INVALID_PARAM;
	m->ciphertext_hiding = cth;
	m->max_snp_asid = cth ? b->max_snp_asid : 0;
	m->state = SNP_STATE_INIT;
	return PSP_OK;
}

static int feature_info(struct psp_model *m, const struct psp_snp_feature_info *b)
{
	struct psp_snp_feature_leaf *out = (void *)(uintptr_t)b->feature_info_paddr;
	if (!m->feature_info)
		return PSP_INVALID_COMMAND;
	if (!out)
		return PSP_INVALID_ADDRESS;
	if (b->length != sizeof(*b))
		return PSP_INVALID_LEN;
	memset(out, 0, sizeof(*out));
	if (b->ecx_in == 0 && m->ciphertext_hiding_fw)
		out->ecx = SNP_FEATURE_ECX_CIPHERTEXT_HIDING;
	return PSP_OK;
}

static int gctx_create(struct psp_model *m, const struct psp_snp_addr *a)
{
	if (m->state != SNP_STATE_INIT)
		return PSP_INVALID_PLATFORM_STATE;
	if (!a->paddr || (a->paddr & 0xfff))
		return PSP_INVALID_ADDRESS;
	if (find(m, a->paddr))
		return PSP_INVALID_GUEST_STATE;
	struct psp_model_rmp *page = rmp_find(m, a->paddr);
	if (!is_firmware_page(page))
		return PSP_INVALID_PAGE_STATE;
	for (unsigned i = 0; i < PSP_MODEL_MAX_GUESTS; i++) {
		if (m->guests[i].state == GUEST_FREE) {
			memset(&m->guests[i], 0, sizeof(m->guests[i]));
			m->guests[i].gctx = a->paddr;
			m->guests[i].state = GUEST_CREATED;
			page->context = true;
			return PSP_OK;
		}
	}
	return PSP_RESOURCE_LIMIT;
}

/* The model's keys need not be secret: a splitmix64 stream seeded by the guest context
 * and the time of the launch, so that two guests' keys differ. */
static uint64_t splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* `n` (a multiple of 8) bytes of the stream seeded by `seed`. */
static void fill_stream(uint64_t seed, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i += 8) {
		uint64_t r = splitmix64(&seed);
		memcpy(out + i, &r, 8);
	}
}

static int launch_start(struct psp_model *m, const struct psp_snp_launch_start *b)
{
	struct psp_model_guest *g = find(m, b->gctx_paddr);
	if (!g)
		return PSP_INVALID_GUEST;
	if (g->state != GUEST_CREATED)
		return PSP_INVALID_GUEST_STATE;
	if (!(b->policy & SNP_POLICY_RSVD_MBO) ||
	    SNP_POLICY_ABI_MAJOR(b->policy) > m->api_major ||
	    (SNP_POLICY_ABI_MAJOR(b->policy) == m->api_major &&
	     SNP_POLICY_ABI_MINOR(b->policy) > m->api_minor))
		return PSP_POLICY_FAILURE;
	g->policy = b->policy;
	g->tsc_khz = b->desired_tsc_khz;
	/* REPORT_ID: the firmware's identifier of this guest, different for each guest. */
	fill_stream(~g->gctx ^ (m->read_tsc ? m->read_tsc() : m->commands), g->report_id,
		    sizeof(g->report_id));
	g->state = GUEST_LAUNCHING;
	return PSP_OK;
}

static bool asid_is_snp(const struct psp_model *m, uint32_t asid)
{
	if (asid == 0 || asid >= m->nr_asids)
		return false;
	return !m->ciphertext_hiding || asid <= m->max_snp_asid;
}

static int activate(struct psp_model *m, const struct psp_snp_activate *b)
{
	struct psp_model_guest *g = find(m, b->gctx_paddr);
	if (!g)
		return PSP_INVALID_GUEST;
	if (g->state != GUEST_LAUNCHING && g->state != GUEST_RUNNING)
		return PSP_INVALID_GUEST_STATE;
	if (!asid_is_snp(m, b->asid))
		return PSP_INVALID_ASID;
	for (unsigned i = 0; i < PSP_MODEL_MAX_GUESTS; i++)
		if (&m->guests[i] != g && m->guests[i].state != GUEST_FREE && m->guests[i].asid == b->asid)
			return PSP_ASID_OWNED;
	g->asid = b->asid;
	return PSP_OK;
}

static void fill_secure_tsc(const struct psp_model *m, const struct psp_model_guest *g, void *vmsa)
{
	if (!g->tsc_khz || !m->read_tsc || vmsa_read64(vmsa, VMSA_GUEST_TSC_SCALE) ||
	    vmsa_read64(vmsa, VMSA_GUEST_TSC_OFFSET))
		return;
	uint64_t scale, offset;
	secure_tsc_launch_values(m->host_tsc_khz, g->tsc_khz, m->read_tsc(), &scale, &offset);
	vmsa_write64(vmsa, VMSA_GUEST_TSC_SCALE, scale);
	vmsa_write64(vmsa, VMSA_GUEST_TSC_OFFSET, offset);
}

/* The secrets page (layout version 3, **assumption**: the version current firmware
 * writes is not in a source we could read) with four fresh VMPCKs, which the model keeps
 * for the guest's messages. */
static void write_secrets(struct psp_model *m, struct psp_model_guest *g, uint8_t *page)
{
	uint64_t seed = g->gctx ^ (m->read_tsc ? m->read_tsc() : m->commands);
	memset(page, 0, 4096);
	page[SNP_SECRETS_VERSION_OFF] = 3;
	for (unsigned k = 0; k < SNP_VMPCK_COUNT; k++) {
		fill_stream(splitmix64(&seed), g->vmpck[k], 32);
		memcpy(page + SNP_SECRETS_VMPCK_OFF(k), g->vmpck[k], 32);
		g->msg_seqno[k] = 0;
	}
	g->has_secrets = true;
}

/* The launch digest (snp_measure.h): a 2 MiB page as its 512 4 KiB pages in address
 * order, each at its own GPA (**assumption** from the measurement tools, which measure in
 * 4 KiB steps). Measured as the hypervisor gave it, before the model writes the secrets
 * page or a VMSA's Secure TSC values. */
static void measure(const struct psp_model *m, struct psp_model_guest *g,
		    const struct psp_snp_launch_update *b, uint64_t gpa, unsigned type)
{
	if (!m->page_at)
		return;
	unsigned pages = (b->page_info & 1) ? 512 : 1;
	for (unsigned i = 0; i < pages; i++) {
		struct snp_measured_page p = {
			.type = type, .imi = (b->page_info >> 4) & 1,
			.vmpl1_perms = (uint8_t)(b->vmpl_perms >> 8),
			.vmpl2_perms = (uint8_t)(b->vmpl_perms >> 16),
			.vmpl3_perms = (uint8_t)(b->vmpl_perms >> 24),
			.gpa = gpa + 4096ull * i, .contents = m->page_at(b->paddr + 4096ull * i),
		};
		snp_measure_page(g->measurement, &p);
	}
}

static int launch_update(struct psp_model *m, const struct psp_snp_launch_update *b)
{
	struct psp_model_guest *g = find(m, b->gctx_paddr);
	if (!g)
		return PSP_INVALID_GUEST;
	if (g->state != GUEST_LAUNCHING)
		return PSP_INVALID_GUEST_STATE;
	unsigned type = (b->page_info >> 1) & 7;
	uint64_t align = (b->page_info & 1) ? (2ull << 20) : 4096;
	if (type < SNP_PAGE_NORMAL || type > SNP_PAGE_CPUID ||
	    ((type == SNP_PAGE_VMSA || type == SNP_PAGE_SECRETS) && (b->page_info & 1)))
		return PSP_INVALID_PARAM;
	if (b->paddr & (align - 1))
		return PSP_INVALID_ADDRESS;
	struct psp_model_rmp *page = rmp_find(m, b->paddr);
	if (!g->asid || !is_pre_guest_page(page, g->asid, b->page_info & 1))
		return PSP_INVALID_PAGE_STATE;
	page->validated = true;
	page->vmsa = type == SNP_PAGE_VMSA;
	/* A ZERO page is zeroed by the firmware (SNP ABI page type ZERO), then measured
	 * without its contents; a model without memory (page_at NULL: the launch-order tests'
	 * made-up addresses) leaves it alone. */
	if (type == SNP_PAGE_ZERO && m->page_at)
		memset(m->page_at(b->paddr), 0, (b->page_info & 1) ? (2u << 20) : 4096u);
	measure(m, g, b, page->e.gpa, type);
	/* A Secure TSC guest's VMSA; as in fill_secure_tsc, a model without a clock (the
	 * launch-order tests, whose page addresses are not memory) leaves it alone. */
	if (type == SNP_PAGE_VMSA && g->tsc_khz && m->read_tsc) {
		void *vmsa = (void *)(uintptr_t)b->paddr;
		fill_secure_tsc(m, g, vmsa);
		g->tsc_scale = vmsa_read64(vmsa, VMSA_GUEST_TSC_SCALE);
		g->tsc_offset = vmsa_read64(vmsa, VMSA_GUEST_TSC_OFFSET);
	}
	if (type == SNP_PAGE_SECRETS)
		write_secrets(m, g, (uint8_t *)(uintptr_t)b->paddr);
	g->vmsas_measured += type == SNP_PAGE_VMSA;
	g->pages_measured += (b->page_info & 1) ? 512 : 1;
	return PSP_OK;
}

/* SNP_GUEST_REQUEST: the request opened with the VMPCK it names, MSG_SEQNO one past the
 * last the firmware answered for that key; the response sealed with MSG_SEQNO one past the
 * request's, type + 1, the request's version. A request the firmware cannot open (header,
 * sequence number, tag) or does not know gets INVALID_PARAM and no response, and the
 * expected sequence number stays (**assumption**: the ABI's exact status for each case is
 * not in a source we could read). What each type is answered with: snp_msg_answer.c. */
static int guest_request(struct psp_model *m, const struct psp_snp_guest_request *b)
{
	struct psp_model_guest *g = find(m, b->gctx_paddr);
	if (!g)
		return PSP_INVALID_GUEST;
	if (g->state != GUEST_RUNNING || !g->has_secrets)
		return PSP_INVALID_GUEST_STATE;
	if (!b->req_paddr || !b->res_paddr || ((b->req_paddr | b->res_paddr) & 0xfff))
		return PSP_INVALID_ADDRESS;
	const uint8_t *req = (const uint8_t *)(uintptr_t)b->req_paddr;
	unsigned key = req[0x3c]; /* the header's VMPCK number */
	if (key >= SNP_VMPCK_COUNT)
		return PSP_INVALID_PARAM;
	static uint8_t plain[SNP_MSG_PAYLOAD_MAX], answer[SNP_MSG_PAYLOAD_MAX];
	struct snp_msg msg;
	if (snp_msg_open(g->vmpck[key], req, g->msg_seqno[key] + 1, plain, &msg) != SNP_MSG_OK)
		return PSP_INVALID_PARAM;
	size_t size = snp_msg_answer(m, g, key, &msg, answer);
	if (!size)
		return PSP_INVALID_PARAM;
	struct snp_msg resp = { .seqno = msg.seqno + 1, .type = (uint8_t)(msg.type + 1),
				.version = msg.version, .vmpck = (uint8_t)key, .size = (uint16_t)size,
				.payload = answer };
	snp_msg_seal(g->vmpck[key], &resp, (uint8_t *)(uintptr_t)b->res_paddr);
	g->msg_seqno[key] = resp.seqno;
	return PSP_OK;
}

static int launch_finish(struct psp_model *m, const struct psp_snp_launch_finish *b)
{
	struct psp_model_guest *g = find(m, b->gctx_paddr);
	if (!g)
		return PSP_INVALID_GUEST;
	if (g->state != GUEST_LAUNCHING || !g->asid)
		return PSP_INVALID_GUEST_STATE;
	memcpy(g->host_data, b->host_data, sizeof(g->host_data));
	g->state = GUEST_RUNNING;
	return PSP_OK;
}

static int decommission(struct psp_model *m, const struct psp_snp_addr *a)
{
	struct psp_model_guest *g = find(m, a->paddr);
	if (!g)
		return PSP_INVALID_GUEST;
	struct psp_model_rmp *page = rmp_find(m, a->paddr);
	if (page)
		page->context = false; /* the context page is the hypervisor's to reclaim */
	memset(g, 0, sizeof(*g));
	return PSP_OK;
}

int psp_model_submit(void *model, uint32_t cmd, void *buf, size_t len)
{
	struct psp_model *m = model;
	m->commands++;
	size_t want = psp_cmd_buffer_len(cmd);
	if (!want)
		return PSP_INVALID_COMMAND;
	if (!buf || len != want)
		return PSP_INVALID_LEN;
	if (m->state != SNP_STATE_INIT && cmd != PSP_CMD_SNP_PLATFORM_STATUS && cmd != PSP_CMD_SNP_INIT_EX &&
	    cmd != PSP_CMD_SNP_FEATURE_INFO)
		return PSP_INVALID_PLATFORM_STATE;
	switch (cmd) {
	case PSP_CMD_SNP_PLATFORM_STATUS: return platform_status(m, buf);
	case PSP_CMD_SNP_INIT_EX: return init_ex(m, buf);
	case PSP_CMD_SNP_GCTX_CREATE: return gctx_create(m, buf);
	case PSP_CMD_SNP_LAUNCH_START: return launch_start(m, buf);
	case PSP_CMD_SNP_ACTIVATE: return activate(m, buf);
	case PSP_CMD_SNP_LAUNCH_UPDATE: return launch_update(m, buf);
	case PSP_CMD_SNP_LAUNCH_FINISH: return launch_finish(m, buf);
	case PSP_CMD_SNP_DECOMMISSION: return decommission(m, buf);
	case PSP_CMD_SNP_FEATURE_INFO: return feature_info(m, buf);
	case PSP_CMD_SNP_GUEST_REQUEST: return guest_request(m, buf);
	default: return PSP_UNSUPPORTED;
	}
}
