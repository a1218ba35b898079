/* Decoding of the privileged instructions a guest in problem state traps on: a table of
 * opcodes and formats, walked by insn_decode. Pure logic, unit-tested on the host. */
#ifndef INSN_DECODE_H
#define INSN_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum insn_fmt {
	FMT_S,    /* op(16) b2 d2 */
	FMT_SI,   /* op(8) i2 b1 d1 */
	FMT_RS,   /* op(8) r1 r3 b2 d2 */
	FMT_RSY,  /* op(8) r1 r3 b2 dl2 dh2 op(8) */
	FMT_RRE,  /* op(16) -- r1 r2 */
	FMT_RRF,  /* op(16) m3 -- r1 r2 */
};

/* Where the opcode's second part is. */
enum opc_kind { OPC_8, OPC_16, OPC_8_8_LAST };

enum insn_id {
	INSN_SSM, INSN_LPSW, INSN_DIAG, INSN_STNSM, INSN_STOSM, INSN_SIGP, INSN_LCTL,
	INSN_STCTL, INSN_LCTLG, INSN_STCTG, INSN_STIDP, INSN_SCK, INSN_SCKC, INSN_STCKC,
	INSN_SPT, INSN_STPT, INSN_SPX, INSN_STPX, INSN_STAP, INSN_PTLB, INSN_SERVC,
	INSN_IPTE, INSN_ISKE, INSN_RRBE, INSN_SSKE, INSN_IVSK, INSN_CSCH, INSN_HSCH,
	INSN_MSCH, INSN_SSCH, INSN_STSCH, INSN_TSCH, INSN_TPI, INSN_SAL, INSN_RSCH,
	INSN_STCRW, INSN_STCPS, INSN_RCHP, INSN_SCHM, INSN_CHSC, INSN_XSCH, INSN_STFL,
	INSN_LPSWE, INSN_STSI, INSN_PFMF, INSN_CSP, INSN_CSPG, INSN_IDTE,
	INSN_SAC, INSN_SACF,
	INSN_STURA, INSN_STURG, /* debug_per.c */
	INSN_COUNT
};

struct insn_desc {
	uint8_t op1, op2;
	enum opc_kind kind;
	enum insn_fmt fmt;
	enum insn_id id;
	const char *name;
};

struct insn {
	const struct insn_desc *desc;
	unsigned len;         /* 2, 4 or 6 bytes */
	uint8_t r1, r2, r3, m3;
	uint8_t b1, b2;
	uint8_t i2;
	int32_t d1, d2;       /* RSY: signed 20-bit displacement */
};

extern const struct insn_desc insn_table[];
extern const size_t insn_table_len;

/* Instruction length from the first opcode byte (bits 0-1). */
static inline unsigned insn_length(uint8_t first)
{
	return first < 0x40 ? 2 : first < 0xc0 ? 4 : 6;
}

/* The table's sort key, and the opcode layout a first byte implies. */
unsigned insn_key(uint8_t op1, uint8_t op2);
enum opc_kind insn_kind_of(uint8_t op1);

/* Decodes the instruction in `bytes` (`avail` valid bytes); false when it is not in the
 * table or is truncated. */
bool insn_decode(const uint8_t *bytes, size_t avail, struct insn *out);

#endif
