/* The VMSA fields testvisor writes before launch (AMD APM vol. 2 Table B-4, "VMSA Layout,
 * State Save Area for SEV-ES"; the same offsets as Linux's struct sev_es_save_area). The
 * page starts with the VMCB save area's layout. */
#ifndef X86_VMSA_H
#define X86_VMSA_H

#include <stdint.h>
#include <string.h>

#define VMSA_GUEST_TSC_SCALE 0x2F0   /* Secure TSC: 8.32 fixed-point scale */
#define VMSA_GUEST_TSC_OFFSET 0x2F8  /* Secure TSC: offset added after scaling */
#define VMSA_SEV_FEATURES 0x3B0

static inline void vmsa_write64(void *vmsa, unsigned off, uint64_t v)
{
	memcpy((uint8_t *)vmsa + off, &v, sizeof(v));
}

static inline uint64_t vmsa_read64(const void *vmsa, unsigned off)
{
	uint64_t v;
	memcpy(&v, (const uint8_t *)vmsa + off, sizeof(v));
	return v;
}

#endif
