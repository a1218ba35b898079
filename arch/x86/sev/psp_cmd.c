/* PSP SEV-SNP command marshalling (see x86/psp.h). */
#include <string.h>
#include <x86/psp.h>

#define CHECK_OFFSET(type, field, off) \
	_Static_assert(offsetof(type, field) == (off), #type "." #field " at " #off " (SNP ABI)")
CHECK_OFFSET(struct psp_snp_init_ex, list_paddr, 8);
CHECK_OFFSET(struct psp_snp_init_ex, max_snp_asid, 16);
_Static_assert(sizeof(struct psp_snp_init_ex) == 64, "SNP_INIT_EX buffer is 64 bytes");
CHECK_OFFSET(struct psp_snp_platform_status, build_id, 4);
CHECK_OFFSET(struct psp_snp_platform_status, guest_count, 12);
CHECK_OFFSET(struct psp_snp_platform_status, current_tcb, 16);
_Static_assert(sizeof(struct psp_snp_platform_status) == 32, "SNP platform status is 32 bytes");
_Static_assert(sizeof(struct psp_snp_activate) == 12, "SNP_ACTIVATE buffer is 12 bytes");
CHECK_OFFSET(struct psp_snp_launch_start, policy, 8);
CHECK_OFFSET(struct psp_snp_launch_start, flags, 24);
CHECK_OFFSET(struct psp_snp_launch_start, desired_tsc_khz, 28);
CHECK_OFFSET(struct psp_snp_launch_start, gosvw, 32);
_Static_assert(sizeof(struct psp_snp_launch_start) == 48, "SNP_LAUNCH_START buffer is 48 bytes");
CHECK_OFFSET(struct psp_snp_launch_update, page_info, 8);
CHECK_OFFSET(struct psp_snp_launch_update, paddr, 16);
CHECK_OFFSET(struct psp_snp_launch_update, vmpl_perms, 24);
_Static_assert(sizeof(struct psp_snp_launch_update) == 32, "SNP_LAUNCH_UPDATE buffer is 32 bytes");
CHECK_OFFSET(struct psp_snp_launch_finish, flags, 24);
CHECK_OFFSET(struct psp_snp_launch_finish, host_data, 32);
_Static_assert(sizeof(struct psp_snp_launch_finish) == 64, "SNP_LAUNCH_FINISH buffer is 64 bytes");
CHECK_OFFSET(struct psp_snp_feature_info, feature_info_paddr, 8);
_Static_assert(sizeof(struct psp_snp_feature_info) == 16, "SNP_FEATURE_INFO buffer is 16 bytes");
CHECK_OFFSET(struct psp_snp_platform_status, features, 8);
CHECK_OFFSET(struct psp_snp_guest_request, res_paddr, 16);
_Static_assert(sizeof(struct psp_snp_guest_request) == 24, "SNP_GUEST_REQUEST buffer is 24 bytes");

static const struct {
	uint32_t cmd;
	const char *name;
	size_t len;
} commands[] = {
	{ PSP_CMD_SNP_INIT, "SNP_INIT", 0 },
	{ PSP_CMD_SNP_SHUTDOWN, "SNP_SHUTDOWN", 0 },
	{ PSP_CMD_SNP_PLATFORM_STATUS, "SNP_PLATFORM_STATUS", sizeof(struct psp_snp_addr) },
	{ PSP_CMD_SNP_DF_FLUSH, "SNP_DF_FLUSH", 0 },
	{ PSP_CMD_SNP_INIT_EX, "SNP_INIT_EX", sizeof(struct psp_snp_init_ex) },
	{ PSP_CMD_SNP_DECOMMISSION, "SNP_DECOMMISSION", sizeof(struct psp_snp_addr) },
	{ PSP_CMD_SNP_ACTIVATE, "SNP_ACTIVATE", sizeof(struct psp_snp_activate) },
	{ PSP_CMD_SNP_GCTX_CREATE, "SNP_GCTX_CREATE", sizeof(struct psp_snp_addr) },
	{ PSP_CMD_SNP_LAUNCH_START, "SNP_LAUNCH_START", sizeof(struct psp_snp_launch_start) },
	{ PSP_CMD_SNP_LAUNCH_UPDATE, "SNP_LAUNCH_UPDATE", sizeof(struct psp_snp_launch_update) },
	{ PSP_CMD_SNP_LAUNCH_FINISH, "SNP_LAUNCH_FINISH", sizeof(struct psp_snp_launch_finish) },
	{ PSP_CMD_SNP_FEATURE_INFO, "SNP_FEATURE_INFO", sizeof(struct psp_snp_feature_info) },
	{ PSP_CMD_SNP_GUEST_REQUEST, "SNP_GUEST_REQUEST", sizeof(struct psp_snp_guest_request) },
};
#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static const struct {
	int status;
	const char *name;
} statuses[] = {
	{ PSP_OK, "SUCCESS" }, { PSP_INVALID_PLATFORM_STATE, "INVALID_PLATFORM_STATE" },
	{ PSP_INVALID_GUEST_STATE, "INVALID_GUEST_STATE" }, { PSP_INVALID_CONFIG, "INVALID_CONFIG" },
	{ PSP_INVALID_LEN, "INVALID_LEN" }, { PSP_POLICY_FAILURE, "POLICY_FAILURE" },
	{ PSP_INVALID_ADDRESS, "INVALID_ADDRESS" }, { PSP_ASID_OWNED, "ASID_OWNED" },
	{ PSP_INVALID_ASID, "INVALID_ASID" }, { PSP_INVALID_GUEST, "INVALID_GUEST" },
	{ PSP_INVALID_COMMAND, "INVALID_COMMAND" }, { PSP_UNSUPPORTED, "UNSUPPORTED" },
	{ PSP_INVALID_PARAM, "INVALID_PARAM" }, { PSP_RESOURCE_LIMIT, "RESOURCE_LIMIT" },
	{ PSP_NO_DEVICE, "no PSP device" }, { PSP_TIMEOUT, "PSP timeout" },
	{ PSP_BAD_BUFFER, "command buffer not accepted by the transport" },
};

const char *psp_status_name(int status)
{
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (statuses[i].status == status)
			return statuses[i].name;
	return "unknown status";
}

const char *psp_cmd_name(uint32_t cmd)
{
	for (size_t i = 0; i < NR_COMMANDS; i++)
		if (commands[i].cmd == cmd)
			return commands[i].name;
	return "unknown command";
}

size_t psp_cmd_buffer_len(uint32_t cmd)
{
	for (size_t i = 0; i < NR_COMMANDS; i++)
		if (commands[i].cmd == cmd)
			return commands[i].len;
	return 0;
}

static int submit(const struct psp_transport *t, uint32_t cmd, void *buf)
{
	return t->submit(t->ctx, cmd, buf, psp_cmd_buffer_len(cmd));
}

int psp_snp_platform_status(const struct psp_transport *t, struct psp_snp_platform_status *out)
{
	memset(out, 0, sizeof(*out));
	struct psp_snp_addr a = { (uint64_t)(uintptr_t)out };
	return submit(t, PSP_CMD_SNP_PLATFORM_STATUS, &a);
}

int psp_snp_init_ex(const struct psp_transport *t, bool ciphertext_hiding, uint16_t max_snp_asid)
{
	struct psp_snp_init_ex b = { 0 };
	b.flags = SNP_INIT_EX_INIT_RMP | (ciphertext_hiding ? SNP_INIT_EX_CIPHERTEXT_HIDING : 0);
	b.max_snp_asid = ciphertext_hiding ? max_snp_asid : 0;
	return submit(t, PSP_CMD_SNP_INIT_EX, &b);
}

int psp_snp_gctx_create(const struct psp_transport *t, uint64_t gctx_pa)
{
	struct psp_snp_addr a = { gctx_pa };
	return submit(t, PSP_CMD_SNP_GCTX_CREATE, &a);
}

int psp_snp_launch_start(const struct psp_transport *t, uint64_t gctx_pa, uint64_t policy,
			 uint32_t desired_tsc_khz)
{
	struct psp_snp_launch_start b = { 0 };
	b.gctx_paddr = gctx_pa;
	b.policy = policy;
	b.desired_tsc_khz = desired_tsc_khz;
	return submit(t, PSP_CMD_SNP_LAUNCH_START, &b);
}

int psp_snp_activate(const struct psp_transport *t, uint64_t gctx_pa, uint32_t asid)
{
	struct psp_snp_activate b = { gctx_pa, asid };
	return submit(t, PSP_CMD_SNP_ACTIVATE, &b);
}

int psp_snp_launch_update(const struct psp_transport *t, uint64_t gctx_pa, uint64_t page_pa,
			  enum snp_page_type type, bool large)
{
	struct psp_snp_launch_update b = { 0 };
	b.gctx_paddr = gctx_pa;
	b.page_info = SNP_PAGE_INFO(type, large);
	b.paddr = page_pa;
	return submit(t, PSP_CMD_SNP_LAUNCH_UPDATE, &b);
}

int psp_snp_launch_finish(const struct psp_transport *t, uint64_t gctx_pa, const uint8_t host_data[32])
{
	struct psp_snp_launch_finish b = { 0 };
	b.gctx_paddr = gctx_pa;
	if (host_data)
		memcpy(b.host_data, host_data, sizeof(b.host_data));
	return submit(t, PSP_CMD_SNP_LAUNCH_FINISH, &b);
}

int psp_snp_decommission(const struct psp_transport *t, uint64_t gctx_pa)
{
	struct psp_snp_addr a = { gctx_pa };
	return submit(t, PSP_CMD_SNP_DECOMMISSION, &a);
}

int psp_snp_feature_info(const struct psp_transport *t, uint32_t leaf, struct psp_snp_feature_leaf *out)
{
	memset(out, 0, sizeof(*out));
	struct psp_snp_feature_info b = { sizeof(b), leaf, (uint64_t)(uintptr_t)out };
	return submit(t, PSP_CMD_SNP_FEATURE_INFO, &b);
}

int psp_snp_guest_request(const struct psp_transport *t, uint64_t gctx_pa, uint64_t req_pa, uint64_t res_pa)
{
	struct psp_snp_guest_request b = { gctx_pa, req_pa, res_pa };
	return submit(t, PSP_CMD_SNP_GUEST_REQUEST, &b);
}
