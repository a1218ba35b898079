/* STSI system-information blocks testvisor builds itself: SYSIB 3.2.2, the description
 * of the virtual machine a guest runs in. Pure logic, unit-tested. */
#ifndef SYSIB_H
#define SYSIB_H

#include <stdint.h>

#define SYSIB_SIZE 4096
#define SYSIB_322_COUNT 31      /* low nibble: number of VM descriptions */
#define SYSIB_322_VM 32         /* first description, 64 bytes each */
#define SYSIB_322_VM_CPUS_TOTAL 4
#define SYSIB_322_VM_CPUS_CONFIGURED 6
#define SYSIB_322_VM_NAME 12    /* 8 EBCDIC characters */
#define SYSIB_322_VM_CPI 24     /* control-program identifier, 16 EBCDIC characters */

/* Fills `page` with SYSIB 3.2.2 for one virtual machine of `cpus` CPUs. */
void sysib_322_build(uint8_t page[SYSIB_SIZE], unsigned cpus, const char *name, const char *cpi);

/* The names are stored in EBCDIC (ebcdic.h). */
#include "ebcdic.h"

#endif
