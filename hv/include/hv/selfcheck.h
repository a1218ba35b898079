/* The built-in self-check of the core (allocator, config, results, loader, FDT). */
#ifndef HV_SELFCHECK_H
#define HV_SELFCHECK_H
/* Returns the number of failed checks; each check prints one line through hv_check. */
unsigned selfcheck_core(void);
#endif
