/* SIE state-description set-up and the interception table (see sie.h). */
#include <string.h>
#include "sie.h"

static void put16(uint8_t *p, uint16_t v) { p[0] = v >> 8; p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, (uint16_t)v); }
static void put64(uint8_t *p, uint64_t v) { put32(p, v >> 32); put32(p + 4, (uint32_t)v); }

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
	memset(sd, 0, SIE_BLOCK_SIZE);
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

static const struct sie_intercept intercepts[] = {
	{ 0x04, "instruction", true },
	{ 0x08, "program interruption", false },
	{ 0x0c, "instruction and program interruption", true },
	{ 0x10, "external request", false },
	{ 0x14, "external interruption", false },
	{ 0x18, "I/O request", false },
	{ 0x1c, "wait state", false },
	{ 0x20, "validity", false },
	{ 0x28, "stop request", false },
	{ 0x2c, "operation exception", true },
	{ 0x38, "partial execution", true },
	{ 0x40, "I/O instruction", true },
};

const struct sie_intercept *sie_intercept_lookup(uint8_t code)
{
	for (size_t i = 0; i < sizeof(intercepts) / sizeof(intercepts[0]); i++)
		if (intercepts[i].code == code)
			return &intercepts[i];
	return NULL;
}
