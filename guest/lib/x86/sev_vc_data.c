/* The #VC handlers whose data travel through the GHCB's shared buffer (GHCB specification
 * "MMIO Access" and "IOIO"): an MMIO MOV (#VC 0x400 for an access to an emulated device's
 * page) and INS/OUTS, decoded by vc_insn.c and carried out with the data in the scratch
 * area at 0x800 of the GHCB page, as Linux's #VC handler does. The payload's memory is
 * identity-mapped (VA = GPA). */
#include <string.h>
#include "sev_ghcb.h"
#include "sev_guest.h"
#include "vc_insn.h"

#define RFLAGS_DF (1ull << 10)
/* IOIO EXITINFO1 (APM vol. 2 §15.10.2): IN 0, STR 2, REP 3, size 6:4, A64 9, segment 12:10. */
#define IOIO_IN 1ull
#define IOIO_STR (1ull << 2)
#define IOIO_REP (1ull << 3)
#define IOIO_A64 (1ull << 9)
#define IOIO_SEG_DS (3ull << 10)

/* Register n in the instruction encoding's numbering. */
static uint64_t *frame_reg(struct trap_frame *f, unsigned n)
{
	uint64_t *const regs[16] = { &f->rax, &f->rcx, &f->rdx, &f->rbx, &f->rsp, &f->rbp,
				     &f->rsi, &f->rdi, &f->r8, &f->r9, &f->r10, &f->r11,
				     &f->r12, &f->r13, &f->r14, &f->r15 };
	return regs[n & 15];
}

static uint64_t scratch_gpa(void) { return (uint64_t)(uintptr_t)(ghcb + OFF_SHARED_BUFFER); }

/* SW_EXITINFO1 the GPA, SW_EXITINFO2 the byte count, SW_SCRATCH the data. */
unsigned sev_vc_mmio(struct trap_frame *f)
{
	struct vc_mmio m;
	if (!vc_mmio_decode((const uint8_t *)f->rip, VC_INSN_MAX, &m))
		sev_terminate(TERM_BAD_INSN);
	uint64_t regs[16];
	for (unsigned i = 0; i < 16; i++)
		regs[i] = *frame_reg(f, i);
	uint64_t gpa = vc_mmio_address(&m, regs, f->rip + m.len) & ~sev_cbit_mask();
	bool write = m.kind == VC_MMIO_STORE || m.kind == VC_MMIO_STORE_IMM;
	uint64_t val = write ? vc_mmio_store_value(&m, regs) : 0;
	memset(ghcb + OFF_SHARED_BUFFER, 0, 8);
	memcpy(ghcb + OFF_SHARED_BUFFER, &val, m.size);
	ghcb_begin(write ? NAE_MMIO_WRITE : NAE_MMIO_READ, gpa, m.size);
	ghcb_put(OFF_SCRATCH, scratch_gpa());
	ghcb_call();
	if (!write) {
		val = 0;
		memcpy(&val, ghcb + OFF_SHARED_BUFFER, m.size);
		uint64_t *r = frame_reg(f, m.reg);
		*r = vc_mmio_load_result(&m, *r, val);
	}
	return m.len;
}

/* INS/OUTS (DX the port, RDI/RSI the buffer, RCX the count with REP): as many elements at
 * a time as the shared buffer holds, SW_EXITINFO2 their number. */
unsigned sev_vc_string_io(struct trap_frame *f)
{
	struct vc_string_io s;
	if (!vc_string_io_decode((const uint8_t *)f->rip, VC_INSN_MAX, &s) || (f->rflags & RFLAGS_DF))
		sev_terminate(TERM_BAD_INSN);
	uint64_t count = s.rep ? f->rcx : 1;
	uint64_t info = (uint64_t)(uint16_t)f->rdx << 16 | IOIO_A64 | (uint64_t)s.size << 4 | IOIO_STR |
			(s.rep ? IOIO_REP : 0) | (s.in ? IOIO_IN : IOIO_SEG_DS);
	uint8_t *buf = ghcb + OFF_SHARED_BUFFER;
	while (count) {
		uint64_t n = count < SHARED_BUFFER_SIZE / s.size ? count : SHARED_BUFFER_SIZE / s.size;
		uint64_t bytes = n * s.size;
		if (!s.in)
			memcpy(buf, (const void *)(uintptr_t)f->rsi, bytes);
		ghcb_begin(EXIT_IOIO, info, n);
		ghcb_put(OFF_SCRATCH, scratch_gpa());
		ghcb_call();
		if (s.in) {
			memcpy((void *)(uintptr_t)f->rdi, buf, bytes);
			f->rdi += bytes;
		} else {
			f->rsi += bytes;
		}
		count -= n;
		if (s.rep)
			f->rcx -= n;
	}
	return s.len;
}
