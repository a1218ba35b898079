/* The SBI extensions testvisor implements for guests (registry in sbi.c). */
#ifndef RV_SBI_EXTS_H
#define RV_SBI_EXTS_H

#include <rv_sbi.h>

extern const struct sbi_extension sbi_ext_legacy_set_timer, sbi_ext_legacy_putchar,
	sbi_ext_legacy_getchar, sbi_ext_legacy_shutdown;
extern const struct sbi_extension sbi_ext_base, sbi_ext_time, sbi_ext_ipi, sbi_ext_rfence,
	sbi_ext_hsm, sbi_ext_srst, sbi_ext_dbcn;

/* testvisor's SBI implementation version (BASE get_impl_version). */
#define TESTVISOR_SBI_IMPL_VERSION 1

#endif
