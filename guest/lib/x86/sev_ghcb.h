/* Inside the payload library's SEV-ES/SNP support: building a request in the GHCB page and
 * VMGEXIT (sev_guest.c), shared with the #VC handlers for MMIO and string I/O
 * (sev_vc_data.c) and the page-state changes through the GHCB (sev_psc.c). Offsets and
 * codes written from the GHCB specification and the APM, apart from testvisor's headers. */
#ifndef GUEST_X86_SEV_GHCB_H
#define GUEST_X86_SEV_GHCB_H

#include <stdbool.h>
#include <stdint.h>
#include <stdnoreturn.h>
#include <trap_frame.h>

/* GHCB save-area offsets (GHCB specification table "GHCB layout"); bit offset/8 of the
 * valid bitmap at 0x3F0 marks each. The shared buffer is 0x800-0xFEF. */
enum {
	OFF_CPL = 0x0cb, OFF_RAX = 0x1f8, OFF_RCX = 0x308, OFF_RDX = 0x310, OFF_RBX = 0x318,
	OFF_EXIT_CODE = 0x390, OFF_EXIT_INFO1 = 0x398, OFF_EXIT_INFO2 = 0x3a0, OFF_SCRATCH = 0x3a8,
	OFF_XCR0 = 0x3e8, OFF_VALID = 0x3f0, OFF_SHARED_BUFFER = 0x800, SHARED_BUFFER_SIZE = 0x7f0,
	OFF_VERSION = 0xffa, OFF_USAGE = 0xffc,
};
/* Exit codes (APM vol. 2 appendix C) and the GHCB's own (GHCB specification). */
enum { EXIT_RDTSC = 0x6e, EXIT_CPUID = 0x72, EXIT_IOIO = 0x7b, EXIT_MSR = 0x7c,
       EXIT_VMMCALL = 0x81, EXIT_RDTSCP = 0x87, EXIT_NPF = 0x400 };
#define NAE_MMIO_READ 0x80000001ull
#define NAE_MMIO_WRITE 0x80000002ull
#define NAE_PSC 0x80000010ull
/* Why the handler gives up (reason set 1, testvisor's payload library). */
enum { TERM_NESTED = 1, TERM_UNKNOWN_EXIT, TERM_BAD_INSN, TERM_HV_ERROR, TERM_NO_GHCB };

extern uint8_t ghcb[4096];

/* The GHCB held by this CPU from filling it to reading the answer. */
void ghcb_acquire(void);
void ghcb_release(void);
/* A request: valid bitmap cleared, SW_EXITCODE/EXITINFO1/EXITINFO2 set; then fields. */
void ghcb_begin(uint64_t exit_code, uint64_t info1, uint64_t info2);
void ghcb_put(unsigned off, uint64_t v);
uint64_t ghcb_get(unsigned off);
/* VMGEXIT: -1 done, a vector when the answer names an exception; a refusal ends the guest. */
int ghcb_call(void);
/* The answer must have marked `off` valid, else the guest ends. */
void ghcb_need(unsigned off);
noreturn void sev_terminate(unsigned code);
/* The page at identity-mapped `va` with the C-bit set or clear. */
bool sev_map_cbit(uint64_t va, bool cbit);

/* #VC handlers: the instruction's length, RIP still on it. */
unsigned sev_vc_mmio(struct trap_frame *f);
unsigned sev_vc_string_io(struct trap_frame *f);

#endif
