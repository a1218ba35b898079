/* The privileged-instruction table and its decoder (see insn_decode.h). */
#include "insn_decode.h"
#include <stdbool.h>

#define E(o1, o2, k, f, id, n) { o1, o2, k, f, id, n }
/* Sorted by (first opcode byte, second opcode part), for the reader and the tests. */
const struct insn_desc insn_table[] = {
	E(0x80, 0, OPC_8, FMT_S, INSN_SSM, "SSM"),
	E(0x82, 0, OPC_8, FMT_S, INSN_LPSW, "LPSW"),
	E(0x83, 0, OPC_8, FMT_RS, INSN_DIAG, "DIAG"),
	E(0xac, 0, OPC_8, FMT_SI, INSN_STNSM, "STNSM"),
	E(0xad, 0, OPC_8, FMT_SI, INSN_STOSM, "STOSM"),
	E(0xae, 0, OPC_8, FMT_RS, INSN_SIGP, "SIGP"),
	E(0xb2, 0x02, OPC_16, FMT_S, INSN_STIDP, "STIDP"),
	E(0xb2, 0x04, OPC_16, FMT_S, INSN_SCK, "SCK"),
	E(0xb2, 0x06, OPC_16, FMT_S, INSN_SCKC, "SCKC"),
	E(0xb2, 0x07, OPC_16, FMT_S, INSN_STCKC, "STCKC"),
	E(0xb2, 0x08, OPC_16, FMT_S, INSN_SPT, "SPT"),
	E(0xb2, 0x09, OPC_16, FMT_S, INSN_STPT, "STPT"),
	E(0xb2, 0x0d, OPC_16, FMT_S, INSN_PTLB, "PTLB"),
	E(0xb2, 0x10, OPC_16, FMT_S, INSN_SPX, "SPX"),
	E(0xb2, 0x11, OPC_16, FMT_S, INSN_STPX, "STPX"),
	E(0xb2, 0x12, OPC_16, FMT_S, INSN_STAP, "STAP"),
	E(0xb2, 0x19, OPC_16, FMT_S, INSN_SAC, "SAC"),
	E(0xb2, 0x20, OPC_16, FMT_RRE, INSN_SERVC, "SERVC"),
	E(0xb2, 0x21, OPC_16, FMT_RRF, INSN_IPTE, "IPTE"),
	E(0xb2, 0x23, OPC_16, FMT_RRE, INSN_IVSK, "IVSK"),
	E(0xb2, 0x29, OPC_16, FMT_RRE, INSN_ISKE, "ISKE"),
	E(0xb2, 0x2a, OPC_16, FMT_RRE, INSN_RRBE, "RRBE"),
	E(0xb2, 0x2b, OPC_16, FMT_RRF, INSN_SSKE, "SSKE"),
	E(0xb2, 0x30, OPC_16, FMT_S, INSN_CSCH, "CSCH"),
	E(0xb2, 0x31, OPC_16, FMT_S, INSN_HSCH, "HSCH"),
	E(0xb2, 0x32, OPC_16, FMT_S, INSN_MSCH, "MSCH"),
	E(0xb2, 0x33, OPC_16, FMT_S, INSN_SSCH, "SSCH"),
	E(0xb2, 0x34, OPC_16, FMT_S, INSN_STSCH, "STSCH"),
	E(0xb2, 0x35, OPC_16, FMT_S, INSN_TSCH, "TSCH"),
	E(0xb2, 0x36, OPC_16, FMT_S, INSN_TPI, "TPI"),
	E(0xb2, 0x37, OPC_16, FMT_S, INSN_SAL, "SAL"),
	E(0xb2, 0x38, OPC_16, FMT_S, INSN_RSCH, "RSCH"),
	E(0xb2, 0x39, OPC_16, FMT_S, INSN_STCRW, "STCRW"),
	E(0xb2, 0x3a, OPC_16, FMT_S, INSN_STCPS, "STCPS"),
	E(0xb2, 0x3b, OPC_16, FMT_S, INSN_RCHP, "RCHP"),
	E(0xb2, 0x3c, OPC_16, FMT_S, INSN_SCHM, "SCHM"),
	E(0xb2, 0x46, OPC_16, FMT_RRE, INSN_STURA, "STURA"),
	E(0xb2, 0x50, OPC_16, FMT_RRE, INSN_CSP, "CSP"),
	E(0xb2, 0x5f, OPC_16, FMT_RRE, INSN_CHSC, "CHSC"),
	E(0xb2, 0x76, OPC_16, FMT_S, INSN_XSCH, "XSCH"),
	E(0xb2, 0x79, OPC_16, FMT_S, INSN_SACF, "SACF"),
	E(0xb2, 0x7d, OPC_16, FMT_S, INSN_STSI, "STSI"),
	E(0xb2, 0xb1, OPC_16, FMT_S, INSN_STFL, "STFL"),
	E(0xb2, 0xb2, OPC_16, FMT_S, INSN_LPSWE, "LPSWE"),
	E(0xb6, 0, OPC_8, FMT_RS, INSN_STCTL, "STCTL"),
	E(0xb7, 0, OPC_8, FMT_RS, INSN_LCTL, "LCTL"),
	E(0xb9, 0x25, OPC_16, FMT_RRE, INSN_STURG, "STURG"),
	E(0xb9, 0x8a, OPC_16, FMT_RRE, INSN_CSPG, "CSPG"),
	E(0xb9, 0x8e, OPC_16, FMT_RRF, INSN_IDTE, "IDTE"),
	E(0xb9, 0xaf, OPC_16, FMT_RRE, INSN_PFMF, "PFMF"),
	E(0xeb, 0x25, OPC_8_8_LAST, FMT_RSY, INSN_STCTG, "STCTG"),
	E(0xeb, 0x2f, OPC_8_8_LAST, FMT_RSY, INSN_LCTLG, "LCTLG"),
};
const size_t insn_table_len = sizeof(insn_table) / sizeof(insn_table[0]);

/* First bytes whose opcode continues in a second part, and where that part is. */
static const struct { uint8_t op1; enum opc_kind kind; } groups[] = {
	{ 0xb2, OPC_16 }, { 0xb9, OPC_16 }, { 0xeb, OPC_8_8_LAST },
};
#define NR_GROUPS (sizeof(groups) / sizeof(groups[0]))

/* Direct index of the table by opcode, built on first use: a lookup is two loads. */
static const struct insn_desc *index_op1[256];
static const struct insn_desc *index_op2[NR_GROUPS][256];
static signed char group_of_op1[256];
static bool indexed;

static void build_index(void)
{
	for (unsigned i = 0; i < 256; i++)
		group_of_op1[i] = -1;
	for (unsigned g = 0; g < NR_GROUPS; g++)
		group_of_op1[groups[g].op1] = (signed char)g;
	for (size_t i = 0; i < insn_table_len; i++) {
		const struct insn_desc *d = &insn_table[i];
		int g = group_of_op1[d->op1];
		if (g < 0)
			index_op1[d->op1] = d;
		else if (groups[g].kind == d->kind)
			index_op2[g][d->op2] = d;
	}
	indexed = true;
}

unsigned insn_key(uint8_t op1, uint8_t op2) { return (unsigned)op1 << 8 | op2; }

enum opc_kind insn_kind_of(uint8_t op1)
{
	if (!indexed)
		build_index();
	int g = group_of_op1[op1];
	return g < 0 ? OPC_8 : groups[g].kind;
}

bool insn_decode(const uint8_t *b, size_t avail, struct insn *out)
{
	if (avail < 1)
		return false;
	unsigned len = insn_length(b[0]);
	if (avail < len)
		return false;
	if (!indexed)
		build_index();
	int g = group_of_op1[b[0]];
	const struct insn_desc *d = g < 0 ? index_op1[b[0]]
				: index_op2[g][groups[g].kind == OPC_16 ? b[1] : b[5]];
	if (!d)
		return false;
	*out = (struct insn){ .desc = d, .len = len };
	switch (d->fmt) {
	case FMT_S:
		out->b2 = b[2] >> 4;
		out->d2 = ((b[2] & 0xf) << 8) | b[3];
		break;
	case FMT_SI:
		out->i2 = b[1];
		out->b1 = b[2] >> 4;
		out->d1 = ((b[2] & 0xf) << 8) | b[3];
		break;
	case FMT_RS:
		out->r1 = b[1] >> 4;
		out->r3 = b[1] & 0xf;
		out->b2 = b[2] >> 4;
		out->d2 = ((b[2] & 0xf) << 8) | b[3];
		break;
	case FMT_RSY: {
		out->r1 = b[1] >> 4;
		out->r3 = b[1] & 0xf;
		out->b2 = b[2] >> 4;
		int32_t dl = ((b[2] & 0xf) << 8) | b[3];
		int32_t dh = (int8_t)b[4];
		out->d2 = dh * 4096 + dl;
		break;
	}
	case FMT_RRE:
		out->r1 = b[3] >> 4;
		out->r2 = b[3] & 0xf;
		break;
	case FMT_RRF:
		out->m3 = b[2] >> 4;
		out->r1 = b[3] >> 4;
		out->r2 = b[3] & 0xf;
		break;
	}
	return true;
}
