/* Catching expected machine checks (guest/lib/s390/mcheck.c). */
#ifndef S390_MCHECK_H
#define S390_MCHECK_H

#include <stdint.h>

/* Installs the handler; from then on machine checks are counted, not fatal. */
void mcheck_catch(void);
unsigned mcheck_count(void);
uint64_t mcheck_last_mcic(void);
/* Enters an enabled wait until a machine check comes; returns how many came. */
unsigned mcheck_wait(void);
/* Opens machine checks for a moment without waiting; returns how many came (0 when
 * none was pending). */
unsigned mcheck_poll(void);

#endif
