/* SYSIB 3.2.2 (see sysib.h). */
#include <stdbool.h>
#include <string.h>
#include "sysib.h"

/* Names use A-Z, 0-9 and blanks; any other character is stored as '?'. */
static uint8_t name_char(char c)
{
	bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ';
	return ascii_to_ebcdic(ok ? c : '?');
}

/* An EBCDIC field of `len` characters, blank padded. */
static void put_name(uint8_t *dst, const char *s, unsigned len)
{
	for (unsigned i = 0; i < len; i++)
		dst[i] = name_char(*s ? *s++ : ' ');
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
