/* SBI calls from a payload (S-mode on OpenSBI, VS-mode under testvisor). */
#ifndef GUEST_RISCV_SBI_H
#define GUEST_RISCV_SBI_H

#include <stdbool.h>
#include <stdint.h>
#include <sbi_defs.h>

struct sbiret {
	long error;
	long value;
};

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long a0,
			unsigned long a1, unsigned long a2, unsigned long a3,
			unsigned long a4, unsigned long a5);
/* BASE probe_extension: the nonzero value it returned, or 0 when absent. */
long sbi_probe(unsigned long ext);
long sbi_impl_id(void);
long sbi_spec_version(void);
/* True when the SBI implementation is OpenSBI (the standalone reference). */
bool sbi_is_opensbi(void);
/* Human name of an SBI error code ("SBI_ERR_DENIED"...). */
const char *sbi_err_name(long err);

/* The hart id and DTB the payload was entered with. */
extern uint64_t boot_hart_id;
extern const void *boot_dtb;

#endif
