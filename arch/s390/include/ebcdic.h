/* ASCII to EBCDIC, IBM code page 037 (the SCLP console's message text, the names in
 * SYSIB 3.2.2). */
#ifndef S390_EBCDIC_H
#define S390_EBCDIC_H

#include <stdint.h>

/* Printable ASCII (0x20..0x7e) to code page 037; anything else becomes a blank (0x40). */
uint8_t ascii_to_ebcdic(char c);

#endif
