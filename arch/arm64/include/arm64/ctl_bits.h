/* HCR_EL2 and HCRX_EL2 bits a VM runs with, described like the FGT rows: each bit with
 * the feature it depends on and its value when that feature is exposed or hidden.
 * Pure logic (ctl_bits.c), host unit-tested. */
#ifndef ARM64_CTL_BITS_H
#define ARM64_CTL_BITS_H

#include <stddef.h>
#include <stdint.h>
#include <arm64/cpu_view.h>

enum ctl_reg { CTL_HCR, CTL_HCRX, CTL_NR_REGS };

struct ctl_row {
	uint8_t reg;       /* enum ctl_reg */
	uint8_t bit;
	uint8_t feature;   /* enum cpu_feature; FEAT_BASE: a fixed bit */
	uint8_t exposed;   /* value when the VM has the feature */
	uint8_t hidden;    /* value when the host has it but the VM does not */
	const char *name;
};

extern const struct ctl_row ctl_rows[];
extern const size_t ctl_rows_len;

/* The register values for a VM; bits of features the host lacks stay 0. */
void ctl_compile(const struct ctl_row *rows, size_t n, uint64_t host_features,
		 uint64_t vm_features, uint64_t out[CTL_NR_REGS]);

#endif
