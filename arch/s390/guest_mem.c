/* Guest memory as testvisor's emulation reads and writes it: guest real addresses
 * through the vCPU's prefix, absolute addresses straight into guest RAM. */
#include <string.h>
#include "s390_vcpu.h"

#define PREFIX_SIZE GUEST_PREFIX_SIZE

bool guest_abs_read(const struct vm *vm, uint64_t abs, void *dst, size_t len)
{
	return vm_read(vm, ipa_init(abs), dst, len);
}

bool guest_abs_write(struct vm *vm, uint64_t abs, const void *src, size_t len)
{
	return vm_write(vm, ipa_init(abs), src, len);
}

/* Copies in pieces that do not cross a prefix boundary (every 8 KiB). */
static bool guest_copy(const struct vcpu *vcpu, uint64_t real, void *buf, size_t len, bool write)
{
	uint8_t *p = buf;
	while (len) {
		size_t chunk = PREFIX_SIZE - (real & (PREFIX_SIZE - 1));
		if (chunk > len)
			chunk = len;
		uint64_t abs = guest_real_to_abs(vcpu, real);
		bool ok = write ? guest_abs_write(vcpu->vm, abs, p, chunk)
				: guest_abs_read(vcpu->vm, abs, p, chunk);
		if (!ok)
			return false;
		real += chunk;
		p += chunk;
		len -= chunk;
	}
	return true;
}

bool guest_read(const struct vcpu *vcpu, uint64_t real, void *dst, size_t len)
{
	return guest_copy(vcpu, real, dst, len, false);
}

bool guest_write(struct vcpu *vcpu, uint64_t real, const void *src, size_t len)
{
	return guest_copy(vcpu, real, (void *)src, len, true);
}
