/* SIE state-description set-up and the interception table (see sie.h). */
#include <string.h>
#include <s390_arch.h>
#include "sie.h"

/* Big-endian stores: one store each on s390x (this runs on every SIE entry), swapped
 * for the little-endian host of the unit tests. */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define BE16(v) (v)
#define BE32(v) (v)
#define BE64(v) (v)
#else
#define BE16(v) __builtin_bswap16(v)
#define BE32(v) __builtin_bswap32(v)
#define BE64(v) __builtin_bswap64(v)
#endif
static void put16(uint8_t *p, uint16_t v) { v = BE16(v); __builtin_memcpy(p, &v, 2); }
static void put32(uint8_t *p, uint32_t v) { v = BE32(v); __builtin_memcpy(p, &v, 4); }
static void put64(uint8_t *p, uint64_t v) { v = BE64(v); __builtin_memcpy(p, &v, 8); }

bool sie_block_init(uint8_t *sd, const struct sie_setup *s, const char **why)
{
	if (s->mso % SIE_MEMORY_ALIGN) {
		*why = "memory origin not 1 MiB aligned";
		return false;
	}
	if (!s->mem_size || s->mem_size % SIE_MEMORY_ALIGN) {
		*why = "memory size not a non-zero multiple of 1 MiB";
		return false;
	}
	if (s->prefix & 0x1fff || s->prefix >= s->mem_size) {
		*why = "prefix not 8 KiB aligned inside guest memory";
		return false;
	}
	if (s->facility_list & 0x80000007u) {
		*why = "facility list not a doubleword-aligned 31-bit address";
		return false;
	}
	__builtin_memset(sd, 0, SIE_BLOCK_SIZE); /* two XCs on s390x */
	put32(sd + SD_CPUFLAGS, CPUSTAT_ZARCH | CPUSTAT_SM);
	put32(sd + SD_PREFIX, s->prefix);
	put16(sd + SD_ICPUA, s->cpu_addr);
	put32(sd + SD_ICTL, SIE_ICTL_DEFAULT);
	put64(sd + SD_MSO, s->mso);
	/* The memory limit is the last byte's address. */
	put64(sd + SD_MSL, s->mso + s->mem_size - 1);
	put64(sd + SD_GPSW, s->psw_mask);
	put64(sd + SD_GPSW + 8, s->psw_addr);
	put64(sd + SD_GG14, s->gg14);
	put64(sd + SD_GG15, s->gg15);
	for (int i = 0; i < 16; i++)
		put64(sd + SD_GCR + 8 * i, s->cr[i]);
	put32(sd + SD_FAC, s->facility_list);
	return true;
}

void sie_request_interventions(uint8_t *sd, const struct sie_held *held)
{
	uint32_t flags = (uint32_t)sd[SD_CPUFLAGS] << 24 | (uint32_t)sd[SD_CPUFLAGS + 1] << 16 |
			 (uint32_t)sd[SD_CPUFLAGS + 2] << 8 | sd[SD_CPUFLAGS + 3];
	uint16_t lctl = (uint16_t)(sd[SD_LCTL] << 8 | sd[SD_LCTL + 1]);
	if (held->ext_psw)
		flags |= CPUSTAT_EXT_INT;
	if (held->io_psw)
		flags |= CPUSTAT_IO_INT;
	if (held->ext_cr0)
		lctl |= LCTL_CR0;
	if (held->io_cr6)
		lctl |= LCTL_CR6;
	put32(sd + SD_CPUFLAGS, flags);
	put16(sd + SD_LCTL, lctl);
}

static const struct sie_intercept intercepts[] = {
	{ 0x04, "instruction", SIE_ICPT_EMULATE },
	{ 0x08, "program interruption", SIE_ICPT_PROGRAM },
	{ 0x0c, "instruction and program interruption", SIE_ICPT_EMULATE_AND_PROGRAM },
	{ 0x10, "external request", SIE_ICPT_LOOK },
	{ 0x14, "external interruption", SIE_ICPT_EXTERNAL },
	{ 0x18, "I/O request", SIE_ICPT_LOOK },
	{ 0x1c, "wait state", SIE_ICPT_LOOK },
	{ 0x20, "validity", SIE_ICPT_VALIDITY },
	{ 0x28, "stop request", SIE_ICPT_LOOK },
	{ 0x2c, "operation exception", SIE_ICPT_EMULATE },
	{ 0x38, "partial execution", SIE_ICPT_EMULATE },
	{ 0x40, "I/O instruction", SIE_ICPT_EMULATE },
};

const struct sie_intercept *sie_intercept_lookup(uint8_t code)
{
	for (size_t i = 0; i < sizeof(intercepts) / sizeof(intercepts[0]); i++)
		if (intercepts[i].code == code)
			return &intercepts[i];
	return NULL;
}

/* The fields stored beside a program-interruption code, by code (Linux
 * arch/s390/kvm/intercept.c, inject_prog_on_prog_intercept(); PoP ch. 6 "Program
 * Interruption"): translation-exception code, exception and operand access ids,
 * monitor class and code, data-exception code. */
#define PF_TEC 1u
#define PF_EAI 2u
#define PF_OAI 4u
#define PF_MONITOR 8u
#define PF_DXC 16u

static const struct { uint8_t code; uint8_t fields; } program_fields[] = {
	{ PGM_PROTECTION, PF_TEC | PF_EAI },
	{ PGM_DATA, PF_DXC },
	{ PGM_VECTOR_PROCESSING, PF_DXC },
	{ PGM_SEGMENT_TRANSLATION, PF_TEC | PF_EAI | PF_OAI },
	{ PGM_PAGE_TRANSLATION, PF_TEC | PF_EAI | PF_OAI },
	{ PGM_ASCE_TYPE, PF_TEC | PF_EAI | PF_OAI },
	{ PGM_REGION_FIRST, PF_TEC | PF_EAI | PF_OAI },
	{ PGM_REGION_SECOND, PF_TEC | PF_EAI | PF_OAI },
	{ PGM_REGION_THIRD, PF_TEC | PF_EAI | PF_OAI },
	{ PGM_SPACE_SWITCH, PF_TEC },
	{ PGM_AFX_TRANSLATION, PF_TEC },
	{ PGM_ASX_TRANSLATION, PF_TEC },
	{ PGM_LX_TRANSLATION, PF_TEC },
	{ PGM_EX_TRANSLATION, PF_TEC },
	{ PGM_PRIMARY_AUTHORITY, PF_TEC },
	{ PGM_SECONDARY_AUTHORITY, PF_TEC },
	{ PGM_LFX_TRANSLATION, PF_TEC },
	{ PGM_LSX_TRANSLATION, PF_TEC },
	{ PGM_LSTE_SEQUENCE, PF_TEC },
	{ PGM_ALEN_TRANSLATION, PF_EAI },
	{ PGM_ALE_SEQUENCE, PF_EAI },
	{ PGM_ASTE_VALIDITY, PF_EAI },
	{ PGM_ASTE_SEQUENCE, PF_EAI },
	{ PGM_EXTENDED_AUTHORITY, PF_EAI },
	{ PGM_ASTE_INSTANCE, PF_EAI },
	{ PGM_MONITOR, PF_MONITOR },
};

/* One field copied from the state description to the lowcore (both big endian). */
static const struct { uint8_t field; uint16_t sd, lc, len; } program_copies[] = {
	{ PF_TEC, SD_TECMC, LC_TRANS_EXC_CODE, 8 },
	{ PF_EAI, SD_EAI, LC_EXC_ACCESS_ID, 1 },
	{ PF_OAI, SD_OAI, LC_OP_ACCESS_ID, 1 },
	{ PF_MONITOR, SD_MCN, LC_MON_CLASS, 2 },
	{ PF_MONITOR, SD_TECMC, LC_MONITOR_CODE, 8 },
	{ PF_DXC, SD_DXC, LC_DATA_EXC_CODE, 4 },
};

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }

static unsigned fields_of(uint16_t code)
{
	for (size_t i = 0; i < sizeof(program_fields) / sizeof(program_fields[0]); i++)
		if (program_fields[i].code == (code & ~PGM_PER))
			return program_fields[i].fields;
	return 0;
}

struct sie_program sie_program_interruption(const uint8_t *sd, uint8_t *lc)
{
	struct sie_program p = { get16(sd + SD_IPRCC), get16(sd + SD_PGMILC) & 0x6u };
	unsigned fields = fields_of(p.code);
	for (size_t i = 0; i < sizeof(program_copies) / sizeof(program_copies[0]); i++)
		if (fields & program_copies[i].field)
			memcpy(lc + program_copies[i].lc, sd + program_copies[i].sd, program_copies[i].len);
	if (p.code & PGM_PER) {
		lc[LC_PER_CODE] = sd[SD_PERC];
		lc[LC_PER_ATMID] = sd[SD_PERATMID];
		memcpy(lc + LC_PER_ADDRESS, sd + SD_PERADDR, 8);
		lc[LC_PER_ACCESS_ID] = sd[SD_PERAID];
	}
	return p;
}

struct sie_external sie_external_interruption(const uint8_t *sd)
{
	return (struct sie_external){
		.code = get16(sd + SD_EIC),
		.cpu = get16(sd + SD_EXTCPUADDR),
		.param = (uint32_t)get16(sd + SD_EIPARAMS) << 16 | get16(sd + SD_EIPARAMS + 2),
	};
}
