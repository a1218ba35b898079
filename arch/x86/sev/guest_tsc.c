/* The TSC a guest reads (see x86/guest_tsc.h). */
#include <x86/guest_tsc.h>

uint64_t tsc_scaled(uint64_t host_tsc, uint64_t ratio)
{
	return (uint64_t)(((unsigned __int128)host_tsc * (ratio & TSC_RATIO_VALID_MASK)) >> 32);
}

uint64_t tsc_ratio_for(uint64_t host_khz, uint64_t guest_khz)
{
	if (!host_khz)
		return 0;
	return (uint64_t)(((unsigned __int128)guest_khz << 32) / host_khz);
}

void secure_tsc_launch_values(uint64_t host_khz, uint64_t guest_khz, uint64_t host_tsc_now,
			      uint64_t *scale, uint64_t *offset)
{
	*scale = tsc_ratio_for(host_khz, guest_khz);
	*offset = 0 - tsc_scaled(host_tsc_now, *scale);
}

uint64_t guest_tsc_read(const struct guest_tsc_state *s, uint64_t host_tsc)
{
	if (s->secure_tsc)
		return tsc_scaled(host_tsc, s->vmsa_tsc_scale) + s->vmsa_tsc_offset;
	return tsc_scaled(host_tsc, s->tsc_ratio) + s->vmcb_tsc_offset;
}
