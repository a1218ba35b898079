/* The TSC a guest reads, as the CPU computes it (pure, host-tested):
 * - without Secure TSC (AMD APM vol. 2 §15.30.5 "TSC Ratio MSR"): host TSC times TSC_RATIO
 *   (MSR C000_0104h, 8.32 fixed point: bits 39:32 integer, 31:0 fraction, reset 1.0) plus
 *   the VMCB's TSC_OFFSET (0x050);
 * - with Secure TSC (APM vol. 2 §15.36.18 "Secure TSC"): host TSC times the VMSA's
 *   GUEST_TSC_SCALE (0x2F0, same format) plus GUEST_TSC_OFFSET (0x2F8); the VMCB's
 *   TSC_OFFSET and TSC_RATIO do not apply. */
#ifndef X86_GUEST_TSC_H
#define X86_GUEST_TSC_H

#include <stdbool.h>
#include <stdint.h>

#define TSC_RATIO_ONE (1ull << 32)
#define TSC_RATIO_VALID_MASK ((1ull << 40) - 1) /* bits 63:40 reserved */

struct guest_tsc_state {
	bool secure_tsc;
	uint64_t vmcb_tsc_offset, tsc_ratio;        /* what the hypervisor controls */
	uint64_t vmsa_tsc_scale, vmsa_tsc_offset;   /* Secure TSC: launch values in the VMSA */
};

/* host_tsc * ratio (8.32), with a 128-bit intermediate. */
uint64_t tsc_scaled(uint64_t host_tsc, uint64_t ratio);
/* The 8.32 ratio that turns a host_khz TSC into a guest_khz one (0 when host_khz is 0). */
uint64_t tsc_ratio_for(uint64_t host_khz, uint64_t guest_khz);
/* Secure TSC launch values for the VMSA: the scale that turns host_khz into guest_khz and
 * the offset that makes the guest's TSC read 0 at host TSC `host_tsc_now`. */
void secure_tsc_launch_values(uint64_t host_khz, uint64_t guest_khz, uint64_t host_tsc_now,
			      uint64_t *scale, uint64_t *offset);
/* The guest's TSC for a host TSC value. */
uint64_t guest_tsc_read(const struct guest_tsc_state *s, uint64_t host_tsc);

#endif
