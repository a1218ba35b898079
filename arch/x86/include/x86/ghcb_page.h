/* The GHCB page (GHCB specification 2.03, section 2.2 and table 3 "GHCB layout"; the same
 * offsets as Linux's struct ghcb_save_area): what an SEV-ES/SNP guest writes into its
 * shared page before VMGEXIT, and what the hypervisor answers. Each field of the save area
 * has a bit in the valid bitmap (bit = offset / 8); a field counts only when its bit is
 * set. Pure logic: sev_ghcb.c reads and writes the guest's page through it, the host unit
 * tests and the payloads' expectations are written from the specification separately. */
#ifndef X86_GHCB_PAGE_H
#define X86_GHCB_PAGE_H

#include <stdbool.h>
#include <stdint.h>

#define GHCB_PAGE_SIZE 4096u

/* Save-area offsets. */
#define GHCB_OFF_CPL 0x0cbu
#define GHCB_OFF_RAX 0x1f8u
#define GHCB_OFF_RCX 0x308u
#define GHCB_OFF_RDX 0x310u
#define GHCB_OFF_RBX 0x318u
#define GHCB_OFF_EXIT_CODE 0x390u
#define GHCB_OFF_EXIT_INFO1 0x398u
#define GHCB_OFF_EXIT_INFO2 0x3a0u
#define GHCB_OFF_SCRATCH 0x3a8u
#define GHCB_OFF_XCR0 0x3e8u
#define GHCB_OFF_VALID_BITMAP 0x3f0u  /* 16 bytes */
#define GHCB_OFF_SHARED_BUFFER 0x800u /* up to 0xff0 */
#define GHCB_SHARED_BUFFER_END 0xff0u
#define GHCB_OFF_VERSION 0xffau       /* 16 bits */
#define GHCB_OFF_USAGE 0xffcu         /* 32 bits; 0 is the standard usage */

/* Non-automatic exit codes a guest names in SW_EXITCODE (APM vol. 2 appendix C exit
 * codes; GHCB specification table 6 for the VMGEXIT-only ones). */
enum {
	GHCB_NAE_RDTSC = 0x6e, GHCB_NAE_RDPMC = 0x6f, GHCB_NAE_CPUID = 0x72, GHCB_NAE_INVD = 0x76,
	GHCB_NAE_IOIO = 0x7b, GHCB_NAE_MSR = 0x7c, GHCB_NAE_VMMCALL = 0x81, GHCB_NAE_RDTSCP = 0x87,
	GHCB_NAE_WBINVD = 0x89,
	GHCB_NAE_MMIO_READ = 0x80000001, GHCB_NAE_MMIO_WRITE = 0x80000002,
	GHCB_NAE_NMI_COMPLETE = 0x80000003,
	GHCB_NAE_PSC = 0x80000010, GHCB_NAE_GUEST_REQUEST = 0x80000011,
	GHCB_NAE_EXT_GUEST_REQUEST = 0x80000012, GHCB_NAE_AP_CREATION = 0x80000013,
	GHCB_NAE_HV_DOORBELL = 0x80000014,
	GHCB_NAE_HV_FEATURES = 0x8000fffd, GHCB_NAE_TERMINATE = 0x8000fffe, GHCB_NAE_UNSUPPORTED = 0x8000ffff,
};

/* Why a GHCB is refused: SW_EXITINFO1 = 2, SW_EXITINFO2 = the reason (Linux
 * arch/x86/include/asm/sev-common.h GHCB_ERR_*). */
enum ghcb_error {
	GHCB_OK = 0,
	GHCB_ERR_NOT_REGISTERED = 1,
	GHCB_ERR_INVALID_USAGE = 2,
	GHCB_ERR_INVALID_SCRATCH_AREA = 3,
	GHCB_ERR_MISSING_INPUT = 4,
	GHCB_ERR_INVALID_INPUT = 5,
	GHCB_ERR_INVALID_EVENT = 6,
};
#define GHCB_RESULT_OK 0
#define GHCB_RESULT_EXCEPTION 1 /* SW_EXITINFO2: an event to raise, EVENTINJ format */
#define GHCB_RESULT_ERROR 2     /* SW_EXITINFO2: enum ghcb_error */

/* IOIO's SW_EXITINFO1 is the IOIO intercept's EXITINFO1 (APM vol. 2 §15.10.2). */
#define GHCB_IOIO_IN (1u << 0)
#define GHCB_IOIO_STRING (1u << 2)
#define GHCB_IOIO_REP (1u << 3)

/* The scratch area (SW_SCRATCH, the GPA of the data an event carries): in the GHCB page it
 * must lie wholly in the shared buffer; elsewhere it may be up to 16 pages (KVM
 * setup_vmgexit_scratch, GHCB_SCRATCH_AREA_LIMIT). */
#define GHCB_SCRATCH_LIMIT (16u * GHCB_PAGE_SIZE)
struct ghcb_scratch {
	bool in_ghcb;    /* at `offset` in the GHCB page */
	unsigned offset;
	uint64_t gpa;    /* else in guest memory from here */
	uint64_t len;
};

/* AP creation: SW_EXITINFO1 = APIC ID << 32 | request, SW_EXITINFO2 = the VMSA's GPA, RAX
 * = its SEV_FEATURES (GHCB specification "SEV-SNP AP Creation"). */
#define GHCB_AP_CREATE_ON_INIT 0
#define GHCB_AP_CREATE 1
#define GHCB_AP_DESTROY 2

/* The fields a request or response carries; one bit each in `fields`. */
enum ghcb_field {
	GHCB_F_CPL, GHCB_F_RAX, GHCB_F_RBX, GHCB_F_RCX, GHCB_F_RDX, GHCB_F_EXIT_CODE,
	GHCB_F_EXIT_INFO1, GHCB_F_EXIT_INFO2, GHCB_F_SCRATCH, GHCB_F_XCR0, GHCB_F_COUNT,
};
#define GHCB_F(f) (1u << (f))

struct ghcb_fields {
	uint64_t value[GHCB_F_COUNT];
	unsigned fields; /* GHCB_F() bits: the valid ones */
};

struct ghcb_request {
	struct ghcb_fields in;
	uint16_t version;
	uint32_t usage;
};

/* Reads the request from a copy of the page and checks it as the hypervisor must before
 * acting: the standard usage, a known event, every input the event needs marked valid.
 * GHCB_OK or the reason to answer with. */
enum ghcb_error ghcb_read_request(const uint8_t *page, struct ghcb_request *req);
/* The page's protocol-version field against the VM's version: 1 up to it. KVM does not
 * read the field (sev_es_validate_vmgexit checks only the usage); testvisor does with
 * ghcb_version_field=check, an assumption (docs/x86-sev.md). */
bool ghcb_version_field_ok(uint16_t version, unsigned vm_version);

/* Whether testvisor knows `exit_code` as an event a guest may request. */
bool ghcb_known_event(uint64_t exit_code);

/* Writes a response: the valid bitmap cleared and then set for exactly the fields in
 * `out` (SW_EXITINFO1/2 always), their values stored. */
void ghcb_write_response(uint8_t *page, const struct ghcb_fields *out);

/* The response refusing a request (SW_EXITINFO1 = 2, SW_EXITINFO2 = reason): into a
 * response being built, or straight into the page. */
void ghcb_fields_error(struct ghcb_fields *out, enum ghcb_error reason);
void ghcb_write_error(uint8_t *page, enum ghcb_error reason);

/* Where `len` bytes at SW_SCRATCH `scratch` are, for the GHCB page at `ghcb_gpa`: GHCB_OK,
 * or GHCB_ERR_INVALID_SCRATCH_AREA for no address, an overflow, a start in the GHCB page
 * outside its shared buffer or an end past it, or more than GHCB_SCRATCH_LIMIT elsewhere. */
enum ghcb_error ghcb_scratch_check(uint64_t scratch, uint64_t len, uint64_t ghcb_gpa,
				   struct ghcb_scratch *out);

/* Offset of a field in the page, for the guest side and the tests. */
unsigned ghcb_field_offset(enum ghcb_field f);

#endif
