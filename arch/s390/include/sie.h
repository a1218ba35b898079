/* The SIE backend: the state description (SIE control block) testvisor would hand to the
 * SIE instruction where the facility exists, and the interception codes it understands.
 * Marshalled as big-endian bytes at the architected offsets, so the host unit tests can
 * check the set-up; see docs/s390.md for what runs under SIE today. */
#ifndef SIE_H
#define SIE_H

#include <stdbool.h>
#include <stdint.h>

#define SIE_BLOCK_SIZE 512

/* Offsets in the state description */
#define SD_CPUFLAGS 0x000
#define SD_PREFIX   0x004
#define SD_CPUTM    0x028
#define SD_CKC      0x030
#define SD_EPOCH    0x038
#define SD_LCTL     0x044
#define SD_ICPUA    0x046
#define SD_ICTL     0x048
#define SD_ECA      0x04c
#define SD_ICPTCODE 0x050
#define SD_IPA      0x056
#define SD_IPB      0x058
#define SD_MSO      0x080
#define SD_MSL      0x088
#define SD_GPSW     0x090
#define SD_GG14     0x0a0
#define SD_GG15     0x0a8
/* Interception parameters (Linux arch/s390/include/asm/kvm_host.h, struct
 * kvm_s390_sie_block: eiparams, extcpuaddr, eic, pgmilc, iprcc, dxc, mcn, perc,
 * peratmid, peraddr, eai, peraid, oai, tecmc). */
#define SD_EIPARAMS 0x0c0
#define SD_EXTCPUADDR 0x0c4
#define SD_EIC      0x0c6
#define SD_PGMILC   0x0cc
#define SD_IPRCC    0x0ce
#define SD_DXC      0x0d0
#define SD_MCN      0x0d4
#define SD_PERC     0x0d6
#define SD_PERATMID 0x0d7
#define SD_PERADDR  0x0d8
#define SD_EAI      0x0e0
#define SD_PERAID   0x0e1
#define SD_OAI      0x0e2
#define SD_TECMC    0x0e8
#define SD_GCR      0x100
#define SD_FAC      0x1a0

/* Intervention requests (Linux kvm_host.h CPUSTAT_IO_INT/CPUSTAT_EXT_INT; Hercules
 * SIEBK `v` byte SIE_V_IO/SIE_V_EXT): SIE ends with interception 0x18/0x10 as soon as
 * the guest PSW enables I/O / external interruptions. */
#define CPUSTAT_IO_INT  0x02000000u
#define CPUSTAT_EXT_INT 0x01000000u
/* LCTL(G) intercept controls (Linux kvm_host.h LCTL_CR0, LCTL_CR6). */
#define LCTL_CR0 0x8000u
#define LCTL_CR6 0x0200u
#define CPUSTAT_ZARCH 0x00000800u
#define CPUSTAT_SM    0x00000080u   /* storage-key handling by the host */
/* Intercept controls: testvisor takes the instructions it emulates for every guest. */
#define ICTL_LPSW  0x00400000u
#define ICTL_STCTL 0x00040000u
#define ICTL_ISKE  0x00004000u
#define ICTL_SSKE  0x00002000u
#define ICTL_RRBE  0x00001000u
#define ICTL_TPROT 0x00000200u
#define SIE_ICTL_DEFAULT (ICTL_ISKE | ICTL_SSKE | ICTL_RRBE | ICTL_TPROT)
#define SIE_MEMORY_ALIGN (1ULL << 20)

struct sie_setup {
	uint64_t mso;          /* host address of guest absolute 0: 1 MiB aligned */
	uint64_t mem_size;     /* bytes: a multiple of 1 MiB */
	uint32_t prefix;
	uint16_t cpu_addr;
	uint64_t psw_mask, psw_addr;
	uint64_t cr[16];
	uint64_t gg14, gg15;
	uint32_t facility_list; /* 31-bit host address of the guest's facility list */
};

/* Fills `sd` (SIE_BLOCK_SIZE bytes, 512-byte aligned in real use); returns false with
 * `why` for a set-up SIE would reject (unaligned memory origin, empty memory...). */
bool sie_block_init(uint8_t *sd, const struct sie_setup *s, const char **why);

/* Interception codes SIE stores at SD_ICPTCODE, with what testvisor does about them
 * (after Linux's arch/s390/kvm/intercept.c, kvm_handle_sie_intercept()). */
enum sie_icpt_action {
	SIE_ICPT_LOOK,        /* wait state, requests: the common loop looks */
	SIE_ICPT_EMULATE,     /* an instruction to emulate (ipa/ipb hold it) */
	SIE_ICPT_PROGRAM,     /* a program interruption to present to the guest */
	SIE_ICPT_EMULATE_AND_PROGRAM, /* both, in that order */
	SIE_ICPT_EXTERNAL,    /* an external interruption to present to the guest */
	SIE_ICPT_VALIDITY,    /* SIE refused the state description: stop the guest */
};

struct sie_intercept {
	uint8_t code;
	const char *name;
	enum sie_icpt_action action;
};
const struct sie_intercept *sie_intercept_lookup(uint8_t code);

/* A program interruption SIE intercepted (0x08, 0x0c): its code (PER bit included) and
 * instruction-length code, the guest PSW in the state description being the old PSW
 * to store. The fields the architecture stores beside the code for it (data-exception
 * code, translation-exception code, access ids, monitor class and code, PER fields)
 * are written into `lc`, the guest's lowcore (at least 0xb8 bytes). */
struct sie_program {
	uint16_t code;
	unsigned ilc;
};
struct sie_program sie_program_interruption(const uint8_t *sd, uint8_t *lc);

/* An external interruption SIE intercepted (0x14): code, CPU address, parameter. */
struct sie_external {
	uint16_t code, cpu;
	uint32_t param;
};
struct sie_external sie_external_interruption(const uint8_t *sd);

/* Interruptions testvisor holds for the guest and what holds them back. Under SIE the
 * guest changes its PSW masks (SSM, STOSM, STNSM) and control registers without an
 * interception, so the state description must ask SIE to end when that matters: an
 * intervention request where only the PSW masks it, an LCTL(G) interception of CR0/CR6
 * where a subclass or ISC mask does (as KVM's set_intercept_indicators_ext/_io do). */
struct sie_held {
	bool ext_psw, ext_cr0; /* an external source pending: masked by the PSW / by CR0 */
	bool io_psw, io_cr6;   /* an I/O interruption pending: masked by the PSW / by CR6 */
};
/* Sets the request bits of `held` in a state description sie_block_init() filled. */
void sie_request_interventions(uint8_t *sd, const struct sie_held *held);

#endif
