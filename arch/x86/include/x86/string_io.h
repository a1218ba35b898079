/* INS/OUTS (string port I/O) as an IOIO intercept reports them: what EXITINFO1 says, the
 * segment of the memory operand, and one iteration's register update. Pure logic,
 * host-tested (test_x86_string_io); exits.c carries it out on the vCPU. Source: AMD APM
 * vol. 2 §15.10.2 (IOIO EXITINFO1: STR, REP, SZ8/16/32, A16/32/64, SEG), vol. 3 INS/INSB
 * and OUTS/OUTSB (ES:rDI for INS, no override; DS:rSI or the override for OUTS; rSI/rDI
 * step by the operand size, down when RFLAGS.DF is set; REP counts rCX of the address
 * size). */
#ifndef X86_STRING_IO_H
#define X86_STRING_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum x86_seg { SEG_ES, SEG_CS, SEG_SS, SEG_DS, SEG_FS, SEG_GS };

struct string_io {
	bool in;            /* INS: port -> ES:rDI; else OUTS: seg:rSI -> port */
	bool rep;
	unsigned size;      /* operand bytes: 1, 2 or 4 */
	unsigned addr_bits; /* 16, 32 or 64; 0 when EXITINFO1 did not say (QEMU 10's TCG) */
};

/* False when EXITINFO1 is not a string I/O exit or a one-hot field has two bits set. An
 * address size of none leaves addr_bits 0: string_io_mode_addr_bits then gives it. */
bool string_io_decode(uint64_t exit_info1, struct string_io *s);
/* The segment of OUTS's source: DS unless a segment-override prefix says otherwise (the
 * last one wins). `bytes` are the instruction's `len` bytes. */
enum x86_seg string_io_source_segment(const uint8_t *bytes, size_t len);
/* The address size from the mode, for an exit that did not report it: the mode's
 * default (64 in long mode, else 32 or 16 by CS.D), toggled by a 0x67 prefix. */
unsigned string_io_mode_addr_bits(bool long_mode, bool cs_d, const uint8_t *bytes, size_t len);
/* The iterations left: rCX of the address size (REP), else 1. */
uint64_t string_io_count(const struct string_io *s, uint64_t rcx);
/* The offset the iteration uses: rSI/rDI of the address size. */
uint64_t string_io_offset(const struct string_io *s, uint64_t index);
/* After one iteration: the index register moved by the operand size (down with DF) and,
 * with REP, rCX decremented; each wraps within the address size. A 32-bit result is
 * zero-extended (as any 32-bit register write in long mode), a 16-bit one keeps the upper
 * bits. */
void string_io_advance(const struct string_io *s, bool df, uint64_t *index, uint64_t *rcx);

#endif
