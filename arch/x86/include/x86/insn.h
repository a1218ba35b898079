/* x86 instruction length decoder: enough of the encoding (prefixes, REX, the one-byte and
 * 0F/0F38/0F3A maps, ModRM/SIB/displacement, immediates) to step over any instruction
 * that exits to testvisor when the CPU does not save the next RIP (QEMU has no NRIP
 * save). Pure logic, unit-tested on the host (tests/unit/x86). */
#ifndef X86_INSN_H
#define X86_INSN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum x86_mode { X86_MODE_16, X86_MODE_32, X86_MODE_64 };

enum insn_map { INSN_MAP_1BYTE, INSN_MAP_0F, INSN_MAP_0F38, INSN_MAP_0F3A };

struct x86_insn {
	unsigned len;          /* total length in bytes */
	enum insn_map map;
	uint8_t opcode;        /* last opcode byte */
	bool has_modrm;
	uint8_t modrm;
	uint8_t rex;           /* 0 when absent */
	bool opsize_prefix, addrsize_prefix, rep_prefix;
};

#define X86_MAX_INSN_LEN 15

enum insn_error {
	INSN_TRUNCATED = -1,   /* more bytes needed than `avail` */
	INSN_TOO_LONG = -2,    /* over 15 bytes */
	INSN_UNSUPPORTED = -3, /* VEX/EVEX/XOP or an opcode invalid in this mode */
};

/* Decodes the instruction at `bytes`; returns its length (1..15) or an enum insn_error. */
int x86_insn_decode(const uint8_t *bytes, size_t avail, enum x86_mode mode, struct x86_insn *out);

#endif
