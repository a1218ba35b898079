/* SYSIB 3.2.2 (see sysib.h). */
#include <string.h>
#include "sysib.h"

uint8_t ascii_to_ebcdic(char c)
{
	if (c >= 'A' && c <= 'I')
		return (uint8_t)(0xc1 + (c - 'A'));
	if (c >= 'J' && c <= 'R')
		return (uint8_t)(0xd1 + (c - 'J'));
	if (c >= 'S' && c <= 'Z')
		return (uint8_t)(0xe2 + (c - 'S'));
	if (c >= '0' && c <= '9')
		return (uint8_t)(0xf0 + (c - '0'));
	if (c == ' ')
		return 0x40;
	return 0x6f; /* '?' */
}

/* An EBCDIC field of `len` characters, blank padded. */
static void put_name(uint8_t *dst, const char *s, unsigned len)
{
	for (unsigned i = 0; i < len; i++)
		dst[i] = ascii_to_ebcdic(*s ? *s++ : ' ');
}

void sysib_322_build(uint8_t page[SYSIB_SIZE], unsigned cpus, const char *name, const char *cpi)
{
	memset(page, 0, SYSIB_SIZE);
	page[SYSIB_322_COUNT] = 1;
	uint8_t *vm = page + SYSIB_322_VM;
	vm[SYSIB_322_VM_CPUS_TOTAL] = (uint8_t)(cpus >> 8);
	vm[SYSIB_322_VM_CPUS_TOTAL + 1] = (uint8_t)cpus;
	vm[SYSIB_322_VM_CPUS_CONFIGURED] = (uint8_t)(cpus >> 8);
	vm[SYSIB_322_VM_CPUS_CONFIGURED + 1] = (uint8_t)cpus;
	put_name(vm + SYSIB_322_VM_NAME, name, 8);
	put_name(vm + SYSIB_322_VM_CPI, cpi, 16);
}
