/* The AMD Secure Processor (PSP) SEV-SNP command layer: command identifiers, firmware
 * status codes, the command buffers as the SEV-SNP firmware ABI lays them out (offsets
 * checked at compile time), and one function per command that marshals its buffer and
 * submits it through a transport: the PSP mailbox on hardware, the model PSP otherwise.
 * Buffers are addressed physically; testvisor is identity-mapped, so a pointer is its
 * physical address (and in host unit tests, simply a pointer). */
#ifndef X86_PSP_H
#define X86_PSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum psp_cmd {
	PSP_CMD_SNP_INIT = 0x081,
	PSP_CMD_SNP_SHUTDOWN = 0x082,
	PSP_CMD_SNP_PLATFORM_STATUS = 0x083,
	PSP_CMD_SNP_DF_FLUSH = 0x084,
	PSP_CMD_SNP_INIT_EX = 0x085,
	PSP_CMD_SNP_DECOMMISSION = 0x090,
	PSP_CMD_SNP_ACTIVATE = 0x091,
	PSP_CMD_SNP_GCTX_CREATE = 0x093,
	PSP_CMD_SNP_GUEST_REQUEST = 0x094,
	PSP_CMD_SNP_LAUNCH_START = 0x0A0,
	PSP_CMD_SNP_LAUNCH_UPDATE = 0x0A1,
	PSP_CMD_SNP_LAUNCH_FINISH = 0x0A2,
	PSP_CMD_SNP_FEATURE_INFO = 0x0CE,
};

enum psp_status {
	PSP_OK = 0x00,
	PSP_INVALID_PLATFORM_STATE = 0x01,
	PSP_INVALID_GUEST_STATE = 0x02,
	PSP_INVALID_CONFIG = 0x03,
	PSP_INVALID_LEN = 0x04,
	PSP_POLICY_FAILURE = 0x07,
	PSP_INVALID_ADDRESS = 0x09,
	PSP_ASID_OWNED = 0x0C,
	PSP_INVALID_ASID = 0x0D,
	PSP_INVALID_GUEST = 0x10,
	PSP_INVALID_COMMAND = 0x11,
	PSP_UNSUPPORTED = 0x15,
	PSP_INVALID_PARAM = 0x16,
	PSP_RESOURCE_LIMIT = 0x17,
	PSP_INVALID_PAGE_STATE = 0x1A,
};
/* Negative results are the transport's: the command never reached firmware. */
enum psp_transport_error { PSP_NO_DEVICE = -1, PSP_TIMEOUT = -2, PSP_BAD_BUFFER = -3 };

const char *psp_status_name(int status);
const char *psp_cmd_name(uint32_t cmd);
/* The command buffer length of `cmd`, 0 for a command this layer does not know. */
size_t psp_cmd_buffer_len(uint32_t cmd);

struct psp_transport {
	int (*submit)(void *ctx, uint32_t cmd, void *buf, size_t len);
	void *ctx;
};

/* ---- Command buffers (SEV-SNP firmware ABI) ---- */
struct psp_snp_addr {              /* PLATFORM_STATUS, GCTX_CREATE, DECOMMISSION */
	uint64_t paddr;
} __attribute__((packed));

#define SNP_INIT_EX_INIT_RMP (1u << 0)
#define SNP_INIT_EX_LIST_PADDR_EN (1u << 1)
#define SNP_INIT_EX_CIPHERTEXT_HIDING (1u << 3)
struct psp_snp_init_ex {
	uint32_t flags;
	uint32_t reserved0;
	uint64_t list_paddr;
	uint16_t max_snp_asid;     /* with ciphertext hiding: SNP ASIDs are 1..max_snp_asid */
	uint8_t reserved1[46];
} __attribute__((packed));

enum snp_platform_state { SNP_STATE_UNINIT = 0, SNP_STATE_INIT = 1 };
struct psp_snp_platform_status {   /* written by firmware at psp_snp_addr.paddr */
	uint8_t api_major, api_minor;
	uint8_t state;
	uint8_t is_rmp_initialized;
	uint32_t build_id;
	uint32_t features;         /* SNP_STATUS_* */
	uint32_t guest_count;
	uint64_t current_tcb;
	uint64_t reported_tcb;
} __attribute__((packed));
#define SNP_STATUS_FEATURE_INFO (1u << 3)          /* SNP_FEATURE_INFO is available */
#define SNP_STATUS_CIPHERTEXT_HIDING_CAP (1u << 5) /* enabled in the platform BIOS */
#define SNP_STATUS_CIPHERTEXT_HIDING_EN (1u << 6)  /* enabled by SNP_INIT_EX */

/* SNP_FEATURE_INFO: a CPUID-like leaf (ecx_in selects it) written at feature_info_paddr. */
struct psp_snp_feature_info {
	uint32_t length;           /* of this buffer: 16 */
	uint32_t ecx_in;
	uint64_t feature_info_paddr;
} __attribute__((packed));
struct psp_snp_feature_leaf {
	uint32_t eax, ebx, ecx, edx;
} __attribute__((packed));
#define SNP_FEATURE_ECX_CIPHERTEXT_HIDING (1u << 3) /* leaf 0 */

struct psp_snp_activate {
	uint64_t gctx_paddr;
	uint32_t asid;
} __attribute__((packed));

/* Guest policy bits. */
#define SNP_POLICY_ABI_MINOR(p) ((unsigned)((p) & 0xff))
#define SNP_POLICY_ABI_MAJOR(p) ((unsigned)(((p) >> 8) & 0xff))
#define SNP_POLICY_SMT (1ull << 16)
#define SNP_POLICY_RSVD_MBO (1ull << 17)
#define SNP_POLICY_DEBUG (1ull << 19)
#define SNP_POLICY_DEFAULT (SNP_POLICY_SMT | SNP_POLICY_RSVD_MBO)

struct psp_snp_launch_start {
	uint64_t gctx_paddr;
	uint64_t policy;
	uint64_t ma_gctx_paddr;
	uint32_t flags;            /* bit 0 ma_en, bit 1 imi_en */
	uint32_t desired_tsc_khz;  /* Secure TSC: the guest's mean TSC frequency */
	uint8_t gosvw[16];
} __attribute__((packed));

enum snp_page_type { SNP_PAGE_NORMAL = 1, SNP_PAGE_VMSA = 2, SNP_PAGE_ZERO = 3,
		     SNP_PAGE_UNMEASURED = 4, SNP_PAGE_SECRETS = 5, SNP_PAGE_CPUID = 6 };
struct psp_snp_launch_update {
	uint64_t gctx_paddr;
	uint32_t page_info;        /* bit 0 2 MiB page, bits 1-3 page type, bit 4 IMI */
	uint32_t reserved0;
	uint64_t paddr;
	uint32_t vmpl_perms;       /* bits 8-15 VMPL1, 16-23 VMPL2, 24-31 VMPL3 */
	uint32_t reserved1;
} __attribute__((packed));
#define SNP_PAGE_INFO(type, large) (((uint32_t)(type) << 1) | ((large) ? 1u : 0u))

struct psp_snp_launch_finish {
	uint64_t gctx_paddr;
	uint64_t id_block_paddr;
	uint64_t id_auth_paddr;
	uint8_t flags;             /* bit 0 id_block_en, bit 1 auth_key_en */
	uint8_t reserved[7];
	uint8_t host_data[32];
} __attribute__((packed));

/* SNP_GUEST_REQUEST: the guest's sealed request page and the page for the response
 * (SNP ABI; Linux struct sev_data_snp_guest_request). */
struct psp_snp_guest_request {
	uint64_t gctx_paddr;
	uint64_t req_paddr;
	uint64_t res_paddr;
} __attribute__((packed));

/* The secrets page the firmware writes at SNP_LAUNCH_UPDATE of a SECRETS page (Linux
 * struct snp_secrets_page): layout version at 0, VMPCK0-3 at 0x20, 0x40, 0x60, 0x80. */
#define SNP_SECRETS_VERSION_OFF 0x00
#define SNP_SECRETS_VMPCK_OFF(n) (0x20 + 0x20 * (n))
#define SNP_VMPCK_COUNT 4

/* ---- Commands: each returns a psp_status (0 = success) or a transport error ---- */
int psp_snp_platform_status(const struct psp_transport *t, struct psp_snp_platform_status *out);
int psp_snp_init_ex(const struct psp_transport *t, bool ciphertext_hiding, uint16_t max_snp_asid);
int psp_snp_gctx_create(const struct psp_transport *t, uint64_t gctx_pa);
int psp_snp_launch_start(const struct psp_transport *t, uint64_t gctx_pa, uint64_t policy,
			 uint32_t desired_tsc_khz);
int psp_snp_activate(const struct psp_transport *t, uint64_t gctx_pa, uint32_t asid);
int psp_snp_launch_update(const struct psp_transport *t, uint64_t gctx_pa, uint64_t page_pa,
			  enum snp_page_type type, bool large);
int psp_snp_launch_finish(const struct psp_transport *t, uint64_t gctx_pa, const uint8_t host_data[32]);
int psp_snp_decommission(const struct psp_transport *t, uint64_t gctx_pa);
int psp_snp_feature_info(const struct psp_transport *t, uint32_t leaf, struct psp_snp_feature_leaf *out);
int psp_snp_guest_request(const struct psp_transport *t, uint64_t gctx_pa, uint64_t req_pa, uint64_t res_pa);

/* ---- The PSP mailbox (sev/psp_mailbox.c): the transport to real firmware ----
 * Polled protocol: the command buffer's physical address into CMDBUF_LO/HI, then
 * cmd << 16 into CMDRESP; firmware sets CMDRESP bit 31 and puts the status in bits 0-15.
 * Register access and time go through callbacks (MMIO on hardware, a fake in tests). */
#define PSP_CMDRESP_RESP (1u << 31)
#define PSP_CMDRESP_CMD_SHIFT 16
#define PSP_CMDRESP_STATUS_MASK 0xffffu
struct psp_mailbox_regs {
	uint32_t cmdresp, cmdbuf_lo, cmdbuf_hi;
};
struct psp_mailbox {
	const struct psp_mailbox_regs *regs;   /* NULL: no PSP */
	uint32_t (*read32)(void *ctx, uint32_t off);
	void (*write32)(void *ctx, uint32_t off, uint32_t val);
	uint64_t (*now_ms)(void *ctx);
	uint64_t (*buffer_pa)(const void *buf);
	uint64_t timeout_ms;
	void *ctx;
};
int psp_mailbox_submit(void *mailbox, uint32_t cmd, void *buf, size_t len);

/* ---- The RMP entry RMPUPDATE writes (AMD APM vol. 3 RMPUPDATE; Linux struct rmp_state) ----
 * Page states of the SEV-SNP firmware ABI: Hypervisor (not assigned), Firmware (assigned,
 * ASID 0, immutable), Pre-Guest (assigned to the guest's ASID, immutable, not validated). */
struct rmp_update {
	uint64_t gpa;
	uint8_t assigned;
	uint8_t pagesize;          /* 0: 4 KiB, 1: 2 MiB */
	uint8_t immutable;
	uint8_t reserved;
	uint32_t asid;
} __attribute__((packed));

/* ---- The model PSP (sev/psp_model.c): firmware behaviour for the emulated backend ---- */
/* Enough for a guest launched by 2 MiB pages with one 2 MiB chunk in 4 KiB pages (the
 * secrets page's) and the firmware and VMSA pages. */
#define PSP_MODEL_RMP_ENTRIES 1024
struct psp_model_rmp {
	uint64_t pa;               /* 0: free slot */
	struct rmp_update e;
	bool validated, context, vmsa;   /* set by firmware commands */
};
#define PSP_MODEL_MAX_GUESTS 8
enum psp_model_guest_state { GUEST_FREE, GUEST_CREATED, GUEST_LAUNCHING, GUEST_RUNNING };
struct psp_model_guest {
	uint64_t gctx;
	enum psp_model_guest_state state;
	uint64_t policy;
	uint32_t tsc_khz;
	uint32_t asid;             /* 0: not activated */
	unsigned pages_measured;
	unsigned vmsas_measured;
	uint8_t host_data[32];
	/* Guest messages: the VMPCKs written into its secrets page, the last MSG_SEQNO the
	 * firmware answered per VMPCK, the Secure TSC values of its launch VMSA. */
	bool has_secrets;
	uint8_t vmpck[SNP_VMPCK_COUNT][32];
	uint64_t msg_seqno[SNP_VMPCK_COUNT];
	uint64_t tsc_scale, tsc_offset;
	/* Attestation: the launch digest (snp_measure.h), chained at each SNP_LAUNCH_UPDATE
	 * when the model can read the pages; the guest's REPORT_ID. */
	uint8_t measurement[48];
	uint8_t report_id[32];
};
struct psp_model {
	uint8_t state;             /* enum snp_platform_state */
	bool feature_info;         /* firmware has SNP_FEATURE_INFO (default yes) */
	bool ciphertext_hiding_fw; /* firmware supports ciphertext hiding (default yes) */
	bool ciphertext_hiding_cap;/* platform BIOS enabled it (default yes) */
	/* Secure TSC: at SNP_LAUNCH_UPDATE of a VMSA whose GUEST_TSC_SCALE and OFFSET the
	 * hypervisor left 0, the model fills them from desired_tsc_khz and the host TSC
	 * (docs/x86-sev.md: which side fills them is an assumption, secure_tsc_vmsa=). */
	uint64_t host_tsc_khz;
	uint64_t (*read_tsc)(void);
	/* The page at a physical address, for the launch digest and ZERO pages; NULL: the
	 * model measures and zeroes nothing (launch-order tests whose addresses are not memory). */
	void *(*page_at)(uint64_t pa);
	bool ciphertext_hiding;
	uint16_t max_snp_asid;
	uint32_t nr_asids;         /* highest ASID firmware accepts */
	uint8_t api_major, api_minor;
	struct psp_model_guest guests[PSP_MODEL_MAX_GUESTS];
	struct psp_model_rmp rmp[PSP_MODEL_RMP_ENTRIES]; /* pages not listed: Hypervisor */
	unsigned commands;         /* submitted commands, for the log and tests */
};
void psp_model_init(struct psp_model *m, uint32_t nr_asids);
int psp_model_submit(void *model, uint32_t cmd, void *buf, size_t len);
const struct psp_model_guest *psp_model_find(const struct psp_model *m, uint64_t gctx);
/* The modelled RMPUPDATE (the CPU's, which the model's firmware checks): 0, or -1 when the
 * table is full. */
int psp_model_rmpupdate(void *model, uint64_t pa, const struct rmp_update *e);
const struct psp_model_rmp *psp_model_rmp_find(const struct psp_model *m, uint64_t pa);

#endif
